"""Entities: one cluster per real-world thing, built from the model's named entities.

The model's spans are cleaned (no leading "the", no trailing "'s"), unnamed public
bodies are added ("Guangdong provincial market supervision administration"), and
mentions are grouped: acronyms defined in brackets or matching a name's initials,
surnames pointing back to a full name, and repeated names. Textual evidence (a
bracketed definition, the head word of a name) corrects the model's type.

Precision rules for real news: company names before a suffix ("Arvin Industries Inc")
the model missed are added; full names it left untagged are found through a later
surname; described bodies ("a Greek court"), peoples ("Bangladeshis and Rohingya"),
electoral seats ("the Social Welfare constituency") and capitalised adjectives
("Localist group", a sentence-opening "Foolhardy") are not entities.

Types the sentence corrects: a wire dateline's place and agency; towns listed with places,
followed by their state, or someone's hometown ("a Fargo native"); products and works that
act as companies or are listed with them; a person's party or band after "X of"; names
given as examples of a kind ("bands such as"); places joined by hyphens; wire words
("1700 GMT") and results-table row labels are not names.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

import numpy as np
from spacy.attrs import DEP, ENT_TYPE, IS_ALPHA, IS_SPACE, IS_UPPER, LENGTH, LOWER, ORTH, SHAPE
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from .facts import ORG_REFERENCE_NOUNS, STORY_COMPANY_NOUNS, EntityCluster, called_by, doc_text, surname, tokens_where
from .lexicon import (
    AGENT_VERBS,
    BAND_POSITIONS,
    BODY_HEADS,
    BODY_STAFF,
    BRIEF_TITLES,
    BROADCAST_WORDS,
    BUILDING_WORDS,
    CLUB_NAME_TAILS,
    COMPANY_MARKS,
    COMPANY_NAME_TAILS,
    COMPASS_PREFIXES,
    COMPASS_SUFFIXES,
    CURRENCY_WORDS,
    DETERMINERS,
    ENTITY_TYPES,
    FACILITY_CENTRES,
    FACILITY_HEADS,
    HEAD_OF_STATE_TITLES,
    HONORIFICS,
    LANDFORM_NOUNS,
    LOCATIVE_PREPOSITIONS,
    MEDIA_HEADS,
    MONTHS,
    NAMED_THING_NOUNS,
    NEWS_AGENCIES,
    NOT_BAND_WORDS,
    NOT_ENTITY_KINDS,
    NOT_NAME_SUFFIXES,
    NOT_NAMES,
    NOT_ORG_ACRONYMS,
    ORG_COMPOUND_HEADS,
    ORG_HEADS,
    ORG_KINDS,
    OTHER_HEADS,
    PARTY_LABELS,
    PARTY_PLURALS,
    PARTY_SEATS,
    PERSON_NOUNS,
    PERSON_POSSESSIONS,
    PERSON_SWAP_VERBS,
    PERSON_TITLES,
    PLACE_HEADS,
    PLACE_KINDS,
    PLACE_NAMES_WITH_BODY_WORDS,
    PLACE_OF_TITLES,
    PLACE_PLURALS,
    PLAYER_ACTS,
    PORTFOLIO_WORDS,
    POSTNOMINAL_TITLES,
    RANK_WORDS,
    REIGNING_TITLES,
    ROLE_MODIFIERS,
    ROLE_NOUNS,
    SETTLEMENT_NOUNS,
    SHORT_FORMS,
    SITE_WORDS,
    SPEECH_VERBS,
    SPORT_WORDS,
    STREET_HEADS,
    THING_NOUNS,
    TITLE_ABBREVIATIONS,
    TITLE_WORDS,
    UNTAGGED_ORG_HEADS,
    VESSEL_NOUNS,
    VICTIM_NOUNS,
    VICTIM_VERBS,
    WEEKDAYS,
    WIRE_TERMS,
)
from .quantities import is_written_amount

_INITIAL_STOPWORDS = {"of", "the", "and", "for", "de", "on", "in", "du", "des", "la", "le", "&", "at"}
_ACRONYM = re.compile(r"^[A-Z][A-Za-z&]*[A-Z]$|^[A-Z]{2,}s?$")
_COMPANY_SUFFIXES = {mark.lower() for mark in COMPANY_MARKS} - {"corporation", "incorporated", "limited"}
_PLURAL_DEMONYM = ("ians", "eans", "icans")
_NATIONALITY_ENDING = re.compile(r"(an|ese|ish|i|ch)$")  # not "-ic": "Democratic", "Islamic"  # "Belgians", "Koreans": people of a country, not a body
_ROMAN = re.compile(r"^[IVXLC]{2,}$")  # "XVII": a numeral, not a name
_ROW_LABELS = {"shr", "shrs", "oper", "revs", "qtly", "avg", "mths"}  # "Oper shr 70 cts vs 50 cts"
_TRIM_END = {"'s", "’s", "'", "’", ",", ".", ";", ":", "-", "—"}


_POSSESSIVE_S = re.compile(r"['’]s\b")
_NOT_NAME_CHARACTER = re.compile(r"[^\w\s&]")
_LEADING_THE = re.compile(r"^the\s+")
_POSSESSIVE_NAME = re.compile(r"^(.+?)['’]s\s+(.+)$")  # "Ghana's health service"


@lru_cache(maxsize=4096)  # pure; asked for each mention, and again as the mention joins a cluster
def normalise_name(name: str) -> str:
    """Key under which two spellings of a name are the same ("the WHO's" == "WHO")."""
    name = name.strip().lower()
    name = _POSSESSIVE_S.sub("", name)
    name = _NOT_NAME_CHARACTER.sub(" ", name)
    name = _LEADING_THE.sub("", name.strip())
    return " ".join(name.split())


# currency names that are no other word ("won", "real", "mark" and "pound" are)
_CURRENCY_NAMES = {w for w in CURRENCY_WORDS if w.isalpha() and len(w) > 3} - {"real", "rand", "mark", "marks", "pound",
                                                                                  "pounds", "crown", "crowns"}


_MODEL_NUMBER = re.compile(r"^(?!G-?\d+$)[A-Z]{0,3}-?\d{2,}[A-Z]{0,3}$")  # not "G20": a group of countries


def _numbered(word: str) -> bool:
    """"A300", "M2", "BAA-3", "10.0": a word that numbers something (not "Cloud9", a name with a digit)."""
    digits = sum(c.isdigit() for c in word)
    return digits > 0 and (digits * 2 >= sum(c.isalnum() for c in word) or bool(re.search(r"-\d", word)))


_UNDOTTED_ADDRESS = {"mr", "ms", "mrs", "dr", "miss", "prof"}  # (a peer's "Lord" is part of the name)


def clean_span(span: Span) -> Span | None:
    """The span without a leading determiner or trailing possessive/punctuation."""
    start, end = span.start, span.end
    doc = span.doc
    for i in range(start + 1, end):
        if doc[i].text in ("(", "[") and not _regional_bracket(doc, i, end):
            end = i  # "Organization (WIPO": the bracket starts a definition
            break
        if span.label_ not in _WORK_LABELS and doc[i].is_lower and doc[i].pos_ == "VERB" and \
                doc[i].tag_ in ("VBD", "VBZ", "VBN"):
            end = i  # "The Council for Justice and Democracy | named Col. X": the sentence's verb ends the name
            break
    while start < end and (doc[start].lower_ in DETERMINERS or doc[start].is_punct or doc[start].is_digit
                           or doc[start].is_space):
        start += 1  # "0 Korea Republic": a scoreline's number is not part of the name
    if span.label_ == "PERSON" and end - start >= 2 and doc[start].lower_ in _UNDOTTED_ADDRESS:
        start += 1  # "Ms Marsh": a form of address without its full stop, as British papers write it
    if span.label_ in ("PERSON", "ORG") and end - start >= 2 and doc[start].is_lower and doc[start].text.endswith(".") \
            and len(doc[start]) <= 4:
        start += 1  # "210 km/h. Hannah Lowe": the end of a unit the tokenizer left on the next sentence
    if span.label_ == "ORG" and doc[end - 1].lower_ in ORG_HEADS and doc[end - 1].is_title and end + 1 < len(doc) \
            and doc[end].lower_ == "for" and doc[end + 1].is_title and not doc[end + 1].ent_type_:
        end += 1  # "European Union Agency | for Railways": the model stopped at the body's kind
    if end - start >= 2 and doc[end - 1].lower_ in ("of", "for") and span.label_ != "PERSON":
        grown = end
        while grown < len(doc) and grown - end < 4 and doc[grown].pos_ == "PROPN" and doc[grown].is_title \
                and not doc[grown].ent_type_:
            grown += 1
        if grown > end:
            end = grown  # "the District of | Montana": the model stopped one word short
        elif end > span.end:
            end = span.end  # the "for" taken above leads to no name
    while end > start and (doc[end - 1].lower_ in _TRIM_END or doc[end - 1].is_punct or doc[end - 1].is_space or
                           (doc[end - 1].is_digit and (span.label_ not in ("FAC", "ORG") or
                                                       (end < len(doc) and doc[end].text in ("–", "—", "-"))))):
        end -= 1  # "Panama 3 – 0": the score is not part of the name
    for i in range(start + 1, end):
        if doc[i].text in ("—", "–") or (doc[i].like_num and span.label_ != "FAC" and \
                doc[i - 1].is_title and i + 1 < end and doc[i + 1].text in ("—", "–", "-")):
            return None  # "Group G — Belgium 3": a heading or a scoreline, not a name
    if start >= end or (start > 0 and doc[start - 1].text == "#"):
        return None  # "#IStandWithAhmed": a hashtag is a topic, not a name
    if is_written_amount(doc[start:end].text):
        return None  # "Rp 172.9 trillion": an amount the model read as a body
    if end - start == 1 and re.fullmatch(r"[A-Z]{2,}s", doc[start].text):
        return None  # "told MPs", "CEOs": people by their post, in the plural
    if end - start >= 2 and doc[start].tag_ in ("VBN", "VBG") and doc[start + 1].is_lower and \
            doc[start + 1].pos_ == "ADP" and span.label_ != "PERSON":
        return None  # '"Based on the company's ...': a sentence's opening phrase, capitalised as such
    if end - start >= 3 and doc[start].text in ("D", "R", "I") and doc[start + 1].text == "-" and \
            doc[start + 2].text[:1].isupper():
        return Span(doc, start + 2, end, label="GPE")  # "Sen. Jo Roe, D-N.M.,": a party and a state, the state a place
    for i in range(start + 1, end - 1):
        if doc[i].text == "the" and doc[i - 1].lower_ not in _INITIAL_STOPWORDS and doc[i + 1].is_title and \
                span.label_ == "ORG":
            start = i + 1  # "According to Rathbun the Scientology property": the name starts after "the"
            break
    words = [t.lower_ for t in doc[start:end]]
    if span.label_ != "PERSON" and not any(t.text[:1].isupper() or t.text[:1].isdigit() for t in doc[start:end]):
        return None  # "disco club": a common noun phrase
    if span.label_ == "PERSON" and all(t.is_lower for t in doc[start:end]) and \
            any(t.is_title for t in doc[start:end].sent[1:]):
        return None  # "the council's president pro tem": in cased prose a name has a capital
    if span.label_ == "ORG" and end - start > 2 and doc[end - 1].is_lower and doc[end - 1].is_alpha and \
            doc[end - 1].lower_ not in _COMPANY_SUFFIXES and doc[start].is_title and \
            doc[start].ent_type_ not in ("GPE", "NORP"):
        cut = end
        while cut > start and doc[cut - 1].is_lower and doc[cut - 1].is_alpha:
            cut -= 1
        if cut > start and doc[cut - 1].lower_ not in ("'s", "’s", "of", "and", "for", "&", "-"):
            end = cut  # "Yonhap news agency": the name, without the description after it
            words = words[:end - start]
    if words and words[0] in WIRE_TERMS and span.label_ != "PERSON" and \
            (len(words) == 1 or words[0] in _ROW_LABELS):
        return None  # "1700 GMT", "LIBOR", "Oper shr 70": wire words and a results table's row labels
    if (len(words) >= 2 and words[-1] in _CURRENCY_NAMES and span.label_ != "PERSON" and
            words[0] not in _BODY_OPENERS and words[0] not in ORG_HEADS) or \
            (len(words) >= 2 and words[-1] in ("dlrs", "dlr", "stg")) or (
            len(words) == 1 and ((words[0] in _CURRENCY_NAMES and words[0] != "sterling") or (
                words[0] in CURRENCY_WORDS and start > 0 and doc[start - 1].like_num))):
        return None  # "U.S. Dollar", "N.Z. Dlrs", "five billion Ecus": a currency, not a body or a person
        # (but "Banco Real", "Banco Austral": a bank named like a currency)
    while span.label_ == "PERSON" and end - start > 1 and _numbered(doc[start].text):
        start += 1  # "KV0101223294 Karvala": a monitoring line's number before a place
    if (span.label_ == "PERSON" and any(_numbered(t.text) for t in doc[start:end])) or (
            end - start == 1 and span.label_ != "FAC" and _MODEL_NUMBER.match(doc[start].text)):
        return None  # "GSM-102", "A300", "C-130", "825S": a model or a programme, no one and no body
    if (len(words) == 1 and words[0] in SETTLEMENT_NOUNS) or doc[start:end].text.lower().startswith("non-"):
        return None  # "County" alone, "non-U.S.", "non-OPEC": a kind of place, or everything but one
    if len(words) == 2 and words[0] in ("group", "pool", "division") and len(doc[end - 1].text) <= 2:
        return None  # "Group G": a stage of a tournament
    if len(words) == 1 and (_ROMAN.match(doc[start].text) or words[0] in NOT_NAMES or
                            (words[0].endswith(_PLURAL_DEMONYM) and doc[start].is_title) or
                            (words[0] in POSTNOMINAL_TITLES and doc[start].is_upper) or
                            (span.label_ == "ORG" and words[0].endswith(NOT_NAME_SUFFIXES))):
        return None
    if span.label_ in ("GPE", "LOC", "FAC") and start > 0 and doc[start].text in COMPASS_SUFFIXES and \
            end - start >= 2 and doc[start - 1].is_title and doc[start - 1].pos_ == "PROPN" and \
            not doc[start - 1].ent_type_ and not doc[start - 1].is_sent_start:
        start -= 1  # "Tsavo | West National Park": the name the compass word follows
    if start > 0 and doc[start - 1].text == "PT" and not doc[start - 1].ent_type_ and doc[start].is_title:
        return Span(doc, start - 1, end, label="ORG")  # "PT | Tambang Raya": an Indonesian company's form
    return Span(doc, start, end, label=span.label)


def is_acronym(text: str) -> bool:
    return bool(_ACRONYM.match(text)) and len(text) <= 8


def initials(name: str) -> set[str]:
    """Acronyms a name can be abbreviated to: with and without its small words."""
    words = [w for w in re.split(r"[\s\-]+", name) if w]
    content = [w for w in words if w.lower() not in _INITIAL_STOPWORDS]
    found = set()
    for seq in (content, words):
        letters = "".join(w[0] for w in seq if w[0].isalpha())
        if len(letters) >= 2:
            found.add(letters.upper())
    return found


def acronym_fits(acronym: str, name: str) -> bool:
    """Whether a bracketed acronym can stand for the name before it: the same first letter, or the
    initials in another order ("Brazilian Football Confederation (CBF)" abbreviates the Portuguese)."""
    if acronym[:1].upper() == name[:1].upper():
        return True
    letters = sorted(acronym.upper().replace(".", ""))
    if any(sorted(found) == letters for found in initials(name)):
        return True
    # "National Institute for Disaster Management (INGD)": an English name for a body known by the
    # initials of its own language's name, which share most letters with the English ones
    capitals = [word[0].upper() for word in name.split() if word[:1].isupper()]
    shared = sum(min(letters.count(c), capitals.count(c)) for c in set(letters))
    return len(letters) >= 3 and len(capitals) >= 3 and 4 * shared >= 3 * len(letters)


_EVENT_HEADS = {"expo", "festival", "cup", "games", "olympics", "championship", "championships", "tournament",
                "marathon", "summit"}


def type_from_head(text: str, model_type: str) -> str:
    """Correct the model's type using the last word of the name."""
    words = text.lower().split()
    if not words:
        return model_type
    last = words[-1]
    if " ".join(words) in PLACE_NAMES_WITH_BODY_WORDS:
        return "Place"  # "the Soviet Union": a country, whatever "union" says
    if len(words) > 1 and (last in SPORT_WORDS or words[0] in SPORT_WORDS) and model_type != "Person":
        return "Organization"  # "New Zealand Rugby", "Cricket Australia": the sport's governing body
    if len(words) > 1 and last in CLUB_NAME_TAILS and model_type in ("Place", "Other"):
        return "Organization"  # "Manchester United", "Bolton Wanderers": a club, not a town
    if len(words) > 1 and (words[-2], last) in ORG_COMPOUND_HEADS and model_type != "Person":
        return "Organization"  # "Irving Independent School District": a body, not an area
    if last in MEDIA_HEADS and model_type == "Other" and len(words) > 1:
        return "Organization"  # "the Sydney Morning Herald" read as a law or a work: the paper
    if (last in OTHER_HEADS or " ".join(words[-2:]) in OTHER_HEADS) and model_type in ("Organization", "Place", "Other"):
        return "Other"
    if last in FACILITY_HEADS and model_type == "Organization" and "of" not in words:
        return "Place"  # "Volgograd Arena", "Grand Mosque": named sites are places
    if last in ("centre", "center") and len(words) > 1 and words[-2] in FACILITY_CENTRES:
        return "Place"  # "Metro Toronto Convention Centre"
    if last in ORG_HEADS and model_type in ("Place", "Other"):
        return "Organization"
    if "of" in words and model_type in ("Place", "Other") and words.index("of") > 0 and \
            words[words.index("of") - 1] in ORG_HEADS and last not in PLACE_HEADS:
        return "Organization"  # "Museum of Modern Art", "Bank of England": the body, not its building
    if last in PLACE_HEADS and model_type == "Organization" and "of" not in words and \
            not any(w in ORG_HEADS for w in words[:-1]):  # "U.S. District Court for the Northern District"
        return "Place"
    event = next((k for k, w in enumerate(words[:-1]) if w in _EVENT_HEADS), None)
    if event is not None and model_type == "Organization" and len(words) - event <= 3 and last not in ORG_HEADS:
        return "Other"  # "Fan Expo Canada", "World Cup 2018": an event and where or when it is
    return model_type


_BRIEF_LINKS = {"and", "&", "for", "of", "the"}  # inside a brief: "State for Trade and Industry"


def _body_matcher(vocab) -> Matcher:
    matcher = Matcher(vocab)
    place = {"ENT_TYPE": {"IN": ["GPE", "NORP"]}, "OP": "+"}
    matcher.add(
        "PUBLIC_BODY",
        [
            [place, {"ORTH": {"IN": ["'s", "’s"]}, "OP": "?"},
             {"IS_LOWER": True, "IS_PUNCT": False, "POS": {"IN": ["ADJ", "NOUN", "CCONJ"]}, "OP": "{0,6}"},
             {"LOWER": {"IN": sorted(BODY_HEADS)}, "IS_LOWER": True}],
        ],
        greedy="LONGEST",
    )
    return matcher


class EntityLinker:
    """spaCy component: builds ``doc._.ng_entities`` and ``doc._.ng_token_entity``."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.matcher = _body_matcher(nlp.vocab)
        # English words ("General", "United") are no company's short name (see _company_short_names)
        self.common_words: frozenset[str] = getattr(nlp.tokenizer, "common_words", frozenset())

    def __call__(self, doc: Doc) -> Doc:
        spans = [ent for ent in doc.ents if ent.label_ in ENTITY_TYPES]
        named_heads = {ent[-1].lower_ for ent in spans if ent.label_ == "ORG" and ent[-1].is_title}
        for _, start, end in self.matcher(doc):
            if _described_body(doc, start, end, named_heads):
                continue
            spans.append(Span(doc, start, end, label="ORG"))
        spans = _dateline_types(doc, spans)
        spans = _with_dateline_spans(doc, spans)
        cleaned = [s for s in (clean_span(span) for span in filter_spans(spans)) if s is not None]
        cleaned = [s for s in (_without_title_words(span) for span in cleaned) if s is not None]
        cleaned = _source_lines(doc, cleaned)
        cleaned = _merge_split_names(doc, cleaned)
        cleaned = _given_names_before(doc, cleaned, self.common_words)
        cleaned = _hyphen_joined_names(doc, cleaned)
        cleaned = _names_joined_by_particles(doc, cleaned)
        cleaned = _countries_institutions(doc, cleaned)
        cleaned = _partnership_names(doc, cleaned, self.common_words)
        cleaned = _firms_named_after_people(doc, cleaned)
        cleaned = _title_holders_read_into_bodies(doc, cleaned)
        cleaned = _retype_from_context(doc, cleaned)
        cleaned = _hyphenated_places(doc, cleaned)
        cleaned = _lists_read_as_one_place(doc, cleaned)
        cleaned = _workplaces_read_as_people(doc, cleaned)
        cleaned = _bands_read_as_places(doc, cleaned)
        cleaned = _saints_named_sites(doc, cleaned)
        cleaned += _untagged_facilities(doc, cleaned)
        cleaned = _regional_company_names(doc, cleaned)
        cleaned = _grown_company_names(doc, cleaned, self.common_words)
        cleaned += _company_names(doc, cleaned)
        cleaned = _people_from_context(doc, cleaned)
        cleaned = _countries_before_titles(doc, cleaned)
        cleaned = _places_read_as_peoples(doc, cleaned)
        cleaned = _bodies_before_staff(doc, cleaned)
        cleaned = _places_from_context(doc, cleaned)
        cleaned = _places_governed(doc, cleaned)
        cleaned = _rivals(doc, cleaned)
        cleaned = _address_lines(doc, cleaned)
        cleaned = _organisations_from_context(doc, cleaned)
        cleaned = _without_peoples(doc, cleaned)
        cleaned = _common_nouns_opening_sentences(doc, cleaned, self.common_words)
        cleaned = _without_diseases(doc, cleaned)
        cleaned += _untagged_full_names(doc, cleaned)
        cleaned += _untagged_titled_names(doc, cleaned)
        cleaned += _names_after_nationalities(doc, cleaned)
        cleaned += _untagged_repeats(doc, cleaned)
        cleaned = _company_short_names(doc, cleaned, self.common_words)
        cleaned = _names_ending_in_places(doc, cleaned)
        cleaned = _names_cut_at_start(doc, cleaned)
        cleaned = _names_spelled_by_acronyms(doc, cleaned)
        cleaned = _works_after_work_nouns(doc, cleaned)
        cleaned += _bracketed_acronyms(doc, cleaned)
        cleaned += _standalone_acronyms(doc, cleaned)
        cleaned += _organisations_before_titles(doc, cleaned)
        cleaned = _bands_around_players(doc, cleaned)
        cleaned = _bands_after_kind_words(doc, cleaned)
        clusters = build_clusters(doc, sorted(cleaned, key=lambda s: s.start), self.common_words)
        doc._.ng_entities = clusters
        index = {}
        for cluster in clusters:
            for mention in cluster.mentions:
                for i in range(mention.start, mention.end):
                    index[i] = cluster
        doc._.ng_token_entity = index
        return doc


# Bodies a country has only one of: "Indonesian military" names it even without "the"
_NATIONAL_BODIES = {"government", "military", "navy", "army", "police", "coastguard", "parliament", "cabinet"}


def _described_body(doc: Doc, start: int, end: int, named_heads: set[str]) -> bool:
    """An unnamed public body that is only described, not named by its words.

    "a Greek court" / "Greek court rules": with no "the" (or possessive) before it, one of
    many, not an institution. "North Korea's main news agency" when the article names a
    News Agency: a description of that named body, not another one.
    """
    before = doc[start - 1] if start > 0 else None
    definite = before is not None and (before.lower_ in ("the", "its", "their", "his", "her") or
                                       before.tag_ == "POS")
    possessive = any(t.tag_ == "POS" or t.lower_ in ("'s", "’s") for t in doc[start:end])
    head = doc[end - 1].lower_
    if head in _NATIONAL_BODIES:
        return False  # "by Malaysian navy": a country has one navy, named or not
    if start > 1 and doc[start - 1].text == "," and doc[start - 2].ent_type_ == "ORG":
        return True  # "the Competition and Markets Authority, Britain's competition regulator,": that body
    return (not definite and not possessive) or head in named_heads


# Briefs that are also parties' names, and titles a party has and a brief has not ("Labour leader X",
# "Labour MP X"; "Labour Minister X" holds the brief)
_PARTY_PORTFOLIOS = {"labour", "labor"}
_PARTY_TITLES = {"leader", "mp", "candidate", "chairman", "chairwoman", "spokesman", "spokeswoman", "member",
                 "councillor", "councilor", "politician", "lawmaker", "senator", "deputy"}


# Titles that are part of how a person is named ("Prince Harry", "Queen Elizabeth II", "Pope Francis"):
# the model's span keeps them
_STYLED_TITLES = {"king", "queen", "prince", "princess", "pope", "emperor", "empress", "sultan", "sheikh", "emir",
                  "lord", "lady", "duke", "duchess", "baron", "saint", "st.", "chief", "general"}


def _is_title_head(token) -> bool:
    lower = token.lower_
    return (lower in ROLE_NOUNS and lower not in ROLE_MODIFIERS) or lower in TITLE_WORDS


def _company_kind(word: str) -> bool:
    """"chipmaker", "retailer", "airline": a word that says what kind of company a name is."""
    return word.endswith("maker") or word in STORY_COMPANY_NOUNS - {"group", "chain", "operator", "company", "bank"}


_INSTITUTIONS = {"senate", "congress", "parliament", "army", "navy", "treasury", "cabinet", "embassy", "consulate"}


def _countries_institutions(doc: Doc, spans: list[Span]) -> list[Span]:
    """"The United States Senate", "the U.S. Army": the model may read the country and the institution
    apart; a country's name right before one of its institutions is part of the institution's name."""
    by_start = {s.start: s for s in spans}
    merged: dict[int, Span] = {}
    for span in spans:
        after = by_start.get(span.end)
        # "the Argentine | Parliament": a nationality the model read as a body of its own, likewise
        country = span.label_ in ("GPE", "NORP") or (span.label_ == "ORG" and len(span) == 1 and span[0].is_title)
        if country and after is not None and after.label_ == "ORG" and len(after) == 1 and \
                after[0].is_title and after[0].lower_ in _INSTITUTIONS and span[-1].head.i == after.start:
            merged[span.start] = Span(doc, span.start, after.end, label="ORG")
    if not merged:
        return spans
    absorbed = {s.end - 1 for s in merged.values()}  # the institution's own span, now inside the name
    return [merged.get(s.start, s) for s in spans if s.start not in absorbed]


# first words of bodies named in other languages ("Banque Generale", "Banco Santander", "Societe Generale")
_BODY_OPENERS = {"banque", "banco", "banca", "compagnie", "compania", "compañía", "societe", "société", "societa",
                 "società", "sociedad", "caisse", "groupe", "grupo", "gruppo", "instituto", "istituto", "institut",
                 "pt"}  # "PT Bukit Asam": an Indonesian limited company


_NAME_PARTICLES = {"du", "de", "des", "di", "del", "della", "do", "da", "dos", "das"}
# and the particles that open surnames ("de Wolff", "van Dam", "von Trapp", "ter Horst")
_SURNAME_PARTICLES = _NAME_PARTICLES | {"van", "von", "der", "den", "ter", "ten", "le", "la"}


def _particle_surname(span: Span) -> bool:
    """"de Wolff", "Van der Meer": a surname with its particles, however capitalised."""
    return len(span) > 1 and all(t.lower_ in _SURNAME_PARTICLES for t in span[:-1])


def _names_joined_by_particles(doc: Doc, spans: list[Span]) -> list[Span]:
    """"Banque Generale du Luxembourg SA", "Banco do Brasil": a body's name the model cut at a
    lowercase particle, the rest read as another body, is one name."""
    by_start = {s.start: s for s in spans}
    result: list[Span] = []
    skip: set[int] = set()
    for span in spans:
        if span.start in skip:
            continue
        after = by_start.get(span.end + 1)
        if after is not None and after.label_ in ("ORG", "GPE") and \
                (span.label_ == "ORG" or (span.label_ == "PERSON" and span[0].lower_ in _BODY_OPENERS)) and \
                doc[span.end].lower_ in _NAME_PARTICLES and doc[span.end].is_lower and \
                (after.label_ == "ORG" or (after.end < len(doc) and doc[after.end].text in COMPANY_MARKS)):
            end = after.end
            if after.label_ == "GPE" and end < len(doc) and doc[end].text in COMPANY_MARKS:
                end += 1  # "Banco do Brasil SA"
            span = Span(doc, span.start, end, label="ORG")
            skip.add(after.start)
        result.append(span)
    return result


def _hyphen_joined_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """"Emilia-Romagna", "Shin-Etsu Chemical": the model may stop a name at its hyphen; a capitalised
    word joined to a person's or a body's name by a bare hyphen goes on with the name."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    result = []
    for span in spans:
        end = span.end
        while span.label_ in ("PERSON", "ORG") and end + 1 < len(doc) and doc[end].text == "-" \
                and not doc[end - 1].whitespace_ and not doc[end].whitespace_ and end + 1 not in taken \
                and doc[end + 1].is_title and doc[end + 1].is_alpha:
            end += 2
        result.append(span if end == span.end else Span(doc, span.start, end, label=span.label_))
    return result


