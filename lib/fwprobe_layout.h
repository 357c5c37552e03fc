/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The layout of /sys/class/fwprobe/fwprobe0, written down once: its groups
 * (directories), the files with fixed names and the kind of value each holds
 * (fwprobe_layout_list.h), and the names of the files built from another table (a PSCI function, a
 * register, a PTP counter and field, a kept call). fwprobe.ko builds its
 * attribute groups from it (module/fwprobe_sysfs.c) and the reporter reads
 * the files through it (tools/reader.c); tests/reporter/test_layout.c lays a
 * tree out from it and reads it back. Which files exist is written here as
 * a presence (enum fwp_presence) per group and fixed file; for a given probe
 * each group's rule over the snapshot decides, in the module
 * (fwp_group_descs[]) and in the ABI document,
 * Documentation/ABI/testing/sysfs-class-fwprobe.
 */
#ifndef FWPROBE_LAYOUT_H
#define FWPROBE_LAYOUT_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include "fwprobe_host_compat.h"
#endif

/* What a file holds, as sysfs_emit() writes it (one line each). */
enum fwp_kind {
	FWP_KIND_UDEC,		/* unsigned decimal */
	FWP_KIND_SDEC,		/* signed decimal: an SMCCC answer */
	FWP_KIND_HEX,		/* 0x and 1 to 16 hex digits */
	FWP_KIND_WORD,		/* a 32-bit result word: 0x and 8 hex digits */
	FWP_KIND_VERSION,	/* major.minor */
	FWP_KIND_BOOL,		/* 0 or 1 */
	FWP_KIND_TEXT,		/* printable text */
	FWP_KIND_REG,		/* FWP_KIND_HEX, or "unknown" */
	FWP_KIND_CONDUIT,	/* one of fwp_conduit_names */
	FWP_KIND_IDENTITY,	/* one of fwp_identity_names */
	FWP_KIND_CALL,		/* fn a1 a2 a3 x0 x1 x2 x3, hex */
	FWP_KIND_WRITE,		/* write-only: no value to read */
	FWP_KIND_CPULIST,	/* CPU numbers as ranges, "0-3,5" (%*pbl); may be empty */
	FWP_KIND_TABLES,	/* one of fwp_boot_tables_names: "acpi" or "dt" */
	FWP_KIND_VERDICT,	/* one of fwp_verdict_names: safe, unsafe, unknown */
	FWP_KIND_CAPS,		/* names of fwp_cpucaps, space-separated; may be empty */
	FWP_KIND_HWCAPS,	/* names of fwp_hwcaps, space-separated; may be empty */
	FWP_KIND_ERRATA,	/* names of fwp_errata, space-separated; may be empty */
	FWP_KIND_LIVE,		/* names of fwp_lives, space-separated; may be empty */
	FWP_KIND_NR
};

/* When a group's or a fixed file's files exist. */
enum fwp_presence {
	FWP_PRESENCE_ALWAYS,	/* in every tree */
	FWP_PRESENCE_OWN,	/* by its own rule: its call was answered */
	FWP_PRESENCE_LEAD,	/* exactly when the group's first file is there */
};

#define FWP_FILE(group, file, kind, presence)
#define FWP_GROUP(group, presence)	FWP_GROUP_##group,
enum fwp_group {
#include "fwprobe_layout_list.h"
	FWP_GROUP_NR
};

#undef FWP_GROUP
#undef FWP_FILE
#define FWP_GROUP(group, presence)
#define FWP_FILE(group, file, kind, presence)	FWP_FILE_##group##_##file,
enum fwp_file {
#include "fwprobe_layout_list.h"
	FWP_FILE_NR
};

#undef FWP_GROUP
#undef FWP_FILE

/* Words of the four-word files (uid_<i>, features_<i>): consecutive in the list. */
#define FWP_WORD_FILES		4

struct fwp_file_desc {
	enum fwp_group group;
	const char *name;
	enum fwp_kind kind;
	enum fwp_presence presence;
};

struct fwp_group_layout {
	const char *name;
	enum fwp_presence presence;
};

extern const struct fwp_file_desc fwp_files[FWP_FILE_NR];
extern const struct fwp_group_layout fwp_groups_layout[FWP_GROUP_NR];

/* How the guest describes its hardware (boot/tables), by FWP_BOOT_TABLES_*. */
enum fwp_boot_tables { FWP_BOOT_TABLES_DT, FWP_BOOT_TABLES_ACPI, FWP_BOOT_TABLES_NR };
extern const char *const fwp_boot_tables_names[FWP_BOOT_TABLES_NR];
/* boot/firmware_vendor and _version: SMBIOS strings, cut to this (NUL included). */
#define FWP_BOOT_TEXT_LEN	64

/* Longest file name, NUL included ("physical_realtime_offset_ns" is 28). */
#define FWP_FILE_NAME_LEN	32

/* Built groups: how many files, what each is called and holds. */
unsigned int fwp_file_count(enum fwp_group g);
void fwp_file_name(enum fwp_group g, unsigned int i, char *buf, size_t len);
enum fwp_kind fwp_file_kind(enum fwp_group g, unsigned int i);

/* A group's directory: "" for top; for cpu, the prefix of cpu<N>. */
static inline const char *fwp_group_dir(enum fwp_group g)
{
	return g == FWP_GROUP_top ? "" : fwp_groups_layout[g].name;
}

#endif
