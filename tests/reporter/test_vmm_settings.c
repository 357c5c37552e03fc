// SPDX-License-Identifier: GPL-2.0
/*
 * fwprobe --vmm-settings: a machine-type file as the test bed's --set-reg
 * arguments and as a Firecracker custom CPU template.
 *
 * The first half calls tools/vmm_settings.c on machine types written here;
 * the second runs build/host/fwprobe (fork/exec) on the fixtures, checks each
 * Firecracker template against Firecracker's documented rules and decodes its
 * register IDs back to names with this file's own decoder. Run from the
 * repository's top directory.
 *
 * Every expected value, name and message is written out here: deriving one
 * from lib's register tables would let a broken table pass.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <jansson.h>

/* Before the harness: lib's compat header defines ARRAY_SIZE unconditionally. */
#include "machine_type.h"
#include "vmm_settings.h"

#include "kselftest_harness.h"
#include "run_fwprobe.h"

#define MT_DIR		"tests/reporter/fixtures/machine-types/"
#define GOOD_HW		MT_DIR "good-hw-2vcpu.json"

/* The notes' reasons, as the user reads them. */
#define WHY_HW		" (the guest reads them from the hardware: KVM holds no value for them)\n"
#define WHY_VCPU_VMTEST	" (the file gives the vCPUs different values, or some none; --set-reg sets every vCPU alike)\n"
#define WHY_VCPU_FC	" (the file gives the vCPUs different values, or some none; a CPU template applies to every vCPU alike)\n"
#define WHY_VGIC	" (vGIC device attributes, not KVM_SET_ONE_REG registers)\n"
#define WHY_VGIC_RO	" (KVM's vGIC ignores writes to them; only GICD_IIDR's revision can be set)\n"
#define WHY_QEMU	" (QEMU has no option that sets them: a guest it starts gets the host's values)\n"
#define WHY_QEMU_PSCI	" (kvm-psci-version takes 0.1, 0.2, 1.0, 1.1, 1.2 or 1.3)\n"
#define QEMU_PSCI	"-global host-arm-cpu.kvm-psci-version="

/* 16 bits of a bitmap at a time, most significant group first. */
#define ZERO16		"0000000000000000"
#define X16		"xxxxxxxxxxxxxxxx"

/* A machine-type file: schema 2 around the given members. */
#define MT(members)	"{ \"schema\": 2, " members " }"

/* ---- the formats, one variant per case ---- */

FIXTURE(fmt) {
	struct machine_type mt;
	char *out, *notes;
	size_t out_len, notes_len;
};

FIXTURE_VARIANT(fmt) {
	const char *file;	/* the machine type */
	enum vmm_format format;
	const char *out;	/* the settings, exactly */
	const char *notes;	/* the notes, exactly */
};

FIXTURE_SETUP(fmt)
{
	struct fwp_err err;
	FILE *out, *notes;

	ASSERT_EQ(0, mt_load_buffer(variant->file, strlen(variant->file), "case.json", &self->mt, &err))
		TH_LOG("%s", err.msg);
	out = open_memstream(&self->out, &self->out_len);
	notes = open_memstream(&self->notes, &self->notes_len);
	ASSERT_TRUE(out && notes);
	ASSERT_EQ(0, vmm_settings_write(out, notes, variant->format, &self->mt));
	fclose(out);
	fclose(notes);
}

FIXTURE_TEARDOWN(fmt)
{
	free(self->out);
	free(self->notes);
}

TEST_F(fmt, settings_and_notes)
{
	EXPECT_STREQ(variant->out, self->out);
	EXPECT_STREQ(variant->notes, self->notes);
}

#define ALL_FIRMWARE	"\"registers\": { \"psci_version\": \"0x10001\", \"smccc_arch_workaround_1\": \"0x2\", " \
	"\"smccc_arch_workaround_2\": \"0x12\", \"smccc_arch_workaround_3\": \"0x1\", \"std_bmap\": \"0x1\", " \
	"\"std_hyp_bmap\": \"0x0\", \"vendor_hyp_bmap\": \"0x3\", \"vendor_hyp_bmap_2\": \"0x2\" }"

FIXTURE_VARIANT_ADD(fmt, firmware_vmtest) {
	.file = MT(ALL_FIRMWARE),
	.format = VMM_VMTEST,
	.out = "--set-reg psci_version=0x10001\n"
	       "--set-reg smccc_arch_workaround_1=0x2\n"
	       "--set-reg smccc_arch_workaround_2=0x12\n"
	       "--set-reg smccc_arch_workaround_3=0x1\n"
	       "--set-reg std_bmap=0x1\n"
	       "--set-reg std_hyp_bmap=0x0\n"
	       "--set-reg vendor_hyp_bmap=0x3\n"
	       "--set-reg vendor_hyp_bmap_2=0x2\n",
	.notes = "",
};

FIXTURE_VARIANT_ADD(fmt, firmware_firecracker) {
	.file = MT("\"registers\": { \"psci_version\": \"0x10002\", \"vendor_hyp_bmap\": \"0x3\" }"),
	.format = VMM_FIRECRACKER,
	.out = "{\n"
	       "  \"reg_modifiers\": [\n"
	       "    {\n"
	       "      \"addr\": \"0x6030000000140000\",\n"
	       "      \"bitmap\": \"0b" ZERO16 ZERO16 "0000000000000001" "0000000000000010\"\n"
	       "    },\n"
	       "    {\n"
	       "      \"addr\": \"0x6030000000160002\",\n"
	       "      \"bitmap\": \"0b" ZERO16 ZERO16 ZERO16 "0000000000000011\"\n"
	       "    }\n"
	       "  ]\n"
	       "}\n",
	.notes = "",
};

/* QEMU's one property: the PSCI version, by its name; the rest is named on the notes. */
FIXTURE_VARIANT_ADD(fmt, firmware_qemu) {
	.file = MT(ALL_FIRMWARE),
	.format = VMM_QEMU,
	.out = QEMU_PSCI "1.1\n",
	.notes = "fwprobe: not pinnable through QEMU: smccc_arch_workaround_1, smccc_arch_workaround_2, "
		 "smccc_arch_workaround_3, std_bmap, std_hyp_bmap, vendor_hyp_bmap, vendor_hyp_bmap_2" WHY_QEMU,
};

