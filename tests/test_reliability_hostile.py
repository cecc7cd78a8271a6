"""Hostile articles and hostile SPARQL against a real ``newsgraph serve`` over HTTP.

Each hostile article is either refused with a clear 4xx in the one error shape and
leaves the store exactly as it was, or is stored whole: the triples reported are the
triples stored. Each attempt to make the server fetch a URL (SERVICE, LOAD, FROM,
default-graph-uri, XML entities, article URLs, HTML resources) points at a loopback
listener that must receive nothing. A runaway query is stopped with 503 at the time
limit while a simple query keeps answering within a second.
"""

from __future__ import annotations

import os
import threading
import time
from urllib.parse import quote

import httpx
import pytest
from reliability_server import ARTICLE_GRAPHS, Listener, Server

pytestmark = [pytest.mark.reliability, pytest.mark.server, pytest.mark.model]

TOKEN = "hostile-test-token-5d1f"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
QUERY_TIMEOUT = 2.0


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    store = tmp_path_factory.mktemp("hostile") / "store"
    # Query processes are what stops a runaway query for good; this server has them.
    env = {"NEWSGRAPH_API_TOKEN": TOKEN, "NEWSGRAPH_QUERY_TIMEOUT": str(QUERY_TIMEOUT), "NEWSGRAPH_QUERY_PROCESSES": "3"}
    srv = Server(f"oxigraph:{store}", env=env)
    try:
        yield srv
    finally:
        srv.stop()


@pytest.fixture(scope="module")
def http(server):
    with server.client() as client:
        yield client


@pytest.fixture(scope="module")
def listener():
    sink = Listener()
    try:
        yield sink
    finally:
        sink.close()


def assert_error(response: httpx.Response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "detail"}, body
    assert body["error"]["message"]
    if code:
        assert body["error"]["code"] == code, body
    return body["error"]


def snapshot(http: httpx.Client) -> tuple[int, int]:
    """(articles, quads) in the whole store."""
    total = http.get("/articles", params={"limit": 1}).json()["total"]
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {ARTICLE_GRAPHS} }}"
    rows = http.get("/sparql", params={"query": query}).json()["results"]["bindings"]
    return total, int(rows[0]["n"]["value"])


def graph_triples(http: httpx.Client, graph: str) -> int:
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    rows = http.get("/sparql", params={"query": query}).json()["results"]["bindings"]
    return int(rows[0]["n"]["value"])


def assert_stored_whole(http: httpx.Client, created: httpx.Response, posted_text: str | None) -> dict:
    """A 201: the article reads back with exactly the triples reported, its evidence
    quotes the posted text verbatim (no mangled encodings)."""
    body = created.json()
    aid = body["article"]["id"]
    assert created.headers["location"].endswith(f"/articles/{aid}")
    stored = http.get(f"/articles/{aid}")
    assert stored.status_code == 200, stored.text
    assert stored.json()["triples"] == body["triples"]
    assert graph_triples(http, body["graph"]) == body["triples"]
    if posted_text is not None:
        for entity in body["entities"]:
            for mention in entity["mentions"]:
                assert posted_text[mention["start"]:mention["end"]] == mention["text"], mention
    return body


# --- hostile articles -------------------------------------------------------------------

ENGLISH = ("Maria Lopez, chief executive of Northwind Rail, said on Monday that revenue rose "
           "12 percent in Lisbon. \"We will keep hiring,\" Lopez said.")