def _given_names_before(doc: Doc, spans: list[Span], common_words: frozenset[str] = frozenset()) -> list[Span]:
    """"Chief Inspector of Mines Redzuan Sumun", "Faith Ochieng, head of research": the model may
    tag only the surname. A capitalised word right before a person's name, after another
    capitalised word or opening a sentence, that the parser hangs on the name, and that is no
    title, brief, honorific, party label or other name, is the given name."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    result = []
    for span in spans:
        k = span.start - 1
        if span.label_ == "PERSON" and k > 0 and k not in taken and doc[k].tag_ == "NNP" and doc[k].is_title \
                and doc[k].is_alpha and len(doc[k]) > 1 and doc[k].head.i in range(span.start, span.end) \
                and doc[k].dep_ == "compound" and not doc[k].ent_type_ and not _is_title_head(doc[k]) \
                and doc[k].lower_ not in ROLE_MODIFIERS and doc[k].lower_ not in PORTFOLIO_WORDS \
                and doc[k].lower_ not in HONORIFICS and doc[k].lower_ not in TITLE_ABBREVIATIONS \
                and doc[k].lower_ not in ORG_HEADS and doc[k].lower_ not in _POLITICAL_LABELS \
                and doc[k].lower_ not in _DESCRIBED_BEFORE_NAMES and doc[k].lower_ not in ROLE_NOUNS \
                and (doc[k - 1].is_title or doc[k].is_sent_start) \
                and not (doc[k].lower_.endswith("s") and doc[k].lower_[:-1] in common_words):  # not "Stockbrokers"
            # "... of Mines | X"; ". Faith | Ochieng,"
            span = Span(doc, k, span.end, label="PERSON")
        result.append(span)
    return result


# Lowercase words after a place's name that say what kind of area it is, not part of the name
_AREA_WORDS = {"district", "province", "region", "county", "prefecture", "municipality", "state", "department"}


def _name_word(token: Token) -> bool:
    """A capitalised word that may be part of a person's name (not a title or a body's word)."""
    lower = token.lower_
    return token.text[:1].isupper() and not token.is_upper and token.is_alpha and token.pos_ == "PROPN" and \
        lower not in TITLE_WORDS and \
        lower not in ROLE_NOUNS and lower not in ORG_HEADS and lower not in PORTFOLIO_WORDS and \
        lower not in PLACE_HEADS and not token.is_stop  # (not "Prince | Edward Island")


# Words for a politician's side that the model reads into their name ("Independent Clara Boswell")
_POLITICAL_LABELS = {"independent", "democrat", "republican"}


# Words that describe a person, capitalised before a name at a sentence's start, and no title
_DESCRIBED_BEFORE_NAMES = {"substitute", "debutant", "rookie", "teenager", "youngster", "newcomer"}


def _without_title_words(span: Span) -> Span | None:
    """A name without the title words the model read into it.

    "Defense" in "Defense Secretary Ann Lee" and "Shadow Home" in "Shadow Home Secretary"
    name a brief, not an organisation: the span goes. "State Department Spokesperson"
    loses its trailing title word.
    """
    doc = span.doc
    if len(span) == 1 and span[0].lower_ in TITLE_ABBREVIATIONS:
        return None  # "Sens." read as a place
    if len(span) >= 2 and span[0].is_title and _company_kind(span[0].lower_) and span[1].is_title:
        return Span(doc, span.start + 1, span.end, label="ORG")  # "Chipmaker | Nexora to cut jobs" (a headline)
    if len(span) >= 3 and span.label_ not in ("PERSON", "ORG", "GPE", "LOC"):
        # "According to Shadow Treasurer | Angus McBride", read as one work: the title, then a name (not
        # "Economist Intelligence Unit", "General Felt Industries": bodies)
        k = 0
        while k < len(span) - 2 and span[k].is_title and (
                span[k].lower_ in ROLE_MODIFIERS or span[k].lower_ in PORTFOLIO_WORDS or _is_title_head(span[k])):
            k += 1
        if k and _is_title_head(span[k - 1]) and len(span) - k in (2, 3) and all(_name_word(t) for t in span[k:]):
            return Span(doc, span.start + k, span.end, label="PERSON")
    if len(span) == 3 and span[0].lower_ in _POLITICAL_LABELS and span.label_ in ("PERSON", "ORG") and \
            all(_name_word(t) for t in span[1:]):
        return Span(doc, span.start + 1, span.end, label=span.label)  # "Independent | Clara Boswell, who held"
    if span.label_ == "PERSON":
        if len(span) >= 3 and span[0].is_title and span[0].lower_ in _DESCRIBED_BEFORE_NAMES and \
                all(_name_word(t) for t in span[1:]):
            return Span(doc, span.start + 1, span.end, label=span.label)  # "Substitute | Tobi Okonkwo headed in"
        if len(span) >= 3 and (span[0].is_title or span[0].is_upper) and _is_title_head(span[0]) \
                and span[0].lower_ not in _STYLED_TITLES \
                and all(t.is_title or t.is_upper or t.text.endswith(".") for t in span[1:]):
            return Span(doc, span.start + 1, span.end, label=span.label)  # "Treasurer | Denise L. Nappier", "DJ | X"
        if len(span) >= 3 and span[0].is_title and span.start > 1 and doc[span.start - 1].lower_ in ("of", "for") \
                and span[0].lower_ not in _STYLED_TITLES and (span[0].lower_ in PORTFOLIO_WORDS or (
                    doc[span.start - 2].is_title and _is_title_head(doc[span.start - 2]))):
            # "Secretary of State for Health | X", "Controller of Drama | X": the brief, then the name
            return Span(doc, span.start + 1, span.end, label=span.label)
        return span
    if span.label_ in ("GPE", "LOC") and len(span) >= 2 and span[-1].is_lower and span[-1].lower_ in _AREA_WORDS:
        return Span(doc, span.start, span.end - 1, label=span.label)  # "Buzi | district", "Manica | province"
    if span.label_ in ("GPE", "LOC", "FAC"):
        end = span.end
        if len(span) >= 2 and span[-1].is_title and _is_title_head(span[-1]) and span[-1].lower_ not in ORG_HEADS \
                and end < len(doc) and doc[end].ent_type_ == "PERSON":
            return Span(doc, span.start, end - 1, label=span.label)  # "Los Angeles County | Supervisor X"
        return span
    words = [t.lower_ for t in span]
    after = span.end
    while after < len(doc) and after - span.end < 4 and (doc[after].lower_ in PORTFOLIO_WORDS or (
            doc[after].lower_ in ("and", "&") and after + 1 < len(doc) and doc[after + 1].lower_ in PORTFOLIO_WORDS)) \
            and not _is_title_head(doc[after]):
        after += 1  # "Shadow | Home Secretary", "Venezuelan Energy | and Mines Minister"
    # "British | Trade and Industry | Secretary": a nationality may open the brief
    brief = words[1:] if len(words) > 1 and _NATIONALITY_ENDING.search(words[0]) and span[0].is_title \
        and "party" not in words else words  # not "Democratic Party | boss": a party
    if after < len(doc) and _is_title_head(doc[after]) and (doc[after].is_title or doc[after].is_lower) \
            and all(w in PORTFOLIO_WORDS or w in ROLE_MODIFIERS or w in RANK_WORDS for w in brief if w not in ("and", "&")) \
            and not (after == span.end and words[0] in _PARTY_PORTFOLIOS and doc[after].lower_ in _PARTY_TITLES):
        # "Trade and Industry | Secretary", "Venezuelan Energy and Mines | Minister": a brief; but
        # "Labour leader X": the party, whose name is also a brief's
        return None
    if all(w in PORTFOLIO_WORDS for w in brief):
        k = span.end
        while k < len(doc) and k - span.end < 6 and (doc[k].text == "," or doc[k].lower_ in ("and", "&") or (
                doc[k].is_title and doc[k].is_alpha and not _is_title_head(doc[k]))):
            k += 1
        if k > span.end and k < len(doc) and doc[k].lower_ in BRIEF_TITLES and doc[k - 1].is_alpha:
            return None  # "Mines, | Power and Steel Minister X": the first of the portfolios
    brief_start = span.end
    while brief_start - 1 > span.start and doc[brief_start - 1].lower_ in PORTFOLIO_WORDS and doc[brief_start - 1].is_title:
        brief_start -= 1
    if span.start < brief_start < span.end and span.end < len(doc) and doc[span.end].lower_ in BRIEF_TITLES \
            and doc[brief_start - 1].lower_ not in _BRIEF_LINKS | PORTFOLIO_WORDS and doc[brief_start - 1].is_alpha:
        return Span(doc, span.start, brief_start, label=span.label)  # "told Reuters | Finance Secretary X"
    before = span.start - 1
    while before >= 2 and doc[before].text == "," and doc[before - 1].lower_ in PORTFOLIO_WORDS and \
            doc[before - 1].is_title and all(w in PORTFOLIO_WORDS or w in _BRIEF_LINKS for w in words):
        before -= 2  # "Minister for Agriculture, | Fisheries and Food": the brief's first portfolios
        while before >= 1 and doc[before].lower_ in PORTFOLIO_WORDS and doc[before].is_title:
            before -= 1
    if before >= 0 and doc[before].lower_ == "the":
        before -= 1  # "Minister of the Interior"
    if before >= 1 and doc[before].lower_ in ("of", "for") and _is_title_head(doc[before - 1]) \
            and words[0] in PORTFOLIO_WORDS and all(w in PORTFOLIO_WORDS or w in _BRIEF_LINKS or w == "," for w in words) \
            and words[-1] != "party":  # "leader of the Labour Party": a party named, though its words name briefs
        # "Secretary of State", "Minister for Foreign Affairs", "Secretary of State for Culture": the brief, not a body
        return None
    end = span.end
    if end + 1 < len(doc) and doc[end].lower_ in ("'s", "’s") and doc[end + 1].lower_ in ("office", "department"):
        return span  # "the Sheriff's office": the title names the body
    if end < len(doc) and _is_title_head(doc[end]) and doc[end].is_title and end - span.start >= 3 and \
            doc[end - 1].lower_ in ROLE_MODIFIERS and doc[end - 2].lower_ in ("of", "for"):
        # "People's Alliance of Prime | Minister X": the model ran into the title of the person after
        return Span(doc, span.start, end - 2, label=span.label)
    while end - span.start > 1 and doc[end - 1].is_title and _is_title_head(doc[end - 1]) \
            and doc[end - 1].lower_ not in ORG_HEADS and doc[end - 2].lower_ not in ("of", "for", "the") \
            and not (span[0].lower_ in ORG_HEADS and any(t.lower_ == "of" for t in span)):
        end -= 1  # but "Department of Justice", "Office of the President", "Office of Inspector General"
        # end on their brief or the post they serve
    if end == span.end and end < len(doc) and doc[end].ent_type_ == "PERSON":
        # "Hallberg Chief Executive | Sabine Ortmann": a title of modifiers ("Chief Executive", "Managing
        # Director") between the company and the name is the person's, not the company's
        cut = end
        while cut - span.start > 1 and doc[cut - 1].is_title and doc[cut - 1].lower_ in ROLE_MODIFIERS | ROLE_NOUNS \
                and doc[cut - 1].lower_ not in ORG_HEADS:
            cut -= 1
        if cut < end and end - cut >= 2 and doc[cut - 1].lower_ not in ("of", "for", "the", "and"):
            end = cut
    if end != span.end:
        return Span(doc, span.start, end, label=span.label)
    return span


_SOURCE_CODE = re.compile(r"^[A-Z]{2}\d{8,}$")  # "LD0806223294": a monitoring service's item number
_CODE_SHAPE = get_string_id("XXdddd")  # its shape (spaCy cuts a shape's runs at four)


def _line_start(doc: Doc, i: int) -> bool:
    return i == 0 or "\n" in doc[i - 1].whitespace_ or doc[i - 1].is_space


def _line_starts(doc: Doc) -> set[int]:
    """Tokens that open a line (after a space token, which holds the line break), read in C."""
    return {0, *(doc.to_array(IS_SPACE).nonzero()[0] + 1).tolist()}


def _source_lines(doc: Doc, spans: list[Span]) -> list[Span]:
    """A monitoring service's source line: "Paris Radio France International", "Moscow ITAR-TASS",
    "LD0806223294 Sarajevo Radio Bosnia-Herzegovina Network in Serbo-Croatian".

    At the start of a line (after its item number, if any), one capitalised word before a
    broadcaster's name (a broadcast word and more name) or an agency's acronym, ending the line or
    before the language ("in English"), is the city it reports from: a place, and the rest the
    organisation. The item number is no name.
    """
    result: list[Span] = []
    drop: set[int] = set()
    lines = _line_starts(doc)  # and item numbers anywhere ("...Finances MK1401103094 Moscow ...")
    codes = (doc.to_array(SHAPE) == _CODE_SHAPE).nonzero()[0].tolist()
    lines.update(i for i in codes if _SOURCE_CODE.match(doc[i].text))
    for span in spans:
        if id(span) in drop:
            continue
        start = span.start
        if start not in lines and start - 1 not in lines:
            result.append(span)  # (most names: not at a line's start, nor one word after it)
            continue
        if _SOURCE_CODE.match(doc[start].text):
            start += 1
        elif not (_line_start(doc, start) or (start >= 1 and _SOURCE_CODE.match(doc[start - 1].text) and
                                              _line_start(doc, start - 1))):
            result.append(span)
            continue
        span_end = span.end
        if span_end - start == 1 and span_end < len(doc) and not doc[start].is_upper and (
                (doc[span_end].lower_ in BROADCAST_WORDS and doc[span_end].is_title) or
                (doc[span_end].is_upper and doc[span_end].is_alpha and len(doc[span_end]) > 1)):
            span_end += 1  # "Beirut | Radio | Lebanon", "Moscow | MOSKOVSKIY KOMSOMOLETS": the city alone tagged
        rest = doc[start + 1:span_end]
        city = doc[start] if start < span_end else None
        if city is None or not rest or span.label_ not in ("ORG", "GPE", "FAC", "PERSON") or \
                not city.is_alpha or not (city.is_title or city.is_upper) or city.lower_ in _HEAD_WORDS or \
                city.lower_ in BROADCAST_WORDS:
            result.append(span if start == span.start else Span(doc, start, span.end, label=span.label))
            continue
        broadcaster = rest[0].lower_ in BROADCAST_WORDS and rest[0].is_title
        agency = all(t.is_upper or t.text == "-" for t in rest) and rest[0].text[:2].isalpha() and \
            not city.is_upper  # (not "SPACE CENTER, Houston")
        if not (broadcaster or agency) or (broadcaster and len(rest) == 1 and (
                span_end >= len(doc) or not (doc[span_end].is_title or doc[span_end].is_upper))):
            result.append(span if start == span.start else Span(doc, start, span.end, label=span.label))
            continue  # "Vatican Radio": the broadcaster's own name
        end = span_end
        while end < len(doc) and end - span.end < 6 and not doc[end].is_space and (
                ((doc[end].is_upper or (broadcaster and doc[end].is_title)) and doc[end].is_alpha) or
                (doc[end].text == "-" and not doc[end].whitespace_)):
            end += 1  # "Sarajevo Radio | Bosnia-Herzegovina Network": the model stopped inside the name
        if not (end == len(doc) or doc[end].is_space or "\n" in doc[end - 1].whitespace_ or doc[end].lower_ == "in"):
            result.append(span if start == span.start else Span(doc, start, span.end, label=span.label))
            continue  # a source line ends there or names its language: not "Consolidated TVX said"
        if end > span.end:
            drop.update(id(s) for s in spans if s.start < end and s.end > span.end)
            result = [s for s in result if not (s.start < end and s.end > span.end)]
        result.append(Span(doc, start, start + 1, label="GPE"))
        result.append(Span(doc, start + 1, end, label="ORG"))
    return [s for s in result if id(s) not in drop]


def _merge_split_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """Join names the model cut in two.

    * a country or nationality before a public body: "US" + "State Department",
      "Saudi" + "Interior Ministry";
    * an organisation's "for"/"on" complement: "Andy Warhol Foundation" + "for the" +
      "Visual Arts", "Council" + "on" + "American-Islamic Relations", "Society" + "of" + "Canada".
    """
    spans = sorted(spans, key=lambda s: s.start)
    by_start = {s.start: s for s in spans}
    drop: set[int] = set()
    result: list[Span] = []
    for span in spans:
        if id(span) in drop:
            continue
        if ((span.label_ == "ORG" and span[-1].lower_ in BODY_HEADS | {"department", "ministry"}) or
                (span.label_ in ("ORG", "GPE") and span[-1].lower_ in MEDIA_HEADS)) and span.start > 0:
            i = span.start - 1
            while i >= 0 and doc[i].ent_type_ in ("GPE", "NORP") and span.start - i <= 3 and doc[i].is_alpha:
                i -= 1
            if i + 1 < span.start and doc[i + 1].ent_iob_ == "B":
                before = [s for s in result if s.end > i + 1]
                for s in before:
                    result.remove(s)
                span = Span(doc, i + 1, span.end, label="ORG")
        if span.label_ == "ORG" and span.end + 1 < len(doc) and doc[span.end].lower_ in ("'s", "’s") and \
                doc[span.end + 1].lower_ in ("office", "department") and doc[span.end + 1].is_lower:
            span = Span(doc, span.start, span.end + 2, label="ORG")  # "the Sheriff's office"
        if len(span) == 1 and span.label_ in ("ORG", "GPE", "PERSON") and span.end + 2 < len(doc) and \
                doc[span.end].lower_ == "and":
            # "Avon | and Somerset Police", "Devon | and Cornwall Council": the body of two places, cut at "and"
            # (not "Commerzbank and Deutsche Bank": two bodies)
            k = span.end + 1
            while k < len(doc) and k - span.end <= 3 and doc[k].is_title and doc[k].is_alpha and \
                    doc[k].ent_type_ in ("", "GPE", "LOC"):
                k += 1
            if k - span.end >= 3 and doc[k - 1].lower_ in ORG_HEADS | BODY_HEADS:
                drop.update(id(s) for s in spans if span.end < s.start < k)
                span = Span(doc, span.start, k, label="ORG")
        if span.label_ == "GPE" and span[-1].lower_ in MEDIA_HEADS:
            span = Span(doc, span.start, span.end, label="ORG")  # "Gazette" alone is a paper, not a place
        if span.label_ == "ORG" and (span[-1].lower_ in ORG_HEADS or span[-1].lower_ == "corps") and \
                span.end + 1 < len(doc) and doc[span.end].lower_ in ("for", "on", "of"):
            j = span.end + 1
            if doc[j].lower_ == "the":
                j += 1
            other = by_start.get(j)
            allowed: tuple[str, ...] = ("GPE", "LOC") if doc[span.end].lower_ == "of" else ("ORG", "GPE", "NORP", "LOC")
            if doc[span.end].lower_ == "of" and span[-1].lower_ in _COMPANY_SUFFIXES:
                allowed = ()  # "Pacific Marine Inc. of Houston": the company, and where it is
            if other is not None and other.label_ in allowed and doc[j].is_title:
                drop.add(id(other))
                span = Span(doc, span.start, other.end, label="ORG")
        if span.label_ == "ORG" and span[0].lower_ in ("university", "college") and span.end + 1 < len(doc):
            # "University of Texas Arlington", "University of North Carolina at Greensboro": a campus
            j = span.end + (doc[span.end].lower_ == "at")
            other = by_start.get(j)
            if other is not None and other.label_ in ("GPE", "LOC", "ORG") and id(other) not in drop and \
                    any(t.lower_ == "of" for t in span):
                drop.add(id(other))
                span = Span(doc, span.start, other.end, label="ORG")
        result.append(span)
    return result


_CAMPUS_HEADS = {"university", "college", "school", "institute", "academy"}


def _retype_from_context(doc: Doc, spans: list[Span]) -> list[Span]:
    """Types and spans the words around a name correct.

    * a name ending in a facility word ("Memorial Hall Station", "Century City Towers") is a
      site even when the model read a person or an event;
    * "the town of X", "X county": X is a place, not an organisation;
    * a capitalised compass word after a place is part of its name ("Kowloon West");
    * a portfolio name before a lowercase body word is one body ("Malaysia Tourism board");
    * "Museum of Art at Acme University": two organisations, the museum and the university.
    """
    starts = {s.start for s in spans}
    taken = {i for s in spans for i in range(s.start, s.end)}
    result: list[Span] = []
    for span in spans:
        label, start, end = span.label_, span.start, span.end
        if label == "ORG" and doc[start].lower_ in ORG_HEADS and doc[start].is_title and end - start > 1:
            while start - 1 > doc[span.start].sent.start and span.start - start < 3 and start - 1 not in taken and \
                    doc[start - 1].is_title and doc[start - 1].is_alpha and doc[start - 1].lower_ not in DETERMINERS:
                start -= 1  # "Doctor Who | Society of Canada": the words before the head are the name's
            span = Span(doc, start, end, label=label) if start != span.start else span
        last = doc[end - 1]
        if label in ("ORG", "GPE", "LOC", "FAC", "PERSON") and _example_of_kind(span, NOT_ENTITY_KINDS):
            continue  # "the ancient gods, such as Zeus, Hera and Athena": gods, not bodies or places
        if end - start == 1 and _capitalised_adjective(doc[start]):
            continue  # '"Foolhardy provocation deserves ...': a sentence's first word, not a name
        if (label not in ("PERSON", "GPE", "LOC", "FAC") and _names_a_seat(doc, end)) or \
                (label == "ORG" and _adjective_before_noun(doc, start, end)):
            continue  # "the Social Welfare constituency", "Localist group Civic Passion"
        if label in ("PERSON", "EVENT", "WORK_OF_ART", "PRODUCT") and end - start >= 2 and last.is_title and \
                last.lower_ in (SITE_WORDS if label == "PERSON" else FACILITY_HEADS):
            label = "FAC"
        if label == "PERSON" and end < len(doc) and doc[end].is_lower and \
                last.head.i == end and doc[end].dep_ != "compound" and \
                (_company_kind(doc[end].lower_) or doc[end].lower_ in ("bank", "company")):
            label = "ORG"  # "Brazil's Varig airline": the kind of company after the name says what it is
        if label == "PERSON" and last.is_title and last.lower_ in MEDIA_HEADS:
            while start - 1 not in taken and start - 1 > doc[span.start].sent.start and doc[start - 1].is_title \
                    and doc[start - 1].is_alpha and doc[start - 2].lower_ == "the":
                start -= 1  # "the Official | Gazette": the paper's whole name
            label = "ORG"  # a newspaper, not a person
        before = start - 1 - (start > 0 and doc[start - 1].lower_ == "the")
        if label == "ORG" and last.is_title and last.lower_ in BUILDING_WORDS and end - start >= 2 and \
                before >= 0 and doc[before].lower_ in LOCATIVE_PREPOSITIONS:
            label = "FAC"  # "bring it to the White House": where, not who
        if label in ("ORG", "PERSON") and end - start <= 3 and (
                (start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in SETTLEMENT_NOUNS and
                doc[start - 2].is_lower) or
                (end < len(doc) and doc[end].is_lower and (
                    (label == "ORG" and (doc[end].lower_ in SETTLEMENT_NOUNS or doc[end].lower_ in LANDFORM_NOUNS)) or
                    (label == "PERSON" and start > 0 and doc[start - 1].lower_ == "the"  # "the Emilia-Romagna region"
                     and doc[end].lower_ in SETTLEMENT_NOUNS) or
                    (doc[end].lemma_ in SETTLEMENT_NOUNS and doc[end].lower_ != doc[end].lemma_)))) and \
                not any(t.lower_ in ORG_HEADS for t in doc[start:end]):
            label = "GPE"  # "the city of Ramona", "Umbria and Lazio provinces", whatever the model said
        if label in ("GPE", "LOC") and start > 0 and doc[start - 1].text in COMPASS_PREFIXES and \
                start - 1 not in taken and not (start > 1 and doc[start - 2].is_title and doc[start - 2].is_alpha):
            start -= 1  # "the East | Los Angeles sheriff's station": the compass word is the name's
        if label == "PERSON" and end - start == 1 and end < len(doc) and end not in taken and \
                _short_surname(doc[end]):
            end += 1  # "Wilson | Or was elected", "James | To of the Democratic Party"
        if label in ("GPE", "LOC") and end < len(doc) and end not in taken and _name_goes_on(doc[end - 1], doc[end]):
            end += 1  # "Burkina | Faso": the model stopped inside the name
        if label in ("GPE", "LOC") and end < len(doc) and doc[end].text in COMPASS_SUFFIXES and \
                end not in starts and not (end + 1 < len(doc) and doc[end + 1].is_title):
            end += 1
        if label == "ORG" and last.lower_ in PORTFOLIO_WORDS and last.is_title and end < len(doc) and \
                doc[end].is_lower and doc[end].lower_ in BODY_HEADS | {"board"}:
            end += 1
        if label == "ORG" and end - start >= 4 and end < len(doc) and doc[end].pos_ in ("VERB", "AUX") and \
                all(t.is_title and t.is_alpha and t.lower_ not in _HEAD_WORDS for t in doc[end - 2:end]) and \
                doc[end - 3].is_title and doc[end - 3].lower_ not in _HEAD_WORDS and \
                _role_of_before(doc, start):
            # "Executive director of the Council on X Relations Alia Salem said": the name ends the title;
            # "Minister of Agriculture, Fisheries and Food Ann Howe": the title's brief, no body at all
            body = _without_title_words(Span(doc, start, end - 2, label="ORG"))
            if body is not None:
                result.append(body)
            result.append(Span(doc, end - 2, end, label="PERSON"))
            continue
        if label in ("ORG", "FAC"):
            at = next((i for i in range(start + 1, end - 1) if doc[i].lower_ == "at"), None)
            if at is not None and doc[end - 1].is_title and doc[end - 1].lower_ in _CAMPUS_HEADS and \
                    doc[start].lower_ not in _CAMPUS_HEADS and \
                    any(t.lower_ in ORG_HEADS for t in doc[start:at]) and doc[at + 1].is_title:
                result.append(Span(doc, start, at, label="ORG"))
                result.append(Span(doc, at + 1, end, label="ORG"))
                continue
        result.append(Span(doc, start, end, label=label) if (label, start, end) != (
            span.label_, span.start, span.end) else span)
    return result


def _bands_read_as_places(doc: Doc, spans: list[Span]) -> list[Span]:
    """"Nolan joined The New York Dolls": after a capitalised "The", a place's name followed by a
    plural common noun names a band or a team, not a place ("The Cayman Islands" is one)."""
    result = []
    for span in spans:
        last = span[-1]
        if span.label_ in ("GPE", "LOC") and len(span) >= 2 and span.start > 0 and \
                doc[span.start - 1].text == "The" and last.is_title and last.is_alpha and \
                last.lower_ != last.lemma_ and last.lower_.endswith("s") and last.lower_ not in PLACE_PLURALS and \
                last.lower_ not in _HEAD_WORDS:
            span = Span(doc, span.start, span.end, label="ORG")
        result.append(span)
    return result


def _workplaces_read_as_people(doc: Doc, spans: list[Span]) -> list[Span]:
    """"Sophie Brandt, a retail analyst at Peel Hunt": a name the model read as a person right after a
    job's "at" is where the job is, a body (nobody is an analyst at a person)."""
    result = []
    for span in spans:
        at = doc[span.start - 1] if span.start > 0 else None
        if span.label_ == "PERSON" and at is not None and at.lower_ == "at" and len(span) <= 3 and \
                (at.head.lemma_ in ROLE_NOUNS or at.head.lower_ in ROLE_NOUNS) and at.head.is_lower:
            span = Span(doc, span.start, span.end, label="ORG")
        result.append(span)
    return result


