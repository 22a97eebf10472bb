#!/usr/bin/env python3
"""Known-item retrieval benchmark (issue 4, "Indonesian analysis"): MRR@10 of finding an article
by its lowercased title when the article was indexed without its title.

Standard library only. Steps (see bench/README.md):
  1. write WORKDIR/notitle.jsonl (every article: url, source, date, time, category, content; no
     title; the record id is the url) and WORKDIR/tree/NNN/NNNNNN.txt (the raw content only, for
     the anchor); files whose bytes did not change are not rewritten, so rkn-index's incremental
     run skips them;
  2. sample --sample articles (non-empty title and content) with random.Random(--seed);
  3. index: rkn-index --stemmer snowball, rkn-index (default dictionary stemmer), and the plain
     Xapian anchor rkn-bench-minimal (TermGenerator, Stem("indonesian"), no cleaning);
  4. query every sampled title, lowercased and neutralised (neutralise() below), through one
     `rkn-search --batch` process per database ({"query": ..., "any": true, "limit": 10}) and
     through `quest -d ANCHOR_DB -s indonesian -m 10` (BM25, default operator OR), one process
     per query;
  5. print MRR@10, success@1 and @10 per system, and write per-query ranks to
     WORKDIR/known_item-<system>.jsonl for failure analysis.

--and-words K (rkn systems only): a proxy for short research queries. The query is K words of the
title drawn with random.Random(seed + 1000) among its words that are all letters and not in
data/stopwords-id.txt, searched with the default all-words operator; titles with fewer such words
are left out. Ranks go to WORKDIR/known_item-<system>-and<K>.jsonl.

--stop-window (rkn systems only): a proxy for queries that write a stopword inside a name or a
compound ("aceh besar", "utang dalam negeri"). The query is a stopword of the title with the
non-stopword words beside it (one such window per title, drawn with random.Random(seed + 2000)),
searched with the default all-words operator. Ranks go to WORKDIR/known_item-<system>-stopwin.jsonl.
"""
import argparse
import hashlib
import json
import os
import random
import subprocess
import sys
import time
import unicodedata

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KEEP_FIELDS = ("url", "source", "date", "time", "category", "content")
# Characters kept when they join two letters/digits: word-internal for both Xapian's
# TermGenerator/QueryParser and rkn's lexer ("jong-un", "ma'ruf", "1.500", "3,5").
JOINERS = set("'\u2019-.,")


def log(msg):
    print(f"[known-item {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def is_alnum(ch):
    return unicodedata.category(ch)[0] in "LN"


def neutralise(title):
    """The query for a title: lowercased; every character that is not a letter or digit becomes a
    space, except an apostrophe, hyphen, full stop or comma between two letters/digits. Quotes,
    parentheses, ':', '+', '*', '=', a leading '-' and so on are query syntax for rkn and quest
    alike; lowercasing already disables the AND/OR/NOT/NEAR operators of both."""
    s = title.lower()
    out = []
    for i, ch in enumerate(s):
        if is_alnum(ch):
            out.append(ch)
        elif ch in JOINERS and 0 < i < len(s) - 1 and is_alnum(s[i - 1]) and is_alnum(s[i + 1]):
            out.append(ch)
        else:
            out.append(" ")
    return " ".join("".join(out).split())


def stopwords():
    """The words of data/stopwords-id.txt (comments and blank lines left out)."""
    with open(os.path.join(REPO, "data", "stopwords-id.txt"), encoding="utf-8") as f:
        return {w.strip() for w in f if w.strip() and not w.startswith("#")}


def write_if_changed(path, data):
    """Writes bytes to path unless it already holds exactly them. Returns True if written."""
    if os.path.exists(path) and os.path.getsize(path) == len(data):
        with open(path, "rb") as f:
            if hashlib.sha256(f.read()).digest() == hashlib.sha256(data).digest():
                return False
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)
    return True


def write_corpus(corpus, workdir):
    """Writes notitle.jsonl and the anchor's text tree. Returns (rows, tree path by row index)."""
    rows = []
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rows.append(json.loads(line))
    lines = []
    for r in rows:
        rec = {k: r[k] for k in KEEP_FIELDS if r.get(k) is not None}
        lines.append(json.dumps(rec, ensure_ascii=False))
    changed = write_if_changed(os.path.join(workdir, "notitle.jsonl"), ("\n".join(lines) + "\n").encode("utf-8"))
    tree = os.path.join(workdir, "tree")
    paths = []
    written = 0
    for i, r in enumerate(rows):
        sub = os.path.join(tree, f"{i // 1000:03d}")
        os.makedirs(sub, exist_ok=True)
        p = os.path.join(sub, f"{i:06d}.txt")
        written += write_if_changed(p, (str(r.get("content") or "") + "\n").encode("utf-8"))
        paths.append(p)
    log(f"corpus: {len(rows)} articles; notitle.jsonl {'written' if changed else 'unchanged'}, {written} tree files written")
    return rows, paths


