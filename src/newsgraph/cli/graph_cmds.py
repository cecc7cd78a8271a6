"""``newsgraph ingest | query | export | stats``: build, query and export the graph."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from enum import Enum
from pathlib import Path

import typer

from .. import export as exporting
from ..errors import StoreError
from ..formats import of_kind
from ..settings import Settings
from .app import app

STORE_HELP = (
    "Where the graph lives: 'oxigraph:DIR' (embedded, the default: oxigraph:./newsgraph-data), "
    "'memory' or 'sparql:URL'. Overrides NEWSGRAPH_STORE."
)


def _settings(store: str | None, **more) -> Settings:
    overrides = {k: v for k, v in more.items() if v is not None}
    if store:
        overrides["store"] = store
    return Settings(**overrides)


def _open(settings: Settings, *, create: bool = False):
    """The store; commands that only read never create one (a mistyped path is an error)."""
    from ..store import open_store

    return open_store(settings, create=create)


# --- ingest -----------------------------------------------------------------------


@app.command("ingest")
def ingest_command(
    paths: list[str] = typer.Argument(
        ..., help="Files (.txt, .json, .jsonl, .html) or folders (read recursively); '-' reads one article from stdin."
    ),
    store: str | None = typer.Option(None, "--store", help=STORE_HELP),
    workers: int = typer.Option(1, "--workers", min=1, help="Processes extracting in parallel (spaCy n_process)."),
    replace: bool = typer.Option(False, "--replace", help="Extract and store again articles already in the store."),
    model: str | None = typer.Option(None, help="spaCy model name or path (overrides NEWSGRAPH_MODEL)."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress bar on stderr."),
) -> None:
    """Read articles, extract their facts and store each as its own named graph.

    Articles already stored (same text, same id) are skipped unless --replace. A file
    that cannot be read or an article that cannot be extracted is reported and
    skipped; the rest of the batch goes on. Ends with a summary; exits 1 when any
    article failed.
    """
    from tqdm import tqdm

    from ..ingest import ingest
    from ..readers import ReadFailure, SourceItem, read_sources

    settings = _settings(store, model=model)
    items: Iterator[SourceItem | ReadFailure]
    if paths == ["-"]:
        items = iter([SourceItem("<stdin>", {"text": sys.stdin.buffer.read()})])
    else:
        items = read_sources(paths)
    graph_store = _open(settings, create=True)
    bar = tqdm(unit="article", desc="ingest", disable=not progress, file=sys.stderr, dynamic_ncols=True)

    def on_outcome(outcome) -> None:
        bar.update(1)
        if progress and outcome.status == "failed":
            bar.write(f"failed: {outcome.source}: {outcome.error}", file=sys.stderr)
        for line in warning_lines(outcome):
            bar.write(line, file=sys.stderr)

    try:
        summary = ingest(graph_store, items, settings=settings, n_process=workers, replace=replace,
                         on_outcome=on_outcome)
    finally:
        bar.close()
        graph_store.close()
    rate = summary.articles / summary.seconds if summary.seconds else 0.0
    warned = f", {summary.warned} of them without some facts (warnings above)" if summary.warned else ""
    typer.echo(
        f"articles: {summary.articles} ({summary.stored} stored{warned}, {summary.skipped} already stored, "
        f"{summary.failed} failed) in {summary.seconds:.1f} s, {rate:.1f} articles/s"
    )
    typer.echo(f"entities: {summary.entities}")
    typer.echo(f"triples: {summary.triples}")
    for failure in summary.failures:
        typer.echo(f"failed: {failure.source}: {failure.error}")
    if summary.failed:
        raise typer.Exit(1)


def warning_lines(outcome) -> list[str]:
    """One line per component that failed on a stored article."""
    return [f"warning: {outcome.source}: component {w['component']} failed, stored without its facts: {w['error']}"
            for w in outcome.warnings]


# --- query ------------------------------------------------------------------------


# A terminal table, or any SPARQL results format (newsgraph.formats). Members are made from the
# formats table, which mypy cannot read (it wants them written out): they are looked up by name.
QueryFormat = Enum("QueryFormat", {name: name for name in ("table", *of_kind("results"))}, type=str)  # type: ignore[misc]


@app.command("query")
def query_command(
    sparql: str | None = typer.Argument(None, help="The SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE)."),
    file: Path | None = typer.Option(None, "--file", "-f", help="Read the query from this .rq file instead."),
    format: QueryFormat | None = typer.Option(
        None, "--format", help="Result format: table (the default in a terminal), json (the default otherwise), "
        "xml, csv or tsv. CONSTRUCT and DESCRIBE always print Turtle.",
    ),
    store: str | None = typer.Option(None, "--store", help=STORE_HELP),
    timeout: float | None = typer.Option(None, "--timeout", help="Seconds before the query is stopped "
                                         "(NEWSGRAPH_QUERY_TIMEOUT, default 10)."),
    max_rows: int | None = typer.Option(None, "--max-rows", help="Most rows printed (NEWSGRAPH_MAX_ROWS)."),
) -> None:
    """Run a SPARQL query on the graph. The default graph is the union of all articles.

    The prefixes schema:, ng:, rdf:, rdfs:, xsd: and prov: may be used without
    declaring them.
    """
    if (sparql is None) == (file is None):
        raise typer.BadParameter("give a query or --file, not both and not neither")
    if file is not None:
        if not file.is_file():
            raise typer.BadParameter(f"no such file: {file}", param_hint="--file")
        sparql = file.read_text(encoding="utf-8")
    assert sparql is not None  # given, or read from --file (one of them, checked above)
    settings = _settings(store, query_timeout=timeout, max_rows=max_rows)
    chosen = format or (QueryFormat["table"] if sys.stdout.isatty() else QueryFormat["json"])
    with _open(settings) as graph_store:
        wire = "json" if chosen == QueryFormat["table"] else chosen.value
        from ..store import query_kind

        kind = query_kind(sparql)
        result = graph_store.query(sparql, accept="turtle" if kind == "graph" else wire)
    if result.kind == "select" and chosen == QueryFormat["table"]:
        _print_table(result)
    elif result.kind == "ask" and chosen == QueryFormat["table"]:
        typer.echo("true" if result.boolean else "false")
    else:
        sys.stdout.buffer.write(result.body)
        if not result.body.endswith(b"\n"):
            sys.stdout.buffer.write(b"\n")
        sys.stdout.flush()
    if result.truncated:
        typer.echo(f"(cut at {settings.max_rows if max_rows is None else max_rows} rows; raise --max-rows)", err=True)


def _cell(term: dict | None) -> str:
    if term is None:
        return ""
    if term["type"] == "uri":
        from ..ontology import PREFIXES

        for prefix, namespace in PREFIXES.items():  # schema:Person reads better in a narrow table
            if term["value"].startswith(namespace):
                return f"{prefix}:{term['value'][len(namespace):]}"
        return term["value"]
    if term["type"] == "bnode":
        return "_:" + term["value"]
    if term.get("xml:lang"):
        return f'{term["value"]}@{term["xml:lang"]}'
    return term["value"]


def _print_table(result) -> None:
    from rich.console import Console
    from rich.table import Table

    data = json.loads(result.body)
    variables = data["head"]["vars"]
    table = Table(*variables, show_lines=False)
    count = 0
    for binding in data["results"]["bindings"]:
        table.add_row(*(_cell(binding.get(v)) for v in variables))
        count += 1
    console = Console()
    console.print(table)
    console.print(f"{count} row{'s' if count != 1 else ''}")


# --- export -----------------------------------------------------------------------


# Made from the formats table like QueryFormat, so its members too are looked up by name.
ExportFormat = Enum("ExportFormat", {name: name for name in exporting.FORMATS}, type=str)  # type: ignore[misc]
_RDF = {**of_kind("dataset"), **of_kind("graph")}
_KEEPS_GRAPHS = [name for name in exporting.FORMATS if name in _RDF and _RDF[name].keeps_graphs]
_MERGES = [name for name in exporting.FORMATS if name in _RDF and not _RDF[name].keeps_graphs]


@app.command("export")
def export_command(
    format: ExportFormat = typer.Option(ExportFormat["trig"], "--format", help=f"{', '.join(_KEEPS_GRAPHS)} keep one named graph "
                                        f"per article; {', '.join(_MERGES)} merge them into one graph; graphml "
                                        "and csv (nodes.csv + edges.csv for neo4j-admin import) are property graphs."),
    output: Path | None = typer.Option(None, "--output", "-o", help="File to write (a folder for csv). "
                                       "Standard output when not given (not for csv)."),
    store: str | None = typer.Option(None, "--store", help=STORE_HELP),
) -> None:
    """Write the whole graph in an RDF format or as a property graph, streamed."""

    settings = _settings(store)
    with _open(settings) as graph_store:
        if format == ExportFormat["csv"]:
            if output is None:
                raise typer.BadParameter("the csv export writes two files: give a folder with --output")
            nodes, edges = exporting.export(graph_store, "csv", directory=output)
            typer.echo(f"wrote {nodes} and {edges}", err=True)
            return
        if output is None:
            exporting.export(graph_store, format.value, sys.stdout.buffer)
            sys.stdout.flush()
            return
        try:
            with open(output, "wb") as out:
                exporting.export(graph_store, format.value, out)
        except OSError as exc:
            raise StoreError(f"cannot write {output}: {exc.strerror or exc}") from exc
        typer.echo(f"wrote {output}", err=True)


# --- stats ------------------------------------------------------------------------


@app.command("stats")
def stats_command(
    store: str | None = typer.Option(None, "--store", help=STORE_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
    recount: bool = typer.Option(
        False, "--recount", help="First count every entity's mention totals afresh from the article graphs."
    ),
) -> None:
    """Count the articles, the triples and the entities by type in the graph."""
    settings = _settings(store)
    with _open(settings) as graph_store:
        if recount:
            graph_store.rebuild_totals()
        stats = graph_store.stats()
    if as_json:
        typer.echo(json.dumps({"articles": stats.articles, "triples": stats.triples, "entities": stats.entities}))
        return
    typer.echo(f"articles: {stats.articles}")
    typer.echo(f"triples: {stats.triples}")
    typer.echo(f"entities: {sum(stats.entities.values())}")
    for name, count in stats.entities.items():
        typer.echo(f"  {name}: {count}")


__all__ = ["export_command", "ingest_command", "query_command", "stats_command"]
