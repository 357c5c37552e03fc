// SPDX-License-Identifier: GPL-2.0
/*
 * Filling struct fwp_model from the sysfs directory. Which files must exist
 * follows the ABI document: top-level files, registers/ and registers_basis/
 * always; evidence/call_NN for every call kept; the rest of a group once its
 * first file shows the service is there. A missing required file or a value
 * that does not parse is an error (exit 2), never a guess.
 *
 * The module replaces its snapshot atomically per file, not per directory, so
 * generation is read before and after; if it moved, everything is read again.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "model.h"
#include "hwregs.h"
#include "reader.h"
#include "sysfs_io.h"

static void read_top(struct reader *r, struct fwp_model *m)
{
	rd(r, REQUIRED, &K_UDEC, &m->ncalls, "calls");
	rd(r, REQUIRED, &K_UDEC, &m->duration_ns, "duration_ns");
	rd(r, REQUIRED, &K_CONDUIT, &m->conduit, "conduit");
	rd(r, REQUIRED, &K_VERSION, &m->smccc_version, "smccc_version");
	rd(r, REQUIRED, &K_IDENTITY, &m->identity, "identity");
}

static void read_arch(struct reader *r, struct fwp_model *m)
{
	unsigned int i;

	for (i = 0; i < FWP_AF_NR; i++)
		m->arch_features[i].present = rd(r, OPTIONAL, &K_SDEC, &m->arch_features[i].v,
						 "arch_features/%s", fwp_arch_funcs[i].name);
	m->soc_id_version.present = rd(r, OPTIONAL, &K_WORD, &m->soc_id_version.v, "soc_id/version");
	if (!m->soc_id_version.present)
		return;
	m->soc_id_revision.present = rd(r, REQUIRED, &K_WORD, &m->soc_id_revision.v, "soc_id/revision");
	m->soc_id_name.present = rd(r, OPTIONAL, &K_TEXT, m->soc_id_name.s, "soc_id/name");
}

static void read_psci_trng(struct reader *r, struct fwp_model *m)
{
	unsigned int i;

	m->psci_version.present = rd(r, OPTIONAL, &K_VERSION, &m->psci_version.v, "psci/version");
	for (i = 0; i < fwp_psci_nr; i++)
		if (!fwp_psci_funcs[i].implied)	/* never asked, never shown */
			m->psci_features[i].present = rd(r, OPTIONAL, &K_SDEC, &m->psci_features[i].v,
							 "psci_features/%s", fwp_psci_funcs[i].f.name);
	m->trng_version.present = rd(r, OPTIONAL, &K_VERSION, &m->trng_version.v, "trng/version");
	m->trng_rnd64.present = rd(r, OPTIONAL, &K_SDEC, &m->trng_rnd64.v, "trng/features_rnd64");
	m->trng_uuid.present = rd(r, OPTIONAL, &K_TEXT, m->trng_uuid.s, "trng/uuid");
}

static void read_uids(struct reader *r, struct fwp_model *m)
{
	unsigned int i;

	m->uid_present = rd(r, OPTIONAL, &K_WORD, &m->uid[0], "vendor_hyp/uid_0");
	if (m->uid_present) {
		for (i = 1; i < 4; i++)
			rd(r, REQUIRED, &K_WORD, &m->uid[i], "vendor_hyp/uid_%u", i);
		rd(r, REQUIRED, &K_TEXT, m->uid_uuid, "vendor_hyp/uuid");
	}
	m->std_uid.present = rd(r, OPTIONAL, &K_TEXT, m->std_uid.s, "standard_uid/secure");
	m->std_hyp_uid.present = rd(r, OPTIONAL, &K_TEXT, m->std_hyp_uid.s, "standard_uid/hypervisor");
}

static void read_ptp(struct reader *r, struct fwp_ptp_view *p, const char *ctr)
{
	const char *const *field = fwp_ptp_field_names;

	p->status.present = rd(r, OPTIONAL, &K_SDEC, &p->status.v, "ptp/%s_%s", ctr,
			       field[FWP_PTP_STATUS]);
	if (!p->status.present || p->status.v < 0)
		return;
	rd(r, REQUIRED, &K_UDEC, &p->host_ns, "ptp/%s_%s", ctr, field[FWP_PTP_HOST_NS]);
	rd(r, REQUIRED, &K_UDEC, &p->counter, "ptp/%s_%s", ctr, field[FWP_PTP_COUNTER]);
	rd(r, REQUIRED, &K_BOOL, &p->counter_in_window, "ptp/%s_%s", ctr,
	   field[FWP_PTP_COUNTER_IN_WINDOW]);
	rd(r, REQUIRED, &K_SDEC, &p->realtime_offset_ns, "ptp/%s_%s", ctr,
	   field[FWP_PTP_REALTIME_OFFSET_NS]);
	rd(r, REQUIRED, &K_BOOL, &p->plausible, "ptp/%s_%s", ctr, field[FWP_PTP_PLAUSIBLE]);
}

