"""Entities, model-free: places the model typed as something else, and what a dateline says.

Classes found on real news and wire copy (issue 15): a wire dateline's place read as an
organisation ("ABU DHABI, March 2 -"), towns listed with places ("from Liverpool and
Felixstowe") or placed in their state ("of Bethany, Conn.") read as organisations, a
country whose name ends in an organisation word ("the Soviet Union"), a surname read as
a work of art.
"""

from docbuild import make_doc, run
from spacy.tokens import Doc

import newsgraph.nlp.pipeline  # noqa: F401  (registers the components)
from newsgraph.nlp.dateline import find_dateline


def entities(text, ents, pos=None, parse=None, dateline=False, lemmas=None):
    doc = make_doc(text, ents=ents, pos=pos, parse=parse, lemmas=lemmas)
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
    assert found["Prescott, Ball and Co"].type == "Organization" and "Prescott" not in found


def test_a_workplace_listed_with_a_name_read_as_a_place_stays_an_organisation():
    # "Ann Roe , vice president at Dunmore and Lyle , spoke ."
    text = "Ann Roe , vice president at Dunmore and Lyle , spoke ."
    parse = [(1, "compound"), (10, "nsubj"), (1, "punct"), (4, "compound"), (1, "appos"), (4, "prep"),
             (5, "pobj"), (6, "cc"), (6, "conj"), (1, "punct"), (10, "ROOT"), (10, "punct")]
    found = entities(text, [("Ann Roe", "PERSON"), ("Dunmore", "ORG"), ("Lyle", "GPE")], parse=parse)
    assert found["Dunmore"].type == "Organization"


# "Ann Roe of Civic Verve spoke ."
_MEMBER = [(1, "compound"), (5, "nsubj"), (1, "prep"), (4, "compound"), (2, "pobj"), (5, "ROOT"), (5, "punct")]


def test_a_persons_party_the_model_read_as_a_work_is_an_organisation():
    found = entities("Ann Roe of Civic Verve spoke .", {"Ann Roe": "PERSON", "Civic Verve": "WORK_OF_ART"},
                     parse=_MEMBER)
    assert found["Civic Verve"].type == "Organization"


def test_a_persons_party_the_model_read_as_a_nationality_is_an_organisation():
    text = "Ann Roe of the Neo Greens spoke ."
    parse = [(1, "compound"), (6, "nsubj"), (1, "prep"), (5, "det"), (5, "compound"), (2, "pobj"), (6, "ROOT"),
             (6, "punct")]
    found = entities(text, {"Ann Roe": "PERSON", "Neo Greens": "NORP"}, parse=parse)
    assert found["Neo Greens"].type == "Organization"
    # a nationality after "of the" with no person before it is still a nationality
    # (a plural no party is named by: "Greens", "Democrats" are, see PARTY_PLURALS)
    text = "One of the Neo Zealanders spoke ."
    parse = [(5, "nsubj"), (0, "prep"), (4, "det"), (4, "compound"), (1, "pobj"), (5, "ROOT"), (5, "punct")]
    assert "Neo Zealanders" not in entities(text, {"Neo Zealanders": "NORP"}, parse=parse)


def test_a_product_that_acts_as_a_company_is_the_company():
    text = "Fans posted on Chirper . Chirper gave him a job ."
    parse = [(1, "nsubj"), (1, "ROOT"), (1, "prep"), (2, "pobj"), (1, "punct"),
             (6, "nsubj"), (6, "ROOT"), (6, "dative"), (9, "det"), (6, "dobj"), (6, "punct")]
    found = entities(text, [("Chirper", "PRODUCT"), ("Chirper", "PERSON")], parse=parse, lemmas={"gave": "give"})
    assert list(found) == ["Chirper"] and found["Chirper"].type == "Organization"
    # a product nobody reads as acting stays a product
    found = entities("Fans posted on Chirper .", {"Chirper": "PRODUCT"}, parse=parse[:5])
    assert found["Chirper"].type == "Other"


