"""Every JSON-LD output is compact JSON-LD a generic processor (pyld) reads: an inline
``@context`` with schema.org and ng:, ``@type``, one node object per subject, a named
graph as ``@id`` + ``@graph``; and expanding then compacting it loses no triple."""

from __future__ import annotations

import io
import json
from collections import Counter

import pyoxigraph
import pytest
from api_helpers import BASE, client, loaded_store, settings
from graph_examples import EXAMPLES, VERSION
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.graph import to_graph
from newsgraph.jsonld import CONTEXT, from_rdflib, graph_document
from newsgraph.settings import Settings
from newsgraph.store import open_store

jsonld = pytest.importorskip("pyld.jsonld")

SCHEMA = "https://schema.org/"


def rdf_of(document) -> set[str]:
    """The document's quads as canonical-ish N-Quads lines, read by pyld."""
    nquads = jsonld.to_rdf(document, {"format": "application/n-quads"})
    return {line for line in nquads.splitlines() if line}


def blank_free(lines: set[str]) -> set[str]:
    return {line for line in lines if "_:" not in line}


def nodes_of(document) -> list[dict]:
    """Every node object, inside named graphs too."""
    found = []
    for item in document.get("@graph", []):
        if "@graph" in item:
            found += item["@graph"]
        else:
            found.append(item)
    return found


def check_compact(document, *, named: bool = False) -> None:
    """The shape generic consumers need, and an expand -> compact round trip with pyld."""
    assert document["@context"] == CONTEXT["@context"]
    assert document["@context"]["schema"] == SCHEMA
    nodes = nodes_of(document)
    assert nodes
    if named:
        graphs = [item for item in document["@graph"] if "@graph" in item] if "@id" not in document else [document]
        assert graphs and all(item["@id"].startswith("http") for item in graphs)
        for graph in graphs:  # one node object per subject within each graph
            ids = Counter(node["@id"] for node in graph["@graph"])
            assert max(ids.values()) == 1, ids.most_common(3)
    else:
        ids = Counter(node["@id"] for node in nodes)
        assert max(ids.values()) == 1, ids.most_common(3)
    for node in nodes:
        assert "rdf:type" not in node and "http://www.w3.org/1999/02/22-rdf-syntax-ns#type" not in node
        assert not any(key.startswith(SCHEMA) for key in node)  # schema.org terms are compacted
    types = [t for node in nodes for t in ([node["@type"]] if isinstance(node.get("@type"), str) else node.get("@type", []))]
    assert types and all(t.startswith(("schema:", "ng:", "prov:", "rdf:")) for t in types), set(types)
    expanded = jsonld.expand(document)
    compacted = jsonld.compact(expanded, CONTEXT)
    assert rdf_of(compacted) == rdf_of(document)
    # pyld compacts to the same schema.org terms and @type values.
    again = [t for node in nodes_of(compacted) for t in
             ([node["@type"]] if isinstance(node.get("@type"), str) else node.get("@type", []))]
    assert sorted(again) == sorted(types)
    people = [n for n in nodes_of(compacted) if n["@id"].startswith(BASE + "person/") and "schema:name" in n]
    assert all(n["@type"] == "schema:Person" for n in people)


def test_a_graph_document_matches_to_graph_exactly():
    for build in EXAMPLES.values():
        graph = to_graph(build(), base_iri=BASE, extractor_version=VERSION)
        document = graph_document(from_rdflib(graph), str(graph.identifier))
        check_compact(document, named=True)
        expected = {line for line in graph.serialize(format="nt").splitlines() if line.strip()}
        read = {line.rsplit(" ", 2)[0] + " ." for line in rdf_of(document)}  # drop the graph name
        # pyld and rdflib write a few literals differently (escapes); compare as RDF through pyoxigraph.
        as_ox = set(pyoxigraph.parse("\n".join(read).encode(), pyoxigraph.RdfFormat.N_TRIPLES))
        assert as_ox == set(pyoxigraph.parse("\n".join(expected).encode(), pyoxigraph.RdfFormat.N_TRIPLES))