static void read_kvm(struct reader *r, struct fwp_model *m)
{
	unsigned int i, j;

	m->kvm_present = rd(r, OPTIONAL, &K_WORD, &m->kvm_features[0], "kvm/features_0");
	if (m->kvm_present) {
		for (i = 1; i < 4; i++)
			rd(r, REQUIRED, &K_WORD, &m->kvm_features[i], "kvm/features_%u", i);
		rd(r, REQUIRED, &K_TEXT, m->kvm_feature_names, "kvm/feature_names");
	}
	for (i = 0; i < FWP_PTP_COUNTERS; i++)
		read_ptp(r, &m->ptp[i], fwp_ptp_counter_names[i]);
	m->pv_time_st.present = rd(r, OPTIONAL, &K_SDEC, &m->pv_time_st.v, "pv_time/st_features");

	m->impl_version.present = rd(r, OPTIONAL, &K_VERSION, &m->impl_version.v, "discover_impl/version");
	if (!m->impl_version.present)
		return;
	rd(r, REQUIRED, &K_UDEC, &m->impl_count, "discover_impl/count");
	/* midr_<i> etc. exist only when DISCOVER_IMPL_CPUS was advertised too. */
	m->impl_cpus_present = rd(r, OPTIONAL, &K_HEX, &m->impl_cpu[0][FWP_IMPL_MIDR],
				  "discover_impl/%s_0", fwp_impl_reg_names[FWP_IMPL_MIDR]);
	if (!m->impl_cpus_present)
		return;
	for (i = 0; i < m->impl_count && i < FWP_MAX_IMPLS; i++)
		for (j = i ? 0 : FWP_IMPL_MIDR + 1; j < FWP_IMPL_REG_NR; j++)
			rd(r, REQUIRED, &K_HEX, &m->impl_cpu[i][j], "discover_impl/%s_%u",
			   fwp_impl_reg_names[j], i);
}

static void read_registers(struct reader *r, struct fwp_model *m)
{
	struct reg_value v;
	unsigned int i;

	for (i = 0; i < FWP_REG_NR; i++) {
		if (rd(r, REQUIRED, &K_REG, &v, "registers/%s", fwp_reg_names[i])) {
			m->regs.has[i] = v.known;
			m->regs.value[i] = v.known ? v.v : 0;
		}
		rd(r, REQUIRED, &K_TEXT, m->basis[i], "registers_basis/%s", fwp_reg_names[i]);
	}
	m->nevidence = m->ncalls < FWP_MAX_CALLS ? (unsigned int)m->ncalls : FWP_MAX_CALLS;
	for (i = 0; i < m->nevidence; i++)
		rd(r, REQUIRED, &K_CALL, &m->evidence[i], "evidence/call_%02u", i);
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
	struct sio_root root;
	int ret;

	if (open_root(&root, dir, err))
		return -1;
	ret = sio_write(&root, "rescan", "1");
	switch (ret) {
	case 0:
		return 0;
	case -EACCES:
	case -EPERM:
		return fwp_fail(err, "%s/rescan: cannot write: %s; --rescan needs root: run fwprobe with sudo, or leave out --rescan to read the last probe",
				root.dir, strerror(-ret));
	case -ENOENT:
		return fwp_fail(err, "%s/rescan: missing: this directory has no rescan file (an old module, or a copied tree); leave out --rescan",
				root.dir);
	default:
		return fwp_fail(err, "%s/rescan: writing 1 failed: %s; the previous snapshot is still published, see dmesg for the module's reason",
				root.dir, strerror(-ret));
	}
}

static void read_all(struct reader *r, struct fwp_model *m)
{
	read_top(r, m);
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
 * @m: filled; zeroed first
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

	if (open_root(&r.root, dir, err))
		return -1;
	for (try = 0; try < FWP_READ_TRIES; try++) {
		memset(m, 0, sizeof(*m));
		r.failed = false;
		if (!rd(&r, REQUIRED, &K_UDEC, &before, "generation"))
			return -1;
		read_all(&r, m);
		failed = r.failed;
		r.failed = false;
		if (!rd(&r, REQUIRED, &K_UDEC, &after, "generation"))
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
		/* A probe replaced the snapshot mid-read; files may even have come and gone. */
	}
	return fwp_fail(err, "%s: generation moved during each of %d reads (last %llu -> %llu): probes complete faster than fwprobe can read them; stop the drift watch (drift_watch_ms=0) or try again",
			r.root.dir, FWP_READ_TRIES, (unsigned long long)before, (unsigned long long)after);
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
