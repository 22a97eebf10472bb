#!/usr/bin/env python3
"""Single-query latency of one or more rkn-search binaries side by side with quest.

    python3 bench/latency_ab.py [--search BIN ...] [--workdir /tmp/rkn-bench] [--rounds 5]

Uses the databases and the 50 queries that bench/run.sh left in WORKDIR (db-rkn, db-omindex,
queries-50.txt). Every command runs once untimed (warm cache), then ROUNDS timed rounds
interleave the tools query by query. Prints, per tool, mean and median wall ms per process and
the user and system CPU ms per process (getrusage of the children), so an older build of
rkn-search (e.g. from `git worktree add`) can be compared with the current one in one run.
"""
import argparse
import os
import resource
import statistics
import subprocess
import time


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--search", action="append", help="rkn-search binary (repeatable)")
    ap.add_argument("--workdir", default="/tmp/rkn-bench")
    ap.add_argument("--rounds", type=int, default=5)
    a = ap.parse_args()
    bins = a.search or [os.path.join(here, "..", "build-bench", "searcher", "rkn-search")]
    qs = [l.strip() for l in open(os.path.join(a.workdir, "queries-50.txt")) if l.strip()]
    db_rkn, db_om = os.path.join(a.workdir, "db-rkn"), os.path.join(a.workdir, "db-omindex")
    quest = ["quest", "-m", "10", "-s", "indonesian", "-o", "and"]
    tools = {f"rkn-search {b}": (lambda q, b=b: [b, "--db", db_rkn, "-n", "10", q]) for b in bins}
    tools["quest, rkn's database"] = lambda q: quest + ["-d", db_rkn, q]
    tools["quest, omindex's database"] = lambda q: quest + ["-d", db_om, q]
    run = lambda cmd: subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for q in qs:
        for make in tools.values():
            run(make(q))
    wall = {k: [] for k in tools}
    cpu = {k: [0.0, 0.0] for k in tools}
    for _ in range(a.rounds):
        for q in qs:
            for k, make in tools.items():
                r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
                t0 = time.monotonic()
                run(make(q))
                wall[k].append(time.monotonic() - t0)
                r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu[k][0] += r1.ru_utime - r0.ru_utime
                cpu[k][1] += r1.ru_stime - r0.ru_stime
    n = len(qs) * a.rounds
    print(f"{len(qs)} queries x {a.rounds} rounds, interleaved")
    print("| tool | mean ms | median ms | user ms | system ms |")
    print("|---|---:|---:|---:|---:|")
    for k in tools:
        print(f"| {k} | {statistics.mean(wall[k]) * 1000:.2f} | {statistics.median(wall[k]) * 1000:.2f} | "
              f"{cpu[k][0] / n * 1000:.2f} | {cpu[k][1] / n * 1000:.2f} |")


if __name__ == "__main__":
    main()
