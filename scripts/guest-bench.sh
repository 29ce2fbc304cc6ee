#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside the guest (scripts/bench.sh boots it): set up the device
# profiles, run every cell of bench/matrix with fio and leave, per cell,
# fio's JSON and the peak Dirty+Writeback seen during the cell in OUT.
#
# usage: scripts/guest-bench.sh FIO MATRIX OUT [quick] [perf] [cells=REGEX]
#                                [lat=NS] [flush=MS]
#
#   quick        only the cells marked "q" in the matrix
#   perf         record a system-wide profile (perf record -a -g, software
#                cpu-clock) of every cell and leave its report, the hottest
#                symbols with and without children, in OUT/CELL.perf.txt
#   cells=REGEX  only the cells whose whole names match the extended REGEX
#   lat=NS       the null_blk devices' completion latency (20000)
#   flush=MS     the ssd profile's cache flush delay (2)
#
# The cells whose pattern is one of bench/dsync-load.c's workloads run that
# program instead of fio (OUT/CELL.load); those whose pattern is pgbench
# run pgbench against a PostgreSQL cluster on the ssd profile, with "jobs"
# clients and wal_sync_method "mode" (OUT/CELL.pg: TPS and latencies).  For every fio cell, OUT/CELL.cpu
# holds the clock ticks all CPUs were busy from the end of fio's ramp to
# the end of the cell, the sync that writes back what it dirtied included.
# The programs of bench/*.c are in BENCH_TOOLS (build/bench-tools), built
# by scripts/bench.sh; OUT/calib is bench/calibrate.c's run in the guest.
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
tools=${BENCH_TOOLS:-$(cd "$(dirname "$0")/.." && pwd)/build/bench-tools}
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
	echo "$lat" >"$d/completion_nsec"
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
	"0 $sectors delay /dev/wtssd 0 0 /dev/wtssd 0 0 /dev/wtssd 0 $flush" || exit 1
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
	echo "lat_ns $lat"
	echo "flush_ms $flush"
} >"$out/info"

# how fast this CPU is, against the host's run of the same program
"$tools/calibrate" /dev/shm >"$out/calib" || echo "bench: calibrate failed" >&2

# The clock ticks every CPU has been busy (user, nice, system, irq,
# softirq) since boot.
busy_ticks() {
	awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat
}

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

# PostgreSQL (Debian's, from the host's root): a cluster on the ssd
# profile, made once, with shared_buffers well below pgbench's tables, so
# that the run writes data pages as well as WAL.
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
pgdata=/mnt/ssd/pgdata
pgscale=${WT_BENCH_PG_SCALE:-8}
pg() {
	runuser -u postgres -- "$pgbin/$1" "${@:2}"
}
pg_setup() {
	[ -d "$pgdata" ] && return 0
	[ -x "$pgbin/pgbench" ] || { echo "bench: no PostgreSQL installed" >&2; return 1; }
	mkdir -p "$pgdata" /tmp/pgsock && chown postgres: "$pgdata" /tmp/pgsock || return 1
	pg initdb -D "$pgdata" -A trust >/dev/null || return 1
	cat >>"$pgdata/postgresql.conf" <<-PGCONF
	listen_addresses = ''
	unix_socket_directories = '/tmp/pgsock'
	shared_buffers = 16MB
	max_wal_size = 256MB
	min_wal_size = 64MB
	checkpoint_timeout = 30s
	PGCONF
	pg pg_ctl -D "$pgdata" -l /tmp/pg.log -w start >/dev/null || return 1
	pg pgbench -h /tmp/pgsock -i -q -s "$pgscale" postgres >/dev/null 2>&1
	local rc=$?
	pg pg_ctl -D "$pgdata" -w -m fast stop >/dev/null
	return $rc
}

