#!/usr/bin/env python3
"""Extracts articles from ../shared/corpora into tests/data/labelled/ for hand labelling.

Each article becomes NAME.txt with every line prefixed "K\t" (the annotator then changes the
boilerplate lines to "D\t" by reading the article; never by running the cleaner) and NAME.json
with the structured hints the indexer's reader would pass (title, source, url, date, time).
Lines are exactly what the indexer's reader gives the cleaner: the selected records are written to
one JSONL file (fields id, title, content, date, time, source, url) and read back through the real
reader by --dump-tool (a small program calling rkn::ReadInputFile and printing each RawDocument as
JSON: {"record", "text", "title", ...}), so comma-joined paragraphs are split at sentence ends,
mojibake is repaired and the text is NFC-normalised with quotes/dashes folded. Without
--dump-tool a Python approximation of the same steps is used.

Usage: scripts/make_labelled.py --dump-tool PATH [--shared ../shared] [--out tests/data/labelled]
Existing files are never overwritten (labels are precious).
"""
import argparse, csv, json, os, re, sys

FOLD = {'\u2018': "'", '\u2019': "'", '\u201a': "'", '\u201b': "'", '\u201c': '"', '\u201d': '"',
        '\u201e': '"', '\u2013': '-', '\u2014': '-', '\u2212': '-', '\u00a0': ' ', '\u2026': '...',
        '\u200b': '', '\ufeff': '', '\t': ' '}


def norm(s):
    s = s.replace('\r\n', '\n').replace('\r', '\n')
    return ''.join(FOLD.get(c, c) for c in s)


def split_comma_joined(text):
    """Python copy of SplitCommaJoinedParagraphs in common/records.cc."""
    out, i = [], 0
    ends = lambda o: bool(o) and o[-1] in '.!?:"\'\u201d\u2019'
    while i < len(text):
        if text[i] != ',':
            out.append(text[i]); i += 1; continue
        j = i
        while j < len(text) and text[j] == ',':
            j += 1
        rest = text[j:]
        cur = ''.join(out)
        if not rest.strip() and (j - i > 1 or ends(cur) or not cur):
            break
        if ends(cur) and rest and (rest[0].isupper() and rest[0].isascii() or rest[0] in '"\'\u201c\u2018'):
            out.append('\n')
        else:
            out.append(text[i:j])
        i = j
    return ''.join(out)


PENDING = []


def write(out, name, lines, hints):
    txt = os.path.join(out, name + '.txt')
    if os.path.exists(txt):
        return
    with open(txt, 'w') as f:
        for l in lines:
            f.write('K\t' + l + '\n')
    with open(os.path.join(out, name + '.json'), 'w') as f:
        json.dump({'hints': hints}, f, ensure_ascii=False, indent=1)
        f.write('\n')


def queue(name, content, hints):
    """Records an article to be read back through the reader."""
    PENDING.append((name, content, hints))


def flush(out, dump_tool):
    import subprocess, tempfile
    if dump_tool:
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, 'sel.jsonl'), 'w') as f:
                for name, content, hints in PENDING:
                    rec = dict(hints)
                    rec['id'] = name
                    rec['content'] = content
                    f.write(json.dumps(rec, ensure_ascii=False) + '\n')
            res = subprocess.run([dump_tool, d], capture_output=True, text=True, check=True)
            docs = {j['record']: j for j in map(json.loads, res.stdout.splitlines())}
        for name, content, hints in PENDING:
            doc = docs[name]
            h = {k: doc[k] for k in ('title', 'source', 'url', 'date', 'time') if doc.get(k)}
            write(out, name, doc['text'].split('\n'), h)
    else:
        for name, content, hints in PENDING:
            write(out, name, norm(split_comma_joined(content)).split('\n'), hints)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--shared', default=os.path.join(os.path.dirname(__file__), '..', '..', 'shared'))
    ap.add_argument('--dump-tool', default='')
    ap.add_argument('--out', default=os.path.join(os.path.dirname(__file__), '..', 'tests', 'data', 'labelled'))
    a = ap.parse_args()
    csv.field_size_limit(1 << 30)
    raw = os.path.join(a.shared, 'corpora', 'raw-samples')
    os.makedirs(a.out, exist_ok=True)

    def pick(rows, key, want, pred, n):
        got = [r for r in rows if pred(r[key])][:n]
        return got

    # detik: articles with video promos and page links first, then plain ones.
    rows = list(csv.DictReader(open(os.path.join(raw, 'fazamina_detik_sentiment_2022-23.csv'))))
    sel = [r for r in rows if 'Gambas' in r['text'] or 'halaman' in r['text']][:5] + rows[100:102]
    for i, r in enumerate(sel):
        queue('detik-%02d' % i, r['text'], {})
    # CNBC Indonesia: research notes and embeds.
    rows = list(csv.DictReader(open(os.path.join(raw, 'rrayhka_cnbcindonesia_2024.csv'))))
    sel = [r for r in rows if 'RESEARCH' in r['isi'].upper() or 'Gambas' in r['isi'] or 'Halaman' in r['isi']][:5]
    for i, r in enumerate(sel):
        queue('cnbc-%02d' % i, r['isi'], {'title': r['judul'], 'date': r['tanggal'], 'url': r['url']})
    # ANTARA: cross-references and footers; one row that is only the footer.
    rows = list(csv.DictReader(open(os.path.join(raw, 'wahyualvyy_antara_republika_2025.csv'))))
    sel = [r for r in rows if 'Baca juga' in r['isi']][:5] + [r for r in rows if r['isi'].startswith('Copyright')][:1]
    for i, r in enumerate(sel):
        queue('antara-%02d' % i, r['isi'], {'title': r['judul']})
    # kompas 2018-19 (svmihar): cross-references joined by spaces.
    for fn, pre in (('svmihar_kompas.csv', 'kompas-a'), ('svmihar_ALL_kompas_bisnis_kontan.csv', 'kompas-b')):
        rows = list(csv.DictReader(open(os.path.join(raw, fn))))
        sel = [r for r in rows if 'Baca juga' in r['content']][:3]
        for i, r in enumerate(sel):
            queue('%s-%02d' % (pre, i), r['content'], {'title': r['title'], 'date': r['date'], 'url': r['url']})
    # CLICK-ID 2019 JSONL.
    by = {}
    with open(os.path.join(a.shared, 'corpora', 'clickid-2019.jsonl')) as f:
        for line in f:
            r = json.loads(line)
            by.setdefault(r['source'].lower(), []).append(r)
    plan = [('okezone.com', 'okezone', lambda c: 'Baca' in c, 5),
            ('sindonews.com', 'sindonews', lambda c: 'Baca juga' in c, 4),
            ('tribunnews.com', 'tribun', lambda c: 'Baca' in c, 2),
            ('tribunnews.com', 'tribunx', lambda c: 'Baca' not in c, 2),
            ('tempo.co', 'tempo', lambda c: True, 4),
            ('kompas.com', 'kompasjs', lambda c: True, 3)]
    for src, pre, pred, n in plan:
        sel = [r for r in by.get(src, []) if r['content'] and pred(r['content'])][:n]
        for i, r in enumerate(sel):
            queue('%s-%02d' % (pre, i), r['content'],
                  {'title': r['title'], 'source': r['source'], 'date': r['date'], 'time': r['time'],
                   'url': r['url']})

    flush(a.out, a.dump_tool)


if __name__ == '__main__':
    main()