REFUSED = [
    # name, body, content type, status, code
    ("empty", b"", "text/plain", 422, "empty_text"),
    ("whitespace only", " \n\t\r\n \u3000 ".encode(), "text/plain", 422, "empty_text"),
    ("10 MB body", b"news " * 2_000_000, "text/plain", 413, "payload_too_large"),
    ("invalid UTF-8", b"Caf\xe9 owner \xff\xfe said", "text/plain", 422, "not_utf8"),
    ("NUL bytes", b"Maria Lopez\x00 said\x00 hello.", "text/plain", 422, "invalid_article"),
    ("malformed JSON", b'{"text": "Maria Lopez said', "application/json", 400, None),
    ("JSON nested 100,000 deep", b"[" * 100_000, "application/json", 400, None),
    ("wrong content type", ENGLISH.encode(), "application/xml", 415, "unsupported_media_type"),
    ("no content type", ENGLISH.encode(), None, 415, "unsupported_media_type"),
    ("JSON text is a number", b'{"text": 42}', "application/json", 422, "invalid_article"),
    ("JSON wrong field types", b'{"text": "Maria Lopez said.", "title": ["a"], "published": {}}',
     "application/json", 422, "invalid_article"),
    ("JSON array instead of object", b'["Maria Lopez said."]', "application/json", 422, "invalid_article"),
    ("JSON empty text", b'{"text": "   "}', "application/json", 422, "empty_text"),
    ("HTML with only a script", b"<html><body><script>var a = 'Maria Lopez';</script></body></html>",
     "text/html", 422, None),
    ("lone surrogate in the title", b'{"text": "Maria Lopez said the plan works.", "title": "Plan \\ud83d"}',
     "application/json", 422, "invalid_article"),
    ("placeholder date with a dateline",
     b'{"text": "LISBON, Jan. 5 (Reuters) - Maria Lopez said the plan works.", "published": "9999-12-31"}',
     "application/json", 422, "invalid_article"),
    ("HTML whose only text is a noscript notice",
     b"<html><body><noscript>You need to enable JavaScript to run this app.</noscript><div id=root></div></body></html>",
     "text/html", 422, "invalid_article"),
    ("Russian", "Мария Лопес, глава компании, заявила в понедельник, что выручка выросла на двенадцать процентов."
     .encode(), "text/plain", 422, "unsupported_language"),
]


@pytest.mark.parametrize("name,body,content_type,status,code", REFUSED, ids=[r[0] for r in REFUSED])
def test_hostile_article_is_refused_and_nothing_is_stored(http, name, body, content_type, status, code):
    before = snapshot(http)
    headers = dict(AUTH)
    if content_type:
        headers["content-type"] = content_type
    response = http.post("/articles", content=body, headers=headers)
    error = assert_error(response, status, code)
    assert TOKEN not in response.text
    # The refusal is not a stack trace: a sentence for people.
    assert "Traceback" not in error["message"] and len(error["message"]) < 500
    assert snapshot(http) == before, f"{name}: the store changed although the article was refused"


def test_chunked_body_past_the_limit_is_refused_without_content_length(http):
    """No Content-Length to check up front: the limit holds while the body streams in."""
    before = snapshot(http)

    def chunks():
        for _ in range(100):  # 10 MB in 100 kB chunks
            yield b"news " * 20_000

    for method, path, headers in (("POST", "/articles", {**AUTH, "content-type": "text/plain"}),
                                  ("POST", "/sparql", {"content-type": "application/sparql-query"}),
                                  ("PUT", "/rdf-graphs?graph=urn:x:big", {**AUTH, "content-type": "text/turtle"})):
        response = http.request(method, path, content=chunks(), headers=headers)
        assert_error(response, 413, "payload_too_large")
    assert snapshot(http) == before
    assert http.get("/health").status_code == 200


PROCESSED = [
    # name, text, content type; each must be stored whole or refused with a clear 4xx
    ("single 100,000-character token", "x" * 100_000, "text/plain"),
    ("emoji only", "\U0001F600\U0001F389\U0001F680 \U0001F642\U0001F642 \U0001F30D", "text/plain"),
    ("right-to-left scripts", "قالت ليلى حسن إن الشركة نمت في القاهرة. אמרה נועה לוי שהחברה גדלה בחיפה.", "text/plain"),
    ("Chinese", "王明是北京一家公司的总经理。他说，今年的收入增长了百分之十二。", "text/plain"),
    ("English with control characters", "Maria Lopez\u200b said\u0007 the plan\u202e works.", "text/plain"),
]


@pytest.mark.parametrize("name,text,content_type", PROCESSED, ids=[p[0] for p in PROCESSED])
def test_unusual_article_is_stored_whole_or_refused_clearly(http, name, text, content_type):
    before = snapshot(http)
    response = http.post("/articles", content=text.encode("utf-8"), headers={**AUTH, "content-type": content_type})
    if response.status_code >= 400:
        assert 400 <= response.status_code < 500, response.text
        assert_error(response, response.status_code)
        assert snapshot(http) == before
        return
    assert response.status_code == 201, response.text
    body = assert_stored_whole(http, response, text)
    after = snapshot(http)
    assert after == (before[0] + 1, before[1] + body["triples"])
    # Posting it again is idempotent.
    again = http.post("/articles", content=text.encode("utf-8"), headers={**AUTH, "content-type": content_type})
    assert again.status_code == 200, again.text
    assert snapshot(http) == after


