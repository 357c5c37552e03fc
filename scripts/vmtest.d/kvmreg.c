// SPDX-License-Identifier: GPL-2.0
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
 *    revidr_el1 and aidr_el1 can be set;
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
#include <linux/kvm.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fwprobe_core.h"	/* firmware register names and KVM IDs: lib/, as the module's */
#include "fwprobe_hwregs.h"	/* hardware register names, encodings and KVM IDs */

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
#ifndef KVM_CAP_ARM_WRITABLE_IMP_ID_REGS
#define KVM_CAP_ARM_WRITABLE_IMP_ID_REGS 239
#endif
/* x0..x3 for KVM_GET/SET_ONE_REG */
#define CORE_X(n)	(KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM_CORE |	\
			 KVM_REG_ARM_CORE_REG(regs.regs[n]))
#define SMCCC_SUCCESS			0
#define SMCCC_INVALID_PARAMETER		(-3)
#define DISCOVER_IMPL_VERSION		0x10000		/* 1.0 */

/* read_vcpu() reads these before the registers whose existence they decide. */
_Static_assert(FWP_HW_clidr_el1 < FWP_HW_ccsidr_l1i && FWP_HW_id_aa64dfr0_el1 < FWP_HW_pmcr_el0,
	       "CLIDR_EL1 and ID_AA64DFR0_EL1 come first");

struct fw_reg {
	const char *name;
	uint64_t id;
	bool requested;
	bool dropped;	/* QEMU's writes are swallowed */
	bool written;	/* a write of the requested value was tried */
	bool unpinned;	/* KVM refused it (best effort: said once) */
	uint64_t value;
};

/* Filled from lib's tables by fill_regs(), in enum fwp_reg_id order. */
static struct fw_reg regs[FWP_REG_NR];
#define NR_REGS FWP_REG_NR

/*
 * A requested hardware register: fwprobe's value (for pmcr_el0, PMCR_EL0.N)
 * and which of its bits to set (all, unless name=VALUE/MASK).
 */
static struct {
	bool requested;
	bool unpinned;	/* KVM refused it (best effort: said once) */
	uint64_t value, mask;
} hw_req[FWP_HW_NR];

/* KVMREG_BEST_EFFORT=1: a register KVM refuses is listed in KVMREG_UNPINNED, not fatal. */
static bool best_effort;

/* KVMREG_IMPL: the CPU implementations DISCOVER_IMPL announces. */
static struct {
	uint64_t midr, revidr, aidr;
} impls[FWP_MAX_IMPLS];
static unsigned int nimpl;

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
#define MAX_VCPUS	64
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

static struct vcpu vcpus[MAX_VCPUS];
static struct device devices[MAX_DEVICES];

/* VMs KVM_CREATE_VM returned, and whether a vCPU was created in each yet (KVMREG_IMPL only). */
#define MAX_VMS		16
static struct {
	bool used, has_vcpu;
	int fd;
} vms[MAX_VMS];
static unsigned int next_vm;

/* The VM that ran (-1 before the first KVM_RUN), its vGIC and ITS, and its per-VM registers. */
static int run_vm = -1;
static int vgic_fd = -1, its_fd = -1;
static uint8_t vm_state[FWP_HW_NR];
static uint64_t vm_val[FWP_HW_NR];
static uint8_t fw_state[NR_REGS];
static uint64_t fw_val[NR_REGS];
/* The first vCPU's KVM_REG_ARM64_SVE_VLS: bit vq - 1 of word (vq - 1) / 64 is VL vq * 16 bytes. */
static bool sve_vls_read;
static uint64_t sve_vls[KVM_ARM64_SVE_VLS_WORDS];
/* Linux guests use vq 1..16 (2048 bits, the architecture's largest vector). */
#define SVE_VQ_DUMPED	16

typedef int (*ioctl_fn)(int, unsigned long, ...);
static ioctl_fn real_ioctl;
/*
 * Guards the tables. The first KVM_RUN does its work under it while the
 * other vCPU threads wait on it outside any ioctl, as vGIC accesses need.
 */
