// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the reporter's drift rules and machine-type loader, calling
 * the code under test directly (tools/ headers are included only to call it).
 *
 * Every expected value and message is written out here on purpose: deriving
 * it from the reporter's own tables would let a broken table pass.
 */
#include <stdio.h>
#include <string.h>

/* Before the harness: lib's compat header defines ARRAY_SIZE unconditionally. */
#include "diff.h"
#include "machine_type.h"
#include "model.h"

#include "kselftest_harness.h"

#define MT_DIR	"tests/reporter/fixtures/machine-types/"
#define UNDETERMINED	"FUNC_FEAT off hides the FEATURES word"

/*
 * The guest of the KVM 6.12 fixture (host Linux 6.12, QEMU defaults), as the
 * registers/ files show it; each rule case changes one register of it.
 */
static void kvm612_guest(struct fwp_model *m)
{
	static const uint64_t regs[FWP_REG_NR] = {
		[FWP_REG_PSCI_VERSION] = 0x10001,
		[FWP_REG_WORKAROUND_1] = 0x2,
		[FWP_REG_WORKAROUND_2] = 0x0,
		[FWP_REG_WORKAROUND_3] = 0x0,
		[FWP_REG_STD_BMAP] = 0x1,
		[FWP_REG_STD_HYP_BMAP] = 0x1,
		[FWP_REG_VENDOR_HYP_BMAP] = 0x3,
		[FWP_REG_VENDOR_HYP_BMAP_2] = 0x0,
	};
	int i;

	memset(m, 0, sizeof(*m));
	m->identity = FWP_HYP_KVM;
	for (i = 0; i < FWP_REG_NR; i++) {
		m->regs.has[i] = true;
		m->regs.value[i] = regs[i];
		snprintf(m->basis[i], sizeof(m->basis[i]), "test basis %d", i);
	}
}

/* ---- register rules: one variant per case ---- */

FIXTURE(rule) {
	struct fwp_model guest;
	struct machine_type mt;
	struct drift_report out;
};

FIXTURE_VARIANT(rule) {
	const char *registers;	/* body of the file's "registers" object */
	enum fwp_reg_id reg;	/* guest register the case changes ... */
	bool unknown;		/* ... to undetermined, or ... */
	uint64_t guest;		/* ... to this value */
	const char *drift;	/* the one expected difference line, or NULL */
};

#define RULE(name, regs, r, g, msg) \
	FIXTURE_VARIANT_ADD(rule, name) { .registers = regs, .reg = r, .guest = g, .drift = msg }
#define RULE_UNKNOWN(name, regs, r, msg) \
	FIXTURE_VARIANT_ADD(rule, name) { .registers = regs, .reg = r, .unknown = true, .drift = msg }

/* psci_version: exact. */
RULE(psci_equal, "\"psci_version\": \"0x10001\"", FWP_REG_PSCI_VERSION, 0x10001, NULL);
RULE(psci_older, "\"psci_version\": \"0x10001\"", FWP_REG_PSCI_VERSION, 0x10000,
	"psci_version: expected 0x10001 (1.1), guest sees 0x10000 (1.0): PSCI older than expected");
RULE(psci_newer, "\"psci_version\": \"0x10001\"", FWP_REG_PSCI_VERSION, 0x10003,
	"psci_version: expected 0x10001 (1.1), guest sees 0x10003 (1.3): PSCI newer than expected");
RULE(psci_0_2, "\"psci_version\": \"0x2\"", FWP_REG_PSCI_VERSION, 0x10000,
	"psci_version: expected 0x2 (0.2), guest sees 0x10000 (1.0): PSCI newer than expected");

/* Bitmaps: exact, differences named. */
RULE(std_equal, "\"std_bmap\": \"0x1\"", FWP_REG_STD_BMAP, 0x1, NULL);
RULE(std_missing, "\"std_bmap\": \"0x1\"", FWP_REG_STD_BMAP, 0x0,
	"std_bmap: expected 0x1 (TRNG), guest sees 0x0 (none): TRNG missing");
