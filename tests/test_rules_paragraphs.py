"""Paragraph breaks end sentences, so headlines never merge with the first sentence."""

import spacy

from newsgraph.nlp.paragraphs import mark_paragraph_starts


def test_blank_line_starts_a_sentence_and_single_newline_does_not():
    doc = spacy.blank("en")("Fund shifts money to young scientists\n\nThe fund will spend more.\nIt said so.")
    mark_paragraph_starts(doc)
    starts = [t.text for t in doc if t.is_sent_start]
    assert "The" in starts
    assert "It" not in starts  # a wrapped line is not a paragraph
