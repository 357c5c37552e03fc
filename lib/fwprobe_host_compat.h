/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host (userspace) stand-ins for the few kernel definitions the shared probe
 * core uses, so the core compiles unchanged into the host unit tests. The
 * SMCCC field layout is the one of <linux/arm-smccc.h>.
 */
#ifndef FWPROBE_HOST_COMPAT_H
#define FWPROBE_HOST_COMPAT_H

#include <assert.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef int32_t s32;
typedef uint64_t u64;
typedef int64_t s64;

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define BIT(n) (1UL << (n))
#define BIT_ULL(n) (1ULL << (n))

#define ARM_SMCCC_FAST_CALL		1U
#define ARM_SMCCC_SMC_32		0U
#define ARM_SMCCC_SMC_64		1U
#define ARM_SMCCC_TYPE_SHIFT		31
#define ARM_SMCCC_CALL_CONV_SHIFT	30
#define ARM_SMCCC_OWNER_MASK		0x3F
#define ARM_SMCCC_OWNER_SHIFT		24
#define ARM_SMCCC_FUNC_MASK		0xFFFF
#define ARM_SMCCC_OWNER_ARCH		0
#define ARM_SMCCC_OWNER_STANDARD	4
#define ARM_SMCCC_OWNER_STANDARD_HYP	5
#define ARM_SMCCC_OWNER_VENDOR_HYP	6
#define ARM_SMCCC_CALL_VAL(type, calling_convention, owner, func_num)		\
	(((type) << ARM_SMCCC_TYPE_SHIFT) |					\
	((calling_convention) << ARM_SMCCC_CALL_CONV_SHIFT) |			\
	(((owner) & ARM_SMCCC_OWNER_MASK) << ARM_SMCCC_OWNER_SHIFT) |		\
	((func_num) & ARM_SMCCC_FUNC_MASK))

#endif
