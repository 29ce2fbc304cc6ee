#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# usage: scripts/checkpatch.sh TREE [RESULTS]
# Run checkpatch.pl --strict on every commit of TREE's base..HEAD; any
# error or warning fails, and so does a tree with no commits on base.
# --strict's CHECKs are counted and reported, not failed: the ones the
# series has left follow fs/iomap and fs/xfs style (function names alone
# on their line, continuation lines indented by two tabs, flags spelled
# (1U << n)), or misread kselftest's "FIXTURE_DATA(x) *self" as a
# multiplication.  With RESULTS, append one line per patch, "pass checkpatch: SUBJECT"
# or "fail checkpatch: SUBJECT", to that file.  A tree whose commits differ
# from patches/ (work not exported yet) is noted, and is a failure under
# CI, which must test what patches/ holds.
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top"/scripts/lib.sh
tree=$(realpath "$1")
results=${2:-/dev/null}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail=0
if ! sgit -C "$tree" format-patch -q --no-signature -o "$tmp" base..HEAD; then
	echo "fail checkpatch: format-patch base..HEAD in $tree" >>"$results"
	echo "checkpatch: format-patch failed in $tree" >&2
	exit 1
fi
if ! tree_matches_patches "$tree" "$top/patches"; then
	if [ -n "${CI:-}" ]; then
		echo "fail checkpatch: build/linux matches patches/" >>"$results"
		echo "checkpatch: $tree differs from patches/" >&2
		fail=1
	else
		echo "checkpatch: NOTE: $tree differs from patches/ (make export)" >&2
	fi
fi

# added_files_maintained PATCH: is every file PATCH adds covered by a
# MAINTAINERS entry of the patched tree?
added_files_maintained() {
	local f
	for f in $(awk '/^diff --git / { f = $4; sub(/^b\//, "", f) }
			/^new file mode/ { print f }' "$1"); do
		(cd "$tree" && PATH=/usr/bin:/bin:$PATH ./scripts/get_maintainer.pl \
			--no-git --no-git-fallback --nol --no-rolestats -f "$f" 2>/dev/null) |
			grep -q . || return 1
	done
}

n=0
for p in "$tmp"/*.patch; do
	[ -e "$p" ] || continue
	n=$((n + 1))
	subj=$(awk '/^Subject:/ { s = $0; while ((getline l) > 0 && l ~ /^ /) s = s l; print s; exit }' "$p" |
		sed 's/^Subject: \[PATCH[^]]*\] //')
	# spdxcheck.py wants Debian's python3 (with python3-ply), not a
	# python3 that some other installation put first in $PATH.
	out=$(cd "$tree" && PATH=/usr/bin:/bin:$PATH ./scripts/checkpatch.pl \
		--strict --no-summary --terse --show-types "$p" 2>&1)
	# "does MAINTAINERS need updating?" is a question: the answer is no
	# when MAINTAINERS already covers every file the patch adds.
	if echo "$out" | grep -q 'WARNING:FILE_PATH_CHANGES:' &&
	   added_files_maintained "$p"; then
		out=$(echo "$out" | grep -v 'WARNING:FILE_PATH_CHANGES:')
	fi
	bad=$(echo "$out" | grep -E ' (ERROR|WARNING):' || true)
	notes=$(echo "$out" | grep -c ' CHECK:' || true)
	if [ -z "$bad" ] && ! echo "$out" | grep -qvE '^$| CHECK:'; then
		echo "pass checkpatch: $subj" >>"$results"
		[ "$notes" -gt 0 ] &&
			echo "checkpatch: $subj: $notes style CHECKs (--strict), no errors or warnings"
	else
		echo "fail checkpatch: $subj" >>"$results"
		echo "checkpatch: $subj"
		echo "$out" | grep -v ' CHECK:' | sed 's/^/    /'
		fail=1
	fi
done
if [ "$n" = 0 ]; then
	echo "fail checkpatch: the series has patches" >>"$results"
	echo "checkpatch: no commits on base in $tree" >&2
	exit 1
fi
echo "checkpatch: $n patches checked, $([ $fail = 0 ] && echo clean || echo NOT clean)"
exit $fail
