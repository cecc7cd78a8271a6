"""Relations between entities stated in a sentence, read from the dependency parse.

Predicates (subject type -> object type):

- ``partOf``    Organization -> Organization: "SIAT under the Chinese Academy of Sciences",
  "X, a unit/subsidiary/division/part of Y", "X, which is part of Y", "Y's subsidiary X",
  "X is owned by Y", "X belongs to Y";
- ``locatedIn`` Place -> Place: "Anzio, Italy", "Lake Mead in Nevada", "X, a city in Y",
  "Beijing's Tiananmen Square", "Bosnia's capital, Sarajevo";
- ``basedIn``   Organization -> Place: "X, based/headquartered in Y", "the Leeds-based X",
  "X of/in Y" (a company of McCook), "Y's X" (Ghana's Health Service), "the Chinese
  Foreign Ministry" when China is named in the same sentence;
- ``livesIn``   Person -> Place: "X of/from Y", "X, who lives in Y", "X, a resident of Y",
  "X, a farmer in Y", "Dallas nightclub owner X", "her Germantown home", "Y's hometown of X";
- ``bornIn``    Person -> Place: "X was born in Y" (not livesIn: birth is not residence), "his
  native Y";
- ``killed``    Person -> Person: "X killed/assassinated/shot/murdered Y", "Y was shot by X",
  "X, the assassin of Y", "the murder of Y by X", "X was convicted of / arrested in the murder
  of Y", "X fired the shots that killed Y", "X said he shot Y";
- ``memberOf``  Person -> Organization: "Welch of Harvard University", "X at the Institute";
- ``worksFor``  Person -> Organization: "X works for/at Y", "X is employed by Y", "X taught at
  Y", "X, another Y employee".

Within a sentence containment is transitive: a place in a place in a third is in the third,
and a residence, birthplace or base is also in the places around it.

Roles ("X, director general of Y") are the roles component's business, not relations.

The rules look at grammatical links (prepositions and their objects, subjects and
objects of verbs, appositions, relative clauses) and at entity types, not at
particular wordings, so "which is based in", "based in" and "-based" are one rule.
Each rule has a confidence reflecting how often it was right on development data.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from spacy.attrs import DEP, LEMMA, LOWER, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .facts import EntityCluster, RelationFact, entity_at, entity_table, head_token, tokens_where
from .lexicon import PERSON_TITLES, RANK_WORDS, ROLE_NOUNS, TITLE_ABBREVIATIONS

PERSON, ORG, PLACE = "Person", "Organization", "Place"

# Which (subject type, object type) each predicate accepts; anything else is dropped.
SIGNATURES = {
    "partOf": {(ORG, ORG)},
    "locatedIn": {(PLACE, PLACE)},
    "basedIn": {(ORG, PLACE)},
    "livesIn": {(PERSON, PLACE)},
    "bornIn": {(PERSON, PLACE)},
    "killed": {(PERSON, PERSON)},
    "memberOf": {(PERSON, ORG)},
    "worksFor": {(PERSON, ORG)},
}

LOCATIVE_VERBS = {"base", "headquarter", "locate", "situate", "headquartered", "based", "located"}
RESIDENCE_VERBS = {"live", "reside", "settle"}
RESIDENT_NOUNS = {"resident", "native", "citizen", "inhabitant", "residents", "natives", "citizens"}
BIRTH_VERBS = {"bear", "born"}
KILL_VERBS = {"kill", "assassinate", "murder", "shoot", "slay", "stab", "strangle", "behead", "execute", "gun"}
KILLING_NOUNS = {"assassination", "murder", "killing", "slaying", "shooting", "execution", "death"}
KILLER_NOUNS = {"assassin", "killer", "murderer", "slayer", "gunman"}
PART_NOUNS = {"part", "unit", "subsidiary", "division", "arm", "branch", "affiliate", "department",
              "wing", "subdivision", "member", "component", "offshoot"}
PARENT_NOUNS = {"parent", "owner", "holding"}
PLACE_NOUNS = {"city", "town", "village", "suburb", "district", "province", "state", "county", "region",
               "capital", "port", "island", "municipality", "neighborhood", "neighbourhood", "area",
               "nation", "country", "republic", "territory", "prefecture", "parish", "borough", "township",
               "hamlet", "metropolis", "enclave", "canton"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
HEADQUARTERS_NOUNS = {"headquarters", "headquarter", "hq", "head office", "base"}
EMPLOYEE_NOUNS = {"employee", "staffer", "worker", "trader", "employees", "staffers", "workers", "traders"}


class RelationExtractor:
    """spaCy component: fills ``doc._.ng_relations`` with :class:`RelationFact` s."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        found: dict[tuple[int, str, int], RelationFact] = {}
        # Each sentence's mentions, found once: looking through every mention of the article
        # for each sentence made long articles quadratic.
        starts = [sent.start for sent in doc.sents]
        in_sentence: dict[int, list[tuple[EntityCluster, Span]]] = {}
        for cluster in doc._.ng_entities or []:
            for mention in cluster.mentions:
                sentence = starts[bisect_right(starts, mention.start) - 1]
                in_sentence.setdefault(sentence, []).append((cluster, mention))
        readable = _readable_tokens(doc)
        for sent in doc.sents:
            mentions = in_sentence.get(sent.start, [])
            for subject, predicate, obj, confidence in _sentence_relations(doc, sent, mentions, readable):
                if subject is None or obj is None or subject is obj:
                    continue
                if (subject.type, obj.type) not in SIGNATURES[predicate]:
                    continue
                key = (id(subject), predicate, id(obj))
                if key not in found or found[key].confidence < confidence:
                    found[key] = RelationFact(subject, predicate, obj, sent, confidence)
            _close_containment(found, sent)
        doc._.ng_relations = list(found.values())
        return doc


def _close_containment(found: dict[tuple[int, str, int], RelationFact], sent: Span) -> None:
    """"Yatsushiro in Kumamoto Prefecture in southern Japan", "Willowdell, Darke County, Ohio":
    a place in a place that is in another is in that one too (the sentence's ``locatedIn``
    relations, closed; each added one as sure as the less sure of the two it follows from), and
    a residence, birthplace or base is also in the places around it."""
    inside = [f for f in found.values() if f.predicate == "locatedIn" and f.sentence.start == sent.start]
    for _ in range(3):  # chains of at most four places
        added = False
        for first in inside:
            for second in inside:
                if first.object is not second.subject or first.subject is second.object:
                    continue
                key = (id(first.subject), "locatedIn", id(second.object))
                if key not in found:
                    fact = RelationFact(first.subject, "locatedIn", second.object, sent,
                                        round(min(first.confidence, second.confidence), 2))
                    found[key] = fact
                    inside.append(fact)
                    added = True
        if not added:
            break
    # who lives (was born, is based) in a place is in the places around it: "Mrs. Tsuruyama is from
    # Yatsushiro in Kumamoto Prefecture" lives in the prefecture too
    around: dict[int, list[RelationFact]] = {}
    for fact in inside:
        around.setdefault(id(fact.subject), []).append(fact)
    for fact in [f for f in found.values() if f.predicate in ("livesIn", "bornIn", "basedIn")
                 and f.sentence.start == sent.start]:
        for outer in around.get(id(fact.object), ()):
            key = (id(fact.subject), fact.predicate, id(outer.object))
            if key not in found and outer.object is not fact.subject:
                found[key] = RelationFact(fact.subject, fact.predicate, outer.object, sent,
                                          round(min(fact.confidence, outer.confidence), 2))


