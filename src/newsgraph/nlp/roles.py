"""Roles: who holds which position where.

News names a role in a handful of shapes around a person's name, all handled here
over tokens, entity types and the dependency parse:

* after the name:   "Daren Tang, director general of WIPO"; "Ding Li, an economics
  researcher at the Guangdong Academy"; "X, WIPO's director general"; "X, who heads Y";
  "X is the chief executive of Y"; "X was named chief executive of Y"
* before the name:  "WIPO director general Daren Tang"; "WIPO's director general,
  Daren Tang"; "Senator X" (no organisation: organisation stays None)
* without commas (captions, wire copy stripped of punctuation): "X former leader of the
  notorious Y", "X Y president", "X chief executive officer Y", "Sen. X of Ohio"
* by verb: "Y is owned by X", "X assumed command of Y", "X resigned as president of Y",
  "Y promoted X to chief executive", "the Y under General X"
* by affiliation (no title; the role the verb implies): "X joined Y", "X, who coaches at Y", "X was hired
  by Y", "X is signed to Y", "X played bass in Y", "X's contract with Y", "an album by X released by Y",
  "the Continental Army under X"; such a role gives way to a title at the same organisation

A nationality on a title ("the Moroccan ambassador") gives the title's jurisdiction when the
article names that country as a Place; a place is never invented from a nationality.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from spacy.attrs import LOWER
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .facts import (
    ORG_POSSESSIVES,
    ORG_REFERENCE_NOUNS,
    EntityCluster,
    RoleFact,
    entity_at,
    head_token,
    previous_subject_token,
    resolve_organization,
    story_company,
    tokens_where,
)
from .lexicon import (
    AFFILIATION_OBJECTS,
    AFFILIATION_PASSIVE_VERBS,
    AFFILIATION_VERBS,
    BRIEF_TITLES,
    CORPORATE_TITLE_WORDS,
    DESCRIPTIVE_ROLE_WORDS,
    HEAD_OF_STATE_TITLES,
    HONORIFICS,
    MEDIA_HEADS,
    OFFICE_TITLES,
    ORG_HEADS,
    PARTY_LABELS,
    PARTY_SEATS,
    PLURAL_TITLE_ABBREVIATIONS,
    PORTFOLIO_WORDS,
    POSTNOMINAL_TITLES,
    RANK_WORDS,
    REIGNING_TITLES,
    ROLE_MODIFIERS,
    ROLE_NOUNS,
    ROLE_QUALIFIERS,
    ROLE_VERBS,
    SETTLEMENT_NOUNS,
    SPEECH_VERBS,
    TENURE_WORDS,
    TITLE_ABBREVIATIONS,
    TITLE_WORDS,
    WORK_NOUNS,
)
from .relations import is_demonym_of

_ROLE_SUFFIX = re.compile(r"(er|or|ist|ian|ant|ent|eer|ee|man|woman|person|ary|ive)s?$")
_ORG_PREPS = {"of", "at", "for", "with", "in"}
_ARTICLES = {"a", "an", "the"}
_COPULAS = {"be", "become", "remain", "serve", "name", "appoint", "elect", "swear", "work", "act", "install"}
_LINKS = {"and", "&", "-", "/"}
_ADVERBS = {"also", "now", "currently", "still", "later"}  # between a name and its apposition
_NOT_ROLES = {"people", "person", "others", "percent", "year", "years", "time", "times", "government",
              "city", "country", "region", "company", "firm", "group", "center", "centre", "order",
              "part", "members", "market", "event", "statement", "interview", "report",
              # kinship and residence say who someone is to someone, not a position they hold
              "father", "mother", "son", "daughter", "brother", "sister", "wife", "husband", "widow",
              "widower", "uncle", "aunt", "nephew", "niece", "cousin", "grandfather", "grandmother",
              "grandson", "granddaughter", "parent", "parents", "child", "children", "stepfather",
              "stepmother", "fiancee", "fiance", "boyfriend", "girlfriend", "resident", "residents",
              # and so do sex and age: "an Australian woman" is not a title
              "woman", "women", "man", "men", "girl", "boy", "teenager", "lady", "gentleman",
              "volunteer", "volunteers",  # unpaid help, not a post
              "chapter", "branch", "division",  # parts of a body, not posts
              # what someone did or was to others, not a post they hold
              "newcomer", "winner", "loser", "challenger", "predecessor", "successor", "supporter", "follower",
              "voter", "protester", "protestor", "user", "customer", "consumer", "viewer", "reader", "listener",
              "passenger", "prisoner", "survivor", "attacker", "shooter", "bystander", "neighbour", "neighbor",
              "admirer", "pursuer", "talent", "opponent", "rival",
              # nouns the role suffixes catch that name no post: "the fall of power X", "of Lebanese descent X",
              # "a native of Y", "his military career"
              "power", "disaster", "career", "native", "natives", "descent", "ancestry", "descendant", "descendants",
              "descendent", "family", "subsidiary", "moniker", "appointment", "retirement", "agreement", "number",
              "filibuster", "recipient", "defendant", "character",
              # praise and kinds of thing the suffixes catch: "a giant of jazz", "an element"
              "giant", "giants", "legend", "icon", "element", "elements", "component", "content", "plant", "plants"}


_MAX_ROLE_WORDS = 6
# What makes someone the first of their kind in a post, not the post: "its first female chief executive"
_FIRST_OF_KIND = {"female", "male", "woman", "black", "openly", "gay", "elected", "non-white"}
# Participles that are part of a title: "managing director", "presiding judge", "commanding officer";
# and "acting", which says how the post is held as a qualifier ("acting mayor": mayor, acting)
_TITLE_PARTICIPLES = {"managing", "presiding", "operating", "consulting", "visiting", "commanding", "supervising",
                      "founding", "coordinating", "investigating", "reigning", "governing", "acting"}


# Titles only companies and organisations have: their holder's "place" is a company the model mistyped
_PRONOUNS = {"its", "their", "his", "her", "our", "my", "your", "this", "that", "these", "those"}
_DEMONYM = re.compile(r"(an|ian|ean|ese|ish|i|ic|ch)$")


def _is_demonym(token: Token) -> bool:
    """"Chinese", "English", "South African", "Perth-based": where someone is from, not what they do."""
    if token.ent_type_ in ("NORP", "LANGUAGE"):
        return token.lower_ not in PORTFOLIO_WORDS  # "the Crown prosecutor": a brief, whatever the model says
    if token.lower_.endswith("-based") or (token.i + 2 < len(token.doc) and token.nbor().text == "-"
                                           and token.nbor(2).lower_ == "based"):
        return True
    return token.is_title and token.pos_ in ("ADJ", "PROPN") and bool(_DEMONYM.search(token.lower_)) \
        and token.lower_ not in ROLE_NOUNS and token.lower_ not in PORTFOLIO_WORDS


def _is_modifier(token: Token) -> bool:
    """A word that can qualify a role: "economics" researcher, "railways" minister, "Minority" Leader."""
    if token.is_lower and token.lower_ in _NOT_ROLES and token.dep_ == "compound" and token.head.i > token.i and \
            token.head.is_lower and (is_role_head(token.head) or token.head.dep_ == "compound") and (
                _ROLE_SUFFIX.search(token.lower_) or (token.lower_ == "country" and token.head.lower_ not in OFFICE_TITLES)):
        # "disaster management coordinator", "power station manager": a word the suffixes would take for a
        # post (kept out of titles' heads for that) naming the post's field; an agency's "country director"
        # (but a "city mayor" is a mayor)
        return True
    if not token.is_alpha or token.lower_ in _NOT_ROLES or token.lower_ in _PRONOUNS or _is_demonym(token):
        return False  # "Chinese Premier X": a nationality says where, not what
    if token.ent_type_ in ("DATE", "TIME"):
        return False  # "last November President X": when, not what
    if token.is_lower:
        following = token.nbor() if token.i + 1 < len(token.doc) else None
        return token.pos_ in ("NOUN", "ADJ") or (  # "chief operating officer", "managing director"
            token.lower_ in _TITLE_PARTICIPLES and following is not None and is_role_word(following))
    if token.is_sent_start:  # the capital says nothing here; taggers often call it PROPN
        return token.pos_ in ("NOUN", "ADJ", "PROPN")
    # capitalised inside a title: "Senate Minority Leader", "Foreign Minister", "Presiding Judge"
    following = token.nbor() if token.i + 1 < len(token.doc) else None
    if token.is_title and token.lower_ in _TITLE_PARTICIPLES and following is not None and is_role_word(following):
        return True
    return token.is_title and token.pos_ in ("NOUN", "ADJ", "PROPN") and following is not None and \
        (following.is_title or token.lower_ in PORTFOLIO_WORDS) and \
        (is_role_word(following) or _is_modifier_lower(following) or
         (token.lower_ in PORTFOLIO_WORDS and following.lower_ in PORTFOLIO_WORDS))  # "the Crown prosecutor",
    # "Homeland Security Secretary"


def _is_modifier_lower(token: Token) -> bool:
    return token.is_alpha and token.pos_ in ("NOUN", "ADJ") and token.lower_ not in _NOT_ROLES


def _singular(token: Token) -> str:
    """A plural title's singular: the lemma, or, for capitalised plurals the lemmatizer kept ("Mayors",
    "Justices"), the word without its "s"."""
    lemma = token.lemma_.lower()
    if lemma != token.lower_:
        return lemma
    if token.tag_ == "NNPS" and token.lower_.endswith("s") and token.lower_[:-1] in ROLE_NOUNS:
        return token.lower_[:-1]
    return lemma


def _plural_of_role(token: Token) -> bool:
    """"athletes", "councillors", "Mayors": a plural whose singular is a known title."""
    return token.tag_ in ("NNS", "NNPS") and _singular(token) != token.lower_ and _singular(token) in ROLE_NOUNS


def is_role_word(token: Token) -> bool:
    lower = token.lower_
    if lower in TITLE_ABBREVIATIONS or _plural_of_role(token):
        return True
    if token.lemma_.lower() in _NOT_ROLES:  # "newcomers"
        return False
    if lower in _NOT_ROLES or (not token.is_alpha and "-" not in lower):
        return False
    if lower in ROLE_NOUNS or lower in ROLE_MODIFIERS:
        return True
    return token.pos_ == "NOUN" and bool(_ROLE_SUFFIX.search(lower)) and len(lower) > 4 and not lower.endswith(_NOT_TITLE_ENDINGS)


_NOT_TITLE_ENDINGS = ("ment", "ments")  # "management", "statement": the "-ent" of "agent" without a person
_HEAD_MODIFIERS = {"chief", "general", "executive", "principal"}  # modifiers that also stand alone as titles


def is_role_head(token: Token) -> bool:
    lower = token.lower_
    if lower in TITLE_ABBREVIATIONS or _plural_of_role(token):
        return True
    if token.lemma_.lower() in _NOT_ROLES:
        return False
    if lower in ROLE_NOUNS and lower not in ROLE_MODIFIERS - _HEAD_MODIFIERS:
        return True
    return token.pos_ == "NOUN" and lower not in _NOT_ROLES and lower not in ROLE_MODIFIERS and \
        bool(_ROLE_SUFFIX.search(lower)) and len(lower) > 4 and not lower.endswith(_NOT_TITLE_ENDINGS)


def _free(doc: Doc, i: int) -> bool:
    """Token i is a plain word: not part of any entity."""
    return entity_at(doc, i) is None


def _org_entity(cluster: EntityCluster | None) -> EntityCluster | None:
    return cluster if cluster is not None and cluster.type in ("Organization", "Place") else None


def _entity_span_end(doc: Doc, i: int) -> int:
    """Index after the entity mention that starts at token i."""
    cluster = entity_at(doc, i)
    for mention in cluster.mentions if cluster is not None else ():
        if mention.start <= i < mention.end:
            return mention.end
    return i + 1


def _entity_span_start(doc: Doc, i: int) -> int:
    cluster = entity_at(doc, i)
    for mention in cluster.mentions if cluster is not None else ():
        if mention.start <= i < mention.end:
            return mention.start
    return i


def _title_word(token: Token) -> bool:
    """A word that can end an "of"-phrase inside a title: "of state", "for trade policy"."""
    if not token.is_alpha or (token.is_stop and token.lower_ not in PORTFOLIO_WORDS) or \
            entity_at(token.doc, token.i) is not None:
        return False
    if token.is_lower:
        return token.pos_ in ("NOUN", "ADJ", "PROPN") and token.lower_ not in _NOT_ROLES
    return token.lower_ in PORTFOLIO_WORDS or token.ent_type_ in ("LANGUAGE", "NORP") or (  # "professor of English"
        token.is_title and token.tag_ in ("NNP", "NN") and not token.is_sent_start
        and token.i > 0 and token.doc[token.i - 1].lower_ in ("of", "for") and token.i - 2 >= 0
        and token.doc[token.i - 2].is_title and is_role_head(token.doc[token.i - 2])) or (  # "Controller of Drama"
        token.is_title and token.lower_ in ORG_HEADS and token.i > 1 and token.doc[token.i - 1].lower_ in PORTFOLIO_WORDS
        and token.doc[token.i - 1].is_title and token.doc[token.i - 2].lower_ in ("of", "for"))  # "of State Administration"


def _brief_goes_on(doc: Doc, i: int, limit: int) -> bool:
    """After a comma in a brief: more portfolios, ending in "and" and one more ("fisheries and food")."""
    for k in range(i, min(limit, i + 6)):
        if doc[k].lower_ in ("and", "&"):
            return k + 1 < limit and doc[k + 1].lower_ in PORTFOLIO_WORDS
        if doc[k].lower_ not in PORTFOLIO_WORDS and doc[k].text != ",":
            return False
    return False


def _title_before_title(doc: Doc, person_start: int, sentence_start: int) -> tuple[str, EntityCluster | None] | None:
    """"Police spokeswoman Sgt. X", "the UN envoy for the region, Ambassador X", "Acme's chief negotiator,
    former minister X": a second title read before the one that stands right before the name."""
    k, heads = person_start, 0
    while k - 1 > sentence_start and person_start - k < 5 and _free(doc, k - 1) and (
            is_role_word(doc[k - 1]) or doc[k - 1].lower_ in ROLE_QUALIFIERS or doc[k - 1].lower_ in HONORIFICS or
            doc[k - 1].lower_ in TITLE_ABBREVIATIONS):
        head = is_role_head(doc[k - 1]) or doc[k - 1].lower_ in TITLE_ABBREVIATIONS
        if head and heads:
            break  # the title right before the name ends here; another starts
        heads += head
        k -= 1
    if k == person_start or not heads or not (doc[k - 1].text == "," or doc[k].lower_ in TITLE_ABBREVIATIONS) or \
            doc[k - 1].lower_ in TITLE_ABBREVIATIONS or doc[k - 2].lower_ == "official":
        # one title of several words ("chief executive officer X", "Lt. Col. X"), a list read already, or
        # the story's word for the person ("the official, Assistant Secretary X")
        return None
    first = k - (doc[k - 1].text == ",")
    while first - 1 >= sentence_start and is_role_word(doc[first - 1]):
        first -= 1
    if first - 1 >= sentence_start and doc[first - 1].lower_ in ("his", "her", "my", "your", "their", "our"):
        return None  # "his boss Adm. X": whom he answers to, not his post
    return read_role_before(doc, k, sentence_start)


