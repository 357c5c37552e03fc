// SPDX-License-Identifier: GPL-2.0
/*
 * Documentation/machine-type.schema.json against the tables it describes:
 * every name the schema allows is one lib/ and tools/ know, every name they
 * know is in the schema, and each register's value rule follows from its
 * width and whether it is per vCPU. Users validate their files against the
 * schema; a register added to lib without it (or left in it after removal)
 * fails here.
 *
 * Then a real JSON Schema 2020-12 validator (Debian's python3-jsonschema)
 * checks every good machine-type fixture and what --save writes for every
 * fixture tree, and must reject three files that break the schema's own
 * rules, so that a validator that accepts everything cannot pass.
 */
#include <jansson.h>

#include "hwreg_desc.h"
#include "vector_lengths.h"
#include "kselftest_harness.h"
#include "run_fwprobe.h"
#include "schema_validate.h"

#define FIXTURES	"tests/reporter/fixtures/"
#define MT_DIR		FIXTURES "machine-types/"

static json_t *load_schema(struct __test_metadata *_metadata)
{
	json_error_t e;
	json_t *s = json_load_file(SCHEMA, JSON_REJECT_DUPLICATES, &e);

	if (!s)
		TH_LOG("%s:%d:%d: %s", SCHEMA, e.line, e.column, e.text);
	return s;
}

/* The properties object of top-level key @section. */
static json_t *section(json_t *schema, const char *name)
{
	return json_object_get(json_object_get(json_object_get(schema, "properties"), name),
			       "properties");
}

static bool in_list(const char *name, const char *const *names, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (names[i] && !strcmp(names[i], name))
			return true;
	return false;
}

/* Both directions: @props has exactly @names (NULL entries skipped); returns the mismatches. */
static int same_names(struct __test_metadata *_metadata, const char *what, json_t *props,
		      const char *const *names, unsigned int n)
{
	const char *key;
	json_t *v;
	unsigned int i;
	int bad = 0;

	json_object_foreach(props, key, v) {
		if (!in_list(key, names, n)) {
			TH_LOG("%s: the schema has \"%s\", which fwprobe does not know", what, key);
			bad++;
		}
	}
	for (i = 0; i < n; i++) {
		if (names[i] && !json_object_get(props, names[i])) {
			TH_LOG("%s: fwprobe has \"%s\", which the schema lacks", what, names[i]);
			bad++;
		}
	}
	return bad;
}

/* A section of the schema whose property names are one of fwprobe's name tables. */
FIXTURE(names) {
	json_t *schema;
};

FIXTURE_VARIANT(names) {
	const char *section;
	const char *const *names;
	unsigned int n;
};

FIXTURE_VARIANT_ADD(names, firmware_registers) { "registers", fwp_reg_names, FWP_REG_NR };
FIXTURE_VARIANT_ADD(names, vector_length_kinds) { "vector_lengths", vl_kind_names, VL_KINDS };

FIXTURE_SETUP(names)
{
	self->schema = load_schema(_metadata);
	ASSERT_NE(NULL, self->schema);
}

FIXTURE_TEARDOWN(names)
{
	json_decref(self->schema);
}

TEST_F(names, are_fwprobes)
{
	EXPECT_EQ(0, same_names(_metadata, variant->section, section(self->schema, variant->section),
				variant->names, variant->n));
}

TEST(identities_are_libs)
{
	json_t *s = load_schema(_metadata), *e, *v;
	const char *names[FWP_HYP_NR + 8] = { NULL };
	unsigned int n = 0;
	size_t i;

	ASSERT_NE(NULL, s);
	e = json_object_get(json_object_get(json_object_get(s, "properties"), "identity"), "enum");
	ASSERT_TRUE(json_is_array(e));
	json_array_foreach(e, i, v) {
		ASSERT_LT(n, ARRAY_SIZE(names));
		names[n++] = json_string_value(v);
	}
	for (i = 0; i < FWP_HYP_NR; i++) {
		const char *name = fwp_identity_names[i];

		EXPECT_TRUE(in_list(name, names, n))
			TH_LOG("identity \"%s\" is not in the schema's enum", name);
	}
	for (i = 0; i < n; i++) {
		const char *name = names[i];

		EXPECT_TRUE(in_list(name, fwp_identity_names, FWP_HYP_NR))
			TH_LOG("the schema's identity \"%s\" is not fwprobe's", name);
	}
	json_decref(s);
}

/* The $defs entry a register's values must follow: from its width and where it lives. */
static const char *expected_def(enum fwp_hwreg reg)
{
	unsigned int width = fwp_hw_width(reg);

	if (!hw_per_vcpu(reg))
		return width == 64 ? "#/$defs/hex" : "#/$defs/hex32";
	switch (width) {
	case 64:
		return "#/$defs/per_vcpu_64";
	case 32:
		return "#/$defs/per_vcpu_32";
	default:
		return "#/$defs/per_vcpu_pmcr_n";
	}
}

