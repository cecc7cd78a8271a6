"""/roles?jurisdiction=: roles whose title names a place, in-process over a hand-built store."""

import pytest
from api_helpers import BASE, assert_error, client, loaded_store, settings, wipo_extraction

from newsgraph.errors import InvalidArticle
from newsgraph.graph import to_graph
from newsgraph.schema import Article, Entity, Evidence, Extraction, Mention, Role

TEXT = "Former Ruritania President Ann Lee met Daren Tang."


def ruritania_extraction() -> Extraction:
    evidence = Evidence(sentence=0, start=0, end=len(TEXT), text=TEXT)
    return Extraction(
        article=Article(id="a1b2c3d4e5f60009", language="en"),
        entities=[
            Entity(id="e1", type="Place", name="Ruritania", mentions=[Mention(start=7, end=16, text="Ruritania")]),
            Entity(id="e2", type="Person", name="Ann Lee", mentions=[Mention(start=27, end=34, text="Ann Lee")]),
        ],
        roles=[Role(person="e2", role="president", jurisdiction="e1", qualifier="former", evidence=evidence,
                    confidence=0.8)],
    )


def test_roles_filter_by_jurisdiction_and_show_the_qualifier():
    s = settings()
    c = client(s, store=loaded_store(s, wipo_extraction(), ruritania_extraction()))
    body = c.get("/roles", params={"jurisdiction": "place/ruritania"}).json()
    assert body["total"] == 1
    (item,) = body["items"]
    assert (item["person"]["name"], item["role"], item["organization"], item["qualifier"]) == \
        ("Ann Lee", "president", None, "former")
    assert item["jurisdiction"] == {"id": "place/ruritania", "iri": BASE + "place/ruritania",
                                    "name": "Ruritania", "type": "Place"}
    everything = c.get("/roles").json()
    assert everything["total"] == 2
    wipo = next(i for i in everything["items"] if i["role"] == "director general")
    assert wipo["jurisdiction"] is None and wipo["qualifier"] is None


def test_roles_filter_by_a_place_with_no_roles_is_empty():
    assert client().get("/roles", params={"jurisdiction": "place/shenzhen"}).json()["total"] == 0


def test_roles_filter_by_a_malformed_jurisdiction_is_a_4xx():
    response = client().get("/roles", params={"jurisdiction": "not an id"})
    assert 400 <= response.status_code < 500
    assert_error(response, response.status_code)


def test_a_jurisdiction_that_is_not_a_place_is_refused_by_the_graph_mapping():
    bad = ruritania_extraction()
    bad.entities[0].type = "Organization"
    with pytest.raises(InvalidArticle, match="not a Place"):
        to_graph(bad, base_iri=BASE)
