#ifndef UV_ENTRY_H
#define UV_ENTRY_H

#include "cpu.h"
#include "dispatch.h"

/*@
  requires \valid(cpu);
  requires \separated(cpu + (..), &uv_state);
  requires state_inv;
  assigns cpu->frame, uv_state;
  ensures state_inv;
  ensures hcall_number_never_acted_on:
    is_hcall(\old(cpu->frame.gpr[3])) ==>
      rejected{Pre, Post}(&cpu->frame, U_FUNCTION, \result);
*/
enum uv_next uv_entry(struct uv_cpu *cpu);

#endif
