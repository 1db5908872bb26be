#!/usr/bin/env bash
# Builds the libFuzzer targets and runs each for a bounded time; exits non-zero if any target crashes.
#
#   Tests/fuzz/run.sh [seconds-per-target] [target...]
#
# Targets: multipart items-jsonl items-csv zip image-header annotations-jsonl (default: all).
# The build has its own scratch folder (.build-fuzz at the repository root), so it never slows `swift build`.
# Seeds are in Tests/fuzz/corpus/<target>/; new inputs the fuzzer finds go to .build-fuzz/corpus/<target>/,
# and a crashing input is saved as .build-fuzz/crashes/<target>/crash-… with its stack trace in the log.
set -euo pipefail

seconds="${1:-60}"
shift || true
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
scratch="$root/.build-fuzz"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(multipart items-jsonl items-csv zip image-header annotations-jsonl)

build_start=$(date +%s)
swift build --package-path "$here" --scratch-path "$scratch" -c debug \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -enable-testing
binary="$(swift build --package-path "$here" --scratch-path "$scratch" -c debug --show-bin-path)/LabelbenchFuzz"
echo "fuzz build: $(( $(date +%s) - build_start )) s"

failed=()
for target in "${targets[@]}"; do
    seeds="$here/corpus/$target"
    found="$scratch/corpus/$target"
    crashes="$scratch/crashes/$target"
    mkdir -p "$found" "$crashes"
    echo "== $target: ${seconds} s"
    # -rss_limit_mb bounds memory per input; -timeout flags an input that takes over 10 s as a hang. Leak checks are
    # off: ZIPFoundation leaks a path's C string per archive opened, and the JSONL stream's background parse may still
    # hold its input when an input ends; neither grows with what the fuzzer finds.
    if ! ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}" LABELBENCH_FUZZ_TARGET="$target" "$binary" "$found" "$seeds" \
        -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=65536 -detect_leaks=0 \
        -artifact_prefix="$crashes/" -print_final_stats=1 >"$scratch/$target.log" 2>&1; then
        failed+=("$target")
        echo "!! $target crashed; input in $crashes, log in $scratch/$target.log"
        grep -m 20 -E "ERROR|Fatal|fatal|SUMMARY|#[0-9]+ 0x" "$scratch/$target.log" || true
    else
        grep -E "stat::number_of_executed_units|cov:" "$scratch/$target.log" | tail -2 || true
    fi
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzzing found crashes in: ${failed[*]}"
    exit 1
fi
echo "fuzzing: no crash in ${#targets[@]} target(s), ${seconds} s each"
