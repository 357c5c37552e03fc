/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Comparing what the guest sees with a machine-type file: one entry per
 * difference, with a line for people and the parts for JSON.
 */
#ifndef FWP_DIFF_H
#define FWP_DIFF_H

#include "machine_type.h"
#include "model.h"

#define DIFF_KEY_IDENTITY	(-1)	/* drift.reg for the identity check */
#define DIFF_MSG_MAX		1024

/** struct drift - one difference between the file and the guest. */
struct drift {
	int reg;			/* enum fwp_reg_id, or DIFF_KEY_IDENTITY */
	const char *key;		/* register name or "identity" */
	char expected[32];		/* "0x3" or an identity name */
	char actual[32];		/* likewise; "" when the guest cannot tell */
	uint64_t missing, extra;	/* bitmaps: bits expected but absent, and the reverse */
	char message[DIFF_MSG_MAX];
};

/** struct drift_report - all differences, in register order after identity. */
struct drift_report {
	unsigned int n;
	struct drift d[FWP_REG_NR + 1];
};

bool diff_guest(const struct machine_type *mt, const struct fwp_model *m,
		struct drift_report *out);

#endif
