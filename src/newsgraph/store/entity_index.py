"""The embedded store's entity ranking, kept in memory: what ``/entities`` reads.

Ranking the totals graph with SPARQL (``ORDER BY DESC(?mentions) ?e``) makes Oxigraph look
an IRI's text up for every comparison: 0.2-0.9 s for 3,000-13,000 entities, however small
the page. The store already works every entity's new totals out in Python under its
write lock (:class:`~.oxigraph.TotalsChange`), so it keeps them here as well, sorted; a
page is a slice. This is a mirror of the totals graph, never a second source of truth:

* a row is an entity (an IRI) with ``ng:totalMentions`` and ``ng:articleCount`` in the
  totals graph, ordered by mentions, most first, then by IRI (what the SPARQL ordered by);
* its name is the least ``schema:name`` the totals graph gives it (what ``MIN`` picked);
* a search (``q``) matches an entity one of whose ``schema:name`` or ``schema:alternateName``
  values in any named graph contains it, any case (the SPARQL's ``FILTER EXISTS``).

The store changes it under its write lock after each write it makes itself (an article
added, replaced or deleted: the totals change it computed, the labels of the graphs
written and dropped) and drops it after writes it cannot follow (a SPARQL Update, Graph
Store writes, ``rebuild_totals``, ``clear``); it is built again, from the store, by the
next read that needs it. The labels, the bigger part, are only built once a search asks
for them.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

NG = "https://w3id.org/newsgraph/ontology#"
TOTAL = NG + "totalMentions"
ARTICLES = NG + "articleCount"
NAME = "https://schema.org/name"
ALTERNATE = "https://schema.org/alternateName"
LABELS = (ox.NamedNode(NAME), ox.NamedNode(ALTERNATE))
READ = (ox.NamedNode(TOTAL), ox.NamedNode(ARTICLES), *LABELS)
# More changes than this in one write: sort everything again rather than move rows one by one.
RESORT_AFTER = 2_000
SEPARATOR = "\x00"  # between an entity's labels in its haystack; no label holds one

Row = tuple[str, int, int, "str | None"]  # entity IRI, mentions, articles, name (None: not in the totals)


def _number(term) -> int | None:
    """A count's value (SPARQL would order a decimal total by value too); None if not a number."""
    if not isinstance(term, ox.Literal):
        return None
    try:
        return int(term.value)
    except ValueError:
        try:
            return int(Decimal(term.value))
        except (InvalidOperation, ValueError, OverflowError):
            return None


def _label(term) -> str | None:
    """``STR(?label)``: a literal's text or an IRI; a blank node has none."""
    return term.value if isinstance(term, (ox.Literal, ox.NamedNode)) else None


def graph_labels(store: ox.Store, graph: ox.NamedNode) -> list[tuple[str, str]]:
    """(entity IRI, label) for every name and alternate name in one named graph."""
    found = []
    for predicate in LABELS:
        for quad in store.quads_for_pattern(None, predicate, None, graph):
            label = _label(quad.object)
            if isinstance(quad.subject, ox.NamedNode) and label is not None:
                found.append((quad.subject.value, label))
    return found


