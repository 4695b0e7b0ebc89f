/*
 * The boot's reading of the firmware's device tree (src/boot/): its limits
 * and the errors that make the boot refuse to start anything.  One list,
 * UV_BOOT_ERRORS, from which the C names, uvboot's output (docs/uvboot.md)
 * and spec/ABI.md's table are all made.
 *
 * Freestanding C (no libc); the assembler does not read it.
 */
#ifndef UV_SPEC_BOOT_H
#define UV_SPEC_BOOT_H

#include "uv_config.h"
#include "memmap.h"

/*
 * Ranges of each kind (normal memory, secure memory) the boot keeps: a
 * device tree with more is refused (BOOT_E_TOO_MANY).  A POWER9 or POWER10
 * machine has one memory node per chip (two sockets: 2 to 8) and one
 * secure range per chip.
 */
#define UV_BOOT_RANGES 16
/* Nodes nested deeper than this are refused (BOOT_E_DEPTH). */
#define UV_FDT_MAX_DEPTH 64
/* The device-tree versions read: 17 (what dtc and skiboot write). */
#define UV_FDT_MAGIC 0xd00dfeedU
#define UV_FDT_VERSION 17U
/* The header of version 17, in bytes. */
#define UV_FDT_HEADER 40U

/*
 * The hand-off structure skiboot passes in r3 (its struct uv_opal), every
 * field big-endian: magic, version, the return code the boot writes, the
 * API version, the image's base, the system device tree, the ultravisor's
 * own device tree, the memory console.  Offsets in bytes.
 */
#define UV_OPAL_MAGIC 0x4F505556U /* 'OPUV' */
#define UV_OPAL_OFF_MAGIC 0
#define UV_OPAL_OFF_VERSION 4
#define UV_OPAL_OFF_RET 8
#define UV_OPAL_OFF_SYS_FDT 24
#define UV_OPAL_SIZE 48
/* The largest device tree the boot reads (skiboot's is a few hundred KiB). */
#define UV_FDT_MAX_SIZE 0x1000000U

/*
 * X(name, value, meaning).  0 is success; every other value refuses the
 * boot: nothing is started (BOOT_E_THREAD refuses one thread, BOOT_E_AGAIN
 * tells a thread it had booted already: the ultravisor runs on).  1 to 14
 * are the device tree's and `uvboot` prints them; 16 to 19 are the boot
 * entry's (asm/boot.S, src/boot/bringup.c).  15 is not used: it was
 * BOOT_E_SECURE_LOW (a secure range below the 256 MiB the hypervisor could
 * name), gone since normal memory is told from secure memory by the map
 * alone (spec/memmap.h); the others kept their values.
 */
#define UV_BOOT_ERRORS(X)                                                    \
	X(BOOT_OK, 0, "the device tree was read and the map is well-formed; "  \
	  "from the entry: this thread has its struct uv_cpu")                \
	X(BOOT_E_HEADER, 1,                                                   \
	  "the header: magic, version (17 read), sizes or block offsets "    \
	  "outside the blob, a reservation map not ended inside it")          \
	X(BOOT_E_STRUCT, 2,                                                   \
	  "the structure block: an unknown or truncated token, a node name " \
	  "not terminated, unbalanced nodes, a property outside a node, "   \
	  "a root with a name, no FDT_END after the root")             \
	X(BOOT_E_STRINGS, 3,                                                  \
	  "a property name outside the strings block or not terminated")     \
	X(BOOT_E_DEPTH, 4, "nodes nested deeper than UV_FDT_MAX_DEPTH")       \
	X(BOOT_E_CELLS, 5,                                                    \
	  "the root's #address-cells or #size-cells not a 4-byte 1 or 2")     \
	X(BOOT_E_REG, 6,                                                      \
	  "a reg or secure-memory-ranges whose length is not a whole "      \
	  "number of entries")                                                \
	X(BOOT_E_TOO_MANY, 7, "more than UV_BOOT_RANGES ranges of one kind "  \
	  "(normal, secure, or reservations inside secure memory)")           \
	X(BOOT_E_RANGE, 8, "a range of size 0, or whose end (start + size) is not below 2^64")  \
	X(BOOT_E_OVERLAP, 9, "two ranges (normal or secure) overlap")         \
	X(BOOT_E_NO_NORMAL, 10, "no normal memory (/memory nodes)")           \
	X(BOOT_E_NO_SECURE, 11,                                               \
	  "no secure memory (ibm,secure-memory nodes or secure-memory-ranges)") \
	X(BOOT_E_SECURE_SMALL, 12,                                            \
	  "the first secure range cannot hold the image (UV_IMAGE_LIMIT "    \
	  "bytes, no firmware reservation inside them) and one frame")        \
	X(BOOT_E_NO_CPUS, 13, "no hardware thread under /cpus")               \
	X(BOOT_E_TOO_MANY_CPUS, 14, "more hardware threads than UV_NCPUS")   \
	X(BOOT_E_HANDOFF, 16,                                                 \
	  "the hand-off structure (r3): not reachable, magic not 'OPUV' or "  \
	  "version 0; its return-code field is left alone")                   \
	X(BOOT_E_PLACE, 17,                                                   \
	  "the image does not run where it is linked (URMOR is not its "      \
	  "base), its base is not the start of the first secure range or "    \
	  "not 64 KiB aligned (UV_IMAGE_ALIGN), or HRMOR is not 0")           \
	X(BOOT_E_THREAD, 18,                                                  \
	  "this hardware thread came after as many threads as the device "    \
	  "tree lists: it gets no struct uv_cpu")                             \
	X(BOOT_E_AGAIN, 19,                                                   \
	  "this hardware thread had booted already (a second boot): nothing " \
	  "is changed, the ultravisor keeps running")

#define UV_BOOT_ENUM(name, value, meaning) name = (value),
enum uv_boot_error { UV_BOOT_ERRORS(UV_BOOT_ENUM) };
#undef UV_BOOT_ENUM

#endif
