#!/usr/bin/env bash
# bench/callgrind.sh [QUERY] [WORKDIR]: instructions (valgrind --tool=callgrind) of one
# rkn-search process and one quest process on the same query and database (the database bench/run.sh
# left in WORKDIR, default /tmp/rkn-bench), with the parts they share (Xapian's matcher and stored
# data) and rkn-search's own parts, inclusive. Deterministic, unlike wall time: it shows where the
# single-query gap of bench/README.md is spent, and the executables' relocations. Needs valgrind
# (apt-get install valgrind) and readelf (binutils).
# Environment: BUILD_DIR (default <repo>/build-bench).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$repo/build-bench}"
query="${1:-jakarta}"
workdir="${2:-/tmp/rkn-bench}"
db="$workdir/db-rkn"
command -v valgrind >/dev/null || { echo "callgrind.sh: valgrind missing: apt-get install valgrind" >&2; exit 2; }
[[ -d "$db" ]] || { echo "callgrind.sh: no database $db: run bench/run.sh first" >&2; exit 2; }
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
run() {  # NAME COMMAND...: callgrind totals and inclusive counts of the named parts
  local name="$1"; shift
  valgrind --tool=callgrind --callgrind-out-file="$out/$name" "$@" >/dev/null 2>"$out/$name.err"
  local total
  total=$(grep -o 'refs: *[0-9,]*' "$out/$name.err" | tr -dc '0-9')
  printf '%s: %s instructions\n' "$name" "$total"
  callgrind_annotate --inclusive=yes --threshold=100 "$out/$name" 2>/dev/null |
    grep -E ':(Xapian::Enquire::get_mset\(unsigned|Xapian::Document::get_data\[|rkn::Searcher::Open\(|rkn::SnippetMaker::Make\(|rkn::WriteResponse\(|CLI::App::add_option\(std|CLI::App::parse\(int|rkn::ParseQuery\(|_dl_start \[|_dl_runtime_resolve[a-z_]* \[)' |
    sed -E 's/ *([0-9,]+) \([^)]*\) +[^:]*:([^([]*).*/  \2 \1/'
}
run rkn-search "$build/searcher/rkn-search" --db "$db" -n 10 "$query"
run quest quest -m 10 -s indonesian -o and -d "$db" "$query"
# The dynamic loader's work (_dl_start above: relocating the executable and its libraries; the
# lazy binding of each first call, _dl_runtime_resolve) grows with the relocations that name a
# symbol, which it looks up in every library in turn.
for exe in "$build/searcher/rkn-search" "$(command -v quest)"; do
  relocs=$(readelf -rW "$exe" | grep -c 'R_X86_64_' || true)
  relative=$(readelf -rW "$exe" | grep -c 'R_X86_64_RELATIVE' || true)
  printf '%s: %s relocations, %s of them naming a symbol\n' "$(basename "$exe")" "$relocs" "$((relocs - relative))"
done
