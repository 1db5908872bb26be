#!/usr/bin/env bash
# import-from label-studio of TASKS (default 100,000) tasks with 3 annotations each into a fresh
# server: wall time of the command and the server's peak resident memory (VmHWM).
set -euo pipefail
BENCH_NAME=import-from
source "$(dirname "$0")/../common.sh"
TASKS="${TASKS:-100000}"
python3 "$ROOT/bench/import-from/make_label_studio.py" "$TASKS" "$WORK/export.json"
start_server "$WORK/data" "$WORK/serve.log"
echo '{"name": "reviews", "labels": [{"name": "Positive"}, {"name": "Neutral"}, {"name": "Negative"}]}' > "$WORK/task.json"
"$BIN" tasks create "$WORK/task.json" --server "$URL" --token "$TOKEN" >/dev/null
echo "file: $(du -m "$WORK/export.json" | cut -f1) MB; server before: $(grep VmHWM /proc/$SERVER_PID/status)"
start=$(date +%s.%N)
"$BIN" import-from label-studio reviews "$WORK/export.json" --server "$URL" --token "$TOKEN"
end=$(date +%s.%N)
echo "import-from: $(echo "$end - $start" | bc) s; server after: $(grep VmHWM /proc/$SERVER_PID/status)"
