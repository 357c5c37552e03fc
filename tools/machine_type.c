// SPDX-License-Identifier: GPL-2.0
/*
 * Loading is strict on purpose: a machine-type file decides whether a
 * migrated guest is accepted, so a typo must fail loudly (exit 2), never
 * silently skip a check. jansson finds syntax errors (with line and column);
 * for semantic ones the offending key is located by scanning the raw text.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <jansson.h>

#include "atomic_write.h"
#include "format.h"
#include "format_json.h"
#include "machine_type.h"

/* What to do, for every complaint about a file. */
#define HINT		"; fix the file (format: MACHINE-TYPE FILES in fwprobe(1)) or re-create it with fwprobe --save"
#define KEY_SHOWN_MAX	80
#define NAMES_MAX	200	/* a list of allowed names */

static const char *const top_keys[] = { "schema", "registers", "identity", "description",
					 "cpu_registers", "gic_registers", "ignore", "vector_lengths",
					 "boot" };
#define SCHEMA_1_KEYS	4	/* the first four: schema 1 has no hardware registers */
#define SCHEMA_2_KEYS	8	/* and schema 2 no "boot" */
static const char *const boot_keys[] = { "tables", "uefi", "firmware_vendor", "firmware_version" };

/* The two objects of hardware registers, and which family each holds. */
static const struct {
	const char *key;
	bool gic;
} hw_objects[] = { { "cpu_registers", false }, { "gic_registers", true } };

/** struct mt_ctx - the raw text being loaded, for error positions. */
struct mt_ctx {
	const char *buf;
	size_t len;
	const char *name;
	struct fwp_err *err;
};

struct pos {
	int line, col;
};

/* Columns count characters like jansson: UTF-8 continuation bytes add none. */
static void advance(struct pos *p, char c)
{
	if (c == '\n') {
		p->line++;
		p->col = 0;
	} else if (((unsigned char)c & 0xc0) != 0x80) {
		p->col++;
	}
}

/*
 * Find where an object key is written: a top-level key (@parent NULL) or a key
 * of the top-level object @parent; with @element, a string element of the
 * top-level array @parent instead ("ignore" entries), the one after @skip
 * earlier equal ones. Only called on text
 * jansson accepted, so a flat scan that tracks strings, nesting and key
 * position is enough. Strings written with escapes are not matched (the
 * error then names the file only).
 */
static bool locate(const struct mt_ctx *c, const char *parent, const char *key, bool element,
		   unsigned int skip, struct pos *at)
{
	enum { MAX_TRACKED = 3 };
	bool is_object[MAX_TRACKED] = { false }, key_next[MAX_TRACKED] = { false };
	bool in_parent = false, is_key, wanted;
	const char *last_top_key = NULL;
	size_t last_top_len = 0, i, start;
	struct pos p = { 1, 0 }, here;
	int depth = 0;

	for (i = 0; i < c->len; i++) {
		char ch = c->buf[i];

		advance(&p, ch);
		switch (ch) {
		case '{':
		case '[':
			depth++;
			if (depth < MAX_TRACKED) {
				is_object[depth] = key_next[depth] = ch == '{';
				if (depth == 2)
					in_parent = parent && last_top_key &&
						    last_top_len == strlen(parent) &&
						    !memcmp(last_top_key, parent, last_top_len);
			}
			break;
		case '}':
		case ']':
			depth--;
			break;
		case ',':
			if (depth < MAX_TRACKED && is_object[depth])
				key_next[depth] = true;
			break;
		case '"':
			here = p;
			start = i + 1;
			for (i++; i < c->len && c->buf[i] != '"'; i++) {
				advance(&p, c->buf[i]);
				if (c->buf[i] == '\\' && i + 1 < c->len)
					advance(&p, c->buf[++i]);
			}
			advance(&p, '"');
			if (depth >= MAX_TRACKED)
				break;
			is_key = is_object[depth] && key_next[depth];
			key_next[depth] = false;
			if (is_key && depth == 1) {
				last_top_key = c->buf + start;
				last_top_len = i - start;
			}
			if (element)
				wanted = depth == 2 && in_parent && !is_object[depth];
			else
				wanted = is_key && ((depth == 1 && !parent) || (depth == 2 && in_parent));
			if (wanted && i - start == strlen(key) && !memcmp(c->buf + start, key, i - start) &&
			    !skip--) {
				*at = here;
				return true;
			}
			break;
		}
	}
	return false;
}

static int fail_at(const struct mt_ctx *c, const char *parent, const char *key, bool element,
		   unsigned int skip, const char *fmt, va_list ap)
{
	char msg[FWP_ERR_MAX];
	struct pos at;

	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (key && locate(c, parent, key, element, skip, &at))
		return fwp_fail(c->err, "%s:%d:%d: %s" HINT, c->name, at.line, at.col, msg);
	return fwp_fail(c->err, "%s: %s" HINT, c->name, msg);
}

