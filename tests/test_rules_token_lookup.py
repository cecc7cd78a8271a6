"""facts.tokens_where: the token scans the components share, on hand-built Docs (no model)."""

from __future__ import annotations

from docbuild import make_doc
from spacy.attrs import ENT_TYPE, LEMMA, LOWER, ORTH

from newsgraph.nlp.facts import tokens_where


def test_tokens_are_found_in_order_across_values_and_cases():
    doc = make_doc("The Port said the port and THE harbour would reopen , the port said .")
    assert tokens_where(doc, LOWER, ("the", "said")) == [0, 2, 3, 6, 11, 13]
    assert tokens_where(doc, ORTH, ["the"]) == [3, 11]
    assert tokens_where(doc, LOWER, frozenset({"harbour"})) == [7]
    assert tokens_where(doc, LOWER, ("ferry",)) == []


def test_a_found_list_is_the_callers_own():
    doc = make_doc("the ferry and the bus .")
    found = tokens_where(doc, LOWER, ("the",))
    found.append(99)
    assert tokens_where(doc, LOWER, ("the",)) == [0, 3]


def test_many_values_and_lemmas():
    doc = make_doc("She says he said they say .", lemmas={"says": "say", "said": "say"})
    verbs = frozenset({"say", "tell", "add", "note", "warn", "argue", "claim", "state", "insist"})
    assert tokens_where(doc, LEMMA, verbs) == [1, 3, 5]


def test_entity_types_are_read_as_they_are_now():
    doc = make_doc("Ada Obi met Tunde in Lagos .", ents={"Ada Obi": "PERSON", "Lagos": "GPE"})
    assert tokens_where(doc, ENT_TYPE, ("PERSON",)) == [0, 1]
    doc.set_ents([doc.char_span(doc.text.index("Tunde"), doc.text.index("Tunde") + 5, label="PERSON")],
                 default="unmodified")
    assert tokens_where(doc, ENT_TYPE, ("PERSON",)) == [0, 1, 3]


def test_the_hashes_of_an_articles_own_words_are_not_kept_without_bound():
    from newsgraph.nlp import facts

    doc = make_doc("the ferry and the bus .")
    for k in range(facts._MAX_HASHED_SETS + 10):
        assert tokens_where(doc, ORTH, (f"Name{k}",)) == []
    assert len(facts._HASHES) <= facts._MAX_HASHED_SETS
    assert tokens_where(doc, LOWER, ("the",)) == [0, 3]
