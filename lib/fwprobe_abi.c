// SPDX-License-Identifier: GPL-2.0
/*
 * The name tables of fwprobe_abi.h and the sysfs layout of fwprobe_layout.h,
 * shared by fwprobe.ko and the reporter.
 */
#ifndef __KERNEL__
#include <stdio.h>
#endif

#include "fwprobe_core.h"
#include "fwprobe_layout.h"

const u64 fwp_reg_kvm_ids[FWP_REG_NR] = {
	[FWP_REG_PSCI_VERSION]		= FWP_KVM_REG_ARM_FW_REG(0),
	[FWP_REG_WORKAROUND_1]		= FWP_KVM_REG_ARM_FW_REG(1),
	[FWP_REG_WORKAROUND_2]		= FWP_KVM_REG_ARM_FW_REG(2),
	[FWP_REG_WORKAROUND_3]		= FWP_KVM_REG_ARM_FW_REG(3),
	[FWP_REG_STD_BMAP]		= FWP_KVM_REG_ARM_FW_FEAT_BMAP_REG(0),
	[FWP_REG_STD_HYP_BMAP]		= FWP_KVM_REG_ARM_FW_FEAT_BMAP_REG(1),
	[FWP_REG_VENDOR_HYP_BMAP]	= FWP_KVM_REG_ARM_FW_FEAT_BMAP_REG(2),
	[FWP_REG_VENDOR_HYP_BMAP_2]	= FWP_KVM_REG_ARM_FW_FEAT_BMAP_REG(3),
};

const char *const fwp_ptp_counter_names[FWP_PTP_COUNTERS] = {
	[FWP_KVM_PTP_VIRT] = "virtual",
	[FWP_KVM_PTP_PHYS] = "physical",
};

const char *const fwp_ptp_field_names[FWP_PTP_FIELD_NR] = {
	[FWP_PTP_STATUS]		= "status",
	[FWP_PTP_HOST_NS]		= "host_ns",
	[FWP_PTP_COUNTER]		= "counter",
	[FWP_PTP_COUNTER_IN_WINDOW]	= "counter_in_window",
	[FWP_PTP_REALTIME_OFFSET_NS]	= "realtime_offset_ns",
	[FWP_PTP_PLAUSIBLE]		= "plausible",
};

const char *const fwp_impl_reg_names[FWP_IMPL_REG_NR] = {
	[FWP_IMPL_MIDR]		= "midr",
	[FWP_IMPL_REVIDR]	= "revidr",
	[FWP_IMPL_AIDR]		= "aidr",
};

const char *const fwp_boot_tables_names[FWP_BOOT_TABLES_NR] = {
	[FWP_BOOT_TABLES_DT] = "dt",
	[FWP_BOOT_TABLES_ACPI] = "acpi",
};

