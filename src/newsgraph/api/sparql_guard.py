"""A light SPARQL tokenizer that finds what the endpoint must refuse, without parsing.

Parsing with a full parser before handing the query to the store would cost more
than running most queries, so this only walks tokens, skipping strings, comments
and IRIs, to learn the query form and spot ``SERVICE``, ``LOAD`` and the graphs
named by ``FROM``/``FROM NAMED``/``USING``. The store's own parser still has the
last word on syntax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import BadQuery

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00b7\u00c0-\uffff]+)
  | (?P<pname>(?:[A-Za-z\u00c0-\uffff][\w\-.\u00b7\u00c0-\uffff]*)?:(?:[\w\u00c0-\uffff:%\\-](?:[\w\-.:%\\\u00b7\u00c0-\uffff]*[\w\-:%\\\u00b7\u00c0-\uffff])?)?)
  | (?P<word>[A-Za-z_][\w\-]*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)

QUERY_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
UPDATE_VERBS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
_REFUSED = {
    "SERVICE": "SERVICE (federated queries would make the server fetch other endpoints)",
    "LOAD": "LOAD (it would make the server fetch a URL)",
}


@dataclass
class SparqlShape:
    """What the tokens say about a request."""

    form: str | None = None  # SELECT, ASK, CONSTRUCT, DESCRIBE, or UPDATE
    graphs: list[str] = field(default_factory=list)  # IRIs named by FROM / FROM NAMED / USING
    refused: list[str] = field(default_factory=list)

    @property
    def returns_graph(self) -> bool:
        return self.form in ("CONSTRUCT", "DESCRIBE")


def tokens(text: str) -> list[tuple[str, str]]:
    return [(kind, value) for kind, value, _, _ in spans(text)]


def spans(text: str) -> list[tuple[str, str, int, int]]:
    """``(kind, text, start, end)`` of every token that is not space or a comment."""
    out = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind in ("ws", "comment"):
            continue
        out.append((kind, match.group(), match.start(), match.end()))
    return out


def _dataset_position(toks: list[tuple[str, str, int, int]], text: str) -> tuple[int, list[tuple[int, int]]]:
    """Where a query's dataset clauses go, and the spans of the ones it has."""
    form_at = next((i for i, t in enumerate(toks) if t[0] == "word" and t[1].upper() in QUERY_FORMS), None)
    if form_at is None:
        raise BadQuery("not a SPARQL query: expected SELECT, ASK, CONSTRUCT or DESCRIBE")
    form = toks[form_at][1].upper()
    i = form_at + 1
    if form == "CONSTRUCT" and i < len(toks) and toks[i][1] == "{":
        depth = 0
        while i < len(toks):  # skip the template
            depth += {"{": 1, "}": -1}.get(toks[i][1], 0)
            i += 1
            if depth == 0:
                break
    elif form in ("SELECT", "DESCRIBE"):
        parens = 0
        while i < len(toks):
            kind, value = toks[i][0], toks[i][1]
            parens += {"(": 1, ")": -1}.get(value, 0)
            if parens == 0 and (value == "{" or (kind == "word" and value.upper() in ("FROM", "WHERE"))):
                break
            if form == "DESCRIBE" and parens == 0 and kind == "word" and value.upper() not in ("DISTINCT",):
                break  # a solution modifier (LIMIT, ORDER BY...) right after the targets
            i += 1
    insert_at = toks[i][2] if i < len(toks) else len(text)
    existing = []
    j = i
    while j < len(toks) and toks[j][0] == "word" and toks[j][1].upper() == "FROM":
        k = j + 1
        if k < len(toks) and toks[k][1].upper() == "NAMED":
            k += 1
        if k >= len(toks):
            break
        existing.append((toks[j][2], toks[k][3]))
        j = k + 1
    return insert_at, existing


def with_dataset(text: str, default_graphs: list[str], named_graphs: list[str]) -> str:
    """The query with the protocol's ``default-graph-uri``/``named-graph-uri`` as its dataset.

    They replace any FROM / FROM NAMED the query has (SPARQL 1.1 Protocol, 2.1.4). Done
    by rewriting the text so every store backend honours them the same way.
    """
    if not default_graphs and not named_graphs:
        return text
    insert_at, existing = _dataset_position(spans(text), text)
    clauses = " ".join([f"FROM <{g}>" for g in default_graphs] + [f"FROM NAMED <{g}>" for g in named_graphs])
    out, cursor = [], 0
    for start, end in existing:
        out.append(text[cursor:start])
        cursor = end
    if existing:
        out.append(" " + clauses + " ")
        out.append(text[cursor:])
        return "".join(out)
    return f"{text[:insert_at]} {clauses} {text[insert_at:]}"


