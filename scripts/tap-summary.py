#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Summarise the kselftest runner's nested TAP output.

usage: tap-summary.py TAP_FILE [--extra RESULTS_FILE] [--expect LIST]
                      [--times TIMES_FILE]

Every subtest (the "# ok N name" lines of each test program) counts once;
a program that passes without reporting subtests counts as a failure (the
programs all use the kselftest harness, so its output was lost).
A test program that crashed or timed out, a subtest its plan announced
but that never reported, and a program the runner announced but never ran
all count as failures.  A skipped subtest counts as skipped.  RESULTS_FILE
adds results of the harness's own checks, one per line:
"pass NAME", "fail NAME" or "skip NAME" (a failure's NAME may end with
" (details)").

LIST pins what must report: one "PROGRAM SUBTEST" line per subtest of the
selftests, and one line per check of the harness, "harness: NAME", as
RESULTS_FILE names it; blank lines and "#" comments are ignored.  Every
entry that did not report is a failure, and so is every subtest or
harness check that reported but is not in LIST: the list is updated with
the tests.

The tests log "elapsed S s of a L s limit" for each subtest (see the
selftests' scratch.h); TIMES_FILE gets one line per subtest with both,
slowest first against its limit, and the five closest to their limits are
printed.  A program whose subtests' limits (30 s for one that logged none,
the kselftest harness's default) add up to more than the runner's timeout
for the program ("timeout set to N") fails: the runner would kill it
before its last test could use its time.

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
HEADER = re.compile(r'^# selftests: \S+: (\S+)$')
PROGRAM = re.compile(r'^selftests: \S+: (\S+)$')
TIMEOUT = re.compile(r'^# (?:timeout set to|overriding timeout to) (\d+)$')
ELAPSED = re.compile(r'elapsed ([0-9.]+) s of a (\d+) s limit')
DEFAULT_LIMIT = 30
DETAILS = re.compile(r'^(.*?) \(.*\)$')


def read_expect(path):
    """The pinned list: {(program, subtest)} and {harness check names}."""
    subtests, harness = set(), set()
    for line in open(path):
        line = line.strip()
        if not line or line.startswith('#'):
            continue
        if line.startswith('harness:'):
            harness.add(line)
        else:
            prog, _, sub = line.partition(' ')
            subtests.add((prog, sub.strip()))
    return subtests, harness


def main(argv):
    args = argv[1:]
    opts = {}
    while len(args) > 1 and args[-2] in ('--extra', '--expect', '--times'):
        opts[args[-2]] = args[-1]
        args = args[:-2]
    if len(args) != 1:
        print(__doc__.split('\n\n')[1], file=sys.stderr)
        return 2
    tap = args[0]
    extra = opts.get('--extra')
    passed, failed, skipped = [], [], []

    try:
        lines = open(tap, errors='replace').read().splitlines()
    except FileNotFoundError:
        lines = []
    programs_planned = None
    programs_seen = 0
    sub_plan, sub_seen, sub_failed = None, 0, 0
    # the subtests of the program being read: (name, limit, elapsed)
    pending = []
    limit = elapsed = None
    header = None
    timeout = None
    reported = {}          # program -> [subtest names]
    times = []             # (program, subtest, elapsed, limit)
    timeouts = {}          # program -> the runner's timeout

    def close_program(prog):
        """Attribute the pending subtests to @prog."""
        nonlocal pending
        reported.setdefault(prog, [])
        for name, lim, el in pending:
            reported[prog].append(name)
            if el is not None:
                times.append((prog, name, el, lim))
        if timeout is not None:
            timeouts[prog] = timeout
        limits = sum(lim if lim is not None else DEFAULT_LIMIT
                     for _, lim, _ in pending)
        if timeout is not None and pending and limits > timeout:
            failed.append(f'{prog}: its subtests\' limits add up to '
                          f'{limits} s, more than its {timeout} s timeout')
        pending = []

    for line in lines:
        m = PLAN_TOP.match(line)
        if m and programs_planned is None:
            programs_planned = int(m.group(1))
            continue
        m = TIMEOUT.match(line)
        if m:
            timeout = int(m.group(1))
            continue
        m = HEADER.match(line)
        if m:
            header = m.group(1)
            continue
        m = PLAN_SUB.match(line)
        if m:
            sub_plan, sub_seen, sub_failed = int(m.group(1)), 0, 0
            continue
        m = ELAPSED.search(line)
        if m and line.startswith('# '):
            elapsed, limit = float(m.group(1)), int(m.group(2))
            continue
        m = SUB.match(line)
        if m:
            res, name, directive, why = m.groups()
            sub_seen += 1
            pending.append((name, limit, elapsed))
            limit = elapsed = None
            if (directive or '').upper() == 'SKIP':
                skipped.append(f'{name} ({why.strip()})')
            elif res == 'ok':
                # includes "# XFAIL": an expected failure that happened
                passed.append(name)
            else:
                reason = f'{directive or ""}{why or ""}'.strip()
                failed.append(f'{name} ({reason})' if reason else name)
                sub_failed += 1
            continue
        m = TOP.match(line)
        if m:
            res, name, directive, why = m.groups()
            programs_seen += 1
            p = PROGRAM.match(name)
            close_program(p.group(1) if p else name)
            header = None
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
            limit = elapsed = None
    if pending:
        # the output ends inside a program: the runner never closed it
        close_program(header or '(unnamed program)')

    subtests = len(passed) + len(failed) + len(skipped)
    if programs_planned is None:
        failed.append(f'no TAP output in {tap}')
    elif subtests == 0:
        failed.append(f'no selftest reported a result in {tap}')
    elif programs_seen < programs_planned:
        failed.append(f'{programs_planned - programs_seen} test programs '
                      'never reported')

    harness_seen = []
    if extra:
        lists = {'pass': passed, 'fail': failed, 'skip': skipped}
        for line in open(extra):
            res, _, name = line.strip().partition(' ')
            if res in lists:
                lists[res].append(name)
                if name.startswith('harness:'):
                    m = DETAILS.match(name)
                    harness_seen.append((name, m.group(1) if m else name))
            elif line.strip():
                failed.append(f'unreadable harness result: {line.strip()}')

    if '--expect' in opts:
        want_sub, want_harness = read_expect(opts['--expect'])
        seen = set()
        for prog, names in reported.items():
            for name in names:
                seen.add((prog, name))
                if (prog, name) not in want_sub:
                    failed.append(f'{prog}: {name}: reported, but not in '
                                  f'{opts["--expect"]}')
        for prog, name in sorted(want_sub - seen):
            failed.append(f'{prog}: {name}: never reported')
        seen = set()
        for name, short in harness_seen:
            if name in want_harness:
                seen.add(name)
            elif short in want_harness:
                seen.add(short)
            else:
                failed.append(f'{name}: reported, but not in '
                              f'{opts["--expect"]}')
        for name in sorted(want_harness - seen):
            failed.append(f'{name}: never reported')

    times.sort(key=lambda t: -(t[2] / t[3] if t[3] else 0))
    if '--times' in opts:
        with open(opts['--times'], 'w') as f:
            for prog, name, el, lim in times:
                f.write(f'{el:8.1f} s of {lim:5d} s  {prog} {name}\n')
            for prog, t in sorted(timeouts.items()):
                f.write(f'{prog}: runner timeout {t} s\n')
    for prog, name, el, lim in times[:5]:
        pct = f'{100 * el / lim:.0f}%' if lim else 'no limit'
        print(f'time: {el:.1f} s of a {lim} s limit ({pct}): {prog} {name}')

    for name in failed:
        print(f'FAIL: {name}')
    for name in skipped:
        print(f'SKIP: {name}')
    print(f'{len(passed)} passed, {len(failed)} failed, {len(skipped)} skipped')
    return 1 if failed or skipped else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
