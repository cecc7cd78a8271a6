"""A learned relation classifier over pairs of entity mentions in a sentence.

The rules in :mod:`.roles` and :mod:`.relations` read fixed shapes ("X, director of Y",
"X, based in Y"). Where a sentence says the same with other words ("X, who has played
bass for Y since 2004", "Y chairman ... X", "PERUGIA, Italy (AP)") they find nothing.
This component scores every pair of entity mentions of a sentence with a logistic
regression over sparse features of the pair, and adds what scores past a threshold:

=============  =========================  ===============================================
pair           question (trained on)       what a "yes" adds
=============  =========================  ===============================================
Person, Org    works for / is a member of  a ``memberOf`` relation (not the organisation of
               (CoNLL04 Work_For; KBP37     a role: "X, a Civic Party councillor" is a
               per:employee_of,             member of the party, a councillor of the
               org:top_members/employees)   council)
Person, Place  holds an office there       the jurisdiction of the person's role in the
               (KBP37 per:employee_of       sentence when that role has none (nothing
               with a place)                otherwise)
Person, Place  lives there (CoNLL04        ``livesIn``
               Live_In; KBP37 residence)
Org, Place     based there (CoNLL04        ``basedIn``
               OrgBased_In; KBP37 HQ)
Place, Place   located in (CoNLL04)        ``locatedIn`` (ordered pair)
Person, Person killed (CoNLL04 Kill)       ``killed`` (ordered pair)
=============  =========================  ===============================================

Only additions: a fact the rules found stays, and the classifier never removes one.
A residence or base it adds chains out through the sentence's ``locatedIn`` relations
("X of Chisholm, Minn." lives in Minnesota too), as the rules chain theirs; it adds no
``livesIn`` where the rules read a birth of that person in or around that place (its
training data counts a birthplace as a residence, the rules' ``bornIn`` says it already).
Features (:func:`pair_features`) are strings: the words between the mentions, the
dependency path between their heads, the words around them (two each side), the mentions'
head words, the sentence's root, the spaCy entity labels, the distance, and where the pair
sits among the sentence's other mentions (how many of either type lie between, whether each
is the other's nearest of its type); each is prefixed with the pair's head name and hashed
(CRC-32, so the same in every process) into a fixed-size weight vector. The weights ship as a small
``.npz`` (plain arrays, read without pickle) next to this module; the training script
``train/relations.py`` rebuilds it (command in the README). Inference needs only numpy.

Turned off with ``Settings.learned_relations = False`` (``NEWSGRAPH_LEARNED_RELATIONS=0``).
"""

from __future__ import annotations

import math
import zlib
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .facts import EntityCluster, RelationFact, RoleFact, entity_at, head_token
from .lexicon import CORPORATE_TITLE_WORDS

WEIGHTS = Path(__file__).with_name("data") / "relations.npz"

PERSON, ORG, PLACE = "Person", "Organization", "Place"
# Heads of the classifier: name -> (first mention's type, second mention's type).
HEADS: dict[str, tuple[str, str]] = {
    "affiliation": (PERSON, ORG),
    "office": (PERSON, PLACE),
    "residence": (PERSON, PLACE),
    "based": (ORG, PLACE),
    "located": (PLACE, PLACE),
    "killed": (PERSON, PERSON),
}
# The relation a head adds (None: it only completes a role).
PREDICATES = {"affiliation": "memberOf", "office": None, "residence": "livesIn", "based": "basedIn",
              "located": "locatedIn", "killed": "killed"}
ORDERED = {"located", "killed"}  # same-type pairs: both orders are scored
SINGLE = {"affiliation", "residence", "based"}  # the first argument's best pair only, per sentence
# A relation's confidence is the classifier's probability times this: the relations it adds
# were right less often than the rules' (on CoNLL04 test about a third of them, strict spans;
# on news-dev about half, read by hand).
CONFIDENCE = 0.6
MAX_BETWEEN = 40  # mentions further apart than this many tokens are not paired
DEFAULT_BITS = 18
VECTOR_DIM = 300  # en_core_web_md's static word vectors

