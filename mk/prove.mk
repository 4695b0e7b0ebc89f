# ---- proofs -------------------------------------------------------------------
# `make prove` proves every C file of the core from scratch with Frama-C WP
# (z3 and cvc4 through Why3): the provers run on every goal and no verdict
# is read from any file (-wp-cache rebuild: answers are written to
# proofs/wp-cache, never read; the directory is emptied first).  It fails
# unless every goal is proved.  CI (.ci/run) runs the same proof with
# PROVE_MODE=none: no cache at all, nothing read, nothing written.
#
# Developer-only, NOT a proof: `make prove-replay` (PROVE_MODE=replay) takes
# the verdict of every goal found in proofs/wp-cache on trust and proves
# only the others; `make prove-offline` runs no prover at all.  A cache
# entry edited to "verdict": "valid" makes a false goal pass there, which
# is why neither `make prove` nor CI's proof reads the cache
# (tests/proof/trust.sh shows it).
.PHONY: prove prove-replay prove-offline proof-trust-test proof-smoke-test

PROVE_MODE ?= rebuild
# 120 s per goal and prover: with two parts at once, each prover gets about
# half a core; uv_page_inval's empty_secure goal took z3 32 s alone and
# timed out at 60 s in the full proof (2026-12-01).
WP_TIMEOUT ?= 120
# Prover processes per part (two parts run at once, see proofs/prove.sh).  A
# replay runs no prover for a goal found in the cache, so it is only how many
# goals WP keeps in flight: WP polls its tasks, and with 2 in flight it spent
# half of a replay's wall time waiting (measured: 81 s against 41 s for
# uv_ucall alone with 16).
# When provers run on every goal (rebuild, none), 2 per part: 4 on 2 cores.
ifneq ($(filter rebuild none,$(PROVE_MODE)),)
WP_PAR ?= 2
else
WP_PAR ?= 16
endif
WP_CACHE := proofs/wp-cache
WP_REPORT := $(BUILD)/proof
# Part a of the proof (proofs/prove.sh): these functions; part b: all others;
# part l, after part a: the lemmas.  Chosen so that a and b take about as long:
# each function's cost taken as its provers' time plus 4 s per smoke test
# (two provers up to 2 s each), from a full run's summary.txt (2026-12-02:
# about 2 300 s in each part).  The device-tree walk (src/boot/dt_scan.c)
# and the boot's C side (bringup.c) are in part a, the header and the map
# (fdt.c, boot_map.c) in part b.  stopped_return (31 smoke tests) moved to
# part a on 2026-12-06: in a fresh clone's proof alone (4765411), parts a,
# l and s ended at 3 764 s, parts b and t at 3 968 s.
PROVE_PART_A := uv_check uv_arg_ok uv_first_bad uv_caller_ctx \
	uv_set_rc uv_entry uv_share_page uv_unshare_all_pages \
	uv_unregister_mem_slot uv_svm_terminate uv_page_inval uv_page_out \
	svm_drop esm_resume exit_find_free frame_copy_in frame_zero \
	gfn_make_plain gfn_unshare slot_find_free slot_release \
	esm_next_gfn esm_abort esm_ask esm_done esm_step esm_paged slot_next_base \
	uv_esm tree_fill vec_route vec_hsrr table_route table_pair \
	vec_passes int_to_hv hv_x_word int_lost hv_msr \
	uv_int_reflect uv_int_return uv_int_fault \
	uv_halted halted_rc int_pair int_pass uv_int_locked \
	vec_is_injectable inj_vector keeps_me srr1_of svm_resume stopped_return \
	dt_scan walk_step walk_begin walk_end walk_prop node_start node_prop \
	node_close prop_kind note_type note_compat read_cells cells_at dt_add_ranges \
	boot_check boot_primary boot_thread
# Parts s and t (proofs/prove.sh): these functions, proved with -wp-split,
# which makes one goal per path through the function of a goal that merges
# paths; part s after parts a and l, part t (PROVE_SPLIT_T) after part b.
# Why two: with all of them after part a (2026-12-04, 67aa46d's CI) part b
# ended at 3 503 s and the split functions ran alone from there to 4 104 s;
# uv_return, about a third of their goals, now follows part b instead.
# Measured in 58e2de3's CI: a 3 200 s, l 7, s 977 (4 184 s) beside b
# 3 366 s, t 610 (3 976 s): s's side is still the longer, by 208 s, and the
# whole proof took 80 s more than 67aa46d's for 242 more goals, so the gain
# is not shown.  deliver_int (1 112 goals, mostly Qed; 45 s alone with 652
# goals on 2026-12-02) moved to part t on 2026-12-04 to even the sides.
# uv_page_in: its secure_guest ensures merges eight paths (every answer of
# UV_PAGE_IN); as one goal z3 took 1 min 47 s alone and timed out in the
# full proof, split it is nine goals of 50 ms (2026-12-02).  uv_ucall:
# its bad_argument ensures for UV_ESM took cvc4 48 s alone (z3 fails on
# it) and timed out in a full run; split, uv_ucall is 444 goals of at most
# 2 s, 5 min 35 s alone (2026-12-02).
# uv_int_entry: its never_into_uv ensures merges the seven ways out (the
# halt, the hypervisor's own, the halted, the routes); as one goal cvc4
# took 23 s alone and timed out beside another proof (2026-12-02).
# deliver_int: its delivered ensures merges the AIL, ILE and ME paths; as
# one goal it timed out; split, 652 goals, 45 s alone (2026-12-02).
# uv_return: its ucall_exit_modes ensures merges the stopped guest's two
# answers (H_RTAS at 0xC00, the 0xE40 bounce) with the resumes and the ESM
# protocol's exits; as one goal it timed out in a fresh clone's CI
# (2026-12-03, cvc4 2 min, z3 an error), split its parts take under 1 s.
PROVE_SPLIT_S := uv_page_in uv_ucall uv_int_entry
PROVE_SPLIT_T := uv_return deliver_int
PROVE_SPLIT := $(PROVE_SPLIT_S) $(PROVE_SPLIT_T)
prove_comma := ,
prove_space := $(subst ,, )
prove_list = $(subst $(prove_space),$(prove_comma),$(strip $(1)))
PROVE_PART_A_FCTS := $(call prove_list,$(PROVE_PART_A))
PROVE_SPLIT_S_FCTS := $(call prove_list,$(PROVE_SPLIT_S))
PROVE_SPLIT_T_FCTS := $(call prove_list,$(PROVE_SPLIT_T))

