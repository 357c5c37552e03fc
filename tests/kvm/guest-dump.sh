#!/bin/sh
# Runs in the guest: prints what the scenario tests assert on, as key=value
# lines, independent of the reporter. Reading every file here must not add a
# single SMCCC call (the host-side trace checks that).
echo "uname=$(uname -r)"
echo "dmesg_services=$(dmesg | grep -o 'hypervisor services detected.*' | head -n 1)"
echo "ptp_clocks=$(ls /sys/class/ptp 2>/dev/null | wc -l)"
# What the guest kernel gave processes (safety/hwcaps must say the same).
echo "cpuinfo_features=$(grep -m 1 '^Features' /proc/cpuinfo | cut -d: -f2)"
# A 32-bit process's (the compat HWCAPs): the kernel shows them to PER_LINUX32.
echo "cpuinfo_compat_features=$(linux32 grep -m 1 '^Features' /proc/cpuinfo | cut -d: -f2)"
root=/sys/class/fwprobe/fwprobe0
[ -d "$root" ] || { echo "fwprobe=absent"; exit 1; }
# The reporter against every shipped machine type: exit status and its lines.
for f in /usr/share/fwprobe/machine-types/*.json; do
	[ -f "$f" ] || continue
	name=$(basename "$f" .json)
	out=$(fwprobe --quiet --expect "$f" 2>&1)
	echo "expect_$name=$?"
	echo "expect_${name}_says=$(echo "$out" | tr '\n' '|')"
done
echo "reporter_json=$(fwprobe --json | tr -d '\n')"
cd "$root" || exit 1
# Every file as path=value, in one grep rather than a cat per file (each
# process costs dearly under nested emulation). Values are single lines.
find . -type f ! -path './power/*' ! -name uevent ! -name rescan | sort |
	xargs grep -H '' | sed 's#^\./##; s#:#=#'
