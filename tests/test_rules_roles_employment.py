"""Roles, model-free: employment and office shapes ("X joined Y", "X played for Y", "President X of Y",
"X current Prime Minister of Y", "X (1847-1909) the President of Y").

Hand-built Docs with entities, part-of-speech tags and (where a rule reads the parse) a
dependency parse; the sentences are the project's own.
"""

import pytest
from docbuild import make_doc, run

import newsgraph.nlp.pipeline  # noqa: F401  (registers the components)


def role_rows(text, ents, **kwargs):
    doc = run(make_doc(text, ents=ents, **kwargs), "newsgraph_entities", "newsgraph_roles")
    return sorted((r.person.name, r.role, r.organization.name if r.organization else None,
                   r.jurisdiction.name if r.jurisdiction else None, r.qualifier) for r in doc._.ng_roles)


# "Ann Lee <verb> ... Acme ...": subject, verb, then what the verb governs
def _subject_verb(rest):
    return [(1, "compound"), (2, "nsubj"), (2, "ROOT"), *rest]


@pytest.mark.parametrize("text, parse, pos, lemmas, expected", [
    ("Ann Lee joined Acme in 1998 .",
     _subject_verb([(2, "dobj"), (2, "prep"), (4, "pobj"), (2, "punct")]),
     {"joined": "VERB", "in": "ADP"}, {"joined": "join"}, ("Ann Lee", "member", "Acme", None, None)),
    # a title in "as ..." wins over the role the verb implies
    ("Ann Lee joined Acme as chief economist .",
     _subject_verb([(2, "dobj"), (2, "prep"), (6, "amod"), (4, "pobj"), (2, "punct")]),
     {"joined": "VERB", "as": "ADP", "chief": "ADJ"}, {"joined": "join"},
     ("Ann Lee", "chief economist", "Acme", None, None)),
    ("Ann Lee played for the Harbour Rovers .",
     _subject_verb([(2, "prep"), (6, "det"), (6, "compound"), (3, "pobj"), (2, "punct")]),
     {"played": "VERB", "for": "ADP", "the": "DET"}, {"played": "play"},
     ("Ann Lee", "player", "Harbour Rovers", None, None)),
    ("Ann Lee works at Acme .",
     _subject_verb([(2, "prep"), (3, "pobj"), (2, "punct")]),
     {"works": "VERB", "at": "ADP"}, {"works": "work"}, ("Ann Lee", "employee", "Acme", None, None)),
    # a later verb without a subject of its own speaks of the same person
    ("Ann Lee left Brightway and joined Acme .",
     _subject_verb([(2, "dobj"), (2, "cc"), (2, "conj"), (5, "dobj"), (2, "punct")]),
     {"left": "VERB", "and": "CCONJ", "joined": "VERB"}, {"left": "leave", "joined": "join"},
     ("Ann Lee", "member", "Acme", None, None)),
])
def test_verbs_of_joining_working_and_playing(text, parse, pos, lemmas, expected):
    ents = {"Ann Lee": "PERSON", "Acme": "ORG", "Brightway": "ORG", "Harbour Rovers": "ORG"}
    ents = {k: v for k, v in ents.items() if k in text}
    rows = role_rows(text, ents, parse=parse, pos=pos, lemmas=lemmas)
    if "left Brightway" in text:  # leaving a body: a former member of it
        assert ("Ann Lee", "member", "Brightway", None, "former") in rows
        rows = [row for row in rows if row[2] != "Brightway"]
    assert rows == [expected]


@pytest.mark.parametrize("text, ents, parse, pos, lemmas", [
    # joining a person, or a place, is not holding a post
    ("Ann Lee joined Tom Okafor on stage .", {"Ann Lee": "PERSON", "Tom Okafor": "PERSON"},
     _subject_verb([(4, "compound"), (2, "dobj"), (2, "prep"), (6, "pobj"), (2, "punct")]),
     {"joined": "VERB", "on": "ADP"}, {"joined": "join"}),
    ("Ann Lee played for Lagos .", {"Ann Lee": "PERSON", "Lagos": "GPE"},
     _subject_verb([(2, "prep"), (3, "pobj"), (2, "punct")]), {"played": "VERB", "for": "ADP"}, {"played": "play"}),
    # working with a body is not working for it
    ("Ann Lee worked with Acme .", {"Ann Lee": "PERSON", "Acme": "ORG"},
     _subject_verb([(2, "prep"), (3, "pobj"), (2, "punct")]), {"worked": "VERB", "with": "ADP"}, {"worked": "work"}),
    # the organisation is the subject, not what the person joined
    ("Acme joined Brightway .", {"Acme": "ORG", "Brightway": "ORG"},
     [(1, "nsubj"), (1, "ROOT"), (1, "dobj"), (1, "punct")], {"joined": "VERB"}, {"joined": "join"}),
])
def test_no_role_without_a_person_joining_an_organisation(text, ents, parse, pos, lemmas):
    assert role_rows(text, ents, parse=parse, pos=pos, lemmas=lemmas) == []


