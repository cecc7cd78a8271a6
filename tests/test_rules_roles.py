"""Roles, model-free: hand-built Docs with entities and part-of-speech tags."""

import pytest

import newsgraph.nlp.pipeline  # noqa: F401  (registers the components)
from docbuild import make_doc, run


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
