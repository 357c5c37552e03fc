// SPDX-License-Identifier: GPL-2.0
/*
 * lib/fwprobe_layout.h against the reporter and the ABI document. A tree is
 * laid out from the layout alone (every fixed file, every built file of every
 * group, two vCPUs), each file holding a value of its kind; the reporter must
 * read all of it. Then each file in turn is taken away: the reporter must
 * either fail naming that file or report something else, so a file the
 * layout has and the reporter ignores fails here; for a fixed file, which of
 * the two is what the layout's presence says (a file with its own rule may
 * be missing, any other must not). Every file and group of the layout must
 * also be documented in Documentation/ABI/.
 */
#include <sys/stat.h>

#include "fwprobe_core.h"
#include "fwprobe_layout.h"
#include "reader.h"
#include "kselftest_harness.h"
#include "run_fwprobe.h"

#define ABI_DOC		"Documentation/ABI/testing/sysfs-class-fwprobe"
#define LAID_CPUS	2
#define MAX_FILES	512

/*
 * Files whose absence no report shows: the probe's timings, which only make
 * bench reads, and ARCH_FEATURES(SOC_ID)'s answer, which the reporter reads
 * but shows through soc_id/ (there exactly when SOC_ID answered).
 */
static bool not_shown(enum fwp_group g, unsigned int f)
{
	if (g == FWP_GROUP_arch_features)
		return f == FWP_AF_SOC_ID;
	if (g == FWP_GROUP_safety)
		return f == FWP_FILE_safety_duration_ns;
	return g == FWP_GROUP_top &&
	       (f == FWP_FILE_top_version_call_ns || f == FWP_FILE_top_hw_duration_ns);
}

/* A value of each kind, as fwprobe.ko writes it. */
static const char *sample(enum fwp_kind k)
{
	switch (k) {
	case FWP_KIND_UDEC:	return "7";
	case FWP_KIND_SDEC:	return "0";
	case FWP_KIND_HEX:	return "0x1";
	case FWP_KIND_WORD:	return "0x0000abcd";
	case FWP_KIND_VERSION:	return "1.1";
	case FWP_KIND_BOOL:	return "1";
	case FWP_KIND_TEXT:	return "laid-out";
	case FWP_KIND_REG:	return "0x1";
	case FWP_KIND_CONDUIT:	return fwp_conduit_names[FWP_CONDUIT_HVC];
	case FWP_KIND_IDENTITY:	return fwp_identity_names[FWP_HYP_KVM];
	case FWP_KIND_CPULIST:	return "0-1";
	case FWP_KIND_TABLES:	return fwp_boot_tables_names[FWP_BOOT_TABLES_ACPI];
	case FWP_KIND_VERDICT:	return fwp_verdict_names[FWP_VERDICT_SAFE];
	case FWP_KIND_CAPS:	return fwp_cpucaps[0].name;
	case FWP_KIND_HWCAPS:	return fwp_hwcaps[0].name;
	case FWP_KIND_ERRATA:	return fwp_errata[0].name;
	case FWP_KIND_LIVE:	return fwp_lives[0].name;
	case FWP_KIND_CALL:	return "0x80000000 0x0 0x0 0x0 0x10001 0x0 0x0 0x0";
	default:		return NULL;	/* write-only */
	}
}

FIXTURE(layout) {
	char dir[64], root[96];
	char *rel[MAX_FILES];
	unsigned int n;
};

FIXTURE_SETUP(layout)
{
	ASSERT_EQ(0, make_tree(self->dir, self->root, NULL));
	ASSERT_EQ(0, mkdir(self->root, 0755));
	self->n = 0;
}

FIXTURE_TEARDOWN(layout)
{
	unsigned int i;

	remove_tree(self->dir);
	for (i = 0; i < self->n; i++)
		free(self->rel[i]);
}

/* Write @value to @rel below the root; a path laid out twice is a layout bug. */
static int lay(struct __test_metadata *_metadata, FIXTURE_DATA(layout) *self, const char *rel,
	       const char *value, bool shown)
{
	char path[512], text[128];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", self->root, rel);
	if (!stat(path, &st)) {
		TH_LOG("%s: laid out twice: two entries of the layout have the same path", rel);
		return -1;
	}
	snprintf(text, sizeof(text), "%s\n", value);
	if (self->n >= MAX_FILES || put_file(path, text))
		return -1;
	if (shown)
		self->rel[self->n++] = strdup(rel);
	return 0;
}

