#!/bin/sh
# Check that a linked ultravisor image (build/<arch>/uv.elf) lies wholly in
# ultravisor memory, from its symbol table (nm -S).
#
# In ultravisor real mode an effective address with EA bit 0 (IBM
# numbering: the most significant bit) clear is URMOR-relative: EA x is real
# address URMOR + x, inside the secure memory the image was loaded into.
# With EA bit 0 set it is a real address of the hypervisor's memory
# (spec/memmap.h, spec/TRUSTED.md).  The image runs at the EAs it is linked
# at (asm/uv.lds links it at 0), so everything it owns must be at EAs with
# bit 0 clear, inside [0, __uv_image_end), and __uv_image_end must not pass
# LIMIT (UV_IMAGE_LIMIT of spec/memmap.h).  uv_state is no part of the
# image: asm/state.S places it (an absolute symbol) so that its pool, at
# offset POOL (STATE_POOL of asm-offsets.h), starts at LIMIT, where the
# boot's memory map puts pool range 0, and the rest of it lies between the
# image's end and LIMIT.  Checked:
#  - uv_image_base is 0 and __uv_image_end <= LIMIT;
#  - uv_cpus (every struct uv_cpu) and uv_stacks (every stack) are defined,
#    and each [start, start + size) lies inside [0, __uv_image_end);
#  - every other symbol with an address (text, data, bss) lies inside it too;
#  - uv_state is defined with a size of at least POOL, at or past
#    __uv_image_end, and uv_state + POOL == LIMIT;
#  - uv_state is 64 KiB aligned: its first field is the partition table
#    (src/state.h, spec/pate.h), which PTCR names by a 64 KiB aligned real
#    address (URMOR + this offset; URMOR is itself aligned far more);
#  - no address has EA bit 0 set.
# Usage: check-uvmem.sh NM IMAGE LIMIT POOL   (LIMIT and POOL in C notation,
# 0x... or decimal; a U/L suffix is ignored).  tests/uvmem/test.sh feeds it
# fake nm output.
set -eu
NM=$1; IMG=$2; LIMIT=$(echo "$3" | sed 's/[uUlL]*$//'); POOL=$(echo "${4:-}" | sed 's/[uUlL]*$//')
[ $((LIMIT)) -gt 0 ] || { echo "$IMG: bad limit $3" >&2; exit 1; }
[ -n "$POOL" ] && [ $((POOL)) -gt 0 ] || { echo "$IMG: bad pool offset ${4:-}" >&2; exit 1; }
$NM -S "$IMG" | awk -v img="$IMG" -v limit="$((LIMIT))" -v pool="$((POOL))" '
	# Hex digits to a number; exact below 2^53, which every address that
	# passes the bit-0 test and the limit is.
	function hex(s,   i, v) {
		v = 0; s = tolower(s)
		for (i = 1; i <= length(s); i++)
			v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
		return v
	}
	# EA bit 0 set: 16 hex digits, the first 8..f.
	function bit0(s) { return length(s) >= 16 && substr(s, length(s) - 15, 1) ~ /[89a-fA-F]/ }
	function fail(msg) { print img ": " msg > "/dev/stderr"; bad = 1 }
	NF == 4 { addr[$4] = $1; size[$4] = $2; type[$4] = $3; n++; names[n] = $4 }
	NF == 3 { addr[$3] = $1; size[$3] = ""; type[$3] = $2; n++; names[n] = $3 }
	END {
		if (!("uv_image_base" in addr) || hex(addr["uv_image_base"]) != 0)
			fail("uv_image_base is not at 0 (the image must be linked at URMOR + 0)")
		if (!("__uv_image_end" in addr)) { fail("no __uv_image_end"); exit 1 }
		if (bit0(addr["__uv_image_end"]))
			fail("__uv_image_end has EA bit 0 set")
		end = hex(addr["__uv_image_end"])
		if (end > limit)
			fail(sprintf("the image ends at %#x, past the ultravisor-memory limit %#x", end, limit))
		split("uv_state uv_cpus uv_stacks", need, " ")
		for (k = 1; k <= 3; k++) {
			s = need[k]
			if (!(s in addr)) { fail(s " is not defined"); continue }
			if (size[s] == "" || hex(size[s]) == 0) { fail(s " has no size"); continue }
		}
		if (("uv_state" in addr) && hex(addr["uv_state"]) % 65536 != 0)
			fail("uv_state at " addr["uv_state"] " is not 64 KiB aligned: the partition table (its first field) must be")
		if ("uv_state" in addr && size["uv_state"] != "") {
			a = hex(addr["uv_state"])
			if (bit0(addr["uv_state"]))
				fail("uv_state at " addr["uv_state"] ": EA bit 0 set, not ultravisor memory")
			else if (a < end)
				fail(sprintf("uv_state at %#x is inside the image [0, %#x)", a, end))
			else if (a + pool != limit)
				fail(sprintf("the pool of uv_state at %#x, not at the limit %#x (where the map of the boot puts pool range 0)", a + pool, limit))
			if (hex(size["uv_state"]) < pool)
				fail("uv_state is smaller than the offset of its pool")
		}
		for (k = 1; k <= n; k++) {
			s = names[k]; t = type[s]
			if (s == "uv_state") continue  # placed past the image: above
			if (t ~ /^[aAuUvVwW]$/ || t == "U") continue  # absolute, undefined, weak
			if (bit0(addr[s])) { fail(s " at " addr[s] ": EA bit 0 set, not ultravisor memory"); continue }
			a = hex(addr[s]); z = size[s] == "" ? 0 : hex(size[s])
			if (a + z > end)
				fail(sprintf("%s [%#x, %#x) is not inside the image [0, %#x)", s, a, a + z, end))
		}
		if (bad) exit 1
		printf "%s: image [0, %#x) below %#x, uv_cpus and uv_stacks inside it, uv_state at %#x (64 KiB aligned: the partition table) past it with its pool at %#x, EA bit 0 clear\n", img, end, limit, hex(addr["uv_state"]), limit
	}
'
