"""``/articles``: post, batch-post, list, read and delete articles.

An article's id is derived from its text, so posting the same text again finds the
stored article (200) instead of writing it twice. Extraction runs in the bounded
pool; the article's graph is written in one atomic store call under the write lock.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Awaitable
from dataclasses import dataclass, field
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from fastapi.responses import JSONResponse

from ..errors import InvalidArticle, NewsgraphError, NotFound
from ..extract import ArticleInput, article_id, prepare
from ..graph import article_graph_iri, article_iri
from ..readers import ArticleJSON, ReadFailure, article_fields, html_fields, json_lines, parse_json
from .deps import ServiceState, get_state, require_article_write
from .errors import ERROR_RESPONSES, BadRequest, UnsupportedMediaType
from .models import ArticleCreated, ArticleSummary, BatchResult, Page, StoredArticle
from .negotiation import ARTICLE, negotiate
from .sparql import graph_as, media_type_of
from .views import Reader

log = logging.getLogger(__name__)
T = TypeVar("T")
router = APIRouter(tags=["Articles"], responses=ERROR_RESPONSES)

ARTICLE_ID = Path(description="The article's id (16 hex digits, derived from its text).", pattern=r"^[A-Za-z0-9._~-]{1,128}$")

_ARTICLE_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": ArticleJSON.model_json_schema()},
            "text/plain": {"schema": {"type": "string"}},
            "text/html": {"schema": {"type": "string"}, "example": "<html>...</html>"},
        },
    }
}


# --- reading what the client sent -----------------------------------------------------


def _decode(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        from ..errors import NotUtf8

        raise NotUtf8(f"the body is not valid UTF-8 ({exc.reason} at byte {exc.start})") from None


def article_from_json(value: Any, max_chars: int) -> ArticleInput:
    return prepare(max_chars=max_chars, **article_fields(value))


def _parse_json(body: bytes) -> Any:
    try:
        return parse_json(_decode(body))
    except json.JSONDecodeError as exc:
        raise BadRequest(f"the body is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except InvalidArticle as exc:  # nested thousands deep: a malformed body more than a bad article
        raise BadRequest(f"the body's JSON cannot be read: {exc.message}") from None


def read_article(request: Request, body: bytes, max_chars: int) -> ArticleInput:
    """The posted article as JSON, plain text or HTML; metadata may also come as query parameters."""
    kind = media_type_of(request)
    params = {k: request.query_params.get(k) for k in ("title", "url", "published", "source")}
    if kind == "application/json":
        value = _parse_json(body)
        return article_from_json(value, max_chars)
    if kind == "text/plain":
        return prepare(_decode(body), max_chars=max_chars, **params)
    if kind in ("text/html", "application/xhtml+xml"):
        html = _decode(body)
        if not html.strip():
            return prepare(html, max_chars=max_chars)  # raises EmptyText
        fields = html_fields(html)
        merged = {k: params[k] or fields.get(k) for k in params}
        return prepare(fields["text"], max_chars=max_chars, **merged)
    raise UnsupportedMediaType(
        f"post the article as application/json, text/plain or text/html, not {kind or 'a body without Content-Type'}"
    )


# --- storing ----------------------------------------------------------------------------


@dataclass
class Stored:
    """What storing one article gave: ``status`` 201 (written now) or 200 (stored before)."""

    status: int
    id: str
    iri: str
    graph: str
    triples: int
    # The answer: for 201 the Extraction's JSON plus iri, graph and triples, already
    # encoded; for 200 the stored article as the reader gives it.
    body: bytes | dict
    # Milliseconds per step, for the Server-Timing header.
    timings: dict[str, float] = field(default_factory=dict)
    # Components that failed on the article ({"component", "error"}): stored without their facts.
    warnings: list[dict] = field(default_factory=list)

    def server_timing(self) -> str:
        return ", ".join(f"{step};dur={ms:.1f}" for step, ms in self.timings.items())


def created_json(extraction_json: bytes, **fields: Any) -> bytes:
    """The Extraction's JSON object with ``fields`` added at its end, as one JSON object."""
    extra = json.dumps(fields, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")
    return extraction_json[:-1] + b"," + extra[1:]  # both are non-empty objects: '{...}'


async def store_article(state: ServiceState, item: ArticleInput) -> Stored:
    """Extract and store one article, unless the same text is stored already."""
    store = state.get_store()
    reader = Reader(store, state.settings.base_iri, state.settings.query_timeout)
    aid = article_id(item.text)

    async def existing() -> Stored:
        stored = await state.read(reader.article, aid)
        return Stored(200, aid, stored["iri"], stored["graph"], stored["triples"], stored)

    started = time.perf_counter()
    if await state.read(store.has_article, aid):
        return await existing()
    checked = time.perf_counter()
    extracted_now = await state.extract(item)
    extraction_json, triples, timings = extracted_now.json, extracted_now.triples, extracted_now.timings
    extracted = time.perf_counter()

    def write() -> int | None:
        # Checked again under the lock: the same text may have been posted twice at once.
        if store.has_article(aid):
            return None
        return store.add_article(aid, triples)

    written = await state.write(write)
    if written is None:
        return await existing()
    stored = time.perf_counter()
    timings = {"check": (checked - started) * 1000, **timings, "store": (stored - extracted) * 1000}
    log.info("stored article %s (%d triples)", aid, written)
    log.debug("article %s: %s", aid, ", ".join(f"{step} {ms:.1f} ms" for step, ms in timings.items()))
    iri, graph = str(article_iri(aid, state.settings.base_iri)), str(triples.identifier)
    body = created_json(extraction_json, iri=iri, graph=graph, triples=written)
    return Stored(201, aid, iri, graph, written, body, timings, list(extracted_now.warnings))


# --- a client that goes away ------------------------------------------------------------


class ClientGone(NewsgraphError):
    """The client closed the connection before the answer: its work was dropped. Nobody reads
    this answer; the status (nginx's 499) marks the request in the access log."""

    code = "client_closed_request"
    status = 499


async def _disconnected(request: Request) -> None:
    """Returns once the client has gone (the body has been read: only a disconnect comes next)."""
    while True:
        message = await request.receive()
        if message["type"] == "http.disconnect":
            return


async def unless_client_leaves[T](request: Request, work: Awaitable[T]) -> T:
    """Run ``work``; cancel it when the client disconnects first (an article still queued
    is dropped, one being extracted is stopped, nothing is stored) and raise :class:`ClientGone`."""
    task = asyncio.ensure_future(work)
    watcher = asyncio.ensure_future(_disconnected(request))
    try:
        await asyncio.wait({task, watcher}, return_when=asyncio.FIRST_COMPLETED)
    except asyncio.CancelledError:
        task.cancel()
        raise
    finally:
        watcher.cancel()
    if not task.done():
        task.cancel()
        try:
            await task
        except (asyncio.CancelledError, Exception):
            pass
        log.info("%s %s: the client went away; its article was dropped", request.method, request.url.path)
        raise ClientGone("the client closed the connection; the work was dropped")
    return task.result()


@router.post(
    "/articles",
    status_code=201,
    summary="Extract an article and store its graph",
    openapi_extra=_ARTICLE_BODY,
    responses={
        201: {"model": ArticleCreated, "description": "Stored; Location names the article"},
        200: {"model": StoredArticle, "description": "The same text was stored before; nothing written"},
    },
    dependencies=[Depends(require_article_write)],
)
async def post_article(request: Request, state: ServiceState = Depends(get_state)) -> Response:
    """Post an article as JSON (`{"text", "title"?, "url"?, "published"?, "source"?}`), plain
    text, or HTML (its main text is extracted; scripts and markup never reach the extractor).
    For text and HTML, metadata can be given as query parameters."""
    item = read_article(request, await request.body(), state.settings.max_chars)
    stored = await unless_client_leaves(request, store_article(state, item))
    headers = {"Location": request.url_for("get_article", article_id=stored.id).path}
    if stored.timings:
        headers["Server-Timing"] = stored.server_timing()
    if isinstance(stored.body, bytes):
        return Response(stored.body, status_code=stored.status, headers=headers, media_type="application/json")
    return JSONResponse(stored.body, status_code=stored.status, headers=headers)


@router.post(
    "/articles:batch",
    summary="Extract and store many articles",
    response_model=BatchResult,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": {"type": "array", "items": ArticleJSON.model_json_schema()}},
                "application/x-ndjson": {"schema": {"type": "string"}, "example": '{"text": "..."}\n{"text": "..."}'},
            },
        }
    },
    dependencies=[Depends(require_article_write)],
)
async def post_articles_batch(request: Request, state: ServiceState = Depends(get_state)) -> BatchResult:
    """A JSON array of articles, or NDJSON (one article object per line). The answer is 200 with
    one result per article, in order: `status` 201 (stored now, with any `warnings`), 200 (stored
    before) or the error's status with `error` in the one error shape (nothing stored for it).
    One bad article does not stop the others, and exactly the articles answered 201 were
    written. A client that disconnects before the answer cancels the articles not yet stored."""
    kind = media_type_of(request)
    body = await request.body()
    reads: list[dict | NewsgraphError]
    if kind == "application/json":
        values = _parse_json(body)
        if not isinstance(values, list):
            raise BadRequest("a batch is a JSON array of article objects")
        reads = [_fields_or_error(value) for value in values]
    elif kind in ("application/x-ndjson", "application/jsonl", "application/ndjson"):
        reads = [
            _line_failure(read) if isinstance(read, ReadFailure) else read.fields
            for read in json_lines(_decode(body), "line")
        ]
    else:
        raise UnsupportedMediaType(f"post a batch as application/json (an array) or application/x-ndjson, not {kind or 'no Content-Type'}")
    items: list[ArticleInput | NewsgraphError] = []
    for read in reads:
        try:
            items.append(read if isinstance(read, NewsgraphError) else prepare(max_chars=state.settings.max_chars, **read))
        except NewsgraphError as exc:
            items.append(exc)
        except Exception:
            log.exception("reading an article of a batch failed")
            items.append(_internal_error())
    return await unless_client_leaves(request, _store_batch(state, items))


