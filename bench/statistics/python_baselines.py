#!/usr/bin/env python3
"""Python baselines for bench/statistics/run.sh.

krippendorff FILE: read JSONL, build the coders x units matrix, nominal alpha; prints the
                   alpha() time alone as alpha_seconds (the in-memory figure).
crowdkit FILE:     read JSONL into pandas, crowd-kit DawidSkene(n_iter=100).fit_predict.
"""
import json
import sys
import time

import numpy as np


def read(path):
    with open(path) as handle:
        return [json.loads(line) for line in handle if line.strip()]


def matrix(rows):
    items = {}
    coders = {}
    labels = {}
    for row in rows:
        items.setdefault(row["item"], len(items))
        coders.setdefault(row["annotator"], len(coders))
        labels.setdefault(row["label"], len(labels))
    data = np.full((len(coders), len(items)), np.nan)
    for row in rows:
        data[coders[row["annotator"]], items[row["item"]]] = labels[row["label"]]
    return data


def main():
    mode, path = sys.argv[1], sys.argv[2]
    if mode == "krippendorff":
        import krippendorff

        data = matrix(read(path))
        start = time.perf_counter()
        alpha = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
        elapsed = time.perf_counter() - start
        print(json.dumps({"alpha": alpha, "alpha_seconds": elapsed}))
        print(f"alpha computation: {elapsed:.3f} s", file=sys.stderr)
    elif mode == "crowdkit":
        import pandas as pd
        from crowdkit.aggregation import DawidSkene

        frame = pd.DataFrame(read(path)).rename(columns={"item": "task", "annotator": "worker"})
        start = time.perf_counter()
        labels = DawidSkene(n_iter=100, tol=-np.inf).fit_predict(frame[["task", "worker", "label"]])
        elapsed = time.perf_counter() - start
        print(json.dumps({"items": int(labels.shape[0]), "fit_seconds": elapsed}))
        print(f"DawidSkene fit: {elapsed:.3f} s", file=sys.stderr)
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
