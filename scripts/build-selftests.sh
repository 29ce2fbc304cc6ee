#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# usage: scripts/build-selftests.sh SRC OBJ INSTALL
# Build the series' selftests against OBJ's installed uapi headers and
# install them, with kselftest's runner, into INSTALL.
#
# kselftest's make rebuilds a program when its source is newer than the
# program.  A program built from another tree, or against other headers,
# into the same OBJ can be newer than sources it was not built from, and
# make would install it as it is.  So OBJ's selftest directory records what
# it was built from (SRC, the selftests' sources, the uapi headers), and is
# emptied when that changes.
set -euo pipefail

src=$(realpath "$1")
obj=$(realpath "$2")
mkdir -p "$3"
inst=$(realpath "$3")
out=$obj/kselftest/writethrough
make=${BUILD_SELFTESTS_MAKE:-make}

[ -f "$obj/usr/include/linux/fs.h" ] ||
	{ echo "build-selftests: no uapi headers in $obj/usr (build the kernel first)" >&2; exit 1; }

# what the programs are built from: file names and contents
built_from() {
	echo "$src"
	(cd "$src/tools/testing/selftests" &&
		find writethrough Makefile lib.mk kselftest*.h -type f -print0 2>/dev/null |
		sort -z | xargs -0 sha256sum)
	(cd "$obj/usr/include" && find . -type f -print0 | sort -z | xargs -0 sha256sum)
}
stamp=$(built_from | sha256sum | cut -c1-16)
if [ "$(cat "$out/.built-from" 2>/dev/null)" != "$stamp" ]; then
	rm -rf "$out"
fi

rm -rf "$inst"
"$make" -s -C "$src/tools/testing/selftests" O="$obj" TARGETS=writethrough \
	KHDR_INCLUDES="-isystem $obj/usr/include" \
	INSTALL_PATH="$inst" install >/dev/null
mkdir -p "$out"
echo "$stamp" >"$out/.built-from"
ls "$inst"/writethrough
