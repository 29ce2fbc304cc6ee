#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside the guest (scripts/bench.sh boots it): set up the device
# profiles, run every cell of bench/matrix with fio and leave, per cell,
# fio's JSON and the peak Dirty+Writeback seen during the cell in OUT.
#
# usage: scripts/guest-bench.sh FIO MATRIX OUT [quick] [perf] [cells=REGEX]
#
#   quick        only the cells marked "q" in the matrix
#   perf         record a system-wide profile (perf record -a -g, software
#                cpu-clock) of every cell and leave its report, the hottest
#                symbols with and without children, in OUT/CELL.perf.txt
#   cells=REGEX  only the cells whose whole names match the extended REGEX
#
# Device profiles (all with XFS on them):
#   ssd      null_blk, memory-backed, 20 us completion latency, a 64 MiB
#            volatile write cache that honours FUA, under dm-delay holding
#            every cache flush for 2 ms: an SSD whose flush costs time
#   nocache  null_blk as above, without a volatile write cache
#   disk     the virtio disk QEMU gives the guest (a sparse file on the
#            host), for files larger than the guest's memory, which a
#            memory-backed null_blk cannot hold
set -u
fio=$1
matrix=$2
out=$3
shift 3
. "$(dirname "$0")"/bench-lib.sh
bench_options "$@" || exit 2
mkdir -p "$out"
runtime=${WT_BENCH_RUNTIME:-8}
[ -n "$quick" ] && runtime=${WT_BENCH_RUNTIME:-5}
memmb=$(($(sed -n 's/^MemTotal: *\([0-9]*\) kB/\1/p' /proc/meminfo) / 1024))

nullb() {	# name cache_mb fua
	local d=/sys/kernel/config/nullb/$1
	mkdir "$d" || return 1
	echo 2048 >"$d/size"
	echo 1 >"$d/memory_backed"
	echo 4096 >"$d/blocksize"
	echo 2 >"$d/irqmode"
	echo 20000 >"$d/completion_nsec"
	echo "$2" >"$d/cache_size"
	echo "$3" >"$d/fua"
	# memory-backed: give back what deleted files held (fstrim below)
	echo 1 >"$d/discard"
	echo 1 >"$d/power"
	for _ in $(seq 50); do [ -b "/dev/$1" ] && return 0; sleep 0.1; done
	return 1
}

fs() {		# device mountpoint
	mkfs.xfs -q -f -m reflink=1 "$1" && mkdir -p "$2" && mount "$1" "$2"
}

nullb wtssd 64 1 || exit 1
sectors=$(blockdev --getsz /dev/wtssd)
dmsetup --noudevsync create wtssd-delay --table \
	"0 $sectors delay /dev/wtssd 0 0 /dev/wtssd 0 0 /dev/wtssd 0 2" || exit 1
ssd=$(for d in /sys/block/dm-*; do
	[ "$(cat "$d/dm/name")" = wtssd-delay ] && echo "/dev/${d##*/}"; done)
fs "$ssd" /mnt/ssd || exit 1
nullb wtnc 0 0 && fs /dev/wtnc /mnt/nocache || exit 1
set -- $WT_SCRATCH_DEVS
fs "$1" /mnt/disk || exit 1
# the log worker's idle log covering only adds noise
echo 720000 >/proc/sys/fs/xfs/xfssyncd_centisecs

{
	echo "kernel $(uname -r)"
	echo "memory_mb $memmb"
	echo "runtime_s $runtime"
	echo "cpus $(nproc)"
} >"$out/info"

# Largest Dirty+Writeback in /proc/meminfo while a cell runs, in KiB.
sample_mem() {
	local peak=0 v
	while :; do
		v=$(awk '/^(Dirty|Writeback):/ { s += $2 } END { print s }' /proc/meminfo)
		[ "$v" -gt "$peak" ] && { peak=$v; echo "$peak" >"$1"; }
		sleep 0.2
	done
}

