"""/entities on every backend, and the embedded store's in-memory ranking kept in step with
every write path: the same pages as the SPARQL the other backends answer with.

The embedded store answers ``Reader.entities`` from :mod:`newsgraph.store.entity_index`;
here each step writes (batch, replacement, single article, delete, SPARQL Update, Graph
Store writes, rebuild, clear, the bulk loader) and then every listing is compared with
the SPARQL answer on the same store and with totals worked out by hand."""

from __future__ import annotations

import pytest
from conftest import STORE_BACKENDS, make_store

from newsgraph.api.views import Reader
from newsgraph.graph import article_graph_iri, entity_iri, to_graph
from newsgraph.schema import Article, Entity, Extraction, Mention
from newsgraph.settings import Settings
from newsgraph.store.oxigraph import BULK_QUADS, OxigraphStore

BASE = "https://w3id.org/newsgraph/id/"

# Listings compared at every step: plain, pages (ties fall across page ends), by type, by
# name or alias in any case, both, and a search nothing matches.
LISTINGS = [
    {}, {"limit": 2}, {"limit": 2, "offset": 1}, {"limit": 3, "offset": 4}, {"offset": 50},
    {"type": "Person"}, {"type": "Place", "limit": 1, "offset": 1}, {"type": "Organization"},
    {"q": "ORA"}, {"q": "vel"}, {"q": "an", "limit": 2, "offset": 1}, {"q": "ora", "type": "Person"},
    {"q": "nobody-is-called-this"}, {"q": 'x"}'},
]


def article(article_id: str, *entities: tuple[str, str, int, list[str]]) -> tuple[str, object]:
    """An article naming each (type, name, mentions, aliases)."""
    built = []
    for index, (kind, name, mentions, aliases) in enumerate(entities):
        built.append(Entity(id=f"e{index + 1}", type=kind, name=name, aliases=aliases,
                            mentions=[Mention(start=0, end=len(name), text=name)] * mentions))
    extraction = Extraction(article=Article(id=article_id, title=f"Story {article_id}", language="en"), entities=built)
    return article_id, to_graph(extraction, base_iri=BASE)


ENTITIES = {
    "a000000000000001": [("Person", "Nora Velkan", 3, ["Nightjar"]), ("Organization", "Harbour Council", 1, []),
                         ("Place", "Ostmere", 2, [])],
    "a000000000000002": [("Person", "Nora Velkan", 1, []), ("Person", "Ivo Tamsel", 2, ["Tamsel"]),
                         ("Place", "Ostmere", 1, []), ("Place", "Dunvale", 3, [])],
    "a000000000000003": [("Organization", "Pardo Energy", 4, ["Pardo"]), ("Person", "Ivo Tamsel", 2, []),
                         ("Organization", "Harbour Council", 3, [])],
}
FIRST = [article(article_id, *named) for article_id, named in ENTITIES.items()]


class SparqlOnly:
    """The store as a backend without a ranking of its own: Reader falls back to SPARQL."""

    def __init__(self, store):
        self._store = store

    def __getattr__(self, name):
        return getattr(self._store, name)

    def entity_ranking(self, **_):
        return None


def expected(articles: dict[str, list[tuple[str, str, int, list[str]]]]) -> list[tuple[str, int, int]]:
    """(name, mentions, articles) worked out by hand, most mentioned first, ties by IRI."""
    totals: dict[str, list] = {}
    for entities in articles.values():
        for kind, name, mentions, _ in entities:
            entry = totals.setdefault(str(entity_iri(kind, name, BASE)), [name, 0, 0])
            entry[1] += mentions
            entry[2] += 1
    ranked = sorted(totals.items(), key=lambda item: (-item[1][1], item[0]))
    return [tuple(entry) for _, entry in ranked]


def check(store, by_hand: list[tuple[str, int, int]] | None = None, searches: tuple[str, ...] = ()) -> None:
    ranked, sparql = Reader(store, BASE, 30), Reader(SparqlOnly(store), BASE, 30)
    for params in LISTINGS + [{"q": q} for q in searches]:
        assert ranked.entities(**params) == sparql.entities(**params), params
    if by_hand is not None:
        body = ranked.entities(limit=1000)
        assert body["total"] == len(by_hand)
        assert [(item["name"], item["mentions"], item["articles"]) for item in body["items"]] == by_hand


