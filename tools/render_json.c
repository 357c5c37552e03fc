// SPDX-License-Identifier: GPL-2.0
/*
 * The model as one JSON object (--json). 64-bit values (registers, UID and
 * FEATURES words, call arguments and results, PTP host time and counter) go
 * out as "0x..." strings: JSON numbers lose precision above 2^53. Counts and
 * signed answers stay numbers. Absent things are null, not left out.
 */
#include <jansson.h>
#include <string.h>

#include "alloc.h"
#include "format.h"
#include "format_json.h"
#include "machine_type.h"
#include "reader.h"
#include "render.h"
#include "services.h"

static json_t *jversion(uint64_t v)
{
	char buf[FMT_VERSION_MAX];

	return json_string(fmt_version(buf, (uint32_t)v));
}

static json_t *jhex_array(const uint64_t *v, unsigned int n)
{
	json_t *a = json_array();
	unsigned int i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, json_hex(v[i]));
	return a;
}

static json_t *jint_or_null(const struct fwp_int *v)
{
	return v->present ? json_integer(v->v) : json_null();
}

static json_t *jtext_or_null(const struct fwp_text *t)
{
	return t->present ? json_string(t->s) : json_null();
}

/* One recorded call: {"call": 29, "fn": "0x84000050", "args": [...], "results": [...]}. */
static json_t *jcall(const struct fwp_model *m, int i)
{
	const struct fwp_call *c;

	if (i < 0)
		return json_null();
	c = &m->evidence[i];
	return json_pack("{s:i, s:o, s:o, s:o}", "call", i, "fn", json_hex(c->fn),
			 "args", jhex_array(c->arg, 3), "results", jhex_array(c->res, 4));
}

static json_t *jidentity(const struct fwp_model *m)
{
	return json_pack("{s:s, s:o, s:o, s:o, s:o}",
			 "identity", fwp_identity_names[m->identity],
			 "vendor_hyp_uid", m->uid_present ? jhex_array(m->uid, 4) : json_null(),
			 "vendor_hyp_uuid", m->uid_present ? json_string(m->uid_uuid) : json_null(),
			 "standard_secure_uuid", jtext_or_null(&m->std_uid),
			 "standard_hyp_uuid", jtext_or_null(&m->std_hyp_uid));
}

static json_t *jpsci(const struct report *r)
{
	const struct fwp_model *m = r->m;
	json_t *features = json_array();
	unsigned int i;

	if (!m->psci_version.present) {
		json_decref(features);
		return json_null();
	}
	for (i = 0; i < r->npsci; i++)
		json_array_append_new(features, json_pack("{s:s, s:I, s:b, s:o}",
			"function", r->psci[i].name, "answer", (json_int_t)r->psci[i].answer,
			"supported", r->psci[i].supported, "evidence", jcall(m, r->psci[i].evidence)));
	return json_pack("{s:o, s:o, s:o}", "version", jversion(m->psci_version.v),
			 "version_raw", json_hex(m->psci_version.v), "features", features);
}

static json_t *jservices(const struct fwp_model *m)
{
	json_t *a = json_array();
	unsigned int i;

	for (i = 0; i < nservices; i++)
		json_array_append_new(a, json_pack("{s:s, s:b, s:o}", "name", services[i].name,
			"present", services[i].present(m),
			"evidence", jcall(m, service_evidence(m, &services[i]))));
	return a;
}

static json_t *jworkarounds(const struct report *r)
{
	const struct workaround_row *w;
	json_t *a = json_array();
	unsigned int i;

	for (i = 0; i < REPORT_WORKAROUNDS; i++) {
		w = &r->workarounds[i];
		json_array_append_new(a, json_pack("{s:s, s:o, s:o, s:o}", "name", w->name,
			"answer", w->asked ? json_integer(w->answer) : json_null(),
			"level", w->level_known ? json_string(w->level) : json_null(),
			"evidence", jcall(r->m, w->evidence)));
	}
	return a;
}

static json_t *jptp_sample(const struct fwp_ptp_view *p)
{
	if (!p->status.present)
		return json_null();
	if (p->status.v < 0)
		return json_pack("{s:b}", "answered", 0);
	/* The keys are the module's field names (lib/fwprobe_abi.h). */
	return json_pack("{s:b, s:o, s:o, s:b, s:I, s:b}", "answered", 1,
			 fwp_ptp_field_names[FWP_PTP_HOST_NS], json_hex(p->host_ns),
			 fwp_ptp_field_names[FWP_PTP_COUNTER], json_hex(p->counter),
			 fwp_ptp_field_names[FWP_PTP_COUNTER_IN_WINDOW], p->counter_in_window,
			 fwp_ptp_field_names[FWP_PTP_REALTIME_OFFSET_NS],
			 (json_int_t)p->realtime_offset_ns,
			 fwp_ptp_field_names[FWP_PTP_PLAUSIBLE], p->plausible);
}

