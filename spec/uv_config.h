/*
 * The sizes of the ultravisor's state, and the encodings of its per-guest,
 * per-slot, per-GFN and per-frame records.  Everything is fixed-size and
 * statically allocated (no heap); the all-zero state (a fresh .bss) is the
 * valid initial state: no SVM, no slot, every GFN normal, every frame free
 * and zero.  spec/page-states.md is the state table over these encodings.
 *
 * Freestanding: macros only, so that ACSL, C and the assembler can all read it.
 */
#ifndef UV_SPEC_CONFIG_H
#define UV_SPEC_CONFIG_H

#include "uv_abi.h"
#include "memmap.h"

/* Memory slots, in one table shared by every SVM (so up to UV_NSLOTS each). */
#define UV_NSLOTS 16
/*
 * GFNs one slot may cover: 2^20 x 64 KiB = 64 GiB, so that KVM may register
 * a guest's RAM of up to 64 GiB as one slot (issue 15, item 4).  Every slot
 * has its records and leaf entries reserved in uv_state (src/state.h): 4
 * bytes of record and 8 of leaf entry per GFN, 12 MiB per slot, 192 MiB for
 * the 16 slots, in the secure memory the image occupies (UV_IMAGE_LIMIT,
 * spec/memmap.h).  A fixed row per slot rather than a store shared by the
 * slots: the invariant then indexes the records by (slot, GFN) with no
 * index read from memory, which the provers match at once (a shared store,
 * where a GFN's cell depends on its slot's place in the store, was built
 * and measured in December 2026: its framing goals no longer closed).
 * Records taken from the frame pool when a slot is registered (what issue
 * 15 item 4 asks: 64 frames for a slot of 2^20 GFNs, given back when it
 * goes) were built and proved later that month (four of the proof's five
 * parts at CI's flags, the fifth without its smoke tests); the whole
 * proof then came to an estimated 5 600 to 5 900 s, past CI's 90 minutes, which
 * also hold make check: not merged, and the row per slot stays.
 */
#define UV_SLOT_PAGES 1048576
/*
 * The ultravisor's radix trees for secure guests (spec/radix.h): one per
 * guest that has a memory slot or is secure, UV_NTREES at once (a
 * registration that needs one more answers U_BUSY; an ESM commit that
 * needs one more fails, the guest staying normal).  16: as many guests as
 * could each hold one slot, and more secure guests than pending exits, so
 * that every exit can be in use.  Each maps guest addresses below
 * UV_TREE_REGIONS GiB (UV_TREE_GFNS GFNs): a slot must end there (else
 * U_P3 from UV_REGISTER_MEM_SLOT; U_P2 if it starts past it).  64 GiB: a
 * guest of 64 GiB in one slot from GFN 0 (KVM's layout of a guest's RAM);
 * each GiB costs a 4 KiB level-3 table and 512 bytes of tree_slot per tree.
 */
#define UV_NTREES 16
#define UV_TREE_REGIONS 64
#define UV_TREE_GFNS (UV_TREE_REGIONS * 512UL * 32UL)
/*
 * Secure frames in the ultravisor's pool, at most: 2^20 x 64 KiB = 64 GiB,
 * enough for a guest of 64 GiB in one slot to go secure.  The frames that
 * exist are those of the boot's memory map (its pool ranges in the
 * window, UV_WIN_FRAMES below: spec/memmap.h), up to this many; the rest
 * are absent (struct uv_free, src/state.h) and never touched.  The proofs and the
 * ppc64 image (uv.elf, and the emulation harness that runs its objects)
 * use 2^20, UV_NFRAMES_IMAGE (uvboot, a host tool, prints the pool that
 * image's boot takes with it).  A host build (the unit tests, uvsim, the fuzzers: x86-64
 * binaries of the same C) uses 64, since it cannot hold a 64 GiB object in
 * its .bss; the code does not depend on the number, which the proofs show
 * for 2^20 and the host tests exercise at 64, pool exhaustion included.
 */
