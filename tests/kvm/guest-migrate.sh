#!/bin/sh
# Runs twice in the same guest (vmtest --migrate-to): before the migration it
# records what the guest sees and arms the drift watch; after it, it shows the
# guest was not rebooted and checks what changed, as a user would:
#   before: fwprobe --save /var/lib/fwprobe/pre.json
#   after:  fwprobe --rescan --expect /var/lib/fwprobe/pre.json
state=/var/lib/fwprobe
root=/sys/class/fwprobe/fwprobe0
registers() { for f in $root/registers/*; do echo "reg_${f##*/}=$(cat "$f")"; done; }

if [ ! -f $state/pre.json ]; then
	mkdir -p $state
	echo "phase=pre"
	echo "uptime=$(cut -d' ' -f1 /proc/uptime)"
	cat /proc/sys/kernel/random/boot_id >$state/boot_id
	# Change uevents from the drift watch land in a file.
	uevent sh -c 'env | grep "^FWPROBE_" | tr "\n" " " >>/var/lib/fwprobe/uevents; echo >>/var/lib/fwprobe/uevents' &
	echo 500 >/sys/module/fwprobe/parameters/drift_watch_ms
	fwprobe --save $state/pre.json
	echo "save=$?"
	registers
	exit 0
fi

echo "phase=post"
echo "uptime=$(cut -d' ' -f1 /proc/uptime)"
[ "$(cat /proc/sys/kernel/random/boot_id)" = "$(cat $state/boot_id)" ] && echo "same_boot=yes"
sleep 3		# several drift-watch periods
echo "uevents=$(tr '\n' '|' <$state/uevents 2>/dev/null)"
out=$(fwprobe --rescan --expect $state/pre.json 2>&1)
echo "expect_pre=$?"
echo "expect_pre_says=$(echo "$out" | tr '\n' '|')"
out=$(fwprobe --quiet --expect /usr/share/fwprobe/machine-types/v1.json 2>&1)
echo "expect_v1=$?"
echo "expect_v1_says=$(echo "$out" | tr '\n' '|')"
registers
