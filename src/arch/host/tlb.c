/*
 * Invalidation of a partition's translations, or of one page of it, on the
 * host (src/arch/arch.h): nothing to invalidate, so each call is recorded
 * for the tests (src/arch/host/host.h).
 */
#include "arch/arch.h"
#include "arch/host/host.h"

struct host_tlbie host_tlbie_log[HOST_TLBIE_LOG];
unsigned long host_tlbie_count;

void arch_tlbie_lpid(uint64_t lpid, _Bool radix)
{
	if (host_tlbie_count < HOST_TLBIE_LOG) {
		host_tlbie_log[host_tlbie_count].lpid = lpid;
		host_tlbie_log[host_tlbie_count].radix = radix;
	}
	host_tlbie_count++;
}

struct host_tlbie_gpa host_tlbie_gpa_log[HOST_TLBIE_LOG];
unsigned long host_tlbie_gpa_count;

void arch_tlbie_gpa(uint64_t lpid, uint64_t gpa)
{
	if (host_tlbie_gpa_count < HOST_TLBIE_LOG) {
		host_tlbie_gpa_log[host_tlbie_gpa_count].lpid = lpid;
		host_tlbie_gpa_log[host_tlbie_gpa_count].gpa = gpa;
	}
	host_tlbie_gpa_count++;
}
