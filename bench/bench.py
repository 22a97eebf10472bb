#!/usr/bin/env python3
"""rkn benchmark (issue "Scale and speed", item 1): rkn-index vs omindex vs a minimal Xapian loop,
rkn-search vs quest, and rkn-search --batch throughput and per-query latency.

Called by bench/run.sh (which builds the binaries first). Standard library only.
Writes the results table into bench/README.md between the results markers and prints it.
"""
import argparse
import datetime
import json
import os
import pty
import random
import re
import resource
import select
import shutil
import statistics
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BEGIN = "<!-- results:begin -->"
END = "<!-- results:end -->"
WORD_RE = re.compile(r"^[a-z]{4,}$")


def log(msg):
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def write_tree(corpus, tree):
    """One .txt per article: title line, blank line, content. Returns (articles, bytes, titles)."""
    if os.path.isdir(tree):
        shutil.rmtree(tree)
    os.makedirs(tree)
    n = 0
    total = 0
    titles = []
    with open(corpus, encoding="utf-8") as f:
        for i, line in enumerate(f):
            line = line.strip()
            if not line:
                continue
            row = json.loads(line)
            title = " ".join(str(row.get("title") or "").split())
            content = str(row.get("content") or "")
            sub = os.path.join(tree, f"{i // 1000:03d}")
            os.makedirs(sub, exist_ok=True)
            data = f"{title}\n\n{content}\n".encode("utf-8")
            with open(os.path.join(sub, f"{i:06d}.txt"), "wb") as out:
                out.write(data)
            n += 1
            total += len(data)
            titles.append(title)
    return n, total, titles


