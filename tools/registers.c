// SPDX-License-Identifier: GPL-2.0
/*
 * Register rules (Documentation/firmware-facts.md, "Comparison rules"):
 * PSCI_VERSION and the bitmaps must be equal, because a VMM restores them
 * verbatim; the workaround registers are not a knob (KVM reports the host's
 * level and refuses only a *less* protected one), so they are ordered.
 */
#include <string.h>

#include "format.h"
#include "registers.h"

#define WA2_ENABLED	FWP_SMCCC_ARCH_WORKAROUND_2_ENABLED	/* valid only with AVAIL */
#define WA2_AVAIL	FWP_SMCCC_ARCH_WORKAROUND_2_AVAIL

struct reg_desc {
	enum reg_rule rule;
	const char *const *names;	/* levels by value, or bit names by bit */
	unsigned int nnames;
	bool wa2_enabled;		/* accepts AVAIL|ENABLED (0x12) */
	int kvm_bit_base;		/* bit n = KVM function base + n; -1: use names */
};

/* Level names by value, bit names by bit: KVM's uapi names (lib/fwprobe_abi.h). */
static const char *const wa_levels[FWP_SMCCC_ARCH_WORKAROUND_LEVELS] = {
	[FWP_SMCCC_ARCH_WORKAROUND_NOT_AVAIL]		= "NOT_AVAIL",
	[FWP_SMCCC_ARCH_WORKAROUND_AVAIL]		= "AVAIL",
	[FWP_SMCCC_ARCH_WORKAROUND_NOT_REQUIRED]	= "NOT_REQUIRED",
};
static const char *const wa2_levels[FWP_SMCCC_ARCH_WORKAROUND_2_LEVELS] = {
	[FWP_SMCCC_ARCH_WORKAROUND_2_NOT_AVAIL]		= "NOT_AVAIL",
	[FWP_SMCCC_ARCH_WORKAROUND_2_UNKNOWN]		= "UNKNOWN",
	[FWP_SMCCC_ARCH_WORKAROUND_2_AVAIL]		= "AVAIL",
	[FWP_SMCCC_ARCH_WORKAROUND_2_NOT_REQUIRED]	= "NOT_REQUIRED",
};
static const char *const std_bits[] = { [FWP_STD_BIT_TRNG_V1_0] = "TRNG" };
static const char *const std_hyp_bits[] = { [FWP_STD_HYP_BIT_PV_TIME] = "PV_TIME" };

#define LEVELS(t)		.rule = REG_AT_LEAST, .names = t, .nnames = ARRAY_SIZE(t), .kvm_bit_base = -1
#define BITS(t)			.rule = REG_EXACT_BITS, .names = t, .nnames = ARRAY_SIZE(t), .kvm_bit_base = -1
/* Vendor bitmaps name their bits after KVM's function numbers (lib's table). */
#define KVM_BITS(base, n)	.rule = REG_EXACT_BITS, .nnames = n, .kvm_bit_base = base

static const struct reg_desc reg_descs[FWP_REG_NR] = {
	[FWP_REG_PSCI_VERSION]		= { .rule = REG_EXACT_VERSION, .kvm_bit_base = -1 },
	[FWP_REG_WORKAROUND_1]		= { LEVELS(wa_levels) },
	[FWP_REG_WORKAROUND_2]		= { LEVELS(wa2_levels), .wa2_enabled = true },
	[FWP_REG_WORKAROUND_3]		= { LEVELS(wa_levels) },
	[FWP_REG_STD_BMAP]		= { BITS(std_bits) },
	[FWP_REG_STD_HYP_BMAP]		= { BITS(std_hyp_bits) },
	[FWP_REG_VENDOR_HYP_BMAP]	= { KVM_BITS(FWP_KVM_FEAT_FUNC_FEAT, FWP_VENDOR_HYP_BMAP_WIDTH) },
	[FWP_REG_VENDOR_HYP_BMAP_2]	= { KVM_BITS(FWP_KVM_FEAT_DISCOVER_IMPL_VER,
						     FWP_VENDOR_HYP_BMAP_WIDTH) },
};

/** reg_lookup() - register index of a name, or -1 if it is not one. */
int reg_lookup(const char *name)
{
	int i;

	for (i = 0; i < FWP_REG_NR; i++)
		if (!strcmp(fwp_reg_names[i], name))
			return i;
	return -1;
}

/** reg_rule() - how the register is compared (equal, or not worse than). */
enum reg_rule reg_rule(enum fwp_reg_id id)
{
	return reg_descs[id].rule;
}

/* Bits a machine type may name: exactly the named ones. */
static uint64_t known_bits(const struct reg_desc *d)
{
	return (1ULL << d->nnames) - 1;
}

static bool level_valid(const struct reg_desc *d, uint64_t v)
{
	return v < d->nnames || (d->wa2_enabled && v == (WA2_ENABLED | WA2_AVAIL));
}

