"""newsgraph's RDF vocabulary as Python terms.

:class:`NG` is a *closed* namespace: every term is declared below, and reading an
undeclared one (``NG.Artcle``) raises ``AttributeError`` instead of minting a new
IRI. The same terms are declared, with labels and comments, in
``ontologies/newsgraph.ttl``; a test keeps the two lists identical.

The other vocabularies newsgraph writes are re-exported here so the mapping code
imports all its terms from one place.
"""

from __future__ import annotations

from rdflib.namespace import PROV, RDF, RDFS, SDO, XSD, DefinedNamespace, Namespace
from rdflib.term import URIRef

# The vocabularies' IRIs as plain strings, for SPARQL text and N-Triples written by hand.
NG_IRI = "https://w3id.org/newsgraph/ontology#"
SCHEMA_IRI = str(SDO)
RDF_IRI = str(RDF)
RDFS_IRI = str(RDFS)
XSD_IRI = str(XSD)
PROV_IRI = str(PROV)
RDF_TYPE = RDF_IRI + "type"


class NG(DefinedNamespace):
    """The newsgraph ontology (``ng:``), aligned to schema.org and PROV-O."""

    _NS = Namespace(NG_IRI)
    _fail = True

    # --- Classes ---------------------------------------------------------------
    Article: URIRef  # a news article (a schema:NewsArticle)
    Other: URIRef  # treaties, indexes, funds, products, events: named things that are not agents or places
    Role: URIRef  # n-ary: a person holds a role, at an organisation or not
    Figure: URIRef  # a number the article reports (a schema:QuantitativeValue)
    Quote: URIRef  # something someone said, directly or reported (a schema:Quotation)
    Relation: URIRef  # a stated relation between two entities (an rdf:Statement)
    Mention: URIRef  # one place in the text where an entity is named
    Sentence: URIRef  # the sentence a fact was read from (its evidence)

    # --- Article ---------------------------------------------------------------
    datelinePlace: URIRef
    datelineDate: URIRef
    source: URIRef
    extractorVersion: URIRef

    # --- Role ------------------------------------------------------------------
    holder: URIRef
    organization: URIRef
    jurisdiction: URIRef  # the place a title names ("U.S. President"), instead of an organisation
    roleQualifier: URIRef  # former / acting / then / interim ...

    # --- Figure ----------------------------------------------------------------
    qualifier: URIRef
    about: URIRef
    subject: URIRef
    period: URIRef
    surfaceText: URIRef

    # --- Quote -----------------------------------------------------------------
    speaker: URIRef
    verb: URIRef
    direct: URIRef

    # --- Relations between entities (the shortcut triples) ---------------------
    predicateName: URIRef
    partOf: URIRef
    locatedIn: URIRef
    basedIn: URIRef
    livesIn: URIRef
    bornIn: URIRef
    killed: URIRef
    relatedTo: URIRef

    # --- Mentions --------------------------------------------------------------
    refersTo: URIRef
    timesMentioned: URIRef  # in an article's graph: how often that article names the entity
    totalMentions: URIRef  # in the store's totals graph: over all articles
    articleCount: URIRef

    # --- Entity registry (the graph {base}registry, see newsgraph.registry) -----
    resolvesTo: URIRef  # a local entity IRI -> its resolved entity (itself for a canonical one)
    firstReported: URIRef
    lastReported: URIRef
    mergedWith: URIRef  # curation: two IRIs are one entity
    distinctFrom: URIRef  # curation: two IRIs are never one entity

    # --- Evidence --------------------------------------------------------------
    evidence: URIRef
    sentenceIndex: URIRef
    sentenceText: URIRef
    charStart: URIRef
    charEnd: URIRef
    confidence: URIRef


#: The prefixes newsgraph binds on every graph it writes, declares in every query it runs
#: for users (they need no PREFIX) and uses in the sample queries: the one list of them.
PREFIXES: dict[str, str] = {
    "schema": SCHEMA_IRI,
    "ng": NG_IRI,
    "rdf": RDF_IRI,
    "rdfs": RDFS_IRI,
    "xsd": XSD_IRI,
    "prov": PROV_IRI,
}


def ng_terms() -> set[URIRef]:
    """Every term declared in :class:`NG`."""
    return {NG[name] for name in NG.__annotations__}


__all__ = [
    "NG",
    "NG_IRI",
    "PREFIXES",
    "PROV",
    "PROV_IRI",
    "RDF",
    "RDFS",
    "RDFS_IRI",
    "RDF_IRI",
    "RDF_TYPE",
    "SCHEMA_IRI",
    "SDO",
    "XSD",
    "XSD_IRI",
    "ng_terms",
]
