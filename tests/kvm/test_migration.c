// SPDX-License-Identifier: GPL-2.0
/*
 * Post-migration validation on the real test bed: a running guest is live
 * migrated with QEMU between two fresh L1 hosts (two L0 runs), and the guest
 * checks itself before and after as a user would (tests/kvm/guest-migrate.sh).
 *
 * Where the real outcome differs from what one might predict, the variant
 * asserts what really happens and says why.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"
#include "vm.h"

#define MIGRATION_TIMEOUT	900
#define REFUSED			123

FIXTURE(migration) {
	struct vm_run run;
};

FIXTURE_VARIANT(migration) {
	const char *from, *to;
	const char *vmm;		/* L1's QEMU on both sides */
	bool uefi;			/* the guest boots through its edk2, with ACPI */
	const char *set_reg[6];		/* source VMM pins these */
	const char *migrate_set_reg[2];	/* destination VMM pins these */
	const char *migrate_vmm_option;	/* destination VMM's own option */
	bool drop_bitmaps;		/* destination VMM does not restore the bitmaps */
	bool watch_off;			/* no drift watch: the rescan re-lays files out */
	const char *watch_ms;		/* the drift watch's period, if not 500 ms */
	int status;			/* 0, or 123 when the destination refuses */
	const char *refusal;		/* the VMM's reason, when refused */
	int expect_pre;			/* fwprobe --rescan --expect pre.json after it */
	const char *says;		/* a line of that diff */
	const char *uevent;		/* drift uevent text, when registers changed */
	const char *ptp_files[2];	/* files under ptp/ before and after, if checked */
	const char *psci_after;		/* registers/psci_version after the migration */
	int expect_v1;			/* fwprobe --expect v1.json after it */
	const char *hw_changed;		/* hardware registers (cpu<N>/, gic/) whose value
					 * changed, in file order: "" for none */
	const char *unsafe;		/* safety_lost after it (guest-migrate.sh); NULL: safe */
	const char *dies_saying;	/* the guest's tasks die after it: fwprobe.ko's last word */
};

/* Same host kernel at both ends: not one hardware register changes. */
FIXTURE_VARIANT_ADD(migration, s1_6_12_to_6_12) {
	.from = "6.12", .to = "6.12", .vmm = "bookworm", .psci_after = "0x10001", .hw_changed = "",
};

FIXTURE_VARIANT_ADD(migration, s1_6_12_to_6_12_qemu_11) {
	.from = "6.12", .to = "6.12", .vmm = "latest", .psci_after = "0x10001", .hw_changed = "",
};

/*
 * Refused, although the firmware registers agree: the 6.12 host lists more
 * vCPU registers (195) than 6.1 (178), and QEMU 7.2 refuses an incoming
 * register list longer than its own. (Counted without a vPMU, as vmtest runs
 * the guest; with one they are 269 and 252.)
 */
FIXTURE_VARIANT_ADD(migration, s2_6_12_to_6_1) {
	.from = "6.12", .to = "6.1", .vmm = "bookworm", .status = REFUSED,
	.refusal = "cpreg_vmstate_array_len",
};

/* The 7.2 host lists more registers than 6.1 (193 vs 178): QEMU 7.2 refuses. */
FIXTURE_VARIANT_ADD(migration, s3_latest_to_6_1) {
	.from = "latest", .to = "6.1", .vmm = "bookworm", .status = REFUSED,
	.refusal = "cpreg_vmstate_array_len",
};

/*
 * Pinning the firmware registers to v1 does not shorten the register list:
 * the extra registers of a 7.2 host are not only the firmware ones, so QEMU
 * 7.2 still refuses. That is what really happens.
 */
FIXTURE_VARIANT_ADD(migration, s4_latest_to_6_1_v1_pinned) {
	.from = "latest", .to = "6.1", .vmm = "bookworm", .status = REFUSED,
	.set_reg = { "psci_version=0x10001", "std_bmap=0x1", "std_hyp_bmap=0x1",
		     "vendor_hyp_bmap=0x3", "vendor_hyp_bmap_2=0x0" },
	.refusal = "cpreg_vmstate_array_len",
};

/*
 * With sid's QEMU 11 (which tolerates a zero VENDOR_HYP_BMAP_2 and can pin
 * PSCI) the firmware registers no longer block it, but the 7.2 host exposes
 * newer CPU ID register values (ID_AA64MMFR*, CCSIDR) on the same CPU, which
 * KVM 6.1 refuses to take: still refused, for that reason.
 */
