// SPDX-License-Identifier: GPL-2.0
/*
 * fwprobe's packages in a real Debian guest on the real test bed (vmtest
 * --guest-os debian): the packages `make deb` built are installed with apt,
 * DKMS builds the module inside the guest against its running kernel, and the
 * guest is booted again from the same disk to see what the packages do at
 * boot: load the module, run the check, and have node_exporter serve the
 * verdict. One variant then live-migrates that guest to a destination whose
 * VMM drops the bitmap registers, and nothing is typed in the guest: the
 * drift watch, udev and the check service have to report it.
 * The guest's side is tests/kvm/guest-debian.sh.
 */
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "vm.h"

#define DEBIAN_TIMEOUT	3600

FIXTURE(debian) {
	struct vm_run install, boot;
	char disk[64];
	char *debs[2];
};

FIXTURE_VARIANT(debian) {
	const char *guest;		/* guest kernel: the Debian system that ships it */
	const char *release;		/* what uname -r starts with in that guest */
	const char *migrate_to;		/* live-migrate the booted guest there, or NULL */
	bool uefi;			/* booted by edk2 and Debian's GRUB from a GPT disk */
};

FIXTURE_VARIANT_ADD(debian, bookworm_6_1) {
	.guest = "6.1", .release = "6.1.",
};

/*
 * The source VMM pins VENDOR_HYP_BMAP to 0x1 (no PTP): that is what the guest
 * saw when the packages were installed, its baseline. The destination VMM
 * does not restore the bitmaps, so the host's default 0x3 returns. This
 * guest boots as Debian's cloud images do: UEFI firmware (edk2) with ACPI,
 * GRUB from the EFI system partition of a GPT disk, for both runs and at
 * both ends of the migration.
 */
FIXTURE_VARIANT_ADD(debian, bookworm_backports_6_12_migrated) {
	.guest = "6.12", .release = "6.12.", .migrate_to = "6.12", .uefi = true,
};

FIXTURE_VARIANT_ADD(debian, sid_latest) {
	.guest = "latest", .release = "",
};

FIXTURE_SETUP(debian)
{
	glob_t g;

	/* The packages make deb built (scripts/check builds them first). */
	if (glob("build/deb/fwprobe_*_arm64.deb", 0, NULL, &g) ||
	    glob("build/deb/fwprobe-dkms_*_all.deb", GLOB_APPEND, NULL, &g))
		ASSERT_EQ(0, system("make -s deb >/dev/null"));
	globfree(&g);
	ASSERT_EQ(0, glob("build/deb/fwprobe_*_arm64.deb", 0, NULL, &g));
	ASSERT_EQ(0, glob("build/deb/fwprobe-dkms_*_all.deb", GLOB_APPEND, NULL, &g));
	self->debs[0] = strdup(g.gl_pathv[0]);
	self->debs[1] = strdup(g.gl_pathv[1]);
	globfree(&g);
	snprintf(self->disk, sizeof(self->disk), "/tmp/fwprobe-debian-disk.%d.img", getpid());
	unlink(self->disk);
}

FIXTURE_TEARDOWN(debian)
{
	unlink(self->disk);
	vm_free(&self->install);
	vm_free(&self->boot);
	free(self->debs[0]);
	free(self->debs[1]);
}

/* Every line "key=value" of the guest's output for KEY, into the test's log. */
static void log_lines(struct __test_metadata *_metadata, const struct vm_run *r, const char *key)
{
	const char *v;
	int i;

	for (i = 0; (v = vm_value_nth(r, key, i)); i++)
		TH_LOG("  %s", v);
}

/* Whether a line "key=..." containing TEXT is in the guest's output. */
static bool has_line(const struct vm_run *r, const char *key, const char *text)
{
	const char *v;
	int i;

	for (i = 0; (v = vm_value_nth(r, key, i)); i++)
		if (strstr(v, text))
			return true;
	return false;
}

