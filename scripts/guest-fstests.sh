#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside the guest (scripts/fstests.sh boots it): run fstests on XFS
# with the test, scratch and log-writes disks the host gave the guest, in
# one mode, and leave the results in $WT_OUT/results/<mode>.
#
# usage: scripts/guest-fstests.sh MODE FSTESTS_DIR XFS_IO_DIR TESTS...
#   MODE  "plain": buffered writes as the kernel does them;
#         "forced": every buffered write written through, with
#         /sys/fs/xfs/debug/always_writethrough set before anything mounts;
#         "soak": no test list but a part, 1 or 2, of the fsx and
#         fsstress runs with their write-through operations (WT_FSX_OPS,
#         WT_FSSTRESS_OPS; see scripts/guest-fstests-soak.sh)
#
# fstests' own results are in $WT_OUT/results/<mode>/ (result.xml is the
# xunit report the host reads); a non-zero exit status means fstests could
# not be run at all.
set -u
mode=$1 fst=$2 xfsio=$3
shift 3

set -- "$@"
read -r test_dev scratch_dev logw_dev _ <<<"$WT_SCRATCH_DEVS"
if [ -z "${logw_dev:-}" ]; then
	echo "guest-fstests: needs three disks, got '$WT_SCRATCH_DEVS'"
	exit 1
fi

# udev, as on any distribution fstests runs on: /dev/mapper/<name> as links
# to /dev/dm-N (fstests finds /sys/fs/xfs/<dev> through them), and the
# events that dmsetup and lvm wait for.
if [ -x /lib/systemd/systemd-udevd ]; then
	mkdir -p /run/udev
	/lib/systemd/systemd-udevd --daemon --resolve-names=never
	udevadm trigger --action=add --subsystem-match=block >/dev/null 2>&1
	udevadm settle --timeout=60
else
	echo "guest-fstests: no udevd (install udev: scripts/deps.sh fstests)"
	exit 1
fi

case $mode in
plain | soak) ;;
forced)
	knob=/sys/fs/xfs/debug/always_writethrough
	if ! echo 1 >"$knob" || [ "$(cat "$knob")" != 1 ]; then
		echo "guest-fstests: cannot set $knob (not a DEBUG XFS with the series?)"
		exit 1
	fi
	;;
*) echo "guest-fstests: unknown mode $mode"; exit 1 ;;
esac

# the users fstests' tests run unprivileged commands as (generic/219 and
# the other quota tests): the guest's /etc is the host's, read-only, so
# add them to copies mounted over it (su wants a shadow entry too)
if ! id fsgqa >/dev/null 2>&1; then
	cp /etc/passwd /etc/group /etc/shadow /tmp/ || exit 1
	for u in fsgqa:31415 123456-fsgqa:31416; do
		echo "${u%:*}:x:${u#*:}:${u#*:}:fstests:/tmp:/bin/sh" >>/tmp/passwd
		echo "${u%:*}:x:${u#*:}:" >>/tmp/group
		echo "${u%:*}:*:19000:0:99999:7:::" >>/tmp/shadow
	done
	for f in passwd group shadow; do
		mount --bind /tmp/$f /etc/$f || exit 1
	done
fi

export PATH=$xfsio:$PATH
res=$WT_OUT/results/$mode
mkdir -p "$res" /mnt/test /mnt/scratch
cat >/tmp/local.config <<EOF
export FSTYP=xfs
export TEST_DEV=$test_dev
export TEST_DIR=/mnt/test
export SCRATCH_DEV=$scratch_dev
export SCRATCH_MNT=/mnt/scratch
export LOGWRITES_DEV=$logw_dev
export RESULT_BASE=$res
export USE_KMEMLEAK=no
EOF
export HOST_OPTIONS=/tmp/local.config
echo "guest-fstests: mode $mode, $(xfs_io -V), test $test_dev, scratch $scratch_dev, log-writes $logw_dev"
mkfs.xfs -f -q "$test_dev" || exit 1

# fstests writes into its own directory (the .full of its set-up, for one):
# run a copy of it on the guest's tmpfs, not the host's read-only one
cp -a "$fst" /var/tmp/fstests || exit 1
cd /var/tmp/fstests || exit 1
echo "guest-fstests: set up in $(cut -d' ' -f1 /proc/uptime)s of uptime"
if [ "$mode" = soak ]; then
	exec "$(dirname "$0")"/guest-fstests-soak.sh /var/tmp/fstests "$scratch_dev" "$res" "$@"
fi
./check -R xunit "$@"
echo "guest-fstests: check exited with $?"
exit 0
