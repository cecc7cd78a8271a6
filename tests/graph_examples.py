"""Small hand-built Extractions for the graph, ontology and query tests.

The texts are written for these tests. Offsets and evidence are computed from the
text, so every span slices to its words exactly as the extractor's would.
"""

from __future__ import annotations

import re

from newsgraph.schema import (
    Article,
    Dateline,
    Entity,
    Evidence,
    Extraction,
    Figure,
    Mention,
    Quote,
    Relation,
    Role,
)

BASE = "https://example.org/ng/"
VERSION = "test-version"

_SENTENCE_END = re.compile(r"(?<=[.!?\"])\s+(?=[A-Z\"])")


class Text:
    """An article text with helpers that find spans and their sentences."""

    def __init__(self, text: str):
        self.text = text
        self.sentences: list[tuple[int, int]] = []
        start = 0
        for match in _SENTENCE_END.finditer(text):
            self.sentences.append((start, match.start()))
            start = match.end()
        self.sentences.append((start, len(text)))

    def find(self, words: str, nth: int = 0) -> tuple[int, int]:
        start = -1
        for _ in range(nth + 1):
            start = self.text.index(words, start + 1)
        return start, start + len(words)

    def mentions(self, *words: str) -> list[Mention]:
        """One mention per occurrence of each of ``words`` (whole words only)."""
        found = []
        for word in words:
            for match in re.finditer(rf"\b{re.escape(word)}\b", self.text):
                found.append(Mention(start=match.start(), end=match.end(), text=word))
        return sorted(found, key=lambda m: m.start)

    def evidence(self, words: str, nth: int = 0) -> Evidence:
        start, _ = self.find(words, nth)
        for index, (s, e) in enumerate(self.sentences):
            if s <= start < e:
                return Evidence(sentence=index, start=s, end=e, text=self.text[s:e])
        raise ValueError(words)


INNOVATION = Text(
    "SHENZHEN, Sept. 2 (Xinhua) -- Shenzhen leads the innovation ranking of the World Intellectual "
    "Property Organization (WIPO) this year. WIPO director general Daren Tang said that clusters turn "
    "research into jobs. Shenzhen spent 223.66 billion yuan on research in 2024, about 6.46 percent of "
    "its output. \"Patents matter once they reach the market,\" said Liu Chenli, president of the "
    "Shenzhen Institute of Advanced Technology, part of the Chinese Academy of Sciences in Shenzhen."
)