def _lists_read_as_one_place(doc: Doc, spans: list[Span]) -> list[Span]:
    """"the districts of Dadu, Jacobabad and Larkana": the model may read "Dadu, Jacobabad" as a
    town and its region, and "Larkana" as a person. A place's span with a comma inside, followed by
    "and"/"or" and another name, is a list: each name is a place, the last one too."""
    by_start = {s.start: s for s in spans}
    result: list[Span] = []
    relabel: set[int] = set()
    for span in spans:
        commas = [t.i for t in span if t.text == ","]
        after = by_start.get(span.end + 1)
        if span.label_ != "GPE" or not commas or span.end + 1 >= len(doc) or doc[span.end].lower_ not in ("and", "or") \
                or after is None or len(after) > 3 or after.label_ not in ("GPE", "PERSON", "ORG"):
            result.append(span)
            continue
        start = span.start
        for comma in [*commas, span.end]:
            if comma > start:
                result.append(Span(doc, start, comma, label="GPE"))
            start = comma + 1
        relabel.add(after.start)
    return [Span(doc, s.start, s.end, label="GPE") if s.start in relabel else s for s in result]


def _hyphenated_places(doc: Doc, spans: list[Span]) -> list[Span]:
    """Places joined by hyphens are each a place: "the Shenzhen-Hong Kong-Guangzhou cluster" (every
    piece a place elsewhere in the article) is its three cities, not a fourth place; in "the
    Tokyo-Yokohama cluster" the untagged word after the hyphen is a place too."""
    places = {s.text for s in spans if s.label_ in ("GPE", "LOC") and "-" not in s.text}
    taken = {i for s in spans for i in range(s.start, s.end)}
    result = []
    for span in spans:
        if span.label_ in ("GPE", "LOC", "FAC") and "-" in span.text:
            pieces = [p.strip() for p in span.text.split("-")]
            if len(pieces) > 1 and all(p in places for p in pieces):
                continue  # each piece is a place of its own
        result.append(span)
        end = span.end
        if span.label_ == "GPE" and end + 2 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ \
                and not doc[end].whitespace_ and end + 1 not in taken:
            piece = doc[end + 1]
            after = doc[end + 2]
            if piece.is_title and piece.is_alpha and piece.pos_ == "PROPN" and piece.ent_iob_ == "O" and \
                    piece.lower_ not in _HEAD_WORDS and after.is_lower and after.pos_ == "NOUN":
                result.append(Span(doc, end + 1, end + 2, label="GPE"))
                taken.add(end + 1)
    return result


def _short_surname(token: Token) -> bool:
    """A capitalised small word mid-sentence after a given name is a surname ("Wilson Or", "James To"):
    English capitalises "or" and "to" only at a sentence's start or in a title."""
    doc = token.doc
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return token.is_title and token.is_alpha and len(token) <= 3 and token.is_stop and token.i > 0 and \
        doc[token.i - 1].is_alpha and not doc[token.i - 1].whitespace_.count("\n") and token.ent_iob_ != "B" and \
        not (nxt is not None and nxt.is_title and nxt.is_alpha)  # (the parser may start a sentence at "Or")


def _name_goes_on(last: Token, after: Token) -> bool:
    """The word after a place's name is more of it: "Burkina | Faso" (the name's last word a compound
    of it, capitalised, untagged, and no head, title or compass word)."""
    lower = after.lower_
    if not (last.dep_ == "compound" and last.head.i == after.i and after.pos_ == "PROPN" and after.is_title and
            after.is_alpha and after.ent_iob_ == "O" and last.is_alpha and lower not in _HEAD_WORDS and
            lower not in ROLE_NOUNS and lower not in TITLE_WORDS and lower not in SPORT_WORDS and
            after.text not in COMPASS_SUFFIXES):
        return False
    sent = after.sent  # in a headline ("U.S. Officials Say") every word is capitalised: no evidence there
    words = [t for t in sent if t.is_alpha]
    return sum(t.is_title or t.is_upper for t in words) * 2 <= len(words)


def _capitalised_adjective(token) -> bool:
    """An adjective capitalised only because it opens a sentence or a quote, before a common noun."""
    previous = token.doc[token.i - 1] if token.i > 0 else None
    opens = previous is None or token.is_sent_start or previous.is_quote or "\n" in previous.text
    return opens and token.tag_ == "JJ" and token.dep_ == "amod" and token.head.i > token.i and \
        token.head.is_lower and token.head.pos_ == "NOUN" and \
        not any(t.text == token.text and t.i != token.i and t.ent_type_ for t in token.doc)  # "Okuyama Denki ... Okuyama president"


_SEAT_NOUNS = {"constituency", "constituencies", "seat", "seats", "ward", "wards", "riding", "electorate"}


def _names_a_seat(doc: Doc, end: int) -> bool:
    """"Shiu Ka-chun of the Social Welfare constituency", "District Council (Second) functional
    constituency", '"Super District Council" seats': the name of an electoral seat, not a body."""
    i = end
    if i < len(doc) and doc[i].text == "(":  # "(Second)"
        close = next((k for k in range(i + 1, min(len(doc), i + 5)) if doc[k].text == ")"), None)
        i = close + 1 if close is not None else i
    while i < len(doc) and i - end < 4 and (doc[i].is_quote or (doc[i].is_lower and doc[i].pos_ == "ADJ")):
        i += 1  # a closing mark, "functional"
    return i < len(doc) and doc[i].lower_ in _SEAT_NOUNS and doc[i].is_lower


def _adjective_before_noun(doc: Doc, start: int, end: int) -> bool:
    """"Localist group", "Islamist militants": one capitalised -ist word before a lowercase noun is an
    adjective of allegiance, not a name (but "The Economist magazine" is a paper)."""
    if end - start != 1 or end >= len(doc):
        return False
    word, after = doc[start], doc[end]
    return word.lower_.endswith("ist") and word.is_title and after.is_lower and after.is_alpha and \
        after.pos_ == "NOUN" and after.lower_ not in MEDIA_HEADS and after.lower_ not in ("magazine", "newspaper")


def _root(span: Span):
    """The span's syntactic head; its last word when the parse is missing or broken."""
    user_data = span.doc.user_data
    parsed = user_data.get("ng_has_dep")
    if parsed is None:  # Doc.has_annotation reads every token: once per Doc
        parsed = user_data["ng_has_dep"] = span.doc.has_annotation("DEP")
    if not parsed:
        return span[-1]
    try:
        return span.root
    except RuntimeError:  # a cycle in a hand-built or damaged parse
        return span[-1]


_HEAD_WORDS = ORG_HEADS | PLACE_HEADS | FACILITY_HEADS | MEDIA_HEADS | BODY_HEADS


def _people_from_context(doc: Doc, spans: list[Span]) -> list[Span]:
    """Names the model typed as places or organisations that the sentence shows are people.

    A name with no organisation or place word is a person when it stands in apposition to
    a person noun ("X, an Australian woman"), was born ("X was born in"), has kin ("X's
    father"), or is listed with a person ("A, B and X"). Every mention of the name, and
    its last word alone, is then that person.
    """
    names: set[str] = set()
    by_end = {s.end: s for s in spans}
    # Two or three name words the model read as a people ("Helena Mourão" said): its guess at a
    # name from another language. They are no entity yet; the same clues can make them a person.
    taken = {i for s in spans for i in range(s.start, s.end)}
    peoples = [ent for ent in doc.ents if ent.label_ == "NORP" and 1 < len(ent) <= 3 and
               not taken.intersection(range(ent.start, ent.end)) and
               not ent[-1].lower_.endswith(_PEOPLE_ENDINGS) and ent[-1].lower_ not in _PEOPLES_WORDS]
    # So can two one-word "places" the parse joins ("Duarte" "Ventura", a publisher): one name
    by_start = {s.start: s for s in spans}
    split = {}
    for span in spans:
        after = by_start.get(span.end)
        if span.label_ in ("GPE", "LOC") and after is not None and after.label_ in ("GPE", "LOC") and \
                len(span) == len(after) == 1 and span[0].head.i == after.start and span[0].dep_ == "compound":
            split[span.start] = (span, after)
            peoples.append(Span(doc, span.start, after.end, label="GPE"))
    for span in spans + peoples:
        if span.label_ not in ("ORG", "GPE", "LOC", "FAC", "NORP") or \
                not all((t.is_title and t.is_alpha) or t.text == "-" or _DOTTED_INITIALS.match(t.text) for t in span) or \
                any(t.lower_ in _HEAD_WORDS for t in span):
            continue
        root, end = _root(span), span.end
        conj = [root.head, *(c for c in root.head.children if c.dep_ == "conj")] if root.dep_ == "conj" else []
        conj += [c for c in root.children if c.dep_ == "conj"]
        possessed = doc[end + 1].lower_ if end + 1 < len(doc) and doc[end].lower_ in ("'s", "’s") else None
        not_a_country = len(span) > 1 and span.label_ != "GPE"
        guessed = span.label_ == "NORP" or (span.start in split and len(span) == 2)  # the candidates above
        swapped = root.dep_ == "dobj" and root.head.lemma_ in PERSON_SWAP_VERBS and any(
            c.dep_ == "nsubj" and c.ent_type_ == "PERSON" for c in root.head.children)
        if any(c.dep_ == "appos" and c.lemma_.lower() in PERSON_NOUNS for c in root.children) or \
                (root.dep_ == "appos" and root.head.i < span.start and root.head.lemma_.lower() in PERSON_NOUNS) or \
                (root.dep_ == "nsubjpass" and root.head.lemma_ == "bear") or possessed in PERSON_NOUNS or \
                _victim(root, possessed, span.label_) or _age_after(doc, end) or _holds_a_title(doc, root, span.start, end, span.label_) or \
                possessed in PERSON_POSSESSIONS or _after_title_of(doc, span.start, by_end) or _says_he(root) or \
                _after_office_title(doc, span) or \
                _described_as_person(doc, root, end) or \
                (not_a_country and len(span) == 2 and _of_a_named_body(doc, end, by_start)) or \
                (guessed and root.dep_ == "appos" and root.head.i < span.start and root.head.lemma_.lower() in ROLE_NOUNS) or \
                (not_a_country and _plain_name(span) and root.dep_ == "appos" and root.head.i < span.start and
                 _title_only_a_person_holds(root.head)) or \
                (len(span) > 1 and _players_act(root)) or \
                (not_a_country and (possessed in PLAYER_ACTS or swapped or any(
                    t.ent_type_ == "PERSON" and not (span.start <= t.i < end) for t in conj))):
            names.add(span.text)
    if not names:
        return spans
    last_words = {surname(n) for n in names if len(n.split()) > 1}
    joined = [s for s in peoples if s.text in names]
    joined_parts = {id(part) for s in joined if s.start in split for part in split[s.start]}
    return [Span(doc, s.start, s.end, label="PERSON") if s.label_ != "PERSON" and (
        s.text in names or (len(s) == 1 and s.text in last_words)) else s for s in spans if id(s) not in joined_parts] + [
        Span(doc, s.start, s.end, label="PERSON") for s in joined]


def _players_act(root: Token) -> bool:
    """"a low cross from Blessing Adeyemi", "a header by X": who made a player's move (a noun: "a block
    crossed by Salomon Brothers" is a trade) is a player."""
    by = root.head
    return root.dep_ == "pobj" and by.lower_ in ("from", "by") and any(
        t.pos_ == "NOUN" and t.lemma_.lower() in PLAYER_ACTS for t in (by.head, by.nbor(-1) if by.i > 0 else by.head))


def _title_only_a_person_holds(noun: Token) -> bool:
    """"president", "chief executive", "deputy director" (not "leader", "partner": a company is one too)."""
    title = noun.lemma_.lower()
    return (title in PERSON_TITLES and title not in _COMPANIES_ARE_TOO) or (
        title in ROLE_NOUNS and any((c.lower_ in _PERSONAL_RANKS or c.lower_ == "chief") and c.i < noun.i for c in noun.children))


def _of_a_named_body(doc: Doc, end: int, by_start: dict[int, Span]) -> bool:
    """"Nadia Fairweather of (the law firm) Kessler Vance LLP": "of" and a name that is plainly a body's
    (a company's mark, or a body's head word at its end) after a name of two words with neither: a
    person of that body."""
    if end + 1 >= len(doc) or doc[end].lower_ != "of":
        return False
    k = end + 1
    while k < len(doc) and k - end <= 3 and doc[k].is_lower and doc[k].is_alpha:
        k += 1  # "the", "the law firm"
    body = by_start.get(k)
    return body is not None and body.label_ in ("ORG", "PERSON") and len(body) > 1 and (
        body[-1].text in COMPANY_MARKS or body[-1].lower_ in ORG_HEADS | BODY_HEADS)


def _countries_before_titles(doc: Doc, spans: list[Span]) -> list[Span]:
    """"Sierra Leone's President Ernest Koroma", "Togo's Prime Minister X": a "person" whose head of
    state or government is named after it is the country (every mention of the name)."""
    by_start = {s.start: s for s in spans}
    names = set()
    for span in spans:
        end = span.end
        if span.label_ != "PERSON" or end + 2 >= len(doc) or doc[end].lower_ not in ("'s", "’s"):
            continue
        i = end + 1
        while i < len(doc) and i - end < 4 and doc[i].lower_ in ROLE_MODIFIERS and doc[i].lower_ != "prime":
            i += 1  # "former", "vice"
        if i + 1 >= len(doc):
            continue
        if doc[i].lower_ == "prime" and i + 1 < len(doc) and doc[i + 1].lower_ == "minister":
            i += 1
        elif doc[i].lower_ not in HEAD_OF_STATE_TITLES:
            continue
        after = by_start.get(i + 1)
        if (doc[i].is_title or doc[i].is_upper) and after is not None and after.label_ == "PERSON":
            names.add(span.text)
    if not names:
        return spans
    return [Span(doc, s.start, s.end, label="GPE") if s.label_ == "PERSON" and s.text in names else s for s in spans]


# Nationality and party words that do not end like "Chinese" or "Brazilian": "Greek Prime Minister X"
# names a nationality, "Democrat Governor X" a party
_PEOPLES_WORDS = {"swiss", "greek", "czech", "basque", "scots", "thai", "lao", "serb", "croat", "slovak", "slovene",
                  "uzbek", "tajik", "kazakh", "kyrgyz", "filipino", "cypriot", "argentine", "maori", "inuit", "arab",
                  "bosniak", "monegasque", "dane", "pole", "finn", "swede", "turk", "scot", "briton", "tory", "green",
                  "labour", "labor", "whig", "democrat", "democrats", "sikh", "hindu", "catholic", "protestant"}
_PEOPLE_ENDINGS = ("an", "ese", "ish", "i", "ic", "ch", "sh", "ist", "al", "ive", "ite", "ot", "crat", "s")
# Titles held for a country, region or city, right before the holder's name
_TITLES_OF_PLACES = PLACE_OF_TITLES | HEAD_OF_STATE_TITLES | {"chief", "prime", "first"}


def _office_holder_after(doc: Doc, end: int, starts: dict[int, Span], titles: set[str]) -> bool:
    """A title of a place's office from token ``end`` ("Chief Minister", "Mayor"), then a person's name."""
    k = end
    while k < len(doc) and k - end < 3 and doc[k].lower_ in ROLE_NOUNS and k not in starts and \
            (doc[k].is_title or doc[k].is_lower):
        k += 1
    return k > end and k in starts and starts[k].label_ == "PERSON" and (
        doc[k - 1].lower_ in titles or " ".join(t.lower_ for t in doc[end:k]) in titles)


def _places_read_as_peoples(doc: Doc, spans: list[Span]) -> list[Span]:
    """"Punjab Chief Minister Amarinder Singh", "Iceland Prime Minister X", "Tijuana Mayor X": a
    name the model read as a nationality, that does not end like one, right before the title of a
    place's office and its holder's name, is the place; so is a one-word "person" right before the
    title of an office only a place has ("Sabah Chief Minister X", not "Obama Defense Secretary X")."""
    starts = {s.start: s for s in spans}
    taken = {i for s in spans for i in range(s.start, s.end)}
    result = [Span(doc, s.start, s.end, label="GPE") if s.label_ == "PERSON" and len(s) == 1 and s[0].is_title
              and _office_holder_after(doc, s.end, starts, PLACE_OF_TITLES) else s for s in spans]
    for ent in doc.ents:
        if ent.label_ != "NORP" or len(ent) > 3 or ent.end + 2 >= len(doc) or taken.intersection(
                range(ent.start, ent.end)) or not all(t.is_title and t.is_alpha for t in ent):
            continue
        last = ent[-1].lower_
        if last.endswith(_PEOPLE_ENDINGS) or last in _PEOPLES_WORDS or ent[0].lower_ in _PEOPLES_WORDS:
            continue
        if doc[ent.end].lower_ in _TITLES_OF_PLACES and _office_holder_after(
                doc, ent.end, starts, PLACE_OF_TITLES | HEAD_OF_STATE_TITLES | {"minister"}):
            result.append(Span(doc, ent.start, ent.end, label="GPE"))
    return result


_TITLES_OF_ONE = {"president", "chairman", "chairwoman", "ceo", "cfo"}


def _bodies_before_staff(doc: Doc, spans: list[Span]) -> list[Span]:
    """"Healy president George Malina", "another Emery employee": one word the model read as a person,
    right before a lowercase word for a body's staff (and, for a title, the holder's name), is the body."""
    starts = {s.start: s for s in spans}
    result = []
    for span in spans:
        end = span.end
        if span.label_ == "PERSON" and len(span) == 1 and end + 1 < len(doc) and doc[end].is_lower and \
                doc[end].lower_ in BODY_STAFF and (doc[end].lower_ not in _TITLES_OF_ONE or (
                    end + 1 in starts and starts[end + 1].label_ == "PERSON")) and span[0].is_title:
            span = Span(doc, span.start, end, label="ORG")
        elif span.label_ == "PERSON" and end + 3 < len(doc) and doc[end].lower_ in ("'s", "’s") and \
                _heads_a_body(doc, end + 1):
            span = Span(doc, span.start, end, label="ORG")  # "Tate Modern's director, Oliver Granger,"
        result.append(span)
    return result


# A body's heads, not a person's staff (a president has a spokesman, an adviser, a chief of staff)
_HEADS_OF_BODIES = {"director", "chairman", "chairwoman", "ceo", "cfo", "curator", "dean", "principal",
                    "headquarters", "shareholders", "board"}


def _heads_a_body(doc: Doc, i: int) -> bool:
    """"X's (artistic) director, Ann Lee": a body's head named in apposition after the possessive."""
    while i < len(doc) and doc[i].is_lower and doc[i].lower_ in ROLE_MODIFIERS:
        i += 1
    return i + 2 < len(doc) and doc[i].is_lower and doc[i].lower_ in _HEADS_OF_BODIES and doc[i + 1].text == "," \
        and doc[i + 2].ent_type_ == "PERSON"


def _victim(root: Token, possessed: str | None, label: str) -> bool:
    """"shot Lincoln", "Kennedy was assassinated", "Kennedy's murder", "the Kennedy slaying": what is
    done only to a person (a country's name before a killing noun is where: "the Srebrenica killings")."""
    if root.dep_ in ("dobj", "nsubjpass") and root.head.lemma_ in VICTIM_VERBS:
        return True
    if label == "GPE":
        return False
    head = root.head
    return possessed in VICTIM_NOUNS or (root.dep_ == "compound" and head.lower_ in VICTIM_NOUNS) or (
        root.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in VICTIM_NOUNS)


_PERSONAL_RANKS = {"acting", "assistant", "associate", "deputy", "interim", "vice", "former", "senior"}
_COMPANIES_ARE_TOO = {"leader", "founder", "co-founder", "chief"}  # "a chip leader", "a founder of the index"
_TENURE_ADVERBS = {"currently", "now", "still", "later", "then", "also", "once", "formerly"}


# Verbs whose subject takes a post named after "as" or as their complement: "X served as President",
# "X was elected Governor", "X became Prime Minister", "X, who was sworn in as mayor"
_POST_VERBS = {"serve", "act", "become", "elect", "appoint", "name", "swear", "install", "nominate", "reelect",
               "re-elect", "inaugurate"}
# Of those, the ones done to a person, never to a country ("France became president of the EU" is a
# country's turn; a country is not sworn in)
_PERSONAL_POST_VERBS = {"appoint", "swear", "install", "nominate", "inaugurate"}


def _person_title(token: Token) -> bool:
    return token.lower_ in PERSON_TITLES or token.lemma_.lower() in PERSON_TITLES  # "President" as well