Found = tuple[EntityCluster | None, str, EntityCluster | None, float]
# The tokens _verbs and _nouns read (the part of speech, or the tag where the parser and the
# tagger disagree)
_VERB_POS, _VERB_TAGS = ("VERB", "AUX"), ("VBN", "VBD", "VBG", "VBZ", "VBP", "VB")
_NOUN_POS, _NOUN_TAGS = ("NOUN", "PROPN"), ("NN", "NNS")


_PREP, _VERB, _NOUN, _ENTITY = 1, 2, 4, 8  # which readers a token is for


def _readable_tokens(doc: Doc) -> list[tuple[int, int]]:
    """The tokens the per-token readers of :func:`_sentence_relations` may act on, in order,
    each with the readers it is for (a preposition, a verb or noun by part of speech or tag,
    a token of an entity), found by hash in C."""
    flags: dict[int, int] = {}
    for i in tokens_where(doc, DEP, ("prep",)):
        flags[i] = _PREP
    for i in {*tokens_where(doc, POS, _VERB_POS), *tokens_where(doc, TAG, _VERB_TAGS)}:
        flags[i] = flags.get(i, 0) | _VERB
    # _nouns reads a noun of its word lists, one in apposition or one with an apposition
    appositions = tokens_where(doc, DEP, ("appos",))
    described = {*tokens_where(doc, LOWER, _LISTED_NOUNS), *tokens_where(doc, LEMMA, _LISTED_NOUN_LEMMAS),
                 *appositions, *(doc[i].head.i for i in appositions)}
    for i in described & {*tokens_where(doc, POS, _NOUN_POS), *tokens_where(doc, TAG, _NOUN_TAGS)}:
        flags[i] = flags.get(i, 0) | _NOUN
    for i in entity_table(doc):
        flags[i] = flags.get(i, 0) | _ENTITY
    return sorted(flags.items())


def _sentence_relations(doc: Doc, sent: Span, mentions: list[tuple[EntityCluster, Span]],
                        readable: list[tuple[int, int]] | None = None) -> Iterator[Found]:
    """Relations in one sentence; ``mentions`` are the (entity, mention) pairs that start in it;
    ``readable`` the tokens the per-token readers may act on (:func:`_readable_tokens`)."""
    yield from _comma_chains(doc, sent, mentions)
    yield from _demonym_organisations(doc, sent, mentions)
    yield from _organisation_titles(doc, sent, mentions)
    yield from _organisation_then_place(doc, sent, mentions)
    yield from _described_employers(doc, mentions)
    # Each reader below gives up at once on most tokens; which tokens it may act on is read
    # once per Doc from the parse's arrays, so the others cost no call and no string read.
    if readable is None:
        readable = _readable_tokens(doc)
    low, high = bisect_left(readable, (sent.start, 0)), bisect_left(readable, (sent.end, 0))
    for i, kinds in readable[low:high]:
        token = doc[i]
        if kinds & _PREP:
            yield from _prepositions(doc, token)
        if kinds & _VERB:
            yield from _verbs(doc, token)
        if kinds & _NOUN:
            yield from _nouns(doc, token)
        if kinds & _ENTITY:  # _place_modifiers starts from the token's entity
            yield from _place_modifiers(doc, token)
            yield from _home_places(doc, token)


# --- linking tokens to entities -----------------------------------------------------------


def _entity(doc: Doc, token: Token | None, depth: int = 0) -> EntityCluster | None:
    """The entity a token stands for: its own, or one it is in apposition with.

    "the man who shot X" -> who -> man -> (appos of) Lee Harvey Oswald.
    """
    if token is None or depth > 3:
        return None
    cluster = entity_at(doc, token)
    if cluster is not None:
        return cluster
    if token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
        return _entity(doc, token.head.head, depth + 1)
    if token.pos_ in ("PRON", "DET"):
        return None  # "its", "he": coreference is not resolved here
    if token.dep_ == "appos":
        return entity_at(doc, token.head)
    for child in token.children:
        if child.dep_ == "appos" and entity_at(doc, child) is not None:
            return entity_at(doc, child)
    if token.dep_ in ("attr", "acomp") and token.head.lemma_ == "be":
        subject = _child(token.head, "nsubj")
        return _entity(doc, subject, depth + 1) if subject is not None else None
    return None


def _child(token: Token, *deps: str) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def _pobjs(prep: Token) -> list[Token]:
    """Objects of a preposition, with their conjuncts ("in Mali and Ghana")."""
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    for obj in list(objects):
        objects.extend(c for c in obj.conjuncts if c.dep_ == "conj")
    return objects


def _preps(token: Token, *words: str) -> Iterator[tuple[Token, Token]]:
    """(preposition, object) pairs of ``token`` for the given prepositions."""
    for child in token.children:
        if child.dep_ in ("prep", "agent") and child.lower_ in words:
            for obj in _pobjs(child):
                yield child, obj


def _mention_end(doc: Doc, token: Token) -> int:
    cluster = entity_at(doc, token)
    if cluster is None:
        return token.i + 1
    for mention in cluster.mentions:
        if mention.start <= token.i < mention.end:
            return mention.end
    return token.i + 1


# --- rules ------------------------------------------------------------------------------------


def _comma_chains(doc: Doc, sent: Span, in_sentence: list[tuple[EntityCluster, Span]]) -> Iterator[Found]:
    """"Anzio, Italy", "Willowdell, Darke County, Ohio": each place in the next one.

    A run of places joined by commas is a chain of containment unless it is a list
    (a conjunction inside the run, or the parser calling a member a conjunct).
    """
    mentions = sorted(
        (m for c, m in in_sentence if c.type == PLACE and m.end <= sent.end),
        key=lambda m: m.start,
    )
    runs: list[list[Span]] = []
    for mention in mentions:
        if runs and mention.start == runs[-1][-1].end + 1 and doc[runs[-1][-1].end].text == ",":
            runs[-1].append(mention)
        else:
            runs.append([mention])
    for run in runs:
        if len(run) < 2:
            continue
        if _continues_as_list(doc, sent, run[-1].end):
            continue
        if any(_listed(m.root) for m in run[1:]):
            continue
        for inner, outer in itertools.pairwise(run):
            yield entity_at(doc, inner.root), "locatedIn", entity_at(doc, outer.root), 0.85
        # "between Salida and Gunnison, Colorado": the places joined to the first one by "and"
        # are in the same place
        first, outer = run[0], run[1]
        if first.root.dep_ == "conj" and doc[first.start - 1].lower_ in ("and", "or"):
            for other in first.root.conjuncts:
                place = entity_at(doc, other) if other.i < first.start else None
                if place is not None and place.type == PLACE:
                    yield place, "locatedIn", entity_at(doc, outer.root), 0.7


