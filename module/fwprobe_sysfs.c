// SPDX-License-Identifier: GPL-2.0
/*
 * fwprobe sysfs glue: /sys/class/fwprobe/fwprobe0, one value per file, all
 * read from the last published snapshot (reading issues no SMCCC call).
 * Documented in Documentation/ABI/testing/sysfs-class-fwprobe.
 *
 * Files of a service that is absent are hidden by is_visible; raw answer
 * files (arch_features/, psci_features/) exist for every question asked.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/device.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/sysfs.h>

#include "fwprobe.h"

#define FWP_VERSION_FMT		"%u.%u"	/* 0x10001 -> "1.1" */
#define FWP_WORD_FMT		"0x%08x"	/* a 32-bit result word: "0xb66fb428" */
#define FWP_UUID_LEN		37

/* Only the attribute's show body differs; the RCU read side is common. */
#define FWP_SHOW(_prefix, _name, _fmt, ...)					\
static ssize_t _prefix##_name##_show(struct device *dev,			\
				     struct device_attribute *attr, char *buf)	\
{										\
	const struct fwp_snapshot *s;						\
	char uuid[FWP_UUID_LEN] __maybe_unused;					\
	ssize_t len;								\
										\
	rcu_read_lock();							\
	s = &rcu_dereference(fwprobe_current)->s;				\
	len = sysfs_emit(buf, _fmt "\n", __VA_ARGS__);				\
	rcu_read_unlock();							\
	return len;								\
}										\
static struct device_attribute dev_attr_##_prefix##_name =			\
	__ATTR(_name, 0444, _prefix##_name##_show, NULL)

static u32 fwp_major(u32 version)
{
	return version >> 16;
}

static u32 fwp_minor(u32 version)
{
	return version & 0xffff;
}

static const char *fwp_uuid(const u32 w[4], char *buf)
{
	fwp_format_uuid(w, buf, FWP_UUID_LEN);
	return buf;
}

/* Top level: the probe itself. */
FWP_SHOW(, generation, "%llu", s->generation);
FWP_SHOW(, calls, "%u", s->ncalls);
FWP_SHOW(, duration_ns, "%llu", s->duration_ns);
FWP_SHOW(, version_call_ns, "%llu", s->version_call_ns);
FWP_SHOW(, conduit, "%s", fwp_conduit_names[s->conduit]);
FWP_SHOW(, smccc_version, FWP_VERSION_FMT, fwp_major(s->smccc_version),
	 fwp_minor(s->smccc_version));
FWP_SHOW(, identity, "%s", fwp_identity_names[s->identity]);

static ssize_t rescan_store(struct device *dev, struct device_attribute *attr,
			    const char *buf, size_t count)
{
	bool yes;
	int ret = kstrtobool(buf, &yes);

	if (ret)
		return ret;
	if (yes) {
		ret = fwprobe_rescan();
		if (ret)
			return ret;
	}
	return count;
}
static DEVICE_ATTR_WO(rescan);

static struct attribute *fwp_top_attrs[] = {
	&dev_attr_generation.attr, &dev_attr_calls.attr, &dev_attr_duration_ns.attr,
	&dev_attr_version_call_ns.attr,
	&dev_attr_conduit.attr, &dev_attr_smccc_version.attr, &dev_attr_identity.attr,
	&dev_attr_rescan.attr, NULL,
};

static const struct attribute_group fwp_top_group = { .attrs = fwp_top_attrs };

/* Runs with the RCU read lock held; @n indexes the group's attribute array. */
typedef bool (*fwp_visible_fn)(const struct fwp_snapshot *s, int n);

static umode_t fwp_visible(struct attribute *attr, int n, fwp_visible_fn visible)
{
	const struct fwprobe_snap *snap;
	bool show;

	rcu_read_lock();
	snap = rcu_dereference(fwprobe_current);
	show = snap && visible(&snap->s, n);
	rcu_read_unlock();
	return show ? attr->mode : 0;
}

/* A group's visibility rule (_cond, over s and n) and its is_visible callback. */
#define FWP_VISIBLE(_name, _cond)						\
static bool fwp_##_name##_test(const struct fwp_snapshot *s, int n)		\
{										\
	return _cond;								\
}										\
static umode_t fwp_##_name##_visible(struct kobject *kobj,			\
				     struct attribute *attr, int n)		\
{										\
	return fwp_visible(attr, n, fwp_##_name##_test);			\
}

#define FWP_GROUP(_name, _cond)							\
FWP_VISIBLE(_name, _cond)							\
static const struct attribute_group fwp_##_name##_group = {			\
	.name = #_name,								\
	.attrs = fwp_##_name##_attrs,						\
	.is_visible = fwp_##_name##_visible,					\
}

