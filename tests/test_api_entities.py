"""JSON endpoints (entities, roles, figures, quotes, stats, health) and the /graph export,
on a store filled from hand-built extractions."""

import pyoxigraph
import pytest
from api_helpers import BASE, assert_error, client, fresh_store, loaded_store, settings, wipo_extraction

from newsgraph.graph import to_graph, totals_graph_iri
from newsgraph.registry import registry_graph_iri
from newsgraph.store import open_store


def test_entities_most_mentioned_first_with_totals():
    body = client().get("/entities").json()
    assert body["total"] == 5 and body["limit"] == 50 and body["offset"] == 0
    first = body["items"][0]
    assert first == {
        "id": "person/daren-tang", "iri": BASE + "person/daren-tang", "name": "Daren Tang",
        "type": "Person", "mentions": 3, "articles": 2,
    }
    mentions = [item["mentions"] for item in body["items"]]
    assert mentions == sorted(mentions, reverse=True)


def test_entities_pages_cover_everything_once():
    c = client()
    seen = []
    for offset in range(0, 5, 2):
        page = c.get("/entities", params={"limit": 2, "offset": offset}).json()
        assert page["total"] == 5
        seen += [item["id"] for item in page["items"]]
    assert len(seen) == len(set(seen)) == 5


def test_entities_filter_by_type_and_name():
    c = client()
    people = c.get("/entities", params={"type": "Person"}).json()
    assert {item["id"] for item in people["items"]} == {"person/daren-tang", "person/liu-chenli"}
    assert people["total"] == 2
    by_alias = c.get("/entities", params={"q": "TANG"}).json()
    assert [item["id"] for item in by_alias["items"]] == ["person/daren-tang"]
    assert c.get("/entities", params={"q": 'x"}'}).json()["total"] == 0  # quotes cannot break the query


def test_entity_detail():
    body = client().get("/entities/person/daren-tang").json()
    assert body["name"] == "Daren Tang" and body["type"] == "Person"
    assert body["aliases"] == ["Tang"] and body["mentions"] == 3
    assert [a["id"] for a in body["articles"]] == ["a1b2c3d4e5f60002", "a1b2c3d4e5f60001"]  # newest first
    assert [(r["role"], r["organization"]["name"]) for r in body["roles_held"]] == [("director general", "WIPO")]
    assert [q["text"] for q in body["quotes"]] == ["Shenzhen leads the index"]
    wipo = client().get("/entities/organization/wipo").json()
    assert [(r["person"]["name"], r["role"]) for r in wipo["roles_at"]] == [("Daren Tang", "director general")]
    shenzhen = client().get("/entities/place/shenzhen").json()
    assert [(f["value"], f["unit"], f["about"]) for f in shenzhen["figures"]] == [(12.0, "percent", "patents")]


@pytest.mark.parametrize("entity_id", ["person/nobody", "person", "planet/mars", "person/a/b"])
def test_unknown_entity_is_404(entity_id):
    assert_error(client().get(f"/entities/{entity_id}"), 404, "not_found")


def test_roles_filters():
    c = client()
    everyone = c.get("/roles").json()
    assert everyone["total"] == 2
    siat = c.get("/roles", params={"organization": "organization/siat"}).json()
    assert [(r["person"]["id"], r["role"]) for r in siat["items"]] == [("person/liu-chenli", "president")]
    assert siat["items"][0]["evidence"]["text"].startswith("Daren Tang met Liu Chenli")
    tang = c.get("/roles", params={"person": "person/daren-tang"}).json()
    assert [r["organization"]["id"] for r in tang["items"]] == ["organization/wipo"]
    assert c.get("/roles", params={"person": "person/nobody"}).json()["total"] == 0


def test_figures_filters():
    c = client()
    assert c.get("/figures").json()["total"] == 1
    assert c.get("/figures", params={"unit": "percent", "about": "PATENT"}).json()["total"] == 1
    assert c.get("/figures", params={"unit": "USD"}).json()["total"] == 0
    assert c.get("/figures", params={"subject": "place/shenzhen"}).json()["items"][0]["text"] == "12 percent"


def test_quotes_by_speaker():
    c = client()
    assert c.get("/quotes").json()["total"] == 2
    liu = c.get("/quotes", params={"speaker": "person/liu-chenli"}).json()
    assert [(q["text"], q["direct"]) for q in liu["items"]] == [("we will cooperate", True)]


def test_stats_and_health():
    c = client()
    stats = c.get("/stats").json()
    assert stats["articles"] == 2 and stats["triples"] > 100
    assert stats["entities"]["Person"] == 2
    health = c.get("/health").json()
    assert health["status"] == "ok" and health["store"] == "memory"


def test_health_hides_a_store_password():
    s = settings(store="sparql:http://dba:hunter2@localhost:8890/sparql")
    health = client(s, store=fresh_store(settings())).get("/health").json()
    assert "hunter2" not in health["store"]


