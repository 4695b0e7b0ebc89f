/*
 * The firmware's memory and the image's place on the host
 * (src/arch/fw.h), for the tests of the boot's C side: the firmware's
 * real addresses [0, host_fw_size) are the bytes at host_fw, and the image
 * stands at host_image_ra (src/arch/host/host.h).
 */
#include "arch/fw.h"
#include "arch/host/host.h"

const uint8_t *host_fw;
uint64_t host_fw_size;
uint64_t host_image_ra;

const uint8_t *arch_fw_bytes(uint64_t ra, uint64_t len)
{
	if (host_fw == 0 || len == 0 || ra >= host_fw_size ||
	    len > host_fw_size - ra)
		return 0;
	return host_fw + ra;
}

uint64_t arch_image_ra(void)
{
	return host_image_ra;
}