FIXTURE_VARIANT_ADD(fmt, psci_0_1_qemu) {
	.file = MT("\"registers\": { \"psci_version\": \"0x1\" }"),
	.format = VMM_QEMU,
	.out = QEMU_PSCI "0.1\n",
	.notes = "",
};

FIXTURE_VARIANT_ADD(fmt, psci_1_3_qemu) {
	.file = MT("\"registers\": { \"psci_version\": \"0x10003\" }"),
	.format = VMM_QEMU,
	.out = QEMU_PSCI "1.3\n",
	.notes = "",
};

/* A version KVM does not have (1.4), and one with a minor above 0xff. */
FIXTURE_VARIANT_ADD(fmt, psci_1_4_qemu) {
	.file = MT("\"registers\": { \"psci_version\": \"0x10004\" }"),
	.format = VMM_QEMU,
	.out = "",
	.notes = "fwprobe: not pinnable through QEMU: psci_version" WHY_QEMU_PSCI,
};

FIXTURE_VARIANT_ADD(fmt, psci_1_257_qemu) {
	.file = MT("\"registers\": { \"psci_version\": \"0x10101\" }"),
	.format = VMM_QEMU,
	.out = "",
	.notes = "fwprobe: not pinnable through QEMU: psci_version" WHY_QEMU_PSCI,
};

FIXTURE_VARIANT_ADD(fmt, empty_qemu) {
	.file = MT("\"registers\": {}"),
	.format = VMM_QEMU,
	.out = "",
	.notes = "",
};

FIXTURE_VARIANT_ADD(fmt, empty_vmtest) {
	.file = MT("\"registers\": {}"),
	.format = VMM_VMTEST,
	.out = "",
	.notes = "",
};

FIXTURE_VARIANT_ADD(fmt, empty_firecracker) {
	.file = MT("\"registers\": {}"),
	.format = VMM_FIRECRACKER,
	.out = "{\n  \"reg_modifiers\": []\n}\n",
	.notes = "",
};

/* CTR_EL0 = 0x9444c004 without IminLine (3:0) and DminLine (19:16). */
#define CTR_IGNORING_LINES	MT("\"registers\": {}, \"cpu_registers\": { \"ctr_el0\": \"0x9444c004\" }, " \
				   "\"ignore\": [\"ctr_el0.IminLine\", \"ctr_el0.DminLine\"]")

FIXTURE_VARIANT_ADD(fmt, ignored_fields_vmtest_mask) {
	.file = CTR_IGNORING_LINES,
	.format = VMM_VMTEST,
	.out = "--set-reg ctr_el0=0x9440c000/0xfffffffffff0fff0\n",
	.notes = "",
};

FIXTURE_VARIANT_ADD(fmt, ignored_fields_firecracker_x) {
	.file = CTR_IGNORING_LINES,
	.format = VMM_FIRECRACKER,
	.out = "{\n"
	       "  \"reg_modifiers\": [\n"
	       "    {\n"
	       "      \"addr\": \"0x603000000013d801\",\n"
	       "      \"bitmap\": \"0b" ZERO16 ZERO16 "100101000100xxxx" "110000000000xxxx\"\n"
	       "    }\n"
	       "  ]\n"
	       "}\n",
	.notes = "",
};

/* A 32-bit GIC register: the mask stops at bit 31. */
FIXTURE_VARIANT_ADD(fmt, ignored_gic_field_vmtest) {
	.file = MT("\"registers\": {}, \"gic_registers\": { \"gicd_iidr\": \"0x3000243b\" }, "
		   "\"ignore\": [\"gicd_iidr.Revision\"]"),
	.format = VMM_VMTEST,
	.out = "--set-reg gicd_iidr=0x3000043b/0xffff0fff\n",
	.notes = "",
};

#define WHOLLY_IGNORED	MT("\"registers\": {}, \"cpu_registers\": { \"ccsidr_el1.l2u\": \"0x707fe07a\", " \
			   "\"midr_el1\": \"0x410fd490\" }, \"ignore\": [\"ccsidr_el1.l2u\", \"midr_el1\"]")

FIXTURE_VARIANT_ADD(fmt, wholly_ignored_vmtest) {
	.file = WHOLLY_IGNORED,
	.format = VMM_VMTEST,
	.out = "",
	.notes = "fwprobe: not pinned, the machine type ignores them: midr_el1, ccsidr_el1.l2u\n",
};

FIXTURE_VARIANT_ADD(fmt, wholly_ignored_firecracker) {
	.file = WHOLLY_IGNORED,
	.format = VMM_FIRECRACKER,
	.out = "{\n  \"reg_modifiers\": []\n}\n",
	.notes = "fwprobe: not pinned, the machine type ignores them: midr_el1, ccsidr_el1.l2u\n",
};

/*
 * Arrays: mpidr_el1 differs, ccsidr_el1.l1d is missing on vCPU 1, gicr_typer
 * differs; ctr_el0 is the same on both, id_aa64dfr0_el1 differs only in the
 * ignored DebugVer: those two are one value.
 */
#define PER_VCPU	MT("\"registers\": {}, \"cpu_registers\": { " \
			   "\"mpidr_el1\": [\"0x80000000\", \"0x80000001\"], " \
			   "\"id_aa64dfr0_el1\": [\"0x10305006\", \"0x10305008\"], " \
			   "\"ctr_el0\": [\"0x9444c004\", \"0x9444c004\"], " \
			   "\"ccsidr_el1.l1d\": [\"0x700fe01a\", null] }, " \
			   "\"gic_registers\": { \"gicr_iidr\": \"0x3000043b\", \"gicr_typer\": [\"0x0\", \"0x100000110\"] }, " \
			   "\"ignore\": [\"id_aa64dfr0_el1.DebugVer\"]")

