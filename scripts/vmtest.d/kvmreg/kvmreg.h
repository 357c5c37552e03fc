// SPDX-License-Identifier: GPL-2.0
/* kvmreg.so's shared types, state and functions (what each .c file holds: below). */
/*
 * kvmreg.c         the ioctl() hook (what the KVMREG_* variables do: its top
 *                  comment), real_ioctl, the VM's first KVM_RUN, and QEMU's
 *                  writes substituted
 * requests.c       the environment read: the requested and dropped registers,
 *                  KVMREG_IMPL's implementations, and how a refusal is told
 * vcpus.c          which fds are vCPUs, vGIC devices and VMs
 * regwrite.c       ONE_REG accesses: writing a requested register, checked
 * vgic.c           GIC registers through the vGIC's device attributes
 * discover_impl.c  KVMREG_IMPL: the DISCOVER_IMPL calls answered at KVM_RUN
 * dump.c           KVMREG_DUMP: a vCPU's registers read, and the JSON file
 */
#ifndef KVMREG_H
#define KVMREG_H

#include <linux/kvm.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "fwprobe_core.h"	/* firmware register names and KVM IDs: lib/, as the module's */
#include "fwprobe_hwregs.h"	/* hardware register names, encodings and KVM IDs */

/* Everything declared below is the shim's own: ioctl() is all the .so adds to QEMU. */
#pragma GCC visibility push(hidden)

struct fw_reg {
	const char *name;
	uint64_t id;
	bool requested;
	bool dropped;	/* QEMU's writes are swallowed */
	bool written;	/* a write of the requested value was tried */
	bool unpinned;	/* KVM refused it (best effort: said once) */
	uint64_t value;
};

/* The firmware registers, requested or dropped (requests.c). */
extern struct fw_reg regs[FWP_REG_NR];
#define NR_REGS FWP_REG_NR

/*
 * A requested hardware register: fwprobe's value (for pmcr_el0, PMCR_EL0.N)
 * and which of its bits to set (all, unless name=VALUE/MASK).
 */
struct hw_request {
	bool requested;
	bool unpinned;	/* KVM refused it (best effort: said once) */
	uint64_t value, mask;
};
/* By enum fwp_hwreg: what KVMREG_SET asks (requests.c). */
extern struct hw_request hw_req[FWP_HW_NR];

/* A CPU implementation of KVMREG_IMPL's: MIDR_EL1, REVIDR_EL1 and AIDR_EL1. */
struct impl {
	uint64_t midr, revidr, aidr;
};
/* KVMREG_IMPL's implementations, in its order (requests.c). */
extern struct impl impls[FWP_MAX_IMPLS];
/* How many KVMREG_IMPL gave: 0 without it (requests.c). */
extern unsigned int nimpl;
/* KVMREG_IMPL, or a request for midr_el1, revidr_el1 or aidr_el1: make them writable. */
extern bool writable_imp;

/* What a vCPU's copy of a register is, in the dump. */
enum hw_state {
	HW_UNKNOWN,	/* not read (yet): null */
	HW_ABSENT,	/* the register does not exist: left out */
	HW_NULL,	/* KVM cannot give it: null */
	HW_VALUE,
};

/*
 * QEMU also creates vCPUs in scratch VMs to probe the host CPU (and closes
 * them): a table entry is dropped when its fd number or its VM's vCPU id
 * comes back, and only the VM that runs is dumped.
 */
/*
 * KVM_MAX_VCPUS on arm64 (asm/kvm_host.h) is 512, as far as vmtest --guest-cpus
 * goes, plus room for QEMU's scratch vCPUs.
 */
#define MAX_VCPUS	520
#define MAX_DEVICES	8

struct vcpu {
	bool used;
	int fd, vm_fd;
	unsigned long id;
	bool ran;			/* its first KVM_RUN was seen */
	bool written[FWP_HW_PER_VCPU];	/* the requested value is in */
	uint8_t state[FWP_HW_PER_VCPU];
	uint64_t val[FWP_HW_PER_VCPU];
};

struct device {
	bool used;
	int fd, vm_fd;
	uint32_t type;
};

/* The VM that ran, -1 before the first KVM_RUN (kvmreg.c). */
extern int run_vm;
/* Its vGIC-v3 and ITS device fds, or -1 (kvmreg.c). */
extern int vgic_fd, its_fd;
/* Its per-VM registers, by enum fwp_hwreg: enum hw_state, value (kvmreg.c). */
extern uint8_t vm_state[FWP_HW_NR];
extern uint64_t vm_val[FWP_HW_NR];
/* Its firmware registers, by enum fwp_reg_id: enum hw_state, value (kvmreg.c). */
extern uint8_t fw_state[NR_REGS];
extern uint64_t fw_val[NR_REGS];
/* Whether the first vCPU's KVM_REG_ARM64_SVE_VLS was read, and it (kvmreg.c). */
extern bool sve_vls_read;
extern uint64_t sve_vls[KVM_ARM64_SVE_VLS_WORDS];

