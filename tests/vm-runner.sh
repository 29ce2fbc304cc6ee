#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# usage: tests/vm-runner.sh BZIMAGE
# Tests of scripts/vm-run.sh with a real boot: the command's exit status,
# its output, the shared directory, the scratch disks and the timeout all
# come back to the host.  Prints "pass NAME"/"fail NAME" lines.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
kernel=$1
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

"$top"/scripts/vm-run.sh -q -k "$kernel" -o "$out" -t 300 -m 1G -d 64M -d 32M -- \
	bash -c 'echo "$WT_SCRATCH_DEVS" >"$WT_OUT/devs";
		 blockdev --getsize64 /dev/vda /dev/vdb >>"$WT_OUT/devs";
		 grep -cw la57 /proc/cpuinfo >"$WT_OUT/la57";
		 echo hello from the guest; exit 7' >/dev/null 2>&1
rc=$?
if [ "$rc" = 7 ]; then
	echo "pass harness: vm-run returns the command's exit status"
else
	echo "fail harness: vm-run returns the command's exit status (got $rc)"
fi
if grep -qx 'hello from the guest' "$out/output.log"; then
	echo "pass harness: vm-run captures the command's output"
else
	echo "fail harness: vm-run captures the command's output"
fi
if [ "$(tr '\n' ' ' <"$out/devs" 2>/dev/null)" = "/dev/vda /dev/vdb 67108864 33554432 " ]; then
	echo "pass harness: vm-run attaches scratch disks and shares a directory"
else
	echo "fail harness: vm-run attaches scratch disks and shares a directory"
fi

# see the comment on no5lvl in vm-run.sh
if [ "$(cat "$out/la57" 2>/dev/null)" = 0 ]; then
	echo "pass harness: vm-run boots the guest with 4-level paging"
else
	echo "fail harness: vm-run boots the guest with 4-level paging"
fi

"$top"/scripts/vm-run.sh -q -k "$kernel" -o "$out" -t 60 -m 1G -- sleep 600 >/dev/null 2>&1
rc=$?
if [ "$rc" = 124 ]; then
	echo "pass harness: vm-run kills a guest that overruns its timeout"
else
	echo "fail harness: vm-run kills a guest that overruns its timeout (got $rc)"
fi

# see the comment on TCG threads in vm-run.sh
"$top"/scripts/vm-run.sh -q -k "$kernel" -o "$out" -t 300 -m 1G -- \
	"$top"/tests/guest-text-patch.sh 30 >/dev/null 2>&1
rc=$?
if [ "$rc" = 0 ] && grep -qx 'toggled 30' "$out/output.log" &&
   "$top"/scripts/scan-console.sh "$out/console.log" >/dev/null; then
	echo "pass harness: vm-run guests survive kernel text patching"
else
	echo "fail harness: vm-run guests survive kernel text patching (exit $rc)"
fi

# a guest whose kernel dies before the command finishes (here a crash
# forced through sysrq, which panics): exit 125, and the console log shows
# the report for scan-console to find
"$top"/scripts/vm-run.sh -q -k "$kernel" -o "$out" -t 300 -m 1G -- \
	bash -c 'echo c >/proc/sysrq-trigger; sleep 60; exit 3' >/dev/null 2>&1
rc=$?
"$top"/scripts/scan-console.sh "$out/console.log" >/dev/null
scan=$?
if [ "$rc" = 125 ] && [ "$scan" = 1 ] && grep -q 'sysrq triggered crash' "$out/console.log"; then
	echo "pass harness: vm-run tells a guest that died from a command that failed"
else
	echo "fail harness: vm-run tells a guest that died from a command that failed (exit $rc, scan-console $scan)"
fi
