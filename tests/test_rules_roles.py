"""Roles, model-free: hand-built Docs with entities and part-of-speech tags."""

import pytest
from docbuild import make_doc, run

import newsgraph.nlp.pipeline  # noqa: F401  (registers the components)


def roles_of(text, ents, pos=None):
    doc = run(make_doc(text, ents=ents, pos=pos), "newsgraph_entities", "newsgraph_roles")
    return sorted((r.person.name, r.role, r.organization.name if r.organization else None) for r in doc._.ng_roles)


@pytest.mark.parametrize("text, ents, expected", [
    ("Daren Tang , director general of WIPO , said so .",
     {"Daren Tang": "PERSON", "WIPO": "ORG"}, ("Daren Tang", "director general", "WIPO")),
    ("WIPO director general Daren Tang said so .",
     {"WIPO": "ORG", "Daren Tang": "PERSON"}, ("Daren Tang", "director general", "WIPO")),
    ("WIPO 's director general , Daren Tang , said so .",
     {"WIPO": "ORG", "Daren Tang": "PERSON"}, ("Daren Tang", "director general", "WIPO")),
    ("Liu Chenli , president of SIAT , agreed .",
     {"Liu Chenli": "PERSON", "SIAT": "ORG"}, ("Liu Chenli", "president", "SIAT")),
    ("Ding Li , an economics researcher at the Guangdong Academy of Social Sciences , said so .",
     {"Ding Li": "PERSON", "Guangdong Academy of Social Sciences": "ORG"},
     ("Ding Li", "economics researcher", "Guangdong Academy of Social Sciences")),
    ("Acme chief executive Jane Roe resigned .",
     {"Acme": "ORG", "Jane Roe": "PERSON"}, ("Jane Roe", "chief executive", "Acme")),
    ("Jane Roe , Acme 's chief executive , resigned .",
     {"Acme": "ORG", "Jane Roe": "PERSON"}, ("Jane Roe", "chief executive", "Acme")),
    ("Senator Jane Roe objected .",
     {"Jane Roe": "PERSON"}, ("Jane Roe", "senator", None)),
    ("Senate Minority Leader Jane Roe voted .",
     {"Senate": "ORG", "Jane Roe": "PERSON"}, ("Jane Roe", "minority leader", "Senate")),
    ("Jane Roe , 54 , a construction worker from Ohio , said so .",
     {"Jane Roe": "PERSON", "Ohio": "GPE"}, ("Jane Roe", "construction worker", None)),
])
def test_role_forms(text, ents, expected):
    assert roles_of(text, ents) == [expected]


def test_role_to_unnamed_public_body():
    text = "Zhang Lin , head of Shenzhen 's science and technology innovation bureau , said so ."
    doc = make_doc(text, ents={"Zhang Lin": "PERSON", "Shenzhen": "GPE"})
    doc = run(doc, "newsgraph_entities", "newsgraph_roles")
    (role,) = doc._.ng_roles
    assert (role.person.name, role.role) == ("Zhang Lin", "head")
    assert role.organization.name == "Shenzhen's science and technology innovation bureau"
    assert "science and technology innovation bureau of Shenzhen" in role.organization.aliases


def test_a_list_of_names_is_not_a_role():
    assert roles_of("Jane Roe , John Doe and Mary Major arrived .",
                    {"Jane Roe": "PERSON", "John Doe": "PERSON", "Mary Major": "PERSON"}) == []


def test_surname_mentions_share_the_role_holder():
    doc = run(make_doc("Daren Tang , director general of WIPO , spoke . Tang added more .",
                       ents={"Daren Tang": "PERSON", "WIPO": "ORG", "Tang": "PERSON"}),
              "newsgraph_entities", "newsgraph_roles")
    (tang,) = [c for c in doc._.ng_entities if c.type == "Person"]
    assert len(tang.mentions) == 2
    assert [r.person for r in doc._.ng_roles] == [tang]


def test_role_from_a_relative_clause_verb():
    text = "Jane Roe , who heads Acme , declined ."
    parse = [(1, "compound"), (7, "nsubj"), (1, "punct"), (4, "nsubj"), (1, "relcl"), (4, "dobj"),
             (1, "punct"), (7, "ROOT"), (7, "punct")]
    doc = make_doc(text, ents={"Jane Roe": "PERSON", "Acme": "ORG"}, parse=parse,
                   pos={"heads": "VERB", "declined": "VERB", "who": "PRON"}, lemmas={"heads": "head"})
    doc = run(doc, "newsgraph_entities", "newsgraph_roles")
    assert [(r.person.name, r.role, r.organization.name) for r in doc._.ng_roles] == [("Jane Roe", "head", "Acme")]


