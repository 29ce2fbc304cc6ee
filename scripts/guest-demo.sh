#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside the guest (scripts/demo.sh boots it).
# usage: scripts/guest-demo.sh WT_DEMO_BINARY
set -eu
demo=$1
mib=${WT_DEMO_MIB:-64}
set -- $WT_SCRATCH_DEVS
dev=$1

echo
echo "== RWF_WRITETHROUGH on $(uname -r)"
echo
echo "A buffered write copies data into the page cache and returns; the pages"
echo "stay dirty until writeback gets to them.  A write-through write also puts"
echo "its pages under I/O at once and returns when the device has them: it"
echo "leaves nothing dirty behind, and the data stays cached for later reads."
echo

mkdir -p /mnt/xfs /mnt/tmpfs
mkfs.xfs -q -f "$dev"
mount -t xfs "$dev" /mnt/xfs
mount -t tmpfs tmpfs /mnt/tmpfs

for fs in xfs tmpfs; do
	echo "-- $fs: writing $mib MiB in 1 MiB pwritev2() calls"
	for mode in buffered writethrough; do
		"$demo" /mnt/$fs/$mode "$mib" "$mode"
	done
	echo
done

echo "-- read the written-through file back on XFS: it comes from the page cache"
if [ -s /mnt/xfs/writethrough ]; then
	"$demo" /mnt/xfs/writethrough "$mib" read
	echo "-- and after dropping the page cache: now it comes from the device"
	echo 3 >/proc/sys/vm/drop_caches
	"$demo" /mnt/xfs/writethrough "$mib" read
else
	echo "(nothing to read: XFS refused the write-through write above)"
fi
umount /mnt/xfs /mnt/tmpfs
