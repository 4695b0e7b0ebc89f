/*
 * An injected interrupt.  Contracts are in deliver.h.
 */
#include "guest/deliver.h"

bool vec_is_injectable(uint64_t v)
{
	/* one `if` per row, as src/guest/vector.c reads the table (a chain
	 * of || would have dead operands: the rows that are not injectable;
	 * & for the same reason) */
#define UV_X_IF(name, o, pair, route, passes, doc) \
	if (v == (o))                              \
		return ((pair) != VEC_HSRR) & ((o) != 0xC00);
	UV_VECTORS(UV_X_IF)
#undef UV_X_IF
	return false;
}

uint64_t inj_vector(uint64_t h)
{
	return h >= UV_AIL3_OFFSET ? h - UV_AIL3_OFFSET : h;
}

/*
 * The new MSR keeps ME: not for a machine check, which clears it.  A
 * function of its own so that the provers get the answer as a fact about
 * the result, not about m's bit 12 (which Qed would fold into SRR1's mask).
 */
/*@
  assigns \nothing;
  ensures \result <==> (v != UV_VEC_MCHECK && (m & UV_MSR_ME) != 0);
*/
static bool keeps_me(uint64_t v, uint64_t m)
{
	return v != UV_VEC_MCHECK && (m & UV_MSR_ME) != 0;
}

/*
 * SRR1 of the delivered interrupt: the guest's MSR m with the status bits
 * of s.  A function of its own for the same reason: the caller's proof
 * then holds SRR1 as inj_srr1(m, s), which Qed does not rewrite with what
 * the branches learn of m's bits (ME, IR, DR).
 */
/*@
  assigns \nothing;
  ensures \result == inj_srr1(m, s);
*/
static uint64_t srr1_of(uint64_t m, uint64_t s)
{
	return (m & UV_SRR1_PROG_KEEP) | (s & UV_SRR1_STATUS);
}

void deliver_int(struct uv_frame *f, uint64_t v, uint64_t s, uint64_t l)
{
	uint64_t pc = f->usrr0;
	uint64_t m = f->usrr1;
	uint64_t set;
	/* AIL = 3 (ISA v3.1: 1 and 2 reserved), never for system reset or
	 * machine check, and only from a guest translating both ways */
	bool ail = v != UV_VEC_SRESET && v != UV_VEC_MCHECK &&
		   (l & UV_LPCR_AIL) == UV_LPCR_AIL &&
		   (m & UV_MSR_IR_DR) == UV_MSR_IR_DR;

	if ((l & UV_LPCR_ILE) != 0)
		set = ail ? UV_INJ_MSR_SET | UV_MSR_LE | UV_MSR_IR_DR :
			    UV_INJ_MSR_SET | UV_MSR_LE;
	else
		set = ail ? UV_INJ_MSR_SET | UV_MSR_IR_DR : UV_INJ_MSR_SET;
	if (keeps_me(v, m))
		set = set | UV_MSR_ME;
	f->srr0 = pc;
	f->srr1 = srr1_of(m, s);
	f->usrr0 = ail ? v + UV_AIL3_OFFSET : v;
	f->usrr1 = set;
	//@ assert (f->usrr1 & UV_MSR_S) != 0;
	//@ assert (f->usrr1 & UV_MSR_HV) == 0;
}