_BUCKETS = (0, 1, 2, 3, 4, 6, 9, 13, 20)

# Verbs of going somewhere: the place after them is where, not what for
_TRAVEL_VERBS = {"visit", "tour", "travel", "fly", "arrive", "go", "come", "return", "head", "land", "reach",
                 "leave", "stop"}


def _travelled_to(place: Token) -> bool:
    """The place is the object of a visit or the end of a journey: "visited Kabul", "flew to Paris"."""
    if place.dep_ == "dobj":
        return place.head.lemma_ in _TRAVEL_VERBS
    return place.dep_ == "pobj" and place.head.lower_ in ("to", "in", "at", "from") and \
        place.head.head.lemma_ in _TRAVEL_VERBS


def _bucket(n: int) -> int:
    return _BUCKETS[bisect_right(_BUCKETS, n) - 1]


def _word(token: Token) -> str:
    if token.like_num:
        return "<num>"
    return token.lemma_.lower() or token.lower_


WORDS_KEY = "ng_learned_words"  # doc.user_data: token index -> _word, while the component runs


def _words(doc: Doc) -> Callable[[Token], str]:
    """:func:`_word`, remembered per token of ``doc``: the pairs of a sentence read the same words."""
    known: dict[int, str] = doc.user_data.setdefault(WORDS_KEY, {})

    def word(token: Token) -> str:
        value = known.get(token.i)
        if value is None:
            value = known[token.i] = _word(token)
        return value

    return word


def _ancestors(token: Token) -> list[Token]:
    chain = [token]
    while chain[-1].head.i != chain[-1].i and len(chain) < 30:
        chain.append(chain[-1].head)
    return chain


def _path(a: Token, b: Token) -> tuple[list[str], list[Token], Token | None]:
    up_a, up_b = _ancestors(a), _ancestors(b)
    index_b = {t.i: k for k, t in enumerate(up_b)}
    for k, token in enumerate(up_a):
        if token.i in index_b:
            m = index_b[token.i]
            labels = [t.dep_ + "<" for t in up_a[:k]] + [t.dep_ + ">" for t in reversed(up_b[:m])]
            tokens = up_a[1:k] + ([token] if k and m else []) + list(reversed(up_b[1:m]))
            return labels, tokens, token
    return [], [], None


def dependency_path(a: Token, b: Token, word: Callable[[Token], str] = _word) -> tuple[list[str], list[str], Token | None]:
    """The labels up from ``a`` to the lowest common ancestor and down to ``b`` (as
    "dep<" / "dep>"), the words on the path between them, and the ancestor."""
    labels, tokens, ancestor = _path(a, b)
    return labels, [word(t) for t in tokens], ancestor


def _mean_vector(tokens: list[Token]) -> np.ndarray:
    total = np.zeros(VECTOR_DIM, dtype=np.float32)
    count = 0
    for token in tokens:
        if token.is_alpha and not token.is_stop:
            norm = token.vector_norm
            if norm > 0:
                total += token.vector / norm
                count += 1
    return total / count if count else total


def pair_vector(a: Span, b: Span) -> np.ndarray:
    """The mean word vector of the content words between the mentions, then of those on the
    dependency path between them (the model's static vectors; zeros for a model without 300-
    dimensional ones, such as en_core_web_sm, or a hand-built Doc)."""
    doc = a.doc
    if doc.vocab.vectors.shape[1] != VECTOR_DIM:
        return np.zeros(2 * VECTOR_DIM, dtype=np.float32)
    first, second = (a, b) if a.start < b.start else (b, a)
    _, on_path, _ = _path(a.root, b.root)
    return np.concatenate([_mean_vector(list(doc[first.end:second.start])), _mean_vector(on_path)])


def _gap(x: Span, y: Span) -> int:
    return y.start - x.end if x.start < y.start else x.start - y.end


