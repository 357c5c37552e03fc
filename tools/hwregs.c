// SPDX-License-Identifier: GPL-2.0
/*
 * Reading cpu<N>/ and gic/ below the module's root, and the kernel's boot view
 * of each vCPU's identity. Every file is optional: which registers exist
 * depends on the vCPU (caches CLIDR_EL1 lists, a PMU, a GIC found), so an
 * absent file means an absent register, never an error. A file that exists
 * must hold a value that fits its register.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "hwregs.h"
#include "reader.h"

/* Register @reg of vCPU @cpu (a per-VM one: cpu 0): cpu<N>/ or gic/. */
static void read_value(struct reader *r, struct hwregs *hw, enum fwp_hwreg reg, unsigned int cpu)
{
	enum fwp_group g = reg < FWP_HW_PER_VCPU ? FWP_GROUP_cpu : FWP_GROUP_gic;
	unsigned int i = g == FWP_GROUP_cpu ? reg : reg - FWP_HW_PER_VCPU;
	char rel[LAYOUT_REL_MAX];
	struct fwp_err why;
	uint64_t v;

	if (!rd_built(r, OPTIONAL, g, cpu, i, &v))
		return;
	if (hw_check_value(reg, v, &why)) {
		layout_rel(g, cpu, i, rel, sizeof(rel));
		reader_fail(r, rel, "garbled value: %s", why.msg);
		return;
	}
	hw->has[reg][cpu] = true;
	hw->value[reg][cpu] = v;
}

/**
 * hwregs_read() - read cpu<N>/ and gic/ below @r's root into @hw
 * @r: the model's reader (its first error is the one reported)
 * @hw: filled; expected zeroed
 */
void hwregs_read(struct reader *r, struct hwregs *hw)
{
	char rel[SIO_REL_MAX];
	unsigned int cpu, reg;

	for (cpu = 0; cpu < FWP_MAX_CPUS && !r->failed; cpu++) {
		layout_dir(FWP_GROUP_cpu, cpu, rel, sizeof(rel));
		if (sio_is_dir(&r->root, rel))
			continue;
		for (reg = 0; reg < FWP_HW_PER_VCPU; reg++) {
			read_value(r, hw, reg, cpu);
			hw->online[cpu] |= hw->has[reg][cpu];
		}
		if (hw->online[cpu])
			hw->ncpus = cpu + 1;
	}
	for (reg = FWP_HW_PER_VCPU; reg < FWP_HW_NR; reg++)
		read_value(r, hw, reg, 0);
}

/**
 * hwregs_read_boot() - the guest kernel's boot-time MIDR_EL1 and REVIDR_EL1
 * @live_root: the module's tree is the live one, so /sys/devices/system/cpu
 *	       describes the same guest (a copied tree does not)
 * @hw: @hw->ncpus vCPUs are looked up; boot_* filled
 * @err: what went wrong
 *
 * HW_CPU_SYSFS_ENV replaces HW_CPU_SYSFS and is read whatever the root. A
 * kernel without regs/identification (or a vCPU without it) has no boot view.
 *
 * Return: 0, or -1 when a file is unreadable or garbled, or the directory
 * HW_CPU_SYSFS_ENV names does not exist.
 */
int hwregs_read_boot(bool live_root, struct hwregs *hw, struct fwp_err *err)
{
	const char *env = getenv(HW_CPU_SYSFS_ENV);
	struct reader r = { .err = err };
	unsigned int cpu, b;
	int ret;

	if (!env && !live_root)
		return 0;
	ret = sio_open_root(&r.root, env ? env : HW_CPU_SYSFS);
	if (ret && !env)
		return 0;
	if (ret)
		return fwp_fail(err, "%s=%s: cannot open: %s; point it at a copy of %s, or unset it",
				HW_CPU_SYSFS_ENV, env, strerror(-ret), HW_CPU_SYSFS);
	for (cpu = 0; cpu < hw->ncpus; cpu++)
		for (b = 0; b < HW_BOOT_NR; b++)
			hw->boot_has[b][cpu] = rd(&r, OPTIONAL, &K_HEX, &hw->boot[b][cpu],
						  "cpu%u/regs/identification/%s", cpu,
						  fwp_hwregs[hw_boot_regs[b]].name);
	hw->boot_read = true;
	return r.failed ? -1 : 0;
}
