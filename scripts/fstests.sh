#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# usage: scripts/fstests.sh KERNEL BASE_KERNEL OUT_DIR
#
# Run fstests on XFS in guests booted from KERNEL, once per mode (a boot
# each, fresh disks each): "plain" runs the list as it is, "forced" with
# /sys/fs/xfs/debug/always_writethrough set so that every buffered write is
# a write-through write, and "soak" runs fsx and fsstress on their own with
# their write-through operations (in two guests, soak1 and soak2, a half
# each: a million fsx operations and 80,000 fsstress ones take two hours
# on one core).  Then compare each test's result with the
# unpatched base kernel's on the same list and print a table and the
# closing line "N passed, N failed, N skipped".  It fails on a test that
# fails where the base kernel's run did not, a mode that did not finish,
# a missing result, or a kernel report in a console log.
#
# The boots run side by side, FSTESTS_JOBS at a time: a guest under TCG
# keeps one host core busy, so on a 2-core machine two guests take as long
# as one.
#
# Environment:
#   FSTESTS="generic/001 xfs/002 ..."  run these instead of fstests/list
#   FSTESTS_MODES="plain forced soak"  the modes to run (the default);
#                                      empty: none, only the base kernel's run
#   FSTESTS_BASE=run                   boot BASE_KERNEL and run the list on
#                                      it too (plain mode), instead of
#                                      reading fstests/results-base.txt;
#                                      tests missing there run on the base
#                                      kernel in any case; FSTESTS_BASE=none
#                                      runs nothing on it (a quick look at
#                                      a few tests: their failures count)
#   FSTESTS_JOBS=N                     guests at a time (default: 2, or 1
#                                      on a machine with one core)
#   FSTESTS_TIMEOUT=SECONDS            per boot (default 7200: the two
#                                      hours both modes have, side by side)
#   FSTESTS_VM_RUN=PROGRAM             replaces scripts/vm-run.sh (for the
#                                      harness's tests)
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
kernel=$1 base_kernel=$2
mkdir -p "$3"
out=$(realpath "$3")
fst=$top/build/fstests/src
xfsio=$top/build/xfsprogs/bin
modes=${FSTESTS_MODES-plain forced soak}
timeout=${FSTESTS_TIMEOUT:-7200}
base_file=$top/fstests/results-base.txt
jobs=${FSTESTS_JOBS:-$(( $(nproc) > 1 ? 2 : 1 ))}
vm_run=${FSTESTS_VM_RUN:-$top/scripts/vm-run.sh}

if [ -n "${FSTESTS:-}" ]; then
	read -r -a tests <<<"$FSTESTS"
else
	mapfile -t tests < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$top/fstests/list" | awk '{print $1}')
fi
[ ${#tests[@]} -gt 0 ] || { echo "fstests: no tests to run" >&2; exit 2; }
for m in $modes; do
	case $m in plain | forced | soak) ;; *) echo "fstests: unknown mode $m" >&2; exit 2 ;; esac
done

# boot RUN KERNEL MODE [TESTS...]: the guest's results land in
# $out/RUN/results/MODE
boot() {
	local run=$1 kern=$2 mode=$3 dir=$out/$1 start rc
	shift 3
	rm -rf "$dir"
	mkdir -p "$dir"
	start=$(date +%s)
	echo "fstests: $run: booting $(basename "$(dirname "$(dirname "$(dirname "$(dirname "$kern")")")")") for mode $mode" \
		"($([ "$mode" = soak ] && echo "fsx and fsstress, part $1" || echo "$# tests"); console: ${dir#"$top"/}/console.log)"
	"$vm_run" -k "$kern" -o "$dir" -t "$timeout" -m 2G \
		-d 8G -d 8G -d 8G -- \
		"$top"/scripts/guest-fstests.sh "$mode" "$fst" "$xfsio" "$@" >"$dir/vm-run.log" 2>&1
	rc=$?
	echo "$rc" >"$dir/status"
	echo "fstests: $run: guest exited with $rc after $(( ($(date +%s) - start) / 60 )) min"
	if "$top"/scripts/scan-console.sh --fstests "$dir/console.log" >"$dir/console-scan.txt"; then
		echo clean >"$dir/console"
	else
		echo report >"$dir/console"
		tail -n 3 "$dir/console-scan.txt"
	fi
}

# progress: each test as the guests start it
progress() {
	local run seen=()
	# killed, take the sleep along: it holds our output open
	trap 'kill $! 2>/dev/null; exit 0' TERM
	while sleep 20 & wait $!; do
		for run in base ${modes/soak/soak1 soak2}; do
			local f=$out/$run/console.log n
			[ -f "$f" ] || continue
			n=$(grep -c 'run fstests ' "$f")
			if [ "$n" != "${seen_count[$run]:-0}" ]; then
				seen_count[$run]=$n
				echo "fstests: $run: $(grep -o 'run fstests [^ ]*' "$f" | tail -n 1 | cut -d' ' -f3)" \
					"($n of $([ "${run#soak}" != "$run" ] && echo 1 || echo "${count[$run]}")) at $(date +%H:%M)"
			fi
		done
	done
}

# the base kernel: what fstests/results-base.txt lacks, or everything
base_tests=()
if [ "${FSTESTS_BASE:-}" = run ]; then
	base_tests=("${tests[@]}")
elif [ "${FSTESTS_BASE:-}" != none ]; then
	for t in "${tests[@]}"; do
		grep -q "^$t[[:space:]]" "$base_file" 2>/dev/null || base_tests+=("$t")
	done
fi
[[ " $modes " = " soak " ]] && base_tests=()
if [ ${#base_tests[@]} -gt 0 ]; then
	make -s --no-print-directory -C "$top" kernel-fstests-base || exit 2
	echo "fstests: running ${#base_tests[@]} test(s) on the base kernel too" \
		"(not in ${base_file#"$top"/}${FSTESTS_BASE:+, or FSTESTS_BASE=run})"
fi

declare -A count=([base]=${#base_tests[@]} [plain]=${#tests[@]} [forced]=${#tests[@]})
declare -A seen_count=()
progress &
progress_pid=$!
trap 'kill $progress_pid 2>/dev/null' EXIT

running=0
start_boot() {
	if [ "$running" -ge "$jobs" ]; then
		wait -n
		running=$((running - 1))
	fi
	boot "$@" &
	running=$((running + 1))
}
[ ${#base_tests[@]} -gt 0 ] && start_boot base "$base_kernel" plain "${base_tests[@]}"
for m in $modes; do
	if [ "$m" = soak ]; then
		start_boot soak1 "$kernel" soak 1
		start_boot soak2 "$kernel" soak 2
	else
		start_boot "$m" "$kernel" "$m" "${tests[@]}"
	fi
done
while [ "$running" -gt 0 ]; do
	wait -n
	running=$((running - 1))
done
kill $progress_pid 2>/dev/null

python3 "$top"/scripts/fstests-report.py --out "$out" --base-file "$base_file" \
	--modes "$modes" "${tests[@]}"
