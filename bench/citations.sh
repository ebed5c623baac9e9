#!/usr/bin/env bash
# The build cost of citations: CPU time (user + system) of
#   policysearch index --data D seeds lawrefbook
# at a base revision (default main, before citations) and at the work tree, alternating
# runs so that a change in the machine's load falls on both. CPU time, not wall time:
# other jobs on a shared machine stretch the wall clock, not the work done.
#
#   bench/citations.sh [RUNS] [BASE]     (default: 3 main)
#
# Writes one line per run and the medians; needs ../shared/corpus/lawrefbook and GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
base=${2:-main}
corpus=../shared/corpus/lawrefbook
[ -d "$corpus" ] || { echo "no $corpus" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'git worktree remove --force "$tmp/base" >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT INT TERM
git worktree add --detach "$tmp/base" "$base" >/dev/null
(cd "$tmp/base" && go build -o "$tmp/ps-base" ./cmd/policysearch)
go build -o "$tmp/ps-head" ./cmd/policysearch

# cpu BINARY prints the CPU seconds (user + system) of one build into a new index.
cpu() {
  local data="$tmp/data-$RANDOM"
  /usr/bin/time -f "%U %S" -o "$tmp/time" "$1" index --data "$data" --progress none seeds "$corpus" >/dev/null 2>&1
  rm -rf "$data"
  awk '{printf "%.2f", $1 + $2}' "$tmp/time"
}

declare -a B H
for i in $(seq "$runs"); do
  b=$(cpu "$tmp/ps-base"); h=$(cpu "$tmp/ps-head")
  B+=("$b"); H+=("$h")
  echo "run $i: $base ${b}s  head ${h}s"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
mb=$(median "${B[@]}"); mh=$(median "${H[@]}")
echo "median CPU: $base ${mb}s  head ${mh}s  change $(echo "scale=1; ($mh - $mb) * 100 / $mb" | bc)%"
