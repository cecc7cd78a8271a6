"""Every error path answers with the one JSON error shape and the right status; nothing a
client sends gives a 500. No spaCy model needed: these fail before extraction."""

import json

import pytest
from api_helpers import TOKEN, assert_error, client, fresh_store, settings

from newsgraph.api.errors import error_body


def test_error_body_is_the_one_shape():
    assert error_body("bad_query", "no", {"x": 1}) == {"error": {"code": "bad_query", "message": "no", "detail": {"x": 1}}}


def test_unknown_path_is_404_in_the_shape():
    assert_error(client().get("/nowhere"), 404, "not_found")


def test_wrong_method_is_405_in_the_shape():
    assert_error(client().put("/entities"), 405, "method_not_allowed")


@pytest.mark.parametrize("path", ["/entities?limit=0", "/articles?offset=-1", "/entities?type=Planet", "/roles?limit=x"])
def test_bad_parameters_are_422_without_echoing_input(path):
    error = assert_error(client().get(path), 422, "invalid_request")
    assert all(set(item) == {"loc", "type", "msg"} for item in error["detail"])


def test_body_over_the_limit_is_413():
    c = client(settings(max_body_bytes=1000))
    error = assert_error(c.post("/articles", content=b"x" * 1001, headers={"content-type": "text/plain"}), 413, "payload_too_large")
    assert error["detail"] == {"limit": 1000}


def test_chunked_body_over_the_limit_is_413():
    def chunks():
        for _ in range(5):
            yield b"y" * 400

    c = client(settings(max_body_bytes=1000))
    assert_error(c.post("/articles", content=chunks(), headers={"content-type": "text/plain"}), 413, "payload_too_large")


@pytest.mark.parametrize(
    "body, content_type, status, code",
    [
        (b"", "text/plain", 422, "empty_text"),
        (b"  \n\t ", "text/plain", 422, "empty_text"),
        (b"caf\xe9 au lait", "text/plain", 422, "not_utf8"),
        (b"a\x00b", "text/plain", 422, "invalid_article"),
        (b"{not json", "application/json", 400, "bad_request"),
        (json.dumps({"text": 5}).encode(), "application/json", 422, "invalid_article"),
        (json.dumps({"text": "x", "title": 7}).encode(), "application/json", 422, "invalid_article"),
        (json.dumps(["x"]).encode(), "application/json", 422, "invalid_article"),
        (json.dumps({"text": ""}).encode(), "application/json", 422, "empty_text"),
        (b"<html><body><script>alert(1)</script></body></html>", "text/html", 422, "invalid_article"),
        (b"GIF89a", "image/gif", 415, "unsupported_media_type"),
        (b"text", "", 415, "unsupported_media_type"),
    ],
)
@pytest.mark.parametrize("path", ["/articles", "/extract"])
def test_invalid_articles_are_clear_4xx_and_store_nothing(path, body, content_type, status, code):
    s = settings()
    store = fresh_store(s)
    c = client(s, store=store)
    headers = {"content-type": content_type} if content_type else {}
    assert_error(c.post(path, content=body, headers=headers), status, code)
    assert store.stats().articles == 0


def test_article_longer_than_the_limit_is_413():
    c = client(settings(max_chars=50), store=fresh_store(settings()))
    assert_error(c.post("/articles", json={"text": "word " * 20}), 413, "text_too_long")


def test_batch_must_be_a_list_or_ndjson():
    c = client()
    assert_error(c.post("/articles:batch", json={"text": "x"}), 400, "bad_request")
    assert_error(c.post("/articles:batch", content=b"x", headers={"content-type": "text/plain"}), 415)


def test_invalid_batch_items_fail_alone():
    s = settings()
    store = fresh_store(s)
    body = '{"text": ""}\nnot json\n{"text": 3}\n'
    r = client(s, store=store).post("/articles:batch", content=body, headers={"content-type": "application/x-ndjson"})
    assert r.status_code == 200
    result = r.json()
    assert (result["created"], result["failed"]) == (0, 3)
    assert [item["status"] for item in result["results"]] == [422, 400, 422]
    assert result["results"][1]["error"]["code"] == "bad_request"
    assert store.stats().articles == 0