RULE(std_extra, "\"std_bmap\": \"0x0\"", FWP_REG_STD_BMAP, 0x1,
	"std_bmap: expected 0x0 (none), guest sees 0x1 (TRNG): TRNG extra");
RULE(std_hyp_equal, "\"std_hyp_bmap\": \"0x1\"", FWP_REG_STD_HYP_BMAP, 0x1, NULL);
RULE(std_hyp_missing, "\"std_hyp_bmap\": \"0x1\"", FWP_REG_STD_HYP_BMAP, 0x0,
	"std_hyp_bmap: expected 0x1 (PV_TIME), guest sees 0x0 (none): PV_TIME missing");
RULE(std_hyp_extra, "\"std_hyp_bmap\": \"0x0\"", FWP_REG_STD_HYP_BMAP, 0x1,
	"std_hyp_bmap: expected 0x0 (none), guest sees 0x1 (PV_TIME): PV_TIME extra");
RULE(vendor_equal, "\"vendor_hyp_bmap\": \"0x3\"", FWP_REG_VENDOR_HYP_BMAP, 0x3, NULL);
RULE(vendor_missing_ptp, "\"vendor_hyp_bmap\": \"0x3\"", FWP_REG_VENDOR_HYP_BMAP, 0x1,
	"vendor_hyp_bmap: expected 0x3 (FUNC_FEAT|PTP), guest sees 0x1 (FUNC_FEAT): PTP missing");
RULE(vendor_extra_ptp, "\"vendor_hyp_bmap\": \"0x1\"", FWP_REG_VENDOR_HYP_BMAP, 0x3,
	"vendor_hyp_bmap: expected 0x1 (FUNC_FEAT), guest sees 0x3 (FUNC_FEAT|PTP): PTP extra");
RULE(vendor_both, "\"vendor_hyp_bmap\": \"0x1\"", FWP_REG_VENDOR_HYP_BMAP, 0x2,
	"vendor_hyp_bmap: expected 0x1 (FUNC_FEAT), guest sees 0x2 (PTP): FUNC_FEAT missing, PTP extra");
RULE(vendor_pkvm_bit, "\"vendor_hyp_bmap\": \"0x3\"", FWP_REG_VENDOR_HYP_BMAP, 0x7,
	"vendor_hyp_bmap: expected 0x3 (FUNC_FEAT|PTP), guest sees 0x7 (FUNC_FEAT|PTP|PKVM_HYP_MEMINFO): PKVM_HYP_MEMINFO extra");
RULE(vendor2_equal, "\"vendor_hyp_bmap_2\": \"0x0\"", FWP_REG_VENDOR_HYP_BMAP_2, 0x0, NULL);
RULE(vendor2_extra, "\"vendor_hyp_bmap_2\": \"0x0\"", FWP_REG_VENDOR_HYP_BMAP_2, 0x3,
	"vendor_hyp_bmap_2: expected 0x0 (none), guest sees 0x3 (DISCOVER_IMPL_VER|DISCOVER_IMPL_CPUS): DISCOVER_IMPL_VER|DISCOVER_IMPL_CPUS extra");
RULE(vendor2_missing, "\"vendor_hyp_bmap_2\": \"0x3\"", FWP_REG_VENDOR_HYP_BMAP_2, 0x1,
	"vendor_hyp_bmap_2: expected 0x3 (DISCOVER_IMPL_VER|DISCOVER_IMPL_CPUS), guest sees 0x1 (DISCOVER_IMPL_VER): DISCOVER_IMPL_CPUS missing");

/* Workarounds: the guest may be better protected, never worse. */
RULE(wa1_better, "\"smccc_arch_workaround_1\": \"0x1\"", FWP_REG_WORKAROUND_1, 0x2, NULL);
RULE(wa1_equal, "\"smccc_arch_workaround_1\": \"0x1\"", FWP_REG_WORKAROUND_1, 0x1, NULL);
RULE(wa1_worse, "\"smccc_arch_workaround_1\": \"0x1\"", FWP_REG_WORKAROUND_1, 0x0,
	"smccc_arch_workaround_1: expected at least 0x1 (AVAIL), guest sees 0x0 (NOT_AVAIL): less protected");