def _extend_title(doc: Doc, i: int, limit: int) -> int:
    """Index after the title's own complement that starts at token i, or i.

    "secretary | of state", "deputy assistant secretary | for trade policy", "editor | at
    large", "professor | of photography": at most three plain words, no article, no entity.
    """
    if i + 1 < limit and doc[i].lower_ == "at" and doc[i + 1].lower_ == "large":
        return i + 2
    if i + 1 < limit and doc[i].lower_ in ("of", "for", "in"):
        j = i + 1
        if j + 1 < limit and doc[j].lower_ == "the" and doc[j + 1].is_title and doc[j + 1].lower_ in PORTFOLIO_WORDS:
            j += 1  # "minister of the Interior"
        start = j
        while j < limit and j - i <= 4 and _title_word(doc[j]):
            j += 1
        while j > start and j + 1 < limit and doc[j].lower_ in ("for", "and", "&", ",") and \
                doc[j - 1].lower_ in PORTFOLIO_WORDS and doc[j + 1].lower_ in PORTFOLIO_WORDS and \
                _title_word(doc[j + 1]) and (doc[j].text != "," or _brief_goes_on(doc, j + 1, limit)):
            # "secretary of state | for culture", "minister of state | for trade and industry",
            # "minister of agriculture, | fisheries and food"
            j += 1
            while j < limit and j - i <= 8 and _title_word(doc[j]):
                j += 1
        if j > start and not (j < limit and (doc[j].lower_ == "'s" or (doc[j].pos_ in ("NOUN", "PROPN")
                                              and doc[j].is_alpha and entity_at(doc, j) is None))) \
                and not (doc[j - 1].lower_ in _BODY_KINDS and j < limit and entity_at(doc, j) is not None):
            return j  # not "member | of Christian metal band Living Sacrifice": that names the body
    return i


# Nouns that say what kind of body the name after them is: "the Chicago band Red Red Meat"
_BODY_KINDS = {"band", "group", "party", "team", "club", "label", "company", "firm", "outfit", "duo", "trio",
               "quartet", "ensemble", "orchestra", "choir", "organization", "organisation", "movement",
               "newspaper", "magazine", "network", "channel", "studio", "airline", "bank", "agency"}


# Kinds of body whose name may be a place's ("the band Europe", "the club Chicago")
_NAMED_KINDS = {"band", "group", "duo", "trio", "quartet", "ensemble", "orchestra", "team", "club", "label"}


def _described_org(doc: Doc, j: int, limit: int) -> tuple[EntityCluster, int] | None:
    """An organisation named after descriptors at token j: "the notorious | Revolutionary United Front",
    "the Chicago band | Red Red Meat", "center-right | DISY party", "the Scottish pop group | Wet Wet Wet"."""
    k = j
    kind = False
    while k < limit and k - j < 6:
        cluster = entity_at(doc, k)
        if cluster is None and doc[k].text == "The" and k > j and k + 1 < limit and entity_at(doc, k + 1) is not None:
            k += 1  # "the Irish rock band The Drowned Hours": the band's own "The"
            continue
        if cluster is None:
            token = doc[k]
            if token.text == "-" or (token.is_lower and token.is_alpha and token.pos_ in ("ADJ", "NOUN", "ADV")
                                     and token.lower_ not in _ORG_PREPS) or _is_demonym(token):
                kind = kind or token.lower_ in _BODY_KINDS
                k += 1
                continue
            return None
        named = k > j and doc[k - 1].lower_ in _NAMED_KINDS  # "the rock band Europe": the band, not the place
        if cluster.type == "Place" and not named and k + 1 < limit \
                and entity_at(doc, _entity_span_end(doc, k)) is None and doc[_entity_span_end(doc, k)].is_lower:
            k = _entity_span_end(doc, k)  # "the Chicago band": where the body is from
            continue
        if cluster.type == "Place" and _entity_span_end(doc, k) + 1 < limit \
                and doc[_entity_span_end(doc, k)].lower_ in _POSSESSIVE_MARKS:
            k = _entity_span_end(doc, k) + 1  # "chairman of Hong Kong's Democratic Party"
            continue
        break
    if k == j or k >= limit:
        return None
    cluster = entity_at(doc, k)
    if cluster is None:
        return None
    end = _entity_span_end(doc, k)
    kind_word = doc[k - 2] if doc[k - 1].text == "The" and k - 2 >= j else doc[k - 1]
    if (cluster.type == "Other" and kind and kind_word.lower_ in _BODY_KINDS) or (
            cluster.type in ("Place", "Person") and kind_word.lower_ in _NAMED_KINDS
            and (end >= limit or doc[end].pos_ in ("PUNCT", "ADP", "CCONJ"))):  # not "the team Smith coached"
        # "the band Red Red Meat", "rock band Europe", "rock band Queen": a body the model took for a
        # thing, a place or a person
        cluster.type = "Organization"
    if cluster.type != "Organization":
        return None
    return cluster, end


def _in_chief(doc: Doc, i: int, limit: int) -> int:
    """"commander-in-chief", "editor-in-chief": the role goes on through "-in-chief"."""
    if i + 3 < limit and doc[i].text == "-" and doc[i + 1].lower_ == "in" and doc[i + 2].text == "-" \
            and doc[i + 3].lower_ == "chief":
        return i + 4
    return i


def _reference_org(doc: Doc, i: int, limit: int) -> tuple[EntityCluster | None, int]:
    """An organisation named at token i, or referred to there ("its", "the agency"): (org, end)."""
    cluster = entity_at(doc, i)
    if cluster is not None:
        return _org_entity(cluster), _entity_span_end(doc, i)
    if doc[i].lower_ in ORG_POSSESSIVES:
        return resolve_organization(doc, i), i + 1
    k = i
    while k + 1 < limit and k - i < 2 and doc[k].is_lower and doc[k].is_alpha and doc[k].pos_ in ("ADJ", "NOUN") and \
            doc[k].lower_ not in ORG_REFERENCE_NOUNS and doc[k].head.i > k:
        k += 1  # "the central bank", "the state oil company": the words that say which
    if doc[k].lower_ in ORG_REFERENCE_NOUNS and doc[k].is_lower and i > 0 and doc[i - 1].lower_ == "the":
        org = resolve_organization(doc, k)
        if k == i or (org is not None and doc[k].lower_ in org.name.lower().split()):
            return org, k + 1  # not "the executive committee" for the company: a body inside it
    return None, i


def _titles_the_next_name(doc: Doc, end: int, limit: int) -> bool:
    """A title read after one name ends right where the next person's name starts: it is that
    person's ("A, Secretary of State B")."""
    if end >= limit or not is_role_word(doc[end - 1]):
        return False
    following = entity_at(doc, end)
    return following is not None and following.type == "Person"


def _role_words_end(doc: Doc, i: int, start: int, limit: int, longest: int) -> int:
    """Where the title's own words, read from token i (the title starting at ``start``), end."""
    while i < limit and i - start < longest and _free(doc, i) and (
            is_role_word(doc[i]) or _is_modifier(doc[i]) or
            (doc[i].lower_ in _LINKS and i > start and i + 1 < limit and (is_role_word(doc[i + 1]) or (
                i + 2 < limit and doc[i + 1].is_lower and _is_modifier(doc[i + 1]) and is_role_head(doc[i + 2])))) or
            # "a singer, songwriter and music producer": a list of titles, "and" before the last
            (doc[i].text == "," and i > start and i + 1 < limit and is_role_head(doc[i - 1]) and
             is_role_word(doc[i + 1]) and any(doc[k].lower_ in ("and", "&") for k in range(i + 2, min(limit, i + 5))))):
        i += 1
    return i


def _persons_name_owns(doc: Doc, i: int, limit: int) -> bool:
    """A person's name starts at token i and a possessive follows it ("Albers's lawyer")."""
    cluster = entity_at(doc, i)
    end = _entity_span_end(doc, i)
    return cluster is not None and cluster.type == "Person" and _entity_span_start(doc, i) == i and end < limit \
        and doc[end].lower_ in _POSSESSIVE_MARKS


def read_role_after(doc: Doc, i: int, limit: int) -> tuple[str, EntityCluster | None, int] | None:
    """Read "[a|the] [ORG['s]|its] role words [of state] [of|at ORG]" starting at token i.

    Returns (role, organisation, end index) or None when no role phrase starts there.
    """
    org = None
    if i + 1 < limit and doc[i].like_num and doc[i + 1].text == ",":
        i += 2  # "Jane Doe, 54, a construction worker": skip the age
    if i + 1 < limit and doc[i].lower_ in _ADVERBS:
        i += 1  # "X (now President of Mozambique)", "X also a musician and member of Y"
    if i < limit and doc[i].lower_ in _ARTICLES:
        i += 1
    age = [t.lower_ for t in doc[i:min(i + 5, limit)]]
    if len(age) == 5 and doc[i].like_num and age[1:] in (["-", "year", "-", "old"], ["-", "years", "-", "old"]):
        i += 5  # "a 44-year-old former judge": the age, then the post
    while i + 1 < limit and (doc[i].tag_ == "VBG" or (doc[i].pos_ == "VERB" and doc[i].lower_.endswith("ing"))) \
            and doc[i].is_lower and _free(doc, i) and is_role_word(doc[i + 1]) and doc[i].lower_ not in _TITLE_PARTICIPLES:
        i += 1  # "a practising homeopath": how the post is held, not the post (but "managing director" is one)
    while i + 1 < limit and doc[i].lower_ in TENURE_WORDS and doc[i].is_lower and _free(doc, i):
        i += 1  # "the current prime minister", "the longtime mayor", "the de facto leader"
    while i + 1 < limit and doc[i].is_lower and (doc[i].tag_ == "JJS" or (
            doc[i].pos_ == "ADJ" and doc[i].lower_.endswith("est") and len(doc[i]) > 5)):
        i += 1  # "the youngest Legislative Council member"
    while i + 1 < limit and entity_at(doc, i) is None and (doc[i].ent_type_ == "ORDINAL" or (
            doc[i].lower_ in ("year", "-") and i > 0 and doc[i - 1].ent_type_ == "ORDINAL")):
        i += 1  # "a second year USI art major"
    if i < limit and entity_at(doc, i) is not None and entity_at(doc, i).type == "Place":  # type: ignore[union-attr]
        end = _entity_span_end(doc, i)
        if end + 1 < limit and doc[end].text == "-" and doc[end + 1].lower_ == "based":
            i = end + 2  # "a Gaza-based Hamas leader"
    while i < limit and _free(doc, i) and (_is_demonym(doc[i]) or doc[i].text == "-" or doc[i].lower_ == "based"
                                           or doc[i].ent_type_ == "ORDINAL" or (
                                               doc[i].lower_ in TENURE_WORDS and doc[i].is_lower
                                               and i + 1 < limit) or (
                                               # "the third and current", "the self-appointed President"
                                               doc[i].lower_ == "and" and i > 0 and i + 1 < limit
                                               and (doc[i - 1].ent_type_ == "ORDINAL"
                                                    or doc[i - 1].lower_ in TENURE_WORDS)
                                               and doc[i + 1].lower_ in TENURE_WORDS) or (
                                               doc[i].is_lower and doc[i].is_alpha and i + 2 < limit
                                               and doc[i + 1].text == "-" and doc[i + 2].tag_ == "VBN") or (
                                               doc[i].tag_ == "VBN" and doc[i].is_lower and i > 0
                                               and doc[i - 1].text == "-") or (
                                               doc[i].is_lower and doc[i].pos_ == "ADJ" and i + 1 < limit
                                               and _is_demonym(doc[i + 1])) or (
                                               doc[i].lower_ in ("/", "and") and i > 0 and _is_demonym(doc[i - 1])
                                               and i + 1 < limit and _is_demonym(doc[i + 1]))):
        i += 1  # "an American actress", "a Worcester-based composer", "the 32nd President"
    then = i < limit and doc[i].lower_ == "then"
    if then:  # "the then president", "then-president"
        i += 2 if i + 1 < limit and doc[i + 1].text == "-" else 1
    qualifier = ""
    if i + 1 < limit and doc[i].lower_ in ROLE_QUALIFIERS and _free(doc, i) and entity_at(doc, i + 1) is not None:
        qualifier, i = doc[i].lower_ + " ", i + 1  # "former Los Angeles mayor": the place names the title
    if i + 1 < limit and doc[i].is_lower and doc[i].pos_ == "ADJ" and _free(doc, i) \
            and entity_at(doc, i + 1) is not None and entity_at(doc, i + 1).type == "Organization":  # type: ignore[union-attr]
        i += 1  # "a top RCTV executive", "the next UN chief"
    if i + 2 < limit and doc[i].lower_ in ("no.", "no", "number") and (doc[i + 1].like_num or (
            doc[i + 1].text == "." and i + 3 < limit and doc[i + 2].like_num)):
        i += 2 if doc[i + 1].like_num else 3  # "the No. 2 official at the State Department": a rank, not the post
    owner_end = i  # where the owner ("its", "the company's", "Acme's") ends, when one is named
    modifier_owner = False
    k = i
    while k + 3 < limit and k - i < 2 and doc[k].is_lower and doc[k].is_alpha and doc[k].pos_ in ("ADJ", "NOUN") and \
            _free(doc, k) and doc[k].lower_ not in ORG_REFERENCE_NOUNS:
        k += 1  # "the central bank's governor": the words that say which bank
    if k > i and doc[k].lower_ in ORG_REFERENCE_NOUNS and doc[k].is_lower and doc[k + 1].lower_ in _POSSESSIVE_MARKS:
        i = k
    if i < limit and doc[i].lower_ in ORG_POSSESSIVES:
        org, i = resolve_organization(doc, i), i + 1
    elif i + 2 < limit and doc[i].is_lower and _free(doc, i) and doc[i + 1].lower_ in _POSSESSIVE_MARKS and \
            doc[i].lower_ in ORG_REFERENCE_NOUNS | SETTLEMENT_NOUNS | {"country", "nation"}:
        # "X, the company's chief executive": the body it points back to; "X the city's longtime mayor":
        # the place is left for the reader (no Place is guessed)
        org = resolve_organization(doc, i) if doc[i].lower_ in ORG_REFERENCE_NOUNS else None
        i += 2
    elif i < limit and _persons_name_owns(doc, i, limit):
        i = _entity_span_end(doc, i) + 1  # "Tobias Kern, Albers's lawyer": a person's, at no body
    elif i < limit and entity_at(doc, i) is not None and _org_entity(entity_at(doc, i)):
        end = _entity_span_end(doc, i)
        if end < limit and doc[end].lower_ in _POSSESSIVE_MARKS:
            org, i = entity_at(doc, i), end + 1
        elif end < limit and _free(doc, end) and (is_role_word(doc[end]) or (
                end + 1 < limit and doc[end].is_lower and _is_modifier(doc[end]) and is_role_word(doc[end + 1]))):
            org, i = entity_at(doc, i), end  # "the WIPO director general", "a USI art major"
            modifier_owner = True
    while i > owner_end and i + 1 < limit and doc[i].is_lower and (
            doc[i].lower_ in TENURE_WORDS or doc[i].ent_type_ == "ORDINAL" or doc[i].lower_ in _FIRST_OF_KIND):
        i += 1  # "its new chairman", "the city's longtime mayor", "the company's first female chief executive"
    region = None
    if org is not None and org.type == "Organization" and i < limit and entity_at(doc, i) is not None \
            and entity_at(doc, i).type == "Place" and _entity_span_start(doc, i) == i:  # type: ignore[union-attr]
        region_end = _entity_span_end(doc, i)
        if region_end < limit and _free(doc, region_end) and is_role_word(doc[region_end]):
            region, i = i, region_end  # "the Sierra Club's Montana director": the post's region
    start = i
    longest = _MAX_ROLE_WORDS + (3 if any(t.lower_ in ("and", "&") for t in doc[start:min(limit, start + _MAX_ROLE_WORDS)])
                                 else 0)  # "executive vice president and chief operating officer"
    while True:
        i = _role_words_end(doc, i, start, limit, longest)
        region_end = _entity_span_end(doc, i) if i > start and i < limit and entity_at(doc, i) is not None and \
            entity_at(doc, i).type == "Place" else i  # type: ignore[union-attr]
        if region_end == i or region_end >= limit or not _free(doc, region_end) or not is_role_word(doc[region_end]):
            break
        i = region_end  # "chief Latin America economist": the region the post covers, inside the title
    while i > start and not is_role_head(doc[i - 1]):
        i -= 1
    if i == start:
        return None
    i = _in_chief(doc, i, limit)
    i = _extend_title(doc, i, limit)
    role = ("then " if then else "") + qualifier + _role_text(doc[start if region is None else region:i])
    end = i
    if org is not None and org.type == "Place" and owner_end < start and entity_at(doc, owner_end) is org \
            and doc[i - 1].lower_ not in OFFICE_TITLES | BRIEF_TITLES:  # "United States Secretary of X": where
        body, body_end = org_after(doc, i, limit)
        if body is not None and body.type == "Organization":
            # "Southern California director for New America Media": the place names the post's region
            role = ("then " if then else "") + qualifier + _role_text(doc[owner_end:i])
            org, end = body, body_end
    after_from = entity_at(doc, i + 1) if org is None and i + 1 < limit and doc[i].lower_ == "from" else None
    if after_from is not None and _entity_span_start(doc, i + 1) == i + 1 and (
            after_from.type == "Organization" or (after_from.type == "Place" and role.split()[-1] in _ELECTED_TITLES)):
        # "Jane Doe, an analyst from Goldman Sachs"; "John Reed, senator from Ohio": the seat's place is
        # the title's jurisdiction (but "a nurse from Ohio" only says where she is from)
        org, end = after_from, _entity_span_end(doc, i + 1)
    if org is None:
        org, end = org_after(doc, i, limit)
        if org is not None and org.type == "Place" and doc[i].lower_ == "for" and end + 1 < limit and \
                doc[end].lower_ == "at":
            body, body_end = org_after(doc, end, limit)
            if body is not None and body.type == "Organization":
                # "senior analyst for Central Asia at the Crisis Group": the region is the post's, the body its holder's
                role, org, end = role + " " + _role_text(doc[i:end]), body, body_end
    elif modifier_owner and i < limit and doc[i].lower_ == "of" and " and " not in role:
        body, body_end = org_after(doc, i, limit)
        if body is not None and body.type == "Organization":
            org, end = body, body_end  # "the Labour leader of Leeds City Council": the body the post is in
    elif org.type == "Place" and role.split()[-1] in _ELECTED_TITLES and end + 1 < limit \
            and doc[end].lower_ in ("from", "for") and entity_at(doc, end + 1) is not None \
            and entity_at(doc, end + 1).type == "Place":  # type: ignore[union-attr]
        # "a U.S. senator from Maryland": the seat's state says more than the country before the title
        org, end = entity_at(doc, end + 1), _entity_span_end(doc, end + 1)
    return role, org, end


