"""The entity registry: one node per real-world entity across articles.

Every article graph names its entities by type + normalised name
(``{base}organization/wipo``): the *local* IRIs. The same organisation comes out as
``organization/wipo`` in an article that only writes "WIPO", as
``organization/world-intellectual-property-organization`` in one that spells it out,
and as ``place/wipo`` where the model typed it as a place. The registry groups such
local IRIs into one *resolved* entity and says so in its own named graph,
``{base}registry``::

    <organization/wipo> ng:resolvesTo <organization/world-...> ; owl:sameAs <organization/world-...> .
    <organization/world-...> ng:resolvesTo <organization/world-...> ;
        a schema:Organization ; schema:name "World Intellectual Property Organization" ;
        schema:alternateName "WIPO" ; ng:totalMentions 7 ; ng:articleCount 3 ;
        ng:firstReported "2025-03-01"^^xsd:date ; ng:lastReported "2025-05-02"^^xsd:date .

Article graphs are never rewritten (see docs/entity-registry.md for why); every local
IRI keeps resolving through ``ng:resolvesTo`` (always present, to itself for a
canonical entity) and ``owl:sameAs`` (only between different IRIs).

This module is pure: :func:`article_entities` reads what one article graph says about its
entities, :class:`Snapshot` aggregates those over the stored articles, and
:func:`resolve` turns a snapshot (and curation decisions) into resolved entities. The
stores only persist and read the result (:mod:`newsgraph.store.registry_keeper`).

Resolution rules (the same for any order the articles arrive in: the result is a
function of the set of stored articles and decisions):

* Local IRIs with the same normalised name are one entity whatever type the articles
  gave them (``place/wipo`` = ``organization/wipo``), except that a person never shares
  a name-group with a non-person (the surname "Jordan" is not the country).
* A name group is joined to another entity when its name is *registered* by exactly one
  other group: as an alias an article gave that entity ("World Intellectual Property
  Organization (WIPO)" registers "WIPO"), or, for a person's full name, as its surname
  ("Daren Tang" registers "Tang"). A name registered by two or more groups (two
  organisations abbreviated "WIPO", two people named Tang) is ambiguous: that group
  joins nothing.
* Curation: ``merge`` decisions join two entities whatever the rules say; ``split``
  decisions keep two local IRIs apart (and win over a merge).
* The resolved type is the majority over the articles naming the members (ties: the
  type of the earliest full-name mention, by article date then article id); the name is
  the most reported full name (ties: earliest, then alphabetical); the canonical IRI is
  ``{base}{type}/{slug of that name}``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from .graph import ENTITY_CLASSES, name_slug
from .graph import registry_graph_iri as _registry_graph_iri
from .ontology import NG_IRI, RDF_TYPE, RDFS_IRI, SCHEMA_IRI, XSD_IRI

OWL_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
RESOLVES_TO = NG_IRI + "resolvesTo"
TIMES = NG_IRI + "timesMentioned"
NAME = SCHEMA_IRI + "name"
ALTERNATE = SCHEMA_IRI + "alternateName"
PUBLISHED = SCHEMA_IRI + "datePublished"
DATELINE_DATE = NG_IRI + "datelineDate"
MERGE = NG_IRI + "mergedWith"
SPLIT = NG_IRI + "distinctFrom"
CLASS_OF = {name: str(iri) for name, iri in ENTITY_CLASSES.items()}
TYPE_OF_SEGMENT = {name.lower(): name for name in ENTITY_CLASSES}
_DATE = re.compile(r"\A\d{4}-\d{2}-\d{2}")
# Words an acronym's initials skip ("World Intellectual Property Organization" -> WIPO).
_FILLERS = {"of", "the", "and", "for", "in", "on", "de", "du", "des", "la", "le", "et", "&"}


def registry_graph_iri(base: str) -> str:
    """IRI of the graph holding the registry (outside ``{base}graph/``, like the totals)."""
    return str(_registry_graph_iri(base))


# --- What one article says --------------------------------------------------------------


@dataclass(frozen=True)
class Sighting:
    """One article's view of one local entity IRI."""

    iri: str
    type: str  # Person, Organization, Place, Other (from the IRI)
    slug: str
    names: frozenset[str]
    aliases: frozenset[str]
    mentions: int

    @cached_property
    def keys(self) -> frozenset[str]:
        """:func:`registered_keys`, worked out once."""
        return frozenset(registered_keys(self))


@dataclass(frozen=True)
class ArticleEntities:
    """The entities one article graph counts (``ng:timesMentioned``), with its date."""

    graph: str
    date: str | None  # YYYY-MM-DD: published, else the dateline's date
    sightings: tuple[Sighting, ...]


