// SPDX-License-Identifier: GPL-2.0
/*
 * The drift list (drift.h): entries are added here, by the identity,
 * firmware-register and vector-length comparisons (diff.c) and the hardware
 * one (hwdiff.c) alike.
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "drift.h"

/**
 * diff_add() - a new, empty difference entry
 * @out: the report
 * @reg: enum fwp_reg_id or DIFF_KEY_*
 * @key: its name
 *
 * Return: the entry, or NULL when the report is full (it is then marked
 * truncated; only hardware registers can fill it).
 */
struct drift *diff_add(struct drift_report *out, int reg, const char *key)
{
	struct drift *d;

	if (out->n == ARRAY_SIZE(out->d)) {
		out->truncated = true;
		return NULL;
	}
	d = &out->d[out->n++];
	memset(d, 0, sizeof(*d));
	d->reg = reg;
	d->key = key;
	d->hwreg = -1;
	d->vl = -1;
	d->rule = DRIFT_RULE_NONE;
	if (reg >= 0)
		d->kvm_id = fwp_reg_kvm_ids[reg];
	return d;
}

/**
 * drift_add_vcpu() - @d was seen on vCPU @cpu too
 * @d: the entry; its vCPU list is allocated on the first call
 * @cpu: below @ncpus
 * @ncpus: the guest's vCPUs
 */
void drift_add_vcpu(struct drift *d, unsigned int cpu, unsigned int ncpus)
{
	if (!d->vcpus) {
		d->vcpus = xcalloc(ncpus, sizeof(*d->vcpus));
		d->nvcpus = ncpus;
	}
	if (cpu < d->nvcpus)
		d->vcpus[cpu] = true;
}

/** drift_vcpu_count() - how many vCPUs @d was seen on (0: a per-VM register). */
unsigned int drift_vcpu_count(const struct drift *d)
{
	unsigned int cpu, n = 0;

	for (cpu = 0; d->vcpus && cpu < d->nvcpus; cpu++)
		n += d->vcpus[cpu];
	return n;
}

/* drift_vcpu_list() - "1", "0,2" or "0-5,7": @d's vCPUs (hw_vcpu_list()). */
void drift_vcpu_list(const struct drift *d, char *buf, size_t len)
{
	buf[0] = '\0';
	if (d->vcpus)
		hw_vcpu_list(d->vcpus, d->nvcpus, true, buf, len);
}
