#!/usr/bin/env python3
"""Seeded generator of realistic annotation JSONL for the statistics benchmark.

50 annotators label items with 5 classes: most are careful, some over-use one class,
a few answer at random (and fast), and items get 2-5 labels because people skip.
Usage: generate.py N_ANNOTATIONS OUT.jsonl [--seed S] [--with-truth TRUTH.json]
"""
import argparse
import datetime
import json
import random

CLASSES = ["car", "cyclist", "pedestrian", "truck", "background"]
PRIORS = [0.35, 0.1, 0.25, 0.1, 0.2]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("annotations", type=int)
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=20261122)
    parser.add_argument("--annotators", type=int, default=50)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    annotators = []
    for index in range(args.annotators):
        kind = "careful"
        if index % 10 == 3:
            kind = "biased"  # over-uses one class
        elif index % 10 == 7 and index < 30:
            kind = "spammer"  # answers at random, fast
        annotators.append({
            "name": f"ann-{index:02d}",
            "kind": kind,
            "accuracy": rng.uniform(0.75, 0.95),
            "favorite": rng.randrange(len(CLASSES)),
            "speed": rng.uniform(4.0, 12.0) if kind != "spammer" else rng.uniform(0.6, 1.2),
        })

    start = datetime.datetime(2026, 1, 5, 8, 0, 0, tzinfo=datetime.timezone.utc)
    written = 0
    item_index = 0
    with open(args.out, "w") as out:
        while written < args.annotations:
            truth = rng.choices(range(len(CLASSES)), PRIORS)[0]
            overlap = rng.choices([2, 3, 4, 5], [0.15, 0.5, 0.2, 0.15])[0]
            overlap = min(overlap, args.annotations - written)
            item = f"item-{item_index:07d}"
            item_index += 1
            for annotator in rng.sample(annotators, overlap):
                label = answer(rng, annotator, truth)
                seconds = round(rng.lognormvariate(0, 0.35) * annotator["speed"], 2)
                created = start + datetime.timedelta(seconds=written * 3 + rng.randrange(3))
                version = 1 + written * 3 // args.annotations
                row = {
                    "item": item,
                    "annotator": annotator["name"],
                    "label": CLASSES[label],
                    "seconds": seconds,
                    "guideline_version": version,
                    "created_at": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
                }
                out.write(json.dumps(row, separators=(", ", ": ")) + "\n")
                written += 1


def answer(rng, annotator, truth):
    if annotator["kind"] == "spammer":
        return rng.randrange(len(CLASSES))
    if annotator["kind"] == "biased" and rng.random() < 0.3:
        return annotator["favorite"]
    if rng.random() < annotator["accuracy"]:
        return truth
    # Confusions happen between neighbours more often than at random.
    return rng.choice([c for c in range(len(CLASSES)) if c != truth])


if __name__ == "__main__":
    main()
