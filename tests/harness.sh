#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Tests of the harness's own judgement: that scripts/tap-summary.py (the
# selftests' TAP, the harness's own results, the pinned list of what must
# report, the time limits), scripts/scan-console.sh (every kind of report
# it claims to find, and not the noise of the tests that inject I/O
# errors), scripts/kernel-doc-check.sh and
# scripts/build-each.sh fail what must fail, that scripts/bench-report.py
# computes its ratios from the right cells, that scripts/bench.sh checks
# its options and boots again only the guests it should, and that the
# exported patches do not depend on the repository.  Prints one line per
# case, "pass NAME", "fail NAME" or "skip NAME", in the format
# scripts/check.sh collects.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# tap CASE EXPECTED_EXIT EXPECTED_LAST_LINE [OPTIONS...] <<TAP
# OPTIONS are tap-summary's, after the TAP file; with WANT set, its output
# must also hold the line WANT.
tap() {
	local name=$1 want_rc=$2 want_line=$3 out rc
	shift 3
	cat >"$tmp/$name.tap"
	out=$(python3 "$top/scripts/tap-summary.py" "$tmp/$name.tap" "$@")
	rc=$?
	if [ "$rc" = "$want_rc" ] && [ "$(echo "$out" | tail -n1)" = "$want_line" ] &&
	   { [ -z "${WANT:-}" ] || echo "$out" | grep -qxF "$WANT"; }; then
		echo "pass harness: tap-summary $name"
	else
		echo "fail harness: tap-summary $name (exit $rc, said: $(echo "$out" | tr '\n' '|'))"
	fi
}