/* soc_id/: SMCCC_ARCH_SOC_ID, only with SMCCC >= 1.2 and when implemented. */
FWP_SHOW(soc_id_, version, FWP_WORD_FMT, (u32)s->soc_id_version);
FWP_SHOW(soc_id_, revision, FWP_WORD_FMT, (u32)s->soc_id_revision);
FWP_SHOW(soc_id_, name, "%s", s->soc_id_name);

static struct attribute *fwp_soc_id_attrs[] = {
	&dev_attr_soc_id_version.attr, &dev_attr_soc_id_revision.attr,
	&dev_attr_soc_id_name.attr, NULL,
};

FWP_GROUP(soc_id, s->soc_id_present && (n < 2 || s->soc_id_name[0]));

/* arch_features/: SMCCC_ARCH_FEATURES answers, signed decimal. */
FWP_SHOW(af_, workaround_1, "%d", s->arch_features[FWP_AF_WORKAROUND_1].value);
FWP_SHOW(af_, workaround_2, "%d", s->arch_features[FWP_AF_WORKAROUND_2].value);
FWP_SHOW(af_, workaround_3, "%d", s->arch_features[FWP_AF_WORKAROUND_3].value);
FWP_SHOW(af_, pv_time, "%d", s->arch_features[FWP_AF_PV_TIME].value);
FWP_SHOW(af_, soc_id, "%d", s->arch_features[FWP_AF_SOC_ID].value);

static struct attribute *fwp_arch_features_attrs[] = {	/* enum fwp_arch_feature order */
	&dev_attr_af_workaround_1.attr, &dev_attr_af_workaround_2.attr,
	&dev_attr_af_workaround_3.attr, &dev_attr_af_pv_time.attr, &dev_attr_af_soc_id.attr,
	NULL,
};

FWP_GROUP(arch_features, s->arch_features[n].asked);

/* psci/ */
FWP_SHOW(psci_, version, FWP_VERSION_FMT, fwp_major(s->psci_version),
	 fwp_minor(s->psci_version));

static struct attribute *fwp_psci_attrs[] = { &dev_attr_psci_version.attr, NULL };

FWP_GROUP(psci, s->psci_present);

/* trng/ */
FWP_SHOW(trng_, version, FWP_VERSION_FMT, fwp_major((u32)s->trng_version.value),
	 fwp_minor((u32)s->trng_version.value));
FWP_SHOW(trng_, features_rnd64, "%d", s->trng_rnd64.value);
FWP_SHOW(trng_, uuid, "%s", fwp_uuid(s->trng_uuid, uuid));

static struct attribute *fwp_trng_attrs[] = {
	&dev_attr_trng_version.attr, &dev_attr_trng_features_rnd64.attr,
	&dev_attr_trng_uuid.attr, NULL,
};

FWP_GROUP(trng, s->trng_version.asked && s->trng_version.value >= 0 &&
	  (n == 0 || (n == 1 && s->trng_rnd64.asked) || (n == 2 && s->trng_uuid_valid)));

/* vendor_hyp/: the vendor-hypervisor Call UID as raw words and as text. */
FWP_SHOW(uid_, uid_0, FWP_WORD_FMT, s->uid[0]);
FWP_SHOW(uid_, uid_1, FWP_WORD_FMT, s->uid[1]);
FWP_SHOW(uid_, uid_2, FWP_WORD_FMT, s->uid[2]);
FWP_SHOW(uid_, uid_3, FWP_WORD_FMT, s->uid[3]);
FWP_SHOW(uid_, uuid, "%s", fwp_uuid(s->uid, uuid));

