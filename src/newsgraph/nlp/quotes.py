"""Quotes: who said what, directly ("...", said X) or reported ("X added that ...").

Speakers are resolved to entities: a name, a surname (through the entity
clusters), "he"/"she" pointing to the person most recently named as a subject,
"it"/"they" pointing to the organisation last quoted, a common noun pointing to
the organisation it names ("the ministry said", "the Church claims"), a title pointing
to the one person given it before ("the minister said"), a document to its named
issuer ("a statement from the Red Cross"), or a country ("South Korea says"; never the
place of a dateline).

Three passes over a document. The first finds quotes that lost their quotation marks:
a paragraph introduced by "X said:" (a block quote), a first-person paragraph signed by a
name alone (a pull quote) and the first-person paragraph after it, and interview lines
("Jane Roe: ..."). The second reads reported speech: a speech verb outside
quotation marks with a named subject and a reported clause ("X told reporters
that ...", "X said in a statement that ..."), appeals ("urged X to ..."), and
"according to X" attached to a clause. The third gives each quoted span its
speaker, trying in turn: the speech verb of the reported clause it sits in (the outer reporter wins: quotes nested in
another speaker's words are not theirs), a speech verb in its sentence, an
inverted '"...," added KCNA', "according to X" / "in the words of X", a
sentence introducing it ("X wrote:"), and finally the speaker of the quote just
before it (a paragraph that goes on quoting, or '"...," she said. "..."'). A quote
split by its attribution ('"A," he said, "and B."') is one quote from A to B.

Lookups are built once per document (quote spans, person mentions, speech
verbs, all sorted by offset and searched by bisection), so the work grows with
the length of the text, not its square.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.attrs import LEMMA, LOWER
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from .facts import (
    PLAINLY_COMPANIES,
    STORY_COMPANY_NOUNS,
    EntityCluster,
    QuoteFact,
    called_by,
    doc_text,
    entity_at,
    headline_end,
    story_company,
    surname,
    tokens_where,
)
from .lexicon import BODY_HEADS, COMPANY_MARKS, ORG_HEADS, PERSON_NOUNS, ROLE_NOUNS, SPEECH_VERBS, TITLE_WORDS

_OPENERS = {"“": "”", '"': '"', "«": "»", "„": "“"}
_CLOSERS = set(_OPENERS.values())
_OPENER_RE = re.compile("[" + "".join(_OPENERS) + "]")
_PERSONAL = {"he", "she", "him", "her"}
_NEUTER = {"it", "they"}
_RELATIVE = {"who", "which", "that", "whom"}
_FIRST_PERSON = {"i", "me", "my", "we", "us", "our"}
# Nouns that stand for an organisation already named ("the ministry said")
_ORG_NOUNS = ORG_HEADS | BODY_HEADS | {"firm", "government", "club", "team", "body", "spokesman",
                                       "spokeswoman", "spokesperson", "statement", "foundation", "operator"}
# ... and those general enough to stand for whichever organisation the story is about
_GENERIC_ORG_NOUNS = {"company", "firm", "group", "agency", "organisation", "organization", "club", "team",
                      "body", "institution", "statement", "operator", "foundation"}
_COMPANY_HEADS = {"Company", "Group", "Holdings", "Bancorp"}
_SPOKESPEOPLE = {"spokesman", "spokeswoman", "spokesperson"}
# People a report may cite without naming them ("one Santos exporter said", "Pentagon sources said")
_UNNAMED_SOURCES = {"source", "dealer", "expert", "insider", "observer", "exporter", "importer", "worker",
                    "employee", "negotiator", "resident", "witness", "participant"}


def _is_company(cluster: EntityCluster) -> bool:
    """An organisation whose name says it is a company ("Eastman Kodak Co", "Acme Group")."""
    return any(name.split()[-1] in COMPANY_MARKS or name.split()[-1] in _COMPANY_HEADS
               for name in (cluster.name, *cluster.aliases) if name)


# Verbs that introduce quoted words though they report no clause ("dubbed it: "...""")
_PERSON_LABEL = get_string_id("PERSON")  # ent_type compared as its hash: ent_type_ is a string lookup
_QUOTING_VERBS = SPEECH_VERBS | {"dub", "characterize", "characterise", "label", "post", "tweet", "write", "reply"}
# Speakers are agents (the SHACL shape ngsh:Agent): a country that "says" something speaks only
# once the entity linker types it as an organisation (an actor), not as a Place.
_SPEAKER_TYPES = ("Person", "Organization", "Place")
_SOURCE_TYPES = _SPEAKER_TYPES
_MIN_QUOTE_WORDS = 3
_MIN_DIRECT_WORDS = 2  # "called the ruling \"deeply disappointing\"": a short quote still has its speaker
_CONTINUATION_GAP = 40  # characters between two quotes of one speaker: '"...," she said. "..."'
_NEAREST_VERBS = 4  # speech verbs tried per quote, nearest first
_PRONOUN_CANDIDATES = 8  # person mentions looked at for "he"/"she"
_FEMALE = {"she", "her", "ms", "ms.", "mrs", "mrs.", "miss", "woman", "wife", "mother", "daughter", "sister",
           "girl", "actress", "grandmother", "aunt", "queen", "princess"}
