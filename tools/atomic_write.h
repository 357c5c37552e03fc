/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Replacing a file so that readers (the next fwprobe --expect, a
 * node_exporter scrape) see the old content or the new, never half of it.
 */
#ifndef FWP_ATOMIC_WRITE_H
#define FWP_ATOMIC_WRITE_H

#include <stddef.h>

#include "error.h"

int atomic_write(const char *path, const char *data, size_t len, struct fwp_err *err);

#endif
