#!/usr/bin/env python3
"""A straightforward Python implementation of span_agreement, as the contract defines it.

Reads annotation JSONL whose labels are span lists and prints {"pairs", "f1_exact", "f1_overlap",
"char_alpha", "per_label"} as JSON. Pair F1 is plain Python; the overlap matching is a textbook
augmenting-path search; char_alpha is `krippendorff.alpha` (nominal) on the annotators × (item,
character) matrix. It is the comparison for bench/spans/run.sh and computed the oracle numbers
stored in Tests/AgreementTests/SpanAgreementTests.swift.

usage: reference.py FILE.jsonl
"""
import json
import sys
import time
from importlib import metadata
from collections import defaultdict

import krippendorff
import numpy as np


def read(path):
    items = defaultdict(dict)
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            spans = sorted((s["start"], s["end"], s["label"]) for s in record["label"])
            items[record["item"]][record["annotator"]] = spans
    return items


def f1(matches, a, b):
    return 1.0 if a + b == 0 else 2.0 * matches / (a + b)


def exact_matches(a, b):
    return len(set(a) & set(b))


def overlap_matches(a, b):
    """Maximum one-to-one matching of same-label spans sharing a character (Kuhn's algorithm)."""
    edges = [[j for j, y in enumerate(b) if x[2] == y[2] and x[0] < y[1] and y[0] < x[1]] for x in a]
    owner = [-1] * len(b)

    def augment(i, seen):
        for j in edges[i]:
            if j not in seen:
                seen.add(j)
                if owner[j] < 0 or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    return sum(1 for i in range(len(a)) if augment(i, set()))


def span_agreement(items):
    pairs = 0
    exact_sum = overlap_sum = 0.0
    label_sum = defaultdict(float)
    label_pairs = defaultdict(int)
    for answers in items.values():
        lists = list(answers.values())
        for i in range(len(lists)):
            for j in range(i + 1, len(lists)):
                a, b = lists[i], lists[j]
                pairs += 1
                exact_sum += f1(exact_matches(a, b), len(a), len(b))
                overlap_sum += f1(overlap_matches(a, b), len(a), len(b))
                for label in {s[2] for s in a} | {s[2] for s in b}:
                    la = [s for s in a if s[2] == label]
                    lb = [s for s in b if s[2] == label]
                    label_sum[label] += f1(exact_matches(la, lb), len(la), len(lb))
                    label_pairs[label] += 1
    return pairs, exact_sum, overlap_sum, label_sum, label_pairs


def char_matrix(items):
    """Annotators × (item, character) units covered by a span; 0 is "O", NaN where an annotator did not answer."""
    annotators = sorted({name for answers in items.values() for name in answers})
    row = {name: index for index, name in enumerate(annotators)}
    codes = {}
    columns = []
    for answers in items.values():
        covered = sorted({c for spans in answers.values() for s in spans for c in range(s[0], s[1])})
        for c in covered:
            column = [np.nan] * len(annotators)
            for name, spans in answers.items():
                value = 0
                for s in spans:
                    if s[0] <= c < s[1]:
                        value = codes.setdefault(s[2], len(codes) + 1)
                column[row[name]] = value
            columns.append(column)
    return np.array(columns, dtype=float).T


def main():
    started = time.perf_counter()
    items = read(sys.argv[1])
    pairs, exact_sum, overlap_sum, label_sum, label_pairs = span_agreement(items)
    matrix = char_matrix(items)
    try:
        alpha = float(krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal"))
    except (ValueError, ZeroDivisionError):
        alpha = None
    result = {
        "pairs": pairs,
        "f1_exact": exact_sum / pairs if pairs else None,
        "f1_overlap": overlap_sum / pairs if pairs else None,
        "char_alpha": alpha,
        "per_label": [
            {"label": label, "f1_exact": label_sum[label] / label_pairs[label], "n": label_pairs[label]}
            for label in sorted(label_pairs)
        ],
        "seconds": time.perf_counter() - started,
        "krippendorff_version": metadata.version("krippendorff"),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
