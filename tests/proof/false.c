/* A false contract, for tests/proof/trust.sh: f returns x, its contract
   says x + 1.  The goal needs a prover (Qed alone cannot use the axiom), so
   a cache, if one were read, would decide it. */
/*@ axiomatic Succ {
      logic integer succ(integer x);
      axiom succ_def: \forall integer x; succ(x) == x + 1;
    } */

/*@ requires 0 <= x <= 100;
    assigns \nothing;
    ensures \result == succ(x); */
int f(int x)
{
	return x;
}