static json_t *jkvm(const struct fwp_model *m)
{
	char names[FWP_TEXT_MAX], *tok, *save = NULL;
	json_t *list = json_array();

	if (!m->kvm_present) {
		json_decref(list);
		return json_null();
	}
	snprintf(names, sizeof(names), "%s", m->kvm_feature_names);
	for (tok = strtok_r(names, " ", &save); tok; tok = strtok_r(NULL, " ", &save))
		json_array_append_new(list, json_string(tok));
	return json_pack("{s:o, s:o}", "words", jhex_array(m->kvm_features, 4), "names", list);
}

static json_t *jservice_details(const struct report *r)
{
	json_t *cpus = json_array(), *impl = json_null(), *cpu;
	const struct fwp_model *m = r->m;
	unsigned int i, j;

	for (i = 0; i < r->nimpl; i++) {
		cpu = json_object();
		for (j = 0; j < FWP_IMPL_REG_NR; j++)
			json_object_set_new(cpu, fwp_impl_reg_names[j], json_hex(m->impl_cpu[i][j]));
		json_array_append_new(cpus, cpu);
	}
	if (m->impl_version.present)
		impl = json_pack("{s:o, s:I, s:O}", "version", jversion(m->impl_version.v),
				 "count", (json_int_t)m->impl_count, "cpus", cpus);
	json_decref(cpus);
	return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}",
		"kvm_features", jkvm(m),
		"trng", m->trng_version.present ?
			json_pack("{s:o, s:o, s:o}", "version", jversion(m->trng_version.v),
				  "features_rnd64", jint_or_null(&m->trng_rnd64),
				  "uuid", jtext_or_null(&m->trng_uuid)) : json_null(),
		"pv_time", json_pack("{s:o}", "st_features", jint_or_null(&m->pv_time_st)),
		"soc_id", m->soc_id_version.present ?
			json_pack("{s:o, s:o, s:o}", "version", json_hex(m->soc_id_version.v),
				  "revision", json_hex(m->soc_id_revision.v),
				  "name", jtext_or_null(&m->soc_id_name)) : json_null(),
		"discover_impl", impl,
		"ptp", json_pack("{s:o, s:o}",
			fwp_ptp_counter_names[FWP_KVM_PTP_VIRT], jptp_sample(&m->ptp[FWP_KVM_PTP_VIRT]),
			fwp_ptp_counter_names[FWP_KVM_PTP_PHYS], jptp_sample(&m->ptp[FWP_KVM_PTP_PHYS])));
}

/* "registers": hex or null; "registers_basis": the module's one-line reason. */
static void jregisters(const struct render_ctx *c)
{
	json_t *regs = json_object(), *basis = json_object(), *root = c->doc;
	const struct fwp_model *m = c->r->m;
	int i;

	for (i = 0; i < FWP_REG_NR; i++) {
		json_object_set_new(regs, fwp_reg_names[i],
				    m->regs.has[i] ? json_hex(m->regs.value[i]) : json_null());
		json_object_set_new(basis, fwp_reg_names[i], json_string(m->basis[i]));
	}
	json_object_set_new(root, "registers", regs);
	json_object_set_new(root, "registers_basis", basis);
}

static json_t *jhw_rows(const struct hw_rows *rows)
{
	json_t *o = json_object();
	unsigned int i;

	for (i = 0; i < rows->n; i++)
		json_object_set_new(o, fwp_hwregs[rows->row[i].reg].name, hw_row_json(&rows->row[i]));
	return o;
}

static json_t *jboot_differs(const struct report *r)
{
	json_t *a = json_array();
	unsigned int b;

	for (b = 0; b < HW_BOOT_NR; b++)
		if (r->boot_differs[b])
			json_array_append_new(a, json_string(fwp_hwregs[hw_boot_regs[b]].name));
	return a;
}

