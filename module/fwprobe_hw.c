// SPDX-License-Identifier: GPL-2.0
/*
 * fwprobe hardware-register reads: what each vCPU reads now of its identity,
 * feature ID space, cache geometry, timer and PMU, and the GIC's
 * identification registers (lib/fwprobe_hwreg_list.h). Under KVM these reads
 * trap (HCR_EL2.TID1/2/3) or read VPIDR_EL2/VMPIDR_EL2, so they show what
 * KVM holds for this VM now, not what the guest kernel cached at boot.
 *
 * Nothing is written except CSSELR_EL1, the guest's own cache selector, saved
 * and restored with interrupts off around the CCSIDR_EL1 reads. Registers
 * behind a feature are read only when the ID registers say the feature
 * exists: PMCR_EL0 is UNDEFINED without a PMU.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bitfield.h>
#include <linux/cpu.h>
#include <linux/io.h>
#include <linux/of.h>
#include <linux/of_address.h>
#include <linux/smp.h>
#include <asm/sysreg.h>

#include "fwprobe.h"

/* One reader per system register, as its table line encodes it. */
#define FWP_SYSREG(name, family, op0, op1, crn, crm, op2)				\
static u64 fwprobe_read_##name(void)							\
{											\
	return read_sysreg_s(sys_reg(op0, op1, crn, crm, op2));				\
}

#define FWP_CCSIDR(level, type)
#define FWP_GICREG(name, frame, offset, width)
#include "fwprobe_hwreg_list.h"
#undef FWP_SYSREG

