/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ELF HWCAPs the kernel gives every process at exec (AT_HWCAP, AT_HWCAP2,
 * AT_HWCAP3; /proc/cpuinfo "Features"), each derived from one ID register
 * field by arch/arm64/kernel/cpufeature.c (arm64_elf_hwcaps[]). Included
 * with the macros defined by the user (no include guard): lib/fwprobe_safety.c
 * builds the table, fwprobe.ko the compat HWCAPs' kernel bits.
 *
 * FWP_HWCAP(name, word, bit, register, FIELD, min): /proc/cpuinfo's name;
 *   the auxv word (1, 2 or 3) and uapi bit; the register of
 *   fwprobe_hwreg_list.h and its field of fwprobe_hwreg_fields.h; the least
 *   field value that gives the HWCAP (signed where the field is).
 *
 * Read from Debian's linux-source 6.1.192, 6.12.118 and 7.2.13: no HWCAP of
 * 6.1 changes field or least value later; "since" marks later ones (a kernel
 * that lacks one never sets it, so it is never counted as lost). "with SVE"
 * and "with SME": 6.12 and later also require the SVE or SME field of
 * ID_AA64PFR0/1 for them, and losing that loses sve or sme itself. Left out:
 * the HWCAPs with a match of their own (compat neon too).
 *
 * FWP_COMPAT_HWCAP(name, kernel bit, register, FIELD, min): a HWCAP a 32-bit
 *   process gets (compat_elf_hwcaps[]), given only where the kernel runs
 *   32-bit processes at all (system_supports_32bit_el0()); named as
 *   /proc/cpuinfo shows it to one, after "compat_"; the kernel's
 *   COMPAT_HWCAP* macro. FWP_COMPAT_HWCAP_SINCE(..., version): one the
 *   kernels before that version lack, macro and all (6.1 has vfp to crc32
 *   only), as FWP_CPUCAP_SINCE's groups.
 */
