// SPDX-License-Identifier: GPL-2.0
/*
 * fwprobe sysfs glue: /sys/class/fwprobe/fwprobe0, one value per file, all
 * read from the last published snapshot (reading issues no SMCCC call).
 * Documented in Documentation/ABI/testing/sysfs-class-fwprobe.
 *
 * Files of a service that is absent do not exist; raw answer files
 * (arch_features/, psci_features/) exist for every question asked. The
 * groups, their files' names and what each holds are lib/fwprobe_layout.h's;
 * fwp_group_descs[] adds how each group is shown and which of its files
 * exist for a snapshot, and fwprobe_layout() adds and removes single files
 * of the named groups as a rescan finds services appear or disappear. The
 * top-level group, which holds rescan, never changes while the device exists
 * (see the rules at the top of fwprobe_main.c).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/device.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/sysfs.h>

#include "fwprobe.h"
#include "fwprobe_layout.h"

#define FWP_VERSION_FMT		"%u.%u"	/* 0x10001 -> "1.1" */
#define FWP_WORD_FMT		"0x%08x"	/* a 32-bit result word: "0xb66fb428" */
#define FWP_UUID_LEN		37

/*
 * The show() of fixed file _file of group _group (fwprobe_layout.h's lists):
 * only the format and the value differ; the RCU read side is common.
 */
