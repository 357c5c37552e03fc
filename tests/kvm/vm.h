/* SPDX-License-Identifier: GPL-2.0 */
/* Running scripts/vmtest from the real-KVM tests and reading what it left. */
#ifndef FWPROBE_TESTS_VM_H
#define FWPROBE_TESTS_VM_H

#include <jansson.h>
#include <stdbool.h>

struct vm_run {
	int status;		/* vmtest's exit status */
	char *out, *err;	/* its stdout and stderr */
	json_t *regs;		/* --dump-regs, when observed */
	unsigned int trace[256];	/* --trace-hvc, when observed */
	int ntrace;
	double seconds;		/* wall time of the whole vmtest run */
	double cpu_seconds;	/* user + system CPU time of vmtest and its L0s */
};

/*
 * Run scripts/vmtest ARGS (up to and including "--" COMMAND...). With
 * observe, --dump-regs and --trace-hvc are added and read back.
 */
void vm_run(struct vm_run *r, const char *const *args, bool observe);
void vm_free(struct vm_run *r);
/* A file's whole text (malloc'ed), "" when it cannot be read. */
char *vm_slurp(const char *path);
/*
 * Whether this process leaves the current test to another: make check-quick
 * (FWPROBE_QUICK_CHECK) runs only tests marked quick, and scripts/check runs
 * every suite in FWPROBE_LANE lanes side by side that share one queue: a
 * lane takes a test by creating its claim file in FWPROBE_CLAIMS first.
 * @test_num: the test's position in the run, ksft_test_num() in its child.
 */
const char *vm_not_this_run(bool quick, unsigned int test_num);
#define VM_SKIP_UNLESS_MINE(quick) do {						\
	const char *_why = vm_not_this_run(quick, ksft_test_num());		\
	if (_why)								\
		SKIP(return, "%s", _why);					\
} while (0)

/* Append OPTION VALUE to args[n...] for each value up to a NULL; returns the new n. */
int vm_add_options(const char **args, int n, const char *option, const char *const *values);
/* Value of "key=value" in the guest's output, or NULL; valid for 8 more calls. */
const char *vm_value(const struct vm_run *r, const char *key);
/* Like vm_value, for the n-th occurrence (0 = first) of the key. */
const char *vm_value_nth(const struct vm_run *r, const char *key, int n);

/*
 * What the guest's memory guard found after a migration's resume (vmtest's
 * "memory guard: pages=... bad=N status=S" progress line), or NULL if it
 * did not report; valid until the next call.
 */
const char *vm_memory_check(const struct vm_run *r);
/* It checked every page and found each as the guest wrote it. */
bool vm_memory_intact(const struct vm_run *r);

/*
 * Validate machine-type file @path against the schema with the validator of
 * tests/reporter/schema_validate.h. Returns its exit status (0 valid); @why
 * gets its line.
 */
int vm_schema_check(const char *path, char *why, size_t len);

#endif
