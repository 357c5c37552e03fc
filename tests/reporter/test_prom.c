// SPDX-License-Identifier: GPL-2.0
/*
 * fwprobe --prometheus FILE, end to end: the metrics of the reporter's
 * fixture trees (tests/reporter/mktree.sh) as exact text, the drift series,
 * that the file is replaced atomically and that standard output does not
 * change; and promtool (scripts/setup promtool) on the output and on the
 * alerting rules in packaging/prometheus/. Run from the repository's top.
 *
 * Expected values are the fixture's, written out here, as in test_cli.c.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kselftest_harness.h"
#include "run_fwprobe.h"

#define DUMP		"tests/reporter/fixtures/kvm-6.12.txt"
#define DUMP_FUNCFEAT	"tests/reporter/fixtures/kvm-6.12-funcfeat-off.txt"
#define DUMP_UNSAFE	"tests/reporter/fixtures/kvm-6.12-unsafe.txt"
#define DUMP_2VCPU	"tests/reporter/fixtures/kvm-6.12-2vcpu.txt"
#define DUMP_NONE	"tests/reporter/fixtures/no-conduit.txt"
#define MT_KVM		"tests/reporter/fixtures/machine-types/good-kvm-6.12.json"
#define ALERTS		"packaging/prometheus/fwprobe-alerts.yml"
#define ALERT_TESTS	"packaging/prometheus/fwprobe-alerts.test.yml"
#ifndef PROMTOOL	/* tools.mk passes the cache's, from scripts/setup promtool */
#define PROMTOOL	"promtool"
#endif
#define STAMP		"fwprobe_last_check_timestamp_seconds "

