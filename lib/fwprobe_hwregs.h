/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The guest-visible hardware registers (CPU identity, feature ID space, cache
 * geometry, timer, PMU, GIC) as fwprobe.ko reads them, the reporter compares
 * them and the test bed's shim gets and sets them through KVM. Names,
 * encodings and fields exist once: fwprobe_hwreg_list.h and
 * fwprobe_hwreg_fields.h.
 */
#ifndef FWPROBE_HWREGS_H
#define FWPROBE_HWREGS_H

#ifdef __KERNEL__
#include <linux/bits.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/types.h>
#else
#include "fwprobe_host_compat.h"
#endif

enum fwp_hwreg {
#define FWP_SYSREG(name, family, op0, op1, crn, crm, op2)	FWP_HW_##name,
#define FWP_CCSIDR(level, type)				FWP_HW_ccsidr_l##level##type,
#define FWP_GICREG(name, frame, offset, width)		FWP_HW_##name,
#include "fwprobe_hwreg_list.h"
#undef FWP_SYSREG
#undef FWP_CCSIDR
#undef FWP_GICREG
	FWP_HW_NR
};

/* Per-vCPU registers come first in the list; the distributor's and the ITS's follow. */
#define FWP_HW_PER_VCPU		FWP_HW_gicd_typer

/* What a register describes; the reporter groups CPU ones and GIC ones apart. */
enum fwp_hw_family { FWP_HWF_IMPL, FWP_HWF_ID, FWP_HWF_CACHE, FWP_HWF_TIMER, FWP_HWF_PMU,
		     FWP_HWF_CCSIDR, FWP_HWF_GIC };

enum fwp_gic_frame { FWP_GIC_NONE, FWP_GIC_DIST, FWP_GIC_REDIST, FWP_GIC_ITS };

/*
 * How a field may differ between what a guest was set up with and what it
 * sees now, as KVM's and the kernel's feature tables treat it (FTR_LOWER_SAFE,
 * FTR_HIGHER_SAFE, FTR_EXACT; FWP_FIELD_SLOWER is a signed lower-safe field,
 * where 0xf means "not implemented").
 */
enum fwp_field_rule { FWP_FIELD_LOWER, FWP_FIELD_SLOWER, FWP_FIELD_HIGHER, FWP_FIELD_EXACT };

/** struct fwp_hwreg_field - a named field of a register. */
struct fwp_hwreg_field {
	const char *name;	/* as the Arm ARM and arch/arm64/tools/sysreg spell it */
	u8 shift, width;
	enum fwp_field_rule rule;
};

/**
 * struct fwp_hwreg_desc - one register of fwprobe_hwreg_list.h
 * @name: sysfs file, JSON key and --set-reg/--dump-regs name
 * @family: what it describes
 * @per_vcpu: read on every vCPU (else once per VM)
 * @sysreg: op0 << 14 | op1 << 11 | CRn << 7 | CRm << 3 | op2 (sysregs only)
 * @level: cache level 1..7 (CCSIDR only)
 * @type: 'i', 'd' or 'u' (CCSIDR only)
 * @frame: GIC frame (GIC only)
 * @offset: offset in that frame (GIC only)
 * @width: 32 or 64 (GIC only)
 *
 * Named fields come from fwp_hw_fields().
 */
struct fwp_hwreg_desc {
	const char *name;
	enum fwp_hw_family family;
	bool per_vcpu;
	u16 sysreg;
	u8 level;
	char type;
	enum fwp_gic_frame frame;
	u16 offset;
	u8 width;
};

/* The KVM_GET/SET_ONE_REG ID of a system register: ARM64_SYS_REG(). */
#define FWP_KVM_SYS_REG(sysreg)		(0x6030000000130000ULL | (sysreg))
/* CCSIDR_EL1 for a CSSELR_EL1 value: KVM_REG_ARM_DEMUX_ID_CCSIDR, 32 bits. */
#define FWP_KVM_DEMUX_CCSIDR(csselr)	(0x6020000000110000ULL | (csselr))
/* vGIC device attribute groups (KVM_DEV_ARM_VGIC_GRP_*_REGS): fwp_vgic_groups[]. */
#define FWP_KVM_VGIC_GRP_DIST_REGS	1
#define FWP_KVM_VGIC_GRP_REDIST_REGS	5
#define FWP_KVM_VGIC_GRP_ITS_REGS	8

