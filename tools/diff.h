/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Comparing what the guest sees with a machine-type file: the identity, the
 * firmware registers and the vector lengths here (diff.c), the hardware
 * registers in hwdiff.h; the differences go into a drift_report (drift.h).
 */
#ifndef FWP_DIFF_H
#define FWP_DIFF_H

#include "drift.h"
#include "machine_type.h"
#include "model.h"

bool diff_guest(const struct machine_type *mt, const struct fwp_model *m,
		struct drift_report *out);

#endif
