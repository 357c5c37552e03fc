// SPDX-License-Identifier: GPL-2.0
/*
 * The model as one JSON object (--json). 64-bit values (registers, UID and
 * FEATURES words, call arguments and results, PTP host time and counter) go
 * out as "0x..." strings: JSON numbers lose precision above 2^53. Counts and
 * signed answers stay numbers. Absent things are null, not left out.
 */
#include <jansson.h>
#include <string.h>

#include "format.h"
#include "render.h"
#include "services.h"

static json_t *jhex(uint64_t v)
{
	char buf[FMT_HEX_MAX];

	return json_string(fmt_hex(buf, v));
}

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
		json_array_append_new(a, jhex(v[i]));
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
	return json_pack("{s:i, s:o, s:o, s:o}", "call", i, "fn", jhex(c->fn),
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

static json_t *jpsci(const struct fwp_model *m)
{
	json_t *features = json_array();
	unsigned int i;

	if (!m->psci_version.present) {
		json_decref(features);
		return json_null();
	}
	for (i = 0; i < fwp_psci_nr; i++)
		if (m->psci_features[i].present)
			json_array_append_new(features, json_pack("{s:s, s:I, s:b, s:o}",
				"function", fwp_psci_funcs[i].f.name,
				"answer", (json_int_t)m->psci_features[i].v,
				"supported", m->psci_features[i].v >= 0,
				"evidence", jcall(m, psci_feature_evidence(m, i))));
	return json_pack("{s:o, s:o, s:o}", "version", jversion(m->psci_version.v),
			 "version_raw", jhex(m->psci_version.v), "features", features);
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

static json_t *jworkarounds(const struct fwp_model *m)
{
	char level[REG_TEXT_MAX];
	json_t *a = json_array();
	unsigned int af;
	int reg;

	for (af = FWP_AF_WORKAROUND_1; af <= FWP_AF_WORKAROUND_3; af++) {
		reg = workaround_register(af);
		if (m->regs.has[reg])
			reg_describe(reg, m->regs.value[reg], level, sizeof(level));
		json_array_append_new(a, json_pack("{s:s, s:o, s:o, s:o}",
			"name", fwp_arch_funcs[af].name,
			"answer", jint_or_null(&m->arch_features[af]),
			"level", m->regs.has[reg] ? json_string(level) : json_null(),
			"evidence", jcall(m, workaround_evidence(m, af))));
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
			 fwp_ptp_field_names[FWP_PTP_HOST_NS], jhex(p->host_ns),
			 fwp_ptp_field_names[FWP_PTP_COUNTER], jhex(p->counter),
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

static json_t *jservice_details(const struct fwp_model *m)
{
	json_t *cpus = json_array(), *impl = json_null(), *cpu;
	unsigned int i, j;

	for (i = 0; m->impl_cpus_present && i < m->impl_count && i < FWP_MAX_IMPLS; i++) {
		cpu = json_object();
		for (j = 0; j < FWP_IMPL_REG_NR; j++)
			json_object_set_new(cpu, fwp_impl_reg_names[j], jhex(m->impl_cpu[i][j]));
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
			json_pack("{s:o, s:o, s:o}", "version", jhex(m->soc_id_version.v),
				  "revision", jhex(m->soc_id_revision.v),
				  "name", jtext_or_null(&m->soc_id_name)) : json_null(),
		"discover_impl", impl,
		"ptp", json_pack("{s:o, s:o}",
			fwp_ptp_counter_names[FWP_KVM_PTP_VIRT], jptp_sample(&m->ptp[FWP_KVM_PTP_VIRT]),
			fwp_ptp_counter_names[FWP_KVM_PTP_PHYS], jptp_sample(&m->ptp[FWP_KVM_PTP_PHYS])));
}

/* "registers": hex or null; "registers_basis": the module's one-line reason. */
static void jregisters(json_t *root, const struct fwp_model *m)
{
	json_t *regs = json_object(), *basis = json_object();
	int i;

	for (i = 0; i < FWP_REG_NR; i++) {
		json_object_set_new(regs, fwp_reg_names[i],
				    m->regs.has[i] ? jhex(m->regs.value[i]) : json_null());
		json_object_set_new(basis, fwp_reg_names[i], json_string(m->basis[i]));
	}
	json_object_set_new(root, "registers", regs);
	json_object_set_new(root, "registers_basis", basis);
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

static void jexpect(json_t *root, const struct expect_result *x)
{
	const struct drift *d;
	json_t *list = json_array();
	unsigned int i;

	for (i = 0; i < x->drift->n; i++) {
		d = &x->drift->d[i];
		json_array_append_new(list, json_pack("{s:s, s:s, s:o, s:o, s:o, s:s}",
			"register", d->key, "expected", d->expected,
			"actual", d->actual[0] ? json_string(d->actual) : json_null(),
			"missing", jbit_names(d->reg, d->missing), "extra", jbit_names(d->reg, d->extra),
			"message", d->message));
	}
	json_object_set_new(root, "expect_file", json_string(x->file));
	json_object_set_new(root, "match", json_boolean(x->match));
	json_object_set_new(root, "differences", list);
}

static json_t *jmodel(const struct fwp_model *m)
{
	json_t *root = json_pack("{s:I, s:I, s:I, s:o, s:o, s:o, s:o, s:o}",
		"generation", (json_int_t)m->generation, "calls", (json_int_t)m->ncalls,
		"duration_ns", (json_int_t)m->duration_ns,
		"hypervisor", jidentity(m),
		"smccc", json_pack("{s:o, s:s}", "version", jversion(m->smccc_version),
				   "conduit", fwp_conduit_names[m->conduit]),
		"psci", jpsci(m), "services", jservices(m), "workarounds", jworkarounds(m));
	json_t *evidence = json_array();
	unsigned int i;

	if (!root) {
		json_decref(evidence);
		return NULL;
	}
	json_object_update_new(root, jservice_details(m));
	jregisters(root, m);
	for (i = 0; i < m->nevidence; i++)
		json_array_append_new(evidence, jcall(m, (int)i));
	json_object_set_new(root, "evidence", evidence);
	return root;
}

/**
 * render_json() - print the model and/or the comparison as one JSON object
 * @out: stream
 * @m: the model, or NULL to print only the comparison (--quiet)
 * @x: the --expect comparison, or NULL
 *
 * Return: 0, or -1 if the document could not be built or written.
 */
int render_json(FILE *out, const struct fwp_model *m, const struct expect_result *x)
{
	json_t *root = m ? jmodel(m) : json_object();
	int ret;

	if (!root)
		return -1;
	if (x)
		jexpect(root, x);
	ret = json_dumpf(root, out, JSON_INDENT(2));
	json_decref(root);
	if (!ret && fputc('\n', out) == EOF)
		ret = -1;
	return ret;
}