@pytest.mark.parametrize("text, ents, expected", [
    # an office held for a country: the place after the name is the jurisdiction
    ("President Ann Lee of Freedonia spoke .", {"Ann Lee": "PERSON", "Freedonia": "GPE"},
     ("Ann Lee", "president", None, "Freedonia", None)),
    ("Prime Minister Ann Lee of Freedonia spoke .", {"Ann Lee": "PERSON", "Freedonia": "GPE"},
     ("Ann Lee", "prime minister", None, "Freedonia", None)),
    # a professor "of Lagos" comes from there: no jurisdiction
    ("Professor Ann Lee of Lagos spoke .", {"Ann Lee": "PERSON", "Lagos": "GPE"},
     ("Ann Lee", "professor", None, None, None)),
    # "from" names the organisation of a title before the name
    ("singer Ann Lee from the Harbour Band spoke .", {"Ann Lee": "PERSON", "Harbour Band": "ORG"},
     ("Ann Lee", "singer", "Harbour Band", None, None)),
])
def test_office_and_organisation_after_a_titled_name(text, ents, expected):
    assert role_rows(text, ents, pos={"spoke": "VERB", "of": "ADP", "from": "ADP"}) == [expected]


@pytest.mark.parametrize("text, ents, expected", [
    # appositions without commas: words that say the post is held now are not part of it
    ("It is led by Ann Lee current Prime Minister of Freedonia .", {"Ann Lee": "PERSON", "Freedonia": "GPE"},
     ("Ann Lee", "prime minister", None, "Freedonia", None)),
    ("Ann Lee longtime chairman of Acme died .", {"Ann Lee": "PERSON", "Acme": "ORG"},
     ("Ann Lee", "chairman", "Acme", None, None)),
    # life dates in brackets between the name and its title
    ("It is named after Ann Lee ( 1847 - 1909 ) the President of Freedonia .",
     {"Ann Lee": "PERSON", "Freedonia": "GPE"}, ("Ann Lee", "president", None, "Freedonia", None)),
    ("It is named after Ann Lee ( 1847 - 1909 ) , president of Acme .",
     {"Ann Lee": "PERSON", "Acme": "ORG"}, ("Ann Lee", "president", "Acme", None, None)),
])
def test_appositions_after_tenure_words_and_life_dates(text, ents, expected):
    pos = {"current": "ADJ", "longtime": "ADJ", "died": "VERB", "is": "AUX", "led": "VERB", "named": "VERB",
           "It": "PRON", "after": "ADP", "by": "ADP", "1847": "NUM", "1909": "NUM"}
    assert role_rows(text, ents, pos=pos) == [expected]


def test_a_descriptor_before_a_title_opens_an_apposition_without_commas():
    rows = role_rows("Ann Lee solo artist and lead singer of Blue Rain lives here .",
                     {"Ann Lee": "PERSON", "Blue Rain": "ORG"}, pos={"solo": "ADJ", "lives": "VERB", "here": "ADV"})
    assert ("Ann Lee", "lead singer", "Blue Rain", None, None) in rows


def test_only_brackets_of_dates_are_skipped():
    from newsgraph.nlp.roles import _skip_life_dates

    doc = make_doc("Ann Lee ( 1847 - 1909 ) the president . Ann Lee ( Acme ) the president .",
                   pos={"1847": "NUM", "1909": "NUM"})
    assert _skip_life_dates(doc, 2, len(doc)) == 7  # past "( 1847 - 1909 )"
    assert _skip_life_dates(doc, 12, len(doc)) == 12  # "( Acme )" says something: not skipped
    assert _skip_life_dates(doc, 7, len(doc)) == 7  # no bracket