/* Report a problem at @key's position when it can be found, else at the file. */
static __printf(4, 5)
int mt_fail(const struct mt_ctx *c, const char *parent, const char *key, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = fail_at(c, parent, key, false, 0, fmt, ap);
	va_end(ap);
	return ret;
}

/* Report a problem at a string element @text of the top-level array @parent (after @skip equal ones). */
static __printf(5, 6)
int mt_fail_element(const struct mt_ctx *c, const char *parent, const char *text, unsigned int skip,
		    const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = fail_at(c, parent, text, true, skip, fmt, ap);
	va_end(ap);
	return ret;
}

/* "a, b, c": the allowed names for a message, from the table that defines them. */
static const char *join(const char *const *names, unsigned int n, char *buf, size_t len)
{
	size_t used = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; i < n; i++)
		fmt_append(buf, len, &used, "%s%s", i ? ", " : "", names[i]);
	return buf;
}

static const char *type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:	return "an object";
	case JSON_ARRAY:	return "an array";
	case JSON_STRING:	return "a string";
	case JSON_INTEGER:	return "an integer";
	case JSON_REAL:		return "a real number";
	case JSON_TRUE:
	case JSON_FALSE:	return "a boolean";
	default:		return "null";
	}
}

static int check_schema(const struct mt_ctx *c, json_t *root, int *schema)
{
	json_t *v = json_object_get(root, "schema");

	if (!v)
		return mt_fail(c, NULL, NULL, "missing \"schema\": add \"schema\": %d", MT_SCHEMA_HW);
	if (!json_is_integer(v))
		return mt_fail(c, NULL, "schema", "\"schema\" must be an integer from %d to %d, not %s",
			       MT_SCHEMA_MIN, MT_SCHEMA, type_name(v));
	if (json_integer_value(v) < MT_SCHEMA_MIN || json_integer_value(v) > MT_SCHEMA)
		return mt_fail(c, NULL, "schema", "unsupported schema version %lld: this fwprobe reads schemas " MT_SCHEMAS_READ " (was the file written by a newer fwprobe?)",
			       (long long)json_integer_value(v));
	*schema = (int)json_integer_value(v);
	return 0;
}

static int check_top_keys(const struct mt_ctx *c, json_t *root, int schema)
{
	char shown[KEY_SHOWN_MAX], allowed[NAMES_MAX];
	const char *key;
	unsigned int i;
	json_t *v;

	json_object_foreach(root, key, v) {
		for (i = 0; i < ARRAY_SIZE(top_keys) && strcmp(key, top_keys[i]); i++)
			;
		if (i == ARRAY_SIZE(top_keys))
			return mt_fail(c, NULL, key, "unknown key \"%s\"; allowed: %s",
				       fmt_quoted(key, shown, sizeof(shown)),
				       join(top_keys, ARRAY_SIZE(top_keys), allowed, sizeof(allowed)));
		if (schema == 1 && i >= SCHEMA_1_KEYS && i < SCHEMA_2_KEYS)
			return mt_fail(c, NULL, key, "\"%s\" needs schema 2: write \"schema\": 2 (schema 1 files have no hardware registers, vector lengths or ignore list)",
				       key);
		if (schema < 3 && i >= SCHEMA_2_KEYS)
			return mt_fail(c, NULL, key, "\"%s\" needs schema 3: write \"schema\": 3 (older files say nothing of how the guest booted)",
				       key);
	}
	return 0;
}

static int load_register(const struct mt_ctx *c, const char *key, json_t *v, struct reg_values *regs)
{
	char shown[KEY_SHOWN_MAX], known[NAMES_MAX];
	struct fwp_err why;
	uint64_t value;
	int id = reg_lookup(key);

	if (id < 0)
		return mt_fail(c, "registers", key, "unknown register \"%s\"; known: %s",
			       fmt_quoted(key, shown, sizeof(shown)),
			       join(fwp_reg_names, FWP_REG_NR, known, sizeof(known)));
	if (!json_is_string(v))
		return mt_fail(c, "registers", key, "registers.%s must be a hex string like \"0x1\", not %s",
			       key, type_name(v));
	if (!parse_hex_u64(json_string_value(v), &value))
		return mt_fail(c, "registers", key, "registers.%s: malformed value \"%s\": write 0x and 1 to 16 hex digits, like \"0x1\"",
			       key, fmt_quoted(json_string_value(v), shown, sizeof(shown)));
	if (reg_check(id, value, &why))
		return mt_fail(c, "registers", key, "registers.%s: %s", key, why.msg);
	regs->has[id] = true;
	regs->value[id] = value;
	return 0;
}

