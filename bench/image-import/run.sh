#!/usr/bin/env bash
# Image-import benchmark: COUNT small distinct PNGs (32x32, ~3 KB each) in one zip, imported with
# `labelbench import TASK images.zip` into a fresh image task of a local release server, timed end to
# end (CLI start to exit: read the zip, multipart upload, server writes it to a temp file, checks the
# central directory, extracts and inspects every image, stores blobs, inserts items, commits).
# Each run uses a fresh data folder and server, so every run writes all its blobs; the server's
# peak RSS (VmHWM in /proc/PID/status) is read right after the import, and the CLI's with /usr/bin/time.
#
#   bench/image-import/run.sh                      # build release, 5000 images, 3 runs
#   COUNT=5000 RUNS=5 SKIP_BUILD=1 bench/image-import/run.sh
#   LABELBENCH_BIN=.build/debug/labelbench SKIP_BUILD=1 COUNT=200 RUNS=1 bench/image-import/run.sh   # smoke test
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
COUNT="${COUNT:-5000}"
RUNS="${RUNS:-3}"
BENCH_NAME=image-import
source "$HERE/../common.sh"

kib() { awk -v k="$1" '/^'"$1"':/ {print $2}' "/proc/$SERVER_PID/status"; }

python3 "$HERE/generate.py" "$COUNT" "$WORK/images.zip"
ZIP_MB=$(python3 -c "import os; print(f'{os.path.getsize(\"$WORK/images.zip\") / 1e6:.1f}')")
echo "== $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); zip: $COUNT images, $ZIP_MB MB" >&2

rows=()
for run in $(seq "$RUNS"); do
  DATA="$WORK/data-$run"
  start_server "$DATA" "$WORK/server-$run.log"
  cat > "$WORK/task.json" <<JSON
{"name": "photos", "title": "Photos", "kind": "image", "labels": [{"name": "cat"}, {"name": "dog"}], "overlap": 1}
JSON
  "$BIN" tasks create "$WORK/task.json" --token "$TOKEN" --server "$URL" >/dev/null
  idle_kb=$(kib VmHWM)
  sync
  start=$(date +%s.%N)
  out="$(/usr/bin/time -f 'cli-max-rss-kb=%M' "$BIN" import photos "$WORK/images.zip" --token "$TOKEN" --server "$URL" 2>&1)"
  end=$(date +%s.%N)
  peak_kb=$(kib VmHWM)
  cli_kb=$(sed -n 's/.*cli-max-rss-kb=\([0-9]*\).*/\1/p' <<<"$out")
  seconds=$(python3 -c "print(f'{$end - $start:.3f}')")
  blobs=$(find "$DATA/blobs/sha256" -type f | wc -l)
  echo "run $run: $seconds s; server VmHWM idle $((idle_kb / 1024)) MB -> peak $((peak_kb / 1024)) MB; CLI max RSS $((cli_kb / 1024)) MB; $blobs blobs; $(head -1 <<<"$out")" >&2
  [[ "$out" == "imported $COUNT item(s)"* ]] || { echo "unexpected import output: $out" >&2; exit 1; }
  [[ "$blobs" == "$COUNT" ]] || { echo "expected $COUNT blobs, found $blobs" >&2; exit 1; }
  rows+=("$seconds $idle_kb $peak_kb $cli_kb")
  stop_server
done

python3 - "$COUNT" "$ZIP_MB" "${rows[@]}" <<'PY'
import statistics, sys
count, zip_mb = int(sys.argv[1]), sys.argv[2]
runs = [tuple(float(x) for x in row.split()) for row in sys.argv[3:]]
times = sorted(r[0] for r in runs)
median = statistics.median(times)
peak = max(r[2] for r in runs) / 1024
idle = max(r[1] for r in runs) / 1024
cli = max(r[3] for r in runs) / 1024
print()
print("| images | zip MB | runs | best s | median s | images/s (median) | server peak RSS (idle) | CLI peak RSS |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|")
print(f"| {count} | {zip_mb} | {len(runs)} | {times[0]:.3f} | {median:.3f} | {count / median:,.0f} | {peak:.0f} MB ({idle:.0f} MB) | {cli:.0f} MB |")
PY