def _post_after(verb: Token) -> bool:
    """The verb names a post its subject holds: "served as ambassador", "was elected President of",
    "became Prime Minister" (the post's head word is a title only a person holds)."""
    lemma = verb.lemma_.lower()
    for child in verb.children:
        if child.dep_ in ("attr", "oprd") and (lemma == "be" or lemma in _POST_VERBS) and _person_title(child):
            return True  # "X was the president", "X became Prime Minister", "X was elected President"
        if child.dep_ == "prep" and child.lower_ == "as" and lemma in _POST_VERBS and any(
                g.dep_ == "pobj" and _person_title(g) for g in child.children):
            return True  # "X served as ambassador", "X was sworn in as Mayor"
    return False


def _holds_a_title(doc: Doc, root: Token, start: int, end: int, label: str = "ORG") -> bool:
    """"Foday Sankoh, former leader of the RUF", "X has served as ambassador", "X was the first
    woman to ...", "X was elected President of Y", "X, who became Governor": a title only a person
    holds, right after the name (before "of") or through the verb (of the sentence or of a "who" clause)."""
    i = end + (end < len(doc) and doc[end].text == ",")
    while i < len(doc) and i - end < 4 and (doc[i].lower_ in ROLE_MODIFIERS or doc[i].lower_ in DETERMINERS
                                           or doc[i].lower_ in _TENURE_ADVERBS):
        i += 1  # ", the former", "currently"
    k = start - 1
    while k >= 0 and start - k < 3 and doc[k].lower_ in ROLE_MODIFIERS:
        k -= 1  # "the former | United States Deputy Secretary of State"
    says_which = end < len(doc) and doc[end].text != "," and (
        label == "GPE" or (k >= 0 and doc[k].lower_ in ("the", "a", "an", "its", "their")))
    k = i + 1
    while k < len(doc) and k - i < 5 and doc[k].lower_ != "of" and (
            doc[k].lower_ in ("and", ",") or doc[k].lower_ in ROLE_NOUNS or doc[k].lower_ in ROLE_MODIFIERS):
        k += 1  # "president and general manager | of"
    if k < len(doc) and doc[i].lower_ in PERSON_TITLES and doc[k].lower_ == "of" and not says_which:
        return True  # but "the Europe director of X", "United States Secretary of the Air Force": the
        # name says which director or secretary; it is none
    for appos in (c for c in root.children if c.dep_ == "appos" and c.i > end and doc[end].text == ","):
        # "X, NASA's acting deputy administrator for ...": a title only a person holds, or a post
        # whose rank says a person holds it (not a country's turn: "Germany, the council's president")
        if label != "GPE" and ((appos.lemma_ in PERSON_TITLES and appos.lemma_ not in _COMPANIES_ARE_TOO) or (
                appos.lemma_ in ROLE_NOUNS and any(c.lower_ in _PERSONAL_RANKS and c.i < appos.i for c in appos.children))):
            return True
    if label != "GPE" and end < i and i + 1 < len(doc) and doc[i].lower_ in _OFFICE_TITLES_BEFORE_NAMES and \
            (doc[i].is_title or doc[i].is_lower) and doc[i + 1].lower_ in ("of", "and", ",", "from", "who", "."):
        return True  # "Ciampi a former Prime Minister and ...": an office only a person holds
    verbs = []
    if root.dep_ in ("nsubj", "nsubjpass"):
        verbs.append(root.head)
    # "Formigoni, who had been elected President of Lombardy": the relative clause's verb
    verbs += [c for c in root.children if c.dep_ == "relcl" and any(
        g.dep_ in ("nsubj", "nsubjpass") and g.lower_ == "who" for g in c.children)]
    for verb in verbs:
        lemma = verb.lemma_.lower()
        if lemma == "be":
            if any(c.dep_ == "attr" and (c.lemma_ in PERSON_NOUNS or c.lemma_ in PERSON_TITLES or (
                    label != "GPE" and (c.lemma_.lower() in PERSON_NOUNS or _person_title(c))))
                   for c in verb.children):
                return True  # "X was the first woman", "X is president"
        elif (label != "GPE" or lemma in _PERSONAL_POST_VERBS) and _post_after(verb):
            return True  # not "Germany became president of the council": a country's turn
    return False


def _title_holders_read_into_bodies(doc: Doc, spans: list[Span]) -> list[Span]:
    """"leader of his Socialist Party Fatos Nano", "Secretary of the Interior Santiago Creel": after
    "<title> of", the model read the holder's name into the body's or the brief's. The name is the
    two or three words after the body's head word (or after the brief), a person; the body stays an
    organisation ("Bank Indonesia" keeps its one word)."""
    result = []
    for span in spans:
        if span.label_ != "ORG" or len(span) < 2 or not _title_of_before(doc, span.start):
            result.append(span)
            continue
        heads = [k for k in range(span.start, span.end - 1) if doc[k].lower_ in ORG_HEADS and doc[k].is_title]
        cut = heads[-1] + 1 if heads else span.start
        if not heads:
            while cut < span.end and doc[cut].lower_ in PORTFOLIO_WORDS and doc[cut].is_title:
                cut += 1  # "Interior | Santiago Creel": the brief, not a body
        name = doc[cut:span.end]
        if cut == span.start or not 2 <= len(name) <= 3 or not all(
                t.is_title and t.is_alpha and len(t) > 1 and t.lower_ not in _HEAD_WORDS and
                t.lower_ not in PORTFOLIO_WORDS and t.text not in COMPANY_MARKS for t in name):
            result.append(span)
            continue
        if heads and not all(t.lower_ in PORTFOLIO_WORDS or t.lower_ in _BRIEF_LINKS for t in doc[span.start:cut]):
            result.append(Span(doc, span.start, cut, label="ORG"))  # not "Health and Human Services": a brief
        result.append(Span(doc, cut, span.end, label="PERSON"))
    return result


def _title_of_before(doc: Doc, i: int) -> bool:
    """"<title> of (the, his)" right before token i."""
    while i - 1 >= 0 and doc[i - 1].lower_ in DETERMINERS:
        i -= 1
    return i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in PERSON_TITLES


def _after_title_of(doc: Doc, start: int, by_end: dict[int, Span]) -> bool:
    """"The President of Costa Rica Arias", "leader of his Socialist Party Fatos Nano", "Secretary of
    the Interior Santiago Creel": the name right after "<title> of <body or brief>" is the holder's."""
    i = start
    before = by_end.get(i)
    if before is not None and before.label_ != "PERSON":
        i = before.start
    else:
        while i - 1 >= 0 and start - i < 3 and doc[i - 1].is_title and doc[i - 1].lower_ in PORTFOLIO_WORDS:
            i -= 1  # "Interior", "Foreign Affairs"
        if i == start:
            return False
    return _title_of_before(doc, i)


# Titles of office that, capitalised right before a name, make the name a person's ("Prime Minister
# Gen. Surayud Chulanont", "Iceland's PM Geir Haarde"), whatever the model typed the name as
_OFFICE_TITLES_BEFORE_NAMES = {"president", "minister", "premier", "chancellor", "senator", "governor", "mayor",
                               "pm", "king", "queen", "sultan", "emir", "ambassador", "secretary", "chairman",
                               "chairwoman", "commissioner"}


def _after_office_title(doc: Doc, span: Span) -> bool:
    """"Prime Minister Gen. Surayud Chulanont", "Iceland's PM Geir Haarde": a name of two or three
    plain words right after a capitalised title of office (and any honorific or abbreviated rank)."""
    if not 2 <= len(span) <= 3:
        return False
    i = span.start - 1
    while i >= 0 and span.start - i <= 2 and (doc[i].lower_ in HONORIFICS or doc[i].lower_ in TITLE_ABBREVIATIONS):
        i -= 1
    return i >= 0 and (doc[i].is_title or doc[i].is_upper) and doc[i].lower_ in _OFFICE_TITLES_BEFORE_NAMES


_SAY_VERBS = {"say", "tell", "add", "state", "announce", "insist", "claim"}


def _says_he(root: Token) -> bool:
    """"Sonthi said he had completed his mission": one who says "he" or "she" of themselves right
    after the verb is a person (an organisation says "it")."""
    verb = root.head
    if root.dep_ != "nsubj" or verb.lemma_ not in _SAY_VERBS or verb.i + 1 >= len(verb.doc):
        return False
    after = verb.doc[verb.i + 1]
    return after.lower_ in ("he", "she") and after.dep_ == "nsubj" and after.head.dep_ == "ccomp" and \
        after.head.head.i == verb.i


# Occupations in apposition that only a person has ("Harrington, a professor", "X, a young spy");
# not those a company or body can also be described by ("a leader in", "the owner of", "a producer")
_PERSON_OCCUPATIONS = frozenset(ROLE_NOUNS - {
    "leader", "member", "partner", "owner", "producer", "creator", "host", "model", "investor", "trader",
    "shareholder", "publisher", "lead", "managing", "founding", "acting", "interim", "former", "senior",
    "associate", "assistant", "vice", "state", "trade", "economy", "education", "energy", "health", "finance",
    "foreign", "defence", "defense", "interior", "shadow", "incoming", "outgoing", "general", "chief",
    "executive", "head", "official", "player", "anchor", "prime", "controller", "auditor", "registrar",
    "consultant", "adviser", "advisor", "architect", "delegate", "correspondent", "reporter", "banker",
    "organizer", "organiser", "campaigner", "representative", "speaker", "whip", "officer", "administrator",
    "treasurer", "comptroller", "clerk", "curator", "envoy", "fellow", "engineer", "analyst", "economist",
}) | {"spy", "collector", "immigrant", "veteran", "novelist", "historian", "scholar", "widower"}


def _described_as_person(doc: Doc, root: Token, end: int) -> bool:
    """"Copland, who was born in Brooklyn": a name that a "who" clause right after it describes (an
    organisation takes "which" or "that"); "Surratt, a young Confederate spy": one in apposition to
    an occupation only a person has."""
    if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ == "who" and \
            doc[end + 1].head.dep_ == "relcl" and doc[end + 1].head.head.i == root.i:
        return True
    for child in root.children:
        if child.dep_ == "appos" and end < child.i <= end + 5 and doc[end].text == "," and \
                child.lemma_.lower() in _PERSON_OCCUPATIONS and child.pos_ == "NOUN":
            return True
    return False


def _age_after(doc: Doc, end: int) -> bool:
    """"Warner, 70, who owned the bank": a name followed by an age between commas is a person's."""
    if end + 2 >= len(doc) or doc[end].text != "," or doc[end + 2].text != ",":
        return False
    age = doc[end + 1].text
    return age.isdigit() and len(age) <= 3 and 0 < int(age) <= 110


_ROUTE_PREPOSITIONS = LOCATIVE_PREPOSITIONS | {"through", "across", "via"}


def _conjuncts(token: Token) -> list[Token]:
    """The members of the list a token is in, first member first ("Liverpool and Felixstowe")."""
    first = token
    for _ in range(12):
        if first.dep_ != "conj" or first.head is first:
            break
        first = first.head
    members: list[Token] = []
    todo = [first]
    while todo and len(members) < 12:
        member = todo.pop()
        members.append(member)
        todo.extend(c for c in member.children if c.dep_ == "conj")
    return sorted(members, key=lambda t: t.i)


def _plain_name(span: Span) -> bool:
    """A short capitalised name with no organisation, place or facility word and no acronym in it."""
    return len(span) <= 3 and all(t.is_title and t.is_alpha and len(t) > 1 for t in span) and \
        not any(t.lower_ in _HEAD_WORDS or t.lower_ in BUILDING_WORDS for t in span)


def _places_governed(doc: Doc, spans: list[Span]) -> list[Span]:
    """"Maria Fernandes, the mayor of Peso da Régua": what a mayor or governor is "of" is a place,
    whoever the model took it for (an organisation stays one: "governor of the Bank of England")."""
    governed = set()
    for span in spans:
        i = span.start
        if span.label_ == "PERSON" and i >= 2 and doc[i - 1].lower_ == "of" and (
                doc[i - 2].lower_ in PLACE_OF_TITLES or
                (i >= 3 and f"{doc[i - 3].lower_} {doc[i - 2].lower_}" in PLACE_OF_TITLES)):
            governed.add(span.text)
    # every mention of the name the model read as a person alike ("a court in Brindle") is the place
    return [Span(doc, s.start, s.end, label="GPE") if s.label_ == "PERSON" and s.text in governed else s
            for s in spans]


def _rivals(doc: Doc, spans: list[Span]) -> list[Span]:
    """"joined rival Ericsson": a rival is a company or a team, whoever the model took it for."""
    return [Span(doc, s.start, s.end, label="ORG") if s.label_ in ("GPE", "LOC", "PERSON") and s.start > 0 and
            doc[s.start - 1].lower_ in ("rival", "rivals") else s for s in spans]


def _places_from_context(doc: Doc, spans: list[Span]) -> list[Span]:
    """Names the model typed as organisations that the sentence shows are places.

    * listed with places after a preposition of place or movement: "from Liverpool and
      Felixstowe", "in Assam and Arunachal Pradesh" (every other member a place);
    * followed by the state or country they are in: "of Bethany, Conn.", "in Amos, Quebec";
    * a relative "where" after them ("Point Douglas, where ..."), "from" them after a verb of
      travelling ("travelled ... from Temuco"); for a name read as a person, also "in", "into" or
      "outside" before it ("supporters in Ocho Rios").

    Only when every organisation-typed mention of the name reads so (an organisation acts
    somewhere in the article: "Hamas said"); those mentions are then that place.
    """
    if not doc.has_annotation("DEP"):
        return spans
    by_start = {s.start: s for s in spans}
    by_end = {s.end: s for s in spans}
    verdicts: dict[tuple[str, str], bool] = {}
    for span in spans:
        if span.label_ == "PERSON":  # "sailed from Rotterdam to New York": a journey's start is a place
            key = (span.label_, span.text)
            if span.end + 1 < len(doc) and doc[span.end].text == "," and doc[span.end + 1].lower_ == "which":
                continue  # "Brenton, which lies in ...": no person, but no sign of a place either
            verdicts[key] = verdicts.get(key, True) and (_journey_start(doc, span, by_start) or _nearby(span) or
                                                         _travelled_from(span) or _where_after(span) or _inside(span)
                                                         or _home_of(span) or _landmark(span))
            continue
        if span.label_ != "ORG":
            continue
        if not _plain_name(span):
            verdicts[(span.label_, span.text)] = False
            continue
        key = (span.label_, span.text)
        verdicts[key] = verdicts.get(key, True) and (_reads_as_place(doc, span, by_start) or _travelled_from(span) or
                                                     _seat_of_body(doc, span, by_end) or (
            _where_after(span) and span.start > 0 and doc[span.start - 1].lower_ not in ("at", "with", "by")))
    names = {key for key, place in verdicts.items() if place}
    # one mention before an area's word says it for every mention ("Isfara and Batken ... the Batken region")
    areas = {s.text for s in spans if _plain_name(s) and _names_an_area(s)}
    names |= {(s.label_, s.text) for s in spans if s.label_ in ("PERSON", "ORG") and s.text in areas}
    if not names:
        return spans
    return [Span(doc, s.start, s.end, label="GPE") if (s.label_, s.text) in names else s for s in spans]


def _seat_of_body(doc: Doc, span: Span, by_end: dict[int, Span]) -> bool:
    """"the Federal Constitutional Court in Karlsruhe": one word after a body's name and "in" is where
    the body sits."""
    body = by_end.get(span.start - 1)
    return len(span) == 1 and span.start >= 2 and doc[span.start - 1].lower_ == "in" and body is not None and \
        body.label_ == "ORG" and body.start <= doc[span.start - 1].head.i < body.end


def _where_after(span: Span) -> bool:
    """"the councillor for Point Douglas, where five stations will be built": a place ("at Acme, where
    she worked" is a workplace, left to the caller)."""
    doc = span.doc
    return span.end + 1 < len(doc) and doc[span.end].text == "," and doc[span.end + 1].lower_ == "where"


def _inside(span: Span) -> bool:
    """"Speaking to supporters in Ocho Rios": a name the model read as a person, inside which things
    happen (a verb's "in"; not "in Smith's view")."""
    doc = span.doc
    return span.start > 0 and doc[span.start - 1].lower_ in ("in", "into", "outside") and \
        doc[span.start - 1].head.pos_ in ("VERB", "AUX") and \
        not (span.end < len(doc) and doc[span.end].lower_ in ("'s", "’s"))  # (not "his holdings in Burlington")


# Who is said to come from somewhere: "a fifth man, from Bolton", "a passenger from Aurora"
_FROM_SOMEWHERE = PERSON_NOUNS | {"resident", "passenger", "student", "fan", "family", "worker", "farmer", "driver",
                                  "pensioner", "people", "couple", "victim", "teacher", "nurse", "doctor"}
# Last words of the names of open sites people stand on or meet at: "on Calton Hill", "in Gorky Park"
_SITE_TAILS = {"hill", "park", "square", "beach", "common", "heath"}


def _home_of(span: Span) -> bool:
    """"A fifth man, from Bolton, was cleared": after a word for a person, "from" names where they live."""
    root = span[-1]
    if root.dep_ != "pobj" or root.head.lower_ != "from":
        return False
    person = root.head.head
    return person.pos_ == "NOUN" and person.lemma_.lower() in _FROM_SOMEWHERE


def _landmark(span: Span) -> bool:
    """"the sculpture would stand on Calton Hill": a site's name after a preposition of place (not "at
    Hill's request": a possessive is somebody's)."""
    doc = span.doc
    return len(span) >= 2 and span[-1].is_title and span[-1].lower_ in _SITE_TAILS and span.start > 0 and \
        doc[span.start - 1].lower_ in ("on", "at", "in", "near", "atop", "across", "around") and \
        not (span.end < len(doc) and doc[span.end].lower_ in ("'s", "’s"))


def _nearby(span: Span) -> bool:
    """"a woman from neighbouring Brenton": only a place neighbours."""
    doc = span.doc
    return span.start > 1 and doc[span.start - 1].lower_ in _NEIGHBOURING and doc[span.start - 2].pos_ == "ADP"


def _names_an_area(span: Span) -> bool:
    """"Kyrgyzstan's Batken region": only a place has a region (a district, a province) named after it;
    "a Copenhagen-based firm": only a place is where a body is based."""
    doc, end = span.doc, span.end
    return (end < len(doc) and doc[end].is_lower and doc[end].lower_ in _AREA_WORDS - {"state", "department"}) or (
        end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ == "based")


_NEIGHBOURING = {"neighbouring", "neighboring", "nearby"}


# Verbs of travelling: "from X" after them is where a journey started (not "moved from Acme to Globex")
_TRAVEL_VERBS = {"travel", "fly", "flee", "drive", "sail", "return", "arrive", "evacuate", "escape", "commute", "walk"}


def _travelled_from(span: Span) -> bool:
    """"travelled to the site from Temuco": a name after "from" after a verb of travelling."""
    root = span[-1]
    if root.dep_ != "pobj" or root.head.lower_ != "from":
        return False
    travelled = root.head.head
    for _ in range(3):  # "travelled to the site | from Temuco": the parser may hang "from" on the noun
        if travelled.pos_ not in ("NOUN", "ADP") or travelled.head is travelled:
            break
        travelled = travelled.head
    return travelled.lemma_ in _TRAVEL_VERBS


def _journey_start(doc: Doc, span: Span, by_start: dict[int, Span]) -> bool:
    """"from Rotterdam to New York": a one-word name after "from" whose verb goes on "to" a place."""
    root = span[-1]
    if len(span) != 1 or root.dep_ != "pobj" or root.head.lower_ != "from":
        return False
    verb = root.head.head
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to" and c.i > root.i):
        for place in (g for g in prep.children if g.dep_ == "pobj"):
            k = place.left_edge.i + (place.left_edge.lower_ == "the")
            target = by_start.get(k)
            if target is not None and target.label_ in ("GPE", "LOC") and target.end == place.i + 1:
                return True
    return False


def _reads_as_place(doc: Doc, span: Span, by_start: dict[int, Span]) -> bool:
    members = _conjuncts(_root(span))
    first = members[0]
    others = [t for t in members if not span.start <= t.i < span.end]
    if others and first.dep_ == "pobj" and first.head.lower_ in _ROUTE_PREPOSITIONS and \
            first.head.head.lower_ not in ROLE_NOUNS and all(t.ent_type_ in ("GPE", "LOC") for t in others):
        return True  # (not "vice president at Donaldson Lufkin and Jenrette": a workplace)
    if len(span) == 1 and len(others) >= 2 and all(t.ent_type_ in ("GPE", "LOC") for t in others):
        return True  # "Glasgow, Edinburgh and Aberdeen airports": one word in a list of places (not "the
        # European Community" listed with its members)
    end, start = span.end, span.start
    if end < len(doc) and doc[end].lower_ in _RESIDENT_NOUNS:
        return True  # "a Fargo native"
    if start >= 2 and doc[start - 1].lower_ in _COMPASS_ADJECTIVES and doc[start - 2].lower_ in ("in", "across", "of"):
        return True  # "in southern Tarvia": only a place has a south
    before = doc[start - 1].lower_ if start > 0 else ""
    if before == "of" and start >= 2 and (doc[start - 2].text in COMPANY_MARKS or (
            start >= 4 and doc[start - 2].text == "," and doc[start - 3].like_num and doc[start - 4].text == ",")):
        return True  # "Avis Bourg Co. of Folsom", "Daniel Sullivan, 30, of Boothbay": where, not who
    region = by_start.get(end + 1)
    return before in _ROUTE_PREPOSITIONS | {"of"} and end + 1 < len(doc) and doc[end].text == "," and \
        region is not None and region.label_ == "GPE" and \
        (region.end == len(doc) or doc[region.end].is_punct or doc[region.end].is_space)


_RESIDENT_NOUNS = {"native", "natives", "resident", "residents"}
_COMPASS_ADJECTIVES = {"northern", "southern", "eastern", "western", "central", "north-eastern", "north-western",
                       "south-eastern", "south-western", "northeastern", "northwestern", "southeastern", "southwestern"}
_NOT_SITE_WORDS = ORG_HEADS | MEDIA_HEADS | BODY_HEADS


def _address_lines(doc: Doc, spans: list[Span]) -> list[Span]:
    """A line that is only a name and where it is: "Baton Rouge, La.;", "NIAGARA FALLS, N.Y.",
    "Fort Hamilton, Brooklyn, N.Y.;", "; and Mineral Wells, Texas." (a list of sites or a
    dateline): the name is a place, whatever the model said, unless it names a body or a company
    ("Acme Holdings, Houston, Texas" stays a company)."""
    by_start = {s.start: s for s in spans}
    result = []
    regions: set[int] = set()
    for span in spans:
        start, end = span.start, span.end
        if span.label_ in ("ORG", "PERSON", "FAC") and end + 1 < len(doc) and doc[end].text == "," and \
                (_line_start(doc, start) or (doc[start - 1].text == ";") or
                 (start >= 2 and doc[start - 1].lower_ == "and" and doc[start - 2].text == ";")) and \
                not any(t.lower_ in _NOT_SITE_WORDS or t.text in COMPANY_MARKS for t in span) and \
                _ends_in_places(doc, end, by_start):
            span = Span(doc, start, end, label="GPE")
            regions.add(end + 1)
        result.append(span)
    if regions:  # "ROCK HILL, S.C.": the state's initials the model read as a body
        result = [Span(doc, s.start, s.end, label="GPE") if s.start in regions and s.label_ == "ORG" else s
                  for s in result]
    return result


_STATE_INITIALS = re.compile(r"^(?:[A-Z]\.){1,2}[A-Z]\.?$")  # "S.C", "N.Y.", "D.C."


def _ends_in_places(doc: Doc, comma: int, by_start: dict[int, Span]) -> bool:
    """After the comma, one or two places and the end of the line ("., N.Y. ;" and all)."""
    i = comma
    for _ in range(2):
        place = by_start.get(i + 1) if doc[i].text == "," else None
        if place is None or not (place.label_ in ("GPE", "LOC") or _STATE_INITIALS.match(place.text)):
            return False
        i = place.end
        while i < len(doc) and doc[i].text in (".", ";"):
            i += 1
        if i == len(doc) or doc[i].is_space or "\n" in doc[i - 1].whitespace_ or doc[i - 1].text == ";":
            return True  # the line ends, or the list's entry ("...; and Mineral Wells, Texas.")
    return False


_WORK_LABELS = ("PRODUCT", "WORK_OF_ART")


