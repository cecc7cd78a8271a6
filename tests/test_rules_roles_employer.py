"""Roles and entities, model-free: the employer or the place a title is held for, where the model
mistyped a name ("Varo served as President of Calderia" with Varo read as an organisation), left a
band untagged ("Velvet Engine bassist Ann Lee"), read a place as a nationality ("Calderia Chief
Minister Ann Lee"), or where a word sits between the place and the title ("Calderia's then president").

Hand-built Docs; the sentences are the project's own.
"""

import pytest
from docbuild import make_doc, run

import newsgraph.nlp.pipeline  # noqa: F401  (registers the components)


def extracted(text, ents, **kwargs):
    doc = run(make_doc(text, ents=ents, **kwargs), "newsgraph_entities", "newsgraph_roles")
    types = {c.name: c.type for c in doc._.ng_entities}
    roles = sorted((r.person.name, r.role, r.organization.name if r.organization else None,
                    r.jurisdiction.name if r.jurisdiction else None, r.qualifier) for r in doc._.ng_roles)
    return types, roles


# "Varo served as President of Calderia ."
_SERVED_AS = [(1, "nsubj"), (1, "ROOT"), (1, "prep"), (2, "pobj"), (3, "prep"), (4, "pobj"), (1, "punct")]
# "Varo was elected Governor of Calderia ."
_ELECTED = [(2, "nsubjpass"), (2, "auxpass"), (2, "ROOT"), (2, "oprd"), (3, "prep"), (4, "pobj"), (2, "punct")]


@pytest.mark.parametrize("text, parse, pos, lemmas", [
    ("Varo served as President of Calderia .", _SERVED_AS,
     {"served": "VERB", "as": "ADP", "of": "ADP"}, {"served": "serve", "President": "President"}),
    ("Varo was elected Governor of Calderia .", _ELECTED,
     {"was": "AUX", "elected": "VERB", "of": "ADP"}, {"elected": "elect", "Governor": "Governor"}),
])
def test_a_name_the_verb_gives_a_capitalised_post_is_a_person(text, parse, pos, lemmas):
    types, _ = extracted(text, {"Varo": "ORG", "Calderia": "GPE"}, parse=parse, pos=pos, lemmas=lemmas)
    assert types == {"Varo": "Person", "Calderia": "Place"}


def test_a_name_a_who_clause_elects_to_a_post_is_a_person():
    # "Varo , who was elected Mayor , left ."
    parse = [(8, "nsubj"), (0, "punct"), (4, "nsubjpass"), (4, "auxpass"), (0, "relcl"), (4, "oprd"),
             (0, "punct"), (8, "ROOT"), (8, "punct")]
    types, _ = extracted("Varo , who was elected Mayor , left .", {"Varo": "ORG"}, parse=parse,
                         pos={"who": "PRON", "was": "AUX", "elected": "VERB", "left": "VERB"},
                         lemmas={"elected": "elect", "Mayor": "Mayor"})
    assert types == {"Varo": "Person"}


def test_posts_a_country_or_a_company_can_take_leave_the_type_alone():
    # a country takes its turn as president of a council; a company serves as a sponsor
    parse = [(1, "nsubj"), (1, "ROOT"), (1, "attr"), (2, "prep"), (5, "det"), (3, "pobj"), (1, "punct")]
    types, _ = extracted("Calderia became president of the Council .", {"Calderia": "GPE", "Council": "ORG"},
                         parse=parse, pos={"became": "VERB", "of": "ADP", "the": "DET"}, lemmas={"became": "become"})
    assert types["Calderia"] == "Place"
    types, _ = extracted("Brindle served as lead sponsor .", {"Brindle": "ORG"},
                         parse=[(1, "nsubj"), (1, "ROOT"), (1, "prep"), (4, "amod"), (2, "pobj"), (1, "punct")],
                         pos={"served": "VERB", "as": "ADP", "lead": "ADJ"}, lemmas={"served": "serve"})
    assert types == {"Brindle": "Organization"}


def test_a_name_right_after_a_title_of_office_and_a_rank_is_a_person():
    types, _ = extracted("Prime Minister Gen. Varo Tenn said so .", {"Varo Tenn": "ORG"})
    assert types == {"Varo Tenn": "Person"}
    # a company title before it does not say so ("CEO" is no office)
    types, _ = extracted("The CEO Brindle Works said so .", {"Brindle Works": "ORG"})
    assert types == {"Brindle Works": "Organization"}


