# Host unit tests of the probe core (lib/fwprobe_core.c) against simulated
# hypervisors. Included by the top Makefile; builds $(B)/host/test_core.
TEST_CORE_SRCS := tests/core/test_core.c tests/core/simhyp.c lib/fwprobe_core.c lib/fwprobe_abi.c lib/fwprobe_hwregs.c
TEST_CORE_DEPS := $(TEST_CORE_SRCS) tests/core/simhyp.h $(wildcard lib/*.h) tests/core/core.mk

$(B)/host/test_core: $(TEST_CORE_DEPS)
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -I$(KSFT) -o $@ $(TEST_CORE_SRCS)

UNIT_TESTS += $(B)/host/test_core
