"""Graph stores: ``memory``, ``oxigraph:DIR`` (the default) and ``sparql:URL``.

:func:`open_store` picks the backend from the settings' ``store`` spec; all three
implement :class:`Store`.
"""

from __future__ import annotations

from ..errors import StoreError
from ..settings import Settings
from ..sparql_tokens import query_kind
from .interface import ArticleRecord, Store, StoreStats
from .results import EXPORT_FORMATS, GRAPH_FORMATS, RESULT_FORMATS, PreparedQuery, QueryResult

DEFAULT_DIRECTORY = "./newsgraph-data"


def open_store(settings: Settings | None = None, *, spec: str | None = None, create: bool = True) -> Store:
    """Open the store ``spec`` names (``settings.store`` when not given).

    ``memory`` | ``oxigraph:DIR`` (``oxigraph`` alone: ./newsgraph-data) | ``sparql:URL``.
    ``create=False`` (commands that only read) refuses an embedded store that does not
    exist yet instead of making an empty one, so a mistyped path is an error.
    """
    settings = settings or Settings()
    spec = (spec or settings.store).strip()
    kind, _, target = spec.partition(":")
    kind = kind.lower()
    if kind == "memory" and not target:
        from .memory import MemoryStore

        return MemoryStore(base_iri=settings.base_iri, query_timeout=settings.query_timeout, max_rows=settings.max_rows)
    if kind == "oxigraph":
        from .oxigraph import OxigraphStore

        return OxigraphStore(
            target or DEFAULT_DIRECTORY, query_processes=settings.query_processes,
            query_staleness=settings.query_staleness, create=create, base_iri=settings.base_iri,
            query_timeout=settings.query_timeout, max_rows=settings.max_rows,
        )
    if kind == "sparql" and target:
        from .sparql import SparqlStore

        return SparqlStore(
            target,
            update_url=settings.store_update_url,
            user=settings.store_user,
            password=settings.store_password,
            auth=settings.store_auth,
            base_iri=settings.base_iri,
            query_timeout=settings.query_timeout,
            max_rows=settings.max_rows,
        )
    raise StoreError(
        f"unknown store {spec!r}: use 'memory', 'oxigraph:DIR' or 'sparql:URL' (e.g. sparql:http://host:8890/sparql)"
    )


__all__ = [
    "EXPORT_FORMATS",
    "GRAPH_FORMATS",
    "RESULT_FORMATS",
    "ArticleRecord",
    "PreparedQuery",
    "QueryResult",
    "Store",
    "StoreStats",
    "open_store",
    "query_kind",
]