def innovation() -> Extraction:
    """A wire story: dateline, two roles, two figures, two quotes, two relations."""
    t = INNOVATION
    return Extraction(
        article=Article(
            id="a000000000000001",
            title="Shenzhen leads innovation ranking",
            url="https://news.example.org/2025/09/02/shenzhen",
            published="2025-09-02",
            source="innovation.txt",
            language="en",
            dateline=Dateline(place="Shenzhen", date="2025-09-02", agency="Xinhua"),
        ),
        entities=[
            Entity(id="e1", type="Place", name="Shenzhen", aliases=["SHENZHEN"],
                   mentions=t.mentions("SHENZHEN", "Shenzhen")[:3] + t.mentions("Shenzhen")[-1:]),
            Entity(id="e2", type="Organization", name="Xinhua", mentions=t.mentions("Xinhua")),
            Entity(id="e3", type="Organization", name="World Intellectual Property Organization",
                   aliases=["WIPO"],
                   mentions=t.mentions("World Intellectual Property Organization") + t.mentions("WIPO")),
            Entity(id="e4", type="Person", name="Daren Tang", mentions=t.mentions("Daren Tang")),
            Entity(id="e5", type="Person", name="Liu Chenli", mentions=t.mentions("Liu Chenli")),
            Entity(id="e6", type="Organization", name="Shenzhen Institute of Advanced Technology",
                   mentions=t.mentions("Shenzhen Institute of Advanced Technology")),
            Entity(id="e7", type="Organization", name="Chinese Academy of Sciences",
                   mentions=t.mentions("Chinese Academy of Sciences")),
        ],
        roles=[
            Role(person="e4", role="director general", organization="e3",
                 evidence=t.evidence("director general"), confidence=0.9),
            Role(person="e5", role="president", organization="e6",
                 evidence=t.evidence("president"), confidence=0.85),
        ],
        figures=[
            Figure(text="223.66 billion yuan", value=223.66e9, unit="CNY", about="research spending",
                   subject="e1", period="2024", start=t.find("223.66 billion yuan")[0],
                   end=t.find("223.66 billion yuan")[1], evidence=t.evidence("223.66"), confidence=0.9),
            Figure(text="about 6.46 percent", value=6.46, unit="percent", qualifier="approximately",
                   about="share of output", subject="e1", start=t.find("about 6.46 percent")[0],
                   end=t.find("about 6.46 percent")[1], evidence=t.evidence("6.46"), confidence=0.8),
        ],
        quotes=[
            Quote(speaker="e4", text="clusters turn research into jobs", verb="said", direct=False,
                  start=t.find("clusters turn research into jobs")[0],
                  end=t.find("clusters turn research into jobs")[1],
                  evidence=t.evidence("clusters turn"), confidence=0.8),
            Quote(speaker="e5", text="Patents matter once they reach the market,", verb="said", direct=True,
                  start=t.find("Patents matter once they reach the market,")[0],
                  end=t.find("Patents matter once they reach the market,")[1],
                  evidence=t.evidence("Patents matter"), confidence=0.95),
        ],
        relations=[
            Relation(subject="e6", predicate="partOf", object="e7",
                     evidence=t.evidence("part of the Chinese"), confidence=0.75),
            Relation(subject="e7", predicate="locatedIn", object="e1",
                     evidence=t.evidence("part of the Chinese"), confidence=0.6),
        ],
    )


ASSEMBLY = Text(
    "Daren Tang opened the WIPO assembly in Geneva on Wednesday. Delegates from 193 member states "
    "attended. \"Ideas travel faster than goods,\" Tang said. Geneva, in Switzerland, hosts the meeting "
    "every year, and WIPO is based in Geneva."
)


def assembly() -> Extraction:
    """A second article sharing Daren Tang and WIPO with :func:`innovation`."""
    t = ASSEMBLY
    return Extraction(
        article=Article(
            id="a000000000000002",
            title="WIPO assembly opens in Geneva",
            published="2025-09-03T08:30:00+00:00",
            language="en",
        ),
        entities=[
            Entity(id="e1", type="Person", name="Daren Tang", aliases=["Tang"],
                   mentions=t.mentions("Daren Tang") + t.mentions("Tang")[1:]),
            Entity(id="e2", type="Organization", name="World Intellectual Property Organization",
                   aliases=["WIPO"], mentions=t.mentions("WIPO")),
            Entity(id="e3", type="Place", name="Geneva", mentions=t.mentions("Geneva")),
            Entity(id="e4", type="Place", name="Switzerland", mentions=t.mentions("Switzerland")),
        ],
        figures=[
            Figure(text="193", value=193, unit="count", about="member states", subject="e2",
                   start=t.find("193")[0], end=t.find("193")[1], evidence=t.evidence("193"), confidence=0.7),
        ],
        quotes=[
            Quote(speaker="e1", text="Ideas travel faster than goods,", verb="said", direct=True,
                  start=t.find("Ideas travel faster than goods,")[0],
                  end=t.find("Ideas travel faster than goods,")[1],
                  evidence=t.evidence("Ideas travel"), confidence=0.9),
        ],
        relations=[
            Relation(subject="e3", predicate="locatedIn", object="e4",
                     evidence=t.evidence("in Switzerland"), confidence=0.7),
            Relation(subject="e2", predicate="basedIn", object="e3",
                     evidence=t.evidence("based in Geneva"), confidence=0.8),
        ],
    )


HARBOUR = Text(
    "Senator Mara Voss, a member of the Harbour Party, lives in Port Ellis. The Harbour Party bought the "
    "Ellis Gazette in March. Police said a storm killed two fishermen, and that the Voss Fund pays "
    "their families 12,000 euros. The fund is part of the Harbour Party. The Harbour party ran 2 "
    "campaigns. Voss was born in Port Ellis."
)