static struct attribute *fwp_vendor_hyp_attrs[] = {
	&dev_attr_uid_uid_0.attr, &dev_attr_uid_uid_1.attr, &dev_attr_uid_uid_2.attr,
	&dev_attr_uid_uid_3.attr, &dev_attr_uid_uuid.attr, NULL,
};

FWP_GROUP(vendor_hyp, s->uid_valid);

/* standard_uid/: Call UIDs of the standard secure and hypervisor ranges. */
FWP_SHOW(std_, secure, "%s", fwp_uuid(s->std_uid, uuid));
FWP_SHOW(std_, hypervisor, "%s", fwp_uuid(s->std_hyp_uid, uuid));

static struct attribute *fwp_standard_uid_attrs[] = {
	&dev_attr_std_secure.attr, &dev_attr_std_hypervisor.attr, NULL,
};

FWP_GROUP(standard_uid, n == 0 ? s->std_uid_valid : s->std_hyp_uid_valid);

/* kvm/: KVM FEATURES words and the names of the bits set. */
FWP_SHOW(kvm_, features_0, FWP_WORD_FMT, s->kvm_features[0]);
FWP_SHOW(kvm_, features_1, FWP_WORD_FMT, s->kvm_features[1]);
FWP_SHOW(kvm_, features_2, FWP_WORD_FMT, s->kvm_features[2]);
FWP_SHOW(kvm_, features_3, FWP_WORD_FMT, s->kvm_features[3]);

static ssize_t kvm_feature_names_show(struct device *dev, struct device_attribute *attr,
				      char *buf)
{
	const struct fwp_snapshot *s;
	unsigned int bit;
	ssize_t len = 0;

	rcu_read_lock();
	s = &rcu_dereference(fwprobe_current)->s;
	for (bit = 0; bit < 128; bit++)
		if (s->kvm_features[bit / 32] & BIT(bit % 32))
			len += sysfs_emit_at(buf, len, "%s%s", len ? " " : "",
					     fwp_kvm_feature_name(bit));
	rcu_read_unlock();
	len += sysfs_emit_at(buf, len, "\n");
	return len;
}

static struct device_attribute dev_attr_kvm_feature_names =
	__ATTR(feature_names, 0444, kvm_feature_names_show, NULL);

static struct attribute *fwp_kvm_attrs[] = {
	&dev_attr_kvm_features_0.attr, &dev_attr_kvm_features_1.attr,
	&dev_attr_kvm_features_2.attr, &dev_attr_kvm_features_3.attr,
	&dev_attr_kvm_feature_names.attr, NULL,
};

FWP_GROUP(kvm, s->kvm_features_valid);

/* pv_time/ */
FWP_SHOW(pvt_, st_features, "%d", s->pv_time_st.value);

static struct attribute *fwp_pv_time_attrs[] = { &dev_attr_pvt_st_features.attr, NULL };

FWP_GROUP(pv_time, s->pv_time_st.asked);

/*
 * Groups built from the core's tables at load time: one file per PSCI
 * function, per register and per recorded call. The index into the table is
 * the attribute's position, kept in dev_ext_attribute::var.
 */
struct fwp_table_group {
	struct attribute_group group;
	struct dev_ext_attribute *ext;
	struct attribute **attrs;
};

static unsigned long fwp_index(struct device_attribute *attr)
{
	return (unsigned long)container_of(attr, struct dev_ext_attribute, attr)->var;
}

static ssize_t psci_feature_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	ssize_t len;

	rcu_read_lock();
	len = sysfs_emit(buf, "%d\n",
			 rcu_dereference(fwprobe_current)->s.psci_features[fwp_index(attr)].value);
	rcu_read_unlock();
	return len;
}

static ssize_t register_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	const struct fwp_reg *r;
	ssize_t len;

	rcu_read_lock();
	r = &rcu_dereference(fwprobe_current)->s.regs[fwp_index(attr)];
	len = r->determined ? sysfs_emit(buf, "0x%llx\n", r->value) : sysfs_emit(buf, "unknown\n");
	rcu_read_unlock();
	return len;
}