#define FWP_SHOW(_group, _file, _fmt, ...)					\
static ssize_t _group##_##_file##_show(struct device *dev,			\
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
static struct device_attribute dev_attr_##_group##_##_file =			\
	__ATTR(_file, 0444, _group##_##_file##_show, NULL)

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
FWP_SHOW(top, generation, "%llu", s->generation);
FWP_SHOW(top, calls, "%u", s->ncalls);
FWP_SHOW(top, duration_ns, "%llu", s->duration_ns);
FWP_SHOW(top, version_call_ns, "%llu", s->version_call_ns);
FWP_SHOW(top, hw_duration_ns, "%llu", s->hw.duration_ns);
FWP_SHOW(top, vcpus, "%u", s->hw.ncpus);
FWP_SHOW(top, vcpus_online, "%*pbl", (int)s->hw.ncpus, s->hw.online);
FWP_SHOW(top, conduit, "%s", fwp_conduit_names[s->conduit]);
FWP_SHOW(top, smccc_version, FWP_VERSION_FMT, fwp_major(s->smccc_version),
	 fwp_minor(s->smccc_version));
FWP_SHOW(top, identity, "%s", fwp_identity_names[s->identity]);

static ssize_t top_rescan_store(struct device *dev, struct device_attribute *attr,
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

static struct device_attribute dev_attr_top_rescan = __ATTR(rescan, 0200, NULL, top_rescan_store);

/*
 * A group's rule for which of its files exist, over snapshot s, file number n
 * and, for a per-vCPU group, its vCPU cpu.
 */
#define FWP_PRESENT(_name, _cond)						\
static bool fwp_##_name##_present(const struct fwp_snapshot *s, unsigned int cpu,	\
				  unsigned int n)				\
{										\
	return _cond;								\
}

/*
 * boot/: how the guest booted, fixed at load (fwprobe_boot.c), so neither
 * the files nor their values follow the snapshot; the SMBIOS strings are
 * there when the firmware gave them.
 */
#define FWP_BOOT_SHOW(_file, _fmt, _value)					\
static ssize_t boot_##_file##_show(struct device *dev, struct device_attribute *attr,	\
				   char *buf)					\
{										\
	return sysfs_emit(buf, _fmt "\n", _value);				\
}										\
static struct device_attribute dev_attr_boot_##_file =				\
	__ATTR(_file, 0444, boot_##_file##_show, NULL)

FWP_BOOT_SHOW(tables, "%s",
	      fwp_boot_tables_names[fwprobe_boot.acpi ? FWP_BOOT_TABLES_ACPI : FWP_BOOT_TABLES_DT]);
FWP_BOOT_SHOW(uefi, "%d", fwprobe_boot.uefi);
FWP_BOOT_SHOW(firmware_vendor, "%s", fwprobe_boot.vendor);
FWP_BOOT_SHOW(firmware_version, "%s", fwprobe_boot.version);
FWP_PRESENT(boot, n < 2 || (n == 2 ? fwprobe_boot.vendor[0] : fwprobe_boot.version[0]));

/*
 * safety/: the verdict of fwprobe_safety.h over the last probe, what the
 * kernel decided at boot and what an online vCPU no longer offers. Lists of
 * names are space-separated and may be empty.
 */
static ssize_t fwp_emit_names(char *buf, const u64 *bits, enum fwp_safety_table t)
{
	unsigned int i, nr = fwp_safety_count(t);
	ssize_t len = 0;

	for (i = 0; i < nr; i++)
		if (fwp_hw_bit(bits, i))
			len += sysfs_emit_at(buf, len, "%s%s", len ? " " : "",
					     fwp_safety_name(t, i));
	return len + sysfs_emit_at(buf, len, "\n");
}

/* The unsafe vCPUs as a CPU list ("0-3,5"), from each vCPU's flag. */
static ssize_t fwp_emit_unsafe(char *buf, const struct fwp_hw_view *hw)
{
	unsigned int cpu, first;
	ssize_t len = 0;

	for (cpu = 0; cpu < hw->ncpus; cpu++) {
		if (!hw->cpu[cpu].unsafe)
			continue;
		for (first = cpu; cpu + 1 < hw->ncpus && hw->cpu[cpu + 1].unsafe; cpu++)
			;
		len += sysfs_emit_at(buf, len, "%s%u", len ? "," : "", first);
		if (cpu > first)
			len += sysfs_emit_at(buf, len, "-%u", cpu);
	}
	return len + sysfs_emit_at(buf, len, "\n");
}

#define FWP_SAFETY_SHOW(_file, _emit)						\
static ssize_t safety_##_file##_show(struct device *dev,			\
				     struct device_attribute *attr, char *buf)	\
{										\
	const struct fwp_snapshot *s;						\
	ssize_t len;								\
										\
	rcu_read_lock();							\
	s = &rcu_dereference(fwprobe_current)->s;				\
	len = _emit;								\
	rcu_read_unlock();							\
	return len;								\
}										\
static struct device_attribute dev_attr_safety_##_file =			\
	__ATTR(_file, 0444, safety_##_file##_show, NULL)

FWP_SAFETY_SHOW(verdict, sysfs_emit(buf, "%s\n", fwp_verdict_names[s->safety.verdict]));
FWP_SAFETY_SHOW(vcpus_unsafe, fwp_emit_unsafe(buf, &s->hw));
FWP_SAFETY_SHOW(capabilities, fwp_emit_names(buf, &s->safety.caps_boot, FWP_SAFETY_CAPS));
FWP_SAFETY_SHOW(capabilities_lost, fwp_emit_names(buf, &s->safety.caps_lost, FWP_SAFETY_CAPS));
FWP_SAFETY_SHOW(errata, fwp_emit_names(buf, &s->safety.errata_boot, FWP_SAFETY_ERRATA));
FWP_SAFETY_SHOW(errata_needed, fwp_emit_names(buf, &s->safety.errata_needed, FWP_SAFETY_ERRATA));
FWP_SAFETY_SHOW(hwcaps, fwp_emit_names(buf, s->safety.hwcaps_boot, FWP_SAFETY_HWCAPS));
FWP_SAFETY_SHOW(hwcaps_lost, fwp_emit_names(buf, s->safety.hwcaps_lost, FWP_SAFETY_HWCAPS));
FWP_SAFETY_SHOW(duration_ns, sysfs_emit(buf, "%llu\n", s->safety.duration_ns));
FWP_SAFETY_SHOW(hwcaps_unknown, fwp_emit_names(buf, s->safety.hwcaps_unknown, FWP_SAFETY_HWCAPS));
FWP_SAFETY_SHOW(live, fwp_emit_names(buf, &s->safety.live_boot, FWP_SAFETY_LIVE));
FWP_SAFETY_SHOW(live_lost, fwp_emit_names(buf, &s->safety.live_lost, FWP_SAFETY_LIVE));

/* soc_id/: SMCCC_ARCH_SOC_ID, only with SMCCC >= 1.2 and when implemented. */
FWP_SHOW(soc_id, version, FWP_WORD_FMT, (u32)s->soc_id_version);
FWP_SHOW(soc_id, revision, FWP_WORD_FMT, (u32)s->soc_id_revision);
FWP_SHOW(soc_id, name, "%s", s->soc_id_name);

FWP_PRESENT(soc_id, s->soc_id_present && (n < 2 || s->soc_id_name[0]));

/* arch_features/: SMCCC_ARCH_FEATURES answers (arch_feature_show()). */
FWP_PRESENT(arch_features, s->arch_features[n].asked);

/* psci/ */
FWP_SHOW(psci, version, FWP_VERSION_FMT, fwp_major(s->psci_version),
	 fwp_minor(s->psci_version));

FWP_PRESENT(psci, s->psci_present);

/* trng/ */
FWP_SHOW(trng, version, FWP_VERSION_FMT, fwp_major((u32)s->trng_version.value),
	 fwp_minor((u32)s->trng_version.value));
FWP_SHOW(trng, features_rnd64, "%d", s->trng_rnd64.value);
FWP_SHOW(trng, uuid, "%s", fwp_uuid(s->trng_uuid, uuid));

FWP_PRESENT(trng, s->trng_version.asked && s->trng_version.value >= 0 &&
	    (n == 0 || (n == 1 && s->trng_rnd64.asked) || (n == 2 && s->trng_uuid_valid)));

/* vendor_hyp/: the vendor-hypervisor Call UID as raw words and as text. */
FWP_SHOW(vendor_hyp, uid_0, FWP_WORD_FMT, s->uid[0]);
FWP_SHOW(vendor_hyp, uid_1, FWP_WORD_FMT, s->uid[1]);
FWP_SHOW(vendor_hyp, uid_2, FWP_WORD_FMT, s->uid[2]);
FWP_SHOW(vendor_hyp, uid_3, FWP_WORD_FMT, s->uid[3]);
FWP_SHOW(vendor_hyp, uuid, "%s", fwp_uuid(s->uid, uuid));

FWP_PRESENT(vendor_hyp, s->uid_valid);

/* standard_uid/: Call UIDs of the standard secure and hypervisor ranges. */
FWP_SHOW(standard_uid, secure, "%s", fwp_uuid(s->std_uid, uuid));
FWP_SHOW(standard_uid, hypervisor, "%s", fwp_uuid(s->std_hyp_uid, uuid));

FWP_PRESENT(standard_uid, n == 0 ? s->std_uid_valid : s->std_hyp_uid_valid);

/* kvm/: KVM FEATURES words and the names of the bits set. */
FWP_SHOW(kvm, features_0, FWP_WORD_FMT, s->kvm_features[0]);
FWP_SHOW(kvm, features_1, FWP_WORD_FMT, s->kvm_features[1]);
FWP_SHOW(kvm, features_2, FWP_WORD_FMT, s->kvm_features[2]);
FWP_SHOW(kvm, features_3, FWP_WORD_FMT, s->kvm_features[3]);

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

FWP_PRESENT(kvm, s->kvm_features_valid);

/* pv_time/ */
FWP_SHOW(pv_time, st_features, "%d", s->pv_time_st.value);

FWP_PRESENT(pv_time, s->pv_time_st.asked);

/*
 * Every file with a fixed name, by enum fwp_file: a file of the layout
 * without its FWP_SHOW() fails to build, an FWP_SHOW() not in the layout is
 * left unused (a W=1 warning).
 */
#define FWP_GROUP(_group, _presence)
#define FWP_FILE(_group, _file, _kind, _presence)				\
	[FWP_FILE_##_group##_##_file] = &dev_attr_##_group##_##_file.attr,
static struct attribute *const fwp_fixed_attrs[FWP_FILE_NR] = {
#include "fwprobe_layout_list.h"
};

#undef FWP_GROUP
#undef FWP_FILE

/*
 * Files built at load time, named by fwp_file_name(): one per SMCCC_ARCH
 * feature, PSCI function, register, PTP field and recorded call. The file's
 * number in its group is kept in dev_ext_attribute::var.
 */
static unsigned long fwp_index(struct device_attribute *attr)
{
	return (unsigned long)container_of(attr, struct dev_ext_attribute, attr)->var;
}

static ssize_t arch_feature_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	ssize_t len;

	rcu_read_lock();
	len = sysfs_emit(buf, "%d\n",
			 rcu_dereference(fwprobe_current)->s.arch_features[fwp_index(attr)].value);
	rcu_read_unlock();
	return len;
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

/* ptp/<counter>_<field>: one KVM PTP sample per counter, checked against the guest's view. */

static ssize_t ptp_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	unsigned long i = fwp_index(attr);
	const struct fwp_ptp_sample *t;
	ssize_t len;

	rcu_read_lock();
	t = &rcu_dereference(fwprobe_current)->s.ptp[i / FWP_PTP_FIELD_NR];
	switch (i % FWP_PTP_FIELD_NR) {
	case FWP_PTP_STATUS:
		len = sysfs_emit(buf, "%d\n", t->status);
		break;
	case FWP_PTP_HOST_NS:
		len = sysfs_emit(buf, "%llu\n", t->host_ns);
		break;
	case FWP_PTP_COUNTER:
		len = sysfs_emit(buf, "%llu\n", t->counter);
		break;
	case FWP_PTP_COUNTER_IN_WINDOW:
		len = sysfs_emit(buf, "%d\n", t->counter_in_window);
		break;
	case FWP_PTP_REALTIME_OFFSET_NS:
		len = sysfs_emit(buf, "%lld\n", t->realtime_offset_ns);
		break;
	default:
		len = sysfs_emit(buf, "%d\n", t->plausible);
	}
	rcu_read_unlock();
	return len;
}

/* discover_impl/: version, count, then <reg>_<i> per implementation (fwprobe_abi.h). */

static ssize_t impl_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	unsigned long i = fwp_index(attr);
	const struct fwp_snapshot *s;
	ssize_t len;

	rcu_read_lock();
	s = &rcu_dereference(fwprobe_current)->s;
	if (i == FWP_IMPL_VERSION)
		len = sysfs_emit(buf, FWP_VERSION_FMT "\n", fwp_major(s->impl_version),
				 fwp_minor(s->impl_version));
	else if (i == FWP_IMPL_COUNT)
		len = sysfs_emit(buf, "%u\n", s->impl_count);
	else
		len = sysfs_emit(buf, "0x%016llx\n",
				 s->impl_cpu[fwp_impl_file_impl(i)][fwp_impl_file_reg(i)]);
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
		len = -ENODATA;		/* cannot happen while the layout rules hold */
	} else {
		c = &s->calls[i];
		len = sysfs_emit(buf, "0x%08x 0x%llx 0x%llx 0x%llx 0x%llx 0x%llx 0x%llx 0x%llx\n",
				 c->fn, c->arg[0], c->arg[1], c->arg[2],
				 c->res[0], c->res[1], c->res[2], c->res[3]);
	}
	rcu_read_unlock();
	return len;
}

