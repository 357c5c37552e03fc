/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the reporter adds on top of lib's table of guest-visible hardware
 * registers (lib/fwprobe_hwregs.h): value widths, printable names, the KVM
 * handle of each register, which two boot-time registers the guest kernel
 * keeps, and one register's values across vCPUs (hwreg_desc.c).
 */
#ifndef FWP_HWREG_DESC_H
#define FWP_HWREG_DESC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "fwprobe_core.h"

#define HW_LABEL_MAX		64	/* "KVM register 0x..." or "vGIC attr KVM_DEV_ARM_VGIC_GRP_..._REGS 0x..." */
#define HW_NAME_MAX		24	/* the longest register name, upper-cased */

/* What the boot view holds, in this order. */
enum hw_boot_reg { HW_BOOT_MIDR, HW_BOOT_REVIDR, HW_BOOT_NR };
extern const enum fwp_hwreg hw_boot_regs[HW_BOOT_NR];

/**
 * struct hw_row - one register's values across vCPUs, as shown and as saved
 * @reg: the register
 * @n: number of values: 0 none (not listed), 1 one for every vCPU (always
 *     for per-VM registers), else one per vCPU
 * @has: which of the @n values exist (a vCPU without the register: false)
 * @value: the values
 *
 * The report builds these from what the guest sees, a machine-type file
 * holds them as written ("0x..." is n == 1, an array is n >= 2). @has and
 * @value are allocated (hw_row_alloc()), NULL while @n is 0.
 */
struct hw_row {
	enum fwp_hwreg reg;
	unsigned int n;
	bool *has;
	uint64_t *value;
};

static inline bool hw_per_vcpu(enum fwp_hwreg reg)
{
	return reg < FWP_HW_PER_VCPU;
}

static inline bool hw_is_gic(enum fwp_hwreg reg)
{
	return fwp_hwregs[reg].family == FWP_HWF_GIC;
}

int hw_check_value(enum fwp_hwreg reg, uint64_t v, struct fwp_err *why);
const char *hw_upper_name(enum fwp_hwreg reg, char buf[HW_NAME_MAX]);
const char *hw_kvm_label(enum fwp_hwreg reg, char buf[HW_LABEL_MAX]);
const char *hw_vgic_group_name(enum fwp_hwreg reg);
void hw_row_alloc(struct hw_row *row, unsigned int n);
void hw_row_free(struct hw_row *row);
bool hw_row_build(struct hw_row *row, enum fwp_hwreg reg, const bool *has, const uint64_t *v,
		  unsigned int ncpus);

#endif
