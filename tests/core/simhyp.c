// SPDX-License-Identifier: GPL-2.0
/*
 * simhyp: simulated SMCCC answers of KVM, pKVM, Xen, Hyper-V, Gunyah, an
 * unknown hypervisor and bare firmware, after smccc-services.md sections 1-4.
 * All function IDs and words are spelled out here on purpose (see simhyp.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "simhyp.h"

/* Function IDs, as the reference lists them. */
#define F_SMCCC_VERSION		0x80000000u
#define F_ARCH_FEATURES		0x80000001u
#define F_SOC_ID		0x80000002u
#define F_SOC_ID_64		0xC0000002u
#define F_WORKAROUND_1		0x80008000u
#define F_WORKAROUND_2		0x80007FFFu
#define F_WORKAROUND_3		0x80003FFFu
#define F_PSCI_VERSION		0x84000000u
#define F_PSCI_FEATURES		0x8400000Au
#define F_TRNG_VERSION		0x84000050u
#define F_TRNG_FEATURES		0x84000051u
#define F_TRNG_GET_UUID		0x84000052u
#define F_TRNG_RND32		0x84000053u
#define F_TRNG_RND64		0xC4000053u
#define F_STD_CALL_UID		0x8400FF01u
#define F_STD_HYP_CALL_UID	0x8500FF01u
#define F_PV_TIME_FEATURES	0xC5000020u
#define F_PV_TIME_ST		0xC5000021u
#define F_VENDOR_CALL_COUNT	0x8600FF00u
#define F_VENDOR_CALL_UID	0x8600FF01u
#define F_VENDOR_REVISION	0x8600FF03u
#define F_KVM_FEATURES		0x86000000u
#define F_KVM_PTP		0x86000001u
#define F_PKVM_HYP_MEMINFO	0xC6000002u
#define F_PKVM_MEM_SHARE	0xC6000003u
#define F_PKVM_MEM_UNSHARE	0xC6000004u
#define F_PKVM_MMIO_GUARD	0xC6000007u
#define F_DISCOVER_IMPL_VER	0xC6000040u
#define F_DISCOVER_IMPL_CPUS	0xC6000041u

#define ALL_ONES		0xFFFFFFFFFFFFFFFFull
#define RET(v)			((u64)(s64)(v))	/* sign-extend an SMCCC return code */

static const u32 uid_kvm[4] = { 0xb66fb428, 0xe911c52e, 0x564bcaa9, 0x743a004d };
static const u32 uid_kvm_swapped[4] = { 0x28b46fb6, 0x11e92ec5, 0x564bcaa9, 0x743a004d };
static const u32 uid_xen[4] = { 0xdc1218a7, 0x694398c6, 0xd179cf9a, 0x67e6de8d };
static const u32 uid_xen_std[4] = { 0x6f3863f8, 0xbd4c394b, 0x16ce2092, 0x6f9fe541 };
static const u32 uid_hyperv[4] = { 0x4d32ba58, 0xcd244764, 0x8eef6c75, 0x16597024 };
static const u32 uid_gunyah[4] = { 0xcd8fd5c1, 0xdb5f53a4, 0x36ce6592, 0x145f3d67 };
static const u32 uid_gunyah_raw[4] = { 0x673d5f14, 0x9265ce36, 0xa4535fdb, 0xc1d58fcd };
static const u32 uid_gunyah_qcom[4] = { 0xbd54bd19, 0x1b57370b, 0x9b606f94, 0xe69d5354 };
static const u32 uid_gunyah_qcom_raw[4] = { 0x19bd54bd, 0x0b37571b, 0x946f609b, 0x54539de6 };
static const u32 uuid_kvm_trng[4] = { 0x00e0210d, 0xeb118443, 0x44527080, 0x4c5a4e55 };

