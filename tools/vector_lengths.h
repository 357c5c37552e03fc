/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The SVE and SME vector lengths the guest kernel lets a task use, as the
 * reporter finds them with prctl() on the guest itself: fwprobe.ko exports
 * no view of the kernel's vector-length sets, so this is the reporter's
 * own read. A VMM chooses the SVE set per VM (KVM_REG_ARM64_SVE_VLS), a host
 * upgrade or a migration can change it, and a task whose length vanished
 * can fail.
 *
 * A set is a bitmap of vq = VL / 16 bytes: bit vq - 1 for vq 1..16 (the
 * architecture's largest vector is 2048 bits, 256 bytes; lib's FWP_VQ_*).
 */
#ifndef FWP_VECTOR_LENGTHS_H
#define FWP_VECTOR_LENGTHS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fwprobe_hwregs.h"	/* FWP_VQ_BYTES, FWP_VQ_MAX */

#define VL_BYTES_MAX	(FWP_VQ_MAX * FWP_VQ_BYTES)
/* "16,32,...,256": what the longest list takes, plus the NUL. */
#define VL_LIST_MAX	64
/*
 * KVM_REG_ARM64_SVE_VLS (arch/arm64/include/uapi/asm/kvm.h): KVM_REG_ARM64 |
 * KVM_REG_SIZE_U512 | KVM_REG_ARM64_SVE (0x15 << 16) | 0xffff; the VM's SVE set.
 */
#define VL_KVM_SVE_VLS	0x606000000015ffffULL

enum vl_kind { VL_SVE, VL_SME, VL_KINDS };

extern const char *const vl_kind_names[VL_KINDS];	/* "sve", "sme": the JSON keys */
extern const char *const vl_kind_labels[VL_KINDS];	/* "SVE", "SME": for people */

/**
 * struct vl_set - one extension's vector lengths
 * @present: the extension is there (the kernel answered), or the file lists it
 * @vqs: bit vq - 1 set when VL vq * 16 bytes may be used
 */
struct vl_set {
	bool present;
	uint16_t vqs;
};

/**
 * struct vector_lengths - what the reporter read of the guest
 * @read: it asked the kernel (an arm64 build reading the live tree);
 *	  false means nothing is known, not "no SVE"
 * @set: by enum vl_kind
 */
struct vector_lengths {
	bool read;
	struct vl_set set[VL_KINDS];
};

/**
 * typedef vl_prctl_fn - prctl(@option, @arg, 0, 0, 0), or a test's fake of it
 * Return: prctl's result: >= 0, or -1 with errno set.
 */
typedef long (*vl_prctl_fn)(int option, unsigned long arg, void *ctx);

/* The prctl() options of one extension (<linux/prctl.h>). */
struct vl_prctl_ops {
	int get, set;
	unsigned long len_mask, inherit;
};

extern const struct vl_prctl_ops vl_prctl_ops[VL_KINDS];

void vl_enumerate(const struct vl_prctl_ops *ops, vl_prctl_fn call, void *ctx, struct vl_set *out);
void vl_read_live(bool live_root, struct vector_lengths *vl);

static inline bool vl_bytes_valid(long long bytes)
{
	return bytes >= FWP_VQ_BYTES && bytes <= VL_BYTES_MAX && bytes % FWP_VQ_BYTES == 0;
}

static inline unsigned int vl_bit(unsigned int bytes)
{
	return bytes / FWP_VQ_BYTES - 1;
}

const char *vl_list(uint16_t vqs, const char *sep, char *buf, size_t len);

#endif
