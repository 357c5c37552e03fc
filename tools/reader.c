// SPDX-License-Identifier: GPL-2.0
/*
 * Reading one file of the module's sysfs tree into a value (reader.h): the
 * parsers of each kind of value, and the error messages every reader shares.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "model.h"
#include "reader.h"
#include "sysfs_io.h"

#define VALUE_MAX	READER_VALUE_MAX
#define SHOWN_MAX	60	/* how much of a garbled value an error quotes */
#define FORMAT_ADVICE	"fwprobe and fwprobe.ko disagree on the sysfs format: use matching versions, or re-copy the tree for --sysfs-root"

static bool parse_udec(const char *s, void *out)
{
	char *end;

	if (!isdigit((unsigned char)s[0]))	/* no sign, no space */
		return false;
	errno = 0;
	*(uint64_t *)out = strtoull(s, &end, 10);
	return !errno && !*end;
}

static bool parse_sdec(const char *s, void *out)
{
	char *end;

	if (!isdigit((unsigned char)s[s[0] == '-']))
		return false;
	errno = 0;
	*(int64_t *)out = strtoll(s, &end, 10);
	return !errno && !*end;
}

static bool parse_hex(const char *s, void *out)
{
	return parse_hex_u64(s, out);
}

static bool parse_word(const char *s, void *out)
{
	return parse_hex(s, out) && *(uint64_t *)out <= UINT32_MAX;
}

static bool parse_version(const char *s, void *out)
{
	unsigned int major, minor;
	int end = 0;

	if (!isdigit((unsigned char)s[0]) || strspn(s, "0123456789.") != strlen(s) ||
	    sscanf(s, "%5u.%5u%n", &major, &minor, &end) != 2 ||
	    s[end] || major > 0x7fff || minor > 0xffff)
		return false;
	*(uint64_t *)out = major << 16 | minor;
	return true;
}

static bool parse_bool(const char *s, void *out)
{
	*(bool *)out = s[0] == '1';
	return (s[0] == '0' || s[0] == '1') && !s[1];
}

static bool parse_text(const char *s, void *out)
{
	const char *p;

	for (p = s; *p; p++)
		if (iscntrl((unsigned char)*p))
			return false;
	if (p - s >= FWP_TEXT_MAX)
		return false;
	memcpy(out, s, p - s + 1);
	return true;
}

static bool parse_reg(const char *s, void *out)
{
	struct reg_value *r = out;

	r->known = strcmp(s, "unknown") != 0;
	return !r->known || parse_hex(s, &r->v);
}

static bool parse_name(const char *s, const char *const *names, unsigned int n, void *out)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (!strcmp(s, names[i])) {
			*(int *)out = (int)i;
			return true;
		}
	return false;
}

static bool parse_conduit(const char *s, void *out)
{
	return parse_name(s, fwp_conduit_names, ARRAY_SIZE(fwp_conduit_names), out);
}

static bool parse_tables(const char *s, void *out)
{
	return parse_name(s, fwp_boot_tables_names, FWP_BOOT_TABLES_NR, out);
}

static bool parse_verdict(const char *s, void *out)
{
	return parse_name(s, fwp_verdict_names, FWP_VERDICT_NR, out);
}

/*
 * Space-separated names of a table into a bitmap over it (u64 words); every
 * name must be the table's, once. Empty is the empty set.
 */
static bool parse_names(const char *s, uint64_t *bits, unsigned int words,
			enum fwp_safety_table t)
{
	unsigned int i, n = fwp_safety_count(t);
	char copy[VALUE_MAX], *tok, *save = NULL;

