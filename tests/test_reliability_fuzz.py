"""Property-based fuzzing of the whole OpenAPI surface with schemathesis (in-process, ASGI).

Every operation the app documents gets a bounded number of generated requests from a
fixed seed (so a failure replays): valid and invalid bodies, parameters and headers.
Each response must not be a 5xx, must match the schema documented for its status and
content type, and every error must have the one JSON error shape.

``NEWSGRAPH_FUZZ_EXAMPLES`` changes the number of examples per operation (default 20);
``NEWSGRAPH_FUZZ_STORE=memory`` fuzzes the app on the memory store (rdflib) instead of Oxigraph.
"""

from __future__ import annotations

import json
import os

import pytest
import schemathesis
from api_helpers import TOKEN, loaded_store, second_extraction, wipo_extraction
from api_helpers import settings as api_settings
from hypothesis import HealthCheck, seed, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from newsgraph.api import create_app
from newsgraph.graph import to_graph
from newsgraph.store import open_store

pytestmark = [pytest.mark.reliability, pytest.mark.model]

EXAMPLES = int(os.environ.get("NEWSGRAPH_FUZZ_EXAMPLES", "20"))
# 'oxigraph' (default) or 'memory' (rdflib's engine) behind the app.
STORE = os.environ.get("NEWSGRAPH_FUZZ_STORE", "oxigraph")
SEED = 20261127


def _app():
    # The token is configured and sent, so generated writes (articles, SPARQL Update,
    # Graph Store) reach the code behind the auth check instead of all stopping at 401.
    # No pipeline handed in: the app loads the real model once, when its lifespan starts.
    s = api_settings(api_token=TOKEN, query_timeout=2.0, max_rows=500)
    if STORE == "memory":
        store = open_store(s, spec="memory")
        for extraction in (wipo_extraction(), second_extraction()):
            store.add_article(extraction.article.id, to_graph(extraction, base_iri=s.base_iri))
    else:
        store = loaded_store(s)  # Oxigraph, in memory
    return create_app(s, store=store)


@schemathesis.serializer("application/x-ndjson", "application/sparql-query", "application/sparql-update")
def _text_body(ctx, value) -> bytes:
    """Text bodies the app documents as strings (NDJSON, raw SPARQL): sent as UTF-8 text."""
    if isinstance(value, bytes):
        return value
    return (value if isinstance(value, str) else json.dumps(value)).encode("utf-8")


# Loaded at import (schemathesis builds one test per operation from it); cheap, as the
# model is only loaded when the app starts.
schema = schemathesis.openapi.from_asgi("/openapi.json", _app())


def one_error_shape(ctx, response, case) -> None:
    """Every 4xx/5xx body is exactly ``{"error": {"code", "message", "detail"}}``."""
    if response.status_code < 400:
        return
    content_type = response.headers.get("content-type", [""])
    content_type = content_type[0] if isinstance(content_type, list) else content_type
    assert content_type.startswith("application/json"), (
        f"{case.method} {case.path} -> {response.status_code} with content type {content_type!r}"
    )
    if case.method.upper() == "HEAD":  # the status and headers of a GET's error, and no body
        assert not response.content
        return
    body = json.loads(response.content)
    assert set(body) == {"error"}, body
    assert set(body["error"]) == {"code", "message", "detail"}, body
    assert isinstance(body["error"]["code"], str) and body["error"]["code"], body
    assert isinstance(body["error"]["message"], str) and body["error"]["message"], body


CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance, one_error_shape]


@schema.parametrize()
@seed(SEED)
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_openapi_surface_never_fails_the_contract(case):
    case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"}, checks=CHECKS)
