/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The groups of /sys/class/fwprobe/fwprobe0 and their files with fixed
 * names, in order (fwprobe_layout.h). Included with the macros defined by the
 * user (no include guard).
 *
 * FWP_GROUP(group): a group. Its directory is its name, except top (the
 *   device's own directory) and cpu (cpu<N>, one per vCPU). A group without
 *   FWP_FILE lines below it is built: fwp_file_name() names its files.
 * FWP_FILE(group, file, kind): a file of the group with a fixed name, holding
 *   a value of kind FWP_KIND_<kind>. The module's presence rules number a
 *   group's files in this order.
 */
FWP_GROUP(top)
FWP_FILE(top,		generation,		UDEC)
FWP_FILE(top,		calls,			UDEC)
FWP_FILE(top,		duration_ns,		UDEC)
FWP_FILE(top,		version_call_ns,	UDEC)
FWP_FILE(top,		hw_duration_ns,		UDEC)
FWP_FILE(top,		conduit,		CONDUIT)
FWP_FILE(top,		smccc_version,		VERSION)
FWP_FILE(top,		identity,		IDENTITY)
FWP_FILE(top,		rescan,			WRITE)
FWP_GROUP(soc_id)
FWP_FILE(soc_id,	version,		WORD)
FWP_FILE(soc_id,	revision,		WORD)
FWP_FILE(soc_id,	name,			TEXT)
FWP_GROUP(arch_features)
FWP_GROUP(psci)
FWP_FILE(psci,		version,		VERSION)
FWP_GROUP(psci_features)
FWP_GROUP(trng)
FWP_FILE(trng,		version,		VERSION)
FWP_FILE(trng,		features_rnd64,		SDEC)
FWP_FILE(trng,		uuid,			TEXT)
FWP_GROUP(vendor_hyp)
FWP_FILE(vendor_hyp,	uid_0,			WORD)
FWP_FILE(vendor_hyp,	uid_1,			WORD)
FWP_FILE(vendor_hyp,	uid_2,			WORD)
FWP_FILE(vendor_hyp,	uid_3,			WORD)
FWP_FILE(vendor_hyp,	uuid,			TEXT)
FWP_GROUP(standard_uid)
FWP_FILE(standard_uid,	secure,			TEXT)
FWP_FILE(standard_uid,	hypervisor,		TEXT)
FWP_GROUP(kvm)
FWP_FILE(kvm,		features_0,		WORD)
FWP_FILE(kvm,		features_1,		WORD)
FWP_FILE(kvm,		features_2,		WORD)
FWP_FILE(kvm,		features_3,		WORD)
FWP_FILE(kvm,		feature_names,		TEXT)
FWP_GROUP(ptp)
FWP_GROUP(pv_time)
FWP_FILE(pv_time,	st_features,		SDEC)
FWP_GROUP(discover_impl)
FWP_GROUP(registers)
FWP_GROUP(registers_basis)
FWP_GROUP(evidence)
FWP_GROUP(gic)
FWP_GROUP(cpu)
