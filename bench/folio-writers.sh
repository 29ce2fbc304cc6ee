#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# usage: bench/folio-writers.sh KERNEL OUT_DIR [SECONDS]
#
# What a write-through write that holds a large folio under writeback
# costs the writers of the folio's other blocks: bench/folio-writers.c
# (eight threads, a 4 KiB block each of one file) in a guest booted from
# KERNEL, on XFS on a null_blk device whose writes take 10 ms (so that
# the device's time, not TCG's slow CPU, sets the pace), for every
# combination of near/far blocks and large/small folios, write-through
# and O_DIRECT.  The table lands in OUT_DIR/folio-writers.txt.
set -euo pipefail

if [ "${1:-}" != --guest ]; then
	top=$(cd "$(dirname "$0")/.." && pwd)
	kernel=$1 out=$2
	mkdir -p "$out"
	# the uapi headers of the kernel's build: OBJ/arch/x86/boot/bzImage
	hdr=$(cd "$(dirname "$kernel")/../../.." && pwd)/usr/include
	gcc -O2 -Wall -pthread -isystem "$hdr" -o "$out/folio-writers" \
		"$top/bench/folio-writers.c"
	"$top/scripts/vm-run.sh" -q -k "$kernel" -o "$out" -t 1800 -m 2G -- \
		"$top/bench/folio-writers.sh" --guest "${3:-10}"
	cat "$out/folio-writers.txt"
	exit 0
fi

secs=$2
d=/sys/kernel/config/nullb/fw
mountpoint -q /sys/kernel/config || mount -t configfs none /sys/kernel/config
modprobe null_blk nr_devices=0 2>/dev/null || true
mkdir "$d"
echo 512 >"$d/size"
echo 1 >"$d/memory_backed"
echo 4096 >"$d/blocksize"
echo 2 >"$d/irqmode"
echo 10000000 >"$d/completion_nsec"
echo 1 >"$d/power"
for _ in $(seq 100); do [ -b /dev/fw ] && break; sleep 0.1; done
mkfs.xfs -q -f /dev/fw
mkdir -p /mnt/fw
mount /dev/fw /mnt/fw
xfs_io -f -c "pwrite -q -b 1m 0 16m" -c fsync /mnt/fw/file

{
	echo "# $(uname -r), null_blk with 10 ms writes, 8 threads, ${secs} s a cell"
	for mode in wt direct; do
		for folios in large small; do
			for layout in near far; do
				/tmp/out/folio-writers /mnt/fw/file "$mode" \
					"$layout" "$folios" "$secs"
			done
		done
	done
} >/tmp/out/folio-writers.txt 2>&1
umount /mnt/fw
