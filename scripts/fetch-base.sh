#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Fetch the pinned base kernel source named in BASE and leave the verified
# tarball at build/base/$BASE_TARBALL.
#
# LINUX_SRC=/path/to/tree or LINUX_SRC=/path/to/linux.tar.xz skips the
# download; the tree case is handled by mktree.sh, this script only accepts
# a tarball.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
eval "$(sed -n 's/^\([A-Z0-9_]*\) *= *\(.*\)$/\1="\2"/p' BASE)"

out=build/base
mkdir -p "$out"
tarball=$out/$BASE_TARBALL

sha_ok() { echo "$2  $1" | sha256sum --quiet -c - 2>/dev/null; }

if [ -n "${LINUX_SRC:-}" ]; then
	[ -f "$LINUX_SRC" ] || { echo "fetch-base: LINUX_SRC=$LINUX_SRC is not a file" >&2; exit 1; }
	if ! sha_ok "$LINUX_SRC" "$BASE_TARBALL_SHA256"; then
		echo "fetch-base: WARNING: $LINUX_SRC is not the pinned $BASE_TARBALL (sha256 differs); using it anyway" >&2
	fi
	ln -sf "$(realpath "$LINUX_SRC")" "$tarball"
	exit 0
fi

if [ -f "$tarball" ] && sha_ok "$tarball" "$BASE_TARBALL_SHA256"; then
	exit 0
fi

scripts/private-apt.sh update >"$out/apt-update.log" 2>&1 ||
	{ cat "$out/apt-update.log" >&2; exit 1; }

pinned=1
deb=$out/${BASE_PACKAGE}_${BASE_VERSION//:/%3a}_all.deb
if [ ! -f "$deb" ] || ! sha_ok "$deb" "$BASE_DEB_SHA256"; then
	rm -f "$out"/"${BASE_PACKAGE}"_*.deb
	if scripts/private-apt.sh apt-get download "$BASE_PACKAGE=$BASE_VERSION" >"$out/apt-download.log" 2>&1; then
		mv "$top"/build/apt/dl/"${BASE_PACKAGE}"_*.deb "$out/"
	else
		pinned=0
		cat >&2 <<MSG
*****************************************************************
fetch-base: WARNING: $BASE_PACKAGE=$BASE_VERSION is no longer in the
archive.  Falling back to the newest $BASE_PACKAGE; the series may not
apply, and results are not comparable with the pinned base.
*****************************************************************
MSG
		scripts/private-apt.sh apt-get download "$BASE_PACKAGE" >"$out/apt-download.log" 2>&1 ||
			{ cat "$out/apt-download.log" >&2; exit 1; }
		mv "$top"/build/apt/dl/"${BASE_PACKAGE}"_*.deb "$out/"
	fi
	deb=$(ls "$out"/"${BASE_PACKAGE}"_*.deb | head -n1)
fi

if [ "$pinned" = 1 ] && ! sha_ok "$deb" "$BASE_DEB_SHA256"; then
	echo "fetch-base: $deb: sha256 mismatch (want $BASE_DEB_SHA256)" >&2
	exit 1
fi

rm -rf "$out/deb"
dpkg-deb -x "$deb" "$out/deb"
src=$(find "$out/deb" -name "$BASE_TARBALL" | head -n1)
[ -n "$src" ] || { echo "fetch-base: no $BASE_TARBALL in $deb" >&2; exit 1; }
if [ "$pinned" = 1 ] && ! sha_ok "$src" "$BASE_TARBALL_SHA256"; then
	echo "fetch-base: $src: sha256 mismatch (want $BASE_TARBALL_SHA256)" >&2
	exit 1
fi
mv "$src" "$tarball"
rm -rf "$out/deb"
echo "fetch-base: $tarball ($(sha256sum "$tarball" | cut -c1-16)...)"
