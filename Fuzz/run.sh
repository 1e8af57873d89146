#!/usr/bin/env bash
# Builds the fuzz targets with libFuzzer, then runs one target.
#
#   Fuzz/run.sh TARGET SECONDS [libFuzzer options...]
#
# TARGET is a folder name under Fuzz/Sources, such as fuzz-edgelist. The run starts from the
# seeds in Fuzz/corpus/TARGET (new inputs go to Fuzz/.build/corpus/TARGET, which is not
# committed), stops after SECONDS, and keeps any crashing input in Fuzz/crashes/TARGET/. The
# last lines of libFuzzer's output, with cov: and exec/s, are printed; the full log is
# Fuzz/.build/logs/TARGET.log. Set X1601_FUZZ_NO_BUILD=1 to skip the build.
set -euo pipefail
cd "$(dirname "$0")"

if [ $# -lt 2 ]; then
  echo "usage: Fuzz/run.sh TARGET SECONDS [libFuzzer options...]" >&2
  echo "targets: $(ls Sources | grep '^fuzz-' | tr '\n' ' ')" >&2
  exit 64
fi
target=$1
seconds=$2
shift 2
if [ ! -d "Sources/$target" ]; then
  echo "unknown target \"$target\"; use one of: $(ls Sources | grep '^fuzz-' | tr '\n' ' ')" >&2
  exit 64
fi

# Coverage instrumentation only: with Swift 6.3.1, `--sanitize=fuzzer --sanitize=address`
# passes two -sanitize options to swiftc and only the last one takes effect, so the targets
# would have AddressSanitizer but no coverage (README.md, "Toolchain").
flags=(-c release --sanitize=fuzzer)
if [ "${X1601_FUZZ_NO_BUILD:-0}" != "1" ]; then
  swift build "${flags[@]}" --product "$target" >&2
fi
binary="$(swift build "${flags[@]}" --show-bin-path)/$target"

mkdir -p "crashes/$target" ".build/corpus/$target" .build/logs
seeds=()
if [ -d "corpus/$target" ]; then seeds=("corpus/$target"); fi
log=".build/logs/$target.log"

# Swift's own crash reporter would stop libFuzzer from catching traps, so it is turned off.
status=0
SWIFT_BACKTRACE=enable=no "$binary" ".build/corpus/$target" "${seeds[@]}" \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -artifact_prefix="crashes/$target/" -print_final_stats=1 "$@" >"$log" 2>&1 || status=$?

grep -E "^#[0-9]+.*(DONE|cov:)" "$log" | tail -n 2
grep -E "^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)" "$log" || true
if [ "$status" -ne 0 ]; then
  grep -E "ERROR|SUMMARY|invariant|Test unit written" "$log" | head -n 20 >&2
  echo "$target: libFuzzer exited with status $status; see Fuzz/$log" >&2
fi
exit "$status"