/** struct fwp_vgic_group - the vGIC device attribute group of a GIC frame. */
struct fwp_vgic_group {
	u32 group;
	const char *name;	/* as <asm/kvm.h> spells it */
};

#define FWP_PMCR_N_SHIFT		11	/* pmcr_el0 holds PMCR_EL0.N only */
#define FWP_PMCR_N_MASK			0x1f
#define FWP_DFR0_PMUVER_SHIFT		8	/* ID_AA64DFR0_EL1.PMUVer: 0 none, 0xf IMP DEF */
#define FWP_GICR_TYPER_LAST		BIT(4)
#define FWP_GICR_FRAME_SIZE		0x20000	/* RD_base + SGI_base, GICv3 */
#define FWP_GICR_FRAME_SIZE_V4		0x40000	/* plus VLPI_base and a reserved frame */
#define FWP_GICR_TYPER_VLPIS		BIT(1)
/* SVE and SME vector lengths: vq quadwords of 16 bytes, vq 1..16 (2048 bits, the largest). */
#define FWP_VQ_BYTES			16
#define FWP_VQ_MAX			16

extern const struct fwp_hwreg_desc fwp_hwregs[FWP_HW_NR];
extern const struct fwp_vgic_group fwp_vgic_groups[];	/* by enum fwp_gic_frame */

/**
 * struct fwp_hw_cpu - what one vCPU read of its registers
 * @reg: per-vCPU registers (index < FWP_HW_PER_VCPU)
 * @present: which of those it has (a bit per enum fwp_hwreg)
 * @caps: the capabilities of fwprobe_cpucap_list.h it meets now, by the
 *	  kernel's own test (a bit per enum fwp_cpucap; fwprobe_safety.h)
 * @errata: the errata workarounds of fwprobe_erratum_list.h it needs now,
 *	    by the same test (a bit per enum fwp_erratum)
 * @live: the entries of fwprobe_live_list.h it offers now (a bit per
 *	  enum fwp_live)
 * @unsafe: it lacks something the kernel or its processes rely on, or needs
 *	    a workaround the kernel did not enable
 * @safety_ns: how long its capability, erratum and live tests took
 */
struct fwp_hw_cpu {
	u64 reg[FWP_HW_PER_VCPU];
	u64 present[2];
	u64 caps;
	u64 errata;
	u64 live;
	u64 safety_ns;
	bool unsafe;
};

/**
 * struct fwp_hw_view - the registers one probe read
 * @ncpus: vCPUs the guest can have (the kernel's nr_cpu_ids)
 * @online: a bitmap of @ncpus bits: the vCPUs online, and so read, at the probe
 * @cpu: @ncpus entries; an offline vCPU's are zero
 * @vm: per-VM registers (index >= FWP_HW_PER_VCPU)
 * @vm_present: which of those exist
 * @duration_ns: wall time of all these reads
 *
 * @online and @cpu are sized at run time and allocated with the snapshot.
 */
struct fwp_hw_view {
	u64 duration_ns;
	unsigned int ncpus;
	unsigned long *online;
	struct fwp_hw_cpu *cpu;
	u64 vm[FWP_HW_NR];
	u64 vm_present[2];
};

static inline bool fwp_hw_bit(const u64 *bits, unsigned int i)
{
	return (bits[i / 64] >> (i % 64)) & 1;
}

static inline void fwp_hw_set(u64 *bits, unsigned int i)
{
	bits[i / 64] |= 1ULL << (i % 64);
}

int fwp_hw_lookup(const char *name);
u32 fwp_hw_csselr(enum fwp_hwreg reg);
bool fwp_hw_cache_listed(enum fwp_hwreg reg, u64 clidr);
const struct fwp_hwreg_field *fwp_hw_fields(enum fwp_hwreg reg, unsigned int *n);
u64 fwp_hw_field_mask(const struct fwp_hwreg_field *f);
u64 fwp_hw_field(const struct fwp_hwreg_field *f, u64 value);
u64 fwp_hw_kvm_id(enum fwp_hwreg reg);
unsigned int fwp_hw_width(enum fwp_hwreg reg);
bool fwp_hw_from_hardware(enum fwp_hwreg reg);
bool fwp_hw_has_pmu(u64 dfr0);
bool fwp_hw_uniform(const bool *has, const u64 *value, unsigned int n);

#endif
