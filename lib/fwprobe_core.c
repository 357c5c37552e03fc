// SPDX-License-Identifier: GPL-2.0
/*
 * fwprobe core: which side-effect-free SMCCC calls to make, in which order,
 * guarded by earlier answers, and what the answers mean.
 *
 * Never issued here: PSCI calls other than VERSION/FEATURES, TRNG_RND,
 * PV_TIME_ST (it resets the stolen-time record), pKVM MEM_SHARE/UNSHARE/
 * MMIO_GUARD, WORKAROUND_x themselves, DISCOVER_IMPL_* unless advertised,
 * anything in the SiP/OEM/Trusted ranges.
 */
#include "fwprobe_core.h"

#define VER(major, minor)	(((u32)(major) << 16) | (minor))
#define PSCI32(num)		FWP_FN(32, STANDARD, num)
#define PSCI64(num)		FWP_FN(64, STANDARD, num)

const struct fwp_func fwp_arch_funcs[FWP_AF_NR] = {
	[FWP_AF_WORKAROUND_1]	= { FWP_ARCH_WORKAROUND_1, "workaround_1" },
	[FWP_AF_WORKAROUND_2]	= { FWP_ARCH_WORKAROUND_2, "workaround_2" },
	[FWP_AF_WORKAROUND_3]	= { FWP_ARCH_WORKAROUND_3, "workaround_3" },
	[FWP_AF_PV_TIME]	= { FWP_PV_TIME_FEATURES, "pv_time" },
	[FWP_AF_SOC_ID]		= { FWP_SMCCC_SOC_ID, "soc_id" },
};

/* Each SMC32 form's index in the table, which its SMC64 twin refers to. */
#define FWP_PSCI(name, num, major, minor, forms)	FWP_PSCI_IDX_##name,
enum {
#include "fwprobe_psci_funcs.h"
};

#undef FWP_PSCI

