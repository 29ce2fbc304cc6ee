#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Judge a make fstests run against the base kernel's results.

usage: fstests-report.py --out DIR --base-file FILE --modes "plain forced soak"
                         TEST...

Reads fstests' xunit reports from DIR/<mode>/results/<mode>/result.xml, the
soak tables from DIR/soak1/results/soak/soak.txt and soak2's, and the base kernel's
results from DIR/base/results/plain/result.xml where a base run happened,
else from FILE.  Prints a table (test, base, each mode: result and time),
then the judgement of each test in each mode:

  pass                                       passed
  not run (fstests' _notrun)                 skipped
  fails, and fails on the base kernel too    skipped (not the series')
  fails where the base kernel did not        FAILED
  no result at all                           FAILED

except where fstests/<mode>-out/<test>.out exists (generic-441.out for
generic/441): the mode changes what the test sees on purpose (forced
write-through returns a write's I/O error from the write itself), and the
test must fail with exactly that output (its .out.bad), else FAILED.

and the same for each mode's guest (did it finish?) and console log (any
kernel report?) and each soak run.  Writes DIR/report.txt, and, after a
base run, DIR/results-base.txt in FILE's format, to check in.  The last line
is "N passed, N failed, N skipped"; exit status 1 if anything failed.
"""
import argparse
import datetime
import os
import sys
import xml.etree.ElementTree as ET

# the guests that soak mode boots, each running a half of it
SOAK_GUESTS = ('soak1', 'soak2')


def read_xunit(path):
    """{test: (status, seconds, message)} from an fstests xunit report."""
    res = {}
    if not os.path.exists(path):
        return res
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        print(f"fstests-report: {path}: {e}", file=sys.stderr)
        return res
    for tc in root.iter('testcase'):
        name = tc.get('name')
        secs = int(float(tc.get('time') or 0))
        if tc.find('skipped') is not None:
            msg = tc.find('skipped').get('message') or ''
            res[name] = ('notrun', secs, msg)
        elif tc.find('failure') is not None or tc.find('error') is not None:
            f = tc.find('failure')
            if f is None:
                f = tc.find('error')
            res[name] = ('fail', secs, f.get('message') or '')
        else:
            res[name] = ('pass', secs, '')
    return res


def read_base_file(path):
    res, header = {}, []
    if not os.path.exists(path):
        return res, header
    with open(path) as f:
        for line in f:
            if line.startswith('#'):
                header.append(line.rstrip())
                continue
            parts = line.split()
            if len(parts) >= 3:
                res[parts[0]] = (parts[1], int(parts[2]), '')
    return res, header


def cell(r):
    if r is None:
        return '-'
    status, secs, _ = r
    return {'pass': 'pass', 'fail': 'FAIL', 'notrun': 'notrun'}[status] + \
        (f' {secs}s' if status != 'notrun' else '')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--out', required=True)
    ap.add_argument('--base-file', required=True)
    ap.add_argument('--modes', required=True)
    ap.add_argument('--expected-out', default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), '..', 'fstests'))
    ap.add_argument('tests', nargs='+')
    a = ap.parse_args()
    modes = a.modes.split()
    test_modes = [m for m in modes if m != 'soak']

    base, header = read_base_file(a.base_file)
    base_src = {t: os.path.relpath(a.base_file) for t in base}
    base_run = os.path.join(a.out, 'base/results/plain/result.xml')
    ran = read_xunit(base_run)
    for t, r in ran.items():
        base[t] = r
        base_src[t] = 'this run'
    runs = {m: read_xunit(os.path.join(a.out, m, 'results', m, 'result.xml'))
            for m in test_modes}

    lines = []
    out = lines.append
    width = max(len(t) for t in a.tests) + 2
    out('%-*s %-12s' % (width, 'test', 'base') +
        ''.join(' %-12s' % m for m in test_modes))
    for t in a.tests:
        out('%-*s %-12s' % (width, t, cell(base.get(t))) +
            ''.join(' %-12s' % cell(runs[m].get(t)) for m in test_modes))
    out('')

    passed = failed = skipped = 0
    verdicts = []

    def judge(v, what):
        nonlocal passed, failed, skipped
        verdicts.append(f'{v} {what}')
        if v == 'pass':
            passed += 1
        elif v == 'fail':
            failed += 1
        else:
            skipped += 1

    def read_word(path):
        try:
            with open(path) as f:
                return f.read().strip()
        except OSError:
            return None

    guests = [g for m in modes
              for g in (SOAK_GUESTS if m == 'soak' else [m])]
    for m in guests:
        d = os.path.join(a.out, m)
        status = read_word(os.path.join(d, 'status'))
        judge('pass' if status == '0' else 'fail',
              f'{m}: the guest finished' +
              ('' if status in ('0', None) else f' (exit {status})') +
              (' (did not run)' if status is None else ''))
        console = read_word(os.path.join(d, 'console'))
        judge('pass' if console == 'clean' else 'fail',
              f'{m}: no kernel report in the console log' +
              ('' if console == 'clean' else f' (see {d}/console-scan.txt)'))

    for m in test_modes:
        for t in a.tests:
            r = runs[m].get(t)
            b = base.get(t)
            # a difference the mode makes on purpose: the test must fail
            # with exactly the output kept in fstests/<mode>-out/
            want = os.path.join(a.expected_out, f'{m}-out',
                                t.replace('/', '-') + '.out')
            if os.path.exists(want):
                got = read_word(os.path.join(a.out, m, 'results', m, t + '.out.bad'))
                if r is not None and r[0] == 'fail' and got == read_word(want):
                    judge('pass', f'{m} {t}: fails as it must in this mode')
                else:
                    judge('fail', f'{m} {t}: does not fail as '
                          f'{os.path.relpath(want)} says it must')
                continue
            if r is None:
                judge('fail', f'{m} {t}: no result')
            elif r[0] == 'pass':
                judge('pass', f'{m} {t}')
            elif r[0] == 'notrun':
                judge('skip', f'{m} {t}: not run: {r[2]}')
            elif b is not None and b[0] == 'fail':
                judge('skip', f'{m} {t}: fails on the base kernel too')
            else:
                judge('fail', f'{m} {t}: {r[2]}'
                      + ('' if b else ' (no base result)'))

    if 'soak' in modes:
        rows = []
        for g in SOAK_GUESTS:
            path = os.path.join(a.out, g, 'results/soak/soak.txt')
            got = []
            if os.path.exists(path):
                got = [ln.split() for ln in open(path) if ln.strip()]
            if not got:
                judge('fail', f'{g}: fsx and fsstress reported')
            rows += got
        total = 0
        for name, verdict, secs, ops in rows:
            total += int(ops) if name.startswith('fsx') else 0
            judge('pass' if verdict == 'pass' else 'fail',
                  f'soak {name}: {ops} operations in {secs}s')
        out(f'soak: {total} fsx operations with write-through writes')
        out('')

    for v in verdicts:
        if not v.startswith('pass'):
            out(v.replace('skip ', 'skip: ', 1).replace('fail ', 'FAIL: ', 1))
    out(f'base results: {", ".join(sorted(set(base_src.values()))) or "none"}')
    for h in header:
        out('  ' + h.lstrip('# '))
    out(f'{passed} passed, {failed} failed, {skipped} skipped')

    text = '\n'.join(lines) + '\n'
    with open(os.path.join(a.out, 'report.txt'), 'w') as f:
        f.write(text)
    sys.stdout.write(text)

    if ran:
        # what FILE held, with this run's results in place of its own
        with open(os.path.join(a.out, 'results-base.txt'), 'w') as f:
            f.write('# fstests on the unpatched base kernel: test, result, seconds\n')
            f.write(f'# {len(ran)} run by make fstests on {datetime.date.today()}'
                    f' ({os.uname().nodename})\n')
            for h in header[1:]:
                f.write(h + '\n')
            for t in sorted(base):
                f.write(f'{t} {base[t][0]} {base[t][1]}\n')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
