"""Entities, model-free: cleaning, acronyms, surnames and type correction."""

from docbuild import make_doc, run

import newsgraph.nlp.pipeline  # noqa: F401  (registers the components)
from newsgraph.nlp.entities import initials, normalise_name


def clusters(text, ents):
    doc = run(make_doc(text, ents=ents), "newsgraph_entities")
    return {c.name: c for c in doc._.ng_entities}


def test_leading_the_and_possessive_are_stripped():
    found = clusters("the World Intellectual Property Organization 's index grew .",
                     [("the World Intellectual Property Organization 's", "ORG")])
    assert list(found) == ["World Intellectual Property Organization"]
    mention = found["World Intellectual Property Organization"].mentions[0]
    assert mention.text == "World Intellectual Property Organization"


def test_acronym_defined_in_brackets_joins_its_long_form_and_takes_its_type():
    found = clusters("The Shenzhen Institute of Advanced Technology ( SIAT ) grew . SIAT hired .",
                     [("Shenzhen Institute of Advanced Technology", "ORG"), ("SIAT", "GPE"), ("SIAT", "GPE")])
    siat = found["Shenzhen Institute of Advanced Technology"]
    assert siat.type == "Organization"
    assert "SIAT" in siat.aliases
    assert len(siat.mentions) == 3
    assert len(found) == 1


def test_acronym_linked_by_initials():
    found = clusters("The World Intellectual Property Organization spoke . WIPO said more .",
                     [("World Intellectual Property Organization", "ORG"), ("WIPO", "ORG")])
    assert list(found) == ["World Intellectual Property Organization"]
    assert found["World Intellectual Property Organization"].aliases == ["WIPO"]


def test_abbreviation_of_a_common_noun_is_not_an_organisation():
    found = clusters("In the region intellectual property ( IP ) is a start . IP matters .",
                     [("IP", "ORG"), ("IP", "ORG")])
    assert found == {}


def test_surname_resolves_to_the_person_named_earlier():
    found = clusters("Daren Tang spoke . Tang added more .", [("Daren Tang", "PERSON"), ("Tang", "ORG")])
    assert list(found) == ["Daren Tang"]
    assert found["Daren Tang"].type == "Person"
    assert [m.text for m in found["Daren Tang"].mentions] == ["Daren Tang", "Tang"]


def test_treaties_and_indexes_are_other_not_organisations():
    found = clusters("The Patent Cooperation Treaty and the Global Innovation Index and the Acme Institute .",
                     [("Patent Cooperation Treaty", "ORG"), ("Global Innovation Index", "ORG"),
                      ("Acme Institute", "GPE")])
    assert found["Patent Cooperation Treaty"].type == "Other"
    assert found["Global Innovation Index"].type == "Other"
    assert found["Acme Institute"].type == "Organization"


def test_unnamed_public_body_after_a_place_is_an_organisation():
    found = clusters("Data from the Guangdong provincial market supervision administration showed growth .",
                     [("Guangdong", "GPE")])
    body = found["Guangdong provincial market supervision administration"]
    assert body.type == "Organization"


def test_name_helpers():
    assert normalise_name("the WHO's") == normalise_name("WHO")
    assert "WIPO" in initials("World Intellectual Property Organization")
    assert "SIAT" in initials("Shenzhen Institute of Advanced Technology")


def test_dateline_agency_in_brackets_is_not_an_acronym_of_the_place():
    found = clusters("MEXICO CITY ( AP ) -- Rain fell .", [("MEXICO CITY", "GPE"), ("AP", "ORG")])
    assert set(found) == {"Mexico City", "AP"}
    assert found["AP"].type == "Organization"


def test_dateline_place_and_agency_become_entities_when_the_model_missed_them():
    import spacy

    from newsgraph.nlp.dateline import dateline_component
    from newsgraph.nlp.facts import register_extensions

    register_extensions()
    doc = spacy.blank("en")("BANGKOK, Thailand (AP) -- The army said nothing.")
    doc = dateline_component(doc)
    doc = run(doc, "newsgraph_entities")
    found = {c.name: c.type for c in doc._.ng_entities}
    assert found["AP"] == "Organization"
    assert found["Bangkok"] == found["Thailand"] == "Place"


