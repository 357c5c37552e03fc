// SPDX-License-Identifier: GPL-2.0
/*
 * Reading cpu<N>/ and gic/ below the module's root, and the kernel's boot view
 * of each vCPU's identity. vcpus and vcpus_online say which vCPUs there are
 * and which were read. Every register file is optional: which registers
 * exist depends on the vCPU (caches CLIDR_EL1 lists, a PMU, a GIC found), so
 * an absent file means an absent register, never an error. A file that
 * exists must hold a value that fits its register.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
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
 * hw_vcpu_list() - "1", "0,2" or "0-5,7": the vCPUs below @n whose @set entry is @which
 * @set: one entry per vCPU
 * @n: the vCPUs
 * @which: list those that are true, or those that are false
 * @buf: the list, runs of three or more as ranges; cut short with "..."
 * @len: its size
 */
void hw_vcpu_list(const bool *set, unsigned int n, bool which, char *buf, size_t len)
{
	unsigned int cpu = 0, end;
	size_t used = 0;

	buf[0] = '\0';
	while (cpu < n) {
		if (set[cpu] != which) {
			cpu++;
			continue;
		}
		for (end = cpu + 1; end < n && set[end] == which; end++)
			;
		if (used + 24 >= len) {
			fmt_append(buf, len, &used, "%s...", used ? "," : "");
			return;
		}
		if (end - cpu >= 3)
			fmt_append(buf, len, &used, "%s%u-%u", used ? "," : "", cpu, end - 1);
		else if (end - cpu == 2)
			fmt_append(buf, len, &used, "%s%u,%u", used ? "," : "", cpu, cpu + 1);
		else
			fmt_append(buf, len, &used, "%s%u", used ? "," : "", cpu);
		cpu = end;
	}
}

/**
 * hwregs_alloc() - size @hw's arrays for @ncpus vCPUs, every entry clear
 * @hw: what it held is freed first
 * @ncpus: the vCPUs (0 still gets room for the per-VM registers)
 */
void hwregs_alloc(struct hwregs *hw, unsigned int ncpus)
{
	size_t n = ncpus ? ncpus : 1;
	unsigned int i;

	hwregs_free(hw);
	hw->ncpus = ncpus;
	hw->online = xcalloc(n, sizeof(*hw->online));
	for (i = 0; i < FWP_HW_NR; i++) {
		hw->has[i] = xcalloc(n, sizeof(*hw->has[i]));
		hw->value[i] = xcalloc(n, sizeof(*hw->value[i]));
	}
	for (i = 0; i < HW_BOOT_NR; i++) {
		hw->boot_has[i] = xcalloc(n, sizeof(*hw->boot_has[i]));
		hw->boot[i] = xcalloc(n, sizeof(*hw->boot[i]));
	}
}

/** hwregs_free() - free @hw's arrays; it then holds no vCPU. */
void hwregs_free(struct hwregs *hw)
{
	unsigned int i;

	free(hw->online);
	for (i = 0; i < FWP_HW_NR; i++) {
		free(hw->has[i]);
		free(hw->value[i]);
	}
	for (i = 0; i < HW_BOOT_NR; i++) {
		free(hw->boot_has[i]);
		free(hw->boot[i]);
	}
	memset(hw, 0, sizeof(*hw));
}

/*
 * vcpus and vcpus_online: how many vCPUs, which were read. Return: false on
 * error (recorded in @r).
 */
static bool read_vcpus(struct reader *r, struct hwregs *hw)
{
	char list[READER_VALUE_MAX];
	uint64_t n;

	if (!rd_file(r, FWP_FILE_top_vcpus, &n))
		return false;
	if (!n || n > READER_CPUS_MAX) {
		reader_fail(r, fwp_files[FWP_FILE_top_vcpus].name,
			    "garbled value %llu (expected 1 to %d vCPUs)", (unsigned long long)n,
			    READER_CPUS_MAX);
		return false;
	}
	if (!rd_file(r, FWP_FILE_top_vcpus_online, list))
		return false;
	hwregs_alloc(hw, (unsigned int)n);
	if (!cpulist_parse(list, hw->online, hw->ncpus)) {
		reader_fail(r, fwp_files[FWP_FILE_top_vcpus_online].name,
			    "garbled value \"%.40s\": it lists a vCPU at or above vcpus (%u)", list,
			    hw->ncpus);
		return false;
	}
	return true;
}

/**
 * hwregs_read() - read vcpus, vcpus_online, cpu<N>/ and gic/ below @r's root into @hw
 * @r: the model's reader (its first error is the one reported)
 * @hw: filled (allocated here); expected zeroed
 *
 * Only the vCPUs online at the probe have files; the others are offline in
 * @hw->online, with no register.
 */
void hwregs_read(struct reader *r, struct hwregs *hw)
{
	unsigned int cpu, reg;

	if (!read_vcpus(r, hw)) {
		hwregs_alloc(hw, 0);
		return;
	}
	for (cpu = 0; cpu < hw->ncpus && !r->failed; cpu++)
		for (reg = 0; hw->online[cpu] && reg < FWP_HW_PER_VCPU; reg++)
			read_value(r, hw, reg, cpu);
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
