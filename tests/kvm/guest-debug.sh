#!/bin/sh
# Runs in the guest under the debug kernel (vmtest --guest-kernel debug, 2
# vCPUs), with fwprobe.ko loaded: everything the module does, while lockdep,
# KASAN, UBSAN, debug objects and the atomic-sleep check watch, then a
# kmemleak scan once it is gone. Any report in the kernel log fails the run
# (vmtest's kernel watch); this script prints key=value lines for the test.
set -e
# Each step is a progress line on the console: a time-out names the one it
# stopped in.
# shellcheck disable=SC2034 # progress() in common.sh reads it
LEVEL=L2
# shellcheck source=scripts/vmtest.d/common.sh
. /fwprobe/common.sh
step() { emit_lock 10; progress "guest-debug.sh: $*" >/dev/console; emit_unlock; }
root=/sys/class/fwprobe/fwprobe0
leaks=/sys/kernel/debug/kmemleak
mount -t debugfs none /sys/kernel/debug 2>/dev/null || true
# What the kernel itself left unreferenced before fwprobe ran is not ours.
echo clear >$leaks

# 1. Load and unload, 20 times.
step "1/4 load and unload"
for i in $(seq 20); do
	rmmod fwprobe
	insmod /opt/fwprobe/fwprobe.ko
done
echo "cycles=20"

# 2. The hardware reads on both vCPUs, then vCPU 1 taken offline and online
#    10 times while probes run.
step "2/4 vCPU 1 offline and online under rescans"
echo "cpus=$(ls -d $root/cpu* | wc -l)"
(for i in $(seq 100); do echo 1 >$root/rescan; done) &
rescans=$!
for i in $(seq 10); do
	echo 0 >/sys/devices/system/cpu/cpu1/online
	cat $root/generation $root/cpu0/* >/dev/null
	echo 1 >/sys/devices/system/cpu/cpu1/online
done
wait $rescans
echo "hotplug_cycles=10"
echo "cpu1_online=$(cat /sys/devices/system/cpu/cpu1/online)"

# 3. The drift watch, rescans, readers and reloads all at once.
# 200 switches: the detectors report an order or an access the first time
# they see it, so they need no repeats.
step "3/4 drift watch, rescans and reloads"
/put/fwprobe-stress 200 >/tmp/stress.out
grep -E '^(switches|rescans|reloads|reload_errors|first_error|reload_first_error)=' /tmp/stress.out

# 4. Everything fwprobe allocated is gone once it is unloaded.
step "4/4 kmemleak"
rmmod fwprobe
# kmemleak reports an object only once it has stayed unreferenced through a
# scan and is older than 5 s: wait, then scan twice.
sleep 6
echo scan >$leaks
echo scan >$leaks
echo "leak_lines=$(grep -c . $leaks || true)"
sed 's/^/leak: /' $leaks
