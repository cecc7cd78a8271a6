"""Doc extensions where newsgraph's components leave what they find.

Components write plain dataclasses onto ``doc._``; :mod:`newsgraph.extract` turns
them into the public pydantic schema. Keeping spaCy objects out of the schema lets
the components be tested on hand-built Docs.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

EXTENSIONS = (
    "ng_entities",   # list[EntityCluster]
    "ng_token_entity",  # dict[token index -> EntityCluster]
    "ng_roles",      # list[RoleFact]
    "ng_figures",    # list[FigureFact]
    "ng_quotes",     # list[QuoteFact]
    "ng_relations",  # list[RelationFact]
    "ng_dateline",   # DatelineFact | None
)


# Where doc._.ng_token_entity is kept (spaCy's key layout for Doc extensions)
TOKEN_INDEX_KEY = ("._.", "ng_token_entity", None, None)
_EMPTY: dict = {}


def register_extensions() -> None:
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


@dataclass(eq=False)
class EntityCluster:
    """One real-world thing the article talks about, with all its mentions."""

    type: str  # Person | Organization | Place | Other
    name: str
    mentions: list[Span] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)

    def add_alias(self, alias: str) -> None:
        if alias and alias != self.name and alias not in self.aliases:
            self.aliases.append(alias)


@dataclass
class RoleFact:
    person: EntityCluster
    role: str
    organization: EntityCluster | None
    sentence: Span
    confidence: float


@dataclass
class FigureFact:
    span: Span
    value: float
    unit: str
    qualifier: str | None
    about: str | None
    subject: EntityCluster | None
    period: str | None
    confidence: float


@dataclass
class QuoteFact:
    speaker: EntityCluster
    start: int  # character offsets of the quoted or reported text
    end: int
    verb: str
    direct: bool
    sentence: Span
    confidence: float


@dataclass
class RelationFact:
    subject: EntityCluster
    predicate: str
    object: EntityCluster
    sentence: Span
    confidence: float


@dataclass
class DatelineFact:
    place: str | None
    month: int | None
    day: int | None
    agency: str | None
    end: int = 0  # character offset where the story text after the dateline starts
    place_span: tuple[int, int] | None = None  # character offsets in the text
    agency_span: tuple[int, int] | None = None


_HEADER = re.compile(r"\A\s*date\s+\d{4}-\d{2}-\d{2}\b[^\n]*")
_HEADLINE = re.compile(r"\A\s*([^\n]{1,200})\n\s*\n")


def headline_end(doc: Doc) -> int:
    """Character offset where the body starts after a header or headline line (0 if none).

    A headline repeats the story's facts, so facts are read from the body only.
    """
    if "ng_headline_end" not in doc.user_data:
        text = doc.text[:400]
        match = _HEADER.match(text) or _HEADLINE.match(text)
        end = 0
        if match and not match.group(0).rstrip().endswith((".", "!", "?", '"', "”", ":")):
            end = match.end() + len(text[match.end():]) - len(text[match.end():].lstrip())
        doc.user_data["ng_headline_end"] = end
    return doc.user_data["ng_headline_end"]


def entity_at(doc: Doc, token: Token | int) -> EntityCluster | None:
    """The entity a token belongs to, if any."""
    index = token if isinstance(token, int) else token.i
    # read user_data directly: going through doc._ costs more than the lookup itself
    return doc.user_data.get(TOKEN_INDEX_KEY, _EMPTY).get(index)


def sentence_index(doc: Doc, sentence: Span) -> int:
    starts = doc.user_data.get("ng_sentence_starts")
    if starts is None:
        starts = [sent.start for sent in doc.sents]
        doc.user_data["ng_sentence_starts"] = starts
    return bisect_right(starts, sentence.start) - 1
