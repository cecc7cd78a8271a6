"""Wire copy's ticker marks: "Acme Inc <ACM.N> said ...".

The model's tokenizer splits a mark into "<", "ACM", ">", and the parser reads the brackets
as punctuation that ends the clause: a quote stops at "<", a ticker becomes an organisation
of its own. So the mark is made one token before the model reads the Doc
(:func:`ticker_marks_component`). After the model has run, :func:`tickers_component` keeps
the mark out of the entity before it and out of the clause's structure: where the parser
made the mark the head of its company's name ("Acme Inc <ACM>" with "<ACM>" as the verb's
subject), the name takes the mark's place and the mark hangs off the name.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span

from .facts import SOURCE_TEXT_KEY, doc_text
from .lexicon import BODY_HEADS, MEDIA_HEADS, MONTHS, ORG_HEADS, ROLE_NOUNS, TITLE_WORDS, WEEKDAYS

# "<ACM.N>", and the square-bracketed form some desks use ("[DAIG.F]", with its exchange only)
TICKER_MARK = re.compile(r"<[A-Z][A-Z0-9]{0,7}(?:\.[A-Z]{1,2})?>|\[[A-Z][A-Z0-9]{0,7}\.[A-Z]{1,2}\]")


@Language.component("newsgraph_ticker_marks", retokenizes=True)
def ticker_marks_component(doc: Doc) -> Doc:
    """Before the model reads the Doc: each "<ACM.N>" the tokenizer split becomes one token."""
    text = doc_text(doc)  # the same text after the merges
    if "<" not in text and "[" not in text:
        return doc
    spans = [doc.char_span(m.start(), m.end()) for m in TICKER_MARK.finditer(text)]
    with doc.retokenize() as retokenizer:
        for span in spans:
            if span is not None and len(span) > 1:
                retokenizer.merge(span)
    return doc


def is_ticker_mark(text: str) -> bool:
    return TICKER_MARK.fullmatch(text) is not None


_NAME_LINKS = {"and", "&", "of", "de", "du", "la", "le", "von", "van", "der", "-", "'s", "’s", "the", "(", ")"}


def bracketed_names(doc: Doc) -> list[Span]:
    """"<Hong Kong and Shanghai Banking Corp>": the wire brackets a company's whole name (one
    without a ticker); the model may cut it at "and" or leave the mark's words out."""
    names = []
    for opening in (t for t in doc if t.text == "<"):
        close = next((k for k in range(opening.i + 2, min(len(doc), opening.i + 12)) if doc[k].text == ">"), None)
        if close is None:
            continue
        inner = doc[opening.i + 1:close]
        if inner[0].text[:1].isupper() and all(
                (t.text[:1].isupper() or t.is_digit or t.lower_ in _NAME_LINKS) and "\n" not in t.whitespace_
                for t in inner):
            names.append(Span(doc, inner.start, inner.end, label="ORG"))
    return names


@Language.component("newsgraph_tickers", requires=["token.dep", "doc.ents"], assigns=["token.dep", "doc.ents"])
def tickers_component(doc: Doc) -> Doc:
    text = doc_text(doc)
    if "<" not in text and "[" not in text:
        return doc  # the common case: no mark, nothing to read
    names = bracketed_names(doc)
    if names:
        bracketed = {i for name in names for i in range(name.start - 1, name.end + 1)}
        doc.set_ents([e for e in doc.ents if not bracketed.intersection(range(e.start, e.end))] + names)
    marks = [t for t in doc if t.text[0] in "<[" and is_ticker_mark(t.text)]
    if not marks:
        return doc
    mark_indices = {t.i for t in marks}
    entities = []
    for ent in doc.ents:
        start, end = ent.start, ent.end
        while start < end and start in mark_indices:
            start += 1
        while end > start and end - 1 in mark_indices:
            end -= 1
        inside = next((i for i in range(start, end) if i in mark_indices), None)
        if inside is not None:
            end = inside  # "Acme Corp <ACM> - Shelf offering": the name ends at its mark
        if end > start:
            # "Rainier Bancorporation <RBAN>": what a ticker tags is a company, whatever the model read
            label = "ORG" if end in mark_indices and ent.label_ in ("PERSON", "FAC") \
                else ent.label_
            entities.append(ent if (start, end, label) == (ent.start, ent.end, ent.label_)
                            else Span(doc, start, end, label=label))
    doc.set_ents(entities, default="outside")
    for mark in marks:
        name = doc[mark.i - 1] if mark.i else None
        if name is None or mark.head in (mark, name) or name.pos_ != "PROPN" or mark.dep_ not in _NAME_ROLES:
            continue  # a root, or already hanging off the name
        if _descends_from(mark.head, name):
            continue  # "Acme Corp <ACM> - Shelf offering": the name heads the line; moving it would loop
        # "Acme Inc <ACM> said": the name is the verb's subject; the mark only tags it
        dependants = [child for child in mark.children if child != name]
        name.head, name.dep_ = mark.head, mark.dep_
        for child in dependants:
            child.head = name
        mark.head, mark.dep_ = name, "appos"
    return doc


def _descends_from(token, ancestor) -> bool:
    """Whether ``ancestor`` is ``token`` or one of its heads."""
    for _ in range(len(token.doc)):
        if token == ancestor:
            return True
        if token.head == token:
            return False
        token = token.head
    return False


