/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The report: the rows every renderer shows, built once from the model, so
 * the text and JSON renderers (and --save) only format them and can never
 * disagree on what a value is or whether the vCPUs agree.
 */
#ifndef FWP_REPORT_H
#define FWP_REPORT_H

#include "hwreg_desc.h"
#include "model.h"

#define REPORT_LINE_MAX		256
#define REPORT_WORKAROUNDS	3	/* ARCH_WORKAROUND_1..3 */

/** struct workaround_row - one ARCH_WORKAROUND_n question and the level it implies. */
struct workaround_row {
	const char *name;
	bool asked;
	int64_t answer;			/* when asked */
	bool level_known;
	char level[REG_TEXT_MAX];	/* "NOT_REQUIRED", when known */
	int evidence;			/* index into m->evidence, or -1 */
};

/** struct psci_row - one PSCI_FEATURES question that was asked. */
struct psci_row {
	const char *name;
	int64_t answer;
	bool supported;
	int evidence;
};

/** struct hw_rows - the registers of one section, in table order. */
struct hw_rows {
	unsigned int n;
	struct hw_row row[FWP_HW_NR];
};

/** struct boot_change - a vCPU whose identity changed since the guest kernel booted. */
struct boot_change {
	enum hw_boot_reg b;
	unsigned int cpu;
	uint64_t boot, now;
	char line[REPORT_LINE_MAX];	/* what the text output says */
};

/** struct impl_mismatch - a vCPU that is none of the implementations DISCOVER_IMPL announces. */
struct impl_mismatch {
	unsigned int cpu;
	uint64_t reg[FWP_IMPL_REG_NR];	/* its MIDR, REVIDR, AIDR (enum fwp_impl_reg) */
	char line[REPORT_LINE_MAX];
};

/**
 * struct safety_finding - something the guest relies on that a vCPU lost (an
 * erratum: a workaround it needs that the kernel did not enable), or that
 * could not be told
 */
struct safety_finding {
	enum fwp_safety_table kind;	/* its table; fwp_safety_kind_names */
	bool unknown;			/* not lost: its register was not read */
	const char *name;
	enum fwp_breaks breaks;		/* HWCAPs: processes */
};

#define REPORT_SAFETY_MAX	(FWP_CAP_NR + FWP_ERR_NR + 2 * FWP_HWCAP_NR + FWP_LIVE_NR)

/**
 * struct report - what fwprobe shows of one snapshot
 * @m: the model it was built from
 * @workarounds: the three workaround questions, in order
 * @npsci: entries of @psci
 * @psci: the PSCI_FEATURES questions asked, in fwp_psci_funcs order
 * @nimpl: DISCOVER_IMPL implementations with their registers (0 when the
 *	   CPUS call was not advertised); their values are m->impl_cpu[]
 * @ncpus: vCPUs the guest can have (the length of per-vCPU arrays)
 * @noffline: how many of them were offline at the probe (none of their
 *	       registers read); which ones: m->hw.online
 * @cpu: "cpu_registers": every non-GIC register some vCPU has
 * @gic: "gic_registers": the GIC family (per vCPU and per VM)
 * @boot_read: the kernel's boot view was read
 * @boot: its registers across vCPUs (n == 0: no vCPU has it)
 * @boot_differs: which of them differ from the fresh value on some vCPU
 * @nchanges: entries of @changes
 * @changes: each vCPU and register whose value moved since boot: drift by
 *	      itself (allocated: HW_BOOT_NR entries per vCPU)
 * @nunannounced: entries of @unannounced
 * @unannounced: vCPUs whose MIDR/REVIDR/AIDR match none of the @nimpl
 *		 implementations: drift by itself, as the guest kernel trusts the list
 *		 (allocated: one entry per vCPU)
 * @nboot: per safety table, the entries set at boot: capabilities the kernel
 *	   enabled, workarounds it enabled, HWCAPs it gave processes, values
 *	   the system offered tasks
 * @nsafety: entries of @safety
 * @safety: what is lost (first) or unknown, by the verdict of m->safety
 *
 * The allocated arrays live as long as the process: fwprobe builds one report.
 */
struct report {
	const struct fwp_model *m;
	struct workaround_row workarounds[REPORT_WORKAROUNDS];
	unsigned int npsci;
	struct psci_row psci[FWP_PSCI_MAX];
	unsigned int nimpl;
	unsigned int ncpus, noffline;
	struct hw_rows cpu, gic;
	bool boot_read;
	struct hw_row boot[HW_BOOT_NR];
	bool boot_differs[HW_BOOT_NR];
	unsigned int nchanges;
	struct boot_change *changes;
	unsigned int nunannounced;
	struct impl_mismatch *unannounced;
	unsigned int nboot[FWP_SAFETY_TABLES], nsafety;
	struct safety_finding safety[REPORT_SAFETY_MAX];
};

void report_build(const struct fwp_model *m, struct report *r);

#endif
