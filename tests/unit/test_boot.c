/*
 * Host unit tests of the boot's C side (src/boot/bringup.c) on the paths
 * the emulated boot (tests/emu/boot.c) cannot reach: an image that does not
 * run where it is linked, a hand-off of version 0 or out of reach, a
 * device tree out of reach or of an impossible size; boot_thread's
 * bookkeeping on a record set by hand; and which frames of the map's pool
 * ranges the pool gets (pool_from_map), on the host's window of
 * UV_WIN_FRAMES = 128 frames for UV_NFRAMES = 64, where a range can lie
 * past the window, cross its end or outnumber the pool.  The firmware's memory is a buffer
 * (host_fw, src/arch/host/fw.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <stdio.h>

#include "arch/host/host.h"
#include "boot/bringup.h"
#include "normal_map.h"
#include "state.h"
/* libfdt builds the trees; the reader's own token names (src/boot/fdt.h)
 * are libfdt's too, with the same values. */
#undef FDT_BEGIN_NODE
#undef FDT_END_NODE
#undef FDT_PROP
#undef FDT_NOP
#undef FDT_END
#include <libfdt.h>

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

/*
 * The pool's frames from the map (pool_from_map): trees of one chip's
 * normal memory and the secure ranges sec[0 .. n-1], in that order, the
 * image at the first's start.  Window frame x is the 64 KiB at
 * SEC + UV_IMAGE_LIMIT + 64 KiB x (spec/uv_config.h).
 */
#define SEC 0x200000000ULL
#define WIN(x) (SEC + UV_IMAGE_LIMIT + (uint64_t)(x) * UV_PAGE_SIZE)
#define FRAMES(k) ((uint64_t)(k) * UV_PAGE_SIZE)

static void reg(void *t, uint64_t start, uint64_t size)
{
	fdt64_t r[2] = { cpu_to_fdt64(start), cpu_to_fdt64(size) };

	assert_int_equal(fdt_property(t, "reg", r, sizeof(r)), 0);
}

/* Opens node name, of device_type type if not NULL. */
static void node(void *t, const char *name, const char *type)
{
	assert_int_equal(fdt_begin_node(t, name), 0);
	if (type != NULL)
		assert_int_equal(fdt_property_string(t, "device_type", type), 0);
}

static void cells(void *t, uint32_t address, uint32_t size)
{
	assert_int_equal(fdt_property_u32(t, "#address-cells", address), 0);
	assert_int_equal(fdt_property_u32(t, "#size-cells", size), 0);
}

/* The primary's answer to a tree of these n secure ranges, the image at the
 * first's start. */
static int boot_tree_rc(const uint64_t (*sec)[2], int n)
{
	uint8_t *t = fw + FDT;
	char name[40];

	firmware(1, FDT, 0);
	host_image_ra = sec[0][0];
	assert_int_equal(fdt_create(t, FW_SIZE - FDT), 0);
	assert_int_equal(fdt_finish_reservemap(t), 0);
	node(t, "", NULL);
	cells(t, 2, 2);
	node(t, "memory@0", "memory");
	reg(t, 0, 0x80000000ULL);
	assert_int_equal(fdt_end_node(t), 0);
	for (int i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "secure-memory@%llx",
			 (unsigned long long)sec[i][0]);
		node(t, name, NULL);
		assert_int_equal(fdt_property_string(t, "compatible",
						     "ibm,secure-memory"), 0);
		reg(t, sec[i][0], sec[i][1]);
		assert_int_equal(fdt_end_node(t), 0);
	}
	node(t, "cpus", NULL);
	cells(t, 1, 0);
	node(t, "cpu@0", "cpu");
	assert_int_equal(fdt_property_u32(t, "reg", 0), 0);
	assert_int_equal(fdt_property_u32(t, "ibm,ppc-interrupt-server#s", 0), 0);
	assert_int_equal(fdt_end_node(t), 0);
	assert_int_equal(fdt_end_node(t), 0);
	assert_int_equal(fdt_end_node(t), 0);
	assert_int_equal(fdt_finish(t), 0);
	memset(&uv_state.free, 0xA5, sizeof(uv_state.free));
	return boot_primary(HANDOFF, 0, 0);
}

static void boot_tree(const uint64_t (*sec)[2], int n)
{
	assert_int_equal(boot_tree_rc(sec, n), BOOT_OK);
}

/* The pool is runs[k] = { first window frame, frames } in order, and no
 * other frame. */