# [SCAN_OPTS=--fstests] console CASE EXPECTED_EXIT <<LOG
console() {
	local name=$1 want_rc=$2 rc
	cat >"$tmp/$name.log"
	# shellcheck disable=SC2086
	"$top/scripts/scan-console.sh" ${SCAN_OPTS:-} "$tmp/$name.log" >/dev/null
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

# --extra: the harness's own results count with the selftests', and a
# line that is none of "pass", "fail" or "skip" is a failure
cat >"$tmp/extra" <<'R'
pass checkpatch 0001-a.patch
fail checkpatch 0002-b.patch
skip harness: kernel-doc-check fails new warnings only (no build/linux)
pass kernel log: no splat
R
tap extra 1 "3 passed, 1 failed, 1 skipped" --extra "$tmp/extra" <<'T'
TAP version 13
1..1
# TAP version 13
# 1..1
# ok 1 global.a
ok 1 selftests: writethrough: flags_test
T
echo "oops checkpatch 0003-c.patch" >>"$tmp/extra"
WANT="FAIL: unreadable harness result: oops checkpatch 0003-c.patch" \
tap extra-unreadable 1 "3 passed, 2 failed, 1 skipped" --extra "$tmp/extra" <<'T'
TAP version 13
1..1
# TAP version 13
# 1..1
# ok 1 global.a
ok 1 selftests: writethrough: flags_test
T

# --expect: every subtest and harness check listed must report, and
# nothing else.  Two programs, as the runner prints them.
cat >"$tmp/expected" <<'E'
# a comment
flags_test global.a
flags_test xfs.b

sync_test wt.bs4k.c
harness: tap-summary all-pass
harness: tests/harness.sh ran to its end
E
two_programs() {	# the TAP of flags_test (global.a, xfs.b) and sync_test
	cat <<'T'
TAP version 13
1..2
# timeout set to 600
# selftests: writethrough: flags_test
# TAP version 13
# 1..2
# ok 1 global.a
# ok 2 xfs.b
ok 1 selftests: writethrough: flags_test
# timeout set to 600
# selftests: writethrough: sync_test
# TAP version 13
# 1..1
# ok 1 wt.bs4k.c
ok 2 selftests: writethrough: sync_test
T
}
cat >"$tmp/results" <<'R'
pass harness: tap-summary all-pass
fail harness: tests/harness.sh ran to its end (exit 1)
R
two_programs | tap expect-all 1 "4 passed, 1 failed, 0 skipped" \
	--extra "$tmp/results" --expect "$tmp/expected"
sed -i 's/^fail \(.*\) (exit 1)$/pass \1/' "$tmp/results"
two_programs | tap expect-all-pass 0 "5 passed, 0 failed, 0 skipped" \
	--extra "$tmp/results" --expect "$tmp/expected"
# a harness script that died before its last check
sed -i '/all-pass/d' "$tmp/results"
WANT="FAIL: harness: tap-summary all-pass: never reported" \
two_programs | tap expect-harness-missing 1 "4 passed, 1 failed, 0 skipped" \
	--extra "$tmp/results" --expect "$tmp/expected"
echo "pass harness: tap-summary all-pass" >>"$tmp/results"
# a program dropped from the Makefile: the runner never knew of it
WANT="FAIL: sync_test: wt.bs4k.c: never reported" \
two_programs | sed '/sync_test/,$d; s/^1\.\.2$/1..1/' |
	tap expect-program-missing 1 "4 passed, 1 failed, 0 skipped" \
	--extra "$tmp/results" --expect "$tmp/expected"
# a subtest dropped from a program, and one added without the list
WANT="FAIL: flags_test: xfs.b: never reported" \
two_programs | sed 's/^# 1\.\.2$/# 1..1/; /xfs\.b/d' |
	tap expect-subtest-missing 1 "4 passed, 1 failed, 0 skipped" \
	--extra "$tmp/results" --expect "$tmp/expected"
WANT="FAIL: flags_test: xfs.new: reported, but not in $tmp/expected" \
two_programs | sed 's/^# ok 2 xfs\.b$/&\n# ok 3 xfs.new/; s/^# 1\.\.2$/# 1..3/' |
	tap expect-subtest-unlisted 1 "6 passed, 1 failed, 0 skipped" \
	--extra "$tmp/results" --expect "$tmp/expected"
# a program killed by the runner: what it reported still counts, the rest
# never reported
WANT="FAIL: sync_test: wt.bs4k.c: never reported" \
two_programs | sed '/^# ok 1 wt.bs4k.c$/,$d' | sed 's/^# 1\.\.1$/# 1..1/' |
	tap expect-program-cut 1 "4 passed, 2 failed, 0 skipped" \
	--extra "$tmp/results" --expect "$tmp/expected"

# time limits: what each subtest logged is collected, and a program whose
# subtests' limits add up to more than the runner's timeout fails (a
# subtest that logged no limit has the kselftest harness's 30 s)
WANT="time: 45.0 s of a 60 s limit (75%): sync_test wt.bs4k.slow" \
tap limits-fit 0 "3 passed, 0 failed, 0 skipped" --times "$tmp/times" <<'T'
TAP version 13
1..1
# timeout set to 100
# selftests: writethrough: sync_test
# TAP version 13
# 1..3
# # sync_test.c:90:fast:elapsed 1.0 s of a 10 s limit
# ok 1 wt.bs4k.fast
# # sync_test.c:90:slow:elapsed 45.0 s of a 60 s limit
# ok 2 wt.bs4k.slow
# ok 3 global.nolimit
ok 1 selftests: writethrough: sync_test
T
if [ "$(head -n1 "$tmp/times")" = "    45.0 s of    60 s  sync_test wt.bs4k.slow" ]; then
	echo "pass harness: tap-summary writes the times, closest to its limit first"
else
	echo "fail harness: tap-summary writes the times, closest to its limit first"
fi
WANT="FAIL: sync_test: its subtests' limits add up to 110 s, more than its 99 s timeout" \
tap limits-exceed-timeout 1 "3 passed, 1 failed, 0 skipped" <<'T'
TAP version 13
1..1
# timeout set to 99
# selftests: writethrough: sync_test
# TAP version 13
# 1..3
# # sync_test.c:90:fast:elapsed 1.0 s of a 20 s limit
# ok 1 wt.bs4k.fast
# # sync_test.c:90:slow:elapsed 45.0 s of a 60 s limit
# ok 2 wt.bs4k.slow
# ok 3 global.nolimit
ok 1 selftests: writethrough: sync_test
T

# a subtest that failed where something was missing says why
WANT="FAIL: ds.cache_fua.overwrites (missing: no null_blk configfs)" \
tap failure-reason 1 "0 passed, 1 failed, 0 skipped" <<'T'
TAP version 13
1..1
# TAP version 13
# 1..1
# not ok 1 ds.cache_fua.overwrites #  missing: no null_blk configfs
not ok 1 selftests: writethrough: dsync_test # exit=1
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
console ubsan 1 <<'L'
[    5.100000] UBSAN: shift-out-of-bounds in fs/iomap/buffered-io.c:1234:20
L
console soft-lockup 1 <<'L'
[   52.100000] watchdog: BUG: soft lockup - CPU#1 stuck for 26s! [async_test:412]
L
console suspicious-rcu 1 <<'L'
[    5.100000] =============================
[    5.100001] WARNING: suspicious RCU usage
L
console xfs-corruption 1 <<'L'
[    5.100000] XFS (vda): Corruption detected. Unmount and run xfs_repair
L
console xfs-metadata-corruption 1 <<'L'
[    5.100000] XFS (vda): Metadata corruption detected at xfs_dir3_block_read_verify+0x1/0x2, xfs_dir3_block block 0x80
L
console xfs-crc-error 1 <<'L'
[    5.100000] XFS (vda): Metadata CRC error detected at xfs_agf_read_verify+0x1/0x2, xfs_agf block 0x1
L
console xfs-shutdown 1 <<'L'
[    5.100000] XFS (dm-0): Corruption of in-memory data (0x8) detected at xfs_trans_cancel+0x1/0x2 (fs/xfs/xfs_trans.c:1100).  Shutting down filesystem.
L
console xfs-log-shutdown 1 <<'L'
[    5.100000] XFS (vda): Log I/O Error (0x2) detected at xlog_ioend_work+0x1/0x2 (fs/xfs/xfs_log.c:1300).  Shutting down filesystem.
L
console bare-call-trace 1 <<'L'
[    5.100000] CPU: 1 UID: 0 PID: 80 Comm: sync_test Not tainted 7.3.4+ #4
[    5.100001] Call Trace:
[    5.100002]  <TASK>
[    5.100003]  dump_stack_lvl+0x1/0x2
L
# what the selftests that inject I/O errors leave in the log is no report
console eio-noise 0 <<'L'
[  267.100000] dm-0: writeback error on inode 131, offset 262144, sector 2568
[  267.100001] I/O error, dev nullb0, sector 2568 op 0x1:(WRITE) flags 0x8800 phys_seg 16 prio class 2
[  267.100002] Buffer I/O error on dev dm-0, logical block 321, lost async page write
[  267.100003] XFS (dm-0): Unmounting Filesystem 2b2e6a8c-0000-4000-8000-000000000000
[  267.100004] XFS (dm-0): Mounting V5 Filesystem 2b2e6a8c-0000-4000-8000-000000000000
[  267.100005] XFS (dm-0): Ending clean mount
L
console empty 2 </dev/null
# fstests shuts file systems down and fails their devices on purpose: with
# --fstests that is no report, but everything else still is
SCAN_OPTS=--fstests console fstests-shutdown 0 <<'L'
[  320.867519] XFS (vdb): Metadata I/O Error (0x4) detected at xfs_fs_goingdown+0x37/0xa0 (../linux/fs/xfs/xfs_fsops.c:464).  Shutting down filesystem.
[  320.867600] XFS (dm-0): metadata I/O error in "xfs_buf_ioend+0x1/0x2" at daddr 0x2 len 1 error 5
[  320.867700] XFS (vdb): Please unmount the filesystem and rectify the problem(s)
L
SCAN_OPTS=--fstests console fstests-warning 1 <<'L'
[  320.867519] XFS (vdb): Metadata I/O Error (0x4) detected at xfs_fs_goingdown+0x37/0xa0 (../linux/fs/xfs/xfs_fsops.c:464).  Shutting down filesystem.
[  321.000000] WARNING: CPU: 0 PID: 812 at fs/iomap/buffered-io.c:1234 iomap_finish_folio_write+0x1/0x2
L
SCAN_OPTS=--fstests console fstests-corruption 1 <<'L'
[    5.100000] XFS (vda): Metadata corruption detected at xfs_dir3_block_read_verify+0x1/0x2, xfs_dir3_block block 0x80
L

# fstests-report.py: a failure counts only where the base kernel passed
fsr=$tmp/fstests-report
xunit() { # FILE (NAME STATUS)...: an fstests xunit report
	local f=$1
	shift
	mkdir -p "$(dirname "$f")"
	{
		echo '<testsuite name="xfstests">'
		while [ $# -gt 0 ]; do
			case $2 in
			pass) echo "<testcase classname=\"xfstests.global\" name=\"$1\" time=\"7\"/>" ;;
			fail) echo "<testcase classname=\"xfstests.global\" name=\"$1\" time=\"7\"><failure message=\"- output mismatch\" type=\"TestFail\"/></testcase>" ;;
			notrun) echo "<testcase classname=\"xfstests.global\" name=\"$1\" time=\"0\"><skipped message=\"not supported\"/></testcase>" ;;
			esac
			shift 2
		done
		echo '</testsuite>'
	} >"$f"
}
mkdir -p "$fsr/plain"
echo 0 >"$fsr/plain/status"
echo clean >"$fsr/plain/console"
xunit "$fsr/base/results/plain/result.xml" t/1 pass t/2 pass t/3 fail t/4 pass t/5 pass
xunit "$fsr/plain/results/plain/result.xml" t/1 pass t/2 fail t/3 fail t/5 notrun
printf '# base\nt/6 fail 3\n' >"$fsr/base-file"
out=$(python3 "$top/scripts/fstests-report.py" --out "$fsr" --base-file "$fsr/base-file" \
	--modes plain t/1 t/2 t/3 t/4 t/5 2>&1)
