"""Reading articles from what people hand newsgraph: plain text, HTML pages, JSON objects,
JSON arrays, JSON Lines, files and folders of them.

The one place that turns those into article fields (``text``, ``title``, ``url``,
``published``, ``source``), so the service, ``newsgraph ingest`` and ``serve --load`` read
the same page or file to the same text and metadata. Validating the text itself (empty,
too long, not UTF-8, a lone surrogate, a date out of range) is :func:`newsgraph.extract.prepare`'s
job; this module only says what the article's fields are.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, ValidationError

from .errors import InvalidArticle, NewsgraphError

FIELDS = ("text", "title", "url", "published", "source")
TEXT_SUFFIXES = {".txt"}
HTML_SUFFIXES = {".html", ".htm"}
JSON_SUFFIXES = {".json"}
JSON_LINES_SUFFIXES = {".jsonl", ".ndjson"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSON_LINES_SUFFIXES
GOLD_SUFFIX = ".gold.json"  # expected facts for `newsgraph eval`, beside articles: never an article


class ArticleJSON(BaseModel):
    """An article as a JSON object. Keys other than these are ignored (feeds carry ids,
    authors and the like); ``date`` is taken for ``published`` when that is absent."""

    model_config = ConfigDict(extra="ignore")

    text: str = Field(description="The article's text (plain text).")
    title: str | None = None
    url: str | None = None
    published: str | None = Field(
        None,
        validation_alias=AliasChoices("published", "date"),
        description="ISO date or date-time of publication (`date` is read too).",
    )
    source: str | None = Field(None, description="Publisher or feed the article came from.")


@dataclass
class SourceItem:
    """One article read from a file or a request, waiting for extraction."""

    source: str  # where it came from: a file name, with ':line' for JSON Lines and '[n]' for JSON arrays
    fields: dict  # text (str, or bytes still to decode) + article metadata, as extract() takes them


@dataclass
class ReadFailure:
    source: str
    error: str
    exception: NewsgraphError | None = None  # the error with its code, when it is one of ours


# --- one article ---------------------------------------------------------------------


def article_fields(value: Any) -> dict:
    """The fields of an article given as a parsed JSON value; raises :class:`InvalidArticle`
    naming what is wrong (``detail``: pydantic's ``loc``/``msg``/``type`` per problem)."""
    try:
        article = ArticleJSON.model_validate(value)
    except ValidationError as exc:
        raise InvalidArticle(
            "an article in JSON is an object with a string 'text' and optional string "
            "'title', 'url', 'published' (or 'date') and 'source'",
            detail=[{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]} for e in exc.errors()],
        ) from None
    return {name: value for name, value in article.model_dump().items() if value is not None}


def html_fields(page: str | bytes) -> dict:
    """The main text and metadata of an HTML page. ``source`` is the site's name, else its
    host name; the publication date comes from the page's metadata only (see
    :func:`newsgraph.webpage.html_to_text`)."""
    from .webpage import html_to_text  # trafilatura: imported when a page arrives

    text, meta = html_to_text(page)
    fields: dict = {"text": text}
    for name in ("title", "url", "published"):
        if meta.get(name):
            fields[name] = meta[name]
    source = meta.get("source") or meta.get("hostname")
    if source:
        fields["source"] = source
    return fields


def parse_json(text: str) -> Any:
    """``json.loads`` with a clear :class:`InvalidArticle` for JSON nested thousands deep."""
    try:
        return json.loads(text)
    except RecursionError:
        raise InvalidArticle("the JSON is nested too deeply to be an article") from None


# --- many articles -------------------------------------------------------------------


def json_lines(text: str, source: str) -> Iterator[SourceItem | ReadFailure]:
    """The articles of JSON Lines (NDJSON) text, one object per non-blank line; a bad line
    is a failure of its own, never the end of the others."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            yield SourceItem(where, article_fields(parse_json(line)))
        except json.JSONDecodeError as exc:
            yield ReadFailure(where, f"line {number} is not valid JSON: {exc.msg}")
        except InvalidArticle as exc:
            yield ReadFailure(where, exc.message, exc)


def json_document(text: str, source: str) -> Iterator[SourceItem | ReadFailure]:
    """The articles of a JSON document: one article object, or an array of them."""
    data = parse_json(text)
    if isinstance(data, list):
        for number, entry in enumerate(data):
            try:
                yield SourceItem(f"{source}[{number}]", article_fields(entry))
            except InvalidArticle as exc:
                yield ReadFailure(f"{source}[{number}]", exc.message, exc)
    else:
        yield SourceItem(source, article_fields(data))


def is_article_file(path: Path) -> bool:
    """Whether a file met in a folder is read as articles (gold files beside them are not)."""
    name = path.name.lower()
    return path.suffix.lower() in SUFFIXES and not name.endswith(GOLD_SUFFIX) and not name.startswith(".")


def find_files(paths: Iterable[str | Path]) -> Iterator[Path | ReadFailure]:
    """Files to read: the paths given as they are, and the article files under folders,
    recursively and sorted."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and is_article_file(p))
        elif path.is_file():
            yield path
        else:
            yield ReadFailure(str(raw), "no such file or folder")


def read_file(path: Path) -> Iterator[SourceItem | ReadFailure]:
    """The articles in one file (several for JSON arrays and JSON Lines)."""
    source = str(path)
    suffix = path.suffix.lower()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        yield ReadFailure(source, f"cannot read the file: {exc.strerror or exc}")
        return
    try:
        if suffix in HTML_SUFFIXES:
            yield SourceItem(source, html_fields(raw))
        elif suffix in JSON_SUFFIXES:
            yield from json_document(raw.decode("utf-8-sig"), source)
        elif suffix in JSON_LINES_SUFFIXES:
            yield from json_lines(raw.decode("utf-8-sig"), source)
        else:  # .txt and anything named explicitly: plain text, validated by extract
            yield SourceItem(source, {"text": raw})
    except UnicodeDecodeError as exc:
        yield ReadFailure(source, f"the file is not UTF-8 text ({exc.reason} at byte {exc.start})")
    except json.JSONDecodeError as exc:
        yield ReadFailure(source, f"not valid JSON: {exc.msg} (line {exc.lineno})")
    except InvalidArticle as exc:
        yield ReadFailure(source, exc.message, exc)


def read_sources(paths: Iterable[str | Path]) -> Iterator[SourceItem | ReadFailure]:
    """Every article in ``paths`` (files and folders), or why one could not be read."""
    for found in find_files(paths):
        if isinstance(found, ReadFailure):
            yield found
        else:
            yield from read_file(found)


__all__ = [
    "ArticleJSON",
    "ReadFailure",
    "SourceItem",
    "article_fields",
    "find_files",
    "html_fields",
    "is_article_file",
    "json_document",
    "json_lines",
    "read_file",
    "read_sources",
]
