"""The Extraction schema: what newsgraph reads from one article.

These pydantic models are the public JSON schema, shared unchanged by the library,
the CLI and the HTTP API.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

EntityType = Literal["Person", "Organization", "Place", "Other"]


class Evidence(BaseModel):
    """Where a fact was read: the sentence index, its character span and text."""

    sentence: int = Field(description="Index of the sentence in the article, from 0.")
    start: int = Field(description="Character offset where the sentence starts.")
    end: int = Field(description="Character offset where the sentence ends (exclusive).")
    text: str = Field(description="The sentence, exactly as in the article.")


class Dateline(BaseModel):
    place: str | None = None
    date: str | None = Field(None, description="ISO date (YYYY-MM-DD) when it can be resolved.")
    agency: str | None = None


class Article(BaseModel):
    id: str = Field(description="Stable id derived from the normalised text.")
    title: str | None = None
    url: str | None = None
    published: str | None = Field(None, description="ISO date or date-time of publication.")
    source: str | None = None
    language: str = Field(description="ISO 639-1 code of the article's language.")
    dateline: Dateline | None = None


class Mention(BaseModel):
    start: int
    end: int
    text: str


class Entity(BaseModel):
    id: str = Field(description="Id of the entity within this extraction (e1, e2, ...).")
    type: EntityType
    name: str = Field(description="Canonical name.")
    aliases: list[str] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)


RoleQualifier = Literal["former", "acting", "then", "interim", "incoming", "outgoing"]


class Role(BaseModel):
    person: str
    role: str
    organization: str | None = Field(None, description="Entity id of the organisation the role is held at.")
    jurisdiction: str | None = Field(
        None, description="Entity id of the place (country, region, city) a title names: "
        "\"U.S. President\", \"governor of Ohio\". Set instead of organization.")
    qualifier: RoleQualifier | None = Field(
        None, description="When the role is held: 'former', 'acting', 'then' (at the time), ...")
    evidence: Evidence
    confidence: float = Field(ge=0, le=1)


class Figure(BaseModel):
    text: str = Field(description="The figure as written.")
    value: float
    unit: str = Field(description="ISO 4217 code, 'percent', 'fraction', 'count' or a unit of measure.")
    qualifier: str | None = None
    about: str | None = Field(None, description="What the number measures.")
    subject: str | None = Field(None, description="Entity the figure belongs to.")
    period: str | None = None
    start: int = Field(description="Character offset of the figure's text.")
    end: int
    evidence: Evidence
    confidence: float = Field(ge=0, le=1)


class Quote(BaseModel):
    speaker: str
    text: str
    verb: str
    direct: bool
    start: int = Field(description="Character offset of the quoted or reported text.")
    end: int
    evidence: Evidence
    confidence: float = Field(ge=0, le=1)


class Relation(BaseModel):
    subject: str
    predicate: str = Field(description="partOf, locatedIn, basedIn, livesIn, killed, memberOf, ...")
    object: str
    evidence: Evidence
    confidence: float = Field(ge=0, le=1)


class ComponentWarning(BaseModel):
    """A newsgraph component that failed on this article, or was skipped: its facts are
    missing from the Extraction; everything the other components found is there."""

    component: str = Field(description="The component: paragraphs, dateline, entities, figures, roles, "
                           "quotes, relations or assemble.")
    error: str = Field(description="What went wrong, as 'ExceptionType: message'.")


class Extraction(BaseModel):
    article: Article
    entities: list[Entity] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    warnings: list[ComponentWarning] = Field(
        default_factory=list,
        description="Components that failed on this article (their facts are missing); empty when all ran.",
    )

    def entity(self, entity_id: str | None) -> Entity | None:
        """The entity with this id, or None."""
        if entity_id is None:
            return None
        for entity in self.entities:
            if entity.id == entity_id:
                return entity
        return None
