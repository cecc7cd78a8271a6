"""Paragraph breaks end sentences.

A headline or a dateline line has no final full stop, so the parser would glue it to
the first sentence of the body. Marking the token after a blank line as a sentence
start (before the parser runs; the parser keeps preset boundaries) keeps headlines,
bylines and paragraphs apart.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("newsgraph_paragraphs", assigns=["token.is_sent_start"])
def mark_paragraph_starts(doc: Doc) -> Doc:
    after_break = False
    for token in doc:
        if token.is_space:
            after_break = after_break or token.text.count("\n") >= 2
            continue
        if after_break and token.i > 0:
            token.is_sent_start = True
        after_break = token.whitespace_.count("\n") >= 2
    return doc
