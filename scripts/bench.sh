#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# usage: scripts/bench.sh [-n] PATCHED_BZIMAGE BASE_BZIMAGE OUT [guest-bench options]
#
# Boot the unpatched base kernel and the patched kernel, one after the
# other, with the same guest and the same emulated devices, run the fio
# matrix of bench/matrix in each (scripts/guest-bench.sh), and report:
# a table on stdout (also OUT/report.txt), the raw fio JSON under
# OUT/base and OUT/patched, and a plot of every cell's ratio to O_DIRECT,
# OUT/ratios.svg.  With "quick", only the cells of the headline ratios;
# "perf" and "cells=REGEX" profile and select cells (scripts/guest-bench.sh).
# BENCH_KERNELS ("base patched") picks the kernels.  With -n, it only
# checks the options and lists the cells they select: exit status 2 if
# they are wrong or select none.
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
dry=
[ "${1:-}" = -n ] && { dry=1; shift; }
patched=$1
base=$2
out=$3
shift 3
mem=${WT_BENCH_MEM:-1G}

# the options the guest will be given, checked before anything boots
. "$top"/scripts/bench-lib.sh
bench_options "$@" || exit 2
cells=$(bench_cells "$top/bench/matrix") || exit 2
if [ -n "$dry" ]; then
	echo "$cells" | cut -f1
	exit 0
fi
echo "bench: $(echo "$cells" | wc -l) cells"
mkdir -p "$out"
out=$(realpath "$out")

"$top"/scripts/build-fio.sh || exit 1
# The guest runs the host's perf (its root is the host's).
if [ -n "$perf" ] && ! command -v perf >/dev/null; then
	echo "bench: installing linux-perf for the profiles"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		linux-perf >/dev/null || exit 1
fi

# The guest's CPUs run in parallel host threads under TCG (vm-run.sh -P),
# as they would on hardware, for the cells with eight jobs.  A full run
# that way was clean: the bench flips no static key of the kernel's, which
# multi-threaded TCG cannot take (see vm-run.sh).  perf does flip the
# scheduler's, so profiles run the guest's CPUs one at a time.
par=-P
[ -n "$perf" ] && par=

status=0
for k in ${BENCH_KERNELS:-base patched}; do
	kernel=$base
	[ "$k" = patched ] && kernel=$patched
	rm -rf "$out/$k"
	mkdir -p "$out/$k"
	echo "bench: $k kernel ($kernel), guest memory $mem"
	# The guest sees build/ through the host root; its results go to the
	# shared directory, which is $out/$k here.
	"$top"/scripts/vm-run.sh $par -k "$kernel" -o "$out/$k" -t "${BENCH_TIMEOUT:-14400}" \
		-m "$mem" -d 16G -- "$top"/scripts/guest-bench.sh "$top/build/fio/fio" \
		"$top/bench/matrix" /tmp/out/results "$@"
	rc=$?
	if [ "$rc" != 0 ]; then
		echo "bench: the $k guest failed (exit $rc)" >&2
		status=1
	fi
	rm -f "$out/$k"/disk*.img
done

python3 "$top"/scripts/bench-report.py "$top/bench/matrix" "$out" | tee "$out/report.txt"
exit $status
