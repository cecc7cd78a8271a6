"""Export the whole graph: RDF formats (from the store) and property graphs for
Neo4j, Gephi and NetworkX users (GraphML; nodes.csv + edges.csv for neo4j-admin import).

The property graph view: every IRI that is typed or linked is a node, labelled with
the local names of its ``rdf:type`` classes; literal-valued triples become node
properties (keyed by the predicate's local name); IRI-valued triples become edges
whose type is the predicate's local name in upper snake case (``schema:worksFor`` ->
``WORKS_FOR``, ``ng:organization`` -> ``ORGANIZATION``), as Neo4j names relationship
types, so a type never clashes with a node label (``Organization``). A triple several
articles state is one edge. Integer values (counts, offsets) are ``long``, other numbers
``double``.
"""

from __future__ import annotations

import csv
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import quoteattr

import pyoxigraph as ox

from .errors import StoreError
from .ontology import PREFIXES, RDF_TYPE
from .store.base import EXPORT_FORMATS, Store

PROPERTY_GRAPH_FORMATS = ("graphml", "csv")
FORMATS = (*EXPORT_FORMATS, *PROPERTY_GRAPH_FORMATS)
XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {XSD + name for name in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                     "positiveInteger", "nonPositiveInteger", "negativeInteger",
                                     "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte")}
_NUMBERS = _INTEGERS | {XSD + name for name in ("decimal", "double", "float")}
_NAMESPACE_PREFIX = {namespace: prefix for prefix, namespace in PREFIXES.items()}


def local_name(iri: str) -> str:
    for separator in ("#", "/"):
        if separator in iri:
            tail = iri.rsplit(separator, 1)[1]
            if tail:
                return tail
    return iri


def relationship_type(iri: str) -> str:
    """A predicate's local name as a relationship type: ``worksFor`` -> ``WORKS_FOR``."""
    name = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", local_name(iri))
    return re.sub(r"[^0-9A-Za-z]+", "_", name).strip("_").upper() or "RELATED_TO"


def _namespace(iri: str) -> str:
    return iri[: len(iri) - len(local_name(iri))]


@dataclass
class Node:
    labels: set[str] = field(default_factory=set)
    properties: dict[str, list] = field(default_factory=dict)


@dataclass
class PropertyGraph:
    nodes: dict[str, Node]
    edges: list[tuple[str, str, str]]  # (source, type, target)
    keys: dict[str, str]  # property key -> 'long', 'double', 'boolean' or 'string'
    multi: set[str]  # keys some node holds several values of


def _value(literal: ox.Literal):
    datatype = literal.datatype.value
    if datatype in _INTEGERS:
        try:
            return int(literal.value)
        except ValueError:
            return literal.value
    if datatype in _NUMBERS:
        try:
            return float(literal.value)
        except ValueError:
            return literal.value
    if datatype == XSD + "boolean":
        return literal.value in ("true", "1")
    return literal.value


def resolved_iris(store: Store) -> dict[str, str]:
    """Local entity IRI -> the resolved entity the registry maps it to, where they differ."""
    from .registry import RESOLVES_TO, registry_graph_iri

    rows = store.select(
        f"SELECT ?x ?e WHERE {{ GRAPH <{registry_graph_iri(store.base_iri)}> {{ ?x <{RESOLVES_TO}> ?e }} }}"
    )
    if isinstance(rows, bool):  # pragma: no cover - a SELECT never answers a boolean
        return {}
    return {row["x"]: row["e"] for row in rows if "x" in row and "e" in row and row["x"] != row["e"]}


