#!/usr/bin/env python3
"""Annotator-loop load generator for Labelbench.

Each simulated annotator holds ONE persistent keep-alive HTTP/1.1 connection to
127.0.0.1 and repeats "GET /api/v1/tasks/TASK/next" + "POST /api/v1/tasks/TASK/annotations"
as fast as the server answers, for a fixed duration, then stops by itself.

Two modes: by default every annotator is a coroutine of one asyncio process; with --processes
each annotator is a separate client process (as 16 people's browsers would be), started before
the clock and released together at one wall-clock instant. The second mode puts 16 runnable
client processes on the same cores as the server, so the scheduler's share of the tail shows.

Pure standard library (asyncio raw streams and a tiny HTTP/1.1 client) so the generator's own
cost stays small on a 2-core machine; it reports its own CPU time so the reader can tell
whether the client or the server was the limit.

Output: one JSON object on stdout (loops/s, requests/s, latency percentiles, errors).
"""
import argparse
import asyncio
import json
import os
import resource
import subprocess
import sys
import time
import uuid


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    k = (len(sorted_values) - 1) * p / 100.0
    lo = int(k)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (k - lo)


class Client:
    """A minimal HTTP/1.1 client over one keep-alive connection."""

    def __init__(self, host, port, token):
        self.host, self.port = host, port
        self.auth = f"Authorization: Bearer {token}\r\n".encode()
        self.reader = self.writer = None

    async def connect(self):
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)

    async def request(self, method, path, body=None):
        head = f"{method} {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n".encode() + self.auth
        if body is not None:
            head += b"Content-Type: application/json\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n"
            self.writer.write(head + body)
        else:
            self.writer.write(head + b"\r\n")
        header = await self.reader.readuntil(b"\r\n\r\n")
        status = int(header[9:12])
        length = 0
        chunked = False
        close = False
        for line in header.split(b"\r\n")[1:]:
            lower = line.lower()
            if lower.startswith(b"content-length:"):
                length = int(line[15:])
            elif lower.startswith(b"transfer-encoding:") and b"chunked" in lower:
                chunked = True
            elif lower.startswith(b"connection:") and b"close" in lower:
                close = True
        if chunked:
            data = bytearray()
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                chunk = await self.reader.readexactly(size + 2)
                if size == 0:
                    break
                data += chunk[:-2]
            payload = bytes(data)
        else:
            payload = await self.reader.readexactly(length) if length else b""
        if close:
            raise ConnectionError("server closed the keep-alive connection")
        return status, payload

    def close(self):
        if self.writer:
            self.writer.close()


async def annotator(index, args, token, deadline, stats, start_gate):
    client = Client(args.host, args.port, token)
    await client.connect()
    get_path = f"/api/v1/tasks/{args.task}/next"
    post_path = f"/api/v1/tasks/{args.task}/annotations"
    labels = args.labels.split(",")
    await start_gate.wait()
    n = 0
    clock = time.perf_counter
    while clock() < deadline:
        loop_start = clock()
        try:
            status, payload = await client.request("GET", get_path)
            t1 = clock()
            stats["get"].append(t1 - loop_start)
            stats["trace"].append((time.time() - (t1 - loop_start), index, "get", t1 - loop_start))
            if status == 204:
                stats["idle"] += 1
                stats["errors"] += 1
                stats["error_samples"].append(f"client {index}: 204 nothing left")
                break
            if status != 200:
                stats["errors"] += 1
                stats["error_samples"].append(f"GET {status}: {payload[:200]!r}")
                continue
            lease = json.loads(payload)
            body = json.dumps({
                "item": lease["item"]["id"], "lease": lease["lease"], "label": labels[n % len(labels)],
                "request_id": f"{index}-{n}-{uuid.uuid4().hex[:8]}", "seconds": 1.5,
            }).encode()
            status, payload = await client.request("POST", post_path, body)
            t2 = clock()
            stats["post"].append(t2 - t1)
            stats["trace"].append((time.time() - (t2 - t1), index, "post", t2 - t1))
            if status != 201:
                stats["errors"] += 1
                stats["error_samples"].append(f"POST {status}: {payload[:200]!r}")
                continue
            stats["loop"].append(t2 - loop_start)
            n += 1
        except (ConnectionError, asyncio.IncompleteReadError, OSError) as error:
            stats["errors"] += 1
            stats["error_samples"].append(f"client {index}: {error!r}")
            client.close()
            await client.connect()
    client.close()


def new_stats():
    return {"get": [], "post": [], "loop": [], "trace": [], "errors": 0, "idle": 0, "error_samples": []}


async def run_clients(args, tokens, start_at=None):
    """Runs len(tokens) annotators in this process; returns their samples and the measured seconds."""
    stats = new_stats()
    gate = asyncio.Event()
    # Connections are opened before the clock starts: 0.2 s from now, or at the shared wall-clock instant.
    start = time.perf_counter() + (0.2 if start_at is None else max(0.0, start_at - time.time()))
    deadline = start + args.duration
    tasks = [asyncio.create_task(annotator(args.first + i, args, token, deadline, stats, gate)) for i, token in enumerate(tokens)]
    await asyncio.sleep(max(0.0, start - time.perf_counter()))
    t0 = time.perf_counter()
    gate.set()
    await asyncio.gather(*tasks)
    return stats, time.perf_counter() - t0