@pytest.mark.parametrize("text, ents, expected", [
    # the band the model left untagged, before the player's position and name
    ("Velvet Engine bassist Ann Lee left the band .", {"Ann Lee": "PERSON"},
     ("Ann Lee", "bassist", "Velvet Engine", None, None)),
    # the model cut the band's name short
    ("Glass Tigers Of Doom drummer Ann Lee left .", {"Glass Tigers": "ORG", "Ann Lee": "PERSON"},
     ("Ann Lee", "drummer", "Glass Tigers Of Doom", None, None)),
    # after "of", behind a player titled by a band position
    ("Bassist Ann Lee of Velvet Engine is 62 .", {"Ann Lee": "PERSON"},
     ("Ann Lee", "bassist", "Velvet Engine", None, None)),
    ("Singer Ann Lee of the Glass Tigers is 47 .", {"Ann Lee": "PERSON"},
     ("Ann Lee", "singer", "Glass Tigers", None, None)),
])
def test_a_band_named_around_a_players_position(text, ents, expected):
    _, roles = extracted(text, ents, pos={"of": "ADP", "the": "DET", "is": "AUX"})
    assert roles == [expected]


@pytest.mark.parametrize("text, ents", [
    ("Country singer Ann Lee sang .", {"Ann Lee": "PERSON"}),  # a genre, not a band
    ("The concert featured singer Ann Lee of Lagos .", {"Ann Lee": "PERSON", "Lagos": "GPE"}),  # where she is from
    ("Famed pianist Ann Lee played .", {"Ann Lee": "PERSON"}),
])
def test_no_band_from_a_genre_or_a_place(text, ents):
    types, roles = extracted(text, ents, pos={"of": "ADP"})
    assert [r[2] for r in roles] == [None]
    assert "Organization" not in types.values()


@pytest.mark.parametrize("text, ents, expected", [
    # a place the model read as a nationality, right before the title of its office and the holder
    ("Calderia Chief Minister Ann Lee resigned .", {"Calderia": "NORP", "Ann Lee": "PERSON"},
     ("Ann Lee", "chief minister", None, "Calderia", None)),
    ("Tarvik Mayor Ann Lee welcomed the troops .", {"Tarvik": "NORP", "Ann Lee": "PERSON"},
     ("Ann Lee", "mayor", None, "Tarvik", None)),
    # a one-word "person" right before the title of an office only a place has
    ("Tarvik Chief Minister Ann Lee resigned .", {"Tarvik": "PERSON", "Ann Lee": "PERSON"},
     ("Ann Lee", "chief minister", None, "Tarvik", None)),
    # nationalities and parties stay what they are
    ("Calderian Prime Minister Ann Lee spoke .", {"Calderian": "NORP", "Ann Lee": "PERSON"},
     ("Ann Lee", "prime minister", None, None, None)),
    ("Greek Prime Minister Ann Lee spoke .", {"Greek": "NORP", "Ann Lee": "PERSON"},
     ("Ann Lee", "prime minister", None, None, None)),
    ("Democrat Governor Ann Lee spoke .", {"Democrat": "NORP", "Ann Lee": "PERSON"},
     ("Ann Lee", "governor", None, None, None)),
    # a person before a title a person's staff can hold is that person's ("Tom Okafor's secretary")
    ("Okafor Secretary Ann Lee spoke .", {"Okafor": "PERSON", "Ann Lee": "PERSON"},
     ("Ann Lee", "secretary", None, None, None)),
])
def test_a_place_read_as_a_nationality_before_its_office(text, ents, expected):
    _, roles = extracted(text, ents)
    assert roles == [expected]


def test_a_qualifier_between_the_place_and_the_title():
    _, roles = extracted("They met Calderia 's then president Ann Lee in Tarvos .",
                         {"Calderia": "GPE", "Ann Lee": "PERSON", "Tarvos": "GPE"}, pos={"then": "ADV"})
    assert roles == [("Ann Lee", "president", None, "Calderia", "then")]
    _, roles = extracted("They met Acme 's then chairman Ann Lee there .",
                         {"Acme": "ORG", "Ann Lee": "PERSON"}, pos={"then": "ADV"})
    assert roles == [("Ann Lee", "chairman", "Acme", None, "then")]


def test_a_persons_own_party():
    _, roles = extracted("Polls showed Ann Lee 's Harbour Party ahead .", {"Ann Lee": "PERSON", "Harbour Party": "ORG"})
    assert roles == [("Ann Lee", "member", "Harbour Party", None, None)]
    _, roles = extracted("Polls showed Ann Lee 's Tiger party ahead .", {"Ann Lee": "PERSON", "Tiger": "ORG"})
    assert roles == [("Ann Lee", "member", "Tiger", None, None)]
    # a person's record label is not their party
    _, roles = extracted("It came out on Ann Lee 's Velvet Records label .",
                         {"Ann Lee": "PERSON", "Velvet Records": "ORG"})
    assert roles == [("Ann Lee", "recording artist", "Velvet Records", None, None)]


