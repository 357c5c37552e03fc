#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# mktree.sh DUMP DIR: build a fake /sys/class/fwprobe/fwprobe0 in DIR from a
# dump of "./path=value" lines (as `grep -r . ` of the real directory gives).
# power/ and uevent are sysfs boilerplate and skipped; rescan, write-only and
# so absent from dumps, is added with the module's mode (0200). Lines that
# start with # are comments; a line "./DIR/" (no "=") makes an empty directory,
# as an offline vCPU's cpu<N>/ is.
set -eu
[ $# -eq 2 ] || { echo "usage: $0 DUMP DIR" >&2; exit 2; }
dump=$1 dir=$2
mkdir -p "$dir"
made=" "
while IFS= read -r line; do
	path=${line%%=*}
	path=${path#./}
	value=${line#*=}
	case $path in
	power/* | uevent | "" | "#"*) continue ;;
	*/)
		mkdir -p "$dir/$path"
		continue ;;
	*/*)
		case $made in
		*" ${path%/*} "*) ;;
		*) mkdir -p "$dir/${path%/*}" && made="$made${path%/*} " ;;
		esac ;;
	esac
	printf '%s\n' "$value" >"$dir/$path"
done <"$dump"
: >"$dir/rescan"
chmod 0200 "$dir/rescan"
