#!/usr/bin/env bash
# Export benchmark: wall time, rows/s and the server's peak memory while `labelbench export TASK` runs,
# for a task of 10k items and one of 100k items, 3 annotations each.
#
# Usage: bench/export/run.sh [SIZES...]     (default: 10000 100000; run from anywhere)
# Env: SCRATCH (SwiftPM scratch path for the release build, default .build-release), REPEAT (exports per size, default 3),
#      LABELBENCH_BIN (use this binary instead of building)
# Baseline: Label Studio 1.23.2 JSON export, 10k×3: 16.1 s, 575 MB RSS; 100k×3: 149 s, 1.9 GB RSS.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(10000 100000)
REPEAT=${REPEAT:-3}
SCRATCH=${SCRATCH:-.build-release}

if [ -n "${LABELBENCH_BIN:-}" ]; then
  BIN=$LABELBENCH_BIN  # a binary built elsewhere, as bench/common.sh takes it
else
  swift build -c release --static-swift-stdlib --product labelbench --scratch-path "$SCRATCH" >&2
  BIN=$(swift build -c release --static-swift-stdlib --product labelbench --scratch-path "$SCRATCH" --show-bin-path)/labelbench
fi

WORK=$(mktemp -d /tmp/labelbench-export-bench-XXXXXX)
SERVER_PID=
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

DATA=$WORK/data
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export LABELBENCH_SERVER=http://127.0.0.1:$PORT
start_server() {
  "$BIN" serve --data "$DATA" --port "$PORT" --log-level warning >>"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 200); do
    curl -fsS "$LABELBENCH_SERVER/healthz" >/dev/null 2>&1 && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; exit 1; }
    sleep 0.1
  done
}
stop_server() { kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=; }
start_server
echo "bench-pass-phrase" | "$BIN" users add pat --role practitioner --password-stdin --data "$DATA" >/dev/null
export LABELBENCH_TOKEN=$("$BIN" tokens create pat --data "$DATA")

kb() { awk -v k="$1:" '$1 == k { print $2 }' "/proc/$SERVER_PID/status"; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo), $(uname -sr)"
echo "binary: $BIN"
printf '%-8s %-6s %10s %10s %12s %12s %12s %10s\n' items run wall_s rows_per_s rss_before_MB peak_rss_MB peak_delta_MB server_s
for n in "${SIZES[@]}"; do
  task="bench-$n"
  python3 "$ROOT/bench/export/generate.py" "$n" "$WORK/gen-$n" "$task"
  "$BIN" tasks create "$WORK/gen-$n/task.json" >/dev/null
  t0=$(date +%s.%N)
  "$BIN" import "$task" "$WORK/gen-$n/items.jsonl" >/dev/null
  "$BIN" import-annotations "$task" "$WORK/gen-$n/annotations.jsonl" >/dev/null
  t1=$(date +%s.%N)
  echo "setup $task: $n items + $((3 * n)) annotations imported in $(python3 -c "print(round($t1 - $t0, 1))") s" >&2
  # Exports are measured in a freshly started server, so the imports' heap does not count as export memory.
  stop_server
  start_server
  for run in $(seq 1 "$REPEAT"); do
    # Reset the peak-RSS counter so VmHWM afterwards is the peak of this export alone.
    echo 5 > "/proc/$SERVER_PID/clear_refs" 2>/dev/null || true
    before=$(kb VmRSS)
    peak_poll=$before
    start=$(date +%s.%N)
    "$BIN" export "$task" > "$WORK/export.out" &
    export_pid=$!
    while kill -0 "$export_pid" 2>/dev/null; do
      rss=$(kb VmRSS); [ "$rss" -gt "$peak_poll" ] && peak_poll=$rss
      sleep 0.02
    done
    wait "$export_pid"
    end=$(date +%s.%N)
    hwm=$(kb VmHWM)
    peak=$(( hwm > peak_poll ? hwm : peak_poll ))
    ref=$(tail -n 1 "$WORK/export.out")
    # The same export request timed with curl: the server's share, without the CLI's process start and HTTP client.
    server_s=$(curl -fsS -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $LABELBENCH_TOKEN" \
      -H "Content-Type: application/json" -d '{"format":"jsonl","method":"majority"}' "$LABELBENCH_SERVER/api/v1/tasks/$task/exports")
    python3 - "$n" "$run" "$start" "$end" "$before" "$peak" "$ref" "$server_s" <<'PY'
import sys
n, run, start, end, before, peak, ref, server = sys.argv[1:]
wall = float(end) - float(start)
print(f"{int(n):<8d} {run:<6s} {wall:10.2f} {int(n) / wall:10.0f} {int(before) / 1024:12.1f} {int(peak) / 1024:12.1f} {(int(peak) - int(before)) / 1024:12.1f} {float(server):10.2f}  {ref}")
PY
  done
done
echo "server VmHWM over the whole run (imports included): $(( $(kb VmHWM) / 1024 )) MB"
