/*
 * The host's lock: the one of the real build (src/arch/lock.c), with
 * host_unhalt (src/arch/host/host.h) for the tests.
 */
#define UV_LOCK_HOST_RESET
#include "../lock.c"
