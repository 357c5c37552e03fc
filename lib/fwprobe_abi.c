// SPDX-License-Identifier: GPL-2.0
/* The name tables of fwprobe_abi.h, shared by fwprobe.ko and the reporter. */
#include "fwprobe_core.h"

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
