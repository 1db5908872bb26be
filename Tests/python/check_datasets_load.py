#!/usr/bin/env python3
"""Checks that an exported Labelbench version loads in Hugging Face `datasets` and pandas.

Usage: check_datasets_load.py DIR [EXPECTED_ROWS]

DIR holds a version written by `labelbench export TASK --to DIR` (or `artifacts get`).
The row count defaults to the `items` figure in DIR/manifest.json.
"""
import json
import os
import sys

KEYS = ["id", "label", "confidence", "agreement", "source", "annotations"]


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    folder = sys.argv[1]
    labels = os.path.join(folder, "labels.jsonl")
    with open(os.path.join(folder, "manifest.json"), encoding="utf-8") as handle:
        manifest = json.load(handle)
    expected = int(sys.argv[2]) if len(sys.argv) > 2 else manifest["metadata"]["items"]

    import datasets
    import pandas

    dataset = datasets.load_dataset("json", data_files=labels, split="train")
    content = "image" if "image" in dataset.column_names else "text"
    wanted = ["id", content] + KEYS[1:]
    problems = []
    if dataset.num_rows != expected:
        problems.append(f"datasets: {dataset.num_rows} rows, expected {expected}")
    if sorted(dataset.column_names) != sorted(wanted):
        problems.append(f"datasets: columns {dataset.column_names}, expected {wanted}")
    ids = dataset["id"]
    if ids != sorted(ids):
        problems.append("datasets: rows are not sorted by id")
    annotation = dataset.features["annotations"]
    inner = getattr(annotation, "feature", annotation[0] if isinstance(annotation, list) else None)
    if inner is not None and hasattr(inner, "keys"):
        if sorted(inner.keys()) != ["annotator", "guideline_version", "label", "seconds"]:
            problems.append(f"datasets: annotation fields {sorted(inner.keys())}")

    frame = pandas.read_json(labels, lines=True)
    if len(frame) != expected:
        problems.append(f"pandas: {len(frame)} rows, expected {expected}")
    if list(frame.columns) != wanted:
        problems.append(f"pandas: columns {list(frame.columns)}, expected {wanted} in this order")
    if set(frame["source"]) - {"consensus", "adjudicated", "gold"}:
        problems.append(f"pandas: unexpected sources {set(frame['source'])}")

    if problems:
        for problem in problems:
            print("FAIL", problem, file=sys.stderr)
        return 1
    print(f"OK: {expected} rows, columns {wanted}; datasets {datasets.__version__}, pandas {pandas.__version__}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
