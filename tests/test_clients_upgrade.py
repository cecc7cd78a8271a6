"""Clients that offer an HTTP/2 upgrade (``Upgrade: h2c``) have their request bodies read.

curl --http2 and Java's ``java.net.http.HttpClient`` (the default client of Jena and most
Java tools) send ``Connection: Upgrade, HTTP2-Settings`` and ``Upgrade: h2c`` with every
request. uvicorn's httptools parser stops at the headers of such a request, so the body was
lost: a Graph Store PUT answered 201 and stored nothing. Each write path is sent here with
the upgrade offer on a raw socket against the real server, and what it wrote is read back.

curl and java are used when installed; under ``CI=true`` they must be (no silent skip).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import textwrap
from pathlib import Path

import pytest
from reliability_server import Server

pytestmark = [pytest.mark.server, pytest.mark.model]

TOKEN = "upgrade-test-token"
UPGRADE = {"Connection": "Upgrade, HTTP2-Settings", "Upgrade": "h2c", "HTTP2-Settings": "AAMAAABkAAQCAAAAAAIAAAAA"}
ARTICLE = "Mirela Dascalu, chief executive of Corvane Shipping, said on Tuesday that cargo volumes rose 6 percent."


@pytest.fixture(scope="module")
def server():
    with Server("memory", env={"NEWSGRAPH_API_TOKEN": TOKEN}) as running:
        yield running


def raw(server: Server, method: str, path: str, body: bytes, content_type: str, *, token: bool = True,
        accept: str | None = None) -> tuple[int, dict[str, str], bytes]:
    """One HTTP/1.1 request offering the h2c upgrade, on its own socket; (status, headers, body)."""
    host, port = server.url.split("//")[1].rstrip("/").split(":")
    headers = {"Host": f"{host}:{port}", **UPGRADE, "Content-Type": content_type,
               "Content-Length": str(len(body))}
    if token:
        headers["Authorization"] = f"Bearer {TOKEN}"
    if accept:
        headers["Accept"] = accept
    head = f"{method} {path} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
    with socket.create_connection((host, int(port)), timeout=60) as sock:
        sock.sendall(head.encode() + body)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
        head_bytes, _, rest = data.partition(b"\r\n\r\n")
        lines = head_bytes.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        got = {k.strip().lower(): v.strip() for k, v in (line.split(":", 1) for line in lines[1:])}
        length = int(got.get("content-length", "0"))
        while len(rest) < length:
            chunk = sock.recv(65536)
            if not chunk:
                break
            rest += chunk
    assert status != 101, "the server must not switch protocols"
    return status, got, rest


def count(server: Server, graph: str) -> int:
    with server.client() as client:
        rows = client.get("/sparql", params={"query": f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"})
    return int(rows.json()["results"]["bindings"][0]["n"]["value"])


def test_graph_store_put_and_post_with_upgrade_store_the_body(server):
    status, _, body = raw(server, "PUT", "/rdf-graphs?graph=urn:x:put", b"<urn:a> <urn:b> <urn:c> , <urn:d> .", "text/turtle")
    assert status == 201, body
    assert count(server, "urn:x:put") == 2
    status, _, body = raw(server, "POST", "/rdf-graphs?graph=urn:x:put", b"<urn:a> <urn:b> <urn:e> .", "text/turtle")
    assert status == 204, body
    assert count(server, "urn:x:put") == 3


def test_sparql_post_query_and_update_with_upgrade(server):
    status, _, body = raw(server, "POST", "/sparql", b"ASK { ?s ?p ?o }", "application/sparql-query",
                          accept="application/sparql-results+json")
    assert status == 200, body
    assert "boolean" in json.loads(body)
    form = b"query=" + b"SELECT%20%2A%20WHERE%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D%20LIMIT%201"
    status, _, body = raw(server, "POST", "/sparql", form, "application/x-www-form-urlencoded",
                          accept="application/sparql-results+json")
    assert status == 200, body
    assert sorted(json.loads(body)["head"]["vars"]) == ["o", "p", "s"]
    status, _, body = raw(server, "POST", "/sparql", b"INSERT DATA { GRAPH <urn:x:upd> { <urn:a> <urn:b> 1 } }",
                          "application/sparql-update")
    assert status == 204, body
    assert count(server, "urn:x:upd") == 1
    status, _, body = raw(server, "POST", "/sparql", b"update=DROP%20GRAPH%20%3Curn%3Ax%3Aupd%3E",
                          "application/x-www-form-urlencoded")
    assert status == 204, body
    assert count(server, "urn:x:upd") == 0


def test_articles_batch_and_extract_with_upgrade(server):
    status, _, body = raw(server, "POST", "/extract", ARTICLE.encode(), "text/plain", token=False)
    assert status == 200, body
    assert any(e["name"] == "Corvane Shipping" for e in json.loads(body)["extraction"]["entities"])
    status, _headers, body = raw(server, "POST", "/articles", json.dumps({"text": ARTICLE}).encode(), "application/json")
    assert status == 201, body
    created = json.loads(body)
    assert created["triples"] > 0 and count(server, created["graph"]) == created["triples"]
    batch = [{"text": "Oren Vashti, mayor of Dunmere, said on Friday that the bridge would reopen."},
             {"text": ARTICLE}]
    status, _, body = raw(server, "POST", "/articles:batch", json.dumps(batch).encode(), "application/json")
    assert status == 200, body
    answers = json.loads(body)
    assert [item["status"] for item in answers["results"]] == [201, 200], answers
    assert count(server, answers["results"][0]["graph"]) == answers["results"][0]["triples"] > 0


def _require(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{tool} is not installed; in CI it must be")
        pytest.skip(f"{tool} is not installed")
    return path


def test_curl_http2_writes_and_reads(server):
    curl = _require("curl")
    base = server.url.rstrip("/")
    put = subprocess.run(
        [curl, "-s", "--http2", "-o", "/dev/null", "-w", "%{http_code} %{http_version}", "-X", "PUT",
         f"{base}/rdf-graphs?graph=urn:x:curl", "-H", f"Authorization: Bearer {TOKEN}", "-H",
         "Content-Type: text/turtle", "--data-binary", "<urn:a> <urn:b> <urn:c> ."],
        capture_output=True, text=True, timeout=60, check=True)
    assert put.stdout == "201 1.1", put.stdout  # the upgrade declined, the body stored
    assert count(server, "urn:x:curl") == 1
    ask = subprocess.run(
        [curl, "-s", "--http2", "-X", "POST", f"{base}/sparql", "-H", "Content-Type: application/sparql-query",
         "-H", "Accept: application/sparql-results+json", "--data", "ASK { GRAPH <urn:x:curl> { ?s ?p ?o } }"],
        capture_output=True, text=True, timeout=60, check=True)
    assert json.loads(ask.stdout)["boolean"] is True


JAVA_CLIENT = textwrap.dedent("""
    import java.net.URI;
    import java.net.http.HttpClient;
    import java.net.http.HttpRequest;
    import java.net.http.HttpResponse;

    public class GspClient {
        public static void main(String[] args) throws Exception {
            // The default client: HTTP/2 first, so every request offers the h2c upgrade.
            HttpClient client = HttpClient.newHttpClient();
            String base = args[0], token = args[1];
            HttpRequest put = HttpRequest.newBuilder(URI.create(base + "rdf-graphs?graph=urn:x:java"))
                .header("Content-Type", "text/turtle").header("Authorization", "Bearer " + token)
                .PUT(HttpRequest.BodyPublishers.ofString("<urn:a> <urn:b> <urn:c> , <urn:d> .")).build();
            HttpResponse<String> r1 = client.send(put, HttpResponse.BodyHandlers.ofString());
            HttpRequest update = HttpRequest.newBuilder(URI.create(base + "sparql"))
                .header("Content-Type", "application/sparql-update").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("INSERT DATA { GRAPH <urn:x:java> { <urn:a> <urn:b> <urn:e> } }")).build();
            HttpResponse<String> r2 = client.send(update, HttpResponse.BodyHandlers.ofString());
            HttpRequest query = HttpRequest.newBuilder(URI.create(base + "sparql"))
                .header("Content-Type", "application/sparql-query").header("Accept", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("SELECT (COUNT(*) AS ?n) WHERE { GRAPH <urn:x:java> { ?s ?p ?o } }")).build();
            HttpResponse<String> r3 = client.send(query, HttpResponse.BodyHandlers.ofString());
            HttpRequest get = HttpRequest.newBuilder(URI.create(base + "rdf-graphs?graph=urn:x:java"))
                .header("Accept", "application/n-triples").GET().build();
            HttpResponse<String> r4 = client.send(get, HttpResponse.BodyHandlers.ofString());
            System.out.println(r1.statusCode() + " " + r2.statusCode() + " " + r3.statusCode() + " " + r4.statusCode());
            System.out.println(r3.body().trim().replace("\\r\\n", "|").replace("\\n", "|"));
            System.out.println(r4.body().trim().split("\\n").length);
        }
    }
