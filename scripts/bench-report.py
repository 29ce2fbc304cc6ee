#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Report on a benchmark run of scripts/bench.sh.

usage: scripts/bench-report.py MATRIX OUT
       scripts/bench-report.py MATRIX --sweep OUT
       scripts/bench-report.py MATRIX --k OUT/sweep-1/patched

Reads OUT/base/results and OUT/patched/results (one fio JSON or
bench/dsync-load.c line, exit status, CPU ticks and peak Dirty+Writeback
per cell), prints a table of every cell for both kernels with each cell's
ratio to the O_DIRECT cell of the same shape in the same boot and its CPU
time per write, the calibration factor K of each boot, the headline ratios
P1-P5 and the O_DSYNC regression table (base against patched); writes
OUT/ratios.svg.  --sweep reports the device sweep's boots OUT/sweep-N and
plots OUT/sweep.svg; --k prints a boot's K (bench/calibrate.c's 4 KiB
write, guest over host), for scripts/bench.sh.
"""
import json
import math
import os
import statistics
import sys

KERNELS = ("base", "patched")

# Which O_DIRECT cell a mode is compared with.
DIRECT_OF = {
    "dsync": "direct_dsync",
    "wt_dsync": "direct_dsync",
    "direct_dsync": "direct_dsync",
    "fdatasync": "direct_dsync",
}


def read_matrix(path):
    cells = []
    with open(path) as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            name, quick, dev, pattern, qd, jobs, size, mode = line.split()
            cells.append(dict(name=name, quick=quick == "q", dev=dev,
                              pattern=pattern, qd=qd, jobs=jobs, size=size,
                              mode=mode))
    return cells


# The patterns bench/dsync-load.c runs (not fio).
LOAD_PATTERNS = ("append", "sub512", "newfile1m", "mmap", "small")


def pairs(path):
    """A file of "[name] key value key value ..." as a dict of numbers."""
    with open(path) as f:
        words = f.read().split()
    if len(words) % 2:
        words = words[1:]
    return {k: float(v) for k, v in zip(words[0::2], words[1::2])}


def load(outdir, kernel, cell):
    """The measured values of @cell, or None if it did not run."""
    res = os.path.join(outdir, kernel, "results")
    base = os.path.join(res, cell["name"])
    try:
        with open(base + ".rc") as f:
            rc = int(f.read().strip() or "1")
    except OSError:
        return None
    r = {"rc": rc, "error": None, "cpu_us": None}
    try:
        with open(base + ".mem") as f:
            r["peak_dirty_wb_mib"] = int(f.read().strip()) / 1024
    except (OSError, ValueError):
        r["peak_dirty_wb_mib"] = 0.0
    if cell["pattern"] in LOAD_PATTERNS:
        try:
            d = pairs(base + ".load")
            secs = d["seconds"]
            ops = d["ops"]
        except (OSError, ValueError, KeyError):
            r["error"] = "no result"
            return r
        if rc or not secs or not ops:
            r["error"] = "dsync-load failed"
            return r
        r.update(iops=ops / secs, mib_s=d["bytes"] / secs / 2**20,
                 p50_us=None, p99_us=None, files=d["files"],
                 extents=d["extents"], mib=d["bytes"] / 2**20,
                 cpu_us=d["cpu_ticks"] * 1e6 / d["hz"] / ops)
        return r
    if cell["pattern"] == "pgbench":
        try:
            d = pairs(base + ".pg")
            r.update(iops=d["tps"], mib_s=None, p50_us=d["p50_us"],
                     p99_us=d["p99_us"], txns=d["txns"])
        except (OSError, ValueError, KeyError):
            r["error"] = "pgbench failed"
        return r
    try:
        cpu = pairs(base + ".cpu")
    except (OSError, ValueError):
        cpu = None
    try:
        with open(base + ".json") as f:
            text = f.read()
        # fio may print notes before the JSON object
        data = json.loads(text[text.index("{"):])
        job = data["jobs"][0]
    except (OSError, ValueError, KeyError, IndexError):
        r["error"] = "no result"
        return r
    if job.get("error") or rc:
        r["error"] = os.strerror(job["error"]) if job.get("error") else "fio failed"
        return r
    w = job["write"]
    pct = w.get("clat_ns", {}).get("percentile", {})
    r["iops"] = w["iops"]
    r["mib_s"] = w["bw"] / 1024
    r["p50_us"] = pct.get("50.000000", 0) / 1000
    r["p99_us"] = pct.get("99.000000", 0) / 1000
    if cpu and w.get("total_ios"):
        r["cpu_us"] = cpu["ticks"] * 1e6 / cpu["hz"] / w["total_ios"]
    return r


def unit(cell):
    if cell["pattern"] == "rand4k":
        return "IOPS"
    if cell["pattern"] == "pgbench":
        return "TPS"
    if cell["pattern"] in LOAD_PATTERNS and cell["pattern"] != "newfile1m":
        return "ops/s"
    return "MiB/s"


def value(cell, r):
    """What a cell is judged by: IOPS for small writes, MiB/s for 1 MiB."""
    return r["mib_s"] if unit(cell) == "MiB/s" else r["iops"]


def p50(cell, r):
    """A cell's median completion latency, for ratio_of()."""
    return r["p50_us"]


