"""The Typer application every command module registers on."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="newsgraph",
    help="Turn news articles into a knowledge graph: extract facts, store them as RDF, "
    "query them with SPARQL and serve them over HTTP.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """Turn news articles into a knowledge graph."""
