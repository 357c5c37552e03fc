// SPDX-License-Identifier: GPL-2.0
/* The readable summary: one section per concern, evidence as call_NN lines. */
#include "format.h"
#include "render.h"
#include "services.h"

#define LABEL	"%-13s"		/* section labels line up */
#define CALL_TEXT_MAX	200

/* "call_29: 0x84000050 0x0 0x0 0x0 -> 0x10000 0x0 0x0 0x0", or why there is none. */
static const char *call_text(const struct fwp_model *m, int i, char *buf, size_t len)
{
	const struct fwp_call *c;

	if (i < 0) {
		snprintf(buf, len, m->ncalls > FWP_MAX_CALLS ? "not asked, or beyond the %u calls kept" :
			 "not asked", FWP_MAX_CALLS);
		return buf;
	}
	c = &m->evidence[i];
	snprintf(buf, len, "call_%02d: 0x%x 0x%llx 0x%llx 0x%llx -> 0x%llx 0x%llx 0x%llx 0x%llx", i,
		 c->fn, (unsigned long long)c->arg[0], (unsigned long long)c->arg[1],
		 (unsigned long long)c->arg[2], (unsigned long long)c->res[0],
		 (unsigned long long)c->res[1], (unsigned long long)c->res[2],
		 (unsigned long long)c->res[3]);
	return buf;
}

static void identity(const struct render_ctx *c)
{
	const struct fwp_model *m = c->r->m;
	char ver[FMT_VERSION_MAX];
	FILE *out = c->out;

	fprintf(out, LABEL "generation %llu: %llu SMCCC calls in %.3f ms\n", "Snapshot",
		(unsigned long long)m->generation, (unsigned long long)m->ncalls,
		m->duration_ns / 1e6);
	fprintf(out, LABEL "%s\n", "Hypervisor", fwp_identity_names[m->identity]);
	if (m->boot.present)
		fprintf(out, LABEL "%s, %s; firmware %s%s%s\n", "Boot",
			m->boot.uefi ? "UEFI" : "no UEFI",
			m->boot.tables == FWP_BOOT_TABLES_ACPI ? "ACPI tables" : "device tree",
			m->boot.vendor.present ? m->boot.vendor.s : "without SMBIOS vendor",
			m->boot.version.present ? " " : "",
			m->boot.version.present ? m->boot.version.s : "");
	if (m->uid_present)
		fprintf(out, "  Call UID   0x%08llx 0x%08llx 0x%08llx 0x%08llx = %s\n",
			(unsigned long long)m->uid[0], (unsigned long long)m->uid[1],
			(unsigned long long)m->uid[2], (unsigned long long)m->uid[3], m->uid_uuid);
	else
		fprintf(out, "  Call UID   not answered\n");
	if (m->std_uid.present)
		fprintf(out, "  standard secure UID      %s\n", m->std_uid.s);
	if (m->std_hyp_uid.present)
		fprintf(out, "  standard hypervisor UID  %s\n", m->std_hyp_uid.s);
	if (m->conduit == FWP_CONDUIT_NONE)
		fprintf(out, LABEL "%s, no conduit: nothing could be probed\n", "SMCCC",
			fmt_version(ver, (uint32_t)m->smccc_version));
	else
		fprintf(out, LABEL "%s via %s\n", "SMCCC", fmt_version(ver, (uint32_t)m->smccc_version),
			fwp_conduit_names[m->conduit]);
	if (m->soc_id_version.present)
		fprintf(out, LABEL "version 0x%08llx revision 0x%08llx%s%s\n", "SoC ID",
			(unsigned long long)m->soc_id_version.v,
			(unsigned long long)m->soc_id_revision.v,
			m->soc_id_name.present ? " name " : "", m->soc_id_name.s);
}