def org_after(doc: Doc, i: int, limit: int) -> tuple[EntityCluster | None, int]:
    """The organisation a title at ..i names after it: "of|at|for|with|in [the] ORG": (org, end) or (None, i)."""
    org, end = None, i
    if i < limit and i > 0 and is_role_head(doc[i - 1]) and entity_at(doc, i) is not None \
            and entity_at(doc, i).type == "Organization" and _entity_span_start(doc, i) == i:  # type: ignore[union-attr]
        end = _entity_span_end(doc, i)
        if end >= limit or doc[end].is_punct:
            return entity_at(doc, i), end  # "said X, chief executive officer BioWare Corp."
    if i + 1 < limit and doc[i].lower_ in _ORG_PREPS:
        j = i + 1
        if doc[j].lower_ in _ARTICLES and j + 1 < limit:
            j += 1
        if doc[j].text == "<" and j + 1 < limit:
            j += 1  # "chief executive of <Valhi Inc>": wire copy's mark of a company without a ticker
        found: EntityCluster | None
        named = entity_at(doc, j + 1) if j + 1 < limit and _free(doc, j) and doc[j].is_lower else None
        if named is not None and named.type == "Organization" and _entity_span_start(doc, j + 1) == j + 1:
            found, found_end = named, _entity_span_end(doc, j + 1)  # "head of the group Rainbow Families"
        else:
            found, found_end = _reference_org(doc, j, limit)
        if found is None or found.type == "Place":
            # "leader of the notorious Revolutionary United Front", "of the Chicago band Red Red Meat",
            # "of center-right DISY party": descriptors, then the organisation itself
            described = _described_org(doc, j, limit)
            if described is not None:
                found, found_end = described
        if found is not None and found_end + 1 < limit and doc[found_end].lower_ in _POSSESSIVE_MARKS:
            owned = entity_at(doc, found_end + 1)
            if owned is not None and owned.type == "Organization":  # "chairman of Hong Kong's Democratic Party"
                found, found_end = owned, _entity_span_end(doc, found_end + 1)
        if found is not None:
            org, end = found, found_end
        elif doc[i].lower_ == "of":
            # "director of the light research program at Thomas Jefferson University": a unit
            # in plain words, then the organisation it belongs to
            k = j
            while k < limit and k - j < 5 and _free(doc, k) and doc[k].is_lower and doc[k].pos_ in ("NOUN", "ADJ"):
                k += 1
            if k > j and k + 1 < limit and doc[k].lower_ in ("at", "of"):
                m = k + 1 + (doc[k + 1].lower_ == "the" and k + 2 < limit)
                found = _org_entity(entity_at(doc, m))
                if found is not None and found.type == "Organization":
                    org, end = found, _entity_span_end(doc, m)
    return org, end


_ADDRESSED_AS = {"justice", "judge"}


def read_role_before(doc: Doc, person_start: int, sentence_start: int) -> tuple[str, EntityCluster | None] | None:
    """Read "[former] [ORG['s]|Its] role words [of state] [,] PERSON" ending before the name."""
    i = person_start
    while i - 2 >= sentence_start and _free(doc, i - 1) and (doc[i - 1].lower_ in HONORIFICS or (
            doc[i - 1].lower_ in _ADDRESSED_AS and is_role_head(doc[i - 2]) and _free(doc, i - 2) and
            doc[i - 2].lower_ not in ROLE_MODIFIERS and doc[i - 2].lower_ not in _ADDRESSED_AS)):
        # "Prime Minister of India Dr. Manmohan Singh", "Chief Justice Sir Anthony Mason";
        # "Commission chairman Justice X": a judge's form of address after another title
        i -= 1
    if i - 1 >= sentence_start and doc[i - 1].text == ",":
        i -= 1  # "WIPO's director general, Daren Tang"
        comma = True
        place = entity_at(doc, i - 1) if i - 1 >= sentence_start else None
        if place is not None and place.type == "Place":
            k = _entity_span_start(doc, i - 1)
            if k - 2 >= sentence_start and doc[k - 1].lower_ == "in" and is_role_head(doc[k - 2]) and _free(doc, k - 2):
                i = k - 1  # "Its representative in Peru, Carlos Mendieta": where the post is, after the title
    else:
        comma = False
    brief = _plain_brief_start(doc, i, sentence_start) if comma else None
    brief_words = doc[brief:i] if brief is not None else None
    if brief is not None:  # "The ministry's director general of mineral and coal, X": the title, then its brief
        i = brief
    named = None
    last = i - 1
    while comma and last - 1 > sentence_start and i - 1 - last < 2 and doc[last].is_lower and doc[last].pos_ == "NOUN" \
            and _free(doc, last) and not is_role_word(doc[last]):
        last -= 1  # "The head of the OSCE mission, X": a unit of the body after its name
    if last < i - 1 and not (_org_entity(entity_at(doc, last)) and entity_at(doc, last).type == "Organization"):  # type: ignore[union-attr]
        last = i - 1
    if last >= sentence_start and entity_at(doc, last) is not None:
        k = _entity_span_start(doc, last)
        k -= k - 1 >= sentence_start and doc[k - 1].lower_ == "the"
        if k - 2 >= sentence_start and doc[k - 1].lower_ == "to" and is_role_head(doc[k - 2]) and _free(doc, k - 2):
            i = last = k - 1  # "The U.S. envoy to the United Nations, X": where the envoy is sent, not whom for
    if last >= sentence_start and _org_entity(entity_at(doc, last)):
        # "President of South Africa Thabo Mbeki": the title's organisation or place before the name;
        # "Co-founder of Google, Sergey Brin, ...": with a comma only where the sentence starts
        k = _entity_span_start(doc, last)
        if k - 1 >= sentence_start and _free(doc, k - 1) and _is_demonym(doc[k - 1]):
            k -= 1  # "President of Iraqi Kurdistan X"
        while k - 1 > sentence_start and k - 1 >= i - 6 and _free(doc, k - 1) and (
                (doc[k - 1].is_lower and doc[k - 1].pos_ == "ADJ") or (
                doc[k - 1].lower_ in _POSSESSIVE_MARKS and entity_at(doc, k - 2) is not None
                and entity_at(doc, k - 2).type == "Place")):  # type: ignore[union-attr]
            # "the CEO of America's powerful CBS Corporation Leslie Moonves"
            k = k - 1 if doc[k - 1].is_lower and doc[k - 1].pos_ == "ADJ" else _entity_span_start(doc, k - 2)
        if k - 1 >= sentence_start and doc[k - 1].lower_ == "the":
            k -= 1
        if k - 2 >= sentence_start and doc[k - 1].lower_ in ("of", "for", "at") and not is_role_head(doc[k - 2]):
            # "Executive director of the Dallas chapter of the Council X": a unit of the body in between
            m = k - 2
            while m > sentence_start and k - m < 6 and ((_free(doc, m) and doc[m].is_lower and doc[m].pos_ == "NOUN")
                                                       or (entity_at(doc, m) is not None
                                                       and entity_at(doc, m).type == "Place")):  # type: ignore[union-attr]
                m -= 1
            if m < k - 2 and doc[m].lower_ == "the" and m - 2 >= sentence_start and doc[m - 1].lower_ == "of" \
                    and is_role_head(doc[m - 2]) and _free(doc, m - 2):
                k = m
        if k - 2 >= sentence_start and doc[k - 1].lower_ in ("of", "for", "at") and is_role_head(doc[k - 2]) \
                and _free(doc, k - 2):
            named, i = entity_at(doc, last), k - 1
    end = i
    # "Secretary of State John Kerry": the title's complement comes right before the name
    k = end
    while k - 1 >= sentence_start and end - k < 3 and _title_word(doc[k - 1]):
        k -= 1
    while k < end and k - 2 >= sentence_start and doc[k - 1].lower_ in ("for", "and", "&", ",") and \
            doc[k].lower_ in PORTFOLIO_WORDS and doc[k - 2].lower_ in PORTFOLIO_WORDS and _title_word(doc[k - 2]):
        k -= 2  # "Secretary of State | for Culture X", "Minister of Agriculture, | Fisheries and Food X"
        inner = k
        while k - 1 >= sentence_start and inner - k < 2 and _title_word(doc[k - 1]):
            k -= 1
    if k < end and k - 1 > sentence_start and doc[k - 1].lower_ == "the" and doc[k].lower_ in PORTFOLIO_WORDS:
        k -= 1  # "Secretary of the Interior Ethan Hitchcock"
    if k < end and k - 2 >= sentence_start and doc[k - 1].lower_ in ("of", "for") and \
            is_role_head(doc[k - 2]) and _free(doc, k - 2):
        i = k - 1
    elif comma and k < end and k - 3 >= sentence_start and doc[k - 1].lower_ == "the" and \
            doc[k - 2].lower_ in ("of", "for") and _known_title(doc[k - 3]) and _free(doc, k - 3) and \
            all(t.is_lower for t in doc[k:end]):
        i = end = k - 2  # "The chairman of the committee, X": the title, then the unit it heads
    head_end = i
    if i - 5 >= sentence_start and doc[i - 1].lower_ == "chief" and _in_chief(doc, i - 4, i) == i \
            and is_role_word(doc[i - 5]) and _free(doc, i - 5):
        i -= 4  # "editor-in-chief Anna Wintour"
    listed = any(doc[k].lower_ in ("and", "&") for k in range(max(sentence_start, head_end - _MAX_ROLE_WORDS), head_end))
    while i - 1 >= sentence_start and head_end - i < _MAX_ROLE_WORDS + (2 if listed else 0) and _free(doc, i - 1) and (
            is_role_word(doc[i - 1]) or (_is_modifier(doc[i - 1]) and i < head_end) or
            (doc[i - 1].lower_ in _LINKS and i - 2 >= sentence_start and is_role_word(doc[i - 2])) or
            # "chairman, president and chief executive officer X": a list of titles, "and" before the last
            (listed and doc[i - 1].text == "," and i - 2 >= sentence_start and is_role_head(doc[i - 2]) and
             any(doc[k].lower_ in ("and", "&") for k in range(i, head_end))) or
            # "Mines, Power and Steel Minister X": a brief of several portfolios
            (listed and doc[head_end - 1].lower_ in BRIEF_TITLES and i < head_end and doc[i].is_title
             and (doc[i - 1].text == "," or doc[i - 1].lower_ in ("and", "&")) and i - 2 >= sentence_start
             and doc[i - 2].is_title and doc[i - 2].is_alpha and _free(doc, i - 2) and not is_role_head(doc[i - 2])) or
            (listed and doc[head_end - 1].lower_ in BRIEF_TITLES and (doc[i].text == "," or doc[i].lower_ in ("and", "&"))
             and doc[i - 1].is_title and doc[i - 1].is_alpha and not is_role_head(doc[i - 1]))):
        i -= 1
    if i == head_end or not is_role_head(doc[head_end - 1]):
        return None
    role_start = i
    while role_start < head_end - 1 and doc[role_start].is_lower and doc[role_start].lower_ in TENURE_WORDS:
        role_start += 1  # "the new chairman X": how long the post is held, not the post
    role_tokens = doc[role_start:end]
    head = doc[head_end - 1]
    hiring = head.dep_ == "dobj" and head.head.lemma_ in _HIRING_VERBS and head.head.pos_ == "VERB"
    if comma and not _known_title(head) and not _in_apposition(doc, person_start, head):
        return None  # "near the border, X said", "At the restaurant, X": a noun the suffixes catch, then the subject
    if head_end - i >= 2 and doc[head_end - 1].lower_ in TITLE_ABBREVIATIONS and doc[head_end - 2].is_lower \
            and is_role_head(doc[head_end - 2]):
        i, role_tokens = head_end - 1, doc[head_end - 1:end]  # "his boss Adm. X": the rank is the title
    if i - 1 >= sentence_start and doc[i - 1].text == "-" and not _after_qualifier_hyphen(doc, i, sentence_start):
        # "pan-democracy camp councillors": the hyphen cut a descriptor of the group, not the title (but
        # "then-Law Director X" is the whole title, held then)
        k = i
        while k < head_end - 1 and not is_role_word(doc[k]):
            k += 1
        role_tokens = doc[k:end]
    org = None
    j = i - 1
    inner_qualifier = None
    if j - 1 >= sentence_start and doc[j].lower_ in ROLE_QUALIFIERS and doc[j].is_lower and _free(doc, j) and (
            doc[j - 1].lower_ in _POSSESSIVE_MARKS or _org_entity(entity_at(doc, j - 1))):
        inner_qualifier, j = doc[j].lower_, j - 1  # "Algeria's then president X", "Acme's former chief executive X"
    while j - 1 >= sentence_start and i - j < 3 and doc[j].is_lower and _free(doc, j) and (
            doc[j].tag_ == "VBN" or (doc[j].pos_ == "VERB" and doc[j].lower_.endswith("ed"))) and \
            doc[j].dep_ not in ("ROOT", "ccomp", "conj", "advcl", "relcl") and doc[j].tag_ != "VBD" and (
            doc[j - 1].lower_ in _POSSESSIVE_MARKS or entity_at(doc, j - 1) is not None):
        j -= 1  # "Hamas' exiled leader X": how the post is held, between the body and the title
    if j - 1 >= sentence_start and doc[j].ent_type_ == "NORP" and doc[j].is_title and _free(doc, j) \
            and entity_at(doc, j - 1) is not None and entity_at(doc, j - 1).type == "Place":  # type: ignore[union-attr]
        j -= 1  # "Colorado Republican Sen. X": the party between the state and the title
    opening = next((k for k in range(j - 2, max(sentence_start, j - 5) - 1, -1) if doc[k].text == "("), None) \
        if j >= sentence_start and doc[j].text == ")" else None
    if opening is not None and opening - 1 >= sentence_start and \
            (opening == j - 2 or all(t.is_lower and t.is_alpha for t in doc[opening + 1:j])) and \
            entity_at(doc, opening - 1) is not None and entity_at(doc, opening - 1).type == "Organization":  # type: ignore[union-attr]
        j = opening - 1  # "European Central Bank (ECB) President X", "Bundesbank (central bank) president X"
    if j >= sentence_start and doc[j].lower_ in _POSSESSIVE_MARKS:
        j -= 1
        if j >= sentence_start and entity_at(doc, j) is None and doc[j].lower_ in ORG_REFERENCE_NOUNS:
            org = resolve_organization(doc, j)  # "the company's chief executive"
    if j >= sentence_start and doc[j].lower_ in ORG_POSSESSIVES:
        # "Its director general, Daren Tang"; "Sudan took a softer line. Its foreign minister, X": a country's
        org = (j == sentence_start and _previous_subject_place(doc, j)) or resolve_organization(doc, j)
    elif j - 1 >= sentence_start and doc[j].lower_ == "whose" and _owner_before_whose(doc, j) is not None:
        org = _owner_before_whose(doc, j)  # "the LRA, whose leader Joseph Kony", "X, whose director, Y,"
    elif org is None and j >= sentence_start and _org_entity(entity_at(doc, j)) and not (
            _entity_span_start(doc, j) - 1 >= sentence_start and doc[_entity_span_start(doc, j) - 1].lemma_ == "tell"):
        # but "told Reuters Finance Secretary X": whom it was told, not whose secretary
        org = entity_at(doc, j)
        place_start = _entity_span_start(doc, j)
        j = place_start - 1
        owner = entity_at(doc, j - 1) if j - 1 >= sentence_start and doc[j].lower_ in _POSSESSIVE_MARKS else None
        if org.type == "Place" and owner is not None and owner.type == "Organization":  # type: ignore[union-attr]
            # "the Sierra Club's Montana director, X": the place names the post's region, the body owns it
            org, role_tokens, i = owner, doc[place_start:end], place_start
            j = _entity_span_start(doc, j - 1) - 1
    elif org is None and named is None and j >= sentence_start and _mistyped_company(doc, j, role_tokens):
        org = entity_at(doc, j)
        org.type = "Organization"  # type: ignore[union-attr]  # "Puma Chief Executive Jochen Zeitz": a company the model took for a person
        j = _entity_span_start(doc, j) - 1
    elif org is None and j - 1 >= sentence_start and doc[j].lower_ == "and" and _org_entity(entity_at(doc, j - 1)) \
            and entity_at(doc, j - 1).type == "Organization" and _role_text(role_tokens) in _COMPANY_TITLES:  # type: ignore[union-attr]
        org = entity_at(doc, j - 1)  # "Speedway Motorsports and chairman Bruton Smith"
    qualifier = inner_qualifier
    if qualifier is None and org is None and j - 1 >= sentence_start and doc[j].ent_type_ == "NORP" and \
            doc[j].is_title and doc[j - 1].lower_ in ROLE_QUALIFIERS:
        j -= 1  # "former Kenyan president X": the nationality between the qualifier and the title
    if qualifier is None and j >= sentence_start and doc[j].lower_ in ROLE_QUALIFIERS:
        qualifier = doc[j].lower_
    elif qualifier is None and j - 1 >= sentence_start and doc[j].text == "-" and doc[j - 1].lower_ in ROLE_QUALIFIERS:
        qualifier = doc[j - 1].lower_  # "then-President"
    if named is not None:
        org = named
        if comma and not (i == sentence_start or doc[i - 1].lower_ in _ARTICLES):
            return None  # "..., director of X, Jane Roe": a list (not "A spokesperson for X, Jane Roe,")
        if i - 1 >= sentence_start and entity_at(doc, i - 1) is not None and entity_at(doc, i - 1).type == "Person":  # type: ignore[union-attr]
            return None  # "A CEO of X B CEO of Y": the title after A's name is A's
    k = i - 1
    while k > sentence_start and i - k < 3 and _free(doc, k) and (_is_demonym(doc[k]) or (
            doc[k].is_lower and doc[k].lower_ in TENURE_WORDS)):
        k -= 1  # "The British ambassador, X", "the new chairman, X"
    if org is None and hiring:
        org = _appointing_body(doc, head.head)  # "Acme named a new chairman, X"
    if comma and org is None and not hiring and not (k >= sentence_start and doc[k].lower_ in ("the", "his", "her", "their")) \
            and not _persons_possessive(doc, i - 1, sentence_start) and not (
                i - 2 >= sentence_start and doc[i - 1].lower_ in _POSSESSIVE_MARKS and doc[i - 2].is_lower
                and doc[i - 2].pos_ == "NOUN"):  # "The country's health minister, X", "the agency's spokesman, X"
        return None  # "..., president, X" is a list, not a title; "the Crown prosecutor, X", "his lawyer, X",
        # "Hale's attorney, X" are
    if org is None and named is None:
        place = _place_before_labels(doc, j, sentence_start)
        if place is not None:  # "Alberta Progressive Conservative Premier X": the party between place and title
            k = role_tokens.start
            while k < end - 1 and doc[k].is_title and not is_role_word(doc[k]) and doc[k].lower_ not in PORTFOLIO_WORDS \
                    and doc[k].lower_ not in ROLE_MODIFIERS:
                k += 1
            org, role_tokens, i = place, doc[k:end], k
    if org is None and doc[i].is_title and not doc[i].is_sent_start and doc[end - 1].lower_ not in BRIEF_TITLES and \
            doc[i].lower_ not in TITLE_WORDS and doc[i].lower_ not in ROLE_NOUNS and \
            doc[i].lower_ not in PORTFOLIO_WORDS and doc[i].lower_ not in RANK_WORDS and \
            doc[i].lower_ not in TITLE_ABBREVIATIONS and doc[i].lower_ not in _TITLE_PARTICIPLES and \
            not _after_qualifier_hyphen(doc, i, sentence_start):
        return None  # "Opposition Leader"-like capitals that are not titles we know (but "then-Law Director")
    if org is None and len(role_tokens) >= 2 and role_tokens[0].lower_ in ORG_REFERENCE_NOUNS and \
            role_tokens[0].pos_ in ("NOUN", "PROPN") and is_role_head(role_tokens[-1]) and entity_at(doc, role_tokens[0].i) is None:
        body = resolve_organization(doc, role_tokens[0].i)
        if body is not None:  # "union president Ciara Walsh", "Party leader X": the body named before
            # (but a board is the body's, and a seat on it the post: "board member X" of the bank)
            org, role_tokens = body, role_tokens if role_tokens[0].lower_ == "board" else role_tokens[1:]
    role = _role_text(role_tokens) + (f" {_role_text(brief_words)}" if brief_words is not None else "")
    if qualifier:
        role = f"{qualifier} {role}"
    return role, org


