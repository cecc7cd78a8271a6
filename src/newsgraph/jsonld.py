"""Compact JSON-LD that generic consumers read: one ``@context``, ``@type``, one node per subject.

Every JSON-LD newsgraph writes (``/graph`` and ``export --format jsonld``, ``/articles/{id}``,
CONSTRUCT and DESCRIBE results, the Graph Store, ``/extract``) comes from here:

- an inline ``@context`` declaring newsgraph's prefixes (``schema:``, ``ng:``, ``rdf:``, ``rdfs:``,
  ``xsd:``, ``prov:``), so keys read ``schema:name`` and nothing is fetched to understand it;
- ``rdf:type`` as ``@type`` (``"schema:Person"``);
- all of a subject's triples in one node object (a graph groups them first);
- a named graph as ``{"@id": graph, "@graph": [...]}``; a dataset is a list of those.

Literals are lossless: plain strings as JSON strings, language strings with ``@language``,
every other datatype as ``{"@value": lexical form, "@type": "xsd:..."}`` (a JSON number would
turn ``xsd:decimal`` into ``xsd:double``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import BinaryIO

import pyoxigraph as ox

from .ontology import PREFIXES, RDF_TYPE

CONTEXT = {"@context": dict(PREFIXES)}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_SUFFIX = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))


def compact_iri(iri: str) -> str:
    """``https://schema.org/name`` -> ``schema:name`` when a prefix covers it, else the IRI."""
    for prefix, namespace in _BY_LENGTH:
        if iri.startswith(namespace) and _SUFFIX.fullmatch(iri[len(namespace):]):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def _node_id(term) -> str:
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    return term.value


def _value(term):
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        if term.language:
            return {"@value": term.value, "@language": term.language}
        if datatype == _XSD_STRING:
            return term.value
        if datatype == _LANG_STRING:  # pragma: no cover - a langString always has a language
            return term.value
        return {"@value": term.value, "@type": compact_iri(datatype)}
    return {"@id": _node_id(term)}


def node_objects(triples: Iterable) -> list[dict]:
    """One node object per subject (in the order subjects first appear)."""
    nodes: dict[str, dict] = {}
    for triple in triples:
        subject = _node_id(triple.subject)
        node = nodes.get(subject)
        if node is None:
            node = nodes[subject] = {"@id": subject}
        predicate, obj = triple.predicate.value, triple.object
        if predicate == RDF_TYPE and not isinstance(obj, ox.Literal):
            key, value = "@type", compact_iri(_node_id(obj)) if isinstance(obj, ox.NamedNode) else _node_id(obj)
        else:
            key, value = compact_iri(predicate), _value(obj)
        values = node.setdefault(key, [])
        if value not in values:
            values.append(value)
    for node in nodes.values():
        for key, values in node.items():
            if key != "@id" and len(values) == 1:
                node[key] = values[0]
    return list(nodes.values())


def graph_document(triples: Iterable, graph_name: str | None = None) -> dict:
    """A JSON-LD document for one graph; with ``graph_name``, as that named graph."""
    nodes = node_objects(triples)
    if graph_name is None:
        return {**CONTEXT, "@graph": nodes}
    return {**CONTEXT, "@id": graph_name, "@graph": nodes}


def dumps(document: dict) -> bytes:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def graph_bytes(triples: Iterable, graph_name: str | None = None) -> bytes:
    return dumps(graph_document(triples, graph_name))


def from_rdflib(graph) -> list:
    """An rdflib graph's triples as pyoxigraph triples (through N-Triples)."""
    data = graph.serialize(format="nt", encoding="utf-8")
    return list(ox.parse(data, ox.RdfFormat.N_TRIPLES))


def write_dataset(output: BinaryIO, graphs: Iterable[tuple[str, Iterable]]) -> None:
    """A dataset, streamed: ``{"@context", "@graph": [{"@id": graph, "@graph": [...]}, ...]}``.

    ``graphs`` yields (graph IRI, its triples); one graph is held in memory at a time."""
    output.write(dumps(CONTEXT)[:-1] + b',"@graph":[\n')
    first = True
    for name, triples in graphs:
        nodes = node_objects(triples)
        if not nodes:
            continue
        output.write((b"" if first else b",\n") + dumps({"@id": name, "@graph": nodes}))
        first = False
    output.write(b"\n]}\n")
