/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Output. The model is filled once and the report (report.h) built from it
 * once; render_walk() goes through its sections in one order for every
 * renderer, which only decides how each section looks (or that it shows
 * nothing there).
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

/*
 * The report's sections, in the order every output shows them. Where a
 * format keeps a value under another heading (JSON's soc_id among the
 * services, text's SoC ID with the identity), it is still shown at its
 * format's place in this order.
 */
enum render_section {
	RENDER_IDENTITY,	/* the snapshot, the hypervisor, SMCCC */
	RENDER_PSCI,
	RENDER_SERVICES,	/* which services are present */
	RENDER_WORKAROUNDS,
	RENDER_SERVICE_DETAILS,	/* KVM's features, TRNG, PV time, DISCOVER_IMPL */
	RENDER_PTP,
	RENDER_REGISTERS,	/* the firmware registers */
	RENDER_HARDWARE,	/* the hardware registers, per vCPU and of the GIC */
	RENDER_BOOT_VIEW,	/* what the guest kernel read at boot, and what moved */
	RENDER_SAFETY,		/* what the kernel and processes rely on, against now */
	RENDER_VECTOR_LENGTHS,
	RENDER_EVIDENCE,	/* the calls behind the answers */
	RENDER_EXPECT,		/* the --expect comparison: only with one */
	RENDER_SUMMARY,		/* the counts that sum the check up */
	RENDER_SECTIONS
};

/**
 * struct render_ctx - what a section is formatted from and into
 * @r: the report
 * @x: the --expect comparison, or NULL
 * @out: the stream (text, Prometheus)
 * @doc: the JSON object being built (json_t *)
 * @indent: the prefix of the text's drift lines
 * @now: the time of the check (Prometheus)
 */
struct render_ctx {
	const struct report *r;
	const struct expect_result *x;
	FILE *out;
	void *doc;
	const char *indent;
	time_t now;
};

typedef void (*render_section_fn)(const struct render_ctx *c);

void render_walk(const render_section_fn fmt[RENDER_SECTIONS], const struct render_ctx *c);

void render_text(FILE *out, const struct report *r, const struct expect_result *x);
void render_text_drift(FILE *out, const struct report *r, const struct expect_result *x,
		       const char *indent);
int render_json(FILE *out, const struct report *r, const struct expect_result *x, bool quiet);
int render_prom(FILE *out, const struct report *r, const struct expect_result *x, time_t now);

#endif
