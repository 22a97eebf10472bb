#!/usr/bin/env python3
"""How alike are the articles `rkn-search --collapse` folds? Reads every document of an rkn
database (rkn-bench-dump-docs: fingerprint and cleaned text), groups them by fingerprint as
--collapse does, and measures the Jaccard similarity of the word 5-shingles of each folded pair.
Recall: candidate pairs of near-duplicates are found by MinHash LSH (20 bands of 2 hashes),
their similarity computed exactly, and the share of pairs at J >= 0.5 and >= 0.7 that share a
fingerprint reported. Deterministic (blake2b hashes, fixed seed).

Usage: python3 bench/collapse.py [--build BUILD] DB
"""
import argparse
import collections
import hashlib
import itertools
import json
import os
import random
import re
import subprocess
import sys

WORD = re.compile(r"[0-9a-z\x80-\uffff]+")
SHINGLE = 5
MASK = (1 << 64) - 1


def h64(s):
    return int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "little")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(os.path.dirname(__file__), "..", "build"))
    ap.add_argument("db")
    a = ap.parse_args()
    dumper = os.path.join(a.build, "bench", "rkn-bench-dump-docs")
    out = subprocess.run([dumper, a.db], check=True, capture_output=True, text=True).stdout
    fps, shingles = [], []
    for line in out.splitlines():
        fp, data = line.split("\t", 1)
        words = WORD.findall(json.loads(data).get("text", "").lower())
        fps.append(fp)
        shingles.append({h64(" ".join(words[i:i + SHINGLE])) for i in range(len(words) - SHINGLE + 1)})

    def jaccard(x, y):
        u = len(shingles[x] | shingles[y])
        return len(shingles[x] & shingles[y]) / u if u else 1.0

    groups = collections.defaultdict(list)
    for i, fp in enumerate(fps):
        groups[fp].append(i)
    pairs = [p for g in groups.values() if len(g) > 1 for p in itertools.combinations(g, 2)]
    sims = [jaccard(x, y) for x, y in pairs]
    folded = sum(len(g) - 1 for g in groups.values())

    rng = random.Random(2019)
    masks = [rng.getrandbits(64) for _ in range(40)]
    sigs = [[min(((v * 0x9E3779B97F4A7C15) ^ m) & MASK for v in s) if s else 0 for m in masks] for s in shingles]
    cand = set()
    for band in range(20):
        buckets = collections.defaultdict(list)
        for i, sig in enumerate(sigs):
            if shingles[i]:
                buckets[(sig[2 * band], sig[2 * band + 1])].append(i)
        for g in buckets.values():
            if len(g) < 50:  # a bucket that large is a shared template, not copies
                cand.update(itertools.combinations(g, 2))
    near = {p: jaccard(*p) for p in cand}

    def recall(th):
        t = [p for p, j in near.items() if j >= th]
        return sum(1 for x, y in t if fps[x] == fps[y]), len(t)

    print(f"documents {len(fps)}, folded by --collapse {folded}, folded pairs {len(pairs)}")
    if sims:
        for th in (0.1, 0.3, 0.5):
            print(f"  folded pairs with J >= {th}: {sum(s >= th for s in sims)} ({sum(s >= th for s in sims) / len(sims):.2f})")
    for th in (0.5, 0.7):
        got, of = recall(th)
        print(f"near-duplicate pairs with J >= {th}: {of}, folded {got} ({got / of if of else 0:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
