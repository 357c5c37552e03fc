/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Output. The model is filled once and the report (report.h) built from it
 * once; each renderer goes through them in the same order (identity, SMCCC,
 * PSCI, services, workarounds, PTP, registers, hardware registers, boot
 * view, vector lengths, evidence) and only decides how things look.
 */
#ifndef FWP_RENDER_H
#define FWP_RENDER_H

#include <stdio.h>
#include <time.h>

#include "drift.h"
#include "model.h"
#include "report.h"

/** struct expect_result - a --expect comparison, for the renderers. */
struct expect_result {
	const char *file;
	bool match;
	const struct drift_report *drift;
};

void render_text(FILE *out, const struct report *r, const struct expect_result *x);
void render_text_drift(FILE *out, const struct report *r, const struct expect_result *x,
		       const char *indent);
int render_json(FILE *out, const struct report *r, const struct expect_result *x, bool quiet);
int render_prom(FILE *out, const struct report *r, const struct expect_result *x, time_t now);

#endif
