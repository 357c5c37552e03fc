/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A machine-type file turned into what a VMM needs to pin it (fwprobe
 * --vmm-settings): the test bed's --set-reg arguments (scripts/vmtest), a
 * Firecracker custom CPU template for aarch64, or QEMU's command-line
 * options. Registers a VMM cannot pin
 * are left out and named, one line per reason, on a second stream.
 */
#ifndef FWP_VMM_SETTINGS_H
#define FWP_VMM_SETTINGS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "error.h"
#include "machine_type.h"

/* The formats, once: enum vmm_format, vmm_format_names[] and VMM_FORMATS. */
#define VMM_FORMAT_LIST(X)	X(VMM_VMTEST, vmtest) X(VMM_FIRECRACKER, firecracker) X(VMM_QEMU, qemu)

#define VMM_FORMAT_ENUM(e, name)	e,
enum vmm_format { VMM_FORMAT_LIST(VMM_FORMAT_ENUM) VMM_FORMAT_NR };
#undef VMM_FORMAT_ENUM

/* " vmtest firecracker qemu": every name, each after a space, for messages. */
#define VMM_FORMAT_WORD(e, name)	" " #name
#define VMM_FORMATS	VMM_FORMAT_LIST(VMM_FORMAT_WORD)

extern const char *const vmm_format_names[VMM_FORMAT_NR];

int vmm_format_lookup(const char *name);
uint64_t vmm_care_mask(const struct machine_type *mt, enum fwp_hwreg reg);
bool vmm_one_value(const struct hw_row *row, uint64_t mask, uint64_t *v);
int vmm_settings_write(FILE *out, FILE *notes, enum vmm_format f, const struct machine_type *mt);
int vmm_settings_print(enum vmm_format f, const char *path, struct fwp_err *err);

#endif