_WANTED = frozenset({TIMES, NAME, ALTERNATE, PUBLISHED, DATELINE_DATE})
try:  # rdflib IRIs only equal rdflib IRIs: hold both forms
    from rdflib import URIRef as _URIRef

    _WANTED = _WANTED | {_URIRef(p) for p in _WANTED}
except ImportError:  # pragma: no cover
    pass


def _literal_text(term: str) -> str:
    """The lexical form of an N-Triples literal (``"a\\"b"@en`` -> ``a"b``)."""
    end = term.rindex('"')
    body = term[1:end]
    if "\\" not in body:
        return body
    return re.sub(
        r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)",
        lambda m: chr(int(m.group(1)[1:], 16)) if m.group(1)[0] in "uU" else
        {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f"}.get(m.group(1), m.group(1)),
        body,
    )


def _plain_terms(graph) -> Iterable[tuple[str, str, object]]:
    """(subject IRI, predicate IRI, object as str) for the predicates the registry reads.

    Takes an rdflib graph / triple list, or triples already written as N-Triples terms
    (``ntriples_terms()``, as the worker processes send them)."""
    wanted = _WANTED
    terms = getattr(graph, "ntriples_terms", None)
    if terms is not None:
        for s, p, o in terms():
            predicate = p[1:-1]
            if predicate in wanted and s.startswith("<"):
                yield s[1:-1], predicate, _literal_text(o) if o.startswith('"') else o
        return
    for s, p, o in graph:
        if p in wanted:
            yield str(s), str(p), str(o)


def article_entities(graph, graph_iri: str, base: str) -> ArticleEntities:
    """What the article graph ``graph`` says about the entities it counts."""
    base = base if base.endswith(("/", "#")) else base + "/"
    mentions: dict[str, int] = {}
    names: dict[str, set[str]] = {}
    aliases: dict[str, set[str]] = {}
    published = dateline = None
    for subject, predicate, value in _plain_terms(graph):
        if predicate == TIMES:
            mentions[subject] = mentions.get(subject, 0) + int(str(value))
        elif predicate == NAME:
            names.setdefault(subject, set()).add(str(value))
        elif predicate == ALTERNATE:
            aliases.setdefault(subject, set()).add(str(value))
        elif predicate == PUBLISHED and _DATE.match(str(value)):
            published = str(value)[:10]
        elif predicate == DATELINE_DATE and _DATE.match(str(value)):
            dateline = str(value)[:10]
    sightings = []
    for entity, count in sorted(mentions.items()):
        parsed = parse_local(entity, base)
        if parsed is None:
            continue  # not an entity IRI newsgraph minted: left alone
        kind, slug = parsed
        sightings.append(Sighting(entity, kind, slug, frozenset(names.get(entity, ())),
                                  frozenset(aliases.get(entity, ())), count))
    return ArticleEntities(graph_iri, published or dateline, tuple(sightings))


def parse_local(entity: str, base: str) -> tuple[str, str] | None:
    """(type, slug) of an entity IRI ``{base}{type}/{slug}``, or None."""
    if not entity.startswith(base):
        return None
    segment, _, slug = entity[len(base):].partition("/")
    kind = TYPE_OF_SEGMENT.get(segment)
    if kind is None or not slug or "/" in slug:
        return None
    return kind, slug


# --- Keys -------------------------------------------------------------------------------


_slug = lru_cache(maxsize=100_000)(name_slug)  # names recur across articles


def _kind(entity_type: str) -> str:
    return "p" if entity_type == "Person" else "n"


def group_key(sighting: Sighting) -> str:
    """The name-group of a local IRI: same normalised name, persons apart from the rest."""
    return f"{_kind(sighting.type)}:{sighting.slug}"


def is_full(slug: str) -> bool:
    """A name of two words or more (not a bare surname or acronym)."""
    return "-" in slug


def registered_keys(sighting: Sighting) -> set[str]:
    """The names this sighting registers for its entity besides its own: its aliases and,
    for a person's full name, the surname."""
    kind = _kind(sighting.type)
    own = group_key(sighting)
    keys = {f"{kind}:{_slug(alias)}" for alias in sighting.aliases if alias.strip()}
    keys |= {f"{kind}:{_slug(name)}" for name in sighting.names if name.strip()}
    if kind == "p" and is_full(sighting.slug):
        keys.add(f"p:{sighting.slug.rsplit('-', 1)[1]}")
    keys.discard(own)
    return keys


def initials(name: str) -> str:
    """An acronym from a name's initials, filler words skipped (for curation candidates)."""
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in _FILLERS]
    return "".join(w[0] for w in words).upper()