RULE(wa1_worse_by_two, "\"smccc_arch_workaround_1\": \"0x2\"", FWP_REG_WORKAROUND_1, 0x0,
	"smccc_arch_workaround_1: expected at least 0x2 (NOT_REQUIRED), guest sees 0x0 (NOT_AVAIL): less protected");
RULE(wa2_better, "\"smccc_arch_workaround_2\": \"0x0\"", FWP_REG_WORKAROUND_2, 0x3, NULL);
RULE(wa2_equal, "\"smccc_arch_workaround_2\": \"0x3\"", FWP_REG_WORKAROUND_2, 0x3, NULL);
RULE(wa2_worse, "\"smccc_arch_workaround_2\": \"0x3\"", FWP_REG_WORKAROUND_2, 0x0,
	"smccc_arch_workaround_2: expected at least 0x3 (NOT_REQUIRED), guest sees 0x0 (NOT_AVAIL): less protected");
RULE(wa2_unknown_above_not_avail, "\"smccc_arch_workaround_2\": \"0x0\"", FWP_REG_WORKAROUND_2, 0x1, NULL);
RULE(wa2_worse_than_unknown, "\"smccc_arch_workaround_2\": \"0x1\"", FWP_REG_WORKAROUND_2, 0x0,
	"smccc_arch_workaround_2: expected at least 0x1 (UNKNOWN), guest sees 0x0 (NOT_AVAIL): less protected");
RULE(wa2_enabled_is_avail, "\"smccc_arch_workaround_2\": \"0x12\"", FWP_REG_WORKAROUND_2, 0x2, NULL);
RULE(wa2_enabled_worse, "\"smccc_arch_workaround_2\": \"0x12\"", FWP_REG_WORKAROUND_2, 0x1,
	"smccc_arch_workaround_2: expected at least 0x12 (AVAIL|ENABLED), guest sees 0x1 (UNKNOWN): less protected");
RULE(wa2_not_required_beats_enabled, "\"smccc_arch_workaround_2\": \"0x12\"", FWP_REG_WORKAROUND_2, 0x3, NULL);
RULE(wa3_better, "\"smccc_arch_workaround_3\": \"0x0\"", FWP_REG_WORKAROUND_3, 0x1, NULL);
RULE(wa3_equal, "\"smccc_arch_workaround_3\": \"0x2\"", FWP_REG_WORKAROUND_3, 0x2, NULL);
RULE(wa3_worse, "\"smccc_arch_workaround_3\": \"0x2\"", FWP_REG_WORKAROUND_3, 0x1,
	"smccc_arch_workaround_3: expected at least 0x2 (NOT_REQUIRED), guest sees 0x1 (AVAIL): less protected");

/* A key the file leaves out is not checked, whatever the guest shows. */
RULE(omitted_empty_file, "", FWP_REG_VENDOR_HYP_BMAP, 0x0, NULL);
RULE(omitted_other_key, "\"psci_version\": \"0x10001\"", FWP_REG_VENDOR_HYP_BMAP, 0x1, NULL);
RULE(omitted_worse_workaround, "\"std_bmap\": \"0x1\"", FWP_REG_WORKAROUND_1, 0x0, NULL);
RULE_UNKNOWN(omitted_undetermined, "\"vendor_hyp_bmap\": \"0x3\"", FWP_REG_VENDOR_HYP_BMAP_2, NULL);

/* Expected but undetermined: drift, and the basis says why. */
RULE_UNKNOWN(undetermined_bitmap, "\"vendor_hyp_bmap_2\": \"0x0\"", FWP_REG_VENDOR_HYP_BMAP_2,
	     "vendor_hyp_bmap_2: expected 0x0 (none), guest cannot determine it: " UNDETERMINED);
RULE_UNKNOWN(undetermined_psci, "\"psci_version\": \"0x10001\"", FWP_REG_PSCI_VERSION,
	     "psci_version: expected 0x10001 (1.1), guest cannot determine it: " UNDETERMINED);
