#!/usr/bin/env bash
# policysearch beside the peers harness (../shared/bench/peers): Lucene smartcn and CJK,
# SQLite trigram, Xapian n-grams and the literal scan, on the same paragraphs, under the
# same protocol, in one run. Our engine is cmd/peerdriver, twice:
#   bleve-jieba       the service as it runs (phrase cache on)
#   bleve-jieba-cold  the same with the phrase cache off: every phrase verified anew
#
#   bench/peers.sh [STEP...]          (default: seeds lawrefbook synth40 synth160 table)
#
# Steps:
#   seeds        ../shared/seeds with queries-seeds.txt
#   lawrefbook   ../shared/corpus/lawrefbook/docs with queries-lawrefbook.txt + bench/queries-lawrefbook-extra.txt
#   synth40      synth.py corpus of 40 MiB (seeded from lawrefbook), same queries
#   synth160     synth.py corpus of 160 MiB, same queries
#   shards       lawrefbook, our driver only, --shards 1 and --shards 2 (cache on and off)
#   growth       synthetic 1x, 4x, 16x lawrefbook ($GROWTH), literal + our driver only;
#                writes growth.tsv and growth.png
#   table        one table (table.md) from every results.tsv of this OUT
#
# Environment:
#   OUT=bench/out/<date>     where the runs go (git-ignored); results are small, indexes are
#                            deleted after each run unless KEEP_INDEX=1
#   SYNTH_DIR=$TMPDIR/policysearch-synth   synthetic corpora, kept between runs
#   GROWTH="1 4 16"          multiples of lawrefbook's 54.4 MiB of text for the growth step
#   PEERS_WARM_S=2           harness warm-up; JAVA_OPTS, ENGINES as in the harness README
#   SHARDS=                  --shards for bleve-jieba (default: the number of CPUs)
#   QUIET_LOAD=0.8 QUIET_MAX_S=600   wait for the load average to drop below QUIET_LOAD
#                            before each harness run (other jobs skew every timing)
#
# Needs what the harness needs; it says what is missing instead of installing it:
#   apt-get update && apt-get install -y time default-jdk-headless liblucene8-java python3-xapian
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
SHARED="$(cd "$ROOT/../shared" 2>/dev/null && pwd)" || { echo "peers.sh: ../shared not found beside $ROOT" >&2; exit 2; }
PEERS="$SHARED/bench/peers"
LAW="$SHARED/corpus/lawrefbook/docs"
OUT=${OUT:-$HERE/out/$(date +%Y%m%d-%H%M%S)}
SYNTH_DIR=${SYNTH_DIR:-${TMPDIR:-/tmp}/policysearch-synth}
GROWTH=${GROWTH:-"1 4 16"}
LAW_MB=54.4 # MiB of paragraph text in lawrefbook/docs (paras.py)
STEPS=${*:-"seeds lawrefbook synth40 synth160 table"}

