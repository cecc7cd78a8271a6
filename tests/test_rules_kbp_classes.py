"""With the real model: classes of affiliation the KBP37 per:employee_of sentences showed missing
(studied on its train split), each with sentences of our own, and the cases that must stay
without a role (party labels in election copy, a writer's outlet, "signed X from Y")."""

import pytest

import newsgraph

pytestmark = pytest.mark.model


def role_rows(result):
    def name(entity_id):
        entity = result.entity(entity_id)
        return entity.name if entity else None
    return [(name(r.person), r.role, name(r.organization), name(r.jurisdiction)) for r in result.roles]


def orgs_of(result, person):
    return {org for who, _, org, _ in role_rows(result) if who == person and org}


def relation_rows(result):
    return {(result.entity(r.subject).name, r.predicate, result.entity(r.object).name) for r in result.relations}


# --- "X (of Y)", "X, formerly of Y": a plain affiliation is a membership; a plain "X of Y", "Y's X" is a
# relation, not a post ---

@pytest.mark.parametrize("text", ["Ann Kern of Blue Harbour Trading said the shipment would arrive in May.",
                                  "Blue Harbour Trading's Ann Kern said the shipment would arrive in May."])
def test_a_name_of_an_organisation_is_a_relation_not_a_role(text):
    result = newsgraph.extract(text)
    assert role_rows(result) == []
    assert ("Ann Kern", "memberOf", "Blue Harbour Trading") in relation_rows(result)


def test_a_bracketed_organisation_after_a_name_is_the_persons():
    result = newsgraph.extract("The record features Dave Moss (of Acme Industries) on guitar.")
    assert "Acme Industries" in orgs_of(result, "Dave Moss")


def test_formerly_of_makes_a_former_member():
    result = newsgraph.extract("Sara Dunn, formerly of Northwind Capital, said the deal was fair.")
    (role,) = [r for r in result.roles if result.entity(r.person).name == "Sara Dunn"]
    assert (role.role, result.entity(role.organization).name, role.qualifier) == (
        "member", "Northwind Capital", "former")


def test_a_title_at_the_same_organisation_replaces_the_plain_membership():
    result = newsgraph.extract("Chief executive Ann Kern of Northwind Capital said the deal was fair.")
    rows = [row for row in role_rows(result) if row[0] == "Ann Kern"]
    assert ("Ann Kern", "chief executive", "Northwind Capital", None) in rows
    assert ("Ann Kern", "member", "Northwind Capital", None) not in rows


def test_of_a_place_is_where_someone_is_from():
    result = newsgraph.extract("Ann Kern of Denver said the shipment would arrive in May.")
    assert orgs_of(result, "Ann Kern") == set()


# --- "Y's X": an organisation's possessive on a name ---

def test_an_organisations_possessive_on_a_name_is_a_membership():
    result = newsgraph.extract("The record was produced by Northwind Records' Mike Tally in Omaha.")
    assert "Northwind Records" in orgs_of(result, "Mike Tally")


# --- "X and his band Y" ---

def test_a_persons_own_band_after_and_his():
    result = newsgraph.extract("In 1931 Jack Munro and his dance band the Harbour Lights Orchestra played the pier.")
    assert "Harbour Lights Orchestra" in orgs_of(result, "Jack Munro")


# --- "X left Y": a former membership, beside what X joined ---

def test_leaving_an_organisation_is_a_former_membership_and_joining_the_next_stays():
    result = newsgraph.extract("Mark Ford left Mercury Records in 1977 and joined Capitol Records.")
    roles = {(result.entity(r.organization).name, r.qualifier) for r in result.roles if r.organization}
    assert ("Mercury Records", "former") in roles
    assert "Capitol Records" in {org for org, _ in roles}


# --- "took on the title of chairman of Y", "his post as head of Y" ---

@pytest.mark.parametrize("text", [
    "After the founder died, Lin Hao took on the title of chairman of the Harbour Trading Company.",
    "Lin Hao resigned from his post of chairman of the Harbour Trading Company on Tuesday.",
    "Lin Hao left his post as chairman of the Harbour Trading Company in May.",
])
def test_a_post_noun_names_the_title_and_its_organisation(text):
    result = newsgraph.extract(text)
    assert ("Lin Hao", "chairman", "Harbour Trading Company", None) in role_rows(result)


def test_resigning_a_leadership_in_a_body_the_parser_hung_on_the_verb():
    result = newsgraph.extract("Tom Reyes lost his seat in the vote, and resigned his leadership in the Harbour "
                               "Workers Union.")
    assert ("Tom Reyes", "leader", "Harbour Workers Union", None) in role_rows(result)


# --- what stays without a role ---

def test_party_labels_in_election_copy_are_no_roles():
    result = newsgraph.extract("Other candidates elected in the district were Ann Kern of the Harbour Party and "
                               "Northwind Alliance's Tom Reyes.")
    assert orgs_of(result, "Ann Kern") == set() and orgs_of(result, "Tom Reyes") == set()


def test_a_writers_outlet_is_no_role():
    result = newsgraph.extract("Writing on Monday, Matt Ingle of The Harbour Herald called the plan a gamble.")
    assert orgs_of(result, "Matt Ingle") == set()


def test_signing_a_player_from_a_club_says_where_he_came_from():
    result = newsgraph.extract("The Harbour Blues have signed Semi Tora from the Northwind Rovers on a "
                               "two-year contract.")
    assert "Northwind Rovers" not in orgs_of(result, "Semi Tora")


# --- "Y under X" where the parser hung "under X" on the verb; "X at Y" on the name ---

def test_a_body_right_before_under_a_name_is_the_persons():
    result = newsgraph.extract("In 1934 Karl Hierl switched to the Ministry of Labour under Walter Frick as a "
                               "commissioner.")
    assert "Ministry of Labour" in orgs_of(result, "Walter Frick")


def test_at_after_a_titled_name_is_the_title_holders_at_on_the_verb_is_not():
    result = newsgraph.extract("Professor Lena Holt at the University of Leeds said the results were clear.")
    assert ("Lena Holt", "professor", "University of Leeds", None) in role_rows(result)
    result = newsgraph.extract("The idea was tested by Maurice Wilkes at the Cambridge Mathematical Laboratory.")
    assert orgs_of(result, "Maurice Wilkes") == set()


# --- "the first album by X for Y": the label's "for" hung on the name ---

def test_an_album_by_a_singer_for_a_label():
    result = newsgraph.extract("Blue Dawn was the first album by Tom Reyes for Northwind Records.")
    assert ("Tom Reyes", "recording artist", "Northwind Records", None) in role_rows(result)


# --- bands the model left untagged or mistyped after a word for an act, or after "PERSON of The" ---

def test_an_untagged_band_after_a_word_for_an_act_is_an_organisation():
    result = newsgraph.extract("Tom Reed, lead singer of the Scottish pop group Wet Wet Wet, said he was tired.")
    assert ("Wet Wet Wet", "Organization") in {(e.name, e.type) for e in result.entities}
    assert ("Tom Reed", "lead singer", "Wet Wet Wet", None) in role_rows(result)


def test_a_band_named_like_a_city_after_the_group():
    result = newsgraph.extract("The song was recorded by the group Chicago in 1972.")
    assert ("Chicago", "Organization") in {(e.name, e.type) for e in result.entities}


def test_names_after_person_of_the_capitalised():
    result = newsgraph.extract("The judges included Robert Smith of The Cure and Julian Casablancas of The Strokes.")
    assert {("Cure", "Organization"), ("Strokes", "Organization")} <= {(e.name, e.type) for e in result.entities}

