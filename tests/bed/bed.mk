# Host tests of the test bed's own tools. Included by the top Makefile.
$(B)/host/memguard: scripts/vmtest.d/memguard.c
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -o $@ $<

$(B)/host/test_memguard: tests/bed/test_memguard.c $(B)/host/memguard
	@mkdir -p $(@D)
	$(HOST_CC) $(TEST_CFLAGS) -o $@ $<

UNIT_TESTS += $(B)/host/test_memguard
