"""Benchmark the HTTP service on loopback: ingest and SPARQL under concurrent load.

Starts ``newsgraph serve`` on a fresh embedded Oxigraph store, then

1. measures bare ``newsgraph.extract()`` time per sample article in this process;
2. phase "sequential": one client posts each sample article (text made unique per
   request) one after another -> POST /articles overhead over bare extraction;
3. phase "load": N ingest clients post articles while M query clients run
   ``samples/queries/*.rq`` against /sparql, bounded by --duration and --max-requests.

Prints requests/s, p50/p95 per endpoint and the goals:
POST p50 <= bare extraction + 25 ms, SPARQL p95 < 100 ms while 4 clients ingest, zero errors.

    python bench/api_bench.py [--ingest-clients 4] [--query-clients 4] [--duration 30]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
SERVING = re.compile(r"newsgraph is serving on (http://[^/\s]+/)")


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def start_server(store_dir: str, concurrency: int, extraction: str) -> tuple[subprocess.Popen, str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "NEWSGRAPH_MAX_CONCURRENT_EXTRACTIONS": str(concurrency),
           "NEWSGRAPH_EXTRACTION_PROCESSES": "true" if extraction == "processes" else "false"}
    env.pop("NEWSGRAPH_API_TOKEN", None)
    command = [sys.executable, "-c", "from newsgraph.cli import main; main()", "serve",
               "--store", f"oxigraph:{store_dir}", "--host", "127.0.0.1", "--port", "0", "--log-level", "warning"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    found: dict[str, str] = {}
    ready = threading.Event()

    def read() -> None:
        for line in process.stdout:
            match = SERVING.search(line)
            if match and not ready.is_set():
                found["url"] = match.group(1)
                ready.set()
            elif "error" in line.lower():
                print("server:", line.rstrip(), file=sys.stderr)
        ready.set()

    threading.Thread(target=read, daemon=True).start()
    if not ready.wait(180) or "url" not in found:
        process.kill()
        raise SystemExit("the server did not start")
    return process, found["url"]


def bare_extraction(texts: list[str], repeats: int) -> list[float]:
    import newsgraph

    newsgraph.extract(texts[0])  # load the model outside the timing
    times = []
    for _ in range(repeats):
        for text in texts:
            start = time.perf_counter()
            newsgraph.extract(text)
            times.append(time.perf_counter() - start)
    return times


class Recorder:
    def __init__(self) -> None:
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, list[str]] = defaultdict(list)
        self.steps: dict[str, list[float]] = defaultdict(list)  # Server-Timing, milliseconds
        self.count = 0

    async def timed(self, name: str, call) -> None:
        start = time.perf_counter()
        try:
            response = await call
            ok = response.status_code < 300
            detail = f"{response.status_code} {response.text[:200]}"
        except httpx.HTTPError as exc:
            ok, detail = False, f"{type(exc).__name__}: {exc}"
        elapsed = time.perf_counter() - start
        self.count += 1
        if ok:
            self.latencies[name].append(elapsed)
            for step in filter(None, response.headers.get("server-timing", "").split(",")):
                label, _, duration = step.strip().partition(";dur=")
                self.steps[label].append(float(duration))
        else:
            self.errors[name].append(detail)


def unique(text: str, tag: str) -> str:
    # A different text per request (a new article id) with the same extraction work.
    return f"{text}\n\nBench copy {tag}."


async def sequential_posts(url: str, texts: list[str], repeats: int) -> tuple[Recorder, list[float]]:
    """Each article posted by one client, right after timing its bare extraction here.

    Pairing them (bare, POST, bare, POST...) keeps a busy machine's changing load out of
    the comparison; returns the recorder and the bare times.
    """
    import newsgraph

    recorder = Recorder()
    bare: list[float] = []
    async with httpx.AsyncClient(base_url=url, timeout=120) as client:
        for round_ in range(repeats):
            for number, text in enumerate(texts):
                body = unique(text, f"seq-{round_}-{number}")
                start = time.perf_counter()
                newsgraph.extract(body + " (bare)")
                bare.append(time.perf_counter() - start)
                await recorder.timed("POST /articles", client.post("/articles", content=body.encode(), headers={"content-type": "text/plain"}))
    return recorder, bare


async def load_phase(url: str, texts: list[str], queries: dict[str, str], ingest_clients: int, query_clients: int,
                     duration: float, max_requests: int, readers_from: str | None = None) -> tuple[Recorder, float]:
    recorder = Recorder()
    deadline = time.monotonic() + duration
    limits = httpx.Limits(max_connections=ingest_clients + query_clients + 2)

    def more() -> bool:
        return time.monotonic() < deadline and recorder.count < max_requests

    # Query clients from another loopback address are other clients to the server (no
    # read-your-writes with the ingest clients, so their queries may lag by query_staleness).
    reading = httpx.AsyncHTTPTransport(local_address=readers_from, limits=limits) if readers_from else None
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as client, \
            httpx.AsyncClient(base_url=url, timeout=120, limits=limits, transport=reading) as reader:
        if reading is None:
            reader = client

        async def ingest(worker: int) -> None:
            i = 0
            while more():
                text = unique(texts[(worker + i) % len(texts)], f"load-{worker}-{i}")
                await recorder.timed("POST /articles", client.post("/articles", content=text.encode(), headers={"content-type": "text/plain"}))
                i += 1

        async def query(worker: int) -> None:
            names = sorted(queries)
            i = worker
            while more():
                name = names[i % len(names)]
                # The query as the raw body (SPARQL Protocol "query via POST directly"): no URL
                # encoding, whose pure-Python cost in the client would be measured as the server's.
                await recorder.timed("POST /sparql", reader.post("/sparql", content=queries[name].encode(),
                                                                 headers={"content-type": "application/sparql-query"}))
                i += 1

        start = time.monotonic()
        await asyncio.gather(*[ingest(w) for w in range(ingest_clients)], *[query(w) for w in range(query_clients)])
        return recorder, time.monotonic() - start


def report(title: str, recorder: Recorder, elapsed: float | None = None) -> None:
    total = sum(len(v) for v in recorder.latencies.values()) + sum(len(v) for v in recorder.errors.values())
    rate = f", {total / elapsed:.1f} requests/s" if elapsed else ""
    print(f"\n{title}: {total} requests{rate}")
    print(f"  {'endpoint':<16} {'n':>6} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7}")
    for name in sorted(set(recorder.latencies) | set(recorder.errors)):
        values = recorder.latencies.get(name, [])
        per_second = f"{len(values) / elapsed:7.1f}" if elapsed else "      -"
        print(f"  {name:<16} {len(values):>6} {per_second} {percentile(values, 50) * 1000:8.1f} "
              f"{percentile(values, 95) * 1000:8.1f} {len(recorder.errors.get(name, [])):>7}")
        for error in recorder.errors.get(name, [])[:3]:
            print(f"      e.g. {error}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", type=Path, default=ROOT / "samples", help="Folder of .txt articles.")
    parser.add_argument("--queries", type=Path, default=ROOT / "samples" / "queries", help="Folder of .rq queries.")
    parser.add_argument("--ingest-clients", type=int, default=4)
    parser.add_argument("--query-clients", type=int, default=4)
    parser.add_argument("--duration", type=float, default=30.0, help="Seconds of the load phase (at most).")
    parser.add_argument("--max-requests", type=int, default=5000, help="Requests of the load phase (at most).")
    parser.add_argument("--repeats", type=int, default=2, help="Rounds over the samples for bare and sequential timing.")
    parser.add_argument("--concurrency", type=int, default=2, help="Server's NEWSGRAPH_MAX_CONCURRENT_EXTRACTIONS.")
    parser.add_argument("--extraction", choices=["processes", "threads"], default="processes",
                        help="Server's NEWSGRAPH_EXTRACTION_PROCESSES: worker processes (default) or threads.")
    parser.add_argument("--readers-from", metavar="ADDRESS",
                        help="Send the queries from this local address (e.g. 127.0.0.2): readers that are not the "
                             "ingest clients; by default every client shares one address.")
    args = parser.parse_args()

    texts = [p.read_text(encoding="utf-8") for p in sorted(args.samples.glob("*.txt"))]
    queries = {p.name: p.read_text(encoding="utf-8") for p in sorted(args.queries.glob("*.rq"))}
    if not texts or not queries:
        raise SystemExit(f"need .txt articles in {args.samples} and .rq queries in {args.queries}")
    print(f"{len(texts)} articles, {len(queries)} queries, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f}, extraction in {args.extraction}")

    bare = bare_extraction(texts, args.repeats)
    bare_p50 = percentile(bare, 50)
    print(f"bare extract(): p50 {bare_p50 * 1000:.1f} ms, p95 {percentile(bare, 95) * 1000:.1f} ms per article ({len(bare)} runs)")

    with tempfile.TemporaryDirectory(prefix="newsgraph-bench-") as store_dir:
        process, url = start_server(store_dir, args.concurrency, args.extraction)
        try:
            sequential, paired_bare = asyncio.run(sequential_posts(url, texts, args.repeats))
            report("sequential (one client)", sequential)
            print(f"  bare extract() of the same texts, timed between the posts: p50 {percentile(paired_bare, 50) * 1000:.1f} ms")
            # Each POST minus the bare run just before it: less swayed by a busy machine than
            # the difference of two p50s (shown for reading the figures; the goal uses the p50s).
            differences = [post - bare for post, bare in zip(sequential.latencies["POST /articles"], paired_bare)]
            if len(differences) == len(paired_bare):
                print(f"  POST minus the paired bare extract(), per article: median {percentile(differences, 50) * 1000:+.1f} ms")
            print("  server's steps (Server-Timing), median ms: "
                  + ", ".join(f"{step} {percentile(values, 50):.1f}" for step, values in sequential.steps.items()))
            quiet, quiet_elapsed = asyncio.run(load_phase(url, texts, queries, 0, args.query_clients,
                                                          min(10.0, args.duration), args.max_requests, args.readers_from))
            report(f"queries only ({args.query_clients} query clients, no ingest)", quiet, quiet_elapsed)
            loaded, elapsed = asyncio.run(load_phase(url, texts, queries, args.ingest_clients, args.query_clients,
                                                     args.duration, args.max_requests, args.readers_from))
            report(f"load ({args.ingest_clients} ingest + {args.query_clients} query clients)", loaded, elapsed)
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()

    post_p50 = percentile(sequential.latencies["POST /articles"], 50)
    bare_p50 = percentile(paired_bare, 50)
    sparql_p95 = percentile(loaded.latencies["POST /sparql"], 95)
    errors = sum(len(v) for v in sequential.errors.values()) + sum(len(v) for v in loaded.errors.values())
    print("\ngoals")
    print(f"  POST /articles p50 {post_p50 * 1000:.1f} ms vs bare extraction (paired) {bare_p50 * 1000:.1f} ms + 25 ms: "
          f"overhead {(post_p50 - bare_p50) * 1000:+.1f} ms -> {'met' if post_p50 <= bare_p50 + 0.025 else 'NOT met'}")
    print(f"  SPARQL p95 while {args.ingest_clients} clients ingest: {sparql_p95 * 1000:.1f} ms (goal < 100 ms) -> "
          f"{'met' if sparql_p95 < 0.1 else 'NOT met'}")
    print(f"  errors: {errors} (goal 0) -> {'met' if errors == 0 else 'NOT met'}")


if __name__ == "__main__":
    main()
