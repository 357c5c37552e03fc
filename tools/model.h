/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the guest sees, read once from the fwprobe sysfs directory into one
 * structure that every renderer, the diff and --save work from. Field order
 * and names follow Documentation/ABI/testing/sysfs-class-fwprobe.
 */
#ifndef FWP_MODEL_H
#define FWP_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"
#include "fwprobe_core.h"
#include "fwprobe_layout.h"
#include "hwregs.h"
#include "registers.h"
#include "vector_lengths.h"

#define FWP_DEFAULT_ROOT	"/sys/class/fwprobe/fwprobe0"
#define FWP_TEXT_MAX		256	/* UUIDs, basis lines, names */
#define FWP_READ_TRIES		5	/* generation changed under us: read again */

/** struct fwp_int - a signed answer file; absent when the question was not asked. */
struct fwp_int {
	bool present;
	int64_t v;
};

/** struct fwp_num - an unsigned value file (hex word, version or count). */
struct fwp_num {
	bool present;
	uint64_t v;
};

/** struct fwp_text - a text file (UUID, name). */
struct fwp_text {
	bool present;
	char s[FWP_TEXT_MAX];
};

/** struct fwp_ptp_view - one KVM PTP sample as ptp/<counter>_* show it. */
struct fwp_ptp_view {
	struct fwp_int status;		/* absent: not asked; < 0: not supported */
	uint64_t host_ns, counter;	/* the rest only when status >= 0 */
	int64_t realtime_offset_ns;
	bool counter_in_window, plausible;
};

/** struct fwp_boot_view - boot/: how the guest booted; absent from an older module. */
struct fwp_boot_view {
	bool present;
	enum fwp_boot_tables tables;
	uint64_t uefi;
	struct fwp_text vendor, version;	/* SMBIOS; absent without them */
};

/**
 * struct fwp_safety_view - safety/: what the kernel decided at boot against
 * the vCPUs now (fwprobe_safety.h); bitmaps over fwp_cpucaps, fwp_errata,
 * fwp_hwcaps and fwp_lives
 */
struct fwp_safety_view {
	enum fwp_verdict verdict;
	char vcpus_unsafe[FWP_TEXT_MAX];	/* a CPU list, "" when none */
	/* Named as struct fwp_safety's: FWP_SAFETY_BITMAPS() reads both. */
	uint64_t caps_boot, caps_lost;
	uint64_t errata_boot, errata_needed;
	uint64_t hwcaps_boot[FWP_HWCAP_WORDS], hwcaps_lost[FWP_HWCAP_WORDS];
	uint64_t hwcaps_unknown[FWP_HWCAP_WORDS];
	uint64_t live_boot, live_lost;
};

/*
 * Each safety table's bitmaps in the view and the files they are read from
 * (fwprobe_safety_table_list.h); boot_file is also the JSON key of what boot
 * set. Offsets in struct fwp_safety_view.
 */
struct fwp_view_table {
	enum fwp_file boot_file, now_file;
	const char *boot_name;
	size_t boot, now;
};
extern const struct fwp_view_table fwp_view_tables[FWP_SAFETY_TABLES];

static inline const uint64_t *fwp_view_bits(const struct fwp_safety_view *v, size_t offset)
{
	return (const uint64_t *)((const char *)v + offset);
}

struct fwp_model {
	uint64_t generation, ncalls, duration_ns;
	enum fwp_conduit conduit;
	uint64_t smccc_version;			/* major << 16 | minor */
	enum fwp_identity identity;

	struct fwp_int arch_features[FWP_AF_NR];	/* fwp_arch_funcs order */
	struct fwp_num soc_id_version, soc_id_revision;
	struct fwp_text soc_id_name;
	struct fwp_boot_view boot;
	struct fwp_safety_view safety;

	struct fwp_num psci_version;
	struct fwp_int psci_features[FWP_PSCI_MAX];	/* fwp_psci_funcs order */

	struct fwp_num trng_version;
	struct fwp_int trng_rnd64;
	struct fwp_text trng_uuid;

	bool uid_present;
	uint64_t uid[4];
	char uid_uuid[FWP_TEXT_MAX];
	struct fwp_text std_uid, std_hyp_uid;

	bool kvm_present;
	uint64_t kvm_features[4];
	char kvm_feature_names[FWP_TEXT_MAX];
	struct fwp_ptp_view ptp[FWP_PTP_COUNTERS];	/* FWP_KVM_PTP_VIRT, _PHYS */
	struct fwp_int pv_time_st;

	struct fwp_num impl_version;
	uint64_t impl_count;
	bool impl_cpus_present;			/* DISCOVER_IMPL_CPUS advertised */
	uint64_t impl_cpu[FWP_MAX_IMPLS][FWP_IMPL_REG_NR];	/* enum fwp_impl_reg */

	struct reg_values regs;				/* determined registers */
	char basis[FWP_REG_NR][FWP_TEXT_MAX];

	struct hwregs hw;				/* cpu<N>/, gic/, boot view */
	struct vector_lengths vl;			/* prctl() on the guest, not sysfs */

	unsigned int nevidence;				/* min(ncalls, FWP_MAX_CALLS) */
	struct fwp_call evidence[FWP_MAX_CALLS];
};


int model_rescan(const char *root, struct fwp_err *err);
int model_read(const char *root, struct fwp_model *m, struct fwp_err *err);
void model_free(struct fwp_model *m);
int model_find_call(const struct fwp_model *m, uint32_t fn, bool match_arg, uint64_t arg);

#endif
