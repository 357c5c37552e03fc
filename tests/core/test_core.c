// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of the fwprobe core (lib/fwprobe_core.c), driven by
 * simulated hypervisors (simhyp.c). Every variant name starts with "sim_":
 * these are simulations built from smccc-services.md, not real KVM (that is
 * checked on the real test bed).
 *
 * Expected function IDs, UUID words, names and register values are written
 * out here; the core's header is used only to call the code under test.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "simhyp.h"		/* before the harness: its ARRAY_SIZE is #ifndef'd */
/*
 * The 6.1 harness is not -Wextra clean (unused ucontext in its timeout handler,
 * unused variant in every TEST() wrapper); silence only that warning here.
 */
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "kselftest_harness.h"

#define HVC	FWP_CONDUIT_HVC
#define SMC	FWP_CONDUIT_SMC
#define NOCOND	FWP_CONDUIT_NONE

#define ALL_ONES	0xFFFFFFFFFFFFFFFFull
#define CALL_BUDGET	40u

/* Reconstructed register names, in the order of exp_reg arrays below. */
static const char *const reg_names[8] = {
	"psci_version", "smccc_arch_workaround_1", "smccc_arch_workaround_2",
	"smccc_arch_workaround_3", "std_bmap", "std_hyp_bmap", "vendor_hyp_bmap",
	"vendor_hyp_bmap_2",
};

enum { R_PSCI, R_WA1, R_WA2, R_WA3, R_STD, R_STD_HYP, R_VENDOR, R_VENDOR_2 };

struct exp_psci {
	u32 fn;
	const char *name;
	bool asked;
	s32 value;
};

struct exp_ans {
	bool asked;
	s32 value;
};

struct exp_reg {
	bool determined;
	u64 value;
};

#define REG(v)	{ true, (v) }
#define UNK	{ false, 0 }
#define ALL_U	{ UNK, UNK, UNK, UNK, UNK, UNK, UNK, UNK }

/* ---- PSCI_FEATURES expectations (KVM's answers, reference section 2) ---- */
#define PF(fn, name, v)		{ fn, name, true, v }
#define PF_NOT(fn, name)	{ fn, name, false, 0 }

#define PSCI_IMPLIED \
	PF_NOT(0x84000000, "psci_version"), PF_NOT(0x8400000A, "psci_features")
#define PSCI_BASE_10 \
	PF(0x84000001, "cpu_suspend", 0), PF(0xC4000001, "cpu_suspend_64", 0), \
	PF(0x84000002, "cpu_off", 0), PF(0x84000003, "cpu_on", 0), \
	PF(0xC4000003, "cpu_on_64", 0), PF(0x84000004, "affinity_info", 0), \
	PF(0xC4000004, "affinity_info_64", 0), PF(0x84000005, "migrate", -1), \
	PF_NOT(0xC4000005, "migrate_64"), PF(0x84000006, "migrate_info_type", 0), \
	PF(0x84000007, "migrate_info_up_cpu", -1), \
	PF_NOT(0xC4000007, "migrate_info_up_cpu_64"), \
	PF(0x84000008, "system_off", 0), PF(0x84000009, "system_reset", 0), \
	PF(0x8400000B, "cpu_freeze", -1), PF(0x8400000C, "cpu_default_suspend", -1), \
	PF_NOT(0xC400000C, "cpu_default_suspend_64"), \
	PF(0x84000010, "stat_residency", -1), PF_NOT(0xC4000010, "stat_residency_64")
#define PSCI_SUSPEND_OFF \
	PF(0x8400000E, "system_suspend", -1), PF_NOT(0xC400000E, "system_suspend_64")
#define PSCI_SUSPEND_ON \
	PF(0x8400000E, "system_suspend", 0), PF(0xC400000E, "system_suspend_64", 0)
#define PSCI_11_NOT \
	PF_NOT(0x84000012, "system_reset2"), PF_NOT(0xC4000012, "system_reset2_64"), \
	PF_NOT(0x84000013, "mem_protect")
#define PSCI_11_ASKED \
	PF(0x84000012, "system_reset2", 0), PF(0xC4000012, "system_reset2_64", 0), \
	PF(0x84000013, "mem_protect", -1), PF(0x84000014, "mem_protect_check_range", -1), \
	PF_NOT(0xC4000014, "mem_protect_check_range_64")
#define PSCI_13_NOT \
	PF_NOT(0x84000015, "system_off2"), PF_NOT(0xC4000015, "system_off2_64")
#define PSCI_13_ASKED \
	PF(0x84000015, "system_off2", 1), PF(0xC4000015, "system_off2_64", 1)

#define PSCI_02		{ PSCI_IMPLIED, PF_NOT(0x84000003, "cpu_on"), \
			  PF_NOT(0x84000008, "system_off"), PF_NOT(0x8400000E, "system_suspend"), \
			  PSCI_11_NOT, PSCI_13_NOT }
#define PSCI_10		{ PSCI_IMPLIED, PSCI_BASE_10, PSCI_SUSPEND_OFF, PSCI_11_NOT, PSCI_13_NOT }
#define PSCI_11		{ PSCI_IMPLIED, PSCI_BASE_10, PSCI_SUSPEND_OFF, PSCI_11_ASKED, PSCI_13_NOT }
#define PSCI_11_SUSP	{ PSCI_IMPLIED, PSCI_BASE_10, PSCI_SUSPEND_ON, PSCI_11_ASKED, PSCI_13_NOT }
#define PSCI_13		{ PSCI_IMPLIED, PSCI_BASE_10, PSCI_SUSPEND_OFF, PSCI_11_ASKED, PSCI_13_ASKED }
#define PSCI_13_SUSP	{ PSCI_IMPLIED, PSCI_BASE_10, PSCI_SUSPEND_ON, PSCI_11_ASKED, PSCI_13_ASKED }

/*
 * Number of PSCI_FEATURES questions: every SMC32 function up to the version
 * except the two implied ones, plus the SMC64 twins of the supported ones.
 * 1.0: 16 + cpu_suspend/cpu_on/affinity_info _64 = 19; 1.1: 19 + reset2_64 =
 * 23; 1.3: 20 + 5 = 25; +1 each with SYSTEM_SUSPEND (its _64 twin).
 */

/* A full KVM probe outside PSCI_FEATURES: VERSION, 4 ARCH_FEATURES, PSCI_VERSION,
 * 3 TRNG, UID, FEATURES, 2 PTP, PV_TIME_FEATURES = 14 calls. */

#define UID_KVM		{ 0xb66fb428, 0xe911c52e, 0x564bcaa9, 0x743a004d }
#define UID_KVM_SWAP	{ 0x28b46fb6, 0x11e92ec5, 0x564bcaa9, 0x743a004d }
#define UID_XEN		{ 0xdc1218a7, 0x694398c6, 0xd179cf9a, 0x67e6de8d }
#define UID_XEN_STD	{ 0x6f3863f8, 0xbd4c394b, 0x16ce2092, 0x6f9fe541 }
#define UID_HYPERV	{ 0x4d32ba58, 0xcd244764, 0x8eef6c75, 0x16597024 }
#define UID_GUNYAH	{ 0xcd8fd5c1, 0xdb5f53a4, 0x36ce6592, 0x145f3d67 }
#define UID_GUNYAH_RAW	{ 0x673d5f14, 0x9265ce36, 0xa4535fdb, 0xc1d58fcd }
#define UID_QCOM	{ 0xbd54bd19, 0x1b57370b, 0x9b606f94, 0xe69d5354 }
#define UID_QCOM_RAW	{ 0x19bd54bd, 0x0b37571b, 0x946f609b, 0x54539de6 }
#define UID_ODD		{ 0x12345678, 0x9abcdef0, 0x0fedcba9, 0x87654321 }
#define UUID_KVM_TRNG	{ 0x00e0210d, 0xeb118443, 0x44527080, 0x4c5a4e55 }

FIXTURE(core) {
	struct simhyp h;
	struct fwp_env env;
	struct fwp_snapshot snap;
};