def run_processes(args, tokens):
    """Starts one client process per annotator and merges their samples."""
    start_at = time.time() + 1.0 + 0.05 * args.clients  # time for every process to start and connect
    common = [sys.executable, os.path.abspath(__file__), "--worker", "--host", args.host, "--port", str(args.port),
              "--task", args.task, "--duration", str(args.duration), "--labels", args.labels, "--start-at", repr(start_at)]
    children = [subprocess.Popen(common + ["--token", token, "--first", str(i)], stdout=subprocess.PIPE)
                for i, token in enumerate(tokens)]
    stats = new_stats()
    elapsed = 0.0
    for child in children:
        out, _ = child.communicate()
        if child.returncode != 0:
            sys.exit(f"client process exited with {child.returncode}")
        part = json.loads(out)
        for key in ("get", "post", "loop", "trace", "error_samples"):
            stats[key] += part[key]
        stats["errors"] += part["errors"]
        elapsed = max(elapsed, part["seconds"])
    return stats, elapsed


def summary(args, stats, elapsed, client_cpu_s):
    ms = lambda xs, p: round(percentile(xs, p) * 1000, 2)
    requests = sorted(stats["get"] + stats["post"])
    loops = sorted(stats["loop"])
    result = {
        "clients": args.clients,
        "mode": "processes" if args.processes else "asyncio",
        "seconds": round(elapsed, 2),
        "loops": len(loops),
        "loops_per_s": round(len(loops) / elapsed, 1),
        "requests": len(requests),
        "requests_per_s": round(len(requests) / elapsed, 1),
        "request_ms": {"p50": ms(requests, 50), "p95": ms(requests, 95), "p99": ms(requests, 99), "max": ms(requests, 100)},
        "get_ms": {k: ms(sorted(stats["get"]), p) for k, p in (("p50", 50), ("p95", 95), ("p99", 99))},
        "post_ms": {k: ms(sorted(stats["post"]), p) for k, p in (("p50", 50), ("p95", 95), ("p99", 99))},
        "loop_ms": {"p50": ms(loops, 50), "p95": ms(loops, 95), "p99": ms(loops, 99), "max": ms(loops, 100)},
        "errors": stats["errors"],
        "error_samples": stats["error_samples"][:5],
        "client_cpu_s": round(client_cpu_s, 2),
    }
    result["client_cpu_share"] = round(result["client_cpu_s"] / elapsed, 2)
    return result


def cpu_seconds(who):
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def main_run(args):
    tokens = [t.strip() for t in open(args.tokens) if t.strip()]
    if len(tokens) < args.clients:
        sys.exit(f"need {args.clients} tokens, have {len(tokens)}")
    tokens = tokens[:args.clients]
    if args.processes:
        cpu0 = cpu_seconds(resource.RUSAGE_CHILDREN)
        stats, elapsed = run_processes(args, tokens)
        cpu = cpu_seconds(resource.RUSAGE_CHILDREN) - cpu0
    else:
        cpu0 = cpu_seconds(resource.RUSAGE_SELF)
        stats, elapsed = asyncio.run(run_clients(args, tokens))
        cpu = cpu_seconds(resource.RUSAGE_SELF) - cpu0
    if args.trace:
        # Every request as "unix_start client kind ms", in start order, to line the tail up with server events.
        with open(args.trace, "w") as out:
            for start, client, kind, seconds in sorted(stats["trace"]):
                out.write(f"{start:.6f} {client} {kind} {seconds * 1000:.3f}\n")
    print(json.dumps(summary(args, stats, elapsed, cpu)))


def main_worker(args):
    """One client process of --processes: raw samples as JSON on stdout for the parent to merge."""
    stats, elapsed = asyncio.run(run_clients(args, [args.token], start_at=args.start_at))
    stats["seconds"] = elapsed
    stats["error_samples"] = stats["error_samples"][:5]
    print(json.dumps(stats))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--task", required=True)
    parser.add_argument("--tokens", help="file with one annotator token per line")
    parser.add_argument("--clients", type=int, default=1)
    parser.add_argument("--duration", type=float, default=30)
    parser.add_argument("--labels", default="pos,neg,neutral")
    parser.add_argument("--processes", action="store_true", help="one client process per annotator instead of one asyncio process")
    parser.add_argument("--trace", help="also write every request's start time, client, kind and duration to this file")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--token", help=argparse.SUPPRESS)
    parser.add_argument("--first", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--start-at", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("this load generator only runs against the local machine")
    if args.worker:
        main_worker(args)
    else:
        if not args.tokens:
            sys.exit("--tokens is required")
        main_run(args)


if __name__ == "__main__":
    main()
