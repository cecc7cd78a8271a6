"""The sample queries in samples/queries/, run on the graphs of hand-built articles.

Every query runs on three engines — Oxigraph natively (pyoxigraph), rdflib's
in-memory Dataset with its Python SPARQL engine, and rdflib on the Oxigraph store
(oxrdflib) — plus Virtuoso through newsgraph's remote store when it is installed,
and must give the same rows on each, since the queries use explicit GRAPH patterns
instead of relying on a union default graph.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from graph_examples import BASE, VERSION, assembly, harbour, innovation, minimal
from rdflib import BNode, Dataset, Literal, URIRef

from newsgraph.graph import article_iri, entity_iri, to_graph
from newsgraph.registry import registry_for, registry_graph_iri
from newsgraph.store.base import rebuild_totals, totals_iri

QUERIES = Path(__file__).parent.parent / "samples" / "queries"
XSD = "http://www.w3.org/2001/XMLSchema#"
ENGINES = ("oxigraph", "rdflib-memory", "rdflib-oxigraph")


def _value(lexical: str, datatype: str | None):
    """A result value as Python: numbers and booleans typed, everything else text."""
    if datatype in (XSD + "integer", XSD + "long", XSD + "int"):
        return int(lexical)
    if datatype == XSD + "decimal":
        return Decimal(lexical)
    if datatype == XSD + "boolean":
        return lexical in ("true", "1")
    # Stores write the same instant differently ("Z" or "+00:00"): compare values.
    if datatype == XSD + "dateTime":
        return dt.datetime.fromisoformat(lexical)
    if datatype == XSD + "date":
        return dt.date.fromisoformat(lexical)
    return lexical


def _count_totals(update) -> None:
    """Write the entity totals graph and the entity registry the way newsgraph's stores keep them."""
    update(rebuild_totals(totals_iri(BASE)))
    statements = registry_for(((str(g.identifier), g) for g in _graphs()), BASE)
    update(f"INSERT DATA {{ GRAPH <{registry_graph_iri(BASE)}> {{\n" + "".join(s + " .\n" for s in statements) + "} }")


def _graphs():
    return [to_graph(build(), base_iri=BASE, extractor_version=VERSION)
            for build in (innovation, assembly, harbour, minimal)]


@pytest.fixture(scope="module")
def oxigraph_store():
    store = ox.Store()
    for graph in _graphs():
        store.load(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES,
                   to_graph=ox.NamedNode(str(graph.identifier)))
    _count_totals(store.update)
    return store


def _dataset(store: str) -> Dataset:
    dataset = Dataset(store=store)
    for graph in _graphs():
        named = dataset.graph(graph.identifier)
        named += graph
    _count_totals(dataset.update)
    return dataset


@pytest.fixture(scope="module")
def datasets():
    return {"rdflib-memory": _dataset("default"), "rdflib-oxigraph": _dataset("Oxigraph")}


@pytest.fixture
def run(oxigraph_store, datasets):
    def run(name: str, engine: str = "oxigraph", replace: dict[str, str] | None = None) -> list[dict]:
        query = (QUERIES / f"{name}.rq").read_text(encoding="utf-8")
        for old, new in (replace or {}).items():
            assert old in query, f"{old!r} is not in {name}.rq"
            query = query.replace(old, new)
        if engine == "oxigraph":
            results = oxigraph_store.query(query)
            names = [v.value for v in results.variables]
            rows = []
            for solution in results:
                row = {}
                for var in names:
                    term = solution[var]
                    if term is None:
                        row[var] = None
                    elif isinstance(term, ox.Literal):
                        row[var] = _value(term.value, term.datatype.value)
                    else:
                        row[var] = term.value
                rows.append(row)
            return rows
        rows = []
        for result in datasets[engine].query(query):
            row = {}
            for var, term in result.asdict().items():
                if isinstance(term, Literal):
                    row[var] = _value(str(term), str(term.datatype) if term.datatype else None)
                elif isinstance(term, (URIRef, BNode)):
                    row[var] = str(term)
            for var in result.labels:
                row.setdefault(var, None)
            rows.append(row)
        return rows

    return run


def test_every_query_file_has_a_header_and_is_tested():
    files = sorted(p.stem for p in QUERIES.glob("*.rq"))
    assert files == sorted(QUERY_NAMES)
    for name in files:
        first = (QUERIES / f"{name}.rq").read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# ") and len(first) > 10, f"{name}.rq needs a comment header"


