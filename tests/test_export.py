"""Property-graph exports (GraphML for NetworkX/Gephi, neo4j-admin CSV) and RDF exports."""

from __future__ import annotations

import csv
import io

import networkx as nx
import pytest
from graph_examples import BASE, EXAMPLES, VERSION
from rdflib import RDF, Graph, Literal, URIRef

from newsgraph.errors import StoreError
from newsgraph.export import (
    export,
    local_name,
    property_graph,
    relationship_type,
    stream,
    write_graphml,
    write_neo4j_csv,
)
from newsgraph.graph import to_graph
from newsgraph.ontology import NG
from newsgraph.settings import Settings
from newsgraph.store import open_store

OWL_SAME_AS = URIRef("http://www.w3.org/2002/07/owl#sameAs")


@pytest.fixture(params=["memory", "oxigraph"])
def store(request, tmp_path):
    spec = "memory" if request.param == "memory" else f"oxigraph:{tmp_path / 'db'}"
    store = open_store(Settings(base_iri=BASE), spec=spec)
    for build in EXAMPLES.values():
        extraction = build()
        store.add_article(extraction.article.id, to_graph(extraction, base_iri=BASE, extractor_version=VERSION))
    yield store
    store.close()


def merged():
    """Every triple of the example articles once, and the entity totals a store keeps for them."""
    triples = set()
    totals: dict = {}
    for build in EXAMPLES.values():
        graph = to_graph(build(), base_iri=BASE, extractor_version=VERSION)
        triples.update(graph)
        for entity, count in graph.subject_objects(NG.timesMentioned):
            mentions, articles = totals.get(entity, (0, 0))
            totals[entity] = (mentions + int(count), articles + 1)
    for entity, (mentions, articles) in totals.items():
        triples.add((entity, NG.totalMentions, Literal(mentions)))
        triples.add((entity, NG.articleCount, Literal(articles)))
    # and the entity registry the store keeps for them (its links are no property-graph edges)
    from newsgraph.registry import registry_for

    pairs = [(str(g.identifier), g) for g in (to_graph(b(), base_iri=BASE, extractor_version=VERSION)
                                               for b in EXAMPLES.values())]
    statements = registry_for(pairs, BASE)
    triples.update(Graph().parse(data="".join(s + " .\n" for s in statements), format="nt"))
    return triples


def test_graphml_loads_in_networkx_with_every_node_edge_and_property(store):
    buffer = io.BytesIO()
    write_graphml(store, buffer)
    graph = nx.read_graphml(io.BytesIO(buffer.getvalue()))
    triples = merged()
    links = {(str(s), relationship_type(str(p)), str(o)) for s, p, o in triples
             if isinstance(o, URIRef) and p != RDF.type and p not in (NG.resolvesTo, OWL_SAME_AS)}
    literals = [(s, p, o) for s, p, o in triples if isinstance(o, Literal)]
    resources = {str(s) for s, _, _ in triples} | {str(o) for _, p, o in triples if isinstance(o, URIRef) and p != RDF.type}
    resources -= {str(s) for s, p, o in triples if p == OWL_SAME_AS}  # one node per resolved entity
    assert set(graph.nodes) == resources
    assert {(u, d["type"], v) for u, v, d in graph.edges(data=True)} == links
    assert graph.number_of_edges() == len(links)
    # Types become labels, literals become properties.
    person = BASE + "person/daren-tang"
    assert "Person" in graph.nodes[person]["labels"].split(";")
    assert graph.nodes[person]["name"] == "Daren Tang"
    assert all(local_name(str(p)) in graph.nodes[str(s)] for s, p, _ in literals)
    numbers = [d["value"] for _, d in graph.nodes(data=True) if "value" in d]
    assert numbers and all(isinstance(n, float) for n in numbers)  # xsd:decimal: a double
    # Counts and offsets (xsd:integer) are integers, declared long.
    counts = [d["totalMentions"] for _, d in graph.nodes(data=True) if "totalMentions" in d]
    assert counts and all(type(n) is int for n in counts)
    assert b'attr.name="charStart" attr.type="long"' in buffer.getvalue()
    # Relationship types are upper snake case, never a node label.
    kinds = {d["type"] for _, _, d in graph.edges(data=True)}
    assert {"WORKS_FOR", "MENTIONS", "ORGANIZATION"} <= kinds
    assert all(kind == kind.upper() for kind in kinds)
    labels = {label for _, d in graph.nodes(data=True) for label in d.get("labels", "").split(";")}
    assert "Organization" in labels and not kinds & labels
    flags = [d["direct"] for _, d in graph.nodes(data=True) if "direct" in d]
    assert set(flags) == {True, False}  # xsd:boolean stays a boolean


