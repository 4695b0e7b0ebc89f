#ifndef UV_ENTRY_H
#define UV_ENTRY_H

#include "cpu.h"
#include "dispatch.h"
#include "hv_exit.acsl.h"

/*@
  requires \valid(cpu);
  requires \separated(cpu + (..), &uv_state);
  requires state_inv;
  assigns cpu->frame, uv_state;
  ensures state_inv;
  ensures hcall_number_never_acted_on:
    !svm_hcall(\old(cpu->frame.srr1)) && is_hcall(\old(cpu->frame.gpr[3])) ==>
      rejected{Pre, Post}(&cpu->frame, U_FUNCTION, \result);
  ensures hcall_reflected_as_it_is:
    svm_hcall(\old(cpu->frame.srr1)) && \result == UV_NEXT_HV ==>
      hv_entry(&cpu->frame, \old(cpu->frame.gpr[3]), UV_HCALL_NIN,
               \old(cpu->frame.srr1));
*/
enum uv_next uv_entry(struct uv_cpu *cpu);

#endif
