#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install what building, booting and testing the series needs, from the
# host's own Debian (bookworm) archive.  Packages already present are not
# touched, so this is quick on a machine that ran it before.
#
# usage: scripts/deps.sh [GROUP...]
#   kernel    (the default) the kernel, the selftests, QEMU
#   fstests   what fstests, its tests and the patched xfs_io build and
#             run with (fstests' README lists most of them)
#   bench     what make bench runs in the guest besides fio: PostgreSQL
#             (its server and pgbench; the guest runs the host's)
set -euo pipefail

kernel=(build-essential bc bison flex cpio rsync kmod libelf-dev libssl-dev
	pahole python3 python3-ply python3-git xz-utils git ccache qemu-system-x86 xfsprogs
	liburing-dev libaio-dev util-linux dmsetup)
fstests=(build-essential autoconf automake libtool libtool-bin gettext pkg-config
	uuid-dev xfslibs-dev libattr1-dev libacl1-dev libgdbm-dev libcap-dev
	libaio-dev liburing-dev libinih-dev liburcu-dev libblkid-dev libedit-dev
	libicu-dev gawk bc attr acl quota psmisc dmsetup thin-provisioning-tools
	e2fsprogs xfsprogs xfsdump lvm2 fio dbench indent file python3 udev
	dpkg-dev)
bench=(postgresql)

pkgs=()
for group in "${@:-kernel}"; do
	case $group in
	kernel) pkgs+=("${kernel[@]}") ;;
	fstests) pkgs+=("${fstests[@]}") ;;
	bench) pkgs+=("${bench[@]}") ;;
	*) echo "deps: unknown group $group" >&2; exit 2 ;;
	esac
done

missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)

echo "deps: installing ${missing[*]}"
if [ "$(id -u)" != 0 ]; then
	echo "deps: not root; install these first: ${missing[*]}" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