FIXTURE_VARIANT_ADD(fmt, per_vcpu_vmtest) {
	.file = PER_VCPU,
	.format = VMM_VMTEST,
	.out = "--set-reg id_aa64dfr0_el1=0x10305000/0xfffffffffffffff0\n"
	       "--set-reg ctr_el0=0x9444c004\n",
	.notes = "fwprobe: not pinnable: gicr_iidr, gicr_typer" WHY_VGIC_RO
		 "fwprobe: not pinnable as one value: mpidr_el1, ccsidr_el1.l1d" WHY_VCPU_VMTEST,
};

FIXTURE_VARIANT_ADD(fmt, per_vcpu_and_gic_firecracker) {
	.file = PER_VCPU,
	.format = VMM_FIRECRACKER,
	.out = "{\n"
	       "  \"reg_modifiers\": [\n"
	       "    {\n"
	       "      \"addr\": \"0x603000000013c028\",\n"
	       "      \"bitmap\": \"0b" ZERO16 ZERO16 "0001000000110000" "010100000000xxxx\"\n"
	       "    },\n"
	       "    {\n"
	       "      \"addr\": \"0x603000000013d801\",\n"
	       "      \"bitmap\": \"0b" ZERO16 ZERO16 "1001010001000100" "1100000000000100\"\n"
	       "    }\n"
	       "  ]\n"
	       "}\n",
	.notes = "fwprobe: not pinnable through a Firecracker CPU template: gicr_iidr, gicr_typer" WHY_VGIC
		 "fwprobe: not pinnable as one value: mpidr_el1, ccsidr_el1.l1d" WHY_VCPU_FC,
};

#define FROM_HARDWARE	MT("\"registers\": {}, \"cpu_registers\": { \"cntfrq_el0\": \"0x3b9aca0\", " \
			   "\"dczid_el0\": \"0x4\", \"aidr_el1\": \"0x0\" }")

FIXTURE_VARIANT_ADD(fmt, cntfrq_dczid_vmtest) {
	.file = FROM_HARDWARE,
	.format = VMM_VMTEST,
	.out = "--set-reg aidr_el1=0x0\n",
	.notes = "fwprobe: not pinnable: dczid_el0, cntfrq_el0" WHY_HW,
};

FIXTURE_VARIANT_ADD(fmt, per_vcpu_and_gic_qemu) {
	.file = PER_VCPU,
	.format = VMM_QEMU,
	.out = "",
	.notes = "fwprobe: not pinnable through QEMU: mpidr_el1, id_aa64dfr0_el1, ctr_el0, "
		 "ccsidr_el1.l1d, gicr_iidr, gicr_typer" WHY_QEMU,
};

FIXTURE_VARIANT_ADD(fmt, cntfrq_dczid_qemu) {
	.file = FROM_HARDWARE,
	.format = VMM_QEMU,
	.out = "",
	.notes = "fwprobe: not pinnable: dczid_el0, cntfrq_el0" WHY_HW
		 "fwprobe: not pinnable through QEMU: aidr_el1" WHY_QEMU,
};

FIXTURE_VARIANT_ADD(fmt, cntfrq_dczid_firecracker) {
	.file = FROM_HARDWARE,
	.format = VMM_FIRECRACKER,
	.out = "{\n"
	       "  \"reg_modifiers\": [\n"
	       "    {\n"
	       "      \"addr\": \"0x603000000013c807\",\n"
	       "      \"bitmap\": \"0b" ZERO16 ZERO16 ZERO16 ZERO16 "\"\n"
	       "    }\n"
	       "  ]\n"
	       "}\n",
	.notes = "fwprobe: not pinnable: dczid_el0, cntfrq_el0" WHY_HW,
};

/* pmcr_el0 holds PMCR_EL0.N; KVM's register is PMCR_EL0, N in bits 15:11. */
#define PMCR_N		MT("\"registers\": {}, \"cpu_registers\": { \"pmcr_el0\": \"0x6\" }")

FIXTURE_VARIANT_ADD(fmt, pmcr_n_vmtest) {
	.file = PMCR_N,
	.format = VMM_VMTEST,
	.out = "--set-reg pmcr_el0=0x6\n",
	.notes = "",
};

FIXTURE_VARIANT_ADD(fmt, pmcr_n_firecracker) {
	.file = PMCR_N,
	.format = VMM_FIRECRACKER,
	.out = "{\n"
	       "  \"reg_modifiers\": [\n"
	       "    {\n"
	       "      \"addr\": \"0x603000000013dce0\",\n"
	       "      \"bitmap\": \"0b" X16 X16 X16 "00110xxxxxxxxxxx\"\n"
	       "    }\n"
	       "  ]\n"
	       "}\n",
	.notes = "",
};

/* CCSIDR: the demux ID is 32 bits, and names a CSSELR value, not a cache type. */
FIXTURE_VARIANT_ADD(fmt, ccsidr_32_bits_firecracker) {
	.file = MT("\"registers\": {}, \"cpu_registers\": { \"ccsidr_el1.l1i\": \"0x200fe01a\", "
		   "\"ccsidr_el1.l1d\": \"0x700fe01a\" }"),
	.format = VMM_FIRECRACKER,
	.out = "{\n"
	       "  \"reg_modifiers\": [\n"
	       "    {\n"
	       "      \"addr\": \"0x6020000000110001\",\n"
	       "      \"bitmap\": \"0b0010000000001111" "1110000000011010\"\n"
	       "    },\n"
	       "    {\n"
	       "      \"addr\": \"0x6020000000110000\",\n"
	       "      \"bitmap\": \"0b0111000000001111" "1110000000011010\"\n"
	       "    }\n"
	       "  ]\n"
	       "}\n",
	.notes = "",
};

FIXTURE_VARIANT_ADD(fmt, ccsidr_data_and_unified_without_clidr) {
	.file = MT("\"registers\": {}, \"cpu_registers\": { \"ccsidr_el1.l1i\": \"0x3\", "
		   "\"ccsidr_el1.l2d\": \"0x1\", \"ccsidr_el1.l2u\": \"0x2\" }"),
	.format = VMM_VMTEST,
	.out = "--set-reg ccsidr_el1.l1i=0x3\n",
	.notes = "fwprobe: not pinned: ccsidr_el1.l2d, ccsidr_el1.l2u (the data and unified caches of a level "
		 "are one KVM register, and the file has no clidr_el1 to say which exists)\n",
};

