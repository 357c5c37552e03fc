// SPDX-License-Identifier: GPL-2.0
/*
 * Real-KVM scenarios: each test boots the test bed (scripts/vmtest: TCG L0,
 * real KVM in L1, the guest in L2), loads fwprobe.ko and checks what the guest
 * reports against what KVM itself holds (--dump-regs, read in L1 with
 * KVM_GET_ONE_REG) and against L1's kvm_hvc_arm64 trace (--trace-hvc).
 *
 * Expected values are this file's own constants, never the module's headers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>

#include "fwprobe_safety.h"
#include "kselftest_harness.h"
#include "vm.h"

#define SCENARIO_TIMEOUT	900
#define MAX_PROBE_CALLS		40
#define KVM_TRNG_UUID		"0d21e000-4384-11eb-8070-5244554e5a4c"
#define KVM_UID_WORD_0		"0xb66fb428"

static const char *const registers[] = {
	"psci_version", "smccc_arch_workaround_1", "smccc_arch_workaround_2",
	"smccc_arch_workaround_3", "std_bmap", "std_hyp_bmap", "vendor_hyp_bmap",
	"vendor_hyp_bmap_2",
};
#define NR_REGISTERS (sizeof(registers) / sizeof(registers[0]))

/* Side-effect-free discovery calls: the only function IDs the module may issue. */
static const unsigned int allowed_calls[] = {
	0x80000000, /* SMCCC_VERSION */
	0x80000001, /* SMCCC_ARCH_FEATURES */
	0x84000000, /* PSCI_VERSION */
	0x8400000a, /* PSCI_FEATURES */
	0x84000050, /* TRNG_VERSION */
	0x84000051, /* TRNG_FEATURES */
	0x84000052, /* TRNG_GET_UUID */
	0x8400ff01, /* standard secure Call UID */
	0x8500ff01, /* standard hypervisor Call UID */
	0x8600ff01, /* vendor hypervisor Call UID */
	0x86000000, /* KVM FEATURES */
	0x86000001, /* KVM PTP */
	0xc5000020, /* PV_TIME_FEATURES */
};

/* The scripts every scenario puts into the guest, and the command to run. */
#define GUEST_FILES "--put", "tests/kvm/guest-dump.sh", "--put", "tests/kvm/guest-stress.sh"
#define value vm_value

static bool allowed(unsigned int fn)
{
	for (size_t i = 0; i < sizeof(allowed_calls) / sizeof(allowed_calls[0]); i++)
		if (allowed_calls[i] == fn)
			return true;
	return false;
}

/* fwprobe --json's "registers" say what sysfs says (null for "unknown"). */
static void reporter_registers_match(struct __test_metadata *_metadata, const struct vm_run *r)
{
	json_t *report = json_loads(value(r, "reporter_json") ?: "", 0, NULL);
	json_t *regs = json_object_get(report, "registers");
	char key[64];

	ASSERT_NE(NULL, regs);
	for (size_t i = 0; i < NR_REGISTERS; i++) {
		json_t *v = json_object_get(regs, registers[i]);
		const char *sysfs;

		snprintf(key, sizeof(key), "registers/%s", registers[i]);
		sysfs = value(r, key);
		ASSERT_NE(NULL, sysfs);
		if (!strcmp(sysfs, "unknown")) {
			ASSERT_TRUE(json_is_null(v));
		} else {
			ASSERT_STREQ(sysfs, json_string_value(v) ?: "not a string");
		}
	}
	json_decref(report);
}

FIXTURE(kvm) {
	struct vm_run run;
};

/*
 * One variant per configuration. conduit_none: with PSCI 0.2 the guest kernel
 * never asks SMCCC_VERSION (that needs PSCI_FEATURES, PSCI 1.0), so it has no
 * SMCCC 1.1 conduit and nothing can be probed: that is what really happens.
 */
FIXTURE_VARIANT(kvm) {
	const char *host, *guest, *release;
	const char *set_reg[6];		/* --set-reg values, NULL-terminated */
	const char *vmm;		/* L1's QEMU: NULL for bookworm's, or "latest" */
	const char *vmm_option[2];	/* --vmm-option values, NULL-terminated */
	const char *vmm_settings_of;	/* a machine type: pin it with fwprobe --vmm-settings qemu */
	const char *psci;		/* psci/version */
	bool system_off2;		/* psci_features/system_off2 present (PSCI 1.3) */
	bool conduit_none;
	const char *undetermined;	/* register the guest cannot determine, or NULL */
	const char *services;		/* expected dmesg "hypervisor services" tail, or NULL */
	const char *expect_ok[3];	/* machine types fwprobe --expect must accept (exit 0) */
	const char *expect_drift[3];	/* machine types it must report drift for (exit 1) */
	const char *drift_says;		/* text the drift lines must contain */
	bool quick;			/* also run by make check-quick */
};

#define HOST(k, rel, ver, off2) .host = k, .guest = "6.12", .release = rel, .psci = ver, \
	.system_off2 = off2
#define H6_1	HOST("6.1", "6.1.0-", "1.1", false)
#define H6_12	HOST("6.12", "6.12.", "1.1", false)
#define HLATEST	HOST("latest", "7.", "1.3", true)

/* 6.1 and 6.12 hosts give a guest identical defaults; 7.x raises PSCI to 1.3. */
FIXTURE_VARIANT_ADD(kvm, default_6_1) { H6_1, .quick = true,
	.expect_ok = { "kvm-6.1-default", "kvm-6.12-default", "v1" },
	.expect_drift = { "kvm-latest-default" }, .drift_says = "psci_version" };
FIXTURE_VARIANT_ADD(kvm, default_6_12) { H6_12, .services = "0x00000003", .quick = true,
	.expect_ok = { "kvm-6.12-default", "v1" },
	.expect_drift = { "kvm-latest-default" }, .drift_says = "psci_version" };
FIXTURE_VARIANT_ADD(kvm, default_latest) { HLATEST, .quick = true,
	.expect_ok = { "kvm-latest-default" },
	.expect_drift = { "kvm-6.1-default", "kvm-6.12-default", "v1" },
	.drift_says = "psci_version: expected 0x10001 (1.1), guest sees 0x10003 (1.3)" };
/* v1.json holds on every host once the VMM pins its registers. */
#define V1_PINS "psci_version=0x10001", "std_bmap=0x1", "std_hyp_bmap=0x1", "vendor_hyp_bmap=0x3"
FIXTURE_VARIANT_ADD(kvm, v1_pinned_6_1) { H6_1, .set_reg = { V1_PINS }, .expect_ok = { "v1" } };
FIXTURE_VARIANT_ADD(kvm, v1_pinned_6_12) { H6_12, .set_reg = { V1_PINS }, .expect_ok = { "v1" } };
FIXTURE_VARIANT_ADD(kvm, v1_pinned_latest) { HLATEST, .psci = "1.1", .system_off2 = false,
	.set_reg = { V1_PINS, "vendor_hyp_bmap_2=0x0" }, .expect_ok = { "v1" } };
FIXTURE_VARIANT_ADD(kvm, guest_6_1) { H6_12, .guest = "6.1" };
FIXTURE_VARIANT_ADD(kvm, guest_latest) { H6_12, .guest = "latest" };

