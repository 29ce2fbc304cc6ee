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
# BENCH_KERNELS ("base patched") picks the kernels; BENCH_FIO and
# BENCH_VM_RUN replace build/fio/fio and scripts/vm-run.sh (for tests).
# With -n, it only checks the options and lists the cells they select:
# exit status 2 if they are wrong or select none.
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

fio=${BENCH_FIO:-$top/build/fio/fio}
[ -x "$fio" ] || { echo "bench: no fio at $fio (scripts/build-fio.sh builds it)" >&2; exit 1; }
# The guest runs the host's perf (its root is the host's).
if [ -n "$perf" ] && ! command -v perf >/dev/null; then
	echo "bench: installing linux-perf for the profiles"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		linux-perf >/dev/null || exit 1
fi

# The guest's CPUs run in parallel host threads under TCG (vm-run.sh -P),
# as they would on hardware, for the cells with eight jobs.  The kernel
# then must not patch its text, which multi-threaded TCG cannot take (see
# vm-run.sh).  The bench itself flips no static key, but the kernel does
# a few times while it boots, and once in a while that kills the guest
# with "Oops: int3": such a guest is booted again, up to twice.  perf
# flips the scheduler's keys all along, so profiles run the guest's CPUs
# one at a time.
par=-P
[ -n "$perf" ] && par=
vm_run=${BENCH_VM_RUN:-$top/scripts/vm-run.sh}

status=0
for k in ${BENCH_KERNELS:-base patched}; do
	kernel=$base
	[ "$k" = patched ] && kernel=$patched
	echo "bench: $k kernel ($kernel), guest memory $mem"
	for try in 1 2 3; do
		rm -rf "$out/$k"
		mkdir -p "$out/$k"
		# The guest sees build/ through the host root; its results go to
		# the shared directory, which is $out/$k here.
		"$vm_run" $par -k "$kernel" -o "$out/$k" -t "${BENCH_TIMEOUT:-14400}" \
			-m "$mem" -d 16G -- "$top"/scripts/guest-bench.sh "$fio" \
			"$top/bench/matrix" /tmp/out/results "$@"
		rc=$?
		[ "$rc" = 125 ] && [ -n "$par" ] && [ "$try" -lt 3 ] &&
			grep -q 'Oops: int3' "$out/$k/console.log" || break
		echo "bench: the $k guest died of multi-threaded TCG's text patching (Oops: int3), booting it again" >&2
	done
	if [ "$rc" != 0 ]; then
		echo "bench: the $k guest failed (exit $rc)" >&2
		status=1
	fi
	rm -f "$out/$k"/disk*.img
done

python3 "$top"/scripts/bench-report.py "$top/bench/matrix" "$out" | tee "$out/report.txt"
exit $status