def test_html_scripts_and_markup_never_reach_the_store(http):
    html = (
        "<html><head><title>Rail revenue</title><style>p { color: red }</style>"
        "<script>document.write('Victor Quell, director of Shadow Holdings')</script></head><body>"
        "<nav>Home | Markets | Contact</nav><article><p>" + ENGLISH + "</p>"
        "<p>Analysts in Lisbon said the results were better than expected, and Lopez added that "
        "the company would open two new depots next spring.</p></article>"
        "<script>fetch('/steal?c=' + document.cookie)</script></body></html>"
    )
    response = http.post("/articles", content=html.encode(), headers={**AUTH, "content-type": "text/html"})
    assert response.status_code == 201, response.text
    body = assert_stored_whole(http, response, None)
    names = {e["name"] for e in body["entities"]}
    assert "Maria Lopez" in names
    turtle = http.get(f"/articles/{body['article']['id']}", headers={"accept": "text/turtle"}).text
    for leaked in ("Victor Quell", "Shadow Holdings", "document.cookie", "<script", "color: red"):
        assert leaked not in turtle and leaked not in response.text, leaked


# --- hostile SPARQL: nothing is ever fetched ----------------------------------------------


def _fetch_attempts(base: str) -> list[tuple[str, dict]]:
    """(description, request kwargs for POST/GET /sparql) — every one points at the listener."""
    q = lambda text: {"method": "GET", "params": {"query": text}}  # noqa: E731
    u = lambda text: {"method": "POST", "data": {"update": text}, "headers": AUTH}  # noqa: E731
    raw_u = lambda text: {"method": "POST", "content": text.encode(),  # noqa: E731
                          "headers": {**AUTH, "content-type": "application/sparql-update"}}
    raw_q = lambda text: {"method": "POST", "content": text.encode(),  # noqa: E731
                          "headers": {"content-type": "application/sparql-query"}}
    return [
        ("SERVICE", q(f"SELECT * WHERE {{ SERVICE <{base}/sparql> {{ ?s ?p ?o }} }}")),
        ("service silent, lower case", q(f"select * where {{ service silent <{base}/sparql> {{ ?s ?p ?o }} }}")),
        ("SERVICE after a comment", raw_q(f"SELECT * WHERE {{ # harmless\n SeRvIcE\n<{base}/x> {{ ?s ?p ?o }} }}")),
        ("SERVICE with a prefixed name", q(f"PREFIX r: <{base}/> SELECT * WHERE {{ SERVICE r:sparql {{ ?s ?p ?o }} }}")),
        ("SERVICE on a variable", q(f"SELECT * WHERE {{ VALUES ?e {{ <{base}/s> }} SERVICE ?e {{ ?s ?p ?o }} }}")),
        ("SERVICE with a \\u escape", q(f"SELECT * WHERE {{ \\u0053ERVICE <{base}/u> {{ ?s ?p ?o }} }}")),
        ("SERVICE with a \\U escape", q(f"SELECT * WHERE {{ SERVIC\\U00000045 <{base}/u> {{ ?s ?p ?o }} }}")),
        ("FROM with a \\u escape", q(f"SELECT * FR\\u004FM <{base}/f.ttl> WHERE {{ ?s ?p ?o }}")),
        ("LOAD with a \\u escape", u(f"\\u004cOAD <{base}/l.ttl>")),
        ("FROM", q(f"SELECT * FROM <{base}/graph.ttl> WHERE {{ ?s ?p ?o }}")),
        ("FROM NAMED", q(f"SELECT * FROM NAMED <{base}/graph.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}")),
        ("FROM with a prefixed name", q(f"PREFIX r: <{base}/> SELECT * FROM r:graph.ttl WHERE {{ ?s ?p ?o }}")),
        ("CONSTRUCT FROM", raw_q(f"CONSTRUCT {{ ?s ?p ?o }} FROM <{base}/c.ttl> WHERE {{ ?s ?p ?o }}")),
        ("default-graph-uri", {"method": "GET", "params": {"query": "SELECT * WHERE { ?s ?p ?o }",
                                                         "default-graph-uri": f"{base}/d.ttl"}}),
        ("named-graph-uri", {"method": "GET", "params": {"query": "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }",
                                                       "named-graph-uri": f"{base}/n.ttl"}}),
        ("LOAD", u(f"LOAD <{base}/data.ttl>")),
        ("LOAD SILENT INTO GRAPH", raw_u(f"LOAD SILENT <{base}/data.ttl> INTO GRAPH <urn:x:g>")),
        ("LOAD after INSERT DATA", u(f"INSERT DATA {{ GRAPH <urn:x:g> {{ <urn:a> <urn:b> 1 }} }} ; load <{base}/x.ttl>")),
        ("USING", u(f"INSERT {{ GRAPH <urn:x:g> {{ ?s ?p ?o }} }} USING <{base}/u.ttl> WHERE {{ ?s ?p ?o }}")),
        ("USING NAMED", u(f"DELETE {{ ?s ?p ?o }} USING NAMED <{base}/u.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}")),
        ("SERVICE inside an update", u(f"INSERT {{ GRAPH <urn:x:g> {{ ?s ?p ?o }} }} WHERE {{ SERVICE <{base}/s> {{ ?s ?p ?o }} }}")),
    ]


