"""``/health`` and ``/stats``."""

from __future__ import annotations

import re

from fastapi import APIRouter, Depends

from .. import __version__
from .deps import ServiceState, get_state
from .errors import ERROR_RESPONSES
from .models import Health, Stats

router = APIRouter(tags=["Service"], responses=ERROR_RESPONSES)


def describe_store(spec: str) -> str:
    """The store setting with any password in a URL hidden."""
    return re.sub(r"//([^:/@]+):[^@/]*@", r"//\1:***@", spec)


def describe_model(nlp) -> str | None:
    if nlp is None:
        return None
    meta = nlp.meta
    return f"{meta.get('lang', '?')}_{meta.get('name', '?')} {meta.get('version', '?')}"


@router.get("/health", summary="Is the service up", response_model=Health)
async def health(state: ServiceState = Depends(get_state)) -> dict:
    return {
        "status": "ok",
        "version": __version__,
        "model": state.model_description or describe_model(state.nlp),
        "store": describe_store(state.settings.store),
    }


@router.get("/stats", summary="Articles, entities by type, triples", response_model=Stats)
async def stats(state: ServiceState = Depends(get_state)) -> dict:
    # The store's own figures, the same `newsgraph stats` prints.
    result = await state.read(state.get_store().stats)
    return {"articles": result.articles, "entities": result.entities, "triples": result.triples}