def test_bracketed_acronym_the_model_did_not_tag_becomes_an_alias():
    found = clusters("The World Intellectual Property Organization ( WIPO ) grew .",
                     [("World Intellectual Property Organization", "ORG")])
    assert list(found) == ["World Intellectual Property Organization"]
    assert "WIPO" in found["World Intellectual Property Organization"].aliases


def test_lowercase_phrase_is_not_an_organisation():
    assert clusters("He ran a disco club in Ohio .", [("disco club", "ORG"), ("Ohio", "GPE")]).keys() == {"Ohio"}


def test_scoreline_numbers_and_compass_words_are_not_names():
    found = clusters("Belgium 3 beat them . The North fired .", [("Belgium 3", "GPE"), ("North", "GPE")])
    assert list(found) == ["Belgium"]


def test_country_before_a_public_body_is_one_name():
    found = clusters("The US State Department said so .", [("US", "GPE"), ("State Department", "ORG")])
    assert list(found) == ["US State Department"]
    assert found["US State Department"].type == "Organization"


def test_organisation_for_something_is_one_name():
    found = clusters("The Andy Warhol Foundation for the Visual Arts paid .",
                     [("Andy Warhol Foundation", "ORG"), ("Visual Arts", "ORG")])
    assert list(found) == ["Andy Warhol Foundation for the Visual Arts"]


def test_countries_that_play_a_match_are_teams():
    text = "Sweden beat Panama 1 – 0 . Panama coach Jane Roe said so ."
    parse = [(1, "nsubj"), (1, "ROOT"), (1, "dobj"), (2, "nummod"), (3, "punct"), (3, "nummod"), (1, "punct"),
             (8, "compound"), (10, "compound"), (10, "compound"), (11, "nsubj"), (11, "ROOT"), (11, "advmod"),
             (11, "punct")]
    doc = run(make_doc(text, ents=[("Sweden", "GPE"), ("Panama", "GPE"), ("Panama", "GPE"), ("Jane Roe", "PERSON")],
                       parse=parse, lemmas={"beat": "beat"}), "newsgraph_entities")
    types = {c.name: c.type for c in doc._.ng_entities}
    assert types == {"Sweden": "Organization", "Panama": "Organization", "Jane Roe": "Person"}


def test_a_country_without_a_match_stays_a_place():
    doc = run(make_doc("Sweden beat expectations in 2020 .", ents={"Sweden": "GPE"}), "newsgraph_entities")
    assert [c.type for c in doc._.ng_entities] == ["Place"]


def test_named_sites_are_places():
    found = clusters("They met at the Volgograd Arena .", [("Volgograd Arena", "ORG")])
    assert found["Volgograd Arena"].type == "Place"


def test_description_after_a_name_is_dropped():
    found = clusters("Yonhap news agency reported it .", [("Yonhap news agency", "ORG")])
    assert list(found) == ["Yonhap"]


def test_a_word_shared_by_two_people_is_still_a_person():
    found = clusters("Ahmed Mohamed met Hassan Mohamed . Mohamed smiled .",
                     [("Ahmed Mohamed", "PERSON"), ("Hassan Mohamed", "PERSON"), ("Mohamed", "ORG")])
    assert {c.type for c in found.values()} == {"Person"} and len(found) == 2


def test_last_word_of_an_organisation_of_something_is_that_organisation():
    found = clusters("The Church of Scientology sued . Scientology won .",
                     [("Church of Scientology", "ORG"), ("Scientology", "ORG")])
    assert list(found) == ["Church of Scientology"] and len(found["Church of Scientology"].mentions) == 2


def test_full_name_read_as_a_place_joins_the_person_its_surname_names():
    found = clusters("Romelu Lukaku scored . Lukaku smiled .", [("Romelu Lukaku", "GPE"), ("Lukaku", "PERSON")])
    assert list(found) == ["Romelu Lukaku"]
    assert found["Romelu Lukaku"].type == "Person" and len(found["Romelu Lukaku"].mentions) == 2


def test_society_of_a_country_is_one_name_and_numerals_are_not_names():
    found = clusters("The Comic Corps of Canada met in Part XVII .",
                     [("Comic Corps", "ORG"), ("Canada", "GPE"), ("XVII", "ORG")])
    assert list(found) == ["Comic Corps of Canada"]


