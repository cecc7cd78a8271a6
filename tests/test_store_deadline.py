"""One deadline for every embedded backend's queries (store/results.py: run_with_deadline):
at the time limit the caller gets a 503-style QueryTimeout while the thread runs on, and
past two such runaways new queries are refused until they end. The work here blocks on
events the test releases, so nothing depends on how fast the machine is."""

from __future__ import annotations

import gc
import sys
import threading

import pytest
from api_helpers import BASE, wipo_extraction

from newsgraph.errors import BadQuery, QueryTimeout
from newsgraph.graph import to_graph
from newsgraph.settings import Settings
from newsgraph.store import PreparedQuery, QueryResult, open_store
from newsgraph.store.memory import MemoryStore
from newsgraph.store.results import MAX_RUNAWAY_QUERIES, Runaways, run_with_deadline


def blocked(release: threading.Event, started: list[int] | None = None):
    def work(cancelled: threading.Event) -> QueryResult:
        if started is not None:
            started.append(1)
        release.wait(30)
        return QueryResult(kind="ask", format="json", media_type="application/sparql-results+json")

    return work


def wait_until_none_run(runaways: Runaways) -> None:
    pause = threading.Event()
    for _ in range(600):
        if runaways.running == 0:
            return
        pause.wait(0.05)
    raise AssertionError(f"{runaways.running} runaway queries did not end")


def test_a_query_past_its_limit_is_a_timeout_and_runs_on_as_a_runaway_until_it_ends():
    runaways = Runaways()
    release = threading.Event()
    with pytest.raises(QueryTimeout, match="stopped"):
        run_with_deadline(blocked(release), 0.05, runaways)
    assert runaways.running == 1
    release.set()
    wait_until_none_run(runaways)  # once the runaway ends it no longer counts
    answer = run_with_deadline(lambda cancelled: QueryResult("ask", "json", "x", boolean=True), 5, runaways)
    assert answer.boolean is True


def test_past_the_runaway_cap_new_queries_are_refused_without_running():
    runaways = Runaways()
    release = threading.Event()
    try:
        for _ in range(MAX_RUNAWAY_QUERIES):
            with pytest.raises(QueryTimeout):
                run_with_deadline(blocked(release), 0.05, runaways)
        started: list[int] = []
        with pytest.raises(QueryTimeout, match="still busy"):
            run_with_deadline(blocked(release, started), 5, runaways)
        assert started == []  # refused before it ran
    finally:
        release.set()


def test_what_the_work_raises_reaches_the_caller():
    def work(cancelled: threading.Event) -> QueryResult:
        raise BadQuery("not a query")

    with pytest.raises(BadQuery, match="not a query"):
        run_with_deadline(work, 5, Runaways())


def test_the_memory_store_has_the_runaway_cap_too(monkeypatch):
    store = MemoryStore(base_iri=BASE, query_timeout=0.05)
    release = threading.Event()
    real_run = store._run

    def slow_run(sparql: str):
        release.wait(30)
        return real_run(sparql)

    monkeypatch.setattr(store, "_run", slow_run)
    try:
        for _ in range(MAX_RUNAWAY_QUERIES):
            with pytest.raises(QueryTimeout, match="stopped"):
                store.query("ASK { ?s ?p ?o }")
        with pytest.raises(QueryTimeout, match="still busy"):
            store.query("ASK { ?s ?p ?o }")
    finally:
        release.set()
        # rdflib's parser is not thread-safe: let the runaways end before the next test parses.
        wait_until_none_run(store._runaways)


@pytest.mark.parametrize("spec", ["memory", "oxigraph"])
def test_every_backend_prepares_a_query_the_same_way(spec, tmp_path):
    store = open_store(Settings(), spec="memory" if spec == "memory" else f"oxigraph:{tmp_path / 's'}")
    try:
        prepared = store.prepare("SELECT ?s WHERE { ?s a schema:Person }", accept="text/csv", max_rows=None)
        assert isinstance(prepared, PreparedQuery)
        assert prepared.kind == "select" and prepared.format == "csv" and prepared.max_rows is None
        assert prepared.sparql.startswith("PREFIX schema: <https://schema.org/>")
        assert prepared.timeout == store.query_timeout
        with pytest.raises(BadQuery, match="cannot be written as"):
            store.prepare("ASK {}", accept="turtle")
        answer = store.query("ASK { ?s ?p ?o }", accept="json")
        assert answer.kind == "ask" and answer.boolean is False
    finally:
        store.close()


@pytest.mark.parametrize("spec", ["memory", "oxigraph"])
def test_no_query_result_is_left_for_the_collector_to_free_on_another_thread(spec, tmp_path, monkeypatch):
    """pyoxigraph results may only be freed on the thread that made them (pyo3 reports the
    drop as an unraisable RuntimeError otherwise); rdflib keeps exceptions whose tracebacks
    hold the query thread's frame in a cycle, so that frame must not hold the result."""
    store = open_store(Settings(query_processes=0), spec="memory" if spec == "memory" else f"oxigraph:{tmp_path / 's'}")
    unraisable: list[str] = []
    monkeypatch.setattr(sys, "unraisablehook", lambda info: unraisable.append(repr(info.exc_value)))
    try:
        store.add_articles([("a1b2c3d4e5f60001", to_graph(wipo_extraction(), base_iri=store.base_iri))])
        gc.collect()
        for sparql in ("SELECT * WHERE { ?s ?p ?o }", "ASK { ?s ?p ?o }", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"):
            for rows in (3, None):
                assert store.query(sparql, max_rows=rows).body
        gc.collect()
        assert unraisable == []
    finally:
        store.close()
