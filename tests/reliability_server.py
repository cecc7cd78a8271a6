"""A real ``newsgraph serve`` process on loopback for the reliability tests.

Started on port 0 (the server prints the port it got), with stdout and stderr captured
so tests can search the logs; always stopped by the caller (``with`` or ``stop()``).
Extraction runs in threads of the server process so each start loads the model once.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading

import httpx

NEWSGRAPH = [sys.executable, "-c", "from newsgraph.cli import main; main()"]
SERVING = re.compile(r"newsgraph is serving on (http://127\.0\.0\.1:\d+/)")
START_TIMEOUT = 180.0
# Restricts a GRAPH ?g pattern to article graphs (the store also keeps a graph of entity totals).
ARTICLE_GRAPHS = 'FILTER(CONTAINS(STR(?g), "/graph/"))'


class ServerFailed(RuntimeError):
    pass


class Server:
    def __init__(self, store: str, *, env: dict[str, str] | None = None, log_level: str = "warning",
                 extra: list[str] | None = None):
        command = [*NEWSGRAPH, "serve", "--store", store, "--host", "127.0.0.1", "--port", "0",
                   "--log-level", log_level, *(extra or [])]
        full_env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSGRAPH_")}
        full_env.update({"PYTHONUNBUFFERED": "1", "NEWSGRAPH_EXTRACTION_PROCESSES": "false"})
        full_env.update(env or {})
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                        env=full_env, errors="replace")
        self.stdout: list[str] = []
        self.stderr: list[str] = []
        self.url: str | None = None
        found = threading.Event()

        def pump(stream, sink, watch: bool) -> None:
            for line in stream:
                sink.append(line)
                if watch and self.url is None:
                    match = SERVING.search(line)
                    if match:
                        self.url = match.group(1)
                        found.set()
            found.set()

        self._threads = [threading.Thread(target=pump, args=(self.process.stdout, self.stdout, True), daemon=True),
                         threading.Thread(target=pump, args=(self.process.stderr, self.stderr, False), daemon=True)]
        for thread in self._threads:
            thread.start()
        found.wait(START_TIMEOUT)
        if self.url is None:
            self.kill()
            raise ServerFailed("the server did not start:\n" + self.output)

    @property
    def output(self) -> str:
        self.process.poll()
        return "".join(self.stdout) + "".join(self.stderr)

    def client(self, **kwargs) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=kwargs.pop("timeout", 60), **kwargs)

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
        code = self.process.wait()
        for thread in self._threads:
            thread.join(5)
        return code

    def kill(self) -> int:
        """SIGKILL: no shutdown code runs, as in a crash or the OOM killer."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        code = self.process.wait()
        for thread in self._threads:
            thread.join(5)
        return code

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def run_serve(store: str, *args: str, env: dict[str, str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """``newsgraph serve`` expected to exit by itself (refused configurations)."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSGRAPH_")}
    full_env.update({"PYTHONUNBUFFERED": "1", "NEWSGRAPH_EXTRACTION_PROCESSES": "false", **(env or {})})
    return subprocess.run([*NEWSGRAPH, "serve", "--store", store, "--host", "127.0.0.1", "--port", "0", *args],
                          capture_output=True, text=True, timeout=timeout, env=full_env)


class Listener:
    """A TCP listener on a free loopback port that records every connection made to it.

    Stands in for "somewhere on the network": a request that makes the server fetch a URL
    pointing here shows up in :attr:`connections`.
    """

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            with conn:
                conn.settimeout(1)
                try:
                    data = conn.recv(4096)
                except OSError:
                    data = b""
                self.connections.append(data or b"<connected>")
                try:
                    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/turtle\r\nContent-Length: 0\r\n\r\n")
                except OSError:
                    pass

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self.sock.close()


def article_text(seed: int, index: int) -> str:
    """A short, unique, news-like article (written for these tests) with people, an
    organisation, a place, a role, a figure and a quote for the extractor to find."""
    people = ["Maria Lopez", "Tomas Berg", "Aisha Khan", "Peter Novak", "Lena Fischer", "Samuel Okafor",
              "Hana Sato", "Ivan Petrov", "Clara Nunes", "David Cohen"]
    firms = ["Northwind Rail", "Bluefield Energy", "Harbor Foods", "Keystone Metals", "Silverline Media"]
    places = ["Lisbon", "Oslo", "Nairobi", "Osaka", "Toronto", "Krakow"]
    person = people[(seed + index) % len(people)]
    other = people[(seed + 3 * index + 1) % len(people)]
    firm = firms[(seed * 7 + index) % len(firms)]
    place = places[(seed + 5 * index) % len(places)]
    share = 3 + (seed * 31 + index * 17) % 90
    return (
        f"{person}, chief executive of {firm}, said on Monday that revenue rose {share} percent in {place}. "
        f"\"We expect further growth next year,\" {person} said. "
        f"{other}, an analyst based in {place}, said the figures were strong. "
        f"(Report {seed}-{index}.)"
    )
