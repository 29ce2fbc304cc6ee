#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside a guest that tests/break-checks.sh boots: each case runs
# selftests under tests/wt-break.so with $WT_BREAK set to a kernel bug
# that the named subtests' checks exist to catch, and passes only if those
# subtests fail (or, where the case says so, skip or pass).  Prints
# "pass NAME" or "fail NAME" per case, and each case's output to
# $WT_OUT/break-checks.log.
#
# usage: tests/guest-break-checks.sh KSELFTEST_INSTALL_DIR WT_BREAK_SO [OLD_KSELFTEST_INSTALL_DIR]
#
# With OLD_KSELFTEST_INSTALL_DIR (the selftests before the checks were
# fixed), each case also runs the old version of the subtests it names
# after "--" under the same bug, and reports how they ended.
set -u
inst=$1/writethrough
so=$2
old=${3:+$3/writethrough}
set -- $WT_SCRATCH_DEVS
export WT_SCRATCH_DEV=${1:-}
log=$WT_OUT/break-checks.log
: >"$log"

# run DIR BUG REQUIRE_ALL PROGRAM SUBTEST...: the program's output
run() {
	local dir=$1 bug=$2 req=$3 prog=$4 t args=()
	shift 4
	for t; do args+=(-r "$t"); done
	(cd "$dir" && WT_REQUIRE_ALL=$req WT_BREAK=$bug LD_PRELOAD=$so \
		timeout 900 "./$prog" "${args[@]}" 2>&1)
}

# ends OUTPUT SUBTEST: "ok", "skip", "fail" or "missing"
ends() {
	if echo "$1" | grep -qE "^ok [0-9]+ $2 # SKIP"; then echo skip
	elif echo "$1" | grep -qE "^ok [0-9]+ $2\$"; then echo ok
	elif echo "$1" | grep -qE "^not ok [0-9]+ $2( |\$)"; then echo fail
	else echo missing
	fi
}

# case_ WANT BUG REQUIRE_ALL PROGRAM SUBTEST... [-- OLD_SUBTEST...]: run
# PROGRAM's SUBTESTs with $WT_BREAK=BUG; each must end in WANT ("fail",
# "skip" or "ok"); with $WT_BREAK_CASES set, only the BUGs it lists
case_() {
	local want=$1 bug=$2 req=$3 prog=$4 name out t bad= new=() olds=()
	[ -z "${WT_BREAK_CASES:-}" ] || [[ " $WT_BREAK_CASES " = *" $bug "* ]] || return 0
	shift 4
	while [ $# -gt 0 ] && [ "$1" != -- ]; do new+=("$1"); shift; done
	[ $# -gt 0 ] && { shift; olds=("$@"); }
	name="$bug breaks $prog ${new[*]}"
	out=$(run "$inst" "$bug" "$req" "$prog" "${new[@]}")
	{ echo "=== $name (want: $want)"; echo "$out"; } >>"$log"
	for t in "${new[@]}"; do
		[ "$(ends "$out" "$t")" = "$want" ] || bad="$bad $t"
	done
	if [ -z "$bad" ]; then
		echo "pass break: $name: $want"
	else
		echo "fail break: $name: $want, but not:$bad"
	fi
	[ -n "$old" ] && [ ${#olds[@]} -gt 0 ] || return 0
	out=$(run "$old" "$bug" "$req" "$prog" "${olds[@]}")
	{ echo "=== before the fix: $bug breaks $prog ${olds[*]}"; echo "$out"; } >>"$log"
	for t in "${olds[@]}"; do
		echo "      before the fix, $t: $(ends "$out" "$t")"
	done
}

# the checks that could not fail before
case_ fail wt-dsync-exclusive 1 sync_test wt_err.aligned_overwrites_share_the_iolock -- wt_err.aligned_overwrites_share_the_iolock
case_ fail freeze-no-hold 1 async_test aw_dm.freeze_with_writes_in_flight -- aw_dm.freeze_with_writes_in_flight
case_ fail small-folios 1 sync_test wt.bs4k.partial_folio_keeps_dirty -- wt.bs4k.partial_folio_keeps_dirty
case_ fail wt-fail 1 sync_test wt.bs4k.truncate_punch_race -- wt.bs4k.truncate_punch_race
case_ fail wt-efault 1 sync_test wt.bs4k.faulting_buffer wt.bs1k.faulting_buffer -- wt.bs4k.faulting_buffer
case_ fail eio-as-zero 1 sync_test wt_err.eio_reaches_caller -- wt_err.eio_reaches_caller
case_ fail wt-plain 1 async_test aw.qd32.appends_in_flight aw1.sync_appenders -- aw.qd32.appends_in_flight aw1.sync_appenders
case_ fail no-dsync 1 dsync_test ds.nocache.overwrites -- ds.nocache.overwrites
case_ fail mmap-private 1 sync_test wt_err.mmap_store_waits_for_io -- wt_err.mmap_store_waits_for_io
# threads_overlap's "the writers did run into each other" check counts a
# write as in flight from before its system call, so writes serialized
# inside the system call (a lock in the kernel, or in the stand-in) still
# overlap there and cannot make it fail: a kernel that serializes writes
# is correct for this test.  What the check exists to catch is a test
# whose threads never raced: serialize-threads runs each writer to its end
# before the next starts, and the check must fail.
case_ fail serialize-threads 1 sync_test wt.bs4k.threads_overlap -- wt.bs4k.threads_overlap
case_ fail osync-as-dsync 1 dsync_test crash.fua.sync_writers
case_ fail uring-no-dsync-40 1 dsync_test crash.fua.uring_writers
case_ fail no-dsync 1 dsync_test crash.fua_writethrough.sync_writers
# missing things: a failure where everything must be there, with the reason
case_ fail no-dmsetup 1 sync_test wt_err.eio_reaches_caller
case_ skip no-dmsetup 0 sync_test wt_err.eio_reaches_caller
case_ fail dmsetup-fails 0 async_test aw_dm.eio_hits_exactly -- aw_dm.eio_hits_exactly
case_ ok nullb-slow 1 dsync_test ds.cache_fua.overwrites -- ds.cache_fua.overwrites
case_ fail uring-submit-waits 1 dsync_test ds_slow.flush_at_completion -- ds_slow.flush_at_completion
case_ fail cachestat-late 1 async_test aw_dm.freeze_with_writes_in_flight -- aw_dm.freeze_with_writes_in_flight
