"""Roles, model-free: affiliations said by a verb or a contract rather than a title ("X, who coaches at Y",
"X was hired by Y", "X is signed to Y", "X played bass in Y", "X's contract with Y"), a command taken of a
place, a band in brackets after a titled name, and title nouns of teams and bands ("Y's key forward X").

Hand-built Docs with entities, part-of-speech tags and a dependency parse; the sentences are the project's own.
A near miss of each shape makes no role.
"""

import pytest
from docbuild import make_doc, run

import newsgraph.nlp.pipeline  # noqa: F401  (registers the components)

_POS = {"who": "PRON", "coaches": "VERB", "at": "ADP", "spoke": "VERB", "was": "AUX", "is": "AUX", "hired": "VERB",
        "by": "ADP", "signed": "VERB", "to": "ADP", "played": "VERB", "in": "ADP", "wrote": "VERB", "for": "ADP",
        "a": "DET", "the": "DET", "'s": "PART", "with": "ADP", "ended": "VERB", "assumed": "VERB", "of": "ADP",
        "elected": "VERB", "scored": "VERB", "key": "NOUN", "had": "VERB"}
_LEMMAS = {"coaches": "coach", "hired": "hire", "signed": "sign", "played": "play", "wrote": "write",
           "ended": "end", "assumed": "assume", "elected": "elect", "was": "be", "is": "be", "had": "have"}


def role_rows(text, ents, parse, participles=()):
    doc = make_doc(text, ents=ents, pos=_POS, parse=parse, lemmas=_LEMMAS)
    for token in doc:
        if token.text in participles:
            token.tag_ = "VBN"  # the passive's participle
    doc = run(doc, "newsgraph_entities", "newsgraph_roles")
    return sorted((r.person.name, r.role, r.organization.name if r.organization else None,
                   r.jurisdiction.name if r.jurisdiction else None) for r in doc._.ng_roles)


ORG = {"Ann Lee": "PERSON", "Acme": "ORG"}


def test_a_relative_clause_on_the_name_says_where_the_person_works():
    # Ann Lee , who coaches at Acme , spoke .
    parse = [(1, "compound"), (8, "nsubj"), (1, "punct"), (4, "nsubj"), (1, "relcl"), (4, "prep"), (5, "pobj"),
             (1, "punct"), (8, "ROOT"), (8, "punct")]
    assert role_rows("Ann Lee , who coaches at Acme , spoke .", ORG, parse) == [("Ann Lee", "coach", "Acme", None)]


@pytest.mark.parametrize("text, expected", [
    ("Ann Lee was hired by Acme .", ("Ann Lee", "employee", "Acme", None)),
    ("Ann Lee was signed by Acme .", ("Ann Lee", "signee", "Acme", None)),
])
def test_the_passive_of_a_verb_of_hiring_names_the_employer(text, expected):
    parse = [(1, "compound"), (3, "nsubjpass"), (3, "auxpass"), (3, "ROOT"), (3, "agent"), (4, "pobj"), (3, "punct")]
    assert role_rows(text, ORG, parse, participles=("hired", "signed")) == [expected]


def test_signed_to_a_label_and_elected_to_a_body():
    parse = [(1, "compound"), (3, "nsubjpass"), (3, "auxpass"), (3, "ROOT"), (3, "prep"), (4, "pobj"), (3, "punct")]
    assert role_rows("Ann Lee is signed to Acme .", ORG, parse, participles=("signed",)) == \
        [("Ann Lee", "signee", "Acme", None)]
    parse = [(1, "compound"), (3, "nsubjpass"), (3, "auxpass"), (3, "ROOT"), (3, "prep"), (7, "det"),
             (7, "compound"), (4, "pobj"), (3, "punct")]
    assert role_rows("Ann Lee was elected to the Freedonia Senate .",
                     {"Ann Lee": "PERSON", "Freedonia Senate": "ORG"}, parse, participles=("elected",)) == \
        [("Ann Lee", "member", "Freedonia Senate", None)]


