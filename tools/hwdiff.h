/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Comparing the hardware registers a guest shows with a machine type, field
 * by field by each field's rule (hwdiff.c).
 */
#ifndef FWP_HWDIFF_H
#define FWP_HWDIFF_H

#include "drift.h"
#include "machine_type.h"
#include "model.h"

void diff_hw(const struct machine_type *mt, const struct fwp_model *m, struct drift_report *out);

#endif
