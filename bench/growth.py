#!/usr/bin/env python3
"""rkn growth benchmark (issue "Scale and speed", item 4): index 1x, 2x, 4x and 8x the corpus
(replicas with distinct urls, so every copy is its own article) and report how indexing time,
database size, peak memory and query latency grow.

Called by bench/run.sh growth (which builds the binaries first). Standard library only, plus
gnuplot (Debian gnuplot-nox, installed with apt-get when missing and running as root) for the
plot. Writes the table into bench/README.md between the growth markers and the plot to
bench/growth.png.
"""
import argparse
import datetime
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402  (query generator, timing helpers)

REPO = bench.REPO
BEGIN = "<!-- growth:begin -->"
END = "<!-- growth:end -->"
log = bench.log


def write_replicas(corpus, path, factor, limit):
    """Writes `factor` copies of the first `limit` articles (0 = all) of `corpus` as JSON Lines.
    Copy r > 0 gets "#rep<r>" appended to its url (and id, if any), so rkn-index keeps each copy
    as its own article. Returns (articles written, titles of the first copy)."""
    rows = []
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            rows.append(line)
            if limit and len(rows) >= limit:
                break
    titles = []
    n = 0
    with open(path, "w", encoding="utf-8") as out:
        for r in range(factor):
            for line in rows:
                row = json.loads(line)
                if r == 0:
                    titles.append(" ".join(str(row.get("title") or "").split()))
                else:
                    for key in ("url", "id"):
                        if row.get(key):
                            row[key] = f"{row[key]}#rep{r}"
                    if not row.get("url") and not row.get("id"):
                        row["url"] = f"rep{r}:{n}"
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
                n += 1
    return n, titles


def batch_run(search_bin, db, qfile, count):
    """One warm-up and one timed `rkn-search --batch`; then a streamed run for per-query gaps.
    Returns (queries/s including startup, p50 s, p99 s)."""
    cmd = [search_bin, "--db", db, "--batch", qfile, "-n", "10"]
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    t0 = time.monotonic()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.monotonic() - t0
    gaps, _, _ = bench.batch_stream_times(search_bin, db, qfile)
    if not gaps:
        return count / wall, float("nan"), float("nan")
    return count / wall, bench.pct(gaps, 50), bench.pct(gaps, 99)


def ensure_gnuplot():
    if shutil.which("gnuplot"):
        return True
    if shutil.which("apt-get") and os.geteuid() == 0:
        log("gnuplot missing: apt-get install gnuplot-nox")
        subprocess.run(["apt-get", "install", "-y", "-q", "gnuplot-nox"], stdout=subprocess.DEVNULL)
    return shutil.which("gnuplot") is not None


def plot(rows, png, workdir, title):
    """Four log-log panels against the corpus factor, each with the linear-growth line through
    the first point (slope 1): indexing time, database size, peak RSS, query latency."""
    dat = os.path.join(workdir, "growth.dat")
    with open(dat, "w") as f:
        f.write("# factor articles wall_s db_mb rss_mb single_ms batch_p50_ms batch_p99_ms\n")
        for r in rows:
            f.write(f"{r['factor']} {r['articles']} {r['wall']:.3f} {r['db_mb']:.3f} {r['rss_mb']:.3f} "
                    f"{r['single_ms']:.3f} {r['p50_ms']:.4f} {r['p99_ms']:.4f}\n")
    base = rows[0]
    f1 = base["factor"]
    xmax = rows[-1]["factor"] * 1.3

    def linear(col):
        return f"({base[col]:.6f} * x / {f1})"

    script = f"""
set terminal pngcairo size 1200,900 font "sans,10"
set output "{png}"
set multiplot layout 2,2 title "{title}"
set logscale x 2
set logscale y 10
set xrange [{f1 / 1.3}:{xmax}]
set xtics ({", ".join(str(r["factor"]) for r in rows)})
set xlabel "corpus factor (x {base['articles'] // f1} articles)"
set key top left
set grid
set style data linespoints
set title "indexing time"
set ylabel "seconds"
plot "{dat}" using 1:3 title "rkn-index wall time" pt 7, {linear('wall')} title "linear growth" dt 2 lc rgb "gray"
set title "database size"
set ylabel "MB"
plot "{dat}" using 1:4 title "du -s" pt 7, {linear('db_mb')} title "linear growth" dt 2 lc rgb "gray"
set title "peak memory of rkn-index"
set ylabel "MB (max RSS)"
plot "{dat}" using 1:5 title "peak RSS" pt 7, {linear('rss_mb')} title "linear growth" dt 2 lc rgb "gray"
set title "query latency"
set ylabel "ms"
set key bottom left
plot "{dat}" using 1:6 title "one process per query (mean)" pt 7, \\
     "{dat}" using 1:7 title "batch p50" pt 5, \\
     "{dat}" using 1:8 title "batch p99" pt 9
unset multiplot
"""
    gp = os.path.join(workdir, "growth.gp")
    with open(gp, "w") as f:
        f.write(script)
    subprocess.run(["gnuplot", gp], check=True)