#define BIT_CLEARS(h, H)								\
FIXTURE_VARIANT_ADD(kvm, h##_std_bmap_0) { H, .set_reg = { "std_bmap=0x0" } };	\
FIXTURE_VARIANT_ADD(kvm, h##_std_hyp_bmap_0) { H, .set_reg = { "std_hyp_bmap=0x0" } };	\
FIXTURE_VARIANT_ADD(kvm, h##_vendor_hyp_bmap_2) { H, .set_reg = { "vendor_hyp_bmap=0x2" }, \
	.undetermined = "vendor_hyp_bmap_2" };						\
FIXTURE_VARIANT_ADD(kvm, h##_vendor_hyp_bmap_1) { H, .set_reg = { "vendor_hyp_bmap=0x1" }, \
	.services = "0x00000001", .expect_drift = { "v1" },				\
	.drift_says = "vendor_hyp_bmap: expected 0x3 (FUNC_FEAT|PTP), guest sees 0x1 (FUNC_FEAT): PTP missing" }; \
FIXTURE_VARIANT_ADD(kvm, h##_psci_0_2) { H, .set_reg = { "psci_version=0x2" },		\
	.psci = "0.2", .system_off2 = false, .conduit_none = true };			\
FIXTURE_VARIANT_ADD(kvm, h##_psci_1_0) { H, .set_reg = { "psci_version=0x10000" },	\
	.psci = "1.0", .system_off2 = false };						\
FIXTURE_VARIANT_ADD(kvm, h##_psci_1_1) { H, .set_reg = { "psci_version=0x10001" },	\
	.psci = "1.1", .system_off2 = false }

BIT_CLEARS(h6_1, H6_1);
BIT_CLEARS(h6_12, H6_12);
BIT_CLEARS(latest, HLATEST);

/*
 * The VMM's own pin instead of the shim: sid's QEMU has a kvm-psci-version
 * CPU property, which brings a 7.x host's PSCI 1.3 down. The options are
 * exactly what fwprobe --vmm-settings qemu prints for the 6.1 host's
 * defaults (PSCI 1.1); they then hold against that file on the 7.x host.
 */
FIXTURE_VARIANT_ADD(kvm, latest_qemu_pins_kvm_6_1_default) { HLATEST, .vmm = "latest",
	.vmm_settings_of = "machine-types/kvm-6.1-default.json", .psci = "1.1",
	.system_off2 = false, .expect_ok = { "kvm-6.1-default", "kvm-6.12-default" },
	.expect_drift = { "kvm-latest-default" },
	.drift_says = "psci_version: expected 0x10003 (1.3), guest sees 0x10001 (1.1)" };

#define QEMU_PINS_PSCI_1_1	"-global host-arm-cpu.kvm-psci-version=1.1"
#define SETTINGS_MAX		256

/*
 * The QEMU options fwprobe --vmm-settings qemu prints for @file (the host
 * build of the reporter), one per line: QEMU_PINS_PSCI_1_1 for the 6.1
 * host's defaults, the one line this test expects.
 */
static void qemu_settings(struct __test_metadata *_metadata, const char *file,
			  char buf[SETTINGS_MAX], const char **option)
{
	char cmd[256];
	size_t n;
	FILE *p;

	snprintf(cmd, sizeof(cmd), "build/host/fwprobe --vmm-settings qemu %s 2>/dev/null", file);
	p = popen(cmd, "r");
	ASSERT_NE(NULL, p);
	n = fread(buf, 1, SETTINGS_MAX - 1, p);
	buf[n] = '\0';
	ASSERT_EQ(0, pclose(p)) TH_LOG("%s failed", cmd);
	TH_LOG("fwprobe --vmm-settings qemu %s: %s", file, buf);
	ASSERT_STREQ(QEMU_PINS_PSCI_1_1 "\n", buf);
	buf[n - 1] = '\0';
	option[0] = buf;
	option[1] = NULL;
}

/* @word is one of the space-separated words of @list. */
static bool has_word(const char *list, const char *word)
{
	size_t n = strlen(word);
	const char *p;

	for (p = strstr(list, word); p; p = strstr(p + 1, word))
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || !p[n]))
			return true;
	return false;
}

/*
 * Nothing changed since boot: safe. The HWCAPs the module says processes
 * were given are exactly those of /proc/cpuinfo's Features that fwprobe
 * checks (the kernel's own list; cpu_have_feature() numbering checked),
 * and the compat ones those a 32-bit process's /proc/cpuinfo shows (the
 * module recomputes them from the kernel's sanitised registers).
 */
static void safety_matches_cpuinfo(struct __test_metadata *_metadata, const struct vm_run *r)
{
	const char *features = value(r, "cpuinfo_features") ?: "";
	const char *compat = value(r, "cpuinfo_compat_features") ?: "";
	const char *hwcaps = value(r, "safety/hwcaps") ?: "";
	const char *capabilities, *live;
	int i, n = 0, ncompat = 0;
	bool old;

	TH_LOG("safety %s; capabilities: %s", value(r, "safety/verdict"),
	       value(r, "safety/capabilities"));
	ASSERT_STREQ("safe", value(r, "safety/verdict") ?: "absent");
	for (i = 0; i < FWP_HWCAP_NR; i++) {
		const char *name = fwp_hwcaps[i].name;
		/* compat_aes is "aes" in a 32-bit process's Features. */
		bool said = fwp_hwcaps[i].word ? has_word(features, name) :
			    has_word(compat, name + strlen("compat_"));

		EXPECT_EQ(said, has_word(hwcaps, name))
			TH_LOG("HWCAP %s: /proc/cpuinfo says %d, safety/hwcaps %d", name, said,
			       has_word(hwcaps, name));
		if (fwp_hwcaps[i].word)
			n += has_word(hwcaps, name);
		else
			ncompat += has_word(hwcaps, name);
	}
	TH_LOG("%d HWCAPs and %d compat HWCAPs given at boot, as /proc/cpuinfo says", n, ncompat);
	ASSERT_GT(n, 10);
	/*
	 * The bed's vCPUs run 32-bit processes: 6.1 gives 8 of the table's
	 * compat HWCAPs, 6.12 on 16. They have DIT and FP, which 6.12 on
	 * enable as capabilities 6.1 does not have.
	 */
	old = !strncmp(value(r, "uname") ?: "", "6.1.", 4);
	ASSERT_EQ(old ? 8 : 16, ncompat);
	capabilities = value(r, "safety/capabilities") ?: "";
	ASSERT_EQ(!old, has_word(capabilities, "HAS_DIT"));
	ASSERT_EQ(!old, has_word(capabilities, "HAS_FPSIMD"));
	/*
	 * What tasks take from the vCPU itself follows the kernel's own boot
	 * decisions: the SVE length where it runs SVE, the CTR_EL0 bits where
	 * it relies on them; and nothing of it is lost with nothing changed.
	 */
	live = value(r, "safety/live") ?: "absent";
	TH_LOG("tasks took from the vCPUs: %s", live);
	ASSERT_EQ(has_word(capabilities, "SVE"), has_word(live, "sve_vector_length"));
	ASSERT_EQ(has_word(capabilities, "HAS_CACHE_IDC"), has_word(live, "ctr_el0_IDC"));
	ASSERT_EQ(has_word(capabilities, "HAS_CACHE_DIC"), has_word(live, "ctr_el0_DIC"));
	ASSERT_STREQ("", value(r, "safety/live_lost") ?: "absent");
}

/*
 * Booted from the test, not from FIXTURE_SETUP: this harness runs the test
 * after a setup that skipped, so the one skip check must come before the boot.
 */
static void kvm_boot(struct __test_metadata *_metadata, struct vm_run *r,
		     const FIXTURE_VARIANT(kvm) *variant)
{
	const char *args[32] = { "--host-kernel", variant->host, "--guest-kernel", variant->guest,
				 GUEST_FILES };
	const char *printed[2];
	char settings[SETTINGS_MAX];
	int n = 8;

	n = vm_add_options(args, n, "--set-reg", variant->set_reg);
	n = vm_add_options(args, n, "--vmm-option", variant->vmm_option);
	if (variant->vmm_settings_of) {
		qemu_settings(_metadata, variant->vmm_settings_of, settings, printed);
		n = vm_add_options(args, n, "--vmm-option", printed);
	}
	if (variant->vmm) {
		args[n++] = "--vmm";
		args[n++] = variant->vmm;
	}
	args[n++] = "--";
	args[n++] = "sh";
	args[n++] = "/put/guest-dump.sh";
	vm_run(r, args, true);
}

FIXTURE_SETUP(kvm) {}

FIXTURE_TEARDOWN(kvm)
{
	vm_free(&self->run);
}