def test_a_title_the_model_read_into_a_name_is_cut_off():
    # at the start of a person's name, at the end of a place's
    types, roles = extracted("Harbour State Treasurer Ann B. Lee spoke .",
                             {"Harbour": "GPE", "Treasurer Ann B. Lee": "PERSON"})
    assert "Ann B. Lee" in types and roles == [("Ann B. Lee", "state treasurer", None, "Harbour", None)]
    types, roles = extracted("Calderia County Supervisor Ann Lee spoke .",
                             {"Calderia County Supervisor": "GPE", "Ann Lee": "PERSON"})
    assert types == {"Calderia County": "Place", "Ann Lee": "Person"}
    assert roles == [("Ann Lee", "supervisor", None, "Calderia County", None)]
    # a title that is part of how the person is named stays
    types, _ = extracted("Queen Ann Lee II opened it .", {"Queen Ann Lee II": "PERSON"})
    assert types == {"Queen Ann Lee II": "Person"}


def test_a_party_between_the_place_and_the_title():
    _, roles = extracted("Calderia Progressive Unionist Premier Ann Lee resigned .",
                         {"Calderia": "GPE", "Ann Lee": "PERSON"})
    assert roles == [("Ann Lee", "premier", None, "Calderia", None)]
    # a brief between them stays in the title
    _, roles = extracted("Calderia Energy Minister Ann Lee resigned .", {"Calderia": "GPE", "Ann Lee": "PERSON"})
    assert roles == [("Ann Lee", "energy minister", None, "Calderia", None)]


def test_labour_is_a_party_before_a_partys_title_and_a_brief_before_a_ministers():
    pos = {"They": "PRON", "met": "VERB"}
    _, roles = extracted("They met Labour leader Ann Lee .", {"Labour": "ORG", "Ann Lee": "PERSON"}, pos=pos)
    assert roles == [("Ann Lee", "leader", "Labour", None, None)]
    types, roles = extracted("They met Labour Minister Ann Lee .", {"Labour": "ORG", "Ann Lee": "PERSON"}, pos=pos)
    assert roles == [("Ann Lee", "labour minister", None, None, None)] and "Labour" not in types


def test_a_record_label_is_also_known_without_records():
    doc = run(make_doc("It came out on Velvet Records .", ents={"Velvet Records": "ORG"}), "newsgraph_entities")
    label = next(c for c in doc._.ng_entities if c.name == "Velvet Records")
    assert "Velvet" in label.aliases


@pytest.mark.parametrize("text, ents, expected", [
    ("It was the first release on Ann Lee 's newly formed Velvet Records label .",
     {"Ann Lee": "PERSON", "Velvet Records": "ORG"}, [("Ann Lee", "recording artist", "Velvet Records", None, None)]),
    ("It came out on Ann Lee 's label Glass Tiger Music .",
     {"Ann Lee": "PERSON", "Glass Tiger Music": "ORG"},
     [("Ann Lee", "recording artist", "Glass Tiger Music", None, None)]),
    ("It came out on Ann Lee 's Glass Tiger record label .",
     {"Ann Lee": "PERSON", "Glass Tiger": "ORG"}, [("Ann Lee", "recording artist", "Glass Tiger", None, None)]),
    # a company a person's possessive names says too little
    ("Ann Lee 's Brindle Works grew .", {"Ann Lee": "PERSON", "Brindle Works": "ORG"}, []),
])
def test_a_persons_own_record_label(text, ents, expected):
    _, roles = extracted(text, ents, pos={"newly": "ADV", "formed": "VERB", "grew": "VERB", "came": "VERB"})
    assert roles == expected


def test_a_record_labels_person():
    _, roles = extracted("They sent it to Velvet Records ' Ann Lee .", {"Velvet Records": "ORG", "Ann Lee": "PERSON"},
                         pos={"sent": "VERB", "They": "PRON"})
    assert roles == [("Ann Lee", "member", "Velvet Records", None, None)]
    # another body's possessive says too little ("Harbour Party's Ann Lee")
    _, roles = extracted("They sent it to Harbour Party 's Ann Lee .", {"Harbour Party": "ORG", "Ann Lee": "PERSON"},
                         pos={"sent": "VERB", "They": "PRON"})
    assert roles == []


def test_a_name_an_office_follows_is_a_persons():
    types, _ = extracted("Varo a former Prime Minister and author spoke .", {"Varo": "ORG"},
                         pos={"a": "DET", "former": "ADJ", "and": "CCONJ", "spoke": "VERB"})
    assert types == {"Varo": "Person"}
    types, roles = extracted("Varo currently president of Brindle Works spoke .", {"Varo": "ORG", "Brindle Works": "ORG"},
                             pos={"currently": "ADV", "of": "ADP", "spoke": "VERB"})
    assert types == {"Varo": "Person", "Brindle Works": "Organization"}
    assert roles == [("Varo", "president", "Brindle Works", None, None)]
    # a company leads, it holds no office
    types, _ = extracted("Brindle , a leader and innovator , grew .", {"Brindle": "ORG"},
                         pos={"a": "DET", "and": "CCONJ", "grew": "VERB"})
    assert types == {"Brindle": "Organization"}
