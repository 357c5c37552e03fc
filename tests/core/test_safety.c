// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of the safety verdict (lib/fwprobe_safety.c): what the
 * kernel decided at boot against two vCPUs' registers and capability bits,
 * as fwprobe.ko hands them over after a probe. Field positions are written
 * out here from the Arm ARM (ID_AA64ISAR0_EL1.ATOMIC 23:20 and SHA3 35:32,
 * ID_AA64PFR0_EL1.FP 19:16, signed; ID_ISAR5_EL1.AES 7:4, ID_PFR2_EL1.SSBS
 * 7:4), not taken from lib/.
 */
#include <stdio.h>
#include <string.h>

#include "fwprobe_safety.h"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "kselftest_harness.h"

#define ISAR0(atomic, sha3)	((unsigned long long)(atomic) << 20 | (unsigned long long)(sha3) << 32)
#define PFR0_FP(fp)		((unsigned long long)(fp) << 16)
#define ISAR5_AES(aes)		((unsigned long long)(aes) << 4)
#define PFR2_SSBS(ssbs)		((unsigned long long)(ssbs) << 4)
#define NOT_READ		(~0ULL)		/* the vCPU did not give the register */
#define NCPUS			2

FIXTURE(safety) {
	struct fwp_hw_cpu cpu[NCPUS];
	unsigned long online[1];
	struct fwp_hw_view hw;
	struct fwp_safety sf;
};

FIXTURE_VARIANT(safety) {
	unsigned long long isar0[NCPUS], pfr0[NCPUS];
	unsigned long long isar5[NCPUS], pfr2[NCPUS];	/* AArch32: the compat HWCAPs */
	unsigned long online;			/* bit per vCPU */
	const char *caps_boot;			/* names, space-separated */
	const char *caps_lacking[NCPUS];	/* capabilities each vCPU fails now */
	const char *hwcaps_boot;
	const char *errata_boot;		/* workarounds the kernel enabled */
	const char *errata_now[NCPUS];		/* workarounds each vCPU needs now */
	const char *live_boot;			/* what the system offered tasks at boot */
	const char *live_lacking[NCPUS];	/* of fwp_lives, what each vCPU lacks now */
	enum fwp_verdict verdict;
	const char *caps_lost, *hwcaps_lost, *hwcaps_unknown;
	const char *errata_needed;		/* NULL: none */
	const char *live_lost;			/* NULL: none */
	bool unsafe[NCPUS];
};

FIXTURE_VARIANT_ADD(safety, nothing_changed) {
	.isar0 = { ISAR0(2, 1), ISAR0(2, 1) }, .online = 3,
	.caps_boot = "HAS_LSE_ATOMICS HAS_PAN", .hwcaps_boot = "atomics sha3",
	.verdict = FWP_VERDICT_SAFE, .caps_lost = "", .hwcaps_lost = "", .hwcaps_unknown = "" };

FIXTURE_VARIANT_ADD(safety, sha3_gone_on_one_vcpu) {
	.isar0 = { ISAR0(2, 1), ISAR0(2, 0) }, .online = 3,
	.caps_boot = "HAS_LSE_ATOMICS", .hwcaps_boot = "atomics sha3",
	.verdict = FWP_VERDICT_UNSAFE, .caps_lost = "", .hwcaps_lost = "sha3",
	.hwcaps_unknown = "", .unsafe = { false, true } };

FIXTURE_VARIANT_ADD(safety, capability_the_kernel_patched_in_is_gone) {
	.isar0 = { ISAR0(0, 1), ISAR0(0, 1) }, .online = 3,
	.caps_boot = "HAS_LSE_ATOMICS HAS_PAN",
	.caps_lacking = { "HAS_LSE_ATOMICS", "HAS_LSE_ATOMICS" }, .hwcaps_boot = "atomics",
	.verdict = FWP_VERDICT_UNSAFE, .caps_lost = "HAS_LSE_ATOMICS", .hwcaps_lost = "atomics",
	.hwcaps_unknown = "", .unsafe = { true, true } };

/* A capability the kernel did not enable at boot may come and go. */
FIXTURE_VARIANT_ADD(safety, appeared_or_unused_is_harmless) {
	.isar0 = { ISAR0(2, 1), ISAR0(2, 0) }, .online = 3,
	.caps_boot = "HAS_PAN", .caps_lacking = { "HAS_CACHE_IDC", "HAS_CACHE_IDC" },
	.hwcaps_boot = "atomics",
	.verdict = FWP_VERDICT_SAFE, .caps_lost = "", .hwcaps_lost = "", .hwcaps_unknown = "" };

