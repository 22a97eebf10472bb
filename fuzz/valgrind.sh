#!/usr/bin/env bash
# Memcheck over a small index-and-search run (fuzz/README.md "valgrind"): indexes corpus/ into a
# temporary database (paths below shown relative to it) and runs searches (plain, --json with facets and collapse, wildcard, a
# phrase, a parse error, no hits, --csv, --batch, --analyze, --stats, --explain) under
#   valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite
# Needs a build without sanitizers: fuzz/valgrind.sh [BUILD_DIR] (default build). Fails when any
# run reports a memory error or a definite leak.
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build}"
index="$build/indexer/rkn-index"
search="$build/searcher/rkn-search"
command -v valgrind >/dev/null || { echo "fuzz/valgrind.sh: error: valgrind: not installed (apt-get install valgrind)" >&2; exit 2; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
export RKN_DATA_DIR="$PWD/data"
vg=(valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite --track-origins=yes)
failed=0
n=0
# run EXPECTED_EXIT CMD...: memcheck must report no error; the program must exit as expected
# (1 is also "no hits" for rkn-search, so the error count is read from valgrind's summary).
run() {
  local want="$1" rc=0
  shift
  n=$((n + 1))
  "${vg[@]}" --log-file="$tmp/vg-$n.log" "$@" >"$tmp/out-$n" 2>"$tmp/err-$n" <"${stdin:-/dev/null}" || rc=$?
  local errors
  errors="$(grep -o 'ERROR SUMMARY: [0-9]*' "$tmp/vg-$n.log" | grep -o '[0-9]*$')"
  printf '%s %s: exit %s, memcheck errors %s\n' "$(basename "$1")" "${*:2}" "$rc" "$errors"
  if [ "$errors" != 0 ] || [ "$rc" != "$want" ]; then
    cat "$tmp/vg-$n.log" "$tmp/err-$n" >&2
    failed=1
  fi
}
db="$tmp/db"
run 0 "$index" corpus --db "$db" -q
run 0 "$index" corpus --db "$db" -q          # incremental: nothing changed
run 0 "$index" --explain --json corpus/000_025ccb897db40613.txt
run 0 "$search" --db "$db" "perjanjian 1961"
run 0 "$search" --db "$db" --json "korut OR nukl*" --facets source,year,month --collapse
run 0 "$search" --db "$db" --jsonl '"gencatan senjata" OR title:korut' --sort newest
run 0 "$search" --db "$db" --csv "date:2019.. OR perjanjian" -n 3
run 1 "$search" --db "$db" "perjanjain"
run 2 "$search" --db "$db" "(unbalanced"
printf 'perjanjian\n{"query": "korut", "limit": 2}\n(bad\n' >"$tmp/batch"
stdin="$tmp/batch" run 2 "$search" --db "$db" --batch -
run 0 "$search" --db "$db" --analyze "Perjanjiannya dengan Korut, 1961" --json
run 0 "$search" --db "$db" --stats
run 0 "$search" --db "$db" --stats --json
if ((failed)); then
  echo "fuzz/valgrind.sh: FAILED" >&2
  exit 1
fi
echo "fuzz/valgrind.sh: $n runs, no memcheck errors"
