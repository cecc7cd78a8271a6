"""JSON endpoints for web developers who do not write SPARQL: entities, roles, figures, quotes."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Body, Depends, Path, Query

from ..schema import EntityType
from .deps import ServiceState, get_state, require_article_write
from .errors import ERROR_RESPONSES
from .models import EntityDetail, EntitySummary, FigureOut, Page, QuoteOut, RoleOut, Timeline
from .views import Reader

router = APIRouter(tags=["Entities and facts"], responses=ERROR_RESPONSES)

Limit = Annotated[int, Query(ge=1, le=1000, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=1_000_000_000, description="Items to skip.")]
EntityId = Query(description="An entity id such as 'person/daren-tang'.", max_length=300)


def reader(state: ServiceState = Depends(get_state)) -> tuple[ServiceState, Reader]:
    return state, Reader(state.get_store(), state.settings.base_iri, state.settings.query_timeout)


@router.get("/entities", summary="Entities, most mentioned first", response_model=Page[EntitySummary])
async def list_entities(
    type: Annotated[EntityType | None, Query(description="Only this type.")] = None,
    q: Annotated[str | None, Query(description="Part of a name or alias, any case.", max_length=200)] = None,
    limit: Limit = 50,
    offset: Offset = 0,
    ctx: tuple[ServiceState, Reader] = Depends(reader),
) -> dict:
    state, r = ctx
    return await state.read(lambda: r.entities(type=type, q=q, limit=limit, offset=offset))


async def _decide(kind: str, entity_id: str, other: str, state: ServiceState) -> dict:
    from ..curation import decide

    return await state.write(decide, state.get_store(), kind, entity_id, other)


Other = Body(..., embed=True, alias="with", max_length=300,
             description="The other entity: an id such as 'organization/wipo', or its IRI.")


@router.post("/entities/{entity_id:path}/merge", summary="Record that two entities are one",
             dependencies=[Depends(require_article_write)])
async def merge_entities(
    entity_id: Annotated[str, Path(description="Entity id, e.g. 'organization/wipo'.")],
    other: Annotated[str, Other],
    state: ServiceState = Depends(get_state),
) -> dict:
    """Kept as a triple in the registry graph (ng:mergedWith): it holds whatever later articles
    say, survives re-ingest and goes with the exports. Answers what each now resolves to."""
    return await _decide("merge", entity_id, other, state)


@router.post("/entities/{entity_id:path}/split", summary="Record that two entities are different",
             dependencies=[Depends(require_article_write)])
async def split_entities(
    entity_id: Annotated[str, Path(description="Entity id, e.g. 'person/tang'.")],
    other: Annotated[str, Other],
    state: ServiceState = Depends(get_state),
) -> dict:
    """Kept as a triple in the registry graph (ng:distinctFrom); wins over the rules and over a merge."""
    return await _decide("split", entity_id, other, state)


@router.get("/entities/{entity_id:path}/timeline", summary="Roles, figures and quotes of one entity over time",
            response_model=Timeline)
async def get_timeline(
    entity_id: Annotated[str, Path(description="Entity id: type/slug, e.g. 'organization/wipo'; any IRI the "
                                                  "registry resolves to the entity will do.")],
    ctx: tuple[ServiceState, Reader] = Depends(reader),
) -> dict:
    state, r = ctx
    return await state.read(r.timeline, entity_id)


@router.get("/entities/{entity_id:path}", summary="One entity and what the articles say about it", response_model=EntityDetail)
async def get_entity(
    entity_id: Annotated[str, Path(description="Entity id: type/slug, e.g. 'person/daren-tang'.")],
    ctx: tuple[ServiceState, Reader] = Depends(reader),
) -> dict:
    state, r = ctx
    return await state.read(r.entity, entity_id)


@router.get("/roles", summary="Roles people hold", response_model=Page[RoleOut])
async def list_roles(
    person: Annotated[str | None, EntityId] = None,
    organization: Annotated[str | None, EntityId] = None,
    jurisdiction: Annotated[str | None, EntityId] = None,
    at: Annotated[dt.date | None, Query(description="A day (YYYY-MM-DD): who held each role then, as the latest "
                                                    "article dated up to that day reports it.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
    ctx: tuple[ServiceState, Reader] = Depends(reader),
) -> dict:
    state, r = ctx
    day = at.isoformat() if at is not None else None
    return await state.read(lambda: r.roles(person=person, organization=organization, jurisdiction=jurisdiction,
                                            at=day, limit=limit, offset=offset))


@router.get("/figures", summary="Figures the articles report (a series by date for a subject or measure)",
            response_model=Page[FigureOut])
async def list_figures(
    subject: Annotated[str | None, EntityId] = None,
    about: Annotated[str | None, Query(description="Part of what the figure measures.", max_length=200)] = None,
    unit: Annotated[str | None, Query(description="ISO 4217 code, 'percent', 'count', ...", max_length=50)] = None,
    limit: Limit = 50,
    offset: Offset = 0,
    ctx: tuple[ServiceState, Reader] = Depends(reader),
) -> dict:
    state, r = ctx
    return await state.read(lambda: r.figures(subject=subject, about=about, unit=unit, limit=limit, offset=offset))


@router.get("/quotes", summary="Who said what", response_model=Page[QuoteOut])
async def list_quotes(
    speaker: Annotated[str | None, EntityId] = None,
    limit: Limit = 50,
    offset: Offset = 0,
    ctx: tuple[ServiceState, Reader] = Depends(reader),
) -> dict:
    state, r = ctx
    return await state.read(lambda: r.quotes(speaker=speaker, limit=limit, offset=offset))
