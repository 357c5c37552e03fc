// SPDX-License-Identifier: GPL-2.0
/* ONE_REG writes: a requested register goes in, and KVM must keep it. */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "kvmreg.h"

int set_reg(int vcpu_fd, struct fw_reg *r)
{
	struct kvm_one_reg one = { .id = r->id, .addr = (uintptr_t)&r->value };

	return real_ioctl(vcpu_fd, KVM_SET_ONE_REG, &one);
}

/* KVM refused firmware register @r (errno @err). Returns false. */
bool fw_refused(struct fw_reg *r, int err)
{
	char where[64];

	snprintf(where, sizeof(where), "KVM_SET_ONE_REG(0x%016" PRIx64 ")", r->id);
	return unpinned(&r->unpinned, r->name, r->value, -1, where, err, 0, "");
}

/* ONE_REG accesses through a u64, whatever the register's size (CCSIDR's are 32-bit). */
int get_one(int fd, uint64_t id, uint64_t *val)
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

int set_one(int fd, uint64_t id, uint64_t val)
{
	uint32_t v32 = val;
	struct kvm_one_reg one = { .id = id, .addr = (uintptr_t)&val };

	if (KVM_REG_SIZE(id) == sizeof(uint32_t))
		one.addr = (uintptr_t)&v32;
	return real_ioctl(fd, KVM_SET_ONE_REG, &one);
}

/* A register's raw value as fwprobe names it: pmcr_el0 is PMCR_EL0.N. */
uint64_t hw_view(int i, uint64_t raw)
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
uint64_t hw_want(int i, uint64_t cur)
{
	return (cur & ~hw_req[i].mask) | hw_req[i].value;
}

/* A requested register that cannot be pinned for @why (a full sentence for the fatal case). */
bool hw_cannot(int i, uint64_t want, const char *where, const char *why, const char *fatal)
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
bool write_hw(int fd, struct vcpu *v, int i, const uint64_t *qemu)
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
void write_requested(struct vcpu *v)
{
	for (int i = 0; i < FWP_HW_PER_VCPU; i++) {
		if (!hw_req[i].requested || v->written[i] || fwp_hwregs[i].family == FWP_HWF_GIC)
			continue;
		write_hw(v->fd, v, i, NULL);
		v->written[i] = true;
	}
}
