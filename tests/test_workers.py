"""What extraction hands the store: the triples of to_graph(), also after crossing from a worker process."""

import asyncio
import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from api_helpers import fresh_store, settings
from fastapi.testclient import TestClient
from graph_examples import BASE, EXAMPLES
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from newsgraph.api import create_app
from newsgraph.api.articles import created_json
from newsgraph.errors import ExtractionTimeout, ExtractionUnavailable
from newsgraph.extract import prepare
from newsgraph.graph import ArticleGraph, PrewrittenGraph, as_rdflib_graph, to_graph
from newsgraph.schema import Extraction
from newsgraph.workers import (
    Extracted,
    ProcessExtractor,
    ReceivedTriples,
    Triples,
    article_triples,
    extract_with,
)

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def assert_same_graph(actual: Graph, expected: Graph) -> None:
    if isomorphic(actual, expected):
        return
    _, only_actual, only_expected = graph_diff(to_isomorphic(actual), to_isomorphic(expected))
    lines = ["graphs differ"]
    lines += ["  only in the triples: " + " ".join(term.n3() for term in t) for t in sorted(only_actual)]
    lines += ["  only in to_graph(): " + " ".join(term.n3() for term in t) for t in sorted(only_expected)]
    pytest.fail("\n".join(lines))


def assert_same_triples(triples: Triples, graph: Graph) -> None:
    assert triples.identifier == graph.identifier
    assert len(triples) == len(set(triples)) == len(graph)  # no triple twice, as in a Graph
    assert_same_graph(as_rdflib_graph(triples), graph)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_article_triples_are_to_graphs_triples(name):
    extraction = EXAMPLES[name]()
    assert_same_triples(article_triples(extraction, BASE), to_graph(extraction, base_iri=BASE))


def test_every_triples_form_is_an_article_graph_and_only_worker_replies_are_prewritten():
    extraction = EXAMPLES[sorted(EXAMPLES)[0]]()
    sent = article_triples(extraction, BASE)
    received = pickle.loads(pickle.dumps(sent))
    graph = to_graph(extraction, base_iri=BASE)
    for form in (sent, received, graph):
        assert isinstance(form, ArticleGraph)
    assert isinstance(received, PrewrittenGraph)
    assert not isinstance(graph, PrewrittenGraph)
    assert not isinstance([("s", "p", "o")], ArticleGraph)  # no identifier: not an article's graph


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_triples_survive_the_trip_from_a_worker_process(name):
    extraction = EXAMPLES[name]()
    received = pickle.loads(pickle.dumps(article_triples(extraction, BASE)))
    assert isinstance(received, ReceivedTriples)
    assert_same_triples(received, to_graph(extraction, base_iri=BASE))


def test_pickled_terms_keep_datatype_language_and_lexical_form():
    from rdflib.namespace import XSD

    s, p = URIRef("https://example.org/s"), URIRef("https://example.org/p")
    objects = [Literal("1.50", datatype=XSD.decimal), Literal(3), Literal(True), Literal("Genève", lang="fr"),
               Literal("plain"), Literal("2025-09-02", datatype=XSD.date), URIRef("https://example.org/o")]
    sent = Triples([(s, p, o) for o in objects], URIRef("https://example.org/graph/x"))
    received = pickle.loads(pickle.dumps(sent))
    assert received == sent and received.identifier == sent.identifier
    for before, after in zip(sent, received):
        assert type(after[2]) is type(before[2]) and after[2].n3() == before[2].n3()


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_received_triples_are_stored_as_the_triples_sent(name):
    # The embedded store writes received triples from their plain forms, not rdflib terms.
    extraction = EXAMPLES[name]()
    sent = article_triples(extraction, BASE)
    received = pickle.loads(pickle.dumps(sent))
    s = settings()
    from_terms, from_plain = fresh_store(s), fresh_store(s)
    from_terms.add_article("a", sent)
    from_plain.add_article("a", received)
    assert_same_graph(from_plain.get_article_graph("a"), from_terms.get_article_graph("a"))
    assert from_plain.stats() == from_terms.stats()  # the entity totals too


def test_received_literals_keep_quotes_backslashes_lines_and_languages():
    from rdflib.namespace import XSD

    s, p = URIRef("https://example.org/s"), URIRef("https://example.org/p")
    objects = [Literal('He said "no" \\ twice\r\nthen left'), Literal("Genève", lang="fr"),
               Literal("7", datatype=XSD.integer), Literal("x", datatype=XSD.string), Literal("")]
    sent = Triples([(s, p, o) for o in objects], URIRef(f"{BASE}graph/a"))
    from_terms, from_plain = fresh_store(settings()), fresh_store(settings())
    from_terms.add_article("a", sent)
    from_plain.add_article("a", pickle.loads(pickle.dumps(sent)))
    assert set(from_plain.get_article_graph("a")) == set(from_terms.get_article_graph("a"))
    assert Literal('He said "no" \\ twice\r\nthen left') in set(from_plain.get_article_graph("a").objects())


