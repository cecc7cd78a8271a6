"""The real ``newsgraph serve`` process: post, query, stop, restart, the article is still there."""

import os
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path

import httpx
import pytest

pytestmark = [pytest.mark.server, pytest.mark.model]

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
NEWSGRAPH = [sys.executable, "-c", "from newsgraph.cli import main; main()"]
SERVING = re.compile(r"newsgraph is serving on (http://127\.0\.0\.1:\d+/)")


class Server:
    def __init__(self, store_dir: Path, *extra: str):
        command = [*NEWSGRAPH, "serve", "--store", f"oxigraph:{store_dir}",
                   "--host", "127.0.0.1", "--port", "0", "--log-level", "warning", *extra]
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        env.pop("NEWSGRAPH_API_TOKEN", None)
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        self.output: list[str] = []
        found = threading.Event()
        self.url = None

        def read() -> None:
            for line in self.process.stdout:
                self.output.append(line)
                match = SERVING.search(line)
                if match:
                    self.url = match.group(1)
                    found.set()
            found.set()

        threading.Thread(target=read, daemon=True).start()
        if not found.wait(120) or self.url is None:
            self.stop()
            pytest.fail("the server did not start:\n" + "".join(self.output))

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait()


def test_serve_post_query_restart(tmp_path):
    text = (SAMPLES / "wire_rail_link.txt").read_text(encoding="utf-8")
    server = Server(tmp_path / "store")
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
        assert server.stop() in (0, -signal.SIGTERM), "".join(server.output)

    # Restart, loading a folder with the posted article, one more and a gold file that is no article.
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "posted.txt").write_text(text, encoding="utf-8")
    (folder / "other.txt").write_text((SAMPLES / "short_quake.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "other.gold.json").write_text('{"people": []}', encoding="utf-8")
    server = Server(tmp_path / "store", "--load", str(folder))
    try:
        assert "Loaded 1 article(s), 1 already stored, 0 failed." in "".join(server.output)
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
