// SPDX-License-Identifier: GPL-2.0
/*
 * The test bed's memory guard (scripts/vmtest.d/guest/memguard.c), run on the
 * host: it must find a page that lost a write, a garbled page and a page
 * holding another page's data, and pass an untouched region. The damage is
 * done through /proc/PID/mem while the writer is stopped, as a migration
 * that dropped a dirty page would leave it.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest_harness.h"

#define MEMGUARD	"build/host/memguard"
#define DAMAGED_PAGE	1000	/* far from where the writer starts rewriting */

enum damage { NONE, STALE, GARBLED, FOREIGN };

FIXTURE(memguard) {
	char dir[64];
	int pid;
	unsigned long start;	/* the region's address in the writer */
};

FIXTURE_VARIANT(memguard) {
	enum damage damage;
	int status;		/* memguard verify's exit status */
	const char *finding;	/* a line of its report */
};

FIXTURE_VARIANT_ADD(memguard, intact) {
	.damage = NONE, .status = 0, .finding = "bad=0\n",
};

/* The header says generation 0: the page holds a write older than the last. */
FIXTURE_VARIANT_ADD(memguard, lost_write) {
	.damage = STALE, .status = 1, .finding = "stale: holds an older write",
};

FIXTURE_VARIANT_ADD(memguard, garbled) {
	.damage = GARBLED, .status = 1, .finding = "its header is right but its contents are not",
};

FIXTURE_VARIANT_ADD(memguard, another_pages_data) {
	.damage = FOREIGN, .status = 1, .finding = "holds something that is not this page",
};

static char *run(const char *cmd, int *status)
{
	static char out[8192];
	size_t n = 0;
	FILE *p = popen(cmd, "r");

	if (!p)
		return NULL;
	n = fread(out, 1, sizeof(out) - 1, p);
	out[n] = 0;
	*status = WEXITSTATUS(pclose(p));
	return out;
}

FIXTURE_SETUP(memguard)
{
	char cmd[160], line[256], path[64];
	unsigned long mib = 0;
	int status;
	char *out;
	FILE *f;

	strcpy(self->dir, "/tmp/fwprobe-memguard.XXXXXX");
	ASSERT_NE(NULL, mkdtemp(self->dir));
	snprintf(cmd, sizeof(cmd), MEMGUARD " start %s", self->dir);
	out = run(cmd, &status);
	ASSERT_EQ(0, status) TH_LOG("%s", out);
	ASSERT_EQ(1, sscanf(out, "filled %lu MiB", &mib)) TH_LOG("%s", out);
	snprintf(path, sizeof(path), "%s/started", self->dir);
	f = fopen(path, "r");
	ASSERT_NE(NULL, f);
	ASSERT_NE(NULL, fgets(line, sizeof(line), f));
	ASSERT_EQ(1, fscanf(f, "%d", &self->pid));
	ASSERT_EQ(1, fscanf(f, "%lx", &self->start));
	fclose(f);
	ASSERT_NE(0UL, self->start);
}

FIXTURE_TEARDOWN(memguard)
{
	char cmd[96];

	kill(self->pid, SIGKILL);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", self->dir);
	system(cmd);
}

TEST_F(memguard, verify)
{
	uint64_t page[512];
	off_t at = self->start + (off_t)DAMAGED_PAGE * sizeof(page);
	char path[64], cmd[160];
	int fd, status;
	char *out;

	ASSERT_EQ(0, kill(self->pid, SIGSTOP));
	snprintf(path, sizeof(path), "/proc/%d/mem", self->pid);
	fd = open(path, O_RDWR);
	ASSERT_LE(0, fd);
	ASSERT_EQ((ssize_t)sizeof(page), pread(fd, page, sizeof(page), at));
	switch (variant->damage) {
	case STALE:
		page[1] = 0;
		break;
	case GARBLED:
		page[300] ^= 1;
		break;
	case FOREIGN:
		ASSERT_EQ((ssize_t)sizeof(page), pread(fd, page, sizeof(page), at + sizeof(page)));
		break;
	case NONE:
		break;
	}
	ASSERT_EQ((ssize_t)sizeof(page), pwrite(fd, page, sizeof(page), at));
	close(fd);
	ASSERT_EQ(0, kill(self->pid, SIGCONT));

	snprintf(cmd, sizeof(cmd), MEMGUARD " verify %s", self->dir);
	out = run(cmd, &status);
	EXPECT_EQ(variant->status, status) TH_LOG("%s", out);
	EXPECT_NE(NULL, strstr(out, variant->finding)) TH_LOG("%s", out);
	if (variant->damage != NONE)
		EXPECT_NE(NULL, strstr(out, "page 1000: ")) TH_LOG("%s", out);
}

TEST_HARNESS_MAIN
