# ---- uvsim: the trace replayer (docs/uvsim.md) ----------------------------------
# The core and the host arch with ASan and UBSan, plus the executable state
# invariant; `make uvsim-test` replays tests/uvsim/*.trace against their
# hand-written .expect files and the malformed-input cases.
.PHONY: uvsim uvsim-test
UVSIM := $(BUILD)/host/uvsim

$(UVSIM): tools/uvsim/uvsim.c tests/common/state_check.c tests/common/walk.c tests/common/walk.h $(CORE_SRCS) \
		$(ARCH_HOST_SRCS) $(wildcard src/*.h src/*/*.h src/arch/host/*.h spec/*.h) \
		$(SETUP_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(HOST_CFLAGS) tools/uvsim/uvsim.c tests/common/state_check.c \
		$(CORE_SRCS) $(ARCH_HOST_SRCS) -o $@ -lfdt

uvsim: $(UVSIM)

uvsim-test: $(UVSIM)
	sh tests/uvsim/run.sh $(UVSIM)

CHECK_EXTRA += uvsim-test