FIXTURE_VARIANT_ADD(migration, s4_latest_to_6_1_v1_pinned_qemu_11) {
	.from = "latest", .to = "6.1", .vmm = "latest", .status = REFUSED,
	.set_reg = { "psci_version=0x10001", "std_bmap=0x1", "std_hyp_bmap=0x1",
		     "vendor_hyp_bmap=0x3", "vendor_hyp_bmap_2=0x0" },
	.refusal = "Could not set register",
};

/*
 * QEMU restores the source's PSCI version: the guest keeps PSCI 1.1 on 7.2.
 * It restores the 6.1 host's ID registers and cache geometry too (CLIDR_EL1
 * 0x2000023 with the real CCSIDRs, ID_AA64DFR0_EL1.DebugVer 6, where a guest
 * booted on 7.2 sees 0x2000021, fabricated CCSIDRs and DebugVer 9), and 7.2
 * accepts them. Only CTR_EL0 moves: IDC goes from 0 to 1 (0x8444c004 ->
 * 0x9444c004). On 6.1 the guest read the CPU's CTR_EL0 untrapped (IDC 0),
 * but what QEMU saved was KVM_GET_ONE_REG's value, the host's sanitised one
 * (IDC 1; see the hw tests in test_kvm.c), and 7.2 traps the register and
 * answers with what was restored. A higher IDC is safe for the guest ("a
 * guest set up with it survives"); the drift watch names it in its uevent.
 */
#define S5_HW	.hw_changed = "cpu0/ctr_el0", .expect_pre = 1,				\
		.says = "CTR_EL0.IDC: expected 0, guest sees 1", .uevent = "FWPROBE_CHANGED=ctr_el0"
FIXTURE_VARIANT_ADD(migration, s5_6_1_to_latest) {
	.from = "6.1", .to = "latest", .vmm = "bookworm", .psci_after = "0x10001", S5_HW,
};

/*
 * A cloud guest's path: booted through sid's edk2 with ACPI (the firmware
 * in its memory goes with it), the same drift found by the post-migration
 * check as on a direct boot.
 */
FIXTURE_VARIANT_ADD(migration, s5_6_1_to_latest_qemu_11_uefi) {
	.from = "6.1", .to = "latest", .vmm = "latest", .uefi = true, .psci_after = "0x10001", S5_HW,
};

/* A destination VMM that drops the bitmaps: the host's default 0x3 returns. */
FIXTURE_VARIANT_ADD(migration, s6_bitmaps_dropped) {
	.from = "6.12", .to = "6.12", .vmm = "bookworm", .psci_after = "0x10001",
	.set_reg = { "vendor_hyp_bmap=0x1" }, .drop_bitmaps = true,
	.expect_pre = 1, .says = "vendor_hyp_bmap", .uevent = "FWPROBE_CHANGED=vendor_hyp_bmap",
	.expect_v1 = 0,
	.hw_changed = "",
};

/*
 * The README's post-migration check with the drift watch off, as it is by
 * default: the write to rescan itself finds that PTP appeared and lays out
 * the ptp/ files. It used to re-create rescan from inside its own store and
 * hang (kernfs waits for the store to finish before it removes the file).
 */
FIXTURE_VARIANT_ADD(migration, s7_ptp_appears_watch_off) {
	.from = "6.12", .to = "6.12", .vmm = "bookworm", .psci_after = "0x10001",
	.set_reg = { "vendor_hyp_bmap=0x1" }, .drop_bitmaps = true, .watch_off = true,
	.expect_pre = 1, .says = "PTP", .uevent = "FWPROBE_CHANGED=vendor_hyp_bmap",
	.ptp_files = { "0", "12" }, .expect_v1 = 0,
	.hw_changed = "",
};

/* The other way: the destination pins PTP off under a guest that had it. */
FIXTURE_VARIANT_ADD(migration, s8_ptp_disappears_watch_off) {
	.from = "6.12", .to = "6.12", .vmm = "bookworm", .psci_after = "0x10001",
	.migrate_set_reg = { "vendor_hyp_bmap=0x1" }, .watch_off = true,
	.expect_pre = 1, .says = "PTP", .uevent = "FWPROBE_CHANGED=vendor_hyp_bmap",
	.ptp_files = { "12", "0" }, .expect_v1 = 1,
	.hw_changed = "",
};

