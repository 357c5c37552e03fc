# shellcheck shell=sh
# Shared by the L1 and L2 init scripts of scripts/vmtest (busybox sh).
# Results travel on the console as framed records that vmtest checks:
#   @@FWPROBE <level> <key> begin <sha256>   base64 lines   @@FWPROBE <level> <key> end

# Kernel log lines that mean the run is not trustworthy.
BAD_LOG='Internal error|Unable to handle kernel|WARNING: CPU:|BUG: |Kernel panic|Call trace:|circular locking|lockdep|possible recursive locking|UBSAN:|KASAN:|INFO: task .* blocked|Oops'

setup_base() {
	/bin/busybox mkdir -p /proc /sys /dev /tmp /usr/bin /usr/sbin /sbin /root
	/bin/busybox --install -s
	mount -t proc proc /proc
	mount -t sysfs sys /sys
	mount -t devtmpfs dev /dev 2>/dev/null
	mount -t tmpfs tmp /tmp
	export PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root
}

progress() { echo "@@FWPROBE $LEVEL progress $*"; }

emit() { # key file
	# A shell trace (DEBUG=1) must not land inside a record.
	case $- in *x*) set +x; _trace=1 ;; *) _trace= ;; esac
	echo "@@FWPROBE $LEVEL $1 begin $(sha256sum <"$2" | cut -d' ' -f1)"
	base64 <"$2"
	echo "@@FWPROBE $LEVEL $1 end"
	[ -n "$_trace" ] && set -x
	return 0
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

finish() {
	emit_bad_log
	echo "@@FWPROBE $LEVEL done"
	sync
	poweroff -f
}