/* The kvm-6.12 fixture checked against its own machine type, but for the time. */
static const char want_kvm[] =
	"# HELP fwprobe_info What the guest sees of its hypervisor: identity, SMCCC and PSCI versions (\"\" without PSCI), conduit.\n"
	"# TYPE fwprobe_info gauge\n"
	"fwprobe_info{identity=\"kvm\",smccc_version=\"1.1\",psci_version=\"1.1\",conduit=\"hvc\"} 1\n"
	"# HELP fwprobe_probe_generation Generation of fwprobe.ko's probe the report shows (1 at load, +1 per rescan or drift-watch probe).\n"
	"# TYPE fwprobe_probe_generation gauge\n"
	"fwprobe_probe_generation 1\n"
	"# HELP fwprobe_probe_calls SMCCC calls that probe made.\n"
	"# TYPE fwprobe_probe_calls gauge\n"
	"fwprobe_probe_calls 37\n"
	"# HELP fwprobe_probe_duration_seconds How long that probe took.\n"
	"# TYPE fwprobe_probe_duration_seconds gauge\n"
	"fwprobe_probe_duration_seconds 0.003995520\n"
	"# HELP fwprobe_register KVM firmware pseudo-register the guest's answers imply (absent when not determined).\n"
	"# TYPE fwprobe_register gauge\n"
	"fwprobe_register{register=\"psci_version\"} 65537\n"
	"fwprobe_register{register=\"smccc_arch_workaround_1\"} 2\n"
	"fwprobe_register{register=\"smccc_arch_workaround_2\"} 0\n"
	"fwprobe_register{register=\"smccc_arch_workaround_3\"} 0\n"
	"fwprobe_register{register=\"std_bmap\"} 1\n"
	"fwprobe_register{register=\"std_hyp_bmap\"} 1\n"
	"fwprobe_register{register=\"vendor_hyp_bmap\"} 3\n"
	"fwprobe_register{register=\"vendor_hyp_bmap_2\"} 0\n"
	"# HELP fwprobe_register_determined Whether the guest's answers determine the firmware register (1) or not (0).\n"
	"# TYPE fwprobe_register_determined gauge\n"
	"fwprobe_register_determined{register=\"psci_version\"} 1\n"
	"fwprobe_register_determined{register=\"smccc_arch_workaround_1\"} 1\n"
	"fwprobe_register_determined{register=\"smccc_arch_workaround_2\"} 1\n"
	"fwprobe_register_determined{register=\"smccc_arch_workaround_3\"} 1\n"
	"fwprobe_register_determined{register=\"std_bmap\"} 1\n"
	"fwprobe_register_determined{register=\"std_hyp_bmap\"} 1\n"
	"fwprobe_register_determined{register=\"vendor_hyp_bmap\"} 1\n"
	"fwprobe_register_determined{register=\"vendor_hyp_bmap_2\"} 1\n"
	"# HELP fwprobe_safety The safety verdict: safe, unsafe (something the kernel or its processes rely on since boot is gone from a vCPU) or unknown.\n"
	"# TYPE fwprobe_safety gauge\n"
	"fwprobe_safety{verdict=\"safe\"} 1\n"
	"# HELP fwprobe_unsafe A capability the kernel enabled at boot, a HWCAP processes were given or a value tasks took from the vCPU itself (kind live), that an online vCPU no longer offers, or an erratum workaround it needs that the kernel did not enable; breaks: kernel, processes or silent.\n"
	"# TYPE fwprobe_unsafe gauge\n"
	"# HELP fwprobe_expect_match Whether the guest matches the machine-type file given with --expect (1) or drifted from it (0).\n"
	"# TYPE fwprobe_expect_match gauge\n"
	"fwprobe_expect_match{machine_type=\"good-kvm-6.12.json\"} 1\n"
	"# HELP fwprobe_expect_differences Differences from the machine-type file, as the text output counts them.\n"
	"# TYPE fwprobe_expect_differences gauge\n"
	"fwprobe_expect_differences{machine_type=\"good-kvm-6.12.json\"} 0\n"
	"# HELP fwprobe_vcpu_boot_changes vCPU identity registers whose value changed since the guest kernel booted (drift by itself).\n"
	"# TYPE fwprobe_vcpu_boot_changes gauge\n"
	"fwprobe_vcpu_boot_changes 0\n"
	"# HELP fwprobe_vcpus_unannounced vCPUs that are none of the CPU implementations DISCOVER_IMPL announces (drift by itself).\n"
	"# TYPE fwprobe_vcpus_unannounced gauge\n"
	"fwprobe_vcpus_unannounced 0\n"
	"# HELP fwprobe_vcpus vCPUs the guest can have.\n"
	"# TYPE fwprobe_vcpus gauge\n"
	"fwprobe_vcpus 1\n"
	"# HELP fwprobe_vcpus_offline vCPUs offline when fwprobe.ko last probed: none of their registers were read.\n"
	"# TYPE fwprobe_vcpus_offline gauge\n"
	"fwprobe_vcpus_offline 0\n"
	"# HELP fwprobe_check_ok Whether the fwprobe check could run (0: it could not, see reason).\n"
	"# TYPE fwprobe_check_ok gauge\n"
	"fwprobe_check_ok 1\n"
	"# HELP fwprobe_last_check_timestamp_seconds When fwprobe last checked the guest, in seconds since the Unix epoch.\n"
	"# TYPE fwprobe_last_check_timestamp_seconds gauge\n"
	STAMP "T\n";

/* Runs a shell command, its output (both streams) into @out; returns the exit status. */
static int shell(const char *cmd, char *out, size_t len)
{
	char line[1024];
	size_t used = 0;
	FILE *p = popen(cmd, "r");
	int ws;

	out[0] = '\0';
	if (!p)
		return -1;
	while (fgets(line, sizeof(line), p))
		if (used + strlen(line) < len) {
			strcpy(out + used, line);
			used += strlen(line);
		}
	ws = pclose(p);
	return WIFEXITED(ws) ? WEXITSTATUS(ws) : -1;
}

/* $PROMTOOL, else the one scripts/setup unpacked, else promtool on $PATH. */
static const char *promtool(void)
{
	const char *env = getenv("PROMTOOL");

	if (env && *env)
		return env;
	return access(PROMTOOL, X_OK) == 0 ? PROMTOOL : "promtool";
}