_MALE = {"he", "him", "his", "mr", "mr.", "man", "husband", "father", "son", "brother", "boy", "actor",
         "grandfather", "uncle", "king", "prince"}


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the text inside quotation marks (marks excluded)."""
    spans = []
    breaks = list(re.finditer(r"\n\s*\n", text))
    paragraph_ends = [m.start() for m in breaks]
    i = 0
    while True:
        found = _OPENER_RE.search(text, i)
        if found is None:
            break
        i = found.start()
        closer = _OPENERS[text[i]]
        end = text.find(closer, i + 1)
        while 0 < end < len(text) - 1 and text[end - 1].isalpha() and text[end + 1].isalpha():
            end = text.find(closer, end + 1)  # 'We don"t': a mark inside a word stands for an apostrophe
        position = bisect_right(paragraph_ends, i)
        paragraph_end = paragraph_ends[position] if position < len(paragraph_ends) else len(text)
        unclosed = end == -1 or paragraph_end < end
        if unclosed:
            # a quote left open at the end of its paragraph goes on in the next one (news style):
            # what it says in this paragraph is quoted; a stray mark inside a word opens nothing
            if i > 0 and not text[i - 1].isspace() and text[i - 1] not in "([—-":
                i += 1
                continue
            end = paragraph_end
        inner_end = end
        while inner_end > i + 1 and text[inner_end - 1] in " \t\n":
            inner_end -= 1  # (a comma before the closing mark stays: the quote is kept as written, '"...,"')
        inner = text[i + 1:inner_end]
        if len(inner.split()) >= _MIN_DIRECT_WORDS and not _is_title(inner.rstrip(",")):
            spans.append((i + 1, inner_end))
        i = end + 1
        if unclosed and position < len(breaks):
            # the next paragraph goes on quoting unless it opens a quote of its own: its first
            # mark closes this quote, and must not open a new one
            following = breaks[position].end()
            if following < len(text) and text[following] not in _OPENERS:
                stop = paragraph_ends[position + 1] if position + 1 < len(paragraph_ends) else len(text)
                closing = next((k for k in range(following, stop) if text[k] in _CLOSERS), None)
                if closing is not None and not text[closing - 1].isspace():  # 'early."', not ' "with'
                    i = closing + 1
    return spans


_SMALL_WORDS = {"a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "with", "by", "from", "vs."}


def _is_title(inner: str) -> bool:
    """"Cowboys and Indians": a few capitalised words with no sentence in them name a work, not a quote."""
    words = inner.split()
    return len(words) <= 6 and not re.search(r"[.!?,;:]$", inner) and \
        all(w[0].isupper() or w.lower() in _SMALL_WORDS or not w[0].isalpha() for w in words)


@dataclass
class _Mention:
    start: int  # token offsets
    end: int
    cluster: EntityCluster
    subject: bool  # the mention is the subject of its clause


class _DocIndex:
    """What speaker resolution looks up, built once per document and searched by bisection."""

    def __init__(self, doc: Doc, direct: list[tuple[int, int]]):
        self.doc = doc
        self.direct = direct
        self.direct_starts = [s for s, _ in direct]
        self.text = doc_text(doc)
        self.paragraph_starts = [0] + [m.end() for m in re.finditer(r"\n\s*\n", self.text)]
        self.sentence_starts = [sent.start for sent in doc.sents]
        persons: list[_Mention] = []
        # the tokens the model tagged as people, in order (Token.ent_type_ is PERSON)
        self.person_tokens = [i for ent in doc.ents if ent.label_ == "PERSON" for i in range(ent.start, ent.end)]
        self.organisations: list[EntityCluster] = []
        self.gender: dict[int, str] = {}
        for cluster in doc._.ng_entities or []:
            if cluster.type == "Organization":
                self.organisations.append(cluster)
            if cluster.type != "Person":
                continue
            for mention in cluster.mentions:
                if self.in_direct(mention.start_char):
                    continue  # a name inside someone's quoted words is not who speaks next
                root = mention.root
                # the subject of what someone else is reported to say ("Bellmon said Empie held
                # shares. He said ...") is not who "he" speaks for next: the one who said it is
                reported = root.head.dep_ == "ccomp" and root.head.head.lemma_ in SPEECH_VERBS
                # "Estavia's coach, Paolo Conti, said": the name in apposition to the subject is the subject
                subject = root.dep_ in ("nsubj", "nsubjpass") or (
                    root.dep_ == "appos" and root.head.dep_ in ("nsubj", "nsubjpass"))
                persons.append(_Mention(mention.start, mention.end, cluster, subject and not reported))
            self._learn_gender(cluster)
        persons.sort(key=lambda m: m.start)
        self.persons = persons
        self.person_starts = [m.start for m in persons]
        self.by_surname: dict[str, list[tuple[int, EntityCluster]]] = {}
        self.by_name: dict[str, EntityCluster] = {}
        for cluster in doc._.ng_entities or []:
            for name in (cluster.name, *cluster.aliases):
                self.by_name.setdefault(name, cluster)
            if cluster.type == "Person" and " " in cluster.name and cluster.mentions:
                self.by_surname.setdefault(surname(cluster.name), []).append((cluster.mentions[0].start, cluster))
        # the candidates found by their hashes (facts.tokens_where), then tested as before
        self.speech_verbs = [t.i for t in map(doc.__getitem__, tokens_where(doc, LEMMA, _QUOTING_VERBS))
                             if t.lemma_ in _QUOTING_VERBS and t.pos_ in ("VERB", "AUX") and not self.in_direct(t.idx)]
        self.sources = [t.i for t in map(doc.__getitem__, tokens_where(doc, LOWER, ("according", "words")))
                        if t.lower_ in ("according", "words") and not self.in_direct(t.idx)]

    def sentence_of(self, index: int) -> Span:
        """The sentence holding token ``index`` (Token.sent walks the sentence; this bisects)."""
        position = bisect_right(self.sentence_starts, index) - 1
        end = self.sentence_starts[position + 1] if position + 1 < len(self.sentence_starts) else len(self.doc)
        return self.doc[self.sentence_starts[position]:end]

    def earliest_token(self, index: int, window_sentences: int = 2) -> int:
        """Where the sentence ``window_sentences`` before the one holding token ``index`` starts; a
        sentence that is all quotation names no one new, so it does not count."""
        position = bisect_right(self.sentence_starts, index) - 1
        counted = 0
        while position > 0 and counted < window_sentences:
            position -= 1
            first = self.sentence_starts[position]
            end = self.sentence_starts[position + 1]
            words = [t for t in self.doc[first:end] if t.is_alpha]
            if not words or not (self.in_direct(words[0].idx) and self.in_direct(words[-1].idx)):
                counted += 1
        return self.sentence_starts[position]

    def verbs_near(self, sentence: Span, first: int, last: int) -> list[Token]:
        """The speech verbs of a sentence nearest to tokens first..last, nearest first."""
        low, high = bisect_left(self.speech_verbs, sentence.start), bisect_left(self.speech_verbs, sentence.end)
        middle = bisect_left(self.speech_verbs, first, low, high)
        nearby = self.speech_verbs[max(low, middle - _NEAREST_VERBS):min(high, middle + _NEAREST_VERBS)]
        nearby = sorted(nearby, key=lambda i: min(abs(i - first), abs(i - last)))[:_NEAREST_VERBS]
        return [self.doc[i] for i in nearby]

    def in_direct(self, char: int) -> bool:
        position = bisect_right(self.direct_starts, char) - 1
        return position >= 0 and char < self.direct[position][1]

    def paragraph_of(self, char: int) -> int:
        return bisect_right(self.paragraph_starts, char) - 1

    def verbs_in(self, span: Span) -> list[Token]:
        low, high = bisect_left(self.speech_verbs, span.start), bisect_left(self.speech_verbs, span.end)
        return [self.doc[i] for i in self.speech_verbs[low:high]]

    def _learn_gender(self, cluster: EntityCluster) -> None:
        """He or she, from what the article itself says: "Mr. X", "his wife X", "X ... . She ..."."""
        votes = {"f": 0, "m": 0}
        doc = self.doc
        for mention in cluster.mentions:
            words = [t.lower_ for t in doc[max(0, mention.start - 2):mention.start]]
            words += [t.lower_ for t in mention.root.children if t.dep_ == "appos"]
            votes["f"] += sum(w in _FEMALE for w in words)
            votes["m"] += sum(w in _MALE for w in words)
            sentence = self.sentence_of(mention.start)
            first_after = bisect_left(self.person_tokens, mention.end)
            last_named = first_after == len(self.person_tokens) or self.person_tokens[first_after] >= sentence.end
            root = mention.root
            joined = root.dep_ == "conj" or any(c.dep_ in ("conj", "cc") for c in root.children) or \
                sum(c.dep_ in ("nsubj", "nsubjpass") for c in root.head.children) > 1
            if (root.dep_ in ("nsubj", "nsubjpass") or last_named) and sentence.end < len(doc) and not joined:
                # ("X and his wife Y are on trial. She ...": a pronoun after a joint subject says nothing of X)
                following = doc[sentence.end]  # "X was arrested. He was released ..."
                if following.lower_ in ("she", "he"):
                    votes["f" if following.lower_ == "she" else "m"] += 1
        if votes["f"] != votes["m"]:
            self.gender[id(cluster)] = "f" if votes["f"] > votes["m"] else "m"

    def last_person_before(self, index: int, earliest: int, pronoun: str,
                           exclude: frozenset[int] = frozenset()) -> EntityCluster | None:
        """The person a "he"/"she" at token ``index`` refers to: the latest subject, else the latest mention."""
        wanted = _PRONOUN_GENDER.get(pronoun)
        position = bisect_left(self.person_starts, index)
        fallback = None
        for mention in reversed(self.persons[max(0, position - _PRONOUN_CANDIDATES):position]):
            if mention.start < earliest:
                break
            if (wanted and self.gender.get(id(mention.cluster), wanted) != wanted) or id(mention.cluster) in exclude:
                continue  # "she" is not a man; "he said, "Andy Warhol was ..."" is not Warhol
            if mention.subject:
                return mention.cluster
            fallback = fallback or mention.cluster
        return fallback

    def organisation_named_after(self, token: Token) -> EntityCluster | None:
        """The one organisation named earlier whose name starts with this place's name ("Southwest Bancorp")."""
        found = [c for c in self.organisations if len(c.name.split()) > 1 and c.name.split()[0] == token.text
                 and c.mentions and c.mentions[0].start < token.i]
        return found[0] if len(found) == 1 else None

    def fuller_person(self, word: str, before: int) -> EntityCluster | None:
        """The one person named earlier whose full name ends in this word ("Tang" -> "Daren Tang")."""
        found = {id(c): c for first, c in self.by_surname.get(word, ()) if first < before}
        return next(iter(found.values())) if len(found) == 1 else None


_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}