static pthread_mutex_t first_run_lock = PTHREAD_MUTEX_INITIALIZER;
/* The vCPU fd this thread has done its first KVM_RUN on (QEMU: one vCPU per thread). */
static __thread int ran_fd = -1;
/* Its struct kvm_run (KVMREG_IMPL only): our own read-only mapping. */
static __thread const struct kvm_run *run_page;

/*
 * vGIC accesses lock every vCPU and fail with EBUSY while one is inside an
 * ioctl: at the first KVM_RUN another vCPU thread may still be writing its
 * registers on the way to its own KVM_RUN.
 */
#define GIC_TRIES	200
#define GIC_RETRY_US	5000

static void fill_regs(void)
{
	unsigned int i;

	for (i = 0; i < NR_REGS; i++) {
		regs[i].name = fwp_reg_names[i];
		regs[i].id = fwp_reg_kvm_ids[i];
	}
}

static void fail(const char *fmt, ...)
{
	const char *path = getenv("KVMREG_ERROR");
	char msg[512];
	va_list ap;
	FILE *f;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fprintf(stderr, "kvmreg: %s\n", msg);
	if (path && (f = fopen(path, "w"))) {
		fprintf(f, "%s\n", msg);
		fclose(f);
	}
	_exit(125);
}

/*
 * A register KVM would not take, or not keep. Without best effort that ends
 * QEMU (exit 125) with @fatal; with it, @line ("name=value: where: why") is
 * appended to KVMREG_UNPINNED, once per register (*@said), and KVM's value
 * stays.
 */
static void give_up(bool *said, const char *line, const char *fatal)
{
	const char *path = getenv("KVMREG_UNPINNED");
	FILE *f;

	if (!best_effort)
		fail("%s", fatal);
	if (*said)
		return;
	*said = true;
	fprintf(stderr, "kvmreg: could not pin %s\n", line);
	if (path && (f = fopen(path, "a"))) {
		fprintf(f, "%s\n", line);
		fclose(f);
	}
}

/*
 * KVM refused @name=@val (@err: its errno) or took it without keeping it
 * (@err 0: it reads back @back) through @where (the KVM_SET_ONE_REG or
 * KVM_SET_DEVICE_ATTR call), on vCPU @vcpu (-1: none to name). @fields: the
 * fields KVM refuses, or "". Returns false (not pinned).
 */
static bool unpinned(bool *said, const char *name, uint64_t val, long vcpu, const char *where,
		     int err, uint64_t back, const char *fields)
{
	char on[32] = "", line[768], fatal[768];

	if (vcpu >= 0)
		snprintf(on, sizeof(on), " on vCPU %ld", vcpu);
	if (err) {
		snprintf(line, sizeof(line), "%s=0x%" PRIx64 ": %s: %s%s", name, val, where,
			 strerror(err), fields);
		snprintf(fatal, sizeof(fatal), "KVM refused %s=0x%" PRIx64 "%s: %s failed: %s%s",
			 name, val, on, where, strerror(err), fields);
	} else {
		snprintf(line, sizeof(line), "%s=0x%" PRIx64 ": %s: not kept, reads back 0x%" PRIx64,
			 name, val, where, back);
		snprintf(fatal, sizeof(fatal), "KVM did not keep %s=0x%" PRIx64 "%s: %s succeeded but "
			 "it reads back 0x%" PRIx64, name, val, on, where, back);
	}
	give_up(said, line, fatal);
	return false;
}

static struct fw_reg *find_reg(uint64_t id)
{
	for (size_t i = 0; i < NR_REGS; i++)
		if (regs[i].id == id)
			return &regs[i];
	return NULL;
}

static struct fw_reg *fw_by_name(const char *name)
{
	for (size_t i = 0; i < NR_REGS; i++)
		if (!strcmp(regs[i].name, name))
			return &regs[i];
	return NULL;
}