def cpu(cell, r):
    """A cell's CPU time per write, for ratio_of()."""
    return r["cpu_us"] or 0


def shape(cell):
    return (cell["dev"], cell["pattern"], cell["qd"], cell["jobs"],
            cell["size"])


def num(v, fmt):
    return fmt % v if v is not None else "%*s" % (len(fmt % 0), "-")


def fmt_cell(cell, r, ratio):
    if r is None:
        return "%-51s" % "did not run"
    if r["error"]:
        return "%-51s" % ("n/a (%s)" % r["error"])
    return "%9.0f %-5s %7s %8s %5s %6.0f %6s" % (
        value(cell, r), unit(cell), num(r["p50_us"], "%7.0f"),
        num(r["p99_us"], "%8.0f"), num(ratio, "%5.2f"),
        r["peak_dirty_wb_mib"], num(r["cpu_us"], "%6.0f"))


def ratio_of(cells, results, kernel, cell, other_mode, measure=value):
    """@cell's value divided by that of @other_mode in the same shape."""
    for c in cells:
        if shape(c) == shape(cell) and c["mode"] == other_mode:
            a = results[kernel].get(cell["name"])
            b = results[kernel].get(c["name"])
            if a and b and not a["error"] and not b["error"]:
                vb = measure(c, b)
                return measure(cell, a) / vb if vb else None
    return None


def find(cells, name):
    return next((c for c in cells if c["name"] == name), None)


def headline(cells, results):
    lines = []

    def r_of(kernel, name, other, measure=value):
        c = find(cells, name)
        if not c:
            return None
        return ratio_of(cells, results, kernel, c, other, measure)

    def show(label, goal, kernel_values):
        vals = "   ".join("%s %s" % (k, "%.2f" % v if v is not None else "n/a")
                          for k, v in kernel_values)
        lines.append("%-74s %s   (goal %s)" % (label, vals, goal))

    show("P1 buffered O_DSYNC 4k random overwrite, io_uring QD32 / O_DIRECT|O_DSYNC",
         ">= 0.9", [(k, r_of(k, "rand4k-qd32-j1-dsync", "direct_dsync"))
                    for k in KERNELS])
    show("P2 RWF_WRITETHROUGH 4k random, file 2x memory, QD32 / O_DIRECT",
         ">= 0.8", [(k, r_of(k, "big-rand4k-qd32-j1-wt", "direct"))
                    for k in KERNELS])
    show("P2 RWF_WRITETHROUGH 4k random, file 2x memory, QD32 / buffered",
         ">= 5", [(k, r_of(k, "big-rand4k-qd32-j1-wt", "buffered"))
                  for k in KERNELS])
    show("P3 8 jobs one file, 4k random overwrite, write-through / buffered",
         ">= 1.0", [(k, r_of(k, "rand4k-qd1-j8-wt", "buffered"))
                    for k in KERNELS])
    show("P4 1 MiB sequential, 4x memory, write-through / RWF_DONTCACHE",
         ">= 1.0", [(k, r_of(k, "big-seq1m-qd1-j1-wt", "dontcache"))
                    for k in KERNELS])
    for mode in ("wt", "dontcache"):
        peaks = []
        for k in KERNELS:
            r = results[k].get("big-seq1m-qd1-j1-" + mode)
            peaks.append((k, None if not r or r["error"] else r["peak_dirty_wb_mib"]))
        lines.append("%-74s %s" % (
            "P4 peak Dirty+Writeback, %s (MiB)" % mode,
            "   ".join("%s %s" % (k, "%.0f" % v if v is not None else "n/a")
                       for k, v in peaks)))
    show("P5 psync QD1 4k O_DSYNC overwrite p50 latency, write-through / O_DIRECT",
         "<= 1.1", [(k, r_of(k, "rand4k-qd1-j1-wt_dsync", "direct_dsync", p50))
                    for k in KERNELS])
    return lines