/* The kernel tests an offline vCPU itself when it comes back. */
FIXTURE_VARIANT_ADD(safety, offline_vcpu_is_not_judged) {
	.isar0 = { ISAR0(2, 1), ISAR0(2, 0) }, .online = 1,
	.caps_boot = "HAS_LSE_ATOMICS", .caps_lacking = { NULL, "HAS_LSE_ATOMICS" },
	.hwcaps_boot = "sha3",
	.verdict = FWP_VERDICT_SAFE, .caps_lost = "", .hwcaps_lost = "", .hwcaps_unknown = "" };

FIXTURE_VARIANT_ADD(safety, register_not_read_is_unknown) {
	.isar0 = { ISAR0(2, 1), NOT_READ }, .online = 3,
	.caps_boot = "HAS_LSE_ATOMICS", .hwcaps_boot = "sha3",
	.verdict = FWP_VERDICT_UNKNOWN, .caps_lost = "", .hwcaps_lost = "",
	.hwcaps_unknown = "sha3" };

/* FP is signed: 0xf is "no floating point", below fp's least value 0. */
FIXTURE_VARIANT_ADD(safety, signed_field_minus_one_is_lost) {
	.isar0 = { ISAR0(2, 1), ISAR0(2, 1) }, .pfr0 = { PFR0_FP(1), PFR0_FP(0xf) }, .online = 3,
	.caps_boot = "", .hwcaps_boot = "fp fphp",
	.verdict = FWP_VERDICT_UNSAFE, .caps_lost = "", .hwcaps_lost = "fp fphp",
	.hwcaps_unknown = "", .unsafe = { false, true } };

FIXTURE_VARIANT_ADD(safety, signed_field_higher_is_kept) {
	.isar0 = { ISAR0(3, 1), ISAR0(2, 1) }, .pfr0 = { PFR0_FP(1), PFR0_FP(1) }, .online = 3,
	.caps_boot = "", .hwcaps_boot = "fp fphp atomics",
	.verdict = FWP_VERDICT_SAFE, .caps_lost = "", .hwcaps_lost = "", .hwcaps_unknown = "" };

/* A vCPU that now needs a workaround the kernel did not enable: the kernel would refuse it. */
FIXTURE_VARIANT_ADD(safety, erratum_workaround_now_needed) {
	.isar0 = { ISAR0(2, 1), ISAR0(2, 1) }, .online = 3,
	.caps_boot = "HAS_PAN", .errata_now = { NULL, "WORKAROUND_1463225" },
	.verdict = FWP_VERDICT_UNSAFE, .caps_lost = "", .hwcaps_lost = "", .hwcaps_unknown = "",
	.errata_needed = "WORKAROUND_1463225", .unsafe = { false, true } };

/* A workaround enabled at boot covers the vCPU that needs it; one no longer needed is harmless. */
FIXTURE_VARIANT_ADD(safety, erratum_workaround_enabled_at_boot) {
	.isar0 = { ISAR0(2, 1), ISAR0(2, 1) }, .online = 3,
	.errata_boot = "WORKAROUND_1463225", .errata_now = { "WORKAROUND_1463225", NULL },
	.verdict = FWP_VERDICT_SAFE, .caps_lost = "", .hwcaps_lost = "", .hwcaps_unknown = "" };

/* AES 1 still gives 32-bit processes aes, not pmull (AES 2). */
FIXTURE_VARIANT_ADD(safety, compat_pmull_gone_aes_kept) {
	.isar0 = { ISAR0(2, 1), ISAR0(2, 1) }, .isar5 = { ISAR5_AES(2), ISAR5_AES(1) }, .online = 3,
	.hwcaps_boot = "atomics compat_aes compat_pmull",
	.verdict = FWP_VERDICT_UNSAFE, .caps_lost = "", .hwcaps_lost = "compat_pmull",
	.hwcaps_unknown = "", .unsafe = { false, true } };

/* The table's last HWCAP, in the bitmaps' third word. */
FIXTURE_VARIANT_ADD(safety, compat_ssbs_gone) {
	.isar0 = { ISAR0(2, 1), ISAR0(2, 1) }, .pfr2 = { PFR2_SSBS(0), PFR2_SSBS(1) }, .online = 3,
	.caps_boot = "HAS_32BIT_EL0_DO_NOT_USE", .hwcaps_boot = "compat_ssbs",
	.verdict = FWP_VERDICT_UNSAFE, .caps_lost = "", .hwcaps_lost = "compat_ssbs",
	.hwcaps_unknown = "", .unsafe = { true, false } };

