/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The safety tables, once for fwprobe.ko and the reporter: the kind of entry
 * each names, the fields of struct fwp_safety (and of the reporter's struct
 * fwp_safety_view, named alike) with what boot set and what is lost, or
 * needed, now, and those bitmaps' files in safety/ (fwprobe_layout_list.h;
 * the boot file's name is also the JSON key of what boot set). Included with
 * the macro defined by the user (no include guard).
 *
 * FWP_SAFETY_TABLE(table, kind, boot, now, boot_file, now_file): table is
 * enum fwp_safety_table without its prefix.
 */
FWP_SAFETY_TABLE(CAPS, capability, caps_boot, caps_lost, capabilities, capabilities_lost)
FWP_SAFETY_TABLE(ERRATA, erratum, errata_boot, errata_needed, errata, errata_needed)
FWP_SAFETY_TABLE(HWCAPS, hwcap, hwcaps_boot, hwcaps_lost, hwcaps, hwcaps_lost)
FWP_SAFETY_TABLE(LIVE, live, live_boot, live_lost, live, live_lost)