def property_graph(store: Store) -> PropertyGraph:
    """Read the merged graph from the store (streamed as N-Triples) into a property graph.

    One node per resolved entity: every IRI the entity registry resolves to another is
    written as that one (its properties and edges join it), and the registry's own links
    (``ng:resolvesTo``, ``owl:sameAs``, curation decisions) are no edges."""
    from .registry import MERGE, OWL_SAME_AS, RESOLVES_TO, SPLIT

    resolved = resolved_iris(store)
    links = {RESOLVES_TO, OWL_SAME_AS, MERGE, SPLIT}
    nodes: dict[str, Node] = {}
    edges: set[tuple[str, str, str]] = set()
    key_of: dict[str, str] = {}  # predicate IRI -> property key
    taken: dict[str, str] = {}  # property key -> predicate IRI
    numeric: dict[str, bool] = {}
    integral: dict[str, bool] = {}
    boolean: dict[str, bool] = {}

    def key(predicate: str) -> str:
        found = key_of.get(predicate)
        if found is None:
            found = local_name(predicate)
            if taken.get(found, predicate) != predicate:  # same local name in two vocabularies
                found = f"{_NAMESPACE_PREFIX.get(_namespace(predicate), 'ns')}_{found}"
            key_of[predicate] = found
            taken[found] = predicate
        return found

    def node(term: ox.NamedNode | ox.BlankNode) -> Node:
        name = resolved.get(term.value, term.value) if isinstance(term, ox.NamedNode) else "_:" + term.value
        found = nodes.get(name)
        if found is None:
            found = nodes[name] = Node()
        return found

    with tempfile.TemporaryFile() as spool:
        store.export_to("ntriples", spool)
        spool.seek(0)
        for triple in ox.parse(spool, ox.RdfFormat.N_TRIPLES):
            subject_term, obj = triple.subject, triple.object
            if isinstance(subject_term, ox.Triple) or isinstance(obj, ox.Triple):
                continue  # an RDF 1.2 triple term (a SPARQL Update can write one): no node or property holds it
            predicate = triple.predicate.value
            if predicate in links:
                continue
            subject = node(subject_term)
            if predicate == RDF_TYPE and isinstance(obj, ox.NamedNode):
                subject.labels.add(local_name(obj.value))
            elif isinstance(obj, ox.Literal):
                name = key(predicate)
                value = _value(obj)
                subject.properties.setdefault(name, []).append(value)
                number = isinstance(value, (int, float)) and not isinstance(value, bool)
                numeric[name] = numeric.get(name, True) and number
                integral[name] = integral.get(name, True) and number and isinstance(value, int)
                boolean[name] = boolean.get(name, True) and isinstance(value, bool)
            else:
                node(obj)
                target = resolved.get(obj.value, obj.value) if isinstance(obj, ox.NamedNode) else "_:" + obj.value
                source = (resolved.get(subject_term.value, subject_term.value)
                          if isinstance(subject_term, ox.NamedNode) else "_:" + subject_term.value)
                edges.add((source, relationship_type(predicate), target))
    multi = set()
    for item in nodes.values():
        for name, values in item.properties.items():
            if len(values) > 1:
                unique = list(dict.fromkeys(values))
                item.properties[name] = unique
                if len(unique) > 1:
                    multi.add(name)
    keys = {}
    for name in sorted(numeric):
        if name in multi:
            keys[name] = "string"
        else:
            keys[name] = ("long" if integral[name] else "double") if numeric[name] else "boolean" if boolean[name] else "string"
    return PropertyGraph(nodes=nodes, edges=sorted(edges), keys=keys, multi=multi)


def _text(values: list) -> str:
    return " | ".join(_plain(v) for v in values)


