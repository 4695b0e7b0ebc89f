# ---- coverage-guided fuzzing (libFuzzer; tests/fuzz/fuzz_ucalls.c) ---------------
#   make fuzz [FUZZ_SECONDS=N]   fuzz for N seconds (default 30) from the seed
#                                corpus, print executions per second; first
#                                the device-tree reader's target as long
#                                (fuzz-fdt, mk/boot.mk)
#   make fuzz-short              the short run make check makes (20 s)
#   make fuzz-seeds              each seed still reaches what it was written for
#                                (tests/fuzz/seeds.expect; part of make check)
# New inputs go to build/fuzz/corpus, never into the committed seeds.
.PHONY: fuzz fuzz-short fuzz-seeds
FUZZ_SECONDS ?= 30
FUZZ_BIN := $(BUILD)/fuzz/fuzz_ucalls

# The invariant checker reads every word of the 4 MiB pool after every
# operation; built without instrumentation (it is test code, not the core)
# it costs a tenth as much, which is most of the fuzzer's speed.
$(BUILD)/fuzz/state_check.o: tests/common/state_check.c tests/common/walk.c tests/common/walk.h tests/common/state_check.h \
		$(wildcard src/*.h src/*/*.h spec/*.h) $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	clang -std=c11 -O2 $(WARN) $(CORE_INC) -Itests/common -c $< -o $@

$(FUZZ_BIN): tests/fuzz/fuzz_ucalls.c tests/common/state_rows.h $(BUILD)/fuzz/state_check.o $(CORE_SRCS) \
		$(ARCH_HOST_SRCS) $(wildcard src/*.h src/*/*.h src/arch/host/*.h spec/*.h) \
		$(SETUP_STAMP)
	@mkdir -p $(dir $@)
	clang -std=c11 -O1 -g $(WARN) $(CORE_INC) -Itests/common -D_GNU_SOURCE \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		tests/fuzz/fuzz_ucalls.c $(BUILD)/fuzz/state_check.o $(CORE_SRCS) \
		$(ARCH_HOST_SRCS) -o $@

fuzz: $(FUZZ_BIN) fuzz-fdt
	@mkdir -p $(BUILD)/fuzz/corpus $(BUILD)/fuzz/crashes
	$(FUZZ_BIN) -max_total_time=$(FUZZ_SECONDS) -max_len=384 \
		-artifact_prefix=$(BUILD)/fuzz/crashes/ -print_final_stats=1 \
		$(BUILD)/fuzz/corpus tests/fuzz/corpus 2> $(BUILD)/fuzz/log; \
		rc=$$?; tail -n 25 $(BUILD)/fuzz/log; \
		execs=$$(sed -n 's/^stat::number_of_executed_units: *//p' $(BUILD)/fuzz/log); \
		echo "fuzz: $$execs executions in $(FUZZ_SECONDS) s," \
		     "$$((execs / $(FUZZ_SECONDS))) per second; exit $$rc"; exit $$rc

fuzz-short:
	$(MAKE) fuzz FUZZ_SECONDS=20

# Each seed still reaches what it was written for (tests/fuzz/seeds.expect).
fuzz-seeds: $(FUZZ_BIN)
	sh tests/fuzz/seeds.sh $(FUZZ_BIN) tests/fuzz/corpus tests/fuzz/seeds.expect

CHECK_EXTRA += fuzz-short fuzz-seeds
