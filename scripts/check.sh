#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# usage: scripts/check.sh BZIMAGE KSELFTEST_DIR OUT_DIR
#
# checkpatch.pl --strict on every patch and kernel-doc -Wall on the files
# the series changes, then boot BZIMAGE with a scratch disk, run the
# write-through selftests inside, and judge the result: every subtest,
# every patch's checkpatch run, the kernel-doc check and the kernel log (no
# WARNING, BUG, lockdep, KASAN, KFENCE or hung-task report) count as one
# test each.  Every subtest and every check of the harness that
# tests/expected-results lists must report, and nothing else may.
# The last line printed is "N passed, N failed, N skipped"; the exit
# status is non-zero if anything failed, was skipped or did not run.
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
kernel=$1
kst=$(realpath "$2")
out=$3
mkdir -p "$out"
out=$(realpath "$out")
results=$out/harness-results
: >"$results"

# Run one of the harness's own test scripts; it must run to its end (exit
# 0), and tests/expected-results pins every check it must report.
harness_script() {
	local name=$1 rc
	shift
	"$@" >>"$results"
	rc=$?
	if [ "$rc" = 0 ]; then
		echo "pass harness: $name ran to its end"
	else
		echo "fail harness: $name ran to its end (exit $rc)"
	fi >>"$results"
}

# 0. the harness's own tests: its judgement, and the VM runner
harness_script tests/harness.sh "$top"/tests/harness.sh
echo "check: testing the VM runner"
harness_script tests/vm-runner.sh "$top"/tests/vm-runner.sh "$kernel"

# 1. checkpatch, one result per patch
"$top"/scripts/checkpatch.sh "$top/build/linux" "$results"

# 1b. kernel-doc: no warning that the series adds
echo "check: kernel-doc -Wall on the files the series changes"
if kdoc=$("$top"/scripts/kernel-doc-check.sh "$top/build/linux" 2>&1); then
	echo "pass kernel-doc: no new warnings in the files the series changes" >>"$results"
else
	echo "$kdoc" | sed 's/^/    /'
	echo "fail kernel-doc: no new warnings in the files the series changes" >>"$results"
fi

# 2. the selftests in the guest
rm -f "$out/kselftest.tap"
echo "check: booting $kernel (the console log is $out/console.log)"
"$top"/scripts/vm-run.sh -k "$kernel" -o "$out" -t "${CHECK_TIMEOUT:-3600}" \
	-m 3G -d 4G -- "$top"/scripts/guest-check.sh "$kst"
vmrc=$?
echo "check: guest exited with status $vmrc"
case $vmrc in
0) ;;
124) echo "fail guest: finished within ${CHECK_TIMEOUT:-3600}s" >>"$results" ;;
125) echo "fail guest: did not die (panic, oops)" >>"$results" ;;
*) echo "fail guest: ran the selftests (exit $vmrc)" >>"$results" ;;
esac

# 3. the kernel log
if "$top"/scripts/scan-console.sh "$out/console.log"; then
	echo "pass kernel log: no splat" >>"$results"
else
	echo "fail kernel log: no splat" >>"$results"
fi

# every subtest and harness check must report, and no other: see
# tests/expected-results; how long each subtest took against its limit
# goes to $out/times.txt
python3 "$top"/scripts/tap-summary.py "$out/kselftest.tap" --extra "$results" \
	--expect "$top/tests/expected-results" --times "$out/times.txt"