#define UV_NFRAMES_IMAGE 1048576
#ifndef UV_NFRAMES
#if defined(__FRAMAC__) || defined(__powerpc64__)
#define UV_NFRAMES UV_NFRAMES_IMAGE
#else
#define UV_NFRAMES 64
#endif
#endif
/*
 * The window the pool's frames lie in (issue 15: every secure range, not
 * only the first): uv_state.pool spans UV_WIN_FRAMES frames from
 * UV_IMAGE_LIMIT past URMOR, and frame n of the pool is the window's frame
 * uv_state.free.win[n] (struct uv_free, src/state.h), which the boot sets
 * from every pool range of its map that lies in the window (src/boot/
 * bringup.c).  On ppc64 the window reaches the top of the 52-bit real
 * address space from the image (RA = URMOR + UV_IMAGE_LIMIT + 64 KiB x
 * window frame); the state is an address there, never storage (asm/
 * state.S): UV_WIN_FRAMES_IMAGE, which uvboot uses too.  A host build
 * uses a window of 128 frames, so that its 64
 * frames can lie in two runs apart; the emulation harness, a window of
 * its own (mk/asm.mk), since qemu-user cannot reserve 2^52 bytes.
 */
#define UV_WIN_FRAMES_IMAGE ((UV_ADDR_LIMIT - UV_IMAGE_LIMIT) / UV_PAGE_SIZE)
#ifndef UV_WIN_FRAMES
#if defined(__FRAMAC__) || defined(__powerpc64__)
#define UV_WIN_FRAMES UV_WIN_FRAMES_IMAGE
#else
#define UV_WIN_FRAMES 128
#endif
#endif
/* A frame as 64-bit words. */
#define UV_FRAME_WORDS (UV_PAGE_SIZE / 8)
/*
 * The most of a secure guest's device tree the ultravisor reads at the ESM
 * commit (src/guest/rtas.h), copied from the guest's secure frames into
 * ultravisor memory: 128 KiB.  Linux's prom_init hands over a tree of some
 * tens of KiB for a guest of a few vCPUs; a larger one is not read, and the
 * guest has no RTAS token for the ultravisor to use.
 */
#define UV_ESM_FDT_MAX 0x20000U
/*
 * Exits to the hypervisor that may be pending at once: one per virtual CPU
 * of a secure guest (a vCPU waits in the hypervisor for its exit's
 * UV_RETURN, so it has at most one), for UV_NTREES secure guests of up to
 * UV_SVM_VCPUS vCPUs each: 16 x 64 = 1024 exits of 1 712 bytes, 1.7 MiB.
 * The pool is shared: a guest with more vCPUs may use more while others
 * use fewer; an hcall that finds none free gets U_BUSY (and the guest
 * retries, as for H_BUSY).  The ESM protocol has one exit per guest.
 */
#define UV_SVM_VCPUS 64
/* a literal, not the product: the C comparisons with it stay in int */
#define UV_NEXITS 1024
#if UV_NEXITS != UV_NTREES * UV_SVM_VCPUS
#error "UV_NEXITS is UV_NTREES x UV_SVM_VCPUS"
#endif

/*
 * The cookie of pending exit e, which the hypervisor is given in SRR0 and
 * r31 at the exit and gives back in r31 with UV_RETURN (KVM keeps it as the
 * vCPU's PC and r31): random bits above the low 16 (so that a cookie of an
 * exit already over is unlikely to match the next exit in the same entry),
 * then UV_COOKIE_BASE + 4 e.  So it is at least 0x2000 and 4-byte aligned,
 * as IBM's (never an architected vector, which UV_RETURN would take for an
 * injected interrupt), and it names its exit: UV_RETURN finds the exit in
 * O(1) and no two pending exits share a cookie.  Needs UV_NEXITS <= 0x800.
 * Without a random number (darn failing) the random bits are 0: the cookie
 * still names its exit.
 */
#define UV_COOKIE_SPAN 0x10000UL
#define UV_COOKIE_BASE 0x2000UL
#define UV_COOKIE_GPR 31
#if UV_NEXITS > 0x800
#error "a cookie names its exit in bits 2 .. 12: UV_NEXITS <= 0x800"
#endif

