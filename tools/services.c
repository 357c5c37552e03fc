// SPDX-License-Identifier: GPL-2.0
/*
 * Presence follows the sysfs files, which follow the answers (ABI document);
 * the evidence index points at the recorded call that produced them. Function
 * IDs come from lib/fwprobe_core.h, never as bare hex.
 */
#include "services.h"

static bool smccc_1_1(const struct fwp_model *m)
{
	return m->conduit != FWP_CONDUIT_NONE;
}

static bool psci(const struct fwp_model *m)
{
	return m->psci_version.present;
}

static bool trng(const struct fwp_model *m)
{
	return m->trng_version.present;
}

static bool pv_time(const struct fwp_model *m)
{
	return m->arch_features[FWP_AF_PV_TIME].present && m->arch_features[FWP_AF_PV_TIME].v == 0;
}

static bool stolen_time(const struct fwp_model *m)
{
	return m->pv_time_st.present && m->pv_time_st.v == 0;
}

static bool soc_id(const struct fwp_model *m)
{
	return m->soc_id_version.present;
}

static bool vendor_uid(const struct fwp_model *m)
{
	return m->uid_present;
}

static bool std_uid(const struct fwp_model *m)
{
	return m->std_uid.present;
}

static bool std_hyp_uid(const struct fwp_model *m)
{
	return m->std_hyp_uid.present;
}

static bool kvm_features(const struct fwp_model *m)
{
	return m->kvm_present;
}

static bool ptp_answered(const struct fwp_ptp_view *p)
{
	return p->status.present && p->status.v >= 0;
}

static bool ptp_virtual(const struct fwp_model *m)
{
	return ptp_answered(&m->ptp[FWP_KVM_PTP_VIRT]);
}

static bool ptp_physical(const struct fwp_model *m)
{
	return ptp_answered(&m->ptp[FWP_KVM_PTP_PHYS]);
}

static bool discover_impl(const struct fwp_model *m)
{
	return m->impl_version.present;
}

#define CALL(f)		.fn = f
#define QUERY(f, a)	.fn = f, .match_arg = true, .arg = a

const struct service services[] = {
	{ "SMCCC 1.1+ (SMCCC_VERSION)", CALL(FWP_SMCCC_VERSION), .present = smccc_1_1 },
	{ "PSCI", CALL(FWP_PSCI_VERSION), .present = psci },
	{ "TRNG", CALL(FWP_TRNG_VERSION), .present = trng },
	{ "PV_TIME", QUERY(FWP_SMCCC_ARCH_FEATURES, FWP_PV_TIME_FEATURES), .present = pv_time },
	{ "PV_TIME stolen time", QUERY(FWP_PV_TIME_FEATURES, FWP_PV_TIME_ST), .present = stolen_time },
	{ "SOC_ID", QUERY(FWP_SMCCC_ARCH_FEATURES, FWP_SMCCC_SOC_ID), .present = soc_id },
	{ "vendor hypervisor Call UID", CALL(FWP_VENDOR_HYP_CALL_UID), .present = vendor_uid },
	{ "standard secure Call UID", CALL(FWP_STD_CALL_UID), .present = std_uid },
	{ "standard hypervisor Call UID", CALL(FWP_STD_HYP_CALL_UID), .present = std_hyp_uid },
	{ "KVM FEATURES", CALL(FWP_KVM_FEATURES), .present = kvm_features },
	{ "KVM PTP (virtual counter)", QUERY(FWP_KVM_PTP, FWP_KVM_PTP_VIRT), .present = ptp_virtual },
	{ "KVM PTP (physical counter)", QUERY(FWP_KVM_PTP, FWP_KVM_PTP_PHYS), .present = ptp_physical },
	{ "KVM DISCOVER_IMPL", CALL(FWP_KVM_DISCOVER_IMPL_VER), .present = discover_impl },
};

const unsigned int nservices = ARRAY_SIZE(services);

/** service_evidence() - index of the call deciding @s in the evidence, or -1 (not asked). */
int service_evidence(const struct fwp_model *m, const struct service *s)
{
	return model_find_call(m, s->fn, s->match_arg, s->arg);
}

/** workaround_evidence() - the ARCH_FEATURES call for arch feature @af, or -1. */
int workaround_evidence(const struct fwp_model *m, unsigned int af)
{
	return model_find_call(m, FWP_SMCCC_ARCH_FEATURES, true, fwp_arch_funcs[af].fn);
}

_Static_assert(FWP_REG_WORKAROUND_2 - FWP_REG_WORKAROUND_1 == FWP_AF_WORKAROUND_2 - FWP_AF_WORKAROUND_1 &&
	       FWP_REG_WORKAROUND_3 - FWP_REG_WORKAROUND_1 == FWP_AF_WORKAROUND_3 - FWP_AF_WORKAROUND_1,
	       "workaround registers follow the ARCH_FEATURES questions");

/** workaround_register() - the register ARCH_FEATURES question @af (WORKAROUND_n) determines. */
enum fwp_reg_id workaround_register(unsigned int af)
{
	return FWP_REG_WORKAROUND_1 + (int)(af - FWP_AF_WORKAROUND_1);
}

/** psci_feature_evidence() - the PSCI_FEATURES call for fwp_psci_funcs[@i], or -1. */
int psci_feature_evidence(const struct fwp_model *m, unsigned int i)
{
	return model_find_call(m, FWP_PSCI_FEATURES, true, fwp_psci_funcs[i].f.fn);
}
