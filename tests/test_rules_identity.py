"""Within-article identity, model-free: the helpers other components use to resolve references."""

from docbuild import make_doc, run

import newsgraph.nlp.pipeline  # noqa: F401  (registers the components)
from newsgraph.nlp.facts import resolve_organization, resolve_person


def index_of(doc, word, nth=0):
    return [t.i for t in doc if t.text == word][nth]


def test_surname_resolves_to_the_full_name():
    doc = run(make_doc("Daren Tang spoke . Tang smiled .", ents=[("Daren Tang", "PERSON"), ("Tang", "PERSON")]),
              "newsgraph_entities")
    assert resolve_person(doc, index_of(doc, "Tang", 1)).name == "Daren Tang"


def test_pronoun_resolves_to_the_nearest_person_before_it():
    doc = run(make_doc("Jane Roe met Ann Lee . She smiled .", ents={"Jane Roe": "PERSON", "Ann Lee": "PERSON"}),
              "newsgraph_entities")
    assert resolve_person(doc, index_of(doc, "She")).name == "Ann Lee"


def test_pronoun_with_nobody_before_it_is_unresolved():
    doc = run(make_doc("She smiled . Jane Roe spoke .", ents={"Jane Roe": "PERSON"}), "newsgraph_entities")
    assert resolve_person(doc, index_of(doc, "She")) is None


def test_the_minister_is_the_person_given_that_title():
    doc = run(make_doc("Foreign minister Jane Roe arrived . Later the minister spoke .", ents={"Jane Roe": "PERSON"}),
              "newsgraph_entities", "newsgraph_roles")
    assert resolve_person(doc, index_of(doc, "minister", 1)).name == "Jane Roe"


def test_the_agency_prefers_an_organisation_named_with_that_word():
    doc = run(make_doc("Acme and the Space Agency met . Later the agency spoke .",
                       ents={"Acme": "ORG", "Space Agency": "ORG"}), "newsgraph_entities")
    assert resolve_organization(doc, index_of(doc, "agency")).name == "Space Agency"


def test_the_company_with_two_candidates_alike_is_unresolved():
    doc = run(make_doc("Acme and Globex met . Later the company spoke .", ents={"Acme": "ORG", "Globex": "ORG"},
                       parse=[(3, "nsubj"), (0, "cc"), (0, "conj"), (3, "ROOT"), (3, "punct"), (8, "advmod"),
                              (7, "det"), (8, "nsubj"), (8, "ROOT"), (8, "punct")]),
              "newsgraph_entities")
    assert resolve_organization(doc, index_of(doc, "company")) is None


def test_the_company_is_the_story_s_subject_when_one_stands_out():
    doc = run(make_doc("Acme met Globex . Later the company spoke .", ents={"Acme": "ORG", "Globex": "ORG"},
                       parse=[(1, "nsubj"), (1, "ROOT"), (1, "dobj"), (1, "punct"), (7, "advmod"), (6, "det"),
                              (7, "nsubj"), (7, "ROOT"), (7, "punct")]),
              "newsgraph_entities")
    assert resolve_organization(doc, index_of(doc, "company")).name == "Acme"


def test_its_resolves_within_the_sentence_first():
    doc = run(make_doc("Globex grew . Acme said its sales rose .", ents={"Acme": "ORG", "Globex": "ORG"}),
              "newsgraph_entities")
    assert resolve_organization(doc, index_of(doc, "its")).name == "Acme"
