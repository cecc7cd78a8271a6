"""Roles: who holds which position where.

News names a role in a handful of shapes around a person's name, all handled here
over tokens, entity types and the dependency parse:

* after the name:   "Daren Tang, director general of WIPO"; "Ding Li, an economics
  researcher at the Guangdong Academy"; "X, WIPO's director general"; "X, who heads Y";
  "X is the chief executive of Y"; "X was named chief executive of Y"
* before the name:  "WIPO director general Daren Tang"; "WIPO's director general,
  Daren Tang"; "Senator X" (no organisation: organisation stays None)
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .facts import EntityCluster, RoleFact, entity_at
from .lexicon import ROLE_MODIFIERS, ROLE_NOUNS, ROLE_VERBS, TITLE_WORDS

_ROLE_SUFFIX = re.compile(r"(er|or|ist|ian|ant|ent|eer|ee|man|woman|person|ary|ive)s?$")
_ORG_PREPS = {"of", "at", "for", "with", "in"}
_ARTICLES = {"a", "an", "the"}
_COPULAS = {"be", "become", "remain", "serve", "name", "appoint", "elect"}
_LINKS = {"and", "&", "-"}
_NOT_ROLES = {"people", "person", "others", "percent", "year", "years", "time", "times", "government",
              "city", "country", "region", "company", "firm", "group", "center", "centre", "order",
              "part", "members", "market", "center", "event", "statement", "interview", "report"}


_MAX_ROLE_WORDS = 6


def _is_modifier(token: Token) -> bool:
    """A word that can qualify a role: "economics" researcher, "railways" minister, "Minority" Leader."""
    if not token.is_alpha or token.lower_ in _NOT_ROLES or token.ent_type_ == "NORP":
        return False  # "Chinese Premier X": a nationality says where, not what
    if token.is_lower:
        return token.pos_ in ("NOUN", "ADJ")
    if token.is_sent_start:  # the capital says nothing here; taggers often call it PROPN
        return token.pos_ in ("NOUN", "ADJ", "PROPN")
    # capitalised inside a title: "Senate Minority Leader", "Foreign Minister"
    following = token.nbor() if token.i + 1 < len(token.doc) else None
    return token.is_title and token.pos_ in ("NOUN", "ADJ", "PROPN") and following is not None and \
        following.is_title and (is_role_word(following) or _is_modifier_lower(following))


def _is_modifier_lower(token: Token) -> bool:
    return token.is_alpha and token.pos_ in ("NOUN", "ADJ") and token.lower_ not in _NOT_ROLES


def is_role_word(token: Token) -> bool:
    lower = token.lower_
    if lower in _NOT_ROLES or not token.is_alpha and "-" not in lower:
        return False
    if lower in ROLE_NOUNS or lower in ROLE_MODIFIERS:
        return True
    return token.pos_ == "NOUN" and bool(_ROLE_SUFFIX.search(lower)) and len(lower) > 4


def is_role_head(token: Token) -> bool:
    lower = token.lower_
    if lower in ROLE_NOUNS and lower not in ROLE_MODIFIERS - {"chief", "general", "executive", "principal"}:
        return True
    return token.pos_ == "NOUN" and lower not in _NOT_ROLES and lower not in ROLE_MODIFIERS and \
        bool(_ROLE_SUFFIX.search(lower)) and len(lower) > 4


def _free(doc: Doc, i: int) -> bool:
    """Token i is a plain word: not part of any entity."""
    return entity_at(doc, i) is None


def _org_entity(cluster: EntityCluster | None) -> EntityCluster | None:
    return cluster if cluster is not None and cluster.type in ("Organization", "Place") else None


def _entity_span_end(doc: Doc, i: int) -> int:
    """Index after the entity mention that starts at token i."""
    cluster = entity_at(doc, i)
    for mention in cluster.mentions:
        if mention.start <= i < mention.end:
            return mention.end
    return i + 1


def _entity_span_start(doc: Doc, i: int) -> int:
    cluster = entity_at(doc, i)
    for mention in cluster.mentions:
        if mention.start <= i < mention.end:
            return mention.start
    return i


def read_role_after(doc: Doc, i: int, limit: int) -> tuple[str, EntityCluster | None, int] | None:
    """Read "[a|the] [ORG['s]] role words [of|at ORG]" starting at token i.

    Returns (role, organisation, end index) or None when no role phrase starts there.
    """
    org = None
    if i + 1 < limit and doc[i].like_num and doc[i + 1].text == ",":
        i += 2  # "Jane Doe, 54, a construction worker": skip the age
    if i < limit and doc[i].lower_ in _ARTICLES:
        i += 1
    if i < limit and entity_at(doc, i) is not None and _org_entity(entity_at(doc, i)):
        end = _entity_span_end(doc, i)
        if end < limit and doc[end].lower_ in ("'s", "’s"):
            org, i = entity_at(doc, i), end + 1
        elif end < limit and is_role_word(doc[end]) and _free(doc, end):
            org, i = entity_at(doc, i), end  # "the WIPO director general"
    start = i
    while i < limit and i - start < _MAX_ROLE_WORDS and _free(doc, i) and (
            is_role_word(doc[i]) or _is_modifier(doc[i]) or
            (doc[i].lower_ in _LINKS and i > start and i + 1 < limit and is_role_word(doc[i + 1]))):
        i += 1
    while i > start and not is_role_head(doc[i - 1]):
        i -= 1
    if i == start:
        return None
    role = " ".join(t.lower_ for t in doc[start:i])
    end = i
    if org is None and i + 1 < limit and doc[i].lower_ in _ORG_PREPS:
        j = i + 1
        if doc[j].lower_ in _ARTICLES:
            j += 1
        if j < limit and _org_entity(entity_at(doc, j)):
            org = entity_at(doc, j)
            end = _entity_span_end(doc, j)
    return role, org, end


def read_role_before(doc: Doc, person_start: int, sentence_start: int) -> tuple[str, EntityCluster | None] | None:
    """Read "[ORG['s]] role words [,] PERSON" ending right before the person's name."""
    i = person_start
    if i - 1 >= sentence_start and doc[i - 1].text == ",":
        i -= 1  # "WIPO's director general, Daren Tang"
        comma = True
    else:
        comma = False
    end = i
    while i - 1 >= sentence_start and end - i < _MAX_ROLE_WORDS and _free(doc, i - 1) and (
            is_role_word(doc[i - 1]) or (_is_modifier(doc[i - 1]) and i < end) or
            (doc[i - 1].lower_ in _LINKS and i - 2 >= sentence_start and is_role_word(doc[i - 2]))):
        i -= 1
    # the role's own modifiers that are ordinary words: "economics researcher"
    if i == end or not is_role_head(doc[end - 1]):
        return None
    role_tokens = doc[i:end]
    if not any(is_role_head(t) for t in role_tokens):
        return None
    org = None
    j = i - 1
    if j >= sentence_start and doc[j].lower_ in ("'s", "’s"):
        j -= 1
    if j >= sentence_start and _org_entity(entity_at(doc, j)):
        org = entity_at(doc, j)
    if comma and org is None:
        return None  # "..., president, X" is a list, not a title
    if org is None and doc[i].is_title and not doc[i].is_sent_start and \
            doc[i].lower_ not in TITLE_WORDS and doc[i].lower_ not in ROLE_NOUNS:
        return None  # "Opposition Leader"-like capitals that are not titles we know
    return " ".join(t.lower_ for t in role_tokens), org