def _organisations_from_context(doc: Doc, spans: list[Span]) -> list[Span]:
    """Names the sentence shows are organisations (or places) whatever the model typed them as.

    * a product or a work that acts as only a company does: "Twitter gave him an internship";
    * a product or a work listed with organisations only: "split between Alstom and Siemens";
    * a person's party or band after "of": "Cheng Chung-tai of Civic Passion", "Gary Fan of
      the Neo Democrats" (the model read a work, or a nationality);
    * a name given as an example of a kind of organisation or place: "bands such as the
      Velvet Underground", "cities such as Lagos".

    Every mention of the name the model typed alike is then one.
    """
    if not doc.has_annotation("DEP"):
        return spans
    retyped: dict[tuple[str, str], str] = {}
    works: set[str] = set()
    agents: set[str] = set()
    for span in spans:
        label = span.label_
        if _example_of_kind(span, ORG_KINDS) and label != "ORG":
            retyped[(span.text, label)] = "ORG"
            continue
        if _example_of_kind(span, PLACE_KINDS) and label not in ("GPE", "LOC") and not (
                label == "PERSON" and len(span) >= 2):  # "envoys of 70 countries including Sultan X"
            retyped[(span.text, label)] = "GPE"
            continue
        if label in ("PERSON", "ORG", "NORP", *_WORK_LABELS) and _in_apposition_to_kind(span, PLACE_KINDS):
            retyped[(span.text, label)] = "GPE"  # "in the capital, Rivna", "Rivna, the country's second city"
            continue
        if label in ("PERSON", "NORP", *_WORK_LABELS) and (_in_apposition_to_kind(span, ORG_KINDS)
                                                           or _after_kind_noun(span, ORG_KINDS)):
            # "Georgian Dream, the ruling party", "Kroll, a security firm", "the rock band Night Owls"
            retyped[(span.text, label)] = "ORG"
            continue
        if label in ("GPE", "LOC", "PERSON") and span.start > 0 and doc[span.start - 1].lower_ != "the" \
                and _kind_in_apposition_after(span, ORG_KINDS):
            retyped[(span.text, label)] = "ORG"  # "Sonatrach, the Algerian state petroleum agency"
            continue
        if label in ("GPE", "LOC") and _after_kind_noun(span, ORG_KINDS):
            retyped[(span.text, label)] = "ORG"  # "the Brazilian construction firm Vantrecht"
            continue
        if label != "ORG" and _called_as_kind(span, ORG_KINDS):
            retyped[(span.text, label)] = "ORG"  # "a hacker group calling itself Red Lantern Collective"
            continue
        if label in ("PERSON", *_WORK_LABELS) and len(span) <= 2 and _platform(_root(span)):
            retyped[(span.text, label)] = "ORG"  # "wrote on Twitter", "a video posted to TikTok"
            continue
        if label not in (*_WORK_LABELS, "PERSON") or len(span) > 4 or not span[0].is_title:
            continue
        root = _root(span)
        if root.dep_ == "nsubj" and root.head.lemma_.lower() in AGENT_VERBS:
            agents.add(span.text)
        if label == "PERSON":
            words = set(span.text.split())
            if _member_of(root) and not any(o.label_ == "PERSON" and o is not span and
                                            words & set(o.text.split()) for o in spans):
                retyped[(span.text, label)] = "ORG"  # "musician Nick Rhodes of Duran Duran": his band
            continue
        if len(span) >= 2 and _after_role_word(span):
            retyped[(span.text, label)] = "PERSON"  # "publishers Jann Wenner of ...": read as a work
            continue
        works.add(span.text)
        others = [t for t in _conjuncts(root) if not span.start <= t.i < span.end]
        if (others and all(t.ent_type_ == "ORG" for t in others)) or _member_of(root):
            retyped[(span.text, label)] = "ORG"
    for name in works & agents:  # "on Twitter", "Twitter gave him an internship": the company
        for label in (*_WORK_LABELS, "PERSON"):
            retyped[(name, label)] = "ORG"
    found = [Span(doc, s.start, s.end, label=retyped[(s.text, s.label_)]) if (s.text, s.label_) in retyped else s
             for s in spans]
    taken = {i for s in found for i in range(s.start, s.end)}
    # "wrote on Twitter" where the model saw no name: the objects of "on", "to", "via" and the words
    # before "account", "page" (found by hash, then tested)
    near = [c for i in tokens_where(doc, LOWER, _PLATFORM_PREPOSITIONS) for c in doc[i].children if c.dep_ == "pobj"]
    near += [c for i in tokens_where(doc, LOWER, _SITE_WORDS) for c in doc[i].children if c.dep_ == "compound"]
    for token in near:
        if token.pos_ == "PROPN" and token.is_title and not token.ent_type_ and token.i not in taken and \
                _platform(token) and \
                not (token.i and doc[token.i - 1].pos_ == "PROPN") and not (
                    token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN"):
            found.append(Span(doc, token.i, token.i + 1, label="ORG"))
            taken.add(token.i)
    for ent in doc.ents:  # "of the Neo Democrats": a party the model read as a nationality
        if ent.label_ == "NORP" and len(ent) <= 3 and ent[-1].is_title and ent[-1].lower_.endswith("s") and \
                ent.start >= 1 and doc[ent.start - 1].lower_ in ("the", "opposition") and not taken.intersection(
                range(ent.start, ent.end)) and (_member_of(_root(ent)) or ent[-1].lower_ in PARTY_PLURALS):
            # "the opposition Social Democrats said": a party named by its members, with the article
            # ("Democrats in Congress" are people)
            found.append(Span(doc, ent.start, ent.end, label="ORG"))
    nationalities = {ent.end: ent for ent in doc.ents if ent.label_ == "NORP"}
    for ent in doc.ents:  # "Australian Greens leader X": the nationality and the party's members, one party
        before = nationalities.get(ent.start)
        if ent.label_ == "NORP" and len(ent) == 1 and ent[0].is_title and ent[0].lower_ in PARTY_PLURALS and \
                before is not None and before is not ent and not taken.intersection(range(before.start, ent.end)):
            found.append(Span(doc, before.start, ent.end, label="ORG"))
    return found


def _after_role_word(span: Span) -> bool:
    """A two- or three-word plain name right after a lowercase job word: "actor Dennis Hopper"."""
    if span.start == 0 or len(span) > 3 or not all(t.is_title and t.is_alpha for t in span):
        return False
    before = span.doc[span.start - 1]
    return before.is_lower and (before.lower_ in ROLE_NOUNS or before.lemma_ in ROLE_NOUNS) and \
        before.lower_ not in ROLE_MODIFIERS and not any(t.lower_ in _HEAD_WORDS for t in span)


def _member_of(token: Token) -> bool:
    """"Cheng Chung-tai of Civic Passion": the name follows "of" right after a person's name."""
    if token.dep_ != "pobj" or token.head.lower_ != "of":
        return False
    of = token.head
    return of.head.ent_type_ == "PERSON" and of.i > 0 and _person_right_before(of)


def _person_right_before(token: Token) -> bool:
    previous = token.doc[token.i - 1]
    return previous.ent_type_ == "PERSON" or (previous.text == "," and token.i > 1 and
                                              token.doc[token.i - 2].ent_type_ == "PERSON")


_GROUP_NOUNS = {"minority", "majority", "tribe", "ethnicity", "people", "peoples", "community", "diaspora"}


# What follows a disease's name: "Marburg virus", "the Ebola outbreak", "Lassa fever"
_DISEASE_WORDS = {"virus", "fever", "disease", "outbreak", "epidemic", "vaccine", "variant", "strain", "infection"}


def _without_diseases(doc: Doc, spans: list[Span]) -> list[Span]:
    """"the Marburg outbreak", "Lassa fever": a disease's name, which the model may read as a person (or,
    before "virus", "fever" and "disease", as a place), names neither."""
    named = {s.text for s in spans if s.label_ in ("PERSON", "GPE") and s.end < len(doc)
             and doc[s.end].is_lower and doc[s.end].lower_ in _DISEASE_WORDS
             and (s.label_ == "PERSON" or doc[s.end].lower_ in ("virus", "fever", "disease"))}
    return [s for s in spans if not (s.text in named and s.label_ == "PERSON")
            and not (s.label_ == "GPE" and s.end < len(doc) and doc[s.end].lower_ in ("virus", "fever", "disease"))]


def _without_peoples(doc: Doc, spans: list[Span]) -> list[Span]:
    """"Bangladeshis and Rohingya", "the Rohingya, a stateless minority": a people, neither a person
    nor an organisation. A one-word name listed with nationalities, or in apposition to a group
    noun, goes, with every other mention of it."""
    peoples = set()
    for span in spans:
        if span.label_ not in ("PERSON", "ORG") or len(span) != 1 or not span[0].is_alpha:
            continue
        token = span[0]
        listed = ([token.head] if token.dep_ == "conj" else []) + [c for c in token.children if c.dep_ == "conj"]
        if any(t.ent_type_ == "NORP" for t in listed) or \
                any(c.dep_ == "appos" and c.lemma_.lower() in _GROUP_NOUNS for c in token.children):
            peoples.add(token.text)
    return [s for s in spans if s.text not in peoples] if peoples else spans


_NORP = frozenset({"NORP"})
_POSSESSIVES = frozenset({"'s", "’s"})
# capitalised words that end names of bodies, events and things, never a person's
_NAME_BLOCKERS = ORG_HEADS | COMPANY_NAME_TAILS | MEDIA_HEADS | FACILITY_HEADS | SETTLEMENT_NOUNS | \
    {"open", "prix", "grand", "cup", "league", "airways", "airlines", "express", "new", "year", "games", "series"}


def _is_given_name(token) -> bool:
    """A capitalised word that can open a person's name: not a title, a rank, a place word or a small word."""
    lower = token.lower_
    return token.is_title and token.is_alpha and len(token) > 1 and not token.is_stop and token.pos_ == "PROPN" and \
        lower not in TITLE_WORDS and lower not in ROLE_NOUNS and lower not in RANK_WORDS and \
        lower not in PORTFOLIO_WORDS and lower not in DETERMINERS and lower not in NOT_NAMES and \
        lower not in _HEAD_WORDS and (token.ent_type_ in ("", "PERSON") or (
            token.ent_type_ == "DATE" and lower not in MONTHS and lower not in WEEKDAYS))  # "March 5 - Charles"


def _names_after_nationalities(doc: Doc, spans: list[Span]) -> list[Span]:
    """"Kenyan Brigid Kosgei", "Ethiopia's Tigist Assefa won": two or three given-name-like words the
    model left untagged (or took one of for a nationality), right after a nationality or a
    country's possessive, and before a verb or the end of a phrase, are a person's name."""
    taken = {i for span in spans for i in range(span.start, span.end)}
    places = {i for span in spans if span.label_ == "GPE" for i in range(span.start, span.end)}
    found = []
    candidates = sorted(set(tokens_where(doc, ENT_TYPE, _NORP)) | set(tokens_where(doc, ORTH, _POSSESSIVES)))
    for start in (i + 1 for i in candidates if i + 1 < len(doc)):
        before = doc[start - 1]
        after_country = before.lower_ in ("'s", "’s") and start - 2 in places
        if not (after_country or (before.ent_type_ == "NORP" and before.is_title and start - 1 not in taken)):
            continue
        end = start
        while end < len(doc) and end - start < 3 and end not in taken and doc[end].lower_ not in _NAME_BLOCKERS and (
                _is_given_name(doc[end]) or (doc[end].ent_type_ == "NORP" and end == start and doc[end].is_title
                                             and not _NATIONALITY_ENDING.search(doc[end].lower_))):
            end += 1  # "Tigist" the model took for a nationality, though it is none
        following = doc[end] if end < len(doc) else None
        if end - start >= 2 and (following is None or following.pos_ in ("VERB", "AUX", "ADP", "PUNCT", "CCONJ")
                                 or following.lower_ in ("'s", "’s")):
            found.append(Span(doc, start, end, label="PERSON"))
            taken.update(range(start, end))
    return found


_TITLE_HEADS = frozenset((ROLE_NOUNS - ROLE_MODIFIERS) | TITLE_WORDS)  # the words _is_title_head takes


# Posts a firm may fill as well as a person ("its financial advisor, Smith Barney")
_FIRMS_AS_ADVISERS = {"advisor", "adviser", "auditor", "underwriter", "agent", "broker", "counsel", "consultant",
                      "manager", "partner", "sponsor", "supplier", "contractor", "owner", "operator", "buyer"}


def _untagged_titled_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """"The CMA's acting director of mergers, Hannah Obi, told ...": two or three capitalised words
    the model left untagged in apposition to a title name the person who holds it; so do two after
    a capitalised title ("Treasurer Callum Hart said")."""
    taken = {i for span in spans for i in range(span.start, span.end)}
    found = []
    for token in (doc[i] for i in tokens_where(doc, DEP, ("appos",))):
        if token.pos_ != "PROPN" or token.i in taken or not token.head.is_lower or \
                token.head.lemma_.lower() not in ROLE_NOUNS or token.head.lemma_.lower() in _FIRMS_AS_ADVISERS:
            continue
        start, end = token.left_edge.i, token.i + 1
        if 2 <= end - start <= 3 and doc[start - 1].text == "," and (end == len(doc) or doc[end].is_punct) and \
                all(t.is_title and t.is_alpha and t.pos_ == "PROPN" and t.i not in taken for t in doc[start:end]):
            found.append(Span(doc, start, end, label="PERSON"))
            taken.update(range(start, end))
    # "According to Shadow Treasurer Callum Hart, ...": a capitalised title, then two name words and a pause
    for title in (doc[i] for i in tokens_where(doc, LOWER, _TITLE_HEADS) if i + 3 < len(doc)):
        i = title.i + 1
        if title.is_title and _is_title_head(title) and not title.ent_type_ and i not in taken and i + 1 not in taken \
                and _name_word(doc[i]) and _name_word(doc[i + 1]) and not doc[i].ent_type_ and not doc[i + 1].ent_type_ \
                and (doc[i + 2].is_punct or doc[i + 2].pos_ in ("VERB", "AUX")):
            found.append(Span(doc, i, i + 2, label="PERSON"))
            taken.update(range(i, i + 2))
    return found


def _untagged_full_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """"... Arlington Amneh Jafari heard of it. Jafari said ...": the model tagged the surname
    alone; the full name it left untagged earlier is the person's name.

    For a one-word person with no longer name ending in it, the first earlier untagged
    occurrence of the word right after one or two capitalised given-name-like words.
    """
    people = [s for s in spans if s.label_ == "PERSON"]
    surnames = {s.text for s in people if len(s) == 1 and s[0].is_title and s[0].is_alpha}
    surnames -= {s[-1].text for s in people if len(s) > 1}
    surnames -= {s[0].text for s in people if len(s) > 1}  # "Ahmed" after "Ahmed Mohamed": a first name
    if not surnames:
        return []
    taken = {i for span in spans for i in range(span.start, span.end)}
    first_tagged: dict[str, int] = {}
    for span in people:
        if span.text in surnames:
            first_tagged.setdefault(span.text, span.start)
    found = []
    for index in tokens_where(doc, ORTH, frozenset(surnames)):
        token = doc[index]
        word = token.text
        if word not in surnames or token.i in taken or token.i >= first_tagged[word]:
            continue
        start = token.i
        while start - 1 >= token.sent.start and token.i - start < 2 and start - 1 not in taken and \
                _is_given_name(doc[start - 1]):
            start -= 1
        if start < token.i and doc[start].pos_ == "PROPN":
            found.append(Span(doc, start, token.i + 1, label="PERSON"))
            surnames.discard(word)
            taken.update(range(start, token.i + 1))
    return found


def _role_of_before(doc: Doc, start: int) -> bool:
    """The name follows "<role> of (the)" in its sentence: "Executive director of the Dallas chapter of the"."""
    i = start - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    if i < 0 or doc[i].lower_ != "of":
        return False
    sent_start = doc[start].sent.start
    return any(t.lower_ in ROLE_NOUNS and t.lower_ not in ROLE_MODIFIERS for t in doc[sent_start:i])


def _example_of_kind(span: Span, kinds: set[str]) -> bool:
    """The name is listed as an example of a kind of thing: "gods such as X, Y and Z", "religions like X"."""
    token = _root(span)
    for _ in range(12):  # climb the list to its first member
        if token.dep_ != "conj" or token.head is token:
            break
        token = token.head
    if token.dep_ != "pobj" or token.head.lower_ not in ("as", "like", "including"):
        return False
    noun = token.head.head
    return noun.lower_ in kinds or noun.lemma_.lower() in kinds


def _in_apposition_to_kind(span: Span, kinds: set[str]) -> bool:
    """"X, the ruling party", "the capital, Rivna": a noun of a kind (named in the plural in ``kinds``)
    stands in apposition to the name, with its article or possessive."""
    doc = span.doc
    root = _root(span)
    if span.start >= 3 and doc[span.start - 1].text == "," and doc[span.start - 2].pos_ == "NOUN" and \
            (doc[span.start - 3].lower_ in ("the", "its", "their") or doc[span.start - 3].tag_ == "PRP$") and \
            (span.end == len(doc) or doc[span.end].is_punct):
        noun = doc[span.start - 2]  # the parser may not see the apposition at the end of a clause
        return noun.lower_ + "s" in kinds or noun.lemma_.lower() + "s" in kinds or noun.lower_ in kinds
    for child in root.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN" and child.left_edge.i == span.end + 1 and \
                span.doc[span.end].text == "," and \
                any(c.dep_ in ("det", "poss") and c.i < child.i for c in child.children):
            return child.lower_ in kinds or _kind_plural(child) in kinds
    return False


def _kind_plural(noun: Token) -> str:
    """The plural that names a kind in ``ORG_KINDS`` / ``PLACE_KINDS``: "agency" -> "agencies"."""
    lemma = noun.lemma_.lower()
    return lemma[:-1] + "ies" if lemma.endswith("y") and lemma[-2:-1] not in "aeiou" else lemma + "s"


def _kind_in_apposition_after(span: Span, kinds: set[str]) -> bool:
    """"director-general of Sonatrach, the Algerian state petroleum agency,": an apposition of a kind
    right after the name, closed by punctuation (the parser may hang it on an earlier name)."""
    doc = span.doc
    i = span.end
    if i + 2 >= len(doc) or doc[i].text != "," or doc[i + 1].lower_ not in ("the", "a", "an"):
        return False
    j = i + 2
    while j < len(doc) and j - i < 7 and (doc[j].is_lower or doc[j].ent_type_ == "NORP") and doc[j].is_alpha:
        j += 1
    noun = doc[j - 1]
    if j == i + 2 or noun.dep_ != "appos" or noun.pos_ != "NOUN" or (j < len(doc) and not doc[j].is_punct):
        return False
    return _kind_plural(noun) in kinds


def _called_as_kind(span: Span, kinds: set[str]) -> bool:
    """"a hacker group calling itself Red Lantern", "a charity called Hope Bridge", "a militia known as
    X": the name a kind of body (named in the plural in ``kinds``) goes by."""
    noun = called_by(span.doc, span.start)
    return noun is not None and noun.is_lower and noun.pos_ == "NOUN" and _kind_plural(noun) in kinds


def _after_kind_noun(span: Span, kinds: set[str]) -> bool:
    """"the rock band Night Owls", "the charity Food First": the name right after the noun of its kind
    (named in the plural in ``kinds``), which an article or a possessive opens."""
    doc = span.doc
    i = span.start - 1
    if i >= 2 and doc[i].lower_ in ("and", "or") and doc[i - 1].is_title:
        k = i - 1  # "the discounters Aldi and Lidl": the last of the names after a plural kind
        while k - 1 >= 0 and doc[k - 1].is_title and not doc[k - 1].is_sent_start:
            k -= 1
        if k >= 1 and doc[k - 1].tag_ == "NNS":
            i = k - 1
    if i < 1 or not doc[i].is_lower or doc[i].pos_ != "NOUN" or (_kind_plural(doc[i]) not in kinds and \
            doc[i].lower_ + "s" not in kinds):
        return False  # ("company": "companies")
    for j in range(i - 1, max(-1, i - 5), -1):  # "the German carmaker", "his new band",
        if doc[j].lower_ in ("the", "a", "an") or doc[j].tag_ == "PRP$":  # "the Brazilian construction firm"
            return True
        if not (doc[j].is_lower or doc[j].ent_type_ == "NORP") or doc[j].pos_ not in ("ADJ", "NOUN", "PROPN"):
            return False
    return False


# Where messages are posted: "wrote on Twitter", "a video posted to TikTok", "his Instagram account"
_POSTING_VERBS = {"post", "write", "say", "announce", "tweet", "share", "publish", "upload", "stream", "broadcast",
                  "reply", "respond", "spread", "appear", "circulate", "go"}
_UPLOADING_VERBS = {"post", "upload", "publish", "stream"}
_POSTED_THINGS = {"message", "post", "video", "photo", "picture", "page", "account", "feed", "channel", "profile",
                  "user", "follower", "livestream", "clip", "hashtag", "thread"}
# what only a site has ("the Tom Cruise video", "the Marilyn pictures" are of a person)
_SITE_THINGS = {"page", "account", "feed", "channel", "profile", "user", "follower"}
_SITE_WORDS = frozenset(_SITE_THINGS | {w + "s" for w in _SITE_THINGS})
_PLATFORM_PREPOSITIONS = frozenset({"on", "to", "via"})


def _platform(root: Token) -> bool:
    """The name is where something was posted: "on|to X" after a posting verb or a post, or X before
    "account", "page", "feed"."""
    if root.dep_ == "compound" and root.head.lemma_.lower() in _SITE_THINGS:
        return True
    if root.dep_ != "pobj" or root.head.lower_ not in ("on", "to", "via"):
        return False
    owner = root.head.head
    if owner.pos_ not in ("VERB", "AUX"):
        return owner.lemma_.lower() in _POSTED_THINGS
    # one writes "to" a person; one posts "to" a site
    return owner.lemma_.lower() in (_UPLOADING_VERBS if root.head.lower_ == "to" else _POSTING_VERBS)


_UNTAGGED_HEADS = SITE_WORDS | UNTAGGED_ORG_HEADS


_SAINTS = {"st", "st.", "saint", "ste", "ste.", "san", "santa"}
# what a saint's name commonly heads: sites (places) and bodies
_SAINTS_SITES = FACILITY_HEADS | {"hospital", "church", "chapel", "basilica", "abbey", "priory", "park"}
_SAINTS_BODIES = ORG_HEADS | UNTAGGED_ORG_HEADS


def _saints_named_sites(doc: Doc, spans: list[Span]) -> list[Span]:
    """"St Vincent's Hospital", "St Patrick's College": the model reads the saint as a person and
    leaves the head; the whole is the site's (or the body's) name."""
    found: list[Span] = []
    grown: set[int] = set()
    for span in spans:
        head = span.end + (span.end < len(doc) and doc[span.end].lower_ in ("'s", "’s"))
        if span.label_ in ("PERSON", "GPE", "LOC", "ORG") and span[0].lower_ in _SAINTS and len(span) >= 2 \
                and head < len(doc) and doc[head].is_title and doc[head].lower_ in _SAINTS_SITES | _SAINTS_BODIES:
            span = Span(doc, span.start, head + 1, label="FAC" if doc[head].lower_ in _SAINTS_SITES else "ORG")
            grown.update(range(span.end - 2, span.end))
        found.append(span)
    # a name the model saw in the head alone ("Basilica") is part of the grown one
    return [s for s in found if not (grown.intersection(range(s.start, s.end)) and s[0].lower_ not in _SAINTS)] \
        if grown else found


def _untagged_facilities(doc: Doc, spans: list[Span]) -> list[Span]:
    """"Shandao Station", "Nizhny Novgorod Stadium": capitalised words before a capitalised
    facility word are a site's name even when the model tagged nothing; before an organisation
    word ("the Sea Org", "the Arden Foundation"), a body's."""
    taken = {i for span in spans for i in range(span.start, span.end)}
    found = []
    for index in tokens_where(doc, LOWER, _UNTAGGED_HEADS):  # the only tokens the test below lets through
        token = doc[index]
        lower = token.lower_
        site = lower in SITE_WORDS
        if not (site or lower in UNTAGGED_ORG_HEADS) or token.i in taken or not token.is_title or token.i == 0:
            continue
        i = token.i
        while i - 1 >= token.sent.start and i - 1 not in taken and token.i - i < 4 and \
                doc[i - 1].is_title and doc[i - 1].is_alpha and doc[i - 1].lower_ not in DETERMINERS and \
                not doc[i - 1].is_stop and not (i - 1 == token.sent.start and doc[i - 1].pos_ != "PROPN"):
            i -= 1
        if i < token.i and doc[i:token.i].text.lower() != doc[i:token.i].text:
            if not site and _names_a_seat(doc, token.i + 1):
                continue  # '"Super District Council" seats'
            gloss = _name_before_bracket(doc, i, token.i + 1, taken) if site else None
            span = gloss or Span(doc, i, token.i + 1, label="FAC" if site else "ORG")
            found.append(span)
            taken.update(range(span.start, span.end))
    return found


def _partner(token: Token) -> bool:
    """One partner's name in a firm's name ("Fenner", "Smith")."""
    doc = token.doc
    marked = token.i + 1 < len(doc) and doc[token.i + 1].text in COMPANY_MARKS  # "Smith Inc" read as a place
    return token.is_title and token.is_alpha and not token.is_stop and token.text not in COMPANY_MARKS and \
        (marked or token.ent_type_ not in ("GPE", "LOC", "DATE", "NORP"))


def _one_firm_of_two(doc: Doc, first: int, join: int, mark: int, common_words: frozenset[str]) -> bool:
    """"A and B Corp" (see _partnership_names): one firm, not A and the firm B Corp."""
    if any(t.ent_type_ == "PRODUCT" for t in doc[first:join]) or mark - join != 2:
        return False
    second = doc[join + 1]
    if second.lower_ in common_words or join - first >= 2:
        return True
    name = doc[first]
    return not any(t.text == name.text and t.i != first for t in doc)


def _partnership_names(doc: Doc, spans: list[Span], common_words: frozenset[str] = frozenset()) -> list[Span]:
    """"Merrill Lynch and Co Inc", "Merrill Lynch, Pierce, Fenner and Smith Ltd", "Procter and Gamble
    Co": a firm named after its partners is one company, however many names the model saw in it. The
    company mark after the last partner shows the list is one name: any mark after three or more
    names, "Co" after two. Two names and another mark are one firm when the second is an English word
    ("Numac Oil and Gas Ltd", "Gulf Resources and Chemical Corp"), the first has two words ("Bolt Beranek
    and Newman Inc"), or the first is never named alone ("Bausch and Lomb Inc"); else two companies
    ("Alstrom and Brindle Corp" where Alstrom is named on its own too)."""
    marks = tokens_where(doc, ORTH, COMPANY_MARKS)
    if not marks:
        return spans
    firms: list[tuple[int, int]] = []
    for index in marks:
        token = doc[index]
        if firms and index < firms[-1][1]:
            continue  # "Co Inc.": the second mark is already in
        if not token.whitespace_ and index + 1 < len(doc) and doc[index + 1].text == "-":
            continue  # "Security and Co-operation": a word, not a company mark
        if index >= 3 and doc[index - 2].lower_ in ("'s", "’s") and _partner(doc[index - 1]) and \
                _partner(doc[index - 3]) and doc[index - 3].ent_type_ in ("PERSON", "ORG", ""):
            first = index - 3
            while first - 1 >= token.sent.start and index - first < 5 and _partner(doc[first - 1]):
                first -= 1
            firms.append((first, index + 1))  # "Rose's Stores Inc": the founder's name is the firm's
            continue
        if index >= 2 and doc[index - 1].lower_ in ("and", "&") and token.text in ("Co", "Co."):
            join = index - 1  # "Merrill Lynch and Co"
        elif index >= 3 and doc[index - 2].lower_ in ("and", "&") and _partner(doc[index - 1]):
            join = index - 2  # "... and Smith Ltd"
        elif index >= 5 and doc[index - 2].text == "," and _partner(doc[index - 1]) and _partner(doc[index - 3]) \
                and doc[index - 4].text == ",":
            join = index - 2  # "L.F. Rothschild, Unterberg, Towbin Inc": three partners and no "and"
        else:
            continue
        start = join
        sent_start = token.sent.start
        while start - 2 >= sent_start and _partner(doc[start - 1]) and doc[start - 2].text == ",":
            start -= 2  # ", Pierce, Fenner"
        first = start
        while first - 1 >= sent_start and start - first < 3 and (
                (_partner(doc[first - 1]) and not doc[first - 1].is_upper) or _DOTTED_INITIALS.match(doc[first - 1].text)):
            first -= 1  # "Merrill Lynch", "J.S. Winningham"; an acronym is a company of its own ("IBM and Hitachi Ltd")
        if first < start and _DOTTED_INITIALS.match(doc[first].text) and first + 1 == start:
            continue  # "J.S. and Co": initials alone name nobody
        if first == start:
            continue
        if start == join and token.text not in ("Co", "Co.") and not _one_firm_of_two(doc, first, join, index, common_words):
            continue  # "Alstrom and Brindle Corp": two companies; "Procter and Gamble Co" is one
        end = index + 1
        while end < len(doc) and doc[end].text in COMPANY_MARKS and doc[end].text not in ("Co", "Co."):
            end += 1  # "and Co Inc."
        firms.append((first, end))
    # "LCP Chemicals and Plastics Inc": a name the model already read whole, and longer, stays
    firms = [(first, end) for first, end in firms
             if not any(s.start < first and s.end >= end and s.label_ == "ORG" for s in spans)]
    if not firms:
        return spans
    # "Merrill Lynch, Pierce, Fenner and Smith is a subsidiary": the listed name again, without its mark
    for first, end in list(firms):
        names = [t.text for t in doc[first:end] if t.text not in COMPANY_MARKS]
        if "," not in names:
            continue
        for k in tokens_where(doc, ORTH, (names[0],)):
            if k != first and [t.text for t in doc[k:k + len(names)]] == names and \
                    not any(k < e and s < k + len(names) for s, e in firms):
                firms.append((k, k + len(names)))
    result = [s for s in spans if not any(s.start < end and start < s.end for start, end in firms)]
    result += [Span(doc, start, end, label="ORG") for start, end in firms]
    return sorted(result, key=lambda s: s.start)


def _firms_named_after_people(doc: Doc, spans: list[Span]) -> list[Span]:
    """"Walwyn Stodgell Cochran Murray Ltd": partners' names the model read as a person, running
    straight into a company name with its mark, are all the company's name."""
    by_start = {span.start: span for span in spans}
    joined: list[tuple[Span, Span]] = []
    for span in spans:
        firm = by_start.get(span.end)
        if span.label_ == "PERSON" and firm is not None and firm.label_ == "ORG" and \
                firm[-1].text in COMPANY_MARKS and all(t.is_title for t in span):
            joined.append((span, firm))
    if not joined:
        return spans
    parts = {id(s) for pair in joined for s in pair}
    return sorted([s for s in spans if id(s) not in parts] +
                  [Span(doc, person.start, firm.end, label="ORG") for person, firm in joined], key=lambda s: s.start)


def _regional_bracket(doc: Doc, opening: int, limit: int) -> bool:
    """"(Europe) Ltd", "(United Kingdom) Holding Co Ltd": a bracket of one or two capitalised
    words inside a company's name, which goes on to its mark."""
    close = next((k for k in (opening + 2, opening + 3) if k < limit and doc[k].text == ")"), None)
    return close is not None and all((t.is_title or (t.is_upper and len(t) <= 3)) and t.is_alpha
                                     for t in doc[opening + 1:close]) and \
        any(t.text in COMPANY_MARKS for t in doc[close + 1:limit])


def _regional_company_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """"Nikko Securities Co (Europe) Ltd", "Goldman Sachs (Japan) Corp": a group's regional company
    puts its region in brackets before the mark; the name runs to the mark."""
    by_end = {span.end: span for span in spans if span.label_ == "ORG"}
    extended: dict[int, Span] = {}
    for end, span in by_end.items():
        if end + 4 <= len(doc) and doc[end].text == "(" and _regional_bracket(doc, end, min(len(doc), end + 5)):
            close = next(k for k in (end + 2, end + 3) if doc[k].text == ")")
            if doc[close + 1].text in COMPANY_MARKS:
                extended[span.start] = Span(doc, span.start, close + 2, label="ORG")
    if not extended:
        return spans
    covered = {i for span in extended.values() for i in range(span.start, span.end)}
    return [extended.get(span.start, span) for span in spans
            if span.start in extended or not covered.intersection(range(span.start, span.end))]


def _common_nouns_opening_sentences(doc: Doc, spans: list[Span], common_words: frozenset[str]) -> list[Span]:
    """"Amortisation costs go back to the state": an English noun capitalised because it opens the
    sentence, read as a person (or before a title), is no one when the text uses the same word as a noun elsewhere and
    names no person with it."""
    people = [s for s in spans if s.label_ == "PERSON"]
    result = []
    for span in spans:
        # ... or opens a title ("Festival director Marta Kiel"), whatever the model read it as
        before_title = span.end < len(doc) and doc[span.end].is_lower and doc[span.end].lower_ in ROLE_NOUNS and \
            span.label_ != "ORG"  # ("Commission chairwoman X" may be the commission named before)
        if (span.label_ == "PERSON" or before_title) and len(span) == 1 and span[0].is_sent_start and \
                span[0].is_title and not any(len(p) > 1 and span[0].text in p.text.split() for p in people):
            lower = span[0].lower_
            if lower in common_words and any(t.lower_ == lower and t.is_lower and t.pos_ == "NOUN" for t in doc):
                continue
        if span.label_ == "ORG" and len(span) == 1 and span[0].lower_ in PARTY_LABELS and span.end < len(doc) and \
                doc[span.end].is_lower and doc[span.end].lower_ in PARTY_SEATS:
            continue  # "Labor senator X": the senator's side, a label, not the party named as an actor
        # "Agency spokesman X" opening a sentence: the agency named before, by another name (a body whose
        # name holds the word, "Commission chairwoman X" for the European Commission, stays)
        if span.label_ == "ORG" and len(span) == 1 and span[0].is_sent_start and span[0].is_title and \
                span[0].lower_ in ORG_REFERENCE_NOUNS and span.end < len(doc) and doc[span.end].is_lower and \
                doc[span.end].lower_ in ROLE_NOUNS and \
                not any(s is not span and span[0].text in s.text.split() for s in spans):
            continue
        result.append(span)
    return result


# capitalised in a headline before a company's name, never part of it ("Bought By Chrysler Corp")
_BEFORE_NAMES = {"by", "from", "to", "at", "with", "for", "in", "on", "called", "named", "and", "or"}


def _name_start(doc: Doc, end: int, sentence_start: int, taken: set[int],
                common_words: frozenset[str] = frozenset()) -> int:
    """Where the capitalised words of a company's name before token ``end`` (its first word, or its
    mark) begin: "Arvin Industries", "Hayes-Albion", "St. Jude Medical", "H.J. Heinz", "MarCor"."""
    start = end
    while start - 1 >= sentence_start and end - start < 5 and start - 1 not in taken and (
            doc[start - 1].text[:1].isupper() and (doc[start - 1].is_alpha or
                                                   _DOTTED_INITIALS.match(doc[start - 1].text)) and
            doc[start - 1].lower_ not in DETERMINERS and not doc[start - 1].like_num and
            doc[start - 1].lower_ not in _BEFORE_NAMES and
            not (start - 1 == sentence_start and doc[start - 1].lower_ in common_words) and  # "Rival | Oyamada Corp"
            doc[start - 1].ent_type_ in ("", "ORG", "DATE", "PERSON", "NORP", "GPE") and
            not (doc[start - 1].ent_type_ == "DATE" and doc[start - 1].lower_ in MONTHS)):
        start -= 1
        if start - 2 >= sentence_start and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ and \
                not doc[start - 2].whitespace_ and doc[start - 2].is_title and doc[start - 2].is_alpha and \
                start - 2 not in taken:
            start -= 2  # "Hayes-Albion Corp": one name, hyphen and all
    if start - 1 >= sentence_start and start < end and start - 1 not in taken and \
            doc[start - 1].lower_ in _SAINTS and doc[start - 1].is_title:
        start -= 1  # "St. Jude Medical Inc": the saint's abbreviation opens the name
    return start


def _company_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """"March 3 - Arvin Industries Inc said": capitalised words before a company suffix name a
    company even when the model missed them or read them into a date."""
    taken = {i for span in spans for i in range(span.start, span.end)}
    found = []
    for index in tokens_where(doc, ORTH, COMPANY_MARKS):
        token = doc[index]
        if token.i in taken or token.i == 0:
            continue
        start = _name_start(doc, token.i, token.sent.start, taken)
        if any(t.text not in COMPANY_MARKS for t in doc[start:token.i]) and \
                not (start == token.sent.start and doc[start].is_stop):  # "Co Inc.": no name in it
            span = Span(doc, start, token.i + 1, label="ORG")
            found.append(span)
            taken.update(range(span.start, span.end))
    return found


def _grown_company_names(doc: Doc, spans: list[Span], common_words: frozenset[str]) -> list[Span]:
    """"Allegheny | Beverage Corp", "H.J. | Heinz Co": a company's name the model cut after its first
    words grows back to them (untagged capitalised words, initials, a date's tail)."""
    taken = {i for span in spans for i in range(span.start, span.end)}
    result = []
    for span in spans:
        if span.label_ == "ORG" and len(span) >= 2 and span[-1].text in COMPANY_MARKS:
            start = _name_start(doc, span.start, span.sent.start, taken, common_words)
            if start < span.start and all(doc[k].ent_type_ in ("", "DATE") or _DOTTED_INITIALS.match(doc[k].text)
                                          for k in range(start, span.start)):
                span = Span(doc, start, span.end, label="ORG")
        result.append(span)
    return result




def _name_before_bracket(doc: Doc, start: int, end: int, taken: set[int]) -> Span | None:
    """"Masjid Al-Haram (Grand Mosque)": the bracket glosses the name before it, which is the site."""
    if start < 2 or end >= len(doc) or doc[start - 1].text != "(" or doc[end].text != ")":
        return None
    i = start - 1
    while i - 1 >= 0 and i - 1 not in taken and start - 1 - i < 5 and (
            (doc[i - 1].is_title and doc[i - 1].is_alpha and not doc[i - 1].is_stop) or
            (doc[i - 1].text == "-" and i - 2 >= 0 and doc[i - 2].is_title)):
        i -= 1
    if i == start - 1 or doc[i].text == "-":
        return None
    return Span(doc, i, start - 1, label="FAC")


def _untagged_repeats(doc: Doc, spans: list[Span]) -> list[Span]:
    """"Civic Renewal won ... Civic Renewal leader Ana Morel": a name of two or more capitalised words
    the model tagged once is the same name where it appears again untagged (as the type it had)."""
    labels: dict[str, set[str]] = {}
    for span in [*spans, *doc.ents]:
        if len(span) >= 2:
            labels.setdefault(span.text, set()).add(span.label_)
    names: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for span in spans:  # not a name the cleaning dropped ("Group G")
        seen = labels.get(span.text, set()) if len(span) >= 2 else set()
        # one name read alike each time ("Google Science Fair" as an event and a site is left alone)
        if len(seen) == 1 and seen <= {"ORG", "GPE", "LOC", "FAC", "PERSON"} and span[0].is_title and \
                span[-1].text[:1].isupper():
            words = tuple(t.text for t in span)
            if (words, span.label_) not in names.get(words[0], []):
                names.setdefault(words[0], []).append((words, span.label_))
    if not names:
        return []
    taken = {i for span in spans for i in range(span.start, span.end)}
    found: list[Span] = []
    firsts = np.array([get_string_id(word) for word in names], dtype=np.uint64)
    for i in np.flatnonzero(np.isin(doc.to_array(ORTH), firsts)).tolist():  # where a name's first word stands
        if i in taken:
            continue
        for words, label in names.get(doc[i].text, ()):
            end = i + len(words)
            if end <= len(doc) and all(doc[k].text == w and k not in taken for k, w in zip(range(i, end), words)) \
                    and not (i > 0 and doc[i - 1].pos_ == "PROPN" and doc[i - 1].is_title) \
                    and not (end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title):
                found.append(Span(doc, i, end, label=label))
                taken.update(range(i, end))
                break
    return found


def _distinctive(token: Token, common_words: frozenset[str]) -> bool:
    """A capitalised word that is no English word, so names only its bearer ("Metex", "Hallberg")."""
    return token.is_alpha and len(token) > 3 and bool(common_words) and token.lower_ not in common_words and \
        not token.is_stop


def _company_short_names(doc: Doc, spans: list[Span], common_words: frozenset[str]) -> list[Span]:
    """"Metex Corp said ... Metex also said": a company named with its mark is the same company
    where its name comes again without the mark and the model left it untagged. A one-word name
    must be no English word ("Comtech", not "United" of "United Co") and stand as a proper noun."""
    shorts: set[tuple[str, ...]] = set()
    for span in spans:
        if span.label_ != "ORG" or len(span) < 2 or not span[0].is_title:
            continue
        if span[-1].text in COMPANY_MARKS and all(t.is_title and t.is_alpha for t in span[:-1]):
            words = tuple(t.text for t in span[:-1])
            if len(words) > 1 or _distinctive(span[0], common_words):
                shorts.add(words)
        elif _distinctive(span[0], common_words):
            shorts.add((span[0].text,))  # "Hallberg Logistik ... Hallberg also said"
        joined = _partners_name(span)
        if joined is not None:
            shorts.add(joined)
    # a word in two companies' names ("Nippon Steel", "Nippon Oil"; "Viner and Co", "E.A. Viner
    # Holdings Ltd") names neither alone
    names = {s.text for s in spans if s.label_ == "ORG" and len(s) > 1}
    shorts = {words for words in shorts if len(words) > 1 or
              sum(words[0] in name.split() for name in names) == 1}
    if not shorts:
        return spans
    taken = {i for span in spans for i in range(span.start, span.end)}
    # "Harper | and Row added": a partners' name the model cut after the first partner grows back
    cut = {span.start: span for span in spans if span.label_ in ("ORG", "PERSON") and len(span) == 1}
    grown: list[Span] = []
    found: list[Span] = []
    starts = tokens_where(doc, ORTH, {words[0] for words in shorts})
    for words in sorted(shorts, key=len, reverse=True):
        for i in starts:
            end = i + len(words)
            first = cut.get(i) if len(words) > 2 and words[1] in ("and", "&") else None
            if first is not None and first.end < end and not any(k in taken for k in range(first.end, end)):
                taken.difference_update(range(first.start, first.end))
            else:
                first = None
            if end > len(doc) or any(k in taken for k in range(i, end)) or \
                    any(doc[k].text != w for k, w in zip(range(i, end), words)):
                if first is not None:
                    taken.update(range(first.start, first.end))
                continue
            if doc[i].pos_ != "PROPN" or (i > 0 and doc[i - 1].is_title and doc[i - 1].pos_ == "PROPN") or \
                    (end < len(doc) and doc[end].is_title and doc[end].pos_ == "PROPN"):
                continue
            found.append(Span(doc, i, end, label="ORG"))
            taken.update(range(i, end))
            if first is not None:
                grown.append(first)
    return [s for s in spans if not any(s is g for g in grown)] + found


def _partners_name(span: Span) -> tuple[str, ...] | None:
    """"Harper and Row" of "Harper and Row Publishers Inc": the partners' names a firm is called by,
    without its mark and the word for its trade."""
    words = [t.text for t in span]
    if len(words) < 4 or words[-1] not in COMPANY_MARKS or words[1] not in ("and", "&"):
        return None
    words = words[:-1]
    trade = words[-1]
    if trade.lower() in COMPANY_NAME_TAILS or (trade.endswith("ers") and len(trade) > 5):
        words = words[:-1]
    if len(words) != 3 or not all(w.istitle() and w.isalpha() for w in (words[0], words[2])):
        return None
    return tuple(words)


def _spelled_by(word: str, tokens: Span) -> bool:
    """Whether the initials of the name's words, small words left out, spell the bracketed word
    ("Associated Society of Locomotive Engineers and Firemen" -> "Aslef", "UNHCR")."""
    letters = word.upper().replace(".", "")
    return len(letters) >= 3 and letters in initials(tokens.text)


def _word_acronym(token: Token) -> bool:
    """A bracketed short name: "UNHCR", or one said as a word and written so ("Aslef")."""
    return is_acronym(token.text) or (token.is_title and token.is_alpha and 3 <= len(token) <= 6)


def _names_spelled_by_acronyms(doc: Doc, spans: list[Span]) -> list[Span]:
    """"the United Nations | High Commissioner for Refugees (UNHCR)", "Frontline | Relief International
    (FRI)", "Associated Society of Locomotive Engineers | and Firemen (Aslef)": a body's name the model
    cut is whole where the bracketed acronym after it spells the capitals of all its words."""
    found: list[Span] = []
    ending = {span.end: span for span in spans}
    for index in tokens_where(doc, ORTH, ("(",)):
        if index < 2 or index + 2 >= len(doc) or doc[index + 2].text != ")" or not _word_acronym(doc[index + 1]):
            continue
        word = doc[index + 1].text
        start = index
        while start - 1 >= 0 and index - start < 10 and (
                (doc[start - 1].text[:1].isupper() and doc[start - 1].is_alpha) or
                doc[start - 1].lower_ in _INITIAL_STOPWORDS):
            start -= 1
        # the longest run of the name's words, from a capitalised one, whose capitals spell the word
        for first in range(start, index - 1):
            if doc[first].text[:1].isupper() and doc[first].lower_ not in ("the", "a") and \
                    _spelled_by(word, doc[first:index]):
                if index not in ending or ending[index].start > first:  # a name only grows ("United Nations
                    found.append(Span(doc, first, index, label="ORG"))  # Office for ... (OCHA)" stays whole)
                break
    if not found:
        return spans
    covered = {i for whole in found for i in range(whole.start, whole.end)}
    kept = [s for s in spans if not any(i in covered for i in range(s.start, s.end))]
    return sorted(kept + found, key=lambda s: s.start)


def _works_after_work_nouns(doc: Doc, spans: list[Span]) -> list[Span]:
    """"their 1994 album Salt and Iron won ...", "the film Salt Roads": the capitalised words after a
    word for a work name the work, whatever the model made of them (not two bodies "Salt", "Iron")."""
    found: list[Span] = []
    for index in tokens_where(doc, LOWER, _WORK_WORDS):
        start = end = index + 1
        if not doc[index].is_lower or start >= len(doc) or not doc[start].is_title or \
                doc[start].ent_type_ in ("DATE", "TIME", "NORP", "GPE"):
            continue
        while end < len(doc) and end - start < 8 and (
                (doc[end].is_title and doc[end].is_alpha) or (
                doc[end].lower_ in ("and", "of", "the", "a", "in") and end + 1 < len(doc) and doc[end + 1].is_title)):
            end += 1
        if end == start or any(s.label_ == "PERSON" and start <= s.start < end and s.end < len(doc) and
               doc[s.end].pos_ in ("VERB", "AUX") for s in spans):
            continue  # "a song Jane Roe wrote": a person, not the title
        found.append(Span(doc, start, end, label="WORK_OF_ART"))
    if not found:
        return spans
    covered = {i for work in found for i in range(work.start, work.end)}
    kept = [s for s in spans if not any(i in covered for i in range(s.start, s.end))]
    return sorted(kept + found, key=lambda s: s.start)


# (not "record", "release", "single": "a record 5 mln", "for release March 12", "the single European market")
_WORK_WORDS = frozenset({"album", "song", "ep", "lp", "soundtrack", "mixtape", "film", "movie", "novel", "documentary"})


def _names_ending_in_places(doc: Doc, spans: list[Span]) -> list[Span]:
    """"Organization for Security and Co-operation in Europe (OSCE)": a body's name the model cut
    before "in" + a place is whole when the bracketed acronym after it spells the capitals of both.
    "at Absa Bank Kenya, said": a company's national arm, its name (ending in a body's or a
    company's word) and the country's right after it, then punctuation or a verb, is one name; so
    are "the Central Reserve Bank | of Peru" and a British body's "Muscular Dystrophy | UK"."""
    by_start = {span.start: span for span in spans}
    merged: dict[int, Span] = {}
    for span in spans:
        place = by_start.get(span.end)
        if span.label_ == "ORG" and place is not None and place.label_ == "GPE" and doc[span.end - 1].whitespace_ \
                and span[-1].lower_ in ORG_HEADS | COMPANY_NAME_TAILS and span[-1].is_title and (
                place.end == len(doc) or doc[place.end].is_punct or doc[place.end].pos_ in ("VERB", "AUX")):
            merged[span.start] = Span(doc, span.start, place.end, label="ORG")
            continue
        if span.label_ == "ORG" and len(span) >= 2 and span[-1].lower_ == "of" and place is not None and \
                place.label_ == "GPE" and span[-2].lower_ in ORG_HEADS:
            merged[span.start] = Span(doc, span.start, place.end, label="ORG")  # "Bank of | Ghana Governor X"
            continue
        if span.label_ == "ORG" and span[-1].text == "Bank" and span.end + 2 < len(doc) and doc[span.end].lower_ == "of" \
                and doc[span.end + 1].is_title and doc[span.end + 1].pos_ == "PROPN" and \
                doc[span.end + 1].ent_type_ in ("", "GPE") and doc[span.end + 2].pos_ != "PROPN":
            # "the Central Reserve Bank | of Peru": a central bank's name goes on with its country
            merged[span.start] = Span(doc, span.start, span.end + 2, label="ORG")
            continue
        if span.label_ == "GPE" and span.text == "UK" and span.start > 0 and (
                span.end == len(doc) or doc[span.end].is_punct or doc[span.end].pos_ in ("VERB", "AUX")):
            first = span.start
            while first > 0 and span.start - first < 3 and doc[first - 1].pos_ == "PROPN" and doc[first - 1].is_title \
                    and not doc[first - 1].ent_type_ and doc[first - 1].whitespace_:
                first -= 1
            if first < span.start:  # "Muscular Dystrophy UK", "Diabetes UK": a British body's name
                merged[first] = Span(doc, first, span.end, label="ORG")
                continue
        place = by_start.get(span.end + 1)
        if span.label_ != "ORG" or span.end >= len(doc) or doc[span.end].lower_ not in ("in", "of", "for", "on") \
                or place is None or place.label_ not in ("GPE", "LOC") or place.end + 2 >= len(doc) \
                or doc[place.end].text != "(" or doc[place.end + 2].text != ")":
            continue
        acronym = doc[place.end + 1].text.replace(".", "")
        capitals = "".join(t.text[0] for t in doc[span.start:place.end] if t.text[:1].isupper())
        if is_acronym(acronym) and capitals == acronym.upper():
            merged[span.start] = Span(doc, span.start, place.end, label="ORG")
    if not merged:
        return spans
    covered = {i for whole in merged.values() for i in range(whole.start, whole.end)}
    return sorted([s for s in spans if not covered.intersection(range(s.start, s.end))] + list(merged.values()),
                  key=lambda s: s.start)


def _names_cut_at_start(doc: Doc, spans: list[Span]) -> list[Span]:
    """"Commencement Bay Regional Hospital treated ...": where the model cut a name's first words
    off, and the words right before the cut are those the name has in full elsewhere in the
    article, the mention is the full name."""
    texts = {s.text: s for s in spans if len(s) > 1}
    taken = {i for s in spans for i in range(s.start, s.end)}
    result = []
    for span in spans:
        for full in texts:
            if not full.endswith(" " + span.text) or texts[full].start == span.start:
                continue
            missing = len(texts[full]) - len(span)
            start = span.start - missing
            if start >= 0 and doc[start:span.start].text == full[:-len(span.text) - 1] and \
                    not taken.intersection(range(start, span.start)):
                span = Span(doc, start, span.end, label=texts[full].label_)  # the full name's reading
                break
        result.append(span)
    return result


def _bracketed_acronyms(doc: Doc, spans: list[Span]) -> list[Span]:
    """"World Intellectual Property Organization (WIPO)": the bracketed acronym is a mention too."""
    end_at = {span.end: span for span in spans}
    starts = {span.start for span in spans}
    found = []
    for span in spans:
        i = span.end
        if i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")" and i + 1 not in starts:
            acronym = doc[i + 1].text
            if ((is_acronym(acronym) and acronym_fits(acronym, span.text)) or (
                    _word_acronym(doc[i + 1]) and _spelled_by(acronym, span))) and end_at.get(i) is span:
                found.append(Span(doc, i + 1, i + 2, label=span.label))
    return found


def _standalone_acronyms(doc: Doc, spans: list[Span]) -> list[Span]:
    """All-capital words the model left out that act as names in the sentence ("WIPO said")."""
    taken = {i for span in spans for i in range(span.start, span.end)}
    found = []
    shape = doc.to_array([IS_UPPER, IS_ALPHA, LENGTH]).tolist()  # read in C: the first test below, for every token
    # "The World Health Organization (WHO) ... WHO Director-General X": a defined acronym is the body anywhere
    defined = {doc[s.end + 1].text for s in spans if s.label_ == "ORG" and s.end + 2 < len(doc)
               and doc[s.end].text == "(" and doc[s.end + 2].text == ")"}
    shouted: dict[int, bool] = {}  # by sentence start
    for index in [i for i, (upper, alpha, length) in enumerate(shape) if upper and alpha and 2 < length <= 6]:
        token = doc[index]
        text = token.text
        if not (2 < len(text) <= 6 and text.isalpha() and text.isupper()) or token.i in taken or _ROMAN.match(text):
            continue
        if text in defined and not (index > 0 and doc[index - 1].text == "("):
            found.append(Span(doc, index, index + 1, label="ORG"))
            continue
        if text.lower() in NOT_ORG_ACRONYMS or text.lower() in WIRE_TERMS or token.pos_ != "PROPN":
            continue  # "233 dlrs a tonne CIF": a trade term, not a body
        if token.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "poss", "conj", "appos") and not (
                token.dep_ == "compound" and (token.head.lower_ in ROLE_NOUNS or  # "AFT president X"
                                              token.head.ent_type_ == "EVENT")):  # "the FIFA World Cup"
            continue
        sent = token.sent
        if sent.start not in shouted:
            shouted[sent.start] = sum(t.is_upper and t.is_alpha for t in sent) * 3 > sum(t.is_alpha for t in sent)
        if shouted[sent.start]:
            continue  # a heading or a shouted line: capitals say nothing there
        found.append(Span(doc, token.i, token.i + 1, label="ORG"))
    return found