def _plain(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if not value.is_integer() else str(int(value)) if abs(value) < 1e15 else repr(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def write_graphml(store: Store, output: BinaryIO) -> PropertyGraph:
    """GraphML (directed): node attribute ``labels`` plus one attribute per property; edge attribute ``type``.

    Several values of one property are joined with `` | ``.
    """
    graph = property_graph(store)

    def line(text: str) -> None:
        output.write(text.encode("utf-8") + b"\n")

    line('<?xml version="1.0" encoding="UTF-8"?>')
    line('<graphml xmlns="http://graphml.graphdrawing.org/xmlns">')
    line('  <key id="labels" for="node" attr.name="labels" attr.type="string"/>')
    ids = {}
    for number, (name, kind) in enumerate(graph.keys.items()):
        ids[name] = f"p{number}"
        line(f'  <key id="p{number}" for="node" attr.name={quoteattr(name)} attr.type="{kind}"/>')
    line('  <key id="type" for="edge" attr.name="type" attr.type="string"/>')
    line('  <graph id="newsgraph" edgedefault="directed">')
    for name, item in graph.nodes.items():
        line(f"    <node id={quoteattr(name)}>")
        if item.labels:
            line(f'      <data key="labels">{_escape(";".join(sorted(item.labels)))}</data>')
        for key, values in item.properties.items():
            text = _plain(values[0]) if graph.keys[key] in ("long", "double", "boolean") else _text(values)
            line(f'      <data key="{ids[key]}">{_escape(text)}</data>')
        line("    </node>")
    for number, (source, kind, target) in enumerate(graph.edges):
        line(f'    <edge id="e{number}" source={quoteattr(source)} target={quoteattr(target)}>')
        line(f'      <data key="type">{_escape(kind)}</data>')
        line("    </edge>")
    line("  </graph>")
    line("</graphml>")
    return graph


def _escape(text: str) -> str:
    from xml.sax.saxutils import escape

    # XML 1.0 cannot carry most control characters at all.
    cleaned = "".join(ch for ch in text if ch in "\t\n\r" or ord(ch) >= 32)
    return escape(cleaned)


def write_neo4j_csv(store: Store, directory: str | Path) -> tuple[Path, Path]:
    """``nodes.csv`` and ``edges.csv`` in neo4j-admin import layout.

    ``neo4j-admin database import full --nodes=nodes.csv --relationships=edges.csv
    --multiline-fields=true neo4j`` (quotes and evidence sentences may span lines).
    A property with several values on some node is a ``string[]`` (values joined by ';').
    """
    graph = property_graph(store)
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    nodes_path, edges_path = directory / "nodes.csv", directory / "edges.csv"
    columns = list(graph.keys)

    def header(name: str) -> str:
        if name in graph.multi:
            return f"{name}:string[]"
        return f"{name}:{graph.keys[name]}"

    with open(nodes_path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["id:ID", ":LABEL", *(header(c) for c in columns)])
        for name, item in graph.nodes.items():
            row = [name, ";".join(sorted(item.labels)) or "Resource"]
            for column in columns:
                values = item.properties.get(column)
                if not values:
                    row.append("")
                elif column in graph.multi:
                    row.append(";".join(_plain(v).replace(";", ",") for v in values))
                else:
                    row.append(_plain(values[0]))
            writer.writerow(row)
    with open(edges_path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow([":START_ID", ":END_ID", ":TYPE"])
        for source, kind, target in graph.edges:
            writer.writerow([source, target, kind])
    return nodes_path, edges_path


def export(store: Store, format: str, output: BinaryIO | None = None, *, directory: str | Path | None = None):
    """Export in ``format``: RDF formats and GraphML to ``output``; ``csv`` to ``directory``."""
    if format == "csv":
        if directory is None:
            raise StoreError("the csv export writes nodes.csv and edges.csv: give it a directory")
        return write_neo4j_csv(store, directory)
    if output is None:
        raise StoreError(f"the {format} export needs an output file")
    if format == "graphml":
        return write_graphml(store, output)
    if format not in EXPORT_FORMATS:
        raise StoreError(f"unknown export format '{format}'; use one of: {', '.join(FORMATS)}")
    store.export_to(format, output)
    return None


def stream(store: Store, format: str) -> Iterator[bytes]:
    """Chunks of an RDF or GraphML export, for HTTP responses."""
    if format == "graphml":
        from .store.base import stream_from_writer

        return stream_from_writer(lambda output: write_graphml(store, output))
    return store.export(format)
