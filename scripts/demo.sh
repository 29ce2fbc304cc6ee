#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# usage: scripts/demo.sh BZIMAGE OUT_DIR
# Boot BZIMAGE with a scratch disk and show, on XFS and on tmpfs, what a
# write with RWF_WRITETHROUGH leaves behind next to plain buffered writes.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
kernel=$1
mkdir -p "$2"
out=$(realpath "$2")
obj=$(dirname "$(dirname "$(dirname "$(dirname "$(realpath "$kernel")")")")")

gcc -O2 -Wall -isystem "$obj/usr/include" -o "$out/wt-demo" "$top/demo/wt-demo.c"
status=0
"$top"/scripts/vm-run.sh -k "$kernel" -o "$out" -t 900 -m 2G -d 2G -- \
	"$top"/scripts/guest-demo.sh "$out/wt-demo" || status=$?
"$top"/scripts/scan-console.sh "$out/console.log" || status=1
exit $status