/* CLIDR_EL1 0x2000023: L1 separate instruction and data caches (3), L2 unified (4). */
FIXTURE_VARIANT_ADD(fmt, ccsidr_chosen_by_clidr) {
	.file = MT("\"registers\": {}, \"cpu_registers\": { \"clidr_el1\": \"0x2000023\", "
		   "\"ccsidr_el1.l1i\": \"0x3\", \"ccsidr_el1.l2d\": \"0x1\", \"ccsidr_el1.l2u\": \"0x2\" }"),
	.format = VMM_VMTEST,
	.out = "--set-reg clidr_el1=0x2000023\n"
	       "--set-reg ccsidr_el1.l1i=0x3\n"
	       "--set-reg ccsidr_el1.l2u=0x2\n",
	.notes = "fwprobe: not pinned: ccsidr_el1.l2d (the file's clidr_el1 lists no such cache, so KVM has "
		 "no such register)\n",
};

/* ---- the helpers ---- */

TEST(format_names)
{
	EXPECT_EQ(VMM_VMTEST, vmm_format_lookup("vmtest"));
	EXPECT_EQ(VMM_FIRECRACKER, vmm_format_lookup("firecracker"));
	EXPECT_EQ(VMM_QEMU, vmm_format_lookup("qemu"));
	EXPECT_EQ(-1, vmm_format_lookup("crosvm"));
	EXPECT_EQ(-1, vmm_format_lookup("Vmtest"));
	EXPECT_EQ(-1, vmm_format_lookup(""));
}

/* bash completion offers the formats of vmm_format_names[], in its order. */
TEST(completion_offers_every_format)
{
	char line[512], *words = NULL, *w, *end;
	bool in_case = false;
	unsigned int i = 0;
	FILE *f = fopen("packaging/bash-completion/fwprobe", "r");

	ASSERT_NE(NULL, f);
	while (!words && fgets(line, sizeof(line), f)) {
		if (strstr(line, "--vmm-settings)"))
			in_case = true;
		else if (in_case && (w = strstr(line, "compgen -W '")))
			words = w + strlen("compgen -W '");
	}
	fclose(f);
	ASSERT_NE(NULL, words) TH_LOG("no compgen -W line after --vmm-settings)");
	end = strchr(words, '\'');
	ASSERT_NE(NULL, end);
	*end = '\0';
	for (w = strtok(words, " "); w; w = strtok(NULL, " "), i++) {
		ASSERT_LT(i, (unsigned int)VMM_FORMAT_NR) TH_LOG("completion offers %s, not a format", w);
		EXPECT_STREQ(vmm_format_names[i], w);
	}
	EXPECT_EQ((unsigned int)VMM_FORMAT_NR, i);
}

TEST(care_masks)
{
	static const char file[] = MT("\"registers\": {}, \"ignore\": [\"ctr_el0.IminLine\", "
				      "\"ctr_el0.TminLine\", \"gicd_iidr.ProductID\", \"pmcr_el0\", "
				      "\"id_aa64dfr0_el1.HPMN0\"]");
	static struct machine_type mt;
	struct fwp_err err;

	ASSERT_EQ(0, mt_load_buffer(file, strlen(file), "masks.json", &mt, &err)) TH_LOG("%s", err.msg);
	/* TminLine is bits 37:32, IminLine 3:0. */
	EXPECT_EQ(0xffffffc0fffffff0ULL, vmm_care_mask(&mt, FWP_HW_ctr_el0));
	EXPECT_EQ(0x00ffffffULL, vmm_care_mask(&mt, FWP_HW_gicd_iidr));
	EXPECT_EQ(0ULL, vmm_care_mask(&mt, FWP_HW_pmcr_el0));
	EXPECT_EQ(0x0fffffffffffffffULL, vmm_care_mask(&mt, FWP_HW_id_aa64dfr0_el1));
	/* Not named: every bit of the register's value. */
	EXPECT_EQ(~0ULL, vmm_care_mask(&mt, FWP_HW_midr_el1));
	EXPECT_EQ(0xffffffffULL, vmm_care_mask(&mt, FWP_HW_ccsidr_l1d));
	EXPECT_EQ(0xffffffffffffffffULL, vmm_care_mask(&mt, FWP_HW_gicr_typer));
}

TEST(one_value)
{
	bool has[2] = { true, true };
	uint64_t value[2] = { 0x15, 0x25 };
	struct hw_row row = { .n = 2, .has = has, .value = value };
	uint64_t v = 0;

	EXPECT_FALSE(vmm_one_value(&row, ~0ULL, &v));
	EXPECT_TRUE(vmm_one_value(&row, 0xf, &v));
	EXPECT_EQ(0x5ULL, v);
	row.has[1] = false;
	EXPECT_FALSE(vmm_one_value(&row, 0xf, &v));
	row.n = 1;
	EXPECT_TRUE(vmm_one_value(&row, ~0ULL, &v));
	EXPECT_EQ(0x15ULL, v);
	row.n = 0;
	EXPECT_FALSE(vmm_one_value(&row, ~0ULL, &v));
}

/* ---- the binary ---- */


/*
 * This file's own decoder of KVM_GET/SET_ONE_REG IDs (Documentation/virt/kvm/api.rst,
 * "KVM_SET_ONE_REG", arm64): 0x6000000000000000 (arm64), the size in bits
 * 55:52 (2: 32 bits, 3: 64 bits), the coprocessor in bits 27:16.
 */
#define T_ARM64			0x6000000000000000ULL
#define T_ARCH_MASK		0xff00000000000000ULL
#define T_SIZE(id)		((unsigned int)((id) >> 52 & 0xf))
#define T_SIZE_U32		2
#define T_SIZE_U64		3
#define T_COPROC(id)		((unsigned int)((id) >> 16 & 0xfff))
#define T_COPROC_DEMUX		0x11
#define T_COPROC_SYSREG		0x13
#define T_COPROC_FW		0x14
#define T_COPROC_FW_BMAP	0x16
#define T_NAME_MAX		40

