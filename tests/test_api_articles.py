"""Posting articles through the API with the real spaCy model."""

import json

import pyoxigraph
import pytest
from api_helpers import BASE, TOKEN, assert_error, fresh_store, settings
from fastapi.testclient import TestClient

from newsgraph.api import create_app
from newsgraph.extract import article_id

pytestmark = pytest.mark.model

TEXT = (
    "Daren Tang, director general of the World Intellectual Property Organization, said on Tuesday "
    "that the Shenzhen cluster filed 12 percent more patents. \"Innovation is spreading,\" Tang said."
)
HTML = f"""<!doctype html><html><head><title>Cluster files more patents</title>
<script>var tracker = "Evil Corp hired Mallory Smith";</script><style>p {{ color: red }}</style></head>
<body><nav>Home | World | Business | Sign in</nav>
<article><h1>Cluster files more patents</h1><p>{TEXT}</p>
<p>Liu Chenli, president of the Shenzhen Institute of Advanced Technology, said the region would keep investing.</p></article>
<footer>Copyright Example News. All rights reserved.</footer></body></html>"""


@pytest.fixture
def api(nlp):
    s = settings()
    store = fresh_store(s)
    with TestClient(create_app(s, store=store, nlp=nlp), raise_server_exceptions=False) as c:
        yield c, store


def test_post_text_creates_and_reposting_finds_it(api):
    c, store = api
    r = c.post("/articles", content=TEXT.encode(), headers={"content-type": "text/plain"}, params={"title": "Patents"})
    assert r.status_code == 201
    body = r.json()
    aid = article_id(TEXT)
    assert r.headers["location"] == f"/articles/{aid}"
    assert body["article"]["id"] == aid and body["article"]["title"] == "Patents"
    assert body["iri"] == f"{BASE}article/{aid}" and body["graph"] == f"{BASE}graph/{aid}"
    assert any(e["name"] == "Daren Tang" for e in body["entities"])
    assert body["triples"] == store.stats().triples
    before = store.stats().triples

    again = c.post("/articles", json={"text": TEXT})
    assert again.status_code == 200
    assert again.headers["location"] == f"/articles/{aid}"
    assert again.json()["id"] == aid and again.json()["triples"] == body["triples"]
    assert store.stats().triples == before and store.stats().articles == 1


def test_post_json_with_metadata(api):
    c, _ = api
    r = c.post("/articles", json={"text": TEXT, "title": "T", "url": "https://example.org/a", "published": "2025-09-02", "source": "Wire"})
    assert r.status_code == 201
    article = r.json()["article"]
    assert (article["title"], article["url"], article["published"], article["source"]) == ("T", "https://example.org/a", "2025-09-02", "Wire")
    stored = c.get(r.headers["location"]).json()
    assert (stored["title"], stored["published"], stored["source"]) == ("T", "2025-09-02", "Wire")


def test_html_main_text_only_reaches_the_extractor(api):
    c, _ = api
    r = c.post("/extract", content=HTML.encode(), headers={"content-type": "text/html"})
    assert r.status_code == 200
    extraction = r.json()["extraction"]
    assert extraction["article"]["title"] == "Cluster files more patents"
    names = {e["name"] for e in extraction["entities"]}
    assert "Daren Tang" in names and "Liu Chenli" in names
    text = json.dumps(extraction)
    for boilerplate in ("Mallory", "Evil Corp", "Sign in", "Copyright", "color"):
        assert boilerplate not in text


def test_html_fragment_is_read(api):
    c, _ = api
    fragment = "<p>Maria Lopez, chief executive of Andes Mining, said copper output rose.</p><script>x = 'Evil Corp';</script>"
    r = c.post("/extract", content=fragment.encode(), headers={"content-type": "text/html; charset=utf-8"})
    assert r.status_code == 200
    names = {e["name"] for e in r.json()["extraction"]["entities"]}
    assert "Maria Lopez" in names and "Evil Corp" not in names


def test_extract_is_a_dry_run(api):
    c, store = api
    r = c.post("/extract", json={"text": TEXT})
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    body = r.json()
    assert body["graph"] == f"{BASE}graph/{article_id(TEXT)}"
    assert body["triples"] > 0 and isinstance(body["jsonld"], (list, dict))
    turtle = c.post("/extract", json={"text": TEXT}, headers={"accept": "text/turtle"})
    assert turtle.headers["content-type"].startswith("text/turtle")
    assert len(list(pyoxigraph.parse(turtle.content, format=pyoxigraph.RdfFormat.TURTLE))) == body["triples"]
    jsonld = c.post("/extract", json={"text": TEXT}, headers={"accept": "application/ld+json"})
    assert jsonld.headers["content-type"] == "application/ld+json"
    assert len(list(pyoxigraph.parse(jsonld.content, format=pyoxigraph.RdfFormat.JSON_LD))) == body["triples"]
    assert_error(c.post("/extract", json={"text": TEXT}, headers={"accept": "text/csv"}), 406)
    assert store.stats().articles == 0