typedef int (*ioctl_fn)(int, unsigned long, ...);
/* The ioctl() the hook stands in front of: libc's (kvmreg.c). */
extern ioctl_fn real_ioctl;
/* Guards the tables; the first KVM_RUN does its work under it (kvmreg.c). */
extern pthread_mutex_t first_run_lock;
/* This thread's vCPU's struct kvm_run, mapped (KVMREG_IMPL only; kvmreg.c). */
extern __thread const struct kvm_run *run_page;

/* requests.c */
/* Fill regs[] from lib's tables. */
void fill_regs(void);
/* Read KVMREG_SET, KVMREG_DROP, KVMREG_BEST_EFFORT and KVMREG_IMPL. */
void parse_requests(void);
/* End QEMU (exit 125), the reason in KVMREG_ERROR. */
void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
/* A register KVM would not take or keep: fatal, or listed in KVMREG_UNPINNED. */
void give_up(bool *said, const char *line, const char *fatal);
/* KVM refused @name=@val or did not keep it: give_up() with the reason. Returns false. */
bool unpinned(bool *said, const char *name, uint64_t val, long vcpu, const char *where,
	      int err, uint64_t back, const char *fields);
/* The firmware register with this KVM ONE_REG ID, or NULL. */
struct fw_reg *find_reg(uint64_t id);
/* The per-vCPU system or CCSIDR register with this KVM ONE_REG ID, or -1. */
int hw_by_id(uint64_t id);
/* Every bit of a hardware register as fwprobe names it. */
uint64_t hw_full(int i);

/* vcpus.c */
/* The vCPU with this fd, or NULL. */
struct vcpu *vcpu_by_fd(int fd);
/* The vGIC-v3 or ITS device with this fd, or NULL. */
struct device *device_by_fd(int fd);
/* KVM_CREATE_VCPU returned @fd for vCPU @id of VM @vm_fd. */
void vcpu_created(int vm_fd, unsigned long id, int fd);
/* KVM_CREATE_DEVICE created @cd on VM @vm_fd. */
void device_created(int vm_fd, const struct kvm_create_device *cd);
/* The VM's vCPUs in vCPU id order, into @out (MAX_VCPUS); returns how many. */
unsigned int vm_vcpus(int vm_fd, struct vcpu **out);
/* The first ITS or vGIC-v3 device of the VM, or -1. */
int vm_device(int vm_fd, uint32_t type);
/* KVMREG_IMPL: KVM_CREATE_VM returned @vm_fd. */
void vm_created(int vm_fd);
/* KVMREG_IMPL: a vCPU of @vm_fd is about to be created. */
void vcpu_to_be_created(int vm_fd);

/* regwrite.c */
/* Write firmware register @r's requested value on @vcpu_fd. */
int set_reg(int vcpu_fd, struct fw_reg *r);
/* KVM refused firmware register @r (errno @err). Returns false. */
bool fw_refused(struct fw_reg *r, int err);
/* KVM_GET_ONE_REG through a u64, whatever the register's size. */
int get_one(int fd, uint64_t id, uint64_t *val);
/* KVM_SET_ONE_REG through a u64, whatever the register's size. */
int set_one(int fd, uint64_t id, uint64_t val);
/* A register's raw value as fwprobe names it: pmcr_el0 is PMCR_EL0.N. */
uint64_t hw_view(int i, uint64_t raw);
/* What a requested register is to hold where it holds @cur now. */
uint64_t hw_want(int i, uint64_t cur);
/* A requested register that cannot be pinned for @why. Returns false. */
bool hw_cannot(int i, uint64_t want, const char *where, const char *why, const char *fatal);
/* Write a requested system or CCSIDR register and check KVM kept it. */
bool write_hw(int fd, struct vcpu *v, int i, const uint64_t *qemu);
/* Before a vCPU runs: the requested registers QEMU did not write on it. */
void write_requested(struct vcpu *v);

/* vgic.c */
/* A vGIC attribute group's name, for messages. */
const char *gic_group_name(uint32_t group);
/* A device attribute access, retried while a vCPU is inside an ioctl. */
int attr_ioctl(int fd, bool write, struct kvm_device_attr *a);
/* Write a requested GIC register and check the vGIC kept it. */
void write_gic(int i, const struct vcpu *v);
/* Read GIC register @i (@v: the vCPU whose redistributor) into *@state, *@val. */
void read_gic(int i, struct vcpu *v, uint8_t *state, uint64_t *val);

/* discover_impl.c */
/* Have KVM forward DISCOVER_IMPL_VER and _CPUS of VM @vm_fd to userspace. */
void forward_discover_impl(int vm_fd);
/* This thread's vCPU's struct kvm_run, mapped for reading. */
const struct kvm_run *map_run(int vcpu_fd);
/* KVM_RUN, answering the DISCOVER_IMPL calls KVM forwards. */
int run_answering(int vcpu_fd, void *arg);

/* dump.c */
/* A vCPU's system and CCSIDR registers, at its first KVM_RUN. */
void read_vcpu(struct vcpu *v);
/* Rewrite KVMREG_DUMP with every register as KVM holds it. */
void dump_regs(void);

#pragma GCC visibility pop

#endif