/*
 * cpu<N>/<register>: what vCPU N read of each per-vCPU hardware register
 * (dev_ext_attribute::var holds N << 16 | register); gic/<register>: the
 * GIC's per-VM ones (var: register - FWP_HW_PER_VCPU). The registers are
 * lib/fwprobe_hwreg_list.h's.
 */
#define FWP_HW_CPU_SHIFT	16
#define FWP_HW_REG_MASK		0xffff

static ssize_t hw_cpu_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	unsigned long var = fwp_index(attr);
	ssize_t len;

	rcu_read_lock();
	len = sysfs_emit(buf, "0x%llx\n", rcu_dereference(fwprobe_current)->s.hw
			 .cpu[var >> FWP_HW_CPU_SHIFT].reg[var & FWP_HW_REG_MASK]);
	rcu_read_unlock();
	return len;
}

static ssize_t hw_vm_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	ssize_t len;

	rcu_read_lock();
	len = sysfs_emit(buf, "0x%llx\n", rcu_dereference(fwprobe_current)->s.hw
			 .vm[FWP_HW_PER_VCPU + fwp_index(attr)]);
	rcu_read_unlock();
	return len;
}

FWP_PRESENT(cpu, test_bit(cpu, s->hw.online) && fwp_hw_bit(s->hw.cpu[cpu].present, n));
FWP_PRESENT(gic, fwp_hw_bit(s->hw.vm_present, FWP_HW_PER_VCPU + n));