static int load_registers(const struct mt_ctx *c, json_t *root, struct machine_type *mt)
{
	json_t *regs = json_object_get(root, "registers"), *v;
	const char *key;

	if (!regs)
		return mt_fail(c, NULL, NULL, "missing \"registers\": add an object such as \"registers\": {\"psci_version\": \"0x10001\"}");
	if (!json_is_object(regs))
		return mt_fail(c, NULL, "registers", "\"registers\" must be an object of register names and hex strings, not %s",
			       type_name(regs));
	json_object_foreach(regs, key, v)
		if (load_register(c, key, v, &mt->regs))
			return -1;
	return 0;
}

/* A "boot" firmware string: one printable line, as boot/firmware_* hold it. */
static int load_boot_text(const struct mt_ctx *c, const char *key, json_t *v, char *out)
{
	const char *s = json_string_value(v);
	size_t i;

	if (!json_is_string(v))
		return mt_fail(c, "boot", key, "boot.%s must be a string, as boot/%s shows it, not %s",
			       key, key, type_name(v));
	if (strlen(s) >= FWP_BOOT_TEXT_LEN)
		return mt_fail(c, "boot", key, "boot.%s is longer than the %d characters fwprobe.ko keeps",
			       key, FWP_BOOT_TEXT_LEN - 1);
	for (i = 0; s[i]; i++)
		if (!isprint((unsigned char)s[i]))
			return mt_fail(c, "boot", key, "boot.%s holds a character that is not printable (at %zu)",
				       key, i);
	strcpy(out, s);
	return 0;
}

static int load_boot(const struct mt_ctx *c, json_t *root, struct machine_type *mt)
{
	json_t *obj = json_object_get(root, "boot"), *v;
	char shown[KEY_SHOWN_MAX], allowed[NAMES_MAX];
	struct mt_boot *b = &mt->boot;
	const char *key;
	int i, t;

	if (!obj)
		return 0;
	if (!json_is_object(obj))
		return mt_fail(c, NULL, "boot", "\"boot\" must be an object like {\"tables\": \"acpi\", \"uefi\": true}, not %s",
			       type_name(obj));
	json_object_foreach(obj, key, v) {
		for (i = 0; i < (int)ARRAY_SIZE(boot_keys) && strcmp(key, boot_keys[i]); i++)
			;
		switch (i) {
		case 0:
			for (t = 0; t < FWP_BOOT_TABLES_NR; t++)
				if (json_is_string(v) && !strcmp(json_string_value(v),
								 fwp_boot_tables_names[t]))
					break;
			if (t == FWP_BOOT_TABLES_NR)
				return mt_fail(c, "boot", key, "boot.tables must be \"acpi\" or \"dt\"");
			b->tables = t;
			b->has_tables = true;
			break;
		case 1:
			if (!json_is_boolean(v))
				return mt_fail(c, "boot", key, "boot.uefi must be true or false, not %s",
					       type_name(v));
			b->uefi = json_is_true(v);
			b->has_uefi = true;
			break;
		case 2:
			if (load_boot_text(c, key, v, b->vendor))
				return -1;
			b->has_vendor = true;
			break;
		case 3:
			if (load_boot_text(c, key, v, b->version))
				return -1;
			b->has_version = true;
			break;
		default:
			return mt_fail(c, "boot", key, "unknown key \"%s\" in boot; allowed: %s",
				       fmt_quoted(key, shown, sizeof(shown)),
				       join(boot_keys, ARRAY_SIZE(boot_keys), allowed, sizeof(allowed)));
		}
	}
	return 0;
}

static int load_strings(const struct mt_ctx *c, json_t *root, struct machine_type *mt)
{
	json_t *ident = json_object_get(root, "identity"), *desc = json_object_get(root, "description");
	char shown[KEY_SHOWN_MAX], known[NAMES_MAX];
	int i;

	if (desc && !json_is_string(desc))
		return mt_fail(c, NULL, "description", "\"description\" must be a string, not %s",
			       type_name(desc));
	if (!ident)
		return 0;
	if (!json_is_string(ident))
		return mt_fail(c, NULL, "identity", "\"identity\" must be a string, not %s",
			       type_name(ident));
	for (i = 0; i < FWP_HYP_NR; i++)
		if (!strcmp(json_string_value(ident), fwp_identity_names[i]))
			break;
	if (i == FWP_HYP_NR)
		return mt_fail(c, NULL, "identity", "unknown identity \"%s\"; known: %s",
			       fmt_quoted(json_string_value(ident), shown, sizeof(shown)),
			       join(fwp_identity_names, FWP_HYP_NR, known, sizeof(known)));
	mt->identity = i;
	return 0;
}

/* One array: the per-vCPU length every array of the file shares. */
struct hw_load {
	const char *object;		/* "cpu_registers" or "gic_registers" */
	bool gic;
	char first_array[KEY_SHOWN_MAX];	/* the array that set mt->vcpus */
};