static void run_guest(struct vm_run *r, FIXTURE_DATA(debian) *self,
		      const FIXTURE_VARIANT(debian) *variant, const char *phase, bool migrate)
{
	const char *args[40] = { "--guest-os", "debian", "--guest-kernel", variant->guest,
				 "--guest-disk", self->disk,
				 "--put", "tests/kvm/guest-debian.sh",
				 "--put", self->debs[0], "--put", self->debs[1] };
	int n = 12;

	if (variant->uefi) {
		args[n++] = "--firmware";
		args[n++] = "uefi";
	}
	if (variant->migrate_to) {
		/* The source's VMM, for both runs: the baseline is what it shows. */
		args[n++] = "--set-reg";
		args[n++] = "vendor_hyp_bmap=0x1";
	}
	if (migrate) {
		args[n++] = "--migrate-to";
		args[n++] = variant->migrate_to;
		args[n++] = "--migrate-drop-bitmaps";
	}
	args[n++] = "--";
	args[n++] = "sh";
	args[n++] = "/put/guest-debian.sh";
	args[n++] = phase;
	vm_run(r, args, false);
}

TEST_F_TIMEOUT(debian, packages_install_boot_and_report, DEBIAN_TIMEOUT)
{
	const struct vm_run *r = &self->install;

	VM_SKIP_UNLESS_MINE(false);

	/* 1. apt install in a fresh guest: DKMS builds, the packages load and check. */
	run_guest(&self->install, self, variant, "install", false);
	TH_LOG("install run (guest %s): vmtest exit %d after %.0f s, apt install took %s s",
	       variant->guest, r->status, r->seconds, vm_value(r, "install_seconds"));
	if (r->status)
		TH_LOG("%s\n%s", r->out, r->err);
	ASSERT_EQ(0, r->status);
	ASSERT_STREQ("0", vm_value(r, "apt_install"));
	/* Where the install's time went: dpkg's steps, by the guest's clock. */
	TH_LOG("apt started at %s", vm_value(r, "apt_start") ?: "?");
	log_lines(_metadata, r, "apt_step");
	TH_LOG("dkms status: %s", vm_value(r, "dkms_status"));
	ASSERT_NE(NULL, strstr(vm_value(r, "dkms_status"), "installed"));
	TH_LOG("module: %s", vm_value(r, "module_file"));
	ASSERT_NE(NULL, strstr(vm_value(r, "module_file"), "/updates/dkms/fwprobe.ko"));
	ASSERT_STREQ("yes", vm_value(r, "module_loaded"));
	/* The check after installation: it saved the baseline, then matched it. */
	log_lines(_metadata, r, "journal");
	ASSERT_STREQ("0", vm_value(r, "check_status"));
	ASSERT_STREQ("saved", vm_value(r, "baseline"));
	ASSERT_TRUE(has_line(r, "journal", "first run: saved what this guest sees"));
	ASSERT_TRUE(has_line(r, "journal", "OK: this guest matches the baseline"));
	/* postinst started the timer: it keeps the check recent until the next boot. */
	ASSERT_STREQ("active", vm_value(r, "timer"));

	/* 2. The same disk, booted again (and, for one variant, migrated). */
	r = &self->boot;
	run_guest(&self->boot, self, variant, "boot", variant->migrate_to);
	TH_LOG("boot run%s: vmtest exit %d after %.0f s", variant->migrate_to ? " + migration" : "",
	       r->status, r->seconds);
	if (r->status)
		TH_LOG("%s\n%s", r->out, r->err);
	ASSERT_EQ(0, r->status);
	ASSERT_STREQ("boot", vm_value(r, "phase"));
	ASSERT_EQ(0, strncmp(variant->release, vm_value(r, "kernel"), strlen(variant->release)));
	/* Loaded at boot by systemd-modules-load, and checked without a command. */
	TH_LOG("module at boot: %s", vm_value(r, "module_kernel_line"));
	ASSERT_STREQ("yes", vm_value(r, "module_loaded"));
	ASSERT_STREQ("yes", vm_value(r, "check_started_this_boot"));
	/* Booted as asked, and fwprobe says so. */
	TH_LOG("boot: tables %s, UEFI %s, /sys/firmware/efi %s", vm_value(r, "boot_tables"),
	       vm_value(r, "boot_uefi"), vm_value(r, "efi_dir"));
	ASSERT_STREQ(variant->uefi ? "acpi" : "dt", vm_value(r, "boot_tables") ?: "none");
	ASSERT_STREQ(variant->uefi ? "1" : "0", vm_value(r, "boot_uefi") ?: "none");
	ASSERT_STREQ(variant->uefi ? "yes" : "no", vm_value(r, "efi_dir") ?: "none");
	if (variant->uefi)
		ASSERT_NE(NULL, strstr(r->err, "booted by GRUB"));
	log_lines(_metadata, r, "journal");
	ASSERT_STREQ("0", vm_value(r, "check_status"));
	ASSERT_TRUE(has_line(r, "journal", "OK: this guest matches the baseline"));
	/* node_exporter's own endpoint serves the verdict. */
	ASSERT_STREQ("active", vm_value(r, "exporter"));
	ASSERT_TRUE(has_line(r, "metric", "fwprobe_expect_match{machine_type=\"baseline.json\"} 1"));
	ASSERT_TRUE(has_line(r, "metric", "fwprobe_check_ok 1"));
	/* Nothing changed since boot: safe on this guest kernel (exit 3 above otherwise). */
	ASSERT_TRUE(has_line(r, "metric", "fwprobe_safety{verdict=\"safe\"} 1"));
	ASSERT_STREQ("10000", vm_value(r, "drift_watch_ms"));
	/* Enabled at installation, waiting for its next run 6 h after the check's. */
	TH_LOG("fwprobe-check.timer: %s, next run at %s (monotonic)", vm_value(r, "timer"),
	       vm_value(r, "timer_next"));
	ASSERT_STREQ("active", vm_value(r, "timer"));
	ASSERT_NE(NULL, vm_value(r, "timer_next"));
	ASSERT_NE(NULL, strchr("123456789", vm_value(r, "timer_next")[0]));
	if (!variant->migrate_to)
		return;

	/* 3. Resumed on the destination: only looked at, nothing typed. */
	TH_LOG("memory guard after the resume: %s", vm_memory_check(r) ?: "no report");
	ASSERT_TRUE(vm_memory_intact(r));
	ASSERT_STREQ("resumed", vm_value_nth(r, "phase", 1));
	ASSERT_STREQ("yes", vm_value(r, "same_boot") ?: "no");
	TH_LOG("node_exporter showed the mismatch %s s after the guest resumed",
	       vm_value(r, "mismatch_seen_after"));
	ASSERT_NE(NULL, strchr("0123456789", vm_value(r, "mismatch_seen_after")[0]));
	ASSERT_TRUE(has_line(r, "metric", "fwprobe_expect_match{machine_type=\"baseline.json\"} 0"));
	/* As node_exporter serves it: labels sorted by name, field before register. */
	ASSERT_TRUE(has_line(r, "metric", "fwprobe_drift{field=\"\",register=\"vendor_hyp_bmap\"} 1"));
	/* A bitmap the destination dropped is drift, not danger: still safe. */
	ASSERT_TRUE(has_line(r, "metric", "fwprobe_safety{verdict=\"safe\"} 1"));
	log_lines(_metadata, r, "journal_after");
	ASSERT_TRUE(has_line(r, "journal_after", "DRIFT: this guest no longer matches the baseline"));
	ASSERT_TRUE(has_line(r, "journal_after", "vendor_hyp_bmap"));
}

TEST_HARNESS_MAIN
