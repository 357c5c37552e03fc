/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-vCPU arrays are sized by the guest (a machine type's arrays, the
 * module's vcpus file), so they are allocated; running out of memory for a
 * few kilobytes ends the run with exit 2, the status of any other error.
 */
#ifndef FWP_ALLOC_H
#define FWP_ALLOC_H

#include <stdio.h>
#include <stdlib.h>

static inline void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);

	if (!p) {
		fprintf(stderr, "fwprobe: out of memory (%zu x %zu bytes); free some memory and try again\n",
			n, size);
		exit(2);
	}
	return p;
}

#endif