def _listed(token: Token) -> bool:
    """The token is a member of a list: a conjunct of a coordination with "and", "or" or "nor".

    The parser also calls the second name of "WARSAW, Poland (AP)" a conjunct; with no
    coordinating word in the coordination, a place after a comma is the place around it.
    """
    if token.dep_ != "conj":
        return False
    members = [token.head, *token.head.conjuncts]
    return any(c.dep_ == "cc" for member in members for c in member.children)


def _continues_as_list(doc: Doc, sent: Span, after: int) -> bool:
    """True for "Finland, Norway and Iceland" / "..., and Iceland": a conjunction, then a place.

    "Pasadena, Calif., and the Post-Tribune" is not a list of places.
    """
    if after < sent.end and doc[after].text == ",":
        after += 1
    if after + 1 < sent.end and doc[after].lower_ in ("and", "or"):
        nxt = entity_at(doc, doc[after + 1])
        if nxt is None and after + 2 < sent.end and doc[after + 1].lower_ == "the":
            nxt = entity_at(doc, doc[after + 2])
        return nxt is not None and nxt.type == PLACE
    return False


def _place_of(doc: Doc, token: Token) -> EntityCluster | None:
    """The entity a noun phrase names, looking through a generic head: "Lazio province" -> Lazio."""
    cluster = entity_at(doc, token)
    if cluster is None and token.lemma_.lower() in PLACE_NOUNS:
        for child in token.children:
            if child.dep_ in ("compound", "nmod", "poss") and entity_at(doc, child) is not None:
                return entity_at(doc, child)
    return cluster


_DEMONYM_ENDINGS = ("an", "ian", "ese", "ish", "i", "ic")
_ABROAD = {"embassy", "consulate", "mission", "delegation"}  # bodies of a country that sit elsewhere


def is_demonym_of(word: str, place: str) -> bool:
    """"Chinese" / "China", "Russian" / "Russia", "Brazilian" / "Brazil"; not "French" / "France"."""
    word, place = word.lower(), place.lower()
    if word == place or " " in place or not word.endswith(_DEMONYM_ENDINGS):
        return False
    common = 0
    for a, b in zip(word, place):
        if a != b:
            break
        common += 1
    return common >= max(4, len(place) - 2)


def _demonym_organisations(doc: Doc, sent: Span, in_sentence: list[tuple[EntityCluster, Span]]) -> Iterator[Found]:
    """"the Chinese Foreign Ministry ... in China": an organisation named after a country in the sentence."""
    places = {c.name: c for c, _ in in_sentence if c.type == PLACE}
    if not places:
        return
    # ``in_sentence`` is in the order of the article's entities, then of their mentions.
    for cluster, mention in in_sentence:
        if cluster.type != ORG or any(w.lower() in _ABROAD for w in cluster.name.split()):
            continue
        if len(mention) < 2:
            continue
        first = mention[0].text
        for name, place in places.items():
            if is_demonym_of(first, name):
                yield cluster, "basedIn", place, 0.5


def _organisation_then_place(doc: Doc, sent: Span, in_sentence: list[tuple[EntityCluster, Span]]) -> Iterator[Found]:
    """"Corvane Freight, Tacoma, Wash., said ...": a place set off by commas right after an
    organisation's name (and in apposition to it) is where the organisation is; a place in a
    list ("Acme, Leeds and York") or one describing a later noun ("Acme, Texas officials said")
    is not."""
    for organisation, mention in in_sentence:
        if organisation.type != ORG or mention.end + 1 >= sent.end or doc[mention.end].text != ",":
            continue
        first = doc[mention.end + 1]
        place = entity_at(doc, first)
        if place is None or place.type != PLACE:
            continue
        end = _mention_end(doc, first)
        if end < sent.end and doc[end].text not in (",", ";", ".", "(", ":"):
            continue
        root = next((head_token(m) for _, m in in_sentence if m.start == first.i), first)
        if _listed(root) or _continues_as_list(doc, sent, end) or _listed(head_token(mention)):
            continue
        if not (root.dep_ == "appos" or mention.start <= root.head.i < mention.end):
            continue
        yield organisation, "basedIn", place, 0.6
        yield from _chain_outward(doc, first, organisation, "basedIn", 0.55)


def _descriptions(doc: Doc, root: Token) -> list[Token]:
    """Nouns that describe the person whose name's head is ``root``: in apposition either way
    ("Ada Moss, a spokeswoman for X", "X's spokeswoman, Ada Moss"), one apposition further ("Ada
    Moss, D-Calif., chairman of X", as the parser hangs it), or after "is" ("Ada Moss is X's
    reporter")."""
    found = [c for c in root.children if c.dep_ == "appos"]
    found += [c for d in list(found) for c in d.children if c.dep_ == "appos"]
    found += [c for d in list(found) for c in d.conjuncts if c.dep_ == "conj"]
    if root.dep_ == "appos":
        found.append(root.head)
    if root.dep_ == "nsubj" and root.head.lemma_ == "be":
        found += [c for c in root.head.children if c.dep_ == "attr"]
    return [d for d in found if d.pos_ == "NOUN" and entity_at(doc, d) is None]


def _employer_tokens(doc: Doc, noun: Token) -> list[Token]:
    """Where a role noun says its holder serves: "X's reporter", "Red Cross disaster chairman",
    "chairman of / officer for / researcher at X", "chairman of the largest party, X"."""
    found = [c for c in noun.children if c.dep_ == "poss"]
    compounds = [c for c in noun.children if c.dep_ == "compound"]
    compounds += [c for d in list(compounds) for c in d.children if c.dep_ == "compound"]
    found += compounds
    for _, obj in _preps(noun, "of", "for", "at", "with"):
        if entity_at(doc, obj) is not None:
            found.append(obj)
        elif obj.pos_ == "NOUN":  # "at the Coast Guard's office", "of the party, the Green Party"
            found += [c for c in obj.children if c.dep_ in ("poss", "appos")]
    return found


