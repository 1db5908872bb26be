#!/usr/bin/env bash
# Item-browser benchmark (issue 15): a task of ITEMS items (default 1,000,000) with PER_ITEM annotations
# each (default 3: 3,000,000), imported through the CLI into a local release server; then REQUESTS (500)
# API requests per filter kind over one keep-alive connection, with p50/p99 and the server's RSS.
#
#   bench/items/run.sh
#   ITEMS=200000 REQUESTS=200 SKIP_BUILD=1 LABELBENCH_BIN=… bench/items/run.sh
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ITEMS="${ITEMS:-1000000}"
PER_ITEM="${PER_ITEM:-3}"
REQUESTS="${REQUESTS:-500}"
BENCH_NAME=items
source "$HERE/../common.sh"
start_server "$WORK/data" "$WORK/server.log"

seconds() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$@"; }
echo "== $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
python3 "$ROOT/bench/annotator-loop/make_items.py" "$ITEMS" "$WORK/items.jsonl"
python3 "$HERE/make_annotations.py" "$ITEMS" "$PER_ITEM" "$WORK/annotations.jsonl"
cat > "$WORK/task.json" <<JSON
{"name": "browse", "title": "Browse", "labels": [{"name": "pos"}, {"name": "neg"}, {"name": "neu"}], "overlap": $PER_ITEM}
JSON
"$BIN" tasks create "$WORK/task.json" --token "$TOKEN" --server "$URL" >/dev/null
start=$(date +%s.%N)
"$BIN" import browse "$WORK/items.jsonl" --token "$TOKEN" --server "$URL" >&2
middle=$(date +%s.%N)
"$BIN" import-annotations browse "$WORK/annotations.jsonl" --token "$TOKEN" --server "$URL" >&2
end=$(date +%s.%N)
echo "== import: items $(seconds "$start" "$middle") s, annotations $(seconds "$middle" "$end") s" >&2

api="/api/v1/tasks/browse/items"
# The first search indexes the imported text (imports leave it to the first search).
start=$(date +%s.%N)
curl -fsS -H "Authorization: Bearer $TOKEN" "$URL$api?q=refund" >/dev/null
end=$(date +%s.%N)
echo "== first search (indexes $ITEMS items' text): $(seconds "$start" "$end") s" >&2
# A cursor deep in the walk: the one after the item stored at 90 % (cursors are opaque to clients;
# the bench builds one as the server would).
deep=$(python3 -c "import base64,sys; print(base64.urlsafe_b64encode(f'i:{int(sys.argv[1]) * 9 // 10}'.encode()).decode().rstrip('='))" "$ITEMS")

python3 "$HERE/measure.py" "$URL" "$TOKEN" "$SERVER_PID" "$REQUESTS" \
  "none=$api" \
  "state=$api?state=contested" \
  "rare state=$api?state=flagged" \
  "label=$api?label=neu" \
  "annotator=$api?annotator=ann-07" \
  "meta=$api?meta.shard=3" \
  "text search=$api?q=refund" \
  "text search, rare=$api?q=refund+AND+recyclable+AND+pending+AND+battery" \
  "deep cursor=$api?cursor=$deep" \
  "agreement below=$api?agreement_below=0.5" \
  "combined=$api?state=contested&label=neg&q=food"
echo "== server RSS: $(grep -E 'VmRSS|VmHWM' /proc/$SERVER_PID/status | tr -s ' \n' ' ')" >&2
