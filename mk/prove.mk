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
# Prover processes per part (two parts run at once, see proofs/prove.sh).  A
# replay runs no prover for a goal found in the cache, so it is only how many
# goals WP keeps in flight: WP polls its tasks, and with 2 in flight it spent
# half of a replay's wall time waiting (measured: 81 s against 41 s for
# uv_ucall alone with 16).
ifeq ($(PROVE_MODE),rebuild)
WP_PAR ?= 2
else
WP_PAR ?= 16
endif
WP_CACHE := proofs/wp-cache
WP_REPORT := $(BUILD)/proof
# Part a of the proof (proofs/prove.sh): these functions; part b: all others;
# part l, after part a: the lemmas.  Chosen so that a and b take about as long.
PROVE_PART_A := uv_ucall uv_check uv_arg_ok uv_first_bad uv_caller_ctx \
	uv_set_rc uv_entry uv_share_page uv_unshare_all_pages \
	uv_unregister_mem_slot uv_svm_terminate uv_page_inval uv_page_out \
	svm_drop esm_resume exit_find_free frame_copy_in frame_zero \
	gfn_make_plain gfn_unshare slot_find_free slot_release
prove_comma := ,
prove_space := $(subst ,, )
PROVE_PART_A_FCTS := $(subst $(prove_space),$(prove_comma),$(strip $(PROVE_PART_A)))

WP_FLAGS := -wp -wp-rte -warn-unsigned-overflow -warn-unsigned-downcast \
	-wp-smoke-tests -wp-prover cvc4,z3 -wp-par $(WP_PAR) \
	-wp-timeout $(WP_TIMEOUT) -wp-check-memory-model \
	-wp-cache $(PROVE_MODE) -wp-cache-dir $(WP_CACHE)

prove: $(SETUP_STAMP)
	@mkdir -p $(WP_REPORT) $(WP_CACHE)
	@# A rebuild proves every goal again and writes every entry: start from an
	@# empty cache so that no entry of a goal that no longer exists stays.
	@if [ "$(PROVE_MODE)" = rebuild ]; then rm -f $(WP_CACHE)/*.json; fi
	sh proofs/prove.sh "$(WP_REPORT)" "$(PROVE_PART_A_FCTS)" frama-c \
		-cpp-extra-args="$(CORE_INC)" $(WP_FLAGS) $(CORE_SRCS); rc=$$?; \
		sh proofs/summary.sh "$(WP_REPORT)" > /dev/null || true; exit $$rc
	@echo "per-function summary: $(WP_REPORT)/summary.txt"

prove-replay:
	$(MAKE) prove PROVE_MODE=replay

prove-offline:
	$(MAKE) prove PROVE_MODE=offline