static void pool_is(const uint32_t (*runs)[2], int k)
{
	uint32_t n = 0;

	for (int i = 0; i < k; i++)
		for (uint32_t j = 0; j < runs[i][1]; j++, n++)
			assert_int_equal(uv_state.free.win[n], runs[i][0] + j);
	assert_int_equal(uv_state.free.absent, UV_NFRAMES - n);
}

static void test_pool_ranges(void **state)
{
	(void)state;
	/* The first range's 16 frames past the image, a second range's 32
	 * from window frame 64: both, in order. */
	const uint64_t two[][2] = { { SEC, UV_IMAGE_LIMIT + FRAMES(16) },
				    { WIN(64), FRAMES(32) } };
	const uint32_t two_pool[][2] = { { 0, 16 }, { 64, 32 } };
	boot_tree(two, 2);
	pool_is(two_pool, 2);

	/* More frames than the pool holds: the first UV_NFRAMES. */
	const uint64_t many[][2] = { { SEC, UV_IMAGE_LIMIT + FRAMES(16) },
				     { WIN(64), FRAMES(60) } };
	const uint32_t many_pool[][2] = { { 0, 16 }, { 64, UV_NFRAMES - 16 } };
	boot_tree(many, 2);
	pool_is(many_pool, 2);

	/* A range across the window's end: its frames inside it; one
	 * wholly past the end: none. */
	const uint64_t end[][2] = { { SEC, UV_IMAGE_LIMIT + FRAMES(16) },
				    { WIN(UV_WIN_FRAMES - 8), FRAMES(32) },
				    { WIN(UV_WIN_FRAMES + 32), FRAMES(32) } };
	const uint32_t end_pool[][2] = { { 0, 16 }, { UV_WIN_FRAMES - 8, 8 } };
	boot_tree(end, 3);
	pool_is(end_pool, 2);

	/* A range below the image, and one below a range before it in the
	 * tree (the frames' places must increase): neither is used. */
	const uint64_t order[][2] = { { SEC, UV_IMAGE_LIMIT + FRAMES(16) },
				      { SEC - 0x40000000ULL, FRAMES(16) },
				      { WIN(64), FRAMES(8) },
				      { WIN(32), FRAMES(8) },
				      { WIN(96), FRAMES(8) } };
	const uint32_t order_pool[][2] = { { 0, 16 }, { 64, 8 }, { 96, 8 } };
	boot_tree(order, 5);
	pool_is(order_pool, 3);

	/* The first range with no frame past the image (the map refuses
	 * that) is not tried; one with a frame, and the rest from a range
	 * far above it. */
	const uint64_t one[][2] = { { SEC, UV_IMAGE_LIMIT + FRAMES(1) },
				    { WIN(100), FRAMES(4) } };
	const uint32_t one_pool[][2] = { { 0, 1 }, { 100, 4 } };
	boot_tree(one, 2);
	pool_is(one_pool, 2);

}

/* An image base not 64 KiB aligned (UV_IMAGE_ALIGN): refused, whatever the
 * tree, before any frame is given, and no thread gets a struct uv_cpu. */
static void test_unaligned_image(void **state)
{
	(void)state;
	const uint64_t odd[][2] = { { SEC + 0x8000, UV_IMAGE_LIMIT + FRAMES(16) },
				    { WIN(64), FRAMES(8) } };
	assert_int_equal(boot_tree_rc(odd, 2), BOOT_E_PLACE);
	assert_int_equal(uv_boot.status, BOOT_E_PLACE);
	assert_int_equal(uv_normal.n, 0);
	assert_int_equal(boot_thread(7, 0), BOOT_E_PLACE);
	/* A base aligned to less than a frame, 4 KiB: refused too. */
	const uint64_t page[][2] = { { SEC + 0x1000, UV_IMAGE_LIMIT + FRAMES(16) } };
	assert_int_equal(boot_tree_rc(page, 1), BOOT_E_PLACE);
	/* The same trees moved to the aligned base boot. */
	const uint64_t even[][2] = { { SEC, UV_IMAGE_LIMIT + FRAMES(16) } };
	assert_int_equal(boot_tree_rc(even, 1), BOOT_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_moved),
		cmocka_unit_test(test_handoff),
		cmocka_unit_test(test_tree_out_of_reach),
		cmocka_unit_test(test_threads),
		cmocka_unit_test(test_pool_ranges),
		cmocka_unit_test(test_unaligned_image),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
