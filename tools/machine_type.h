/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Machine-type files: what a guest is expected to see, as JSON (format in
 * Documentation/machine-types.md, schema in machine-type.schema.json).
 * Loading validates everything and reports FILE:LINE:COLUMN; saving is atomic.
 */
#ifndef FWP_MACHINE_TYPE_H
#define FWP_MACHINE_TYPE_H

#include <stddef.h>
#include <jansson.h>

#include "error.h"
#include "hwreg_desc.h"
#include "registers.h"
#include "vector_lengths.h"

#define MT_SCHEMA	2	/* what --save writes; schema 1 (no hardware registers) still loads */
#define MT_SCHEMA_MIN	1
#define MT_SCHEMAS_READ	"1 and 2"	/* MT_SCHEMA_MIN to MT_SCHEMA, for messages */
#define MT_FILE_MAX	(1 << 20)	/* real files are a few kilobytes */
#define MT_FIELDS_MAX	64		/* named fields of one register an ignore list can name */

/**
 * struct machine_type - the checks a file asks for; absent keys are not checked
 * @identity: enum fwp_identity, or -1
 * @regs: the firmware registers ("registers")
 * @hw: the hardware registers ("cpu_registers", "gic_registers"), by enum
 *	fwp_hwreg; @hw[i].n == 0 when the file does not list register i
 * @vcpus: the length of the per-vCPU arrays; 0 when the file has none
 * @ignore_reg: registers the "ignore" list names as a whole
 * @ignore_fields: fields it names, bit i = field i of fwp_hw_fields()
 * @vl: "vector_lengths", by enum vl_kind; present when the file lists the set
 * @ignore_vl: "vector_lengths.sve" / ".sme" in the ignore list
 */
struct machine_type {
	int identity;
	struct reg_values regs;
	struct hw_row hw[FWP_HW_NR];
	unsigned int vcpus;
	bool ignore_reg[FWP_HW_NR];
	uint64_t ignore_fields[FWP_HW_NR];
	struct vl_set vl[VL_KINDS];
	bool ignore_vl[VL_KINDS];
};

int mt_load_buffer(const char *buf, size_t len, const char *name, struct machine_type *mt,
		   struct fwp_err *err);
int mt_load_file(const char *path, struct machine_type *mt, struct fwp_err *err);
void mt_free(struct machine_type *mt);
char *mt_format(const struct machine_type *mt, const char *description);
json_t *hw_row_json(const struct hw_row *row);
int mt_save(const char *path, const struct machine_type *mt, const char *description,
	    struct fwp_err *err);

#endif
