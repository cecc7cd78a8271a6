"""``to_graph()``: an :class:`~newsgraph.schema.Extraction` becomes RDF.

Each article's triples go in their own named graph, so one article can be replaced
or deleted without touching the others. The mapping is pure: no I/O, no store.

IRIs (``{base}`` is ``Settings.base_iri``)::

    {base}graph/{article id}                 the article's named graph
    {base}article/{article id}               the article
    {base}article/{article id}/role/3        facts, numbered from 1 within the article
    {base}article/{article id}/sentence/0    evidence sentences, by sentence index
    {base}person/daren-tang                  entities: type + normalised name

Entity IRIs do not depend on the article, so the same person named in two
articles is one node. Every graph repeats the type and name triples of the
entities it uses: deleting one article's graph never strands a node another
article still needs, and each graph validates against the SHACL shapes alone.

Besides the n-ary fact nodes (with their evidence) each graph carries plain
"shortcut" triples (``schema:worksFor``, ``schema:jobTitle``, ``ng:partOf``,
``schema:containedInPlace``...) for users who do not want the n-ary model, and how
often the article names each entity as one triple on the entity inside the
article's graph (``GRAPH ?g { ?entity ng:timesMentioned ?n }``). The stores keep
running totals of those counts in one more graph, ``{base}totals`` (see
:mod:`newsgraph.store.base`), so "most mentioned" never scans every article.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from decimal import Decimal
from functools import lru_cache
from typing import Any, Protocol, runtime_checkable

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from . import ontology
from .dates import parse_date
from .errors import InvalidArticle, InvalidSetting
from .ontology import PREFIXES
from .schema import Entity, Evidence, Extraction
from .settings import declared_defaults


class _Terms:
    """A namespace's terms by attribute, each IRI made once: rdflib's DefinedNamespace
    checks the name and builds a new URIRef on every access, about 1 ms per article here."""

    def __init__(self, namespace) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("_"):  # not a term: a probe such as copy's or pytest's
            raise AttributeError(name)
        term = getattr(self._namespace, name)
        setattr(self, name, term)
        return term


NG, PROV, RDF, RDFS, SDO, XSD = (
    _Terms(namespace)
    for namespace in (ontology.NG, ontology.PROV, ontology.RDF, ontology.RDFS, ontology.SDO, ontology.XSD)
)

ENTITY_CLASSES: dict[str, URIRef] = {
    "Person": SDO.Person,
    "Organization": SDO.Organization,
    "Place": SDO.Place,
    "Other": NG.Other,
}

#: Relation predicates the extractor emits -> the ng: property of the shortcut triple.
RELATION_PROPERTIES: dict[str, URIRef] = {
    "partOf": NG.partOf,
    "locatedIn": NG.locatedIn,
    "basedIn": NG.basedIn,
    "livesIn": NG.livesIn,
    "bornIn": NG.bornIn,
    "killed": NG.killed,
    "memberOf": SDO.memberOf,
    "worksFor": SDO.worksFor,
}

#: Extra schema.org triples for a relation when the subject and object types fit
#: schema.org's own property, so schema.org-only tools see it too.
SCHEMA_EQUIVALENTS: dict[tuple[str, str, str], URIRef] = {
    ("partOf", "Organization", "Organization"): SDO.parentOrganization,
    ("partOf", "Place", "Place"): SDO.containedInPlace,
    ("locatedIn", "Place", "Place"): SDO.containedInPlace,
    ("locatedIn", "Organization", "Place"): SDO.location,
    ("basedIn", "Organization", "Place"): SDO.location,
    ("livesIn", "Person", "Place"): SDO.homeLocation,
    ("bornIn", "Person", "Place"): SDO.birthPlace,
}

_ARTICLE_ID = re.compile(r"\A[A-Za-z0-9._~-]{1,128}\Z")
_CURRENCY = re.compile(r"\A[A-Z]{3}\Z")  # ISO 4217 codes are three capital letters
_LEADING_THE = re.compile(r"\Athe\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['\u2019]s?\Z")
_NON_WORD = re.compile(r"[\W_]+")
_MAX_SLUG = 100


# --- IRIs ------------------------------------------------------------------------

DEFAULT_BASE_IRI: str = declared_defaults().base_iri


def _base(base_iri: str | None) -> str:
    if base_iri is None:
        base_iri = DEFAULT_BASE_IRI  # the core reads no environment: callers pass settings.base_iri
    base = base_iri
    if not re.match(r"\A[A-Za-z][A-Za-z0-9+.-]*://[^\s<>\"{}|\\^`]+\Z", base):
        raise InvalidSetting(f"the base IRI {base!r} is not an absolute IRI such as https://example.org/id/")
    return base if base.endswith(("/", "#")) else base + "/"


def _check_article_id(article_id: str) -> str:
    if not _ARTICLE_ID.match(article_id or ""):
        raise InvalidArticle(
            f"article id {article_id!r} cannot be used in an IRI: use 1-128 letters, digits, '.', '_', '~' or '-'"
        )
    return article_id


def article_iri(article_id: str, base_iri: str | None = None) -> URIRef:
    """IRI of the article node."""
    return URIRef(f"{_base(base_iri)}article/{_check_article_id(article_id)}")


def article_graph_iri(article_id: str, base_iri: str | None = None) -> URIRef:
    """IRI of the named graph holding the article's triples."""
    return URIRef(f"{_base(base_iri)}graph/{_check_article_id(article_id)}")