/* "gicr_iidr, gicr_typer, ...": the names allowed in gic_registers. */
static const char *gic_names(char *buf, size_t len)
{
	size_t used = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; i < FWP_HW_NR; i++)
		if (hw_is_gic(i))
			fmt_append(buf, len, &used, "%s%s", used ? ", " : "", fwp_hwregs[i].name);
	return buf;
}

static int load_hw_hex(const struct mt_ctx *c, const struct hw_load *l, const char *key,
		       const char *where, int id, json_t *v, uint64_t *out)
{
	char shown[KEY_SHOWN_MAX];
	struct fwp_err why;

	if (!parse_hex_u64(json_string_value(v), out))
		return mt_fail(c, l->object, key, "%s: malformed value \"%s\": write 0x and 1 to 16 hex digits, like \"0x1\"",
			       where, fmt_quoted(json_string_value(v), shown, sizeof(shown)));
	if (hw_check_value(id, *out, &why))
		return mt_fail(c, l->object, key, "%s: %s", where, why.msg);
	return 0;
}

static int load_hw_array(const struct mt_ctx *c, struct hw_load *l, const char *key, int id,
			 json_t *v, struct machine_type *mt)
{
	struct hw_row *row = &mt->hw[id];
	char where[2 * KEY_SHOWN_MAX];
	size_t n = json_array_size(v), i;
	json_t *e;

	if (!hw_per_vcpu(id))
		return mt_fail(c, l->object, key, "%s.%s is one register per VM: write one hex string, not an array",
			       l->object, key);
	if (n < 2)
		return mt_fail(c, l->object, key, "%s.%s: an array has one entry per vCPU and so at least 2; write one string when every vCPU reads the same",
			       l->object, key);
	if (mt->vcpus && n != mt->vcpus)
		return mt_fail(c, l->object, key, "%s.%s has %zu entries, but %s has %u: every array has one entry per vCPU",
			       l->object, key, n, l->first_array, mt->vcpus);
	if (!mt->vcpus) {
		mt->vcpus = (unsigned int)n;
		snprintf(l->first_array, sizeof(l->first_array), "%s.%s", l->object, key);
	}
	hw_row_alloc(row, (unsigned int)n);
	json_array_foreach(v, i, e) {
		snprintf(where, sizeof(where), "%s.%s[%zu]", l->object, key, i);
		if (json_is_null(e))
			continue;
		if (!json_is_string(e))
			return mt_fail(c, l->object, key, "%s must be a hex string like \"0x1\", or null for a vCPU without the register, not %s",
				       where, type_name(e));
		if (load_hw_hex(c, l, key, where, id, e, &row->value[i]))
			return -1;
		row->has[i] = true;
	}
	return 0;
}

static int load_hw_register(const struct mt_ctx *c, struct hw_load *l, const char *key, json_t *v,
			    struct machine_type *mt)
{
	char shown[KEY_SHOWN_MAX], names[NAMES_MAX], where[2 * KEY_SHOWN_MAX];
	int id = fwp_hw_lookup(key);

	if (id < 0 && l->gic)
		return mt_fail(c, l->object, key, "unknown GIC register \"%s\"; known: %s",
			       fmt_quoted(key, shown, sizeof(shown)), gic_names(names, sizeof(names)));
	if (id < 0)
		return mt_fail(c, l->object, key, "unknown register \"%s\": the names are those of the files in /sys/class/fwprobe/fwprobe0/cpu<N>/, e.g. midr_el1, id_aa64isar0_el1, ccsidr_el1.l1d",
			       fmt_quoted(key, shown, sizeof(shown)));
	if (hw_is_gic(id) != l->gic)
		return mt_fail(c, l->object, key, "%s is a %s register: list it under \"%s\"", key,
			       l->gic ? "CPU" : "GIC", l->gic ? "cpu_registers" : "gic_registers");
	mt->hw[id].reg = id;
	if (json_is_array(v))
		return load_hw_array(c, l, key, id, v, mt);
	if (!json_is_string(v))
		return mt_fail(c, l->object, key, "%s.%s must be a hex string like \"0x1\"%s, not %s",
			       l->object, key,
			       hw_per_vcpu(id) ? ", or an array of them with one entry per vCPU" : "",
			       type_name(v));
	snprintf(where, sizeof(where), "%s.%s", l->object, key);
	hw_row_alloc(&mt->hw[id], 1);
	if (load_hw_hex(c, l, key, where, id, v, &mt->hw[id].value[0]))
		return -1;
	mt->hw[id].has[0] = true;
	return 0;
}

static int load_hw_objects(const struct mt_ctx *c, json_t *root, struct machine_type *mt)
{
	struct hw_load l = { .first_array = "" };
	const char *key;
	unsigned int i;
	json_t *obj, *v;

	for (i = 0; i < ARRAY_SIZE(hw_objects); i++) {
		l.object = hw_objects[i].key;
		l.gic = hw_objects[i].gic;
		obj = json_object_get(root, l.object);
		if (!obj)
			continue;
		if (!json_is_object(obj))
			return mt_fail(c, NULL, l.object, "\"%s\" must be an object of register names and hex strings, not %s",
				       l.object, type_name(obj));
		json_object_foreach(obj, key, v)
			if (load_hw_register(c, &l, key, v, mt))
				return -1;
	}
	return 0;
}