rc=$?
if [ "$rc" = 1 ] && [ "$(echo "$out" | tail -n1)" = "3 passed, 2 failed, 2 skipped" ] &&
   echo "$out" | grep -qxF "FAIL: plain t/2: - output mismatch" &&
   echo "$out" | grep -qxF "FAIL: plain t/4: no result" &&
   echo "$out" | grep -qxF "skip: plain t/3: fails on the base kernel too" &&
   grep -qxF "t/6 fail 3" "$fsr/results-base.txt" && grep -qxF "t/2 pass 7" "$fsr/results-base.txt"; then
	echo "pass harness: fstests-report fails what the base kernel passes"
else
	echo "fail harness: fstests-report fails what the base kernel passes (exit $rc, said: $(echo "$out" | tr '\n' '|'))"
fi
# the same run, finished and clean, against checked-in base results; and
# a guest that did not finish, a console with a report
rm -rf "$fsr/base"
printf '# base\nt/2 fail 3\nt/4 pass 3\n' >"$fsr/base-file"
xunit "$fsr/plain/results/plain/result.xml" t/1 pass t/2 fail t/4 pass
out=$(python3 "$top/scripts/fstests-report.py" --out "$fsr" --base-file "$fsr/base-file" \
	--modes plain t/1 t/2 t/4 2>&1)
