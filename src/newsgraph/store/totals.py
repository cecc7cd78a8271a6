"""The entity totals, kept by every store in one graph besides the article graphs.

``{base}totals`` holds ``?entity ng:totalMentions ?n ; ng:articleCount ?k`` (and the
entity's type and one name, as ``schema:name`` and ``rdfs:label``) for every entity
some article names. Every write that adds, replaces or deletes
articles changes those totals by the articles' own ``ng:timesMentioned`` counts in
the same transaction, so "most mentioned" reads one row per entity instead of
summing over every article (0.4 s at a million triples). The embedded stores work the
change out in Python under their write lock; the SPARQL below does it inside a remote
store, where several processes may write at once.
"""

from __future__ import annotations

from collections.abc import Iterable

from .terms import NG, RDFS, SCHEMA, iri, totals_iri


def change_totals(totals: str, graphs: Iterable[str], sign: int) -> str:
    """A SPARQL Update adding (``sign`` 1) or taking away (-1) the mention counts of the
    article ``graphs`` (as they are when it runs) to or from the entity totals.

    Adding also names and types an entity the totals did not know, so a ranking needs no
    lookup in the article graphs (a popular entity's name is repeated in hundreds). Taking
    away must run before the graphs are dropped; it leaves zero totals behind, which
    :func:`drop_zero_totals` removes. Graphs that do not exist change nothing.
    """
    graphs = list(graphs)
    values = " ".join(iri(g) for g in graphs)
    op = "+" if sign > 0 else "-"
    update = f"""DELETE {{ GRAPH {iri(totals)} {{ ?e <{NG}totalMentions> ?t . ?e <{NG}articleCount> ?a }} }}
INSERT {{ GRAPH {iri(totals)} {{ ?e <{NG}totalMentions> ?t2 . ?e <{NG}articleCount> ?a2 }} }}
WHERE {{
  {{ {{ SELECT ?e (SUM(?c) AS ?d) (COUNT(?c) AS ?k)
       WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?e <{NG}timesMentioned> ?c }} }} GROUP BY ?e }}
     FILTER(BOUND(?e))  # rdflib makes one empty group out of no rows
  }}
  OPTIONAL {{ GRAPH {iri(totals)} {{ ?e <{NG}totalMentions> ?t . ?e <{NG}articleCount> ?a }} }}
  BIND(COALESCE(?t, 0) {op} ?d AS ?t2)
  BIND(COALESCE(?a, 0) {op} ?k AS ?a2)
}}"""
    if sign < 0:
        return update
    return f"""{update} ;
INSERT {{ GRAPH {iri(totals)} {{ ?e a ?type . ?e <{SCHEMA}name> ?name . ?e <{RDFS}label> ?name }} }}
WHERE {{
  {{ {{ SELECT ?e (MIN(?n) AS ?name) (SAMPLE(?k) AS ?type)
       WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?e <{NG}timesMentioned> ?c ; <{SCHEMA}name> ?n ; a ?k }} }}
       GROUP BY ?e }}
     FILTER(BOUND(?e))
  }}
  FILTER NOT EXISTS {{ GRAPH {iri(totals)} {{ ?e <{SCHEMA}name> ?known }} }}
}}"""


def drop_zero_totals(totals: str, graphs: Iterable[str]) -> str:
    """A SPARQL Update removing the entities of ``graphs`` no article names any more from the totals."""
    values = " ".join(iri(g) for g in graphs)
    return f"""DELETE {{ GRAPH {iri(totals)} {{ ?e ?p ?o }} }}
WHERE {{
  VALUES ?g {{ {values} }} GRAPH ?g {{ ?e <{NG}timesMentioned> ?c }}
  GRAPH {iri(totals)} {{ ?e <{NG}articleCount> ?a . ?e ?p ?o }}
  FILTER(?a <= 0)
}}"""


def take_away_totals(totals: str, graphs: list[str]) -> str:
    """The updates that take articles' counts out of the totals (before their graphs go)."""
    return f"{change_totals(totals, graphs, -1)} ;\n{drop_zero_totals(totals, graphs)}"


def entity_types_query(base_iri: str) -> str:
    """A SELECT counting the entities some stored article names, one column per type.

    Read from the totals (one row per entity); an entity IRI starts with its type
    (``{base}person/...``), so no type triple is joined."""
    from ..graph import ENTITY_CLASSES, _base

    base = _base(base_iri)
    sums = " ".join(
        f'(SUM(IF(STRSTARTS(STR(?e), "{base}{name.lower()}/"), 1, 0)) AS ?{name})' for name in ENTITY_CLASSES
    )
    return f"SELECT {sums} WHERE {{ GRAPH {iri(totals_iri(base_iri))} {{ ?e <{NG}articleCount> ?a }} }}"


def rebuild_totals(totals: str) -> str:
    """A SPARQL Update counting every entity's totals afresh from all article graphs (after
    writes newsgraph cannot follow, such as a user's SPARQL Update).

    Names and types already in the totals are kept; only entities new to them are looked
    up in the articles (the slow part: a popular entity's name is in every graph).
    """
    t = iri(totals)
    counted = f"GRAPH {t} {{ ?e <{NG}articleCount> ?a }}"
    return f"""DELETE WHERE {{ GRAPH {t} {{ ?e <{NG}totalMentions> ?t }} }} ;
DELETE WHERE {{ GRAPH {t} {{ ?e <{NG}articleCount> ?a }} }} ;
INSERT {{ GRAPH {t} {{ ?e <{NG}totalMentions> ?t . ?e <{NG}articleCount> ?a }} }}
WHERE {{
  {{ SELECT ?e (SUM(?c) AS ?t) (COUNT(?c) AS ?a)
     WHERE {{ GRAPH ?g {{ ?e <{NG}timesMentioned> ?c }} FILTER(?g != {t}) }} GROUP BY ?e }}
  FILTER(BOUND(?e))
}} ;
DELETE {{ GRAPH {t} {{ ?e ?p ?o }} }} WHERE {{ GRAPH {t} {{ ?e ?p ?o }} FILTER NOT EXISTS {{ {counted} }} }} ;
INSERT {{ GRAPH {t} {{ ?e a ?type . ?e <{SCHEMA}name> ?name . ?e <{RDFS}label> ?name }} }}
WHERE {{
  {{ SELECT ?e (MIN(?n) AS ?name) (SAMPLE(?k) AS ?type)
     WHERE {{ {counted} FILTER NOT EXISTS {{ GRAPH {t} {{ ?e <{SCHEMA}name> ?known }} }}
             GRAPH ?g {{ ?e <{NG}timesMentioned> ?c ; <{SCHEMA}name> ?n ; a ?k }} FILTER(?g != {t}) }}
     GROUP BY ?e }}
  FILTER(BOUND(?e))
}}"""
