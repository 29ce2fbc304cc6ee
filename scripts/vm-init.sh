#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# PID 1 of the guests that scripts/vm-run.sh boots: the host's root is
# mounted read-only; give the guest writable scratch space, mount the
# shared output directory, run the command the host left there, record its
# exit status and reboot (QEMU runs with -no-reboot, so that ends it).
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root TERM=dumb LANG=C.UTF-8

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mountpoint -q /dev || mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/pts /dev/shm
# What udev would create: kselftest's runner writes to /dev/stdout.
ln -sf /proc/self/fd /dev/fd
ln -sf /proc/self/fd/0 /dev/stdin
ln -sf /proc/self/fd/1 /dev/stdout
ln -sf /proc/self/fd/2 /dev/stderr
mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /dev/shm
# Keep a view of the host root without the mounts below, to bring back
# the project if one of the tmpfs mounts hides it (a clone under /tmp).
mkdir -p /dev/.host
mount --bind / /dev/.host
scratch="/tmp /run /var/tmp /var/lib /root /mnt"
for d in $scratch; do
	mount -t tmpfs -o mode=0755 tmpfs "$d"
done
chmod 1777 /tmp /var/tmp
mount -t debugfs debugfs /sys/kernel/debug
mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null
mount -t configfs configfs /sys/kernel/config
mkdir -p /tmp/out
mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000 wtout /tmp/out

project=$(cd "$(dirname "$0")/.." && pwd)
for p in "$project" "$(cat /tmp/out/cwd)"; do
	for d in $scratch; do
		case $p/ in
		"$d"/*)
			mkdir -p "$p"
			mountpoint -q "$p" || mount --bind "/dev/.host$p" "$p"
			;;
		esac
	done
done

devs=$(sed -n 's/.*wt\.devs=\([^ ]*\).*/\1/p' /proc/cmdline)
export WT_SCRATCH_DEVS=${devs//,/ }
export WT_OUT=/tmp/out

exec </dev/null >/dev/hvc0 2>&1
# No CR before each LF: the host reads this as a plain file.
stty -onlcr <&1
echo 8 >/proc/sys/kernel/printk
echo "vm: $(uname -r) up in $(cut -d' ' -f1 /proc/uptime)s, $(nproc) CPUs"

bash /tmp/out/cmd
rc=$?
echo "$rc" >/tmp/out/rc
sync
umount /tmp/out
echo b >/proc/sysrq-trigger
sleep 10
