"""Quotes, model-free: a reported clause is quoted to its end.

Classes found by reading newsgraph's output on Reuters stories (the sentences here are ours):
quoted words inside a reported clause used to end the quote at the closing mark, and a
clause the parser broke in two used to end at the break.
"""

from docbuild import make_doc, run

import newsgraph.nlp.pipeline  # noqa: F401  (registers the components)


def quotes_of(text, ents, parse, lemmas, pos):
    doc = run(make_doc(text, ents=ents, parse=parse, lemmas=lemmas, pos=pos),
              "newsgraph_entities", "newsgraph_quotes")
    return [(q.speaker.name, q.direct, doc.text[q.start:q.end]) for q in doc._.ng_quotes]


def test_quoted_words_inside_a_reported_clause_do_not_end_it():
    text = 'Jo Bloggs said the vote would " send a message " to voters that the plan was dead .'
    parse = [(1, "compound"), (2, "nsubj"), (2, "ROOT"), (4, "det"), (7, "nsubj"), (7, "aux"), (7, "punct"),
             (2, "ccomp"), (9, "det"), (7, "dobj"), (7, "punct"), (7, "prep"), (11, "pobj"), (16, "mark"),
             (15, "det"), (16, "nsubj"), (12, "acl"), (16, "acomp"), (2, "punct")]
    found = quotes_of(text, {"Jo Bloggs": "PERSON"}, parse, {"said": "say"},
                      {"said": "VERB", "send": "VERB", "was": "AUX", "would": "AUX"})
    assert found == [("Jo Bloggs", False, 'the vote would " send a message " to voters that the plan was dead.')]


def test_a_second_quoted_phrase_in_a_clause_is_a_quote_of_its_own():
    text = 'Jo Bloggs said the plan was " a bold idea " and " a long overdue step " and would pass .'
    parse = [(1, "compound"), (2, "nsubj"), (2, "ROOT"), (4, "det"), (5, "nsubj"), (2, "ccomp"), (9, "punct"),
             (9, "det"), (9, "amod"), (5, "attr"), (9, "punct"), (9, "cc"), (16, "punct"), (16, "det"),
             (16, "amod"), (16, "amod"), (9, "conj"), (16, "punct"), (5, "cc"), (20, "aux"), (5, "conj"),
             (2, "punct")]
    found = quotes_of(text, {"Jo Bloggs": "PERSON"}, parse, {"said": "say"},
                      {"said": "VERB", "was": "AUX", "would": "AUX", "pass": "VERB", "bold": "ADJ", "long": "ADJ",
                       "overdue": "ADJ"})
    # the reported clause up to the first quoted phrase, and each quoted phrase on its own
    assert found == [("Jo Bloggs", False, 'the plan was " a bold idea'), ("Jo Bloggs", True, " a bold idea"),
                     ("Jo Bloggs", True, " a long overdue step")]


def test_a_clause_the_parser_broke_in_two_is_quoted_whole():
    text = "Acme Corp said it agreed to buy Bolt Inc for 300 Acme restricted shares and cash ."
    parse = [(1, "compound"), (2, "nsubj"), (2, "ROOT"), (4, "nsubj"), (2, "ccomp"), (6, "aux"), (4, "xcomp"),
             (8, "compound"), (6, "dobj"), (6, "prep"), (11, "nummod"), (9, "pobj"), (2, "ccomp"), (12, "dobj"),
             (13, "cc"), (13, "conj"), (2, "punct")]
    found = quotes_of(text, [("Acme Corp", "ORG"), ("Bolt Inc", "ORG")], parse, {"said": "say"},
                      {"said": "VERB", "agreed": "VERB", "buy": "VERB", "restricted": "VERB"})
    assert found == [("Acme Corp", False, "it agreed to buy Bolt Inc for 300 Acme restricted shares and cash.")]


def test_a_second_clause_with_its_own_subject_is_not_glued_on():
    text = "Acme Corp said it agreed to buy Bolt Inc prices rose ."
    parse = [(1, "compound"), (2, "nsubj"), (2, "ROOT"), (4, "nsubj"), (2, "ccomp"), (6, "aux"), (4, "xcomp"),
             (8, "compound"), (6, "dobj"), (10, "nsubj"), (2, "ccomp"), (2, "punct")]
    found = quotes_of(text, [("Acme Corp", "ORG"), ("Bolt Inc", "ORG")], parse, {"said": "say"},
                      {"said": "VERB", "agreed": "VERB", "buy": "VERB", "rose": "VERB"})
    assert [q[2] for q in found] == ["it agreed to buy Bolt Inc"]


def test_he_who_speaks_next_is_who_spoke_not_whom_they_spoke_of():
    text = "Ann Roe said Bo Lee held shares . He said the deal was void ."
    parse = [(1, "compound"), (2, "nsubj"), (2, "ROOT"), (4, "compound"), (5, "nsubj"), (2, "ccomp"), (5, "dobj"),
             (2, "punct"), (9, "nsubj"), (9, "ROOT"), (11, "det"), (12, "nsubj"), (9, "ccomp"), (12, "acomp"),
             (9, "punct")]
    found = quotes_of(text, {"Ann Roe": "PERSON", "Bo Lee": "PERSON"}, parse, {"said": "say", "was": "be"},
                      {"said": "VERB", "held": "VERB", "was": "AUX", "He": "PRON"})
    assert found == [("Ann Roe", False, "Bo Lee held shares."), ("Ann Roe", False, "the deal was void.")]


