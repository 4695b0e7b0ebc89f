# ---- make bench: what one sc 2 costs, and how big the ultravisor is -------------
# tests/bench/bench.c is the emulation harness (tests/emu/harness.c, included
# with its main renamed) driving exactly one modelled sc 2 per run, chosen by
# argv.  tools/bench.sh runs it under qemu-user's instruction log (qemu 7.2:
# -singlestep -d exec,nochain: one line per executed instruction; -dfilter
# limits it to the ultravisor's text, so the set-up, the checks and libc are
# not logged) and tools/bench-count.sh counts the instructions from the
# vector (image base + 0xC00) to urfid whose address lies in the ultravisor's
# text, taken from the driver's link map (the .uv.head/.text input sections
# of asm/entry.o and the C core objects).  Also printed: sizeof(struct
# uv_state), `size` of each uv.elf, and with BENCH_PROVE=1 the wall time of
# `make prove` from scratch and replayed.  The target check (a rejected
# number under BENCH_TARGET=100 instructions on ppc64le) prints PASS or FAIL;
# BENCH_STRICT=1 makes a FAIL fail the target.  Not part of `make check`.
# Figures: docs/bench.md.
.PHONY: bench

BENCH_ARCHES := ppc64le ppc64
BENCH_TARGET ?= 100
BENCH_STRICT ?= 0
BENCH_PROVE ?= 0

define BENCH_ARCH_RULES
$(BUILD)/bench/$(1)/bench: tests/bench/bench.c tests/emu/harness.c \
		tests/emu/emu_call.S tests/emu/emu.h tests/emu/emu_state.h tests/emu/patch.c tests/emu/patch.h \
		$(BUILD)/$(1)/asm/entry.o $(ASM_EMU_CORE_$(1)) $(ASM_HDRS)
	@mkdir -p $$(dir $$@)
	$$(ASM_CC_$(1)) -static -O2 -std=gnu11 $(ASM_FLAGS) -fno-stack-protector \
		-Iasm -Itests/emu -I$(BUILD)/$(1) $(CORE_INC) $$(EMU_DEFS) -Wl,--wrap=uv_entry -Wl,--wrap=uv_int_entry \
		-Wl,-Map,$$@.map -o $$@ tests/bench/bench.c tests/emu/emu_call.S tests/emu/patch.c \
		$(BUILD)/$(1)/asm/entry.o $(ASM_EMU_CORE_$(1))
# The emulated boot (tests/emu/boot.c), with a map for bench-count.sh.
$(BUILD)/bench/$(1)/boot: tests/emu/boot.c tests/emu/emu_state.h tests/emu/boot_call.S tests/emu/patch.c tests/emu/patch.h \
		$(BUILD)/$(1)/asm/entry.o $(ASM_EMU_CORE_$(1)) $(ASM_HDRS)
	@mkdir -p $$(dir $$@)
	$$(ASM_CC_$(1)) -static -O2 -std=gnu11 -pthread $(ASM_FLAGS) -fno-stack-protector \
		-Iasm -Itests/emu -I$(BUILD)/$(1) $(CORE_INC) $$(EMU_DEFS) \
		-Wl,-Map,$$@.map -o $$@ tests/emu/boot.c tests/emu/boot_call.S tests/emu/patch.c \
		$(BUILD)/$(1)/asm/entry.o $(ASM_EMU_CORE_$(1))
endef
$(foreach a,$(BENCH_ARCHES),$(eval $(call BENCH_ARCH_RULES,$(a))))

bench: $(foreach a,$(BENCH_ARCHES),$(BUILD)/bench/$(a)/bench $(BUILD)/bench/$(a)/boot $(BUILD)/$(a)/uv.elf) \
		$(BUILD)/emu/boot.dtb
	@mkdir -p $(BUILD)/bench
	@CORE_OBJS_ppc64le="$(ASM_EMU_CORE_ppc64le)" CORE_OBJS_ppc64="$(ASM_EMU_CORE_ppc64)" \
	NM_ppc64le=$(ASM_PFX_ppc64le)nm NM_ppc64=$(ASM_PFX_ppc64)nm \
	QEMU_ppc64le=$(ASM_QEMU_ppc64le) QEMU_ppc64=$(ASM_QEMU_ppc64) \
	BENCH_TARGET=$(BENCH_TARGET) BENCH_STRICT=$(BENCH_STRICT) \
	BENCH_PROVE=$(BENCH_PROVE) \
		sh tools/bench.sh $(BUILD) $(BENCH_ARCHES) > $(BUILD)/bench/report.txt; \
	st=$$?; cat $(BUILD)/bench/report.txt; exit $$st
