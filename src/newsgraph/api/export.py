"""``GET /graph``: the whole dataset, streamed from the store in an RDF format."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import StreamingResponse

from ..formats import BY_NAME
from .deps import ServiceState, get_state
from .errors import ERROR_RESPONSES
from .negotiation import RDF_DATASET, by_format_name, negotiate
from .sparql import head_response

router = APIRouter(tags=["Export"], responses=ERROR_RESPONSES)



@router.get(
    "/graph",
    summary="Export every article's graph",
    responses={200: {"content": {m: {} for m in RDF_DATASET}, "description": "The dataset, streamed"}},
)
@router.head(
    "/graph",
    summary="The headers GET /graph would send, without the dataset",
    operation_id="export_graph_head",
    responses={200: {"content": {m: {} for m in RDF_DATASET}, "description": "The dataset's headers"}},
)
async def export_graph(
    request: Request,
    format: Annotated[str | None, Query(description="trig (default), nquads, turtle, ntriples or jsonld; overrides Accept.")] = None,
    state: ServiceState = Depends(get_state),
) -> Response:
    """TriG by default (named graphs kept); N-Quads, Turtle, N-Triples or JSON-LD by `Accept` or
    `?format=`. Streamed as the store produces it, never built in memory first. TriG, N-Quads
    and JSON-LD (one `@graph` per named graph) keep the graphs; Turtle and N-Triples flatten
    them into one."""
    media = by_format_name(format, RDF_DATASET) if format else negotiate(request.headers.get("accept"), RDF_DATASET, use_aliases=False)
    name = RDF_DATASET[media]
    headers = {"Content-Disposition": f'inline; filename="newsgraph.{BY_NAME[name].extension}"'}
    if request.method == "HEAD":
        return head_response(media, headers)
    store = state.get_store()
    # Ask for the first chunk here so a store error becomes a proper error response,
    # not a stream cut off after the 200 status line.
    chunks = await state.read(lambda: store.export(name))
    first = await state.read(next, chunks, b"")

    def body():
        if first:
            yield first
        yield from chunks

    return StreamingResponse(body(), media_type=media, headers=headers)