# where the parser puts a mark that stands in for its company's name
_NAME_ROLES = {"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "compound", "dep", "npadvmod"}


# --- the wire's capital after a country's initials ---------------------------------------
#
# Wire copy of the 1980s capitalises the word after "U.S." or "U.K." as if the initials ended
# a sentence: "U.S. Officials said", "U.S. And Japanese firms", "the U.S. Market". The model
# reads "U.S. Officials" as an organisation and "Officials ... told him" as a name. So the
# model reads such a word in lower case (same length, same offsets); the facts still quote the
# article as written (see facts.source_text).

_COUNTRY_INITIALS = re.compile(r"(?<![\w.])(?:U\.S\.|U\.K\.|U\.N\.|E\.C\.|N\.Z\.) ([A-Z][a-z]+)\b")
# a capitalised word that is the same word at the start of a name or a body: kept as written
_NAME_WORDS = ORG_HEADS | BODY_HEADS | MEDIA_HEADS | ROLE_NOUNS | TITLE_WORDS | {
    "treasury", "embassy", "consulate", "customs", "mint", "house", "league", "marines", "air", "open",
    "reserve", "federal", "national", "supreme"}



def _base_forms(word: str) -> tuple[str, ...]:
    """"officials" -> "official", "imposed" -> "impose", "agencies" -> "agency": enough of a
    lemma to look a capitalised word up in a list of base forms."""
    forms = [word]
    if word.endswith("ies"):
        forms.append(word[:-3] + "y")
    if word.endswith(("s", "d")):
        forms.append(word[:-1])
    if word.endswith(("es", "ed")):
        forms.append(word[:-2])
    return tuple(forms)


def _headline(text: str, word_start: int) -> bool:
    """Whether the line of the word at ``word_start`` capitalises most of its other words of four
    letters or more, its first aside (a headline)."""
    start = text.rfind("\n", 0, word_start) + 1
    end = text.find("\n", word_start)
    line = text[start:end if end != -1 else len(text)]
    words = [m.group() for m in re.finditer(r"[A-Za-z]{4,}", line)
             if m.start() > 0 and start + m.start() != word_start]
    return sum(w[0].isupper() for w in words) * 2 > len(words)


def _names_something(text: str, word: str) -> bool:
    """Whether ``word`` names something in this text: capitalised other than after initials or
    at a sentence's start ("Sprint said"), or, after initials, the start of a longer name
    ("U.S. Sprint Corp", "U.S. Food and Drug Administration", "U.S. West <USW>")."""
    for match in re.finditer(r"\b" + word + r"\b", text):
        before = text[max(0, match.start() - 6):match.start()]
        if re.search(r"(?:[A-Z]\.[A-Z]\.|[.!?:\"'(\n])\s*$", before) is None and match.start() > 0:
            return True
        if _NAME_GOES_ON.match(text, match.end()):
            return True
    return False


_NAME_GOES_ON = re.compile(r" (?:(?:and|of|for|&) [A-Z][a-z]|[A-Z]|<)")


def model_casing(text: str, common_words: Collection[str]) -> str:
    """``text`` with the word after a country's initials in lower case where the wire, not the
    language, capitalised it: a closed-class word ("U.S. And"), or a common word that is no
    part of a name ("U.S. Officials said", not "U.S. Treasury" nor "U.S. Steel Corp").
    ``common_words``: English base forms, lower case. The result has the same length."""
    if ". " not in text:
        return text
    chars = None
    verdicts: dict[str, bool] = {}
    for match in _COUNTRY_INITIALS.finditer(text):
        word = match.group(1)
        lower = word.lower()
        if lower in _NAME_WORDS or lower in MONTHS or lower in WEEKDAYS or _headline(text, match.start(1)):
            continue
        recase = verdicts.get(word)
        if recase is None:
            recase = verdicts[word] = lower in STOP_WORDS or (
                any(form in common_words for form in _base_forms(lower)) and not _names_something(text, word))
        if recase:
            if chars is None:
                chars = list(text)
            chars[match.start(1)] = lower[0]
    return text if chars is None else "".join(chars)


class WireCasingTokenizer:
    """The pipeline's tokenizer, reading :func:`model_casing`'s text; the article's own text
    stays in ``doc.user_data`` for the facts to quote."""

    def __init__(self, tokenizer, common_words: Collection[str]):
        self.tokenizer = tokenizer
        self.common_words = frozenset(common_words)

    def __call__(self, text: str) -> Doc:
        model_text = model_casing(text, self.common_words)
        doc = self.tokenizer(model_text)
        if model_text != text:
            doc.user_data[SOURCE_TEXT_KEY] = text
        return doc

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str):
        return getattr(self.tokenizer, name)  # to_bytes, rules, explain ...


def common_words(nlp) -> frozenset[str]:
    """English base forms from the model's lemmatizer tables (WordNet's nouns, verbs,
    adjectives and adverbs); none when the model has no such tables."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or "lemma_index" not in lookups.tables:
        return frozenset()
    index = lookups.get_table("lemma_index")
    words: set[str] = set()
    for pos in ("noun", "verb", "adj", "adv"):
        if pos in index:
            words.update(w for w in index[pos] if "_" not in w)
    return frozenset(words)
