// SPDX-License-Identifier: GPL-2.0
/*
 * Golden outputs of the reporter: every format fwprobe writes (--quiet's
 * too), on every fixture tree, byte for byte as tests/reporter/golden/ holds them. The
 * structural refactors of tools/ and lib/ promise not to change a byte of
 * what users and their scripts read; this is the test that holds them to it.
 *
 * Each golden file is the command's exit status on its first line
 * ("exit N"), then what it wrote (standard output, or the file --save or
 * --prometheus wrote). Prometheus's fwprobe_last_check_timestamp_seconds is
 * the time of the run and is compared as "<now>".
 *
 * FWPROBE_GOLDEN_UPDATE=1 rewrites the golden files from the binary at hand
 * instead of comparing: only on the commit before a refactor, never to make
 * a failing comparison pass.
 */
#include "kselftest_harness.h"
#include "run_fwprobe.h"

#define FIXTURES	"tests/reporter/fixtures/"
#define MT_DIR		FIXTURES "machine-types/"
#define GOLDEN_DIR	"tests/reporter/golden/"
#define TIMESTAMP	"fwprobe_last_check_timestamp_seconds "

/* What a variant's command writes that is compared: its standard output or a file. */
enum golden_out { TO_STDOUT, TO_FILE };

FIXTURE(golden) {
	char dir[64];
	char root[96];
	char file[96];		/* what --save or --prometheus writes */
	struct run r;
};

FIXTURE_VARIANT(golden) {
	const char *dump;	/* fixture tree, or NULL for commands that read no sysfs */
	const char *args[4];	/* after --sysfs-root; "@" stands for the output file */
	enum golden_out out;
	const char *golden;	/* file name under GOLDEN_DIR */
};