def test_batch_json_and_ndjson(api):
    c, store = api
    other = "Angela Merkel visited Paris on Monday to meet Emmanuel Macron."
    r = c.post("/articles:batch", json=[{"text": TEXT}, {"text": ""}, {"text": other}, {"text": TEXT}])
    assert r.status_code == 200
    result = r.json()
    assert [item["status"] for item in result["results"]] == [201, 422, 201, 200]
    assert (result["created"], result["existing"], result["failed"]) == (2, 1, 1)
    assert result["results"][0]["id"] == article_id(TEXT)
    ndjson = json.dumps({"text": other}) + "\n" + json.dumps({"text": "The Reserve Bank of India held rates."}) + "\n"
    r = c.post("/articles:batch", content=ndjson, headers={"content-type": "application/x-ndjson"})
    assert [item["status"] for item in r.json()["results"]] == [200, 201]
    assert store.stats().articles == 3


def test_get_and_delete_a_posted_article(api):
    c, store = api
    created = c.post("/articles", json={"text": TEXT}).json()
    location = f"/articles/{created['article']['id']}"
    turtle = c.get(location, headers={"accept": "text/turtle"})
    assert len(list(pyoxigraph.parse(turtle.content, format=pyoxigraph.RdfFormat.TURTLE))) == created["triples"]
    assert c.get("/articles").json()["total"] == 1
    assert c.delete(location).status_code == 204
    assert_error(c.get(location), 404)
    assert store.stats().triples == 0


def test_posting_needs_the_token_when_configured(nlp):
    s = settings(api_token=TOKEN)
    store = fresh_store(s)
    c = TestClient(create_app(s, store=store, nlp=nlp), raise_server_exceptions=False)
    assert_error(c.post("/articles", json={"text": TEXT}), 401)
    assert_error(c.post("/articles", json={"text": TEXT}, headers={"authorization": "Bearer x"}), 403)
    assert store.stats().articles == 0
    assert c.post("/articles", json={"text": TEXT}, headers={"authorization": f"Bearer {TOKEN}"}).status_code == 201


@pytest.mark.parametrize("text", ["🎉🎉🎉 🚀", "x" * 100_000, "Lagos traffic eases."])
def test_unusual_texts_are_processed(api, text):
    c, store = api
    r = c.post("/articles", json={"text": text})
    assert r.status_code == 201, r.text
    assert store.has_article(r.json()["article"]["id"])


@pytest.mark.parametrize("text", ["深圳-香港-广州科技集群在全球创新指数中排名第一。", "قال المدير العام إن المؤشر مهم."])
def test_text_in_another_script_is_refused_as_not_english(api, text):
    c, store = api
    r = c.post("/articles", json={"text": text})
    assert_error(r, 422)
    assert r.json()["error"]["code"] == "unsupported_language"
    assert store.stats().articles == 0


def assert_server_timing(response) -> None:
    """A created article's Server-Timing header says how long each step took."""
    steps = {}
    for step in response.headers["server-timing"].split(","):
        name, _, duration = step.strip().partition(";dur=")
        steps[name] = float(duration)
    assert list(steps) == ["check", "wait", "extract", "map", "transfer", "store"]
    assert all(ms >= 0 for ms in steps.values()) and steps["extract"] > 0 and steps["store"] > 0


def test_created_article_tells_its_steps_timings(api):
    c, _ = api
    created = c.post("/articles", json={"text": TEXT})
    assert created.status_code == 201
    assert_server_timing(created)
    assert "server-timing" not in c.post("/articles", json={"text": TEXT}).headers  # nothing was done


def test_extraction_in_worker_processes():
    s = settings(extraction_processes=True, max_concurrent_extractions=1)
    store = fresh_store(s)
    with TestClient(create_app(s, store=store), raise_server_exceptions=False) as c:
        assert c.get("/health").json()["model"]  # loaded by the worker at startup
        r = c.post("/articles", json={"text": TEXT})
        assert r.status_code == 201
        assert any(e["name"] == "Daren Tang" for e in r.json()["entities"])
        assert r.json()["triples"] == store.stats().triples
        assert_server_timing(r)
        dry = c.post("/extract", json={"text": TEXT}, headers={"accept": "text/turtle"})
        assert len(list(pyoxigraph.parse(dry.content, format=pyoxigraph.RdfFormat.TURTLE))) == r.json()["triples"]
    assert store.has_article(article_id(TEXT))


def test_reads_are_answered_while_an_article_is_extracted(api):
    import threading
    import time
    from pathlib import Path

    c, _ = api
    long_text = "\n\n".join([(Path(__file__).resolve().parent.parent / "samples" / "seed_retelling.txt").read_text()] * 6)
    finished = {}

    def post():
        finished["response"] = c.post("/articles", content=long_text.encode(), headers={"content-type": "text/plain"})
        finished["at"] = time.monotonic()

    thread = threading.Thread(target=post)
    thread.start()
    time.sleep(0.2)
    health = c.get("/health")
    answered = time.monotonic()
    query = c.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
    thread.join(120)
    assert health.status_code == 200 and query.status_code == 200
    assert finished["response"].status_code == 201
    assert answered < finished["at"]  # the event loop was free while the model worked
