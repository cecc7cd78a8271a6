"""One settings object for the whole tool.

Every option is declared once here with its default and help text. Values come
from ``NEWSGRAPH_*`` environment variables and can be overridden by CLI flags
(``Settings(**overrides)``) or injected directly in tests.
"""

from __future__ import annotations

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NEWSGRAPH_", extra="ignore")

    # --- NLP -----------------------------------------------------------------
    model: str | None = Field(
        None,
        description="spaCy model name or path. Overrides the automatic choice "
        "(official en_core_web_md, official en_core_web_sm, vendored md, vendored sm).",
    )
    max_chars: int = Field(
        1_000_000,
        description="Longest article text accepted, in characters; at most 1,000,000, the longest text "
        "the spaCy model accepts (its max_length).",
    )
    learned_relations: bool = Field(
        True,
        description="Run the trained relation classifier after the rules (newsgraph.nlp.learned): it adds "
        "memberOf / livesIn / basedIn / locatedIn / killed relations the rules miss and the organisation or "
        "place of a role the rules left without one. false: rules only.",
    )
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
    query_processes: int = Field(
        3,
        description="Child processes that run users' SPARQL queries on the embedded store, each killed "
        "when its query passes the time limit; 0 runs queries in threads, which cannot be stopped. "
        "The children read snapshots of the store (RocksDB checkpoints taken between writes), never "
        "the directory being written.",
    )
    query_staleness: float = Field(
        0.5,
        description="Seconds a SPARQL query sent over HTTP may lag behind other clients' writes (embedded "
        "store with query processes: a new snapshot is taken at most about that often under writes). A client's "
        "queries in that long after its own write, and queries sent with 'Cache-Control: no-cache', see "
        "every write. 0: every query sees every acknowledged write.",
    )

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

    @field_validator("max_chars")
    @classmethod
    def _within_the_model(cls, value: int) -> int:
        if value < 1:
            raise ValueError("NEWSGRAPH_MAX_CHARS must be a positive number of characters")
        if value > MODEL_MAX_CHARS:
            raise ValueError(
                f"NEWSGRAPH_MAX_CHARS is {value:,}, but the spaCy model reads at most {MODEL_MAX_CHARS:,} "
                "characters at once (spaCy error E088); set it to 1000000 or less"
            )
        return value

    @field_validator("query_timeout")
    @classmethod
    def _positive_timeout(cls, value: float) -> float:
        if not value > 0:
            raise ValueError("NEWSGRAPH_QUERY_TIMEOUT must be a positive number of seconds")
        return value

    @field_validator("query_staleness")
    @classmethod
    def _staleness(cls, value: float) -> float:
        if not 0 <= value <= 60:
            raise ValueError("NEWSGRAPH_QUERY_STALENESS must be between 0 and 60 seconds")
        return value

    @field_validator("query_processes")
    @classmethod
    def _processes(cls, value: int) -> int:
        if value < 0:
            raise ValueError("NEWSGRAPH_QUERY_PROCESSES must be 0 (queries in threads) or more")
        return value


# spaCy's Language.max_length: longer texts are refused (E088) because the parser and the
# entity recogniser need about a gigabyte per 100,000 characters.
MODEL_MAX_CHARS = 1_000_000


def declared_defaults() -> Settings:
    """Every setting at its declared default, the environment not read: what the pure core
    (``extract()``, ``to_graph()``) uses when it is handed no settings. The CLI and the
    service build ``Settings()`` from the environment and hand it down."""
    return Settings.model_construct()