def test_a_surname_read_as_a_common_noun_still_speaks_for_its_person():
    text = 'Jo Price spoke . " We were looking hard , " Price said .'
    parse = [(1, "compound"), (2, "nsubj"), (2, "ROOT"), (2, "punct"), (12, "punct"), (7, "nsubj"), (7, "aux"),
             (12, "ccomp"), (7, "advmod"), (12, "punct"), (12, "punct"), (12, "nsubj"), (12, "ROOT"), (12, "punct")]
    found = quotes_of(text, {"Jo Price": "PERSON"}, parse, {"said": "say", "spoke": "speak"},
                      {"Price": "NOUN", "We": "PRON", "said": "VERB", "spoke": "VERB", "looking": "VERB"})
    assert [(speaker, direct) for speaker, direct, _ in found] == [("Jo Price", True)]
    assert found[0][2].strip().startswith("We were looking hard")


def test_a_name_in_apposition_to_a_broken_title_speaks():
    text = "The firm 's vice - chancellor , Jo Bloggs , said the plan worked ."
    parse = [(1, "det"), (3, "poss"), (1, "case"), (10, "nsubj"), (3, "appos"), (3, "appos"), (5, "punct"),
             (8, "compound"), (5, "appos"), (8, "punct"), (10, "ROOT"), (12, "det"), (13, "nsubj"), (10, "ccomp"),
             (10, "punct")]
    found = quotes_of(text, {"Jo Bloggs": "PERSON"}, parse, {"said": "say"}, {"said": "VERB", "worked": "VERB"})
    assert found == [("Jo Bloggs", False, "the plan worked.")]


def test_of_two_clauses_hung_on_a_speech_verb_the_one_after_it_is_reported():
    text = "Bo Lee limped off ; Acme said that he would miss two games ."
    parse = [(1, "compound"), (2, "nsubj"), (6, "ccomp"), (2, "prt"), (6, "punct"), (6, "nsubj"), (6, "ROOT"),
             (10, "mark"), (10, "nsubj"), (10, "aux"), (6, "ccomp"), (12, "nummod"), (10, "dobj"), (6, "punct")]
    found = quotes_of(text, [("Bo Lee", "PERSON"), ("Acme", "ORG")], parse, {"said": "say"},
                      {"said": "VERB", "limped": "VERB", "miss": "VERB", "he": "PRON", "would": "AUX"})
    assert [(q[0], q[2]) for q in found] == [("Acme", "he would miss two games.")]


def test_said_this_and_added_that_gives_two_quotes_of_one_speaker():
    text = "Acme said sales rose sharply and added that costs would fall ."
    parse = [(1, "nsubj"), (1, "ROOT"), (3, "nsubj"), (1, "ccomp"), (3, "advmod"), (3, "cc"), (3, "conj"), (10, "mark"),
             (10, "nsubj"), (10, "aux"), (6, "ccomp"), (1, "punct")]
    found = quotes_of(text, {"Acme": "ORG"}, parse, {"said": "say", "added": "add", "rose": "rise"},
                      {"said": "VERB", "rose": "VERB", "added": "VERB", "fall": "VERB", "would": "AUX"})
    assert [(q[0], q[2]) for q in found] == [("Acme", "sales rose sharply"), ("Acme", "costs would fall.")]
    # a verb that is no saying again stays in the clause
    found = quotes_of(text.replace("added", "hoped"), {"Acme": "ORG"}, parse, {"said": "say", "rose": "rise"},
                      {"said": "VERB", "rose": "VERB", "hoped": "VERB", "fall": "VERB", "would": "AUX"})
    assert [q[2] for q in found] == ["sales rose sharply and hoped that costs would fall."]


def test_who_declined_to_say_or_did_not_say_said_nothing():
    text = "Jo Roe declined to say whether the jewels were found ."
    parse = [(1, "compound"), (2, "nsubj"), (2, "ROOT"), (4, "aux"), (2, "xcomp"), (9, "mark"), (7, "det"),
             (9, "nsubjpass"), (9, "auxpass"), (4, "ccomp"), (2, "punct")]
    lemmas = {"declined": "decline", "say": "say", "said": "say", "were": "be", "found": "find"}
    pos = {"declined": "VERB", "say": "VERB", "said": "VERB", "found": "VERB", "were": "AUX"}
    assert quotes_of(text, {"Jo Roe": "PERSON"}, parse, lemmas, pos) == []
    text = "Jo Roe said that the jewels were found ."
    parse = [(1, "compound"), (2, "nsubj"), (2, "ROOT"), (7, "mark"), (5, "det"), (7, "nsubjpass"), (7, "auxpass"),
             (2, "ccomp"), (2, "punct")]
    assert [q[2] for q in quotes_of(text, {"Jo Roe": "PERSON"}, parse, lemmas, pos)] == ["the jewels were found."]


def test_a_statement_from_an_unnamed_office_speaks_for_no_one():
    text = "Acme Museum reopened . A statement from the prosecutor 's office said the men were held ."
    parse = [(1, "compound"), (2, "nsubj"), (2, "ROOT"), (2, "punct"), (5, "det"), (11, "nsubj"), (5, "prep"),
             (8, "det"), (10, "poss"), (8, "case"), (6, "pobj"), (11, "ROOT"), (13, "det"), (15, "nsubjpass"),
             (15, "auxpass"), (11, "ccomp"), (11, "punct")]
    found = quotes_of(text, {"Acme Museum": "ORG"}, parse, {"said": "say", "were": "be"},
                      {"said": "VERB", "reopened": "VERB", "held": "VERB", "were": "AUX", "statement": "NOUN"})
    assert found == []
