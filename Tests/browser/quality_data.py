"""Realistic data for the task-form and quality-page browser tests and screenshots: a task with
200 items labeled by 3 annotators, where one annotator leans on one label and a set of items is
contested, with a second guideline version part of the way through."""
import json
import os
import random
import urllib.request

from browser_support import http, run

TASK = "reviews"
LABELS = [
    {"name": "positive", "key": "1", "description": "The reviewer would recommend it."},
    {"name": "negative", "key": "2", "description": "The reviewer would not recommend it."},
    {"name": "mixed", "key": "3", "description": "Praise and complaints in about equal measure."},
    {"name": "not-a-review", "key": "4", "description": "Spam, questions, or text about something else."},
]
ANNOTATORS = ("amira", "bastian", "chen")


def seed(workdir, env, items=200):
    """Creates the task and its items and imports three annotators' labels; returns the contested item ids."""
    rng = random.Random(7)
    task_file = os.path.join(workdir, "task.json")
    with open(task_file, "w") as f:
        json.dump({
            "name": TASK, "title": "Product review sentiment", "labels": LABELS, "overlap": 3,
            "instructions": "Label the **overall** sentiment of the review.\n\nRead the whole text before choosing.",
            "guidelines": [
                {"title": "Sarcasm", "ruling": "Label what the reviewer means, not what the words say."},
                {"title": "Star ratings in the text", "ruling": "Ignore them; label the words."},
            ],
            "annotators": list(ANNOTATORS),
        }, f)
    run(["tasks", "create", task_file], env=env)
    item_file = os.path.join(workdir, "items.jsonl")
    truths = [rng.choice(["positive"] * 5 + ["negative"] * 3 + ["mixed"] * 2 + ["not-a-review"]) for _ in range(items)]
    with open(item_file, "w") as f:
        for i, truth in enumerate(truths):
            f.write(json.dumps({"id": f"r{i:03d}", "text": f"Review {i}: a {truth} sort of text about a kettle."}) + "\n")
    run(["import", TASK, item_file], env=env)
    contested = []
    lines = []
    for i, truth in enumerate(truths):
        given = {}
        for who in ANNOTATORS:
            label = truth
            # chen over-uses "mixed"; everyone slips now and then, more in the first guideline version.
            if who == "chen" and rng.random() < 0.25:
                label = "mixed"
            elif rng.random() < (0.12 if i < items // 2 else 0.05):
                label = rng.choice([l["name"] for l in LABELS])
            given[who] = label
        if len(set(given.values())) > 1:
            contested.append(f"r{i:03d}")
        for who, label in given.items():
            lines.append(json.dumps({
                "item": f"r{i:03d}", "annotator": who, "label": label, "seconds": round(rng.uniform(2, 20), 1),
                "guideline_version": 1 if i < items // 2 else 2}))
    bump_guideline_version(env)
    annotation_file = os.path.join(workdir, "annotations.jsonl")
    with open(annotation_file, "w") as f:
        f.write("\n".join(lines) + "\n")
    run(["import-annotations", TASK, annotation_file], env=env)
    return contested


def bump_guideline_version(env):
    """A third guideline makes version 2, so the quality page has two versions to compare."""
    base, token = env["LABELBENCH_SERVER"], env["LABELBENCH_TOKEN"]
    status, _, body = http(f"{base}/api/v1/tasks/{TASK}", token=token)
    assert status == 200, body
    task = json.loads(body)
    definition = {key: task[key] for key in (
        "name", "title", "kind", "answer", "labels", "overlap", "lease_seconds", "gold_rate", "instructions", "guidelines",
        "annotators") if key in task}
    definition["guidelines"] = definition.get("guidelines", []) + [
        {"title": "Questions", "ruling": "A question with no opinion is not-a-review."}]
    request = urllib.request.Request(
        f"{base}/api/v1/tasks/{TASK}", data=json.dumps(definition).encode(), method="PUT",
        headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200, response.status