def _plain_brief_start(doc: Doc, i: int, sentence_start: int) -> int | None:
    """"director general of mineral and coal, X", "head of research, X": where "of"/"for" and a brief in
    plain lowercase words start, right after a title and before the comma at token i (None if not so)."""
    k = i - 1
    while k > sentence_start and i - k <= 4 and doc[k].is_lower and doc[k].is_alpha and _free(doc, k) and \
            doc[k].pos_ in ("NOUN", "ADJ", "CCONJ") and not is_role_word(doc[k]):
        k -= 1
    if k < i - 1 and k - 1 >= sentence_start and doc[k].lower_ in ("of", "for") and doc[i - 1].pos_ == "NOUN" and \
            is_role_head(doc[k - 1]) and _free(doc, k - 1) and doc[k + 1].pos_ != "CCONJ":
        return k
    return None


def _after_qualifier_hyphen(doc: Doc, i: int, sentence_start: int) -> bool:
    """"then-Law Director", "ex-Finance Minister": token i opens a title held then or before."""
    return i - 2 >= sentence_start and doc[i - 1].text == "-" and doc[i - 2].lower_ in ("then", "ex") and _free(doc, i - 2)


def _known_title(token: Token) -> bool:
    """A title the lexicon knows, not one guessed from its ending ("-er", "-ant")."""
    lower = token.lower_
    return lower in ROLE_NOUNS or lower in TITLE_ABBREVIATIONS or _plural_of_role(token)


def _in_apposition(doc: Doc, person_start: int, head: Token) -> bool:
    """The name starting at ``person_start`` stands in apposition to ``head`` ("the curator, X,")."""
    end = _entity_span_end(doc, person_start)
    return any(t.dep_ == "appos" and t.head.i == head.i for t in doc[person_start:end])


def _previous_subject_place(doc: Doc, i: int) -> EntityCluster | None:
    """The place the sentence before token i's is about (its subject), which an opening "Its" points back to."""
    subject = previous_subject_token(doc, i)
    cluster = entity_at(doc, subject.i) if subject is not None else None
    return cluster if cluster is not None and cluster.type == "Place" else None


def _owner_before_whose(doc: Doc, whose: int) -> EntityCluster | None:
    """The organisation named right before "whose" (or before its comma)."""
    k = whose - 1 - (doc[whose - 1].text == ",")
    owner = entity_at(doc, k) if k >= 0 else None
    return owner if owner is not None and owner.type == "Organization" else None


def _place_before_labels(doc: Doc, j: int, sentence_start: int) -> EntityCluster | None:
    """"Alberta | Progressive Conservative | Premier X", "Colorado | Republican | Sen. X": a place, then at
    most three capitalised words that are no title (a party's name or label), ending at token j."""
    k = j
    while k >= sentence_start and j - k < 3 and _free(doc, k) and doc[k].is_title and doc[k].is_alpha \
            and not is_role_word(doc[k]) and doc[k].lower_ not in PORTFOLIO_WORDS and doc[k].lower_ not in TITLE_WORDS:
        k -= 1
    if k == j or k < sentence_start:
        return None
    if doc[k].lower_ in _POSSESSIVE_MARKS and k - 1 >= sentence_start:
        k -= 1
    place = entity_at(doc, k)
    return place if place is not None and place.type == "Place" and _entity_span_end(doc, k) in (k + 1, k + 2) \
        and not doc[_entity_span_start(doc, k) - 1].is_title else None


_POSSESSIVE_MARKS = {"'s", "’s", "'", "’"}  # "Acme's", "Singapore Airlines' chief executive"


def _persons_possessive(doc: Doc, k: int, sentence_start: int) -> bool:
    """Token k is the possessive mark of a person's name: "Hale's" (attorney, X)."""
    if k - 1 < sentence_start or doc[k].lower_ not in _POSSESSIVE_MARKS:
        return False
    owner = entity_at(doc, k - 1)
    return owner is not None and owner.type == "Person"
# Titles only a company or a publication has: the name before them is not a person's
# Posts held for a person as much as for a body: "Hillary Clinton spokesman X", "Jane Roe lawyer X"
_PERSONAL_STAFF = {"spokesman", "spokeswoman", "spokesperson", "aide", "adviser", "advisor", "lawyer", "attorney",
                   "secretary", "manager", "assistant", "agent", "publicist", "bodyguard", "biographer", "staff"}
_COMPANY_TITLES = {"ceo", "cfo", "coo", "cto", "chairman", "chairwoman", "chief executive", "chief executive officer",
                   "editor-in-chief", "managing director", "co-founder", "founder", "chief financial officer",
                   "chief creative officer", "chief operating officer", "chief technology officer"}


def _mistyped_company(doc: Doc, j: int, role_tokens) -> bool:
    """A name the model called a person, mentioned once, right before a company title and a person's name."""
    cluster = entity_at(doc, j)
    if cluster is None or not ((cluster.type == "Person" and len(cluster.mentions) == 1
                                and (len(cluster.mentions[0]) == 1 or role_tokens[0].is_lower))
                               or cluster.type == "Other"):
        return False  # a one-word "person" named once ("Puma"), a name before a lowercase title and a name
        # ("Tate Modern director X"), or a "thing" ("Epic Games president X")
    end = _entity_span_end(doc, j)
    if end < role_tokens[0].i and doc[end].lower_ in _POSSESSIVE_MARKS:
        end += 1  # "Pixar's chief creative officer"
    if end != role_tokens[0].i:
        return False
    if cluster.type == "Person" and len(cluster.mentions[0]) > 1:
        # two names around a lowercase title: the first is the body ("Tate Modern director X"), unless a
        # person has such staff ("Hillary Clinton spokesman X")
        return not set(_role_text(role_tokens).split()) & _PERSONAL_STAFF
    role = _role_text(role_tokens)
    words = set(role.split())
    return role in _COMPANY_TITLES or bool(words & _COMPANY_TITLES) or (
        cluster.type == "Other" and role in ("president", "chief", "executive"))


def _role_text(tokens) -> str:
    """The role as written, in lower case, its last word in the singular ("photographers")."""
    words = [TITLE_ABBREVIATIONS.get(t.lower_, t.lower_) for t in tokens]
    if not words:
        return ""
    last = tokens[-1]
    if last.tag_ in ("NNS", "NNPS") and last.lemma_ and _singular(last) != last.lower_ \
            and not (len(words) > 2 and {"of", "for", "in"} & set(words[1:-1])):  # "minister of finance", "... for exploration systems"
        words[-1] = _singular(last)
    text = " ".join(words)
    return text.replace(" - ", "-").replace(" , ", ", ")


def split_qualifier(role: str) -> tuple[str, str | None]:
    """("former prime minister") -> ("prime minister", "former"); "then-president" too."""
    words = role.replace("-", " - ", 1).split() if role.startswith(("then-", "ex-")) else role.split()
    qualifier = None
    while len(words) > 1 and (words[0] in ROLE_QUALIFIERS or words[0] == "-" or words[0] in DESCRIPTIVE_ROLE_WORDS
                              or (words[0] in PARTY_LABELS and words[1] in PARTY_SEATS)):
        if words[0] in ROLE_QUALIFIERS:
            qualifier = qualifier or ROLE_QUALIFIERS[words[0]]
        words = words[1:]  # (a describing word or a party goes: "local mayor" is a mayor, "Labour MP" an MP)
    return " ".join(words), qualifier


def split_coordinated(role: str) -> list[str]:
    """"chief financial officer and treasurer" -> two roles; "curator and director of exhibits" too."""
    parts = [p.strip() for p in re.split(r"\s+(?:and|&|/)\s+|\s*,\s+", role)]
    if len(parts) > 1 and all(p and (_titled_brief(p) or ((p.split()[-1] not in ROLE_MODIFIERS or (
            len(p.split()) > 1 and p.split()[-1] in _HEAD_MODIFIERS)) and p.split()[-1] not in PORTFOLIO_WORDS
            and _names_a_post(p.split()[-1])))
            for p in parts) and not (parts[-1].split()[-1] in BRIEF_TITLES and all(len(p.split()) == 1 for p in parts[:-1])):
        # not "mines, power and steel minister": one minister of three portfolios
        return parts  # "chief executive" is a title; a lone "senior" before "and" is not
    return [role]


