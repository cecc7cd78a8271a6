"""``POST /extract``: a dry run. The Extraction and the triples it would write; nothing stored."""

from __future__ import annotations

import json

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse

from ..graph import as_rdflib_graph
from ..jsonld import from_rdflib, graph_document
from .articles import _ARTICLE_BODY, read_article, unless_client_leaves
from .deps import ServiceState, get_state
from .errors import ERROR_RESPONSES
from .models import ExtractDryRun
from .negotiation import EXTRACT, negotiate

router = APIRouter(tags=["Articles"], responses=ERROR_RESPONSES)


@router.post(
    "/extract",
    summary="Dry run: extract an article without storing it",
    openapi_extra=_ARTICLE_BODY,
    response_model=ExtractDryRun,
    responses={200: {"content": {m: {} for m in EXTRACT}, "description": "The extraction and its triples"}},
)
async def extract_article(request: Request, state: ServiceState = Depends(get_state)) -> Response:
    """Same bodies as `POST /articles`. `Accept: application/json` (default) gives the Extraction
    with its triples as JSON-LD; `application/ld+json` or `text/turtle` give only the triples."""
    media = negotiate(request.headers.get("accept"), EXTRACT, use_aliases=False)
    item = read_article(request, await request.body(), state.settings.max_chars)
    extracted = await unless_client_leaves(request, state.extract(item))
    extraction_json, triples = extracted.json, extracted.triples
    graph = await state.read(as_rdflib_graph, triples)
    kind = EXTRACT[media]
    if kind == "turtle":
        return Response(await state.read(lambda: graph.serialize(format="turtle")), media_type=media)
    # rdflib's serializers are pure Python: off the event loop.
    jsonld = await state.read(lambda: graph_document(from_rdflib(graph), str(graph.identifier)))
    if kind == "jsonld":
        return JSONResponse(jsonld, media_type=media)
    return JSONResponse(
        {
            "extraction": json.loads(extraction_json),
            "graph": str(graph.identifier),
            "triples": len(graph),
            "jsonld": jsonld,
        }
    )
