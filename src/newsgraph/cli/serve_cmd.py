"""``newsgraph serve``: run the HTTP service with uvicorn."""

from __future__ import annotations

import errno
import logging
import os
import socket
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
import uvicorn

from ..settings import Settings
from .app import app

if TYPE_CHECKING:
    from ..store.base import Store

log = logging.getLogger("newsgraph.serve")

def load_articles(paths: list[Path], store, settings: Settings):
    """Store the articles in ``paths`` that the store does not hold yet; returns the ingest summary.

    Read as ``newsgraph ingest`` reads them (:mod:`newsgraph.readers`): folders recursively,
    their gold files (``*.gold.json``) and queries not taken for articles.
    """
    from ..ingest import ingest
    from ..readers import read_sources
    from .graph_cmds import warning_lines

    missing = [path for path in paths if not path.exists()]
    if missing:
        raise typer.BadParameter(f"no such file or directory: {missing[0]}", param_hint="--load")

    def on_outcome(outcome) -> None:
        # As they happen: one line per failed article or failed component, and the load goes on.
        if outcome.status == "failed":
            typer.echo(f"  failed: {outcome.source}: {outcome.error}", err=True)
        for line in warning_lines(outcome):
            typer.echo(f"  {line}", err=True)

    return ingest(store, read_sources(paths), settings=settings, on_outcome=on_outcome)


class LogLevel(str, Enum):
    debug = "debug"
    info = "info"
    warning = "warning"
    error = "error"


# uvicorn's default HTTP parser (httptools) stops reading a request at its headers when
# the client offers a protocol upgrade it does not take (``Upgrade: h2c``, which curl
# --http2 and Java's HttpClient send by default) and hands the app an empty body. h11
# reads the body and answers over HTTP/1.1, which declines the upgrade.
HTTP_PROTOCOL = "h11"


def _bind(host: str, port: int) -> socket.socket:
    """The listening socket, bound before anything slow happens (the store, --load, the
    model), so an address in use is reported at once."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(2048)  # listening at once: a second server started meanwhile cannot bind it too
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            reason = f"port {port} is already in use on {host} (stop what listens there, or pick another --port)"
        else:
            reason = f"cannot listen on {host}:{port}: {exc.strerror or exc}"
        raise typer.BadParameter(reason, param_hint="--port") from None
    sock.set_inheritable(True)
    return sock


def _serving_message(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"newsgraph is serving on http://{shown}:{port}/ (SPARQL at /sparql, API docs at /docs)"


@app.command("serve")
def serve_command(
    store: str | None = typer.Option(None, help="Store: 'oxigraph:DIR', 'memory' or 'sparql:URL' (overrides NEWSGRAPH_STORE)."),
    host: str | None = typer.Option(None, help="Address to listen on (default 127.0.0.1, NEWSGRAPH_HOST)."),
    port: int | None = typer.Option(None, min=0, max=65535, help="Port to listen on (default 8000, NEWSGRAPH_PORT; 0 picks a free one, with one worker only)."),
    workers: int = typer.Option(1, min=1, help="Server processes. Above 1 only with a remote 'sparql:' store."),
    load: list[Path] = typer.Option([], "--load", help="Article files or folders (.txt, .html, .json, .jsonl; gold files skipped) to store at startup; already stored ones are skipped."),
    model: str | None = typer.Option(None, help="spaCy model name or path (overrides NEWSGRAPH_MODEL)."),
    log_level: LogLevel = typer.Option(LogLevel.info, case_sensitive=False, help="Log level."),
) -> None:
    """Serve the HTTP API: articles, JSON endpoints, SPARQL at /sparql, export at /graph, docs at /docs."""
    from ..api import create_app
    from ..store import open_store

    flags: dict[str, Any] = {"store": store, "host": host, "port": port, "model": model}
    overrides = {k: v for k, v in flags.items() if v is not None}
    settings = Settings(**overrides)
    level = log_level.value
    logging.basicConfig(level=level.upper(), format="%(levelname)s:     %(name)s: %(message)s")
    embedded = not settings.store.lower().startswith("sparql:")
    if workers > 1 and embedded:
        raise typer.BadParameter(
            f"--workers {workers} needs a shared remote store (sparql:URL). The store {settings.store!r} belongs "
            "to one process (Oxigraph locks its directory; a memory store is per process), so run one worker: "
            "it already extracts several articles at once (NEWSGRAPH_MAX_CONCURRENT_EXTRACTIONS) and answers "
            "queries while it does.",
            param_hint="--workers",
        )
    if workers > 1 and settings.port == 0:
        # uvicorn binds the socket for its worker processes itself and never says which
        # port it got, so the address printed here would be wrong.
        raise typer.BadParameter(
            f"--workers {workers} needs a fixed port: with --port 0 (or NEWSGRAPH_PORT=0) the port the "
            "workers share could not be announced. Give one, e.g. --port 8000.",
            param_hint="--port",
        )
    if not 0 <= settings.port <= 65535:
        raise typer.BadParameter(f"{settings.port} is not a TCP port (0-65535)", param_hint="NEWSGRAPH_PORT")
    listening: socket.socket | None
    listening = _bind(settings.host, settings.port)
    if workers > 1:
        listening.close()  # uvicorn binds for its worker processes itself; the address was free
        listening = None
    graph_store: Store | None
    try:
        graph_store = open_store(settings)
    except BaseException:
        if listening is not None:
            listening.close()
        raise
    try:
        if load:
            summary = load_articles(load, graph_store, settings)
            warned = f" ({summary.warned} without some facts)" if summary.warned else ""
            typer.echo(f"Loaded {summary.stored} article(s){warned}, {summary.skipped} already stored, "
                       f"{summary.failed} failed.")
        if workers > 1:
            graph_store.close()
            graph_store = None
            # Each worker process builds its app from the environment.
            for name, value in overrides.items():
                os.environ[f"NEWSGRAPH_{name.upper()}"] = str(value)
            typer.echo(_serving_message(settings.host, settings.port))
            uvicorn.run("newsgraph.api.app:create_app", factory=True, host=settings.host, port=settings.port,
                        workers=workers, log_level=level, http=HTTP_PROTOCOL)
            return
        # The app closes the store at shutdown: uvicorn re-raises SIGTERM once it has shut
        # down, so code after run() may never execute.
        # Without nlp the app extracts in worker processes (or loads the model itself
        # when NEWSGRAPH_EXTRACTION_PROCESSES=false).
        application = create_app(settings, store=graph_store, close_store=True)
        config = uvicorn.Config(application, host=settings.host, port=settings.port, log_level=level,
                                http=HTTP_PROTOCOL)
        assert listening is not None  # one server process: it serves on the socket bound above
        _AnnouncingServer(config).run(sockets=[listening])
        graph_store = None
    finally:
        if listening is not None:
            listening.close()
        if graph_store is not None:
            graph_store.close()


class _AnnouncingServer(uvicorn.Server):
    """Prints the address once the socket listens (with the real port when 0 was asked)."""

    async def startup(self, sockets=None) -> None:
        await super().startup(sockets=sockets)
        if self.should_exit or not self.servers:
            return
        port = self.config.port
        for server in self.servers:
            for sock in server.sockets:
                port = sock.getsockname()[1]
        typer.echo(_serving_message(self.config.host, port))
