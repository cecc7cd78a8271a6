"""Entities, model-free: a lone name the model typed as an organisation that the sentence shows is a
person ("Copland, who was born in Brooklyn", "Surratt, a young spy"); CoNLL04 relation arguments."""

from docbuild import make_doc, run

import newsgraph.nlp.pipeline  # noqa: F401  (registers the components)


def entities(text, ents, parse):
    doc = run(make_doc(text, ents=ents, parse=parse), "newsgraph_entities")
    return {c.name: c.type for c in doc._.ng_entities}


# "Varo , who was born here , left ."
_WHO = [(7, "nsubj"), (0, "punct"), (4, "nsubjpass"), (4, "auxpass"), (0, "relcl"), (4, "advmod"), (0, "punct"),
        (7, "ROOT"), (7, "punct")]


def test_a_name_a_who_clause_describes_is_a_person():
    assert entities("Varo , who was born here , left .", {"Varo": "ORG"}, _WHO) == {"Varo": "Person"}
    # "which" describes a thing
    assert entities("Brindle , which was founded here , left .", {"Brindle": "ORG"}, _WHO) == {
        "Brindle": "Organization"}


# "Varo , a young spy , left ."
_APPOS = [(6, "nsubj"), (0, "punct"), (4, "det"), (4, "amod"), (0, "appos"), (0, "punct"), (6, "ROOT"), (6, "punct")]


def test_a_name_in_apposition_to_an_occupation_only_people_have_is_a_person():
    assert entities("Varo , a young spy , left .", {"Varo": "ORG"}, _APPOS) == {"Varo": "Person"}
    assert entities("Varo , a famous novelist , left .", {"Varo": "ORG"}, _APPOS) == {"Varo": "Person"}
    # a company can be a leader, an owner or a producer
    assert entities("Brindle , a chip leader , grew .", {"Brindle": "ORG"}, _APPOS) == {"Brindle": "Organization"}
    assert entities("Brindle , a film producer , grew .", {"Brindle": "ORG"}, _APPOS) == {"Brindle": "Organization"}


# "said Ana Mourao , director of the Tide Museum ."
_SAID_DIRECTOR = [(0, "ROOT"), (2, "compound"), (0, "nsubj"), (2, "punct"), (2, "appos"), (4, "prep"), (8, "det"),
                  (8, "compound"), (5, "pobj"), (0, "punct")]


def test_a_name_the_model_read_as_a_people_holding_a_title_is_a_person():
    text = "said Ana Mourao , director of the Tide Museum ."
    assert entities(text, {"Ana Mourao": "NORP", "Tide Museum": "ORG"}, _SAID_DIRECTOR) == {
        "Ana Mourao": "Person", "Tide Museum": "Organization"}
    # a people's name ("Costa Ricans") stays what the model said
    assert "Costa Ricans" not in entities("said Costa Ricans , director of the Tide Museum .",
                                          {"Costa Ricans": "NORP", "Tide Museum": "ORG"}, _SAID_DIRECTOR)


# "His publisher , Rui Ventura , said so ."
_PUBLISHER = [(1, "poss"), (6, "nsubj"), (1, "punct"), (4, "compound"), (1, "appos"), (1, "punct"), (6, "ROOT"),
              (6, "advmod"), (6, "punct")]


def test_two_one_word_places_joined_in_apposition_to_a_job_are_one_person():
    found = entities("His publisher , Rui Ventura , said so .", [("Rui", "GPE"), ("Ventura", "GPE")], _PUBLISHER)
    assert found == {"Rui Ventura": "Person"}
    # "His home , Porto Alegre , ...": no job, two places stay
    assert "Porto Alegre" not in entities("His home , Porto Alegre , said so .", [("Porto", "GPE"), ("Alegre", "GPE")],
                                          _PUBLISHER)


# "Nadia Greenhalgh of the law firm Dorsey Pike LLP said so ."
_OF_FIRM = [(1, "compound"), (9, "nsubj"), (1, "prep"), (5, "det"), (5, "compound"), (2, "pobj"), (8, "compound"),
            (8, "compound"), (5, "appos"), (9, "ROOT"), (9, "advmod"), (9, "punct")]


def test_a_two_word_name_of_a_named_firm_is_a_person():
    text = "Nadia Greenhalgh of the law firm Dorsey Pike LLP said so ."
    found = entities(text, {"Nadia Greenhalgh": "ORG", "Dorsey Pike LLP": "ORG"}, _OF_FIRM)
    assert found["Nadia Greenhalgh"] == "Person" and found["Dorsey Pike LLP"] == "Organization"
    # a body of a place ("Bank Leumi of Israel") is no person
    assert entities("Harbor Trust of the port city Dorsey Pike LLP said so .",
                    {"Harbor Trust": "ORG", "Dorsey Pike LLP": "ORG"}, _OF_FIRM)["Harbor Trust"] == "Organization"


# "Its chief executive , Sipho Dlamini , said so ."
_ITS_TITLE = [(2, "poss"), (2, "amod"), (7, "nsubj"), (2, "punct"), (5, "compound"), (2, "appos"), (2, "punct"),
              (7, "ROOT"), (7, "advmod"), (7, "punct")]


def test_a_name_in_apposition_after_a_title_only_a_person_holds_is_a_person():
    assert entities("Its chief executive , Sipho Dlamini , said so .", {"Sipho Dlamini": "ORG"}, _ITS_TITLE) == {
        "Sipho Dlamini": "Person"}
    # a company can be a leader: "its market leader , Brindle Foods ,"
    assert entities("Its market leader , Brindle Foods , said so .", {"Brindle Foods": "ORG"}, _ITS_TITLE) == {
        "Brindle Foods": "Organization"}
