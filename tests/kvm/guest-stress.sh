#!/bin/sh
# Runs in the guest: 100 unload/load cycles, then 1000 rescans while two
# readers read every file continuously. Any oops/WARN fails the run (vmtest).
set -e
root=/sys/class/fwprobe/fwprobe0
for i in $(seq 100); do
	rmmod fwprobe
	insmod /opt/fwprobe/fwprobe.ko
done
echo "cycles=100"
reader() {
	while [ ! -e /tmp/stop ]; do
		cat $root/generation $root/registers/* $root/evidence/* $root/psci_features/* >/dev/null 2>&1 || true
	done
}
reader & r1=$!
reader & r2=$!
for i in $(seq 1000); do echo 1 > $root/rescan; done
touch /tmp/stop
wait $r1 $r2
echo "generation=$(cat $root/generation)"
echo "calls=$(cat $root/calls)"
rmmod fwprobe
echo "unloaded=$([ -d $root ] && echo no || echo yes)"
