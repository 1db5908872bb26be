#!/usr/bin/env python3
"""Prints the annotator-loop results next to Label Studio's: table.py RESULTS.jsonl IDLE_RSS FINAL_RSS."""
import json
import sys

# Label Studio, same loop (GET next task + POST annotation), measured by the reporter.
LABEL_STUDIO = {1: ("5.3-5.8", 5.3, "239-333 ms"), 4: ("9.2-11.8", 9.2, "~1.5-1.8 s"), 16: ("4.8-7.0", 4.8, "11-16 s, some failures")}

rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
print()
print("| annotators | clients | loops/s | requests/s | request p50 / p95 / p99 ms | loop p50 / p95 / p99 ms | errors | server CPU | client CPU | Label Studio loops/s (p99) | ratio vs LS best |")
print("|---:|---|---:|---:|---|---|---:|---:|---:|---|---:|")
for r in rows:
    q, l = r["request_ms"], r["loop_ms"]
    ls = LABEL_STUDIO.get(r["clients"])
    best = {1: 5.8, 4: 11.8, 16: 7.0}.get(r["clients"])
    ratio = f"{r['loops_per_s'] / best:.0f}x" if best else "-"
    mode = "one process each" if r.get("mode") == "processes" else "one asyncio process"
    print(f"| {r['clients']} | {mode} | {r['loops_per_s']:.0f} | {r['requests_per_s']:.0f} | {q['p50']:.2f} / {q['p95']:.2f} / {q['p99']:.2f} "
          f"| {l['p50']:.2f} / {l['p95']:.2f} / {l['p99']:.2f} | {r['errors']} | {r['server_cpu_share']:.2f} | {r['client_cpu_share']:.2f} "
          f"| {ls[0] + ' (' + ls[2] + ')' if ls else '-'} | {ratio} |")
print()
print(f"server RSS idle before load: {sys.argv[2].strip()} (MB); after all runs: {sys.argv[3].strip()} (MB); Label Studio 260-400 MB")
