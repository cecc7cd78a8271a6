"""to_graph(): the RDF mapping, compared as graphs against hand-checked Turtle."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from graph_examples import BASE, EXAMPLES, VERSION, assembly, harbour, innovation, minimal
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

import newsgraph
from newsgraph import ontology
from newsgraph.errors import InvalidArticle, InvalidSetting, NewsgraphError
from newsgraph.graph import article_graph_iri, article_iri, entity_iri, name_slug, to_graph
from newsgraph.ontology import NG
from newsgraph.schema import Entity, Evidence, Figure, Relation, Role

# Plain namespaces: pytest's collection pokes at module attributes, which the
# open DefinedNamespaces answer with a warning.
SDO, XSD = Namespace(str(ontology.SDO)), Namespace(str(ontology.XSD))
RDF, PROV = Namespace(str(ontology.RDF)), Namespace(str(ontology.PROV))

EXPECTED = Path(__file__).parent / "expected"
ROOT = Path(__file__).parent.parent


def build(extraction, **kwargs):
    return to_graph(extraction, base_iri=BASE, extractor_version=VERSION, **kwargs)


def assert_same_graph(actual: Graph, expected: Graph) -> None:
    if isomorphic(actual, expected):
        return
    _, only_actual, only_expected = graph_diff(to_isomorphic(actual), to_isomorphic(expected))
    lines = ["graphs differ"]
    lines += ["  only in to_graph: " + " ".join(term.n3() for term in t) for t in sorted(only_actual)]
    lines += ["  only in expected: " + " ".join(term.n3() for term in t) for t in sorted(only_expected)]
    pytest.fail("\n".join(lines))


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_matches_expected_turtle(name):
    expected = Graph().parse(EXPECTED / f"{name}.ttl")
    assert_same_graph(build(EXAMPLES[name]()), expected)


def test_expected_file_mismatch_is_reported_triple_by_triple():
    expected = Graph().parse(EXPECTED / "minimal.ttl")
    actual = build(minimal())
    actual.set((article_iri("a000000000000004", BASE), SDO.inLanguage, Literal("fr")))
    with pytest.raises(pytest.fail.Exception, match=r'only in to_graph: .*"fr"'):
        assert_same_graph(actual, expected)


def test_graph_is_the_articles_named_graph():
    graph = build(innovation())
    assert graph.identifier == URIRef(f"{BASE}graph/a000000000000001")
    assert graph.identifier == article_graph_iri("a000000000000001", BASE)
    assert (article_iri("a000000000000001", BASE), NG.extractorVersion, Literal(VERSION)) in graph


def test_public_api_exports_to_graph():
    assert "to_graph" in newsgraph.__all__
    assert newsgraph.to_graph is to_graph


def test_default_extractor_version_is_the_package_version():
    graph = to_graph(minimal(), base_iri=BASE)
    assert graph.value(article_iri("a000000000000004", BASE), NG.extractorVersion) == Literal(newsgraph.__version__)


# --- IRIs --------------------------------------------------------------------------------


def test_same_entity_in_two_articles_is_one_node():
    tang = entity_iri("Person", "Daren Tang", BASE)
    assert tang == URIRef(f"{BASE}person/daren-tang")
    first, second = build(innovation()), build(assembly())
    assert (article_iri("a000000000000001", BASE), SDO.mentions, tang) in first
    assert (article_iri("a000000000000002", BASE), SDO.mentions, tang) in second
    # Each graph carries the node's type and name, so dropping one keeps it whole.
    for graph in (first, second):
        assert (tang, RDF.type, SDO.Person) in graph
        assert (tang, SDO.name, Literal("Daren Tang")) in graph


def test_deleting_one_article_graph_keeps_shared_nodes():
    dataset = Dataset()
    for extraction in (innovation(), assembly()):
        graph = build(extraction)
        named = dataset.graph(graph.identifier)
        named += graph
    dataset.remove_graph(dataset.graph(article_graph_iri("a000000000000001", BASE)))
    tang = entity_iri("Person", "Daren Tang", BASE)
    assert (tang, RDF.type, SDO.Person, article_graph_iri("a000000000000002", BASE)) in dataset
    assert not list(dataset.quads((None, None, None, article_graph_iri("a000000000000001", BASE))))


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Daren Tang", "daren-tang"),
        ("the World Intellectual Property Organization's", "world-intellectual-property-organization"),
        ("The WIPO’s", "wipo"),
        ("José  Ruiz-Núñez", "jose-ruiz-nunez"),
        ("AT&T", "at-t"),
        ("DAREN TANG", "daren-tang"),
        ("张林", "张林"),
        ("Ding_Li", "ding-li"),
    ],
)
def test_name_slug(name, slug):
    assert name_slug(name) == slug


def test_name_slug_without_letters_or_too_long_stays_unique():
    assert name_slug("$$$").startswith("h") and name_slug("$$$") != name_slug("%%%")
    long_a, long_b = "word " * 40 + "alpha", "word " * 40 + "beta"
    assert len(name_slug(long_a)) <= 100
    assert name_slug(long_a) != name_slug(long_b)
    assert name_slug(long_a) == name_slug(long_a)


def test_entity_iri_rejects_unknown_type():
    with pytest.raises(InvalidArticle, match="unknown entity type 'Animal'"):
        entity_iri("Animal", "Rex", BASE)


def test_the_core_reads_no_environment_the_base_iri_is_passed(monkeypatch):
    # to_graph() is pure: NEWSGRAPH_BASE_IRI is read by the CLI and the service, which pass
    # settings.base_iri down; the core falls back on the declared default only.
    monkeypatch.setenv("NEWSGRAPH_BASE_IRI", "https://data.example.com/news")
    assert to_graph(minimal(), extractor_version=VERSION).identifier == URIRef(
        "https://w3id.org/newsgraph/id/graph/a000000000000004"
    )
    assert entity_iri("Place", "Geneva") == URIRef("https://w3id.org/newsgraph/id/place/geneva")
    graph = to_graph(minimal(), base_iri="https://data.example.com/news", extractor_version=VERSION)
    assert graph.identifier == URIRef("https://data.example.com/news/graph/a000000000000004")
    assert entity_iri("Place", "Geneva", "https://data.example.com/news") == URIRef(
        "https://data.example.com/news/place/geneva"
    )


@pytest.mark.parametrize("base", ["not an iri", "example.org/ng/", "https://exa mple.org/"])
def test_bad_base_iri_is_a_clear_error(base):
    with pytest.raises(InvalidSetting, match="not an absolute IRI") as info:
        to_graph(minimal(), base_iri=base)
    assert isinstance(info.value, NewsgraphError) and info.value.code == "invalid_setting"


@pytest.mark.parametrize("article_id", ["", "a b", "x/y", "a" * 129, "<id>"])
def test_article_ids_that_cannot_be_iris_are_refused(article_id):
    extraction = minimal()
    extraction.article.id = article_id
    with pytest.raises(InvalidArticle, match="cannot be used in an IRI"):
        build(extraction)


# --- Literals and facts ------------------------------------------------------------------


def test_typed_literals():
    graph = build(innovation())
    article = article_iri("a000000000000001", BASE)
    assert graph.value(article, SDO.datePublished) == Literal("2025-09-02", datatype=XSD.date)
    figure = URIRef(f"{article}/figure/1")
    value = graph.value(figure, SDO.value)
    assert value.datatype == XSD.decimal and value.toPython() == Decimal("223660000000")
    assert graph.value(figure, SDO.unitCode) == Literal("CNY")
    assert graph.value(URIRef(f"{article}/figure/2"), SDO.unitText) == Literal("percent")
    assert graph.value(URIRef(f"{article}/quote/2"), NG.direct) == Literal(True)
    assert graph.value(URIRef(f"{article}/quote/2"), NG.charStart).datatype == XSD.integer


def test_published_date_time_becomes_xsd_datetime():
    graph = build(assembly())
    value = graph.value(article_iri("a000000000000002", BASE), SDO.datePublished)
    assert value.datatype == XSD.dateTime and str(value) == "2025-09-03T08:30:00+00:00"


@pytest.mark.parametrize(
    ("published", "lexical", "datatype"),
    [
        ("2025-09-02", "2025-09-02", "date"),
        (" 2025-09-02T10:15:00 ", "2025-09-02T10:15:00", "dateTime"),
        ("2025-09-02 10:15:00+02:00", "2025-09-02T10:15:00+02:00", "dateTime"),
        ("Tue, 02 Sep 2025 10:15:00 +0000", "2025-09-02T10:15:00+00:00", "dateTime"),
    ],
)
def test_published_dates_in_common_forms(published, lexical, datatype):
    extraction = minimal()
    extraction.article.published = published
    value = build(extraction).value(article_iri("a000000000000004", BASE), SDO.datePublished)
    assert (str(value), value.datatype) == (lexical, XSD[datatype])


def test_unparseable_published_date_is_a_clear_error():
    extraction = minimal()
    extraction.article.published = "last Tuesday"
    with pytest.raises(InvalidArticle, match="'last Tuesday' is not an ISO date"):
        build(extraction)


def test_huge_and_tiny_values_are_plain_decimals():
    extraction = harbour()
    extraction.figures[0].value = 1e25
    graph = build(extraction)
    value = graph.value(URIRef(f"{BASE}article/a000000000000003/figure/1"), SDO.value)
    assert "e" not in str(value).lower() and value.toPython() == Decimal("1e25")
    extraction.figures[0].value = 2.5e-7
    value = build(extraction).value(URIRef(f"{BASE}article/a000000000000003/figure/1"), SDO.value)
    assert "e" not in str(value).lower() and value.toPython() == Decimal("2.5e-7")


@pytest.mark.parametrize("value", [float("inf"), float("nan")])
def test_non_finite_figure_is_refused(value):
    extraction = harbour()
    extraction.figures[0].value = value
    with pytest.raises(InvalidArticle, match="the value of figure 1"):
        build(extraction)


def test_unknown_entity_reference_is_a_clear_error():
    extraction = innovation()
    evidence = extraction.roles[0].evidence
    extraction.roles.append(Role(person="e99", role="mayor", evidence=evidence, confidence=0.5))
    with pytest.raises(InvalidArticle, match="role 3 refers to entity 'e99'"):
        build(extraction)
    extraction = innovation()
    extraction.relations.append(Relation(subject="e1", predicate="partOf", object="e42",
                                         evidence=evidence, confidence=0.5))
    with pytest.raises(InvalidArticle, match="relation 3 refers to entity 'e42'"):
        build(extraction)


def test_duplicate_entity_ids_are_refused():
    extraction = minimal()
    extraction.entities = [Entity(id="e1", type="Place", name="Oslo"), Entity(id="e1", type="Place", name="Bergen")]
    with pytest.raises(InvalidArticle, match="'e1' is used twice"):
        build(extraction)


def test_shortcut_triples():
    first, second, third = build(innovation()), build(assembly()), build(harbour())
    e = lambda kind, name: entity_iri(kind, name, BASE)  # noqa: E731
    tang, wipo = e("Person", "Daren Tang"), e("Organization", "World Intellectual Property Organization")
    assert (tang, SDO.worksFor, wipo) in first
    assert (tang, SDO.jobTitle, Literal("director general")) in first
    siat = e("Organization", "Shenzhen Institute of Advanced Technology")
    cas = e("Organization", "Chinese Academy of Sciences")
    assert (siat, NG.partOf, cas) in first and (siat, SDO.parentOrganization, cas) in first
    geneva, swiss = e("Place", "Geneva"), e("Place", "Switzerland")
    assert (geneva, NG.locatedIn, swiss) in second and (geneva, SDO.containedInPlace, swiss) in second
    assert (wipo, NG.basedIn, geneva) in second and (wipo, SDO.location, geneva) in second
    voss, party = e("Person", "Mara Voss"), e("Organization", "Harbour Party")
    assert (voss, SDO.memberOf, party) in third
    assert (voss, NG.livesIn, e("Place", "Port Ellis")) in third
    assert (voss, SDO.homeLocation, e("Place", "Port Ellis")) in third
    assert (voss, NG.bornIn, e("Place", "Port Ellis")) in third
    assert (voss, SDO.birthPlace, e("Place", "Port Ellis")) in third
    assert (e("Other", "storm"), NG.killed, e("Person", "fishermen")) in third
    # A role without an organisation has a job title but no worksFor.
    assert (voss, SDO.jobTitle, Literal("senator")) in third
    assert (voss, SDO.worksFor, None) not in third
    # Part-of from an Other to an organisation has no schema.org equivalent.
    assert (e("Other", "Voss Fund"), SDO.parentOrganization, None) not in third


def test_unknown_relation_predicate_keeps_its_name():
    graph = build(harbour())
    node = URIRef(f"{BASE}article/a000000000000003/relation/3")
    assert graph.value(node, RDF.predicate) == NG.relatedTo
    assert graph.value(node, NG.predicateName) == Literal("acquired")
    party = entity_iri("Organization", "Harbour Party", BASE)
    gazette = entity_iri("Organization", "Ellis Gazette", BASE)
    assert (party, NG.relatedTo, gazette) in graph


def test_evidence_sentence_is_shared_by_facts_in_it():
    graph = build(innovation())
    article = f"{BASE}article/a000000000000001"
    sentence = URIRef(f"{article}/sentence/3")
    users = set(graph.subjects(NG.evidence, sentence))
    assert users == {URIRef(f"{article}/{kind}") for kind in ("quote/2", "role/2", "relation/1", "relation/2")}
    assert len(list(graph.objects(sentence, NG.sentenceText))) == 1
    text = str(graph.value(sentence, NG.sentenceText))
    start, end = graph.value(sentence, NG.charStart).toPython(), graph.value(sentence, NG.charEnd).toPython()
    from graph_examples import INNOVATION

    assert INNOVATION.text[start:end] == text
    for fact in users:
        assert graph.value(fact, PROV.wasDerivedFrom) == URIRef(article)


def test_mention_counts_add_up_for_entities_sharing_an_iri():
    graph = build(harbour())
    party = entity_iri("Organization", "Harbour Party", BASE)
    mentions = set(graph.subjects(NG.refersTo, party))
    assert len(mentions) == 4
    assert list(graph.objects(party, NG.timesMentioned)) == [Literal(4)]
    # one ng:timesMentioned per distinct entity IRI, equal to its mentions
    counted = set(graph.subjects(NG.timesMentioned, None))
    assert len(counted) == 8
    for entity in counted:
        assert graph.value(entity, NG.timesMentioned).toPython() == len(set(graph.subjects(NG.refersTo, entity)))


def test_figure_with_confidence_is_rounded_decimal():
    extraction = harbour()
    extraction.figures = [Figure(text="3", value=3, unit="count", start=0, end=1,
                                 evidence=Evidence(sentence=0, start=0, end=5, text="3 men"),
                                 confidence=0.333333333)]
    graph = build(extraction)
    confidence = graph.value(URIRef(f"{BASE}article/a000000000000003/figure/1"), NG.confidence)
    assert confidence.datatype == XSD.decimal and confidence.toPython() == Decimal("0.3333")


# --- Real samples -------------------------------------------------------------------------


@pytest.mark.model
def test_every_sample_maps_and_validates_against_the_shapes(nlp):
    import pyshacl

    from newsgraph.extract import extract

    samples = sorted((ROOT / "samples").glob("*.txt"))
    assert samples, "samples/*.txt are missing"
    shapes = Graph().parse(ROOT / "ontologies" / "newsgraph-shapes.ttl")
    ontology = Graph().parse(ROOT / "ontologies" / "newsgraph.ttl")
    for path in samples:
        extraction = extract(path.read_text(encoding="utf-8"), source=path.name)
        graph = to_graph(extraction)
        assert len(graph) > 0
        conforms, _, report = pyshacl.validate(graph, shacl_graph=shapes, ont_graph=ontology, advanced=True)
        assert conforms, f"{path.name} does not conform:\n{report}"


# --- Any extraction -------------------------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from newsgraph.schema import Article, Extraction, Mention, Quote  # noqa: E402

_names = st.text(min_size=1, max_size=40).filter(lambda s: s.strip())
_offsets = st.tuples(st.integers(0, 10_000), st.integers(0, 500)).map(lambda p: (p[0], p[0] + p[1]))
_confidence = st.floats(0, 1)


@st.composite
def _evidence(draw):
    start, end = draw(_offsets)
    return Evidence(sentence=draw(st.integers(0, 50)), start=start, end=end, text=draw(st.text(max_size=60)))


@st.composite
def extractions(draw):
    """Random but well-typed extractions: e1 a person, e2 an organisation, e3 a place, e4 other."""
    entities = []
    for number, kind in enumerate(("Person", "Organization", "Place", "Other"), start=1):
        mentions = [Mention(start=s, end=e, text=draw(st.text(max_size=20)))
                    for s, e in draw(st.lists(_offsets, max_size=3))]
        entities.append(Entity(id=f"e{number}", type=kind, name=draw(_names),
                               aliases=draw(st.lists(_names, max_size=2)), mentions=mentions))
    roles = [Role(person="e1", role=draw(_names), organization=draw(st.sampled_from([None, "e2"])),
                  evidence=draw(_evidence()), confidence=draw(_confidence))
             for _ in range(draw(st.integers(0, 2)))]
    figures = []
    for _ in range(draw(st.integers(0, 2))):
        start, end = draw(_offsets)
        figures.append(Figure(
            text=draw(st.text(max_size=20)), value=draw(st.floats(allow_nan=False, allow_infinity=False)),
            unit=draw(st.sampled_from(["USD", "CNY", "percent", "count", "km"])),
            qualifier=draw(st.sampled_from([None, "approximately", "more than"])), about=draw(st.none() | _names),
            subject=draw(st.sampled_from([None, "e1", "e2", "e3", "e4"])), period=draw(st.none() | _names),
            start=start, end=end, evidence=draw(_evidence()), confidence=draw(_confidence)))
    quotes = []
    for _ in range(draw(st.integers(0, 2))):
        start, end = draw(_offsets)
        quotes.append(Quote(speaker=draw(st.sampled_from(["e1", "e2"])), text=draw(st.text(max_size=60)),
                            verb=draw(_names), direct=draw(st.booleans()), start=start, end=end,
                            evidence=draw(_evidence()), confidence=draw(_confidence)))
    # (predicate, subject, object) as the ontology's ranges allow them
    relation_choices = [("partOf", "e2", "e2"), ("locatedIn", "e3", "e3"), ("basedIn", "e2", "e3"),
                        ("livesIn", "e1", "e3"), ("bornIn", "e1", "e3"), ("killed", "e1", "e1"),
                        ("memberOf", "e1", "e2"), ("partOf", "e4", "e2"), (draw(_names), "e4", "e1")]
    relations = [Relation(subject=s, predicate=p, object=o, evidence=draw(_evidence()), confidence=draw(_confidence))
                 for p, s, o in draw(st.lists(st.sampled_from(relation_choices), max_size=3))]
    article = Article(id=draw(st.from_regex(r"[A-Za-z0-9._~-]{1,40}", fullmatch=True)),
                      title=draw(st.none() | st.text(max_size=40)), url=draw(st.none() | st.text(max_size=40)),
                      published=draw(st.none() | st.dates().map(str)), language=draw(st.sampled_from(["en", "zh"])),
                      source=draw(st.none() | st.text(max_size=20)))
    return Extraction(article=article, entities=entities, roles=roles, figures=figures, quotes=quotes,
                      relations=relations)


@pytest.fixture(scope="module")
def shape_graphs():
    return (Graph().parse(ROOT / "ontologies" / "newsgraph-shapes.ttl"),
            Graph().parse(ROOT / "ontologies" / "newsgraph.ttl"))


@given(extraction=extractions())
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_extraction_maps_to_a_graph_stores_accept_and_shapes_validate(extraction, shape_graphs):
    import pyoxigraph as ox
    import pyshacl

    graph = build(extraction)
    # Oxigraph is strict about IRIs and literals: everything minted must load.
    store = ox.Store()
    store.load(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES,
               to_graph=ox.NamedNode(str(graph.identifier)))
    assert len(store) == len(graph)
    shapes, ontology_graph = shape_graphs
    conforms, _, report = pyshacl.validate(graph, shacl_graph=shapes, ont_graph=ontology_graph, advanced=True)
    assert conforms, report
