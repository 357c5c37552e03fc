// SPDX-License-Identifier: GPL-2.0
/*
 * Enumerating the vector lengths the guest kernel offers a task. Linux has
 * no interface that lists them; PR_SVE_SET_VL (PR_SME_SET_VL) grants the
 * largest supported length at most the one asked for, or the smallest
 * supported one when asked for less than that, so asking for every length
 * from 16 to 256 bytes and collecting the distinct answers gives the set.
 *
 * Only the calling thread's vector length changes (the kernel discards its
 * SVE register state, which the reporter does not use), and it is put back
 * afterwards: nothing outside this process sees the enumeration.
 */
#include <string.h>
#include <sys/prctl.h>

#include "format.h"
#include "vector_lengths.h"

/* Older <linux/prctl.h> (the arm64 sysroot's) may lack the SME options: the values are ABI. */
#ifndef PR_SVE_SET_VL
#define PR_SVE_SET_VL		50
#define PR_SVE_GET_VL		51
#define PR_SVE_VL_LEN_MASK	0xffff
#define PR_SVE_VL_INHERIT	(1 << 17)
#endif
#ifndef PR_SME_SET_VL
#define PR_SME_SET_VL		63
#define PR_SME_GET_VL		64
#define PR_SME_VL_LEN_MASK	0xffff
#define PR_SME_VL_INHERIT	(1 << 17)
#endif

const char *const vl_kind_names[VL_KINDS] = { [VL_SVE] = "sve", [VL_SME] = "sme" };
const char *const vl_kind_labels[VL_KINDS] = { [VL_SVE] = "SVE", [VL_SME] = "SME" };

const struct vl_prctl_ops vl_prctl_ops[VL_KINDS] = {
	[VL_SVE] = { PR_SVE_GET_VL, PR_SVE_SET_VL, PR_SVE_VL_LEN_MASK, PR_SVE_VL_INHERIT },
	[VL_SME] = { PR_SME_GET_VL, PR_SME_SET_VL, PR_SME_VL_LEN_MASK, PR_SME_VL_INHERIT },
};

/**
 * vl_enumerate() - the vector lengths one extension offers
 * @ops: the extension's prctl() options
 * @call: prctl(), or a test's fake kernel
 * @ctx: passed to @call
 * @out: filled; @out->present is false when the kernel does not offer the
 *	 extension (GET fails: EINVAL without it), or refuses or garbles an
 *	 answer half-way, as a partial set would be a wrong one
 *
 * The thread's length (and its inherit-across-exec flag) is restored.
 */
void vl_enumerate(const struct vl_prctl_ops *ops, vl_prctl_fn call, void *ctx, struct vl_set *out)
{
	unsigned int bytes;
	long was, got;
	bool complete = true;

	memset(out, 0, sizeof(*out));
	was = call(ops->get, 0, ctx);
	if (was < 0)
		return;
	for (bytes = FWP_VQ_BYTES; bytes <= VL_BYTES_MAX && complete; bytes += FWP_VQ_BYTES) {
		got = call(ops->set, bytes, ctx);
		complete = got >= 0 && vl_bytes_valid(got & ops->len_mask);
		if (complete)
			out->vqs |= 1U << vl_bit(got & ops->len_mask);
	}
	call(ops->set, was & (ops->len_mask | ops->inherit), ctx);
	out->present = complete;
	if (!complete)
		out->vqs = 0;
}

/* Only arm64 kernels have SVE and SME: elsewhere (the host unit tests) there is nothing to ask. */
#ifdef __aarch64__
#define VL_LIVE_ARCH	true
#else
#define VL_LIVE_ARCH	false
#endif

static long live_prctl(int option, unsigned long arg, void *ctx)
{
	(void)ctx;
	return prctl(option, arg, 0, 0, 0);
}

/**
 * vl_read_live() - ask this kernel, when it is the guest the tree describes
 * @live_root: the module's tree is the live one (a copied tree says nothing
 *	       about the kernel fwprobe runs on)
 * @vl: filled; @vl->read stays false on other architectures or a copied tree
 */
void vl_read_live(bool live_root, struct vector_lengths *vl)
{
	unsigned int k;

	memset(vl, 0, sizeof(*vl));
	if (!VL_LIVE_ARCH || !live_root)
		return;
	for (k = 0; k < VL_KINDS; k++)
		vl_enumerate(&vl_prctl_ops[k], live_prctl, NULL, &vl->set[k]);
	vl->read = true;
}

/** vl_list() - "16,32,64" (@sep ","), ascending; "" for an empty set. */
const char *vl_list(uint16_t vqs, const char *sep, char *buf, size_t len)
{
	size_t used = 0;
	unsigned int vq;

	buf[0] = '\0';
	for (vq = 1; vq <= FWP_VQ_MAX; vq++)
		if (vqs >> (vq - 1) & 1)
			fmt_append(buf, len, &used, "%s%u", used ? sep : "", vq * FWP_VQ_BYTES);
	return buf;
}