QUERY_NAMES = [
    "roles-at-organization",
    "most-mentioned",
    "figures-about-entity",
    "who-said-what",
    "role-holders-over-time",
    "figure-series",
    "articles-mentioning-both",
]


@pytest.mark.parametrize("name", QUERY_NAMES)
@pytest.mark.parametrize("engine", ENGINES[1:])
def test_every_engine_gives_the_same_rows(run, name, engine):
    assert run(name, engine) == run(name, "oxigraph")


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_union_default_graph_gives_the_same_rows(oxigraph_store, run, name):
    query = (QUERIES / f"{name}.rq").read_text(encoding="utf-8")
    union = list(oxigraph_store.query(query, use_default_graph_as_union=True))
    assert len(union) == len(run(name)) > 0


SEPT_2 = dt.date(2025, 9, 2)
SEPT_3 = dt.datetime(2025, 9, 3, 8, 30, tzinfo=dt.UTC)


def e(kind: str, name: str) -> str:
    return str(entity_iri(kind, name, BASE))


def a(number: int) -> str:
    return str(article_iri(f"a00000000000000{number}", BASE))


def test_roles_at_organization(run):
    assert run("roles-at-organization") == [
        {"person": e("Person", "Daren Tang"), "personName": "Daren Tang", "role": "director general", "articles": 1},
    ]
    siat = {'"World Intellectual Property Organization"': '"Shenzhen Institute of Advanced Technology"'}
    assert [(r["personName"], r["role"]) for r in run("roles-at-organization", replace=siat)] == [
        ("Liu Chenli", "president")]
    party = {'"World Intellectual Property Organization"': '"Harbour Party"'}
    assert run("roles-at-organization", replace=party) == []  # the senator's role has no organisation


def test_most_mentioned(run):
    rows = run("most-mentioned")
    top = [(r["entity"], r["mentions"], r["articles"]) for r in rows[:5]]
    assert top == [  # ties broken by number of articles, then name
        (e("Organization", "World Intellectual Property Organization"), 5, 2),
        (e("Organization", "Harbour Party"), 4, 1),
        (e("Place", "Shenzhen"), 4, 1),
        (e("Person", "Daren Tang"), 3, 2),
        (e("Place", "Geneva"), 3, 1),
    ]
    assert rows[0]["name"] == "World Intellectual Property Organization"
    assert rows[0]["type"] == "https://schema.org/Organization"
    assert rows[1]["name"] == "Harbour Party"  # two spellings in one graph: MIN picks one on every engine
    assert len(rows) == 17  # every distinct entity of the three articles; the fourth has none
    assert (rows[5]["entity"], rows[5]["mentions"]) == (e("Place", "Port Ellis"), 2)
    assert all(r["mentions"] == 1 for r in rows[6:])


def test_most_mentioned_agrees_with_counting_every_mention(oxigraph_store, run):
    prefix = "PREFIX ng: <https://w3id.org/newsgraph/ontology#>\n"
    naive = prefix + "SELECT ?e (COUNT(?m) AS ?n) WHERE { GRAPH ?g { ?m ng:refersTo ?e } } GROUP BY ?e"
    nodes = prefix + "SELECT ?e (SUM(?c) AS ?n) WHERE { GRAPH ?g { ?e ng:timesMentioned ?c } } GROUP BY ?e"
    counted = {s["e"].value: int(s["n"].value) for s in oxigraph_store.query(naive)}
    assert {s["e"].value: int(s["n"].value) for s in oxigraph_store.query(nodes)} == counted
    assert {r["entity"]: r["mentions"] for r in run("most-mentioned")} == counted


def test_figures_about_entity(run):
    rows = run("figures-about-entity")
    assert [(r["value"], r["unit"], r["qualifier"], r["about"], r["period"], r["text"]) for r in rows] == [
        (Decimal("223660000000"), "CNY", None, "research spending", "2024", "223.66 billion yuan"),
        (Decimal("6.46"), "percent", "approximately", "share of output", None, "about 6.46 percent"),
    ]
    assert all(r["article"] == a(1) and r["published"] == SEPT_2 for r in rows)
    assert rows[0]["sentence"].startswith("Shenzhen spent 223.66 billion yuan")
    by_alias = run("figures-about-entity",
                   replace={'schema:name "Shenzhen"': 'schema:name|schema:alternateName "WIPO"'})
    assert [(r["value"], r["unit"], r["about"], r["article"]) for r in by_alias] == [
        (Decimal("193"), "count", "member states", a(2))]
    assert run("figures-about-entity", replace={'"Shenzhen"': '"WIPO"'}) == []  # an alias needs the path


