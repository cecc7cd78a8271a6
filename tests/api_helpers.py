"""Shared pieces of the API tests: hand-built extractions and an app on a fresh store."""

from __future__ import annotations

from fastapi.testclient import TestClient

from newsgraph.api import create_app
from newsgraph.graph import to_graph
from newsgraph.schema import Article, Entity, Evidence, Extraction, Figure, Mention, Quote, Role
from newsgraph.settings import Settings
from newsgraph.store.oxigraph import OxigraphStore

BASE = "https://w3id.org/newsgraph/id/"
TOKEN = "s3cret-token-for-tests"


def evidence(text: str, sentence: int = 0, start: int = 0) -> Evidence:
    return Evidence(sentence=sentence, start=start, end=start + len(text), text=text)


def wipo_extraction(article_id: str = "a1b2c3d4e5f60001", published: str = "2025-09-02") -> Extraction:
    """A small hand-built extraction: a person with a role at an organisation, a figure, a quote."""
    s0 = "Daren Tang, director general of WIPO, said Shenzhen leads the index."
    s1 = "The cluster filed 12 percent more patents, Tang said."
    return Extraction(
        article=Article(id=article_id, title="Cluster tops index", published=published, language="en"),
        entities=[
            Entity(id="e1", type="Person", name="Daren Tang", aliases=["Tang"],
                   mentions=[Mention(start=0, end=10, text="Daren Tang"), Mention(start=112, end=116, text="Tang")]),
            Entity(id="e2", type="Organization", name="WIPO", mentions=[Mention(start=32, end=36, text="WIPO")]),
            Entity(id="e3", type="Place", name="Shenzhen", mentions=[Mention(start=43, end=51, text="Shenzhen")]),
        ],
        roles=[Role(person="e1", role="director general", organization="e2", evidence=evidence(s0), confidence=0.9)],
        figures=[Figure(text="12 percent", value=12, unit="percent", about="patents", subject="e3",
                        start=88, end=98, evidence=evidence(s1, 1, 70), confidence=0.8)],
        quotes=[Quote(speaker="e1", text="Shenzhen leads the index", verb="said", direct=False,
                      start=43, end=67, evidence=evidence(s0), confidence=0.7)],
    )


def second_extraction(article_id: str = "a1b2c3d4e5f60002") -> Extraction:
    s0 = "Daren Tang met Liu Chenli, president of SIAT, in Geneva."
    return Extraction(
        article=Article(id=article_id, title="Tang meets Liu", published="2025-10-01", language="en"),
        entities=[
            Entity(id="e1", type="Person", name="Daren Tang", mentions=[Mention(start=0, end=10, text="Daren Tang")]),
            Entity(id="e2", type="Person", name="Liu Chenli", mentions=[Mention(start=15, end=25, text="Liu Chenli")]),
            Entity(id="e3", type="Organization", name="SIAT", mentions=[Mention(start=40, end=44, text="SIAT")]),
        ],
        roles=[Role(person="e2", role="president", organization="e3", evidence=evidence(s0), confidence=0.9)],
        quotes=[Quote(speaker="e2", text="we will cooperate", verb="said", direct=True, start=0, end=10,
                      evidence=evidence(s0), confidence=0.6)],
    )


def settings(**overrides) -> Settings:
    # Extraction in threads: tests hand the app the session's model.
    values = {"store": "memory", "base_iri": BASE, "api_token": None, "extraction_processes": False}
    values.update(overrides)
    return Settings(**values)


def fresh_store(s: Settings) -> OxigraphStore:
    return OxigraphStore(None, base_iri=s.base_iri, query_timeout=s.query_timeout, max_rows=s.max_rows)


def loaded_store(s: Settings, *extractions: Extraction) -> OxigraphStore:
    store = fresh_store(s)
    for extraction in extractions or (wipo_extraction(), second_extraction()):
        store.add_article(extraction.article.id, to_graph(extraction, base_iri=s.base_iri))
    return store


def client(s: Settings | None = None, store=None, nlp=None) -> TestClient:
    s = s or settings()
    app = create_app(s, store=store if store is not None else loaded_store(s), nlp=nlp)
    # raise_server_exceptions=False: a bug must show up as the 500 a client would see.
    return TestClient(app, raise_server_exceptions=False)


def assert_error(response, status: int, code: str | None = None) -> dict:
    """Every error has the one shape; returns its 'error' object."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "detail"}
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    if code:
        assert body["error"]["code"] == code, body
    return body["error"]
