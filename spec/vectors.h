/*
 * The interrupt vectors: where each one's return state is, and what the
 * ultravisor does with it (issue 14, item 2).  The source of truth for
 * src/guest/vector.c (proved: vec_route follows this table), for the
 * "Interrupts" section of spec/ABI.md (tools/abi_doc.c), and for the
 * assembly's vector stubs once they exist.
 *
 * Every slot of the image from 0x100 has a stub (asm/entry.S): 0xC00 the
 * sc path, every other one the common entry path, whose C side
 * (src/guest/int_entry.h) follows this table through vec_route.
 *
 * Facts (../shared/reference/ultravisor-runtime-facts.md section 1; Power
 * ISA v3.0B Book III, the interrupt vectors): while MSR[S] = 1, every
 * interrupt that would go to the hypervisor (MSR[HV] set by the interrupt)
 * goes to the ultravisor, at its own vectors; system reset and machine
 * check come to it too.  Interrupts that the architecture gives to the
 * guest's own supervisor (MSR[HV] stays 0) never reach the ultravisor from
 * a guest.
 *
 * X(name, offset, pair, route, passes, doc)
 *   offset  the vector's offset from the image base (URMOR)
 *   pair    the registers that hold the interrupted PC and MSR:
 *           VEC_SRR (SRR0/1), VEC_HSRR (HSRR0/1), or VEC_LPES (the external
 *           interrupt: HSRR0/1 when LPCR[LPES] = 0, when it goes to the
 *           hypervisor; SRR0/1 when LPCR[LPES] = 1, when it goes to the
 *           guest's own supervisor)
 *   route   what the ultravisor does when it is taken while a secure guest
 *           runs (enum uv_vec_route below); a VEC_LPES vector goes to the
 *           guest (VEC_GUEST) when LPCR[LPES] = 1
 *   passes  what the hypervisor gets of the guest's when the vector is
 *           reflected to it (VEC_P_* below); every other register neutral
 *   doc     the vector's name, for spec/ABI.md
 */
#ifndef UV_SPEC_VECTORS_H
#define UV_SPEC_VECTORS_H

#define UV_VECTORS(X)                                                          \
	X(VEC_SYSTEM_RESET, 0x100, VEC_SRR, VEC_REFLECT, VEC_P_NONE,           \
	  "system reset")                                                      \
	X(VEC_MACHINE_CHECK, 0x200, VEC_SRR, VEC_REFLECT,                      \
	  VEC_P_DSISR | VEC_P_DAR | VEC_P_ASDR, "machine check")              \
	X(VEC_DSI, 0x300, VEC_SRR, VEC_GUEST, VEC_P_NONE, "data storage")     \
	X(VEC_DSEG, 0x380, VEC_SRR, VEC_GUEST, VEC_P_NONE, "data segment")    \
	X(VEC_ISI, 0x400, VEC_SRR, VEC_GUEST, VEC_P_NONE,                      \
	  "instruction storage")                                               \
	X(VEC_ISEG, 0x480, VEC_SRR, VEC_GUEST, VEC_P_NONE,                     \
	  "instruction segment")                                               \
	X(VEC_EXTERNAL, 0x500, VEC_LPES, VEC_REFLECT, VEC_P_NONE, "external") \
	X(VEC_ALIGNMENT, 0x600, VEC_SRR, VEC_GUEST, VEC_P_NONE, "alignment")  \
	X(VEC_PROGRAM, 0x700, VEC_SRR, VEC_GUEST, VEC_P_NONE, "program")      \
	X(VEC_FP_UNAVAIL, 0x800, VEC_SRR, VEC_GUEST, VEC_P_NONE,               \
	  "floating-point unavailable")                                        \
	X(VEC_DEC, 0x900, VEC_SRR, VEC_GUEST, VEC_P_NONE, "decrementer")      \
	X(VEC_HDEC, 0x980, VEC_HSRR, VEC_REFLECT, VEC_P_NONE,                  \
	  "hypervisor decrementer")                                            \
	X(VEC_DOORBELL, 0xA00, VEC_SRR, VEC_GUEST, VEC_P_NONE,                 \
	  "directed privileged doorbell")                                      \
	X(VEC_SC, 0xC00, VEC_SRR, VEC_SC_PATH, VEC_P_NONE,                     \
	  "system call (sc 1 of a secure guest: its hcall; sc 2: a ucall)")    \
	X(VEC_TRACE, 0xD00, VEC_SRR, VEC_GUEST, VEC_P_NONE, "trace")          \
	X(VEC_HDSI, 0xE00, VEC_HSRR, VEC_FAULT,                                \
	  VEC_P_HDSISR | VEC_P_HDAR_OFF | VEC_P_ASDR,                          \
	  "hypervisor data storage")                                           \
	X(VEC_HISI, 0xE20, VEC_HSRR, VEC_FAULT, VEC_P_ASDR,                    \
	  "hypervisor instruction storage")                                    \
	X(VEC_HEAI, 0xE40, VEC_HSRR, VEC_STOP, VEC_P_NONE,                     \
	  "hypervisor emulation assistance")                                   \
	X(VEC_HMI, 0xE60, VEC_HSRR, VEC_REFLECT, VEC_P_NONE,                   \
	  "hypervisor maintenance")                                            \
	X(VEC_HDOORBELL, 0xE80, VEC_HSRR, VEC_REFLECT, VEC_P_NONE,             \
	  "directed hypervisor doorbell")                                      \
	X(VEC_HVIRT, 0xEA0, VEC_HSRR, VEC_REFLECT, VEC_P_NONE,                 \
	  "hypervisor virtualization")                                         \
	X(VEC_PERF, 0xF00, VEC_SRR, VEC_GUEST, VEC_P_NONE,                     \
	  "performance monitor")                                               \
	X(VEC_VMX_UNAVAIL, 0xF20, VEC_SRR, VEC_GUEST, VEC_P_NONE,              \
	  "vector unavailable")                                                \
	X(VEC_VSX_UNAVAIL, 0xF40, VEC_SRR, VEC_GUEST, VEC_P_NONE,              \
	  "VSX unavailable")                                                   \
	X(VEC_FAC_UNAVAIL, 0xF60, VEC_SRR, VEC_GUEST, VEC_P_NONE,              \
	  "facility unavailable")                                              \
	X(VEC_HFAC_UNAVAIL, 0xF80, VEC_HSRR, VEC_REFLECT, VEC_P_NONE,          \
	  "hypervisor facility unavailable")                                   \
	X(VEC_SOFTPATCH, 0x1500, VEC_HSRR, VEC_REFLECT, VEC_P_NONE,            \
	  "softpatch (implementation-specific, a hypervisor interrupt)")