def report(run, rows, write_readme):
    """Prints the table of `rows` (one dict per factor) and, with `write_readme`, writes it into
    bench/README.md between the growth markers and draws bench/growth.png."""
    b0 = rows[0]
    sliced = f" (first {run['limit']} articles)" if run["limit"] else ""
    lines = [
        f"Run {run['started']} on {run['cpus']} CPUs ({run['model']}), {run['mem']} RAM; load average at start "
        f"{run['load0']:.2f}, at end {run['load1']:.2f}; {bench.other_cpu_note(run.get('others'))}.",
        f"rkn commit `{run['commit']}`; rkn-index with default options. Corpus: "
        f"`{run['corpus']}`{sliced}, "
        f"{b0['articles'] // b0['factor']} articles per copy.",
    ]
    if run["note"]:
        lines.append(run["note"])
    lines += [
        f"Command: `{run['command']}`",
        "",
        "| corpus | articles | index wall s | articles/s | peak RSS MB | db MB | db KB/article "
        "| query ms (1 process, mean) | batch q/s | batch p50 ms | batch p99 ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(f"| {r['factor']}x | {r['articles']} | {r['wall']:.1f} | {r['articles'] / r['wall']:.0f} | "
                     f"{r['rss_mb']:.0f} | {r['db_mb']:.0f} | {r['db_mb'] * 1024 / r['articles']:.1f} | "
                     f"{r['single_ms']:.1f} | {r['qps']:.0f} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f} |")
    if len(rows) > 1:
        last = rows[-1]
        g = last["factor"] / b0["factor"]
        lines += [
            "",
            f"Growth from {b0['factor']}x to {last['factor']}x ({g:.0f}x the articles): indexing time "
            f"{last['wall'] / b0['wall']:.1f}x, database size {last['db_mb'] / b0['db_mb']:.1f}x, peak RSS "
            f"{last['rss_mb'] / b0['rss_mb']:.1f}x, single-process query {last['single_ms'] / b0['single_ms']:.1f}x, "
            f"batch p50 {last['p50_ms'] / b0['p50_ms']:.1f}x, p99 {last['p99_ms'] / b0['p99_ms']:.1f}x.",
        ]
    lines += ["", "![growth](growth.png)"]
    table = "\n".join(lines)
    print(table)
    if not write_readme:
        return
    png = os.path.join(REPO, "bench", "growth.png")
    if ensure_gnuplot():
        plot(rows, png, run["workdir"], f"rkn growth: {run['corpus']} x{','.join(str(r['factor']) for r in rows)}")
        log(f"plot written to {png}")
    else:
        log("no gnuplot (apt-get install gnuplot-nox): plot not written")
    bench.write_readme_block(BEGIN, END, table)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=os.path.join(REPO, "..", "shared", "corpora", "clickid-2019.jsonl"))
    ap.add_argument("workdir", nargs="?", default="/tmp/rkn-growth")
    ap.add_argument("--build", default=os.path.join(REPO, "build-bench"))
    ap.add_argument("--factors", default="1,2,4,8")
    ap.add_argument("--limit", type=int, default=0, help="use the first N articles only (testing)")
    ap.add_argument("--queries", type=int, default=50, help="single-process queries per factor")
    ap.add_argument("--batch-queries", type=int, default=2000)
    ap.add_argument("--note", default="", help="a line to print above the table")
    ap.add_argument("--no-readme", action="store_true", help="print the table only; no README or PNG")
    ap.add_argument("--report-only", action="store_true",
                    help="no measuring: report WORKDIR/growth.json, which is saved after every factor "
                         "(so an interrupted run still reports the factors it finished)")
    ap.add_argument("--command", default="", help="the command line to record in the README")
    a = ap.parse_args()

    saved = os.path.join(a.workdir, "growth.json")
    if a.report_only:
        with open(saved) as f:
            state = json.load(f)
        if a.note:
            state["run"]["note"] = a.note
        report(state["run"], state["rows"], not a.no_readme)
        return

    idx_bin = os.path.join(a.build, "indexer", "rkn-index")
    search_bin = os.path.join(a.build, "searcher", "rkn-search")
    for b in (idx_bin, search_bin):
        if not os.access(b, os.X_OK):
            sys.exit(f"growth: missing binary {b} (run bench/run.sh growth, which builds it)")
    factors = [int(x) for x in a.factors.split(",")]
    os.makedirs(a.workdir, exist_ok=True)
    cpus, model, mem, load0 = bench.machine_info()
    run = dict(started=datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
               cpus=cpus, model=model, mem=mem, load0=load0[0], load1=load0[0], commit=bench.git_commit(),
               corpus=os.path.basename(a.corpus), limit=a.limit, note=a.note,
               command=a.command or " ".join(sys.argv), workdir=a.workdir)
    rows = []
    other = bench.OtherCpu()
    queries = batch = None
    for k in factors:
        jsonl = os.path.join(a.workdir, f"corpus-{k}x.jsonl")
        db = os.path.join(a.workdir, f"db-{k}x")
        n, titles = write_replicas(a.corpus, jsonl, k, a.limit)
        if queries is None:
            # The same queries at every factor (titles of the first copy).
            queries = bench.make_queries(titles, a.queries, 2019)
            batch = bench.make_queries(titles, a.batch_queries, 42)
            qfile = os.path.join(a.workdir, "batch-queries.txt")
            with open(qfile, "w") as f:
                f.write("\n".join(batch) + "\n")
        shutil.rmtree(db, ignore_errors=True)
        log(f"{k}x: {n} articles")
        wall, rss = bench.timed([idx_bin, jsonl, "--db", db, "-q"], f"growth-{k}x", a.workdir, ok_codes=(0, 3))
        size = bench.du_mb(db)
        lat = bench.per_process_latency([[search_bin, "--db", db, "-n", "10", q] for q in queries])
        qps, p50, p99 = batch_run(search_bin, db, qfile, len(batch))
        row = dict(factor=k, articles=n, wall=wall, rss_mb=rss, db_mb=size,
                   single_ms=statistics.mean(lat) * 1000, single_med_ms=statistics.median(lat) * 1000,
                   qps=qps, p50_ms=p50 * 1000, p99_ms=p99 * 1000)
        rows.append(row)
        log(f"{k}x: {wall:.1f} s, {n / wall:.0f} articles/s, {rss:.0f} MB RSS, db {size:.0f} MB, "
            f"single {row['single_ms']:.1f} ms, batch {qps:.0f} q/s p50 {row['p50_ms']:.2f} ms p99 {row['p99_ms']:.2f} ms")
        run["load1"] = os.getloadavg()[0]
        run["others"] = other.measure()
        with open(saved, "w") as f:
            json.dump(dict(run=run, rows=rows), f, indent=1)
        os.remove(jsonl)
        if k != factors[-1]:
            shutil.rmtree(db, ignore_errors=True)  # keep the largest one only (disk)
    report(run, rows, not a.no_readme)


if __name__ == "__main__":
    main()
