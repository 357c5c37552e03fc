// SPDX-License-Identifier: GPL-2.0
/*
 * Comparing the hardware registers (cpu_registers, gic_registers) with a
 * machine type. A register with named fields is compared field by field by
 * each field's rule (lib/fwprobe_hwreg_fields.h, KVM's FTR_LOWER_SAFE etc.),
 * the bits no field names exactly, as one remainder; a register without
 * fields exactly, as a whole. Every difference is drift; its verdict says
 * whether a guest set up with the machine type survives it, so a reader can
 * tell a better host from a broken one.
 *
 * Per-vCPU registers are compared vCPU by vCPU, and identical differences on
 * several vCPUs become one line that names them (no vCPU is named when every
 * vCPU compared shows it).
 */
#include <string.h>

#include "format.h"
#include "hwdiff.h"

/* One difference seen on one vCPU, before it is merged with the other vCPUs'. */
struct seen {
	const char *field;		/* NULL: whole register; DIFF_UNNAMED_BITS */
	enum drift_rule rule;
	const char *verdict;		/* NULL: the guest lacks the register */
	bool survivable;
	char expected[DIFF_VALUE_MAX], actual[DIFF_VALUE_MAX];
};

static int64_t field_signed(const struct fwp_hwreg_field *f, uint64_t v)
{
	uint64_t sign = 1ULL << (f->width - 1);

	return (int64_t)((v ^ sign) - sign);
}

/*
 * Field values: levels and counts (up to 8 bits) in decimal, a negative
 * signed field says so; wider fields are codes (GIC IIDR.Implementer, a
 * JEP106 code), in hex.
 */
static void field_text(const struct fwp_hwreg_field *f, uint64_t v, char buf[DIFF_VALUE_MAX])
{
	if (f->width > 8)
		fmt_hex(buf, v);
	else if (f->rule == FWP_FIELD_SLOWER && field_signed(f, v) < 0)
		snprintf(buf, DIFF_VALUE_MAX, "%llu (signed %lld)", (unsigned long long)v,
			 (long long)field_signed(f, v));
	else
		snprintf(buf, DIFF_VALUE_MAX, "%llu", (unsigned long long)v);
}

/*
 * Whether a guest set up with @want survives seeing @got. Lower-safe fields
 * describe features: more is fine, less removes one. Higher-safe fields
 * describe sizes a guest must not exceed (CTR_EL0.CWG): the reverse.
 */
static const char *verdict(enum fwp_field_rule rule, int64_t want, int64_t got, bool *survivable)
{
	*survivable = false;
	switch (rule) {
	case FWP_FIELD_LOWER:
	case FWP_FIELD_SLOWER:
		*survivable = got > want;
		return got > want ? "higher than the machine type: a guest set up with it survives" :
				    "feature removed: a guest that uses it can fail";
	case FWP_FIELD_HIGHER:
		*survivable = got < want;
		return got < want ? "lower than the machine type: a guest set up with it survives" :
				    "higher than the machine type: a guest set up with it can fail";
	default:
		return "must be equal";
	}
}

/* Add @s for @cpu to the entries of this register since @start, merging with an identical one. */
static void record(struct drift_report *out, unsigned int start, enum fwp_hwreg reg, int cpu,
		   const struct seen *s)
{
	struct drift *d;
	unsigned int i;

	for (i = start; i < out->n; i++) {
		d = &out->d[i];
		if (drift_same_field(d->field, s->field) && !strcmp(d->expected, s->expected) &&
		    !strcmp(d->actual, s->actual)) {
			if (cpu >= 0)
				drift_add_vcpu(d, (unsigned int)cpu, out->ncpus);
			return;
		}
	}
	d = diff_add(out, DIFF_KEY_HW, fwp_hwregs[reg].name);
	if (!d)
		return;
	d->hwreg = reg;
	d->field = s->field;
	d->rule = s->rule;
	d->verdict = s->verdict;
	d->survivable = s->survivable;
	if (cpu >= 0)
		drift_add_vcpu(d, (unsigned int)cpu, out->ncpus);
	d->kvm_id = fwp_hw_kvm_id(reg);
	hw_kvm_label(reg, d->label);
	snprintf(d->expected, sizeof(d->expected), "%s", s->expected);
	snprintf(d->actual, sizeof(d->actual), "%s", s->actual);
}

