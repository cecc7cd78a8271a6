"""The entity registry: resolution rules (pure, no store, no model) and its upkeep in the stores."""

from __future__ import annotations

import io
import itertools

import pytest
from graph_examples import BASE
from registry_examples import OTHER_WIPO, TANG_BARE, TANG_OTHER, WIPO_FULL, WIPO_LATER, WIPO_ONLY, WIPO_ROLE, article

from newsgraph.graph import to_triples
from newsgraph.registry import (
    ArticleEntities,
    Decisions,
    Sighting,
    Snapshot,
    article_entities,
    closure,
    initials,
    registry_graph_iri,
    resolve,
)
from newsgraph.store.oxigraph import OxigraphStore

ORG, PLACE, PERSON = BASE + "organization/", BASE + "place/", BASE + "person/"
WIPO_IRI = ORG + "world-intellectual-property-organization"
REGISTRY = registry_graph_iri(BASE)


def seen(graph: str, date: str | None, *entities: tuple) -> ArticleEntities:
    """ArticleEntities by hand: entities are (type, slug, name, aliases)."""
    sightings = tuple(
        Sighting(f"{BASE}{kind.lower()}/{slug}", kind, slug, frozenset([name]), frozenset(aliases), 1)
        for kind, slug, name, aliases in entities
    )
    return ArticleEntities(graph, date, sightings)


def by_member(resolved) -> dict[str, str]:
    return {member: entity.iri for entity in resolved for member in entity.members}


# --- Pure resolution --------------------------------------------------------------------


def test_acronym_registered_once_joins_the_full_name_whatever_the_type():
    snapshot = Snapshot([
        seen("g1", "2025-01-01", ("Organization", "wipo", "WIPO", [])),
        seen("g2", "2025-02-01", ("Organization", "world-intellectual-property-organization",
                                  "World Intellectual Property Organization", ["WIPO"])),
        seen("g3", "2025-03-01", ("Place", "wipo", "WIPO", [])),
    ])
    resolved = resolve(snapshot, BASE)
    assert len(resolved) == 1
    (wipo,) = resolved
    assert wipo.iri == WIPO_IRI
    assert wipo.type == "Organization"  # two articles against one
    assert wipo.name == "World Intellectual Property Organization"
    assert wipo.aliases == ("WIPO",)
    assert set(wipo.members) == {ORG + "wipo", PLACE + "wipo", WIPO_IRI}
    assert (wipo.articles, wipo.first, wipo.last) == (3, "2025-01-01", "2025-03-01")


def test_an_acronym_two_organisations_use_stays_apart():
    snapshot = Snapshot([
        seen("g1", None, ("Organization", "wipo", "WIPO", [])),
        seen("g2", None, ("Organization", "world-intellectual-property-organization",
                          "World Intellectual Property Organization", ["WIPO"])),
        seen("g3", None, ("Organization", "western-isles-power-office", "Western Isles Power Office", ["WIPO"])),
    ])
    mapping = by_member(resolve(snapshot, BASE))
    assert len(set(mapping.values())) == 3
    assert mapping[ORG + "wipo"] == ORG + "wipo"


def test_surname_only_joins_the_one_person_of_that_surname_and_never_guesses_between_two():
    one = [seen("g1", None, ("Person", "daren-tang", "Daren Tang", [])), seen("g2", None, ("Person", "tang", "Tang", []))]
    assert by_member(resolve(Snapshot(one), BASE))[PERSON + "tang"] == PERSON + "daren-tang"
    two = [*one, seen("g3", None, ("Person", "audrey-tang", "Audrey Tang", []))]
    mapping = by_member(resolve(Snapshot(two), BASE))
    assert len(set(mapping.values())) == 3  # Daren Tang, Audrey Tang, and the unresolved "Tang"


def test_a_person_never_shares_a_name_group_with_a_place():
    snapshot = Snapshot([seen("g1", None, ("Person", "jordan", "Jordan", [])),
                         seen("g2", None, ("Place", "jordan", "Jordan", []))])
    assert len(resolve(snapshot, BASE)) == 2


def test_type_ties_go_to_the_earliest_full_name_mention():
    snapshot = Snapshot([
        seen("g2", "2025-05-01", ("Organization", "port-ellis", "Port Ellis", [])),
        seen("g1", "2025-01-01", ("Place", "port-ellis", "Port Ellis", [])),
    ])
    (entity,) = resolve(snapshot, BASE)
    assert (entity.type, entity.iri) == ("Place", PLACE + "port-ellis")


