"""The Typer application every command module registers on."""

from __future__ import annotations

from typing import Any

import typer
import typer.core

app = typer.Typer(
    name="newsgraph",
    help="Turn news articles into a knowledge graph: extract facts, store them as RDF, "
    "query them with SPARQL and serve them over HTTP.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

_shown_type = typer.core.TyperOption.display_type_rich


def _flag_without_type(self: typer.core.TyperOption, ctx: Any) -> str | None:
    """Help shows a flag (``--json``, ``--replace/--no-replace``, ``--help``) without the
    ``<bool>`` Typer would print next to it: a flag takes no value."""
    # ctx is a click Context: of the click Typer vendors (recent Typer) or the installed one
    if getattr(self, "is_flag", False):
        return None
    return _shown_type(self, ctx)


# Typer has no hook for this, so its method is replaced (setattr: mypy refuses assigning to a method)
setattr(typer.core.TyperOption, "display_type_rich", _flag_without_type)  # noqa: B010


def _print_version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"newsgraph {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """Turn news articles into a knowledge graph."""
