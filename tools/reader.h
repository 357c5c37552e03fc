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
	K_CONDUIT, K_IDENTITY, K_CALL;

__printf(5, 6)
bool rd(struct reader *r, enum presence need, const struct kind *k, void *out, const char *fmt, ...);
__printf(3, 4)
void reader_fail(struct reader *r, const char *rel, const char *fmt, ...);

#endif
