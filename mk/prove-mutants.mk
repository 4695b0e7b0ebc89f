# ---- mutants the proof must reject ---------------------------------------------
# tests/prove-mutants/run.sh: plausible mistakes in the C core (a guest resumed
# in ultravisor state or at PC 0, the hypervisor's MSR given to a secure
# guest, a program interrupt delivered in hypervisor state, UV_PAGE_IN filling
# a secure guest's empty page, an unshared page left shared), each proved
# with no cache on the functions it touches: each must leave a goal unproved.
.PHONY: prove-mutants
PROVE_MUTANT_FLAGS := -wp -wp-rte -warn-unsigned-overflow -warn-unsigned-downcast \
	-wp-smoke-tests -wp-prover cvc4,z3 -wp-par 2 -wp-timeout 30 \
	-wp-check-memory-model

prove-mutants: $(SETUP_STAMP)
	CORE_SRCS="$(CORE_SRCS)" CORE_INC="$(CORE_INC)" \
		sh tests/prove-mutants/run.sh $(PROVE_MUTANT_FLAGS)