FWP_PRESENT(psci_features, s->psci_features[n].asked);
FWP_PRESENT(ptp, s->ptp[n / FWP_PTP_FIELD_NR].asked &&
	    (n % FWP_PTP_FIELD_NR == FWP_PTP_STATUS || s->ptp[n / FWP_PTP_FIELD_NR].status >= 0));
FWP_PRESENT(discover_impl, s->impl_valid &&
	    (n < FWP_IMPL_FIRST_REG ||
	     fwp_impl_file_impl(n) < min_t(u32, s->impl_count, FWP_MAX_IMPLS)));
FWP_PRESENT(evidence, n < min_t(u32, s->ncalls, FWP_MAX_CALLS));

/**
 * struct fwp_group_desc - how the module shows one group of fwprobe_layout.h
 * @group: the group
 * @show: show() of every built file (fwp_file_count() of them, named by
 *	  fwp_file_name()); NULL for a group of fixed files (fwp_fixed_attrs[])
 * @present: which files exist for a snapshot; NULL exactly for a group the
 *	     layout says is always there (checked at init). A fixed file whose
 *	     presence is LEAD follows the group's first file.
 */
struct fwp_group_desc {
	enum fwp_group group;
	ssize_t (*show)(struct device *dev, struct device_attribute *attr, char *buf);
	bool (*present)(const struct fwp_snapshot *s, unsigned int cpu, unsigned int n);
};