def timed(cmd, label, workdir, ok_codes=(0,)):
    """Runs cmd; returns (wall seconds, peak RSS in MB). Raises on an exit code not in ok_codes
    (rkn-index exits 3 when it skipped some inputs, e.g. records without content)."""
    rss_file = os.path.join(workdir, f"time-{label}.txt")
    use_time = os.path.exists("/usr/bin/time")
    full = (["/usr/bin/time", "-v", "-o", rss_file] if use_time else []) + cmd
    log("run: " + " ".join(cmd))
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.monotonic()
    r = subprocess.run(full, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.monotonic() - t0
    if r.returncode not in ok_codes:
        raise RuntimeError(f"{label} failed ({r.returncode}): {r.stderr[-2000:]}")
    timed.last_stderr = r.stderr
    rss_kb = None
    if use_time:
        with open(rss_file) as f:
            for ln in f:
                if "Maximum resident set size" in ln:
                    rss_kb = int(ln.rsplit(":", 1)[1])
    if rss_kb is None:  # ru_maxrss is the max over all children so far: only exact if it grew
        rss_kb = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return wall, rss_kb / 1024.0


def du_mb(path):
    out = subprocess.run(["du", "-sk", path], capture_output=True, text=True, check=True).stdout
    return int(out.split()[0]) / 1024.0


def make_queries(titles, count, seed):
    """Deterministic queries from title words: 60% one word, 20% two words (AND), 20% phrases."""
    rng = random.Random(seed)
    qs = []
    while len(qs) < count:
        words = [w for w in titles[rng.randrange(len(titles))].lower().split() if WORD_RE.match(w)]
        if not words:
            continue
        kind = len(qs) % 5
        if kind < 3 or len(words) < 2:
            qs.append(rng.choice(words))
        elif kind == 3:
            a, b = rng.sample(words, 2)
            qs.append(f"{a} {b}")
        else:
            # adjacent pair of the raw title (both alphabetic) as a phrase
            raw = titles[rng.randrange(len(titles))].lower().split()
            pairs = [(x, y) for x, y in zip(raw, raw[1:]) if WORD_RE.match(x) and WORD_RE.match(y)]
            if not pairs:
                continue
            x, y = rng.choice(pairs)
            qs.append(f'"{x} {y}"')
    return qs


def add_search_options(ap):
    """The options of the scripts that run rkn-search builds on bench/run.sh's WORKDIR."""
    ap.add_argument("--search", action="append", help="rkn-search binary (repeatable)")
    ap.add_argument("--workdir", default="/tmp/rkn-bench")


def search_binaries(args):
    """The --search binaries given, else build-bench's rkn-search."""
    here = os.path.dirname(os.path.abspath(__file__))
    return args.search or [os.path.join(here, "..", "build-bench", "searcher", "rkn-search")]


def per_process_latency(*cmd_lists, rounds=3, cpu=None):
    """Runs every command of every list once to warm the cache, then `rounds` times timed,
    interleaved (query i of list 1, of list 2, ..., then query i+1), so that the tools share the
    machine's state. Returns one list of seconds per list (the mean over the rounds per query).
    When `cpu` is a list, appends [user seconds, system seconds] per list, summed over the timed
    runs (getrusage of the children)."""
    for cmds in cmd_lists:
        for c in cmds:
            subprocess.run(c, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    out = [[0.0] * len(cmds) for cmds in cmd_lists]
    used = [[0.0, 0.0] for _ in cmd_lists]
    for _ in range(rounds):
        for i in range(len(cmd_lists[0])):
            for k, cmds in enumerate(cmd_lists):
                r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
                t0 = time.monotonic()
                subprocess.run(cmds[i], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                out[k][i] += (time.monotonic() - t0) / rounds
                r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
                used[k][0] += r1.ru_utime - r0.ru_utime
                used[k][1] += r1.ru_stime - r0.ru_stime
    if cpu is not None:
        cpu.extend(used)
    return out


def batch_stream_times(search_bin, db, qfile):
    """Runs one `rkn-search --batch FILE` with stdout on a pty (so stdio flushes every line) and
    timestamps each output line as it arrives. Returns (gaps between consecutive lines,
    queries/s from the first to the last line, seconds from launch to the first line)."""
    master, slave = pty.openpty()
    t0 = time.monotonic()
    # raw-ish: no \n -> \r\n translation worries, we split on \n and strip \r anyway
    p = subprocess.Popen([search_bin, "--db", db, "--batch", qfile, "-n", "10"],
                         stdin=subprocess.DEVNULL, stdout=slave, stderr=subprocess.DEVNULL)
    os.close(slave)
    stamps = []
    buf = b""
    while True:
        r, _, _ = select.select([master], [], [], 30)
        if not r:
            break
        try:
            chunk = os.read(master, 1 << 16)
        except OSError:  # EIO when the child closed the pty
            break
        if not chunk:
            break
        now = time.monotonic()
        buf += chunk
        while b"\n" in buf:
            _, buf = buf.split(b"\n", 1)
            stamps.append(now)
    p.wait()
    os.close(master)
    gaps = [b - a for a, b in zip(stamps, stamps[1:])]
    steady = (len(stamps) - 1) / (stamps[-1] - stamps[0]) if len(stamps) > 1 and stamps[-1] > stamps[0] else 0.0
    first = stamps[0] - t0 if stamps else 0.0
    return gaps, steady, first


def pct(xs, p):
    s = sorted(xs)
    k = min(len(s) - 1, max(0, int(round(p / 100.0 * (len(s) - 1)))))
    return s[k]


def machine_info():
    model = "?"
    with open("/proc/cpuinfo") as f:
        for ln in f:
            if ln.startswith("model name"):
                model = ln.split(":", 1)[1].strip()
                break
    mem = "?"
    with open("/proc/meminfo") as f:
        for ln in f:
            if ln.startswith("MemTotal"):
                mem = f"{int(ln.split()[1]) / 1024 / 1024:.1f} GiB"
    return os.cpu_count(), model, mem, os.getloadavg()


def _busy_seconds():
    """CPU-seconds the whole machine has been busy since boot (/proc/stat), or None."""
    try:
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:9]]
    except (OSError, ValueError):
        return None
    idle = v[3] + v[4]  # idle + iowait; the rest of user nice system idle iowait irq softirq steal
    return (sum(v) - idle) / os.sysconf("SC_CLK_TCK")


def _own_seconds():
    s = resource.getrusage(resource.RUSAGE_SELF)
    c = resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime


class OtherCpu:
    """CPU time used by other processes while the benchmark runs: the machine's busy time minus
    this process's and its (waited-for) children's. Kernel threads working for the benchmark
    (writeback) count as others, so a few CPU-seconds are normal on an idle machine."""

    def __init__(self):
        self.t0 = time.monotonic()
        self.busy0 = _busy_seconds()
        self.own0 = _own_seconds()

    def measure(self):
        """(CPU-seconds of others, their share of the machine), or None off Linux."""
        busy = _busy_seconds()
        if busy is None or self.busy0 is None:
            return None
        others = max(0.0, (busy - self.busy0) - (_own_seconds() - self.own0))
        return others, others / max(1e-9, (time.monotonic() - self.t0) * (os.cpu_count() or 1))


def other_cpu_note(measured):
    """The header's words on other processes, from OtherCpu.measure() (or a saved copy)."""
    if not measured:
        return "other processes' CPU use was not measured"
    seconds, share = measured
    text = f"other processes used {seconds:.0f} CPU-s during the run ({share * 100:.0f}% of the machine)"
    return text + (" (**busy machine: numbers are noisy**)" if share > 0.10 else "")


def git_commit():
    try:
        rev = subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"], capture_output=True,
                             text=True, check=True).stdout.strip()
        # The benchmarks' own result files do not count (the main run writes README.md before
        # the growth run reads the commit).
        dirty = subprocess.run(["git", "-C", REPO, "status", "--porcelain", "--untracked-files=no", "--", ".",
                                ":!bench/README.md", ":!bench/growth.png"],
                               capture_output=True, text=True).stdout.strip()
        return rev + (" (+uncommitted changes in the tree)" if dirty else "")
    except Exception:
        return "?"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=os.path.join(REPO, "..", "shared", "corpora", "clickid-2019.jsonl"))
    ap.add_argument("workdir", nargs="?", default="/tmp/rkn-bench")
    ap.add_argument("--build", default=os.path.join(REPO, "build-bench"))
    ap.add_argument("--queries", type=int, default=50)
    ap.add_argument("--batch-queries", type=int, default=2000)
    ap.add_argument("--index-rounds", type=int, default=2,
                    help="rounds of the indexing runs, interleaved (each tool once per round, into a fresh "
                         "database); a tool's wall time is its best round")
    ap.add_argument("--no-readme", action="store_true", help="print the table only")
    ap.add_argument("--command", default="", help="the command line to record in the README")
    a = ap.parse_args()

    idx_bin = os.path.join(a.build, "indexer", "rkn-index")
    search_bin = os.path.join(a.build, "searcher", "rkn-search")
    minimal_bin = os.path.join(a.build, "bench", "rkn-bench-minimal")
    for b in (idx_bin, search_bin, minimal_bin):
        if not os.access(b, os.X_OK):
            sys.exit(f"bench: missing binary {b} (run bench/run.sh, which builds it)")
    for tool in ("omindex", "quest"):
        if not shutil.which(tool):
            sys.exit(f"bench: {tool} not found (apt-get install xapian-omega xapian-tools)")

    os.makedirs(a.workdir, exist_ok=True)
    tree = os.path.join(a.workdir, "tree")
    started = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    cpus, model, mem, load0 = machine_info()
    other = OtherCpu()
    log(f"writing text tree from {a.corpus}")
    n_docs, n_bytes, titles = write_tree(a.corpus, tree)
    mb = n_bytes / 1e6
    log(f"{n_docs} articles, {mb:.1f} MB of text")

    dbs = {k: os.path.join(a.workdir, f"db-{k}") for k in ("rkn", "rkn-nospell", "rkn-j1", "rkn-jsonl", "rkn-snowball", "omindex", "minimal")}
    for d in dbs.values():
        shutil.rmtree(d, ignore_errors=True)
    jobs = str(cpus or 2)
    runs = [
        ("rkn", f"rkn-index (default: -j{jobs} = all cores, spelling on)", [idx_bin, tree, "--db", dbs["rkn"], "-q"]),
        ("rkn-nospell", "rkn-index --no-spelling", [idx_bin, tree, "--db", dbs["rkn-nospell"], "-q", "--no-spelling"]),
        ("rkn-j1", "rkn-index -j1 (one thread)", [idx_bin, tree, "--db", dbs["rkn-j1"], "-q", "-j", "1"]),
        ("rkn-jsonl", "rkn-index on the .jsonl file itself (default options)", [idx_bin, a.corpus, "--db", dbs["rkn-jsonl"], "-q"]),
        # Issue 4: the dictionary stemmer (memoised) must index within 10% of Snowball's time.
        ("rkn-snowball", "rkn-index --stemmer snowball", [idx_bin, tree, "--db", dbs["rkn-snowball"], "-q", "--stemmer", "snowball"]),
        ("omindex", "omindex -s indonesian", ["omindex", "--db", dbs["omindex"], "--url", "/", "-s", "indonesian",
                                              "--overwrite", "-e", "skip", tree]),
        ("minimal", "minimal Xapian loop", [minimal_bin, dbs["minimal"], tree]),
    ]
    idx = {}
    rkn_ok = (0, 3)  # rkn-index exits 3 when it skipped inputs (e.g. records without content)
    # Rounds interleave the tools, so that a slow spell of a shared host (seen: the same omindex
    # run taking 26.6 s and 35.1 s an hour apart) weighs on all of them; each tool's best round is
    # the least disturbed estimate of its cost.
    for rnd in range(max(1, a.index_rounds)):
        for key, label, cmd in runs:
            shutil.rmtree(dbs[key], ignore_errors=True)
            wall, rss = timed(cmd, key, a.workdir, ok_codes=rkn_ok if cmd[0] == idx_bin else (0,))
            prev = idx.get(key, dict(walls=[], rss=0.0))
            idx[key] = dict(label=label, wall=min(prev["walls"] + [wall]), walls=prev["walls"] + [wall],
                            rss=max(prev["rss"], rss), size=du_mb(dbs[key]))
            log(f"round {rnd + 1}: {label}: {wall:.1f} s, {rss:.0f} MB RSS, db {idx[key]['size']:.0f} MB")

    # Incremental: the same command again over the unchanged input must do almost nothing
    # (without -q, so its summary line shows what it did).
    incremental = []
    for key, what in (("rkn", "one .txt per article"), ("rkn-jsonl", "the .jsonl file")):
        cmd = [c for c in next(c for k, _, c in runs if k == key) if c != "-q"]
        wall, _ = timed(cmd, key + "-rerun", a.workdir, ok_codes=rkn_ok)
        summary = (timed.last_stderr.strip().splitlines() or [""])[-1]
        incremental.append(dict(what=what, full=idx[key]["wall"], rerun=wall, summary=summary))
        log(f"rerun over unchanged {what}: {wall:.2f} s ({summary})")

    # Query latency, one process per query.
    queries = make_queries(titles, a.queries, 2019)
    qfile50 = os.path.join(a.workdir, "queries-50.txt")
    with open(qfile50, "w") as f:
        f.write("\n".join(queries) + "\n")
    log(f"{len(queries)} single-process queries each for rkn-search and quest (both databases)")
    quest = ["quest", "-m", "10", "-s", "indonesian", "-o", "and"]
    rkn_lat, quest_lat, quest_om_lat = per_process_latency(
        [[search_bin, "--db", dbs["rkn"], "-n", "10", q] for q in queries],
        [quest + ["-d", dbs["rkn"], q] for q in queries],
        [quest + ["-d", dbs["omindex"], q] for q in queries])
    # Batch throughput.
    bq = make_queries(titles, a.batch_queries, 42)
    qfile = os.path.join(a.workdir, f"queries-{len(bq)}.txt")
    with open(qfile, "w") as f:
        f.write("\n".join(bq) + "\n")
    log(f"batch of {len(bq)} queries")
    subprocess.run([search_bin, "--db", dbs["rkn"], "--batch", qfile, "-n", "10"], stdout=subprocess.DEVNULL)
    # Best of three runs, as for indexing: the least disturbed estimate on a shared host.
    batch_walls = []
    for _ in range(3):
        t0 = time.monotonic()
        r = subprocess.run([search_bin, "--db", dbs["rkn"], "--batch", qfile, "-n", "10"], stdout=subprocess.PIPE)
        batch_walls.append(time.monotonic() - t0)
    batch_wall = min(batch_walls)
    out_lines = r.stdout.decode("utf-8", "replace").splitlines()
    errors = 0
    for ln in out_lines:
        try:
            errors += "error" in json.loads(ln)
        except ValueError:
            errors += 1
    gaps, steady_qps, first_line = batch_stream_times(search_bin, dbs["rkn"], qfile)
    load1 = os.getloadavg()
    others = other.measure()

    def row(key):
        d = idx[key]
        return (f"| {d['label']} | {d['wall']:.1f} | {n_docs / d['wall']:.0f} | {mb / d['wall']:.2f} | "
                f"{d['rss']:.0f} | {d['size']:.0f} | {', '.join(f'{w:.1f}' for w in d['walls'])} |")

    om = idx["omindex"]
    lines = [
        f"Run {started} on {cpus} CPUs ({model}), {mem} RAM; load average at start "
        f"{load0[0]:.2f}, at end {load1[0]:.2f}; {other_cpu_note(others)}.",
        f"rkn commit `{git_commit()}`. Corpus: {n_docs} articles, {mb:.1f} MB of text "
        f"(`{os.path.basename(a.corpus)}`, one .txt per article).",
        f"Command: `{a.command or ' '.join(sys.argv)}`",
        "",
        f"### Indexing: best of {max(1, a.index_rounds)} interleaved rounds (every round's wall s in the last column)",
        "",
        "| indexer | wall s | articles/s | MB/s | peak RSS MB | db MB | rounds s |",
        "|---|---:|---:|---:|---:|---:|---|",
    ] + [row(k) for k, _, _ in runs] + [
        "",
        "| ratio | throughput (higher = rkn faster) | peak RSS | db size |",
        "|---|---:|---:|---:|",
    ]
    for key in ("rkn", "rkn-nospell", "rkn-j1"):
        for base in ("omindex", "minimal"):
            d, b = idx[key], idx[base]
            lines.append(f"| {d['label']} / {b['label']} | {b['wall'] / d['wall']:.2f}x | "
                         f"{d['rss'] / b['rss']:.2f}x | {d['size'] / b['size']:.2f}x |")
    rk_mean, qu_mean = statistics.mean(rkn_lat), statistics.mean(quest_lat)
    rk_med, qu_med = statistics.median(rkn_lat), statistics.median(quest_lat)
    qo_mean, qo_med = statistics.mean(quest_om_lat), statistics.median(quest_om_lat)
    lines += [
        "",
        f"### Query latency: {len(queries)} queries, one process per query, -n/-m 10, warm cache, "
        "3 interleaved rounds",
        "",
        "| tool | mean ms | median ms |",
        "|---|---:|---:|",
        f"| rkn-search (10 hits with snippets) | {rk_mean * 1000:.2f} | {rk_med * 1000:.2f} |",
        f"| quest -s indonesian -o and, on rkn's database | {qu_mean * 1000:.2f} | {qu_med * 1000:.2f} |",
        f"| quest -s indonesian -o and, on omindex's database | {qo_mean * 1000:.2f} | {qo_med * 1000:.2f} |",
        f"| ratio rkn/quest, same database | {rk_mean / qu_mean:.2f} | {rk_med / qu_med:.2f} |",
        f"| ratio rkn/quest, omindex's database | {rk_mean / qo_mean:.2f} | {rk_med / qo_med:.2f} |",
        "",
        f"### Batch: `rkn-search --batch` over {len(bq)} queries",
        "",
        "| measure | value |",
        "|---|---:|",
        f"| wall time (incl. startup; best of 3 runs: {', '.join(f'{w:.2f}' for w in batch_walls)}) | {batch_wall:.2f} s |",
        f"| throughput | {len(bq) / batch_wall:.0f} queries/s |",
        f"| throughput after the first answer (streamed run) | {steady_qps:.0f} queries/s |",
        f"| startup + first query (streamed run) | {first_line * 1000:.0f} ms |",
        f"| output lines / error lines (queries that failed) | {len(out_lines)} / {errors} |",
        f"| per-query p50 (streamed, {len(gaps)} gaps) | {pct(gaps, 50) * 1000:.2f} ms |" if gaps else "| per-query p50 | n/a |",
        f"| per-query p99 | {pct(gaps, 99) * 1000:.2f} ms |" if gaps else "| per-query p99 | n/a |",
        "",
        "### Incremental: a second run over the unchanged input (same command and database, without -q)",
        "",
        "| input | full run s | second run s | % of full | rkn-index summary of the second run |",
        "|---|---:|---:|---:|---|",
    ] + [
        f"| {r['what']} | {r['full']:.1f} | {r['rerun']:.2f} | {100 * r['rerun'] / r['full']:.1f}% | "
        f"{r['summary'].replace('rkn-index: ', '').replace('|', '/')} |" for r in incremental
    ] + [
        "",
        "### Against the bars in the issues",
        "",
        "| bar | measured | met? |",
        "|---|---:|---|",
    ]
    thr = om["wall"] / idx["rkn"]["wall"]
    thr_best = max(om["wall"] / idx[k]["wall"] for k in ("rkn", "rkn-nospell", "rkn-j1"))
    rss_max = max(idx[k]["rss"] for k in ("rkn", "rkn-nospell", "rkn-j1", "rkn-jsonl", "rkn-snowball"))
    dict_vs_snowball = idx["rkn"]["wall"] / idx["rkn-snowball"]["wall"]
    inc_max = max(100 * r["rerun"] / r["full"] for r in incremental)
    qps = len(bq) / batch_wall
    yes = lambda ok: "yes" if ok else "**no**"
    lines += [
        f"| rkn-index >= 2x omindex throughput | {thr:.2f}x default, {thr_best:.2f}x best variant | {yes(thr >= 2)} |",
        f"| rkn-index peak RSS <= 400 MB | {rss_max:.0f} MB (max of variants) | {yes(rss_max <= 400)} |",
        f"| dictionary stemmer indexes within 10% of Snowball's time | {dict_vs_snowball:.2f}x (default / --stemmer snowball) | "
        f"{yes(dict_vs_snowball <= 1.10)} |",
        f"| rkn-search/quest latency ratio <= 1.0 (same database) | {rk_mean / qu_mean:.2f} (mean) | "
        f"{yes(rk_mean / qu_mean <= 1.0)} |",
        f"| batch >= 2,000 queries/s | {qps:.0f} | {yes(qps >= 2000)} |",
        f"| second run over unchanged input <= 5% of the full run | {inc_max:.1f}% (worst of .txt tree and .jsonl) | "
        f"{yes(inc_max <= 5)} |",
    ]
    table = "\n".join(lines)
    print(table)
    if not a.no_readme:
        write_readme_block(BEGIN, END, table)


def write_readme_block(begin, end, table):
    """Replaces the text between the `begin` and `end` markers of bench/README.md with `table`
    (appends the block when the markers are missing)."""
    path = os.path.join(REPO, "bench", "README.md")
    text = open(path, encoding="utf-8").read()
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        _, tail = rest.split(end, 1)
        text = head + begin + "\n" + table + "\n" + end + tail
    else:
        text += f"\n{begin}\n{table}\n{end}\n"
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    log(f"results written to {path}")


if __name__ == "__main__":
    main()
