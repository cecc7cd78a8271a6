"""8 writers and 8 readers against one real ``newsgraph serve`` (embedded Oxigraph).

Bounded in time (``NEWSGRAPH_CONCURRENCY_SECONDS``, default 60) and in count (each
writer posts at most ``MAX_POSTS`` articles). Writers post their own articles and a
few texts every writer posts at the same moment; readers run SPARQL and the JSON
endpoints throughout. Asserted: no 5xx at all, the final article count equals the
201s, each shared text was created exactly once, re-posting every text adds no
triple, readers never see the article count go down, and every acknowledged article
reads back with the triples reported.
"""

from __future__ import annotations

import os
import random
import statistics
import threading
import time
from collections import Counter

import httpx
import pytest
from reliability_server import ARTICLE_GRAPHS, Server, article_text

pytestmark = [pytest.mark.reliability, pytest.mark.server, pytest.mark.model]

SECONDS = float(os.environ.get("NEWSGRAPH_CONCURRENCY_SECONDS", "60"))
WRITERS = 8
READERS = 8
MAX_POSTS = 400
MAX_READS = 20_000
SHARED = [article_text(9000, i) for i in range(6)]
GRAPH_COUNT = f"SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {ARTICLE_GRAPHS} }}"


class Tally:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.acked: dict[str, tuple[str, int, str]] = {}
        self.statuses: Counter = Counter()
        self.failures: list[tuple[str, int, str]] = []
        self.shared_created: Counter = Counter()
        self.read_latency: list[float] = []
        self.post_latency: list[float] = []
        self.inconsistent: list[str] = []

    def status(self, what: str, response: httpx.Response) -> None:
        with self.lock:
            self.statuses[response.status_code] += 1
            if response.status_code >= 500 or response.status_code in (400, 404, 409, 413, 415, 422):
                self.failures.append((what, response.status_code, response.text[:300]))


def writer(url: str, number: int, deadline: float, tally: Tally) -> None:
    texts = list(SHARED) + [article_text(100 + number, i) for i in range(MAX_POSTS)]
    with httpx.Client(base_url=url, timeout=120) as client:
        for text in texts[:MAX_POSTS]:
            if time.monotonic() > deadline:
                return
            started = time.monotonic()
            response = client.post("/articles", content=text.encode(), headers={"content-type": "text/plain"})
            tally.status("POST /articles", response)
            if response.status_code == 201:
                body = response.json()
                with tally.lock:
                    tally.post_latency.append(time.monotonic() - started)
                    tally.acked[body["article"]["id"]] = (text, body["triples"], body["graph"])
                    if text in SHARED:
                        tally.shared_created[text] += 1


def reader(url: str, number: int, deadline: float, tally: Tally) -> None:
    rng = random.Random(number)
    last_count = 0
    with httpx.Client(base_url=url, timeout=120) as client:
        for step in range(MAX_READS):
            if time.monotonic() > deadline:
                return
            kind = step % 5
            started = time.monotonic()
            if kind == 0:
                response = client.get("/sparql", params={"query": GRAPH_COUNT})
                if response.status_code == 200:
                    count = int(response.json()["results"]["bindings"][0]["n"]["value"])
                    if count < last_count:
                        with tally.lock:
                            tally.inconsistent.append(f"reader {number}: article count went {last_count} -> {count}")
                    last_count = count
            elif kind == 1:
                response = client.get("/articles", params={"limit": 5})
                if response.status_code == 200:
                    page = response.json()
                    if len(page["items"]) > page["total"]:
                        with tally.lock:
                            tally.inconsistent.append(f"reader {number}: page longer than total {page}")
            elif kind == 2:
                response = client.get("/stats")
            elif kind == 3:
                response = client.get("/entities", params={"limit": 5, "type": "Person"})
            else:
                with tally.lock:
                    known = list(tally.acked.items())
                if not known:
                    continue
                aid, (_, triples, _) = rng.choice(known)
                response = client.get(f"/articles/{aid}")
                # Acknowledged means readable, with the triples reported.
                if response.status_code != 200 or response.json()["triples"] != triples:
                    with tally.lock:
                        tally.inconsistent.append(f"reader {number}: acknowledged {aid} read back as "
                                                  f"{response.status_code} {response.text[:200]}")
            tally.status("read", response)
            with tally.lock:
                tally.read_latency.append(time.monotonic() - started)


def _percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[q - 1] if len(values) >= 2 else (values[0] if values else 0.0)


def test_eight_writers_and_eight_readers(tmp_path):
    tally = Tally()
    # Extraction in worker processes and users' queries in query processes: the defaults.
    with Server(f"oxigraph:{tmp_path / 'store'}", env={"NEWSGRAPH_EXTRACTION_PROCESSES": "true"}) as server:
        started = time.monotonic()
        deadline = started + SECONDS
        threads = [threading.Thread(target=writer, args=(server.url, n, deadline, tally)) for n in range(WRITERS)]
        threads += [threading.Thread(target=reader, args=(server.url, n, deadline, tally)) for n in range(READERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(SECONDS + 240)
        assert not any(t.is_alive() for t in threads), "a client thread did not finish"
        elapsed = time.monotonic() - started

        assert not [s for s in tally.statuses if s >= 500], (tally.statuses, tally.failures[:5])
        assert not tally.failures, tally.failures[:5]
        assert not tally.inconsistent, tally.inconsistent[:5]
        assert tally.acked, "no article was stored"
        # Each shared text was posted by all eight writers, mostly at once: created exactly once.
        for text in SHARED:
            assert tally.shared_created[text] <= 1
        assert sum(tally.shared_created.values()) == len(SHARED)

        with server.client() as client:
            listed = client.get("/articles", params={"limit": 1}).json()
            assert listed["total"] == len(tally.acked)
            quads = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {ARTICLE_GRAPHS} }}"
            before = int(client.get("/sparql", params={"query": quads}).json()["results"]["bindings"][0]["n"]["value"])
            assert before == sum(triples for _, triples, _ in tally.acked.values())

            # Re-post every stored text, eight at a time: all 200, not one triple added.
            texts = [text for text, _, _ in tally.acked.values()]
            again: Counter = Counter()

            def repost(chunk: list[str]) -> None:
                with httpx.Client(base_url=server.url, timeout=120) as other:
                    for text in chunk:
                        again[other.post("/articles", content=text.encode(),
                                         headers={"content-type": "text/plain"}).status_code] += 1

            workers = [threading.Thread(target=repost, args=(texts[i::8],)) for i in range(8)]
            for worker in workers:
                worker.start()
            for worker in workers:
                worker.join(240)
            assert again == Counter({200: len(texts)}), again
            after = int(client.get("/sparql", params={"query": quads}).json()["results"]["bindings"][0]["n"]["value"])
            assert after == before
            assert client.get("/articles", params={"limit": 1}).json()["total"] == len(tally.acked)

    posts = len(tally.post_latency)
    print(
        f"concurrency: {WRITERS} writers + {READERS} readers for {elapsed:.0f} s: "
        f"{posts} articles created ({posts / elapsed:.1f}/s), {len(tally.read_latency)} reads "
        f"({len(tally.read_latency) / elapsed:.0f}/s), read p50 {_percentile(tally.read_latency, 50) * 1000:.0f} ms "
        f"p95 {_percentile(tally.read_latency, 95) * 1000:.0f} ms, POST 201 p50 "
        f"{_percentile(tally.post_latency, 50) * 1000:.0f} ms; statuses {dict(tally.statuses)}; "
        f"{len(texts)} re-posts all 200, triples unchanged at {after}"
    )
