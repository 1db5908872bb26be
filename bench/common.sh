# Shared by the bench scripts (source it): the release binary, a temp work folder that is removed
# on exit, and a loopback server on a fresh data folder with an admin token.
#   BIN            the labelbench binary (LABELBENCH_BIN, else the release build, built unless SKIP_BUILD)
#   WORK           a temp folder, removed on exit along with any server started here
#   start_server DATA LOG   creates an admin account, starts `labelbench serve` on a free port and
#                           waits for /healthz; sets TOKEN, PORT, URL and SERVER_PID
#   stop_server    stops the server started last
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${LABELBENCH_BIN:-$ROOT/.build-release/release/labelbench}"

if [[ -z "${SKIP_BUILD:-}" ]]; then
  echo "== building release" >&2
  (cd "$ROOT" && swift build -c release --static-swift-stdlib --product labelbench --scratch-path .build-release >&2)
fi

WORK="$(mktemp -d "/tmp/labelbench-${BENCH_NAME:-bench}.XXXXXX")"
SERVER_PID=""
stop_server() {
  if [[ -n "$SERVER_PID" ]]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  SERVER_PID=""
}
cleanup() { stop_server; rm -rf "$WORK"; }
trap cleanup EXIT

start_server() {
  local data="$1" log="$2"
  mkdir -p "$data"
  echo "bench-password-1" | "$BIN" users add bench-admin --role admin --password-stdin --data "$data" >/dev/null
  TOKEN="$("$BIN" tokens create bench-admin --data "$data")"
  PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  URL="http://127.0.0.1:$PORT"
  "$BIN" serve --data "$data" --port "$PORT" --host 127.0.0.1 > "$log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 100); do curl -fs "$URL/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
  curl -fs "$URL/healthz" >/dev/null || { cat "$log" >&2; exit 1; }
}
