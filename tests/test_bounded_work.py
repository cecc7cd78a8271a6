"""Bounded work in the service: a time limit per article (the worker is killed and replaced,
the article refused in the one error shape, nothing stored) and no work for clients that
went away (a queued article is dropped, one being extracted is not stored)."""

from __future__ import annotations

import asyncio
import json
import time

import pytest
from api_helpers import BASE, assert_error, fresh_store, settings
from fastapi.testclient import TestClient

from newsgraph.api import create_app
from newsgraph.errors import ExtractionTimeout, ExtractionUnavailable
from newsgraph.extract import prepare
from newsgraph.workers import Extracted, ProcessExtractor

pytestmark = pytest.mark.model

PARAGRAPH = ("Ana Ruiz, finance minister of Costa Verde, said on Friday that the budget deficit fell "
             "to 3.1 percent of output in the last quarter, down from 4 percent a year earlier. ")
LONG = "\n\n".join(PARAGRAPH + f"Report {n} was filed in San Isidro." for n in range(60))


# --- ASGI calls whose client goes away -----------------------------------------------------


async def _post(app, path: str, body: dict, leave_after: float | None) -> list[dict]:
    """POST ``body`` as JSON; the client disconnects ``leave_after`` seconds after sending it
    (None: it waits for the answer)."""
    sent: list[dict] = []
    delivered = False
    answered = asyncio.Event()

    async def receive():
        nonlocal delivered
        if not delivered:
            delivered = True
            return {"type": "http.request", "body": json.dumps(body).encode(), "more_body": False}
        if leave_after is None:
            await answered.wait()
        else:
            await asyncio.sleep(leave_after)
        return {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)
        if message["type"] == "http.response.body" and not message.get("more_body"):
            answered.set()

    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
        "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
        "headers": [(b"content-type", b"application/json"), (b"host", b"testserver")],
        "client": ("127.0.0.1", 50000), "server": ("testserver", 80),
    }
    await app(scope, receive, send)
    return sent


def _status(sent: list[dict]) -> int:
    return next(m["status"] for m in sent if m["type"] == "http.response.start")


@pytest.fixture
def slow_figures(nlp, monkeypatch):
    """The figures component takes 0.8 s per article; the texts it saw are recorded."""
    figures = nlp.get_pipe("newsgraph_figures")
    inner = figures.component
    seen: list[str] = []

    def slow(doc):
        seen.append(doc.text)
        time.sleep(0.8)
        return inner(doc)

    monkeypatch.setattr(figures, "component", slow)
    return seen


def test_an_article_whose_client_left_during_extraction_is_not_stored(nlp, slow_figures):
    s = settings()
    store = fresh_store(s)
    app = create_app(s, store=store, nlp=nlp)
    sent = asyncio.run(_post(app, "/articles", {"text": PARAGRAPH}, leave_after=0.2))
    assert _status(sent) == 499  # nobody reads it; the access log shows it
    assert slow_figures == [PARAGRAPH]  # it had started
    assert store.article_ids() == set()


def test_a_dry_run_whose_client_left_is_stopped(nlp, slow_figures):
    s = settings()
    app = create_app(s, store=fresh_store(s), nlp=nlp)
    sent = asyncio.run(_post(app, "/extract", {"text": PARAGRAPH}, leave_after=0.2))
    assert _status(sent) == 499 and slow_figures == [PARAGRAPH]


def test_a_client_that_waits_gets_its_answer(nlp):
    s = settings()
    store = fresh_store(s)
    sent = asyncio.run(_post(create_app(s, store=store, nlp=nlp), "/articles", {"text": PARAGRAPH}, leave_after=None))
    assert _status(sent) == 201 and len(store.article_ids()) == 1


def test_a_queued_article_whose_client_left_is_never_extracted(nlp, slow_figures):
    s = settings(max_concurrent_extractions=1)
    store = fresh_store(s)
    app = create_app(s, store=store, nlp=nlp)
    kept, dropped = PARAGRAPH, "Tomas Lind, head of Nordport, said the harbour will close in June."

    async def run():
        first = asyncio.ensure_future(_post(app, "/articles", {"text": kept}, leave_after=None))
        await asyncio.sleep(0.1)  # the first holds the only extraction slot
        second = await _post(app, "/articles", {"text": dropped}, leave_after=0.2)
        return await first, second

    first, second = asyncio.run(run())
    assert _status(first) == 201 and _status(second) == 499
    assert slow_figures == [kept]
    assert len(store.article_ids()) == 1