def test_who_said_what(run):
    rows = run("who-said-what")
    assert [(r["speakerName"], r["text"], r["direct"], r["article"]) for r in rows] == [
        ("Daren Tang", "Ideas travel faster than goods,", True, a(2)),
        ("Daren Tang", "clusters turn research into jobs", False, a(1)),
        ("Liu Chenli", "Patents matter once they reach the market,", True, a(1)),
    ]  # the third article has a quote but no publication date
    assert rows[0]["speaker"] == e("Person", "Daren Tang") and rows[0]["published"] == SEPT_3
    query = (QUERIES / "who-said-what.rq").read_text(encoding="utf-8")
    start = query.index("  {\n    SELECT")
    inner = query[start:query.index("\n  }\n", start) + 5]  # the documented edit: drop the inner SELECT
    one_speaker = {inner: "", "  GRAPH ?g {\n": '  GRAPH ?g {\n    ?speaker schema:name "Police" .\n'
                   "    OPTIONAL { ?article schema:datePublished ?published }\n"}
    assert [(r["speakerName"], r["verb"], r["article"]) for r in run("who-said-what", replace=one_speaker)] == [
        ("Police", "said", a(3))]
    one_speaker[' "Police" '] = ' "Daren Tang" '
    assert [r["article"] for r in run("who-said-what", replace=one_speaker)] == [a(2), a(1)]


def test_articles_mentioning_both(run):
    rows = run("articles-mentioning-both")
    assert rows == [
        {"article": a(2), "headline": "WIPO assembly opens in Geneva", "published": SEPT_3},
        {"article": a(1), "headline": "Shenzhen leads innovation ranking", "published": SEPT_2},
    ]
    geneva = {'"World Intellectual Property Organization"': '"Geneva"'}
    assert [r["article"] for r in run("articles-mentioning-both", replace=geneva)] == [a(2)]
    alias = {'schema:name "Daren Tang"': 'schema:name|schema:alternateName "Tang"'}
    assert [r["article"] for r in run("articles-mentioning-both", replace=alias)] == [a(2)]
    none = {'"Daren Tang"': '"Mara Voss"'}
    assert run("articles-mentioning-both", replace=none) == []


@pytest.mark.virtuoso
def test_virtuoso_gives_the_same_rows(request, run):
    """The same files through newsgraph's remote SPARQL store on a private Virtuoso."""
    import json

    from conftest import make_store

    store = make_store("virtuoso", request, None, base_iri=BASE)
    try:
        store.add_articles((str(g.identifier).rsplit("/", 1)[1], g) for g in _graphs())
        for name in QUERY_NAMES:
            query = (QUERIES / f"{name}.rq").read_text(encoding="utf-8")
            body = json.loads(store.query(query, accept="json").body)
            rows = []
            for binding in body["results"]["bindings"]:
                row = dict.fromkeys(body["head"]["vars"])
                for var, term in binding.items():
                    row[var] = _value(term["value"], term.get("datatype")) if term["type"] != "uri" else term["value"]
                rows.append(row)
            assert rows == run(name), name
    finally:
        store.close()


def test_role_holders_over_time(run):
    rows = run("role-holders-over-time")
    assert [(r["personName"], r["role"], r["first"], r["last"], r["articles"]) for r in rows] == [
        ("Daren Tang", "director general", "2025-09-02", "2025-09-02", 1)]
    assert rows[0]["organization"] == e("Organization", "World Intellectual Property Organization")
    # any registered name of the organisation will do
    assert run("role-holders-over-time", replace={'"WIPO"': '"World Intellectual Property Organization"'}) == rows


def test_figure_series(run):
    rows = run("figure-series")
    assert [(r["date"], r["value"], r["unit"], r["period"]) for r in rows] == [
        ("2025-09-02", Decimal("223660000000"), "CNY", "2024")]
    assert run("figure-series", replace={'"spending"': '"no such measure"'}) == []