def test_curation_merges_and_splits():
    articles = [seen("g1", None, ("Organization", "acme-group", "Acme Group", [])),
                seen("g2", None, ("Organization", "acme-holdings", "Acme Holdings", []))]
    assert len(resolve(Snapshot(articles), BASE)) == 2
    merged = Decisions(merges=frozenset({frozenset({ORG + "acme-group", ORG + "acme-holdings"})}))
    assert len(resolve(Snapshot(articles), BASE, merged)) == 1
    # A split keeps apart what the rules would join.
    joined = [seen("g1", None, ("Person", "daren-tang", "Daren Tang", [])), seen("g2", None, ("Person", "tang", "Tang", []))]
    split = Decisions(splits=frozenset({frozenset({PERSON + "daren-tang", PERSON + "tang"})}))
    assert len(resolve(Snapshot(joined), BASE, split)) == 2


@pytest.mark.parametrize("order", list(itertools.permutations(range(4))))
def test_resolution_does_not_depend_on_the_order_articles_arrive(order):
    articles = [
        seen("g1", "2025-01-01", ("Organization", "wipo", "WIPO", [])),
        seen("g2", "2025-02-01", ("Organization", "world-intellectual-property-organization",
                                  "World Intellectual Property Organization", ["WIPO"])),
        seen("g3", "2025-03-01", ("Person", "tang", "Tang", []), ("Place", "wipo", "WIPO", [])),
        seen("g4", "2025-04-01", ("Person", "daren-tang", "Daren Tang", ["Tang"])),
    ]
    assert resolve(Snapshot(articles[i] for i in order), BASE) == resolve(Snapshot(articles), BASE)


def test_closure_reaches_every_entity_a_change_can_affect():
    snapshot = Snapshot([
        seen("g1", None, ("Organization", "wipo", "WIPO", [])),
        seen("g2", None, ("Organization", "world-intellectual-property-organization",
                          "World Intellectual Property Organization", ["WIPO"])),
        seen("g3", None, ("Place", "geneva", "Geneva", [])),
    ])
    current = by_member(resolve(snapshot, BASE))
    scope = closure(snapshot, {ORG + "wipo"}, current)
    assert scope == {ORG + "wipo", WIPO_IRI}
    assert resolve(snapshot, BASE, only=scope) == [e for e in resolve(snapshot, BASE) if e.iri == WIPO_IRI]


def test_article_entities_reads_a_mapped_article():
    found = article_entities(to_triples(WIPO_ROLE, base_iri=BASE), "g", BASE)
    assert found.date == "2025-06-20"  # no published date: the dateline's
    by_iri = {s.iri: s for s in found.sightings}
    assert by_iri[WIPO_IRI].aliases == frozenset({"WIPO"})
    assert by_iri[PERSON + "daren-tang"].names == frozenset({"Daren Tang"})
    assert by_iri[PLACE + "wipo"].type == "Place"


def test_initials():
    assert initials("World Intellectual Property Organization") == "WIPO"
    assert initials("Bank of England") == "BE"


# --- In the stores ----------------------------------------------------------------------


STORES = ["memory", "oxigraph", "virtuoso"]


def make(kind, request, tmp_path):
    from conftest import make_store

    return make_store(kind, request, tmp_path, base_iri=BASE)


def add(store, *extractions):
    for extraction in extractions:
        store.add_article(extraction.article.id, to_triples(extraction, base_iri=BASE))


def sorted_nquads(store) -> list[str]:
    out = io.BytesIO()
    store.export_to("nquads", out)
    return sorted(line for line in out.getvalue().decode().splitlines() if line.strip())


def nquads_after(kind, request, tmp_path, steps) -> list[str]:
    """The sorted N-Quads of a fresh store after ``steps(store)`` (one store at a time: the
    Virtuoso server is shared)."""
    store = make(kind, request, tmp_path)
    try:
        steps(store)
        return sorted_nquads(store)
    finally:
        store.close()


def registry_rows(store) -> set[tuple[str, str]]:
    rows = store.select(
        f"SELECT ?x ?e WHERE {{ GRAPH <{REGISTRY}> {{ ?x <https://w3id.org/newsgraph/ontology#resolvesTo> ?e }} }}"
    )
    return {(r["x"], r["e"]) for r in rows}


