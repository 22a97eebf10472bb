#!/usr/bin/env bash
# bench/stemmer_instructions.sh [CORPUS.jsonl] [N]: instructions (valgrind --tool=callgrind, all
# threads) of `rkn-index -j1` over the first N records of CORPUS (default
# ../shared/corpora/clickid-2019.jsonl, N = 1500) with the dictionary stemmer and with Snowball,
# and their ratio: the stemmer's cost, which unlike wall time does not drift with the machine
# (bench/README.md). Each run writes a new database in a temporary folder. Needs valgrind.
# Environment: BUILD_DIR (default <repo>/build-bench).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$repo/build-bench}"
corpus="${1:-$repo/../shared/corpora/clickid-2019.jsonl}"
n="${2:-1500}"
command -v valgrind >/dev/null || { echo "stemmer_instructions.sh: valgrind missing: apt-get install valgrind" >&2; exit 2; }
[[ -f "$corpus" ]] || { echo "stemmer_instructions.sh: corpus not found: $corpus" >&2; exit 2; }
[[ -x "$build/indexer/rkn-index" ]] || { echo "stemmer_instructions.sh: no $build/indexer/rkn-index: build first" >&2; exit 2; }
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
head -n "$n" "$corpus" > "$out/sub.jsonl"
declare -A count
for stemmer in dictionary snowball; do
  rc=0
  valgrind --tool=callgrind --callgrind-out-file="$out/$stemmer.cg" \
    "$build/indexer/rkn-index" "$out/sub.jsonl" --db "$out/$stemmer.db" -j1 -q --stemmer "$stemmer" \
    >/dev/null 2>"$out/$stemmer.err" || rc=$?
  # 3: the run finished with records skipped (CLICK-ID has a few without text); anything else failed.
  if [[ $rc != 0 && $rc != 3 ]]; then cat "$out/$stemmer.err" >&2; exit "$rc"; fi
  count[$stemmer]=$(grep -o 'refs: *[0-9,]*' "$out/$stemmer.err" | tr -dc '0-9')
  printf '%s: %s instructions\n' "$stemmer" "${count[$stemmer]}"
done
python3 -c "import sys; print(f'dictionary / snowball: {int(sys.argv[1]) / int(sys.argv[2]):.3f}x')" "${count[dictionary]}" "${count[snowball]}"
