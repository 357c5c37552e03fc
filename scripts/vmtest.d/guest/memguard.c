// SPDX-License-Identifier: GPL-2.0
/*
 * memguard: checks, inside the test bed's guest, that a live migration kept
 * the guest's memory as the guest wrote it. Independent of fwprobe.
 *
 *   memguard start DIR   fill a share of MemAvailable with a known pattern,
 *                        then keep rewriting it in the background, a window
 *                        at a time, while the guest is migrated
 *   memguard verify DIR  stop the writer and check every page; exit 1 if
 *                        any page is not what was last written to it
 *
 * DIR/started says how much was filled, the writer's pid and the region's
 * address (for tests/bed/test_memguard.c), one per line.
 *
 * Every page says which page it is and which generation of it was last
 * written, and the rest of it is derived from both, so a page that lost a
 * write (the destination got a copy older than the guest's last write: a
 * dirty page the migration did not send again) is told apart from one that
 * holds garbage or another page's data.
 *
 * The writer runs at nice 19 and sleeps between windows, so the guest keeps
 * running normally and the migration converges: about WINDOW_PAGES pages
 * every ROUND_MS, so the whole region is dirtied again every few seconds,
 * during every pass of the migration.
 *
 * After each window it clears the Access flags of its own page-table entries
 * (/proc/self/clear_refs, as the kernel's page aging does), so the CPU's
 * page-table walker sets them again on the next access: a write to a
 * page-table page by the hardware (FEAT_HAFDBS), which the host's dirty
 * logging must see like any other write. That is the path that lost writes
 * on the bed (see check_memory in scripts/vmtest).
 *
 * Exit status: 0 intact, 1 corrupted, 2 could not run.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#define PAGE_WORDS	(4096 / sizeof(uint64_t))
#define PAGE_MAGIC	0x6d656d6775617264ULL	/* "memguard" */
#define SHARE_PERCENT	35	/* of MemAvailable at start */
#define MAX_MIB		320	/* the fill costs time on the nested bed */
#define WINDOW_PAGES	512	/* rewritten per round: 2 MiB */
#define ROUND_MS	50
#define SHOW_BAD	5	/* bad pages described one by one */
#define VERIFY_WAIT_S	120

static volatile sig_atomic_t stop_requested;

static void on_stop(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static uint64_t mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

/* Word w (2 and up) of page idx written with generation gen. */
static uint64_t page_word(uint64_t idx, uint64_t gen, size_t w)
{
	return mix(idx << 32 ^ gen) + w * 0x2545f4914f6cdd1dULL;
}

static void write_page(uint64_t *p, uint64_t idx, uint64_t gen)
{
	p[0] = PAGE_MAGIC ^ idx;
	p[1] = gen;
	for (size_t w = 2; w < PAGE_WORDS; w++)
		p[w] = page_word(idx, gen, w);
}

enum page_state { PAGE_OK, PAGE_STALE, PAGE_NEWER, PAGE_GARBLED, PAGE_FOREIGN };

static const char *const page_state_what[] = {
	[PAGE_OK] = "intact",
	[PAGE_STALE] = "stale: holds an older write, a later one was lost",
	[PAGE_NEWER] = "holds a newer generation than was written",
	[PAGE_GARBLED] = "its header is right but its contents are not",
	[PAGE_FOREIGN] = "holds something that is not this page",
};

static enum page_state check_page(const uint64_t *p, uint64_t idx, uint64_t gen)
{
	if (p[0] != (PAGE_MAGIC ^ idx))
		return PAGE_FOREIGN;
	if (p[1] < gen)
		return PAGE_STALE;
	if (p[1] > gen)
		return PAGE_NEWER;
	for (size_t w = 2; w < PAGE_WORDS; w++)
		if (p[w] != page_word(idx, gen, w))
			return PAGE_GARBLED;
	return PAGE_OK;
}

struct region {
	uint64_t *mem;
	uint32_t *gen;		/* what each page was last written with */
	size_t pages;
	unsigned long bad;	/* found by the writer's read-before-write */
	unsigned long rounds, writes;
	unsigned long aged;	/* times the Access flags were cleared */
};

static void describe(FILE *out, const struct region *r, size_t i, enum page_state s)
{
	const uint64_t *p = r->mem + i * PAGE_WORDS;

	fprintf(out, "page %zu: %s (expected generation %u, header says page %llu generation %llu)\n",
		i, page_state_what[s], r->gen[i],
		(unsigned long long)(p[0] ^ PAGE_MAGIC), (unsigned long long)p[1]);
}

static long mem_available_kib(void)
{
	FILE *f = fopen("/proc/meminfo", "r");
	char line[128];
	long kib = -1;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "MemAvailable: %ld kB", &kib) == 1)
			break;
	fclose(f);
	return kib;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int put_file(const char *dir, const char *name, const char *text)
{
	char path[512], tmp[520];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	f = fopen(tmp, "w");
	if (!f)
		return -1;
	fputs(text, f);
	if (fclose(f))
		return -1;
	return rename(tmp, path);
}

