#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# usage: tests/break-checks.sh BZIMAGE KSELFTEST_DIR OUT_DIR [OLD_KSELFTEST_DIR]
#
# Shows that the selftests' checks fail on the kernel bugs they exist to
# catch: builds tests/wt-break.c, a preloaded test double that makes the
# kernel look broken in one way at a time ($WT_BREAK), boots BZIMAGE once
# with a scratch disk, and runs tests/guest-break-checks.sh there, which
# runs the subtests that must catch each bug under it.  Prints one
# "pass NAME"/"fail NAME" line per case, in the format scripts/check.sh
# collects; each case's output is in OUT_DIR/break-checks.log.  With
# OLD_KSELFTEST_DIR, selftests built before their checks were fixed, each
# case also says how the old version of its subtests ended.  Not part
# of make check: it takes about as long as the selftests themselves.
# WT_BREAK_CASES="wt-plain no-dsync" runs only the cases of these doubles.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
kernel=$1
kst=$(realpath "$2")
out=$3
oldkst=${4:+$(realpath "$4")}
mkdir -p "$out"
out=$(realpath "$out")

gcc -Wall -O2 -shared -fPIC -o "$out/wt-break.so" "$top/tests/wt-break.c" -ldl ||
	{ echo "fail break: tests/wt-break.c builds"; exit 1; }
"$top"/scripts/vm-run.sh -q -k "$kernel" -o "$out" -t 3600 -m 3G -d 4G -- \
	"$top"/tests/guest-break-checks.sh "$kst" "$out/wt-break.so" $oldkst
rc=$?
cat "$out/output.log"
[ "$rc" = 0 ] || echo "fail break: the guest ran every case (exit $rc)"