def inspect(text: str, toks: list[tuple[str, str]] | None = None) -> SparqlShape:
    """Form, named graphs and refused keywords of a SPARQL query or update."""
    shape = SparqlShape()
    prefixes: dict[str, str] = {}
    toks = tokens(text) if toks is None else toks
    i = 0
    while i < len(toks):
        kind, value = toks[i]
        upper = value.upper() if kind == "word" else ""
        if upper == "PREFIX" and i + 2 < len(toks) and toks[i + 1][0] == "pname" and toks[i + 2][0] == "iri":
            prefixes[toks[i + 1][1][:-1]] = toks[i + 2][1][1:-1]
            i += 3
            continue
        if upper in _REFUSED and _REFUSED[upper] not in shape.refused:
            shape.refused.append(_REFUSED[upper])
        if shape.form is None:
            if upper in QUERY_FORMS:
                shape.form = upper
            elif upper in UPDATE_VERBS:
                shape.form = "UPDATE"
        if upper in ("FROM", "USING"):
            j = i + 1
            if j < len(toks) and toks[j][1].upper() == "NAMED":
                j += 1
            if j < len(toks):
                target_kind, target = toks[j]
                if target_kind == "iri":
                    shape.graphs.append(target[1:-1])
                elif target_kind == "pname":
                    prefix, _, local = target.partition(":")
                    if prefix not in prefixes:
                        raise BadQuery(f"undefined prefix {prefix!r} in {value} {target}")
                    shape.graphs.append(prefixes[prefix] + local)
        i += 1
    return shape


# Deeper nesting than this is refused: the store's recursive parser overflows its stack
# (and kills the whole server) a few thousand levels down, and nested collections
# "((((1))))" take time cubic in the depth (60 levels: 1 s, 300: over a minute, and a
# parse cannot be stopped). Real queries stay far below.
MAX_NESTING = 40


def nesting_depth(text: str, toks: list[tuple[str, str]] | None = None) -> int:
    """The deepest nesting of ``{``, ``(`` and ``[`` outside strings, IRIs and comments."""
    depth = deepest = 0
    for kind, value in tokens(text) if toks is None else toks:
        if kind != "other":
            continue
        if value in "{([":
            depth += 1
            deepest = max(deepest, depth)
        elif value in "})]":
            depth -= 1
    return deepest


_CODEPOINT_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def unescape_codepoints(text: str) -> str:
    """The query as a parser that follows SPARQL 1.1 section 19.2 sees it: ``\\uXXXX`` and
    ``\\UXXXXXXXX`` replaced anywhere, before parsing (rdflib does this; Oxigraph does not)."""

    def replace(match: re.Match) -> str:
        try:
            return chr(int(match.group(1) or match.group(2), 16))
        except ValueError:  # beyond U+10FFFF: left for the parser to reject
            return match.group(0)

    return _CODEPOINT_ESCAPE.sub(replace, text)


def check(text: str, *, update: bool) -> SparqlShape:
    """Refuse what the endpoint never runs; returns the shape for content negotiation."""
    toks = tokens(text)  # once: the guard runs on every query
    depth = nesting_depth(text, toks)
    shape = inspect(text, toks)
    unescaped = unescape_codepoints(text) if "\\u" in text or "\\U" in text else text
    if unescaped != text:
        # Escapes can spell keywords ("\\u0053ERVICE"): a store whose parser expands them
        # would run what the raw text hides, so what either reading shows is refused.
        also = inspect(unescaped)
        shape.refused += [r for r in also.refused if r not in shape.refused]
        shape.graphs += [g for g in also.graphs if g not in shape.graphs]
        depth = max(depth, nesting_depth(unescaped))
    if depth > MAX_NESTING:
        raise BadQuery(
            f"the query nests groups or expressions {depth} levels deep; the limit is {MAX_NESTING}",
            detail={"nesting": depth, "limit": MAX_NESTING},
        )
    if shape.refused:
        raise BadQuery(
            "this endpoint does not run " + " or ".join(shape.refused),
            detail={"refused": shape.refused},
        )
    if update and shape.form not in (None, "UPDATE"):
        raise BadQuery(f"a {shape.form} query was sent as an update; send it as 'query'")
    if not update and shape.form == "UPDATE":
        raise BadQuery("an update was sent as a query; send it as 'update' (POST, with the write token)")
    return shape
