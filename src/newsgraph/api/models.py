"""Request and response models of the JSON endpoints (their OpenAPI schemas)."""

from __future__ import annotations

from typing import Literal, TypeVar

from pydantic import BaseModel, Field

from ..schema import ComponentWarning, EntityType, Extraction

T = TypeVar("T")


class Page[T](BaseModel):
    items: list[T]
    total: int = Field(description="How many items match, over all pages.")
    limit: int
    offset: int


class EntityRef(BaseModel):
    id: str = Field(description="Entity id used in URLs: type/slug, e.g. 'person/daren-tang'.")
    iri: str
    name: str | None
    type: EntityType | None


class EntitySummary(EntityRef):
    mentions: int = Field(description="Mentions over all articles.")
    articles: int = Field(description="Articles that mention it.")


class EvidenceOut(BaseModel):
    sentence: int = Field(description="Index of the sentence in its article.")
    text: str


class FactBase(BaseModel):
    iri: str
    article: str = Field(description="Id of the article the fact was read from.")
    evidence: EvidenceOut
    confidence: float | None = None
    date: str | None = Field(None, description="Date of the article it was read from: its publication date, "
                             "else its dateline's date (YYYY-MM-DD).")


class RoleOut(FactBase):
    person: EntityRef
    role: str
    organization: EntityRef | None = None
    jurisdiction: EntityRef | None = Field(None, description="The place a title names (\"U.S. President\").")
    qualifier: str | None = Field(None, description="former, acting, then, interim, ...")


class FigureOut(FactBase):
    text: str
    value: float
    unit: str
    qualifier: str | None = None
    about: str | None = None
    period: str | None = None
    subject: EntityRef | None = None


class QuoteOut(FactBase):
    speaker: EntityRef
    text: str
    verb: str
    direct: bool


class EntityArticle(BaseModel):
    id: str
    iri: str
    title: str | None = None
    published: str | None = None
    mentions: int


class EntityDetail(BaseModel):
    id: str
    iri: str
    name: str | None
    names: list[str]
    aliases: list[str]
    type: EntityType | None
    mentions: int
    articles: list[EntityArticle] = Field(description="Articles that mention it, newest first (at most 100).")
    roles_held: list[RoleOut]
    roles_at: list[RoleOut] = Field(description="Roles people hold at this organisation.")
    figures: list[FigureOut]
    quotes: list[QuoteOut]
    same_as: list[str] = Field(default_factory=list, description="The other IRIs the articles gave this entity, "
                               "which the entity registry resolves to it (owl:sameAs).")
    first_reported: str | None = Field(None, description="Date of the earliest dated article naming it.")
    last_reported: str | None = Field(None, description="Date of the latest dated article naming it.")


class TimelineRole(BaseModel):
    person: EntityRef
    role: str
    organization: EntityRef | None = None
    jurisdiction: EntityRef | None = None
    first: str | None = Field(None, description="Date of the earliest article reporting it.")
    last: str | None = Field(None, description="Date of the latest article reporting it.")
    articles: list[str] = Field(description="Ids of the articles reporting it, oldest first.")


class Timeline(BaseModel):
    entity: EntityRef
    first_reported: str | None = None
    last_reported: str | None = None
    roles: list[TimelineRole] = Field(description="Roles it held, or held at it, with the span of article dates "
                                      "that report them, oldest first.")
    figures: list[FigureOut] = Field(description="Figures about it, oldest article first.")
    quotes: list[QuoteOut] = Field(description="What it said, oldest article first.")


class ArticleEntity(EntityRef):
    mentions: int


class DatelineOut(BaseModel):
    place: str | None = None
    agency: str | None = None
    date: str | None = None


class StoredArticle(BaseModel):
    """An article as the store holds it (read back from its named graph)."""

    id: str
    iri: str
    graph: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    source: str | None = None
    language: str | None = None
    dateline: DatelineOut | None = None
    extractor_version: str | None = None
    triples: int
    entities: list[ArticleEntity]
    roles: list[RoleOut]
    figures: list[FigureOut]
    quotes: list[QuoteOut]


class ArticleSummary(BaseModel):
    id: str
    iri: str
    graph: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    triples: int


class ArticleCreated(Extraction):
    """The Extraction JSON of a newly stored article, plus where it went."""

    iri: str = Field(description="IRI of the article node.")
    graph: str = Field(description="IRI of the article's named graph.")
    triples: int = Field(description="Triples written.")


class BatchError(BaseModel):
    code: str
    message: str
    detail: object | None = None


class BatchItem(BaseModel):
    index: int = Field(description="Position of the article in the request, from 0.")
    status: int = Field(description="201 stored now, 200 stored before (nothing written), or the error's "
                        "status (nothing stored for this article).")
    id: str | None = None
    iri: str | None = None
    graph: str | None = None
    triples: int | None = None
    warnings: list[ComponentWarning] = Field(
        default_factory=list, description="Components that failed on this article: it was stored without their facts."
    )
    error: BatchError | None = None


class BatchResult(BaseModel):
    """The answer to a batch (always 200): one result per article, in the request's order.
    Exactly the articles with status 201 were written by this request."""

    created: int
    existing: int
    failed: int
    results: list[BatchItem]


class ExtractDryRun(BaseModel):
    extraction: Extraction
    graph: str = Field(description="IRI of the named graph the article would be stored in.")
    triples: int
    jsonld: object = Field(description="The triples as JSON-LD.")


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    model: str | None
    store: str


class Stats(BaseModel):
    articles: int
    entities: dict[str, int] = Field(description="Distinct entities mentioned, by type.")
    triples: int