TEST_F_TIMEOUT(kvm, probe_matches_kvm, SCENARIO_TIMEOUT)
{
	const struct vm_run *r = &self->run;
	char key[64], expect[64];
	const char *v;
	int i, calls;

	VM_SKIP_UNLESS_MINE(variant->quick);
	kvm_boot(_metadata, &self->run, variant);
	TH_LOG("host %s guest %s set-reg %s...: %.0f s", variant->host, variant->guest,
	       variant->set_reg[0] ?: "-", r->seconds);
	if (r->status)
		TH_LOG("vmtest exit %d\n%s", r->status, r->err);
	ASSERT_EQ(0, r->status);
	ASSERT_NE(NULL, strstr(r->err, variant->release));	/* L1 kernel named */
	ASSERT_NE(NULL, strstr(r->err, "mode initialized"));	/* L1 really runs KVM */
	/* Nothing changed since boot, on each host and guest kernel: safe. */
	safety_matches_cpuinfo(_metadata, r);
	if (variant->vmm)	/* vmtest names the VMM it ran: "(Debian VERSION, latest)" */
		ASSERT_NE(NULL, strstr(r->err, ", latest)\n"));
	ASSERT_NE(NULL, r->regs);
	if (variant->system_off2) {
		ASSERT_STREQ("1", value(r, "psci_features/system_off2") ?: "absent");
	} else {
		ASSERT_EQ(NULL, value(r, "psci_features/system_off2"));
	}
	if (variant->services) {
		/* The guest kernel's own log, and ptp_kvm follows the PTP bit. */
		ASSERT_NE(NULL, strstr(value(r, "dmesg_services") ?: "", variant->services));
		ASSERT_STREQ(strcmp(variant->services, "0x00000001") ? "1" : "0",
			     value(r, "ptp_clocks"));
	}

	if (variant->conduit_none) {
		ASSERT_STREQ("none", value(r, "conduit"));
		ASSERT_STREQ("0", value(r, "calls"));
		for (i = 0; i < (int)NR_REGISTERS; i++) {
			snprintf(key, sizeof(key), "registers/%s", registers[i]);
			ASSERT_STREQ("unknown", value(r, key));
		}
		ASSERT_EQ(0, r->ntrace);
		return;
	}

	ASSERT_STREQ("hvc", value(r, "conduit"));
	ASSERT_STREQ("1.1", value(r, "smccc_version"));
	ASSERT_STREQ(variant->psci, value(r, "psci/version"));

	/* Every reconstructed register equals what KVM holds for this VM. */
	for (i = 0; i < (int)NR_REGISTERS; i++) {
		json_t *held = json_object_get(r->regs, registers[i]);

		snprintf(key, sizeof(key), "registers/%s", registers[i]);
		v = value(r, key);
		ASSERT_NE(NULL, v);
		if (variant->undetermined && !strcmp(registers[i], variant->undetermined)) {
			snprintf(key, sizeof(key), "registers_basis/%s", registers[i]);
			TH_LOG("%s undetermined, as expected: %s", registers[i], value(r, key));
			ASSERT_STREQ("unknown", v);
			continue;
		}
		/*
		 * A host without VENDOR_HYP_BMAP_2 (before 6.15) holds no such
		 * register; KVM then answers FEATURES word 2 = 0.
		 */
		snprintf(expect, sizeof(expect), "%s",
			 json_is_string(held) ? json_string_value(held) : "0x0");
		TH_LOG("%s: guest %s, KVM %s", registers[i], v, expect);
		ASSERT_STREQ(expect, v);
	}

	/* The reporter: machine types held and drifted from, on the real guest. */
	for (i = 0; i < 3 && variant->expect_ok[i]; i++) {
		snprintf(key, sizeof(key), "expect_%s", variant->expect_ok[i]);
		snprintf(expect, sizeof(expect), "expect_%s_says", variant->expect_ok[i]);
		TH_LOG("fwprobe --expect %s.json: %s (%s)", variant->expect_ok[i], value(r, key),
		       value(r, expect));
		ASSERT_STREQ("0", value(r, key) ?: "missing");
	}
	for (i = 0; i < 3 && variant->expect_drift[i]; i++) {
		snprintf(key, sizeof(key), "expect_%s", variant->expect_drift[i]);
		snprintf(expect, sizeof(expect), "expect_%s_says", variant->expect_drift[i]);
		TH_LOG("fwprobe --expect %s.json: %s (%s)", variant->expect_drift[i],
		       value(r, key), value(r, expect));
		ASSERT_STREQ("1", value(r, key) ?: "missing");
		ASSERT_NE(NULL, strstr(value(r, expect) ?: "", variant->drift_says));
	}
	reporter_registers_match(_metadata, r);

	/* Host defaults: the services every Debian host kernel gives a QEMU guest. */
	if (!variant->set_reg[0]) {
		ASSERT_STREQ("kvm", value(r, "identity"));
		ASSERT_STREQ(KVM_UID_WORD_0, value(r, "vendor_hyp/uid_0"));
		ASSERT_STREQ("0x00000003", value(r, "kvm/features_0"));
		ASSERT_STREQ("FUNC_FEAT PTP", value(r, "kvm/feature_names"));
		ASSERT_STREQ("1", value(r, "ptp/virtual_plausible"));
		ASSERT_STREQ("1", value(r, "ptp/physical_plausible"));
		ASSERT_STREQ("0", value(r, "pv_time/st_features"));
		ASSERT_STREQ("1.0", value(r, "trng/version"));
		ASSERT_STREQ(KVM_TRNG_UUID, value(r, "trng/uuid"));
		ASSERT_STREQ("1", value(r, "ptp_clocks"));
	}

	/* What the trace saw is exactly what the module says it called. */
	calls = atoi(value(r, "calls"));
	ASSERT_EQ(calls, r->ntrace);
	ASSERT_LE(calls, MAX_PROBE_CALLS);
	for (i = 0; i < r->ntrace; i++) {
		snprintf(key, sizeof(key), "evidence/call_%02d", i);
		snprintf(expect, sizeof(expect), "0x%08x ", r->trace[i]);
		v = value(r, key);
		ASSERT_NE(NULL, v);
		if (!allowed(r->trace[i]))
			TH_LOG("call %d: 0x%08x is not a side-effect-free discovery call", i,
			       r->trace[i]);
		ASSERT_TRUE(allowed(r->trace[i]));
		ASSERT_EQ(0, strncmp(v, expect, strlen(expect)));
	}
}

/*
 * The guest-visible hardware registers (cpu<N>/, gic/): what each vCPU reads
 * equals what KVM holds for it (--dump-regs: KVM_GET_ONE_REG per vCPU, the
 * CCSIDR demux entries, the vGIC device attributes), and a value the VMM
 * lowers shows in the guest exactly and as drift from the defaults.
 */
#define HW_CPUS			"2"
#define HW_UEFI_CPUS		"4"	/* the UEFI rows' guest: more vCPUs than L1 has */
#define HW_MIN_CPU_REGISTERS	40	/* identity, the ID space, caches, timer */

FIXTURE(hw) {
	struct vm_run defaults, lowered;
	char dir[64];
};

FIXTURE_VARIANT(hw) {
	const char *host, *release;
	const char *vmm;		/* L1's QEMU: NULL for bookworm's, or "latest" */
	bool uefi;			/* booted through edk2 with ACPI */
	const char *firmware;		/* ... whose SMBIOS vendor string is this */
	const char *guest;		/* --guest-kernel, or NULL for vmtest's (6.12) */
	const char *guest_cpus;		/* --guest-cpus, or NULL for HW_CPUS */
	const char *hotplug;		/* a vCPU to take offline and back (guest-hotplug.sh) */
	const char *hotplug_offline;	/* vcpus_online while it is offline */
	const char *kvm_differs;	/* a register KVM reports other than the guest reads */
	const char *guest_reads, *kvm_reports;	/* ... and the two values */
	const char *lower[4];		/* --set-reg values lowering a field, NULL-terminated */
	const char *lowered_says[4];	/* what --expect of the defaults must then name */
	const char *lowered_values[4];	/* file=value the guest must then read */
};

/*
 * On 6.1 the guest reads CTR_EL0 without a trap, so it sees the CPU's own
 * value (IDC 0), while KVM_GET_ONE_REG gives the host kernel's sanitised one,
 * in which Linux sets IDC because CLIDR_EL1 needs no cleaning to the point of
 * unification (LoUU = LoUIS = 0). A VMM that migrates the guest carries the
 * latter: see the 6.1 -> 7.2 migration, where CTR_EL0.IDC goes from 0 to 1.
 */
FIXTURE_VARIANT_ADD(hw, h6_1) { .host = "6.1", .release = "6.1.0-",
	.kvm_differs = "ctr_el0", .guest_reads = "0x8444c004", .kvm_reports = "0x9444c004" };
/*
 * ID_AA64ISAR0_EL1.SM4 1 -> 0, CTR_EL0.IDC 1 -> 0 and the vGIC's IIDR
 * revision 3 -> 2: a field of each kind a VMM may lower (6.1 refuses the
 * first two, so it is not asked to).
 */
