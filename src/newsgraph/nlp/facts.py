"""Doc extensions where newsgraph's components leave what they find.

Components write plain dataclasses onto ``doc._``; :mod:`newsgraph.extract` turns
them into the public pydantic schema. Keeping spaCy objects out of the schema lets
the components be tested on hand-built Docs.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from spacy.attrs import DEP, LEMMA, LOWER, ORTH, POS
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from .lexicon import BODY_HEADS

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
    jurisdiction: EntityCluster | None = None  # a Place the title names ("U.S. President")
    qualifier: str | None = None  # former / acting / then / interim ...


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


TEXT_KEY = "ng_text"  # doc.user_data: the Doc's text, kept while newsgraph's components run


SOURCE_TEXT_KEY = "ng_source_text"  # doc.user_data: the article as written, where the model read it recased


def source_text(doc: Doc) -> str:
    """The article's text as written: what the facts quote. The model may have read a recased
    copy of the same length (nlp.wire.model_casing)."""
    return doc.user_data.get(SOURCE_TEXT_KEY) or doc_text(doc)


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc: spaCy's Doc.text joins every token on each call.
    newsgraph's components never retokenize, so the text stays the same until assembly drops it."""
    user_data: dict[Any, Any] = doc.user_data
    text = user_data.get(TEXT_KEY)
    if text is None:
        text = user_data[TEXT_KEY] = doc.text
    return text


_HASHES: dict[frozenset[str], frozenset[int]] = {}
_MAX_HASHED_SETS = 4096
TOKEN_LOOKUP_KEY = "ng_token_lookup"  # doc.user_data: attr -> {string hash -> token indices}, while the components run
# attributes fixed once the model has run (tokens_where may index them once per Doc); the
# entity type is not: the dateline and wire components reset entities
_FIXED_ATTRS = frozenset({LOWER, ORTH, LEMMA, DEP, POS})


def tokens_where(doc: Doc, attr: int, values: Collection[str]) -> list[int]:
    """Indices, in order, of the tokens whose string attribute ``attr`` (``spacy.attrs.LOWER``,
    ``ORTH``, ``LEMMA``, ``DEP``, ``POS``, ``ENT_TYPE``) is one of ``values``, compared by the strings'
    hashes: reading a string attribute of every token in Python costs more than most scans do
    with the few tokens that pass. The components ask a Doc some thirty of these, so for the
    attributes the model fixed, the Doc's tokens are grouped by value once (``Doc.to_array``) and
    each question is a few lookups. A scan still tests the tokens it is given."""
    key = values if isinstance(values, frozenset) else frozenset(values)
    hashes = _HASHES.get(key)
    if hashes is None:
        if len(_HASHES) >= _MAX_HASHED_SETS:
            _HASHES.clear()  # (some scans ask for an article's own words: a long-running service sees no end of them)
        hashes = _HASHES[key] = frozenset(get_string_id(value) for value in key)
    if attr not in _FIXED_ATTRS:
        array = doc.to_array(attr).tolist()
        return [i for i, value in enumerate(array) if value in hashes]
    lookups: dict[int, dict[int, list[int]]] = doc.user_data.setdefault(TOKEN_LOOKUP_KEY, {})
    lookup = lookups.get(attr)
    if lookup is None:
        lookup = lookups[attr] = {}
        for i, value in enumerate(doc.to_array(attr).tolist()):
            found = lookup.get(value)
            if found is None:
                lookup[value] = [i]
            else:
                found.append(i)
    groups = [found for value in hashes if (found := lookup.get(value)) is not None]
    if len(groups) == 1:
        return list(groups[0])
    return sorted(i for group in groups for i in group)


_HEADER = re.compile(r"\A\s*date\s+\d{4}-\d{2}-\d{2}\b[^\n]*")
_HEADLINE = re.compile(r"\A\s*([^\n]{1,200})\n\s*\n")


def headline_end(doc: Doc) -> int:
    """Character offset where the body starts after a header or headline line (0 if none).

    A headline repeats the story's facts, so facts are read from the body only.
    """
    if "ng_headline_end" not in doc.user_data:
        text = doc_text(doc)[:400]
        match = _HEADER.match(text) or _HEADLINE.match(text)
        end = 0
        if match and not match.group(0).rstrip().endswith((".", "!", "?", '"', "”", ":")):
            end = match.end() + len(text[match.end():]) - len(text[match.end():].lstrip())
        doc.user_data["ng_headline_end"] = end
    return doc.user_data["ng_headline_end"]


