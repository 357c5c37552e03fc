// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of the MADT walk (lib/fwprobe_madt.c) that fwprobe.ko runs
 * on a guest booted with ACPI: QEMU virt's own table as the bed's guests see
 * it, tables with several redistributor regions or per-CPU GICC frames, and
 * short, truncated, zero-length and bogus ones, which must be reported and
 * never read past their end (the walk gets a copy of exactly the bytes a
 * table has, so AddressSanitizer-free runs still catch an over-read below).
 *
 * Subtable layouts, types and lengths are written out here from the ACPI
 * specification (6.5, 5.2.12.14-5.2.12.18), not taken from lib/'s header.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fwprobe_madt.h"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "kselftest_harness.h"

enum { GICC = 11, GICD = 12, GICR = 14, ITS = 15 };

/* One subtable to build: @len 0 means its type's own length, LEN0 a length of 0. */
#define LEN0	256
struct entry {
	unsigned char type;
	unsigned int len;
	unsigned long long base;	/* GICC: gicr_base_address */
	unsigned int arg;		/* GICC: flags; GICR: length; GICD: version */
};

/* A problem expected: @entry is the subtable's index, -1 the whole table. */
struct problem {
	enum fwp_madt_problem what;
	int entry;
};

struct region {
	unsigned long long base, size;
	bool one_frame;
};

#define MAX_ENTRIES	12
#define MAX_EXPECTED	6

FIXTURE(madt) {
	unsigned char *table;
	size_t len;
	unsigned int offset[MAX_ENTRIES + 1];	/* of each subtable, then of the end */
	struct fwp_madt_note notes[8];
	unsigned int nnotes;
};

FIXTURE_VARIANT(madt) {
	struct entry e[MAX_ENTRIES];	/* up to the first with type 0 and len 0 */
	int header_len_delta;		/* the header's length minus the bytes built */
	int avail_delta;		/* the bytes given to the walk minus those built */
	unsigned int max_redist;	/* room for regions; 0: fwp_madt_max_regions() */
	unsigned long long dist, its;
	unsigned int version, nits;
	struct region redist[MAX_EXPECTED];	/* up to the first with base 0 */
	struct problem problems[MAX_EXPECTED];	/* in order, the first nproblems */
	unsigned int nproblems;
};

/* Little-endian stores, as ACPI lays its fields out. */
static void put(unsigned char *p, unsigned long long v, int bytes)
{
	for (int i = 0; i < bytes; i++)
		p[i] = v >> (8 * i);
}

static unsigned int entry_len(const struct entry *e)
{
	if (e->len)
		return e->len;
	switch (e->type) {
	case GICC: return 80;	/* ACPI 6.0-6.2, as QEMU 7.2 and 11.1 emit it */
	case GICD: return 24;
	case GICR: return 16;
	case ITS: return 20;
	}
	return 8;
}

static bool entry_end(const struct entry *e)
{
	return !e->type && !e->len;
}

/* Build the table: header, then each subtable, fields at the spec's offsets. */
FIXTURE_SETUP(madt)
{
	unsigned char buf[4096] = { 0 };
	size_t len = 44, cap;
	int i;

	memcpy(buf, "APIC", 4);
	buf[8] = 4;		/* revision */
	put(buf + 36, 0, 4);	/* local interrupt controller address */
	for (i = 0; i < MAX_ENTRIES && !entry_end(&variant->e[i]); i++) {
		const struct entry *e = &variant->e[i];
		unsigned char *p = buf + len;
		unsigned int l = entry_len(e);

		self->offset[i] = len;
		p[0] = e->type;
		p[1] = l & 0xff;
		switch (e->type) {
		case GICC:
			if (l >= 76) {
				put(p + 4, i, 4);		/* CPU interface number */
				put(p + 8, i, 4);		/* ACPI processor UID */
				put(p + 12, e->arg, 4);		/* flags */
				put(p + 60, e->base, 8);	/* gicr_base_address */
				put(p + 68, i, 8);		/* arm_mpidr */
			}
			break;
		case GICD:
			if (l >= 24) {
				put(p + 8, e->base, 8);
				p[20] = e->arg;
			}
			break;
		case GICR:
			if (l >= 16) {
				put(p + 4, e->base, 8);
				put(p + 12, e->arg, 4);
			}
			break;
		case ITS:
			if (l >= 20) {
				put(p + 4, i, 4);		/* translation ID */
				put(p + 8, e->base, 8);
			}
			break;
		}
		/* A bogus length (0, 1) must not stop the builder or overlap the next type. */
		len += l >= 2 && l < LEN0 ? l : 2;
	}
	self->offset[i] = len;
	put(buf + 4, len + variant->header_len_delta, 4);
	cap = len + variant->avail_delta;
	/* Exactly the bytes given: a read past them is a heap over-read. */
	self->table = malloc(cap ? cap : 1);
	ASSERT_NE(NULL, self->table);
	memcpy(self->table, buf, cap);
	self->len = cap;
}

