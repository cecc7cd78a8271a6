"""The names ``newsgraph.store.base`` held before it was split, for code that imports them
from here: the store interface is in :mod:`.interface`, the entity totals' SPARQL in
:mod:`.totals`, queries' answers in :mod:`.results`, IRIs, literals and graph names in
:mod:`.terms`. New code imports from those modules (or from :mod:`newsgraph.store`)."""

from __future__ import annotations

from ..ontology import PREFIXES
from .interface import ArticleRecord, Store, StoreStats, check_export_format
from .results import (
    DATASET_FORMATS,
    EXPORT_FORMATS,
    GRAPH_FORMATS,
    MAX_RUNAWAY_QUERIES,
    RESULT_FORMATS,
    LineLimitedWriter,
    PreparedQuery,
    QueryResult,
    Runaways,
    _Stop,
    boolean_result,
    result_format,
    run_with_deadline,
    serialise_result,
    stream_from_writer,
    syntax_error,
    with_default_prefixes,
    write_solutions,
    write_triples,
)
from .terms import NG, RDFS, SCHEMA, graph_iri, graph_prefix, iri, literal, totals_iri
from .totals import change_totals, drop_zero_totals, entity_types_query, rebuild_totals, take_away_totals

__all__ = [
    "DATASET_FORMATS",
    "EXPORT_FORMATS",
    "GRAPH_FORMATS",
    "MAX_RUNAWAY_QUERIES",
    "NG",
    "PREFIXES",
    "RDFS",
    "RESULT_FORMATS",
    "SCHEMA",
    "ArticleRecord",
    "LineLimitedWriter",
    "PreparedQuery",
    "QueryResult",
    "Runaways",
    "Store",
    "StoreStats",
    "_Stop",
    "boolean_result",
    "change_totals",
    "check_export_format",
    "drop_zero_totals",
    "entity_types_query",
    "graph_iri",
    "graph_prefix",
    "iri",
    "literal",
    "rebuild_totals",
    "result_format",
    "run_with_deadline",
    "serialise_result",
    "stream_from_writer",
    "syntax_error",
    "take_away_totals",
    "totals_iri",
    "with_default_prefixes",
    "write_solutions",
    "write_triples",
]
