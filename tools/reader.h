/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading one sysfs file into a value, with the error messages every reader
 * of the module's tree shares (reader.c): model.c (the SMCCC side) and
 * hwregs.c (the hardware registers) both go through rd(), so a missing or
 * garbled file reads the same wherever it is.
 */
#ifndef FWP_READER_H
#define FWP_READER_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"
#include "fwprobe_layout.h"
#include "sysfs_io.h"

/** struct kind - how one file's text becomes a value, and what it should look like. */
struct kind {
	const char *expect;
	bool (*parse)(const char *s, void *out);
};

struct reader {
	struct sio_root root;
	struct fwp_err *err;
	bool failed;		/* sticky: the first error is the one reported */
};

enum presence { OPTIONAL, REQUIRED };

/* A firmware register's file: a value, or "unknown" (K_REG). */
struct reg_value {
	bool known;
	uint64_t v;
};

/* What each kind of file holds; its expect text is what an error quotes. */
extern const struct kind K_UDEC, K_SDEC, K_HEX, K_WORD, K_VERSION, K_BOOL, K_TEXT, K_REG,
	K_CONDUIT, K_IDENTITY, K_CALL, K_CPULIST, K_TABLES, K_VERDICT, K_CAPS, K_HWCAPS,
	K_ERRATA, K_LIVE;

/* The longest value a file holds: one page, as sysfs shows at most (K_CPULIST's text). */
#define READER_VALUE_MAX	4096
/* arm64's largest NR_CPUS (arch/arm64/Kconfig): a larger vCPU number is garbled. */
#define READER_CPUS_MAX		4096
bool cpulist_parse(const char *s, bool *set, unsigned int n);

/* Any file below the root (the kernel's own trees too), read as kind @k. */
__printf(5, 6)
bool rd(struct reader *r, enum presence need, const struct kind *k, void *out, const char *fmt, ...);
/* A file of the module's tree, found and parsed as lib/fwprobe_layout.h says. */
#define LAYOUT_REL_MAX	(2 * FWP_FILE_NAME_LEN)	/* <dir>/<name> */
bool rd_file(struct reader *r, enum fwp_file f, void *out);
bool rd_built(struct reader *r, enum presence need, enum fwp_group g, unsigned int cpu,
	      unsigned int i, void *out);
void layout_dir(enum fwp_group g, unsigned int cpu, char *rel, size_t len);
void layout_rel(enum fwp_group g, unsigned int cpu, unsigned int i, char *rel, size_t len);
void layout_file_rel(enum fwp_file f, char *rel, size_t len);
__printf(3, 4)
void reader_fail(struct reader *r, const char *rel, const char *fmt, ...);

#endif
