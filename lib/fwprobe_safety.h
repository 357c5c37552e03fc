/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Is the guest still safe to keep running? What the kernel decided at boot
 * (the capabilities it enabled, the HWCAPs it gave every process) against
 * what each online vCPU offers now. The capabilities, and the errata
 * workarounds a vCPU would need, are tested by the kernel's own per-CPU test
 * in fwprobe.ko (this_cpu_has_cap(), the test a late CPU must pass); the
 * HWCAPs by their ID register field here, over the registers the probe
 * read; what tasks take from the vCPU itself (the SVE vector length, CTR_EL0)
 * by fwprobe.ko on each vCPU too. Tables: fwprobe_cpucap_list.h,
 * fwprobe_erratum_list.h, fwprobe_hwcap_list.h and fwprobe_live_list.h.
 */
#ifndef FWPROBE_SAFETY_H
#define FWPROBE_SAFETY_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include "fwprobe_host_compat.h"
#endif
#include "fwprobe_hwregs.h"

/* What stops working when a vCPU loses something the guest relies on. */
enum fwp_breaks {
	FWP_BREAKS_KERNEL,	/* code the kernel patched in at boot: an oops */
	FWP_BREAKS_PROCESSES,	/* instructions processes were told about: SIGILL */
	FWP_BREAKS_SILENT,	/* no trap at all: wrong results, corruption */
	FWP_BREAKS_NR
};

enum fwp_cpucap {
#define FWP_CPUCAP(name, breaks)	FWP_CAP_##name,
#define FWP_CPUCAP_SINCE(name, breaks, version)	FWP_CAP_##name,
#include "fwprobe_cpucap_list.h"
#undef FWP_CPUCAP_SINCE
#undef FWP_CPUCAP
	FWP_CAP_NR
};

enum fwp_erratum {
#define FWP_ERRATUM(name, breaks)	FWP_ERR_##name,
#include "fwprobe_erratum_list.h"
#undef FWP_ERRATUM
	FWP_ERR_NR
};

enum fwp_live {
#define FWP_LIVE(name, breaks)	FWP_LIVE_##name,
#include "fwprobe_live_list.h"
#undef FWP_LIVE
	FWP_LIVE_NR
};

enum fwp_hwcap {
#define FWP_HWCAP(name, word, bit, reg, field, min)	FWP_HWCAP_##name,
#define FWP_COMPAT_HWCAP(name, kbit, reg, field, min)	FWP_HWCAP_##name,
#define FWP_COMPAT_HWCAP_SINCE(name, kbit, reg, field, min, version)	FWP_HWCAP_##name,
#include "fwprobe_hwcap_list.h"
#undef FWP_COMPAT_HWCAP_SINCE
#undef FWP_COMPAT_HWCAP
#undef FWP_HWCAP
	FWP_HWCAP_NR
};

/* Bitmaps over the tables, in u64 words (fwp_hw_bit(), fwp_hw_set()). */
#define FWP_HWCAP_WORDS		3

struct fwp_cpucap_desc {
	const char *name;	/* as arch/arm64/tools/cpucaps spells it */
	enum fwp_breaks breaks;
};

struct fwp_hwcap_desc {
	const char *name;	/* as /proc/cpuinfo's Features spells it */
	u8 word;		/* 1, 2 or 3: AT_HWCAP, AT_HWCAP2, AT_HWCAP3; 0: compat */
	u8 bit;			/* in that word (the uapi HWCAP bit) */
	enum fwp_hwreg reg;
	const char *field;	/* a field of @reg in fwprobe_hwreg_fields.h */
	u8 min;			/* the least value (signed for SLOWER fields) */
};

enum fwp_verdict { FWP_VERDICT_SAFE, FWP_VERDICT_UNSAFE, FWP_VERDICT_UNKNOWN, FWP_VERDICT_NR };

/**
 * struct fwp_safety - the boot decisions and what became of them
 * @caps_boot: capabilities of fwp_cpucaps the kernel enabled at boot
 * @errata_boot: workarounds of fwp_errata the kernel enabled at boot
 * @hwcaps_boot: HWCAPs of fwp_hwcaps the kernel gave processes
 * @live_boot: entries of fwp_lives the system offered at boot
 * @caps_lost: of @caps_boot, those an online vCPU no longer meets
 * @hwcaps_lost: of @hwcaps_boot, those an online vCPU no longer offers
 * @hwcaps_unknown: of @hwcaps_boot, those whose register a vCPU did not give
 * @live_lost: of @live_boot, those an online vCPU no longer offers
 * @errata_needed: workarounds an online vCPU needs now that are not in
 *		   @errata_boot
 * @verdict: unsafe when anything is lost, else unknown when anything could
 *	     not be told, else safe
 * @duration_ns: what telling it cost in the probe: each online vCPU's tests
 *		 and this evaluation
 */
struct fwp_safety {
	u64 caps_boot;
	u64 errata_boot;
	u64 hwcaps_boot[FWP_HWCAP_WORDS];
	u64 live_boot;
	u64 caps_lost;
	u64 hwcaps_lost[FWP_HWCAP_WORDS];
	u64 hwcaps_unknown[FWP_HWCAP_WORDS];
	u64 live_lost;
	u64 errata_needed;
	enum fwp_verdict verdict;
	u64 duration_ns;
};

/* The tables a safety finding names an entry of, and their kinds' names. */
enum fwp_safety_table {
#define FWP_SAFETY_TABLE(_table, _kind, _boot, _now, _boot_file, _now_file)	\
	FWP_SAFETY_##_table,
#include "fwprobe_safety_table_list.h"
#undef FWP_SAFETY_TABLE
	FWP_SAFETY_TABLES
};

extern const char *const fwp_safety_kind_names[FWP_SAFETY_TABLES];

extern const struct fwp_cpucap_desc fwp_cpucaps[FWP_CAP_NR];
extern const struct fwp_cpucap_desc fwp_errata[FWP_ERR_NR];
extern const struct fwp_hwcap_desc fwp_hwcaps[FWP_HWCAP_NR];
extern const struct fwp_cpucap_desc fwp_lives[FWP_LIVE_NR];
extern const char *const fwp_breaks_names[FWP_BREAKS_NR];
extern const char *const fwp_verdict_names[FWP_VERDICT_NR];

/* The kernel's number of a HWCAP (cpu_have_feature()): 64 per word; not for compat. */
static inline unsigned int fwp_hwcap_kernel_nr(const struct fwp_hwcap_desc *h)
{
	return (h->word - 1) * 64 + h->bit;
}

unsigned int fwp_safety_count(enum fwp_safety_table t);
const char *fwp_safety_name(enum fwp_safety_table t, unsigned int i);
enum fwp_breaks fwp_safety_breaks(enum fwp_safety_table t, unsigned int i);
int fwp_hwcap_value_met(const struct fwp_hwcap_desc *h, u64 v);
int fwp_hwcap_met(const struct fwp_hwcap_desc *h, const struct fwp_hw_cpu *c);
void fwp_safety_eval(struct fwp_safety *sf, struct fwp_hw_view *hw);

#endif