/* One vector-length set: distinct multiples of 16 bytes from 16 to 256, ascending. */
static int load_vl_set(const struct mt_ctx *c, const char *key, json_t *v, struct vl_set *set)
{
	long long bytes, last = 0;
	size_t i;
	json_t *e;

	if (!json_is_array(v))
		return mt_fail(c, "vector_lengths", key, "vector_lengths.%s must be an array of vector lengths in bytes like [16, 32, 64], not %s",
			       key, type_name(v));
	if (!json_array_size(v))
		return mt_fail(c, "vector_lengths", key, "vector_lengths.%s is empty: a guest with the extension has at least one vector length; list them, or leave the key out",
			       key);
	json_array_foreach(v, i, e) {
		if (!json_is_integer(e))
			return mt_fail(c, "vector_lengths", key, "vector_lengths.%s[%zu] must be an integer number of bytes like 16, not %s",
				       key, i, type_name(e));
		bytes = json_integer_value(e);
		if (!vl_bytes_valid(bytes))
			return mt_fail(c, "vector_lengths", key, "vector_lengths.%s[%zu]: %lld is not a vector length: write a multiple of %d bytes from %d to %d",
				       key, i, bytes, FWP_VQ_BYTES, FWP_VQ_BYTES, VL_BYTES_MAX);
		if (bytes == last)
			return mt_fail(c, "vector_lengths", key, "vector_lengths.%s[%zu]: %lld is listed twice",
				       key, i, bytes);
		if (bytes < last)
			return mt_fail(c, "vector_lengths", key, "vector_lengths.%s[%zu]: %lld after %lld: write the lengths in ascending order",
				       key, i, bytes, last);
		last = bytes;
		set->vqs |= 1U << vl_bit((unsigned int)bytes);
	}
	set->present = true;
	return 0;
}

static int load_vector_lengths(const struct mt_ctx *c, json_t *root, struct machine_type *mt)
{
	json_t *obj = json_object_get(root, "vector_lengths"), *v;
	char shown[KEY_SHOWN_MAX], allowed[NAMES_MAX];
	const char *key;
	unsigned int k;

	if (!obj)
		return 0;
	if (!json_is_object(obj))
		return mt_fail(c, NULL, "vector_lengths", "\"vector_lengths\" must be an object like {\"sve\": [16, 32, 64]}, not %s",
			       type_name(obj));
	json_object_foreach(obj, key, v) {
		for (k = 0; k < VL_KINDS && strcmp(key, vl_kind_names[k]); k++)
			;
		if (k == VL_KINDS)
			return mt_fail(c, "vector_lengths", key, "unknown key \"%s\" in vector_lengths; allowed: %s",
				       fmt_quoted(key, shown, sizeof(shown)),
				       join(vl_kind_names, VL_KINDS, allowed, sizeof(allowed)));
		if (load_vl_set(c, key, v, &mt->vl[k]))
			return -1;
	}
	return 0;
}

/* "vector_lengths.sve" in the ignore list: the enum vl_kind, or -1 when @s is no such entry. */
static int ignore_vl_kind(const char *s)
{
	static const char prefix[] = "vector_lengths.";
	unsigned int k;

	if (strncmp(s, prefix, sizeof(prefix) - 1))
		return -1;
	for (k = 0; k < VL_KINDS; k++)
		if (!strcmp(s + sizeof(prefix) - 1, vl_kind_names[k]))
			return (int)k;
	return -1;
}

/*
 * Split an ignore entry into a register and a field: the longest prefix that
 * is a register name (names contain dots: ccsidr_el1.l2u), then "." and the
 * name of one of its fields. *@field is -1 for the whole register.
 */
static int parse_ignore(const char *s, int *reg, int *field)
{
	const struct fwp_hwreg_field *f;
	size_t len, best = 0;
	unsigned int i, n;

	*reg = -1;
	for (i = 0; i < FWP_HW_NR; i++) {
		len = strlen(fwp_hwregs[i].name);
		if (len > best && !strncmp(s, fwp_hwregs[i].name, len) && (!s[len] || s[len] == '.')) {
			best = len;
			*reg = (int)i;
		}
	}
	*field = -1;
	if (*reg < 0 || !s[best])
		return *reg < 0 ? -1 : 0;
	f = fwp_hw_fields(*reg, &n);
	for (i = 0; i < n && i < MT_FIELDS_MAX; i++)
		if (!strcmp(s + best + 1, f[i].name)) {
			*field = (int)i;
			return 0;
		}
	return -1;
}