def resolve_speaker(token: Token, index: _DocIndex | None = None, previous: QuoteFact | None = None,
                    exclude: frozenset[int] = frozenset(),
                    types: tuple[str, ...] = _SPEAKER_TYPES) -> tuple[EntityCluster | None, float]:
    """The entity a speaking token refers to, with how sure we are.

    ``previous`` is the quote before (for "it added"), ``exclude`` the ids of entities a
    pronoun cannot be (those named in the quote itself), ``types`` the entity types that speak.
    """
    doc = token.doc
    index = index or _DocIndex(doc, quote_spans(doc_text(doc)))
    if token.lower_ in _RELATIVE and token.head.dep_ == "relcl":
        token = token.head.head  # "Devocht, who had told Montalvo ...": the noun "who" stands for
    # "the Crown prosecutor, Mark Tedeschi": the person in apposition before the body in the compound
    appositions = [c for c in token.children if c.dep_ == "appos"]
    # "The university's vice-chancellor, Grant Robertson, said": the parser may chain the name on
    # to an apposition of the title's own pieces ("vice" - "chancellor" - "Robertson")
    appositions += [g for c in appositions for g in c.children if g.dep_ == "appos"]
    # "Acme Corp", "an Acme spokesman": the name the noun belongs to; not "a Senate aide", "Pentagon
    # officials", "one Santos exporter": unnamed people, whatever body they are from
    unnamed = token.pos_ == "NOUN" and token.lemma_.lower() not in _SPOKESPEOPLE and _people_noun(token)
    compounds = [] if unnamed else [c for c in token.children if c.dep_ == "compound"]
    for candidate in [token, *appositions, *compounds]:
        cluster = entity_at(doc, candidate)
        if cluster is None and candidate.pos_ == "PROPN":
            cluster = index.by_name.get(candidate.text)  # "KCNA" where the model saw no name this time
        if cluster is not None and len(cluster.name.split()) == 1 and cluster.type != "Organization":
            # a surname standing alone (even one the model took for a place, "Paris claims"):
            # the full name given before it, when there is one
            fuller = index.fuller_person(cluster.name, candidate.i)
            if fuller is not None:
                return fuller, 0.85
        if cluster is not None and _in_dateline(index, candidate):
            continue  # "CHEYENNE, Wyo., March 4 - Cheyenne Resources Inc said": where, not who
        if cluster is not None and cluster.type in types:
            if cluster.type == "Place" and (candidate is not token or candidate.pos_ != "PROPN" or
                                            candidate.ent_type_ != "GPE"):
                continue  # a country speaks as a subject ("South Korea says"), not as a modifier
            if cluster.type != "Organization" and len(cluster.name.split()) == 1 and candidate.pos_ == "PROPN":
                company = index.organisation_named_after(candidate)
                if company is not None:
                    return company, 0.7  # "Southwest said" after "Southwest Bancorp": the company
            return cluster, 0.9
    leader = _leader_of(token)
    if leader is not None:
        return leader, 0.75  # "said the group led by Dr. X": the one named speaks for the group
    lower = token.lower_
    if (lower in ROLE_NOUNS or lower in TITLE_WORDS) and token.pos_ == "NOUN":
        # "Executive director of the X chapter of Y Alia Salem said": the name closing the title
        named = entity_at(doc, token.right_edge)
        if named is not None and named.type == "Person" and token.right_edge.i > token.i and \
                token.right_edge.i + 1 < len(doc) and doc[token.right_edge.i + 1] == token.head:
            return named, 0.8
    if token.dep_ in ("nsubj", "nsubjpass", "pobj") and (token.pos_ == "PROPN" or token.is_title):
        # a surname the model left unnamed, even one it read as a common noun ('," Price said')
        fuller = index.fuller_person(token.text, token.i)
        if fuller is not None:
            return fuller, 0.7
    if lower in _PERSONAL:
        earliest = index.earliest_token(token.i)
        cluster = index.last_person_before(token.i, earliest, lower, exclude)
        if cluster is not None and _unnamed_person_since(doc, cluster, token.i, earliest):
            # "A Reagan administration official said ... But he said": the official, whom no one named
            return None, 0.0
        if previous is not None and previous.speaker is not cluster and previous.speaker.type == "Person" and \
                previous.sentence.start >= earliest and id(previous.speaker) not in exclude and \
                index.gender.get(id(previous.speaker), _PRONOUN_GENDER[lower]) == _PRONOUN_GENDER[lower] and \
                (cluster is None or all(m.start < previous.sentence.start for m in cluster.mentions
                                        if m.start < token.i)):
            # "Whitcombe ... said the plan would be paid for. '...,' she told reporters": the person who
            # spoke last, named where the model saw no name, when no one else was named since
            return previous.speaker, 0.65
        return cluster, 0.7
    if _described_person(token):
        # '"It was my mistake," the Australian said': the person the story was just about
        return index.last_person_before(token.i, index.earliest_token(token.i), "", exclude), 0.6
    if lower in _NEUTER:
        # "it added", "they also claimed": the organisation quoted just before
        if previous is not None and previous.speaker.type in ("Organization", "Place") and \
                token.i - previous.sentence.end < 80 and not (
                    lower == "they" and _unnamed_speakers_between(doc, previous.sentence.end, token.i)):
            return previous.speaker, 0.6
        if lower == "it":
            return _organisation_as_subject_before(token, index), 0.55
        return None, 0.0
    if (cluster := entity_at(doc, token)) is not None and cluster.type == "Place":
        # a place's name is not "the company" ("New Zealand Rugby" read as a place is not Oceania Rugby
        # Union); it may be a surname the model read as a place, whoever it was typed as ("Paris claims")
        same = [c for c in index.organisations if len(c.name.split()) > 1 and c.name.split()[-1] == token.text
                and c.mentions and c.mentions[0].start < token.i]
        return (same[0], 0.6) if len(same) == 1 else (None, 0.0)
    if token.pos_ not in ("NOUN", "PROPN"):
        return None, 0.0
    if token.pos_ == "NOUN" and token.tag_ not in ("NNS", "NNPS"):
        titled = _titled_person(token)  # "the minister said": the one person given that title before
        if titled is not None:
            return titled, 0.7
    if lower in _ORG_NOUNS or token.lemma_ in _ORG_NOUNS or lower in _DOCUMENT_NOUNS:
        # "a spokesman for the ministry", "a statement from the Red Cross", "the report, published by
        # Human Rights Watch": the organisation (or person) behind the speaker or the document
        issuer = _issuer(token)
        if issuer is not None:
            return issuer, 0.75
        if lower in _SPOKESPEOPLE and previous is not None and previous.speaker.type == "Organization" and \
                any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            return previous.speaker, 0.65  # "An Acme spokesperson said ... 'No data was lost,' the spokesperson said"
        if lower in _DOCUMENT_NOUNS and previous is not None and previous.speaker.type == "Organization" and \
                not any(c.dep_ == "prep" and c.lower_ in ("from", "by", "of") for c in token.children):
            # "The Treasury said ... its Exchange Stabilization Fund. The statement noted ...": the
            # organisation quoted last issued it, not the one named last
            return previous.speaker, 0.65
        if lower in _DOCUMENT_NOUNS and (lower not in _ORG_NOUNS or any(
                c.dep_ == "prep" and c.lower_ in ("from", "by", "of") for c in token.children)):
            # a document with no named issuer speaks for no one ("a statement from the prosecutor's office")
            return None, 0.0
    if token.tag_ in ("NNS", "NNPS"):
        # "other sites such as Gawker.com have stated": the one named example speaks
        examples = [obj for prep in token.children if prep.dep_ == "prep" and (
            prep.lower_ in ("like", "including") or (prep.lower_ == "as" and any(
                c.lower_ == "such" for c in prep.children))) for obj in prep.children if obj.dep_ == "pobj"]
        example_entities = [entity_at(doc, obj) for obj in examples]
        if len(example_entities) == 1 and example_entities[0] is not None and example_entities[0].type in ("Person", "Organization") and \
                not any(c.dep_ == "conj" for c in examples[0].children):
            return example_entities[0], 0.6
        return None, 0.0  # "the companies said": several speakers, none of them named
    if unnamed:
        return None, 0.0  # "a U.S. Embassy official said": someone the story does not name
    best = None
    sentence_start = index.sentence_of(token.i).start
    generic = lower in _GENERIC_ORG_NOUNS or token.lemma_ in _GENERIC_ORG_NOUNS
    for cluster in index.organisations:
        # "the ministry", "the Church": a word of an organisation's name
        in_name = any(lower in name.lower().split() for name in (cluster.name, *cluster.aliases)) or any(
            m.start > 0 and m.start < token.i and (doc[m.start - 1].lower_ == lower or (
                (called := called_by(doc, m.start)) is not None and called.lower_ == lower)) for m in cluster.mentions)
        # ... or introduced by the noun: "football club Manchester United ... the club said", "a group
        # calling itself X ... the group said"
        if not (in_name or generic):
            continue
        # a name that contains the noun may come earlier in the same sentence; any other
        # organisation must have been named before the sentence began
        limit = token.i if in_name else sentence_start
        before = bisect_left([m.start for m in cluster.mentions], limit)
        if not before:
            continue
        score = (in_name, cluster.mentions[before - 1].start)  # the organisation named most recently
        if best is None or score > best[0]:
            best = (score, cluster)
    if (best is None or not best[0][0]) and (lower in STORY_COMPANY_NOUNS or token.lemma_ in STORY_COMPANY_NOUNS):
        # "the company", "the airline" with no name that says so: the company that spoke last, else
        # the story's company ("Kodak filed with the Securities and Exchange commission ... the company said")
        if previous is not None and previous.speaker.type == "Organization" and _is_company(previous.speaker):
            return previous.speaker, 0.65
        if (company := story_company(doc, token.i, company=token.lemma_ in PLAINLY_COMPANIES)) is not None:
            return company, 0.6
    if best is not None:
        return best[1], 0.6
    return None, 0.0


def _unnamed_person_since(doc: Doc, cluster: EntityCluster, before: int, earliest: int) -> bool:
    """Whether someone unnamed ("a company spokesman", "an aide") became the subject of a sentence
    after the person's last mention before token ``before``: a "he" then is more likely them."""
    last = max((m.start for m in cluster.mentions if m.start < before), default=None)
    if last is None:
        return False
    for token in doc[max(last, earliest):before]:
        if token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ == "ROOT" and token.tag_ == "NN" and \
                _people_noun(token) and entity_at(doc, token) is None and any(
                    c.dep_ == "det" and (c.lower_ in ("a", "an", "another") or (
                        c.lower_ == "the" and token.lemma_.lower() in _SPOKESPEOPLE and _titled_person(token) is None))
                    for c in token.children):
            return True  # ("the spokesman said" when no one named is a spokesman; but "the Chase economist" is
            # the economist just named)
    return False


def _unnamed_speakers_between(doc: Doc, start: int, end: int) -> bool:
    """"Ministry officials said ... But they claimed": people no one named spoke last, and "they" are them."""
    return any(t.dep_ == "nsubj" and t.tag_ == "NNS" and t.head.lemma_ in SPEECH_VERBS and _people_noun(t)
               for t in doc[start:end])


def _people_noun(token: Token) -> bool:
    """A noun for people by what they do or are ("official", "aide", "exporter"), not a name."""
    lemma = token.lemma_.lower()
    return lemma in ROLE_NOUNS or lemma in PERSON_NOUNS or lemma in _UNNAMED_SOURCES


# Documents that speak for whoever issued them ("the report says", "a study by X found")
_DOCUMENT_NOUNS = {"statement", "report", "study", "letter", "release", "survey", "document", "filing", "ruling",
                   "communique", "memo", "paper", "analysis", "review", "poll"}


