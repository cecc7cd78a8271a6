"""Shared state and dependencies of the HTTP service.

One :class:`ServiceState` per app holds the settings, the store, the spaCy pipeline,
the bounded extraction pool and the write lock. Blocking work (extraction, store
calls) always runs in worker threads through the helpers here, never on the event
loop.
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

import anyio
from fastapi import Request

from ..extract import ArticleInput
from ..settings import Settings
from ..workers import Extracted, ProcessExtractor, extract_with, warm_up
from .errors import Forbidden, Unauthorized

log = logging.getLogger(__name__)
T = TypeVar("T")


class ServiceState:
    def __init__(self, settings: Settings, store: Any = None, nlp: Any = None):
        self.settings = settings
        self.store = store
        self.nlp = nlp
        self.owns_store = store is None
        # Extraction is CPU-bound: a few at a time, the rest wait their turn.
        self.extraction_limiter = anyio.CapacityLimiter(max(1, settings.max_concurrent_extractions))
        # Writes are serialised so replace-then-insert of one article never interleaves with another.
        self.write_lock = threading.Lock()
        self._open_lock = threading.Lock()
        # Without a pipeline handed in, extraction runs in worker processes (see newsgraph/workers.py).
        self.processes: ProcessExtractor | None = None
        if nlp is None and settings.extraction_processes:
            self.processes = ProcessExtractor(
                settings.model, settings.max_concurrent_extractions, settings.extraction_timeout,
                learned=settings.learned_relations,
            )
        self.model_description: str | None = None
        # Client address -> when its last request that may have written was answered: its
        # SPARQL queries see every write for query_staleness seconds after (read-your-writes).
        self._writers: dict[str, float] = {}
        self._writers_lock = threading.Lock()

    def wrote(self, client: str) -> None:
        """A request from ``client`` that may have written is being answered."""
        if self.settings.query_staleness <= 0:
            return
        now = time.monotonic()
        with self._writers_lock:
            self._writers[client] = now
            if len(self._writers) > 1000:  # forget clients whose writes every query sees by now
                cutoff = now - self.settings.query_staleness
                self._writers = {c: t for c, t in self._writers.items() if t > cutoff}

    def stale_ok(self, request: Request) -> bool:
        """Whether a SPARQL query may be answered up to query_staleness seconds behind the
        writes: not for a client that wrote within that time, nor one that asks for no-cache."""
        staleness = self.settings.query_staleness
        if staleness <= 0:
            return False
        cache = request.headers.get("cache-control", "").lower()
        if "no-cache" in cache or "max-age=0" in cache:
            return False
        client = request.client.host if request.client else ""
        with self._writers_lock:
            last = self._writers.get(client)
        return last is None or time.monotonic() - last >= staleness

    def start_extraction(self) -> None:
        """Load the model (in the worker processes, or here) before the first request."""
        if self.processes is not None:
            self.model_description = self.processes.start()
        else:
            from ..nlp.model import model_description

            warm_up(self.get_nlp())
            self.model_description = model_description(self.get_nlp())

    def close(self) -> None:
        if self.processes is not None:
            self.processes.close()
        if self.owns_store and self.store is not None:
            self.store.close()

    # --- resources, opened lazily so an app used without its lifespan still works ---
    def get_store(self):
        with self._open_lock:
            if self.store is None:
                from ..store import open_store

                self.store = open_store(self.settings)
                self.owns_store = True
            return self.store

    def get_nlp(self):
        with self._open_lock:
            if self.nlp is None:
                from ..nlp.model import load_pipeline

                self.nlp = load_pipeline(self.settings.model, learned=self.settings.learned_relations)
            return self.nlp

    # --- running blocking work off the event loop ---
    async def read(self, fn: Callable[..., T], *args: Any) -> T:
        """Run a store read in a worker thread."""
        return await anyio.to_thread.run_sync(fn, *args)

    async def write(self, fn: Callable[..., T], *args: Any) -> T:
        """Run a store write in a worker thread, one write at a time."""

        def locked() -> T:
            with self.write_lock:
                return fn(*args)

        return await anyio.to_thread.run_sync(locked)

    async def extract(self, item: ArticleInput) -> Extracted:
        """Extract one validated article: its Extraction as JSON and its graph's
        :class:`~.pool.Triples`; at most ``max_concurrent_extractions`` at a time, never on
        the event loop. The timings add ``wait`` (for a free extraction slot) and ``transfer``
        (handing the work to a worker and the result back)."""
        asked = time.perf_counter()
        async with self.extraction_limiter:
            started = time.perf_counter()
            if self.processes is not None:
                extracted = await self.processes.extract(item, self.settings.base_iri)
            else:
                extracted = await anyio.to_thread.run_sync(self._extract_sync, item)
            elapsed = (time.perf_counter() - started) * 1000
        for warning, trace in zip(extracted.warnings, extracted.tracebacks):
            # Once, here: the article is stored without this component's facts.
            log.warning("component %s failed on an article (its facts are left out): %s%s",
                        warning["component"], warning["error"], "\n" + trace.rstrip() if trace else "")
        worker = extracted.timings
        transfer = max(0.0, elapsed - worker["extract"] - worker["map"])
        return extracted._replace(timings={"wait": (started - asked) * 1000, **worker, "transfer": transfer})

    def _extract_sync(self, item: ArticleInput) -> Extracted:
        # Threads cannot be stopped: past the time limit the components still to run are
        # skipped (warnings), as in the library.
        return extract_with(self.get_nlp(), item, self.settings.base_iri, self.settings.extraction_timeout)


def store_update(store: Any, text: str) -> None:
    """Run a SPARQL Update on the store (atomic on the embedded backends)."""
    store.update(text)


# The dependencies below are async because FastAPI runs a plain ``def`` dependency in a
# worker thread: a thread hop per request for reading an attribute.


def _state(request: Request) -> ServiceState:
    return request.app.state.newsgraph


async def get_state(request: Request) -> ServiceState:
    return _state(request)


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def _token_matches(request: Request, expected: str) -> None:
    given = _bearer(request)
    if given is None:
        raise Unauthorized("this write needs 'Authorization: Bearer <token>' (the server's NEWSGRAPH_API_TOKEN)")
    # Constant-time comparison so response timing tells nothing about the token.
    if not secrets.compare_digest(given.encode("utf-8"), expected.encode("utf-8")):
        raise Forbidden("the bearer token is not the one this server accepts for writes")


async def require_article_write(request: Request) -> None:
    """Article writes: open when no token is configured, else the token is required."""
    expected = _state(request).settings.api_token
    if expected:
        _token_matches(request, expected)


def require_sparql_write(request: Request) -> None:
    """SPARQL Update and Graph Store writes: refused outright unless a token is configured."""
    expected = _state(request).settings.api_token
    if not expected:
        raise Forbidden(
            "writes through SPARQL and the Graph Store Protocol are disabled on this server; "
            "set NEWSGRAPH_API_TOKEN to enable them for holders of that token"
        )
    _token_matches(request, expected)
