/*
 * A small hypervisor header in the style of Linux's hvcall.h, written for
 * the hcall audit test: a handful of real PAPR / KVM hcall numbers, and
 * defines that are not hcall numbers and must be ignored.  Clean: no
 * number collides with a ucall and every number is in the hcall space.
 */
#ifndef TEST_CLEAN_HVCALL_H
#define TEST_CLEAN_HVCALL_H

/* return codes and flags: not hcall numbers */
#define H_SUCCESS	0
#define H_BUSY		1	/* Hardware busy -- retry later */
#define H_HARDWARE	-1	/* Hardware error */
#define H_LONG_BUSY_ORDER_1_MSEC	9900
#define H_EXACT		(1UL<<(63-24))
#define H_BULK_REMOVE_TYPE	0xc000000000000000ULL
#define H_CB_ALIGNMENT	4096	/* a page size, not an hcall */
#define H_MAX_NAME(x)	((x) + 4)
#define NOT_AN_HCALL	0xF128

/* hcall opcodes */
#define H_REMOVE		0x04
#define H_ENTER			0x08
#define H_READ			0x0c
#define H_CLEAR_MOD		0x10
#define H_PROTECT		0x18
#define H_GET_TCE		0x1c
#define H_PUT_TCE		0x20
#define H_SET_SPRG0		0x24
#define H_REGISTER_VPA		0xDC
#define H_CEDE			0xE0
#define H_RPT_INVALIDATE	0x448
#define H_GUEST_DELETE		0x488	/* the last PAPR opcode known */

/* platform-specific hcalls */
#define H_SVM_PAGE_IN		0xEF00
#define H_SVM_PAGE_OUT		0xEF04
#define H_SVM_INIT_START	0xEF08
#define H_SVM_INIT_DONE		0xEF0C
#define H_SVM_INIT_ABORT	0xEF14
#define H_RTAS			0xf000
#define H_LOGICAL_MEMOP		0xF001
#define H_CAS			0XF002
#define H_UPDATE_DT		0xF003
#define H_GET_24X7_CATALOG_PAGE	0xF078
#define H_GET_24X7_DATA		0xF07C
#define H_GET_PERF_COUNTER_INFO	0xF080
#define H_SET_PARTITION_TABLE	0xF800
#define H_ENTER_NESTED		0xF804
#define H_TLB_INVALIDATE	0xF808
#define H_COPY_TOFROM_GUEST	0xF80C

#endif
