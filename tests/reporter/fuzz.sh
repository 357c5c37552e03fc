#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# fuzz.sh FUZZER SECONDS WORKDIR SEEDDIR: run the machine-type libFuzzer target
# for SECONDS, seeded with the fixture files (copied: libFuzzer writes new
# inputs into its corpus directory, which must not be the repository), and
# print "fuzz: N executions, M crashes". Exit 1 if anything crashed.
set -eu
[ $# -eq 4 ] || { echo "usage: $0 FUZZER SECONDS WORKDIR SEEDDIR" >&2; exit 2; }
fuzzer=$1 seconds=$2 work=$3 seeds=$4
mkdir -p "$work/corpus" "$work/artifacts"
rm -f "$work/artifacts/"*
cp "$seeds"/*.json "$work/corpus/"
set +e
"$fuzzer" -max_total_time="$seconds" -print_final_stats=1 -timeout=10 -rss_limit_mb=1024 \
	-artifact_prefix="$work/artifacts/" "$work/corpus" >"$work/fuzz.log" 2>&1
status=$?
set -e
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/fuzz.log" | tail -n 1)
crashes=$(find "$work/artifacts" -type f | wc -l)
echo "fuzz: ${execs:-0} executions, $crashes crashes"
if [ "$crashes" -ne 0 ] || [ $status -ne 0 ]; then
	echo "fuzz: libFuzzer exited with $status; log in $work/fuzz.log, inputs in $work/artifacts/" >&2
	exit 1
fi
