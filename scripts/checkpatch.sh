#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# usage: scripts/checkpatch.sh TREE [RESULTS]
# Run checkpatch.pl --strict on every commit of TREE's base..HEAD; any
# error, warning or check fails.  With RESULTS, append one line per patch,
# "pass checkpatch: SUBJECT" or "fail checkpatch: SUBJECT", to that file.
# Notes when the commits differ from patches/ (work not exported yet).
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
tree=$(realpath "$1")
results=${2:-/dev/null}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

git -C "$tree" format-patch -q --no-signature -o "$tmp" base..HEAD
tree_ids=$(cat "$tmp"/*.patch 2>/dev/null | git patch-id --stable | cut -d' ' -f1 | sort)
repo_ids=$(cat "$top"/patches/[0-9]*.patch 2>/dev/null | git patch-id --stable | cut -d' ' -f1 | sort)
[ "$tree_ids" = "$repo_ids" ] ||
	echo "checkpatch: NOTE: $tree differs from patches/ (make export)" >&2

fail=0
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
	if [ $? = 0 ] && [ -z "$out" ]; then
		echo "pass checkpatch: $subj" >>"$results"
	else
		echo "fail checkpatch: $subj" >>"$results"
		echo "checkpatch: $subj"
		echo "$out" | sed 's/^/    /'
		fail=1
	fi
done
echo "checkpatch: $n patches checked, $([ $fail = 0 ] && echo clean || echo NOT clean)"
exit $fail
