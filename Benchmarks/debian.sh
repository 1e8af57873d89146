#!/usr/bin/env bash
# Times propagation, dominators and strongly connected components over the whole Debian
# bookworm main amd64 index (63,436 packages) in a release build, and optionally over an R-MAT
# scale-20 graph (1M nodes, 16M edges).
#
# Usage: Benchmarks/debian.sh [--runs N] [--rmat] [--index PATH]
#   --runs N      timed runs per command (default 5); the median is reported
#   --rmat        also generate an R-MAT scale-20 graph under .build/bench-data and time
#                 single points of failure (dominators from node 0) and SCC on it
#   --index PATH  the Packages index (default: ../shared/datasets/debian/...Packages.xz,
#                 or $X1601_SHARED_DIR/datasets/debian/...)
set -euo pipefail

cd "$(dirname "$0")/.."
runs=5
rmat=0
shared="${X1601_SHARED_DIR:-$(pwd)/../shared}"
index="$shared/datasets/debian/bookworm-main-amd64-Packages.xz"
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --rmat) rmat=1; shift ;;
    --index) index="$2"; shift 2 ;;
    *) echo "debian.sh: unknown argument $1; see the usage at the top of the script" >&2; exit 64 ;;
  esac
done
if [ ! -f "$index" ]; then
  echo "debian.sh: $index not found: pass --index PATH or set X1601_SHARED_DIR" >&2
  exit 1
fi

swift build -c release --product x1601 >&2
x1601="$(swift build -c release --show-bin-path)/x1601"

# Runs the command $runs times and prints the median of each `timing:` step.
measure() {
  local label="$1"
  shift
  local log
  log="$(mktemp)"
  for _ in $(seq "$runs"); do
    if ! "$x1601" "$@" --timings 2>>"$log" >/dev/null; then
      echo "debian.sh: x1601 $* failed:" >&2
      grep -v '^timing: ' "$log" >&2
      exit 1
    fi
  done
  echo "## $label"
  # Lines read `timing: STEP wall SECONDS cpu SECONDS`; print the medians per step.
  grep '^timing: ' "$log" | sed 's/^timing: //' |
    awk '
      function median(step, kind,    n, i, j, x, list) {
        n = count[step]
        for (i = 1; i <= n; i++) list[i] = value[step, kind, i] + 0
        for (i = 2; i <= n; i++) {
          x = list[i]
          for (j = i - 1; j >= 1 && list[j] > x; j--) list[j + 1] = list[j]
          list[j + 1] = x
        }
        return (n % 2) ? list[(n + 1) / 2] : (list[n / 2] + list[n / 2 + 1]) / 2
      }
      {
        cpu = $NF; wall = $(NF - 2)
        $NF = ""; $(NF - 1) = ""; $(NF - 2) = ""; $(NF - 3) = ""
        sub(/ +$/, "")
        count[$0]++
        value[$0, "wall", count[$0]] = wall
        value[$0, "cpu", count[$0]] = cpu
      }
      END {
        for (step in count) {
          printf "%-44s wall %.3f s, cpu %.3f s (median of %d)\n", step, median(step, "wall"), median(step, "cpu"), count[step]
        }
      }' | sort
  rm -f "$log"
}

echo "# machine: $(uname -srm), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "# build: swift build -c release ($(swift --version 2>&1 | head -1))"
echo "# date: $(date -u +%Y-%m-%dT%H:%MZ)"
measure "propagate from liblzma5, explain openssh-server, 10 gatekeepers" \
  propagate "$index" --from liblzma5 --explain openssh-server --gatekeepers 10
measure "spof for openssh-server (dominators upstream, SCC of the whole graph)" \
  spof "$index" --for openssh-server

if [ "$rmat" = 1 ]; then
  data=.build/bench-data
  mkdir -p "$data"
  graph="$data/rmat-20.x1601"
  [ -f "$graph" ] || "$x1601" generate rmat "$graph" --scale 20 >&2
  # Generated nodes are named by their number.
  measure "R-MAT scale 20: spof for node 0 (dominators from it, SCC of the whole graph)" \
    spof "$graph" --for 0
fi