/* [{"vcpu": 1, "midr_el1": "0x...", "revidr_el1": ..., "aidr_el1": ...}]: see report.c. */
static json_t *junannounced(const struct report *r)
{
	json_t *a = json_array(), *cpu;
	unsigned int i;

	for (i = 0; i < r->nunannounced; i++) {
		cpu = json_pack("{s:i, s:o, s:o, s:o}", "vcpu", r->unannounced[i].cpu,
				fwp_hwregs[FWP_HW_midr_el1].name,
				json_hex(r->unannounced[i].reg[FWP_IMPL_MIDR]),
				fwp_hwregs[FWP_HW_revidr_el1].name,
				json_hex(r->unannounced[i].reg[FWP_IMPL_REVIDR]),
				fwp_hwregs[FWP_HW_aidr_el1].name,
				json_hex(r->unannounced[i].reg[FWP_IMPL_AIDR]));
		json_array_append_new(a, cpu);
	}
	return a;
}

/* "vector_lengths": {"sve": [16, 32], "sme": null}: null when absent or not read. */
static json_t *jvector_lengths(const struct vector_lengths *vl)
{
	json_t *o = json_object();
	unsigned int k;

	for (k = 0; k < VL_KINDS; k++)
		json_object_set_new(o, vl_kind_names[k], vl->read && vl->set[k].present ?
				    json_vl_bytes(vl->set[k].vqs) : json_null());
	return o;
}

/* "vcpus", "vcpus_offline", "cpu_registers", "gic_registers". */
static void jhardware(const struct render_ctx *c)
{
	const struct report *r = c->r;

	json_t *offline = json_array();
	unsigned int cpu;

	for (cpu = 0; cpu < r->ncpus; cpu++)
		if (!r->m->hw.online[cpu])
			json_array_append_new(offline, json_integer(cpu));
	json_object_set_new(c->doc, "vcpus", json_integer(r->ncpus));
	json_object_set_new(c->doc, "vcpus_offline", offline);
	json_object_set_new(c->doc, "cpu_registers", jhw_rows(&r->cpu));
	json_object_set_new(c->doc, "gic_registers", jhw_rows(&r->gic));
}

/* "boot_view" (null when not read), "boot_view_differs", "discover_impl_unannounced". */
static void jboot_view(const struct render_ctx *c)
{
	const struct report *r = c->r;
	json_t *boot = json_null(), *root = c->doc;
	unsigned int b;

	if (r->boot_read) {
		boot = json_object();
		for (b = 0; b < HW_BOOT_NR; b++)
			json_object_set_new(boot, fwp_hwregs[hw_boot_regs[b]].name, hw_row_json(&r->boot[b]));
	}
	json_object_set_new(root, "boot_view", boot);
	json_object_set_new(root, "boot_view_differs", jboot_differs(r));
	json_object_set_new(root, "discover_impl_unannounced", junannounced(r));
}

/* --quiet: the boot view's verdict and the unannounced vCPUs, only when there are any. */
static void jboot_view_drift(const struct render_ctx *c)
{
	if (c->r->nchanges)
		json_object_set_new(c->doc, "boot_view_differs", jboot_differs(c->r));
	if (c->r->nunannounced)
		json_object_set_new(c->doc, "discover_impl_unannounced", junannounced(c->r));
}

/* The vCPUs of a CPU-list file the model keeps as text, as an array of numbers. */
static json_t *jcpulist(const char *list, unsigned int ncpus)
{
	bool *set = xcalloc(ncpus, sizeof(*set));
	json_t *a = json_array();
	unsigned int cpu;

	if (cpulist_parse(list, set, ncpus))
		for (cpu = 0; cpu < ncpus; cpu++)
			if (set[cpu])
				json_array_append_new(a, json_integer(cpu));
	free(set);
	return a;
}

static json_t *jnames(const uint64_t *bits, enum fwp_safety_table t)
{
	unsigned int i, n = fwp_safety_count(t);
	json_t *a = json_array();

	for (i = 0; i < n; i++)
		if ((bits[i / 64] >> (i % 64)) & 1)
			json_array_append_new(a, json_string(fwp_safety_name(t, i)));
	return a;
}

/*
 * "safety": {"verdict", "vcpus_unsafe", "findings": [{"kind", "name",
 * "breaks"}], "capabilities", "errata", "hwcaps", "live", "unknown"}: see
 * report.c.
 */
