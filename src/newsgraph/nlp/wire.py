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

from spacy.language import Language
from spacy.tokens import Doc, Span

from .facts import doc_text

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


_NAME_LINKS = {"and", "&", "of", "de", "du", "la", "le", "von", "van", "der", "-", "'s", "’s", "the"}


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
