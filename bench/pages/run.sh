#!/usr/bin/env bash
# Page-load budgets (issue 11): server-render time p95 of the task list at 500 tasks, the quality
# page of a 100k-annotation task and the queue pages, each under 50 ms. Uses the release build
# (bench/common.sh). Sizes can be lowered for a smoke run:
#   TASKS=20 ANNOTATIONS=2000 REQUESTS=20 SKIP_BUILD=1 LABELBENCH_BIN=.build/debug/labelbench bench/pages/run.sh
# Exits 1 when a page is over its budget.
set -euo pipefail
BENCH_NAME=pages
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TASKS="${TASKS:-500}"
ANNOTATIONS="${ANNOTATIONS:-100000}"
REQUESTS="${REQUESTS:-200}"

start_server "$WORK/data" "$WORK/server.log"
echo "== filling: $TASKS tasks, one task with $ANNOTATIONS annotations" >&2
python3 "$HERE/pages.py" setup "$URL" "$TOKEN" --tasks "$TASKS" --annotations "$ANNOTATIONS"
echo "== measuring: $REQUESTS requests per page after 3 warm-up requests ($(basename "$BIN"), $(nproc) cores)" >&2
python3 "$HERE/pages.py" measure "$URL" --requests "$REQUESTS" --token "$TOKEN"
