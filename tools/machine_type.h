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
#include "fwprobe_layout.h"
#include "hwreg_desc.h"
#include "registers.h"
#include "vector_lengths.h"

#define MT_SCHEMA	3	/* the newest; --save writes 3 with "boot", else 2 */
#define MT_SCHEMA_HW	2	/* hardware registers, vector lengths, ignore list */
#define MT_SCHEMA_MIN	1
#define MT_SCHEMAS_READ	"1 to 3"	/* MT_SCHEMA_MIN to MT_SCHEMA, for messages */
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
 * @boot: "boot" (schema 3)
 */
/**
 * struct mt_boot - "boot": how the guest booted; a key is checked only when the file has it
 * @has_tables, @has_uefi, @has_vendor, @has_version: which keys it has
 * @tables: enum fwp_boot_tables
 * @uefi: booted through UEFI
 * @vendor, @version: the firmware's SMBIOS strings
 */
struct mt_boot {
	bool has_tables, has_uefi, has_vendor, has_version;
	enum fwp_boot_tables tables;
	bool uefi;
	char vendor[FWP_BOOT_TEXT_LEN], version[FWP_BOOT_TEXT_LEN];
};

struct machine_type {
	int identity;
	struct reg_values regs;
	struct hw_row hw[FWP_HW_NR];
	unsigned int vcpus;
	bool ignore_reg[FWP_HW_NR];
	uint64_t ignore_fields[FWP_HW_NR];
	struct vl_set vl[VL_KINDS];
	bool ignore_vl[VL_KINDS];
	struct mt_boot boot;
};

int mt_load_buffer(const char *buf, size_t len, const char *name, struct machine_type *mt,
		   struct fwp_err *err);
int mt_load_file(const char *path, struct machine_type *mt, struct fwp_err *err);
void mt_free(struct machine_type *mt);
bool mt_has_boot(const struct machine_type *mt);
char *mt_format(const struct machine_type *mt, const char *description);
json_t *hw_row_json(const struct hw_row *row);
int mt_save(const char *path, const struct machine_type *mt, const char *description,
	    struct fwp_err *err);

#endif