static json_t *jsafety(const struct report *r)
{
	const struct fwp_safety_view *v = &r->m->safety;
	json_t *findings = json_array(), *o;
	unsigned int i, t;

	for (i = 0; i < r->nsafety; i++)
		if (!r->safety[i].unknown)
			json_array_append_new(findings, json_pack("{s:s, s:s, s:s}",
				"kind", fwp_safety_kind_names[r->safety[i].kind],
				"name", r->safety[i].name,
				"breaks", fwp_breaks_names[r->safety[i].breaks]));
	o = json_pack("{s:s, s:o, s:o}", "verdict", fwp_verdict_names[v->verdict],
		      "vcpus_unsafe", jcpulist(v->vcpus_unsafe, r->ncpus), "findings", findings);
	/* What boot set, each table under its boot file's name. */
	for (t = 0; t < FWP_SAFETY_TABLES; t++)
		json_object_set_new(o, fwp_view_tables[t].boot_name,
				    jnames(fwp_view_bits(v, fwp_view_tables[t].boot), t));
	json_object_set_new(o, "unknown", jnames(v->hwcaps_unknown, FWP_SAFETY_HWCAPS));
	return o;
}

static void jsafety_section(const struct render_ctx *c)
{
	json_object_set_new(c->doc, "safety", jsafety(c->r));
}

/* --quiet: the safety object only when the guest is not safe. */
static void jsafety_drift(const struct render_ctx *c)
{
	if (c->r->m->safety.verdict != FWP_VERDICT_SAFE)
		jsafety_section(c);
}

static void jvector_lengths_section(const struct render_ctx *c)
{
	json_object_set_new(c->doc, "vector_lengths", jvector_lengths(&c->r->m->vl));
}

static json_t *jbit_names(int reg, uint64_t bits)
{
	char name[REG_TEXT_MAX];
	json_t *a = json_array();
	unsigned int bit;

	for (bit = 0; bit < 64; bit++)
		if (bits >> bit & 1) {
			reg_bit_name(reg, bit, name, sizeof(name));
			json_array_append_new(a, json_string(name));
		}
	return a;
}

static const char *const rule_names[] = {
	[DRIFT_RULE_LOWER] = "lower_safe", [DRIFT_RULE_SLOWER] = "signed_lower_safe",
	[DRIFT_RULE_HIGHER] = "higher_safe", [DRIFT_RULE_EXACT] = "exact",
};

static json_t *jvcpus(const struct drift *d)
{
	json_t *a = json_array();
	unsigned int cpu;

	for (cpu = 0; cpu < d->nvcpus; cpu++)
		if (d->vcpus[cpu])
			json_array_append_new(a, json_integer(cpu));
	return a;
}

/* "missing" and "extra": bit names for the firmware bitmaps, bytes for vector lengths. */
static json_t *jmissing_extra(const struct drift *d, uint64_t bits)
{
	if (d->reg >= 0)
		return jbit_names(d->reg, bits);
	if (d->reg == DIFF_KEY_VL)
		return json_vl_bytes(bits);
	return json_array();
}

/*
 * One difference. Every entry has every key, null where it does not apply:
 * field, vcpus and rule for hardware registers, survivable for them and
 * vector lengths; kvm_id for anything a VMM sets with KVM_SET_ONE_REG,
 * vgic_attr for the GIC.
 */
static json_t *jdrift(const struct drift *d)
{
	char kvm_id[FMT_HEX_MAX], offset[FMT_HEX_MAX];
	bool hw = d->reg == DIFF_KEY_HW;
	bool judged = hw || d->reg == DIFF_KEY_VL;

	if (d->kvm_id)
		snprintf(kvm_id, sizeof(kvm_id), "0x%016llx", (unsigned long long)d->kvm_id);
	return json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:s}",
		"register", d->key,
		"expected", d->expected[0] ? json_string(d->expected) : json_null(),
		"actual", d->actual[0] ? json_string(d->actual) : json_null(),
		"missing", jmissing_extra(d, d->missing),
		"extra", jmissing_extra(d, d->extra),
		"field", d->field ? json_string(d->field) : json_null(),
		"vcpus", d->vcpus ? jvcpus(d) : json_null(),
		"rule", d->rule != DRIFT_RULE_NONE ? json_string(rule_names[d->rule]) : json_null(),
		"survivable", judged ? json_boolean(d->survivable) : json_null(),
		"kvm_id", d->kvm_id ? json_string(kvm_id) : json_null(),
		"vgic_attr", hw && hw_is_gic(d->hwreg) ?
			json_pack("{s:s, s:s}", "group", hw_vgic_group_name(d->hwreg),
				  "offset", fmt_hex(offset, fwp_hwregs[d->hwreg].offset)) : json_null(),
		"message", d->message);
}

