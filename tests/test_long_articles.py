"""Long articles go through the model in pieces cut at paragraph breaks and come out as if
read whole: same text, same offsets, same facts."""

from __future__ import annotations

import importlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph import extract_many
from newsgraph.extract import extract_prepared, prepare
from newsgraph.nlp.pipeline import chunk_ends

extracting = importlib.import_module("newsgraph.extract")  # the module, not the function

PARAGRAPHS = [
    "Ana Ruiz, finance minister of Costa Verde, said on Friday that the deficit fell to 3.1 percent.",
    '"We will not raise taxes this year," Ruiz told reporters in San Isidro.',
    "Helios Energy Ltd said net profit rose 12 pct to 45 mln dlrs, and it will hire 300 workers in Accra.",
    "Tomas Lind, chief executive of Nordport Shipping, said the harbour in Gdansk would close in June.",
    "The ministry said exports of copper reached 155,221 tonnes, against 140,000 a year earlier.",
    # the wire's capital after "U.S.": the model reads a recased copy, the facts quote this text
    "U.S. Officials expect the U.S. Market for copper to grow, Lind said.",
]


def article(paragraphs: int) -> str:
    return "\n\n".join(f"{PARAGRAPHS[n % len(PARAGRAPHS)]} (Item {n}.)" for n in range(paragraphs))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["a", "bc", " ", ". ", "\n", "\n\n", "é", "\u2029", "word" * 30]), max_size=400)
       .map("".join), st.integers(min_value=20, max_value=400))
def test_pieces_cover_the_text_in_order_and_stay_within_the_size(text, size):
    ends = chunk_ends(text, size)
    assert ends[-1] == len(text)
    starts = [0, *ends[:-1]]
    assert all(start < end for start, end in zip(starts, ends)) or text == ""
    assert all(end - start <= size for start, end in zip(starts, ends))


def test_pieces_are_cut_after_a_blank_line_when_there_is_one():
    text = article(40)
    ends = chunk_ends(text, 1000)
    assert len(ends) > 3
    assert all(text[end - 2:end] == "\n\n" for end in ends[:-1])


@pytest.mark.model
def test_an_article_read_in_pieces_gives_what_it_gives_read_whole(nlp, monkeypatch):
    text = article(30)  # about 3,000 characters
    whole = extract_prepared(prepare(text), nlp)
    monkeypatch.setattr(extracting, "CHUNK_CHARS", 700)
    pieces = extract_prepared(prepare(text), nlp)
    assert pieces.model_dump() == whole.model_dump()
    assert whole.entities and whole.figures and whole.quotes and whole.roles
    for figure in pieces.figures:
        assert text[figure.start:figure.end] == figure.text
    for quote in pieces.quotes:
        assert text[quote.start:quote.end] == quote.text
    assert any("U.S. Officials" in quote.text for quote in pieces.quotes)
    for entity in pieces.entities:
        assert all(text[m.start:m.end] == m.text for m in entity.mentions)
    assert not any(e.name.startswith("U.S. ") for e in pieces.entities)


@pytest.mark.model
def test_extract_many_reads_long_articles_on_their_own_in_order(nlp, monkeypatch):
    monkeypatch.setattr(extracting, "CHUNK_CHARS", 700)
    texts = [PARAGRAPHS[0], article(12), "", PARAGRAPHS[3], article(9)]
    results = list(extract_many(texts, batch_size=2, errors="return"))
    assert results[2].code == "empty_text"
    for index in (0, 1, 3, 4):
        assert results[index].model_dump() == extract_prepared(prepare(texts[index]), nlp).model_dump()
