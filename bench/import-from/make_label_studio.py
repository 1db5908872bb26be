#!/usr/bin/env python3
"""Writes a Label Studio JSON export of TASKS text tasks with 3 sentiment annotations each.

The shape is Label Studio's own export (see Tests/samples/import-from/label-studio-sentiment.json),
written task by task so the generator's memory stays flat too.
usage: make_label_studio.py TASKS OUT.json
"""
import json
import random
import sys

tasks, out = int(sys.argv[1]), sys.argv[2]
random.seed(16)
labels = ["Positive", "Neutral", "Negative"]
with open(out, "w") as f:
    f.write("[")
    for i in range(tasks):
        annotations = [
            {"id": 3 * i + k, "completed_by": k + 1, "was_cancelled": False, "ground_truth": False,
             "result": [{"value": {"choices": [random.choice(labels)]}, "id": "r%d" % k, "from_name": "sentiment",
                         "to_name": "text", "type": "choices", "origin": "manual"}],
             "created_at": "2024-05-03T08:00:00.000000Z", "updated_at": "2024-05-03T08:00:00.000000Z",
             "lead_time": 3.5 + k, "result_count": 0, "task": i + 1, "project": 8}
            for k in range(3)]
        task = {"id": i + 1, "data": {"text": "Review number %d: the product was fine, mostly, and arrived on time." % i},
                "annotations": annotations, "predictions": [], "project": 8}
        f.write(("," if i else "") + json.dumps(task))
    f.write("]")
