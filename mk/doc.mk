# ---- the generated ABI document and the hcall audit ---------------------------
# Host tools, built with the host compiler from the single ABI source
# (spec/uv_abi.h, through src/ucall/abi.h):
#   make doc                 regenerate spec/ABI.md (commit it)
#   make doc-check           fail if spec/ABI.md is stale (part of make check)
#   make audit [HCALLS=f]    check hcall numbers against the ucall table and
#                            the hcall space of the proofs: the built-in
#                            tables, and f (an hvcall.h-style header or a
#                            plain list of numbers) if given
#   make audit-test          the audit tool's tests (part of make check)
# Which defines of a header count as hcall numbers: see tools/hcall_audit.c.
.PHONY: doc doc-check audit audit-test

DOC_CC ?= gcc
DOC_CFLAGS := -std=c11 -O1 $(WARN) -I$(SPEC) -Isrc
DOC_BIN := $(BUILD)/tools
# Every spec header (uv_abi.h includes uv_config.h, whose sizes ABI.md prints).
DOC_ABI_DEPS := $(wildcard $(SPEC)/*.h) src/ucall/abi.h

$(DOC_BIN)/abi_doc: tools/abi_doc.c $(DOC_ABI_DEPS) | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	$(DOC_CC) $(DOC_CFLAGS) tools/abi_doc.c -o $@

$(DOC_BIN)/hcall_audit: tools/hcall_audit.c $(DOC_ABI_DEPS) | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	$(DOC_CC) $(DOC_CFLAGS) tools/hcall_audit.c -o $@

# The same tool over a deliberately wrong hcall space, for audit-test.
$(DOC_BIN)/hcall_audit_badtable: tools/hcall_audit.c $(DOC_ABI_DEPS) \
		tests/audit/bad-ranges.h | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	$(DOC_CC) $(DOC_CFLAGS) -include tests/audit/bad-ranges.h \
		tools/hcall_audit.c -o $@

doc: $(DOC_BIN)/abi_doc $(SPEC)/page-states.md
	$(DOC_BIN)/abi_doc $(SPEC)/page-states.md > $(SPEC)/ABI.md.tmp
	mv $(SPEC)/ABI.md.tmp $(SPEC)/ABI.md

doc-check: $(DOC_BIN)/abi_doc $(SPEC)/page-states.md
	@mkdir -p $(BUILD)/doc
	$(DOC_BIN)/abi_doc $(SPEC)/page-states.md > $(BUILD)/doc/ABI.md
	@if ! diff -u $(SPEC)/ABI.md $(BUILD)/doc/ABI.md; then \
		echo "doc-check: $(SPEC)/ABI.md is stale: it does not match" \
		     "what $(SPEC)/uv_abi.h generates (diff above);" \
		     "run 'make doc' and commit $(SPEC)/ABI.md" >&2; \
		exit 1; \
	fi
	@echo "doc-check: $(SPEC)/ABI.md is up to date"

audit: $(DOC_BIN)/hcall_audit
	$(DOC_BIN)/hcall_audit $(HCALLS)

audit-test: $(DOC_BIN)/hcall_audit $(DOC_BIN)/hcall_audit_badtable
	sh tests/audit/run.sh $(DOC_BIN)/hcall_audit \
		$(DOC_BIN)/hcall_audit_badtable

CHECK_EXTRA += doc-check audit-test