def test_a_form_of_address_between_the_title_and_the_name():
    rows = role_rows("Prime Minister of Freedonia Dr. Ann Lee spoke .", {"Freedonia": "GPE", "Ann Lee": "PERSON"},
                     pos={"spoke": "VERB", "of": "ADP", "Dr.": "PROPN"})
    assert rows == [("Ann Lee", "prime minister", None, "Freedonia", None)]


@pytest.mark.parametrize("text, ents, expected", [
    ("It is led by Ann Lee the third and current Prime Minister of Freedonia .",
     {"Ann Lee": "PERSON", "Freedonia": "GPE", "third": "ORDINAL"},
     [("Ann Lee", "prime minister", None, "Freedonia", None)]),
    ("It is led by Ann Lee the self - appointed President of Freedonia .",
     {"Ann Lee": "PERSON", "Freedonia": "GPE"}, [("Ann Lee", "president", None, "Freedonia", None)]),
    # a rank before the post, and a place noun's possessive, are not the post
    ("It is led by Ann Lee the No. 2 official at Acme .",
     {"Ann Lee": "PERSON", "Acme": "ORG"}, [("Ann Lee", "official", "Acme", None, None)]),
    ("It is led by Ann Lee the city 's longtime mayor and Unity Party boss .",
     {"Ann Lee": "PERSON", "Unity Party": "ORG"},
     [("Ann Lee", "boss", "Unity Party", None, None), ("Ann Lee", "mayor", None, None, None)]),
])
def test_words_before_a_title_in_an_apposition(text, ents, expected):
    doc = make_doc(text, ents=ents, pos={"It": "PRON", "is": "AUX", "led": "VERB", "by": "ADP", "third": "ADJ",
                                         "and": "CCONJ", "current": "ADJ", "appointed": "VERB", "No.": "NOUN",
                                         "2": "NUM", "longtime": "ADJ", "at": "ADP", "of": "ADP"})
    for token in doc:
        if token.text == "appointed":
            token.tag_ = "VBN"
    doc = run(doc, "newsgraph_entities", "newsgraph_roles")
    rows = sorted((r.person.name, r.role, r.organization.name if r.organization else None,
                   r.jurisdiction.name if r.jurisdiction else None, r.qualifier) for r in doc._.ng_roles)
    assert rows == expected


def test_a_clause_on_the_title_in_apposition_with_the_name():
    text = "They met the diplomat Ann Lee who was head of Acme ."
    parse = [(1, "nsubj"), (1, "ROOT"), (3, "det"), (1, "dobj"), (5, "compound"), (3, "appos"), (7, "nsubj"),
             (3, "relcl"), (7, "attr"), (8, "prep"), (9, "pobj"), (1, "punct")]
    rows = role_rows(text, {"Ann Lee": "PERSON", "Acme": "ORG"}, parse=parse,
                     pos={"They": "PRON", "met": "VERB", "the": "DET", "who": "PRON", "was": "AUX", "of": "ADP"},
                     lemmas={"met": "meet", "was": "be"})
    assert ("Ann Lee", "head", "Acme", None, None) in rows


def test_a_participle_the_parser_hung_on_be_carries_the_title():
    text = "Ann Lee was re - elected President of Freedonia ."
    parse = [(1, "compound"), (2, "nsubj"), (2, "ROOT"), (2, "acomp"), (2, "acomp"), (2, "acomp"), (5, "oprd"),
             (6, "prep"), (7, "pobj"), (2, "punct")]
    doc = make_doc(text, ents={"Ann Lee": "PERSON", "Freedonia": "GPE"}, parse=parse,
                   pos={"was": "AUX", "re": "VERB", "elected": "VERB", "of": "ADP"},
                   lemmas={"was": "be", "elected": "elect"})
    doc[5].tag_ = "VBN"
    doc = run(doc, "newsgraph_entities", "newsgraph_roles")
    assert [(r.person.name, r.role, r.organization, r.jurisdiction.name if r.jurisdiction else None)
            for r in doc._.ng_roles] == [("Ann Lee", "president", None, "Freedonia")]