def test_the_active_voice_of_a_passive_only_verb_is_not_a_post():
    # "Ann Lee hired Acme": she hired them, she does not work there
    parse = [(1, "compound"), (2, "nsubj"), (2, "ROOT"), (2, "dobj"), (2, "punct")]
    assert role_rows("Ann Lee hired Acme .", ORG, parse) == []
    # the organisation hired the person: the person is the agent, not the subject
    parse = [(1, "nsubjpass"), (1, "auxpass"), (1, "ROOT"), (2, "agent"), (5, "compound"), (3, "pobj"), (1, "punct")]
    assert role_rows("Acme was hired by Ann Lee .", ORG, parse, participles=("hired",)) == []


def test_an_instrument_as_the_object_still_says_membership():
    # Ann Lee played bass in Blue Rain .
    parse = [(1, "compound"), (2, "nsubj"), (2, "ROOT"), (2, "dobj"), (2, "prep"), (6, "compound"), (4, "pobj"),
             (2, "punct")]
    assert role_rows("Ann Lee played bass in Blue Rain .", {"Ann Lee": "PERSON", "Blue Rain": "ORG"}, parse) == \
        [("Ann Lee", "player", "Blue Rain", None)]


@pytest.mark.parametrize("text", ["Ann Lee played a concert in Blue Rain .", "Ann Lee wrote a letter for Blue Rain ."])
def test_an_object_with_an_article_is_a_thing_done_not_a_post(text):
    parse = [(1, "compound"), (2, "nsubj"), (2, "ROOT"), (4, "det"), (2, "dobj"), (2, "prep"), (7, "compound"),
             (5, "pobj"), (2, "punct")]
    assert role_rows(text, {"Ann Lee": "PERSON", "Blue Rain": "ORG"}, parse) == []


def test_a_contract_the_person_holds():
    # Ann Lee 's contract with Acme ended .
    parse = [(1, "compound"), (3, "poss"), (1, "case"), (6, "nsubj"), (3, "prep"), (4, "pobj"), (6, "ROOT"),
             (6, "punct")]
    assert role_rows("Ann Lee 's contract with Acme ended .", ORG, parse) == [("Ann Lee", "signee", "Acme", None)]
    # Ann Lee had a contract with Acme .
    parse = [(1, "compound"), (2, "nsubj"), (2, "ROOT"), (4, "det"), (2, "dobj"), (4, "prep"), (5, "pobj"),
             (2, "punct")]
    assert role_rows("Ann Lee had a contract with Acme .", ORG, parse) == [("Ann Lee", "signee", "Acme", None)]


def test_a_contract_signed_for_others_is_not_held():
    # a governor signs contracts for the state: she does not hold them
    parse = [(1, "compound"), (2, "nsubj"), (2, "ROOT"), (4, "det"), (2, "dobj"), (4, "prep"), (5, "pobj"),
             (2, "punct")]
    assert role_rows("Ann Lee signed a contract with Acme .", ORG, parse) == []


def test_command_taken_of_a_place_gives_the_jurisdiction():
    # Ann Lee assumed command of Freedonia .
    parse = [(1, "compound"), (2, "nsubj"), (2, "ROOT"), (2, "dobj"), (3, "prep"), (4, "pobj"), (2, "punct")]
    assert role_rows("Ann Lee assumed command of Freedonia .", {"Ann Lee": "PERSON", "Freedonia": "GPE"}, parse) == \
        [("Ann Lee", "commander", None, "Freedonia")]