/* Workaround levels order by protection; ENABLED is a state of AVAIL, not a level. */
static uint64_t level_rank(const struct reg_desc *d, uint64_t v)
{
	return d->wa2_enabled ? v & ~(uint64_t)WA2_ENABLED : v;
}

/**
 * reg_bit_name() - name of one bit of a bitmap register
 * @id: the register
 * @bit: bit number 0..63
 * @buf: output; "bitN" when the bit has no name
 * @len: size of @buf
 */
void reg_bit_name(enum fwp_reg_id id, unsigned int bit, char *buf, size_t len)
{
	const struct reg_desc *d = &reg_descs[id];

	if (d->kvm_bit_base >= 0)
		snprintf(buf, len, "%s", fwp_kvm_feature_name(d->kvm_bit_base + bit));
	else if (d->names && bit < d->nnames)
		snprintf(buf, len, "%s", d->names[bit]);
	else
		snprintf(buf, len, "bit%u", bit);
}

/** reg_bits_text() - "FUNC_FEAT|PTP" for a set of bits; "none" for 0. */
void reg_bits_text(enum fwp_reg_id id, uint64_t bits, char *buf, size_t len)
{
	char name[32];
	size_t used = 0;
	unsigned int bit;

	snprintf(buf, len, "none");
	for (bit = 0; bit < 64; bit++) {
		if (!(bits >> bit & 1))
			continue;
		reg_bit_name(id, bit, name, sizeof(name));
		fmt_append(buf, len, &used, "%s%s", used ? "|" : "", name);
	}
}

/**
 * reg_describe() - a value decoded for people: "1.1", "AVAIL", "FUNC_FEAT|PTP"
 * @id: the register
 * @v: its value (need not be valid)
 * @buf: output
 * @len: size of @buf
 */
void reg_describe(enum fwp_reg_id id, uint64_t v, char *buf, size_t len)
{
	const struct reg_desc *d = &reg_descs[id];
	char ver[FMT_VERSION_MAX];

	switch (d->rule) {
	case REG_EXACT_VERSION:
		snprintf(buf, len, "%s", v >> 32 ? "invalid" : fmt_version(ver, (uint32_t)v));
		break;
	case REG_AT_LEAST:
		if (!level_valid(d, v))
			snprintf(buf, len, "invalid");
		else if (v < d->nnames)
			snprintf(buf, len, "%s", d->names[v]);
		else
			snprintf(buf, len, "%s|ENABLED", d->names[WA2_AVAIL]);
		break;
	case REG_EXACT_BITS:
		reg_bits_text(id, v, buf, len);
		break;
	}
}

static void list_levels(const struct reg_desc *d, char *buf, size_t len)
{
	size_t used = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; i < d->nnames; i++)
		fmt_append(buf, len, &used, "%s0x%x (%s)", i ? ", " : "", i, d->names[i]);
	if (d->wa2_enabled)
		fmt_append(buf, len, &used, ", 0x%x (%s|ENABLED)",
			   (unsigned int)(WA2_ENABLED | WA2_AVAIL),
			   d->names[WA2_AVAIL]);
}

/**
 * reg_check() - is @v a value this register can hold?
 * @id: the register
 * @v: value from a machine-type file
 * @why: on failure, what is wrong with it (starting with the value)
 *
 * Return: 0 if valid, -1 otherwise.
 */
int reg_check(enum fwp_reg_id id, uint64_t v, struct fwp_err *why)
{
	const struct reg_desc *d = &reg_descs[id];
	char hex[FMT_HEX_MAX], allowed[REG_TEXT_MAX];
	uint64_t unknown;
	unsigned int bit;

	fmt_hex(hex, v);
	switch (d->rule) {
	case REG_EXACT_VERSION:
		if (v >> 32)
			return fwp_fail(why, "%s is wider than 32 bits", hex);
		if (v >> 31)
			return fwp_fail(why, "%s has bit 31 set; a PSCI version is major<<16|minor with bit 31 clear (0x10001 is 1.1)",
					hex);
		return 0;
	case REG_AT_LEAST:
		if (level_valid(d, v))
			return 0;
		list_levels(d, allowed, sizeof(allowed));
		return fwp_fail(why, "%s is not a level of this register; valid: %s", hex, allowed);
	case REG_EXACT_BITS:
		unknown = v & ~known_bits(d);
		if (!unknown)
			return 0;
		bit = (unsigned int)__builtin_ctzll(unknown);
		reg_bits_text(id, known_bits(d), allowed, sizeof(allowed));
		return fwp_fail(why, "%s sets bit %u (0x%llx), which is not a known bit of this register; known: %s",
				hex, bit, 1ULL << bit, allowed);
	}
	return 0;
}

/** reg_satisfies() - does the guest's @actual meet the expected value? */
bool reg_satisfies(enum fwp_reg_id id, uint64_t expected, uint64_t actual)
{
	const struct reg_desc *d = &reg_descs[id];

	if (d->rule == REG_AT_LEAST)
		return level_rank(d, actual) >= level_rank(d, expected);
	return actual == expected;
}