def _leader_of(token: Token) -> EntityCluster | None:
    """The person an unnamed group is "led by" or "headed by": "the team led by Dr. X"."""
    if token.pos_ != "NOUN":
        return None
    for clause in (c for c in token.children if c.dep_ == "acl" and c.lemma_ in ("lead", "head")):
        for agent in (c for c in clause.children if c.dep_ == "agent"):
            for name in (c for c in agent.children if c.dep_ == "pobj"):
                person = entity_at(token.doc, name)
                if person is not None and person.type == "Person":
                    return person
    return None


def _described_person(token: Token) -> bool:
    """"the Australian", "the 24-year-old": one person named by nationality or age, not by name."""
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children) or token.tag_ in ("NNS", "NNPS"):
        return False
    return (token.ent_type_ == "NORP" and token.is_title) or token.lower_.endswith("-year-old") or (
        token.lower_ == "old" and token.i >= 2 and token.doc[token.i - 1].lower_ in ("year", "-"))


def _issuer(token: Token) -> EntityCluster | None:
    """Who a speaker noun or a document stands for: "for"/"of"/"at"/"from"/"by" X, or "published by X"."""
    doc = token.doc
    preps = [c for c in token.children if c.dep_ == "prep" and c.lower_ in ("for", "of", "at", "from", "by")]
    participles = [c for c in token.children if c.dep_ in ("acl", "relcl") and c.tag_ == "VBN"] \
        if token.lower_ in _DOCUMENT_NOUNS else []  # "the report, published by X"; "a group led by X" is not X
    for participle in participles:
        preps += [c for c in participle.children if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by")]
    for prep in preps:
        for obj in prep.children:
            cluster = entity_at(doc, obj)
            people = ("Person",) if token.lower_ in _DOCUMENT_NOUNS else ()
            if cluster is not None and cluster.type in ("Organization", *people):
                return cluster
    return None


def _organisation_as_subject_before(token: Token, index: _DocIndex) -> EntityCluster | None:
    """"Acme Corp reported a loss. It said ...": the one organisation that was the subject of the
    sentence before (or earlier in this one), when nobody was quoted before."""
    doc = token.doc
    found = []
    for i in range(index.earliest_token(token.i, 1), token.i):
        cluster = entity_at(doc, doc[i])
        if cluster is not None and cluster.type == "Organization" and doc[i].dep_ in ("nsubj", "nsubjpass") and \
                cluster not in found:
            found.append(cluster)
    return found[0] if len(found) == 1 else None


def _titled_person(token: Token) -> EntityCluster | None:
    """"the minister", "the police chief": the one person an earlier role gave that title."""
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
        return None
    modifiers = [c.lower_ for c in token.children if c.dep_ in ("compound", "amod") and c.i < token.i]
    lower, lemma = token.lower_, token.lemma_.lower()
    people = {}
    for role in token.doc._.ng_roles or []:
        words = role.role.lower().split()
        if words and words[-1] in (lower, lemma) and role.sentence.start < token.i and \
                all(m in words for m in modifiers):
            people[id(role.person)] = role.person
    return next(iter(people.values())) if len(people) == 1 else None


def _not_said(verb: Token) -> bool:
    """"He declined to say whether ...", "she did not say if ...", "would not predict what ...":
    nothing was said."""
    if verb.dep_ == "xcomp" and verb.head.lemma_ in ("decline", "refuse"):
        return True
    return any(c.dep_ == "neg" for c in verb.children)


def _subject(verb: Token) -> Token | None:
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subjects:
        # the one nearest the verb: "CLEVELAND, Feb 26 - Standard Oil Co said" has the dateline as a second subject
        before = [c for c in subjects if c.i < verb.i]
        subject = before[-1] if before else subjects[0]
        return _speaking_subject(subject, verb)
    if verb.dep_ == "conj" and verb.lemma_ in _SAYING_AGAIN and verb.head.dep_ == "ccomp" and \
            verb.head.head.lemma_ in SPEECH_VERBS:
        return _subject(verb.head.head)  # "Acme said sales rose and added that ...": the parser hung
        # "added" on "rose"; who adds is who said
    if (verb.dep_ in ("conj", "xcomp") or (verb.dep_ == "advcl" and verb.tag_ == "VBG")) and \
            verb.head.pos_ in ("VERB", "AUX"):
        return _subject(verb.head)  # "X said, adding that ...": the participle's speaker is X
    if verb.dep_ == "relcl":
        return verb.head
    name_end = verb.doc[verb.i - 1] if verb.i > 0 else None
    if name_end is not None and name_end.ent_type == _PERSON_LABEL and name_end.dep_ == "dobj" and \
            name_end.head.tag_ == "VBG" and name_end.head.i < name_end.i:
        # '"...," presiding judge X told him': the parser read "presiding" as a verb with X its object;
        # the name right before the speech verb that has no subject is who speaks
        return name_end
    return None


def _speaking_subject(subject: Token, verb: Token) -> Token:
    """Who a speech verb's grammatical subject stands for: the person of a body or of a title the
    parser made the subject, else the subject itself."""
    return _person_of_body(subject) or _person_after_title(subject, verb) or subject


def _person_after_title(subject: Token, verb: Token) -> Token | None:
    """"Secretary of State for Health Andrew Lansley said": the parser may make the title the
    subject and hang the name inside it; the name that ends right before the verb speaks."""
    doc = subject.doc
    titled = not subject.ent_type_ and subject.lower_ in ROLE_NOUNS | TITLE_WORDS
    if subject.i >= verb.i - 1:
        return None
    last = doc[verb.i - 1]
    if last.text == "," and verb.i - 2 > subject.i:
        last = doc[verb.i - 2]  # "The envoy to the United Nations, X, said": the name set off by commas
    if last.ent_type != _PERSON_LABEL or not (subject.left_edge.i <= last.i <= subject.right_edge.i):
        return None
    if last.dep_ == "appos" and last.head == subject and doc[verb.i - 1].text == ",":
        return last  # "Director of the bank's trade department (CACEX), X, told": the name beside the subject
    if not (titled or subject.ent_type_ == "ORG"):
        return None
    if not titled:
        first = last.i
        while first > 0 and doc[first].ent_iob_ == "I":
            first -= 1
        if first == 0 or doc[first - 1].lower_ not in ROLE_NOUNS | TITLE_WORDS:
            return None  # "Board of Trade director X told": the body names the title, the name speaks
    return last


def _person_of_body(subject: Token) -> Token | None:
    """"Mark Holt of the band Night Owls said": the parser may make the body the subject; the person
    named before its "of" is the one who speaks."""
    doc = subject.doc
    if not subject.ent_type_:
        return None
    i = subject.i
    while i > 0 and doc[i].ent_iob_ == "I":
        i -= 1  # to the start of the body's name
    for _ in range(4):  # "of the rock band": an article and the kind of body
        if i == 0 or not (doc[i - 1].lower_ in ("the", "a") or (doc[i - 1].is_lower and doc[i - 1].pos_ == "NOUN")):
            break
        i -= 1
    if i < 2 or doc[i - 1].lower_ != "of" or doc[i - 2].ent_type_ != "PERSON":
        return None
    person = doc[i - 2]
    return person if person.head.i >= i - 1 else None


def _speakers(verb: Token, index: _DocIndex, previous: QuoteFact | None,
              exclude: frozenset[int] = frozenset()) -> list[tuple[EntityCluster, float]]:
    """Who speaks through this verb: its subject, and each subject joined to it by "and"."""
    subject = _subject(verb)
    if subject is None:
        return []
    # every subject the parser gave the verb ("Acme Co and Bolt Inc said" may come out as two)
    subjects = [_speaking_subject(c, verb) for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")] or [subject]
    found: list[tuple[EntityCluster, float]] = []
    for token in (t for s in subjects for t in (s, *(c for c in s.conjuncts if not _inside_affiliation(s, c)))):
        speaker, confidence = resolve_speaker(token, index, previous, exclude)
        if speaker is not None and all(s is not speaker for s, _ in found):
            found.append((speaker, confidence))
    if len(found) > 1 and any(s.type != "Place" for s, _ in found):
        # "NEWARK, N.J. - Prudential said": a place beside a person or a body is where, not who
        found = [(s, c) for s, c in found if s.type != "Place"]
    return found


def _inside_affiliation(subject: Token, conjunct: Token) -> bool:
    """"Rosemarie Morbelli of Ingalls and Snyder said": the parser joined the firm's second name to
    the person; a conjunct after the subject's "of"-phrase belongs to that phrase."""
    return conjunct.ent_type != _PERSON_LABEL and any(
        c.dep_ == "prep" and c.lower_ in ("of", "at", "from") and subject.i < c.i < conjunct.i for c in subject.children)


def _source_phrase(sentence: Span, index: _DocIndex) -> tuple[Token, Token] | None:
    """("according", its source) or ("words", source) for "according to X" / "in the words of X"."""
    doc = sentence.doc
    low, high = bisect_left(index.sources, sentence.start), bisect_left(index.sources, sentence.end)
    for token in (doc[i] for i in index.sources[low:high]):
        source = None
        if (token.lower_ == "according" and token.i + 1 < sentence.end and doc[token.i + 1].lower_ == "to") or (token.lower_ == "words" and token.i >= 2 and doc[token.i - 2].lower_ == "in" and \
                token.i + 1 < sentence.end and doc[token.i + 1].lower_ == "of"):
            source = next((c for c in doc[token.i + 1].children if c.dep_ == "pobj"), None)
        if source is not None:
            # "according to the U.N. refugee agency, UNHCR": the name after the noun says who
            named = next((c for c in source.children if c.i == source.i + 2 and doc[source.i + 1].text == ","
                          and c.pos_ == "PROPN"), None) if source.pos_ == "NOUN" else None
            return token, named if named is not None else source
    return None


def _inverted_speaker(span: Span, index: _DocIndex) -> tuple[EntityCluster | None, Token | None]:
    """'"...", added KCNA': a speech verb right after the closing mark, then a name."""
    doc = span.doc
    tokens = []
    for t in doc[span.end:min(len(doc), span.end + 8)]:
        if t.text in (".", "!", "?") or "\n" in t.text:
            break  # '"...," said the report. | Washington analysts ...': the next sentence names no one here
        if not (t.is_punct or t.is_quote or t.is_space):
            tokens.append(t)
    if len(tokens) >= 2 and tokens[0].lemma_ in _QUOTING_VERBS:
        for token in tokens[1:4]:
            cluster = entity_at(doc, token) or (index.by_name.get(token.text) if token.pos_ == "PROPN" else None)
            if cluster is not None and cluster.type in _SPEAKER_TYPES:
                return cluster, tokens[0]
            if token.pos_ not in ("DET", "PROPN", "NOUN", "ADJ"):
                break
    return None, None


# Verbs that go on with what the same speaker says ("said sales rose and added that ...")
_SAYING_AGAIN = {"add", "say", "tell", "warn", "note", "stress", "explain"}


def _clause_tokens(verb: Token, clause: Token) -> list[Token]:
    """The words a speech verb reports, without the complementiser and outer punctuation."""
    tokens = [t for t in clause.subtree if not (t.dep_ == "mark" and t.head == clause and t.i < clause.i
                                                and not _demonstrative(t))]
    split = [c for c in verb.children if c.dep_ == "ccomp" and c.i < clause.i and _participle_split(c, clause)]
    if split:
        tokens = [*split[0].subtree, *tokens]  # the clause's subject, which the parser hung on the participle
    cut = None
    for child in clause.rights:
        # (a speaker of its own, but not "said that A and that the company expected B": still the report)
        own_subject = any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON" for c in child.children) and \
            not any(c.dep_ == "mark" for c in child.children)  # (nor "... and it believes ...": the same one)
        if child.dep_ == "conj" and child.pos_ == "VERB" and any(c.dep_ == "ccomp" for c in child.children) and (
                (child.lemma_ in _SAYING_AGAIN and not own_subject) or (child.lemma_ in SPEECH_VERBS and own_subject)):
            # "said sales rose and added that ...": the second speech verb starts a report of its own; so
            # does another speaker's ("... had opened an inquiry, and the regulator said it ...")
            cut = child.left_edge.i
            if cut > 0 and verb.doc[cut - 1].dep_ == "cc":
                cut -= 1
            tokens = [t for t in tokens if t.i < cut]
            break
    if verb.dep_ == "parataxis" or (clause.i < verb.i and clause in verb.ancestors):
        # the report is what comes before the inserted "he said" (or the "he said" the parser joined on)
        tokens = [t for t in tokens if t.i < verb.left_edge.i]
    elif tokens and tokens[-1].i > verb.i and cut is None:
        # words the parser hung on the speech verb after the clause ("rose 4 percent | to $2.3 billion")
        last = tokens[-1].i
        for child in verb.rights:
            if child.i <= last:
                continue
            if child.dep_ in ("prep", "npadvmod", "advmod", "dobj", "attr", "oprd", "acomp", "punct") and \
                    not (child.is_punct and child.text in (";", ":", "—")):
                last = child.right_edge.i
            elif child.dep_ == "cc" and child.i == last + 1:
                continue  # "... taken from her | and | she was forced ...": see what it joins
            elif child.dep_ == "conj" and child.pos_ in ("VERB", "AUX") and \
                    any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children) and \
                    verb.doc[child.left_edge.i - 1].dep_ == "cc":
                last = child.right_edge.i  # a second reported clause with its own subject
            elif child.dep_ == "ccomp" and child.left_edge.i == last + 1 and not verb.doc[last].is_punct and \
                    not any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children):
                last = child.right_edge.i  # "for 287,700 Paralax | restricted shares": the parser broke the clause
            else:
                break
        tokens += [t for t in verb.doc[tokens[-1].i + 1:last + 1]]
    addressee = entity_at(verb.doc, verb.i + 1) if verb.lemma_ == "tell" and tokens and tokens[0].i == verb.i + 1 \
        else None
    if addressee is not None and addressee.type == "Organization" and \
            not any(c.dep_ in ("dobj", "dative", "iobj") for c in verb.children):
        # "told Reuters Finance Secretary X had decided": the parser read the addressee into the clause
        end = next((m.end for m in addressee.mentions if m.start <= verb.i + 1 < m.end), verb.i + 1)
        tokens = [t for t in tokens if t.i >= end]
    if len(tokens) > 1 and tokens[0].lower_ == "that" and (
            tokens[0].dep_ == "mark" or (_right_after_verb(verb, tokens[0]) and tokens[0].dep_ != "det")) and \
            not _demonstrative(tokens[0]):
        tokens.pop(0)  # "told CNN that work ...": the complementiser, whatever the parser made of it
    return _trim(tokens[_time_of_saying(verb, tokens):])


