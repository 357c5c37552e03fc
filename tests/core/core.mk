# Host unit tests of the probe core (lib/fwprobe_core.c) against simulated
# hypervisors. Included by the top Makefile; builds $(B)/host/test_core.
TEST_CORE_SRCS := tests/core/test_core.c tests/core/simhyp.c lib/fwprobe_core.c lib/fwprobe_abi.c lib/fwprobe_hwregs.c
TEST_CORE_DEPS := $(TEST_CORE_SRCS) tests/core/simhyp.h $(wildcard lib/*.h) tests/core/core.mk

$(B)/host/test_core: $(TEST_CORE_DEPS)
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -I$(KSFT) -o $@ $(TEST_CORE_SRCS)

UNIT_TESTS += $(B)/host/test_core

# The MADT walk (lib/fwprobe_madt.c) on good and bogus tables.
TEST_MADT_SRCS := tests/core/test_madt.c lib/fwprobe_madt.c

$(B)/host/test_madt: $(TEST_MADT_SRCS) $(wildcard lib/*.h) tests/core/core.mk
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -I$(KSFT) -o $@ $(TEST_MADT_SRCS)

UNIT_TESTS += $(B)/host/test_madt

# The safety verdict (lib/fwprobe_safety.c) over hand-made vCPU views.
TEST_SAFETY_SRCS := tests/core/test_safety.c lib/fwprobe_safety.c lib/fwprobe_hwregs.c

$(B)/host/test_safety: $(TEST_SAFETY_SRCS) $(wildcard lib/*.h) tests/core/core.mk
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -I$(KSFT) -o $@ $(TEST_SAFETY_SRCS)

UNIT_TESTS += $(B)/host/test_safety
