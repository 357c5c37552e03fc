// SPDX-License-Identifier: GPL-2.0
/*
 * Filling struct fwp_model from the sysfs directory. Which files must exist
 * follows the ABI document: a fixed file as lib's layout says (the top-level
 * files always, the rest of a group once its first file shows the service is
 * there: rd_file() knows which); registers/ and registers_basis/ always;
 * evidence/call_NN for every call kept. A missing required file or a value
 * that does not parse is an error (exit 2), never a guess.
 *
 * The module replaces its snapshot atomically per file, not per directory, so
 * generation is read before and after; if it moved, everything is read again.
 */
#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "format.h"
#include "model.h"
#include "hwregs.h"
#include "reader.h"
#include "sysfs_io.h"

static void read_top(struct reader *r, struct fwp_model *m)
{
	rd_file(r, FWP_FILE_top_calls, &m->ncalls);
	rd_file(r, FWP_FILE_top_duration_ns, &m->duration_ns);
	rd_file(r, FWP_FILE_top_conduit, &m->conduit);
	rd_file(r, FWP_FILE_top_smccc_version, &m->smccc_version);
	rd_file(r, FWP_FILE_top_identity, &m->identity);
}

static void read_boot(struct reader *r, struct fwp_model *m)
{
	struct fwp_boot_view *b = &m->boot;

	b->present = rd_file(r, FWP_FILE_boot_tables, &b->tables);
	if (!b->present)
		return;
	rd_file(r, FWP_FILE_boot_uefi, &b->uefi);
	b->vendor.present = rd_file(r, FWP_FILE_boot_firmware_vendor, b->vendor.s);
	b->version.present = rd_file(r, FWP_FILE_boot_firmware_version, b->version.s);
}

const struct fwp_view_table fwp_view_tables[FWP_SAFETY_TABLES] = {
#define FWP_SAFETY_TABLE(table, kind, boot, now, boot_file, now_file)			\
	[FWP_SAFETY_##table] = { FWP_FILE_safety_##boot_file, FWP_FILE_safety_##now_file,	\
				 #boot_file, offsetof(struct fwp_safety_view, boot),	\
				 offsetof(struct fwp_safety_view, now) },
#include "fwprobe_safety_table_list.h"
#undef FWP_SAFETY_TABLE
};

static void read_safety(struct reader *r, struct fwp_model *m)
{
	struct fwp_safety_view *v = &m->safety;
	unsigned int t;

	rd_file(r, FWP_FILE_safety_verdict, &v->verdict);
	rd_file(r, FWP_FILE_safety_vcpus_unsafe, v->vcpus_unsafe);
	for (t = 0; t < FWP_SAFETY_TABLES; t++) {
		rd_file(r, fwp_view_tables[t].boot_file, (char *)v + fwp_view_tables[t].boot);
		rd_file(r, fwp_view_tables[t].now_file, (char *)v + fwp_view_tables[t].now);
	}
	rd_file(r, FWP_FILE_safety_hwcaps_unknown, v->hwcaps_unknown);
}

static void read_arch(struct reader *r, struct fwp_model *m)
{
	unsigned int i;

	for (i = 0; i < FWP_AF_NR; i++)
		m->arch_features[i].present = rd_built(r, OPTIONAL, FWP_GROUP_arch_features, 0, i,
						       &m->arch_features[i].v);
	m->soc_id_version.present = rd_file(r, FWP_FILE_soc_id_version, &m->soc_id_version.v);
	if (!m->soc_id_version.present)
		return;
	m->soc_id_revision.present = rd_file(r, FWP_FILE_soc_id_revision,
					     &m->soc_id_revision.v);
	m->soc_id_name.present = rd_file(r, FWP_FILE_soc_id_name, m->soc_id_name.s);
}

