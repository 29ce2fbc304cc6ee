#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside the guest (tests/vm-runner.sh boots it): make the kernel
# patch its text while the other CPU runs the patched code.  Enabling and
# disabling a trace event flips its tracepoint's static key and the
# scheduler tracepoints that record task names; a pipe on CPU 1 makes
# wakeups run through them meanwhile.  Prints "toggled N" at the end.
#
# usage: tests/guest-text-patch.sh [COUNT]
set -eu
n=${1:-100}
t=/sys/kernel/tracing
mountpoint -q $t || mount -t tracefs tracefs $t
ev=$t/events/block/block_rq_issue/enable

taskset -c 1 bash -c 'while :; do head -c 4000000 /dev/zero | cat >/dev/null; done' &
load=$!
trap 'kill $load 2>/dev/null || true' EXIT
for ((i = 0; i < n; i++)); do
	taskset -c 0 bash -c "echo 1 >$ev; echo 0 >$ev"
done
echo "toggled $n"
