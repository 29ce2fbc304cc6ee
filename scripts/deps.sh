#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install what building, booting and testing the series needs, from the
# host's own Debian (bookworm) archive.  Packages already present are not
# touched, so this is quick on a machine that ran it before.
set -euo pipefail

pkgs=(build-essential bc bison flex cpio rsync kmod libelf-dev libssl-dev
	pahole python3 python3-ply python3-git xz-utils git ccache qemu-system-x86 xfsprogs
	liburing-dev libaio-dev util-linux dmsetup)

missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps: installing ${missing[*]}"
if [ "$(id -u)" != 0 ]; then
	echo "deps: not root; install these first: ${missing[*]}" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