/* A vCPU without AArch32 at EL0 fails the kernel's own test: no 32-bit process can run. */
FIXTURE_VARIANT_ADD(safety, aarch32_el0_gone) {
	.isar0 = { ISAR0(2, 1), ISAR0(2, 1) }, .online = 3,
	.caps_boot = "HAS_32BIT_EL0_DO_NOT_USE",
	.caps_lacking = { NULL, "HAS_32BIT_EL0_DO_NOT_USE" },
	.verdict = FWP_VERDICT_UNSAFE, .caps_lost = "HAS_32BIT_EL0_DO_NOT_USE", .hwcaps_lost = "",
	.hwcaps_unknown = "", .unsafe = { false, true } };

/* A vCPU that now runs a shorter SVE length than the kernel set there: its SVE tasks get killed. */
FIXTURE_VARIANT_ADD(safety, sve_length_shorter_on_one_vcpu) {
	.isar0 = { ISAR0(2, 1), ISAR0(2, 1) }, .online = 3,
	.live_boot = "sve_vector_length ctr_el0_IDC", .live_lacking = { NULL, "sve_vector_length" },
	.verdict = FWP_VERDICT_UNSAFE, .caps_lost = "", .hwcaps_lost = "", .hwcaps_unknown = "",
	.live_lost = "sve_vector_length", .unsafe = { false, true } };

/* CTR_EL0.IDC gone on both: processes skip a clean they now need. DIC was never there. */
FIXTURE_VARIANT_ADD(safety, ctr_idc_gone_dic_never_there) {
	.isar0 = { ISAR0(2, 1), ISAR0(2, 1) }, .online = 3,
	.live_boot = "ctr_el0_IDC",
	.live_lacking = { "ctr_el0_IDC ctr_el0_DIC", "ctr_el0_IDC ctr_el0_DIC" },
	.verdict = FWP_VERDICT_UNSAFE, .caps_lost = "", .hwcaps_lost = "", .hwcaps_unknown = "",
	.live_lost = "ctr_el0_IDC", .unsafe = { true, true } };

/* An offline vCPU is not judged for these either. */
FIXTURE_VARIANT_ADD(safety, sve_length_on_offline_vcpu_not_judged) {
	.isar0 = { ISAR0(2, 1), ISAR0(2, 1) }, .online = 1,
	.live_boot = "sve_vector_length", .live_lacking = { NULL, "sve_vector_length" },
	.verdict = FWP_VERDICT_SAFE, .caps_lost = "", .hwcaps_lost = "", .hwcaps_unknown = "" };

/* The index of entry @name of lib's table @t, or -1. */
static int index_of(enum fwp_safety_table t, const char *name)
{
	unsigned int i;

	for (i = 0; i < fwp_safety_count(t); i++)
		if (!strcmp(fwp_safety_name(t, i), name))
			return i;
	return -1;
}

