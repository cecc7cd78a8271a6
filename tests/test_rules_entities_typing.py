"""Entities, model-free: types that cap relation scores (issue 15).

Classes found on CoNLL04 and KBP37 relation arguments: a wire dateline with no dash
("PERUGIA, Italy (AP)" on its own line), a monitoring service's source line read as one
organisation ("Paris Radio France International", "Moscow ITAR-TASS").
"""

from docbuild import make_doc, run

import newsgraph.nlp.pipeline  # noqa: F401  (registers the components)
from newsgraph.nlp.dateline import find_dateline


def entities(text, ents, pos=None, parse=None, dateline=False, lemmas=None):
    doc = make_doc(text, ents=ents, pos=pos, parse=parse, lemmas=lemmas)
    doc = run(doc, "newsgraph_dateline", "newsgraph_entities") if dateline else run(doc, "newsgraph_entities")
    return {c.name: c.type for c in doc._.ng_entities}


def test_a_dateline_with_an_agency_needs_no_dash_on_a_line_of_its_own():
    fact = find_dateline("TARBELL, Ostria (AP)\nThe mayor resigned on Monday.")
    assert (fact.place, fact.agency) == ("Tarbell, Ostria", "AP")
    fact = find_dateline("TARBELL, Ostria (AP) _ The mayor resigned.")
    assert (fact.place, fact.agency) == ("Tarbell, Ostria", "AP")


def test_without_a_dash_only_a_capitalised_city_and_an_agency_make_a_dateline():
    assert find_dateline("Jo Bloggs (R)\nShe voted no.") is None  # a name and a party label
    assert find_dateline("TARBELL, Ostria\nThe mayor resigned.") is None  # no agency: too weak
    assert find_dateline("Tarbell, Ostria (Newswire)\nThe mayor resigned.") is None  # the city not in capitals


def test_the_undashed_dateline_place_is_a_place_whatever_the_model_said():
    found = entities("TARBELL , Ostria ( AP )", {"TARBELL": "ORG", "Ostria": "GPE", "AP": "ORG"}, dateline=True)
    assert found == {"Tarbell": "Place", "Ostria": "Place", "AP": "Organization"}


def test_a_source_line_is_the_city_and_the_broadcaster():
    found = entities("Karvala Radio Ostria International", {"Karvala Radio Ostria International": "ORG"})
    assert found == {"Karvala": "Place", "Radio Ostria International": "Organization"}


def test_a_source_line_after_an_item_number_and_a_broadcaster_the_model_cut():
    text = "KV0101223294 Karvala Radio Ostria Network in French 1700 GMT"
    found = entities(text, [("KV0101223294 Karvala Radio", "ORG"), ("Ostria", "GPE")])
    assert found == {"Karvala": "Place", "Radio Ostria Network": "Organization"}


def test_a_source_line_with_the_city_and_the_country_tagged_and_the_broadcast_word_not():
    found = entities("Karvala Radio Ostria", {"Karvala": "GPE", "Ostria": "GPE"})
    assert found == {"Karvala": "Place", "Radio Ostria": "Organization"}


def test_a_source_line_with_an_agency_acronym():
    found = entities("Karvala NOVA-PRESS", {"Karvala NOVA-PRESS": "GPE"})
    assert found == {"Karvala": "Place", "NOVA-PRESS": "Organization"}


def test_a_broadcaster_named_by_its_city_alone_is_kept_whole():
    found = entities("Karvala Radio said the talks failed .", {"Karvala Radio": "ORG"})
    assert found == {"Karvala Radio": "Organization"}
    found = entities("TARBELL CENTER , Ostria ( AP )", {"TARBELL CENTER": "ORG", "Ostria": "GPE"})
    assert found["TARBELL CENTER"] == "Organization"  # capitals then capitals: no city before an agency


def test_a_name_mid_sentence_is_no_source_line():
    found = entities("He spoke to Karvala Radio Ostria International .", {"Karvala Radio Ostria International": "ORG"})
    assert found == {"Karvala Radio Ostria International": "Organization"}


# "Dorn shot Varga during the play ."
_SHOT = [(1, "nsubj"), (1, "ROOT"), (1, "dobj"), (1, "prep"), (5, "det"), (3, "pobj"), (1, "punct")]


def test_the_one_shot_is_a_person_whatever_the_model_said():
    found = entities("Dorn shot Varga during the play .", {"Dorn": "PERSON", "Varga": "ORG"}, parse=_SHOT,
                     lemmas={"shot": "shoot"})
    assert found == {"Dorn": "Person", "Varga": "Person"}


