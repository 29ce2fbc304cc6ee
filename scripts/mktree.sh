#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Create build/linux: a git repository whose first commit is the pristine
# base kernel (tagged "base"), with patches/*.patch applied on top by
# "git am", one commit per patch.
#
# LINUX_SRC=/path/to/tree uses an existing source tree as the base instead
# of the pinned tarball (LINUX_SRC=/path/to/tarball is handled by
# fetch-base.sh).  An existing build/linux is kept unless FORCE=1; with
# local commits beyond what patches/ holds, it is never removed.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
. scripts/lib.sh
tree=build/linux
gitc() { sgit -C "$tree" "$@"; }

if [ -d "$tree/.git" ]; then
	if [ "${FORCE:-0}" != 1 ]; then
		echo "mktree: $tree exists (FORCE=1 to recreate it from base + patches/)"
		exit 0
	fi
	if [ -n "$(git -C "$tree" status --porcelain)" ]; then
		echo "mktree: $tree has uncommitted or untracked files; refusing to recreate it" >&2
		exit 1
	fi
	if ! tree_matches_patches "$tree" patches; then
		echo "mktree: $tree's commits differ from patches/; run 'make export' first" >&2
		exit 1
	fi
fi

rm -rf "$tree.new"
mkdir -p "$tree.new"
if [ -n "${LINUX_SRC:-}" ] && [ -d "$LINUX_SRC" ]; then
	echo "mktree: base from tree $LINUX_SRC"
	tar -C "$LINUX_SRC" --exclude=.git -cf - . | tar -C "$tree.new" -xf -
else
	scripts/fetch-base.sh
	eval "$(sed -n 's/^\([A-Z0-9_]*\) *= *\(.*\)$/\1="\2"/p' BASE)"
	echo "mktree: unpacking $BASE_TARBALL"
	tar -C "$tree.new" --strip-components=1 -xf "build/base/$BASE_TARBALL"
fi

tree=$tree.new
git -C "$tree" init -q -b master
# Debian appends "/*" to the top-level .gitignore (its packaging lives
# elsewhere), so the base is added with -f.
gitc add -A -f .
ver=$(make -s -C "$tree" kernelversion 2>/dev/null || echo unknown)
GIT_AUTHOR_DATE="2026-01-01T00:00:00Z" GIT_COMMITTER_DATE="2026-01-01T00:00:00Z" \
	gitc commit -q -m "Linux $ver (base: $(sed -n 's/^BASE_VERSION *= *//p' BASE))"
gitc tag base
# Debian's "/*" also hides new files from "git status" and makes "git add"
# of kernel files complain.  Drop it from the working copy only; the base
# commit keeps the file as shipped.
python3 - "$tree/.gitignore" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
cut = s.find('\n#\n# Debian packaging:')
if cut >= 0:
    open(p, 'w').write(s[:cut + 1])
PY
git -C "$tree" update-index --assume-unchanged .gitignore
patches=$(ls "$top"/patches/[0-9]*.patch 2>/dev/null | grep -v '/0000-cover-letter.patch$' || true)
if [ -n "$patches" ]; then
	# shellcheck disable=SC2086
	gitc am -q --keep-cr --committer-date-is-author-date $patches
fi
tree=build/linux
rm -rf "$tree"
mv "$tree.new" "$tree"
echo "mktree: $tree at $(git -C "$tree" describe --tags --always) ($(git -C "$tree" rev-list --count base..HEAD) patches on base)"
