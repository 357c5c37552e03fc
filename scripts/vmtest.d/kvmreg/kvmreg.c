// SPDX-License-Identifier: GPL-2.0
/* The ioctl() hook, and (below) what the shim does. */
/*
 * kvmreg.so: LD_PRELOAD shim for the arm64 QEMU that vmtest runs in L1.
 *
 * QEMU has no option for KVM's firmware bitmap registers nor for the ID,
 * cache and GIC identification registers a guest sees, and QEMU 7.2 silently
 * ignores a KVM_SET_ONE_REG that KVM refuses at reset. This shim makes the
 * test bed's register settings exact and loud, for the firmware registers of
 * lib/fwprobe_core.c and the hardware registers of lib/fwprobe_hwreg_list.h,
 * under the names fwprobe gives them:
 *
 *  - KVMREG_SET="name=value,..." substitutes the value of every write QEMU
 *    issues for those registers (KVM_SET_ONE_REG on any vCPU, or
 *    KVM_SET_DEVICE_ATTR on the vGIC or its ITS), and writes any QEMU did not
 *    write itself: the firmware registers before the first KVM_RUN, a vCPU's
 *    system and CCSIDR registers on every vCPU before the first KVM_RUN (and
 *    on a vCPU not seen then before its own first KVM_RUN), GIC registers at
 *    the first KVM_RUN. pmcr_el0 is PMCR_EL0.N only: the rest of PMCR_EL0
 *    stays as KVM and QEMU have it. cntfrq_el0 and dczid_el0 cannot be set:
 *    the guest reads them from the hardware, KVM holds neither. A hardware
 *    register may be given as name=VALUE/MASK: only MASK's bits are set, the
 *    others keep what KVM holds just before the write ((KVM's & ~MASK) |
 *    (VALUE & MASK)). CLIDR_EL1 goes in before any CCSIDR on a vCPU, and a
 *    CCSIDR is refused for a cache that CLIDR_EL1 (as now written) does not
 *    list: KVM 6.3+ would keep it, but the guest would never see it;
 *  - KVMREG_DROP="name,..." swallows QEMU's writes of those firmware
 *    registers, so KVM keeps this host's defaults: a VMM that does not carry
 *    them across a migration (as crosvm's snapshots do not carry the bitmaps);
 *  - a write KVM refuses, or accepts without keeping the value (the vGIC
 *    ignores writes to its read-only registers), ends QEMU at once (exit 125)
 *    after writing the reason to KVMREG_ERROR. For an ID register or CTR_EL0
 *    the reason names the fields KVM refuses, KVM's value first ("fields KVM
 *    refuses: DebugVer 6->9"), each field tried alone on top of KVM's value
 *    (a trial KVM takes is undone: nothing has run yet);
 *  - KVMREG_BEST_EFFORT=1 makes such a refusal not fatal: KVM's value stays
 *    (for a write of QEMU's that was substituted, QEMU's own value goes in),
 *    and one line per register, "name=value: KVM register ID or vGIC
 *    attribute: error (or 'not kept, reads back 0x..')", is appended to
 *    KVMREG_UNPINNED;
 *  - KVMREG_IMPL="midr:revidr:aidr,..." (at most FWP_MAX_IMPLS) answers the
 *    guest's DISCOVER_IMPL_VER and DISCOVER_IMPL_CPUS calls with these CPU
 *    implementations (Documentation/virt/kvm/arm/hypercalls.rst): an SMCCC
 *    filter (KVM 6.4+) installed before the VM's first KVM_RUN forwards them
 *    to userspace, and the KVM_RUN wrapper answers each KVM_EXIT_HYPERCALL
 *    itself (x0..x3 through KVM_SET_ONE_REG) and enters the vCPU again, so
 *    QEMU never sees them. VENDOR_HYP_BMAP_2 gets both bits (0x3, unless
 *    KVMREG_SET sets it), so that KVM's FEATURES call announces them, and
 *    where KVM has KVM_CAP_ARM_WRITABLE_IMP_ID_REGS (6.15+) the capability
 *    is enabled on each VM before its first vCPU exists, so that midr_el1,
 *    revidr_el1 and aidr_el1 can be set (also when KVMREG_SET names one of
 *    them without KVMREG_IMPL);
 *  - KVMREG_DUMP gets every register as KVM holds it, as one flat JSON object
 *    rewritten (atomically) at each vCPU's first KVM_RUN, when that vCPU's
 *    values are final (KVM refuses changes once a vCPU has run), so that it
 *    ends complete. A per-vCPU register is a "0x..." string when every vCPU
 *    holds the same value, else an array with one entry per vCPU in vCPU id
 *    order; null stands for a value KVM cannot give (or a vCPU not run yet);
 *    a register that does not exist is left out (a cache CLIDR_EL1 does not
 *    list, PMCR_EL0.N without a PMU, GIC registers without a vGIC or ITS).
 *    "vector_lengths.sve" is the VM's set of SVE vector lengths, in bytes
 *    ascending ([16, 32, ...]), from the first vCPU's KVM_REG_ARM64_SVE_VLS:
 *    what fwprobe's "vector_lengths" shows in the guest; left out when KVM
 *    has no such register for the vCPU (no SVE).
 */

