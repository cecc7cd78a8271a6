"""Wire copy's ticker marks ("Acme Inc <ACM.N> said"), model-free."""

from __future__ import annotations

import spacy
from docbuild import make_doc, run

import newsgraph.nlp.pipeline  # noqa: F401  (registers the components)
from newsgraph.nlp.wire import is_ticker_mark


def test_a_ticker_mark_becomes_one_token_and_nothing_else_changes():
    nlp = spacy.blank("en")
    merge = nlp.create_pipe("newsgraph_ticker_marks")
    doc = merge(nlp("Acme Inc <ACM.N>, Beta <BETA> and <Gamma Corp> said so (in dlrs) <soon>."))
    assert [t.text for t in doc] == ["Acme", "Inc", "<ACM.N>", ",", "Beta", "<BETA>", "and", "<", "Gamma", "Corp",
                                     ">", "said", "so", "(", "in", "dlrs", ")", "<", "soon", ">", "."]
    assert doc.text == "Acme Inc <ACM.N>, Beta <BETA> and <Gamma Corp> said so (in dlrs) <soon>."


def test_what_is_a_ticker_mark():
    assert is_ticker_mark("<ACM>") and is_ticker_mark("<BPCL.L>") and is_ticker_mark("<T>")
    assert not is_ticker_mark("<Acme Corp>") and not is_ticker_mark("<acm>") and not is_ticker_mark("ACM")


def test_a_mark_leaves_the_name_and_the_name_takes_its_place_in_the_clause():
    # Acme Inc <ACM> said it grew .   (the parser made the mark the subject, the name its compound)
    parse = [(1, "compound"), (2, "compound"), (3, "nsubj"), (3, "ROOT"), (5, "nsubj"), (3, "ccomp"), (3, "punct")]
    doc = make_doc("Acme Inc <ACM> said it grew .", ents={"Acme Inc <ACM>": "ORG"}, parse=parse,
                   pos={"said": "VERB", "grew": "VERB", "it": "PRON"})
    doc = run(doc, "newsgraph_tickers")
    assert [(e.text, e.label_) for e in doc.ents] == [("Acme Inc", "ORG")]
    name, mark = doc[1], doc[2]
    assert (name.dep_, name.head.text) == ("nsubj", "said")
    assert (mark.dep_, mark.head.text) == ("appos", "Inc")
    assert doc[0].head == name


def test_a_mark_tagged_alone_is_no_entity():
    doc = run(make_doc("Shares of <ACM> rose .", ents={"<ACM>": "ORG"}), "newsgraph_tickers")
    assert list(doc.ents) == []


def test_a_text_without_marks_is_left_alone():
    parse = [(1, "nsubj"), (1, "ROOT"), (1, "punct")]
    doc = make_doc("Acme grew .", ents={"Acme": "ORG"}, parse=parse)
    doc = run(doc, "newsgraph_tickers")
    assert [(e.text, e.label_) for e in doc.ents] == [("Acme", "ORG")] and doc[0].dep_ == "nsubj"


def test_a_mark_already_hanging_off_its_name_stays_there():
    # Acme Inc <ACM> said it grew .
    parse = [(1, "compound"), (3, "nsubj"), (1, "appos"), (3, "ROOT"), (5, "nsubj"), (3, "ccomp"), (3, "punct")]
    doc = run(make_doc("Acme Inc <ACM> said it grew .", ents={"Acme Inc": "ORG"}, parse=parse,
                       pos={"said": "VERB", "grew": "VERB", "it": "PRON"}), "newsgraph_tickers")
    assert [(t.dep_, t.head.i) for t in doc[:4]] == [("compound", 1), ("nsubj", 3), ("appos", 1), ("ROOT", 3)]


def test_a_mark_under_a_name_that_heads_the_line_leaves_the_tree_whole():
    # Acme Corp <ACM> - Shelf offering of shares .   (the name is the root; the mark hangs below it)
    parse = [(1, "compound"), (1, "ROOT"), (4, "compound"), (1, "punct"), (5, "compound"), (1, "appos"),
             (5, "prep"), (6, "pobj"), (1, "punct")]
    doc = run(make_doc("Acme Corp <ACM> - Shelf offering of shares .", ents={"Acme Corp": "ORG"}, parse=parse),
              "newsgraph_tickers")
    assert [(t.dep_, t.head.i) for t in doc] == [(d, h) for h, d in parse]  # unchanged: no loop made
    assert all(doc[1] in t.ancestors or t.i == 1 for t in doc)


def test_an_entity_running_past_a_mark_ends_at_it():
    doc = run(make_doc("Acme Corp <ACM> - Shelf offering of shares .", ents={"Acme Corp <ACM> - Shelf": "ORG"}),
              "newsgraph_tickers")
    assert [(e.text, e.label_) for e in doc.ents] == [("Acme Corp", "ORG")]


def test_a_bracketed_company_name_is_one_organisation_whatever_the_model_cut():
    doc = make_doc("sold to < Hong Kong and Shanghai Banking Corp > and < Brindle Ltd > .",
                   ents=[("Hong Kong", "GPE"), ("Shanghai Banking Corp", "ORG"), ("Brindle Ltd >", "ORG")])
    doc = run(doc, "newsgraph_tickers")
    assert [(e.text, e.label_) for e in doc.ents] == [("Hong Kong and Shanghai Banking Corp", "ORG"),
                                                      ("Brindle Ltd", "ORG")]


def test_brackets_around_ordinary_words_are_no_name():
    doc = make_doc("prices < rose sharply > and Acme fell .", ents={"Acme": "ORG"})
    doc = run(doc, "newsgraph_tickers")
    assert [(e.text, e.label_) for e in doc.ents] == [("Acme", "ORG")]