def svg(cells, results, ratios, path):
    """Horizontal bars: each cell's ratio to O_DIRECT, base and patched."""
    rows = [c for c in cells if any(ratios[k].get(c["name"]) is not None
                                    for k in KERNELS)]
    w, left, bar, gap = 900, 300, 7, 6
    scale = 250.0
    height = 60 + len(rows) * (2 * bar + gap)
    maxr = max([ratios[k][c["name"]] or 0 for c in rows for k in KERNELS] + [1])
    scale = (w - left - 60) / maxr
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
           'font-family="sans-serif" font-size="10">' % (w, height),
           '<text x="10" y="18" font-size="13">Throughput relative to '
           'O_DIRECT of the same shape (1.0 = as fast as direct I/O)</text>',
           '<rect x="10" y="28" width="10" height="8" fill="#999"/>'
           '<text x="24" y="36">base</text>',
           '<rect x="70" y="28" width="10" height="8" fill="#1f77b4"/>'
           '<text x="84" y="36">patched</text>']
    x1 = left + scale
    out.append('<line x1="%.1f" y1="44" x2="%.1f" y2="%d" stroke="#c00" '
               'stroke-dasharray="3,3"/>' % (x1, x1, height - 4))
    y = 50
    for c in rows:
        out.append('<text x="%d" y="%d" text-anchor="end">%s</text>'
                   % (left - 6, y + bar + 3, c["name"]))
        for k, colour in zip(KERNELS, ("#999", "#1f77b4")):
            r = ratios[k].get(c["name"])
            if r is not None:
                out.append('<rect x="%d" y="%d" width="%.1f" height="%d" '
                           'fill="%s"/>' % (left, y, r * scale, bar, colour))
                out.append('<text x="%.1f" y="%d">%.2f</text>'
                           % (left + r * scale + 3, y + bar - 1, r))
            y += bar
        y += gap
    out.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


def calib(path):
    """bench/calibrate.c's output: {test: [ns per operation, ...]}."""
    runs = {}
    with open(path) as f:
        for line in f:
            name, ns = line.split()
            runs.setdefault(name, []).append(float(ns))
    return runs


def k_factors(bootdir):
    """{test: (K, low, high)}: the guest's time over the host's, medians,
    and the range the runs allow; {} if either side is missing."""
    try:
        host = calib(os.path.join(bootdir, "host-calib"))
        guest = calib(os.path.join(bootdir, "results", "calib"))
    except (OSError, ValueError):
        return {}
    ks = {}
    for name in host:
        h, g = host[name], guest.get(name)
        if g and min(h) > 0:
            ks[name] = (statistics.median(g) / statistics.median(h),
                        min(g) / max(h), max(g) / min(h))
    return ks


def k_lines(label, bootdir):
    ks = k_factors(bootdir)
    if not ks:
        return ["K %s: no calibration" % label]
    return ["K %-8s %s" % (label, "   ".join(
        "%s %.1f (%.1f-%.1f)" % (n, k, lo, hi) for n, (k, lo, hi) in ks.items()))]


def cpu_ratio(cells, results, kernel, name, other):
    c = find(cells, name)
    if not c:
        return None
    a = results[kernel].get(name)
    if not a or a["error"] or a["cpu_us"] is None:
        return None
    return ratio_of(cells, results, kernel, c, other, cpu)


