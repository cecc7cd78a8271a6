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
from ..registry import registry_graph_iri

PROLOGUE = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
SCHEMA = SCHEMA_IRI
TYPES = {f"{SCHEMA}Person": "Person", f"{SCHEMA}Organization": "Organization", f"{SCHEMA}Place": "Place", f"{NG_IRI}Other": "Other"}
_ENTITY_ID = re.compile(r"\A(person|organization|place|other)/[^/<>\"{}|\\^`\x00-\x20]+\Z")
JSON_RESULTS = "application/sparql-results+json"
MAX_DETAIL_ITEMS = 100
MAX_TIMELINE_ITEMS = 1000  # facts read for a timeline or a /roles?at= answer


class Reader:
    """SPARQL reads against one store, with the service's base IRI and time limit."""

    def __init__(self, store: Any, base_iri: str, timeout: float | None):
        self.store = store
        self.base = base_iri if base_iri.endswith(("/", "#")) else base_iri + "/"
        self.timeout = timeout
        self.totals = f"<{totals_graph_iri(self.base)}>"
        self.registry = f"<{registry_graph_iri(self.base)}>"

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
        # Each IRI stands for the entity the registry resolves it to, named there; an
        # entity the registry does not hold (only ever a dateline agency or place, or one
        # written by a SPARQL Update) keeps its IRI and is named by the totals, else by the
        # articles, where a popular one's name is repeated in every graph.
        resolved = self.resolve(iris)
        targets = set(resolved.values())
        names = self._names(targets, self.registry)
        missing = targets - names.keys()
        if missing:
            names.update(self._names(missing, self.totals))
            missing -= names.keys()
        if missing:
            names.update(self._names(missing, "?g"))
        return {iri: {"id": self.entity_id(target), "iri": target, "name": names.get(target),
                      "type": self.entity_type(target)}
                for iri, target in resolved.items()}

    def resolve(self, iris: Iterable[str | None]) -> dict[str, str]:
        """Each IRI -> the entity the registry resolves it to (itself when it holds none)."""
        wanted = {i for i in iris if i}
        if not wanted:
            return {}
        values = " ".join(f"<{i}>" for i in sorted(wanted))
        rows = self.select(f"SELECT ?x ?e WHERE {{ VALUES ?x {{ {values} }} GRAPH {self.registry} {{ ?x ng:resolvesTo ?e }} }}")
        found = {row["x"]: row["e"] for row in rows if row.get("x") and row.get("e")}
        return {i: found.get(i, i) for i in wanted}

    def members(self, entity_id: str) -> tuple[str, list[str]]:
        """The resolved entity an entity id stands for, and every IRI resolving to it."""
        iri = self.resolve({self.entity_iri(entity_id)})[self.entity_iri(entity_id)]
        rows = self.select(f"SELECT ?x WHERE {{ GRAPH {self.registry} {{ ?x ng:resolvesTo <{iri}> }} }}")
        return iri, sorted({row["x"] for row in rows if row.get("x")} | {iri})

    def _in(self, variable: str, entity_id: str) -> str:
        """A FILTER keeping ``variable`` to the IRIs of the entity ``entity_id`` resolves to."""
        _, members = self.members(entity_id)
        return f" FILTER({variable} IN ({', '.join(f'<{m}>' for m in members)}))"

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
        # Resolved entities (one per real-world entity), with their totals, from the registry.
        pattern = (f"GRAPH {self.registry} {{ ?e ng:resolvesTo ?e ; ng:totalMentions ?mentions ; "
                   f"ng:articleCount ?articles }}{filters}")
        total = self.count(f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ {pattern} }}")
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
        # The entity the registry resolves the id to, whichever of its IRIs was asked for.
        iri, members = self.members(entity_id)
        entity_id = self.entity_id(iri)
        values = " ".join(f"<{m}>" for m in members)
        rows = self.select(
            f"SELECT DISTINCT ?p ?o WHERE {{ VALUES ?x {{ {values} }} GRAPH ?g {{ ?x ?p ?o }} "
            f"FILTER(?p IN (schema:name, schema:alternateName, rdf:type)) }}"
        )
        if not rows:
            raise NotFound(f"no entity {entity_id} in the store")
        own = self.select(
            f"SELECT ?p ?o WHERE {{ GRAPH {self.registry} {{ <{iri}> ?p ?o }} "
            f"FILTER(?p IN (schema:name, rdf:type, ng:totalMentions, ng:firstReported, ng:lastReported)) }}"
        )
        resolved = {r["p"]: r["o"] for r in own}
        names = sorted({r["o"] for r in rows if r["p"] == SCHEMA + "name"})
        aliases = sorted({r["o"] for r in rows if r["p"] == SCHEMA + "alternateName"} - set(names))
        types = [TYPES[r["o"]] for r in rows if r["p"].endswith("#type") and r["o"] in TYPES]
        name = resolved.get(SCHEMA + "name") or (names[0] if names else None)
        kind = TYPES.get(resolved.get(PREFIXES["rdf"] + "type", "")) or self.entity_type(iri) or (types[0] if types else None)
        rows = self.select(
            f"SELECT ?x ?a ?title ?published ?c WHERE {{ VALUES ?x {{ {values} }} "
            f"GRAPH ?g {{ ?x ng:timesMentioned ?c . "
            f"?a a ng:Article . OPTIONAL {{ ?a schema:headline ?title }} OPTIONAL {{ ?a schema:datePublished ?published }} }} }} "
            f"ORDER BY DESC(?published) ?a LIMIT {MAX_DETAIL_ITEMS * len(members)}"
        )
        by_article: dict[str, dict] = {}  # an article naming two of its IRIs counts once, mentions added up
        for row in rows:
            if not row.get("a"):
                continue
            seen = by_article.setdefault(row["a"], dict(row, c=0, members=set()))
            if row["x"] not in seen["members"]:
                seen["members"].add(row["x"])
                seen["c"] += int(row["c"])
        articles = list(by_article.values())[:MAX_DETAIL_ITEMS]
        mentions = resolved.get(NG_IRI + "totalMentions")
        if mentions is None:
            mentions = self.count(f"SELECT ?n WHERE {{ GRAPH {self.totals} {{ <{iri}> ng:totalMentions ?n }} }}")
        return {
            "id": entity_id,
            "iri": iri,
            "name": name,
            "names": sorted(set(names) | ({name} if name else set())),
            "aliases": sorted((set(aliases) | set(names)) - {name}),  # its members' names too
            "type": kind,
            "mentions": int(mentions),
            "same_as": [m for m in members if m != iri],
            "first_reported": resolved.get(NG_IRI + "firstReported"),
            "last_reported": resolved.get(NG_IRI + "lastReported"),
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
    def _facts(self, cls: str, pattern: str, select: str, *, graph: str | None, limit: int | None, offset: int,
               by_date: bool = False) -> tuple[list[dict], int]:
        where = (
            f"GRAPH {f'<{graph}>' if graph else '?g'} {{ ?f a {cls} ; prov:wasDerivedFrom ?a ; ng:evidence ?s . "
            f"?s ng:sentenceText ?sentence ; ng:sentenceIndex ?index . OPTIONAL {{ ?f ng:confidence ?confidence }} {pattern} "
            # A fact is dated by its article: published, else the dateline's date.
            f"OPTIONAL {{ ?a schema:datePublished ?published }} OPTIONAL {{ ?a ng:datelineDate ?datelined }} }}"
        )
        total = self.count(f"SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE {{ {where} }}")
        order = "?date ?a ?index ?f" if by_date else "?a ?index ?f"
        page_of = "" if limit is None else f"LIMIT {int(limit)} OFFSET {int(offset)}"
        rows = self.select(
            f"SELECT ?f ?a ?sentence ?index ?confidence ?date {select} WHERE {{ {where} "
            f"BIND(SUBSTR(STR(COALESCE(?published, ?datelined, \"\")), 1, 10) AS ?date) }} "
            f"ORDER BY {order} {page_of}"
        )
        return rows, total

    def _fact_base(self, row: dict) -> dict:
        return {
            "iri": row["f"],
            "article": self.article_id(row["a"]),
            "evidence": {"sentence": int(row["index"]), "text": row["sentence"]},
            "confidence": row.get("confidence"),
            "date": row.get("date") or None,
        }

    def roles(self, *, person: str | None = None, organization: str | None = None, jurisdiction: str | None = None,
              graph: str | None = None, at: str | None = None, limit: int = 50, offset: int = 0) -> dict:
        if at is not None:
            return self._roles_at(person, organization, jurisdiction, at, limit, offset)
        pattern = ("?f ng:holder ?person ; schema:roleName ?role . OPTIONAL { ?f ng:organization ?org } "
                   "OPTIONAL { ?f ng:jurisdiction ?place } OPTIONAL { ?f ng:roleQualifier ?qualifier }")
        if person:
            pattern += self._in("?person", person)
        if organization:
            pattern += self._in("?org", organization)
        if jurisdiction:
            pattern += self._in("?place", jurisdiction)
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

    def _roles_at(self, person, organization, jurisdiction, at: str, limit: int, offset: int) -> dict:
        """Who held which role on the day ``at``, as the articles dated up to that day report it:
        for each role at an organisation (or for a place), the holders of its latest report
        on or before ``at`` (a report calling them "former" does not count); each item is
        that latest report."""
        found = self.roles(person=person, organization=organization, jurisdiction=jurisdiction,
                           limit=MAX_TIMELINE_ITEMS, offset=0)["items"]
        latest: dict[tuple, str] = {}
        reports: dict[tuple, dict] = {}
        for item in found:
            if not item["date"] or item["date"] > at or item.get("qualifier") == "former":
                continue
            seat = (item["role"].lower(), (item["organization"] or {}).get("iri"), (item["jurisdiction"] or {}).get("iri"))
            latest[seat] = max(latest.get(seat, ""), item["date"])
            key = (*seat, item["person"]["iri"])
            if key not in reports or (item["date"], item["article"]) >= (reports[key]["date"], reports[key]["article"]):
                reports[key] = item
        held = [item for key, item in reports.items() if item["date"] == latest[key[:3]]]
        held.sort(key=lambda i: (i["role"].lower(), i["person"]["id"], i["article"]))
        return page(held[offset: offset + limit], len(held), limit, offset)

    def timeline(self, entity_id: str) -> dict:
        """The roles the entity held (or that were held at it), with the first and last
        article dates reporting each and those articles; its figures and quotes by date."""
        iri, _ = self.members(entity_id)
        ref = self.refs({iri})[iri]
        own = self.select(f"SELECT ?p ?o WHERE {{ GRAPH {self.registry} {{ <{iri}> ?p ?o }} "
                          f"FILTER(?p IN (ng:firstReported, ng:lastReported)) }}")
        if ref["name"] is None:
            raise NotFound(f"no entity {entity_id} in the store")
        dates = {r["p"]: r["o"] for r in own}
        reports: list[dict] = []
        for role in ("person", "organization", "jurisdiction"):
            reports += self.roles(**{role: ref["id"]}, limit=MAX_TIMELINE_ITEMS)["items"]
        spans: dict[tuple, dict] = {}
        for item in reports:
            key = (item["person"]["iri"], item["role"].lower(), (item["organization"] or {}).get("iri"),
                   (item["jurisdiction"] or {}).get("iri"))
            span = spans.setdefault(key, {"person": item["person"], "role": item["role"],
                                          "organization": item["organization"], "jurisdiction": item["jurisdiction"],
                                          "dates": set(), "articles": {}})
            if item["date"]:
                span["dates"].add(item["date"])
            span["articles"][item["article"]] = item["date"] or "9999"
        roles = []
        for span in spans.values():
            ordered = sorted(span.pop("articles").items(), key=lambda pair: (pair[1], pair[0]))
            dated = sorted(span.pop("dates"))
            roles.append(dict(span, first=dated[0] if dated else None, last=dated[-1] if dated else None,
                              articles=[article for article, _ in ordered]))
        roles.sort(key=lambda r: (r["first"] or "9999", r["role"].lower(), r["person"]["id"]))

        def by_date(items: list[dict]) -> list[dict]:
            return sorted(items, key=lambda i: (i["date"] or "9999", i["article"], i["evidence"]["sentence"]))

        return {
            "entity": ref,
            "first_reported": dates.get(NG_IRI + "firstReported"),
            "last_reported": dates.get(NG_IRI + "lastReported"),
            "roles": roles,
            "figures": by_date(self.figures(subject=ref["id"], limit=MAX_TIMELINE_ITEMS)["items"]),
            "quotes": by_date(self.quotes(speaker=ref["id"], limit=MAX_TIMELINE_ITEMS)["items"]),
        }

    def figures(self, *, subject: str | None = None, about: str | None = None, unit: str | None = None,
                graph: str | None = None, limit: int = 50, offset: int = 0) -> dict:
        pattern = (
            "?f schema:value ?value ; ng:surfaceText ?text . ?f schema:unitCode|schema:unitText ?unit . "
            "OPTIONAL { ?f ng:qualifier ?qualifier } OPTIONAL { ?f ng:about ?about } "
            "OPTIONAL { ?f ng:period ?period } OPTIONAL { ?f ng:subject ?subject }"
        )
        if subject:
            pattern += self._in("?subject", subject)
        if about:
            pattern += f" FILTER(CONTAINS(LCASE(STR(?about)), {sparql_string(about.lower())}))"
        if unit:
            pattern += f" FILTER(STR(?unit) = {sparql_string(unit)})"
        # Asked about one entity or measure: a series, oldest article first.
        rows, total = self._facts("ng:Figure", pattern, "?value ?text ?unit ?qualifier ?about ?period ?subject",
                                  graph=graph, limit=limit, offset=offset, by_date=bool(subject or about))
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
            pattern += self._in("?speaker", speaker)
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
