"""Hand-built articles for the entity registry tests (texts written for these tests)."""

from __future__ import annotations

from graph_examples import Text

from newsgraph.schema import Article, Dateline, Entity, Extraction, Role


def article(article_id: str, text: str, entities: list[tuple], *, published: str | None = None,
            dateline: str | None = None, roles: list[tuple] = ()) -> Extraction:
    """An Extraction of ``text``: ``entities`` are (id, type, name, [aliases]); every
    whole-word occurrence of the name and aliases is a mention. ``roles`` are (person id,
    role, organisation id, words of the sentence stating it)."""
    t = Text(text)
    built = []
    for entity_id, kind, name, *rest in entities:
        aliases = list(rest[0]) if rest else []
        mentions = t.mentions(name, *aliases)
        built.append(Entity(id=entity_id, type=kind, name=name, aliases=aliases, mentions=mentions))
    return Extraction(
        article=Article(id=article_id, title=text.split(".")[0], published=published, language="en",
                        dateline=Dateline(date=dateline) if dateline else None),
        entities=built,
        roles=[Role(person=p, role=r, organization=o, evidence=t.evidence(words), confidence=0.9)
               for p, r, o, words in roles],
    )


WIPO_ONLY = article(
    "wipo-only",
    "WIPO opened a new office in Singapore. WIPO said the office would help small firms.",
    [("e1", "Organization", "WIPO"), ("e2", "Place", "Singapore")],
    published="2025-01-10",
)

WIPO_FULL = article(
    "wipo-full",
    "The World Intellectual Property Organization (WIPO) published its yearly report. "
    "The report counts patent filings in Asia.",
    [("e1", "Organization", "World Intellectual Property Organization", ["WIPO"]), ("e2", "Place", "Asia")],
    published="2025-03-02",
)

WIPO_ROLE = article(
    "wipo-role",
    "Daren Tang, WIPO's director general, spoke in Geneva. "
    "The World Intellectual Property Organization (WIPO) hosts the talks. Tang praised the members.",
    [("e1", "Person", "Daren Tang", ["Tang"]), ("e2", "Place", "WIPO"),
     ("e3", "Organization", "World Intellectual Property Organization", ["WIPO"]), ("e4", "Place", "Geneva")],
    dateline="2025-06-20",
    roles=[("e1", "director general", "e3", "Daren Tang")],
)

# A later article about a different director general at the same organisation.
WIPO_LATER = article(
    "wipo-later",
    "Mira Okafor became director general of WIPO. Okafor takes over from the previous head.",
    [("e1", "Person", "Mira Okafor", ["Okafor"]), ("e2", "Organization", "WIPO")],
    published="2027-02-01",
    roles=[("e1", "director general", "e2", "Mira Okafor")],
)

TANG_OTHER = article(
    "tang-other",
    "Audrey Tang visited a school in Taipei. Tang spoke about open software.",
    [("e1", "Person", "Audrey Tang", ["Tang"]), ("e2", "Place", "Taipei")],
    published="2025-02-01",
)

TANG_BARE = article(
    "tang-bare",
    "Tang said the plan was sound.",
    [("e1", "Person", "Tang")],
    published="2025-04-01",
)

# Two organisations both abbreviated "WIPO"; then an article naming only the acronym.
OTHER_WIPO = article(
    "other-wipo",
    "The Western Isles Power Office (WIPO) raised its prices. Customers wrote to WIPO.",
    [("e1", "Organization", "Western Isles Power Office", ["WIPO"])],
    published="2025-05-05",
)
