"""What the endpoint must refuse, found from the query's tokens without parsing.

Parsing with a full parser before handing the query to the store would cost more
than running most queries, so this only walks the tokens of :mod:`newsgraph.sparql_tokens`
(strings, comments and IRIs skipped) to learn the query form and spot ``SERVICE``,
``LOAD``, the graphs named by ``FROM``/``FROM NAMED``/``USING`` and shapes too big for
the engine. The store's own parser still has the last word on syntax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import BadQuery
from ..sparql_tokens import QUERY_FORMS, UPDATE_VERBS, spans, tokens

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


# Shapes of queries the store's parser or planner cannot take, beyond the nesting above.
# Measured with pyoxigraph 0.5 on an empty store (2 shared cores): 10,000 prefix "!" or a
# 10,000-term "1+1+..." overflow the recursive parser's stack (the process dies); planning
# grows with the cube of the size: a 200-step path sequence 0.8 s, 100 OPTIONALs 1.8 s,
# 500 triple patterns 7 s, 1,000 "||" terms 1.2 s, 2,000 FILTERs 4.7 s. At these limits
# each plans in well under a second, and real queries stay far below them.
LIMITS = {
    "unary_chain": (32, "prefix operators in a row (!, -, +, ^)"),
    "path_steps": (100, "'/' in one property-path sequence or expression"),
    "operators": (500, "operators in one expression or triple pattern"),
    "optionals": (50, "OPTIONAL clauses"),
    "unions": (100, "UNIONs"),
    "filters": (250, "FILTER clauses"),
    "patterns": (200, "triple patterns and groups"),
}
_OPERATOR_CHARS = set("|&=!<>+-*/^")
_PAIRS = {"||", "&&", "!=", "<=", ">=", "^^"}
_CLAUSES = {"OPTIONAL": "optionals", "UNION": "unions", "FILTER": "filters"}


def measure(text: str, toks: list[tuple[str, str, int, int]] | None = None) -> dict[str, int]:
    """The sizes :data:`LIMITS` bounds, read from the tokens (outside strings, IRIs, comments).

    An expression's or a triple pattern's operators are counted from one ``.``, ``;``
    or ``,`` outside parentheses to the next (or to a brace): everything inside one
    ``FILTER(...)``, ``BIND(...)`` or ``(... AS ?x)`` counts together. The data of a
    ``VALUES`` block (signed numbers, typed literals) is no expression and is skipped,
    and ``^^`` before a datatype is no operator."""
    toks = spans(text) if toks is None else toks
    sizes = dict.fromkeys(LIMITS, 0)
    operators = steps = run = parens = braces = 0
    values_block: int | None = None  # brace depth of the VALUES data being skipped
    values_next = False  # VALUES seen, its data block not opened yet
    previous_operator: tuple[str, int] | None = None  # (char, end) of the last operator char
    for index, (kind, value, start, end) in enumerate(toks):
        if kind == "other" and value in "{}":
            if value == "{":
                braces += 1
                if values_next:
                    values_block, values_next = braces, False
            else:
                if values_block == braces:
                    values_block = None
                braces = max(0, braces - 1)
        if values_block is not None and not (kind == "other" and value == "{" and values_block == braces):
            continue  # inside VALUES data (its own "{" still resets the counts below)
        if kind == "word" and value.upper() == "VALUES":
            values_next = True
        if kind == "other" and value in _OPERATOR_CHARS:
            if previous_operator and previous_operator[1] == start and previous_operator[0] + value in _PAIRS:
                previous_operator = None  # the second character of "||", "<=", "!=", "^^"
                continue
            following = toks[index + 1] if index + 1 < len(toks) else None
            if value == "^" and following and following[1] == "^" and following[2] == end:
                previous_operator = ("^", end)  # "^^" of a typed literal: not an operator
                run = 0
                continue
            previous_operator = (value, end)
            operators += 1
            run += 1
            steps += value == "/"
            sizes["operators"] = max(sizes["operators"], operators)
            sizes["path_steps"] = max(sizes["path_steps"], steps)
            sizes["unary_chain"] = max(sizes["unary_chain"], run)
            continue
        previous_operator = None
        run = 0
        if kind == "word" and value.upper() in _CLAUSES:
            sizes[_CLAUSES[value.upper()]] += 1
        if kind != "other":
            continue
        if value == "(":
            parens += 1
        elif value == ")":
            parens = max(0, parens - 1)
        elif value in "{}" or (parens == 0 and value in ".;,"):
            operators = steps = 0
            sizes["patterns"] += value != "}"  # a group, or the end of a triple pattern
            if value in "{}":
                parens = 0
    return sizes


# Updates carry data (INSERT DATA with thousands of triples) and need the write token: only
# the limits that stop a parser crash apply to them.
_UPDATE_LIMITS = ("unary_chain", "operators")


def check_limits(text: str, toks: list[tuple[str, str, int, int]] | None = None, *, update: bool = False) -> None:
    """Refuse, with the limit named, a query whose shape would crash or stall the store."""
    sizes = measure(text, toks)
    for name, (limit, what) in LIMITS.items():
        if update and name not in _UPDATE_LIMITS:
            continue
        if sizes[name] > limit:
            raise BadQuery(
                f"the query has {sizes[name]:,} {what}; the limit is {limit:,}",
                detail={"limit": name, "size": sizes[name], "max": limit},
            )


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
    located = spans(text)  # once: the guard runs on every query
    toks = [(kind, value) for kind, value, _, _ in located]
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
    check_limits(text, located, update=update)
    if unescaped != text:
        check_limits(unescaped, update=update)
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
