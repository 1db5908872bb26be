#!/usr/bin/env bash
# Adaptive overlap benchmark: a seeded simulated crowd (crowd.py) labels 10,000 items through the
# server's HTTP API four times — fixed overlap 5, fixed overlap 3, and {min 2, max 5, confidence 0.9} with the
# task's consensus majority (`adaptive`) and dawid-skene (`adaptive-ds`) — and the server's own consensus by the
# task's method (GET …/aggregate) is scored against the simulated truth (both methods' are printed).
#
#   bench/adaptive/run.sh                              # release build, seed 14, the default crowd
#   SKIP_BUILD=1 LABELBENCH_BIN=.build/debug/labelbench bench/adaptive/run.sh
#   RUNS="adaptive-ds" bench/adaptive/run.sh           # one run; CONSENSUS=dawid-skene sets it for every run
#   SEED=7 ITEMS=2000 CROWD="--spammers 4 --low 0.7 --high 0.95 --beta 4" bench/adaptive/run.sh
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
SEED="${SEED:-14}"
ITEMS="${ITEMS:-10000}"
ANNOTATORS="${ANNOTATORS:-20}"
CROWD="${CROWD:-}"
RUNS="${RUNS:-fixed-5 fixed-3 adaptive adaptive-ds}"
CONSENSUS="${CONSENSUS:-}"
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
  consensus="${CONSENSUS:-majority}"
  case "$run" in
    fixed-*) overlap="${run#fixed-}" ;;
    adaptive) overlap='{"min": 2, "max": 5, "confidence": 0.9}' ;;
    adaptive-ds) overlap='{"min": 2, "max": 5, "confidence": 0.9}'; consensus=dawid-skene ;;
    *) echo "unknown run $run" >&2; exit 2 ;;
  esac
  echo "== $run: $ITEMS items, seed $SEED; load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  # shellcheck disable=SC2086
  python3 "$HERE/crowd.py" --port "$PORT" --admin-token "$TOKEN" --tokens "$WORK/tokens" \
    --names "$(IFS=,; echo "${NAMES[*]}")" --task "$run" --overlap "$overlap" --consensus "$consensus" --seed "$SEED" --items "$ITEMS" $CROWD \
    | tee -a "$RESULTS" >&2
done

python3 - "$RESULTS" <<'EOF'
import json, sys
rows = {row["task"]: row for row in map(json.loads, open(sys.argv[1]))}
print(f"{'run':<12} {'consensus':<12} {'judgments':>10} {'per item':>9} {'accuracy %':>11} {'majority %':>11} "
      f"{'d-s %':>7} {'seconds':>8}")
for name, row in rows.items():
    print(f"{name:<12} {row['consensus']:<12} {row['stored_annotations']:>10} {row['judgments_per_item']:>9} "
          f"{row['accuracy']:>11} {row['accuracy_majority']:>11} {row['accuracy_dawid_skene']:>7} {row['seconds']:>8}")
for name in ("adaptive", "adaptive-ds"):
    if {"fixed-5", name} <= rows.keys():
        five, adaptive = rows["fixed-5"], rows[name]
        saving = 100 * (1 - adaptive["stored_annotations"] / five["stored_annotations"])
        gap = five["accuracy"] - adaptive["accuracy"]
        print(f"{name} vs fixed 5: {saving:.1f}% fewer judgments (target >= 40), "
              f"accuracy {gap:+.2f} points behind (target <= 0.5)")
    if {"fixed-3", name} <= rows.keys():
        three, adaptive = rows["fixed-3"], rows[name]
        print(f"{name} vs fixed 3: {adaptive['accuracy'] - three['accuracy']:+.2f} points at "
              f"{adaptive['stored_annotations'] / three['stored_annotations']:.2f}x the judgments")
EOF
