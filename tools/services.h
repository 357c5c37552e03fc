/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The services fwprobe reports as present or absent, each with the one call
 * whose answer decides it, so both renderers show the same verdicts and the
 * same evidence.
 */
#ifndef FWP_SERVICES_H
#define FWP_SERVICES_H

#include "model.h"

/** struct service - a service and the call that witnesses it. */
struct service {
	const char *name;
	uint32_t fn;		/* deciding call ... */
	bool match_arg;		/* ... and, for ARCH_FEATURES-style queries, its x1 */
	uint64_t arg;
	bool (*present)(const struct fwp_model *m);
};

extern const struct service services[];
extern const unsigned int nservices;

int service_evidence(const struct fwp_model *m, const struct service *s);
int workaround_evidence(const struct fwp_model *m, unsigned int af);
enum fwp_reg_id workaround_register(unsigned int af);
int psci_feature_evidence(const struct fwp_model *m, unsigned int i);

#endif
