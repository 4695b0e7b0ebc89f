/*
 * One hcall number past the space the proofs assume: a PAPR opcode newer
 * than H_GUEST_DELETE (0x488).  Not a ucall, but the audit must report it
 * so that UV_HCALL_RANGES gets updated.
 */
#define H_REMOVE		0x04
#define H_ENTER			0x08
#define H_GUEST_DELETE		0x488
#define H_FUTURE_CALL		0x48C
#define H_RTAS			0xF000
