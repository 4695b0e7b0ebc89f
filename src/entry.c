/*
 * The C entry the assembly calls after saving the caller's registers into
 * cpu->frame; the exit path loads cpu->frame back and does what the result
 * says (enum uv_next).
 */
#include "entry.h"

enum uv_next uv_entry(struct uv_cpu *cpu)
{
	return uv_ucall(&cpu->frame);
}
