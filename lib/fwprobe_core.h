/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fwprobe core: the SMCCC discovery sequence, its tables and the decoding of
 * raw answers into facts and firmware pseudo-registers. Plain C shared by
 * fwprobe.ko and the host unit tests: the environment (how a call is made,
 * clocks, counters) comes in through struct fwp_env.
 */
#ifndef FWPROBE_CORE_H
#define FWPROBE_CORE_H

#ifdef __KERNEL__
#include <linux/arm-smccc.h>
#include <linux/build_bug.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/types.h>
#else
#include "fwprobe_host_compat.h"
#endif

#include "fwprobe_abi.h"
#include "fwprobe_hwregs.h"
#include "fwprobe_safety.h"

#define FWP_FN(conv, owner, num) \
	ARM_SMCCC_CALL_VAL(ARM_SMCCC_FAST_CALL, ARM_SMCCC_SMC_##conv, ARM_SMCCC_OWNER_##owner, num)

/* Owner 0: Arm architecture calls. */
#define FWP_SMCCC_VERSION		FWP_FN(32, ARCH, 0x0000)
#define FWP_SMCCC_ARCH_FEATURES		FWP_FN(32, ARCH, 0x0001)
#define FWP_SMCCC_SOC_ID		FWP_FN(32, ARCH, 0x0002)
#define FWP_SMCCC_SOC_ID_64		FWP_FN(64, ARCH, 0x0002)
#define FWP_ARCH_WORKAROUND_1		FWP_FN(32, ARCH, 0x8000)
#define FWP_ARCH_WORKAROUND_2		FWP_FN(32, ARCH, 0x7FFF)
#define FWP_ARCH_WORKAROUND_3		FWP_FN(32, ARCH, 0x3FFF)
/* Owner 4: standard secure services. */
#define FWP_PSCI_VERSION		FWP_FN(32, STANDARD, 0x0000)
#define FWP_PSCI_FEATURES		FWP_FN(32, STANDARD, 0x000A)
#define FWP_TRNG_VERSION		FWP_FN(32, STANDARD, 0x0050)
#define FWP_TRNG_FEATURES		FWP_FN(32, STANDARD, 0x0051)
#define FWP_TRNG_GET_UUID		FWP_FN(32, STANDARD, 0x0052)
#define FWP_TRNG_RND64			FWP_FN(64, STANDARD, 0x0053)
#define FWP_STD_CALL_UID		FWP_FN(32, STANDARD, 0xFF01)
/* Owner 5: standard hypervisor services. */
#define FWP_PV_TIME_FEATURES		FWP_FN(64, STANDARD_HYP, 0x0020)
#define FWP_PV_TIME_ST			FWP_FN(64, STANDARD_HYP, 0x0021)
#define FWP_STD_HYP_CALL_UID		FWP_FN(32, STANDARD_HYP, 0xFF01)
/* Owner 6: vendor hypervisor services (KVM's numbering). */
#define FWP_VENDOR_HYP_CALL_UID		FWP_FN(32, VENDOR_HYP, 0xFF01)
#define FWP_KVM_FEATURES		FWP_FN(32, VENDOR_HYP, 0)
#define FWP_KVM_PTP			FWP_FN(32, VENDOR_HYP, 1)
#define FWP_KVM_DISCOVER_IMPL_VER	FWP_FN(64, VENDOR_HYP, 64)
#define FWP_KVM_DISCOVER_IMPL_CPUS	FWP_FN(64, VENDOR_HYP, 65)

#define FWP_SMCCC_NOT_SUPPORTED		(-1)
#define FWP_SMCCC_NOT_REQUIRED		(-2)

/* KVM FEATURES bit numbers = KVM function numbers. */
#define FWP_KVM_FEAT_FUNC_FEAT		0
#define FWP_KVM_FEAT_PTP		1
#define FWP_KVM_FEAT_DISCOVER_IMPL_VER	64
#define FWP_KVM_FEAT_DISCOVER_IMPL_CPUS	65

#define FWP_KVM_PTP_VIRT		0
#define FWP_KVM_PTP_PHYS		1

#define FWP_MAX_CALLS			64
#define FWP_MAX_IMPLS			4
#define FWP_SOC_NAME_LEN		136
#define FWP_PSCI_MAX			40

/** struct fwp_func - a function ID and its printable name (one per table row). */
struct fwp_func {
	u32 fn;
	const char *name;
};

/**
 * struct fwp_psci_func - a PSCI function as PSCI_FEATURES is asked about it.
 * @f: function ID and sysfs name
 * @since: first PSCI version defining it (major << 16 | minor)
 * @smc32: for an SMC64 form, index of its SMC32 form (asked only if that one
 *	   is implemented); -1 for SMC32 forms. Generated, never typed, from
 *	   fwprobe_psci_funcs.h.
 * @implied: mandatory whenever PSCI_FEATURES exists, so never asked
 */
struct fwp_psci_func {
	struct fwp_func f;
	u32 since;
	int smc32;
	bool implied;
};

enum fwp_arch_feature {
	FWP_AF_WORKAROUND_1,
	FWP_AF_WORKAROUND_2,
	FWP_AF_WORKAROUND_3,
	FWP_AF_PV_TIME,
	FWP_AF_SOC_ID,
	FWP_AF_NR
};

enum fwp_reg_id {
	FWP_REG_PSCI_VERSION,
	FWP_REG_WORKAROUND_1,
	FWP_REG_WORKAROUND_2,
	FWP_REG_WORKAROUND_3,
	FWP_REG_STD_BMAP,
	FWP_REG_STD_HYP_BMAP,
	FWP_REG_VENDOR_HYP_BMAP,
	FWP_REG_VENDOR_HYP_BMAP_2,
	FWP_REG_NR
};

enum fwp_conduit { FWP_CONDUIT_NONE, FWP_CONDUIT_HVC, FWP_CONDUIT_SMC };

enum fwp_identity {
	FWP_HYP_NONE,		/* Call UID not implemented (or not callable) */
	FWP_HYP_KVM,
	FWP_HYP_KVM_SWAPPED,	/* KVM with the 6.16-rc byte-swapped UID */
	FWP_HYP_XEN,
	FWP_HYP_HYPERV,
	FWP_HYP_GUNYAH,
	FWP_HYP_GUNYAH_QCOM,
	FWP_HYP_UNKNOWN,
	FWP_HYP_NR
};

/** struct fwp_call - one SMCCC call as issued: function ID, x1..x3 in, x0..x3 out. */
struct fwp_call {
	u32 fn;
	u64 arg[3];
	u64 res[4];
};

/** struct fwp_answer - a queried value: @asked is false when guards skipped it. */
struct fwp_answer {
	bool asked;
	s32 value;
};

/** struct fwp_ptp_sample - one KVM PTP sample checked against the guest's own view. */
struct fwp_ptp_sample {
	bool asked;
	s32 status;		/* 0 ok, -1 NOT_SUPPORTED (a0 all ones) */
	u64 host_ns;		/* host CLOCK_REALTIME, a0:a1 */
	u64 counter;		/* host counter as the guest sees it, a2:a3 */
	u64 guest_before, guest_after;	/* guest counter read around the call */
	s64 realtime_offset_ns;	/* guest realtime - host realtime */
	bool counter_in_window;
	bool plausible;
};

/** struct fwp_reg - a reconstructed firmware pseudo-register. */
struct fwp_reg {
	bool determined;
	u64 value;
	const char *basis;	/* how it was determined, or why not */
};

/** struct fwp_snapshot - everything one probe found; immutable once published. */
struct fwp_snapshot {
	u64 generation;
	u64 duration_ns;
	u64 version_call_ns;	/* the SMCCC_VERSION call alone, for scale */
	u32 ncalls;
	bool calls_truncated;
	struct fwp_call calls[FWP_MAX_CALLS];

	enum fwp_conduit conduit;
	u32 smccc_version;
	struct fwp_answer arch_features[FWP_AF_NR];
	bool soc_id_present;
	s32 soc_id_version, soc_id_revision;
	char soc_id_name[FWP_SOC_NAME_LEN + 1];

	bool psci_present;
	u32 psci_version;
	struct fwp_answer psci_features[FWP_PSCI_MAX];	/* fwp_psci_funcs order */

	struct fwp_answer trng_version;
	struct fwp_answer trng_rnd64;
	bool trng_uuid_valid;
	u32 trng_uuid[4];

	bool uid_valid;
	u32 uid[4];
	enum fwp_identity identity;
	bool std_uid_valid, std_hyp_uid_valid;
	u32 std_uid[4], std_hyp_uid[4];

	bool kvm_features_valid;
	u32 kvm_features[4];
	struct fwp_ptp_sample ptp[FWP_PTP_COUNTERS];	/* FWP_KVM_PTP_VIRT, _PHYS */
	struct fwp_answer pv_time_st;

	bool impl_valid;
	u32 impl_version, impl_count;
	u64 impl_cpu[FWP_MAX_IMPLS][FWP_IMPL_REG_NR];	/* enum fwp_impl_reg */

	struct fwp_reg regs[FWP_REG_NR];

	/* Read by the module itself, not through SMCCC: fwprobe_hwregs.h. */
	struct fwp_hw_view hw;
	/* What the kernel decided at boot against the vCPUs now: fwprobe_safety.h. */
	struct fwp_safety safety;
};

/** struct fwp_env - what the probe needs from where it runs. */
struct fwp_env {
	void *ctx;
	enum fwp_conduit conduit;
	/* Make one call through the conduit; res receives x0..x3. */
	void (*invoke)(void *ctx, u32 fn, u64 a1, u64 a2, u64 a3, u64 res[4]);
	/* SMCCC 1.2 call returning x0..x17 (SOC_ID name); NULL if unavailable. */
	void (*invoke_1_2)(void *ctx, u32 fn, u64 a1, u64 res[18]);
	u64 (*read_counter)(void *ctx, bool physical);
	s64 (*realtime_ns)(void *ctx);
	u64 (*monotonic_ns)(void *ctx);
};

extern const struct fwp_func fwp_arch_funcs[FWP_AF_NR];
extern const struct fwp_psci_func fwp_psci_funcs[];
extern const unsigned int fwp_psci_nr;
extern const char *const fwp_reg_names[FWP_REG_NR];
extern const char *const fwp_identity_names[FWP_HYP_NR];
extern const char *const fwp_conduit_names[3];

void fwp_probe(const struct fwp_env *env, struct fwp_snapshot *snap);
const char *fwp_kvm_feature_name(unsigned int bit);
int fwp_format_uuid(const u32 w[4], char *buf, size_t len);
s64 fwp_ptp_tolerance_ns(void);

#endif