FIXTURE_TEARDOWN(madt)
{
	free(self->table);
}

static void record(void *ctx, const struct fwp_madt_note *n)
{
	FIXTURE_DATA(madt) *self = ctx;

	if (self->nnotes < sizeof(self->notes) / sizeof(self->notes[0]))
		self->notes[self->nnotes] = *n;
	self->nnotes++;
}

#define GB		0x40000000ULL
#define QEMU_GICD	0x08000000ULL
#define QEMU_ITS	0x08080000ULL
#define QEMU_GICR	0x080a0000ULL
#define QEMU_GICR_LEN	0x00f60000U	/* 123 frames of 128 KiB */
#define QEMU_GICR2	0x4000000000ULL	/* QEMU virt's high region, past 123 vCPUs */
#define QEMU_GICR2_LEN	0x04000000U
#define ENABLED		1
#define Q_GICC		{ GICC, 0, 0, ENABLED }
#define Q_GICD		{ GICD, 0, QEMU_GICD, 3 }
#define Q_GICR		{ GICR, 0, QEMU_GICR, QEMU_GICR_LEN }
#define Q_ITS		{ ITS, 0, QEMU_ITS, 0 }
#define Q_FOUND		.dist = QEMU_GICD, .version = 3, .its = QEMU_ITS, .nits = 1
#define Q_REGION	{ QEMU_GICR, QEMU_GICR_LEN, false }

/* QEMU virt's MADT as the bed's 4-vCPU guests have it: GICD, GICCs, GICR, ITS. */
FIXTURE_VARIANT_ADD(madt, qemu_virt) {
	.e = { Q_GICD, Q_GICC, Q_GICC, Q_GICC, Q_GICC, Q_GICR, Q_ITS },
	Q_FOUND, .redist = { Q_REGION } };
/* Past 123 vCPUs QEMU adds its high region: both are walked. */
FIXTURE_VARIANT_ADD(madt, two_gicr_regions) {
	.e = { Q_GICD, Q_GICC, Q_GICR, { GICR, 0, QEMU_GICR2, QEMU_GICR2_LEN }, Q_ITS },
	Q_FOUND, .redist = { Q_REGION, { QEMU_GICR2, QEMU_GICR2_LEN, false } } };
/* No GICR subtable: each enabled GICC names its frame; a disabled one does not count. */
FIXTURE_VARIANT_ADD(madt, gicc_frames) {
	.e = { { GICC, 0, 0x0a000000, ENABLED }, { GICC, 0, 0x0a020000, ENABLED },
	       { GICC, 0, 0x0a040000, 0 }, { GICD, 0, 0x09000000, 4 } },
	.dist = 0x09000000, .version = 4,
	.redist = { { 0x0a000000, 0x20000, true }, { 0x0a020000, 0x20000, true } } };
/* GICC entries of the 6.12 (82) and 7.2 (88) headers, and a type of the future, are stepped over. */
FIXTURE_VARIANT_ADD(madt, longer_and_unknown_subtables) {
	.e = { { GICC, 82, 0, ENABLED }, { GICC, 88, 0, ENABLED }, { 0x7f, 7 }, Q_GICD, Q_GICR,
	       Q_ITS, Q_ITS },
	.dist = QEMU_GICD, .version = 3, .its = QEMU_ITS, .nits = 2, .redist = { Q_REGION } };