def _fields_or_error(value: Any) -> dict | NewsgraphError:
    try:
        return article_fields(value)
    except NewsgraphError as exc:
        return exc


def _line_failure(failure: ReadFailure) -> NewsgraphError:
    """An NDJSON line that is no article: its own error (422 with details), else 400 (not JSON)."""
    return failure.exception or BadRequest(failure.error)


def _internal_error() -> NewsgraphError:
    error = NewsgraphError("the server failed on this article; see its log")
    error.code = "internal_error"
    return error


def _failed(index: int, exc: NewsgraphError) -> dict:
    return {"index": index, "status": exc.status,
            "error": {"code": exc.code, "message": exc.message, "detail": exc.detail}}


async def _store_batch(state: ServiceState, items: list[ArticleInput | NewsgraphError]) -> BatchResult:
    # Distinct articles are extracted concurrently (the pool bounds how many at once);
    # results are reported in the request's order, a repeat within the batch as 200.
    tasks: dict[str, asyncio.Task] = {}
    for item in items:
        if isinstance(item, ArticleInput) and article_id(item.text) not in tasks:
            tasks[article_id(item.text)] = asyncio.ensure_future(store_article(state, item))
    try:
        # Every article's outcome is known before the answer is written: what the answer
        # says was stored is what was stored.
        await asyncio.wait(tasks.values()) if tasks else None
    except asyncio.CancelledError:  # the client went away: drop what is not done
        for task in tasks.values():
            task.cancel()
        raise
    results, reported = [], set()
    for index, item in enumerate(items):
        if isinstance(item, NewsgraphError):
            results.append(_failed(index, item))
            continue
        aid = article_id(item.text)
        task = tasks[aid]
        if task.exception() is not None:
            exc = task.exception()
            if not isinstance(exc, NewsgraphError):
                # A bug, not the article's fault: said once in the log, this item only in the answer.
                if aid not in reported:
                    log.error("storing article %s of a batch failed", aid, exc_info=exc)
                exc = _internal_error()
            reported.add(aid)
            results.append(_failed(index, exc))
            continue
        stored = task.result()
        status = 200 if aid in reported else stored.status
        reported.add(aid)
        results.append({"index": index, "status": status, "id": stored.id, "iri": stored.iri,
                        "graph": stored.graph, "triples": stored.triples,
                        "warnings": stored.warnings if status == 201 else []})
    return BatchResult(
        created=sum(r["status"] == 201 for r in results),
        existing=sum(r["status"] == 200 for r in results),
        failed=sum(r["status"] >= 400 for r in results),
        results=results,
    )


