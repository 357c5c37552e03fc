// SPDX-License-Identifier: GPL-2.0
/*
 * The drift rules. A key the file leaves out is not checked. A register the
 * guest cannot determine but the file expects is drift: the guest may be
 * fine, but nothing proves it, and the message carries the module's basis
 * text so the reader sees why. Equality for PSCI_VERSION and the bitmaps,
 * "not worse than" for the workaround levels (registers.c).
 */
#include <string.h>

#include "diff.h"
#include "format.h"
#include "hwdiff.h"

static void diff_identity(const struct machine_type *mt, const struct fwp_model *m,
			  struct drift_report *out)
{
	struct drift *d;

	if (mt->identity < 0 || mt->identity == (int)m->identity)
		return;
	d = diff_add(out, DIFF_KEY_IDENTITY, "identity");
	snprintf(d->expected, sizeof(d->expected), "%s", fwp_identity_names[mt->identity]);
	snprintf(d->actual, sizeof(d->actual), "%s", fwp_identity_names[m->identity]);
	snprintf(d->message, sizeof(d->message), "identity: expected %s, guest sees %s",
		 d->expected, d->actual);
}

/* One "boot" key that differs: what the file says and what the guest does, as text. */
static void boot_drift(struct drift_report *out, const char *key, const char *want,
		       const char *got, const char *why)
{
	struct drift *d = diff_add(out, DIFF_KEY_BOOT, key);

	snprintf(d->expected, sizeof(d->expected), "%s", want);
	snprintf(d->actual, sizeof(d->actual), "%s", got);
	snprintf(d->message, sizeof(d->message), "%s: expected %s, guest %s%s", key, want,
		 got[0] ? "sees " : "has none", got);
	if (why)
		snprintf(d->message + strlen(d->message), sizeof(d->message) - strlen(d->message),
			 ": %s", why);
}

/*
 * "boot": how the guest booted. A module without boot/ says nothing of it,
 * so every key the file has then differs (guest "has none").
 */
static void diff_boot(const struct machine_type *mt, const struct fwp_model *m,
		      struct drift_report *out)
{
	const struct mt_boot *b = &mt->boot;
	const struct fwp_boot_view *g = &m->boot;
	static const char *const yes_no[] = { "false", "true" };
	const char *why = g->present ? NULL : "fwprobe.ko publishes no boot/ (an older module)";

	if (b->has_tables && (!g->present || g->tables != b->tables))
		boot_drift(out, "boot.tables", fwp_boot_tables_names[b->tables],
			   g->present ? fwp_boot_tables_names[g->tables] : "", why);
	if (b->has_uefi && (!g->present || !g->uefi != !b->uefi))
		boot_drift(out, "boot.uefi", yes_no[b->uefi], g->present ? yes_no[!!g->uefi] : "",
			   why);
	if (b->has_vendor && (!g->vendor.present || strcmp(g->vendor.s, b->vendor)))
		boot_drift(out, "boot.firmware_vendor", b->vendor,
			   g->vendor.present ? g->vendor.s : "", why);
	if (b->has_version && (!g->version.present || strcmp(g->version.s, b->version)))
		boot_drift(out, "boot.firmware_version", b->version,
			   g->version.present ? g->version.s : "", why);
}

/* "vendor_hyp_bmap: ...: PTP missing, PKVM_HYP_MEMINFO extra" tail for bitmaps. */
static void bits_tail(const struct drift *d, char *buf, size_t len)
{
	char names[REG_TEXT_MAX];
	size_t used = 0;

	buf[0] = '\0';
	if (d->missing) {
		reg_bits_text(d->reg, d->missing, names, sizeof(names));
		fmt_append(buf, len, &used, ": %s missing", names);
	}
	if (d->extra) {
		reg_bits_text(d->reg, d->extra, names, sizeof(names));
		fmt_append(buf, len, &used, "%s %s extra", used ? "," : ":", names);
	}
}

static void diff_register(const struct machine_type *mt, const struct fwp_model *m,
			  enum fwp_reg_id id, struct drift_report *out)
{
	uint64_t want = mt->regs.value[id], got = m->regs.value[id];
	const char *at_least = reg_rule(id) == REG_AT_LEAST ? "at least " : "";
	char want_text[REG_TEXT_MAX], got_text[REG_TEXT_MAX], tail[2 * REG_TEXT_MAX];
	char want_hex[FMT_HEX_MAX], got_hex[FMT_HEX_MAX];
	struct drift *d;