# Attempts whose URL is only the name of a graph in the request's dataset (FROM, USING,
# default-graph-uri, ...): answered from the store, where that graph is empty; never fetched.
NAMES_ONLY = {"FROM", "FROM NAMED", "FROM with a prefixed name", "CONSTRUCT FROM",
              "default-graph-uri", "named-graph-uri", "USING", "USING NAMED"}


@pytest.fixture(scope="module")
def memory_http(tmp_path_factory):
    """A second server on the memory store: rdflib's engine, which runs SERVICE and
    expands \\u escapes itself, so only the endpoint's guard stands in the way."""
    env = {"NEWSGRAPH_API_TOKEN": TOKEN, "NEWSGRAPH_QUERY_TIMEOUT": str(QUERY_TIMEOUT)}
    srv = Server("memory", env=env)
    try:
        with srv.client() as client:
            yield client
    finally:
        srv.stop()


@pytest.fixture(scope="module")
def virtuoso_http(virtuoso_server):
    """A server on the shared Virtuoso (a remote SPARQL store that runs SERVICE itself)."""
    env = {"NEWSGRAPH_API_TOKEN": TOKEN, "NEWSGRAPH_QUERY_TIMEOUT": str(QUERY_TIMEOUT),
           "NEWSGRAPH_STORE_USER": virtuoso_server.user, "NEWSGRAPH_STORE_PASSWORD": virtuoso_server.password}
    srv = Server(virtuoso_server.spec, env=env)
    try:
        with srv.client() as client:
            yield client
    finally:
        srv.stop()


@pytest.fixture(params=["oxigraph", "memory", pytest.param("virtuoso", marks=pytest.mark.virtuoso)])
def any_http(request):
    return request.getfixturevalue({"oxigraph": "http", "memory": "memory_http", "virtuoso": "virtuoso_http"}[request.param])


def test_no_query_or_update_makes_the_server_fetch_a_url(any_http, listener):
    http = any_http
    before = snapshot(http)
    outcomes = {}
    for name, request in _fetch_attempts(listener.base):
        method = request.pop("method")
        response = http.request(method, "/sparql", **request)
        outcomes[name] = response.status_code
        if name == "FROM with a \\u escape" and response.status_code == 200:
            continue  # rdflib reads the escape (an empty graph); Oxigraph and Virtuoso refuse it: 400
        if name in NAMES_ONLY:
            # A dataset naming a graph the store lacks reads it as empty (SPARQL 1.1 Protocol);
            # Virtuoso refuses DELETE without GRAPH under USING NAMED, a syntax matter of its own.
            if response.status_code == 400 and "Virtuoso" in response.text:
                continue
            assert response.status_code in (200, 204), (name, response.text)
            if response.status_code == 200 and "bindings" in response.text:
                assert response.json()["results"]["bindings"] == [], name
            continue
        assert_error(response, 400)
        assert response.json()["error"]["code"] in ("bad_query", "bad_request"), (name, response.text)
    time.sleep(1.0)  # anything the server started would have connected by now
    assert listener.connections == [], f"the server connected out: {listener.connections!r}"
    assert snapshot(http) == before
    assert {outcomes[name] for name in outcomes if name not in NAMES_ONLY | {"FROM with a \\u escape"}} == {400}