_CORPORATE_TITLES = {"ceo", "cfo", "coo", "cto", "chairman", "chairwoman", "founder", "co-founder", "president",
                     "creator",
                     "boss", "editor", "publisher", "coach", "manager", "pastor",
                     "spokesman", "spokeswoman", "spokesperson", "executive", "director", "chief", "owner"}


def _organisations_before_titles(doc: Doc, spans: list[Span]) -> list[Span]:
    """"Stratfor CEO George Friedman": capitalised words the model left untagged right before
    a corporate title and a person's name name the organisation."""
    taken = {i for span in spans for i in range(span.start, span.end)}
    bodies_last_words = {span[-1].text for span in spans if span.label_ == "ORG" and len(span) > 1}
    found = []
    for span in spans:
        if span.label_ != "PERSON":
            continue
        i = span.start
        sent_start = span.sent.start
        title_end = i
        while i - 1 >= sent_start and i - 1 not in taken and title_end - i < 4 and (
                doc[i - 1].lower_ in _CORPORATE_TITLES or doc[i - 1].lower_ in ROLE_MODIFIERS or
                (doc[i - 1].text == "-" and i - 2 >= sent_start and doc[i - 2].lower_ == "co")):
            i -= 1
        if i == title_end or doc[title_end - 1].lower_ not in _CORPORATE_TITLES:
            continue
        end = i
        while i - 1 >= sent_start and i - 1 not in taken and end - i < 3 and (
                (doc[i - 1].pos_ == "PROPN" and doc[i - 1].is_title) or
                (doc[i - 1].is_upper and doc[i - 1].is_alpha and len(doc[i - 1]) > 1)) and \
                doc[i - 1].lower_ not in PORTFOLIO_WORDS and doc[i - 1].lower_ not in NOT_ORG_ACRONYMS and \
                doc[i - 1].lower_ not in ROLE_NOUNS and doc[i - 1].lower_ not in TITLE_WORDS and \
                doc[i - 1].ent_type_ in ("", "ORG"):
            i -= 1
        if i - 2 >= sent_start and doc[i - 1].text == "-" and doc[i - 2].lower_ in ("then", "ex"):
            continue  # "then-Law Director X": the brief of a post held then, not a body
        if i < end and not (i == sent_start and end - i == 1 and (doc[i].is_stop or (
                (doc[i].pos_ == "NOUN" or any(doc[k].is_lower for k in tokens_where(doc, LOWER, (doc[i].lower_,)))) and
                doc[i].text not in bodies_last_words))):
            # (not "Festival director X": a common noun capitalised to open the sentence; but "Commission
            # chairwoman X" after "Federal Energy Regulatory Commission" names it)
            found.append(Span(doc, i, end, label="ORG"))
            taken.update(range(i, end))
    return found