static ssize_t register_basis_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	ssize_t len;

	rcu_read_lock();
	len = sysfs_emit(buf, "%s\n",
			 rcu_dereference(fwprobe_current)->s.regs[fwp_index(attr)].basis);
	rcu_read_unlock();
	return len;
}

/* ptp/: one KVM PTP sample per counter, checked against the guest's view. */
static const char *const fwp_ptp_counters[] = { "virtual", "physical" };
static const char *const fwp_ptp_fields[] = {
	"status", "host_ns", "counter", "counter_in_window", "realtime_offset_ns", "plausible",
};

#define FWP_PTP_FIELDS		ARRAY_SIZE(fwp_ptp_fields)
#define FWP_PTP_ATTRS		(2 * FWP_PTP_FIELDS)
static char fwp_ptp_names[FWP_PTP_ATTRS][32];

static ssize_t ptp_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	unsigned long i = fwp_index(attr);
	const struct fwp_ptp_sample *t;
	ssize_t len;

	rcu_read_lock();
	t = &rcu_dereference(fwprobe_current)->s.ptp[i / FWP_PTP_FIELDS];
	switch (i % FWP_PTP_FIELDS) {
	case 0:
		len = sysfs_emit(buf, "%d\n", t->status);
		break;
	case 1:
		len = sysfs_emit(buf, "%llu\n", t->host_ns);
		break;
	case 2:
		len = sysfs_emit(buf, "%llu\n", t->counter);
		break;
	case 3:
		len = sysfs_emit(buf, "%d\n", t->counter_in_window);
		break;
	case 4:
		len = sysfs_emit(buf, "%lld\n", t->realtime_offset_ns);
		break;
	default:
		len = sysfs_emit(buf, "%d\n", t->plausible);
	}
	rcu_read_unlock();
	return len;
}

/* discover_impl/: version, count, then MIDR/REVIDR/AIDR per implementation. */
#define FWP_IMPL_ATTRS		(2 + 3 * FWP_MAX_IMPLS)
static char fwp_impl_names[FWP_IMPL_ATTRS][16];

static ssize_t impl_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	unsigned long i = fwp_index(attr);
	const struct fwp_snapshot *s;
	ssize_t len;

	rcu_read_lock();
	s = &rcu_dereference(fwprobe_current)->s;
	if (i == 0)
		len = sysfs_emit(buf, FWP_VERSION_FMT "\n", fwp_major(s->impl_version),
				 fwp_minor(s->impl_version));
	else if (i == 1)
		len = sysfs_emit(buf, "%u\n", s->impl_count);
	else
		len = sysfs_emit(buf, "0x%016llx\n", s->impl_cpu[(i - 2) / 3][(i - 2) % 3]);
	rcu_read_unlock();
	return len;
}

/* One recorded call: fn a1 a2 a3 then results a0 a1 a2 a3, all hex. */
static ssize_t evidence_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	const struct fwp_snapshot *s;
	const struct fwp_call *c;
	unsigned long i = fwp_index(attr);
	ssize_t len;

	rcu_read_lock();
	s = &rcu_dereference(fwprobe_current)->s;
	if (i >= min_t(u32, s->ncalls, FWP_MAX_CALLS)) {
		len = -ENODATA;		/* a rescan just shortened the log */
	} else {
		c = &s->calls[i];
		len = sysfs_emit(buf, "0x%08x 0x%llx 0x%llx 0x%llx 0x%llx 0x%llx 0x%llx 0x%llx\n",
				 c->fn, c->arg[0], c->arg[1], c->arg[2],
				 c->res[0], c->res[1], c->res[2], c->res[3]);
	}
	rcu_read_unlock();
	return len;
}

FWP_VISIBLE(psci_features, s->psci_features[n].asked);
FWP_VISIBLE(registers, true);
FWP_VISIBLE(ptp, s->ptp[n / FWP_PTP_FIELDS].asked &&
	    (n % FWP_PTP_FIELDS == 0 || s->ptp[n / FWP_PTP_FIELDS].status >= 0));
