#!/usr/bin/env bash
# Checks that two labelbench builds give the same bytes for box files: `aggregate --method majority
# --json` and `agreement --json`, stdout, stderr and exit status, on each FILE given, else on generated
# files with 2, 4 and 5 annotators (even and odd medians) and with 20 boxes an image (crowded scenes).
# For a change that should only make the box commands faster.
# Usage: bench/boxes/same-output.sh OLD_BINARY NEW_BINARY [FILE.jsonl ...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
old="$1"
new="$2"
shift 2
files=("$@")
if [[ ${#files[@]} -eq 0 ]]; then
  data="$here/../out/boxes/same-output"
  mkdir -p "$data"
  for spec in "2 6 2" "4 6 4" "5 6 5" "3 20 9"; do
    read -r annotators boxes seed <<<"$spec"
    file="$data/a$annotators-b$boxes.jsonl"
    [[ -f "$file" ]] || python3 "$here/generate.py" "$file" --images 3000 --annotators "$annotators" \
      --boxes "$boxes" --seed "$seed" >/dev/null
    files+=("$file")
  done
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failed=0
for file in "${files[@]}"; do
  for command in "aggregate --method majority --json" "agreement --json"; do
    read -r -a words <<<"$command"
    for side in old new; do
      binary="$old"
      [[ "$side" == new ]] && binary="$new"
      status=0
      "$binary" "${words[0]}" "$file" "${words[@]:1}" >"$work/$side.out" 2>"$work/$side.err" || status=$?
      echo "$status" >"$work/$side.status"
    done
    if cmp -s "$work/old.out" "$work/new.out" && cmp -s "$work/old.err" "$work/new.err" \
      && cmp -s "$work/old.status" "$work/new.status"; then
      echo "same: ${words[0]} $(basename "$file") (exit $(cat "$work/old.status"), $(wc -c <"$work/old.out") bytes)"
    else
      echo "DIFFERENT: ${words[0]} $file"
      failed=1
    fi
  done
done
exit "$failed"
