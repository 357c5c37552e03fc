# Real-KVM scenarios (slow: each boots the nested test bed). Run by
# scripts/check after the host unit tests; not part of UNIT_TESTS.
# Variants start from a host's defaults and override fields on purpose.
$(B)/host/test_kvm: tests/kvm/test_kvm.c
	@mkdir -p $(@D)
	$(HOST_CC) $(TEST_CFLAGS) -Wno-override-init -o $@ $< -ljansson
