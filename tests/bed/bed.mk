# The test bed's own tools and their host tests. Included by the top Makefile.
# memguard (scripts/vmtest.d/guest/memguard.c): the guest's check that a migration
# kept its memory, built for the guest and, for its test, for the host.
$(B)/arm64/memguard: scripts/vmtest.d/guest/memguard.c
	@mkdir -p $(@D)
	$(CROSS_CC) $(CROSS_CFLAGS) -o $@ $<

GUEST_TOOLS += $(B)/arm64/memguard

$(B)/host/memguard: scripts/vmtest.d/guest/memguard.c
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -o $@ $<

$(B)/host/test_memguard: tests/bed/test_memguard.c $(B)/host/memguard
	@mkdir -p $(@D)
	$(HOST_CC) $(TEST_CFLAGS) -o $@ $<

UNIT_TESTS += $(B)/host/test_memguard
