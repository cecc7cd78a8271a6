"""Read latency while two runaway SPARQL queries are in flight.

Fills an embedded Oxigraph store with synthetic article graphs (``store_bench``'s
generator; no model needed), serves it with ``create_app`` in-process, sends two copies
of a query no engine can finish within the time limit (a user pressing Run again after
a timeout), and meanwhile reads ``/articles/{id}`` and ``/entities`` every 50 ms.
Prints the reads' latencies, what the runaways were answered and when, and whether any
process still runs them a second after the limit. Runs once with users' queries in
query processes (``query_processes=3``, the default) and once in threads (``query_processes=0``).

    python bench/runaway_bench.py                    # 140,000 triples, 2 s limit
    python bench/runaway_bench.py --triples 50000 --timeout 3

Goal: every read under 100 ms during the runaways; no runaway running past the limit + 1 s.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from store_bench import Generator, fill

from newsgraph.api import create_app
from newsgraph.settings import Settings
from newsgraph.store.oxigraph import OxigraphStore

# Every mention joined with every mention of the same entity, transitively: the planner
# and the join run for minutes on a store of this size.
RUNAWAY = "SELECT (COUNT(*) AS ?c) WHERE { ?s (schema:mentions/^schema:mentions)+ ?o }"


def cpu_seconds(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return None
    if fields[0] == "Z":
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def measure(path: Path, processes: int, timeout: float, article_id: str) -> None:
    settings = Settings(store=f"oxigraph:{path}", query_timeout=timeout, query_processes=processes,
                        extraction_processes=False)
    store = OxigraphStore(path, base_iri=settings.base_iri, query_timeout=timeout, query_processes=processes)
    app = create_app(settings, store=store)  # no lifespan: no model is loaded, the store is used as given
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as http:
        for path_ in (f"/articles/{article_id}", "/entities"):  # warm: first use of each route
            (await http.get(path_)).raise_for_status()
        if processes:
            (await http.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})).raise_for_status()
        quiet: dict[str, list[float]] = {"article": [], "entities": []}
        for _ in range(10):  # the same reads with nothing else running, for comparison
            for name, target in (("article", f"/articles/{article_id}"), ("entities", "/entities")):
                began = time.perf_counter()
                (await http.get(target)).raise_for_status()
                quiet[name].append((time.perf_counter() - began) * 1000)
            await asyncio.sleep(0.05)
        started = time.monotonic()

        async def runaway() -> tuple[int, float, str]:
            response = await http.get("/sparql", params={"query": RUNAWAY})
            return response.status_code, time.monotonic() - started, response.text[:120]

        tasks = [asyncio.ensure_future(runaway()) for _ in range(2)]
        latencies: dict[str, list[float]] = {"article": [], "entities": []}
        statuses: dict[str, set[int]] = {"article": set(), "entities": set()}
        seen: dict[int, float] = {}
        await asyncio.sleep(0.2)
        while not all(task.done() for task in tasks) and time.monotonic() - started < timeout + 30:
            for pid in store.query_process_ids(running=True):
                seen[pid] = cpu_seconds(pid) or seen.get(pid, 0.0)
            for name, target in (("article", f"/articles/{article_id}"), ("entities", "/entities")):
                began = time.perf_counter()
                response = await http.get(target)
                latencies[name].append((time.perf_counter() - began) * 1000)
                statuses[name].add(response.status_code)
            await asyncio.sleep(0.05)
        answers = [await task for task in tasks] if all(t.done() for t in tasks) else []
        await asyncio.sleep(1.0)
        still = [pid for pid in seen if cpu_seconds(pid) is not None]
        label = f"query processes: {processes}" if processes else "query processes: 0 (threads, as before)"
        print(f"\n{label}")
        for status, seconds, text in answers:
            print(f"  runaway answered {status} after {seconds:.2f} s (limit {timeout:g} s): {text.strip()[:90]}")
        if not answers:
            print(f"  runaways still unanswered after {timeout + 30:g} s")
        for name, values in latencies.items():
            if values:
                print(f"  {name:8} {len(values):3} reads during the runaways: p50 {statistics.median(values):6.1f} ms, "
                      f"p95 {percentile(values, 0.95):6.1f} ms, max {max(values):6.1f} ms, statuses {sorted(statuses[name])}; "
                      f"alone: p50 {statistics.median(quiet[name]):6.1f} ms, max {max(quiet[name]):6.1f} ms")
        if processes:
            print(f"  processes that ran them: {len(seen)}, still running 1 s after the answer: {len(still)}")
    if processes:
        store.close()
    else:
        # Threads cannot be stopped; closing would wait for them. The process exits to end them.
        print("  (the stopped queries' threads run on until this process exits)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--triples", type=int, default=140_000)
    parser.add_argument("--timeout", type=float, default=2.0)
    parser.add_argument("--mode", choices=("both", "processes", "threads"), default="both")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="runaway-bench-") as tmp:
        path = Path(tmp) / "store"
        store = OxigraphStore(path, base_iri=Settings().base_iri, query_processes=0)
        generator = Generator()
        articles, triples, _, _ = fill(store, generator, args.triples)
        article_id = next(iter(store.article_ids()))
        store.close()
        print(f"store: {articles:,} articles, {triples:,} triples; runaway: {RUNAWAY}")
        if args.mode in ("both", "processes"):
            asyncio.run(measure(path, 3, args.timeout, article_id))
        if args.mode in ("both", "threads"):
            asyncio.run(measure(path, 0, args.timeout, article_id))
    os._exit(0)  # threads still running stopped queries (threads mode) would keep the process alive


if __name__ == "__main__":
    main()
