"""newsgraph's one SPARQL lexer: the tokens of a query or update, strings, IRIs and comments
kept whole, so a keyword is only ever found where it is a keyword (not in "FROM the wire",
<http://x/select>, # LOAD, ?from or ex:graph).

Used by the endpoint's guard (:mod:`newsgraph.api.sparql_guard`: what to refuse, the
dataset to rewrite) and by the stores (the query form, whether a query names its own
dataset or a GRAPH). It does not parse: the store's parser has the last word on syntax.
"""

from __future__ import annotations

import re

from .errors import BadQuery

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
_KINDS = {"SELECT": "select", "ASK": "ask", "CONSTRUCT": "graph", "DESCRIBE": "graph"}


def tokens(text: str) -> list[tuple[str, str]]:
    return [(kind, value) for kind, value, _, _ in spans(text)]


def spans(text: str) -> list[tuple[str, str, int, int]]:
    """``(kind, text, start, end)`` of every token that is not space or a comment."""
    out: list[tuple[str, str, int, int]] = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        assert kind is not None  # every alternative of _TOKEN is a named group
        if kind in ("ws", "comment"):
            continue
        out.append((kind, match.group(), match.start(), match.end()))
    return out


def keywords(text: str) -> list[str]:
    """The query's keywords and other bare words, upper-cased, in order."""
    return [value.upper() for kind, value, _, _ in spans(text) if kind == "word"]


def has_keyword(text: str, keyword: str) -> bool:
    """Whether ``keyword`` (upper case) occurs as a keyword, not inside a string, IRI,
    comment, variable or prefixed name."""
    return keyword in keywords(text)


def query_kind(sparql: str) -> str:
    """'select', 'ask' or 'graph' (CONSTRUCT, DESCRIBE) for a read query; raises
    :class:`BadQuery` for an update or text with no query form."""
    for word in keywords(sparql):
        if word in _KINDS:
            return _KINDS[word]
        if word in UPDATE_VERBS:
            raise BadQuery(f"SPARQL updates ({word}) are not accepted here; only SELECT, ASK, CONSTRUCT and DESCRIBE")
    raise BadQuery("not a SPARQL query: expected SELECT, ASK, CONSTRUCT or DESCRIBE")


def has_dataset_clause(sparql: str) -> bool:
    """Whether a query names its own dataset with FROM or FROM NAMED."""
    return has_keyword(sparql, "FROM")


__all__ = [
    "QUERY_FORMS",
    "UPDATE_VERBS",
    "has_dataset_clause",
    "has_keyword",
    "keywords",
    "query_kind",
    "spans",
    "tokens",
]
