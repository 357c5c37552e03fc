#!/bin/sh
# Runs in the guest after guest-hw.sh (which saved /tmp/saved.json with every
# vCPU online): vCPU $1 goes offline and comes back while a loop rescans,
# then once more with only fwprobe.ko's CPU hotplug callbacks to notice, and
# the reporter is asked while it is offline. Prints key=value lines. The
# bed's kernel watch fails the run on a hung task (180 s in this guest of
# many vCPUs on few) or any oops, so a hang here is named, not waited out
# to the run's end. (The reporter is not run during the
# loop: a snapshot replaced faster than it can read one is an error of its
# own, "generation moved".)
root=/sys/class/fwprobe/fwprobe0
cpu=$1
online=/sys/devices/system/cpu/cpu$cpu/online

# Wait up to 10 s for vcpus_online to differ from $1; print it.
changed_from() {
	i=0
	while [ "$(cat $root/vcpus_online)" = "$1" ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	cat $root/vcpus_online
}

echo "hotplug_vcpus=$(cat $root/vcpus)"
all=$(cat $root/vcpus_online)
echo "hotplug_all=$all"

rm -f /tmp/stop
(while [ ! -e /tmp/stop ]; do echo 1 >$root/rescan; done) &
loop=$!
echo 0 >"$online"
echo "loop_offline_rc=$?"
echo "loop_while_offline=$(changed_from "$all")"
echo "loop_files_while_offline=$(find $root/cpu"$cpu" -type f | wc -l)"
off=$(cat $root/vcpus_online)
echo 1 >"$online"
echo "loop_online_rc=$?"
echo "loop_after=$(changed_from "$off")"
echo "loop_files_after=$(find $root/cpu"$cpu" -type f | wc -l)"
touch /tmp/stop
wait $loop

# No loop now: each change is seen through the module's own rescan.
gen=$(cat $root/generation)
echo 0 >"$online"
echo "callback_while_offline=$(changed_from "$all")"
out=$(fwprobe --quiet --expect /tmp/saved.json 2>&1)
echo "callback_expect_offline=$?"
echo "callback_expect_offline_says=$(echo "$out" | tr '\n' '|')"
off=$(cat $root/vcpus_online)
echo 1 >"$online"
echo "callback_after=$(changed_from "$off")"
echo "callback_probes=$(($(cat $root/generation) - gen))"
echo "callback_files_after=$(find $root/cpu"$cpu" -type f | wc -l)"
out=$(fwprobe --quiet --expect /tmp/saved.json 2>&1)
echo "callback_expect=$?"
echo "callback_expect_says=$(echo "$out" | tr '\n' '|')"