static void psci(const struct render_ctx *c)
{
	char ver[FMT_VERSION_MAX], call[CALL_TEXT_MAX];
	const struct report *r = c->r;
	const struct fwp_model *m = r->m;
	FILE *out = c->out;
	unsigned int i;

	if (!m->psci_version.present) {
		fprintf(out, LABEL "absent (PSCI_VERSION not supported)\n", "PSCI");
		return;
	}
	fprintf(out, LABEL "%s\n", "PSCI", fmt_version(ver, (uint32_t)m->psci_version.v));
	for (i = 0; i < r->npsci; i++)
		fprintf(out, "  %-27s %-14s %s\n", r->psci[i].name,
			r->psci[i].supported ? "supported" : "not supported",
			call_text(m, r->psci[i].evidence, call, sizeof(call)));
}

static void services_section(const struct render_ctx *c)
{
	const struct fwp_model *m = c->r->m;
	char call[CALL_TEXT_MAX];
	FILE *out = c->out;
	unsigned int i;

	fprintf(out, "Services\n");
	for (i = 0; i < nservices; i++)
		fprintf(out, "  %-8s %-29s %s\n", services[i].present(m) ? "present" : "absent",
			services[i].name, call_text(m, service_evidence(m, &services[i]), call, sizeof(call)));
}

static void workarounds(const struct render_ctx *c)
{
	const struct workaround_row *w;
	const struct report *r = c->r;
	char call[CALL_TEXT_MAX];
	FILE *out = c->out;
	unsigned int i;

	fprintf(out, "Workarounds (ARCH_FEATURES answers)\n");
	for (i = 0; i < REPORT_WORKAROUNDS; i++) {
		w = &r->workarounds[i];
		if (!w->asked) {
			fprintf(out, "  %-13s not asked\n", w->name);
			continue;
		}
		fprintf(out, "  %-13s %3lld %-13s %s\n", w->name, (long long)w->answer,
			w->level_known ? w->level : "unknown",
			call_text(r->m, w->evidence, call, sizeof(call)));
	}
}

static void ptp(const struct render_ctx *c)
{
	const struct fwp_model *m = c->r->m;
	const struct fwp_ptp_view *p;
	FILE *out = c->out;
	unsigned int i;

	fprintf(out, "PTP samples\n");
	for (i = 0; i < FWP_PTP_COUNTERS; i++) {
		p = &m->ptp[i];
		fprintf(out, "  %-9s ", fwp_ptp_counter_names[i]);
		if (!p->status.present)
			fprintf(out, "not asked\n");
		else if (p->status.v < 0)
			fprintf(out, "not supported\n");
		else
			fprintf(out, "counter %s the guest's reads, realtime offset %+.3f s: %s\n",
				p->counter_in_window ? "within" : "OUTSIDE",
				p->realtime_offset_ns / 1e9,
				p->plausible ? "plausible" : "IMPLAUSIBLE");
	}
}

static void services_detail(const struct render_ctx *c)
{
	const struct report *r = c->r;
	const struct fwp_model *m = r->m;
	char ver[FMT_VERSION_MAX];
	FILE *out = c->out;
	unsigned int i;

	if (m->kvm_present)
		fprintf(out, LABEL "0x%08llx 0x%08llx 0x%08llx 0x%08llx: %s\n", "KVM FEATURES",
			(unsigned long long)m->kvm_features[0], (unsigned long long)m->kvm_features[1],
			(unsigned long long)m->kvm_features[2], (unsigned long long)m->kvm_features[3],
			m->kvm_feature_names[0] ? m->kvm_feature_names : "(none)");
	if (m->trng_version.present)
		fprintf(out, LABEL "version %s, RND64 %s, back-end %s\n", "TRNG",
			fmt_version(ver, (uint32_t)m->trng_version.v),
			m->trng_rnd64.present && m->trng_rnd64.v >= 0 ? "available" : "not available",
			m->trng_uuid.present ? m->trng_uuid.s : "(no UUID)");
	if (m->pv_time_st.present)
		fprintf(out, LABEL "stolen time %s\n", "PV_TIME",
			m->pv_time_st.v == 0 ? "available" : "not available");
	if (!m->impl_version.present)
		return;
	fprintf(out, LABEL "version %s, %llu implementation(s)\n", "DISCOVER_IMPL",
		fmt_version(ver, (uint32_t)m->impl_version.v), (unsigned long long)m->impl_count);
	for (i = 0; i < r->nimpl; i++)
		fprintf(out, "  %u: MIDR 0x%016llx REVIDR 0x%016llx AIDR 0x%016llx\n", i,
			(unsigned long long)m->impl_cpu[i][FWP_IMPL_MIDR],
			(unsigned long long)m->impl_cpu[i][FWP_IMPL_REVIDR],
			(unsigned long long)m->impl_cpu[i][FWP_IMPL_AIDR]);
	if (r->nimpl && r->ncpus && !r->nunannounced)
		fprintf(out, "  every vCPU is one of them\n");
	for (i = 0; i < r->nunannounced; i++)
		fprintf(out, "  %s (drift)\n", r->unannounced[i].line);
}

