#!/usr/bin/env bash
# Annotator-loop benchmark: GET next + POST annotation over keep-alive connections at
# 1, 4 and 16 concurrent annotators against a local release server. Stops by itself.
# Each level runs in two modes: every annotator a coroutine of one asyncio client process
# ("asyncio"), and every annotator a client process of its own ("processes").
#
#   bench/annotator-loop/run.sh            # build release, 30 s per level and mode
#   DURATION=20 LEVELS="16" MODES=processes SKIP_BUILD=1 bench/annotator-loop/run.sh
#   TRACE_DIR=/tmp/loop ...                # keep every request's timing and the server log there
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
DURATION="${DURATION:-30}"
LEVELS="${LEVELS:-1 4 16}"
ANNOTATORS="${ANNOTATORS:-16}"
ITEMS="${ITEMS:-30000}"
OVERLAP="${OVERLAP:-3}"
MODES="${MODES:-asyncio processes}"
TRACE_DIR="${TRACE_DIR:-}"
if [[ -n "$TRACE_DIR" ]]; then mkdir -p "$TRACE_DIR"; fi
BENCH_NAME=loop
source "$HERE/../common.sh"
DATA="$WORK/data"

rss() { awk '/^(VmRSS|VmHWM)/ {printf "%s=%d ", $1, $2/1024}' "/proc/$SERVER_PID/status"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" >&2
echo "== fsync rate (dd 4 KiB oflag=dsync, 1000 writes in $WORK):" >&2
dd if=/dev/zero of="$WORK/dd" bs=4k count=1000 oflag=dsync 2>&1 | tail -1 | awk '{printf "   %s s for 1000 -> %.0f fsync/s\n", $(NF-3), 1000/$(NF-3)}' >&2
rm -f "$WORK/dd"

echo "== accounts" >&2
start_server "$DATA" "$WORK/server.log"
ADMIN_TOKEN="$TOKEN"
: > "$WORK/tokens"
NAMES=()
for i in $(seq -w 1 "$ANNOTATORS"); do
  echo "bench-password-1" | "$BIN" users add "ann$i" --role annotator --password-stdin --data "$DATA" >/dev/null
  "$BIN" tokens create "ann$i" --data "$DATA" >> "$WORK/tokens"
  NAMES+=("\"ann$i\"")
done
ANNOTATOR_LIST="$(IFS=,; echo "${NAMES[*]}")"

python3 "$HERE/make_items.py" "$ITEMS" "$WORK/items.jsonl"
sleep 1
IDLE_RSS="$(rss)"
echo "== server idle: $IDLE_RSS" >&2

RESULTS="$WORK/results.jsonl"
: > "$RESULTS"
for level in $LEVELS; do
for mode in $MODES; do
  task="loop-$mode-$level"
  cat > "$WORK/$task.json" <<EOF
{"name": "$task", "title": "Annotator loop $level ($mode)", "kind": "text", "answer": "single",
 "labels": [{"name": "pos"}, {"name": "neg"}, {"name": "neutral"}],
 "overlap": $OVERLAP, "lease_seconds": 600, "annotators": [$ANNOTATOR_LIST]}
EOF
  "$BIN" tasks create "$WORK/$task.json" --token "$ADMIN_TOKEN" --server "$URL" >/dev/null
  "$BIN" import "$task" "$WORK/items.jsonl" --token "$ADMIN_TOKEN" --server "$URL" >/dev/null
  sleep 1
  before_rss="$(rss)"
  ticks0="$(cpu_ticks)"
  echo "== $level annotator(s), $mode, ${DURATION}s on $task ($ITEMS items x overlap $OVERLAP); load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  flags=(--port "$PORT" --task "$task" --tokens "$WORK/tokens" --clients "$level" --duration "$DURATION")
  [[ "$mode" == processes ]] && flags+=(--processes)
  [[ -n "$TRACE_DIR" ]] && flags+=(--trace "$TRACE_DIR/$task.trace")
  python3 "$HERE/loadgen.py" "${flags[@]}" > "$WORK/one.json"
  ticks1="$(cpu_ticks)"
  after_rss="$(rss)"
  python3 - "$WORK/one.json" "$before_rss" "$after_rss" "$ticks0" "$ticks1" "$(getconf CLK_TCK)" >> "$RESULTS" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
parse = lambda s: {k.rstrip(':='): int(v) for k, v in (p.split('=') for p in s.split())}
r["rss_before_mb"] = parse(sys.argv[2]); r["rss_after_mb"] = parse(sys.argv[3])
r["server_cpu_share"] = round((int(sys.argv[5]) - int(sys.argv[4])) / int(sys.argv[6]) / r["seconds"], 2)
print(json.dumps(r))
EOF
  tail -1 "$RESULTS" >&2
done
done
FINAL_RSS="$(rss)"

python3 "$HERE/table.py" "$RESULTS" "$IDLE_RSS" "$FINAL_RSS"
if [[ -n "$TRACE_DIR" ]]; then cp "$WORK/server.log" "$RESULTS" "$TRACE_DIR/"; fi
if grep -q '"errors": [1-9]' "$RESULTS"; then echo "errors seen; server log tail:" >&2; tail -20 "$WORK/server.log" >&2; fi
