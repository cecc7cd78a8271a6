"""Every serialisation newsgraph reads or writes, in one table.

A format's short name (``--format``, ``?format=``, the stores' ``accept``), its media type,
file extension, the pyoxigraph and rdflib formats that write it, and what it holds: SPARQL
``results`` (SELECT, ASK), one ``graph``, or a ``dataset`` (named graphs kept). The stores,
the API's content negotiation, the SPARQL endpoint, the Graph Store Protocol, the exports and
the CLI all read their tables from here.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox


@dataclass(frozen=True)
class Format:
    name: str
    media_type: str
    kind: str  # "results", "graph" or "dataset"
    extension: str
    oxigraph: ox.RdfFormat | ox.QueryResultsFormat
    rdflib: str | None = None  # rdflib's serializer and parser name
    keeps_graphs: bool = False  # writes a dataset with its named graphs (not merged)


FORMATS: tuple[Format, ...] = (
    Format("json", "application/sparql-results+json", "results", "srj", ox.QueryResultsFormat.JSON),
    Format("xml", "application/sparql-results+xml", "results", "srx", ox.QueryResultsFormat.XML),
    Format("csv", "text/csv", "results", "csv", ox.QueryResultsFormat.CSV),
    Format("tsv", "text/tab-separated-values", "results", "tsv", ox.QueryResultsFormat.TSV),
    Format("turtle", "text/turtle", "graph", "ttl", ox.RdfFormat.TURTLE, "turtle"),
    Format("ntriples", "application/n-triples", "graph", "nt", ox.RdfFormat.N_TRIPLES, "nt"),
    # newsgraph's JSON-LD writer (newsgraph.jsonld) keeps each named graph as @id + @graph.
    Format("jsonld", "application/ld+json", "graph", "jsonld", ox.RdfFormat.JSON_LD, "json-ld", keeps_graphs=True),
    Format("rdfxml", "application/rdf+xml", "graph", "rdf", ox.RdfFormat.RDF_XML, "xml"),
    Format("trig", "application/trig", "dataset", "trig", ox.RdfFormat.TRIG, "trig", keeps_graphs=True),
    Format("nquads", "application/n-quads", "dataset", "nq", ox.RdfFormat.N_QUADS, "nquads", keeps_graphs=True),
)
BY_NAME: dict[str, Format] = {f.name: f for f in FORMATS}
BY_MEDIA_TYPE: dict[str, Format] = {f.media_type: f for f in FORMATS}

# Media types clients commonly send for one of the above.
ALIASES = {
    "application/json": "application/sparql-results+json",
    "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml",
    "application/x-turtle": "text/turtle",
    "application/nquads": "application/n-quads",
    "text/plain": "application/n-triples",
}


def of_kind(kind: str) -> dict[str, Format]:
    """The formats of one kind, by name, in the table's order (the first is the default)."""
    return {f.name: f for f in FORMATS if f.kind == kind}


def media_table(*names: str) -> dict[str, str]:
    """Media type -> short name for ``names``, in that order (the first is the default): the
    tables content negotiation picks from."""
    return {BY_NAME[name].media_type: name for name in names}


def name_of_media_type(media_type: str) -> str | None:
    """The short name of a media type (parameters and case ignored; aliases followed)."""
    bare = media_type.split(";")[0].strip().lower()
    found = BY_MEDIA_TYPE.get(ALIASES.get(bare, bare))
    return found.name if found else None


__all__ = ["ALIASES", "BY_MEDIA_TYPE", "BY_NAME", "FORMATS", "Format", "media_table", "name_of_media_type", "of_kind"]
