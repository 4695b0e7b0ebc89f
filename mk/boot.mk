# ---- the boot's device-tree reader (src/boot/, docs/uvboot.md) ------------------
#   build/host/uvboot   what the boot would do with a device-tree blob
#   make boot-test      tests/boot: dtc-built blobs and byte-changed ones, uvboot
#                       (ASan, UBSan) against hand-written expectations and
#                       against libfdt's reference (tests/boot/fdt_oracle.c)
#   make fuzz-fdt       libFuzzer over the reader, libfdt as the oracle
#                       (`make fuzz` runs it with the ucall target)
.PHONY: uvboot boot-test fuzz-fdt
UVBOOT := $(BUILD)/host/uvboot
BOOT_DEPS := $(BOOT_READER_SRCS) $(wildcard src/boot/*.h) spec/boot.h spec/uv_config.h \
	spec/memmap.h spec/uv_abi.h tools/uvboot_text.c tools/uvboot_text.h $(SETUP_STAMP)
UVBOOT_SRCS := tools/uvboot.c tools/uvboot_text.c $(BOOT_READER_SRCS)

$(UVBOOT): $(UVBOOT_SRCS) $(BOOT_DEPS)
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 $(WARN) $(CORE_INC) -Itools $(UVBOOT_SRCS) -o $@

# The same tool with ASan and UBSan, which the tests run.
$(BUILD)/boot/uvboot-san: $(UVBOOT_SRCS) $(BOOT_DEPS)
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O1 -g $(WARN) $(CORE_INC) -Itools \
		-fsanitize=address,undefined -fno-sanitize-recover=all $(UVBOOT_SRCS) -o $@

$(BUILD)/boot/fdt_oracle: tests/boot/fdt_oracle.c tests/boot/fdt_oracle.h $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 $(WARN) -DORACLE_MAIN tests/boot/fdt_oracle.c -lfdt -o $@

uvboot: $(UVBOOT)

boot-test: $(UVBOOT) $(BUILD)/boot/uvboot-san $(BUILD)/boot/fdt_oracle
	sh tests/boot/run.sh $(BUILD)/boot/uvboot-san $(BUILD)/boot/fdt_oracle $(BUILD)/boot/blobs

CHECK_EXTRA += boot-test

FUZZ_FDT_BIN := $(BUILD)/fuzz/fuzz_fdt
$(FUZZ_FDT_BIN): tests/fuzz/fuzz_fdt.c tests/boot/fdt_oracle.c tests/boot/fdt_oracle.h $(BOOT_DEPS)
	@mkdir -p $(dir $@)
	clang -std=c11 -O1 -g $(WARN) $(CORE_INC) -Itools -Itests/boot \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		tests/fuzz/fuzz_fdt.c tests/boot/fdt_oracle.c tools/uvboot_text.c \
		$(BOOT_READER_SRCS) -lfdt -o $@

# Seeds: the blobs boot-test builds (good and bad); new inputs go to
# build/fuzz/fdt-corpus.
fuzz-fdt: $(FUZZ_FDT_BIN) boot-test
	@mkdir -p $(BUILD)/fuzz/fdt-corpus $(BUILD)/fuzz/crashes
	$(FUZZ_FDT_BIN) -max_total_time=$(FUZZ_SECONDS) -max_len=8192 \
		-artifact_prefix=$(BUILD)/fuzz/crashes/ -print_final_stats=1 \
		$(BUILD)/fuzz/fdt-corpus $(BUILD)/boot/blobs 2> $(BUILD)/fuzz/fdt-log; \
		rc=$$?; tail -n 12 $(BUILD)/fuzz/fdt-log; \
		execs=$$(sed -n 's/^stat::number_of_executed_units: *//p' $(BUILD)/fuzz/fdt-log); \
		echo "fuzz-fdt: $$execs executions in $(FUZZ_SECONDS) s," \
		     "$$((execs / $(FUZZ_SECONDS))) per second; exit $$rc"; exit $$rc
