#!/usr/bin/env python3
"""Where the cleaner ends a "Baca juga:" headline, measured (python3, standard library only).

Two measures, each run with one or more rkn-index binaries side by side:

  python3 bench/xref_headlines.py --index build/indexer/rkn-index --cases bench/data/xref_cases_antara.tsv
      Each case (tab-separated: name, sentence before, headline, article text after) becomes an
      ANTARA article whose line is "BEFORE Baca juga: HEADLINE AFTER"; a case is right when
      `rkn-index --explain` keeps exactly "BEFORE AFTER". Prints every wrong case and the count.

  python3 bench/xref_headlines.py --index OLD --index NEW --csv ../shared/corpora/raw-samples/wahyualvyy_antara_republika_2025.csv \
          --field content=isi --field title=judul
      Lists the spans each binary cuts that hold a "Baca" marker (word-level diff of the line and
      what is kept), and counts the spans that differ between the first binary and each other.
"""
import argparse
import difflib
import json
import os
import re
import subprocess
import sys
import tempfile


def explain(binary, data_dir, path, fields=()):
    cmd = [binary, "--explain", "--json", "--data-dir", data_dir, path]
    for f in fields:
        cmd += ["--field", f]
    out = subprocess.run(cmd, capture_output=True, text=True, check=False).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def run_cases(binaries, data_dir, cases_file):
    rows = []
    for line in open(cases_file, encoding="utf-8"):
        line = line.rstrip("\n")
        if line and not line.startswith("#"):
            rows.append(line.split("\t"))
    with tempfile.TemporaryDirectory() as tmp:
        for binary in binaries:
            right = 0
            for i, (name, before, headline, after) in enumerate(rows):
                path = os.path.join(tmp, f"c{i:02d}.txt")
                with open(path, "w", encoding="utf-8") as f:
                    f.write("Jakarta (ANTARA) - Paragraf pembuka berita ini menjelaskan peristiwa utama yang terjadi pada hari ini.\n\n")
                    f.write(f"{before} Baca juga: {headline} {after}\n\n")
                    f.write("Paragraf penutup berita ini berisi keterangan tambahan dari narasumber.\n")
                kept = next((o.get("kept", "") for o in explain(binary, data_dir, path) if o.get("line") == 3), None)
                norm = lambda s: (s or "").replace("\u201c", '"').replace("\u201d", '"')
                if norm(kept) == norm(f"{before} {after}"):
                    right += 1
                else:
                    print(f"{binary}: wrong: {name}\n  kept: {kept}")
            print(f"{binary}: {right} of {len(rows)} cases right")


def cut_spans(objects):
    spans = []
    for o in objects:
        if "text" not in o:
            continue
        a, b = o["text"].split(" "), o.get("kept", "").split(" ")
        for tag, i1, i2, _, _ in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
            seg = " ".join(a[i1:i2])
            if tag in ("delete", "replace") and re.search(r"baca", seg, re.I):
                spans.append((o["file"], seg))
    return spans


def run_csv(binaries, data_dir, path, fields):
    results = [cut_spans(explain(b, data_dir, path, fields)) for b in binaries]
    print(f"{binaries[0]}: {len(results[0])} cut spans hold a marker")
    for binary, spans in zip(binaries[1:], results[1:]):
        changed = [s for s in spans if s not in results[0]]
        for file, seg in changed:
            print(f"{binary}: {file}: cuts {seg[:200]}")
        print(f"{binary}: {len(spans)} cut spans hold a marker, {len(changed)} differ from {binaries[0]}'s")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--index", action="append", required=True, help="an rkn-index binary (repeatable)")
    ap.add_argument("--data-dir", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data"))
    ap.add_argument("--cases", help="tab-separated cases: name, before, headline, after")
    ap.add_argument("--csv", help="a CSV or JSONL dump to list the marker cuts of")
    ap.add_argument("--field", action="append", default=[], help="rkn-index --field mapping for --csv")
    args = ap.parse_args()
    if bool(args.cases) == bool(args.csv):
        ap.error("give --cases or --csv")
    if args.cases:
        run_cases(args.index, args.data_dir, args.cases)
    else:
        run_csv(args.index, args.data_dir, args.csv, args.field)


if __name__ == "__main__":
    sys.exit(main())