def _band_word(token: Token) -> bool:
    """A word of a band's name: capitalised ("Cheap Trick", "Yes", "UB40", "Crush 40"), not a genre."""
    return (token.is_title or token.is_upper or token.like_num or (token.text[:1].isupper() and token.is_alpha)) \
        and not token.is_punct and token.lower_ not in NOT_BAND_WORDS and token.lower_ not in ROLE_NOUNS and \
        token.lower_ not in DETERMINERS and token.lower_ not in PORTFOLIO_WORDS and \
        token.ent_type_ in ("", "ORG", "PERSON", "WORK_OF_ART", "PRODUCT", "CARDINAL")


def _band_run(doc: Doc, start: int, step: int, spans: list[Span]) -> tuple[int, int] | None:
    """The band's name next to a player: up to four band words from ``start`` (walking by ``step``,
    in the sentence), covering only untagged words or whole organisations (or, before the title, a
    whole "person": "Pink Floyd guitarist"); (start, end) or None."""
    by_token = {i: s for s in spans for i in range(s.start, s.end)}
    sent_start, i, last = doc[start].sent.start, start, None
    while 0 <= i < len(doc) and abs(i - start) < 4 and doc[i].sent.start == sent_start and _band_word(doc[i]):
        span = by_token.get(i)
        if span is not None and (span.label_ not in ("ORG", "PERSON") or (span.label_ == "PERSON" and step > 0)):
            break
        last = i
        i += step
    if last is None:
        return None
    lo, hi = min(start, last), max(start, last) + 1
    for i in range(lo, hi):  # an entity in it must lie wholly inside
        span = by_token.get(i)
        if span is not None and (span.start < lo or span.end > hi):
            return None
    return lo, hi


def _bands_around_players(doc: Doc, spans: list[Span]) -> list[Span]:
    """"Cheap Trick bassist Tom Petersson", "bassist Chris Squire of Yes", "guitarist X of the Red
    Hot Chili Peppers", "Matt Helders (Arctic Monkeys drummer)": capitalised words the model left untagged (or cut short) right before a
    band position and a person's name, or after "of" behind a person titled by a band position,
    name the band."""
    found: list[tuple[int, int]] = []
    for span in spans:
        if span.label_ != "PERSON" or span.start == 0:
            continue
        end = span.end
        if end + 3 < span.sent.end and doc[end].text == "(":  # "Matt Helders (Arctic Monkeys Drummer)"
            run = _band_run(doc, end + 1, 1, spans)
            if run is not None and run[1] + 1 < span.sent.end and doc[run[1]].lower_ in BAND_POSITIONS and \
                    doc[run[1] + 1].text == ")":
                found.append(run)
        before = doc[span.start - 1]
        if before.lower_ not in BAND_POSITIONS:
            continue
        sent_start = span.sent.start
        if before.is_lower and span.start - 2 >= sent_start:
            run = _band_run(doc, span.start - 2, -1, spans)
            if run is not None and not (run[0] == sent_start and run[1] - run[0] == 1 and doc[run[0]].is_stop):
                found.append(run)
        if end + 1 < span.sent.end and doc[end].lower_ == "of":
            first = end + 1 + (doc[end + 1].lower_ == "the" and end + 2 < span.sent.end)
            if first < len(doc) and not doc[first].like_num:
                run = _band_run(doc, first, 1, spans)
                if run is not None and (run[1] >= span.sent.end or not doc[run[1]].is_title):
                    found.append(run)
    if not found:
        return spans
    covered = {i for lo, hi in found for i in range(lo, hi)}
    result = [s for s in spans if not any(i in covered for i in range(s.start, s.end))]
    result += [Span(doc, lo, hi, label="ORG") for lo, hi in sorted(set(found))]
    return sorted(result, key=lambda s: s.start)


# Lowercase nouns that say the capitalised name after them is a musical act or a label: "the Scottish pop
# group Wet Wet Wet", "the duo The Judds", "the label Kill Rock Stars", "country rockers The Wombats"
_ACT_KINDS = {"band", "group", "duo", "trio", "quartet", "quintet", "outfit", "ensemble", "orchestra", "label",
              "imprint", "rockers", "supergroup"}
_ACT_KINDS_AND_OF = frozenset(_ACT_KINDS | {"of"})
_RETYPED_AFTER_KIND = {"GPE", "LOC", "FAC", "PERSON", "PRODUCT", "WORK_OF_ART"}


def _bands_after_kind_words(doc: Doc, spans: list[Span]) -> list[Span]:
    """Names right after a word for an act or a label ("the pop group Wet Wet Wet", "the band The Who",
    "the group Chicago"), and names after "PERSON of The" ("Julian Casablancas of The Strokes": a capital
    "The" inside a sentence starts a name): the model left them untagged or took them for a place, a
    person or a work; they name a body. A tagged organisation stays as it is."""
    by_start = {s.start: s for s in spans}
    found: list[tuple[int, int]] = []
    retyped: set[int] = set()
    for token in map(doc.__getitem__, tokens_where(doc, LOWER, _ACT_KINDS_AND_OF)):
        i = token.i + 1
        kind = token.lower_ in _ACT_KINDS and token.is_lower  # (the parser may take "rockers" for a verb)
        of_the = token.lower_ == "of" and i < len(doc) and doc[i].text == "The" and not doc[i].is_sent_start and \
            token.i > 0 and doc[token.i - 1].ent_type_ == "PERSON"
        if not (kind or of_the):
            continue
        if i < len(doc) and doc[i].lower_ == "the":
            i += 1  # "the band the Blue Rockets", "rockers The Wombats": the article is no part of the name
        if i >= len(doc) or doc[i].sent.start != token.sent.start:
            continue
        span = by_start.get(i) or by_start.get(i - 1 if doc[i - 1].lower_ == "the" else -1)
        if span is not None:
            if span.label_ in _RETYPED_AFTER_KIND and token.lower_ in _ACT_KINDS and span.end - i <= 4:
                retyped.add(span.start)
            continue
        if doc[i].ent_type_ or any(s.start <= i < s.end for s in spans):
            continue
        run = _band_run(doc, i, 1, spans)
        if run is not None and not (run[1] < len(doc) and doc[run[1]].is_title and doc[run[1]].is_alpha):
            found.append(run)
    if not found and not retyped:
        return spans
    result = [Span(doc, s.start, s.end, label="ORG") if s.start in retyped else s for s in spans]
    covered = {i for lo, hi in found for i in range(lo, hi)}
    result = [s for s in result if not any(i in covered for i in range(s.start, s.end))]
    result += [Span(doc, lo, hi, label="ORG") for lo, hi in sorted(set(found))]
    return sorted(result, key=lambda s: s.start)


def _dateline_types(doc: Doc, spans: list[Span]) -> list[Span]:
    """Names inside the dateline take its types: "ABU DHABI, March 2 -" is a place even when the
    model read an organisation or a person; "(AP)" after it is the agency, never a place."""
    dateline = doc._.ng_dateline
    if dateline is None or not (dateline.place_span or dateline.agency_span):
        return spans
    result = []
    for span in spans:
        label = span.label_
        if dateline.place_span and dateline.place_span[0] <= span.start_char and \
                span.end_char <= dateline.place_span[1] and label in ("ORG", "PERSON", "FAC"):
            label = "GPE"
        elif dateline.agency_span and dateline.agency_span[0] <= span.start_char and \
                span.end_char <= dateline.agency_span[1] and label in ("GPE", "LOC", "PERSON", "FAC"):
            label = "ORG"
        result.append(span if label == span.label_ else Span(doc, span.start, span.end, label=label))
    return result


def _with_dateline_spans(doc: Doc, spans: list[Span]) -> list[Span]:
    """The dateline's place and agency are entities even when the model missed them ("BANGKOK (AP)"),
    and whole where the model cut them into pieces ("ST. LOUIS, MO." read as "St", "Louis")."""
    dateline = doc._.ng_dateline
    if dateline is None:
        return spans
    parts = []
    if dateline.place_span:  # "BANGKOK, Thailand": two places
        start, end = dateline.place_span
        for piece in re.finditer(r"[^,]+", doc_text(doc)[start:end]):
            stripped = piece.group().strip()
            if stripped:
                first = start + piece.start() + piece.group().index(stripped)
                parts.append(((first, first + len(stripped)), "GPE"))
    if dateline.agency_span:
        parts.append((dateline.agency_span, "ORG"))
    for offsets, label in parts:
        span = doc.char_span(*offsets, label=label, alignment_mode="contract")
        if span is None or not len(span):
            continue
        if label == "ORG":  # "Reuter - State": a name run on from the agency past the dash ends with it
            spans = [Span(doc, s.start, span.end, label=s.label) if span.start <= s.start < span.end < s.end else s
                     for s in spans]
        inside = [s for s in spans if s.start < span.end and span.start < s.end]
        if all(span.start <= s.start and s.end <= span.end for s in inside) and \
                not any((s.start, s.end) == (span.start, span.end) for s in inside):
            spans = [s for s in spans if not any(s is t for t in inside)] + [span]
    return spans


def _translated_acronym(acronym: str, long_form: Span) -> bool:
    """"National Institute of Civil Defence (INDECI)", "Peruvian Geophysical Institute (IGP)": a body's
    English name with the acronym of its name in its own language, whose letters hold every initial
    of the English name's capitalised words (not "MEXICO CITY (AP)")."""
    initials = {t.text[0] for t in long_form if t.is_title or t.is_upper}
    letters = set(acronym.upper())
    return long_form.label_ == "ORG" and len(initials) >= 2 and len(acronym) >= 3 and initials <= letters and \
        len(acronym) <= len(long_form) + 2 and any(t.lower_ in ORG_HEADS | BODY_HEADS for t in long_form)


def _acronym_definitions(doc: Doc, spans: list[Span]):
    """Pairs (long form, acronym text) from "Long Form (LF)", and acronyms of common nouns."""
    end_at = {span.end: span for span in spans}
    defined: dict[str, Span] = {}
    common: set[str] = set()
    for index in tokens_where(doc, ORTH, ("(",)):
        if index >= len(doc) - 2:
            break
        token = doc[index]
        if token.text != "(" or doc[token.i + 2].text != ")":
            continue
        acronym = doc[token.i + 1].text
        spelled = not is_acronym(acronym) and _word_acronym(doc[token.i + 1])  # "(Aslef)"
        if not is_acronym(acronym) and not spelled:
            continue
        before = token.i
        if before > 0 and doc[before - 1].lower_ in ("'s", "’s"):
            before -= 1
        long_form = end_at.get(before)
        if long_form is not None:
            # "MEXICO CITY (AP) --" is a dateline, not a definition: the letters must fit the name
            if (acronym_fits(acronym, long_form.text) and not spelled) or _spelled_by(acronym, long_form) or \
                    (not spelled and _translated_acronym(acronym, long_form)):
                defined[acronym] = long_form
        elif before > 0 and doc[before - 1].is_lower and not spelled:  # ("they (Brazil) are", no acronym)
            common.add(acronym)
    return defined, common


def build_clusters(doc: Doc, spans: list[Span], common_words: frozenset[str] = frozenset()) -> list[EntityCluster]:
    defined, common_abbreviations = _acronym_definitions(doc, spans)
    spans = [s for s in spans if s.text not in common_abbreviations]
    clusters: list[EntityCluster] = []
    by_key: dict[str, EntityCluster] = {}
    model_types: dict[int, Counter] = {}

    def new_cluster(span: Span, type_: str) -> EntityCluster:
        cluster = EntityCluster(type=type_, name=span.text)
        clusters.append(cluster)
        model_types[id(cluster)] = Counter()
        return cluster

    def attach(cluster: EntityCluster, span: Span, type_: str) -> None:
        cluster.mentions.append(span)
        model_types[id(cluster)][type_] += 1
        by_key.setdefault(normalise_name(span.text), cluster)

    # Long forms first, so acronyms and surnames can point back to them.
    # (a surname with its particle, "de Wolff", after the full names it may end)
    order = sorted(spans, key=lambda s: (-(len(s) > 1), _particle_surname(s), s.start))
    pending_acronyms: list[tuple[Span, str]] = []
    for span in order:
        type_ = ENTITY_TYPES[span.label_]
        text = span.text
        key = normalise_name(text)
        if text in defined and defined[text] is not span:
            pending_acronyms.append((span, type_))
            continue
        cluster = by_key.get(key)
        if cluster is None and _one_written_word(span) and type_ in ("Person", "Organization", "Place", "Other"):
            # "Funaro" read as a work of art: Dilson Funaro; "Okonjo-Reid" after Tom Okonjo-Reid
            # (a middle word only for a name standing alone: "the Hunt family" is not Margaret Hunt Hill)
            cluster = _person_by_surname(clusters, text, middle=not (
                span.end < len(doc) and doc[span.end].is_lower and doc[span.end].pos_ == "NOUN"))
            storms = [c for c in clusters if len(c.name.split()) == 2 and c.name.split()[0].lower() in _STORM_WORDS
                      and c.name.split()[1] == text]
            if cluster is None and len(storms) == 1:
                cluster, type_ = storms[0], "Other"  # "Nerine" after "Cyclone Nerine": the storm
            elif cluster is not None:
                type_ = "Person"
        if cluster is None and len(span) == 1 and type_ in ("Person", "Organization", "Place"):
            company = [c for c in clusters if c.type == "Organization" and _short_company_name(c.name, text, type_)]
            if len(company) == 1:  # "Calny" after "Calny Inc", "Kodak" after "Eastman Kodak Co"
                cluster, type_ = company[0], "Organization"
        camel = text[:1].isupper() and not text.isupper() and not text.istitle() and text.isalpha()
        if cluster is None and len(span) == 1 and ((type_ == "Organization" and span[0].is_title) or (
                camel and type_ in ("Organization", "Person")) or (
                _company_word_read_otherwise(span, type_, common_words) and
                _one_company([c for c in clusters if c.type == "Organization" and text in c.name.split()]) is not None)):
            following = span.doc[span.end].lower_ if span.end < len(span.doc) else ""
            cluster = _organisation_by_word(clusters, text, following)  # "SkyLink" for "SkyLink Airways", however typed
            if cluster is not None:
                type_ = "Organization"
        if cluster is None and len(span) > 1 and type_ in ("Person", "Organization", "Place"):
            company = [c for c in clusters if c.type == "Organization" and c.name.startswith(text + " ") and
                       c.name[len(text) + 1:] in COMPANY_MARKS]
            if len(company) == 1:  # "Brown-Forman" after "Brown-Forman Inc"
                cluster, type_ = company[0], "Organization"
        if cluster is None and len(span) > 1 and type_ == "Person" and (span[0].is_lower or _particle_surname(span)):
            # "Judge van Dam" after "Annelies van Dam": a surname with its particle ("De Wolff" in a headline)
            ending = [c for c in clusters if c.type == "Person" and c.name.lower().endswith(" " + text.lower())]
            cluster = ending[0] if len(ending) == 1 else None
        if cluster is None and len(span) > 1 and type_ == "Organization":
            ending = [c for c in clusters if c.type == "Organization" and c.name.endswith(" " + text)]
            cluster = ending[0] if len(ending) == 1 else None  # "State Department" -> "US State Department"
        if cluster is None and is_acronym(text):
            pending_acronyms.append((span, type_))
            continue
        if cluster is None:
            cluster = new_cluster(span, type_)
        attach(cluster, span, type_)

    long_form_cluster = {}
    for acronym, long_form in defined.items():
        for cluster in clusters:
            if any(m.start == long_form.start for m in cluster.mentions):
                long_form_cluster[acronym] = cluster
    for span, type_ in sorted(pending_acronyms, key=lambda item: item[0].start):
        text = span.text
        cluster = long_form_cluster.get(text) or by_key.get(normalise_name(text))
        if cluster is None:
            cluster = next(
                (c for c in clusters if c.type != "Person" and text.upper().rstrip("S") in initials(c.name)),
                None,
            )
        if cluster is None:
            cluster = new_cluster(span, type_)
        attach(cluster, span, type_)
        cluster.add_alias(text)

    _merge_people_typed_as_places(clusters, model_types)
    _drop_family_plurals(clusters)
    _merge_short_forms(clusters, model_types)
    _merge_initialled_places(clusters, model_types)
    _merge_shortened_organisations(clusters, model_types, common_words)
    clusters = [c for c in clusters if c.mentions]
    for cluster in clusters:
        _settle_type_and_name(cluster, model_types[id(cluster)], set(long_form_cluster.values()))
        cluster.mentions.sort(key=lambda m: m.start)
    _teams_named_by_place(doc, clusters)
    _things_named(clusters)
    _programmes_that_act(clusters)
    clusters = [c for c in clusters if c.mentions]
    clusters.sort(key=lambda c: c.mentions[0].start)
    return clusters


def _company_word_read_otherwise(span: Span, type_: str, common_words: frozenset[str]) -> bool:
    """"Hallberg said", "Koshima president X": a company's first word on its own, read as a person
    or a place; no English word ("Boston" stays the city of "Boston Scientific"), and a place only
    before a title or a possessive."""
    if not (span[0].is_title and _distinctive(span[0], common_words)):
        return False
    if type_ == "Person":
        return True
    after = span.doc[span.end] if span.end < len(span.doc) else None
    return type_ == "Place" and after is not None and (
        after.lower_ in ("'s", "’s") or after.lower_ in ROLE_NOUNS or after.lower_ in TITLE_WORDS)


def _things_named(clusters: list[EntityCluster]) -> None:
    """"the Artemis program", "the Orion capsule": a one-word name only ever said before the kind of
    thing it names is that thing, not an organisation (an acronym stays one: "the NASA mission")."""
    for cluster in clusters:
        if cluster.type == "Person" and cluster.mentions and all(_named_thing(m) for m in cluster.mentions):
            cluster.type = "Other"  # "The rover, named Pragyan,": a thing's name, not a person's
            continue
        if any(_after_vessel_noun(m) for m in cluster.mentions):
            cluster.type = "Other"  # "the tanker Aurora Bay": a ship
            continue
        if cluster.type != "Organization" or is_acronym(cluster.name) or not cluster.mentions:
            continue
        if all(len(m) == 1 and m[0].dep_ in ("compound", "nmod") and m[0].head.i >= m.end and
               m[0].head.lemma_ in THING_NOUNS for m in cluster.mentions):
            cluster.type = "Other"


# Last words of names that are plans or bodies: "the Artemis programme" is a plan, "the World Food
# Programme" an agency with a head, a spokesman, a voice
_PROGRAMME_WORDS = {"programme", "program"}


def _programmes_that_act(clusters: list[EntityCluster]) -> None:
    """"The head of the World Food Programme, X", "the UN Development Programme said": a programme with
    a post in it or that speaks is a body."""
    for cluster in clusters:
        if cluster.type == "Other" and cluster.name.split()[-1].lower() in _PROGRAMME_WORDS and \
                any(_acts(m) for m in cluster.mentions):
            cluster.type = "Organization"


def _acts(mention: Span) -> bool:
    """The mention speaks, owns a post ("the programme's director") or has one ("head of the X")."""
    doc, root = mention.doc, mention[-1]
    if root.dep_ == "nsubj" and root.head.lemma_ in SPEECH_VERBS:
        return True  # "the programme said"
    if mention.end + 1 < len(doc) and doc[mention.end].lower_ in ("'s", "’s") and _is_title_head(doc[mention.end + 1]):
        return True  # "the programme's director"
    of = doc[mention.start - 1] if mention.start > 0 and doc[mention.start - 1].lower_ != "the" else \
        (doc[mention.start - 2] if mention.start > 1 else None)
    return of is not None and of.lower_ in ("of", "for") and of.i > 0 and _is_title_head(doc[of.i - 1])


def _after_vessel_noun(mention: Span) -> bool:
    """"the tanker Aurora Bay", "a Greek-owned freighter Sea Star": the name right after a kind of vessel."""
    doc, i = mention.doc, mention.start
    return i >= 2 and doc[i - 1].is_lower and doc[i - 1].lower_ in VESSEL_NOUNS and (
        doc[i - 2].lower_ in ("the", "a", "an", "its", "their") or doc[i - 2].pos_ == "ADJ" or doc[i - 2].tag_ == "VBN"
        or doc[i - 2].lower_ in ("'s", "’s"))


def _named_thing(mention: Span) -> bool:
    """"the rover, named Pragyan", "a storm called Ida": the name a kind of thing was given."""
    root = mention[-1]  # a name's last word heads it (Span.root needs a sound tree)
    verb = root.head
    return root.dep_ == "oprd" and verb.lemma_ in ("name", "call", "dub") and verb.dep_ == "acl" and \
        verb.head.lemma_.lower() in NAMED_THING_NOUNS


def _merge_people_typed_as_places(clusters: list[EntityCluster], model_types: dict[int, Counter]) -> None:
    """"Romelu Lukaku" read as a place, then "Lukaku" as a person: one person.

    A two- or three-word place whose last word is, alone, a person in
    the same article, and which has no place, facility or organisation head word, is that person.
    """
    people = {c.name: c for c in clusters if c.type == "Person" and len(c.name.split()) == 1}
    if not people:
        return
    for cluster in clusters:
        words = cluster.name.split()
        if cluster.type != "Place" or not 2 <= len(words) <= 3 or \
                not all(w[:1].isupper() and w.isalpha() for w in words) or \
                any(w.lower() in PLACE_HEADS or w.lower() in ORG_HEADS or w.lower() in FACILITY_HEADS for w in words):
            continue
        person = people.get(words[-1])
        if person is None or not person.mentions:
            continue
        cluster.type = "Person"
        cluster.mentions.extend(person.mentions)
        model_types[id(cluster)]["Person"] += len(person.mentions)
        person.mentions = []


def _drop_family_plurals(clusters: list[EntityCluster]) -> None:
    """"the Sams" after "Thomas Sam" and "Manju Sam": the family, neither a person nor a body."""
    surnames = {surname(c.name) for c in clusters if c.type == "Person" and len(c.name.split()) > 1}
    for cluster in clusters:
        if cluster.mentions and all(len(m) == 1 for m in cluster.mentions) and cluster.name.endswith("s") and \
                cluster.name[:-1] in surnames and cluster.type in ("Person", "Organization"):
            cluster.mentions = []


