#!/usr/bin/env python3
"""A straightforward Python implementation of box agreement and box consensus, as the contract defines them.

Boxes match one to one within a label: pairs with IoU < 0.5 are excluded first (their weight set to 0),
then `scipy.optimize.linear_sum_assignment(maximize=True)` takes the largest total IoU per image, label
and pair of annotators, and pairs of weight 0 are dropped. IoU is computed with numpy in the same
operations as the Swift code, so the 0.5 threshold sees the same bits.

  reference.py agreement FILE.jsonl   prints {"pairs", "f1_iou50", "mean_iou", "per_label", "seconds"}
  reference.py aggregate FILE.jsonl   prints {"labels": [{"item", "label", "confidence"}], "annotators", "seconds"}

Aggregate: clusters are connected components of the matched pairs among all pairs of an image's
answers; a cluster is kept when more than half the answers have a box in it; an answer with two boxes
in one cluster gives the one with the largest summed IoU of its matches (ties: first in (x, y, w, h)
order); the consensus box is the median of each corner.
"""
import json
import sys
import time
from collections import defaultdict

import numpy as np
from scipy.optimize import linear_sum_assignment


def read(path):
    """Images in file order: a list of (image, [answers]), each answer {label: array n x 4 (x, y, w, h)} sorted by geometry."""
    images = {}
    annotators = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            grouped = defaultdict(list)
            for box in record["label"]:
                grouped[box["label"]].append((box["x"], box["y"], box["w"], box["h"]))
            answer = {label: np.array(sorted(boxes), dtype=np.float64) for label, boxes in grouped.items()}
            images.setdefault(record["item"], []).append((record["annotator"], answer))
    return images


def iou_matrix(a, b):
    ax, ay, aw, ah = (a[:, k][:, None] for k in range(4))
    bx, by, bw, bh = (b[:, k][None, :] for k in range(4))
    across = np.minimum(ax + aw, bx + bw) - np.maximum(ax, bx)
    down = np.minimum(ay + ah, by + bh) - np.maximum(ay, by)
    inter = across * down
    iou = inter / (aw * ah + bw * bh - inter)
    return np.where((across > 0) & (down > 0), iou, 0.0)


def match(a, b):
    """Matched pairs (i, j, iou) of two arrays of boxes of one label."""
    if len(a) == 0 or len(b) == 0:
        return []
    weights = iou_matrix(a, b)
    weights[weights < 0.5] = 0.0
    if not weights.any():
        return []
    rows, cols = linear_sum_assignment(weights, maximize=True)
    return [(i, j, weights[i, j]) for i, j in zip(rows, cols) if weights[i, j] > 0]


def f1(matches, a, b):
    return 1.0 if a + b == 0 else 2.0 * matches / (a + b)


def count(answer):
    return sum(len(boxes) for boxes in answer.values())


def agreement(images):
    pairs = 0
    f1_sum = 0.0
    matched = 0
    iou_sum = 0.0
    label_sum = defaultdict(float)
    label_pairs = defaultdict(int)
    for answers in images.values():
        for p in range(len(answers)):
            for q in range(p + 1, len(answers)):
                a, b = answers[p][1], answers[q][1]
                total = 0
                for label in set(a) | set(b):
                    left = a.get(label, np.empty((0, 4)))
                    right = b.get(label, np.empty((0, 4)))
                    found = match(left, right)
                    total += len(found)
                    matched += len(found)
                    iou_sum += sum(v for _, _, v in found)
                    label_sum[label] += f1(len(found), len(left), len(right))
                    label_pairs[label] += 1
                pairs += 1
                f1_sum += f1(total, count(a), count(b))
    return {
        "pairs": pairs,
        "f1_iou50": f1_sum / pairs if pairs else None,
        "mean_iou": iou_sum / matched if matched else None,
        "per_label": [
            {"label": label, "f1_iou50": label_sum[label] / label_pairs[label], "n": label_pairs[label]}
            for label in sorted(label_pairs)
        ],
    }


def median(values):
    values = sorted(values)
    middle = len(values) // 2
    return values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2


def consensus(answers):
    """The consensus boxes [(label, x, y, w, h, share)] of one image's answers and the row's confidence."""
    voters = len(answers)
    result = []
    for label in sorted({label for _, answer in answers for label in answer}):
        lists = [answer.get(label, np.empty((0, 4))) for _, answer in answers]
        nodes = [(a, i) for a, boxes in enumerate(lists) for i in range(len(boxes))]
        index = {node: k for k, node in enumerate(nodes)}
        parent = list(range(len(nodes)))
        linked = [0.0] * len(nodes)

        def find(k):
            while parent[k] != k:
                parent[k] = parent[parent[k]]
                k = parent[k]
            return k

        for p in range(voters):
            for q in range(p + 1, voters):
                for i, j, v in match(lists[p], lists[q]):
                    x, y = index[(p, i)], index[(q, j)]
                    linked[x] += v
                    linked[y] += v
                    rx, ry = find(x), find(y)
                    if rx != ry:
                        parent[max(rx, ry)] = min(rx, ry)
        clusters = defaultdict(dict)
        for k, (a, i) in enumerate(nodes):
            best = clusters[find(k)].get(a)
            if best is None or linked[k] > linked[best]:
                clusters[find(k)][a] = k
        for members in clusters.values():
            if 2 * len(members) <= voters:
                continue
            boxes = [lists[nodes[k][0]][nodes[k][1]] for k in members.values()]
            left = median([b[0] for b in boxes])
            top = median([b[1] for b in boxes])
            right = median([b[0] + b[2] for b in boxes])
            bottom = median([b[1] + b[3] for b in boxes])
            result.append((label, left, top, right - left, bottom - top, len(members) / voters))
    result.sort()
    empty = sum(1 for _, answer in answers if not answer)
    confidence = min((box[5] for box in result), default=empty / voters)
    return result, confidence


def aggregate(images):
    labels = []
    skill_sum = defaultdict(float)
    skill_n = defaultdict(int)
    for item in sorted(images):
        answers = images[item]
        boxes, confidence = consensus(answers)
        labels.append({
            "item": item,
            "label": [{"label": b[0], "x": b[1], "y": b[2], "w": b[3], "h": b[4], "confidence": b[5]} for b in boxes],
            "confidence": confidence,
        })
        expected = defaultdict(list)
        for b in boxes:
            expected[b[0]].append(b[1:5])
        expected = {label: np.array(sorted(v)) for label, v in expected.items()}
        for annotator, answer in answers:
            total = sum(
                len(match(answer.get(label, np.empty((0, 4))), expected.get(label, np.empty((0, 4)))))
                for label in set(answer) | set(expected))
            skill_sum[annotator] += f1(total, count(answer), len(boxes))
            skill_n[annotator] += 1
    return {
        "labels": labels,
        "annotators": [{"annotator": a, "skill": skill_sum[a] / skill_n[a]} for a in sorted(skill_n)],
    }


def main():
    command, path = sys.argv[1], sys.argv[2]
    started = time.perf_counter()
    images = read(path)
    result = agreement(images) if command == "agreement" else aggregate(images)
    result["seconds"] = time.perf_counter() - started
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