def test_conjoined_subjects_share_a_plural_title():
    text = "Ann Lee and Tom Okafor are the only living former Mayors of Lagos ."
    parse = [(1, "compound"), (5, "nsubj"), (1, "cc"), (4, "compound"), (1, "conj"), (5, "ROOT"), (10, "det"),
             (10, "amod"), (10, "amod"), (10, "amod"), (5, "attr"), (10, "prep"), (11, "pobj"), (5, "punct")]
    doc = make_doc(text, ents={"Ann Lee": "PERSON", "Tom Okafor": "PERSON", "Lagos": "GPE"}, parse=parse,
                   pos={"and": "CCONJ", "are": "AUX", "the": "DET", "only": "ADJ", "living": "VERB",
                        "former": "ADJ", "Mayors": "PROPN", "of": "ADP"}, lemmas={"are": "be"})
    doc[10].tag_ = "NNPS"
    doc = run(doc, "newsgraph_entities", "newsgraph_roles")
    rows = sorted((r.person.name, r.role, r.qualifier, r.jurisdiction.name if r.jurisdiction else None)
                  for r in doc._.ng_roles)
    assert rows == [("Ann Lee", "mayor", "former", "Lagos"), ("Tom Okafor", "mayor", "former", "Lagos")]


def test_a_titled_agent_of_led_by_holds_the_role():
    text = "The Unity Party led by former president Ann Lee won ."
    parse = [(2, "det"), (2, "compound"), (9, "nsubj"), (2, "acl"), (3, "agent"), (6, "amod"), (4, "pobj"),
             (8, "compound"), (6, "appos"), (9, "ROOT"), (9, "punct")]
    rows = role_rows(text, {"Unity Party": "ORG", "Ann Lee": "PERSON"}, parse=parse,
                     pos={"The": "DET", "led": "VERB", "by": "ADP", "former": "ADJ", "won": "VERB"},
                     lemmas={"led": "lead", "won": "win"})
    assert ("Ann Lee", "leader", "Unity Party", None, None) in rows


def test_a_participle_hung_on_the_main_verb_speaks_of_the_organisation_before_it():
    text = "They met at the Acme Council chaired by Ann Lee ."
    parse = [(1, "nsubj"), (1, "ROOT"), (1, "prep"), (5, "det"), (5, "compound"), (2, "pobj"), (1, "advcl"),
             (6, "agent"), (9, "compound"), (7, "pobj"), (1, "punct")]
    doc = make_doc(text, ents={"Acme Council": "ORG", "Ann Lee": "PERSON"}, parse=parse,
                   pos={"They": "PRON", "met": "VERB", "at": "ADP", "the": "DET", "chaired": "VERB", "by": "ADP"},
                   lemmas={"met": "meet", "chaired": "chair"})
    doc[6].tag_ = "VBN"
    doc = run(doc, "newsgraph_entities", "newsgraph_roles")
    assert [(r.person.name, r.role, r.organization.name) for r in doc._.ng_roles] == [("Ann Lee", "chair",
                                                                                        "Acme Council")]


@pytest.mark.parametrize("text, expected", [
    # an elected seat: the state after "from" is the jurisdiction, not the country before the title
    ("It was won by Ann Lee the U.S. senator from Ohio .", ("Ann Lee", "senator", None, "Ohio", None)),
    # any other title keeps the place before it
    ("It was won by Ann Lee the U.S. ambassador from Ohio .", ("Ann Lee", "ambassador", None, "U.S.", None)),
])
def test_an_elected_seat_takes_the_state_after_from(text, expected):
    rows = role_rows(text, {"Ann Lee": "PERSON", "U.S.": "GPE", "Ohio": "GPE"},
                     pos={"It": "PRON", "was": "AUX", "won": "VERB", "by": "ADP", "from": "ADP"})
    assert rows == [expected]


def test_a_later_verb_of_the_same_subject_names_another_post():
    text = "Ann Lee is the head of Acme and serves as president of Brightway ."
    parse = [(1, "compound"), (2, "nsubj"), (2, "ROOT"), (4, "det"), (2, "attr"), (4, "prep"), (5, "pobj"),
             (2, "cc"), (2, "conj"), (8, "prep"), (9, "pobj"), (10, "prep"), (11, "pobj"), (2, "punct")]
    rows = role_rows(text, {"Ann Lee": "PERSON", "Acme": "ORG", "Brightway": "ORG"}, parse=parse,
                     pos={"is": "AUX", "the": "DET", "of": "ADP", "and": "CCONJ", "serves": "VERB", "as": "ADP"},
                     lemmas={"is": "be", "serves": "serve"})
    assert rows == [("Ann Lee", "head", "Acme", None, None), ("Ann Lee", "president", "Brightway", None, None)]