#define FWP_FIXED(_group)		.group = FWP_GROUP_##_group
#define FWP_BUILT(_group, _show)	.group = FWP_GROUP_##_group, .show = _show

static const struct fwp_group_desc fwp_group_descs[] = {
	{ FWP_FIXED(top) },
	{ FWP_FIXED(boot), .present = fwp_boot_present },
	{ FWP_FIXED(safety) },
	{ FWP_FIXED(soc_id), .present = fwp_soc_id_present },
	{ FWP_BUILT(arch_features, arch_feature_show), .present = fwp_arch_features_present },
	{ FWP_FIXED(psci), .present = fwp_psci_present },
	{ FWP_BUILT(psci_features, psci_feature_show), .present = fwp_psci_features_present },
	{ FWP_FIXED(trng), .present = fwp_trng_present },
	{ FWP_FIXED(vendor_hyp), .present = fwp_vendor_hyp_present },
	{ FWP_FIXED(standard_uid), .present = fwp_standard_uid_present },
	{ FWP_FIXED(kvm), .present = fwp_kvm_present },
	{ FWP_BUILT(ptp, ptp_show), .present = fwp_ptp_present },
	{ FWP_FIXED(pv_time), .present = fwp_pv_time_present },
	{ FWP_BUILT(discover_impl, impl_show), .present = fwp_discover_impl_present },
	{ FWP_BUILT(registers, register_show) },
	{ FWP_BUILT(registers_basis, register_basis_show) },
	{ FWP_BUILT(evidence, evidence_show), .present = fwp_evidence_present },
	{ FWP_BUILT(gic, hw_vm_show), .present = fwp_gic_present },
	{ FWP_BUILT(cpu, hw_cpu_show), .present = fwp_cpu_present },
};