# What a proof checks, whatever the mode: every run of WP in this tree,
# the pipeline tests included, uses these.
WP_SMOKE_TIMEOUT ?= 2
WP_CHECK_FLAGS := -wp -wp-rte -warn-unsigned-overflow -warn-unsigned-downcast \
	-wp-smoke-tests -wp-smoke-timeout $(WP_SMOKE_TIMEOUT) \
	-wp-prover cvc4,z3 -wp-timeout $(WP_TIMEOUT) -wp-check-memory-model
# The cache, per mode: none reads and writes nothing; rebuild writes
# answers and reads none; replay and offline read them (not a proof).
ifeq ($(PROVE_MODE),none)
WP_CACHE_FLAGS := -wp-cache none
else ifneq ($(filter rebuild replay offline,$(PROVE_MODE)),)
WP_CACHE_FLAGS := -wp-cache $(PROVE_MODE) -wp-cache-dir $(WP_CACHE)
else
$(error PROVE_MODE must be none, rebuild, replay or offline, not $(PROVE_MODE))
endif
WP_FLAGS := $(WP_CHECK_FLAGS) -wp-par $(WP_PAR) $(WP_CACHE_FLAGS)

prove: $(SETUP_STAMP)
	@mkdir -p $(WP_REPORT) $(WP_CACHE)
	@case "$(PROVE_MODE)" in replay|offline) \
		echo "prove: PROVE_MODE=$(PROVE_MODE) takes verdicts from $(WP_CACHE) on trust: a quick re-check, NOT a proof (make prove, or CI's make prove PROVE_MODE=none)";; esac
	@# A rebuild proves every goal again and writes every entry: start from an
	@# empty cache so that no entry of a goal that no longer exists stays.
	@if [ "$(PROVE_MODE)" = rebuild ]; then rm -f $(WP_CACHE)/*.json; fi
	sh proofs/prove.sh "$(WP_REPORT)" "$(PROVE_PART_A_FCTS)" "$(PROVE_SPLIT_S_FCTS)" \
		"$(PROVE_SPLIT_T_FCTS)" frama-c \
		-cpp-extra-args="$(CORE_INC)" $(WP_FLAGS) $(CORE_SRCS); rc=$$?; \
		sh proofs/summary.sh "$(WP_REPORT)" > /dev/null || true; exit $$rc
	@echo "per-function summary: $(WP_REPORT)/summary.txt"

prove-replay:
	$(MAKE) prove PROVE_MODE=replay

prove-offline:
	$(MAKE) prove PROVE_MODE=offline

# The exact WP flags of a mode, for the pipeline tests below.
.PHONY: wp-flags
wp-flags:
	@echo $(WP_FLAGS)

# tests/proof: the proof pipeline itself (both in `make check`, about a
# minute together).  proof-trust-test: a false goal with a cache poisoned to
# "valid" passes a replay and fails CI's flags (PROVE_MODE=none) and make
# prove's.  proof-smoke-test: CI's smoke tests catch two vacuous contracts.
PROOF_TESTS := $(BUILD)/proof-tests
wp_flags_of = $$($(MAKE) -s --no-print-directory wp-flags PROVE_MODE=$(1))
proof-trust-test: $(SETUP_STAMP)
	sh tests/proof/trust.sh $(PROOF_TESTS)/trust "$(call wp_flags_of,none)" \
		"$(call wp_flags_of,replay)" "$(call wp_flags_of,rebuild)"
proof-smoke-test: $(SETUP_STAMP)
	sh tests/proof/smoke.sh $(PROOF_TESTS)/smoke "$(call wp_flags_of,none)"
CHECK_EXTRA += proof-trust-test proof-smoke-test

# Developer-only: prove some functions, `make prove-fct FCT=uv_esm,uv_return`
# (a quick check while editing, not a proof of the whole core; with
# PROVE_MODE=none, CI's flags exactly).  A function of PROVE_SPLIT is
# proved as parts s and t prove it: SPLIT=1.  proofs/run.sh decides, as
# for each part of `make prove`: it prints what is not proved (the whole
# log is $(WP_REPORT)/fct/wp.log) and fails unless every goal is proved
# and every smoke test passes.
.PHONY: prove-fct
prove-fct: $(SETUP_STAMP)
	@test -n "$(FCT)" || { echo "prove-fct: FCT=fct1,fct2 is needed"; exit 2; }
	sh proofs/run.sh $(WP_REPORT)/fct frama-c -cpp-extra-args="$(CORE_INC)" \
		$(WP_FLAGS) $(CORE_SRCS) -wp-fct $(FCT) $(if $(SPLIT),-wp-split)
