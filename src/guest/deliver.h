/*
 * An interrupt the hypervisor injects into a secure guest at UV_RETURN
 * (issue 14, item 4): which HSRR0 names a vector the hypervisor may inject,
 * and the interrupt delivered into the guest as the hardware would.
 * spec/uv_abi.h (UV_AIL3_OFFSET) has the ABI, spec/inject.acsl.h the
 * logic; uv_return (src/guest/svm.c) decides when.
 */
#ifndef UV_DELIVER_H
#define UV_DELIVER_H

#include <stdbool.h>
#include "ucall/handlers.h"
#include "inject.acsl.h"

/* v is a vector the hypervisor may inject (spec/vectors.h). */
/*@
  assigns \nothing;
  ensures \result <==> vec_injectable(v);
*/
bool vec_is_injectable(uint64_t v);

/* The vector HSRR0 h names: h, or h less the AIL = 3 offset. */
/*@
  assigns \nothing;
  ensures \result == inj_named(h);
*/
uint64_t inj_vector(uint64_t h);

/*
 * *f resumes a secure guest at its PC and MSR (usrr0, usrr1): it takes the
 * interrupt at vector v instead, with status bits s (the hypervisor's r2)
 * and LPCR l, as the hardware would.  Only SRR0/1 and USRR0/1 change.
 */
/*@
  requires \valid(f);
  requires vec_injectable(v);
  assigns f->srr0, f->srr1, f->usrr0, f->usrr1;
  ensures delivered{Pre, Post}(f, v, s, l);
  ensures SVM_MODE(f->usrr1);
*/
void deliver_int(struct uv_frame *f, uint64_t v, uint64_t s, uint64_t l);

#endif