def entity_table(doc: Doc) -> dict[int, EntityCluster]:
    """doc._.ng_token_entity read directly (token index -> entity), for loops over many tokens."""
    user_data: dict[Any, Any] = doc.user_data  # spaCy's stub says str keys; extension keys are tuples
    return user_data.get(TOKEN_INDEX_KEY) or _EMPTY


def entity_at(doc: Doc, token: Token | int) -> EntityCluster | None:
    """The entity a token belongs to, if any."""
    index = token if isinstance(token, int) else token.i
    # read user_data directly: going through doc._ costs more than the lookup itself
    user_data: dict[Any, Any] = doc.user_data  # spaCy's stub says str keys; extension keys are tuples
    return user_data.get(TOKEN_INDEX_KEY, _EMPTY).get(index)


def _sentence_starts(doc: Doc) -> list[int]:
    starts = doc.user_data.get("ng_sentence_starts")
    if starts is None:
        starts = [sent.start for sent in doc.sents]
        doc.user_data["ng_sentence_starts"] = starts
    return starts


def sentence_index(doc: Doc, sentence: Span) -> int:
    return bisect_right(_sentence_starts(doc), sentence.start) - 1


def sentence_start(doc: Doc, index: int) -> int:
    """Where the sentence holding token ``index`` starts (``Token.sent`` walks the sentence; this bisects)."""
    starts = _sentence_starts(doc)
    return starts[bisect_right(starts, index) - 1]


# --- Resolving references within an article -------------------------------------------------

PERSONAL_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
ORG_POSSESSIVES = {"its", "their"}
# Nouns that point back to an organisation named earlier ("the company", "the agency")
ORG_REFERENCE_NOUNS = {
    "company", "firm", "group", "agency", "ministry", "department", "organization", "organisation",
    "bureau", "office", "authority", "commission", "council", "committee", "body", "institute",
    "university", "bank", "party", "club", "team", "board", "court", "church", "foundation",
    "museum", "newspaper", "network", "corporation", "carrier", "airline", "regulator", "union",
    "association", "government", "charity", "school", "broadcaster", "insurer", "lender", "retailer",
    "manufacturer", "startup", "maker", "operator", "service", "label", "studio", "band",
    "orchestra", "hospital", "gallery", "college", "federation", "league", "trust", "force", "tribunal",
    "institution", "fund", "exchange", "producer", "miner", "carmaker", "automaker", "brewer", "publisher",
    "utility", "chain", "consortium", "watchdog", "coalition", "alliance", "society", "collective",
    "movement", "centre", "center",
}


def _window_start(doc: Doc, index: int, sentences_back: int) -> int:
    sent = doc[index].sent
    for _ in range(sentences_back):
        if sent.start == 0:
            break
        sent = doc[sent.start - 1].sent
    return sent.start


def _clusters_before(doc: Doc, index: int, start: int, type_: str) -> list[EntityCluster]:
    """Distinct clusters of a type named in doc[start:index], most recent first."""
    found: list[EntityCluster] = []
    for i in range(index - 1, start - 1, -1):
        cluster = entity_at(doc, i)
        if cluster is not None and cluster.type == type_ and cluster not in found:
            found.append(cluster)
    return found


def resolve_person(doc: Doc, token: Token | int, sentences_back: int = 2) -> EntityCluster | None:
    """The person a token refers to: its own entity ("Tang" linked to Daren Tang); for a
    personal pronoun ("he", "she", "his") the nearest person named before it, within the
    sentence and ``sentences_back`` sentences before; for a title after "the" ("the
    minister") the one person an earlier role gave that title (needs ``doc._.ng_roles``,
    so it works from the quotes component on). None when nothing fits.
    """
    index = token if isinstance(token, int) else token.i
    cluster = entity_at(doc, index)
    if cluster is not None:
        return cluster if cluster.type == "Person" else None
    word = doc[index]
    if word.lower_ not in PERSONAL_PRONOUNS:
        return _person_by_title(doc, word)
    people = _clusters_before(doc, index, _window_start(doc, index, sentences_back), "Person")
    return people[0] if people else None