def test_university_campus_is_part_of_its_name_and_plural_demonyms_are_not_organisations():
    found = clusters("The University of Texas Arlington and the University of Ohio at Lima met . Belgians cheered .",
                     [("University of Texas", "ORG"), ("Arlington", "GPE"), ("University of Ohio", "ORG"),
                      ("Lima", "GPE"), ("Belgians", "ORG")])
    assert sorted(found) == ["University of Ohio at Lima", "University of Texas Arlington"]


def test_shortened_organisation_name_joins_the_full_one():
    found = clusters("The Acme Foundation for the Arts paid . The Acme Foundation said so .",
                     [("Acme Foundation for the Arts", "ORG"), ("Acme Foundation", "ORG")])
    assert list(found) == ["Acme Foundation for the Arts"] and len(found["Acme Foundation for the Arts"].mentions) == 2


def test_nationality_before_a_newspaper_is_its_name():
    found = clusters("He edits the Saudi Gazette now .", [("Saudi", "NORP"), ("Gazette", "GPE")])
    assert list(found) == ["Saudi Gazette"] and found["Saudi Gazette"].type == "Organization"


def test_sheriffs_office_and_its_abbreviated_form_are_one_organisation():
    found = clusters("The Los Angeles Sheriff 's office said so . The LA Sheriff 's office agreed .",
                     [("Los Angeles Sheriff", "ORG"), ("LA Sheriff", "ORG")])
    assert list(found) == ["Los Angeles Sheriff's office"]
    assert "LA Sheriff's office" in found["Los Angeles Sheriff's office"].aliases


def test_a_name_ending_in_a_facility_word_is_a_site_even_when_read_as_a_person_or_event():
    found = clusters("Staff at Lotus Park Hall Station help . He went to the Bay View Towers .",
                     [("Lotus Park Hall Station", "PERSON"), ("Bay View Towers", "EVENT")])
    assert found["Lotus Park Hall Station"].type == "Place" and found["Bay View Towers"].type == "Place"


def test_untagged_capitalised_words_before_a_facility_word_are_a_site():
    found = clusters("Walk from Linden Station or see the Port Ruel Stadium . Station staff help .", [])
    assert sorted(found) == ["Linden Station", "Port Ruel Stadium"]
    assert {c.type for c in found.values()} == {"Place"}


def test_town_of_x_and_x_county_are_places_not_organisations():
    found = clusters("Shells hit the town of Varnow and Belcourt county .", [("Varnow", "ORG"), ("Belcourt", "ORG")])
    assert found["Varnow"].type == "Place" and found["Belcourt"].type == "Place"


def test_compass_word_after_a_place_is_part_of_its_name():
    found = clusters("In the Lanford West constituency , votes rose .", [("Lanford", "GPE")])
    assert list(found) == ["Lanford West"] and found["Lanford West"].type == "Place"


def test_portfolio_name_before_a_body_word_is_one_body():
    found = clusters("The Ruritania Tourism board paid .", [("Ruritania Tourism", "ORG")])
    assert list(found) == ["Ruritania Tourism board"] and found["Ruritania Tourism board"].type == "Organization"


def test_museums_and_galleries_are_organisations_and_a_museum_at_a_university_is_two():
    found = clusters("See the Orr Museum of Art at Dunmore University and the Pell Teaching Museum and Art Gallery .",
                     [("Orr Museum of Art at Dunmore University", "FAC"),
                      ("Pell Teaching Museum and Art Gallery", "FAC")])
    assert sorted(found) == ["Dunmore University", "Orr Museum of Art", "Pell Teaching Museum and Art Gallery"]
    assert {c.type for c in found.values()} == {"Organization"}


def test_elite_group_called_an_org_is_an_organisation():
    found = clusters("He left the Star Org last year .", [("Star Org", "LOC")])
    assert found["Star Org"].type == "Organization"


def test_a_name_in_apposition_to_a_person_noun_or_born_is_a_person_and_so_is_its_surname():
    text = "Lena Vorst , an Irish woman , sued . Vorst was born in Cork ."
    parse = [(1, "compound"), (7, "nsubj"), (1, "punct"), (5, "det"), (5, "amod"), (1, "appos"), (1, "punct"),
             (7, "ROOT"), (7, "punct"), (11, "nsubjpass"), (11, "auxpass"), (11, "ROOT"), (11, "prep"),
             (12, "pobj"), (11, "punct")]
    doc = run(make_doc(text, ents=[("Lena Vorst", "ORG"), ("Vorst", "GPE"), ("Cork", "GPE")], parse=parse,
                       lemmas={"born": "bear"}), "newsgraph_entities")
    found = {c.name: c for c in doc._.ng_entities}
    assert sorted(found) == ["Cork", "Lena Vorst"]
    assert found["Lena Vorst"].type == "Person" and len(found["Lena Vorst"].mentions) == 2
    assert found["Cork"].type == "Place"


