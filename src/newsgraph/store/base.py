"""The one store interface every backend implements (memory, oxigraph, sparql).

Each article lives in its own named graph (IRI from :func:`newsgraph.graph.article_graph_iri`),
so it can be replaced or deleted on its own. On every backend a query's default
graph is the union of all article graphs, and results come back serialised in a
backend-neutral form, so the CLI and the API never care which backend answered.

Entity totals: besides the article graphs a store keeps one graph,
``{base}totals``, with ``?entity ng:totalMentions ?n ; ng:articleCount ?k`` (and the
entity's type and one name, as ``schema:name`` and ``rdfs:label``) for every entity
some article names. Every write that adds, replaces or deletes
articles changes those totals by the articles' own ``ng:timesMentioned`` counts in
the same transaction, so "most mentioned" reads one row per entity instead of
summing over every article (0.4 s at a million triples). The embedded stores work the
change out in Python under their write lock; the SPARQL below does it inside a remote
store, where several processes may write at once.
"""

from __future__ import annotations

import functools
import queue
import re
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import Graph

from ..errors import BadQuery, StoreError
from ..formats import name_of_media_type, of_kind
from ..graph import ArticleGraph
from ..ontology import NG_IRI, PREFIXES, RDFS_IRI, SCHEMA_IRI

SCHEMA, NG, RDFS = SCHEMA_IRI, NG_IRI, RDFS_IRI  # short names for the SPARQL below

# The formats each kind of answer comes in (newsgraph.formats holds them all).
RESULT_FORMATS = of_kind("results")
GRAPH_FORMATS = of_kind("graph")
DATASET_FORMATS = of_kind("dataset")  # named graphs kept; the graph formats get the merged graph
EXPORT_FORMATS = {**DATASET_FORMATS, **GRAPH_FORMATS}

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
class QueryResult:
    """A SPARQL result: ``kind`` is 'select', 'ask' or 'graph' (CONSTRUCT/DESCRIBE).

    ``body`` is the result serialised in ``format`` (``media_type``); ``truncated``
    says the row limit cut it short.
    """

    kind: str
    format: str
    media_type: str
    body: bytes = b""
    variables: list[str] = field(default_factory=list)
    boolean: bool | None = None
    truncated: bool = False


@dataclass
class StoreStats:
    articles: int
    triples: int
    entities: dict[str, int]


# --- SPARQL helpers -------------------------------------------------------------------

_DEFAULTS_NOTE = "schema:, ng:, rdf:, rdfs:, xsd: and prov: need no declaration"


def syntax_error(sparql: str, message: str) -> BadQuery:
    """The :class:`BadQuery` for a parser's complaint about ``sparql``, in plain words where
    it is a common slip (an undeclared prefix) rather than the parser's token list."""
    prefix = None
    unknown = re.search(r"Unknown namespace prefix\s*:\s*([\w.-]*)", message)  # rdflib
    if unknown:
        prefix = unknown.group(1)
    elif "Prefix not found" in message:  # Oxigraph: the position is the end of the prefixed name
        at = re.match(r"error at (\d+):(\d+)", message)
        lines = sparql.splitlines()
        if at and 0 < int(at.group(1)) <= len(lines):
            before = lines[int(at.group(1)) - 1][: int(at.group(2)) - 1]
            name = re.search(r"([A-Za-z][\w.-]*)?:[\w.%-]*$", before)
            prefix = name.group(1) or "" if name else None
    if prefix is not None:
        return BadQuery(f"unknown prefix {prefix}: (declare it with PREFIX {prefix}: <...>; {_DEFAULTS_NOTE})",
                        detail={"unknown_prefix": prefix})
    return BadQuery(f"SPARQL syntax error: {message}")


def result_format(kind: str, accept: str | None) -> str:
    """The short format name for a result of ``kind``, from a short name or a media type."""
    if accept:
        name = name_of_media_type(accept) or accept.lower()
    else:
        name = "turtle" if kind == "graph" else "json"
    allowed = GRAPH_FORMATS if kind == "graph" else RESULT_FORMATS
    if name not in allowed:
        what = "CONSTRUCT/DESCRIBE" if kind == "graph" else "SELECT/ASK"
        raise BadQuery(f"{what} results cannot be written as '{accept}'; use one of: {', '.join(allowed)}")
    return name


