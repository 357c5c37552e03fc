/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Names and encodings that fwprobe.ko and the fwprobe reporter must agree on:
 * the values of KVM's firmware pseudo-registers (named as KVM's uapi names
 * them in <asm/kvm.h>, with FWP_ for KVM_REG_ARM_), and the names of the
 * sysfs files whose names are built from parts (ptp/, discover_impl/).
 * Documentation/ABI/testing/sysfs-class-fwprobe describes the files.
 */
#ifndef FWPROBE_ABI_H
#define FWPROBE_ABI_H

#ifdef __KERNEL__
#include <linux/bits.h>
#include <linux/types.h>
#else
#include "fwprobe_host_compat.h"
#endif

/* KVM_REG_ARM_SMCCC_ARCH_WORKAROUND_1 and _3: one level each. */
#define FWP_SMCCC_ARCH_WORKAROUND_NOT_AVAIL		0
#define FWP_SMCCC_ARCH_WORKAROUND_AVAIL			1
#define FWP_SMCCC_ARCH_WORKAROUND_NOT_REQUIRED		2
#define FWP_SMCCC_ARCH_WORKAROUND_LEVELS		3

/* KVM_REG_ARM_SMCCC_ARCH_WORKAROUND_2: its own levels, and a state of AVAIL. */
#define FWP_SMCCC_ARCH_WORKAROUND_2_NOT_AVAIL		0
#define FWP_SMCCC_ARCH_WORKAROUND_2_UNKNOWN		1
#define FWP_SMCCC_ARCH_WORKAROUND_2_AVAIL		2
#define FWP_SMCCC_ARCH_WORKAROUND_2_NOT_REQUIRED	3
#define FWP_SMCCC_ARCH_WORKAROUND_2_LEVELS		4
#define FWP_SMCCC_ARCH_WORKAROUND_2_ENABLED		BIT(4)

/* Bits of the service bitmaps: KVM_REG_ARM_{STD,STD_HYP,VENDOR_HYP}_BIT_*. */
#define FWP_STD_BIT_TRNG_V1_0				0
#define FWP_STD_HYP_BIT_PV_TIME				0
#define FWP_VENDOR_HYP_BIT_PTP				1
#define FWP_VENDOR_HYP_BIT_DISCOVER_IMPL_VER		0	/* in VENDOR_HYP_BMAP_2 */
#define FWP_VENDOR_HYP_BIT_DISCOVER_IMPL_CPUS		1	/* in VENDOR_HYP_BMAP_2 */
/* Both vendor bitmaps are two bits wide; KVM FEATURES words carry more. */
#define FWP_VENDOR_HYP_BMAP_WIDTH			2
#define FWP_VENDOR_HYP_BMAP_MASK			(BIT(FWP_VENDOR_HYP_BMAP_WIDTH) - 1)

/*
 * The registers' IDs for KVM_GET/SET_ONE_REG: KVM_REG_ARM_FW_REG(r) and
 * KVM_REG_ARM_FW_FEAT_BMAP_REG(r), i.e. KVM_REG_ARM64 | KVM_REG_SIZE_U64 |
 * coprocessor 0x14 or 0x16 | r. fwp_reg_kvm_ids[] follows enum fwp_reg_id.
 */
#define FWP_KVM_REG_ARM_FW_REG(r)		(0x6030000000140000ULL | (r))
#define FWP_KVM_REG_ARM_FW_FEAT_BMAP_REG(r)	(0x6030000000160000ULL | (r))

/* ptp/<counter>_<field>: one KVM PTP sample per counter (FWP_KVM_PTP_*). */
#define FWP_PTP_COUNTERS				2
enum fwp_ptp_field {
	FWP_PTP_STATUS,
	FWP_PTP_HOST_NS,
	FWP_PTP_COUNTER,
	FWP_PTP_COUNTER_IN_WINDOW,
	FWP_PTP_REALTIME_OFFSET_NS,
	FWP_PTP_PLAUSIBLE,
	FWP_PTP_FIELD_NR
};

/* discover_impl/: version, count, then <reg>_<i> for each implementation i. */
enum fwp_impl_reg { FWP_IMPL_MIDR, FWP_IMPL_REVIDR, FWP_IMPL_AIDR, FWP_IMPL_REG_NR };
enum fwp_impl_file { FWP_IMPL_VERSION, FWP_IMPL_COUNT, FWP_IMPL_FIRST_REG };

/* File number of register @reg of implementation @impl, and back. */
#define FWP_IMPL_FILE(impl, reg)	(FWP_IMPL_FIRST_REG + (impl) * FWP_IMPL_REG_NR + (reg))

static inline unsigned int fwp_impl_file_impl(unsigned int file)
{
	return (file - FWP_IMPL_FIRST_REG) / FWP_IMPL_REG_NR;
}

static inline unsigned int fwp_impl_file_reg(unsigned int file)
{
	return (file - FWP_IMPL_FIRST_REG) % FWP_IMPL_REG_NR;
}

extern const char *const fwp_ptp_counter_names[FWP_PTP_COUNTERS];
extern const char *const fwp_ptp_field_names[FWP_PTP_FIELD_NR];
extern const char *const fwp_impl_reg_names[FWP_IMPL_REG_NR];
extern const u64 fwp_reg_kvm_ids[];	/* [FWP_REG_NR], by enum fwp_reg_id */

#endif