RULE_UNKNOWN(undetermined_workaround, "\"smccc_arch_workaround_2\": \"0x0\"", FWP_REG_WORKAROUND_2,
	     "smccc_arch_workaround_2: expected at least 0x0 (NOT_AVAIL), guest cannot determine it: " UNDETERMINED);

FIXTURE_SETUP(rule)
{
	kvm612_guest(&self->guest);
	self->guest.regs.has[variant->reg] = !variant->unknown;
	self->guest.regs.value[variant->reg] = variant->unknown ? 0 : variant->guest;
	if (variant->unknown)
		snprintf(self->guest.basis[variant->reg], FWP_TEXT_MAX, "%s", UNDETERMINED);
}

FIXTURE_TEARDOWN(rule)
{
}

TEST_F(rule, check)
{
	char text[512];
	struct fwp_err err = { "" };
	bool match;

	snprintf(text, sizeof(text), "{\"schema\": 1, \"registers\": {%s}}", variant->registers);
	ASSERT_EQ(0, mt_load_buffer(text, strlen(text), "rule.json", &self->mt, &err))
		TH_LOG("%s: %s", text, err.msg);
	match = diff_guest(&self->mt, &self->guest, &self->out);
	if (!variant->drift) {
		EXPECT_TRUE(match);
		ASSERT_EQ(0U, self->out.n)
			TH_LOG("unexpected: %s", self->out.d[0].message);
		return;
	}
	EXPECT_FALSE(match);
	ASSERT_EQ(1U, self->out.n);
	EXPECT_STREQ(variant->drift, self->out.d[0].message);
}

TEST(identity_checked_exactly)
{
	static const char same[] = "{\"schema\": 1, \"identity\": \"kvm\", \"registers\": {}}";
	static const char other[] = "{\"schema\": 1, \"identity\": \"xen\", \"registers\": {}}";
	struct fwp_err err = { "" };
	struct drift_report out;
	struct fwp_model guest;
	struct machine_type mt;

	kvm612_guest(&guest);
	ASSERT_EQ(0, mt_load_buffer(same, strlen(same), "same.json", &mt, &err)) TH_LOG("%s", err.msg);
	EXPECT_TRUE(diff_guest(&mt, &guest, &out));
	ASSERT_EQ(0, mt_load_buffer(other, strlen(other), "other.json", &mt, &err)) TH_LOG("%s", err.msg);
	EXPECT_FALSE(diff_guest(&mt, &guest, &out));
	ASSERT_EQ(1U, out.n);
	EXPECT_STREQ("identity: expected xen, guest sees kvm", out.d[0].message);
	EXPECT_STREQ("identity", out.d[0].key);
}

TEST(differences_in_register_order_with_bits)
{
	static const char file[] = "{\"schema\": 1, \"identity\": \"kvm\", \"registers\": {"
		"\"vendor_hyp_bmap\": \"0x3\", \"psci_version\": \"0x10000\", \"std_bmap\": \"0x0\"}}";
	struct fwp_err err = { "" };
	struct drift_report out;
	struct fwp_model guest;
	struct machine_type mt;

	kvm612_guest(&guest);
	guest.regs.value[FWP_REG_VENDOR_HYP_BMAP] = 0x2;
	ASSERT_EQ(0, mt_load_buffer(file, strlen(file), "t.json", &mt, &err)) TH_LOG("%s", err.msg);
	EXPECT_FALSE(diff_guest(&mt, &guest, &out));
	ASSERT_EQ(3U, out.n);
	EXPECT_STREQ("psci_version", out.d[0].key);
	EXPECT_STREQ("std_bmap", out.d[1].key);
	EXPECT_STREQ("0x0", out.d[1].expected);
	EXPECT_STREQ("0x1", out.d[1].actual);
	EXPECT_EQ(0x1U, out.d[1].extra);
	EXPECT_EQ(0x0U, out.d[1].missing);
	EXPECT_STREQ("vendor_hyp_bmap", out.d[2].key);
	EXPECT_EQ(0x1U, out.d[2].missing);
	EXPECT_EQ(0x0U, out.d[2].extra);
}

