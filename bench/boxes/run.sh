#!/usr/bin/env bash
# Box agreement benchmark: `labelbench agreement` and `labelbench aggregate` on a generated file of
# 2,400,000 boxes (100k images x 3 annotators x 8 boxes), end to end with /usr/bin/time -v, against a
# Python implementation of the same rules (reference.py: IoU with numpy, pairs under 0.5 excluded, then
# scipy.optimize.linear_sum_assignment per image, label and pair of annotators) in the same run. Both
# must give the same figures and the same consensus; the script checks that.
# Usage: bench/boxes/run.sh [IMAGES]   (default 100000)
# LABELBENCH=/path/to/binary times an already built binary instead of building; RUNS=3 repeats the
# labelbench timings (the best run is reported with every run listed).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
images="${1:-100000}"
runs="${RUNS:-3}"
data="$root/bench/out/boxes"
mkdir -p "$data"

if [[ -z "${LABELBENCH:-}" ]]; then
  (cd "$root" && swift build -c release --product labelbench >&2)
  LABELBENCH="$root/.build/release/labelbench"
fi

# scipy and numpy from PyPI into the bench's own environment (git-ignored as .venv*/).
venv="$here/.venv"
if [[ ! -x "$venv/bin/python" ]]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --upgrade pip
  "$venv/bin/pip" install --quiet scipy numpy
fi
py="$venv/bin/python"

file="$data/boxes-$images.jsonl"
if [[ ! -f "$file" ]]; then
  boxes="$(python3 "$here/generate.py" "$file" --images "$images" --annotators 3 --boxes 8 --seed 1)"
  echo "$boxes" >"$file.boxes"
fi

# Prints "wall_seconds peak_rss_mb cpu_seconds" of a command, its stdout kept in $1.
measure() {
  local out="$1" log
  shift
  log="$(mktemp)"
  /usr/bin/time -v "$@" >"$out" 2>"$log" || { cat "$log" >&2; rm -f "$log"; return 1; }
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; wall = s }
    /Maximum resident set size/ { rss = $2 / 1024 }
    /User time/ { cpu += $2 }
    /System time/ { cpu += $2 }
    END { printf "%.2f %.0f %.2f\n", wall, rss, cpu }' "$log"
  rm -f "$log"
}

# Times `labelbench $@` RUNS times; prints "best_wall rss cpu" and the list of runs.
best_of() {
  local out="$1" best="" all="" wall rss cpu
  shift
  for _ in $(seq "$runs"); do
    read -r wall rss cpu <<<"$(measure "$out" "$LABELBENCH" "$@")"
    all="$all $wall/${rss}MB"
    if [[ -z "$best" ]] || awk -v a="$wall" -v b="${best%% *}" 'BEGIN { exit !(a < b) }'; then best="$wall $rss $cpu"; fi
  done
  echo "$best |$all"
}

echo "# $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
echo "# $file: $(wc -l <"$file") annotations, $(cat "$file.boxes") boxes, $(du -m "$file" | cut -f1) MB"
echo "# scipy $("$py" -c 'import scipy; print(scipy.__version__)'), numpy $("$py" -c 'import numpy; print(numpy.__version__)')"
printf '%-44s %8s %8s %8s\n' "command" "wall s" "RSS MB" "CPU s"

result="$(best_of "$data/labelbench-agreement.json" agreement "$file" --json)"
read -r ag_wall ag_rss ag_cpu <<<"${result%%|*}"
printf '%-44s %8s %8s %8s   runs:%s\n' "labelbench agreement --json (release)" "$ag_wall" "$ag_rss" "$ag_cpu" "${result#*|}"
read -r pa_wall pa_rss pa_cpu <<<"$(measure "$data/python-agreement.json" "$py" "$here/reference.py" agreement "$file")"
printf '%-44s %8s %8s %8s\n' "python reference agreement (scipy)" "$pa_wall" "$pa_rss" "$pa_cpu"

result="$(best_of "$data/labelbench-aggregate.json" aggregate "$file" --method majority --json)"
read -r gg_wall gg_rss gg_cpu <<<"${result%%|*}"
printf '%-44s %8s %8s %8s   runs:%s\n' "labelbench aggregate --json (release)" "$gg_wall" "$gg_rss" "$gg_cpu" "${result#*|}"
read -r pg_wall pg_rss pg_cpu <<<"$(measure "$data/python-aggregate.json" "$py" "$here/reference.py" aggregate "$file")"
printf '%-44s %8s %8s %8s\n' "python reference aggregate (scipy)" "$pg_wall" "$pg_rss" "$pg_cpu"

"$py" - "$data" <<'PY'
import json, sys
data = sys.argv[1]
ours = json.load(open(data + "/labelbench-agreement.json"))["box_agreement"]
theirs = json.load(open(data + "/python-agreement.json"))
assert ours["pairs"] == theirs["pairs"], (ours["pairs"], theirs["pairs"])
for key in ["f1_iou50", "mean_iou"]:
    assert abs(ours[key] - theirs[key]) < 1e-9, (key, ours[key], theirs[key])
for a, b in zip(ours["per_label"], theirs["per_label"]):
    assert a["label"] == b["label"] and a["n"] == b["n"] and abs(a["f1_iou50"] - b["f1_iou50"]) < 1e-9, (a, b)
print("# same figures:", {key: ours[key] for key in ["pairs", "f1_iou50", "mean_iou"]},
      "python inner seconds %.1f" % theirs["seconds"])
ours = json.load(open(data + "/labelbench-aggregate.json"))
theirs = json.load(open(data + "/python-aggregate.json"))
assert len(ours["labels"]) == len(theirs["labels"])
boxes = 0
for a, b in zip(ours["labels"], theirs["labels"]):
    assert a["item"] == b["item"] and abs(a["confidence"] - b["confidence"]) < 1e-9, (a, b)
    assert len(a["label"]) == len(b["label"]), (a, b)
    for x, y in zip(a["label"], b["label"]):
        assert x["label"] == y["label"], (a, b)
        assert all(abs(x[k] - y[k]) < 1e-9 for k in ["x", "y", "w", "h", "confidence"]), (a, b)
    boxes += len(a["label"])
for a, b in zip(ours["annotators"], theirs["annotators"]):
    assert a["annotator"] == b["annotator"] and abs(a["skill"] - b["skill"]) < 1e-9, (a, b)
print("# same consensus: %d images, %d consensus boxes; python inner seconds %.1f" % (
    len(ours["labels"]), boxes, theirs["seconds"]))
PY
awk -v a="$pa_wall" -v b="$ag_wall" 'BEGIN { printf "# agreement: labelbench is %.0fx faster end to end\n", a / b }'
awk -v a="$pg_wall" -v b="$gg_wall" 'BEGIN { printf "# aggregate: labelbench is %.0fx faster end to end\n", a / b }'
