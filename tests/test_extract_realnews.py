"""With the real model: identity within an article and titles, on sentences shaped like real news.

The sentences are the project's own (issue 15's examples), not copied from any article.
"""

import pytest

import newsgraph

pytestmark = pytest.mark.model


def entity_named(result, name):
    found = [e for e in result.entities if e.name == name or name in e.aliases]
    assert found, f"no entity {name!r} in {[e.name for e in result.entities]}"
    return found[0]


def role_rows(result):
    def name(entity_id):
        entity = result.entity(entity_id)
        return entity.name if entity else None
    return [(name(r.person), r.role, name(r.organization), name(r.jurisdiction), r.qualifier) for r in result.roles]


WIPO = ("WIPO said on Monday that patent filings rose 4 percent last year. "
        "Its director general, Daren Tang, said the growth was broad. "
        "Tang told reporters that Shenzhen led.")


def test_standalone_acronym_is_an_organisation_and_its_points_back_to_it():
    result = newsgraph.extract(WIPO)
    assert entity_named(result, "WIPO").type == "Organization"
    assert ("Daren Tang", "director general", "WIPO", None, None) in role_rows(result)


def test_surname_is_the_person_named_earlier():
    result = newsgraph.extract(WIPO)
    people = [e for e in result.entities if e.type == "Person"]
    assert [p.name for p in people] == ["Daren Tang"]
    assert "Tang" in people[0].aliases and len(people[0].mentions) == 2


def test_bracketed_acronym_is_an_alias():
    result = newsgraph.extract("The World Intellectual Property Organization (WIPO) published its ranking.")
    organisation = entity_named(result, "World Intellectual Property Organization")
    assert organisation.type == "Organization" and "WIPO" in organisation.aliases
    assert [e.name for e in result.entities if e.type == "Organization"] == ["World Intellectual Property Organization"]


def test_portfolio_title_is_a_role_not_an_organisation():
    result = newsgraph.extract("Defense Secretary Ann Lee visited the base on Monday.")
    assert role_rows(result) == [("Ann Lee", "defense secretary", None, None, None)]
    assert not [e for e in result.entities if e.type == "Organization"]


@pytest.mark.parametrize("text, person, role", [
    ("Shadow Home Secretary Yvette Marsh criticised the plan on Tuesday.", "Yvette Marsh", "shadow home secretary"),
    ("Foreign Affairs Minister Tom Okafor arrived in Lagos.", "Tom Okafor", "foreign affairs minister"),
    ("Ruth Adebayo, deputy assistant secretary for trade policy, spoke on Monday.", "Ruth Adebayo",
     "deputy assistant secretary for trade policy"),
])
def test_titles_keep_their_full_wording(text, person, role):
    result = newsgraph.extract(text)
    assert (person, role) in [(row[0], row[1]) for row in role_rows(result)]
    assert not [e for e in result.entities if e.type == "Organization"]


def test_country_in_a_title_is_a_jurisdiction():
    result = newsgraph.extract("U.S. President Joe Biden met reporters in Washington on Friday.")
    (row,) = role_rows(result)
    assert row[:4] == ("Joe Biden", "president", None, "U.S.")
    assert entity_named(result, "U.S.").type == "Place"
    assert not [e for e in result.entities if e.type == "Organization"]


def test_named_organisation_in_a_title_stays_an_organisation():
    result = newsgraph.extract("Maria Lopez, the chief executive of the Museum of Modern Art, resigned on Monday.")
    assert ("Maria Lopez", "chief executive", "Museum of Modern Art", None, None) in role_rows(result)


def test_former_is_a_qualifier():
    result = newsgraph.extract("Former Prime Minister Kofi Mensah said the talks had failed.")
    assert ("Kofi Mensah", "prime minister", None, None, "former") in role_rows(result)


def test_plural_title_before_a_list_applies_to_each_name():
    result = newsgraph.extract("The show includes work by photographers Ann Lee, Tom Okafor and Ruth Adebayo.")
    assert sorted((row[0], row[1]) for row in role_rows(result)) == [
        ("Ann Lee", "photographer"), ("Ruth Adebayo", "photographer"), ("Tom Okafor", "photographer")]


def test_match_report_countries_are_teams():
    result = newsgraph.extract("Sweden beat South Korea 1 – 0 on Monday. "
                               "Sweden coach Janne Andersson praised the team.")
    types = {e.name: e.type for e in result.entities}
    assert types.get("Sweden") == "Organization"


def test_stations_towns_and_museums_take_their_types_from_context():
    result = newsgraph.extract(
        "Visitors walked from Linden Park Station to the festival on Saturday. "
        "Shells fell near the town of Varnow, officials said. "
        "The prints hang at the Orr Museum of Art at Dunmore University until May.")
    assert entity_named(result, "Linden Park Station").type == "Place"
    assert entity_named(result, "Varnow").type == "Place"
    assert entity_named(result, "Orr Museum of Art").type == "Organization"
    assert entity_named(result, "Dunmore University").type == "Organization"


def test_a_reported_clause_with_quoted_words_is_quoted_to_its_end_marks_and_all():
    result = newsgraph.extract('Mayor Jo Bloggs said the vote would "send a message" to voters that the plan was '
                               'dead. Coach Ann Roe praised her side, saying the team "never lost its shape".')
    assert [(result.entity(q.speaker).name, q.text) for q in result.quotes] == [
        ("Jo Bloggs", 'the vote would "send a message" to voters that the plan was dead.'),
        ("Ann Roe", 'the team "never lost its shape"')]


def test_a_reported_clause_closing_on_quoted_words_keeps_their_mark():
    result = newsgraph.extract('In a letter to staff, Acme chief executive Jo Bloggs wrote that the strike was '
                               '"deeply regrettable" and urged the union to talk.')
    assert 'the strike was "deeply regrettable"' in [q.text for q in result.quotes]
