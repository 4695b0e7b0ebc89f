# ---- the freestanding core, cross-compiled ---------------------------------------
# The C core must build for both endiannesses of ppc64 without libc and
# without a warning.  Objects land in build/ppc64le/core and build/ppc64/core.
CROSS_le := powerpc64le-linux-gnu-gcc
CROSS_be := powerpc64-linux-gnu-gcc
FREESTANDING := -ffreestanding -nostdlib -fno-builtin -fno-stack-protector \
	-mcpu=power9 -mno-altivec -mno-vsx -msoft-float -fno-pic -mcmodel=medium \
	-fno-tree-loop-distribute-patterns -mtraceback=no

CORE_OBJS_le := $(CORE_SRCS:src/%.c=$(BUILD)/ppc64le/core/%.o) \
	$(ARCH_PPC64_SRCS:src/%.c=$(BUILD)/ppc64le/core/%.o)
CORE_OBJS_be := $(CORE_SRCS:src/%.c=$(BUILD)/ppc64/core/%.o) \
	$(ARCH_PPC64_SRCS:src/%.c=$(BUILD)/ppc64/core/%.o)

$(BUILD)/ppc64le/core/%.o: src/%.c $(wildcard src/*.h src/*/*.h src/arch/ppc64/*.h spec/*.h) $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	$(CROSS_le) $(CORE_CFLAGS) $(FREESTANDING) -mlittle-endian -c $< -o $@

$(BUILD)/ppc64/core/%.o: src/%.c $(wildcard src/*.h src/*/*.h src/arch/ppc64/*.h spec/*.h) $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	$(CROSS_be) $(CORE_CFLAGS) $(FREESTANDING) -mbig-endian -c $< -o $@

.PHONY: cross-core
cross-core: $(CORE_OBJS_le) $(CORE_OBJS_be)
CROSS_EXTRA += cross-core