def test_one_arrested_or_murdered_is_a_person():
    # "Varga was arrested ."
    parse = [(2, "nsubjpass"), (2, "auxpass"), (2, "ROOT"), (2, "punct")]
    found = entities("Varga was arrested .", {"Varga": "ORG"}, parse=parse, lemmas={"arrested": "arrest"})
    assert found == {"Varga": "Person"}
    # "Police studied Varga 's murder ."
    parse = [(1, "nsubj"), (1, "ROOT"), (4, "poss"), (2, "case"), (1, "dobj"), (1, "punct")]
    found = entities("Police studied Varga 's murder .", {"Varga": "ORG"}, parse=parse)
    assert found == {"Varga": "Person"}


def test_a_place_before_a_killing_noun_is_where_it_happened():
    # "Police studied the Karvala killings ."
    parse = [(1, "nsubj"), (1, "ROOT"), (4, "det"), (4, "compound"), (1, "dobj"), (1, "punct")]
    found = entities("Police studied the Karvala killings .", {"Karvala": "GPE"}, parse=parse)
    assert found == {"Karvala": "Place"}


def test_a_company_hit_by_a_verb_done_only_to_people_is_still_one_when_its_name_says_so():
    found = entities("Dorn shot Varga Holdings during the play .", {"Dorn": "PERSON", "Varga Holdings": "ORG"},
                     parse=[(1, "nsubj"), (1, "ROOT"), (3, "compound"), (1, "dobj"), (1, "prep"), (6, "det"),
                            (4, "pobj"), (1, "punct")], lemmas={"shot": "shoot"})
    assert found["Varga Holdings"] == "Organization"


def test_a_name_followed_by_an_age_is_a_person():
    # "Varga , 70 , owned the bank ."
    parse = [(4, "nsubj"), (0, "punct"), (0, "appos"), (0, "punct"), (4, "ROOT"), (6, "det"), (4, "dobj"),
             (4, "punct")]
    found = entities("Varga , 70 , owned the bank .", {"Varga": "ORG"}, parse=parse)
    assert found == {"Varga": "Person"}
    # a year between commas is no age
    found = entities("Varga , 1990 , owned the bank .", {"Varga": "ORG"}, parse=parse)
    assert found == {"Varga": "Organization"}


def test_a_line_that_is_a_name_and_where_it_is_names_a_place():
    found = entities("Dunmore Springs , Ostria ;", {"Dunmore Springs": "PERSON", "Ostria": "GPE"})
    assert found == {"Dunmore Springs": "Place", "Ostria": "Place"}
    found = entities("Fort Karvala , Tarbell , Ostria .", {"Fort Karvala": "ORG", "Tarbell": "GPE", "Ostria": "GPE"})
    assert found["Fort Karvala"] == "Place"


def test_every_entry_of_a_list_of_sites_is_a_place():
    text = "KLM Depot , Tarbell , Ostria ; and Dunmore Springs , Ostria ."
    found = entities(text, [("KLM Depot", "ORG"), ("Tarbell", "GPE"), ("Ostria", "GPE"), ("Dunmore Springs", "ORG"),
                            ("Ostria", "GPE")])
    assert found["KLM Depot"] == "Place" and found["Dunmore Springs"] == "Place"


def test_a_company_or_a_body_and_where_it_is_stays_an_organisation():
    found = entities("Dunmore Holdings , Tarbell , Ostria .", {"Dunmore Holdings": "ORG", "Tarbell": "GPE",
                                                                 "Ostria": "GPE"})
    assert found["Dunmore Holdings"] == "Organization"
    found = entities("Dunmore Corp , Ostria .", {"Dunmore Corp": "ORG", "Ostria": "GPE"})
    assert found["Dunmore Corp"] == "Organization"


def test_a_name_and_its_place_inside_a_sentence_is_no_address_line():
    found = entities("Dunmore Springs , Ostria , said it grew .", {"Dunmore Springs": "ORG", "Ostria": "GPE"})
    assert found["Dunmore Springs"] == "Organization"


def test_a_name_before_a_title_only_a_person_holds_is_a_person():
    text = "Dilson Varo former leader of the Karvala Front died ."
    found = entities(text, {"Dilson Varo": "ORG", "Karvala Front": "ORG"})
    assert found["Dilson Varo"] == "Person" and found["Karvala Front"] == "Organization"


def test_a_name_before_a_title_an_organisation_can_hold_stays_what_it_was():
    text = "Brindle , the owner of Karvala Mills , said profits rose ."
    found = entities(text, {"Brindle": "ORG", "Karvala Mills": "ORG"})
    assert found["Brindle"] == "Organization"


