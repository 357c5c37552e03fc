#!/bin/sh
# Runs in the guest for the hardware-register scenarios: prints, as key=value
# lines, what the module publishes in cpu<N>/ and gic/, the reporter's JSON,
# the machine type --save writes (one line) and, when the test put one in as
# /put/expect.json, the verdict of --expect against it.
root=/sys/class/fwprobe/fwprobe0
[ -d "$root" ] || { echo "fwprobe=absent"; exit 1; }
echo "calls=$(cat $root/calls)"
fwprobe --save /tmp/saved.json --quiet
echo "save=$?"
echo "saved=$(tr -d '\n' </tmp/saved.json)"
echo "reporter_json=$(fwprobe --json | tr -d '\n')"
if [ -f /put/expect.json ]; then
	out=$(fwprobe --quiet --expect /put/expect.json 2>&1)
	echo "expect=$?"
	echo "expect_says=$(echo "$out" | tr '\n' '|')"
fi
# Whether the guest kernel booted with ACPI: it then has the MADT ("APIC").
if [ -f /sys/firmware/acpi/tables/APIC ]; then echo "acpi_madt=1"; else echo "acpi_madt=0"; fi
# What the guest kernel gave processes, and the module's safety view of it.
echo "uname=$(uname -r)"
echo "cpuinfo_features=$(grep -m 1 '^Features' /proc/cpuinfo | cut -d: -f2)"
# A 32-bit process's (the compat HWCAPs): the kernel shows them to PER_LINUX32.
echo "cpuinfo_compat_features=$(linux32 grep -m 1 '^Features' /proc/cpuinfo | cut -d: -f2)"
for f in verdict hwcaps capabilities live live_lost; do echo "safety/$f=$(cat $root/safety/$f)"; done
# Where the module found the GIC, as it said at load, for the log.
echo "fwprobe_gic_from=$(dmesg | grep -m 1 -o 'fwprobe: GIC.*' | tr '\n' ' ')"
# The guest kernel's own boot-time view, for the log.
for f in /sys/devices/system/cpu/cpu*/regs/identification/midr_el1; do
	echo "boot_midr_${f#/sys/devices/system/cpu/}=$(cat "$f")"
done
cd "$root" || exit 1
find cpu* gic -type f | sort | xargs grep -H '' | sed 's#:#=#'