rc=$?
echo 124 >"$fsr/plain/status"
echo report >"$fsr/plain/console"
out2=$(python3 "$top/scripts/fstests-report.py" --out "$fsr" --base-file "$fsr/base-file" \
	--modes plain t/1 t/2 t/4 2>&1)
rc2=$?
if [ "$rc" = 0 ] && [ "$(echo "$out" | tail -n1)" = "4 passed, 0 failed, 1 skipped" ] &&
   [ "$rc2" = 1 ] && [ "$(echo "$out2" | tail -n1)" = "2 passed, 2 failed, 1 skipped" ]; then
	echo "pass harness: fstests-report judges the guest and its console"
else
	echo "fail harness: fstests-report judges the guest and its console (exit $rc/$rc2, said: $(echo "$out$out2" | tr '\n' '|'))"
fi

# a test that must fail in a mode, with the output fstests/<mode>-out keeps
echo 0 >"$fsr/plain/status"
echo clean >"$fsr/plain/console"
mkdir -p "$fsr/exp/plain-out" "$fsr/plain/results/plain/t"
printf 'QA output created by 7\nwrite failed: Input/output error\n' >"$fsr/exp/plain-out/t-7.out"
xunit "$fsr/plain/results/plain/result.xml" t/7 fail t/8 pass
printf 'QA output created by 7\nwrite failed: Input/output error\n' >"$fsr/plain/results/plain/t/7.out.bad"
out=$(python3 "$top/scripts/fstests-report.py" --out "$fsr" --base-file "$fsr/base-file" \
	--expected-out "$fsr/exp" --modes plain t/7 t/8 2>&1)
rc=$?
printf 'QA output created by 7\nTest passed!\n' >"$fsr/plain/results/plain/t/7.out.bad"
out2=$(python3 "$top/scripts/fstests-report.py" --out "$fsr" --base-file "$fsr/base-file" \
	--expected-out "$fsr/exp" --modes plain t/7 t/8 2>&1)
rc2=$?
xunit "$fsr/plain/results/plain/result.xml" t/7 pass t/8 pass
out3=$(python3 "$top/scripts/fstests-report.py" --out "$fsr" --base-file "$fsr/base-file" \
	--expected-out "$fsr/exp" --modes plain t/7 t/8 2>&1)
rc3=$?
if [ "$rc" = 0 ] && [ "$(echo "$out" | tail -n1)" = "4 passed, 0 failed, 0 skipped" ] &&
   [ "$rc2" = 1 ] && [ "$rc3" = 1 ] &&
   echo "$out3" | grep -q "FAIL: plain t/7: does not fail as"; then
	echo "pass harness: fstests-report wants the kept output of a difference"
else
	echo "fail harness: fstests-report wants the kept output of a difference (exit $rc/$rc2/$rc3, said: $(echo "$out$out2$out3" | tr '\n' '|'))"
fi

# soak: both halves must report, each run must pass
rm -rf "$fsr/plain"
for g in soak1 soak2; do
	mkdir -p "$fsr/$g/results/soak"
	echo 0 >"$fsr/$g/status"
	echo clean >"$fsr/$g/console"
done
printf 'fsx-a pass 10 250000\nfsx-b pass 11 250000\n' >"$fsr/soak1/results/soak/soak.txt"
out=$(python3 "$top/scripts/fstests-report.py" --out "$fsr" --base-file "$fsr/base-file" \
	--modes soak t/1 2>&1)
rc=$?
printf 'fsx-c pass 12 250000\nfsstress fail 13 80000\n' >"$fsr/soak2/results/soak/soak.txt"
out2=$(python3 "$top/scripts/fstests-report.py" --out "$fsr" --base-file "$fsr/base-file" \
	--modes soak t/1 2>&1)
rc2=$?
printf 'fsx-c pass 12 250000\nfsstress pass 13 80000\n' >"$fsr/soak2/results/soak/soak.txt"
out3=$(python3 "$top/scripts/fstests-report.py" --out "$fsr" --base-file "$fsr/base-file" \
	--modes soak t/1 2>&1)
rc3=$?
if [ "$rc" = 1 ] && echo "$out" | grep -qxF "FAIL: soak2: fsx and fsstress reported" &&
   [ "$rc2" = 1 ] && echo "$out2" | grep -qxF "FAIL: soak fsstress: 80000 operations in 13s" &&
   [ "$rc3" = 0 ] && [ "$(echo "$out3" | tail -n1)" = "8 passed, 0 failed, 0 skipped" ] &&
   echo "$out3" | grep -qxF "soak: 750000 fsx operations with write-through writes"; then
	echo "pass harness: fstests-report wants both soak halves, every run passed"
else
	echo "fail harness: fstests-report wants both soak halves, every run passed (exit $rc/$rc2/$rc3, said: $(echo "$out$out2$out3" | tr '\n' '|'))"
fi

# fstests.sh: the modes' guests (soak in two) boot FSTESTS_JOBS at a time,
# and a test that fails in one mode fails the run.  A fake vm-run.sh plays
# the guest: it passes every test but "$FAKE_FAIL" (MODE TEST), and logs
# "+" and "-" as it starts and ends.
cat >"$tmp/fake-fstests-vm" <<'F'
#!/bin/bash
while getopts "k:o:t:m:d:" o; do [ "$o" = o ] && out=$OPTARG; done
shift $((OPTIND - 1))
[ "$1" = -- ] && shift
mode=$2
shift 4
echo + >>"$FAKE_LOG"
sleep 1
mkdir -p "$out/results/$mode"
echo "[    1.0] Run /sbin/init" >"$out/console.log"
if [ "$mode" = soak ]; then
	echo "fsx-part$1 pass 5 250000" >"$out/results/soak/soak.txt"