#define LOWERED_ISAR0	"0x1221101110212120"
#define LOWERED_CTR	"0x8444c004"
#define LOWERED_IIDR	"0x4b00243b"
#define LOWER_THREE								\
	.lower = { "id_aa64isar0_el1=" LOWERED_ISAR0, "ctr_el0=" LOWERED_CTR,		\
		   "gicd_iidr=" LOWERED_IIDR },						\
	.lowered_says = { "ID_AA64ISAR0_EL1.SM4: expected 1, guest sees 0",		\
			  "CTR_EL0.IDC: expected 1, guest sees 0",			\
			  "GICD_IIDR.Revision: expected 3, guest sees 2" },		\
	.lowered_values = { "cpu0/id_aa64isar0_el1=" LOWERED_ISAR0,			\
			    "cpu1/ctr_el0=" LOWERED_CTR, "gic/gicd_iidr=" LOWERED_IIDR }
FIXTURE_VARIANT_ADD(hw, h6_12) { .host = "6.12", .release = "6.12.", LOWER_THREE };
FIXTURE_VARIANT_ADD(hw, latest) { .host = "latest", .release = "7.", LOWER_THREE };
/*
 * A cloud guest's boot: edk2 and ACPI, so the module finds the GIC in the
 * MADT, and more vCPUs than L1 has. The defaults only: lowering works the
 * same whatever the firmware. The latest host runs sid's QEMU with sid's
 * edk2, whose own TRNG calls at boot the trace must not count as the module's.
 */
/* bookworm's edk2 2022.11 names itself so; sid's 2026.08 as Debian's (seen on the bed). */
#define EDK2_BOOKWORM	"EFI Development Kit II / OVMF"
#define EDK2_SID	"Debian distribution of EDK II"
FIXTURE_VARIANT_ADD(hw, uefi_6_1) { .host = "6.1", .release = "6.1.0-", .uefi = true,
	.firmware = EDK2_BOOKWORM,
	.guest_cpus = HW_UEFI_CPUS, .kvm_differs = "ctr_el0", .guest_reads = "0x8444c004",
	.kvm_reports = "0x9444c004" };
FIXTURE_VARIANT_ADD(hw, uefi_6_12) { .host = "6.12", .release = "6.12.", .uefi = true,
	.firmware = EDK2_BOOKWORM,
	.guest_cpus = HW_UEFI_CPUS };
FIXTURE_VARIANT_ADD(hw, uefi_latest) { .host = "latest", .release = "7.", .uefi = true,
	.firmware = EDK2_SID,
	.guest_cpus = HW_UEFI_CPUS, .vmm = "latest" };
/*
 * A large guest: 64 vCPUs on L1's 2 (one boot, no lowering), a run that has
 * the machine to itself (vmtest's exclusive lock). Every vCPU's registers
 * equal KVM's, and vCPU 33 goes offline and comes back during a rescan loop
 * and then alone. The guest runs the newest Debian kernel: 6.12.95's
 * scheduler WARNs in sched_cpu_dying() ("Dying CPU not properly vacated",
 * 2 enqueued, only the stopper listed) when a vCPU of this guest goes
 * offline under load. On the bed, 30 offline/online cycles of vCPU 33: 6.12
 * beside a rescan loop warned on the first; 6.12 beside a plain busy loop
 * and 7.2 beside the rescan loop never did. The uncounted entry fits the
 * fair server's deadline entity, which 6.12 counts in nr_running and stops
 * only after that check: on 64 vCPUs sharing 2, stop_machine() starves the
 * dying CPU's fair tasks long enough for the server to start running.
 */
FIXTURE_VARIANT_ADD(hw, many_vcpus_6_12) { .host = "6.12", .release = "6.12.", .guest = "latest",
	.guest_cpus = "64", .hotplug = "33", .hotplug_offline = "0-32,34-63" };

FIXTURE_SETUP(hw)
{
	snprintf(self->dir, sizeof(self->dir), "/tmp/fwprobe-hw.XXXXXX");
}

FIXTURE_TEARDOWN(hw)
{
	vm_free(&self->defaults);
	vm_free(&self->lowered);
}

static void hw_boot(struct vm_run *r, const FIXTURE_VARIANT(hw) *variant,
		    const char *const *set_reg, const char *expect_file)
{
	const char *args[40] = { "--host-kernel", variant->host, "--cpus", HW_CPUS,
				 "--put", "tests/kvm/guest-hw.sh" };
	char hotplug[64];
	int n = 6;

	if (variant->guest) {
		args[n++] = "--guest-kernel";
		args[n++] = variant->guest;
	}
	if (variant->guest_cpus) {
		args[n++] = "--guest-cpus";
		args[n++] = variant->guest_cpus;
	}
	n = vm_add_options(args, n, "--set-reg", set_reg);
	if (variant->uefi) {
		args[n++] = "--firmware";
		args[n++] = "uefi";
	}
	if (variant->vmm) {
		args[n++] = "--vmm";
		args[n++] = variant->vmm;
	}
	if (expect_file) {
		args[n++] = "--put";
		args[n++] = expect_file;
	}
	if (variant->hotplug) {
		snprintf(hotplug, sizeof(hotplug),
			 "sh /put/guest-hw.sh; sh /put/guest-hotplug.sh %s", variant->hotplug);
		args[n++] = "--put";
		args[n++] = "tests/kvm/guest-hotplug.sh";
		args[n++] = "--";
		args[n++] = "sh";
		args[n++] = "-c";
		args[n++] = hotplug;
	} else {
		args[n++] = "--";
		args[n++] = "sh";
		args[n++] = "/put/guest-hw.sh";
	}
	args[n] = NULL;
	vm_run(r, args, true);
}

static int hw_cpus(const FIXTURE_VARIANT(hw) *variant)
{
	return atoi(variant->guest_cpus ?: HW_CPUS);
}

/* The guest's value of one register on vCPU @cpu, from its cpu<N>/ or gic/ file. */
static const char *guest_file(const struct vm_run *r, const char *name, int cpu)
{
	char key[96];

	if (!strncmp(name, "gicd_", 5) || !strncmp(name, "gits_", 5))
		snprintf(key, sizeof(key), "gic/%s", name);
	else
		snprintf(key, sizeof(key), "cpu%d/%s", cpu, name);
	return value(r, key);
}

/*
 * Every register the reporter shows equals KVM's: the same string when all
 * vCPUs agree, else the same per-vCPU array; the module's files agree too.
 * Returns the number of registers compared.
 */
static int hw_matches_kvm(struct __test_metadata *_metadata, const struct vm_run *r,
			  const FIXTURE_VARIANT(hw) *variant, const char *object)
{
	json_t *report = json_loads(value(r, "reporter_json") ?: "", 0, NULL);
	json_t *regs = json_object_get(report, object), *mine, *kvm;
	int compared = 0, cpu, ncpus = hw_cpus(variant);
	const char *name;

	ASSERT_NE(NULL, regs);
	json_object_foreach(regs, name, mine) {
		kvm = json_object_get(r->regs, name);
		if (variant->kvm_differs && !strcmp(name, variant->kvm_differs)) {
			TH_LOG("%s: guest %s, KVM %s, as on every such host", name,
			       json_string_value(mine), json_string_value(kvm));
			ASSERT_STREQ(variant->guest_reads, json_string_value(mine) ?: "?");
			ASSERT_STREQ(variant->kvm_reports, json_string_value(kvm) ?: "?");
			continue;
		}
		if (!json_equal(mine, kvm)) {
			char *a = json_dumps(mine, JSON_ENCODE_ANY), *b = json_dumps(kvm, JSON_ENCODE_ANY);

			TH_LOG("%s: guest %s, KVM %s", name, a, b ?: "(not dumped)");
			free(a);
			free(b);
		}
		ASSERT_TRUE(json_equal(mine, kvm));
		for (cpu = 0; cpu < ncpus; cpu++) {
			json_t *want = json_is_array(kvm) ? json_array_get(kvm, cpu) : kvm;
			const char *file = guest_file(r, name, cpu);

			if (json_is_string(want)) {
				ASSERT_STREQ(json_string_value(want), file ?: "absent");
			} else {
				ASSERT_EQ(NULL, file);
			}
		}
		compared++;
	}
	json_decref(report);
	return compared;
}

