#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Summarise the kselftest runner's nested TAP output.

usage: tap-summary.py TAP_FILE [--extra RESULTS_FILE]

Every subtest (the "# ok N name" lines of each test program) counts once;
a program that passes without reporting subtests counts as a failure (the
programs all use the kselftest harness, so its output was lost).
A test program that crashed or timed out, a subtest its plan announced
but that never reported, and a program the runner announced but never ran
all count as failures.  A skipped subtest counts as skipped.  RESULTS_FILE
adds results of the harness's own checks, one per line:
"pass NAME", "fail NAME" or "skip NAME".

Prints the failures and skips, then, last, one line
"N passed, N failed, N skipped".  Exit status 1 if anything failed or
was skipped, or if no test ran at all.
"""
import re
import sys

TOP = re.compile(r'^(not ok|ok) \d+ (.*?)(?:\s+#\s*(\S+)(.*))?$')
SUB = re.compile(r'^# (not ok|ok) \d+ (.*?)(?:\s+#\s*(\S+)(.*))?$')
PLAN_TOP = re.compile(r'^1\.\.(\d+)$')
PLAN_SUB = re.compile(r'^# 1\.\.(\d+)$')


def main(argv):
    tap = argv[1]
    extra = argv[3] if len(argv) > 3 and argv[2] == '--extra' else None
    passed, failed, skipped = [], [], []

    try:
        lines = open(tap, errors='replace').read().splitlines()
    except FileNotFoundError:
        lines = []
    programs_planned = None
    programs_seen = 0
    sub_plan, sub_seen, sub_failed = None, 0, 0

    for line in lines:
        m = PLAN_TOP.match(line)
        if m and programs_planned is None:
            programs_planned = int(m.group(1))
            continue
        m = PLAN_SUB.match(line)
        if m:
            sub_plan, sub_seen, sub_failed = int(m.group(1)), 0, 0
            continue
        m = SUB.match(line)
        if m:
            res, name, directive, why = m.groups()
            sub_seen += 1
            directive = (directive or '').upper()
            if directive == 'SKIP':
                skipped.append(f'{name} ({why.strip()})')
            elif res == 'ok':
                # includes "# XFAIL": an expected failure that happened
                passed.append(name)
            else:
                failed.append(name)
                sub_failed += 1
            continue
        m = TOP.match(line)
        if m:
            res, name, directive, why = m.groups()
            programs_seen += 1
            if sub_plan is not None and sub_seen < sub_plan:
                for i in range(sub_plan - sub_seen):
                    failed.append(f'{name}: subtest {sub_seen + i + 1} of '
                                  f'{sub_plan} never reported')
            if (directive or '').upper() == 'SKIP':
                skipped.append(f'{name} ({(why or "").strip()})')
            elif res == 'not ok' and sub_failed == 0:
                failed.append(f'{name} ({(directive or "exit")}{why or ""})')
            elif sub_plan is None and res == 'ok':
                # Every program here uses the kselftest harness, which
                # reports its subtests: silence means lost output.
                failed.append(f'{name} (passed without reporting subtests)')
            sub_plan, sub_seen, sub_failed = None, 0, 0

    subtests = len(passed) + len(failed) + len(skipped)
    if programs_planned is None:
        failed.append(f'no TAP output in {tap}')
    elif subtests == 0:
        failed.append(f'no selftest reported a result in {tap}')
    elif programs_seen < programs_planned:
        failed.append(f'{programs_planned - programs_seen} test programs '
                      'never reported')

    if extra:
        lists = {'pass': passed, 'fail': failed, 'skip': skipped}
        for line in open(extra):
            res, _, name = line.strip().partition(' ')
            if res in lists:
                lists[res].append(name)
            elif line.strip():
                failed.append(f'unreadable harness result: {line.strip()}')

    for name in failed:
        print(f'FAIL: {name}')
    for name in skipped:
        print(f'SKIP: {name}')
    print(f'{len(passed)} passed, {len(failed)} failed, {len(skipped)} skipped')
    return 1 if failed or skipped else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
