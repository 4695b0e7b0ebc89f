/*
 * The state invariant of spec/state.acsl.h (state_inv), executable on the
 * host: the tests, uvsim and the fuzzer run it after every step.
 */
#ifndef UV_TESTS_STATE_CHECK_H
#define UV_TESTS_STATE_CHECK_H

#include "state.h"

/* 0 if s satisfies state_inv; otherwise non-zero, with the violated
 * conjunct and its indices written to why. */
int uv_state_check(const struct uv_state *s, char *why, unsigned long why_len);

#endif