/* promtool check metrics < @file: lint included; 0 when it passes. */
static int check_metrics(const char *file, char *out, size_t len)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "%s check metrics <'%s' 2>&1", promtool(), file);
	return shell(cmd, out, len);
}

/* Check the timestamp is between @before and @after, and blank it out as "T". */
static int mask_stamp(char *text, time_t before, time_t after)
{
	char *p = strstr(text, "\n" STAMP), *end;
	long long v;

	if (!p)
		return -1;
	p += strlen("\n" STAMP);
	v = strtoll(p, &end, 10);
	if (end == p || *end != '\n' || v < before || v > after)
		return -1;
	memmove(p + 1, end, strlen(end) + 1);
	*p = 'T';
	return 0;
}

FIXTURE(prom) {
	char dir[64];		/* scratch directory */
	char root[96];		/* the fake sysfs tree inside it */
	char prom[96];		/* the metrics file inside it */
	char saved[96];		/* a machine-type file inside it */
	char tool[4096];	/* promtool's output */
	struct run r;
};

/* A fake sysfs tree at @root from @dump, replacing any tree there. */
static int replace_tree(const char *root, const char *dump)
{
	remove_tree(root);
	return mktree(dump, root);
}

FIXTURE_SETUP(prom)
{
	ASSERT_EQ(0, access(FWPROBE, X_OK)) TH_LOG("build %s first (make %s)", FWPROBE, FWPROBE);
	ASSERT_EQ(0, make_tree(self->dir, self->root, DUMP));
	snprintf(self->prom, sizeof(self->prom), "%s/fwprobe.prom", self->dir);
	snprintf(self->saved, sizeof(self->saved), "%s/pre.json", self->dir);
}

FIXTURE_TEARDOWN(prom)
{
	remove_tree(self->dir);
}

TEST_F(prom, exact_metrics_of_a_matching_guest)
{
	time_t before = time(NULL), after;
	char *text;

	run(&self->r, ARGS("--sysfs-root", self->root, "--expect", MT_KVM, "--quiet",
			   "--prometheus", self->prom));
	after = time(NULL);
	EXPECT_EQ(0, self->r.status) TH_LOG("%s", self->r.err);
	EXPECT_STREQ("", self->r.out);
	EXPECT_STREQ("", self->r.err);
	text = slurp(self->prom, NULL);
	ASSERT_NE(NULL, text);
	EXPECT_EQ(0, mask_stamp(text, before, after)) TH_LOG("%s", text);
	EXPECT_STREQ(want_kvm, text);
	free(text);
	EXPECT_EQ(0, check_metrics(self->prom, self->tool, sizeof(self->tool))) TH_LOG("%s", self->tool);
	/* Only tree/ and fwprobe.prom: no temporary file left behind. */
	EXPECT_EQ(2, count_entries(self->dir));
}

