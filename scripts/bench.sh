#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# usage: scripts/bench.sh [-n] PATCHED_BZIMAGE BASE_BZIMAGE OUT [sweep] [guest-bench options]
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
#
# Each boot also runs bench/calibrate.c in the guest and, just before the
# boot, on the host: the report gives K, how many times slower the guest's
# CPU is, and every cell's CPU time per write.  With "sweep", the patched
# kernel is booted four times, the devices slowed down from the default
# profile to K times it (OUT/sweep-N), and the report is
# OUT/sweep-report.txt with the plot OUT/sweep.svg.
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
# the sweep runs the headline cells of the null_blk profiles, unless told
if [ -n "$sweep" ] && [ -z "$only" ] && [ -z "$quick" ]; then
	only=$sweep_cells
	set -- "$@" "cells=$sweep_cells"
fi
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

# The programs of bench/*.c, built for the host, which the guest shares.
tools=$top/build/bench-tools
mkdir -p "$tools"
for prog in calibrate dsync-load; do
	gcc -O2 -Wall -pthread -o "$tools/$prog" "$top/bench/$prog.c" ||
		{ echo "bench: cannot build bench/$prog.c" >&2; exit 1; }
done

# boot NAME KERNEL DIR [guest-bench options]: run the cells in one boot of
# KERNEL, its results in DIR/NAME/results; the host's calibration run just
# before it, with nothing else running, in DIR/NAME/host-calib.
boot() {
	local k=$1 kernel=$2 dir=$3 try rc
	shift 3
	echo "bench: $k kernel ($kernel), guest memory $mem${*:+, $*}"
	for try in 1 2 3; do
		rm -rf "${dir:?}/$k"
		mkdir -p "$dir/$k"
		"$tools/calibrate" /dev/shm >"$dir/$k/host-calib" ||
			echo "bench: calibrate failed on the host" >&2
		# The guest sees build/ through the host root; its results go
		# to the shared directory, which is $dir/$k here.
		"$vm_run" $par -k "$kernel" -o "$dir/$k" -t "${BENCH_TIMEOUT:-14400}" \
			-m "$mem" -d 16G -- "$top"/scripts/guest-bench.sh "$fio" \
			"$top/bench/matrix" /tmp/out/results "$@"
		rc=$?
		[ "$rc" = 125 ] && [ -n "$par" ] && [ "$try" -lt 3 ] &&
			grep -q 'Oops: int3' "$dir/$k/console.log" || break
		echo "bench: the $k guest died of multi-threaded TCG's text patching (Oops: int3), booting it again" >&2
	done
	rm -f "$dir/$k"/disk*.img
	if [ "$rc" != 0 ]; then
		echo "bench: the $k guest failed (exit $rc)" >&2
		return 1
	fi
}

report=("$top"/scripts/bench-report.py "$top/bench/matrix")
status=0
if [ -z "$sweep" ]; then
	for k in ${BENCH_KERNELS:-base patched}; do
		kernel=$base
		[ "$k" = patched ] && kernel=$patched
		boot "$k" "$kernel" "$out" "$@" || status=1
	done
	python3 "${report[@]}" "$out" | tee "$out/report.txt"
	exit $status
fi

# The device sweep: the patched kernel only (its ratios are between cells
# of one boot), at four device speeds.  The first point is the default
# profile, a consumer NVMe SSD at its native speed (20 us per write, 2 ms
# per cache flush); its boot measures K, how many times slower the guest's
# CPU is than the host's; the others slow both device figures down by
# K^(1/3), K^(2/3) and K, the last being the device as much slower than
# an NVMe SSD as the emulated CPU is slower than a real one.
for point in 1 2 3 4; do
	if [ "$point" = 1 ]; then
		f=1
	else
		k=$(python3 "${report[@]}" --k "$out/sweep-1/patched") || {
			echo "bench: no calibration from the first sweep boot" >&2
			exit 1
		}
		f=$(python3 -c "print(max(1.0, $k) ** (($point - 1) / 3))")
	fi
	pl=$(python3 -c "print(round(20000 * $f))")
	pf=$(python3 -c "print(max(1, round(2 * $f)))")
	echo "bench: sweep point $point: device $f times slower than the default"
	boot patched "$patched" "$out/sweep-$point" "$@" "lat=$pl" "flush=$pf" ||
		status=1
done
python3 "${report[@]}" --sweep "$out" | tee "$out/sweep-report.txt"
exit $status