FIXTURE_VARIANT(core) {
	const char *name;
	struct sim_config cfg;
	bool kvm;			/* a KVM host: the call budget applies */
	unsigned int ncalls;
	const char *conduit;
	u32 smccc_version;
	const char *identity;
	bool uid_valid;
	u32 uid[4];
	const char *uuid_text;		/* NULL: not checked */
	bool std_uid_valid;
	u32 std_uid[4];
	bool std_hyp_uid_valid;
	bool af_asked;			/* WA1, WA2, WA3, PV_TIME asked */
	s32 af[4];
	struct exp_ans af_soc_id;
	bool soc_id_present;
	u32 soc_id_version, soc_id_revision;
	const char *soc_id_name;
	bool psci_present;
	u32 psci_version;
	unsigned int n_psci_features;
	struct exp_psci psci[32];
	bool trng;
	struct exp_ans pv_time_st;
	bool kvm_features_valid;
	u32 kvm_features[4];
	struct exp_ans ptp[2];		/* asked, status: virtual, physical */
	bool impl_valid;
	u32 impl_version, impl_count;
	unsigned int impl_cpus_read;
	struct exp_reg regs[8];
};

FIXTURE_SETUP(core)
{
	simhyp_init(&self->h, variant->name, &variant->cfg);
	simhyp_env(&self->h, &self->env);
	memset(&self->snap, 0, sizeof(self->snap));
	fwp_probe(&self->env, &self->snap);
}

FIXTURE_TEARDOWN(core)
{
}

/* ---------------------------- simulated hosts ---------------------------- */

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"

#define SIM(n, ...) FIXTURE_VARIANT_ADD(core, n) { .name = #n, __VA_ARGS__ }

/* KVM host defaults (bitmaps reset to all known bits, BMAP_2 to 0; PSCI 1.1). */
#define KVM_HOST(wa1, wa2, wa3) \
	.kind = SIM_KVM, .conduit = HVC, .smccc_version = 0x10001, \
	.psci_version = 0x10001, .wa = { wa1, wa2, wa3 }, .std_bmap = 0x1, \
	.std_hyp_bmap = 0x1, .vendor_hyp_bmap = 0x3, .vendor_hyp_bmap_2 = 0, \
	.pv_time_ipa = true, .cntvoff = 0x2000000

/* What a probe of KVM_HOST(1, -2, 1) finds. */
#define EXP_KVM \
	.kvm = true, .ncalls = 37, .conduit = "hvc", .smccc_version = 0x10001, \
	.identity = "kvm", .uid_valid = true, .uid = UID_KVM, \
	.uuid_text = "28b46fb6-2ec5-11e9-a9ca-4b564d003a74", \
	.af_asked = true, .af = { 1, -2, 1, 0 }, \
	.psci_present = true, .psci_version = 0x10001, .n_psci_features = 23, .psci = PSCI_11, \
	.trng = true, .pv_time_st = { true, 0 }, \
	.kvm_features_valid = true, .kvm_features = { 0x3, 0, 0, 0 }, \
	.ptp = { { true, 0 }, { true, 0 } }, \
	.regs = { REG(0x10001), REG(2), REG(3), REG(2), REG(1), REG(1), REG(3), REG(0) }

/* A non-KVM hypervisor with a Call UID: PSCI 1.1, no TRNG, no PV time. */
#define OTHER_HOST(k) \
	.kind = k, .conduit = HVC, .smccc_version = 0x10001, .psci_version = 0x10001, \
	.wa = { 0, -2, 1 }
#define EXP_OTHER(id) \
	.ncalls = 33, .conduit = "hvc", .smccc_version = 0x10001, .identity = id, \
	.uid_valid = true, .af_asked = true, .af = { 0, -2, 1, -1 }, \
	.psci_present = true, .psci_version = 0x10001, .n_psci_features = 23, .psci = PSCI_11, \
	.regs = ALL_U

SIM(sim_kvm_linux61_defaults,	/* e.g. a Cortex-A72 host: WA1/WA3 need the FW call */
	.cfg = { KVM_HOST(0, -2, 0) }, EXP_KVM,
	.af = { 0, -2, 0, 0 },
	.regs = { REG(0x10001), REG(1), REG(3), REG(1), REG(1), REG(1), REG(3), REG(0) });

SIM(sim_kvm_linux612_defaults,	/* an unaffected host */
	.cfg = { KVM_HOST(1, -2, 1) }, EXP_KVM);

SIM(sim_kvm_linux7x_defaults,	/* PSCI 1.3 default since 6.13; VM with SSBS: WA2 -1 */
	.cfg = { KVM_HOST(1, -1, 1), .psci_version = 0x10003 }, EXP_KVM,
	.ncalls = 39, .psci_version = 0x10003, .n_psci_features = 25, .psci = PSCI_13,
	.af = { 1, -1, 1, 0 },
	.regs = { REG(0x10003), REG(2), REG(0), REG(2), REG(1), REG(1), REG(3), REG(0) });

SIM(sim_kvm_std_bmap_0,		/* TRNG hidden: only TRNG_VERSION asked */
	.cfg = { KVM_HOST(1, -2, 1), .std_bmap = 0 }, EXP_KVM,
	.ncalls = 35, .trng = false, .regs[R_STD] = REG(0));

SIM(sim_kvm_std_hyp_bmap_0,	/* PV time hidden: PV_TIME_FEATURES not asked */
	.cfg = { KVM_HOST(1, -2, 1), .std_hyp_bmap = 0 }, EXP_KVM,
	.ncalls = 36, .af = { 1, -2, 1, -1 }, .pv_time_st = { false, 0 },
	.regs[R_STD_HYP] = REG(0));

SIM(sim_kvm_vendor_bmap_2,	/* FUNC_FEAT off: UID -1, PTP asked directly */
	.cfg = { KVM_HOST(1, -2, 1), .vendor_hyp_bmap = 0x2 }, EXP_KVM,
	.ncalls = 38, .identity = "none", .uid_valid = false, .uid = { 0 }, .uuid_text = NULL,
	.kvm_features_valid = false, .kvm_features = { 0 },
	.regs[R_VENDOR] = REG(0x2), .regs[R_VENDOR_2] = UNK);

SIM(sim_kvm_vendor_bmap_1,	/* PTP off: FEATURES says so, PTP never called */
	.cfg = { KVM_HOST(1, -2, 1), .vendor_hyp_bmap = 0x1 }, EXP_KVM,
	.ncalls = 35, .kvm_features = { 0x1, 0, 0, 0 }, .ptp = { { false, 0 }, { false, 0 } },
	.regs[R_VENDOR] = REG(0x1));

/*
 * FUNC_FEAT and PTP off: UID -1 and PTP -1. The reference (section 3, VENDOR
 * bit1 row) says PTP -1 is also the answer of a PTP-enabled host whose
 * clocksource is not the arch counter, so bit 1 is not determined by it.
 */
SIM(sim_kvm_vendor_bmap_0,
	.cfg = { KVM_HOST(1, -2, 1), .vendor_hyp_bmap = 0 }, EXP_KVM,
	.ncalls = 37, .identity = "none", .uid_valid = false, .uid = { 0 }, .uuid_text = NULL,
	.kvm_features_valid = false, .kvm_features = { 0 },
	.ptp = { { true, -1 }, { false, 0 } },
	.regs[R_VENDOR] = UNK, .regs[R_VENDOR_2] = UNK);

/* The same answers as sim_kvm_vendor_bmap_0, but the register really is 0x2. */
SIM(sim_kvm_vendor_bmap_2_no_arch_counter,
	.cfg = { KVM_HOST(1, -2, 1), .vendor_hyp_bmap = 0x2, .ptp_no_arch_counter = true },
	EXP_KVM,
	.ncalls = 37, .identity = "none", .uid_valid = false, .uid = { 0 }, .uuid_text = NULL,
	.kvm_features_valid = false, .kvm_features = { 0 },
	.ptp = { { true, -1 }, { false, 0 } },
	.regs[R_VENDOR] = UNK, .regs[R_VENDOR_2] = UNK);

SIM(sim_kvm_psci_0_2,		/* PSCI_FEATURES does not exist: nothing asked */
	.cfg = { KVM_HOST(1, -2, 1), .psci_version = 0x2 }, EXP_KVM,
	.ncalls = 14, .psci_version = 0x2, .n_psci_features = 0, .psci = PSCI_02,
	.regs[R_PSCI] = REG(0x2));

SIM(sim_kvm_psci_1_0,		/* no SYSTEM_RESET2, MEM_PROTECT not asked */
	.cfg = { KVM_HOST(1, -2, 1), .psci_version = 0x10000 }, EXP_KVM,
	.ncalls = 33, .psci_version = 0x10000, .n_psci_features = 19, .psci = PSCI_10,
	.regs[R_PSCI] = REG(0x10000));

