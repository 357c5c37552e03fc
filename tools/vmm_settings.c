// SPDX-License-Identifier: GPL-2.0
/*
 * fwprobe --vmm-settings FORMAT FILE: what a VMM must set so a guest sees the
 * machine type in FILE, without touching the module or sysfs.
 *
 *  - vmtest: one "--set-reg NAME=VALUE" line per register for scripts/vmtest,
 *    NAME=VALUE/MASK when the file ignores some fields (the test bed then
 *    sets MASK's bits only and keeps KVM's value in the others);
 *  - firecracker: a Firecracker custom CPU template for aarch64,
 *    {"reg_modifiers": [{"addr": "0x<KVM register ID>", "bitmap": "0b..."}]},
 *    one bitmap character per bit of the register, most significant first:
 *    0 or 1 where the file pins the bit, x where it does not care
 *    (Firecracker's docs/cpu_templates/cpu-templates.md);
 *  - qemu: the options of qemu-system-aarch64 -accel kvm, one per line. QEMU
 *    has a property for one of KVM's registers only, the PSCI version
 *    (kvm-psci-version of its host CPU: 11.1 has it, 10.0 and 7.2 do not);
 *    every other register the file pins is named as one QEMU cannot pin.
 *
 * What neither can pin is left out and named on the notes stream, one line
 * per reason: values that differ between vCPUs (both apply one value to
 * every vCPU), CNTFRQ_EL0 and DCZID_EL0 (KVM holds neither), vGIC registers
 * for Firecracker (device attributes, not ONE_REGs) and, but for GICD_IIDR,
 * for the test bed (KVM's vGIC ignores userspace writes to them).
 */
#include <string.h>

#include "format.h"
#include "fwprobe_abi.h"
#include "vmm_settings.h"

#define NOTE_MAX	1024
#define KVM_REG_SIZE_SHIFT	52	/* <linux/kvm.h>: log2 of the size in bytes */
#define KVM_REG_SIZE_MASK	0xfULL

#define VMM_FORMAT_NAME(e, name)	[e] = #name,
const char *const vmm_format_names[VMM_FORMAT_NR] = { VMM_FORMAT_LIST(VMM_FORMAT_NAME) };
#undef VMM_FORMAT_NAME

/* The values QEMU's kvm-psci-version accepts: KVM_ARM_PSCI_* major << 16 | minor. */
static const struct {
	uint64_t value;
	const char *name;
} qemu_psci_versions[] = {
	{ 0x1, "0.1" }, { 0x2, "0.2" }, { 0x10000, "1.0" }, { 0x10001, "1.1" },
	{ 0x10002, "1.2" }, { 0x10003, "1.3" },
};

/* Why a register the file pins is left out; notes come in this order. */
enum skip { SKIP_IGNORED, SKIP_HARDWARE, SKIP_VGIC, SKIP_VGIC_READ_ONLY, SKIP_PER_VCPU,
	    SKIP_UNLISTED, SKIP_AMBIGUOUS, SKIP_NO_PROPERTY, SKIP_PSCI_VALUE, SKIP_NR };

static const char *const skip_head[SKIP_NR] = {
	[SKIP_IGNORED] = "not pinned, the machine type ignores them: ",
	[SKIP_HARDWARE] = "not pinnable: ",
	[SKIP_VGIC] = "not pinnable through a Firecracker CPU template: ",
	[SKIP_VGIC_READ_ONLY] = "not pinnable: ",
	[SKIP_PER_VCPU] = "not pinnable as one value: ",
	[SKIP_UNLISTED] = "not pinned: ",
	[SKIP_AMBIGUOUS] = "not pinned: ",
	[SKIP_NO_PROPERTY] = "not pinnable through QEMU: ",
	[SKIP_PSCI_VALUE] = "not pinnable through QEMU: ",
};