# --- The aggregate over stored articles ---------------------------------------------------


@dataclass
class LocalEntity:
    """A local IRI over every stored article that names it."""

    iri: str
    type: str
    slug: str
    by_graph: dict[str, Sighting] = field(default_factory=dict)
    # Kept in step by put() and pop(): a popular entity is named by thousands of articles.
    mentions: int = 0
    name_counts: Counter = field(default_factory=Counter)
    alias_counts: Counter = field(default_factory=Counter)
    earliest: tuple[str, str] | None = None  # (date, graph) of the earliest article; None: work it out

    @property
    def articles(self) -> int:
        return len(self.by_graph)

    def put(self, graph: str, sighting: Sighting, date: str) -> None:
        self.by_graph[graph] = sighting
        self.mentions += sighting.mentions
        self.name_counts.update(sighting.names)
        self.alias_counts.update(sighting.aliases)
        if (self.earliest is not None and (date, graph) < self.earliest) or (self.earliest is None and len(self.by_graph) == 1):
            self.earliest = (date, graph)

    def pop(self, graph: str) -> None:
        sighting = self.by_graph.pop(graph, None)
        if sighting is None:
            return
        self.mentions -= sighting.mentions
        self.name_counts.subtract(sighting.names)
        self.alias_counts.subtract(sighting.aliases)
        self.name_counts += Counter()  # drop zero counts
        self.alias_counts += Counter()
        if self.earliest is not None and self.earliest[1] == graph:
            self.earliest = None

    def names(self) -> Counter:
        return self.name_counts

    def aliases(self) -> set[str]:
        return set(self.alias_counts)


