"""Keeping the entity registry (:mod:`newsgraph.registry`) in a store.

The registry graph is derived data: a function of the stored articles and the curation
decisions recorded in it. A :class:`RegistryKeeper` holds the resolution's input (a
:class:`~newsgraph.registry.Snapshot` of every stored article's entities) in memory,
read from the store on first use, and for each write works out which registry triples
change: only the entities the written or deleted articles can affect are resolved
again (:func:`~newsgraph.registry.closure`). The store puts those changes in the same
update (transaction) as the articles' own triples and calls :meth:`Plan.commit` once it
succeeded, or :meth:`RegistryKeeper.drop` when it failed (the snapshot is read again
from the store by the next write).

A store that other processes write too (a remote SPARQL store) drops the keeper before
every write, so the snapshot is always read afresh from the store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..registry import (
    ALTERNATE,
    DATELINE_DATE,
    MERGE,
    NAME,
    PUBLISHED,
    SPLIT,
    TIMES,
    ArticleEntities,
    Decisions,
    Resolved,
    Snapshot,
    article_entities,
    closure,
    decision_statements,
    registry_graph_iri,
    registry_statements,
    resolve,
)

# The predicates the snapshot is read from, in the article graphs.
READ_PREDICATES = (TIMES, NAME, ALTERNATE, PUBLISHED, DATELINE_DATE)


@dataclass
class Plan:
    """The registry triples one write deletes and inserts (N-Triples statements, no final dot)."""

    delete: list[str]
    insert: list[str]
    _commit: Callable[[], None] | None = field(default=None, repr=False)

    def __bool__(self) -> bool:
        return bool(self.delete or self.insert)

    def commit(self) -> None:
        if self._commit is not None:
            self._commit()

    def sparql(self, graph: str) -> list[str]:
        """The plan as SPARQL Update operations on the registry graph ``graph``."""
        out = []
        if self.delete:
            out.append(f"DELETE DATA {{ GRAPH <{graph}> {{\n" + "".join(f"{s} .\n" for s in self.delete) + "} }")
        if self.insert:
            out.append(f"INSERT DATA {{ GRAPH <{graph}> {{\n" + "".join(f"{s} .\n" for s in self.insert) + "} }")
        return out


class RegistryKeeper:
    """The registry's in-memory input and its last written state, for one store."""

    def __init__(self, base_iri: str) -> None:
        self.base = base_iri if base_iri.endswith(("/", "#")) else base_iri + "/"
        self.graph = registry_graph_iri(self.base)
        self.snapshot: Snapshot | None = None
        self.decisions = Decisions()
        self.member_of: dict[str, str] = {}  # local IRI -> canonical IRI
        self.written: dict[str, frozenset[str]] = {}  # canonical IRI -> its statements in the store
        self.stray: set[str] = set()  # statements in the stored registry no entity accounts for
        self.dirty = False  # the stored registry is not what the stored articles give: repair at the next plan

    @property
    def loaded(self) -> bool:
        return self.snapshot is not None

    def drop(self) -> None:
        self.snapshot = None
        self.member_of, self.written, self.stray = {}, {}, set()

    def load(self, articles: Iterable[ArticleEntities], stored: Iterable[str], decisions: Decisions) -> None:
        """Build the snapshot from the stored articles, with the statements now in the
        registry graph (``stored``) and the curation decisions read from it."""
        self.snapshot = Snapshot(articles)
        self.decisions = decisions
        stored = set(stored)
        self.member_of, self.written = {}, {}
        self.dirty = False
        for entity in resolve(self.snapshot, self.base, decisions):
            expected = registry_statements(entity)
            present = frozenset(s for s in expected if s in stored)
            self.dirty |= len(present) != len(expected)
            self._remember(entity, present)
        kept = set().union(*self.written.values()) if self.written else set()
        self.stray = stored - kept - set(decision_statements(decisions))
        self.dirty |= bool(self.stray)

    def _remember(self, entity: Resolved, statements: frozenset[str]) -> None:
        self.written[entity.iri] = statements
        for member in entity.members:
            self.member_of[member] = entity.iri

    def article(self, graph, graph_iri: str) -> ArticleEntities:
        return article_entities(graph, graph_iri, self.base)

    def plan(self, added: Iterable[ArticleEntities] = (), removed: Iterable[str] = (),
             decisions: Decisions | None = None) -> Plan:
        """The registry change for a write adding (or replacing) ``added`` and deleting the
        graphs ``removed``, or recording new ``decisions``. The snapshot moves on at once:
        :meth:`drop` if the write then fails."""
        assert self.snapshot is not None, "load() first"
        snapshot = self.snapshot
        touched: set[str] = set()
        for graph in removed:
            touched |= snapshot.remove(graph)
        for article in added:
            touched |= snapshot.add(article)
        old_decisions = self.decisions
        if decisions is not None:
            self.decisions = decisions
            for pair in (old_decisions.merges ^ decisions.merges) | (old_decisions.splits ^ decisions.splits):
                touched |= set(pair)
        scope = None if self.dirty else closure(snapshot, touched, self.member_of, decisions=self.decisions)
        if scope is None:
            scope = set(snapshot.entities) | set(self.member_of)
        old = {self.member_of[i] for i in scope if i in self.member_of}
        resolved = resolve(snapshot, self.base, self.decisions, only=scope)
        before: set[str] = set().union(*(self.written.get(c, frozenset()) for c in old)) if old else set()
        before |= self.stray
        after_by: dict[str, frozenset[str]] = {}
        for entity in resolved:
            after_by[entity.iri] = frozenset(registry_statements(entity))
        after = set().union(*after_by.values()) if after_by else set()
        old_curated, new_curated = set(decision_statements(old_decisions)), set(decision_statements(self.decisions))
        delete = sorted((before - after) | (old_curated - new_curated))
        insert = sorted((after - before) | (new_curated - old_curated))

        def commit() -> None:
            for canonical in old:
                self.written.pop(canonical, None)
            for member in scope:
                self.member_of.pop(member, None)
            for entity in resolved:
                self._remember(entity, after_by[entity.iri])
            self.stray = set()
            self.dirty = False

        return Plan(delete, insert, commit)


def decisions_from(rows: Iterable[tuple[str, str, str]]) -> Decisions:
    """Curation decisions from (subject, predicate, object) IRIs of the registry graph."""
    merges, splits = set(), set()
    for s, p, o in rows:
        if p == MERGE:
            merges.add(frozenset((s, o)))
        elif p == SPLIT:
            splits.add(frozenset((s, o)))
    return Decisions(frozenset(merges), frozenset(splits))


def articles_from_rows(rows: Iterable[tuple[str, str, str, str]], base: str, prefix: str) -> list[ArticleEntities]:
    """ArticleEntities from (graph, subject, predicate, object-as-text) rows of the
    :data:`READ_PREDICATES` over the article graphs (those whose IRI starts with ``prefix``)."""
    by_graph: dict[str, list[tuple[str, str, str]]] = {}
    for graph, s, p, o in rows:
        if graph.startswith(prefix):
            by_graph.setdefault(graph, []).append((s, p, o))
    return [article_entities(triples, graph, base) for graph, triples in sorted(by_graph.items())]


__all__ = ["READ_PREDICATES", "Plan", "RegistryKeeper", "articles_from_rows", "decisions_from"]
