#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Tests of the harness's own judgement: that scripts/tap-summary.py and
# scripts/scan-console.sh fail what must fail.  Prints one line per case,
# "pass NAME" or "fail NAME", in the format scripts/check.sh collects.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# tap CASE EXPECTED_EXIT EXPECTED_LAST_LINE <<TAP
tap() {
	local name=$1 want_rc=$2 want_line=$3 out rc
	cat >"$tmp/$name.tap"
	out=$(python3 "$top/scripts/tap-summary.py" "$tmp/$name.tap")
	rc=$?
	if [ "$rc" = "$want_rc" ] && [ "$(echo "$out" | tail -n1)" = "$want_line" ]; then
		echo "pass harness: tap-summary $name"
	else
		echo "fail harness: tap-summary $name (exit $rc, said: $(echo "$out" | tr '\n' '|'))"
	fi
}

# console CASE EXPECTED_EXIT <<LOG
console() {
	local name=$1 want_rc=$2 rc
	cat >"$tmp/$name.log"
	"$top/scripts/scan-console.sh" "$tmp/$name.log" >/dev/null
	rc=$?
	if [ "$rc" = "$want_rc" ]; then
		echo "pass harness: scan-console $name"
	else
		echo "fail harness: scan-console $name (exit $rc, want $want_rc)"
	fi
}

tap all-pass 0 "2 passed, 0 failed, 0 skipped" <<'T'
TAP version 13
1..1
# selftests: writethrough: flags_test
# TAP version 13
# 1..2
# ok 1 global.a
# ok 2 global.b
# # Totals: pass:2 fail:0 xfail:0 xpass:0 skip:0 error:0
ok 1 selftests: writethrough: flags_test
T

tap subtest-fails 1 "1 passed, 1 failed, 0 skipped" <<'T'
TAP version 13
1..1
# TAP version 13
# 1..2
# ok 1 global.a
# not ok 2 global.b
not ok 1 selftests: writethrough: flags_test # exit=1
T

tap subtest-skips 1 "1 passed, 0 failed, 1 skipped" <<'T'
TAP version 13
1..1
# TAP version 13
# 1..2
# ok 1 global.a
# ok 2 xfs.b # SKIP mkfs.xfs not found
ok 1 selftests: writethrough: flags_test
T

tap program-crashes 1 "1 passed, 4 failed, 0 skipped" <<'T'
TAP version 13
1..1
# TAP version 13
# 1..4
# ok 1 global.a
not ok 1 selftests: writethrough: flags_test # exit=139
T

tap program-times-out 1 "1 passed, 2 failed, 0 skipped" <<'T'
TAP version 13
1..1
# TAP version 13
# 1..2
# ok 1 global.a
#
not ok 1 selftests: writethrough: flags_test # TIMEOUT 600 seconds
T

tap program-never-runs 1 "1 passed, 1 failed, 0 skipped" <<'T'
TAP version 13
1..2
# TAP version 13
# 1..1
# ok 1 global.a
ok 1 selftests: writethrough: flags_test
T

tap no-output 1 "0 passed, 1 failed, 0 skipped" </dev/null

tap no-subtests 1 "0 passed, 1 failed, 0 skipped" <<'T'
TAP version 13
1..1
# selftests: writethrough: flags_test
ok 1 selftests: writethrough: flags_test
T

tap no-programs 1 "0 passed, 1 failed, 0 skipped" <<'T'
TAP version 13
1..0
T

tap program-skips 1 "0 passed, 0 failed, 1 skipped" <<'T'
TAP version 13
1..1
# selftests: writethrough: flags_test
ok 1 selftests: writethrough: flags_test # SKIP no XFS
T

tap todo-is-not-a-pass 1 "1 passed, 1 failed, 0 skipped" <<'T'
TAP version 13
1..1
# TAP version 13
# 1..2
# ok 1 global.a
# not ok 2 global.b # TODO
not ok 1 selftests: writethrough: flags_test # exit=1
T

console clean 0 <<'L'
[    0.000000] Linux version 7.3.4 (root@host) #1 SMP
[    1.200000] XFS (vda): Mounting V5 Filesystem
L
console warning 1 <<'L'
[    5.100000] WARNING: CPU: 1 PID: 80 at fs/iomap/buffered-io.c:100 iomap_write_iter+0x1/0x2
L
console lockdep 1 <<'L'
[    5.100000] WARNING: possible circular locking dependency detected
L
console kasan 1 <<'L'
[    5.100000] BUG: KASAN: slab-use-after-free in iomap_dio_complete+0x1/0x2
L
console kfence 1 <<'L'
[    5.100000] BUG: KFENCE: out-of-bounds read in xfs_file_write_iter+0x1/0x2
L
console hung-task 1 <<'L'
[  125.000000] INFO: task flags_test:90 blocked for more than 120 seconds.
L
console xfs-assert 1 <<'L'
[    5.100000] XFS: Assertion failed: !xfs_is_zoned_inode(ip), file: fs/xfs/xfs_file.c, line: 628
L
console oops 1 <<'L'
[    5.100000] Oops: general protection fault, probably for non-canonical address
L
console panic 1 <<'L'
[    5.100000] Kernel panic - not syncing: Attempted to kill init! exitcode=0x00000000
L
console rcu-stall 1 <<'L'
[   30.100000] rcu: INFO: rcu_preempt detected stalls on CPUs/tasks:
L
console empty 2 </dev/null