def role_facts(text, ents, **kwargs):
    doc = run(make_doc(text, ents=ents, **kwargs), "newsgraph_entities", "newsgraph_roles")
    return doc, sorted((r.person.name, r.role, r.organization.name if r.organization else None,
                         r.jurisdiction.name if r.jurisdiction else None, r.qualifier) for r in doc._.ng_roles)


def test_a_place_in_a_title_is_a_jurisdiction_not_an_organisation():
    _, found = role_facts("Ruritania President Ann Lee spoke .", {"Ruritania": "GPE", "Ann Lee": "PERSON"})
    assert found == [("Ann Lee", "president", None, "Ruritania", None)]


def test_governor_of_a_place_is_a_jurisdiction():
    _, found = role_facts("Ann Lee , governor of Ohio , spoke .", {"Ann Lee": "PERSON", "Ohio": "GPE"})
    assert found == [("Ann Lee", "governor", None, "Ohio", None)]


@pytest.mark.parametrize("text, qualifier, role", [
    ("former President Ann Lee spoke .", "former", "president"),
    ("acting director Ann Lee spoke .", "acting", "director"),
    ("then - President Ann Lee spoke .", "then", "president"),
])
def test_former_acting_then_are_qualifiers(text, qualifier, role):
    _, found = role_facts(text, {"Ann Lee": "PERSON"})
    assert [(r[1], r[4]) for r in found] == [(role, qualifier)]


@pytest.mark.parametrize("text, role", [
    ("Secretary of State Ann Lee spoke .", "secretary of state"),
    ("Ann Lee , deputy assistant secretary for trade policy , spoke .", "deputy assistant secretary for trade policy"),
    ("Ann Lee , editor at large , spoke .", "editor at large"),
])
def test_titles_keep_their_complement(text, role):
    _, found = role_facts(text, {"Ann Lee": "PERSON"})
    assert [r[1] for r in found] == [role]


def test_portfolio_word_the_model_tagged_as_an_organisation_is_part_of_the_title():
    doc, found = role_facts("Defense Secretary Ann Lee spoke .", {"Defense": "ORG", "Ann Lee": "PERSON"})
    assert found == [("Ann Lee", "defense secretary", None, None, None)]
    assert [c.type for c in doc._.ng_entities] == ["Person"]


def test_its_points_back_to_the_organisation_of_the_sentence_before():
    _, found = role_facts("WIPO said so . Its director general , Daren Tang , agreed .",
                          {"WIPO": "ORG", "Daren Tang": "PERSON"})
    assert found == [("Daren Tang", "director general", "WIPO", None, None)]


def test_its_with_two_organisations_before_is_left_alone():
    _, found = role_facts("WIPO and Acme said so . Its director general , Daren Tang , agreed .",
                          {"WIPO": "ORG", "Acme": "ORG", "Daren Tang": "PERSON"})
    assert found == []


def test_the_company_points_back_to_the_named_organisation():
    _, found = role_facts("Acme Corp grew . Jane Roe , chief executive of the company , said so .",
                          {"Acme Corp": "ORG", "Jane Roe": "PERSON"})
    assert found == [("Jane Roe", "chief executive", "Acme Corp", None, None)]


def test_coordinated_titles_are_two_roles():
    _, found = role_facts("Jane Roe , chief financial officer and treasurer of Acme , resigned .",
                          {"Jane Roe": "PERSON", "Acme": "ORG"})
    assert [r[1:3] for r in found] == [("chief financial officer", "Acme"), ("treasurer", "Acme")]


def test_a_nationality_is_not_part_of_the_title():
    _, found = role_facts("Jane Roe , an American actress , arrived .", {"Jane Roe": "PERSON", "American": "NORP"})
    assert [r[1] for r in found] == ["actress"]


def test_apposition_without_commas_needs_an_organisation():
    _, found = role_facts("Jane Roe chief executive of Acme resigned .", {"Jane Roe": "PERSON", "Acme": "ORG"})
    assert [r[:3] for r in found] == [("Jane Roe", "chief executive", "Acme")]
    _, found = role_facts("Jane Roe manager arrived .", {"Jane Roe": "PERSON"})
    assert found == []


def test_postnominal_title():
    _, found = role_facts("Mark Tedeschi QC said so .", {"Mark Tedeschi": "PERSON"})
    assert [r[1] for r in found] == ["qc"]


def test_secretary_of_state_is_a_title_not_an_organisation():
    doc, _found = role_facts("Ann Lee , the Secretary of State , spoke .", {"Ann Lee": "PERSON", "State": "ORG"})
    assert [c.name for c in doc._.ng_entities] == ["Ann Lee"]


def test_untagged_company_before_a_corporate_title_is_the_organisation():
    _doc, found = role_facts("Stratfor CEO George Friedman replied .", {"George Friedman": "PERSON"},
                            pos={"Stratfor": "PROPN", "CEO": "NOUN"})
    assert found == [("George Friedman", "ceo", "Stratfor", None, None)]


