#!/bin/sh
# Run in the Debian guest (vmtest --guest-os debian) as root, the way an
# operator's guest lives with fwprobe's packages. It only installs (phase
# install) and then looks: everything else is the packages' own doing.
#   install  apt installs /put/*.deb offline; DKMS builds the module in the
#            guest; the packages load it and run the first check.
#   boot     a later boot of the same disk: the module was loaded at boot, the
#            check ran, node_exporter serves its verdict. Under vmtest
#            --migrate-to it runs again in the resumed guest, and waits up to
#            60 s for node_exporter to show what the drift watch found.
# Output: key=value lines for tests/kvm/test_debian.c.
phase=$1
metrics=http://localhost:9100/metrics
mark=/run/fwprobe-test-resumed

# Wait until a oneshot unit has run to its end (or 120 s).
wait_for_unit_run() { # unit
	for _ in $(seq 120); do
		[ "$(systemctl show -P ExecMainExitTimestampMonotonic "$1")" != 0 ] &&
			[ "$(systemctl show -P ActiveState "$1")" != activating ] && return 0
		sleep 1
	done
	return 1
}

check_unit() {
	wait_for_unit_run fwprobe-check.service || echo "check_unit=not finished"
	echo "check_status=$(systemctl show -P ExecMainStatus fwprobe-check.service)"
	echo "check_started_this_boot=$(systemctl show -P ExecMainStartTimestampMonotonic fwprobe-check.service | awk '{print ($1 > 0) ? "yes" : "no"}')"
	journalctl -b -o cat -u fwprobe-check.service | sed 's/^/journal=/'
}

# node_exporter's fwprobe lines, as key=value: metric=<line>. A scrape runs
# every collector: in the sid guest the first took 13 s, later ones 4 s.
scrape() {
	curl -sf --max-time 60 "$metrics" >/tmp/metrics || return 1
	grep '^fwprobe_' /tmp/metrics | sed 's/^/metric=/'
}

# Until node_exporter answers: its landing page, which runs no collector (a
# scrape cut off after 5 s was retried for 37 s while the exporter started).
wait_for_exporter() {
	for _ in $(seq 60); do
		curl -sf --max-time 10 "${metrics%/metrics}/" >/dev/null && return 0
		sleep 1
	done
	echo "exporter=not answering on ${metrics%/metrics}/"
	return 1
}

case $phase in
install)
	t0=$(cut -d. -f1 /proc/uptime)
	echo "apt_start=$(date +%T)"
	DEBIAN_FRONTEND=noninteractive apt-get install -y /put/fwprobe_*.deb \
		/put/fwprobe-dkms_*.deb >/tmp/apt.log 2>&1
	echo "apt_install=$?"
	echo "install_seconds=$(($(cut -d. -f1 /proc/uptime) - t0))"
	grep -E 'Building|DKMS|dkms|fwprobe' /tmp/apt.log >&2
	# Where the install's time went: dpkg's own log of each package's steps
	# (to the second; "half-configured fwprobe-dkms" to "installed" is DKMS's
	# build and install), without changing how apt runs.
	grep -E ' status (unpacked|half-configured|installed) fwprobe' /var/log/dpkg.log |
		cut -d' ' -f2,4,5 | sed 's/^/apt_step=/'
	echo "dkms_status=$(dkms status fwprobe | tr '\n' ' ')"
	echo "module_file=$(modinfo -n fwprobe 2>&1)"
	echo "module_loaded=$([ -d /sys/class/fwprobe/fwprobe0 ] && echo yes || echo no)"
	check_unit
	echo "baseline=$([ -s /var/lib/fwprobe/baseline.json ] && echo saved || echo missing)"
	echo "timer=$(systemctl is-active fwprobe-check.timer)"
	;;
boot)
	if [ ! -e $mark ]; then
		: >$mark
		cat /proc/sys/kernel/random/boot_id >$mark
		echo "phase=boot"
		echo "kernel=$(uname -r)"
		# systemd 252's modules-load logs nothing for a module it loaded: the
		# module's own boot-time kernel line says when it came.
		echo "module_loaded=$([ -d /sys/class/fwprobe/fwprobe0 ] && echo yes || echo no)"
		# (dmesg: the same line, in a second where journalctl took five)
		echo "module_kernel_line=$(dmesg | grep -m1 ' fwprobe: ' | cut -c1-120)"
		# How the guest booted, as the module tells it, and the firmware's own EFI tree.
		echo "boot_tables=$(cat /sys/class/fwprobe/fwprobe0/boot/tables 2>&1)"
		echo "boot_uefi=$(cat /sys/class/fwprobe/fwprobe0/boot/uefi 2>&1)"
		echo "efi_dir=$([ -d /sys/firmware/efi ] && echo yes || echo no)"
		check_unit
		wait_for_exporter && scrape
		echo "exporter=$(systemctl is-active prometheus-node-exporter.service)"
		echo "drift_watch_ms=$(cat /sys/module/fwprobe/parameters/drift_watch_ms)"
		# The timer that keeps the check recent when nothing changes.
		echo "timer=$(systemctl is-active fwprobe-check.timer)"
		echo "timer_next=$(systemctl show -P NextElapseUSecMonotonic fwprobe-check.timer)"
		# Where the journal stands now: the check after a migration comes after it.
		journalctl -u fwprobe-check.service -n 0 --show-cursor -o cat |
			sed -n 's/^-- cursor: //p' >/run/fwprobe-test-cursor
		exit 0
	fi
	# Resumed after a migration: no command is typed, only looked at.
	echo "phase=resumed"
	[ "$(cat /proc/sys/kernel/random/boot_id)" = "$(cat $mark)" ] && echo "same_boot=yes"
	t0=$(cut -d' ' -f1 /proc/uptime)
	seen=
	for _ in $(seq 60); do
		# Up to 60 s; a scrape takes seconds of its own (CI saw the mismatch after 7.8 s).
		awk -v a="$t0" '{ exit !($1 - a > 60) }' /proc/uptime && break
		if scrape >/tmp/scrape && grep -q '^metric=fwprobe_expect_match{.*} 0$' /tmp/scrape &&
			grep -q 'register="vendor_hyp_bmap"' /tmp/scrape; then
			seen=$(awk -v a="$t0" '{printf "%.1f", $1 - a}' /proc/uptime)
			break
		fi
		sleep 1
	done
	echo "mismatch_seen_after=${seen:-never (60 s)}"
	cat /tmp/scrape
	journalctl -o cat -u fwprobe-check.service --after-cursor="$(cat /run/fwprobe-test-cursor)" |
		sed 's/^/journal_after=/'
	;;
*)
	echo "usage: guest-debian.sh install|boot" >&2
	exit 2
	;;
esac
