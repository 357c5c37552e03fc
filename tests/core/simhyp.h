/* SPDX-License-Identifier: GPL-2.0 */
/*
 * simhyp: a simulated hypervisor (or firmware) answering SMCCC calls the way
 * /work/shared/reference/smccc-services.md says real ones do, for driving the
 * fwprobe core (lib/fwprobe_core.c) in host unit tests.
 *
 * The simulation keeps its own function IDs, UUID words and answer rules: it
 * takes only types (struct fwp_env, enum fwp_conduit) from the core's header,
 * never a constant, so a wrong constant in the core cannot hide itself.
 *
 * Calls that a probe must never make (side effects, blind calls) are checked
 * on every invoke; by default a violation prints the function ID and aborts
 * the test process.
 */
#ifndef SIMHYP_H
#define SIMHYP_H

#include "fwprobe_core.h"

#define SIM_MAX_CALLS	512
#define SIM_MAX_IMPLS	8

/* Which implementation answers the calls. */
enum sim_kind {
	SIM_KVM,		/* upstream KVM/arm64 (pKVM with pkvm_features != 0) */
	SIM_XEN,
	SIM_HYPERV,
	SIM_GUNYAH,		/* open-source Gunyah UID */
	SIM_GUNYAH_QCOM,	/* Qualcomm Gunyah UID */
	SIM_UNKNOWN_UID,	/* a hypervisor with a UID nobody knows */
	SIM_FIRMWARE,		/* no vendor-hypervisor UID at all (bare firmware) */
};

struct sim_config {
	enum sim_kind kind;
	/* The conduit the environment reports to the core (FWP_CONDUIT_*). */
	enum fwp_conduit conduit;
	/* SMCCC_VERSION answer (major << 16 | minor); -1 = SMCCC 1.0 (call unknown). */
	s32 smccc_version;
	/* PSCI_VERSION answer; 0 = no PSCI (all PSCI calls -1). */
	u32 psci_version;
	/* VMM enabled KVM_CAP_ARM_SYSTEM_SUSPEND. */
	bool system_suspend;
	/* ARCH_FEATURES answers for ARCH_WORKAROUND_1, _2, _3 (host state). */
	s32 wa[3];

	/* KVM firmware bitmap registers (only for SIM_KVM). */
	u64 std_bmap, std_hyp_bmap, vendor_hyp_bmap, vendor_hyp_bmap_2;
	/* VMM set a stolen-time IPA (KVM_ARM_VCPU_PVTIME_CTRL). */
	bool pv_time_ipa;
	/* KVM answers Call UID with the 6.16-rc byte-swapped words. */
	bool kvm_swapped_uid;
	/* pKVM: extra FEATURES a0 bits (2..31) on top of VENDOR_HYP_BMAP. */
	u32 pkvm_features;
	/* Host clocksource is not the arch counter: PTP answers -1. */
	bool ptp_no_arch_counter;

	/* Gunyah: answer the raw-register word order instead of the packing rule. */
	bool gunyah_raw_words;
	/* SIM_UNKNOWN_UID: the words to answer. */
	u32 unknown_uid[4];

	/* Clocks: counter ticks are nanoseconds (1 GHz); 0 picks a default. */
	u64 counter_start;		/* physical counter at start */
	u64 cntvoff;			/* virtual = physical - cntvoff */
	u32 counter_step;		/* ticks per counter read and per call half */
	s64 host_realtime_start_ns;	/* host CLOCK_REALTIME at counter_start */
	s64 guest_realtime_offset_ns;	/* guest realtime - host realtime */
	s64 ptp_counter_skew;		/* added to the counter a PTP sample reports */

	/* DISCOVER_IMPL (answered by the VMM): count and MIDR/REVIDR/AIDR. */
	u32 impl_count;
	u64 impl_cpu[SIM_MAX_IMPLS][3];

	/* SMCCC_ARCH_SOC_ID (needs smccc_version >= 1.2). */
	bool soc_id;
	u32 soc_id_version, soc_id_revision;
	char soc_id_name[137];
};

/* One call as the simulation saw it. */
struct sim_call {
	u32 fn;
	u64 arg[3];		/* x1..x3 (x2, x3 are 0 for invoke_1_2) */
	u64 res[4];		/* x0..x3 as returned */
	bool wide;		/* came through invoke_1_2 */
};

struct simhyp {
	const char *name;
	struct sim_config cfg;

	u64 phys;				/* physical counter now */
	unsigned int ncalls;
	struct sim_call calls[SIM_MAX_CALLS];

	/* What FEATURES has told the guest so far (for "advertised" checks). */
	bool features_answered;
	u32 advertised[4];

	/* Last PTP answer per counter (0 virtual, 1 physical). */
	bool ptp_answered[2];
	u64 ptp_host_ns[2], ptp_counter[2];

	/*
	 * Violations: abort the process (default) or, for the simulation's own
	 * tests, only record them.
	 */
	bool record_violations;
	unsigned int nviolations;
	u32 violation_fn;
	char violation_why[160];
};

void simhyp_init(struct simhyp *h, const char *name, const struct sim_config *cfg);
/* Fill an environment whose calls and clocks go to @h. */
void simhyp_env(struct simhyp *h, struct fwp_env *env);
/* Number of calls of @fn seen so far. */
unsigned int simhyp_count(const struct simhyp *h, u32 fn);
/* Number of calls of @fn with x1 == @a1 seen so far. */
unsigned int simhyp_count_arg(const struct simhyp *h, u32 fn, u64 a1);
/* Printable name of a function ID (for messages). */
const char *simhyp_fn_name(u32 fn);

#endif
