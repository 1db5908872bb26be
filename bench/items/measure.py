#!/usr/bin/env python3
"""Times GET requests over one keep-alive connection: measure.py URL TOKEN PID N NAME=PATH...

Prints one Markdown row per NAME: requests, items on the first page, p50, p99 and max in ms, and
the server's RSS (VmRSS) after the kind's requests.
"""
import http.client
import json
import statistics
import sys
import time
from urllib.parse import urlparse


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main():
    url, token, pid, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    parsed = urlparse(url)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port)
    headers = {"Authorization": f"Bearer {token}"}
    print("| filter | path | requests | items on page | p50 ms | p99 ms | max ms | RSS MB after |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for spec in sys.argv[5:]:
        name, path = spec.split("=", 1)
        times = []
        items = None
        for _ in range(count):
            start = time.perf_counter()
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            body = response.read()
            times.append((time.perf_counter() - start) * 1000)
            if response.status != 200:
                sys.exit(f"{name}: {response.status} {body[:300]!r}")
            if items is None:
                items = len(json.loads(body)["items"])
        times.sort()
        p99 = times[min(len(times) - 1, int(round(0.99 * len(times))) - 1)]
        print(f"| {name} | `{path.split('?', 1)[-1]}` | {count} | {items} | {statistics.median(times):.1f} | {p99:.1f} "
              f"| {times[-1]:.1f} | {rss_mb(pid):.0f} |", flush=True)


if __name__ == "__main__":
    main()