else
	{
		echo '<testsuite name="xfstests">'
		for t; do
			if [ "$FAKE_FAIL" = "$mode $t" ]; then
				echo "<testcase classname=\"xfstests.global\" name=\"$t\" time=\"3\"><failure message=\"- output mismatch\" type=\"TestFail\"/></testcase>"
			else
				echo "<testcase classname=\"xfstests.global\" name=\"$t\" time=\"3\"/>"
			fi
		done
		echo '</testsuite>'
	} >"$out/results/$mode/result.xml"
fi
echo - >>"$FAKE_LOG"
F
chmod +x "$tmp/fake-fstests-vm"
fstests_fake() { # FAIL: print the exit status, the boots, at most at once, the last line
	local out rc
	rm -f "$tmp/fst.log"
	out=$(FAKE_LOG=$tmp/fst.log FAKE_FAIL=$1 FSTESTS_VM_RUN=$tmp/fake-fstests-vm \
		FSTESTS="t/1 t/2" FSTESTS_MODES="plain forced soak" FSTESTS_BASE=none \
		FSTESTS_JOBS=2 "$top/scripts/fstests.sh" k b "$tmp/fst" 2>&1)
	rc=$?
	echo "$rc $(grep -c + "$tmp/fst.log")" \
		"$(awk '/\+/ { n++; if (n > m) m = n } /-/ { n-- } END { print m }' "$tmp/fst.log")" \
		"$(echo "$out" | tail -n1)"
}
got=$(fstests_fake "")
got2=$(fstests_fake "forced t/2")
if [ "$got" = "0 4 2 14 passed, 0 failed, 0 skipped" ] &&
   [ "$got2" = "1 4 2 13 passed, 1 failed, 0 skipped" ]; then
	echo "pass harness: fstests boots the modes two at a time and fails a failed test"
else
	echo "fail harness: fstests boots the modes two at a time and fails a failed test (got: $got; $got2)"
fi

# the last lines name the first report and where it happened
cat >"$tmp/int3.log" <<'L'
[   11.890066] Oops: int3: 0000 [#1] SMP KASAN
[   11.890100] CPU: 1 UID: 0 PID: 0 Comm: swapper/1 Not tainted 7.3.4+ #4
[   11.890200] RIP: 0010:trace_sched_wakeup+0xa/0x130
[   11.890300] Call Trace:
[   11.890400] RIP: 0010:pv_native_safe_halt+0xb/0x10
[   11.909663] Kernel panic - not syncing: Fatal exception in interrupt
L
out=$("$top/scripts/scan-console.sh" "$tmp/int3.log" | tail -n2)
if [ "$out" = "scan-console: the first report, line 1: [   11.890066] Oops: int3: 0000 [#1] SMP KASAN
scan-console:   [   11.890200] RIP: 0010:trace_sched_wakeup+0xa/0x130" ]; then
	echo "pass harness: scan-console names the first report last"
else
	echo "fail harness: scan-console names the first report last (said: $out)"
fi

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

# bench-report: CPU time per write from the busy ticks and fio's I/O
# count; the O_DSYNC regression table flags a workload that is slower, or
# ends in more extents per MiB, on the patched kernel; K is the guest's
# calibration time over the host's.
d=$tmp/bench2
for k in base patched; do mkdir -p "$d/$k/results"; done
cat >"$tmp/matrix2" <<'M'
rand4k-qd32-j1-wt	q	ssd	rand4k	32	1	256	wt
rand4k-qd32-j1-direct	q	ssd	rand4k	32	1	256	direct
rand4k-qd32-j1-dsync	q	ssd	rand4k	32	1	256	dsync
dsync-append	q	ssd	append	1	8sep	-	dsync
dsync-small	q	ssd	small	1	1	-	dsync
M
fio_cell() {	# KERNEL CELL IOPS TOTAL_IOS TICKS
	printf '{ "jobs": [ { "error": 0, "write": { "iops": %s, "bw": 1, "total_ios": %s,
	  "clat_ns": { "percentile": { "50.000000": 1, "99.000000": 1 } } } } ] }\n' \
		"$3" "$4" >"$d/$1/results/$2.json"
	echo 0 >"$d/$1/results/$2.rc"
	echo "ticks $5 hz 100" >"$d/$1/results/$2.cpu"
}
load_cell() {	# KERNEL CELL OPS EXTENTS
	echo "x ops $3 seconds 2.000 files 8 bytes $(($3 * 4096)) extents $4 cpu_ticks 50 hz 100" \
		>"$d/$1/results/$2.load"
	echo 0 >"$d/$1/results/$2.rc"
}
for k in base patched; do
	fio_cell $k rand4k-qd32-j1-wt 1000 20000 300	# 150 us per write
	fio_cell $k rand4k-qd32-j1-direct 1000 20000 100	# 50 us