def test_a_band_in_brackets_after_a_titled_name():
    assert role_rows("fiddler Ann Lee ( Blue Rain ) spoke .", {"Ann Lee": "PERSON", "Blue Rain": "ORG"}, None) == \
        [("Ann Lee", "fiddler", "Blue Rain", None)]
    # after an elected title the bracket names the holder's party, not whom the seat is for
    assert role_rows("Senator Ann Lee ( Unity Party ) spoke .", {"Ann Lee": "PERSON", "Unity Party": "ORG"}, None) == \
        [("Ann Lee", "senator", None, None)]
    # a bracket that says more than the organisation is not an affiliation
    assert role_rows("fiddler Ann Lee ( Blue Rain fame ) spoke .", {"Ann Lee": "PERSON", "Blue Rain": "ORG"},
                     None) == [("Ann Lee", "fiddler", None, None)]


def test_a_position_on_a_team_before_the_name():
    assert role_rows("Acme 's key forward Ann Lee scored .", ORG, None) == [("Ann Lee", "key forward", "Acme", None)]


_MORE_POS = {"began": "VERB", "her": "PRON", "as": "ADP", "before": "ADP", "joining": "VERB", "visiting": "VERB",
             "left": "VERB", "becoming": "VERB", "of": "ADP"}
_MORE_LEMMAS = {"began": "begin", "joining": "join", "visiting": "visit", "left": "leave", "becoming": "become",
                "was": "be"}


def verb_rows(text, ents, parse, gerunds=()):
    doc = make_doc(text, ents=ents, pos={**_POS, **_MORE_POS}, parse=parse, lemmas=_MORE_LEMMAS)
    for token in doc:
        if token.text in gerunds:
            token.tag_ = "VBG"
    doc = run(doc, "newsgraph_entities", "newsgraph_roles")
    return sorted((r.person.name, r.role, r.organization.name if r.organization else None) for r in doc._.ng_roles)


def test_a_career_begun_as_a_title():
    # Ann Lee began her career as a reporter at the Harbour Times .
    parse = [(1, "compound"), (2, "nsubj"), (2, "ROOT"), (4, "poss"), (2, "dobj"), (2, "prep"), (7, "det"),
             (5, "pobj"), (7, "prep"), (11, "det"), (11, "compound"), (8, "pobj"), (2, "punct")]
    assert verb_rows("Ann Lee began her career as a reporter at the Harbour Times .",
                     {"Ann Lee": "PERSON", "Harbour Times": "ORG"}, parse) == \
        [("Ann Lee", "reporter", "Harbour Times")]
    # what was begun "as" something that is no title gives no role
    assert verb_rows("Ann Lee began her career as a volunteer at the Harbour Times .",
                     {"Ann Lee": "PERSON", "Harbour Times": "ORG"}, parse) == []


def test_a_gerund_after_before_or_after_shares_the_subject():
    # Ann Lee was a lawyer before joining Acme .
    parse = [(1, "compound"), (2, "nsubj"), (2, "ROOT"), (4, "det"), (2, "attr"), (4, "prep"), (5, "pcomp"),
             (6, "dobj"), (2, "punct")]
    assert verb_rows("Ann Lee was a lawyer before joining Acme .", ORG, parse, gerunds=("joining",)) == \
        [("Ann Lee", "lawyer", None), ("Ann Lee", "member", "Acme")]
    assert verb_rows("Ann Lee was a lawyer before visiting Acme .", ORG, parse, gerunds=("visiting",)) == \
        [("Ann Lee", "lawyer", None)]
    # Ann Lee left Brightway before becoming president of Acme . (leaving Brightway: a former member of it)
    parse = [(1, "compound"), (2, "nsubj"), (2, "ROOT"), (2, "dobj"), (2, "prep"), (4, "pcomp"), (5, "attr"),
             (6, "prep"), (7, "pobj"), (2, "punct")]
    assert sorted(verb_rows("Ann Lee left Brightway before becoming president of Acme .",
                            {"Ann Lee": "PERSON", "Brightway": "ORG", "Acme": "ORG"}, parse, gerunds=("becoming",))) == \
        [("Ann Lee", "member", "Brightway"), ("Ann Lee", "president", "Acme")]


