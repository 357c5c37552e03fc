// SPDX-License-Identifier: GPL-2.0
/*
 * End-to-end tests of build/host/fwprobe: each test builds a fake sysfs tree
 * from the KVM 6.12 dump (tests/reporter/mktree.sh), breaks it the way the
 * case needs, runs the binary (fork/exec) and checks exit status, stdout,
 * stderr and the files it leaves. Run from the repository's top directory.
 *
 * Expected values are the fixture's, written out here: a shared constant
 * would hide a reporter that misreads the tree.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <dirent.h>
#include <unistd.h>
#include <jansson.h>

#include "kselftest_harness.h"
#include "run_fwprobe.h"

#define DUMP		"tests/reporter/fixtures/kvm-6.12.txt"
#define MT_DIR		"tests/reporter/fixtures/machine-types/"
#define LIVE_ROOT	"/sys/class/fwprobe/fwprobe0"

static int put(const char *dir, const char *rel, const char *text)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	return put_file(path, text);
}

FIXTURE(tree) {
	char dir[64];		/* scratch directory */
	char root[96];		/* the fake sysfs tree inside it */
	char saved[96];		/* a machine-type file inside it */
	struct run r;
};

FIXTURE_SETUP(tree)
{
	ASSERT_EQ(0, access(FWPROBE, X_OK)) TH_LOG("build %s first (make %s)", FWPROBE, FWPROBE);
	ASSERT_EQ(0, make_tree(self->dir, self->root, DUMP));
	snprintf(self->saved, sizeof(self->saved), "%s/pre.json", self->dir);
}

FIXTURE_TEARDOWN(tree)
{
	remove_tree(self->dir);
}

TEST_F(tree, summary_shows_identity_evidence_and_registers)
{
	static const char *const want[] = {
		"Hypervisor   kvm\n",
		"Call UID   0xb66fb428 0xe911c52e 0x564bcaa9 0x743a004d = 28b46fb6-2ec5-11e9-a9ca-4b564d003a74\n",
		"SMCCC        1.1 via hvc\n",
		"PSCI         1.1\n",
		"system_reset2               supported      call_22: 0x8400000a 0x84000012 0x0 0x0 -> 0x0 0x0 0x0 0x0\n",
		"migrate                     not supported  call_10: 0x8400000a 0x84000005 0x0 0x0 -> 0xffffffffffffffff 0x0 0x0 0x0\n",
		"present  TRNG                          call_29: 0x84000050 0x0 0x0 0x0 -> 0x10000 0x0 0x0 0x0\n",
		"present  KVM FEATURES                  call_33: 0x86000000 0x0 0x0 0x0 -> 0x3 0x0 0x0 0x0\n",
		"absent   SOC_ID                        not asked\n",
		"workaround_1    1 NOT_REQUIRED  call_01: 0x80000001 0x80008000 0x0 0x0 -> 0x1 0x0 0x0 0x0\n",
		"virtual   counter within the guest's reads, realtime offset +0.278 s: plausible\n",
		"psci_version             0x10001  1.1             PSCI_VERSION answer\n",
		"vendor_hyp_bmap          0x3      FUNC_FEAT|PTP   KVM FEATURES word 0, bits 0-1\n",
		"smccc_arch_workaround_2  0x0      NOT_AVAIL       ARCH_FEATURES answered -1: NOT_AVAIL\n",
		NULL
	};
	char missing[4096] = "";
	const char *const *w;

	run(&self->r, ARGS("--sysfs-root", self->root));
	ASSERT_EQ(0, self->r.status) TH_LOG("%s", self->r.err);
	EXPECT_STREQ("", self->r.err);
	for (w = want; *w; w++)
		if (!strstr(self->r.out, *w))
			strncat(missing, *w, sizeof(missing) - strlen(missing) - 1);
	EXPECT_STREQ("", missing);
}

TEST_F(tree, json_registers_are_hex_strings_or_null)
{
	static const char *const want[][2] = {
		{ "psci_version", "0x10001" }, { "smccc_arch_workaround_1", "0x2" },
		{ "smccc_arch_workaround_2", "0x0" }, { "smccc_arch_workaround_3", "0x0" },
		{ "std_bmap", "0x1" }, { "std_hyp_bmap", "0x1" }, { "vendor_hyp_bmap", "0x3" },
	};
	json_t *doc, *regs, *v;
	json_error_t je;
	unsigned int i;

	ASSERT_EQ(0, put(self->root, "registers/vendor_hyp_bmap_2", "unknown\n"));
	run(&self->r, ARGS("--sysfs-root", self->root, "--json"));
	ASSERT_EQ(0, self->r.status) TH_LOG("%s", self->r.err);
	doc = json_loads(self->r.out, JSON_REJECT_DUPLICATES, &je);
	ASSERT_NE(NULL, doc) TH_LOG("not JSON: %s at %d:%d", je.text, je.line, je.column);
	regs = json_object_get(doc, "registers");
	ASSERT_TRUE(json_is_object(regs));
	EXPECT_EQ(8U, json_object_size(regs));
	for (i = 0; i < ARRAY_SIZE(want); i++) {
		v = json_object_get(regs, want[i][0]);
		ASSERT_TRUE(json_is_string(v)) TH_LOG("%s", want[i][0]);
		EXPECT_STREQ(want[i][1], json_string_value(v));
	}
	EXPECT_TRUE(json_is_null(json_object_get(regs, "vendor_hyp_bmap_2")));
	EXPECT_STREQ("kvm", json_string_value(json_object_get(json_object_get(doc, "hypervisor"), "identity")));
	EXPECT_STREQ("0xb66fb428", json_string_value(json_array_get(
		json_object_get(json_object_get(doc, "hypervisor"), "vendor_hyp_uid"), 0)));
	EXPECT_EQ(37U, json_array_size(json_object_get(doc, "evidence")));
	EXPECT_EQ(NULL, json_object_get(doc, "match"));	/* only with --expect */
	json_decref(doc);
}

TEST_F(tree, json_services_carry_their_evidence)
{
	json_t *doc, *svc, *ev = NULL;
	json_error_t je;
	size_t i;

	run(&self->r, ARGS("--sysfs-root", self->root, "--json"));
	ASSERT_EQ(0, self->r.status) TH_LOG("%s", self->r.err);
	doc = json_loads(self->r.out, 0, &je);
	ASSERT_NE(NULL, doc);
	json_array_foreach(json_object_get(doc, "services"), i, svc)
		if (!strcmp(json_string_value(json_object_get(svc, "name")), "TRNG")) {
			EXPECT_TRUE(json_is_true(json_object_get(svc, "present")));
			ev = json_object_get(svc, "evidence");
		}
	ASSERT_NE(NULL, ev);
	EXPECT_EQ(29, json_integer_value(json_object_get(ev, "call")));
	EXPECT_STREQ("0x84000050", json_string_value(json_object_get(ev, "fn")));
	EXPECT_STREQ("0x10000", json_string_value(json_array_get(json_object_get(ev, "results"), 0)));
	json_decref(doc);
}

