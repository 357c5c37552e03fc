// SPDX-License-Identifier: GPL-2.0
/* Running scripts/vmtest from the real-KVM tests and reading what it left. */
#include <errno.h>	/* program_invocation_short_name */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "vm.h"
#include "../reporter/schema_validate.h"

char *vm_slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf;
	long len;

	if (!f)
		return strdup("");
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	buf = calloc(1, len + 1);
	if (fread(buf, 1, len, f) != (size_t)len)
		buf[0] = '\0';
	fclose(f);
	return buf;
}

/*
 * With FWPROBE_SCENARIO_TIMES set, append "seconds status suite lane
 * cpu-seconds vmtest-args" to that file (scripts/check's time table).
 */
static void vm_log_time(const struct vm_run *r, const char *const *args)
{
	const char *path = getenv("FWPROBE_SCENARIO_TIMES");
	FILE *f = path ? fopen(path, "a") : NULL;
	int i;

	if (!f)
		return;
	fprintf(f, "%.1f %d %s %s %.1f", r->seconds, r->status, program_invocation_short_name,
		getenv("FWPROBE_LANE") ?: "-", r->cpu_seconds);
	for (i = 0; args[i]; i++)
		fprintf(f, " %s", args[i]);
	fputc('\n', f);
	fclose(f);
}

void vm_run(struct vm_run *r, const char *const *args, bool observe)
{
	char dir[] = "/tmp/fwprobe-kvm-test.XXXXXX", path[4][300];
	const char *argv[96];
	struct timespec t0, t1;
	struct rusage ru;
	int argc = 0, i, fd;
	FILE *f;
	pid_t pid;

	memset(r, 0, sizeof(*r));
	if (!mkdtemp(dir))
		abort();
	for (i = 0; i < 4; i++)
		snprintf(path[i], sizeof(path[i]), "%s/%s", dir,
			 (const char *[]){ "out", "err", "regs.json", "trace" }[i]);
	argv[argc++] = "scripts/vmtest";
	if (observe) {
		argv[argc++] = "--dump-regs";
		argv[argc++] = path[2];
		argv[argc++] = "--trace-hvc";
		argv[argc++] = path[3];
	}
	for (i = 0; args[i] && argc < 95; i++)
		argv[argc++] = args[i];
	argv[argc] = NULL;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid == 0) {
		fd = open(path[0], O_WRONLY | O_CREAT | O_TRUNC, 0600);
		dup2(fd, 1);
		fd = open(path[1], O_WRONLY | O_CREAT | O_TRUNC, 0600);
		dup2(fd, 2);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	/* vmtest waits for its L0s: their CPU time is in its rusage. */
	wait4(pid, &r->status, 0, &ru);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	r->cpu_seconds = ru.ru_utime.tv_sec + ru.ru_stime.tv_sec +
			 (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
	r->seconds = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	r->status = WIFEXITED(r->status) ? WEXITSTATUS(r->status) : -1;
	r->out = vm_slurp(path[0]);
	r->err = vm_slurp(path[1]);
	r->regs = json_load_file(path[2], JSON_REJECT_DUPLICATES, NULL);
	f = fopen(path[3], "r");
	while (f && r->ntrace < 256 && fscanf(f, "%x", &r->trace[r->ntrace]) == 1)
		r->ntrace++;
	if (f)
		fclose(f);
	for (i = 0; i < 4; i++)
		unlink(path[i]);
	rmdir(dir);
	vm_log_time(r, args);
}

void vm_free(struct vm_run *r)
{
	free(r->out);
	free(r->err);
	json_decref(r->regs);
}

const char *vm_value_nth(const struct vm_run *r, const char *key, int n)
{
	static char ring[8][64 * 1024];	/* fwprobe --json fits on one line */
	static unsigned int next;
	char *buf = ring[next++ % 8];
	size_t klen = strlen(key);
	const char *p = r->out;

	while (p && *p) {
		if (!strncmp(p, key, klen) && p[klen] == '=' && n-- == 0) {
			const char *end = strchrnul(p + klen + 1, '\n');

			snprintf(buf, sizeof(ring[0]), "%.*s", (int)(end - p - klen - 1),
				 p + klen + 1);
			return buf;
		}
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return NULL;
}

const char *vm_value(const struct vm_run *r, const char *key)
{
	return vm_value_nth(r, key, 0);
}

const char *vm_not_this_run(bool quick, unsigned int test_num)
{
	const char *claims = getenv("FWPROBE_CLAIMS");
	char path[512];
	int fd;

	if (!quick && getenv("FWPROBE_QUICK_CHECK"))
		return "not part of make check-quick";
	if (!claims)
		return NULL;
	/* The first lane to reach a test takes it; the file says which lane. */
	snprintf(path, sizeof(path), "%s/%s.%u", claims, program_invocation_short_name, test_num);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
	if (fd < 0)
		return "run by another lane";
	dprintf(fd, "%s\n", getenv("FWPROBE_LANE") ?: "?");
	close(fd);
	return NULL;
}

int vm_add_options(const char **args, int n, const char *option, const char *const *values)
{
	for (; *values; values++) {
		args[n++] = option;
		args[n++] = *values;
	}
	return n;
}

const char *vm_memory_check(const struct vm_run *r)
{
	static char line[256];
	const char *at = r->err ? strstr(r->err, "memory guard: pages=") : NULL;
	size_t len;

	if (!at)
		return NULL;
	at += strlen("memory guard: ");
	len = strcspn(at, "\n");
	snprintf(line, sizeof(line), "%.*s", (int)len, at);
	return line;
}

int vm_schema_check(const char *path, char *why, size_t len)
{
	char cmd[512];
	FILE *p;
	int ws;

	snprintf(cmd, sizeof(cmd), VALIDATE " '%s' 2>&1", path);
	p = popen(cmd, "r");
	if (!p) {
		snprintf(why, len, "cannot run the validator");
		return -1;
	}
	if (!fgets(why, (int)len, p))
		snprintf(why, len, "no output from the validator");
	why[strcspn(why, "\n")] = '\0';
	ws = pclose(p);
	return WIFEXITED(ws) ? WEXITSTATUS(ws) : -1;
}

bool vm_memory_intact(const struct vm_run *r)
{
	const char *check = vm_memory_check(r);

	return check && strstr(check, " bad=0 ") && strstr(check, " status=0");
}
