#!/usr/bin/env bash
# bench/run.sh [CORPUS.jsonl] [WORKDIR]: build rkn-index, rkn-search and rkn-bench-minimal, then
# benchmark them against omindex/quest and write the results table into bench/README.md.
# Defaults: CORPUS=../shared/corpora/clickid-2019.jsonl (relative to the repo), WORKDIR=/tmp/rkn-bench.
# bench/run.sh growth [CORPUS.jsonl] [WORKDIR] [growth.py options]: the growth benchmark instead
# (1x, 2x, 4x, 8x the corpus; WORKDIR default /tmp/rkn-growth), table in bench/README.md and plot
# in bench/growth.png.
# Environment: BUILD_DIR (default <repo>/build-bench), JOBS (build parallelism, default 2).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$repo/build-bench}"
if [[ "${1:-}" == growth ]]; then
  shift
  corpus="${1:-$repo/../shared/corpora/clickid-2019.jsonl}"
  workdir="${2:-/tmp/rkn-growth}"
  [[ -f "$corpus" ]] || { echo "run.sh: corpus not found: $corpus" >&2; exit 2; }
  if [[ ! -x /usr/bin/time ]] && command -v apt-get >/dev/null && [[ $(id -u) == 0 ]]; then
    apt-get install -y -q time >/dev/null || echo "run.sh: no /usr/bin/time; falling back to getrusage" >&2
  fi
  if [[ ! -f "$build/build.ninja" && ! -f "$build/Makefile" ]]; then
    cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DRKN_BUILD_TESTS=OFF >/dev/null
  fi
  cmake --build "$build" -j"${JOBS:-2}" --target rkn-index rkn-search
  exec python3 "$repo/bench/growth.py" "$corpus" "$workdir" "${@:3}" --build "$build" \
    --command "bench/run.sh growth${1:+ $1}${2:+ $2}${3:+ ${*:3}}"
fi
corpus="${1:-$repo/../shared/corpora/clickid-2019.jsonl}"
workdir="${2:-/tmp/rkn-bench}"

for tool in omindex quest; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool missing: apt-get install xapian-omega xapian-tools" >&2; exit 2; }
done
if [[ ! -x /usr/bin/time ]] && command -v apt-get >/dev/null && [[ $(id -u) == 0 ]]; then
  apt-get install -y -q time >/dev/null || echo "run.sh: no /usr/bin/time; falling back to getrusage" >&2
fi
[[ -f "$corpus" ]] || { echo "run.sh: corpus not found: $corpus" >&2; exit 2; }

if [[ ! -f "$build/build.ninja" && ! -f "$build/Makefile" ]]; then
  cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DRKN_BUILD_TESTS=OFF >/dev/null
fi
cmake --build "$build" -j"${JOBS:-2}" --target rkn-index rkn-search rkn-bench-minimal rkn-bench-startup-floor

exec python3 "$repo/bench/bench.py" "$corpus" "$workdir" --build "$build" \
  --command "bench/run.sh${1:+ $1}${2:+ $2}"
