#!/usr/bin/env python3
"""Single-query latency of one or more rkn-search binaries side by side with quest.

    python3 bench/latency_ab.py [--search BIN ...] [--workdir /tmp/rkn-bench] [--rounds 5]

Uses the databases and the 50 queries that bench/run.sh left in WORKDIR (db-rkn, db-omindex,
queries-50.txt); with --startup also `rkn-search --version`, `rkn-search --db DB` without a query
(options parsed, then "no query given": no database opened), `rkn-search -n 0 QUERY` (the search
without hits or snippets), `quest --version` and rkn-bench-startup-floor (built beside the first
rkn-search: libxapian loaded, nothing done), the cost of starting a process before any search. Every command runs once untimed (warm cache), then ROUNDS timed rounds
interleave the tools query by query (bench.py's per_process_latency). Prints, per tool, mean and
median over the queries of the wall ms per process (mean over the rounds) and
the user and system CPU ms per process (getrusage of the children), so an older build of
rkn-search (e.g. from `git worktree add`) can be compared with the current one in one run.
"""
import argparse
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import add_search_options, per_process_latency, search_binaries  # noqa: E402  (bench/run.sh's)


def main():
    ap = argparse.ArgumentParser()
    add_search_options(ap)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--startup", action="store_true", help="also time `--version` of each tool (start-up only)")
    a = ap.parse_args()
    bins = search_binaries(a)
    qs = [l.strip() for l in open(os.path.join(a.workdir, "queries-50.txt")) if l.strip()]
    db_rkn, db_om = os.path.join(a.workdir, "db-rkn"), os.path.join(a.workdir, "db-omindex")
    quest = ["quest", "-m", "10", "-s", "indonesian", "-o", "and"]
    tools = {f"rkn-search {b}": [[b, "--db", db_rkn, "-n", "10", q] for q in qs] for b in bins}
    tools["quest, rkn's database"] = [quest + ["-d", db_rkn, q] for q in qs]
    tools["quest, omindex's database"] = [quest + ["-d", db_om, q] for q in qs]
    # Start-up alone (no database, no query): how much of the gap a process pays before searching.
    # `rkn-search --db DB` without a query parses its options and stops with "no query given"
    # before opening the database: start-up plus CLI11's option set-up and parsing. `-n 0` runs
    # the search without hits (no stored text read, no snippets). rkn-bench-startup-floor, built
    # beside rkn-search, loads libxapian and exits: what any Xapian tool pays to start.
    if a.startup:
        for b in bins:
            tools[f"rkn-search --version {b}"] = [[b, "--version"] for _ in qs]
            tools[f"rkn-search, options only {b}"] = [[b, "--db", db_rkn] for _ in qs]
            tools[f"rkn-search -n 0 {b}"] = [[b, "--db", db_rkn, "-n", "0", q] for q in qs]
        tools["quest --version"] = [["quest", "--version"] for _ in qs]
        floor = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(bins[0]))), "bench",
                             "rkn-bench-startup-floor")
        if os.path.exists(floor):
            tools["rkn-bench-startup-floor (libxapian loaded, nothing done)"] = [[floor] for _ in qs]
    cpu = []
    wall = per_process_latency(*tools.values(), rounds=a.rounds, cpu=cpu)
    n = len(qs) * a.rounds
    print(f"{len(qs)} queries x {a.rounds} rounds, interleaved")
    print("| tool | mean ms | median ms | user ms | system ms |")
    print("|---|---:|---:|---:|---:|")
    for k, w, (user, sys_s) in zip(tools, wall, cpu):
        print(f"| {k} | {statistics.mean(w) * 1000:.2f} | {statistics.median(w) * 1000:.2f} | "
              f"{user / n * 1000:.2f} | {sys_s / n * 1000:.2f} |")


if __name__ == "__main__":
    main()
