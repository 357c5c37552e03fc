// SPDX-License-Identifier: GPL-2.0
/*
 * The MADT walk of fwprobe_madt.h. Every read is bounds-checked against the
 * smaller of the table's own length and what the caller has of it, so a
 * truncated or bogus table is reported, never read past its end.
 */
#include "fwprobe_madt.h"
#include "fwprobe_hwregs.h"

static u32 fwp_le32(const u8 *p)
{
	return (u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
}

static u64 fwp_le64(const u8 *p)
{
	return (u64)fwp_le32(p) | (u64)fwp_le32(p + 4) << 32;
}

static const char *const fwp_madt_problems[FWP_MADT_NR_PROBLEMS] = {
	[FWP_MADT_TABLE_SHORT]		= "table shorter than the MADT header",
	[FWP_MADT_TABLE_TRUNCATED]	= "table longer than the bytes mapped of it",
	[FWP_MADT_ENTRY_NO_LENGTH]	= "subtable length below its own 2-byte header",
	[FWP_MADT_ENTRY_PAST_END]	= "subtable runs past the table's end",
	[FWP_MADT_ENTRY_SHORT]		= "subtable too short for its type",
	[FWP_MADT_ENTRY_NO_BASE]	= "subtable with a zero base address or length",
	[FWP_MADT_REGION_SMALL]		= "redistributor region smaller than one frame",
	[FWP_MADT_SECOND_GICD]		= "second GIC distributor",
	[FWP_MADT_TOO_MANY]		= "more redistributor regions than room for them",
};

/** fwp_madt_problem_text() - what @what means, for a log line. */
const char *fwp_madt_problem_text(enum fwp_madt_problem what)
{
	return what < FWP_MADT_NR_PROBLEMS ? fwp_madt_problems[what] : "unknown problem";
}

/**
 * fwp_madt_max_regions() - redistributor regions a table of @len bytes can describe
 * @len: the table's length
 *
 * Each needs a subtable of FWP_MADT_GICR_LEN bytes at least.
 *
 * Return: an upper bound, at least 1.
 */
unsigned int fwp_madt_max_regions(size_t len)
{
	if (len <= FWP_MADT_HEADER_LEN)
		return 1;
	return (len - FWP_MADT_HEADER_LEN) / FWP_MADT_GICR_LEN + 1;
}

static void fwp_madt_note(fwp_madt_note_fn fn, void *ctx, unsigned int *n,
			  enum fwp_madt_problem what, u32 offset, u8 type, u32 length)
{
	struct fwp_madt_note note = { what, offset, type, length };

	(*n)++;
	if (fn)
		fn(ctx, &note);
}

static bool fwp_madt_add_redist(struct fwp_madt_gic *gic, u64 base, u64 size, bool one_frame,
				u32 offset)
{
	struct fwp_gic_region *r;

	if (gic->nredist >= gic->max_redist)
		return false;
	r = &gic->redist[gic->nredist++];
	r->base = base;
	r->size = size;
	r->one_frame = one_frame;
	r->offset = offset;
	return true;
}

/* The GIC frames one subtable of @len bytes at @e describes; a problem, or NR if none. */
static enum fwp_madt_problem fwp_madt_entry(struct fwp_madt_gic *gic, const u8 *e, u8 len,
					    u32 offset)
{
	u64 base;

	switch (e[0]) {
	case FWP_MADT_GICC:
		if (len < FWP_MADT_GICC_LEN)
			return FWP_MADT_ENTRY_SHORT;
		base = fwp_le64(e + 60);	/* gicr_base_address */
		/* A disabled CPU, or a GIC whose redistributors GICR subtables list. */
		if (!(fwp_le32(e + 12) & FWP_MADT_ENABLED) || !base)
			return FWP_MADT_NR_PROBLEMS;
		if (!fwp_madt_add_redist(gic, base, FWP_GICR_FRAME_SIZE, true, offset))
			return FWP_MADT_TOO_MANY;
		break;
	case FWP_MADT_GICD:
		if (len < FWP_MADT_GICD_LEN)
			return FWP_MADT_ENTRY_SHORT;
		if (gic->dist)
			return FWP_MADT_SECOND_GICD;
		base = fwp_le64(e + 8);
		if (!base)
			return FWP_MADT_ENTRY_NO_BASE;
		gic->dist = base;
		gic->dist_offset = offset;
		gic->version = e[20];
		break;
	case FWP_MADT_GICR:
		if (len < FWP_MADT_GICR_LEN)
			return FWP_MADT_ENTRY_SHORT;
		base = fwp_le64(e + 4);
		if (!base || !fwp_le32(e + 12))
			return FWP_MADT_ENTRY_NO_BASE;
		if (fwp_le32(e + 12) < FWP_GICR_FRAME_SIZE)
			return FWP_MADT_REGION_SMALL;
		if (!fwp_madt_add_redist(gic, base, fwp_le32(e + 12), false, offset))
			return FWP_MADT_TOO_MANY;
		break;
	case FWP_MADT_ITS:
		if (len < FWP_MADT_ITS_LEN)
			return FWP_MADT_ENTRY_SHORT;
		base = fwp_le64(e + 8);
		if (!base)
			return FWP_MADT_ENTRY_NO_BASE;
		/* GITS_IIDR and GITS_TYPER are the VM's: the first ITS stands for all. */
		if (!gic->nits++) {
			gic->its = base;
			gic->its_offset = offset;
		}
		break;
	}
	return FWP_MADT_NR_PROBLEMS;
}

/**
 * fwp_madt_walk() - find the GIC's frames in a MADT
 * @table: the table, from its ACPI header on
 * @avail: bytes readable at @table (the kernel maps the header's length)
 * @gic: zeroed, with @gic->redist and @gic->max_redist set by the caller
 * @note: called for each problem (may be NULL)
 * @ctx: passed to @note
 *
 * Subtables are walked from the end of the MADT header to the table's end,
 * each by its own length. A subtable that cannot be stepped over (length
 * under 2, or past the end) stops the walk; one that is only wrong is
 * skipped. What was found before a problem is kept.
 *
 * Return: the number of problems.
 */
unsigned int fwp_madt_walk(const void *table, size_t avail, struct fwp_madt_gic *gic,
			   fwp_madt_note_fn note, void *ctx)
{
	const u8 *t = table;
	unsigned int problems = 0;
	enum fwp_madt_problem p;
	u32 len, off;
	u8 elen;

	if (avail < FWP_MADT_HEADER_LEN) {
		fwp_madt_note(note, ctx, &problems, FWP_MADT_TABLE_SHORT, 0, 0, avail);
		return problems;
	}
	len = fwp_le32(t + FWP_MADT_LENGTH_OFFSET);
	if (len < FWP_MADT_HEADER_LEN) {
		fwp_madt_note(note, ctx, &problems, FWP_MADT_TABLE_SHORT, 0, 0, len);
		return problems;
	}
	if (len > avail) {
		fwp_madt_note(note, ctx, &problems, FWP_MADT_TABLE_TRUNCATED, 0, 0, len);
		len = avail;
	}
	for (off = FWP_MADT_HEADER_LEN; off < len; off += elen) {
		/* A lone last byte: a type whose length byte is past the end. */
		elen = len - off < 2 ? 2 : t[off + 1];
		if (elen < 2)
			p = FWP_MADT_ENTRY_NO_LENGTH;
		else if (elen > len - off)
			p = FWP_MADT_ENTRY_PAST_END;
		else
			p = fwp_madt_entry(gic, t + off, elen, off);
		if (p == FWP_MADT_NR_PROBLEMS)
			continue;
		fwp_madt_note(note, ctx, &problems, p, off, t[off], elen);
		/* Without a length to step by, nothing after it can be found. */
		if (p == FWP_MADT_ENTRY_NO_LENGTH || p == FWP_MADT_ENTRY_PAST_END)
			break;
	}
	return problems;
}
