#!/usr/bin/env bash
# End-to-end: a real server, tasks/items/annotations made through the CLI and the API, an export
# written with `labelbench export --to DIR`, then loaded with Hugging Face `datasets` and pandas.
#
# Usage: Tests/python/run_datasets_check.sh   (from the repository root; builds the debug binary if needed)
# Needs network access for `pip install datasets pandas` (into a throwaway venv) on the first run;
# set LABELBENCH_VENV to reuse a venv that already has them.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BIN=$ROOT/.build/debug/labelbench
[ -x "$BIN" ] || swift build --product labelbench
WORK=$(mktemp -d /tmp/labelbench-datasets-XXXXXX)
SERVER_PID=
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
start=$(date +%s)

VENV=${LABELBENCH_VENV:-$WORK/venv}
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check datasets pandas
fi
venv_done=$(date +%s)

DATA=$WORK/data
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export LABELBENCH_SERVER=http://127.0.0.1:$PORT
"$BIN" serve --data "$DATA" --port "$PORT" --log-level warning >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
  curl -fsS "$LABELBENCH_SERVER/healthz" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log"; exit 1; }
  sleep 0.1
done

for name in pat ann-1 ann-2; do
  role=annotator; [ "$name" = pat ] && role=practitioner
  echo "correct-horse-battery" | "$BIN" users add "$name" --role "$role" --password-stdin --data "$DATA" >/dev/null
done
PAT=$("$BIN" tokens create pat --data "$DATA")
A1=$("$BIN" tokens create ann-1 --data "$DATA")
A2=$("$BIN" tokens create ann-2 --data "$DATA")

cat >"$WORK/task.json" <<'JSON'
{"name": "dscheck", "title": "Datasets check", "answer": "single",
 "labels": [{"name": "cat", "key": "1"}, {"name": "dog", "key": "2"}],
 "overlap": 2, "lease_seconds": 600, "instructions": "Pick one.", "annotators": ["ann-1", "ann-2"]}
JSON
"$BIN" tasks create "$WORK/task.json" --token "$PAT" >/dev/null

python3 - "$WORK/items.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as out:
    for i in range(20):
        row = {"id": f"doc-{i:02d}", "text": f"document {i}, with \"quotes\" and ünïcode", "meta": {"n": i}}
        if i == 19:
            row["gold"] = "dog"
        out.write(json.dumps(row) + "\n")
PY
"$BIN" import dscheck "$WORK/items.jsonl" --token "$PAT" >/dev/null

# Two annotators label 12 items each through the queue API (overlap 2: the same 12 items).
for token in "$A1" "$A2"; do
  for i in $(seq 1 12); do
    next=$(curl -fsS -H "Authorization: Bearer $token" "$LABELBENCH_SERVER/api/v1/tasks/dscheck/next")
    body=$(printf '%s' "$next" | python3 -c '
import json, sys
n = json.load(sys.stdin)
item = n["item"]["id"]
label = "cat" if int(item.split("-")[1]) % 3 else "dog"
print(json.dumps({"item": item, "lease": n["lease"], "label": label, "request_id": "r-" + item, "seconds": 3.5}))')
    curl -fsS -o /dev/null -H "Authorization: Bearer $token" -H "Content-Type: application/json" \
      -d "$body" "$LABELBENCH_SERVER/api/v1/tasks/dscheck/annotations"
  done
done
# Four more items labeled elsewhere come in through import-annotations.
for i in 12 13 14 15; do echo "{\"item\": \"doc-$i\", \"annotator\": \"ext-1\", \"label\": \"dog\"}"; done >"$WORK/ann.jsonl"
"$BIN" import-annotations dscheck "$WORK/ann.jsonl" --token "$PAT" >/dev/null

export_start=$(date +%s.%N)
ref=$("$BIN" export dscheck --to "$WORK/out" --token "$PAT" | tail -n 1)
export_end=$(date +%s.%N)
echo "exported $ref"
"$BIN" artifacts verify "$WORK/out"
# 12 + 4 annotated items and the gold item.
"$VENV/bin/python" "$ROOT/Tests/python/check_datasets_load.py" "$WORK/out" 17
end=$(date +%s)
echo "timing: total $((end - start)) s (venv + pip $((venv_done - start)) s), export $(python3 -c "print(round($export_end - $export_start, 2))") s"