def _described_employers(doc: Doc, in_sentence: list[tuple[EntityCluster, Span]]) -> Iterator[Found]:
    """"Ada Moss, a senior researcher at the Corvane Institute", "Corvane's technical manager, Ada
    Moss", "Ada Moss is Corvane's regional reporter": a role noun describing a person names the
    organisation the person serves. The roles component reads most of these as roles; this reads
    them as membership too where the description is set off further ("Ada Moss, D-Calif.,
    chairman of X") or the title is not one it knows."""
    from .roles import is_role_head  # roles reads relations' helpers: imported when first called

    for person, mention in in_sentence:
        if person.type != PERSON:
            continue
        for noun in _descriptions(doc, head_token(mention)):
            if not is_role_head(noun) or noun.lower_ in EMPLOYEE_NOUNS or noun.lemma_.lower() in EMPLOYEE_NOUNS:
                continue  # ("another Brindle employee" is _nouns' worksFor)
            for token in _employer_tokens(doc, noun):
                organisation = entity_at(doc, token)
                if organisation is not None and organisation.type == ORG and not _holds_role_at(doc, person, organisation):
                    yield person, "memberOf", organisation, 0.55


def _holds_role_at(doc: Doc, person: EntityCluster, organisation: EntityCluster) -> bool:
    """The roles component already gave the person a role at the organisation (said once is enough)."""
    return any(r.person is person and r.organization is organisation for r in doc._.ng_roles or [])


_TITLE_TOKENS = frozenset(PERSON_TITLES | ROLE_NOUNS | RANK_WORDS | set(TITLE_ABBREVIATIONS))


def _organisation_titles(doc: Doc, sent: Span, in_sentence: list[tuple[EntityCluster, Span]]) -> Iterator[Found]:
    """"the Harbour Police Sgt. Ada Moss", "Acme spokesman Capt. Ben Ruiz": an organisation named
    right before the title words in front of a person's name is where the person serves.

    Only title words (and the nouns they are compounded with: "Acme press spokesman") may stand
    between the two names, with at least one title among them; the roles component reads the plain
    "Acme spokesman Ben Ruiz" already, this also reads ranks and abbreviations ("Lt.", "Capt.").
    """
    for person, mention in in_sentence:
        if person.type != PERSON:
            continue
        i, titled = mention.start - 1, False
        while i >= sent.start and mention.start - i <= 5 and entity_at(doc, doc[i]) is None:
            token = doc[i]
            word = token.lower_
            if word in _TITLE_TOKENS or f"{word}." in TITLE_ABBREVIATIONS:
                titled = True
            elif not (token.text == "." and i > 0 and f"{doc[i - 1].lower_}." in TITLE_ABBREVIATIONS) and \
                    not (token.tag_ in ("NN", "NNS") and token.dep_ in ("compound", "nmod", "amod")):
                break  # ("Lt ." read as two words goes on)
            i -= 1
        if not titled or i < sent.start:
            continue
        token = doc[i]
        if token.text in ("'s", "'") and i > sent.start:
            token = doc[i - 1]  # "Acme's spokesman Capt. Ben Ruiz"
        organisation = entity_at(doc, token)
        if organisation is not None and organisation.type == ORG and _mention_end(doc, token) == token.i + 1 \
                and not _holds_role_at(doc, person, organisation):
            yield person, "memberOf", organisation, 0.6


def _attachment_site(doc: Doc, prep: Token) -> Token:
    """The noun a locative preposition most likely modifies.

    The parser often attaches "in Providence" in "Lieberman of Brown University in
    Providence" to the person; a place phrase right after an organisation belongs
    to the organisation.
    """
    head = prep.head
    if head.pos_ == "NUM" and head.dep_ == "appos":
        head = head.head  # "Daniel Sullivan, 30, of Boothbay": the age is not from Boothbay
    if prep.i > 0:
        before = doc[prep.i - 1]
        cluster = entity_at(doc, before)
        if cluster is not None and cluster.type == ORG and _mention_end(doc, before) == prep.i:
            return before
        if cluster is not None and cluster.type == PLACE and _mention_end(doc, before) == prep.i \
                and prep.lower_ == "in" and any(_is_place(doc, obj) for obj in _pobjs(prep)):
            # "near Haifa in northern Israel": the parser hangs "in Israel" on the verb; a place
            # phrase right after a place puts it in that place
            return before
    return head


def _is_place(doc: Doc, token: Token) -> bool:
    cluster = entity_at(doc, token)
    return cluster is not None and cluster.type == PLACE


def _prepositions(doc: Doc, token: Token) -> Iterator[Found]:
    """Entity + preposition + entity: "X under Y", "X of/in Y", "X from Y"."""
    if token.dep_ not in ("prep",) or token.lower_ not in ("in", "of", "from", "under", "within", "at"):
        return
    site = _attachment_site(doc, token)
    subject = entity_at(doc, site)
    if subject is None:
        return
    for obj_token in _pobjs(token):
        obj = _place_of(doc, obj_token)
        if obj is None or obj is subject:
            continue
        word = token.lower_
        if subject.type == ORG and obj.type == ORG and word in ("under", "within"):
            yield subject, "partOf", obj, 0.8
        elif subject.type == ORG and obj.type == PLACE and word in ("in", "of", "at"):
            yield subject, "basedIn", obj, 0.7
            yield from _chain_outward(doc, obj_token, subject, "basedIn", 0.65)
        elif subject.type == PLACE and obj.type == PLACE and word in ("in", "within"):
            yield subject, "locatedIn", obj, 0.75
        elif subject.type == PERSON and obj.type == PLACE and word in ("of", "from"):
            yield subject, "livesIn", obj, 0.6
            yield from _chain_outward(doc, obj_token, subject, "livesIn", 0.55)
        elif subject.type == PERSON and obj.type == ORG and word in ("of", "at"):
            yield subject, "memberOf", obj, 0.6


def _chain_outward(doc: Doc, place: Token, subject: EntityCluster | None, predicate: str, confidence: float) -> Iterator[Found]:
    """"in Providence, R.I.": the subject is also in R.I."""
    end = _mention_end(doc, place)
    if end + 1 < len(doc) and doc[end].text == ",":
        outer = entity_at(doc, doc[end + 1])
        if outer is not None and outer.type == PLACE and not _listed(doc[end + 1]):
            yield subject, predicate, outer, confidence


_CLIMB = {"conj", "xcomp", "advcl", "pcomp", "prep", "acomp"}


