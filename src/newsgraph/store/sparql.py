"""A remote SPARQL 1.1 Query + Update endpoint (Virtuoso, Fuseki, GraphDB, Neptune, ...).

This is how newsgraph scales past one machine: stateless ingest and API processes
writing to one (clustered) triple store. Results are normalised and re-serialised
by pyoxigraph so they look the same as the embedded store's.

The default graph must be the set union of the article graphs. Virtuoso's default graph
is the union of *every* graph, its own system graphs included, and a bag: a triple three
articles state comes three times. So on Virtuoso the store keeps that union itself, as the
embedded store does, in one more named graph (``{base}union``, outside the article graphs'
prefix): every write adds the new graphs' triples to it and takes away those of the old
graphs no other article graph states, in the same request. A query without ``GRAPH`` and
without ``FROM`` reads it as its default graph (``DEFINE input:default-graph-uri``).
Virtuoso 7.2 answers ``GRAPH <iri> {...}`` wrongly under any ``input:`` pragma, so a query
with a ``GRAPH`` clause is sent without one, each ``GRAPH ?var {...}`` followed by a filter
keeping ``?var`` off the union graph: there the default graph is still every graph as a bag,
Virtuoso's system graphs included, and ``GRAPH ?g`` can bind those (filter on the article
graph prefix, as newsgraph's own queries do). Graphs written through the Graph Store or an
update outside the article prefix are not in Virtuoso's default graph. Other servers need
their union default graph switched on (Fuseki: ``tdb2:unionDefaultGraph true``).
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import threading
import traceback
from collections.abc import Iterable
from typing import BinaryIO

import httpx
import pyoxigraph as ox
from rdflib import BNode

from ..errors import BadQuery, QueryTimeout, StoreError
from ..graph import ArticleGraph, union_graph_iri
from ..ontology import PREFIXES
from ..sparql_tokens import has_dataset_clause, has_keyword, spans
from .interface import Store, check_export_format
from .results import (
    DATASET_FORMATS,
    GRAPH_FORMATS,
    RESULT_FORMATS,
    PreparedQuery,
    QueryResult,
    _Stop,
    boolean_result,
    rdf_writer,
    with_default_prefixes,
    write_solutions,
    write_triples,
)
from .terms import graph_prefix, iri
from .totals import change_totals, rebuild_totals, take_away_totals

_JSON = "application/sparql-results+json"
_NT = "application/n-triples"
# Virtuoso's message for an error the request caused: "Virtuoso 22012 Error SR084: Division by 0."
_REQUEST_FAULT = re.compile(r"Virtuoso (22\w{3}|37000) Error")
# Articles per update request: large enough for bulk speed, small enough for server limits.
BATCH_ARTICLES = 50


class SparqlStore(Store):
    def __init__(
        self,
        url: str,
        *,
        base_iri: str,
        update_url: str | None = None,
        user: str | None = None,
        password: str | None = None,
        auth: str = "digest",
        query_timeout: float | None = 10.0,
        max_rows: int | None = 10_000,
    ) -> None:
        if not re.match(r"https?://", url):
            raise StoreError(f"a remote store needs an http(s) URL, not {url!r}")
        self.url = url
        self.update_url = update_url or url
        self.base_iri = base_iri
        self.query_timeout = query_timeout
        self.max_rows = max_rows
        credentials: httpx.Auth | None = None
        if user is not None:
            if auth == "digest":
                credentials = httpx.DigestAuth(user, password or "")
            elif auth == "basic":
                credentials = httpx.BasicAuth(user, password or "")
            else:
                raise StoreError(f"unknown store auth scheme {auth!r}; use 'digest' or 'basic'")
        self._client = httpx.Client(auth=credentials, timeout=httpx.Timeout(60.0, connect=10.0))
        self._lock = threading.Lock()
        self._virtuoso: bool | None = None
        self._union_ready = False

    # --- HTTP ---------------------------------------------------------------------
    def _post(self, url: str, data: dict, accept: str, timeout: float | None) -> httpx.Response:
        try:
            response = self._client.post(
                url, data=data, headers={"Accept": accept},
                timeout=httpx.Timeout(timeout, connect=10.0) if timeout else httpx.Timeout(None, connect=10.0),
            )
        except httpx.TimeoutException as exc:
            raise QueryTimeout(f"the remote store did not answer within {timeout:g} s") from exc
        except httpx.HTTPError as exc:
            raise StoreError(f"cannot reach the remote store at {url}: {exc}") from exc
        if self._virtuoso is None:
            self._virtuoso = "virtuoso" in response.headers.get("server", "").lower()
        if response.status_code in (400, 422):
            raise BadQuery(f"the store refused the query: {_short(response.text)}")
        if response.status_code in (401, 403):
            raise StoreError(f"the remote store refused the credentials ({response.status_code})")
        if response.status_code >= 400:
            text = response.text
            # Virtuoso refuses up front a query its planner expects to run past its limit.
            if "timeout" in text.lower() or "S1T00" in text or "estimated execution time" in text or (
                response.status_code == 504
            ):
                raise QueryTimeout(f"the remote store stopped the query: {_short(text)}")
            # Virtuoso answers 500 for the request's own faults too: SQLSTATE class 22 (data
            # exception: division by zero, DROP of a graph never created) and 37000 (syntax).
            if _REQUEST_FAULT.search(text):
                raise BadQuery(f"the store could not run the request: {_short(text)}")
            raise StoreError(f"the remote store failed ({response.status_code}): {_short(text)}")
        if response.headers.get("x-sql-state") == "S1TAT":  # Virtuoso "anytime" partial result
            raise QueryTimeout("the remote store ran out of time and returned partial results")
        return response

    def _update(self, update: str) -> None:
        self._post(self.update_url, {"update": update}, _JSON, None)

    def update(self, sparql: str) -> None:
        self._update(sparql)
        # The update may have changed articles in any way: count afresh.
        self.rebuild_totals()

    def rebuild_totals(self) -> None:
        """Compute every entity's mention totals afresh from the article graphs (and, on
        Virtuoso, the union graph: emptied first so the totals do not count it), and set the
        entity registry right from them."""
        if not self._keeps_union():
            self._update(rebuild_totals(self.totals))
        else:
            self._update(f"CLEAR SILENT GRAPH {iri(self.union)} ;\n{rebuild_totals(self.totals)} ;\n{self._fill_union()}")
        operations = self._registry_plan([], [])  # --- registry hook: a full repair when it is not right
        if operations:
            self._update(" ;\n".join(operations))

    # --- Virtuoso's default graph: the set union of the article graphs, kept -------
    @functools.cached_property
    def union(self) -> str:
        """IRI of the graph holding the set union of the article graphs (Virtuoso only)."""
        return str(union_graph_iri(self.base_iri))

    def _keeps_union(self) -> bool:
        """Whether the server is Virtuoso (asked once), and then the union graph filled once
        for articles written before it was kept."""
        if self._virtuoso is None:
            self._post(self.url, {"query": "ASK {}"}, _JSON, 30)
        if not self._virtuoso:
            return False
        with self._lock:
            if not self._union_ready:
                prefix = graph_prefix(self.base_iri)
                empty = not self._ask(f"ASK {{ GRAPH {iri(self.union)} {{ ?s ?p ?o }} }}")
                if empty and self._ask(f'ASK {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{prefix}")) }}'):
                    self._update(self._fill_union())
                self._union_ready = True
        return True

    def _ask(self, sparql: str) -> bool:
        return bool(self._post(self.url, {"query": sparql}, _JSON, 60).json()["boolean"])

    def _fill_union(self) -> str:
        prefix = graph_prefix(self.base_iri)
        return (f"INSERT {{ GRAPH {iri(self.union)} {{ ?s ?p ?o }} }} "
                f'WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{prefix}")) }}')

    def _leave_union(self, names: list[str]) -> list[str]:
        """Updates taking out of the union graph the triples of the article graphs ``names``
        that no other article graph states (run before those graphs are cleared)."""
        prefix = graph_prefix(self.base_iri)
        leaving = ", ".join(iri(name) for name in [*names, self.union])
        return [
            f"DELETE {{ GRAPH {iri(self.union)} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {iri(name)} {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} "
            f'FILTER(?other NOT IN ({leaving}) && STRSTARTS(STR(?other), "{prefix}")) }} }}'
            for name in names
        ]

    def _join_union(self, names: list[str]) -> list[str]:
        """Updates adding the triples of the article graphs ``names`` to the union graph."""
        return [f"INSERT {{ GRAPH {iri(self.union)} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {iri(name)} {{ ?s ?p ?o }} }}"
                for name in names]

    def _raw_query(self, sparql: str, accept: str, timeout: float | None = None) -> httpx.Response:
        data = {"query": self._prepare(sparql)}
        if self._virtuoso and timeout:
            # Virtuoso stops the query itself at this limit (ms) instead of working on after we leave.
            data["timeout"] = str(max(1, int(timeout * 1000)))
        return self._post(self.url, data, accept, timeout + 5 if timeout else None)

    def _prepare(self, sparql: str) -> str:
        if not self._keeps_union():
            return sparql
        if has_keyword(sparql, "GRAPH"):
            # No pragma (Virtuoso 7.2 gets GRAPH <iri> wrong under one); GRAPH ?g skips the union.
            return _skip_graph(sparql, self.union)
        if has_dataset_clause(sparql):
            return sparql  # the query's own FROM: a pragma would add the union to it
        return f"DEFINE input:default-graph-uri {iri(self.union)}\n{sparql}"

    # --- writes -------------------------------------------------------------------
    def add_articles(self, articles: Iterable[tuple[str, ArticleGraph]], *, replace: bool = True) -> int:
        written = 0
        batch: list[tuple[str, ArticleGraph]] = []
        existing = None if replace else self.article_ids()
        for article_id, graph in articles:
            if existing is not None and article_id in existing:
                continue
            batch.append((article_id, graph))
            if len(batch) >= BATCH_ARTICLES:
                written += self._write_batch(batch)
                batch = []
        if batch:
            written += self._write_batch(batch)
        return written

    def _write_batch(self, batch: list[tuple[str, ArticleGraph]]) -> int:
        # One request per batch: old graphs and their counts go, new graphs and their counts
        # arrive, together. CLEAR, not DROP: Virtuoso's DROP only removes graphs made with
        # CREATE GRAPH. Counts of graphs not stored yet are nothing to take away.
        names = [self.graph_iri(article_id) for article_id, _ in batch]
        union = self._keeps_union()
        operations = [take_away_totals(self.totals, names)]
        operations += self._leave_union(names) if union else []
        operations += [f"CLEAR SILENT GRAPH {iri(name)}" for name in names]
        blocks, count = [], 0
        for name, (_, graph) in zip(names, batch):
            lines = [f"{_nt(s)} {_nt(p)} {_nt(o)} ." for s, p, o in graph]
            count += len(lines)
            blocks.append(f"GRAPH {iri(name)} {{\n" + "\n".join(lines) + "\n}")
        # INSERT ... WHERE {} rather than INSERT DATA: Virtuoso refuses blank nodes in INSERT DATA.
        operations.append("INSERT {\n" + "\n".join(blocks) + "\n} WHERE {}")
        operations += self._join_union(names) if union else []
        operations.append(change_totals(self.totals, names, +1))
        operations += self._registry_plan([(name, graph) for name, (_, graph) in zip(names, batch)], [])
        self._update(" ;\n".join(operations))
        return count

    def curate(self, change) -> None:
        """--- registry hook: record a curation decision (see OxigraphStore.curate)."""
        from .registry_backends import sparql_load
        from .registry_keeper import RegistryKeeper

        keeper = RegistryKeeper(self.base_iri)
        sparql_load(keeper, self, self.base_iri)
        operations = keeper.plan(decisions=change(keeper.decisions)).sparql(keeper.graph)
        if operations:
            self._update(" ;\n".join(operations))

    def _registry_plan(self, added: list, removed: list[str]) -> list[str]:
        """--- registry hook: the entity registry's change for a write, read afresh from the
        store (other processes write to it too), for the same update request."""
        from .registry_backends import sparql_load
        from .registry_keeper import RegistryKeeper

        keeper = RegistryKeeper(self.base_iri)
        sparql_load(keeper, self, self.base_iri)
        plan = keeper.plan([keeper.article(graph, name) for name, graph in added], removed)
        return plan.sparql(keeper.graph)

    def delete_article(self, article_id: str) -> bool:
        if not self.has_article(article_id):
            return False
        name = self.graph_iri(article_id)
        operations = [take_away_totals(self.totals, [name])]
        operations += self._leave_union([name]) if self._keeps_union() else []
        operations.append(f"CLEAR SILENT GRAPH {iri(name)}")
        operations += self._registry_plan([], [name])  # --- registry hook
        self._update(" ;\n".join(operations))
        return True

    # --- reads --------------------------------------------------------------------
    def article_graphs(self) -> list[str]:
        prefix = graph_prefix(self.base_iri)
        rows = self.select(
            f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{prefix}")) }}'
        )
        return [row["g"] for row in rows]

    def _results_json(self, sparql: str, timeout: float | None = None) -> dict:
        response = self._raw_query(sparql, _JSON, timeout)
        try:
            return response.json()
        except ValueError as exc:
            raise StoreError(f"the remote store answered with something that is not SPARQL JSON: {exc}") from exc

    def select(self, sparql: str):
        data = self._results_json(with_default_prefixes(sparql), self.query_timeout)
        if "boolean" in data:
            return bool(data["boolean"])
        return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]

    def construct_ntriples(self, sparql: str, *, max_rows: int | None = None) -> tuple[bytes, bool]:
        response = self._raw_query(with_default_prefixes(sparql), _NT, self.query_timeout)
        return write_triples(_parse_nt(response.content), "ntriples", max_rows, threading.Event())

    def _answer(self, query: PreparedQuery) -> QueryResult:
        sparql, kind, fmt, timeout, max_rows = query.sparql, query.kind, query.format, query.timeout, query.max_rows
        never = threading.Event()
        if kind == "graph":
            response = self._raw_query(sparql, _NT, timeout)
            body, truncated = write_triples(_parse_nt(response.content), fmt, max_rows, never)
            return QueryResult(kind="graph", format=fmt, media_type=GRAPH_FORMATS[fmt].media_type, body=body, truncated=truncated)
        data = self._results_json(sparql, timeout)
        if "boolean" in data:
            value = bool(data["boolean"])
            return QueryResult(
                kind="ask", format=fmt, media_type=RESULT_FORMATS[fmt].media_type,
                body=boolean_result(value, fmt), boolean=value,
            )
        normalised = json.dumps(_normalise(data)).encode("utf-8")
        try:
            solutions = ox.parse_query_results(normalised, ox.QueryResultsFormat.JSON)
            if not isinstance(solutions, ox.QuerySolutions):  # pragma: no cover - _normalise writes bindings
                raise StoreError("the remote store's answer to a SELECT held no bindings")
            body, variables, truncated = write_solutions(solutions, fmt, max_rows, never)
        except _Stop:  # pragma: no cover - never cancelled
            raise StoreError("the result could not be written") from None
        except SyntaxError as exc:
            # The query made terms RDF does not allow (BIND(<relative> AS ?x)): its doing, a 400.
            # Frames cleared: pyoxigraph objects must not be freed on another thread.
            message = str(exc)
            traceback.clear_frames(exc.__traceback__)
            solutions = None
            raise BadQuery(f"the query's results are not valid RDF terms: {message}") from None
        return QueryResult(
            kind="select", format=fmt, media_type=RESULT_FORMATS[fmt].media_type,
            body=body, variables=variables, truncated=truncated,
        )

    # --- export -------------------------------------------------------------------
    def export_to(self, format: str, output: BinaryIO) -> None:
        check_export_format(format)
        rdf_format = rdf_writer(format)
        graphs = sorted(self.article_graphs())
        from ..registry import registry_graph_iri

        for extra in (self.totals, registry_graph_iri(self.base_iri)):
            if self.select(f"ASK {{ GRAPH {iri(extra)} {{ ?s ?p ?o }} }}"):
                graphs.append(extra)  # the entity totals and registry are part of the dataset, as on the other backends
        try:
            if format == "jsonld":
                from ..jsonld import write_dataset

                write_dataset(output, ((name, self._graph_triples(name)) for name in graphs))
            elif format == "nquads":
                # One article at a time, so the export streams whatever the store's size.
                for name in graphs:
                    triples = self._graph_triples(name)
                    quads = [ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(name)) for t in triples]
                    ox.serialize(quads, output, rdf_format)
            elif format in DATASET_FORMATS:
                quads = []
                for name in graphs:
                    quads.extend(
                        ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(name)) for t in self._graph_triples(name)
                    )
                ox.serialize(quads, output, rdf_format, prefixes=PREFIXES)
            else:
                merged: dict = {}
                for name in graphs:
                    for triple in self._graph_triples(name):
                        merged[triple] = None
                ox.serialize(list(merged), output, rdf_format, prefixes=PREFIXES if format != "ntriples" else None)
        except (OSError, ValueError) as exc:
            if "reader went away" in str(exc):
                raise _Stop(str(exc)) from exc
            raise StoreError(f"exporting the store failed: {exc}") from exc

    def _graph_triples(self, name: str) -> list:
        response = self._raw_query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {iri(name)} {{ ?s ?p ?o }} }}", _NT, 60)
        return list(_parse_nt(response.content))

    def close(self) -> None:
        self._client.close()


def _skip_graph(sparql: str, graph: str) -> str:
    """The query with ``FILTER(?var != <graph>)`` after each ``GRAPH ?var {...}`` block, in the
    group holding the block (where ``?var`` is bound): ``?var`` never binds ``graph``."""
    toks = spans(sparql)
    inserts = []
    for i, (kind, value, _, _) in enumerate(toks):
        if not (kind == "word" and value.upper() == "GRAPH" and i + 2 < len(toks)
                and toks[i + 1][0] == "var" and toks[i + 2][1] == "{"):
            continue
        depth = 0
        for _, brace, _, end in toks[i + 2:]:
            depth += {"{": 1, "}": -1}.get(brace, 0)
            if depth == 0:
                inserts.append((end, f" FILTER({toks[i + 1][1]} != {iri(graph)})"))
                break
    for end, text in sorted(inserts, reverse=True):
        sparql = sparql[:end] + text + sparql[end:]
    return sparql


def _short(text: str) -> str:
    text = " ".join(text.split("SPARQL query:")[0].split())  # Virtuoso echoes the whole query
    return text[:300] + ("..." if len(text) > 300 else "")


def _nt(term) -> str:
    if isinstance(term, BNode):
        return "_:" + _bnode_label(str(term))
    return term.n3()


def _bnode_label(value: str) -> str:
    """A blank node label every parser accepts (Virtuoso's look like ``nodeID://b10000``)."""
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", value):
        return value
    return "b" + hashlib.sha1(value.encode()).hexdigest()[:16]


def _parse_nt(content: bytes):
    try:
        return ox.parse(content, ox.RdfFormat.N_TRIPLES)
    except SyntaxError as exc:
        raise StoreError(f"the remote store answered with invalid N-Triples: {exc}") from exc


def _normalise(data: dict) -> dict:
    """SPARQL 1.0-style JSON (Virtuoso's ``typed-literal``, odd blank node labels) to SPARQL 1.1 JSON."""
    bindings = []
    for binding in data.get("results", {}).get("bindings", []):
        row = {}
        for name, term in binding.items():
            term = dict(term)
            if term.get("type") == "typed-literal":
                term["type"] = "literal"
            if term.get("datatype") == "http://www.w3.org/2001/XMLSchema#boolean" and term["value"] in ("0", "1"):
                term["value"] = "true" if term["value"] == "1" else "false"  # Virtuoso's 0/1
            elif term.get("type") == "bnode":
                term["value"] = _bnode_label(term["value"])
            row[name] = term
        bindings.append(row)
    return {"head": {"vars": data.get("head", {}).get("vars", [])}, "results": {"bindings": bindings}}
