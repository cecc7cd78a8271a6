"""Quotes: who said what, directly ("...", said X) or reported ("X added that ...").

Speakers are resolved to entities: a name, a surname (through the entity
clusters), "he"/"she" pointing to the last person named, or a common noun pointing
to the organisation it names ("the ministry said").
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .facts import EntityCluster, QuoteFact, entity_at, headline_end
from .lexicon import BODY_HEADS, ORG_HEADS, SPEECH_VERBS

_OPENERS = {"“": "”", '"': '"', "«": "»", "„": "“"}
_PERSONAL = {"he", "she", "him", "her"}
# Nouns that stand for an organisation already named ("the ministry said")
_ORG_NOUNS = ORG_HEADS | BODY_HEADS | {"firm", "government", "club", "team", "body", "spokesman",
                                       "spokeswoman", "spokesperson", "statement", "foundation", "operator"}
# ... and those general enough to stand for whichever organisation the story is about
_GENERIC_ORG_NOUNS = {"company", "firm", "group", "agency", "organisation", "organization", "club", "team",
                      "body", "institution", "statement", "operator", "foundation"}
_MIN_QUOTE_WORDS = 3
_CONTINUATION_GAP = 40  # characters between two quotes of one speaker: '"...," she said. "..."' 


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the text inside quotation marks (marks excluded)."""
    spans = []
    paragraph_ends = [m.start() for m in re.finditer(r"\n\s*\n", text)]
    i = 0
    while i < len(text):
        closer = _OPENERS.get(text[i])
        if closer is None:
            i += 1
            continue
        end = text.find(closer, i + 1)
        paragraph_end = next((p for p in paragraph_ends if p > i), -1)
        if end == -1:
            break
        if paragraph_end != -1 and paragraph_end < end:
            # an unclosed quote running into the next paragraph (news style): stop at the paragraph
            i = paragraph_end
            continue
        inner_end = end
        while inner_end > i + 1 and text[inner_end - 1] in ", \t\n":
            inner_end -= 1  # "..., " said X: the comma belongs to the sentence, not the quote
        if len(text[i + 1:inner_end].split()) >= _MIN_QUOTE_WORDS:
            spans.append((i + 1, inner_end))
        i = end + 1
    return spans


def _last_person_before(doc: Doc, index: int, window_sentences: int = 2) -> EntityCluster | None:
    sentence_start = doc[index].sent.start
    earliest = sentence_start
    sent = doc[index].sent
    for _ in range(window_sentences):
        if sent.start == 0:
            break
        sent = doc[sent.start - 1].sent
        earliest = sent.start
    for i in range(index - 1, earliest - 1, -1):
        cluster = entity_at(doc, i)
        if cluster is not None and cluster.type == "Person":
            return cluster
    return None


def resolve_speaker(token: Token) -> tuple[EntityCluster | None, float]:
    """The entity a speaking token refers to, with how sure we are."""
    doc = token.doc
    for candidate in [token, *[c for c in token.children if c.dep_ in ("compound", "appos")]]:
        cluster = entity_at(doc, candidate)
        if cluster is not None and cluster.type in ("Person", "Organization"):
            return cluster, 0.9
    lower = token.lower_
    if lower in _PERSONAL:
        cluster = _last_person_before(doc, token.i)
        return cluster, 0.7
    if lower in _ORG_NOUNS or token.lemma_ in _ORG_NOUNS:
        # "a spokesman for the ministry": the organisation behind the speaker
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in ("for", "of", "at")):
            for obj in prep.children:
                cluster = entity_at(doc, obj)
                if cluster is not None and cluster.type == "Organization":
                    return cluster, 0.75
        if token.tag_ in ("NNS", "NNPS"):
            return None, 0.0  # "the companies said": several speakers, none of them named
        best = None
        sentence_start = token.sent.start
        generic = lower in _GENERIC_ORG_NOUNS or token.lemma_ in _GENERIC_ORG_NOUNS
        for cluster in doc._.ng_entities or []:
            if cluster.type != "Organization":
                continue
            named = lower in cluster.name.lower() or any(lower in a.lower() for a in cluster.aliases)
            # a name that contains the noun may come earlier in the same sentence; any other
            # organisation must have been named before the sentence began
            limit = token.i if named else sentence_start
            before = [m for m in cluster.mentions if m.start < limit]
            if not before or not (named or generic):
                continue
            score = (named, before[-1].start)  # the organisation named most recently
            if best is None or score > best[0]:
                best = (score, cluster)
        if best is not None:
            return best[1], 0.6
    return None, 0.0


def _speech_verbs(sentence: Span, skip: tuple[int, int] | None = None) -> list[Token]:
    verbs = []
    for token in sentence:
        if token.lemma_ in SPEECH_VERBS and token.pos_ in ("VERB", "AUX"):
            if skip and skip[0] <= token.idx < skip[1]:
                continue
            verbs.append(token)
    return verbs


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    if verb.dep_ in ("conj", "xcomp") and verb.head.pos_ in ("VERB", "AUX"):
        return _subject(verb.head)
    if verb.dep_ == "relcl":
        return verb.head
    return None


