/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Running build/host/fwprobe from the reporter's end-to-end tests: its exit
 * status, standard output and standard error, read through pipes; and the
 * file helpers those tests share.
 */
#ifndef FWP_TESTS_RUN_FWPROBE_H
#define FWP_TESTS_RUN_FWPROBE_H

#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define FWPROBE		"build/host/fwprobe"
#define MKTREE		"tests/reporter/mktree.sh"
#define ARGS(...)	((const char *const[]){ FWPROBE, __VA_ARGS__, NULL })
#define OUT_MAX		(256 * 1024)

struct run {
	int status;		/* exit status, or 128 + signal */
	char out[OUT_MAX];
	char err[16 * 1024];
};

/* Drain both pipes until the child closes them (pipes: no RLIMIT_FSIZE, no deadlock). */
static void drain(int out_fd, int err_fd, struct run *r)
{
	struct pollfd p[2] = { { out_fd, POLLIN, 0 }, { err_fd, POLLIN, 0 } };
	char *buf[2] = { r->out, r->err };
	size_t cap[2] = { sizeof(r->out) - 1, sizeof(r->err) - 1 }, len[2] = { 0, 0 };
	int open_fds = 2, i;
	ssize_t n;

	while (open_fds) {
		if (poll(p, 2, -1) < 0 && errno != EINTR)
			break;
		for (i = 0; i < 2; i++) {
			if (p[i].fd < 0 || !p[i].revents)
				continue;
			n = read(p[i].fd, buf[i] + len[i], cap[i] > len[i] ? cap[i] - len[i] : 0);
			if (n <= 0) {
				close(p[i].fd);
				p[i].fd = -1;
				open_fds--;
			} else {
				len[i] += (size_t)n;
			}
		}
	}
	r->out[len[0]] = '\0';
	r->err[len[1]] = '\0';
}

/* Run fwprobe with @argv (NULL-terminated, argv[0] included); @fsize limits file size. */
static void run_limited(struct run *r, const char *const *argv, rlim_t fsize)
{
	int out[2], err[2], ws;
	pid_t pid;

	if (pipe(out) || pipe(err))
		abort();
	pid = fork();
	if (pid == 0) {
		struct rlimit lim = { fsize, fsize };

		dup2(out[1], 1);
		dup2(err[1], 2);
		close(out[0]);
		close(err[0]);
		if (fsize != RLIM_INFINITY) {
			signal(SIGXFSZ, SIG_IGN);
			setrlimit(RLIMIT_FSIZE, &lim);
		}
		execv(FWPROBE, (char *const *)argv);
		_exit(127);
	}
	close(out[1]);
	close(err[1]);
	drain(out[0], err[0], r);
	waitpid(pid, &ws, 0);
	r->status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
}

static void run(struct run *r, const char *const *argv)
{
	run_limited(r, argv, RLIM_INFINITY);
}


/* The whole file, NUL-terminated (and its length in *@len, if given), or NULL. */
static inline char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n = -1;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0)
		n = ftell(f);
	if (n >= 0 && fseek(f, 0, SEEK_SET) == 0) {
		buf = calloc(1, (size_t)n + 1);
		if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		}
		if (len)
			*len = (size_t)n;
	}
	fclose(f);
	return buf;
}

static inline int put_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (!f)
		return -1;
	fputs(text, f);
	return fclose(f);
}

/* Entries of @dir but . and ..: what a write left behind. */
static inline int count_entries(const char *dir)
{
	struct dirent *e;
	DIR *d = opendir(dir);
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

/* A fake sysfs tree at @root built from the dump @dump (mktree.sh). */
static inline int mktree(const char *dump, const char *root)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "%s %s %s", MKTREE, dump, root);
	return system(cmd) ? -1 : 0;
}

/*
 * A scratch directory @dir and, when @dump is given, a fake sysfs tree built
 * from it at <dir>/tree (@root).
 */
static inline int make_tree(char dir[64], char root[96], const char *dump)
{
	snprintf(dir, 64, "/tmp/fwprobe-test.XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(root, 96, "%s/tree", dir);
	return dump ? mktree(dump, root) : 0;
}

static inline void remove_tree(const char *dir)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd))
		fprintf(stderr, "# could not remove %s\n", dir);
}

#endif
