/* SPDX-License-Identifier: GPL-2.0 */
/* fwprobe.ko internals shared by the probe glue and the sysfs glue. */
#ifndef FWPROBE_H
#define FWPROBE_H

#include <linux/rcupdate.h>
#include <linux/sysfs.h>

#include "fwprobe_core.h"
#include "fwprobe_layout.h"

/**
 * struct fwprobe_snap - a published probe result, freed after an RCU grace period
 * @rcu: for kvfree_rcu()
 * @s: the result; s.hw.cpu points at @cpus, s.hw.online just past them
 * @cpus: one entry per possible vCPU (nr_cpu_ids), then the online bitmap
 */
struct fwprobe_snap {
	struct rcu_head rcu;
	struct fwp_snapshot s;
	struct fwp_hw_cpu cpus[];
};

/**
 * struct fwprobe_boot - how the guest booted (fwprobe_boot.c), fixed at load
 * @acpi: the kernel uses ACPI tables (else a device tree)
 * @uefi: it was started by UEFI firmware
 * @vendor: SMBIOS BIOS vendor, "" without one
 * @version: SMBIOS BIOS version, "" without one
 */
struct fwprobe_boot {
	bool acpi, uefi;
	char vendor[FWP_BOOT_TEXT_LEN], version[FWP_BOOT_TEXT_LEN];
};

extern struct fwprobe_boot fwprobe_boot;
extern struct fwprobe_snap __rcu *fwprobe_current;
extern const struct attribute_group **fwprobe_groups;

int fwprobe_rescan(void);
int fwprobe_sysfs_init(void);
void fwprobe_sysfs_exit(void);
void fwprobe_layout(struct kobject *kobj, const struct fwp_snapshot *s, bool add);
void fwprobe_layout_sync(struct kobject *kobj, const struct fwp_snapshot *s);
void fwprobe_boot_init(void);
void fwprobe_hw_init(void);
void fwprobe_hw_exit(void);
void fwprobe_read_hw(struct fwp_hw_view *hw);
u64 fwprobe_caps_this_cpu(void);
u64 fwprobe_errata_this_cpu(void);
u64 fwprobe_live_this_cpu(const u64 *reg);
void fwprobe_safety_boot(struct fwp_safety *sf);

#endif
