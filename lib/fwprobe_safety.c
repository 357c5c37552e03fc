// SPDX-License-Identifier: GPL-2.0
/*
 * The safety verdict over one probe (fwprobe_safety.h): shared by fwprobe.ko,
 * which fills in what the kernel decided at boot and each vCPU's capability
 * bits, and the host tests.
 */
#include "fwprobe_safety.h"

const struct fwp_cpucap_desc fwp_cpucaps[FWP_CAP_NR] = {
#define FWP_CPUCAP(_name, _breaks)	{ #_name, FWP_BREAKS_##_breaks },
#define FWP_CPUCAP_SINCE(_name, _breaks, _version)	{ #_name, FWP_BREAKS_##_breaks },
#include "fwprobe_cpucap_list.h"
#undef FWP_CPUCAP_SINCE
#undef FWP_CPUCAP
};

const struct fwp_cpucap_desc fwp_errata[FWP_ERR_NR] = {
#define FWP_ERRATUM(_name, _breaks)	{ #_name, FWP_BREAKS_##_breaks },
#include "fwprobe_erratum_list.h"
#undef FWP_ERRATUM
};

const struct fwp_cpucap_desc fwp_lives[FWP_LIVE_NR] = {
#define FWP_LIVE(_name, _breaks)	{ #_name, FWP_BREAKS_##_breaks },
#include "fwprobe_live_list.h"
#undef FWP_LIVE
};