done
fio_cell base rand4k-qd32-j1-dsync 1000 2000 10
fio_cell patched rand4k-qd32-j1-dsync 960 2000 10	# 4% slower: not flagged
load_cell base dsync-append 1024 16		# 4 MiB in 16 extents
load_cell patched dsync-append 1024 256		# in 256
load_cell base dsync-small 2048 8
load_cell patched dsync-small 1024 8		# half as fast
printf 'write4k 1000\nwrite4k 1100\nmemcpy 100\n' >"$d/patched/host-calib"
printf 'write4k 30000\nwrite4k 33000\nmemcpy 2000\n' >"$d/patched/results/calib"
report=$(python3 "$top/scripts/bench-report.py" "$tmp/matrix2" "$d" 2>&1)
k=$(python3 "$top/scripts/bench-report.py" "$tmp/matrix2" --k "$d/patched")
if echo "$report" | grep -q '^CPU per write, rand4k-qd32-j1-wt / direct .*base 3\.00 *patched 3\.00' &&
   echo "$report" | grep -q '^rand4k-qd32-j1-wt .* 150 |.* 150$' &&
   echo "$report" | grep -q '^rand4k-qd32-j1-dsync .* 0\.96 .*IOPS *$' &&
   echo "$report" | grep -q '^dsync-append .* 1\.00 *4\.00 *64\.00 *ops/s MORE FRAGMENTED$' &&
   echo "$report" | grep -q '^dsync-small .* 0\.50 .*ops/s SLOWER$' &&
   echo "$report" | grep -q '^K patched  write4k 30\.0 (27\.3-33\.0)   memcpy 20\.0' &&
   [ "$k" = 30.00 ]; then
	echo "pass harness: bench-report CPU per write, O_DSYNC regressions and K"
else
	echo "fail harness: bench-report CPU per write, O_DSYNC regressions and K (K $k)"
	echo "$report" | sed 's/^/    /' >&2
fi

# bench-report --sweep: one row per boot, the device figures each ran
# with, the ratios at each, the last point marked calibrated, and a plot.
for n in 1 2; do
	mkdir -p "$d/sw/sweep-$n"
	cp -r "$d/patched" "$d/sw/sweep-$n/"
	printf 'lat_ns %d\nflush_ms %d\n' $((20000 * n * n)) $((2 * n * n)) \
		>"$d/sw/sweep-$n/patched/results/info"
done
fio_cell patched rand4k-qd32-j1-direct 1000 20000 200
cp "$d/patched/results/rand4k-qd32-j1-direct".* "$d/sw/sweep-2/patched/results/"
report=$(python3 "$top/scripts/bench-report.py" "$tmp/matrix2" --sweep "$d/sw" 2>&1)
if echo "$report" | grep -q '^1  *20  *2  .*3\.00 ' &&
   echo "$report" | grep -q '^2\*  *80  *8  .*1\.50 ' &&
   echo "$report" | grep -q '^K (4 KiB tmpfs write, guest / host): 30\.0' &&
   grep -q 'calibrated (K=30.0)' "$d/sw/sweep.svg"; then
	echo "pass harness: bench-report --sweep rows, calibrated point and plot"
else
	echo "fail harness: bench-report --sweep rows, calibrated point and plot"
	echo "$report" | sed 's/^/    /' >&2
fi

