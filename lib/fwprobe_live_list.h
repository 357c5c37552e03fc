/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What tasks take from the vCPU itself and keep relying on, with no HWCAP or
 * capability in between, each with what breaks when a vCPU no longer offers
 * it. Included with the macro defined by the user (no include guard):
 * lib/fwprobe_safety.c builds the names, fwprobe.ko one test per entry
 * (fwprobe_live_<name>()), asked once for the boot view and once on each
 * vCPU for now.
 *
 * FWP_LIVE(name, breaks): enum fwp_breaks without its prefix.
 */
/*
 * The SVE vector length the kernel last set on the vCPU (ZCR_EL1.LEN, a
 * length it granted a task from the set it fixed at boot) against the one
 * the vCPU really runs (RDVL): when the vCPU now offers less, the kernel
 * kills each task using SVE at its next context switch (SIGKILL, with a
 * WARN from fpsimd_save_user_state()).
 */
FWP_LIVE(sve_vector_length, PROCESSES)
/*
 * CTR_EL0, which processes read themselves: with IDC (DIC) set, JITs skip
 * the D-cache clean (I-cache invalidation) before running new code.
 */
FWP_LIVE(ctr_el0_IDC, SILENT)
FWP_LIVE(ctr_el0_DIC, SILENT)