def _names_a_post(word: str) -> bool:
    """A title's last word as the lexicon or the suffixes know it ("treasurer", "coordinator"), not the
    end of a brief ("director general of mineral and | coal")."""
    return word in ROLE_NOUNS or word in TITLE_ABBREVIATIONS.values() or bool(_ROLE_SUFFIX.search(word)) \
        or word in _HEAD_MODIFIERS


def _titled_brief(part: str) -> bool:
    """"minister of finance": a title with its brief, not a lone portfolio ("trade and | industry")."""
    words = part.split()
    return len(words) > 2 and words[-2] in ("of", "for") and words[-3] in ROLE_NOUNS


def _passive_roles(doc: Doc, root: Token) -> list[tuple[str, EntityCluster]]:
    """"Y, founded and run by X" / "Y and Z are owned by X": X holds the verb's role at Y (and Z)."""
    if root.dep_ in ("appos", "compound") and root.head.dep_ == "pobj" and root.head.head.lower_ == "by":
        root = root.head  # "the party led by former president X": the title is the agent, X its apposition
    if root.dep_ != "pobj" or root.head.lower_ != "by" or root.head.dep_ != "agent":
        return []
    verb = root.head.head
    candidates = [verb]
    while verb.dep_ == "conj" and len(candidates) < 4:  # "owned and operated by X"
        verb = verb.head
        candidates.append(verb)
    lemma = next((v.lemma_ for v in candidates if v.lemma_ in ROLE_VERBS), None)
    if lemma is None:
        return []
    for v in reversed(candidates):
        subjects = [c for c in v.children if c.dep_ in ("nsubjpass", "nsubj")
                    and not (v.dep_ == "relcl" and c.lower_ in ("which", "that", "who"))]  # "Y, which is led by X"
        # "Y (run by X)": the parser makes the bracketed participle a parataxis of the name
        heads = subjects or ([v.head] if v.dep_ in ("acl", "relcl", "parataxis") else [])
        if not heads and v.dep_ == "advcl" and v.tag_ in ("VBN", "VBD") and v.i > 0:
            # "... at the National Defence Commission chaired by X": the parser hung the participle on the
            # main verb; the organisation named right before it is what it speaks of
            before = entity_at(doc, v.i - 1) if v.i > 0 else None
            if before is not None and before.type == "Organization" and _entity_span_end(doc, v.i - 1) == v.i:
                return [(ROLE_VERBS[lemma], before)]
        for head in heads:
            org = entity_at(doc, head)
            if org is None and head.lower_ in ORG_REFERENCE_NOUNS:
                org = resolve_organization(doc, head)  # "the organization founded by X"
                if org is not None and head.lower_ in _AD_HOC_BODIES and head.lower_ not in org.name.lower() \
                        and doc[v.i - 1].text != ",":
                    org = None  # "the group led by Dr. X" (which group: one gathered for the task), not
                    # "Hamas ... The group, led by X," (the one just named)
            if org is None and head.dep_ == "appos":
                org = entity_at(doc, head.head)  # "Boston Properties, a trust led by X"
            if org is not None and org.type == "Organization":
                found = [(ROLE_VERBS[lemma], org)]
                for conj in head.children:  # "Philippine Airlines and Air Philippines are owned by X"
                    other = entity_at(doc, conj) if conj.dep_ == "conj" else None
                    if other is not None and other is not org and other.type == "Organization":
                        found.append((ROLE_VERBS[lemma], other))
                return found
    return []


_AD_HOC_BODIES = {"group", "team", "panel"}  # gathered for a task: only a name that says so is theirs

# "X assumed command of Y", "X took over the leadership of Y": the role the noun names, at Y
_TAKEN_ROLES = {"command": "commander", "leadership": "leader", "helm": "head", "chairmanship": "chairman",
                "presidency": "president"}


_TAKING_VERBS = {"assume", "take", "hold", "resign", "quit", "relinquish", "lose", "keep", "retain", "accept",
                 "occupy", "fill", "leave"}


def _taken_role(doc: Doc, verb: Token) -> tuple[str, EntityCluster] | None:
    """"X assumed command of Y", "X resigned his leadership in Y", "X resigned from the presidency of Y"."""
    if verb.lemma_ not in _TAKING_VERBS:
        return None
    nouns = [c for c in verb.children if c.dep_ == "dobj" and c.lower_ in _TAKEN_ROLES]
    nouns += [o for p in verb.children if p.dep_ == "prep" and p.lower_ == "from"
              for o in p.children if o.dep_ == "pobj" and o.lower_ in _TAKEN_ROLES]
    for noun in nouns:
        preps = [c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "in", "at")]
        # "X resigned his leadership in Y": the parser may hang the body's preposition on the verb
        preps += [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("at", "of", "in") and c.i > noun.i]
        for prep in preps:
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                org = entity_at(doc, obj)
                if org is not None and org.type in ("Organization", "Place"):
                    return _TAKEN_ROLES[noun.lower_], org  # a place: the role's jurisdiction (see keep())
    return _named_post(doc, verb)


# Nouns that name a post by the title after them: "took on the title of chairman of Y", "resigned from
# the post of president of Y", "held the position of director at Y"
_POST_NOUNS = {"title", "post", "position", "office", "role", "job", "rank", "seat"}


def _named_post(doc: Doc, verb: Token) -> tuple[str, EntityCluster] | None:
    """"X took on the title of chairman of Y", "X resigned from his post as head of Y": the title the post
    noun names, with the organisation that title names (a post without one says nothing here)."""
    nouns = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in _POST_NOUNS]
    nouns += [o for p in verb.children if p.dep_ == "prep" and p.lower_ in ("from", "in", "to")
              for o in p.children if o.dep_ == "pobj" and o.lemma_.lower() in _POST_NOUNS]
    for noun in nouns:
        preps = [c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "as")]
        preps += [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" and c.i > noun.i]
        for prep in preps:
            for obj in (c for c in prep.children if c.dep_ == "pobj" and entity_at(doc, c) is None):
                found = read_role_after(doc, obj.left_edge.i, obj.sent.end)
                if found and found[1] is not None and found[2] > obj.i:
                    return found[0], found[1]
    return None


def _object_org(doc: Doc, child: Token) -> EntityCluster | None:
    """The organisation a verb's object names: "Y", or "the Y team" / "the Y label" / "his label Y"."""
    org = _org_entity(entity_at(doc, child))
    if org is None and child.lower_ in _BODY_KINDS:
        for compound in (c for c in child.children if c.dep_ in ("compound", "appos")):
            found = entity_at(doc, compound)
            if found is not None and found.type == "Organization":
                return found
    if org is None and child.lower_ in _GOVERNING_BODIES:
        # "chairs the board of Acme", "heads the committee of the Red Cross": the body it governs
        for prep in (c for c in child.children if c.dep_ == "prep" and c.lower_ == "of"):
            found = next((entity_at(doc, o) for o in prep.children if o.dep_ == "pobj"), None)
            if found is not None and found.type == "Organization":
                return found
    return org


_GOVERNING_BODIES = {"board", "committee", "council", "directors", "trustees", "supervisory"}


def _verb_roles(person: Span) -> list[tuple[str, EntityCluster | None, Span]]:
    """"Y and Z are owned by X" (two roles), else :func:`_verb_role`'s one role, or none."""
    passive = _passive_roles(person.doc, person.root)
    if passive:
        return [(role, org, person.sent) for role, org in passive]
    found = _verb_role(person)
    if any(org is not None for _, org, _ in found) and person.root.dep_ in ("nsubj", "nsubjpass"):
        # "X is the ruler of A and serves as the president of B": a later verb of the same subject names
        # another post with its organisation (the first one found stops _verb_role)
        doc = person.doc
        for verb in (c for c in person.root.head.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
                     and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)):
            for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"):
                for obj in (c for c in prep.children if c.dep_ == "pobj" and entity_at(doc, c) is None):
                    also = read_role_after(doc, obj.left_edge.i, obj.sent.end)
                    if also and also[1] is not None and also[2] > obj.i and \
                            all(also[1] is not org for _, org, _ in found):
                        found.append((also[0], also[1], person.sent))
    return found


# Verbs and nouns that give a role only through "as": "resigned as president of Y", "X's appointment as CEO"
_AS_WORDS = {"resign", "step", "retire", "stand", "run", "quit", "continue", "remain", "return", "stay", "take",
             "appointment", "election", "nomination", "reelection", "re-election",
             "begin", "start", "career",  # "X began his career as a reporter at Y", "X's career as CEO of Y"
             "join", "enter", "rejoin"}  # "X joins the cabinet as minister of agriculture"


def _clauses_after_prepositions(verbs: list[Token], lemmas: set[str] | None = None) -> list[Token]:
    """"X left Y before becoming president of Z", "X was a lawyer before joining Y", "X was rewarded by
    being named president of Y": a gerund after a preposition on the subject's verb has the same subject."""
    heads = verbs + [c for v in verbs for c in v.children if c.dep_ == "attr"]  # "X was a lawyer before joining Y"
    return [g for v in heads for p in v.children if p.dep_ in ("prep", "agent")
            and p.lower_ in ("before", "after", "since", "by")
            for g in p.children if g.dep_ == "pcomp" and (lemmas is None or g.lemma_ in lemmas) and (
                g.tag_ == "VBG" or any(a.dep_ in ("aux", "auxpass") and a.lower_ in ("having", "being")
                                       for a in g.children))]


def _verb_role(person: Span) -> list[tuple[str, EntityCluster | None, Span]]:
    """"X, who heads Y" / "X heads Y" / "X is the president of Y" / "X was named CEO of Y" /
    "X was a teacher who served as vice president of Y" / "X's decision to resign as president of Y".

    The first role that names its organisation, and the first that names none ("X was a schoolteacher
    who served as vice president of Y": both)."""
    doc = person.doc
    root = person.root
    verbs: list[Token] = []
    for child in root.children:
        if child.dep_ == "relcl":
            verbs.append(child)
    # "the Swedish diplomat X who was head of Y", "X the sole Cabinet minister who heads Y": the clause
    # hangs on the title in apposition with the name
    titles = [c for c in root.children if c.dep_ == "appos" and is_role_word(c)]
    if root.dep_ == "appos" and is_role_word(root.head):
        titles.append(root.head)
    verbs += [c for t in titles for c in t.children if c.dep_ == "relcl" and c.i > root.i]
    if root.dep_ == "poss":  # "X's appointment as CEO", "X's decision to resign as president of Y"
        verbs.append(root.head)
        verbs += [c for c in root.head.children if c.dep_ == "acl" and c.pos_ in ("VERB", "AUX")]
    if root.dep_ in ("appos", "compound") and root.head.dep_ in ("nsubj", "nsubjpass"):
        root = root.head  # "His brother X is a writer"
    elif root.dep_ == "conj" and root.head.dep_ in ("nsubj", "nsubjpass") and root.head.i < root.i:
        root = root.head  # "A and B are former mayors of Y", "He and B were appointed justices of Y": shared
    elif root.dep_ == "pobj" and root.head.dep_ == "prep" and root.head.head.dep_ in ("nsubj", "nsubjpass") \
            and is_role_word(root.head.head):
        root = root.head.head  # "Governor of New York X was elected to serve as president": X is the subject
    if root.dep_ in ("nsubj", "nsubjpass"):
        verbs.append(root.head)
        # "X earned a victory and becomes the youngest member of Y": a later verb with no subject of its own
        verbs += [c for c in root.head.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
                  and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)]
    # "X was re-elected President of Y": the parser hung the participle on "was" as a complement
    verbs += [c for v in list(verbs) if v.lemma_ == "be" for c in v.children
              if c.dep_ == "acomp" and c.tag_ == "VBN" and c.lemma_ in _COPULAS]
    # "X was elected to serve as president": the role sits on the verb's open complement
    verbs += [c for v in list(verbs) for c in v.children if c.dep_ == "xcomp" and c.lemma_ in _COPULAS | _AS_WORDS]
    if root.dep_ in ("nsubj", "nsubjpass"):
        verbs += _clauses_after_prepositions([root.head], _COPULAS | _AS_WORDS)
    # "X was a schoolteacher who served as ...": the complement's own clause speaks of X too
    verbs += [r for v in list(verbs) if v.lemma_ == "be" for c in v.children if c.dep_ == "attr"
              for r in c.children if r.dep_ == "relcl"]
    found_without: tuple[str, EntityCluster | None, Span] | None = None
    for verb in verbs:
        if verb.lemma_ in ROLE_VERBS:
            for child in verb.children:
                if child.dep_ in ("dobj", "attr") and _object_org(doc, child):
                    return _with(found_without, (ROLE_VERBS[verb.lemma_], _object_org(doc, child), person.sent))
        taken = _taken_role(doc, verb)
        if taken is not None:
            return _with(found_without, (taken[0], taken[1], person.sent))
        as_only = verb.lemma_ in _AS_WORDS
        if verb.lemma_ in _COPULAS or as_only:
            for child in verb.children:
                if (child.dep_ in ("attr", "oprd", "xcomp", "dobj") and not as_only) or \
                        (child.dep_ == "prep" and child.lower_ == "as"):
                    head = child
                    if child.dep_ == "prep":
                        objects = [c for c in child.children if c.dep_ == "pobj"]
                        if not objects:
                            continue
                        head = objects[0]
                    if entity_at(doc, head) is not None:
                        continue
                    found = read_role_after(doc, head.left_edge.i, head.sent.end)
                    if found and found[2] > head.i:
                        org = found[1] or _played_for(doc, head)  # "a footballer who played for Geelong"
                        # "is a historian, a professor at the University of Oslo"; "is former commander
                        # of X and former head of Y": every title with its organisation
                        more = []
                        for appos in (c for c in head.children if c.dep_ in ("appos", "conj")
                                      and entity_at(doc, c) is None):
                            also = read_role_after(doc, appos.left_edge.i, head.sent.end)
                            if also and also[1] is not None and also[2] > appos.i:
                                more.append((also[0], also[1], person.sent))
                        if org is not None or more:
                            first = (found[0], org, person.sent)
                            rest = [r for r in [found_without] if r]
                            return ([first] if org is not None else [*rest, first]) + more + \
                                (rest if org is not None else [])
                        found_without = found_without or (found[0], found[1], person.sent)
    return [found_without] if found_without else []


def _played_for(doc: Doc, noun: Token) -> EntityCluster | None:
    """"a footballer who played for the Melbourne Football Club": the body a player's clause names."""
    for clause in (c for c in noun.children if c.dep_ in ("relcl", "acl") and c.lemma_ == "play"):
        for prep in (c for c in clause.children if c.dep_ == "prep" and c.lower_ in ("for", "with")):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                org = entity_at(doc, obj)
                if org is not None and org.type == "Organization":
                    return org
    return None


def _with(first: tuple | None, found: tuple) -> list[tuple]:
    return [found] if first is None else [found, first]


# Titles of elected office: "councillor X of the Civic Party" names the holder's party, not where the seat is
_ELECTED_TITLES = {"councillor", "councilor", "councilman", "councilwoman", "politician", "lawmaker", "legislator",
                   "senator", "representative", "mp", "mpp", "mep", "msp", "mla", "congressman", "congresswoman",
                   "assemblyman", "assemblywoman", "alderman", "candidate", "nominee", "deputy", "member", "delegate"}


_HIRING_VERBS = {"appoint", "name", "promote", "hire", "elect", "choose", "select", "nominate", "install", "tap"}


