#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build fstests (xfstests) with the project's patches (fstests/patches/*.patch:
# write-through ops for fsx and fsstress, helpers in common/) in
# build/fstests/src, so that build/fstests/src/check can run.
#
# fstests is not packaged by Debian, so the source is a pinned snapshot of
# its for-next branch in ../shared/upstream, checked against its checksum.
# FSTESTS_SRC=DIR builds a user's own fstests checkout instead: it is copied
# (without .git and, for a git checkout, without the files git ignores, such
# as an earlier build's) and each patch is applied unless a reverse dry-run
# shows it is already there.  Nothing is done if the tree is already built
# from the same source and patches.  The build's output is in
# build/fstests/build.log.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
snapshot=$top/../shared/upstream/fstests-ffc8bad1.tar.xz
snapshot_sha256=c8ba2d3925b1a1cab72d0e75dce4b72f500a4dda56b4dde56710f4420ef81921
snapshot_commit=ffc8bad17e5b2f56e48dbac43f7c5ae8ac368fe5
out=$top/build/fstests
log=$out/build.log

shopt -s nullglob
patches=("$top"/fstests/patches/*.patch)
shopt -u nullglob
[ ${#patches[@]} -gt 0 ] || { echo "build-fstests: no patches in fstests/patches" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ -n "${FSTESTS_SRC:-}" ]; then
	src=$(cd "$FSTESTS_SRC" && pwd) ||
		{ echo "build-fstests: FSTESTS_SRC=$FSTESTS_SRC is not a directory" >&2; exit 1; }
	if [ ! -f "$src/check" ] || [ ! -f "$src/ltp/fsx.c" ]; then
		echo "build-fstests: $src does not look like an fstests checkout" >&2
		exit 1
	fi
	# The files to copy, NUL-separated and sorted: what git tracks or
	# would track, or, outside git, everything but .git.
	if git -c safe.directory='*' -C "$src" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		git -c safe.directory='*' -C "$src" ls-files -z --cached --others --exclude-standard |
			while IFS= read -r -d '' f; do
				if [ -e "$src/$f" ] || [ -L "$src/$f" ]; then printf '%s\0' "$f"; fi
			done | sort -z >"$tmp/files"
	else
		(cd "$src" && find . -path ./.git -prune -o \( -type f -o -type l \) -print0) |
			sed -z 's|^\./||' | sort -z >"$tmp/files"
	fi
	copy() { tar -C "$src" --null --no-recursion -T "$tmp/files" "$@" -cf -; }
	source_id="dir $(copy --owner=0 --group=0 --numeric-owner --mtime=@0 | sha256sum | cut -c1-16)"
	what="fstests from $src"
else
	[ -f "$snapshot" ] || { echo "build-fstests: $snapshot is missing" >&2; exit 1; }
	echo "$snapshot_sha256  $snapshot" | sha256sum -c --quiet ||
		{ echo "build-fstests: $snapshot does not match its pinned checksum" >&2; exit 1; }
	source_id="tar $snapshot_sha256"
	what="fstests ${snapshot_commit:0:12}"
fi
stamp="$source_id patches $(for p in "${patches[@]}"; do
	printf '%s ' "${p##*/}"; sha256sum <"$p"; done | sha256sum | cut -c1-16)"

if [ -x "$out/src/check" ] && [ -x "$out/src/ltp/fsx" ] && [ -x "$out/src/ltp/fsstress" ] &&
   [ "$(cat "$out/.stamp" 2>/dev/null)" = "$stamp" ]; then
	echo "build-fstests: $what + ${#patches[@]} patches already built in build/fstests/src"
	exit 0
fi

rm -rf "$out/src" "$out/.stamp"
mkdir -p "$out/src"
if [ -n "${FSTESTS_SRC:-}" ]; then
	copy | tar -C "$out/src" --no-same-owner -xf -
else
	tar -xJf "$snapshot" -C "$out/src" --strip-components=1
fi

skipped=0
for p in "${patches[@]}"; do
	name=${p##*/}
	if [ -n "${FSTESTS_SRC:-}" ] &&
	   patch -d "$out/src" -p1 -R -f -s --dry-run <"$p" >/dev/null 2>&1; then
		echo "build-fstests: $name is already applied in $src, skipped"
		skipped=$((skipped + 1))
		continue
	fi
	patch -d "$out/src" -p1 -f -s --no-backup-if-mismatch <"$p" >"$tmp/patch.out" 2>&1 || {
		cat "$tmp/patch.out" >&2
		echo "build-fstests: $name does not apply to $what" >&2
		exit 1
	}
done

if ! make -C "$out/src" -j"$(nproc)" >"$log" 2>&1; then
	tail -30 "$log" >&2
	echo "build-fstests: make failed, see $log" >&2
	exit 1
fi
for f in check ltp/fsx ltp/fsstress; do
	[ -x "$out/src/$f" ] || { echo "build-fstests: $f was not built, see $log" >&2; exit 1; }
done
echo "$stamp" >"$out/.stamp"
note=
[ "$skipped" = 0 ] || note=" ($skipped already there)"
echo "build-fstests: $what + ${#patches[@]} patches$note built in build/fstests/src (log: build/fstests/build.log)"
