"""``newsgraph entities merge | split | candidates``: curate the entity registry."""

from __future__ import annotations

import json

import typer

from .app import app
from .graph_cmds import STORE_HELP, _open, _settings

entities_app = typer.Typer(help="Curate the entity registry: merge or split entities, list likely duplicates.",
                           no_args_is_help=True)
app.add_typer(entities_app, name="entities")


def _decide(kind: str, first: str, second: str, store: str | None) -> None:
    from ..curation import decide

    with _open(_settings(store)) as opened:
        outcome = decide(opened, kind, first, second)
    typer.echo(json.dumps(outcome, indent=2))


@entities_app.command("merge")
def merge_command(
    first: str = typer.Argument(..., help="An entity id (organization/wipo) or IRI."),
    second: str = typer.Argument(..., help="The entity it is the same as."),
    store: str | None = typer.Option(None, "--store", help=STORE_HELP),
) -> None:
    """Record that two entities are one (kept in the registry graph, whatever later articles say)."""
    _decide("merge", first, second, store)


@entities_app.command("split")
def split_command(
    first: str = typer.Argument(..., help="An entity id (person/tang) or IRI."),
    second: str = typer.Argument(..., help="The entity it must never be taken for."),
    store: str | None = typer.Option(None, "--store", help=STORE_HELP),
) -> None:
    """Record that two entities are different (wins over the rules and over a merge)."""
    _decide("split", first, second, store)


@entities_app.command("candidates")
def candidates_command(
    store: str | None = typer.Option(None, "--store", help=STORE_HELP),
    limit: int = typer.Option(100, "--limit", min=1, help="Most pairs listed."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per line."),
) -> None:
    """List likely duplicates with the evidence, for a person to decide (merge or split)."""
    from ..curation import candidates

    with _open(_settings(store)) as opened:
        found = candidates(opened, limit=limit)
    for candidate in found:
        if as_json:
            typer.echo(json.dumps({"a": candidate.a, "b": candidate.b, "reason": candidate.reason,
                                   "evidence": candidate.evidence}))
        else:
            typer.echo(f"{candidate.a}\t{candidate.b}\t{candidate.reason}\t{candidate.evidence}")
    if not found and not as_json:
        typer.echo("no likely duplicates", err=True)