def test_one_who_served_as_ambassador_or_is_a_woman_is_a_person():
    # "Varo served as ambassador ."
    parse = [(1, "nsubj"), (1, "ROOT"), (1, "prep"), (2, "pobj"), (1, "punct")]
    found = entities("Varo served as ambassador .", {"Varo": "ORG"}, parse=parse, lemmas={"served": "serve"})
    assert found == {"Varo": "Person"}
    # "Varo is the first woman ."
    parse = [(1, "nsubj"), (1, "ROOT"), (4, "det"), (4, "amod"), (1, "attr"), (1, "punct")]
    found = entities("Varo is the first woman .", {"Varo": "GPE"}, parse=parse, lemmas={"is": "be"})
    assert found == {"Varo": "Person"}
    # "Brindle is the first company ." stays an organisation
    parse = [(1, "nsubj"), (1, "ROOT"), (4, "det"), (4, "amod"), (1, "attr"), (1, "punct")]
    found = entities("Brindle is the first company .", {"Brindle": "ORG"}, parse=parse, lemmas={"is": "be"})
    assert found == {"Brindle": "Organization"}


def test_a_country_before_its_head_of_state_is_a_place_whatever_the_model_said():
    text = "Karvala 's President Dilson Varo spoke ."
    found = entities(text, {"Karvala": "PERSON", "Dilson Varo": "PERSON"})
    assert found == {"Karvala": "Place", "Dilson Varo": "Person"}
    text = "Karvala 's former Prime Minister Dilson Varo spoke ."
    found = entities(text, {"Karvala": "PERSON", "Dilson Varo": "PERSON"})
    assert found == {"Karvala": "Place", "Dilson Varo": "Person"}


def test_a_person_before_a_minister_they_appointed_stays_a_person():
    text = "Varo 's Foreign Minister Ann Lee spoke ."
    found = entities(text, {"Varo": "PERSON", "Ann Lee": "PERSON"})
    assert found["Varo"] == "Person"


def test_a_possessive_at_the_end_of_the_text_is_read_safely():
    found = entities("They met Varo 's former vice", {"Varo": "PERSON"})
    assert found == {"Varo": "Person"}


def test_a_name_whose_presidency_is_meant_is_a_person():
    found = entities("During Varo 's presidency prices rose .", {"Varo": "ORG"})
    assert found == {"Varo": "Person"}


def test_the_name_after_a_title_of_a_country_is_the_holders():
    text = "The President of Ostria Varo said talks failed ."
    found = entities(text, [("Ostria", "GPE"), ("Varo", "ORG")])
    assert found == {"Ostria": "Place", "Varo": "Person"}


def test_a_holder_read_into_the_body_or_the_brief_is_split_off():
    text = "He spoke with the leader of his Karvala Party Dilson Varo ."
    found = entities(text, {"Karvala Party Dilson Varo": "ORG"})
    assert found == {"Karvala Party": "Organization", "Dilson Varo": "Person"}
    text = "The Secretary of the Interior Dilson Varo spoke ."
    found = entities(text, {"Interior Dilson Varo": "ORG"})
    assert found == {"Dilson Varo": "Person"}


def test_a_body_after_a_title_of_keeps_its_name():
    found = entities("He is governor of Bank Karvala .", {"Bank Karvala": "ORG"})
    assert found == {"Bank Karvala": "Organization"}
    found = entities("He is president of the Karvala Football Association .", {"Karvala Football Association": "ORG"})
    assert found == {"Karvala Football Association": "Organization"}


# "Varo said he would resign ."
_SAID_HE = [(1, "nsubj"), (1, "ROOT"), (4, "nsubj"), (4, "aux"), (1, "ccomp"), (1, "punct")]


def test_one_who_says_he_is_a_person_and_one_who_says_it_is_not():
    found = entities("Varo said he would resign .", {"Varo": "ORG"}, parse=_SAID_HE, lemmas={"said": "say"})
    assert found == {"Varo": "Person"}
    found = entities("Brindle said it would resign .", {"Brindle": "ORG"}, parse=_SAID_HE, lemmas={"said": "say"})
    assert found == {"Brindle": "Organization"}