TEST_F(tree, save_then_expect_round_trip)
{
	char *text;

	run(&self->r, ARGS("--sysfs-root", self->root, "--save", self->saved, "--quiet"));
	ASSERT_EQ(0, self->r.status) TH_LOG("%s", self->r.err);
	EXPECT_STREQ("", self->r.out);
	text = slurp(self->saved, NULL);
	ASSERT_NE(NULL, text);
	EXPECT_NE(NULL, strstr(text, "\"schema\": 2,"));
	EXPECT_NE(NULL, strstr(text, "\"identity\": \"kvm\","));
	EXPECT_NE(NULL, strstr(text, "\"vendor_hyp_bmap\": \"0x3\","));
	EXPECT_NE(NULL, strstr(text, "\"smccc_arch_workaround_1\": \"0x2\","));
	free(text);
	run(&self->r, ARGS("--sysfs-root", self->root, "--expect", self->saved, "--quiet"));
	EXPECT_EQ(0, self->r.status) TH_LOG("%s%s", self->r.out, self->r.err);
	EXPECT_STREQ("", self->r.out);
	EXPECT_STREQ("", self->r.err);
}

TEST_F(tree, save_leaves_out_undetermined_registers)
{
	char *text;

	ASSERT_EQ(0, put(self->root, "registers/vendor_hyp_bmap_2", "unknown\n"));
	run(&self->r, ARGS("--sysfs-root", self->root, "--save", self->saved, "--quiet"));
	ASSERT_EQ(0, self->r.status) TH_LOG("%s", self->r.err);
	text = slurp(self->saved, NULL);
	ASSERT_NE(NULL, text);
	EXPECT_EQ(NULL, strstr(text, "vendor_hyp_bmap_2"));
	EXPECT_NE(NULL, strstr(text, "\"vendor_hyp_bmap\": \"0x3\""));
	free(text);
	run(&self->r, ARGS("--sysfs-root", self->root, "--expect", self->saved, "--quiet"));
	EXPECT_EQ(0, self->r.status) TH_LOG("%s%s", self->r.out, self->r.err);
}

/*
 * Vector lengths come from the kernel fwprobe runs on, never from a copied
 * tree: here they are not read, so the summary has no line, JSON has nulls,
 * --save leaves them out, and a file that expects some cannot be satisfied.
 */
TEST_F(tree, vector_lengths_not_read_from_a_copied_tree)
{
	json_t *doc, *vl;
	json_error_t je;
	char *text;

	run(&self->r, ARGS("--sysfs-root", self->root));
	ASSERT_EQ(0, self->r.status) TH_LOG("%s", self->r.err);
	EXPECT_EQ(NULL, strstr(self->r.out, "Vector lengths"));
	run(&self->r, ARGS("--sysfs-root", self->root, "--json"));
	ASSERT_EQ(0, self->r.status) TH_LOG("%s", self->r.err);
	doc = json_loads(self->r.out, JSON_REJECT_DUPLICATES, &je);
	ASSERT_NE(NULL, doc) TH_LOG("not JSON: %s at %d:%d", je.text, je.line, je.column);
	vl = json_object_get(doc, "vector_lengths");
	ASSERT_TRUE(json_is_object(vl));
	EXPECT_EQ(2U, json_object_size(vl));
	EXPECT_TRUE(json_is_null(json_object_get(vl, "sve")));
	EXPECT_TRUE(json_is_null(json_object_get(vl, "sme")));
	json_decref(doc);

	run(&self->r, ARGS("--sysfs-root", self->root, "--save", self->saved, "--quiet"));
	ASSERT_EQ(0, self->r.status) TH_LOG("%s", self->r.err);
	text = slurp(self->saved, NULL);
	ASSERT_NE(NULL, text);
	EXPECT_EQ(NULL, strstr(text, "vector_lengths"));
	free(text);

	ASSERT_EQ(0, put(self->dir, "pre.json",
			 "{\"schema\": 2, \"registers\": {}, \"vector_lengths\": {\"sve\": [16, 32]}}\n"));
	run(&self->r, ARGS("--sysfs-root", self->root, "--expect", self->saved, "--quiet"));
	EXPECT_EQ(1, self->r.status);
	EXPECT_STREQ("", self->r.err);
	EXPECT_STREQ("SVE vector lengths: expected 16,32, not read: fwprobe asks the kernel it runs on (prctl), so only an arm64 build on the guest itself with the default --sysfs-root can tell\n",
		     self->r.out);
	/* Ignored, it is not checked at all. */
	ASSERT_EQ(0, put(self->dir, "pre.json",
			 "{\"schema\": 2, \"registers\": {}, \"vector_lengths\": {\"sve\": [16, 32]}, \"ignore\": [\"vector_lengths.sve\"]}\n"));
	run(&self->r, ARGS("--sysfs-root", self->root, "--expect", self->saved, "--quiet"));
	EXPECT_EQ(0, self->r.status) TH_LOG("%s%s", self->r.out, self->r.err);
}

TEST_F(tree, drift_is_exit_1_with_one_line_per_difference)
{
	run(&self->r, ARGS("--sysfs-root", self->root, "--save", self->saved, "--quiet"));
	ASSERT_EQ(0, self->r.status) TH_LOG("%s", self->r.err);
	ASSERT_EQ(0, put(self->root, "registers/vendor_hyp_bmap", "0x1\n"));
	ASSERT_EQ(0, put(self->root, "registers/smccc_arch_workaround_1", "0x1\n"));
	ASSERT_EQ(0, put(self->root, "registers/vendor_hyp_bmap_2", "unknown\n"));
	ASSERT_EQ(0, put(self->root, "registers_basis/vendor_hyp_bmap_2", "KVM FEATURES call failed\n"));
	run(&self->r, ARGS("--sysfs-root", self->root, "--expect", self->saved, "--quiet"));
	EXPECT_EQ(1, self->r.status);
	EXPECT_STREQ("", self->r.err);
	EXPECT_STREQ("smccc_arch_workaround_1: expected at least 0x2 (NOT_REQUIRED), guest sees 0x1 (AVAIL): less protected\n"
		     "vendor_hyp_bmap: expected 0x3 (FUNC_FEAT|PTP), guest sees 0x1 (FUNC_FEAT): PTP missing\n"
		     "vendor_hyp_bmap_2: expected 0x0 (none), guest cannot determine it: KVM FEATURES call failed\n",
		     self->r.out);
}

TEST_F(tree, drift_in_json)
{
	json_t *doc, *d;
	json_error_t je;

	run(&self->r, ARGS("--sysfs-root", self->root, "--save", self->saved, "--quiet"));
	ASSERT_EQ(0, self->r.status) TH_LOG("%s", self->r.err);
	ASSERT_EQ(0, put(self->root, "registers/vendor_hyp_bmap", "0x1\n"));
	run(&self->r, ARGS("--sysfs-root", self->root, "--expect", self->saved, "--json"));
	EXPECT_EQ(1, self->r.status);
	doc = json_loads(self->r.out, 0, &je);
	ASSERT_NE(NULL, doc) TH_LOG("%s", je.text);
	EXPECT_TRUE(json_is_false(json_object_get(doc, "match")));
	EXPECT_STREQ("0x1", json_string_value(json_object_get(json_object_get(doc, "registers"), "vendor_hyp_bmap")));
	ASSERT_EQ(1U, json_array_size(json_object_get(doc, "differences")));
	d = json_array_get(json_object_get(doc, "differences"), 0);
	EXPECT_STREQ("vendor_hyp_bmap", json_string_value(json_object_get(d, "register")));
	EXPECT_STREQ("0x3", json_string_value(json_object_get(d, "expected")));
	EXPECT_STREQ("0x1", json_string_value(json_object_get(d, "actual")));
	EXPECT_STREQ("PTP", json_string_value(json_array_get(json_object_get(d, "missing"), 0)));
	EXPECT_EQ(0U, json_array_size(json_object_get(d, "extra")));
	EXPECT_STREQ("vendor_hyp_bmap: expected 0x3 (FUNC_FEAT|PTP), guest sees 0x1 (FUNC_FEAT): PTP missing",
		     json_string_value(json_object_get(d, "message")));
	json_decref(doc);
}

