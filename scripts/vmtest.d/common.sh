# shellcheck shell=sh
# Shared by the L1 and L2 init scripts of scripts/vmtest (busybox sh).
# Results travel on the console as framed records that vmtest checks:
#   @@FWPROBE <level> <key> begin <sha256> gzip   base64 lines   @@FWPROBE <level> <key> end

# Kernel log lines that mean the run is not trustworthy: oopses, WARN()s and
# BUG()s, and the detectors' reports (the debug guest kernel's). Their boot
# lines are not: "KASAN: KernelAddressSanitizer initialized", "RCU lockdep
# checking is enabled", "kmemleak: Kernel memory leak detector initialized".
BAD_LOG='Unsupported FSC|Internal error|Unable to handle kernel|WARNING: CPU:|BUG: |Kernel panic|Call trace:|WARNING: possible|WARNING: suspicious RCU|WARNING: inconsistent lock|WARNING: bad unlock|WARNING: held lock|WARNING: lock held|WARNING: Nested lock|lockdep is turned off|DEBUG_LOCKS_WARN_ON|UBSAN:|INFO: task .* blocked|Oops|suspected memory leak'

setup_base() {
	/bin/busybox mkdir -p /proc /sys /dev /tmp /usr/bin /usr/sbin /sbin /root
	/bin/busybox --install -s
	mount -t proc proc /proc
	mount -t sysfs sys /sys
	mount -t devtmpfs dev /dev 2>/dev/null
	mount -t tmpfs tmp /tmp
	export PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root
}

# A hung task is reported within 15-20 s (the kernels' default is 120 s; a
# run is given 300 s): khungtaskd looks every 5 s for a task that has been in
# uninterruptible sleep for 15 s, which leaves margin when two test beds share
# the machine. L2 has no disks; L1's only I/O is the migration disk. A guest
# with many vCPUs per L1 vCPU gets fwprobe_hung_task_secs from vmtest (the
# kernel hands an unknown name=value of its command line to init as an
# environment variable): there one CPU going offline stops every vCPU, which
# may wait its turn on L1 for longer than 15 s.
hung_task_fast() {
	_k=/proc/sys/kernel
	[ -e $_k/hung_task_check_interval_secs ] && echo 5 >$_k/hung_task_check_interval_secs
	[ -e $_k/hung_task_timeout_secs ] && echo "${fwprobe_hung_task_secs:-15}" >$_k/hung_task_timeout_secs
	return 0
}

progress() { echo "@@FWPROBE $LEVEL progress $*"; }

# Records go out one at a time: the kernel watcher writes its own while the
# init script may be writing one. The lock is a directory (busybox has no flock).
emit_lock() { # tries, 0.1 s apart; then goes ahead anyway
	_n=0
	until mkdir /tmp/.emit-lock 2>/dev/null; do
		_n=$((_n + 1))
		[ "$_n" -ge "$1" ] && return 0
		sleep 0.1
	done
}

emit_unlock() { rmdir /tmp/.emit-lock 2>/dev/null; }

# FILE onto the console with one write(), under the lock, so that no other
# record lands inside it. In L1 it may still cut a line of the guest's output,
# which L1's QEMU copies to the same console a byte at a time, or come inside
# one of the guest's records (vmtest reads a record within a record of the
# other level): a record's leading empty line ends the line it cut.
to_console() { # file
	emit_lock 100
	dd if="$1" bs=1M 2>/dev/null
	emit_unlock
}

# A record is gzipped (a guest's console is slow: about 2 KB/s nested, and its
# text shrinks about tenfold) and goes to the console whole (to_console). The
# guest sends its records through a virtio port of its own instead when L1
# gave it one (records_port): one VM exit per write, not several per byte (a
# 5 KB record took 3 s on the console). A kernel-problem record still takes
# the console: vmtest stops a run soon after it comes, and L1 hands the
# port's records on only when its VMM exits.
emit() { # key file
	# A shell trace (DEBUG=1) must not land inside a record.
	case $- in *x*) set +x; _trace=1 ;; *) _trace= ;; esac
	{
		echo
		echo "@@FWPROBE $LEVEL $1 begin $(sha256sum <"$2" | cut -d' ' -f1) gzip"
		gzip -c <"$2" | base64
		echo "@@FWPROBE $LEVEL $1 end"
	} >/tmp/.record.$$
	if [ -z "$RECORDS_PORT" ] || [ "$1" = kernel-problem ] ||
		! dd if=/tmp/.record.$$ of="$RECORDS_PORT" bs=1M 2>/dev/null; then
		to_console /tmp/.record.$$
	fi
	rm -f /tmp/.record.$$
	[ -n "$_trace" ] && set -x
	return 0
}

# The guest's port for records (L1's vmm() adds it; none under --host-kernel
# none): the port driver names it once the VMM has said so, within moments.
RECORDS_PORT_NAME=fwprobe.records
records_port() {
	# No virtio console device (type 3): no port to wait for.
	grep -qx 0x0003 /sys/bus/virtio/devices/*/device 2>/dev/null || return 0
	for _ in $(seq 30); do
		for _p in /sys/class/virtio-ports/*; do
			[ "$(cat "$_p/name" 2>/dev/null)" = $RECORDS_PORT_NAME ] &&
				[ -c "/dev/${_p##*/}" ] && RECORDS_PORT=/dev/${_p##*/} && return 0
		done
		sleep 0.1
	done
	progress "no virtio port $RECORDS_PORT_NAME: records go on the console"
}