/* Names to a bitmap; -1 if one is unknown. */
static int to_bits(const char *names, enum fwp_safety_table t, u64 *bits)
{
	char copy[512], *tok, *save = NULL;
	int i;

	snprintf(copy, sizeof(copy), "%s", names ? names : "");
	for (tok = strtok_r(copy, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		i = index_of(t, tok);
		if (i < 0)
			return -1;
		fwp_hw_set(bits, i);
	}
	return 0;
}

static void to_names(const u64 *bits, enum fwp_safety_table t, char *buf, size_t len)
{
	unsigned int i;

	buf[0] = 0;
	for (i = 0; i < fwp_safety_count(t); i++)
		if (fwp_hw_bit(bits, i))
			snprintf(buf + strlen(buf), len - strlen(buf), "%s%s", buf[0] ? " " : "",
				 fwp_safety_name(t, i));
}

FIXTURE_SETUP(safety)
{
	u64 lacking;
	int c;

	memset(self, 0, sizeof(*self));
	self->hw.ncpus = NCPUS;
	self->hw.cpu = self->cpu;
	self->hw.online = self->online;
	self->online[0] = variant->online;
	for (c = 0; c < NCPUS; c++) {
		if (variant->isar0[c] != NOT_READ) {
			self->cpu[c].reg[FWP_HW_id_aa64isar0_el1] = variant->isar0[c];
			fwp_hw_set(self->cpu[c].present, FWP_HW_id_aa64isar0_el1);
		}
		self->cpu[c].reg[FWP_HW_id_aa64pfr0_el1] = variant->pfr0[c];
		fwp_hw_set(self->cpu[c].present, FWP_HW_id_aa64pfr0_el1);
		self->cpu[c].reg[FWP_HW_id_isar5_el1] = variant->isar5[c];
		fwp_hw_set(self->cpu[c].present, FWP_HW_id_isar5_el1);
		self->cpu[c].reg[FWP_HW_id_pfr2_el1] = variant->pfr2[c];
		fwp_hw_set(self->cpu[c].present, FWP_HW_id_pfr2_el1);
		/* A vCPU meets every capability but those it lacks. */
		lacking = 0;
		ASSERT_EQ(0, to_bits(variant->caps_lacking[c], FWP_SAFETY_CAPS, &lacking));
		self->cpu[c].caps = ~lacking;
		ASSERT_EQ(0, to_bits(variant->errata_now[c], FWP_SAFETY_ERRATA, &self->cpu[c].errata));
		lacking = 0;
		ASSERT_EQ(0, to_bits(variant->live_lacking[c], FWP_SAFETY_LIVE, &lacking));
		self->cpu[c].live = ~lacking;
	}
	ASSERT_EQ(0, to_bits(variant->caps_boot, FWP_SAFETY_CAPS, &self->sf.caps_boot));
	ASSERT_EQ(0, to_bits(variant->errata_boot, FWP_SAFETY_ERRATA, &self->sf.errata_boot));
	ASSERT_EQ(0, to_bits(variant->hwcaps_boot, FWP_SAFETY_HWCAPS, self->sf.hwcaps_boot));
	ASSERT_EQ(0, to_bits(variant->live_boot, FWP_SAFETY_LIVE, &self->sf.live_boot));
}

FIXTURE_TEARDOWN(safety)
{
}

TEST_F(safety, verdict_and_what_is_lost)
{
	char names[512];
	int c;

	fwp_safety_eval(&self->sf, &self->hw);
	EXPECT_STREQ(fwp_verdict_names[variant->verdict], fwp_verdict_names[self->sf.verdict]);
	to_names(&self->sf.caps_lost, FWP_SAFETY_CAPS, names, sizeof(names));
	EXPECT_STREQ(variant->caps_lost, names);
	to_names(&self->sf.errata_needed, FWP_SAFETY_ERRATA, names, sizeof(names));
	EXPECT_STREQ(variant->errata_needed ?: "", names);
	to_names(self->sf.hwcaps_lost, FWP_SAFETY_HWCAPS, names, sizeof(names));
	EXPECT_STREQ(variant->hwcaps_lost, names);
	to_names(self->sf.hwcaps_unknown, FWP_SAFETY_HWCAPS, names, sizeof(names));
	EXPECT_STREQ(variant->hwcaps_unknown, names);
	to_names(&self->sf.live_lost, FWP_SAFETY_LIVE, names, sizeof(names));
	EXPECT_STREQ(variant->live_lost ?: "", names);
	for (c = 0; c < NCPUS; c++)
		EXPECT_EQ(variant->unsafe[c], self->cpu[c].unsafe) TH_LOG("vCPU %d", c);
}

/* Every HWCAP names a field its register has: fwp_hwcap_met() never says "cannot tell" for a read register. */
TEST(every_hwcap_field_exists)
{
	struct fwp_hw_cpu c;
	int i;

	memset(&c, 0, sizeof(c));
	for (i = 0; i < FWP_HWCAP_NR; i++) {
		fwp_hw_set(c.present, fwp_hwcaps[i].reg);
		EXPECT_NE(-1, fwp_hwcap_met(&fwp_hwcaps[i], &c))
			TH_LOG("%s: no field %s in %s", fwp_hwcaps[i].name, fwp_hwcaps[i].field,
			       fwp_hwregs[fwp_hwcaps[i].reg].name);
	}
}

/* The kernel's HWCAP numbers: 64 per auxv word, as cpu_have_feature() counts. */
TEST(kernel_hwcap_numbers)
{
	EXPECT_EQ(17U, fwp_hwcap_kernel_nr(&fwp_hwcaps[index_of(FWP_SAFETY_HWCAPS, "sha3")]));
	EXPECT_EQ(32U, fwp_hwcap_kernel_nr(&fwp_hwcaps[index_of(FWP_SAFETY_HWCAPS, "gcs")]));
	EXPECT_EQ(64U + 1, fwp_hwcap_kernel_nr(&fwp_hwcaps[index_of(FWP_SAFETY_HWCAPS, "sve2")]));
	EXPECT_EQ(128U + 3, fwp_hwcap_kernel_nr(&fwp_hwcaps[index_of(FWP_SAFETY_HWCAPS, "ls64")]));
}

TEST_HARNESS_MAIN