TEST_F(tree, better_protected_guest_matches)
{
	run(&self->r, ARGS("--sysfs-root", self->root, "--save", self->saved, "--quiet"));
	ASSERT_EQ(0, self->r.status) TH_LOG("%s", self->r.err);
	ASSERT_EQ(0, put(self->root, "registers/smccc_arch_workaround_2", "0x3\n"));
	ASSERT_EQ(0, put(self->root, "registers/smccc_arch_workaround_3", "0x1\n"));
	run(&self->r, ARGS("--sysfs-root", self->root, "--expect", self->saved));
	EXPECT_EQ(0, self->r.status) TH_LOG("%s", self->r.out);
	EXPECT_NE(NULL, strstr(self->r.out, "pre.json: guest matches\n"));
}

TEST_F(tree, identity_mismatch)
{
	char file[128];

	snprintf(file, sizeof(file), "%s/xen.json", self->dir);
	ASSERT_EQ(0, put(self->dir, "xen.json", "{\"schema\": 1, \"identity\": \"xen\", \"registers\": {}}\n"));
	run(&self->r, ARGS("--sysfs-root", self->root, "--expect", file, "--quiet"));
	EXPECT_EQ(1, self->r.status);
	EXPECT_STREQ("identity: expected xen, guest sees kvm\n", self->r.out);
}

TEST_F(tree, bad_machine_type_is_exit_2_with_position)
{
	run(&self->r, ARGS("--sysfs-root", self->root, "--expect", MT_DIR "bad-hex-no-prefix.json"));
	EXPECT_EQ(2, self->r.status);
	EXPECT_STREQ("", self->r.out);
	EXPECT_EQ(0, strncmp(self->r.err, "fwprobe: " MT_DIR "bad-hex-no-prefix.json:4:5: registers.std_bmap: malformed value \"1\"",
			     strlen("fwprobe: " MT_DIR "bad-hex-no-prefix.json:4:5: registers.std_bmap: malformed value \"1\"")))
		TH_LOG("%s", self->r.err);
}

TEST_F(tree, interrupted_save_keeps_previous_file)
{
	static const char old[] = "{\"schema\": 1, \"description\": \"previous\", \"registers\": {}}\n";
	size_t len;
	char *text;

	ASSERT_EQ(0, put(self->dir, "pre.json", old));
	/* The new file is ~400 bytes: a 64-byte limit makes the write fail half-way. */
	run_limited(&self->r, ARGS("--sysfs-root", self->root, "--save", self->saved, "--quiet"), 64);
	EXPECT_EQ(2, self->r.status);
	EXPECT_NE(NULL, strstr(self->r.err, "fwprobe: cannot save ")) TH_LOG("%s", self->r.err);
	EXPECT_NE(NULL, strstr(self->r.err, "File too large")) TH_LOG("%s", self->r.err);
	EXPECT_NE(NULL, strstr(self->r.err, "pre.json is unchanged")) TH_LOG("%s", self->r.err);
	text = slurp(self->saved, &len);
	ASSERT_NE(NULL, text);
	EXPECT_EQ(strlen(old), len);
	EXPECT_EQ(0, memcmp(old, text, strlen(old)));
	free(text);
	/* Only tree/ and pre.json: no temporary file left behind. */
	EXPECT_EQ(2, count_entries(self->dir));
}

TEST_F(tree, save_into_missing_directory)
{
	char file[128];

	snprintf(file, sizeof(file), "%s/no/such/dir/pre.json", self->dir);
	run(&self->r, ARGS("--sysfs-root", self->root, "--save", file, "--quiet"));
	EXPECT_EQ(2, self->r.status);
	EXPECT_NE(NULL, strstr(self->r.err, "cannot create a temporary file in ")) TH_LOG("%s", self->r.err);
	EXPECT_NE(NULL, strstr(self->r.err, "No such file or directory"));
}

TEST_F(tree, rescan_writes_1)
{
	char rescan[128], *text;

	snprintf(rescan, sizeof(rescan), "%s/rescan", self->root);
	run(&self->r, ARGS("--sysfs-root", self->root, "--rescan", "--quiet"));
	EXPECT_EQ(0, self->r.status) TH_LOG("%s", self->r.err);
	text = slurp(rescan, NULL);
	ASSERT_NE(NULL, text);
	EXPECT_STREQ("1", text);
	free(text);
}

TEST_F(tree, rescan_without_permission)
{
	char rescan[128];

	snprintf(rescan, sizeof(rescan), "%s/rescan", self->root);
	ASSERT_EQ(0, chmod(rescan, 0444));	/* like the real file seen by a non-root user */
	run(&self->r, ARGS("--sysfs-root", self->root, "--rescan"));
	EXPECT_EQ(2, self->r.status);
	EXPECT_STREQ("", self->r.out);
	EXPECT_NE(NULL, strstr(self->r.err, "/rescan: cannot write: Permission denied; --rescan needs root"))
		TH_LOG("%s", self->r.err);
}

TEST_F(tree, rescan_file_missing)
{
	char rescan[128];

	snprintf(rescan, sizeof(rescan), "%s/rescan", self->root);
	ASSERT_EQ(0, unlink(rescan));
	run(&self->r, ARGS("--sysfs-root", self->root, "--rescan"));
	EXPECT_EQ(2, self->r.status);
	EXPECT_NE(NULL, strstr(self->r.err, "/rescan: missing")) TH_LOG("%s", self->r.err);
}

TEST_F(tree, quiet_without_expect_prints_nothing)
{
	run(&self->r, ARGS("--sysfs-root", self->root, "--quiet"));
	EXPECT_EQ(0, self->r.status);
	EXPECT_STREQ("", self->r.out);
	EXPECT_STREQ("", self->r.err);
}

/* ---- other guests: what the summary says, and the drift from the KVM 6.12 file ---- */

FIXTURE(guest) {
	char dir[64];
	char root[96];
	struct run r;
};

FIXTURE_VARIANT(guest) {
	const char *dump;
	const char *summary[4];		/* lines expected in the summary */
	const char *drift;		/* --expect good-kvm-6.12.json --quiet output */
};

FIXTURE_VARIANT_ADD(guest, funcfeat_off) {
	.dump = "tests/reporter/fixtures/kvm-6.12-funcfeat-off.txt",
	.summary = {
		"Hypervisor   none\n  Call UID   not answered\n",
		"absent   vendor hypervisor Call UID    call_32: 0x8600ff01 0x0 0x0 0x0 -> 0xffffffffffffffff 0x0 0x0 0x0\n",
		"present  KVM PTP (virtual counter)     call_35: 0x86000001 0x0 0x0 0x0 -> 0x18eb1dae 0xb1b22ef0 0x0 0x1f2e6cbb\n",
		"vendor_hyp_bmap_2        unknown                  FUNC_FEAT off hides the FEATURES word; DISCOVER_IMPL calls are not issued unadvertised\n",
	},
	.drift = "identity: expected kvm, guest sees none\n"
		 "vendor_hyp_bmap: expected 0x3 (FUNC_FEAT|PTP), guest sees 0x2 (PTP): FUNC_FEAT missing\n"
		 "vendor_hyp_bmap_2: expected 0x0 (none), guest cannot determine it: FUNC_FEAT off hides the FEATURES word; DISCOVER_IMPL calls are not issued unadvertised\n",
};

