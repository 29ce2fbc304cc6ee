#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build fio 3.41 with a writethrough option for its pvsync2 and io_uring
# engines (bench/fio-writethrough.patch) into build/fio/fio.
#
# Bookworm's fio 3.33 predates RWF_DONTCACHE (its uncached=1 sends another
# bit) and sid's binary needs glibc 2.38, so fio is built from sid's source,
# fetched through the private apt configuration and checked against a
# pinned checksum.  Nothing is done if the binary is already built from the
# same source and patch.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
version=3.41-2
orig=fio_3.41.orig.tar.gz
orig_sha256=a40b45112005e30a67bab6be4860b198c35104a628b6ec4d15720d62b5d1bab9
patch=$top/bench/fio-writethrough.patch
out=$top/build/fio

stamp=$(cat "$patch" | sha256sum | cut -c1-16)-$orig_sha256
if [ -x "$out/fio" ] && [ "$(cat "$out/.stamp" 2>/dev/null)" = "$stamp" ]; then
	exit 0
fi
mkdir -p "$out"

if ! { [ -f "$out/$orig" ] && echo "$orig_sha256  $out/$orig" | sha256sum -c --quiet; }; then
	[ -d "$top/build/apt/state/lists" ] && ls "$top"/build/apt/state/lists/*Sources* >/dev/null 2>&1 ||
		"$top"/scripts/private-apt.sh update >/dev/null
	url=$(APT_CONFIG=$top/build/apt/apt.conf apt-get source --print-uris -qq "fio=$version" |
		tr -d "'" | awk -v f="$orig" '$2 == f { print $1 }')
	[ -n "$url" ] || { echo "build-fio: fio $version is not in the archive" >&2; exit 1; }
	echo "build-fio: downloading $url"
	python3 -c 'import sys, urllib.request; urllib.request.urlretrieve(sys.argv[1], sys.argv[2])' \
		"$url" "$out/$orig.part"
	mv "$out/$orig.part" "$out/$orig"
	echo "$orig_sha256  $out/$orig" | sha256sum -c --quiet ||
		{ echo "build-fio: $orig does not match its pinned checksum" >&2; exit 1; }
fi

rm -rf "$out/src"
mkdir -p "$out/src"
tar -xzf "$out/$orig" -C "$out/src" --strip-components=1
patch -s -d "$out/src" -p1 <"$patch"
(
	cd "$out/src"
	./configure --disable-native >configure.log 2>&1 ||
		{ tail -20 configure.log >&2; exit 1; }
	make -s -j"$(nproc)" fio >make.log 2>&1 || { tail -30 make.log >&2; exit 1; }
)
cp "$out/src/fio" "$out/fio"
echo "$stamp" >"$out/.stamp"
echo "build-fio: $("$out/fio" --version) with writethrough=1 in $out/fio"
