"""One node per real-world entity in the JSON endpoints and SPARQL, and roles over time
(issue 17's done criteria), on every embedded backend, over HTTP in process."""

from __future__ import annotations

import pytest
from api_helpers import BASE, assert_error, client, settings
from registry_examples import OTHER_WIPO, TANG_BARE, TANG_OTHER, WIPO_FULL, WIPO_LATER, WIPO_ONLY, WIPO_ROLE

from newsgraph.graph import to_triples
from newsgraph.registry import registry_graph_iri
from newsgraph.store.memory import MemoryStore
from newsgraph.store.oxigraph import OxigraphStore

WIPO = "organization/world-intellectual-property-organization"

# How many organisations are named WIPO, counting each resolved entity once: every IRI
# an article gave is mapped to its entity through the registry graph.
COUNT_WIPO = f"""SELECT (COUNT(DISTINCT ?entity) AS ?n) WHERE {{
  ?x schema:name|schema:alternateName "WIPO" .
  GRAPH <{registry_graph_iri(BASE)}> {{ ?x ng:resolvesTo ?entity . ?entity a schema:Organization }}
}}"""


def store_of(kind: str, request, *extractions):
    if kind == "virtuoso":
        from conftest import make_store

        store = make_store(kind, request, None, base_iri=BASE)
    else:
        store = MemoryStore(base_iri=BASE) if kind == "memory" else OxigraphStore(None, base_iri=BASE)
    for extraction in extractions:
        store.add_article(extraction.article.id, to_triples(extraction, base_iri=BASE))
    return store