def test_a_name_listed_with_people_is_a_person_but_a_city_is_not():
    text = "Ada Kell , Bo Lind and Cy Moro scored ."
    parse = [(1, "compound"), (8, "nsubj"), (1, "punct"), (4, "compound"), (1, "conj"), (4, "cc"),
             (7, "compound"), (4, "conj"), (8, "ROOT"), (8, "punct")]
    for label, expected in (("FAC", "Person"), ("GPE", "Place")):
        doc = run(make_doc(text, ents=[("Ada Kell", "PERSON"), ("Bo Lind", "PERSON"), ("Cy Moro", label)],
                           parse=parse), "newsgraph_entities")
        assert {c.name: c.type for c in doc._.ng_entities}["Cy Moro"] == expected


def test_a_name_with_kin_is_a_person():
    found = clusters("Rue Dalton 's father spoke .", [("Rue Dalton", "LOC")])
    assert found["Rue Dalton"].type == "Person"


def test_short_forms_join_the_full_name_when_the_article_gives_it():
    found = clusters("The United States and the US agreed . America won .",
                     [("United States", "GPE"), ("US", "GPE"), ("America", "GPE")])
    assert list(found) == ["United States"] and {"US", "America"} <= set(found["United States"].aliases)
    alone = clusters("The US agreed .", [("US", "GPE")])
    assert list(alone) == ["US"]


def test_the_noun_an_organisation_was_called_by_points_back_to_it():
    from newsgraph.nlp.facts import resolve_organization
    text = "Lee left the Acme organization and the Star Org . The Star Org works for the organization ."
    doc = run(make_doc(text, ents=[("Acme", "ORG"), ("Star Org", "ORG"), ("Star Org", "ORG")]),
              "newsgraph_entities")
    index = len(text.split()) - 2
    assert doc[index].text == "organization"
    assert resolve_organization(doc, index).name == "Acme"


def test_a_player_with_an_assist_or_replaced_by_a_person_is_a_person():
    found = clusters("It came from Eli Brand 's assist .", [("Eli Brand", "FAC")])
    assert found["Eli Brand"].type == "Person"
    text = "Ana Roth replaced Tom Vale ."
    parse = [(1, "compound"), (2, "nsubj"), (2, "ROOT"), (4, "compound"), (2, "dobj"), (2, "punct")]
    doc = run(make_doc(text, ents=[("Ana Roth", "PERSON"), ("Tom Vale", "ORG")], parse=parse,
                       lemmas={"replaced": "replace"}), "newsgraph_entities")
    assert {c.name: c.type for c in doc._.ng_entities} == {"Ana Roth": "Person", "Tom Vale": "Person"}
    country = clusters("It came from South Ruria 's assist .", [("South Ruria", "GPE")])
    assert country["South Ruria"].type == "Place"


def test_a_school_district_is_an_organisation():
    found = clusters("The Lorne Independent School District said so .", [("Lorne Independent School District", "ORG")])
    assert found["Lorne Independent School District"].type == "Organization"


def test_a_building_named_as_a_destination_is_a_place_but_as_an_actor_an_organisation():
    found = clusters("Bring it to the Blue House .", [("Blue House", "ORG")])
    assert found["Blue House"].type == "Place"
    found = clusters("The Blue House said no .", [("Blue House", "ORG")])
    assert found["Blue House"].type == "Organization"


def test_a_bracketed_gloss_of_a_site_names_the_site_before_it():
    found = clusters("A hotel near the Masjid Nur ( Great Mosque ) fell .", [])
    assert list(found) == ["Masjid Nur"] and found["Masjid Nur"].type == "Place"


def test_hashtags_roman_numerals_and_a_name_before_the_are_not_organisations():
    found = clusters("The tag # StandWithLee spread , part XVII said . According to Lee the Acme property sold .",
                     [("StandWithLee", "ORG"), ("Lee the Acme", "ORG")])
    assert list(found) == ["Acme"]


