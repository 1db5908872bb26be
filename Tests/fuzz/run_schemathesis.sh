#!/usr/bin/env bash
# Fuzzes the JSON API from its own OpenAPI document with schemathesis (PyPI, in a throwaway venv):
# a server on 127.0.0.1 with a temp data folder, a practitioner token, one task with items; every
# generated request must get a non-5xx answer. Not part of scripts/test (it needs PyPI).
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN="${LABELBENCH_BIN:-.build/debug/labelbench}"
VENV="${SCHEMATHESIS_VENV:-/tmp/labelbench-schemathesis}"
[ -x "$VENV/bin/schemathesis" ] || { python3 -m venv "$VENV" && "$VENV/bin/pip" install -q schemathesis; }
DATA=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$BIN" users add fuzz-practitioner --role practitioner --data "$DATA/d" >/dev/null
"$BIN" users add fuzz-annotator --role annotator --data "$DATA/d" >/dev/null
TOKEN=$("$BIN" tokens create fuzz-practitioner --data "$DATA/d")
"$BIN" serve --data "$DATA/d" --port "$PORT" --log-level warning >"$DATA/serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 100); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
echo '{"name": "t1", "labels": [{"name": "a"}, {"name": "b"}], "annotators": ["fuzz-annotator"]}' >"$DATA/task.json"
"$BIN" tasks create "$DATA/task.json" --token "$TOKEN" --server "http://127.0.0.1:$PORT" >/dev/null
printf '{"id":"x1","text":"hello"}\n{"id":"x2","text":"world"}\n' >"$DATA/items.jsonl"
"$BIN" import t1 "$DATA/items.jsonl" --token "$TOKEN" --server "http://127.0.0.1:$PORT" >/dev/null
"$VENV/bin/schemathesis" run "http://127.0.0.1:$PORT/api/v1/openapi.json" --url "http://127.0.0.1:$PORT/api/v1" \
  -H "Authorization: Bearer $TOKEN" --checks not_a_server_error --max-examples "${EXAMPLES:-30}" --phases examples,fuzzing