/*
 * Hardware threads the image has a struct uv_cpu and a stack for
 * (src/arch/percpu.c, statically allocated in .bss so that the linker
 * places them in ultravisor memory, asm/check-uvmem.sh).  256 covers a
 * two-socket POWER9 (2 x 24 cores x SMT4 = 192) and POWER10 (2 x 15 cores x
 * SMT8 = 240); the boot refuses a device tree listing more threads
 * (BOOT_E_TOO_MANY_CPUS) and gives a slot only to as many threads as the
 * tree lists (src/boot/bringup.c).  Each stack is UV_STACK_SIZE bytes: the
 * C core's deepest frame is 176
 * bytes and its call chain under 1 KiB (gcc -fstack-usage), so 16 KiB leaves
 * room; 256 x 16 KiB = 4 MiB.
 */
#define UV_NCPUS 256
#define UV_STACK_SIZE 0x4000

/*
 * Life cycle of a guest (per LPID, 16 bits, as SVM_INIT + e needs):
 *   SVM_NORMAL        not secure; the ultravisor holds nothing for it
 *   SVM_SECURE        secure: runs with MSR[S]=1; may have pending exits
 *                     of kind EXIT_VCPU (a reflected hcall or interrupt),
 *                     one per vCPU
 *   SVM_INIT + e      between UV_ESM and the end of the ESM protocol, with
 *                     pending exit e (0 <= e < UV_NEXITS)
 */
#define SVM_NORMAL 0
#define SVM_SECURE 1
#define SVM_INIT 2

/* What a pending exit waits for (struct uv_exit.kind). */
#define EXIT_INIT_START 1 /* the hypervisor's answer to H_SVM_INIT_START */
#define EXIT_INIT_DONE 2  /* the hypervisor's answer to H_SVM_INIT_DONE */
/*
 * A vCPU of a secure guest waits in the hypervisor: for the answer to its
 * hcall (struct uv_exit.vec 0xC00, src/guest/reflect.h), or for the
 * hypervisor to have handled an interrupt reflected to it (vec the vector,
 * src/guest/interrupt.h).
 */
#define EXIT_VCPU 3
/*
 * The hypervisor's answer to H_SVM_PAGE_IN (r4 the guest address of GFN
 * struct uv_exit.gfn, r5 0, r6 16): in the ESM protocol, after KVM's answer
 * to H_SVM_INIT_START, the ultravisor asks for every GFN of every slot of
 * the guest not yet paged in, in GFN order, one at a time
 * (src/guest/esm.h); KVM answers each with a nested UV_PAGE_IN and UV_RETURN.
 */
#define EXIT_PAGE_IN 4

/*
 * A GFN record (4 bytes per GFN):
 *   GFN_EMPTY         no secure frame backs the page (initial state).  What
 *                     the guest sees there depends on its life cycle: in the
 *                     ESM protocol (SVM_INIT + e) it is the hypervisor's page,
 *                     not yet paged in; once the guest is SVM_SECURE it is a
 *                     secure page of zeros, backed by a zeroed secure frame at
 *                     its first use (gfn_touch), never by the hypervisor's
 *                     memory.  So the passage to SECURE turns every page not
 *                     paged in into a secure page without copying it (as KVM
 *                     since Linux 5.9 does at H_SVM_INIT_DONE), and an
 *                     unshared page is a zeroed secure page (as Linux's rule
 *                     for UV_UNSHARE_PAGE), both in O(1).
 *   GFN_SHARED        the guest shares it with the hypervisor: the
 *                     hypervisor's page backs it
 *   GFN_SHARED_INVAL  shared, the hypervisor's page behind it invalidated
 *                     (UV_PAGE_INVAL): its translation is gone and nothing
 *                     backs it until the hypervisor backs it again with
 *                     UV_PAGE_IN (then GFN_SHARED).  Still shared: never a
 *                     secure page, and a guest's use of it is refused
 *                     (gfn_touch answers GFN_USE_INVALID) so that the fault
 *                     path can reflect it for the hypervisor to re-back.
 *   GFN_SECURE + n    its content is in secure frame n (0 <= n < UV_NFRAMES)
 */
#define GFN_EMPTY 0
#define GFN_SHARED 1
#define GFN_SHARED_INVAL 2
#define GFN_SECURE 3

#endif