def totals_graph_iri(base_iri: str | None = None) -> URIRef:
    """IRI of the graph where the stores keep each entity's mention totals over all articles.

    Outside ``{base}graph/`` so it is never taken for an article.
    """
    return URIRef(f"{_base(base_iri)}totals")


def registry_graph_iri(base_iri: str | None = None) -> URIRef:
    """IRI of the graph holding the entity registry (newsgraph.registry); like the totals,
    outside ``{base}graph/``."""
    return URIRef(f"{_base(base_iri)}registry")


def union_graph_iri(base_iri: str | None = None) -> URIRef:
    """IRI of the graph a remote Virtuoso store keeps as the set union of the article graphs
    (its own default graph is a bag); outside ``{base}graph/``."""
    return URIRef(f"{_base(base_iri)}union")


def name_slug(name: str) -> str:
    """Normalised form of a name for IRIs: "the WIPO's" -> "wipo", "José Ruiz" -> "jose-ruiz".

    Accents on Latin letters are dropped; other scripts are kept as they are (IRIs
    allow them). Names with no letters or digits get a hash, very long ones a
    shortened form plus a hash, so the slug stays unique and deterministic.
    """
    text = unicodedata.normalize("NFKC", name).strip()
    text = _POSSESSIVE.sub("", _LEADING_THE.sub("", text))
    decomposed = unicodedata.normalize("NFKD", text)
    kept: list[str] = []
    for char in decomposed:
        # Drop a combining mark only after an ASCII letter: in other scripts the
        # marks are vowels and dropping them would merge different names.
        if unicodedata.category(char) == "Mn" and kept and kept[-1].isascii():
            continue
        kept.append(char)
    text = unicodedata.normalize("NFC", "".join(kept)).casefold()
    slug = _NON_WORD.sub("-", text).strip("-")
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]
    if not slug:
        return f"h{digest}"
    if len(slug) > _MAX_SLUG:
        return f"{slug[: _MAX_SLUG - 11].rstrip('-')}-{digest}"
    return slug


def entity_iri(type: str, name: str, base_iri: str | None = None) -> URIRef:
    """Deterministic IRI of an entity: ``{base}person/daren-tang``."""
    if type not in ENTITY_CLASSES:
        raise InvalidArticle(f"unknown entity type {type!r}; expected one of {', '.join(ENTITY_CLASSES)}")
    return _entity_iri(_base(base_iri), type, name)


@lru_cache(maxsize=20_000)  # names recur across articles, and a slug costs ~40 µs
def _entity_iri(base: str, type: str, name: str) -> URIRef:
    return URIRef(f"{base}{type.lower()}/{name_slug(name)}")


# --- Literals --------------------------------------------------------------------

# rdflib spends 5-7 µs making a Literal; an article needs a few hundred, and most of
# them (offsets, counts, names, units, verbs) repeat across and within articles.
# typed=True keeps 1, True and "1" apart.
_literal = lru_cache(maxsize=50_000, typed=True)(Literal)


def _decimal(value: float, what: str) -> Literal:
    if not math.isfinite(value):
        raise InvalidArticle(f"{what} is {value}, which is not a number RDF can store")
    # repr() gives the shortest text that round-trips; 'f' avoids the exponent
    # notation xsd:decimal does not allow.
    return _decimal_literal(format(Decimal(repr(float(value))), "f"))