/*
 * The other way round: every GIC register KVM holds a value for is one the
 * guest reports, so a frame the module did not find (an ITS, a vCPU's
 * redistributor) fails too. Returns their number.
 */
static int kvm_gic_all_reported(struct __test_metadata *_metadata, const struct vm_run *r)
{
	json_t *report = json_loads(value(r, "reporter_json") ?: "", 0, NULL);
	json_t *gic = json_object_get(report, "gic_registers"), *kvm;
	const char *name;
	int held = 0;

	json_object_foreach(r->regs, name, kvm) {
		if (strncmp(name, "gicd_", 5) && strncmp(name, "gicr_", 5) &&
		    strncmp(name, "gits_", 5))
			continue;
		if (json_is_null(kvm))
			continue;
		if (!json_object_get(gic, name))
			TH_LOG("%s: KVM holds it, the guest does not report it", name);
		ASSERT_NE(NULL, json_object_get(gic, name));
		held++;
	}
	json_decref(report);
	return held;
}

static void sve_lengths_match_kvm(struct __test_metadata *_metadata, const struct vm_run *r)
{
	json_t *report = json_loads(value(r, "reporter_json") ?: "", 0, NULL);
	json_t *sve = json_object_get(json_object_get(report, "vector_lengths"), "sve");
	json_t *kvm = json_object_get(r->regs, "vector_lengths.sve");
	char *a = json_dumps(sve, JSON_ENCODE_ANY | JSON_COMPACT);
	char *b = json_dumps(kvm, JSON_ENCODE_ANY | JSON_COMPACT);
	bool same = json_is_array(sve) && json_equal(sve, kvm);

	TH_LOG("SVE vector lengths: guest %s, KVM %s", a, b ?: "(not dumped)");
	free(a);
	free(b);
	json_decref(report);
	ASSERT_TRUE(same);
}

/*
 * The defaults, saved in the guest by fwprobe --save, for the lowered boot;
 * valid against the machine-type schema, as users check their files.
 */
static void hw_save_defaults(struct __test_metadata *_metadata, const struct vm_run *r,
			     char *dir, char *path, size_t len)
{
	const char *saved = value(r, "saved");
	char why[512];
	int valid;
	FILE *f;

	ASSERT_STREQ("0", value(r, "save"));
	ASSERT_NE(NULL, saved);
	ASSERT_NE(NULL, mkdtemp(dir));
	snprintf(path, len, "%s/expect.json", dir);
	f = fopen(path, "w");
	ASSERT_NE(NULL, f);
	fprintf(f, "%s\n", saved);
	fclose(f);
	valid = vm_schema_check(path, why, sizeof(why));
	TH_LOG("the saved machine type against the schema: %s", why);
	ASSERT_EQ(0, valid);
}

/*
 * boot/ through the reporter's JSON: ACPI tables and UEFI on the UEFI rows,
 * a device tree and no UEFI otherwise; SMBIOS strings from the firmware
 * (edk2 names itself; the version is its package's, "0.0.0" for
 * bookworm's), none on a direct boot, which has no firmware.
 */
static void hw_boot_says(struct __test_metadata *_metadata, const struct vm_run *r,
			 const FIXTURE_VARIANT(hw) *variant)
{
	json_t *report = json_loads(value(r, "reporter_json") ?: "", 0, NULL);
	json_t *boot = json_object_get(report, "boot");
	const char *vendor = json_string_value(json_object_get(boot, "firmware_vendor"));
	const char *version = json_string_value(json_object_get(boot, "firmware_version"));

	TH_LOG("boot: tables %s, uefi %s, firmware %s %s",
	       json_string_value(json_object_get(boot, "tables")),
	       json_is_true(json_object_get(boot, "uefi")) ? "true" : "false",
	       vendor ?: "(none)", version ?: "(none)");
	ASSERT_TRUE(json_is_object(boot));
	ASSERT_STREQ(variant->uefi ? "acpi" : "dt",
		     json_string_value(json_object_get(boot, "tables")) ?: "?");
	ASSERT_EQ(variant->uefi, json_is_true(json_object_get(boot, "uefi")));
	if (variant->uefi) {
		ASSERT_STREQ(variant->firmware, vendor ?: "(none)");
		ASSERT_NE(NULL, version);
	} else {
		ASSERT_TRUE(json_is_null(json_object_get(boot, "firmware_vendor")));
	}
	json_decref(report);
}

/*
 * guest-hotplug.sh: the offline vCPU is reported offline (no files, a line of
 * its own from --expect), then read again, both while a loop rescans and by
 * the module's hotplug callbacks alone; every probe of the run (the trace
 * holds them all) issued only discovery calls.
 */
static void hw_hotplug(struct __test_metadata *_metadata, const struct vm_run *r,
		       const FIXTURE_VARIANT(hw) *variant)
{
	char all[32], says[96];
	int i;

	snprintf(all, sizeof(all), "0-%d", hw_cpus(variant) - 1);
	snprintf(says, sizeof(says), "vCPU %s: offline when fwprobe.ko probed", variant->hotplug);
	TH_LOG("vCPU %s offline during rescans: vcpus_online %s, %s files; online: %s, %s files",
	       variant->hotplug, value(r, "loop_while_offline"),
	       value(r, "loop_files_while_offline"), value(r, "loop_after"),
	       value(r, "loop_files_after"));
	TH_LOG("by the hotplug callbacks: %s (--expect %s: %s), then %s, %s probes, --expect %s",
	       value(r, "callback_while_offline"), value(r, "callback_expect_offline"),
	       value(r, "callback_expect_offline_says"), value(r, "callback_after"),
	       value(r, "callback_probes"), value(r, "callback_expect"));
	ASSERT_STREQ(variant->guest_cpus, value(r, "hotplug_vcpus") ?: "?");
	ASSERT_STREQ(all, value(r, "hotplug_all") ?: "?");
	ASSERT_STREQ("0", value(r, "loop_offline_rc") ?: "?");
	ASSERT_STREQ(variant->hotplug_offline, value(r, "loop_while_offline") ?: "?");
	ASSERT_STREQ("0", value(r, "loop_files_while_offline") ?: "?");
	ASSERT_STREQ("0", value(r, "loop_online_rc") ?: "?");
	ASSERT_STREQ(all, value(r, "loop_after") ?: "?");
	ASSERT_GE(atoi(value(r, "loop_files_after") ?: "0"), HW_MIN_CPU_REGISTERS);
	ASSERT_STREQ(variant->hotplug_offline, value(r, "callback_while_offline") ?: "?");
	ASSERT_STREQ("1", value(r, "callback_expect_offline") ?: "?");
	ASSERT_NE(NULL, strstr(value(r, "callback_expect_offline_says") ?: "", says));
	ASSERT_STREQ(all, value(r, "callback_after") ?: "?");
	ASSERT_GE(atoi(value(r, "callback_probes") ?: "0"), 2);
	ASSERT_GE(atoi(value(r, "callback_files_after") ?: "0"), HW_MIN_CPU_REGISTERS);
	ASSERT_STREQ("0", value(r, "callback_expect") ?: "?");
	for (i = 0; i < r->ntrace; i++)
		ASSERT_TRUE(allowed(r->trace[i])) TH_LOG("call 0x%08x", r->trace[i]);
}

