#!/usr/bin/env python3
"""Page-load budgets: server-render time of the pages a person waits for, measured as the time
from sending a GET to having the whole HTML body, on one keep-alive connection with a signed-in
browser session (so it includes routing, session lookup, the queries and Mustache rendering).

  setup URL TOKEN --tasks N --annotations M   fills the server: N tasks with a few items each, and one
                                              task ("big") with M annotations by 5 annotators
  measure URL --requests R [--token T]        prints a table per page: the first request (cold: nothing
                                              cached yet), then p50/p95/max of R requests after 3 warm-up
                                              ones; exits 1 when a p95 is over the budget (50 ms)
"""
import argparse
import http.client
import http.cookiejar
import json
import re
import statistics
import sys
import time
import urllib.parse
import urllib.request

BUDGET_MS = 50.0
PASSWORD = "bench-password-1"
ANNOTATORS = [f"ann{i}" for i in range(5)]


def api(base, token, method, path, body=None, content_type="application/json"):
    data = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
    request = urllib.request.Request(base + "/api/v1" + path, data=data, method=method)
    request.add_header("Authorization", "Bearer " + token)
    if data is not None:
        request.add_header("Content-Type", content_type)
    with urllib.request.urlopen(request, timeout=600) as response:
        return response.read()


def setup(base, token, tasks, annotations):
    labels = [{"name": n, "key": str(i + 1)} for i, n in enumerate(["positive", "negative", "mixed", "other"])]
    for i in range(tasks):
        name = f"task-{i:04d}"
        api(base, token, "POST", "/tasks", {"name": name, "title": f"Review batch {i}", "labels": labels, "overlap": 2,
                                            "annotators": ["bench-admin"]})
        items = "".join(json.dumps({"id": f"{name}-{j}", "text": f"text {j}"}) + "\n" for j in range(5))
        api(base, token, "POST", f"/tasks/{name}/items", items.encode(), "application/x-ndjson")
    items_needed = max(1, annotations // len(ANNOTATORS))
    api(base, token, "POST", "/tasks", {"name": "big", "title": "The big task", "labels": labels, "overlap": len(ANNOTATORS),
                                        "annotators": ["bench-admin"]})
    items = "".join(json.dumps({"id": f"b{j}", "text": f"big text {j}"}) + "\n" for j in range(items_needed))
    api(base, token, "POST", "/tasks/big/items", items.encode(), "application/x-ndjson")
    names = [l["name"] for l in labels]
    lines = []
    for j in range(items_needed):
        for k, who in enumerate(ANNOTATORS):
            # Mostly agreeing, with a steady share of disagreement so the quality page has contested items.
            label = names[j % 4] if (j * 7 + k * 3) % 10 else names[(j + k) % 4]
            lines.append(json.dumps({"item": f"b{j}", "annotator": who, "label": label, "seconds": 3.5}) + "\n")
    api(base, token, "POST", "/tasks/big/annotations/import", "".join(lines).encode(), "application/x-ndjson")


def sign_in(base, name):
    """A session cookie from the login form, as a browser gets one."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/login", timeout=30).read().decode()
    fields = {"name": name, "password": PASSWORD, "next": "/"}
    csrf = re.search(r'name="csrf" value="([^"]*)"', page)
    if csrf:
        fields["csrf"] = csrf.group(1)
    opener.open(base + "/login", data=urllib.parse.urlencode(fields).encode(), timeout=30).read()
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def measure(base, requests, token=None):
    cookie = sign_in(base, "bench-admin")
    host = urllib.parse.urlparse(base)
    connection = http.client.HTTPConnection(host.hostname, host.port, timeout=60)
    pages = [
        ("task list, first page", "/tasks"),
        ("task list, sorted by progress", "/tasks?sort=progress"),
        ("task list, searched", "/tasks?q=batch+4"),
        ("quality page (big task)", "/tasks/big/quality"),
        ("queue list", "/queue"),
        ("queue item", "/queue/task-0000"),
    ]
    rows = []
    failed = False
    for label, path in pages:
        times = []
        first = None
        for attempt in range(requests + 3):
            start = time.perf_counter()
            connection.request("GET", path, headers={"Cookie": cookie})
            response = connection.getresponse()
            body = response.read()
            elapsed = (time.perf_counter() - start) * 1000
            if response.status != 200:
                print(f"{path}: HTTP {response.status}: {body[:300]!r}", file=sys.stderr)
                return 2
            if attempt == 0:
                first = elapsed
            if attempt >= 3:  # the first requests warm caches
                times.append(elapsed)
        times.sort()
        p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
        over = p95 > BUDGET_MS
        failed |= over
        rows.append(f"| {label} | `{path}` | {first:.1f} | {statistics.median(times):.1f} | {p95:.1f} | {times[-1]:.1f} | "
                    f"{'**over**' if over else 'ok'} |")
    print(f"| page | path | first ms | p50 ms | p95 ms | max ms | budget {BUDGET_MS:.0f} ms (p95) |")
    print("|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    if token:
        print(after_each_change(base, token, connection, cookie, max(5, requests // 10)))
    return 1 if failed else 0


def after_each_change(base, token, connection, cookie, requests):
    """The quality page viewed right after a new annotation each time, so nothing kept for the task
    applies: the cost a practitioner pays on the first view after labels come in (not budgeted)."""
    times = []
    for n in range(requests):
        line = json.dumps({"item": f"b{n}", "annotator": "late-annotator", "label": "positive", "seconds": 2.0}) + "\n"
        api(base, token, "POST", "/tasks/big/annotations/import", line.encode(), "application/x-ndjson")
        start = time.perf_counter()
        connection.request("GET", "/tasks/big/quality", headers={"Cookie": cookie})
        response = connection.getresponse()
        response.read()
        times.append((time.perf_counter() - start) * 1000)
        if response.status != 200:
            return f"quality page after a change: HTTP {response.status}"
    times.sort()
    return (f"\nQuality page (big task) viewed after each new annotation, {requests} times: "
            f"p50 {statistics.median(times):.1f} ms, max {times[-1]:.1f} ms.")


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("setup")
    s.add_argument("url")
    s.add_argument("token")
    s.add_argument("--tasks", type=int, default=500)
    s.add_argument("--annotations", type=int, default=100_000)
    m = sub.add_parser("measure")
    m.add_argument("url")
    m.add_argument("--requests", type=int, default=200)
    m.add_argument("--token", help="an admin token: also measures the quality page after each new annotation")
    args = parser.parse_args()
    if args.command == "setup":
        setup(args.url, args.token, args.tasks, args.annotations)
        return 0
    return measure(args.url, args.requests, args.token)


if __name__ == "__main__":
    sys.exit(main())