/* The daemon's last act: check every page, write the verdict, exit. */
static void verify_all(const char *dir, struct region *r)
{
	unsigned long count[PAGE_FOREIGN + 1] = { 0 };
	char *text = NULL;
	size_t len = 0, shown = 0;
	FILE *out = open_memstream(&text, &len);

	for (size_t i = 0; i < r->pages; i++) {
		enum page_state s = check_page(r->mem + i * PAGE_WORDS, i, r->gen[i]);

		count[s]++;
		if (s != PAGE_OK && shown++ < SHOW_BAD)
			describe(out, r, i, s);
	}
	fprintf(out, "pages=%zu\nmib=%zu\nrounds=%lu\nwrites=%lu\naged=%lu\nbad_while_running=%lu\n",
		r->pages, r->pages / 256, r->rounds, r->writes, r->aged, r->bad);
	fprintf(out, "stale=%lu\nnewer=%lu\ngarbled=%lu\nforeign=%lu\n",
		count[PAGE_STALE], count[PAGE_NEWER], count[PAGE_GARBLED], count[PAGE_FOREIGN]);
	fprintf(out, "bad=%lu\n", r->pages - count[PAGE_OK] + r->bad);
	fclose(out);
	put_file(dir, "result", text);
	exit(0);
}

static void run_writer(const char *dir, struct region *r)
{
	size_t cursor = 0;
	char *log = NULL;
	size_t len = 0;
	FILE *bad_log = open_memstream(&log, &len);
	const struct timespec pause = { 0, ROUND_MS * 1000000L };
	FILE *clear_refs = fopen("/proc/self/clear_refs", "w");

	while (!stop_requested) {
		for (size_t n = 0; n < WINDOW_PAGES; n++) {
			uint64_t *p = r->mem + cursor * PAGE_WORDS;
			enum page_state s = check_page(p, cursor, r->gen[cursor]);

			if (s != PAGE_OK && r->bad++ < SHOW_BAD)
				describe(bad_log, r, cursor, s);
			write_page(p, cursor, ++r->gen[cursor]);
			r->writes++;
			cursor = (cursor + 1) % r->pages;
		}
		r->rounds++;
		/* "1": clear the referenced (Access) bits of every page. */
		if (clear_refs && fputs("1", clear_refs) >= 0 && !fflush(clear_refs))
			r->aged++;
		nanosleep(&pause, NULL);
	}
	fflush(bad_log);
	if (len)
		put_file(dir, "bad-while-running", log);
	verify_all(dir, r);
}