const struct fwp_hwcap_desc fwp_hwcaps[FWP_HWCAP_NR] = {
#define FWP_HWCAP(_name, _word, _bit, _reg, _field, _min)			\
	{ #_name, _word, _bit, FWP_HW_##_reg, #_field, _min },
#define FWP_COMPAT_HWCAP(_name, _kbit, _reg, _field, _min)			\
	{ #_name, 0, 0, FWP_HW_##_reg, #_field, _min },
#define FWP_COMPAT_HWCAP_SINCE(_name, _kbit, _reg, _field, _min, _version)	\
	FWP_COMPAT_HWCAP(_name, _kbit, _reg, _field, _min)
#include "fwprobe_hwcap_list.h"
#undef FWP_COMPAT_HWCAP_SINCE
#undef FWP_COMPAT_HWCAP
#undef FWP_HWCAP
};

const char *const fwp_breaks_names[FWP_BREAKS_NR] = {
	[FWP_BREAKS_KERNEL] = "kernel",
	[FWP_BREAKS_PROCESSES] = "processes",
	[FWP_BREAKS_SILENT] = "silent",
};

const char *const fwp_verdict_names[FWP_VERDICT_NR] = {
	[FWP_VERDICT_SAFE] = "safe",
	[FWP_VERDICT_UNSAFE] = "unsafe",
	[FWP_VERDICT_UNKNOWN] = "unknown",
};

const char *const fwp_safety_kind_names[FWP_SAFETY_TABLES] = {
#define FWP_SAFETY_TABLE(_table, _kind, _boot, _now, _boot_file, _now_file)	\
	[FWP_SAFETY_##_table] = #_kind,
#include "fwprobe_safety_table_list.h"
#undef FWP_SAFETY_TABLE
};

/** fwp_safety_count() - the entries of table @t. */
unsigned int fwp_safety_count(enum fwp_safety_table t)
{
	static const unsigned int counts[FWP_SAFETY_TABLES] = {
		[FWP_SAFETY_CAPS] = FWP_CAP_NR, [FWP_SAFETY_ERRATA] = FWP_ERR_NR,
		[FWP_SAFETY_HWCAPS] = FWP_HWCAP_NR, [FWP_SAFETY_LIVE] = FWP_LIVE_NR,
	};

	return counts[t];
}

/* The tables of struct fwp_cpucap_desc; the HWCAPs' (fwp_hwcaps) are of their own type. */
static const struct fwp_cpucap_desc *const fwp_safety_descs[FWP_SAFETY_TABLES] = {
	[FWP_SAFETY_CAPS] = fwp_cpucaps, [FWP_SAFETY_ERRATA] = fwp_errata,
	[FWP_SAFETY_LIVE] = fwp_lives,
};

/** fwp_safety_name() - the name of entry @i of table @t. */
const char *fwp_safety_name(enum fwp_safety_table t, unsigned int i)
{
	if (t == FWP_SAFETY_HWCAPS)
		return fwp_hwcaps[i].name;
	return fwp_safety_descs[t][i].name;
}

/** fwp_safety_breaks() - what losing entry @i of table @t breaks. */
enum fwp_breaks fwp_safety_breaks(enum fwp_safety_table t, unsigned int i)
{
	if (t == FWP_SAFETY_HWCAPS)
		return FWP_BREAKS_PROCESSES;	/* only processes were told */
	return fwp_safety_descs[t][i].breaks;
}

/* The bitmaps fit their words. */
static_assert(FWP_CAP_NR <= 64 && FWP_ERR_NR <= 64 && FWP_LIVE_NR <= 64);
static_assert(FWP_HWCAP_NR <= 64 * FWP_HWCAP_WORDS);

#define FWP_LONG_BITS	(8 * sizeof(unsigned long))

static const struct fwp_hwreg_field *fwp_hwcap_field(const struct fwp_hwcap_desc *h)
{
	const struct fwp_hwreg_field *f = NULL;
	unsigned int i, n;

	f = fwp_hw_fields(h->reg, &n);
	for (i = 0; f && i < n; i++)
		if (!strcmp(f[i].name, h->field))
			return &f[i];
	return NULL;
}

/* fwp_hwcap_value_met() with @h's field @f already looked up (NULL: none). */
static int fwp_field_met(const struct fwp_hwcap_desc *h, const struct fwp_hwreg_field *f, u64 v)
{
	if (!f)
		return -1;
	v = fwp_hw_field(f, v);
	if (f->rule == FWP_FIELD_SLOWER && (v >> (f->width - 1)))
		return 0;	/* negative: below every least value we list */
	return v >= h->min;
}

/* fwp_hwcap_met() with @h's field @f already looked up. */
static int fwp_cpu_met(const struct fwp_hwcap_desc *h, const struct fwp_hwreg_field *f,
		       const struct fwp_hw_cpu *c)
{
	if (!fwp_hw_bit(c->present, h->reg))
		return -1;	/* its register not read */
	return fwp_field_met(h, f, c->reg[h->reg]);
}

static bool fwp_any(const u64 *bits)
{
	unsigned int w;

	for (w = 0; w < FWP_HWCAP_WORDS; w++)
		if (bits[w])
			return true;
	return false;
}

/**
 * fwp_hwcap_value_met() - does a register value give a HWCAP?
 * @h: the HWCAP
 * @v: a value of its register
 *
 * The kernel's rule for a HWCAP: its ID register field at least the least
 * value, compared signed where the field is signed (FP and AdvSIMD: 0xf is
 * "not implemented"), as the kernel's sanitised view of it would be.
 *
 * Return: 1 when it does, 0 when not, -1 when the table names a field
 * fwprobe_hwreg_fields.h lacks (the host tests rule that out).
 */
int fwp_hwcap_value_met(const struct fwp_hwcap_desc *h, u64 v)
{
	return fwp_field_met(h, fwp_hwcap_field(h), v);
}

/**
 * fwp_hwcap_met() - does a vCPU still offer a HWCAP?
 * @h: the HWCAP
 * @c: what the vCPU read
 *
 * Return: as fwp_hwcap_value_met(); -1 also when the register was not read.
 */
int fwp_hwcap_met(const struct fwp_hwcap_desc *h, const struct fwp_hw_cpu *c)
{
	return fwp_cpu_met(h, fwp_hwcap_field(h), c);
}

static bool fwp_online(const struct fwp_hw_view *hw, unsigned int cpu)
{
	return (hw->online[cpu / FWP_LONG_BITS] >> (cpu % FWP_LONG_BITS)) & 1;
}

/**
 * fwp_safety_eval() - the verdict over the online vCPUs of @hw
 * @sf: its @caps_boot, @errata_boot and @hwcaps_boot filled in; the rest is
 *	set here (@duration_ns: the vCPUs' tests; the caller adds this call's)
 * @hw: the registers and capability bits read; each vCPU's @unsafe is set
 *
 * A vCPU is unsafe when it fails a capability the kernel enabled, lacks a
 * HWCAP processes were given or something tasks took from the vCPU itself
 * (fwprobe_live_list.h), or needs an erratum workaround the kernel did not
 * enable (the kernel's own rule for a late CPU: it refuses one
 * that needs a workaround it has not got). An offline vCPU is not judged:
 * the kernel runs its own test (verify_local_cpu_capabilities()) when one
 * comes online.
 */
void fwp_safety_eval(struct fwp_safety *sf, struct fwp_hw_view *hw)
{
	const struct fwp_hwreg_field *f;
	const struct fwp_hwcap_desc *h;
	unsigned int cpu, i;
	int met;

	sf->caps_lost = 0;
	sf->errata_needed = 0;
	sf->live_lost = 0;
	sf->duration_ns = 0;
	memset(sf->hwcaps_lost, 0, sizeof(sf->hwcaps_lost));
	memset(sf->hwcaps_unknown, 0, sizeof(sf->hwcaps_unknown));
	for (cpu = 0; cpu < hw->ncpus; cpu++) {
		struct fwp_hw_cpu *c = &hw->cpu[cpu];

		c->unsafe = false;
		if (!fwp_online(hw, cpu))
			continue;
		sf->duration_ns += c->safety_ns;
		c->unsafe = (sf->caps_boot & ~c->caps) || (c->errata & ~sf->errata_boot) ||
			    (sf->live_boot & ~c->live);
		sf->caps_lost |= sf->caps_boot & ~c->caps;
		sf->live_lost |= sf->live_boot & ~c->live;
		sf->errata_needed |= c->errata & ~sf->errata_boot;
	}
	/* HWCAP by HWCAP, so that each one's field is looked up once, not per vCPU. */
	for (i = 0; i < FWP_HWCAP_NR; i++) {
		if (!fwp_hw_bit(sf->hwcaps_boot, i))
			continue;
		h = &fwp_hwcaps[i];
		f = fwp_hwcap_field(h);
		for (cpu = 0; cpu < hw->ncpus; cpu++) {
			struct fwp_hw_cpu *c = &hw->cpu[cpu];

			if (!fwp_online(hw, cpu))
				continue;
			met = fwp_cpu_met(h, f, c);
			if (met < 0) {
				fwp_hw_set(sf->hwcaps_unknown, i);
			} else if (!met) {
				fwp_hw_set(sf->hwcaps_lost, i);
				c->unsafe = true;
			}
		}
	}
	if (sf->caps_lost || sf->errata_needed || sf->live_lost || fwp_any(sf->hwcaps_lost))
		sf->verdict = FWP_VERDICT_UNSAFE;
	else if (fwp_any(sf->hwcaps_unknown))
		sf->verdict = FWP_VERDICT_UNKNOWN;
	else
		sf->verdict = FWP_VERDICT_SAFE;
}