def count(c, sparql: str) -> int:
    response = c.post("/sparql", data={"query": sparql}, headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


@pytest.mark.parametrize("kind", ["memory", "oxigraph", "virtuoso"])
def test_three_wipo_articles_give_one_wipo(kind, request):
    c = client(settings(), store=store_of(kind, request, WIPO_ONLY, WIPO_FULL, WIPO_ROLE))
    found = c.get("/entities", params={"q": "wipo"}).json()
    assert [item["id"] for item in found["items"]] == [WIPO] and found["total"] == 1
    assert found["items"][0]["articles"] == 3
    organisations = c.get("/entities", params={"type": "Organization"}).json()
    assert [item["id"] for item in organisations["items"]] == [WIPO]
    assert count(c, COUNT_WIPO) == 1
    # The role is found from either name, and points at the one entity.
    for asked in ("organization/wipo", WIPO, "place/wipo"):
        roles = c.get("/roles", params={"organization": asked}).json()["items"]
        assert [(r["person"]["name"], r["role"], r["organization"]["id"]) for r in roles] == [
            ("Daren Tang", "director general", WIPO)], asked
    # Asking for any of its IRIs gives the one entity, with the others as owl:sameAs.
    detail = c.get("/entities/organization/wipo").json()
    assert detail["id"] == WIPO and detail["type"] == "Organization"
    assert detail["name"] == "World Intellectual Property Organization" and "WIPO" in detail["aliases"]
    assert set(detail["same_as"]) == {BASE + "organization/wipo", BASE + "place/wipo"}
    assert sorted(a["id"] for a in detail["articles"]) == ["wipo-full", "wipo-only", "wipo-role"]
    # wipo-role names it twice, once typed as a place: one article, its mentions added up
    assert {a["id"]: a["mentions"] for a in detail["articles"]}["wipo-role"] == 5  # 2 as a place + 3
    assert (detail["first_reported"], detail["last_reported"]) == ("2025-01-10", "2025-06-20")


@pytest.mark.parametrize("kind", ["memory", "oxigraph", "virtuoso"])
def test_namesakes_and_a_shared_acronym_stay_apart(kind, request):
    c = client(settings(), store=store_of(kind, request, WIPO_ONLY, WIPO_FULL, WIPO_ROLE, TANG_OTHER, TANG_BARE, OTHER_WIPO))
    people = {item["id"] for item in c.get("/entities", params={"type": "Person"}).json()["items"]}
    assert {"person/daren-tang", "person/audrey-tang", "person/tang"} <= people  # "Tang" alone: never a guess
    organisations = {item["id"] for item in c.get("/entities", params={"type": "Organization"}).json()["items"]}
    # "WIPO" alone now names two organisations: it is left unmerged
    assert organisations == {WIPO, "organization/wipo", "organization/western-isles-power-office"}
    assert count(c, COUNT_WIPO) == 3


@pytest.mark.parametrize("kind", ["memory", "oxigraph", "virtuoso"])
def test_roles_at_a_date_and_the_timeline(kind, request):
    c = client(settings(), store=store_of(kind, request, WIPO_ONLY, WIPO_FULL, WIPO_ROLE, WIPO_LATER))
    def holders(day: str) -> list[tuple[str, str]]:
        body = c.get("/roles", params={"organization": "organization/wipo", "at": day}).json()
        return [(r["person"]["name"], r["date"]) for r in body["items"]]
    assert holders("2025-01-01") == []  # nothing reported yet
    assert holders("2026-01-01") == [("Daren Tang", "2025-06-20")]  # dated by the dateline
    assert holders("2027-03-01") == [("Mira Okafor", "2027-02-01")]
    assert_error(c.get("/roles", params={"organization": WIPO, "at": "2026-13-01"}), 422)
    timeline = c.get(f"/entities/{WIPO}/timeline").json()
    assert timeline["entity"]["id"] == WIPO
    assert [(r["person"]["name"], r["first"], r["last"], r["articles"]) for r in timeline["roles"]] == [
        ("Daren Tang", "2025-06-20", "2025-06-20", ["wipo-role"]),
        ("Mira Okafor", "2027-02-01", "2027-02-01", ["wipo-later"]),
    ]
    assert (timeline["first_reported"], timeline["last_reported"]) == ("2025-01-10", "2027-02-01")
    person = c.get("/entities/person/daren-tang/timeline").json()
    assert [(r["role"], r["organization"]["id"]) for r in person["roles"]] == [("director general", WIPO)]
    assert_error(c.get("/entities/person/nobody-here/timeline"), 404, "not_found")
    listed = c.get("/roles", params={"organization": WIPO}).json()["items"]
    assert sorted(r["date"] for r in listed) == ["2025-06-20", "2027-02-01"]


def test_figures_about_an_entity_are_a_series_by_date(request):
    from graph_examples import Text
    from registry_examples import article as build

    from newsgraph.schema import Figure

    def report(article_id, published, amount):
        text = f"Port Ellis spent {amount} million dollars on research in 2024."
        extraction = build(article_id, text, [("e1", "Place", "Port Ellis")], published=published)
        words = f"{amount} million dollars"
        start = text.index(words)
        extraction.figures = [Figure(text=words, value=amount * 1e6, unit="USD", about="research spending",
                                     subject="e1", period="2024", start=start, end=start + len(words),
                                     evidence=Text(text).evidence("Port Ellis"), confidence=0.8)]
        return extraction

    # stored newest first: the series still comes oldest first
    store = store_of("oxigraph", request, report("f3", "2025-09-01", 30), report("f1", "2025-01-01", 10),
                     report("f2", "2025-05-01", 20))
    c = client(settings(), store=store)
    items = c.get("/figures", params={"subject": "place/port-ellis", "about": "research"}).json()["items"]
    assert [(f["date"], f["value"], f["period"]) for f in items] == [
        ("2025-01-01", 10e6, "2024"), ("2025-05-01", 20e6, "2024"), ("2025-09-01", 30e6, "2024")]


@pytest.mark.parametrize("kind", ["memory", "oxigraph"])
def test_graphml_and_csv_export_one_node_per_resolved_entity(kind, request, tmp_path):
    import csv
    import io

    import networkx as nx

    from newsgraph.export import write_graphml, write_neo4j_csv

    store = store_of(kind, request, WIPO_ONLY, WIPO_FULL, WIPO_ROLE)
    buffer = io.BytesIO()
    write_graphml(store, buffer)
    graph = nx.read_graphml(io.BytesIO(buffer.getvalue()))
    assert BASE + WIPO in graph.nodes
    assert BASE + "organization/wipo" not in graph.nodes and BASE + "place/wipo" not in graph.nodes
    # the role and the mentions of every spelling point at the one node
    edges = {(u, d["type"], v) for u, v, d in graph.edges(data=True)}
    assert (BASE + "person/daren-tang", "WORKS_FOR", BASE + WIPO) in edges
    assert not any(kind in ("RESOLVES_TO", "SAME_AS") for _, kind, _ in edges)
    nodes_path, _ = write_neo4j_csv(store, tmp_path / "csv")
    with open(nodes_path, newline="", encoding="utf-8") as f:
        ids = [row[0] for row in csv.reader(f)]
    assert ids.count(BASE + WIPO) == 1 and BASE + "organization/wipo" not in ids
