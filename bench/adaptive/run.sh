#!/usr/bin/env bash
# Adaptive overlap benchmark: a seeded simulated crowd (crowd.py) labels 10,000 items through the
# server's HTTP API three times — fixed overlap 5, fixed overlap 3, and {min 2, max 5, confidence 0.9} —
# and the server's own majority consensus (GET …/aggregate) is scored against the simulated truth.
#
#   bench/adaptive/run.sh                              # release build, seed 14, the default crowd
#   SKIP_BUILD=1 LABELBENCH_BIN=.build/debug/labelbench bench/adaptive/run.sh
#   SEED=7 ITEMS=2000 CROWD="--spammers 4 --low 0.7 --high 0.95 --beta 4" bench/adaptive/run.sh
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
SEED="${SEED:-14}"
ITEMS="${ITEMS:-10000}"
ANNOTATORS="${ANNOTATORS:-20}"
CROWD="${CROWD:-}"
RUNS="${RUNS:-fixed-5 fixed-3 adaptive}"
BENCH_NAME=adaptive
source "$HERE/../common.sh"
DATA="$WORK/data"

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); binary $BIN" >&2
start_server "$DATA" "$WORK/server.log"
: > "$WORK/tokens"
NAMES=()
for i in $(seq -w 1 "$ANNOTATORS"); do
  echo "bench-password-1" | "$BIN" users add "crowd$i" --role annotator --password-stdin --data "$DATA" >/dev/null
  "$BIN" tokens create "crowd$i" --data "$DATA" >> "$WORK/tokens"
  NAMES+=("crowd$i")
done

RESULTS="$WORK/results.jsonl"
: > "$RESULTS"
for run in $RUNS; do
  case "$run" in
    fixed-*) overlap="${run#fixed-}" ;;
    adaptive) overlap='{"min": 2, "max": 5, "confidence": 0.9}' ;;
    *) echo "unknown run $run" >&2; exit 2 ;;
  esac
  echo "== $run: $ITEMS items, seed $SEED; load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  # shellcheck disable=SC2086
  python3 "$HERE/crowd.py" --port "$PORT" --admin-token "$TOKEN" --tokens "$WORK/tokens" \
    --names "$(IFS=,; echo "${NAMES[*]}")" --task "$run" --overlap "$overlap" --seed "$SEED" --items "$ITEMS" $CROWD \
    | tee -a "$RESULTS" >&2
done

python3 - "$RESULTS" <<'EOF'
import json, sys
rows = {row["task"]: row for row in map(json.loads, open(sys.argv[1]))}
print(f"{'run':<10} {'judgments':>10} {'per item':>9} {'accuracy %':>11} {'seconds':>8}")
for name, row in rows.items():
    print(f"{name:<10} {row['stored_annotations']:>10} {row['judgments_per_item']:>9} {row['accuracy']:>11} {row['seconds']:>8}")
if {"fixed-5", "adaptive"} <= rows.keys():
    five, adaptive = rows["fixed-5"], rows["adaptive"]
    saving = 100 * (1 - adaptive["stored_annotations"] / five["stored_annotations"])
    gap = five["accuracy"] - adaptive["accuracy"]
    print(f"adaptive vs fixed 5: {saving:.1f}% fewer judgments (target >= 40), accuracy {gap:+.2f} points behind (target <= 0.5)")
if {"fixed-3", "adaptive"} <= rows.keys():
    three, adaptive = rows["fixed-3"], rows["adaptive"]
    print(f"adaptive vs fixed 3: {adaptive['accuracy'] - three['accuracy']:+.2f} points at "
          f"{adaptive['stored_annotations'] / three['stored_annotations']:.2f}x the judgments")
EOF
