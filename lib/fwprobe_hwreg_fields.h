/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Named fields of the registers of fwprobe_hwreg_list.h and how each may
 * differ safely (enum fwp_field_rule), one FWP_FIELDS() per register, fields
 * in shift order. Included by lib/fwprobe_hwregs.c; no include guard. Bits
 * that no field names are compared as a whole, exactly.
 *
 * FWP_FIELDS(register, F(NAME, shift, width, rule) ...)
 */
FWP_FIELDS(ctr_el0,
	F(IminLine, 0, 4, LOWER) F(L1Ip, 14, 2, EXACT) F(DminLine, 16, 4, LOWER)
	F(ERG, 20, 4, HIGHER) F(CWG, 24, 4, HIGHER) F(IDC, 28, 1, LOWER)
	F(DIC, 29, 1, LOWER) F(TminLine, 32, 6, LOWER))
FWP_FIELDS(id_aa64isar0_el1,
	F(AES, 4, 4, LOWER) F(SHA1, 8, 4, LOWER) F(SHA2, 12, 4, LOWER)
	F(CRC32, 16, 4, LOWER) F(ATOMIC, 20, 4, LOWER) F(TME, 24, 4, LOWER)
	F(RDM, 28, 4, LOWER) F(SHA3, 32, 4, LOWER) F(SM3, 36, 4, LOWER)
	F(SM4, 40, 4, LOWER) F(DP, 44, 4, LOWER) F(FHM, 48, 4, LOWER)
	F(TS, 52, 4, LOWER) F(TLB, 56, 4, LOWER) F(RNDR, 60, 4, LOWER))
FWP_FIELDS(id_aa64dfr0_el1,
	F(DebugVer, 0, 4, LOWER) F(TraceVer, 4, 4, EXACT) F(PMUVer, 8, 4, SLOWER)
	F(BRPs, 12, 4, LOWER) F(WRPs, 20, 4, LOWER) F(CTX_CMPs, 28, 4, LOWER)
	F(PMSVer, 32, 4, LOWER) F(DoubleLock, 36, 4, SLOWER))