#include <dlfcn.h>
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "kvmreg.h"

_Static_assert(FWP_KVM_REG_ARM_FW_REG(0) == (KVM_REG_ARM64 | KVM_REG_SIZE_U64 | 0x140000ULL),
	       "firmware register IDs follow <linux/kvm.h>");
_Static_assert(FWP_KVM_SYS_REG(0) == ARM64_SYS_REG(0, 0, 0, 0, 0),
	       "system register IDs follow <linux/kvm.h>");
_Static_assert(FWP_KVM_DEMUX_CCSIDR(0) == (KVM_REG_ARM64 | KVM_REG_SIZE_U32 | KVM_REG_ARM_DEMUX |
					   KVM_REG_ARM_DEMUX_ID_CCSIDR),
	       "CCSIDR IDs follow <linux/kvm.h>");
_Static_assert(FWP_KVM_VGIC_GRP_DIST_REGS == KVM_DEV_ARM_VGIC_GRP_DIST_REGS &&
	       FWP_KVM_VGIC_GRP_REDIST_REGS == KVM_DEV_ARM_VGIC_GRP_REDIST_REGS &&
	       FWP_KVM_VGIC_GRP_ITS_REGS == KVM_DEV_ARM_VGIC_GRP_ITS_REGS,
	       "vGIC groups follow <linux/kvm.h>");
_Static_assert(KVM_REG_ARM64_SVE_VLS == 0x606000000015ffffULL && KVM_ARM64_SVE_VLS_WORDS == 8,
	       "fwprobe's diff lines name KVM_REG_ARM64_SVE_VLS by this ID");

/* The VM that ran (-1 before the first KVM_RUN), its vGIC and ITS, and its per-VM registers. */
int run_vm = -1;
int vgic_fd = -1, its_fd = -1;
uint8_t vm_state[FWP_HW_NR];
uint64_t vm_val[FWP_HW_NR];
uint8_t fw_state[NR_REGS];
uint64_t fw_val[NR_REGS];
/* The first vCPU's KVM_REG_ARM64_SVE_VLS: bit vq - 1 of word (vq - 1) / 64 is VL vq * 16 bytes. */
bool sve_vls_read;
uint64_t sve_vls[KVM_ARM64_SVE_VLS_WORDS];

ioctl_fn real_ioctl;
/*
 * Guards the tables. The first KVM_RUN does its work under it while the
 * other vCPU threads wait on it outside any ioctl, as vGIC accesses need.
 */
pthread_mutex_t first_run_lock = PTHREAD_MUTEX_INITIALIZER;
/* The vCPU fd this thread has done its first KVM_RUN on (QEMU: one vCPU per thread). */
static __thread int ran_fd = -1;
/* Its struct kvm_run (KVMREG_IMPL only): our own read-only mapping. */
__thread const struct kvm_run *run_page;

__attribute__((constructor)) static void kvmreg_init(void)
{
	real_ioctl = (ioctl_fn)dlsym(RTLD_NEXT, "ioctl");
	fill_regs();
	parse_requests();
}

/*
 * At the VM's first KVM_RUN, before any vCPU ran: every vCPU exists (QEMU
 * initialises the vGIC after creating them all) and none is inside KVM_RUN,
 * where a vCPU stays (powered off, or running) and keeps the vGIC busy.
 */
