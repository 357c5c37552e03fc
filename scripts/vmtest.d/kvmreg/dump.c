// SPDX-License-Identifier: GPL-2.0
/* KVMREG_DUMP: a vCPU's registers read at its first KVM_RUN, and the JSON file. */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kvmreg.h"

/* read_vcpu() reads these before the registers whose existence they decide. */
_Static_assert(FWP_HW_clidr_el1 < FWP_HW_ccsidr_l1i && FWP_HW_id_aa64dfr0_el1 < FWP_HW_pmcr_el0,
	       "CLIDR_EL1 and ID_AA64DFR0_EL1 come first");

static uint64_t mrs_cntfrq(void)
{
	uint64_t v;

	asm volatile("mrs %0, cntfrq_el0" : "=r"(v));
	return v;
}

static uint64_t mrs_dczid(void)
{
	uint64_t v;

	asm volatile("mrs %0, dczid_el0" : "=r"(v));
	return v;
}

/* A vCPU's system and CCSIDR registers, at its first KVM_RUN. */
void read_vcpu(struct vcpu *v)
{
	for (int i = 0; i < FWP_HW_PER_VCPU; i++) {
		const struct fwp_hwreg_desc *d = &fwp_hwregs[i];
		uint64_t val;

		if (d->family == FWP_HWF_GIC)
			continue;	/* read at the VM's first KVM_RUN */
		if (d->family == FWP_HWF_CCSIDR &&
		    (v->state[FWP_HW_clidr_el1] != HW_VALUE ||
		     !fwp_hw_cache_listed(i, v->val[FWP_HW_clidr_el1]))) {
			/* KVM 6.3+ keeps one anyway: the guest never sees it (CLIDR_EL1 changed since). */
			if (hw_req[i].requested) {
				char where[64], fatal[256];

				snprintf(where, sizeof(where), "KVM_SET_ONE_REG(0x%016" PRIx64 ")",
					 fwp_hw_kvm_id(i));
				snprintf(fatal, sizeof(fatal), "%s=0x%" PRIx64 " is for a cache vCPU %lu's "
					 "CLIDR_EL1 (0x%" PRIx64 ") does not list", d->name,
					 hw_req[i].value, v->id, v->val[FWP_HW_clidr_el1]);
				hw_cannot(i, hw_req[i].value, where,
					  "a cache the final CLIDR_EL1 does not list", fatal);
			}
			v->state[i] = HW_ABSENT;
			continue;
		}
		if (i == FWP_HW_pmcr_el0) {
			/* PMCR_EL0.N means something only with a PMU (pmu=off: none). */
			if (v->state[FWP_HW_id_aa64dfr0_el1] != HW_VALUE ||
			    !fwp_hw_has_pmu(v->val[FWP_HW_id_aa64dfr0_el1])) {
				v->state[i] = HW_ABSENT;
				continue;
			}
		}
		/*
		 * Not KVM registers: the guest's CNTFRQ_EL0 and DCZID_EL0 reads
		 * reach the hardware, the value this (L1) userspace reads too:
		 * both are readable at EL0.
		 */
		if (fwp_hw_from_hardware(i)) {
			v->val[i] = i == FWP_HW_cntfrq_el0 ? mrs_cntfrq() : mrs_dczid();
			v->state[i] = HW_VALUE;
			continue;
		}
		if (get_one(v->fd, fwp_hw_kvm_id(i), &val)) {
			v->state[i] = HW_NULL;
			continue;
		}
		v->val[i] = hw_view(i, val);
		v->state[i] = HW_VALUE;
	}
}

static bool hw_has(const struct vcpu *v, int i)
{
	return v->state[i] == HW_VALUE;
}

static void put_hw(FILE *f, const struct vcpu *v, int i)
{
	if (hw_has(v, i))
		fprintf(f, "\"0x%" PRIx64 "\"", v->val[i]);
	else
		fputs("null", f);
}

void dump_regs(void)
{
	const char *path = getenv("KVMREG_DUMP");
	struct vcpu *vs[MAX_VCPUS];
	unsigned int n, k;
	char tmp[4096];
	FILE *f;
	int i;

	if (!path)
		return;
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	f = fopen(tmp, "w");
	if (!f)
		fail("cannot write %s: %s", tmp, strerror(errno));
	fputs("{", f);
	for (i = 0; i < (int)NR_REGS; i++) {
		fprintf(f, "%s\n  \"%s\": ", i ? "," : "", regs[i].name);
		if (fw_state[i] == HW_VALUE)
			fprintf(f, "\"0x%" PRIx64 "\"", fw_val[i]);
		else
			fputs("null", f);	/* this host has no such register */
	}
	n = vm_vcpus(run_vm, vs);
	for (i = 0; i < FWP_HW_NR; i++) {
		bool exists = false, has[MAX_VCPUS];
		uint64_t val[MAX_VCPUS];

		if (i >= FWP_HW_PER_VCPU) {
			if (vm_state[i] != HW_VALUE && vm_state[i] != HW_NULL)
				continue;
			fprintf(f, ",\n  \"%s\": ", fwp_hwregs[i].name);
			if (vm_state[i] == HW_VALUE)
				fprintf(f, "\"0x%" PRIx64 "\"", vm_val[i]);
			else
				fputs("null", f);
			continue;
		}
		for (k = 0; k < n; k++) {
			exists |= vs[k]->state[i] == HW_VALUE || vs[k]->state[i] == HW_NULL;
			has[k] = hw_has(vs[k], i);
			val[k] = vs[k]->val[i];
		}
		if (!exists)
			continue;
		fprintf(f, ",\n  \"%s\": ", fwp_hwregs[i].name);
		/* One value for every vCPU as fwprobe's machine types write it (lib's rule). */
		if (fwp_hw_uniform(has, val, n)) {
			put_hw(f, vs[0], i);
			continue;
		}
		fputc('[', f);
		for (k = 0; k < n; k++) {
			fputs(k ? ", " : "", f);
			put_hw(f, vs[k], i);
		}
		fputc(']', f);
	}
	if (sve_vls_read) {
		const char *sep = "";

		fputs(",\n  \"vector_lengths.sve\": [", f);
		/* In bytes, ascending, as fwprobe's "vector_lengths" lists them. */
		for (unsigned int vq = 1; vq <= FWP_VQ_MAX; vq++)
			if (sve_vls[(vq - 1) / 64] >> ((vq - 1) % 64) & 1) {
				fprintf(f, "%s%u", sep, vq * FWP_VQ_BYTES);
				sep = ", ";
			}
		fputc(']', f);
	}
	fputs("\n}\n", f);
	if (fclose(f) || rename(tmp, path))
		fail("cannot write %s: %s", path, strerror(errno));
}