def test_received_iris_that_would_break_out_of_the_update_are_refused():
    from newsgraph.errors import StoreError

    bad = URIRef("https://example.org/x> } ; DROP ALL ; INSERT DATA { <https://example.org/y")
    sent = Triples([(bad, URIRef("https://example.org/p"), Literal(1))], URIRef(f"{BASE}graph/a"))
    stored = fresh_store(settings())
    with pytest.raises(StoreError, match="not a valid IRI"):
        stored.add_article("a", pickle.loads(pickle.dumps(sent)))
    assert not stored.has_article("a")


def test_blank_nodes_are_refused_rather_than_merged_across_articles():
    sent = Triples([(BNode(), URIRef("https://example.org/p"), Literal(1))], URIRef("https://example.org/graph/x"))
    with pytest.raises(TypeError, match="blank"):
        pickle.dumps(sent)


def test_created_json_adds_fields_to_the_extractions_object():
    body = created_json('{"article":{"id":"x","title":"Genève"},"entities":[]}'.encode(), iri="https://e.org/é", triples=3)
    assert json.loads(body) == {"article": {"id": "x", "title": "Genève"}, "entities": [], "iri": "https://e.org/é", "triples": 3}


@pytest.mark.model
@pytest.mark.parametrize("sample", sorted(p.name for p in SAMPLES.glob("*.txt")))
def test_extraction_with_the_model_maps_like_to_graph(nlp, sample):
    item = prepare((SAMPLES / sample).read_text(encoding="utf-8"))
    extracted = extract_with(nlp, item, BASE)
    extraction_json, triples, timings = extracted.json, extracted.triples, extracted.timings
    assert extracted.warnings == [] and extracted.tracebacks == []
    assert set(timings) == {"extract", "map"} and all(ms >= 0 for ms in timings.values())
    extraction = Extraction.model_validate_json(extraction_json)
    assert_same_triples(pickle.loads(pickle.dumps(triples)), to_graph(extraction, base_iri=BASE))


@pytest.mark.model
def test_posted_article_is_stored_as_to_graph_maps_it(nlp):
    s = settings()
    text = (SAMPLES / "wire_rail_link.txt").read_text(encoding="utf-8")
    with TestClient(create_app(s, store=fresh_store(s), nlp=nlp), raise_server_exceptions=False) as c:
        created = c.post("/articles", content=text.encode(), headers={"content-type": "text/plain"})
        assert created.status_code == 201, created.text
        body = created.json()
        stored = c.get(created.headers["location"], headers={"accept": "application/n-triples"})
        assert stored.status_code == 200
    # The answer is the Extraction's JSON (written in the worker) with iri, graph and triples added.
    assert set(body) == set(Extraction.model_fields) | {"iri", "graph", "triples"}
    extraction = Extraction.model_validate({k: v for k, v in body.items() if k not in ("iri", "graph", "triples")})
    assert extraction.model_dump(mode="json") == {k: v for k, v in body.items() if k not in ("iri", "graph", "triples")}
    expected = to_graph(extraction, base_iri=s.base_iri)
    assert body["triples"] == len(expected) and body["graph"] == str(expected.identifier)
    # Compared as the store gives it back: Oxigraph writes some literals canonically ("310" for "310.0").
    reference = fresh_store(s)
    reference.add_article(extraction.article.id, expected)
    assert_same_graph(Graph().parse(data=stored.text, format="nt"), reference.get_article_graph(extraction.article.id))


# --- the worker processes ---------------------------------------------------------------


def _extract_in(extractor: ProcessExtractor, *texts: str) -> list:
    """Extract ``texts`` at once through ``extractor``; results or exceptions, in order."""

    async def run():
        return await asyncio.gather(*(extractor.extract(prepare(t), BASE) for t in texts), return_exceptions=True)

    return asyncio.run(run())


@pytest.fixture(scope="module")
def two_workers():
    # With a time limit, as the service runs them: a reply that never comes ends in a 503.
    extractor = ProcessExtractor(settings().model, workers=2, time_limit=30)
    extractor.start()
    yield extractor
    extractor.close()


def _spy_on_submissions(extractor: ProcessExtractor, monkeypatch) -> list:
    used = []
    for worker in extractor.workers:
        extract = worker.extract

        def recording(*args, _worker=worker, _extract=extract, **kwargs):
            used.append(_worker)
            return _extract(*args, **kwargs)

        monkeypatch.setattr(worker, "extract", recording)
    return used


@pytest.mark.model
def test_one_article_at_a_time_goes_to_the_worker_that_finished_last(two_workers, monkeypatch):
    used = _spy_on_submissions(two_workers, monkeypatch)
    for number in range(3):
        (result,) = _extract_in(two_workers, f"Jane Doe, chief executive of Acme Corp., spoke in Paris. Copy {number}.")
        assert isinstance(result, Extracted) and result.timings["extract"] > 0
    assert len(used) == 3 and len(set(map(id, used))) == 1
    # Two at once keep both processes busy.
    results = _extract_in(two_workers, "Acme Corp. hired 40 people in Lyon.", "Jane Doe left Acme Corp. in May.")
    assert all(isinstance(r, Extracted) for r in results)
    assert len(set(map(id, used[3:]))) == 2