static int lay_group(struct __test_metadata *_metadata, FIXTURE_DATA(layout) *self,
		     enum fwp_group g, const char *dir)
{
	char name[FWP_FILE_NAME_LEN], rel[128], path[256];
	unsigned int i;

	snprintf(path, sizeof(path), "%s/%s", self->root, dir);
	if (mkdir(path, 0755))
		return -1;
	for (i = 0; i < fwp_file_count(g); i++) {
		/* Implied PSCI functions are never asked, so never shown (the module's rule). */
		if (g == FWP_GROUP_psci_features && fwp_psci_funcs[i].implied)
			continue;
		fwp_file_name(g, i, name, sizeof(name));
		snprintf(rel, sizeof(rel), "%s/%s", dir, name);
		if (lay(_metadata, self, rel, sample(fwp_file_kind(g, i)), !not_shown(g, i)))
			return -1;
	}
	return 0;
}

/* The whole tree: fixed files, then each built group (cpu<N> per vCPU). */
static int lay_out(struct __test_metadata *_metadata, FIXTURE_DATA(layout) *self)
{
	char rel[128], dir[32];
	unsigned int f, cpu;
	int g;

	for (g = 0; g < FWP_GROUP_NR; g++) {
		if (g == FWP_GROUP_top || fwp_file_count(g))
			continue;
		snprintf(rel, sizeof(rel), "%s/%s", self->root, fwp_group_dir(g));
		if (mkdir(rel, 0755))
			return -1;
	}
	for (f = 0; f < FWP_FILE_NR; f++) {
		const struct fwp_file_desc *d = &fwp_files[f];
		const char *dir = fwp_group_dir(d->group);
		const char *value = sample(d->kind);

		if (!value)
			continue;
		/* Every call is kept, so that every evidence/ file is read. */
		if (f == FWP_FILE_top_calls)
			value = "64";
		snprintf(rel, sizeof(rel), "%s%s%s", dir, *dir ? "/" : "", d->name);
		if (lay(_metadata, self, rel, value, !not_shown(d->group, f)))
			return -1;
	}
	for (g = 0; g < FWP_GROUP_NR; g++) {
		if (!fwp_file_count(g) || g == FWP_GROUP_cpu)
			continue;
		if (lay_group(_metadata, self, g, fwp_group_dir(g)))
			return -1;
	}
	for (cpu = 0; cpu < LAID_CPUS; cpu++) {
		snprintf(dir, sizeof(dir), "%s%u", fwp_group_dir(FWP_GROUP_cpu), cpu);
		if (lay_group(_metadata, self, FWP_GROUP_cpu, dir))
			return -1;
	}
	return 0;
}

/* The fixed file at @rel below the root, or -1 for a built one. */
static int fixed_file(const char *rel)
{
	char path[LAYOUT_REL_MAX];
	unsigned int f;

	for (f = 0; f < FWP_FILE_NR; f++) {
		layout_file_rel(f, path, sizeof(path));
		if (!strcmp(path, rel))
			return (int)f;
	}
	return -1;
}

/* The reporter's view of the tree: exit status, text report and JSON. */
struct view {
	struct run text, json;
};

static void look(struct view *v, const char *root)
{
	run(&v->text, ARGS("--sysfs-root", root));
	run(&v->json, ARGS("--sysfs-root", root, "--json"));
}

static bool same_view(const struct view *a, const struct view *b)
{
	return a->text.status == b->text.status && !strcmp(a->text.out, b->text.out) &&
	       !strcmp(a->json.out, b->json.out);
}

