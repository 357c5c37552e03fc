#!/bin/sh
# Runs in the guest for the DISCOVER_IMPL scenarios: what the guest kernel
# logged about the implementations the VMM announced, what the module
# published, and fwprobe's verdict on the vCPUs, as key=value lines.
root=/sys/class/fwprobe/fwprobe0
echo "kernel_says=$(dmesg | grep -i -E 'target impl|implementation' | sed 's/^\[[^]]*\] //' | tr '\n' '|')"
echo "calls=$(cat $root/calls)"
for f in $root/discover_impl/* $root/cpu*/midr_el1; do
	[ -f "$f" ] && echo "${f#$root/}=$(cat "$f")"
done
out=$(fwprobe --quiet 2>&1)
echo "fwprobe=$?"
echo "fwprobe_says=$(echo "$out" | tr '\n' '|')"
