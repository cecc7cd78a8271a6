"""How each store backend reads the registry's input and writes its changes.

Kept apart from the backends themselves so each of them only calls these at its write
path (see :mod:`.registry_keeper` for what is kept and why).

On every backend the registry graph, like the entity totals, is kept out of the default
graph (which stays the set union of the article graphs): read it with
``GRAPH <{base}registry> { ?x ng:resolvesTo ?e }``.
"""

from __future__ import annotations

import pyoxigraph as ox

from ..registry import MERGE, SPLIT
from .base import graph_prefix
from .entity_index import EntityIndex
from .registry_keeper import READ_PREDICATES, Plan, RegistryKeeper, articles_from_rows, decisions_from


class RegistryIndex(EntityIndex):
    """The resolved entities ranked in memory for ``/entities``: an :class:`EntityIndex` over
    the registry graph, which gives each resolved entity its totals and name (and, as
    alternate names, every name and alias of the IRIs resolving to it). Not followed write
    by write: dropped after every write that changes the registry, built again when read."""

    def wants_labels(self) -> bool:
        return False  # writers need not report labels: the index is dropped and rebuilt


# --- Oxigraph ---------------------------------------------------------------------------


def oxigraph_load(keeper: RegistryKeeper, store: ox.Store, base_iri: str) -> None:
    """Read the snapshot, the registry graph and its decisions from an Oxigraph store."""
    prefix = graph_prefix(base_iri)
    rows = []
    for predicate in READ_PREDICATES:
        for quad in store.quads_for_pattern(None, ox.NamedNode(predicate), None, None):
            graph = quad.graph_name
            if isinstance(graph, ox.NamedNode) and isinstance(quad.subject, ox.NamedNode) and \
                    not isinstance(quad.object, ox.Triple):
                rows.append((graph.value, quad.subject.value, predicate, quad.object.value))
    registry = ox.NamedNode(keeper.graph)
    stored = [str(q.triple) for q in store.quads_for_pattern(None, None, None, registry)]
    decisions = decisions_from(
        (q.subject.value, q.predicate.value, q.object.value)
        for p in (MERGE, SPLIT)
        for q in store.quads_for_pattern(None, ox.NamedNode(p), None, registry)
        if not isinstance(q.subject, ox.Triple) and not isinstance(q.object, ox.Triple)
    )
    keeper.load(articles_from_rows(rows, keeper.base, prefix), stored, decisions)


def oxigraph_operations(keeper: RegistryKeeper, plan: Plan) -> list[str]:
    """SPARQL Update operations for ``plan`` on Oxigraph (the registry graph only: like the
    totals it stays out of the stored default graph)."""
    return plan.sparql(keeper.graph) if plan else []


# --- rdflib (the memory store) ------------------------------------------------------------


def rdflib_load(keeper: RegistryKeeper, dataset, base_iri: str) -> None:
    from rdflib import Graph, URIRef

    prefix = graph_prefix(base_iri)
    rows = []
    for predicate in READ_PREDICATES:
        for s, _, o, g in dataset.quads((None, URIRef(predicate), None, None)):
            name = g.identifier if isinstance(g, Graph) else g
            if isinstance(s, URIRef) and name is not None:
                rows.append((str(name), str(s), predicate, str(o)))
    registry = dataset.graph(URIRef(keeper.graph))
    stored = [f"{s.n3()} {p.n3()} {o.n3()}" for s, p, o in registry]
    decisions = decisions_from((str(s), str(p), str(o)) for s, p, o in registry if str(p) in (MERGE, SPLIT))
    keeper.load(articles_from_rows(rows, keeper.base, prefix), stored, decisions)


def rdflib_apply(keeper: RegistryKeeper, dataset, plan: Plan) -> None:
    """Apply ``plan`` to the registry graph of an rdflib Dataset (under the store's lock)."""
    from rdflib import Literal, URIRef

    def term(node):
        if isinstance(node, ox.Literal):
            if node.language:
                return Literal(node.value, lang=node.language)
            datatype = node.datatype.value
            return Literal(node.value, datatype=None if datatype.endswith("#string") else URIRef(datatype))
        return URIRef(node.value)

    target = dataset.graph(URIRef(keeper.graph))
    for statements, add in ((plan.delete, False), (plan.insert, True)):
        if not statements:
            continue
        # pyoxigraph's parser: rdflib's takes several times as long
        for triple in ox.parse("".join(f"{s} .\n" for s in statements).encode(), ox.RdfFormat.N_TRIPLES):
            made = (term(triple.subject), term(triple.predicate), term(triple.object))
            (target.add if add else target.remove)(made)


# --- A remote SPARQL store ------------------------------------------------------------------


def sparql_load(keeper: RegistryKeeper, store, base_iri: str) -> None:
    """Read everything through SPARQL SELECTs (a remote store: other processes write too)."""
    prefix = graph_prefix(base_iri)
    values = " ".join(f"<{p}>" for p in READ_PREDICATES)
    rows = store.select(
        f'SELECT ?g ?s ?p ?o WHERE {{ VALUES ?p {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} '
        f'FILTER(STRSTARTS(STR(?g), "{prefix}")) }}'
    )
    found = [(r["g"], r["s"], r["p"], r["o"]) for r in rows if "g" in r and "o" in r]
    nt, _ = store.construct_ntriples(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{keeper.graph}> {{ ?s ?p ?o }} }}")
    triples = list(ox.parse(nt, ox.RdfFormat.N_TRIPLES)) if nt.strip() else []
    stored = [str(t) for t in triples]
    decisions = decisions_from(
        (t.subject.value, t.predicate.value, t.object.value) for t in triples if t.predicate.value in (MERGE, SPLIT)
    )
    keeper.load(articles_from_rows(found, keeper.base, prefix), stored, decisions)


__all__ = [
    "RegistryIndex","oxigraph_load", "oxigraph_operations", "rdflib_apply", "rdflib_load", "sparql_load"]
