"""The ontology, the closed NG namespace, the SHACL shapes and the mapping agree."""

from __future__ import annotations

from pathlib import Path

import pyshacl
import pytest
from graph_examples import BASE, EXAMPLES, VERSION
from rdflib import Graph, Literal, Namespace, URIRef

from newsgraph import ontology
from newsgraph.graph import entity_iri, to_graph
from newsgraph.ontology import NG, NG_IRI, ng_terms

ONTOLOGIES = Path(__file__).parent.parent / "ontologies"
RDF, RDFS = Namespace(str(ontology.RDF)), Namespace(str(ontology.RDFS))
SDO, XSD = Namespace(str(ontology.SDO)), Namespace(str(ontology.XSD))
OWL = Namespace("http://www.w3.org/2002/07/owl#")
SH = Namespace("http://www.w3.org/ns/shacl#")
PROV = Namespace(str(ontology.PROV))
ARTICLE = URIRef(f"{BASE}article/a000000000000001")


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGIES / "newsgraph.ttl")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(ONTOLOGIES / "newsgraph-shapes.ttl")


def declared(onto: Graph) -> set[URIRef]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return {s for kind in kinds for s in onto.subjects(RDF.type, kind) if str(s).startswith(NG_IRI)}


def ng_terms_in(graph: Graph) -> set[URIRef]:
    return {term for triple in graph for term in triple
            if isinstance(term, URIRef) and str(term).startswith(NG_IRI)}


def emitted() -> set[URIRef]:
    """Terms in the example articles' graphs and in the entity totals a store keeps for them."""
    from newsgraph.store.memory import MemoryStore

    store = MemoryStore(base_iri=BASE)
    terms: set[URIRef] = set()
    for build in EXAMPLES.values():
        graph = to_graph(build(), base_iri=BASE, extractor_version=VERSION)
        terms |= ng_terms_in(graph)
        store.add_article(build().article.id, graph)
    # Curation decisions are registry triples too (newsgraph entities merge / split).
    from newsgraph.registry import Decisions, decision_statements

    pair = frozenset({f"{BASE}person/a-b", f"{BASE}person/c-d"})
    curated = Graph().parse(data="".join(s + " .\n" for s in decision_statements(
        Decisions(merges=frozenset({pair}), splits=frozenset({pair})))), format="nt")
    return terms | ng_terms_in(store.dataset) | ng_terms_in(curated)


def test_python_namespace_matches_the_ontology(onto):
    assert declared(onto) == ng_terms()


def test_every_emitted_term_is_declared_and_every_declared_term_is_emitted(onto):
    terms = emitted()
    assert terms - declared(onto) == set(), "emitted but not declared"
    assert declared(onto) - terms == set(), "declared but never emitted"


def test_every_term_has_a_label_and_a_comment(onto):
    for term in declared(onto) | {URIRef("https://w3id.org/newsgraph/ontology")}:
        assert onto.value(term, RDFS.label), f"{term} has no rdfs:label"
        assert onto.value(term, RDFS.comment), f"{term} has no rdfs:comment"
    # nothing in the ng: namespace is described without being declared
    assert ng_terms_in(onto) <= declared(onto)


def test_aligned_to_schema_org_and_prov(onto):
    assert (NG.Article, RDFS.subClassOf, SDO.NewsArticle) in onto
    assert (NG.Figure, RDFS.subClassOf, SDO.QuantitativeValue) in onto
    assert (NG.Quote, RDFS.subClassOf, SDO.Quotation) in onto
    assert (NG.Role, RDFS.subClassOf, SDO.Role) in onto
    assert (NG.speaker, RDFS.subPropertyOf, SDO.creator) in onto
    assert (NG.evidence, RDFS.subPropertyOf, PROV.wasDerivedFrom) in onto


def test_namespace_is_closed():
    with pytest.raises(AttributeError):
        NG.Artcle  # noqa: B018
    assert NG.Article == URIRef(NG_IRI + "Article")


def test_shapes_only_use_declared_terms(onto, shapes):
    assert ng_terms_in(shapes) <= declared(onto)


# --- Shapes catch what they should ------------------------------------------------------------