static const char *field_names(int reg, char *buf, size_t len)
{
	unsigned int i, n;
	const struct fwp_hwreg_field *f = fwp_hw_fields(reg, &n);
	size_t used = 0;

	buf[0] = '\0';
	for (i = 0; i < n && i < MT_FIELDS_MAX; i++)
		fmt_append(buf, len, &used, "%s%s", i ? ", " : "", f[i].name);
	return buf;
}

static int load_ignore(const struct mt_ctx *c, json_t *root, struct machine_type *mt)
{
	json_t *list = json_object_get(root, "ignore"), *v;
	char shown[KEY_SHOWN_MAX], names[2 * NAMES_MAX];
	unsigned int nfields;
	const char *s;
	int reg, field, kind;
	size_t i;

	if (!list)
		return 0;
	if (!json_is_array(list))
		return mt_fail(c, NULL, "ignore", "\"ignore\" must be an array of strings like \"ctr_el0\" or \"id_aa64dfr0_el1.DebugVer\", not %s",
			       type_name(list));
	json_array_foreach(list, i, v) {
		if (!json_is_string(v))
			return mt_fail(c, NULL, "ignore", "ignore[%zu] must be a string like \"ctr_el0\" or \"id_aa64dfr0_el1.DebugVer\", not %s",
				       i, type_name(v));
		s = json_string_value(v);
		fmt_quoted(s, shown, sizeof(shown));
		kind = ignore_vl_kind(s);
		if (kind >= 0 && mt->ignore_vl[kind])
			return mt_fail_element(c, "ignore", s, 1, "ignore: \"%s\" is listed twice", shown);
		if (kind >= 0) {
			mt->ignore_vl[kind] = true;
			continue;
		}
		if (!strncmp(s, "vector_lengths", strlen("vector_lengths")))
			return mt_fail_element(c, "ignore", s, 0, "ignore: \"%s\": the vector lengths are ignored as \"vector_lengths.sve\" and \"vector_lengths.sme\"",
					       shown);
		if (parse_ignore(s, &reg, &field) && reg < 0)
			return mt_fail_element(c, "ignore", s, 0, "ignore: \"%s\" names no register; write a register name (\"ctr_el0\") or REGISTER.FIELD (\"id_aa64dfr0_el1.DebugVer\"), or \"vector_lengths.sve\"",
					       shown);
		if (field < 0 && s[strlen(fwp_hwregs[reg].name)]) {
			if (!fwp_hw_fields(reg, &nfields))
				return mt_fail_element(c, "ignore", s, 0, "ignore: \"%s\": %s has no named fields; ignore it whole as \"%s\"",
						       shown, fwp_hwregs[reg].name, fwp_hwregs[reg].name);
			return mt_fail_element(c, "ignore", s, 0, "ignore: \"%s\": %s has no such field; its fields: %s",
					       shown, fwp_hwregs[reg].name, field_names(reg, names, sizeof(names)));
		}
		if (field < 0 ? mt->ignore_reg[reg] : (mt->ignore_fields[reg] >> field & 1))
			return mt_fail_element(c, "ignore", s, 1, "ignore: \"%s\" is listed twice", shown);
		if (field < 0)
			mt->ignore_reg[reg] = true;
		else
			mt->ignore_fields[reg] |= 1ULL << field;
	}
	return 0;
}

static bool blank(const char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!strchr(" \t\r\n", buf[i]) || !buf[i])
			return false;
	return true;
}

/**
 * mt_load_buffer() - parse and validate a machine-type file held in memory
 * @buf: the file's bytes (need not be NUL-terminated)
 * @len: their number
 * @name: file name for messages
 * @mt: filled on success
 * @err: on failure "NAME:LINE:COLUMN: what is wrong" (position when known)
 *
 * Return: 0, or -1 for any syntax error, duplicate key, unknown key, wrong
 * type, malformed or out-of-range value, or unsupported schema. Either way
 * @mt's per-vCPU arrays may be allocated: mt_free().
 */
int mt_load_buffer(const char *buf, size_t len, const char *name, struct machine_type *mt,
		   struct fwp_err *err)
{
	const struct mt_ctx c = { buf, len, name, err };
	char text[JSON_ERROR_TEXT_LENGTH * 2];
	int schema = 0;
	json_error_t je;
	json_t *root;
	struct pos at = { 1, 0 };
	size_t i;
	int ret;

