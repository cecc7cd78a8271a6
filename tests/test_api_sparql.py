"""The SPARQL 1.1 Protocol endpoint and the Graph Store Protocol, in process."""

import csv
import io
import socket
import threading
import time

import pyoxigraph
import pytest
from api_helpers import BASE, TOKEN, assert_error, client, settings

PEOPLE = "PREFIX schema: <https://schema.org/> SELECT DISTINCT ?name WHERE { ?p a schema:Person ; schema:name ?name } ORDER BY ?name"
GRAPH_1 = BASE + "graph/a1b2c3d4e5f60001"
AUTH = {"authorization": f"Bearer {TOKEN}"}


def names(response) -> list[str]:
    return [row["name"]["value"] for row in response.json()["results"]["bindings"]]


def test_get_query_defaults_to_sparql_json_over_the_union_of_articles():
    r = client().get("/sparql", params={"query": PEOPLE})
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/sparql-results+json"
    assert names(r) == ["Daren Tang", "Liu Chenli"]  # from two different article graphs


def test_post_form_and_direct_query_give_the_same_rows():
    c = client()
    form = c.post("/sparql", data={"query": PEOPLE})
    direct = c.post("/sparql", content=PEOPLE, headers={"content-type": "application/sparql-query"})
    assert names(form) == names(direct) == ["Daren Tang", "Liu Chenli"]


@pytest.mark.parametrize(
    "accept, media, check",
    [
        ("text/csv", "text/csv", lambda body: list(csv.reader(io.StringIO(body)))[1:] == [["Daren Tang"], ["Liu Chenli"]]),
        ("text/tab-separated-values", "text/tab-separated-values", lambda body: '"Liu Chenli"' in body),
        ("application/sparql-results+xml", "application/sparql-results+xml", lambda body: "<literal>Daren Tang</literal>" in body),
        ("text/csv;q=0.4, application/sparql-results+xml;q=0.8", "application/sparql-results+xml", lambda body: "<sparql" in body),
    ],
)
def test_select_result_formats_by_accept(accept, media, check):
    r = client().get("/sparql", params={"query": PEOPLE}, headers={"accept": accept})
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] == media
    assert check(r.text)


def test_ask():
    r = client().get("/sparql", params={"query": "ASK { ?s a <https://schema.org/Person> }"})
    assert r.json()["boolean"] is True


@pytest.mark.parametrize(
    "accept, fmt",
    [
        (None, pyoxigraph.RdfFormat.TURTLE),
        ("application/n-triples", pyoxigraph.RdfFormat.N_TRIPLES),
        ("application/ld+json", pyoxigraph.RdfFormat.JSON_LD),
        ("application/rdf+xml", pyoxigraph.RdfFormat.RDF_XML),
    ],
)
def test_construct_formats(accept, fmt):
    query = "PREFIX schema: <https://schema.org/> CONSTRUCT { ?p schema:name ?n } WHERE { ?p a schema:Person ; schema:name ?n }"
    r = client().get("/sparql", params={"query": query}, headers={"accept": accept} if accept else {})
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] == fmt.media_type
    triples = list(pyoxigraph.parse(r.content, format=fmt))
    assert {t.object.value for t in triples} == {"Daren Tang", "Liu Chenli"}


def test_unproducible_type_is_406():
    assert_error(client().get("/sparql", params={"query": PEOPLE}, headers={"accept": "text/turtle"}), 406, "not_acceptable")
    construct = "CONSTRUCT WHERE { ?s ?p ?o }"
    assert_error(client().get("/sparql", params={"query": construct}, headers={"accept": "text/csv"}), 406)


def test_malformed_query_is_400_with_the_parser_message():
    error = assert_error(client().get("/sparql", params={"query": "SELECT ?x WHERE { ?x "}), 400, "bad_query")
    assert "syntax" in error["message"].lower() or "expected" in error["message"].lower()


def test_too_long_query_is_413():
    query = "SELECT * WHERE { ?s ?p ?o } # " + "x" * 200
    assert_error(client(settings(max_query_chars=100)).get("/sparql", params={"query": query}), 413, "payload_too_large")


