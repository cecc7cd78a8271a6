"""Users' SPARQL on the embedded store runs in child processes that are killed at the time
limit: a stopped query stops using the store, and newsgraph's own reads answer meanwhile.

No timing is asserted on the fast paths: the tests check what answers and which processes
exist, never how fast."""

from __future__ import annotations

import json
import os
import shutil
import threading
import time

import pytest
from api_helpers import BASE, second_extraction, wipo_extraction

from newsgraph.errors import BadQuery, QueryTimeout
from newsgraph.graph import to_graph
from newsgraph.store.oxigraph import OxigraphStore
from newsgraph.store.query_process import SNAPSHOTS

LIMIT = 1.5
BATCHES = 200


def runaway_query(graph: str) -> str:
    """Six unrelated patterns over the same triples: with 100 triples that is 10^12
    combinations, and no row passes the filter, so no engine on any machine finishes
    it inside the limit; nothing else to stop at."""
    patterns = " ".join(f"?s{i} ?p{i} ?o{i} ." for i in range(6))
    total = " + ".join(f"?o{i}" for i in range(6))
    return f"SELECT ?s0 WHERE {{ GRAPH <{graph}> {{ {patterns} }} FILTER({total} = -1) }}"


@pytest.fixture
def store(tmp_path):
    store = OxigraphStore(tmp_path / "store", base_iri=BASE, query_timeout=LIMIT, query_processes=3)
    store.add_articles([("a1b2c3d4e5f60001", to_graph(wipo_extraction(), base_iri=BASE))])
    triples = " ".join(f"<urn:t:e{i}> <urn:t:p{i % 5}> {i} ." for i in range(100))
    store.update(f"INSERT DATA {{ GRAPH <urn:t:runaway> {{ {triples} }} }}")
    try:
        yield store
    finally:
        store.close()


