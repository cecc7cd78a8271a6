"""Read models of the JSON endpoints, answered by SPARQL on the store.

Every function here is blocking (call it through ``ServiceState.read``) and sends
the store plain SPARQL text, so it runs on Oxigraph's engine (or the remote
store's), never rdflib's. Facts are read from their n-ary nodes; entity names are
fetched in one extra query per page so an entity with two spellings never
duplicates a row. Mention counts come from each article's ``ng:timesMentioned``
triples and, across articles, from the totals the store keeps at every write
(``ng:totalMentions``, ``ng:articleCount``), never from scanning mentions; a store that
keeps those totals ranked in memory (the embedded one, ``Store.entity_ranking``) answers
the entity listing from there instead of sorting them with SPARQL at every request.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from ..errors import NotFound
from ..graph import article_graph_iri, article_iri, totals_graph_iri
from ..ontology import NG_IRI, PREFIXES, SCHEMA_IRI

PROLOGUE = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
SCHEMA = SCHEMA_IRI
TYPES = {f"{SCHEMA}Person": "Person", f"{SCHEMA}Organization": "Organization", f"{SCHEMA}Place": "Place", f"{NG_IRI}Other": "Other"}
_ENTITY_ID = re.compile(r"\A(person|organization|place|other)/[^/<>\"{}|\\^`\x00-\x20]+\Z")
JSON_RESULTS = "application/sparql-results+json"
MAX_DETAIL_ITEMS = 100


class Reader:
    """SPARQL reads against one store, with the service's base IRI and time limit."""

    def __init__(self, store: Any, base_iri: str, timeout: float | None):
        self.store = store
        self.base = base_iri if base_iri.endswith(("/", "#")) else base_iri + "/"
        self.timeout = timeout
        self.totals = f"<{totals_graph_iri(self.base)}>"

    # --- plumbing ---------------------------------------------------------------
    def select(self, body: str) -> list[dict[str, Any]]:
        result = self.store.own_query(PROLOGUE + body, accept=JSON_RESULTS, timeout=self.timeout)
        data = json.loads(result.body)
        return [{name: _value(term) for name, term in row.items()} for row in data["results"]["bindings"]]

    def count(self, body: str) -> int:
        rows = self.select(body)
        return int(rows[0]["n"]) if rows and rows[0].get("n") is not None else 0

    def entity_id(self, iri: str) -> str:
        return iri[len(self.base):] if iri.startswith(self.base) else iri

    def entity_iri(self, entity_id: str) -> str:
        if not _ENTITY_ID.match(entity_id):
            raise NotFound(
                f"no entity {entity_id!r}: entity ids look like 'person/daren-tang' "
                "(type, slash, name slug)"
            )
        return self.base + entity_id

    def article_id(self, iri: str) -> str:
        prefix = self.base + "article/"
        return iri[len(prefix):] if iri.startswith(prefix) else iri

    def refs(self, iris: Iterable[str | None]) -> dict[str, dict]:
        """``{iri: {"id", "iri", "name", "type"}}`` for entities, in one or two queries.

        The type comes from the IRI (``{base}person/...``); the name from the entity totals,
        else from any graph that names the entity (MIN, so the same one every time).
        """
        wanted = {i for i in iris if i}
        if not wanted:
            return {}
        # The totals graph names each entity once; an entity it does not hold (only ever a
        # dateline agency or place, or one written by a SPARQL Update) is looked up in the
        # articles, where a popular one's name is repeated in every graph.
        names = self._names(wanted, self.totals)
        missing = wanted - names.keys()
        if missing:
            names.update(self._names(missing, "?g"))
        return {iri: {"id": self.entity_id(iri), "iri": iri, "name": names.get(iri), "type": self.entity_type(iri)}
                for iri in wanted}

    def _names(self, iris: set[str], graph: str) -> dict[str, str]:
        values = " ".join(f"<{i}>" for i in sorted(iris))
        rows = self.select(
            f"SELECT ?e (MIN(?n) AS ?name) WHERE {{ VALUES ?e {{ {values} }} GRAPH {graph} {{ ?e schema:name ?n }} }} "
            f"GROUP BY ?e"
        )
        return {row["e"]: row["name"] for row in rows if row.get("e") and row.get("name")}

    def entity_type(self, iri: str) -> str | None:
        kind = self.entity_id(iri).split("/", 1)[0]
        return {"person": "Person", "organization": "Organization", "place": "Place", "other": "Other"}.get(kind)

    # --- articles -----------------------------------------------------------------
    def article(self, article_id: str) -> dict:
        graph = str(article_graph_iri(article_id, self.base))
        node = str(article_iri(article_id, self.base))
        props = self.select(f"SELECT ?p ?o WHERE {{ GRAPH <{graph}> {{ <{node}> ?p ?o }} }}")
        if not props:
            raise NotFound(f"no article {article_id} in the store")
        by: dict[str, Any] = {}
        for row in props:
            by.setdefault(row["p"], row["o"])
        counts = self.select(
            f"SELECT ?e ?c WHERE {{ GRAPH <{graph}> {{ ?e ng:timesMentioned ?c }} }}"
        )
        place, agency = by.get(NG_IRI + "datelinePlace"), by.get(SCHEMA + "publisher")
        refs = self.refs({row["e"] for row in counts} | {place, agency})
        entities = [dict(refs[row["e"]], mentions=int(row["c"])) for row in counts]
        entities.sort(key=lambda e: (-e["mentions"], e["name"] or ""))
        dateline = None
        if place or agency or by.get(NG_IRI + "datelineDate"):
            dateline = {
                "place": refs[place]["name"] if place else None,
                "agency": refs[agency]["name"] if agency else None,
                "date": by.get(NG_IRI + "datelineDate"),
            }
        return {
            "id": article_id,
            "iri": node,
            "graph": graph,
            "title": by.get(SCHEMA + "headline"),
            "url": by.get(SCHEMA + "url"),
            "published": by.get(SCHEMA + "datePublished"),
            "source": by.get(NG_IRI + "source"),
            "language": by.get(SCHEMA + "inLanguage"),
            "dateline": dateline,
            "extractor_version": by.get(NG_IRI + "extractorVersion"),
            "triples": self.count(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"),
            "entities": entities,
            "roles": self.roles(graph=graph, limit=MAX_DETAIL_ITEMS)["items"],
            "figures": self.figures(graph=graph, limit=MAX_DETAIL_ITEMS)["items"],
            "quotes": self.quotes(graph=graph, limit=MAX_DETAIL_ITEMS)["items"],
        }

    # --- entities -------------------------------------------------------------------
    def entities(self, *, type: str | None = None, q: str | None = None, limit: int = 50, offset: int = 0) -> dict:
        # Entity IRIs start with their type ({base}person/...).
        prefix = self.base + type.lower() + "/" if type else None
        ranked = self.store.entity_ranking(prefix=prefix, contains=q.lower() if q else None,
                                           limit=int(limit), offset=int(offset))
        if ranked is not None:  # the store keeps the ranking itself (the embedded store, in memory)
            rows, total = ranked
            missing = {entity for entity, _, _, name in rows if name is None}
            names = self._names(missing, "?g") if missing else {}
            items = [
                {"id": self.entity_id(entity), "iri": entity, "name": name if name is not None else names.get(entity),
                 "type": self.entity_type(entity), "mentions": int(mentions), "articles": int(articles)}
                for entity, mentions, articles, name in rows
            ]
            return page(items, total, limit, offset)
        filters = ""
        if prefix:
            filters += f" FILTER(STRSTARTS(STR(?e), {sparql_string(prefix)}))"
        if q:
            filters += (
                f" FILTER EXISTS {{ GRAPH ?g {{ ?e schema:name|schema:alternateName ?label }} "
                f"FILTER(CONTAINS(LCASE(STR(?label)), {sparql_string(q.lower())})) }}"
            )
        pattern = f"GRAPH {self.totals} {{ ?e ng:totalMentions ?mentions ; ng:articleCount ?articles }}{filters}"
        total = self.count(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")
        rows = self.select(
            f"SELECT ?e ?mentions ?articles WHERE {{ {pattern} }} "
            f"ORDER BY DESC(?mentions) ?e LIMIT {int(limit)} OFFSET {int(offset)}"
        )
        # rdflib answers a GROUP BY over no solutions with one row of unbound groups; SPARQL says none
        rows = [row for row in rows if "e" in row]
        refs = self.refs({row["e"] for row in rows})
        items = [dict(refs[row["e"]], mentions=int(row["mentions"]), articles=int(row["articles"])) for row in rows]
        return page(items, total, limit, offset)

    def entity(self, entity_id: str) -> dict:
        iri = self.entity_iri(entity_id)
        rows = self.select(
            f"SELECT DISTINCT ?p ?o WHERE {{ GRAPH ?g {{ <{iri}> ?p ?o }} "
            f"FILTER(?p IN (schema:name, schema:alternateName, rdf:type)) }}"
        )
        if not rows:
            raise NotFound(f"no entity {entity_id} in the store")
        names = sorted({r["o"] for r in rows if r["p"] == SCHEMA + "name"})
        aliases = sorted({r["o"] for r in rows if r["p"] == SCHEMA + "alternateName"} - set(names))
        types = [TYPES[r["o"]] for r in rows if r["p"].endswith("#type") and r["o"] in TYPES]
        articles = self.select(
            f"SELECT ?g ?a ?title ?published ?c WHERE {{ GRAPH ?g {{ <{iri}> ng:timesMentioned ?c . "
            f"?a a ng:Article . OPTIONAL {{ ?a schema:headline ?title }} OPTIONAL {{ ?a schema:datePublished ?published }} }} }} "
            f"ORDER BY DESC(?published) ?a LIMIT {MAX_DETAIL_ITEMS}"
        )
        mentions = self.count(f"SELECT ?n WHERE {{ GRAPH {self.totals} {{ <{iri}> ng:totalMentions ?n }} }}")
        return {
            "id": entity_id,
            "iri": iri,
            "name": names[0] if names else None,
            "names": names,
            "aliases": aliases,
            "type": types[0] if types else None,
            "mentions": mentions,
            "articles": [
                {"id": self.article_id(r["a"]), "iri": r["a"], "title": r.get("title"),
                 "published": r.get("published"), "mentions": int(r["c"])}
                for r in articles
            ],
            "roles_held": self.roles(person=entity_id, limit=MAX_DETAIL_ITEMS)["items"],
            "roles_at": self.roles(organization=entity_id, limit=MAX_DETAIL_ITEMS)["items"],
            "figures": self.figures(subject=entity_id, limit=MAX_DETAIL_ITEMS)["items"],
            "quotes": self.quotes(speaker=entity_id, limit=MAX_DETAIL_ITEMS)["items"],
        }

    # --- facts ----------------------------------------------------------------------
    def _facts(self, cls: str, pattern: str, select: str, *, graph: str | None, limit: int, offset: int) -> tuple[list[dict], int]:
        where = (
            f"GRAPH {f'<{graph}>' if graph else '?g'} {{ ?f a {cls} ; prov:wasDerivedFrom ?a ; ng:evidence ?s . "
            f"?s ng:sentenceText ?sentence ; ng:sentenceIndex ?index . OPTIONAL {{ ?f ng:confidence ?confidence }} {pattern} }}"
        )
        total = self.count(f"SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE {{ {where} }}")
        rows = self.select(
            f"SELECT ?f ?a ?sentence ?index ?confidence {select} WHERE {{ {where} }} "
            f"ORDER BY ?a ?index ?f LIMIT {int(limit)} OFFSET {int(offset)}"
        )
        return rows, total

    def _fact_base(self, row: dict) -> dict:
        return {
            "iri": row["f"],
            "article": self.article_id(row["a"]),
            "evidence": {"sentence": int(row["index"]), "text": row["sentence"]},
            "confidence": row.get("confidence"),
        }

    def roles(self, *, person: str | None = None, organization: str | None = None, jurisdiction: str | None = None,
              graph: str | None = None, limit: int = 50, offset: int = 0) -> dict:
        pattern = ("?f ng:holder ?person ; schema:roleName ?role . OPTIONAL { ?f ng:organization ?org } "
                   "OPTIONAL { ?f ng:jurisdiction ?place } OPTIONAL { ?f ng:roleQualifier ?qualifier }")
        if person:
            pattern += f" FILTER(?person = <{self.entity_iri(person)}>)"
        if organization:
            pattern += f" FILTER(?org = <{self.entity_iri(organization)}>)"
        if jurisdiction:
            pattern += f" FILTER(?place = <{self.entity_iri(jurisdiction)}>)"
        rows, total = self._facts("ng:Role", pattern, "?person ?role ?org ?place ?qualifier", graph=graph,
                                  limit=limit, offset=offset)
        refs = self.refs({r["person"] for r in rows} | {r.get("org") for r in rows} | {r.get("place") for r in rows})
        items = [
            dict(self._fact_base(r), person=refs[r["person"]], role=r["role"],
                 organization=refs[r["org"]] if r.get("org") else None,
                 jurisdiction=refs[r["place"]] if r.get("place") else None,
                 qualifier=r.get("qualifier"))
            for r in rows
        ]
        return page(items, total, limit, offset)

    def figures(self, *, subject: str | None = None, about: str | None = None, unit: str | None = None,
                graph: str | None = None, limit: int = 50, offset: int = 0) -> dict:
        pattern = (
            "?f schema:value ?value ; ng:surfaceText ?text . ?f schema:unitCode|schema:unitText ?unit . "
            "OPTIONAL { ?f ng:qualifier ?qualifier } OPTIONAL { ?f ng:about ?about } "
            "OPTIONAL { ?f ng:period ?period } OPTIONAL { ?f ng:subject ?subject }"
        )
        if subject:
            pattern += f" FILTER(?subject = <{self.entity_iri(subject)}>)"
        if about:
            pattern += f" FILTER(CONTAINS(LCASE(STR(?about)), {sparql_string(about.lower())}))"
        if unit:
            pattern += f" FILTER(STR(?unit) = {sparql_string(unit)})"
        rows, total = self._facts("ng:Figure", pattern, "?value ?text ?unit ?qualifier ?about ?period ?subject",
                                  graph=graph, limit=limit, offset=offset)
        refs = self.refs({r.get("subject") for r in rows})
        items = [
            dict(self._fact_base(r), text=r["text"], value=r["value"], unit=r["unit"], qualifier=r.get("qualifier"),
                 about=r.get("about"), period=r.get("period"), subject=refs.get(r["subject"]) if r.get("subject") else None)
            for r in rows
        ]
        return page(items, total, limit, offset)

    def quotes(self, *, speaker: str | None = None, graph: str | None = None, limit: int = 50, offset: int = 0) -> dict:
        pattern = "?f ng:speaker ?speaker ; schema:text ?text ; ng:verb ?verb ; ng:direct ?direct ."
        if speaker:
            pattern += f" FILTER(?speaker = <{self.entity_iri(speaker)}>)"
        rows, total = self._facts("ng:Quote", pattern, "?speaker ?text ?verb ?direct", graph=graph, limit=limit, offset=offset)
        refs = self.refs({r["speaker"] for r in rows})
        items = [
            dict(self._fact_base(r), speaker=refs[r["speaker"]], text=r["text"], verb=r["verb"], direct=bool(r["direct"]))
            for r in rows
        ]
        return page(items, total, limit, offset)

def page(items: list, total: int, limit: int, offset: int) -> dict:
    return {"items": items, "total": total, "limit": limit, "offset": offset}


def sparql_string(text: str) -> str:
    """A SPARQL string literal for arbitrary user text (quotes, backslashes, control characters)."""
    out = []
    for char in text:
        if char in ('"', "\\"):
            out.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


_NUMERIC = {"integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger"}


def _value(term: dict[str, Any]) -> Any:
    """A SPARQL JSON term as a plain Python value."""
    value: str = term["value"]  # every term has one (SPARQL 1.1 Query Results JSON Format, 3.2.2)
    datatype = term.get("datatype", "")
    local = datatype.rsplit("#", 1)[-1]
    if local in _NUMERIC:
        return int(value)
    if local in ("decimal", "double", "float"):
        return float(value)
    if local == "boolean":
        return value == "true"
    return value
