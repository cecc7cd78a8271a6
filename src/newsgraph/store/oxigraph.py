"""The embedded store: a persistent pyoxigraph (RocksDB) store in a directory.

The default graph is a set: Oxigraph's own default graph holds every triple of the
named graphs except the entity totals, once however many articles state it, kept in
step by every write (see :meth:`OxigraphStore.add_articles`). Oxigraph's union default
graph would repeat a triple once per graph that states it.

Queries go straight to Oxigraph's native SPARQL engine and results are written by
its native serializers; rdflib only sees the data through :attr:`dataset` (oxrdflib
over the same store) for code that wants rdflib objects.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef

from ..errors import BadQuery, StoreError, StoreLocked
from ..graph import ArticleGraph, PrewrittenGraph
from ..ontology import PREFIXES
from .entity_index import EntityIndex, Row, graph_labels
from .interface import Store, StoreStats, check_export_format
from .registry_backends import RegistryIndex, oxigraph_load, oxigraph_operations
from .registry_keeper import Plan, RegistryKeeper
from .results import (
    DATASET_FORMATS,
    PreparedQuery,
    QueryResult,
    Runaways,
    _Stop,
    rdf_writer,
    run_with_deadline,
    serialise_result,
    syntax_error,
    write_triples,
)
from .terms import NG, RDFS, graph_prefix, literal
from .totals import rebuild_totals

log = logging.getLogger(__name__)


# Batches of new articles at least this big go through the bulk loader,
BULK_QUADS = 2_000
# in pieces of about this many quads: one loads while Python writes the next.
LOAD_CHUNK_QUADS = 30_000
LOADING_PIECES = 2
# Compact on close once this many quads came in through the bulk loader.
OPTIMIZE_AFTER_QUADS = 200_000


class TermConverter:
    """rdflib terms -> pyoxigraph terms, cached: entity IRIs, predicates, types and
    names repeat across triples and articles, and building a term costs more than a lookup."""

    LIMIT = 500_000

    def __init__(self) -> None:
        self._cache: dict = {}

    def make(self, term):
        if isinstance(term, URIRef):
            node = ox.NamedNode(str(term))
        elif isinstance(term, Literal):
            if term.language:
                node = ox.Literal(str(term), language=term.language)
            elif term.datatype:
                node = ox.Literal(str(term), datatype=self(term.datatype))
            else:
                node = ox.Literal(str(term))
        elif isinstance(term, BNode):
            node = ox.BlankNode(str(term))
        else:
            raise StoreError(f"cannot store RDF term {term!r}")
        if len(self._cache) > self.LIMIT:
            self._cache.clear()
        self._cache[term] = node
        return node

    def __call__(self, term):
        node = self._cache.get(term)
        return node if node is not None else self.make(term)

    def quads(self, graph: ArticleGraph, graph_name: str) -> list[ox.Quad]:
        name = ox.NamedNode(graph_name)
        get, make, quad = self._cache.get, self.make, ox.Quad
        out = []
        for s, p, o in graph:
            out.append(quad(get(s) or make(s), get(p) or make(p), get(o) or make(o), name))
        return out


_TIMES = ox.NamedNode(NG + "timesMentioned")
_TOTAL = ox.NamedNode(NG + "totalMentions")
_ARTICLES = ox.NamedNode(NG + "articleCount")
_NAME = ox.NamedNode("https://schema.org/name")
_TIMES_N3 = f"<{NG}timesMentioned>"
_NAME_N3 = "<https://schema.org/name>"
_TYPE_N3 = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


def _ntriples(term, triple) -> str:
    """One rdflib term in N-Triples syntax."""
    if isinstance(term, Literal):
        return literal(str(term), term.datatype and str(term.datatype), term.language)
    try:
        return term.n3()
    except Exception as exc:  # rdflib refuses to write an invalid IRI
        raise StoreError(f"cannot store the triple ({', '.join(map(str, triple))}): {exc}") from exc


class TotalsChange:
    """How one write changes the entity totals, worked out from the triples it writes and
    the counts of the graphs it replaces: far cheaper than the SPARQL that recomputes them
    (:func:`~.totals.change_totals`), which looks the articles up again. Only correct under
    the store's write lock, with the current totals read under it too."""

    NAME = "https://schema.org/name"

    def __init__(self) -> None:
        self.mentions: dict[str, int] = {}
        self.articles: dict[str, int] = {}
        self.described: dict[str, tuple[str, str]] = {}  # entity -> (type, name) in N3
        # Filled by update(): entity -> its (mentions, articles) after the write, None when it
        # leaves the totals; only the entities whose totals change.
        self.after: dict[str, tuple[int, int] | None] = {}

    def count(self, entity: str, mentions: int, sign: int = 1) -> None:
        """One article names ``entity`` ``mentions`` times: counted in (1) or out (-1)."""
        self.mentions[entity] = self.mentions.get(entity, 0) + sign * mentions
        self.articles[entity] = self.articles.get(entity, 0) + sign

    def describe(self, entity: str, kind: str, name: str) -> None:
        """The type and (alphabetically first) name an article gives ``entity``, in N3."""
        known = self.described.get(entity)
        self.described[entity] = (kind, min(name, known[1])) if known else (kind, name)

    def take_away(self, quads: Iterable[ox.Quad]) -> None:
        """Count out the ``ng:timesMentioned`` quads of a stored article graph."""
        for quad in quads:
            if isinstance(quad.subject, ox.NamedNode):  # an entity IRI: newsgraph writes no other
                self.count(quad.subject.value, _integer(quad.object), -1)

    def update(self, totals: str, current: dict[str, tuple[int, int, bool]]) -> str:
        """The SPARQL Update taking the totals from ``current`` (entity -> mentions, articles,
        named) to what they are after the write; empty when nothing changes."""
        removed, added, gone = [], [], []
        for entity, change in self.mentions.items():
            mentions, articles, named = current.get(entity, (0, 0, False))
            after_mentions, after_articles = mentions + change, articles + self.articles[entity]
            if (after_mentions, after_articles) == (mentions, articles):
                continue
            if after_articles <= 0:
                gone.append(entity)
                self.after[entity] = None
                continue
            self.after[entity] = (after_mentions, after_articles)
            if entity in current:
                removed.append(f"<{entity}> <{NG}totalMentions> {mentions} ; <{NG}articleCount> {articles} .")
            added.append(f"<{entity}> <{NG}totalMentions> {after_mentions} ; <{NG}articleCount> {after_articles} .")
            if not named and entity in self.described:
                kind, name = self.described[entity]
                added.append(f"<{entity}> a {kind} ; <{self.NAME}> {name} ; <{RDFS}label> {name} .")
        operations = [f"DELETE WHERE {{ GRAPH <{totals}> {{ <{entity}> ?p ?o }} }}" for entity in gone]
        if removed:
            operations.append(f"DELETE DATA {{ GRAPH <{totals}> {{\n" + "\n".join(removed) + "\n}}")
        if added:
            operations.append(f"INSERT DATA {{ GRAPH <{totals}> {{\n" + "\n".join(added) + "\n}}")
        return " ;\n".join(operations)