def _hiring_org(doc: Doc, person: Span) -> EntityCluster | None:
    """"Acme promoted X to chief executive": the organisation that gave X the post, as the verb's subject."""
    root = person.root
    if root.dep_ != "dobj" or root.head.lemma_ not in _HIRING_VERBS:
        return None
    return _appointing_body(doc, root.head)


# Who names people to posts on a body's behalf: "the board of Acme appointed X"
_APPOINTING_GROUPS = {"board", "directors", "shareholders", "members", "trustees", "council"}


def _appointing_body(doc: Doc, verb: Token) -> EntityCluster | None:
    """The organisation a hiring verb's subject names: "Acme", or "the board of Acme"."""
    for subject in (c for c in verb.children if c.dep_ == "nsubj"):
        org = entity_at(doc, subject)
        if org is None and subject.lower_ in _APPOINTING_GROUPS:
            org = next((entity_at(doc, o) for p in subject.children if p.dep_ == "prep" and p.lower_ == "of"
                        for o in p.children if o.dep_ == "pobj" and entity_at(doc, o) is not None), None)
        if org is not None and org.type in ("Organization", "Other"):
            org.type = "Organization"  # what names people to posts is a body, whatever the model said
            return org
    return None


def _hired_into(doc: Doc, person: Span, limit: int) -> tuple[str, EntityCluster | None] | None:
    """"Acme named X its new chairman", "the board appointed X chief executive": the post right after the
    name of an active hiring verb's object (the parser often makes the title the object instead)."""
    k = person.start - 1
    while k > 0 and person.start - k <= 2 and (doc[k].text == "." or doc[k].lower_ in HONORIFICS or (
            doc[k].lower_ + "." in TITLE_ABBREVIATIONS and doc[k + 1].text == ".") or doc[k].lower_ in TITLE_ABBREVIATIONS):
        k -= 1  # "named Col. X", "appointed Dr. X"
    verb = doc[k] if k >= 0 else None
    if verb is None or verb.lemma_ not in _HIRING_VERBS or verb.pos_ != "VERB" or \
            any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return None
    found = read_role_after(doc, person.end, limit)
    k = person.end
    while not found and k + 1 < limit and k - person.end < 16 and doc[k].pos_ != "VERB":
        if doc[k].lower_ == "as":  # "named X, a close ally of Y, as its head" (the parser may hang "as" anywhere)
            found = read_role_after(doc, k + 1, limit)
        k += 1
    if not found or _titles_the_next_name(doc, found[2], limit):
        return None
    return found[0], found[1] or _appointing_body(doc, verb)


def _org_of(doc: Doc, i: int, limit: int, role: str) -> EntityCluster | None:
    """"publisher Jann Wenner | of Rolling Stone": a titled name, then the organisation it belongs to.
    A place after "of" is where the person is from ("Fujimori of Peru"), so only organisations count;
    after an elected title the organisation is the holder's party, not the role's ("councillor X of DAB")."""
    if i + 2 < limit and doc[i].text == "," and doc[i + 1].lower_ in ("of", "from"):
        # "Detective Inspector X, of Greater Manchester Police, said": the same, set off by commas
        org = _org_of(doc, i + 1, limit, role)
        end = _entity_span_end(doc, i + 2 + (doc[i + 2].lower_ == "the")) if org is not None else limit
        return org if end >= limit or doc[end].is_punct else None
    if i + 1 >= limit or doc[i].lower_ not in ("of", "from", "at", "with", "(", *_POSSESSIVE_MARKS) or not role \
            or role.split()[-1] in _ELECTED_TITLES:
        return None  # "singer Ronnie Drew from The Dubliners" too
    if doc[i].lower_ in ("at", "with") and (role.split()[-1] in OFFICE_TITLES or role in OFFICE_TITLES
                                            or role.split()[-1] in HEAD_OF_STATE_TITLES):
        return None  # "analyst X at Acme" works there; "President X at the White House" only stands there
    if doc[i].lower_ in ("at", "with") and doc[i].head.i != i - 1 and doc[i].head.lemma_ not in SPEECH_VERBS:
        return None  # "Professor X at Y said" (not "interviewed Professor X at Y": there "at" is the verb's)
    if doc[i].lower_ in _POSSESSIVE_MARKS:
        # "Gen. X's Army of the Potomac", "coach X's Harbour Rovers", "Chairman X's Unity Party"; not an office
        # held for a country ("President X's Unity Party" is the president's party, not where he presides)
        org = entity_at(doc, i + 1)
        last = role.split()[-1]
        return org if org is not None and org.type == "Organization" and _entity_span_start(doc, i + 1) == i + 1 \
            and last not in OFFICE_TITLES and role not in OFFICE_TITLES and last not in HEAD_OF_STATE_TITLES else None
    if doc[i].text == "(":  # "fiddler Jane Roe (Blue Rain)": the bracket holds only the band
        org = entity_at(doc, i + 1)
        end = _entity_span_end(doc, i + 1)
        return org if org is not None and org.type == "Organization" and _entity_span_start(doc, i + 1) == i + 1 \
            and end < limit and doc[end].text == ")" else None
    j = i + 1 + (doc[i + 1].lower_ == "the" and i + 2 < limit)
    org = entity_at(doc, j)
    if org is None:
        described = _described_org(doc, j, limit)  # "rapper X of the hip-hop group Y"
        return described[0] if described is not None else None
    return org if org.type == "Organization" and _entity_span_start(doc, j) == j else None


def _reigning_title(doc: Doc, mention: Span, limit: int) -> tuple[str, EntityCluster | None] | None:
    """"King Abdullah of Jordan": the title the name opens with, and the realm after "of" or before
    "'s" ("Jordan's King Abdullah")."""
    first = doc[mention.start]
    if len(mention) < 2 or not first.is_title or first.lower_ not in REIGNING_TITLES:
        return None
    realm = _seat_of(doc, mention.end, limit, first.lower_)
    if realm is None and mention.start >= 2 and doc[mention.start - 1].lower_ in _POSSESSIVE_MARKS:
        owner = entity_at(doc, mention.start - 2)
        realm = owner if owner is not None and owner.type == "Place" else None
    return first.lower_, realm


def _seat_of(doc: Doc, i: int, limit: int, role: str) -> EntityCluster | None:
    """"Sen. Jane Roe | of Ohio", "Rep. X from Texas": the place an elected title's seat is for."""
    if i + 1 >= limit or doc[i].lower_ not in ("of", "from") or not role:
        return None
    last = role.split()[-1]
    if last not in _ELECTED_TITLES - {"member", "candidate", "nominee", "politician", "delegate"} and not (
            doc[i].lower_ == "of" and (last in OFFICE_TITLES or role in OFFICE_TITLES)):
        return None  # "President X of Finland": the office's country; "Senator X from Ohio": the seat's
    place = entity_at(doc, i + 1)
    return place if place is not None and place.type == "Place" else None


def _past_origin(doc: Doc, i: int, limit: int) -> int | None:
    """Where an apposition starts after "of|from PLACE-or-BODY" that follows a name: "X of Montana(,) the
    chairman of Y", "X from Acme, chairman of Y"; None when no apposition follows."""
    if i + 2 >= limit or doc[i].lower_ not in ("of", "from"):
        return None
    found = entity_at(doc, i + 1)
    if found is None or found.type not in ("Place", "Organization") or _entity_span_start(doc, i + 1) != i + 1:
        return None
    end = _entity_span_end(doc, i + 1)
    comma = end < limit and doc[end].text == ","
    end += comma
    if end + 1 < limit and (doc[end].lower_ in _ARTICLES or (comma and is_role_word(doc[end]))):
        return end
    return None


def _led_under(doc: Doc, person: Span) -> EntityCluster | None:
    """"the Continental Army under George Washington", "Iraq under X": a body (or a country) the parse says
    "under X" qualifies is led by X. Not "studied at Y under X" (there "under" hangs on the verb)."""
    root = person.root
    if root.dep_ != "pobj" or root.head.lower_ != "under" or root.head.head.pos_ not in ("PROPN", "NOUN"):
        return None
    return _org_entity(entity_at(doc, root.head.head))


_PARTY_WORDS = {"party", "bloc"}


_LABEL_NAME_WORDS = {"records", "recordings"}
_LABEL_NOUNS = {"label", "imprint"}


def _own_body(doc: Doc, person: Span, limit: int) -> tuple[str, EntityCluster] | None:
    """What a person's possessive names as theirs: "Sharon's Kadima Party", "Enoksen's Siumut party" (a
    party word ends the name or follows it: a member), "Reis' Swami Records", "X's label Y", "her
    record label Y" after the name (a label: a recording artist). Any other "X's Y" says too little."""
    i = person.end
    if i + 1 >= limit or doc[i].lower_ not in _POSSESSIVE_MARKS:
        return None
    j = i + 1
    while j < limit and j - i <= 3 and doc[j].is_lower and _free(doc, j) and doc[j].pos_ in ("ADJ", "ADV", "VERB") \
            and doc[j].lower_ not in _LABEL_NOUNS:
        j += 1  # "Reis' newly formed | Swami Records"
    noun = None
    if j + 1 < limit and doc[j].lower_ in ("record", "recording") and doc[j + 1].lower_ in _LABEL_NOUNS | {"company"}:
        j += 1
    if j + 1 < limit and doc[j].lower_ in _LABEL_NOUNS | {"company"} and doc[j].is_lower:
        noun, j = doc[j].lower_, j + 1  # "Corrinne's label | Pink Armchair Records"
    org = entity_at(doc, j) if j < limit else None
    if org is None or org.type != "Organization" or _entity_span_start(doc, j) != j:
        return None
    end = _entity_span_end(doc, j)
    last = doc[end - 1].lower_
    after = doc[end].lower_ if end < limit and doc[end].is_lower else ""
    if after in ("record", "recording") and end + 1 < limit:
        after = doc[end + 1].lower_  # "Aftermath Entertainment record label"
    if noun is None and j == i + 1 and (last in _PARTY_WORDS or after in _PARTY_WORDS):
        return "member", org
    if (noun is not None and noun in _LABEL_NOUNS) or last in _LABEL_NAME_WORDS or after in _LABEL_NOUNS:
        return "recording artist", org
    return None


def _labels_person(doc: Doc, person: Span, sentence_start: int) -> EntityCluster | None:
    """"Mute Records' Daniel Miller": a record label's possessive on a person's name (a label's people are
    its artists and its staff; other bodies' possessives give a plain membership in _plain_affiliations,
    never a party's: "Harbour Party's Ann Lee" is a label, not a post)."""
    i = person.start - 1
    if i - 1 < sentence_start or doc[i].lower_ not in _POSSESSIVE_MARKS:
        return None
    org = entity_at(doc, i - 1)
    if org is None or org.type != "Organization" or _entity_span_end(doc, i - 1) != i \
            or org.name.split()[-1].lower() not in _LABEL_NAME_WORDS:
        return None
    return org


_FORMERLY = {"formerly", "previously", "once", "ex", "ex-"}
_OWNERS = {"his", "her", "their"}
# A party a candidate runs for is a label, not a post ("Jane Roe of the Civic Party won the seat", "Labour's
# John Doe was elected"); nor is an outlet a writer's byline names ("John Doe of The Daily Mail wrote"): the
# plain affiliations below leave out parties, outlets and sentences about an election
_PARTY_NAME_WORDS = {"party", "front", "league", "alliance", "congress", "movement", "bloc", "coalition", "caucus"}
_OUTLET_WORDS = MEDIA_HEADS | {"mail", "globe", "press", "radio", "television", "tv", "network", "wire"}
_ELECTION_WORDS = {"elect", "re-elect", "reelect", "election", "candidate", "vote", "ballot", "poll", "constituency",
                   "seat", "campaign", "nominee", "primary", "councillor", "councilor", "electorate", "riding"}


def _plain_body(org: EntityCluster) -> bool:
    """An organisation a plain affiliation may name: not a party, not a news outlet."""
    last = org.name.split()[-1].lower() if org.name else ""
    return last not in _PARTY_NAME_WORDS and last not in _OUTLET_WORDS


def _about_an_election(sentence: Span) -> bool:
    return any(t.lemma_.lower() in _ELECTION_WORDS or t.lower_ in _ELECTION_WORDS for t in sentence)


def _named_org_at(doc: Doc, j: int, limit: int) -> tuple[EntityCluster, int] | None:
    """The organisation named at token j (after an optional "the"), or after descriptors there ("the
    Scottish pop group Y"): (organisation, end)."""
    kind = j > 0 and doc[j - 1].lower_ in _NAMED_KINDS and doc[j - 1].is_lower
    if j < limit and doc[j].lower_ == "the":
        j += 1
    if j >= limit:
        return None
    org = entity_at(doc, j)
    if org is not None and kind and org.type in ("Place", "Person", "Other") and _entity_span_start(doc, j) == j:
        org.type = "Organization"  # "his band the Blue Rockets": a body the model took for a place or a thing
    if org is not None and org.type == "Organization" and _entity_span_start(doc, j) == j:
        return org, _entity_span_end(doc, j)
    return _described_org(doc, j, limit) if org is None else None


def _plain_affiliations(doc: Doc, person: Span, limit: int) -> list[tuple[str, EntityCluster]]:
    """Affiliations a name carries without a title (each a "member", so a title at the same
    organisation replaces it):

    * "X, formerly of Y": Y an organisation (a place after "of" is where X is from; a title before the name is
      read with its own organisation);
    * "X (Y)", "X (of Y)", "X (from Y)", "X (formerly of Y)": an organisation alone in the bracket;
    * "Y under X" (a leader when "under X" qualifies Y, see _led_under; a member at least where the parser
      hung it on a verb);
    * "X and his band Y", "X and her Y party": the person's own band, party or group.

    Not a plain "X of Y" or "Y's X" ("Bill Sullivan of Dean Witter said", "Red Bull's Max Verstappen won"):
    that is how a story says who someone is with, which its facts do not count as a post; the relation
    layer keeps it as memberOf.
    """
    found: list[tuple[str, EntityCluster]] = []
    start = person.start
    i = _skip_life_dates(doc, person.end, limit)
    bracket = i < limit and doc[i].text == "("
    k = i + 1 if bracket or (i + 1 < limit and doc[i].text == "," and doc[i + 1].lower_ in _FORMERLY) else i
    former = k < limit and doc[k].lower_ in _FORMERLY
    if former:
        k += 1 + (k + 1 < limit and doc[k + 1].text == "-")
    # only in a bracket or after "formerly": a plain "X of Y" / "X at Y" in running news is how a story names
    # who someone is with ("Bill Sullivan of Dean Witter said"), which its facts do not count as a post;
    # "from" only in a bracket ("signed X from Y" says where X came from)
    if k < limit and (doc[k].lower_ in ("of", "at") or (bracket and doc[k].lower_ == "from")) and (
            bracket or former):
        named = _named_org_at(doc, k + 1, limit)
    elif bracket and k < limit:
        named = _named_org_at(doc, k, limit)
        named = named if named is not None and named[0] is entity_at(doc, k + (doc[k].lower_ == "the")) else None
    else:
        named = None
    if named is not None and (not bracket or (named[1] < limit and doc[named[1]].text == ")")):
        found.append(("former member" if former else "member", named[0]))
    if start - 2 >= person.sent.start and doc[start - 1].lower_ == "under" and _free(doc, start - 1):
        body = entity_at(doc, start - 2)  # "switched to the Ministry of Labour under X", "studied at Y under X"
        if body is not None and body.type == "Organization" and _entity_span_end(doc, start - 2) == start - 1:
            found.append(("member", body))
    if i + 2 < limit and doc[i].lower_ == "and" and doc[i + 1].lower_ in _OWNERS:
        j = i + 2
        own = entity_at(doc, j)
        if own is not None and own.type == "Organization" and _entity_span_start(doc, j) == j:
            end = _entity_span_end(doc, j)  # "and his National Alliance party"
            if end < limit and doc[end].lower_ in _BODY_KINDS | _PARTY_WORDS:
                found.append(("member", own))
        else:
            while j < limit and j - i < 6 and doc[j].is_lower and _free(doc, j) and doc[j].lower_ not in _BODY_KINDS:
                j += 1  # "and his jazz | band | the Blue Rockets"
            named = _named_org_at(doc, j + 1, limit) if j < limit and doc[j].lower_ in _BODY_KINDS else None
            if named is not None:
                found.append(("member", named[0]))
    if found and _about_an_election(person.sent):
        return []
    return [(role, org) for role, org in found if _plain_body(org)]


