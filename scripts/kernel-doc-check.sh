#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# usage: scripts/kernel-doc-check.sh TREE
#
# kernel-doc warnings (scripts/kernel-doc -none -Wall) that the series
# adds: every C file and header that base..HEAD of TREE changes, outside
# tools/, is checked at base and at HEAD, and a warning of HEAD's that base
# does not have (compared without line numbers) is new.  Prints the new
# warnings; exit status 1 if there are any, 2 if the check cannot run.
set -uo pipefail

tree=$(realpath "$1")
kdoc=$tree/scripts/kernel-doc
[ -x "$kdoc" ] || { echo "kernel-doc-check: no $kdoc" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# warnings FILE NAME: FILE's warnings, named NAME, without line numbers
warnings() {
	"$kdoc" -none -Wall "$1" 2>&1 |
		sed -n "s|^[Ww]arning: $1:[0-9]*[: ] *|$2: |p" | sort -u
}

new=0
while IFS= read -r f; do
	mkdir -p "$tmp/base/$(dirname "$f")"
	if git -C "$tree" cat-file -e "base:$f" 2>/dev/null; then
		git -C "$tree" show "base:$f" >"$tmp/base/$f"
		(cd "$tmp/base" && warnings "$f" "$f") >"$tmp/before"
	else
		: >"$tmp/before"
	fi
	(cd "$tree" && warnings "$f" "$f") >"$tmp/after"
	if comm -13 "$tmp/before" "$tmp/after" | grep .; then
		new=1
	fi
done < <(git -C "$tree" diff --name-only --diff-filter=AM base..HEAD -- '*.c' '*.h' ':!tools/')
exit $new