struct t_sysreg {
	unsigned int op0, op1, crn, crm, op2;
	const char *name;
};

/* The registers these tests' machine types pin, by encoding (Arm ARM). */
static const struct t_sysreg t_sysregs[] = {
	{ 3, 0, 0, 0, 0, "midr_el1" },
	{ 3, 0, 0, 0, 5, "mpidr_el1" },
	{ 3, 0, 0, 0, 6, "revidr_el1" },
	{ 3, 1, 0, 0, 7, "aidr_el1" },
	{ 3, 0, 0, 4, 0, "id_aa64pfr0_el1" },
	{ 3, 0, 0, 5, 0, "id_aa64dfr0_el1" },
	{ 3, 0, 0, 6, 0, "id_aa64isar0_el1" },
	{ 3, 0, 0, 7, 0, "id_aa64mmfr0_el1" },
	{ 3, 3, 0, 0, 1, "ctr_el0" },
	{ 3, 1, 0, 0, 1, "clidr_el1" },
	{ 3, 3, 9, 12, 0, "pmcr_el0" },
};

static const char *const t_fw[] = { "psci_version", "smccc_arch_workaround_1",
				    "smccc_arch_workaround_2", "smccc_arch_workaround_3" };
static const char *const t_fw_bmap[] = { "std_bmap", "std_hyp_bmap", "vendor_hyp_bmap",
					 "vendor_hyp_bmap_2" };

/*
 * The name of register @id and its width, or false. A CCSIDR demux ID holds a
 * CSSELR_EL1 value, level and InD: a data and a unified cache are the same
 * ID, named "l<level>d/u". Unnamed system registers get the assembler's name.
 */
static bool t_decode(uint64_t id, char name[T_NAME_MAX], unsigned int *bits)
{
	unsigned int coproc = T_COPROC(id), low = (unsigned int)(id & 0xffff), i;

	if ((id & T_ARCH_MASK) != T_ARM64 || (id >> 28 & 0xffffff) != 0)
		return false;
	*bits = T_SIZE(id) == T_SIZE_U32 ? 32 : T_SIZE(id) == T_SIZE_U64 ? 64 : 0;
	switch (coproc) {
	case T_COPROC_FW:
		if (*bits != 64 || low >= ARRAY_SIZE(t_fw))
			return false;
		snprintf(name, T_NAME_MAX, "%s", t_fw[low]);
		return true;
	case T_COPROC_FW_BMAP:
		if (*bits != 64 || low >= ARRAY_SIZE(t_fw_bmap))
			return false;
		snprintf(name, T_NAME_MAX, "%s", t_fw_bmap[low]);
		return true;
	case T_COPROC_DEMUX:
		/* Demux ID 0 (CCSIDR) in bits 15:8, the CSSELR value in 7:0. */
		if (*bits != 32 || (low >> 8) != 0 || (low & 0xf0))
			return false;
		snprintf(name, T_NAME_MAX, "ccsidr_el1.l%u%s", (low >> 1) + 1, low & 1 ? "i" : "d/u");
		return true;
	case T_COPROC_SYSREG: {
		unsigned int op0 = low >> 14 & 3, op1 = low >> 11 & 7, crn = low >> 7 & 0xf;
		unsigned int crm = low >> 3 & 0xf, op2 = low & 7;

		if (*bits != 64)
			return false;
		for (i = 0; i < ARRAY_SIZE(t_sysregs); i++)
			if (t_sysregs[i].op0 == op0 && t_sysregs[i].op1 == op1 && t_sysregs[i].crn == crn &&
			    t_sysregs[i].crm == crm && t_sysregs[i].op2 == op2) {
				snprintf(name, T_NAME_MAX, "%s", t_sysregs[i].name);
				return true;
			}
		snprintf(name, T_NAME_MAX, "s%u_%u_c%u_c%u_%u", op0, op1, crn, crm, op2);
		return true;
	}
	default:
		return false;
	}
}

#define FC_MAX	32

/** struct fc_reg - one reg_modifiers entry as Firecracker reads it. */
struct fc_reg {
	uint64_t addr;
	char name[T_NAME_MAX];
	unsigned int bits;		/* the register's width */
	unsigned int length;		/* bitmap characters after "0b", "_" not counted */
	uint64_t value, filter;		/* RegisterValueFilter: filter = the 0 and 1 bits */
};

static bool fc_fail(char *why, size_t len, const char *fmt, const char *what)
{
	snprintf(why, len, fmt, what);
	return false;
}

/*
 * Check @text against Firecracker's custom CPU template rules for aarch64
 * (docs/cpu_templates/cpu-templates.md and schema.json, and the serde types
 * of src/vmm/src/cpu_config/aarch64/custom_cpu_template.rs):
 *  - one JSON object whose keys are among kvm_capabilities, vcpu_features and
 *    reg_modifiers (deny_unknown_fields);
 *  - reg_modifiers an array of objects with "addr" and "bitmap" strings;
 *  - addr "0x" and hex digits that fit a u64;
 *  - bitmap "0b" and [01x_] characters, at most 128 of them not "_"
 *    (RegisterValueFilter<u128>); for a 32- or 64-bit register (the ID's
 *    size field) no 0 or 1 beyond its width; only 32-, 64- and 128-bit
 *    registers (CustomCpuTemplate::validate());
 * and fwprobe's own promises: every bitmap exactly as wide as its register,
 * no addr twice, every addr a register this file's decoder knows.
 */
