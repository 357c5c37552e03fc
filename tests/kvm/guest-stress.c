// SPDX-License-Identifier: GPL-2.0
/*
 * fwprobe-stress: runs as root in the test bed's guest, with fwprobe.ko
 * already loaded, and drives every pair of the module's entry points at once.
 *
 * Phase 1 (toggle): the main thread switches drift_watch_ms on and off
 * TOGGLE_SWITCHES times while RESCANNERS threads write rescan, a reader reads
 * every attribute file, and a watcher reads generation, which must never go
 * down.
 *
 * Phase 2 (reload): the module is unloaded, then loaded with
 * drift_watch_ms=1 and unloaded again RELOADS times (finit_module and
 * delete_module) while the same threads keep going; the module being absent
 * is expected then and only counted. generation may go down only across an
 * unload. Finally the module is loaded once more, with no parameters.
 *
 * Prints key=value lines on stdout: the test asserts on the counters. Exits
 * non-zero, with a message on stderr, only when the run cannot be set up.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define DEV_DIR			"/sys/class/fwprobe/fwprobe0"
#define RESCAN_PATH		DEV_DIR "/rescan"
#define GENERATION_PATH		DEV_DIR "/generation"
#define DRIFT_WATCH_PATH	"/sys/module/fwprobe/parameters/drift_watch_ms"
#define MODULE_PATH		"/opt/fwprobe/fwprobe.ko"
#define MODULE_NAME		"fwprobe"
#define RELOAD_PARAMS		"drift_watch_ms=1"

#define TOGGLE_SWITCHES		1000
#define TOGGLE_DEADLINE_MS	90000	/* keep the run bounded if the guest crawls */
#define TOGGLE_MAX_PERIOD_MS	5
#define TOGGLE_MAX_SLEEP_US	2000
#define RELOADS			20
#define RELOAD_MAX_RUN_US	20000
#define RELOAD_MAX_ABSENT_US	5000
#define RESCANNERS		2
#define DELETE_TRIES		20
#define DELETE_RETRY_US		5000
#define ABSENT_SLEEP_US		500
#define MAX_DEPTH		4

enum { PHASE_TOGGLE, PHASE_RELOAD, NR_PHASES };

struct counters {
	atomic_ulong rescans, rescan_absent, rescan_errors;
	atomic_ulong reads, vanished, read_errors;
	atomic_ulong gen_reads, gen_absent, gen_errors, regressions, resets;
};

static struct counters counts[NR_PHASES];
static atomic_int phase = PHASE_TOGGLE;
static atomic_bool stop;
/* Bumped after every successful delete_module(): tells a reset from a regression. */
static atomic_ulong unloads;

/* The first unexpected error of each phase, for the log. */
static char first_error[NR_PHASES][256];
static atomic_flag first_error_taken[NR_PHASES] = { ATOMIC_FLAG_INIT, ATOMIC_FLAG_INIT };

#define COUNT(p, field)	atomic_fetch_add(&counts[p].field, 1)
#define GET(p, field)	atomic_load(&counts[p].field)

struct rng {
	uint64_t state;
};

static void rng_seed(struct rng *rng, unsigned int salt)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	rng->state = ((uint64_t)ts.tv_sec << 30) ^ (uint64_t)ts.tv_nsec ^
		     ((uint64_t)(salt + 1) * 0x9e3779b97f4a7c15ULL);
	if (!rng->state)
		rng->state = 1;
}

/* xorshift64: a uniform-enough value in [0, n). */
static unsigned int rng_below(struct rng *rng, unsigned int n)
{
	uint64_t x = rng->state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	rng->state = x;
	return (unsigned int)(x % n);
}

static void sleep_us(unsigned int us)
{
	struct timespec ts = { .tv_sec = us / 1000000, .tv_nsec = (us % 1000000) * 1000L };

	while (us && nanosleep(&ts, &ts) && errno == EINTR)
		;
}

static unsigned long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000UL + ts.tv_nsec / 1000000;
}

/* @name may be NULL; @err 0 when @what says it all. */
static void note_error(int p, const char *what, const char *name, int err)
{
	if (atomic_flag_test_and_set(&first_error_taken[p]))
		return;
	snprintf(first_error[p], sizeof(first_error[p]), "%s%s%s%s%s", what, name ? " " : "",
		 name ?: "", err ? ": " : "", err ? strerror(err) : "");
}

