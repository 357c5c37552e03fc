// SPDX-License-Identifier: GPL-2.0
/*
 * What the running kernel decided at boot, for the safety verdict
 * (lib/fwprobe_safety.c): the capabilities of fwprobe_cpucap_list.h and the
 * errata workarounds of fwprobe_erratum_list.h it enabled, and the HWCAPs of
 * fwprobe_hwcap_list.h it gave processes; and, by the kernel's own test,
 * whether the calling vCPU meets each capability and needs each workaround
 * now; and what tasks took from the vCPU itself (fwprobe_live_list.h).
 * The capability numbers are this build's (they differ between 6.1, 6.12
 * and 7.x); everything published goes by name.
 */
#include <linux/bits.h>
#include <linux/sched.h>
#include <asm/cache.h>
#include <asm/cpufeature.h>
#include <asm/fpsimd.h>
#include <asm/hwcap.h>
#include <asm/sysreg.h>

#include "fwprobe.h"

/*
 * A capability this kernel lacks gets ARM64_NCAPS, which cpus_have_cap() and
 * this_cpu_has_cap() answer false: never enabled, never lost. A kernel has a
 * group when it has the group's latest capability (<asm/cpucap-defs.h>
 * defines each).
 */
#ifdef ARM64_HAS_S1POE
#define FWPROBE_CAP_NR_6_12(name)	ARM64_##name
#else
#define FWPROBE_CAP_NR_6_12(name)	ARM64_NCAPS
#endif
#ifdef ARM64_HAS_GICV5_CPUIF
#define FWPROBE_CAP_NR_7_2(name)	ARM64_##name
#else
#define FWPROBE_CAP_NR_7_2(name)	ARM64_NCAPS
#endif

static const unsigned int fwprobe_cap_nrs[FWP_CAP_NR] = {
#define FWP_CPUCAP(name, breaks)	ARM64_##name,
#define FWP_CPUCAP_SINCE(name, breaks, version)	FWPROBE_CAP_NR_##version(name),
#include "fwprobe_cpucap_list.h"
#undef FWP_CPUCAP_SINCE
#undef FWP_CPUCAP
};

static const unsigned int fwprobe_erratum_nrs[FWP_ERR_NR] = {
#define FWP_ERRATUM(name, breaks)	ARM64_##name,
#include "fwprobe_erratum_list.h"
#undef FWP_ERRATUM
};

/*
 * A compat HWCAP of a later group is 0 in a kernel without that group: it
 * never gives it. The group's marker is one of its HWCAPs; 6.1 has none of
 * the 6_12 group's eight, 6.12 and 7.2 all of them.
 */
#ifdef COMPAT_HWCAP2_SSBS
#define FWPROBE_COMPAT_BIT_6_12(kbit)	(kbit)
#else
#define FWPROBE_COMPAT_BIT_6_12(kbit)	0
#endif

/* Each HWCAP's compat bit in this kernel, 0 for the AArch64 ones and those it lacks. */
static const unsigned int fwprobe_compat_bits[FWP_HWCAP_NR] = {
#define FWP_HWCAP(name, word, bit, reg, field, min)	0,
#define FWP_COMPAT_HWCAP(name, kbit, reg, field, min)	kbit,
#define FWP_COMPAT_HWCAP_SINCE(name, kbit, reg, field, min, version)	\
	FWPROBE_COMPAT_BIT_##version(kbit),
#include "fwprobe_hwcap_list.h"
#undef FWP_COMPAT_HWCAP_SINCE
#undef FWP_COMPAT_HWCAP
#undef FWP_HWCAP
};

/* The bits of @nrs (cpucap numbers) this CPU matches now. Context: preemption off. */
static u64 fwprobe_this_cpu_has(const unsigned int *nrs, unsigned int n)
{
	u64 bits = 0;
	unsigned int i;

	for (i = 0; i < n; i++)
		if (this_cpu_has_cap(nrs[i]))
			bits |= BIT_ULL(i);
	return bits;
}

/* The bits of @nrs the kernel enabled at boot. */
static u64 fwprobe_system_has(const unsigned int *nrs, unsigned int n)
{
	u64 bits = 0;
	unsigned int i;

	for (i = 0; i < n; i++)
		if (cpus_have_cap(nrs[i]))
			bits |= BIT_ULL(i);
	return bits;
}

