#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside the guest (scripts/check.sh boots it): run the installed
# write-through kselftests on the scratch disk and leave their TAP output
# in $WT_OUT/kselftest.tap.  Test failures are in the TAP output; a
# non-zero exit status means the tests could not be run at all.
#
# usage: scripts/guest-check.sh KSELFTEST_INSTALL_DIR
set -u
inst=$1

set -- $WT_SCRATCH_DEVS
export WT_SCRATCH_DEV=${1:-}
echo "guest-check: scratch device ${WT_SCRATCH_DEV:-none (loop devices)}"
echo "guest-check: $(mkfs.xfs -V 2>&1 | head -n1)"

# Everything the tests need is here: a test that finds something missing
# fails, with the reason, rather than skip (see WT_SKIP in scratch.h).
export WT_REQUIRE_ALL=1

cd "$inst" || exit 1
[ -x run_kselftest.sh ] || exit 1
./run_kselftest.sh -c writethrough 2>&1 | tee "$WT_OUT/kselftest.tap"
exit 0
