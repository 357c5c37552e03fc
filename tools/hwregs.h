/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The guest-visible hardware registers (lib/fwprobe_hwregs.h) as the module
 * publishes them: cpu<N>/<name> per vCPU and gic/<name> per VM, plus the
 * guest kernel's own boot-time copy of MIDR_EL1 and REVIDR_EL1. Names,
 * encodings and fields are lib's; this file adds what the reporter needs on
 * top: value widths, printable names and the KVM handle of each register.
 */
#ifndef FWP_HWREGS_H
#define FWP_HWREGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "fwprobe_core.h"

/* The kernel's cached identification registers (Documentation/ABI/testing/sysfs-devices-system-cpu). */
#define HW_CPU_SYSFS		"/sys/devices/system/cpu"
#define HW_CPU_SYSFS_ENV	"FWPROBE_CPU_SYSFS"	/* tests: a copy of HW_CPU_SYSFS */
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
 * holds them as written ("0x..." is n == 1, an array is n >= 2).
 */
struct hw_row {
	enum fwp_hwreg reg;
	unsigned int n;
	bool has[FWP_MAX_CPUS];
	uint64_t value[FWP_MAX_CPUS];
};

/**
 * struct hwregs - what one snapshot shows of the hardware registers
 * @ncpus: highest vCPU with files + 1; 0 when there is no cpu<N>/ file (a
 *	   module before hardware registers, or a tree copied without them)
 * @online: which vCPUs had files (a vCPU offline at the probe has none)
 * @has: which registers each vCPU has; per-VM registers use vCPU 0
 * @value: their values
 * @boot_read: the boot view was read (live tree, or HW_CPU_SYSFS_ENV set)
 * @boot_has: which vCPUs' boot-time registers exist
 * @boot: the guest kernel's values, cached when it brought the vCPU up
 */
struct hwregs {
	unsigned int ncpus;
	bool online[FWP_MAX_CPUS];
	bool has[FWP_HW_NR][FWP_MAX_CPUS];
	uint64_t value[FWP_HW_NR][FWP_MAX_CPUS];
	bool boot_read;
	bool boot_has[HW_BOOT_NR][FWP_MAX_CPUS];
	uint64_t boot[HW_BOOT_NR][FWP_MAX_CPUS];
};

struct reader;

void hwregs_read(struct reader *r, struct hwregs *hw);
int hwregs_read_boot(bool live_root, struct hwregs *hw, struct fwp_err *err);

static inline bool hw_per_vcpu(enum fwp_hwreg reg)
{
	return reg < FWP_HW_PER_VCPU;
}

static inline bool hw_is_gic(enum fwp_hwreg reg)
{
	return fwp_hwregs[reg].family == FWP_HWF_GIC;
}

unsigned int hw_width(enum fwp_hwreg reg);
int hw_check_value(enum fwp_hwreg reg, uint64_t v, struct fwp_err *why);
const char *hw_upper_name(enum fwp_hwreg reg, char buf[HW_NAME_MAX]);
const char *hw_kvm_label(enum fwp_hwreg reg, char buf[HW_LABEL_MAX]);
const char *hw_vgic_group_name(enum fwp_hwreg reg);
bool hw_row_build(struct hw_row *row, enum fwp_hwreg reg, const bool *has, const uint64_t *v,
		  unsigned int ncpus);

#endif
