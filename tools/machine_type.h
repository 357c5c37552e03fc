/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Machine-type files: what a guest is expected to see, as JSON (format in
 * Documentation/machine-types.md, schema in machine-type.schema.json).
 * Loading validates everything and reports FILE:LINE:COLUMN; saving is atomic.
 */
#ifndef FWP_MACHINE_TYPE_H
#define FWP_MACHINE_TYPE_H

#include <stddef.h>

#include "error.h"
#include "registers.h"

#define MT_SCHEMA	1
#define MT_FILE_MAX	(1 << 20)	/* real files are a few hundred bytes */

/** struct machine_type - the checks a file asks for; absent keys are not checked. */
struct machine_type {
	int identity;			/* enum fwp_identity, or -1 */
	struct reg_set regs;
};

int mt_load_buffer(const char *buf, size_t len, const char *name, struct machine_type *mt,
		   struct fwp_err *err);
int mt_load_file(const char *path, struct machine_type *mt, struct fwp_err *err);
char *mt_format(const struct machine_type *mt, const char *description);
int mt_save(const char *path, const struct machine_type *mt, const char *description,
	    struct fwp_err *err);

#endif
