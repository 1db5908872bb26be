#!/usr/bin/env bash
# Statistics benchmark: labelbench agreement/aggregate against the Python packages
# krippendorff and crowd-kit, on generated annotation JSONL of 10k, 100k and 1M lines.
# Usage: bench/statistics/run.sh [SIZES...]   (default: 10000 100000 1000000)
# Set LABELBENCH=/path/to/binary to time an already built binary instead of building.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
sizes=("${@:-10000 100000 1000000}")
read -r -a sizes <<<"${sizes[*]}"
data="$here/data"
mkdir -p "$data"

if [[ -z "${LABELBENCH:-}" ]]; then
  (cd "$root" && swift build -c release --product labelbench >&2)
  LABELBENCH="$root/.build/release/labelbench"
fi

venv="$here/.venv"
if [[ ! -x "$venv/bin/python" ]]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --upgrade pip
  "$venv/bin/pip" install --quiet krippendorff crowd-kit
fi
py="$venv/bin/python"

# Prints "wall_seconds peak_rss_mb inner_seconds" of a command; inner_seconds is the
# computation alone as the Python baselines report it ("-" for labelbench).
measure() {
  local log out inner
  log="$(mktemp)"
  out="$(mktemp)"
  /usr/bin/time -v "$@" >"$out" 2>"$log" || { cat "$log" >&2; rm -f "$log" "$out"; return 1; }
  inner="$(grep -o '"[a-z_]*_seconds": [0-9.e-]*' "$out" | head -1 | awk '{ printf "%.3f", $2 }')"
  awk -F': ' -v inner="${inner:--}" '
    /Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; wall = s }
    /Maximum resident set size/ { rss = $2 / 1024 }
    END { printf "%.2f %.0f %s\n", wall, rss, inner }' "$log"
  rm -f "$log" "$out"
}

echo "# $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
printf '%-10s %-44s %8s %8s %8s\n' size command wall_s rss_mb inner_s
for size in "${sizes[@]}"; do
  file="$data/ann-$size.jsonl"
  [[ -f "$file" ]] || python3 "$here/generate.py" "$size" "$file"
  run() { printf '%-10s %-44s %8s %8s %8s\n' "$size" "$1" $(measure "${@:2}"); }
  run "labelbench agreement --json" "$LABELBENCH" agreement "$file" --json
  run "labelbench aggregate dawid-skene --json" "$LABELBENCH" aggregate "$file" --method dawid-skene --json
  # One run gives both krippendorff figures: wall is end to end from JSONL, inner_s is alpha() alone.
  run "krippendorff nominal (JSONL; inner = alpha)" "$py" "$here/python_baselines.py" krippendorff "$file"
  run "crowd-kit DawidSkene(n_iter=100)" "$py" "$here/python_baselines.py" crowdkit "$file"
done
