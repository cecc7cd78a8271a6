"""Roles, model-free: titles before a name that read real news needed ("His lawyer, X", "union
president X" after the union was named, "chairman, president and chief executive X", "Acting Homeland
Security Secretary X"). The sentences are the project's own."""

from docbuild import make_doc, run

import newsgraph.nlp.pipeline  # noqa: F401  (registers the components)


def roles_of(text, ents, pos=None):
    doc = run(make_doc(text, ents=ents, pos=pos), "newsgraph_entities", "newsgraph_roles")
    return sorted((r.person.name, r.role, r.organization.name if r.organization else None, r.qualifier)
                  for r in doc._.ng_roles)


def test_his_lawyer_before_a_name_in_commas_is_a_role():
    assert roles_of("Jo Roe was jailed . His lawyer , Bo Lee , spoke .", {"Jo Roe": "PERSON", "Bo Lee": "PERSON"}) == [
        ("Bo Lee", "lawyer", None, None)]
    assert roles_of("Jo Roe was jailed . His wife , Bo Lee , spoke .", {"Jo Roe": "PERSON", "Bo Lee": "PERSON"}) == []


def test_a_body_noun_before_the_title_is_the_body_named_before():
    ents = [("Ostra Pilots Union", "ORG"), ("Bo Lee", "PERSON")]
    assert roles_of("The Ostra Pilots Union struck . union president Bo Lee spoke .", ents) == [
        ("Bo Lee", "president", "Ostra Pilots Union", None)]
    # no union named before: the words stay the title
    assert roles_of("Prices rose . union president Bo Lee spoke .", {"Bo Lee": "PERSON"}) == [
        ("Bo Lee", "union president", None, None)]


def test_a_list_of_titles_before_a_name_gives_each_title():
    ents = {"Acme Corp": "ORG", "Bo Lee": "PERSON"}
    assert roles_of("Acme Corp chairman , president and chief executive Bo Lee spoke .", ents) == [
        ("Bo Lee", "chairman", "Acme Corp", None), ("Bo Lee", "chief executive", "Acme Corp", None),
        ("Bo Lee", "president", "Acme Corp", None)]


def test_a_portfolio_of_two_words_stays_in_the_title_with_its_qualifier():
    pos = {"Acting": "PROPN", "Homeland": "PROPN", "Security": "PROPN", "Secretary": "PROPN"}
    assert roles_of("Acting Homeland Security Secretary Bo Lee spoke .", {"Bo Lee": "PERSON"}, pos) == [
        ("Bo Lee", "homeland security secretary", None, "acting")]