def test_deeply_nested_query_is_400_and_the_server_lives_on():
    c = client()
    deep = "SELECT * WHERE " + "{" * 20_000 + " ?s ?p ?o " + "}" * 20_000
    assert_error(c.post("/sparql", data={"query": deep}), 400, "bad_query")
    collections = "SELECT * WHERE { ?s ?p (" + "(" * 100 + "1" + ")" * 100 + ") }"
    assert_error(c.get("/sparql", params={"query": collections}), 400, "bad_query")
    assert c.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True


def test_row_limit_is_stated_when_it_truncates():
    c = client(settings(max_rows=3))
    r = c.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert r.status_code == 200
    assert len(r.json()["results"]["bindings"]) == 3
    assert r.headers["x-newsgraph-truncated"] == "true"
    assert r.headers["x-newsgraph-row-limit"] == "3"
    small = c.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 2"})
    assert "x-newsgraph-truncated" not in small.headers


def test_default_graph_uri_selects_graphs_of_the_store():
    c = client()
    query = "PREFIX schema: <https://schema.org/> SELECT DISTINCT ?name WHERE { ?p a schema:Person ; schema:name ?name }"
    r = c.get("/sparql", params={"query": query, "default-graph-uri": GRAPH_1})
    assert names(r) == ["Daren Tang"]
    named = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    r = c.post("/sparql", data={"query": named, "named-graph-uri": GRAPH_1})
    assert [row["g"]["value"] for row in r.json()["results"]["bindings"]] == [GRAPH_1]


def test_service_description_tells_the_truth():
    r = client().get("/sparql")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    graph = list(pyoxigraph.parse(r.content, format=pyoxigraph.RdfFormat.TURTLE))
    sd = "http://www.w3.org/ns/sparql-service-description#"
    languages = {t.object.value for t in graph if t.predicate.value == sd + "supportedLanguage"}
    assert languages == {sd + "SPARQL11Query"}  # no token configured: no updates
    features = {t.object.value for t in graph if t.predicate.value == sd + "feature"}
    assert features == {sd + "UnionDefaultGraph"}  # and no federation
    with_token = client(settings(api_token=TOKEN)).get("/sparql")
    assert "SPARQL11Update" in with_token.text


# --- nothing is ever fetched ---------------------------------------------------------------


