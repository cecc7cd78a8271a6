"""Curation of the entity registry: merge/split decisions in the stores, the CLI and the
API, and the list of likely duplicates."""

from __future__ import annotations

import io
import json

import pytest
from api_helpers import TOKEN, assert_error, client, settings
from registry_examples import TANG_BARE, TANG_OTHER, WIPO_FULL, WIPO_ONLY, WIPO_ROLE, article
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.curation import decide, find_candidates
from newsgraph.graph import to_triples
from newsgraph.registry import registry_graph_iri

BASE = "https://w3id.org/newsgraph/id/"  # api_helpers' base, so the API tests can share stores
ORG, PERSON = BASE + "organization/", BASE + "person/"
WIPO = ORG + "world-intellectual-property-organization"

ACME_GROUP = article("acme-group", "Acme Group cut prices.", [("e1", "Organization", "Acme Group")],
                     published="2025-01-01")
ACME_HOLDINGS = article("acme-holdings", "Acme Holdings cut jobs.", [("e1", "Organization", "Acme Holdings")],
                        published="2025-02-01")


def make(kind, request, tmp_path):
    from conftest import make_store

    return make_store(kind, request, tmp_path, base_iri=BASE)


def add(store, *extractions):
    for extraction in extractions:
        store.add_article(extraction.article.id, to_triples(extraction, base_iri=BASE))


def resolves(store, iri: str) -> str:
    rows = store.select(f"SELECT ?e WHERE {{ GRAPH <{registry_graph_iri(BASE)}> {{ <{iri}> "
                        f"<https://w3id.org/newsgraph/ontology#resolvesTo> ?e }} }}")
    return rows[0]["e"]


def nquads(store) -> list[str]:
    out = io.BytesIO()
    store.export_to("nquads", out)
    return sorted(line for line in out.getvalue().decode().splitlines() if line.strip())


@pytest.mark.parametrize("kind", ["memory", "oxigraph", "virtuoso"])
def test_merge_and_split_are_recorded_and_survive_reingest(kind, request, tmp_path):
    store = make(kind, request, tmp_path)
    try:
        add(store, ACME_GROUP, ACME_HOLDINGS, WIPO_FULL, TANG_BARE, WIPO_ROLE)
        assert resolves(store, ORG + "acme-group") != resolves(store, ORG + "acme-holdings")
        decide(store, "merge", "organization/acme-group", "organization/acme-holdings")
        assert resolves(store, ORG + "acme-group") == resolves(store, ORG + "acme-holdings")
        # "Tang" alone joins Daren Tang by the rules; a split keeps them apart
        assert resolves(store, PERSON + "tang") == PERSON + "daren-tang"
        decide(store, "split", PERSON + "tang", "person/daren-tang")
        assert resolves(store, PERSON + "tang") == PERSON + "tang"
        decided = nquads(store)
        assert any("mergedWith" in line for line in decided) and any("distinctFrom" in line for line in decided)
        # re-ingest: delete and add everything again; the decisions hold
        for extraction in (ACME_GROUP, ACME_HOLDINGS, TANG_BARE):
            store.delete_article(extraction.article.id)
        add(store, TANG_BARE, ACME_HOLDINGS, ACME_GROUP)
        assert nquads(store) == decided
        # a merge withdraws the split on the same pair
        decide(store, "merge", "person/tang", "person/daren-tang")
        assert resolves(store, PERSON + "tang") == PERSON + "daren-tang"
    finally:
        store.close()


def test_decisions_refuse_unknown_or_identical_entities(tmp_path):
    from newsgraph.errors import BadQuery, NotFound
    from newsgraph.store.oxigraph import OxigraphStore

    with OxigraphStore(None, base_iri=BASE) as store:
        add(store, ACME_GROUP)
        with pytest.raises(NotFound):
            decide(store, "merge", "organization/acme-group", "organization/nobody")
        with pytest.raises(BadQuery):
            decide(store, "merge", "organization/acme-group", "organization/acme-group")
        with pytest.raises(BadQuery):
            decide(store, "merge", "organization/acme-group", "planet/mars")