def regression(cells, results):
    """Buffered O_DSYNC on the patched kernel against the base one."""
    lines = ["%-28s %10s %10s %7s %16s  %s" % (
        "O_DSYNC cell", "base", "patched", "p/b", "extents/MiB b,p", "")]
    for c in cells:
        if c["mode"] != "dsync":
            continue
        b, p = results["base"].get(c["name"]), results["patched"].get(c["name"])
        if not b or not p or b["error"] or p["error"]:
            lines.append("%-28s %s" % (c["name"], "did not run on both kernels"))
            continue
        vb, vp = value(c, b), value(c, p)
        ratio = vp / vb if vb else None
        verdict = []
        if ratio is not None and ratio < 0.95:
            verdict.append("SLOWER")
        ext = ""
        if "extents" in b:
            eb, ep = b["extents"] / b["mib"], p["extents"] / p["mib"]
            ext = "%7.2f %7.2f" % (eb, ep)
            if ep > eb * 1.05 and p["extents"] > p["files"]:
                verdict.append("MORE FRAGMENTED")
        lines.append("%-28s %10.0f %10.0f %7s %16s  %s %s" % (
            c["name"], vb, vp, num(ratio, "%7.2f"), ext, unit(c),
            " ".join(verdict)))
    return lines


def postgres(cells, results):
    """pgbench, base against patched: TPS and latency percentiles."""
    rows = [c for c in cells if c["pattern"] == "pgbench"]
    if not rows:
        return []
    lines = ["%-24s %-30s | %-30s %6s" % ("PostgreSQL (pgbench)", "base", "patched", "p/b"),
             "%-24s %-30s | %-30s" % ("", "%8s %10s %10s" % ("TPS", "p50 ms", "p99 ms"),
                                      "%8s %10s %10s" % ("TPS", "p50 ms", "p99 ms"))]
    for c in rows:
        cols = []
        for k in KERNELS:
            r = results[k].get(c["name"])
            if not r or r["error"]:
                cols.append("%-30s" % (r["error"] if r else "did not run"))
            else:
                cols.append("%8.0f %10.1f %10.1f" % (r["iops"], r["p50_us"] / 1000,
                                                     r["p99_us"] / 1000))
        b, p = results["base"].get(c["name"]), results["patched"].get(c["name"])
        ratio = (p["iops"] / b["iops"] if b and p and not b["error"] and
                 not p["error"] and b["iops"] else None)
        lines.append("%-24s %-30s | %-30s %6s" % (
            "%s clients, %s" % (c["jobs"], c["mode"]), cols[0], cols[1],
            num(ratio, "%6.2f")))
    return lines


def load_boot(cells, outdir, kernels):
    results = {k: {} for k in kernels}
    for k in kernels:
        for c in cells:
            r = load(outdir, k, c)
            if r is not None:
                results[k][c["name"]] = r
    return results


def boot_info(outdir, k):
    try:
        with open(os.path.join(outdir, k, "results", "info")) as f:
            return dict(line.split(None, 1) for line in f.read().splitlines())
    except OSError:
        return {}


# The sweep's measures: (column, label, cell, other mode, measure, goal)
SWEEP = (
    ("P1", "buffered O_DSYNC qd32 / O_DIRECT|O_DSYNC", "rand4k-qd32-j1-dsync",
     "direct_dsync", "value", ">= 0.9"),
    ("P3", "8 jobs one file, write-through / buffered", "rand4k-qd1-j8-wt",
     "buffered", "value", ">= 1.0"),
    ("P5", "QD1 O_DSYNC p50 latency, write-through / O_DIRECT",
     "rand4k-qd1-j1-wt_dsync", "direct_dsync", "p50", "<= 1.1"),
    ("cpu-wt", "CPU per write, write-through / O_DIRECT (qd32)",
     "rand4k-qd32-j1-wt", "direct", "cpu", "<= 1.5"),
    ("cpu-buf", "CPU per write, buffered / O_DIRECT (qd32)",
     "rand4k-qd32-j1-buffered", "direct", "cpu", None),
)


