#!/usr/bin/env bash
# Reproduces the benchmark table of Benchmarks/README.md: builds x1601-bench in release mode,
# generates the R-MAT graph, times x1601, then runs the same operations on the same files with
# python-igraph and NetworkX installed into Benchmarks/.venv from PyPI.
#
# Usage: bash Benchmarks/run.sh [--scale N] [--networkx-scale N] [--runs N] [--no-networkx]
set -euo pipefail
cd "$(dirname "$0")/.."

scale=20
networkx_scale=18
runs=5
networkx=1
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) scale="$2"; shift 2 ;;
    --networkx-scale) networkx_scale="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --no-networkx) networkx=0; shift ;;
    -h|--help) sed -n 2,6p "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1; see --help" >&2; exit 64 ;;
  esac
done

swift build -c release --product x1601-bench
mkdir -p Benchmarks/results Benchmarks/data
bench=.build/release/x1601-bench

"$bench" --scale "$scale" --runs "$runs" --json "Benchmarks/results/x1601-$scale.json" \
  | tee "Benchmarks/results/x1601-$scale.md"
networkx_arguments=()
if [ "$networkx" = 1 ]; then
  if [ "$networkx_scale" != "$scale" ]; then
    "$bench" --scale "$networkx_scale" --runs "$runs" --no-render --no-probabilistic \
      --json "Benchmarks/results/x1601-$networkx_scale.json" \
      > "Benchmarks/results/x1601-$networkx_scale.md"
  fi
  networkx_arguments=(--networkx-swift "Benchmarks/results/x1601-$networkx_scale.json")
else
  networkx_arguments=(--no-networkx)
fi

if [ ! -x Benchmarks/.venv/bin/python ]; then
  python3 -m venv Benchmarks/.venv
fi
Benchmarks/.venv/bin/pip install --quiet python-igraph networkx

# igraph reads plain "source target" lines only, so strip the comment and #node lines.
for s in "$scale" "$networkx_scale"; do
  text="Benchmarks/data/rmat-$s-16-seed1.txt"
  plain="Benchmarks/data/rmat-$s-16-seed1.plain.txt"
  if [ -f "$text" ] && [ ! -f "$plain" ]; then
    grep -v '^#' "$text" > "$plain"
  fi
done

Benchmarks/.venv/bin/python Benchmarks/compare.py --swift "Benchmarks/results/x1601-$scale.json" \
  "${networkx_arguments[@]}" --runs "$runs" \
  --json "Benchmarks/results/compare-$scale.json" --markdown "Benchmarks/results/compare-$scale.md"
