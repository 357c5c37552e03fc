/* SPDX-License-Identifier: GPL-2.0 */
/*
 * format.h's helpers for what goes into JSON (jansson): the machine-type
 * files and --json write every register value as the same hex string.
 */
#ifndef FWP_FORMAT_JSON_H
#define FWP_FORMAT_JSON_H

#include <jansson.h>

#include "format.h"

/* @v as a JSON string "0x..." (fmt_hex). */
static inline json_t *json_hex(uint64_t v)
{
	char hex[FMT_HEX_MAX];

	return json_string(fmt_hex(hex, v));
}

#endif