@lru_cache(maxsize=10_000)
def _decimal_literal(text: str) -> Literal:
    return Literal(text, datatype=XSD.decimal)


def _date_literal(value: str, what: str) -> Literal:
    parsed = parse_date(value, what)
    if isinstance(parsed, dt.datetime):
        return Literal(parsed.isoformat(), datatype=XSD.dateTime)
    return Literal(parsed.isoformat(), datatype=XSD.date)


# --- The mapping -------------------------------------------------------------------


class _Mapper:
    def __init__(self, extraction: Extraction, base: str, extractor_version: str):
        self.x = extraction
        self.base = base
        self.version = extractor_version
        self.article_id = _check_article_id(extraction.article.id)
        self.article = article_iri(self.article_id, base)
        self.identifier = article_graph_iri(self.article_id, base)
        self.triples: dict[tuple, None] = {}  # a set that keeps the mapping's order
        self.entities: dict[str, Entity] = {}
        self.iris: dict[str, URIRef] = {}
        self.described: set[URIRef] = set()
        self.sentences: set[int] = set()

    def add(self, s, p, o) -> None:
        self.triples[(s, p, o)] = None

    def node(self, kind: str, number: int) -> URIRef:
        return URIRef(f"{self.article}/{kind}/{number}")

    # Entities ---------------------------------------------------------------------

    def entity(self, entity_id: str | None, what: str) -> URIRef:
        if entity_id not in self.iris:
            raise InvalidArticle(f"{what} refers to entity {entity_id!r}, which the extraction does not list")
        return self.iris[entity_id]

    def describe(self, iri: URIRef, type: str, name: str, aliases: Sequence[str] = ()) -> None:
        self.add(iri, RDF.type, ENTITY_CLASSES[type])
        self.add(iri, SDO.name, _literal(name))
        self.add(iri, RDFS.label, _literal(name))
        for alias in aliases:
            if alias != name:
                self.add(iri, SDO.alternateName, _literal(alias))
        self.described.add(iri)

    def map_entities(self) -> None:
        counts: Counter[URIRef] = Counter()
        mention_number = 0
        for entity in self.x.entities:
            if entity.id in self.iris:
                raise InvalidArticle(f"entity id {entity.id!r} is used twice in the extraction")
            if not entity.name.strip():
                raise InvalidArticle(f"entity {entity.id!r} has an empty name")
            iri = entity_iri(entity.type, entity.name, self.base)
            self.iris[entity.id] = iri
            self.entities[entity.id] = entity
            self.describe(iri, entity.type, entity.name, entity.aliases)
            self.add(self.article, SDO.mentions, iri)
            for mention in entity.mentions:
                mention_number += 1
                node = self.node("mention", mention_number)
                self.add(node, RDF.type, NG.Mention)
                self.add(node, NG.refersTo, iri)
                self.add(node, NG.surfaceText, _literal(mention.text))
                self.add(node, NG.charStart, _literal(mention.start))
                self.add(node, NG.charEnd, _literal(mention.end))
                self.add(node, PROV.wasDerivedFrom, self.article)
            # Two entities of one article can share an IRI (same type and name
            # after normalisation): their mentions add up on one count.
            counts[iri] += len(entity.mentions)
        for iri, count in counts.items():
            # Scoped by this named graph; the stores add it into the entity's totals.
            self.add(iri, NG.timesMentioned, _literal(count))

    # Article ------------------------------------------------------------------------

    def map_article(self) -> None:
        a = self.x.article
        node = self.article
        self.add(node, RDF.type, NG.Article)
        self.add(node, RDF.type, SDO.NewsArticle)
        self.add(node, SDO.identifier, _literal(a.id))
        self.add(node, SDO.inLanguage, _literal(a.language))
        self.add(node, NG.extractorVersion, _literal(self.version))
        if a.title:
            self.add(node, SDO.headline, _literal(a.title))
        if a.url:
            self.add(node, SDO.url, Literal(a.url, datatype=XSD.anyURI))
        if a.published:
            self.add(node, SDO.datePublished, _date_literal(a.published, "the published date"))
        if a.source:
            self.add(node, NG.source, _literal(a.source))
        dateline = a.dateline
        if dateline is None:
            return
        if dateline.agency and dateline.agency.strip():
            agency = entity_iri("Organization", dateline.agency, self.base)
            self.describe(agency, "Organization", dateline.agency)
            self.add(node, SDO.publisher, agency)
        if dateline.place and dateline.place.strip():
            place = entity_iri("Place", dateline.place, self.base)
            self.describe(place, "Place", dateline.place)
            self.add(node, NG.datelinePlace, place)
        if dateline.date:
            self.add(node, NG.datelineDate, _date_literal(dateline.date, "the dateline date"))

    # Facts ----------------------------------------------------------------------------

    def fact(self, kind: str, number: int, type: URIRef, evidence: Evidence, confidence: float) -> URIRef:
        node = self.node(kind, number)
        self.add(node, RDF.type, type)
        self.add(node, NG.confidence, _decimal(round(confidence, 4), f"the confidence of {kind} {number}"))
        self.add(node, PROV.wasDerivedFrom, self.article)
        self.add(node, NG.evidence, self.sentence(evidence))
        return node

    def sentence(self, evidence: Evidence) -> URIRef:
        node = self.node("sentence", evidence.sentence)
        if evidence.sentence not in self.sentences:
            self.sentences.add(evidence.sentence)
            self.add(node, RDF.type, NG.Sentence)
            self.add(node, NG.sentenceIndex, _literal(evidence.sentence))
            self.add(node, NG.sentenceText, _literal(evidence.text))
            self.add(node, NG.charStart, _literal(evidence.start))
            self.add(node, NG.charEnd, _literal(evidence.end))
            self.add(node, PROV.wasDerivedFrom, self.article)
        return node

    def map_roles(self) -> None:
        for number, role in enumerate(self.x.roles, start=1):
            what = f"role {number}"
            person = self.entity(role.person, what)
            node = self.fact("role", number, NG.Role, role.evidence, role.confidence)
            self.add(node, NG.holder, person)
            self.add(node, SDO.roleName, _literal(role.role))
            self.add(person, SDO.jobTitle, _literal(role.role))
            if role.organization is not None:
                organization = self.entity(role.organization, what)
                self.add(node, NG.organization, organization)
                self.add(person, SDO.worksFor, organization)
            if role.jurisdiction is not None:
                place = self.entity(role.jurisdiction, what)
                if self.entities[role.jurisdiction].type != "Place":
                    raise InvalidArticle(f"{what}'s jurisdiction {role.jurisdiction!r} is not a Place")
                self.add(node, NG.jurisdiction, place)
            if role.qualifier is not None:
                self.add(node, NG.roleQualifier, _literal(role.qualifier))

    def map_figures(self) -> None:
        for number, figure in enumerate(self.x.figures, start=1):
            what = f"figure {number}"
            node = self.fact("figure", number, NG.Figure, figure.evidence, figure.confidence)
            self.add(node, SDO.value, _decimal(figure.value, f"the value of {what}"))
            # ISO 4217 currency codes are UN/CEFACT-style codes; anything else
            # ("percent", "count", "km") is free unit text.
            unit = SDO.unitCode if _CURRENCY.match(figure.unit) else SDO.unitText
            self.add(node, unit, _literal(figure.unit))
            self.add(node, NG.surfaceText, _literal(figure.text))
            self.add(node, NG.charStart, _literal(figure.start))
            self.add(node, NG.charEnd, _literal(figure.end))
            if figure.qualifier:
                self.add(node, NG.qualifier, _literal(figure.qualifier))
            if figure.about:
                self.add(node, NG.about, _literal(figure.about))
            if figure.period:
                self.add(node, NG.period, _literal(figure.period))
            if figure.subject is not None:
                self.add(node, NG.subject, self.entity(figure.subject, what))

    def map_quotes(self) -> None:
        for number, quote in enumerate(self.x.quotes, start=1):
            speaker = self.entity(quote.speaker, f"quote {number}")
            node = self.fact("quote", number, NG.Quote, quote.evidence, quote.confidence)
            self.add(node, NG.speaker, speaker)
            self.add(node, SDO.text, _literal(quote.text))
            self.add(node, NG.verb, _literal(quote.verb))
            self.add(node, NG.direct, _literal(quote.direct))
            self.add(node, NG.charStart, _literal(quote.start))
            self.add(node, NG.charEnd, _literal(quote.end))

    def map_relations(self) -> None:
        for number, relation in enumerate(self.x.relations, start=1):
            what = f"relation {number}"
            subject = self.entity(relation.subject, what)
            obj = self.entity(relation.object, what)
            # Predicates newsgraph has no property for yet keep their name on
            # the node and are linked with the generic ng:relatedTo.
            prop = RELATION_PROPERTIES.get(relation.predicate, NG.relatedTo)
            node = self.fact("relation", number, NG.Relation, relation.evidence, relation.confidence)
            self.add(node, RDF.subject, subject)
            self.add(node, RDF.predicate, prop)
            self.add(node, RDF.object, obj)
            self.add(node, NG.predicateName, _literal(relation.predicate))
            self.add(subject, prop, obj)
            types = (relation.predicate, self.entities[relation.subject].type, self.entities[relation.object].type)
            if types in SCHEMA_EQUIVALENTS:
                self.add(subject, SCHEMA_EQUIVALENTS[types], obj)

    def run(self) -> ArticleTriples:
        self.map_article()
        self.map_entities()
        self.map_roles()
        self.map_figures()
        self.map_quotes()
        self.map_relations()
        return ArticleTriples(self.triples, self.identifier)


