// SPDX-License-Identifier: GPL-2.0
/*
 * kvmreg.so: LD_PRELOAD shim for the arm64 QEMU that vmtest runs in L1.
 *
 * QEMU has no option for KVM's firmware bitmap registers, and QEMU 7.2
 * silently ignores a KVM_SET_ONE_REG that KVM refuses at reset. This shim
 * makes the test bed's register settings exact and loud:
 *
 *  - KVMREG_SET="name=value,..." substitutes the value of every
 *    KVM_SET_ONE_REG QEMU issues for those registers, and before the first
 *    KVM_RUN writes any that QEMU did not write itself;
 *  - KVMREG_DROP="name,..." swallows QEMU's writes of those registers, so
 *    KVM keeps this host's defaults: a VMM that does not carry them across a
 *    migration (as crosvm's snapshots do not carry the bitmaps);
 *  - a write KVM refuses ends QEMU at once (exit 125) after writing KVM's
 *    error to KVMREG_ERROR;
 *  - just before the first KVM_RUN, when the values are final (KVM refuses
 *    changes once a vCPU has run), every firmware register is read back with
 *    KVM_GET_ONE_REG and written to KVMREG_DUMP as JSON.
 */

#include <dlfcn.h>
#include <errno.h>
#include <inttypes.h>
#include <linux/kvm.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fwprobe_core.h"	/* register names and KVM IDs: lib/, as the module's */

_Static_assert(FWP_KVM_REG_ARM_FW_REG(0) == (KVM_REG_ARM64 | KVM_REG_SIZE_U64 | 0x140000ULL),
	       "firmware register IDs follow <linux/kvm.h>");

struct fw_reg {
	const char *name;
	uint64_t id;
	bool requested;
	bool dropped;	/* QEMU's writes are swallowed */
	bool written;	/* a write of the requested value succeeded */
	uint64_t value;
};

/* Filled from lib's tables by fill_regs(), in enum fwp_reg_id order. */
static struct fw_reg regs[FWP_REG_NR];
#define NR_REGS FWP_REG_NR

static void fill_regs(void)
{
	unsigned int i;

	for (i = 0; i < NR_REGS; i++) {
		regs[i].name = fwp_reg_names[i];
		regs[i].id = fwp_reg_kvm_ids[i];
	}
}

typedef int (*ioctl_fn)(int, unsigned long, ...);
static ioctl_fn real_ioctl;
static pthread_mutex_t first_run_lock = PTHREAD_MUTEX_INITIALIZER;
static bool first_run_done;

static void fail(const char *fmt, ...)
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

static struct fw_reg *find_reg(uint64_t id)
{
	for (size_t i = 0; i < NR_REGS; i++)
		if (regs[i].id == id)
			return &regs[i];
	return NULL;
}

static struct fw_reg *reg_by_name(const char *name)
{
	for (size_t i = 0; i < NR_REGS; i++)
		if (!strcmp(regs[i].name, name))
			return &regs[i];
	fail("unknown register '%s'", name);
	return NULL;
}

/* KVMREG_SET: name=value,...  KVMREG_DROP: name,... */
static void parse_requests(void)
{
	char *spec = getenv("KVMREG_SET"), *drop = getenv("KVMREG_DROP"), *copy, *item, *save;

	if (spec && *spec) {
		copy = strdup(spec);
		for (item = strtok_r(copy, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
			char *eq = strchr(item, '='), *end;
			struct fw_reg *r;

			if (!eq)
				fail("bad request '%s' (want name=value)", item);
			*eq = '\0';
			r = reg_by_name(item);
			errno = 0;
			r->value = strtoull(eq + 1, &end, 0);
			if (errno || *end || end == eq + 1)
				fail("bad value '%s' for %s", eq + 1, item);
			r->requested = true;
		}
		free(copy);
	}
	if (drop && *drop) {
		copy = strdup(drop);
		for (item = strtok_r(copy, ",", &save); item; item = strtok_r(NULL, ",", &save))
			reg_by_name(item)->dropped = true;
		free(copy);
	}
}

__attribute__((constructor)) static void kvmreg_init(void)
{
	real_ioctl = (ioctl_fn)dlsym(RTLD_NEXT, "ioctl");
	fill_regs();
	parse_requests();
}

static int set_reg(int vcpu_fd, struct fw_reg *r)
{
	struct kvm_one_reg one = { .id = r->id, .addr = (uintptr_t)&r->value };

	return real_ioctl(vcpu_fd, KVM_SET_ONE_REG, &one);
}

static void refused(struct fw_reg *r, int err)
{
	fail("KVM refused %s=0x%" PRIx64 ": KVM_SET_ONE_REG(0x%016" PRIx64 ") failed: %s",
	     r->name, r->value, r->id, strerror(err));
}

static void dump_regs(int vcpu_fd)
{
	const char *path = getenv("KVMREG_DUMP");
	char tmp[4096];
	FILE *f;

	if (!path)
		return;
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	f = fopen(tmp, "w");
	if (!f)
		fail("cannot write %s: %s", tmp, strerror(errno));
	fputs("{", f);
	for (size_t i = 0; i < NR_REGS; i++) {
		uint64_t val;
		struct kvm_one_reg one = { .id = regs[i].id, .addr = (uintptr_t)&val };

		fprintf(f, "%s\n  \"%s\": ", i ? "," : "", regs[i].name);
		if (real_ioctl(vcpu_fd, KVM_GET_ONE_REG, &one) == 0)
			fprintf(f, "\"0x%" PRIx64 "\"", val);
		else
			fputs("null", f);	/* this host has no such register */
	}
	fputs("\n}\n", f);
	fclose(f);
	rename(tmp, path);
}

static void before_first_run(int vcpu_fd)
{
	pthread_mutex_lock(&first_run_lock);
	if (!first_run_done) {
		for (size_t i = 0; i < NR_REGS; i++)
			if (regs[i].requested && !regs[i].written) {
				if (set_reg(vcpu_fd, &regs[i]))
					refused(&regs[i], errno);
				regs[i].written = true;
			}
		dump_regs(vcpu_fd);
		first_run_done = true;
	}
	pthread_mutex_unlock(&first_run_lock);
}

int ioctl(int fd, unsigned long request, ...)
{
	va_list ap;
	void *arg;

	va_start(ap, request);
	arg = va_arg(ap, void *);
	va_end(ap);

	if (request == KVM_SET_ONE_REG) {
		struct kvm_one_reg *one = arg;
		struct fw_reg *r = find_reg(one->id);

		if (r && r->dropped && !r->requested)
			return 0;	/* as if written: KVM keeps its default */
		if (r && r->requested) {
			int ret = set_reg(fd, r);

			if (ret)
				refused(r, errno);
			r->written = true;
			return ret;
		}
	} else if (request == KVM_RUN && !first_run_done) {
		before_first_run(fd);
	}
	return real_ioctl(fd, request, arg);
}
