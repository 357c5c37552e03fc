// SPDX-License-Identifier: GPL-2.0
/*
 * Rehearsing a rollback on the real test bed: a guest on an older host saves
 * its machine type (fwprobe --save); a newer host is made to show the same
 * (scripts/vmtest --machine-type, the settings fwprobe --vmm-settings derives
 * from the file); the guest there checks itself against the file (fwprobe
 * --expect). Whatever the newer host could not be made to hide is asserted
 * here by name, with why.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "vm.h"

#define ROLLBACK_TIMEOUT	900

FIXTURE(rollback) {
	struct vm_run older, newer;
	char dir[64], path[128];
};

FIXTURE_VARIANT(rollback) {
	const char *from, *to;
	bool firmware_only;		/* pin only the file's firmware registers */
	bool best_effort;		/* --machine-type-best-effort */
	int expect;			/* fwprobe --expect on the newer host: 0 or 1 */
	const char *says[4];		/* lines that --expect must print */
	const char *unpinned[8];	/* the registers vmtest could not pin, all of them */
};

/*
 * 6.1 -> 7.2: the newer host takes every value a 6.1 guest saw: PSCI 1.1 and
 * the bitmaps, the lower DebugVer and HCX, 6.1's CLIDR_EL1 and real cache
 * geometry, CTR_EL0 with IDC 0, GICD_IIDR. Nothing shows.
 */
FIXTURE_VARIANT_ADD(rollback, pin_6_1_on_latest) { .from = "6.1", .to = "latest", .expect = 0 };
/*
 * 6.1 -> 6.12 cannot be pinned whole: 6.12 refuses to lower
 * ID_AA64MMFR1_EL1.HCX (7.2 takes it), and has no VENDOR_HYP_BMAP_2 register
 * to set to 0 (added in 6.15). The guest sees the latter as 0 anyway (KVM
 * FEATURES word 2), so only HCX shows, and harmlessly: a guest set up
 * without HCX survives it.
 */
FIXTURE_VARIANT_ADD(rollback, pin_6_1_on_6_12_best_effort) {
	.from = "6.1", .to = "6.12", .best_effort = true, .expect = 1,
	.says = { "ID_AA64MMFR1_EL1.HCX: expected 0, guest sees 1: higher than the machine type" },
	.unpinned = { "id_aa64mmfr1_el1", "vendor_hyp_bmap_2" } };
/* The firmware registers alone, across all three hosts. */
FIXTURE_VARIANT_ADD(rollback, firmware_6_1_on_6_12_best_effort) {
	.from = "6.1", .to = "6.12", .firmware_only = true, .best_effort = true, .expect = 0,
	.unpinned = { "vendor_hyp_bmap_2" } };
FIXTURE_VARIANT_ADD(rollback, firmware_6_1_on_latest) {
	.from = "6.1", .to = "latest", .firmware_only = true, .expect = 0 };
FIXTURE_VARIANT_ADD(rollback, firmware_6_12_on_latest) {
	.from = "6.12", .to = "latest", .firmware_only = true, .expect = 0 };
/*
 * The other way, with --machine-type-best-effort: a 6.1 host cannot show a
 * 7.2 guest's PSCI 1.3 (KVM 6.1 knows no PSCI 1.3) nor hold a
 * VENDOR_HYP_BMAP_2 register, so the guest sees PSCI 1.1.
 */
FIXTURE_VARIANT_ADD(rollback, firmware_latest_on_6_1_best_effort) {
	.from = "latest", .to = "6.1", .firmware_only = true, .best_effort = true, .expect = 1,
	.says = { "psci_version: expected 0x10003 (1.3), guest sees 0x10001 (1.1)" },
	.unpinned = { "psci_version", "vendor_hyp_bmap_2" } };

/*
 * A whole 7.2 machine type on 6.1, best effort: 6.1 takes no change to an ID
 * or cache register, so it cannot show 7.2's DebugVer 9, HCX or fabricated
 * cache geometry, nor PSCI 1.3 or VENDOR_HYP_BMAP_2. CTR_EL0 is "pinned"
 * (KVM 6.1 already holds 7.2's value), yet the guest reads the CPU's own
 * CTR_EL0 untrapped, with IDC 0: what KVM holds is not what a 6.1 guest sees.
 */
