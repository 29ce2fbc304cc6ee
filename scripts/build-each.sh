#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# usage: scripts/build-each.sh TREE OBJ [FLAVOUR]
#
# Prove that every patch of the series builds on its own: check out each
# commit of base..HEAD of TREE in turn, in a separate worktree so that
# TREE's own checkout is left alone, and build it incrementally into OBJ
# with the FLAVOUR config (default "vm").  A commit that touches
# tools/testing/selftests/writethrough also gets its selftests built
# against its own uapi headers.  Warnings in fs/iomap, fs/xfs, include/ and
# the selftests count as failures, like errors.  Prints one line per
# commit and ends with "N passed, N failed, N skipped".
#
# BUILD_EACH_KERNEL and BUILD_EACH_SELFTESTS replace scripts/build-kernel.sh
# and scripts/build-selftests.sh (same arguments); the harness tests use them.
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
tree=$(realpath "${1:?tree}")
mkdir -p "${2:?object dir}"
obj=$(realpath "$2")
flavour=${3:-vm}
# Named "linux" like build/linux, so that ccache (which hashes paths relative
# to the project) finds what the main builds compiled.
wt=$obj/linux
log=$obj/logs
mkdir -p "$log"
build_kernel=${BUILD_EACH_KERNEL:-$top/scripts/build-kernel.sh}
build_selftests=${BUILD_EACH_SELFTESTS:-$top/scripts/build-selftests.sh}

commits=$(git -C "$tree" rev-list --reverse base..HEAD) || exit 1
[ -n "$commits" ] || { echo "build-each: no commits in base..HEAD" >&2; exit 1; }

if [ ! -e "$wt/.git" ]; then
	rm -rf "$wt"
	git -C "$tree" worktree add -f --detach "$wt" base >/dev/null || exit 1
fi

pass=0 fail=0 n=0
for c in $commits; do
	n=$((n + 1))
	subj=$(git -C "$tree" log -1 --format=%s "$c")
	l=$log/$(printf %02d $n).log
	git -C "$wt" checkout -q --detach "$c" || { echo "build-each: cannot check out $c" >&2; exit 1; }
	ok=1
	"$build_kernel" "$flavour" "$wt" "$obj/kernel" >"$l" 2>&1 || ok=0
	if [ "$ok" = 1 ] &&
	   ! git -C "$tree" diff --quiet "$c~" "$c" -- tools/testing/selftests/writethrough; then
		"$build_selftests" "$wt" "$obj/kernel" "$obj/kselftest" >>"$l" 2>&1 || ok=0
	fi
	if grep -E '(fs/iomap|fs/xfs|include/|selftests/writethrough)[^ ]*: (warning|error):' "$l"; then
		ok=0
	fi
	if [ "$ok" = 1 ]; then
		pass=$((pass + 1))
		printf 'ok %d %s\n' "$n" "$subj"
	else
		fail=$((fail + 1))
		printf 'not ok %d %s (see %s)\n' "$n" "$subj" "$l"
		tail -20 "$l" | sed 's/^/#   /'
	fi
done

echo "$pass passed, $fail failed, 0 skipped"
[ "$fail" = 0 ]