FIXTURE_VARIANT_ADD(guest, no_conduit) {
	.dump = "tests/reporter/fixtures/no-conduit.txt",
	.summary = {
		"SMCCC        1.0, no conduit: nothing could be probed\n",
		"PSCI         absent (PSCI_VERSION not supported)\n",
		"absent   TRNG                          not asked\n",
		"std_bmap                 unknown                  no SMCCC 1.1 conduit: no call can be made\n",
	},
	.drift = "identity: expected kvm, guest sees none\n"
		 "psci_version: expected 0x10001 (1.1), guest cannot determine it: no SMCCC 1.1 conduit: no call can be made\n"
		 "smccc_arch_workaround_1: expected at least 0x2 (NOT_REQUIRED), guest cannot determine it: no SMCCC 1.1 conduit: no call can be made\n"
		 "smccc_arch_workaround_2: expected at least 0x0 (NOT_AVAIL), guest cannot determine it: no SMCCC 1.1 conduit: no call can be made\n"
		 "smccc_arch_workaround_3: expected at least 0x0 (NOT_AVAIL), guest cannot determine it: no SMCCC 1.1 conduit: no call can be made\n"
		 "std_bmap: expected 0x1 (TRNG), guest cannot determine it: no SMCCC 1.1 conduit: no call can be made\n"
		 "std_hyp_bmap: expected 0x1 (PV_TIME), guest cannot determine it: no SMCCC 1.1 conduit: no call can be made\n"
		 "vendor_hyp_bmap: expected 0x3 (FUNC_FEAT|PTP), guest cannot determine it: no SMCCC 1.1 conduit: no call can be made\n"
		 "vendor_hyp_bmap_2: expected 0x0 (none), guest cannot determine it: no SMCCC 1.1 conduit: no call can be made\n",
};

FIXTURE_SETUP(guest)
{
	ASSERT_EQ(0, make_tree(self->dir, self->root, variant->dump));
}

FIXTURE_TEARDOWN(guest)
{
	remove_tree(self->dir);
}

TEST_F(guest, summary_and_drift)
{
	char missing[2048] = "";
	unsigned int i;

	run(&self->r, ARGS("--sysfs-root", self->root));
	ASSERT_EQ(0, self->r.status) TH_LOG("%s", self->r.err);
	for (i = 0; i < ARRAY_SIZE(variant->summary) && variant->summary[i]; i++)
		if (!strstr(self->r.out, variant->summary[i]))
			strncat(missing, variant->summary[i], sizeof(missing) - strlen(missing) - 1);
	EXPECT_STREQ("", missing);
	run(&self->r, ARGS("--sysfs-root", self->root, "--expect", MT_DIR "good-kvm-6.12.json", "--quiet"));
	EXPECT_EQ(1, self->r.status) TH_LOG("%s", self->r.err);
	EXPECT_STREQ(variant->drift, self->r.out);
}


/* ---- hardware registers: a 2-vCPU guest with a GIC and an ITS ---- */

#define DUMP_2VCPU	"tests/reporter/fixtures/kvm-6.12-2vcpu.txt"
#define SM4_LINE	"vCPU 1: ID_AA64ISAR0_EL1.SM4: expected 1, guest sees 0: feature removed: a guest that uses it can fail (KVM register 0x603000000013c030)\n"

FIXTURE(hw) {
	char dir[64];
	char root[96];
	char saved[96];
	char cpus[96];		/* a fake /sys/devices/system/cpu for the boot view */
	struct run r;
};

FIXTURE_SETUP(hw)
{
	ASSERT_EQ(0, make_tree(self->dir, self->root, DUMP_2VCPU));
	snprintf(self->saved, sizeof(self->saved), "%s/pre.json", self->dir);
	snprintf(self->cpus, sizeof(self->cpus), "%s/cpu", self->dir);
}

FIXTURE_TEARDOWN(hw)
{
	remove_tree(self->dir);
}

/* cpu<N>/regs/identification/{midr_el1,revidr_el1} as the kernel prints them. */
static int make_boot_view(const char *cpus, const uint64_t *midr, unsigned int n)
{
	char dir[192], value[32];
	unsigned int i;

	for (i = 0; i < n; i++) {
		snprintf(dir, sizeof(dir), "mkdir -p %s/cpu%u/regs/identification", cpus, i);
		if (system(dir))
			return -1;
		snprintf(dir, sizeof(dir), "%s/cpu%u/regs/identification", cpus, i);
		snprintf(value, sizeof(value), "0x%016llx\n", (unsigned long long)midr[i]);
		if (put(dir, "midr_el1", value) || put(dir, "revidr_el1", "0x0000000000000000\n"))
			return -1;
	}
	return 0;
}

/* Remove files below the tree; @rel may be a shell pattern (every file of cpu1/). */
static int remove_below(const char *root, const char *rel)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "rm %s/%s", root, rel);
	return system(cmd);
}

static json_t *run_json(struct __test_metadata *_metadata, struct run *r, const char *root)
{
	json_error_t je;
	json_t *doc;

	run(r, ARGS("--sysfs-root", root, "--json"));
	doc = json_loads(r->out, JSON_REJECT_DUPLICATES, &je);
	if (!doc)
		TH_LOG("not JSON: %s at %d:%d", je.text, je.line, je.column);
	return doc;
}

TEST_F(hw, json_one_string_when_vcpus_agree_else_an_array)
{
	json_t *doc, *cpu, *gic, *a;

	ASSERT_EQ(0, remove_below(self->root, "cpu1/ccsidr_el1.l2u"));
	doc = run_json(_metadata, &self->r, self->root);
	ASSERT_NE(NULL, doc);
	EXPECT_EQ(0, self->r.status) TH_LOG("%s", self->r.err);
	EXPECT_EQ(2, json_integer_value(json_object_get(doc, "vcpus")));
	cpu = json_object_get(doc, "cpu_registers");
	gic = json_object_get(doc, "gic_registers");
	ASSERT_TRUE(json_is_object(cpu));
	ASSERT_TRUE(json_is_object(gic));
	EXPECT_EQ(43U, json_object_size(cpu));	/* 40 system registers (no pmcr_el0) and 3 caches */
	EXPECT_EQ(7U, json_object_size(gic));
	EXPECT_STREQ("0xf0510", json_string_value(json_object_get(cpu, "midr_el1")));
	EXPECT_STREQ("0x9444c004", json_string_value(json_object_get(cpu, "ctr_el0")));
	a = json_object_get(cpu, "mpidr_el1");
	ASSERT_EQ(2U, json_array_size(a));
	EXPECT_STREQ("0x80000000", json_string_value(json_array_get(a, 0)));
	EXPECT_STREQ("0x80000001", json_string_value(json_array_get(a, 1)));
	a = json_object_get(cpu, "ccsidr_el1.l2u");
	ASSERT_EQ(2U, json_array_size(a));
	EXPECT_STREQ("0x707fe07a", json_string_value(json_array_get(a, 0)));
	EXPECT_TRUE(json_is_null(json_array_get(a, 1)));
	EXPECT_EQ(NULL, json_object_get(cpu, "pmcr_el0"));
	EXPECT_EQ(NULL, json_object_get(cpu, "ccsidr_el1.l3u"));
	EXPECT_EQ(NULL, json_object_get(cpu, "gicr_iidr"));	/* GIC ones only in gic_registers */
	EXPECT_STREQ("0x3000043b", json_string_value(json_object_get(gic, "gicr_iidr")));
	EXPECT_STREQ("0x100000110", json_string_value(json_array_get(json_object_get(gic, "gicr_typer"), 1)));
	EXPECT_STREQ("0x37a0007", json_string_value(json_object_get(gic, "gicd_typer")));
	EXPECT_STREQ("0x8ff19", json_string_value(json_object_get(gic, "gits_typer")));
	EXPECT_TRUE(json_is_null(json_object_get(doc, "boot_view")));	/* a copied tree */
	EXPECT_EQ(0U, json_array_size(json_object_get(doc, "boot_view_differs")));
	json_decref(doc);
}