def test_a_band_named_like_a_place_or_a_person():
    assert role_rows("Ann Lee , the drummer of rock band Freedonia , spoke .",
                     {"Ann Lee": "PERSON", "Freedonia": "GPE"}, None) == [("Ann Lee", "drummer", "Freedonia", None)]
    assert role_rows("Ann Lee 's ( drummer of rock band Tom Okafor ) solo album sold .",
                     {"Ann Lee": "PERSON", "Tom Okafor": "PERSON"}, None) == [("Ann Lee", "drummer", "Tom Okafor", None)]
    # a person the clause after the kind is about stays a person: "the team Tom Okafor founded"
    doc = run(make_doc("Ann Lee , the coach of the team Tom Okafor founded , spoke .",
                       ents={"Ann Lee": "PERSON", "Tom Okafor": "PERSON"}, pos={"founded": "VERB", "spoke": "VERB"}),
              "newsgraph_entities", "newsgraph_roles")
    assert [c.type for c in doc._.ng_entities if c.name == "Tom Okafor"] == ["Person"]
    assert [(r.role, r.organization) for r in doc._.ng_roles if r.person.name == "Ann Lee"] == [("coach", None)]
    # where the band comes from stays a place
    assert role_rows("Ann Lee , the drummer of the Freedonia band Blue Rain , spoke .",
                     {"Ann Lee": "PERSON", "Freedonia": "GPE", "Blue Rain": "ORG"}, None) == \
        [("Ann Lee", "drummer", "Blue Rain", None)]


def test_a_party_between_the_state_and_the_title():
    assert role_rows("Freedonia Republican Sen. Ann Lee spoke .",
                     {"Freedonia": "GPE", "Republican": "NORP", "Ann Lee": "PERSON"}, None) == \
        [("Ann Lee", "senator", None, "Freedonia")]
    assert role_rows("Republican Sen. Ann Lee spoke .", {"Republican": "NORP", "Ann Lee": "PERSON"}, None) == \
        [("Ann Lee", "senator", None, None)]


def release_rows(text, parse):
    doc = make_doc(text, ents={"Ann Lee": "PERSON", "Acme Records": "ORG"},
                   pos={"is": "AUX", "was": "AUX", "an": "DET", "by": "ADP", "about": "ADP", "released": "VERB"},
                   parse=parse, lemmas={"released": "release", "is": "be", "was": "be"})
    doc = run(doc, "newsgraph_entities", "newsgraph_roles")
    return sorted((r.person.name, r.role, r.organization.name if r.organization else None) for r in doc._.ng_roles)


# Blue Sky is an album by|about Ann Lee released by Acme Records .
_ALBUM_BY = [(1, "compound"), (2, "nsubj"), (2, "ROOT"), (4, "det"), (2, "attr"), (4, "prep"), (7, "compound"),
             (5, "pobj"), (4, "acl"), (8, "agent"), (11, "compound"), (9, "pobj"), (2, "punct")]
# Ann Lee 's debut album|car was released by Acme Records .
_HER_ALBUM = [(1, "compound"), (4, "poss"), (1, "case"), (4, "compound"), (6, "nsubjpass"), (6, "auxpass"),
              (6, "ROOT"), (6, "agent"), (9, "compound"), (7, "pobj"), (6, "punct")]


def test_the_label_a_persons_recording_came_out_on():
    assert release_rows("Blue Sky is an album by Ann Lee released by Acme Records .", _ALBUM_BY) == \
        [("Ann Lee", "recording artist", "Acme Records")]
    assert release_rows("Ann Lee 's debut album was released by Acme Records .", _HER_ALBUM) == \
        [("Ann Lee", "recording artist", "Acme Records")]


def test_a_recording_about_a_person_or_a_thing_that_is_no_recording():
    assert release_rows("Blue Sky is an album about Ann Lee released by Acme Records .", _ALBUM_BY) == []
    assert release_rows("Ann Lee 's debut car was released by Acme Records .", _HER_ALBUM) == []


