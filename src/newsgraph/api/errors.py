"""The API's one JSON error shape, and the handlers that produce it.

Every error response, whatever raised it, has the body::

    {"error": {"code": "<stable code>", "message": "<for people>", "detail": <any or null>}}

built by :func:`error_body`. Library errors (:class:`newsgraph.errors.NewsgraphError`)
carry their own ``code`` and ``status``; the HTTP-only errors below extend the same
family so a handler never guesses.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import NewsgraphError

log = logging.getLogger(__name__)


class BadRequest(NewsgraphError):
    code = "bad_request"
    status = 400


class Unauthorized(NewsgraphError):
    code = "unauthorized"
    status = 401


class Forbidden(NewsgraphError):
    code = "forbidden"
    status = 403


class NotAcceptable(NewsgraphError):
    code = "not_acceptable"
    status = 406


class PayloadTooLarge(NewsgraphError):
    code = "payload_too_large"
    status = 413


class UnsupportedMediaType(NewsgraphError):
    code = "unsupported_media_type"
    status = 415


class ErrorInfo(BaseModel):
    code: str = Field(description="Stable machine-readable code, e.g. 'bad_query', 'not_found'.")
    message: str = Field(description="What went wrong, for people.")
    detail: Any = Field(None, description="Extra structured information, or null.")


class ErrorResponse(BaseModel):
    """The body of every error response."""

    error: ErrorInfo


_STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    429: "too_many_requests",
    503: "unavailable",
}

# Documented once and attached to every route (see app.py) so OpenAPI shows the shape.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorResponse, "description": code.replace("_", " ")}
    for status, code in _STATUS_CODES.items()
    if status in (400, 401, 403, 404, 406, 413, 415, 422, 503)
}


def error_body(code: str, message: str, detail: Any = None) -> dict[str, Any]:
    """The one JSON error shape."""
    return {"error": {"code": code, "message": message, "detail": jsonable_encoder(detail)}}


def error_response(status: int, code: str, message: str, detail: Any = None, headers: dict | None = None) -> JSONResponse:
    return JSONResponse(error_body(code, message, detail), status_code=status, headers=headers)


def from_error(exc: NewsgraphError) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if isinstance(exc, Unauthorized) else None
    return error_response(exc.status, exc.code, exc.message, exc.detail, headers)


def _validation_detail(errors: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    # Drop the offending input: it can be megabytes long, or hold a secret.
    return [{"loc": list(e.get("loc", ())), "type": e.get("type"), "msg": e.get("msg")} for e in errors]


async def _newsgraph_error(request: Request, exc: NewsgraphError) -> JSONResponse:
    if exc.status >= 500:
        log.warning("%s %s -> %s %s", request.method, request.url.path, exc.status, exc.code)
    return from_error(exc)


async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = exc.errors()
    if any(e.get("type") == "json_invalid" for e in errors):
        return error_response(400, "bad_json", "the request body is not valid JSON", _validation_detail(errors))
    return error_response(422, "invalid_request", "the request does not match what this endpoint takes", _validation_detail(errors))


async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    code = _STATUS_CODES.get(exc.status_code, "http_error")
    message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
    if exc.status_code == 404 and message == "Not Found":
        message = f"no such endpoint: {request.url.path}"
    return error_response(exc.status_code, code, message, None, getattr(exc, "headers", None))


async def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    # The last line of defence: a bug must still answer in the one shape, without a trace.
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return error_response(500, "internal_error", "the server failed to answer this request; see its log")


def install_error_handlers(app: FastAPI) -> None:
    # Starlette types a handler as taking any Exception, so one for a subclass is refused
    # although Starlette only calls it with that subclass (encode/starlette#2417).
    app.add_exception_handler(NewsgraphError, _newsgraph_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _unexpected_error)
