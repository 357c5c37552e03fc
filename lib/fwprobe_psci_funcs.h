/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The PSCI functions PSCI_FEATURES is asked about, one line each: name (also
 * its sysfs file under psci_features/), SMC32 function number, the PSCI
 * version that defined it, and its forms: SMC32 only, SMC32 with an SMC64
 * twin (named <name>_64, derived by fwprobe_core.c), or IMPLIED (mandatory
 * wherever PSCI_FEATURES exists, so never asked). Function-number order.
 *
 * No include guard: fwprobe_core.c includes it once per expansion of
 * FWP_PSCI(name, number, major, minor, forms).
 */
FWP_PSCI(psci_version, 0x00, 0, 2, IMPLIED)
FWP_PSCI(cpu_suspend, 0x01, 0, 2, SMC64)
FWP_PSCI(cpu_off, 0x02, 0, 2, SMC32)
FWP_PSCI(cpu_on, 0x03, 0, 2, SMC64)
FWP_PSCI(affinity_info, 0x04, 0, 2, SMC64)
FWP_PSCI(migrate, 0x05, 0, 2, SMC64)
FWP_PSCI(migrate_info_type, 0x06, 0, 2, SMC32)
FWP_PSCI(migrate_info_up_cpu, 0x07, 0, 2, SMC64)
FWP_PSCI(system_off, 0x08, 0, 2, SMC32)
FWP_PSCI(system_reset, 0x09, 0, 2, SMC32)
FWP_PSCI(psci_features, 0x0A, 1, 0, IMPLIED)
FWP_PSCI(cpu_freeze, 0x0B, 1, 0, SMC32)
FWP_PSCI(cpu_default_suspend, 0x0C, 1, 0, SMC64)
FWP_PSCI(node_hw_state, 0x0D, 1, 0, SMC64)
FWP_PSCI(system_suspend, 0x0E, 1, 0, SMC64)
FWP_PSCI(set_suspend_mode, 0x0F, 1, 0, SMC32)
FWP_PSCI(stat_residency, 0x10, 1, 0, SMC64)
FWP_PSCI(stat_count, 0x11, 1, 0, SMC64)
FWP_PSCI(system_reset2, 0x12, 1, 1, SMC64)
FWP_PSCI(mem_protect, 0x13, 1, 1, SMC32)
FWP_PSCI(mem_protect_check_range, 0x14, 1, 1, SMC64)
FWP_PSCI(system_off2, 0x15, 1, 3, SMC64)