def test_forming_a_body_makes_its_founder():
    # Ann Lee formed the Unity Party .
    parse = [(1, "compound"), (2, "nsubj"), (2, "ROOT"), (5, "det"), (5, "compound"), (2, "dobj"), (2, "punct")]
    doc = run(make_doc("Ann Lee formed the Unity Party .", ents={"Ann Lee": "PERSON", "Unity Party": "ORG"},
                       pos={"formed": "VERB", "the": "DET"}, parse=parse, lemmas={"formed": "form"}),
              "newsgraph_entities", "newsgraph_roles")
    assert [(r.role, r.organization.name) for r in doc._.ng_roles] == [("founder", "Unity Party")]
    # forming something unnamed, or a person's group, is not founding a named body
    parse = [(1, "compound"), (2, "nsubj"), (2, "ROOT"), (4, "det"), (2, "dobj"), (2, "punct")]
    doc = run(make_doc("Ann Lee formed a committee .", ents={"Ann Lee": "PERSON"},
                       pos={"formed": "VERB", "a": "DET"}, parse=parse, lemmas={"formed": "form"}),
              "newsgraph_entities", "newsgraph_roles")
    assert doc._.ng_roles == []
    parse = [(1, "compound"), (2, "nsubj"), (2, "ROOT"), (4, "compound"), (2, "dobj"), (2, "punct")]
    doc = run(make_doc("Ann Lee formed Tom Okafor .", ents={"Ann Lee": "PERSON", "Tom Okafor": "PERSON"},
                       pos={"formed": "VERB"}, parse=parse, lemmas={"formed": "form"}),
              "newsgraph_entities", "newsgraph_roles")
    assert doc._.ng_roles == []


def test_after_having_signed_shares_the_subject():
    # Ann Lee after having signed with Acme spoke .
    doc = make_doc("Ann Lee after having signed with Acme spoke .", ents=ORG,
                   pos={"after": "ADP", "having": "AUX", "signed": "VERB", "with": "ADP", "spoke": "VERB"},
                   parse=[(1, "compound"), (7, "nsubj"), (7, "prep"), (4, "aux"), (2, "pcomp"), (4, "prep"),
                          (5, "pobj"), (7, "ROOT"), (7, "punct")], lemmas={"signed": "sign", "spoke": "speak"})
    doc[4].tag_ = "VBN"
    doc = run(doc, "newsgraph_entities", "newsgraph_roles")
    assert [(r.role, r.organization.name) for r in doc._.ng_roles] == [("signee", "Acme")]


@pytest.mark.parametrize("text", ["Acme executives including Ann Lee spoke .",
                                  "Acme executives such as Ann Lee spoke ."])
def test_a_plural_title_before_its_examples(text):
    doc = make_doc(text, ents={"Acme": "ORG", "Ann Lee": "PERSON"},
                   pos={"including": "VERB", "such": "ADJ", "as": "ADP", "and": "CCONJ", "spoke": "VERB"},
                   lemmas={"executives": "executive"})
    doc[1].tag_ = "NNS"
    doc = run(doc, "newsgraph_entities", "newsgraph_roles")
    rows = sorted((r.person.name, r.role, r.organization.name if r.organization else None,
                   r.jurisdiction.name if r.jurisdiction else None) for r in doc._.ng_roles)
    assert rows == [("Ann Lee", "executive", "Acme", None)]


def test_examples_of_no_title_get_no_role():
    assert role_rows("Acme visitors including Ann Lee spoke .", {"Acme": "ORG", "Ann Lee": "PERSON"}, None) == []
    assert role_rows("Many people including Ann Lee spoke .", {"Ann Lee": "PERSON"}, None) == []