	memset(mt, 0, sizeof(*mt));
	mt->identity = -1;
	for (i = 0; i < FWP_HW_NR; i++)
		mt->hw[i].reg = i;
	if (blank(buf, len))
		return fwp_fail(err, "%s: empty file: a machine-type file is a JSON object such as {\"schema\": %d, \"registers\": {...}}; create one with 'fwprobe --save'",
				name, MT_SCHEMA);
	if (len >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3))
		return fwp_fail(err, "%s:1:1: the file starts with a UTF-8 byte-order mark, which JSON does not allow; save it without one" HINT,
				name);
	root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &je);
	if (!root) {
		/* jansson quotes the offending input: keep control bytes out of the message. */
		fmt_quoted(je.text, text, sizeof(text));
		if (je.line > 0)
			return fwp_fail(err, "%s:%d:%d: %s" HINT, name, je.line, je.column, text);
		return fwp_fail(err, "%s: %s" HINT, name, text);
	}
	if (!json_is_object(root)) {
		for (i = 0; i < len && strchr(" \t\r\n", buf[i]); i++)
			advance(&at, buf[i]);
		json_decref(root);
		return fwp_fail(err, "%s:%d:%d: the top level is an array; a machine-type file is one JSON object" HINT,
				name, at.line, at.col + 1);
	}
	/* Schema first: a newer file's unknown keys are better explained by its version. */
	ret = (check_schema(&c, root, &schema) || check_top_keys(&c, root, schema) ||
	       load_registers(&c, root, mt) || load_hw_objects(&c, root, mt) ||
	       load_vector_lengths(&c, root, mt) || load_ignore(&c, root, mt) ||
	       load_boot(&c, root, mt) || load_strings(&c, root, mt)) ? -1 : 0;
	json_decref(root);
	return ret;
}

/**
 * mt_free() - free the per-vCPU arrays a load gave @mt (after a failed load too)
 * @mt: loaded, or zeroed
 */
void mt_free(struct machine_type *mt)
{
	unsigned int i;

	for (i = 0; i < FWP_HW_NR; i++)
		hw_row_free(&mt->hw[i]);
}

/**
 * mt_load_file() - read and validate a machine-type file
 * @path: the file
 * @mt: filled on success
 * @err: what is wrong, where, and what to do
 *
 * Return: 0 or -1.
 */
int mt_load_file(const char *path, struct machine_type *mt, struct fwp_err *err)
{
	char *buf = malloc(MT_FILE_MAX + 1);
	size_t len = 0;
	ssize_t n;
	int fd, ret;

	if (!buf)
		return fwp_fail(err, "%s: out of memory", path);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		ret = fwp_fail(err, "%s: cannot open: %s; create it with 'fwprobe --save %s' on a guest that has the expected configuration",
			       path, strerror(errno), path);
		goto out;
	}
	/* Read at most one byte past the limit, so /dev/zero and friends end too. */
	while (len <= MT_FILE_MAX && (n = read(fd, buf + len, MT_FILE_MAX + 1 - len)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			ret = fwp_fail(err, "%s: cannot read: %s", path, strerror(errno));
			goto out_close;
		}
		len += (size_t)n;
	}
	if (len > MT_FILE_MAX)
		ret = fwp_fail(err, "%s: larger than %d bytes, so not a machine-type file (those are a few hundred bytes)" HINT,
			       path, MT_FILE_MAX);
	else
		ret = mt_load_buffer(buf, len, path, mt, err);
out_close:
	close(fd);
out:
	free(buf);
	return ret;
}

/**
 * hw_row_json() - a register across vCPUs as machine types and --json write it
 * @row: the register's values
 *
 * Return: "0x..." when one value stands for every vCPU, an array with one
 * entry per vCPU (null where a vCPU lacks the register) otherwise, null for
 * no value at all.
 */
json_t *hw_row_json(const struct hw_row *row)
{
	json_t *a;
	unsigned int i;

	if (!row->n)
		return json_null();
	if (row->n == 1)
		return json_hex(row->value[0]);
	a = json_array();
	for (i = 0; i < row->n; i++)
		json_array_append_new(a, row->has[i] ? json_hex(row->value[i]) : json_null());
	return a;
}

/* cpu_registers and gic_registers, in table order; left out when empty. */
static int format_hw(json_t *root, const struct machine_type *mt)
{
	json_t *obj[ARRAY_SIZE(hw_objects)];
	unsigned int i, o;
	int bad = 0;

	for (o = 0; o < ARRAY_SIZE(hw_objects); o++)
		obj[o] = json_object();
	for (i = 0; i < FWP_HW_NR; i++)
		if (mt->hw[i].n)
			bad |= json_object_set_new(obj[hw_is_gic(i)], fwp_hwregs[i].name,
						   hw_row_json(&mt->hw[i]));
	for (o = 0; o < ARRAY_SIZE(hw_objects); o++) {
		if (json_object_size(obj[o]))
			bad |= json_object_set(root, hw_objects[o].key, obj[o]);
		json_decref(obj[o]);
	}
	return bad;
}

/* "vector_lengths": {"sve": [16, 32, ...]}: the sets the file lists; left out when none. */
static int format_vector_lengths(json_t *root, const struct machine_type *mt)
{
	json_t *obj = json_object();
	unsigned int k;
	int bad = !obj;

	for (k = 0; k < VL_KINDS && obj; k++)
		if (mt->vl[k].present)
			bad |= json_object_set_new(obj, vl_kind_names[k], json_vl_bytes(mt->vl[k].vqs));
	if (json_object_size(obj))
		bad |= json_object_set(root, "vector_lengths", obj);
	json_decref(obj);
	return bad;
}