emit_text() { # key text
	printf '%s\n' "$2" >/tmp/.emit
	emit "$1" /tmp/.emit
}

emit_bad_log() {
	dmesg | grep -E "$BAD_LOG" >/tmp/bad-log
	[ -s /tmp/bad-log ] && emit bad-log /tmp/bad-log
	return 0
}

# The kernel watcher: one process that stays blocked reading /dev/kmsg (from
# the oldest message on) until a line matches BAD_LOG, then sends the log from
# that line on (the report and its stack trace: with "quiet" only the first
# line of most reports reaches the console) as one "kernel-problem" record,
# once, and exits. Started as a fresh shell (no trace of its own under DEBUG) in a subshell
# that exits at once, so it is no job of the init script's (`wait`).
watch_kernel() {
	(sh -c '. /fwprobe/common.sh; LEVEL=$1; kernel_watcher' watcher "$LEVEL" \
		</dev/null &)
}

kernel_watcher() {
	# The pattern is in a file, not on grep's command line: ps listings show
	# that. grep fails if /dev/kmsg cannot be read (or lost messages under
	# it): then dmesg is looked at once a second.
	printf '%s\n' "$BAD_LOG" >/tmp/.bad-log-pattern
	until grep -qEf /tmp/.bad-log-pattern </dev/kmsg 2>/dev/null ||
		dmesg | grep -qEf /tmp/.bad-log-pattern; do
		sleep 1
	done
	: >/tmp/.kernel-problem-seen
	sleep 2	# the rest of the report
	dmesg | awk -v re="$BAD_LOG" 'n < 80 && (n || $0 ~ re) { print; n++ }' >/tmp/.kernel-problem
	[ -s /tmp/.kernel-problem ] || dmesg | tail -n 80 >/tmp/.kernel-problem
	emit kernel-problem /tmp/.kernel-problem
	: >/tmp/.kernel-problem-sent
}

finish() {
	# A problem the watcher has just seen: let its record out first.
	_n=0
	while [ -e /tmp/.kernel-problem-seen ] && [ ! -e /tmp/.kernel-problem-sent ] &&
		[ "$_n" -lt 20 ]; do
		sleep 0.5
		_n=$((_n + 1))
	done
	emit_bad_log
	echo "@@FWPROBE $LEVEL done"
	sync
	poweroff -f
}

# Virtio disks are told apart by the serial the VMM gave them.
disk_by_serial() { # serial
	for _d in /sys/block/vd*; do
		[ "$(cat "$_d/serial" 2>/dev/null)" = "$1" ] && echo "/dev/${_d##*/}" && return 0
	done
	return 0
}

# Load the modules DIR/order names (file names, dependencies first), as
# scripts/setup unpacked them. One already loaded (the other disk needed it
# too) is fine. On failure, prints which one and why.
load_modules() { # dir
	[ -f "$1/order" ] || return 0	# the kernel has them built in
	while read -r _m; do
		insmod "$1/$_m" 2>/tmp/insmod.err || grep -q 'File exists' /tmp/insmod.err || {
			echo "cannot load $_m: $(cat /tmp/insmod.err)"
			return 1
		}
	done <"$1/order"
}

# The device of the disk with SERIAL, waiting up to 5 s for it to appear.
wait_for_disk() { # serial
	for _ in $(seq 50); do
		_dev=$(disk_by_serial "$1")
		[ -n "$_dev" ] && echo "$_dev" && return 0
		sleep 0.1
	done
	return 1
}

# The guest runs /fwprobe/cmd and reports its output and status.
run_command() { # key prefix
	progress "command started"
	sh /fwprobe/cmd >/tmp/stdout 2>/tmp/stderr </dev/null
	echo $? >/tmp/rc
	progress "command done"
	emit "${1}stdout" /tmp/stdout
	emit "${1}stderr" /tmp/stderr
	emit "${1}rc" /tmp/rc
}

# Whether a migration kept the guest's memory, independently of what the
# command checks: memguard (vmtest.d/guest/memguard.c) fills a share of the free
# memory and keeps rewriting it during the migration; after the resume it
# checks every page. Its report, with its exit status on the last line, is
# the memory-check record.
MEMGUARD_DIR=/tmp/memguard

memguard_start() {
	mkdir -p $MEMGUARD_DIR
	if /fwprobe/memguard start $MEMGUARD_DIR >/tmp/memguard.out 2>&1; then
		progress "memory guard: $(head -n 1 /tmp/memguard.out)"
	else
		emit memguard-error /tmp/memguard.out
		finish
	fi
}

memguard_verify() {
	/fwprobe/memguard verify $MEMGUARD_DIR >/tmp/memguard.out 2>&1
	echo "status=$?" >>/tmp/memguard.out
	progress "memory guard: $(grep -E '^(bad|pages|rounds|aged|status)=' /tmp/memguard.out | tr '\n' ' ')"
	emit memory-check /tmp/memguard.out
}

run_guest_command() { # migrate (1: run, be migrated, run again)
	if [ "$1" = 1 ]; then
		memguard_start
		# Run once, then wait on the console: only the destination's L1 writes a
		# line to it, once this very guest has been migrated and resumed.
		run_command pre-
		emit_bad_log
		echo "@@FWPROBE $LEVEL migrate-ready"
		read -r _go
		progress "resumed after migration"
		memguard_verify
	fi
	run_command ""
}
