"""IRIs and literals written into SPARQL text, and the names of a store's graphs.

Each article lives in its own named graph (IRI from :func:`newsgraph.graph.article_graph_iri`),
so it can be replaced or deleted on its own; the entity totals live in one more graph
(:func:`totals_iri`, see :mod:`.totals`).
"""

from __future__ import annotations

import re

from ..errors import StoreError
from ..ontology import NG_IRI, RDFS_IRI, SCHEMA_IRI

SCHEMA, NG, RDFS = SCHEMA_IRI, NG_IRI, RDFS_IRI  # short names for the SPARQL the stores write


def iri(value: str) -> str:
    """An IRI written for a SPARQL query, refusing characters that would break out of it."""
    if re.search(r'[<>"{}|^`\\\s]', value):
        raise StoreError(f"not a valid IRI: {value!r}")
    return f"<{value}>"


_LITERAL_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def literal(lexical: str, datatype: str | None = None, language: str | None = None) -> str:
    """A literal as N-Triples writes it, which Turtle, TriG and SPARQL also read (quicker
    than rdflib's n3(), which also picks Turtle's long quotes for multi-line text)."""
    quoted = '"' + lexical.translate(_LITERAL_ESCAPES) + '"'
    if language:
        return f"{quoted}@{language}"
    if datatype and datatype != _XSD_STRING:
        return f"{quoted}^^{iri(datatype)}"
    return quoted


def graph_prefix(base_iri: str) -> str:
    """The IRI every article graph starts with (the part before the article id)."""
    from ..graph import article_graph_iri

    marker = "0123456789abcdef"
    sample = str(article_graph_iri(marker, base_iri))
    return sample[: sample.rindex(marker)]


def graph_iri(article_id: str, base_iri: str) -> str:
    from ..graph import article_graph_iri

    return str(article_graph_iri(article_id, base_iri))


def totals_iri(base_iri: str) -> str:
    from ..graph import totals_graph_iri

    return str(totals_graph_iri(base_iri))
