// SPDX-License-Identifier: GPL-2.0
/*
 * The report as Prometheus metrics (--prometheus FILE), in the text
 * exposition format node_exporter's textfile collector reads. Like the text
 * and JSON renderers it only formats the report and the --expect result;
 * the metric names and labels are listed under PROMETHEUS METRICS in
 * fwprobe(1) and are an interface: alerting rules (packaging/prometheus/)
 * and the fwprobe-check wrapper's fwprobe_check_ok{reason} depend on them.
 *
 * Values are float64 to Prometheus: the firmware registers fit (their highest
 * bit is far below 2^53), hardware registers are not exported.
 */
#include <string.h>

#include "format.h"
#include "render.h"

/* The wrapper (packaging/fwprobe-check) writes this HELP too, with 0 and a reason. */
#define CHECK_OK_HELP	"Whether the fwprobe check could run (0: it could not, see reason)."

static void family(FILE *out, const char *name, const char *type, const char *help)
{
	fprintf(out, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

/* A label value: backslash, double quote and newline escaped, as the format wants. */
static void label_value(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\' || *s == '"')
			fprintf(out, "\\%c", *s);
		else if (*s == '\n')
			fputs("\\n", out);
		else
			fputc(*s, out);
	}
}

static void info(FILE *out, const struct fwp_model *m)
{
	char smccc[FMT_VERSION_MAX], psci[FMT_VERSION_MAX] = "";

	if (m->psci_version.present)
		fmt_version(psci, (uint32_t)m->psci_version.v);
	family(out, "fwprobe_info", "gauge",
	       "What the guest sees of its hypervisor: identity, SMCCC and PSCI versions (\"\" without PSCI), conduit.");
	fprintf(out, "fwprobe_info{identity=\"%s\",smccc_version=\"%s\",psci_version=\"%s\",conduit=\"%s\"} 1\n",
		fwp_identity_names[m->identity], fmt_version(smccc, (uint32_t)m->smccc_version), psci,
		fwp_conduit_names[m->conduit]);
}

/* How the guest booted, when the module says: one series, its labels the facts. */
static void boot(FILE *out, const struct fwp_model *m)
{
	if (!m->boot.present)
		return;
	family(out, "fwprobe_boot_info", "gauge",
	       "How the guest booted: tables (acpi or dt), uefi (1 or 0), the firmware's SMBIOS vendor and version (\"\" without).");
	fprintf(out, "fwprobe_boot_info{tables=\"%s\",uefi=\"%d\",firmware_vendor=\"",
		fwp_boot_tables_names[m->boot.tables], (int)m->boot.uefi);
	label_value(out, m->boot.vendor.present ? m->boot.vendor.s : "");
	fputs("\",firmware_version=\"", out);
	label_value(out, m->boot.version.present ? m->boot.version.s : "");
	fputs("\"} 1\n", out);
}

static void probe(FILE *out, const struct fwp_model *m)
{
	family(out, "fwprobe_probe_generation", "gauge",
	       "Generation of fwprobe.ko's probe the report shows (1 at load, +1 per rescan or drift-watch probe).");
	fprintf(out, "fwprobe_probe_generation %llu\n", (unsigned long long)m->generation);
	family(out, "fwprobe_probe_calls", "gauge", "SMCCC calls that probe made.");
	fprintf(out, "fwprobe_probe_calls %llu\n", (unsigned long long)m->ncalls);
	family(out, "fwprobe_probe_duration_seconds", "gauge", "How long that probe took.");
	fprintf(out, "fwprobe_probe_duration_seconds %llu.%09llu\n",
		(unsigned long long)(m->duration_ns / 1000000000),
		(unsigned long long)(m->duration_ns % 1000000000));
}

/* The snapshot: what the guest sees, and the probe that saw it. */
static void identity(const struct render_ctx *c)
{
	info(c->out, c->r->m);
	boot(c->out, c->r->m);
	probe(c->out, c->r->m);
}

/* The value only when determined: an undetermined register is no 0. */
static void registers(const struct render_ctx *c)
{
	const struct fwp_model *m = c->r->m;
	FILE *out = c->out;
	int i;

	family(out, "fwprobe_register", "gauge",
	       "KVM firmware pseudo-register the guest's answers imply (absent when not determined).");
	for (i = 0; i < FWP_REG_NR; i++)
		if (m->regs.has[i])
			fprintf(out, "fwprobe_register{register=\"%s\"} %llu\n", fwp_reg_names[i],
				(unsigned long long)m->regs.value[i]);
	family(out, "fwprobe_register_determined", "gauge",
	       "Whether the guest's answers determine the firmware register (1) or not (0).");
	for (i = 0; i < FWP_REG_NR; i++)
		fprintf(out, "fwprobe_register_determined{register=\"%s\"} %d\n", fwp_reg_names[i],
			m->regs.has[i]);
}

/*
 * --expect: the verdict and one series per register (and field) that differs.
 * Several differences in one field (one per group of vCPUs) are one series:
 * a scrape must not see the same series twice.
 */
static void expect(const struct render_ctx *c)
{
	const struct expect_result *x = c->x;
	FILE *out = c->out;
	const char *file = strrchr(x->file, '/') ? strrchr(x->file, '/') + 1 : x->file;
	const struct drift *d;
	unsigned int i, j;

	family(out, "fwprobe_expect_match", "gauge",
	       "Whether the guest matches the machine-type file given with --expect (1) or drifted from it (0).");
	fputs("fwprobe_expect_match{machine_type=\"", out);
	label_value(out, file);
	fprintf(out, "\"} %d\n", x->match);
	family(out, "fwprobe_expect_differences", "gauge",
	       "Differences from the machine-type file, as the text output counts them.");
	fputs("fwprobe_expect_differences{machine_type=\"", out);
	label_value(out, file);
	fprintf(out, "\"} %u\n", x->drift->n);
	if (!x->drift->n)
		return;
	family(out, "fwprobe_drift", "gauge",
	       "A register (and field) that differs from the machine-type file; register as --json names it.");
	for (i = 0; i < x->drift->n; i++) {
		d = &x->drift->d[i];
		for (j = 0; j < i; j++)
			if (!strcmp(x->drift->d[j].key, d->key) && drift_same_field(x->drift->d[j].field, d->field))
				break;
		if (j < i)
			continue;
		fputs("fwprobe_drift{register=\"", out);
		label_value(out, d->key);
		fputs("\",field=\"", out);
		label_value(out, d->field ? d->field : "");
		fputs("\"} 1\n", out);
	}
}

/*
 * The safety verdict (one series, its label the verdict) and one series per
 * lost capability or HWCAP: the alert rule fires on fwprobe_unsafe.
 */
static void safety(const struct render_ctx *c)
{
	const struct report *r = c->r;
	FILE *out = c->out;
	unsigned int i;

	family(out, "fwprobe_safety", "gauge",
	       "The safety verdict: safe, unsafe (something the kernel or its processes rely on since boot is gone from a vCPU) or unknown.");
	fprintf(out, "fwprobe_safety{verdict=\"%s\"} 1\n", fwp_verdict_names[r->m->safety.verdict]);
	family(out, "fwprobe_unsafe", "gauge",
	       "A capability the kernel enabled at boot, a HWCAP processes were given or a value tasks took from the vCPU itself (kind live), that an online vCPU no longer offers, or an erratum workaround it needs that the kernel did not enable; breaks: kernel, processes or silent.");
	for (i = 0; i < r->nsafety; i++) {
		if (r->safety[i].unknown)
			continue;
		fprintf(out, "fwprobe_unsafe{kind=\"%s\",name=\"%s\",breaks=\"%s\"} 1\n",
			fwp_safety_kind_names[r->safety[i].kind], r->safety[i].name,
			fwp_breaks_names[r->safety[i].breaks]);
	}
}

/* Drift by itself, whether the check ran, and when. */
static void summary(const struct render_ctx *c)
{
	FILE *out = c->out;

	family(out, "fwprobe_vcpu_boot_changes", "gauge",
	       "vCPU identity registers whose value changed since the guest kernel booted (drift by itself).");
	fprintf(out, "fwprobe_vcpu_boot_changes %u\n", c->r->nchanges);
	family(out, "fwprobe_vcpus_unannounced", "gauge",
	       "vCPUs that are none of the CPU implementations DISCOVER_IMPL announces (drift by itself).");
	fprintf(out, "fwprobe_vcpus_unannounced %u\n", c->r->nunannounced);
	family(out, "fwprobe_vcpus", "gauge", "vCPUs the guest can have.");
	fprintf(out, "fwprobe_vcpus %u\n", c->r->ncpus);
	family(out, "fwprobe_vcpus_offline", "gauge",
	       "vCPUs offline when fwprobe.ko last probed: none of their registers were read.");
	fprintf(out, "fwprobe_vcpus_offline %u\n", c->r->noffline);
	family(out, "fwprobe_check_ok", "gauge", CHECK_OK_HELP);
	fputs("fwprobe_check_ok 1\n", out);
	family(out, "fwprobe_last_check_timestamp_seconds", "gauge",
	       "When fwprobe last checked the guest, in seconds since the Unix epoch.");
	fprintf(out, "fwprobe_last_check_timestamp_seconds %lld\n", (long long)c->now);
}

static const render_section_fn prom_sections[RENDER_SECTIONS] = {
	[RENDER_IDENTITY] = identity,
	[RENDER_REGISTERS] = registers,
	[RENDER_SAFETY] = safety,
	[RENDER_EXPECT] = expect,
	[RENDER_SUMMARY] = summary,
};

/**
 * render_prom() - write the report as Prometheus metrics
 * @out: stream (fwprobe writes it to a memory buffer, then the file atomically)
 * @r: the report
 * @x: the --expect comparison, or NULL: then no fwprobe_expect_* or fwprobe_drift
 * @now: the time of the check, for fwprobe_last_check_timestamp_seconds
 *
 * Return: 0, or -1 if @out could not be written.
 */
int render_prom(FILE *out, const struct report *r, const struct expect_result *x, time_t now)
{
	const struct render_ctx c = { .r = r, .x = x, .out = out, .now = now };

	render_walk(prom_sections, &c);
	return ferror(out) ? -1 : 0;
}