static void vm_first_run(struct vcpu *first)
{
	struct vcpu *vs[MAX_VCPUS];
	unsigned int n, k;
	int i;

	run_vm = first->vm_fd;
	n = vm_vcpus(run_vm, vs);
	if (nimpl)
		forward_discover_impl(run_vm);
	/* KVM 6.7+ freezes the ID registers (one copy per VM) once a vCPU ran: all now. */
	for (k = 0; k < n; k++)
		write_requested(vs[k]);
	for (i = 0; i < (int)NR_REGS; i++)
		if (regs[i].requested && !regs[i].written) {
			if (set_reg(first->fd, &regs[i]))
				fw_refused(&regs[i], errno);
			regs[i].written = true;
		}
	for (i = 0; i < (int)NR_REGS; i++) {
		struct kvm_one_reg one = { .id = regs[i].id, .addr = (uintptr_t)&fw_val[i] };

		/* null: this host has no such register */
		fw_state[i] = real_ioctl(first->fd, KVM_GET_ONE_REG, &one) ? HW_NULL : HW_VALUE;
	}
	if (n) {
		/* One set per VM (KVM takes only the same set on every vCPU): the first vCPU's. */
		struct kvm_one_reg one = { .id = KVM_REG_ARM64_SVE_VLS, .addr = (uintptr_t)sve_vls };

		/* ENOENT without SVE: the key is left out. */
		sve_vls_read = !real_ioctl(vs[0]->fd, KVM_GET_ONE_REG, &one);
	}

	vgic_fd = vm_device(run_vm, KVM_DEV_TYPE_ARM_VGIC_V3);
	its_fd = vm_device(run_vm, KVM_DEV_TYPE_ARM_VGIC_ITS);
	/* Redistributor attributes name the vCPU by its MPIDR_EL1 affinity. */
	for (k = 0; k < n; k++)
		if (get_one(vs[k]->fd, fwp_hw_kvm_id(FWP_HW_mpidr_el1),
			    &vs[k]->val[FWP_HW_mpidr_el1]))
			fail("cannot read vCPU %lu's MPIDR_EL1: %s", vs[k]->id, strerror(errno));
	for (i = 0; i < FWP_HW_NR; i++) {
		const struct fwp_hwreg_desc *d = &fwp_hwregs[i];

		if (d->family != FWP_HWF_GIC)
			continue;
		if (vgic_fd < 0 || (d->frame == FWP_GIC_ITS && its_fd < 0)) {
			if (hw_req[i].requested) {
				const char *what = d->frame == FWP_GIC_ITS ? "ITS" : "vGIC-v3";
				char why[32], fatal[128];

				snprintf(why, sizeof(why), "the VM has no %s", what);
				snprintf(fatal, sizeof(fatal), "cannot set %s: %s", d->name, why);
				hw_cannot(i, hw_req[i].value, gic_group_name(fwp_vgic_groups[d->frame].group),
					  why, fatal);
			}
			vm_state[i] = HW_ABSENT;	/* per-vCPU ones stay unread: left out */
			continue;
		}
		if (!d->per_vcpu) {
			if (hw_req[i].requested)
				write_gic(i, NULL);
			read_gic(i, NULL, &vm_state[i], &vm_val[i]);
			continue;
		}
		for (k = 0; k < n; k++) {
			if (hw_req[i].requested)
				write_gic(i, vs[k]);
			read_gic(i, vs[k], &vs[k]->state[i], &vs[k]->val[i]);
		}
	}
}

static void before_first_run(int vcpu_fd)
{
	struct vcpu *v;

	pthread_mutex_lock(&first_run_lock);
	v = vcpu_by_fd(vcpu_fd);
	if (!v)
		fail("KVM_RUN on fd %d, which no KVM_CREATE_VCPU returned", vcpu_fd);
	if (!v->ran) {
		if (run_vm < 0)
			vm_first_run(v);
		/* A vCPU the VM's first KVM_RUN did not see gets its registers now. */
		write_requested(v);
		read_vcpu(v);
		v->ran = true;
		dump_regs();
	}
	pthread_mutex_unlock(&first_run_lock);
}

/*
 * QEMU writes a register: the requested value goes in instead. With best
 * effort, where KVM would not take it, QEMU's own value goes in.
 */
static int substitute_one_reg(int fd, struct kvm_one_reg *one)
{
	struct fw_reg *r = find_reg(one->id);
	uint64_t qemu = 0;
	struct vcpu *v;
	bool pinned;
	int i;

	if (r && r->dropped && !r->requested)
		return 0;	/* as if written: KVM keeps its default */
	if (r && r->requested) {
		pinned = !set_reg(fd, r) || fw_refused(r, errno);
		r->written = true;
		return pinned ? 0 : real_ioctl(fd, KVM_SET_ONE_REG, one);
	}
	i = hw_by_id(one->id);
	if (i < 0 || !hw_req[i].requested)
		return real_ioctl(fd, KVM_SET_ONE_REG, one);
	memcpy(&qemu, (void *)(uintptr_t)one->addr, KVM_REG_SIZE(one->id));
	pthread_mutex_lock(&first_run_lock);
	v = vcpu_by_fd(fd);
	pinned = write_hw(fd, v, i, &qemu);
	if (v)
		v->written[i] = true;
	pthread_mutex_unlock(&first_run_lock);
	return pinned ? 0 : real_ioctl(fd, KVM_SET_ONE_REG, one);
}