/* Every group of the layout is shown, once, in its order (checked at init). */
static_assert(ARRAY_SIZE(fwp_group_descs) == FWP_GROUP_NR);

/* One group per vCPU a snapshot can hold (cpu0, cpu1, ...). */
static bool fwp_per_cpu(const struct fwp_group_desc *desc)
{
	return desc->group == FWP_GROUP_cpu;
}

#define FWP_GROUP_MAX_FILES	128	/* cpu<N>/ and evidence/ have the most */
static_assert(FWP_MAX_CALLS <= FWP_GROUP_MAX_FILES && FWP_HW_PER_VCPU <= FWP_GROUP_MAX_FILES);

/**
 * struct fwp_sysfs_group - a group as built at load time
 * @group: what the driver core creates with the device
 * @desc: the row of fwp_group_descs[] it was built from
 * @cpu: its vCPU, for a per-vCPU group
 * @dir: the directory name of a per-vCPU group
 * @ext: the built files, when the group has a table
 * @names: their names
 * @nr: number of files
 * @shown: which files exist now (the layout record); changed only under
 *	   fwprobe_lock and only while the device is absent or registered, never
 *	   while device_create() reads it through fwp_is_visible()
 * @lead: the fixed files whose presence is LEAD (they follow file 0), set at init
 */
struct fwp_sysfs_group {
	struct attribute_group group;
	const struct fwp_group_desc *desc;
	unsigned int cpu;
	char dir[16];
	struct dev_ext_attribute *ext;
	char (*names)[FWP_FILE_NAME_LEN];
	unsigned int nr;
	DECLARE_BITMAP(shown, FWP_GROUP_MAX_FILES);
	DECLARE_BITMAP(lead, FWP_GROUP_MAX_FILES);
};

/* One per row of fwp_group_descs[], and one per vCPU for a per-vCPU row. */
static struct fwp_sysfs_group *fwp_groups;
static unsigned int fwp_ngroups;
const struct attribute_group **fwprobe_groups;	/* NULL-terminated, for device_create() */

/* The device's files exist as the layout record says, whatever the snapshot. */
static umode_t fwp_is_visible(struct kobject *kobj, struct attribute *attr, int n)
{
	unsigned int g;

	for (g = 0; g < fwp_ngroups; g++)
		if (n < fwp_groups[g].nr && fwp_groups[g].group.attrs[n] == attr)
			return test_bit(n, fwp_groups[g].shown) ? attr->mode : 0;
	return attr->mode;
}

/* The file whose rule decides file @n of @grp: the group's first for a LEAD file. */
static unsigned int fwp_presence_of(const struct fwp_sysfs_group *grp, unsigned int n)
{
	return test_bit(n, grp->lead) ? 0 : n;
}

/**
 * fwprobe_layout() - add or remove the optional files whose presence @s changes
 * @kobj: the registered device's kobject, or NULL to change only the record
 *	  (before device_create(), which lays the files out from it)
 * @s: the snapshot the files are to describe
 * @add: add the files @s has and the record lacks (true), or remove the files
 *	 the record has and @s lacks (false)
 *
 * Removing before a snapshot is published and adding after it means every
 * show() runs on a snapshot in which its own file exists. Only files of named
 * groups with a presence rule are touched: never rescan, nor a directory.
 * Removing a file waits for its running show()s, which take no lock.
 *
 * Context: process context, fwprobe_lock held.
 */