def _subject_of(doc: Doc, verb: Token) -> Token | None:
    """Who does what a verb says, climbing through clauses that share the subject.

    "X bought a gun and used it to shoot Y" -> X; "X pleaded guilty to killing Y" -> X;
    "the jury convicted X of killing Y" -> X (the object of the verb governing "of killing");
    "the journal based in Y" -> journal.
    """
    current, through_preposition = verb, False
    for _ in range(6):
        if current is not verb and through_preposition:
            obj = _child(current, "dobj")
            if obj is not None and (obj_entity := _entity(doc, obj)) is not None and obj_entity.type == PERSON:
                return obj
        subjects = [c for c in current.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            # "radio pioneer Dr. Lee DeForest was born in ...": the parser may give the verb a
            # second subject, the description before the name; the named one is the subject
            return next((c for c in subjects if entity_at(doc, c) is not None), subjects[0])
        if current.dep_ in ("acl", "amod") and current.tag_ == "VBN":
            return current.head
        if current.dep_ == "relcl":
            return current.head
        named = _name_before_participle(doc, current)
        if named is not None:
            return named
        if current.dep_ not in _CLIMB or current.head is current:
            return None
        through_preposition = through_preposition or current.dep_ in ("prep", "pcomp")
        current = current.head
    return None


def _birth_places(doc: Doc, verb: Token) -> list[Token]:
    """Where a "born" says someone was born: "born in Leeds"; through what the place holds ("born
    in a farmhouse in Leeds", "born in what is now Leeds") and past the name given at birth ("born
    Ada Moss in Leeds", where the parser hangs the place on the name)."""
    places: list[Token] = []
    heads = [verb, *(c for c in verb.children if c.dep_ in ("dobj", "oprd") and _is_person(doc, c))]
    for head in heads:
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in ("in", "at")):
            for obj in _pobjs(prep):
                if entity_at(doc, obj) is not None:
                    places.append(obj)
                elif obj.pos_ == "NOUN":  # "in a farmhouse in Leeds"
                    places += [inner for _, inner in _preps(obj, "in") if _is_place(doc, inner)]
            for clause in (c for c in prep.children if c.dep_ == "pcomp" and c.lemma_ == "be"):
                places += [c for c in clause.children if c.dep_ == "attr" and _is_place(doc, c)]  # "what is now"
    return places


def _named_in_description(doc: Doc, noun: Token) -> EntityCluster | None:
    """"the 12th president of Ostland, Ada Moss, was born ...": the parser hangs the name in
    apposition on the last noun of the description ("Ostland"); the one person named so inside a
    subject that names no one is who the description is."""
    named = [entity_at(doc, t) for t in noun.subtree if t.dep_ == "appos" and t.head.i != noun.i
             and _is_person(doc, t) and not _is_person(doc, t.head)]
    people = {id(p): p for p in named if p is not None}
    return next(iter(people.values())) if len(people) == 1 else None


def _place_where(doc: Doc, verb: Token) -> list[Token]:
    """"Leeds, where Ada Moss was born": the place a "where" clause hangs on."""
    if verb.dep_ == "relcl" and any(c.dep_ == "advmod" and c.lower_ == "where" for c in verb.children) \
            and _is_place(doc, verb.head):
        return [verb.head]
    return []


def _is_person(doc: Doc, token: Token) -> bool:
    cluster = entity_at(doc, token)
    return cluster is not None and cluster.type == PERSON


def _subjects(doc: Doc, verb: Token) -> list[EntityCluster]:
    """The entities a verb's subject names, with the people or things joined to it by "and":
    "Both Ada Moss and Ben Ruiz were born in Leeds" -> both of them."""
    subject = _subject_of(doc, verb)
    found = _entity(doc, subject)
    if found is None and subject is not None and subject.pos_ == "NOUN":
        found = _named_in_description(doc, subject)
    if found is None and subject is not None and subject.lower_ in ("he", "she"):
        found = _named_before(doc, subject)  # "Ada Moss went back to Leeds, where she was born"
    if found is None or subject is None:
        return []
    named = [found]
    for conjunct in subject.conjuncts:
        other = entity_at(doc, conjunct) if conjunct.dep_ == "conj" else None
        if other is not None and other.type == found.type and other not in named:
            named.append(other)
    return named