FWP_VISIBLE(discover_impl, s->impl_valid &&
	    (n < 2 || (unsigned int)(n - 2) / 3 < min_t(u32, s->impl_count, FWP_MAX_IMPLS)));
FWP_VISIBLE(evidence, n < (int)min_t(u32, s->ncalls, FWP_MAX_CALLS));

static struct fwp_table_group fwp_psci_features = {
	.group = { .name = "psci_features", .is_visible = fwp_psci_features_visible },
};

static struct fwp_table_group fwp_registers = {
	.group = { .name = "registers", .is_visible = fwp_registers_visible },
};

static struct fwp_table_group fwp_registers_basis = {
	.group = { .name = "registers_basis", .is_visible = fwp_registers_visible },
};

static struct fwp_table_group fwp_ptp = {
	.group = { .name = "ptp", .is_visible = fwp_ptp_visible },
};

static struct fwp_table_group fwp_discover_impl = {
	.group = { .name = "discover_impl", .is_visible = fwp_discover_impl_visible },
};

static struct fwp_table_group fwp_evidence = {
	.group = { .name = "evidence", .is_visible = fwp_evidence_visible },
};

static char fwp_evidence_names[FWP_MAX_CALLS][8];

static int fwp_table_group_init(struct fwp_table_group *g, unsigned int n,
				const char *(*name)(unsigned int i),
				ssize_t (*show)(struct device *, struct device_attribute *, char *))
{
	unsigned int i;

	g->ext = kcalloc(n, sizeof(*g->ext), GFP_KERNEL);
	g->attrs = kcalloc(n + 1, sizeof(*g->attrs), GFP_KERNEL);
	if (!g->ext || !g->attrs) {
		kfree(g->ext);
		kfree(g->attrs);
		return -ENOMEM;
	}
	for (i = 0; i < n; i++) {
		struct dev_ext_attribute *e = &g->ext[i];

		sysfs_attr_init(&e->attr.attr);
		e->attr.attr.name = name(i);
		e->attr.attr.mode = 0444;
		e->attr.show = show;
		e->var = (void *)(unsigned long)i;
		g->attrs[i] = &e->attr.attr;
	}
	g->group.attrs = g->attrs;
	return 0;
}

static void fwp_table_group_exit(struct fwp_table_group *g)
{
	kfree(g->ext);
	kfree(g->attrs);
}

static const char *fwp_psci_name(unsigned int i)
{
	return fwp_psci_funcs[i].f.name;
}

static const char *fwp_reg_name(unsigned int i)
{
	return fwp_reg_names[i];
}

static const char *fwp_evidence_name(unsigned int i)
{
	return fwp_evidence_names[i];
}

static const char *fwp_ptp_name(unsigned int i)
{
	return fwp_ptp_names[i];
}

static const char *fwp_impl_name(unsigned int i)
{
	return fwp_impl_names[i];
}

static void fwp_make_names(void)
{
	static const char *const regs[] = { "midr", "revidr", "aidr" };
	unsigned int i;

	for (i = 0; i < FWP_MAX_CALLS; i++)
		snprintf(fwp_evidence_names[i], sizeof(fwp_evidence_names[i]), "call_%02u", i);
	for (i = 0; i < FWP_PTP_ATTRS; i++)
		snprintf(fwp_ptp_names[i], sizeof(fwp_ptp_names[i]), "%s_%s",
			 fwp_ptp_counters[i / FWP_PTP_FIELDS], fwp_ptp_fields[i % FWP_PTP_FIELDS]);
	strscpy(fwp_impl_names[0], "version", sizeof(fwp_impl_names[0]));
	strscpy(fwp_impl_names[1], "count", sizeof(fwp_impl_names[1]));
	for (i = 2; i < FWP_IMPL_ATTRS; i++)
		snprintf(fwp_impl_names[i], sizeof(fwp_impl_names[i]), "%s_%u",
			 regs[(i - 2) % 3], (i - 2) / 3);
}