def test_co_founder_keeps_its_hyphen():
    _, found = role_facts("Acme co - founder Jane Roe spoke .", {"Acme": "ORG", "Jane Roe": "PERSON"})
    assert [r[1:3] for r in found] == [("co-founder", "Acme")]


def test_title_of_a_named_place_before_the_name():
    _, found = role_facts("President of Ruritania Ann Lee spoke .", {"Ruritania": "GPE", "Ann Lee": "PERSON"})
    assert found == [("Ann Lee", "president", None, "Ruritania", None)]


def test_then_title_after_the_name_without_commas():
    _, found = role_facts("Ann Lee then Minister of the Interior spoke .", {"Ann Lee": "PERSON"},
                          pos={"Interior": "PROPN", "spoke": "VERB"})
    assert found == [("Ann Lee", "minister of the interior", None, None, "then")]


def test_chief_alone_is_a_title():
    _, found = role_facts("Jane Roe , chief of Acme , spoke .", {"Jane Roe": "PERSON", "Acme": "ORG"})
    assert [r[1:3] for r in found] == [("chief", "Acme")]


def test_unit_in_plain_words_then_its_organisation():
    _, found = role_facts("Jane Roe , director of the light research program at Acme University , spoke .",
                          {"Jane Roe": "PERSON", "Acme University": "ORG"},
                          pos={"light": "ADJ", "spoke": "VERB", "at": "ADP", "of": "ADP", "the": "DET"})
    assert [r[1:3] for r in found] == [("director", "Acme University")]


def test_founded_by_gives_the_founder_role():
    text = "Acme was founded by Jane Roe ."
    parse = [(2, "nsubjpass"), (2, "auxpass"), (2, "ROOT"), (2, "agent"), (5, "compound"), (3, "pobj"), (2, "punct")]
    doc = make_doc(text, ents={"Acme": "ORG", "Jane Roe": "PERSON"}, parse=parse,
                   pos={"founded": "VERB", "was": "AUX", "by": "ADP"}, lemmas={"founded": "found"})
    doc = run(doc, "newsgraph_entities", "newsgraph_roles")
    assert [(r.person.name, r.role, r.organization.name) for r in doc._.ng_roles] == [("Jane Roe", "founder", "Acme")]


def test_title_before_and_role_after_the_name_are_both_kept():
    _, found = role_facts("Major General Ann Lee , spokesman for Acme , said so .",
                          {"Ann Lee": "PERSON", "Acme": "ORG"})
    assert [r[1:3] for r in found] == [("major general", None), ("spokesman", "Acme")]


def test_hyphenated_group_descriptor_is_not_part_of_the_title():
    _, found = role_facts("pan - democracy camp councillor Ann Lee spoke .", {"Ann Lee": "PERSON"},
                          pos={"spoke": "VERB", "-": "PUNCT"})
    assert [r[1] for r in found] == ["councillor"]


def test_kinship_is_not_a_role():
    _, found = role_facts("Jane Roe , father of Ann Lee , spoke .", {"Jane Roe": "PERSON", "Ann Lee": "PERSON"},
                          pos={"spoke": "VERB"})
    assert found == []


def test_a_company_title_makes_a_mistyped_place_an_organisation():
    _doc, found = role_facts("Jane Roe , CEO of Acme , spoke .", {"Jane Roe": "PERSON", "Acme": "GPE"},
                            pos={"spoke": "VERB"})
    assert found == [("Jane Roe", "ceo", "Acme", None, None)]
    _, found = role_facts("Jane Roe , governor of Ohio , spoke .", {"Jane Roe": "PERSON", "Ohio": "GPE"},
                          pos={"spoke": "VERB"})
    assert found == [("Jane Roe", "governor", None, "Ohio", None)]


def test_second_title_joined_by_and_after_the_name():
    _, found = role_facts("Ann Lee , assistant professor of photography and curator of the show , spoke .",
                          {"Ann Lee": "PERSON"}, pos={"spoke": "VERB", "of": "ADP", "and": "CCONJ", "the": "DET"})
    assert sorted(r[1] for r in found) == ["assistant professor of photography", "curator"]


def test_postnominal_after_a_comma_and_a_language_in_a_title():
    _, found = role_facts("Tom Molomby , SC , said so .", {"Tom Molomby": "PERSON"})
    assert [r[1] for r in found] == ["sc"]
    _, found = role_facts("Ann Lee , instructor in English , spoke .", {"Ann Lee": "PERSON", "English": "LANGUAGE"},
                          pos={"spoke": "VERB", "in": "ADP"})
    assert [r[1] for r in found] == ["instructor in english"]
