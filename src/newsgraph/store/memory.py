"""The throw-away store: an rdflib in-memory Dataset, for tests and small runs.

rdflib's SPARQL engine is pure Python and slow on large data; results still go
through pyoxigraph's serializers so every backend writes them the same way.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import BinaryIO

import pyoxigraph as ox

# rdflib would fetch the IRI of every FROM graph from the web; take them from the dataset instead.
import rdflib.plugins.sparql
from pyparsing import ParseException
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.paths import Path
from rdflib.term import Node

from ..errors import BadQuery, NewsgraphError, StoreError
from ..graph import ArticleGraph
from ..ontology import NG, PREFIXES, RDF, RDFS, SDO
from .interface import Store, check_export_format
from .registry_backends import rdflib_apply, rdflib_load
from .registry_keeper import RegistryKeeper
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

rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False  # never fetch a graph a query names


def _number(node: Node | None) -> int:
    """The integer a count literal holds (0 for none)."""
    if node is None:
        return 0
    if not isinstance(node, Literal):
        raise StoreError(f"the store holds {node!r} where a number belongs")
    return int(node)


def _describe_in(totals: Graph, entity: Node, article: Graph) -> None:
    """The entity's type and (first) name from an article's graph, written into the totals."""
    names = sorted(article.objects(entity, SDO.name), key=str)
    kind = article.value(entity, RDF.type)
    if names and kind is not None:
        totals.add((entity, RDF.type, kind))
        totals.add((entity, SDO.name, names[0]))
        totals.add((entity, RDFS.label, names[0]))


class _SetUnion(Dataset):
    """A Dataset whose default graph is the set union of its named graphs, the entity
    totals aside: a triple several articles state is there once (as on Oxigraph, which
    keeps that union as its default graph)."""

    totals: URIRef | None = None
    registry: URIRef | None = None  # the entity registry's graph, also kept out

    def triples(self, triple_or_quad, context=None):
        s, p, o, c = self._spoc(triple_or_quad)
        if c is None and context is None and not isinstance(p, Path):
            skip = {DATASET_DEFAULT_GRAPH_ID, self.totals, self.registry}
            for triple, contexts in self.store.triples((s, p, o), context=None):
                if any((g.identifier if isinstance(g, Graph) else g) not in skip for g in contexts):
                    yield triple
            return
        yield from super().triples(triple_or_quad, context)


class MemoryStore(Store):
    def __init__(self, *, base_iri: str, query_timeout: float | None = 10.0, max_rows: int | None = 10_000) -> None:
        self.base_iri = base_iri
        self.query_timeout = query_timeout
        self.max_rows = max_rows
        self.dataset = _SetUnion(default_union=True)
        self.dataset.totals = URIRef(self.totals)
        self._lock = threading.RLock()
        self._runaways = Runaways()
        self._registry = RegistryKeeper(base_iri)  # the entity registry's input (newsgraph.registry)
        self.dataset.registry = URIRef(self._registry.graph)

    # --- writes -------------------------------------------------------------------
    def add_articles(self, articles: Iterable[tuple[str, ArticleGraph]], *, replace: bool = True) -> int:
        written = 0
        with self._lock:
            registry_articles = []  # --- registry hook
            if not self._registry.loaded:
                rdflib_load(self._registry, self.dataset, self.base_iri)
            for article_id, graph in articles:
                name = URIRef(self.graph_iri(article_id))
                exists = self._exists(name)
                if exists and not replace:
                    continue
                triples = list(graph)  # read fully first: a failing graph must not leave a half-copy
                registry_articles.append(self._registry.article(graph, str(name)))
                if exists:
                    self._change_totals(name, -1)
                    self.dataset.remove_graph(name)
                target = self.dataset.graph(name)
                target.addN((s, p, o, target) for s, p, o in triples)
                self._change_totals(name, +1)
                written += len(triples)
            self._registry_write(self._registry.plan(registry_articles))
        return written

    def _registry_write(self, plan) -> None:
        try:
            rdflib_apply(self._registry, self.dataset, plan)
            plan.commit()
        except BaseException:
            self._registry.drop()
            raise

    def _change_totals(self, name: URIRef, sign: int) -> None:
        """Add (1) or take away (-1) one article's mention counts to the entity totals.

        The same arithmetic as :func:`~.totals.change_totals`, in Python: rdflib's SPARQL
        engine takes a tenth of a second per article for it.
        """
        totals = self.dataset.graph(URIRef(self.totals))
        article = self.dataset.graph(name)
        for entity, _, count in article.triples((None, NG.timesMentioned, None)):
            mentions = _number(totals.value(entity, NG.totalMentions)) + sign * _number(count)
            articles = _number(totals.value(entity, NG.articleCount)) + sign
            if articles <= 0:
                totals.remove((entity, None, None))
                continue
            totals.set((entity, NG.totalMentions, Literal(mentions)))
            totals.set((entity, NG.articleCount, Literal(articles)))
            if totals.value(entity, SDO.name) is None:
                _describe_in(totals, entity, article)

    def rebuild_totals(self) -> None:
        with self._lock:
            self._rebuild_totals()
            self._repair_registry()

    def curate(self, change) -> None:
        """--- registry hook: record a curation decision (see OxigraphStore.curate)."""
        with self._lock:
            if not self._registry.loaded:
                rdflib_load(self._registry, self.dataset, self.base_iri)
            self._registry_write(self._registry.plan(decisions=change(self._registry.decisions)))

    def _repair_registry(self) -> None:
        """--- registry hook: the registry read again from the articles and set right (after
        writes newsgraph did not make itself)."""
        self._registry.drop()
        rdflib_load(self._registry, self.dataset, self.base_iri)
        if self._registry.dirty:
            self._registry_write(self._registry.plan())

    def _rebuild_totals(self) -> None:
        totals = URIRef(self.totals)
        self.dataset.remove_graph(totals)
        by_entity: dict = {}
        for entity, _, count, graph in self.dataset.quads((None, NG.timesMentioned, None, None)):
            name = graph.identifier if isinstance(graph, Graph) else graph
            if name == totals:
                continue
            mentions, articles, graphs = by_entity.setdefault(entity, (0, 0, []))
            graphs.append(name)
            by_entity[entity] = (mentions + _number(count), articles + 1, graphs)
        target = self.dataset.graph(totals)
        for entity, (mentions, articles, graphs) in by_entity.items():
            target.add((entity, NG.totalMentions, Literal(mentions)))
            target.add((entity, NG.articleCount, Literal(articles)))
            names = sorted({n for g in graphs for n in self.dataset.graph(g).objects(entity, SDO.name)}, key=str)
            kinds = [k for g in graphs[:1] for k in self.dataset.graph(g).objects(entity, RDF.type)]
            if names and kinds:
                target.add((entity, RDF.type, kinds[0]))
                target.add((entity, SDO.name, names[0]))
                target.add((entity, RDFS.label, names[0]))

    def _exists(self, name: URIRef) -> bool:
        return any(True for _ in self.dataset.graph(name).triples((None, None, None)))

    def update(self, sparql: str) -> None:
        try:
            with self._lock:
                self.dataset.update(sparql)
                # The update may have changed articles in any way: count afresh.
                self._rebuild_totals()
                self._repair_registry()
        except ParseException as exc:
            raise BadQuery(f"SPARQL syntax error: {exc}") from exc
        except NewsgraphError:
            raise
        except Exception as exc:
            # rdflib signals unsupported or ill-formed requests with all kinds of exceptions
            # ("Create not implemented!"); the request caused them, so a 400, never a 500.
            raise BadQuery(f"the update could not be run: {type(exc).__name__}: {exc}") from exc

    def delete_article(self, article_id: str) -> bool:
        name = URIRef(self.graph_iri(article_id))
        with self._lock:
            if not self._exists(name):
                return False
            if not self._registry.loaded:
                rdflib_load(self._registry, self.dataset, self.base_iri)
            self._change_totals(name, -1)
            self.dataset.remove_graph(name)
            self._registry_write(self._registry.plan(removed=[str(name)]))  # --- registry hook
        return True

    # --- reads --------------------------------------------------------------------
    def article_graphs(self) -> list[str]:
        with self._lock:
            return [
                str(g.identifier)
                for g in self.dataset.graphs()
                if isinstance(g.identifier, URIRef) and g.identifier != DATASET_DEFAULT_GRAPH_ID and len(g)
            ]

    def has_article(self, article_id: str) -> bool:
        return self._exists(URIRef(self.graph_iri(article_id)))

    def _run(self, sparql: str):
        try:
            with self._lock:
                return self.dataset.query(sparql)
        except ParseException as exc:
            raise BadQuery(f"SPARQL syntax error: {exc}") from exc
        except (ValueError, TypeError, KeyError) as exc:
            raise BadQuery(f"the query could not be run: {exc}") from exc

    def _to_oxigraph(self, result):
        """rdflib result -> pyoxigraph result objects, through the standard formats."""
        if result.type == "ASK":
            return bool(result.askAnswer)
        if result.type == "SELECT":
            data = result.serialize(format="json")
            return ox.parse_query_results(data, ox.QueryResultsFormat.JSON)
        nt = result.graph.serialize(format="nt", encoding="utf-8")
        return ox.parse(nt, ox.RdfFormat.N_TRIPLES)

    def select(self, sparql: str):
        result = self._run(sparql)
        if result.type == "ASK":
            return bool(result.askAnswer)
        rows = []
        for binding in result.bindings:
            rows.append({str(k): str(v) for k, v in binding.items() if v is not None})
        return rows

    def construct_ntriples(self, sparql: str, *, max_rows: int | None = None) -> tuple[bytes, bool]:
        return write_triples(self._to_oxigraph(self._run(sparql)), "ntriples", max_rows, threading.Event())

    def _answer(self, query: PreparedQuery) -> QueryResult:
        def work(cancelled: threading.Event) -> QueryResult:
            result = None
            try:
                try:
                    result = self._to_oxigraph(self._run(query.sparql))
                except NewsgraphError:
                    raise
                except Exception as exc:
                    if "Unknown namespace prefix" in str(exc):
                        raise syntax_error(query.sparql, str(exc)) from exc
                    # rdflib fails on some valid-looking queries with assorted exceptions
                    # (relative IRIs, duplicate variables, bad regexes): the query's doing, a 400.
                    raise BadQuery(f"the query could not be run: {type(exc).__name__}: {exc}") from exc
                if cancelled.is_set():
                    raise _Stop("cancelled")
                return serialise_result(query.kind, result, query.format, query.max_rows, cancelled)
            finally:
                # rdflib keeps exceptions whose tracebacks hold this frame alive in a cycle: the
                # pyoxigraph result must not be in it when the collector frees it on another thread.
                result = None

        return run_with_deadline(work, query.timeout, self._runaways)

    # --- export -------------------------------------------------------------------
    def export_to(self, format: str, output: BinaryIO) -> None:
        check_export_format(format)
        if format == "jsonld":
            with self._lock:
                self.write_jsonld(output)
            return
        with self._lock:
            quads = []
            for s, p, o, g in self.dataset.quads((None, None, None, None)):
                name = g.identifier if isinstance(g, Graph) else g
                if name is None or name == DATASET_DEFAULT_GRAPH_ID:
                    continue
                quads.append((s, p, o, name))
        from .oxigraph import TermConverter

        convert = TermConverter()
        ox_quads = [ox.Quad(convert(s), convert(p), convert(o), convert(URIRef(g))) for s, p, o, g in quads]
        rdf_format = rdf_writer(format)
        try:
            if format in DATASET_FORMATS:
                ox.serialize(ox_quads, output, rdf_format, prefixes=PREFIXES if format == "trig" else None)
            else:
                merged = {ox.Triple(q.subject, q.predicate, q.object) for q in ox_quads}
                ox.serialize(merged, output, rdf_format, prefixes=PREFIXES if format != "ntriples" else None)
        except (OSError, ValueError) as exc:
            if "reader went away" in str(exc):
                raise _Stop(str(exc)) from exc
            raise StoreError(f"exporting the store failed: {exc}") from exc