SIM(sim_kvm_psci_1_1_system_suspend,
	.cfg = { KVM_HOST(1, -2, 1), .system_suspend = true }, EXP_KVM,
	.ncalls = 38, .n_psci_features = 24, .psci = PSCI_11_SUSP);

SIM(sim_kvm_psci_1_2,		/* settable since 6.13: SYSTEM_OFF2 (1.3) still not asked */
	.cfg = { KVM_HOST(1, -2, 1), .psci_version = 0x10002 }, EXP_KVM,
	.psci_version = 0x10002, .regs[R_PSCI] = REG(0x10002));

SIM(sim_kvm_psci_1_3,		/* SYSTEM_OFF2 answers 1 (HIBERNATE_OFF) */
	.cfg = { KVM_HOST(1, -2, 1), .psci_version = 0x10003 }, EXP_KVM,
	.ncalls = 39, .psci_version = 0x10003, .n_psci_features = 25, .psci = PSCI_13,
	.regs[R_PSCI] = REG(0x10003));

SIM(sim_kvm_psci_1_3_system_suspend,	/* the largest probe without DISCOVER_IMPL */
	.cfg = { KVM_HOST(1, -2, 1), .psci_version = 0x10003, .system_suspend = true },
	EXP_KVM,
	.ncalls = 40, .psci_version = 0x10003, .n_psci_features = 26, .psci = PSCI_13_SUSP,
	.regs[R_PSCI] = REG(0x10003));

SIM(sim_kvm_wa_vulnerable,	/* -1 -> 0 NOT_AVAIL for all three */
	.cfg = { KVM_HOST(-1, -1, -1) }, EXP_KVM,
	.af = { -1, -1, -1, 0 },
	.regs[R_WA1] = REG(0), .regs[R_WA2] = REG(0), .regs[R_WA3] = REG(0));

SIM(sim_kvm_wa_mitigated,	/* WA1/WA3 0 -> 1 AVAIL, WA2 -2 -> 3 NOT_REQUIRED */
	.cfg = { KVM_HOST(0, -2, 0) }, EXP_KVM,
	.af = { 0, -2, 0, 0 },
	.regs[R_WA1] = REG(1), .regs[R_WA2] = REG(3), .regs[R_WA3] = REG(1));

SIM(sim_kvm_wa_not_required,	/* WA1/WA3 1 -> 2 NOT_REQUIRED */
	.cfg = { KVM_HOST(1, -2, 1) }, EXP_KVM,
	.regs[R_WA1] = REG(2), .regs[R_WA2] = REG(3), .regs[R_WA3] = REG(2));

SIM(sim_kvm_wa2_answers_0,	/* WA2 0: no register encoding (KVM never says it) */
	.cfg = { KVM_HOST(1, 0, 1) }, EXP_KVM,
	.af = { 1, 0, 1, 0 }, .regs[R_WA2] = UNK);

SIM(sim_kvm_wa2_answers_1,
	.cfg = { KVM_HOST(1, 1, 1) }, EXP_KVM,
	.af = { 1, 1, 1, 0 }, .regs[R_WA2] = UNK);

SIM(sim_kvm_wa13_answers_unmapped,	/* WA1/WA3 -2, -3: no register encoding */
	.cfg = { KVM_HOST(-2, -2, -3) }, EXP_KVM,
	.af = { -2, -2, -3, 0 }, .regs[R_WA1] = UNK, .regs[R_WA3] = UNK);

SIM(sim_kvm_pv_time_no_ipa,	/* STD_HYP bit set, no stolen-time IPA */
	.cfg = { KVM_HOST(1, -2, 1), .pv_time_ipa = false }, EXP_KVM,
	.pv_time_st = { true, -1 });

SIM(sim_kvm_ptp_no_arch_counter,	/* VENDOR 0x3 but PTP -1: both samples status -1 */
	.cfg = { KVM_HOST(1, -2, 1), .ptp_no_arch_counter = true }, EXP_KVM,
	.ptp = { { true, -1 }, { true, -1 } });

SIM(sim_kvm_swapped_uid,	/* 6.16-rc endian bug: still KVM */
	.cfg = { KVM_HOST(1, -2, 1), .kvm_swapped_uid = true }, EXP_KVM,
	.identity = "kvm-swapped-uid", .uid = UID_KVM_SWAP,
	.uuid_text = "b66fb428-c52e-e911-a9ca-4b564d003a74");

/*
 * pKVM protected VM: FEATURES a0 = 0x3 | HYP_MEMINFO | MEM_SHARE | MEM_UNSHARE
 * | RESV_5 | MMIO_GUARD. The pKVM bits have no firmware pseudo-register
 * (reference section 3), and VENDOR_HYP_BMAP only has bits 0 and 1, so the
 * register is 0x3.
 */
SIM(sim_pkvm_protected_vm,
	.cfg = { KVM_HOST(1, -2, 1), .pkvm_features = 0xBC }, EXP_KVM,
	.kvm_features = { 0xBF, 0, 0, 0 });

/* 6.15+ host (PSCI 1.3) with a VMM answering DISCOVER_IMPL for two implementations. */
#define IMPL_CPUS \
	.impl_cpu = { { 0x410fd0c0, 0x0, 0x0 }, { 0x410fd400, 0x1, 0x2 }, \
		      { 0x611f0221, 0x0, 0x0 }, { 0x410fd0c1, 0x0, 0x0 }, \
		      { 0x410fd401, 0x0, 0x0 }, { 0x410fd402, 0x0, 0x0 } }

SIM(sim_kvm_bmap2_discover_impl,
	.cfg = { KVM_HOST(1, -2, 1), .psci_version = 0x10003, .vendor_hyp_bmap_2 = 0x3,
		 .impl_count = 2, IMPL_CPUS },
	EXP_KVM,
	.ncalls = 42, .psci_version = 0x10003, .n_psci_features = 25, .psci = PSCI_13,
	.kvm_features = { 0x3, 0, 0x3, 0 },
	.impl_valid = true, .impl_version = 0x10000, .impl_count = 2, .impl_cpus_read = 2,
	.regs = { REG(0x10003), REG(2), REG(3), REG(2), REG(1), REG(1), REG(3), REG(0x3) });

SIM(sim_kvm_bmap2_impl_ver_only,	/* CPUS not advertised: only the version call */
	.cfg = { KVM_HOST(1, -2, 1), .psci_version = 0x10003, .vendor_hyp_bmap_2 = 0x1,
		 .impl_count = 2, IMPL_CPUS },
	EXP_KVM,
	.ncalls = 40, .psci_version = 0x10003, .n_psci_features = 25, .psci = PSCI_13,
	.kvm_features = { 0x3, 0, 0x1, 0 },
	.impl_valid = true, .impl_version = 0x10000, .impl_count = 2, .impl_cpus_read = 0,
	.regs = { REG(0x10003), REG(2), REG(3), REG(2), REG(1), REG(1), REG(3), REG(0x1) });

SIM(sim_kvm_bmap2_six_impls,		/* more implementations than the snapshot keeps (4) */
	.cfg = { KVM_HOST(1, -2, 1), .psci_version = 0x10003, .vendor_hyp_bmap_2 = 0x3,
		 .impl_count = 6, IMPL_CPUS },
	EXP_KVM,
	.ncalls = 44, .psci_version = 0x10003, .n_psci_features = 25, .psci = PSCI_13,
	.kvm_features = { 0x3, 0, 0x3, 0 },
	.impl_valid = true, .impl_version = 0x10000, .impl_count = 6, .impl_cpus_read = 4,
	.regs = { REG(0x10003), REG(2), REG(3), REG(2), REG(1), REG(1), REG(3), REG(0x3) });

SIM(sim_no_conduit,		/* env says no conduit: not a single call */
	.cfg = { KVM_HOST(1, -2, 1), .conduit = NOCOND },
	.kvm = true, .ncalls = 0, .conduit = "none", .smccc_version = 0x10000,
	.identity = "none", .regs = ALL_U);

SIM(sim_smccc_1_0,		/* SMCCC_VERSION unknown: one call, then nothing */
	.cfg = { .kind = SIM_FIRMWARE, .conduit = HVC, .smccc_version = -1,
		 .psci_version = 0x10000 },
	.ncalls = 1, .conduit = "none", .smccc_version = 0x10000, .identity = "none",
	.regs = ALL_U);

SIM(sim_xen,			/* standard-range UID at 0x8400FF01, no KVM calls */
	.cfg = { OTHER_HOST(SIM_XEN) }, EXP_OTHER("xen"),
	.uid = UID_XEN, .uuid_text = "a71812dc-c698-4369-9acf-79d18ddee667",
	.std_uid_valid = true, .std_uid = UID_XEN_STD);

