"""With the real model: relation classes found by reading where newsgraph missed the relations of
CoNLL04's training split (births and residences, killings, who works where, where an organisation
is). The sentences are ours."""

import pytest

import newsgraph
from newsgraph.settings import declared_defaults

pytestmark = pytest.mark.model
RULES_ONLY = declared_defaults().model_copy(update={"learned_relations": False})


def relation_rows(result):
    name = {e.id: e.name for e in result.entities}
    return {(name[r.subject], r.predicate, name[r.object]) for r in result.relations}


def role_rows(result):
    def name(entity_id):
        entity = result.entity(entity_id)
        return entity.name if entity else None
    return [(name(r.person), r.role, name(r.organization), name(r.jurisdiction)) for r in result.roles]


# --- births: every subject, through what holds the place, past the name given at birth -------------


def test_each_of_two_joined_subjects_was_born_there():
    rows = relation_rows(newsgraph.extract("Both Ada Moss and Ben Ruiz were born in Leeds."))
    assert {("Ada Moss", "bornIn", "Leeds"), ("Ben Ruiz", "bornIn", "Leeds")} <= rows


@pytest.mark.parametrize("text, place", [
    ("Ada Moss was born in a farmhouse in Dorset.", "Dorset"),
    ("Ada Moss was born in what is now Gdansk.", "Gdansk"),
])
def test_a_birthplace_behind_the_building_or_what_it_is_now(text, place):
    assert ("Ada Moss", "bornIn", place) in relation_rows(newsgraph.extract(text))


def test_the_name_given_at_birth_was_born_there_too():
    rows = relation_rows(newsgraph.extract("The singer Kit Vale was born Ada Moss in Leeds."))
    assert {("Kit Vale", "bornIn", "Leeds"), ("Ada Moss", "bornIn", "Leeds")} <= rows


def test_a_subject_described_before_its_name_is_the_named_person():
    # the parser hangs "Ada Moss" on the country's name, not on "president"
    result = newsgraph.extract("In 1872 , the 30th president of the Republic of Ostland , Ada Moss , "
                               "was born in Leeds .")
    assert ("Ada Moss", "bornIn", "Leeds") in relation_rows(result)


def test_a_native_of_a_place_after_is():
    result = newsgraph.extract("Ben Ruiz is a Leeds native who joined the navy.")
    assert ("Ben Ruiz", "bornIn", "Leeds") in relation_rows(result)


def test_a_place_a_where_clause_hangs_on_and_a_pronoun_for_the_one_person_named():
    result = newsgraph.extract("Ada Moss went back to Leeds, where she was born.")
    assert ("Ada Moss", "bornIn", "Leeds") in relation_rows(result)
    # two people before the pronoun: whose birth it is is not said
    result = newsgraph.extract("Ada Moss met Ben Ruiz in Leeds, where he was born.", settings=RULES_ONLY)
    assert not any(r[1] == "bornIn" for r in relation_rows(result))


def test_growing_up_somewhere_is_living_there():
    result = newsgraph.extract("Fred Coe, a director who grew up in Nashville, worked on network shows.")
    assert ("Fred Coe", "livesIn", "Nashville") in relation_rows(result)


# --- killings -------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "The board refused to release Ben Ruiz, convicted of killing Ada Moss in 1990.",
    "The hearing was set for Ben Ruiz, 60, serving a life term for killing Ada Moss in Leeds.",
    "Police arrested Ben Ruiz, suspected of the murder of Ada Moss.",
])
def test_a_participle_after_a_name_and_a_comma_says_what_that_person_did(text):
    # the parser hangs the participle on the main verb, whose subject ("the board") killed no one
    rows = relation_rows(newsgraph.extract(text))
    assert ("Ben Ruiz", "killed", "Ada Moss") in rows
    assert not any(r[1] == "killed" and r[0] != "Ben Ruiz" for r in rows)


def test_the_agent_on_the_second_of_two_passive_verbs():
    rows = relation_rows(newsgraph.extract("Ada Moss was shot and mortally wounded by Ben Ruiz in 1901."))
    assert ("Ben Ruiz", "killed", "Ada Moss") in rows


def test_a_pronoun_victim_is_the_one_other_person_named_before():
    rows = relation_rows(newsgraph.extract("Ada Moss had just left the hall when Ben Ruiz shot her."))
    assert ("Ben Ruiz", "killed", "Ada Moss") in rows


def test_a_pronoun_victim_with_two_people_named_before_is_left_alone():
    rows = relation_rows(newsgraph.extract("Ada Moss and Kit Vale had just left the hall when Ben Ruiz shot her."))
    assert not any(r[1] == "killed" for r in rows)


# --- who works where ------------------------------------------------------------------------------


def test_a_title_abbreviation_is_one_word_and_keeps_the_sentence_whole():
    # "Lt." cut into "Lt" and "." ended the sentence before the name: no role
    result = newsgraph.extract("The road is closed, said Harbour Police Lt. Ada Moss.")
    assert ("Ada Moss", "lieutenant", "Harbour Police", None) in role_rows(result)


@pytest.mark.parametrize("text, organisation", [
    ("Sen. Ada Moss, D-Calif., chairman of the Senate Transport Committee, said the bill would pass.",
     "Senate Transport Committee"),
    ("Acme Corp's technical manager, engineer Ada Moss, said the river was clean.", "Acme Corp"),
])
def test_a_role_noun_describing_a_person_names_where_the_person_serves(text, organisation):
    # as a role held there, or where no title is read, as membership
    result = newsgraph.extract(text)
    assert ("Ada Moss", "memberOf", organisation) in relation_rows(result) or \
        any(r[0] == "Ada Moss" and r[2] == organisation for r in role_rows(result))


def test_a_description_that_is_no_role_names_no_employer():
    # the rules only: the learned classifier may guess membership here (with a low confidence)
    rows = relation_rows(newsgraph.extract("Ada Moss, a graduate of Harvard University, said the plan was sound.",
                                           settings=RULES_ONLY))
    assert not any(r[1] in ("memberOf", "worksFor") for r in rows)


def test_what_a_role_says_is_not_said_again_as_membership():
    result = newsgraph.extract("Ben Ruiz is the Daily Courier's regional reporter.")
    assert ("Ben Ruiz", "regional reporter", "Daily Courier", None) in role_rows(result)
    assert ("Ben Ruiz", "memberOf", "Daily Courier") not in relation_rows(result)


# --- where an organisation is ---------------------------------------------------------------------


def test_a_place_set_off_by_commas_after_an_organisation_is_where_it_is():
    rows = relation_rows(newsgraph.extract("Corvane Freight, Tacoma, Wash., said on Monday it would cut jobs."))
    assert {("Corvane Freight", "basedIn", "Tacoma"), ("Corvane Freight", "basedIn", "Wash.")} <= rows


def test_a_place_describing_the_next_noun_is_not_the_organisations():
    rows = relation_rows(newsgraph.extract("Officials of Acme Corp, Texas regulators and others met on Monday."))
    assert not any(r[1] == "basedIn" for r in rows)


@pytest.mark.parametrize("text, place, agency", [
    ("OSLO, 12 March (NTB) -- The government cut its forecast on Monday.", "Oslo", "NTB"),
    ("(Text) SEOUL, May 20 (Yonhap) -- The government cut its forecast on Monday.", "Seoul", "Yonhap"),
])
def test_datelines_with_the_day_first_or_after_an_editors_note(text, place, agency):
    dateline = newsgraph.extract(text).article.dateline
    assert dateline is not None and (dateline.place, dateline.agency) == (place, agency)
