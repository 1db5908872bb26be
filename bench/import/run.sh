#!/usr/bin/env bash
# Item-import benchmark: 100k text items (JSONL, 100-300 characters each) imported with
# `labelbench import` into a fresh task of a local release server, timed end to end
# (CLI start to exit: read, upload, parse, validate, insert, commit with synchronous=FULL).
#
#   bench/import/run.sh                    # build release, 100k items, 3 runs
#   ITEMS=100000 RUNS=5 SKIP_BUILD=1 bench/import/run.sh
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ITEMS="${ITEMS:-100000}"
RUNS="${RUNS:-3}"
BENCH_NAME=import
source "$HERE/../common.sh"
start_server "$WORK/data" "$WORK/server.log"

python3 "$ROOT/bench/annotator-loop/make_items.py" "$ITEMS" "$WORK/items.jsonl"
echo "== $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); file: $ITEMS items, $(du -m "$WORK/items.jsonl" | cut -f1) MB, mean $(( $(stat -c %s "$WORK/items.jsonl") / ITEMS )) bytes/line" >&2

times=()
for run in $(seq "$RUNS"); do
  task="import-$run"
  cat > "$WORK/$task.json" <<EOF
{"name": "$task", "title": "Import $run", "labels": [{"name": "pos"}, {"name": "neg"}], "overlap": 3}
EOF
  "$BIN" tasks create "$WORK/$task.json" --token "$TOKEN" --server "$URL" >/dev/null
  sync
  start=$(date +%s.%N)
  out="$("$BIN" import "$task" "$WORK/items.jsonl" --token "$TOKEN" --server "$URL" 2>&1)"
  end=$(date +%s.%N)
  seconds=$(python3 -c "print(f'{$end - $start:.3f}')")
  times+=("$seconds")
  echo "run $run: $seconds s  ($out)" >&2
  [[ "$out" == "imported $ITEMS item(s)"* ]] || { echo "unexpected import output: $out" >&2; exit 1; }
done

python3 - "$ITEMS" "${times[@]}" <<'EOF'
import statistics, sys
items = int(sys.argv[1]); times = sorted(float(t) for t in sys.argv[2:])
best, median = times[0], statistics.median(times)
print()
print("| items | runs | best s | median s | items/s (median) | Label Studio | ratio vs LS (7k items/s) |")
print("|---:|---:|---:|---:|---:|---|---:|")
print(f"| {items} | {len(times)} | {best:.3f} | {median:.3f} | {items / median:,.0f} | 13.8-18.5 s, ~7k items/s | {items / median / 7000:.0f}x |")
EOF
