/*
 * The clean header's style with one planted collision: H_EVIL is the
 * number of the ucall UV_PAGE_IN.  The audit must name it and fail.
 */
#define H_REMOVE		0x04
#define H_ENTER			0x08
#define H_RTAS			0xF000
#define H_SVM_PAGE_IN		0xEF00
#define H_EVIL			0xF128	/* planted: UV_PAGE_IN */
#define H_SET_PARTITION_TABLE	0xF800
