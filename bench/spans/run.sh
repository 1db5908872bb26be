#!/usr/bin/env bash
# Span agreement benchmark: `labelbench agreement` on a generated file of about 1,000,000 spans
# (200k items x 3 annotators), end to end with /usr/bin/time -v, against a straightforward Python
# implementation of the same figures (reference.py: plain-Python pair F1, krippendorff.alpha on the
# character matrix) in the same run. Both must print the same figures; the script checks that.
# Usage: bench/spans/run.sh [ITEMS]   (default 200000)
# LABELBENCH=/path/to/binary times an already built binary instead of building; RUNS=3 repeats
# the labelbench timing (the best run is reported with every run listed).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
items="${1:-200000}"
runs="${RUNS:-3}"
data="$root/bench/out/spans"
mkdir -p "$data"

if [[ -z "${LABELBENCH:-}" ]]; then
  (cd "$root" && swift build -c release --product labelbench >&2)
  LABELBENCH="$root/.build/release/labelbench"
fi

venv="$here/.venv"
if [[ ! -x "$venv/bin/python" ]]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --upgrade pip
  "$venv/bin/pip" install --quiet krippendorff numpy
fi
py="$venv/bin/python"

file="$data/spans-$items.jsonl"
if [[ ! -f "$file" ]]; then
  # 1.92 spans asked per answer come out as about 1.67 once misses, merges and [] answers are counted.
  spans="$(python3 "$here/generate.py" "$file" --items "$items" --annotators 3 --spans-per-answer 1.92 --seed 1)"
  echo "$spans" >"$file.spans"
fi

# Prints "wall_seconds peak_rss_mb" of a command, its stdout kept in $2.
measure() {
  local out="$1" log
  shift
  log="$(mktemp)"
  /usr/bin/time -v "$@" >"$out" 2>"$log" || { cat "$log" >&2; rm -f "$log"; return 1; }
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; wall = s }
    /Maximum resident set size/ { rss = $2 / 1024 }
    END { printf "%.2f %.0f\n", wall, rss }' "$log"
  rm -f "$log"
}

echo "# $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
echo "# $file: $(wc -l <"$file") annotations, $(cat "$file.spans") spans, $(du -m "$file" | cut -f1) MB"
best=""
all=""
for _ in $(seq "$runs"); do
  read -r wall rss <<<"$(measure "$data/labelbench.json" "$LABELBENCH" agreement "$file" --json)"
  all="$all $wall/${rss}MB"
  if [[ -z "$best" ]] || awk -v a="$wall" -v b="${best%% *}" 'BEGIN { exit !(a < b) }'; then best="$wall $rss"; fi
done
read -r lb_wall lb_rss <<<"$best"
printf '%-52s %8s %8s   runs:%s\n' "labelbench agreement --json (release)" "$lb_wall" "$lb_rss" "$all"
read -r py_wall py_rss <<<"$(measure "$data/python.json" "$py" "$here/reference.py" "$file")"
printf '%-52s %8s %8s\n' "python reference (F1 loops + krippendorff.alpha)" "$py_wall" "$py_rss"
"$py" - "$data/labelbench.json" "$data/python.json" <<'PY'
import json, sys
ours = json.load(open(sys.argv[1]))["span_agreement"]
theirs = json.load(open(sys.argv[2]))
for key in ["pairs", "f1_exact", "f1_overlap", "char_alpha"]:
    a, b = ours[key], theirs[key]
    assert (a is None and b is None) or abs(a - b) < 1e-9, (key, a, b)
print("# same figures:", {key: ours[key] for key in ["pairs", "f1_exact", "f1_overlap", "char_alpha"]},
      "python inner seconds %.2f, krippendorff %s" % (theirs["seconds"], theirs["krippendorff_version"]))
PY
awk -v a="$py_wall" -v b="$lb_wall" 'BEGIN { printf "# labelbench is %.0fx faster end to end\n", a / b }'