@pytest.fixture
def listener():
    """A loopback listener that must never receive a connection."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.settimeout(0.3)
    yield server.getsockname()[1]
    try:
        connection, _ = server.accept()
    except TimeoutError:
        connection = None
    server.close()
    assert connection is None, "the server made an outbound connection"


def test_service_and_load_are_refused_and_foreign_graphs_are_empty_without_connecting(listener):
    url = f"http://127.0.0.1:{listener}/sparql"
    c = client(settings(api_token=TOKEN))
    assert_error(c.get("/sparql", params={"query": f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"}), 400, "bad_query")
    assert_error(c.post("/sparql", data={"update": f"LOAD <{url}>"}, headers=AUTH), 400, "bad_query")
    # A graph the store does not hold is an empty graph (SPARQL 1.1 Protocol), never fetched.
    for request in (
        c.get("/sparql", params={"query": f"SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}"}),
        c.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }", "default-graph-uri": url}),
        c.post("/sparql", data={"query": "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", "named-graph-uri": url}),
    ):
        assert request.status_code == 200, request.text
        assert request.json()["results"]["bindings"] == []
    count = c.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) FROM <urn:x:dropped> WHERE { ?s ?p ?o }"})
    assert count.json()["results"]["bindings"][0]["n"]["value"] == "0"
    assert_error(c.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }", "default-graph-uri": "not an iri"}), 400)


# --- time limit ----------------------------------------------------------------------------


def test_runaway_query_is_stopped_with_503_while_others_answer():
    c = client(settings(query_timeout=0.5, max_rows=10**9))
    runaway = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    outcome = {}

    def run():
        outcome["response"] = c.get("/sparql", params={"query": runaway})
        outcome["finished"] = time.monotonic()

    thread = threading.Thread(target=run)
    thread.start()
    time.sleep(0.1)
    quick = c.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
    answered = time.monotonic()
    thread.join(30)
    assert quick.status_code == 200 and quick.json()["boolean"] is True
    assert answered < outcome["finished"]  # answered while the runaway query was still running
    error = assert_error(outcome["response"], 503, "query_timeout")
    assert "0.5" in error["message"]


# --- updates ---------------------------------------------------------------------------------

INSERT = 'INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/a> <http://example.org/b> "c" } }'


def test_updates_are_refused_without_a_configured_token():
    c = client()
    assert_error(c.post("/sparql", data={"update": INSERT}), 403, "forbidden")
    assert_error(c.post("/sparql", content=INSERT, headers={"content-type": "application/sparql-update", **AUTH}), 403)
    assert c.get("/sparql", params={"query": "ASK { GRAPH <http://example.org/g> { ?s ?p ?o } }"}).json()["boolean"] is False


def test_updates_need_the_right_token():
    c = client(settings(api_token=TOKEN))
    assert_error(c.post("/sparql", data={"update": INSERT}), 401, "unauthorized")
    assert_error(c.post("/sparql", data={"update": INSERT}, headers={"authorization": "Bearer nope"}), 403, "forbidden")
    assert c.post("/sparql", data={"update": INSERT}, headers=AUTH).status_code == 204
    assert c.get("/sparql", params={"query": "ASK { GRAPH <http://example.org/g> { ?s ?p ?o } }"}).json()["boolean"] is True
    delete = "DROP GRAPH <http://example.org/g>"
    r = c.post("/sparql", content=delete, headers={"content-type": "application/sparql-update", **AUTH})
    assert r.status_code == 204


def test_updates_by_get_are_refused():
    c = client(settings(api_token=TOKEN))
    assert_error(c.get("/sparql", params={"update": INSERT}, headers=AUTH), 400, "bad_request")


def test_malformed_update_is_400():
    c = client(settings(api_token=TOKEN))
    assert_error(c.post("/sparql", data={"update": "INSERT DATA { <a:b> }"}, headers=AUTH), 400, "bad_query")


def test_query_and_update_confusions_are_400_or_415():
    c = client(settings(api_token=TOKEN))
    assert_error(c.post("/sparql", data={"query": INSERT}), 400, "bad_query")
    assert_error(c.post("/sparql", data={"nothing": "x"}), 400)
    assert_error(c.post("/sparql", data={"query": "ASK {}", "update": INSERT}, headers=AUTH), 400)
    assert_error(c.post("/sparql", content="ASK {}", headers={"content-type": "text/plain"}), 415, "unsupported_media_type")


# --- Graph Store Protocol ---------------------------------------------------------------------

G = "http://example.org/graphs/one"


def test_graph_store_round_trip():
    c = client(settings(api_token=TOKEN))
    turtle = "<http://example.org/a> <http://example.org/b> 'one', 'two' ."
    put = c.put("/rdf-graphs", params={"graph": G}, content=turtle, headers={"content-type": "text/turtle", **AUTH})
    assert put.status_code == 201
    got = c.get("/rdf-graphs", params={"graph": G}, headers={"accept": "application/n-triples"})
    assert got.status_code == 200 and got.headers["content-type"].startswith("application/n-triples")
    assert len(list(pyoxigraph.parse(got.content, format=pyoxigraph.RdfFormat.N_TRIPLES))) == 2
    more = '<http://example.org/a> <http://example.org/b> "three" .'
    post = c.post("/rdf-graphs", params={"graph": G}, content=more, headers={"content-type": "application/n-triples", **AUTH})
    assert post.status_code == 204
    got = c.get("/rdf-graphs", params={"graph": G}, headers={"accept": "application/n-triples"})
    assert len(got.text.strip().splitlines()) == 3
    replace = c.put("/rdf-graphs", params={"graph": G}, content=more, headers={"content-type": "application/n-triples", **AUTH})
    assert replace.status_code == 204
    got = c.get("/rdf-graphs", params={"graph": G}, headers={"accept": "application/n-triples"})
    assert len(got.text.strip().splitlines()) == 1
    assert c.delete("/rdf-graphs", params={"graph": G}, headers=AUTH).status_code == 204
    assert_error(c.get("/rdf-graphs", params={"graph": G}), 404, "not_found")
    assert_error(c.delete("/rdf-graphs", params={"graph": G}, headers=AUTH), 404)


def test_graph_store_takes_jsonld_and_answers_head():
    c = client(settings(api_token=TOKEN))
    document = {"@context": {"schema": "https://schema.org/"},
                "@graph": [{"@id": "http://example.org/p", "@type": "schema:Person", "schema:name": "Ana Reyes"}]}
    put = c.put("/rdf-graphs", params={"graph": G}, json=document,
                headers={"content-type": "application/ld+json", **AUTH})
    assert put.status_code == 201, put.text
    got = c.get("/rdf-graphs", params={"graph": G}, headers={"accept": "application/ld+json"})
    assert got.json()["@graph"] == [{"@id": "http://example.org/p", "@type": "schema:Person", "schema:name": "Ana Reyes"}]
    # An article's JSON-LD (a named graph document) goes back in as that graph's triples.
    article = c.get("/articles/" + GRAPH_1.rsplit("/", 1)[1], headers={"accept": "application/ld+json"})
    copy = c.put("/rdf-graphs", params={"graph": "urn:x:copy"}, content=article.content,
                 headers={"content-type": "application/ld+json", **AUTH})
    assert copy.status_code == 201
    count = c.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <urn:x:copy> { ?s ?p ?o } }"})
    original = c.get("/sparql", params={"query": f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH_1}> {{ ?s ?p ?o }} }}"})
    assert count.json() == original.json()
    assert_error(c.put("/rdf-graphs", params={"graph": G}, content=b"{not json",
                       headers={"content-type": "application/ld+json", **AUTH}), 400, "bad_request")
    # HEAD: the GET's status and headers, no body.
    head = c.head("/rdf-graphs", params={"graph": G}, headers={"accept": "application/n-triples"})
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-type"].startswith("application/n-triples")
    assert c.head("/rdf-graphs", params={"graph": "urn:x:absent"}).status_code == 404
    assert c.head("/rdf-graphs", params={"default": ""}).status_code == 200
    export = c.head("/graph", params={"format": "nquads"})
    assert export.status_code == 200 and export.content == b""
    assert export.headers["content-type"].startswith("application/n-quads")
    assert c.head("/graph", headers={"accept": "image/png"}).status_code == 406


def test_graph_store_reads_an_article_graph_and_the_union():
    c = client()
    one = c.get("/rdf-graphs", params={"graph": GRAPH_1})
    assert one.status_code == 200 and one.headers["content-type"].startswith("text/turtle")
    union = c.get("/rdf-graphs", params={"default": ""}, headers={"accept": "application/n-triples"})
    assert len(union.text.strip().splitlines()) > len(list(pyoxigraph.parse(one.content, format=pyoxigraph.RdfFormat.TURTLE)))


def test_graph_store_errors():
    c = client(settings(api_token=TOKEN))
    assert_error(c.put("/rdf-graphs", params={"graph": G}, content="<a:b> <a:c> <a:d> ."), 401)
    assert_error(client().put("/rdf-graphs", params={"graph": G}, content="x", headers=AUTH), 403)
    assert_error(c.put("/rdf-graphs", params={"graph": G}, content="<a:b> <a:c> .",
                       headers={"content-type": "text/turtle", **AUTH}), 400, "bad_request")
    assert_error(c.put("/rdf-graphs", params={"graph": G}, content="x", headers={"content-type": "image/png", **AUTH}), 415)
    assert_error(c.put("/rdf-graphs", params={"default": ""}, content="<a:b> <a:c> <a:d> .",
                       headers={"content-type": "text/turtle", **AUTH}), 400)
    assert_error(c.get("/rdf-graphs"), 400)
    assert_error(c.get("/rdf-graphs", params={"graph": "not an iri"}), 400)


def test_the_sparql_router_mounts_in_another_app():
    from api_helpers import loaded_store
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

    from newsgraph.api import sparql

    s = settings()
    app = FastAPI()
    sparql.mount(app, s, loaded_store(s), prefix="/kg")
    c = TestClient(app)
    assert names(c.get("/kg/sparql", params={"query": PEOPLE})) == ["Daren Tang", "Liu Chenli"]
    assert_error(c.get("/kg/sparql", params={"query": "SELECT"}), 400, "bad_query")
