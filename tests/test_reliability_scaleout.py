"""Scale-out: several server processes on one shared store, and one owner per embedded store.

- Two ``newsgraph serve`` processes on different ports share one Virtuoso (the private
  one from ``tests/virtuoso.py``): what is posted to either is read from both, a delete
  through one is seen by the other, the same text posted to both at once is stored once.
- With the embedded Oxigraph store one process owns the directory: a second server on
  it stops with a clear error and the first keeps serving its data intact; ``--workers``
  above 1 on an embedded or memory store is refused with an explanation, and on a shared
  remote store is served by that many worker processes.
"""

from __future__ import annotations

import threading

import httpx
import pytest
from reliability_server import Server, article_text, run_serve

pytestmark = [pytest.mark.reliability, pytest.mark.server, pytest.mark.model]

TOKEN = "scaleout-token-3c9e"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _post(client: httpx.Client, text: str) -> httpx.Response:
    return client.post("/articles", content=text.encode(), headers={**AUTH, "content-type": "text/plain"})


def _graph_size(client: httpx.Client, graph: str) -> int:
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    return int(client.get("/sparql", params={"query": query}).json()["results"]["bindings"][0]["n"]["value"])


@pytest.mark.virtuoso
def test_two_servers_share_one_virtuoso(virtuoso_server):
    from newsgraph.settings import Settings
    from newsgraph.store import open_store

    fresh = open_store(Settings(store_user=virtuoso_server.user, store_password=virtuoso_server.password),
                       spec=virtuoso_server.spec)
    fresh.clear()
    fresh.close()
    env = {"NEWSGRAPH_STORE_USER": virtuoso_server.user, "NEWSGRAPH_STORE_PASSWORD": virtuoso_server.password,
           "NEWSGRAPH_API_TOKEN": TOKEN}
    first = Server(virtuoso_server.spec, env=env)
    try:
        second = Server(virtuoso_server.spec, env=env)
        try:
            assert first.url != second.url
            with first.client() as a, second.client() as b:
                # Posted to A, read from B.
                created = _post(a, article_text(500, 1))
                assert created.status_code == 201, created.text
                body = created.json()
                aid, triples, graph = body["article"]["id"], body["triples"], body["graph"]
                from_b = b.get(f"/articles/{aid}")
                assert from_b.status_code == 200 and from_b.json()["triples"] == triples
                assert _graph_size(b, graph) == triples
                # Posted to B, read from A; the same text again through the other process: 200.
                other = _post(b, article_text(500, 2))
                assert other.status_code == 201, other.text
                assert a.get(f"/articles/{other.json()['article']['id']}").status_code == 200
                assert _post(b, article_text(500, 1)).status_code == 200
                assert a.get("/articles").json()["total"] == b.get("/articles").json()["total"] == 2

                # The same new texts posted to both processes at the same moment: each stored once, whole.
                texts = [article_text(600, i) for i in range(4)]
                results: dict[str, list[httpx.Response]] = {t: [] for t in texts}

                def post_all(url: str) -> None:
                    with httpx.Client(base_url=url, timeout=120) as client:
                        for text in texts:
                            results[text].append(_post(client, text))

                threads = [threading.Thread(target=post_all, args=(url,)) for url in (first.url, second.url)]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join(300)
                for _text, responses in results.items():
                    assert sorted(r.status_code for r in responses) in ([200, 201], [201, 201]), \
                        [r.text[:200] for r in responses]
                    reported = {r.json()["triples"] for r in responses}
                    graph_iri = (responses[0].json().get("graph"))
                    assert len(reported) == 1, reported
                    assert _graph_size(a, graph_iri) == reported.pop(), "the article was written twice"
                assert a.get("/articles").json()["total"] == 2 + len(texts)

                # Deleted through B: gone for A.
                assert b.delete(f"/articles/{aid}", headers=AUTH).status_code == 204
                assert a.get(f"/articles/{aid}").status_code == 404
                assert _graph_size(a, graph) == 0
                assert a.delete(f"/articles/{aid}", headers=AUTH).status_code == 404
        finally:
            second.stop()
    finally:
        first.stop()


