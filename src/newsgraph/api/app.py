"""``create_app(settings)``: the newsgraph HTTP service on any store.

Each call builds a fresh app, so every test gets its own. The spaCy pipeline and the
store are opened once, at startup (or handed in), never per request.
"""

from __future__ import annotations

import logging
import threading
from contextlib import asynccontextmanager
from typing import Any

import anyio
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from .. import __version__
from ..settings import Settings
from . import articles, entities, export, extract, health, sparql, ui
from .deps import ServiceState
from .errors import PayloadTooLarge, error_body, install_error_handlers
from .health import describe_store

log = logging.getLogger("newsgraph.api")


class WritersSeen:
    """Notes the client of every request that may write (any method but GET, HEAD, OPTIONS)
    when its answer starts and ends, for read-your-writes (``ServiceState.stale_ok``)."""

    SAFE = frozenset({"GET", "HEAD", "OPTIONS"})

    def __init__(self, app, state: ServiceState):
        self.app = app
        self.state = state

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope.get("method", "GET") in self.SAFE:
            return await self.app(scope, receive, send)
        client = (scope.get("client") or ("",))[0] or ""

        async def noting(message):
            if message["type"] == "http.response.start" or (
                message["type"] == "http.response.body" and not message.get("more_body", False)
            ):
                self.state.wrote(client)
            await send(message)

        return await self.app(scope, receive, noting)


def _warm(store: Any) -> None:
    try:
        store.entity_ranking(limit=1)
    except Exception as exc:  # the first /entities builds it then, or reports why not
        log.debug("warming the entity ranking failed: %s", exc)

DESCRIPTION = """
Post news articles; newsgraph extracts people, organisations, places, roles, figures
and quotes with their evidence and stores each article as a named RDF graph.

* **JSON endpoints** (`/articles`, `/entities`, `/roles`, `/figures`, `/quotes`, `/stats`) for
  web developers; paginated with total counts.
* **SPARQL 1.1** at `/sparql` (the default graph is the union of every article's graph) and the
  Graph Store Protocol at `/rdf-graphs`.
* **Export** of everything at `/graph`.

Every error has the body `{"error": {"code", "message", "detail"}}`. Writes need
`Authorization: Bearer <token>` when the server has `NEWSGRAPH_API_TOKEN` set; SPARQL writes are
disabled without one.
"""


class BodyLimit:
    """Refuse request bodies over the limit with 413 before an endpoint reads them."""

    def __init__(self, app, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None:
            try:
                length = int(declared)
            except ValueError:
                length = -1
            if length < 0 or length > self.max_bytes:
                return await self._refuse(send, length)
        received = 0

        async def limited_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    # A chunked body that grows past the limit: the endpoint's read fails
                    # with the same 413 through the error handlers.
                    raise PayloadTooLarge(self._message(received), detail={"limit": self.max_bytes})
            return message

        return await self.app(scope, limited_receive, send)

    def _message(self, length: int) -> str:
        if length < 0:
            return "the Content-Length header is not a number"
        return f"the request body has {length:,} bytes; the limit is {self.max_bytes:,}"

    async def _refuse(self, send, length: int) -> None:
        import json

        status, code = (400, "bad_request") if length < 0 else (413, "payload_too_large")
        body = json.dumps(error_body(code, self._message(length), {"limit": self.max_bytes})).encode()
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})


def create_app(settings: Settings | None = None, *, store: Any = None, nlp: Any = None, close_store: bool = False) -> FastAPI:
    """The newsgraph service. ``store`` and ``nlp`` default to ``open_store(settings)`` and the
    configured spaCy pipeline, opened at startup; pass them to share or fake them in tests.
    A store the app opened, or one handed over with ``close_store=True``, is closed at shutdown."""
    settings = settings or Settings()
    state = ServiceState(settings, store=store, nlp=nlp)
    state.owns_store = state.owns_store or close_store

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        store = await anyio.to_thread.run_sync(state.get_store)
        # The embedded store ranks entities in memory: built while the model loads, not by
        # the first /entities.
        threading.Thread(target=_warm, args=(store,), name="newsgraph-warm", daemon=True).start()
        await anyio.to_thread.run_sync(state.start_extraction)
        where = f"{settings.max_concurrent_extractions} worker processes" if state.processes else "threads"
        log.info("newsgraph %s: model %s (extracting in %s), store %s", __version__,
                 state.model_description, where, describe_store(settings.store))
        try:
            yield
        finally:
            await anyio.to_thread.run_sync(state.close)

    app = FastAPI(
        title="newsgraph",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
    )
    app.state.newsgraph = state
    install_error_handlers(app)
    for module in (articles, extract, entities, sparql, export, health, ui):
        app.include_router(module.router)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(WritersSeen, state=state)
    # Added last = outermost: even a 413 from the body limit carries the CORS headers.
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "PUT", "DELETE", "OPTIONS"],
            allow_headers=["Authorization", "Content-Type", "Accept"],
            expose_headers=["Location", sparql.TRUNCATED_HEADER, sparql.ROW_LIMIT_HEADER],
        )
    return app