TEST_F_TIMEOUT(hw, guest_reads_what_kvm_holds, 2 * SCENARIO_TIMEOUT)
{
	const struct vm_run *r = &self->defaults;
	char path[128], key[96], mpidr[16];
	int cpu_regs, gic_regs, i;

	VM_SKIP_UNLESS_MINE(false);
	hw_boot(&self->defaults, variant, (const char *[]){ NULL }, NULL);
	TH_LOG("host %s, guest %s, %d vCPUs, %s, defaults: %.0f s", variant->host,
	       variant->guest ?: "6.12", hw_cpus(variant),
	       variant->uefi ? "UEFI and ACPI" : "device tree", r->seconds);
	if (r->status)
		TH_LOG("vmtest exit %d\n%s\n%s", r->status, r->out, r->err);
	ASSERT_EQ(0, r->status);
	ASSERT_NE(NULL, strstr(r->err, variant->release));
	ASSERT_NE(NULL, r->regs);
	/* The guest kernel took its hardware from ACPI (it has a MADT) or from the device tree. */
	TH_LOG("firmware: acpi_madt=%s, %s", value(r, "acpi_madt"), value(r, "fwprobe_gic_from"));
	ASSERT_STREQ(variant->uefi ? "1" : "0", value(r, "acpi_madt") ?: "absent");
	/* ...and the module took the GIC from the same place, and only from there. */
	ASSERT_NE(NULL, strstr(value(r, "fwprobe_gic_from") ?: "",
			       variant->uefi ? "GIC from the ACPI MADT: " : "GIC from the device tree: "));
	/* The module says how the guest booted, as the guest kernel took it. */
	hw_boot_says(_metadata, r, variant);
	/*
	 * Every vCPU is there and they differ where they must: MPIDR_EL1. QEMU's
	 * virt board puts 16 vCPUs in a cluster under GICv3 (Aff0 0-15, then Aff1).
	 */
	for (i = 0; i < hw_cpus(variant); i++) {
		snprintf(key, sizeof(key), "cpu%d/mpidr_el1", i);
		snprintf(mpidr, sizeof(mpidr), "0x%08x", 0x80000000 | (i / 16) << 8 | (i % 16));
		ASSERT_STREQ(mpidr, value(r, key) ?: "absent");
	}

	cpu_regs = hw_matches_kvm(_metadata, r, variant, "cpu_registers");
	gic_regs = hw_matches_kvm(_metadata, r, variant, "gic_registers");
	TH_LOG("%d CPU and %d GIC registers equal KVM's on all %d vCPUs", cpu_regs, gic_regs,
	       hw_cpus(variant));
	ASSERT_GE(cpu_regs, HW_MIN_CPU_REGISTERS);
	ASSERT_GE(gic_regs, 4);		/* GICD_IIDR/TYPER, GICR_IIDR/TYPER at least */
	ASSERT_EQ(gic_regs, kvm_gic_all_reported(_metadata, r));

	/* The SVE vector lengths the guest kernel offers are the VM's (KVM_REG_ARM64_SVE_VLS). */
	sve_lengths_match_kvm(_metadata, r);
	safety_matches_cpuinfo(_metadata, r);

	/* The new reads add no SMCCC call: the host saw exactly the calls the module counts. */
	if (variant->hotplug) {
		hw_hotplug(_metadata, r, variant);
		return;
	}
	ASSERT_EQ(atoi(value(r, "calls") ?: "-1"), r->ntrace);
	ASSERT_LE(r->ntrace, MAX_PROBE_CALLS);

	if (!variant->lower[0])
		return;
	hw_save_defaults(_metadata, r, self->dir, path, sizeof(path));
	hw_boot(&self->lowered, variant, variant->lower, path);
	r = &self->lowered;
	TH_LOG("lowered %s...: %.0f s", variant->lower[0], r->seconds);
	if (r->status)
		TH_LOG("vmtest exit %d\n%s\n%s", r->status, r->out, r->err);
	unlink(path);
	rmdir(self->dir);
	ASSERT_EQ(0, r->status);
	for (i = 0; i < 4 && variant->lowered_values[i]; i++) {
		const char *eq = strchr(variant->lowered_values[i], '=');

		snprintf(key, sizeof(key), "%.*s", (int)(eq - variant->lowered_values[i]),
			 variant->lowered_values[i]);
		TH_LOG("%s: %s", key, value(r, key));
		ASSERT_STREQ(eq + 1, value(r, key) ?: "absent");
	}
	ASSERT_GE(hw_matches_kvm(_metadata, r, variant, "cpu_registers"), HW_MIN_CPU_REGISTERS);
	hw_matches_kvm(_metadata, r, variant, "gic_registers");
	TH_LOG("fwprobe --expect of the defaults: %s: %s", value(r, "expect"), value(r, "expect_says"));
	ASSERT_STREQ("1", value(r, "expect") ?: "missing");
	for (i = 0; i < 4 && variant->lowered_says[i]; i++)
		ASSERT_NE(NULL, strstr(value(r, "expect_says") ?: "", variant->lowered_says[i]));
}

/*
 * DISCOVER_IMPL on real KVM: the test bed's shim installs an SMCCC filter that
 * forwards DISCOVER_IMPL_VER/_CPUS to userspace and answers them with the
 * implementations given by --impl, and sets their VENDOR_HYP_BMAP_2 bits.
 * The guest kernel reads them at boot; fwprobe reads them and each vCPU's
 * MIDR/REVIDR/AIDR. The bed's CPU is MIDR 0xf0510 (QEMU's "max").
 */
#define BED_IMPL	"0xf0510:0x0:0x0"
#define OTHER_IMPL	"0x410fd4f0:0x0:0x0"	/* a Cortex-A720's MIDR */
#define MAX_IMPLS	4	/* implementations the module reads, one DISCOVER_IMPL_CPUS each */

FIXTURE(impl) {
	struct vm_run run;
};

FIXTURE_VARIANT(impl) {
	const char *impl[3];		/* --impl values, NULL-terminated */
	int nimpl;
	int fwprobe;			/* fwprobe --quiet: 0, or 1 for a vCPU not announced */
	const char *says;		/* in its output */
};

FIXTURE_VARIANT_ADD(impl, both_announced) {
	.impl = { BED_IMPL, OTHER_IMPL }, .nimpl = 2, .fwprobe = 0 };
FIXTURE_VARIANT_ADD(impl, vcpus_not_announced) {
	.impl = { OTHER_IMPL }, .nimpl = 1, .fwprobe = 1,
	.says = "vCPU 1: MIDR_EL1 0xf0510 REVIDR_EL1 0x0 AIDR_EL1 0x0 is none of the 1 implementations" };

FIXTURE_SETUP(impl) {}

FIXTURE_TEARDOWN(impl)
{
	vm_free(&self->run);
}

TEST_F_TIMEOUT(impl, guest_and_fwprobe_see_the_announced_implementations, SCENARIO_TIMEOUT)
{
	const char *args[24] = { "--host-kernel", "latest", "--guest-kernel", "latest",
				 "--cpus", "2", "--put", "tests/kvm/guest-impl.sh" };
	const struct vm_run *r = &self->run;
	char key[32], want[32], line[64];
	int n = 8, i, calls, plain_calls;

	VM_SKIP_UNLESS_MINE(false);
	n = vm_add_options(args, n, "--impl", variant->impl);
	args[n++] = "--";
	args[n++] = "sh";
	args[n++] = "/put/guest-impl.sh";
	vm_run(&self->run, args, false);
	TH_LOG("%d implementation(s): %.0f s, vmtest exit %d", variant->nimpl, r->seconds, r->status);
	if (r->status)
		TH_LOG("%s\n%s", r->out, r->err);
	ASSERT_EQ(0, r->status);
	/* The guest kernel logs the count only (kvm_arm_target_impl_cpu_init()). */
	TH_LOG("guest kernel: %s", vm_value(r, "kernel_says"));
	snprintf(line, sizeof(line), "Number of target implementation CPUs is %d", variant->nimpl);
	ASSERT_NE(NULL, strstr(vm_value(r, "kernel_says") ?: "", line));
	snprintf(want, sizeof(want), "%d", variant->nimpl);
	ASSERT_STREQ(want, vm_value(r, "discover_impl/count") ?: "absent");
	for (i = 0; i < variant->nimpl; i++) {
		snprintf(key, sizeof(key), "discover_impl/midr_%d", i);
		snprintf(want, sizeof(want), "0x%016llx", strtoull(variant->impl[i], NULL, 16));
		ASSERT_STREQ(want, vm_value(r, key) ?: "absent");
	}
	TH_LOG("fwprobe --quiet: %s: %s", vm_value(r, "fwprobe"), vm_value(r, "fwprobe_says"));
	ASSERT_EQ(variant->fwprobe, atoi(vm_value(r, "fwprobe") ?: "-1"));
	if (variant->says)
		ASSERT_NE(NULL, strstr(vm_value(r, "fwprobe_says") ?: "", variant->says));
	/*
	 * The call budget: at most MAX_PROBE_CALLS for the discovery itself, plus
	 * DISCOVER_IMPL_VER and one DISCOVER_IMPL_CPUS per implementation read.
	 */
	calls = atoi(vm_value(r, "calls") ?: "0");
	plain_calls = calls - 1 - variant->nimpl;
	TH_LOG("%d SMCCC calls: %d for discovery, %d for DISCOVER_IMPL; the budget is %d + 1 + %d",
	       calls, plain_calls, 1 + variant->nimpl, MAX_PROBE_CALLS, MAX_IMPLS);
	ASSERT_GT(plain_calls, 0);
	ASSERT_LE(plain_calls, MAX_PROBE_CALLS);
	ASSERT_LE(calls, MAX_PROBE_CALLS + 1 + MAX_IMPLS);
}

