"""Entities, model-free: places the model typed as something else, and what a dateline says.

Classes found on real news and wire copy (issue 15): a wire dateline's place read as an
organisation ("ABU DHABI, March 2 -"), towns listed with places ("from Liverpool and
Felixstowe") or placed in their state ("of Bethany, Conn.") read as organisations, a
country whose name ends in an organisation word ("the Soviet Union"), a surname read as
a work of art.
"""

from docbuild import make_doc, run

import newsgraph.nlp.pipeline  # noqa: F401  (registers the components)
from newsgraph.nlp.dateline import find_dateline


def entities(text, ents, pos=None, parse=None, dateline=False):
    doc = make_doc(text, ents=ents, pos=pos, parse=parse)
    doc = run(doc, "newsgraph_dateline", "newsgraph_entities") if dateline else run(doc, "newsgraph_entities")
    return {c.name: c for c in doc._.ng_entities}


def test_a_wire_dateline_needs_no_agency_and_a_bracket_must_close():
    fact = find_dateline("KARVALA, March 2 - Output rose.")
    assert (fact.place, fact.month, fact.day, fact.agency) == ("Karvala", 3, 2, None)
    # a later paragraph with a party label is not a dateline: "(R-" is no agency
    text = "Prices rose.\n\nSen. Jo Bloggs (R-Iowa) told reporters he would act."
    assert find_dateline(text) is None


def test_the_dateline_place_is_a_place_and_its_agency_an_organisation_whatever_the_model_said():
    text = "KARVALA , March 2 ( Newswire ) - Output rose ."
    found = entities(text, {"KARVALA": "ORG", "Newswire": "GPE"}, dateline=True)
    assert found["Karvala"].type == "Place"
    assert found["Newswire"].type == "Organization"


def test_a_dateline_does_not_retype_names_after_it():
    text = "KARVALA , March 2 - Brindle Corp said output rose ."
    found = entities(text, {"KARVALA": "GPE", "Brindle Corp": "ORG"}, dateline=True)
    assert found["Brindle Corp"].type == "Organization"


def test_a_surname_the_model_read_as_a_work_of_art_is_the_person():
    text = "Finance Minister Dilson Varo spoke . Varo said prices rose ."
    found = entities(text, [("Dilson Varo", "PERSON"), ("Varo", "WORK_OF_ART")])
    assert list(found) == ["Dilson Varo"]
    assert found["Dilson Varo"].type == "Person" and len(found["Dilson Varo"].mentions) == 2


def test_a_country_whose_name_ends_in_an_organisation_word_is_a_place():
    found = entities("Talks were held with the Soviet Union .", {"the Soviet Union": "GPE"})
    assert found["Soviet Union"].type == "Place"
    found = entities("Talks were held with the European Union .", {"the European Union": "GPE"})
    assert found["European Union"].type == "Organization"  # a union of countries is a body


# "Trade came from Liverpool and Dunmore ."
_LISTED = [(1, "nsubj"), (1, "ROOT"), (1, "prep"), (2, "pobj"), (3, "cc"), (3, "conj"), (1, "punct")]


def test_a_name_listed_with_places_after_a_preposition_of_place_is_a_place():
    found = entities("Trade came from Liverpool and Dunmore .", {"Liverpool": "GPE", "Dunmore": "ORG"},
                     parse=_LISTED)
    assert found["Dunmore"].type == "Place"


def test_a_listed_name_that_acts_elsewhere_in_the_article_stays_an_organisation():
    text = "Trade came from Liverpool and Dunmore . Dunmore said it grew ."
    parse = [*_LISTED, (8, "nsubj"), (8, "ROOT"), (10, "nsubj"), (8, "ccomp"), (8, "punct")]
    found = entities(text, [("Liverpool", "GPE"), ("Dunmore", "ORG"), ("Dunmore", "ORG")], parse=parse)
    assert found["Dunmore"].type == "Organization"


def test_a_name_listed_with_an_organisation_is_not_taken_for_a_place():
    # "Trade came from Liverpool and Dunmore Holdings": a company word in the name
    text = "Trade came from Liverpool and Dunmore Holdings ."
    parse = [(1, "nsubj"), (1, "ROOT"), (1, "prep"), (2, "pobj"), (3, "cc"), (6, "compound"), (3, "conj"),
             (1, "punct")]
    found = entities(text, {"Liverpool": "GPE", "Dunmore Holdings": "ORG"}, parse=parse)
    assert found["Dunmore Holdings"].type == "Organization"


def test_a_name_followed_by_its_state_is_a_town():
    text = "Ann Roe , of Bethwick , Conn. , was hurt ."
    parse = [(1, "compound"), (8, "nsubjpass"), (1, "punct"), (1, "prep"), (3, "pobj"), (4, "punct"),
             (4, "appos"), (1, "punct"), (8, "ROOT"), (8, "acomp"), (8, "punct")]
    found = entities(text, [("Ann Roe", "PERSON"), ("Bethwick", "ORG"), ("Conn.", "GPE")], parse=parse)
    assert found["Bethwick"].type == "Place"
    # "analyst at Prescott, Ball and Turben": a firm's name in parts, no state after it
    text = "Ann Roe , analyst at Prescott , Ball and Co , spoke ."
    found = entities(text, [("Ann Roe", "PERSON"), ("Prescott", "ORG")])
    assert found["Prescott"].type == "Organization"
