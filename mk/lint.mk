# ---- make lint: cppcheck and clang-tidy over the C core ------------------------
# Both read the sources as C (the ACSL comments are comments to them) with
# -Ispec -Isrc, and any finding fails the target:
#   cppcheck --enable=warning,style,portability, for the two cross targets'
#     data model (unix64), every #if configuration;
#   clang-tidy (Debian 14) with ./.clang-tidy (bugprone-*, cert-*, misc-*,
#     clang-analyzer-*, all as errors), compiling as the cross build does:
#     freestanding, -mcpu=power9, once per endianness of ppc64.
# A finding that is a false positive is silenced where it stands
# (`// cppcheck-suppress id`, `// NOLINT(check)`), with a reason.
# The tools come from the Debian packages cppcheck and clang-tidy.
.PHONY: lint lint-tools lint-cppcheck lint-clang-tidy

LINT_SRCS ?= $(CORE_SRCS) $(ARCH_PPC64_SRCS)
CPPCHECK ?= cppcheck
CLANG_TIDY ?= $(firstword $(shell command -v clang-tidy clang-tidy-14 2>/dev/null) clang-tidy)
CPPCHECK_FLAGS := --enable=warning,style,portability --error-exitcode=1 \
	--inline-suppr --suppress=missingIncludeSystem --std=c11 \
	--platform=unix64 --quiet
LINT_TARGETS := powerpc64le-linux-gnu powerpc64-linux-gnu
TIDY_CFLAGS := -std=c11 $(CORE_INC) -ffreestanding -mcpu=power9

lint: lint-cppcheck lint-clang-tidy

# The tools are not in scripts/setup.sh yet: say so instead of "not found".
lint-tools:
	@command -v $(CPPCHECK) >/dev/null && command -v $(CLANG_TIDY) >/dev/null || \
		{ echo "lint: needs cppcheck and clang-tidy (Debian packages cppcheck," \
		       "clang-tidy): apt-get install cppcheck clang-tidy" >&2; exit 1; }

lint-cppcheck: $(SETUP_STAMP) lint-tools
	$(CPPCHECK) $(CPPCHECK_FLAGS) $(CORE_INC) $(LINT_SRCS)
	@echo "lint: cppcheck: no finding in $(LINT_SRCS)"

# clang-tidy counts on stderr the warnings it suppresses in system headers
# ("N warnings generated."): only that line is filtered out.
lint-clang-tidy: $(SETUP_STAMP) lint-tools .clang-tidy
	@mkdir -p $(BUILD)/lint
	@set -e; for t in $(LINT_TARGETS); do \
		echo "$(CLANG_TIDY) --config-file=.clang-tidy --quiet $(LINT_SRCS) -- --target=$$t $(TIDY_CFLAGS)"; \
		st=0; $(CLANG_TIDY) --config-file=.clang-tidy --quiet $(LINT_SRCS) \
			-- --target=$$t $(TIDY_CFLAGS) 2> $(BUILD)/lint/clang-tidy.err || st=$$?; \
		grep -v 'warnings\{0,1\} generated\.$$' $(BUILD)/lint/clang-tidy.err >&2 || true; \
		[ $$st -eq 0 ] || { echo "lint: clang-tidy: findings for $$t (above)" >&2; exit 1; }; \
	done
	@echo "lint: clang-tidy: no finding in $(LINT_SRCS)"

CHECK_EXTRA += lint