def _person_by_title(doc: Doc, word: Token) -> EntityCluster | None:
    """"the minister" -> the one person the article gave a role ending in "minister" before."""
    if not word.is_alpha or word.i == 0 or doc[word.i - 1].lower_ != "the":
        return None
    roles = doc._.ng_roles or []
    lower, lemma = word.lower_, word.lemma_.lower()
    people = {id(r.person): r.person for r in roles
              if r.role.split()[-1] in (lower, lemma) and r.sentence.start < word.i}
    return next(iter(people.values())) if len(people) == 1 else None


def resolve_organization(doc: Doc, token: Token | int, sentences_back: int = 1) -> EntityCluster | None:
    """The organisation a reference points back to, when unambiguous.

    ``token`` is a possessive ("its", "their") or the head noun of "the company", "the
    agency", "the ministry". The organisation must be named before it: in the same
    sentence (the nearest one) or, failing that, as the only organisation of the
    ``sentences_back`` sentences before. A noun prefers an organisation whose name
    contains it ("the ministry" -> "Interior Ministry").
    """
    index = token if isinstance(token, int) else token.i
    cluster = entity_at(doc, index)
    if cluster is not None:
        return cluster if cluster.type == "Organization" else None
    word = doc[index]
    lower = word.lower_
    if lower not in ORG_POSSESSIVES and word.lemma_.lower() not in ORG_REFERENCE_NOUNS and \
            lower not in ORG_REFERENCE_NOUNS:
        return None
    sentence_start = word.sent.start
    orgs = _clusters_before(doc, index, _window_start(doc, index, sentences_back), "Organization")
    if not orgs and lower in ORG_POSSESSIVES:
        if lower != "its":
            return None
        # "The club confirmed that its captain ...": the body the sentence spoke of before; else
        # ('"...," its chief executive said' with no body named lately) the one the story is about
        noun = next((t for t in doc[sentence_start:index] if t.is_lower and t.lemma_ in ORG_REFERENCE_NOUNS and
                     t.i > 0 and doc[t.i - 1].lower_ == "the"), None)
        return resolve_organization(doc, noun) if noun is not None else story_company(doc, index)
    if lower not in ORG_POSSESSIVES:
        # "the central bank" after the Central Bank of Chile: the one body whose name holds all its words
        modifiers = {c.lower_ for c in word.children if c.dep_ in ("amod", "compound") and c.i < index and c.is_lower}
        if modifiers:
            spelled = [c for c in _clusters_before(doc, index, 0, "Organization")
                       if modifiers | {lower} <= set(c.name.lower().split())]
            if len(spelled) == 1:
                return spelled[0]
        named = [c for c in orgs if _named_as(doc, c, lower, index)]
        if len(named) >= 1:
            return named[0]
        # "scientists from the University of Quito ... a herpetologist at the university": the body
        # whose name says the noun, however far back, before a nearer one whose name does not (or none:
        # "The department's commissioner" after quotes that named no body)
        named = [c for c in _clusters_before(doc, index, 0, "Organization") if _named_as(doc, c, lower, index)]
        if named and lower not in STORY_COMPANY_NOUNS:  # "the company": the story's, see story_company
            return named[0]
        if lower in STORY_COMPANY_NOUNS:
            # also with no company in the sentences just before: "The company's chief financial officer"
            # paragraphs after the story last named it; "the bank" is a bank's, when the story named one
            story = story_company(doc, index, company=lower in PLAINLY_COMPANIES)
            if named and lower not in _ANY_COMPANY_NOUNS and story not in named:
                return named[0] if len(named) == 1 else None
            return story or (orgs[0] if len(orgs) == 1 else None)
        if not orgs:
            # "The agency now expects ... | Gurpreet Sandhu, the agency's director": the same reference
            # as the subject of the sentence before, and the body that one points to
            subject = previous_subject_token(doc, index)
            if subject is not None and subject.lower_ == lower:
                return resolve_organization(doc, subject)
            # or the one body of the few sentences before ("Winnipeg Transit told ... The line ... The agency")
            nearby = _clusters_before(doc, index, _window_start(doc, index, sentences_back + 2), "Organization")
            return nearby[0] if len(nearby) == 1 else None
        return orgs[0] if len(orgs) == 1 else None  # "the commission" with two bodies named: unknown
    in_sentence = [c for c in orgs if any(sentence_start <= m.start < index for m in c.mentions)]
    # "Merrill said the SEC charge against its executive": a name modifying a noun is no antecedent
    named = [c for c in in_sentence if any(sentence_start <= m.start < index and m[-1].dep_ != "compound"
                                           for m in c.mentions)]
    if named or in_sentence:
        return (named or in_sentence)[0]
    previous = _previous_subject(doc, index)
    if previous is not None:
        # "The company said ... Its chief privacy officer": the body the sentence before was about,
        # named or referred to, before one named inside it ("criticised by the DPC")
        return previous
    if len(orgs) > 1:
        # "The Nurses Association, which represents nurses at North Star, ... Its president": the body
        # the sentence before was about (its subject), not one named inside it
        window = _window_start(doc, index, sentences_back)
        subjects = [c for c in orgs if any(window <= m.start < index and m[-1].dep_ in ("nsubj", "nsubjpass")
                                           and m[-1].head.dep_ == "ROOT" for m in c.mentions)]
        return subjects[0] if len(subjects) == 1 else None
    return orgs[0] if orgs else None


