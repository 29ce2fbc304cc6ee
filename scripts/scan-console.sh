#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# usage: scripts/scan-console.sh [--fstests] CONSOLE_LOG
# Exit 1 and print the reports if the kernel log holds a warning, BUG,
# oops, panic, lockdep, KASAN, KFENCE, UBSAN, hung-task, soft-lockup or RCU
# stall report, any other stack dump, or an XFS assertion, corruption,
# verifier or shutdown message; exit 2 if the log is missing or empty;
# exit 0 if it is clean.
# The last lines printed name the first report and its RIP, so that they
# survive when only the tail of a long output is kept (as CI's is).
#
# --fstests: the log is of an fstests run, whose tests shut file systems
# down and fail devices under them on purpose; XFS's shutdown and metadata
# I/O error messages are then what the tests asked for, not reports (fstests
# judges each test's own dmesg as well).  Everything else still counts.
fstests=
if [ "${1:-}" = --fstests ]; then
	fstests=1
	shift
fi
log=$1
pat='WARNING:|BUG:|Oops|Kernel panic|general protection fault|'
pat+='possible circular locking|possible recursive locking|inconsistent lock state|'
pat+='DEBUG_LOCKS_WARN_ON|suspicious RCU usage|KASAN:|KFENCE:|UBSAN:|'
pat+='blocked for more than|soft lockup|hard LOCKUP|XFS: Assertion failed|'
xfs='Corruption|Internal error|Metadata (corruption|CRC error) detected'
[ -n "$fstests" ] || xfs+='|metadata I/O error|.* Shutting down filesystem'
pat+="XFS \\([^)]*\\): ($xfs)|"
pat+='rcu: INFO: .* detected stall|Call Trace:'

[ -s "$log" ] || { echo "scan-console: $log is missing or empty"; exit 2; }
first=$(grep -Enm1 "$pat" "$log") || exit 0
line=${first%%:*}
echo "scan-console: kernel report in $log:"
grep -En -A20 "$pat" "$log" | head -n 80 | sed 's/^/    /'
echo "scan-console: the first report, line $line: ${first#*:}"
rip=$(tail -n +"$line" "$log" | grep -m1 ' RIP: ')
[ -z "$rip" ] || echo "scan-console:   $rip"
exit 1