static void compare_fields(struct drift_report *out, unsigned int start, const struct machine_type *mt,
			   enum fwp_hwreg reg, int cpu, uint64_t want, uint64_t got)
{
	unsigned int i, n;
	const struct fwp_hwreg_field *f = fwp_hw_fields(reg, &n);
	uint64_t named = 0, fw, fg;
	struct seen s;

	for (i = 0; i < n; i++) {
		named |= fwp_hw_field_mask(&f[i]);
		if (i < MT_FIELDS_MAX && mt->ignore_fields[reg] >> i & 1)
			continue;
		fw = fwp_hw_field(&f[i], want);
		fg = fwp_hw_field(&f[i], got);
		if (fw == fg)
			continue;
		s = (struct seen){ .field = f[i].name, .rule = (enum drift_rule)f[i].rule };
		if (f[i].rule == FWP_FIELD_SLOWER)
			s.verdict = verdict(f[i].rule, field_signed(&f[i], fw), field_signed(&f[i], fg),
					    &s.survivable);
		else
			s.verdict = verdict(f[i].rule, (int64_t)fw, (int64_t)fg, &s.survivable);
		field_text(&f[i], fw, s.expected);
		field_text(&f[i], fg, s.actual);
		record(out, start, reg, cpu, &s);
	}
	if ((want & ~named) == (got & ~named))
		return;
	s = (struct seen){ .field = n ? DIFF_UNNAMED_BITS : NULL, .rule = DRIFT_RULE_EXACT };
	s.verdict = verdict(FWP_FIELD_EXACT, 0, 0, &s.survivable);
	fmt_hex(s.expected, want & ~named);
	fmt_hex(s.actual, got & ~named);
	record(out, start, reg, cpu, &s);
}

static void compare_one(struct drift_report *out, unsigned int start, const struct machine_type *mt,
			enum fwp_hwreg reg, int cpu, uint64_t want, bool has, uint64_t got)
{
	struct seen s = { .rule = DRIFT_RULE_NONE };

	if (has) {
		compare_fields(out, start, mt, reg, cpu, want, got);
		return;
	}
	fmt_hex(s.expected, want);
	record(out, start, reg, cpu, &s);
}

/* "vCPU 1: ", "vCPUs 0,2: ", "vCPUs 0-5,7: ", or "" when every vCPU compared shows it. */
static void vcpu_prefix(const struct drift *d, char *buf, size_t len)
{
	char list[VCPU_LIST_MAX];

	buf[0] = '\0';
	if (!d->vcpus || d->all_vcpus)
		return;
	drift_vcpu_list(d, list, sizeof(list));
	snprintf(buf, len, "vCPU%s %s: ", drift_vcpu_count(d) > 1 ? "s" : "", list);
}

static void finish(struct drift *d, unsigned int compared)
{
	char name[HW_NAME_MAX], prefix[VCPU_LIST_MAX + 16], field[48] = "";

	d->all_vcpus = d->vcpus && drift_vcpu_count(d) == compared;
	vcpu_prefix(d, prefix, sizeof(prefix));
	hw_upper_name(d->hwreg, name);
	char msg[DIFF_MSG_MAX];

	if (d->field && !strcmp(d->field, DIFF_UNNAMED_BITS))
		snprintf(field, sizeof(field), " (bits no field names)");
	else if (d->field)
		snprintf(field, sizeof(field), ".%s", d->field);
	if (!d->verdict)
		snprintf(msg, sizeof(msg), "%s%s: expected %s, guest does not have it (%s)",
			 prefix, name, d->expected, d->label);
	else
		snprintf(msg, sizeof(msg), "%s%s%s: expected %s, guest sees %s: %s (%s)",
			 prefix, name, field, d->expected, d->actual, d->verdict, d->label);
	memcpy(d->message, msg, sizeof(msg));
}

static void diff_register(const struct machine_type *mt, const struct hwregs *hw, enum fwp_hwreg reg,
			  struct drift_report *out)
{
	const struct hw_row *row = &mt->hw[reg];
	unsigned int start = out->n, cpu, ncmp, i, compared = 0;