@pytest.fixture(params=STORE_BACKENDS)
def store(request, tmp_path):
    store = make_store(request.param, request, tmp_path, base_iri=BASE)
    yield store
    store.close()


def test_listings_follow_every_write(store):
    entities = dict(ENTITIES)
    check(store, [])
    store.add_articles(FIRST)
    by_hand = expected(entities)
    # Ties: Harbour Council, Ivo Tamsel and Nora Velkan all have 4; Ostmere and Dunvale 3.
    assert [m for _, m, _ in by_hand] == [4, 4, 4, 4, 3, 3]
    check(store, by_hand)

    # A replacement: Nora Velkan loses her alias and a mention, a new person arrives.
    replaced = [("Person", "Nora Velkan", 2, []), ("Person", "Orla Quin", 5, ["Quin", "O. Quin"]),
                ("Place", "Ostmere", 2, [])]
    store.add_article(*article("a000000000000001", *replaced))
    entities["a000000000000001"] = replaced
    check(store, expected(entities))
    assert Reader(store, BASE, 30).entities(q="nightjar")["total"] == 0  # the alias went with the old graph
    assert Reader(store, BASE, 30).entities(q="o. quin")["total"] == 1

    # A new article alone, then a delete that takes entities out of the totals altogether.
    fourth = [("Place", "Dunvale", 1, []), ("Other", "Velora Prize", 2, ["The Velora"])]
    store.add_article(*article("a000000000000004", *fourth))
    entities["a000000000000004"] = fourth
    check(store, expected(entities))
    assert store.delete_article("a000000000000003")
    del entities["a000000000000003"]
    check(store, expected(entities))
    assert Reader(store, BASE, 30).entities(q="pardo")["total"] == 0

    # A user's SPARQL Update (totals rebuilt): a new alias in an article, and a graph of
    # their own that names someone.
    nora = entity_iri("Person", "Nora Velkan", BASE)
    graph = article_graph_iri("a000000000000002", BASE)
    store.update(f'INSERT DATA {{ GRAPH <{graph}> {{ <{nora}> <https://schema.org/alternateName> "Lady Orange" }} '
                 f'GRAPH <urn:example:notes> {{ <{nora}> <https://schema.org/name> "Norah V." }} }}')
    check(store, expected(entities))
    assert [item["name"] for item in Reader(store, BASE, 30).entities(q="orange")["items"]] == ["Nora Velkan"]
    assert Reader(store, BASE, 30).entities(q="norah")["total"] == 1

    # Graph Store writes go through update() too: a PUT replacing an article graph by hand.
    store.update(f"DROP SILENT GRAPH <{graph}> ; INSERT DATA {{ GRAPH <{graph}> {{ "
                 f'<{nora}> <https://w3id.org/newsgraph/ontology#timesMentioned> 7 ; '
                 f'<https://schema.org/name> "Nora Velkan" ; a <https://schema.org/Person> }} }}')
    entities["a000000000000002"] = [("Person", "Nora Velkan", 7, [])]
    check(store, expected(entities))
    assert Reader(store, BASE, 30).entities(q="tamsel")["total"] == 0  # his only article was the one replaced

    store.rebuild_totals()
    check(store, expected(entities))
    store.clear()
    check(store, [])
    store.add_articles(FIRST)
    check(store, expected(ENTITIES))


