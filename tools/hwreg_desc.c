// SPDX-License-Identifier: GPL-2.0
/*
 * What the reporter adds to lib's register table (lib/fwprobe_hwregs.h): how
 * wide each value may be, the names people read, where a VMM gets and sets a
 * register, and one register's values across vCPUs collapsed when they
 * agree. No I/O: the machine-type loader and its fuzz target use it too.
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "format.h"
#include "hwreg_desc.h"

const enum fwp_hwreg hw_boot_regs[HW_BOOT_NR] = {
	[HW_BOOT_MIDR] = FWP_HW_midr_el1,
	[HW_BOOT_REVIDR] = FWP_HW_revidr_el1,
};

/**
 * hw_check_value() - can @reg hold @v?
 * @reg: the register
 * @v: a value from sysfs or a machine-type file
 * @why: on failure, what is wrong (starting with the value)
 *
 * Return: 0, or -1 when @v is wider than the register.
 */
int hw_check_value(enum fwp_hwreg reg, uint64_t v, struct fwp_err *why)
{
	unsigned int width = fwp_hw_width(reg);
	char hex[FMT_HEX_MAX];

	if (width == 64 || !(v >> width))
		return 0;
	return fwp_fail(why, "%s is wider than the register's %u bits", fmt_hex(hex, v), width);
}

/** hw_upper_name() - "ID_AA64ISAR0_EL1", "CCSIDR_EL1.L1D": the name as the Arm ARM writes it. */
const char *hw_upper_name(enum fwp_hwreg reg, char buf[HW_NAME_MAX])
{
	const char *name = fwp_hwregs[reg].name;
	size_t i;

	for (i = 0; name[i] && i < HW_NAME_MAX - 1; i++)
		buf[i] = (char)toupper((unsigned char)name[i]);
	buf[i] = '\0';
	return buf;
}

/** hw_vgic_group_name() - the vGIC attribute group of a GIC register, as <asm/kvm.h> names it. */
const char *hw_vgic_group_name(enum fwp_hwreg reg)
{
	return fwp_vgic_groups[fwp_hwregs[reg].frame].name;
}

/*
 * hw_kvm_label() - where a VMM gets and sets @reg: "KVM register 0x6030000000138000"
 * (KVM_GET/SET_ONE_REG), or "vGIC attr KVM_DEV_ARM_VGIC_GRP_DIST_REGS 0x8" (a vGIC device
 * attribute, group and offset), so a difference line says what to pin.
 */
const char *hw_kvm_label(enum fwp_hwreg reg, char buf[HW_LABEL_MAX])
{
	if (hw_is_gic(reg))
		snprintf(buf, HW_LABEL_MAX, "vGIC attr %s 0x%x", hw_vgic_group_name(reg),
			 fwp_hwregs[reg].offset);
	else
		snprintf(buf, HW_LABEL_MAX, "KVM register 0x%016llx",
			 (unsigned long long)fwp_hw_kvm_id(reg));
	return buf;
}

/**
 * hw_row_alloc() - give @row @n values, none present, freeing what it had
 * @row: its @reg is kept
 * @n: the number of values (0: none, and nothing allocated)
 */
void hw_row_alloc(struct hw_row *row, unsigned int n)
{
	hw_row_free(row);
	row->n = n;
	if (!n)
		return;
	row->has = xcalloc(n, sizeof(*row->has));
	row->value = xcalloc(n, sizeof(*row->value));
}

/** hw_row_free() - free @row's values; it then lists none. */
void hw_row_free(struct hw_row *row)
{
	free(row->has);
	free(row->value);
	row->has = NULL;
	row->value = NULL;
	row->n = 0;
}

/**
 * hw_row_build() - one register's values across vCPUs, collapsed when they agree
 * @row: filled; what it held before is freed
 * @reg: the register
 * @has: per vCPU (per-VM registers: [0] only)
 * @v: per vCPU
 * @ncpus: vCPUs to look at
 *
 * Return: false when no vCPU has the register (@row->n is then 0).
 */
bool hw_row_build(struct hw_row *row, enum fwp_hwreg reg, const bool *has, const uint64_t *v,
		  unsigned int ncpus)
{
	bool any = false;
	unsigned int cpu;

	hw_row_free(row);
	row->reg = reg;
	if (!hw_per_vcpu(reg))
		ncpus = 1;
	for (cpu = 0; cpu < ncpus; cpu++)
		any |= has[cpu];
	if (!any)
		return false;
	/* Some vCPU has it: uniform means every vCPU has it, with one value. */
	hw_row_alloc(row, fwp_hw_uniform(has, v, ncpus) ? 1 : ncpus);
	for (cpu = 0; cpu < row->n; cpu++) {
		row->has[cpu] = has[cpu];
		row->value[cpu] = has[cpu] ? v[cpu] : 0;
	}
	return true;
}

