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
 * @ncpus: vCPUs the guest can have (the module's vcpus file)
 * @online: which were online at the probe (vcpus_online), and so read
 * @has: which registers each vCPU has; per-VM registers use vCPU 0
 * @value: their values
 * @boot_read: the boot view was read (live tree, or HW_CPU_SYSFS_ENV set)
 * @boot_has: which vCPUs' boot-time registers exist
 * @boot: the guest kernel's values, cached when it brought the vCPU up
 *
 * Every array has @ncpus entries (at least one, for the per-VM registers),
 * allocated by hwregs_alloc() and freed by hwregs_free().
 */
struct hwregs {
	unsigned int ncpus;
	bool *online;
	bool *has[FWP_HW_NR];
	uint64_t *value[FWP_HW_NR];
	bool boot_read;
	bool *boot_has[HW_BOOT_NR];
	uint64_t *boot[HW_BOOT_NR];
};

struct reader;

#define VCPU_LIST_MAX		256	/* "0-5,7,...": longer lists end in "..." */

void hw_vcpu_list(const bool *set, unsigned int n, bool which, char *buf, size_t len);
void hwregs_alloc(struct hwregs *hw, unsigned int ncpus);
void hwregs_free(struct hwregs *hw);
bool hwregs_parse_online(const char *list, bool *online, unsigned int ncpus);
void hwregs_read(struct reader *r, struct hwregs *hw);
int hwregs_read_boot(bool live_root, struct hwregs *hw, struct fwp_err *err);

#endif