def test_an_implied_role_adds_nothing_beside_a_title_at_the_same_organisation():
    # Acme chief executive Ann Lee spoke . Lee joined Acme in 1990 .
    parse = [(2, "compound"), (2, "amod"), (4, "compound"), (4, "compound"), (5, "nsubj"), (5, "ROOT"), (5, "punct"),
             (8, "nsubj"), (8, "ROOT"), (8, "dobj"), (8, "prep"), (10, "pobj"), (8, "punct")]
    doc = run(make_doc("Acme chief executive Ann Lee spoke . Lee joined Acme in 1990 .",
                       ents=[("Acme", "ORG"), ("Ann Lee", "PERSON"), ("Lee", "PERSON"), ("Acme", "ORG")],
                       pos={"chief": "ADJ", "spoke": "VERB", "joined": "VERB", "in": "ADP", "1990": "NUM"},
                       parse=parse, lemmas={"joined": "join"}), "newsgraph_entities", "newsgraph_roles")
    assert [(r.person.name, r.role, r.organization.name) for r in doc._.ng_roles] == \
        [("Ann Lee", "chief executive", "Acme")]


def test_a_song_from_an_album_released_on_a_label():
    # Blue Sky is a song by Ann Lee from her album released on Acme Records .
    parse = [(1, "compound"), (2, "nsubj"), (2, "ROOT"), (4, "det"), (2, "attr"), (4, "prep"), (7, "compound"),
             (5, "pobj"), (4, "prep"), (10, "poss"), (8, "pobj"), (10, "acl"), (11, "prep"), (14, "compound"),
             (12, "pobj"), (2, "punct")]
    doc = make_doc("Blue Sky is a song by Ann Lee from her album released on Acme Records .",
                   ents={"Ann Lee": "PERSON", "Acme Records": "ORG"},
                   pos={"is": "AUX", "a": "DET", "by": "ADP", "from": "ADP", "her": "PRON", "released": "VERB",
                        "on": "ADP"}, parse=parse, lemmas={"released": "release", "is": "be"})
    doc = run(doc, "newsgraph_entities", "newsgraph_roles")
    assert [(r.role, r.organization.name) for r in doc._.ng_roles] == [("recording artist", "Acme Records")]


def test_a_body_under_a_person_is_led_by_them():
    # the Harbour Army under Ann Lee won .
    parse = [(2, "det"), (2, "compound"), (6, "nsubj"), (2, "prep"), (5, "compound"), (3, "pobj"), (6, "ROOT"),
             (6, "punct")]
    doc = run(make_doc("the Harbour Army under Ann Lee won .", ents={"Harbour Army": "ORG", "Ann Lee": "PERSON"},
                       pos={"the": "DET", "under": "ADP", "won": "VERB"}, parse=parse),
              "newsgraph_entities", "newsgraph_roles")
    assert [(r.person.name, r.role, r.organization.name) for r in doc._.ng_roles] == [("Ann Lee", "leader", "Harbour Army")]


def test_studying_somewhere_under_a_person_is_no_leadership():
    # Tom Okafor studied at Acme under Ann Lee .  ("under" hangs on the verb)
    parse = [(1, "compound"), (2, "nsubj"), (2, "ROOT"), (2, "prep"), (3, "pobj"), (2, "prep"), (7, "compound"),
             (5, "pobj"), (2, "punct")]
    doc = run(make_doc("Tom Okafor studied at Acme under Ann Lee .",
                       ents={"Tom Okafor": "PERSON", "Acme": "ORG", "Ann Lee": "PERSON"},
                       pos={"studied": "VERB", "at": "ADP", "under": "ADP"}, parse=parse, lemmas={"studied": "study"}),
              "newsgraph_entities", "newsgraph_roles")
    # no leader; the teacher is at Acme, though: a plain membership
    assert [(r.person.name, r.role, r.organization.name) for r in doc._.ng_roles] == [("Ann Lee", "member", "Acme")]


@pytest.mark.parametrize("text", ["Of Freedonian descent Ann Lee spoke .", "In his military career Ann Lee spoke .",
                                  "After the disaster Ann Lee spoke ."])
def test_nouns_with_a_role_suffix_that_name_no_post(text):
    assert role_rows(text, {"Ann Lee": "PERSON"}, None) == []