/*
 * QEMU writes a requested GIC register (restoring the vGIC's state): ours goes
 * in instead (with a mask, over what the vGIC holds; with best effort, QEMU's
 * own where KVM would not take ours).
 */
static int substitute_device_attr(int fd, struct kvm_device_attr *a)
{
	struct kvm_device_attr mine = *a;
	uint32_t offset = a->attr & KVM_DEV_ARM_VGIC_OFFSET_MASK, word, cur32;
	uint64_t val, mask, cur;
	struct device *dev;
	char where[96];
	int frame, i;

	pthread_mutex_lock(&first_run_lock);
	dev = device_by_fd(fd);
	pthread_mutex_unlock(&first_run_lock);
	if (!dev)
		return real_ioctl(fd, KVM_SET_DEVICE_ATTR, a);
	/* The frame whose group this is, on the device that has that frame. */
	for (frame = FWP_GIC_ITS; frame > FWP_GIC_NONE; frame--)
		if (fwp_vgic_groups[frame].group == a->group)
			break;
	if ((frame == FWP_GIC_ITS) != (dev->type == KVM_DEV_TYPE_ARM_VGIC_ITS))
		frame = FWP_GIC_NONE;
	for (i = 0; i < FWP_HW_NR; i++) {
		const struct fwp_hwreg_desc *d = &fwp_hwregs[i];

		if (d->family != FWP_HWF_GIC || (int)d->frame != frame || !hw_req[i].requested)
			continue;
		val = hw_req[i].value;
		mask = hw_req[i].mask;
		if (frame == FWP_GIC_ITS && a->attr == d->offset) {
			mine.addr = (uintptr_t)&cur;
			if (mask != hw_full(i) && !attr_ioctl(fd, false, &mine))
				val |= cur & ~mask;
			mine.addr = (uintptr_t)&val;
		} else if (frame != FWP_GIC_ITS &&
			   (offset == d->offset || (d->width == 64 && offset == d->offset + 4u))) {
			unsigned int shift = offset == d->offset ? 0 : 32;

			word = val >> shift;
			mine.addr = (uintptr_t)&cur32;
			if ((uint32_t)(mask >> shift) != 0xffffffffu && !attr_ioctl(fd, false, &mine))
				word |= cur32 & ~(uint32_t)(mask >> shift);
			mine.addr = (uintptr_t)&word;
		} else {
			continue;
		}
		if (!real_ioctl(fd, KVM_SET_DEVICE_ATTR, &mine))
			return 0;
		snprintf(where, sizeof(where), "KVM_SET_DEVICE_ATTR(%s, attr 0x%" PRIx64 ")",
			 gic_group_name(a->group), (uint64_t)a->attr);
		unpinned(&hw_req[i].unpinned, d->name, val, -1, where, errno, 0, "");
		break;
	}
	return real_ioctl(fd, KVM_SET_DEVICE_ATTR, a);
}

int ioctl(int fd, unsigned long request, ...)
{
	va_list ap;
	void *arg;
	int ret;

	va_start(ap, request);
	arg = va_arg(ap, void *);
	va_end(ap);

	/*
	 * The kernel takes the request as an unsigned int; QEMU passes an int,
	 * which reaches us sign-extended when bit 31 is set (_IOWR:
	 * KVM_CREATE_DEVICE).
	 */
	switch ((unsigned int)request) {
	case KVM_SET_ONE_REG:
		return substitute_one_reg(fd, arg);
	case KVM_SET_DEVICE_ATTR:
		return substitute_device_attr(fd, arg);
	case KVM_CREATE_VM:
		ret = real_ioctl(fd, request, arg);
		if (ret >= 0 && writable_imp)
			vm_created(ret);
		return ret;
	case KVM_CREATE_VCPU:
		if (writable_imp)
			vcpu_to_be_created(fd);
		ret = real_ioctl(fd, request, arg);
		if (ret >= 0)
			vcpu_created(fd, (unsigned long)arg, ret);
		return ret;
	case KVM_CREATE_DEVICE:
		ret = real_ioctl(fd, request, arg);
		if (!ret)
			device_created(fd, arg);
		return ret;
	case KVM_RUN:
		if (fd != ran_fd) {
			before_first_run(fd);
			ran_fd = fd;
			run_page = nimpl ? map_run(fd) : NULL;
		}
		if (run_page)
			return run_answering(fd, arg);
		break;
	}
	return real_ioctl(fd, request, arg);
}