/* In the writer, before it runs: allocate and fill, say so in DIR/started. */
static int fill(const char *dir, struct region *r, FILE *parent)
{
	long avail = mem_available_kib();
	double t0 = now_s();
	char text[160];

	if (avail <= 0) {
		fprintf(parent, "cannot read MemAvailable from /proc/meminfo\n");
		return -1;
	}
	r->pages = (size_t)avail / 4 * SHARE_PERCENT / 100;
	if (r->pages > (size_t)MAX_MIB * 256)
		r->pages = (size_t)MAX_MIB * 256;
	r->mem = mmap(NULL, r->pages * 4096, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	/*
	 * Small pages: their page tables are then many order-0 pages taken
	 * from among the region's own, so the walker's Access-flag writes land
	 * next to the data it checks.
	 */
	if (r->mem != MAP_FAILED)
		madvise(r->mem, r->pages * 4096, MADV_NOHUGEPAGE);
	r->gen = calloc(r->pages, sizeof(*r->gen));
	if (r->mem == MAP_FAILED || !r->gen) {
		fprintf(parent, "cannot allocate %zu pages: %s\n", r->pages, strerror(errno));
		return -1;
	}
	for (size_t i = 0; i < r->pages; i++)
		write_page(r->mem + i * PAGE_WORDS, i, r->gen[i] = 1);
	snprintf(text, sizeof(text),
		 "filled %zu MiB (%zu%% of MemAvailable %ld MiB) in %.1f s\n%d\n%p\n",
		 r->pages / 256, r->pages * 400 / (size_t)avail, avail / 1024, now_s() - t0,
		 (int)getpid(), (void *)r->mem);
	if (put_file(dir, "started", text)) {
		fprintf(parent, "cannot write %s/started: %s\n", dir, strerror(errno));
		return -1;
	}
	fprintf(parent, "ok\n");
	return 0;
}

/* The writer is a child of its own session; the parent returns once it is filled. */
static int start(const char *dir)
{
	char line[256] = "";
	int fds[2];
	pid_t pid;
	FILE *f;

	if (pipe(fds) || (pid = fork()) < 0) {
		fprintf(stderr, "memguard: cannot start the writer: %s\n", strerror(errno));
		return 2;
	}
	if (pid == 0) {
		struct region r = { 0 };
		int null = open("/dev/null", O_RDWR);

		close(fds[0]);
		/* Detached: whoever ran "start" must not wait on our output. */
		if (null >= 0) {
			dup2(null, 0);
			dup2(null, 1);
			dup2(null, 2);
			close(null);
		}
		setsid();
		signal(SIGUSR1, on_stop);
		f = fdopen(fds[1], "w");
		if (!f || fill(dir, &r, f))
			exit(2);
		fclose(f);
		setpriority(PRIO_PROCESS, 0, 19);
		run_writer(dir, &r);
	}
	close(fds[1]);
	f = fdopen(fds[0], "r");
	if (!f || !fgets(line, sizeof(line), f) || strcmp(line, "ok\n")) {
		fprintf(stderr, "memguard: the writer could not start: %s", line[0] ? line : "no word from it\n");
		return 2;
	}
	fclose(f);
	snprintf(line, sizeof(line), "%s/started", dir);
	f = fopen(line, "r");
	if (f && fgets(line, sizeof(line), f))
		fputs(line, stdout);
	if (f)
		fclose(f);
	return 0;
}

static int verify(const char *dir)
{
	char path[512], line[4096];
	unsigned long bad = ~0UL;
	int pid = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/started", dir);
	f = fopen(path, "r");
	if (!f || !fgets(line, sizeof(line), f) || fscanf(f, "%d", &pid) != 1 || pid <= 0) {
		fprintf(stderr, "memguard: %s: no writer was started\n", path);
		return 2;
	}
	fclose(f);
	if (kill(pid, SIGUSR1)) {
		fprintf(stderr, "memguard: the writer (pid %d) is gone: %s\n", pid, strerror(errno));
		return 1;
	}
	snprintf(path, sizeof(path), "%s/result", dir);
	for (int i = 0; i < VERIFY_WAIT_S * 10 && !(f = fopen(path, "r")); i++)
		usleep(100000);
	if (!f) {
		fprintf(stderr, "memguard: the writer gave no result in %d s\n", VERIFY_WAIT_S);
		return 1;
	}
	while (fgets(line, sizeof(line), f)) {
		fputs(line, stdout);
		sscanf(line, "bad=%lu", &bad);
	}
	fclose(f);
	snprintf(path, sizeof(path), "%s/bad-while-running", dir);
	f = fopen(path, "r");
	while (f && fgets(line, sizeof(line), f))
		printf("while running: %s", line);
	if (f)
		fclose(f);
	return bad == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "start"))
		return start(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "verify"))
		return verify(argv[2]);
	fprintf(stderr, "usage: memguard start|verify DIR\n");
	return 2;
}