def _merge_short_forms(clusters: list[EntityCluster], model_types: dict[int, Counter]) -> None:
    """"US" and "America" in an article that also says "United States": one place, the full name."""
    by_name = {normalise_name(c.name): c for c in clusters if c.mentions and c.type != "Person"}
    for full, shorts in SHORT_FORMS.items():
        target = by_name.get(full)
        if target is None:
            continue
        for cluster in clusters:
            if cluster is not target and cluster.mentions and cluster.type != "Person" and \
                    cluster.name.lower() in shorts:
                target.mentions.extend(cluster.mentions)
                model_types[id(target)].update(model_types[id(cluster)])
                target.add_alias(cluster.name)
                cluster.mentions = []


_DOTTED_INITIALS = re.compile(r"^(?:[A-Z]\.){2,}$")


def _expands(short: list[str], full: list[str]) -> bool:
    """"East L.A." for "East Los Angeles": the same words, dotted initials standing for several."""
    if not short:
        return not full
    if not full:
        return False
    word = short[0]
    if _DOTTED_INITIALS.match(word):
        letters = word.replace(".", "")
        size = len(letters)
        return len(full) >= size and "".join(w[:1] for w in full[:size]) == letters and \
            _expands(short[1:], full[size:])
    return word == full[0] and _expands(short[1:], full[1:])


def _merge_initialled_places(clusters: list[EntityCluster], model_types: dict[int, Counter]) -> None:
    """"East L.A." in an article that also says "East Los Angeles": one place, the full name."""
    places = [c for c in clusters if c.type == "Place" and c.mentions]
    for short in places:
        words = short.name.split()
        if not any(_DOTTED_INITIALS.match(w) for w in words):
            continue
        longer = [c for c in places if c is not short and c.mentions and _expands(words, c.name.split())]
        if len(longer) == 1:
            _absorb(longer[0], short, model_types)


# What only a company has: "Brightpath shareholders", "Brightpath stock"
_SHAREHOLDING_WORDS = {"shareholders", "stockholders", "shares", "stock", "stake"}


def _merge_shortened_organisations(clusters: list[EntityCluster], model_types: dict[int, Counter],
                                   common_words: frozenset[str] = frozenset()) -> None:
    """"Andy Warhol Foundation" after (or before) "Andy Warhol Foundation for the Visual Arts", "Union
    Crest" after "Union Crest Bank": one."""
    # (with the companies the model read as places, whose last word says what they are: "North Star Health")
    orgs = [c for c in clusters if c.mentions and (c.type == "Organization" or (
        " " in c.name and (c.name.split()[-1] in COMPANY_MARKS or c.name.split()[-1].lower() in COMPANY_NAME_TAILS
                           or c.name.split()[0].lower() in _BODY_OPENERS)))]  # ("PT Bukit Asam" read as a person)
    for short in orgs:
        if len(short.name.split()) < 2:
            continue
        # "Name for/of/at/on ..." or "Name Corp": prefix tests (no regex compiled per pair)
        extended = tuple(f"{short.name} {word} " for word in ("for", "of", "at", "on"))
        # a name with its own mark is a company of its own ("Swiss Bank Corp", "Swiss Bank Corp International Ltd")
        marked = short.name.split()[-1] in COMPANY_MARKS
        longer = [c for c in orgs if c is not short and c.mentions and
                  (c.name.startswith(extended) or
                   (c.name.startswith(short.name + " ") and _company_tail(c.name[len(short.name) + 1:]) and
                    not (marked and c.name[len(short.name) + 1:] not in COMPANY_MARKS)))]
        if not longer:
            longer = [c for c in orgs if c is not short and c.mentions and _abbreviates(short.name, c.name)]
        if len(longer) == 1:
            _absorb(longer[0], short, model_types)
    # "Bukit Asam's president director" for "PT Bukit Asam", whatever the model read the short name as
    for full in [c for c in orgs if c.mentions and c.name.split()[0].lower() in _BODY_OPENERS]:
        rest = full.name.split()[1:]
        for short in [c for c in clusters if c is not full and c.mentions and c.name.split() == rest]:
            _absorb(full, short, model_types)
    # "Vennekamp said" for "Vennekamp Transport", whatever the model read the long name as: a first word
    # that is no English word, opening one longer name only
    openers = {c.name.split()[0] for c in clusters if " " in c.name and c.type != "Person" and c.mentions}
    dateline = clusters[0].mentions[0].doc._.ng_dateline if clusters and clusters[0].mentions else None
    filed_at = dateline.place_span if dateline is not None else None
    for short in [c for c in clusters if c.name in openers and c.mentions and c.name.istitle() and
                  not (filed_at and any(m.start_char == filed_at[0] for m in c.mentions)) and  # the dateline's town
                  len(c.mentions[0]) == 1 and _distinctive(c.mentions[0][0], common_words) and (
                      model_types[id(c)].most_common(1)[0][0] == "Organization" or any(
                          _company_context(m) or (m.root.dep_ == "nsubj" and m.root.head.lemma_ in SPEECH_VERBS)
                          for m in c.mentions))]:  # "Shares in Tollerud", "Tollerud said", read as a place
        longer = [c for c in clusters if c is not short and c.mentions and c.type != "Person" and
                  len(c.name.split()) > 1 and short.name in c.name.split()]
        if len(longer) == 1 and longer[0].name.split()[0] == short.name:  # not with "E.A. Viner Holdings" too
            _absorb(longer[0], short, model_types)
    # "Brightpath" for "Brightpath Systems": one word, when the rest is a company's last word (the model may
    # have read the word alone as a place, once at least as an organisation)
    for short in [c for c in clusters if c.mentions and " " not in c.name and c.name.istitle() and (
            c.type == "Organization" or (c.type == "Place" and (model_types[id(c)]["Organization"] or any(
                m.end < len(m.doc) and m.doc[m.end].lower_ in _SHAREHOLDING_WORDS for m in c.mentions) or
                any(_staff_after_possessive(m) for m in c.mentions))) or
            (c.type == "Person" and any(_company_context(m) for m in c.mentions)))]:
        longer = [c for c in orgs if c is not short and c.mentions and any(
            name.startswith(short.name + " ") and name[len(short.name) + 1:].lower() in COMPANY_NAME_TAILS
            for name in (c.name, *c.aliases))]  # "Sand" of "Sand Technology", now "Sand Technology Systems Inc"
        if len(longer) == 1:
            _absorb(longer[0], short, model_types)
    # "Niagara Mohawk said" after "Niagara Mohawk Power Co": the company's short name, read as a person's;
    # so is "Van Rijn" after "Van Rijn Group" when no mention reads as a person's
    for short in [c for c in clusters if c.type in ("Person", "Place") and c.mentions and " " in c.name]:
        longer = [c for c in clusters if c.mentions and c.name.startswith(short.name + " ") and (
                  (short.type == "Person" and c.name.split()[-1] in COMPANY_MARKS and
                   len(_REGION.sub("", c.name).split()) - len(short.name.split()) <= 3)
                  or (c.type == "Organization" and _company_tail(c.name[len(short.name) + 1:])
                      and any(_company_context(m) or _described_as_thing(m) for m in short.mentions)))]
        if len(longer) > 1:  # "Van Rijn, which owns ... Van Rijn Cargo" after "Van Rijn Group": the one named before
            first = min(m.start for m in short.mentions)
            longer = [c for c in longer if any(m.start < first for m in c.mentions)]
        if len(longer) == 1:
            _absorb(longer[0], short, model_types)



_REGION = re.compile(r" \([^()]*\)")  # "Nikko Securities Co (Europe) Ltd": the regional company's region


def _staff_after_possessive(mention: Span) -> bool:
    """"Tessaly's co-founder", "Tessaly's 140 employees": a firm's people, whatever the model read it as."""
    doc = mention.doc
    return mention.end < len(doc) and doc[mention.end].lower_ in ("'s", "’s") and any(
        t.lower_ in _FIRM_STAFF for t in doc[mention.end + 1:mention.end + 4])



def _company_tail(words: str) -> bool:
    """"Corp", "Bank", "Systems": the word a company's short name leaves out."""
    if words in COMPANY_MARKS or (words.istitle() and words.lower() in ORG_HEADS | COMPANY_NAME_TAILS):
        return True
    # "Publishers Inc", "Systems Corp": what the firm does, then its mark ("Harper and Row Publishers Inc")
    kind, _, mark = words.partition(" ")
    return mark in COMPANY_MARKS and kind.istitle() and (
        kind.lower() in ORG_HEADS | COMPANY_NAME_TAILS or (kind.endswith("ers") and len(kind) > 5))


def _absorb(target: EntityCluster, short: EntityCluster, model_types: dict[int, Counter]) -> None:
    """``short`` is another name of ``target``: its mentions, model types and name move over."""
    target.mentions.extend(short.mentions)
    model_types[id(target)].update(model_types[id(short)])
    target.add_alias(short.name)
    short.mentions = []


def _abbreviates(short: str, full: str) -> bool:
    """"LA Sheriff's office" for "Los Angeles Sheriff's office": initials, then the same words."""
    words, other = short.split(), full.split()
    head = words[0]
    if not (2 <= len(head) <= 3 and head.isupper() and head.isalpha()) or len(other) < len(head) + len(words) - 1:
        return False
    return "".join(w[0] for w in other[:len(head)]).upper() == head and other[len(head):] == words[1:] \
        and len(words) > 1


_SCORELINE = re.compile(r"(?<![\d.,])\d{1,2}\s*[–—-]\s*\d{1,2}(?!\d|[.,]\d|\s*%)")
_MATCH_VERBS = {"defeat", "beat", "face", "draw", "lose", "score", "thrash", "edge", "concede", "qualify", "tie"}
_TEAM_ROLES = {"coach", "goalkeeper", "captain", "manager", "striker", "midfielder", "defender", "squad", "team"}


# how a match verb names the other side: "lost to X", "beaten by X", "a win over X", "drew with X"
_OPPONENT_PREPOSITIONS = {"to", "by", "over", "against", "with", "versus", "vs", "vs."}


def _teams_named_by_place(doc: Doc, clusters: list[EntityCluster]) -> None:
    """In a match report, a country that plays is a team: an organisation ("Sweden beat Panama").

    Only when the text has a scoreline ("1 – 0"), and for a place that is the subject or
    object of a match verb, stands next to a score, or has a coach, captain or goalkeeper.
    """
    if not _SCORELINE.search(doc_text(doc)):
        return
    for cluster in clusters:
        if cluster.type != "Place" or not any(m.label_ == "GPE" for m in cluster.mentions):
            continue  # a country or city, not a stadium
        for mention in cluster.mentions:
            root, end = mention.root, mention.end
            verb = root.head if root.dep_ in ("nsubj", "dobj") else root.head.head if (
                root.dep_ == "pobj" and root.head.lower_ in _OPPONENT_PREPOSITIONS) else None  # not "won in Lyon"
            nxt = doc[end] if end < len(doc) else None
            after_possessive = None
            if nxt is not None and nxt.lower_ in ("'s", "’s") and end + 1 < len(doc):
                after_possessive = doc[end + 1]
            if (verb is not None and verb.lemma_ in _MATCH_VERBS) or (nxt is not None and nxt.is_digit and
                                                                     len(nxt.text) <= 2) or \
                    (nxt is not None and nxt.lower_ in _TEAM_ROLES) or \
                    (after_possessive is not None and after_possessive.lower_ in _TEAM_ROLES):
                cluster.type = "Organization"
                break


def _one_written_word(span: Span) -> bool:
    """One token, or words joined by hyphens or apostrophes with no space ("Okonjo-Reid", "O'Neill")."""
    return len(span) == 1 or (all(not t.whitespace_ for t in span[:-1]) and
                              all(t.is_alpha or t.text in ("-", "'", "’") for t in span))


def _person_by_surname(clusters: list[EntityCluster], word: str, middle: bool = True) -> EntityCluster | None:
    """The person a lone surname or first name stands for ("Tang" -> Daren Tang).

    When two people share the word ("Ahmed Mohamed", "Mohamed El-Hassan Mohamed") the one
    whose surname it is wins; it is a person either way, never an organisation.
    """
    matches = [
        c for c in clusters
        if c.type == "Person" and len(c.name.split()) > 1
        and (surname(c.name) == word or c.name.split()[0] == word)
    ]
    if len(matches) > 1:
        by_surname = [c for c in matches if surname(c.name) == word]
        matches = by_surname[:1] if by_surname else matches[:1]
    if not matches and middle:  # "Rosa Quispe Mendoza" ... "Quispe": the first of two surnames, as Spanish names go
        matches = [c for c in clusters if c.type == "Person" and len(c.name.split()) == 3
                   and c.name.split()[1] == word and len(word) > 2 and word.isalpha()]
    return matches[0] if len(matches) == 1 else None


def _short_company_name(name: str, word: str, type_: str) -> bool:
    """Whether one word is what a company named ``name`` is called for short: its first word before
    the mark ("Calny" for "Calny Inc", whatever the model typed it as), or the last word of a longer
    name ("Kodak" for "Eastman Kodak Co"; not a place: "America" is not "Bank of America Corp")."""
    words = name.split()
    if len(words) < 2 or words[-1] not in COMPANY_MARKS:
        return False
    if words[0] in (word + "'s", word + "’s"):
        return True  # "Moody's said" (the possessive split off) for "Moody's Investors Service Inc"
    if len(words) == 2:
        return words[0] == word
    return words[-2] == word and type_ != "Place" and words[-3].lower() not in ("of", "for", "and", "the", "&")


def _organisation_by_word(clusters: list[EntityCluster], word: str, following: str = "") -> EntityCluster | None:
    """"Meta" for "Meta Platforms", "the Commission" for "the European Commission"; a chamber only
    with its committee's noun after it ("Senate committee" for "Senate Committee on Energy")."""
    matches = [
        c for c in clusters
        if c.type == "Organization" and len(c.name.split()) > 1
        and ((c.name.split()[0] == word and (word.lower() not in _CHAMBERS or following in c.name.lower().split())
              and not _a_places_body(c.name))
             or (c.name.split()[-1] == word and (
            word.lower() in ORG_HEADS or c.name.split()[-2].lower() in ("of", "for"))))
    ]  # "the Commission", "Scientology" for "Church of Scientology"
    return _one_company(matches)


def _one_company(matches: list[EntityCluster]) -> EntityCluster | None:
    """The one organisation of ``matches``; "Kestrel Lighting" (a headline's) and "Kestrel Lighting
    Group" are one, merged later (the shorter is given); None for none or two."""
    if len(matches) > 1:
        shortest = min(matches, key=lambda c: len(c.name))
        if all(c.name.startswith(shortest.name + " ") for c in matches if c is not shortest):
            return shortest
    return matches[0] if len(matches) == 1 else None


def _a_places_body(name: str) -> bool:
    """"Peterborough City Council", "Leeds Council", "Kent Police": a place's own body, opened by the place's
    name (which alone is the place, not the body)."""
    words = name.lower().split()
    return words[1] in ("city", "county") or (
        len(words) == 2 and words[1] in ("council", "government", "police", "municipality"))

# A chamber's name opens the names of its committees: "the House" is not "House Ways and Means Committee"
_CHAMBERS = {"house", "senate", "congress", "parliament", "assembly", "duma", "knesset", "bundestag"}


def _looks_like_organisation(cluster: EntityCluster) -> bool:
    """A "person" that reads as an organisation: words only a company has around one of its
    names (see _company_context); or one word read as a body: "the Blues", "Huawei, BYD and Tencent"."""
    if _named_as_company(cluster):
        return True
    if any(len(m) > 1 for m in cluster.mentions):
        return False
    for mention in cluster.mentions:
        doc = mention.doc
        token = mention[0]
        if mention.start > 0 and doc[mention.start - 1].lower_ == "the" and not (
                token.dep_ == "compound" and token.head.i >= mention.end and token.head.is_lower):
            return True  # but in "the Reagan administration" the "the" is the administration's
        relatives = [token.head] if token.dep_ == "conj" else []
        relatives += [c for c in token.children if c.dep_ == "conj"]
        if any(t.ent_type_ == "ORG" for t in relatives):
            return True
        if re.search(r"[a-z][A-Z]", token.text):  # GeoNet, PayPal: camel case is a brand
            return True
    return False


_KIND_BEFORE_COMPANY = {"group", "company", "firm", "carrier", "operator", "retailer", "lender", "insurer",
                        "conglomerate", "supplier", "manufacturer", "haulier", "airline", "bank", "broker",
                        "brokerage", "chain", "subsidiary", "unit", "maker"}


_PEOPLE_MAKERS = {"lawmaker", "policymaker", "peacemaker", "filmmaker", "dressmaker", "playmaker", "kingmaker",
                  "matchmaker", "rainmaker", "troublemaker", "homemaker", "decision-maker", "film-maker"}


# What follows a company's name and "'s", never a person's ("Kestrel's chief financial officer")
_COMPANY_POSSESSIONS = {"ceo", "cfo", "coo", "shares", "stock", "subsidiary", "shareholders", "employees"}
_CHIEF_OFFICERS = {"executive", "financial", "operating", "technology", "technical", "marketing", "commercial"}
# (further from the name than _company_context looks, and founders too: the company is named in full
# elsewhere, so the signal may be weaker: see _staff_after_possessive)
_FIRM_STAFF = _COMPANY_POSSESSIONS | {"founder", "co-founder", "workforce"}


def _company_context(mention: Span) -> bool:
    """Words around a name that only a company has: a kind of company before it ("freight group
    Hallberg Logistik"), its shares after it ("Hallberg shares", "shares in Hallberg"; not "the
    Nancy stock exchange")."""
    doc = mention.doc
    before = doc[mention.start - 1] if mention.start > 0 else None
    if before is not None and before.is_lower and (before.lower_ in _KIND_BEFORE_COMPANY or (
            before.lower_.endswith("maker") and before.lower_ not in _PEOPLE_MAKERS)) and before.head.i >= mention.start:
        return True
    k = mention.end
    if k + 2 < len(doc) and doc[k].lower_ in ("'s", "’s") and (doc[k + 1].lower_ in _COMPANY_POSSESSIONS or (
            doc[k + 1].lower_ == "chief" and doc[k + 2].lower_ in _CHIEF_OFFICERS)):
        return True  # "Kestrel's chief financial officer", "Kestrel's shares" (not "Reagan's chief of staff")
    if k < len(doc) and doc[k].lower_ in _SHAREHOLDING_WORDS - {"stake"} and not (
            k + 1 < len(doc) and doc[k + 1].lower_ in ("exchange", "exchanges", "market", "markets", "index")):
        return True
    return mention.start >= 2 and doc[mention.start - 1].lower_ in ("in", "of") and \
        doc[mention.start - 2].lower_ in ("shares", "stock")


def _described_as_thing(mention: Span) -> bool:
    """"Van Rijn, which owns ...", "Van Rijn's supervisory board": said of a body, never of a person."""
    doc, k = mention.doc, mention.end
    if k + 1 < len(doc) and doc[k].text == "," and doc[k + 1].lower_ == "which":
        return True
    return k + 2 < len(doc) and doc[k].lower_ in ("'s", "’s") and (doc[k + 1].lower_ in _BODY_POSSESSIONS or (
        doc[k + 1].is_lower and doc[k + 2].lower_ in _BODY_POSSESSIONS))


_BODY_POSSESSIONS = _COMPANY_POSSESSIONS | {"board"}


def _named_as_company(cluster: EntityCluster) -> bool:
    """Company words around the cluster's full name, or around every name of it: "Taft shares" say
    nothing of Dudley Taft when the company is also called Taft."""
    longest = max(len(m) for m in cluster.mentions)
    return any(_company_context(m) for m in cluster.mentions if len(m) == longest)


def _named_in_dateline(cluster: EntityCluster) -> bool:
    dateline = cluster.mentions[0].doc._.ng_dateline if cluster.mentions else None
    if dateline is None or dateline.place_span is None:
        return False
    start, end = dateline.place_span
    return any(start <= m.start_char < end for m in cluster.mentions)


def _news_outlet(name: str) -> bool:
    """"Wikinews", "Euronews", "Sky News": a name ending in "news" is an outlet's."""
    words = name.lower().split()
    return bool(words) and words[-1].endswith("news") and (len(words) > 1 or len(words[-1]) > 5)


def _settle_type_and_name(cluster: EntityCluster, votes: Counter, defined: set) -> None:
    names = [m.text for m in cluster.mentions]
    long_names = [n for n in names if not is_acronym(n)] or names
    if cluster.type != "Person":
        cluster.name = max(long_names, key=lambda n: (len(n.split()), len(n)))
    else:
        cluster.name = max(names, key=lambda n: (len(n.split()), len(n)))
    if cluster.name in NEWS_AGENCIES or _news_outlet(cluster.name) or (
            cluster.type == "Person" and _looks_like_organisation(cluster)):
        # "in an interview with Reuter", "told Wikinews": the agency, never a person or a place
        cluster.type = "Organization"
    elif cluster.type != "Person" or votes.get("Person", 0) == 0:
        model_type = cluster.type if cluster in defined else votes.most_common(1)[0][0]
        if model_type == "Other" and votes.get("Organization", 0) >= votes["Other"]:
            model_type = "Organization"  # "Facebook" read once as a product, once heading a "co-founder"
        cluster.type = type_from_head(cluster.name, model_type)
        if cluster.type == "Person" and _named_as_company(cluster):
            cluster.type = "Organization"  # "freight group Hallberg Logistik", read mostly as a person
    words = cluster.name.split()
    if cluster.type in ("Organization", "Person") and len(words) == 1 and votes.get("Place") and \
            _named_in_dateline(cluster):
        cluster.type = "Place"  # "Milton council" in the headline, "MILTON, Ontario —": the town
    if len(words) > 1 and (words[-1] in COMPANY_MARKS or (words[-1].istitle() and words[-1].lower() in COMPANY_NAME_TAILS)
                           or words[0].lower() in _BODY_OPENERS):
        # "Paradyne Corp", "Ted Bates Worldwide", "Banque Generale", however often the model read a person
        cluster.type = "Organization"
    elif len(words) > 1 and cluster.type == "Person":
        last = words[-1].lower()
        if last in CLUB_NAME_TAILS:
            cluster.type = "Organization"  # "Redcastle United moved clear": a club
        elif last in STREET_HEADS:
            cluster.type = "Place"  # "Cedar Street"
        elif last.rstrip("s") in _AWARDS:
            cluster.type = "Other"  # "The festival's Audience Award went to ..."
        elif last in ("town", "city", "county"):
            # "Ashvale Town", "Harlow County": a club when the model once read a body, else a place
            cluster.type = "Organization" if votes.get("Organization") else "Place"
    if len(words) > 1 and words[0].lower() in _STORM_WORDS:
        cluster.type = "Other"  # "Cyclone Amara", "Hurricane Ida": weather, not a person or a body
    elif cluster.type == "Other" and words[-1].lower() in ("programme", "program") and (
            any(is_acronym(alias) for alias in cluster.aliases) or any(
                _root(m).dep_ == "nsubj" and _root(m).head.lemma_ in SPEECH_VERBS for m in cluster.mentions)):
        # "World Food Programme (WFP)", "The World Food Programme said": a UN agency, not a plan
        cluster.type = "Organization"
    if cluster.type == "Organization" and words[-1].lower() not in ORG_HEADS and \
            all(_named_as_award(m) for m in cluster.mentions):
        cluster.type = "Other"  # "won the Golden Amber, the top award of ...", "the Golden Amber prize"
    if cluster.name.isupper() and cluster.type == "Place" and (len(cluster.name) > 5 or _named_in_dateline(cluster)):
        cluster.name = cluster.name.title()  # "BRUSSELS", "ROME" in a dateline (but "USSR" elsewhere stays)
    for text in names:
        cluster.add_alias(text)
    _add_name_variants(cluster)


def _named_as_award(mention: Span) -> bool:
    """A name said to be an award: by the word after it or by its apposition (not by "festival" or
    "conference" after it: "a United Nations conference")."""
    doc = mention.doc
    if mention.end < len(doc) and doc[mention.end].is_lower and doc[mention.end].lemma_ in _AWARDS | {"index"}:
        return True  # (and "the benchmark KOSPI index": a measure, not a body)
    return any(c.dep_ == "appos" and c.lemma_ in _AWARDS for c in mention[-1].children)


_AWARDS = {"award", "prize", "medal", "trophy"}
_STORM_WORDS = {"cyclone", "hurricane", "typhoon", "storm"}


_LABEL_WORDS = ("Records", "Recordings")  # "ABC Records" is "ABC" on a record's sleeve and in its artists' news


def _add_name_variants(cluster: EntityCluster) -> None:
    """Aliases users will search for: without a possessive, "X of Place" for "Place's X", and a record
    label's name without "Records"."""
    words = cluster.name.split()
    if cluster.type == "Organization" and len(words) >= 2 and words[-1] in _LABEL_WORDS:
        cluster.add_alias(" ".join(words[:-1]))
    if cluster.type == "Person" and len(words) >= 2 and words[0].lower() in REIGNING_TITLES:
        cluster.add_alias(" ".join(words[1:]))  # "King Abdullah" is also searched for as "Abdullah"
    for alias in [cluster.name, *cluster.aliases]:
        match = _POSSESSIVE_NAME.match(alias) if "'s" in alias or "’s" in alias else None
        if match:
            place, rest = match.groups()
            cluster.add_alias(f"{place} {rest}")
            cluster.add_alias(rest)
            cluster.add_alias(f"{rest} of {place}")


@Language.factory(
    "newsgraph_entities",
    requires=["doc.ents", "token.ent_type", "doc._.ng_dateline"],
    assigns=["doc._.ng_entities", "doc._.ng_token_entity"],
)
def make_entity_linker(nlp: Language, name: str) -> EntityLinker:
    return EntityLinker(nlp, name)