def iri(value: str) -> str:
    """An IRI written for a SPARQL query, refusing characters that would break out of it."""
    if re.search(r'[<>"{}|^`\\\s]', value):
        raise StoreError(f"not a valid IRI: {value!r}")
    return f"<{value}>"


_LITERAL_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def literal(lexical: str, datatype: str | None = None, language: str | None = None) -> str:
    """A literal as N-Triples writes it, which Turtle, TriG and SPARQL also read (quicker
    than rdflib's n3(), which also picks Turtle's long quotes for multi-line text)."""
    quoted = '"' + lexical.translate(_LITERAL_ESCAPES) + '"'
    if language:
        return f"{quoted}@{language}"
    if datatype and datatype != _XSD_STRING:
        return f"{quoted}^^{iri(datatype)}"
    return quoted


def graph_prefix(base_iri: str) -> str:
    """The IRI every article graph starts with (the part before the article id)."""
    from ..graph import article_graph_iri

    marker = "0123456789abcdef"
    sample = str(article_graph_iri(marker, base_iri))
    return sample[: sample.rindex(marker)]


def graph_iri(article_id: str, base_iri: str) -> str:
    from ..graph import article_graph_iri

    return str(article_graph_iri(article_id, base_iri))


def totals_iri(base_iri: str) -> str:
    from ..graph import totals_graph_iri

    return str(totals_graph_iri(base_iri))


# --- Entity totals -------------------------------------------------------------------


def change_totals(totals: str, graphs: Iterable[str], sign: int) -> str:
    """A SPARQL Update adding (``sign`` 1) or taking away (-1) the mention counts of the
    article ``graphs`` (as they are when it runs) to or from the entity totals.

    Adding also names and types an entity the totals did not know, so a ranking needs no
    lookup in the article graphs (a popular entity's name is repeated in hundreds). Taking
    away must run before the graphs are dropped; it leaves zero totals behind, which
    :func:`drop_zero_totals` removes. Graphs that do not exist change nothing.
    """
    graphs = list(graphs)
    values = " ".join(iri(g) for g in graphs)
    op = "+" if sign > 0 else "-"
    update = f"""DELETE {{ GRAPH {iri(totals)} {{ ?e <{NG}totalMentions> ?t . ?e <{NG}articleCount> ?a }} }}
INSERT {{ GRAPH {iri(totals)} {{ ?e <{NG}totalMentions> ?t2 . ?e <{NG}articleCount> ?a2 }} }}
WHERE {{
  {{ {{ SELECT ?e (SUM(?c) AS ?d) (COUNT(?c) AS ?k)
       WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?e <{NG}timesMentioned> ?c }} }} GROUP BY ?e }}
     FILTER(BOUND(?e))  # rdflib makes one empty group out of no rows
  }}
  OPTIONAL {{ GRAPH {iri(totals)} {{ ?e <{NG}totalMentions> ?t . ?e <{NG}articleCount> ?a }} }}
  BIND(COALESCE(?t, 0) {op} ?d AS ?t2)
  BIND(COALESCE(?a, 0) {op} ?k AS ?a2)
}}"""
    if sign < 0:
        return update
    return f"""{update} ;
INSERT {{ GRAPH {iri(totals)} {{ ?e a ?type . ?e <{SCHEMA}name> ?name . ?e <{RDFS}label> ?name }} }}
WHERE {{
  {{ {{ SELECT ?e (MIN(?n) AS ?name) (SAMPLE(?k) AS ?type)
       WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?e <{NG}timesMentioned> ?c ; <{SCHEMA}name> ?n ; a ?k }} }}
       GROUP BY ?e }}
     FILTER(BOUND(?e))
  }}
  FILTER NOT EXISTS {{ GRAPH {iri(totals)} {{ ?e <{SCHEMA}name> ?known }} }}
}}"""


