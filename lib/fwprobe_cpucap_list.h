/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's capabilities (arch/arm64/tools/cpucaps) whose loss after boot
 * fwprobe tells, each with what breaks when a vCPU no longer meets one the
 * kernel enabled. Included with the macro defined by the user (no include
 * guard): lib/fwprobe_safety.c builds the names, fwprobe.ko this build's
 * numbers (ARM64_<name>).
 *
 * Only capabilities whose test (the matches() this_cpu_has_cap() runs)
 * compares ID registers and CTR_EL0 and does nothing else, and that 6.1,
 * 6.12 and 7.x all have (read in Debian's 6.1.192, 6.12.118 and 7.2.13).
 * Left out:
 * - the errata, and every capability whose test has an effect (the GICv3
 *   CPU interface one writes ICC_SRE_EL1, UNMAP_KERNEL_AT_EL0 sets globals)
 *   or calls firmware (the Spectre ones ask ARCH_FEATURES);
 * - those whose test ignores the CPU (HAS_GENERIC_AUTH, HAS_AMU_EXTN,
 *   HW_DBM: the three HAS_GENERIC_AUTH_* below stand for the first);
 * - those only a KVM host uses (HAS_STAGE2_FWB, HAS_32BIT_EL1, ...), and
 *   HAS_LDAPR, which only an LTO build uses (Debian's are not);
 * HAS_ADDRESS_AUTH also fails on a vCPU with a higher pointer
 * authentication level than the boot CPU: so does the kernel's own test,
 * as the algorithm signing the kernel's return addresses would differ.
 *
 * FWP_CPUCAP(name, breaks): enum fwp_breaks without its prefix.
 * FWP_CPUCAP_SINCE(name, breaks, version): one that kernels before 6_12 or
 *   7_2 lack (they never enable it, so it is never counted as lost there);
 *   "7_2" means present in 7.2.13, whichever 7.x brought it.
 */
FWP_CPUCAP(HAS_LSE_ATOMICS,	KERNEL)		/* atomics patched in at boot */
FWP_CPUCAP(HAS_PAN,		KERNEL)		/* MSR PAN around every user access */
FWP_CPUCAP(HAS_TLB_RANGE,	KERNEL)		/* TLBI RVA* */
FWP_CPUCAP(HAS_SB,		KERNEL)		/* SB as the speculation barrier */
FWP_CPUCAP(HAS_RNG,		KERNEL)		/* RNDR in arch_get_random*() */
FWP_CPUCAP(HAS_WFXT,		KERNEL)		/* WFET in udelay() */
FWP_CPUCAP(HAS_DCPOP,		KERNEL)		/* DC CVAP for persistent memory */
FWP_CPUCAP(HAS_ECV,		KERNEL)		/* self-synchronising counter reads */
FWP_CPUCAP(HAS_CRC32,		KERNEL)		/* the crc32 library */
FWP_CPUCAP(HAS_ADDRESS_AUTH,	KERNEL)		/* the kernel's own return addresses */
FWP_CPUCAP(SSBS,		KERNEL)		/* MSR SSBS at context switch */
FWP_CPUCAP(SVE,			KERNEL)		/* SVE state at context switch */
FWP_CPUCAP(SME,			KERNEL)
FWP_CPUCAP(MTE,			KERNEL)		/* tags at entry and page clearing */
FWP_CPUCAP(HAS_GENERIC_AUTH_ARCH_QARMA5, PROCESSES)	/* PACGA */
FWP_CPUCAP(HAS_GENERIC_AUTH_ARCH_QARMA3, PROCESSES)
FWP_CPUCAP(HAS_GENERIC_AUTH_IMP_DEF, PROCESSES)
FWP_CPUCAP(MTE_ASYMM,		PROCESSES)
FWP_CPUCAP(SME_FA64,		PROCESSES)
FWP_CPUCAP(HAS_32BIT_EL0_DO_NOT_USE, PROCESSES)	/* 32-bit processes at all */
FWP_CPUCAP(HAS_CACHE_IDC,	SILENT)		/* no D-cache clean for I/D coherence */
FWP_CPUCAP(HAS_CACHE_DIC,	SILENT)		/* no I-cache invalidation */
FWP_CPUCAP(HAS_DCPODP,		SILENT)
FWP_CPUCAP(HAS_EPAN,		SILENT)		/* execute-only user pages lose PAN */
FWP_CPUCAP(HAS_E0PD,		SILENT)		/* kernel addresses timeable from EL0 */
FWP_CPUCAP(BTI,			SILENT)		/* BTI is a hint: checking stops */
FWP_CPUCAP(HAS_RAS_EXTN,	SILENT)		/* ESB is a hint */
FWP_CPUCAP(HAS_ARMv8_4_TTL,	SILENT)		/* TLBI level hints ignored */
FWP_CPUCAP(HAS_TIDCP1,		SILENT)		/* EL0 IMP DEF registers untrapped */
FWP_CPUCAP_SINCE(HAS_FPSIMD,	KERNEL, 6_12)	/* FP/SIMD state, kernel-mode NEON */
FWP_CPUCAP_SINCE(SME2,		KERNEL, 6_12)	/* ZT0 at context switch */
FWP_CPUCAP_SINCE(HAS_DIT,	KERNEL, 6_12)	/* MSR DIT at every kernel entry */
FWP_CPUCAP_SINCE(HAS_TCR2,	KERNEL, 6_12)	/* TCR2_EL1 at CPU setup and resume */
FWP_CPUCAP_SINCE(HAS_FPMR,	KERNEL, 6_12)	/* FPMR at context switch */
FWP_CPUCAP_SINCE(HAS_VA52,	KERNEL, 6_12)	/* 52-bit VA page tables */
FWP_CPUCAP_SINCE(HAS_S1POE,	KERNEL, 6_12)	/* POR_EL0 at context switch */
FWP_CPUCAP_SINCE(HAS_MOPS,	PROCESSES, 6_12) /* CPY/SET at EL0; 7.2's own memcpy too */
FWP_CPUCAP_SINCE(HAS_GCS,	KERNEL, 7_2)	/* GCS state at context switch */
FWP_CPUCAP_SINCE(HAS_GICV5_CPUIF, KERNEL, 7_2)	/* GICv5 system instructions */
FWP_CPUCAP_SINCE(MTE_FAR,	PROCESSES, 7_2)	/* tag bits in a fault's address */
FWP_CPUCAP_SINCE(MTE_STORE_ONLY, PROCESSES, 7_2)
FWP_CPUCAP_SINCE(HAFT,		SILENT, 7_2)	/* table access flags: young-ness guesses */
