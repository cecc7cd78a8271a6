"""Curation of the entity registry: merge and split decisions, and likely duplicates.

A decision is a triple in the registry graph (``ng:mergedWith`` / ``ng:distinctFrom``
between two entity IRIs, see :mod:`newsgraph.registry`), written by the store in the same
update as the registry change it causes, so it survives re-ingest and goes with the
exports. The CLI (``newsgraph entities merge|split|candidates``) and the API
(``POST /entities/{id}/merge``, ``/split``) are thin shells over :func:`decide` and
:func:`candidates`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import BadQuery, NotFound
from .registry import RESOLVES_TO, Decisions, initials, registry_graph_iri

_ID = re.compile(r"\A(person|organization|place|other)/[^/<>\"{}|\\^`\x00-\x20]+\Z")


def entity_iri_of(value: str, base: str) -> str:
    """An entity IRI from an IRI or an id such as ``organization/wipo``."""
    base = base if base.endswith(("/", "#")) else base + "/"
    if value.startswith(base) and _ID.match(value[len(base):]):
        return value
    if _ID.match(value):
        return base + value
    raise BadQuery(f"{value!r} is not an entity: give an id such as 'organization/wipo' or its IRI under {base}")


def changed(decisions: Decisions, kind: str, a: str, b: str) -> Decisions:
    """``decisions`` with ``a`` and ``b`` merged (``kind`` 'merge') or kept apart ('split');
    the opposite decision on the same pair, if any, is withdrawn."""
    if a == b:
        raise BadQuery("an entity cannot be merged with or split from itself")
    pair = frozenset((a, b))
    if kind == "merge":
        return Decisions(decisions.merges | {pair}, decisions.splits - {pair})
    if kind == "split":
        return Decisions(decisions.merges - {pair}, decisions.splits | {pair})
    raise BadQuery(f"unknown decision {kind!r}: use merge or split")


def known(store, iris: list[str]) -> None:
    """Raise :class:`NotFound` unless the registry knows every IRI."""
    values = " ".join(f"<{i}>" for i in iris)
    rows = store.select(
        f"SELECT DISTINCT ?x WHERE {{ VALUES ?x {{ {values} }} "
        f"GRAPH <{registry_graph_iri(store.base_iri)}> {{ ?x <{RESOLVES_TO}> ?e }} }}"
    )
    missing = set(iris) - {row["x"] for row in rows if "x" in row}
    if missing:
        raise NotFound(f"no entity {', '.join(sorted(missing))} in the store")


def decide(store, kind: str, a: str, b: str) -> dict:
    """Record a merge or split of two entities (ids or IRIs) in the store's registry;
    returns what each now resolves to."""
    first, second = entity_iri_of(a, store.base_iri), entity_iri_of(b, store.base_iri)
    known(store, [first, second])
    first, second = _local(store, first), _local(store, second)
    store.curate(lambda decisions: changed(decisions, kind, first, second))
    rows = store.select(
        f"SELECT ?x ?e WHERE {{ VALUES ?x {{ <{first}> <{second}> }} "
        f"GRAPH <{registry_graph_iri(store.base_iri)}> {{ ?x <{RESOLVES_TO}> ?e }} }}"
    )
    return {"decision": kind, "entities": [first, second],
            "resolves_to": {row["x"]: row["e"] for row in rows if "x" in row}}


def _local(store, iri: str) -> str:
    """An IRI some article uses for the entity ``iri`` names: itself when articles use it,
    else (a resolved IRI no article wrote) the first IRI resolving to it. Decisions are
    between the IRIs articles use, so they hold whatever the resolved IRI becomes."""
    if store.select(f"ASK {{ GRAPH ?g {{ <{iri}> <https://w3id.org/newsgraph/ontology#timesMentioned> ?c }} }}"):
        return iri
    rows = store.select(
        f"SELECT ?x WHERE {{ GRAPH <{registry_graph_iri(store.base_iri)}> {{ ?x <{RESOLVES_TO}> <{iri}> }} "
        f"FILTER(?x != <{iri}>) }} ORDER BY ?x LIMIT 1"
    )
    return rows[0]["x"] if rows and "x" in rows[0] else iri


# --- Candidates ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    a: str
    b: str
    reason: str  # same-surname-shared-organisation | acronym-matches-initials | name-contains-name
    evidence: str


def find_candidates(entities: list[tuple[str, str, str]], employers: dict[str, set[str]]) -> list[Candidate]:
    """Likely duplicates among resolved entities ((IRI, type, name)), for a person to decide:
    people with the same surname and a shared organisation (``employers``: person IRI ->
    organisation IRIs), an organisation's acronym matching another's initials, one name
    containing the other (whole words). Pure."""
    found: dict[tuple[str, str], Candidate] = {}

    def add(x, y, reason, evidence):
        key = tuple(sorted((x, y)))
        found.setdefault(key, Candidate(key[0], key[1], reason, evidence))

    by_type: dict[str, list[tuple[str, str]]] = {}
    for iri, kind, name in entities:
        by_type.setdefault(kind, []).append((iri, name))
    people = by_type.get("Person", [])
    by_surname: dict[str, list[tuple[str, str]]] = {}
    for iri, name in people:
        by_surname.setdefault(name.split()[-1].lower(), []).append((iri, name))
    for same in by_surname.values():
        for i, (x, nx) in enumerate(same):
            for y, ny in same[i + 1:]:
                shared = employers.get(x, set()) & employers.get(y, set())
                if shared:
                    add(x, y, "same-surname-shared-organisation",
                        f"{nx!r} and {ny!r} both work for {', '.join(sorted(shared))}")
    for kind in ("Organization", "Other", "Place"):
        group = by_type.get(kind, [])
        acronyms = {name: iri for iri, name in group if name.isupper() and 2 <= len(name) <= 8 and " " not in name}
        for iri, name in group:
            short = initials(name)
            if " " in name and short in acronyms and acronyms[short] != iri:
                add(acronyms[short], iri, "acronym-matches-initials", f"{short!r} are the initials of {name!r}")
    for group in by_type.values():
        words = [(iri, name, f" {name.lower()} ") for iri, name in group if name.strip()]
        for x, nx, wx in words:
            for y, ny, wy in words:
                if x != y and len(nx) < len(ny) and wx in wy:
                    add(x, y, "name-contains-name", f"{ny!r} contains {nx!r}")
    return sorted(found.values(), key=lambda c: (c.reason, c.a, c.b))


def candidates(store, limit: int = 100) -> list[Candidate]:
    """Likely duplicates among the store's resolved entities (see :func:`find_candidates`)."""
    registry = registry_graph_iri(store.base_iri)
    rows = store.select(
        f"SELECT ?e ?type ?name WHERE {{ GRAPH <{registry}> {{ ?e <{RESOLVES_TO}> ?e ; a ?type ; "
        f"<https://schema.org/name> ?name }} }}"
    )
    kinds = {"https://schema.org/Person": "Person", "https://schema.org/Organization": "Organization",
             "https://schema.org/Place": "Place", "https://w3id.org/newsgraph/ontology#Other": "Other"}
    entities = [(r["e"], kinds.get(r["type"], "Other"), r["name"]) for r in rows if "e" in r]
    works = store.select(
        f"SELECT DISTINCT ?p ?o WHERE {{ GRAPH ?g {{ ?x <https://schema.org/worksFor> ?y }} "
        f"GRAPH <{registry}> {{ ?x <{RESOLVES_TO}> ?p . ?y <{RESOLVES_TO}> ?o }} }}"
    )
    employers: dict[str, set[str]] = {}
    for row in works:
        if "p" in row:
            employers.setdefault(row["p"], set()).add(row["o"])
    return find_candidates(entities, employers)[:limit]


__all__ = ["Candidate", "candidates", "changed", "decide", "entity_iri_of", "find_candidates"]
