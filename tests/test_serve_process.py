"""The real ``newsgraph serve`` process: post, query, stop, restart, the article is still there."""

import signal
import subprocess
from pathlib import Path

import httpx
import pytest
from reliability_server import NEWSGRAPH
from reliability_server import Server as ServerProcess

pytestmark = [pytest.mark.server, pytest.mark.model]

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def start_server(store_dir: Path, *extra: str) -> ServerProcess:
    """The server as users run it: default settings, extraction in worker processes."""
    return ServerProcess(f"oxigraph:{store_dir}", extra=list(extra), env={"NEWSGRAPH_EXTRACTION_PROCESSES": "true"})


def test_serve_post_query_restart(tmp_path):
    text = (SAMPLES / "wire_rail_link.txt").read_text(encoding="utf-8")
    server = start_server(tmp_path / "store")
    try:
        with httpx.Client(base_url=server.url, timeout=60) as client:
            assert client.get("/health").json()["status"] == "ok"
            created = client.post("/articles", content=text.encode(), headers={"content-type": "text/plain"})
            assert created.status_code == 201, created.text
            aid = created.json()["article"]["id"]
            triples = created.json()["triples"]
            query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{created.json()['graph']}> {{ ?s ?p ?o }} }}"
            rows = client.get("/sparql", params={"query": query}).json()["results"]["bindings"]
            assert int(rows[0]["n"]["value"]) == triples
        # A second server on the same directory gets a clear error, not a corrupted store.
        second = subprocess.run([*NEWSGRAPH, "serve", "--store", f"oxigraph:{tmp_path / 'store'}", "--port", "0"],
                                capture_output=True, text=True, timeout=120)
        assert second.returncode != 0
        assert "open in another process" in second.stderr and "Traceback" not in second.stderr
    finally:
        # uvicorn shuts down cleanly, then re-raises SIGTERM: -15 is a graceful exit.
        assert server.stop() in (0, -signal.SIGTERM), server.output

    # Restart, loading a folder with the posted article, one more and a gold file that is no article.
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "posted.txt").write_text(text, encoding="utf-8")
    (folder / "other.txt").write_text((SAMPLES / "short_quake.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "other.gold.json").write_text('{"people": []}', encoding="utf-8")
    server = start_server(tmp_path / "store", "--load", str(folder))
    try:
        assert "Loaded 1 article(s), 1 already stored, 0 failed." in server.output
        with httpx.Client(base_url=server.url, timeout=60) as client:
            assert client.get("/articles").json()["total"] == 2
            stored = client.get(f"/articles/{aid}")
            assert stored.status_code == 200
            assert stored.json()["triples"] == triples
            again = client.post("/articles", content=text.encode(), headers={"content-type": "text/plain"})
            assert again.status_code == 200
    finally:
        server.stop()


def test_workers_above_one_are_refused_on_the_embedded_store(tmp_path):
    result = subprocess.run(
        [*NEWSGRAPH, "serve", "--store", f"oxigraph:{tmp_path}", "--workers", "2"],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode != 0
    assert "sparql:URL" in result.stderr and "one worker" in " ".join(result.stderr.split())


def test_workers_above_one_need_a_fixed_port():
    # Refused before any store is opened: nothing listens at this address.
    result = subprocess.run(
        [*NEWSGRAPH, "serve", "--store", "sparql:http://127.0.0.1:9/sparql", "--workers", "2", "--port", "0"],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode != 0
    message = " ".join(result.stderr.split())
    assert "--port" in message and "fixed port" in message and "Traceback" not in message, message
    assert "serving on" not in result.stdout