/* Scenarios with a configuration of their own. */
FIXTURE(bed) {};
FIXTURE_SETUP(bed) {}
FIXTURE_TEARDOWN(bed) {}

TEST_F(bed, no_hypervisor_refuses_kvm_options)
{
	VM_SKIP_UNLESS_MINE(false);
	const char *args[] = { "--host-kernel", "none", "--", "true", NULL };
	struct vm_run r;

	vm_run(&r, args, true);
	/* --dump-regs/--trace-hvc need KVM: vmtest refuses them without a host. */
	ASSERT_EQ(125, r.status);
	ASSERT_NE(NULL, strstr(r.err, "needs a KVM host"));
	vm_free(&r);
}

/*
 * A disk too full for a run is refused before anything boots: QEMU used to
 * pause the machine on a write that found the host's disk full, and the run
 * waited out its time in silence. TMPDIR on a 64 MiB tmpfs of its own.
 */
TEST_F(bed, full_disk_is_refused)
{
	VM_SKIP_UNLESS_MINE(false);
	const char *args[] = { "--host-kernel", "6.12", "--", "true", NULL };
	char dir[] = "/tmp/fwprobe-small.XXXXXX";
	struct vm_run r;

	ASSERT_NE(NULL, mkdtemp(dir));
	ASSERT_EQ(0, mount("fwprobe-small", dir, "tmpfs", 0, "size=64m")) TH_LOG("mount: %m");
	setenv("TMPDIR", dir, 1);
	vm_run(&r, args, false);
	unsetenv("TMPDIR");
	umount2(dir, MNT_DETACH);
	rmdir(dir);
	TH_LOG("vmtest exit %d: %s", r.status, r.err);
	ASSERT_EQ(125, r.status);
	ASSERT_NE(NULL, strstr(r.err, "MiB free in /tmp/fwprobe-small."));
	ASSERT_NE(NULL, strstr(r.err, "set TMPDIR to a roomier place"));
	vm_free(&r);
}

TEST_F_TIMEOUT(bed, no_hypervisor_loads, SCENARIO_TIMEOUT)
{
	VM_SKIP_UNLESS_MINE(false);
	const char *args[] = { "--host-kernel", "none", GUEST_FILES, "--", "sh",
			       "/put/guest-dump.sh", NULL };
	struct vm_run r;

	vm_run(&r, args, false);
	ASSERT_EQ(0, r.status);		/* no oops or WARN either: vmtest checks */
	ASSERT_STREQ("none", value(&r, "conduit"));
	ASSERT_STREQ("1.0", value(&r, "smccc_version"));
	ASSERT_STREQ("none", value(&r, "identity"));
	ASSERT_STREQ("0", value(&r, "calls"));
	ASSERT_STREQ("unknown", value(&r, "registers/psci_version"));
	vm_free(&r);
}

TEST_F_TIMEOUT(bed, refused_register, SCENARIO_TIMEOUT)
{
	VM_SKIP_UNLESS_MINE(false);
	const char *args[] = { "--set-reg", "std_bmap=0x2", "--", "true", NULL };
	struct vm_run r;

	vm_run(&r, args, false);
	TH_LOG("%s", r.err);
	ASSERT_EQ(125, r.status);
	ASSERT_NE(NULL, strstr(r.err, "KVM refused std_bmap=0x2"));
	ASSERT_NE(NULL, strstr(r.err, "Invalid argument"));
	vm_free(&r);
}

/*
 * A kernel problem printed on the console makes the run untrustworthy even
 * when the machine then hangs (an oops can leave L1 stuck): vmtest must stop
 * and name it rather than report a time-out. The guest prints a fake BUG
 * line at alert level (so "quiet" still shows it) and never finishes.
 */
TEST_F_TIMEOUT(bed, kernel_problem_stops_the_run, SCENARIO_TIMEOUT)
{
	VM_SKIP_UNLESS_MINE(false);
	const char *args[] = { "--no-module", "--", "sh", "-c",
			       "echo '<1>BUG: fwprobe test-bed self-check' >/dev/kmsg; sleep 100000",
			       NULL };
	struct vm_run r;

	vm_run(&r, args, false);
	TH_LOG("%s", r.err);
	ASSERT_EQ(125, r.status);
	ASSERT_NE(NULL, strstr(r.err, "reported: "));
	ASSERT_NE(NULL, strstr(r.err, "BUG: fwprobe test-bed self-check"));
	ASSERT_EQ(NULL, strstr(r.err, "timed out"));
	vm_free(&r);
}

/*
 * A real hang is named, with its stack, long before the time-out: the guest's
 * hung-task detector fires after 15 s and its kernel watcher sends the report.
 * A FUSE mount nobody serves: the first mkdir waits (killably) holding the
 * directory's lock, the second sleeps uninterruptibly on that lock. FUSE is
 * built in on the 6.12 guest kernel (a module on 6.1).
 */
TEST_F_TIMEOUT(bed, hung_task_is_named, SCENARIO_TIMEOUT)
{
	const char *args[] = { "--no-module", "--", "sh", "-c",
			       "exec 3<>/dev/fuse && mkdir -p /mnt/stuck && "
			       "mount -t fuse -o fd=3,rootmode=40000,user_id=0,group_id=0 stuck /mnt/stuck && "
			       "{ mkdir /mnt/stuck/d & sleep 1; mkdir /mnt/stuck/d; }",
			       NULL };
	struct vm_run r;

	VM_SKIP_UNLESS_MINE(false);
	vm_run(&r, args, false);
	TH_LOG("%.0f s\n%s", r.seconds, r.err);
	ASSERT_EQ(125, r.status);
	ASSERT_NE(NULL, strstr(r.err, "the L2 kernel reported: INFO: task mkdir:"));
	ASSERT_NE(NULL, strstr(r.err, "blocked for more than 15 seconds"));
	ASSERT_NE(NULL, strstr(r.err, "Call trace:"));		/* the stack, not just the line */
	ASSERT_NE(NULL, strstr(r.err, "filename_create"));
	ASSERT_EQ(NULL, strstr(r.err, "timed out"));
	vm_free(&r);
}

/*
 * fwprobe.ko under the kernel's own detectors (the debug guest kernel:
 * lockdep, KASAN, UBSAN, debug objects, the atomic-sleep check, kmemleak):
 * load/unload cycles, probes while vCPU 1 goes offline and online, the
 * drift-watch/rescan/reload stress, then a kmemleak scan after the last
 * unload. Any report of theirs in the guest's kernel log fails the run (125).
 */
TEST_F_TIMEOUT(bed, debug_kernel_detectors_stay_silent, SCENARIO_TIMEOUT)
{
	VM_SKIP_UNLESS_MINE(false);
	const char *args[] = { "--guest-kernel", "debug", "--cpus", "2",
			       "--put", "tests/kvm/guest-debug.sh", "--put", "build/arm64/fwprobe-stress",
			       "--", "sh", "/put/guest-debug.sh", NULL };
	struct vm_run r;

	vm_run(&r, args, false);
	TH_LOG("%.0f s: %s load/unload cycles, %s vCPUs, %s hotplug cycles, %s reloads under stress, "
	       "%s kmemleak lines", r.seconds, value(&r, "cycles") ?: "?", value(&r, "cpus") ?: "?",
	       value(&r, "hotplug_cycles") ?: "?", value(&r, "reloads") ?: "?",
	       value(&r, "leak_lines") ?: "?");
	if (r.status)
		TH_LOG("%s\n%s", r.out, r.err);
	ASSERT_EQ(0, r.status);		/* a detector's report: 125, naming it */
	ASSERT_STREQ("20", value(&r, "cycles"));
	ASSERT_STREQ("2", value(&r, "cpus"));
	ASSERT_STREQ("10", value(&r, "hotplug_cycles"));
	ASSERT_STREQ("1", value(&r, "cpu1_online"));
	ASSERT_STREQ("0", value(&r, "reload_errors"));
	ASSERT_STREQ("0", value(&r, "leak_lines"));
	vm_free(&r);
}

