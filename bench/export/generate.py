#!/usr/bin/env python3
"""Writes a task file, N text items and 3 annotations per item for the export benchmark.

Usage: generate.py N OUT_DIR [TASK_NAME]
Deterministic (seeded), so every run exports the same bytes.
"""
import json
import os
import random
import sys

LABELS = ["positive", "negative", "neutral", "mixed"]
WORDS = ("the quick brown fox jumps over a lazy dog while annotators label reviews of products "
         "services films books and places with care speed and occasional disagreement").split()


def main() -> None:
    n = int(sys.argv[1])
    out = sys.argv[2]
    name = sys.argv[3] if len(sys.argv) > 3 else f"bench-{n}"
    os.makedirs(out, exist_ok=True)
    rng = random.Random(20261122)
    task = {
        "name": name, "title": f"Export benchmark, {n} items", "answer": "single",
        "labels": [{"name": label, "key": str(i + 1)} for i, label in enumerate(LABELS)],
        "overlap": 3, "lease_seconds": 900, "instructions": "Pick the sentiment of the review.",
    }
    with open(os.path.join(out, "task.json"), "w") as handle:
        json.dump(task, handle)
    with open(os.path.join(out, "items.jsonl"), "w") as items, open(os.path.join(out, "annotations.jsonl"), "w") as anns:
        for i in range(n):
            item = f"r{i:07d}"
            text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 40)))
            items.write(json.dumps({"id": item, "text": text, "meta": {"source": "bench", "n": i}}) + "\n")
            truth = rng.randrange(len(LABELS))
            for annotator in ("ann-1", "ann-2", "ann-3"):
                label = truth if rng.random() < 0.8 else rng.randrange(len(LABELS))
                anns.write(json.dumps({"item": item, "annotator": annotator, "label": LABELS[label],
                                       "seconds": round(rng.uniform(1.5, 20.0), 1)}) + "\n")


if __name__ == "__main__":
    main()