@pytest.mark.parametrize("kind", STORES)
def test_the_store_keeps_the_registry_with_each_write(kind, request, tmp_path):
    store = make(kind, request, tmp_path)
    try:
        add(store, WIPO_ONLY)
        assert (ORG + "wipo", ORG + "wipo") in registry_rows(store)
        add(store, WIPO_FULL)
        rows = registry_rows(store)
        assert (ORG + "wipo", WIPO_IRI) in rows and (WIPO_IRI, WIPO_IRI) in rows
        assert (ORG + "wipo", ORG + "wipo") not in rows
        # owl:sameAs between different IRIs; the registry stays out of the default graph
        assert not store.select("ASK { ?x <http://www.w3.org/2002/07/owl#sameAs> ?e }")
        same = store.select(f"SELECT ?x WHERE {{ GRAPH <{REGISTRY}> {{ ?x <http://www.w3.org/2002/07/owl#sameAs> ?e }} }}")
        assert {r["x"] for r in same} == {ORG + "wipo"}
        store.delete_article(WIPO_FULL.article.id)
        assert registry_rows(store) == {(ORG + "wipo", ORG + "wipo"), (PLACE + "singapore", PLACE + "singapore")}
        assert not store.select(f"ASK {{ GRAPH <{REGISTRY}> {{ ?x <http://www.w3.org/2002/07/owl#sameAs> ?e }} }}")
    finally:
        store.close()


@pytest.mark.parametrize("kind", STORES)
def test_add_delete_readd_is_the_same_as_adding_in_the_end_order(kind, request, tmp_path):
    def churn(store):
        add(store, WIPO_ONLY, WIPO_FULL)
        store.delete_article(WIPO_ONLY.article.id)
        add(store, WIPO_ONLY)

    one = nquads_after(kind, request, tmp_path / "one", churn)
    two = nquads_after(kind, request, tmp_path / "two", lambda store: add(store, WIPO_FULL, WIPO_ONLY))
    assert one == two and any(REGISTRY in line for line in one)


@pytest.mark.parametrize("kind", STORES)
def test_any_ingest_order_gives_the_same_nquads(kind, request, tmp_path):
    articles = [WIPO_ONLY, WIPO_FULL, WIPO_ROLE, TANG_OTHER, TANG_BARE, OTHER_WIPO, WIPO_LATER]

    def backward(store):
        for extraction in reversed(articles):
            store.add_articles([(extraction.article.id, to_triples(extraction, base_iri=BASE))])
        add(store, WIPO_FULL)  # a replacement of an article with itself changes nothing either

    forward = nquads_after(kind, request, tmp_path / "a", lambda store: add(store, *articles))
    assert forward == nquads_after(kind, request, tmp_path / "b", backward)


def test_a_reopened_store_repairs_a_registry_it_did_not_keep(tmp_path):
    with OxigraphStore(tmp_path / "s", base_iri=BASE) as store:
        add(store, WIPO_ONLY, WIPO_FULL)
        expected = sorted_nquads(store)
        store.update(f"DROP GRAPH <{registry_graph_iri(BASE)}>")  # as a store from before the registry
    with OxigraphStore(tmp_path / "s", base_iri=BASE) as store:
        rows, _ = store.entity_ranking(limit=10)
        assert WIPO_IRI in [row[0] for row in rows] and ORG + "wipo" not in [row[0] for row in rows]
        assert sorted_nquads(store) == expected


def test_closure_follows_curation_decisions():
    articles = [seen("g1", None, ("Organization", "acme-group", "Acme Group", [])),
                seen("g2", None, ("Organization", "acme-holdings", "Acme Holdings", []))]
    merged = Decisions(merges=frozenset({frozenset({ORG + "acme-group", ORG + "acme-holdings"})}))
    snapshot = Snapshot(articles)
    current = by_member(resolve(snapshot, BASE, merged))
    assert closure(snapshot, {ORG + "acme-holdings"}, current, decisions=merged) == {
        ORG + "acme-group", ORG + "acme-holdings"}


def test_triples_from_a_worker_process_give_the_same_input():
    import pickle

    from newsgraph.workers import article_triples

    sent = pickle.loads(pickle.dumps(article_triples(WIPO_ROLE, base_iri=BASE)))
    assert hasattr(sent, "ntriples_terms")
    assert article_entities(sent, "g", BASE) == article_entities(to_triples(WIPO_ROLE, base_iri=BASE), "g", BASE)
    quoted = article("q", 'The "Quote" Fund\\ grew.', [("e1", "Other", 'The "Quote" Fund\\')])
    sent = pickle.loads(pickle.dumps(article_triples(quoted, base_iri=BASE)))
    assert article_entities(sent, "g", BASE) == article_entities(to_triples(quoted, base_iri=BASE), "g", BASE)