class Snapshot:
    """The registry's input: every stored article's :class:`ArticleEntities`, indexed.

    :meth:`add` / :meth:`remove` keep the indexes in step; both return the local IRIs
    they touched."""

    def __init__(self, articles: Iterable[ArticleEntities] = ()) -> None:
        self.articles: dict[str, ArticleEntities] = {}
        self.entities: dict[str, LocalEntity] = {}
        self.groups: dict[str, set[str]] = {}  # group key -> local IRIs
        self.registrations: dict[str, Counter] = {}  # key -> Counter(local IRI -> sightings registering it)
        for article in articles:
            self.add(article)

    def add(self, article: ArticleEntities) -> set[str]:
        touched = self.remove(article.graph)
        self.articles[article.graph] = article
        for sighting in article.sightings:
            entity = self.entities.get(sighting.iri)
            if entity is None:
                entity = self.entities[sighting.iri] = LocalEntity(sighting.iri, sighting.type, sighting.slug)
                self.groups.setdefault(group_key(sighting), set()).add(sighting.iri)
            entity.put(article.graph, sighting, article.date or "9999-99-99")
            for key in sighting.keys:
                self.registrations.setdefault(key, Counter())[sighting.iri] += 1
            touched.add(sighting.iri)
        return touched

    def remove(self, graph: str) -> set[str]:
        article = self.articles.pop(graph, None)
        if article is None:
            return set()
        for sighting in article.sightings:
            entity = self.entities[sighting.iri]
            entity.pop(graph)
            for key in sighting.keys:
                counter = self.registrations[key]
                counter[sighting.iri] -= 1
                if counter[sighting.iri] <= 0:
                    del counter[sighting.iri]
                if not counter:
                    del self.registrations[key]
            if not entity.by_graph:
                del self.entities[sighting.iri]
                members = self.groups[group_key(sighting)]
                members.discard(sighting.iri)
                if not members:
                    del self.groups[group_key(sighting)]
        return {s.iri for s in article.sightings}

    def date_of(self, graph: str) -> str:
        article = self.articles.get(graph)
        return (article.date if article and article.date else "9999-99-99")

    def first(self, entity: LocalEntity) -> tuple[str, str]:
        if entity.earliest is None:
            entity.earliest = min((self.date_of(g), g) for g in entity.by_graph)
        return entity.earliest

    def key_of(self, iri: str) -> str:
        entity = self.entities[iri]
        return f"{_kind(entity.type)}:{entity.slug}"

    def keys_around(self, iris: Iterable[str]) -> set[str]:
        """The group keys and registered keys of ``iris`` (those still stored)."""
        keys: set[str] = set()
        for iri in iris:
            entity = self.entities.get(iri)
            if entity is None:
                continue
            keys.add(self.key_of(iri))
            keys |= self.registered_by(iri)
        return keys

    def registered_by(self, iri: str) -> set[str]:
        """The keys the articles register for a local IRI (from the sightings' keys)."""
        entity = self.entities[iri]
        if len(entity.by_graph) <= 8:
            return {key for sighting in entity.by_graph.values() for key in sighting.keys}
        seen: set[frozenset[str]] = set()  # most sightings of a popular entity register the same keys
        keys: set[str] = set()
        for sighting in entity.by_graph.values():
            if sighting.keys not in seen:
                seen.add(sighting.keys)
                keys |= sighting.keys
        return keys

    def iris_with_keys(self, keys: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for key in keys:
            found |= self.groups.get(key, set())
            found |= set(self.registrations.get(key, ()))
        return found


# --- Resolution ------------------------------------------------------------------------


@dataclass(frozen=True)
class Decisions:
    """Curation: pairs of local IRIs to merge, and pairs to keep apart."""

    merges: frozenset[frozenset[str]] = frozenset()
    splits: frozenset[frozenset[str]] = frozenset()


@dataclass(frozen=True)
class Resolved:
    """One resolved entity."""

    iri: str  # canonical
    type: str
    name: str
    aliases: tuple[str, ...]
    members: tuple[str, ...]  # local IRIs, sorted
    mentions: int
    articles: int
    first: str | None  # YYYY-MM-DD of the earliest dated article naming it
    last: str | None


class _Union:
    def __init__(self, items: Iterable[str], forbidden: set[frozenset[str]]) -> None:
        self.parent = {item: item for item in items}
        self.members = {item: {item} for item in self.parent}
        self.forbidden = forbidden

    def find(self, item: str) -> str:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def join(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if self.forbidden and any(frozenset((x, y)) in self.forbidden
                                  for x in self.members[ra] for y in self.members[rb]):
            return False
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra] |= self.members.pop(rb)
        return True


def resolve(snapshot: Snapshot, base: str, decisions: Decisions = Decisions(),
            only: Iterable[str] | None = None) -> list[Resolved]:
    """The resolved entities of ``snapshot`` (those whose members are in ``only``, a set of
    local IRIs closed under the rules (see :func:`closure`), or all of them)."""
    base = base if base.endswith(("/", "#")) else base + "/"
    scope = set(snapshot.entities) if only is None else {i for i in only if i in snapshot.entities}
    union = _Union(sorted(scope), {pair for pair in decisions.splits})
    # 1. Curated merges first (a split still wins: the union refuses a forbidden pair).
    for pair in sorted(tuple(sorted(p)) for p in decisions.merges):
        if all(i in scope for i in pair):
            union.join(*pair)
    # 2. Same normalised name, whatever the type.
    by_key: dict[str, list[str]] = {}
    for iri in sorted(scope):
        by_key.setdefault(snapshot.key_of(iri), []).append(iri)
    for members in by_key.values():
        for other in members[1:]:
            union.join(members[0], other)
    # 3. A name registered by exactly one other group joins that group.
    for key in sorted(by_key):
        registrants = {snapshot.key_of(i) for i in snapshot.registrations.get(key, ())} - {key}
        if len(registrants) != 1:
            continue  # unknown, or ambiguous: never guess between two
        (other,) = registrants
        if other in by_key and not _ambiguous(snapshot, key):
            union.join(by_key[key][0], by_key[other][0])
    components: dict[str, list[str]] = {}
    for iri in scope:
        components.setdefault(union.find(iri), []).append(iri)
    return sorted((_describe(snapshot, base, sorted(m)) for m in components.values()), key=lambda r: r.members)


def _ambiguous(snapshot: Snapshot, key: str) -> bool:
    return len({snapshot.key_of(i) for i in snapshot.registrations.get(key, ())} - {key}) > 1


def closure(snapshot: Snapshot, iris: Iterable[str], current: dict[str, str], limit: int = 20_000,
            decisions: Decisions = Decisions()) -> set[str] | None:
    """The local IRIs whose resolution may change when ``iris`` changed: those sharing a
    name or registered name with them, those a curation decision pairs them with, and the
    members of their current entities (``current``: local IRI -> canonical), to a fixed
    point. None past ``limit`` (resolve everything then)."""
    paired: dict[str, set[str]] = {}
    for pair in decisions.merges | decisions.splits:
        for iri in pair:
            paired.setdefault(iri, set()).update(pair)
    by_canonical: dict[str, set[str]] = {}
    for member, canonical in current.items():
        by_canonical.setdefault(canonical, set()).add(member)
    found = set(iris)
    frontier = set(found)
    while frontier:
        grown = snapshot.iris_with_keys(snapshot.keys_around(frontier))
        for iri in frontier:
            if iri in current:
                grown |= by_canonical.get(current[iri], set())
            grown |= paired.get(iri, set())
        frontier = grown - found
        found |= frontier
        if len(found) > limit:
            return None
    return found


def _describe(snapshot: Snapshot, base: str, members: list[str]) -> Resolved:
    entities = [snapshot.entities[m] for m in members]
    votes: Counter = Counter()
    for entity in entities:
        votes[entity.type] += entity.articles
    full = [e for e in entities if is_full(e.slug)] or entities
    earliest = min(full, key=lambda e: (snapshot.first(e), e.iri))
    top = max(votes.values())
    tied = sorted(t for t, n in votes.items() if n == top)
    kind = tied[0] if len(tied) == 1 else (earliest.type if earliest.type in tied else tied[0])
    # The name: the most reported full name, then the earliest, then alphabetical.
    named: Counter = Counter()
    firsts: dict[str, tuple[str, str]] = {}
    for entity in full:
        for name, count in entity.names().items():
            named[name] += count
            when = snapshot.first(entity)
            firsts[name] = min(firsts.get(name, when), when)
    if named:
        name = min(named, key=lambda n: (-named[n], firsts[n], n))
    else:
        name = full[0].slug
    iri = f"{base}{kind.lower()}/{_slug(name)}"
    labels = set()
    for entity in entities:
        labels |= set(entity.names()) | entity.aliases()
    graphs: Collection[str]
    if len(entities) == 1:
        graphs = entities[0].by_graph.keys()
    else:
        graphs = {g for e in entities for g in e.by_graph}
    dates = [d for d in (snapshot.date_of(g) for g in graphs) if d != "9999-99-99"]
    return Resolved(
        iri=iri, type=kind, name=name, aliases=tuple(sorted(labels - {name})), members=tuple(members),
        mentions=sum(e.mentions for e in entities), articles=len(graphs),
        first=min(dates) if dates else None, last=max(dates) if dates else None,
    )


# --- As triples ---------------------------------------------------------------------------


def _nt_literal(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def registry_statements(entity: Resolved) -> list[str]:
    """The registry triples of one resolved entity, as N-Triples statements (no final dot)."""
    c = f"<{entity.iri}>"
    out = [f"{c} <{RESOLVES_TO}> {c}", f"{c} <{RDF_TYPE}> <{CLASS_OF[entity.type]}>",
           f"{c} <{NAME}> {_nt_literal(entity.name)}", f"{c} <{RDFS_IRI}label> {_nt_literal(entity.name)}",
           f"{c} <{NG_IRI}totalMentions> \"{entity.mentions}\"^^<{XSD_IRI}integer>",
           f"{c} <{NG_IRI}articleCount> \"{entity.articles}\"^^<{XSD_IRI}integer>"]
    out += [f"{c} <{ALTERNATE}> {_nt_literal(alias)}" for alias in entity.aliases]
    if entity.first:
        out.append(f"{c} <{NG_IRI}firstReported> \"{entity.first}\"^^<{XSD_IRI}date>")
        out.append(f"{c} <{NG_IRI}lastReported> \"{entity.last}\"^^<{XSD_IRI}date>")
    for member in entity.members:
        if member != entity.iri:
            out.append(f"<{member}> <{RESOLVES_TO}> {c}")
            out.append(f"<{member}> <{OWL_SAME_AS}> {c}")
    return out


def decision_statements(decisions: Decisions) -> list[str]:
    """Curation decisions as registry triples (``ng:mergedWith`` / ``ng:distinctFrom``)."""
    out = []
    for pair, predicate in [(p, MERGE) for p in decisions.merges] + [(p, SPLIT) for p in decisions.splits]:
        a, b = sorted(pair)
        out.append(f"<{a}> <{predicate}> <{b}>")
    return sorted(out)


def registry_for(graphs: Iterable[tuple[str, object]], base: str, decisions: Decisions = Decisions()) -> list[str]:
    """The whole registry graph (N-Triples statements, no final dot) for the article graphs
    ``graphs`` ((named graph IRI, triples) pairs): what a store keeps for them."""
    snapshot = Snapshot(article_entities(triples, graph, base) for graph, triples in graphs)
    statements = {s for entity in resolve(snapshot, base, decisions) for s in registry_statements(entity)}
    return sorted(statements | set(decision_statements(decisions)))


__all__ = [
    "ArticleEntities",
    "Decisions",
    "Resolved",
    "Sighting",
    "Snapshot",
    "article_entities",
    "closure",
    "decision_statements",
    "initials",
    "registry_for",
    "registry_graph_iri",
    "registry_statements",
    "resolve",
]