const char *simhyp_fn_name(u32 fn)
{
	static const struct { u32 fn; const char *name; } names[] = {
		{ F_SMCCC_VERSION, "SMCCC_VERSION" }, { F_ARCH_FEATURES, "SMCCC_ARCH_FEATURES" },
		{ F_SOC_ID, "SMCCC_ARCH_SOC_ID" }, { F_SOC_ID_64, "SMCCC_ARCH_SOC_ID (SMC64, name)" },
		{ F_WORKAROUND_1, "ARCH_WORKAROUND_1" }, { F_WORKAROUND_2, "ARCH_WORKAROUND_2" },
		{ F_WORKAROUND_3, "ARCH_WORKAROUND_3" }, { F_PSCI_VERSION, "PSCI_VERSION" },
		{ F_PSCI_FEATURES, "PSCI_FEATURES" }, { 0x84000001, "PSCI CPU_SUSPEND" },
		{ 0xC4000001, "PSCI CPU_SUSPEND (SMC64)" }, { 0x84000002, "PSCI CPU_OFF" },
		{ 0x84000003, "PSCI CPU_ON" }, { 0xC4000003, "PSCI CPU_ON (SMC64)" },
		{ 0x84000005, "PSCI MIGRATE" }, { 0x84000008, "PSCI SYSTEM_OFF" },
		{ 0x84000009, "PSCI SYSTEM_RESET" }, { 0x8400000E, "PSCI SYSTEM_SUSPEND" },
		{ 0xC400000E, "PSCI SYSTEM_SUSPEND (SMC64)" }, { 0x84000012, "PSCI SYSTEM_RESET2" },
		{ 0xC4000012, "PSCI SYSTEM_RESET2 (SMC64)" }, { 0x84000013, "PSCI MEM_PROTECT" },
		{ 0x84000015, "PSCI SYSTEM_OFF2" }, { 0xC4000015, "PSCI SYSTEM_OFF2 (SMC64)" },
		{ F_TRNG_VERSION, "TRNG_VERSION" }, { F_TRNG_FEATURES, "TRNG_FEATURES" },
		{ F_TRNG_GET_UUID, "TRNG_GET_UUID" }, { F_TRNG_RND32, "TRNG_RND32" },
		{ F_TRNG_RND64, "TRNG_RND64" }, { F_STD_CALL_UID, "standard secure Call UID" },
		{ F_STD_HYP_CALL_UID, "standard hypervisor Call UID" },
		{ F_PV_TIME_FEATURES, "HV_PV_TIME_FEATURES" }, { F_PV_TIME_ST, "HV_PV_TIME_ST" },
		{ F_VENDOR_CALL_COUNT, "vendor hyp Call Count" },
		{ F_VENDOR_CALL_UID, "VENDOR_HYP_CALL_UID" }, { F_VENDOR_REVISION, "vendor hyp Revision" },
		{ F_KVM_FEATURES, "KVM FEATURES" }, { F_KVM_PTP, "KVM PTP" },
		{ F_PKVM_HYP_MEMINFO, "pKVM HYP_MEMINFO" }, { F_PKVM_MEM_SHARE, "pKVM MEM_SHARE" },
		{ F_PKVM_MEM_UNSHARE, "pKVM MEM_UNSHARE" }, { F_PKVM_MMIO_GUARD, "pKVM MMIO_GUARD" },
		{ F_DISCOVER_IMPL_VER, "KVM DISCOVER_IMPL_VER" },
		{ F_DISCOVER_IMPL_CPUS, "KVM DISCOVER_IMPL_CPUS" },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (names[i].fn == fn)
			return names[i].name;
	return "?";
}

static unsigned int fid_owner(u32 fn)
{
	return (fn >> 24) & 0x3f;
}

static unsigned int fid_num(u32 fn)
{
	return fn & 0xffff;
}

static bool kind_has_foreign_uid(enum sim_kind k)
{
	return k == SIM_XEN || k == SIM_HYPERV || k == SIM_GUNYAH || k == SIM_GUNYAH_QCOM ||
	       k == SIM_UNKNOWN_UID;
}

static bool advertised(const struct simhyp *h, unsigned int bit)
{
	return h->features_answered && (h->advertised[bit / 32] >> (bit % 32)) & 1;
}

static void violation(struct simhyp *h, u32 fn, const char *why)
{
	h->nviolations++;
	if (h->nviolations == 1) {
		h->violation_fn = fn;
		snprintf(h->violation_why, sizeof(h->violation_why), "%s", why);
	}
	if (h->record_violations)
		return;
	fflush(stdout);
	fprintf(stderr, "# simhyp %s: FORBIDDEN call 0x%08x (%s) as call #%u: %s\n",
		h->name, fn, simhyp_fn_name(fn), h->ncalls, why);
	fflush(stderr);
	abort();
}

/* Return false (after reporting) if the probe must never issue this call here. */
static bool check_call(struct simhyp *h, u32 fn, u64 a1, bool wide)
{
	unsigned int owner = fid_owner(fn), num = fid_num(fn);

	if (h->cfg.conduit == FWP_CONDUIT_NONE) {
		violation(h, fn, "call issued although the environment has no conduit");
		return false;
	}
	if (!(fn & 0x80000000u)) {
		violation(h, fn, "yielding (non-fast) call");
		return false;
	}
	if (fn & 0x00fe0000u) {
		violation(h, fn, "malformed function ID (bits 23:17 must be zero)");
		return false;
	}
	if (owner == 2 || owner == 3 || owner >= 48) {
		violation(h, fn, "SiP/OEM/Trusted range: arbitrary firmware behaviour");
		return false;
	}
	if (owner == 0 && (num == 0x8000 || num == 0x7FFF || num == 0x3FFF)) {
		violation(h, fn, "ARCH_WORKAROUND_x invoked instead of queried via ARCH_FEATURES");
		return false;
	}
	if (owner == 4 && num <= 0x1F && fn != F_PSCI_VERSION && fn != F_PSCI_FEATURES) {
		violation(h, fn, "PSCI function other than PSCI_VERSION/PSCI_FEATURES");
		return false;
	}
	if (owner == 4 && num == 0x53) {
		violation(h, fn, "TRNG_RND draws entropy");
		return false;
	}
	if (owner == 5 && num == 0x21) {
		violation(h, fn, "HV_PV_TIME_ST resets the stolen-time record");
		return false;
	}
	if (owner == 6 && (num == 3 || num == 4 || num == 7)) {
		violation(h, fn, "pKVM MEM_SHARE/MEM_UNSHARE/MMIO_GUARD change stage-2 ownership");
		return false;
	}
	if (owner == 6 && num < 0xFF00 && kind_has_foreign_uid(h->cfg.kind)) {
		violation(h, fn, "KVM vendor call on a hypervisor whose Call UID is not KVM's");
		return false;
	}
	if (owner == 6 && num == 64 && !advertised(h, 64)) {
		violation(h, fn, "DISCOVER_IMPL_VER issued without FEATURES advertising it");
		return false;
	}
	if (owner == 6 && num == 65 && !advertised(h, 65)) {
		violation(h, fn, "DISCOVER_IMPL_CPUS issued without FEATURES advertising it");
		return false;
	}
	if (wide && h->cfg.smccc_version < 0x10002) {
		violation(h, fn, "SMCCC 1.2 (x0-x17) call on an SMCCC < 1.2 implementation");
		return false;
	}
	if (wide && fn != F_SOC_ID_64) {
		violation(h, fn, "invoke_1_2 used for something other than the SOC_ID name");
		return false;
	}
	(void)a1;
	return true;
}

static u64 sim_host_realtime(const struct simhyp *h)
{
	return (u64)h->cfg.host_realtime_start_ns + (h->phys - h->cfg.counter_start);
}

static void tick(struct simhyp *h)
{
	h->phys += h->cfg.counter_step;
}

static void set_uid(u64 *res, const u32 w[4])
{
	int i;

	for (i = 0; i < 4; i++)
		res[i] = w[i];
}

static s32 psci_feature(const struct simhyp *h, u32 q)
{
	const struct sim_config *c = &h->cfg;

	switch (q) {
	case 0x84000000: /* PSCI_VERSION */
	case 0x84000001: case 0xC4000001: /* CPU_SUSPEND */
	case 0x84000002: /* CPU_OFF */
	case 0x84000003: case 0xC4000003: /* CPU_ON */
	case 0x84000004: case 0xC4000004: /* AFFINITY_INFO */
	case 0x84000006: /* MIGRATE_INFO_TYPE */
	case 0x84000008: /* SYSTEM_OFF */
	case 0x84000009: /* SYSTEM_RESET */
	case 0x8400000A: /* PSCI_FEATURES */
	case 0x80000000: /* SMCCC_VERSION */
		return 0;
	case 0x8400000E: case 0xC400000E: /* SYSTEM_SUSPEND */
		return c->system_suspend ? 0 : -1;
	case 0x84000012: case 0xC4000012: /* SYSTEM_RESET2 */
		return c->psci_version >= 0x10001 ? 0 : -1;
	case 0x84000015: case 0xC4000015: /* SYSTEM_OFF2: HIBERNATE_OFF */
		return c->psci_version >= 0x10003 ? 1 : -1;
	default:
		return -1;
	}
}

static void answer_kvm_vendor(struct simhyp *h, u32 fn, u64 a1, u64 *res)
{
	const struct sim_config *c = &h->cfg;

	switch (fn) {
	case F_VENDOR_CALL_UID:
		if (c->vendor_hyp_bmap & 1)
			set_uid(res, c->kvm_swapped_uid ? uid_kvm_swapped : uid_kvm);
		break;
	case F_KVM_FEATURES:
		if (!(c->vendor_hyp_bmap & 1))
			break;
		res[0] = (u32)c->vendor_hyp_bmap | c->pkvm_features;
		res[1] = 0;
		res[2] = (u32)c->vendor_hyp_bmap_2;
		res[3] = 0;
		h->features_answered = true;
		h->advertised[0] = (u32)res[0];
		h->advertised[1] = 0;
		h->advertised[2] = (u32)res[2];
		h->advertised[3] = 0;
		break;
	case F_KVM_PTP: {
		u64 ns, cnt;

		if (!(c->vendor_hyp_bmap & 2) || c->ptp_no_arch_counter || a1 > 1)
			break;
		ns = sim_host_realtime(h);
		cnt = (a1 == 1 ? h->phys : h->phys - c->cntvoff) + (u64)c->ptp_counter_skew;
		res[0] = ns >> 32;
		res[1] = ns & 0xffffffff;
		res[2] = cnt >> 32;
		res[3] = cnt & 0xffffffff;
		h->ptp_answered[a1] = true;
		h->ptp_host_ns[a1] = ns;
		h->ptp_counter[a1] = cnt;
		break;
	}
	case F_PKVM_HYP_MEMINFO:
		if (c->pkvm_features & (1u << 2))
			res[0] = 4096;
		break;
	case F_DISCOVER_IMPL_VER:
		if (!(c->vendor_hyp_bmap_2 & 1))
			break;
		res[0] = 0;
		res[1] = 0x10000;
		res[2] = c->impl_count;
		break;
	case F_DISCOVER_IMPL_CPUS:
		if (!(c->vendor_hyp_bmap_2 & 2))
			break;
		if (a1 >= c->impl_count || a1 >= SIM_MAX_IMPLS) {
			res[0] = RET(-3);	/* INVALID_PARAMETER */
			break;
		}
		res[0] = 0;
		res[1] = c->impl_cpu[a1][0];
		res[2] = c->impl_cpu[a1][1];
		res[3] = c->impl_cpu[a1][2];
		break;
	}
}

/* Answer one call into res[0..17]; unknown or gated-off: a0 all ones, rest 0. */
static void answer(struct simhyp *h, u32 fn, u64 a1, u64 *res, unsigned int nres)
{
	const struct sim_config *c = &h->cfg;
	bool kvm = c->kind == SIM_KVM;
	unsigned int i;

	memset(res, 0, nres * sizeof(*res));
	res[0] = ALL_ONES;

	if (c->smccc_version < 0x10001 && fn != F_PSCI_VERSION && fn != F_PSCI_FEATURES)
		return;		/* SMCCC 1.0: no SMCCC_VERSION, no discovery */

	switch (fn) {
	case F_SMCCC_VERSION:
		res[0] = RET(c->smccc_version);
		break;
	case F_ARCH_FEATURES:
		switch ((u32)a1) {
		case F_WORKAROUND_1:
			res[0] = RET(c->wa[0]);
			break;
		case F_WORKAROUND_2:
			res[0] = RET(c->wa[1]);
			break;
		case F_WORKAROUND_3:
			res[0] = RET(c->wa[2]);
			break;
		case F_PV_TIME_FEATURES:
			if (kvm && (c->std_hyp_bmap & 1))
				res[0] = 0;
			break;
		case F_SOC_ID:
			if (c->soc_id && c->smccc_version >= 0x10002)
				res[0] = 0;
			break;
		}
		break;
	case F_SOC_ID:
		if (!c->soc_id || c->smccc_version < 0x10002)
			break;
		if (a1 == 0)
			res[0] = c->soc_id_version;
		else if (a1 == 1)
			res[0] = c->soc_id_revision;
		else
			res[0] = RET(-3);
		break;
	case F_SOC_ID_64:
		if (!c->soc_id || c->smccc_version < 0x10002)
			break;
		if (a1 != 2) {
			res[0] = RET(-3);
			break;
		}
		res[0] = 0;
		/* 136 bytes in x1..x17, eight per register, low byte first. */
		for (i = 0; i < 136 && 1 + i / 8 < nres; i++)
			res[1 + i / 8] |= (u64)(u8)c->soc_id_name[i] << (8 * (i % 8));
		break;
	case F_PSCI_VERSION:
		if (c->psci_version)
			res[0] = c->psci_version;
		break;
	case F_PSCI_FEATURES:
		if (c->psci_version >= 0x10000)
			res[0] = RET(psci_feature(h, (u32)a1));
		break;
	case F_TRNG_VERSION:
		if (kvm && (c->std_bmap & 1))
			res[0] = 0x10000;
		break;
	case F_TRNG_FEATURES:
		if (!kvm || !(c->std_bmap & 1))
			break;
		switch ((u32)a1) {
		case F_TRNG_VERSION: case F_TRNG_FEATURES: case F_TRNG_GET_UUID:
		case F_TRNG_RND32: case F_TRNG_RND64:
			res[0] = 0;
		}
		break;
	case F_TRNG_GET_UUID:
		if (kvm && (c->std_bmap & 1))
			set_uid(res, uuid_kvm_trng);
		break;
	case F_STD_CALL_UID:
		if (c->kind == SIM_XEN)
			set_uid(res, uid_xen_std);
		break;
	case F_STD_HYP_CALL_UID:
		break;		/* nobody simulated implements it */
	case F_PV_TIME_FEATURES:
		if (kvm && (c->std_hyp_bmap & 1) &&
		    ((u32)a1 == F_PV_TIME_FEATURES || (u32)a1 == F_PV_TIME_ST) && c->pv_time_ipa)
			res[0] = 0;
		break;
	case F_VENDOR_CALL_COUNT:
		if (c->kind == SIM_XEN)
			res[0] = 3;
		break;
	case F_VENDOR_REVISION:
		if (c->kind == SIM_XEN) {
			res[0] = 0;
			res[1] = 1;
		}
		break;
	default:
		break;
	}

	if (fid_owner(fn) != 6 || fn == F_VENDOR_CALL_COUNT || fn == F_VENDOR_REVISION)
		return;
	switch (c->kind) {
	case SIM_KVM:
		answer_kvm_vendor(h, fn, a1, res);
		break;
	case SIM_XEN:
		if (fn == F_VENDOR_CALL_UID)
			set_uid(res, uid_xen);
		break;
	case SIM_HYPERV:
		if (fn == F_VENDOR_CALL_UID)
			set_uid(res, uid_hyperv);
		break;
	case SIM_GUNYAH:
		if (fn == F_VENDOR_CALL_UID)
			set_uid(res, c->gunyah_raw_words ? uid_gunyah_raw : uid_gunyah);
		break;
	case SIM_GUNYAH_QCOM:
		if (fn == F_VENDOR_CALL_UID)
			set_uid(res, c->gunyah_raw_words ? uid_gunyah_qcom_raw : uid_gunyah_qcom);
		break;
	case SIM_UNKNOWN_UID:
		if (fn == F_VENDOR_CALL_UID)
			set_uid(res, c->unknown_uid);
		break;
	case SIM_FIRMWARE:
		break;
	}
}

static void record(struct simhyp *h, u32 fn, u64 a1, u64 a2, u64 a3, const u64 *res, bool wide)
{
	if (h->ncalls < SIM_MAX_CALLS) {
		struct sim_call *c = &h->calls[h->ncalls];

		c->fn = fn;
		c->arg[0] = a1;
		c->arg[1] = a2;
		c->arg[2] = a3;
		memcpy(c->res, res, sizeof(c->res));
		c->wide = wide;
	}
	h->ncalls++;
}

static void sim_invoke(void *ctx, u32 fn, u64 a1, u64 a2, u64 a3, u64 res[4])
{
	struct simhyp *h = ctx;

	tick(h);
	if (check_call(h, fn, a1, false)) {
		answer(h, fn, a1, res, 4);
	} else {
		memset(res, 0, 4 * sizeof(*res));
		res[0] = ALL_ONES;
	}
	tick(h);
	record(h, fn, a1, a2, a3, res, false);
}

static void sim_invoke_1_2(void *ctx, u32 fn, u64 a1, u64 res[18])
{
	struct simhyp *h = ctx;

	tick(h);
	if (check_call(h, fn, a1, true)) {
		answer(h, fn, a1, res, 18);
	} else {
		memset(res, 0, 18 * sizeof(*res));
		res[0] = ALL_ONES;
	}
	tick(h);
	record(h, fn, a1, 0, 0, res, true);
}

static u64 sim_read_counter(void *ctx, bool physical)
{
	struct simhyp *h = ctx;

	tick(h);
	return physical ? h->phys : h->phys - h->cfg.cntvoff;
}

static s64 sim_realtime_ns(void *ctx)
{
	struct simhyp *h = ctx;

	return (s64)sim_host_realtime(h) + h->cfg.guest_realtime_offset_ns;
}

static u64 sim_monotonic_ns(void *ctx)
{
	struct simhyp *h = ctx;

	tick(h);
	return h->phys;
}

void simhyp_init(struct simhyp *h, const char *name, const struct sim_config *cfg)
{
	memset(h, 0, sizeof(*h));
	h->name = name;
	h->cfg = *cfg;
	if (!h->cfg.counter_step)
		h->cfg.counter_step = 100;
	if (!h->cfg.counter_start)
		h->cfg.counter_start = 523136187000ull;
	if (!h->cfg.host_realtime_start_ns)
		h->cfg.host_realtime_start_ns = 1795561512580034288ll;
	h->phys = h->cfg.counter_start;
}

void simhyp_env(struct simhyp *h, struct fwp_env *env)
{
	memset(env, 0, sizeof(*env));
	env->ctx = h;
	env->conduit = h->cfg.conduit;
	env->invoke = sim_invoke;
	env->invoke_1_2 = sim_invoke_1_2;
	env->read_counter = sim_read_counter;
	env->realtime_ns = sim_realtime_ns;
	env->monotonic_ns = sim_monotonic_ns;
}

unsigned int simhyp_count(const struct simhyp *h, u32 fn)
{
	unsigned int i, n = 0;

	for (i = 0; i < h->ncalls && i < SIM_MAX_CALLS; i++)
		n += h->calls[i].fn == fn;
	return n;
}

unsigned int simhyp_count_arg(const struct simhyp *h, u32 fn, u64 a1)
{
	unsigned int i, n = 0;

	for (i = 0; i < h->ncalls && i < SIM_MAX_CALLS; i++)
		n += h->calls[i].fn == fn && h->calls[i].arg[0] == a1;
	return n;
}