class ArticleTriples(list):
    """One article's triples (rdflib terms, each once, in mapping order) with its named
    graph's IRI as ``identifier``: what the stores take, like a Graph, without the cost of
    indexing every triple in one (most of what building the Graph costs)."""

    def __init__(self, triples=(), identifier: URIRef | None = None):
        super().__init__(triples)
        self.identifier = identifier


@runtime_checkable
class ArticleGraph(Protocol):
    """What the stores accept as one article's triples: an rdflib ``Graph``, the
    :class:`ArticleTriples` of :func:`to_triples`, or the triples an extraction worker
    sends back (:class:`newsgraph.workers.ReceivedTriples`). ``identifier`` is the
    article's named graph IRI; iterating gives (subject, predicate, object) terms."""

    identifier: Any

    def __iter__(self) -> Iterator[tuple[Node, Node, Node]]: ...

    def __len__(self) -> int: ...


@runtime_checkable
class PrewrittenGraph(ArticleGraph, Protocol):
    """Triples that already carry their terms in N-Triples form (the workers' replies),
    so a store writing text need not build rdflib terms to write them out again."""

    def ntriples_terms(self) -> list[tuple[str, str, str]]: ...


def as_rdflib_graph(triples: ArticleGraph) -> Graph:
    """``triples`` as an rdflib Graph with newsgraph's prefixes bound (the Graph itself if
    it is one), for serialising or querying in Python."""
    if isinstance(triples, Graph):
        return triples
    graph = Graph(identifier=triples.identifier)
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    graph.addN((s, p, o, graph) for s, p, o in triples)
    return graph


