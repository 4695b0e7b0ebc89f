# ---- the bad-input table (tests/bad/bad-inputs.tsv) ------------------------------
.PHONY: bad-inputs
BAD_BIN := $(BUILD)/host/run_bad

$(BAD_BIN): tests/bad/run_bad.c tests/common/state_check.c tests/common/walk.c tests/common/walk.h $(CORE_SRCS) \
		$(ARCH_HOST_SRCS) $(wildcard src/*.h src/*/*.h src/arch/host/*.h spec/*.h) \
		$(SETUP_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(HOST_CFLAGS) tests/bad/run_bad.c tests/common/state_check.c \
		$(CORE_SRCS) $(ARCH_HOST_SRCS) -o $@

bad-inputs: $(BAD_BIN)
	$(BAD_BIN) tests/bad/bad-inputs.tsv

CHECK_EXTRA += bad-inputs