def test_no_body_makes_the_server_fetch_a_url(http, listener):
    """Graph Store bodies and articles that name URLs: parsed or stored, never fetched."""
    base = listener.base
    xxe = (f'<?xml version="1.0"?><!DOCTYPE rdf:RDF [<!ENTITY ext SYSTEM "{base}/xxe.txt">]>'
           '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">'
           '<rdf:Description rdf:about="http://example.org/a"><ex:p>&ext;</ex:p></rdf:Description></rdf:RDF>')
    graph = quote("urn:x:hostile-xml", safe="")
    response = http.put(f"/rdf-graphs?graph={graph}", content=xxe.encode(),
                        headers={**AUTH, "content-type": "application/rdf+xml"})
    assert response.status_code in (201, 204, 400), response.text
    if response.status_code == 400:
        assert_error(response, 400)
    turtle = f"@base <{base}/> . @prefix r: <{base}/> . <a> r:seeAlso <{base}/more.ttl> ."
    response = http.put(f"/rdf-graphs?graph={quote('urn:x:hostile-ttl', safe='')}", content=turtle.encode(),
                        headers={**AUTH, "content-type": "text/turtle"})
    assert response.status_code in (201, 204), response.text
    article = {"text": ENGLISH + " Report 77.", "url": f"{base}/story.html", "source": f"{base}/"}
    response = http.post("/articles", json=article, headers=AUTH)
    assert response.status_code == 201, response.text
    html = (f'<html><head><link rel="stylesheet" href="{base}/s.css"><base href="{base}/"></head><body>'
            f'<img src="{base}/i.png"><iframe src="{base}/f.html"></iframe><article><p>{ENGLISH} Report 78.</p>'
            f'<p>Lopez said the depots would open in <a href="{base}/depots">two cities</a> next spring.</p>'
            '</article></body></html>')
    response = http.post("/articles", content=html.encode(), headers={**AUTH, "content-type": "text/html"})
    assert response.status_code == 201, response.text
    time.sleep(1.0)
    assert listener.connections == [], f"the server connected out: {listener.connections!r}"


# --- limits and errors of the query endpoint ---------------------------------------------


def test_very_long_and_deeply_nested_queries_get_the_documented_errors(http, server):
    long_query = "SELECT * WHERE { ?s ?p ?o } # " + "x" * 200_000
    assert_error(http.post("/sparql", content=long_query.encode(),
                           headers={"content-type": "application/sparql-query"}), 413, "payload_too_large")
    # Within the length limit but nested thousands deep: refused before the store's
    # recursive parser sees it (it used to overflow its stack and kill the server).
    for nested in ("SELECT * WHERE " + "{ " * 5000 + "?s ?p ?o " + "} " * 5000,
                   "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 20000 + "1" + ")" * 20000 + ") }",
                   "ASK { " + "OPTIONAL { " * 3000 + "?s ?p ?o " + "} " * 3000 + "}"):
        response = http.post("/sparql", content=nested.encode(), headers={"content-type": "application/sparql-query"})
        assert_error(response, 400, "bad_query")
    # Reasonable nesting still runs.
    fine = "SELECT * WHERE " + "{ " * 30 + "?s ?p ?o " + "} " * 30 + " LIMIT 1"
    assert http.post("/sparql", content=fine.encode(), headers={"content-type": "application/sparql-query"}).status_code == 200
    assert_error(http.get("/sparql", params={"query": "SELEKT * WHERE { ?s ?p ?o }"}), 400, "bad_query")
    assert_error(http.get("/sparql", params={"query": ""}), 400, "bad_query")
    assert server.process.poll() is None, "the server died:\n" + server.output
    assert http.get("/health").status_code == 200


