# ---- the assembly, the linked ultravisor, the emulated tests -------------------
# asm/ holds the sc vector and exit path (entry.S), built for ppc64le and
# ppc64 with -mcpu=power9.  Offsets come from asm/asm-offsets.c compiled
# with -S and turned into build/<arch>/asm-offsets.h by sed (never written by
# hand).  `make cross` links build/<arch>/uv.elf (asm + freestanding core,
# no libc, asm/uv.lds) and prints its size; `make emu-test` runs the same asm
# objects under qemu-user (tests/emu/, see asm/README.md).
# Calling convention: ELFv2 on ppc64le, ELFv1 (function descriptors) on ppc64.
.PHONY: asm-objs uv-elf emu-test

ASM_ARCHES := ppc64le ppc64
# mk/cross.mk is read after this file: its variables are used only in
# recipes (expanded late); the core object lists are spelt here as it does.
ASM_CC_ppc64le = $(CROSS_le) -mlittle-endian
ASM_CC_ppc64 = $(CROSS_be) -mbig-endian
ASM_PFX_ppc64le = $(patsubst %gcc,%,$(CROSS_le))
ASM_PFX_ppc64 = $(patsubst %gcc,%,$(CROSS_be))
ASM_CORE_ppc64le := $(CORE_SRCS:src/%.c=$(BUILD)/ppc64le/core/%.o) \
	$(ARCH_PPC64_SRCS:src/%.c=$(BUILD)/ppc64le/core/%.o)
ASM_CORE_ppc64 := $(CORE_SRCS:src/%.c=$(BUILD)/ppc64/core/%.o) \
	$(ARCH_PPC64_SRCS:src/%.c=$(BUILD)/ppc64/core/%.o)
# The emulation harness puts its normal memory, EMU_HV_EA_SPAN bytes (256
# MiB, the host's HOST_NORMAL_END), at EMU_HV_EA_BASE (mmapped with
# MAP_FIXED_NOREPLACE; 2^44, far from where qemu-user loads the static
# harness, its heap and stacks, and a power of two above EMU_HV_EA_SPAN, as
# spec/memmap.h requires), so its core objects take arch_normal_page and
# arch_fw_bytes from a normal.o and a fw.o built with that base
# (build/<arch>/emu/) instead of the image's (UV_HV_EA_BASE = EA bit 0,
# spec/memmap.h).  Every other object is shared: the core's reach is the
# image's; the harness's map says its memory is the only normal range.
EMU_HV_EA_BASE ?= 0x100000000000
EMU_HV_EA_SPAN := 0x10000000
# uv_state (up to the top of 2^52: its pool's window) is no object of the
# core's; uv.elf places it (asm/state.S), and the harnesses at EMU_STATE_EA,
# which tests/emu/emu_state.h maps (MAP_NORESERVE) before main: 1 GiB, past
# where qemu-user loads the static harness (0x10000000) and its heap, below
# where it maps (2^38), and within 2 GiB of the harness's TOC, as the
# objects' TOC-relative accesses need.
EMU_STATE_EA := 0x40000000
# The harnesses' pool window (spec/uv_config.h UV_WIN_FRAMES), 2^21 frames
# (128 GiB, mapped MAP_NORESERVE): the image's reaches the top of 2^52,
# which qemu-user cannot reserve.  Only the harnesses are built with it:
# the core objects are uv.elf's, with the whole window, and the pool is
# uv_state's last field, so every offset before it is the same.  So the
# harnesses keep every frame inside their window: the 2^20 frames in two
# runs apart (tests/emu/harness.c, emu_frames_map), and the boot's map
# (tests/emu/boot.dts), whose pool ranges lie in it.
EMU_WIN_FRAMES := 0x200000
EMU_DEFS = -DUV_HV_EA_BASE=$(EMU_HV_EA_BASE)UL -DUV_HV_EA_SPAN=$(EMU_HV_EA_SPAN)UL \
	-DUV_WIN_FRAMES=$(EMU_WIN_FRAMES)UL \
	-DEMU_STATE_EA=$(EMU_STATE_EA)UL -Wl,--defsym=uv_state=$(EMU_STATE_EA)
# The image's .bss, which the boot's primary thread clears (asm/boot.S),
# must be apart from the harness's own (libc's): each core object's .bss is
# renamed uv_bss (build/<arch>/emu/bss/), and ld gives __start_uv_bss and
# __stop_uv_bss, the two symbols asm/uv.lds defines around uv.elf's .bss.
# The boot's assembly (asm/boot.S) goes with the core objects.
ASM_EMU_RAW_ppc64le := $(filter-out %/arch/ppc64/normal.o %/arch/ppc64/fw.o,$(ASM_CORE_ppc64le)) \
	$(BUILD)/ppc64le/emu/normal.o $(BUILD)/ppc64le/emu/fw.o