static void read_psci_trng(struct reader *r, struct fwp_model *m)
{
	unsigned int i;

	m->psci_version.present = rd_file(r, FWP_FILE_psci_version, &m->psci_version.v);
	for (i = 0; i < fwp_psci_nr; i++)
		if (!fwp_psci_funcs[i].implied)	/* never asked, never shown */
			m->psci_features[i].present = rd_built(r, OPTIONAL, FWP_GROUP_psci_features,
							       0, i, &m->psci_features[i].v);
	m->trng_version.present = rd_file(r, FWP_FILE_trng_version, &m->trng_version.v);
	m->trng_rnd64.present = rd_file(r, FWP_FILE_trng_features_rnd64, &m->trng_rnd64.v);
	m->trng_uuid.present = rd_file(r, FWP_FILE_trng_uuid, m->trng_uuid.s);
}

static void read_uids(struct reader *r, struct fwp_model *m)
{
	unsigned int i;

	m->uid_present = rd_file(r, FWP_FILE_vendor_hyp_uid_0, &m->uid[0]);
	if (m->uid_present) {
		for (i = 1; i < FWP_WORD_FILES; i++)
			rd_file(r, FWP_FILE_vendor_hyp_uid_0 + i, &m->uid[i]);
		rd_file(r, FWP_FILE_vendor_hyp_uuid, m->uid_uuid);
	}
	m->std_uid.present = rd_file(r, FWP_FILE_standard_uid_secure, m->std_uid.s);
	m->std_hyp_uid.present = rd_file(r, FWP_FILE_standard_uid_hypervisor,
					 m->std_hyp_uid.s);
}

/* ptp/<counter>_<field>: fields in enum fwp_ptp_field order, per counter. */
static void read_ptp(struct reader *r, struct fwp_ptp_view *p, unsigned int ctr)
{
	unsigned int f0 = ctr * FWP_PTP_FIELD_NR;

	p->status.present = rd_built(r, OPTIONAL, FWP_GROUP_ptp, 0, f0 + FWP_PTP_STATUS,
				     &p->status.v);
	if (!p->status.present || p->status.v < 0)
		return;
	rd_built(r, REQUIRED, FWP_GROUP_ptp, 0, f0 + FWP_PTP_HOST_NS, &p->host_ns);
	rd_built(r, REQUIRED, FWP_GROUP_ptp, 0, f0 + FWP_PTP_COUNTER, &p->counter);
	rd_built(r, REQUIRED, FWP_GROUP_ptp, 0, f0 + FWP_PTP_COUNTER_IN_WINDOW,
		 &p->counter_in_window);
	rd_built(r, REQUIRED, FWP_GROUP_ptp, 0, f0 + FWP_PTP_REALTIME_OFFSET_NS,
		 &p->realtime_offset_ns);
	rd_built(r, REQUIRED, FWP_GROUP_ptp, 0, f0 + FWP_PTP_PLAUSIBLE, &p->plausible);
}

static void read_kvm(struct reader *r, struct fwp_model *m)
{
	unsigned int i, j;

	m->kvm_present = rd_file(r, FWP_FILE_kvm_features_0, &m->kvm_features[0]);
	if (m->kvm_present) {
		for (i = 1; i < FWP_WORD_FILES; i++)
			rd_file(r, FWP_FILE_kvm_features_0 + i, &m->kvm_features[i]);
		rd_file(r, FWP_FILE_kvm_feature_names, m->kvm_feature_names);
	}
	for (i = 0; i < FWP_PTP_COUNTERS; i++)
		read_ptp(r, &m->ptp[i], i);
	m->pv_time_st.present = rd_file(r, FWP_FILE_pv_time_st_features, &m->pv_time_st.v);

	m->impl_version.present = rd_built(r, OPTIONAL, FWP_GROUP_discover_impl, 0,
					   FWP_IMPL_VERSION, &m->impl_version.v);
	if (!m->impl_version.present)
		return;
	rd_built(r, REQUIRED, FWP_GROUP_discover_impl, 0, FWP_IMPL_COUNT, &m->impl_count);
	/* midr_<i> etc. exist only when DISCOVER_IMPL_CPUS was advertised too. */
	m->impl_cpus_present = rd_built(r, OPTIONAL, FWP_GROUP_discover_impl, 0,
					FWP_IMPL_FILE(0, FWP_IMPL_MIDR),
					&m->impl_cpu[0][FWP_IMPL_MIDR]);
	if (!m->impl_cpus_present)
		return;
	for (i = 0; i < m->impl_count && i < FWP_MAX_IMPLS; i++)
		for (j = i ? 0 : FWP_IMPL_MIDR + 1; j < FWP_IMPL_REG_NR; j++)
			rd_built(r, REQUIRED, FWP_GROUP_discover_impl, 0, FWP_IMPL_FILE(i, j),
				 &m->impl_cpu[i][j]);
}

