#!/bin/sh
# Replays every tests/uvsim/*.trace and compares stdout with its .expect
# (written by hand from spec/page-states.md and spec/ABI.md); then feeds
# malformed lines, each of which must be reported with its line number and
# exit status 2, never a crash.  Usage: run.sh path/to/uvsim
set -u
uvsim=$1
dir=$(dirname "$0")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
n=0
for t in "$dir"/*.trace; do
	name=$(basename "$t" .trace)
	n=$((n + 1))
	if ! "$uvsim" "$t" > "$tmp/out" 2> "$tmp/err"; then
		echo "uvsim-test: $name: exit $?: $(cat "$tmp/err")" >&2
		fail=1
	elif ! diff -u "$dir/$name.expect" "$tmp/out" >&2; then
		echo "uvsim-test: $name: output differs from $name.expect" >&2
		fail=1
	fi
done
# The secret (0xee) must never show in normal memory, whatever the .expect says.
if "$uvsim" "$dir/secret.trace" | grep -Eq '^peek [^ ]+ ([0-9a-f]{2})*ee'; then
	echo "uvsim-test: secret: a peek of normal memory shows the secret" >&2
	fail=1
fi
# Standard input works as the file does.
if ! "$uvsim" < "$dir/esm_flow.trace" | cmp -s - "$dir/esm_flow.expect"; then
	echo "uvsim-test: reading standard input differs" >&2
	fail=1
fi
# Malformed input: "line|trace text" (\n separates lines).
bad=0
while IFS='|' read -r line text; do
	[ -z "$line" ] && continue
	bad=$((bad + 1))
	printf "$text" > "$tmp/bad"
	"$uvsim" "$tmp/bad" > /dev/null 2> "$tmp/err"
	rc=$?
	if [ "$rc" -ne 2 ] || ! grep -q "^uvsim: line $line: " "$tmp/err"; then
		echo "uvsim-test: malformed '$text': exit $rc, stderr: $(cat "$tmp/err")" >&2
		fail=1
	fi
done <<'CASES'
1|foo r3=1\n
2|hv r3=UV_ESM\nvm:0 r3=UV_ESM\n
1|vm:4096 r3=UV_ESM\n
1|svm:x r3=1\n
1|hv r4=1\n
1|hv r3=0xZZ\n
1|hv r3=0x\n
1|hv r3=18446744073709551616\n
1|hv r3=-1\n
1|hv r3=017\n
1|hv r3=1 r32=0\n
1|hv r3=1 r3=2\n
1|hv r3=1 r04=2\n
1|hv r+3=0x4\n
1|pate 4096\n
1|pate\n
2|pate 0\npate 0 1\n
1|walk\n
1|walk 0\n
1|walk 0 0 0\n
1|walk 4096 0\n
1|walk x 0\n
1|walk 0 y\n
1|walk 0 0x10000000000000\n
2|walk 0 0xfffffffffffff\nwalk 0 -1\n
1|hv r3=1 r-4=2\n
1|hv r3=1 r 4=2\n
1|hv r3=1 r4\n
1|hv r3=1 r4==2\n
1|hv r3=1 r100=2\n
1|hv r3=1 x4=2\n
1|hv r3=UV_NO_SUCH_CALL\n
1|hv-return\n
1|svm:7/1024 r3=1\n
1|svm-hcall:7/x r3=1\n
1|svm:7/ r3=1\n
5|vm:7 r3=UV_ESM\nhv-return r0=0\nhv-return r0=0\nsvm-hcall:7/3 r3=0x58\nsvm-hcall:7/3 r3=0x58\n
1|hv-return r0=0 r13=1\n
1|hv-return r0=0 cookie=@1\n
1|hv-return r0=0 cookie=@0\n
1|hv-return r0=0 cookie=1 cookie=2\n
1|hv-return r0=0 cookie=@x\n
1|hv-return r0=0 r4=1 r4=2\n
1|hv-return r0=0 r04=1\n
1|hv-return r00=0\n
1|hv-return r+0=0\n
1|hv-return r0=0 r+4=1\n
1|hv-return r0=0 r3=1\n
1|svm-hcall:0 r3=1\n
1|svm-int:7 r3=1\n
1|svm-int:7 vec=0x910\n
1|svm-int:7 vec=0xE00\n
1|svm-int:7 vec=0x980 asdr=0x10000\n
1|svm-int:7 vec=0xE20 asdr=1 asdr=2\n
1|svm-int:7 vec=0xC00\n
1|svm-int:7 vec=0x1234\n
1|svm-int:7 vec=0x980 vec=0x980\n
1|svm-int:7 vec=0x980 hsrr0=1\n
1|svm-int:7 vec=0x980 r3=1 r3=2\n
1|svm-int:7/1024 vec=0x980\n
5|vm:7 r3=UV_ESM\nhv-return r0=0\nhv-return r0=0\nsvm-int:7/3 vec=0x980\nsvm-int:7/3 vec=0x500\n
1|svm-user-hcall:0 r3=1\n
1|svm-user-hcall:4096 r3=1\n
1|svm-user-hcall: r3=1\n
1|fill 0x10001 1\n
1|fill 0x10000000 1\n
1|fill 0 256\n
1|fdt 0x10000\n
1|fdt 0x10001 1\n
1|fdt 0x10000 0x100000000\n
1|fdt 0x10000 1 2\n
1|peek\n
1|svm-peek 0 1\n
1|svm-write 1 1 256\n
1|svm-write 1 1\n
1|dump now\n
3|# comment\n\nhv r3=1 r4\n
CASES
# A very long line and a line of binary bytes.
awk 'BEGIN { printf "hv r3=1"; for (i = 0; i < 20000; i++) printf " r4=1"; print "" }' > "$tmp/long"
"$uvsim" "$tmp/long" > /dev/null 2> "$tmp/err"
if [ $? -ne 2 ] || ! grep -q '^uvsim: line 1: ' "$tmp/err"; then
	echo "uvsim-test: long line not reported" >&2
	fail=1
fi
head -c 4096 /dev/urandom > "$tmp/bin"
"$uvsim" "$tmp/bin" > /dev/null 2>&1
rc=$?
if [ "$rc" -ne 2 ] && [ "$rc" -ne 0 ]; then
	echo "uvsim-test: binary input: exit $rc" >&2
	fail=1
fi
[ "$fail" -eq 0 ] && echo "uvsim-test: $n traces, $bad malformed inputs, long and binary input: ok"
exit $fail