static void registers_section(const struct render_ctx *c)
{
	char hex[FMT_HEX_MAX], text[REG_TEXT_MAX];
	const struct fwp_model *m = c->r->m;
	FILE *out = c->out;
	int i;

	fprintf(out, "Registers (KVM firmware pseudo-registers the VMM must have set)\n");
	for (i = 0; i < FWP_REG_NR; i++) {
		if (m->regs.has[i])
			reg_describe(i, m->regs.value[i], text, sizeof(text));
		fprintf(out, "  %-24s %-8s %-15s %s\n", fwp_reg_names[i],
			m->regs.has[i] ? fmt_hex(hex, m->regs.value[i]) : "unknown",
			m->regs.has[i] ? text : "", m->basis[i]);
	}
}

/* "0x80000000 0x80000001", "-" where a vCPU lacks the register. */
static void hw_values(FILE *out, const struct hw_row *row)
{
	char hex[FMT_HEX_MAX];
	unsigned int i;

	for (i = 0; i < row->n; i++)
		fprintf(out, " %s", row->has[i] ? fmt_hex(hex, row->value[i]) : "-");
	fputc('\n', out);
}

static void hw_rows(FILE *out, const struct hw_rows *rows)
{
	unsigned int i;

	for (i = 0; i < rows->n; i++) {
		fprintf(out, "  %-18s", fwp_hwregs[rows->row[i].reg].name);
		hw_values(out, &rows->row[i]);
	}
}

static void hw_section(const struct render_ctx *c)
{
	char offline[VCPU_LIST_MAX], note[VCPU_LIST_MAX + 48] = "";
	const struct report *r = c->r;
	FILE *out = c->out;

	if (!r->cpu.n && !r->gic.n) {
		fprintf(out, "Hardware registers: none published (a module without them, or a tree copied without cpu<N>/ and gic/)\n");
		return;
	}
	if (r->noffline) {
		hw_vcpu_list(r->m->hw.online, r->ncpus, false, offline, sizeof(offline));
		snprintf(note, sizeof(note), ", %s offline at the probe and not read", offline);
	}
	fprintf(out, "CPU registers (%u vCPU%s%s: one value when every vCPU reads the same, else one per vCPU, - where a vCPU lacks it)\n",
		r->ncpus, r->ncpus == 1 ? "" : "s", note);
	hw_rows(out, &r->cpu);
	if (!r->gic.n) {
		fprintf(out, "GIC registers: none (no GIC found)\n");
		return;
	}
	fprintf(out, "GIC registers\n");
	hw_rows(out, &r->gic);
}

static void boot_section(const struct render_ctx *c)
{
	const struct report *r = c->r;
	FILE *out = c->out;
	unsigned int i;

	if (!r->boot_read)
		return;
	if (!r->nchanges) {
		fprintf(out, LABEL "midr_el1 and revidr_el1 as the guest kernel read them at boot: unchanged\n",
			"Boot view");
		return;
	}
	fprintf(out, LABEL "the guest runs on another CPU than it booted on (drift)\n", "Boot view");
	for (i = 0; i < r->nchanges; i++)
		fprintf(out, "  %s\n", r->changes[i].line);
}