mode_opts() {
	case $1 in
	buffered) ;;
	fdatasync) echo --fdatasync=32 ;;
	dsync) echo --sync=dsync ;;
	dontcache) echo --uncached=1 ;;
	wt) echo --writethrough=1 ;;
	wt_dsync) echo --writethrough=1 --sync=dsync ;;
	direct) echo --direct=1 ;;
	direct_dsync) echo --direct=1 --sync=dsync ;;
	esac
}

cells=$(bench_cells "$matrix") || exit 2
total=$(echo "$cells" | wc -l)
i=0
echo "$cells" | while read -r cell _ dev pattern qd jobs size mode; do
	i=$((i + 1))
	case $size in mem\*?*) size=$((memmb * ${size#mem\*})) ;; esac
	files=(--filename="/mnt/$dev/shared-$size")
	layout=shared-$size
	nj=1
	case $jobs in
	8) nj=8 ;;
	8sep)
		nj=8
		files=(--directory="/mnt/$dev" --filename_format="sep-$size.\$jobnum")
		layout=sep-$size
		;;
	esac
	if [ "$qd" = 1 ]; then
		engine=(--ioengine=pvsync2)
	else
		engine=(--ioengine=io_uring --iodepth="$qd")
	fi

	if [ "$pattern" = rand4k ]; then
		# overwrites: lay the file(s) out once, written and synced
		if [ ! -e "/mnt/$dev/.$layout" ]; then
			"$fio" --name=layout "${files[@]}" --numjobs="$nj" \
				--size="${size}M" --rw=write --bs=1M \
				--ioengine=psync --end_fsync=1 >/dev/null 2>&1
			touch "/mnt/$dev/.$layout"
		fi
		work=(--rw=randwrite --bs=4k --time_based --runtime="$runtime"
		      --ramp_time=2 --randrepeat=0)
	else
		# a new file, written once from start to end
		rm -f "/mnt/$dev"/seq-*
		files=(--filename="/mnt/$dev/seq-$size")
		[ "$jobs" = 8sep ] &&
			files=(--directory="/mnt/$dev" --filename_format="seq-$size.\$jobnum")
		work=(--rw=write --bs=1M)
		[ "$size" -lt 1024 ] && work+=(--time_based --runtime="$runtime" --ramp_time=2)
		# eight jobs on one file: each writes its own eighth of it
		[ "$jobs" = 8 ] && { size=$((size / 8)); work+=(--offset_increment="${size}M"); }
	fi

	sync
	echo 3 >/proc/sys/vm/drop_caches
	echo "bench: [$i/$total] $cell"
	sample_mem "$out/$cell.mem" &
	sampler=$!
	prof=()
	[ -n "$perf" ] && prof=(perf record -q -a -g -F 499 -e cpu-clock
				-o "/tmp/$cell.perf.data" --)
	# shellcheck disable=SC2046
	"${prof[@]}" "$fio" --name="$cell" "${files[@]}" --numjobs="$nj" --size="${size}M" \
		"${engine[@]}" "${work[@]}" $(mode_opts "$mode") \
		--group_reporting --output-format=json \
		--output="$out/$cell.json" >"$out/$cell.log" 2>&1
	echo "$?" >"$out/$cell.rc"
	kill "$sampler" 2>/dev/null
	wait "$sampler" 2>/dev/null
	if [ -n "$perf" ]; then
		for children in no-children children; do
			echo "== perf report --$children, $cell"
			perf report -i "/tmp/$cell.perf.data" --stdio --$children \
				--sort sym --percent-limit 1.5 -g none 2>/dev/null |
				grep -v '^#' | grep -v '^$' | head -40
		done >"$out/$cell.perf.txt"
		rm -f "/tmp/$cell.perf.data"
	fi
	[ "$(cat "$out/$cell.rc")" = 0 ] ||
		echo "bench: $cell: fio failed: $(grep -m1 '^fio: ' "$out/$cell.log" | sed 's/.*: \([^:]*\): [a-z]* offset=.*/\1/')"
	if [ "$pattern" = seq1m ]; then
		rm -f "/mnt/$dev"/seq-*
		# the null_blk devices live in the guest's memory: give back
		# what the deleted files held
		[ "$dev" = disk ] || fstrim "/mnt/$dev" ||
			echo "bench: fstrim /mnt/$dev failed" >&2
	fi
done
exit 0