TEST_F(layout, every_file_is_read)
{
	static struct view full, without;
	char path[512], aside[520];
	unsigned int i, ignored = 0;
	int f;

	ASSERT_EQ(64, FWP_MAX_CALLS);
	ASSERT_EQ(4, FWP_MAX_IMPLS);	/* the sample count, 7, covers every implementation */
	ASSERT_EQ(0, lay_out(_metadata, self));
	look(&full, self->root);
	if (full.text.status)
		TH_LOG("%s", full.text.err);
	ASSERT_EQ(0, full.text.status);
	ASSERT_EQ(0, full.json.status);

	for (i = 0; i < self->n; i++) {
		snprintf(path, sizeof(path), "%s/%s", self->root, self->rel[i]);
		snprintf(aside, sizeof(aside), "%s.aside", path);
		ASSERT_EQ(0, rename(path, aside));
		look(&without, self->root);
		ASSERT_EQ(0, rename(aside, path));
		f = fixed_file(self->rel[i]);
		if (f >= 0 && (without.text.status == 2) != (fwp_files[f].presence != FWP_PRESENCE_OWN)) {
			TH_LOG("%s: its presence is %s in the layout, but the reporter %s without it",
			       self->rel[i], fwp_files[f].presence == FWP_PRESENCE_OWN ? "its own rule" :
			       "always or with its group's first file",
			       without.text.status == 2 ? "fails" : "does not fail");
			ignored++;
			continue;
		}
		if (without.text.status == 2) {
			/* Required: its absence is an error that names it. */
			if (strstr(without.text.err, self->rel[i]))
				continue;
			TH_LOG("%s: taken away, but the error names another file: %s",
			       self->rel[i], without.text.err);
		} else if (!same_view(&full, &without)) {
			continue;	/* optional: its absence shows */
		} else {
			TH_LOG("%s: in the layout, but no report reads or shows it", self->rel[i]);
		}
		ignored++;
	}
	TH_LOG("%u files laid out from the layout and shown", self->n);
	ASSERT_EQ(0U, ignored);
}

/*
 * The presence column agrees with itself: a group that is always there has
 * only files that are; in any other group no file is, and a group's first
 * file cannot follow itself.
 */
TEST(presence_is_consistent)
{
	bool first[FWP_GROUP_NR] = { 0 };
	unsigned int f, bad = 0;

	for (f = 0; f < FWP_FILE_NR; f++) {
		enum fwp_group g = fwp_files[f].group;
		enum fwp_presence p = fwp_files[f].presence;
		bool always = fwp_groups_layout[g].presence == FWP_PRESENCE_ALWAYS;

		if ((p == FWP_PRESENCE_ALWAYS) != always || (!first[g] && p == FWP_PRESENCE_LEAD)) {
			TH_LOG("%s/%s: presence %d in group %s of presence %d", fwp_group_dir(g),
			       fwp_files[f].name, p, fwp_groups_layout[g].name,
			       fwp_groups_layout[g].presence);
			bad++;
		}
		first[g] = true;
	}
	ASSERT_EQ(0U, bad);
}

/* Is fwprobe0/@rel a What: of the ABI document? */
static bool documented(const char *doc, const char *rel)
{
	char what[160];

	snprintf(what, sizeof(what), "fwprobe0/%s\n", rel);
	return strstr(doc, what);
}

TEST(every_file_is_documented)
{
	char *doc = slurp(ABI_DOC, NULL);
	char rel[128], what[160];
	unsigned int f, missing = 0;
	int g;

	ASSERT_NE(NULL, doc);
	for (f = 0; f < FWP_FILE_NR; f++) {
		const char *dir = fwp_group_dir(fwp_files[f].group);

		snprintf(rel, sizeof(rel), "%s%s%s", dir, *dir ? "/" : "", fwp_files[f].name);
		if (!documented(doc, rel)) {
			TH_LOG("%s: in the layout, not in %s", rel, ABI_DOC);
			missing++;
		}
	}
	/* Built groups: the directory, with a placeholder for the file name. */
	for (g = 0; g < FWP_GROUP_NR; g++) {
		if (!fwp_file_count(g))
			continue;
		snprintf(what, sizeof(what), "fwprobe0/%s%s/", fwp_group_dir(g),
			 g == FWP_GROUP_cpu ? "<N>" : "");
		if (!strstr(doc, what)) {
			TH_LOG("%s: a group of the layout, not in %s", what, ABI_DOC);
			missing++;
		}
	}
	free(doc);
	ASSERT_EQ(0U, missing);
}

TEST_HARNESS_MAIN