def _time_of_saying(verb: Token, tokens: list[Token]) -> int:
    """How many leading tokens say when the words were said, not what: "said on Tuesday it would
    cut jobs", where the parser hung "on Tuesday" on the reported verb. Only a date right after
    the speech verb, before a clause that goes on with its own subject."""
    if not tokens or not _right_after_verb(verb, tokens[0]):
        return 0
    n = 1 if tokens[0].lower_ in ("on", "in", "at", "late", "early") else 0
    # (not a date word that modifies the clause's own subject: "said annual inflation had fallen")
    while n < len(tokens) and tokens[n].ent_type_ in ("DATE", "TIME") and not (
            tokens[n].dep_ == "amod" and tokens[n].head.dep_ in ("nsubj", "nsubjpass")):
        n += 1
    if n == 0 or tokens[n - 1].ent_type_ not in ("DATE", "TIME") or n >= len(tokens):
        return 0
    if tokens[n].lower_ == "that" and tokens[n].dep_ == "mark":
        n += 1
    if n >= len(tokens):
        return 0
    rest = tokens[n]
    return n if rest.dep_ in ("nsubj", "nsubjpass", "expl") or (
        rest.dep_ in ("det", "poss", "compound", "amod", "nummod") and rest.head.dep_ in ("nsubj", "nsubjpass")) else 0


# Nouns a report points back to with "that" ("estimates that number is closer to 40,000"): a bare
# singular one after "that" is the clause's subject with its determiner, not a complementiser
_ANAPHORIC_NOUNS = {"number", "figure", "estimate", "amount", "total", "decision", "move", "plan", "deal",
                    "policy", "claim", "report", "proposal", "offer", "view", "approach", "practice", "trend"}


def _demonstrative(that: Token) -> bool:
    """"that number is ...": "that" determines the noun after it, whatever the parser made of it."""
    doc = that.doc
    if that.i + 2 >= len(doc):
        return False
    noun, after = doc[that.i + 1], doc[that.i + 2]
    return noun.pos_ == "NOUN" and noun.tag_ != "NNS" and noun.lower_ in _ANAPHORIC_NOUNS and noun.dep_ in ("nsubj", "nsubjpass") and \
        not any(c.dep_ in ("det", "poss") for c in noun.children) and after.pos_ in ("VERB", "AUX")


def _trim(tokens: list[Token]) -> list[Token]:
    while tokens and (tokens[-1].is_punct or tokens[-1].is_quote or tokens[-1].is_space):
        tokens.pop()
    while tokens and (tokens[0].is_punct or tokens[0].is_quote or tokens[0].is_space or
                      (tokens[0].lower_ in _RELATIVE and tokens[0].tag_ in ("WDT", "WP"))):
        tokens.pop(0)
    return tokens


def _end_of(tokens: list[Token]) -> int:
    """Where a reported clause ends, with the full stop when it closes the sentence."""
    last = tokens[-1]
    end = last.idx + len(last)
    doc = last.doc
    if last.i + 1 < len(doc) and doc[last.i + 1].text in (".", "!", "?") and not last.whitespace_:
        end += 1
    elif last.i + 1 < len(doc) and doc[last.i + 1].text in ('"', "”") and not last.whitespace_ and \
            sum(t.text in ('"', "“") for t in tokens) % 2 == 1:
        end += 1  # 'wrote that the strike was "deeply regrettable"': the mark it opened
    return end


def _according_clause(marker: Token, source: Token) -> list[Token]:
    """What "according to X" vouches for: the clause it is attached to, minus the attribution."""
    clause = marker.head
    for _ in range(6):  # the proposition it vouches for: up to the sentence, or a relative clause
        if clause.dep_ in ("ROOT", "relcl", "acl") or clause.head is clause:
            break
        clause = clause.head
    if clause.dep_ == "acl" and clause.head.dep_ == "ROOT" and clause.head.pos_ in ("NOUN", "PROPN") and \
            clause.head.left_edge.i == clause.sent.start:
        clause = clause.head  # "More than 23,000 people spent the night ...": the parser read the sentence as a noun
    attribution = {t.i for t in marker.subtree} | {marker.i}
    if marker.lower_ == "words":  # "in the words of X": the whole "in" phrase
        attribution |= {t.i for t in marker.head.subtree} | {marker.head.i}
    return _trim([t for t in clause.subtree if t.i not in attribution])


