"""Realistic data for the task-form and quality-page browser tests and screenshots: a task with
200 items labeled by 3 annotators, where one annotator leans on one label and a set of items is
contested, with a second guideline version part of the way through."""
import json
import os
import random
import urllib.request

from browser_support import add_accounts, http, run, start_server

TASK = "reviews"
LABELS = [
    {"name": "positive", "key": "1", "description": "The reviewer would recommend it."},
    {"name": "negative", "key": "2", "description": "The reviewer would not recommend it."},
    {"name": "mixed", "key": "3", "description": "Praise and complaints in about equal measure."},
    {"name": "not-a-review", "key": "4", "description": "Spam, questions, or text about something else."},
]
ANNOTATORS = ("amira", "bastian", "chen")


def serve(workdir, data):
    """Accounts for a practitioner (`pat`) and the three annotators, and a running server:
    (server process, base URL, environment for client commands)."""
    token = add_accounts(data, [("pat", "practitioner")] + [(name, "annotator") for name in ANNOTATORS])
    server, base = start_server(workdir, data)
    return server, base, dict(os.environ, LABELBENCH_SERVER=base, LABELBENCH_TOKEN=token)


def import_labels(workdir, env, task, items, annotations):
    """Imports text items (id → text) and annotation records through the command line."""
    item_file = os.path.join(workdir, f"{task}-items.jsonl")
    with open(item_file, "w") as f:
        f.writelines(json.dumps({"id": item, "text": text}) + "\n" for item, text in items.items())
    run(["import", task, item_file], env=env)
    annotation_file = os.path.join(workdir, f"{task}-annotations.jsonl")
    with open(annotation_file, "w") as f:
        f.writelines(json.dumps(record) + "\n" for record in annotations)
    run(["import-annotations", task, annotation_file], env=env)


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
    truths = [rng.choice(["positive"] * 5 + ["negative"] * 3 + ["mixed"] * 2 + ["not-a-review"]) for _ in range(items)]
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
            lines.append({
                "item": f"r{i:03d}", "annotator": who, "label": label, "seconds": round(rng.uniform(2, 20), 1),
                "guideline_version": 1 if i < items // 2 else 2})
    bump_guideline_version(env)
    texts = {f"r{i:03d}": f"Review {i}: a {truth} sort of text about a kettle." for i, truth in enumerate(truths)}
    import_labels(workdir, env, TASK, texts, lines)
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