#define FWP_PSCI_IMPLIED_IMPLIED	true
#define FWP_PSCI_IMPLIED_SMC32		false
#define FWP_PSCI_IMPLIED_SMC64		false
#define FWP_PSCI_TWIN_IMPLIED(name, num, major, minor)
#define FWP_PSCI_TWIN_SMC32(name, num, major, minor)
#define FWP_PSCI_TWIN_SMC64(name, num, major, minor)					\
	{ { PSCI64(num), #name "_64" }, VER(major, minor), FWP_PSCI_IDX_##name, false },

/* SMC32 forms first, in function-number order, then the SMC64 twins. */
const struct fwp_psci_func fwp_psci_funcs[] = {
#define FWP_PSCI(name, num, major, minor, forms)					\
	{ { PSCI32(num), #name }, VER(major, minor), -1, FWP_PSCI_IMPLIED_##forms },
#include "fwprobe_psci_funcs.h"
#undef FWP_PSCI
#define FWP_PSCI(name, num, major, minor, forms)					\
	FWP_PSCI_TWIN_##forms(name, num, major, minor)
#include "fwprobe_psci_funcs.h"
#undef FWP_PSCI
};

const unsigned int fwp_psci_nr = ARRAY_SIZE(fwp_psci_funcs);
static_assert(ARRAY_SIZE(fwp_psci_funcs) <= FWP_PSCI_MAX, "raise FWP_PSCI_MAX");

const char *const fwp_reg_names[FWP_REG_NR] = {
	[FWP_REG_PSCI_VERSION]		= "psci_version",
	[FWP_REG_WORKAROUND_1]		= "smccc_arch_workaround_1",
	[FWP_REG_WORKAROUND_2]		= "smccc_arch_workaround_2",
	[FWP_REG_WORKAROUND_3]		= "smccc_arch_workaround_3",
	[FWP_REG_STD_BMAP]		= "std_bmap",
	[FWP_REG_STD_HYP_BMAP]		= "std_hyp_bmap",
	[FWP_REG_VENDOR_HYP_BMAP]	= "vendor_hyp_bmap",
	[FWP_REG_VENDOR_HYP_BMAP_2]	= "vendor_hyp_bmap_2",
};

const char *const fwp_identity_names[FWP_HYP_NR] = {
	[FWP_HYP_NONE]		= "none",
	[FWP_HYP_KVM]		= "kvm",
	[FWP_HYP_KVM_SWAPPED]	= "kvm-swapped-uid",
	[FWP_HYP_XEN]		= "xen",
	[FWP_HYP_HYPERV]	= "hyperv",
	[FWP_HYP_GUNYAH]	= "gunyah",
	[FWP_HYP_GUNYAH_QCOM]	= "gunyah-qualcomm",
	[FWP_HYP_UNKNOWN]	= "unknown",
};

const char *const fwp_conduit_names[3] = {
	[FWP_CONDUIT_NONE] = "none", [FWP_CONDUIT_HVC] = "hvc", [FWP_CONDUIT_SMC] = "smc",
};

/*
 * Vendor-hypervisor Call UIDs as the four registers carry them. Gunyah is
 * listed in both word orders seen in the wild (Documentation/firmware-facts.md).
 */
static const struct {
	u32 w[4];
	enum fwp_identity id;
} fwp_uids[] = {
	{ { 0xb66fb428, 0xe911c52e, 0x564bcaa9, 0x743a004d }, FWP_HYP_KVM },
	{ { 0x28b46fb6, 0x11e92ec5, 0x564bcaa9, 0x743a004d }, FWP_HYP_KVM_SWAPPED },
	{ { 0xdc1218a7, 0x694398c6, 0xd179cf9a, 0x67e6de8d }, FWP_HYP_XEN },
	{ { 0x4d32ba58, 0xcd244764, 0x8eef6c75, 0x16597024 }, FWP_HYP_HYPERV },
	{ { 0xcd8fd5c1, 0xdb5f53a4, 0x36ce6592, 0x145f3d67 }, FWP_HYP_GUNYAH },
	{ { 0x673d5f14, 0x9265ce36, 0xa4535fdb, 0xc1d58fcd }, FWP_HYP_GUNYAH },
	{ { 0xbd54bd19, 0x1b57370b, 0x9b606f94, 0xe69d5354 }, FWP_HYP_GUNYAH_QCOM },
	{ { 0x19bd54bd, 0x0b37571b, 0x946f609b, 0x54539de6 }, FWP_HYP_GUNYAH_QCOM },
};

/* Named KVM FEATURES bits (KVM function numbers); pKVM's are upstream's names. */
static const char *const fwp_kvm_feature_names[] = {
	[0] = "FUNC_FEAT", [1] = "PTP", [2] = "PKVM_HYP_MEMINFO", [3] = "PKVM_MEM_SHARE",
	[4] = "PKVM_MEM_UNSHARE", [7] = "PKVM_MMIO_GUARD",
	[64] = "DISCOVER_IMPL_VER", [65] = "DISCOVER_IMPL_CPUS", [127] = "FEATURES_2",
};

/**
 * fwp_kvm_feature_name() - name of a KVM FEATURES bit
 * @bit: bit number 0..127 (= KVM function number)
 *
 * Return: the bit's name; "PKVM_RESV" for pKVM's reserved bits 5, 6 and 8-63,
 * "RESERVED" for any other unnamed bit.
 */
const char *fwp_kvm_feature_name(unsigned int bit)
{
	if (bit < ARRAY_SIZE(fwp_kvm_feature_names) && fwp_kvm_feature_names[bit])
		return fwp_kvm_feature_names[bit];
	return bit < 64 ? "PKVM_RESV" : "RESERVED";
}

/**
 * fwp_format_uuid() - UUID text of four SMCCC result words
 * @w: the words; UUID byte i is byte (i % 4) of word i / 4, low byte first
 * @buf: output, at least 37 bytes
 * @len: size of @buf
 *
 * Return: number of characters written (36), or -1 if @buf is too small.
 */
int fwp_format_uuid(const u32 w[4], char *buf, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t pos = 0;
	int i;

	if (len < 37)
		return -1;
	for (i = 0; i < 16; i++) {
		u8 b = (w[i / 4] >> (8 * (i % 4))) & 0xff;

		if (i == 4 || i == 6 || i == 8 || i == 10)
			buf[pos++] = '-';
		buf[pos++] = hex[b >> 4];
		buf[pos++] = hex[b & 0xf];
	}
	buf[pos] = '\0';
	return (int)pos;
}

/**
 * fwp_ptp_tolerance_ns() - largest guest/host realtime gap a PTP sample may show
 *
 * A guest's realtime comes from an RTC with one-second resolution at boot, so a
 * healthy sample can be a second or two apart from the host; ten is generous.
 *
 * Return: the tolerance in nanoseconds.
 */
s64 fwp_ptp_tolerance_ns(void)
{
	return 10LL * 1000 * 1000 * 1000;
}

struct fwp_probe_state {
	const struct fwp_env *env;
	struct fwp_snapshot *snap;
};

static void fwp_record(struct fwp_snapshot *s, u32 fn, u64 a1, const u64 res[4])
{
	if (s->ncalls < FWP_MAX_CALLS) {
		struct fwp_call *c = &s->calls[s->ncalls];

		c->fn = fn;
		c->arg[0] = a1;
		memcpy(c->res, res, sizeof(c->res));
	} else {
		s->calls_truncated = true;
	}
	s->ncalls++;
}

/* Every call goes through here, so the evidence log is complete by construction. */
static s32 fwp_call(struct fwp_probe_state *p, u32 fn, u64 a1, u64 res[4])
{
	p->env->invoke(p->env->ctx, fn, a1, 0, 0, res);
	fwp_record(p->snap, fn, a1, res);
	return (s32)res[0];
}

static void fwp_ask(struct fwp_probe_state *p, struct fwp_answer *ans, u32 fn, u64 a1)
{
	u64 res[4];

	ans->asked = true;
	ans->value = fwp_call(p, fn, a1, res);
}

static void fwp_words(const u64 res[4], u32 w[4])
{
	int i;

	for (i = 0; i < 4; i++)
		w[i] = (u32)res[i];
}

static void probe_soc_id(struct fwp_probe_state *p)
{
	struct fwp_snapshot *s = p->snap;
	u64 res[4], regs[18];
	int i;

	if (s->smccc_version < VER(1, 2))
		return;
	fwp_ask(p, &s->arch_features[FWP_AF_SOC_ID], FWP_SMCCC_ARCH_FEATURES, FWP_SMCCC_SOC_ID);
	if (s->arch_features[FWP_AF_SOC_ID].value < 0)
		return;
	s->soc_id_version = fwp_call(p, FWP_SMCCC_SOC_ID, 0, res);
	s->soc_id_revision = fwp_call(p, FWP_SMCCC_SOC_ID, 1, res);
	s->soc_id_present = s->soc_id_version >= 0;
	if (!s->soc_id_present || !p->env->invoke_1_2)
		return;
	/* The name (SMCCC 1.6) comes back in x1..x17, eight bytes per register. */
	p->env->invoke_1_2(p->env->ctx, FWP_SMCCC_SOC_ID_64, 2, regs);
	fwp_record(s, FWP_SMCCC_SOC_ID_64, 2, regs);
	if ((s32)regs[0] < 0)
		return;
	for (i = 0; i < FWP_SOC_NAME_LEN; i++)
		s->soc_id_name[i] = (char)(regs[1 + i / 8] >> (8 * (i % 8)));
	s->soc_id_name[FWP_SOC_NAME_LEN] = '\0';
}

static void probe_psci(struct fwp_probe_state *p)
{
	struct fwp_snapshot *s = p->snap;
	u64 res[4];
	s32 v = fwp_call(p, FWP_PSCI_VERSION, 0, res);
	unsigned int i;

	if (v < 0)
		return;
	s->psci_present = true;
	s->psci_version = (u32)v;
	if (s->psci_version < VER(1, 0))
		return;		/* PSCI_FEATURES arrived in 1.0 */
	for (i = 0; i < fwp_psci_nr; i++) {
		const struct fwp_psci_func *f = &fwp_psci_funcs[i];

		if (f->implied || f->since > s->psci_version)
			continue;
		if (f->smc32 >= 0 && (!s->psci_features[f->smc32].asked ||
				      s->psci_features[f->smc32].value < 0))
			continue;
		fwp_ask(p, &s->psci_features[i], FWP_PSCI_FEATURES, f->f.fn);
	}
}

static void probe_trng(struct fwp_probe_state *p)
{
	struct fwp_snapshot *s = p->snap;
	u64 res[4];

	fwp_ask(p, &s->trng_version, FWP_TRNG_VERSION, 0);
	if (s->trng_version.value < 0)
		return;
	fwp_ask(p, &s->trng_rnd64, FWP_TRNG_FEATURES, FWP_TRNG_RND64);
	if (fwp_call(p, FWP_TRNG_GET_UUID, 0, res) != FWP_SMCCC_NOT_SUPPORTED) {
		s->trng_uuid_valid = true;
		fwp_words(res, s->trng_uuid);
	}
}

static bool fwp_is_kvm(const struct fwp_snapshot *s)
{
	return s->identity == FWP_HYP_KVM || s->identity == FWP_HYP_KVM_SWAPPED;
}

static void probe_uids(struct fwp_probe_state *p)
{
	struct fwp_snapshot *s = p->snap;
	unsigned int i;
	u64 res[4];

	s->identity = FWP_HYP_NONE;
	if (fwp_call(p, FWP_VENDOR_HYP_CALL_UID, 0, res) != FWP_SMCCC_NOT_SUPPORTED) {
		s->uid_valid = true;
		fwp_words(res, s->uid);
		s->identity = FWP_HYP_UNKNOWN;
		for (i = 0; i < ARRAY_SIZE(fwp_uids); i++)
			if (!memcmp(fwp_uids[i].w, s->uid, sizeof(s->uid)))
				s->identity = fwp_uids[i].id;
	}
	/* KVM implements no standard-range UID; others (Xen) may. */
	if (fwp_is_kvm(s))
		return;
	if (fwp_call(p, FWP_STD_CALL_UID, 0, res) != FWP_SMCCC_NOT_SUPPORTED) {
		s->std_uid_valid = true;
		fwp_words(res, s->std_uid);
	}
	if (fwp_call(p, FWP_STD_HYP_CALL_UID, 0, res) != FWP_SMCCC_NOT_SUPPORTED) {
		s->std_hyp_uid_valid = true;
		fwp_words(res, s->std_hyp_uid);
	}
}

static bool kvm_feature(const struct fwp_snapshot *s, unsigned int bit)
{
	return s->kvm_features_valid && (s->kvm_features[bit / 32] >> (bit % 32)) & 1;
}

static void ptp_sample(struct fwp_probe_state *p, unsigned int which)
{
	const struct fwp_env *env = p->env;
	struct fwp_ptp_sample *t = &p->snap->ptp[which];
	bool phys = which == FWP_KVM_PTP_PHYS;
	s64 guest_ns, offset;
	u64 res[4];

	t->asked = true;
	t->guest_before = env->read_counter(env->ctx, phys);
	guest_ns = env->realtime_ns(env->ctx);
	/* a0 carries the high half of the host time; only all-ones is an error. */
	t->status = fwp_call(p, FWP_KVM_PTP, which, res) == FWP_SMCCC_NOT_SUPPORTED ?
		    FWP_SMCCC_NOT_SUPPORTED : 0;
	t->guest_after = env->read_counter(env->ctx, phys);
	if (t->status < 0)
		return;
	t->host_ns = (res[0] & 0xffffffff) << 32 | (res[1] & 0xffffffff);
	t->counter = (res[2] & 0xffffffff) << 32 | (res[3] & 0xffffffff);
	offset = guest_ns - (s64)t->host_ns;
	t->realtime_offset_ns = offset;
	t->counter_in_window = t->counter >= t->guest_before && t->counter <= t->guest_after;
	t->plausible = t->counter_in_window && offset < fwp_ptp_tolerance_ns() &&
		       offset > -fwp_ptp_tolerance_ns();
}

static void probe_kvm(struct fwp_probe_state *p)
{
	struct fwp_snapshot *s = p->snap;
	u64 res[4];
	u32 i, n;

	if (fwp_is_kvm(s) && fwp_call(p, FWP_KVM_FEATURES, 0, res) != FWP_SMCCC_NOT_SUPPORTED) {
		s->kvm_features_valid = true;
		fwp_words(res, s->kvm_features);
	}
	/*
	 * With FUNC_FEAT off KVM hides both UID and FEATURES; PTP itself is the
	 * only witness of its bit then.
	 */
	if (kvm_feature(s, FWP_KVM_FEAT_PTP) || s->identity == FWP_HYP_NONE) {
		ptp_sample(p, FWP_KVM_PTP_VIRT);
		if (s->ptp[FWP_KVM_PTP_VIRT].status >= 0 || kvm_feature(s, FWP_KVM_FEAT_PTP))
			ptp_sample(p, FWP_KVM_PTP_PHYS);
	}
	if (!kvm_feature(s, FWP_KVM_FEAT_DISCOVER_IMPL_VER) ||
	    fwp_call(p, FWP_KVM_DISCOVER_IMPL_VER, 0, res) != 0)
		return;
	s->impl_valid = true;
	s->impl_version = (u32)res[1];
	s->impl_count = (u32)res[2];
	if (!kvm_feature(s, FWP_KVM_FEAT_DISCOVER_IMPL_CPUS))
		return;
	n = s->impl_count < FWP_MAX_IMPLS ? s->impl_count : FWP_MAX_IMPLS;
	for (i = 0; i < n; i++) {
		if (fwp_call(p, FWP_KVM_DISCOVER_IMPL_CPUS, i, res) != 0)
			break;
		s->impl_cpu[i][FWP_IMPL_MIDR] = res[1];
		s->impl_cpu[i][FWP_IMPL_REVIDR] = res[2];
		s->impl_cpu[i][FWP_IMPL_AIDR] = res[3];
	}
}

static void probe_pv_time(struct fwp_probe_state *p)
{
	struct fwp_snapshot *s = p->snap;

	/* PV_TIME_FEATURES(PV_TIME_ST) only: PV_TIME_ST itself resets the record. */
	if (s->arch_features[FWP_AF_PV_TIME].asked && s->arch_features[FWP_AF_PV_TIME].value == 0)
		fwp_ask(p, &s->pv_time_st, FWP_PV_TIME_FEATURES, FWP_PV_TIME_ST);
}

static void reg_set(struct fwp_reg *r, u64 value, const char *basis)
{
	r->determined = true;
	r->value = value;
	r->basis = basis;
}

static void reg_unknown(struct fwp_reg *r, const char *why)
{
	r->determined = false;
	r->value = 0;
	r->basis = why;
}

/* ARCH_FEATURES answer to KVM_REG_ARM_SMCCC_ARCH_WORKAROUND_1/3 encoding. */
static void reg_workaround(struct fwp_reg *r, const struct fwp_answer *a)
{
	switch (a->value) {
	case FWP_SMCCC_NOT_SUPPORTED:
		reg_set(r, FWP_SMCCC_ARCH_WORKAROUND_NOT_AVAIL,
			"ARCH_FEATURES answered -1: NOT_AVAIL");
		break;
	case 0:
		reg_set(r, FWP_SMCCC_ARCH_WORKAROUND_AVAIL, "ARCH_FEATURES answered 0: AVAIL");
		break;
	case 1:
		reg_set(r, FWP_SMCCC_ARCH_WORKAROUND_NOT_REQUIRED,
			"ARCH_FEATURES answered 1: NOT_REQUIRED");
		break;
	default:
		reg_unknown(r, "ARCH_FEATURES answer has no register encoding");
	}
}

static void reconstruct(struct fwp_snapshot *s)
{
	struct fwp_reg *r = s->regs;
	const char *why = NULL;
	int i;

	if (s->conduit == FWP_CONDUIT_NONE)
		why = "no SMCCC 1.1 conduit: no call can be made";
	else if (!fwp_is_kvm(s) && s->identity != FWP_HYP_NONE)
		why = "not a KVM host: KVM's firmware registers do not apply";
	else if (!fwp_is_kvm(s) && (s->smccc_version != VER(1, 1) || s->soc_id_present))
		why = "not a KVM host: KVM always reports SMCCC 1.1 and never implements SOC_ID";
	if (why) {
		for (i = 0; i < FWP_REG_NR; i++)
			reg_unknown(&r[i], why);
		return;
	}

	if (s->psci_present)
		reg_set(&r[FWP_REG_PSCI_VERSION], s->psci_version, "PSCI_VERSION answer");
	else
		reg_unknown(&r[FWP_REG_PSCI_VERSION], "PSCI_VERSION not supported");

	reg_workaround(&r[FWP_REG_WORKAROUND_1], &s->arch_features[FWP_AF_WORKAROUND_1]);
	reg_workaround(&r[FWP_REG_WORKAROUND_3], &s->arch_features[FWP_AF_WORKAROUND_3]);
	switch (s->arch_features[FWP_AF_WORKAROUND_2].value) {
	case FWP_SMCCC_NOT_SUPPORTED:
		reg_set(&r[FWP_REG_WORKAROUND_2], FWP_SMCCC_ARCH_WORKAROUND_2_NOT_AVAIL,
			"ARCH_FEATURES answered -1: NOT_AVAIL");
		break;
	case FWP_SMCCC_NOT_REQUIRED:
		reg_set(&r[FWP_REG_WORKAROUND_2], FWP_SMCCC_ARCH_WORKAROUND_2_NOT_REQUIRED,
			"ARCH_FEATURES answered -2: NOT_REQUIRED");
		break;
	default:
		reg_unknown(&r[FWP_REG_WORKAROUND_2],
			    "ARCH_FEATURES answer is not one KVM gives for WORKAROUND_2");
	}

	reg_set(&r[FWP_REG_STD_BMAP],
		s->trng_version.value >= 0 ? BIT(FWP_STD_BIT_TRNG_V1_0) : 0,
		"TRNG_VERSION answered: bit 0 (TRNG_V1_0) set iff it succeeded");
	reg_set(&r[FWP_REG_STD_HYP_BMAP],
		s->arch_features[FWP_AF_PV_TIME].value == 0 ? BIT(FWP_STD_HYP_BIT_PV_TIME) : 0,
		"ARCH_FEATURES(PV_TIME_FEATURES): bit 0 (PV_TIME) set iff it answered 0");

	if (s->kvm_features_valid) {
		u32 bits = FWP_VENDOR_HYP_BMAP_MASK;

		/*
		 * KVM copies the bitmaps into FEATURES words 0 and 2; only bits
		 * 0-1 are register bits (pKVM's bits 2-31 have no register).
		 */
		reg_set(&r[FWP_REG_VENDOR_HYP_BMAP], s->kvm_features[0] & bits,
			"KVM FEATURES word 0, bits 0-1");
		reg_set(&r[FWP_REG_VENDOR_HYP_BMAP_2], s->kvm_features[2] & bits,
			"KVM FEATURES word 2, bits 0-1");
	} else if (s->identity == FWP_HYP_NONE) {
		if (s->ptp[FWP_KVM_PTP_VIRT].status >= 0)
			reg_set(&r[FWP_REG_VENDOR_HYP_BMAP], BIT(FWP_VENDOR_HYP_BIT_PTP),
				"Call UID unsupported (FUNC_FEAT off); PTP answered (PTP on)");
		else
			reg_unknown(&r[FWP_REG_VENDOR_HYP_BMAP],
				    "Call UID and PTP unsupported: FUNC_FEAT off; PTP off, or on with a host clocksource that is not the arch counter");
		reg_unknown(&r[FWP_REG_VENDOR_HYP_BMAP_2],
			    "FUNC_FEAT off hides the FEATURES word; DISCOVER_IMPL calls are not issued unadvertised");
	} else {
		reg_unknown(&r[FWP_REG_VENDOR_HYP_BMAP], "KVM FEATURES call failed");
		reg_unknown(&r[FWP_REG_VENDOR_HYP_BMAP_2], "KVM FEATURES call failed");
	}
}

/**
 * fwp_probe() - run the whole discovery sequence and decode it
 * @env: how to make calls and read clocks where this runs
 * @snap: zeroed snapshot to fill; generation is left to the caller
 *
 * Each call is guarded by what earlier answers allow; every call made is
 * recorded in @snap->calls. NOT_SUPPORTED answers mean "absent", not failure.
 *
 * Context: may sleep only if @env's callbacks do; makes at most a few dozen calls.
 */
void fwp_probe(const struct fwp_env *env, struct fwp_snapshot *snap)
{
	struct fwp_probe_state p = { .env = env, .snap = snap };
	u64 start = env->monotonic_ns(env->ctx);
	u64 res[4];
	s32 v;
	int i;

	snap->conduit = env->conduit;
	snap->identity = FWP_HYP_NONE;
	snap->smccc_version = VER(1, 0);
	if (env->conduit != FWP_CONDUIT_NONE) {
		u64 t0 = env->monotonic_ns(env->ctx);

		v = fwp_call(&p, FWP_SMCCC_VERSION, 0, res);
		snap->version_call_ns = env->monotonic_ns(env->ctx) - t0;
		if (v >= (s32)VER(1, 1))
			snap->smccc_version = (u32)v;
	}
	if (snap->smccc_version >= VER(1, 1)) {
		for (i = 0; i < FWP_AF_NR; i++)
			if (i != FWP_AF_SOC_ID)
				fwp_ask(&p, &snap->arch_features[i], FWP_SMCCC_ARCH_FEATURES,
					fwp_arch_funcs[i].fn);
		probe_soc_id(&p);
		probe_psci(&p);
		probe_trng(&p);
		probe_uids(&p);
		probe_kvm(&p);
		probe_pv_time(&p);
	} else if (env->conduit != FWP_CONDUIT_NONE) {
		snap->conduit = FWP_CONDUIT_NONE;	/* SMCCC 1.0: no discovery possible */
	}
	reconstruct(snap);
	snap->duration_ns = env->monotonic_ns(env->ctx) - start;
}