def test_updates_need_the_right_token(http):
    update = "INSERT DATA { GRAPH <urn:x:auth> { <urn:a> <urn:b> 1 } }"
    for headers, status in (({}, 401), ({"Authorization": "Bearer wrong"}, 403),
                            ({"Authorization": f"Basic {TOKEN}"}, 401), ({"Authorization": f"Bearer {TOKEN}x"}, 403)):
        assert_error(http.post("/sparql", data={"update": update}, headers=headers), status)
        assert_error(http.post("/sparql", content=update.encode(),
                               headers={**headers, "content-type": "application/sparql-update"}), status)
    ask = {"query": "ASK { GRAPH <urn:x:auth> { ?s ?p ?o } }"}
    assert http.get("/sparql", params=ask).json()["boolean"] is False
    assert http.post("/sparql", data={"update": update}, headers=AUTH).status_code == 204
    assert http.get("/sparql", params=ask).json()["boolean"] is True


# --- a runaway query ----------------------------------------------------------------------


def runaway_query(graph: str) -> str:
    """Six unrelated patterns over a graph of 200 triples: 200^6 = 6.4 * 10^13 combinations,
    none passing the filter, so no row to stop at and no machine that finishes inside
    the limit (at a billion combinations a second, 18 hours)."""
    patterns = " ".join(f"?s{i} ?p{i} ?o{i} ." for i in range(6))
    return (f"SELECT ?s0 WHERE {{ GRAPH <{graph}> {{ {patterns} }} "
            f"FILTER({' + '.join(f'?o{i}' for i in range(6))} = -1) }}")


