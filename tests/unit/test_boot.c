/*
 * Host unit tests of the boot's C side (src/boot/bringup.c) on the paths
 * the emulated boot (tests/emu/boot.c) cannot reach: an image that does not
 * run where it is linked, a hand-off of version 0 or out of reach, a
 * device tree out of reach or of an impossible size; and boot_thread's
 * bookkeeping on a record set by hand.  The firmware's memory is a buffer
 * (host_fw, src/arch/host/fw.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "arch/host/host.h"
#include "boot/bringup.h"
#include "normal_map.h"

#define FW_SIZE 0x20000UL
#define HANDOFF 0x100UL
#define FDT 0x1000UL

static uint8_t fw[FW_SIZE];

static void put32(uint64_t ra, uint32_t v)
{
	fw[ra] = (uint8_t)(v >> 24);
	fw[ra + 1] = (uint8_t)(v >> 16);
	fw[ra + 2] = (uint8_t)(v >> 8);
	fw[ra + 3] = (uint8_t)v;
}

/* A hand-off naming a tree at FDT whose header says totalsize. */
static void firmware(uint32_t version, uint64_t fdt, uint32_t totalsize)
{
	memset(fw, 0, sizeof(fw));
	host_fw = fw;
	host_fw_size = FW_SIZE;
	put32(HANDOFF + UV_OPAL_OFF_MAGIC, UV_OPAL_MAGIC);
	put32(HANDOFF + UV_OPAL_OFF_VERSION, version);
	put32(HANDOFF + UV_OPAL_OFF_SYS_FDT, (uint32_t)(fdt >> 32));
	put32(HANDOFF + UV_OPAL_OFF_SYS_FDT + 4, (uint32_t)fdt);
	put32(FDT, UV_FDT_MAGIC);
	put32(FDT + 4, totalsize);
	memset(&uv_boot, 0xA5, sizeof(uv_boot));
}

static void test_moved(void **state)
{
	(void)state;
	firmware(1, FDT, 0x100);
	host_normal_map(); /* a map from before: a refused boot leaves none */
	assert_int_equal(boot_primary(HANDOFF, 0x10000, 0), BOOT_E_PLACE);
	assert_int_equal(uv_boot.status, BOOT_E_PLACE);
	assert_int_equal(uv_normal.n, 0);
	/* The hand-off was recognised: its field gets the status. */
	assert_ptr_equal((const uint8_t *)(uintptr_t)uv_boot.ret_ea,
			 fw + HANDOFF + UV_OPAL_OFF_RET);
	assert_int_equal(uv_boot.claimed, 0);
	assert_int_equal(boot_thread(7, 0), BOOT_E_PLACE);
	assert_int_equal(uv_boot.slot, 0);
}

static void test_handoff(void **state)
{
	(void)state;
	firmware(0, FDT, 0x100);
	assert_int_equal(boot_primary(HANDOFF, 0, 0), BOOT_E_HANDOFF);
	assert_int_equal(uv_boot.ret_ea, 0);
	firmware(1, FDT, 0x100);
	assert_int_equal(boot_primary(FW_SIZE - 8, 0, 0), BOOT_E_HANDOFF);
	assert_int_equal(uv_boot.ret_ea, 0);
	host_fw = 0;
	assert_int_equal(boot_primary(HANDOFF, 0, 0), BOOT_E_HANDOFF);
}

static void test_tree_out_of_reach(void **state)
{
	(void)state;
	firmware(1, FW_SIZE - 16, 0x100); /* header past the end */
	assert_int_equal(boot_primary(HANDOFF, 0, 0), BOOT_E_HEADER);
	firmware(1, FDT, FW_SIZE); /* totalsize past the end */
	assert_int_equal(boot_primary(HANDOFF, 0, 0), BOOT_E_HEADER);
	firmware(1, FDT, 39); /* smaller than a header */
	assert_int_equal(boot_primary(HANDOFF, 0, 0), BOOT_E_HEADER);
	firmware(1, FDT, UV_FDT_MAX_SIZE + 1);
	host_fw_size = ~0UL; /* as if all of it were there */
	assert_int_equal(boot_primary(HANDOFF, 0, 0), BOOT_E_HEADER);
	assert_int_equal(uv_boot.claimed, 0);
}

/* A booted record with room for two threads. */
static void booted(void)
{
	memset(&uv_boot, 0, sizeof(uv_boot));
	memset(uv_cpus, 0, 3 * sizeof(uv_cpus[0]));
	uv_boot.status = BOOT_OK;
	uv_boot.map.threads = 2;
}

static void test_threads(void **state)
{
	(void)state;
	booted();
	assert_int_equal(boot_thread(40, 0x1234), BOOT_OK);
	assert_int_equal(uv_boot.slot, 1);
	assert_int_equal(uv_cpus[0].id, 40);
	assert_int_equal(uv_cpus[0].toc, 0x1234);
	assert_int_equal(uv_cpus[0].stack, (uintptr_t)&uv_stacks[0][UV_STACK_SIZE]);
	assert_int_equal(boot_thread(41, 0x1234), BOOT_OK);
	assert_int_equal(uv_boot.slot, 2);
	assert_int_equal(uv_cpus[1].id, 41);
	/* Again: its own slot, nothing written. */
	uv_cpus[0].toc = 0x99;
	assert_int_equal(boot_thread(40, 0x1234), BOOT_E_AGAIN);
	assert_int_equal(uv_boot.slot, 1);
	assert_int_equal(uv_cpus[0].toc, 0x99);
	assert_int_equal(uv_boot.claimed, 2);
	/* A third thread: the tree lists two. */
	assert_int_equal(boot_thread(42, 0x1234), BOOT_E_THREAD);
	assert_int_equal(uv_boot.slot, 0);
	assert_int_equal(uv_boot.claimed, 2);
	assert_int_equal(uv_cpus[2].id, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_moved),
		cmocka_unit_test(test_handoff),
		cmocka_unit_test(test_tree_out_of_reach),
		cmocka_unit_test(test_threads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