# "SALVADOR, Feb 26 - " opening a story the dateline component did not recognise
_DATELINE_PREFIX = re.compile(r"[A-Z][A-Za-z .'-]+(?:, [A-Z][A-Za-z .'-]+)?, "  # "SALVADOR, " / "Winnipeg, Manitoba, "
                              r"[A-Za-z]{3,9}\.? \d{1,2}(?: \([^)]{2,30}\))? [-–—]+ ")  # "Feb 26 (Reuters) - ", "MARCH 5 - "


def _in_dateline(index: _DocIndex, token: Token) -> bool:
    """"WINNIPEG, Manitoba, Feb 26 - X said": the place where the story was filed, not a speaker."""
    if _DATELINE_PREFIX.match(index.text, token.idx):
        return True
    dateline = token.doc._.ng_dateline
    return dateline is not None and token.idx < dateline.end


def _after_dateline(text: str, start: int) -> int:
    match = _DATELINE_PREFIX.match(text, start)
    return match.end() if match else start


@dataclass
class _Reported:
    fact: QuoteFact
    first: int  # token range of the clause
    last: int
    verb: int


class QuoteFinder:
    """spaCy component: builds ``doc._.ng_quotes``."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        direct = quote_spans(text)
        index = _DocIndex(doc, direct)
        dateline = doc._.ng_dateline
        story_start = max(headline_end(doc), dateline.end if dateline else 0)
        blocks = self._unmarked(doc, index, story_start)
        reported, enclosing = self._reported(doc, index, story_start, blocks)
        quotes = blocks + [r.fact for r in reported]
        quotes += self._direct(doc, index, direct, sorted(reported + enclosing, key=lambda r: r.fact.start))
        quotes.sort(key=lambda q: (q.start, -q.end))
        doc._.ng_quotes = _without_contained(quotes)
        _companies_speaking_as_it(doc, text, doc._.ng_quotes)
        return doc

    # --- reported speech ------------------------------------------------------------------

    def _reported(self, doc: Doc, index: _DocIndex, story_start: int,
                  blocks: Sequence[QuoteFact] = ()) -> tuple[list[_Reported], list[_Reported]]:
        """Reported clauses: those to keep, and those around a direct quote (its speaker's words)."""
        candidates: list[_Reported] = []
        block_ends = [b.end for b in blocks]
        starts = index.sentence_starts
        for position, first in enumerate(starts):
            sentence = doc[first:starts[position + 1] if position + 1 < len(starts) else len(doc)]
            if sentence.end_char <= story_start:
                continue
            low = bisect_left(index.speech_verbs, sentence.start)
            has_verbs = low < len(index.speech_verbs) and index.speech_verbs[low] < sentence.end
            low = bisect_left(index.sources, sentence.start)
            if not has_verbs and not (low < len(index.sources) and index.sources[low] < sentence.end):
                continue  # nothing said in this sentence
            for verb in index.verbs_in(sentence):
                if verb.lemma_ not in SPEECH_VERBS or _not_said(verb):
                    continue
                clause = reported_clause(verb)
                if clause is None:
                    continue
                tokens = _clause_tokens(verb, clause)
                if not tokens:
                    continue
                has_subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children)
                if len(tokens) < (2 if has_subject else _MIN_QUOTE_WORDS):
                    continue
                start = max(tokens[0].idx, story_start)  # "BEIJING, Jan. 17 (Xinhua) -- X grew, NBS said"
                start = _after_dateline(index.text, start)
                end = _end_of(tokens)
                if end - start < 10:
                    continue
                previous = candidates[-1].fact if candidates else None
                before = bisect_right(block_ends, sentence.start_char)
                if before and (previous is None or blocks[before - 1].end > previous.end):
                    previous = blocks[before - 1]  # "They also claimed" after the statement quoted above
                for speaker, confidence in _speakers(verb, index, previous):
                    candidates.append(_Reported(QuoteFact(
                        speaker=speaker, start=start, end=end, verb=verb.lower_, direct=False,
                        sentence=sentence, confidence=min(confidence, 0.8),
                    ), tokens[0].i, tokens[-1].i, verb.i))
            source = _source_phrase(sentence, index)
            if source is not None:
                marker, who = source
                source_speaker, confidence = resolve_speaker(who, index, types=_SOURCE_TYPES)
                tokens = _according_clause(marker, who) if source_speaker is not None else []
                if source_speaker is not None and len(tokens) >= _MIN_QUOTE_WORDS:
                    candidates.append(_Reported(QuoteFact(
                        speaker=source_speaker, start=max(tokens[0].idx, story_start), end=_end_of(tokens),
                        verb="according to", direct=False, sentence=sentence, confidence=min(confidence, 0.7),
                    ), tokens[0].i, tokens[-1].i, marker.i))
        kept, enclosing = [], []
        spans = sorted((c.first, c.last) for c in candidates if c.fact.verb != "according to")
        reach: list[int]
        firsts, reach = [f for f, _ in spans], []
        for _, last in spans:
            reach.append(max(last, reach[-1] if reach else -1))
        verbs = sorted(c.verb for c in candidates if c.fact.verb != "according to")
        for item in candidates:
            if item.fact.verb == "according to":
                # "According to ABC, Basya believes ...": the channel gives way to the speaker it cites
                if bisect_left(verbs, item.first) < bisect_right(verbs, item.last):
                    continue
            else:
                # a speech verb inside another one's reported words is part of that report
                inside = bisect_right(firsts, item.verb)
                if inside and reach[inside - 1] >= item.verb:
                    continue
            fact = item.fact
            if self._overlaps_direct(index, fact.start, fact.end):
                enclosing.append(item)
            else:
                kept.append(item)
        return kept, enclosing

    # --- quotes without quotation marks ----------------------------------------------------

    def _unmarked(self, doc: Doc, index: _DocIndex, story_start: int) -> list[QuoteFact]:
        """Block and pull quotes that lost their marks: a paragraph introduced by a speaker and a colon
        ("the Church denied these allegations:"), and a paragraph signed by a name alone ("... . Jane Roe").
        """
        text = index.text
        paragraphs = [(m.start(), m.end()) for m in re.finditer(r"\S[^\n]*(?:\n(?!\s*\n)[^\n]*)*", text)]
        quotes: list[QuoteFact] = []
        for number, (start, end) in enumerate(paragraphs):
            if end <= story_start or self._overlaps_direct(index, start, end):
                continue
            body = text[start:end].rstrip()
            if body.endswith(":") and number + 1 < len(paragraphs):
                quote = self._introduced_block(doc, index, doc.char_span(start, start + len(body),
                                                                         alignment_mode="expand"),
                                               paragraphs[number + 1], quotes[-1] if quotes else None)
            else:
                quote = self._transcript_line(doc, index, start, start + len(body)) or \
                    self._signed_paragraph(doc, index, start, start + len(body))
            if quote is None and quotes and paragraphs[number - 1][0] <= quotes[-1].start < start:
                quote = self._first_person_run(doc, index, start, start + len(body), quotes[-1])
            if quote is not None:
                quotes.append(quote)
        return quotes

    def _introduced_block(self, doc: Doc, index: _DocIndex, intro: Span | None, block: tuple[int, int],
                          previous: QuoteFact | None) -> QuoteFact | None:
        """The paragraph after "X said:" is X's words, up to the first sentence that reports speech again."""
        start, end = block
        if intro is None or text_opens_quote(index.text, start) or self._overlaps_direct(index, start, end):
            return None
        last_sentence = index.sentence_of(intro.end - 1)
        verbs = [v for v in index.verbs_in(last_sentence) if v.i < intro.end]
        speaker, confidence, verb = None, 0.0, None
        for candidate in sorted(verbs, key=lambda v: -v.i)[:_NEAREST_VERBS]:
            if reported_clause(candidate) is not None:
                continue  # "X said they had agreed on four points:" introduces a list, not X's words
            speakers = _speakers(candidate, index, previous)
            if speakers:
                (speaker, confidence), verb = speakers[0], candidate
                break
        span = doc.char_span(start, end, alignment_mode="expand")
        if speaker is None or span is None:
            return None
        stop = end
        for sentence in span.sents:  # type: ignore[attr-defined]
            if sentence.start_char > start and index.verbs_in(sentence):
                stop = sentence.start_char  # narration again: "They also claimed ..."
                break
        stop = len(index.text[:stop].rstrip())
        if len(index.text[start:stop].split()) < _MIN_QUOTE_WORDS:
            return None
        return QuoteFact(speaker=speaker, start=start, end=stop, verb=verb.lower_, direct=True,  # type: ignore[union-attr]
                         sentence=index.sentence_of(span.start), confidence=min(confidence, 0.6))

    @staticmethod
    def _first_person_run(doc: Doc, index: _DocIndex, start: int, end: int,
                          previous: QuoteFact) -> QuoteFact | None:
        """A paragraph opening in the first person right after a quote without marks goes on quoting
        its speaker, for as long as its sentences speak in the first person."""
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or text_opens_quote(index.text, start):
            return None
        stop = None
        for sentence in span.sents:  # type: ignore[attr-defined]
            if not any(t.lower_ in _FIRST_PERSON and t.pos_ == "PRON" for t in sentence) or \
                    (index.verbs_in(sentence) and stop is not None):
                break
            stop = sentence.end_char
        if stop is None or len(index.text[start:stop].split()) < _MIN_QUOTE_WORDS:
            return None
        return QuoteFact(speaker=previous.speaker, start=start, end=stop, verb=previous.verb, direct=True,
                         sentence=index.sentence_of(span.start), confidence=0.4)

    @staticmethod
    def _transcript_line(doc: Doc, index: _DocIndex, start: int, end: int) -> QuoteFact | None:
        """An interview or transcript: "Jane Roe: We never planned it." is Jane Roe's answer."""
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) < 5:
            return None
        cluster = entity_at(doc, span[0])
        colon = span.start
        if cluster is not None and cluster.type == "Person":
            while colon < span.end and entity_at(doc, doc[colon]) is cluster:
                colon += 1
        elif span[0].is_title and span[1].text == ":":
            cluster, colon = index.fuller_person(span[0].text, span[0].i), span.start + 1  # "Roe: ..."
        if cluster is None or cluster.type != "Person":
            return None
        if colon + 1 >= span.end or doc[colon].text != ":" or colon - span.start > 4:
            return None
        first = doc[colon + 1]
        while first.i < span.end - 1 and (first.is_space or first.is_quote):
            first = doc[first.i + 1]
        if len(index.text[first.idx:end].split()) < _MIN_QUOTE_WORDS:
            return None
        return QuoteFact(speaker=cluster, start=first.idx, end=end, verb="said", direct=True,
                         sentence=index.sentence_of(first.i), confidence=0.6)

    @staticmethod
    def _signed_paragraph(doc: Doc, index: _DocIndex, start: int, end: int) -> QuoteFact | None:
        """A pull quote: words, then the name of the person who said them alone at the paragraph's end."""
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) < 5:
            return None
        last = span[-1]
        cluster = entity_at(doc, last)
        if cluster is None or cluster.type != "Person":
            return None
        first = last.i
        while first - 1 >= span.start and entity_at(doc, doc[first - 1]) is cluster:
            first -= 1
        before = doc[first - 1] if first - 1 >= span.start else None
        if before is None or before.text not in (".", "!", "?", "”", '"') or first - span.start < _MIN_QUOTE_WORDS:
            return None  # the name closes a sentence of its own, after the quoted words
        if not any(t.lower_ in _FIRST_PERSON for t in doc[span.start:first]):
            return None  # a pull quote speaks in the first person; a caption or narration does not
        quote_end = before.idx + len(before) if before.text in (".", "!", "?") else before.idx
        return QuoteFact(speaker=cluster, start=start, end=quote_end, verb="said", direct=True,
                         sentence=index.sentence_of(span.start), confidence=0.5)

    @staticmethod
    def _overlaps_direct(index: _DocIndex, start: int, end: int) -> bool:
        position = bisect_left(index.direct_starts, end)
        return position > 0 and index.direct[position - 1][1] > start

    # --- direct quotes --------------------------------------------------------------------

    def _direct(self, doc: Doc, index: _DocIndex, direct: list[tuple[int, int]],
                reported: list[_Reported]) -> list[QuoteFact]:
        text = index.text
        quotes: list[QuoteFact] = []
        reported_starts = [r.fact.start for r in reported]
        used_clauses: set[int] = set()
        position = 0
        while position < len(direct):
            start, end = direct[position]
            position += 1
            first = doc.char_span(start, end, alignment_mode="expand")
            if first is None:
                continue
            # '"A," he said, "and B."': the attribution splits one quote
            while position < len(direct) and _split_by_attribution(text[end:direct[position][0]]):
                end = direct[position][1]
                position += 1
            span = doc.char_span(start, end, alignment_mode="expand") or first
            previous = _previous_quote(quotes, reported, reported_starts, start)
            speaker, confidence, verb, tried = self._attribute(doc, index, span, start, end, reported,
                                                               reported_starts, previous)
            is_direct, quote_start, fragment = True, start, None
            if speaker is not None and isinstance(verb, _Reported):
                outer = verb
                verb = doc[outer.verb]
                if id(outer) not in used_clauses and outer.fact.start < start - 1:
                    # a reported clause with quoted words in it: the whole clause, to its end, unless
                    # more quoted words follow in it (each of those is a quote of its own)
                    quote_start, is_direct = outer.fact.start, False
                    if not _carries_clause(doc, outer, start, end):
                        fragment = (start, end)  # 'noted the protest had grown into a "support movement"'
                    if position == len(direct) or direct[position][0] >= outer.fact.end:
                        end = max(end, outer.fact.end)
                    if text[end:end + 1] in ('"', "”"):
                        end += 1  # 'saying the team "never lost its shape"': the mark the clause opened
                used_clauses.add(id(outer))
            if speaker is None and previous is not None and not tried and \
                    _continues(text, index, previous, start,
                               any(t.lower_ in _FIRST_PERSON and t.pos_ == "PRON" for t in span)):
                # a quote going on in the next paragraph, or right after '"...," she said.'
                speaker, confidence = previous.speaker, 0.5
            if speaker is None:
                continue
            if len(text[start:end].split()) < _MIN_QUOTE_WORDS and not (
                    isinstance(verb, Token) and any(verb in t.ancestors for t in span if not t.is_punct)):
                continue  # two words count only as what the verb says ('called it "deeply disappointing"'),
                # not as a term the sentence talks about ('to "route out" means ...')
            verb_word = "said"
            if verb is not None:
                verb_word = "according to" if verb.lower_ in ("according", "words") else verb.lower_
            quotes.append(QuoteFact(
                speaker=speaker, start=quote_start, end=end, verb=verb_word, direct=is_direct,
                sentence=index.sentence_of(span.start), confidence=confidence,
            ))
            if fragment is not None:
                # 'said the plan was "fully costed"': the quoted words are a direct quote of their own too
                quotes.append(QuoteFact(
                    speaker=speaker, start=fragment[0], end=fragment[1], verb=verb_word, direct=True,
                    sentence=index.sentence_of(span.start), confidence=confidence,
                ))
        return quotes

    @staticmethod
    def _attribute(doc: Doc, index: _DocIndex, span: Span, start: int, end: int, reported: list[_Reported],
                   reported_starts: list[int], previous: QuoteFact | None):
        """(speaker, confidence, verb or enclosing clause, whether an attribution was tried)."""
        position = bisect_right(reported_starts, start)
        for outer in reported[max(0, position - 3):position]:
            # the quote sits in someone's reported words: theirs, not a nested speaker's
            if outer.fact.start < start - 1 and start <= _clause_end(doc, outer) and doc[outer.verb].idx < start:
                return outer.fact.speaker, outer.fact.confidence, outer, True
        sentences = [index.sentence_of(span.start)]
        if sentences[0].end < span.end:
            sentences.append(index.sentence_of(span.end - 1))
        tried = False
        named = frozenset(id(c) for c in (entity_at(doc, t) for t in span) if c is not None)
        for sentence in sentences:
            for verb in index.verbs_near(sentence, span.start, span.end - 1):
                if _subject(verb) is None:
                    continue
                tried = True
                speakers = _speakers(verb, index, previous, named)
                if speakers:
                    return speakers[0][0], speakers[0][1], verb, True
        speaker, inverted_verb = _inverted_speaker(span, index)
        if speaker is not None:
            return speaker, 0.85, inverted_verb, True
        for sentence in sentences:
            source = _source_phrase(sentence, index)
            if source is not None:
                speaker, confidence = resolve_speaker(source[1], index, previous, named, _SOURCE_TYPES)
                if speaker is not None:
                    return speaker, confidence, source[0], True
        # "X tweeted using his account:" / "Rathbun stated," introducing the quote
        last = span[0].i - 1
        while last >= 0 and (doc[last].is_space or doc[last].is_quote):
            last -= 1
        if last >= 0 and (doc[last].text == ":" or
                          (doc[last].text == "," and index.sentence_of(last).start != sentences[0].start)):
            for verb in sorted(index.verbs_in(index.sentence_of(last)), key=lambda v: -v.i)[:_NEAREST_VERBS]:
                speakers = _speakers(verb, index, previous)
                if speakers:
                    return speakers[0][0], speakers[0][1], verb, True
            if doc[last].text == ":":
                # "Vogt was blunter: "..."": whoever the clause before the colon is about speaks
                verbs = [t for t in doc[index.sentence_of(last).start:last] if t.pos_ in ("VERB", "AUX")]
                clause = verbs[-1] if verbs else doc[last]
                subject = _subject(clause) if verbs else None
                if subject is not None and subject.i < clause.i:
                    speaker, confidence = resolve_speaker(subject, index, previous)
                    if speaker is not None and speaker.type in ("Person", "Organization"):
                        return speaker, min(confidence, 0.6), None, True  # recorded as "said"
        return None, 0.0, None, tried


