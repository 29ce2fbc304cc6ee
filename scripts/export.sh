#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Write build/linux's base..HEAD back to patches/ as "git format-patch"
# output.  The cover letter's subject and text are kept from the existing
# patches/0000-cover-letter.patch; its shortlog and diffstat are
# regenerated.  The output depends only on the commits, so that
# "make tree && make export" leaves patches/ unchanged.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
. scripts/lib.sh
tree=build/linux
git -C "$tree" rev-parse -q --verify base >/dev/null ||
	{ echo "export: $tree has no base tag (make tree)" >&2; exit 1; }
if [ -n "$(git -C "$tree" status --porcelain --untracked-files=no)" ]; then
	echo "export: WARNING: $tree has uncommitted changes; they are not exported" >&2
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=$(git -C "$tree" rev-list --count base..HEAD)
[ "$n" -gt 0 ] || { echo "export: no commits on base" >&2; exit 1; }
sgit -C "$tree" format-patch -q --no-signature --cover-letter \
	--zero-commit -o "$tmp" base..HEAD

cover=$tmp/0000-cover-letter.patch
# A fixed date for the cover letter: the newest commit's.
date=$(git -C "$tree" log -1 --format=%aD HEAD)
old=patches/0000-cover-letter.patch
python3 - "$cover" "$old" "$date" <<'PY'
import re, sys
cover, old, date = sys.argv[1:4]
text = open(cover).read()
text = re.sub(r'^Date: .*$', 'Date: ' + date, text, count=1, flags=re.M)
try:
    prev = open(old).read()
except FileNotFoundError:
    prev = None
if prev:
    subj = re.search(r'^Subject: \[[^]]*\] (.*(?:\n [^\n]*)*)$', prev, re.M)
    head, _, body = prev.partition('\n\n')
    blurb = re.split(r'^\S[^\n]* \(\d+\):$', body, maxsplit=1, flags=re.M)[0]
    if subj:
        text = text.replace('*** SUBJECT HERE ***', subj.group(1), 1)
    text = text.replace('*** BLURB HERE ***\n\n', blurb, 1)
open(cover, 'w').write(text)
PY

rm -f patches/[0-9][0-9][0-9][0-9]-*.patch
mkdir -p patches
cp "$tmp"/*.patch patches/
echo "export: $n patches and a cover letter in patches/"
