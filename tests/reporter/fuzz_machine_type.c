// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: mt_load_buffer() on arbitrary bytes. Beyond "no crash,
 * no sanitizer report", two properties are checked: a rejected input always
 * comes with a message, and an accepted one survives a format/load round trip
 * unchanged (what --save writes, --expect must read back identically),
 * hardware registers (one value or one per vCPU), vector lengths and the
 * ignore list included.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "machine_type.h"

static bool same_row(const struct hw_row *a, const struct hw_row *b)
{
	unsigned int i;

	if (a->n != b->n)
		return false;
	for (i = 0; i < a->n; i++)
		if (a->has[i] != b->has[i] || (a->has[i] && a->value[i] != b->value[i]))
			return false;
	return true;
}

static bool same(const struct machine_type *a, const struct machine_type *b)
{
	int i;

	if (a->identity != b->identity || a->vcpus != b->vcpus)
		return false;
	if (a->boot.has_tables != b->boot.has_tables || a->boot.has_uefi != b->boot.has_uefi ||
	    a->boot.has_vendor != b->boot.has_vendor || a->boot.has_version != b->boot.has_version ||
	    (a->boot.has_tables && a->boot.tables != b->boot.tables) ||
	    (a->boot.has_uefi && a->boot.uefi != b->boot.uefi) ||
	    (a->boot.has_vendor && strcmp(a->boot.vendor, b->boot.vendor)) ||
	    (a->boot.has_version && strcmp(a->boot.version, b->boot.version)))
		return false;
	for (i = 0; i < FWP_REG_NR; i++)
		if (a->regs.has[i] != b->regs.has[i] ||
		    (a->regs.has[i] && a->regs.value[i] != b->regs.value[i]))
			return false;
	for (i = 0; i < FWP_HW_NR; i++)
		if (!same_row(&a->hw[i], &b->hw[i]) || a->ignore_reg[i] != b->ignore_reg[i] ||
		    a->ignore_fields[i] != b->ignore_fields[i])
			return false;
	for (i = 0; i < VL_KINDS; i++)
		if (a->vl[i].present != b->vl[i].present || a->vl[i].vqs != b->vl[i].vqs ||
		    a->ignore_vl[i] != b->ignore_vl[i])
			return false;
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct machine_type mt, again;
	struct fwp_err err = { "" };
	char *text;

	if (mt_load_buffer((const char *)data, size, "fuzz.json", &mt, &err)) {
		if (!err.msg[0])
			abort();
		mt_free(&mt);
		return 0;
	}
	text = mt_format(&mt, "round trip");
	if (!text)
		abort();
	if (mt_load_buffer(text, strlen(text), "roundtrip.json", &again, &err) || !same(&mt, &again))
		abort();
	free(text);
	mt_free(&mt);
	mt_free(&again);
	return 0;
}