_SELF_AS_IT = re.compile(r"(its?)\b")
_SELF_AS_PERSON = re.compile(r"(he|she|his|her|i|my|we|our)\b", re.IGNORECASE)


def _companies_speaking_as_it(doc: Doc, text: str, quotes: list[QuoteFact]) -> None:
    """"Hunt said it offered ... Hunt said its stake ...": a one-word "person" (no full name anywhere
    in the article) who reports on itself as "it" (three times, or twice with "its" once) and never
    as "he" or "she", holding no title, is a company the model took for a person."""
    reports: dict[int, list[str]] = {}
    for quote in quotes:
        if quote.speaker.type == "Person" and not quote.direct and " " not in quote.speaker.name:
            reports.setdefault(id(quote.speaker), []).append(text[quote.start:quote.end])
    if not reports:
        return
    titled = {id(role.person) for role in doc._.ng_roles or []}
    for quote in quotes:
        said = reports.get(id(quote.speaker))
        if said is None or id(quote.speaker) in titled:
            continue
        selves = [m.group(1) for m in (_SELF_AS_IT.match(words) for words in said) if m]
        if (len(selves) >= 3 or (len(selves) >= 2 and "its" in selves)) and \
                not any(_SELF_AS_PERSON.match(words) for words in said):
            quote.speaker.type = "Organization"
        reports.pop(id(quote.speaker))


