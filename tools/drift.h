/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The list of differences a --expect comparison finds: one entry per
 * difference, with a line for people and the parts for JSON and Prometheus.
 * diff.c (identity, firmware registers, vector lengths) and hwdiff.c
 * (hardware registers) fill it; the renderers read it.
 */
#ifndef FWP_DRIFT_H
#define FWP_DRIFT_H

#include <stdbool.h>
#include <string.h>

#include "hwreg_desc.h"
#include "hwregs.h"
#include "registers.h"
#include "vector_lengths.h"

#define DIFF_KEY_IDENTITY	(-1)	/* drift.reg for the identity check */
#define DIFF_KEY_HW		(-2)	/* a hardware register (drift.hwreg) */
#define DIFF_KEY_VCPUS		(-3)	/* the vCPU count, or vCPUs that could not be read */
#define DIFF_KEY_VL		(-4)	/* a vector-length set (drift.vl) */
#define DIFF_KEY_BOOT		(-5)	/* how the guest booted: "boot.tables", ... */
#define DIFF_BOOT_MAX		4	/* tables, uefi, firmware_vendor, firmware_version */
#define DIFF_MSG_MAX		1024
#define DIFF_HW_MAX		128	/* hardware-register lines kept; the rest are counted */
#define DIFF_VALUE_MAX		VL_LIST_MAX	/* the longest: every vector length */

/** enum drift_rule - how a hardware-register difference was judged. */
enum drift_rule {
	DRIFT_RULE_NONE = -1,		/* the register is missing, or not a field rule */
	DRIFT_RULE_LOWER = FWP_FIELD_LOWER,
	DRIFT_RULE_SLOWER = FWP_FIELD_SLOWER,
	DRIFT_RULE_HIGHER = FWP_FIELD_HIGHER,
	DRIFT_RULE_EXACT = FWP_FIELD_EXACT,
};

/**
 * struct drift - one difference between the file and the guest
 * @reg: enum fwp_reg_id, or DIFF_KEY_*
 * @key: register name, "identity", "vcpus", "vector_lengths.sve" or "boot.tables"
 * @expected: "0x3", an identity name, a field value ("1"), a vCPU count,
 *	      vector lengths ("16,32,64")
 * @actual: likewise; "" when the guest cannot tell or lacks the register
 * @missing: firmware bitmaps: bits expected but absent; vector lengths: the
 *	     vqs (bit vq - 1) expected but absent
 * @extra: and the reverse
 * @vl: enum vl_kind (DIFF_KEY_VL)
 * @hwreg: enum fwp_hwreg (DIFF_KEY_HW)
 * @field: a field name; NULL for the whole register; DIFF_UNNAMED_BITS for
 *	   the bits no field names
 * @vcpus: the vCPUs it was seen on, @nvcpus entries (allocated:
 *	   drift_add_vcpu()); NULL for per-VM registers
 * @nvcpus: the guest's vCPUs (drift_report.ncpus) once @vcpus is allocated
 * @all_vcpus: it was seen on every vCPU compared
 * @rule: how it was judged
 * @verdict: what that means for the guest; NULL when the guest lacks the register
 * @survivable: a guest set up with the expected value keeps working
 *	        (hardware registers and vector lengths)
 * @kvm_id: KVM_GET/SET_ONE_REG ID; 0 for none (GIC registers, identity, ...)
 * @label: "KVM register 0x..." or "vGIC attr KVM_DEV_ARM_VGIC_GRP_DIST_REGS 0x8"
 * @message: the line for people
 */
struct drift {
	int reg;
	const char *key;
	char expected[DIFF_VALUE_MAX];
	char actual[DIFF_VALUE_MAX];
	uint64_t missing, extra;
	int vl;
	int hwreg;
	const char *field;
	bool *vcpus;
	unsigned int nvcpus;
	bool all_vcpus;
	enum drift_rule rule;
	const char *verdict;
	bool survivable;
	uint64_t kvm_id;
	char label[HW_LABEL_MAX];
	char message[DIFF_MSG_MAX];
};

#define DIFF_UNNAMED_BITS	"unnamed bits"

/**
 * struct drift_report - all differences: identity, firmware registers, vector
 * lengths, vCPUs, hardware registers
 */
struct drift_report {
	unsigned int n;
	bool truncated;			/* more than DIFF_HW_MAX hardware differences */
	unsigned int ncpus;		/* the guest's vCPUs, for drift.vcpus */
	struct drift d[FWP_REG_NR + 2 + DIFF_BOOT_MAX + VL_KINDS + DIFF_HW_MAX];
};

struct drift *diff_add(struct drift_report *out, int reg, const char *key);
void drift_add_vcpu(struct drift *d, unsigned int cpu, unsigned int ncpus);
unsigned int drift_vcpu_count(const struct drift *d);
void drift_vcpu_list(const struct drift *d, char *buf, size_t len);

/* Two drift.field values name the same field (both NULL: the whole register). */
static inline bool drift_same_field(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

#endif