static const char *const skip_why[VMM_FORMAT_NR][SKIP_NR] = {
	[VMM_VMTEST] = {
		[SKIP_HARDWARE] = " (the guest reads them from the hardware: KVM holds no value for them)",
		[SKIP_VGIC_READ_ONLY] = " (KVM's vGIC ignores writes to them; only GICD_IIDR's revision can be set)",
		[SKIP_PER_VCPU] = " (the file gives the vCPUs different values, or some none; --set-reg sets every vCPU alike)",
	},
	[VMM_FIRECRACKER] = {
		[SKIP_HARDWARE] = " (the guest reads them from the hardware: KVM holds no value for them)",
		[SKIP_VGIC] = " (vGIC device attributes, not KVM_SET_ONE_REG registers)",
		[SKIP_PER_VCPU] = " (the file gives the vCPUs different values, or some none; a CPU template applies to every vCPU alike)",
	},
	[VMM_QEMU] = {
		[SKIP_HARDWARE] = " (the guest reads them from the hardware: KVM holds no value for them)",
		[SKIP_NO_PROPERTY] = " (QEMU has no option that sets them: a guest it starts gets the host's values)",
		[SKIP_PSCI_VALUE] = " (kvm-psci-version takes 0.1, 0.2, 1.0, 1.1, 1.2 or 1.3)",
	},
};

/* The same for both formats. */
static const char *const skip_why_common[SKIP_NR] = {
	[SKIP_UNLISTED] = " (the file's clidr_el1 lists no such cache, so KVM has no such register)",
	[SKIP_AMBIGUOUS] = " (the data and unified caches of a level are one KVM register, and the file has no clidr_el1 to say which exists)",
};

struct notes {
	char list[SKIP_NR][NOTE_MAX];
	size_t used[SKIP_NR];
};

/** vmm_format_lookup() - enum vmm_format of @name, or -1. */
int vmm_format_lookup(const char *name)
{
	int i;

	for (i = 0; i < VMM_FORMAT_NR; i++)
		if (!strcmp(vmm_format_names[i], name))
			return i;
	return -1;
}

static uint64_t low_bits(unsigned int n)
{
	return n >= 64 ? ~0ULL : (1ULL << n) - 1;
}

/**
 * vmm_care_mask() - the bits of @reg the machine type cares about
 * @mt: the machine type
 * @reg: a hardware register
 *
 * Return: every bit of the register's value (fwp_hw_width()) but those of the
 * fields "ignore" names; 0 when it names the whole register.
 */
uint64_t vmm_care_mask(const struct machine_type *mt, enum fwp_hwreg reg)
{
	const struct fwp_hwreg_field *f;
	uint64_t mask = low_bits(fwp_hw_width(reg));
	unsigned int n, i;

	if (mt->ignore_reg[reg])
		return 0;
	f = fwp_hw_fields(reg, &n);
	for (i = 0; i < n; i++)
		if (mt->ignore_fields[reg] >> i & 1)
			mask &= ~fwp_hw_field_mask(&f[i]);
	return mask;
}

/**
 * vmm_one_value() - is a register's row one value for every vCPU?
 * @row: as the file has it (n == 1: one string; n >= 2: an array)
 * @mask: the bits that matter (vmm_care_mask())
 * @v: set to that value, masked
 *
 * Return: true when every vCPU has the register and the same @mask bits.
 */
bool vmm_one_value(const struct hw_row *row, uint64_t mask, uint64_t *v)
{
	unsigned int i;

	if (!row->n)
		return false;
	for (i = 0; i < row->n; i++)
		if (!row->has[i] || ((row->value[i] ^ row->value[0]) & mask))
			return false;
	*v = row->value[0] & mask;
	return true;
}

static void skip_name(struct notes *nt, enum skip why, const char *name)
{
	fmt_append(nt->list[why], NOTE_MAX, &nt->used[why], "%s%s", nt->used[why] ? ", " : "",
		   name);
}

static void skip(struct notes *nt, enum skip why, enum fwp_hwreg reg)
{
	skip_name(nt, why, fwp_hwregs[reg].name);
}