/*
 * The same detectors while a rescan re-lays the sysfs tree out: the guest is
 * migrated to a host whose VMM turns the TRNG off and KVM's PTP on, and the
 * rescan after it removes trng/ and adds ptp/ (guest-migrate.sh, drift watch
 * off so that the rescan does it).
 */
TEST_F_TIMEOUT(bed, debug_kernel_relayout_across_migration, SCENARIO_TIMEOUT)
{
	VM_SKIP_UNLESS_MINE(false);
	const char *args[] = { "--guest-kernel", "debug", "--migrate-to", "6.12",
			       "--set-reg", "std_bmap=0x1", "--set-reg", "vendor_hyp_bmap=0x1",
			       "--migrate-set-reg", "std_bmap=0x0",
			       "--migrate-set-reg", "vendor_hyp_bmap=0x3",
			       "--put", "tests/kvm/guest-migrate.sh", "--", "sh", "/put/guest-migrate.sh", "0",
			       NULL };
	struct vm_run r;
	const char *given;

	vm_run(&r, args, false);
	if (r.status)
		TH_LOG("%s\n%s", r.out, r.err);
	ASSERT_EQ(0, r.status);		/* a detector's report: 125, naming it */
	ASSERT_STREQ("yes", value(&r, "same_boot"));
	ASSERT_STREQ("0x1", vm_value_nth(&r, "reg_std_bmap", 0));
	ASSERT_STREQ("0x0", vm_value_nth(&r, "reg_std_bmap", 1));
	ASSERT_STREQ("0", vm_value_nth(&r, "ptp_files", 0));
	ASSERT_STREQ("12", vm_value_nth(&r, "ptp_files", 1));
	ASSERT_STREQ("1", value(&r, "expect_pre"));	/* the drift, seen */
	/*
	 * Built without COMPAT, the debug kernel runs no 32-bit process:
	 * nothing AArch32 is counted as relied on, although its CPUs have it.
	 */
	given = value(&r, "safety_given") ?: "none";
	TH_LOG("the kernel relies on: %s", given);
	ASSERT_EQ(NULL, strstr(given, "compat_"));
	ASSERT_EQ(NULL, strstr(given, "HAS_32BIT_EL0"));
	ASSERT_NE(NULL, strstr(given, "asimd"));	/* the AArch64 HWCAPs still are */
	vm_free(&r);
}

TEST_F_TIMEOUT(bed, stress_load_and_rescan, SCENARIO_TIMEOUT)
{
	VM_SKIP_UNLESS_MINE(false);
	/* Two vCPUs in L1 and in the guest: the races need true parallelism. */
	const char *args[] = { "--cpus", "2", GUEST_FILES, "--", "sh", "/put/guest-stress.sh",
			       NULL };
	struct vm_run r;

	vm_run(&r, args, false);
	if (r.status)
		TH_LOG("%s\n%s", r.out, r.err);
	ASSERT_EQ(0, r.status);		/* any oops, WARN or lockdep report: 125 */
	ASSERT_STREQ("100", value(&r, "cycles"));
	ASSERT_STREQ("1001", value(&r, "generation"));
	ASSERT_STREQ("yes", value(&r, "unloaded"));
	vm_free(&r);
}

/*
 * fwprobe-stress (tests/kvm/guest-stress.c) in the guest: drift-watch switches,
 * rescans, attribute reads and generation reads all at once, then the same
 * while the module is unloaded and loaded again (with drift_watch_ms=1).
 */
#define STRESS_SWITCHES		1000	/* drift_watch_ms on/off pairs in phase 1 */
#define STRESS_RELOADS		20	/* load/unload cycles in phase 2 */

static const char *const stress_counters[] = {
	"switches", "switch_errors", "rescans", "rescan_errors", "reads", "vanished",
	"read_errors", "generation_reads", "generation_errors", "generation_regressions",
	"generation", "reloads", "reload_errors", "reload_unload_retries", "reload_rescans",
	"reload_rescan_absent", "reload_rescan_errors", "reload_reads", "reload_vanished",
	"reload_read_errors", "reload_generation_reads", "reload_generation_absent",
	"reload_generation_errors", "reload_generation_regressions", "generation_resets",
	"loaded_generation", "elapsed_ms",
};
#define NR_STRESS_COUNTERS (sizeof(stress_counters) / sizeof(stress_counters[0]))

static long long counter(const struct vm_run *r, const char *key)
{
	return strtoll(value(r, key) ?: "-1", NULL, 10);
}

TEST_F_TIMEOUT(bed, stress_watch_rescan_reload, SCENARIO_TIMEOUT)
{
	VM_SKIP_UNLESS_MINE(false);
	const char *args[] = { "--cpus", "2", "--put", "build/arm64/fwprobe-stress", "--",
			       "/put/fwprobe-stress", NULL };
	struct vm_run r;

	vm_run(&r, args, false);
	if (r.status)
		TH_LOG("vmtest exit %d\n%s\n%s", r.status, r.out, r.err);
	ASSERT_EQ(0, r.status);		/* any oops, WARN, BUG, lockdep or hung task: 125 */
	for (size_t i = 0; i < NR_STRESS_COUNTERS; i++) {
		if (!value(&r, stress_counters[i]))
			TH_LOG("fwprobe-stress printed no %s=\n%s", stress_counters[i], r.out);
		ASSERT_NE(NULL, value(&r, stress_counters[i]));
	}
	/* counter(), not value(): value()'s buffers last 8 calls only. */
	TH_LOG("%.0f s (guest %lld ms); toggle: %lld switches (%lld failed), %lld rescans "
	       "(%lld failed), %lld reads (%lld vanished, %lld failed), %lld generation reads "
	       "(%lld failed, %lld regressions), generation %lld",
	       r.seconds, counter(&r, "elapsed_ms"), counter(&r, "switches"),
	       counter(&r, "switch_errors"), counter(&r, "rescans"), counter(&r, "rescan_errors"),
	       counter(&r, "reads"), counter(&r, "vanished"), counter(&r, "read_errors"),
	       counter(&r, "generation_reads"), counter(&r, "generation_errors"),
	       counter(&r, "generation_regressions"), counter(&r, "generation"));
	TH_LOG("reload: %lld cycles (%lld failed, %lld unload retries), %lld rescans (%lld absent, "
	       "%lld failed), %lld reads (%lld vanished, %lld failed), %lld generation reads "
	       "(%lld absent, %lld failed, %lld resets, %lld regressions), loaded again at "
	       "generation %lld",
	       counter(&r, "reloads"), counter(&r, "reload_errors"),
	       counter(&r, "reload_unload_retries"), counter(&r, "reload_rescans"),
	       counter(&r, "reload_rescan_absent"), counter(&r, "reload_rescan_errors"),
	       counter(&r, "reload_reads"), counter(&r, "reload_vanished"),
	       counter(&r, "reload_read_errors"), counter(&r, "reload_generation_reads"),
	       counter(&r, "reload_generation_absent"), counter(&r, "reload_generation_errors"),
	       counter(&r, "generation_resets"), counter(&r, "reload_generation_regressions"),
	       counter(&r, "loaded_generation"));
	if (value(&r, "first_error") || value(&r, "reload_first_error"))
		TH_LOG("first unexpected error: toggle %s; reload %s",
		       value(&r, "first_error") ?: "none", value(&r, "reload_first_error") ?: "none");

	/* Phase 1: the module stays loaded. */
	ASSERT_GE(counter(&r, "switches"), STRESS_SWITCHES);
	ASSERT_GT(counter(&r, "rescans"), 0);
	ASSERT_GT(counter(&r, "reads"), 0);
	ASSERT_EQ(0, counter(&r, "read_errors"));
	ASSERT_EQ(0, counter(&r, "generation_regressions"));

	/* Phase 2: generation starts again only when a new module is loaded. */
	ASSERT_EQ(STRESS_RELOADS, counter(&r, "reloads"));
	ASSERT_EQ(0, counter(&r, "reload_errors"));
	ASSERT_LE(counter(&r, "generation_resets"), STRESS_RELOADS);
	ASSERT_EQ(0, counter(&r, "reload_generation_regressions"));
	ASSERT_GE(counter(&r, "loaded_generation"), 1);
	vm_free(&r);
}

TEST_HARNESS_MAIN