def neighbour_features(a: Span, b: Span, mentions: list[tuple[EntityCluster, Span]]) -> list[str]:
    """How the pair sits among the sentence's other mentions: how many of ``b``'s type (and of
    ``a``'s) lie between them, and whether ``b`` is the nearest of its type to ``a`` (and ``a``
    to ``b``). In a list of people and their towns each name goes with the nearest town."""
    type_a = type_b = ""
    for cluster, mention in mentions:
        if mention is a:
            type_a = cluster.type
        elif mention is b:
            type_b = cluster.type
    low, high = min(a.start, b.start), max(a.end, b.end)
    gap = _gap(a, b)
    same_b = same_a = 0
    nearest_b = nearest_a = True
    for cluster, mention in mentions:
        if mention is a or mention is b:
            continue
        inside = low <= mention.start and mention.end <= high
        if cluster.type == type_b:
            same_b += inside
            nearest_b = nearest_b and _gap(a, mention) >= gap
        if cluster.type == type_a:
            same_a += inside
            nearest_a = nearest_a and _gap(b, mention) >= gap
    return [f"sb={min(same_b, 2)}", f"sa={min(same_a, 2)}", f"near={int(nearest_b)}{int(nearest_a)}",
            f"nearsb={int(nearest_b)}{min(same_b, 2)}"]


def pair_features(head: str, a: Span, b: Span, mentions: list[tuple[EntityCluster, Span]] | None = None) -> list[str]:
    """Feature strings of the mention pair (``a``, ``b``) for one head; ``a`` is the first
    argument of the relation (the person, the organisation, the inner place, the killer).
    With the sentence's ``mentions`` (as :func:`sentence_mentions` gives them), also where the
    pair sits among them (:func:`neighbour_features`)."""
    return [f"{head}|{f}" for f in shared_features(a, b, mentions)]


def shared_features(a: Span, b: Span, mentions: list[tuple[EntityCluster, Span]] | None = None,
                    sentence: tuple[Span, Token] | None = None) -> list[str]:
    """:func:`pair_features` before the head's name is put in front: the same for every head
    that scores the pair (a person and a place: office and residence). ``sentence``: the pair's
    sentence and its root, when the caller knows them (``Span.sent`` and ``Span.root`` each walk
    the sentence, and a sentence holds many pairs)."""
    doc = a.doc
    word = _words(doc)
    first, second = (a, b) if a.start < b.start else (b, a)
    order = "ab" if first is a else "ba"
    between = doc[first.end:second.start]
    words = [word(t) for t in between if not t.is_punct]
    features = ["bias", f"order={order}", f"dist={_bucket(len(between))}",
                f"la={a.root.ent_type_ or a.label_}", f"lb={b.root.ent_type_ or b.label_}"]
    features += [f"bw={w}" for w in set(words)]
    features += [f"bw={order}:{w}" for w in set(words)]
    if between:
        features.append(f"bf={word(between[0])}")
        features.append(f"bl={word(between[-1])}")
        if len(between) <= 4:
            features.append(f"btw={order}:" + " ".join(t.lower_ for t in between))
    else:
        features.append("adjacent")
    punct = "".join(t.text for t in between if t.is_punct and t.text in ",()-;:")
    features.append(f"punct={punct[:4]}")
    others = {id(c) for t in between if (c := entity_at(doc, t)) is not None}
    features.append(f"ents_between={min(len(others), 3)}")
    sent, root = sentence if sentence is not None else (first.sent, first.sent.root)
    before = doc[first.start - 1] if first.start > sent.start else None
    after = doc[second.end] if second.end < sent.end else None
    features.append(f"w-1={word(before) if before is not None else '<s>'}")
    features.append(f"w+1={word(after) if after is not None else '</s>'}")
    a_after = doc[a.end] if a.end < len(doc) else None
    b_before = doc[b.start - 1] if b.start > 0 else None
    features.append(f"a+1={word(a_after) if a_after is not None else '</s>'}")
    features.append(f"b-1={word(b_before) if b_before is not None else '<s>'}")
    # The mentions' own head words ("party", "university", "ap") and a wider window.
    features.append(f"ha={word(a.root)}")
    features.append(f"hb={word(b.root)}")
    before2 = doc[first.start - 2] if first.start - 1 > sent.start else None
    after2 = doc[second.end + 1] if second.end + 1 < sent.end else None
    features.append(f"w-2={word(before2) if before2 is not None else '<s>'}")
    features.append(f"w+2={word(after2) if after2 is not None else '</s>'}")
    features.append(f"root={word(root)}")
    features.append(f"op={order}:{punct[:4]}:{_bucket(len(between))}")
    labels, path_words, ancestor = dependency_path(a.root, b.root, word)
    if ancestor is not None:
        features.append("path=" + " ".join(labels))
        features.append("pathw=" + " ".join(f"{label}{w}" for label, w in zip(labels, [*path_words, ""])))
        features.append(f"plen={_bucket(len(labels))}")
        features.append(f"lca={word(ancestor)}")
        features.append(f"lcapos={ancestor.pos_}")
        features += [f"pw={w}" for w in set(path_words)]
        if labels:
            features.append(f"p0={labels[0]}")
            features.append(f"p-1={labels[-1]}")
    if mentions is not None:
        features += neighbour_features(a, b, mentions)
    return features