static bool fc_check(const char *text, struct fc_reg *regs, unsigned int *n, char *why, size_t len)
{
	static const char *const top_keys[] = { "kvm_capabilities", "vcpu_features", "reg_modifiers" };
	json_t *doc, *mods, *m, *v;
	json_error_t je;
	const char *key, *s;
	bool ok = false;
	size_t i, j;

	*n = 0;
	doc = json_loads(text, JSON_REJECT_DUPLICATES, &je);
	if (!doc)
		return fc_fail(why, len, "not JSON: %s", je.text);
	if (!json_is_object(doc)) {
		fc_fail(why, len, "%s", "the top level is not an object");
		goto out;
	}
	json_object_foreach(doc, key, v) {
		for (i = 0; i < ARRAY_SIZE(top_keys) && strcmp(key, top_keys[i]); i++)
			;
		if (i == ARRAY_SIZE(top_keys)) {
			fc_fail(why, len, "unknown top-level key %s", key);
			goto out;
		}
	}
	mods = json_object_get(doc, "reg_modifiers");
	if (!json_is_array(mods)) {
		fc_fail(why, len, "%s", "reg_modifiers is not an array");
		goto out;
	}
	json_array_foreach(mods, i, m) {
		struct fc_reg *r = &regs[*n];
		char *end;

		if (*n == FC_MAX) {
			fc_fail(why, len, "%s", "too many modifiers for this test");
			goto out;
		}
		memset(r, 0, sizeof(*r));
		if (!json_is_object(m) || json_object_size(m) != 2 ||
		    !json_is_string(json_object_get(m, "addr")) || !json_is_string(json_object_get(m, "bitmap"))) {
			fc_fail(why, len, "%s", "a modifier is not {\"addr\": string, \"bitmap\": string}");
			goto out;
		}
		s = json_string_value(json_object_get(m, "addr"));
		if (strncmp(s, "0x", 2) || !s[2] || strlen(s) > 18 || strspn(s + 2, "0123456789abcdefABCDEF") != strlen(s + 2)) {
			fc_fail(why, len, "addr %s is not 0x and up to 16 hex digits", s);
			goto out;
		}
		r->addr = strtoull(s + 2, &end, 16);
		if (!t_decode(r->addr, r->name, &r->bits) || !r->bits) {
			fc_fail(why, len, "addr %s is no register this test knows, or of a size Firecracker refuses", s);
			goto out;
		}
		for (j = 0; j < *n; j++)
			if (regs[j].addr == r->addr) {
				fc_fail(why, len, "addr %s twice", s);
				goto out;
			}
		s = json_string_value(json_object_get(m, "bitmap"));
		if (strncmp(s, "0b", 2)) {
			fc_fail(why, len, "bitmap %s does not start with 0b", s);
			goto out;
		}
		/* Least significant bit last, as Firecracker's deserializer reads it. */
		for (j = strlen(s); j > 2; j--) {
			char c = s[j - 1];

			if (c == '_')
				continue;
			if (r->length == 128 || !strchr("01x", c)) {
				fc_fail(why, len, "bitmap %s: too long or not [01x_]", s);
				goto out;
			}
			if (c != 'x') {
				if (r->length >= r->bits) {
					fc_fail(why, len, "bitmap %s pins bits beyond the register's width", s);
					goto out;
				}
				r->filter |= 1ULL << r->length;
				r->value |= (uint64_t)(c == '1') << r->length;
			}
			r->length++;
		}
		if (r->length != r->bits) {
			fc_fail(why, len, "bitmap %s is not as wide as its register", s);
			goto out;
		}
		(*n)++;
	}
	ok = true;
out:
	json_decref(doc);
	return ok;
}

FIXTURE(cli) {
	struct run r;
	struct fc_reg regs[FC_MAX];
	unsigned int n;
	char why[256];
};

FIXTURE_SETUP(cli)
{
	ASSERT_EQ(0, access(FWPROBE, X_OK)) TH_LOG("build %s first (make %s)", FWPROBE, FWPROBE);
}

FIXTURE_TEARDOWN(cli)
{
}

TEST_F(cli, vmtest_of_the_two_vcpu_fixture)
{
	run(&self->r, ARGS("--vmm-settings", "vmtest", GOOD_HW));
	ASSERT_EQ(0, self->r.status) TH_LOG("%s", self->r.err);
	EXPECT_STREQ("--set-reg psci_version=0x10001\n"
		     "--set-reg midr_el1=0xf0510\n"
		     "--set-reg id_aa64dfr0_el1=0x10305000/0xfffffffffffffff0\n"
		     "--set-reg id_aa64isar0_el1=0x1221111110212120\n"
		     "--set-reg ctr_el0=0x9444c000/0xfffffffffffffff0\n"
		     "--set-reg pmcr_el0=0x1f\n"
		     "--set-reg ccsidr_el1.l1d=0x700fe01a\n"
		     "--set-reg gicd_iidr=0x3000043b\n", self->r.out);
	EXPECT_STREQ("fwprobe: not pinned, the machine type ignores them: ccsidr_el1.l2u\n"
		     "fwprobe: not pinnable: gicr_typer, gits_typer" WHY_VGIC_RO
		     "fwprobe: not pinnable as one value: mpidr_el1" WHY_VCPU_VMTEST, self->r.err);
}

TEST_F(cli, qemu_options_of_the_two_vcpu_fixture)
{
	run(&self->r, ARGS("--vmm-settings", "qemu", GOOD_HW));
	ASSERT_EQ(0, self->r.status) TH_LOG("%s", self->r.err);
	EXPECT_STREQ(QEMU_PSCI "1.1\n", self->r.out);
	EXPECT_STREQ("fwprobe: not pinned, the machine type ignores them: ccsidr_el1.l2u\n"
		     "fwprobe: not pinnable through QEMU: midr_el1, mpidr_el1, id_aa64dfr0_el1, "
		     "id_aa64isar0_el1, ctr_el0, pmcr_el0, ccsidr_el1.l1d, gicr_typer, gicd_iidr, "
		     "gits_typer" WHY_QEMU, self->r.err);
}