def validate(graph: Graph, shapes: Graph, onto: Graph) -> tuple[bool, Graph]:
    conforms, report, _ = pyshacl.validate(graph, shacl_graph=shapes, ont_graph=onto, advanced=True)
    return conforms, report


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_examples_conform(name, shapes, onto):
    graph = to_graph(EXAMPLES[name](), base_iri=BASE, extractor_version=VERSION)
    conforms, report = validate(graph, shapes, onto)
    assert conforms, report.serialize(format="turtle")


def _node(kind: str) -> URIRef:
    return URIRef(f"{ARTICLE}/{kind}")


BREAKAGES = {
    "figure with both unit code and unit text": (
        lambda g: g.add((_node("figure/1"), SDO.unitText, Literal("yuan"))), _node("figure/1")),
    "currency code that is not ISO 4217 shaped": (
        lambda g: g.set((_node("figure/1"), SDO.unitCode, Literal("yuan"))), _node("figure/1")),
    "role held by an organisation": (
        lambda g: g.set((_node("role/1"), NG.holder,
                         entity_iri("Organization", "Xinhua", BASE))), _node("role/1")),
    "span ending before it starts": (
        lambda g: g.set((_node("quote/1"), NG.charEnd, Literal(3))), _node("quote/1")),
    "property the shapes do not document": (
        lambda g: g.add((_node("quote/1"), SDO.description, Literal("extra"))), _node("quote/1")),
    "confidence above one": (
        lambda g: g.set((_node("relation/1"), NG.confidence, Literal("1.5", datatype=XSD.decimal))),
        _node("relation/1")),
    "mention of an untyped node": (
        lambda g: g.set((_node("mention/1"), NG.refersTo, URIRef(f"{BASE}place/nowhere"))), _node("mention/1")),
    "article without its id": (lambda g: g.remove((ARTICLE, SDO.identifier, None)), ARTICLE),
    "published date as a plain string": (
        lambda g: g.set((ARTICLE, SDO.datePublished, Literal("2 Sept 2025"))), ARTICLE),
    "fact without evidence": (lambda g: g.remove((_node("figure/2"), NG.evidence, None)), _node("figure/2")),
    "relation with a predicate newsgraph does not write": (
        lambda g: g.set((_node("relation/2"), RDF.predicate, SDO.knows)), _node("relation/2")),
    "entity without a name": (
        lambda g: g.remove((entity_iri("Person", "Liu Chenli", BASE), SDO.name, None)),
        entity_iri("Person", "Liu Chenli", BASE)),
    "located in something that is not a place": (
        lambda g: g.add((entity_iri("Organization", "Xinhua", BASE), NG.locatedIn,
                         entity_iri("Person", "Liu Chenli", BASE))), entity_iri("Organization", "Xinhua", BASE)),
}


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_shapes_reject_broken_graphs(breakage, shapes, onto):
    graph = to_graph(EXAMPLES["innovation"](), base_iri=BASE, extractor_version=VERSION)
    damage, focus = BREAKAGES[breakage]
    damage(graph)
    conforms, report = validate(graph, shapes, onto)
    assert not conforms
    focus_nodes = set(report.objects(None, SH.focusNode))
    assert focus in focus_nodes, f"no violation on {focus}: {focus_nodes}"


def test_a_stores_entity_totals_conform_and_a_broken_total_does_not(shapes, onto):
    from newsgraph.graph import totals_graph_iri
    from newsgraph.store.memory import MemoryStore

    store = MemoryStore(base_iri=BASE)
    for build in EXAMPLES.values():
        store.add_article(build().article.id, to_graph(build(), base_iri=BASE, extractor_version=VERSION))
    totals = Graph()
    for triple in store.dataset.graph(totals_graph_iri(BASE)):
        totals.add(triple)
    counted = set(totals.subjects(NG.totalMentions, None))
    assert len(counted) > 10
    conforms, report = validate(totals, shapes, onto)
    assert conforms, report.serialize(format="turtle")
    entity = sorted(counted)[0]
    totals.remove((entity, NG.articleCount, None))  # a total without its article count
    conforms, report = validate(totals, shapes, onto)
    assert not conforms and entity in set(report.objects(None, SH.focusNode))