/* Return: 0 or a negative errno. */
static int write_str(const char *path, const char *s)
{
	size_t len = strlen(s);
	ssize_t n;
	int fd, err = 0;

	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = write(fd, s, len);
	if (n < 0)
		err = -errno;
	else if ((size_t)n != len)
		err = -EIO;
	close(fd);
	return err;
}

/* A decimal attribute. Return: 0 or a negative errno (-EINVAL: not a number). */
static int read_u64(const char *path, unsigned long long *val)
{
	char buf[32], *end;
	ssize_t n;
	int fd, err = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf) - 1);
	if (n < 0)
		err = -errno;
	close(fd);
	if (err)
		return err;
	buf[n] = '\0';
	errno = 0;
	*val = strtoull(buf, &end, 10);
	if (errno || end == buf || (*end && strcmp(end, "\n")))
		return -EINVAL;
	return 0;
}

/* The module is gone or going: expected in phase 2 only. */
static bool absent_errno(int err)
{
	return err == ENOENT || err == ENODEV;
}

/*
 * A reader's failure. A file that vanished between the listing and the open
 * (ENOENT) or that has no data (ENODATA) is fine; while modules come and go,
 * ENODEV (removed while open) is too.
 */
static void read_failed(const char *what, const char *name, int err)
{
	int p = atomic_load(&phase);

	if (err == ENODATA || (err == ENOENT && strcmp(what, "open-root")) ||
	    (p == PHASE_RELOAD && absent_errno(err))) {
		COUNT(p, vanished);
		return;
	}
	COUNT(p, read_errors);
	note_error(p, what, name, err);
}

static void read_attr(int dfd, const char *name)
{
	char buf[4096];
	ssize_t n;
	int fd;

	fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		read_failed("open", name, errno);
		return;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		;
	if (n < 0)
		read_failed("read", name, errno);
	else
		COUNT(atomic_load(&phase), reads);
	close(fd);
}

static bool skipped(int depth, const char *name, unsigned char type)
{
	if (!strcmp(name, ".") || !strcmp(name, ".."))
		return true;
	if (depth)
		return false;
	if (type == DT_DIR)
		return !strcmp(name, "power");
	return !strcmp(name, "rescan") || !strcmp(name, "uevent");
}