def feature_indices(features: list[str], bits: int) -> np.ndarray:
    mask = (1 << bits) - 1
    return np.fromiter({zlib.crc32(f.encode("utf-8")) & mask for f in features}, dtype=np.int64)


def head_indices(head: str, shared: list[bytes], bits: int) -> np.ndarray:
    """:func:`feature_indices` of ``head``'s features from the shared ones, UTF-8 encoded:
    the CRC of "head|" is computed once and carried on through each feature."""
    mask = (1 << bits) - 1
    prefix = zlib.crc32(f"{head}|".encode())
    return np.fromiter({zlib.crc32(f, prefix) & mask for f in shared}, dtype=np.int64)


@dataclass(frozen=True)
class Model:
    weights: np.ndarray  # one weight per hashed feature
    bits: int
    thresholds: dict[str, float]
    dense: dict[str, np.ndarray] | None = None  # per head: weights of pair_vector()

    def probability(self, features: list[str], head: str | None = None, vector: np.ndarray | None = None) -> float:
        return self.probability_of(feature_indices(features, self.bits), head, vector)

    def probability_of(self, indices: np.ndarray, head: str | None = None, vector: np.ndarray | None = None) -> float:
        """:meth:`probability` from the features' indices (:func:`feature_indices`, :func:`head_indices`)."""
        score = float(self.weights[indices].sum())
        if self.dense is not None and head is not None and vector is not None:
            score += float(self.dense[head] @ vector)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


def read_model(path: Path | str) -> Model:
    """The weights file the training script writes: plain arrays, no pickle."""
    with np.load(path, allow_pickle=False) as data:
        heads = [str(h) for h in data["heads"]]
        thresholds = {h: float(t) for h, t in zip(heads, data["thresholds"])}
        dense = {h: row.astype(np.float32) for h, row in zip(heads, data["dense"])} if "dense" in data.files else None
        return Model(weights=data["weights"].astype(np.float32), bits=int(data["bits"]), thresholds=thresholds,
                     dense=dense)


@lru_cache(maxsize=1)
def shipped_model() -> Model:
    return read_model(WEIGHTS)


def candidate_pairs(mentions: list[tuple[EntityCluster, Span]]) -> list[tuple[str, EntityCluster, Span, EntityCluster, Span]]:
    """(head, first entity, its mention, second entity, its mention) for the mentions of one sentence."""
    pairs = []
    for i, (ca, ma) in enumerate(mentions):
        for j, (cb, mb) in enumerate(mentions):
            if i == j or ca is cb or abs(ma.start - mb.start) > MAX_BETWEEN:
                continue
            if ma.start < mb.end and mb.start < ma.end:
                continue  # overlapping mentions
            for head, (ta, tb) in HEADS.items():
                if ca.type != ta or cb.type != tb:
                    continue
                if ta == tb and head not in ORDERED:
                    continue
                pairs.append((head, ca, ma, cb, mb))
    return pairs