static void jexpect(const struct render_ctx *c)
{
	const struct expect_result *x = c->x;
	json_t *list = json_array(), *root = c->doc;
	unsigned int i;

	for (i = 0; i < x->drift->n; i++)
		json_array_append_new(list, jdrift(&x->drift->d[i]));
	json_object_set_new(root, "expect_file", json_string(x->file));
	json_object_set_new(root, "match", json_boolean(x->match));
	json_object_set_new(root, "differences", list);
	json_object_set_new(root, "differences_truncated", json_boolean(x->drift->truncated));
}

static void jidentity_section(const struct render_ctx *c)
{
	const struct fwp_model *m = c->r->m;

	json_object_set_new(c->doc, "generation", json_integer((json_int_t)m->generation));
	json_object_set_new(c->doc, "calls", json_integer((json_int_t)m->ncalls));
	json_object_set_new(c->doc, "duration_ns", json_integer((json_int_t)m->duration_ns));
	json_object_set_new(c->doc, "hypervisor", jidentity(m));
	json_object_set_new(c->doc, "boot", !m->boot.present ? json_null() :
			    json_pack("{s:s, s:b, s:o, s:o}",
				      "tables", fwp_boot_tables_names[m->boot.tables],
				      "uefi", (int)m->boot.uefi,
				      "firmware_vendor", jtext_or_null(&m->boot.vendor),
				      "firmware_version", jtext_or_null(&m->boot.version)));
	json_object_set_new(c->doc, "smccc", json_pack("{s:o, s:s}",
			    "version", jversion(m->smccc_version),
			    "conduit", fwp_conduit_names[m->conduit]));
}

static void jpsci_section(const struct render_ctx *c)
{
	json_object_set_new(c->doc, "psci", jpsci(c->r));
}

static void jservices_section(const struct render_ctx *c)
{
	json_object_set_new(c->doc, "services", jservices(c->r->m));
}

static void jworkarounds_section(const struct render_ctx *c)
{
	json_object_set_new(c->doc, "workarounds", jworkarounds(c->r));
}

/* "kvm_features", "trng", "pv_time", "soc_id", "discover_impl" and "ptp". */
static void jservice_details_section(const struct render_ctx *c)
{
	json_object_update_new(c->doc, jservice_details(c->r));
}

static void jevidence(const struct render_ctx *c)
{
	const struct fwp_model *m = c->r->m;
	json_t *evidence = json_array();
	unsigned int i;

	for (i = 0; i < m->nevidence; i++)
		json_array_append_new(evidence, jcall(m, (int)i));
	json_object_set_new(c->doc, "evidence", evidence);
}

static const render_section_fn json_sections[RENDER_SECTIONS] = {
	[RENDER_IDENTITY] = jidentity_section,
	[RENDER_PSCI] = jpsci_section,
	[RENDER_SERVICES] = jservices_section,
	[RENDER_WORKAROUNDS] = jworkarounds_section,
	[RENDER_SERVICE_DETAILS] = jservice_details_section,	/* PTP's samples too */
	[RENDER_REGISTERS] = jregisters,
	[RENDER_HARDWARE] = jhardware,
	[RENDER_BOOT_VIEW] = jboot_view,
	[RENDER_SAFETY] = jsafety_section,
	[RENDER_VECTOR_LENGTHS] = jvector_lengths_section,
	[RENDER_EVIDENCE] = jevidence,
	[RENDER_EXPECT] = jexpect,
};

/* --quiet: the comparison, and the boot view's verdict when it differs. */
static const render_section_fn json_drift_sections[RENDER_SECTIONS] = {
	[RENDER_BOOT_VIEW] = jboot_view_drift,
	[RENDER_SAFETY] = jsafety_drift,
	[RENDER_EXPECT] = jexpect,
};

/**
 * render_json() - print the report and/or the comparison as one JSON object
 * @out: stream
 * @r: the report
 * @x: the --expect comparison, or NULL
 * @quiet: only the comparison, and the boot view's verdict when it differs
 *
 * Return: 0, or -1 if the document could not be built or written.
 */
int render_json(FILE *out, const struct report *r, const struct expect_result *x, bool quiet)
{
	const struct render_ctx c = { .r = r, .x = x, .doc = json_object() };
	int ret;

	if (!c.doc)
		return -1;
	render_walk(quiet ? json_drift_sections : json_sections, &c);
	ret = json_dumpf(c.doc, out, JSON_INDENT(2));
	json_decref(c.doc);
	if (!ret && fputc('\n', out) == EOF)
		ret = -1;
	return ret;
}