/* What each kind of loss does to the guest (enum fwp_breaks). */
static const char *const breaks_text[FWP_BREAKS_NR] = {
	[FWP_BREAKS_KERNEL] = "the kernel uses it since boot: an undefined-instruction oops",
	[FWP_BREAKS_PROCESSES] = "processes were told they may use it: SIGILL",
	[FWP_BREAKS_SILENT] = "nothing traps: wrong results or a protection quietly off",
};

/* ... when a vCPU needs an erratum workaround the kernel did not enable. */
static const char *const errata_text[FWP_BREAKS_NR] = {
	[FWP_BREAKS_KERNEL] = "the kernel runs without it: hangs, stale TLB entries or corruption",
	[FWP_BREAKS_PROCESSES] = "processes can get wrong results",
	[FWP_BREAKS_SILENT] = "nothing traps: a mitigation or trace data quietly lost",
};

/* ... when a vCPU no longer offers what tasks took from it (fwprobe_live_list.h). */
static const char *const live_text[FWP_BREAKS_NR] = {
	[FWP_BREAKS_KERNEL] = "the kernel relies on it: an oops or corruption",
	[FWP_BREAKS_PROCESSES] = "the kernel kills the tasks using it (SIGKILL)",
	[FWP_BREAKS_SILENT] = "processes that read it skip cache maintenance: stale code, silently",
};

static void safety_line(FILE *out, const char *indent, const struct safety_finding *f)
{
	if (f->unknown)
		fprintf(out, "%sHWCAP %s: not told (its register was not read on every vCPU)\n",
			indent, f->name);
	else if (f->kind == FWP_SAFETY_ERRATA)
		fprintf(out, "%serratum %s: a vCPU needs its workaround, which the kernel did not enable at boot: %s\n",
			indent, f->name, errata_text[f->breaks]);
	else if (f->kind == FWP_SAFETY_LIVE)
		fprintf(out, "%s%s: a vCPU no longer offers what tasks took from it: %s\n",
			indent, f->name, live_text[f->breaks]);
	else
		fprintf(out, "%s%s %s lost: %s\n", indent,
			f->kind == FWP_SAFETY_HWCAPS ? "HWCAP" : "capability", f->name,
			breaks_text[f->breaks]);
}

static void safety_section(const struct render_ctx *c)
{
	const struct report *r = c->r;
	const struct fwp_safety_view *v = &r->m->safety;
	FILE *out = c->out;
	unsigned int i;

	switch (v->verdict) {
	case FWP_VERDICT_SAFE:
		fprintf(out, LABEL "safe: every online vCPU still offers the %u capabilities the kernel enabled at boot, the %u HWCAPs its processes were given and the %u values tasks took from the vCPU itself\n",
			"Safety", r->nboot[FWP_SAFETY_CAPS], r->nboot[FWP_SAFETY_HWCAPS],
			r->nboot[FWP_SAFETY_LIVE]);
		return;
	case FWP_VERDICT_UNSAFE:
		fprintf(out, LABEL "UNSAFE on vCPUs %s: restart the guest or move it back\n", "Safety",
			v->vcpus_unsafe);
		break;
	default:
		fprintf(out, LABEL "unknown\n", "Safety");
		break;
	}
	for (i = 0; i < r->nsafety; i++)
		safety_line(out, "  ", &r->safety[i]);
}

/* "Vector lengths  SVE 16 32 64 bytes; SME none": only when they were read (the live guest). */
static void vl_section(const struct render_ctx *c)
{
	const struct vector_lengths *vl = &c->r->m->vl;
	char list[VL_LIST_MAX];
	FILE *out = c->out;
	unsigned int k;

	if (!vl->read)
		return;
	fprintf(out, "Vector lengths ");
	for (k = 0; k < VL_KINDS; k++) {
		if (vl->set[k].present)
			fprintf(out, "%s %s %s bytes", k ? ";" : "", vl_kind_labels[k],
				vl_list(vl->set[k].vqs, " ", list, sizeof(list)));
		else
			fprintf(out, "%s %s none", k ? ";" : "", vl_kind_labels[k]);
	}
	fputc('\n', out);
}