FWP_HWCAP(fp,	1, 0,	id_aa64pfr0_el1,	FP,	0)	/* signed */
FWP_HWCAP(asimd,	1, 1,	id_aa64pfr0_el1,	AdvSIMD,	0)	/* signed */
FWP_HWCAP(aes,	1, 3,	id_aa64isar0_el1,	AES,	1)
FWP_HWCAP(pmull,	1, 4,	id_aa64isar0_el1,	AES,	2)
FWP_HWCAP(sha1,	1, 5,	id_aa64isar0_el1,	SHA1,	1)
FWP_HWCAP(sha2,	1, 6,	id_aa64isar0_el1,	SHA2,	1)
FWP_HWCAP(crc32,	1, 7,	id_aa64isar0_el1,	CRC32,	1)
FWP_HWCAP(atomics,	1, 8,	id_aa64isar0_el1,	ATOMIC,	2)
FWP_HWCAP(fphp,	1, 9,	id_aa64pfr0_el1,	FP,	1)	/* signed */
FWP_HWCAP(asimdhp,	1, 10,	id_aa64pfr0_el1,	AdvSIMD,	1)	/* signed */
FWP_HWCAP(asimdrdm,	1, 12,	id_aa64isar0_el1,	RDM,	1)
FWP_HWCAP(jscvt,	1, 13,	id_aa64isar1_el1,	JSCVT,	1)
FWP_HWCAP(fcma,	1, 14,	id_aa64isar1_el1,	FCMA,	1)
FWP_HWCAP(lrcpc,	1, 15,	id_aa64isar1_el1,	LRCPC,	1)
FWP_HWCAP(dcpop,	1, 16,	id_aa64isar1_el1,	DPB,	1)
FWP_HWCAP(sha3,	1, 17,	id_aa64isar0_el1,	SHA3,	1)
FWP_HWCAP(sm3,	1, 18,	id_aa64isar0_el1,	SM3,	1)
FWP_HWCAP(sm4,	1, 19,	id_aa64isar0_el1,	SM4,	1)
FWP_HWCAP(asimddp,	1, 20,	id_aa64isar0_el1,	DP,	1)
FWP_HWCAP(sha512,	1, 21,	id_aa64isar0_el1,	SHA2,	2)
FWP_HWCAP(sve,	1, 22,	id_aa64pfr0_el1,	SVE,	1)
FWP_HWCAP(asimdfhm,	1, 23,	id_aa64isar0_el1,	FHM,	1)
FWP_HWCAP(dit,	1, 24,	id_aa64pfr0_el1,	DIT,	1)
FWP_HWCAP(uscat,	1, 25,	id_aa64mmfr2_el1,	AT,	1)
FWP_HWCAP(ilrcpc,	1, 26,	id_aa64isar1_el1,	LRCPC,	2)
FWP_HWCAP(flagm,	1, 27,	id_aa64isar0_el1,	TS,	1)
FWP_HWCAP(ssbs,	1, 28,	id_aa64pfr1_el1,	SSBS,	2)
FWP_HWCAP(sb,	1, 29,	id_aa64isar1_el1,	SB,	1)
FWP_HWCAP(gcs,	1, 32,	id_aa64pfr1_el1,	GCS,	1)	/* since 7.0 */
FWP_HWCAP(cmpbr,	1, 33,	id_aa64isar2_el1,	CSSC,	2)	/* since 7.0 */
FWP_HWCAP(fprcvt,	1, 34,	id_aa64isar3_el1,	FPRCVT,	1)	/* since 7.0 */
FWP_HWCAP(f8mm8,	1, 35,	id_aa64fpfr0_el1,	F8MM8,	1)	/* since 7.0 */
FWP_HWCAP(f8mm4,	1, 36,	id_aa64fpfr0_el1,	F8MM4,	1)	/* since 7.0 */
FWP_HWCAP(svef16mm,	1, 37,	id_aa64zfr0_el1,	F16MM,	1)	/* since 7.0, with SVE */
FWP_HWCAP(sveeltperm,	1, 38,	id_aa64zfr0_el1,	EltPerm,	1) /* since 7.0, with SVE */
FWP_HWCAP(sveaes2,	1, 39,	id_aa64zfr0_el1,	AES,	3)	/* since 7.0, with SVE */
FWP_HWCAP(svebfscale,	1, 40,	id_aa64zfr0_el1,	B16B16,	2)	/* since 7.0, with SVE */
FWP_HWCAP(sve2p2,	1, 41,	id_aa64zfr0_el1,	SVEver,	3)	/* since 7.0, with SVE */
FWP_HWCAP(sme2p2,	1, 42,	id_aa64smfr0_el1,	SMEver,	3)	/* since 7.0, with SME */
FWP_HWCAP(smesbitperm,	1, 43,	id_aa64smfr0_el1,	SBitPerm,	1) /* since 7.0, with SME */
FWP_HWCAP(smeaes,	1, 44,	id_aa64smfr0_el1,	AES,	1)	/* since 7.0, with SME */
FWP_HWCAP(smesfexpa,	1, 45,	id_aa64smfr0_el1,	SFEXPA,	1)	/* since 7.0, with SME */
FWP_HWCAP(smestmop,	1, 46,	id_aa64smfr0_el1,	STMOP,	1)	/* since 7.0, with SME */
FWP_HWCAP(smesmop4,	1, 47,	id_aa64smfr0_el1,	SMOP4,	1)	/* since 7.0, with SME */
FWP_HWCAP(dcpodp,	2, 0,	id_aa64isar1_el1,	DPB,	2)
FWP_HWCAP(sve2,	2, 1,	id_aa64zfr0_el1,	SVEver,	1)	/* with SVE */
FWP_HWCAP(sveaes,	2, 2,	id_aa64zfr0_el1,	AES,	1)	/* with SVE */
FWP_HWCAP(svepmull,	2, 3,	id_aa64zfr0_el1,	AES,	2)	/* with SVE */
FWP_HWCAP(svebitperm,	2, 4,	id_aa64zfr0_el1,	BitPerm,	1)	/* with SVE */
FWP_HWCAP(svesha3,	2, 5,	id_aa64zfr0_el1,	SHA3,	1)	/* with SVE */
FWP_HWCAP(svesm4,	2, 6,	id_aa64zfr0_el1,	SM4,	1)	/* with SVE */
FWP_HWCAP(flagm2,	2, 7,	id_aa64isar0_el1,	TS,	2)
FWP_HWCAP(frint,	2, 8,	id_aa64isar1_el1,	FRINTTS,	1)
FWP_HWCAP(svei8mm,	2, 9,	id_aa64zfr0_el1,	I8MM,	1)	/* with SVE */
FWP_HWCAP(svef32mm,	2, 10,	id_aa64zfr0_el1,	F32MM,	1)	/* with SVE */
FWP_HWCAP(svef64mm,	2, 11,	id_aa64zfr0_el1,	F64MM,	1)	/* with SVE */
FWP_HWCAP(svebf16,	2, 12,	id_aa64zfr0_el1,	BF16,	1)	/* with SVE */
FWP_HWCAP(i8mm,	2, 13,	id_aa64isar1_el1,	I8MM,	1)
FWP_HWCAP(bf16,	2, 14,	id_aa64isar1_el1,	BF16,	1)
FWP_HWCAP(dgh,	2, 15,	id_aa64isar1_el1,	DGH,	1)
FWP_HWCAP(rng,	2, 16,	id_aa64isar0_el1,	RNDR,	1)
FWP_HWCAP(bti,	2, 17,	id_aa64pfr1_el1,	BT,	1)
FWP_HWCAP(mte,	2, 18,	id_aa64pfr1_el1,	MTE,	2)
FWP_HWCAP(ecv,	2, 19,	id_aa64mmfr0_el1,	ECV,	1)
FWP_HWCAP(afp,	2, 20,	id_aa64mmfr1_el1,	AFP,	1)
FWP_HWCAP(rpres,	2, 21,	id_aa64isar2_el1,	RPRES,	1)
FWP_HWCAP(mte3,	2, 22,	id_aa64pfr1_el1,	MTE,	3)
FWP_HWCAP(sme,	2, 23,	id_aa64pfr1_el1,	SME,	1)
FWP_HWCAP(smei16i64,	2, 24,	id_aa64smfr0_el1,	I16I64,	15)	/* with SME */
FWP_HWCAP(smef64f64,	2, 25,	id_aa64smfr0_el1,	F64F64,	1)	/* with SME */
FWP_HWCAP(smei8i32,	2, 26,	id_aa64smfr0_el1,	I8I32,	15)	/* with SME */
FWP_HWCAP(smef16f32,	2, 27,	id_aa64smfr0_el1,	F16F32,	1)	/* with SME */
FWP_HWCAP(smeb16f32,	2, 28,	id_aa64smfr0_el1,	B16F32,	1)	/* with SME */
FWP_HWCAP(smef32f32,	2, 29,	id_aa64smfr0_el1,	F32F32,	1)	/* with SME */
FWP_HWCAP(smefa64,	2, 30,	id_aa64smfr0_el1,	FA64,	1)	/* with SME */
FWP_HWCAP(wfxt,	2, 31,	id_aa64isar2_el1,	WFxT,	2)
FWP_HWCAP(ebf16,	2, 32,	id_aa64isar1_el1,	BF16,	2)
FWP_HWCAP(sveebf16,	2, 33,	id_aa64zfr0_el1,	BF16,	2)	/* with SVE */
FWP_HWCAP(cssc,	2, 34,	id_aa64isar2_el1,	CSSC,	1)	/* since 6.12 */
FWP_HWCAP(rprfm,	2, 35,	id_aa64isar2_el1,	RPRFM,	1)	/* since 6.12 */
FWP_HWCAP(sve2p1,	2, 36,	id_aa64zfr0_el1,	SVEver,	2)	/* since 6.12, with SVE */
FWP_HWCAP(sme2,	2, 37,	id_aa64smfr0_el1,	SMEver,	1)	/* since 6.12, with SME */
FWP_HWCAP(sme2p1,	2, 38,	id_aa64smfr0_el1,	SMEver,	2)	/* since 6.12, with SME */
FWP_HWCAP(smei16i32,	2, 39,	id_aa64smfr0_el1,	I16I32,	5)	/* since 6.12, with SME */
FWP_HWCAP(smebi32i32,	2, 40,	id_aa64smfr0_el1,	BI32I32, 1) /* since 6.12, with SME */
FWP_HWCAP(smeb16b16,	2, 41,	id_aa64smfr0_el1,	B16B16,	1)	/* since 6.12, with SME */
FWP_HWCAP(smef16f16,	2, 42,	id_aa64smfr0_el1,	F16F16,	1)	/* since 6.12, with SME */
FWP_HWCAP(mops,	2, 43,	id_aa64isar2_el1,	MOPS,	1)	/* since 6.12 */
FWP_HWCAP(hbc,	2, 44,	id_aa64isar2_el1,	BC,	1)	/* since 6.12 */
FWP_HWCAP(sveb16b16,	2, 45,	id_aa64zfr0_el1,	B16B16,	1)	/* since 6.12, with SVE */
FWP_HWCAP(lrcpc3,	2, 46,	id_aa64isar1_el1,	LRCPC,	3)	/* since 6.12 */
FWP_HWCAP(lse128,	2, 47,	id_aa64isar0_el1,	ATOMIC,	3)	/* since 6.12 */
FWP_HWCAP(fpmr,	2, 48,	id_aa64pfr2_el1,	FPMR,	1)	/* since 6.12 */
FWP_HWCAP(lut,	2, 49,	id_aa64isar2_el1,	LUT,	1)	/* since 6.12 */
FWP_HWCAP(faminmax,	2, 50,	id_aa64isar3_el1,	FAMINMAX,	1)	/* since 6.12 */
FWP_HWCAP(f8cvt,	2, 51,	id_aa64fpfr0_el1,	F8CVT,	1)	/* since 6.12 */
FWP_HWCAP(f8fma,	2, 52,	id_aa64fpfr0_el1,	F8FMA,	1)	/* since 6.12 */
FWP_HWCAP(f8dp4,	2, 53,	id_aa64fpfr0_el1,	F8DP4,	1)	/* since 6.12 */
FWP_HWCAP(f8dp2,	2, 54,	id_aa64fpfr0_el1,	F8DP2,	1)	/* since 6.12 */
FWP_HWCAP(f8e4m3,	2, 55,	id_aa64fpfr0_el1,	F8E4M3,	1)	/* since 6.12 */
FWP_HWCAP(f8e5m2,	2, 56,	id_aa64fpfr0_el1,	F8E5M2,	1)	/* since 6.12 */
FWP_HWCAP(smelutv2,	2, 57,	id_aa64smfr0_el1,	LUTv2,	1)	/* since 6.12, with SME */
FWP_HWCAP(smef8f16,	2, 58,	id_aa64smfr0_el1,	F8F16,	1)	/* since 6.12, with SME */
FWP_HWCAP(smef8f32,	2, 59,	id_aa64smfr0_el1,	F8F32,	1)	/* since 6.12, with SME */
FWP_HWCAP(smesf8fma,	2, 60,	id_aa64smfr0_el1,	SF8FMA,	1)	/* since 6.12, with SME */
FWP_HWCAP(smesf8dp4,	2, 61,	id_aa64smfr0_el1,	SF8DP4,	1)	/* since 6.12, with SME */
FWP_HWCAP(smesf8dp2,	2, 62,	id_aa64smfr0_el1,	SF8DP2,	1)	/* since 6.12, with SME */
FWP_HWCAP(poe,	2, 63,	id_aa64mmfr3_el1,	S1POE,	1)	/* since 6.12 */
FWP_HWCAP(mtefar,	3, 0,	id_aa64pfr2_el1,	MTEFAR,	1)	/* since 7.0 */
FWP_HWCAP(mtestoreonly,	3, 1,	id_aa64pfr2_el1,	MTESTOREONLY,	1)	/* since 7.0 */
FWP_HWCAP(lsfe,	3, 2,	id_aa64isar3_el1,	LSFE,	1)	/* since 7.0 */
FWP_HWCAP(ls64,	3, 3,	id_aa64isar1_el1,	LS64,	1)	/* since 7.0 */
FWP_HWCAP(sveb16mm,	3, 4,	id_aa64zfr0_el1,	B16B16,	3)	/* since 7.2, with SVE */
FWP_HWCAP(sve2p3,	3, 5,	id_aa64zfr0_el1,	SVEver,	4)	/* since 7.2, with SVE */
FWP_HWCAP(smelut6,	3, 6,	id_aa64smfr0_el1,	LUT6,	1)	/* since 7.2, with SME */
FWP_HWCAP(sme2p3,	3, 7,	id_aa64smfr0_el1,	SMEver,	4)	/* since 7.2, with SME */
FWP_HWCAP(f16mm,	3, 8,	id_aa64fpfr0_el1,	F16MM2,	1)	/* since 7.2 */
FWP_HWCAP(f16f32dot,	3, 9,	id_aa64isar0_el1,	FHM,	2)	/* since 7.2 */
FWP_HWCAP(f16f32mm,	3, 10,	id_aa64isar0_el1,	FHM,	3)	/* since 7.2 */
FWP_HWCAP(svelut6,	3, 11,	id_aa64isar2_el1,	LUT,	2)	/* since 7.2, with SVE */
FWP_COMPAT_HWCAP(compat_vfp,	COMPAT_HWCAP_VFP,	mvfr0_el1,	FPDP,	2)
FWP_COMPAT_HWCAP(compat_vfpv3,	COMPAT_HWCAP_VFPv3,	mvfr0_el1,	FPDP,	2)
FWP_COMPAT_HWCAP(compat_vfpv4,	COMPAT_HWCAP_VFPv4,	mvfr1_el1,	SIMDFMAC,	1)
FWP_COMPAT_HWCAP_SINCE(compat_fphp,	COMPAT_HWCAP_FPHP,	mvfr1_el1,	FPHP,	3, 6_12)
FWP_COMPAT_HWCAP_SINCE(compat_asimdhp,	COMPAT_HWCAP_ASIMDHP,	mvfr1_el1,	SIMDHP,	2, 6_12)
FWP_COMPAT_HWCAP_SINCE(compat_asimddp,	COMPAT_HWCAP_ASIMDDP,	id_isar6_el1,	DP,	1, 6_12)
FWP_COMPAT_HWCAP_SINCE(compat_asimdfhm,	COMPAT_HWCAP_ASIMDFHM,	id_isar6_el1,	FHM,	1, 6_12)
FWP_COMPAT_HWCAP_SINCE(compat_asimdbf16, COMPAT_HWCAP_ASIMDBF16, id_isar6_el1, BF16, 1, 6_12)
FWP_COMPAT_HWCAP_SINCE(compat_i8mm,	COMPAT_HWCAP_I8MM,	id_isar6_el1,	I8MM,	1, 6_12)
FWP_COMPAT_HWCAP(compat_aes,	COMPAT_HWCAP2_AES,	id_isar5_el1,	AES,	1)
FWP_COMPAT_HWCAP(compat_pmull,	COMPAT_HWCAP2_PMULL,	id_isar5_el1,	AES,	2)
FWP_COMPAT_HWCAP(compat_sha1,	COMPAT_HWCAP2_SHA1,	id_isar5_el1,	SHA1,	1)
FWP_COMPAT_HWCAP(compat_sha2,	COMPAT_HWCAP2_SHA2,	id_isar5_el1,	SHA2,	1)
FWP_COMPAT_HWCAP(compat_crc32,	COMPAT_HWCAP2_CRC32,	id_isar5_el1,	CRC32,	1)
FWP_COMPAT_HWCAP_SINCE(compat_sb,	COMPAT_HWCAP2_SB,	id_isar6_el1,	SB,	1, 6_12)
FWP_COMPAT_HWCAP_SINCE(compat_ssbs,	COMPAT_HWCAP2_SSBS,	id_pfr2_el1,	SSBS,	1, 6_12)