def test_articles_listed_newest_first_with_total():
    c = client()
    page = c.get("/articles", params={"limit": 1}).json()
    assert page["total"] == 2
    assert [a["id"] for a in page["items"]] == ["a1b2c3d4e5f60002"]
    assert page["items"][0]["triples"] > 0
    rest = c.get("/articles", params={"limit": 1, "offset": 1}).json()
    assert [a["id"] for a in rest["items"]] == ["a1b2c3d4e5f60001"]


def test_stored_article_json():
    body = client().get("/articles/a1b2c3d4e5f60001").json()
    assert body["title"] == "Cluster tops index" and body["published"] == "2025-09-02"
    assert body["graph"] == BASE + "graph/a1b2c3d4e5f60001"
    assert body["entities"][0] == {"id": "person/daren-tang", "iri": BASE + "person/daren-tang",
                                   "name": "Daren Tang", "type": "Person", "mentions": 2}
    assert [r["role"] for r in body["roles"]] == ["director general"]
    assert len(body["figures"]) == 1 and len(body["quotes"]) == 1


@pytest.mark.parametrize(
    "accept, fmt",
    [
        ("text/turtle", pyoxigraph.RdfFormat.TURTLE),
        ("application/ld+json", pyoxigraph.RdfFormat.JSON_LD),
        ("application/n-triples", pyoxigraph.RdfFormat.N_TRIPLES),
        ("application/trig", pyoxigraph.RdfFormat.TRIG),
    ],
)
def test_stored_article_as_rdf(accept, fmt):
    c = client()
    triples = c.get("/articles/a1b2c3d4e5f60001").json()["triples"]
    r = c.get("/articles/a1b2c3d4e5f60001", headers={"accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].split(";")[0] == accept
    parsed = list(pyoxigraph.parse(r.content, format=fmt))
    assert len(parsed) == triples
    if fmt is pyoxigraph.RdfFormat.TRIG:
        assert {q.graph_name.value for q in parsed} == {BASE + "graph/a1b2c3d4e5f60001"}


def test_stored_article_errors():
    c = client()
    assert_error(c.get("/articles/a1b2c3d4e5f60001", headers={"accept": "text/csv"}), 406)
    assert_error(c.get("/articles/ffffffffffffffff"), 404, "not_found")
    assert_error(c.get("/articles/ffffffffffffffff", headers={"accept": "text/turtle"}), 404)
    assert_error(c.get("/articles/bad%20id"), 422)


# --- export ------------------------------------------------------------------------------


def _total_quads(c) -> int:
    return c.get("/stats").json()["triples"]


@pytest.mark.parametrize(
    "request_kwargs, media, fmt",
    [
        ({}, "application/trig", pyoxigraph.RdfFormat.TRIG),
        ({"headers": {"accept": "application/n-quads"}}, "application/n-quads", pyoxigraph.RdfFormat.N_QUADS),
        ({"params": {"format": "nquads"}}, "application/n-quads", pyoxigraph.RdfFormat.N_QUADS),
    ],
)
def test_export_keeps_every_quad(request_kwargs, media, fmt):
    c = client()
    r = c.get("/graph", **request_kwargs)
    assert r.status_code == 200 and r.headers["content-type"].split(";")[0] == media
    quads = list(pyoxigraph.parse(r.content, format=fmt))
    totals = pyoxigraph.NamedNode(str(totals_graph_iri(BASE)))
    registry = pyoxigraph.NamedNode(registry_graph_iri(BASE))
    articles = [q for q in quads if q.graph_name not in (totals, registry)]
    assert len(articles) == _total_quads(c)  # every article triple
    assert len({q.graph_name for q in articles}) == 2  # two articles
    assert any(q.graph_name == totals for q in quads)  # and the entity totals
    assert any(q.graph_name == registry for q in quads)  # and the entity registry


@pytest.mark.parametrize("name, fmt", [("turtle", pyoxigraph.RdfFormat.TURTLE), ("ntriples", pyoxigraph.RdfFormat.N_TRIPLES),
                                       ("jsonld", pyoxigraph.RdfFormat.JSON_LD)])  # JSON-LD keeps the graphs
def test_export_as_one_graph(name, fmt):
    r = client().get("/graph", params={"format": name})
    assert r.status_code == 200
    triples = list(pyoxigraph.parse(r.content, format=fmt))
    assert any(t.object == pyoxigraph.Literal("Liu Chenli") for t in triples)


def test_export_errors():
    c = client()
    assert_error(c.get("/graph", params={"format": "xlsx"}), 400, "bad_request")
    assert_error(c.get("/graph", headers={"accept": "application/rdf+xml"}), 406)


def test_entity_search_without_matches_on_every_backend():
    s = settings()
    memory = open_store(s, spec="memory")
    memory.add_article("a1b2c3d4e5f60001", to_graph(wipo_extraction(), base_iri=BASE))
    for store in (memory, loaded_store(s)):
        body = client(s, store=store).get("/entities", params={"q": "no such name anywhere"}).json()
        assert (body["total"], body["items"]) == (0, [])
