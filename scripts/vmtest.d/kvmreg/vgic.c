// SPDX-License-Identifier: GPL-2.0
/* GIC registers through the vGIC's and the ITS's device attributes. */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "kvmreg.h"

/*
 * vGIC accesses lock every vCPU and fail with EBUSY while one is inside an
 * ioctl: at the first KVM_RUN another vCPU thread may still be writing its
 * registers on the way to its own KVM_RUN.
 */
#define GIC_TRIES	200
#define GIC_RETRY_US	5000

const char *gic_group_name(uint32_t group)
{
	for (unsigned int f = FWP_GIC_DIST; f <= FWP_GIC_ITS; f++)
		if (fwp_vgic_groups[f].group == group)
			return fwp_vgic_groups[f].name;
	return "an unknown vGIC group";
}

/* A device attribute access, retried while a vCPU is inside an ioctl. */
int attr_ioctl(int fd, bool write, struct kvm_device_attr *a)
{
	for (int tries = 1; ; tries++) {
		if (!real_ioctl(fd, write ? KVM_SET_DEVICE_ATTR : KVM_GET_DEVICE_ATTR, a))
			return 0;
		if (errno != EBUSY || tries == GIC_TRIES)
			return -1;
		usleep(GIC_RETRY_US);
	}
}

/* KVM_DEV_ARM_VGIC_V3_MPIDR: Aff3..Aff0 in bits 63:32. */
static uint64_t gic_mpidr_attr(uint64_t mpidr)
{
	return ((mpidr & 0xffffff) | ((mpidr >> 32) & 0xff) << 24) << KVM_DEV_ARM_VGIC_V3_MPIDR_SHIFT;
}

/*
 * One GIC register through the vGIC's device attributes (@v: the vCPU whose
 * redistributor). Distributor and redistributor attributes move 32 bits: a
 * 64-bit register is its lower word at its offset and its upper word at
 * offset + 4 (Documentation/virt/kvm/devices/arm-vgic-v3.rst). ITS
 * attributes move a register whole, through a u64 (arm-vgic-its.rst).
 * On failure, *attr says which attribute failed.
 */
static int gic_access(int i, const struct vcpu *v, uint64_t *val, bool write,
		      struct kvm_device_attr *attr)
{
	const struct fwp_hwreg_desc *d = &fwp_hwregs[i];
	uint64_t mpidr = 0;
	uint32_t word;
	int fd = vgic_fd;

	memset(attr, 0, sizeof(*attr));
	attr->group = fwp_vgic_groups[d->frame].group;
	if (d->frame == FWP_GIC_ITS) {
		attr->attr = d->offset;
		attr->addr = (uintptr_t)val;
		return attr_ioctl(its_fd, write, attr);
	}
	if (d->frame == FWP_GIC_REDIST)
		mpidr = gic_mpidr_attr(v->val[FWP_HW_mpidr_el1]);
	attr->addr = (uintptr_t)&word;
	for (unsigned int half = 0; half < d->width / 32; half++) {
		attr->attr = mpidr | (d->offset + 4 * half);
		word = *val >> (32 * half);
		if (attr_ioctl(fd, write, attr))
			return -1;
		if (!write)
			*val = half ? *val | (uint64_t)word << 32 : word;
	}
	return 0;
}

/* Write a requested GIC register (on vCPU @v's redistributor) and check the vGIC kept it. */
void write_gic(int i, const struct vcpu *v)
{
	struct kvm_device_attr attr;
	uint64_t cur = 0, val, back = 0;
	long vid = v ? (long)v->id : -1;
	char where[96], fatal[512];

	if (gic_access(i, v, &cur, false, &attr) && hw_req[i].mask != hw_full(i)) {
		snprintf(where, sizeof(where), "KVM_GET_DEVICE_ATTR(%s, attr 0x%" PRIx64 ")",
			 gic_group_name(attr.group), (uint64_t)attr.attr);
		snprintf(fatal, sizeof(fatal), "cannot set %s: %s failed: %s", fwp_hwregs[i].name,
			 where, strerror(errno));
		hw_cannot(i, hw_req[i].value, where, strerror(errno), fatal);
		return;
	}
	val = hw_want(i, cur);
	if (gic_access(i, v, &val, true, &attr)) {
		snprintf(where, sizeof(where), "KVM_SET_DEVICE_ATTR(%s, attr 0x%" PRIx64 ")",
			 gic_group_name(attr.group), (uint64_t)attr.attr);
		unpinned(&hw_req[i].unpinned, fwp_hwregs[i].name, val, vid, where, errno, 0, "");
		return;
	}
	snprintf(where, sizeof(where), "KVM_SET_DEVICE_ATTR(%s, attr 0x%" PRIx64 ")",
		 gic_group_name(attr.group), (uint64_t)attr.attr);
	if (gic_access(i, v, &back, false, &attr)) {
		snprintf(fatal, sizeof(fatal), "KVM took %s=0x%" PRIx64 " but cannot read it back: "
			 "KVM_GET_DEVICE_ATTR(%s, attr 0x%" PRIx64 ") failed: %s", fwp_hwregs[i].name,
			 val, gic_group_name(attr.group), (uint64_t)attr.attr, strerror(errno));
		hw_cannot(i, val, where, "cannot read it back", fatal);
		return;
	}
	/* The vGIC ignores writes to its read-only registers: say so. */
	if (back != val)
		unpinned(&hw_req[i].unpinned, fwp_hwregs[i].name, val, vid, where, 0, back, "");
}

void read_gic(int i, struct vcpu *v, uint8_t *state, uint64_t *val)
{
	struct kvm_device_attr attr;

	*val = 0;
	*state = gic_access(i, v, val, false, &attr) ? HW_NULL : HW_VALUE;
}
