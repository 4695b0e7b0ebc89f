/* Contracts whose hypotheses contradict each other, for
   tests/proof/smoke.sh: every goal of such a function is proved, vacuously,
   and only a smoke test can tell.  Qed alone cannot see either
   contradiction (it needs an axiom or a quantifier instantiated), so a
   prover must find it within the smoke timeout.  ok() is the control: its
   contract is satisfiable and its smoke test must pass. */
#include <stdint.h>

/*@ axiomatic Pos {
      logic integer pos(integer x);
      axiom pos_gt0: \forall integer x; pos(x) > 0;
    } */

/* The contradiction goes through an axiom. */
/*@ requires pos(x) < 0;
    assigns \nothing;
    ensures \result == 0; */
int vacuous_axiom(int x)
{
	(void)x;
	return 0;
}

/* The contradiction goes through a quantified requires, the shape of the
   state invariant's conjuncts (a free frame is all zero). */
/*@ requires \valid(a + (0 .. 9));
    requires \forall integer i; 0 <= i < 10 ==> a[i] == 0;
    requires 0 <= k < 10 && a[k] == 1;
    assigns \nothing;
    ensures \result == 1; */
uint64_t vacuous_array(const uint64_t *a, int k)
{
	return a[3];
}

/*@ requires \valid(a + (0 .. 9));
    requires \forall integer i; 0 <= i < 10 ==> a[i] == 0;
    assigns \nothing;
    ensures \result == 0; */
uint64_t ok(const uint64_t *a)
{
	return a[3];
}
