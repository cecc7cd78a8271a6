"""Crash durability: SIGKILL a real ``newsgraph serve`` (embedded Oxigraph) mid-stream.

Clients post articles in a loop; the server is killed with SIGKILL while requests are
in flight, then restarted on the same directory. Every article answered 201 must be
there with exactly the triples reported; every article in the store (including ones
whose answer was lost in the crash) must be whole — as many triples as a dry run of
the same text produces; the store must open cleanly. Repeated several times.

``NEWSGRAPH_DURABILITY_ROUNDS`` sets the number of kill/restart rounds (default 3).
"""

from __future__ import annotations

import os
import random
import threading
import time

import httpx
import pytest
from reliability_server import ARTICLE_GRAPHS, Server, article_text

from newsgraph.extract import article_id

pytestmark = [pytest.mark.reliability, pytest.mark.server, pytest.mark.model]

ROUNDS = int(os.environ.get("NEWSGRAPH_DURABILITY_ROUNDS", "3"))
CLIENTS = 3
MAX_POSTS_PER_CLIENT = 60  # bound per round; the kill comes long before


def _post_loop(url: str, texts: list[str], acked: dict, errors: list, cut: list, stop: threading.Event) -> None:
    with httpx.Client(base_url=url, timeout=30) as client:
        for text in texts:
            if stop.is_set():
                return
            try:
                response = client.post("/articles", content=text.encode(), headers={"content-type": "text/plain"})
            except httpx.TransportError:
                cut.append(text)
                return  # the server was killed under this request: its outcome is unknown
            if response.status_code == 201:
                body = response.json()
                acked[body["article"]["id"]] = (text, body["triples"], body["graph"])
            elif response.status_code != 200:
                errors.append((response.status_code, response.text[:300]))


def _graph_sizes(client: httpx.Client) -> dict[str, int]:
    query = f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {ARTICLE_GRAPHS} }} GROUP BY ?g"
    rows = client.get("/sparql", params={"query": query}).json()["results"]["bindings"]
    return {row["g"]["value"]: int(row["n"]["value"]) for row in rows}


def _verify(client: httpx.Client, acked: dict, texts_by_id: dict) -> None:
    """Everything acknowledged is there with the triples reported; nothing is half-written."""
    assert client.get("/health").status_code == 200
    sizes = _graph_sizes(client)
    for aid, (_, triples, graph) in acked.items():
        stored = client.get(f"/articles/{aid}")
        assert stored.status_code == 200, f"acknowledged article {aid} is missing after SIGKILL"
        assert stored.json()["triples"] == triples
        assert sizes.get(graph) == triples, (aid, sizes.get(graph), triples)
    # Articles stored but never acknowledged (killed before the answer) are whole too.
    listed = client.get("/articles", params={"limit": 1000}).json()
    assert listed["total"] == len(sizes)
    for item in listed["items"]:
        if item["id"] in acked:
            continue
        dry = client.post("/extract", content=texts_by_id[item["id"]].encode(),
                          headers={"content-type": "text/plain", "accept": "application/json"})
        assert dry.status_code == 200, dry.text
        assert sizes[item["graph"]] == dry.json()["triples"], f"article {item['id']} is half-written"
    # Nothing outside the article graphs.
    assert set(sizes) == {item["graph"] for item in listed["items"]}


def test_sigkill_mid_stream_loses_no_acknowledged_article(tmp_path):
    store = f"oxigraph:{tmp_path / 'store'}"
    rng = random.Random(7)
    acked: dict[str, tuple[str, int, str]] = {}
    texts_by_id: dict[str, str] = {}
    errors: list = []
    cut: list = []
    report = []
    for round_number in range(ROUNDS):
        server = Server(store)
        try:
            # Each start after the first is a restart after SIGKILL: check it first.
            with server.client() as client:
                _verify(client, acked, texts_by_id)
            batches = [[article_text(1000 * round_number + c, i) for i in range(MAX_POSTS_PER_CLIENT)]
                       for c in range(CLIENTS)]
            for batch in batches:
                texts_by_id.update({article_id(t): t for t in batch})
            before = len(acked)
            stop = threading.Event()
            threads = [threading.Thread(target=_post_loop, args=(server.url, batch, acked, errors, cut, stop))
                       for batch in batches]
            for thread in threads:
                thread.start()
            # Kill after a few acknowledged posts, at a random moment between two answers.
            target = before + rng.randint(3, 8)
            deadline = time.monotonic() + 120
            while len(acked) < target and time.monotonic() < deadline and any(t.is_alive() for t in threads):
                time.sleep(0.02)
            time.sleep(rng.uniform(0.0, 0.3))
            server.kill()
            stop.set()
            for thread in threads:
                thread.join(60)
            assert len(acked) > before, "no article was acknowledged before the kill:\n" + server.output
            report.append(len(acked) - before)
        finally:
            server.kill()
        assert not errors, errors

    with Server(store) as server, server.client() as client:
        _verify(client, acked, texts_by_id)
    # Finally the directory opens in this process too, with the same content.
    from newsgraph.settings import Settings
    from newsgraph.store import open_store

    opened = open_store(Settings(store=store))
    try:
        assert set(acked) <= set(opened.article_ids())
    finally:
        opened.close()
    print(f"durability: {ROUNDS} SIGKILL rounds, acknowledged per round {report}, {len(cut)} requests cut by "
          f"the kill, {len(acked)} acknowledged articles all whole after restart")