#define FWP_FILE(group, file, kind, presence)
#define FWP_GROUP(group, presence)						\
	[FWP_GROUP_##group] = { #group, FWP_PRESENCE_##presence },
const struct fwp_group_layout fwp_groups_layout[FWP_GROUP_NR] = {
#include "fwprobe_layout_list.h"
};

#undef FWP_GROUP
#undef FWP_FILE
#define FWP_GROUP(group, presence)
#define FWP_FILE(group, file, kind, presence)					\
	[FWP_FILE_##group##_##file] = { FWP_GROUP_##group, #file, FWP_KIND_##kind,	\
					FWP_PRESENCE_##presence },
const struct fwp_file_desc fwp_files[FWP_FILE_NR] = {
#include "fwprobe_layout_list.h"
};

#undef FWP_GROUP
#undef FWP_FILE

/* The four-word files are read as arrays: their words follow each other. */
static_assert(FWP_FILE_vendor_hyp_uid_3 - FWP_FILE_vendor_hyp_uid_0 == FWP_WORD_FILES - 1,
	      "vendor_hyp/uid_<i> out of order");
static_assert(FWP_FILE_kvm_features_3 - FWP_FILE_kvm_features_0 == FWP_WORD_FILES - 1,
	      "kvm/features_<i> out of order");

static const enum fwp_kind fwp_ptp_field_kinds[FWP_PTP_FIELD_NR] = {
	[FWP_PTP_STATUS]		= FWP_KIND_SDEC,
	[FWP_PTP_HOST_NS]		= FWP_KIND_UDEC,
	[FWP_PTP_COUNTER]		= FWP_KIND_UDEC,
	[FWP_PTP_COUNTER_IN_WINDOW]	= FWP_KIND_BOOL,
	[FWP_PTP_REALTIME_OFFSET_NS]	= FWP_KIND_SDEC,
	[FWP_PTP_PLAUSIBLE]		= FWP_KIND_BOOL,
};

/**
 * fwp_file_count() - number of files a built group can have
 * @g: the group; a fixed group has none built (its files are fwp_files[])
 *
 * For cpu, the files of one vCPU's directory. Which of them exist for a
 * probe is the group's presence rule.
 */
unsigned int fwp_file_count(enum fwp_group g)
{
	switch (g) {
	case FWP_GROUP_arch_features:
		return FWP_AF_NR;
	case FWP_GROUP_psci_features:
		return fwp_psci_nr;
	case FWP_GROUP_ptp:
		return FWP_PTP_COUNTERS * FWP_PTP_FIELD_NR;
	case FWP_GROUP_discover_impl:
		return FWP_IMPL_FILE(FWP_MAX_IMPLS, 0);
	case FWP_GROUP_registers:
	case FWP_GROUP_registers_basis:
		return FWP_REG_NR;
	case FWP_GROUP_evidence:
		return FWP_MAX_CALLS;
	case FWP_GROUP_gic:
		return FWP_HW_NR - FWP_HW_PER_VCPU;
	case FWP_GROUP_cpu:
		return FWP_HW_PER_VCPU;
	default:
		return 0;
	}
}

/**
 * fwp_file_name() - name of file @i of built group @g
 * @g: the group
 * @i: the file, below fwp_file_count(@g)
 * @buf: output, FWP_FILE_NAME_LEN bytes suffice
 * @len: size of @buf
 */
void fwp_file_name(enum fwp_group g, unsigned int i, char *buf, size_t len)
{
	const char *name = "";

	switch (g) {
	case FWP_GROUP_arch_features:
		name = fwp_arch_funcs[i].name;
		break;
	case FWP_GROUP_psci_features:
		name = fwp_psci_funcs[i].f.name;
		break;
	case FWP_GROUP_ptp:
		snprintf(buf, len, "%s_%s", fwp_ptp_counter_names[i / FWP_PTP_FIELD_NR],
			 fwp_ptp_field_names[i % FWP_PTP_FIELD_NR]);
		return;
	case FWP_GROUP_discover_impl:
		if (i >= FWP_IMPL_FIRST_REG) {
			snprintf(buf, len, "%s_%u", fwp_impl_reg_names[fwp_impl_file_reg(i)],
				 fwp_impl_file_impl(i));
			return;
		}
		name = i == FWP_IMPL_VERSION ? "version" : "count";
		break;
	case FWP_GROUP_registers:
	case FWP_GROUP_registers_basis:
		name = fwp_reg_names[i];
		break;
	case FWP_GROUP_evidence:
		snprintf(buf, len, "call_%02u", i);
		return;
	case FWP_GROUP_gic:
		name = fwp_hwregs[FWP_HW_PER_VCPU + i].name;
		break;
	case FWP_GROUP_cpu:
		name = fwp_hwregs[i].name;
		break;
	default:
		break;
	}
	snprintf(buf, len, "%s", name);
}

/**
 * fwp_file_kind() - what file @i of built group @g holds
 * @g: the group
 * @i: the file, below fwp_file_count(@g)
 */
enum fwp_kind fwp_file_kind(enum fwp_group g, unsigned int i)
{
	switch (g) {
	case FWP_GROUP_ptp:
		return fwp_ptp_field_kinds[i % FWP_PTP_FIELD_NR];
	case FWP_GROUP_discover_impl:
		return i == FWP_IMPL_VERSION ? FWP_KIND_VERSION :
		       i == FWP_IMPL_COUNT ? FWP_KIND_UDEC : FWP_KIND_HEX;
	case FWP_GROUP_registers:
		return FWP_KIND_REG;
	case FWP_GROUP_registers_basis:
		return FWP_KIND_TEXT;
	case FWP_GROUP_evidence:
		return FWP_KIND_CALL;
	case FWP_GROUP_gic:
	case FWP_GROUP_cpu:
		return FWP_KIND_HEX;
	default:
		return FWP_KIND_SDEC;	/* arch_features/, psci_features/: answers */
	}
}