SIM(sim_hyperv,
	.cfg = { OTHER_HOST(SIM_HYPERV) }, EXP_OTHER("hyperv"),
	.uid = UID_HYPERV, .uuid_text = "58ba324d-6447-24cd-756c-ef8e24705916");

SIM(sim_gunyah_packed,		/* words by the packing rule */
	.cfg = { OTHER_HOST(SIM_GUNYAH) }, EXP_OTHER("gunyah"),
	.uid = UID_GUNYAH, .uuid_text = "c1d58fcd-a453-5fdb-9265-ce36673d5f14");

SIM(sim_gunyah_raw,		/* words as 2022 Gunyah patches / pvmfw compare them */
	.cfg = { OTHER_HOST(SIM_GUNYAH), .gunyah_raw_words = true }, EXP_OTHER("gunyah"),
	.uid = UID_GUNYAH_RAW);

SIM(sim_gunyah_qcom_packed,
	.cfg = { OTHER_HOST(SIM_GUNYAH_QCOM) }, EXP_OTHER("gunyah-qualcomm"),
	.uid = UID_QCOM, .uuid_text = "19bd54bd-0b37-571b-946f-609b54539de6");

SIM(sim_gunyah_qcom_raw,
	.cfg = { OTHER_HOST(SIM_GUNYAH_QCOM), .gunyah_raw_words = true },
	EXP_OTHER("gunyah-qualcomm"), .uid = UID_QCOM_RAW);

SIM(sim_unknown_uid,
	.cfg = { OTHER_HOST(SIM_UNKNOWN_UID), .unknown_uid = UID_ODD },
	EXP_OTHER("unknown"),
	.uid = UID_ODD, .uuid_text = "78563412-f0de-bc9a-a9cb-ed0f21436587");

/*
 * Bare firmware (SMC conduit, no hypervisor UID) with SMCCC 1.2 and SOC_ID.
 * KVM always reports SMCCC 1.1 and never implements SOC_ID (reference
 * sections 1 and 2), so KVM's firmware registers do not apply here.
 */
SIM(sim_fw_smccc12_soc_id,
	.cfg = { .kind = SIM_FIRMWARE, .conduit = SMC, .smccc_version = 0x10002,
		 .psci_version = 0x10001, .system_suspend = true, .wa = { 0, -1, 0 },
		 .soc_id = true, .soc_id_version = 0x036b0001, .soc_id_revision = 0x00000002,
		 .soc_id_name = "ExampleSoC Model 1234-5678 rev A" },
	.ncalls = 39, .conduit = "smc", .smccc_version = 0x10002, .identity = "none",
	.af_asked = true, .af = { 0, -1, 0, -1 }, .af_soc_id = { true, 0 },
	.soc_id_present = true, .soc_id_version = 0x036b0001, .soc_id_revision = 0x00000002,
	.soc_id_name = "ExampleSoC Model 1234-5678 rev A",
	.psci_present = true, .psci_version = 0x10001, .n_psci_features = 24,
	.psci = PSCI_11_SUSP, .ptp = { { true, -1 }, { false, 0 } },
	.regs = ALL_U);

#pragma GCC diagnostic pop

/* ------------------------------- helpers -------------------------------- */

static void dump_calls(struct __test_metadata *_metadata, const struct simhyp *h,
		       const struct fwp_snapshot *s)
{
	unsigned int i;

	TH_LOG("[%s] simulation saw %u calls, snapshot has ncalls=%u truncated=%d",
	       h->name, h->ncalls, s->ncalls, s->calls_truncated);
	for (i = 0; i < h->ncalls && i < SIM_MAX_CALLS; i++) {
		const struct sim_call *c = &h->calls[i];

		TH_LOG("  sim #%02u 0x%08x %-30s x1=0x%llx -> 0x%llx 0x%llx 0x%llx 0x%llx", i,
		       c->fn, simhyp_fn_name(c->fn), (unsigned long long)c->arg[0],
		       (unsigned long long)c->res[0], (unsigned long long)c->res[1],
		       (unsigned long long)c->res[2], (unsigned long long)c->res[3]);
	}
}

static const struct fwp_reg *find_reg(const struct fwp_snapshot *s, const char *name)
{
	int i;

	for (i = 0; i < FWP_REG_NR; i++)
		if (fwp_reg_names[i] && !strcmp(fwp_reg_names[i], name))
			return &s->regs[i];
	return NULL;
}

static int find_psci(u32 fn)
{
	unsigned int i;

	for (i = 0; i < fwp_psci_nr; i++)
		if (fwp_psci_funcs[i].f.fn == fn)
			return (int)i;
	return -1;
}

static const char *identity_name(const struct fwp_snapshot *s)
{
	return (unsigned int)s->identity < FWP_HYP_NR ? fwp_identity_names[s->identity] : "?";
}

static const char *conduit_name(enum fwp_conduit c)
{
	return (unsigned int)c < 3 ? fwp_conduit_names[c] : "?";
}

/* --------------------------------- tests --------------------------------- */

TEST_F(core, identity)
{
	const struct fwp_snapshot *s = &self->snap;
	char text[40];
	int i;

	TH_LOG("[%s] conduit %s smccc 0x%x identity %s uid_valid %d", variant->name,
	       conduit_name(s->conduit), s->smccc_version, identity_name(s), s->uid_valid);
	EXPECT_STREQ(variant->conduit, conduit_name(s->conduit));
	EXPECT_EQ(variant->smccc_version, s->smccc_version);
	EXPECT_STREQ(variant->identity, identity_name(s));
	ASSERT_EQ(variant->uid_valid, s->uid_valid);
	if (variant->uid_valid) {
		for (i = 0; i < 4; i++) {
			EXPECT_EQ(variant->uid[i], s->uid[i])
				TH_LOG("[%s] UID word a%d: expected 0x%08x got 0x%08x",
				       variant->name, i, variant->uid[i], s->uid[i]);
		}
	}
	if (variant->uuid_text) {
		ASSERT_EQ(36, fwp_format_uuid(s->uid, text, sizeof(text)));
		EXPECT_STREQ(variant->uuid_text, text);
	}
	EXPECT_EQ(variant->std_uid_valid, s->std_uid_valid);
	if (variant->std_uid_valid)
		for (i = 0; i < 4; i++) {
			EXPECT_EQ(variant->std_uid[i], s->std_uid[i])
				TH_LOG("[%s] 0x8400FF01 word a%d: expected 0x%08x got 0x%08x",
				       variant->name, i, variant->std_uid[i], s->std_uid[i]);
		}
	EXPECT_EQ(variant->std_hyp_uid_valid, s->std_hyp_uid_valid);

	/* KVM implements no standard-range UID: never ask it there. */
	if (!strncmp(variant->identity, "kvm", 3)) {
		EXPECT_EQ(0u, simhyp_count(&self->h, 0x8400FF01));
		EXPECT_EQ(0u, simhyp_count(&self->h, 0x8500FF01));
	}
}