TEST_F(cli, firecracker_template_of_the_two_vcpu_fixture)
{
	static const struct {
		const char *name;
		uint64_t value, filter;
	} want[] = {
		{ "psci_version", 0x10001, ~0ULL },
		{ "midr_el1", 0xf0510, ~0ULL },
		{ "id_aa64dfr0_el1", 0x10305000, 0xfffffffffffffff0ULL },	/* DebugVer ignored */
		{ "id_aa64isar0_el1", 0x1221111110212120ULL, ~0ULL },
		{ "ctr_el0", 0x9444c000, 0xfffffffffffffff0ULL },		/* IminLine ignored */
		{ "pmcr_el0", 0x1f << 11, 0x1f << 11 },				/* PMCR_EL0.N */
		{ "ccsidr_el1.l1d/u", 0x700fe01a, 0xffffffff },
	};
	unsigned int i;

	run(&self->r, ARGS("--vmm-settings", "firecracker", GOOD_HW));
	ASSERT_EQ(0, self->r.status) TH_LOG("%s", self->r.err);
	ASSERT_TRUE(fc_check(self->r.out, self->regs, &self->n, self->why, sizeof(self->why)))
		TH_LOG("%s in:\n%s", self->why, self->r.out);
	ASSERT_EQ(ARRAY_SIZE(want), self->n);
	for (i = 0; i < self->n; i++) {
		EXPECT_STREQ(want[i].name, self->regs[i].name);
		EXPECT_EQ(want[i].value, self->regs[i].value) TH_LOG("%s", want[i].name);
		EXPECT_EQ(want[i].filter, self->regs[i].filter) TH_LOG("%s", want[i].name);
	}
	EXPECT_STREQ("fwprobe: not pinned, the machine type ignores them: ccsidr_el1.l2u\n"
		     "fwprobe: not pinnable through a Firecracker CPU template: gicr_typer, gicd_iidr, gits_typer" WHY_VGIC
		     "fwprobe: not pinnable as one value: mpidr_el1" WHY_VCPU_FC, self->r.err);
}

TEST_F(cli, firecracker_firmware_ids_decode_to_their_names)
{
	static const char *const want[] = { "psci_version", "smccc_arch_workaround_1",
		"smccc_arch_workaround_2", "smccc_arch_workaround_3", "std_bmap", "std_hyp_bmap",
		"vendor_hyp_bmap", "vendor_hyp_bmap_2" };
	unsigned int i;

	run(&self->r, ARGS("--vmm-settings", "firecracker", MT_DIR "good-kvm-6.12.json"));
	ASSERT_EQ(0, self->r.status) TH_LOG("%s", self->r.err);
	EXPECT_STREQ("", self->r.err);
	ASSERT_TRUE(fc_check(self->r.out, self->regs, &self->n, self->why, sizeof(self->why)))
		TH_LOG("%s in:\n%s", self->why, self->r.out);
	ASSERT_EQ(ARRAY_SIZE(want), self->n);
	for (i = 0; i < self->n; i++) {
		EXPECT_STREQ(want[i], self->regs[i].name);
		EXPECT_EQ(~0ULL, self->regs[i].filter);
	}
	/* The saved KVM 6.12 guest: PSCI 1.1, workaround 1 NOT_REQUIRED, FUNC_FEAT|PTP. */
	EXPECT_EQ(0x10001ULL, self->regs[0].value);
	EXPECT_EQ(0x2ULL, self->regs[1].value);
	EXPECT_EQ(0x3ULL, self->regs[6].value);
}

/* Every family a template can hold, in a file of its own. */
TEST_F(cli, firecracker_every_cpu_family_decodes)
{
	static const char file[] = MT("\"registers\": { \"std_hyp_bmap\": \"0x1\", \"smccc_arch_workaround_3\": \"0x1\" }, "
		"\"cpu_registers\": { \"midr_el1\": \"0x410fd490\", \"revidr_el1\": \"0x0\", \"aidr_el1\": \"0x0\", "
		"\"id_aa64pfr0_el1\": \"0x1100000011111112\", \"s3_0_c0_c4_3\": \"0x0\", \"id_aa64mmfr0_el1\": \"0x5\", "
		"\"ctr_el0\": \"0x9444c004\", \"clidr_el1\": \"0x2000023\", \"pmcr_el0\": \"0x6\", "
		"\"ccsidr_el1.l1i\": \"0x200fe01a\", \"ccsidr_el1.l1d\": \"0x700fe01a\", \"ccsidr_el1.l2u\": \"0x707fe07a\" }");
	static const char *const want[] = { "smccc_arch_workaround_3", "std_hyp_bmap", "midr_el1",
		"revidr_el1", "aidr_el1", "id_aa64pfr0_el1", "s3_0_c0_c4_3", "id_aa64mmfr0_el1",
		"ctr_el0", "clidr_el1", "pmcr_el0", "ccsidr_el1.l1i", "ccsidr_el1.l1d/u",
		"ccsidr_el1.l2d/u" };
	static const unsigned int bits[] = { 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 32, 32, 32 };
	char path[] = "/tmp/fwprobe-vmm.XXXXXX";
	unsigned int i;
	int fd = mkstemp(path);

	ASSERT_LE(0, fd);
	ASSERT_EQ((ssize_t)strlen(file), write(fd, file, strlen(file)));
	close(fd);
	run(&self->r, ARGS("--vmm-settings", "firecracker", path));
	unlink(path);
	ASSERT_EQ(0, self->r.status) TH_LOG("%s", self->r.err);
	EXPECT_STREQ("", self->r.err);
	ASSERT_TRUE(fc_check(self->r.out, self->regs, &self->n, self->why, sizeof(self->why)))
		TH_LOG("%s in:\n%s", self->why, self->r.out);
	ASSERT_EQ(ARRAY_SIZE(want), self->n);
	for (i = 0; i < self->n; i++) {
		EXPECT_STREQ(want[i], self->regs[i].name);
		EXPECT_EQ(bits[i], self->regs[i].bits) TH_LOG("%s", want[i]);
	}
	EXPECT_EQ(0x410fd490ULL, self->regs[2].value);
	EXPECT_EQ(0x1100000011111112ULL, self->regs[5].value);
	EXPECT_EQ(0x707fe07aULL, self->regs[13].value);
}