/* The other CCSIDR register of the same level and KVM ID (d for u, u for d), or -1. */
static int ccsidr_twin(enum fwp_hwreg reg)
{
	const struct fwp_hwreg_desc *d = &fwp_hwregs[reg];
	int i;

	if (d->family != FWP_HWF_CCSIDR || d->type == 'i')
		return -1;
	for (i = 0; i < FWP_HW_NR; i++)
		if (fwp_hwregs[i].family == FWP_HWF_CCSIDR && fwp_hwregs[i].level == d->level &&
		    fwp_hwregs[i].type != 'i' && i != (int)reg)
			return i;
	return -1;
}

/*
 * Why @reg, which the file lists, cannot be pinned by @f, or SKIP_NR when it
 * can, as *@v under *@mask.
 */
static enum skip classify(const struct machine_type *mt, enum vmm_format f, enum fwp_hwreg reg,
			  uint64_t *v, uint64_t *mask)
{
	const struct hw_row *clidr = &mt->hw[FWP_HW_clidr_el1];
	uint64_t clidr_v, twin_v;
	int twin;

	*mask = vmm_care_mask(mt, reg);
	if (!*mask)
		return SKIP_IGNORED;
	if (fwp_hw_from_hardware(reg))
		return SKIP_HARDWARE;
	if (f == VMM_QEMU)
		return SKIP_NO_PROPERTY;
	if (f == VMM_FIRECRACKER && hw_is_gic(reg))
		return SKIP_VGIC;
	if (hw_is_gic(reg) && reg != FWP_HW_gicd_iidr)
		return SKIP_VGIC_READ_ONLY;
	if (!vmm_one_value(&mt->hw[reg], *mask, v))
		return SKIP_PER_VCPU;
	if (fwp_hwregs[reg].family != FWP_HWF_CCSIDR)
		return SKIP_NR;
	/* A CCSIDR is pinned through the CSSELR value of its cache: KVM knows only what CLIDR lists. */
	if (vmm_care_mask(mt, FWP_HW_clidr_el1) == low_bits(fwp_hw_width(FWP_HW_clidr_el1)) &&
	    vmm_one_value(clidr, ~0ULL, &clidr_v))
		return fwp_hw_cache_listed(reg, clidr_v) ? SKIP_NR : SKIP_UNLISTED;
	twin = ccsidr_twin(reg);
	if (twin >= 0 && mt->hw[twin].n && vmm_care_mask(mt, twin) &&
	    vmm_one_value(&mt->hw[twin], vmm_care_mask(mt, twin), &twin_v))
		return SKIP_AMBIGUOUS;
	return SKIP_NR;
}

/* One reg_modifiers entry: @bits wide, @mask's bits of @v pinned, the rest x. */
static void fc_modifier(FILE *out, unsigned int *n, uint64_t id, unsigned int bits, uint64_t v,
			uint64_t mask)
{
	char bitmap[2 + 64 + 1] = "0b";
	unsigned int i;

	for (i = 0; i < bits; i++) {
		unsigned int bit = bits - 1 - i;

		bitmap[2 + i] = !(mask >> bit & 1) ? 'x' : (v >> bit & 1) ? '1' : '0';
	}
	bitmap[2 + bits] = '\0';
	fprintf(out, "%s\n    {\n      \"addr\": \"0x%016llx\",\n      \"bitmap\": \"%s\"\n    }",
		(*n)++ ? "," : "", (unsigned long long)id, bitmap);
}

/* Bits of a KVM ONE_REG register, from its ID's size field. */
static unsigned int kvm_reg_bits(uint64_t id)
{
	return 8U << (unsigned int)(id >> KVM_REG_SIZE_SHIFT & KVM_REG_SIZE_MASK);
}

static void hw_setting(FILE *out, unsigned int *n, enum vmm_format f, enum fwp_hwreg reg,
		       uint64_t v, uint64_t mask)
{
	uint64_t id = fwp_hw_kvm_id(reg);
	unsigned int shift = 0;

	if (f == VMM_VMTEST) {
		fprintf(out, "--set-reg %s=0x%llx", fwp_hwregs[reg].name, (unsigned long long)v);
		if (mask != low_bits(fwp_hw_width(reg)))
			fprintf(out, "/0x%llx", (unsigned long long)mask);
		fputc('\n', out);
		return;
	}
	/* The file holds PMCR_EL0.N only; KVM's register is all of PMCR_EL0. */
	if (reg == FWP_HW_pmcr_el0)
		shift = FWP_PMCR_N_SHIFT;
	fc_modifier(out, n, id, kvm_reg_bits(id), v << shift, mask << shift);
}