def sweep(cells, outdir):
    points = []
    n = 1
    while os.path.isdir(os.path.join(outdir, "sweep-%d" % n)):
        d = os.path.join(outdir, "sweep-%d" % n)
        res = load_boot(cells, d, ("patched",))
        info = boot_info(d, "patched")
        vals = []
        for _, _, name, other, measure, _ in SWEEP:
            if measure == "cpu":
                vals.append(cpu_ratio(cells, res, "patched", name, other))
                continue
            m = value if measure == "value" else p50
            c = find(cells, name)
            vals.append(ratio_of(cells, res, "patched", c, other, m) if c else None)
        ks = k_factors(os.path.join(d, "patched"))
        points.append(dict(n=n, lat=float(info.get("lat_ns", "nan")) / 1000,
                           flush=info.get("flush_ms", "?"), vals=vals,
                           k=ks.get("write4k")))
        n += 1
    if not points:
        print("bench-report: no sweep-N boots in %s" % outdir, file=sys.stderr)
        return 1
    k = points[0]["k"]
    print("device sweep, patched kernel, one boot per point (OUT/sweep-N)")
    print("K (4 KiB tmpfs write, guest / host): %s" % (
        "%.1f (%.1f-%.1f)" % k if k else "not measured"))
    print("the calibrated point (*): the device K times slower than the "
          "modelled NVMe SSD (20 us write, 2 ms flush)")
    print()
    print("%-6s %9s %8s %s" % ("point", "write us", "flush ms", "".join(
        "%8s" % m[0] for m in SWEEP)))
    for p in points:
        star = "*" if p["n"] == len(points) and k else " "
        print("%-6s %9.0f %8s %s" % ("%d%s" % (p["n"], star), p["lat"], p["flush"],
              "".join("%8s" % num(v, "%.2f") for v in p["vals"])))
    print()
    for col, label, _, _, _, goal in SWEEP:
        print("%-8s %s%s" % (col, label, "  (goal %s)" % goal if goal else ""))
    sweep_svg(points, os.path.join(outdir, "sweep.svg"))
    print()
    print("plot: %s" % os.path.join(outdir, "sweep.svg"))
    return 0


def sweep_svg(points, path):
    """Each measure against the device's write latency (log scale)."""
    w, h, left, top, bottom, right = 760, 420, 60, 40, 50, 230
    lats = [p["lat"] for p in points if p["lat"] > 0]
    vals = [v for p in points for v in p["vals"] if v is not None]
    if not lats or not vals:
        return
    x0, x1 = math.log10(min(lats)) - 0.1, math.log10(max(lats)) + 0.1
    ymax = max(vals + [1.6]) * 1.1
    X = lambda lat: left + (math.log10(lat) - x0) / (x1 - x0) * (w - left - right)  # noqa: E731
    Y = lambda v: h - bottom - v / ymax * (h - top - bottom)  # noqa: E731
    colours = ("#1f77b4", "#2ca02c", "#d62728", "#9467bd", "#8c564b")
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
           'font-family="sans-serif" font-size="11">' % (w, h),
           '<text x="10" y="20" font-size="13">Write-through ratios against '
           'the device\'s write latency (patched kernel)</text>',
           '<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#000"/>'
           % (left, Y(0), w - right, Y(0)),
           '<line x1="%d" y1="%d" x2="%d" y2="%.1f" stroke="#000"/>'
           % (left, top, left, Y(0))]
    for v in (0.5, 1.0, 1.5):
        if v < ymax:
            out.append('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#ccc"/>'
                       '<text x="%d" y="%.1f" text-anchor="end">%.1f</text>'
                       % (left, Y(v), w - right, Y(v), left - 4, Y(v) + 4, v))
    for p in points:
        if p["lat"] > 0:
            out.append('<text x="%.1f" y="%d" text-anchor="middle">%.0f us</text>'
                       % (X(p["lat"]), h - bottom + 16, p["lat"]))
    last = points[-1]
    if last["k"] and last["lat"] > 0:
        x = X(last["lat"])
        out.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%.1f" stroke="#c00" '
                   'stroke-dasharray="4,3"/><text x="%.1f" y="%d" fill="#c00" '
                   'text-anchor="middle">calibrated (K=%.1f)</text>'
                   % (x, top, x, Y(0), x, top - 4, last["k"][0]))
    out.append('<text x="%d" y="%d">device write latency (flush scaled with it)</text>'
               % (left + 120, h - 12))
    for i, (col_, label, _, _, _, _) in enumerate(SWEEP):
        col = colours[i % len(colours)]
        pts = [(X(p["lat"]), Y(p["vals"][i])) for p in points
               if p["vals"][i] is not None and p["lat"] > 0]
        if len(pts) > 1:
            out.append('<polyline fill="none" stroke="%s" stroke-width="2" '
                       'points="%s"/>' % (col, " ".join("%.1f,%.1f" % q for q in pts)))
        for q in pts:
            out.append('<circle cx="%.1f" cy="%.1f" r="3" fill="%s"/>' % (q + (col,)))
        out.append('<rect x="%d" y="%d" width="10" height="10" fill="%s"/>'
                   '<text x="%d" y="%d">%s</text>'
                   % (w - right + 10, top + 20 * i, col, w - right + 24,
                      top + 20 * i + 9, col_))
    out.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