TEST_F(hw, json_without_hardware_registers)
{
	json_t *doc;

	remove_tree(self->dir);
	ASSERT_EQ(0, make_tree(self->dir, self->root, DUMP));
	doc = run_json(_metadata, &self->r, self->root);
	ASSERT_NE(NULL, doc);
	EXPECT_EQ(1, json_integer_value(json_object_get(doc, "vcpus")));	/* the dump's guest */
	EXPECT_EQ(0U, json_array_size(json_object_get(doc, "vcpus_offline")));
	EXPECT_EQ(0U, json_object_size(json_object_get(doc, "cpu_registers")));
	EXPECT_EQ(0U, json_object_size(json_object_get(doc, "gic_registers")));
	json_decref(doc);
}

TEST_F(hw, summary_lists_registers)
{
	static const char *const want[] = {
		"CPU registers (2 vCPUs: one value when every vCPU reads the same, else one per vCPU, - where a vCPU lacks it)\n",
		"  midr_el1           0xf0510\n",
		"  mpidr_el1          0x80000000 0x80000001\n",
		"  ccsidr_el1.l2u     0x707fe07a\n",
		"GIC registers\n",
		"  gicr_typer         0x0 0x100000110\n",
		"  gits_iidr          0x4000043b\n",
		NULL
	};
	char missing[2048] = "";
	const char *const *w;

	run(&self->r, ARGS("--sysfs-root", self->root));
	ASSERT_EQ(0, self->r.status) TH_LOG("%s", self->r.err);
	for (w = want; *w; w++)
		if (!strstr(self->r.out, *w))
			strncat(missing, *w, sizeof(missing) - strlen(missing) - 1);
	EXPECT_STREQ("", missing);
	EXPECT_EQ(NULL, strstr(self->r.out, "pmcr_el0"));
	EXPECT_EQ(NULL, strstr(self->r.out, "Boot view"));
}

TEST_F(hw, save_then_expect_round_trip_and_drift)
{
	char *text;

	run(&self->r, ARGS("--sysfs-root", self->root, "--save", self->saved, "--quiet"));
	ASSERT_EQ(0, self->r.status) TH_LOG("%s", self->r.err);
	text = slurp(self->saved, NULL);
	ASSERT_NE(NULL, text);
	EXPECT_NE(NULL, strstr(text, "\"cpu_registers\": {\n    \"midr_el1\": \"0xf0510\",\n    \"mpidr_el1\": [\n      \"0x80000000\",\n      \"0x80000001\"\n    ],\n"));
	EXPECT_NE(NULL, strstr(text, "\"gic_registers\": {\n    \"gicr_iidr\": \"0x3000043b\",\n"));
	EXPECT_EQ(NULL, strstr(text, "\"ignore\""));
	free(text);
	run(&self->r, ARGS("--sysfs-root", self->root, "--expect", self->saved, "--quiet"));
	EXPECT_EQ(0, self->r.status) TH_LOG("%s%s", self->r.out, self->r.err);
	EXPECT_STREQ("", self->r.out);
	ASSERT_EQ(0, put(self->root, "cpu1/id_aa64isar0_el1", "0x1221101110212120\n"));
	ASSERT_EQ(0, remove_below(self->root, "gic/gits_iidr"));
	run(&self->r, ARGS("--sysfs-root", self->root, "--expect", self->saved, "--quiet"));
	EXPECT_EQ(1, self->r.status);
	EXPECT_STREQ(SM4_LINE "GITS_IIDR: expected 0x4000043b, guest does not have it (vGIC attr KVM_DEV_ARM_VGIC_GRP_ITS_REGS 0x4)\n",
		     self->r.out);
}

TEST_F(hw, drift_in_json_names_register_field_and_vcpu)
{
	char line[512];
	json_t *doc, *d;
	json_error_t je;

	run(&self->r, ARGS("--sysfs-root", self->root, "--save", self->saved, "--quiet"));
	ASSERT_EQ(0, self->r.status) TH_LOG("%s", self->r.err);
	ASSERT_EQ(0, put(self->root, "cpu1/id_aa64isar0_el1", "0x1221101110212120\n"));
	run(&self->r, ARGS("--sysfs-root", self->root, "--expect", self->saved, "--json", "--quiet"));
	EXPECT_EQ(1, self->r.status);
	doc = json_loads(self->r.out, 0, &je);
	ASSERT_NE(NULL, doc) TH_LOG("%s", je.text);
	ASSERT_EQ(1U, json_array_size(json_object_get(doc, "differences")));
	d = json_array_get(json_object_get(doc, "differences"), 0);
	EXPECT_STREQ("id_aa64isar0_el1", json_string_value(json_object_get(d, "register")));
	EXPECT_STREQ("SM4", json_string_value(json_object_get(d, "field")));
	EXPECT_EQ(1U, json_array_size(json_object_get(d, "vcpus")));
	EXPECT_EQ(1, json_integer_value(json_array_get(json_object_get(d, "vcpus"), 0)));
	EXPECT_STREQ("lower_safe", json_string_value(json_object_get(d, "rule")));
	EXPECT_TRUE(json_is_false(json_object_get(d, "survivable")));
	EXPECT_STREQ("0x603000000013c030", json_string_value(json_object_get(d, "kvm_id")));
	EXPECT_TRUE(json_is_null(json_object_get(d, "vgic_attr")));
	EXPECT_STREQ("1", json_string_value(json_object_get(d, "expected")));
	EXPECT_STREQ("0", json_string_value(json_object_get(d, "actual")));
	snprintf(line, sizeof(line), "%s\n", json_string_value(json_object_get(d, "message")));
	EXPECT_STREQ(SM4_LINE, line);
	EXPECT_TRUE(json_is_false(json_object_get(doc, "differences_truncated")));
	json_decref(doc);
}

TEST_F(hw, fewer_vcpus_is_one_line)
{
	run(&self->r, ARGS("--sysfs-root", self->root, "--save", self->saved, "--quiet"));
	ASSERT_EQ(0, self->r.status) TH_LOG("%s", self->r.err);
	ASSERT_EQ(0, remove_below(self->root, "cpu1/*"));
	ASSERT_EQ(0, put(self->root, "vcpus", "1\n"));
	ASSERT_EQ(0, put(self->root, "vcpus_online", "0\n"));
	run(&self->r, ARGS("--sysfs-root", self->root, "--expect", self->saved, "--quiet"));
	EXPECT_EQ(1, self->r.status);
	EXPECT_STREQ("vCPUs: expected 2, guest has 1\n", self->r.out);
}