ASM_EMU_RAW_ppc64 := $(filter-out %/arch/ppc64/normal.o %/arch/ppc64/fw.o,$(ASM_CORE_ppc64)) \
	$(BUILD)/ppc64/emu/normal.o $(BUILD)/ppc64/emu/fw.o
ASM_EMU_CORE_ppc64le := $(patsubst $(BUILD)/ppc64le/%,$(BUILD)/ppc64le/emu/bss/%,$(ASM_EMU_RAW_ppc64le)) \
	$(BUILD)/ppc64le/asm/boot.o
ASM_EMU_CORE_ppc64 := $(patsubst $(BUILD)/ppc64/%,$(BUILD)/ppc64/emu/bss/%,$(ASM_EMU_RAW_ppc64)) \
	$(BUILD)/ppc64/asm/boot.o
# The limit asm/check-uvmem.sh checks each uv.elf against, from spec/memmap.h.
UV_IMAGE_LIMIT_VAL = $(shell printf '\043include "memmap.h"\nUV_IMAGE_LIMIT\n' | \
	$(CROSS_le) -E -P $(CORE_INC) - | tail -n 1)
ASM_QEMU_ppc64le := qemu-ppc64le
ASM_QEMU_ppc64 := qemu-ppc64
ASM_HDRS := $(wildcard src/*.h src/*/*.h spec/*.h) asm/uv_asm.h
ASM_FLAGS := -mcpu=power9 $(WARN) -Wa,--fatal-warnings
EMU_SEED ?= 1
EMU_ROUNDS ?= 64

# $(1) = arch directory under build/
define ASM_ARCH_RULES
$(BUILD)/$(1)/asm-offsets.s: asm/asm-offsets.c $(ASM_HDRS) $(SETUP_STAMP)
	@mkdir -p $$(dir $$@)
	$$(ASM_CC_$(1)) $(CORE_CFLAGS) $$(FREESTANDING) -S $$< -o $$@

$(BUILD)/$(1)/asm-offsets.h: $(BUILD)/$(1)/asm-offsets.s
	( echo '/* Generated from asm/asm-offsets.c by mk/asm.mk: do not edit. */'; \
	  echo '#ifndef UV_ASM_OFFSETS_H'; echo '#define UV_ASM_OFFSETS_H'; \
	  sed -n 's/^[[:space:]]*\.ascii[[:space:]]*"->\([A-Za-z0-9_]*\) \([-0-9]*\)"$$$$/#define \1 \2/p' $$<; \
	  echo '#endif' ) > $$@.tmp
	test "$$$$(grep -c '^#define FRAME_GPR' $$@.tmp)" -eq 32
	mv $$@.tmp $$@

$(BUILD)/$(1)/asm/%.o: asm/%.S $(BUILD)/$(1)/asm-offsets.h $(ASM_HDRS)
	@mkdir -p $$(dir $$@)
	$$(ASM_CC_$(1)) $(ASM_FLAGS) -Iasm -Isrc -I$(BUILD)/$(1) -c $$< -o $$@

$(BUILD)/$(1)/uv.elf: $(BUILD)/$(1)/asm/entry.o $(BUILD)/$(1)/asm/boot.o $(BUILD)/$(1)/asm/state.o \
		$(ASM_CORE_$(1)) asm/uv.lds asm/check-image.sh asm/check-uvmem.sh tests/uvmem/test.sh
	$$(ASM_CC_$(1)) -nostdlib -static -Wl,-T,asm/uv.lds -Wl,--fatal-warnings \
		-Wl,--no-warn-rwx-segments -Wl,--build-id=none -o $$@.tmp $(BUILD)/$(1)/asm/entry.o \
		$(BUILD)/$(1)/asm/boot.o $(BUILD)/$(1)/asm/state.o $(ASM_CORE_$(1))
	sh asm/check-image.sh $$(ASM_PFX_$(1))objdump $$(ASM_PFX_$(1))nm $$@.tmp
	pool=$$$$(sed -n 's/^#define STATE_POOL //p' $(BUILD)/$(1)/asm-offsets.h) && \
	sh tests/uvmem/test.sh $$(ASM_PFX_$(1))nm $$@.tmp $$(UV_IMAGE_LIMIT_VAL) "$$$$pool" && \
	sh asm/check-uvmem.sh $$(ASM_PFX_$(1))nm $$@.tmp $$(UV_IMAGE_LIMIT_VAL) "$$$$pool"
	mv $$@.tmp $$@
	size $$@

# A core object for the harnesses, its .bss renamed uv_bss (above) and
# aligned to a cache block, as asm/uv.lds asserts of uv.elf's .bss: the
# boot's dcbz would clear the harness's bytes before an unaligned start.
$(BUILD)/$(1)/emu/bss/%.o: $(BUILD)/$(1)/%.o
	@mkdir -p $$(dir $$@)
	$$(ASM_PFX_$(1))objcopy --rename-section .bss=uv_bss --set-section-alignment .bss=128 $$< $$@

