"""The newsgraph error family.

Every error newsgraph raises on purpose is a :class:`NewsgraphError` with a stable
``code`` and the HTTP ``status`` the API answers with::

    NewsgraphError
    ├── InvalidArticle (422)         text that cannot be read as an article
    │   ├── EmptyText (422)          empty or whitespace-only text
    │   ├── TextTooLong (413)        longer than the configured limit
    │   ├── NotUtf8 (422)            bytes that are not UTF-8
    │   └── UnsupportedLanguage (422) text in a language other than English
    ├── ExtractionFailed (422)       the spaCy model itself failed on the article
    ├── ExtractionTimeout (503)      the article's extraction ran past the time limit
    ├── ExtractionUnavailable (503)  no extraction worker could be started or reached
    ├── ModelNotFound (500)          no spaCy model could be loaded
    ├── InvalidGold (422)            a gold file for `newsgraph eval` has the wrong shape
    ├── InvalidSetting (500)         a setting holds a value newsgraph cannot use
    ├── StoreError (502)             the graph store failed or is unreachable
    │   └── StoreLocked (409)        the embedded store is owned by another process
    ├── BadQuery (400)               malformed or refused SPARQL
    ├── QueryTimeout (503)           a query ran past the time limit
    └── NotFound (404)               no such article, entity or graph

The CLI prints ``message`` and exits non-zero; the API turns the error into its one
JSON error shape.
"""

from __future__ import annotations

from typing import Any


class NewsgraphError(Exception):
    code = "newsgraph_error"
    status = 500

    def __init__(self, message: str, *, detail: Any = None):
        super().__init__(message)
        self.message = message
        self.detail = detail


class InvalidArticle(NewsgraphError):
    code = "invalid_article"
    status = 422


class EmptyText(InvalidArticle):
    code = "empty_text"


class TextTooLong(InvalidArticle):
    code = "text_too_long"
    status = 413


class NotUtf8(InvalidArticle):
    code = "not_utf8"


class UnsupportedLanguage(InvalidArticle):
    code = "unsupported_language"


class ExtractionFailed(NewsgraphError):
    """The spaCy model itself raised on this article. (A newsgraph component that raises
    costs only its own facts: a warning in the Extraction, not this error.)"""

    code = "extraction_failed"
    status = 422


class ExtractionTimeout(NewsgraphError):
    """The article's extraction ran past ``Settings.extraction_timeout``; nothing was stored."""

    code = "extraction_timeout"
    status = 503


class ExtractionUnavailable(NewsgraphError):
    """The service's extraction workers could not be started or reached."""

    code = "extraction_unavailable"
    status = 503


class ModelNotFound(NewsgraphError):
    code = "model_not_found"
    status = 500


class InvalidSetting(NewsgraphError):
    code = "invalid_setting"
    status = 500


class InvalidGold(NewsgraphError):
    code = "invalid_gold"
    status = 422


class StoreError(NewsgraphError):
    code = "store_error"
    status = 502


class StoreLocked(StoreError):
    code = "store_locked"
    status = 409


class BadQuery(NewsgraphError):
    code = "bad_query"
    status = 400


class QueryTimeout(NewsgraphError):
    code = "query_timeout"
    status = 503


class NotFound(NewsgraphError):
    code = "not_found"
    status = 404