static int format_ignore(json_t *root, const struct machine_type *mt)
{
	const struct fwp_hwreg_field *f;
	json_t *list = json_array();
	char entry[KEY_SHOWN_MAX];
	unsigned int i, j, n;
	int bad = 0;

	for (i = 0; i < FWP_HW_NR; i++) {
		if (mt->ignore_reg[i])
			bad |= json_array_append_new(list, json_string(fwp_hwregs[i].name));
		f = fwp_hw_fields(i, &n);
		for (j = 0; j < n && j < MT_FIELDS_MAX; j++)
			if (mt->ignore_fields[i] >> j & 1) {
				snprintf(entry, sizeof(entry), "%s.%s", fwp_hwregs[i].name, f[j].name);
				bad |= json_array_append_new(list, json_string(entry));
			}
	}
	for (i = 0; i < VL_KINDS; i++)
		if (mt->ignore_vl[i]) {
			snprintf(entry, sizeof(entry), "vector_lengths.%s", vl_kind_names[i]);
			bad |= json_array_append_new(list, json_string(entry));
		}
	if (json_array_size(list))
		bad |= json_object_set(root, "ignore", list);
	json_decref(list);
	return bad;
}

/**
 * mt_format() - the JSON text of a machine-type file
 * @mt: what to write: identity if >= 0, every register in @mt->regs, every
 *	hardware register listed in @mt->hw (one string, or an array per vCPU
 *	as the row says), the vector-length sets it lists, the ignore list if any
 * @description: free text for people, or NULL
 *
 * Return: malloc'ed text ending in a newline, or NULL on allocation failure.
 */
/* Whether the file says anything of the boot (and so needs schema 3). */
bool mt_has_boot(const struct machine_type *mt)
{
	const struct mt_boot *b = &mt->boot;

	return b->has_tables || b->has_uefi || b->has_vendor || b->has_version;
}

static int format_boot(json_t *root, const struct machine_type *mt)
{
	const struct mt_boot *b = &mt->boot;
	json_t *o;
	int bad = 0;

	if (!mt_has_boot(mt))
		return 0;
	o = json_object();
	if (!o)
		return -1;
	if (b->has_tables)
		bad |= json_object_set_new(o, "tables", json_string(fwp_boot_tables_names[b->tables]));
	if (b->has_uefi)
		bad |= json_object_set_new(o, "uefi", json_boolean(b->uefi));
	if (b->has_vendor)
		bad |= json_object_set_new(o, "firmware_vendor", json_string(b->vendor));
	if (b->has_version)
		bad |= json_object_set_new(o, "firmware_version", json_string(b->version));
	return json_object_set_new(root, "boot", o) || bad;
}

char *mt_format(const struct machine_type *mt, const char *description)
{
	json_t *root = json_object(), *regs = json_object();
	char hex[FMT_HEX_MAX], *text = NULL, *line;
	unsigned int i;
	int bad = !root || !regs;

	bad |= json_object_set_new(root, "schema", json_integer(mt_has_boot(mt) ? MT_SCHEMA :
									      MT_SCHEMA_HW));
	if (description)
		bad |= json_object_set_new(root, "description", json_string(description));
	if (mt->identity >= 0)
		bad |= json_object_set_new(root, "identity",
					   json_string(fwp_identity_names[mt->identity]));
	for (i = 0; i < FWP_REG_NR; i++)
		if (mt->regs.has[i])
			bad |= json_object_set_new(regs, fwp_reg_names[i],
						   json_string(fmt_hex(hex, mt->regs.value[i])));
	bad |= json_object_set(root, "registers", regs);
	bad |= format_hw(root, mt);
	bad |= format_vector_lengths(root, mt);
	bad |= format_ignore(root, mt);
	bad |= format_boot(root, mt);
	if (!bad)
		text = json_dumps(root, JSON_INDENT(2));
	json_decref(regs);
	json_decref(root);
	if (!text || asprintf(&line, "%s\n", text) < 0)
		line = NULL;
	free(text);
	return line;
}

/**
 * mt_save() - atomically write a machine-type file
 * @path: destination; replaced only once the new content is on disk
 * @mt: identity and registers to record
 * @description: free text, or NULL
 * @err: what failed; @path is then unchanged and no temporary file is left
 *
 * Return: 0 or -1.
 */
int mt_save(const char *path, const struct machine_type *mt, const char *description,
	    struct fwp_err *err)
{
	char *text = mt_format(mt, description);
	int ret;

	if (!text)
		return fwp_fail(err, "cannot save %s: out of memory", path);
	ret = atomic_write(path, text, strlen(text), err);
	free(text);
	return ret;
}