/*
 * The destination lowers ID_AA64ISAR0_EL1.ATOMIC (23:20) and SHA3 (35:32) to
 * 0, which a 6.12 host takes: the guest kernel patched LSE atomics in at
 * boot and handed processes the atomics and sha3 HWCAPs, so the guest is
 * unsafe, whatever pre.json says (exit 3), and the drift watch says so in
 * its uevent. (KVM cannot stop the instructions themselves: the guest
 * keeps running, which is why nothing else would notice.) It lowers
 * ID_ISAR5_EL1.AES (7:4) to 0 too, which 6.12 lets a VMM do to any AArch32
 * ID register: 32-bit processes were given aes and pmull.
 */
FIXTURE_VARIANT_ADD(migration, s10_destination_lowers_atomics_sha3_and_aes32) {
	.from = "6.12", .to = "6.12", .vmm = "bookworm", .psci_after = "0x10001",
	.migrate_set_reg = { "id_aa64isar0_el1=0x0/0xf00f00000", "id_isar5_el1=0x0/0xf0" },
	.expect_pre = 3, .says = "capability HAS_LSE_ATOMICS lost",
	.uevent = "FWPROBE_UNSAFE=HAS_LSE_ATOMICS,atomics,sha3,compat_aes,compat_pmull",
	.expect_v1 = 3, .hw_changed = "cpu0/id_aa64isar0_el1 cpu0/id_isar5_el1",
	.unsafe = "capabilities:HAS_LSE_ATOMICS errata: hwcaps:atomics sha3 compat_aes compat_pmull "
		  "live:",
};

/*
 * A 7.2 host lets a VMM write MIDR_EL1 (KVM_CAP_ARM_WRITABLE_IMP_ID_REGS):
 * the destination makes the vCPU a Cortex-A76 r0p0. QEMU 7.2 takes it and
 * the guest lands, on a CPU whose errata workarounds its 6.12 kernel did
 * not enable (it booted on QEMU's max CPU): REPEAT_TLBI, SPECULATIVE_AT,
 * SPECULATIVE_SSBS, all of which the kernel would refuse a late CPU for.
 * Unsafe; the boot view names the MIDR change as drift too.
 */
FIXTURE_VARIANT_ADD(migration, s11_destination_is_another_cpu) {
	.from = "latest", .to = "latest", .vmm = "bookworm", .psci_after = "0x10003",
	.migrate_set_reg = { "midr_el1=0x410fd0b0" },
	.expect_pre = 3, .says = "erratum WORKAROUND_REPEAT_TLBI: a vCPU needs its workaround",
	.uevent = "FWPROBE_UNSAFE=WORKAROUND_REPEAT_TLBI,WORKAROUND_SPECULATIVE_AT,"
		  "WORKAROUND_SPECULATIVE_SSBS",
	.expect_v1 = 3, .hw_changed = "cpu0/midr_el1",
	.unsafe = "capabilities: errata:WORKAROUND_REPEAT_TLBI WORKAROUND_SPECULATIVE_AT "
		  "WORKAROUND_SPECULATIVE_SSBS hwcaps: live:",
};

/*
 * The destination's QEMU runs the vCPUs with fewer SVE vector lengths
 * (sve256=off: 16 bytes only; the guest kernel fixed 16 to 256 at boot and
 * runs tasks at 64). KVM and QEMU take the migration, and then the guest
 * kernel kills every task that used SVE at its next context switch
 * (fpsimd_save_user_state(): the length it set is not the one the vCPU
 * runs), init among them: then a panic. Nothing in userspace survives to
 * read a verdict; fwprobe.ko's drift watch logs it, and that line is the
 * test. The guest's tasks were all gone within half a second of the resume
 * (twice on the bed: once init died a second later, once the guest powered
 * off first); a watch of 500 ms spoke in the first run only, so this row's
 * watch runs every 50 ms.
 */
FIXTURE_VARIANT_ADD(migration, s12_destination_offers_fewer_sve_lengths) {
	.from = "6.12", .to = "6.12", .vmm = "bookworm",
	.migrate_vmm_option = "-cpu host,pmu=off,sve256=off", .watch_ms = "50",
	.dies_saying = "fwprobe: unsafe to keep running: sve_vector_length",
};