/* A vCPU offline at the probe is named offline, not missing, in every output. */
TEST_F(hw, offline_vcpu_is_named)
{
	json_t *doc;

	run(&self->r, ARGS("--sysfs-root", self->root, "--save", self->saved, "--quiet"));
	ASSERT_EQ(0, self->r.status) TH_LOG("%s", self->r.err);
	ASSERT_EQ(0, remove_below(self->root, "cpu1/*"));
	ASSERT_EQ(0, put(self->root, "vcpus_online", "0\n"));
	run(&self->r, ARGS("--sysfs-root", self->root, "--expect", self->saved, "--quiet"));
	EXPECT_EQ(1, self->r.status);
	EXPECT_STREQ("vCPU 1: offline when fwprobe.ko probed, so none of its registers were read; bring it online (the module then reads it)\n",
		     self->r.out);
	run(&self->r, ARGS("--sysfs-root", self->root));
	EXPECT_EQ(0, self->r.status) TH_LOG("%s", self->r.err);
	EXPECT_NE(NULL, strstr(self->r.out, "CPU registers (2 vCPUs, 1 offline at the probe and not read:"));
	doc = run_json(_metadata, &self->r, self->root);
	ASSERT_NE(NULL, doc);
	EXPECT_EQ(2, json_integer_value(json_object_get(doc, "vcpus")));
	ASSERT_EQ(1U, json_array_size(json_object_get(doc, "vcpus_offline")));
	EXPECT_EQ(1, json_integer_value(json_array_get(json_object_get(doc, "vcpus_offline"), 0)));
	json_decref(doc);
}

/* vcpus_online naming a vCPU the guest does not have is a garbled tree: exit 2, the file named. */
TEST_F(hw, vcpus_online_beyond_vcpus_is_garbled)
{
	ASSERT_EQ(0, put(self->root, "vcpus_online", "0-2\n"));
	run(&self->r, ARGS("--sysfs-root", self->root));
	EXPECT_EQ(2, self->r.status);
	EXPECT_NE(NULL, strstr(self->r.err, "/vcpus_online: garbled value \"0-2\""));
}

TEST_F(hw, boot_view_unchanged)
{
	static const uint64_t midr[] = { 0xf0510, 0xf0510 };
	json_t *doc;

	ASSERT_EQ(0, make_boot_view(self->cpus, midr, 2));
	setenv("FWPROBE_CPU_SYSFS", self->cpus, 1);
	run(&self->r, ARGS("--sysfs-root", self->root));
	EXPECT_EQ(0, self->r.status) TH_LOG("%s", self->r.err);
	EXPECT_NE(NULL, strstr(self->r.out, "Boot view    midr_el1 and revidr_el1 as the guest kernel read them at boot: unchanged\n"));
	doc = run_json(_metadata, &self->r, self->root);
	ASSERT_NE(NULL, doc);
	EXPECT_STREQ("0xf0510", json_string_value(json_object_get(json_object_get(doc, "boot_view"), "midr_el1")));
	EXPECT_STREQ("0x0", json_string_value(json_object_get(json_object_get(doc, "boot_view"), "revidr_el1")));
	EXPECT_EQ(0U, json_array_size(json_object_get(doc, "boot_view_differs")));
	json_decref(doc);
}

TEST_F(hw, boot_view_changed_is_drift_without_expect)
{
	static const uint64_t midr[] = { 0xf0510, 0x410fd083 };
	static const char line[] = "vCPU 1: midr_el1 was 0x410fd083 when the guest kernel booted, now 0xf0510: the kernel set itself up (errata workarounds, CPU features) for another CPU\n";
	char want[512];
	json_t *doc, *boot;

	ASSERT_EQ(0, make_boot_view(self->cpus, midr, 2));
	setenv("FWPROBE_CPU_SYSFS", self->cpus, 1);
	run(&self->r, ARGS("--sysfs-root", self->root));
	EXPECT_EQ(1, self->r.status) TH_LOG("%s", self->r.err);
	snprintf(want, sizeof(want), "Boot view    the guest runs on another CPU than it booted on (drift)\n  %s", line);
	EXPECT_NE(NULL, strstr(self->r.out, want)) TH_LOG("%s", self->r.out);
	run(&self->r, ARGS("--sysfs-root", self->root, "--quiet"));
	EXPECT_EQ(1, self->r.status);
	snprintf(want, sizeof(want), "boot view: %s", line);
	EXPECT_STREQ(want, self->r.out);
	doc = run_json(_metadata, &self->r, self->root);
	ASSERT_NE(NULL, doc);
	EXPECT_EQ(1, self->r.status);
	boot = json_object_get(json_object_get(doc, "boot_view"), "midr_el1");
	ASSERT_EQ(2U, json_array_size(boot));
	EXPECT_STREQ("0x410fd083", json_string_value(json_array_get(boot, 1)));
	ASSERT_EQ(1U, json_array_size(json_object_get(doc, "boot_view_differs")));
	EXPECT_STREQ("midr_el1", json_string_value(json_array_get(json_object_get(doc, "boot_view_differs"), 0)));
	json_decref(doc);
	/* With --expect too: the file matches, the boot view still decides. */
	unsetenv("FWPROBE_CPU_SYSFS");
	run(&self->r, ARGS("--sysfs-root", self->root, "--save", self->saved, "--quiet"));
	ASSERT_EQ(0, self->r.status);
	setenv("FWPROBE_CPU_SYSFS", self->cpus, 1);
	run(&self->r, ARGS("--sysfs-root", self->root, "--expect", self->saved, "--quiet"));
	EXPECT_EQ(1, self->r.status);
	EXPECT_STREQ(want, self->r.out);
}

/* discover_impl/ announcing @n implementations (MIDR; REVIDR and AIDR 0), as the module shows them. */
static int make_impls(const char *root, const uint64_t *midr, unsigned int n)
{
	char dir[160], name[32], value[32];
	unsigned int i;

	snprintf(dir, sizeof(dir), "mkdir -p %s/discover_impl", root);
	if (system(dir))
		return -1;
	snprintf(dir, sizeof(dir), "%s/discover_impl", root);
	snprintf(value, sizeof(value), "%u\n", n);
	if (put(dir, "version", "1.0\n") || put(dir, "count", value))
		return -1;
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "midr_%u", i);
		snprintf(value, sizeof(value), "0x%016llx\n", (unsigned long long)midr[i]);
		if (put(dir, name, value))
			return -1;
		snprintf(name, sizeof(name), "revidr_%u", i);
		if (put(dir, name, "0x0000000000000000\n"))
			return -1;
		snprintf(name, sizeof(name), "aidr_%u", i);
		if (put(dir, name, "0x0000000000000000\n"))
			return -1;
	}
	return 0;
}

TEST_F(hw, every_vcpu_among_the_announced_implementations)
{
	static const uint64_t impls[] = { 0x410fd4f0, 0xf0510 };

	ASSERT_EQ(0, make_impls(self->root, impls, 2));
	run(&self->r, ARGS("--sysfs-root", self->root));
	EXPECT_EQ(0, self->r.status) TH_LOG("%s%s", self->r.out, self->r.err);
	EXPECT_NE(NULL, strstr(self->r.out, "  every vCPU is one of them\n"));
}

