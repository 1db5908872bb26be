#!/usr/bin/env python3
"""A seeded simulated crowd labels one task through the server's HTTP API, then the consensus the
server computes for the task (GET …/aggregate, the task's own `consensus` method) is scored against the
simulated truth; the other method's consensus of the same answers is scored too, for reference.

The crowd (fixed a priori, see BENCHMARKS.md "Adaptive overlap"):
  - K labels; every item has a true label drawn uniformly and a difficulty d ~ Beta(A, B).
  - Workers have an accuracy drawn uniformly from [LOW, HIGH]; on an item of difficulty d a worker of
    accuracy a answers right with probability a·(1−d) + d/K (a hard item is near chance for everyone),
    otherwise one of the other labels uniformly. Spammers answer uniformly at random.
  - One step: a uniformly drawn annotator asks for `next` and answers at once. An annotator told 204
    rests until someone else submits (an item they may still take could then need one more judgment);
    the run ends when every annotator is told 204 in a row.
Everything is drawn from the seed: an answer depends only on (seed, annotator, item), so the run is
the same on every machine, whatever the server's speed.

Output: one JSON object (judgments used, accuracy by the task's method and by each method, seconds, requests).
"""
import argparse
import http.client
import json
import random
import sys
import time


def crowd(seed, annotators, spammers, low, high):
    rng = random.Random(f"{seed}/crowd")
    workers = annotators - spammers
    return [rng.uniform(low, high) for _ in range(workers)] + [None] * spammers


def items(seed, count, labels, alpha, beta):
    rng = random.Random(f"{seed}/items")
    return [(f"i{n:05d}", rng.randrange(labels), rng.betavariate(alpha, beta)) for n in range(count)]


def answer(seed, annotator, accuracy, item, truth, difficulty, labels):
    rng = random.Random(f"{seed}/answer/{annotator}/{item}")
    if accuracy is None:
        return rng.randrange(labels)
    if rng.random() < accuracy * (1 - difficulty) + difficulty / labels:
        return truth
    return rng.choice([k for k in range(labels) if k != truth])


class Client:
    def __init__(self, port, token):
        self.connection = http.client.HTTPConnection("127.0.0.1", port)
        self.headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

    def request(self, method, path, body=None):
        data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
        try:
            self.connection.request(method, path, body=data, headers=self.headers)
            response = self.connection.getresponse()
        except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
            # The server closes keep-alive connections left idle; an annotator waiting their turn opens a new one.
            self.connection.close()
            self.connection.request(method, path, body=data, headers=self.headers)
            response = self.connection.getresponse()
        return response.status, response.read()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--admin-token", required=True)
    p.add_argument("--tokens", required=True, help="file of annotator tokens, one a line, in name order")
    p.add_argument("--names", required=True, help="comma-separated annotator names, in the order of --tokens")
    p.add_argument("--task", required=True)
    p.add_argument("--overlap", required=True, help="the task's overlap as JSON: 5, or {\"min\": 2, …}")
    p.add_argument("--consensus", default="majority", choices=["majority", "dawid-skene"],
                   help="the task's consensus setting: adaptive overlap's confidence and the scored consensus")
    p.add_argument("--seed", type=int, default=14)
    p.add_argument("--items", type=int, default=10000)
    p.add_argument("--labels", type=int, default=3)
    p.add_argument("--spammers", type=int, default=2)
    p.add_argument("--low", type=float, default=0.80)
    p.add_argument("--high", type=float, default=0.98)
    p.add_argument("--alpha", type=float, default=1.0)
    p.add_argument("--beta", type=float, default=6.0)
    args = p.parse_args()

    names = args.names.split(",")
    tokens = [line.strip() for line in open(args.tokens) if line.strip()]
    accuracies = crowd(args.seed, len(names), args.spammers, args.low, args.high)
    label_names = [f"label-{k}" for k in range(args.labels)]
    truth = items(args.seed, args.items, args.labels, args.alpha, args.beta)
    by_id = {item: (label, difficulty) for item, label, difficulty in truth}

    admin = Client(args.port, args.admin_token)
    task = {
        "name": args.task, "title": args.task, "answer": "single", "labels": [{"name": n} for n in label_names],
        "overlap": json.loads(args.overlap), "consensus": args.consensus, "lease_seconds": 600, "annotators": names,
    }
    status, body = admin.request("POST", "/api/v1/tasks", task)
    if status != 201:
        sys.exit(f"creating the task: {status} {body[:300]!r}")
    lines = "".join(json.dumps({"id": item, "text": f"text of {item}"}) + "\n" for item, _, _ in truth).encode()
    status, body = admin.request("POST", f"/api/v1/tasks/{args.task}/items", lines)
    if status not in (200, 201):
        sys.exit(f"importing items: {status} {body[:300]!r}")

    clients = [Client(args.port, token) for token in tokens]
    schedule = random.Random(f"{args.seed}/schedule")
    resting = set()
    judgments = requests = 0
    started = time.monotonic()
    while len(resting) < len(clients):
        who = schedule.choice([n for n in range(len(clients)) if n not in resting])
        status, body = clients[who].request("GET", f"/api/v1/tasks/{args.task}/next")
        requests += 1
        if status == 204:
            resting.add(who)
            continue
        if status != 200:
            sys.exit(f"next: {status} {body[:300]!r}")
        lease = json.loads(body)
        item = lease["item"]["id"]
        label, difficulty = by_id[item]
        given = answer(args.seed, names[who], accuracies[who], item, label, difficulty, args.labels)
        status, body = clients[who].request(
            "POST", f"/api/v1/tasks/{args.task}/annotations",
            {"item": item, "lease": lease["lease"], "label": label_names[given]})
        requests += 1
        if status not in (200, 201):
            sys.exit(f"submit: {status} {body[:300]!r}")
        judgments += 1
        resting.clear()
    seconds = time.monotonic() - started

    accuracy = {}
    for method in ("majority", "dawid-skene"):
        status, body = admin.request("GET", f"/api/v1/tasks/{args.task}/aggregate?method={method}")
        if status != 200:
            sys.exit(f"aggregate: {status} {body[:300]!r}")
        consensus = {row["item"]: row["label"] for row in json.loads(body)["labels"]}
        correct = sum(1 for item, label, _ in truth if consensus.get(item) == label_names[label])
        accuracy[method] = round(100 * correct / args.items, 2)
    status, body = admin.request("GET", f"/api/v1/tasks/{args.task}/annotations")
    stored = sum(1 for line in body.splitlines() if line.strip())
    per_item = {}
    for line in body.splitlines():
        if line.strip():
            row = json.loads(line)
            per_item[row["item"]] = per_item.get(row["item"], 0) + 1
    histogram = {}
    for count in per_item.values():
        histogram[count] = histogram.get(count, 0) + 1
    print(json.dumps({
        "task": args.task, "overlap": json.loads(args.overlap), "items": args.items, "judgments": judgments,
        "stored_annotations": stored, "judgments_per_item": round(stored / args.items, 3),
        "items_by_judgments": {str(k): histogram[k] for k in sorted(histogram)},
        "consensus": args.consensus, "accuracy": accuracy[args.consensus],
        "accuracy_majority": accuracy["majority"], "accuracy_dawid_skene": accuracy["dawid-skene"],
        "items_with_consensus": len(consensus),
        "seconds": round(seconds, 1), "requests": requests,
    }))


if __name__ == "__main__":
    main()