void fwprobe_layout(struct kobject *kobj, const struct fwp_snapshot *s, bool add)
{
	unsigned int g, n;

	for (g = 0; g < fwp_ngroups; g++) {
		struct fwp_sysfs_group *grp = &fwp_groups[g];

		if (!grp->desc->present)
			continue;
		for (n = 0; n < grp->nr; n++) {
			struct attribute *attr = grp->group.attrs[n];
			bool want = grp->desc->present(s, grp->cpu, fwp_presence_of(grp, n));

			if (want == test_bit(n, grp->shown) || want != add)
				continue;
			if (!kobj) {
				__assign_bit(n, grp->shown, want);
			} else if (!add) {
				sysfs_remove_file_from_group(kobj, attr, grp->group.name);
				__clear_bit(n, grp->shown);
			} else if (sysfs_add_file_to_group(kobj, attr, grp->group.name)) {
				/* Stays absent in the record: the next rescan tries again. */
				pr_warn_ratelimited("could not add %s/%s\n", grp->group.name,
						    attr->name);
			} else {
				__set_bit(n, grp->shown);
			}
		}
	}
}

/**
 * fwprobe_layout_sync() - make the files (or, with @kobj NULL, the record) follow @s
 * @kobj: as for fwprobe_layout()
 * @s: the snapshot the files are to describe, already published
 *
 * Context: process context, fwprobe_lock held.
 */
void fwprobe_layout_sync(struct kobject *kobj, const struct fwp_snapshot *s)
{
	fwprobe_layout(kobj, s, false);
	fwprobe_layout(kobj, s, true);
}

static void fwp_group_exit(struct fwp_sysfs_group *grp)
{
	kfree(grp->group.attrs);
	kfree(grp->ext);
	kfree(grp->names);
	grp->group.attrs = NULL;
	grp->ext = NULL;
	grp->names = NULL;
}

/* The files of a fixed group: fwp_fixed_attrs[] in the layout's order, and which are LEAD. */
static unsigned int fwp_fixed_init(struct fwp_sysfs_group *grp, struct attribute **attrs)
{
	unsigned int f, nr = 0;

	for (f = 0; f < FWP_FILE_NR; f++)
		if (fwp_files[f].group == grp->desc->group) {
			if (attrs) {
				attrs[nr] = fwp_fixed_attrs[f];
				__assign_bit(nr, grp->lead,
					     fwp_files[f].presence == FWP_PRESENCE_LEAD);
			}
			nr++;
		}
	return nr;
}

/* The files of a built group, named by fwp_file_name(). */
static int fwp_built_init(struct fwp_sysfs_group *grp, struct attribute **attrs, unsigned int nr)
{
	const struct fwp_group_desc *desc = grp->desc;
	unsigned int i;

	grp->ext = kcalloc(nr, sizeof(*grp->ext), GFP_KERNEL);
	grp->names = kcalloc(nr, sizeof(*grp->names), GFP_KERNEL);
	if (!grp->ext || !grp->names)
		return -ENOMEM;
	for (i = 0; i < nr; i++) {
		struct dev_ext_attribute *e = &grp->ext[i];

		fwp_file_name(desc->group, i, grp->names[i], sizeof(grp->names[i]));
		sysfs_attr_init(&e->attr.attr);
		e->attr.attr.name = grp->names[i];
		e->attr.attr.mode = 0444;
		e->attr.show = desc->show;
		e->var = (void *)(fwp_per_cpu(desc) ?
				  (unsigned long)grp->cpu << FWP_HW_CPU_SHIFT | i :
				  (unsigned long)i);
		attrs[i] = &e->attr.attr;
	}
	return 0;
}