def test_neo4j_csv_layout_and_counts(store, tmp_path):
    nodes_path, edges_path = write_neo4j_csv(store, tmp_path / "csv")
    with open(nodes_path, newline="", encoding="utf-8") as f:
        nodes = list(csv.reader(f))
    with open(edges_path, newline="", encoding="utf-8") as f:
        edges = list(csv.reader(f))
    assert nodes[0][:2] == ["id:ID", ":LABEL"]
    assert all(":" in column for column in nodes[0][2:])  # every property column is typed
    assert "direct:boolean" in nodes[0] and "value:double" in nodes[0]
    assert "totalMentions:long" in nodes[0] and "charStart:long" in nodes[0]
    assert {"WORKS_FOR", "MENTIONS"} <= {row[2] for row in edges[1:]}
    assert edges[0] == [":START_ID", ":END_ID", ":TYPE"]
    graph = property_graph(store)
    assert len(nodes) - 1 == len(graph.nodes) and len(edges) - 1 == len(graph.edges)
    ids = {row[0] for row in nodes[1:]}
    assert all(row[0] in ids and row[1] in ids for row in edges[1:])  # no dangling edge
    header = nodes[0]
    name_column = next(i for i, h in enumerate(header) if h.startswith("name:"))
    row = next(r for r in nodes[1:] if r[0] == BASE + "person/daren-tang")
    assert row[name_column] == "Daren Tang" and "Person" in row[1].split(";")


def test_export_dispatches_and_refuses_bad_requests(store, tmp_path):
    out = io.BytesIO()
    export(store, "ntriples", out)
    assert out.getvalue().count(b"\n") == len(merged())
    with pytest.raises(StoreError, match="directory"):
        export(store, "csv")
    with pytest.raises(StoreError, match="unknown export format"):
        export(store, "xlsx", io.BytesIO())
    assert b"<graphml" in b"".join(stream(store, "graphml"))


def test_property_graph_leaves_out_triple_terms_a_sparql_update_wrote(tmp_path):
    # Oxigraph takes RDF 1.2 triple terms in an update; a property graph has nowhere to put
    # one, and reading it as a node (it has no .value) failed the whole export.
    store = open_store(Settings(base_iri=BASE), spec=f"oxigraph:{tmp_path / 'db'}")
    try:
        store.update(
            "INSERT DATA { GRAPH <http://example.org/notes> { "
            "<http://example.org/a> <http://example.org/says> <<( <http://example.org/s> "
            "<http://example.org/p> <http://example.org/o> )>> . "
            "<http://example.org/a> <http://example.org/knows> <http://example.org/b> } }"
        )
        graph = property_graph(store)
        assert graph.edges == [("http://example.org/a", "KNOWS", "http://example.org/b")]
        assert set(graph.nodes) == {"http://example.org/a", "http://example.org/b"}
        buffer = io.BytesIO()
        write_graphml(store, buffer)
        assert set(nx.read_graphml(io.BytesIO(buffer.getvalue())).nodes) == set(graph.nodes)
    finally:
        store.close()