# bench options are checked on the host, before anything is built or
# booted: a wrong option or a cell selection that matches nothing fails.
b="$top/scripts/bench.sh -n none none $tmp/bench-n"
if [ "$($b 'cells=rand4k-qd32-j1-(dsync|direct_dsync)' 2>&1)" = "rand4k-qd32-j1-dsync
rand4k-qd32-j1-direct_dsync" ] &&
   $b quick >/dev/null 2>&1 &&
   { $b cells=rand4k-qd32 >/dev/null 2>&1; [ $? = 2 ]; } &&
   { $b qiuck >/dev/null 2>&1; [ $? = 2 ]; } &&
   { $b lat=20us >/dev/null 2>&1; [ $? = 2 ]; } &&
   { $b flush= >/dev/null 2>&1; [ $? = 2 ]; } &&
   [ "$($b sweep | wc -l)" = 9 ] && [ ! -e "$tmp/bench-n" ]; then
	echo "pass harness: bench checks its options before booting"
else
	echo "fail harness: bench checks its options before booting"
fi

# bench: a guest killed by multi-threaded TCG's text patching bug (see
# vm-run.sh) is booted again, up to twice; one that died of anything else
# is not.  A fake vm-run.sh dies the first FAKE_DEATHS times with FAKE_OOPS.
cat >"$tmp/fake-vm-run" <<'F'
#!/bin/bash
while getopts "Pk:o:t:m:d:" o; do [ "$o" = o ] && out=$OPTARG; done
n=$(($(cat "$FAKE_STATE" 2>/dev/null || echo 0) + 1))
echo "$n" >"$FAKE_STATE"
if [ "$n" -le "$FAKE_DEATHS" ]; then
	echo "[    1.2] $FAKE_OOPS" >"$out/console.log"
	exit 125
fi
echo "[    1.2] Run /sbin/init" >"$out/console.log"
F
chmod +x "$tmp/fake-vm-run"
bench_boots() {	# DEATHS OOPS: print "EXIT BOOTS"
	rm -f "$tmp/boots"
	FAKE_STATE=$tmp/boots FAKE_DEATHS=$1 FAKE_OOPS=$2 BENCH_KERNELS=patched \
		BENCH_VM_RUN=$tmp/fake-vm-run BENCH_FIO=/bin/true \
		"$top/scripts/bench.sh" none none "$tmp/bench-retry" \
		cells=rand4k-qd32-j1-dsync >/dev/null 2>&1
	echo "$? $(cat "$tmp/boots")"
}
if [ "$(bench_boots 1 'Oops: int3: 0000 [#1] SMP KASAN')" = "0 2" ] &&
   [ "$(bench_boots 5 'Oops: int3: 0000 [#1] SMP KASAN')" = "1 3" ] &&
   [ "$(bench_boots 0 'Oops: int3: 0000 [#1] SMP KASAN')" = "0 1" ] &&
   [ "$(bench_boots 1 'BUG: KASAN: slab-use-after-free in iomap_dio_complete')" = "1 1" ]; then
	echo "pass harness: bench boots a guest again only after the TCG int3 oops"
else
	echo "fail harness: bench boots a guest again only after the TCG int3 oops"
fi

# kernel-doc-check: a kernel-doc warning that the series adds fails, one
# that the base already had does not.
kd=$top/build/linux/scripts/kernel-doc
if [ -x "$kd" ]; then
	r=$tmp/kdoc
	mkdir -p "$r/scripts" && git -C "$r" init -q && ln -s "$kd" "$r/scripts/kernel-doc"
	cat >"$r/a.c" <<'C'
/**
 * old_fn - an old function whose doc was always short
 * @a: the first
 */
int old_fn(int a, int b)
{
	return a + b;
}
C
	kgit() { git -C "$r" -c user.name=t -c user.email=t@invalid "$@"; }
	kgit add -A && kgit commit -qm base && kgit tag base
	cat >>"$r/a.c" <<'C'

/**
 * new_fn - a new function
 * @a: the first
 *
 * Return: the sum
 */
int new_fn(int a, int b)
{
	return a + b;
}
C
	kgit commit -qam new
	out=$("$top/scripts/kernel-doc-check.sh" "$r" 2>&1)
	rc=$?
	sed -i 's/^ \* @a: the first$/ * @a: the first\n * @b: the second/' "$r/a.c"
	kgit commit -qam fixed
	out2=$("$top/scripts/kernel-doc-check.sh" "$r" 2>&1)
	rc2=$?
	if [ "$rc" = 1 ] && [ "$out" = "a.c: function parameter 'b' not described in 'new_fn'" ] &&
	   [ "$rc2" = 0 ] && [ -z "$out2" ]; then
		echo "pass harness: kernel-doc-check fails new warnings only"
	else
		echo "fail harness: kernel-doc-check fails new warnings only (said: $out|$out2)"
	fi
else
	echo "skip harness: kernel-doc-check fails new warnings only (no build/linux)"
fi

# build-each: every commit of base..HEAD is built on its own, a commit that
# breaks the build or adds a warning in the series' files fails, and the
# commits after it are still built.
r=$tmp/each/repo
mkdir -p "$r/fs/iomap" "$r/tools/testing/selftests/writethrough"
git -C "$r" init -q
each_commit() {	# SUBJECT FILE CONTENT
	echo "$3" >"$r/$2"
	git -C "$r" add -A
	git -C "$r" -c user.name=t -c user.email=t@invalid commit -q -m "$1"
}
each_commit "base" fs/iomap/x.c "int x;"
git -C "$r" tag base
each_commit "good" fs/iomap/x.c "int y;"
each_commit "breaks the build" fs/iomap/x.c "broken"
each_commit "warns" fs/iomap/x.c "warn"
each_commit "fixes it" fs/iomap/x.c "int z;"
each_commit "adds a selftest" tools/testing/selftests/writethrough/t.c "int t;"
cat >"$tmp/each/kernel" <<'K'
#!/bin/bash
src=$2
grep -q broken "$src/fs/iomap/x.c" && { echo "fs/iomap/x.c:1:1: error: broken"; exit 2; }
grep -q warn "$src/fs/iomap/x.c" && echo "fs/iomap/x.c:1:1: warning: unused"
exit 0
K
cat >"$tmp/each/selftests" <<'K'
#!/bin/bash
echo "selftests built in $1" >>"$(dirname "$0")/selftests.log"
K
chmod +x "$tmp/each/kernel" "$tmp/each/selftests"
out=$(BUILD_EACH_KERNEL=$tmp/each/kernel BUILD_EACH_SELFTESTS=$tmp/each/selftests \
	"$top/scripts/build-each.sh" "$r" "$tmp/each/obj" 2>&1)
rc=$?
if [ "$rc" != 0 ] &&
   [ "$(echo "$out" | grep -E '^(not )?ok ' | cut -d' ' -f1-3 | tr '\n' '|')" = \
     "ok 1 good|not ok 2|not ok 3|ok 4 fixes|ok 5 adds|" ] &&
   [ "$(echo "$out" | tail -n1)" = "3 passed, 2 failed, 0 skipped" ] &&
   [ "$(wc -l <"$tmp/each/selftests.log")" = 1 ] &&
   [ -z "$(git -C "$r" status --porcelain)" ]; then
	echo "pass harness: build-each builds every commit and fails the broken ones"
else
	echo "fail harness: build-each builds every commit and fails the broken ones (exit $rc)"
	echo "$out" | sed 's/^/    /' >&2
fi

# build-selftests: a program built from another tree, or against other
# headers, into the same OBJ is rebuilt, even where it is newer than the
# sources (kselftest's make would keep it); an unchanged build is not
# redone.  A stand-in for make builds a "program" from flags_test.c and the
# headers only where none is built yet, as make does when nothing is older.
b=$tmp/bst
for t in a b; do
	mkdir -p "$b/$t/tools/testing/selftests/writethrough"
	echo "from $t" >"$b/$t/tools/testing/selftests/writethrough/flags_test.c"
	touch -d 2020-01-01 "$b/$t/tools/testing/selftests/writethrough/flags_test.c"
done
mkdir -p "$b/obj/usr/include/linux"
echo "v1" >"$b/obj/usr/include/linux/fs.h"
cat >"$b/make" <<'K'
#!/bin/bash
for a; do
	case $a in
	-C) ;;
	O=*) o=${a#O=} ;;
	INSTALL_PATH=*) i=${a#INSTALL_PATH=} ;;
	*/selftests) s=$a ;;
	esac