	if (!mt->regs.has[id])
		return;
	if (m->regs.has[id] && reg_satisfies(id, want, got))
		return;
	d = diff_add(out, id, fwp_reg_names[id]);
	snprintf(d->expected, sizeof(d->expected), "%s", fmt_hex(want_hex, want));
	reg_describe(id, want, want_text, sizeof(want_text));
	if (!m->regs.has[id]) {
		snprintf(d->message, sizeof(d->message), "%s: expected %s%s (%s), guest cannot determine it: %s",
			 d->key, at_least, want_hex, want_text, m->basis[id]);
		return;
	}
	snprintf(d->actual, sizeof(d->actual), "%s", fmt_hex(got_hex, got));
	reg_describe(id, got, got_text, sizeof(got_text));
	switch (reg_rule(id)) {
	case REG_EXACT_BITS:
		d->missing = want & ~got;
		d->extra = got & ~want;
		bits_tail(d, tail, sizeof(tail));
		break;
	case REG_AT_LEAST:
		snprintf(tail, sizeof(tail), ": less protected");
		break;
	case REG_EXACT_VERSION:
		snprintf(tail, sizeof(tail), ": PSCI %s than expected", got < want ? "older" : "newer");
		break;
	}
	snprintf(d->message, sizeof(d->message), "%s: expected %s%s (%s), guest sees %s (%s)%s",
		 d->key, at_least, want_hex, want_text, got_hex, got_text, tail);
}

/* Where a VMM sets the set, for the line: SME has no KVM register (none up to Linux 7.2's uapi). */
static const char *const vl_labels[VL_KINDS] = {
	[VL_SVE] = "KVM register KVM_REG_ARM64_SVE_VLS 0x606000000015ffff",
	[VL_SME] = "no KVM register: KVM offers guests no SME up to Linux 7.2",
};

/*
 * Vector lengths: the sets must be equal. A length that vanished breaks a
 * task that uses it (the kernel grants a task a length once, at prctl() or
 * exec); one that appeared is only new.
 */
static void diff_vl(const struct machine_type *mt, const struct fwp_model *m, enum vl_kind k,
		    struct drift_report *out)
{
	const struct vl_set *want = &mt->vl[k], *got = &m->vl.set[k];
	char list[VL_LIST_MAX], tail[2 * VL_LIST_MAX + 80] = "";
	const char *name = vl_kind_labels[k];
	size_t used = 0;
	struct drift *d;

	if (!want->present || mt->ignore_vl[k])
		return;
	if (m->vl.read && got->present && got->vqs == want->vqs)
		return;
	d = diff_add(out, DIFF_KEY_VL, k == VL_SVE ? "vector_lengths.sve" : "vector_lengths.sme");
	if (!d)
		return;
	d->vl = k;
	d->kvm_id = k == VL_SVE ? VL_KVM_SVE_VLS : 0;
	vl_list(want->vqs, ",", d->expected, sizeof(d->expected));
	if (!m->vl.read) {
		snprintf(d->message, sizeof(d->message), "%s vector lengths: expected %s, not read: fwprobe asks the kernel it runs on (prctl), so only an arm64 build on the guest itself with the default --sysfs-root can tell",
			 name, d->expected);
		return;
	}
	d->missing = want->vqs & ~(got->present ? got->vqs : 0);
	d->extra = got->present ? got->vqs & ~want->vqs : 0;
	d->survivable = !d->missing;
	if (got->present) {
		vl_list(got->vqs, ",", d->actual, sizeof(d->actual));
		fmt_append(tail, sizeof(tail), &used, ", guest may use %s", d->actual);
		if (d->missing)
			fmt_append(tail, sizeof(tail), &used, ": %s missing: a guest that uses %s can fail",
				   vl_list(d->missing, ",", list, sizeof(list)),
				   d->missing & (d->missing - 1) ? "them" : "it");
		if (d->extra)
			fmt_append(tail, sizeof(tail), &used, "%s %s extra", d->missing ? ";" : ":",
				   vl_list(d->extra, ",", list, sizeof(list)));
	} else {
		fmt_append(tail, sizeof(tail), &used, ", guest has no %s: a guest that uses it can fail",
			   name);
	}
	snprintf(d->message, sizeof(d->message), "%s vector lengths: expected %s%s (%s)", name,
		 d->expected, tail, vl_labels[k]);
}

/**
 * diff_guest() - compare a guest with a machine-type file
 * @mt: what the file expects (keys it leaves out are not checked)
 * @m: what the guest sees
 * @out: the differences: identity, boot, firmware registers in register order,
 *	 vector lengths (before the hardware registers, which alone can fill
 *	 the report), then the vCPU count and hardware registers in table order
 *
 * Return: true if there is no difference (exit status 0), false for drift.
 */
bool diff_guest(const struct machine_type *mt, const struct fwp_model *m,
		struct drift_report *out)
{
	int id;

	out->n = 0;
	out->truncated = false;
	diff_identity(mt, m, out);
	diff_boot(mt, m, out);
	for (id = 0; id < FWP_REG_NR; id++)
		diff_register(mt, m, id, out);
	for (id = 0; id < VL_KINDS; id++)
		diff_vl(mt, m, id, out);
	diff_hw(mt, m, out);
	return out->n == 0;
}