# normal.c and fw.c with the harness's base for normal memory
# (EMU_HV_EA_BASE).
$(BUILD)/$(1)/emu/%.o: src/arch/ppc64/%.c $(wildcard src/*.h src/*/*.h spec/*.h) $(SETUP_STAMP)
	@mkdir -p $$(dir $$@)
	$$(ASM_CC_$(1)) $(CORE_CFLAGS) $$(FREESTANDING) $$(EMU_DEFS) -c $$< -o $$@

$(BUILD)/$(1)/emu/harness: tests/emu/harness.c tests/common/state_rows.h tests/emu/emu_call.S tests/emu/emu.h tests/emu/emu_state.h tests/emu/patch.c tests/emu/patch.h \
		$(BUILD)/$(1)/asm/entry.o $(ASM_EMU_CORE_$(1)) $(ASM_HDRS)
	@mkdir -p $$(dir $$@)
	$$(ASM_CC_$(1)) -static -O2 -std=gnu11 $(ASM_FLAGS) -fno-stack-protector \
		-Iasm -Itests/emu -I$(BUILD)/$(1) $(CORE_INC) $$(EMU_DEFS) -Wl,--wrap=uv_entry -Wl,--wrap=uv_int_entry \
		-o $$@ tests/emu/harness.c tests/emu/emu_call.S tests/emu/patch.c \
		$(BUILD)/$(1)/asm/entry.o $(ASM_EMU_CORE_$(1))

# The emulated boot (tests/emu/boot.c): the boot entry on several threads.
$(BUILD)/$(1)/emu/boot: tests/emu/boot.c tests/emu/emu_state.h tests/emu/boot_call.S tests/emu/patch.c tests/emu/patch.h \
		$(BUILD)/$(1)/asm/entry.o $(ASM_EMU_CORE_$(1)) $(ASM_HDRS)
	@mkdir -p $$(dir $$@)
	$$(ASM_CC_$(1)) -static -O2 -std=gnu11 -pthread $(ASM_FLAGS) -fno-stack-protector \
		-Iasm -Itests/emu -I$(BUILD)/$(1) $(CORE_INC) $$(EMU_DEFS) \
		-o $$@ tests/emu/boot.c tests/emu/boot_call.S tests/emu/patch.c \
		$(BUILD)/$(1)/asm/entry.o $(ASM_EMU_CORE_$(1))

.PHONY: emu-test-$(1)
emu-test-$(1): $(BUILD)/$(1)/emu/harness $(BUILD)/$(1)/emu/boot $(BUILD)/emu/boot.dtb
	$(ASM_QEMU_$(1)) $$< $(EMU_SEED) $(EMU_ROUNDS)
	$(ASM_QEMU_$(1)) $(BUILD)/$(1)/emu/boot $(BUILD)/emu/boot.dtb
endef
$(foreach a,$(ASM_ARCHES),$(eval $(call ASM_ARCH_RULES,$(a))))

$(BUILD)/emu/boot.dtb: tests/emu/boot.dts $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	dtc -q -I dts -O dtb -o $@ $<

asm-objs: $(foreach a,$(ASM_ARCHES),$(BUILD)/$(a)/asm/entry.o $(BUILD)/$(a)/asm/boot.o)
uv-elf: $(foreach a,$(ASM_ARCHES),$(BUILD)/$(a)/uv.elf)
emu-test: $(foreach a,$(ASM_ARCHES),emu-test-$(a))

CROSS_EXTRA += uv-elf
CHECK_EXTRA += emu-test

# Mutation check of the emulated tests (not part of `make check`): every
# mutant of asm/entry.S and of src/arch/ppc64/normal.c listed in
# tests/emu/mutate.sh must make them fail, and every mutant of asm/boot.S
# and src/boot/bringup.c in tests/emu/mutate-boot.sh the emulated boot.
.PHONY: emu-mutate
emu-mutate: $(BUILD)/ppc64le/asm-offsets.h $(BUILD)/ppc64le/asm/entry.o $(ASM_EMU_CORE_ppc64le) \
		$(BUILD)/emu/boot.dtb
	EMU_DEFS="$(EMU_DEFS)" MUTATE_CFLAGS="$(CORE_CFLAGS) $(FREESTANDING)" \
	sh tests/emu/mutate.sh "$(ASM_CC_ppc64le)" $(ASM_QEMU_ppc64le) \
		$(BUILD)/ppc64le $(ASM_EMU_CORE_ppc64le)
	EMU_DEFS="$(EMU_DEFS)" MUTATE_CFLAGS="$(CORE_CFLAGS) $(FREESTANDING)" \
	sh tests/emu/mutate-boot.sh "$(ASM_CC_ppc64le)" $(ASM_PFX_ppc64le)objcopy \
		$(ASM_QEMU_ppc64le) $(BUILD)/ppc64le $(BUILD)/emu/boot.dtb $(ASM_EMU_CORE_ppc64le)