def alive(pid: int) -> bool:
    """Whether the process exists and is not a zombie waiting to be reaped."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_queries_answer_from_the_child_and_see_every_write(store):
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <urn:t:more> { ?s ?p ?o } }"
    assert json.loads(store.query(count).body)["results"]["bindings"][0]["n"]["value"] == "0"
    store.update("INSERT DATA { GRAPH <urn:t:more> { <urn:t:a> <urn:t:b> 1 } }")
    assert json.loads(store.query(count).body)["results"]["bindings"][0]["n"]["value"] == "1"
    store.add_articles([("a1b2c3d4e5f60002", to_graph(second_extraction(), base_iri=BASE))])
    ask = f"ASK {{ GRAPH <{store.graph_iri('a1b2c3d4e5f60002')}> {{ ?s ?p ?o }} }}"
    assert store.query(ask).boolean is True
    store.delete_article("a1b2c3d4e5f60002")
    assert store.query(ask).boolean is False
    assert store.query_process_ids(), "the query did not run in a child process"
    assert os.getpid() not in store.query_process_ids()


def test_a_syntax_error_is_a_bad_query_and_the_child_answers_the_next_query(store):
    with pytest.raises(BadQuery, match="syntax"):
        store.query("SELECT * WHERE { ?s ?p }")
    assert store.query("ASK { ?s ?p ?o }").boolean is True


def test_a_stopped_query_is_killed_at_the_limit(store):
    seen: list[int] = []

    def watch() -> None:
        deadline = time.monotonic() + LIMIT
        while time.monotonic() < deadline and not seen:
            seen.extend(store.query_process_ids(running=True))
            time.sleep(0.05)

    watcher = threading.Thread(target=watch)
    watcher.start()
    with pytest.raises(QueryTimeout, match="stopped"):
        store.query(runaway_query("urn:t:runaway"))
    watcher.join()
    assert seen, "no child process ran the query"
    # Killed and reaped before the 503 was raised: nothing is left running it.
    assert not any(alive(pid) for pid in seen), seen
    assert store.query("ASK { GRAPH <urn:t:runaway> { ?s ?p ?o } }").boolean is True


def test_reads_answer_while_two_runaway_queries_are_in_flight(store):
    outcomes: list[BaseException | None] = []
    running: set[int] = set()

    def runaway() -> None:
        try:
            store.query(runaway_query("urn:t:runaway"))
            outcomes.append(None)
        except QueryTimeout as exc:
            outcomes.append(exc)

    threads = [threading.Thread(target=runaway) for _ in range(2)]
    for thread in threads:
        thread.start()
    reads = 0
    try:
        while any(t.is_alive() for t in threads):
            running.update(store.query_process_ids(running=True))
            # newsgraph's own reads: an article's graph, the entity counts, a user's small query
            graph = store.get_article_graph("a1b2c3d4e5f60001")
            assert graph is not None and len(graph) > 0
            assert store.entity_counts().get("Person") == 1
            assert store.has_article("a1b2c3d4e5f60001")
            reads += 1
            time.sleep(0.05)
    finally:
        for thread in threads:
            thread.join(30)
    assert reads > 0
    assert len(outcomes) == 2 and all(isinstance(o, QueryTimeout) for o in outcomes), outcomes
    assert len(running) >= 2, running
    assert not any(alive(pid) for pid in running), running
    # A third query, from a fresh or a spare child, still answers.
    assert store.query("ASK { ?s ?p ?o }").boolean is True


def test_closing_the_store_ends_every_child(tmp_path):
    store = OxigraphStore(tmp_path / "s", base_iri=BASE, query_timeout=LIMIT, query_processes=2)
    assert store.query("ASK { ?s ?p ?o }").boolean is False
    pids = store.query_process_ids()
    assert pids
    store.close()
    assert not any(alive(pid) for pid in pids)


def test_without_query_processes_queries_run_in_this_process(tmp_path):
    store = OxigraphStore(tmp_path / "s", base_iri=BASE, query_timeout=LIMIT, query_processes=0)
    try:
        assert store.query("ASK { ?s ?p ?o }").boolean is False
        assert store.query_process_ids() == []
    finally:
        store.close()


def snapshot_dirs(store: OxigraphStore) -> list:
    return sorted((store.path / SNAPSHOTS).iterdir()) if (store.path / SNAPSHOTS).is_dir() else []


def test_queries_during_steady_writes_all_answer_see_every_acknowledged_write_and_never_go_back(tmp_path):
    """The server writes articles as fast as it can while queries run in two children: every
    query answers (none stalls to its limit), sees at least every write acknowledged before
    it was asked, and a reader never sees fewer graphs than before. The children read
    snapshots, never the directory being written; old snapshots are deleted as they go."""
    store = OxigraphStore(tmp_path / "busy", base_iri=BASE, query_timeout=30, query_processes=2)
    stop = threading.Event()
    written: list[int] = []
    count = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?a a schema:NewsArticle } }"

    def write() -> None:
        # Articles written as the service writes them (each its own transaction, with the
        # totals and the default graph kept in step), not SPARQL updates, which recount all.
        for batch in range(BATCHES):
            if stop.is_set():
                return
            article_id = f"{batch + 1:016x}"
            store.add_articles([(article_id, to_graph(wipo_extraction(article_id), base_iri=BASE))])
            written.append(batch)

    assert store.query(count).body  # the children start before the writes do
    writer = threading.Thread(target=write)
    writer.start()
    counts: list[int] = []
    behind: list[tuple[int, int]] = []
    most_snapshots = 0
    try:
        while writer.is_alive():
            acknowledged = len(written)
            result = store.query(count)
            seen = int(json.loads(result.body)["results"]["bindings"][0]["n"]["value"])
            counts.append(seen)
            if seen < acknowledged:
                behind.append((acknowledged, seen))
            most_snapshots = max(most_snapshots, len(snapshot_dirs(store)))
    finally:
        stop.set()
        writer.join(60)
    try:
        final = store.query(count)
        assert int(json.loads(final.body)["results"]["bindings"][0]["n"]["value"]) == len(written) == BATCHES
        assert len(counts) > 1, "no query ran while the writer wrote"
        assert not behind, behind[:5]
        assert counts == sorted(counts), counts
        assert most_snapshots <= 2 + 1  # one per child and the newest
    finally:
        store.close()
    assert not snapshot_dirs(store)


def test_a_query_needs_a_snapshot_only_when_a_write_came_in_between(store):
    store.query("ASK { ?s ?p ?o }")
    first = snapshot_dirs(store)
    store.query("SELECT * WHERE { ?s ?p ?o } LIMIT 1")
    assert snapshot_dirs(store) == first == [first[0]]  # no write since: the same snapshot
    store.delete_article("a1b2c3d4e5f60001")
    assert store.query(f"ASK {{ GRAPH <{store.graph_iri('a1b2c3d4e5f60001')}> {{ ?s ?p ?o }} }}").boolean is False
    now = snapshot_dirs(store)
    # A new one; the old one stays only while a child (idle, which answered before) has it open.
    assert now[-1] > first[-1] and len(now) <= 2, now


def test_snapshots_left_by_a_server_that_died_are_removed_on_open(tmp_path):
    store = OxigraphStore(tmp_path / "s", base_iri=BASE, query_processes=1)
    store.add_articles([("a1b2c3d4e5f60001", to_graph(wipo_extraction(), base_iri=BASE))])
    assert store.query("ASK { ?s ?p ?o }").boolean is True
    left = snapshot_dirs(store)
    assert left
    # As a killed server leaves them: the directory copied aside before close() removes it.
    saved = tmp_path / "saved"
    shutil.copytree(tmp_path / "s" / SNAPSHOTS, saved, copy_function=os.link)
    store.close()
    shutil.copytree(saved, tmp_path / "s" / SNAPSHOTS, copy_function=os.link)
    reopened = OxigraphStore(tmp_path / "s", base_iri=BASE, query_processes=0)
    try:
        assert not snapshot_dirs(reopened)
        assert reopened.has_article("a1b2c3d4e5f60001")
    finally:
        reopened.close()


def test_a_write_holding_the_store_past_the_limit_costs_the_query_its_child_not_its_answer(store):
    """A query must see the writes acknowledged before it; when one write holds the store for
    the whole time limit no snapshot can be taken, and the server answers it itself."""
    store.query("ASK { ?s ?p ?o }")
    store.update("INSERT DATA { GRAPH <urn:t:late> { <urn:t:a> <urn:t:b> 1 } }")
    holding = threading.Event()
    release = threading.Event()

    def long_write() -> None:
        with store._write_lock:  # what a long batch does: the lock held past the limit
            holding.set()
            release.wait(30)

    holder = threading.Thread(target=long_write)
    holder.start()
    holding.wait(10)
    try:
        result = store.query("ASK { GRAPH <urn:t:late> { ?s ?p ?o } }")
    finally:
        release.set()
        holder.join(30)
    assert result.boolean is True