/*
 * A 6.12 guest between two 6.1 hosts. It used to die on the destination
 * ("kvm: Unsupported FSC: EC=0x20 xFSC=0x2b"), and on the source too once the
 * memory guard ran: a bed artefact, not a 6.1 limit (see the -cpu comment in
 * scripts/vmtest). With LPA2 off in L0's CPU it survives, memory intact.
 */
FIXTURE_VARIANT_ADD(migration, s9_6_1_to_6_1) {
	.from = "6.1", .to = "6.1", .vmm = "bookworm", .psci_after = "0x10001", .hw_changed = "",
};

/*
 * Run from the test, not from FIXTURE_SETUP: this harness runs the test after
 * a setup that skipped, so the one skip check must come before the migration.
 */
static void migrate(struct vm_run *r, const FIXTURE_VARIANT(migration) *variant)
{
	const char *args[40] = { "--host-kernel", variant->from, "--migrate-to", variant->to,
				 "--vmm", variant->vmm, "--put", "tests/kvm/guest-migrate.sh" };
	int n = 8;

	n = vm_add_options(args, n, "--set-reg", variant->set_reg);
	n = vm_add_options(args, n, "--migrate-set-reg", variant->migrate_set_reg);
	if (variant->migrate_vmm_option) {
		args[n++] = "--migrate-vmm-option";
		args[n++] = variant->migrate_vmm_option;
	}
	if (variant->drop_bitmaps)
		args[n++] = "--migrate-drop-bitmaps";
	if (variant->uefi) {
		args[n++] = "--firmware";
		args[n++] = "uefi";
	}
	args[n++] = "--";
	args[n++] = "sh";
	args[n++] = "/put/guest-migrate.sh";
	args[n++] = variant->watch_off ? "0" : variant->watch_ms ?: "500";
	vm_run(r, args, false);
}

/*
 * The files of cpu<N>/ and gic/ whose value differs between two hw_regs
 * lines ("cpu0/ctr_el0=0x8444c004 ..."), space-separated in file order; a
 * file that appeared or vanished counts too.
 */