def _carries_clause(doc: Doc, outer: _Reported, start: int, end: int) -> bool:
    """Whether the quoted words hold the reported clause's own verb ('told the court that, in May,
    "her health failed"'): then they are that clause, one quote; else a fragment quoted inside it."""
    tokens = doc[outer.first:outer.last + 1]
    roots = [t for t in tokens if not (outer.first <= t.head.i <= outer.last) or t.head == t]
    if any(start <= t.idx < end for t in roots):
        return True
    # 'said the vote showed that "water is no longer an issue"': a clause of its own, subject and all
    quoted = [t for t in tokens if start <= t.idx < end]
    heads = [t for t in quoted if not (start <= t.head.idx < end) or t.head == t]
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") and start <= c.idx < end for h in heads for c in h.children)


def _without_contained(quotes: list[QuoteFact]) -> list[QuoteFact]:
    """Quotes in order of start (longest first at one start), without one that lies inside an earlier one
    by the same speaker: 'replying that X, and "Y."' read both as the reported clause and as the clause
    run on to the end of its quoted words is one quote."""
    kept: list[QuoteFact] = []
    for quote in quotes:
        if not any(k.speaker is quote.speaker and k.start <= quote.start and quote.end <= k.end and
                   (k.direct or not quote.direct) for k in kept):
            kept.append(quote)  # but the quoted words inside a reported clause are a quote of their own
    return kept


def _clause_end(doc: Doc, item: _Reported) -> int:
    last = doc[item.last]
    return last.idx + len(last) + 2


def _previous_quote(quotes: list[QuoteFact], reported: list[_Reported], starts: list[int],
                    start: int) -> QuoteFact | None:
    """The quote or report that ends last before ``start``."""
    best = quotes[-1] if quotes else None
    position = bisect_left(starts, start)
    for item in reported[max(0, position - 3):position]:
        if item.fact.end <= start and (best is None or item.fact.end > best.end):
            best = item.fact
    return best


def _continues(text: str, index: _DocIndex, previous: QuoteFact, start: int, first_person: bool = False) -> bool:
    """This unattributed quote carries on from the previous one (same or next paragraph, or close by)."""
    if start - previous.end < _CONTINUATION_GAP and ("\n" not in text[previous.end:start] or first_person):
        return True  # across a paragraph break, a quote goes on if it opens the paragraph or says "I"/"we"
    paragraph, previous_paragraph = index.paragraph_of(start), index.paragraph_of(previous.end)
    if paragraph == previous_paragraph:
        return True
    return paragraph == previous_paragraph + 1 and _opens_paragraph(text, start)


_ATTRIBUTION_GAP = re.compile(r"^[\"”’]?\s*,?\s*[\"”]?\s*[^\"“”.!?;:\n]{2,60}?,\s*[\"“]?$")


def _split_by_attribution(between: str) -> bool:
    """'," she said, "' between two quoted spans: one sentence quoted in two parts."""
    words = [word.strip(",\"”“").lower() for word in between.split()]
    return bool(_ATTRIBUTION_GAP.match(between.strip())) and len(words) <= 8 and \
        any(word in _ATTRIBUTION_WORDS for word in words) and not any(w in ("and", "but", "or") for w in words)


_ATTRIBUTION_WORDS = {"said", "says", "added", "adds", "told", "stated", "explained", "continued", "wrote",
                      "argued", "insisted", "noted", "warned", "asked", "replied", "recalled"}


def _right_after_verb(verb: Token, token: Token) -> bool:
    """The token directly follows the verb or the verb's object ("told CNN that ...")."""
    previous = token.doc[token.i - 1]
    return previous == verb or any(previous.i == child.right_edge.i for child in verb.children
                                   if child.dep_ in ("dobj", "dative", "iobj", "npadvmod", "prep"))


def reported_clause(verb: Token) -> Token | None:
    """The head of what a speech verb reports: its ccomp, or a later "that" clause below it."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    if len(clauses) > 1 and clauses[0].i < verb.i and any(
            t.text == ";" for t in verb.doc[clauses[0].right_edge.i + 1:verb.i]):
        # "X limped off; the CBF said that he would miss two games": the clause after the verb
        # is the report, the one before the semicolon another sentence the parser hung there
        clauses = clauses[1:]
    if len(clauses) > 1 and _participle_split(clauses[0], clauses[1]):
        return clauses[1]
    if clauses:
        return clauses[0]
    if verb.dep_ == "parataxis" and verb.head.pos_ in ("VERB", "AUX") and verb.head.i < verb.i:
        return verb.head  # "Nordic countries spend 2.9 percent, he said, but ..."
    if _said_after_comma(verb):
        # "Families filed claims, their lawyer, X, told reporters.": the parser's conj; or a clause it hung
        # the verb under ("X has been retained to advise on it, Acme added.": all of the sentence before)
        return verb.head if verb.dep_ == "conj" else [a for a in verb.ancestors if a.i < verb.i][-1]
    appeal = _appeal(verb)
    if appeal is not None:
        return appeal
    for child in verb.rights:
        if child.dep_ in ("conj", "cc", "parataxis"):
            continue  # the next "and she said ..." of a run-on chain is not this verb's report
        for token in child.subtree:
            if token.lower_ == "that" and token.dep_ == "mark" and token.head.pos_ in ("VERB", "AUX"):
                return token.head
    return None


def _participle_split(first: Token, second: Token) -> bool:
    """"said rescue teams using boats | had pulled 1,400 people": the parser cut one reported clause
    in two at a participle; the finite verb after it heads the clause."""
    return first.tag_ == "VBG" and first.head.i < first.i and first.right_edge.i + 1 == second.left_edge.i and \
        not any(c.dep_ in ("nsubj", "nsubjpass") for c in second.children)


def _said_after_comma(verb: Token) -> bool:
    """A speech verb ending its sentence after a comma, which the parser joined to the clause before
    as a second verb or hung under it as a clause: no "and" between them, nothing reported after it."""
    head = verb.head
    if verb.dep_ not in ("conj", "ccomp") or head.pos_ not in ("VERB", "AUX") or head.i > verb.i or \
            any(c.dep_ == "cc" for c in head.children if c.i < verb.i) or \
            any(c.dep_ in ("ccomp", "xcomp", "conj", "advcl", "cc") for c in verb.rights):
        return False
    if verb.dep_ == "ccomp" and not all(t.is_punct or t.is_space for t in verb.doc[verb.right_edge.i + 1:verb.sent.end]):
        return False
    subject = next((c for c in verb.lefts if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and subject.left_edge.i > head.i and verb.doc[subject.left_edge.i - 1].text == ","


# Verbs reporting what someone asked others to do: "urged X to ...", "asked X not to ...", "called on X to ..."
_APPEAL_VERBS = {"urge", "ask", "call", "appeal", "implore", "exhort"}


def _appeal(verb: Token) -> Token | None:
    """The "to" clause of an appeal, when the verb names whom it addresses ("urged Thailand to open")."""
    if verb.lemma_ not in _APPEAL_VERBS:
        return None
    addressee = [c for c in verb.children if (c.dep_ in ("dobj", "dative") and verb.lemma_ not in ("call", "appeal"))
                 or (c.dep_ == "prep" and c.lower_ in ("on", "upon", "to") and verb.lemma_ in ("call", "appeal"))]
    if not addressee:
        return None  # "asked to remain anonymous": no one is asked to do anything
    for child in verb.rights:
        if child.dep_ == "xcomp" and child.pos_ in ("VERB", "AUX") and child.i > addressee[0].i and \
                any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
            return child
    return None


def text_opens_quote(text: str, start: int) -> bool:
    return start < len(text) and text[start] in _OPENERS


def _opens_paragraph(text: str, start: int) -> bool:
    i = start - 2  # skip the opening mark
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] == "\n"


@Language.factory(
    "newsgraph_quotes",
    requires=["doc._.ng_entities", "doc._.ng_dateline", "token.dep", "token.lemma"],
    assigns=["doc._.ng_quotes"],
)
def make_quote_finder(nlp: Language, name: str) -> QuoteFinder:
    return QuoteFinder(nlp, name)
