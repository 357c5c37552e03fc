// SPDX-License-Identifier: GPL-2.0
/*
 * What the running kernel decided at boot, for the safety verdict
 * (lib/fwprobe_safety.c): the capabilities of fwprobe_cpucap_list.h and the
 * errata workarounds of fwprobe_erratum_list.h it enabled, and the HWCAPs of
 * fwprobe_hwcap_list.h it gave processes; and, by the kernel's own test,
 * whether the calling vCPU meets each capability and needs each workaround
 * now. The capability numbers are this build's (they differ between 6.1,
 * 6.12 and 7.x); everything published goes by name.
 */
#include <linux/bits.h>
#include <asm/cpufeature.h>

#include "fwprobe.h"

static const unsigned int fwprobe_cap_nrs[FWP_CAP_NR] = {
#define FWP_CPUCAP(name, breaks)	ARM64_##name,
#include "fwprobe_cpucap_list.h"
#undef FWP_CPUCAP
};

static const unsigned int fwprobe_erratum_nrs[FWP_ERR_NR] = {
#define FWP_ERRATUM(name, breaks)	ARM64_##name,
#include "fwprobe_erratum_list.h"
#undef FWP_ERRATUM
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

/** fwprobe_safety_boot() - fill @sf's boot decisions. Context: any. */
void fwprobe_safety_boot(struct fwp_safety *sf)
{
	unsigned int i, nr;

	sf->caps_boot = fwprobe_system_has(fwprobe_cap_nrs, FWP_CAP_NR);
	sf->errata_boot = fwprobe_system_has(fwprobe_erratum_nrs, FWP_ERR_NR);
	memset(sf->hwcaps_boot, 0, sizeof(sf->hwcaps_boot));
	for (i = 0; i < FWP_HWCAP_NR; i++) {
		nr = fwp_hwcap_kernel_nr(&fwp_hwcaps[i]);
		/* A HWCAP word this kernel does not have (AT_HWCAP3 before 7.x). */
		if (nr < MAX_CPU_FEATURES && cpu_have_feature(nr))
			fwp_hw_set(sf->hwcaps_boot, i);
	}
}
