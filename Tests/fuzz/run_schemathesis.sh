#!/usr/bin/env bash
# Runs schemathesis against the OpenAPI document of a loopback server and fails on any 5xx or crash
# (quality bar: no input produces a 5xx). Two passes: every operation with generated path values, then
# with `task` pinned to a real task, so the operations behind a task lookup are fuzzed too.
#   Tests/fuzz/run_schemathesis.sh [EXAMPLES]   (default 50 examples per operation; stops by itself)
# LABELBENCH_BIN=.build/debug/labelbench SKIP_BUILD=1 runs it on the debug build.
set -euo pipefail
BENCH_NAME=schemathesis
source "$(dirname "$0")/../../bench/common.sh"
EXAMPLES="${1:-50}"

VENV="$ROOT/.venv-bench-schemathesis"
[[ -x "$VENV/bin/st" ]] || { python3 -m venv "$VENV" && "$VENV/bin/pip" install -q "schemathesis==4.*"; }

start_server "$WORK/data" "$WORK/server.log"
curl -fsS -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" "$URL/api/v1/tasks" \
  -d '{"name": "t1", "title": "Fuzzed", "kind": "text", "answer": "single",
       "labels": [{"name": "yes", "key": "y"}, {"name": "no", "key": "n"}], "overlap": 1}' >/dev/null
printf '{"id": "a1", "text": "one"}\n{"id": "a2", "text": "two"}\n' |
  curl -fsS -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/x-ndjson" \
    --data-binary @- "$URL/api/v1/tasks/t1/items" >/dev/null

run_pass() {
  local name="$1"; shift
  echo "== schemathesis: $name ($EXAMPLES examples an operation)"
  (cd "$WORK" && "$VENV/bin/st" "$@" run "$URL/api/v1/openapi.json" \
    --header "Authorization: Bearer $TOKEN" --checks not_a_server_error \
    --max-examples "$EXAMPLES" --seed 1 --workers 1 --report junit --report-dir "$WORK/report-$name")
}
run_pass free
printf '[parameters]\n"path.task" = "t1"\n' > "$WORK/pinned.toml"
run_pass pinned --config-file "$WORK/pinned.toml"

# A crash would have ended the server: it must still answer.
curl -fs "$URL/healthz" >/dev/null || { echo "the server stopped during the run" >&2; tail -20 "$WORK/server.log" >&2; exit 1; }
echo "no server errors"