TEST_F(hw, vcpu_not_among_the_announced_implementations_is_drift)
{
	static const uint64_t impls[] = { 0x410fd4f0 };
	static const char line[] = "vCPU 1: MIDR_EL1 0x410fd083 REVIDR_EL1 0x0 AIDR_EL1 0x0 is none of the 1 implementations DISCOVER_IMPL announces: the guest kernel's errata workarounds may not cover it";
	char dir[160], want[512];
	json_t *doc, *u;

	ASSERT_EQ(0, make_impls(self->root, impls, 1));
	snprintf(dir, sizeof(dir), "%s/cpu1", self->root);
	ASSERT_EQ(0, put(dir, "midr_el1", "0x410fd083\n"));
	/* vCPU 0 (0xf0510) is not announced either; vCPU 1's MIDR differs from vCPU 0's. */
	run(&self->r, ARGS("--sysfs-root", self->root, "--quiet"));
	EXPECT_EQ(1, self->r.status);
	snprintf(want, sizeof(want), "DISCOVER_IMPL: %s\n", line);
	EXPECT_NE(NULL, strstr(self->r.out, want)) TH_LOG("%s", self->r.out);
	EXPECT_NE(NULL, strstr(self->r.out, "DISCOVER_IMPL: vCPU 0: MIDR_EL1 0xf0510 "));
	run(&self->r, ARGS("--sysfs-root", self->root));
	EXPECT_EQ(1, self->r.status);
	snprintf(want, sizeof(want), "  %s (drift)\n", line);
	EXPECT_NE(NULL, strstr(self->r.out, want)) TH_LOG("%s", self->r.out);
	doc = run_json(_metadata, &self->r, self->root);
	ASSERT_NE(NULL, doc);
	EXPECT_EQ(1, self->r.status);
	u = json_object_get(doc, "discover_impl_unannounced");
	ASSERT_EQ(2U, json_array_size(u));
	EXPECT_EQ(1, json_integer_value(json_object_get(json_array_get(u, 1), "vcpu")));
	EXPECT_STREQ("0x410fd083",
		     json_string_value(json_object_get(json_array_get(u, 1), "midr_el1")));
	json_decref(doc);
}

TEST_F(hw, boot_view_directory_missing)
{
	setenv("FWPROBE_CPU_SYSFS", "/nonexistent/cpu", 1);
	run(&self->r, ARGS("--sysfs-root", self->root));
	EXPECT_EQ(2, self->r.status);
	EXPECT_STREQ("fwprobe: FWPROBE_CPU_SYSFS=/nonexistent/cpu: cannot open: No such file or directory; point it at a copy of /sys/devices/system/cpu, or unset it\n",
		     self->r.err);
}


/* ---- broken trees: one variant per missing or garbled file ---- */

FIXTURE(broken) {
	char dir[64];
	char root[96];
	struct run r;
};

FIXTURE_VARIANT(broken) {
	const char *file;	/* below the root */
	const char *value;	/* new content; NULL: remove the file */
	const char *message;	/* expected in stderr after "<root>/" */
};

#define MISSING(name, f) FIXTURE_VARIANT_ADD(broken, missing_##name) { .file = f, .message = f ": missing: every fwprobe.ko publishes it here" }
#define GARBLED(name, f, v, what) FIXTURE_VARIANT_ADD(broken, garbled_##name) { .file = f, .value = v, .message = f ": garbled value " what }

MISSING(register, "registers/std_bmap");
MISSING(basis, "registers_basis/psci_version");
MISSING(evidence, "evidence/call_36");
MISSING(generation, "generation");
MISSING(uid_word, "vendor_hyp/uid_2");
MISSING(kvm_word, "kvm/features_3");
MISSING(ptp_detail, "ptp/physical_plausible");
GARBLED(generation, "generation", "abc\n", "\"abc\" (expected a decimal number)");
GARBLED(register_hex, "registers/psci_version", "0xzz\n", "\"0xzz\" (expected 0x and 1 to 16 hex digits, or \"unknown\")");
GARBLED(register_empty, "registers/std_bmap", "\n", "\"\" (expected 0x and 1 to 16 hex digits, or \"unknown\")");
GARBLED(evidence_short, "evidence/call_05", "0x84000000 0x0 0x0\n", "\"0x84000000 0x0 0x0\" (expected eight hex numbers");
GARBLED(conduit, "conduit", "hvc2\n", "\"hvc2\" (expected hvc, smc or none)");
GARBLED(identity, "identity", "qemu\n", "\"qemu\" (expected an identity name");
GARBLED(version, "psci/version", "1\n", "\"1\" (expected a version like 1.1)");
GARBLED(bool, "ptp/virtual_plausible", "yes\n", "\"yes\" (expected 0 or 1)");
GARBLED(word_too_wide, "vendor_hyp/uid_0", "0x1b66fb428\n", "\"0x1b66fb428\" (expected a 32-bit hex word");
GARBLED(control_char, "registers_basis/std_bmap", "KVM\tFEATURES\n", "\"KVM\\x09FEATURES\" (expected one line of printable text");
GARBLED(answer, "arch_features/workaround_1", "+1\n", "\"+1\" (expected a signed decimal number)");
FIXTURE_VARIANT_ADD(broken, garbled_hw_hex) {
	.file = "cpu1/midr_el1", .value = "0xf051g\n",
	.message = "cpu1/midr_el1: garbled value \"0xf051g\" (expected 0x and 1 to 16 hex digits)",
};
FIXTURE_VARIANT_ADD(broken, garbled_hw_wide) {
	.file = "gic/gicd_iidr", .value = "0x13000043b\n",
	.message = "gic/gicd_iidr: garbled value: 0x13000043b is wider than the register's 32 bits",
};
FIXTURE_VARIANT_ADD(broken, garbled_hw_pmcr) {
	.file = "cpu0/pmcr_el0", .value = "0x3f\n",
	.message = "cpu0/pmcr_el0: garbled value: 0x3f is wider than the register's 5 bits",
};

FIXTURE_SETUP(broken)
{
	char path[192];

	/* The 2-vCPU dump: the KVM 6.12 one plus cpu<N>/ and gic/. */
	ASSERT_EQ(0, make_tree(self->dir, self->root, DUMP_2VCPU));
	snprintf(path, sizeof(path), "%s/%s", self->root, variant->file);
	/* Braces: the harness's ASSERT_* end in a for loop, which would take the else. */
	if (variant->value) {
		ASSERT_EQ(0, put(self->root, variant->file, variant->value));
	} else {
		ASSERT_EQ(0, unlink(path));
	}
}

FIXTURE_TEARDOWN(broken)
{
	remove_tree(self->dir);
}

TEST_F(broken, exit_2_names_file_and_value)
{
	char want[512];

	snprintf(want, sizeof(want), "fwprobe: %s/%s", self->root, variant->message);
	run(&self->r, ARGS("--sysfs-root", self->root));
	EXPECT_EQ(2, self->r.status);
	EXPECT_STREQ("", self->r.out);
	EXPECT_EQ(0, strncmp(self->r.err, want, strlen(want)))
		TH_LOG("want prefix: %s\n#        got: %s", want, self->r.err);
	/* One line, and it says what to do. */
	EXPECT_EQ(strchr(self->r.err, '\n'), self->r.err + strlen(self->r.err) - 1);
	EXPECT_TRUE(strstr(self->r.err, "reload the module") || strstr(self->r.err, "use matching versions"));
}

/*
 * ---- generation moving while fwprobe reads ----
 * "calls" becomes a FIFO that the feeder process keeps open for writing, so a
 * reader's read blocks until the feeder answers. On each open by fwprobe
 * (mid-read, after its first look at generation; seen through inotify) the
 * feeder bumps the generation file, then answers 37: deterministic however
 * slowly either side is scheduled.
 */
FIXTURE(moving) {
	char dir[64];
	char root[96];
	pid_t feeder;
	struct run r;
};

FIXTURE_VARIANT(moving) {
	bool settles;		/* bump once (a rescan finished): the re-read succeeds */
	int status;
	const char *message;	/* in stdout (status 0) or stderr */
};

FIXTURE_VARIANT_ADD(moving, once) { .settles = true, .status = 0, .message = "Snapshot     generation 2:" };
FIXTURE_VARIANT_ADD(moving, always) {
	.settles = false, .status = 2,
	.message = "/tree: generation moved during each of 5 reads (last 5 -> 6): probes complete faster than fwprobe can read them",
};