/* ---- machine-type files that must be refused, each with its message ---- */

FIXTURE(bad_file) {
	struct machine_type mt;
	struct fwp_err err;
};

FIXTURE_VARIANT(bad_file) {
	const char *file;
	const char *message;	/* expected after "tests/reporter/fixtures/machine-types/" */
};

#define BAD(name, f, msg) FIXTURE_VARIANT_ADD(bad_file, name) { .file = f, .message = msg }

BAD(empty, "bad-empty.json", "bad-empty.json: empty file: a machine-type file is a JSON object");
BAD(blank, "bad-blank.json", "bad-blank.json: empty file");
BAD(array, "bad-array.json", "bad-array.json:1:1: the top level is an array; a machine-type file is one JSON object");
BAD(scalar, "bad-scalar.json", "bad-scalar.json:1:8: '[' or '{' expected near '\"schema\"'");
BAD(bom, "bad-bom.json", "bad-bom.json:1:1: the file starts with a UTF-8 byte-order mark");
BAD(trailing_comma, "bad-trailing-comma.json", "bad-trailing-comma.json:5:3: string or '}' expected near '}'");
BAD(trailing_garbage, "bad-trailing-garbage.json", "bad-trailing-garbage.json:5:1: end of file expected near 'x'");
BAD(duplicate_register, "bad-duplicate-register.json",
	"bad-duplicate-register.json:5:14: duplicate object key near '\"std_bmap\"'");
BAD(duplicate_schema, "bad-duplicate-schema.json",
	"bad-duplicate-schema.json:3:10: duplicate object key near '\"schema\"'");
BAD(nul_byte, "bad-nul-byte.json", "bad-nul-byte.json:1:44: control character 0x0");
BAD(escaped_nul, "bad-escaped-nul.json", "bad-escaped-nul.json:1:48: \\u0000 is not allowed");
BAD(invalid_utf8, "bad-invalid-utf8.json", "bad-invalid-utf8.json:1:41: unable to decode byte 0xff");
BAD(deep_nesting, "bad-deep-nesting.json", "bad-deep-nesting.json:1:2094: maximum parsing depth reached");
BAD(no_schema, "bad-no-schema.json", "bad-no-schema.json: missing \"schema\": add \"schema\": 1");
BAD(schema_string, "bad-schema-string.json",
	"bad-schema-string.json:2:3: \"schema\" must be the integer 1, not a string");
BAD(schema_real, "bad-schema-real.json", "bad-schema-real.json:2:3: \"schema\" must be the integer 1, not a real number");
BAD(schema_2, "bad-schema-2.json",
	"bad-schema-2.json:2:3: unsupported schema version 2: this fwprobe reads schema 1");
BAD(schema_huge, "bad-schema-huge.json", "bad-schema-huge.json:2:32: too big integer");
BAD(no_registers, "bad-no-registers.json", "bad-no-registers.json: missing \"registers\"");
BAD(registers_array, "bad-registers-array.json",
	"bad-registers-array.json:3:3: \"registers\" must be an object of register names and hex strings, not an array");
BAD(unknown_key, "bad-unknown-key.json",
	"bad-unknown-key.json:3:3: unknown key \"registres\"; allowed: schema, registers, identity, description");
BAD(unknown_register, "bad-unknown-register.json",
	"bad-unknown-register.json:5:5: unknown register \"std_bmap2\"; known: psci_version, smccc_arch_workaround_1");
BAD(value_number, "bad-value-number.json",
	"bad-value-number.json:4:5: registers.std_bmap must be a hex string like \"0x1\", not an integer");
BAD(value_null, "bad-value-null.json", "bad-value-null.json:4:5: registers.std_bmap must be a hex string like \"0x1\", not null");
BAD(hex_no_prefix, "bad-hex-no-prefix.json",
	"bad-hex-no-prefix.json:4:5: registers.std_bmap: malformed value \"1\": write 0x and 1 to 16 hex digits");