def to_graph(
    extraction: Extraction,
    *,
    base_iri: str | None = None,
    extractor_version: str | None = None,
) -> Graph:
    """The RDF of one article: a graph whose ``identifier`` is its named graph IRI.

    ``base_iri`` defaults to :data:`DEFAULT_BASE_IRI` (the setting's declared default;
    the environment is not read: pass ``settings.base_iri``); ``extractor_version`` to the
    installed newsgraph version. Raises :class:`~newsgraph.errors.InvalidArticle`
    when the extraction refers to entities it does not list or holds values RDF
    cannot express (an unparseable date, an infinite number).
    """
    return as_rdflib_graph(to_triples(extraction, base_iri=base_iri, extractor_version=extractor_version))


def to_triples(
    extraction: Extraction,
    *,
    base_iri: str | None = None,
    extractor_version: str | None = None,
) -> ArticleTriples:
    """The triples :func:`to_graph` puts in the article's graph, as a list: cheaper when
    they only go to a store (``store.add_article(id, triples)`` takes either)."""
    if extractor_version is None:
        from . import __version__  # late: the package imports this module

        extractor_version = __version__
    return _Mapper(extraction, _base(base_iri), extractor_version).run()


__all__ = [
    "ENTITY_CLASSES",
    "RELATION_PROPERTIES",
    "ArticleGraph",
    "ArticleTriples",
    "PrewrittenGraph",
    "article_graph_iri",
    "article_iri",
    "as_rdflib_graph",
    "entity_iri",
    "name_slug",
    "to_graph",
    "to_triples",
    "totals_graph_iri",
]
