#!/usr/bin/env python3
"""Memory per input file of rkn-index (issue "Scale and speed": peak RSS whatever the corpus size).

Writes trees of N small .txt articles (default 10,000 and 100,000; each about 300 bytes, distinct
words) under WORKDIR, indexes each into a fresh database with `rkn-index TREE --db DB -q
--no-spelling`, then once more over the unchanged tree, and prints wall time and peak RSS
(`/usr/bin/time -v`, as bench.py measures) per tree, and the RSS growth per file between the
two sizes. Standard library only; the trees are removed at the end unless --keep.

    python3 bench/many_files.py [--counts 10000,100000] [--workdir /tmp/rkn-files] [--build build-bench]
"""
import argparse
import os
import random
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402  (timed(), log())

WORDS = ("pemerintah presiden jakarta menteri rakyat ekonomi harga pasar sekolah banjir gempa "
         "bupati polisi kota desa").split()


def write_tree(root, count):
    rng = random.Random(count)
    shutil.rmtree(root, ignore_errors=True)
    for i in range(count):
        folder = os.path.join(root, f"{i // 1000:04d}")
        if i % 1000 == 0:
            os.makedirs(folder)
        with open(os.path.join(folder, f"artikel-nomor-{i:07d}.txt"), "w") as f:
            f.write(f"Judul berita {i}\n\n" + " ".join(rng.choice(WORDS) for _ in range(40)) + f" kode{i}.\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--counts", default="10000,100000")
    ap.add_argument("--workdir", default="/tmp/rkn-files")
    ap.add_argument("--build", default=os.path.join(bench.REPO, "build-bench"))
    ap.add_argument("--keep", action="store_true")
    a = ap.parse_args()
    index_bin = os.path.join(a.build, "indexer", "rkn-index")
    if not os.access(index_bin, os.X_OK):
        sys.exit(f"many_files: missing {index_bin} (build it, e.g. bench/run.sh builds build-bench)")
    os.makedirs(a.workdir, exist_ok=True)
    rows = []
    for n in [int(x) for x in a.counts.split(",")]:
        tree = os.path.join(a.workdir, f"tree-{n}")
        db = os.path.join(a.workdir, f"db-{n}")
        bench.log(f"writing {n} files")
        write_tree(tree, n)
        shutil.rmtree(db, ignore_errors=True)
        cmd = [index_bin, tree, "--db", db, "-q", "--no-spelling"]
        wall, rss = bench.timed(cmd, f"files-{n}", a.workdir)
        rewall, rerss = bench.timed(cmd, f"files-{n}-rerun", a.workdir)
        rows.append((n, wall, rss, rewall, rerss))
        if not a.keep:
            shutil.rmtree(tree, ignore_errors=True)
            shutil.rmtree(db, ignore_errors=True)
    print("| files | index s | peak RSS MB | rerun s | rerun peak RSS MB |")
    print("|---:|---:|---:|---:|---:|")
    for n, wall, rss, rewall, rerss in rows:
        print(f"| {n} | {wall:.1f} | {rss:.0f} | {rewall:.2f} | {rerss:.0f} |")
    if len(rows) >= 2:
        (n0, _, r0, _, _), (n1, _, r1, _, _) = rows[0], rows[-1]
        print(f"\npeak RSS growth: {(r1 - r0) * 1024 * 1024 / (n1 - n0):.0f} bytes per file")


if __name__ == "__main__":
    main()