# --- auth ---------------------------------------------------------------------------------


def test_article_writes_need_the_token_when_one_is_set():
    c = client(settings(api_token=TOKEN))
    assert_error(c.post("/articles", json={"text": "Some text."}), 401, "unauthorized")
    error = assert_error(
        c.post("/articles", json={"text": "Some text."}, headers={"authorization": "Bearer wrong"}), 403, "forbidden"
    )
    assert TOKEN not in json.dumps(error)
    assert_error(c.delete("/articles/a1b2c3d4e5f60001"), 401)
    assert_error(c.delete("/articles/a1b2c3d4e5f60001", headers={"authorization": "Basic abc"}), 401)
    assert_error(c.post("/articles:batch", json=[], headers={"authorization": "Bearer nope"}), 403)
    # Reads stay open.
    assert c.get("/articles/a1b2c3d4e5f60001").status_code == 200


def test_unauthorized_says_bearer():
    r = client(settings(api_token=TOKEN)).delete("/articles/a1b2c3d4e5f60001")
    assert r.headers["www-authenticate"] == "Bearer"


def test_delete_with_the_token_works():
    c = client(settings(api_token=TOKEN))
    assert c.delete("/articles/a1b2c3d4e5f60001", headers={"authorization": f"Bearer {TOKEN}"}).status_code == 204
    assert_error(c.get("/articles/a1b2c3d4e5f60001"), 404, "not_found")


# --- OpenAPI ---------------------------------------------------------------------------------


def test_openapi_documents_every_endpoint_and_the_error_shape():
    spec = client().get("/openapi.json").json()
    expected = {"/articles", "/articles:batch", "/articles/{article_id}", "/extract", "/entities",
                "/entities/{entity_id}", "/roles", "/figures", "/quotes", "/sparql", "/rdf-graphs", "/graph",
                "/health", "/stats"}
    assert expected <= set(spec["paths"])
    assert "ErrorResponse" in spec["components"]["schemas"]
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            assert "400" in responses and "404" in responses, (method, path)
            ref = responses["400"]["content"]["application/json"]["schema"]["$ref"]
            assert ref.endswith("/ErrorResponse"), (method, path)


def test_a_bug_is_a_500_in_the_shape_without_a_trace():
    c = client()

    def broken():
        raise RuntimeError("secret internals")

    c.app.add_api_route("/broken", broken)
    error = assert_error(c.get("/broken"), 500, "internal_error")
    assert "secret internals" not in json.dumps(error) and "Traceback" not in json.dumps(error)


# --- CORS and hostile parameters ----------------------------------------------------------


def test_cors_origins_from_settings():
    c = client(settings(cors_origins=["https://app.example.org"], max_body_bytes=10))
    r = c.get("/health", headers={"origin": "https://app.example.org"})
    assert r.headers["access-control-allow-origin"] == "https://app.example.org"
    assert "access-control-allow-origin" not in c.get("/health", headers={"origin": "https://evil.example"}).headers
    too_big = c.post("/articles", content=b"x" * 20, headers={"origin": "https://app.example.org", "content-type": "text/plain"})
    assert too_big.status_code == 413 and too_big.headers["access-control-allow-origin"] == "https://app.example.org"


@pytest.mark.parametrize("q", ['"} } DROP ALL', "\x00\x01", "\\", "'", "é" * 150])
def test_name_search_text_cannot_break_the_query(q):
    r = client().get("/entities", params={"q": q})
    assert r.status_code == 200 and r.json()["total"] == 0


@pytest.mark.parametrize("graph", ["http://x/a> } ; DROP ALL ; <http://y", "http://x/{a}", "relative", "http://x/a b"])
def test_graph_iris_that_would_break_out_are_refused(graph):
    assert_error(client().get("/rdf-graphs", params={"graph": graph}), 400, "bad_request")


@pytest.mark.parametrize("entity", ["person/x%3E%20%7D", "person/a%00b"])
def test_entity_ids_that_would_break_out_are_404(entity):
    assert_error(client().get(f"/entities/{entity}"), 404, "not_found")