TEST_F(core, arch_features)
{
	const struct fwp_snapshot *s = &self->snap;
	static const u32 q[4] = { 0x80008000, 0x80007FFF, 0x80003FFF, 0xC5000020 };
	static const char *const qn[4] = { "WA1", "WA2", "WA3", "PV_TIME_FEATURES" };
	int i;

	for (i = 0; i < 4; i++) {
		/* The core's table must name the function the reference gives. */
		EXPECT_EQ(q[i], fwp_arch_funcs[i].fn);
		EXPECT_EQ(variant->af_asked, s->arch_features[i].asked)
			TH_LOG("[%s] ARCH_FEATURES(%s) asked", variant->name, qn[i]);
		EXPECT_EQ(variant->af_asked ? 1u : 0u,
			  simhyp_count_arg(&self->h, 0x80000001, q[i]))
			TH_LOG("[%s] sim saw ARCH_FEATURES(0x%08x) %u times", variant->name, q[i],
			       simhyp_count_arg(&self->h, 0x80000001, q[i]));
		if (variant->af_asked) {
			EXPECT_EQ(variant->af[i], s->arch_features[i].value)
				TH_LOG("[%s] ARCH_FEATURES(%s 0x%08x): expected %d got %d",
				       variant->name, qn[i], q[i], variant->af[i],
				       s->arch_features[i].value);
		}
	}
	EXPECT_EQ(0x80000002u, fwp_arch_funcs[4].fn);
	EXPECT_EQ(variant->af_soc_id.asked, s->arch_features[4].asked);
	EXPECT_EQ(variant->af_soc_id.asked ? 1u : 0u,
		  simhyp_count_arg(&self->h, 0x80000001, 0x80000002));
	if (variant->af_soc_id.asked) {
		EXPECT_EQ(variant->af_soc_id.value, s->arch_features[4].value);
	}
	EXPECT_EQ(variant->soc_id_present, s->soc_id_present);
	if (variant->soc_id_present) {
		EXPECT_EQ(variant->soc_id_version, (u32)s->soc_id_version)
			TH_LOG("[%s] SOC_ID version 0x%08x", variant->name, s->soc_id_version);
		EXPECT_EQ(variant->soc_id_revision, (u32)s->soc_id_revision)
			TH_LOG("[%s] SOC_ID revision 0x%08x", variant->name, s->soc_id_revision);
		EXPECT_STREQ(variant->soc_id_name, s->soc_id_name);
		/* The name comes from the SMC64 form (1.6), with x1 = 2. */
		EXPECT_EQ(1u, simhyp_count_arg(&self->h, 0xC0000002, 2));
		EXPECT_EQ(1u, simhyp_count_arg(&self->h, 0x80000002, 0));
		EXPECT_EQ(1u, simhyp_count_arg(&self->h, 0x80000002, 1));
	} else {
		EXPECT_EQ(0u, simhyp_count(&self->h, 0x80000002));
		EXPECT_EQ(0u, simhyp_count(&self->h, 0xC0000002));
	}
}

TEST_F(core, psci)
{
	const struct fwp_snapshot *s = &self->snap;
	unsigned int n = simhyp_count(&self->h, 0x8400000A);
	int i;

	TH_LOG("[%s] psci_present %d version 0x%x, %u PSCI_FEATURES calls", variant->name,
	       s->psci_present, s->psci_version, n);
	EXPECT_EQ(variant->psci_present, s->psci_present);
	if (variant->psci_present) {
		EXPECT_EQ(variant->psci_version, s->psci_version);
	}
	EXPECT_EQ(variant->n_psci_features, n) {
		dump_calls(_metadata, &self->h, s);
	}
	for (i = 0; i < 32 && variant->psci[i].fn; i++) {
		const struct exp_psci *e = &variant->psci[i];
		int k = find_psci(e->fn);

		EXPECT_GE(k, 0)
			TH_LOG("[%s] core's PSCI table lacks 0x%08x (%s)", variant->name, e->fn,
			       e->name);
		if (k < 0)
			continue;
		EXPECT_STREQ(e->name, fwp_psci_funcs[k].f.name);
		EXPECT_EQ(e->asked, s->psci_features[k].asked)
			TH_LOG("[%s] PSCI_FEATURES(0x%08x %s) asked: expected %d got %d",
			       variant->name, e->fn, e->name, e->asked, s->psci_features[k].asked);
		EXPECT_EQ(e->asked ? 1u : 0u, simhyp_count_arg(&self->h, 0x8400000A, e->fn))
			TH_LOG("[%s] sim saw PSCI_FEATURES(0x%08x %s) %u times", variant->name,
			       e->fn, e->name, simhyp_count_arg(&self->h, 0x8400000A, e->fn));
		if (e->asked && s->psci_features[k].asked) {
			EXPECT_EQ(e->value, s->psci_features[k].value)
				TH_LOG("[%s] PSCI_FEATURES(0x%08x %s): expected %d got %d",
				       variant->name, e->fn, e->name, e->value,
				       s->psci_features[k].value);
		}
	}
	/* Never asked: SMCCC_VERSION through PSCI_FEATURES (implied by SMCCC_VERSION). */
	EXPECT_EQ(0u, simhyp_count_arg(&self->h, 0x8400000A, 0x80000000));
}

TEST_F(core, trng)
{
	static const u32 uuid[4] = UUID_KVM_TRNG;
	const struct fwp_snapshot *s = &self->snap;
	int i;

	TH_LOG("[%s] trng_version asked %d value %d, rnd64 asked %d value %d, uuid %d",
	       variant->name, s->trng_version.asked, s->trng_version.value,
	       s->trng_rnd64.asked, s->trng_rnd64.value, s->trng_uuid_valid);
	EXPECT_EQ(variant->af_asked, s->trng_version.asked);
	EXPECT_EQ(variant->af_asked ? 1u : 0u, simhyp_count(&self->h, 0x84000050));
	if (!variant->af_asked)
		return;
	EXPECT_EQ(variant->trng ? 0x10000 : -1, s->trng_version.value);
	EXPECT_EQ(variant->trng, s->trng_rnd64.asked);
	EXPECT_EQ(variant->trng ? 1u : 0u, simhyp_count_arg(&self->h, 0x84000051, 0xC4000053));
	if (variant->trng) {
		EXPECT_EQ(0, s->trng_rnd64.value);
	}
	EXPECT_EQ(variant->trng, s->trng_uuid_valid);
	EXPECT_EQ(variant->trng ? 1u : 0u, simhyp_count(&self->h, 0x84000052));
	if (variant->trng) {
		for (i = 0; i < 4; i++) {
			EXPECT_EQ(uuid[i], s->trng_uuid[i]);
		}
	}
}

TEST_F(core, pv_time)
{
	const struct fwp_snapshot *s = &self->snap;

	TH_LOG("[%s] ARCH_FEATURES(PV) asked %d = %d, PV_TIME_FEATURES(ST) asked %d = %d",
	       variant->name, s->arch_features[3].asked, s->arch_features[3].value,
	       s->pv_time_st.asked, s->pv_time_st.value);
	EXPECT_EQ(variant->pv_time_st.asked, s->pv_time_st.asked);
	EXPECT_EQ(variant->pv_time_st.asked ? 1u : 0u,
		  simhyp_count_arg(&self->h, 0xC5000020, 0xC5000021));
	EXPECT_EQ(variant->pv_time_st.asked ? 1u : 0u, simhyp_count(&self->h, 0xC5000020));
	if (variant->pv_time_st.asked) {
		EXPECT_EQ(variant->pv_time_st.value, s->pv_time_st.value);
	}
	EXPECT_EQ(0u, simhyp_count(&self->h, 0xC5000021));
}

TEST_F(core, kvm_services)
{
	const struct fwp_snapshot *s = &self->snap;
	unsigned int i, bit;

	TH_LOG("[%s] FEATURES valid %d: 0x%08x 0x%08x 0x%08x 0x%08x", variant->name,
	       s->kvm_features_valid, s->kvm_features[0], s->kvm_features[1],
	       s->kvm_features[2], s->kvm_features[3]);
	EXPECT_EQ(variant->kvm_features_valid, s->kvm_features_valid);
	EXPECT_EQ(variant->kvm_features_valid ? 1u : 0u, simhyp_count(&self->h, 0x86000000));
	if (variant->kvm_features_valid) {
		for (i = 0; i < 4; i++) {
			EXPECT_EQ(variant->kvm_features[i], s->kvm_features[i])
				TH_LOG("[%s] FEATURES a%u", variant->name, i);
		}
		/* Every set bit has a name; pKVM's bits (2..63) are PKVM_*. */
		for (bit = 0; bit < 128; bit++) {
			const char *n;

			if (!((s->kvm_features[bit / 32] >> (bit % 32)) & 1))
				continue;
			n = fwp_kvm_feature_name(bit);
			ASSERT_NE(NULL, n);
			TH_LOG("[%s] FEATURES bit %u = %s", variant->name, bit, n);
			if (bit == 0) {
				EXPECT_STREQ("FUNC_FEAT", n);
			} else if (bit == 1) {
				EXPECT_STREQ("PTP", n);
			} else if (bit < 64) {
				EXPECT_EQ(0, strncmp(n, "PKVM_", 5));
			} else if (bit == 64) {
				EXPECT_STREQ("DISCOVER_IMPL_VER", n);
			} else if (bit == 65) {
				EXPECT_STREQ("DISCOVER_IMPL_CPUS", n);
			}
		}
	}

	for (i = 0; i < 2; i++) {
		const struct fwp_ptp_sample *t = &s->ptp[i];

		TH_LOG("[%s] PTP %s: asked %d status %d", variant->name, i ? "phys" : "virt",
		       t->asked, t->status);
		EXPECT_EQ(variant->ptp[i].asked, t->asked);
		EXPECT_EQ(variant->ptp[i].asked ? 1u : 0u,
			  simhyp_count_arg(&self->h, 0x86000001, i));
		if (variant->ptp[i].asked && t->asked) {
			EXPECT_EQ(variant->ptp[i].value, t->status);
			if (t->status == 0) {
				EXPECT_TRUE(t->plausible)
					TH_LOG("[%s] PTP %u offset %lld in_window %d", variant->name,
					       i, (long long)t->realtime_offset_ns,
					       t->counter_in_window);
			}
		}
	}

	TH_LOG("[%s] impl valid %d version 0x%x count %u", variant->name, s->impl_valid,
	       s->impl_version, s->impl_count);
	EXPECT_EQ(variant->impl_valid, s->impl_valid);
	EXPECT_EQ(variant->impl_valid ? 1u : 0u, simhyp_count(&self->h, 0xC6000040));
	EXPECT_EQ(variant->impl_cpus_read, simhyp_count(&self->h, 0xC6000041));
	if (variant->impl_valid) {
		EXPECT_EQ(variant->impl_version, s->impl_version);
		EXPECT_EQ(variant->impl_count, s->impl_count);
	}
	for (i = 0; i < variant->impl_cpus_read; i++) {
		EXPECT_EQ(1u, simhyp_count_arg(&self->h, 0xC6000041, i));
		EXPECT_EQ(variant->cfg.impl_cpu[i][0], s->impl_cpu[i][0])
			TH_LOG("[%s] impl %u MIDR 0x%llx", variant->name, i,
			       (unsigned long long)s->impl_cpu[i][0]);
		EXPECT_EQ(variant->cfg.impl_cpu[i][1], s->impl_cpu[i][1]);
		EXPECT_EQ(variant->cfg.impl_cpu[i][2], s->impl_cpu[i][2]);
	}
}

