// SPDX-License-Identifier: GPL-2.0
/* Reading the environment: KVMREG_SET, KVMREG_DROP, KVMREG_BEST_EFFORT and KVMREG_IMPL. */

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kvmreg.h"

/* Filled from lib's tables by fill_regs(), in enum fwp_reg_id order. */
struct fw_reg regs[FWP_REG_NR];

/* What KVMREG_SET asks of each hardware register. */
struct hw_request hw_req[FWP_HW_NR];

/* KVMREG_BEST_EFFORT=1: a register KVM refuses is listed in KVMREG_UNPINNED, not fatal. */
static bool best_effort;

/* KVMREG_IMPL: the CPU implementations DISCOVER_IMPL announces. */
struct impl impls[FWP_MAX_IMPLS];
unsigned int nimpl;
bool writable_imp;

void fill_regs(void)
{
	unsigned int i;

	for (i = 0; i < NR_REGS; i++) {
		regs[i].name = fwp_reg_names[i];
		regs[i].id = fwp_reg_kvm_ids[i];
	}
}

void fail(const char *fmt, ...)
{
	const char *path = getenv("KVMREG_ERROR");
	char msg[512];
	va_list ap;
	FILE *f;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fprintf(stderr, "kvmreg: %s\n", msg);
	if (path && (f = fopen(path, "w"))) {
		fprintf(f, "%s\n", msg);
		fclose(f);
	}
	_exit(125);
}

/*
 * A register KVM would not take, or not keep. Without best effort that ends
 * QEMU (exit 125) with @fatal; with it, @line ("name=value: where: why") is
 * appended to KVMREG_UNPINNED, once per register (*@said), and KVM's value
 * stays.
 */
void give_up(bool *said, const char *line, const char *fatal)
{
	const char *path = getenv("KVMREG_UNPINNED");
	FILE *f;

	if (!best_effort)
		fail("%s", fatal);
	if (*said)
		return;
	*said = true;
	fprintf(stderr, "kvmreg: could not pin %s\n", line);
	if (path && (f = fopen(path, "a"))) {
		fprintf(f, "%s\n", line);
		fclose(f);
	}
}

/*
 * KVM refused @name=@val (@err: its errno) or took it without keeping it
 * (@err 0: it reads back @back) through @where (the KVM_SET_ONE_REG or
 * KVM_SET_DEVICE_ATTR call), on vCPU @vcpu (-1: none to name). @fields: the
 * fields KVM refuses, or "". Returns false (not pinned).
 */
bool unpinned(bool *said, const char *name, uint64_t val, long vcpu, const char *where,
		     int err, uint64_t back, const char *fields)
{
	char on[32] = "", line[768], fatal[768];

	if (vcpu >= 0)
		snprintf(on, sizeof(on), " on vCPU %ld", vcpu);
	if (err) {
		snprintf(line, sizeof(line), "%s=0x%" PRIx64 ": %s: %s%s", name, val, where,
			 strerror(err), fields);
		snprintf(fatal, sizeof(fatal), "KVM refused %s=0x%" PRIx64 "%s: %s failed: %s%s",
			 name, val, on, where, strerror(err), fields);
	} else {
		snprintf(line, sizeof(line), "%s=0x%" PRIx64 ": %s: not kept, reads back 0x%" PRIx64,
			 name, val, where, back);
		snprintf(fatal, sizeof(fatal), "KVM did not keep %s=0x%" PRIx64 "%s: %s succeeded but "
			 "it reads back 0x%" PRIx64, name, val, on, where, back);
	}
	give_up(said, line, fatal);
	return false;
}

struct fw_reg *find_reg(uint64_t id)
{
	for (size_t i = 0; i < NR_REGS; i++)
		if (regs[i].id == id)
			return &regs[i];
	return NULL;
}

static struct fw_reg *fw_by_name(const char *name)
{
	for (size_t i = 0; i < NR_REGS; i++)
		if (!strcmp(regs[i].name, name))
			return &regs[i];
	return NULL;
}

/* The per-vCPU system or CCSIDR register with this KVM ONE_REG ID, or -1. */
int hw_by_id(uint64_t id)
{
	int i;

	for (i = 0; i < FWP_HW_PER_VCPU; i++)
		if (fwp_hwregs[i].family != FWP_HWF_GIC && fwp_hw_kvm_id(i) == id)
			return i;
	return -1;
}