def _according_to(sentence: Span, skip: tuple[int, int] | None) -> Token | None:
    for token in sentence:
        if token.lower_ == "according" and token.i + 1 < sentence.end and token.nbor().lower_ == "to":
            if skip and skip[0] <= token.idx < skip[1]:
                continue
            objects = [c for c in token.nbor().children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


class QuoteFinder:
    """spaCy component: builds ``doc._.ng_quotes``."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        quotes: list[QuoteFact] = []
        used_verbs: set[int] = set()
        previous_speaker: EntityCluster | None = None
        previous_end = -_CONTINUATION_GAP
        text = doc.text
        direct = quote_spans(text)
        for start, end in direct:
            first = doc.char_span(start, end, alignment_mode="expand")
            if first is None:
                continue
            sentences = [first[0].sent]
            if first[-1].sent.start != sentences[0].start:
                sentences.append(first[-1].sent)
            speaker, confidence, verb = None, 0.0, None
            for sentence in sentences:
                for candidate in sorted(_speech_verbs(sentence, (start, end)), key=lambda v: _distance(v, start, end)):
                    subject = _subject(candidate)
                    if subject is None or start <= subject.idx < end:
                        continue
                    speaker, confidence = resolve_speaker(subject)
                    if speaker is not None:
                        verb = candidate
                        break
                if speaker is None:
                    source = _according_to(sentence, (start, end))
                    if source is not None:
                        speaker, confidence = resolve_speaker(source)
                        verb = source if speaker is not None else None
                if speaker is not None:
                    break
            if speaker is None and previous_speaker is not None and (
                    _opens_paragraph(text, start) or start - previous_end < _CONTINUATION_GAP):
                # a quote going on in the next paragraph, or right after '"...," she said.'
                speaker, confidence = previous_speaker, 0.5
            if speaker is None:
                continue
            is_direct = True
            if verb is not None:
                used_verbs.add(verb.i)
                clause = reported_clause(verb) if verb.lower_ != "according" else None
                if clause is not None:
                    tokens = [t for t in clause.subtree if not (t.dep_ == "mark" and t.i < clause.i)]
                    if tokens and tokens[0].idx < start - 1 and tokens[-1].idx >= start:
                        start, is_direct = tokens[0].idx, False  # a reported clause ending in quoted words
            quotes.append(QuoteFact(
                speaker=speaker, start=start, end=end,
                verb=verb.lower_ if verb is not None and verb.lower_ != "according" else
                ("according to" if verb is not None else "said"),
                direct=is_direct, sentence=sentences[0], confidence=confidence,
            ))
            previous_speaker, previous_end = speaker, end

        dateline = doc._.ng_dateline
        story_start = max(headline_end(doc), dateline.end if dateline else 0)
        for sentence in doc.sents:
            if sentence.end_char <= story_start:
                continue
            for verb in _speech_verbs(sentence):
                if verb.i in used_verbs or any(s <= verb.idx < e for s, e in direct):
                    continue
                clause = reported_clause(verb)
                if clause is None:
                    continue
                subject = _subject(verb)
                if subject is None:
                    continue
                speaker, confidence = resolve_speaker(subject)
                if speaker is None:
                    continue
                tokens = [t for t in clause.subtree if not (t.dep_ == "mark" and t.head == clause and t.i < clause.i)]
                if verb.dep_ == "parataxis":  # the report is what comes before the inserted "he said"
                    tokens = [t for t in tokens if t.i < verb.left_edge.i]
                while tokens and (tokens[-1].is_punct or tokens[-1].is_quote):
                    tokens.pop()
                while tokens and (tokens[0].is_punct or tokens[0].is_quote):
                    tokens.pop(0)
                if len(tokens) > 1 and tokens[0].lower_ == "that" and (
                        tokens[0].dep_ == "mark" or _right_after_verb(verb, tokens[0])):
                    tokens.pop(0)  # "told CNN that work ...": the complementiser, whatever the parser made of it
                if len(tokens) < _MIN_QUOTE_WORDS:
                    continue
                start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
                start = max(start, story_start)  # "BEIJING, Jan. 17 (Xinhua) -- X grew, NBS said"
                if end - start < 10 or any(s < end and start < e for s, e in direct):
                    continue
                quotes.append(QuoteFact(
                    speaker=speaker, start=start, end=end, verb=verb.lower_, direct=False,
                    sentence=sentence, confidence=min(confidence, 0.8),
                ))
        quotes.sort(key=lambda q: q.start)
        doc._.ng_quotes = quotes
        return doc


def _right_after_verb(verb: Token, token: Token) -> bool:
    """The token directly follows the verb or the verb's object ("told CNN that ...")."""
    previous = token.doc[token.i - 1]
    return previous == verb or any(previous.i == child.right_edge.i for child in verb.children
                                   if child.dep_ in ("dobj", "dative", "iobj", "npadvmod"))


def reported_clause(verb: Token) -> Token | None:
    """The head of what a speech verb reports: its ccomp, or a later "that" clause below it."""
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if clause is not None:
        return clause
    if verb.dep_ == "parataxis" and verb.head.pos_ in ("VERB", "AUX") and verb.head.i < verb.i:
        return verb.head  # "Nordic countries spend 2.9 percent, he said, but ..."
    for token in verb.subtree:
        if token.i > verb.i and token.lower_ == "that" and token.dep_ == "mark" and token.head.pos_ in ("VERB", "AUX"):
            return token.head
    return None


def _distance(verb: Token, start: int, end: int) -> int:
    return min(abs(verb.idx - start), abs(verb.idx - end))


def _opens_paragraph(text: str, start: int) -> bool:
    before = text[:max(0, start - 1)]
    return before.rstrip(" \t").endswith("\n") or not before.strip()


@Language.factory(
    "newsgraph_quotes",
    requires=["doc._.ng_entities", "doc._.ng_dateline", "token.dep", "token.lemma"],
    assigns=["doc._.ng_quotes"],
)
def make_quote_finder(nlp: Language, name: str) -> QuoteFinder:
    return QuoteFinder(nlp, name)