def sentence_mentions(doc: Doc) -> dict[int, list[tuple[EntityCluster, Span]]]:
    """The (entity, mention) pairs of people, organisations and places, by sentence number."""
    sentences = list(doc.sents)
    starts = [sent.start for sent in sentences]
    by_sentence: dict[int, list[tuple[EntityCluster, Span]]] = {}
    for cluster in doc._.ng_entities or []:
        if cluster.type not in (PERSON, ORG, PLACE):
            continue
        for mention in cluster.mentions:
            k = bisect_right(starts, mention.start) - 1
            if mention.end <= sentences[k].end:
                by_sentence.setdefault(k, []).append((cluster, mention))
    for mentions in by_sentence.values():
        mentions.sort(key=lambda m: m[1].start)
    return by_sentence


class LearnedRelations:
    """spaCy component: adds the relations (and completes the roles) the classifier finds."""

    def __init__(self, nlp: Language, name: str, model: Model | None = None):
        self.name = name
        self._model = model

    @property
    def model(self) -> Model:
        if self._model is None:
            self._model = shipped_model()
        return self._model

    def __call__(self, doc: Doc) -> Doc:
        model = self.model
        clusters = doc._.ng_entities or []
        if not clusters:
            return doc
        roles: list[RoleFact] = list(doc._.ng_roles or [])
        relations: list[RelationFact] = list(doc._.ng_relations or [])
        known = {(id(r.subject), r.predicate, id(r.object)) for r in relations}
        affiliated = {(id(r.subject), id(r.object)) for r in relations if r.predicate in ("memberOf", "worksFor")}
        affiliated |= {(id(r.person), id(r.organization)) for r in roles if r.organization is not None}
        sentences = list(doc.sents)
        by_sentence = sentence_mentions(doc)
        dateline = doc._.ng_dateline
        filed_at = dateline.end if dateline is not None else 0
        for k, mentions in by_sentence.items():
            if len(mentions) < 2:
                continue
            sent = sentences[k]
            sentence = (sent, sent.root)
            best: dict[tuple[str, int, int], tuple[float, EntityCluster, EntityCluster]] = {}
            # a pair's features and vector, read once for all the heads that score it
            shared: dict[tuple[int, int], tuple[list[bytes], np.ndarray | None]] = {}
            for head, ca, ma, cb, mb in candidate_pairs(mentions):
                if (ma.start_char < filed_at) != (mb.start_char < filed_at):
                    continue  # the dateline says where the story was filed, not where anyone lives or works
                if head == "office" and head_token(mb).dep_ in ("compound", "amod") and \
                        head_token(mb).head.pos_ == "NOUN":
                    continue  # "President Reagan ... the Iran arms deal": a place naming a thing is no office's
                if head == "office" and _travelled_to(head_token(mb)):
                    continue  # "Sen. X visited Kabul": where someone went, not what they hold office for
                pair = (id(ma), id(mb))
                if pair not in shared:
                    shared[pair] = ([f.encode() for f in shared_features(ma, mb, mentions, sentence)],
                                    pair_vector(ma, mb) if model.dense is not None else None)
                encoded, vector = shared[pair]
                p = model.probability_of(head_indices(head, encoded, model.bits), head, vector)
                if p < model.thresholds[head]:
                    continue
                key = (head, id(ca), id(cb))
                if key not in best or best[key][0] < p:
                    best[key] = (p, ca, cb)
            # A role in this sentence with neither organisation nor place takes the most likely
            # place the person holds office for ("Prime Minister X ... Japan"). Not the most likely
            # organisation: membership is not the post ("X, a Civic Party councillor" sits on a
            # council), so an affiliation stays a memberOf relation.
            for role in roles:
                if role.sentence.start != sent.start or role.organization is not None or \
                        role.jurisdiction is not None or CORPORATE_TITLE_WORDS.intersection(role.role.split()):
                    continue  # a company's chairman holds no office for a country
                choices = [(p, cb) for (h, _, _), (p, ca, cb) in best.items() if h == "office" and ca is role.person]
                if choices:
                    p, place = max(choices, key=lambda c: c[0])
                    role.jurisdiction = place
                    role.confidence = round(min(role.confidence, p), 2)
            # One organisation or place per person (or organisation) and head in a sentence: in a
            # list of people and their parties each name has its own, the nearest.
            strongest: dict[tuple[str, int], float] = {}
            for (head, first, _), (p, _, _) in best.items():
                strongest[(head, first)] = max(p, strongest.get((head, first), 0.0))
            added: list[RelationFact] = []
            for (head, first, _), (p, ca, cb) in best.items():
                if head in SINGLE and p < strongest[(head, first)]:
                    continue
                predicate = PREDICATES[head]
                if predicate is None or (id(ca), predicate, id(cb)) in known:
                    continue
                if head == "affiliation" and (id(ca), id(cb)) in affiliated:
                    continue
                if head == "residence" and born_there(relations, ca, cb, sent):
                    continue
                known.add((id(ca), predicate, id(cb)))
                added.append(RelationFact(ca, predicate, cb, sent, round(CONFIDENCE * p, 2)))
            relations += added
            for fact in chained(added, relations, sent):
                triple = (id(fact.subject), fact.predicate, id(fact.object))
                if triple not in known:
                    known.add(triple)
                    relations.append(fact)
        doc._.ng_relations = relations
        doc.user_data.pop(WORDS_KEY, None)
        return doc


