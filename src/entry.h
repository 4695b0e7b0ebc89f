#ifndef UV_ENTRY_H
#define UV_ENTRY_H

#include "cpu.h"
#include "dispatch.h"

/*@
  requires \valid(cpu);
  requires \separated(cpu + (..), &uv_state);
  assigns cpu->frame.gpr[3], uv_state;
  ensures hcall_number_never_acted_on:
    is_hcall(\old(cpu->frame.gpr[3])) ==>
      rejected{Pre, Post}(&cpu->frame, U_FUNCTION, \result);
*/
enum uv_next uv_entry(struct uv_cpu *cpu);

#endif
