/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where the GIC's frames are, as ACPI's MADT describes them: a walk of the
 * table's bytes, so that the module (on a guest booted with ACPI) and the
 * host unit tests (on good, truncated and bogus tables) run the same code.
 *
 * The layouts are the ACPI specification's (6.5, 5.2.12), read byte by byte
 * in little-endian order, never through the kernel's structs: their sizes
 * differ between kernels (the GICC entry is 80, 82 and 88 bytes in the 6.1,
 * 6.12 and 7.2 headers), and each subtable says its own length.
 */
#ifndef FWPROBE_MADT_H
#define FWPROBE_MADT_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include "fwprobe_host_compat.h"
#endif

/* The ACPI table header (36 bytes), then the local controller address and flags. */
#define FWP_MADT_HEADER_LEN		44	/* sizeof(struct acpi_table_madt) */
#define FWP_MADT_LENGTH_OFFSET		4	/* the header's u32 length: the whole table */

/* Subtable types (enum acpi_madt_type) and the length each must have at least. */
#define FWP_MADT_GICC			11
#define FWP_MADT_GICD			12
#define FWP_MADT_GICR			14
#define FWP_MADT_ITS			15
#define FWP_MADT_GICC_LEN		76	/* ACPI 5.1: up to arm_mpidr */
#define FWP_MADT_GICD_LEN		24
#define FWP_MADT_GICR_LEN		16
#define FWP_MADT_ITS_LEN		20
#define FWP_MADT_ENABLED		1	/* GICC flags: ACPI_MADT_ENABLED */
/* The MADT gives no size for these frames: the architecture's (GICv3, 12.1). */
#define FWP_GICD_SIZE			0x10000
#define FWP_GITS_SIZE			0x20000

/* What is wrong with a table or one of its subtables. */
enum fwp_madt_problem {
	FWP_MADT_TABLE_SHORT,		/* shorter than the MADT's own header: nothing read */
	FWP_MADT_TABLE_TRUNCATED,	/* longer than the bytes there are: those are walked */
	FWP_MADT_ENTRY_NO_LENGTH,	/* a subtable length under 2: the walk stops there */
	FWP_MADT_ENTRY_PAST_END,	/* a subtable runs past the table's end: the walk stops */
	FWP_MADT_ENTRY_SHORT,		/* too short for its type: skipped */
	FWP_MADT_ENTRY_NO_BASE,		/* base address (or GICR length) 0: skipped */
	FWP_MADT_REGION_SMALL,		/* a GICR region smaller than one frame: skipped */
	FWP_MADT_SECOND_GICD,		/* a GIC has one distributor: skipped */
	FWP_MADT_TOO_MANY,		/* more redistributors than room for them: skipped */
	FWP_MADT_NR_PROBLEMS
};

/**
 * struct fwp_madt_note - one problem the walk found
 * @what: the problem
 * @offset: where in the table, in bytes from its start
 * @type: the subtable's type (0 for a problem of the whole table)
 * @length: the subtable's length, or the table's
 */
struct fwp_madt_note {
	enum fwp_madt_problem what;
	u32 offset;
	u8 type;
	u32 length;
};

/**
 * struct fwp_gic_region - redistributor frames, one after another
 * @base: physical address of the first frame
 * @size: bytes of the region (GICR subtable); for a GICC's frame, the
 *	smallest frame (FWP_GICR_FRAME_SIZE): its own TYPER tells the rest
 * @one_frame: a GICC's own frame, not a region to walk to TYPER.Last
 * @offset: the subtable that described it, in bytes from the table's start
 */
struct fwp_gic_region {
	u64 base;
	u64 size;
	bool one_frame;
	u32 offset;
};

/**
 * struct fwp_madt_gic - the GIC frames of one MADT
 * @dist: the distributor's base, 0 when there is no GICD subtable
 * @dist_offset: where its subtable is
 * @version: the GICD's GIC version (0: the table leaves it to the hardware)
 * @its: the first ITS's base, 0 when none
 * @its_offset: where its subtable is
 * @nits: how many ITSs the table lists
 * @redist: the caller's array of @max_redist regions, filled in table order
 * @max_redist: its size (fwp_madt_max_regions() of the table is enough)
 * @nredist: regions stored
 */
struct fwp_madt_gic {
	u64 dist;
	u32 dist_offset;
	u8 version;
	u64 its;
	u32 its_offset;
	unsigned int nits;
	struct fwp_gic_region *redist;
	unsigned int max_redist;
	unsigned int nredist;
};

typedef void (*fwp_madt_note_fn)(void *ctx, const struct fwp_madt_note *note);

unsigned int fwp_madt_max_regions(size_t len);
unsigned int fwp_madt_walk(const void *table, size_t avail, struct fwp_madt_gic *gic,
			   fwp_madt_note_fn note, void *ctx);
const char *fwp_madt_problem_text(enum fwp_madt_problem what);

#endif