def test_a_product_listed_with_organisations_only_is_an_organisation():
    text = "Orders went to Alstrom and Brindle Corp ."
    parse = [(1, "nsubj"), (1, "ROOT"), (1, "prep"), (2, "pobj"), (3, "cc"), (6, "compound"), (3, "conj"),
             (1, "punct")]
    found = entities(text, {"Alstrom": "PRODUCT", "Brindle Corp": "ORG"}, parse=parse)
    assert found["Alstrom"].type == "Organization"


def test_an_example_of_a_kind_of_organisation_is_one_but_not_a_member_of_one():
    text = "Music came from bands such as Velvet Gang ."
    parse = [(1, "nsubj"), (1, "ROOT"), (1, "prep"), (2, "pobj"), (5, "amod"), (3, "prep"), (7, "compound"),
             (5, "pobj"), (1, "punct")]
    found = entities(text, {"Velvet Gang": "FAC"}, parse=parse)
    assert found["Velvet Gang"].type == "Organization"
    # "defectors from the organization including Tom Devlin": a member, not an example of a body
    text = "It attacked defectors from the organization including Tom Devlin ."
    parse = [(1, "nsubj"), (1, "ROOT"), (1, "dobj"), (2, "prep"), (5, "det"), (3, "pobj"), (5, "prep"),
             (8, "compound"), (6, "pobj"), (1, "punct")]
    found = entities(text, {"Tom Devlin": "PERSON"}, parse=parse)
    assert found["Tom Devlin"].type == "Person"


def test_a_name_after_a_job_word_the_model_read_as_a_work_is_a_person():
    text = "The show includes publishers Jann Wexler of Tide ."
    parse = [(1, "det"), (2, "nsubj"), (2, "ROOT"), (5, "compound"), (5, "compound"), (2, "dobj"), (5, "prep"),
             (6, "pobj"), (2, "punct")]
    found = entities(text, {"Jann Wexler": "WORK_OF_ART", "Tide": "ORG"}, parse=parse,
                     lemmas={"publishers": "publisher"})
    assert found["Jann Wexler"].type == "Person"
    # a modifier alone is no job: "former Acme Sound" stays what the model read
    parse = [(1, "det"), (2, "nsubj"), (2, "ROOT"), (5, "amod"), (5, "compound"), (2, "dobj"), (2, "punct")]
    found = entities("The show includes former Acme Sound .", {"Acme Sound": "WORK_OF_ART"}, parse=parse)
    assert found["Acme Sound"].type == "Other"


def test_a_persons_band_the_model_read_as_a_person_is_an_organisation():
    text = "Ann Roe of Velvet Velvet spoke ."
    parse = [(1, "compound"), (5, "nsubj"), (1, "prep"), (4, "compound"), (2, "pobj"), (5, "ROOT"), (5, "punct")]
    found = entities(text, {"Ann Roe": "PERSON", "Velvet Velvet": "PERSON"}, parse=parse)
    assert found["Velvet Velvet"].type == "Organization" and found["Ann Roe"].type == "Person"
    # a surname of someone in the article stays a person: "Ann Roe of ... Roe"
    text = "Ann Roe of Jo Roe spoke ."
    found = entities(text, {"Ann Roe": "PERSON", "Jo Roe": "PERSON"}, parse=parse)
    assert found["Jo Roe"].type == "Person"


def test_a_compass_word_before_a_place_opens_its_name():
    found = entities("They went to the East Port Ellis station .", {"Port Ellis": "GPE"})
    assert "East Port Ellis" in found and found["East Port Ellis"].type == "Place"
    # after another capitalised word it is part of something else: "Far East Port Ellis" is left alone
    found = entities("They went to Far East Port Ellis .", {"Port Ellis": "GPE"})
    assert "Port Ellis" in found


def test_dotted_initials_name_the_same_place_as_the_words_they_stand_for():
    text = "They met in East Port Ellis . Later he walked into East P.E. station ."
    found = entities(text, [("East Port Ellis", "GPE"), ("East P.E.", "LOC")])
    assert list(found) == ["East Port Ellis"]
    assert found["East Port Ellis"].aliases and "East P.E." in found["East Port Ellis"].aliases
    # initials that fit no other place in the article stay a place of their own
    found = entities("He walked into East P.E. station .", {"East P.E.": "LOC"})
    assert "East P.E." in found


