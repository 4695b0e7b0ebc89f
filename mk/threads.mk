# ---- several hardware threads at once (spec/locking.md) ---------------------------
# The core and the host arch (its lock) built with ThreadSanitizer, driven
# by pthreads through uv_entry; see tests/threads/test_threads.c.
.PHONY: threads
TSAN_BIN := $(BUILD)/tsan/test_threads
# The host arch without its lock (tests/threads/nolock.c stands in for it).
ARCH_HOST_NOLOCK := $(filter-out src/arch/lock.c src/arch/host/lock_reset.c,$(ARCH_HOST_SRCS))

$(TSAN_BIN): tests/threads/test_threads.c tests/common/state_check.c tests/common/walk.c tests/common/walk.h \
		$(CORE_SRCS) $(ARCH_HOST_SRCS) \
		$(wildcard src/*.h src/*/*.h spec/*.h) $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O1 -g $(WARN) $(CORE_INC) -Itests/common -D_GNU_SOURCE \
		-fsanitize=thread -pthread tests/threads/test_threads.c \
		tests/common/state_check.c $(CORE_SRCS) $(ARCH_HOST_SRCS) -o $@

$(TSAN_BIN)-nolock: tests/threads/test_threads.c tests/threads/nolock.c \
		tests/common/state_check.c $(CORE_SRCS) $(ARCH_HOST_NOLOCK) \
		$(wildcard src/*.h src/*/*.h spec/*.h) $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O1 -g $(WARN) $(CORE_INC) -Itests/common -D_GNU_SOURCE \
		-fsanitize=thread -pthread tests/threads/test_threads.c \
		tests/common/state_check.c $(CORE_SRCS) $(ARCH_HOST_NOLOCK) \
		tests/threads/nolock.c -o $@

threads: $(TSAN_BIN) $(TSAN_BIN)-nolock
	TSAN_OPTIONS=halt_on_error=1 $(TSAN_BIN)
	@if TSAN_OPTIONS=halt_on_error=1 $(TSAN_BIN)-nolock > /dev/null 2>&1; then \
		echo "threads: without the lock the test still passed: it cannot fail" >&2; \
		exit 1; \
	fi
	@echo "threads: without the lock ThreadSanitizer reports a race, as it must"

CHECK_EXTRA += threads