log() { printf '\n=== %s  %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { echo "peers.sh: $*" >&2; exit 1; }

# ---------------------------------------------------------------- prerequisites
missing=()
[ -x /usr/bin/time ] && /usr/bin/time -v true 2>/dev/null || missing+=("GNU time (/usr/bin/time -v): package time")
command -v java >/dev/null && command -v javac >/dev/null || missing+=("java + javac (JDK >= 11): package default-jdk-headless")
for j in core analyzers-common analyzers-smartcn queryparser; do
  [ -f "${LUCENE_DIR:-/usr/share/java}/lucene-$j-${LUCENE_VER:-8.7.0}.jar" ] || { missing+=("Lucene 8.7 jars in /usr/share/java: package liblucene8-java"); break; }
done
command -v go >/dev/null || missing+=("go >= 1.22")
command -v python3 >/dev/null || missing+=("python3")
if [ ${#missing[@]} -gt 0 ]; then
  echo "peers.sh: missing:" >&2
  printf '  - %s\n' "${missing[@]}" >&2
  echo "install with: apt-get update && apt-get install -y time default-jdk-headless liblucene8-java python3-xapian" >&2
  exit 2
fi
xapian_ok=0
for py in ${XAPIAN_PY:-} /usr/bin/python3 python3; do "$py" -c 'import xapian' 2>/dev/null && { xapian_ok=1; break; }; done
[ $xapian_ok = 1 ] || echo "peers.sh: note: no python imports xapian (package python3-xapian); the harness will skip xapian-ngram" >&2

# ---------------------------------------------------------------- our driver
TMP="$(mktemp -d "${TMPDIR:-/tmp}/peers-sh.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
export PEERS_BUILD_DIR="$TMP/peers-build"
DRV="$TMP/peerdriver"
log "go build ./cmd/peerdriver"
(cd "$ROOT" && go build -o "$DRV" ./cmd/peerdriver) || die "go build failed"
SHARD_FLAG=""
[ -n "${SHARDS:-}" ] && SHARD_FLAG="--shards $SHARDS"
OURS="bleve-jieba=$DRV $SHARD_FLAG; bleve-jieba-cold=$DRV $SHARD_FLAG --phrase-cache=off"
mkdir -p "$OUT" && OUT="$(cd "$OUT" && pwd)"
echo "output: $OUT"

LAWQ="$OUT/queries-lawrefbook-all.txt"
cat "$PEERS/queries-lawrefbook.txt" "$HERE/queries-lawrefbook-extra.txt" > "$LAWQ"

# ---------------------------------------------------------------- helpers
machine() {
  echo "date: $(date -Is)"
  echo "uptime: $(uptime)"
  echo "cpus: $(nproc); $(awk '/MemTotal|MemAvailable/ {printf "%s %.1f GiB; ", $1, $2/1048576}' /proc/meminfo)"
  echo "disk: $(df -h "$OUT" | awk 'NR==2 {print $4 " free of " $2}')"
  echo "git: $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null) + $(cd "$ROOT" && git status --porcelain 2>/dev/null | grep -c . ) changed files; index/*.go sha1 $(cd "$ROOT" && cat index/*.go | sha1sum | cut -c1-12)"
}

# wait_quiet: other jobs on this machine skew every engine's timings; wait (up to
# QUIET_MAX_S) until the one-minute load average is below QUIET_LOAD before a run.
wait_quiet() {
  local limit=${QUIET_LOAD:-0.8} max=${QUIET_MAX_S:-600} t=0 l
  while :; do
    l=$(cut -d' ' -f1 /proc/loadavg)
    python3 -c "import sys; sys.exit(0 if $l < $limit else 1)" && return 0
    [ "$t" -ge "$max" ] && { echo "peers.sh: load $l still >= $limit after ${max}s; running anyway" >&2; return 0; }
    [ "$t" = 0 ] && echo "peers.sh: load $l >= $limit, waiting for a quieter machine (up to ${max}s)" >&2
    sleep 15; t=$((t + 15))
  done
}

# need_disk MiB: refuses to start a run that would fill the disk.
need_disk() {
  local want=$1 have
  have=$(df -Pm "$OUT" | awk 'NR==2 {print $4}')
  df -h "$OUT" | sed 's/^/  /' >&2
  [ "$have" -ge "$want" ] || die "needs about $want MiB free under $OUT, has $have MiB"
}

# synth MB: a synthetic corpus of MB MiB seeded from lawrefbook, cached in SYNTH_DIR.
synth() {
  local mb=$1 d="$SYNTH_DIR/law-$1"
  if [ ! -f "$d/.done" ]; then
    need_disk $(( ${mb%.*} * 2 + 500 ))
    rm -rf "$d"
    python3 "$PEERS/synth.py" "$LAW" "$d" --mb "$mb" --seed 1 >&2 || die "synth.py failed"
    touch "$d/.done"
  fi
  echo "$d"
}

# peers NAME CORPUS QUERIES: one harness run into $OUT/NAME.
peers() {
  local name=$1 corpus=$2 queries=$3 mb
  mb=$(du -sm "$corpus" | cut -f1)
  log "$name: $corpus ($mb MiB)"
  # jsonl ~1.8x, indexes of 7 engines ~12x the text, generously
  need_disk $(( mb * 16 + 1000 ))
  mkdir -p "$OUT/$name"
  wait_quiet
  machine > "$OUT/$name/machine.txt"
  cat "$OUT/$name/machine.txt"
  EXTRA_ENGINES="${EXTRA_ENGINES_OVERRIDE:-$OURS}" "$PEERS/run.sh" "$corpus" "$queries" "$OUT/$name" 2>&1 | tee "$OUT/$name/run.log" | grep -E '^(###|peerdriver: built|run.sh:)|Exception|rror' || true
  uptime >> "$OUT/$name/machine.txt"
  [ -f "$OUT/$name/results.tsv" ] || die "$name: the harness wrote no results.tsv (see $OUT/$name/run.log)"
  sed -n '/^== engines/,/^$/p' "$OUT/$name/summary.txt"
  [ "${KEEP_INDEX:-0}" = 1 ] || rm -rf "$OUT/$name"/*/index "$OUT/$name/paragraphs.jsonl"
}

# cold NAME: the cache-off query phase on bleve-jieba's index of run NAME, reported as
# bleve-jieba-cold (the build is not repeated; its build figures are bleve-jieba's).
cold() {
  local d="$OUT/$1"
  mkdir -p "$d/bleve-jieba-cold"
  cp "$d/bleve-jieba/build.json" "$d/bleve-jieba-cold/build.json"
  /usr/bin/time -v -o "$d/bleve-jieba-cold/query.time" "$DRV" --phrase-cache=off query "$d/bleve-jieba/index" "$d/queries.jsonl" "$d/bleve-jieba-cold/queries.jsonl" \
    > "$d/bleve-jieba-cold/log.txt" 2>&1 || die "cold query phase failed (see $d/bleve-jieba-cold/log.txt)"
  python3 "$PEERS/report.py" "$d" literal bleve-jieba bleve-jieba-cold > "$d/summary.txt" || die "report.py failed"
}

step_seeds() { peers seeds "$SHARED/seeds" "$PEERS/queries-seeds.txt"; }
step_lawrefbook() { peers lawrefbook "$LAW" "$LAWQ"; }
step_synth40() { peers synth40 "$(synth 40)" "$LAWQ"; }
step_synth160() { peers synth160 "$(synth 160)" "$LAWQ"; }

step_shards() {
  ENGINES="literal" EXTRA_ENGINES_OVERRIDE="bleve-jieba-1shard=$DRV --shards 1; bleve-jieba-1shard-cold=$DRV --shards 1 --phrase-cache=off; bleve-jieba-2shards=$DRV --shards 2; bleve-jieba-2shards-cold=$DRV --shards 2 --phrase-cache=off" \
    peers shards "$LAW" "$LAWQ"
}

step_growth() {
  local tsv="$OUT/growth.tsv" f mb name
  printf 'factor\ttext_mib\tparagraphs\tbuild_s\tindex_mib\trss_build_mib\trss_query_mib\tp50_ms\tp99_ms\tcold_p50_ms\tcold_p99_ms\tcold_rss_query_mib\tphrase_recall\tcold_phrase_recall\n' > "$tsv"
  for f in $GROWTH; do
    mb=$(python3 -c "print(round($f * $LAW_MB, 1))")
    name="growth-${f}x"
    # 16x: ~870 MiB of text, jsonl ~1.6 GiB, our index ~2.5x the text, literal holds it in RAM
    need_disk $(python3 -c "print(int($mb * 8 + 2000))")
    KEEP_INDEX=1 ENGINES="literal" EXTRA_ENGINES_OVERRIDE="bleve-jieba=$DRV $SHARD_FLAG" peers "$name" "$(synth "$mb")" "$LAWQ"
    cold "$name"
    [ "${KEEP_INDEX:-0}" = 1 ] || rm -rf "$OUT/$name"/*/index "$OUT/$name/paragraphs.jsonl"
    python3 - "$OUT/$name" "$f" >> "$tsv" <<'EOF'
import csv, json, math, sys
run, factor = sys.argv[1], sys.argv[2]
r = {}
for row in csv.DictReader(open(run + "/results.tsv", encoding="utf-8"), delimiter="\t"):
    r.setdefault(row["engine"], {})[row["metric"]] = row["value"]
b, c = r["bleve-jieba"], r.get("bleve-jieba-cold", {})
g = lambda d, k: float(d[k]) if k in d else float("nan")
print("\t".join(str(x) for x in [factor, round(g(b, "input_mb"), 1), b.get("paragraphs"), g(b, "build_s"), round(g(b, "index_mb"), 1),
      round(g(b, "peak_rss_build_mb")), round(g(b, "peak_rss_query_mb")), g(b, "lat_p50_us") / 1000, g(b, "lat_p99_us") / 1000,
      g(c, "lat_p50_us") / 1000, g(c, "lat_p99_us") / 1000, round(g(c, "peak_rss_query_mb")),
      b.get("phrase_recall_mean"), c.get("phrase_recall_mean")]))
EOF
    cat "$tsv"
  done
  log "growth chart"
  (cd "$HERE/plot" && go run . "$tsv" "$OUT/growth.png") || echo "peers.sh: the chart was not drawn (bench/plot)" >&2
}

step_table() {
  local args=() n
  for n in seeds lawrefbook synth40 synth160 shards growth-1x growth-4x growth-8x growth-16x; do
    [ -f "$OUT/$n/results.tsv" ] && args+=("$n=$OUT/$n")
  done
  [ ${#args[@]} -gt 0 ] || die "no results under $OUT"
  python3 "$HERE/table.py" "$OUT/table.md" "${args[@]}"
}

for s in $STEPS; do
  declare -F "step_$s" >/dev/null || die "unknown step $s (seeds lawrefbook synth40 synth160 shards growth table)"
  "step_$s"
done
log "done: $OUT"