@router.get("/articles", summary="Stored articles, newest first", response_model=Page[ArticleSummary])
async def list_articles(
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000_000)] = 0,
    state: ServiceState = Depends(get_state),
) -> dict:
    store = state.get_store()

    def read() -> dict:
        records = store.list_articles(limit=limit, offset=offset)
        items = [
            {"id": r.id, "iri": r.iri, "graph": r.graph, "title": r.title, "url": r.url,
             "published": r.published, "triples": r.triples}
            for r in records
        ]
        return {"items": items, "total": len(store.article_ids()), "limit": limit, "offset": offset}

    return await state.read(read)


@router.get(
    "/articles/{article_id}",
    summary="One stored article: JSON, or its named graph as RDF",
    response_model=StoredArticle,
    responses={200: {"content": {m: {} for m in ARTICLE}, "description": "The article"}},
)
async def get_article(
    request: Request,
    article_id: Annotated[str, ARTICLE_ID],
    state: ServiceState = Depends(get_state),
) -> Response:
    """JSON by default; `text/turtle`, `application/ld+json`, `application/n-triples` or
    `application/trig` by `Accept` give the article's named graph."""
    media = negotiate(request.headers.get("accept"), ARTICLE, use_aliases=False)
    store = state.get_store()
    reader = Reader(store, state.settings.base_iri, state.settings.query_timeout)
    if ARTICLE[media] == "json":
        return JSONResponse(await state.read(reader.article, article_id))
    graph = str(article_graph_iri(article_id, state.settings.base_iri))

    def read() -> bytes:
        if not store.has_article(article_id):
            raise NotFound(f"no article {article_id} in the store")
        construct = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
        return graph_as(store, construct, ARTICLE[media], graph)

    return Response(await state.read(read), media_type=media)


@router.delete(
    "/articles/{article_id}",
    status_code=204,
    summary="Delete an article's graph",
    dependencies=[Depends(require_article_write)],
)
async def delete_article(article_id: Annotated[str, ARTICLE_ID], state: ServiceState = Depends(get_state)) -> Response:
    store = state.get_store()
    if not await state.write(store.delete_article, article_id):
        raise NotFound(f"no article {article_id} in the store")
    return Response(status_code=204)
