/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The errata workarounds (arch/arm64/kernel/cpu_errata.c) a vCPU may newly
 * need after a live migration to another CPU type, each with what breaks
 * when it runs without. Included with the macro defined by the user (no
 * include guard): lib/fwprobe_safety.c builds the names, fwprobe.ko this
 * build's numbers (ARM64_<name>).
 *
 * Only those that, in Debian's 6.1.192, 6.12 and 7.2.13 cloud kernels, all
 * have under this name; whose test reads MIDR, REVIDR, CTR, CLIDR or ID
 * registers and nothing else (the Spectre ones call firmware or write
 * globals: left out); whose type refuses a late CPU that needs them
 * (ARM64_CPUCAP_LOCAL_CPU_ERRATUM; 1418040 allows one: left out); and that
 * Debian builds in. A vCPU that needs one the kernel did not enable is one
 * the kernel itself would refuse to bring online. Some matter only to a
 * guest that itself runs KVM ("KVM host only") or never match at EL1; the
 * kernel's rule counts them all the same. On a 7.x guest given a
 * DISCOVER_IMPL list, the MIDR tests answer from that list.
 *
 * FWP_ERRATUM(name, breaks): enum fwp_breaks without its prefix.
 */
FWP_ERRATUM(WORKAROUND_CLEAN_CACHE, KERNEL)	/* A53: DC CVAU as CIVAC */
FWP_ERRATUM(WORKAROUND_DEVICE_LOAD_ACQUIRE, KERNEL)	/* A57 832075: deadlock */
FWP_ERRATUM(WORKAROUND_834220, KERNEL)	/* A57: KVM host only */
FWP_ERRATUM(WORKAROUND_843419, KERNEL)	/* A53: ADRP; module veneers */
FWP_ERRATUM(WORKAROUND_845719, PROCESSES)	/* A53: AArch32 loads */
FWP_ERRATUM(WORKAROUND_CAVIUM_23154, KERNEL)	/* ThunderX: GICv3 IAR */
FWP_ERRATUM(WORKAROUND_CAVIUM_27456, KERNEL)	/* ThunderX: I-cache */
FWP_ERRATUM(WORKAROUND_CAVIUM_30115, KERNEL)	/* ThunderX: KVM host only */
FWP_ERRATUM(MISMATCHED_CACHE_TYPE, PROCESSES)	/* CTR_EL0 unlike the boot CPU's */
FWP_ERRATUM(WORKAROUND_QCOM_FALKOR_E1003, KERNEL)	/* Falkor: stale ASID */
FWP_ERRATUM(WORKAROUND_REPEAT_TLBI, KERNEL)	/* A76, N1 and later: TLBI */
FWP_ERRATUM(WORKAROUND_858921, KERNEL)	/* A73: counter reads */
FWP_ERRATUM(SPECTRE_V3A, SILENT)	/* A57/A72: KVM host only */
FWP_ERRATUM(WORKAROUND_SPECULATIVE_AT, KERNEL)	/* A76 1165522: KVM host only */
FWP_ERRATUM(WORKAROUND_1463225, KERNEL)	/* A76: VHE only */
FWP_ERRATUM(WORKAROUND_CAVIUM_TX2_219_TVM, KERNEL)	/* ThunderX2: hyp only */
FWP_ERRATUM(WORKAROUND_CAVIUM_TX2_219_PRFM, KERNEL)	/* ThunderX2: PRFM */
FWP_ERRATUM(WORKAROUND_1508412, KERNEL)	/* A77: deadlock */
FWP_ERRATUM(WORKAROUND_TSB_FLUSH_FAILURE, SILENT)	/* N2, A710: trace */
FWP_ERRATUM(WORKAROUND_2077057, KERNEL)	/* A510: KVM host only */
FWP_ERRATUM(WORKAROUND_2064142, SILENT)	/* A510: trace */
FWP_ERRATUM(WORKAROUND_2038923, SILENT)	/* A510: trace */
FWP_ERRATUM(WORKAROUND_1902691, SILENT)	/* A510: trace */
FWP_ERRATUM(WORKAROUND_1742098, PROCESSES)	/* A57/A72: AArch32 AES */
FWP_ERRATUM(WORKAROUND_2658417, PROCESSES)	/* A510: BF16 results */
FWP_ERRATUM(WORKAROUND_SPECULATIVE_SSBS, SILENT)	/* MSR SSBS not synchronising */
FWP_ERRATUM(WORKAROUND_SPECULATIVE_UNPRIV_LOAD, SILENT)	/* A520: leak */
FWP_ERRATUM(WORKAROUND_AMPERE_AC03_CPU_38, KERNEL)	/* AmpereOne: KVM host only */