def test_a_batch_whose_client_left_stores_nothing_more(nlp, slow_figures):
    s = settings(max_concurrent_extractions=1)
    store = fresh_store(s)
    app = create_app(s, store=store, nlp=nlp)
    texts = [PARAGRAPH + f" Copy {n}." for n in range(4)]

    async def run():
        sent = []
        delivered = False

        async def receive():
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": json.dumps([{"text": t} for t in texts]).encode(),
                        "more_body": False}
            await asyncio.sleep(0.3)
            return {"type": "http.disconnect"}

        async def send(message):
            sent.append(message)

        scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
                 "scheme": "http", "path": "/articles:batch", "raw_path": b"/articles:batch", "query_string": b"",
                 "root_path": "", "headers": [(b"content-type", b"application/json"), (b"host", b"t")],
                 "client": ("127.0.0.1", 1), "server": ("t", 80)}
        await app(scope, receive, send)
        return sent

    sent = asyncio.run(run())
    assert _status(sent) == 499
    assert len(slow_figures) == 1  # the first had started; the three queued were dropped
    assert store.article_ids() == set()


# --- worker processes: the time limit ------------------------------------------------------


def test_a_worker_past_the_time_limit_is_killed_replaced_and_the_article_refused():
    extractor = ProcessExtractor(settings().model, workers=1, time_limit=0.2)
    extractor.start()
    try:
        (first,) = extractor.workers

        async def run():
            with pytest.raises(ExtractionTimeout, match=r"time limit of 0\.2 s") as refused:
                await extractor.extract(prepare(LONG), BASE)
            extractor.time_limit = None
            # The next article waits for the new process instead of being refused.
            return refused.value, await extractor.extract(prepare(PARAGRAPH), BASE)

        refused, result = asyncio.run(run())
        assert refused.status == 503 and refused.code == "extraction_timeout"
        assert not first.process.is_alive()
        assert len(extractor.workers) == 1 and extractor.workers[0] is not first
        assert isinstance(result, Extracted) and json.loads(result.json)["entities"]
    finally:
        extractor.close()


def test_an_abandoned_article_does_not_keep_its_worker_past_the_grace_period():
    extractor = ProcessExtractor(settings().model, workers=1)
    extractor.ABANDON_GRACE = 0.1
    extractor.start()
    try:
        (first,) = extractor.workers

        async def run():
            abandoned = asyncio.ensure_future(extractor.extract(prepare(LONG * 3), BASE))
            await asyncio.sleep(0.2)
            abandoned.cancel()
            # The next caller waits for the replacement, then is served.
            return await extractor.extract(prepare(PARAGRAPH), BASE)

        result = asyncio.run(run())
        assert isinstance(result, Extracted)
        assert not first.process.is_alive() and extractor.workers[0] is not first
    finally:
        extractor.close()


def test_the_service_answers_503_in_the_one_shape_and_stores_nothing_past_the_limit():
    s = settings(extraction_processes=True, max_concurrent_extractions=1, extraction_timeout=0.2)
    store = fresh_store(s)
    with TestClient(create_app(s, store=store), raise_server_exceptions=False) as api:
        response = api.post("/articles", json={"text": LONG})
        error = assert_error(response, 503, "extraction_timeout")
        assert "NEWSGRAPH_EXTRACTION_TIMEOUT" in error["message"]
        assert error["detail"] == {"limit_seconds": 0.2}
        assert store.article_ids() == set()


def test_a_closed_pool_says_so():
    extractor = ProcessExtractor(settings().model, workers=1)
    extractor.description = "started"  # as if started, then every worker gone

    async def run():
        await extractor.extract(prepare(PARAGRAPH), BASE)

    with pytest.raises(ExtractionUnavailable):
        asyncio.run(run())
