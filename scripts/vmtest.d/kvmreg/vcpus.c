// SPDX-License-Identifier: GPL-2.0
/* Which fds are vCPUs, vGIC devices and VMs, as QEMU creates them. */

#include <errno.h>
#include <pthread.h>
#include <string.h>

#include "kvmreg.h"

#ifndef KVM_CAP_ARM_WRITABLE_IMP_ID_REGS
#define KVM_CAP_ARM_WRITABLE_IMP_ID_REGS 239
#endif

static struct vcpu vcpus[MAX_VCPUS];
static struct device devices[MAX_DEVICES];

/* VMs KVM_CREATE_VM returned, and whether a vCPU was created in each yet (KVMREG_IMPL only). */
#define MAX_VMS		16
static struct {
	bool used, has_vcpu;
	int fd;
} vms[MAX_VMS];
static unsigned int next_vm;

struct vcpu *vcpu_by_fd(int fd)
{
	for (int k = 0; k < MAX_VCPUS; k++)
		if (vcpus[k].used && vcpus[k].fd == fd)
			return &vcpus[k];
	return NULL;
}

struct device *device_by_fd(int fd)
{
	for (int k = 0; k < MAX_DEVICES; k++)
		if (devices[k].used && devices[k].fd == fd)
			return &devices[k];
	return NULL;
}

void vcpu_created(int vm_fd, unsigned long id, int fd)
{
	struct vcpu *free_slot = NULL;

	pthread_mutex_lock(&first_run_lock);
	for (int k = 0; k < MAX_VCPUS; k++) {
		struct vcpu *v = &vcpus[k];

		/* KVM refuses a vCPU id twice in one VM: a match is a closed VM's. */
		if (v->used && (v->fd == fd || (v->vm_fd == vm_fd && v->id == id)))
			v->used = false;
		if (!v->used && !free_slot)
			free_slot = v;
	}
	if (!free_slot)
		fail("more than %d vCPUs", MAX_VCPUS);
	memset(free_slot, 0, sizeof(*free_slot));
	free_slot->used = true;
	free_slot->fd = fd;
	free_slot->vm_fd = vm_fd;
	free_slot->id = id;
	pthread_mutex_unlock(&first_run_lock);
}

void device_created(int vm_fd, const struct kvm_create_device *cd)
{
	struct device *free_slot = NULL;

	if (cd->flags & KVM_CREATE_DEVICE_TEST)
		return;		/* a probe: no device */
	if (cd->type != KVM_DEV_TYPE_ARM_VGIC_V3 && cd->type != KVM_DEV_TYPE_ARM_VGIC_ITS)
		return;
	pthread_mutex_lock(&first_run_lock);
	for (int k = 0; k < MAX_DEVICES; k++) {
		struct device *d = &devices[k];

		if (d->used && d->fd == (int)cd->fd)
			d->used = false;
		if (!d->used && !free_slot)
			free_slot = d;
	}
	if (!free_slot)
		fail("more than %d vGIC devices", MAX_DEVICES);
	*free_slot = (struct device){ .used = true, .fd = cd->fd, .vm_fd = vm_fd, .type = cd->type };
	pthread_mutex_unlock(&first_run_lock);
}

/* The VM's vCPUs in vCPU id order (= QEMU's cpu index order). */
unsigned int vm_vcpus(int vm_fd, struct vcpu **out)
{
	unsigned int n = 0, a, b;

	for (int k = 0; k < MAX_VCPUS; k++)
		if (vcpus[k].used && vcpus[k].vm_fd == vm_fd)
			out[n++] = &vcpus[k];
	for (a = 1; a < n; a++)
		for (b = a; b > 0 && out[b - 1]->id > out[b]->id; b--) {
			struct vcpu *t = out[b];

			out[b] = out[b - 1];
			out[b - 1] = t;
		}
	return n;
}

/* The first ITS or vGIC-v3 device of the VM, or -1. */
int vm_device(int vm_fd, uint32_t type)
{
	for (int k = 0; k < MAX_DEVICES; k++)
		if (devices[k].used && devices[k].vm_fd == vm_fd && devices[k].type == type)
			return devices[k].fd;
	return -1;
}

/* KVMREG_IMPL: a VM KVM_CREATE_VM returned; it has no vCPU yet. */
void vm_created(int vm_fd)
{
	unsigned int k, slot = next_vm % MAX_VMS;

	pthread_mutex_lock(&first_run_lock);
	for (k = 0; k < MAX_VMS; k++)
		if (vms[k].used && vms[k].fd == vm_fd) {	/* a closed VM's fd number */
			slot = k;
			break;
		}
	if (k == MAX_VMS)
		next_vm++;	/* else the oldest entry goes: QEMU closes its scratch VMs */
	vms[slot].used = true;
	vms[slot].has_vcpu = false;
	vms[slot].fd = vm_fd;
	pthread_mutex_unlock(&first_run_lock);
}

/*
 * KVMREG_IMPL, or KVMREG_SET naming one of them: before a VM's first vCPU
 * exists, let the VMM write MIDR_EL1, REVIDR_EL1 and AIDR_EL1 where KVM can
 * (KVM_CAP_ARM_WRITABLE_IMP_ID_REGS, Linux 6.15+), as a VMM announcing
 * implementations or migrating a guest to another CPU type would.
 */
void vcpu_to_be_created(int vm_fd)
{
	struct kvm_enable_cap cap = { .cap = KVM_CAP_ARM_WRITABLE_IMP_ID_REGS };
	bool first = false;

	pthread_mutex_lock(&first_run_lock);
	for (unsigned int k = 0; k < MAX_VMS; k++)
		if (vms[k].used && vms[k].fd == vm_fd) {
			first = !vms[k].has_vcpu;
			vms[k].has_vcpu = true;
		}
	pthread_mutex_unlock(&first_run_lock);
	if (!first || real_ioctl(vm_fd, KVM_CHECK_EXTENSION, KVM_CAP_ARM_WRITABLE_IMP_ID_REGS) <= 0)
		return;
	if (real_ioctl(vm_fd, KVM_ENABLE_CAP, &cap))
		fail("cannot make MIDR_EL1, REVIDR_EL1 and AIDR_EL1 writable: KVM_ENABLE_CAP("
		     "KVM_CAP_ARM_WRITABLE_IMP_ID_REGS) failed: %s", strerror(errno));
}
