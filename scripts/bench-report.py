#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Report on a benchmark run of scripts/bench.sh.

usage: scripts/bench-report.py MATRIX OUT

Reads OUT/base/results and OUT/patched/results (one fio JSON, exit status
and peak Dirty+Writeback per cell), prints a table of every cell for both
kernels, each cell's ratio to the O_DIRECT cell of the same shape in the
same boot, and the headline ratios P1-P5; writes OUT/ratios.svg.
"""
import json
import os
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


def load(outdir, kernel, cell):
    """The measured values of @cell, or None if it did not run."""
    res = os.path.join(outdir, kernel, "results")
    base = os.path.join(res, cell["name"])
    try:
        with open(base + ".rc") as f:
            rc = int(f.read().strip() or "1")
    except OSError:
        return None
    r = {"rc": rc, "error": None}
    try:
        with open(base + ".mem") as f:
            r["peak_dirty_wb_mib"] = int(f.read().strip()) / 1024
    except (OSError, ValueError):
        r["peak_dirty_wb_mib"] = 0.0
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
    return r


def value(cell, r):
    """What a cell is judged by: IOPS for 4 KiB writes, MiB/s for 1 MiB."""
    return r["iops"] if cell["pattern"] == "rand4k" else r["mib_s"]


def shape(cell):
    return (cell["dev"], cell["pattern"], cell["qd"], cell["jobs"],
            cell["size"])


def fmt_cell(cell, r, ratio):
    if r is None:
        return "%-44s" % "did not run"
    if r["error"]:
        return "%-44s" % ("n/a (%s)" % r["error"])
    v = value(cell, r)
    unit = "IOPS" if cell["pattern"] == "rand4k" else "MiB/s"
    rs = "%5.2f" % ratio if ratio is not None else "  -  "
    return "%9.0f %-5s %7.0f %8.0f %s %6.0f" % (
        v, unit, r["p50_us"], r["p99_us"], rs, r["peak_dirty_wb_mib"])


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
    p50 = lambda c, r: r["p50_us"]  # noqa: E731
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


def main():
    matrix, outdir = sys.argv[1], sys.argv[2]
    cells = read_matrix(matrix)
    results = {k: {} for k in KERNELS}
    for k in KERNELS:
        for c in cells:
            r = load(outdir, k, c)
            if r is not None:
                results[k][c["name"]] = r
    cells = [c for c in cells if any(c["name"] in results[k] for k in KERNELS)]
    ratios = {k: {} for k in KERNELS}
    for k in KERNELS:
        for c in cells:
            ratios[k][c["name"]] = ratio_of(cells, results, k, c,
                                            DIRECT_OF.get(c["mode"], "direct"))

    info = {}
    for k in KERNELS:
        try:
            with open(os.path.join(outdir, k, "results", "info")) as f:
                info[k] = dict(line.split(None, 1) for line in f.read().splitlines())
        except OSError:
            info[k] = {}
    for k in KERNELS:
        i = info[k]
        print("%-8s kernel %s, %s MiB, %s CPUs, %s s per cell" % (
            k, i.get("kernel", "?"), i.get("memory_mb", "?"), i.get("cpus", "?"),
            i.get("runtime_s", "?")))
    print()
    print("value: IOPS (4k) or MiB/s (1m); p50/p99: completion latency in us;")
    print("ratio: to O_DIRECT (O_DIRECT|O_DSYNC for O_DSYNC modes) in the same boot;")
    print("peak: largest Dirty+Writeback during the cell, MiB")
    print()
    hdr = "%9s %-5s %7s %8s %5s %6s" % ("value", "", "p50", "p99", "ratio", "peak")
    print("%-32s %-44s | %-44s" % ("cell", "base", "patched"))
    print("%-32s %-44s | %-44s" % ("", hdr, hdr))
    for c in cells:
        print("%-32s %s | %s" % (
            c["name"],
            fmt_cell(c, results["base"].get(c["name"]), ratios["base"][c["name"]]),
            fmt_cell(c, results["patched"].get(c["name"]),
                     ratios["patched"][c["name"]])))
    print()
    for line in headline(cells, results):
        print(line)
    svg(cells, results, ratios, os.path.join(outdir, "ratios.svg"))
    print()
    print("plot: %s; raw fio JSON: %s/{base,patched}/results"
          % (os.path.join(outdir, "ratios.svg"), outdir))


if __name__ == "__main__":
    main()
