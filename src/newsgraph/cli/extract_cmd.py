"""``newsgraph extract``: print what newsgraph reads from one article."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Any

import typer

from ..extract import extract
from ..settings import Settings
from .app import app


class ExtractFormat(str, Enum):
    json = "json"


@app.command("extract")
def extract_command(
    file: str = typer.Argument(..., help="Article text file, or '-' to read standard input."),
    title: str | None = typer.Option(None, help="Article title."),
    url: str | None = typer.Option(None, help="Article URL."),
    published: str | None = typer.Option(None, help="Publication date (YYYY-MM-DD); dates datelines."),
    source: str | None = typer.Option(None, help="Publisher or feed the article came from."),
    format: ExtractFormat = typer.Option(ExtractFormat.json, "--format", help="Output format."),
    model: str | None = typer.Option(None, help="spaCy model name or path (overrides NEWSGRAPH_MODEL)."),
) -> None:
    """Extract entities, roles, figures, quotes and the dateline from one article and print them as JSON.

    A component that fails on the article prints one warning line on stderr; the JSON
    then lacks that component's facts and lists it under "warnings".
    """
    raw = sys.stdin.buffer.read() if file == "-" else _read_file(file)
    overrides: dict[str, Any] = {"model": model} if model else {}  # unset: NEWSGRAPH_MODEL applies
    settings = Settings(**overrides)
    result = extract(raw, title=title, url=url, published=published, source=source, settings=settings)
    for warning in result.warnings:
        typer.echo(f"warning: component {warning.component} failed, its facts are left out: {warning.error}", err=True)
    typer.echo(result.model_dump_json(indent=2))


def _read_file(file: str) -> bytes:
    path = Path(file)
    if not path.is_file():
        raise typer.BadParameter(f"no such file: {file}", param_hint="FILE")
    return path.read_bytes()