/* Every bit of a hardware register as fwprobe names it (pmcr_el0: PMCR_EL0.N). */
uint64_t hw_full(int i)
{
	return fwp_hw_width(i) < 64 ? (1ULL << fwp_hw_width(i)) - 1 : ~0ULL;
}

static uint64_t number(const char *text, const char *what, const char *name)
{
	uint64_t v;
	char *end;

	errno = 0;
	v = strtoull(text, &end, 0);
	if (errno || *end || end == text)
		fail("bad %s '%s' for %s", what, text, name);
	return v;
}

/* name=value, or name=VALUE/MASK for a hardware register (@value is ours to cut). */
static void request(const char *name, char *value)
{
	struct fw_reg *r = fw_by_name(name);
	int i = fwp_hw_lookup(name);
	char *slash = strchr(value, '/');
	uint64_t v, mask;

	if (!r && i < 0)
		fail("unknown register '%s'", name);
	if (slash)
		*slash = '\0';
	v = number(value, "value", name);
	if (r) {
		if (slash)
			fail("%s: VALUE/MASK is for hardware registers only", name);
		r->value = v;
		r->requested = true;
		return;
	}
	if (fwp_hw_from_hardware(i))
		fail("%s cannot be set: the guest reads it from the hardware, KVM holds no value for it",
		     name);
	mask = slash ? number(slash + 1, "mask", name) : hw_full(i);
	if (v & ~hw_full(i))
		fail("bad value '%s' for %s: it has %u bits", value, name, fwp_hw_width(i));
	if (mask & ~hw_full(i))
		fail("bad mask '%s' for %s: it has %u bits", slash + 1, name, fwp_hw_width(i));
	hw_req[i].value = v & mask;
	hw_req[i].mask = mask;
	hw_req[i].requested = true;
}

/* KVMREG_IMPL: midr:revidr:aidr,... */
static void parse_impls(void)
{
	char *spec = getenv("KVMREG_IMPL"), *copy, *item, *save;
	struct fw_reg *bmap = &regs[FWP_REG_VENDOR_HYP_BMAP_2];

	if (!spec || !*spec)
		return;
	copy = strdup(spec);
	for (item = strtok_r(copy, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
		char *revidr = strchr(item, ':'), *aidr = revidr ? strchr(revidr + 1, ':') : NULL;

		if (!aidr)
			fail("bad implementation '%s' (want midr:revidr:aidr)", item);
		if (nimpl == FWP_MAX_IMPLS)
			fail("more than %d implementations", FWP_MAX_IMPLS);
		*revidr++ = '\0';
		*aidr++ = '\0';
		impls[nimpl].midr = number(item, "MIDR_EL1", "an implementation");
		impls[nimpl].revidr = number(revidr, "REVIDR_EL1", "an implementation");
		impls[nimpl].aidr = number(aidr, "AIDR_EL1", "an implementation");
		nimpl++;
	}
	free(copy);
	/* KVM's FEATURES call announces the two calls from these bits. */
	if (!bmap->requested) {
		bmap->value = BIT(FWP_VENDOR_HYP_BIT_DISCOVER_IMPL_VER) |
			      BIT(FWP_VENDOR_HYP_BIT_DISCOVER_IMPL_CPUS);
		bmap->requested = true;
	}
}

/* KVMREG_SET: name=value,...  KVMREG_DROP: name,... (firmware registers) */
void parse_requests(void)
{
	char *spec = getenv("KVMREG_SET"), *drop = getenv("KVMREG_DROP"), *copy, *item, *save;
	const char *effort = getenv("KVMREG_BEST_EFFORT");

	best_effort = effort && !strcmp(effort, "1");
	if (spec && *spec) {
		copy = strdup(spec);
		for (item = strtok_r(copy, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
			char *eq = strchr(item, '=');

			if (!eq)
				fail("bad request '%s' (want name=value)", item);
			*eq = '\0';
			request(item, eq + 1);
		}
		free(copy);
	}
	if (drop && *drop) {
		copy = strdup(drop);
		for (item = strtok_r(copy, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
			struct fw_reg *r = fw_by_name(item);

			if (!r)
				fail("unknown firmware register '%s' to drop", item);
			r->dropped = true;
		}
		free(copy);
	}
	parse_impls();
	writable_imp = nimpl || hw_req[FWP_HW_midr_el1].requested ||
		       hw_req[FWP_HW_revidr_el1].requested || hw_req[FWP_HW_aidr_el1].requested;
}
