/*
 * The pool of secure frames: find a free one, zero one, fill one from a page
 * of normal memory.  A free frame is always zero (spec/state.acsl.h,
 * frames_zero): a frame is zeroed before it goes back to the pool.
 */
#ifndef UV_FRAMES_H
#define UV_FRAMES_H

#include <stdint.h>
#include "state.h"
#include "state.acsl.h"

/*@
  assigns \nothing;
  ensures \result <= UV_NFRAMES;
  ensures \result < UV_NFRAMES ==> uv_state.owner_slot[\result] == 0;
  ensures \result == UV_NFRAMES ==>
    \forall integer n; 0 <= n < UV_NFRAMES ==> uv_state.owner_slot[n] != 0;
*/
uint32_t frame_find_free(void);

/*@
  requires n < UV_NFRAMES;
  assigns uv_state.pool[n][0 .. UV_FRAME_WORDS - 1];
  ensures \forall integer w; 0 <= w < UV_FRAME_WORDS ==> uv_state.pool[n][w] == 0;
*/
void frame_zero(uint32_t n);

/*@
  requires n < UV_NFRAMES;
  requires \valid_read(src + (0 .. UV_FRAME_WORDS - 1));
  requires \separated(src + (0 .. UV_FRAME_WORDS - 1), &uv_state);
  assigns uv_state.pool[n][0 .. UV_FRAME_WORDS - 1];
  ensures \forall integer w; 0 <= w < UV_FRAME_WORDS ==>
    uv_state.pool[n][w] == src[w];
*/
void frame_copy_in(uint32_t n, const uint64_t *src);

#endif
