#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build xfs_io with a pwrite option for RWF_WRITETHROUGH (the patches in
# xfsprogs/) into build/xfsprogs/bin/xfs_io.
#
# The source is Debian bookworm's xfsprogs 6.1.0-1, the version the host
# runs, fetched through a private apt configuration under build/apt-bookworm
# (the system's apt sources are never used) and checked against pinned
# checksums.  Only xfs_io and the in-tree libraries it links are built.
# Nothing is done if the binary is already built from the same source and
# patches.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
version=6.1.0-1
orig=xfsprogs_6.1.0.orig.tar.xz
orig_sha256=eceb9015c4ebefa56fa85faff756ccb51ed2cf9c39ba239767f8e78705e85251
debian=xfsprogs_6.1.0-1.debian.tar.xz
debian_sha256=a9701ee09a75306d0cb797fc0a8d706da5a61d84476ff670ed3ec6048f9b0bb9
out=$top/build/xfsprogs
apt_root=$top/build/apt-bookworm

shopt -s nullglob
patches=("$top"/xfsprogs/*.patch)
shopt -u nullglob
[ ${#patches[@]} -gt 0 ] || { echo "build-xfsprogs: no patches in $top/xfsprogs" >&2; exit 1; }

stamp=$(for p in "${patches[@]}"; do echo "${p##*/}"; cat "$p"; done | sha256sum | cut -c1-16)
stamp=$stamp-$orig_sha256-$debian_sha256
if [ -x "$out/bin/xfs_io" ] && [ "$(cat "$out/.stamp" 2>/dev/null)" = "$stamp" ]; then
	exit 0
fi
mkdir -p "$out"

# "file sha256" pairs of the source package's tarballs
sources="$orig $orig_sha256
$debian $debian_sha256"

verified() {
	local f sum
	while read -r f sum; do
		[ -f "$1/$f" ] && echo "$sum  $1/$f" | sha256sum -c --quiet >/dev/null 2>&1 ||
			return 1
	done <<<"$sources"
}

private_apt() {
	APT_ROOT=$apt_root APT_SUITES=bookworm "$top"/scripts/private-apt.sh "$@"
}

if ! verified "$out"; then
	ls "$apt_root"/state/lists/*_bookworm_*Sources >/dev/null 2>&1 ||
		private_apt update >"$out/apt.log" 2>&1 ||
		{ cat "$out/apt.log" >&2; exit 1; }
	echo "build-xfsprogs: downloading the source of xfsprogs $version"
	# apt checks the files against the archive's signed index; a stale or
	# damaged index is fetched anew once
	if ! private_apt apt-get source --download-only "xfsprogs=$version" >"$out/apt.log" 2>&1 &&
		! { rm -rf "$apt_root/state/lists" && private_apt update &&
			private_apt apt-get source --download-only "xfsprogs=$version"; } \
			>>"$out/apt.log" 2>&1; then
		tail -20 "$out/apt.log" >&2
		echo "build-xfsprogs: cannot fetch the source of xfsprogs $version" >&2
		exit 1
	fi
	while read -r f sum; do
		cp "$apt_root/dl/$f" "$out/$f.part"
		if ! echo "$sum  $out/$f.part" | sha256sum -c --quiet >/dev/null 2>&1; then
			echo "build-xfsprogs: $f does not match its pinned checksum" >&2
			echo "build-xfsprogs:   expected $sum" >&2
			echo "build-xfsprogs:   got      $(sha256sum <"$out/$f.part" | cut -d' ' -f1)" >&2
			rm -f "$out/$f.part"
			exit 1
		fi
		mv "$out/$f.part" "$out/$f"
	done <<<"$sources"
fi

# unpack as dpkg-source does for a 3.0 (quilt) package without patches:
# the upstream tarball, with its debian/ replaced by Debian's
rm -rf "${out:?}/src" "${out:?}/bin" "${out:?}/.stamp"
mkdir -p "$out/src" "$out/bin"
tar -xJf "$out/$orig" -C "$out/src" --strip-components=1
rm -rf "$out/src/debian"
tar -xJf "$out/$debian" -C "$out/src"
for p in "${patches[@]}"; do
	patch -s -f -d "$out/src" -p1 <"$p" ||
		{ echo "build-xfsprogs: ${p#"$top"/} does not apply" >&2; exit 1; }
done
(
	cd "$out/src"
	# Debian's configuration (debian/rules) less LTO.  The top-level
	# Makefile builds the libraries that io depends on, but only its
	# default target sets up include/xfs/: without "make headers" first,
	# <xfs/*.h> would silently come from the host's xfslibs-dev.
	export DEBUG=-DNDEBUG
	./configure --enable-editline=yes --enable-blkid=yes >configure.log 2>&1 ||
		{ tail -20 configure.log >&2; exit 1; }
	{ make headers && make -j"$(nproc)" io; } >make.log 2>&1 ||
		{ tail -30 make.log >&2; exit 1; }
)
install -m 0755 "$out/src/io/xfs_io" "$out/bin/xfs_io"
echo "$stamp" >"$out/.stamp"
echo "build-xfsprogs: $("$out/bin/xfs_io" -V) (Debian $version) with" \
	"${#patches[@]} patch(es) from xfsprogs/ in $out/bin/xfs_io"
