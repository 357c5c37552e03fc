#!/bin/sh
# Runs twice in the same guest (vmtest --migrate-to): before the migration it
# records what the guest sees and arms the drift watch; after it, it shows the
# guest was not rebooted and checks what changed, as a user would:
#   before: fwprobe --save /var/lib/fwprobe/pre.json
#   after:  fwprobe --rescan --expect /var/lib/fwprobe/pre.json
# $1 is the drift-watch period in ms (default 500; 0 leaves the watch off, as
# it is by default, so the rescan itself has to re-lay the files out).
watch_ms=${1:-500}
state=/var/lib/fwprobe
root=/sys/class/fwprobe/fwprobe0
registers() { for f in $root/registers/*; do echo "reg_${f##*/}=$(cat "$f")"; done; }
ptp_files() { echo "ptp_files=$(find $root/ptp -type f | wc -l)"; }
# The hardware registers as name=value pairs on one line, every vCPU's and the GIC's.
hw_regs() { echo "hw_regs=$(cd $root && find cpu* gic -type f | sort | xargs grep -H '' | tr ':\n' '= ')"; }
# The safety verdict of the last probe, and what it found lost.
safety() {
	echo "safety=$(cat $root/safety/verdict)"
	echo "safety_lost=capabilities:$(cat $root/safety/capabilities_lost) errata:$(cat $root/safety/errata_needed) hwcaps:$(cat $root/safety/hwcaps_lost) live:$(cat $root/safety/live_lost)"
	echo "safety_given=$(cat $root/safety/capabilities) $(cat $root/safety/hwcaps)"
}

if [ ! -f $state/pre.json ]; then
	mkdir -p $state
	echo "phase=pre"
	echo "uptime=$(cut -d' ' -f1 /proc/uptime)"
	cat /proc/sys/kernel/random/boot_id >$state/boot_id
	# Change uevents from the drift watch land in a file.
	uevent sh -c 'env | grep "^FWPROBE_" | tr "\n" " " >>/var/lib/fwprobe/uevents; echo >>/var/lib/fwprobe/uevents' &
	echo "$watch_ms" >/sys/module/fwprobe/parameters/drift_watch_ms
	fwprobe --save $state/pre.json
	echo "save=$?"
	registers
	ptp_files
	hw_regs
	safety
	exit 0
fi

echo "phase=post"
echo "uptime=$(cut -d' ' -f1 /proc/uptime)"
[ "$(cat /proc/sys/kernel/random/boot_id)" = "$(cat $state/boot_id)" ] && echo "same_boot=yes"
# With the watch on: let it probe a few times on this host first.
gen=$(cat $root/generation)
if [ "$watch_ms" -gt 0 ]; then
	for _ in $(seq 100); do
		[ "$(cat $root/generation)" -ge $((gen + 3)) ] && break
		sleep 0.1
	done
fi
echo "uevents=$(tr '\n' '|' 2>/dev/null <$state/uevents)"
out=$(fwprobe --rescan --expect $state/pre.json 2>&1)
expect_pre=$?
echo "expect_pre=$expect_pre"
echo "expect_pre_says=$(echo "$out" | tr '\n' '|')"
ptp_files
# Without the watch, a rescan that found drift sent a uevent: wait until the
# listener has written it down.
gen=$(cat $root/generation)
if [ "$watch_ms" -eq 0 ] && [ "$expect_pre" -eq 1 ]; then
	for _ in $(seq 50); do
		grep -q "FWPROBE_GENERATION=$gen " $state/uevents 2>/dev/null && break
		sleep 0.1
	done
fi
echo "uevents_after_rescan=$(tr '\n' '|' 2>/dev/null <$state/uevents)"
out=$(fwprobe --quiet --expect /usr/share/fwprobe/machine-types/v1.json 2>&1)
echo "expect_v1=$?"
echo "expect_v1_says=$(echo "$out" | tr '\n' '|')"
registers
hw_regs
safety
