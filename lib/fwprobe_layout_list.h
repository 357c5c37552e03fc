/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The groups of /sys/class/fwprobe/fwprobe0 and their files with fixed
 * names, in order (fwprobe_layout.h). Included with the macros defined by the
 * user (no include guard).
 *
 * FWP_GROUP(group, presence): a group. Its directory is its name, except top
 *   (the device's own directory) and cpu (cpu<N>, one per vCPU). A group
 *   without FWP_FILE lines below it is built: fwp_file_name() names its
 *   files. Its presence (enum fwp_presence) is ALWAYS when every file it has
 *   is in every tree, OWN when each file has its own rule (the module's
 *   fwp_group_descs[]).
 * FWP_FILE(group, file, kind, presence): a file of the group with a fixed
 *   name, holding a value of kind FWP_KIND_<kind>. Its presence is ALWAYS, OWN
 *   (there when its own call was answered) or LEAD (there exactly when the
 *   group's first file is). The module's presence rules number a group's
 *   files in this order; the reporter requires a file that is not OWN.
 */
FWP_GROUP(top, ALWAYS)
FWP_FILE(top,		generation,		UDEC,		ALWAYS)
FWP_FILE(top,		calls,			UDEC,		ALWAYS)
FWP_FILE(top,		duration_ns,		UDEC,		ALWAYS)
FWP_FILE(top,		version_call_ns,	UDEC,		ALWAYS)
FWP_FILE(top,		hw_duration_ns,		UDEC,		ALWAYS)
FWP_FILE(top,		vcpus,			UDEC,		ALWAYS)
FWP_FILE(top,		vcpus_online,		CPULIST,	ALWAYS)
FWP_FILE(top,		conduit,		CONDUIT,	ALWAYS)
FWP_FILE(top,		smccc_version,		VERSION,	ALWAYS)
FWP_FILE(top,		identity,		IDENTITY,	ALWAYS)
FWP_FILE(top,		rescan,			WRITE,		ALWAYS)
FWP_GROUP(boot, OWN)
FWP_FILE(boot,		tables,			TABLES,		OWN)
FWP_FILE(boot,		uefi,			BOOL,		LEAD)
FWP_FILE(boot,		firmware_vendor,	TEXT,		OWN)
FWP_FILE(boot,		firmware_version,	TEXT,		OWN)
FWP_GROUP(safety, ALWAYS)
FWP_FILE(safety,	verdict,		VERDICT,	ALWAYS)
FWP_FILE(safety,	vcpus_unsafe,		CPULIST,	ALWAYS)
FWP_FILE(safety,	capabilities,		CAPS,		ALWAYS)
FWP_FILE(safety,	capabilities_lost,	CAPS,		ALWAYS)
FWP_FILE(safety,	errata,			ERRATA,		ALWAYS)
FWP_FILE(safety,	errata_needed,		ERRATA,		ALWAYS)
FWP_FILE(safety,	hwcaps,			HWCAPS,		ALWAYS)
FWP_FILE(safety,	hwcaps_lost,		HWCAPS,		ALWAYS)
FWP_FILE(safety,	hwcaps_unknown,		HWCAPS,		ALWAYS)
FWP_FILE(safety,	live,			LIVE,		ALWAYS)
FWP_FILE(safety,	live_lost,		LIVE,		ALWAYS)
FWP_FILE(safety,	duration_ns,		UDEC,		ALWAYS)
FWP_GROUP(soc_id, OWN)
FWP_FILE(soc_id,	version,		WORD,		OWN)
FWP_FILE(soc_id,	revision,		WORD,		LEAD)
FWP_FILE(soc_id,	name,			TEXT,		OWN)
FWP_GROUP(arch_features, OWN)
FWP_GROUP(psci, OWN)
FWP_FILE(psci,		version,		VERSION,	OWN)
FWP_GROUP(psci_features, OWN)
FWP_GROUP(trng, OWN)
FWP_FILE(trng,		version,		VERSION,	OWN)
FWP_FILE(trng,		features_rnd64,		SDEC,		OWN)
FWP_FILE(trng,		uuid,			TEXT,		OWN)
FWP_GROUP(vendor_hyp, OWN)
FWP_FILE(vendor_hyp,	uid_0,			WORD,		OWN)
FWP_FILE(vendor_hyp,	uid_1,			WORD,		LEAD)
FWP_FILE(vendor_hyp,	uid_2,			WORD,		LEAD)
FWP_FILE(vendor_hyp,	uid_3,			WORD,		LEAD)
FWP_FILE(vendor_hyp,	uuid,			TEXT,		LEAD)
FWP_GROUP(standard_uid, OWN)
FWP_FILE(standard_uid,	secure,			TEXT,		OWN)
FWP_FILE(standard_uid,	hypervisor,		TEXT,		OWN)
FWP_GROUP(kvm, OWN)
FWP_FILE(kvm,		features_0,		WORD,		OWN)
FWP_FILE(kvm,		features_1,		WORD,		LEAD)
FWP_FILE(kvm,		features_2,		WORD,		LEAD)
FWP_FILE(kvm,		features_3,		WORD,		LEAD)
FWP_FILE(kvm,		feature_names,		TEXT,		LEAD)
FWP_GROUP(ptp, OWN)
FWP_GROUP(pv_time, OWN)
FWP_FILE(pv_time,	st_features,		SDEC,		OWN)
FWP_GROUP(discover_impl, OWN)
FWP_GROUP(registers, ALWAYS)
FWP_GROUP(registers_basis, ALWAYS)
FWP_GROUP(evidence, OWN)
FWP_GROUP(gic, OWN)
FWP_GROUP(cpu, OWN)