/* QEMU pins psci_version alone, through its host CPU's kvm-psci-version. */
static void qemu_firmware_register(FILE *out, struct notes *nt, enum fwp_reg_id reg, uint64_t v)
{
	size_t i;

	if (reg != FWP_REG_PSCI_VERSION) {
		skip_name(nt, SKIP_NO_PROPERTY, fwp_reg_names[reg]);
		return;
	}
	for (i = 0; i < ARRAY_SIZE(qemu_psci_versions); i++) {
		if (qemu_psci_versions[i].value == v) {
			fprintf(out, "-global host-arm-cpu.kvm-psci-version=%s\n",
				qemu_psci_versions[i].name);
			return;
		}
	}
	skip_name(nt, SKIP_PSCI_VALUE, fwp_reg_names[reg]);
}

/**
 * vmm_settings_write() - the settings that pin a machine type
 * @out: the settings (FORMAT's syntax)
 * @notes: one "fwprobe: ..." line per reason registers were left out
 * @f: the format
 * @mt: a loaded machine type
 *
 * Firmware registers in enum fwp_reg_id order, then the hardware registers
 * in enum fwp_hwreg order (CPU ones, then GIC ones). The notes name
 * registers in the same order.
 *
 * Return: 0, or -1 when @out or @notes could not be written.
 */
int vmm_settings_write(FILE *out, FILE *notes, enum vmm_format f, const struct machine_type *mt)
{
	static struct notes nt;
	unsigned int n = 0, i;
	uint64_t v, mask;
	enum skip why;

	memset(&nt, 0, sizeof(nt));
	if (f == VMM_FIRECRACKER)
		fputs("{\n  \"reg_modifiers\": [", out);
	for (i = 0; i < FWP_REG_NR; i++) {
		if (!mt->regs.has[i])
			continue;
		if (f == VMM_VMTEST)
			fprintf(out, "--set-reg %s=0x%llx\n", fwp_reg_names[i],
				(unsigned long long)mt->regs.value[i]);
		else if (f == VMM_QEMU)
			qemu_firmware_register(out, &nt, i, mt->regs.value[i]);
		else
			fc_modifier(out, &n, fwp_reg_kvm_ids[i], 64, mt->regs.value[i], ~0ULL);
	}
	for (i = 0; i < FWP_HW_NR; i++) {
		if (!mt->hw[i].n)
			continue;
		why = classify(mt, f, i, &v, &mask);
		if (why == SKIP_NR)
			hw_setting(out, &n, f, i, v, mask);
		else
			skip(&nt, why, i);
	}
	if (f == VMM_FIRECRACKER)
		fputs(n ? "\n  ]\n}\n" : "]\n}\n", out);
	for (i = 0; i < SKIP_NR; i++)
		if (nt.used[i])
			fprintf(notes, "fwprobe: %s%s%s\n", skip_head[i], nt.list[i],
				skip_why[f][i] ? skip_why[f][i] : skip_why_common[i] ? skip_why_common[i] : "");
	return ferror(out) || ferror(notes) ? -1 : 0;
}

/**
 * vmm_settings_print() - load @path and print its settings in format @f
 * @f: the format
 * @path: a machine-type file, validated as --expect does
 * @err: what went wrong (a file error with its location, or a write error)
 *
 * The settings go to standard output, the notes to standard error.
 *
 * Return: 0 or -1.
 */
int vmm_settings_print(enum vmm_format f, const char *path, struct fwp_err *err)
{
	static struct machine_type mt;

	if (mt_load_file(path, &mt, err))
		return -1;
	if (vmm_settings_write(stdout, stderr, f, &mt) || fflush(stdout))
		return fwp_fail(err, "cannot write to standard output: closed, or out of disk space?");
	return 0;
}
