# ---- host unit tests (cmocka) ---------------------------------------------------
# The core built for the host with sanitizers, linked with each test.
.PHONY: test
HOST_CFLAGS := -std=c11 -O1 -g $(WARN) $(CORE_INC) \
	-fsanitize=address,undefined -fno-sanitize-recover=all -D_GNU_SOURCE \
	-Itests/common
UNIT_TESTS := dispatch states state_check vector boot
UNIT_BINS := $(UNIT_TESTS:%=$(BUILD)/host/test_%)

$(BUILD)/host/test_%: tests/unit/test_%.c tests/common/state_check.c tests/common/walk.c tests/common/walk.h tests/common/state_check.h $(CORE_SRCS) $(ARCH_HOST_SRCS) $(wildcard src/*.h src/*/*.h src/arch/host/*.h spec/*.h) $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(HOST_CFLAGS) $< tests/common/state_check.c $(CORE_SRCS) $(ARCH_HOST_SRCS) -o $@ -lcmocka -lfdt

test: $(UNIT_BINS)
	@set -e; for t in $(UNIT_BINS); do $$t; done