done
p=$o/kselftest/writethrough/flags_test
if [ ! -e "$p" ]; then
	mkdir -p "${p%/*}"
	cat "$s/writethrough/flags_test.c" "$o/usr/include/linux/fs.h" >"$p"
	echo built >>"${0%/*}/builds"
fi
mkdir -p "$i/writethrough" && cp "$p" "$i/writethrough/"
K
chmod +x "$b/make"
bst() {	# SRC: build into $b/obj, print what was installed
	BUILD_SELFTESTS_MAKE=$b/make "$top/scripts/build-selftests.sh" "$b/$1" "$b/obj" "$b/inst" \
		>/dev/null && tr '\n' ' ' <"$b/inst/writethrough/flags_test"
}
got="$(bst a)|$(bst b)|$(bst b)|$(echo v2 >"$b/obj/usr/include/linux/fs.h"; bst b)"
if [ "$got" = "from a v1 |from b v1 |from b v1 |from b v2 " ] &&
   [ "$(wc -l <"$b/builds")" = 3 ]; then
	echo "pass harness: build-selftests rebuilds what another tree or other headers built"
else
	echo "fail harness: build-selftests rebuilds what another tree or other headers built (got: $got; $(wc -l <"$b/builds") builds)"
fi

# series_text: the exported patches must not depend on the repository they
# come from; git abbreviates blob ids by the object count unless told.
r=$tmp/abbrev
mkdir -p "$r" && git -C "$r" init -q
echo a >"$r/f" && git -C "$r" add f && git -C "$r" -c user.name=t -c user.email=t@invalid commit -qm base
git -C "$r" tag base
echo b >"$r/f" && git -C "$r" -c user.name=t -c user.email=t@invalid commit -qam change
if series_text "$r" | grep -qE '^index [0-9a-f]{12}\.\.[0-9a-f]{12} 100644$'; then
	echo "pass harness: exported patches abbreviate blob ids to 12 digits"
else
	echo "fail harness: exported patches abbreviate blob ids to 12 digits"
	series_text "$r" | grep '^index' | sed 's/^/    /' >&2
fi

# bench/folio-writers.c: every thread's writes counted, and at least one
# by each thread; a write that fails (RWF_WRITETHROUGH, which the
# host's kernel does not know) fails the run.  Built against the series'
# uapi headers, as bench/folio-writers.sh builds it.
hdr=$top/build/obj-debug/usr/include
fw=$tmp/folio-writers
if [ -f "$hdr/linux/fs.h" ] &&
   gcc -O2 -pthread -isystem "$hdr" -o "$fw" "$top/bench/folio-writers.c"; then
	f=$tmp/fw-file
	truncate -s 16M "$f"
	ok=$("$fw" "$f" dsync near large 1 2>&1)
	ok_rc=$?
	bad=$("$fw" "$f" wt far small 1 2>&1)
	bad_rc=$?
	if [ "$ok_rc" = 0 ] &&
	   echo "$ok" | grep -qE '^dsync +near large writes/s +[0-9.]+ +per thread [1-9][0-9]*\.\.[0-9]+ in [0-9.]+ s$' &&
	   [ "$bad_rc" = 1 ] && echo "$bad" | grep -q "^thread [0-7]: "; then
		echo "pass harness: folio-writers counts every thread's writes and fails a failed write"
	else
		echo "fail harness: folio-writers counts every thread's writes and fails a failed write (exit $ok_rc: $ok; exit $bad_rc: $bad)"
	fi
else
	echo "fail harness: folio-writers counts every thread's writes and fails a failed write (no build against $hdr)"
fi
