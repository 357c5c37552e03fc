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

#include <linux/acpi.h>
#include <linux/bitfield.h>
#include <linux/cpu.h>
#include <linux/io.h>
#include <linux/of.h>
#include <linux/of_address.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <asm/sysreg.h>

#include "fwprobe.h"
#include "fwprobe_madt.h"

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
	u64 csselr, start;
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

	start = ktime_get_ns();
	this->caps = fwprobe_caps_this_cpu();
	this->errata = fwprobe_errata_this_cpu();
	this->live = fwprobe_live_this_cpu(val);
	this->safety_ns = ktime_get_ns() - start;
}

/* GICD_PIDR2/GICR_PIDR2.ArchRev: 3 for a GICv3 frame, 4 for a GICv4 one. */
#define FWPROBE_GIC_PIDR2		0xffe8
#define FWPROBE_PIDR2_ARCH(pidr2)	(((pidr2) >> 4) & 0xf)

/**
 * struct fwprobe_rdist - one mapped redistributor region
 * @base: its mapping
 * @size: its size in bytes
 * @one_frame: a single vCPU's frame (an ACPI GICC's), not a region to walk
 */
struct fwprobe_rdist {
	void __iomem *base;
	resource_size_t size;
	bool one_frame;
};

/* The GIC's frames, mapped once at load (fwprobe_hw_init()) from one source. */
static struct {
	void __iomem *dist, *its;
	struct fwprobe_rdist *rdist;
	unsigned int nrdist;
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
 * The next redistributor frame of @r after the one at @off with GICR_TYPER
 * @typer, or -1 at the region's end: a GICC's single frame, TYPER.Last, or
 * no room for another frame.
 */
static resource_size_t fwprobe_next_frame(const struct fwprobe_rdist *r, resource_size_t off,
					  u64 typer)
{
	if (r->one_frame || typer & FWP_GICR_TYPER_LAST)
		return (resource_size_t)-1;
	off += typer & FWP_GICR_TYPER_VLPIS ? FWP_GICR_FRAME_SIZE_V4 : FWP_GICR_FRAME_SIZE;
	return off + FWP_GICR_FRAME_SIZE <= r->size ? off : (resource_size_t)-1;
}

/* The first frame of @r, or -1 when the region cannot hold one. */
static resource_size_t fwprobe_first_frame(const struct fwprobe_rdist *r)
{
	return r->size >= FWP_GICR_FRAME_SIZE ? 0 : (resource_size_t)-1;
}

/* A GICv3 or GICv4 frame: a redistributor that is not ends the walk of its region. */
static bool fwprobe_is_gicv3(void __iomem *frame)
{
	u32 arch = FWPROBE_PIDR2_ARCH(readl_relaxed(frame + FWPROBE_GIC_PIDR2));

	return arch == 3 || arch == 4;
}

/*
 * Walk each region's redistributor frames until GICR_TYPER.Last, giving
 * each online vCPU the frame whose affinity matches its MPIDR_EL1.
 */
static void fwprobe_read_redists(struct fwp_hw_view *hw)
{
	unsigned int i, cpu;

	for (i = 0; i < fwprobe_gic.nrdist; i++) {
		const struct fwprobe_rdist *r = &fwprobe_gic.rdist[i];
		resource_size_t off = fwprobe_first_frame(r);
		u64 typer = 0;

		for (; off != (resource_size_t)-1; off = fwprobe_next_frame(r, off, typer)) {
			void __iomem *frame = r->base + off;

			if (!fwprobe_is_gicv3(frame))
				break;
			typer = readq_relaxed(frame + fwp_hwregs[FWP_HW_gicr_typer].offset);
			for_each_set_bit(cpu, hw->online, hw->ncpus) {
				struct fwp_hw_cpu *c = &hw->cpu[cpu];

				if ((u32)(typer >> 32) !=
				    fwprobe_mpidr_affinity(c->reg[FWP_HW_mpidr_el1]))
					continue;
				c->reg[FWP_HW_gicr_typer] = typer;
				c->reg[FWP_HW_gicr_iidr] =
					fwprobe_gic_read(frame, &fwp_hwregs[FWP_HW_gicr_iidr]);
				fwp_hw_set(c->present, FWP_HW_gicr_typer);
				fwp_hw_set(c->present, FWP_HW_gicr_iidr);
			}
		}
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
 * Between vCPUs the loop yields: on a guest of many vCPUs on few host CPUs
 * each IPI waits for its target to be scheduled, and a kernel without
 * preemption would otherwise hold up RCU grace periods for the whole loop
 * (a rescan loop held off CPU hotplug's synchronize_rcu() for minutes).
 *
 * Context: process context; may sleep. Takes no fwprobe lock.
 */
void fwprobe_read_hw(struct fwp_hw_view *hw)
{
	unsigned int cpu;

	cpus_read_lock();
	for_each_online_cpu(cpu) {
		if (cpu < hw->ncpus &&
		    !smp_call_function_single(cpu, fwprobe_read_this_cpu, hw, 1))
			__set_bit(cpu, hw->online);
		cond_resched();
	}
	cpus_read_unlock();
	fwprobe_read_gic(hw);
}

/* Add a mapped region; @base is unmapped when there is no room (cannot happen: sized). */
static void fwprobe_add_rdist(void __iomem *base, resource_size_t size, bool one_frame)
{
	struct fwprobe_rdist *r = &fwprobe_gic.rdist[fwprobe_gic.nrdist++];

	r->base = base;
	r->size = size;
	r->one_frame = one_frame;
}

static void __iomem *fwprobe_map_dt(struct device_node *np, int index, resource_size_t *size)
{
	struct resource res;

	if (of_address_to_resource(np, index, &res))
		return NULL;
	if (size)
		*size = resource_size(&res);
	return ioremap(res.start, resource_size(&res));
}

/*
 * The device tree's arm,gic-v3 node: reg holds the distributor, then
 * #redistributor-regions (1 when absent) redistributor regions; the first
 * available arm,gic-v3-its child is the ITS.
 */
static const char *fwprobe_gic_from_dt(void)
{
	struct device_node *np, *its;
	resource_size_t size;
	void __iomem *base;
	u32 nr = 1, i;

	np = of_find_compatible_node(NULL, NULL, "arm,gic-v3");
	if (!np)
		return "no arm,gic-v3 node in the device tree";
	of_property_read_u32(np, "#redistributor-regions", &nr);
	fwprobe_gic.rdist = kcalloc(nr, sizeof(*fwprobe_gic.rdist), GFP_KERNEL);
	if (!fwprobe_gic.rdist) {
		of_node_put(np);
		return "no memory for the redistributor regions";
	}
	fwprobe_gic.dist = fwprobe_map_dt(np, 0, NULL);
	for (i = 0; i < nr; i++) {
		base = fwprobe_map_dt(np, 1 + i, &size);
		if (base)
			fwprobe_add_rdist(base, size, false);
		else
			pr_warn("device tree: cannot map redistributor region %u of %u: skipped\n",
				i, nr);
	}
	its = of_get_compatible_child(np, "arm,gic-v3-its");
	if (its && of_device_is_available(its))
		fwprobe_gic.its = fwprobe_map_dt(its, 0, NULL);
	of_node_put(its);
	of_node_put(np);
	return NULL;
}

#ifdef CONFIG_ACPI
/* Each problem the MADT walk finds, in the kernel log: what, and where in the table. */
static void fwprobe_madt_note(void *ctx, const struct fwp_madt_note *n)
{
	if (n->type)
		pr_warn("ACPI MADT: %s at offset %u (type %u, length %u): skipped\n",
			fwp_madt_problem_text(n->what), n->offset, n->type, n->length);
	else
		pr_warn("ACPI MADT: %s (length %u)%s\n", fwp_madt_problem_text(n->what),
			n->length, n->what == FWP_MADT_TABLE_SHORT ? ": not read" : "");
}

/* Whether any possible vCPU (an enabled GICC of the MADT) has affinity @aff. */
static bool fwprobe_our_vcpu(u32 aff)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		struct acpi_madt_generic_interrupt *gicc = acpi_cpu_get_madt_gicc(cpu);

		if (gicc && fwprobe_mpidr_affinity(gicc->arm_mpidr) == aff)
			return true;
	}
	return false;
}

/*
 * Whether the mapped region @r holds a redistributor frame of one of our
 * vCPUs; it says how many frames it walked in @frames.
 */
static bool fwprobe_rdist_ours(const struct fwprobe_rdist *r, unsigned int *frames)
{
	resource_size_t off = fwprobe_first_frame(r);
	bool ours = false;
	u64 typer = 0;

	*frames = 0;
	for (; off != (resource_size_t)-1; off = fwprobe_next_frame(r, off, typer)) {
		if (!fwprobe_is_gicv3(r->base + off))
			break;
		typer = readq_relaxed(r->base + off + fwp_hwregs[FWP_HW_gicr_typer].offset);
		(*frames)++;
		ours |= fwprobe_our_vcpu((u32)(typer >> 32));
	}
	return ours;
}

/* Map the regions the MADT walk found; keep those that hold one of our vCPUs' frames. */
static void fwprobe_map_acpi_rdists(const struct fwp_madt_gic *gic)
{
	struct fwprobe_rdist *r;
	unsigned int i, frames;
	void __iomem *base;

	for (i = 0; i < gic->nredist; i++) {
		const struct fwp_gic_region *g = &gic->redist[i];

		base = ioremap(g->base, g->size);
		if (!base) {
			pr_warn("ACPI MADT: cannot map redistributors at %#llx (%#llx bytes, offset %u): skipped\n",
				g->base, g->size, g->offset);
			continue;
		}
		fwprobe_add_rdist(base, g->size, g->one_frame);
		r = &fwprobe_gic.rdist[fwprobe_gic.nrdist - 1];
		if (fwprobe_rdist_ours(r, &frames))
			continue;
		pr_warn("ACPI MADT: redistributors at %#llx (%#llx bytes, offset %u): none of %u frames is one of our vCPUs': skipped\n",
			g->base, g->size, g->offset, frames);
		iounmap(base);
		fwprobe_gic.nrdist--;
	}
}

/*
 * The ACPI MADT: the GICD subtable, every GICR region and every enabled
 * GICC's own redistributor frame, the first ITS. The walk is lib's
 * (fwprobe_madt.c); a problem it finds is logged and skipped.
 */
static const char *fwprobe_gic_from_acpi(void)
{
	struct fwp_madt_gic gic = { };
	struct acpi_table_header *hdr;
	const char *why = NULL;

	if (ACPI_FAILURE(acpi_get_table(ACPI_SIG_MADT, 0, &hdr)))
		return "no MADT in the ACPI tables";
	gic.max_redist = fwp_madt_max_regions(hdr->length);
	gic.redist = kcalloc(gic.max_redist, sizeof(*gic.redist), GFP_KERNEL);
	fwprobe_gic.rdist = kcalloc(gic.max_redist, sizeof(*fwprobe_gic.rdist), GFP_KERNEL);
	if (!gic.redist || !fwprobe_gic.rdist) {
		why = "no memory for the redistributor regions";
		goto out;
	}
	/* The table is mapped for its header's length: that is all there is. */
	fwp_madt_walk(hdr, hdr->length, &gic, fwprobe_madt_note, NULL);
	if (!gic.dist) {
		why = "no usable GIC distributor in the MADT";
		goto out;
	}
	/* A GICv2 guest has a MADT too: its frames hold no GICv3 registers. */
	if (gic.version && gic.version < 3) {
		why = "the MADT's GIC is not a GICv3";
		goto out;
	}
	fwprobe_gic.dist = ioremap(gic.dist, FWP_GICD_SIZE);
	if (fwprobe_gic.dist && !gic.version && !fwprobe_is_gicv3(fwprobe_gic.dist)) {
		why = "the MADT's GIC distributor is not a GICv3's (GICD_PIDR2)";
		goto out;
	}
	if (gic.its)
		fwprobe_gic.its = ioremap(gic.its, FWP_GITS_SIZE);
	fwprobe_map_acpi_rdists(&gic);
out:
	kfree(gic.redist);
	acpi_put_table(hdr);
	return why;
}
#else
static const char *fwprobe_gic_from_acpi(void)
{
	return "ACPI is not built in";
}
#endif

/**
 * fwprobe_hw_init() - find and map the GIC's distributor, redistributors and ITS
 *
 * From ACPI's MADT when the guest booted with ACPI, from the device tree's
 * arm,gic-v3 node otherwise: one source, the one the guest kernel itself
 * used. Without a GIC found the GIC registers are absent and the kernel log
 * says why. Mapping needs no ownership: the frames are only read, and only
 * their identification registers (request_mem_region() would fail: the GIC
 * driver holds them).
 *
 * Context: module init.
 */
void fwprobe_hw_init(void)
{
	const char *from = acpi_disabled ? "device tree" : "ACPI MADT";
	const char *why;

	why = acpi_disabled ? fwprobe_gic_from_dt() : fwprobe_gic_from_acpi();
	if (!why && !fwprobe_gic.dist)
		why = "cannot map the distributor";
	if (why) {
		pr_warn("GIC from the %s: %s: GIC registers not read\n", from, why);
		fwprobe_hw_exit();
		return;
	}
	pr_info("GIC from the %s: %u redistributor region(s), %s\n", from, fwprobe_gic.nrdist,
		fwprobe_gic.its ? "an ITS" : "no ITS");
}

/** fwprobe_hw_exit() - undo fwprobe_hw_init(). Context: module exit, no reader left. */
void fwprobe_hw_exit(void)
{
	unsigned int i;

	if (fwprobe_gic.its)
		iounmap(fwprobe_gic.its);
	for (i = 0; i < fwprobe_gic.nrdist; i++)
		iounmap(fwprobe_gic.rdist[i].base);
	kfree(fwprobe_gic.rdist);
	if (fwprobe_gic.dist)
		iounmap(fwprobe_gic.dist);
	memset(&fwprobe_gic, 0, sizeof(fwprobe_gic));
}
