#!/usr/bin/env python3
"""Counts the glued sentence ends that SpaceGluedSentences (common/text.cc) gives a space, in the
CLICK-ID dump and two raw samples, with its rule written again here. The figures README's "Input
formats" gives. Run from the repository root with ../shared present:

    python3 bench/glued_sentences.py
"""
import csv
import json
import re

csv.field_size_limit(10**9)
SHARED = "../shared/corpora"
DOMAINS = {"com", "org", "net", "gov", "edu", "info", "biz"}


def count(text):
    """The marks SpaceGluedSentences spaces in `text`."""
    n = 0
    for m in re.finditer(r"(?<=[a-z0-9)])[.!?](?=[A-Z][a-z]{2})", text):
        i = m.start()
        e = i + 1
        while e < len(text) and text[e].isascii() and text[e].isalpha():
            e += 1
        if text[i + 1:e].lower() in DOMAINS:
            continue
        b = i
        while b > 0 and not text[b - 1].isspace():
            b -= 1
        word = text[b:i]
        if "@" in word or "://" in word or word.startswith("www"):
            continue
        n += 1
    return n


def report(name, texts):
    counts = [count(t or "") for t in texts]
    print(f"{name}: {sum(counts)} glued sentence ends in {sum(c > 0 for c in counts)} of {len(counts)} articles")


report("clickid-2019.jsonl", (json.loads(line).get("content") for line in open(f"{SHARED}/clickid-2019.jsonl")))
for name, column in [("fazamina_detik_sentiment_2022-23.csv", "text"), ("svmihar_ALL_kompas_bisnis_kontan.csv", "content")]:
    report(name, [row[column] for row in csv.DictReader(open(f"{SHARED}/raw-samples/{name}"))])