def drop_zero_totals(totals: str, graphs: Iterable[str]) -> str:
    """A SPARQL Update removing the entities of ``graphs`` no article names any more from the totals."""
    values = " ".join(iri(g) for g in graphs)
    return f"""DELETE {{ GRAPH {iri(totals)} {{ ?e ?p ?o }} }}
WHERE {{
  VALUES ?g {{ {values} }} GRAPH ?g {{ ?e <{NG}timesMentioned> ?c }}
  GRAPH {iri(totals)} {{ ?e <{NG}articleCount> ?a . ?e ?p ?o }}
  FILTER(?a <= 0)
}}"""


def take_away_totals(totals: str, graphs: list[str]) -> str:
    """The updates that take articles' counts out of the totals (before their graphs go)."""
    return f"{change_totals(totals, graphs, -1)} ;\n{drop_zero_totals(totals, graphs)}"


def entity_types_query(base_iri: str) -> str:
    """A SELECT counting the entities some stored article names, one column per type.

    Read from the totals (one row per entity); an entity IRI starts with its type
    (``{base}person/...``), so no type triple is joined."""
    from ..graph import ENTITY_CLASSES, _base

    base = _base(base_iri)
    sums = " ".join(
        f'(SUM(IF(STRSTARTS(STR(?e), "{base}{name.lower()}/"), 1, 0)) AS ?{name})' for name in ENTITY_CLASSES
    )
    return f"SELECT {sums} WHERE {{ GRAPH {iri(totals_iri(base_iri))} {{ ?e <{NG}articleCount> ?a }} }}"


def rebuild_totals(totals: str) -> str:
    """A SPARQL Update counting every entity's totals afresh from all article graphs (after
    writes newsgraph cannot follow, such as a user's SPARQL Update).

    Names and types already in the totals are kept; only entities new to them are looked
    up in the articles (the slow part: a popular entity's name is in every graph).
    """
    t = iri(totals)
    counted = f"GRAPH {t} {{ ?e <{NG}articleCount> ?a }}"
    return f"""DELETE WHERE {{ GRAPH {t} {{ ?e <{NG}totalMentions> ?t }} }} ;
DELETE WHERE {{ GRAPH {t} {{ ?e <{NG}articleCount> ?a }} }} ;
INSERT {{ GRAPH {t} {{ ?e <{NG}totalMentions> ?t . ?e <{NG}articleCount> ?a }} }}
WHERE {{
  {{ SELECT ?e (SUM(?c) AS ?t) (COUNT(?c) AS ?a)
     WHERE {{ GRAPH ?g {{ ?e <{NG}timesMentioned> ?c }} FILTER(?g != {t}) }} GROUP BY ?e }}
  FILTER(BOUND(?e))
}} ;
DELETE {{ GRAPH {t} {{ ?e ?p ?o }} }} WHERE {{ GRAPH {t} {{ ?e ?p ?o }} FILTER NOT EXISTS {{ {counted} }} }} ;
INSERT {{ GRAPH {t} {{ ?e a ?type . ?e <{SCHEMA}name> ?name . ?e <{RDFS}label> ?name }} }}
WHERE {{
  {{ SELECT ?e (MIN(?n) AS ?name) (SAMPLE(?k) AS ?type)
     WHERE {{ {counted} FILTER NOT EXISTS {{ GRAPH {t} {{ ?e <{SCHEMA}name> ?known }} }}
             GRAPH ?g {{ ?e <{NG}timesMentioned> ?c ; <{SCHEMA}name> ?n ; a ?k }} FILTER(?g != {t}) }}
     GROUP BY ?e }}
  FILTER(BOUND(?e))
}}"""


# --- Result rewriting -----------------------------------------------------------------


class _Stop(Exception):
    """Raised inside a serializer's output to stop it (row limit or deadline)."""


