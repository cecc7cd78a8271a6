"""Bounded staleness of users' queries on the embedded store's query processes.

A query asked with ``stale_ok`` may miss the writes of the last ``query_staleness`` seconds
(so a child does not reopen the store after every write); every other query, the
HTTP endpoint's queries from a client that wrote within that time, and queries sent with
``Cache-Control: no-cache`` see every acknowledged write. One child, so which snapshot
answers is certain."""

from __future__ import annotations

import json
import time

import pytest
from api_helpers import BASE, second_extraction, wipo_extraction
from fastapi.testclient import TestClient

from newsgraph.api import create_app
from newsgraph.graph import to_graph
from newsgraph.settings import Settings
from newsgraph.store.oxigraph import OxigraphStore

COUNT = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?a a <https://schema.org/NewsArticle> } }"
TOKEN = "staleness-test-token"


def articles(store, **options) -> int:
    result = store.query(COUNT, accept="json", **options)
    return int(json.loads(result.body)["results"]["bindings"][0]["n"]["value"])


def add(store, extraction) -> None:
    store.add_article(extraction.article.id, to_graph(extraction, base_iri=BASE))


@pytest.fixture


def store(tmp_path):
    store = OxigraphStore(tmp_path / "store", base_iri=BASE, query_processes=1, query_staleness=60)
    add(store, wipo_extraction())
    yield store
    store.close()


def test_a_query_sees_every_write_unless_it_accepts_the_lag(store):
    assert articles(store) == 1  # the child opens the store here
    add(store, second_extraction())
    # Within the 60 s bound the child's snapshot will do for a query that accepts the lag...
    assert articles(store, stale_ok=True) == 1
    # ...never for one that does not (the default): it reopens and sees the write.
    assert articles(store) == 2
    assert articles(store, stale_ok=True) == 2  # and then the fresh snapshot answers both


def test_a_lagging_query_sees_writes_older_than_the_bound(tmp_path):
    store = OxigraphStore(tmp_path / "store", base_iri=BASE, query_processes=1, query_staleness=0.3)
    try:
        add(store, wipo_extraction())
        assert articles(store) == 1
        add(store, second_extraction())
        time.sleep(0.6)  # the write is now older than the bound: a lagging query must see it
        assert articles(store, stale_ok=True) == 2
        store.delete_article(wipo_extraction().article.id)
        time.sleep(0.6)
        assert articles(store, stale_ok=True) == 1
    finally:
        store.close()


def test_no_bound_means_every_query_is_fresh(tmp_path):
    store = OxigraphStore(tmp_path / "store", base_iri=BASE, query_processes=1)  # query_staleness 0
    try:
        add(store, wipo_extraction())
        assert articles(store, stale_ok=True) == 1
        add(store, second_extraction())
        assert articles(store, stale_ok=True) == 2
    finally:
        store.close()


def sparql_count(http: TestClient, **headers) -> int:
    response = http.get("/sparql", params={"query": COUNT}, headers={"Accept": "application/sparql-results+json", **headers})
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def test_over_http_a_client_reads_its_own_writes_and_others_lag_at_most_the_bound(tmp_path):
    settings = Settings(store=f"oxigraph:{tmp_path / 'store'}", base_iri=BASE, api_token=TOKEN,
                        extraction_processes=False, query_processes=1, query_staleness=60)
    store = OxigraphStore(tmp_path / "store", base_iri=BASE, query_processes=1, query_staleness=60)
    add(store, wipo_extraction())
    app = create_app(settings, store=store)
    writer = TestClient(app, client=("192.0.2.10", 40000), raise_server_exceptions=False)
    reader = TestClient(app, client=("192.0.2.20", 40000), raise_server_exceptions=False)
    try:
        assert sparql_count(reader) == 1
        graph = to_graph(second_extraction(), base_iri=BASE)
        body = graph.serialize(format="nt")
        response = writer.put("/rdf-graphs", params={"graph": str(graph.identifier)}, content=body,
                              headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/n-triples"})
        assert response.status_code in (201, 204), response.text
        # The writer sees its write at once (its query reopened the one child)...
        assert sparql_count(writer) == 2
        # ...another client may lag up to 60 s behind a write it did not make...
        add(store, wipo_extraction("a1b2c3d4e5f60003"))
        assert sparql_count(reader) == 2
        # ...unless it asks for no cache; the writer (within 60 s of its write) sees it too.
        assert sparql_count(reader, **{"Cache-Control": "no-cache"}) == 3
        assert sparql_count(writer) == 3
    finally:
        store.close()
