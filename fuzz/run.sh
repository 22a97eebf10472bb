#!/usr/bin/env bash
# Runs one fuzz target: fuzz/run.sh NAME [SECONDS] [extra libFuzzer flags...]
# Builds nothing (see fuzz/README.md); expects build-fuzz/fuzz/fuzz_NAME (RKN_FUZZ_BUILD_DIR overrides).
# The working corpus lives in $RKN_FUZZ_BUILD_DIR/corpus/NAME ($RKN_FUZZ_WORK_DIR/NAME if set):
# it starts from the committed seeds in fuzz/seeds/NAME plus matching files from tests/data and
# corpus/, and keeps what the fuzzer finds between runs. Crash, leak and timeout inputs go to
# $RKN_FUZZ_BUILD_DIR/artifacts/NAME/.
# Runs at the lowest priority as one process (libFuzzer's default; -jobs=N would fork N workers
# logging to files): the machine is shared.
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: fuzz/run.sh NAME [SECONDS] [libFuzzer flags...]}"
seconds="${2:-60}"
shift $(( $# >= 2 ? 2 : 1 ))
build="${RKN_FUZZ_BUILD_DIR:-build-fuzz}"
bin="$build/fuzz/fuzz_$name"
[ -x "$bin" ] || { echo "fuzz/run.sh: error: $bin: not built (cmake --build $build --target fuzz_all)" >&2; exit 2; }

work="${RKN_FUZZ_WORK_DIR:-$build/corpus}/$name"
artifacts="$build/artifacts/$name"
mkdir -p "$work" "$artifacts"
seed_dirs=("fuzz/seeds/$name")
case "$name" in
  cleaner|metadata) seed_dirs+=(corpus tests/data/labelled) ;;
  records) seed_dirs+=(tests/data/records) ;;
  html) seed_dirs+=(tests/data/html/own tests/data/html/anpandu) ;;
  encoding) seed_dirs+=(tests/data/records tests/data/html/own) ;;
esac
# Seeds are copied (libFuzzer writes new inputs into the first corpus dir only, named by hash),
# keeping only the file types the target reads.
for d in "${seed_dirs[@]}"; do
  [ -d "$d" ] || continue
  for f in "$d"/*; do
    [ -f "$f" ] || continue
    case "$name:$f" in
      *:*.md|cleaner:*.json|metadata:*.json|html:*.jsonl|encoding:*.jsonl) continue ;;
    esac
    cp -n "$f" "$work/seed-$(basename "$(dirname "$f")")-$(basename "$f")"
  done
done
flags=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048
       -max_len=65536 -artifact_prefix="$artifacts/" -print_final_stats=1)
# Input sizes where the target's work grows with the input: small inputs run faster and reach
# the same code.
case "$name" in
  query) flags+=(-dict=fuzz/query.dict -max_len=512) ;;
  metadata|cleaner) flags+=(-max_len=8192) ;;
esac
exec nice -n 19 "$bin" "${flags[@]}" "$@" "$work"