static int fwp_group_init(struct fwp_sysfs_group *grp, const struct fwp_group_desc *desc,
			  unsigned int cpu)
{
	const struct fwp_group_layout *layout = &fwp_groups_layout[desc->group];
	unsigned int nr;
	bool always;
	int ret = 0;

	grp->desc = desc;
	grp->cpu = cpu;
	grp->group.name = desc->group == FWP_GROUP_top ? NULL : layout->name;
	if (fwp_per_cpu(desc)) {
		snprintf(grp->dir, sizeof(grp->dir), "%s%u", layout->name, cpu);
		grp->group.name = grp->dir;
	}
	if (desc->present)
		grp->group.is_visible = fwp_is_visible;
	/* A group that is always there has no rule; every other group has one. */
	always = layout->presence == FWP_PRESENCE_ALWAYS;
	if (WARN_ON(!desc->present != always))
		return -EINVAL;
	nr = desc->show ? fwp_file_count(desc->group) : fwp_fixed_init(grp, NULL);
	if (WARN_ON(nr > FWP_GROUP_MAX_FILES))
		return -EINVAL;
	grp->group.attrs = kcalloc(nr + 1, sizeof(*grp->group.attrs), GFP_KERNEL);
	if (!grp->group.attrs)
		return -ENOMEM;
	if (desc->show)
		ret = fwp_built_init(grp, grp->group.attrs, nr);
	else
		fwp_fixed_init(grp, grp->group.attrs);
	if (ret) {
		fwp_group_exit(grp);
		return ret;
	}
	grp->nr = nr;
	bitmap_zero(grp->shown, FWP_GROUP_MAX_FILES);
	return 0;
}

/* Groups of a row: one, or one per possible vCPU for a per-vCPU row. */
static unsigned int fwp_group_count(const struct fwp_group_desc *desc)
{
	return fwp_per_cpu(desc) ? nr_cpu_ids : 1;
}

/**
 * fwprobe_sysfs_init() - build every group of fwp_group_descs[]
 *
 * Context: module init, before the device (and so any file) exists.
 * Return: 0, or -ENOMEM.
 */
int fwprobe_sysfs_init(void)
{
	unsigned int d, g = 0, i, n = 0;
	int ret;

	for (d = 0; d < ARRAY_SIZE(fwp_group_descs); d++)
		n += fwp_group_count(&fwp_group_descs[d]);
	fwp_groups = kcalloc(n, sizeof(*fwp_groups), GFP_KERNEL);
	fwprobe_groups = kcalloc(n + 1, sizeof(*fwprobe_groups), GFP_KERNEL);
	if (!fwp_groups || !fwprobe_groups) {
		ret = -ENOMEM;
		goto err;
	}
	for (d = 0; d < ARRAY_SIZE(fwp_group_descs); d++) {
		if (WARN_ON(fwp_group_descs[d].group != d)) {
			ret = -EINVAL;
			goto err;
		}
		for (i = 0; i < fwp_group_count(&fwp_group_descs[d]); i++, g++) {
			ret = fwp_group_init(&fwp_groups[g], &fwp_group_descs[d], i);
			if (ret)
				goto err;
			fwprobe_groups[g] = &fwp_groups[g].group;
			fwp_ngroups = g + 1;
		}
	}
	return 0;
err:
	fwprobe_sysfs_exit();
	return ret;
}

/**
 * fwprobe_sysfs_exit() - free what fwprobe_sysfs_init() built
 *
 * Context: module exit (or a failed init), after the device (and so every
 * file) is gone.
 */
void fwprobe_sysfs_exit(void)
{
	unsigned int g;

	for (g = 0; g < fwp_ngroups; g++)
		fwp_group_exit(&fwp_groups[g]);
	kfree(fwp_groups);
	kfree(fwprobe_groups);
	fwp_groups = NULL;
	fwprobe_groups = NULL;
	fwp_ngroups = 0;
}