TEST_F(core, registers)
{
	const struct fwp_snapshot *s = &self->snap;
	int i;

	for (i = 0; i < 8; i++) {
		const struct exp_reg *e = &variant->regs[i];
		const struct fwp_reg *r = find_reg(s, reg_names[i]);

		ASSERT_NE(NULL, r) TH_LOG("core has no register named %s", reg_names[i]);
		TH_LOG("[%s] %-24s %s 0x%llx (%s)", variant->name, reg_names[i],
		       r->determined ? "=" : "unknown", (unsigned long long)r->value,
		       r->basis ? r->basis : "(no basis)");
		EXPECT_NE(NULL, r->basis);
		EXPECT_EQ(e->determined, r->determined)
			TH_LOG("[%s] %s: expected %s 0x%llx, core says %s 0x%llx because \"%s\"",
			       variant->name, reg_names[i],
			       e->determined ? "determined" : "undetermined",
			       (unsigned long long)e->value,
			       r->determined ? "determined" : "undetermined",
			       (unsigned long long)r->value, r->basis ? r->basis : "");
		if (e->determined && r->determined) {
			EXPECT_EQ(e->value, r->value)
				TH_LOG("[%s] %s: expected 0x%llx, core says 0x%llx because \"%s\"",
				       variant->name, reg_names[i], (unsigned long long)e->value,
				       (unsigned long long)r->value, r->basis ? r->basis : "");
		}
	}
}

TEST_F(core, evidence_log)
{
	const struct fwp_snapshot *s = &self->snap;
	unsigned int i, n;
	int j;

	EXPECT_EQ(0u, self->h.nviolations);
	ASSERT_EQ(self->h.ncalls, s->ncalls) {
		dump_calls(_metadata, &self->h, s);
	}
	EXPECT_EQ(s->ncalls > 64, s->calls_truncated);
	n = s->ncalls < 64 ? s->ncalls : 64;
	for (i = 0; i < n; i++) {
		const struct sim_call *c = &self->h.calls[i];
		const struct fwp_call *e = &s->calls[i];

		EXPECT_EQ(c->fn, e->fn)
			TH_LOG("[%s] call %u: sim saw 0x%08x (%s), log says 0x%08x (%s)",
			       variant->name, i, c->fn, simhyp_fn_name(c->fn), e->fn,
			       simhyp_fn_name(e->fn));
		if (c->fn != e->fn) {
			dump_calls(_metadata, &self->h, s);
			break;
		}
		for (j = 0; j < 3; j++) {
			EXPECT_EQ(c->arg[j], e->arg[j])
				TH_LOG("[%s] call %u (0x%08x) x%d: sim 0x%llx log 0x%llx",
				       variant->name, i, c->fn, j + 1,
				       (unsigned long long)c->arg[j], (unsigned long long)e->arg[j]);
		}
		for (j = 0; j < 4; j++) {
			EXPECT_EQ(c->res[j], e->res[j])
				TH_LOG("[%s] call %u (0x%08x) result x%d: sim 0x%llx log 0x%llx",
				       variant->name, i, c->fn, j, (unsigned long long)c->res[j],
				       (unsigned long long)e->res[j]);
		}
	}
}

TEST_F(core, call_count)
{
	const struct fwp_snapshot *s = &self->snap;

	TH_LOG("[%s] %u calls (expected %u%s)", variant->name, self->h.ncalls, variant->ncalls,
	       variant->kvm ? ", KVM budget 40" : "");
	EXPECT_EQ(variant->ncalls, self->h.ncalls) {
		dump_calls(_metadata, &self->h, s);
	}
	/*
	 * 40 calls cover everything KVM itself answers. DISCOVER_IMPL is
	 * answered by a VMM that opted in (BMAP_2): one VER call plus one CPUS
	 * call per implementation kept (at most 4) come on top.
	 */
	if (variant->kvm) {
		unsigned int budget = CALL_BUDGET + (variant->impl_valid ? 1 + variant->impl_cpus_read : 0);

		EXPECT_LE(self->h.ncalls, budget)
			TH_LOG("[%s] a KVM probe made %u calls, budget is %u", variant->name,
			       self->h.ncalls, budget);
	}
	/* The first call is always SMCCC_VERSION. */
	if (self->h.ncalls) {
		EXPECT_EQ(0x80000000u, self->h.calls[0].fn);
	}
}

/* ------------------------- PTP sample plausibility ------------------------ */

FIXTURE(ptp) {
	struct simhyp h;
	struct fwp_env env;
	struct fwp_snapshot snap;
};

FIXTURE_VARIANT(ptp) {
	const char *name;
	bool no_arch_counter;
	s64 guest_offset_ns;
	s64 skew;
	s32 status;
	bool in_window;
	bool plausible;
};

#define PTPSIM(n, ...) FIXTURE_VARIANT_ADD(ptp, n) { .name = #n, __VA_ARGS__ }

PTPSIM(sim_kvm_ptp_good, .guest_offset_ns = -314000496,
       .status = 0, .in_window = true, .plausible = true);
PTPSIM(sim_kvm_ptp_guest_9s_ahead, .guest_offset_ns = 9000000000LL,
       .status = 0, .in_window = true, .plausible = true);
PTPSIM(sim_kvm_ptp_guest_11s_ahead, .guest_offset_ns = 11000000000LL,
       .status = 0, .in_window = true, .plausible = false);
PTPSIM(sim_kvm_ptp_guest_11s_behind, .guest_offset_ns = -11000000000LL,
       .status = 0, .in_window = true, .plausible = false);
PTPSIM(sim_kvm_ptp_counter_before_window, .skew = -100000,
       .status = 0, .in_window = false, .plausible = false);
PTPSIM(sim_kvm_ptp_counter_after_window, .skew = 100000,
       .status = 0, .in_window = false, .plausible = false);
PTPSIM(sim_kvm_ptp_host_clocksource_not_arch_counter, .no_arch_counter = true,
       .status = -1, .in_window = false, .plausible = false);

FIXTURE_SETUP(ptp)
{
	struct sim_config cfg = {
		.kind = SIM_KVM, .conduit = HVC, .smccc_version = 0x10001,
		.psci_version = 0x10001, .wa = { 1, -2, 1 }, .std_bmap = 1,
		.std_hyp_bmap = 1, .vendor_hyp_bmap = 0x3, .pv_time_ipa = true,
		.cntvoff = 0x40000000, .counter_step = 1000,
		.guest_realtime_offset_ns = variant->guest_offset_ns,
		.ptp_counter_skew = variant->skew,
		.ptp_no_arch_counter = variant->no_arch_counter,
	};

	simhyp_init(&self->h, variant->name, &cfg);
	simhyp_env(&self->h, &self->env);
	memset(&self->snap, 0, sizeof(self->snap));
	fwp_probe(&self->env, &self->snap);
}