static void expect_lines(FILE *out, const struct expect_result *x, const char *indent)
{
	unsigned int i;

	for (i = 0; i < x->drift->n; i++)
		fprintf(out, "%s%s\n", indent, x->drift->d[i].message);
	if (x->drift->truncated)
		fprintf(out, "%s... more hardware-register differences, not listed (the first %d are)\n",
			indent, DIFF_HW_MAX);
}

static void expect_section(const struct render_ctx *c)
{
	const struct expect_result *x = c->x;

	if (x->match)
		fprintf(c->out, LABEL "%s: guest matches\n", "Expected", x->file);
	else
		fprintf(c->out, LABEL "%s: %u difference%s%s\n", "Expected", x->file, x->drift->n,
			x->drift->n == 1 ? "" : "s", x->drift->truncated ? " and more" : "");
	expect_lines(c->out, x, "  ");
}

/* The drift lines: the boot view's changes and unannounced vCPUs are drift by themselves. */
static void drift_boot_view(const struct render_ctx *c)
{
	const struct report *r = c->r;
	unsigned int i;

	for (i = 0; i < r->nchanges; i++)
		fprintf(c->out, "%sboot view: %s\n", c->indent, r->changes[i].line);
	for (i = 0; i < r->nunannounced; i++)
		fprintf(c->out, "%sDISCOVER_IMPL: %s\n", c->indent, r->unannounced[i].line);
}

/* --quiet: an unsafe guest is said whatever the file says. */
static void drift_safety(const struct render_ctx *c)
{
	const struct report *r = c->r;
	char indent[FWP_TEXT_MAX + 64];
	unsigned int i;

	if (r->m->safety.verdict != FWP_VERDICT_UNSAFE)
		return;
	snprintf(indent, sizeof(indent), "%ssafety: UNSAFE on vCPUs %s: ", c->indent,
		 r->m->safety.vcpus_unsafe);
	for (i = 0; i < r->nsafety; i++)
		if (!r->safety[i].unknown)
			safety_line(c->out, indent, &r->safety[i]);
}

static void drift_expect(const struct render_ctx *c)
{
	expect_lines(c->out, c->x, c->indent);
}

static const render_section_fn text_sections[RENDER_SECTIONS] = {
	[RENDER_IDENTITY] = identity,
	[RENDER_PSCI] = psci,
	[RENDER_SERVICES] = services_section,
	[RENDER_WORKAROUNDS] = workarounds,
	[RENDER_SERVICE_DETAILS] = services_detail,
	[RENDER_PTP] = ptp,
	[RENDER_REGISTERS] = registers_section,
	[RENDER_HARDWARE] = hw_section,
	[RENDER_BOOT_VIEW] = boot_section,
	[RENDER_SAFETY] = safety_section,
	[RENDER_VECTOR_LENGTHS] = vl_section,
	[RENDER_EXPECT] = expect_section,
};

/* --quiet: only what differs, one line each. */
static const render_section_fn drift_sections[RENDER_SECTIONS] = {
	[RENDER_BOOT_VIEW] = drift_boot_view,
	[RENDER_SAFETY] = drift_safety,
	[RENDER_EXPECT] = drift_expect,
};

/**
 * render_text_drift() - one line per difference
 * @out: stream
 * @r: the report; its boot-view changes come first, without --expect too
 * @x: the comparison, or NULL
 * @indent: prefix for each line ("" with --quiet)
 */
void render_text_drift(FILE *out, const struct report *r, const struct expect_result *x,
		       const char *indent)
{
	const struct render_ctx c = { .r = r, .x = x, .out = out, .indent = indent };

	render_walk(drift_sections, &c);
}

/**
 * render_text() - the readable summary
 * @out: stream
 * @r: the report
 * @x: the --expect comparison, or NULL
 */
void render_text(FILE *out, const struct report *r, const struct expect_result *x)
{
	const struct render_ctx c = { .r = r, .x = x, .out = out };

	render_walk(text_sections, &c);
}