TEST_F(prom, drift_names_each_register_and_undetermined_has_no_value)
{
	static const char want[] =
		"fwprobe_expect_match{machine_type=\"good-kvm-6.12.json\"} 0\n"
		"# HELP fwprobe_expect_differences Differences from the machine-type file, as the text output counts them.\n"
		"# TYPE fwprobe_expect_differences gauge\n"
		"fwprobe_expect_differences{machine_type=\"good-kvm-6.12.json\"} 3\n"
		"# HELP fwprobe_drift A register (and field) that differs from the machine-type file; register as --json names it.\n"
		"# TYPE fwprobe_drift gauge\n"
		"fwprobe_drift{register=\"identity\",field=\"\"} 1\n"
		"fwprobe_drift{register=\"vendor_hyp_bmap\",field=\"\"} 1\n"
		"fwprobe_drift{register=\"vendor_hyp_bmap_2\",field=\"\"} 1\n"
		"# HELP fwprobe_vcpu_boot_changes ";
	char *text;

	ASSERT_EQ(0, replace_tree(self->root, DUMP_FUNCFEAT));
	run(&self->r, ARGS("--sysfs-root", self->root, "--expect", MT_KVM, "--quiet",
			   "--prometheus", self->prom));
	EXPECT_EQ(1, self->r.status) TH_LOG("%s", self->r.err);
	text = slurp(self->prom, NULL);
	ASSERT_NE(NULL, text);
	EXPECT_NE(NULL, strstr(text, want)) TH_LOG("%s", text);
	EXPECT_NE(NULL, strstr(text, "fwprobe_info{identity=\"none\",smccc_version=\"1.1\",psci_version=\"1.1\",conduit=\"hvc\"} 1\n"));
	EXPECT_NE(NULL, strstr(text, "fwprobe_register{register=\"vendor_hyp_bmap\"} 2\n"));
	EXPECT_NE(NULL, strstr(text, "fwprobe_register_determined{register=\"vendor_hyp_bmap_2\"} 0\n"));
	EXPECT_EQ(NULL, strstr(text, "fwprobe_register{register=\"vendor_hyp_bmap_2\"}"));
	EXPECT_NE(NULL, strstr(text, "\nfwprobe_check_ok 1\n"));
	free(text);
	EXPECT_EQ(0, check_metrics(self->prom, self->tool, sizeof(self->tool))) TH_LOG("%s", self->tool);
}

/* Two vCPUs drifting in one field, one each way: two differences, one series. */
TEST_F(prom, hardware_drift_is_one_series_per_register_and_field)
{
	static const char want[] =
		"fwprobe_expect_differences{machine_type=\"pre.json\"} 3\n"
		"# HELP fwprobe_drift A register (and field) that differs from the machine-type file; register as --json names it.\n"
		"# TYPE fwprobe_drift gauge\n"
		"fwprobe_drift{register=\"id_aa64isar0_el1\",field=\"SM4\"} 1\n"
		"fwprobe_drift{register=\"gits_iidr\",field=\"\"} 1\n"
		"# HELP fwprobe_vcpu_boot_changes ";
	char path[128], *text;

	ASSERT_EQ(0, replace_tree(self->root, DUMP_2VCPU));
	run(&self->r, ARGS("--sysfs-root", self->root, "--save", self->saved, "--quiet"));
	ASSERT_EQ(0, self->r.status) TH_LOG("%s", self->r.err);
	snprintf(path, sizeof(path), "%s/cpu0/id_aa64isar0_el1", self->root);
	ASSERT_EQ(0, put_file(path, "0x1221121110212120\n"));
	snprintf(path, sizeof(path), "%s/cpu1/id_aa64isar0_el1", self->root);
	ASSERT_EQ(0, put_file(path, "0x1221101110212120\n"));
	snprintf(path, sizeof(path), "%s/gic/gits_iidr", self->root);
	ASSERT_EQ(0, unlink(path));
	run(&self->r, ARGS("--sysfs-root", self->root, "--expect", self->saved, "--quiet",
			   "--prometheus", self->prom));
	EXPECT_EQ(1, self->r.status) TH_LOG("%s", self->r.err);
	text = slurp(self->prom, NULL);
	ASSERT_NE(NULL, text);
	EXPECT_NE(NULL, strstr(text, want)) TH_LOG("%s", text);
	free(text);
	EXPECT_EQ(0, check_metrics(self->prom, self->tool, sizeof(self->tool))) TH_LOG("%s", self->tool);
}