def _verb_role(person: Span) -> tuple[str, EntityCluster | None, Span] | None:
    """"X, who heads Y" / "X heads Y" / "X is the president of Y" / "X was named CEO of Y"."""
    doc = person.doc
    root = person.root
    verbs: list[Token] = []
    for child in root.children:
        if child.dep_ == "relcl":
            verbs.append(child)
    if root.dep_ in ("nsubj", "nsubjpass"):
        verbs.append(root.head)
    for verb in verbs:
        if verb.lemma_ in ROLE_VERBS:
            for child in verb.children:
                if child.dep_ in ("dobj", "attr") and _org_entity(entity_at(doc, child)):
                    return ROLE_VERBS[verb.lemma_], entity_at(doc, child), person.sent
        if verb.lemma_ in _COPULAS:
            for child in verb.children:
                if child.dep_ in ("attr", "oprd", "xcomp", "dobj") or (child.dep_ == "prep" and child.lower_ == "as"):
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
                        return found[0], found[1], person.sent
    return None


class RoleFinder:
    """spaCy component: builds ``doc._.ng_roles``."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        roles: dict[tuple, RoleFact] = {}

        def keep(person: EntityCluster, role: str, org: EntityCluster | None, sentence: Span, confidence: float):
            role = role.strip(" -")
            if not role or role in ROLE_MODIFIERS:
                return
            key = (id(person), role, id(org) if org else None)
            if key not in roles or roles[key].confidence < confidence:
                roles[key] = RoleFact(person=person, role=role, organization=org, sentence=sentence, confidence=confidence)

        for cluster in doc._.ng_entities or []:
            if cluster.type != "Person":
                continue
            for mention in cluster.mentions:
                sentence = mention.sent
                limit = sentence.end
                after = mention.end
                if after < limit and doc[after].text == ",":
                    found = read_role_after(doc, after + 1, limit)
                    if found:
                        keep(cluster, found[0], found[1], sentence, 0.85 if found[1] else 0.7)
                        continue
                if after + 1 < limit and doc[after].lower_ == "as":  # "named X as chief executive of Y"
                    found = read_role_after(doc, after + 1, limit)
                    if found:
                        keep(cluster, found[0], found[1], sentence, 0.75)
                        continue
                before = read_role_before(doc, mention.start, sentence.start)
                if before:
                    keep(cluster, before[0], before[1], sentence, 0.8 if before[1] else 0.65)
                    continue
                verbal = _verb_role(mention)
                if verbal:
                    keep(cluster, verbal[0], verbal[1], sentence, 0.7)
        # A role without an organisation adds nothing when the same role is known with one.
        with_org = {(id(r.person), r.role) for r in roles.values() if r.organization is not None}
        doc._.ng_roles = [r for r in roles.values()
                          if r.organization is not None or (id(r.person), r.role) not in with_org]
        return doc


@Language.factory(
    "newsgraph_roles",
    requires=["doc._.ng_entities", "token.dep", "token.pos"],
    assigns=["doc._.ng_roles"],
)
def make_role_finder(nlp: Language, name: str) -> RoleFinder:
    return RoleFinder(nlp, name)
