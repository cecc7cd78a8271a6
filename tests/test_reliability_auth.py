"""Auth on a real ``newsgraph serve`` with ``NEWSGRAPH_API_TOKEN`` set.

Every write path refuses a missing token (401) and a wrong one (403) and changes
nothing; the right token works (so the refusals are not just broken endpoints);
reads stay open; the token never appears in any response or in the server's logs
(run at debug level, stdout and stderr captured).
"""

from __future__ import annotations

from urllib.parse import quote

import httpx
import pytest
from reliability_server import ARTICLE_GRAPHS, Server

pytestmark = [pytest.mark.reliability, pytest.mark.server, pytest.mark.model]

TOKEN = "tok-7Hq2-reliability-auth-91ZpX"
ARTICLE = ("Lena Fischer, mayor of Krakow, said on Tuesday that tram ridership rose 9 percent. "
           "\"The new lines are working,\" Fischer said.")
GRAPH = quote("urn:x:auth-graph", safe="")
TURTLE = b"<urn:x:a> <urn:x:b> <urn:x:c> ."


def write_requests(article_id: str) -> list[tuple[str, str, dict]]:
    """(name, method, request kwargs) for every write the service has."""
    update = "INSERT DATA { GRAPH <urn:x:auth-update> { <urn:x:a> <urn:x:b> 1 } }"
    return [
        ("POST /articles text", "POST", {"url": "/articles", "content": ARTICLE.encode(),
                                         "headers": {"content-type": "text/plain"}}),
        ("POST /articles json", "POST", {"url": "/articles", "json": {"text": ARTICLE + " More."}}),
        ("POST /articles:batch", "POST", {"url": "/articles:batch", "json": [{"text": ARTICLE + " Batch."}]}),
        ("POST /articles:batch ndjson", "POST", {"url": "/articles:batch", "content": b'{"text": "Ndjson text."}\n',
                                                 "headers": {"content-type": "application/x-ndjson"}}),
        ("DELETE /articles/{id}", "DELETE", {"url": f"/articles/{article_id}"}),
        ("DELETE /articles/{unknown}", "DELETE", {"url": "/articles/0000000000000000"}),
        ("SPARQL update form", "POST", {"url": "/sparql", "data": {"update": update}}),
        ("SPARQL update raw", "POST", {"url": "/sparql", "content": update.encode(),
                                       "headers": {"content-type": "application/sparql-update"}}),
        ("SPARQL DROP ALL", "POST", {"url": "/sparql", "data": {"update": "DROP ALL"}}),
        ("Graph Store PUT", "PUT", {"url": f"/rdf-graphs?graph={GRAPH}", "content": TURTLE,
                                    "headers": {"content-type": "text/turtle"}}),
        ("Graph Store POST", "POST", {"url": f"/rdf-graphs?graph={GRAPH}", "content": TURTLE,
                                      "headers": {"content-type": "text/turtle"}}),
        ("Graph Store DELETE", "DELETE", {"url": f"/rdf-graphs?graph={GRAPH}"}),
    ]


BAD_CREDENTIALS = [
    ("missing", {}, 401),
    ("bearer without a token", {"Authorization": "Bearer"}, 401),
    ("basic scheme", {"Authorization": f"Basic {TOKEN}"}, 401),
    ("token without scheme", {"Authorization": TOKEN}, 401),
    ("wrong token", {"Authorization": "Bearer not-the-token"}, 403),
    ("prefix of the token", {"Authorization": f"Bearer {TOKEN[:-1]}"}, 403),
    ("token plus a character", {"Authorization": f"Bearer {TOKEN}0"}, 403),
    ("token in another case", {"Authorization": f"Bearer {TOKEN.upper()}"}, 403),
]


def _dataset(client: httpx.Client) -> tuple[int, int]:
    rows = client.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?g) AS ?g) "
                                                   f"WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {ARTICLE_GRAPHS} }}"}
                      ).json()["results"]["bindings"]
    return int(rows[0]["n"]["value"]), int(rows[0]["g"]["value"])


def test_writes_need_the_token_reads_stay_open_and_the_token_never_leaks(tmp_path):
    seen_bodies: list[str] = []
    with Server(f"oxigraph:{tmp_path / 'store'}", env={"NEWSGRAPH_API_TOKEN": TOKEN}, log_level="debug") as server:
        with server.client() as client:
            good = {"Authorization": f"Bearer {TOKEN}"}
            # One article stored with the token, for the delete paths and the reads.
            created = client.post("/articles", content=ARTICLE.encode() + b" Seed.",
                                  headers={**good, "content-type": "text/plain"})
            assert created.status_code == 201, created.text
            aid = created.json()["article"]["id"]
            seen_bodies.append(created.text)
            before = _dataset(client)

            for name, method, request in write_requests(aid):
                for label, headers, status in BAD_CREDENTIALS:
                    kwargs = dict(request)
                    kwargs["headers"] = {**request.get("headers", {}), **headers}
                    response = client.request(method, **kwargs)
                    seen_bodies.append(response.text)
                    seen_bodies.extend(f"{k}: {v}" for k, v in response.headers.items())
                    assert response.status_code == status, (name, label, response.status_code, response.text)
                    error = response.json()["error"]
                    assert error["code"] == ("unauthorized" if status == 401 else "forbidden")
                    if status == 401:
                        assert response.headers.get("www-authenticate", "").lower().startswith("bearer")
                assert _dataset(client) == before, f"{name}: a refused write changed the store"

            # Reads are open without any token.
            for path in ("/health", "/stats", "/articles", f"/articles/{aid}", "/entities", "/roles", "/figures",
                         "/quotes", "/graph", "/sparql", f"/rdf-graphs?graph={quote(created.json()['graph'], safe='')}"):
                response = client.get(path)
                assert response.status_code == 200, (path, response.text[:300])
                seen_bodies.append(response.text)
            query = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
            assert query.status_code == 200 and query.json()["boolean"] is True
            query = client.post("/sparql", data={"query": "ASK { ?s ?p ?o }"})
            assert query.status_code == 200

            # With the token every write goes through: the refusals above were the auth check.
            outcomes = {}
            for name, method, request in write_requests(aid):
                kwargs = dict(request)
                kwargs["headers"] = {**request.get("headers", {}), **good}
                response = client.request(method, **kwargs)
                seen_bodies.append(response.text)
                outcomes[name] = response.status_code
            assert outcomes["POST /articles text"] == 201
            assert outcomes["POST /articles json"] == 201
            assert outcomes["POST /articles:batch"] == 200
            assert outcomes["DELETE /articles/{id}"] == 204
            assert outcomes["DELETE /articles/{unknown}"] == 404
            assert outcomes["SPARQL update form"] == 204
            assert outcomes["Graph Store PUT"] == 201
            assert outcomes["Graph Store DELETE"] == 204
            assert all(status < 500 for status in outcomes.values()), outcomes
    logs = server.output
    assert "newsgraph" in logs and "DEBUG" in logs, "the server's logs were not captured at debug level"
    assert TOKEN not in logs, "the token appears in the server's logs"
    for text in seen_bodies:
        assert TOKEN not in text, "the token appears in a response"
