// SPDX-License-Identifier: GPL-2.0
/* KVMREG_IMPL: answering DISCOVER_IMPL_VER and DISCOVER_IMPL_CPUS in the KVM_RUN wrapper. */

#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "kvmreg.h"

/* What <linux/kvm.h> of Linux 6.4+ has, for older uapi headers. */
#ifndef KVM_ARM_VM_SMCCC_CTRL
#define KVM_ARM_VM_SMCCC_CTRL		0
#define KVM_ARM_VM_SMCCC_FILTER		0
#define KVM_SMCCC_FILTER_FWD_TO_USER	2
struct kvm_smccc_filter {
	__u32 base;
	__u32 nr_functions;
	__u8 action;
	__u8 pad[15];
};
#endif
/* x0..x3 for KVM_GET/SET_ONE_REG */
#define CORE_X(n)	(KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM_CORE |	\
			 KVM_REG_ARM_CORE_REG(regs.regs[n]))
#define SMCCC_SUCCESS			0
#define SMCCC_INVALID_PARAMETER		(-3)
#define DISCOVER_IMPL_VERSION		0x10000		/* 1.0 */

/*
 * KVMREG_IMPL: have KVM forward DISCOVER_IMPL_VER and _CPUS to userspace
 * (KVM_EXIT_HYPERCALL), where the KVM_RUN wrapper answers them. KVM takes an
 * SMCCC filter until a vCPU of the VM has run (EBUSY after); its action comes
 * before the firmware bitmaps, which only decide what KVM's FEATURES call says.
 */
void forward_discover_impl(int vm_fd)
{
	static const uint32_t fns[] = { FWP_KVM_DISCOVER_IMPL_VER, FWP_KVM_DISCOVER_IMPL_CPUS };

	for (unsigned int k = 0; k < sizeof(fns) / sizeof(fns[0]); k++) {
		struct kvm_smccc_filter filter = { .base = fns[k], .nr_functions = 1,
						   .action = KVM_SMCCC_FILTER_FWD_TO_USER };
		struct kvm_device_attr attr = { .group = KVM_ARM_VM_SMCCC_CTRL,
						.attr = KVM_ARM_VM_SMCCC_FILTER,
						.addr = (uintptr_t)&filter };

		if (real_ioctl(vm_fd, KVM_SET_DEVICE_ATTR, &attr))
			fail("cannot answer DISCOVER_IMPL: KVM_SET_DEVICE_ATTR(KVM_ARM_VM_SMCCC_CTRL, "
			     "KVM_ARM_VM_SMCCC_FILTER) forwarding 0x%08x to userspace failed: %s "
			     "(KVM has SMCCC filters from Linux 6.4 on)", fns[k], strerror(errno));
	}
}

/* KVMREG_IMPL: this thread's vCPU's struct kvm_run, mapped for reading. */
const struct kvm_run *map_run(int vcpu_fd)
{
	void *p = mmap(NULL, sysconf(_SC_PAGESIZE), PROT_READ, MAP_SHARED, vcpu_fd, 0);

	if (p == MAP_FAILED)
		fail("cannot map vCPU fd %d's struct kvm_run: %s", vcpu_fd, strerror(errno));
	return p;
}

/*
 * A call KVM forwarded (KVM_EXIT_HYPERCALL, function ID @fn): DISCOVER_IMPL's
 * answer goes into x0..x3 (Documentation/virt/kvm/arm/hypercalls.rst; the
 * guest kernel's reader is kvm_arm_target_impl_cpu_init()). KVM has moved
 * the PC past the HVC (or SMC: the conduit makes no difference to the
 * answer, as for KVM's own calls). Returns false for a call that is not ours.
 */
static bool answer_discover_impl(int vcpu_fd, uint64_t fn)
{
	uint64_t x[4] = { 0 }, idx;

	if (fn == FWP_KVM_DISCOVER_IMPL_VER) {
		x[0] = SMCCC_SUCCESS;
		x[1] = DISCOVER_IMPL_VERSION;
		x[2] = nimpl;
	} else if (fn == FWP_KVM_DISCOVER_IMPL_CPUS) {
		if (get_one(vcpu_fd, CORE_X(1), &idx))
			fail("cannot read x1 of DISCOVER_IMPL_CPUS: KVM_GET_ONE_REG failed: %s",
			     strerror(errno));
		if (idx < nimpl) {
			x[0] = SMCCC_SUCCESS;
			x[1] = impls[idx].midr;
			x[2] = impls[idx].revidr;
			x[3] = impls[idx].aidr;
		} else {
			x[0] = (uint64_t)(int64_t)SMCCC_INVALID_PARAMETER;
		}
	} else {
		return false;
	}
	for (int n = 0; n < 4; n++)
		if (set_one(vcpu_fd, CORE_X(n), x[n]))
			fail("cannot answer DISCOVER_IMPL (0x%08" PRIx64 "): KVM_SET_ONE_REG(x%d) failed: %s",
			     fn, n, strerror(errno));
	return true;
}

/* KVMREG_IMPL: KVM_RUN, answering the DISCOVER_IMPL calls KVM forwards without QEMU. */
int run_answering(int vcpu_fd, void *arg)
{
	for (;;) {
		int ret = real_ioctl(vcpu_fd, KVM_RUN, arg);

		if (ret || run_page->exit_reason != KVM_EXIT_HYPERCALL ||
		    !answer_discover_impl(vcpu_fd, run_page->hypercall.nr))
			return ret;
	}
}