def query_children(server: Server) -> dict[int, float]:
    """pid -> CPU seconds of the server's query processes (Linux /proc)."""
    found = {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                command = f.read()
        except OSError:
            continue
        if int(fields[1]) == server.process.pid and fields[0] != "Z" and b"query_process.py" in command:
            found[int(entry)] = (int(fields[11]) + int(fields[12])) / tick
    return found


@pytest.fixture(scope="module")
def runaway_graph(http):
    triples = " ".join(f"<urn:x:e{i}> <urn:x:p{i % 7}> {i} ." for i in range(200))
    response = http.put(f"/rdf-graphs?graph={quote('urn:x:runaway', safe='')}", content=triples.encode(),
                        headers={**AUTH, "content-type": "text/turtle"})
    assert response.status_code in (201, 204), response.text
    return "urn:x:runaway"


def test_runaway_query_is_stopped_while_simple_queries_answer(http, server, runaway_graph):
    """Runs last in this module but one. The query cannot finish on any machine; it is
    answered 503 at the limit and the process that ran it is gone by then."""
    outcome: dict = {}

    def run() -> None:
        started = time.monotonic()
        with server.client(timeout=60) as other:
            outcome["response"] = other.get("/sparql", params={"query": runaway_query(runaway_graph)})
        outcome["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=run)
    thread.start()
    busy: dict[int, float] = {}  # query processes seen while the runaway ran -> CPU seconds
    try:
        time.sleep(0.5)
        latencies = []
        while thread.is_alive() and len(latencies) < 40:
            busy.update({pid: cpu for pid, cpu in query_children(server).items() if cpu > busy.get(pid, 0)})
            started = time.monotonic()
            simple = http.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
            latencies.append(time.monotonic() - started)
            assert simple.status_code == 200, simple.text
            time.sleep(0.1)
    finally:
        thread.join(60)
    error = assert_error(outcome["response"], 503, "query_timeout")
    assert "stopped" in error["message"]
    assert outcome["seconds"] < QUERY_TIMEOUT + 3, outcome["seconds"]
    assert latencies, "no simple query was sent while the runaway ran"
    # Nothing but the time limit ends a query process: one seen during the runaway is gone.
    gone = set(busy) - set(query_children(server))
    assert gone, f"every query process that ran during the runaway is still there: {busy}"
    print(f"runaway: 503 after {outcome['seconds']:.2f} s (limit {QUERY_TIMEOUT:g} s); {len(latencies)} simple "
          f"queries meanwhile, slowest {max(latencies) * 1000:.0f} ms, median "
          f"{sorted(latencies)[len(latencies) // 2] * 1000:.0f} ms; its process ({max(busy[p] for p in gone):.1f} s CPU) is gone")


def test_reads_answer_while_two_runaway_queries_run(http, server, runaway_graph):
    """A user pressing Run twice on a query that cannot finish: an article, the entities
    and the article list keep answering, both runaways get 503, and neither keeps running."""
    article = http.post("/articles", json={"text": ENGLISH + " Report 91."}, headers=AUTH)
    assert article.status_code in (200, 201), article.text
    aid = article.json()["article"]["id"] if "article" in article.json() else article.json()["id"]
    outcomes: list[httpx.Response] = []

    def run() -> None:
        with server.client(timeout=60) as other:
            outcomes.append(other.get("/sparql", params={"query": runaway_query(runaway_graph)}))

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    busy: dict[int, float] = {}
    reads = {"article": [], "entities": [], "list": []}
    try:
        time.sleep(0.3)
        while any(t.is_alive() for t in threads):
            busy.update({pid: cpu for pid, cpu in query_children(server).items() if cpu > busy.get(pid, 0)})
            for name, path in (("article", f"/articles/{aid}"), ("entities", "/entities"), ("list", "/articles")):
                started = time.monotonic()
                response = http.get(path)
                reads[name].append(time.monotonic() - started)
                assert response.status_code == 200, (path, response.text[:300])
            time.sleep(0.05)
    finally:
        for thread in threads:
            thread.join(60)
    assert len(outcomes) == 2
    for response in outcomes:
        assert_error(response, 503, "query_timeout")
    assert all(reads.values()), reads
    # Nothing but the time limit ends a query process: the two that ran the runaways are gone.
    gone = set(busy) - set(query_children(server))
    assert len(gone) >= 2, (busy, query_children(server))
    assert http.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True
    print("during two runaways: " + ", ".join(
        f"{name} {len(times)} reads, slowest {max(times) * 1000:.0f} ms" for name, times in reads.items()))


# Queries and updates that engines trip over in odd ways; written while looking for 500s.
ODD_QUERIES = [
    "SELECT * WHERE { BIND(<relative> AS ?x) }",
    "SELECT * WHERE { ?s ?p ?o FILTER(regex(str(?o), '(')) }",
    "ASK {} VALUES ?x { }",
    "SELECT (SAMPLE(?o) AS ?x) (COUNT(*) AS ?x) WHERE { ?s ?p ?o }",
    "SELECT ?x WHERE { ?s ?p ?o } GROUP BY ?s",
    "SELECT * WHERE { ?s ?p ?o } OFFSET 99999999999999999999",
    "SELECT * WHERE { ?s ?p 1e999999 }",
    "SELECT * WHERE { BIND(STRDT('1', <urn:x:t>) + 1 AS ?v) }",
    "SELECT * WHERE { ?s ?p ?o } ORDER BY ?nope",
    "SELECT * WHERE { GRAPH <> { ?s ?p ?o } }",
    "BASE <relative> SELECT * WHERE { <a> ?p ?o }",
    "DESCRIBE ?x",
    "CONSTRUCT WHERE { ?s ?p ?o }",
    "SELECT * WHERE { ?s ?p 'a'@xx-yyyyyyyyyyyyyyyy }",
    "SELECT (?x / 0 AS ?y) WHERE { BIND(1 AS ?x) }",
]
ODD_UPDATES = [
    "CREATE GRAPH <urn:x:created>",
    "CLEAR GRAPH <urn:x:nope>",
    "DROP GRAPH <urn:x:nope>",
    "ADD <urn:x:a> TO <urn:x:b>",
    "MOVE DEFAULT TO <urn:x:b>",
    "WITH <urn:x:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "INSERT DATA { GRAPH <urn:x:g> { <urn:a> <urn:b> 'x'^^<bad iri> } }",
]


def test_odd_queries_and_updates_never_get_a_5xx(any_http):
    """On every backend (Oxigraph, rdflib, Virtuoso): an answer or a 4xx in the one shape, never a 5xx."""
    for query in ODD_QUERIES:
        for accept in ("application/sparql-results+json", "text/csv", "application/sparql-results+xml", "text/turtle"):
            response = any_http.get("/sparql", params={"query": query}, headers={"accept": accept})
            assert response.status_code < 500, (query, accept, response.text[:300])
            if response.status_code >= 400:
                assert_error(response, response.status_code)
    for update in ODD_UPDATES:
        response = any_http.post("/sparql", data={"update": update}, headers=AUTH)
        assert response.status_code < 500, (update, response.text[:300])
        if response.status_code >= 400:
            assert_error(response, response.status_code)
    assert any_http.get("/health").status_code == 200