def _name_before_participle(doc: Doc, clause: Token) -> Token | None:
    """"Ada Moss, convicted of ...", "Ada Moss, 60, serving a life term for ...": a participle
    clause set off by a comma right after a person's name says something of that person, though
    the parser hangs it on the main verb (``advcl``). The name's last token, or None."""
    if clause.dep_ != "advcl" or clause.tag_ not in ("VBN", "VBG") or \
            any(c.dep_ in ("mark", "nsubj", "nsubjpass") for c in clause.children):
        return None
    i = clause.left_edge.i - 1
    if i < 1 or doc[i].text != ",":
        return None
    i -= 1
    if doc[i].like_num and i >= 2 and doc[i - 1].text == ",":
        i -= 2  # "Ada Moss, 60, serving ..."
    named = entity_at(doc, doc[i])
    if named is None or named.type != PERSON or _mention_end(doc, doc[i]) != i + 1:
        return None
    return doc[i]


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or (
        verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod"))


def _verbs(doc: Doc, token: Token) -> Iterator[Found]:
    if token.pos_ not in _VERB_POS and token.tag_ not in _VERB_TAGS:
        return
    lemma, lower = token.lemma_.lower(), token.lower_
    if lemma == "be" and token.dep_ in ("ROOT", "relcl", "ccomp", "conj", "advcl"):
        # "Mrs. Tsuruyama is from Yatsushiro", "Madonna, who is from Bay City"
        subject = _entity(doc, _subject_of(doc, token))
        if subject is not None and subject.type == PERSON:
            for _, place in _preps(token, "from"):
                yield subject, "livesIn", entity_at(doc, place), 0.7
                yield from _chain_outward(doc, place, subject, "livesIn", 0.65)
        elif subject is not None and subject.type in (PLACE, ORG):
            # "Rome is in Lazio province", "the company is in Austin"
            predicate = "locatedIn" if subject.type == PLACE else "basedIn"
            for _, place in _preps(token, "in"):
                yield subject, predicate, _place_of(doc, place), 0.7
                yield from _chain_outward(doc, place, subject, predicate, 0.65)
    elif lemma in LOCATIVE_VERBS or lower in LOCATIVE_VERBS:
        yield from _located_by_verb(doc, token)
    elif lemma in RESIDENCE_VERBS or (lemma == "grow" and any(c.dep_ == "prt" and c.lower_ == "up" for c in token.children)):
        # "X lives in Y", "X grew up in Y"
        for subject in _subjects(doc, token):
            for place in [p for _, p in _preps(token, "in", "at")] + _place_where(doc, token):
                yield subject, "livesIn", entity_at(doc, place), 0.8
    elif (lemma in BIRTH_VERBS or lower == "born") and token.tag_ == "VBN":
        # "X was born Ada Moss in Leeds": the name given at birth was born there too
        names = [n for c in token.children if c.dep_ in ("dobj", "oprd") and (n := entity_at(doc, c)) is not None
                 and n.type == PERSON]
        for subject in [*_subjects(doc, token), *names]:
            for place in _birth_places(doc, token) + _place_where(doc, token):
                yield subject, "bornIn", entity_at(doc, place), 0.85
                yield from _chain_outward(doc, place, subject, "bornIn", 0.8)
    elif lemma in KILL_VERBS:
        yield from _killing_verb(doc, token)
    elif lemma in ("own", "belong", "control"):
        yield from _ownership_verb(doc, token)
    elif lemma in ("work", "employ", "teach"):
        yield from _employment_verb(doc, token)


def _employment_verb(doc: Doc, verb: Token) -> Iterator[Found]:
    """"X works for/at Y", "X is employed by Y", "Y employs X"."""
    if verb.lemma_ in ("work", "teach"):
        # "X works for/at Y", "X taught at Y"
        worker = _entity(doc, _subject_of(doc, verb))
        for _, employer in _preps(verb, "for", "at"):
            yield worker, "worksFor", _entity(doc, employer), 0.75
    elif _is_passive(verb):
        worker = _entity(doc, _child(verb, "nsubjpass") or _subject_of(doc, verb))
        for _, employer in _preps(verb, "by", "at"):
            yield worker, "worksFor", _entity(doc, employer), 0.75
    else:
        hirer = _entity(doc, _subject_of(doc, verb))
        for obj in (c for c in verb.children if c.dep_ == "dobj"):
            yield _entity(doc, obj), "worksFor", hirer, 0.7


def _located_by_verb(doc: Doc, verb: Token) -> Iterator[Found]:
    """"X, which is based in Y", "X is headquartered in Y", "the Leeds-based X"."""
    subject = _entity(doc, _subject_of(doc, verb))
    if verb.dep_ in ("acl", "amod") and verb.i > 0 and _mention_end(doc, doc[verb.i - 1]) == verb.i:
        # "a spokeswoman for K mart based in Troy": the parser hangs "based" on the spokeswoman;
        # an organisation named right before it is what is based there
        before = entity_at(doc, doc[verb.i - 1])
        if before is not None and before.type == ORG:
            subject = before
    places = [p for _, p in _preps(verb, "in", "at")]
    # "Leeds-based": the place modifies "based" directly, before a hyphen.
    places += [c for c in verb.children if c.i < verb.i and c.dep_ in ("npadvmod", "compound", "nmod", "nsubj")]
    if not places and verb.i >= 2 and doc[verb.i - 1].text == "-":
        places.append(doc[verb.i - 2])
    for place in places:
        obj = entity_at(doc, place)
        if subject is None or obj is None or obj.type != PLACE:
            continue
        predicate = {ORG: "basedIn", PLACE: "locatedIn", PERSON: "livesIn"}.get(subject.type)
        if predicate:
            yield subject, predicate, obj, 0.85
            yield from _chain_outward(doc, place, subject, predicate, 0.8)


def _killing_verb(doc: Doc, verb: Token) -> Iterator[Found]:
    if _is_passive(verb):
        victim_token = _child(verb, "nsubjpass")
        if victim_token is None and verb.dep_ in ("acl", "amod"):
            victim_token = verb.head  # "Palestinians killed by soldiers"
        if victim_token is None:
            victim_token = _subject_of(doc, verb)
        killers = [p for _, p in _preps(verb, "by")]
        if not killers:  # "Y was shot and mortally wounded by X": the agent sits on the conjunct
            killers = [p for conj in verb.conjuncts if conj.i > verb.i and _is_passive_conjunct(conj)
                       for _, p in _preps(conj, "by")]
        for killer in killers:
            yield _entity(doc, killer), "killed", _entity(doc, victim_token), 0.8
        return
    subject = _subject_of(doc, verb)
    killer_entity = _entity(doc, subject)
    if killer_entity is None and subject is not None and subject.lower_ in ("he", "she"):
        killer_entity = _reporter_of(doc, subject)  # "X said he shot Y", "X admitted she killed Y"
    if killer_entity is None and subject is not None and subject.lower_ in RELATIVE_PRONOUNS and \
            subject.head.dep_ == "relcl" and subject.head.head.lower_ in _KILLING_MEANS and \
            subject.head.head.dep_ == "dobj":
        # "X fired the shots that killed Y": who fired the shots
        killer_entity = _entity(doc, _subject_of(doc, subject.head.head.head))
    victims = [c for c in verb.children if c.dep_ == "dobj"]
    if not victims:  # "shot and mortally wounded Oswald": the object sits on the conjunct
        for conj in verb.conjuncts:
            victims.extend(c for c in conj.children if c.dep_ == "dobj")
    for victim in victims:
        if victim.lower_ in ("him", "her") and killer_entity is not None:
            # "Ben Ruiz had just left when Ada Moss shot him": the one other person named before
            yield killer_entity, "killed", _named_before(doc, victim, killer_entity), 0.6
            continue
        for person in [victim, *[c for c in victim.conjuncts if c.dep_ == "conj"]]:
            yield killer_entity, "killed", _entity(doc, person), 0.8


def _named_before(doc: Doc, pronoun: Token, other: EntityCluster | None = None) -> EntityCluster | None:
    """The one person (other than ``other``) named in the sentence before ``pronoun`` (None when
    there are none or several)."""
    people = {id(c): c for t in doc[pronoun.sent.start:pronoun.i]
              if (c := entity_at(doc, t)) is not None and c.type == PERSON and c is not other}
    return next(iter(people.values())) if len(people) == 1 else None


def _is_passive_conjunct(verb: Token) -> bool:
    """A participle joined to a passive verb with no subject of its own ("was shot and wounded")."""
    return verb.tag_ == "VBN" and not any(c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in verb.children)


ACCUSED_VERBS = {"arrest", "convict", "suspect", "charge", "accuse", "sentence", "plead", "serve", "indict", "try",
                 "jail", "imprison", "execute", "admit", "confess", "blame"}
SUSPECT_NOUNS = {"suspect", "assassin", "killer", "murderer", "gunman"}
_KILLING_MEANS = {"shot", "shots", "bullet", "bullets", "gun", "rifle", "pistol", "bomb", "weapon"}


def _reporter_of(doc: Doc, pronoun: Token) -> EntityCluster | None:
    """The person a "he" or "she" stands for when the clause it is the subject of reports what that
    person says or does: "X said he shot Y", "X stunned the court by admitting he shot Y"."""
    current = pronoun.head
    for _ in range(4):
        if current.dep_ not in ("ccomp", "xcomp", "advcl", "pcomp", "prep") or current.head is current:
            return None
        current = current.head
        subject = _child(current, "nsubj")
        if subject is not None and subject is not pronoun:
            found = _entity(doc, subject)
            return found if found is not None and found.type == PERSON else None
    return None


def _accused_of(doc: Doc, killing: Token) -> EntityCluster | None:
    """Who a sentence holds to account for a killing named by a noun: "X was arrested in / convicted
    of / sentenced for the assassination of Y", "the jury convicted X of Y's murder", "X pleaded
    guilty to the killing of Y", "X, the only suspect in Y's assassination"."""
    if killing.dep_ != "pobj" or killing.head.lower_ not in ("in", "of", "for", "to", "with"):
        return None
    governor = killing.head.head
    if governor.pos_ in ("NOUN", "PROPN") and (governor.lower_ in SUSPECT_NOUNS or governor.lemma_.lower() in SUSPECT_NOUNS):
        return _entity(doc, governor)  # "X, the only suspect in ..."
    if governor.pos_ not in ("VERB", "AUX") or governor.lemma_.lower() not in ACCUSED_VERBS:
        return None
    if not _is_passive(governor):
        accused = _child(governor, "dobj")  # "the jury convicted X of ..."
        if accused is not None:
            return _entity(doc, accused)
    return _entity(doc, _subject_of(doc, governor))


def _ownership_verb(doc: Doc, verb: Token) -> Iterator[Found]:
    """"X is owned by Y", "Y owns X", "X belongs to Y"."""
    if verb.lemma_ == "belong":
        part = _entity(doc, _subject_of(doc, verb))
        for _, whole in _preps(verb, "to"):
            yield part, "partOf", _entity(doc, whole), 0.7
    elif _is_passive(verb):
        part = _entity(doc, _child(verb, "nsubjpass") or _subject_of(doc, verb))
        for _, whole in _preps(verb, "by"):
            yield part, "partOf", _entity(doc, whole), 0.65
    else:
        owner = _entity(doc, _subject_of(doc, verb))
        for obj in (c for c in verb.children if c.dep_ == "dobj"):
            yield _entity(doc, obj), "partOf", owner, 0.6


def _nouns(doc: Doc, token: Token) -> Iterator[Found]:
    if token.pos_ not in _NOUN_POS and token.tag_ not in _NOUN_TAGS:
        return
    lemma = token.lemma_.lower()
    word = token.lower_
    if word not in _LISTED_NOUNS and lemma not in _LISTED_NOUNS:
        yield from _described_nouns(doc, token)  # most nouns: none of the lists below
    elif word in PART_NOUNS or lemma in PART_NOUNS:
        part = _entity(doc, token)  # "X, a unit of Y", "X, which is part of Y", "Y's subsidiary, X"
        for _, whole in _preps(token, "of"):
            yield part, "partOf", _entity(doc, whole), 0.75
        owner = _child(token, "poss")  # "Harbourline's subsidiary, Voltaris"
        if owner is not None:
            yield part, "partOf", entity_at(doc, owner), 0.7
    elif word in PARENT_NOUNS or lemma in PARENT_NOUNS:
        child_org = entity_at(doc, poss) if (poss := _child(token, "poss")) is not None else None
        for _, of in _preps(token, "of"):
            child_org = child_org or entity_at(doc, of)
        yield child_org, "partOf", _entity(doc, token), 0.7
    elif word in HEADQUARTERS_NOUNS or lemma in HEADQUARTERS_NOUNS:
        # "the NRC's Rockville, Md., headquarters", "Acme's headquarters in Austin"
        # (a compound may name either: "NRC headquarters", "Rockville headquarters"; the types sort them)
        owners = [c for c in token.children if c.dep_ in ("poss", "compound")] + [p for _, p in _preps(token, "of")]
        places = [c for c in token.children if c.dep_ in ("compound", "nmod")]
        places += [p for _, p in _preps(token, "in", "at")]
        for owner in owners:
            for place in places:
                yield entity_at(doc, owner), "basedIn", entity_at(doc, place), 0.75
                yield from _chain_outward(doc, place, entity_at(doc, owner), "basedIn", 0.7)
    elif word in EMPLOYEE_NOUNS or lemma in EMPLOYEE_NOUNS:
        # "Joe Weitz, another Emery employee", "X is a worker at Y", "X, a former CBOT trader"
        person = _entity(doc, token)
        employers = [c for c in token.children if c.dep_ in ("compound", "poss", "nmod")]
        employers += [p for _, p in _preps(token, "of", "at", "with", "for")]
        for employer in employers:
            yield person, "worksFor", _entity(doc, employer), 0.6
    elif word in RESIDENT_NOUNS or lemma in RESIDENT_NOUNS:
        person = _entity(doc, token)
        for _, place in _preps(token, "of", "in", "from"):
            predicate = "bornIn" if lemma == "native" else "livesIn"
            yield person, predicate, entity_at(doc, place), 0.8
            yield from _chain_outward(doc, place, person, predicate, 0.75)  # "a native of Ada, Ohio"
    elif word in KILLER_NOUNS or lemma in KILLER_NOUNS:
        killer = _entity(doc, token)
        if killer is None and token.head.i != token.i and token.dep_ == "compound":
            killer = entity_at(doc, token.head)  # "Kennedy assassin Lee Harvey Oswald"
        victims = [p for _, p in _preps(token, "of")]
        victims += [c for c in token.children if c.dep_ in ("poss", "compound")]
        if killer is not None and token.dep_ == "compound" and token.i > 0 and not victims:
            # "Kennedy assassin Lee Harvey Oswald": the parser hangs the victim's name on the
            # killer's name beside the noun; the person named right before the noun is the victim.
            before = doc[token.i - 1]
            if before.head.i == token.head.i and before.dep_ == "compound" and _mention_end(doc, before) == token.i:
                victims.append(before)
        for victim in victims:
            yield killer, "killed", entity_at(doc, victim), 0.75
    elif word in KILLING_NOUNS or lemma in KILLING_NOUNS:
        victims = [p for _, p in _preps(token, "of")] + [c for c in token.children if c.dep_ == "poss"]
        killers = [p for _, p in _preps(token, "by")]
        for victim in victims:
            for killer_token in killers:
                yield _entity(doc, killer_token), "killed", entity_at(doc, victim), 0.75
            if not killers and lemma != "death":
                yield _accused_of(doc, token), "killed", entity_at(doc, victim), 0.65
    elif word in PLACE_NOUNS or lemma in PLACE_NOUNS:
        place_entity = _entity(doc, token) if token.dep_ in ("appos", "attr") else None
        if place_entity is None and token.dep_ == "appos":
            # "the meeting in Cuenca, third most important city in Ecuador": the parser hangs the
            # description on the noun before the place; the place is the name right before the comma
            left = token.left_edge.i
            named = entity_at(doc, doc[left - 2]) if left >= 2 and doc[left - 1].text == "," else None
            if named is not None and named.type == PLACE and _mention_end(doc, doc[left - 2]) == left - 1:
                place_entity = named
        for _, outer in _preps(token, "in", "of"):
            yield place_entity, "locatedIn", entity_at(doc, outer), 0.7
        # "Serbia's southern province of Kosovo", "the U.S. capital of Washington"
        owners = [c for c in token.children if c.dep_ in ("poss", "compound") and _is_place(doc, c)]
        for owner in owners:
            for _, inner in _preps(token, "of"):
                yield entity_at(doc, inner), "locatedIn", entity_at(doc, owner), 0.7

_LISTED_NOUNS = frozenset(PART_NOUNS | PARENT_NOUNS | HEADQUARTERS_NOUNS | RESIDENT_NOUNS | KILLER_NOUNS |
                          KILLING_NOUNS | PLACE_NOUNS | EMPLOYEE_NOUNS)
# the lemmas _nouns lowercases, as a lemmatizer may give them
_LISTED_NOUN_LEMMAS = frozenset(form for word in _LISTED_NOUNS for form in (word, word.capitalize(), word.upper()))


def _described_nouns(doc: Doc, token: Token) -> Iterator[Found]:
    """A noun of none of the lists: a description in apposition, or one naming its members."""
    if token.dep_ == "appos" and entity_at(doc, token) is None:
        # "Jane Roe, a farmer from Iowa": a description of a person saying where they live;
        # "Corvane, a shipping firm in Lisbon": of an organisation, where it is based
        described = entity_at(doc, token.head)
        if described is not None and described.type == PERSON:
            for _, place in _preps(token, "from", "in"):
                yield described, "livesIn", entity_at(doc, place), 0.55
                yield from _chain_outward(doc, place, described, "livesIn", 0.5)
        elif described is not None and described.type == ORG:
            for _, place in _preps(token, "in"):
                yield described, "basedIn", entity_at(doc, place), 0.55
                yield from _chain_outward(doc, place, described, "basedIn", 0.5)
    elif entity_at(doc, token) is None and any(c.dep_ == "appos" for c in token.children):
        # "the two main parties in Ostland, the Green Party and the Union of Farmers"
        named = [c for c in token.children if c.dep_ == "appos"]
        named += [c for n in named for c in n.conjuncts if c.dep_ == "conj"]
        organisations = [o for n in named if (o := entity_at(doc, n)) is not None and o.type == ORG]
        for _, place in _preps(token, "in") if organisations else ():
            for organisation in organisations:
                yield organisation, "basedIn", entity_at(doc, place), 0.5


def _place_modifiers(doc: Doc, token: Token) -> Iterator[Found]:
    """A place named before what it qualifies.

    "Ghana's health service" and "Moscow Izvestiya" (an organisation based there);
    "Beijing's Tiananmen Square", "Bosnia's capital, Sarajevo" (a place inside it);
    "Dallas nightclub owner Jack Ruby", "Ohio's governor, Richard Celeste" (a person
    living there); "Modesto native George Lucas" (born there).
    """
    place = entity_at(doc, token)
    if place is None or place.type != PLACE or token.dep_ not in ("poss", "compound", "nmod"):
        return
    if entity_at(doc, token.head) is place:
        return  # the token is inside the place's own name
    head, native = token.head, False
    end = _mention_end(doc, token)
    if end < len(doc) and doc[end].lower_ in ("native", "born") and doc[end].head.i == head.i:
        native = True  # "Modesto native George Lucas", both words hung on the name
    for step in range(1, 5):
        target = entity_at(doc, head)
        native = native or head.lemma_.lower() in ("native", "born")
        predicate = "bornIn" if native else "livesIn"
        if target is not None:
            if target.type == ORG and (token.dep_ == "poss" or step == 1):
                yield target, "basedIn", place, 0.6
            elif target.type == PLACE and token.dep_ == "poss" and step == 1:
                yield target, "locatedIn", place, 0.7  # "Beijing's Tiananmen Square"
            elif target.type == PERSON and (step > 1 or token.dep_ == "poss" or native):
                # a role word in between ("Louisiana Gov. Earl Long") or a possessive ("Ohio's Richard Celeste")
                yield target, predicate, place, 0.5
            return
        if head.pos_ in ("NOUN", "PROPN") and (head.dep_ == "appos" or _child(head, "appos") is not None):
            named = _entity(doc, head)
            if named is not None and named.type == PERSON:
                yield named, predicate, place, 0.5
            elif named is not None and named.type == ORG and head.dep_ == "appos":
                yield named, "basedIn", place, 0.6  # "Sun Hung Kai, a Hong Kong construction firm"
            elif named is not None and named.type == PLACE and token.dep_ == "poss" and named is not place \
                    and (head.lower_ in PLACE_NOUNS or head.lemma_.lower() in PLACE_NOUNS):
                yield named, "locatedIn", place, 0.7  # "Bosnia's capital, Sarajevo"
            return
        if head.pos_ == "NOUN" and head.dep_ == "attr" and head.head.lemma_ == "be" and token.dep_ != "poss":
            # "Ada Moss is a Leeds native", "Corvane is a Lisbon shipping firm": the subject is
            # what the description says is from the place
            named = _entity(doc, head)
            if named is not None and named.type == PERSON:
                yield named, predicate, place, 0.5
            elif named is not None and named.type == ORG:
                yield named, "basedIn", place, 0.5
            return
        if head.dep_ not in ("compound", "nmod", "amod") or head.head is head or \
                head.pos_ not in ("NOUN", "PROPN", "ADJ"):
            return
        head = head.head


HOME_NOUNS = {"home", "hometown", "birthplace", "homeland", "homestate"}
_BIRTH_WORDS = {"native", "birthplace"}


def _home_places(doc: Doc, token: Token) -> Iterator[Found]:
    """Someone's home or native place: "his native South Carolina", "her Germantown home",
    "Nelson's hometown of Abbott", "Beaumont, Texas, Richardson's hometown".

    The owner is the possessor of the phrase; a possessive pronoun ("his", "her") stands for
    the subject of the clause when that is a person.
    """
    place = entity_at(doc, token)
    if place is None or place.type != PLACE or _mention_end(doc, token) != token.i + 1:
        return  # once per mention, from its last token
    phrase, word = None, ""
    native = next((c for c in token.children if c.dep_ == "amod" and c.lower_ in _BIRTH_WORDS), None)
    if native is not None:
        phrase, word = token, native.lower_  # "his native South Carolina"
    elif token.dep_ in ("compound", "nmod") and token.head.lower_ in HOME_NOUNS:
        phrase = token.head  # "her Germantown home"
    elif token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lower_ in HOME_NOUNS:
        phrase = token.head.head  # "Nelson's hometown of Abbott"
    else:
        phrase = next((c for c in token.children if c.dep_ == "appos" and c.lower_ in HOME_NOUNS), None)
    if phrase is None:
        return
    word = word or phrase.lower_
    owner_token = _child(phrase, "poss")
    if owner_token is None:
        return
    owner = entity_at(doc, owner_token)
    if owner is None and owner_token.tag_ == "PRP$" and owner_token.lower_ in ("his", "her"):
        verb = phrase
        while verb.pos_ not in ("VERB", "AUX") and verb.head is not verb:
            verb = verb.head
        owner = _entity(doc, _subject_of(doc, verb)) if verb.pos_ in ("VERB", "AUX") else None
    if owner is not None and owner.type == PERSON:
        predicate = "bornIn" if word in _BIRTH_WORDS else "livesIn"
        yield owner, predicate, place, 0.6
        yield from _chain_outward(doc, token, owner, predicate, 0.55)


@Language.factory(
    "newsgraph_relations",
    requires=["doc._.ng_entities", "token.dep"],
    assigns=["doc._.ng_relations"],
)
def make_relation_extractor(nlp: Language, name: str) -> RelationExtractor:
    return RelationExtractor(nlp, name)
