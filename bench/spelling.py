#!/usr/bin/env python3
"""Spelling suggestions (issue 4, item 5): how often rkn-search's "did you mean" gives back the word a
typo was made from.

Standard library only. Usage:
  python3 bench/spelling.py --search BIN [--search BIN2 ...] DB CORPUS.jsonl [--sample N] [--seed S]

1. the words: the 3,000 most frequent words of CORPUS.jsonl's content and titles (runs of letters
   a-z, lowercased, counted once per article; 5 to 14 letters; ties by the word), minus
   data/stopwords-id.txt; --sample of them
   (default 400) drawn with random.Random(--seed, default 2019);
2. one typo per word and kind, with the same generator: a letter deleted, two neighbouring
   letters swapped, a letter replaced, a letter inserted (the letter and place drawn at random;
   a typo that occurs anywhere in CORPUS.jsonl is drawn again, up to 20 times, else skipped: only
   typos the corpus never writes are kept, so each one should get a suggestion);
3. every typo through one `rkn-search --db DB --batch -` per binary ({"query": typo, "limit": 0});
4. prints, per binary and kind, how many suggestions are the word (right), another word (wrong)
   or none (none).

With --one-article N it also draws N words that occur in exactly one article (5 to 14 letters,
random.Random(seed)), queries each alone and prints how many got a suggestion, how many of those
words the dictionary knows (their `--analyze` term is a root of data/kata-dasar.txt or
data/roots-extra.txt: rare real words such as kolera, offered a commoner neighbour) and the pairs,
for reading by hand: a word of one article is either a rare real word or a typo in the corpus.
--few-articles N does the same for N words that occur in 2 to 20 articles (a typo the corpus
writes more than once, or a name, an English word, a rare real word), the pairs with the word's
count of articles.
"""
import argparse
import collections
import json
import os
import random
import re
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LETTERS = "abcdefghijklmnopqrstuvwxyz"
KINDS = ("deletion", "transposition", "substitution", "insertion")


def corpus_words(corpus, top):
    df = collections.Counter()
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            r = json.loads(line)
            text = f"{r.get('title') or ''} {r.get('content') or ''}".lower()
            df.update(set(re.findall(r"[a-z]+", text)))
    with open(os.path.join(REPO, "data", "stopwords-id.txt"), encoding="utf-8") as f:
        stop = {w.strip() for w in f if w.strip() and not w.startswith("#")}
    ranked = sorted((w for w in df if 5 <= len(w) <= 14 and w not in stop), key=lambda w: (-df[w], w))
    return ranked[:top], df


def answers(binary, db, queries):
    """Each query alone (no hits) through one `BINARY --db DB --batch -`: its JSON answers, in order."""
    batch = "".join(json.dumps({"query": q, "limit": 0}) + "\n" for q in queries)
    p = subprocess.run([binary, "--db", db, "--batch", "-"], input=batch.encode(), capture_output=True, check=False)
    out = [json.loads(l) for l in p.stdout.decode().splitlines() if l.strip()]
    if len(out) != len(queries):
        sys.exit(f"spelling.py: {binary} gave {len(out)} answers for {len(queries)} queries: {p.stderr.decode()[:300]}")
    return out


def typo(word, kind, rng):
    i = rng.randrange(len(word))
    if kind == "deletion":
        return word[:i] + word[i + 1:]
    if kind == "transposition":
        i = rng.randrange(len(word) - 1)
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if kind == "substitution":
        return word[:i] + rng.choice([c for c in LETTERS if c != word[i]]) + word[i + 1:]
    return word[:i] + rng.choice(LETTERS) + word[i:]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("db")
    ap.add_argument("corpus")
    ap.add_argument("--search", action="append", required=True, help="rkn-search binary (repeatable)")
    ap.add_argument("--sample", type=int, default=400)
    ap.add_argument("--show-misses", action="store_true", help="print each typo not given back its word")
    ap.add_argument("--seed", type=int, default=2019)
    ap.add_argument("--one-article", type=int, default=0, metavar="N",
                    help="also query N words that occur in exactly one article (see above)")
    ap.add_argument("--few-articles", type=int, default=0, metavar="N",
                    help="also query N words that occur in 2 to 20 articles (see above)")
    args = ap.parse_args()

    words, df = corpus_words(args.corpus, 3000)
    rng = random.Random(args.seed)
    sample = rng.sample(words, min(args.sample, len(words)))
    cases = []  # (kind, word, typo)
    for w in sample:
        for kind in KINDS:
            for _ in range(20):
                t = typo(w, kind, rng)
                if t != w and df[t] == 0:
                    cases.append((kind, w, t))
                    break
    print(f"{len(sample)} words, {len(cases)} typos (seed {args.seed})")
    for binary in args.search:
        out = answers(binary, args.db, [t for _, _, t in cases])
        tally = {k: collections.Counter() for k in KINDS}
        for (kind, w, _), resp in zip(cases, out):
            s = resp.get("suggestion")
            tally[kind]["right" if s == w else "none" if s is None else "wrong"] += 1
            if args.show_misses and s != w:
                print(f"  miss {kind}: {_} -> {s} (the word: {w})")
        print(binary)
        total = collections.Counter()
        for kind in KINDS:
            c = tally[kind]
            total.update(c)
            n = sum(c.values())
            print(f"  {kind:14s} right {c['right']:4d} / {n} ({c['right'] / max(n, 1):.1%})  wrong {c['wrong']:4d}  none {c['none']:4d}")
        n = sum(total.values())
        print(f"  {'all':14s} right {total['right']:4d} / {n} ({total['right'] / max(n, 1):.1%})  wrong {total['wrong']:4d}  none {total['none']:4d}")
    if args.one_article:
        rare_words(args, df, 1, 1, args.one_article, "of one article")
    if args.few_articles:
        rare_words(args, df, 2, 20, args.few_articles, "of 2 to 20 articles")


def dictionary_roots():
    roots = set()
    for name in ("kata-dasar.txt", "roots-extra.txt"):
        with open(os.path.join(REPO, "data", name), encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if line and not line.startswith(("#", "-")):
                    roots.add(line.split()[0].lower())
    return roots


def rare_words(args, df, lo, hi, n, label):
    rare = sorted(w for w, c in df.items() if lo <= c <= hi and 5 <= len(w) <= 14)
    random.Random(args.seed).shuffle(rare)
    rare = rare[:n]
    roots = dictionary_roots()
    print(f"{len(rare)} words {label} (seed {args.seed})")
    for binary in args.search:
        out = answers(binary, args.db, rare)
        suggested = [(w, r["suggestion"]) for w, r in zip(rare, out) if r.get("suggestion")]
        a = subprocess.run([binary, "--json", "--analyze", " ".join(w for w, _ in suggested)], capture_output=True, check=False)
        term = {t["token"]: t["term"] for t in json.loads(a.stdout.decode() or "[]")}
        known = [(w, s) for w, s in suggested if term.get(w) in roots]
        print(binary)
        print(f"  suggested {len(suggested)} / {len(rare)}; of those, the dictionary knows {len(known)}")
        print("  known: " + ", ".join(f"{w} -> {s}" for w, s in known))
        print("  others: " + ", ".join(f"{w} ({df[w]}) -> {s}" for w, s in suggested if (w, s) not in known))


if __name__ == "__main__":
    main()