def test_graph_export_is_a_dataset_with_one_graph_per_article():
    c = client()
    r = c.get("/graph", params={"format": "jsonld"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/ld+json")
    document = r.json()
    check_compact(document, named=True)
    graphs = {item["@id"] for item in document["@graph"]}
    assert {g for g in graphs if "/graph/" in g} == {BASE + "graph/a1b2c3d4e5f60001", BASE + "graph/a1b2c3d4e5f60002"}
    assert BASE + "totals" in graphs
    nquads = b"".join([c.get("/graph", params={"format": "nquads"}).content])
    assert set(pyoxigraph.parse(nquads, pyoxigraph.RdfFormat.N_QUADS)) == set(
        pyoxigraph.parse("\n".join(rdf_of(document)).encode(), pyoxigraph.RdfFormat.N_QUADS))


def test_article_as_jsonld_is_its_named_graph():
    r = client().get("/articles/a1b2c3d4e5f60001", headers={"accept": "application/ld+json"})
    assert r.status_code == 200
    document = r.json()
    assert document["@id"] == BASE + "graph/a1b2c3d4e5f60001"
    check_compact(document, named=True)


def test_construct_and_describe_as_jsonld():
    c = client()
    construct = c.post("/sparql", data={"query": "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } "
                                                 "FILTER(CONTAINS(STR(?g), '/graph/')) }"},
                       headers={"accept": "application/ld+json"})
    assert construct.status_code == 200, construct.text
    check_compact(construct.json())
    describe = c.get("/sparql", params={"query": f"DESCRIBE <{BASE}person/daren-tang>"},
                     headers={"accept": "application/ld+json"})
    assert describe.status_code == 200
    document = describe.json()
    assert [node["@id"] for node in document["@graph"]] == [BASE + "person/daren-tang"]
    assert document["@graph"][0]["@type"] == "schema:Person"
    assert document["@graph"][0]["schema:name"] == "Daren Tang"


def test_graph_store_get_as_jsonld():
    r = client().get("/rdf-graphs", params={"graph": BASE + "graph/a1b2c3d4e5f60002"},
                     headers={"accept": "application/ld+json"})
    assert r.status_code == 200
    check_compact(r.json())


@pytest.mark.parametrize("backend", ["memory", "oxigraph"])
def test_cli_export_jsonld_on_every_embedded_backend(backend, tmp_path):
    spec = "memory" if backend == "memory" else f"oxigraph:{tmp_path / 'db'}"
    s = Settings(base_iri=BASE)
    store = open_store(s, spec=spec)
    for build in EXAMPLES.values():
        extraction = build()
        store.add_article(extraction.article.id, to_graph(extraction, base_iri=BASE, extractor_version=VERSION))
    out = io.BytesIO()
    store.export_to("jsonld", out)
    nquads = io.BytesIO()
    store.export_to("nquads", nquads)
    store.close()
    document = json.loads(out.getvalue())
    check_compact(document, named=True)
    exported = set(pyoxigraph.parse(nquads.getvalue(), pyoxigraph.RdfFormat.N_QUADS))
    read = set(pyoxigraph.parse("\n".join(rdf_of(document)).encode(), pyoxigraph.RdfFormat.N_QUADS))
    assert blank_free({str(q) for q in read}) == blank_free({str(q) for q in exported})
    if backend == "oxigraph":
        result = CliRunner().invoke(app, ["export", "--format", "jsonld", "--store", spec], env={"NEWSGRAPH_BASE_IRI": BASE})
        assert result.exit_code == 0
        assert json.loads(result.stdout) == document


def test_loaded_store_fixture_is_the_api_default():
    # Guards the assumptions above: the API tests' store has two articles and a person.
    store = loaded_store(settings())
    assert len(store.article_ids()) == 2