/**
 * fwprobe_caps_this_cpu() - the capabilities the calling vCPU meets now
 *
 * this_cpu_has_cap() runs each capability's own match on this CPU alone:
 * the test verify_local_cpu_capabilities() applies to a CPU that comes
 * online late. fwprobe_cpucap_list.h lists only capabilities whose test
 * reads ID registers and nothing else (no firmware call, no write).
 *
 * Context: preemption disabled (an IPI of fwprobe_read_hw()).
 * Return: a bit per enum fwp_cpucap.
 */
u64 fwprobe_caps_this_cpu(void)
{
	return fwprobe_this_cpu_has(fwprobe_cap_nrs, FWP_CAP_NR);
}

/**
 * fwprobe_errata_this_cpu() - the errata workarounds the calling vCPU needs now
 *
 * The same test for each erratum of fwprobe_erratum_list.h: only MIDR,
 * REVIDR and ID register reads, and only errata a late CPU is refused for.
 *
 * Context: preemption disabled (an IPI of fwprobe_read_hw()).
 * Return: a bit per enum fwp_erratum.
 */
u64 fwprobe_errata_this_cpu(void)
{
	return fwprobe_this_cpu_has(fwprobe_erratum_nrs, FWP_ERR_NR);
}

/*
 * Did the kernel give 32-bit processes compat HWCAP @h? It gave them at boot
 * from its sanitised ID registers (setup_elf_hwcaps(compat_elf_hwcaps)), by
 * the same field rule, and keeps no exported copy: the rule is run again
 * over the same values. The AES one is taken back on CPUs with erratum
 * 1742098.
 */
static bool fwprobe_compat_given(unsigned int i)
{
	const struct fwp_hwcap_desc *h = &fwp_hwcaps[i];
	u16 e = fwp_hwregs[h->reg].sysreg;
	u64 v;

	/* system_supports_32bit_el0() without its unexported mismatch key. */
	if (!IS_ENABLED(CONFIG_COMPAT) || !fwprobe_compat_bits[i] ||
	    !cpus_have_cap(ARM64_HAS_32BIT_EL0_DO_NOT_USE))
		return false;
#ifdef CONFIG_ARM64_ERRATUM_1742098
	if (i == FWP_HWCAP_compat_aes && cpus_have_cap(ARM64_WORKAROUND_1742098))
		return false;
#endif
	v = read_sanitised_ftr_reg(sys_reg(e >> 14, (e >> 11) & 7, (e >> 7) & 15,
					   (e >> 3) & 15, e & 7));
	return fwp_hwcap_value_met(h, v) > 0;
}

/*
 * The tests of fwprobe_live_list.h. Each answers for the calling vCPU when
 * given its registers (@reg, just read), and for the boot view when @reg is
 * NULL: what the system offered the tasks that took it.
 */

/* RDVL x0, #1: the SVE vector length in bytes, as the vCPU runs it now. */
static u64 fwprobe_sve_rdvl(void)
{
	register u64 vl asm("x0");

	asm volatile(".inst 0x04bf5020" : "=r" (vl));
	return vl;
}

/*
 * Reading ZCR_EL1 and RDVL at EL1 needs CPACR_EL1.ZEN's EL1 bit, which 6.12
 * and later keep clear outside kernel-mode SVE: set for the two reads and
 * put back, with interrupts off, as CSSELR_EL1 is for CCSIDR_EL1. Neither
 * read changes a task's registers. A vCPU in streaming mode answers with
 * the SME length: not judged then.
 */