def test_a_hometown_read_as_an_organisation_is_a_place():
    found = entities("Mr. Vee , a Dunmore native , sent a sweater .", {"Vee": "PERSON", "Dunmore": "ORG"},
                     parse=[(1, "compound"), (7, "nsubj"), (1, "punct"), (5, "det"), (5, "compound"), (1, "appos"),
                            (1, "punct"), (7, "ROOT"), (9, "det"), (7, "dobj"), (7, "punct")])
    assert found["Dunmore"].type == "Place"
    # "Dan Hale , 30 , of Dunmore , went down": the age makes "of" where he is from
    text = "Dan Hale , 30 , of Dunmore , went down ."
    parse = [(1, "compound"), (8, "nsubj"), (1, "punct"), (1, "appos"), (1, "punct"), (1, "prep"), (5, "pobj"),
             (1, "punct"), (8, "ROOT"), (8, "prt"), (8, "punct")]
    found = entities(text, [("Dan Hale", "PERSON"), ("Dunmore", "ORG")], parse=parse)
    assert found["Dunmore"].type == "Place"
    # "Dan Hale of Dunmore": with no age it may be his employer; the model's reading stays
    parse = [(1, "compound"), (5, "nsubj"), (1, "prep"), (2, "pobj"), (5, "punct"), (5, "ROOT"), (5, "prt"),
             (5, "punct")]
    found = entities("Dan Hale of Dunmore , went down .", [("Dan Hale", "PERSON"), ("Dunmore", "ORG")], parse=parse)
    assert found["Dunmore"].type == "Organization"


def test_where_a_company_is_read_as_an_organisation_is_a_place():
    text = "The rig , leased from Brindle Co. of Dunmore , sank ."
    parse = [(1, "det"), (10, "nsubj"), (1, "punct"), (1, "acl"), (3, "prep"), (6, "compound"), (4, "pobj"),
             (6, "prep"), (7, "pobj"), (1, "punct"), (10, "ROOT"), (10, "punct")]
    found = entities(text, {"Brindle Co.": "ORG", "Dunmore": "ORG"}, parse=parse)
    assert found["Dunmore"].type == "Place" and found["Brindle Co."].type == "Organization"


def test_a_place_name_the_model_cut_short_goes_on():
    text = "Vaccines went to children in Ghana and Burkina Faso ."
    parse = [(1, "nsubj"), (1, "ROOT"), (1, "prep"), (2, "pobj"), (3, "prep"), (4, "pobj"), (5, "cc"),
             (8, "compound"), (5, "conj"), (1, "punct")]
    found = entities(text, {"Ghana": "GPE", "Burkina": "GPE"}, parse=parse)
    assert "Burkina Faso" in found and found["Burkina Faso"].type == "Place"
    # in a headline every word is capitalised: "U.S. Officials Say" stays "U.S."
    text = "Ghana Officials Say Talks Went Well"
    parse = [(1, "compound"), (2, "nsubj"), (2, "ROOT"), (4, "nsubj"), (2, "ccomp"), (4, "advmod")]
    found = entities(text, {"Ghana": "GPE"}, parse=parse, pos={"Officials": "PROPN"})
    assert "Ghana" in found


def test_a_country_and_a_sport_name_the_body_that_runs_it():
    found = entities("New Zealand Rugby said sales rose .", {"New Zealand Rugby": "GPE"})
    assert found["New Zealand Rugby"].type == "Organization"
    found = entities("Cricket Kenya said sales rose .", {"Cricket Kenya": "GPE"})
    assert found["Cricket Kenya"].type == "Organization"


def test_places_joined_by_hyphens_are_each_a_place():
    text = "The Karvala-Port Ellis cluster led . Karvala grew and Port Ellis shrank ."
    ents = [("Karvala-Port Ellis", "FAC"), ("Karvala", "GPE"), ("Port Ellis", "GPE")]
    found = entities(text, ents)
    assert "Karvala-Port Ellis" not in found and {"Karvala", "Port Ellis"} <= set(found)
    # a hyphenated name whose pieces are not places of their own stays one place
    found = entities("They flew to Karvala-Dunmore today .", {"Karvala-Dunmore": "GPE"})
    assert "Karvala-Dunmore" in found