static void read_registers(struct reader *r, struct fwp_model *m)
{
	struct reg_value v;
	unsigned int i;

	for (i = 0; i < FWP_REG_NR; i++) {
		if (rd_built(r, REQUIRED, FWP_GROUP_registers, 0, i, &v)) {
			m->regs.has[i] = v.known;
			m->regs.value[i] = v.known ? v.v : 0;
		}
		rd_built(r, REQUIRED, FWP_GROUP_registers_basis, 0, i, m->basis[i]);
	}
	m->nevidence = m->ncalls < FWP_MAX_CALLS ? (unsigned int)m->ncalls : FWP_MAX_CALLS;
	for (i = 0; i < m->nevidence; i++)
		rd_built(r, REQUIRED, FWP_GROUP_evidence, 0, i, &m->evidence[i]);
}

static int open_root(struct sio_root *root, const char *dir, struct fwp_err *err)
{
	int ret = sio_open_root(root, dir);

	switch (ret) {
	case 0:
		return 0;
	case -ENOENT:
		if (!strcmp(dir, FWP_DEFAULT_ROOT))
			return fwp_fail(err, "%s does not exist: the fwprobe module is not loaded; load it with 'insmod fwprobe.ko' (as root) and run fwprobe again",
					dir);
		return fwp_fail(err, "%s does not exist: give --sysfs-root a copy of %s (on the guest itself, load the module with 'insmod fwprobe.ko' and drop --sysfs-root)",
				dir, FWP_DEFAULT_ROOT);
	case -ENAMETOOLONG:
		return fwp_fail(err, "%s: path too long: libsysfs limits paths to %d bytes and fwprobe needs %d of them below the root; copy the tree to a shorter directory",
				dir, SIO_PATH_MAX - 1, SIO_REL_MAX + 1);
	case -ENOTDIR:
		return fwp_fail(err, "%s is not a directory: --sysfs-root wants a copy of the %s directory",
				dir, FWP_DEFAULT_ROOT);
	default:
		return fwp_fail(err, "%s: cannot open: %s; check --sysfs-root and its permissions", dir,
				strerror(-ret));
	}
}

/**
 * model_rescan() - ask the module to probe again before reading
 * @dir: sysfs root
 * @err: what went wrong, with what to do
 *
 * Return: 0 once the new snapshot is published; -1 on error.
 */
int model_rescan(const char *dir, struct fwp_err *err)
{
	const char *rescan = fwp_files[FWP_FILE_top_rescan].name;
	struct sio_root root;
	int ret;

	if (open_root(&root, dir, err))
		return -1;
	ret = sio_write(&root, rescan, "1");
	switch (ret) {
	case 0:
		return 0;
	case -EACCES:
	case -EPERM:
		return fwp_fail(err, "%s/%s: cannot write: %s; --rescan needs root: run fwprobe with sudo, or leave out --rescan to read the last probe",
				root.dir, rescan, strerror(-ret));
	case -ENOENT:
		return fwp_fail(err, "%s/%s: missing: this directory has no rescan file (an old module, or a copied tree); leave out --rescan",
				root.dir, rescan);
	default:
		return fwp_fail(err, "%s/%s: writing 1 failed: %s; the previous snapshot is still published, see dmesg for the module's reason",
				root.dir, rescan, strerror(-ret));
	}
}