TEST_F(prom, without_expect_no_expect_metrics)
{
	char *text;

	ASSERT_EQ(0, replace_tree(self->root, DUMP_NONE));
	run(&self->r, ARGS("--sysfs-root", self->root, "--quiet", "--prometheus", self->prom));
	EXPECT_EQ(0, self->r.status) TH_LOG("%s", self->r.err);
	text = slurp(self->prom, NULL);
	ASSERT_NE(NULL, text);
	EXPECT_NE(NULL, strstr(text, "fwprobe_info{identity=\"none\",smccc_version=\"1.0\",psci_version=\"\",conduit=\"none\"} 1\n"));
	EXPECT_NE(NULL, strstr(text, "\nfwprobe_probe_calls 0\n"));
	EXPECT_EQ(NULL, strstr(text, "\nfwprobe_register{"));
	EXPECT_EQ(NULL, strstr(text, "fwprobe_expect"));
	EXPECT_EQ(NULL, strstr(text, "fwprobe_drift"));
	EXPECT_NE(NULL, strstr(text, "\nfwprobe_check_ok 1\n"));
	free(text);
	EXPECT_EQ(0, check_metrics(self->prom, self->tool, sizeof(self->tool))) TH_LOG("%s", self->tool);
}

/* An unsafe guest: exit 3, the verdict and one fwprobe_unsafe series per loss, still valid metrics. */
TEST_F(prom, unsafe_guest_has_one_series_per_loss)
{
	static const char want[] =
		"fwprobe_safety{verdict=\"unsafe\"} 1\n"
		"# HELP fwprobe_unsafe A capability the kernel enabled at boot, a HWCAP processes were given or a value tasks took from the vCPU itself (kind live), that an online vCPU no longer offers, or an erratum workaround it needs that the kernel did not enable; breaks: kernel, processes or silent.\n"
		"# TYPE fwprobe_unsafe gauge\n"
		"fwprobe_unsafe{kind=\"capability\",name=\"HAS_LSE_ATOMICS\",breaks=\"kernel\"} 1\n"
		"fwprobe_unsafe{kind=\"hwcap\",name=\"atomics\",breaks=\"processes\"} 1\n"
		"fwprobe_unsafe{kind=\"hwcap\",name=\"sha3\",breaks=\"processes\"} 1\n"
		"# HELP fwprobe_vcpu_boot_changes ";
	char *text;

	ASSERT_EQ(0, replace_tree(self->root, DUMP_UNSAFE));
	run(&self->r, ARGS("--sysfs-root", self->root, "--quiet", "--prometheus", self->prom));
	EXPECT_EQ(3, self->r.status) TH_LOG("%s", self->r.err);
	text = slurp(self->prom, NULL);
	ASSERT_NE(NULL, text);
	EXPECT_NE(NULL, strstr(text, want)) TH_LOG("%s", text);
	free(text);
	EXPECT_EQ(0, check_metrics(self->prom, self->tool, sizeof(self->tool))) TH_LOG("%s", self->tool);
}

/* The machine_type label is a file name: quotes and backslashes escaped. */
TEST_F(prom, machine_type_label_is_escaped)
{
	char odd[128], cmd[320], *text;

	snprintf(odd, sizeof(odd), "%s/we\"ird\\name.json", self->dir);
	snprintf(cmd, sizeof(cmd), "cp %s '%s'", MT_KVM, odd);
	ASSERT_EQ(0, system(cmd));
	run(&self->r, ARGS("--sysfs-root", self->root, "--expect", odd, "--quiet",
			   "--prometheus", self->prom));
	EXPECT_EQ(0, self->r.status) TH_LOG("%s", self->r.err);
	text = slurp(self->prom, NULL);
	ASSERT_NE(NULL, text);
	EXPECT_NE(NULL, strstr(text, "fwprobe_expect_match{machine_type=\"we\\\"ird\\\\name.json\"} 1\n"))
		TH_LOG("%s", text);
	free(text);
	EXPECT_EQ(0, check_metrics(self->prom, self->tool, sizeof(self->tool))) TH_LOG("%s", self->tool);
}

/*
 * --json, --quiet and the summary print the same with --prometheus; --save
 * still saves. Each mode is two arguments: the summary repeats --expect.
 */
