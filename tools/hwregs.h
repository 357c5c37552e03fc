/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading the guest-visible hardware registers (lib/fwprobe_hwregs.h) as the
 * module publishes them: cpu<N>/<name> per vCPU and gic/<name> per VM, plus
 * the guest kernel's own boot-time copy of MIDR_EL1 and REVIDR_EL1
 * (hwregs.c). What the reporter knows of each register is hwreg_desc.h's.
 */
#ifndef FWP_HWREGS_H
#define FWP_HWREGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "hwreg_desc.h"

/* The kernel's cached identification registers (Documentation/ABI/testing/sysfs-devices-system-cpu). */
#define HW_CPU_SYSFS		"/sys/devices/system/cpu"
#define HW_CPU_SYSFS_ENV	"FWPROBE_CPU_SYSFS"	/* tests: a copy of HW_CPU_SYSFS */

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

#endif
