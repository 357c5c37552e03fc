// SPDX-License-Identifier: GPL-2.0
/* Building struct report from the model: decisions here, formatting in render_*.c. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "format.h"
#include "report.h"
#include "services.h"

_Static_assert(FWP_AF_WORKAROUND_3 - FWP_AF_WORKAROUND_1 + 1 == REPORT_WORKAROUNDS,
	       "three workaround questions");

static void workarounds(const struct fwp_model *m, struct report *r)
{
	struct workaround_row *w;
	unsigned int af;
	int reg;

	for (af = FWP_AF_WORKAROUND_1; af <= FWP_AF_WORKAROUND_3; af++) {
		w = &r->workarounds[af - FWP_AF_WORKAROUND_1];
		reg = workaround_register(af);
		w->name = fwp_arch_funcs[af].name;
		w->asked = m->arch_features[af].present;
		w->answer = m->arch_features[af].v;
		w->level_known = m->regs.has[reg];
		if (w->level_known)
			reg_describe(reg, m->regs.value[reg], w->level, sizeof(w->level));
		w->evidence = workaround_evidence(m, af);
	}
}

static void psci(const struct fwp_model *m, struct report *r)
{
	struct psci_row *p;
	unsigned int i;

	for (i = 0; i < fwp_psci_nr; i++) {
		if (!m->psci_features[i].present)
			continue;
		p = &r->psci[r->npsci++];
		p->name = fwp_psci_funcs[i].f.name;
		p->answer = m->psci_features[i].v;
		p->supported = p->answer >= 0;
		p->evidence = psci_feature_evidence(m, i);
	}
}

static void hw_section(const struct hwregs *hw, bool gic, struct hw_rows *out)
{
	unsigned int reg;

	out->n = 0;
	for (reg = 0; reg < FWP_HW_NR; reg++)
		if (hw_is_gic(reg) == gic &&
		    hw_row_build(&out->row[out->n], reg, hw->has[reg], hw->value[reg], hw->ncpus))
			out->n++;
}

/*
 * The kernel reads MIDR_EL1 and REVIDR_EL1 once per CPU as it brings it up
 * and picks errata workarounds and CPU features from them; a fresh read that
 * differs means the guest now runs on another CPU than the one it set itself
 * up for (a migration between hosts of different CPU types).
 */
static void boot_view(const struct hwregs *hw, struct report *r)
{
	char was[FMT_HEX_MAX], now[FMT_HEX_MAX];
	struct boot_change *c;
	enum fwp_hwreg reg;
	unsigned int b, cpu;

	r->boot_read = hw->boot_read;
	if (!hw->boot_read)
		return;
	for (b = 0; b < HW_BOOT_NR; b++) {
		reg = hw_boot_regs[b];
		hw_row_build(&r->boot[b], reg, hw->boot_has[b], hw->boot[b], hw->ncpus);
		for (cpu = 0; cpu < hw->ncpus; cpu++) {
			if (!hw->boot_has[b][cpu] || !hw->has[reg][cpu] ||
			    hw->boot[b][cpu] == hw->value[reg][cpu])
				continue;
			r->boot_differs[b] = true;
			c = &r->changes[r->nchanges++];
			*c = (struct boot_change){ .b = b, .cpu = cpu, .boot = hw->boot[b][cpu],
						   .now = hw->value[reg][cpu] };
			snprintf(c->line, sizeof(c->line), "vCPU %u: %s was %s when the guest kernel booted, now %s: the kernel set itself up (errata workarounds, CPU features) for another CPU",
				 cpu, fwp_hwregs[reg].name, fmt_hex(was, c->boot), fmt_hex(now, c->now));
		}
	}
}

/* Each implementation register and the vCPU register it is compared with. */
static const enum fwp_hwreg impl_hwregs[FWP_IMPL_REG_NR] = {
	[FWP_IMPL_MIDR] = FWP_HW_midr_el1,
	[FWP_IMPL_REVIDR] = FWP_HW_revidr_el1,
	[FWP_IMPL_AIDR] = FWP_HW_aidr_el1,
};

/*
 * DISCOVER_IMPL tells the guest kernel which CPU implementations it may run
 * on, and the kernel enables errata workarounds for all of them: a vCPU that
 * is none of them runs without the workarounds its own CPU may need.
 */
