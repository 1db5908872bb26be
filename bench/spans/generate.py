#!/usr/bin/env python3
"""Writes annotation JSONL with span answers for the span benchmark and tests.

Each item has a few true entities in a text of TEXT code points; every annotator finds most of
them, sometimes with a boundary off by one or another class, sometimes misses one or marks an
extra, and now and then answers []. Lists are flat and sorted, as the contract requires.

usage: generate.py OUT.jsonl --items N [--annotators 3] [--spans-per-answer 1.67] [--seed 1]
       [--text 120] [--vary-annotators]
"""
import argparse
import json
import random

LABELS = ["PER", "ORG", "LOC", "MISC", "DATE"]


def flat(spans):
    """Sorted, with any span overlapping an earlier kept one left out."""
    kept = []
    for start, end, label in sorted(spans):
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end, label))
    return kept


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--items", type=int, required=True)
    parser.add_argument("--annotators", type=int, default=3)
    parser.add_argument("--spans-per-answer", type=float, default=1.67)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--text", type=int, default=120)
    parser.add_argument("--vary-annotators", action="store_true", help="2 to --annotators per item")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    spans_written = 0
    with open(args.out, "w", encoding="utf-8") as out:
        for item in range(args.items):
            count = max(0, round(rng.gauss(args.spans_per_answer, 0.8)))
            truth = flat(
                (start, min(args.text, start + rng.randint(1, 12)), rng.choice(LABELS))
                for start in rng.sample(range(args.text - 1), count)
            )
            annotators = args.annotators
            if args.vary_annotators:
                annotators = rng.randint(2, args.annotators)
            for annotator in rng.sample(range(1, args.annotators + 1), annotators):
                spans = []
                if rng.random() >= 0.05:
                    for start, end, label in truth:
                        roll = rng.random()
                        if roll < 0.08:
                            continue
                        if roll < 0.16:
                            end = max(start + 1, min(args.text, end + rng.choice([-1, 1])))
                        elif roll < 0.22:
                            label = rng.choice(LABELS)
                        spans.append((start, end, label))
                    if rng.random() < 0.1:
                        start = rng.randrange(args.text - 1)
                        spans.append((start, min(args.text, start + rng.randint(1, 6)), rng.choice(LABELS)))
                spans = flat(spans)
                spans_written += len(spans)
                label = [{"start": s, "end": e, "label": l} for s, e, l in spans]
                out.write(
                    json.dumps(
                        {"item": f"item-{item:07d}", "annotator": f"ann-{annotator}", "label": label},
                        separators=(",", ":"),
                    )
                    + "\n"
                )
    print(spans_written)


if __name__ == "__main__":
    main()