def previous_subject_token(doc: Doc, index: int) -> Token | None:
    """The subject of the main verb of the sentence before token ``index``'s."""
    start = doc[index].sent.start
    while start > 0 and doc[start - 1].is_space:
        start -= 1
    if start == 0:
        return None
    return next((c for c in doc[start - 1].sent.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _previous_subject(doc: Doc, index: int) -> EntityCluster | None:
    """The organisation that is the subject of the main verb of the sentence before token ``index``'s,
    by name or by a reference to one ("The company said"); None when that subject is anything else."""
    subject = previous_subject_token(doc, index)
    if subject is None:
        return None
    cluster = entity_at(doc, subject.i)
    if cluster is not None:
        return cluster if cluster.type == "Organization" else None
    if subject.is_lower and subject.lower_ in ORG_REFERENCE_NOUNS and any(c.lower_ == "the" for c in subject.lefts):
        return resolve_organization(doc, subject.i)
    if subject.pos_ == "PROPN" and subject.is_title:  # "Skyline, which is owned by ..., said": Skyline Ground Services
        called = [c for c in _clusters_before(doc, subject.i, 0, "Organization")
                  if len(c.name.split()) > 1 and c.name.split()[0] == subject.text]
        return called[0] if len(called) == 1 else None
    return None


def _called_by_copula(mention: Span, noun: str) -> bool:
    """"Red River Transit Partners is a consortium led by ...": the mention is the subject of "be"
    and the noun what it is."""
    head = head_token(mention)
    if head.dep_ == "appos":
        head = head.head  # "The main contractor, Red River Transit Partners, is a consortium"
    return head.dep_ == "nsubj" and head.head.lemma_ == "be" and \
        any(c.dep_ == "attr" and c.lower_ == noun for c in head.head.children)


def _name_heads(name: str, links: tuple[str, ...] = ("of",)) -> set[str]:
    """The words that say what a named body is: its last word and any before "of" ("Interior Ministry",
    "Bank of England"; with ``links`` also before "for": "Committee for Medicinal Products"), not
    another word in it ("Hospital" in "National Union of Hospital Workers")."""
    words = name.lower().split()
    return {words[-1], *(words[k - 1] for k in range(1, len(words)) if words[k] in links)} if words else set()


# Words between a noun and the name it goes by: "a group calling itself X", "a charity called X"
_NAMING_WORDS = (("calling", "itself"), ("calling", "themselves"), ("called",), ("named",), ("known", "as"))


def called_by(doc: Doc, start: int) -> Token | None:
    """The noun a name starting at token ``start`` is given to ("a hacker group calling itself X",
    "a militia known as the Dawn Brigade" -> group, militia), or None."""
    start -= start > 0 and doc[start - 1].lower_ == "the"
    for words in _NAMING_WORDS:
        k = start - len(words)
        if k >= 1 and tuple(t.lower_ for t in doc[k:start]) == words:
            return doc[k - 1]
    return None


def _named_as(doc: Doc, cluster: EntityCluster, noun: str, index: int) -> bool:
    """The organisation is called by the noun: in its name ("Interior Ministry"), after it ("the X
    organization"), right before it ("conservation group Rainforest Trust"), in apposition to it
    ("the refugee agency, UNHCR") or given its name ("a group calling itself X")."""
    return noun in _name_heads(cluster.name) or any(noun in _name_heads(a) for a in cluster.aliases) or \
        any(m.start < index and (called := called_by(doc, m.start)) is not None and called.lower_ == noun
            for m in cluster.mentions) or \
        any(_called_by_copula(m, noun) for m in cluster.mentions if m.end < index) or \
        any(m.end < index and doc[m.end].lower_ == noun for m in cluster.mentions) or \
        any(0 < m.start < index and doc[m.start - 1].lower_ == noun for m in cluster.mentions) or \
        any(1 < m.start < index and doc[m.start - 1].text == "," and doc[m.start - 2].lower_ == noun
            for m in cluster.mentions)


# Nouns any company may be called, whatever its name says ("the group" for Kestrel Lighting AG)
_ANY_COMPANY_NOUNS = {"company", "firm", "group", "startup", "operator"}
# "the company", "the airline": in a story about a company, that company, wherever it was last named
STORY_COMPANY_NOUNS = {"company", "firm", "airline", "carrier", "bank", "insurer", "lender", "retailer", "manufacturer",
                       "maker", "carmaker", "automaker", "miner", "producer", "brewer", "publisher", "broadcaster",
                       "startup", "utility", "chain", "operator", "group"}


def head_token(span: Span) -> Token:
    """The span's head: its first word whose head lies outside it (``Span.root`` without its walk
    up the tree, which a hand-built or broken parse may not end)."""
    for token in span:
        if token.head.i < span.start or token.head.i >= span.end or token.head.i == token.i:
            return token
    return span[-1]


# Nouns only a company is called by ("the group" may be a body of economists, "the bank" a central one)
PLAINLY_COMPANIES = {"company", "firm", "carmaker", "automaker", "airline", "retailer", "drugmaker", "startup"}
# Last words of the names of bodies that are no company: "the company" never points to them
_PUBLIC_BODY_HEADS = BODY_HEADS | {"parliament", "senate", "congress", "assembly", "university", "institute",
                                   "association", "federation", "union", "party"}


def story_company(doc: Doc, index: int, company: bool = False) -> EntityCluster | None:
    """The organisation a story is about, as of token ``index``: the one named most often before it,
    or, as often as others, the one that was a sentence's subject ("Nordwind Systems named X ...
    Baltic Mobile ... the company said" is Nordwind's; wire stories open on their company). None
    when two organisations stand alike ("Acme and Globex met ... the company"). With ``company``
    (for "the company", a company's officer) no public body counts: not the regulator or the
    ministry the story quotes."""
    ranked: list[tuple[tuple[int, bool], EntityCluster]] = []
    dateline = doc._.ng_dateline
    agency = (dateline.agency or "").lower() if dateline is not None else ""
    for cluster in doc._.ng_entities or []:
        if cluster.type != "Organization" or cluster.name.lower().removesuffix("s") == agency.removesuffix("s"):
            continue  # not the agency that filed the story ("SANTIAGO (Reuters) - ... polled by Reuters")
        if company and _name_heads(cluster.name, ("of", "for")) & _PUBLIC_BODY_HEADS:
            continue  # ("The European Medicines Agency recommended ... The company said": not the agency)
        before = [m for m in cluster.mentions if m.start < index]
        if before:
            heads = [head_token(m) for m in before]
            subject = any(h.dep_ in ("nsubj", "nsubjpass", "ROOT") or (
                h.dep_ == "conj" and h.head.dep_ in ("nsubj", "nsubjpass")) for h in heads)
            ranked.append(((len(before), subject), cluster))
    ranked.sort(key=lambda r: r[0], reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[1][0] == ranked[0][0]):
        return None
    return ranked[0][1]


_GENERATIONS = {"Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"}


def surname(name: str) -> str:
    """The last word of a person's name, before a generation ("A. Malachi Mixon III" -> Mixon)."""
    words = name.replace(",", " ").split()
    if len(words) > 2 and words[-1] in _GENERATIONS:
        words.pop()
    return words[-1] if words else name
