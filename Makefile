# The ultravisor: proofs, host tests, cross builds.
# The README's two commands: `make prove` (the main job) and `make check`.
# Both install what they need first (scripts/setup.sh, apt-get on Debian 12).

.DEFAULT_GOAL := all
.PHONY: all setup prove check cross clean

BUILD := build
SPEC := spec
# The boot: its device-tree reader (mk/boot.mk builds uvboot from it too)
# and the C side of its entry (bringup.c).
BOOT_READER_SRCS := src/boot/fdt.c src/boot/dt_scan.c src/boot/reserve.c src/boot/boot_map.c \
	src/boot/pool_plan.c
BOOT_SRCS := $(BOOT_READER_SRCS) src/boot/bringup.c
# The C core: every file here is proved by `make prove` and built freestanding.
CORE_SRCS := src/ucall/dispatch.c src/ucall/ucall_table.c src/ucall/handlers_todo.c \
	src/state.c src/mem/pate.c src/ucall/entry.c src/mem/frames.c src/mem/slots.c \
	src/mem/pages.c src/mem/normal_map.c src/guest/svm.c src/guest/exits.c src/guest/reflect.c \
	src/guest/svm_sc.c src/guest/esm.c src/mem/leaf.c src/mem/tree.c \
	src/guest/vector.c src/guest/interrupt.c src/guest/fault.c src/guest/int_entry.c \
	src/guest/deliver.c src/guest/rtas.c $(BOOT_SRCS)
# The hardware-facing layer (src/arch/arch.h): proved code calls it through
# its contract; each build links one implementation.
ARCH_HOST_SRCS := src/arch/host/normal.c src/arch/lock.c src/arch/percpu.c src/arch/host/fw.c src/arch/host/lock_reset.c src/arch/host/random.c \
	src/arch/host/tlb.c src/arch/host/ra.c src/arch/host/state.c \
	src/arch/radix_word.c src/arch/tables_ra.c src/arch/frame_bytes.c
ARCH_PPC64_SRCS := src/arch/ppc64/normal.c src/arch/lock.c \
	src/arch/ppc64/random.c src/arch/percpu.c src/arch/ppc64/tlb.c \
	src/arch/ppc64/ra.c src/arch/ppc64/fw.c src/arch/radix_word.c src/arch/tables_ra.c \
	src/arch/frame_bytes.c
CORE_INC := -I$(SPEC) -Isrc

WARN := -Wall -Wextra -Werror
CORE_CFLAGS := -std=c11 -O2 $(WARN) $(CORE_INC)

all: check

# ---- set-up -----------------------------------------------------------------
# Installs what is missing (apt-get update first) and runs `why3 config detect`
# once.  A stamp under build/ keeps later targets from asking again.
SETUP_STAMP := $(BUILD)/.setup
setup: $(SETUP_STAMP)
$(SETUP_STAMP): scripts/setup.sh
	sh scripts/setup.sh
	@mkdir -p $(BUILD) && touch $@

# Each fragment owns one job and may add targets to CHECK_EXTRA (run by
# `make check`) or CROSS_EXTRA (run by `make cross`).
CHECK_EXTRA :=
CROSS_EXTRA :=
include mk/*.mk

# The README's test command: unit tests, the cross builds, the emulation,
# fuzz, trace and proof-pipeline tests.  Not the whole proof, which is
# `make prove`: CI (.ci/run) runs both, the proof with no cache at all
# (PROVE_MODE=none: the provers run on every goal, no file decides a
# verdict).  Apart, the tests answer in minutes and the proof in about 70 (2026-12-04).
# The set-up first, alone (it may run apt-get); then the jobs two at a
# time (CHECK_JOBS), each one's output kept together (--output-sync): the
# unit tests and the emulation, the two longest, no longer wait for each
# other on 2 cores.
CHECK_JOBS ?= 2
check: $(SETUP_STAMP)
	$(MAKE) -j$(CHECK_JOBS) --output-sync=target check-jobs

.PHONY: check-jobs
check-jobs: test cross $(CHECK_EXTRA)

cross: $(CROSS_EXTRA)

clean:
	rm -rf $(BUILD)