# pgbench_cell CELL METHOD CLIENTS: TPS and transaction latencies
pgbench_cell() {
	local rc
	pg_setup || return 1
	pg pg_ctl -D "$pgdata" -l /tmp/pg.log -w -o "-c wal_sync_method=$2" start \
		>/dev/null || return 1
	rm -rf /tmp/pglog && mkdir /tmp/pglog && chown postgres: /tmp/pglog
	pg pgbench -h /tmp/pgsock -c "$3" -j "$(($3 < 2 ? $3 : 2))" \
		-T "${WT_BENCH_PG_SECONDS:-20}" -l --log-prefix=/tmp/pglog/tx \
		postgres >"$out/$1.pgbench" 2>&1
	rc=$?
	pg pg_ctl -D "$pgdata" -w -m fast stop >/dev/null
	[ "$rc" = 0 ] || return 1
	# per transaction: client, number, latency in us, ...
	cat /tmp/pglog/tx* | awk '{ print $3 }' | sort -n | awk -v tps="$(
		sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$out/$1.pgbench" | head -1)" \
		'{ l[NR] = $1; s += $1 }
		 END { if (!NR) exit 1
		       printf "tps %s txns %d lat_avg_us %.0f p50_us %d p99_us %d\n",
			      tps, NR, s / NR, l[int(NR * 0.5) + 1], l[int(NR * 0.99) + 1] }'
}

cells=$(bench_cells "$matrix") || exit 2
total=$(echo "$cells" | wc -l)
i=0
echo "$cells" | while read -r cell _ dev pattern qd jobs size mode; do
	i=$((i + 1))
	case $pattern in
	append | sub512 | newfile1m | mmap | small)
		echo "bench: [$i/$total] $cell"
		"$tools/dsync-load" "/mnt/$dev" "$runtime" "$pattern" \
			>"$out/$cell.load" 2>"$out/$cell.log"
		echo "$?" >"$out/$cell.rc"
		[ "$(cat "$out/$cell.rc")" = 0 ] ||
			echo "bench: $cell: dsync-load failed: $(head -1 "$out/$cell.log")"
		fstrim "/mnt/$dev" || echo "bench: fstrim /mnt/$dev failed" >&2
		continue
		;;
	pgbench)
		echo "bench: [$i/$total] $cell"
		sync
		echo 3 >/proc/sys/vm/drop_caches
		pgbench_cell "$cell" "$mode" "$jobs" >"$out/$cell.pg"
		echo "$?" >"$out/$cell.rc"
		[ "$(cat "$out/$cell.rc")" = 0 ] ||
			echo "bench: $cell: pgbench failed: $(tail -3 "$out/$cell.pgbench" /tmp/pg.log 2>/dev/null | tr '\n' ' ')"
		continue
		;;
	esac
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
	# CPU time counts from the end of the ramp, as fio's I/Os do
	ramp=0
	case " ${work[*]} " in *" --ramp_time=2 "*) ramp=2 ;; esac
	(sleep "$ramp"; busy_ticks >"$out/$cell.cpu0") &
	ticker=$!
	prof=()
	[ -n "$perf" ] && prof=(perf record -q -a -g -F 499 -e cpu-clock
				-o "/tmp/$cell.perf.data" --)
	# shellcheck disable=SC2046
	"${prof[@]}" "$fio" --name="$cell" "${files[@]}" --numjobs="$nj" --size="${size}M" \
		"${engine[@]}" "${work[@]}" $(mode_opts "$mode") \
		--group_reporting --output-format=json \
		--output="$out/$cell.json" >"$out/$cell.log" 2>&1
	echo "$?" >"$out/$cell.rc"
	wait "$ticker"
	# what the cell left dirty is written back on its account
	sync
	echo "ticks $(($(busy_ticks) - $(cat "$out/$cell.cpu0"))) hz $(getconf CLK_TCK)" \
		>"$out/$cell.cpu"
	rm -f "$out/$cell.cpu0"
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
rm -rf "$pgdata"
exit 0
