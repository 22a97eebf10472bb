#!/usr/bin/env python3
"""How often a snippet shows every word of its query.

    python3 bench/snippet_coverage.py --search BIN [--search BIN2] --db DB CORPUS.jsonl [--queries 300] [--seed 40]

Makes two-word queries from the titles of CORPUS (two words of four letters or more, no stopword,
of one random title each), runs them through each rkn-search with --batch -n 10 on DB, and counts
the hits whose snippet highlights a form of each query word (forms mapped to their terms by
`rkn-search --analyze`). A hit may have a word in its title only, so 100% is not the ceiling.
With two binaries, also how many hits each shows more query words for (same docids expected).
"""
import argparse
import json
import os
import random
import subprocess
import tempfile


def queries(corpus, n, seed, stopwords):
    rng = random.Random(seed)
    rows = [json.loads(line) for line in open(corpus, encoding="utf-8")]
    out = []
    while len(out) < n:
        words = [w.strip(".,:;\"'!?()").lower() for w in rng.choice(rows).get("title", "").split()]
        words = [w for w in words if w.isalpha() and len(w) > 3 and w not in stopwords]
        if len(words) >= 3:
            out.append(" ".join(rng.sample(words, 2)))
    return out


def run(binary, db, qfile):
    out = subprocess.run([binary, "--db", db, "--batch", qfile, "-n", "10"], capture_output=True, text=True, check=True).stdout
    return [json.loads(line) for line in out.splitlines()]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--search", action="append", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--seed", type=int, default=40)
    ap.add_argument("corpus")
    a = ap.parse_args()
    data = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data", "stopwords-id.txt")
    stop = {l.strip() for l in open(data, encoding="utf-8") if l.strip() and not l.startswith("#")}
    qs = queries(a.corpus, a.queries, a.seed, stop)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write("\n".join(qs) + "\n")
    answers = [run(b, a.db, f.name) for b in a.search]
    os.unlink(f.name)
    forms = {w for q in qs for w in q.split()}
    for ans in answers:
        for j in ans:
            for h in j.get("hits", []):
                for b, e in h.get("highlights", []):
                    forms.update(h["snippet"][b:e].lower().split())
    analysed = subprocess.run([a.search[0], "--db", a.db, "--json", "--analyze", " ".join(sorted(forms))],
                              capture_output=True, text=True, check=True).stdout
    term = {}
    for t in json.loads(analysed):
        term.setdefault(t["token"], t["term"])

    def shown(q, h):
        lit = {term.get(x, x) for b, e in h.get("highlights", []) for x in h["snippet"][b:e].lower().split()}
        return sum(1 for t in {term.get(w, w) for w in q.split()} if t in lit)

    per_binary = []
    for b, ans in zip(a.search, answers):
        counts = [(j["query"], h["docid"], shown(j["query"], h)) for j in ans for h in j.get("hits", [])]
        every = sum(1 for q, _, n in counts if n == len(set(q.split())))
        print(f"{b}: {len(counts)} hits of {len(qs)} queries; snippet shows every query word: {every} ({100 * every / max(1, len(counts)):.1f}%)")
        per_binary.append(counts)
    if len(per_binary) == 2:
        more = sum(1 for x, y in zip(*per_binary) if y[2] > x[2])
        fewer = sum(1 for x, y in zip(*per_binary) if y[2] < x[2])
        print(f"second against first: more query words shown in {more} hits, fewer in {fewer}")


if __name__ == "__main__":
    main()
