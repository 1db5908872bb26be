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
# computation alone as the Python baselines report it ("-" for labelbench, see alpha_alone).
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

# Nominal alpha alone, from `labelbench agreement --timings` in a separate run so the timed run
# above is not slowed by computing alpha twice; the figure to set beside krippendorff's inner_s.
alpha_alone() {
  "$LABELBENCH" agreement "$1" --json --timings 2>&1 >/dev/null |
    awk '/nominal alpha alone/ { printf "%.3f", $(NF - 1) }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0 && a != "-") printf "%.0fx", a / b; else printf "-" }'; }

echo "# $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
printf '%-10s %-50s %8s %8s %8s\n' size command wall_s rss_mb inner_s
for size in "${sizes[@]}"; do
  file="$data/ann-$size.jsonl"
  [[ -f "$file" ]] || python3 "$here/generate.py" "$size" "$file"
  row() { printf '%-10s %-50s %8s %8s %8s\n' "$size" "$@"; }
  out="$(measure "$LABELBENCH" agreement "$file" --json)"
  read -r lb_wall lb_rss _ <<<"$out"
  lb_alpha="$(alpha_alone "$file")"
  row "labelbench agreement --json (inner = alpha alone)" "$lb_wall" "$lb_rss" "${lb_alpha:--}"
  out="$(measure "$LABELBENCH" aggregate "$file" --method dawid-skene --json)"
  read -r ds_wall ds_rss _ <<<"$out"
  row "labelbench aggregate dawid-skene --json" "$ds_wall" "$ds_rss" -
  # One run gives both krippendorff figures: wall is end to end from JSONL, inner_s is alpha() alone.
  out="$(measure "$py" "$here/python_baselines.py" krippendorff "$file")"
  read -r kr_wall kr_rss kr_inner <<<"$out"
  row "krippendorff nominal (JSONL; inner = alpha)" "$kr_wall" "$kr_rss" "$kr_inner"
  out="$(measure "$py" "$here/python_baselines.py" crowdkit "$file")"
  read -r ck_wall ck_rss ck_inner <<<"$out"
  row "crowd-kit DawidSkene(n_iter=100)" "$ck_wall" "$ck_rss" "$ck_inner"
  echo "# $size: alpha alone $(ratio "$kr_inner" "${lb_alpha:-0}") faster than krippendorff's alpha();" \
    "agreement end to end $(ratio "$kr_wall" "$lb_wall") faster than krippendorff from JSONL;" \
    "Dawid-Skene $(ratio "$ck_wall" "$ds_wall") faster than crowd-kit"
done
