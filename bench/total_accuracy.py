#!/usr/bin/env python3
"""How exact rkn-search's reported total is: for the first N queries of queries-2000.txt (left by
bench/run.sh in WORKDIR), compares the `total` of `rkn-search --json -n 10` with the exact count
(`--count`), per rkn-search binary given (an older build from `git worktree add` for comparison).

    python3 bench/total_accuracy.py [--search BIN ...] [--workdir /tmp/rkn-bench] [--queries 300]

Prints, per binary, the queries with matches, how many totals were exact, and the mean, 90th
percentile and largest relative error of the total.
"""
import argparse
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import add_search_options, search_binaries  # noqa: E402  (bench/run.sh's)


def main():
    ap = argparse.ArgumentParser()
    add_search_options(ap)
    ap.add_argument("--queries", type=int, default=300)
    a = ap.parse_args()
    bins = search_binaries(a)
    db = os.path.join(a.workdir, "db-rkn")
    with open(os.path.join(a.workdir, "queries-2000.txt"), encoding="utf-8") as f:
        queries = [l.strip() for l in f if l.strip()][: a.queries]
    exact_counts = {}
    for q in queries:  # the exact count, from the first binary
        p = subprocess.run([bins[0], "--db", db, "--count", "--", q], capture_output=True, check=False)
        if p.returncode == 0 and int(p.stdout) > 0:
            exact_counts[q] = int(p.stdout)
    print("| rkn-search | queries with matches | total exact | mean error | p90 error | largest error |")
    print("|---|---:|---:|---:|---:|---:|")
    for b in bins:
        errors = []
        for q, n in exact_counts.items():
            p = subprocess.run([b, "--db", db, "--json", "-n", "10", "--", q], capture_output=True, check=False)
            errors.append(abs(json.loads(p.stdout)["total"] - n) / n)
        errors.sort()
        exact = sum(1 for e in errors if e == 0)
        print(f"| {b} | {len(errors)} | {exact} | {sum(errors) / len(errors):.3f} | "
              f"{errors[int(0.9 * len(errors))]:.3f} | {errors[-1]:.2f} |")


if __name__ == "__main__":
    main()
