"""``newsgraph eval``: score extraction against gold files and print the table."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..errors import InvalidGold, NewsgraphError
from ..evaluate import CATEGORIES, Report, evaluate, parse_gold
from ..extract import extract_many
from ..schema import Extraction
from ..settings import Settings
from .app import app

_GOLD_SUFFIXES = (".gold.json", ".json")


def pair_files(articles: Path, gold: Path) -> tuple[list[tuple[str, Path, Path]], list[str]]:
    """(stem, article file, gold file) for every ``NAME.txt`` with a ``NAME[.gold].json``.

    Also returns the stems of articles that have no gold file, so they can be reported.
    """
    pairs, unpaired = [], []
    for text_file in sorted(articles.glob("*.txt")):
        stem = text_file.name[: -len(".txt")]
        gold_file = next((gold / f"{stem}{suffix}" for suffix in _GOLD_SUFFIXES
                          if (gold / f"{stem}{suffix}").is_file()), None)
        if gold_file is None:
            unpaired.append(stem)
        else:
            pairs.append((stem, text_file, gold_file))
    return pairs, unpaired


def _load_gold(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidGold(f"{path}: not a JSON gold file ({exc})") from exc
    return parse_gold(data, str(path))  # fail before the slow extraction starts


def _named(result: Extraction | NewsgraphError, path: Path) -> Extraction:
    """The extraction, or the article's error again with the file it came from."""
    if isinstance(result, NewsgraphError):
        raise type(result)(f"{path}: {result.message}") from result
    return result


def _ratio(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def render_table(report: Report, console: Console) -> None:
    table = Table(title=f"Extraction quality over {len(report.articles)} articles (micro-averaged)")
    for column in ("category", "TP", "FP", "FN", "precision", "recall", "F1"):
        table.add_column(column, justify="left" if column == "category" else "right")
    totals = report.totals()
    for category in CATEGORIES:
        counts = totals[category]
        table.add_row(category, str(counts.tp), str(counts.fp), str(counts.fn),
                      _ratio(counts.precision), _ratio(counts.recall), _ratio(counts.f1))
    console.print(table)
    about = report.about_score()
    console.print(f"figure 'about' token overlap over {about['pairs']} matched figures: "
                  f"{_ratio(about['mean_overlap'])}")


def render_errors(report: Report, console: Console) -> None:
    for article in report.articles:
        lines = [(kind, category, fact)
                 for category in CATEGORIES
                 for kind, facts in (("missed", article.missed[category]), ("spurious", article.spurious[category]))
                 for fact in facts]
        lines += [("about", "figures", fact) for fact in article.weak_about]  # matched, but about agrees little
        console.print(f"\n[bold]{escape(article.name)}[/bold]" + ("" if lines else ": no errors"), highlight=False)
        for kind, category, fact in lines:
            colour = {"missed": "red", "spurious": "yellow"}.get(kind, "cyan")
            console.print(f"  [{colour}]{kind:8}[/{colour}] {category:13} {escape(fact)}", highlight=False,
                          soft_wrap=True)


@app.command("eval")
def eval_command(
    articles: Path = typer.Option(..., "--articles", help="Directory of NAME.txt articles.",
                                  exists=True, file_okay=False, dir_okay=True, readable=True),
    gold: Path = typer.Option(..., "--gold", help="Directory of NAME.gold.json or NAME.json gold files.",
                              exists=True, file_okay=False, dir_okay=True, readable=True),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON instead of a table."),
    show_errors: bool = typer.Option(False, "--show-errors", help="List every missed and spurious fact per article, "
                                     "and matched figures whose 'about' agrees little with gold."),
    model: str | None = typer.Option(None, help="spaCy model name or path (overrides NEWSGRAPH_MODEL)."),
) -> None:
    """Extract every article and score it against its gold file: precision, recall and F1 per category."""
    pairs, unpaired = pair_files(articles, gold)
    if not pairs:
        raise typer.BadParameter(f"no NAME.txt in {articles} has a NAME.gold.json or NAME.json in {gold}",
                                 param_hint="--articles/--gold")
    golds = [_load_gold(gold_file) for _, _, gold_file in pairs]
    overrides: dict[str, Any] = {"model": model} if model else {}  # unset: NEWSGRAPH_MODEL applies
    settings = Settings(**overrides)
    results = extract_many((text_file.read_bytes() for _, text_file, _ in pairs), settings=settings,
                           errors="return")
    report = evaluate((stem, _named(result, text_file), gold_data)
                      for (stem, text_file, _), result, gold_data in zip(pairs, results, golds))
    err = Console(stderr=True)
    for stem in unpaired:
        err.print(f"skipped {stem}.txt: no gold file", highlight=False)
    if as_json:
        typer.echo(json.dumps(report.as_dict(errors=show_errors), indent=2))
        return
    console = Console()
    render_table(report, console)
    if show_errors:
        render_errors(report, console)
