// SPDX-License-Identifier: GPL-2.0
/* The tables of fwprobe_hwregs.h, built from fwprobe_hwreg_list.h and _fields.h. */
#include "fwprobe_hwregs.h"

#define SYSREG_ENC(op0, op1, crn, crm, op2)	\
	((op0) << 14 | (op1) << 11 | (crn) << 7 | (crm) << 3 | (op2))

const struct fwp_hwreg_desc fwp_hwregs[FWP_HW_NR] = {
#define FWP_SYSREG(nm, fam, op0, op1, crn, crm, op2)					\
	[FWP_HW_##nm] = { .name = #nm, .family = FWP_HWF_##fam, .per_vcpu = true,	\
			  .sysreg = SYSREG_ENC(op0, op1, crn, crm, op2) },
#define FWP_CCSIDR(lvl, t)								\
	[FWP_HW_ccsidr_l##lvl##t] = { .name = "ccsidr_el1.l" #lvl #t,			\
				      .family = FWP_HWF_CCSIDR, .per_vcpu = true,	\
				      .level = lvl, .type = (#t)[0] },
#define FWP_GICREG(nm, fr, off, w)							\
	[FWP_HW_##nm] = { .name = #nm, .family = FWP_HWF_GIC,				\
			  .per_vcpu = FWP_GIC_##fr == FWP_GIC_REDIST,			\
			  .frame = FWP_GIC_##fr, .offset = off, .width = w },
#include "fwprobe_hwreg_list.h"
#undef FWP_SYSREG
#undef FWP_CCSIDR
#undef FWP_GICREG
};

#define FWP_VGIC_GROUP(grp)	{ FWP_KVM_VGIC_GRP_##grp, "KVM_DEV_ARM_VGIC_GRP_" #grp }

const struct fwp_vgic_group fwp_vgic_groups[] = {
	[FWP_GIC_NONE]		= { 0, "" },
	[FWP_GIC_DIST]		= FWP_VGIC_GROUP(DIST_REGS),
	[FWP_GIC_REDIST]	= FWP_VGIC_GROUP(REDIST_REGS),
	[FWP_GIC_ITS]		= FWP_VGIC_GROUP(ITS_REGS),
};

#define F(fname, sh, w, r)	{ .name = #fname, .shift = sh, .width = w, .rule = FWP_FIELD_##r },
/* One function per register with fields: its table, and their number. */
#define FWP_FIELDS(reg, ...)								\
static const struct fwp_hwreg_field *fwp_fields_##reg(unsigned int *n)			\
{											\
	static const struct fwp_hwreg_field fields[] = { __VA_ARGS__ };			\
											\
	*n = ARRAY_SIZE(fields);							\
	return fields;									\
}

#include "fwprobe_hwreg_fields.h"
#undef FWP_FIELDS
#undef F

static const struct {
	enum fwp_hwreg reg;
	const struct fwp_hwreg_field *(*fields)(unsigned int *n);
} fwp_field_sets[] = {
#define FWP_FIELDS(r, ...)	{ FWP_HW_##r, fwp_fields_##r },
#include "fwprobe_hwreg_fields.h"
#undef FWP_FIELDS
};

/**
 * fwp_hw_fields() - the named fields of a register
 * @reg: the register
 * @n: set to their number (0 when the register is compared as a whole)
 *
 * Return: the fields in shift order, or NULL.
 */
const struct fwp_hwreg_field *fwp_hw_fields(enum fwp_hwreg reg, unsigned int *n)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(fwp_field_sets); i++)
		if (fwp_field_sets[i].reg == reg)
			return fwp_field_sets[i].fields(n);
	*n = 0;
	return NULL;
}

/** fwp_hw_field_mask() - the bits of field @f, in place. */
u64 fwp_hw_field_mask(const struct fwp_hwreg_field *f)
{
	return (f->width == 64 ? ~0ULL : (1ULL << f->width) - 1) << f->shift;
}

/** fwp_hw_field() - the value of field @f in @value (unsigned; callers sign-extend SLOWER). */
u64 fwp_hw_field(const struct fwp_hwreg_field *f, u64 value)
{
	return (value & fwp_hw_field_mask(f)) >> f->shift;
}

/** fwp_hw_lookup() - the register called @name, or -1. */
int fwp_hw_lookup(const char *name)
{
	int i;

	for (i = 0; i < FWP_HW_NR; i++)
		if (!strcmp(fwp_hwregs[i].name, name))
			return i;
	return -1;
}

/** fwp_hw_csselr() - the CSSELR_EL1 value that selects a CCSIDR register's cache. */
u32 fwp_hw_csselr(enum fwp_hwreg reg)
{
	const struct fwp_hwreg_desc *d = &fwp_hwregs[reg];

	return (u32)(d->level - 1) << 1 | (d->type == 'i');
}

/*
 * fwp_hw_cache_listed() - does CLIDR_EL1 list the cache a CCSIDR register describes?
 * Ctype<n> (bits 3n-1:3n-3): 1 instruction only, 2 data only, 3 separate
 * instruction and data, 4 unified; caches stop at the first level with none.
 */
bool fwp_hw_cache_listed(enum fwp_hwreg reg, u64 clidr)
{
	const struct fwp_hwreg_desc *d = &fwp_hwregs[reg];
	unsigned int level, ctype = 0;

	if (d->family != FWP_HWF_CCSIDR)
		return false;
	for (level = 1; level <= d->level; level++) {
		ctype = (clidr >> (3 * (level - 1))) & 7;
		if (!ctype)
			return false;
	}
	switch (d->type) {
	case 'i':
		return ctype == 1 || ctype == 3;
	case 'd':
		return ctype == 2 || ctype == 3;
	default:
		return ctype == 4;
	}
}

/**
 * fwp_hw_kvm_id() - the KVM_GET/SET_ONE_REG ID of a register KVM holds per vCPU
 * @reg: the register
 *
 * Return: ARM64_SYS_REG() of a system register, the CCSIDR demux ID of a
 * cache, or 0 for GIC registers (vGIC device attributes, not ONE_REGs).
 */
u64 fwp_hw_kvm_id(enum fwp_hwreg reg)
{
	const struct fwp_hwreg_desc *d = &fwp_hwregs[reg];

	switch (d->family) {
	case FWP_HWF_CCSIDR:
		return FWP_KVM_DEMUX_CCSIDR(fwp_hw_csselr(reg));
	case FWP_HWF_GIC:
		return 0;
	default:
		return FWP_KVM_SYS_REG(d->sysreg);
	}
}

/**
 * fwp_hw_width() - how many bits a value of @reg has
 * @reg: the register
 *
 * Return: a GIC register's own width, 32 for a CCSIDR (KVM's demux registers
 * are 32 bits), 5 for pmcr_el0 (which holds PMCR_EL0.N only), else 64.
 */
unsigned int fwp_hw_width(enum fwp_hwreg reg)
{
	const struct fwp_hwreg_desc *d = &fwp_hwregs[reg];

	switch (d->family) {
	case FWP_HWF_GIC:
		return d->width;
	case FWP_HWF_CCSIDR:
		return 32;
	case FWP_HWF_PMU:
		return 5;
	default:
		return 64;
	}
}

/**
 * fwp_hw_from_hardware() - does the guest read @reg from the hardware?
 * @reg: the register
 *
 * Return: true for CNTFRQ_EL0 and DCZID_EL0: KVM holds no value for them, so
 * a VMM cannot set them and a guest sees what its host's CPU has.
 */
bool fwp_hw_from_hardware(enum fwp_hwreg reg)
{
	return reg == FWP_HW_cntfrq_el0 || reg == FWP_HW_dczid_el0;
}

/**
 * fwp_hw_has_pmu() - does ID_AA64DFR0_EL1 announce a PMUv3?
 * @dfr0: the register's value
 *
 * Return: true when PMUVer is neither 0 (none) nor 0xf (an IMPLEMENTATION
 * DEFINED PMU); only then does PMCR_EL0.N mean something.
 */
bool fwp_hw_has_pmu(u64 dfr0)
{
	u64 ver = (dfr0 >> FWP_DFR0_PMUVER_SHIFT) & 0xf;

	return ver && ver != 0xf;
}

/**
 * fwp_hw_uniform() - does one value stand for a register on every vCPU?
 * @has: per vCPU, whether it has the register
 * @value: per vCPU, its value where it has it
 * @n: vCPUs
 *
 * Machine types, --json and the test bed's dump write such a register once
 * ("0x..."), otherwise as one entry per vCPU.
 *
 * Return: true when every vCPU has the register with the same value, or none
 * has it.
 */
bool fwp_hw_uniform(const bool *has, const u64 *value, unsigned int n)
{
	unsigned int i;

	for (i = 1; i < n; i++)
		if (has[i] != has[0] || (has[i] && value[i] != value[0]))
			return false;
	return true;
}