_LEAVING_VERBS = {"leave", "quit", "exit"}


def _left_bodies(person: Span) -> list[tuple[str, EntityCluster]]:
    """"X left Y", "X, who quit Y in 1997", "X left A and joined B": X was a member of Y (a former one)."""
    doc = person.doc
    root = person.root
    verbs = [root.head] if root.dep_ == "nsubj" else []
    verbs += _relative_clauses(root)
    verbs += [c for v in list(verbs) for c in v.children if c.dep_ == "conj" and c.pos_ == "VERB"
              and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)]
    found = []
    for verb in verbs:
        if verb.lemma_.lower() not in _LEAVING_VERBS or _is_passive(verb):
            continue
        for obj in (c for c in verb.children if c.dep_ == "dobj"):
            org = _object_org(doc, obj)
            if org is not None and org.type == "Organization":
                found.append(("former member", org))
    return found


def _org_under(doc: Doc, person: Span) -> EntityCluster | None:
    """"the 82nd Airborne Division under Brigadier General X": the body the titled person leads."""
    root = person.root
    if root.dep_ != "pobj" or root.head.lower_ != "under":
        return None
    org = entity_at(doc, root.head.head)
    if (org is None or org.type != "Organization") and root.head.i > 0:
        org = entity_at(doc, root.head.i - 1)  # the parser hung "under X" on the verb: the body right before
    return org if org is not None and org.type == "Organization" else None


def _list_head(doc: Doc, mention: Span) -> Span | None:
    """The first name of a list whose items may carry an affiliation: "councillors A from the Civic Party,
    B of the Labour Party, and C of LSD" -> A, for B and C (read over tokens, not the parse)."""
    k = mention.start - 1
    first = None
    for _ in range(10):
        while k >= mention.sent.start and doc[k].lower_ in (",", "and"):
            k -= 1
        if k - 2 >= mention.sent.start and doc[k].text == ")":  # "athletes A (tennis) and B (golf)"
            opening = next((m for m in range(k - 1, max(mention.sent.start, k - 6) - 1, -1) if doc[m].text == "("), None)
            if opening is None:
                break
            k = opening - 1
        if k < mention.sent.start or k == mention.start - 1:
            break  # the name must follow a separator
        cluster = entity_at(doc, k)
        if cluster is not None and cluster.type == "Organization":  # the previous item's affiliation
            k = _entity_span_start(doc, k) - 1
            if k >= mention.sent.start and doc[k].lower_ == "the":
                k -= 1
            if k < mention.sent.start or doc[k].lower_ not in ("of", "from"):
                break
            k -= 1
            cluster = entity_at(doc, k)
        if cluster is None or cluster.type != "Person":
            break
        start = _entity_span_start(doc, k)
        first = doc[start:k + 1]
        if start > mention.sent.start and doc[start - 1].tag_ in ("NNS", "NNPS") and is_role_word(doc[start - 1]):
            return first
        k = start - 1
    return None


def _first_conjunct(doc: Doc, mention: Span) -> Span | None:
    """For the 2nd, 3rd... name of a list ("photographers A, B and C"), the list's first name."""
    token = mention.root
    seen = 0
    while token.dep_ == "conj" and token.head.i < token.i and seen < 12:
        token = token.head
        seen += 1
    if token is mention.root:
        return None
    cluster = entity_at(doc, token)
    if cluster is None or cluster.type != "Person":
        return None
    for candidate in cluster.mentions:
        if candidate.start <= token.i < candidate.end:
            return candidate
    return None


def _place_of_demonym(doc: Doc, word: str) -> EntityCluster | None:
    """The article's Place a nationality word names: "Moroccan" -> Morocco, "Soviet" -> Soviet Union
    (only a Place the text names)."""
    for cluster in doc._.ng_entities or []:
        if cluster.type == "Place" and any(is_demonym_of(word, name) or (" " in name and name.split()[0] == word)
                                           for name in (cluster.name, *cluster.aliases)):
            return cluster
    return None


def _demonym_jurisdiction(doc: Doc, mention: Span, role: str) -> EntityCluster | None:
    """"Moroccan Ambassador", "the Japanese prime minister X": the nationality on the title, as the Place it names.

    The nationality must stand right before the title's first word, in the mention's sentence, and the
    nearest such title to the name wins."""
    first = role.split()[0] if role else ""
    best = None
    for token in mention.sent:
        if token.lower_.endswith("based") or not (_is_demonym(token) or (
                token.is_title and entity_at(doc, token.i) is not None and _place_of_demonym(doc, token.text))):
            continue  # a nationality the model called a person ("Ecuadoran") still names its country
        k = token.i + 1
        while k < mention.sent.end and (doc[k].text == "-" or _is_demonym(doc[k])):
            k += 1
        if k >= mention.sent.end or doc[k].lower_ != first:
            continue
        distance = min(abs(token.i - mention.start), abs(token.i - mention.end))
        if distance <= 8 and (best is None or distance < best[0]):
            best = (distance, token)
    return _place_of_demonym(doc, best[1].text) if best is not None else None


# A company's officers: with no body named, in a story about one company, that company's
_COMPANY_OFFICERS = {"chief executive", "chief executive officer", "ceo", "chief financial officer", "cfo",
                     "chief operating officer", "coo", "finance director", "finance chief", "chief technology officer"}
# Titles a country's government has (the last word of the title): its head, its ministers
_NATIONAL_TITLE_HEADS = {"president", "minister", "premier", "chancellor"}
# How a sentence names the country it is about, not a place something happens in ("in Tehran")
_COUNTRY_AS_ACTOR = {"nsubj", "nsubjpass", "poss", "dobj", "appos", "ROOT"}


def _country_of_the_sentence(doc: Doc, mention: Span, role: str) -> EntityCluster | None:
    """"Russia still faces a threat, Prime Minister Vladimir Putin warned": a government's title with
    no country of its own is that of the one place the sentence is about (its subject, a possessive,
    an object), not of a place named after a preposition or in the dateline; no president's or
    chancellor's in a sentence that names an organisation, whose title it may be."""
    words = role.split()
    if not words or words[-1] not in _NATIONAL_TITLE_HEADS:
        return None
    sentence = mention.sent
    if words[-1] in ("president", "chancellor") and any(
            (cluster := entity_at(doc, token.i)) is not None and cluster.type == "Organization" for token in sentence):
        return None  # "Acme's president", "the university's chancellor": a body's title, perhaps
    if any(_is_demonym(token) and token.i + 1 < sentence.end and doc[token.i + 1].lower_ == words[0] for token in sentence):
        return None  # "Iranian Oil Minister X is in the UAE": the nationality says whose, though no place names it
    dateline = doc._.ng_dateline
    where = dateline.place_span if dateline is not None and dateline.place_span else (0, 0)
    places = {id(cluster): cluster for token in sentence if token.dep_ in _COUNTRY_AS_ACTOR and
              not where[0] <= token.idx < where[1] and  # "PARIS, March 5 - ...": where the story was filed
              (cluster := entity_at(doc, token.i)) is not None and cluster.type == "Place" and
              head_token(next(m for m in cluster.mentions if m.start <= token.i < m.end)) == token}
    return next(iter(places.values())) if len(places) == 1 else None


_LIFE_WORDS = {"born", "died", "b.", "d.", "c.", "ca.", "-", "–", "—", "to", "and"}


def _skip_life_dates(doc: Doc, i: int, limit: int) -> int:
    """Index after a bracket of dates right after a name ("X (1847-1909)", "X (born 1 December 1944)"), or i."""
    if i >= limit or doc[i].text != "(":
        return i
    for k in range(i + 1, min(limit, i + 12)):
        if doc[k].text == ")":
            return k + 1 if k > i + 1 else i
        if not (doc[k].like_num or doc[k].ent_type_ == "DATE" or doc[k].lower_ in _LIFE_WORDS):
            return i
    return i


_RELATIVES = {"who", "that"}
_CONTRACT_VERBS = {"have", "hold"}  # "X, who had a recording contract with Y"


def _relative_clauses(root: Token) -> list[Token]:
    """"X, who coaches at Y": the clauses on a name whose subject is "who" (or "that")."""
    return [c for c in root.children if c.dep_ == "relcl" and any(
        g.dep_ in ("nsubj", "nsubjpass") and g.lower_ in _RELATIVES for g in c.children)]


def _is_passive(verb: Token) -> bool:
    return verb.tag_ == "VBN" and (any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
                                   or verb.dep_ == "acl")


def _bare_object(verb: Token) -> bool:
    """The verb has no object, or only a bare one that says how the post is held: "played bass in Y",
    "coached basketball at Y" (not "wrote a letter for Y", "played his last game in Y")."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not objects:
        return True
    return verb.lemma_.lower() in AFFILIATION_OBJECTS and all(
        entity_at(verb.doc, o) is None and not any(g.dep_ in ("det", "poss", "nummod") for g in o.children)
        for o in objects)


def _affiliation_verb(person: Span) -> tuple[str, EntityCluster] | None:
    """"X joined Y", "X later joined Y as chief economist", "X played for Y", "X works at Y", "X, who
    coaches at Y", "X was hired by Y", "X is signed to Y": the role the verb implies (``AFFILIATION_VERBS``,
    ``AFFILIATION_PASSIVE_VERBS``), or the title its "as" names, at the organisation it names."""
    doc = person.doc
    root = person.root
    verbs = [root.head] if root.dep_ in ("nsubj", "nsubjpass") else []
    # "X, who coaches at Y"; "Wilson Pickett, now signed to Atlantic Records"
    verbs += _relative_clauses(root) + [c for c in root.children if c.dep_ == "acl" and c.tag_ == "VBN"]
    # "X left A and joined B": a later verb with no subject of its own; "X went on to play for Y"
    verbs += [c for v in list(verbs) for c in v.children if c.dep_ == "conj" and c.pos_ == "VERB"
              and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)]
    verbs += [c for v in list(verbs) for c in v.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
    verbs += _clauses_after_prepositions(verbs[:1] if root.dep_ in ("nsubj", "nsubjpass") else [])
    for verb in verbs:
        lemma = verb.lemma_.lower()
        passive = _is_passive(verb)
        table = AFFILIATION_PASSIVE_VERBS if passive else AFFILIATION_VERBS
        for child in verb.children:
            if child.dep_ == "dobj" and not passive and (lemma, None) in table:
                implied, objects = table[(lemma, None)], [child]
            elif child.dep_ in ("prep", "agent") and (lemma, child.lower_) in table and (passive or _bare_object(verb)):
                implied = table[(lemma, child.lower_)]
                objects = [c for c in child.children if c.dep_ == "pobj"]
            else:
                continue
            for obj in objects:
                org = _object_org(doc, obj)
                if org is None or org.type != "Organization":
                    continue
                return _as_title(doc, verb) or implied, org
    return _contract_org(person)


def _contract_org(person: Span) -> tuple[str, EntityCluster] | None:
    """"X's contract with Y", "X (who had a recording contract with Y)": a contract the person holds
    with an organisation ("signee"). A contract a person signs for others ("the governor signed a
    contract with Acme") is not one they hold: only possession and "have"/"hold" count."""
    doc = person.doc
    root = person.root
    nouns = [root.head] if root.dep_ == "poss" and root.head.lemma_.lower() == "contract" else []
    holders = ([root.head] if root.dep_ == "nsubj" else []) + _relative_clauses(root)
    nouns += [c for v in holders if v.lemma_.lower() in _CONTRACT_VERBS
              for c in v.children if c.dep_ == "dobj" and c.lemma_.lower() == "contract"]
    for noun in nouns:
        for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "with"):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                org = _object_org(doc, obj)
                if org is not None and org.type == "Organization":
                    return "signee", org
    return None


_RELEASE_VERBS = {"release", "issue", "reissue", "record", "distribute", "publish"}
_LABEL_PREPOSITIONS = {"by", "on", "through", "via", "under", "for", "with"}


def _release_label(person: Span) -> tuple[str, EntityCluster] | None:
    """"an album by X released by Y", "X's debut album was released by Y", "X's first single for Y",
    "X released her album through Y": the label a person's recordings come out on ("recording artist").
    The recording must be the person's (their possessive, "by X", or what they released)."""
    doc = person.doc
    root = person.root
    works = []
    if root.dep_ == "poss" and root.head.lemma_.lower() in WORK_NOUNS:
        works.append(root.head)
    elif root.dep_ == "pobj" and root.head.lower_ == "by" and root.head.head.lemma_.lower() in WORK_NOUNS:
        works.append(root.head.head)
    # "a song by X from his debut album released on Y": the album the song is from is X's too
    works += [o for w in list(works) for p in w.children if p.dep_ == "prep" and p.lower_ == "from"
              for o in p.children if o.dep_ == "pobj" and o.lemma_.lower() in WORK_NOUNS]
    verbs = []
    if root.dep_ == "nsubj" and root.head.lemma_ in _RELEASE_VERBS and any(
            c.dep_ == "dobj" and c.lemma_.lower() in WORK_NOUNS for c in root.head.children):
        verbs.append(root.head)  # "X released her album through Y"
    if works:  # the parser may hang "released by Y" on the name rather than on the album
        verbs += [c for c in root.children if c.dep_ in ("acl", "relcl") and c.lemma_ in _RELEASE_VERBS]
    for work in works:
        verbs += [c for c in work.children if c.dep_ in ("acl", "relcl") and c.lemma_ in _RELEASE_VERBS]
        if work.dep_ == "nsubjpass" and work.head.lemma_ in _RELEASE_VERBS:
            verbs.append(work.head)
    # "the first album by X for Y": the parser may hang the label's "for" on the name
    for head in verbs + works + ([root] if works and root.dep_ == "pobj" else []):
        preps = _LABEL_PREPOSITIONS if head.pos_ in ("VERB", "AUX") else {"for", "on"}
        for prep in (c for c in head.children if c.dep_ in ("prep", "agent") and c.lower_ in preps):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                org = _object_org(doc, obj)
                if org is not None and org.type == "Organization":
                    return "recording artist", org
    return None