/* The per-vCPU system or CCSIDR register with this KVM ONE_REG ID, or -1. */
static int hw_by_id(uint64_t id)
{
	int i;

	for (i = 0; i < FWP_HW_PER_VCPU; i++)
		if (fwp_hwregs[i].family != FWP_HWF_GIC && fwp_hw_kvm_id(i) == id)
			return i;
	return -1;
}

/* Every bit of a hardware register as fwprobe names it (pmcr_el0: PMCR_EL0.N). */
static uint64_t hw_full(int i)
{
	return fwp_hw_width(i) < 64 ? (1ULL << fwp_hw_width(i)) - 1 : ~0ULL;
}

static uint64_t number(const char *text, const char *what, const char *name)
{
	uint64_t v;
	char *end;

	errno = 0;
	v = strtoull(text, &end, 0);
	if (errno || *end || end == text)
		fail("bad %s '%s' for %s", what, text, name);
	return v;
}

/* name=value, or name=VALUE/MASK for a hardware register (@value is ours to cut). */
static void request(const char *name, char *value)
{
	struct fw_reg *r = fw_by_name(name);
	int i = fwp_hw_lookup(name);
	char *slash = strchr(value, '/');
	uint64_t v, mask;

	if (!r && i < 0)
		fail("unknown register '%s'", name);
	if (slash)
		*slash = '\0';
	v = number(value, "value", name);
	if (r) {
		if (slash)
			fail("%s: VALUE/MASK is for hardware registers only", name);
		r->value = v;
		r->requested = true;
		return;
	}
	if (fwp_hw_from_hardware(i))
		fail("%s cannot be set: the guest reads it from the hardware, KVM holds no value for it",
		     name);
	mask = slash ? number(slash + 1, "mask", name) : hw_full(i);
	if (v & ~hw_full(i))
		fail("bad value '%s' for %s: it has %u bits", value, name, fwp_hw_width(i));
	if (mask & ~hw_full(i))
		fail("bad mask '%s' for %s: it has %u bits", slash + 1, name, fwp_hw_width(i));
	hw_req[i].value = v & mask;
	hw_req[i].mask = mask;
	hw_req[i].requested = true;
}

