/* SPDX-License-Identifier: GPL-2.0 */
/*
 * format.h's helpers for what goes into JSON (jansson): the machine-type
 * files and --json write every register value as the same hex string.
 */
#ifndef FWP_FORMAT_JSON_H
#define FWP_FORMAT_JSON_H

#include <jansson.h>

#include "format.h"
#include "vector_lengths.h"

/* @v as a JSON string "0x..." (fmt_hex). */
static inline json_t *json_hex(uint64_t v)
{
	char hex[FMT_HEX_MAX];

	return json_string(fmt_hex(hex, v));
}

/*
 * A vector-length set (bit vq - 1 for vq quadwords) as its lengths in bytes,
 * ascending: [16, 32, 64]; NULL when out of memory. Machine types, --json
 * and the drift list write it so; the test bed's dump writes KVM's set the same
 * way.
 */
static inline json_t *json_vl_bytes(uint64_t vqs)
{
	json_t *a = json_array();
	unsigned int vq;

	for (vq = 1; a && vq <= FWP_VQ_MAX; vq++)
		if ((vqs >> (vq - 1) & 1) &&
		    json_array_append_new(a, json_integer(vq * FWP_VQ_BYTES))) {
			json_decref(a);
			return NULL;
		}
	return a;
}

#endif