def test_the_untagged_place_after_a_hyphen_is_a_place():
    # "the Karvala-Dunmore cluster", the hyphen written without spaces
    built = make_doc("It moved ahead of the Karvala - Dunmore cluster .", ents={"Karvala": "GPE"})
    hyphen = next(t.i for t in built if t.text == "-")
    doc = Doc(built.vocab, words=[t.text for t in built],
              spaces=[bool(t.whitespace_) and t.i not in (hyphen - 1, hyphen) for t in built],
              ents=["B-GPE" if t.ent_type_ else "O" for t in built], pos=[t.pos_ for t in built])
    assert doc.text.endswith("Karvala-Dunmore cluster.")
    found = {c.name: c for c in run(doc, "newsgraph_entities")._.ng_entities}
    assert found["Dunmore"].type == "Place" and found["Karvala"].type == "Place"


def test_wire_words_and_row_labels_are_not_names():
    found = entities("Trading opened at 1700 GMT and LIBOR rose .", {"GMT": "ORG", "LIBOR": "ORG"})
    assert found == {}
    found = entities("Oper shr 70 cts vs 50 cts .", {"Oper shr 70": "ORG"})
    assert found == {}
    # a company whose name starts with a market term keeps it
    found = entities("LNG Kitimat said output rose .", {"LNG Kitimat": "ORG"})
    assert found["LNG Kitimat"].type == "Organization"


def test_a_company_named_without_its_suffix_is_the_company_even_when_read_as_a_place():
    text = "Ivarco Inc said sales rose . Ivarco makes steel ."
    found = entities(text, [("Ivarco Inc", "ORG"), ("Ivarco", "GPE")])
    assert list(found) == ["Ivarco Inc"] and len(found["Ivarco Inc"].mentions) == 2


def test_a_court_named_for_its_district_is_an_organisation():
    text = "He sued in the Federal Court for the Northern District ."
    found = entities(text, {"Federal Court for the Northern District": "ORG"})
    assert found["Federal Court for the Northern District"].type == "Organization"
    found = entities("He lives in the Lake District .", {"Lake District": "ORG"})
    assert found["Lake District"].type == "Place"


def test_a_capitalised_small_word_after_a_given_name_is_the_surname():
    found = entities("Councillor Wilson Or was elected .", {"Wilson": "PERSON"})
    assert list(found) == ["Wilson Or"] and found["Wilson Or"].type == "Person"
    found = entities("It went to James To of the party .", {"James": "PERSON"})
    assert "James To" in found
    # a headline's capitalised words say nothing: "Baker To Visit Tokyo"
    found = entities("Baker To Visit Tokyo", {"Baker": "PERSON", "Tokyo": "GPE"})
    assert "Baker" in found and "Baker To" not in found


def test_a_name_listed_with_two_places_is_a_place_and_a_dateline_may_end_in_a_spaced_hyphen():
    # (indices: Staff 0, at 1, Leith 2, "," 3, Dundee 4, and 5, Montrose 6, airports 7, voted 8, "." 9)
    parse = [(8, "nsubj"), (0, "prep"), (7, "compound"), (2, "punct"), (2, "conj"), (4, "cc"), (4, "conj"),
             (1, "pobj"), (8, "ROOT"), (8, "punct")]
    found = entities("Staff at Leith , Dundee and Montrose airports voted .",
                     {"Leith": "GPE", "Dundee": "GPE", "Montrose": "ORG"}, parse=parse)
    assert found["Montrose"].type == "Place"
    # one other place is not a list: "Acme and Leith" may be two bodies' names
    found = entities("Staff at Leith , Dundee and Montrose airports voted .",
                     {"Leith": "ORG", "Dundee": "GPE", "Montrose": "ORG"}, parse=parse)
    assert found["Montrose"].type == "Organization"
    fact = find_dateline("KARVALA, Tarvia - Output rose.")
    assert (fact.place, fact.agency) == ("Karvala, Tarvia", None)
    assert find_dateline("UPDATE 2 - Output rose.") is None and find_dateline("Karvala, Tarvia - Output rose.") is None