/* Names and value rules of one family of hardware registers: cpu_registers or gic_registers. */
static void check_hw(struct __test_metadata *_metadata, const char *name, bool gic)
{
	json_t *s = load_schema(_metadata), *props;
	const char *names[FWP_HW_NR] = { NULL };
	unsigned int r;

	ASSERT_NE(NULL, s);
	props = section(s, name);
	ASSERT_TRUE(json_is_object(props));
	for (r = 0; r < FWP_HW_NR; r++)
		if (hw_is_gic(r) == gic)
			names[r] = fwp_hwregs[r].name;
	EXPECT_EQ(0, same_names(_metadata, name, props, names, FWP_HW_NR));
	for (r = 0; r < FWP_HW_NR; r++) {
		const char *ref;

		if (!names[r] || !json_object_get(props, names[r]))
			continue;
		ref = json_string_value(json_object_get(json_object_get(props, names[r]), "$ref"));
		EXPECT_STREQ(expected_def(r), ref ?: "(no $ref)")
			TH_LOG("%s.%s: the schema's value rule does not follow its %u bits%s",
			       name, names[r], fwp_hw_width(r), hw_per_vcpu(r) ? " per vCPU" : " per VM");
	}
	json_decref(s);
}

TEST(cpu_registers_are_libs)
{
	check_hw(_metadata, "cpu_registers", false);
}

TEST(gic_registers_are_libs)
{
	check_hw(_metadata, "gic_registers", true);
}

/* A per-vCPU array has one entry per vCPU, however many the guest has: no maxItems. */
TEST(per_vcpu_arrays_have_no_vcpu_limit)
{
	static const char *const defs[] = { "per_vcpu_64", "per_vcpu_32", "per_vcpu_pmcr_n" };
	json_t *s = load_schema(_metadata), *one_of;
	unsigned int i;

	ASSERT_NE(NULL, s);
	for (i = 0; i < ARRAY_SIZE(defs); i++) {
		one_of = json_object_get(json_object_get(json_object_get(s, "$defs"), defs[i]), "oneOf");
		ASSERT_TRUE(json_is_array(one_of));
		EXPECT_EQ(2, json_integer_value(json_object_get(json_array_get(one_of, 1), "minItems")));
		EXPECT_EQ(NULL, json_object_get(json_array_get(one_of, 1), "maxItems"))
			TH_LOG("$defs/%s: a maxItems limits the vCPUs a machine type can hold", defs[i]);
	}
	json_decref(s);
}

static const char *const trees[] = {
	"kvm-6.12", "kvm-6.12-2vcpu", "kvm-6.12-funcfeat-off", "no-conduit",
};

/* What --save writes for every fixture tree, and every good fixture: all valid. */
TEST(saved_files_and_good_fixtures_validate)
{
	char dir[] = "/tmp/fwprobe-schema.XXXXXX", cmd[4096], path[320];
	size_t len;
	struct run r;
	unsigned int i;
	int status;

	ASSERT_EQ(0, access("/usr/bin/python3", X_OK)) TH_LOG("Debian's python3 is missing (scripts/setup host)");
	ASSERT_EQ(0, system("/usr/bin/python3 -c 'import jsonschema' 2>/dev/null"))
		TH_LOG("Debian's python3-jsonschema is missing (scripts/setup host installs it)");
	ASSERT_NE(NULL, mkdtemp(dir));
	len = (size_t)snprintf(cmd, sizeof(cmd), "%s " MT_DIR "good-*.json", VALIDATE);
	for (i = 0; i < ARRAY_SIZE(trees); i++) {
		char tree[96], saved[128];

		snprintf(tree, sizeof(tree), "%s/%s", dir, trees[i]);
		snprintf(saved, sizeof(saved), "%s.json", tree);
		snprintf(path, sizeof(path), FIXTURES "%s.txt", trees[i]);
		ASSERT_EQ(0, mktree(path, tree));
		run(&r, ARGS("--sysfs-root", tree, "--save", saved));
		ASSERT_NE(2, r.status) TH_LOG("--save %s: %s", saved, r.err);
		len += (size_t)snprintf(cmd + len, sizeof(cmd) - len, " %s", saved);
	}
	ASSERT_LT(len, sizeof(cmd));
	status = system(cmd);
	EXPECT_EQ(0, WEXITSTATUS(status)) TH_LOG("the validator found an invalid file (above)");
	remove_tree(dir);
}

/* The validator is real: files that break the schema's own rules are refused. */
TEST(validator_refuses_what_the_schema_forbids)
{
	static const char *const bad[] = {
		"bad-unknown-register.json",	/* additionalProperties */
		"bad-hex-no-prefix.json",	/* the hex pattern */
		"bad-hw-wide-pmcr.json",	/* PMCR_EL0.N's 5 bits */
	};
	char cmd[512];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		snprintf(cmd, sizeof(cmd), "%s " MT_DIR "%s", VALIDATE, bad[i]);
		EXPECT_EQ(1, WEXITSTATUS(system(cmd))) TH_LOG("%s was not refused", bad[i]);
	}
}

TEST_HARNESS_MAIN