def test_words_before_a_society_of_something_are_its_name():
    found = clusters("Groups came , Star Rovers Society of Canada and others .", [("Society of Canada", "ORG")])
    assert list(found) == ["Star Rovers Society of Canada"]


def test_other_names_of_korea_join_the_name_the_article_uses():
    found = clusters("North Korea fired . The DPRK said so .", [("North Korea", "GPE"), ("DPRK", "ORG")])
    assert list(found) == ["North Korea"] and "DPRK" in found["North Korea"].aliases


def test_a_person_whose_surname_is_a_building_word_stays_a_person():
    found = clusters("Board chairman John Tower spoke .", [("John Tower", "PERSON")])
    assert found["John Tower"].type == "Person"


def test_names_given_as_examples_of_gods_or_religions_are_not_organisations_or_places():
    text = "They worship gods such as Zorn , Vela and Ida ."
    parse = [(1, "nsubj"), (1, "ROOT"), (1, "dobj"), (4, "amod"), (2, "prep"), (4, "pobj"), (5, "punct"),
             (5, "conj"), (7, "cc"), (7, "conj"), (1, "punct")]
    doc = run(make_doc(text, ents=[("Zorn", "GPE"), ("Vela", "ORG"), ("Ida", "GPE")], parse=parse),
              "newsgraph_entities")
    assert doc._.ng_entities == []
    text = "They visit cities such as Zorn ."
    parse = [(1, "nsubj"), (1, "ROOT"), (1, "dobj"), (4, "amod"), (2, "prep"), (4, "pobj"), (1, "punct")]
    doc = run(make_doc(text, ents=[("Zorn", "GPE")], parse=parse), "newsgraph_entities")
    assert [c.name for c in doc._.ng_entities] == ["Zorn"]


def test_a_paper_read_as_a_law_is_an_organisation_and_a_tournament_group_is_nothing():
    found = clusters("So says the Perth Morning Herald . Group G ended .",
                     [("Perth Morning Herald", "LAW"), ("Group G", "ORG")])
    assert list(found) == ["Perth Morning Herald"] and found["Perth Morning Herald"].type == "Organization"


def test_a_family_named_by_its_plural_surname_is_not_an_organisation():
    found = clusters("Tom Okoro and Ada Okoro came . The Okoros left .",
                     [("Tom Okoro", "PERSON"), ("Ada Okoro", "PERSON"), ("Okoros", "PERSON")])
    assert sorted(found) == ["Ada Okoro", "Tom Okoro"]


def test_untagged_capitalised_words_before_an_organisation_word_are_a_body():
    found = clusters("She joined the Star Org aged 14 and later the Arden Foundation .", [])
    assert sorted(found) == ["Arden Foundation", "Star Org"]
    assert {c.type for c in found.values()} == {"Organization"}


def test_a_name_the_model_read_into_an_organisation_after_a_title_of_it_is_a_person():
    text = "Director of the Council on Ruritanian Relations Ada Kell said so ."
    doc = run(make_doc(text, ents=[("Council on Ruritanian Relations Ada Kell", "ORG")], pos={"said": "VERB"}),
              "newsgraph_entities")
    found = {c.name: c.type for c in doc._.ng_entities}
    assert found == {"Council on Ruritanian Relations": "Organization", "Ada Kell": "Person"}
    doc = run(make_doc("The Council on Ruritanian Relations Ada Kell said so .",
                       ents=[("Council on Ruritanian Relations Ada Kell", "ORG")], pos={"said": "VERB"}),
              "newsgraph_entities")
    assert [c.name for c in doc._.ng_entities] == ["Council on Ruritanian Relations Ada Kell"]


def test_an_event_named_with_its_place_or_year_is_not_an_organisation():
    found = clusters("Fans came to Comic Expo Ruritania and the Lakes Festival 2019 , run by Expo Holdings Group .",
                     [("Comic Expo Ruritania", "ORG"), ("Lakes Festival 2019", "ORG"), ("Expo Holdings Group", "ORG")])
    assert found["Comic Expo Ruritania"].type == "Other" and found["Lakes Festival 2019"].type == "Other"
    assert found["Expo Holdings Group"].type == "Organization"


def test_named_factories_bases_and_refineries_are_places():
    found = clusters("They met at the Orr Factory near Lanham Air Base .", [("Orr Factory", "ORG"), ("Lanham Air Base", "ORG")])
    assert found["Orr Factory"].type == "Place" and found["Lanham Air Base"].type == "Place"