	memset(bits, 0, words * sizeof(*bits));
	if (strlen(s) >= sizeof(copy))
		return false;
	strcpy(copy, s);
	for (tok = strtok_r(copy, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		for (i = 0; i < n && strcmp(tok, fwp_safety_name(t, i)); i++)
			;
		if (i == n || (bits[i / 64] >> (i % 64) & 1))
			return false;
		bits[i / 64] |= 1ULL << (i % 64);
	}
	return true;
}

static bool parse_caps(const char *s, void *out)
{
	return parse_names(s, out, 1, FWP_SAFETY_CAPS);
}

static bool parse_errata(const char *s, void *out)
{
	return parse_names(s, out, 1, FWP_SAFETY_ERRATA);
}

static bool parse_hwcaps(const char *s, void *out)
{
	return parse_names(s, out, FWP_HWCAP_WORDS, FWP_SAFETY_HWCAPS);
}

static bool parse_live(const char *s, void *out)
{
	return parse_names(s, out, 1, FWP_SAFETY_LIVE);
}

static bool parse_identity(const char *s, void *out)
{
	return parse_name(s, fwp_identity_names, FWP_HYP_NR, out);
}

/* evidence/call_NN: fn a1 a2 a3 x0 x1 x2 x3, single spaces, all hex. */
static bool parse_call(const char *s, void *out)
{
	struct fwp_call *c = out;
	char copy[VALUE_MAX], *tok, *save = NULL;
	uint64_t w[8];
	int n = 0;

	if (strlen(s) >= sizeof(copy) || strstr(s, "  ") || s[0] == ' ')
		return false;
	strcpy(copy, s);
	for (tok = strtok_r(copy, " ", &save); tok; tok = strtok_r(NULL, " ", &save))
		if (n == 8 || !parse_hex(tok, &w[n++]))
			return false;
	if (n != 8 || w[0] > UINT32_MAX)
		return false;
	c->fn = (uint32_t)w[0];
	memcpy(c->arg, &w[1], sizeof(c->arg));
	memcpy(c->res, &w[4], sizeof(c->res));
	return true;
}

/**
 * cpulist_parse() - a CPU list as the kernel writes it ("0-3,5"; "" for none)
 * @s: the list: ranges or single numbers, comma-separated, ascending, no overlap
 * @set: when not NULL, set[cpu] is made true for every CPU listed
 * @n: the CPUs @set has room for: a list naming CPU @n or above is refused
 *
 * Return: false for anything else.
 */
bool cpulist_parse(const char *s, bool *set, unsigned int n)
{
	unsigned long lo, hi;
	long next = 0;
	char *end;

	while (*s) {
		if (!isdigit((unsigned char)*s))
			return false;
		lo = strtoul(s, &end, 10);
		hi = lo;
		if (*end == '-') {
			if (!isdigit((unsigned char)end[1]))
				return false;
			hi = strtoul(end + 1, &end, 10);
		}
		if ((long)lo < next || hi < lo || hi >= n)
			return false;
		for (next = (long)lo; set && next <= (long)hi; next++)
			set[next] = true;
		next = (long)hi + 1;
		if (*end == ',' && end[1])
			end++;
		else if (*end)
			return false;
		s = end;
	}
	return true;
}

static bool parse_cpulist(const char *s, void *out)
{
	if (!cpulist_parse(s, NULL, READER_CPUS_MAX))
		return false;
	snprintf(out, VALUE_MAX, "%s", s);
	return true;
}

_Static_assert(sizeof(enum fwp_boot_tables) == sizeof(int) &&
	       sizeof(enum fwp_verdict) == sizeof(int),
	       "parse_name stores an int");
_Static_assert(sizeof(enum fwp_conduit) == sizeof(int) && sizeof(enum fwp_identity) == sizeof(int),
	       "parse_name stores an int");

const struct kind K_UDEC = { "a decimal number", parse_udec };
const struct kind K_SDEC = { "a signed decimal number", parse_sdec };
const struct kind K_HEX = { "0x and 1 to 16 hex digits", parse_hex };
const struct kind K_WORD = { "a 32-bit hex word like 0x0000abcd", parse_word };
const struct kind K_VERSION = { "a version like 1.1", parse_version };
const struct kind K_BOOL = { "0 or 1", parse_bool };
const struct kind K_TEXT = { "one line of printable text, under 256 bytes", parse_text };
const struct kind K_REG = { "0x and 1 to 16 hex digits, or \"unknown\"", parse_reg };
const struct kind K_CONDUIT = { "hvc, smc or none", parse_conduit };
const struct kind K_IDENTITY = { "an identity name from the ABI document", parse_identity };
const struct kind K_CALL = { "eight hex numbers: fn a1 a2 a3 x0 x1 x2 x3", parse_call };
const struct kind K_CPULIST = { "a CPU list like 0-3,5, ascending", parse_cpulist };
const struct kind K_TABLES = { "acpi or dt", parse_tables };
const struct kind K_VERDICT = { "safe, unsafe or unknown", parse_verdict };
const struct kind K_CAPS = { "capability names from the ABI document, once each, space-separated",
			     parse_caps };
const struct kind K_ERRATA = { "erratum workaround names from the ABI document, once each, space-separated",
			       parse_errata };
const struct kind K_HWCAPS = { "HWCAP names from the ABI document, once each, space-separated",
			       parse_hwcaps };
const struct kind K_LIVE = { "names of what tasks take from the vCPU (ABI document), once each, space-separated",
			     parse_live };

static void read_error(struct reader *r, const char *rel, int ret)
{
	const char *dir = r->root.dir;

	r->failed = true;
	switch (ret) {
	case -ENOENT:
		fwp_fail(r->err, "%s/%s: missing: every fwprobe.ko publishes it here, so this tree is incomplete; reload the module, or re-copy the whole directory for --sysfs-root",
			 dir, rel);
		break;
	case -EFBIG:
	case -EILSEQ:
		fwp_fail(r->err, "%s/%s: garbled value (%s); " FORMAT_ADVICE,
			 dir, rel, ret == -EFBIG ? "longer than a sysfs page" : "contains a NUL byte");
		break;
	default:
		fwp_fail(r->err, "%s/%s: cannot read: %s; check that the module is loaded and the file readable",
			 dir, rel, strerror(-ret));
	}
}

/*
 * Read one file below the root and parse it into @out. Returns true when a
 * value was stored; false when an OPTIONAL file is absent (its service is not
 * there) or on error, which marks the reader failed.
 */
bool rd(struct reader *r, enum presence need, const struct kind *k, void *out, const char *fmt, ...)
{
	char rel[SIO_REL_MAX + 16], value[VALUE_MAX], quoted[SHOWN_MAX + 16];
	va_list ap;
	int ret;

	if (r->failed)
		return false;
	va_start(ap, fmt);
	vsnprintf(rel, sizeof(rel), fmt, ap);
	va_end(ap);
	ret = sio_read(&r->root, rel, value, sizeof(value));
	if (ret == -ENOENT && need == OPTIONAL)
		return false;
	if (ret) {
		read_error(r, rel, ret);
		return false;
	}
	if (k->parse(value, out))
		return true;
	reader_fail(r, rel, "garbled value \"%s\" (expected %s)",
		    fmt_quoted(value, quoted, sizeof(quoted)), k->expect);
	return false;
}

static const struct kind *const layout_kinds[FWP_KIND_NR] = {
	[FWP_KIND_UDEC] = &K_UDEC, [FWP_KIND_SDEC] = &K_SDEC, [FWP_KIND_HEX] = &K_HEX,
	[FWP_KIND_WORD] = &K_WORD, [FWP_KIND_VERSION] = &K_VERSION, [FWP_KIND_BOOL] = &K_BOOL,
	[FWP_KIND_TEXT] = &K_TEXT, [FWP_KIND_REG] = &K_REG, [FWP_KIND_CONDUIT] = &K_CONDUIT,
	[FWP_KIND_IDENTITY] = &K_IDENTITY, [FWP_KIND_CALL] = &K_CALL,
	[FWP_KIND_CPULIST] = &K_CPULIST, [FWP_KIND_TABLES] = &K_TABLES,
	[FWP_KIND_VERDICT] = &K_VERDICT, [FWP_KIND_CAPS] = &K_CAPS, [FWP_KIND_HWCAPS] = &K_HWCAPS,
	[FWP_KIND_ERRATA] = &K_ERRATA, [FWP_KIND_LIVE] = &K_LIVE,
};

/**
 * layout_dir() - directory of group @g below the module's root
 * @g: the group
 * @cpu: the vCPU, for the per-vCPU group (cpu<N>); ignored otherwise
 * @rel: output ("" for the top-level group)
 * @len: size of @rel
 */
void layout_dir(enum fwp_group g, unsigned int cpu, char *rel, size_t len)
{
	if (g == FWP_GROUP_cpu)
		snprintf(rel, len, "%s%u", fwp_group_dir(g), cpu);
	else
		snprintf(rel, len, "%s", fwp_group_dir(g));
}

/* Path of file @i of built group @g (of vCPU @cpu for cpu<N>/) below the root. */
void layout_rel(enum fwp_group g, unsigned int cpu, unsigned int i, char *rel, size_t len)
{
	char dir[FWP_FILE_NAME_LEN], name[FWP_FILE_NAME_LEN];

	layout_dir(g, cpu, dir, sizeof(dir));
	fwp_file_name(g, i, name, sizeof(name));
	snprintf(rel, len, "%s/%s", dir, name);
}

/*
 * Fixed file @f of the module's tree, parsed as its kind. It may be missing
 * only where the layout gives it a rule of its own; a file always there, or
 * there with its group's first file (which the caller has read), must be.
 */
bool rd_file(struct reader *r, enum fwp_file f, void *out)
{
	const struct fwp_file_desc *d = &fwp_files[f];
	enum presence need = d->presence == FWP_PRESENCE_OWN ? OPTIONAL : REQUIRED;
	char rel[LAYOUT_REL_MAX];

	layout_file_rel(f, rel, sizeof(rel));
	return rd(r, need, layout_kinds[d->kind], out, "%s", rel);
}

/* Path of fixed file @f below the root: "calls", "psci/version". */
void layout_file_rel(enum fwp_file f, char *rel, size_t len)
{
	const char *dir = fwp_group_dir(fwp_files[f].group);

	snprintf(rel, len, "%s%s%s", dir, *dir ? "/" : "", fwp_files[f].name);
}

/* File @i of built group @g (of vCPU @cpu for cpu<N>/), parsed as its kind. */
bool rd_built(struct reader *r, enum presence need, enum fwp_group g, unsigned int cpu,
	      unsigned int i, void *out)
{
	char rel[LAYOUT_REL_MAX];

	layout_rel(g, cpu, i, rel, sizeof(rel));
	return rd(r, need, layout_kinds[fwp_file_kind(g, i)], out, "%s", rel);
}

/* A value that parsed but cannot be right (hwregs.c: wider than its register). */
void reader_fail(struct reader *r, const char *rel, const char *fmt, ...)
{
	char what[FWP_ERR_MAX / 2];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	r->failed = true;
	fwp_fail(r->err, "%s/%s: %s; " FORMAT_ADVICE, r->root.dir, rel, what);
}
