// SPDX-License-Identifier: GPL-2.0
/*
 * Atomic file replacement, for --save (machine types) and --prometheus
 * (node_exporter textfiles): see atomic_write().
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_write.h"

static int write_all(int fd, const char *data, size_t len)
{
	ssize_t n;

	while (len) {
		n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* fsync the directory so the rename itself survives a crash. */
static int sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), ret;

	if (fd < 0)
		return -1;
	ret = fsync(fd);
	close(fd);
	return ret;
}

/**
 * atomic_write() - replace @path with @data
 * @path: destination
 * @data: the new content
 * @len: its length
 * @err: what failed, naming @path and saying it is unchanged
 *
 * Readers see the old file or the new one, never a mix: temporary file in the
 * same directory, fsync, rename, fsync the directory. On any failure the
 * temporary file is removed and @path is as it was. The file gets 0666 less
 * the umask, as any new file would (mkstemp's 0600 would hide a machine type
 * from other users and metrics from node_exporter).
 *
 * Return: 0 or -1.
 */
int atomic_write(const char *path, const char *data, size_t len, struct fwp_err *err)
{
	char dirbuf[PATH_MAX], basebuf[PATH_MAX], tmp[PATH_MAX];
	const char *dir, *step;
	mode_t mask;
	int fd, saved;

	if (snprintf(dirbuf, sizeof(dirbuf), "%s", path) >= (int)sizeof(dirbuf) ||
	    snprintf(basebuf, sizeof(basebuf), "%s", path) >= (int)sizeof(basebuf))
		return fwp_fail(err, "%s: path too long", path);
	dir = dirname(dirbuf);
	if (snprintf(tmp, sizeof(tmp), "%s/.%s.XXXXXX", dir, basename(basebuf)) >= (int)sizeof(tmp))
		return fwp_fail(err, "%s: path too long", path);
	fd = mkstemp(tmp);
	if (fd < 0)
		return fwp_fail(err, "cannot save %s: cannot create a temporary file in %s: %s; check that the directory exists and is writable (%s is unchanged)",
				path, dir, strerror(errno), path);
	mask = umask(0);
	umask(mask);
	step = "writing";
	if (fchmod(fd, 0666 & ~mask) || write_all(fd, data, len))
		goto fail;
	step = "syncing";
	if (fsync(fd))
		goto fail;
	step = "closing";
	saved = close(fd);
	fd = -1;
	if (saved)
		goto fail;
	step = "renaming";
	if (rename(tmp, path))
		goto fail;
	if (sync_dir(dir))
		return fwp_fail(err, "saved %s, but syncing directory %s failed: %s; the new file may not survive a crash",
				path, dir, strerror(errno));
	return 0;
fail:
	saved = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	return fwp_fail(err, "cannot save %s: %s the temporary file %s failed: %s; %s is unchanged and the temporary file was removed",
			path, step, tmp, strerror(saved), path);
}
