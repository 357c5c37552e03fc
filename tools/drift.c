// SPDX-License-Identifier: GPL-2.0
/*
 * The drift list (drift.h): entries are added here, by the identity,
 * firmware-register and vector-length comparisons (diff.c) and the hardware
 * one (hwdiff.c) alike.
 */
#include <string.h>

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