/* @ready: written once the watch is in place, so that no open of calls is missed. */
static void feed(const char *root, bool settles, int ready)
{
	_Alignas(struct inotify_event) char events[4096];
	char fifo[160], gen[160], tmp[170], line[32];
	const struct inotify_event *ev;
	int n = 0, fd, in;
	ssize_t len;
	char *p;

	snprintf(fifo, sizeof(fifo), "%s/calls", root);
	snprintf(gen, sizeof(gen), "%s/generation", root);
	snprintf(tmp, sizeof(tmp), "%s/.generation", root);
	fd = open(fifo, O_RDWR);	/* a writer that never goes away: no EOF for readers */
	in = inotify_init1(0);
	if (fd < 0 || in < 0 || inotify_add_watch(in, fifo, IN_OPEN) < 0)
		_exit(1);
	if (write(ready, "r", 1) != 1)
		_exit(1);
	close(ready);
	while ((len = read(in, events, sizeof(events))) > 0) {
		for (p = events; p < events + len; p += sizeof(*ev) + ev->len) {
			ev = (const struct inotify_event *)p;
			if (++n == 1 || !settles) {
				snprintf(line, sizeof(line), "%d\n", n + 1);
				if (put(root, ".generation", line) || rename(tmp, gen))
					_exit(1);
			}
			if (write(fd, "37\n", 3) != 3)
				_exit(1);
		}
	}
	_exit(1);
}

FIXTURE_SETUP(moving)
{
	char fifo[128], c;
	int ready[2];

	ASSERT_EQ(0, make_tree(self->dir, self->root, DUMP));
	snprintf(fifo, sizeof(fifo), "%s/calls", self->root);
	ASSERT_EQ(0, unlink(fifo));
	ASSERT_EQ(0, mkfifo(fifo, 0444));
	ASSERT_EQ(0, pipe(ready));
	self->feeder = fork();
	ASSERT_LE(0, self->feeder);
	if (self->feeder == 0) {
		close(ready[0]);
		feed(self->root, variant->settles, ready[1]);
	}
	close(ready[1]);
	/*
	 * fwprobe must not open calls before the feeder watches it: that open
	 * would go unseen, nothing would ever be written, and the read would
	 * block until the harness's timeout (seen on a loaded machine).
	 */
	ASSERT_EQ(1, read(ready[0], &c, 1));
	close(ready[0]);
}

FIXTURE_TEARDOWN(moving)
{
	kill(self->feeder, SIGKILL);
	waitpid(self->feeder, NULL, 0);
	remove_tree(self->dir);
}

TEST_F(moving, reread_or_give_up)
{
	run(&self->r, ARGS("--sysfs-root", self->root));
	EXPECT_EQ(variant->status, self->r.status) TH_LOG("%s", self->r.err);
	EXPECT_NE(NULL, strstr(variant->status ? self->r.err : self->r.out, variant->message))
		TH_LOG("%s", variant->status ? self->r.err : self->r.out);
}

/* ---- no tree at all, and usage ---- */

TEST(module_not_loaded)
{
	static const char want[] = "fwprobe: " LIVE_ROOT " does not exist: the fwprobe module is not loaded; load it with 'insmod fwprobe.ko' (as root) and run fwprobe again\n";
	struct run *r = calloc(1, sizeof(*r));

	ASSERT_NE(NULL, r);
	if (access(LIVE_ROOT, F_OK) == 0)
		SKIP(free(r); return, "fwprobe.ko is loaded here");
	run(r, ((const char *const[]){ FWPROBE, NULL }));
	EXPECT_EQ(2, r->status);
	EXPECT_STREQ("", r->out);
	EXPECT_STREQ(want, r->err);
	free(r);
}

TEST(sysfs_root_missing)
{
	struct run *r = calloc(1, sizeof(*r));

	ASSERT_NE(NULL, r);
	run(r, ARGS("--sysfs-root", "/nonexistent/fwprobe0"));
	EXPECT_EQ(2, r->status);
	EXPECT_NE(NULL, strstr(r->err, "fwprobe: /nonexistent/fwprobe0 does not exist: give --sysfs-root a copy of " LIVE_ROOT))
		TH_LOG("%s", r->err);
	EXPECT_NE(NULL, strstr(r->err, "insmod fwprobe.ko"));
	free(r);
}

TEST(sysfs_root_too_long)
{
	struct run *r = calloc(1, sizeof(*r));
	char root[260];

	ASSERT_NE(NULL, r);
	memset(root, 'd', sizeof(root) - 1);
	root[0] = '/';
	root[sizeof(root) - 1] = '\0';
	run(r, ARGS("--sysfs-root", root + 40));	/* 219 bytes: fits alone, not with the names below */
	EXPECT_EQ(2, r->status);
	EXPECT_NE(NULL, strstr(r->err, ": path too long: libsysfs limits paths to 255 bytes")) TH_LOG("%s", r->err);
	free(r);
}

FIXTURE(usage) {
	struct run r;
};

FIXTURE_VARIANT(usage) {
	const char *arg1, *arg2;
	int status;
	const char *out, *err;	/* expected substrings ("" = must be empty) */
};

FIXTURE_VARIANT_ADD(usage, help) { .arg1 = "--help", .status = 0, .out = "Usage: fwprobe [--sysfs-root DIR]", .err = "" };
FIXTURE_VARIANT_ADD(usage, version) { .arg1 = "--version", .status = 0, .out = "fwprobe 1.0 (machine-type schema 3)\n", .err = "" };
FIXTURE_VARIANT_ADD(usage, unknown_option) {
	.arg1 = "--bogus", .status = 2, .out = "",
	.err = "fwprobe: --bogus: unknown option; run 'fwprobe --help' for the options\n",
};
FIXTURE_VARIANT_ADD(usage, missing_argument) {
	.arg1 = "--save", .status = 2, .out = "",
	.err = "fwprobe: --save: needs an argument; run 'fwprobe --help' for the options\n",
};
FIXTURE_VARIANT_ADD(usage, stray_argument) {
	.arg1 = "--quiet", .arg2 = "extra", .status = 2, .out = "",
	.err = "fwprobe: unexpected argument \"extra\": fwprobe takes options only",
};
FIXTURE_VARIANT_ADD(usage, expect_file_missing) {
	.arg1 = "--expect", .arg2 = "/nonexistent.json", .status = 2, .out = "",
	.err = "fwprobe: /nonexistent.json: cannot open: No such file or directory; create it with 'fwprobe --save /nonexistent.json'",
};

FIXTURE_SETUP(usage)
{
}

FIXTURE_TEARDOWN(usage)
{
}

TEST_F(usage, options)
{
	run(&self->r, ((const char *const[]){ FWPROBE, variant->arg1, variant->arg2, NULL }));
	EXPECT_EQ(variant->status, self->r.status);
	/* Braces: the harness's EXPECT_* end in a for loop, which would take the else. */
	if (variant->out[0]) {
		EXPECT_NE(NULL, strstr(self->r.out, variant->out)) TH_LOG("%s", self->r.out);
	} else {
		EXPECT_STREQ("", self->r.out);
	}
	if (variant->err[0]) {
		EXPECT_NE(NULL, strstr(self->r.err, variant->err)) TH_LOG("%s", self->r.err);
	} else {
		EXPECT_STREQ("", self->r.err);
	}
}

TEST_HARNESS_MAIN