def test_bulk_loaded_batches_and_replacements_follow(tmp_path):
    """Big batches go through Oxigraph's bulk loader (no transaction), in pieces: the ranking
    follows them too, with the index (and the labels) already built when they come."""
    store = OxigraphStore(tmp_path / "store", base_iri=BASE, query_processes=0)
    try:
        entities: dict[str, list] = {}
        batch = []
        for number in range(60):
            named = [("Person", f"Person {number % 7} Velkan", 1 + number % 3, [f"Alias {number % 5}"]),
                     ("Organization", f"Body {number % 11}", 2, []), ("Place", f"Town {number % 4}", 1, [])]
            batch.append(article(f"{number + 1:016x}", *named))
            entities[f"{number + 1:016x}"] = named
        store.add_articles(batch[:2])
        check(store, expected({k: entities[k] for k in list(entities)[:2]}))
        assert sum(len(graph) for _, graph in batch[2:]) >= BULK_QUADS  # the bulk loader's path
        store.add_articles(batch[2:])
        check(store, expected(entities))
        assert Reader(store, BASE, 30).entities(q="alias 3")["total"] == 7  # persons 3 and 1 never share: 0..6 vs 0..4
        # Replacing half of them in one batch.
        again = []
        for number in range(0, 60, 2):
            named = [("Person", f"Person {number % 7} Velkan", 2, []), ("Place", "Town 9", 1, ["Ninth"])]
            again.append(article(f"{number + 1:016x}", *named))
            entities[f"{number + 1:016x}"] = named
        store.add_articles(again)
        aliases = tuple(f"alias {k}" for k in range(5))
        check(store, expected(entities), searches=(*aliases, "ninth"))
        # Only the odd-numbered articles still give aliases: Person 0 kept those of 7, 21, 35, 49.
        person0 = Reader(store, BASE, 30).entities(q="person 0 ")["items"][0]["iri"]
        assert {q for q in aliases if person0 in
                {i["iri"] for i in Reader(store, BASE, 30).entities(q=q, limit=1000)["items"]}} == {
            f"alias {n % 5}" for n in (7, 21, 35, 49)}
    finally:
        store.close()


def test_a_store_reopened_ranks_the_same(tmp_path):
    store = OxigraphStore(tmp_path / "store", base_iri=BASE, query_processes=0)
    store.add_articles(FIRST)
    first = Reader(store, BASE, 30).entities(q="a")
    store.close()
    store = OxigraphStore(tmp_path / "store", base_iri=BASE, query_processes=0, create=False)
    try:
        assert Reader(store, BASE, 30).entities(q="a") == first
        check(store)
    finally:
        store.close()


def test_entities_over_http_after_graph_store_and_sparql_writes():
    from fastapi.testclient import TestClient

    from newsgraph.api import create_app

    token = "entity-index-token"
    settings = Settings(store="memory", base_iri=BASE, api_token=token, extraction_processes=False)
    store = OxigraphStore(None, base_iri=BASE)
    store.add_articles(FIRST)
    http = TestClient(create_app(settings, store=store), raise_server_exceptions=False)
    auth = {"Authorization": f"Bearer {token}"}
    assert [i["name"] for i in http.get("/entities", params={"q": "pardo"}).json()["items"]] == ["Pardo Energy"]
    graph = article_graph_iri("a000000000000003", BASE)
    pardo = entity_iri("Organization", "Pardo Energy", BASE)
    # A Graph Store PUT replaces the article: Pardo Energy is named 9 times, under another alias.
    turtle = (f'<{pardo}> <https://w3id.org/newsgraph/ontology#timesMentioned> 9 ; '
              f'<https://schema.org/name> "Pardo Energy" ; <https://schema.org/alternateName> "PE Group" ; '
              f'a <https://schema.org/Organization> .')
    response = http.put("/rdf-graphs", params={"graph": graph}, content=turtle,
                        headers={**auth, "Content-Type": "text/turtle"})
    assert response.status_code in (200, 201, 204), response.text
    body = http.get("/entities").json()
    assert (body["items"][0]["name"], body["items"][0]["mentions"]) == ("Pardo Energy", 9)
    assert body["total"] == 6 and {i["name"]: i["mentions"] for i in body["items"]}["Harbour Council"] == 1
    assert http.get("/entities", params={"q": "pe group"}).json()["total"] == 1
    assert http.get("/entities", params={"q": "pardo"}).json()["total"] == 1  # the totals keep its name
    # A SPARQL Update deleting it: gone from the listing and the search.
    response = http.post("/sparql", content=f"DROP GRAPH <{graph}>",
                         headers={**auth, "Content-Type": "application/sparql-update"})
    assert response.status_code in (200, 204), response.text
    assert http.get("/entities", params={"q": "pe group"}).json()["total"] == 0
    assert next(i["name"] for i in http.get("/entities").json()["items"]) != "Pardo Energy"
    store.close()