static void unannounced(const struct fwp_model *m, struct report *r)
{
	const struct hwregs *hw = &m->hw;
	struct impl_mismatch *u;
	unsigned int cpu, i, j;
	bool match;

	for (cpu = 0; r->nimpl && cpu < hw->ncpus; cpu++) {
		if (!hw->has[FWP_HW_midr_el1][cpu])
			continue;
		for (i = 0, match = false; i < r->nimpl && !match; i++)
			for (j = 0, match = true; j < FWP_IMPL_REG_NR; j++)
				match &= hw->value[impl_hwregs[j]][cpu] == m->impl_cpu[i][j];
		if (match)
			continue;
		u = &r->unannounced[r->nunannounced++];
		u->cpu = cpu;
		for (j = 0; j < FWP_IMPL_REG_NR; j++)
			u->reg[j] = hw->value[impl_hwregs[j]][cpu];
		snprintf(u->line, sizeof(u->line), "vCPU %u: MIDR_EL1 0x%llx REVIDR_EL1 0x%llx AIDR_EL1 0x%llx is none of the %u implementations DISCOVER_IMPL announces: the guest kernel's errata workarounds may not cover it",
			 cpu, (unsigned long long)u->reg[FWP_IMPL_MIDR],
			 (unsigned long long)u->reg[FWP_IMPL_REVIDR],
			 (unsigned long long)u->reg[FWP_IMPL_AIDR], r->nimpl);
	}
}

/**
 * report_build() - the rows every renderer formats
 * @m: the model
 * @r: filled
 */
static bool bit_set(const uint64_t *bits, unsigned int i)
{
	return (bits[i / 64] >> (i % 64)) & 1;
}

/*
 * The findings of every table, in table order: lost or needed (@unknown
 * false), or not told (only HWCAPs can be: their fields may be unreadable).
 */
static void safety_findings(const struct fwp_safety_view *v, struct report *r, bool unknown)
{
	unsigned int t, i;

	for (t = 0; t < FWP_SAFETY_TABLES; t++) {
		const uint64_t *bits = unknown ? v->hwcaps_unknown :
				       fwp_view_bits(v, fwp_view_tables[t].now);

		if (unknown && t != FWP_SAFETY_HWCAPS)
			continue;
		for (i = 0; i < fwp_safety_count(t); i++)
			if (bit_set(bits, i))
				r->safety[r->nsafety++] = (struct safety_finding){
					.kind = t, .unknown = unknown,
					.name = fwp_safety_name(t, i),
					.breaks = fwp_safety_breaks(t, i) };
	}
}

/* What boot set, table by table; then what is lost, then what could not be told. */
static void safety(const struct fwp_model *m, struct report *r)
{
	const struct fwp_safety_view *v = &m->safety;
	unsigned int t, i;

	for (t = 0; t < FWP_SAFETY_TABLES; t++)
		for (i = 0; i < fwp_safety_count(t); i++)
			r->nboot[t] += bit_set(fwp_view_bits(v, fwp_view_tables[t].boot), i);
	safety_findings(v, r, false);
	safety_findings(v, r, true);
}

void report_build(const struct fwp_model *m, struct report *r)
{
	memset(r, 0, sizeof(*r));
	r->m = m;
	workarounds(m, r);
	psci(m, r);
	/* midr_<i> etc. exist only when DISCOVER_IMPL_CPUS was advertised too. */
	if (m->impl_cpus_present)
		r->nimpl = m->impl_count < FWP_MAX_IMPLS ? (unsigned int)m->impl_count : FWP_MAX_IMPLS;
	r->ncpus = m->hw.ncpus;
	for (unsigned int cpu = 0; cpu < r->ncpus; cpu++)
		r->noffline += !m->hw.online[cpu];
	r->changes = xcalloc((size_t)HW_BOOT_NR * r->ncpus, sizeof(*r->changes));
	r->unannounced = xcalloc(r->ncpus, sizeof(*r->unannounced));
	hw_section(&m->hw, false, &r->cpu);
	hw_section(&m->hw, true, &r->gic);
	boot_view(&m->hw, r);
	unannounced(m, r);
	safety(m, r);
}