class LineLimitedWriter:
    """A binary output that keeps at most ``limit`` lines after the header lines.

    pyoxigraph's TSV and N-Triples writers escape newlines inside terms, so one
    line is one row or one triple. Raising from ``write`` stops the serializer,
    which also stops a runaway streaming query when the deadline has passed.
    """

    def __init__(self, limit: int | None, header_lines: int, cancelled: threading.Event):
        self.limit = None if limit is None else limit + header_lines
        self.cancelled = cancelled
        self.chunks: list[bytes] = []
        self.lines = 0
        self.truncated = False

    def write(self, data) -> int:
        if self.cancelled.is_set():
            raise _Stop("cancelled")
        data = bytes(data)
        if self.limit is not None:
            newlines = data.count(b"\n")
            if self.lines + newlines > self.limit:
                keep = self.limit - self.lines
                cut = -1
                for _ in range(keep):
                    cut = data.index(b"\n", cut + 1)
                self.chunks.append(data[: cut + 1])
                self.lines = self.limit
                self.truncated = True
                raise _Stop("row limit")
            self.lines += newlines
        self.chunks.append(data)
        return len(data)

    def flush(self) -> None:
        return None

    def getvalue(self) -> bytes:
        return b"".join(self.chunks)


def write_solutions(solutions: ox.QuerySolutions, fmt: str, max_rows: int | None, cancelled: threading.Event) -> tuple[bytes, list[str], bool]:
    """Serialise SELECT solutions natively, cut to ``max_rows``; returns (body, variables, truncated)."""
    variables = [v.value for v in solutions.variables]
    writer = LineLimitedWriter(max_rows, 1, cancelled)
    try:
        solutions.serialize(writer, ox.QueryResultsFormat.TSV)
    except _Stop:
        pass
    except (OSError, ValueError) as exc:  # the stop surfaces wrapped when raised inside Rust
        if not writer.truncated and not cancelled.is_set():
            raise StoreError(f"the store failed while answering: {exc}") from None
    finally:
        # pyoxigraph results may only be freed on the thread that made them; a frame
        # kept alive by an exception cycle must not hold one.
        del solutions
    if cancelled.is_set():
        raise _Stop("cancelled")
    tsv = writer.getvalue()
    if fmt == "tsv":
        return tsv, variables, writer.truncated
    if not tsv:  # a serializer that never wrote: keep the head
        tsv = ("\t".join("?" + v for v in variables) + "\n").encode()
    body = ox.parse_query_results(tsv, ox.QueryResultsFormat.TSV).serialize(format=RESULT_FORMATS[fmt].oxigraph)
    return body, variables, writer.truncated


def _once(triples: Iterable) -> Iterator:
    seen: set = set()
    for triple in triples:
        if triple not in seen:
            seen.add(triple)
            yield triple


def write_triples(triples: Iterable, fmt: str, max_rows: int | None, cancelled: threading.Event) -> tuple[bytes, bool]:
    """Serialise CONSTRUCT/DESCRIBE triples natively, cut to ``max_rows`` triples.

    A graph is a set: a triple an engine yields twice (a DESCRIBE over a default graph that
    repeats it, on Virtuoso) is written once."""
    writer = LineLimitedWriter(max_rows, 0, cancelled)
    try:
        ox.serialize(_once(triples), writer, ox.RdfFormat.N_TRIPLES)
    except _Stop:
        pass
    except (OSError, ValueError) as exc:
        if not writer.truncated and not cancelled.is_set():
            raise StoreError(f"the store failed while answering: {exc}") from None
    finally:
        del triples
    if cancelled.is_set():
        raise _Stop("cancelled")
    nt = writer.getvalue()
    if fmt == "ntriples":
        return nt, writer.truncated
    parsed = ox.parse(nt, ox.RdfFormat.N_TRIPLES)
    if fmt == "jsonld":
        from ..jsonld import graph_bytes

        return graph_bytes(parsed), writer.truncated
    body = ox.serialize(parsed, format=GRAPH_FORMATS[fmt].oxigraph, prefixes=PREFIXES) or b""
    return body, writer.truncated


def boolean_result(value: bool, fmt: str) -> bytes:
    """An ASK answer in ``fmt``, written by pyoxigraph like every other result."""
    parsed = ox.parse_query_results('{"head":{},"boolean":%s}' % ("true" if value else "false"), ox.QueryResultsFormat.JSON)
    return parsed.serialize(format=RESULT_FORMATS[fmt].oxigraph)


