/*
 * One handler per ucall, named in the table of spec/uv_abi.h (a name there
 * without a prototype here does not compile).  The dispatcher calls a
 * handler only after the number, the caller and every argument register
 * have passed their checks; each handler's contract says what it then does.
 * The contracts cannot come from the table: the preprocessor drops comments
 * inside macros, so each is written out here, above its prototype.
 */
#ifndef UV_HANDLERS_H
#define UV_HANDLERS_H

#include "dispatch.h"

/*@
  requires \valid(f);
  assigns f->gpr[3];
  ensures f->gpr[3] == rc_reg(U_NOT_AVAILABLE);
  ensures \result == UV_NEXT_CALLER;
*/
enum uv_next uv_write_pate(struct uv_frame *f);

/*@
  requires \valid(f);
  assigns f->gpr[3];
  ensures f->gpr[3] == rc_reg(U_NOT_AVAILABLE);
  ensures \result == UV_NEXT_CALLER;
*/
enum uv_next uv_esm(struct uv_frame *f);

/*@
  requires \valid(f);
  assigns f->gpr[3];
  ensures f->gpr[3] == rc_reg(U_NOT_AVAILABLE);
  ensures \result == UV_NEXT_CALLER;
*/
enum uv_next uv_return(struct uv_frame *f);

/*@
  requires \valid(f);
  assigns f->gpr[3];
  ensures f->gpr[3] == rc_reg(U_NOT_AVAILABLE);
  ensures \result == UV_NEXT_CALLER;
*/
enum uv_next uv_register_mem_slot(struct uv_frame *f);

/*@
  requires \valid(f);
  assigns f->gpr[3];
  ensures f->gpr[3] == rc_reg(U_NOT_AVAILABLE);
  ensures \result == UV_NEXT_CALLER;
*/
enum uv_next uv_unregister_mem_slot(struct uv_frame *f);

/*@
  requires \valid(f);
  assigns f->gpr[3];
  ensures f->gpr[3] == rc_reg(U_NOT_AVAILABLE);
  ensures \result == UV_NEXT_CALLER;
*/
enum uv_next uv_page_in(struct uv_frame *f);

/*@
  requires \valid(f);
  assigns f->gpr[3];
  ensures f->gpr[3] == rc_reg(U_NOT_AVAILABLE);
  ensures \result == UV_NEXT_CALLER;
*/
enum uv_next uv_page_out(struct uv_frame *f);

/*@
  requires \valid(f);
  assigns f->gpr[3];
  ensures f->gpr[3] == rc_reg(U_NOT_AVAILABLE);
  ensures \result == UV_NEXT_CALLER;
*/
enum uv_next uv_share_page(struct uv_frame *f);

/*@
  requires \valid(f);
  assigns f->gpr[3];
  ensures f->gpr[3] == rc_reg(U_NOT_AVAILABLE);
  ensures \result == UV_NEXT_CALLER;
*/
enum uv_next uv_unshare_page(struct uv_frame *f);

/*@
  requires \valid(f);
  assigns f->gpr[3];
  ensures f->gpr[3] == rc_reg(U_NOT_AVAILABLE);
  ensures \result == UV_NEXT_CALLER;
*/
enum uv_next uv_page_inval(struct uv_frame *f);

/*@
  requires \valid(f);
  assigns f->gpr[3];
  ensures f->gpr[3] == rc_reg(U_NOT_AVAILABLE);
  ensures \result == UV_NEXT_CALLER;
*/
enum uv_next uv_svm_terminate(struct uv_frame *f);

/*@
  requires \valid(f);
  assigns f->gpr[3];
  ensures f->gpr[3] == rc_reg(U_NOT_AVAILABLE);
  ensures \result == UV_NEXT_CALLER;
*/
enum uv_next uv_unshare_all_pages(struct uv_frame *f);

#endif
