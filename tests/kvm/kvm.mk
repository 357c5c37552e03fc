# Real-KVM scenarios (slow: each boots the nested test bed). Run by
# scripts/check after the host unit tests; not part of UNIT_TESTS.
# Variants start from a host's defaults and override fields on purpose.
KVM_TEST_CFLAGS := $(TEST_CFLAGS) -Wno-override-init

# The HWCAP table: which of /proc/cpuinfo's Features the module must report.
$(B)/host/test_kvm: tests/kvm/test_kvm.c tests/kvm/vm.c tests/kvm/vm.h tests/reporter/schema_validate.h \
		lib/fwprobe_safety.c lib/fwprobe_hwregs.c $(wildcard lib/*.h)
	@mkdir -p $(@D)
	$(HOST_CC) $(KVM_TEST_CFLAGS) -Ilib -o $@ tests/kvm/test_kvm.c tests/kvm/vm.c \
		lib/fwprobe_safety.c lib/fwprobe_hwregs.c -ljansson

$(B)/host/test_migration: tests/kvm/test_migration.c tests/kvm/vm.c tests/kvm/vm.h tests/reporter/schema_validate.h
	@mkdir -p $(@D)
	$(HOST_CC) $(KVM_TEST_CFLAGS) -o $@ tests/kvm/test_migration.c tests/kvm/vm.c -ljansson

$(B)/host/test_rollback: tests/kvm/test_rollback.c tests/kvm/vm.c tests/kvm/vm.h tests/reporter/schema_validate.h
	@mkdir -p $(@D)
	$(HOST_CC) $(KVM_TEST_CFLAGS) -o $@ tests/kvm/test_rollback.c tests/kvm/vm.c -ljansson

$(B)/host/test_debian: tests/kvm/test_debian.c tests/kvm/vm.c tests/kvm/vm.h tests/reporter/schema_validate.h
	@mkdir -p $(@D)
	$(HOST_CC) $(KVM_TEST_CFLAGS) -o $@ tests/kvm/test_debian.c tests/kvm/vm.c -ljansson

# Run in the guest by bed.stress_watch_rescan_reload: static, like the reporter.
$(B)/arm64/fwprobe-stress: tests/kvm/guest-stress.c tests/kvm/kvm.mk
	@mkdir -p $(@D)
	$(CROSS_CC) $(CROSS_CFLAGS) -o $@ $< -lpthread

GUEST_TOOLS += $(B)/arm64/fwprobe-stress