const struct attribute_group *fwprobe_groups[] = {
	&fwp_top_group, &fwp_soc_id_group, &fwp_arch_features_group, &fwp_psci_group,
	&fwp_psci_features.group, &fwp_trng_group, &fwp_vendor_hyp_group,
	&fwp_standard_uid_group, &fwp_kvm_group, &fwp_ptp.group, &fwp_pv_time_group,
	&fwp_discover_impl.group, &fwp_registers.group, &fwp_registers_basis.group,
	&fwp_evidence.group, NULL,
};

/**
 * fwprobe_layout_changed() - would is_visible answer differently for @new?
 * @old: snapshot the files were laid out for
 * @new: snapshot about to be shown
 *
 * Re-laying out removes and re-creates files, which a concurrent reader would
 * see as a missing file, so it is done only when visibility really changes.
 *
 * Return: true if some file must appear or disappear.
 */
bool fwprobe_layout_changed(const struct fwp_snapshot *old, const struct fwp_snapshot *new)
{
	static const struct {
		const struct attribute_group *group;
		fwp_visible_fn test;
	} groups[] = {
		{ &fwp_soc_id_group, fwp_soc_id_test },
		{ &fwp_arch_features_group, fwp_arch_features_test },
		{ &fwp_psci_group, fwp_psci_test },
		{ &fwp_psci_features.group, fwp_psci_features_test },
		{ &fwp_trng_group, fwp_trng_test },
		{ &fwp_vendor_hyp_group, fwp_vendor_hyp_test },
		{ &fwp_standard_uid_group, fwp_standard_uid_test },
		{ &fwp_kvm_group, fwp_kvm_test },
		{ &fwp_ptp.group, fwp_ptp_test },
		{ &fwp_pv_time_group, fwp_pv_time_test },
		{ &fwp_discover_impl.group, fwp_discover_impl_test },
		{ &fwp_evidence.group, fwp_evidence_test },
	};
	unsigned int g;
	int n;

	for (g = 0; g < ARRAY_SIZE(groups); g++)
		for (n = 0; groups[g].group->attrs[n]; n++)
			if (groups[g].test(old, n) != groups[g].test(new, n))
				return true;
	return false;
}

/**
 * fwprobe_sysfs_init() - build the table-driven attribute groups
 *
 * Context: module init, before the device (and so any file) exists.
 * Return: 0, or -ENOMEM.
 */
int fwprobe_sysfs_init(void)
{
	static const struct {
		struct fwp_table_group *g;
		unsigned int n;
		const char *(*name)(unsigned int i);
		ssize_t (*show)(struct device *dev, struct device_attribute *attr, char *buf);
	} tables[] = {
		{ &fwp_psci_features, FWP_PSCI_MAX, fwp_psci_name, psci_feature_show },
		{ &fwp_ptp, FWP_PTP_ATTRS, fwp_ptp_name, ptp_show },
		{ &fwp_discover_impl, FWP_IMPL_ATTRS, fwp_impl_name, impl_show },
		{ &fwp_registers, FWP_REG_NR, fwp_reg_name, register_show },
		{ &fwp_registers_basis, FWP_REG_NR, fwp_reg_name, register_basis_show },
		{ &fwp_evidence, FWP_MAX_CALLS, fwp_evidence_name, evidence_show },
	};
	unsigned int i;

	fwp_make_names();
	for (i = 0; i < ARRAY_SIZE(tables); i++) {
		unsigned int n = tables[i].g == &fwp_psci_features ? fwp_psci_nr : tables[i].n;

		if (fwp_table_group_init(tables[i].g, n, tables[i].name, tables[i].show)) {
			while (i--)
				fwp_table_group_exit(tables[i].g);
			return -ENOMEM;
		}
	}
	return 0;
}

/**
 * fwprobe_sysfs_exit() - free what fwprobe_sysfs_init() built
 *
 * Context: module exit, after the device (and so every file) is gone.
 */
void fwprobe_sysfs_exit(void)
{
	struct fwp_table_group *groups[] = {
		&fwp_psci_features, &fwp_ptp, &fwp_discover_impl, &fwp_registers,
		&fwp_registers_basis, &fwp_evidence,
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(groups); i++)
		fwp_table_group_exit(groups[i]);
}
