#!/usr/bin/env python3
"""Why known-item search misses: the figures README "Measured quality" quotes.

    python3 bench/known_item_misses.py [CORPUS.jsonl] [WORKDIR] [--system dictionary]

Reads the per-query ranks bench/known_item.py wrote (WORKDIR/known_item-<system>.jsonl: query,
target url, rank, hits) and the corpus, and prints
- the share of the sampled titles' content words (not stopwords, data/stopwords-id.txt; letters
  and digits as known_item.py's neutralised query splits them) that occur, as written, among the
  words of their own article's text;
- the misses (target not ranked first), and how many of them have a first-ranked article holding
  more of the title's content words than the target does (often another site's report of the
  same story).
"""
import argparse
import json
import os
import re

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORD = re.compile(r"[^\W_]+(?:['.,-][^\W_]+)*")  # the neutralised query's words


def words(text):
    return set(WORD.findall(text.lower()))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", default=os.path.join(REPO, "..", "shared", "corpora", "clickid-2019.jsonl"))
    ap.add_argument("workdir", nargs="?", default="/tmp/rkn-ana")
    ap.add_argument("--system", default="dictionary")
    a = ap.parse_args()
    with open(os.path.join(REPO, "data", "stopwords-id.txt"), encoding="utf-8") as f:
        stop = {w.strip() for w in f if w.strip() and not w.startswith("#")}
    content = {}
    with open(a.corpus, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                content[r.get("url")] = str(r.get("content") or "")
    ranks = [json.loads(l) for l in open(os.path.join(a.workdir, f"known_item-{a.system}.jsonl"), encoding="utf-8")]
    title_words = found = misses = top_has_more = 0
    for r in ranks:
        q = {w for w in r["query"].split() if w not in stop}
        target = words(content.get(r["target"], ""))
        title_words += len(q)
        found += len(q & target)
        if r.get("rank") != 1:
            misses += 1
            top = r["hits"][0] if r.get("hits") else None
            if top and len(q & words(content.get(top, ""))) > len(q & target):
                top_has_more += 1
    print(f"{len(ranks)} queries ({a.system}); title content words found in their own article: "
          f"{found}/{title_words} = {found / max(title_words, 1):.0%}")
    print(f"misses (target not first): {misses}; first-ranked article holds more title words than the target: "
          f"{top_has_more}")


if __name__ == "__main__":
    main()