#define TREE_VARIANTS(id, dump)								\
	FIXTURE_VARIANT_ADD(golden, id##_text) {						\
		dump, { NULL }, TO_STDOUT, #id ".text" };					\
	FIXTURE_VARIANT_ADD(golden, id##_json) {						\
		dump, { "--json" }, TO_STDOUT, #id ".json" };					\
	FIXTURE_VARIANT_ADD(golden, id##_save) {						\
		dump, { "--save", "@" }, TO_FILE, #id ".save.json" };				\
	FIXTURE_VARIANT_ADD(golden, id##_prometheus) {						\
		dump, { "--prometheus", "@" }, TO_FILE, #id ".prom" };				\
	FIXTURE_VARIANT_ADD(golden, id##_expect) {						\
		dump, { "--expect", MT_DIR "good-kvm-6.12.json" }, TO_STDOUT, #id ".expect.text" }; \
	FIXTURE_VARIANT_ADD(golden, id##_expect_json) {						\
		dump, { "--json", "--expect", MT_DIR "good-kvm-6.12.json" }, TO_STDOUT,	\
		#id ".expect.json" };								\
	FIXTURE_VARIANT_ADD(golden, id##_expect_hw) {						\
		dump, { "--expect", MT_DIR "good-hw-2vcpu.json" }, TO_STDOUT,			\
		#id ".expect-hw.text" };							\
	FIXTURE_VARIANT_ADD(golden, id##_expect_hw_quiet) {					\
		dump, { "--quiet", "--expect", MT_DIR "good-hw-2vcpu.json" }, TO_STDOUT,	\
		#id ".expect-hw.quiet.text" };							\
	FIXTURE_VARIANT_ADD(golden, id##_expect_hw_quiet_json) {				\
		dump, { "--json", "--quiet", "--expect", MT_DIR "good-hw-2vcpu.json" },	\
		TO_STDOUT, #id ".expect-hw.quiet.json" }

TREE_VARIANTS(kvm_6_12, FIXTURES "kvm-6.12.txt");
TREE_VARIANTS(kvm_6_12_2vcpu, FIXTURES "kvm-6.12-2vcpu.txt");
TREE_VARIANTS(kvm_6_12_funcfeat_off, FIXTURES "kvm-6.12-funcfeat-off.txt");
TREE_VARIANTS(no_conduit, FIXTURES "no-conduit.txt");
TREE_VARIANTS(kvm_6_12_unsafe, FIXTURES "kvm-6.12-unsafe.txt");

#define VMM_VARIANTS(id, file)									\
	FIXTURE_VARIANT_ADD(golden, id##_vmm_vmtest) {						\
		NULL, { "--vmm-settings", "vmtest", MT_DIR file }, TO_STDOUT,			\
		#id ".vmm-vmtest" };								\
	FIXTURE_VARIANT_ADD(golden, id##_vmm_firecracker) {					\
		NULL, { "--vmm-settings", "firecracker", MT_DIR file }, TO_STDOUT,		\
		#id ".vmm-firecracker" }

VMM_VARIANTS(mt_kvm_6_12, "good-kvm-6.12.json");
VMM_VARIANTS(mt_hw_2vcpu, "good-hw-2vcpu.json");
VMM_VARIANTS(mt_partial, "good-partial.json");
VMM_VARIANTS(mt_vector_lengths, "good-vector-lengths.json");
VMM_VARIANTS(mt_empty_registers, "good-empty-registers.json");

FIXTURE_SETUP(golden)
{
	ASSERT_EQ(0, access(FWPROBE, X_OK)) TH_LOG("build %s first", FWPROBE);
	ASSERT_EQ(0, make_tree(self->dir, self->root, variant->dump));
	snprintf(self->file, sizeof(self->file), "%s/out", self->dir);
}

FIXTURE_TEARDOWN(golden)
{
	remove_tree(self->dir);
}

/* @text with the value of the timestamp line, if any, replaced by "<now>". */
static char *without_timestamp(const char *text)
{
	const char *at = strstr(text, "\n" TIMESTAMP);
	size_t head, total = strlen(text) + sizeof("<now>");
	const char *eol;
	char *out = malloc(total);

	if (!out)
		return NULL;
	if (!at) {
		strcpy(out, text);
		return out;
	}
	head = (size_t)(at - text) + 1 + strlen(TIMESTAMP);
	eol = strchr(text + head, '\n');
	memcpy(out, text, head);
	snprintf(out + head, total - head, "<now>%s", eol ? eol : "");
	return out;
}

TEST_F(golden, output_is_byte_identical)
{
	const char *argv[10] = { FWPROBE };
	char golden_path[256], *produced = NULL, *body, *want;
	size_t n = 1, i, len;
	int cmp;

	if (variant->dump) {
		argv[n++] = "--sysfs-root";
		argv[n++] = self->root;
	}
	for (i = 0; i < 4 && variant->args[i]; i++)
		argv[n++] = strcmp(variant->args[i], "@") ? variant->args[i] : self->file;
	run(&self->r, argv);

	body = variant->out == TO_FILE ? slurp(self->file, NULL) : strdup(self->r.out);
	ASSERT_NE(NULL, body) TH_LOG("%s wrote no %s (stderr: %s)", variant->golden,
				      self->file, self->r.err);
	want = without_timestamp(body);
	ASSERT_NE(NULL, want);
	len = strlen(want) + 32;
	produced = malloc(len);
	ASSERT_NE(NULL, produced);
	snprintf(produced, len, "exit %d\n%s", self->r.status, want);

	snprintf(golden_path, sizeof(golden_path), GOLDEN_DIR "%s", variant->golden);
	if (getenv("FWPROBE_GOLDEN_UPDATE")) {
		ASSERT_EQ(0, put_file(golden_path, produced));
		TH_LOG("wrote %s", golden_path);
	} else {
		char *golden = slurp(golden_path, NULL);

		ASSERT_NE(NULL, golden) TH_LOG("no %s: FWPROBE_GOLDEN_UPDATE=1 on the commit before the change makes it",
					       golden_path);
		cmp = strcmp(golden, produced);
		if (cmp) {
			/* The first differing line says where. */
			const char *g = golden, *p = produced;
			int line = 1;

			while (*g && *g == *p) {
				line += *g == '\n';
				g++;
				p++;
			}
			TH_LOG("%s differs from the output at line %d", golden_path, line);
		}
		free(golden);
		EXPECT_EQ(0, cmp);
	}
	free(body);
	free(want);
	free(produced);
}

TEST_HARNESS_MAIN