FIXTURE_VARIANT_ADD(rollback, latest_on_6_1_best_effort) {
	.from = "latest", .to = "6.1", .best_effort = true, .expect = 1,
	.says = { "ID_AA64DFR0_EL1.DebugVer: expected 9, guest sees 6",
		  "CTR_EL0.IDC: expected 1, guest sees 0", "psci_version: expected 0x10003" },
	.unpinned = { "clidr_el1", "ccsidr_el1.l1i", "ccsidr_el1.l2u", "id_aa64dfr0_el1",
		      "id_aa64mmfr1_el1", "psci_version", "vendor_hyp_bmap_2" } };

FIXTURE_SETUP(rollback)
{
	snprintf(self->dir, sizeof(self->dir), "/tmp/fwprobe-rollback.XXXXXX");
	self->path[0] = '\0';
}

FIXTURE_TEARDOWN(rollback)
{
	vm_free(&self->older);
	vm_free(&self->newer);
	if (self->path[0]) {
		unlink(self->path);
		rmdir(self->dir);
	}
}

static int count(const char *text, const char *what)
{
	int n = 0;

	for (text = strstr(text, what); text; text = strstr(text + 1, what))
		n++;
	return n;
}

/* The saved machine type, whole or with its firmware registers only. */
static int write_machine_type(const char *saved, bool firmware_only, const char *path)
{
	json_t *mt = json_loads(saved ?: "", JSON_REJECT_DUPLICATES, NULL);
	int ret;

	if (!mt)
		return -1;
	if (firmware_only) {
		json_object_del(mt, "cpu_registers");
		json_object_del(mt, "gic_registers");
		json_object_del(mt, "vector_lengths");
	}
	ret = json_dump_file(mt, path, JSON_INDENT(2));
	json_decref(mt);
	return ret;
}

TEST_F_TIMEOUT(rollback, newer_host_shows_the_older_machine_type, ROLLBACK_TIMEOUT)
{
	const char *older[] = { "--host-kernel", variant->from, "--put", "tests/kvm/guest-hw.sh",
				"--", "sh", "/put/guest-hw.sh", NULL };
	const char *newer[16] = { "--host-kernel", variant->to, "--put", "tests/kvm/guest-hw.sh",
				  "--machine-type", self->path, "--put", self->path };
	const char *says;
	char why[512];
	int n = 8, i, valid;

	VM_SKIP_UNLESS_MINE(false);
	vm_run(&self->older, older, false);
	TH_LOG("saved on %s: %.0f s", variant->from, self->older.seconds);
	if (self->older.status)
		TH_LOG("%s\n%s", self->older.out, self->older.err);
	ASSERT_EQ(0, self->older.status);
	ASSERT_STREQ("0", vm_value(&self->older, "save"));
	ASSERT_NE(NULL, mkdtemp(self->dir));
	snprintf(self->path, sizeof(self->path), "%s/expect.json", self->dir);
	ASSERT_EQ(0, write_machine_type(vm_value(&self->older, "saved"), variant->firmware_only,
					self->path));
	/* What --save wrote (or its firmware part) is valid against the schema. */
	valid = vm_schema_check(self->path, why, sizeof(why));
	TH_LOG("the saved machine type against the schema: %s", why);
	ASSERT_EQ(0, valid);

	if (variant->best_effort)
		newer[n++] = "--machine-type-best-effort";
	newer[n++] = "--";
	newer[n++] = "sh";
	newer[n++] = "/put/guest-hw.sh";
	vm_run(&self->newer, newer, false);
	TH_LOG("pinned on %s: %.0f s, vmtest exit %d", variant->to, self->newer.seconds,
	       self->newer.status);
	if (self->newer.status)
		TH_LOG("%s\n%s", self->newer.out, self->newer.err);
	ASSERT_EQ(0, self->newer.status);
	says = vm_value(&self->newer, "expect_says") ?: "";
	TH_LOG("fwprobe --expect of what %s showed: %s: %s", variant->from,
	       vm_value(&self->newer, "expect"), says);
	ASSERT_EQ(variant->expect, atoi(vm_value(&self->newer, "expect") ?: "-1"));
	for (i = 0; i < 4 && variant->says[i]; i++)
		ASSERT_NE(NULL, strstr(says, variant->says[i]));
	/* Exactly these registers could not be pinned (each line names one, then "="). */
	for (i = 0; i < 8 && variant->unpinned[i]; i++) {
		char line[96];

		snprintf(line, sizeof(line), "could not pin %s=", variant->unpinned[i]);
		ASSERT_NE(NULL, strstr(self->newer.err, line));
	}
	ASSERT_EQ(i, count(self->newer.err, "could not pin "));
}

TEST_HARNESS_MAIN