class _BulkLoader:
    """New article graphs through Oxigraph's bulk loader, a piece at a time in a background
    thread: ``bulk_load`` releases the GIL, so Python writes the next piece's text while the
    last one loads. The bulk loader is no transaction: :meth:`undo` removes every graph
    handed to it (all new), so a failure leaves no half-written article."""

    def __init__(self, store: ox.Store, threads: ThreadPoolExecutor):
        self._store = store
        self._threads = threads
        self._loading: list[Future] = []
        self.names: list[str] = []
        self.quads = 0

    def load(self, graphs: list[tuple[str, list[str]]]) -> None:
        # Each graph, and its triples again in the default graph (a set: repeats merge).
        pieces = []
        for name, statements in graphs:
            body = " .\n".join(statements)
            pieces.append(f"<{name}> {{\n{body} .\n}}\n{{\n{body} .\n}}\n")
        data = "".join(pieces)
        # At most LOADING_PIECES pieces loading at once keeps memory bounded.
        while len(self._loading) >= LOADING_PIECES:
            self._loading.pop(0).result()
        self.names += [name for name, _ in graphs]
        self.quads += sum(len(statements) for _, statements in graphs)
        self._loading.append(self._threads.submit(self._store.bulk_load, data.encode("utf-8"), ox.RdfFormat.TRIG, lenient=True))

    def finish(self) -> None:
        """Wait for the pieces being loaded; raises what loading one of them raised."""
        loading, self._loading = self._loading, []
        errors = []
        for future in loading:
            try:
                future.result()
            except BaseException as exc:
                errors.append(exc)
        if errors:
            raise errors[0]

    def undo(self) -> None:
        """Remove the graphs handed to the loader; the caller then recomputes the default graph."""
        try:
            self.finish()
        except BaseException:
            pass
        for name in self.names:
            try:
                self._store.remove_graph(ox.NamedNode(name))
            except OSError:
                pass


def _integer(term: object) -> int:
    """The integer a literal newsgraph wrote holds (a count or a total)."""
    if not isinstance(term, ox.Literal):
        raise StoreError(f"the store holds {term!r} where a number belongs")
    return int(term.value)


