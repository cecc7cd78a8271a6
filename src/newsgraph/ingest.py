"""Ingest articles into a store: extract facts, map them to RDF, store them.

A pure library (no CLI imports). The articles come from :mod:`newsgraph.readers`
(``.txt``, ``.json``, ``.jsonl``/``.ndjson``, ``.html`` files and folders of them). Every
article gets one :class:`ArticleOutcome`; a file that cannot be read or an article that
cannot be extracted is a failure with its reason, never the end of the batch.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import chain

from .errors import NewsgraphError
from .extract import article_id, extract_many
from .graph import ArticleTriples, to_triples
from .readers import ReadFailure, SourceItem
from .settings import Settings
from .store.base import Store

STORE_BATCH = 32  # articles per bulk write


@dataclass
class ArticleOutcome:
    source: str
    status: str  # 'stored', 'skipped' (already stored) or 'failed'
    article_id: str | None = None
    title: str | None = None
    entities: int = 0
    triples: int = 0
    error: str | None = None
    # Components that failed on a stored article ({"component", "error"}): stored without their facts.
    warnings: list[dict] = field(default_factory=list)


@dataclass
class IngestSummary:
    stored: int = 0
    skipped: int = 0
    failed: int = 0
    warned: int = 0  # stored articles some component failed on (see ArticleOutcome.warnings)
    entities: int = 0
    triples: int = 0
    failures: list[ArticleOutcome] = field(default_factory=list)
    seconds: float = 0.0
    store_seconds: float = 0.0  # time the pipeline waited for the store
    store_busy_seconds: float = 0.0  # time the store spent writing (overlaps extraction)
    graph_seconds: float = 0.0  # time spent mapping to RDF

    @property
    def articles(self) -> int:
        return self.stored + self.skipped + self.failed

    def add(self, outcome: ArticleOutcome) -> None:
        if outcome.status == "stored":
            self.stored += 1
            self.warned += bool(outcome.warnings)
            self.entities += outcome.entities
            self.triples += outcome.triples
        elif outcome.status == "skipped":
            self.skipped += 1
        else:
            self.failed += 1
            self.failures.append(outcome)


# --- Ingesting ----------------------------------------------------------------------

# An article waiting to be written: its outcome (reported once written), id and triples.
_Stored = tuple[ArticleOutcome, str, ArticleTriples]


def _id_of(item: SourceItem) -> str | None:
    text = item.fields.get("text")
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            return None  # extract() reports it
    return article_id(text) if isinstance(text, str) and text.strip() else None


def ingest(
    store: Store,
    items: Iterable[SourceItem | ReadFailure],
    *,
    settings: Settings | None = None,
    n_process: int = 1,
    replace: bool = False,
    batch_size: int = STORE_BATCH,
    on_outcome: Callable[[ArticleOutcome], None] | None = None,
    background: bool = True,
) -> IngestSummary:
    """Extract, map and store every item; returns the summary, calling ``on_outcome`` per article.

    Articles already in the store (same id) are skipped before extraction unless
    ``replace``. Writes go in bulk, ``batch_size`` articles at a time, each article
    all-or-nothing; with ``background`` they overlap the extraction of the next batch.
    """
    settings = settings or Settings()
    summary = IngestSummary()
    started = time.perf_counter()
    known = set() if replace else store.article_ids()
    pending: deque[SourceItem] = deque()
    batch: list[_Stored] = []

    def report(outcome: ArticleOutcome) -> None:
        summary.add(outcome)
        if on_outcome:
            on_outcome(outcome)

    # Writes run on one background thread while the next batch is extracted (pyoxigraph
    # releases the GIL while it writes); at most one write is in flight, and outcomes
    # are reported on this thread, in order, once their write is done.
    writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsgraph-store")
    in_flight: list[tuple[Future[float], list[_Stored]]] = []

    def write(articles: list[_Stored]) -> float:
        began = time.perf_counter()
        try:
            store.add_articles([(article, graph) for _, article, graph in articles], replace=True)
        except Exception as exc:
            message = exc.message if isinstance(exc, NewsgraphError) else f"storing failed: {type(exc).__name__}: {exc}"
            for outcome, _, _ in articles:
                outcome.status, outcome.error, outcome.triples = "failed", message, 0
        return time.perf_counter() - began

    def settle() -> None:
        """Wait for the write in flight and report its articles."""
        if not in_flight:
            return
        future, articles = in_flight.pop()
        began = time.perf_counter()
        summary.store_busy_seconds += future.result()
        summary.store_seconds += time.perf_counter() - began
        for outcome, _, _ in articles:
            report(outcome)

    def flush() -> None:
        if not batch:
            return
        settle()
        articles = list(batch)
        batch.clear()
        if background:
            in_flight.append((writer.submit(write, articles), articles))
        else:
            busy = write(articles)
            summary.store_seconds += busy
            summary.store_busy_seconds += busy
            for outcome, _, _ in articles:
                report(outcome)

    def to_extract() -> Iterator[dict]:
        for item in items:
            if isinstance(item, ReadFailure):
                report(ArticleOutcome(item.source, "failed", error=item.error))
                continue
            found = _id_of(item)
            if found is not None and found in known:
                report(ArticleOutcome(item.source, "skipped", article_id=found, title=item.fields.get("title")))
                continue
            if found is not None:
                known.add(found)  # the same text twice in one run is stored once
            pending.append(item)
            yield item.fields

    waiting = to_extract()
    first = next(waiting, None)
    # Nothing new to read (all stored already, or all unreadable): don't load the model.
    results = (
        extract_many(chain([first], waiting), n_process=n_process, settings=settings, errors="return")
        if first is not None
        else ()
    )
    for result in results:
        item = pending.popleft()
        if isinstance(result, NewsgraphError):
            report(ArticleOutcome(item.source, "failed", error=result.message))
            continue
        began = time.perf_counter()
        try:
            graph = to_triples(result, base_iri=settings.base_iri)
        except Exception as exc:
            message = exc.message if isinstance(exc, NewsgraphError) else f"mapping to RDF failed: {type(exc).__name__}: {exc}"
            report(ArticleOutcome(item.source, "failed", article_id=result.article.id, error=message))
            continue
        finally:
            summary.graph_seconds += time.perf_counter() - began
        outcome = ArticleOutcome(
            item.source, "stored", article_id=result.article.id, title=result.article.title,
            entities=len(result.entities), triples=len(graph),
            warnings=[w.model_dump() for w in result.warnings],
        )
        batch.append((outcome, result.article.id, graph))
        if len(batch) >= batch_size:
            flush()
    try:
        flush()
        settle()
    finally:
        writer.shutdown(wait=True)
    summary.seconds = time.perf_counter() - started
    return summary
