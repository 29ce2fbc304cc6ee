#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run apt-get/apt-cache against Debian suites that the host does not
# track (trixie-backports, sid), through an apt configuration that lives
# entirely under build/apt.  The system's own sources.list is never read
# or touched.
#
# usage: scripts/private-apt.sh update
#        scripts/private-apt.sh apt-get download PKG[=VER]...
#        scripts/private-apt.sh apt-get source --download-only PKG[=VER]
#        scripts/private-apt.sh apt-cache policy PKG
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
root=${APT_ROOT:-$top/build/apt}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
suites=${APT_SUITES:-"trixie trixie-backports sid"}

mkdir -p "$root"/{etc/preferences.d,etc/apt.conf.d,state/lists/partial,cache/archives/partial,dl}
: >"$root/state/status"

{
	for s in $suites; do
		echo "deb [arch=amd64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $s main"
		echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $s main"
	done
} >"$root/etc/sources.list"

cat >"$root/apt.conf" <<CONF
Dir::Etc::SourceList "$root/etc/sources.list";
Dir::Etc::SourceParts "$root/etc/sources.list.d";
Dir::Etc::Parts "$root/etc/apt.conf.d";
Dir::Etc::PreferencesParts "$root/etc/preferences.d";
Dir::State "$root/state";
Dir::State::status "$root/state/status";
Dir::Cache "$root/cache";
APT::Architecture "amd64";
APT::Architectures { "amd64"; };
Acquire::Languages "none";
Acquire::Check-Valid-Until "false";
CONF
mkdir -p "$root/etc/sources.list.d"
export APT_CONFIG=$root/apt.conf

cmd=${1:?usage: $0 update | apt-get ARGS | apt-cache ARGS}
shift
case "$cmd" in
update)
	apt-get -q -o Debug::NoLocking=1 update
	;;
apt-get)
	cd "$root/dl"
	apt-get -q -o Debug::NoLocking=1 "$@"
	;;
apt-cache)
	apt-cache "$@"
	;;
*)
	echo "$0: unknown command $cmd" >&2
	exit 2
	;;
esac