def _as_title(doc: Doc, verb: Token) -> str | None:
    """The title a verb's "as" names: "joined Y as chief economist" -> chief economist."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"):
        for obj in (c for c in prep.children if c.dep_ == "pobj" and entity_at(doc, c) is None):
            found = read_role_after(doc, obj.left_edge.i, obj.sent.end)
            if found and found[2] > obj.i:
                return found[0]
    return None


# Roles said by no title, only implied by a verb, a contract or a possessive
_IMPLIED_ROLES = {"member", "employee", "signee", "recording artist", "player"}
_IMPLIED_CONFIDENCE = 0.6  # what those rules keep them with (a title "member of Y" is kept with more)


def _plural_title(token: Token) -> bool:
    """"players", "Ministers" (a capitalised plural the tagger took for a singular name)."""
    return (token.tag_ in ("NNS", "NNPS") and is_role_word(token)) or token.lower_ in PLURAL_TITLE_ABBREVIATIONS or (
        token.is_title and token.lower_.endswith("s") and token.lower_[:-1] in ROLE_NOUNS)


def _after_examples(doc: Doc, i: int, sentence_start: int) -> int:
    """"Prime Ministers of India including A and B", "players such as A": where the words before the examples
    end (the index of "including"/"such"), or i."""
    if i - 1 > sentence_start and doc[i - 1].lower_ in ("including", "like"):
        return i - 1
    if i - 2 > sentence_start and doc[i - 1].lower_ == "as" and doc[i - 2].lower_ == "such":
        return i - 2
    return i


# Posts a body's own people hold: one taken on by someone who holds a post there is at the same body
_POSTS_OF_A_BODY = CORPORATE_TITLE_WORDS | {"chief", "executive", "officer", "director", "president", "chair", "head"}


class _Counterpart(NamedTuple):
    holder: EntityCluster
    mention: Span
    source: RoleFact  # the post held by the person the holder is the counterpart of
    body: EntityCluster | None


def _counterpart(doc: Doc, noun: Token, roles: list[RoleFact]) -> _Counterpart | None:
    """"Tajik Foreign Minister A and his Kyrgyz counterpart, B": B holds A's post, for another country
    (the demonym's, left to the title's place) or another body ("his Globex counterpart"). A is the
    nearest person before, in the sentence, with a title found there."""
    if not any(c.dep_ == "poss" and c.lower_ in ("his", "her") for c in noun.children):
        return None
    start = noun.i + 1 + (noun.i + 1 < len(doc) and doc[noun.i + 1].text == ",")
    holder = entity_at(doc, start) if start < len(doc) else None
    if holder is None or holder.type != "Person":
        return None
    mention = next((m for m in holder.mentions if m.start == start), None)
    sentence = noun.sent
    earlier = [(max(m.start for m in r.person.mentions if sentence.start <= m.start < noun.i), r) for r in roles
               if r.sentence.start == sentence.start and r.person is not holder and r.qualifier is None
               and any(sentence.start <= m.start < noun.i for m in r.person.mentions)]
    if mention is None or not earlier:
        return None
    source = max(earlier, key=lambda e: e[0])[1]
    body = next((entity_at(doc, c.i) for c in noun.children if c.dep_ in ("compound", "amod") and
                 entity_at(doc, c.i) is not None and entity_at(doc, c.i).type == "Organization"), None)  # type: ignore[union-attr]
    if source.organization is not None and body is None:
        return None  # "Acme's chief executive A and his counterpart B": at which body is not said
    return _Counterpart(holder, mention, source, body)


class RoleFinder:
    """spaCy component: builds ``doc._.ng_roles``."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        roles: dict[tuple, RoleFact] = {}

        def keep(person: EntityCluster, role: str, org: EntityCluster | None, sentence: Span, confidence: float,
                 at: Span | None = None):
            role, qualifier = split_qualifier(role.strip(" -"))
            jurisdiction = None
            if org is None and role:  # (``at``: the holder's mention; by default the mention loop's current one)
                held_at = at if at is not None else mention
                jurisdiction = _demonym_jurisdiction(doc, held_at, role) or _country_of_the_sentence(doc, held_at, role)
                if jurisdiction is None and role in _COMPANY_OFFICERS:
                    # "Chief executive Priya Khanna said ...": in a story about a company, its officer
                    org = story_company(doc, held_at.start, company=True)
            if org is not None and org.type == "Place":
                if set(role.split()) & CORPORATE_TITLE_WORDS:
                    org.type = "Organization"  # "chief executive of Acme": a company the model took for a place
                else:
                    org, jurisdiction = None, org  # "U.S. President": the place is where, not whom for
            for part in split_coordinated(role):
                part, part_qualifier = split_qualifier(part) if qualifier is None else (part, qualifier)
                if not part or part in ROLE_MODIFIERS - _HEAD_MODIFIERS or part.split()[-1] in ROLE_QUALIFIERS:
                    continue
                key = (id(person), part, id(org) if org else None)
                if key not in roles or roles[key].confidence < confidence:
                    roles[key] = RoleFact(person=person, role=part, organization=org, sentence=sentence,
                                          confidence=confidence, jurisdiction=jurisdiction, qualifier=part_qualifier)

        for cluster in doc._.ng_entities or []:
            if cluster.type != "Person":
                continue
            for mention in cluster.mentions:
                sentence = mention.sent
                limit = sentence.end
                after = mention.end
                for implied, body in _plain_affiliations(doc, mention, limit) + _left_bodies(mention):
                    keep(cluster, implied, body, sentence, 0.5)  # "X of Y", "Y's X", "X left Y"
                if after < limit and doc[after].lower_ in POSTNOMINAL_TITLES and doc[after].is_upper \
                        and entity_at(doc, after) is None:
                    keep(cluster, POSTNOMINAL_TITLES[doc[after].lower_], None, sentence, 0.7)  # "X QC"
                if after + 1 < limit and doc[after].text == "," and doc[after + 1].lower_ in POSTNOMINAL_TITLES \
                        and doc[after + 1].is_upper and entity_at(doc, after + 1) is None:
                    keep(cluster, POSTNOMINAL_TITLES[doc[after + 1].lower_], None, sentence, 0.7)  # "X, QC,"
                reign = _reigning_title(doc, mention, limit)
                if reign is not None:  # "King Abdullah of Jordan", "Jordan's King Abdullah", "Pope Francis"
                    keep(cluster, reign[0], reign[1], sentence, 0.75)
                last = doc[mention.end - 1]
                if len(mention) > 2 and is_role_head(last) and (
                        last.is_lower or (last.is_title and last.lower_ in TITLE_WORDS | {"leader"})):
                    # "Reg Empey Leader | of the Ulster Unionist Party": the model took the title into the name
                    org, _ = org_after(doc, after, limit)
                    if org is not None:
                        keep(cluster, last.lower_, org, sentence, 0.7)
                        continue
                after = _skip_life_dates(doc, after, limit)  # "X (1847-1909) the 6th President of Brazil"
                if after + 1 < limit and doc[after].lower_ in _POSSESSIVE_MARKS and doc[after + 1].text == "(":
                    after += 1  # "X's (drummer of Y) solo album"
                if after < limit and doc[after].text in (",", "(") and not (
                        after + 1 < limit and doc[after + 1].tag_ in ("NNS", "NNPS") and doc[after + 1].is_lower):
                    # "X (Seventh President of Finland)"; not "According to Price, officers were ...": one
                    # person is no plural
                    found = read_role_after(doc, after + 1, limit)
                    if found and _titles_the_next_name(doc, found[2], limit):
                        found = None  # "Vice President A, Secretary of State B and ...": B's title, a list
                    if found:
                        keep(cluster, found[0], found[1], sentence, 0.85 if found[1] else 0.7)
                        nxt = found[2]
                        if nxt + 1 < limit and doc[nxt].lower_ == "and":  # "..., professor of X and curator of Y"
                            also = read_role_after(doc, nxt + 1, limit)
                            if also:
                                keep(cluster, also[0], also[1], sentence, 0.8 if also[1] else 0.65)
                        before = read_role_before(doc, mention.start, sentence.start)
                        if before:  # "Major General X, spokesman for Y": two roles
                            keep(cluster, before[0], before[1], sentence, 0.8 if before[1] else 0.65)
                        for verbal in _verb_roles(mention):  # "X, the council president who has served as mayor"
                            keep(cluster, verbal[0], verbal[1], sentence, 0.7)
                        continue
                adverb = after + 2 < limit and doc[after].lower_ in _ADVERBS and _free(doc, after)
                next_entity = entity_at(doc, after) if after < limit else None
                org_first = next_entity is not None and next_entity.type in ("Organization", "Place") and \
                    _entity_span_start(doc, after) == after  # "Phyllis Schlafly Eagle Forum president"
                participle = after + 1 < limit and doc[after].tag_ == "VBG" and doc[after].is_lower \
                    and is_role_word(doc[after + 1])  # "X commanding officer of Y"
                # "X current Prime Minister of Y", "X first elected leader of Y", "X solo artist and lead singer of Y"
                tenure = after + 1 < limit and _free(doc, after) and doc[after].is_lower and (
                    doc[after].lower_ in TENURE_WORDS or doc[after].ent_type_ == "ORDINAL"
                    or (_is_modifier(doc[after]) and is_role_word(doc[after + 1])))
                if after + 1 < limit and (_free(doc, after + adverb) or org_first) and (
                        doc[after + adverb].lower_ in _ARTICLES or org_first or participle or tenure or (
                        is_role_word(doc[after + adverb]) and doc[after + adverb].pos_ != "VERB")
                        or doc[after + adverb].lower_ == "then"):
                    # "X chief executive of Y" / "X the president of Y": an apposition without
                    # commas (headlines, captions); only with the organisation it names
                    found = read_role_after(doc, after, limit)
                    if found and _titles_the_next_name(doc, found[2], limit):
                        found = None  # "Gov. A former Massachusetts Gov. B": the next name's title, not A's
                    also = None
                    if found and found[2] + 1 < limit and doc[found[2]].lower_ == "and":
                        # "X former Mayor of A and president of B", "X a Russian novelist and later leader of B"
                        also = read_role_after(doc, found[2] + 1, limit)
                        also = also if also and also[1] is not None else None
                    a_former = doc[after].lower_ in ("a", "an") and after + 1 < limit \
                        and doc[after + 1].lower_ in ROLE_QUALIFIERS  # "X a former health secretary"
                    if found and (found[1] is not None or also is not None or a_former
                                  or doc[after].lower_ in ("the", "then", "former")):
                        keep(cluster, found[0], found[1], sentence, 0.7)
                        before = read_role_before(doc, mention.start, sentence.start)
                        if before:  # "Major General X commanding officer of Y": both
                            keep(cluster, before[0], before[1], sentence, 0.8 if before[1] else 0.65)
                        if also is not None:
                            keep(cluster, also[0], also[1], sentence, 0.65)
                        for verbal in _verb_roles(mention):  # "X chief of Y was also the leader of Z"
                            keep(cluster, verbal[0], verbal[1], sentence, 0.7)
                        continue
                origin_end = _past_origin(doc, after, limit)
                if origin_end is not None:  # "Sen. X of Montana, the chairman of the Finance Committee"
                    found = read_role_after(doc, origin_end, limit)
                    if found and found[1] is not None:
                        keep(cluster, found[0], found[1], sentence, 0.7)
                hired = _hired_into(doc, mention, limit)
                if hired is not None:
                    keep(cluster, hired[0], hired[1], sentence, 0.75)
                    continue
                hired_by = _hiring_org(doc, mention)
                if after + 1 < limit and (doc[after].lower_ == "as" or (doc[after].lower_ == "to" and hired_by)):
                    # "named X as chief executive of Y", "Acme promoted X to chief executive"
                    found = read_role_after(doc, after + 1, limit)
                    if found:
                        org = found[1] or hired_by
                        if org is None:  # "the party headed by X as president": president of the party
                            org = next((o for _, o in _passive_roles(doc, mention.root)), None)
                        keep(cluster, found[0], org, sentence, 0.75)
                        continue
                before = read_role_before(doc, mention.start, sentence.start)
                if before:
                    org = before[1] or _org_under(doc, mention) or _org_of(doc, after, limit, before[0]) \
                        or _seat_of(doc, after, limit, before[0])
                    keep(cluster, before[0], org, sentence, 0.8 if org else 0.65)
                    earlier = _title_before_title(doc, mention.start, sentence.start)
                    if earlier and earlier[0] != before[0]:
                        keep(cluster, earlier[0], earlier[1], sentence, 0.6)
                    for verbal in _verb_roles(mention):  # "His brother X is a writer": both are said
                        held_at = verbal[1]
                        if held_at is None and org is not None and org.type == "Organization" and \
                                _POSTS_OF_A_BODY.intersection(verbal[0].split()):
                            held_at = org  # "The group's finance chief, X, will serve as acting chief executive"
                        keep(cluster, verbal[0], held_at, sentence, 0.7)
                    label = _release_label(mention) if org is None else None
                    if label is not None:  # "an album by jazz pianist X recorded for Y"
                        keep(cluster, label[0], label[1], sentence, 0.5)
                    continue
                listed = False
                for first in (mention, _first_conjunct(doc, mention), _list_head(doc, mention)):
                    if first is None:  # "photographers A, B and C": the title before the list
                        continue
                    start = _after_examples(doc, first.start, sentence.start)
                    if start == first.start and first is mention:
                        continue  # read above
                    before = read_role_before(doc, start, sentence.start)
                    if before and start > 0 and (doc[start - 1].tag_ in ("NNS", "NNPS") or (start < first.start and any(
                            _plural_title(t) for t in doc[max(sentence.start, start - 6):start]))):
                        keep(cluster, before[0], before[1] or _org_of(doc, after, limit, before[0]), sentence, 0.6)
                        listed = True
                        break
                if listed:
                    continue
                verbal_roles = _verb_roles(mention)
                for verbal in verbal_roles:
                    keep(cluster, verbal[0], verbal[1], sentence, 0.7)
                if any(org is not None for _, org, _ in verbal_roles):
                    continue
                joined = _affiliation_verb(mention)  # "X joined Y", "X played for Y"; "X, a lawyer, joined Y"
                if joined is not None:
                    keep(cluster, joined[0], joined[1], sentence, 0.6)
                    continue
                label = _release_label(mention)  # "an album by X released by Y"
                if label is not None:
                    keep(cluster, label[0], label[1], sentence, 0.5)
                    continue
                led = _led_under(doc, mention)  # "the Continental Army under George Washington"
                if led is not None:
                    keep(cluster, "leader", led, sentence, 0.5)
                    continue
                owned = _own_body(doc, mention, limit)  # "Sharon's Kadima Party", "Reis' Swami Records"
                if owned is not None:
                    keep(cluster, owned[0], owned[1], sentence, 0.5)
                    continue
                labelled = _labels_person(doc, mention, sentence.start)  # "Mute Records' Daniel Miller"
                if labelled is not None:
                    keep(cluster, "member", labelled, sentence, 0.5)
        for index in tokens_where(doc, LOWER, ("counterpart",)):
            copied = _counterpart(doc, doc[index], list(roles.values()))
            if copied is not None:
                keep(copied.holder, copied.source.role, copied.body, copied.source.sentence, 0.6, at=copied.mention)
        # A role without an organisation adds nothing when the same role is known with one.
        roles = {key: r for key, r in roles.items() if r.person.type == "Person"}  # a retyped "person"
        with_org = {(id(r.person), r.role) for r in roles.values() if r.organization is not None}
        # and a role a verb or a possessive only implies ("member", "employee") adds nothing beside a title at
        # the same organisation ("Acme's Ann Lee ... Acme chief executive Ann Lee")
        titled = {(id(r.person), id(r.organization)) for r in roles.values()
                  if r.organization is not None and (r.role not in _IMPLIED_ROLES or r.confidence > _IMPLIED_CONFIDENCE)}
        doc._.ng_roles = [r for r in roles.values()
                          if (r.organization is not None or (id(r.person), r.role) not in with_org)
                          and not (r.role in _IMPLIED_ROLES and r.confidence <= _IMPLIED_CONFIDENCE
                                   and (id(r.person), id(r.organization)) in titled)]
        return doc


@Language.factory(
    "newsgraph_roles",
    requires=["doc._.ng_entities", "token.dep", "token.pos"],
    assigns=["doc._.ng_roles"],
)
def make_role_finder(nlp: Language, name: str) -> RoleFinder:
    return RoleFinder(nlp, name)