	if (!hw_per_vcpu(reg)) {
		compare_one(out, start, mt, reg, -1, row->value[0], hw->has[reg][0], hw->value[reg][0]);
	} else {
		ncmp = row->n == 1 || row->n > hw->ncpus ? hw->ncpus : row->n;
		for (cpu = 0; cpu < ncmp; cpu++) {
			if (!row->has[row->n == 1 ? 0 : cpu] || !hw->online[cpu])
				continue;	/* not expected; an offline vCPU has its own line */
			compared++;
			compare_one(out, start, mt, reg, (int)cpu, row->value[row->n == 1 ? 0 : cpu],
				    hw->has[reg][cpu], hw->value[reg][cpu]);
		}
	}
	for (i = start; i < out->n; i++)
		finish(&out->d[i], compared);
}

/* Does the file expect anything of vCPU @cpu? */
static bool expects_on(const struct machine_type *mt, unsigned int cpu)
{
	unsigned int reg;

	for (reg = 0; reg < FWP_HW_PER_VCPU; reg++)
		if (mt->hw[reg].n && !mt->ignore_reg[reg] &&
		    (mt->hw[reg].n == 1 ? mt->hw[reg].has[0] : cpu < mt->hw[reg].n && mt->hw[reg].has[cpu]))
			return true;
	return false;
}

/* Does some vCPU show a register (a module without hardware registers shows none)? */
static bool any_cpu_register(const struct hwregs *hw)
{
	unsigned int cpu, reg;

	for (cpu = 0; cpu < hw->ncpus; cpu++)
		for (reg = 0; reg < FWP_HW_PER_VCPU; reg++)
			if (hw->has[reg][cpu])
				return true;
	return false;
}

/* The vCPUs themselves: the count, a guest without cpu<N>/, vCPUs offline at the probe. */
static bool diff_vcpus(const struct machine_type *mt, const struct hwregs *hw, struct drift_report *out)
{
	struct drift *d;
	unsigned int cpu;

	if (!expects_on(mt, 0) && !mt->vcpus)
		return true;
	if (!any_cpu_register(hw)) {
		d = diff_add(out, DIFF_KEY_VCPUS, "vcpus");
		if (d)
			snprintf(d->message, sizeof(d->message), "vCPUs: the machine type lists per-vCPU registers, the guest shows none: fwprobe.ko publishes no cpu<N>/ files (a module without hardware registers?)");
		return false;
	}
	if (mt->vcpus && mt->vcpus != hw->ncpus) {
		d = diff_add(out, DIFF_KEY_VCPUS, "vcpus");
		if (d) {
			snprintf(d->expected, sizeof(d->expected), "%u", mt->vcpus);
			snprintf(d->actual, sizeof(d->actual), "%u", hw->ncpus);
			snprintf(d->message, sizeof(d->message), "vCPUs: expected %u, guest has %u",
				 mt->vcpus, hw->ncpus);
		}
	}
	/* One line for every vCPU the file expects something of that was offline. */
	d = NULL;
	for (cpu = 0; cpu < hw->ncpus; cpu++) {
		if (hw->online[cpu] || !expects_on(mt, cpu))
			continue;
		d = d ?: diff_add(out, DIFF_KEY_VCPUS, "vcpus");
		if (!d)
			break;
		drift_add_vcpu(d, cpu, hw->ncpus);
	}
	if (d) {
		char list[VCPU_LIST_MAX];

		drift_vcpu_list(d, list, sizeof(list));
		snprintf(d->message, sizeof(d->message), "%s %s: offline when fwprobe.ko probed, so none of %s registers were read; bring %s online (the module then reads %s)",
			 drift_vcpu_count(d) > 1 ? "vCPUs" : "vCPU", list,
			 drift_vcpu_count(d) > 1 ? "their" : "its", drift_vcpu_count(d) > 1 ? "them" : "it",
			 drift_vcpu_count(d) > 1 ? "them" : "it");
	}
	return true;
}

/**
 * diff_hw() - compare the hardware registers a machine type lists
 * @mt: the file; registers it leaves out or ignores are not checked
 * @m: the guest
 * @out: differences are appended: the vCPUs first, then registers in table order
 */
void diff_hw(const struct machine_type *mt, const struct fwp_model *m, struct drift_report *out)
{
	bool per_vcpu;
	unsigned int reg;

	out->ncpus = m->hw.ncpus;
	per_vcpu = diff_vcpus(mt, &m->hw, out);

	for (reg = 0; reg < FWP_HW_NR; reg++)
		if (mt->hw[reg].n && !mt->ignore_reg[reg] && (per_vcpu || !hw_per_vcpu(reg)))
			diff_register(mt, &m->hw, reg, out);
}