static bool fwprobe_live_sve_vector_length(const u64 *reg)
{
	u64 cpacr, zcr, vl;

	if (!system_supports_sve())
		return false;
	if (!reg)
		return true;
	if (!cpuid_feature_extract_unsigned_field(reg[FWP_HW_id_aa64pfr0_el1],
						  ID_AA64PFR0_EL1_SVE_SHIFT))
		return false;
	if (system_supports_sme() && thread_sm_enabled(&current->thread))
		return true;
	cpacr = read_sysreg(cpacr_el1);
	if (!(cpacr & CPACR_EL1_ZEN_EL1EN)) {
		write_sysreg(cpacr | CPACR_EL1_ZEN_EL1EN, cpacr_el1);
		isb();
	}
	zcr = read_sysreg_s(SYS_ZCR_EL1);
	vl = fwprobe_sve_rdvl();
	if (!(cpacr & CPACR_EL1_ZEN_EL1EN)) {
		write_sysreg(cpacr, cpacr_el1);
		isb();
	}
	return vl >= ((zcr & ZCR_ELx_LEN_MASK) + 1) * FWP_VQ_BYTES;
}

/*
 * A CTR_EL0 bit: the sanitised value processes read since boot, or the
 * calling vCPU's now. Both as the kernel reads CTR_EL0 (its "effective"
 * value): IDC counts as set when CLIDR_EL1 makes the clean unnecessary, as
 * on the bed's vCPUs, whose raw IDC is 0; the kernel then shows EL0 a 1.
 */
static bool fwprobe_ctr_bit(const u64 *reg, unsigned int shift)
{
	u64 ctr = reg ? read_cpuid_effective_cachetype() : read_sanitised_ftr_reg(SYS_CTR_EL0);

	return (ctr >> shift) & 1;
}

static bool fwprobe_live_ctr_el0_IDC(const u64 *reg)
{
	return fwprobe_ctr_bit(reg, CTR_EL0_IDC_SHIFT);
}

static bool fwprobe_live_ctr_el0_DIC(const u64 *reg)
{
	return fwprobe_ctr_bit(reg, CTR_EL0_DIC_SHIFT);
}

typedef bool (*fwprobe_live_test)(const u64 *reg);

static const fwprobe_live_test fwprobe_live_tests[FWP_LIVE_NR] = {
#define FWP_LIVE(name, breaks)							\
	[FWP_LIVE_##name] = fwprobe_live_##name,
#include "fwprobe_live_list.h"
#undef FWP_LIVE
};

static u64 fwprobe_live(const u64 *reg)
{
	u64 bits = 0;
	unsigned int i;

	for (i = 0; i < FWP_LIVE_NR; i++)
		if (fwprobe_live_tests[i](reg))
			bits |= BIT_ULL(i);
	return bits;
}

/**
 * fwprobe_live_this_cpu() - what the calling vCPU offers of fwprobe_live_list.h
 * @reg: its registers, read in the same IPI
 *
 * Context: preemption and interrupts disabled (an IPI of fwprobe_read_hw()).
 * Return: a bit per enum fwp_live.
 */
u64 fwprobe_live_this_cpu(const u64 *reg)
{
	return fwprobe_live(reg);
}

/** fwprobe_safety_boot() - fill @sf's boot decisions. Context: any. */
void fwprobe_safety_boot(struct fwp_safety *sf)
{
	unsigned int i, nr;
	bool given;

	sf->caps_boot = fwprobe_system_has(fwprobe_cap_nrs, FWP_CAP_NR);
	/*
	 * The kernel enables 32-bit EL0 on a CPU that has it whether or not it
	 * was built to run 32-bit processes; without COMPAT nothing relies on it.
	 */
	if (!IS_ENABLED(CONFIG_COMPAT))
		sf->caps_boot &= ~BIT_ULL(FWP_CAP_HAS_32BIT_EL0_DO_NOT_USE);
	sf->errata_boot = fwprobe_system_has(fwprobe_erratum_nrs, FWP_ERR_NR);
	sf->live_boot = fwprobe_live(NULL);
	memset(sf->hwcaps_boot, 0, sizeof(sf->hwcaps_boot));
	for (i = 0; i < FWP_HWCAP_NR; i++) {
		if (!fwp_hwcaps[i].word) {
			given = fwprobe_compat_given(i);
		} else {
			nr = fwp_hwcap_kernel_nr(&fwp_hwcaps[i]);
			/* A HWCAP word this kernel does not have (AT_HWCAP3 before 7.x). */
			given = nr < MAX_CPU_FEATURES && cpu_have_feature(nr);
		}
		if (given)
			fwp_hw_set(sf->hwcaps_boot, i);
	}
}