def run(cmd, ok=(0,), **kw):
    """Runs cmd; exits unless its status is in ok."""
    log("$ " + " ".join(cmd))
    t = time.time()
    p = subprocess.run(cmd, check=False, **kw)
    if p.returncode not in ok:
        sys.exit(f"known_item.py: {cmd[0]} failed with status {p.returncode}")
    log(f"  {time.time() - t:.1f} s")


def rkn_ranks(search_bin, db, queries, targets, out_path, any_words=True):
    """Runs all queries through one rkn-search --batch; returns the rank (1-based) or 0 per query."""
    batch = "".join(json.dumps({"query": q, "any": any_words, "limit": 10}, ensure_ascii=False) + "\n" for q in queries)
    t = time.time()
    p = subprocess.run([search_bin, "--db", db, "--batch", "-"], input=batch.encode("utf-8"),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    if p.returncode not in (0, 2):
        sys.exit(f"known_item.py: rkn-search failed ({p.returncode}): {p.stderr.decode(errors='replace')}")
    out = [json.loads(l) for l in p.stdout.decode("utf-8").splitlines() if l.strip()]
    if len(out) != len(queries):
        sys.exit(f"known_item.py: rkn-search gave {len(out)} answers for {len(queries)} queries")
    ranks = []
    with open(out_path, "w", encoding="utf-8") as f:
        for q, target, resp in zip(queries, targets, out):
            hits = [h.get("url") or h.get("record") for h in resp.get("hits", [])]
            rank = hits.index(target) + 1 if target in hits else 0
            ranks.append(rank)
            f.write(json.dumps({"query": q, "target": target, "rank": rank, "error": resp.get("error"),
                                "parsed": resp.get("parsed_query"), "hits": hits}, ensure_ascii=False) + "\n")
    log(f"  rkn-search --batch {db}: {time.time() - t:.1f} s")
    return ranks


def quest_ranks(db, queries, targets, url_of_path, out_path):
    """One quest process per query (BM25, default OR, Snowball indonesian); rank or 0 per query."""
    t = time.time()
    ranks = []
    with open(out_path, "w", encoding="utf-8") as f:
        for q, target in zip(queries, targets):
            p = subprocess.run(["quest", "-d", db, "-s", "indonesian", "-m", "10", "--", q],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
            hits = []
            err = None
            if p.returncode != 0:
                err = p.stderr.decode("utf-8", errors="replace").strip()
            for line in p.stdout.decode("utf-8", errors="replace").splitlines():
                # "1: 12.3456 docid=42" followed by the document data (the file path) on its own line.
                line = line.strip()
                if line in url_of_path:
                    hits.append(url_of_path[line])
            rank = hits.index(target) + 1 if target in hits else 0
            ranks.append(rank)
            f.write(json.dumps({"query": q, "target": target, "rank": rank, "error": err, "hits": hits},
                               ensure_ascii=False) + "\n")
    log(f"  quest x{len(queries)}: {time.time() - t:.1f} s")
    return ranks


def summary(ranks):
    n = len(ranks)
    return {
        "mrr10": sum(1.0 / r for r in ranks if r) / n,
        "s1": sum(1 for r in ranks if r == 1) / n,
        "s10": sum(1 for r in ranks if r) / n,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", default=os.path.join(REPO, "..", "shared", "corpora", "clickid-2019.jsonl"))
    ap.add_argument("workdir", nargs="?", default="/tmp/rkn-ana")
    ap.add_argument("--build", default=os.path.join(REPO, "build"), help="build dir with rkn-index, rkn-search, rkn-bench-minimal")
    ap.add_argument("--sample", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=2019)
    ap.add_argument("--systems", default="quest,snowball,dictionary",
                    help="comma-separated subset of quest, snowball, dictionary")
    ap.add_argument("--jobs", type=int, default=1, help="rkn-index -j (default 1: the machine is shared)")
    ap.add_argument("--no-index", action="store_true", help="query the existing databases as they are")
    ap.add_argument("--and-words", type=int, default=0, metavar="K",
                    help="query K random non-stopword title words, all must match (rkn systems only)")
    ap.add_argument("--stop-window", action="store_true",
                    help="query a stopword of the title with the words beside it, all must match (rkn systems only)")
    args = ap.parse_args()

    os.makedirs(args.workdir, exist_ok=True)
    rows, paths = write_corpus(args.corpus, args.workdir)
    eligible = [i for i, r in enumerate(rows) if str(r.get("title") or "").strip() and str(r.get("content") or "").strip()]
    sample = random.Random(args.seed).sample(eligible, args.sample)
    queries = [neutralise(str(rows[i]["title"])) for i in sample]
    targets = [rows[i]["url"] for i in sample]
    log(f"{len(eligible)} eligible articles, {len(sample)} sampled (seed {args.seed})")
    suffix = ""
    if args.and_words:
        if "quest" in args.systems.split(","):
            sys.exit("known_item.py: --and-words applies to the rkn systems only")
        stop = stopwords()
        rnd = random.Random(args.seed + 1000)
        short = []
        for q, t in zip(queries, targets):
            words = [w for w in q.split() if w not in stop and w.isalpha()]
            if len(words) >= args.and_words:
                short.append((" ".join(rnd.sample(words, args.and_words)), t))
        queries = [q for q, _ in short]
        targets = [t for _, t in short]
        suffix = f"-and{args.and_words}"
        log(f"--and-words {args.and_words}: {len(queries)} titles with enough words")

    if args.stop_window:
        if "quest" in args.systems.split(",") or args.and_words:
            sys.exit("known_item.py: --stop-window applies to the rkn systems only, without --and-words")
        stop = stopwords()
        rnd = random.Random(args.seed + 2000)
        short = []
        for q, t in zip(queries, targets):
            words = q.split()
            content = [w.isalpha() and w not in stop for w in words]
            windows = []
            for i, w in enumerate(words):
                if w not in stop or not w.isalpha():
                    continue
                left = i > 0 and content[i - 1]
                right = i + 1 < len(words) and content[i + 1]
                if left or right:
                    windows.append(" ".join(words[i - left:i + 1 + right]))
            if windows:
                short.append((rnd.choice(windows), t))
        queries = [q for q, _ in short]
        targets = [t for _, t in short]
        suffix = "-stopwin"
        log(f"--stop-window: {len(queries)} titles with a stopword beside a word")

    index_bin = os.path.join(args.build, "indexer", "rkn-index")
    search_bin = os.path.join(args.build, "searcher", "rkn-search")
    minimal_bin = os.path.join(args.build, "bench", "rkn-bench-minimal")
    jsonl = os.path.join(args.workdir, "notitle.jsonl")
    systems = args.systems.split(",")
    results = {}
    for name in systems:
        out_path = os.path.join(args.workdir, f"known_item-{name}{suffix}.jsonl")
        if name == "quest":
            db = os.path.join(args.workdir, "anchor.db")
            stamp = os.path.join(args.workdir, "anchor.stamp")
            want = hashlib.sha256("\n".join(paths).encode() + open(args.corpus, "rb").read()).hexdigest()
            if not args.no_index and not (os.path.isdir(db) and os.path.exists(stamp) and open(stamp).read() == want):
                run([minimal_bin, db, os.path.join(args.workdir, "tree")], stdout=subprocess.DEVNULL)
                with open(stamp, "w") as f:
                    f.write(want)
            url_of_path = {p: rows[i]["url"] for i, p in enumerate(paths)}
            results[name] = quest_ranks(db, queries, targets, url_of_path, out_path)
        elif name in ("snowball", "dictionary"):
            db = os.path.join(args.workdir, f"rkn-{name}.db")
            if not args.no_index:
                # 3: finished, some records skipped (the articles without content).
                run([index_bin, jsonl, "--db", db, "--stemmer", name, "-j", str(args.jobs), "-q"], ok=(0, 3))
            results[name] = rkn_ranks(search_bin, db, queries, targets, out_path, any_words=not (args.and_words or args.stop_window))
        else:
            sys.exit(f"known_item.py: unknown system '{name}'")

    labels = {
        "quest": "quest -s indonesian, BM25, OR (plain Xapian index of the raw text)",
        "snowball": "rkn-search --any, rkn-index --stemmer snowball",
        "dictionary": "rkn-search --any, rkn-index (dictionary stemmer)",
    }
    what = (f"query = {args.and_words} random non-stopword title words, all must match" if args.and_words
            else "query = a stopword of the title with the words beside it, all must match" if args.stop_window
            else "query = lowercased title")
    print(f"Known-item search: {len(queries)} articles of {os.path.basename(args.corpus)} (seed {args.seed}), "
          f"{what}, article indexed without its title\n")
    print("| system | MRR@10 | found at 1 | found in top 10 |")
    print("|---|---:|---:|---:|")
    for name in systems:
        s = summary(results[name])
        label = labels[name].replace("--any", "(all words)") if args.and_words or args.stop_window else labels[name]
        print(f"| {label} | {s['mrr10']:.3f} | {s['s1']:.3f} | {s['s10']:.3f} |")
    print(f"\nPer-query ranks: {args.workdir}/known_item-<system>.jsonl")


if __name__ == "__main__":
    main()