FIXTURE_VARIANT_ADD(madt, header_length_below_header) {
	.e = { Q_GICD, Q_GICR }, .header_len_delta = -(44 + 24 + 16 - 40),
	.problems = { { FWP_MADT_TABLE_SHORT, -1 } }, .nproblems = 1 };
FIXTURE_VARIANT_ADD(madt, fewer_bytes_than_a_header) {
	.avail_delta = -(44 - 20),
	.problems = { { FWP_MADT_TABLE_SHORT, -1 } }, .nproblems = 1 };
/* The header claims more than there is: walked up to the bytes there are. */
FIXTURE_VARIANT_ADD(madt, truncated_in_the_its) {
	.e = { Q_GICD, Q_GICR, Q_ITS }, .avail_delta = -10,
	.dist = QEMU_GICD, .version = 3, .redist = { Q_REGION },
	.problems = { { FWP_MADT_TABLE_TRUNCATED, -1 }, { FWP_MADT_ENTRY_PAST_END, 2 } },
	.nproblems = 2 };
/* The header's own length ends inside the GICR: the rest is not the table's. */
FIXTURE_VARIANT_ADD(madt, subtable_past_the_header_length) {
	.e = { Q_GICD, Q_GICR, Q_ITS }, .header_len_delta = -(20 + 8),
	.dist = QEMU_GICD, .version = 3,
	.problems = { { FWP_MADT_ENTRY_PAST_END, 1 } }, .nproblems = 1 };
/* A lone byte at the end: a type with no length byte. */
FIXTURE_VARIANT_ADD(madt, lone_last_byte) {
	.e = { Q_GICD, Q_GICR }, .header_len_delta = 1, .avail_delta = 1,
	.dist = QEMU_GICD, .version = 3, .redist = { Q_REGION },
	.problems = { { FWP_MADT_ENTRY_PAST_END, 2 } }, .nproblems = 1 };
/* Length 0 (or 1) cannot be stepped over: the walk stops, what came before stays. */
FIXTURE_VARIANT_ADD(madt, zero_length_subtable) {
	.e = { Q_GICD, { GICR, 0, 0, 0 }, { 0x7f, LEN0 }, Q_GICR, Q_ITS },
	.problems = { { FWP_MADT_ENTRY_NO_BASE, 1 }, { FWP_MADT_ENTRY_NO_LENGTH, 2 } },
	.dist = QEMU_GICD, .version = 3, .nproblems = 2 };
FIXTURE_VARIANT_ADD(madt, length_one_subtable) {
	.e = { { ITS, 1 }, Q_GICD },
	.problems = { { FWP_MADT_ENTRY_NO_LENGTH, 0 } }, .nproblems = 1 };
/* Subtables too short for their type are skipped, the walk goes on. */
FIXTURE_VARIANT_ADD(madt, short_subtables) {
	.e = { { GICC, 40, 0, ENABLED }, { GICD, 16, QEMU_GICD }, { GICR, 12, QEMU_GICR },
	       { ITS, 16, QEMU_ITS }, Q_GICD, Q_GICR },
	.dist = QEMU_GICD, .version = 3, .redist = { Q_REGION },
	.problems = { { FWP_MADT_ENTRY_SHORT, 0 }, { FWP_MADT_ENTRY_SHORT, 1 },
		      { FWP_MADT_ENTRY_SHORT, 2 }, { FWP_MADT_ENTRY_SHORT, 3 } },
	.nproblems = 4 };