/* The checker itself: it must refuse what Firecracker refuses. */
TEST_F(cli, the_checker_refuses_bad_templates)
{
	static const char *const bad[] = {
		"[]",
		"{\"reg_modifiers\": [], \"description\": \"x\"}",
		"{\"reg_modifiers\": [{\"addr\": \"603000000013c000\", \"bitmap\": \"0b1\"}]}",
		"{\"reg_modifiers\": [{\"addr\": \"0x603000000013c000\", \"bitmap\": \"0b2\"}]}",
		"{\"reg_modifiers\": [{\"addr\": \"0x603000000013c000\", \"bitmap\": \"0b"
			ZERO16 ZERO16 ZERO16 ZERO16 ZERO16 ZERO16 ZERO16 ZERO16 "0\"}]}",
		"{\"reg_modifiers\": [{\"addr\": \"0x6020000000110000\", \"bitmap\": \"0b1" ZERO16 ZERO16 "\"}]}",
		"{\"reg_modifiers\": [{\"addr\": \"0x6010000000130000\", \"bitmap\": \"0b1\"}]}",
		"{\"reg_modifiers\": [{\"addr\": \"0x6030000000140000\", \"bitmap\": \"0b" ZERO16 ZERO16 ZERO16 ZERO16 "\"},"
			" {\"addr\": \"0x6030000000140000\", \"bitmap\": \"0b" ZERO16 ZERO16 ZERO16 ZERO16 "\"}]}",
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		EXPECT_FALSE(fc_check(bad[i], self->regs, &self->n, self->why, sizeof(self->why)))
			TH_LOG("accepted bad[%u]", i);
	/* Firecracker's own V1N1 example (tests/data/custom_cpu_templates/V1N1.json) passes. */
	EXPECT_TRUE(fc_check("{\"reg_modifiers\": [{\"addr\": \"0x603000000013c020\", \"bitmap\": "
			     "\"0bxxxxxxxxxxxx0000xxxxxxxxxxxx0000xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}]}",
			     self->regs, &self->n, self->why, sizeof(self->why))) TH_LOG("%s", self->why);
	EXPECT_STREQ("id_aa64pfr0_el1", self->regs[0].name);
}

/* ---- errors: exit 2, nothing on stdout, one line on stderr ---- */

FIXTURE(usage) {
	struct run r;
};

FIXTURE_VARIANT(usage) {
	const char *const *argv;
	const char *message;	/* the whole of stderr */
};

FIXTURE_SETUP(usage)
{
	ASSERT_EQ(0, access(FWPROBE, X_OK)) TH_LOG("build %s first (make %s)", FWPROBE, FWPROBE);
}

FIXTURE_TEARDOWN(usage)
{
}

TEST_F(usage, exits_2_with_the_reason)
{
	run(&self->r, variant->argv);
	EXPECT_EQ(2, self->r.status);
	EXPECT_STREQ("", self->r.out);
	EXPECT_STREQ(variant->message, self->r.err);
}

#define FIX_HINT	"; fix the file (format: MACHINE-TYPE FILES in fwprobe(1)) or re-create it with fwprobe --save\n"

FIXTURE_VARIANT_ADD(usage, bad_value_located) {
	.argv = ARGS("--vmm-settings", "vmtest", MT_DIR "bad-hex-digit.json"),
	.message = "fwprobe: " MT_DIR "bad-hex-digit.json:4:5: registers.std_hyp_bmap: malformed value \"0xg\": "
		   "write 0x and 1 to 16 hex digits, like \"0x1\"" FIX_HINT,
};

FIXTURE_VARIANT_ADD(usage, syntax_error_located) {
	.argv = ARGS("--vmm-settings", "firecracker", MT_DIR "bad-trailing-comma.json"),
	.message = "fwprobe: " MT_DIR "bad-trailing-comma.json:5:3: string or '}' expected near '}'" FIX_HINT,
};

FIXTURE_VARIANT_ADD(usage, array_for_a_per_vm_register) {
	.argv = ARGS("--vmm-settings", "firecracker", MT_DIR "bad-hw-array-per-vm.json"),
	.message = "fwprobe: " MT_DIR "bad-hw-array-per-vm.json:5:5: gic_registers.gicd_typer is one register "
		   "per VM: write one hex string, not an array" FIX_HINT,
};

FIXTURE_VARIANT_ADD(usage, no_such_file) {
	.argv = ARGS("--vmm-settings", "vmtest", "/nonexistent/mt.json"),
	.message = "fwprobe: /nonexistent/mt.json: cannot open: No such file or directory; create it with "
		   "'fwprobe --save /nonexistent/mt.json' on a guest that has the expected configuration\n",
};

FIXTURE_VARIANT_ADD(usage, unknown_format) {
	.argv = ARGS("--vmm-settings", "Qemu", GOOD_HW),
	.message = "fwprobe: --vmm-settings \"Qemu\": unknown format; one of: vmtest firecracker qemu\n",
};

/* The format is checked before the file is read. */
FIXTURE_VARIANT_ADD(usage, unknown_format_before_the_file) {
	.argv = ARGS("--vmm-settings", "crosvm", "/nonexistent/mt.json"),
	.message = "fwprobe: --vmm-settings \"crosvm\": unknown format; one of: vmtest firecracker qemu\n",
};

FIXTURE_VARIANT_ADD(usage, no_format) {
	.argv = ARGS("--vmm-settings"),
	.message = "fwprobe: --vmm-settings: needs an argument; run 'fwprobe --help' for the options\n",
};

FIXTURE_VARIANT_ADD(usage, no_file) {
	.argv = ARGS("--vmm-settings", "vmtest"),
	.message = "fwprobe: --vmm-settings takes a FORMAT and one machine-type FILE: fwprobe --vmm-settings FORMAT FILE\n",
};

FIXTURE_VARIANT_ADD(usage, two_files) {
	.argv = ARGS("--vmm-settings", "vmtest", GOOD_HW, GOOD_HW),
	.message = "fwprobe: --vmm-settings takes a FORMAT and one machine-type FILE: fwprobe --vmm-settings FORMAT FILE\n",
};

FIXTURE_VARIANT_ADD(usage, with_another_option) {
	.argv = ARGS("--sysfs-root", "/tmp", "--vmm-settings", "vmtest", GOOD_HW),
	.message = "fwprobe: --vmm-settings reads the file alone and takes no other option\n",
};

FIXTURE_VARIANT_ADD(usage, twice) {
	.argv = ARGS("--vmm-settings", "vmtest", "--vmm-settings", "firecracker", GOOD_HW),
	.message = "fwprobe: --vmm-settings reads the file alone and takes no other option\n",
};

TEST_HARNESS_MAIN