TEST_F(prom, standard_output_and_status_unchanged)
{
	static const char *const modes[][2] = { { "--json", "--quiet" }, { "--json", "--json" },
						{ "--quiet", "--quiet" }, { "--expect", MT_KVM } };
	static struct run plain;
	unsigned int i;

	ASSERT_EQ(0, replace_tree(self->root, DUMP_FUNCFEAT));
	for (i = 0; i < ARRAY_SIZE(modes); i++) {
		run(&plain, ARGS("--sysfs-root", self->root, "--expect", MT_KVM, modes[i][0], modes[i][1]));
		run(&self->r, ARGS("--sysfs-root", self->root, "--expect", MT_KVM, modes[i][0], modes[i][1],
				   "--prometheus", self->prom, "--save", self->saved));
		EXPECT_EQ(1, plain.status);
		EXPECT_EQ(plain.status, self->r.status) TH_LOG("%s %s", modes[i][0], modes[i][1]);
		EXPECT_STREQ(plain.out, self->r.out);
		EXPECT_STREQ(plain.err, self->r.err);
		EXPECT_EQ(0, access(self->saved, R_OK));
		EXPECT_EQ(0, access(self->prom, R_OK));
		unlink(self->saved);
		unlink(self->prom);
	}
}

TEST_F(prom, interrupted_write_keeps_previous_file)
{
	static const char old[] = "fwprobe_check_ok 1\n";
	char *text;

	ASSERT_EQ(0, put_file(self->prom, old));
	/* The metrics are ~3 KiB: a 64-byte limit makes the write fail half-way. */
	run_limited(&self->r, ARGS("--sysfs-root", self->root, "--quiet", "--prometheus", self->prom), 64);
	EXPECT_EQ(2, self->r.status);
	EXPECT_NE(NULL, strstr(self->r.err, "fwprobe: cannot save ")) TH_LOG("%s", self->r.err);
	EXPECT_NE(NULL, strstr(self->r.err, "File too large")) TH_LOG("%s", self->r.err);
	EXPECT_NE(NULL, strstr(self->r.err, "fwprobe.prom is unchanged")) TH_LOG("%s", self->r.err);
	text = slurp(self->prom, NULL);
	ASSERT_NE(NULL, text);
	EXPECT_STREQ(old, text);
	free(text);
	/* Only tree/ and fwprobe.prom: the temporary file was removed. */
	EXPECT_EQ(2, count_entries(self->dir));
}

TEST_F(prom, missing_directory_is_exit_2)
{
	char file[128];

	snprintf(file, sizeof(file), "%s/no/such/fwprobe.prom", self->dir);
	run(&self->r, ARGS("--sysfs-root", self->root, "--quiet", "--prometheus", file));
	EXPECT_EQ(2, self->r.status);
	EXPECT_NE(NULL, strstr(self->r.err, "cannot create a temporary file in ")) TH_LOG("%s", self->r.err);
	EXPECT_NE(NULL, strstr(self->r.err, "No such file or directory"));
	EXPECT_NE(0, access(file, F_OK));
}

TEST_F(prom, needs_an_argument)
{
	run(&self->r, ARGS("--sysfs-root", self->root, "--prometheus"));
	EXPECT_EQ(2, self->r.status);
	EXPECT_STREQ("fwprobe: --prometheus: needs an argument; run 'fwprobe --help' for the options\n",
		     self->r.err);
}

TEST(alert_rules_are_valid)
{
	char cmd[256], out[4096];

	snprintf(cmd, sizeof(cmd), "%s check rules %s 2>&1", promtool(), ALERTS);
	EXPECT_EQ(0, shell(cmd, out, sizeof(out))) TH_LOG("%s\n(no promtool? scripts/setup promtool)", out);
	EXPECT_NE(NULL, strstr(out, "SUCCESS: 4 rules found")) TH_LOG("%s", out);
}

TEST(alert_rules_pass_their_unit_tests)
{
	char cmd[256], out[8192];

	snprintf(cmd, sizeof(cmd), "%s test rules %s 2>&1", promtool(), ALERT_TESTS);
	EXPECT_EQ(0, shell(cmd, out, sizeof(out))) TH_LOG("%s\n(no promtool? scripts/setup promtool)", out);
}

TEST_HARNESS_MAIN