#define NEXT_PROBE_POLL_NS	5000000L	/* 5 ms */
#define NEXT_PROBE_POLLS	200		/* 1 s */

/* Wait (at most a second) until the generation moves on from @seen. */
static void wait_for_next_probe(struct reader *r, uint64_t seen)
{
	const struct timespec poll = { 0, NEXT_PROBE_POLL_NS };
	uint64_t now = seen;
	int i;

	for (i = 0; i < NEXT_PROBE_POLLS && now == seen; i++) {
		nanosleep(&poll, NULL);
		if (!rd_file(r, FWP_FILE_top_generation, &now))
			break;
	}
	r->failed = false;
}

static void read_all(struct reader *r, struct fwp_model *m)
{
	read_top(r, m);
	read_boot(r, m);
	read_safety(r, m);
	read_arch(r, m);
	read_psci_trng(r, m);
	read_uids(r, m);
	read_kvm(r, m);
	read_registers(r, m);
	hwregs_read(r, &m->hw);
}

/**
 * model_read() - fill @m from one consistent snapshot
 * @dir: sysfs root: FWP_DEFAULT_ROOT or a copy with the same layout
 * @m: filled; zeroed first (its vCPU arrays are allocated: model_free())
 * @err: what went wrong (file and value), with what to do
 *
 * Return: 0, or -1 if the module is not loaded, a file is missing, unreadable
 * or garbled, or probes kept replacing the snapshot while it was read.
 */
int model_read(const char *dir, struct fwp_model *m, struct fwp_err *err)
{
	struct reader r = { .err = err };
	uint64_t before = 0, after = 0;
	bool failed, live;
	int try;

	memset(m, 0, sizeof(*m));
	if (open_root(&r.root, dir, err))
		return -1;
	for (try = 0; try < FWP_READ_TRIES; try++) {
		model_free(m);
		memset(m, 0, sizeof(*m));
		r.failed = false;
		if (!rd_file(&r, FWP_FILE_top_generation, &before))
			return -1;
		read_all(&r, m);
		failed = r.failed;
		r.failed = false;
		if (!rd_file(&r, FWP_FILE_top_generation, &after))
			return -1;
		if (after == before) {
			m->generation = after;
			if (failed)
				return -1;
			live = !strcmp(r.root.dir, FWP_DEFAULT_ROOT);
			/* Neither the vector lengths nor the boot view are in the snapshot. */
			vl_read_live(live, &m->vl);
			/* The kernel's boot-time copy never changes: outside the generation loop. */
			return hwregs_read_boot(live, &m->hw, err);
		}
		/*
		 * A probe replaced the snapshot mid-read; files may even have come
		 * and gone. Start the next try as the next probe ends, so that a
		 * drift watch leaves it a whole period.
		 */
		wait_for_next_probe(&r, after);
	}
	return fwp_fail(err, "%s: generation moved during each of %d reads (last %llu -> %llu): probes complete faster than fwprobe can read them; stop the drift watch (drift_watch_ms=0) or try again",
			r.root.dir, FWP_READ_TRIES, (unsigned long long)before, (unsigned long long)after);
}

/** model_free() - free what model_read() allocated in @m. */
void model_free(struct fwp_model *m)
{
	hwregs_free(&m->hw);
}

/**
 * model_find_call() - index of the first recorded call matching fn (and x1)
 * @m: the model
 * @fn: function ID
 * @match_arg: also require x1 == @arg (ARCH_FEATURES, PSCI_FEATURES, PTP)
 * @arg: the x1 to match
 *
 * Return: index into @m->evidence, or -1 if no such call was made or kept.
 */
int model_find_call(const struct fwp_model *m, uint32_t fn, bool match_arg, uint64_t arg)
{
	unsigned int i;

	for (i = 0; i < m->nevidence; i++)
		if (m->evidence[i].fn == fn && (!match_arg || m->evidence[i].arg[0] == arg))
			return (int)i;
	return -1;
}