def test_an_apposition_after_where_the_person_is_from():
    # Professor Ann Lee of Acme , the chairman of the Harbour Committee , spoke .
    parse = [(2, "compound"), (2, "compound"), (13, "nsubj"), (2, "prep"), (3, "pobj"), (2, "punct"), (7, "det"),
             (2, "appos"), (7, "prep"), (11, "det"), (11, "compound"), (8, "pobj"), (2, "punct"), (13, "ROOT"),
             (13, "punct")]
    rows = role_rows("Professor Ann Lee of Acme , the chairman of the Harbour Committee , spoke .",
                     {"Ann Lee": "PERSON", "Acme": "ORG", "Harbour Committee": "ORG"}, parse)
    assert ("Ann Lee", "chairman", "Harbour Committee", None) in rows


def test_where_the_person_is_from_alone_gives_no_second_role():
    rows = role_rows("Professor Ann Lee of Acme said the race was close .", {"Ann Lee": "PERSON", "Acme": "ORG"}, None)
    assert [r[1] for r in rows] == ["professor"]


def _agent_rows(text, parse, lemmas):
    doc = make_doc(text, ents=ORG, pos={"which": "PRON", "is": "AUX", "by": "ADP", "led": "VERB", "run": "VERB",
                                        "hit": "VERB", "won": "VERB", "lost": "VERB"}, parse=parse, lemmas=lemmas)
    doc = run(doc, "newsgraph_entities", "newsgraph_roles")
    return [(r.person.name, r.role, r.organization.name) for r in doc._.ng_roles]


def test_a_body_which_is_led_by_a_person():
    # Acme , which is led by Ann Lee , won .
    parse = [(9, "nsubj"), (0, "punct"), (4, "nsubjpass"), (4, "auxpass"), (0, "relcl"), (4, "agent"),
             (7, "compound"), (5, "pobj"), (0, "punct"), (9, "ROOT"), (9, "punct")]
    assert _agent_rows("Acme , which is led by Ann Lee , won .", parse, {"led": "lead"}) == \
        [("Ann Lee", "leader", "Acme")]


def test_a_body_run_by_a_person_in_brackets():
    # Acme ( run|hit by Ann Lee ) won|lost .
    parse = [(7, "nsubj"), (2, "punct"), (0, "parataxis"), (2, "agent"), (5, "compound"), (3, "pobj"), (2, "punct"),
             (7, "ROOT"), (7, "punct")]
    assert _agent_rows("Acme ( run by Ann Lee ) won .", parse, {"run": "run"}) == [("Ann Lee", "head", "Acme")]
    assert _agent_rows("Acme ( hit by Ann Lee ) lost .", parse, {"hit": "hit"}) == []


def _met_rows(text, ents):
    doc = make_doc(text, ents={k: v for k, v in ents.items() if k in text},
                   pos={"They": "PRON", "met": "VERB", "there": "ADV", "'s": "PART"})
    doc = run(doc, "newsgraph_entities", "newsgraph_roles")
    return sorted((r.person.name, r.role, r.organization.name if r.organization else None) for r in doc._.ng_roles)


def test_a_titled_persons_body_after_the_possessive():
    ents = {"Ann Lee": "PERSON", "Harbour Army": "ORG", "Unity Party": "ORG"}
    assert _met_rows("They met Gen. Ann Lee 's Harbour Army there .", ents) == [("Ann Lee", "general", "Harbour Army")]
    assert _met_rows("They met Chairman Ann Lee 's Unity Party there .", ents) == \
        [("Ann Lee", "chairman", "Unity Party")]
    # a president's party is not where she presides
    assert _met_rows("They met President Ann Lee 's Unity Party there .", ents) == [("Ann Lee", "president", None)]


def test_an_abbreviated_title_inside_a_sentence():
    assert _met_rows("They met Gen. Ann Lee there .", {"Ann Lee": "PERSON"}) == [("Ann Lee", "general", None)]
