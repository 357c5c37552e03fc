/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The KVM firmware pseudo-registers as fwprobe compares them: which values
 * are legal, what they are called, and when a guest's value satisfies an
 * expected one. Register names and order are lib/fwprobe_core.c's.
 */
#ifndef FWP_REGISTERS_H
#define FWP_REGISTERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "fwprobe_core.h"

#define REG_TEXT_MAX	160	/* a decoded value or a validation complaint */

/** struct reg_values - firmware register values; has[i] false = not determined / not listed. */
struct reg_values {
	bool has[FWP_REG_NR];
	uint64_t value[FWP_REG_NR];
};

/** enum reg_rule - how an expected value is checked against the guest's. */
enum reg_rule {
	REG_EXACT_VERSION,	/* psci_version: equal */
	REG_AT_LEAST,		/* workarounds: guest not less protected */
	REG_EXACT_BITS,		/* service bitmaps: equal, differences named */
};

int reg_lookup(const char *name);
enum reg_rule reg_rule(enum fwp_reg_id id);
int reg_check(enum fwp_reg_id id, uint64_t v, struct fwp_err *why);
void reg_describe(enum fwp_reg_id id, uint64_t v, char *buf, size_t len);
void reg_bit_name(enum fwp_reg_id id, unsigned int bit, char *buf, size_t len);
void reg_bits_text(enum fwp_reg_id id, uint64_t bits, char *buf, size_t len);
bool reg_satisfies(enum fwp_reg_id id, uint64_t expected, uint64_t actual);

#endif
