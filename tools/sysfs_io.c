// SPDX-License-Identifier: GPL-2.0
/*
 * libsysfs behind three calls. libsysfs wants absolute paths no longer than
 * SYSFS_PATH_MAX and never looks at SYSFS_PATH here: the root is ours.
 * Every function returns 0 or a negative errno; the callers word the message.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sysfs/libsysfs.h>

#include "sysfs_io.h"

_Static_assert(SIO_PATH_MAX == SYSFS_PATH_MAX, "libsysfs path limit changed");

/**
 * sio_open_root() - check and remember the directory attributes live in
 * @root: filled with the absolute form of @dir
 * @dir: the class device directory or a copy of it; relative to the cwd if
 *	 not absolute (libsysfs refuses relative paths)
 *
 * Return: 0; -ENAMETOOLONG if @dir plus the longest attribute name exceeds
 * libsysfs' limit; -ENOENT if it does not exist; -ENOTDIR; other -errno.
 */
int sio_open_root(struct sio_root *root, const char *dir)
{
	char cwd[PATH_MAX];
	struct stat st;
	size_t len;
	int n;

	if (dir[0] == '/') {
		n = snprintf(root->dir, sizeof(root->dir), "%s", dir);
	} else {
		if (!getcwd(cwd, sizeof(cwd)))
			return -errno;
		n = snprintf(root->dir, sizeof(root->dir), "%s/%s", cwd, dir);
	}
	if (n < 0 || (size_t)n >= sizeof(root->dir))
		return -ENAMETOOLONG;
	len = strlen(root->dir);
	while (len > 1 && root->dir[len - 1] == '/')
		root->dir[--len] = '\0';
	if (len + 1 + SIO_REL_MAX >= sizeof(root->dir))
		return -ENAMETOOLONG;
	if (stat(root->dir, &st))	/* follows the class symlink, unlike libsysfs' test */
		return -errno;
	return S_ISDIR(st.st_mode) ? 0 : -ENOTDIR;
}

static int sio_open(const struct sio_root *root, const char *rel, struct sysfs_attribute **attr)
{
	char path[SYSFS_PATH_MAX];
	int n = snprintf(path, sizeof(path), "%s/%s", root->dir, rel);

	if (n < 0 || (size_t)n >= sizeof(path))
		return -ENAMETOOLONG;
	errno = 0;
	*attr = sysfs_open_attribute(path);
	return *attr ? 0 : (errno ? -errno : -EIO);
}

/**
 * sio_read() - read one attribute's value
 * @root: from sio_open_root()
 * @rel: attribute path below the root, e.g. "registers/std_bmap"
 * @buf: receives the value without its trailing newline
 * @size: size of @buf
 *
 * Return: 0; -ENOENT if the file is absent; -EFBIG if the value does not fit
 * @buf; -EILSEQ if it holds a NUL byte; other -errno from open/read.
 */
int sio_read(const struct sio_root *root, const char *rel, char *buf, size_t size)
{
	struct sysfs_attribute *attr;
	size_t len;
	int ret = sio_open(root, rel, &attr);

	if (ret)
		return ret;
	errno = 0;
	if (sysfs_read_attribute(attr)) {
		ret = errno ? -errno : -EIO;
		goto out;
	}
	len = attr->len;
	if (len && attr->value[len - 1] == '\n')
		len--;
	if (len >= size)
		ret = -EFBIG;
	else if (memchr(attr->value, '\0', len))
		ret = -EILSEQ;
	else {
		memcpy(buf, attr->value, len);
		buf[len] = '\0';
	}
out:
	sysfs_close_attribute(attr);
	return ret;
}

/**
 * sio_is_dir() - is there a directory at @rel below the root?
 * @root: from sio_open_root()
 * @rel: path below the root, e.g. "cpu1"
 *
 * Return: 0; -ENOENT if absent; -ENOTDIR if it is something else; other -errno.
 */
int sio_is_dir(const struct sio_root *root, const char *rel)
{
	char path[SYSFS_PATH_MAX];
	struct stat st;
	int n = snprintf(path, sizeof(path), "%s/%s", root->dir, rel);

	if (n < 0 || (size_t)n >= sizeof(path))
		return -ENAMETOOLONG;
	if (stat(path, &st))
		return -errno;
	return S_ISDIR(st.st_mode) ? 0 : -ENOTDIR;
}

/**
 * sio_write() - store a value into a write-only or read-write attribute
 * @root: from sio_open_root()
 * @rel: attribute path below the root
 * @value: text to write (no newline needed)
 *
 * Return: 0; -EACCES if the file has no write permission bit or the caller
 * may not open it; -ENOENT; other -errno (including the store method's own).
 */
int sio_write(const struct sio_root *root, const char *rel, const char *value)
{
	struct sysfs_attribute *attr;
	int ret = sio_open(root, rel, &attr);

	if (ret)
		return ret;
	errno = 0;
	if (sysfs_write_attribute(attr, value, strlen(value)))
		ret = errno ? -errno : -EIO;
	sysfs_close_attribute(attr);
	return ret;
}