def _places_around(relations: list[RelationFact], place: EntityCluster, sent: Span) -> list[EntityCluster]:
    """The places a ``locatedIn`` of this sentence puts ``place`` in, then those around them."""
    outer: list[EntityCluster] = []
    frontier = [place]
    while frontier and len(outer) < 5:
        current = frontier.pop()
        for r in relations:
            if (r.predicate == "locatedIn" and r.subject is current and r.sentence.start == sent.start
                    and r.object is not place and r.object not in outer):
                outer.append(r.object)
                frontier.append(r.object)
    return outer


def born_there(relations: list[RelationFact], person: EntityCluster, place: EntityCluster, sent: Span) -> bool:
    """The rules read a birth of ``person`` in ``place`` (or in a place around it, or inside
    it) from this sentence: the residence head, trained on annotations that count a
    birthplace as a residence, would say the same again as ``livesIn``."""
    for r in relations:
        if r.predicate != "bornIn" or r.subject is not person or r.sentence.start != sent.start:
            continue
        if r.object is place or place in _places_around(relations, r.object, sent) \
                or r.object in _places_around(relations, place, sent):
            return True
    return False


def rules_cover(head: str, first: EntityCluster, second: EntityCluster, relations: list[RelationFact],
                roles: list[RoleFact], sent: Span) -> bool:
    """The rules already say what ``head`` would add for the pair, so the component adds nothing
    for it: the same relation (anywhere in the article), an affiliation by a relation or a role,
    or a birth there for a residence. (The component reads the same from sets it builds once.)"""
    predicate = PREDICATES[head]
    if predicate is None:
        return False
    if any(r.subject is first and r.predicate == predicate and r.object is second for r in relations):
        return True
    if head == "affiliation":
        return any(r.subject is first and r.object is second and r.predicate in ("memberOf", "worksFor")
                   for r in relations) or any(r.person is first and r.organization is second for r in roles)
    return head == "residence" and born_there(relations, first, second, sent)


def chained(added: list[RelationFact], relations: list[RelationFact], sent: Span) -> list[RelationFact]:
    """Who lives (or what is based) in a place lives (is based) in the places around it:
    "X of Chisholm, Minn." lives in Minnesota too, as the rules chain their own ("X, based
    in Y, Z"). Each chained relation keeps the confidence of the one it follows from."""
    out = []
    for fact in added:
        if fact.predicate not in ("livesIn", "basedIn"):
            continue
        for outer in _places_around(relations, fact.object, sent):
            out.append(RelationFact(fact.subject, fact.predicate, outer, sent, fact.confidence))
    return out


@Language.factory(
    "newsgraph_learned_relations",
    requires=["doc._.ng_entities", "doc._.ng_roles", "doc._.ng_relations", "token.dep"],
    assigns=["doc._.ng_relations", "doc._.ng_roles"],
)
def make_learned_relations(nlp: Language, name: str) -> LearnedRelations:
    return LearnedRelations(nlp, name)