class EntityIndex:
    """The totals graph ranked, plus every entity's labels; see the module's docstring.

    Writers call :meth:`apply` / :meth:`drop` holding the store's write lock, and so does
    :meth:`ensure`, which builds what is missing; :meth:`page` needs no lock but its own."""

    def __init__(self, totals: str):
        self.totals = totals
        self.lock = threading.Lock()  # guards everything below; held briefly
        self.ranked = False  # counts, order, names and own_labels mirror the totals graph
        self.counts: dict[str, tuple[int, int]] = {}
        self.order: list[tuple[int, str]] = []  # (-mentions, IRI), sorted
        self.names: dict[str, str] = {}
        self.own_labels: dict[str, tuple[str, ...]] = {}  # lower-cased labels in the totals graph
        # entity -> label -> [name/alternate-name quads holding it in other named graphs, label lower-cased]
        self.labels: dict[str, dict[str, list]] | None = None
        # With the labels: entity -> all its lower-cased labels joined by SEPARATOR, one string to search.
        self.haystacks: dict[str, str] = {}

    # --- building (under the store's write lock) ------------------------------------------
    def ensure(self, store: ox.Store, search: bool) -> None:
        """Build what is missing from the store. Call it holding the store's write lock."""
        with self.lock:
            ranked, labelled = self.ranked, self.labels is not None
        if not ranked:
            counts, names, own = self._read_totals(store)
            with self.lock:
                self.counts = counts
                self.order = sorted((-mentions, entity) for entity, (mentions, _) in counts.items())
                self.names, self.own_labels, self.ranked = names, own, True
        if search and not labelled:
            labels = self._read_labels(store)
            with self.lock:
                self.labels = labels
                self.haystacks = {}
                self._restack(set(labels) | set(self.own_labels))

    def _read_totals(self, store: ox.Store, entities: Iterable[str] | None = None):
        """(counts, names, own labels) from the totals graph, for ``entities`` or all of them."""
        graph = ox.NamedNode(self.totals)
        if entities is None:  # what is read, not every quad: the types and rdfs:labels are two in five
            quads: Iterable[ox.Quad] = (
                q for p in READ for q in store.quads_for_pattern(None, p, None, graph)
            )
        else:
            quads = (q for e in entities for q in store.quads_for_pattern(ox.NamedNode(e), None, None, graph))
        mentions: dict[str, int] = {}
        articles: dict[str, int] = {}
        names: dict[str, str] = {}
        own: dict[str, set[str]] = {}
        for quad in quads:
            if not isinstance(quad.subject, ox.NamedNode):
                continue  # not an entity (only a hand-written totals graph holds one)
            entity, predicate = quad.subject.value, quad.predicate.value
            if predicate in (TOTAL, ARTICLES):
                value = _number(quad.object)
                if value is not None:
                    (mentions if predicate == TOTAL else articles).setdefault(entity, value)
            elif predicate in (NAME, ALTERNATE):
                label = _label(quad.object)
                if label is None:
                    continue
                own.setdefault(entity, set()).add(label.lower())
                if predicate == NAME and (entity not in names or label < names[entity]):
                    names[entity] = label
        counts = {entity: (value, articles[entity]) for entity, value in mentions.items() if entity in articles}
        return counts, names, {entity: tuple(sorted(labels)) for entity, labels in own.items()}

    def _read_labels(self, store: ox.Store) -> dict[str, dict[str, list]]:
        labels: dict[str, dict[str, list]] = {}
        for predicate in LABELS:
            for quad in store.quads_for_pattern(None, predicate, None, None):
                graph = quad.graph_name
                if not isinstance(graph, ox.NamedNode) or graph.value == self.totals:
                    continue  # GRAPH ?g never sees the default graph; the totals' own come from _read_totals
                label = _label(quad.object)
                if isinstance(quad.subject, ox.NamedNode) and label is not None:
                    _count(labels, quad.subject.value, label, 1)
        return labels

    # --- changes (under the store's write lock) -------------------------------------------
    def drop(self) -> None:
        """Forget everything: the next read builds it again from the store."""
        with self.lock:
            self.ranked, self.labels, self.haystacks = False, None, {}
            self.counts, self.order, self.names, self.own_labels = {}, [], {}, {}

    def wants_labels(self) -> bool:
        """Whether writers should report the labels of the graphs they write and drop."""
        with self.lock:
            return self.labels is not None

    def apply(
        self,
        store: ox.Store,
        after: dict[str, tuple[int, int] | None],
        added: Iterable[tuple[str, str]] = (),
        removed: Iterable[tuple[str, str]] = (),
    ) -> None:
        """Follow one committed write: ``after`` maps each entity whose totals it changed to
        its new (mentions, articles), None when it left the totals; ``added`` and ``removed``
        are the (entity, label) pairs of the article graphs written and dropped."""
        with self.lock:
            ranked, labelled = self.ranked, self.labels is not None
            # Names only change for entities new to the totals (or still without one).
            fresh = [e for e, counts in after.items() if counts is not None and (e not in self.counts or e not in self.names)]
        if ranked and fresh:
            _, names, own = self._read_totals(store, fresh)
        with self.lock:
            if ranked and self.ranked:
                moves = len(after) > RESORT_AFTER
                for entity, counts in after.items():
                    before = self.counts.get(entity)
                    if before is not None and not moves:
                        self._remove((-before[0], entity))
                    if counts is None:
                        self.counts.pop(entity, None)
                        self.names.pop(entity, None)
                        self.own_labels.pop(entity, None)
                        continue
                    self.counts[entity] = counts
                    if not moves:
                        self._insert((-counts[0], entity))
                for entity in fresh:
                    for table, found in ((self.names, names), (self.own_labels, own)):
                        if entity in found:
                            table[entity] = found[entity]
                        else:
                            table.pop(entity, None)
                if moves:
                    self.order = sorted((-mentions, entity) for entity, (mentions, _) in self.counts.items())
            if labelled and self.labels is not None:
                touched = set(fresh) | {entity for entity, counts in after.items() if counts is None}
                for entity, label in removed:
                    _count(self.labels, entity, label, -1)
                    touched.add(entity)
                for entity, label in added:
                    _count(self.labels, entity, label, 1)
                    touched.add(entity)
                self._restack(touched)

    def _restack(self, entities: Iterable[str]) -> None:
        """Write the haystacks of ``entities`` afresh from their labels (under self.lock)."""
        labels, own = self.labels or {}, self.own_labels
        for entity in entities:
            found = set(own.get(entity, ()))
            found.update(lowered for _, lowered in labels.get(entity, {}).values())
            if found:
                self.haystacks[entity] = SEPARATOR.join(sorted(found))
            else:
                self.haystacks.pop(entity, None)

    def _remove(self, key: tuple[int, str]) -> None:
        from bisect import bisect_left

        index = bisect_left(self.order, key)
        if index < len(self.order) and self.order[index] == key:
            del self.order[index]

    def _insert(self, key: tuple[int, str]) -> None:
        from bisect import insort

        insort(self.order, key)

    # --- reading ----------------------------------------------------------------------------
    def page(self, prefix: str | None, contains: str | None, limit: int, offset: int) -> tuple[list[Row], int] | None:
        """Entities (most mentioned first, then by IRI) whose IRI starts with ``prefix`` and
        one of whose labels contains ``contains`` (lower case), ``offset`` to ``offset + limit``;
        and how many there are in all. None when what it needs is not built (see :meth:`ensure`)."""
        with self.lock:
            if not self.ranked or (contains is not None and self.labels is None):
                return None
            order, counts, names = self.order, self.counts, self.names
            if not prefix and not contains:
                chosen = [entity for _, entity in order[offset : offset + limit]]
                total = len(order)
            elif contains is not None and SEPARATOR not in contains:
                # Search the haystacks (one `in` per entity), then rank what matched.
                found = [entity for entity, haystack in self.haystacks.items()
                         if contains in haystack and entity in counts and (not prefix or entity.startswith(prefix))]
                found.sort(key=lambda entity: (-counts[entity][0], entity))
                chosen, total = found[offset : offset + limit], len(found)
            else:
                labels, own = self.labels or {}, self.own_labels
                chosen, total, end = [], 0, offset + limit
                for _, entity in order:
                    if prefix and not entity.startswith(prefix):
                        continue
                    if contains is not None and not (
                        any(contains in label for label in own.get(entity, ()))
                        or any(contains in lowered for _, lowered in labels.get(entity, {}).values())
                    ):
                        continue
                    if offset <= total < end:
                        chosen.append(entity)
                    total += 1
            return [(entity, *counts[entity], names.get(entity)) for entity in chosen], total


def _count(labels: dict[str, dict[str, list]], entity: str, label: str, change: int) -> None:
    held = labels.get(entity)
    if held is None:
        if change <= 0:
            return
        held = labels[entity] = {}
    entry = held.get(label)
    if entry is None:
        if change <= 0:
            return
        entry = held[label] = [0, label.lower()]
    entry[0] += change
    if entry[0] <= 0:
        del held[label]
        if not held:
            del labels[entity]