/* Reads every regular file under the directory @dfd (which it closes); no symlinks. */
static void walk(int dfd, int depth)
{
	struct dirent *de;
	struct stat st;
	DIR *dir;
	int sub;

	dir = fdopendir(dfd);
	if (!dir) {
		read_failed("fdopendir", NULL, errno);
		close(dfd);
		return;
	}
	for (;;) {
		unsigned char type;

		errno = 0;
		de = readdir(dir);
		if (!de) {
			if (errno)
				read_failed("readdir", NULL, errno);
			break;
		}
		if (atomic_load(&stop))
			break;
		type = de->d_type;
		if (type == DT_UNKNOWN) {
			if (fstatat(dirfd(dir), de->d_name, &st, AT_SYMLINK_NOFOLLOW)) {
				read_failed("open", de->d_name, errno);
				continue;
			}
			type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_LNK;
		}
		if (skipped(depth, de->d_name, type))
			continue;
		if (type == DT_REG) {
			read_attr(dirfd(dir), de->d_name);
		} else if (type == DT_DIR && depth < MAX_DEPTH) {
			sub = openat(dirfd(dir), de->d_name,
				     O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (sub < 0)
				read_failed("open", de->d_name, errno);
			else
				walk(sub, depth + 1);
		}
	}
	closedir(dir);
}

static void *reader(void *arg)
{
	int fd;

	(void)arg;
	while (!atomic_load(&stop)) {
		fd = open(DEV_DIR, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (fd < 0) {
			read_failed("open-root", DEV_DIR, errno);
			sleep_us(ABSENT_SLEEP_US);
			continue;
		}
		walk(fd, 0);
	}
	return NULL;
}

static void *rescanner(void *arg)
{
	struct rng rng;
	int err, p;

	rng_seed(&rng, (unsigned int)(uintptr_t)arg);
	while (!atomic_load(&stop)) {
		err = write_str(RESCAN_PATH, "1");
		p = atomic_load(&phase);
		if (!err) {
			COUNT(p, rescans);
		} else if (p == PHASE_RELOAD && absent_errno(-err)) {
			COUNT(p, rescan_absent);
			sleep_us(ABSENT_SLEEP_US / 2 + rng_below(&rng, ABSENT_SLEEP_US));
		} else {
			COUNT(p, rescan_errors);
			note_error(p, "rescan", NULL, -err);
		}
	}
	return NULL;
}

/*
 * generation must not go down within one load of the module. A drop is a
 * reset when a delete_module() succeeded since before the previous read
 * began: that read's module was alive then, so a different module's value
 * can only follow an unload counted after it.
 */
static void *watcher(void *arg)
{
	unsigned long long prev = 0, gen;
	unsigned long seen, prev_seen = 0;
	bool have_prev = false;
	char what[96];
	int err, p;

	(void)arg;
	while (!atomic_load(&stop)) {
		seen = atomic_load(&unloads);
		err = read_u64(GENERATION_PATH, &gen);
		p = atomic_load(&phase);
		if (err) {
			if (p == PHASE_RELOAD && absent_errno(-err)) {
				COUNT(p, gen_absent);
				sleep_us(ABSENT_SLEEP_US);
			} else {
				COUNT(p, gen_errors);
				note_error(p, "generation", NULL, -err);
			}
			continue;
		}
		COUNT(p, gen_reads);
		if (have_prev && gen < prev) {
			if (atomic_load(&unloads) != prev_seen) {
				COUNT(p, resets);
			} else {
				COUNT(p, regressions);
				snprintf(what, sizeof(what), "generation %llu after %llu",
					 gen, prev);
				note_error(p, what, NULL, 0);
			}
		}
		prev = gen;
		prev_seen = seen;
		have_prev = true;
	}
	return NULL;
}

/* Phase 1's toggler: on with a short period, a pause, off, a pause; @n times. */
static unsigned long toggle(struct rng *rng, unsigned long n, unsigned long *errors)
{
	unsigned long i, switches = 0, deadline = now_ms() + TOGGLE_DEADLINE_MS;
	char period[16];
	int on, off;

	for (i = 0; i < n && now_ms() < deadline; i++) {
		snprintf(period, sizeof(period), "%u", 1 + rng_below(rng, TOGGLE_MAX_PERIOD_MS));
		on = write_str(DRIFT_WATCH_PATH, period);
		sleep_us(rng_below(rng, TOGGLE_MAX_SLEEP_US + 1));
		off = write_str(DRIFT_WATCH_PATH, "0");
		sleep_us(rng_below(rng, TOGGLE_MAX_SLEEP_US + 1));
		if (!on && !off) {
			switches++;
		} else {
			(*errors)++;
			note_error(PHASE_TOGGLE, "drift_watch_ms", on ? period : "0",
				   -(on ?: off));
		}
	}
	return switches;
}

/* Return: 0 or a negative errno. */
static int load(const char *params)
{
	int fd, err = 0;

	fd = open(MODULE_PATH, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (syscall(SYS_finit_module, fd, params, 0))
		err = -errno;
	close(fd);
	return err;
}

/* Return: 0 or a negative errno; *retries counts EAGAIN/EBUSY retries. */
static int unload(unsigned long *retries)
{
	int tries, err;

	for (tries = 0; ; tries++) {
		if (!syscall(SYS_delete_module, MODULE_NAME, O_NONBLOCK)) {
			atomic_fetch_add(&unloads, 1);
			return 0;
		}
		err = -errno;
		if ((err != -EAGAIN && err != -EBUSY) || tries == DELETE_TRIES)
			return err;
		(*retries)++;
		sleep_us(DELETE_RETRY_US);
	}
}

static void reload_failed(unsigned long *errors, const char *what, int err)
{
	(*errors)++;
	note_error(PHASE_RELOAD, what, NULL, -err);
}

static void print_first_error(const char *prefix, int p)
{
	if (first_error[p][0])
		printf("%sfirst_error=%s\n", prefix, first_error[p]);
}

/* The counters both phases keep, as PREFIXname=value lines. */
static void print_counters(const char *prefix, int p)
{
	static const struct {
		const char *name;
		size_t offset;
	} fields[] = {
		{ "rescans", offsetof(struct counters, rescans) },
		{ "rescan_absent", offsetof(struct counters, rescan_absent) },
		{ "rescan_errors", offsetof(struct counters, rescan_errors) },
		{ "reads", offsetof(struct counters, reads) },
		{ "vanished", offsetof(struct counters, vanished) },
		{ "read_errors", offsetof(struct counters, read_errors) },
		{ "generation_reads", offsetof(struct counters, gen_reads) },
		{ "generation_absent", offsetof(struct counters, gen_absent) },
		{ "generation_errors", offsetof(struct counters, gen_errors) },
		{ "generation_regressions", offsetof(struct counters, regressions) },
	};
	size_t i;

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		printf("%s%s=%lu\n", prefix, fields[i].name,
		       atomic_load((atomic_ulong *)((char *)&counts[p] + fields[i].offset)));
}

int main(int argc, char **argv)
{
	unsigned long switches, switch_errors = 0, reload_errors = 0, retries = 0;
	/* fwprobe-stress [SWITCHES]: fewer under the debug kernel, whose detectors need no repeats. */
	unsigned long nswitches = argc > 1 ? strtoul(argv[1], NULL, 10) : TOGGLE_SWITCHES;
	unsigned long t0 = now_ms(), t1, t2;
	unsigned long long gen = 0;
	pthread_t threads[RESCANNERS + 2];
	struct rng rng;
	int i, err, fd;

	setvbuf(stdout, NULL, _IOLBF, 0);
	rng_seed(&rng, RESCANNERS + 2);
	fd = open(MODULE_PATH, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "fwprobe-stress: %s: %s\n", MODULE_PATH, strerror(errno));
		return 2;
	}
	close(fd);
	err = read_u64(GENERATION_PATH, &gen);
	if (err) {
		fprintf(stderr, "fwprobe-stress: %s: %s (is fwprobe.ko loaded?)\n",
			GENERATION_PATH, strerror(-err));
		return 2;
	}

	for (i = 0; i < RESCANNERS + 2; i++) {
		void *(*fn)(void *) = i < RESCANNERS ? rescanner :
				      i == RESCANNERS ? reader : watcher;

		err = pthread_create(&threads[i], NULL, fn, (void *)(uintptr_t)i);
		if (err) {
			fprintf(stderr, "fwprobe-stress: pthread_create: %s\n", strerror(err));
			return 2;
		}
	}

	/* Phase 1: drift-watch switches against rescans, reads and each other. */
	switches = toggle(&rng, nswitches, &switch_errors);
	t1 = now_ms();
	err = read_u64(GENERATION_PATH, &gen);
	if (err)
		note_error(PHASE_TOGGLE, "generation", NULL, -err);
	atomic_store(&phase, PHASE_RELOAD);	/* from here on, counts are phase 2's */

	printf("switches=%lu\n", switches);
	printf("switch_errors=%lu\n", switch_errors);
	print_counters("", PHASE_TOGGLE);
	printf("generation=%llu\n", err ? 0 : gen);
	printf("toggle_ms=%lu\n", t1 - t0);
	print_first_error("", PHASE_TOGGLE);

	/* Phase 2: unload, then load/unload cycles under the same load. */
	err = write_str(DRIFT_WATCH_PATH, "0");
	if (err)
		reload_failed(&reload_errors, "drift_watch_ms 0", err);
	err = unload(&retries);
	if (err)
		reload_failed(&reload_errors, "delete_module (first)", err);
	for (i = 0; i < RELOADS; i++) {
		err = load(RELOAD_PARAMS);
		if (err)
			reload_failed(&reload_errors, "finit_module " RELOAD_PARAMS, err);
		sleep_us(1000 + rng_below(&rng, RELOAD_MAX_RUN_US - 1000 + 1));
		err = unload(&retries);
		if (err)
			reload_failed(&reload_errors, "delete_module", err);
		sleep_us(rng_below(&rng, RELOAD_MAX_ABSENT_US + 1));
	}

	atomic_store(&stop, true);
	for (i = 0; i < RESCANNERS + 2; i++)
		pthread_join(threads[i], NULL);

	/* Leave it loaded, as the guest found it, for the test to check. */
	gen = 0;
	err = load("");
	if (err) {
		reload_failed(&reload_errors, "finit_module (final)", err);
	} else {
		err = read_u64(GENERATION_PATH, &gen);
		if (err)
			note_error(PHASE_RELOAD, "generation (final)", NULL, -err);
	}
	t2 = now_ms();

	printf("reloads=%d\n", RELOADS);
	printf("reload_errors=%lu\n", reload_errors);
	printf("reload_unload_retries=%lu\n", retries);
	print_counters("reload_", PHASE_RELOAD);
	printf("generation_resets=%lu\n", GET(PHASE_TOGGLE, resets) + GET(PHASE_RELOAD, resets));
	printf("loaded_generation=%llu\n", gen);
	printf("reload_ms=%lu\n", t2 - t1);
	print_first_error("reload_", PHASE_RELOAD);
	printf("elapsed_ms=%lu\n", t2 - t0);
	return 0;
}