BAD(hex_no_digits, "bad-hex-no-digits.json", "bad-hex-no-digits.json:4:5: registers.std_bmap: malformed value \"0x\"");
BAD(hex_17_digits, "bad-hex-17-digits.json",
	"bad-hex-17-digits.json:4:5: registers.vendor_hyp_bmap: malformed value \"0x00000000000000003\"");
BAD(hex_digit, "bad-hex-digit.json", "bad-hex-digit.json:4:5: registers.std_hyp_bmap: malformed value \"0xg\"");
BAD(hex_upper_prefix, "bad-hex-upper-prefix.json", "bad-hex-upper-prefix.json:4:5: registers.std_bmap: malformed value \"0X1\"");
BAD(hex_negative, "bad-hex-negative.json", "bad-hex-negative.json:4:5: registers.std_bmap: malformed value \"-0x1\"");
BAD(psci_bit31, "bad-psci-bit31.json",
	"bad-psci-bit31.json:4:5: registers.psci_version: 0x80010001 has bit 31 set");
BAD(psci_wide, "bad-psci-wide.json", "bad-psci-wide.json:4:5: registers.psci_version: 0x100010001 is wider than 32 bits");
BAD(wa1_level, "bad-wa1-level.json",
	"bad-wa1-level.json:4:5: registers.smccc_arch_workaround_1: 0x3 is not a level of this register; valid: 0x0 (NOT_AVAIL), 0x1 (AVAIL), 0x2 (NOT_REQUIRED)");
BAD(wa2_enabled_without_avail, "bad-wa2-enabled-without-avail.json",
	"bad-wa2-enabled-without-avail.json:4:5: registers.smccc_arch_workaround_2: 0x11 is not a level of this register; valid: 0x0 (NOT_AVAIL), 0x1 (UNKNOWN), 0x2 (AVAIL), 0x3 (NOT_REQUIRED), 0x12 (AVAIL|ENABLED)");
BAD(wa3_enabled, "bad-wa3-enabled.json", "bad-wa3-enabled.json:4:5: registers.smccc_arch_workaround_3: 0x12 is not a level");
BAD(std_bmap_bit1, "bad-std-bmap-bit1.json",
	"bad-std-bmap-bit1.json:4:5: registers.std_bmap: 0x2 sets bit 1 (0x2), which is not a known bit of this register; known: TRNG");
BAD(vendor_bmap_bit2, "bad-vendor-bmap-bit2.json",
	"bad-vendor-bmap-bit2.json:4:5: registers.vendor_hyp_bmap: 0x7 sets bit 2 (0x4), which is not a known bit of this register; known: FUNC_FEAT|PTP");
BAD(vendor_bmap2_bit63, "bad-vendor-bmap2-bit63.json",
	"bad-vendor-bmap2-bit63.json:4:5: registers.vendor_hyp_bmap_2: 0x8000000000000000 sets bit 63");
BAD(identity_unknown, "bad-identity-unknown.json", "bad-identity-unknown.json:3:3: unknown identity \"qemu\"; known: ");
BAD(identity_number, "bad-identity-number.json", "bad-identity-number.json:3:3: \"identity\" must be a string, not an integer");
BAD(description_array, "bad-description-array.json",
	"bad-description-array.json:3:3: \"description\" must be a string, not an array");
BAD(missing_file, "no-such-file.json", "no-such-file.json: cannot open: No such file or directory; create it with 'fwprobe --save");

FIXTURE_SETUP(bad_file)
{
	self->err.msg[0] = '\0';
}

FIXTURE_TEARDOWN(bad_file)
{
}

TEST_F(bad_file, refused_with_position)
{
	char path[256], want[512];

	snprintf(path, sizeof(path), MT_DIR "%s", variant->file);
	snprintf(want, sizeof(want), MT_DIR "%s", variant->message);
	ASSERT_EQ(-1, mt_load_file(path, &self->mt, &self->err));
	EXPECT_EQ(0, strncmp(self->err.msg, want, strlen(want)))
		TH_LOG("want prefix: %s\n#        got: %s", want, self->err.msg);
}

