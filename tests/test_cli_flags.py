"""CLI rough edges: --version, flag help, stores that do not exist, unknown prefixes, bad ports."""

from __future__ import annotations

import socket

import pytest
from typer.testing import CliRunner

from newsgraph import __version__
from newsgraph.cli import app
from newsgraph.errors import BadQuery, StoreError
from newsgraph.settings import Settings
from newsgraph.store import open_store

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), env={"COLUMNS": "150"})


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.output.strip() == f"newsgraph {__version__}"


@pytest.mark.parametrize("command", ["ingest", "query", "export", "stats", "serve", "extract", "eval"])
def test_help_shows_flags_without_a_bool_type(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "<bool>" not in result.output
    assert "--help" in result.output


def test_reading_a_store_that_does_not_exist_is_an_error_and_creates_nothing(tmp_path):
    missing = tmp_path / "typo" / "path"
    for command in (["query", "ASK {}"], ["stats"], ["export", "--format", "nquads"]):
        result = runner.invoke(app, [*command, "--store", f"oxigraph:{missing}"])
        assert result.exit_code != 0
        assert isinstance(result.exception, StoreError)
        assert f"no store at {missing}" in result.exception.message
        assert not (tmp_path / "typo").exists()
    with pytest.raises(StoreError, match="holds no newsgraph store"):
        open_store(Settings(), spec=f"oxigraph:{tmp_path}", create=False)


@pytest.mark.parametrize("spec", ["oxigraph", "memory"])
def test_unknown_prefix_is_named(spec, tmp_path):
    target = f"oxigraph:{tmp_path / 'db'}" if spec == "oxigraph" else "memory"
    with open_store(Settings(), spec=target) as store:
        with pytest.raises(BadQuery) as caught:
            store.query("SELECT ?x WHERE {\n  ?x a schema:Person ;\n     foo:knows ?y }")
        assert caught.value.message.startswith("unknown prefix foo:")
        assert caught.value.detail == {"unknown_prefix": "foo"}
        with pytest.raises(BadQuery, match=r"^SPARQL syntax error"):  # other syntax errors keep the parser's words
            store.query("SELECT ?x WHERE { ?x ?y }")


def test_serve_refuses_a_port_out_of_range():
    result = run("serve", "--store", "memory", "--port", "99999")
    assert result.exit_code == 2
    assert "99999" in result.output or "65535" in result.output
    assert "serving on" not in result.output


def test_serve_reports_a_port_in_use_before_opening_the_store_or_loading_the_model(tmp_path):
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen(1)
    port = busy.getsockname()[1]
    try:
        store_dir = tmp_path / "never-made"
        result = run("serve", "--store", f"oxigraph:{store_dir}", "--port", str(port), "--load", str(tmp_path))
    finally:
        busy.close()
    assert result.exit_code == 2
    text = " ".join(result.output.replace("│", " ").split())
    assert f"port {port} is already in use" in text, result.output
    assert not store_dir.exists()  # refused before the store was opened (and so before any model)
    assert "loaded spaCy model" not in result.output