def test_second_server_on_the_same_oxigraph_directory_gets_a_clear_error(tmp_path):
    store = f"oxigraph:{tmp_path / 'store'}"
    with Server(store, env={"NEWSGRAPH_API_TOKEN": TOKEN}) as owner, owner.client() as client:
        created = _post(client, article_text(700, 1))
        assert created.status_code == 201, created.text
        body = created.json()
        result = run_serve(store)
        assert result.returncode != 0
        message = " ".join((result.stdout + result.stderr).split())
        assert "open in another process" in message, message
        assert "Traceback" not in result.stderr, result.stderr[-2000:]
        # The owner is untouched and still serves the article whole.
        assert owner.process.poll() is None
        stored = client.get(f"/articles/{body['article']['id']}")
        assert stored.status_code == 200 and stored.json()["triples"] == body["triples"]
        assert _graph_size(client, body["graph"]) == body["triples"]
        assert _post(client, article_text(700, 2)).status_code == 201


@pytest.mark.parametrize("kind", ["oxigraph", "memory"])
def test_workers_above_one_on_a_per_process_store_are_refused(tmp_path, kind):
    store = f"oxigraph:{tmp_path / 'store'}" if kind == "oxigraph" else "memory"
    result = run_serve(store, "--workers", "2", timeout=60)
    assert result.returncode != 0
    message = " ".join(result.stderr.split())
    assert "--workers" in message and "sparql:URL" in message and "one worker" in message, message
    assert "Traceback" not in result.stderr
    assert "serving on" not in result.stdout
    if kind == "oxigraph":
        # Refused before anything opened the directory: a server can start on it right after.
        from newsgraph.settings import Settings
        from newsgraph.store import open_store

        opened = open_store(Settings(store=store))
        opened.close()


@pytest.mark.virtuoso
def test_two_workers_on_virtuoso_serve_one_store(virtuoso_server):
    """``--workers 2`` is allowed on a shared remote store, and both workers serve the same data."""
    import os
    import signal
    import socket
    import subprocess
    import time

    from reliability_server import NEWSGRAPH

    with socket.socket() as sock:  # uvicorn's multi-worker mode needs a real port up front
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSGRAPH_")}
    env.update(NEWSGRAPH_STORE_USER=virtuoso_server.user, NEWSGRAPH_STORE_PASSWORD=virtuoso_server.password,
               NEWSGRAPH_API_TOKEN=TOKEN, NEWSGRAPH_EXTRACTION_PROCESSES="false", PYTHONUNBUFFERED="1")
    process = subprocess.Popen(
        [*NEWSGRAPH, "serve", "--store", virtuoso_server.spec, "--host", "127.0.0.1", "--port", str(port),
         "--workers", "2", "--log-level", "info"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and process.poll() is None:
            try:
                if httpx.get(url + "/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        assert process.poll() is None, "--workers 2 on a sparql: store did not start"
        with httpx.Client(base_url=url, timeout=120) as client:
            created = _post(client, article_text(800, 1))
            assert created.status_code == 201, created.text
            aid, triples = created.json()["article"]["id"], created.json()["triples"]
            # New connections are spread over the workers: every one sees the article.
            for _ in range(8):
                with httpx.Client(base_url=url, timeout=60) as fresh:
                    stored = fresh.get(f"/articles/{aid}")
                    assert stored.status_code == 200 and stored.json()["triples"] == triples
            assert _post(client, article_text(800, 1)).status_code == 200
    finally:
        # The worker processes share the parent's session: stop them together, by its id.
        os.killpg(process.pid, signal.SIGTERM)
        try:
            output, _ = process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            output, _ = process.communicate()
    assert output.count("Started server process") == 2, output[-2000:]  # two workers, one store
