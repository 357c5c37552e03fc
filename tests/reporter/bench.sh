#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# bench.sh FWPROBE RUNS WORKDIR: wall time of `fwprobe --sysfs-root TREE
# --expect FILE --quiet` on the KVM 6.12 fixture tree, against one `cat` of
# the same files, each run RUNS times; prints both per run and their ratio.
set -eu
[ $# -eq 3 ] || { echo "usage: $0 FWPROBE RUNS WORKDIR" >&2; exit 2; }
bin=$1 runs=$2 work=$3
here=$(dirname "$0")
rm -rf "$work"
"$here/mktree.sh" "$here/fixtures/kvm-6.12.txt" "$work/tree"
"$bin" --sysfs-root "$work/tree" --save "$work/expect.json" --quiet
# What fwprobe reads: every file but the write-only rescan.
files=$(find "$work/tree" -type f ! -name rescan | sort)

now() { date +%s%N; }
t0=$(now)
i=0
while [ $i -lt "$runs" ]; do
	"$bin" --sysfs-root "$work/tree" --expect "$work/expect.json" --quiet
	i=$((i + 1))
done
t1=$(now)
i=0
while [ $i -lt "$runs" ]; do
	# shellcheck disable=SC2086 # one argument per file, as intended
	cat $files >/dev/null
	i=$((i + 1))
done
t2=$(now)
awk -v a=$((t1 - t0)) -v b=$((t2 - t1)) -v n="$runs" 'BEGIN {
	printf "bench: fwprobe --expect %.2f ms/run, cat of the same files %.2f ms/run, ratio %.1f\n",
		a / n / 1e6, b / n / 1e6, a / b }'
