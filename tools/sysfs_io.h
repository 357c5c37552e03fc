/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Single-attribute access below a fwprobe sysfs root: the live class device or
 * a copied tree with the same layout. The only user of libsysfs, so its fixed
 * 256-byte paths and mixed return conventions stop here.
 */
#ifndef FWP_SYSFS_IO_H
#define FWP_SYSFS_IO_H

#include <stddef.h>

#define SIO_PATH_MAX	256	/* libsysfs' SYSFS_PATH_MAX, checked at build time */
#define SIO_REL_MAX	48	/* room kept for the longest name below the root */

/** struct sio_root - an absolute, checked directory that attributes are read below. */
struct sio_root {
	char dir[SIO_PATH_MAX];
};

int sio_open_root(struct sio_root *root, const char *dir);
int sio_read(const struct sio_root *root, const char *rel, char *buf, size_t size);
int sio_is_dir(const struct sio_root *root, const char *rel);
int sio_write(const struct sio_root *root, const char *rel, const char *value);

#endif
