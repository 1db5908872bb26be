#!/usr/bin/env python3
"""Writes annotation JSONL for items PREFIX-000000…: make_annotations.py ITEMS PER_ITEM FILE [PREFIX].

PER_ITEM annotators (of 20, ann-00…ann-19) label each item pos, neg or neu; three in four items get one
true label from every annotator, the rest a random mix, so states and agreement vary like real work.
"""
import random
import sys


def main():
    items, per_item, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    prefix = sys.argv[4] if len(sys.argv) > 4 else "item"
    rng = random.Random(15)
    labels = ["pos", "neg", "neu"]
    annotators = [f"ann-{n:02d}" for n in range(20)]
    with open(path, "w") as out:
        for i in range(items):
            truth = rng.choice(labels)
            agreeing = rng.random() < 0.75
            for annotator in rng.sample(annotators, per_item):
                label = truth if agreeing else rng.choice(labels)
                out.write(f'{{"item":"{prefix}-{i:06d}","annotator":"{annotator}","label":"{label}"}}\n')


if __name__ == "__main__":
    main()