class _Wanted:
    """A snapshot a query process waits for: where to take it, then what it holds."""

    def __init__(self, target: Path):
        self.target = target
        self.done = threading.Event()
        self.generation: int | None = None
        self.error: Exception | None = None


class OxigraphStore(Store):
    """Articles in an embedded Oxigraph store; ``path=None`` keeps it in memory."""

    def __init__(
        self,
        path: str | Path | None,
        *,
        base_iri: str,
        query_timeout: float | None = 10.0,
        max_rows: int | None = 10_000,
        query_processes: int = 0,
        query_staleness: float = 0.0,
        create: bool = True,
    ) -> None:
        """``query_processes`` > 0 (a store on disk only): users' queries (:meth:`query`)
        run in that many child processes that are killed at the time limit (see
        :mod:`.query_process`); 0 runs them in threads of this process, which cannot stop them.
        ``query_staleness`` (seconds): how far behind the writes a query asked with ``stale_ok``
        may be, so query processes need a new snapshot of the store at most about that often under
        writes."""
        self.path = Path(path) if path is not None else None
        if self.path is not None and not create and not (self.path / "CURRENT").is_file():
            # RocksDB keeps a CURRENT file in every store directory.
            what = "no such directory" if not self.path.exists() else "the directory holds no newsgraph store"
            raise StoreError(f"no store at {self.path} ({what}); check --store / NEWSGRAPH_STORE, "
                             "or store articles there first with `newsgraph ingest`")
        self.base_iri = base_iri
        self.query_timeout = query_timeout
        self.max_rows = max_rows
        try:
            if self.path is not None:
                self.path.mkdir(parents=True, exist_ok=True)
            self._store = ox.Store(str(self.path)) if self.path is not None else ox.Store()
        except OSError as exc:
            if "lock" in str(exc).lower():
                raise StoreLocked(
                    f"the store in {self.path} is open in another process (stop it, or use another directory)",
                    detail=str(exc),
                ) from exc
            raise StoreError(f"cannot open the store in {self.path}: {exc}") from exc
        self._n3: dict = {}
        self._write_lock = threading.Lock()
        # The totals ranked in memory for /entities, kept in step by every write made here.
        self._index = EntityIndex(self.totals)
        self._runaways = Runaways()
        # The entity registry (newsgraph.registry): its input kept in memory, and its
        # resolved entities ranked for /entities like the totals.
        self._registry = RegistryKeeper(base_iri)
        self._registry_index = RegistryIndex(self._registry.graph)
        self._bulk_since_optimize = 0
        self._loading: ThreadPoolExecutor | None = None
        # Bumped by every write: a query then needs a newer snapshot (see query_process.py).
        self._generation = 0
        # (when, generation) of the writes of the last query_staleness seconds, and the
        # generation every write before them adds up to: what a stale_ok query must see.
        self.query_staleness = max(0.0, query_staleness)
        self._recent_writes: deque[tuple[float, int]] = deque()
        self._settled = 0
        self._recent_lock = threading.Lock()
        # A snapshot a query waits for, taken by whoever holds the write lock next (_checkpoint).
        self._wanted: _Wanted | None = None
        self._wanted_lock = threading.Lock()
        self._queries = None
        if self.path is not None:
            from .query_process import QueryProcesses, remove_snapshots

            remove_snapshots(self.path)  # left by a server that ended without closing the store
            if query_processes > 0:
                self._queries = QueryProcesses(self.path, query_processes, self._checkpoint)
        if not self._store.contains_named_graph(ox.NamedNode(self.totals)) and any(
            True for _ in self._store.named_graphs()
        ):
            # A store written before newsgraph kept totals: compute them once.
            self.rebuild_totals()
        if next(self._store.quads_for_pattern(None, None, None, ox.DefaultGraph()), None) is None and any(
            graph.value != self.totals for graph in self._store.named_graphs() if isinstance(graph, ox.NamedNode)
        ):
            # A store written before the default graph was kept as a set: fill it once.
            with self._write_lock:
                self._resync_default()

    @property
    def inner(self) -> ox.Store:
        """The pyoxigraph store itself."""
        return self._store

    @property
    def dataset(self) -> Dataset:
        """An rdflib Dataset over the same data (its default graph: the set union of the
        article graphs), via oxrdflib."""
        from oxrdflib import OxigraphStore as RdflibOxigraph

        return Dataset(store=RdflibOxigraph(store=self._store), default_union=False)

    # --- writes -------------------------------------------------------------------
    def add_articles(self, articles: Iterable[tuple[str, ArticleGraph]], *, replace: bool = True) -> int:
        fresh: list[tuple[str, list[str]]] = []  # (graph IRI, "subject predicate object" in N-Triples terms)
        fresh_quads = 0
        replaced: list[tuple[str, list[str]]] = []
        written = 0
        change = TotalsChange()
        loader: _BulkLoader | None = None
        with self._write_lock:
            seen: set[str] = set()
            written_graphs: list[ox.NamedNode] = []
            labelled = self._index.wants_labels()
            dropped_labels: list[tuple[str, str]] = []
            registry_articles = []  # --- registry hook: what each written article names
            try:
                if not self._registry.loaded:
                    oxigraph_load(self._registry, self._store, self.base_iri)
                for article_id, graph in articles:
                    name = self.graph_iri(article_id)
                    if name in seen:
                        continue
                    seen.add(name)
                    node = ox.NamedNode(name)
                    exists = self._store.contains_named_graph(node)
                    if exists and not replace:
                        continue
                    registry_articles.append(self._registry.article(graph, name))
                    statements = self._statements(graph, change)
                    written += len(statements)
                    written_graphs.append(node)
                    if exists:
                        change.take_away(self._store.quads_for_pattern(None, _TIMES, None, node))
                        if labelled:
                            dropped_labels += graph_labels(self._store, node)
                        replaced.append((name, statements))
                        continue
                    fresh.append((name, statements))
                    fresh_quads += len(statements)
                    if self.path is not None and fresh_quads >= LOAD_CHUNK_QUADS:
                        loader = loader or self._bulk_loader()
                        loader.load(fresh)
                        fresh, fresh_quads = [], 0
                # Big batches of new articles go to the bulk loader (sorted files handed to
                # RocksDB, several times faster than a transaction on disk); the rest, and
                # every replacement, in one update.
                if fresh and self.path is not None and (loader or (not replaced and fresh_quads >= BULK_QUADS)):
                    loader = loader or self._bulk_loader()
                    loader.load(fresh)
                    fresh = []
                # Read while the last piece loads: the loader does not touch the totals.
                totals = change.update(self.totals, self._current_totals(change.mentions))
                if loader is not None:
                    loader.finish()
                    self._bulk_since_optimize += loader.quads
                operations = []
                if replaced:
                    orphaned = self._orphaned([name for name, _ in replaced])
                    if orphaned:
                        operations.append("DELETE DATA {\n" + orphaned + "}")
                operations += [f"DROP SILENT GRAPH <{name}>" for name, _ in replaced]
                registry = self._registry.plan(registry_articles)  # --- registry hook
                operations += oxigraph_operations(self._registry, registry)
                if replaced or fresh:
                    bodies = [(name, "".join(f"{statement} .\n" for statement in statements))
                              for name, statements in replaced + fresh]
                    # Each graph, and its triples again in the default graph.
                    blocks = "\n".join(f"GRAPH <{name}> {{\n{body}}}\n{body}" for name, body in bodies)
                    operations.append(f"INSERT DATA {{\n{blocks}\n}}")
                operations += [totals] if totals else []
                if operations:
                    # One update = one transaction: old graphs go, new graphs arrive and the
                    # totals follow, all together or not at all.
                    self._store.update(" ;\n".join(operations))
                registry.commit()
                if registry:
                    self._registry_index.drop()
                self._wrote()
                added_labels = [pair for node in written_graphs for pair in graph_labels(self._store, node)] if labelled else []
                self._index.apply(self._store, change.after, added_labels, dropped_labels)
            except BaseException as exc:
                self._index.drop()  # rebuilt from the store by the next read that needs it
                self._registry.drop()
                self._registry_index.drop()
                if loader is not None:
                    loader.undo()
                    try:
                        self._resync_default()
                    except StoreError:
                        pass
                self._wrote()  # after the undo: the next snapshot holds the final state
                if isinstance(exc, (OSError, SyntaxError, ValueError)):
                    raise StoreError(f"writing to the store failed: {exc}") from exc
                raise
        return written

    def _wrote(self) -> None:
        """After a write, under the write lock: the next query that must see it runs on a new
        snapshot (see :mod:`.query_process`)."""
        self._generation += 1
        if self.query_staleness > 0:
            with self._recent_lock:
                self._recent_writes.append((time.monotonic(), self._generation))
                self._settle(time.monotonic())
        if self._wanted is not None:
            self._take_wanted()

    def _settle(self, now: float) -> int:
        """The generation of the writes acknowledged ``query_staleness`` seconds or more before
        ``now`` (under _recent_lock)."""
        cutoff = now - self.query_staleness
        while self._recent_writes and self._recent_writes[0][0] <= cutoff:
            self._settled = self._recent_writes.popleft()[1]
        return self._settled

    def _checkpoint(self, target: Path, wait: float | None) -> int | None:
        """A snapshot of the store for the query processes: a RocksDB checkpoint into
        ``target`` taken under the write lock, so it holds every acknowledged write and no
        part of one in flight (a bulk load's pieces, an update's resync). Returns the write
        counter it holds, or None when no write let it in within ``wait`` seconds.

        Under steady writes the lock is rarely free (a releasing writer takes it straight
        back), so the request is also left for the writer: the next write to finish takes it
        before letting the lock go (:meth:`_wrote`), and no query waits more than one write."""
        wanted = _Wanted(target)
        with self._wanted_lock:
            self._wanted = wanted
        deadline = None if wait is None else time.monotonic() + wait
        while not wanted.done.is_set():
            if self._write_lock.acquire(timeout=0.02):
                try:
                    self._take_wanted()
                finally:
                    self._write_lock.release()
            elif deadline is not None and time.monotonic() >= deadline:
                with self._wanted_lock:
                    if self._wanted is wanted:  # no writer took it up: give up
                        self._wanted = None
                        return None
                wanted.done.wait()  # a writer is taking it now
        if wanted.error is not None:
            raise wanted.error
        return wanted.generation

    def _take_wanted(self) -> None:
        """Take the snapshot a query waits for, if any (under the write lock). A failure is
        the query's to report, never the write's."""
        with self._wanted_lock:
            wanted, self._wanted = self._wanted, None
        if wanted is None:
            return
        try:
            store = getattr(self, "_store", None)
            if store is None:
                raise StoreError("the store is closed")
            store.backup(str(wanted.target))
            wanted.generation = self._generation
        except Exception as exc:
            wanted.error = exc
        finally:
            wanted.done.set()

    def _orphaned(self, names: list[str]) -> str:
        """The default-graph triples of the graphs ``names`` that no other named graph (the
        totals aside) states, in N-Triples: what leaves the default graph when those graphs
        go. (A replacement then inserts its new triples again in the same update.)

        Index lookups stop at the first other graph holding a triple, so a type or name
        that thousands of articles state costs one step."""
        gone = set(names) | {self.totals, self._registry.graph}
        lines: dict[str, None] = {}
        for name in names:
            for quad in self._store.quads_for_pattern(None, None, None, ox.NamedNode(name)):
                triple = quad.triple
                if isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode):
                    continue  # DELETE DATA cannot name one (article graphs have none; an update resyncs)
                for other in self._store.quads_for_pattern(triple.subject, triple.predicate, triple.object, None):
                    graph = other.graph_name
                    if isinstance(graph, ox.NamedNode) and graph.value not in gone:
                        break
                else:
                    lines[f"{triple.subject} {triple.predicate} {triple.object} .\n"] = None
        return "".join(lines)

    def _resync_default(self) -> None:
        """Recompute the default graph from the named graphs (after writes newsgraph did not
        make itself, such as a SPARQL Update): the set of their triples, the totals aside."""
        try:
            self._store.update(
                "DROP SILENT DEFAULT ;\n"
                f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                f"FILTER(?g != <{self.totals}> && ?g != <{self._registry.graph}>) }}"
            )
        except OSError as exc:
            raise StoreError(f"rebuilding the default graph failed: {exc}") from exc

    def _bulk_loader(self) -> _BulkLoader:
        if self._loading is None:  # threads made on the first big batch, kept until close()
            self._loading = ThreadPoolExecutor(max_workers=LOADING_PIECES, thread_name_prefix="newsgraph-bulk-load")
        return _BulkLoader(self._store, self._loading)

    def _current_totals(self, entities: Iterable[str]) -> dict[str, tuple[int, int, bool]]:
        """Entity -> (total mentions, articles, whether it has a name) for those with totals.

        Index lookups per entity: a SPARQL VALUES join over the totals graph scans all of it."""
        graph = ox.NamedNode(self.totals)
        found = {}
        for entity in entities:
            node = ox.NamedNode(entity)
            mentions = next(self._store.quads_for_pattern(node, _TOTAL, None, graph), None)
            articles = next(self._store.quads_for_pattern(node, _ARTICLES, None, graph), None)
            if mentions is None or articles is None:
                continue
            named = next(self._store.quads_for_pattern(node, _NAME, None, graph), None) is not None
            found[entity] = (_integer(mentions.object), _integer(articles.object), named)
        return found

    def _statements(self, graph: ArticleGraph, change: TotalsChange) -> list[str]:
        """The graph's triples as "subject predicate object" in N-Triples terms, counting its
        mentions into ``change`` on the way. Triples that come written already (an
        ``ntriples_terms()`` method, as the service's worker processes send them) are taken
        as they are."""
        written = graph.ntriples_terms() if isinstance(graph, PrewrittenGraph) else self._written(graph)
        statements = []
        names: dict[str, list[str]] = {}
        kinds: dict[str, str] = {}
        for subject, predicate, value in written:
            if predicate == _TIMES_N3:
                change.count(subject[1:-1], int(value[1 : value.index('"', 1)]))
            elif predicate == _NAME_N3:
                names.setdefault(subject, []).append(value)
            elif predicate == _TYPE_N3:
                kinds[subject] = value
            statements.append(f"{subject} {predicate} {value}")
        for subject, given in names.items():
            if subject in kinds:
                change.describe(subject[1:-1], kinds[subject], min(given))
        return statements

    def _written(self, graph: ArticleGraph) -> Iterator[tuple[str, str, str]]:
        """Each triple's terms in N-Triples syntax.

        IRIs' N-Triples forms are cached across articles by their plain string: entity IRIs,
        predicates and classes repeat, and hashing rdflib terms costs more than writing them.
        """
        iris = self._n3
        if len(iris) > TermConverter.LIMIT:
            iris.clear()
        get = iris.get
        for triple in graph:
            s, p, o = triple
            # Unrolled, with the common case (an IRI seen before) first: this loop runs for
            # every triple stored.
            subject = get(str(s)) if type(s) is URIRef else None
            if subject is None:
                subject = _ntriples(s, triple)
                if type(s) is URIRef:
                    iris[str(s)] = subject
            predicate = get(str(p))
            if predicate is None:
                predicate = iris[str(p)] = _ntriples(p, triple)
            value = get(str(o)) if type(o) is URIRef else None
            if value is None:
                value = _ntriples(o, triple)
                if type(o) is URIRef:
                    iris[str(o)] = value
            yield subject, predicate, value

    def update(self, sparql: str) -> None:
        with self._write_lock:
            try:
                self._store.update(sparql)  # one transaction: all of it or nothing
            except SyntaxError as exc:
                raise BadQuery(f"SPARQL syntax error: {exc}") from exc
            except RuntimeError as exc:
                # The update's own failure ("CLEAR GRAPH <g>" on a graph that does not
                # exist, CREATE of one that does): the request's doing, nothing was changed.
                raise BadQuery(f"the update could not be run: {exc}") from exc
            except OSError as exc:
                raise StoreError(f"the store failed: {exc}") from exc
            # The update may have changed articles in any way: the default graph (where an
            # update without GRAPH writes) is the named graphs' union again, and the totals are
            # counted afresh (that last step moves the write counter on for the query processes).
            self._resync_default()
            self._rebuild_totals(sparql)
            self._repair_registry()  # --- registry hook: set right from the articles now

    def rebuild_totals(self) -> None:
        """Compute every entity's mention totals afresh from the article graphs."""
        with self._write_lock:
            self._rebuild_totals()
            self._repair_registry()

    def _rebuild_totals(self, sparql: str = "") -> None:
        try:
            self._store.update(rebuild_totals(self.totals))
        except OSError as exc:
            raise StoreError(f"counting mentions in the store failed: {exc}") from exc
        finally:
            self._wrote()  # the user's update that comes before this, if any
            self._index.drop()  # any entity may have changed: built afresh when next read
            self._registry.drop()  # read again (and set right) by the next write
            self._registry_index.drop()

    def delete_article(self, article_id: str) -> bool:
        name = ox.NamedNode(self.graph_iri(article_id))
        with self._write_lock:
            if not self._store.contains_named_graph(name):
                return False
            try:
                # One transaction: the article's counts leave the totals with its graph.
                change = TotalsChange()
                change.take_away(self._store.quads_for_pattern(None, _TIMES, None, name))
                totals = change.update(self.totals, self._current_totals(change.mentions))
                dropped_labels = graph_labels(self._store, name) if self._index.wants_labels() else []
                operations = [totals] if totals else []
                orphaned = self._orphaned([name.value])
                if orphaned:  # its triples no other graph states leave the default graph
                    operations.append("DELETE DATA {\n" + orphaned + "}")
                if not self._registry.loaded:  # --- registry hook
                    oxigraph_load(self._registry, self._store, self.base_iri)
                registry = self._registry.plan(removed=[name.value])
                operations += oxigraph_operations(self._registry, registry)
                operations.append(f"DROP GRAPH <{name.value}>")
                text = " ;\n".join(operations)
                self._store.update(text)
                registry.commit()
                self._registry_index.drop()
                self._wrote()
                self._index.apply(self._store, change.after, removed=dropped_labels)
            except BaseException as exc:
                self._index.drop()
                self._registry.drop()
                self._registry_index.drop()
                if isinstance(exc, OSError):
                    raise StoreError(f"deleting from the store failed: {exc}") from exc
                raise
        return True

    def clear(self) -> None:
        with self._write_lock:
            try:
                self._store.clear()
            finally:
                self._wrote()
                self._index.drop()
                self._registry.drop()
                self._registry_index.drop()

    def optimize(self) -> None:
        """Compact the on-disk files; worth it after a large bulk load, before heavy querying."""
        with self._write_lock:
            try:
                self._store.optimize()
                self._wrote()
                self._bulk_since_optimize = 0
            except OSError as exc:
                raise StoreError(f"compacting the store failed: {exc}") from exc

    # --- reads --------------------------------------------------------------------
    def article_graphs(self) -> list[str]:
        return [g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode)]

    def stats(self) -> StoreStats:
        # Counting every quad with SPARQL takes seconds at a million; Oxigraph's own count
        # is a fraction of that, less the few graphs that are not articles.
        prefix = graph_prefix(self.base_iri)
        graphs = self.article_graphs()
        articles = sum(1 for name in graphs if name.startswith(prefix))
        others = self._count("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")  # the default graph
        for name in graphs:
            if not name.startswith(prefix):  # the entity totals, or a graph written by hand
                others += self._count(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}")
        return StoreStats(articles=articles, triples=len(self._store) - others, entities=self.entity_counts())

    def _count(self, sparql: str) -> int:
        """The number a ``SELECT (COUNT(*) AS ?n)`` newsgraph wrote answers."""
        result = self._store.query(sparql)
        if not isinstance(result, ox.QuerySolutions):
            raise StoreError(f"a count was answered with {type(result).__name__}")
        return _integer(next(iter(result))[0])

    def entity_ranking(self, *, prefix: str | None = None, contains: str | None = None,
                       limit: int = 50, offset: int = 0) -> tuple[list[Row], int] | None:
        """The totals ranked in memory (:mod:`.entity_index`): built from the store on first
        use (and after writes it cannot follow), waiting for a write in progress at most the
        query time limit; None (rank with SPARQL then) if that ran out."""
        contains = contains or None
        index = self._registry_index  # --- registry hook: resolved entities, one per real-world entity
        for _ in range(3):  # a write it cannot follow may drop the index again in between
            found = index.page(prefix, contains, limit, offset)
            if found is not None:
                return found
            wait = self.query_timeout if self.query_timeout is not None else -1
            if not self._write_lock.acquire(timeout=wait):
                return None
            try:
                self._repair_registry()
                index.ensure(self._store, search=contains is not None)
            except OSError as exc:
                raise StoreError(f"reading the entity totals failed: {exc}") from exc
            finally:
                self._write_lock.release()
        return None

    def curate(self, change) -> None:
        """--- registry hook: record a curation decision (``change`` maps the current
        :class:`~newsgraph.registry.Decisions` to the new ones) and the registry change it
        causes, in one update."""
        with self._write_lock:
            try:
                if not self._registry.loaded:
                    oxigraph_load(self._registry, self._store, self.base_iri)
                self._apply_registry_plan(self._registry.plan(decisions=change(self._registry.decisions)))
            except BaseException as exc:
                self._registry.drop()
                self._registry_index.drop()
                if isinstance(exc, OSError):
                    raise StoreError(f"writing to the store failed: {exc}") from exc
                raise

    def _repair_registry(self) -> None:
        """Under the write lock: read the registry's input if not done yet, and write the
        registry afresh if it is not what the stored articles give (a store written before
        newsgraph kept one, or after a SPARQL Update)."""
        if self._registry.loaded and not self._registry.dirty:
            return
        try:
            if not self._registry.loaded:
                oxigraph_load(self._registry, self._store, self.base_iri)
            if self._registry.dirty:
                self._apply_registry_plan(self._registry.plan())
        except BaseException:
            self._registry.drop()
            raise

    def _apply_registry_plan(self, plan: Plan) -> None:
        """Under the write lock: write a registry change on its own (a curation decision or
        a repair), then take it as the registry's state."""
        operations = oxigraph_operations(self._registry, plan)
        if operations:
            self._store.update(" ;\n".join(operations))
            self._wrote()
        plan.commit()
        self._registry_index.drop()

    def has_article(self, article_id: str) -> bool:
        return self._store.contains_named_graph(ox.NamedNode(self.graph_iri(article_id)))

    def _run(self, sparql: str):
        try:
            # The default graph is the stored one (the set union of the article graphs); a
            # query's own FROM / FROM NAMED define its dataset instead.
            return self._store.query(sparql)
        except SyntaxError as exc:
            raise syntax_error(sparql, str(exc)) from exc
        except OSError as exc:
            raise StoreError(f"the store failed: {exc}") from exc

    def select(self, sparql: str):
        result = self._run(sparql)
        if isinstance(result, ox.QueryBoolean):
            return bool(result)
        variables = [v.value for v in result.variables]
        rows = []
        for solution in result:
            row = {}
            for name in variables:
                term = solution[name]
                if term is not None:
                    row[name] = term.value
            rows.append(row)
        return rows

    def construct_ntriples(self, sparql: str, *, max_rows: int | None = None) -> tuple[bytes, bool]:
        return write_triples(self._run(sparql), "ntriples", max_rows, threading.Event())

    def _answer(self, query: PreparedQuery) -> QueryResult:
        if self._queries is not None and not query.own:
            # Users' queries go to a query process; newsgraph's own bounded reads run here,
            # in a thread, never queued behind users' queries there.
            from .query_process import QueryRequest, SnapshotUnavailable

            generation = needed = self._generation
            if query.stale_ok and self.query_staleness > 0:
                with self._recent_lock:
                    needed = self._settle(time.monotonic())
            request = QueryRequest(generation, query.sparql, query.kind, query.format, query.max_rows, needed)
            try:
                return self._queries.run(request, query.timeout)
            except SnapshotUnavailable as exc:
                # No snapshot holding the writes the query must see (one write held the store
                # for the whole time limit, or the checkpoint failed): the server's own view
                # is always current, so the query runs here (as with query_processes=0: it
                # cannot be killed, but it answers).
                log.warning("no snapshot for a query process (%s); answering in the server", exc)

        def work(cancelled: threading.Event) -> QueryResult:
            result = None
            try:
                result = self._run(query.sparql)
                return serialise_result(query.kind, result, query.format, query.max_rows, cancelled)
            finally:
                result = None  # pyoxigraph objects die on this thread, even if a cycle keeps the frame

        return run_with_deadline(work, query.timeout, self._runaways)

    # --- export -------------------------------------------------------------------
    def export_graphs(self):
        for graph in sorted(self._store.named_graphs(), key=lambda g: g.value):
            if isinstance(graph, ox.NamedNode):
                yield graph.value, [q.triple for q in self._store.quads_for_pattern(None, None, None, graph)]

    def export_to(self, format: str, output: BinaryIO) -> None:
        check_export_format(format)
        rdf_format = rdf_writer(format)
        try:
            if format == "jsonld":
                self.write_jsonld(output)
            elif format in DATASET_FORMATS:
                # Named graphs only: the default graph is their union, computed.
                quads = (quad for graph in sorted(self._store.named_graphs(), key=lambda g: g.value)
                         for quad in self._store.quads_for_pattern(None, None, None, graph))
                ox.serialize(quads, output, rdf_format, prefixes=PREFIXES if format == "trig" else None)
            else:
                # The merged graph: every triple once, whichever articles state it.
                triples = self._store.query(
                    "CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }",
                    use_default_graph_as_union=True,
                )
                if not isinstance(triples, ox.QueryTriples):
                    raise StoreError("the store answered a CONSTRUCT without triples")
                prefixes = PREFIXES if format in ("turtle", "rdfxml", "jsonld") else None
                if prefixes:
                    ox.serialize(triples, output, rdf_format, prefixes=prefixes)
                else:
                    triples.serialize(output, rdf_format)
        except _Stop:
            raise
        except (OSError, ValueError) as exc:
            if "reader went away" in str(exc):
                raise _Stop(str(exc)) from exc
            raise StoreError(f"exporting the store failed: {exc}") from exc

    def query_process_ids(self, *, running: bool = False) -> list[int]:
        """Process ids of the children for users' queries: those running one (``running``)
        or all (none without query processes)."""
        return self._queries.pids(running=running) if self._queries is not None else []

    def close(self) -> None:
        queries = getattr(self, "_queries", None)
        if queries is not None:
            queries.close()
        store = getattr(self, "_store", None)
        if store is not None:
            try:
                if self._bulk_since_optimize >= OPTIMIZE_AFTER_QUADS:
                    # Freshly bulk-loaded files make queries several times slower until compacted.
                    store.optimize()
                store.flush()
            except OSError:
                pass
            # Dropping the last reference releases RocksDB's lock on the directory.
            del self._store
        loading = getattr(self, "_loading", None)
        if loading is not None:
            loading.shutdown(wait=True)
            self._loading = None
