"""The one store interface every backend implements (memory, oxigraph, sparql).

Each article lives in its own named graph (IRI from :func:`newsgraph.graph.article_graph_iri`),
so it can be replaced or deleted on its own. On every backend a query's default
graph is the union of all article graphs, and results come back serialised in a
backend-neutral form (:mod:`.results`), so the CLI and the API never care which backend
answered. Besides the article graphs every store keeps the entity totals (:mod:`.totals`).
"""

from __future__ import annotations

import functools
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import Graph

from ..errors import StoreError
from ..graph import ArticleGraph
from ..sparql_tokens import query_kind
from .results import (
    EXPORT_FORMATS,
    PreparedQuery,
    QueryResult,
    result_format,
    stream_from_writer,
    with_default_prefixes,
)
from .terms import SCHEMA, graph_iri, graph_prefix, iri, totals_iri
from .totals import entity_types_query


@dataclass
class ArticleRecord:
    """What the store knows about one stored article (read from its graph)."""

    id: str
    graph: str  # named graph IRI
    iri: str | None = None  # article node IRI
    title: str | None = None
    url: str | None = None
    published: str | None = None
    triples: int = 0


@dataclass
class StoreStats:
    articles: int
    triples: int
    entities: dict[str, int]


class Store(ABC):
    """Add, replace, delete, list, query and export articles' named graphs."""

    base_iri: str
    max_rows: int | None
    query_timeout: float | None

    # --- writes -------------------------------------------------------------------
    @abstractmethod
    def add_articles(self, articles: Iterable[tuple[str, ArticleGraph]], *, replace: bool = True) -> int:
        """Store several articles' graphs in one bulk write; returns the triples written.

        Each graph replaces the article's previous graph (``replace=True``) or is
        skipped when the article is already stored. A failure leaves no article
        half-written.
        """

    def add_article(self, article_id: str, graph: ArticleGraph, *, replace: bool = True) -> int:
        """Store ``graph`` as the article's named graph atomically; returns triples written (0 if skipped)."""
        return self.add_articles([(article_id, graph)], replace=replace)

    @abstractmethod
    def delete_article(self, article_id: str) -> bool:
        """Remove the article's graph; False when it was not there."""

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update as given (the API's authorised SPARQL and Graph Store writes)."""
        raise StoreError(f"the {type(self).__name__} does not accept SPARQL updates")

    @abstractmethod
    def rebuild_totals(self) -> None:
        """Count every entity's mention totals afresh from the article graphs (after writes
        newsgraph did not make itself, or if they ever drifted)."""

    def clear(self) -> None:
        """Remove every article."""
        for article_id in self.article_ids():
            self.delete_article(article_id)

    # --- reads --------------------------------------------------------------------
    @abstractmethod
    def article_graphs(self) -> list[str]:
        """IRIs of every stored article graph."""

    def has_article(self, article_id: str) -> bool:
        return bool(self.select(f"ASK {{ GRAPH {iri(self.graph_iri(article_id))} {{ ?s ?p ?o }} }}"))

    def article_ids(self) -> set[str]:
        prefix = graph_prefix(self.base_iri)
        return {g[len(prefix):] for g in self.article_graphs() if g.startswith(prefix)}

    def get_article_graph(self, article_id: str) -> Graph | None:
        """The article's named graph as an rdflib Graph, or None."""
        name = self.graph_iri(article_id)
        nt, _ = self.construct_ntriples(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {iri(name)} {{ ?s ?p ?o }} }}")
        if not nt.strip():
            return None
        graph = Graph(identifier=name)
        graph.parse(data=nt.decode("utf-8"), format="nt")
        return graph

    def list_articles(self, *, limit: int | None = 50, offset: int = 0) -> list[ArticleRecord]:
        """Stored articles, newest first (by publication date, undated last)."""
        prefix = graph_prefix(self.base_iri)
        page = f"LIMIT {int(limit)}" if limit is not None else ""
        # Ordering on an aggregate's alias goes in an outer query: Virtuoso refuses it otherwise.
        # COALESCE puts undated articles last on every engine (rdflib sorts unbound first,
        # and turns STR(unbound) inside an aggregate into "None", hence STR outside).
        rows = self._rows(
            f"""PREFIX schema: <{SCHEMA}>
            SELECT ?g ?article ?title ?url (STR(?date) AS ?published) WHERE {{
              {{ SELECT ?g (SAMPLE(?a) AS ?article) (SAMPLE(?t) AS ?title) (SAMPLE(?u) AS ?url) (SAMPLE(?d) AS ?date)
                WHERE {{ GRAPH ?g {{ ?a a schema:NewsArticle .
                  OPTIONAL {{ ?a schema:headline ?t }} OPTIONAL {{ ?a schema:url ?u }}
                  OPTIONAL {{ ?a schema:datePublished ?d }} }}
                  FILTER(STRSTARTS(STR(?g), "{prefix}")) }}
                GROUP BY ?g }}
            }} ORDER BY DESC(COALESCE(STR(?date), "")) ?g {page} OFFSET {int(offset)}"""
        )
        records = [
            ArticleRecord(
                id=row["g"][len(prefix):],
                graph=row["g"],
                iri=row.get("article"),
                title=row.get("title"),
                url=row.get("url"),
                published=row.get("published"),
            )
            for row in rows
            if "g" in row  # an aggregate over no rows still yields one empty row on some engines
        ]
        if records:
            values = " ".join(iri(r.graph) for r in records)
            counts = self._rows(
                f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g"
            )
            by_graph = {row["g"]: int(row["n"]) for row in counts if "g" in row}
            for record in records:
                record.triples = by_graph.get(record.graph, 0)
        return records

    def stats(self) -> StoreStats:
        """Articles, triples (summed over article graphs) and distinct entities by type."""
        prefix = graph_prefix(self.base_iri)
        graphs = self._rows(
            f"""SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }}
            FILTER(STRSTARTS(STR(?g), "{prefix}")) }} GROUP BY ?g"""
        )
        graphs = [row for row in graphs if "g" in row]
        return StoreStats(
            articles=len(graphs),
            triples=sum(int(row["n"]) for row in graphs),
            entities=self.entity_counts(),
        )

    def entity_counts(self) -> dict[str, int]:
        """Entities some stored article names, by type, most first (types with none left out)."""
        counts = self._rows(entity_types_query(self.base_iri))
        by_type = {name: int(value) for name, value in (counts[0] if counts else {}).items() if int(value)}
        return dict(sorted(by_type.items(), key=lambda item: (-item[1], item[0])))

    def entity_ranking(self, *, prefix: str | None = None, contains: str | None = None,
                       limit: int = 50, offset: int = 0) -> tuple[list[tuple[str, int, int, str | None]], int] | None:
        """Entities with totals, most mentioned first then by IRI, as (IRI, mentions, articles,
        name from the totals or None), those whose IRI starts with ``prefix`` and one of whose
        names or aliases in any named graph contains ``contains`` (lower case); a page of
        them and how many there are. None when the backend keeps no such ranking (the
        reader asks SPARQL then); the embedded store keeps one in memory."""
        return None

    @abstractmethod
    def select(self, sparql: str) -> list[dict[str, str]] | bool:
        """Run a query newsgraph itself wrote: rows as plain strings (unbound left out), or a bool for ASK."""

    def _rows(self, sparql: str) -> list[dict[str, str]]:
        """:meth:`select` for a SELECT newsgraph wrote: its rows."""
        found = self.select(sparql)
        if isinstance(found, bool):
            raise StoreError("the store answered a SELECT with a boolean")
        return found

    @abstractmethod
    def construct_ntriples(self, sparql: str, *, max_rows: int | None = None) -> tuple[bytes, bool]:
        """Run a CONSTRUCT newsgraph wrote; N-Triples and whether it was cut short."""

    def query(
        self,
        sparql: str,
        *,
        accept: str | None = None,
        timeout: float | None = None,
        max_rows: int | None = -1,
        stale_ok: bool = False,
    ) -> QueryResult:
        """Run a read query within ``timeout`` seconds (settings' default when None).

        The answer sees every write acknowledged before the call; with ``stale_ok`` it may
        miss those of the last ``query_staleness`` seconds (the embedded store with query
        processes, so they need a new snapshot of the store less often under writes; other
        stores ignore it).

        ``accept`` is a short format name (json, xml, csv, tsv; turtle, ntriples,
        jsonld, rdfxml) or a media type. ``max_rows`` cuts results (settings'
        default when -1, no limit when None). Raises :class:`BadQuery`,
        :class:`QueryTimeout` or :class:`StoreError`.
        """
        return self._answer(self.prepare(sparql, accept=accept, timeout=timeout, max_rows=max_rows, stale_ok=stale_ok))

    def own_query(
        self,
        sparql: str,
        *,
        accept: str | None = None,
        timeout: float | None = None,
        max_rows: int | None = -1,
    ) -> QueryResult:
        """:meth:`query` for a query newsgraph wrote itself (bounded, cheap): a backend that
        runs users' queries apart (the embedded store's query processes) runs these in place."""
        return self._answer(self.prepare(sparql, accept=accept, timeout=timeout, max_rows=max_rows, own=True))

    def prepare(
        self,
        sparql: str,
        *,
        accept: str | None = None,
        timeout: float | None = None,
        max_rows: int | None = -1,
        stale_ok: bool = False,
        own: bool = False,
    ) -> PreparedQuery:
        """The query as the backends take it: its kind, the answer's format (refusing one the
        kind cannot be written in), the usual prefixes declared, the limits filled in."""
        kind = query_kind(sparql)
        return PreparedQuery(
            sparql=with_default_prefixes(sparql),
            kind=kind,
            format=result_format(kind, accept),
            timeout=self.query_timeout if timeout is None else timeout,
            max_rows=self.max_rows if max_rows == -1 else max_rows,
            stale_ok=stale_ok,
            own=own,
        )

    @abstractmethod
    def _answer(self, query: PreparedQuery) -> QueryResult:
        """The backend's part of :meth:`query`: run ``query`` and serialise its result."""

    # --- export -------------------------------------------------------------------
    @abstractmethod
    def export_to(self, format: str, output: BinaryIO) -> None:
        """Write the whole dataset in an RDF format to a binary file, streaming."""

    def export_graphs(self) -> Iterator[tuple[str, list]]:
        """Each named graph of the dataset (articles, the totals, graphs written through the
        Graph Store) with its triples, one at a time, for the JSON-LD export."""
        graphs = sorted(self.article_graphs())
        if self.totals not in graphs and self.select(f"ASK {{ GRAPH {iri(self.totals)} {{ ?s ?p ?o }} }}"):
            graphs.append(self.totals)
        for name in graphs:
            nt, _ = self.construct_ntriples(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {iri(name)} {{ ?s ?p ?o }} }}")
            yield name, list(ox.parse(nt, ox.RdfFormat.N_TRIPLES))

    def write_jsonld(self, output: BinaryIO) -> None:
        """The dataset as compact JSON-LD, one ``@graph`` per named graph (see :mod:`newsgraph.jsonld`)."""
        from ..jsonld import write_dataset

        write_dataset(output, self.export_graphs())

    def export(self, format: str) -> Iterator[bytes]:
        """Stream the whole dataset in an RDF format without building it in memory."""
        check_export_format(format)
        return stream_from_writer(lambda output: self.export_to(format, output))

    def graph_iri(self, article_id: str) -> str:
        return graph_iri(article_id, self.base_iri)

    @functools.cached_property
    def totals(self) -> str:
        """IRI of the graph holding the entity totals."""
        return totals_iri(self.base_iri)

    def close(self) -> None:
        return None

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def check_export_format(format: str) -> None:
    if format not in EXPORT_FORMATS:
        raise StoreError(f"unknown export format '{format}'; use one of: {', '.join(EXPORT_FORMATS)}")