FIXTURE_VARIANT_ADD(madt, bogus_values) {
	.e = { { GICD, 0, 0 }, Q_GICD, { GICD, 0, 0x1000 }, { GICR, 0, QEMU_GICR, 0 },
	       { GICR, 0, QEMU_GICR, 0x1000 }, { ITS, 0, 0 }, Q_GICR },
	.dist = QEMU_GICD, .version = 3, .redist = { Q_REGION },
	.problems = { { FWP_MADT_ENTRY_NO_BASE, 0 }, { FWP_MADT_SECOND_GICD, 2 },
		      { FWP_MADT_ENTRY_NO_BASE, 3 }, { FWP_MADT_REGION_SMALL, 4 },
		      { FWP_MADT_ENTRY_NO_BASE, 5 } },
	.nproblems = 5 };
/* More regions than the caller has room for: the rest are reported, not written. */
FIXTURE_VARIANT_ADD(madt, more_regions_than_room) {
	.e = { Q_GICD, Q_GICR, { GICR, 0, QEMU_GICR2, QEMU_GICR2_LEN } }, .max_redist = 1,
	.dist = QEMU_GICD, .version = 3, .redist = { Q_REGION },
	.problems = { { FWP_MADT_TOO_MANY, 2 } }, .nproblems = 1 };

TEST_F(madt, walk)
{
	struct fwp_gic_region regions[256];
	struct fwp_madt_gic gic = { .redist = regions };
	unsigned int problems, i, n = 0;

	gic.max_redist = variant->max_redist ?: fwp_madt_max_regions(self->len);
	ASSERT_LE(gic.max_redist, 256U);
	memset(regions, 0xa5, sizeof(regions));
	problems = fwp_madt_walk(self->table, self->len, &gic, record, self);

	for (i = 0; i < self->nnotes && i < 8; i++)
		TH_LOG("note: %s at offset %u (type %u, length %u)",
		       fwp_madt_problem_text(self->notes[i].what), self->notes[i].offset,
		       self->notes[i].type, self->notes[i].length);
	ASSERT_EQ(variant->nproblems, problems);
	ASSERT_EQ(problems, self->nnotes);
	for (i = 0; i < MAX_EXPECTED && i < problems; i++) {
		const struct problem *p = &variant->problems[i];

		ASSERT_EQ(p->what, self->notes[i].what);
		ASSERT_EQ(p->entry < 0 ? 0 : self->offset[p->entry], self->notes[i].offset);
	}

	ASSERT_EQ(variant->dist, gic.dist);
	if (variant->dist)
		ASSERT_EQ(variant->version, gic.version);
	ASSERT_EQ(variant->its, gic.its);
	ASSERT_EQ(variant->nits, gic.nits);
	while (n < MAX_EXPECTED && variant->redist[n].base)
		n++;
	ASSERT_EQ(n, gic.nredist);
	for (i = 0; i < n; i++) {
		TH_LOG("region %u: %#llx + %#llx%s", i, (unsigned long long)gic.redist[i].base,
		       (unsigned long long)gic.redist[i].size,
		       gic.redist[i].one_frame ? " (one frame)" : "");
		ASSERT_EQ(variant->redist[i].base, gic.redist[i].base);
		ASSERT_EQ(variant->redist[i].size, gic.redist[i].size);
		ASSERT_EQ(variant->redist[i].one_frame, gic.redist[i].one_frame);
	}
}

/* The callers size their region array from the table: every region fits. */
TEST(max_regions_bound)
{
	ASSERT_EQ(1U, fwp_madt_max_regions(0));
	ASSERT_EQ(1U, fwp_madt_max_regions(44));
	ASSERT_EQ(1U, fwp_madt_max_regions(44 + 15));
	ASSERT_EQ(2U, fwp_madt_max_regions(44 + 16));
	ASSERT_EQ(3U, fwp_madt_max_regions(44 + 32));
}

TEST(every_problem_has_text)
{
	for (int p = 0; p < FWP_MADT_NR_PROBLEMS; p++) {
		ASSERT_NE(NULL, fwp_madt_problem_text(p));
		ASSERT_NE(0, strcmp("unknown problem", fwp_madt_problem_text(p)));
	}
	ASSERT_STREQ("unknown problem", fwp_madt_problem_text(FWP_MADT_NR_PROBLEMS));
}

TEST_HARNESS_MAIN
