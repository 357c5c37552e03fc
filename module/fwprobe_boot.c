// SPDX-License-Identifier: GPL-2.0
/*
 * How the guest booted: with ACPI tables or a device tree, through UEFI or
 * not, and its firmware's SMBIOS vendor and version (boot/ in sysfs). All of
 * it is read once at load: none of it changes while the kernel runs, and a
 * live migration keeps the source's firmware and tables in the guest's
 * memory until the next boot, so a difference across a fleet is one of boot
 * hosts.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/acpi.h>
#include <linux/ctype.h>
#include <linux/dmi.h>
#include <linux/efi.h>
#include <linux/string.h>

#include "fwprobe.h"

struct fwprobe_boot fwprobe_boot;

/* An SMBIOS string as one printable line: anything else becomes '?'. */
static void fwprobe_boot_text(char *dst, size_t len, int field)
{
	const char *s = dmi_get_system_info(field);
	size_t i;

	if (!s)
		return;
	strscpy(dst, s, len);
	for (i = 0; dst[i]; i++)
		if (!isprint(dst[i]))
			dst[i] = '?';
	strim(dst);
}

/** fwprobe_boot_init() - record how the guest booted. Context: module init. */
void fwprobe_boot_init(void)
{
	fwprobe_boot.acpi = !acpi_disabled;
	fwprobe_boot.uefi = efi_enabled(EFI_BOOT);
	fwprobe_boot_text(fwprobe_boot.vendor, sizeof(fwprobe_boot.vendor), DMI_BIOS_VENDOR);
	fwprobe_boot_text(fwprobe_boot.version, sizeof(fwprobe_boot.version), DMI_BIOS_VERSION);
	pr_info("booted with %s%s\n", fwprobe_boot.acpi ? "ACPI" : "a device tree",
		fwprobe_boot.uefi ? " through UEFI" : "");
}