FIXTURE_TEARDOWN(ptp)
{
}

TEST_F(ptp, samples)
{
	const struct fwp_reg *r;
	int i;

	for (i = 0; i < 2; i++) {
		const struct fwp_ptp_sample *t = &self->snap.ptp[i];

		TH_LOG("[%s] %s: asked %d status %d host_ns %llu counter %llu window [%llu, %llu]"
		       " offset %lld in_window %d plausible %d", variant->name,
		       i ? "physical" : "virtual", t->asked, t->status,
		       (unsigned long long)t->host_ns, (unsigned long long)t->counter,
		       (unsigned long long)t->guest_before, (unsigned long long)t->guest_after,
		       (long long)t->realtime_offset_ns, t->counter_in_window, t->plausible);
		ASSERT_TRUE(t->asked);
		EXPECT_EQ(1u, simhyp_count_arg(&self->h, 0x86000001, i));
		EXPECT_EQ(variant->status, t->status);
		EXPECT_EQ(variant->in_window, t->counter_in_window);
		EXPECT_EQ(variant->plausible, t->plausible);
		if (variant->status)
			continue;
		ASSERT_TRUE(self->h.ptp_answered[i]);
		EXPECT_EQ(self->h.ptp_host_ns[i], t->host_ns);
		EXPECT_EQ(self->h.ptp_counter[i], t->counter);
		EXPECT_LT(t->guest_before, t->guest_after);
		/* The offset is the configured one, give or take the simulated call time. */
		EXPECT_LE(t->realtime_offset_ns, variant->guest_offset_ns + 10000);
		EXPECT_GE(t->realtime_offset_ns, variant->guest_offset_ns - 10000);
	}
	/* A failing PTP with FEATURES advertising it does not change the register. */
	r = find_reg(&self->snap, "vendor_hyp_bmap");
	ASSERT_NE(NULL, r);
	EXPECT_TRUE(r->determined);
	EXPECT_EQ(0x3u, r->value);
}

/* ------------------------------ pure helpers ------------------------------ */

TEST(format_uuid_kvm)
{
	static const u32 w[4] = UID_KVM;
	char buf[37];
	int n = fwp_format_uuid(w, buf, sizeof(buf));

	TH_LOG("fwp_format_uuid(%08x %08x %08x %08x) = %d \"%s\"", w[0], w[1], w[2], w[3], n,
	       n > 0 ? buf : "");
	ASSERT_EQ(36, n);
	EXPECT_STREQ("28b46fb6-2ec5-11e9-a9ca-4b564d003a74", buf);
}

TEST(format_uuid_reference_table)
{
	static const struct { u32 w[4]; const char *text; } t[] = {
		{ UUID_KVM_TRNG, "0d21e000-4384-11eb-8070-5244554e5a4c" },
		{ UID_XEN, "a71812dc-c698-4369-9acf-79d18ddee667" },
		{ UID_XEN_STD, "f863386f-4b39-4cbd-9220-ce1641e59f6f" },
		{ UID_HYPERV, "58ba324d-6447-24cd-756c-ef8e24705916" },
		{ UID_GUNYAH, "c1d58fcd-a453-5fdb-9265-ce36673d5f14" },
		{ UID_QCOM, "19bd54bd-0b37-571b-946f-609b54539de6" },
	};
	unsigned int i;
	char buf[64];

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		int n = fwp_format_uuid(t[i].w, buf, sizeof(buf));

		TH_LOG("%08x %08x %08x %08x -> %d \"%s\"", t[i].w[0], t[i].w[1], t[i].w[2],
		       t[i].w[3], n, n > 0 ? buf : "");
		EXPECT_EQ(36, n);
		EXPECT_STREQ(t[i].text, buf);
	}
}

TEST(format_uuid_short_buffer)
{
	static const u32 w[4] = UID_KVM;
	char buf[37];

	memset(buf, 'x', sizeof(buf));
	EXPECT_EQ(-1, fwp_format_uuid(w, buf, 36));
	EXPECT_EQ('x', buf[0]);
	EXPECT_EQ(36, fwp_format_uuid(w, buf, 37));
}

TEST(kvm_feature_names)
{
	static const struct { unsigned int bit; const char *name; } t[] = {
		{ 0, "FUNC_FEAT" }, { 1, "PTP" }, { 2, "PKVM_HYP_MEMINFO" },
		{ 3, "PKVM_MEM_SHARE" }, { 4, "PKVM_MEM_UNSHARE" }, { 5, "PKVM_RESV" },
		{ 6, "PKVM_RESV" }, { 7, "PKVM_MMIO_GUARD" }, { 8, "PKVM_RESV" },
		{ 63, "PKVM_RESV" }, { 64, "DISCOVER_IMPL_VER" }, { 65, "DISCOVER_IMPL_CPUS" },
		{ 66, "RESERVED" }, { 100, "RESERVED" }, { 127, "FEATURES_2" },
	};
	unsigned int i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		const char *n = fwp_kvm_feature_name(t[i].bit);

		EXPECT_STREQ(t[i].name, n) TH_LOG("bit %u", t[i].bit);
	}
}

TEST(ptp_tolerance_is_10s)
{
	EXPECT_EQ(10000000000LL, fwp_ptp_tolerance_ns());
}

TEST(core_function_ids)
{
	/* The IDs the core's tables use, against the reference's numbers. */
	static const struct { u32 fn; const char *name; } psci[] = {
		{ 0x84000001, "cpu_suspend" }, { 0x84000002, "cpu_off" },
		{ 0x84000003, "cpu_on" }, { 0x84000012, "system_reset2" },
		{ 0x84000015, "system_off2" }, { 0xC4000015, "system_off2_64" },
		{ 0x8400000E, "system_suspend" }, { 0xC400000E, "system_suspend_64" },
		{ 0x84000013, "mem_protect" }, { 0xC4000014, "mem_protect_check_range_64" },
	};
	unsigned int i;

	for (i = 0; i < sizeof(psci) / sizeof(psci[0]); i++) {
		int k = find_psci(psci[i].fn);

		EXPECT_GE(k, 0) TH_LOG("0x%08x missing", psci[i].fn);
		if (k >= 0) {
			EXPECT_STREQ(psci[i].name, fwp_psci_funcs[k].f.name);
		}
	}
	/* No PSCI function outside owner 4 numbers 0x00-0x1F. */
	for (i = 0; i < fwp_psci_nr; i++) {
		u32 fn = fwp_psci_funcs[i].f.fn;

		EXPECT_EQ(0x84000000u, fn & 0xBFFFFFE0u) TH_LOG("entry %u: 0x%08x", i, fn);
	}
}

/* ------------------- the simulation's own guard rails -------------------- */

FIXTURE(guard) {
	struct simhyp h;
	struct fwp_env env;
};

FIXTURE_VARIANT(guard) {
	const char *name;
	struct sim_config cfg;
	bool features_first;	/* ask FEATURES first (so DISCOVER_IMPL is advertised) */
	u32 fn;
	u64 a1;
	bool forbidden;
	u64 res0;		/* expected x0 when allowed */
};

#define GUARD_KVM \
	.kind = SIM_KVM, .conduit = HVC, .smccc_version = 0x10001, .psci_version = 0x10003, \
	.std_bmap = 1, .std_hyp_bmap = 1, .vendor_hyp_bmap = 3, .vendor_hyp_bmap_2 = 3, \
	.pv_time_ipa = true, .impl_count = 1, .pkvm_features = 0xBC
#define GUARD(n, ...) FIXTURE_VARIANT_ADD(guard, n) { .name = #n, __VA_ARGS__ }

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"

GUARD(sim_guard_psci_cpu_on, .cfg = { GUARD_KVM }, .fn = 0x84000003, .forbidden = true);
GUARD(sim_guard_psci_cpu_on_64, .cfg = { GUARD_KVM }, .fn = 0xC4000003, .forbidden = true);
GUARD(sim_guard_psci_system_off2_64, .cfg = { GUARD_KVM }, .fn = 0xC4000015,
      .forbidden = true);
GUARD(sim_guard_psci_mem_protect, .cfg = { GUARD_KVM }, .fn = 0x84000013, .forbidden = true);
GUARD(sim_guard_psci_version_ok, .cfg = { GUARD_KVM }, .fn = 0x84000000, .res0 = 0x10003);
GUARD(sim_guard_psci_features_ok, .cfg = { GUARD_KVM }, .fn = 0x8400000A,
      .a1 = 0xC4000015, .res0 = 1);
