# SPDX-License-Identifier: GPL-2.0
#
# Shell functions shared by the harness scripts (source it).

# git for the series, independent of the user's configuration, so that
# format-patch output depends only on the commits (core.abbrev fixed: git
# would otherwise abbreviate the blob ids of the "index" lines by the
# number of objects in the repository, and a fresh tree has fewer).
sgit() {
	GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 \
		git -c core.abbrev=12 -c user.name="Writethrough Developers" \
		-c user.email=writethrough@invalid -c commit.gpgsign=false "$@"
}

# series_text TREE: base..HEAD of TREE as format-patch text, commit ids zeroed
series_text() {
	sgit -C "$1" format-patch --stdout --zero-commit --no-signature base..HEAD
}

# patches_text DIR: the patch files of DIR (no cover letter), concatenated
patches_text() {
	local p
	for p in "$1"/[0-9][0-9][0-9][0-9]-*.patch; do
		[ -e "$p" ] || continue
		case $p in */0000-cover-letter.patch) continue ;; esac
		cat "$p"
	done
}

# tree_matches_patches TREE DIR: do TREE's commits equal DIR's patch files,
# messages included?  (Compared as text without dates, which "git am" may
# rewrite, and blank lines, which --stdout adds between patches.)
tree_matches_patches() {
	[ "$(series_text "$1" | grep -v -e '^Date: ' -e '^$')" = \
	  "$(patches_text "$2" | grep -v -e '^Date: ' -e '^$')" ]
}