/* ---- files that must load, and what they say ---- */

TEST(good_full_file)
{
	struct fwp_err err = { "" };
	struct machine_type mt;

	ASSERT_EQ(0, mt_load_file(MT_DIR "good-kvm-6.12.json", &mt, &err)) TH_LOG("%s", err.msg);
	EXPECT_EQ(FWP_HYP_KVM, mt.identity);
	EXPECT_TRUE(mt.regs.has[FWP_REG_PSCI_VERSION]);
	EXPECT_EQ(0x10001U, mt.regs.value[FWP_REG_PSCI_VERSION]);
	EXPECT_EQ(0x2U, mt.regs.value[FWP_REG_WORKAROUND_1]);
	EXPECT_EQ(0x3U, mt.regs.value[FWP_REG_VENDOR_HYP_BMAP]);
	EXPECT_TRUE(mt.regs.has[FWP_REG_VENDOR_HYP_BMAP_2]);
	EXPECT_EQ(0x0U, mt.regs.value[FWP_REG_VENDOR_HYP_BMAP_2]);
}

TEST(good_partial_file)
{
	struct fwp_err err = { "" };
	struct machine_type mt;

	ASSERT_EQ(0, mt_load_file(MT_DIR "good-partial.json", &mt, &err)) TH_LOG("%s", err.msg);
	EXPECT_EQ(0x12U, mt.regs.value[FWP_REG_WORKAROUND_2]);
	EXPECT_EQ(0x3U, mt.regs.value[FWP_REG_VENDOR_HYP_BMAP]);	/* written "0x0003" */
	EXPECT_FALSE(mt.regs.has[FWP_REG_STD_BMAP]);
	EXPECT_FALSE(mt.regs.has[FWP_REG_WORKAROUND_3]);
}

TEST(good_empty_registers)
{
	struct fwp_err err = { "" };
	struct machine_type mt;
	int i;

	ASSERT_EQ(0, mt_load_file(MT_DIR "good-empty-registers.json", &mt, &err)) TH_LOG("%s", err.msg);
	EXPECT_EQ(-1, mt.identity);
	for (i = 0; i < FWP_REG_NR; i++)
		EXPECT_FALSE(mt.regs.has[i]);
}

/* What --save writes is exactly this text, and it loads back unchanged. */
TEST(format_round_trip)
{
	static const char want[] =
		"{\n"
		"  \"schema\": 1,\n"
		"  \"description\": \"d\",\n"
		"  \"identity\": \"kvm\",\n"
		"  \"registers\": {\n"
		"    \"psci_version\": \"0x10001\",\n"
		"    \"smccc_arch_workaround_2\": \"0x12\",\n"
		"    \"vendor_hyp_bmap\": \"0x3\"\n"
		"  }\n"
		"}\n";
	struct machine_type mt = { .identity = FWP_HYP_KVM }, back;
	struct fwp_err err = { "" };
	char *text;

	mt.regs.has[FWP_REG_PSCI_VERSION] = true;
	mt.regs.value[FWP_REG_PSCI_VERSION] = 0x10001;
	mt.regs.has[FWP_REG_WORKAROUND_2] = true;
	mt.regs.value[FWP_REG_WORKAROUND_2] = 0x12;
	mt.regs.has[FWP_REG_VENDOR_HYP_BMAP] = true;
	mt.regs.value[FWP_REG_VENDOR_HYP_BMAP] = 0x3;
	text = mt_format(&mt, "d");
	ASSERT_NE(NULL, text);
	EXPECT_STREQ(want, text);
	ASSERT_EQ(0, mt_load_buffer(text, strlen(text), "back.json", &back, &err)) TH_LOG("%s", err.msg);
	EXPECT_EQ(0, memcmp(&mt.regs, &back.regs, sizeof(mt.regs)));
	EXPECT_EQ(FWP_HYP_KVM, back.identity);
	free(text);
}

TEST_HARNESS_MAIN
