// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the reporter's drift rules and machine-type loader, calling
 * the code under test directly (tools/ headers are included only to call it).
 *
 * Every expected value and message is written out here on purpose: deriving
 * it from the reporter's own tables would let a broken table pass.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Before the harness: lib's compat header defines ARRAY_SIZE unconditionally. */
#include <errno.h>
#include <jansson.h>

#include "diff.h"
#include "machine_type.h"
#include "model.h"
#include "render.h"
#include "report.h"
#include "vector_lengths.h"

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
	hwregs_alloc(&m->hw, 1);		/* one vCPU, online, with no register files */
	m->hw.online[0] = true;
	m->identity = FWP_HYP_KVM;
	for (i = 0; i < FWP_REG_NR; i++) {
		m->regs.has[i] = true;
		m->regs.value[i] = regs[i];
		snprintf(m->basis[i], sizeof(m->basis[i]), "test basis %d", i);
	}
}

/* @row: @n values of @reg, as a machine type would hold them. */
static void set_row(struct hw_row *row, enum fwp_hwreg reg, unsigned int n, const bool *has,
		    const uint64_t *v)
{
	row->reg = reg;
	hw_row_alloc(row, n);
	memcpy(row->has, has, n * sizeof(*has));
	memcpy(row->value, v, n * sizeof(*v));
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
BAD(no_schema, "bad-no-schema.json", "bad-no-schema.json: missing \"schema\": add \"schema\": 2");
BAD(schema_string, "bad-schema-string.json",
	"bad-schema-string.json:2:3: \"schema\" must be an integer from 1 to 3, not a string");
BAD(schema_real, "bad-schema-real.json", "bad-schema-real.json:2:3: \"schema\" must be an integer from 1 to 3, not a real number");
BAD(schema_4, "bad-schema-4.json",
	"bad-schema-4.json:2:3: unsupported schema version 4: this fwprobe reads schemas 1 to 3");
/* "boot" (schema 3): a schema 2 file with it is told which schema it needs; its keys are checked. */
BAD(boot_schema_2, "bad-boot-schema-2.json",
	"bad-boot-schema-2.json:4:3: \"boot\" needs schema 3: write \"schema\": 3");
BAD(boot_tables, "bad-boot-tables.json",
	"bad-boot-tables.json:4:13: boot.tables must be \"acpi\" or \"dt\"");
BAD(boot_unknown_key, "bad-boot-unknown-key.json",
	"bad-boot-unknown-key.json:4:13: unknown key \"smbios\" in boot; allowed: tables, uefi, firmware_vendor, firmware_version");
BAD(schema_huge, "bad-schema-huge.json", "bad-schema-huge.json:2:32: too big integer");
BAD(no_registers, "bad-no-registers.json", "bad-no-registers.json: missing \"registers\"");
BAD(registers_array, "bad-registers-array.json",
	"bad-registers-array.json:3:3: \"registers\" must be an object of register names and hex strings, not an array");
BAD(unknown_key, "bad-unknown-key.json",
	"bad-unknown-key.json:3:3: unknown key \"registres\"; allowed: schema, registers, identity, description, cpu_registers, gic_registers, ignore");
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
/* Hardware registers (schema 2): keys inside cpu_registers / gic_registers are located. */
BAD(hw_schema_1, "bad-hw-schema-1.json",
	"bad-hw-schema-1.json:4:3: \"cpu_registers\" needs schema 2: write \"schema\": 2");
BAD(hw_object_array, "bad-hw-object-array.json",
	"bad-hw-object-array.json:4:3: \"cpu_registers\" must be an object of register names and hex strings, not an array");
BAD(hw_unknown_register, "bad-hw-unknown-register.json",
	"bad-hw-unknown-register.json:6:5: unknown register \"midr_el2\": the names are those of the files in /sys/class/fwprobe/fwprobe0/cpu<N>/");
BAD(hw_unknown_gic, "bad-hw-unknown-gic.json",
	"bad-hw-unknown-gic.json:5:5: unknown GIC register \"gicd_ctlr\"; known: gicr_iidr, gicr_typer, gicd_typer, gicd_iidr, gicd_typer2, gits_iidr, gits_typer");
BAD(hw_gic_under_cpu, "bad-hw-gic-under-cpu.json",
	"bad-hw-gic-under-cpu.json:6:5: gicd_iidr is a GIC register: list it under \"gic_registers\"");
BAD(hw_cpu_under_gic, "bad-hw-cpu-under-gic.json",
	"bad-hw-cpu-under-gic.json:6:5: ctr_el0 is a CPU register: list it under \"cpu_registers\"");
BAD(hw_hex, "bad-hw-hex.json",
	"bad-hw-hex.json:5:5: cpu_registers.ctr_el0: malformed value \"0x9444c00g\": write 0x and 1 to 16 hex digits");
BAD(hw_value_null, "bad-hw-value-null.json",
	"bad-hw-value-null.json:5:5: cpu_registers.midr_el1 must be a hex string like \"0x1\", or an array of them with one entry per vCPU, not null");
BAD(hw_wide_gic, "bad-hw-wide-gic.json",
	"bad-hw-wide-gic.json:5:5: gic_registers.gicd_iidr: 0x13000043b is wider than the register's 32 bits");
BAD(hw_wide_ccsidr, "bad-hw-wide-ccsidr.json",
	"bad-hw-wide-ccsidr.json:5:5: cpu_registers.ccsidr_el1.l1d: 0x1700fe01a is wider than the register's 32 bits");
BAD(hw_wide_pmcr, "bad-hw-wide-pmcr.json",
	"bad-hw-wide-pmcr.json:5:5: cpu_registers.pmcr_el0: 0x20 is wider than the register's 5 bits");
BAD(hw_array_short, "bad-hw-array-short.json",
	"bad-hw-array-short.json:5:5: cpu_registers.mpidr_el1: an array has one entry per vCPU and so at least 2; write one string when every vCPU reads the same");
BAD(hw_array_length, "bad-hw-array-length.json",
	"bad-hw-array-length.json:8:5: gic_registers.gicr_typer has 3 entries, but cpu_registers.mpidr_el1 has 2: every array has one entry per vCPU");
BAD(hw_array_per_vm, "bad-hw-array-per-vm.json",
	"bad-hw-array-per-vm.json:5:5: gic_registers.gicd_typer is one register per VM: write one hex string, not an array");
BAD(hw_array_element_type, "bad-hw-array-element-type.json",
	"bad-hw-array-element-type.json:5:5: cpu_registers.mpidr_el1[1] must be a hex string like \"0x1\", or null for a vCPU without the register, not an integer");
BAD(hw_array_element_wide, "bad-hw-array-element-wide.json",
	"bad-hw-array-element-wide.json:5:5: cpu_registers.ccsidr_el1.l2u[1]: 0x1707fe07a is wider than the register's 32 bits");
/* The ignore list: entries are located themselves. */
BAD(ignore_not_array, "bad-ignore-not-array.json",
	"bad-ignore-not-array.json:4:3: \"ignore\" must be an array of strings like \"ctr_el0\" or \"id_aa64dfr0_el1.DebugVer\", not a string");
BAD(ignore_not_string, "bad-ignore-not-string.json",
	"bad-ignore-not-string.json:4:3: ignore[1] must be a string like \"ctr_el0\" or \"id_aa64dfr0_el1.DebugVer\", not an integer");
BAD(ignore_unknown_register, "bad-ignore-unknown-register.json",
	"bad-ignore-unknown-register.json:6:5: ignore: \"ctr_el1\" names no register; write a register name (\"ctr_el0\") or REGISTER.FIELD");
BAD(ignore_unknown_field, "bad-ignore-unknown-field.json",
	"bad-ignore-unknown-field.json:5:5: ignore: \"id_aa64dfr0_el1.DebugVers\": id_aa64dfr0_el1 has no such field; its fields: DebugVer, ");
BAD(ignore_no_fields, "bad-ignore-no-fields.json",
	"bad-ignore-no-fields.json:5:5: ignore: \"s3_0_c0_c4_3.Bit0\": s3_0_c0_c4_3 has no named fields; ignore it whole as \"s3_0_c0_c4_3\"");
BAD(ignore_twice, "bad-ignore-twice.json",
	"bad-ignore-twice.json:6:5: ignore: \"ccsidr_el1.l2u\" is listed twice");
/* Vector lengths (schema 2): the set's key is located. */
BAD(vl_schema_1, "bad-vl-schema-1.json",
	"bad-vl-schema-1.json:4:3: \"vector_lengths\" needs schema 2: write \"schema\": 2");
BAD(vl_not_object, "bad-vl-not-object.json",
	"bad-vl-not-object.json:4:3: \"vector_lengths\" must be an object like {\"sve\": [16, 32, 64]}, not an array");
BAD(vl_unknown_key, "bad-vl-unknown-key.json",
	"bad-vl-unknown-key.json:6:5: unknown key \"sve2\" in vector_lengths; allowed: sve, sme");
BAD(vl_not_array, "bad-vl-not-array.json",
	"bad-vl-not-array.json:5:5: vector_lengths.sve must be an array of vector lengths in bytes like [16, 32, 64], not an integer");
BAD(vl_empty, "bad-vl-empty.json",
	"bad-vl-empty.json:5:5: vector_lengths.sve is empty: a guest with the extension has at least one vector length");
BAD(vl_not_multiple, "bad-vl-not-multiple.json",
	"bad-vl-not-multiple.json:5:5: vector_lengths.sve[1]: 24 is not a vector length: write a multiple of 16 bytes from 16 to 256");
BAD(vl_too_large, "bad-vl-too-large.json",
	"bad-vl-too-large.json:5:5: vector_lengths.sve[2]: 512 is not a vector length");
BAD(vl_zero, "bad-vl-zero.json", "bad-vl-zero.json:5:5: vector_lengths.sme[0]: 0 is not a vector length");
BAD(vl_descending, "bad-vl-descending.json",
	"bad-vl-descending.json:5:5: vector_lengths.sve[1]: 16 after 32: write the lengths in ascending order");
BAD(vl_duplicate, "bad-vl-duplicate.json", "bad-vl-duplicate.json:5:5: vector_lengths.sve[2]: 32 is listed twice");
BAD(vl_string, "bad-vl-string.json",
	"bad-vl-string.json:5:5: vector_lengths.sve[0] must be an integer number of bytes like 16, not a string");
BAD(vl_real, "bad-vl-real.json",
	"bad-vl-real.json:5:5: vector_lengths.sve[0] must be an integer number of bytes like 16, not a real number");
BAD(ignore_vl_unknown, "bad-ignore-vl-unknown.json",
	"bad-ignore-vl-unknown.json:5:5: ignore: \"vector_lengths.sve2\": the vector lengths are ignored as \"vector_lengths.sve\" and \"vector_lengths.sme\"");
BAD(ignore_vl_twice, "bad-ignore-vl-twice.json",
	"bad-ignore-vl-twice.json:7:5: ignore: \"vector_lengths.sve\" is listed twice");
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
		"  \"schema\": 2,\n"
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

/* ---- hardware registers: loading, saving, comparing ---- */

TEST(good_hw_file)
{
	static struct machine_type mt;
	struct fwp_err err = { "" };
	const struct hw_row *r;

	ASSERT_EQ(0, mt_load_file(MT_DIR "good-hw-2vcpu.json", &mt, &err)) TH_LOG("%s", err.msg);
	EXPECT_EQ(2U, mt.vcpus);
	r = &mt.hw[FWP_HW_midr_el1];
	EXPECT_EQ(1U, r->n);
	EXPECT_EQ(0xf0510U, r->value[0]);
	r = &mt.hw[FWP_HW_mpidr_el1];
	ASSERT_EQ(2U, r->n);
	EXPECT_EQ(0x80000001U, r->value[1]);
	r = &mt.hw[FWP_HW_ccsidr_l2u];
	ASSERT_EQ(2U, r->n);
	EXPECT_TRUE(r->has[0]);
	EXPECT_FALSE(r->has[1]);		/* null: that vCPU lacks it */
	EXPECT_EQ(0x1fU, mt.hw[FWP_HW_pmcr_el0].value[0]);
	EXPECT_EQ(0x100000110ULL, mt.hw[FWP_HW_gicr_typer].value[1]);
	EXPECT_EQ(1U, mt.hw[FWP_HW_gits_typer].n);
	EXPECT_EQ(0U, mt.hw[FWP_HW_revidr_el1].n);	/* not listed */
	EXPECT_TRUE(mt.ignore_reg[FWP_HW_ccsidr_l2u]);
	EXPECT_FALSE(mt.ignore_reg[FWP_HW_ctr_el0]);
	EXPECT_EQ(0x1ULL, mt.ignore_fields[FWP_HW_id_aa64dfr0_el1]);	/* DebugVer: field 0 */
	EXPECT_EQ(0x1ULL, mt.ignore_fields[FWP_HW_ctr_el0]);		/* IminLine: field 0 */
}

TEST(schema_1_file_has_no_hw)
{
	static struct machine_type mt;
	struct fwp_err err = { "" };
	unsigned int i;

	ASSERT_EQ(0, mt_load_file(MT_DIR "good-kvm-6.12.json", &mt, &err)) TH_LOG("%s", err.msg);
	EXPECT_EQ(0U, mt.vcpus);
	for (i = 0; i < FWP_HW_NR; i++)
		EXPECT_EQ(0U, mt.hw[i].n);
}

/* --save's text for hardware registers: one string, or one entry per vCPU, table order; and back. */
TEST(hw_format_round_trip)
{
	static const char want[] =
		"{\n"
		"  \"schema\": 2,\n"
		"  \"registers\": {},\n"
		"  \"cpu_registers\": {\n"
		"    \"midr_el1\": \"0xf0510\",\n"
		"    \"ccsidr_el1.l2u\": [\n"
		"      \"0x707fe07a\",\n"
		"      null\n"
		"    ]\n"
		"  },\n"
		"  \"gic_registers\": {\n"
		"    \"gicd_iidr\": \"0x3000043b\"\n"
		"  },\n"
		"  \"ignore\": [\n"
		"    \"id_aa64dfr0_el1.DebugVer\",\n"
		"    \"ctr_el0\"\n"
		"  ]\n"
		"}\n";
	static struct machine_type mt, back;
	struct fwp_err err = { "" };
	char *text;

	mt.identity = -1;
	mt.vcpus = 2;
	set_row(&mt.hw[FWP_HW_midr_el1], FWP_HW_midr_el1, 1, (const bool[]){ true },
		(const uint64_t[]){ 0xf0510 });
	set_row(&mt.hw[FWP_HW_ccsidr_l2u], FWP_HW_ccsidr_l2u, 2, (const bool[]){ true, false },
		(const uint64_t[]){ 0x707fe07a, 0 });
	set_row(&mt.hw[FWP_HW_gicd_iidr], FWP_HW_gicd_iidr, 1, (const bool[]){ true },
		(const uint64_t[]){ 0x3000043b });
	mt.ignore_reg[FWP_HW_ctr_el0] = true;
	mt.ignore_fields[FWP_HW_id_aa64dfr0_el1] = 1;
	text = mt_format(&mt, NULL);
	ASSERT_NE(NULL, text);
	EXPECT_STREQ(want, text);
	ASSERT_EQ(0, mt_load_buffer(text, strlen(text), "back.json", &back, &err)) TH_LOG("%s", err.msg);
	EXPECT_EQ(2U, back.vcpus);
	ASSERT_EQ(2U, back.hw[FWP_HW_ccsidr_l2u].n);
	EXPECT_TRUE(back.hw[FWP_HW_ccsidr_l2u].has[0]);
	EXPECT_FALSE(back.hw[FWP_HW_ccsidr_l2u].has[1]);
	EXPECT_EQ(0x707fe07aU, back.hw[FWP_HW_ccsidr_l2u].value[0]);
	EXPECT_EQ(0x3000043bU, back.hw[FWP_HW_gicd_iidr].value[0]);
	EXPECT_TRUE(back.ignore_reg[FWP_HW_ctr_el0]);
	EXPECT_EQ(1ULL, back.ignore_fields[FWP_HW_id_aa64dfr0_el1]);
	free(text);
}

/* What the 2-vCPU fixture tree holds, read through the model. */
TEST(reads_two_vcpu_tree)
{
	static struct fwp_model m;
	struct fwp_err err = { "" };
	char dir[] = "/tmp/fwprobe-unit.XXXXXX", cmd[256], root[64];

	ASSERT_NE(NULL, mkdtemp(dir));
	snprintf(root, sizeof(root), "%s/tree", dir);
	snprintf(cmd, sizeof(cmd), "tests/reporter/mktree.sh tests/reporter/fixtures/kvm-6.12-2vcpu.txt %s", root);
	ASSERT_EQ(0, system(cmd));
	EXPECT_EQ(0, model_read(root, &m, &err)) TH_LOG("%s", err.msg);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ASSERT_EQ(0, system(cmd));
	EXPECT_EQ(2U, m.hw.ncpus);
	EXPECT_TRUE(m.hw.online[0]);
	EXPECT_TRUE(m.hw.online[1]);
	EXPECT_EQ(0x80000001U, m.hw.value[FWP_HW_mpidr_el1][1]);
	EXPECT_EQ(0x9444c004U, m.hw.value[FWP_HW_ctr_el0][0]);
	EXPECT_TRUE(m.hw.has[FWP_HW_ccsidr_l2u][1]);
	EXPECT_FALSE(m.hw.has[FWP_HW_ccsidr_l3u][1]);	/* CLIDR lists no L3 */
	EXPECT_FALSE(m.hw.has[FWP_HW_pmcr_el0][0]);	/* no vPMU */
	EXPECT_EQ(0x100000110ULL, m.hw.value[FWP_HW_gicr_typer][1]);
	EXPECT_EQ(0x37a0007U, m.hw.value[FWP_HW_gicd_typer][0]);
	EXPECT_TRUE(m.hw.has[FWP_HW_gits_typer][0]);
	EXPECT_FALSE(m.hw.boot_read);			/* a copied tree: no boot view */
	EXPECT_EQ(0x10001U, m.regs.value[FWP_REG_PSCI_VERSION]);	/* and the rest as before */
}

/*
 * ---- field rules: one variant per case ----
 * The guest: @ncpus vCPUs of QEMU -cpu max on KVM 6.12 (the 2-vCPU fixture's
 * values); each case changes a few registers and lists the lines it expects.
 */
struct hw_change {
	enum fwp_hwreg reg;
	uint64_t cpus;		/* which vCPUs (per-VM: ignored) */
	bool remove;		/* the guest lacks it, or ... */
	uint64_t value;		/* ... reads this */
};

FIXTURE(hw_rule) {
	struct fwp_model guest;
	struct machine_type mt;
	struct drift_report out;
};

FIXTURE_VARIANT(hw_rule) {
	const char *file;		/* what follows "schema": 2, "registers": {} */
	unsigned int ncpus;		/* default 2 */
	int offline;			/* a vCPU offline at the probe, or 0 for none */
	unsigned int offline_from;	/* and every vCPU from this one on (0: none) */
	struct hw_change change[3];	/* reg 0 (midr_el1) ends the list: never changed */
	const char *drift[3];		/* the expected lines, in order */
};

#define ISAR0	"\"cpu_registers\": {\"id_aa64isar0_el1\": \"0x1221111110212120\"}"
#define CTR	"\"cpu_registers\": {\"ctr_el0\": \"0x9444c004\"}"
#define DFR0(v)	"\"cpu_registers\": {\"id_aa64dfr0_el1\": \"" v "\"}"
#define ISAR0_ID	"(KVM register 0x603000000013c030)"
#define CTR_ID		"(KVM register 0x603000000013d801)"
#define DFR0_ID		"(KVM register 0x603000000013c028)"
#define ALL	0xffffffff

FIXTURE_VARIANT_ADD(hw_rule, same) { .file = ISAR0 };
FIXTURE_VARIANT_ADD(hw_rule, lower_feature_removed) {
	.file = ISAR0, .change = { { FWP_HW_id_aa64isar0_el1, ALL, false, 0x1221101110212120 } },
	.drift = { "ID_AA64ISAR0_EL1.SM4: expected 1, guest sees 0: feature removed: a guest that uses it can fail " ISAR0_ID },
};
FIXTURE_VARIANT_ADD(hw_rule, lower_higher_survives) {
	.file = ISAR0, .change = { { FWP_HW_id_aa64isar0_el1, ALL, false, 0x1221121110212120 } },
	.drift = { "ID_AA64ISAR0_EL1.SM4: expected 1, guest sees 2: higher than the machine type: a guest set up with it survives " ISAR0_ID },
};
FIXTURE_VARIANT_ADD(hw_rule, lower_on_one_vcpu) {
	.file = ISAR0, .change = { { FWP_HW_id_aa64isar0_el1, 1U << 1, false, 0x1221101110212120 } },
	.drift = { "vCPU 1: ID_AA64ISAR0_EL1.SM4: expected 1, guest sees 0: feature removed: a guest that uses it can fail " ISAR0_ID },
};
FIXTURE_VARIANT_ADD(hw_rule, lower_on_two_of_three_vcpus) {
	.file = ISAR0, .ncpus = 3,
	.change = { { FWP_HW_id_aa64isar0_el1, 1U << 0 | 1U << 2, false, 0x1221101110212120 } },
	.drift = { "vCPUs 0,2: ID_AA64ISAR0_EL1.SM4: expected 1, guest sees 0: feature removed: a guest that uses it can fail " ISAR0_ID },
};
FIXTURE_VARIANT_ADD(hw_rule, two_fields_two_lines) {
	.file = ISAR0, .change = { { FWP_HW_id_aa64isar0_el1, ALL, false, 0x1221101010212120 } },
	.drift = { "ID_AA64ISAR0_EL1.SHA3: expected 1, guest sees 0: feature removed: a guest that uses it can fail " ISAR0_ID,
		   "ID_AA64ISAR0_EL1.SM4: expected 1, guest sees 0: feature removed: a guest that uses it can fail " ISAR0_ID },
};
FIXTURE_VARIANT_ADD(hw_rule, signed_lower_not_implemented) {
	.file = DFR0("0x10305106"), .change = { { FWP_HW_id_aa64dfr0_el1, ALL, false, 0x10305f06 } },
	.drift = { "ID_AA64DFR0_EL1.PMUVer: expected 1, guest sees 15 (signed -1): feature removed: a guest that uses it can fail " DFR0_ID },
};
FIXTURE_VARIANT_ADD(hw_rule, signed_lower_implemented_again) {
	.file = DFR0("0x10305f06"), .change = { { FWP_HW_id_aa64dfr0_el1, ALL, false, 0x10305106 } },
	.drift = { "ID_AA64DFR0_EL1.PMUVer: expected 15 (signed -1), guest sees 1: higher than the machine type: a guest set up with it survives " DFR0_ID },
};
FIXTURE_VARIANT_ADD(hw_rule, higher_safe_grows) {
	.file = CTR, .change = { { FWP_HW_ctr_el0, ALL, false, 0x9544c004 } },
	.drift = { "CTR_EL0.CWG: expected 4, guest sees 5: higher than the machine type: a guest set up with it can fail " CTR_ID },
};
FIXTURE_VARIANT_ADD(hw_rule, higher_safe_shrinks) {
	.file = CTR, .change = { { FWP_HW_ctr_el0, ALL, false, 0x9344c004 } },
	.drift = { "CTR_EL0.CWG: expected 4, guest sees 3: lower than the machine type: a guest set up with it survives " CTR_ID },
};
FIXTURE_VARIANT_ADD(hw_rule, exact_field) {
	.file = CTR, .change = { { FWP_HW_ctr_el0, ALL, false, 0x94448004 } },
	.drift = { "CTR_EL0.L1Ip: expected 3, guest sees 2: must be equal " CTR_ID },
};
FIXTURE_VARIANT_ADD(hw_rule, unnamed_bits_exact) {
	.file = CTR, .change = { { FWP_HW_ctr_el0, ALL, false, 0x1444c004 } },
	.drift = { "CTR_EL0 (bits no field names): expected 0x80000000, guest sees 0x0: must be equal " CTR_ID },
};
FIXTURE_VARIANT_ADD(hw_rule, register_without_fields) {
	.file = "\"cpu_registers\": {\"s3_0_c0_c4_3\": \"0x0\"}",
	.change = { { FWP_HW_s3_0_c0_c4_3, ALL, false, 0x10 } },
	.drift = { "S3_0_C0_C4_3: expected 0x0, guest sees 0x10: must be equal (KVM register 0x603000000013c023)" },
};
FIXTURE_VARIANT_ADD(hw_rule, per_vcpu_array) {
	.file = "\"cpu_registers\": {\"aidr_el1\": [\"0x0\", \"0x1\"]}",
	.change = { { FWP_HW_aidr_el1, 1U << 1, false, 0x2 } },
	.drift = { "vCPU 1: AIDR_EL1: expected 0x1, guest sees 0x2: must be equal (KVM register 0x603000000013c807)" },
};
FIXTURE_VARIANT_ADD(hw_rule, per_vcpu_array_null_not_checked) {
	.file = "\"cpu_registers\": {\"aidr_el1\": [\"0x0\", null]}",
	.change = { { FWP_HW_aidr_el1, 1U << 1, false, 0x2 } },
};
FIXTURE_VARIANT_ADD(hw_rule, cache_missing_on_one_vcpu) {
	.file = "\"cpu_registers\": {\"ccsidr_el1.l1d\": \"0x700fe01a\"}",
	.change = { { FWP_HW_ccsidr_l1d, 1U << 1, true } },
	.drift = { "vCPU 1: CCSIDR_EL1.L1D: expected 0x700fe01a, guest does not have it (KVM register 0x6020000000110000)" },
};
FIXTURE_VARIANT_ADD(hw_rule, wide_field_in_hex) {
	.file = "\"gic_registers\": {\"gicd_iidr\": \"0x3000043b\"}",
	.change = { { FWP_HW_gicd_iidr, ALL, false, 0x3000043c } },
	.drift = { "GICD_IIDR.Implementer: expected 0x43b, guest sees 0x43c: must be equal (vGIC attr KVM_DEV_ARM_VGIC_GRP_DIST_REGS 0x8)" },
};
FIXTURE_VARIANT_ADD(hw_rule, gic_missing) {
	.file = "\"gic_registers\": {\"gits_iidr\": \"0x4000043b\"}",
	.change = { { FWP_HW_gits_iidr, ALL, true } },
	.drift = { "GITS_IIDR: expected 0x4000043b, guest does not have it (vGIC attr KVM_DEV_ARM_VGIC_GRP_ITS_REGS 0x4)" },
};
FIXTURE_VARIANT_ADD(hw_rule, gic_redist_per_vcpu) {
	.file = "\"gic_registers\": {\"gicr_typer\": [\"0x0\", \"0x100000110\"]}",
	.change = { { FWP_HW_gicr_typer, 1U << 1, true } },
	.drift = { "vCPU 1: GICR_TYPER: expected 0x100000110, guest does not have it (vGIC attr KVM_DEV_ARM_VGIC_GRP_REDIST_REGS 0x8)" },
};
FIXTURE_VARIANT_ADD(hw_rule, guest_extra_register_not_checked) {
	.file = CTR, .change = { { FWP_HW_s3_0_c0_c4_3, ALL, false, 0x10 } },
};
FIXTURE_VARIANT_ADD(hw_rule, ignore_field) {
	.file = CTR ", \"ignore\": [\"ctr_el0.CWG\"]", .change = { { FWP_HW_ctr_el0, ALL, false, 0x9544c004 } },
};
FIXTURE_VARIANT_ADD(hw_rule, ignore_field_keeps_the_others) {
	.file = CTR ", \"ignore\": [\"ctr_el0.CWG\"]", .change = { { FWP_HW_ctr_el0, ALL, false, 0x95448004 } },
	.drift = { "CTR_EL0.L1Ip: expected 3, guest sees 2: must be equal " CTR_ID },
};
FIXTURE_VARIANT_ADD(hw_rule, ignore_register) {
	.file = CTR ", \"ignore\": [\"ctr_el0\"]", .change = { { FWP_HW_ctr_el0, ALL, false, 0x1544800f } },
};
FIXTURE_VARIANT_ADD(hw_rule, ignore_cache) {
	.file = "\"cpu_registers\": {\"ccsidr_el1.l1d\": \"0x700fe01a\"}, \"ignore\": [\"ccsidr_el1.l1d\"]",
	.change = { { FWP_HW_ccsidr_l1d, ALL, true } },
};
FIXTURE_VARIANT_ADD(hw_rule, vcpu_count) {
	.file = "\"cpu_registers\": {\"aidr_el1\": [\"0x0\", \"0x0\", \"0x0\"]}",
	.drift = { "vCPUs: expected 3, guest has 2" },
};
FIXTURE_VARIANT_ADD(hw_rule, vcpu_count_and_difference) {
	.file = "\"cpu_registers\": {\"aidr_el1\": [\"0x0\", \"0x0\"]}", .ncpus = 3,
	.change = { { FWP_HW_aidr_el1, 1U << 1, false, 0x1 } },
	.drift = { "vCPUs: expected 2, guest has 3",
		   "vCPU 1: AIDR_EL1: expected 0x0, guest sees 0x1: must be equal (KVM register 0x603000000013c807)" },
};
FIXTURE_VARIANT_ADD(hw_rule, offline_vcpu) {
	.file = ISAR0, .ncpus = 3, .offline = 1,
	.drift = { "vCPU 1: offline when fwprobe.ko probed, so none of its registers were read; bring it online (the module then reads it)" },
};

/* Several offline vCPUs: one line, the runs as ranges. */
FIXTURE_VARIANT_ADD(hw_rule, offline_vcpus_one_line) {
	.file = ISAR0, .ncpus = 40, .offline_from = 33,
	.drift = { "vCPUs 33-39: offline when fwprobe.ko probed, so none of their registers were read; bring them online (the module then reads them)" },
};

/* A difference on vCPUs above 31 is seen and named like any other. */
FIXTURE_VARIANT_ADD(hw_rule, vcpus_above_31) {
	.file = ISAR0, .ncpus = 40,
	.change = { { FWP_HW_id_aa64isar0_el1, 0xffULL << 32, false, 0x1221111010212120 } },
	.drift = { "vCPUs 32-39: ID_AA64ISAR0_EL1.SHA3: expected 1, guest sees 0: feature removed: a guest that uses it can fail (KVM register 0x603000000013c030)" },
};

/* One vCPU of the fixture guest: what cpu<N>/ holds. */
static void hw_guest_cpu(struct hwregs *hw, unsigned int cpu)
{
	static const struct { enum fwp_hwreg reg; uint64_t v; } regs[] = {
		{ FWP_HW_midr_el1, 0xf0510 }, { FWP_HW_aidr_el1, 0x0 }, { FWP_HW_s3_0_c0_c4_3, 0x0 },
		{ FWP_HW_id_aa64isar0_el1, 0x1221111110212120 }, { FWP_HW_id_aa64dfr0_el1, 0x10305006 },
		{ FWP_HW_ctr_el0, 0x9444c004 }, { FWP_HW_ccsidr_l1d, 0x700fe01a },
		{ FWP_HW_gicr_typer, 0x10 },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(regs); i++) {
		hw->has[regs[i].reg][cpu] = true;
		hw->value[regs[i].reg][cpu] = regs[i].v;
	}
	hw->value[FWP_HW_gicr_typer][cpu] = (uint64_t)cpu << 32 | cpu << 8;
	hw->online[cpu] = true;
}

FIXTURE_SETUP(hw_rule)
{
	unsigned int ncpus = variant->ncpus ? variant->ncpus : 2, cpu, i;
	struct hwregs *hw = &self->guest.hw;
	const struct hw_change *c;

	kvm612_guest(&self->guest);
	hwregs_alloc(hw, ncpus);
	for (cpu = 0; cpu < ncpus; cpu++)
		if ((!variant->offline || cpu != (unsigned int)variant->offline) &&
		    (!variant->offline_from || cpu < variant->offline_from))
			hw_guest_cpu(hw, cpu);
	hw->value[FWP_HW_gicr_typer][ncpus - 1] |= 0x10;	/* GICR_TYPER.Last */
	hw->has[FWP_HW_gicd_iidr][0] = hw->has[FWP_HW_gits_iidr][0] = true;
	hw->value[FWP_HW_gicd_iidr][0] = 0x3000043b;
	hw->value[FWP_HW_gits_iidr][0] = 0x4000043b;
	for (i = 0; i < ARRAY_SIZE(variant->change) && variant->change[i].reg; i++) {
		c = &variant->change[i];
		for (cpu = 0; cpu < ncpus; cpu++) {
			if (!(c->cpus >> cpu & 1) || (cpu && c->reg >= FWP_HW_PER_VCPU))
				continue;
			hw->has[c->reg][cpu] = !c->remove;
			hw->value[c->reg][cpu] = c->value;
		}
	}
}

FIXTURE_TEARDOWN(hw_rule)
{
}

TEST_F(hw_rule, check)
{
	struct fwp_err err = { "" };
	char text[1024];
	unsigned int i, n;
	bool match;

	snprintf(text, sizeof(text), "{\"schema\": 2, \"registers\": {}, %s}", variant->file);
	ASSERT_EQ(0, mt_load_buffer(text, strlen(text), "hw.json", &self->mt, &err))
		TH_LOG("%s: %s", text, err.msg);
	match = diff_guest(&self->mt, &self->guest, &self->out);
	for (n = 0; n < ARRAY_SIZE(variant->drift) && variant->drift[n]; n++)
		;
	EXPECT_EQ(n == 0, match);
	ASSERT_EQ(n, self->out.n)
		TH_LOG("first: %s", self->out.n ? self->out.d[0].message : "(none)");
	for (i = 0; i < n; i++)
		EXPECT_STREQ(variant->drift[i], self->out.d[i].message);
}

/* The parts JSON shows: register, field, vCPUs, rule, verdict, KVM ID. */
TEST(hw_drift_parts)
{
	static const char file[] = "{\"schema\": 2, \"registers\": {}, \"cpu_registers\": "
		"{\"ctr_el0\": \"0x9444c004\"}, \"gic_registers\": {\"gicd_typer\": \"0x37a0007\"}}";
	static struct fwp_model guest;
	static struct machine_type mt;
	static struct drift_report out;
	struct fwp_err err = { "" };

	kvm612_guest(&guest);
	hwregs_alloc(&guest.hw, 2);
	hw_guest_cpu(&guest.hw, 0);
	hw_guest_cpu(&guest.hw, 1);
	guest.hw.value[FWP_HW_ctr_el0][1] = 0x9344c004;		/* CWG 3 on vCPU 1 */
	guest.hw.has[FWP_HW_gicd_typer][0] = true;
	guest.hw.value[FWP_HW_gicd_typer][0] = 0x37a0008;
	ASSERT_EQ(0, mt_load_buffer(file, strlen(file), "t.json", &mt, &err)) TH_LOG("%s", err.msg);
	EXPECT_FALSE(diff_guest(&mt, &guest, &out));
	ASSERT_EQ(2U, out.n);
	EXPECT_EQ(DIFF_KEY_HW, out.d[0].reg);
	EXPECT_STREQ("ctr_el0", out.d[0].key);
	EXPECT_STREQ("CWG", out.d[0].field);
	ASSERT_NE(NULL, out.d[0].vcpus);
	EXPECT_EQ(1U, drift_vcpu_count(&out.d[0]));
	EXPECT_TRUE(out.d[0].vcpus[1]);
	EXPECT_FALSE(out.d[0].all_vcpus);
	EXPECT_EQ(DRIFT_RULE_HIGHER, out.d[0].rule);
	EXPECT_TRUE(out.d[0].survivable);
	EXPECT_EQ(0x603000000013d801ULL, out.d[0].kvm_id);
	EXPECT_STREQ("4", out.d[0].expected);
	EXPECT_STREQ("3", out.d[0].actual);
	EXPECT_STREQ("gicd_typer", out.d[1].key);
	EXPECT_EQ(NULL, out.d[1].vcpus);		/* per VM */
	EXPECT_EQ(0U, out.d[1].kvm_id);
	EXPECT_STREQ("vGIC attr KVM_DEV_ARM_VGIC_GRP_DIST_REGS 0x4", out.d[1].label);
	EXPECT_FALSE(out.d[1].survivable);
}

/* Hundreds of differences: the report keeps the first ones and says so. */
TEST(hw_drift_truncated)
{
	static struct fwp_model guest;
	static struct machine_type mt;
	static struct drift_report out;
	unsigned int cpu, reg;

	kvm612_guest(&guest);
	hwregs_alloc(&guest.hw, 40);
	mt.identity = -1;
	mt.vcpus = 40;
	for (cpu = 0; cpu < 40; cpu++) {
		guest.hw.online[cpu] = true;
		for (reg = FWP_HW_s3_0_c0_c4_3; reg <= FWP_HW_s3_0_c0_c7_7; reg++) {
			guest.hw.has[reg][cpu] = true;
			guest.hw.value[reg][cpu] = cpu;
		}
	}
	for (reg = FWP_HW_s3_0_c0_c4_3; reg <= FWP_HW_s3_0_c0_c7_7; reg++) {
		mt.hw[reg].reg = reg;
		hw_row_alloc(&mt.hw[reg], 40);
		for (cpu = 0; cpu < 40; cpu++) {
			mt.hw[reg].has[cpu] = true;
			mt.hw[reg].value[cpu] = cpu + 1;
		}
	}
	EXPECT_FALSE(diff_guest(&mt, &guest, &out));
	EXPECT_TRUE(out.truncated);
	EXPECT_EQ(ARRAY_SIZE(out.d), out.n);
}

/* ---- vector lengths: enumeration against a fake kernel, files, comparison, output ---- */

/*
 * A kernel as PR_SVE_GET_VL / PR_SVE_SET_VL behave (arch/arm64/kernel/fpsimd.c):
 * SET grants the largest supported length at most the one asked for, or
 * the smallest supported one below that; the answer carries the inherit flag.
 */
struct fake_kernel {
	uint16_t vqs;		/* supported: bit vq - 1; 0: no such extension */
	unsigned int vl;	/* the thread's length, bytes */
	bool inherit;
	int fail_set;		/* the n-th SET fails (1-based), 0 never */
	unsigned int nset;
	unsigned long last_set;	/* the argument of the last SET: the restore */
};

static long fake_prctl(int option, unsigned long arg, void *ctx)
{
	struct fake_kernel *k = ctx;
	const struct vl_prctl_ops *ops = &vl_prctl_ops[VL_SVE];
	unsigned int vq, want, got = 0;

	if (!k->vqs || (option != ops->get && option != ops->set)) {
		errno = EINVAL;
		return -1;
	}
	if (option == ops->set) {
		k->last_set = arg;
		if (++k->nset == (unsigned int)k->fail_set) {
			errno = EINVAL;
			return -1;
		}
		want = arg & ops->len_mask;
		for (vq = 1; vq <= 16; vq++)
			if (k->vqs >> (vq - 1) & 1 && (vq * 16 <= want || !got))
				got = vq * 16;
		k->vl = got;
		k->inherit = arg & ops->inherit;
	}
	return k->vl | (k->inherit ? ops->inherit : 0);
}

FIXTURE(vl_enum) {
	struct fake_kernel k;
	struct vl_set set;
};

FIXTURE_VARIANT(vl_enum) {
	uint16_t supported;
	unsigned int vl;	/* the thread's length before */
	bool inherit;
	int fail_set;
	bool present;		/* expected */
	uint16_t vqs;
};

/* 128 to 512 bits, every multiple (a CPU that supports non-powers of two). */
FIXTURE_VARIANT_ADD(vl_enum, every_length) { .supported = 0xf, .vl = 64, .present = true, .vqs = 0xf };
/* 128 to 2048 bits in powers of two: 48 bytes is granted 32, and so on. */
FIXTURE_VARIANT_ADD(vl_enum, powers_of_two) {
	.supported = 0x808b, .vl = 32, .inherit = true, .present = true, .vqs = 0x808b,
};
/* SME at 256 and 512 bits only: asking for 16 grants 32, the smallest. */
FIXTURE_VARIANT_ADD(vl_enum, smallest_above_16) { .supported = 0xa, .vl = 64, .present = true, .vqs = 0xa };
FIXTURE_VARIANT_ADD(vl_enum, no_extension) { .supported = 0, .present = false };
FIXTURE_VARIANT_ADD(vl_enum, set_fails_half_way) { .supported = 0xf, .vl = 16, .fail_set = 3, .present = false };

FIXTURE_SETUP(vl_enum)
{
	self->k = (struct fake_kernel){ .vqs = variant->supported, .vl = variant->vl,
					.inherit = variant->inherit, .fail_set = variant->fail_set };
}

FIXTURE_TEARDOWN(vl_enum)
{
}

TEST_F(vl_enum, sets_and_restores)
{
	vl_enumerate(&vl_prctl_ops[VL_SVE], fake_prctl, &self->k, &self->set);
	EXPECT_EQ(variant->present, self->set.present);
	EXPECT_EQ(variant->vqs, self->set.vqs);
	if (!variant->supported) {
		EXPECT_EQ(0U, self->k.nset);	/* GET said no: nothing set */
		return;
	}
	/* One SET per length up to the failure, then the restore with the flag. */
	EXPECT_EQ(variant->fail_set ? (unsigned int)variant->fail_set + 1 : 17U, self->k.nset);
	EXPECT_EQ(variant->vl | (variant->inherit ? 1UL << 17 : 0), self->k.last_set);
	EXPECT_EQ(variant->vl, self->k.vl);
	EXPECT_EQ(variant->inherit, self->k.inherit);
}

/* The live read: on this (non-arm64) host, or with a copied tree, nothing is read. */
TEST(vl_live_read_only_on_arm64)
{
	struct vector_lengths vl = { .read = true };

	vl_read_live(false, &vl);
	EXPECT_FALSE(vl.read);
#ifndef __aarch64__
	vl_read_live(true, &vl);
	EXPECT_FALSE(vl.read);
	EXPECT_FALSE(vl.set[VL_SVE].present);
#endif
}

TEST(good_vector_lengths_file)
{
	static struct machine_type mt;
	struct fwp_err err = { "" };

	ASSERT_EQ(0, mt_load_file(MT_DIR "good-vector-lengths.json", &mt, &err)) TH_LOG("%s", err.msg);
	EXPECT_TRUE(mt.vl[VL_SVE].present);
	EXPECT_EQ(0x808bU, mt.vl[VL_SVE].vqs);		/* 16, 32, 64, 128, 256 */
	EXPECT_TRUE(mt.vl[VL_SME].present);
	EXPECT_EQ(0xaU, mt.vl[VL_SME].vqs);		/* 32, 64 */
	EXPECT_FALSE(mt.ignore_vl[VL_SVE]);
	EXPECT_TRUE(mt.ignore_vl[VL_SME]);
}

TEST(vl_absent_from_file)
{
	static struct machine_type mt;
	struct fwp_err err = { "" };

	ASSERT_EQ(0, mt_load_file(MT_DIR "good-hw-2vcpu.json", &mt, &err)) TH_LOG("%s", err.msg);
	EXPECT_FALSE(mt.vl[VL_SVE].present);
	EXPECT_FALSE(mt.vl[VL_SME].present);
}

/* --save's text for vector lengths: bytes, ascending, after the hardware registers; and back. */
TEST(vl_format_round_trip)
{
	static const char want[] =
		"{\n"
		"  \"schema\": 2,\n"
		"  \"registers\": {},\n"
		"  \"vector_lengths\": {\n"
		"    \"sve\": [\n"
		"      16,\n"
		"      32,\n"
		"      48,\n"
		"      256\n"
		"    ]\n"
		"  },\n"
		"  \"ignore\": [\n"
		"    \"vector_lengths.sme\"\n"
		"  ]\n"
		"}\n";
	static struct machine_type mt, back;
	struct fwp_err err = { "" };
	char *text;

	mt.identity = -1;
	mt.vl[VL_SVE] = (struct vl_set){ true, 0x8007 };
	mt.ignore_vl[VL_SME] = true;
	text = mt_format(&mt, NULL);
	ASSERT_NE(NULL, text);
	EXPECT_STREQ(want, text);
	ASSERT_EQ(0, mt_load_buffer(text, strlen(text), "back.json", &back, &err)) TH_LOG("%s", err.msg);
	EXPECT_TRUE(back.vl[VL_SVE].present);
	EXPECT_EQ(0x8007U, back.vl[VL_SVE].vqs);
	EXPECT_FALSE(back.vl[VL_SME].present);
	EXPECT_TRUE(back.ignore_vl[VL_SME]);
	free(text);
}

FIXTURE(vl_rule) {
	struct fwp_model guest;
	struct machine_type mt;
	struct drift_report out;
};

FIXTURE_VARIANT(vl_rule) {
	const char *file;	/* what follows "schema": 2, "registers": {} */
	bool not_read;		/* a copied tree, or not an arm64 build */
	bool sve, sme;		/* the guest has them ... */
	uint16_t sve_vqs, sme_vqs;	/* ... with these lengths */
	const char *drift[2];
	uint64_t missing, extra;	/* of the first line */
	bool survivable;
};

#define SVE_ID	"(KVM register KVM_REG_ARM64_SVE_VLS 0x606000000015ffff)"
#define VL_ALL_POW2	"\"vector_lengths\": {\"sve\": [16, 32, 64, 128, 256]}"

FIXTURE_VARIANT_ADD(vl_rule, same) { .file = VL_ALL_POW2, .sve = true, .sve_vqs = 0x808b };
FIXTURE_VARIANT_ADD(vl_rule, one_missing) {
	.file = VL_ALL_POW2, .sve = true, .sve_vqs = 0x008b, .missing = 0x8000,
	.drift = { "SVE vector lengths: expected 16,32,64,128,256, guest may use 16,32,64,128: 256 missing: a guest that uses it can fail " SVE_ID },
};
FIXTURE_VARIANT_ADD(vl_rule, two_missing) {
	.file = VL_ALL_POW2, .sve = true, .sve_vqs = 0x000b, .missing = 0x8080,
	.drift = { "SVE vector lengths: expected 16,32,64,128,256, guest may use 16,32,64: 128,256 missing: a guest that uses them can fail " SVE_ID },
};
FIXTURE_VARIANT_ADD(vl_rule, extra_survives) {
	.file = "\"vector_lengths\": {\"sve\": [16, 32]}", .sve = true, .sve_vqs = 0x7,
	.extra = 0x4, .survivable = true,
	.drift = { "SVE vector lengths: expected 16,32, guest may use 16,32,48: 48 extra " SVE_ID },
};
FIXTURE_VARIANT_ADD(vl_rule, missing_and_extra) {
	.file = "\"vector_lengths\": {\"sve\": [16, 32, 64]}", .sve = true, .sve_vqs = 0x7,
	.missing = 0x8, .extra = 0x4,
	.drift = { "SVE vector lengths: expected 16,32,64, guest may use 16,32,48: 64 missing: a guest that uses it can fail; 48 extra " SVE_ID },
};
FIXTURE_VARIANT_ADD(vl_rule, guest_without_sve) {
	.file = "\"vector_lengths\": {\"sve\": [16, 32]}", .missing = 0x3,
	.drift = { "SVE vector lengths: expected 16,32, guest has no SVE: a guest that uses it can fail " SVE_ID },
};
FIXTURE_VARIANT_ADD(vl_rule, sme_no_kvm_register) {
	.file = "\"vector_lengths\": {\"sme\": [32]}", .sme = true, .sme_vqs = 0xa, .extra = 0x8,
	.survivable = true,
	.drift = { "SME vector lengths: expected 32, guest may use 32,64: 64 extra (no KVM register: KVM offers guests no SME up to Linux 7.2)" },
};
FIXTURE_VARIANT_ADD(vl_rule, not_read) {
	.file = "\"vector_lengths\": {\"sve\": [16]}", .not_read = true,
	.drift = { "SVE vector lengths: expected 16, not read: fwprobe asks the kernel it runs on (prctl), so only an arm64 build on the guest itself with the default --sysfs-root can tell" },
};
FIXTURE_VARIANT_ADD(vl_rule, both_sets_in_order) {
	.file = "\"vector_lengths\": {\"sme\": [32], \"sve\": [16]}", .sve = true, .sve_vqs = 0x3,
	.extra = 0x2, .survivable = true,
	.drift = { "SVE vector lengths: expected 16, guest may use 16,32: 32 extra " SVE_ID,
		   "SME vector lengths: expected 32, guest has no SME: a guest that uses it can fail (no KVM register: KVM offers guests no SME up to Linux 7.2)" },
};
FIXTURE_VARIANT_ADD(vl_rule, ignored) {
	.file = VL_ALL_POW2 ", \"ignore\": [\"vector_lengths.sve\"]", .sve = true, .sve_vqs = 0x1,
};
/* A file that says nothing about vector lengths checks none. */
FIXTURE_VARIANT_ADD(vl_rule, not_in_file) {
	.file = "\"cpu_registers\": {}", .sve = true, .sve_vqs = 0x1,
};

FIXTURE_SETUP(vl_rule)
{
	kvm612_guest(&self->guest);
	self->guest.vl = (struct vector_lengths){ .read = !variant->not_read,
		.set = { [VL_SVE] = { variant->sve, variant->sve_vqs },
			 [VL_SME] = { variant->sme, variant->sme_vqs } } };
}

FIXTURE_TEARDOWN(vl_rule)
{
}

TEST_F(vl_rule, check)
{
	struct fwp_err err = { "" };
	char text[1024];
	unsigned int i, n;

	snprintf(text, sizeof(text), "{\"schema\": 2, \"registers\": {}, %s}", variant->file);
	ASSERT_EQ(0, mt_load_buffer(text, strlen(text), "vl.json", &self->mt, &err))
		TH_LOG("%s: %s", text, err.msg);
	for (n = 0; n < ARRAY_SIZE(variant->drift) && variant->drift[n]; n++)
		;
	EXPECT_EQ(n == 0, diff_guest(&self->mt, &self->guest, &self->out));
	ASSERT_EQ(n, self->out.n)
		TH_LOG("first: %s", self->out.n ? self->out.d[0].message : "(none)");
	for (i = 0; i < n; i++)
		EXPECT_STREQ(variant->drift[i], self->out.d[i].message);
	if (!n)
		return;
	EXPECT_EQ(DIFF_KEY_VL, self->out.d[0].reg);
	EXPECT_EQ(variant->missing, self->out.d[0].missing);
	EXPECT_EQ(variant->extra, self->out.d[0].extra);
	EXPECT_EQ(variant->survivable, self->out.d[0].survivable);
}

/* ---- how the guest booted: "boot" against boot/ ---- */

FIXTURE(boot) {
	struct fwp_model guest;
	struct machine_type mt;
	struct drift_report out;
};

FIXTURE_VARIANT(boot) {
	const char *file;	/* the "boot" object */
	bool no_boot;		/* a module without boot/ */
	bool no_smbios;		/* a guest booted without firmware strings */
	const char *drift[2];	/* the expected lines */
};

/* The guest: UEFI, ACPI, edk2's strings. */
#define BOOT_SAME	"{\"tables\": \"acpi\", \"uefi\": true, " \
			"\"firmware_vendor\": \"EFI Development Kit II / OVMF\", \"firmware_version\": \"0.0.0\"}"

FIXTURE_VARIANT_ADD(boot, same) { .file = BOOT_SAME };
FIXTURE_VARIANT_ADD(boot, empty_object) { .file = "{}" };
FIXTURE_VARIANT_ADD(boot, device_tree_expected) { .file = "{\"tables\": \"dt\"}",
	.drift = { "boot.tables: expected dt, guest sees acpi" } };
FIXTURE_VARIANT_ADD(boot, no_uefi_expected) { .file = "{\"uefi\": false}",
	.drift = { "boot.uefi: expected false, guest sees true" } };
FIXTURE_VARIANT_ADD(boot, other_firmware) {
	.file = "{\"firmware_vendor\": \"Amazon EC2\", \"firmware_version\": \"1.0\"}",
	.drift = { "boot.firmware_vendor: expected Amazon EC2, guest sees EFI Development Kit II / OVMF",
		   "boot.firmware_version: expected 1.0, guest sees 0.0.0" } };
FIXTURE_VARIANT_ADD(boot, no_smbios) { .file = "{\"firmware_version\": \"0.0.0\"}", .no_smbios = true,
	.drift = { "boot.firmware_version: expected 0.0.0, guest has none" } };
FIXTURE_VARIANT_ADD(boot, older_module) { .file = "{\"tables\": \"acpi\"}", .no_boot = true,
	.drift = { "boot.tables: expected acpi, guest has none: fwprobe.ko publishes no boot/ (an older module)" } };

FIXTURE_SETUP(boot)
{
	struct fwp_boot_view *b = &self->guest.boot;

	kvm612_guest(&self->guest);
	b->present = !variant->no_boot;
	b->tables = FWP_BOOT_TABLES_ACPI;
	b->uefi = 1;
	b->vendor.present = b->version.present = !variant->no_smbios;
	snprintf(b->vendor.s, sizeof(b->vendor.s), "EFI Development Kit II / OVMF");
	snprintf(b->version.s, sizeof(b->version.s), "0.0.0");
}

FIXTURE_TEARDOWN(boot)
{
	mt_free(&self->mt);
}

TEST_F(boot, check)
{
	struct fwp_err err = { "" };
	char text[512];
	unsigned int i, n;

	snprintf(text, sizeof(text), "{\"schema\": 3, \"registers\": {}, \"boot\": %s}", variant->file);
	ASSERT_EQ(0, mt_load_buffer(text, strlen(text), "boot.json", &self->mt, &err))
		TH_LOG("%s: %s", text, err.msg);
	for (n = 0; n < ARRAY_SIZE(variant->drift) && variant->drift[n]; n++)
		;
	EXPECT_EQ(n == 0, diff_guest(&self->mt, &self->guest, &self->out));
	ASSERT_EQ(n, self->out.n) TH_LOG("first: %s", self->out.n ? self->out.d[0].message : "(none)");
	for (i = 0; i < n; i++) {
		EXPECT_EQ(DIFF_KEY_BOOT, self->out.d[i].reg);
		EXPECT_STREQ(variant->drift[i], self->out.d[i].message);
	}
}

/* The JSON parts: key, lists, KVM ID; and vector lengths come before the hardware registers. */
TEST(vl_drift_parts)
{
	static const char file[] = "{\"schema\": 2, \"registers\": {}, \"cpu_registers\": "
		"{\"aidr_el1\": \"0x1\"}, \"vector_lengths\": {\"sve\": [16, 32, 64]}}";
	static struct fwp_model guest;
	static struct machine_type mt;
	static struct drift_report out;
	struct fwp_err err = { "" };

	kvm612_guest(&guest);
	hw_guest_cpu(&guest.hw, 0);
	guest.vl.read = true;
	guest.vl.set[VL_SVE] = (struct vl_set){ true, 0x3 };
	ASSERT_EQ(0, mt_load_buffer(file, strlen(file), "t.json", &mt, &err)) TH_LOG("%s", err.msg);
	EXPECT_FALSE(diff_guest(&mt, &guest, &out));
	ASSERT_EQ(2U, out.n);
	EXPECT_STREQ("vector_lengths.sve", out.d[0].key);
	EXPECT_STREQ("16,32,64", out.d[0].expected);
	EXPECT_STREQ("16,32", out.d[0].actual);
	EXPECT_EQ(0x606000000015ffffULL, out.d[0].kvm_id);
	EXPECT_EQ(-1, out.d[0].hwreg);
	EXPECT_STREQ("aidr_el1", out.d[1].key);
}

/* What the renderers make of a model: the text line, and the JSON object. */
static char *render(const struct fwp_model *m, const struct expect_result *x, bool json)
{
	static struct report r;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return NULL;
	report_build(m, &r);
	if (json)
		render_json(f, &r, x, false);
	else
		render_text(f, &r, x);
	fclose(f);
	return buf;
}

TEST(vl_text_line)
{
	static struct fwp_model m;
	char *text;

	kvm612_guest(&m);
	m.vl.read = true;
	m.vl.set[VL_SVE] = (struct vl_set){ true, 0xf };
	text = render(&m, NULL, false);
	ASSERT_NE(NULL, text);
	EXPECT_NE(NULL, strstr(text, "\nVector lengths  SVE 16 32 48 64 bytes; SME none\n")) TH_LOG("%s", text);
	free(text);

	m.vl.set[VL_SVE].present = false;
	m.vl.set[VL_SME] = (struct vl_set){ true, 0x8002 };
	text = render(&m, NULL, false);
	ASSERT_NE(NULL, text);
	EXPECT_NE(NULL, strstr(text, "\nVector lengths  SVE none; SME 32 256 bytes\n")) TH_LOG("%s", text);
	free(text);

	m.vl.read = false;	/* a copied tree: no line at all */
	text = render(&m, NULL, false);
	ASSERT_NE(NULL, text);
	EXPECT_EQ(NULL, strstr(text, "Vector lengths"));
	free(text);
}

TEST(vl_json)
{
	static struct drift_report drift;
	static struct machine_type mt;
	static struct fwp_model m;
	static const char file[] = "{\"schema\": 2, \"registers\": {}, \"vector_lengths\": {\"sve\": [16, 32, 64]}}";
	struct expect_result x = { .file = "vl.json", .drift = &drift };
	struct fwp_err err = { "" };
	json_t *root, *vl, *d;
	char *text;

	kvm612_guest(&m);
	m.vl.read = true;
	m.vl.set[VL_SVE] = (struct vl_set){ true, 0x7 };
	ASSERT_EQ(0, mt_load_buffer(file, strlen(file), "vl.json", &mt, &err)) TH_LOG("%s", err.msg);
	x.match = diff_guest(&mt, &m, &drift);
	text = render(&m, &x, true);
	ASSERT_NE(NULL, text);
	root = json_loads(text, 0, NULL);
	ASSERT_NE(NULL, root) TH_LOG("%s", text);
	vl = json_object_get(root, "vector_lengths");
	ASSERT_TRUE(json_is_object(vl));
	EXPECT_EQ(3U, json_array_size(json_object_get(vl, "sve")));
	EXPECT_EQ(48, json_integer_value(json_array_get(json_object_get(vl, "sve"), 2)));
	EXPECT_TRUE(json_is_null(json_object_get(vl, "sme")));
	d = json_array_get(json_object_get(root, "differences"), 0);
	ASSERT_TRUE(json_is_object(d));
	EXPECT_STREQ("vector_lengths.sve", json_string_value(json_object_get(d, "register")));
	EXPECT_STREQ("16,32,64", json_string_value(json_object_get(d, "expected")));
	EXPECT_STREQ("16,32,48", json_string_value(json_object_get(d, "actual")));
	EXPECT_EQ(64, json_integer_value(json_array_get(json_object_get(d, "missing"), 0)));
	EXPECT_EQ(48, json_integer_value(json_array_get(json_object_get(d, "extra"), 0)));
	EXPECT_TRUE(json_is_false(json_object_get(d, "survivable")));
	EXPECT_STREQ("0x606000000015ffff", json_string_value(json_object_get(d, "kvm_id")));
	json_decref(root);
	free(text);

	m.vl.read = false;	/* not read: both null, the key still there */
	text = render(&m, NULL, true);
	ASSERT_NE(NULL, text);
	root = json_loads(text, 0, NULL);
	ASSERT_NE(NULL, root);
	vl = json_object_get(root, "vector_lengths");
	EXPECT_TRUE(json_is_null(json_object_get(vl, "sve")));
	EXPECT_TRUE(json_is_null(json_object_get(vl, "sme")));
	json_decref(root);
	free(text);
}

TEST_HARNESS_MAIN
