/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every guest-visible hardware register fwprobe reads, one line each, in the
 * order of enum fwp_hwreg. Included with the macros defined by the user (no
 * include guard): lib/fwprobe_hwregs.c builds the name and encoding table,
 * fwprobe.ko its readers, the test bed's shim its KVM register IDs.
 *
 * FWP_SYSREG(name, family, op0, op1, CRn, CRm, op2): a system register, per vCPU.
 *   Reserved encodings of the feature ID space are named as the assembler
 *   spells them (s3_0_c0_c4_3): they read as zero today, and a CPU or host
 *   that gives one a value is worth seeing.
 * FWP_CCSIDR(level, type): CCSIDR_EL1 for one cache CLIDR_EL1 lists, per vCPU;
 *   type i (instruction), d (data) or u (unified); named ccsidr_el1.l<level><type>.
 * FWP_GICREG(name, frame, offset, width): a GIC identification register at
 *   @offset of the distributor (DIST, per VM), the vCPU's redistributor
 *   (REDIST, per vCPU) or the first ITS (ITS, per VM); @width 32 or 64.
 */
FWP_SYSREG(midr_el1,		IMPL,	3, 0, 0, 0, 0)
FWP_SYSREG(mpidr_el1,		IMPL,	3, 0, 0, 0, 5)
FWP_SYSREG(revidr_el1,		IMPL,	3, 0, 0, 0, 6)
FWP_SYSREG(aidr_el1,		IMPL,	3, 1, 0, 0, 7)
FWP_SYSREG(id_aa64pfr0_el1,	ID,	3, 0, 0, 4, 0)
FWP_SYSREG(id_aa64pfr1_el1,	ID,	3, 0, 0, 4, 1)
FWP_SYSREG(id_aa64pfr2_el1,	ID,	3, 0, 0, 4, 2)
FWP_SYSREG(s3_0_c0_c4_3,	ID,	3, 0, 0, 4, 3)
FWP_SYSREG(id_aa64zfr0_el1,	ID,	3, 0, 0, 4, 4)
FWP_SYSREG(id_aa64smfr0_el1,	ID,	3, 0, 0, 4, 5)
FWP_SYSREG(s3_0_c0_c4_6,	ID,	3, 0, 0, 4, 6)
FWP_SYSREG(id_aa64fpfr0_el1,	ID,	3, 0, 0, 4, 7)
FWP_SYSREG(id_aa64dfr0_el1,	ID,	3, 0, 0, 5, 0)
FWP_SYSREG(id_aa64dfr1_el1,	ID,	3, 0, 0, 5, 1)
FWP_SYSREG(id_aa64dfr2_el1,	ID,	3, 0, 0, 5, 2)
FWP_SYSREG(s3_0_c0_c5_3,	ID,	3, 0, 0, 5, 3)
FWP_SYSREG(id_aa64afr0_el1,	ID,	3, 0, 0, 5, 4)
FWP_SYSREG(id_aa64afr1_el1,	ID,	3, 0, 0, 5, 5)
FWP_SYSREG(s3_0_c0_c5_6,	ID,	3, 0, 0, 5, 6)
FWP_SYSREG(s3_0_c0_c5_7,	ID,	3, 0, 0, 5, 7)
FWP_SYSREG(id_aa64isar0_el1,	ID,	3, 0, 0, 6, 0)
FWP_SYSREG(id_aa64isar1_el1,	ID,	3, 0, 0, 6, 1)
FWP_SYSREG(id_aa64isar2_el1,	ID,	3, 0, 0, 6, 2)
FWP_SYSREG(id_aa64isar3_el1,	ID,	3, 0, 0, 6, 3)
FWP_SYSREG(s3_0_c0_c6_4,	ID,	3, 0, 0, 6, 4)
FWP_SYSREG(s3_0_c0_c6_5,	ID,	3, 0, 0, 6, 5)
FWP_SYSREG(s3_0_c0_c6_6,	ID,	3, 0, 0, 6, 6)
FWP_SYSREG(s3_0_c0_c6_7,	ID,	3, 0, 0, 6, 7)
FWP_SYSREG(id_aa64mmfr0_el1,	ID,	3, 0, 0, 7, 0)
FWP_SYSREG(id_aa64mmfr1_el1,	ID,	3, 0, 0, 7, 1)
FWP_SYSREG(id_aa64mmfr2_el1,	ID,	3, 0, 0, 7, 2)
FWP_SYSREG(id_aa64mmfr3_el1,	ID,	3, 0, 0, 7, 3)
FWP_SYSREG(id_aa64mmfr4_el1,	ID,	3, 0, 0, 7, 4)
FWP_SYSREG(s3_0_c0_c7_5,	ID,	3, 0, 0, 7, 5)
FWP_SYSREG(s3_0_c0_c7_6,	ID,	3, 0, 0, 7, 6)
FWP_SYSREG(s3_0_c0_c7_7,	ID,	3, 0, 0, 7, 7)
FWP_SYSREG(ctr_el0,		CACHE,	3, 3, 0, 0, 1)
FWP_SYSREG(clidr_el1,		CACHE,	3, 1, 0, 0, 1)
FWP_SYSREG(dczid_el0,		CACHE,	3, 3, 0, 0, 7)
FWP_SYSREG(cntfrq_el0,		TIMER,	3, 3, 14, 0, 0)
/* Only PMCR_EL0.N (bits 15:11), the number of event counters: the rest is control. */
FWP_SYSREG(pmcr_el0,		PMU,	3, 3, 9, 12, 0)
FWP_CCSIDR(1, i)
FWP_CCSIDR(1, d)
FWP_CCSIDR(1, u)
FWP_CCSIDR(2, i)
FWP_CCSIDR(2, d)
FWP_CCSIDR(2, u)
FWP_CCSIDR(3, i)
FWP_CCSIDR(3, d)
FWP_CCSIDR(3, u)
FWP_CCSIDR(4, i)
FWP_CCSIDR(4, d)
FWP_CCSIDR(4, u)
FWP_CCSIDR(5, i)
FWP_CCSIDR(5, d)
FWP_CCSIDR(5, u)
FWP_CCSIDR(6, i)
FWP_CCSIDR(6, d)
FWP_CCSIDR(6, u)
FWP_CCSIDR(7, i)
FWP_CCSIDR(7, d)
FWP_CCSIDR(7, u)
FWP_GICREG(gicr_iidr,		REDIST,	0x0004, 32)
FWP_GICREG(gicr_typer,		REDIST,	0x0008, 64)
FWP_GICREG(gicd_typer,		DIST,	0x0004, 32)
FWP_GICREG(gicd_iidr,		DIST,	0x0008, 32)
FWP_GICREG(gicd_typer2,		DIST,	0x000c, 32)
FWP_GICREG(gits_iidr,		ITS,	0x0004, 32)
FWP_GICREG(gits_typer,		ITS,	0x0008, 64)
