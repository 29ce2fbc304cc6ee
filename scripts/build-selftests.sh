#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# usage: scripts/build-selftests.sh SRC OBJ INSTALL
# Build the series' selftests against OBJ's installed uapi headers and
# install them, with kselftest's runner, into INSTALL.
set -euo pipefail

src=$(realpath "$1")
obj=$(realpath "$2")
mkdir -p "$3"
inst=$(realpath "$3")

[ -f "$obj/usr/include/linux/fs.h" ] ||
	{ echo "build-selftests: no uapi headers in $obj/usr (build the kernel first)" >&2; exit 1; }
rm -rf "$inst"
make -s -C "$src/tools/testing/selftests" O="$obj" TARGETS=writethrough \
	KHDR_INCLUDES="-isystem $obj/usr/include" \
	INSTALL_PATH="$inst" install >/dev/null
ls "$inst"/writethrough
