#!/usr/bin/env bash
# CI smoke run of the fuzz targets: installs clang and libFuzzer when missing, builds the targets
# in build-fuzz (clang, ASan+UBSan+libFuzzer), replays every committed regression input
# (tests/data/fuzz-regressions/NAME/*) through its target, then fuzzes each target for
# RKN_FUZZ_SMOKE_SECONDS (default 10) seconds from the committed seeds, RKN_FUZZ_SMOKE_JOBS
# (default 2) targets at a time. Fails on any finding.
# With RKN_FUZZ_WITH_TESTS=1 (what .ci/run does) the same build also holds the test suite, with
# the library, rkn-index and rkn-search under ASan+UBSan (RKN_SANITIZE), and runs it with ctest
# before fuzzing: one sanitized build of the library for both, not two. Fails if a test fails.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(clang libclang-rt-14-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "fuzz/smoke.sh: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

build="${RKN_FUZZ_BUILD_DIR:-build-fuzz}"
seconds="${RKN_FUZZ_SMOKE_SECONDS:-10}"
with_tests="${RKN_FUZZ_WITH_TESTS:-0}"
tests_option=(-DRKN_BUILD_TESTS=OFF)
build_targets=(fuzz_all)
if [ "$with_tests" = 1 ]; then
  tests_option=(-DRKN_BUILD_TESTS=ON -DRKN_SANITIZE=ON)
  build_targets+=(rkn_tests)
fi
CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only -DNDEBUG" -DRKN_FUZZ=ON "${tests_option[@]}" >/dev/null
cmake --build "$build" --target "${build_targets[@]}" -j2
if [ "$with_tests" = 1 ]; then
  export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1}"
  export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
  ctest --test-dir "$build" --output-on-failure -j2 || { echo "fuzz/smoke.sh: the sanitized test suite FAILED" >&2; exit 1; }
  echo "fuzz/smoke.sh: the test suite passed under ASan+UBSan" >&2
fi

targets=(cleaner metadata records html encoding query snippet)
failed=0
for t in "${targets[@]}"; do
  regressions=(tests/data/fuzz-regressions/"$t"/*)
  if [ -e "${regressions[0]}" ]; then
    if ! "$build/fuzz/fuzz_$t" "${regressions[@]}" >"$build/smoke-$t-replay.log" 2>&1; then
      echo "fuzz/smoke.sh: $t: a committed regression input fails again:" >&2
      tail -n 40 "$build/smoke-$t-replay.log" >&2
      failed=1
    fi
  fi
done
# Two targets fuzz at a time, one per core of a 2-core CI machine: each still gets its seconds,
# the run half the wall time. A fresh corpus each time, so the run is the same on every machine.
jobs_at_once="${RKN_FUZZ_SMOKE_JOBS:-2}"
for t in "${targets[@]}"; do
  while (( $(jobs -rp | wc -l) >= jobs_at_once )); do wait -n || true; done
  rm -rf "$build/smoke-corpus/$t" "$build/smoke-$t.result"
  (
    if RKN_FUZZ_BUILD_DIR="$build" RKN_FUZZ_WORK_DIR="$build/smoke-corpus" fuzz/run.sh "$t" "$seconds" >"$build/smoke-$t.log" 2>&1; then
      echo ok >"$build/smoke-$t.result"
    else
      echo finding >"$build/smoke-$t.result"
    fi
  ) &
done
wait
for t in "${targets[@]}"; do
  if [ "$(cat "$build/smoke-$t.result" 2>/dev/null)" = ok ]; then
    echo "fuzz $t: ok, $(grep -o 'number_of_executed_units: [0-9]*' "$build/smoke-$t.log" | grep -o '[0-9]*$') runs in ${seconds}s"
  else
    echo "fuzz/smoke.sh: $t: finding (input saved under $build/artifacts/$t/):" >&2
    grep -E -A30 'ERROR|runtime error|deadly signal|timeout' "$build/smoke-$t.log" | head -n 60 >&2 || tail -n 40 "$build/smoke-$t.log" >&2
    failed=1
  fi
done
if ((failed)); then
  echo "fuzz/smoke.sh: FAILED" >&2
  exit 1
fi
echo "fuzz/smoke.sh: ${#targets[@]} targets, no findings"
