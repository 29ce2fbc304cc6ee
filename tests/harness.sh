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

# bench-report: a ratio between two cells of the same boot, "n/a" for a
# cell the kernel refused, and a plot.
bench_cell() {	# KERNEL CELL IOPS P50_NS [ERRNO]
	local d=$tmp/bench/$1/results
	mkdir -p "$d"
	printf '{ "jobs": [ { "error": %d, "write": { "iops": %s, "bw": %s,
	  "clat_ns": { "percentile": { "50.000000": %s, "99.000000": %s } } } } ] }\n' \
		"${5:-0}" "$3" "$(($3 * 4))" "$4" "$(($4 * 3))" >"$d/$2.json"
	if [ -n "${5:-}" ]; then echo 1; else echo 0; fi >"$d/$2.rc"
	echo 1024 >"$d/$2.mem"
}
cat >"$tmp/matrix" <<'M'
rand4k-qd32-j1-dsync	q	ssd	rand4k	32	1	256	dsync
rand4k-qd32-j1-direct_dsync	q	ssd	rand4k	32	1	256	direct_dsync
rand4k-qd32-j1-wt	q	ssd	rand4k	32	1	256	wt
M
bench_cell base rand4k-qd32-j1-dsync 500 40000
bench_cell base rand4k-qd32-j1-direct_dsync 10000 2000
bench_cell base rand4k-qd32-j1-wt 0 0 95
bench_cell patched rand4k-qd32-j1-dsync 9000 2200
bench_cell patched rand4k-qd32-j1-direct_dsync 10000 2000
bench_cell patched rand4k-qd32-j1-wt 9500 2100
report=$(python3 "$top/scripts/bench-report.py" "$tmp/matrix" "$tmp/bench" 2>&1)
if echo "$report" | grep -q '^P1 .* base 0\.05 *patched 0\.90 ' &&
   echo "$report" | grep -q '^rand4k-qd32-j1-wt .*n/a (Operation not supported)' &&
   [ -s "$tmp/bench/ratios.svg" ]; then
	echo "pass harness: bench-report ratios, refused cells and plot"
else
	echo "fail harness: bench-report ratios, refused cells and plot"
	echo "$report" | sed 's/^/    /' >&2
fi