@pytest.mark.model
def test_a_worker_process_that_dies_is_replaced(two_workers):
    last = two_workers._idle[-1]
    last.process.kill()
    last.process.join(10)
    (failed,) = _extract_in(two_workers, "Jane Doe spoke in Paris on Monday.")
    # Usually the dead process's pipe ends at once (ExtractionUnavailable); in CI its end of
    # file was once never seen and the article waited with no limit. Either way: a 503, and
    # the process is replaced. (Known and not understood yet: the lost end of file.)
    assert isinstance(failed, (ExtractionUnavailable, ExtractionTimeout)) and failed.status == 503
    # A new process took the dead one's place; both extract again.
    assert len(two_workers.workers) == 2 and last not in two_workers.workers
    results = _extract_in(two_workers, "Acme Corp. hired 40 people in Lyon.", "Jane Doe left Acme Corp. in May.")
    assert all(isinstance(r, Extracted) for r in results), results


@pytest.mark.model
def test_an_answer_nobody_waits_for_any_more_never_reaches_the_next_article(two_workers):
    async def run():
        given_up = asyncio.ensure_future(two_workers.extract(prepare("Acme Corp. hired 40 people in Lyon."), BASE))
        await asyncio.sleep(0.01)
        given_up.cancel()
        # Both go to the same worker (the one that finished last), after the abandoned one.
        return await two_workers.extract(prepare("Jane Doe, chief executive of Globex, spoke in Paris."), BASE)

    result = asyncio.run(run())
    names = {entity["name"] for entity in json.loads(result.json)["entities"]}
    assert "Jane Doe" in names and not {"Acme Corp.", "Acme Corp", "Lyon"} & names


@pytest.mark.model
def test_an_error_raised_in_a_worker_reaches_the_caller_and_the_worker_carries_on(two_workers):
    from newsgraph.errors import InvalidSetting

    async def run():
        with pytest.raises(InvalidSetting, match="not an absolute IRI"):
            await two_workers.extract(prepare("Jane Doe spoke in Paris."), "not an iri")
        return await two_workers.extract(prepare("Jane Doe spoke in Paris."), BASE)

    assert isinstance(asyncio.run(run()), Extracted)


def test_a_worker_that_cannot_load_its_model_is_a_clear_error():
    from newsgraph.errors import ModelNotFound

    extractor = ProcessExtractor("/nonexistent/model-path", workers=1)
    with pytest.raises(ModelNotFound, match="extraction worker process could not start"):
        extractor.start()
    assert extractor.workers == []


@pytest.mark.model
@pytest.mark.skipif(sys.platform == "win32", reason="uvloop is not on Windows")
def test_long_articles_cross_the_pipe_whole_on_uvicorns_event_loop(two_workers):
    # uvloop (what `newsgraph serve` runs on) leaves a watched pipe non-blocking: a reply
    # longer than the pipe's buffer must still be read whole.
    import uvloop

    paragraph = "Jane Doe, chief executive of Acme Corp., said on Monday that sales rose 12% to $4.5 billion in Lyon. "
    texts = [paragraph * 150 + f"Copy {number}." for number in range(3)]

    async def run():
        return await asyncio.gather(*(two_workers.extract(prepare(text), BASE) for text in texts))

    results = asyncio.run(run(), loop_factory=uvloop.new_event_loop)
    assert all(isinstance(r, Extracted) for r in results)
    assert all(len(r.json) > 65_536 for r in results)
    assert len(two_workers.workers) == 2


@pytest.mark.model
def test_shutting_down_during_an_extraction_ends_the_worker_quietly():
    extractor = ProcessExtractor(settings().model, workers=1)
    extractor.start()
    (worker,) = extractor.workers

    async def run():
        pending = asyncio.ensure_future(extractor.extract(prepare("Jane Doe spoke in Paris. " * 200), BASE))
        await asyncio.sleep(0.05)  # sent, being extracted
        extractor.close()
        pending.cancel()

    asyncio.run(run())
    assert not worker.process.is_alive()
    assert worker.process.exitcode == 0  # returned, no traceback from a broken pipe


@pytest.mark.model
@pytest.mark.skipif(not hasattr(os, "getpriority"), reason="no process priorities here")
def test_workers_extract_at_the_lowest_cpu_priority(two_workers):
    # So that the server process, answering queries, comes first on busy cores.
    assert all(os.getpriority(os.PRIO_PROCESS, worker.process.pid) == 19 for worker in two_workers.workers)


def test_a_worker_multiplies_matrices_on_one_blas_thread():
    # in a process of its own: the limit lasts for the process, as it does in a worker
    code = (
        "import numpy\n"
        "from threadpoolctl import threadpool_info\n"
        "from newsgraph.workers import one_blas_thread\n"
        "one_blas_thread()\n"
        "print([pool['num_threads'] for pool in threadpool_info() if pool['user_api'] == 'blas'])\n"
    )
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "2"}
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert json.loads(shown.stdout) == [1]