def main():
    matrix = sys.argv[1]
    cells = read_matrix(matrix)
    if sys.argv[2] == "--k":
        k = k_factors(sys.argv[3]).get("write4k")
        if not k:
            return 1
        print("%.2f" % k[0])
        return 0
    if sys.argv[2] == "--sweep":
        return sweep(cells, sys.argv[3])
    outdir = sys.argv[2]
    results = load_boot(cells, outdir, KERNELS)
    cells = [c for c in cells if any(c["name"] in results[k] for k in KERNELS)]
    ratios = {k: {} for k in KERNELS}
    for k in KERNELS:
        for c in cells:
            ratios[k][c["name"]] = ratio_of(cells, results, k, c,
                                            DIRECT_OF.get(c["mode"], "direct"))

    for k in KERNELS:
        i = boot_info(outdir, k)
        print("%-8s kernel %s, %s MiB, %s CPUs, %s s per cell, write %s ns, flush %s ms" % (
            k, i.get("kernel", "?"), i.get("memory_mb", "?"), i.get("cpus", "?"),
            i.get("runtime_s", "?"), i.get("lat_ns", "?"), i.get("flush_ms", "?")))
    print()
    print("K: how many times slower the guest's CPU ran than the host's")
    print("(bench/calibrate.c, same binary; ns per operation, guest / host, median")
    print("and range of the runs)")
    for k in KERNELS:
        for line in k_lines(k, os.path.join(outdir, k)):
            print(line)
    print()
    print("value: IOPS (4k), ops/s (dsync-load) or MiB/s (1m); p50/p99: completion")
    print("latency in us; ratio: to O_DIRECT (O_DIRECT|O_DSYNC for O_DSYNC modes) in")
    print("the same boot; peak: largest Dirty+Writeback during the cell, MiB;")
    print("cpu: us of CPU, all CPUs (flusher and workqueues too), per write")
    print()
    hdr = "%9s %-5s %7s %8s %5s %6s %6s" % ("value", "", "p50", "p99", "ratio",
                                           "peak", "cpu")
    print("%-32s %-51s | %-51s" % ("cell", "base", "patched"))
    print("%-32s %-51s | %-51s" % ("", hdr, hdr))
    for c in cells:
        print("%-32s %s | %s" % (
            c["name"],
            fmt_cell(c, results["base"].get(c["name"]), ratios["base"][c["name"]]),
            fmt_cell(c, results["patched"].get(c["name"]),
                     ratios["patched"][c["name"]])))
    print()
    for line in headline(cells, results):
        print(line)
    for name, other, goal in (("rand4k-qd32-j1-wt", "direct", "<= 1.5"),
                              ("rand4k-qd32-j1-buffered", "direct", None),
                              ("rand4k-qd1-j1-wt_dsync", "direct_dsync", "<= 1.5")):
        vals = "   ".join("%s %s" % (k, num(cpu_ratio(cells, results, k, name, other), "%.2f"))
                          for k in KERNELS)
        print("%-74s %s%s" % ("CPU per write, %s / %s" % (name, other), vals,
                              "   (goal %s)" % goal if goal else ""))
    print()
    for line in regression(cells, results):
        print(line)
    pglines = postgres(cells, results)
    if pglines:
        print()
        for line in pglines:
            print(line)
    svg(cells, results, ratios, os.path.join(outdir, "ratios.svg"))
    print()
    print("plot: %s; raw results: %s/{base,patched}/results"
          % (os.path.join(outdir, "ratios.svg"), outdir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
