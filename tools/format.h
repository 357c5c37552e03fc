/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Text conventions shared by the sysfs reader, the machine-type loader, the
 * diff and the renderers: hex both ways, versions, and quoting of untrusted text.
 */
#ifndef FWP_FORMAT_H
#define FWP_FORMAT_H

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

#define FMT_HEX_MAX	19	/* "0x" + 16 digits + NUL */
#define FMT_VERSION_MAX	12	/* "65535.65535" + NUL */

/* 64-bit values leave the program as "0x..." text: lowercase, no leading zeros. */
static inline const char *fmt_hex(char buf[FMT_HEX_MAX], uint64_t v)
{
	snprintf(buf, FMT_HEX_MAX, "0x%" PRIx64, v);
	return buf;
}

/* SMCCC-style versions: major in bits 30..16, minor in bits 15..0 -> "1.1". */
static inline const char *fmt_version(char buf[FMT_VERSION_MAX], uint32_t v)
{
	snprintf(buf, FMT_VERSION_MAX, "%u.%u", (v >> 16) & 0xffff, v & 0xffff);
	return buf;
}

/*
 * Append to a string being built piecewise; @used tracks its length and stops
 * growing at the end of @buf, so a long list is cut, never overrun.
 */
static inline __printf(4, 5)
void fmt_append(char *buf, size_t len, size_t *used, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*used >= len)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf + *used, len - *used, fmt, ap);
	va_end(ap);
	if (n > 0)
		*used += (size_t)n < len - *used ? (size_t)n : len - *used;
}

/* Strictly "0x" then 1..16 hex digits: what the module prints and the file format allows. */
static inline bool parse_hex_u64(const char *s, uint64_t *v)
{
	size_t digits;

	if (s[0] != '0' || s[1] != 'x')
		return false;
	digits = strspn(s + 2, "0123456789abcdefABCDEF");
	if (digits < 1 || digits > 16 || s[2 + digits])
		return false;
	*v = strtoull(s + 2, NULL, 16);
	return true;
}

/* Untrusted text shown in an error: printable ASCII kept, other bytes as \xNN, cut at @len. */
static inline char *fmt_quoted(const char *s, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (; *s && used + 8 < len; s++)
		fmt_append(buf, len, &used, isprint((unsigned char)*s) ? "%c" : "\\x%02x",
			   (unsigned char)*s);
	if (*s)
		fmt_append(buf, len, &used, "...");
	return buf;
}

#endif
