"""One settings object for the whole tool.

Every option is declared once here with its default and help text. Values come
from ``NEWSGRAPH_*`` environment variables and can be overridden by CLI flags
(``Settings(**overrides)``) or injected directly in tests.
"""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NEWSGRAPH_", extra="ignore")

    # --- NLP -----------------------------------------------------------------
    model: str | None = Field(
        None,
        description="spaCy model name or path. Overrides the automatic choice "
        "(official en_core_web_md, official en_core_web_sm, vendored md, vendored sm).",
    )
    max_chars: int = Field(1_000_000, description="Longest article text accepted, in characters.")
    extraction_timeout: float = Field(
        120.0,
        ge=0,
        description="Seconds one article's extraction may take (0: no limit). The service stops the worker "
        "that runs past it and refuses the article (503 extraction_timeout, nothing stored); the library "
        "and the CLI skip the components still to run (warnings in the Extraction).",
    )

    # --- Graph and store -------------------------------------------------------
    base_iri: str = Field(
        "https://w3id.org/newsgraph/id/",
        description="Base IRI under which entity, article and fact IRIs are minted.",
    )
    store: str = Field(
        "oxigraph:./newsgraph-data",
        description="Where the graph lives: 'oxigraph:DIR' (embedded, persistent), "
        "'memory' (throw-away) or 'sparql:URL' (remote SPARQL 1.1 endpoint).",
    )
    store_update_url: str | None = Field(
        None, description="SPARQL Update URL of a remote store (defaults to the query URL)."
    )
    store_user: str | None = Field(None, description="User name for a remote store.")
    store_password: str | None = Field(None, description="Password for a remote store.")
    store_auth: str = Field("digest", description="HTTP auth scheme for a remote store: 'digest' or 'basic'.")

    # --- Queries -----------------------------------------------------------------
    query_timeout: float = Field(10.0, description="Seconds a SPARQL query may run before it is stopped.")
    max_rows: int = Field(10_000, description="Most result rows returned by one SPARQL query.")
    max_query_chars: int = Field(100_000, description="Longest SPARQL query accepted, in characters.")

    # --- HTTP service ----------------------------------------------------------
    host: str = Field("127.0.0.1", description="Address the HTTP service listens on.")
    port: int = Field(8000, description="Port the HTTP service listens on.")
    api_token: str | None = Field(
        None, description="Bearer token required for every write. Unset: writes through SPARQL are refused."
    )
    cors_origins: list[str] = Field(default_factory=list, description="Origins allowed by CORS.")
    max_body_bytes: int = Field(2_000_000, description="Largest request body accepted, in bytes.")
    max_concurrent_extractions: int = Field(2, description="Articles extracted at the same time by the service.")
    extraction_processes: bool = Field(
        True,
        description="Extract in worker processes (one model each) so the service keeps answering "
        "other requests at full speed; false: in threads of the server process (one model in memory).",
    )
