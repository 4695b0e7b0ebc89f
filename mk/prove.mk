# ---- proofs -------------------------------------------------------------------
# `make prove` proves every C file of the core from scratch with Frama-C WP
# (z3 and cvc4 through Why3), refreshes the cache in proofs/wp-cache, and
# fails unless every goal is proved.  `make check` runs the same proof with
# PROVE_MODE=replay: goals whose cache entry matches are not re-run, any other
# goal is proved again.  PROVE_MODE=offline uses the cache only (no provers):
# a goal missing from the cache then fails.
.PHONY: prove prove-replay prove-offline

PROVE_MODE ?= rebuild
WP_TIMEOUT ?= 60
WP_PAR ?= 2
WP_CACHE := proofs/wp-cache
WP_REPORT := $(BUILD)/proof

WP_FLAGS := -wp -wp-rte -warn-unsigned-overflow -warn-unsigned-downcast \
	-wp-smoke-tests -wp-prover cvc4,z3 -wp-par $(WP_PAR) \
	-wp-timeout $(WP_TIMEOUT) -wp-check-memory-model \
	-wp-cache $(PROVE_MODE) -wp-cache-dir $(WP_CACHE) \
	-wp-session $(WP_REPORT)/session \
	-wp-report-json $(WP_REPORT)/wp-report.json

prove: $(SETUP_STAMP)
	@mkdir -p $(WP_REPORT) $(WP_CACHE)
	@# A rebuild proves every goal again and writes every entry: start from an
	@# empty cache so that no entry of a goal that no longer exists stays.
	@if [ "$(PROVE_MODE)" = rebuild ]; then rm -f $(WP_CACHE)/*.json; fi
	sh proofs/run.sh "$(WP_REPORT)" frama-c -cpp-extra-args="$(CORE_INC)" \
		$(WP_FLAGS) $(CORE_SRCS); rc=$$?; \
		sh proofs/summary.sh "$(WP_REPORT)" > /dev/null || true; exit $$rc
	@echo "per-function summary: $(WP_REPORT)/summary.txt"

prove-replay:
	$(MAKE) prove PROVE_MODE=replay

prove-offline:
	$(MAKE) prove PROVE_MODE=offline