def test_a_line_with_a_town_and_its_state_initials_the_model_read_as_bodies_gives_two_places():
    found = entities("DUNMORE HILL , K.V .", {"DUNMORE HILL": "ORG", "K.V": "ORG"})
    assert found == {"Dunmore Hill": "Place", "K.V": "Place"}  # a place in capitals is named in title case
    # initials that are not a line's end stay as they were
    found = entities("DUNMORE HILL , K.V . said it grew .", {"DUNMORE HILL": "ORG", "K.V": "ORG"})
    assert found == {"DUNMORE HILL": "Organization", "K.V": "Organization"}


def test_a_settlement_named_after_of_or_before_a_plural_settlement_noun_is_a_place():
    found = entities("The fire burned near the city of Ramira .", {"Ramira": "PERSON"}, lemmas={"city": "city"})
    assert found == {"Ramira": "Place"}
    found = entities("Police in Ustria and Lavio provinces searched homes .", {"Ustria": "GPE", "Lavio": "PERSON"},
                     lemmas={"provinces": "province"})
    assert found == {"Ustria": "Place", "Lavio": "Place"}
    # a person before a singular place word is left alone: "a Varo city official"
    found = entities("He met a Varo city official .", {"Varo": "PERSON"}, lemmas={"city": "city"})
    assert found == {"Varo": "Person"}


def test_one_word_before_a_bodys_staff_is_the_body():
    found = entities("Brindle president Dilson Varo said it grew .", {"Brindle": "PERSON", "Dilson Varo": "PERSON"})
    assert found == {"Brindle": "Organization", "Dilson Varo": "Person"}
    found = entities("Ann Lee , another Brindle employee , spoke .", {"Ann Lee": "PERSON", "Brindle": "PERSON"})
    assert found == {"Ann Lee": "Person", "Brindle": "Organization"}


def test_a_person_before_a_spokesman_or_a_title_without_a_holder_stays_a_person():
    found = entities("Varo spokesman Ann Lee said it grew .", {"Varo": "PERSON", "Ann Lee": "PERSON"})
    assert found["Varo"] == "Person"
    found = entities("They made Varo president on Monday .", {"Varo": "PERSON"})
    assert found == {"Varo": "Person"}


def test_a_place_name_with_a_plural_noun_after_the_is_a_band():
    found = entities("Nolan joined The Karvala Dolls in 1972 .", {"Nolan": "PERSON", "The Karvala Dolls": "GPE"},
                     lemmas={"Dolls": "doll"})
    assert found["Karvala Dolls"] == "Organization"


def test_a_place_whose_name_ends_in_a_plural_place_word_stays_a_place():
    found = entities("They sailed to The Karvala Islands .", {"The Karvala Islands": "GPE"},
                     lemmas={"Islands": "island"})
    assert found == {"Karvala Islands": "Place"}
    found = entities("They fought on The Karvala Heights .", {"The Karvala Heights": "LOC"},
                     lemmas={"Heights": "height"})
    assert found == {"Karvala Heights": "Place"}


def test_a_company_opening_a_paragraph_with_an_acronym_is_no_source_line():
    found = entities("Karvala TVX said it will buy the mine .", {"Karvala TVX": "ORG"})
    assert found == {"Karvala TVX": "Organization"}
    found = entities("Karvala NOVA-PRESS in English 1700 GMT", {"Karvala NOVA-PRESS": "ORG"})
    assert found == {"Karvala": "Place", "NOVA-PRESS": "Organization"}


def test_a_source_line_whose_broadcaster_or_paper_the_model_tagged_apart_or_not_at_all():
    text = "KV0101223294 Karvala Radio Ostria Carlo in French 1700 GMT"
    found = entities(text, [("Karvala", "GPE"), ("Radio Ostria Carlo", "PERSON")])
    assert found == {"Karvala": "Place", "Radio Ostria Carlo": "Organization"}
    text = "KV0101223294 Karvala NOVYE IZVESTIA in Russian 14 Jan 94"
    found = entities(text, [("KV0101223294 Karvala", "PERSON"), ("IZVESTIA", "ORG")])
    assert found == {"Karvala": "Place", "NOVYE IZVESTIA": "Organization"}


def test_a_city_and_a_company_acronym_opening_a_sentence_are_left_alone():
    found = entities("Karvala BRX said shares rose .", [("Karvala", "GPE"), ("BRX", "ORG")])
    assert found == {"Karvala": "Place", "BRX": "Organization"}


def test_a_source_line_after_a_headline_on_the_same_line():
    text = "Varo Orders Audit KV0101223294 Karvala Radio Ostria International"
    found = entities(text, [("Varo", "PERSON"), ("KV0101223294 Karvala Radio Ostria International", "ORG")])
    assert found["Karvala"] == "Place" and found["Radio Ostria International"] == "Organization"