def test_candidates_with_their_evidence():
    entities = [
        (ORG + "wipo", "Organization", "WIPO"),
        (WIPO, "Organization", "World Intellectual Property Organization"),
        (ORG + "acme", "Organization", "Acme"),
        (ORG + "acme-group", "Organization", "Acme Group"),
        (PERSON + "daren-tang", "Person", "Daren Tang"),
        (PERSON + "d-tang", "Person", "D. Tang"),
        (PERSON + "audrey-tang", "Person", "Audrey Tang"),
    ]
    employers = {PERSON + "daren-tang": {WIPO}, PERSON + "d-tang": {WIPO}, PERSON + "audrey-tang": {ORG + "acme"}}
    found = {(c.a, c.b): c for c in find_candidates(entities, employers)}
    assert found[(ORG + "wipo", WIPO)].reason == "acronym-matches-initials"
    assert found[(ORG + "acme", ORG + "acme-group")].reason == "name-contains-name"
    assert found[(PERSON + "d-tang", PERSON + "daren-tang")].reason == "same-surname-shared-organisation"
    assert (PERSON + "audrey-tang", PERSON + "daren-tang") not in found  # no shared organisation
    assert "WIPO" in found[(ORG + "wipo", WIPO)].evidence


def test_cli_merge_split_and_candidates(tmp_path):
    from newsgraph.store.oxigraph import OxigraphStore

    path = tmp_path / "store"
    with OxigraphStore(path, base_iri=BASE) as store:
        add(store, ACME_GROUP, ACME_HOLDINGS, WIPO_ONLY, TANG_OTHER)
        extra = article("acme", "Acme sued.", [("e1", "Organization", "Acme")], published="2025-03-01")
        add(store, extra)
    runner = CliRunner()
    env = {"NEWSGRAPH_BASE_IRI": BASE}
    result = runner.invoke(app, ["entities", "candidates", "--store", f"oxigraph:{path}", "--json"], env=env)
    assert result.exit_code == 0, result.output
    pairs = [json.loads(line) for line in result.output.splitlines()]
    assert {(p["a"], p["b"], p["reason"]) for p in pairs} >= {
        (ORG + "acme", ORG + "acme-group", "name-contains-name"),
        (ORG + "acme", ORG + "acme-holdings", "name-contains-name")}
    result = runner.invoke(app, ["entities", "merge", "organization/acme", "organization/acme-group",
                                 "--store", f"oxigraph:{path}"], env=env)
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert answer["resolves_to"][ORG + "acme"] == answer["resolves_to"][ORG + "acme-group"]
    result = runner.invoke(app, ["entities", "split", "organization/acme", "organization/nobody",
                                 "--store", f"oxigraph:{path}"], env=env)
    assert result.exit_code != 0


def test_api_merge_needs_the_token_and_answers_the_resolution():
    from newsgraph.store.oxigraph import OxigraphStore

    store = OxigraphStore(None, base_iri=BASE)
    add(store, ACME_GROUP, ACME_HOLDINGS)
    c = client(settings(api_token=TOKEN), store=store)
    body = {"with": "organization/acme-holdings"}
    assert_error(c.post("/entities/organization/acme-group/merge", json=body), 401)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    response = c.post("/entities/organization/acme-group/merge", json=body, headers=auth)
    assert response.status_code == 200, response.text
    assert len(set(response.json()["resolves_to"].values())) == 1
    assert c.get("/entities", params={"type": "Organization"}).json()["total"] == 1
    assert_error(c.post("/entities/organization/acme-group/split", json={"with": "organization/nobody"},
                        headers=auth), 404)
    assert_error(c.post("/entities/organization/acme-group/split", json={}, headers=auth), 422)
    response = c.post("/entities/organization/acme-group/split", json=body, headers=auth)
    assert response.status_code == 200
    assert c.get("/entities", params={"type": "Organization"}).json()["total"] == 2