def harbour() -> Extraction:
    """Relations of every kind, a role with no organisation, an organisation quoted,
    an Other entity, and two entities of one article that share an IRI."""
    t = HARBOUR
    return Extraction(
        article=Article(id="a000000000000003", language="en",
                        dateline=Dateline(place="Port Ellis", date=None, agency=None)),
        entities=[
            Entity(id="e1", type="Person", name="Mara Voss", mentions=t.mentions("Mara Voss")),
            Entity(id="e2", type="Organization", name="Harbour Party", mentions=t.mentions("Harbour Party")),
            # Same organisation written with a lower-case "party": one IRI, counts add up.
            Entity(id="e3", type="Organization", name="Harbour party", mentions=t.mentions("Harbour party")),
            Entity(id="e4", type="Place", name="Port Ellis", mentions=t.mentions("Port Ellis")),
            Entity(id="e5", type="Organization", name="Ellis Gazette", mentions=t.mentions("Ellis Gazette")),
            Entity(id="e6", type="Other", name="Voss Fund", mentions=t.mentions("Voss Fund")),
            Entity(id="e7", type="Organization", name="Police", mentions=t.mentions("Police")),
            Entity(id="e8", type="Other", name="storm", mentions=t.mentions("storm")),
            Entity(id="e9", type="Person", name="fishermen", mentions=t.mentions("fishermen")),
        ],
        roles=[
            Role(person="e1", role="senator", organization=None, evidence=t.evidence("Senator"), confidence=0.7),
        ],
        figures=[
            Figure(text="12,000 euros", value=12000, unit="EUR", subject="e6",
                   start=t.find("12,000 euros")[0], end=t.find("12,000 euros")[1],
                   evidence=t.evidence("12,000"), confidence=0.9),
        ],
        quotes=[
            Quote(speaker="e7", text="a storm killed two fishermen", verb="said", direct=False,
                  start=t.find("a storm killed two fishermen")[0], end=t.find("a storm killed two fishermen")[1],
                  evidence=t.evidence("Police said"), confidence=0.6),
        ],
        relations=[
            Relation(subject="e1", predicate="memberOf", object="e2", evidence=t.evidence("a member of"),
                     confidence=0.8),
            Relation(subject="e1", predicate="livesIn", object="e4", evidence=t.evidence("lives in"),
                     confidence=0.8),
            Relation(subject="e2", predicate="acquired", object="e5", evidence=t.evidence("bought"),
                     confidence=0.5),
            Relation(subject="e8", predicate="killed", object="e9", evidence=t.evidence("killed"),
                     confidence=0.6),
            Relation(subject="e6", predicate="partOf", object="e2", evidence=t.evidence("The fund is"),
                     confidence=0.7),
            Relation(subject="e1", predicate="bornIn", object="e4", evidence=t.evidence("born in"),
                     confidence=0.85),
        ],
    )


CAPITAL = Text("Former Ruritania President Ann Lee visited Port Ellis on Monday.")


def capital() -> Extraction:
    """A title that names a country (a jurisdiction, not an organisation) and a qualifier."""
    t = CAPITAL
    return Extraction(
        article=Article(id="a000000000000005", language="en"),
        entities=[
            Entity(id="e1", type="Place", name="Ruritania", mentions=t.mentions("Ruritania")),
            Entity(id="e2", type="Person", name="Ann Lee", mentions=t.mentions("Ann Lee")),
            Entity(id="e3", type="Place", name="Port Ellis", mentions=t.mentions("Port Ellis")),
        ],
        roles=[
            Role(person="e2", role="president", jurisdiction="e1", qualifier="former",
                 evidence=t.evidence("President"), confidence=0.8),
        ],
    )


def minimal() -> Extraction:
    """An article with nothing in it but its id and language."""
    return Extraction(article=Article(id="a000000000000004", language="de"))


EXAMPLES = {
    "innovation": innovation,
    "assembly": assembly,
    "harbour": harbour,
    "capital": capital,
    "minimal": minimal,
}
