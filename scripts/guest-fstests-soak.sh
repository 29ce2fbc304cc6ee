#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside the guest, from scripts/guest-fstests.sh: fsx and fsstress
# on their own, with their write-through operations enabled, on a fresh
# XFS on the scratch disk, one run per line of RESULTS/soak.txt:
# "NAME pass|fail SECONDS OPS".  Each run checks the file system with
# xfs_repair -n afterwards.
#
# usage: scripts/guest-fstests-soak.sh FSTESTS_DIR SCRATCH_DEV RESULTS_DIR [PART]
#
# PART 1 runs fsx on 4 KiB blocks through pwrite and through io_uring,
# PART 2 fsx on 1 KiB blocks and on a reflink file system, then fsstress
# (scripts/fstests.sh boots a guest for each, side by side); no PART: all.
# WT_FSX_OPS (default 250000) operations for each of the fsx runs below,
# WT_FSSTRESS_OPS (default 20000) per fsstress process (4 processes).
# fsx makes write-through writes 4 times as likely as any other operation
# (-M 4): about a third of its operations.
set -u
fst=$1 dev=$2 res=$3 part=${4:-all}
fsx_ops=${WT_FSX_OPS:-250000}
fss_ops=${WT_FSSTRESS_OPS:-20000}
mnt=/mnt/scratch
table=$res/soak.txt
: >"$table"
mkdir -p "$mnt"

# run NAME MKFS_OPTS OPS COMMAND...: on a fresh file system in $mnt
run() {
	local name=$1 mkfs=$2 ops=$3 start rc secs verdict=pass
	shift 3
	echo "soak: $name: $*"
	umount "$mnt" 2>/dev/null
	# shellcheck disable=SC2086
	mkfs.xfs -f -q $mkfs "$dev" && mount "$dev" "$mnt" || { echo "$name fail 0 0" >>"$table"; return; }
	# fsstress falls back to plain writes where write-through is refused
	if ! xfs_io -f -c "pwrite -q -V 1 -T 0 4k" "$mnt/probe"; then
		echo "soak: $name: write-through writes fail on this file system"
		echo "$name fail 0 0" >>"$table"
		return
	fi
	rm -f "$mnt/probe"
	start=$(date +%s)
	"$@" >"$res/$name.log" 2>&1
	rc=$?
	secs=$(($(date +%s) - start))
	tail -n 2 "$res/$name.log"
	[ "$rc" = 0 ] || verdict=fail
	umount "$mnt" || verdict=fail
	if ! xfs_repair -n "$dev" >"$res/$name.repair" 2>&1; then
		echo "soak: $name: xfs_repair -n found problems, see $name.repair"
		verdict=fail
	fi
	echo "soak: $name: $verdict in ${secs}s"
	echo "$name $verdict $secs $ops" >>"$table"
}

# fsx must really issue write-through writes: it turns them off, with a
# message, where the kernel refuses them
fsx() {
	"$fst"/ltp/fsx "$@" && ! grep -q "writethrough IO, disabling" "$res/$name.log"
}

case $part in 1 | 2 | all) ;; *) echo "soak: unknown part $part"; exit 1 ;; esac
if [ "$part" != 2 ]; then
	name=fsx-4k-buffered
	run $name "" "$fsx_ops" fsx -q -M 4 -S 1 -N "$fsx_ops" -P "$res" "$mnt/fsx"
	name=fsx-4k-io_uring
	run $name "" "$fsx_ops" fsx -q -M 4 -U -S 2 -N "$fsx_ops" -P "$res" "$mnt/fsx"
fi
if [ "$part" != 1 ]; then
	name=fsx-1k-buffered
	run $name "-b size=1024" "$fsx_ops" fsx -q -M 4 -S 3 -N "$fsx_ops" -P "$res" "$mnt/fsx"
	name=fsx-4k-reflink-32k
	run $name "-m reflink=1" "$fsx_ops" fsx -q -M 4 -S 4 -o 32768 -l 1048576 \
		-N "$fsx_ops" -P "$res" "$mnt/fsx"
	name=fsstress
	run $name "" "$((4 * fss_ops))" "$fst"/ltp/fsstress -d "$mnt/stress" -p 4 -n "$fss_ops" -s 5 \
		-f write_writethrough=40
fi
umount "$mnt" 2>/dev/null
echo "soak: done"