static void hw_changes(const char *before, const char *after, char *out, size_t len)
{
	char *a = strdup(before ?: ""), *b = strdup(after ?: ""), *tok, *save = NULL;
	size_t used = 0;

	out[0] = '\0';
	for (tok = strtok_r(b, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		char *eq = strchr(tok, '='), *hit;
		int name = eq ? (int)(eq - tok) : (int)strlen(tok);

		/* The same name=value pair is in the other line: unchanged. */
		for (hit = strstr(a, tok); hit; hit = strstr(hit + 1, tok))
			if ((hit == a || hit[-1] == ' ') && (hit[strlen(tok)] == ' ' || !hit[strlen(tok)]))
				break;
		if (!hit && used + name + 2 < len)
			used += snprintf(out + used, len - used, "%s%.*s", used ? " " : "", name, tok);
	}
	free(a);
	free(b);
}

/*
 * The destination's console log, which vmtest keeps after a failure and
 * names in its message ("console log: PATH"); NULL when there is none.
 */
static char *destination_log(const struct vm_run *r)
{
	const char *at = strstr(r->err ?: "", "console log: ");
	char path[256];

	if (!at || sscanf(at, "console log: %255s", path) != 1)
		return NULL;
	return vm_slurp(path);
}

FIXTURE_SETUP(migration) {}

FIXTURE_TEARDOWN(migration)
{
	vm_free(&self->run);
}

TEST_F_TIMEOUT(migration, guest_checks_itself, MIGRATION_TIMEOUT)
{
	const struct vm_run *r = &self->run;
	const char *before, *after, *uevents;

	VM_SKIP_UNLESS_MINE(false);
	migrate(&self->run, variant);
	TH_LOG("%s -> %s (VMM %s): vmtest exit %d after %.0f s", variant->from, variant->to,
	       variant->vmm, r->status, r->seconds);
	if (variant->dies_saying) {
		char *log = destination_log(r);

		/* Safe before; then it cannot finish, whatever vmtest names first. */
		ASSERT_STREQ("pre", vm_value(r, "phase"));
		ASSERT_STREQ("safe", vm_value_nth(r, "safety", 0) ?: "none");
		ASSERT_NE(0, r->status);
		ASSERT_NE(NULL, log) TH_LOG("no destination console log in: %s", r->err);
		TH_LOG("after the resume: %s; %s; the kernel: %s", variant->dies_saying,
		       strstr(log, variant->dies_saying) ? "said" : "NOT said",
		       strstr(log, "Attempted to kill init") ? "init killed, panic" : "no panic");
		EXPECT_NE(NULL, strstr(log, "Killed"));
		EXPECT_NE(NULL, strstr(log, variant->dies_saying));
		free(log);
		return;
	}

	if (r->status != variant->status)
		TH_LOG("%s\n%s", r->out, r->err);
	ASSERT_EQ(variant->status, r->status);
	/* The guest ran before the migration and saved what it saw. */
	ASSERT_STREQ("pre", vm_value(r, "phase"));
	ASSERT_STREQ("0", vm_value(r, "save"));
	if (variant->status == REFUSED) {
		TH_LOG("refused, as on real hosts: %s", strstr(r->err, "the VMM said") ?: r->err);
		ASSERT_NE(NULL, strstr(r->err, variant->refusal));
		return;
	}

	/* Its memory survived: every page the guard wrote, as written (vmtest). */
	TH_LOG("memory guard after the resume: %s", vm_memory_check(r) ?: "no report");
	ASSERT_TRUE(vm_memory_intact(r));

	/* The same guest, not rebooted: uptime went on, the boot id stayed. */
	ASSERT_STREQ("post", vm_value_nth(r, "phase", 1));
	ASSERT_STREQ("yes", vm_value(r, "same_boot") ?: "no");
	before = vm_value_nth(r, "uptime", 0);
	after = vm_value_nth(r, "uptime", 1);
	TH_LOG("uptime %s before, %s after", before, after);
	ASSERT_GT(strtod(after, NULL), strtod(before, NULL));

	TH_LOG("--expect pre.json: %s (%s)", vm_value(r, "expect_pre"),
	       vm_value(r, "expect_pre_says"));
	ASSERT_EQ(variant->expect_pre, atoi(vm_value(r, "expect_pre")));
	if (variant->says)
		ASSERT_NE(NULL, strstr(vm_value(r, "expect_pre_says"), variant->says));
	/* The drift watch reports before the rescan; without it, the rescan does. */
	uevents = vm_value(r, variant->watch_off ? "uevents_after_rescan" : "uevents") ?: "";
	TH_LOG("uevents: %s", uevents);
	if (variant->uevent) {
		ASSERT_NE(NULL, strstr(uevents, variant->uevent));
	} else {
		ASSERT_EQ(NULL, strstr(uevents, "FWPROBE_CHANGED"));
	}
	if (variant->ptp_files[0]) {
		TH_LOG("files under ptp/: %s before, %s after the rescan",
		       vm_value_nth(r, "ptp_files", 0), vm_value_nth(r, "ptp_files", 1));
		ASSERT_STREQ(variant->ptp_files[0], vm_value_nth(r, "ptp_files", 0) ?: "none");
		ASSERT_STREQ(variant->ptp_files[1], vm_value_nth(r, "ptp_files", 1) ?: "none");
	}
	ASSERT_STREQ(variant->psci_after, vm_value_nth(r, "reg_psci_version", 1));
	if (variant->hw_changed) {
		char changed[512];

		hw_changes(vm_value_nth(r, "hw_regs", 0), vm_value_nth(r, "hw_regs", 1), changed,
			   sizeof(changed));
		TH_LOG("hardware registers changed by the migration: %s", changed[0] ? changed : "none");
		ASSERT_STREQ(variant->hw_changed, changed);
	}
	ASSERT_EQ(variant->expect_v1, atoi(vm_value(r, "expect_v1") ?: "-1"));
	/* Nothing changed yet: safe on the source, whatever its kernel. */
	ASSERT_STREQ("safe", vm_value_nth(r, "safety", 0) ?: "none");
	TH_LOG("safety after: %s (lost: %s)", vm_value_nth(r, "safety", 1),
	       vm_value_nth(r, "safety_lost", 1));
	ASSERT_STREQ(variant->unsafe ? "unsafe" : "safe", vm_value_nth(r, "safety", 1) ?: "none");
	ASSERT_STREQ(variant->unsafe ?: "capabilities: errata: hwcaps: live:",
		     vm_value_nth(r, "safety_lost", 1) ?: "none");
}

TEST_HARNESS_MAIN
