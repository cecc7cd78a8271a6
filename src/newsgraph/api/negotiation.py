"""Content negotiation as data: media-type tables (from :mod:`newsgraph.formats`) shared by
SPARQL, articles and export.

Each table maps a media type to the short format name the store and serializers use.
:func:`negotiate` picks one by the client's ``Accept`` header (q-values, wildcards)
and raises :class:`NotAcceptable` (406) listing what could be produced instead.
"""

from __future__ import annotations

from ..formats import ALIASES, media_table, of_kind
from .errors import BadRequest, NotAcceptable

# Results of SELECT and ASK, default first.
SPARQL_RESULTS = media_table(*of_kind("results"))

# One graph: CONSTRUCT/DESCRIBE results, Graph Store GET; default first.
RDF_GRAPH = media_table(*of_kind("graph"))

# The whole dataset (named graphs kept), default first.
RDF_DATASET = media_table("trig", "nquads", "turtle", "ntriples", "jsonld")

# One article's named graph; JSON is the article's record, not RDF.
ARTICLE = {"application/json": "json", **media_table("turtle", "jsonld", "ntriples", "trig")}

# Dry-run triples of POST /extract.
EXTRACT = {"application/json": "json", **media_table("jsonld", "turtle")}


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """``(media range, q)`` pairs in the client's order; malformed parts are skipped."""
    ranges = []
    for part in (header or "").split(","):
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        if "/" not in media:
            continue
        q = 1.0
        for param in pieces[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        ranges.append((media, q))
    return ranges


def _match(media: str, offered: str) -> int:
    """How specifically ``media`` (a range from Accept) matches ``offered``: 3, 2, 1 or 0 (no match)."""
    if media == offered:
        return 3
    kind, _, sub = media.partition("/")
    if sub == "*" and (kind == "*" or offered.startswith(kind + "/")):
        return 1 if kind == "*" else 2
    return 0


def negotiate(accept: str | None, table: dict[str, str], *, use_aliases: bool = True) -> str:
    """The media type in ``table`` the client prefers; the table's first entry when it does not say."""
    offered = list(table)
    ranges = parse_accept(accept)
    if not ranges:
        return offered[0]
    best: tuple | None = None
    for server_rank, candidate in enumerate(offered):
        # The most specific range that matches decides the q-value (RFC 9110, 12.5.1).
        match = None
        for client_rank, (media, q) in enumerate(ranges):
            if use_aliases and ALIASES.get(media) == candidate and media not in table:
                media = candidate
            specificity = _match(media, candidate)
            if specificity and (match is None or specificity > match[1]):
                match = (q, specificity, client_rank)
        if match and match[0] > 0:
            key = (match[0], match[1], -match[2], -server_rank)
            if best is None or key > best[0]:
                best = (key, candidate)
    if best is None:
        raise NotAcceptable(
            f"cannot answer in any of the requested types ({accept}); available: {', '.join(offered)}",
            detail={"available": offered},
        )
    return best[1]


def by_format_name(name: str, table: dict[str, str]) -> str:
    """The media type for a ``?format=`` short name (``trig``, ``turtle``, ...)."""
    for media, short in table.items():
        if short == name.lower():
            return media
    raise BadRequest(
        f"unknown format {name!r}; use one of: {', '.join(table.values())}",
        detail={"available": list(table.values())},
    )