def serialise_result(kind: str, result, fmt: str, max_rows: int | None, cancelled: threading.Event) -> QueryResult:
    """A query's pyoxigraph result (boolean, solutions or triples) as a :class:`QueryResult` in ``fmt``."""
    if kind == "ask" or isinstance(result, (bool, ox.QueryBoolean)):
        value = bool(result)
        return QueryResult(kind="ask", format=fmt, media_type=RESULT_FORMATS[fmt].media_type,
                           body=boolean_result(value, fmt), boolean=value)
    if kind == "select":
        body, variables, truncated = write_solutions(result, fmt, max_rows, cancelled)
        return QueryResult(kind="select", format=fmt, media_type=RESULT_FORMATS[fmt].media_type,
                           body=body, variables=variables, truncated=truncated)
    body, truncated = write_triples(result, fmt, max_rows, cancelled)
    return QueryResult(kind="graph", format=fmt, media_type=GRAPH_FORMATS[fmt].media_type, body=body, truncated=truncated)


# --- Streaming ------------------------------------------------------------------------


class _QueueWriter:
    def __init__(self, chunks: queue.Queue, stop: threading.Event):
        self.chunks = chunks
        self.stop = stop

    def write(self, data) -> int:
        if self.stop.is_set():
            raise _Stop("reader went away")
        data = bytes(data)
        if data:
            self.chunks.put(data)
        return len(data)

    def flush(self) -> None:
        return None


def stream_from_writer(produce) -> Iterator[bytes]:
    """Turn ``produce(output)`` (which writes to a binary file) into an iterator of chunks.

    The producer runs in a thread with a bounded queue, so a large export is never
    held in memory; closing the iterator early stops the producer.
    """
    chunks: queue.Queue = queue.Queue(maxsize=64)
    stop = threading.Event()
    done = object()
    failure: list[BaseException] = []

    def run() -> None:
        try:
            produce(_QueueWriter(chunks, stop))
        except _Stop:
            pass
        except BaseException as exc:  # handed to the consumer, re-raised there
            failure.append(exc)
        finally:
            chunks.put(done)

    worker = threading.Thread(target=run, name="newsgraph-export", daemon=True)
    worker.start()
    try:
        while True:
            chunk = chunks.get()
            if chunk is done:
                break
            yield chunk
        if failure:
            raise failure[0]
    finally:
        stop.set()
        while worker.is_alive():  # unblock a producer waiting on a full queue
            try:
                chunks.get(timeout=0.05)
            except queue.Empty:
                pass


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
        rows = self.select(
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
            counts = self.select(
                f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g"
            )
            by_graph = {row["g"]: int(row["n"]) for row in counts if "g" in row}
            for record in records:
                record.triples = by_graph.get(record.graph, 0)
        return records

    def stats(self) -> StoreStats:
        """Articles, triples (summed over article graphs) and distinct entities by type."""
        prefix = graph_prefix(self.base_iri)
        graphs = self.select(
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
        counts = self.select(entity_types_query(self.base_iri))
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

    @abstractmethod
    def construct_ntriples(self, sparql: str, *, max_rows: int | None = None) -> tuple[bytes, bool]:
        """Run a CONSTRUCT newsgraph wrote; N-Triples and whether it was cut short."""

    @abstractmethod
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
        processes, so they need a new snapshot of the store less often under writes; other stores ignore it).

        ``accept`` is a short format name (json, xml, csv, tsv; turtle, ntriples,
        jsonld, rdfxml) or a media type. ``max_rows`` cuts results (settings'
        default when -1, no limit when None). Raises :class:`BadQuery`,
        :class:`QueryTimeout` or :class:`StoreError`.
        """

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
        return self.query(sparql, accept=accept, timeout=timeout, max_rows=max_rows)

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


def with_default_prefixes(sparql: str) -> str:
    """Declare newsgraph's usual prefixes (schema, ng, rdf, rdfs, xsd, prov) the query uses but
    does not declare, so the same short query works on every backend."""
    missing = [
        f"PREFIX {name}: <{namespace}>"
        for name, namespace in PREFIXES.items()
        if re.search(rf"(?<![\w.-]){name}:", sparql)
        and not re.search(rf"\bPREFIX\s+{name}\s*:", sparql, flags=re.IGNORECASE)
    ]
    return "\n".join(missing) + ("\n" if missing else "") + sparql