GUARD(sim_guard_trng_rnd32, .cfg = { GUARD_KVM }, .fn = 0x84000053, .a1 = 96,
      .forbidden = true);
GUARD(sim_guard_trng_rnd64, .cfg = { GUARD_KVM }, .fn = 0xC4000053, .a1 = 192,
      .forbidden = true);
GUARD(sim_guard_pv_time_st, .cfg = { GUARD_KVM }, .fn = 0xC5000021, .forbidden = true);
GUARD(sim_guard_pkvm_mem_share, .cfg = { GUARD_KVM }, .fn = 0xC6000003, .forbidden = true);
GUARD(sim_guard_pkvm_mem_unshare, .cfg = { GUARD_KVM }, .fn = 0xC6000004, .forbidden = true);
GUARD(sim_guard_pkvm_mmio_guard, .cfg = { GUARD_KVM }, .fn = 0xC6000007, .forbidden = true);
GUARD(sim_guard_pkvm_hyp_meminfo_ok, .cfg = { GUARD_KVM }, .fn = 0xC6000002, .res0 = 4096);
GUARD(sim_guard_workaround_1, .cfg = { GUARD_KVM }, .fn = 0x80008000, .forbidden = true);
GUARD(sim_guard_workaround_2, .cfg = { GUARD_KVM }, .fn = 0x80007FFF, .a1 = 1,
      .forbidden = true);
GUARD(sim_guard_workaround_3, .cfg = { GUARD_KVM }, .fn = 0x80003FFF, .forbidden = true);
GUARD(sim_guard_discover_impl_ver_unadvertised, .cfg = { GUARD_KVM }, .fn = 0xC6000040,
      .forbidden = true);
GUARD(sim_guard_discover_impl_cpus_unadvertised, .cfg = { GUARD_KVM }, .fn = 0xC6000041,
      .forbidden = true);
GUARD(sim_guard_discover_impl_ver_advertised, .cfg = { GUARD_KVM }, .features_first = true,
      .fn = 0xC6000040, .res0 = 0);
GUARD(sim_guard_discover_impl_bad_index, .cfg = { GUARD_KVM }, .features_first = true,
      .fn = 0xC6000041, .a1 = 5, .res0 = 0xFFFFFFFFFFFFFFFDull);
GUARD(sim_guard_sip, .cfg = { GUARD_KVM }, .fn = 0x82000000, .forbidden = true);
GUARD(sim_guard_oem_64, .cfg = { GUARD_KVM }, .fn = 0xC3000001, .forbidden = true);
GUARD(sim_guard_trusted_app, .cfg = { GUARD_KVM }, .fn = 0xB0000000, .forbidden = true);
GUARD(sim_guard_trusted_os, .cfg = { GUARD_KVM }, .fn = 0xBF00FF01, .forbidden = true);
GUARD(sim_guard_kvm_ptp_on_xen, .cfg = { OTHER_HOST(SIM_XEN) }, .fn = 0x86000001,
      .forbidden = true);
GUARD(sim_guard_kvm_features_on_hyperv, .cfg = { OTHER_HOST(SIM_HYPERV) },
      .fn = 0x86000000, .forbidden = true);
GUARD(sim_guard_uid_on_xen_ok, .cfg = { OTHER_HOST(SIM_XEN) }, .fn = 0x8600FF01,
      .res0 = 0xdc1218a7);
GUARD(sim_guard_kvm_gated_off_all_ones, .cfg = { GUARD_KVM, .std_bmap = 0 },
      .fn = 0x84000050, .res0 = ALL_ONES);
GUARD(sim_guard_no_conduit, .cfg = { GUARD_KVM, .conduit = NOCOND }, .fn = 0x80000000,
      .forbidden = true);

#pragma GCC diagnostic pop

FIXTURE_SETUP(guard)
{
	simhyp_init(&self->h, variant->name, &variant->cfg);
	self->h.record_violations = true;
	simhyp_env(&self->h, &self->env);
}

FIXTURE_TEARDOWN(guard)
{
}

TEST_F(guard, call)
{
	u64 res[4];
	int i;

	if (variant->features_first) {
		self->env.invoke(self->env.ctx, 0x86000000, 0, 0, 0, res);
		ASSERT_EQ(0u, self->h.nviolations);
	}
	self->env.invoke(self->env.ctx, variant->fn, variant->a1, 0, 0, res);
	TH_LOG("[%s] 0x%08x(0x%llx) -> 0x%llx, violations %u%s%s", variant->name, variant->fn,
	       (unsigned long long)variant->a1, (unsigned long long)res[0],
	       self->h.nviolations, self->h.nviolations ? ": " : "", self->h.violation_why);
	if (variant->forbidden) {
		EXPECT_EQ(1u, self->h.nviolations);
		EXPECT_EQ(variant->fn, self->h.violation_fn);
		EXPECT_EQ(ALL_ONES, res[0]);
		for (i = 1; i < 4; i++) {
			EXPECT_EQ(0u, res[i]);
		}
	} else {
		EXPECT_EQ(0u, self->h.nviolations);
		EXPECT_EQ(variant->res0, res[0]);
	}
}

/* In abort mode (the default) a forbidden call kills the test and names the ID. */
TEST(sim_guard_aborts_loudly)
{
	struct sim_config cfg = { .kind = SIM_KVM, .conduit = HVC, .smccc_version = 0x10001,
				  .psci_version = 0x10001 };
	char out[512] = "";
	int pipefd[2], status = 0;
	ssize_t got = 0, r;
	pid_t pid;

	ASSERT_EQ(0, pipe(pipefd));
	pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		struct simhyp h;
		struct fwp_env env;
		u64 res[4];

		close(pipefd[0]);
		dup2(pipefd[1], STDERR_FILENO);
		signal(SIGABRT, SIG_DFL);
		simhyp_init(&h, "sim_guard_aborts_loudly", &cfg);
		simhyp_env(&h, &env);
		env.invoke(env.ctx, 0x84000008, 0, 0, 0, res);	/* SYSTEM_OFF */
		_exit(0);
	}
	close(pipefd[1]);
	while ((r = read(pipefd[0], out + got, sizeof(out) - 1 - got)) > 0)
		got += r;
	while (got > 0 && out[got - 1] == '\n')
		got--;
	out[got] = '\0';
	close(pipefd[0]);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	TH_LOG("child status 0x%x, said: %s", status, out);
	EXPECT_TRUE(WIFSIGNALED(status));
	if (WIFSIGNALED(status)) {
		EXPECT_EQ(SIGABRT, WTERMSIG(status));
	}
	EXPECT_NE(NULL, strstr(out, "0x84000008"));
	EXPECT_NE(NULL, strstr(out, "FORBIDDEN"));
}

/*
 * fwp_hw_uniform(): when one value may stand for a register on every vCPU
 * (machine types, --json and the test bed's dump write it once then).
 */
FIXTURE(uniform) {
};

FIXTURE_VARIANT(uniform) {
	unsigned int n;
	bool has[4];
	u64 value[4];
	bool uniform;
};

FIXTURE_VARIANT_ADD(uniform, one_vcpu) {
	.n = 1, .has = { true }, .value = { 0x41 }, .uniform = true,
};

FIXTURE_VARIANT_ADD(uniform, all_equal) {
	.n = 4, .has = { true, true, true, true }, .value = { 7, 7, 7, 7 }, .uniform = true,
};

FIXTURE_VARIANT_ADD(uniform, last_differs) {
	.n = 4, .has = { true, true, true, true }, .value = { 7, 7, 7, 8 }, .uniform = false,
};

FIXTURE_VARIANT_ADD(uniform, one_lacks_it) {
	.n = 3, .has = { true, false, true }, .value = { 7, 7, 7 }, .uniform = false,
};

FIXTURE_VARIANT_ADD(uniform, first_lacks_it) {
	.n = 2, .has = { false, true }, .value = { 0, 0 }, .uniform = false,
};

/* Values where no vCPU has the register do not count. */
FIXTURE_VARIANT_ADD(uniform, none_has_it) {
	.n = 3, .has = { false, false, false }, .value = { 1, 2, 3 }, .uniform = true,
};

FIXTURE_SETUP(uniform)
{
}

FIXTURE_TEARDOWN(uniform)
{
}

TEST_F(uniform, across_vcpus)
{
	EXPECT_EQ(variant->uniform, fwp_hw_uniform(variant->has, variant->value, variant->n));
}

TEST_HARNESS_MAIN