/* The return-state pair (the table's pair column). */
#define VEC_SRR 0
#define VEC_HSRR 1
#define VEC_LPES 2

/*
 * Routes: what the ultravisor does with an interrupt (the table's route
 * column, and vec_route's answer).
 *   VEC_NONE     not a vector of the table
 *   VEC_SC_PATH  the sc path of asm/entry.S: a ucall, or a secure guest's
 *                hcall (reflected)
 *   VEC_REFLECT  the hypervisor's: reflected to it at this vector, the
 *                guest's state saved and only `passes` shown
 *   VEC_FAULT    the guest's own memory (ASDR): handled in the ultravisor,
 *                or reflected as an HDSI (issue 14, item 5)
 *   VEC_STOP     the guest cannot go on (an instruction the hypervisor
 *                would have to emulate in a secure guest): stopped for
 *                good (src/guest/interrupt.h, uv_int_stop), the vCPU kept
 *                in an exit never resumed, the hypervisor entered at the
 *                vector with its cookie and nothing of the guest's, and
 *                again at every UV_RETURN of the guest, or, where the
 *                ultravisor can, with an hcall H_RTAS of the guest's
 *                ibm,os-term (src/guest/rtas.h: QEMU reports the guest
 *                panicked); UV_SVM_TERMINATE cleans up
 *   VEC_GUEST    the guest's own supervisor's: the hardware never brings
 *                it to the ultravisor from a guest
 *   VEC_SELF     taken while the ultravisor itself ran (MSR[S] = MSR[HV]
 *                = 1), whatever the vector
 */
#define VEC_NONE 0
#define VEC_SC_PATH 1
#define VEC_REFLECT 2
#define VEC_FAULT 3
#define VEC_STOP 4
#define VEC_GUEST 5
#define VEC_SELF 6

/* What a reflected vector shows the hypervisor (the passes column). */
#define VEC_P_NONE 0
#define VEC_P_DSISR 1     /* DSISR */
#define VEC_P_DAR 2       /* DAR */
#define VEC_P_HDSISR 4    /* HDSISR */
#define VEC_P_HDAR_OFF 8  /* HDAR's offset in its 64 KiB page, only */
#define VEC_P_ASDR 16     /* ASDR: the guest page's address */

/*
 * The vectors the hypervisor may inject into a secure guest at UV_RETURN
 * (issue 14, item 4; spec/uv_abi.h, UV_AIL3_OFFSET): the rows whose pair is
 * not VEC_HSRR (the interrupts the architecture gives a guest's own
 * supervisor, and system reset, machine check and the external interrupt,
 * which KVM injects), but the sc vector (an sc is made, never injected).
 * A machine check is delivered at 0x200: the FWNMI address a guest
 * registers goes through an hcall the ultravisor does not read, and an
 * HSRR0 that names it is refused.
 */
#define UV_X_INJECTABLE(name, o, pair, route, passes, doc) \
	(v == (o) && (pair) != VEC_HSRR && (o) != 0xC00) ||

/* The sc vector's offset (the table's VEC_SC row): a pending exit of this
 * vector is a reflected hcall (struct uv_exit.vec). */
#define UV_VEC_SC 0xC00UL

/* System reset and machine check: AIL never applies to them. */
#define UV_VEC_SRESET 0x100UL
#define UV_VEC_MCHECK 0x200UL

/* The HEAI (the table's VEC_STOP row): a secure guest stopped for good
 * is shown this vector at every UV_RETURN (src/guest/interrupt.h). */
#define UV_VEC_HEAI 0xE40UL

/* LPCR[LPES] (ISA bit 60): 0 sends the external interrupt to the hypervisor. */
#define UV_LPCR_LPES 0x0000000000000008UL

#endif
