/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Error text handed back to the caller instead of printed where it arises, so
 * the loaders can be unit-tested and fuzzed, and main() alone adds the
 * "fwprobe: " prefix and picks the exit status.
 */
#ifndef FWP_ERROR_H
#define FWP_ERROR_H

#include <stdarg.h>
#include <stdio.h>

#define FWP_ERR_MAX	1024

#ifndef __printf	/* as the kernel spells it */
#define __printf(a, b)	__attribute__((format(printf, a, b)))
#endif

struct fwp_err {
	char msg[FWP_ERR_MAX];
};

/* Record the message; returns -1 so callers can write "return fwp_fail(...)". */
static inline __printf(2, 3)
int fwp_fail(struct fwp_err *err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return -1;
}

#endif