""")


def test_java_default_http_client_writes_and_reads(server, tmp_path: Path):
    java = _require("java")
    source = tmp_path / "GspClient.java"
    source.write_text(JAVA_CLIENT, encoding="utf-8")
    # Single-file source launch (JDK 11+): no separate compile step.
    run = subprocess.run([java, str(source), server.url, TOKEN], capture_output=True, text=True, timeout=180)
    assert run.returncode == 0, run.stderr
    statuses, table, lines = run.stdout.strip().splitlines()
    assert statuses == "201 204 200 200"
    assert table == "n|3"
    assert lines == "3"


def test_rdflib_sparql_update_store_reads_and_counts_graphs(server):
    """rdflib's remote store: len() of a graph asks with FROM <graph>; an empty or dropped
    graph is 0 (the Protocol's empty graph), not an error."""
    from rdflib import Graph, Literal, URIRef
    from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore

    store = SPARQLUpdateStore(query_endpoint=server.url + "sparql", update_endpoint=server.url + "sparql",
                              headers={"Authorization": f"Bearer {TOKEN}"})
    graph = Graph(store=store, identifier=URIRef("urn:x:rdflib"))
    assert len(graph) == 0
    graph.add((URIRef("urn:a"), URIRef("urn:b"), Literal("one")))
    graph.add((URIRef("urn:a"), URIRef("urn:b"), Literal("two")))
    assert len(graph) == 2 and count(server, "urn:x:rdflib") == 2
    store.update("DROP GRAPH <urn:x:rdflib>")
    assert len(graph) == 0