/* Indexed by enum fwp_hwreg; NULL for the registers that are not sysregs. */
static u64 (*const fwprobe_sysreg_readers[FWP_HW_NR])(void) = {
#define FWP_SYSREG(name, family, op0, op1, crn, crm, op2)	\
	[FWP_HW_##name] = fwprobe_read_##name,
#include "fwprobe_hwreg_list.h"
#undef FWP_SYSREG
#undef FWP_CCSIDR
#undef FWP_GICREG
};

/* Runs on the CPU being read, from an IPI: interrupts are off. */
static void fwprobe_read_this_cpu(void *arg)
{
	struct fwp_hw_view *hw = arg;
	struct fwp_hw_cpu *this = &hw->cpu[smp_processor_id()];
	u64 *val = this->reg, *present = this->present;
	u64 csselr;
	int r;

	for (r = 0; r < FWP_HW_PER_VCPU; r++) {
		const struct fwp_hwreg_desc *d = &fwp_hwregs[r];

		if (d->family == FWP_HWF_CCSIDR || d->family == FWP_HWF_GIC)
			continue;
		if (d->family == FWP_HWF_PMU) {
			if (!fwp_hw_has_pmu(val[FWP_HW_id_aa64dfr0_el1]))
				continue;
			val[r] = fwprobe_sysreg_readers[r]() >> FWP_PMCR_N_SHIFT;
			val[r] &= FWP_PMCR_N_MASK;
		} else {
			val[r] = fwprobe_sysreg_readers[r]();
		}
		fwp_hw_set(present, r);
	}

	/* CCSIDR_EL1 describes the cache CSSELR_EL1 selects: select, isb, read. */
	csselr = read_sysreg(csselr_el1);
	for (r = 0; r < FWP_HW_PER_VCPU; r++) {
		if (!fwp_hw_cache_listed(r, val[FWP_HW_clidr_el1]))
			continue;
		write_sysreg(fwp_hw_csselr(r), csselr_el1);
		isb();
		val[r] = read_sysreg(ccsidr_el1);
		fwp_hw_set(present, r);
	}
	write_sysreg(csselr, csselr_el1);
	isb();
}

/* The GIC's frames, mapped once at load (fwprobe_hw_init()). */
static struct {
	void __iomem *dist, *redist, *its;
	resource_size_t redist_size;
} fwprobe_gic;

static u64 fwprobe_gic_read(void __iomem *base, const struct fwp_hwreg_desc *d)
{
	return d->width == 64 ? readq_relaxed(base + d->offset) : readl_relaxed(base + d->offset);
}

/* GICR_TYPER.Affinity_Value is Aff3.Aff2.Aff1.Aff0 of the vCPU's MPIDR_EL1. */
static u32 fwprobe_mpidr_affinity(u64 mpidr)
{
	return (u32)((mpidr >> 32) & 0xff) << 24 | (u32)(mpidr & 0xffffff);
}

/*
 * Walk the redistributor frames until GICR_TYPER.Last, giving each online
 * vCPU the frame whose affinity matches its MPIDR_EL1.
 */
static void fwprobe_read_redists(struct fwp_hw_view *hw)
{
	resource_size_t off = 0;
	unsigned int cpu;

	while (off + FWP_GICR_FRAME_SIZE <= fwprobe_gic.redist_size) {
		void __iomem *frame = fwprobe_gic.redist + off;
		u64 typer = readq_relaxed(frame + fwp_hwregs[FWP_HW_gicr_typer].offset);

		for_each_set_bit(cpu, hw->online, hw->ncpus) {
			struct fwp_hw_cpu *c = &hw->cpu[cpu];

			if ((u32)(typer >> 32) != fwprobe_mpidr_affinity(c->reg[FWP_HW_mpidr_el1]))
				continue;
			c->reg[FWP_HW_gicr_typer] = typer;
			c->reg[FWP_HW_gicr_iidr] =
				fwprobe_gic_read(frame, &fwp_hwregs[FWP_HW_gicr_iidr]);
			fwp_hw_set(c->present, FWP_HW_gicr_typer);
			fwp_hw_set(c->present, FWP_HW_gicr_iidr);
		}
		if (typer & FWP_GICR_TYPER_LAST)
			break;
		off += typer & FWP_GICR_TYPER_VLPIS ? FWP_GICR_FRAME_SIZE_V4 : FWP_GICR_FRAME_SIZE;
	}
}

static void fwprobe_read_gic(struct fwp_hw_view *hw)
{
	int r;

	if (!fwprobe_gic.dist)
		return;
	for (r = FWP_HW_PER_VCPU; r < FWP_HW_NR; r++) {
		const struct fwp_hwreg_desc *d = &fwp_hwregs[r];
		void __iomem *base = d->frame == FWP_GIC_ITS ? fwprobe_gic.its : fwprobe_gic.dist;

		if (!base)
			continue;
		hw->vm[r] = fwprobe_gic_read(base, d);
		fwp_hw_set(hw->vm_present, r);
	}
	if (fwprobe_gic.redist)
		fwprobe_read_redists(hw);
}

/**
 * fwprobe_read_hw() - read every register of fwprobe_hwreg_list.h into @hw
 * @hw: zeroed view to fill, its arrays sized for @hw->ncpus (nr_cpu_ids) vCPUs
 *
 * Each online vCPU reads its own registers in an IPI, one after the other;
 * CPU hotplug is held off meanwhile, so a vCPU going offline waits for the
 * reads to end and one coming online is read by the rescan its hotplug
 * callback asks for. An offline vCPU is left clear in @hw->online. The GIC
 * is read through the mappings fwprobe_hw_init() made.
 *
 * Context: process context; may sleep. Takes no fwprobe lock.
 */
void fwprobe_read_hw(struct fwp_hw_view *hw)
{
	unsigned int cpu;

	cpus_read_lock();
	for_each_online_cpu(cpu)
		if (cpu < hw->ncpus &&
		    !smp_call_function_single(cpu, fwprobe_read_this_cpu, hw, 1))
			__set_bit(cpu, hw->online);
	cpus_read_unlock();
	fwprobe_read_gic(hw);
}

static void __iomem *fwprobe_map(struct device_node *np, int index, resource_size_t *size)
{
	struct resource res;

	if (of_address_to_resource(np, index, &res))
		return NULL;
	if (size)
		*size = resource_size(&res);
	return ioremap(res.start, resource_size(&res));
}

/**
 * fwprobe_hw_init() - find and map the GIC's distributor, redistributors and ITS
 *
 * Only the device tree's arm,gic-v3 node is looked at (the first
 * redistributor region, the first ITS; ACPI's MADT is not read); without one
 * the GIC registers are absent and the kernel log says why. Mapping needs
 * no ownership: the frames are only read, and only their identification
 * registers.
 *
 * Context: module init.
 */
void fwprobe_hw_init(void)
{
	struct device_node *np, *its;

	np = of_find_compatible_node(NULL, NULL, "arm,gic-v3");
	if (!np) {
		pr_info("no arm,gic-v3 node in the device tree: GIC registers not read\n");
		return;
	}
	fwprobe_gic.dist = fwprobe_map(np, 0, NULL);
	fwprobe_gic.redist = fwprobe_map(np, 1, &fwprobe_gic.redist_size);
	its = of_get_compatible_child(np, "arm,gic-v3-its");
	if (its && of_device_is_available(its))
		fwprobe_gic.its = fwprobe_map(its, 0, NULL);
	of_node_put(its);
	of_node_put(np);
	if (!fwprobe_gic.dist)
		pr_warn("cannot map the GIC distributor: GIC registers not read\n");
}

/** fwprobe_hw_exit() - undo fwprobe_hw_init(). Context: module exit, no reader left. */
void fwprobe_hw_exit(void)
{
	if (fwprobe_gic.its)
		iounmap(fwprobe_gic.its);
	if (fwprobe_gic.redist)
		iounmap(fwprobe_gic.redist);
	if (fwprobe_gic.dist)
		iounmap(fwprobe_gic.dist);
	memset(&fwprobe_gic, 0, sizeof(fwprobe_gic));
}