/* KVMREG_IMPL: midr:revidr:aidr,... */
static void parse_impls(void)
{
	char *spec = getenv("KVMREG_IMPL"), *copy, *item, *save;
	struct fw_reg *bmap = &regs[FWP_REG_VENDOR_HYP_BMAP_2];

	if (!spec || !*spec)
		return;
	copy = strdup(spec);
	for (item = strtok_r(copy, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
		char *revidr = strchr(item, ':'), *aidr = revidr ? strchr(revidr + 1, ':') : NULL;

		if (!aidr)
			fail("bad implementation '%s' (want midr:revidr:aidr)", item);
		if (nimpl == FWP_MAX_IMPLS)
			fail("more than %d implementations", FWP_MAX_IMPLS);
		*revidr++ = '\0';
		*aidr++ = '\0';
		impls[nimpl].midr = number(item, "MIDR_EL1", "an implementation");
		impls[nimpl].revidr = number(revidr, "REVIDR_EL1", "an implementation");
		impls[nimpl].aidr = number(aidr, "AIDR_EL1", "an implementation");
		nimpl++;
	}
	free(copy);
	/* KVM's FEATURES call announces the two calls from these bits. */
	if (!bmap->requested) {
		bmap->value = BIT(FWP_VENDOR_HYP_BIT_DISCOVER_IMPL_VER) |
			      BIT(FWP_VENDOR_HYP_BIT_DISCOVER_IMPL_CPUS);
		bmap->requested = true;
	}
}

/* KVMREG_SET: name=value,...  KVMREG_DROP: name,... (firmware registers) */
static void parse_requests(void)
{
	char *spec = getenv("KVMREG_SET"), *drop = getenv("KVMREG_DROP"), *copy, *item, *save;
	const char *effort = getenv("KVMREG_BEST_EFFORT");

	best_effort = effort && !strcmp(effort, "1");
	if (spec && *spec) {
		copy = strdup(spec);
		for (item = strtok_r(copy, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
			char *eq = strchr(item, '=');

			if (!eq)
				fail("bad request '%s' (want name=value)", item);
			*eq = '\0';
			request(item, eq + 1);
		}
		free(copy);
	}
	if (drop && *drop) {
		copy = strdup(drop);
		for (item = strtok_r(copy, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
			struct fw_reg *r = fw_by_name(item);

			if (!r)
				fail("unknown firmware register '%s' to drop", item);
			r->dropped = true;
		}
		free(copy);
	}
	parse_impls();
}

__attribute__((constructor)) static void kvmreg_init(void)
{
	real_ioctl = (ioctl_fn)dlsym(RTLD_NEXT, "ioctl");
	fill_regs();
	parse_requests();
}

static int set_reg(int vcpu_fd, struct fw_reg *r)
{
	struct kvm_one_reg one = { .id = r->id, .addr = (uintptr_t)&r->value };

	return real_ioctl(vcpu_fd, KVM_SET_ONE_REG, &one);
}

/* KVM refused firmware register @r (errno @err). Returns false. */
static bool fw_refused(struct fw_reg *r, int err)
{
	char where[64];

	snprintf(where, sizeof(where), "KVM_SET_ONE_REG(0x%016" PRIx64 ")", r->id);
	return unpinned(&r->unpinned, r->name, r->value, -1, where, err, 0, "");
}

/* ONE_REG accesses through a u64, whatever the register's size (CCSIDR's are 32-bit). */
static int get_one(int fd, uint64_t id, uint64_t *val)
{
	uint32_t v32;
	struct kvm_one_reg one = { .id = id, .addr = (uintptr_t)val };
	int ret;

	if (KVM_REG_SIZE(id) != sizeof(uint32_t))
		return real_ioctl(fd, KVM_GET_ONE_REG, &one);
	one.addr = (uintptr_t)&v32;
	ret = real_ioctl(fd, KVM_GET_ONE_REG, &one);
	*val = v32;
	return ret;
}

static int set_one(int fd, uint64_t id, uint64_t val)
{
	uint32_t v32 = val;
	struct kvm_one_reg one = { .id = id, .addr = (uintptr_t)&val };

	if (KVM_REG_SIZE(id) == sizeof(uint32_t))
		one.addr = (uintptr_t)&v32;
	return real_ioctl(fd, KVM_SET_ONE_REG, &one);
}

/* A register's raw value as fwprobe names it: pmcr_el0 is PMCR_EL0.N. */
static uint64_t hw_view(int i, uint64_t raw)
{
	if (i == FWP_HW_pmcr_el0)
		return (raw >> FWP_PMCR_N_SHIFT) & FWP_PMCR_N_MASK;
	return raw;
}

/* The raw value to write for @want (fwprobe's view) into a register that holds @cur. */
static uint64_t hw_raw(int i, uint64_t cur, uint64_t want)
{
	uint64_t mask = (uint64_t)FWP_PMCR_N_MASK << FWP_PMCR_N_SHIFT;

	if (i == FWP_HW_pmcr_el0)
		return (cur & ~mask) | want << FWP_PMCR_N_SHIFT;
	return want;
}

/* What a requested register is to hold where it holds @cur now (both in fwprobe's view). */
static uint64_t hw_want(int i, uint64_t cur)
{
	return (cur & ~hw_req[i].mask) | hw_req[i].value;
}

static struct vcpu *vcpu_by_fd(int fd)
{
	for (int k = 0; k < MAX_VCPUS; k++)
		if (vcpus[k].used && vcpus[k].fd == fd)
			return &vcpus[k];
	return NULL;
}

static struct device *device_by_fd(int fd)
{
	for (int k = 0; k < MAX_DEVICES; k++)
		if (devices[k].used && devices[k].fd == fd)
			return &devices[k];
	return NULL;
}

static void vcpu_created(int vm_fd, unsigned long id, int fd)
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

static void device_created(int vm_fd, const struct kvm_create_device *cd)
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
static unsigned int vm_vcpus(int vm_fd, struct vcpu **out)
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
static int vm_device(int vm_fd, uint32_t type)
{
	for (int k = 0; k < MAX_DEVICES; k++)
		if (devices[k].used && devices[k].vm_fd == vm_fd && devices[k].type == type)
			return devices[k].fd;
	return -1;
}

/* A requested register that cannot be pinned for @why (a full sentence for the fatal case). */
static bool hw_cannot(int i, uint64_t want, const char *where, const char *why, const char *fatal)
{
	char line[768];

	snprintf(line, sizeof(line), "%s=0x%" PRIx64 ": %s: %s", fwp_hwregs[i].name, want, where, why);
	give_up(&hw_req[i].unpinned, line, fatal);
	return false;
}

/*
 * KVM refused @raw for register @i, which holds @cur: for an ID register or
 * CTR_EL0, which of its named fields it refuses, each tried alone on top of
 * @cur (KVM takes any number of writes before the vCPU first runs; a trial it
 * takes is undone), as "; fields KVM refuses: DebugVer 6->9, ...".
 */
static void refused_fields(int fd, int i, uint64_t cur, uint64_t raw, char *buf, size_t len)
{
	uint64_t id = fwp_hw_kvm_id(i);
	const struct fwp_hwreg_field *f;
	unsigned int n = 0, k;
	size_t used = 0;

	buf[0] = '\0';
	if (fwp_hwregs[i].family != FWP_HWF_ID && i != FWP_HW_ctr_el0)
		return;
	f = fwp_hw_fields(i, &n);
	for (k = 0; k < n && used < len; k++) {
		uint64_t m = fwp_hw_field_mask(&f[k]);

		if (!((cur ^ raw) & m))
			continue;
		if (!set_one(fd, id, (cur & ~m) | (raw & m))) {
			set_one(fd, id, cur);	/* taken: undone */
			continue;
		}
		used += snprintf(buf + used, len - used, "%s%s %" PRIx64 "->%" PRIx64,
				 used ? ", " : "; fields KVM refuses: ", f[k].name,
				 fwp_hw_field(&f[k], cur), fwp_hw_field(&f[k], raw));
	}
	if (n && !used)
		snprintf(buf, len, "; KVM takes each named field that differs alone");
}

static bool write_hw(int fd, struct vcpu *v, int i, const uint64_t *qemu);

/* May vCPU @v (before it runs) hold CCSIDR register @i? CLIDR_EL1 goes in first. */
static bool ccsidr_listed(int fd, struct vcpu *v, int i, uint64_t want)
{
	uint64_t clidr_id = fwp_hw_kvm_id(FWP_HW_clidr_el1), clidr;
	char where[80], why[96], fatal[512];

	if (v && hw_req[FWP_HW_clidr_el1].requested && !v->written[FWP_HW_clidr_el1]) {
		write_hw(fd, v, FWP_HW_clidr_el1, NULL);
		v->written[FWP_HW_clidr_el1] = true;
	}
	snprintf(where, sizeof(where), "KVM_SET_ONE_REG(0x%016" PRIx64 ")", fwp_hw_kvm_id(i));
	if (get_one(fd, clidr_id, &clidr)) {
		snprintf(fatal, sizeof(fatal), "cannot set %s=0x%" PRIx64 " on vCPU %ld: its "
			 "CLIDR_EL1 cannot be read: KVM_GET_ONE_REG(0x%016" PRIx64 ") failed: %s",
			 fwp_hwregs[i].name, want, v ? (long)v->id : -1, clidr_id, strerror(errno));
		return hw_cannot(i, want, where, "CLIDR_EL1 cannot be read", fatal);
	}
	if (fwp_hw_cache_listed(i, clidr))
		return true;
	/* KVM 6.3+ keeps one anyway: the guest would never see it. */
	snprintf(fatal, sizeof(fatal), "%s=0x%" PRIx64 " is for a cache vCPU %ld's CLIDR_EL1 (0x%"
		 PRIx64 ") does not list", fwp_hwregs[i].name, want, v ? (long)v->id : -1, clidr);
	snprintf(why, sizeof(why), "not tried: a cache CLIDR_EL1 (0x%" PRIx64 ") does not list",
		 clidr);
	return hw_cannot(i, want, where, why, fatal);
}

/*
 * Write a requested system or CCSIDR register on vCPU @v (fd @fd) and check
 * KVM kept it. @qemu: the raw value QEMU meant to write, or NULL. The bits
 * outside the request's mask, and the rest of PMCR_EL0, are KVM's (PMCR_EL0's
 * QEMU's, when QEMU writes it). Returns whether it is pinned.
 */
static bool write_hw(int fd, struct vcpu *v, int i, const uint64_t *qemu)
{
	uint64_t id = fwp_hw_kvm_id(i), cur, raw, want, back;
	long vid = v ? (long)v->id : -1;
	char where[64], fields[384], fatal[512];
	int err;

	snprintf(where, sizeof(where), "KVM_SET_ONE_REG(0x%016" PRIx64 ")", id);
	if (get_one(fd, id, &cur)) {
		err = errno;
		if (hw_req[i].mask != hw_full(i) || (i == FWP_HW_pmcr_el0 && !qemu)) {
			snprintf(fatal, sizeof(fatal), "cannot set %s on vCPU %ld: KVM_GET_ONE_REG(0x%016"
				 PRIx64 ") failed: %s", fwp_hwregs[i].name, vid, id, strerror(err));
			return hw_cannot(i, hw_req[i].value, where, strerror(err), fatal);
		}
		cur = qemu ? *qemu : 0;
	}
	want = hw_want(i, hw_view(i, cur));
	raw = hw_raw(i, qemu ? *qemu : cur, want);
	if (fwp_hwregs[i].family == FWP_HWF_CCSIDR && !ccsidr_listed(fd, v, i, want))
		return false;
	if (set_one(fd, id, raw)) {
		err = errno;
		refused_fields(fd, i, cur, raw, fields, sizeof(fields));
		return unpinned(&hw_req[i].unpinned, fwp_hwregs[i].name, want, vid, where, err, 0,
				fields);
	}
	if (get_one(fd, id, &back)) {
		snprintf(fatal, sizeof(fatal), "KVM took %s=0x%" PRIx64 " on vCPU %ld but cannot read "
			 "it back: KVM_GET_ONE_REG(0x%016" PRIx64 ") failed: %s", fwp_hwregs[i].name,
			 want, vid, id, strerror(errno));
		return hw_cannot(i, want, where, "cannot read it back", fatal);
	}
	if (hw_view(i, back) != want)
		return unpinned(&hw_req[i].unpinned, fwp_hwregs[i].name, want, vid, where, 0,
				hw_view(i, back), "");
	return true;
}

/* Before a vCPU runs: the requested system and CCSIDR registers QEMU did not write on it. */
static void write_requested(struct vcpu *v)
{
	for (int i = 0; i < FWP_HW_PER_VCPU; i++) {
		if (!hw_req[i].requested || v->written[i] || fwp_hwregs[i].family == FWP_HWF_GIC)
			continue;
		write_hw(v->fd, v, i, NULL);
		v->written[i] = true;
	}
}

static const char *gic_group_name(uint32_t group)
{
	for (unsigned int f = FWP_GIC_DIST; f <= FWP_GIC_ITS; f++)
		if (fwp_vgic_groups[f].group == group)
			return fwp_vgic_groups[f].name;
	return "an unknown vGIC group";
}

/* A device attribute access, retried while a vCPU is inside an ioctl. */
static int attr_ioctl(int fd, bool write, struct kvm_device_attr *a)
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
static void write_gic(int i, const struct vcpu *v)
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

static uint64_t mrs_cntfrq(void)
{
	uint64_t v;

	asm volatile("mrs %0, cntfrq_el0" : "=r"(v));
	return v;
}

static uint64_t mrs_dczid(void)
{
	uint64_t v;

	asm volatile("mrs %0, dczid_el0" : "=r"(v));
	return v;
}

/* A vCPU's system and CCSIDR registers, at its first KVM_RUN. */
static void read_vcpu(struct vcpu *v)
{
	for (int i = 0; i < FWP_HW_PER_VCPU; i++) {
		const struct fwp_hwreg_desc *d = &fwp_hwregs[i];
		uint64_t val;

		if (d->family == FWP_HWF_GIC)
			continue;	/* read at the VM's first KVM_RUN */
		if (d->family == FWP_HWF_CCSIDR &&
		    (v->state[FWP_HW_clidr_el1] != HW_VALUE ||
		     !fwp_hw_cache_listed(i, v->val[FWP_HW_clidr_el1]))) {
			/* KVM 6.3+ keeps one anyway: the guest never sees it (CLIDR_EL1 changed since). */
			if (hw_req[i].requested) {
				char where[64], fatal[256];

				snprintf(where, sizeof(where), "KVM_SET_ONE_REG(0x%016" PRIx64 ")",
					 fwp_hw_kvm_id(i));
				snprintf(fatal, sizeof(fatal), "%s=0x%" PRIx64 " is for a cache vCPU %lu's "
					 "CLIDR_EL1 (0x%" PRIx64 ") does not list", d->name,
					 hw_req[i].value, v->id, v->val[FWP_HW_clidr_el1]);
				hw_cannot(i, hw_req[i].value, where,
					  "a cache the final CLIDR_EL1 does not list", fatal);
			}
			v->state[i] = HW_ABSENT;
			continue;
		}
		if (i == FWP_HW_pmcr_el0) {
			/* PMCR_EL0.N means something only with a PMU (pmu=off: none). */
			if (v->state[FWP_HW_id_aa64dfr0_el1] != HW_VALUE ||
			    !fwp_hw_has_pmu(v->val[FWP_HW_id_aa64dfr0_el1])) {
				v->state[i] = HW_ABSENT;
				continue;
			}
		}
		/*
		 * Not KVM registers: the guest's CNTFRQ_EL0 and DCZID_EL0 reads
		 * reach the hardware, the value this (L1) userspace reads too:
		 * both are readable at EL0.
		 */
		if (fwp_hw_from_hardware(i)) {
			v->val[i] = i == FWP_HW_cntfrq_el0 ? mrs_cntfrq() : mrs_dczid();
			v->state[i] = HW_VALUE;
			continue;
		}
		if (get_one(v->fd, fwp_hw_kvm_id(i), &val)) {
			v->state[i] = HW_NULL;
			continue;
		}
		v->val[i] = hw_view(i, val);
		v->state[i] = HW_VALUE;
	}
}

static void read_gic(int i, struct vcpu *v, uint8_t *state, uint64_t *val)
{
	struct kvm_device_attr attr;

	*val = 0;
	*state = gic_access(i, v, val, false, &attr) ? HW_NULL : HW_VALUE;
}

/*
 * KVMREG_IMPL: have KVM forward DISCOVER_IMPL_VER and _CPUS to userspace
 * (KVM_EXIT_HYPERCALL), where the KVM_RUN wrapper answers them. KVM takes an
 * SMCCC filter until a vCPU of the VM has run (EBUSY after); its action comes
 * before the firmware bitmaps, which only decide what KVM's FEATURES call says.
 */
static void forward_discover_impl(int vm_fd)
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

static bool hw_has(const struct vcpu *v, int i)
{
	return v->state[i] == HW_VALUE;
}

static void put_hw(FILE *f, const struct vcpu *v, int i)
{
	if (hw_has(v, i))
		fprintf(f, "\"0x%" PRIx64 "\"", v->val[i]);
	else
		fputs("null", f);
}

static void dump_regs(void)
{
	const char *path = getenv("KVMREG_DUMP");
	struct vcpu *vs[MAX_VCPUS];
	unsigned int n, k;
	char tmp[4096];
	FILE *f;
	int i;

	if (!path)
		return;
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	f = fopen(tmp, "w");
	if (!f)
		fail("cannot write %s: %s", tmp, strerror(errno));
	fputs("{", f);
	for (i = 0; i < (int)NR_REGS; i++) {
		fprintf(f, "%s\n  \"%s\": ", i ? "," : "", regs[i].name);
		if (fw_state[i] == HW_VALUE)
			fprintf(f, "\"0x%" PRIx64 "\"", fw_val[i]);
		else
			fputs("null", f);	/* this host has no such register */
	}
	n = vm_vcpus(run_vm, vs);
	for (i = 0; i < FWP_HW_NR; i++) {
		bool exists = false, same = true;

		if (i >= FWP_HW_PER_VCPU) {
			if (vm_state[i] != HW_VALUE && vm_state[i] != HW_NULL)
				continue;
			fprintf(f, ",\n  \"%s\": ", fwp_hwregs[i].name);
			if (vm_state[i] == HW_VALUE)
				fprintf(f, "\"0x%" PRIx64 "\"", vm_val[i]);
			else
				fputs("null", f);
			continue;
		}
		for (k = 0; k < n; k++) {
			exists |= vs[k]->state[i] == HW_VALUE || vs[k]->state[i] == HW_NULL;
			if (hw_has(vs[k], i) != hw_has(vs[0], i) ||
			    (hw_has(vs[k], i) && vs[k]->val[i] != vs[0]->val[i]))
				same = false;
		}
		if (!exists)
			continue;
		fprintf(f, ",\n  \"%s\": ", fwp_hwregs[i].name);
		if (same) {
			put_hw(f, vs[0], i);
			continue;
		}
		fputc('[', f);
		for (k = 0; k < n; k++) {
			fputs(k ? ", " : "", f);
			put_hw(f, vs[k], i);
		}
		fputc(']', f);
	}
	if (sve_vls_read) {
		const char *sep = "";

		fputs(",\n  \"vector_lengths.sve\": [", f);
		for (unsigned int vq = 1; vq <= SVE_VQ_DUMPED; vq++)
			if (sve_vls[(vq - 1) / 64] >> ((vq - 1) % 64) & 1) {
				fprintf(f, "%s%u", sep, vq * 16);
				sep = ", ";
			}
		fputc(']', f);
	}
	fputs("\n}\n", f);
	if (fclose(f) || rename(tmp, path))
		fail("cannot write %s: %s", path, strerror(errno));
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

/* KVMREG_IMPL: a VM KVM_CREATE_VM returned; it has no vCPU yet. */
static void vm_created(int vm_fd)
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
 * KVMREG_IMPL: before a VM's first vCPU exists, let the VMM write MIDR_EL1,
 * REVIDR_EL1 and AIDR_EL1 where KVM can (KVM_CAP_ARM_WRITABLE_IMP_ID_REGS,
 * Linux 6.15+), as a VMM announcing implementations would.
 */
static void vcpu_to_be_created(int vm_fd)
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

/* KVMREG_IMPL: this thread's vCPU's struct kvm_run, mapped for reading. */
static const struct kvm_run *map_run(int vcpu_fd)
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
static int run_answering(int vcpu_fd, void *arg)
{
	for (;;) {
		int ret = real_ioctl(vcpu_fd, KVM_RUN, arg);

		if (ret || run_page->exit_reason != KVM_EXIT_HYPERCALL ||
		    !answer_discover_impl(vcpu_fd, run_page->hypercall.nr))
			return ret;
	}
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
		if (ret >= 0 && nimpl)
			vm_created(ret);
		return ret;
	case KVM_CREATE_VCPU:
		if (nimpl)
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
