"""Roles, model-free: appositions without commas, nationality jurisdictions, verb and "under" roles.

Hand-built Docs with entities, part-of-speech tags and (where a rule reads the parse) a
dependency parse; the sentences are the project's own.
"""

import pytest
from docbuild import make_doc, run

import newsgraph.nlp.pipeline  # noqa: F401  (registers the components)


def role_rows(text, ents, **kwargs):
    doc = run(make_doc(text, ents=ents, **kwargs), "newsgraph_entities", "newsgraph_roles")
    return doc, sorted((r.person.name, r.role, r.organization.name if r.organization else None,
                        r.jurisdiction.name if r.jurisdiction else None, r.qualifier) for r in doc._.ng_roles)


@pytest.mark.parametrize("text, ents, pos, expected", [
    # descriptors between the preposition and the organisation
    ("Tom Okafor former leader of the notorious Northern Front died .",
     {"Tom Okafor": "PERSON", "Northern Front": "ORG"}, {"former": "ADJ", "notorious": "ADJ", "died": "VERB"},
     ("Tom Okafor", "leader", "Northern Front", None, "former")),
    ("said Ann Lee leader of centre - right Unity party .",
     {"Ann Lee": "PERSON", "Unity": "ORG"}, {"said": "VERB", "centre": "ADJ"},
     ("Ann Lee", "leader", "Unity", None, None)),
    # the title's head was read into the name by the model
    ("Reg Ember Leader of the Unity Party spoke .",
     {"Reg Ember Leader": "PERSON", "Unity Party": "ORG"}, {"spoke": "VERB"},
     ("Reg Ember Leader", "leader", "Unity Party", None, None)),
    # a qualifier, then the place the title names
    ("Ann Lee former Lagos mayor spoke .",
     {"Ann Lee": "PERSON", "Lagos": "GPE"}, {"former": "ADJ", "spoke": "VERB"},
     ("Ann Lee", "mayor", None, "Lagos", "former")),
    # the organisation right after the title, or right after the name
    ("said Ann Lee chief executive Acme Corp .",
     {"Ann Lee": "PERSON", "Acme Corp": "ORG"}, {"said": "VERB"},
     ("Ann Lee", "chief executive", "Acme Corp", None, None)),
    ("said Ann Lee Acme president .",
     {"Ann Lee": "PERSON", "Acme": "ORG"}, {"said": "VERB"},
     ("Ann Lee", "president", "Acme", None, None)),
    ("said Ann Lee a Lagos - based Unity leader .",
     {"Ann Lee": "PERSON", "Lagos": "GPE", "Unity": "ORG"}, {"said": "VERB", "based": "VERB"},
     ("Ann Lee", "leader", "Unity", None, None)),
    # "now" / "also" between the name and its apposition
    ("Armando Silva ( now President of Ruritania ) spoke .",
     {"Armando Silva": "PERSON", "Ruritania": "GPE"}, {"now": "ADV", "spoke": "VERB"},
     ("Armando Silva", "president", None, "Ruritania", None)),
    # "-in-chief" belongs to the title
    ("Ann Lee , commander - in - chief of the Northern Army , spoke .",
     {"Ann Lee": "PERSON", "Northern Army": "ORG"}, {"spoke": "VERB"},
     ("Ann Lee", "commander-in-chief", "Northern Army", None, None)),
    ("Acme editor - in - chief Ann Lee resigned .",
     {"Acme": "ORG", "Ann Lee": "PERSON"}, {"resigned": "VERB"},
     ("Ann Lee", "editor-in-chief", "Acme", None, None)),
    # abbreviated titles are written out; the place before them is the jurisdiction
    ("Lagos Gov. Ann Lee spoke .",
     {"Lagos": "GPE", "Ann Lee": "PERSON"}, {"Gov.": "PROPN", "spoke": "VERB"},
     ("Ann Lee", "governor", None, "Lagos", None)),
    # a title at the start of the sentence, the name after a comma
    ("Director of Acme , Ann Lee , spoke .",
     {"Acme": "ORG", "Ann Lee": "PERSON"}, {"spoke": "VERB"},
     ("Ann Lee", "director", "Acme", None, None)),
    # a titled name, then "of" the organisation
    ("The show has work by publisher Ann Lee of Daily Lantern .",
     {"Ann Lee": "PERSON", "Daily Lantern": "ORG"}, {"has": "VERB", "by": "ADP"},
     ("Ann Lee", "publisher", "Daily Lantern", None, None)),
    # a plural possessive
    ("Acme Airlines ' chief executive Ann Lee spoke .",
     {"Acme Airlines": "ORG", "Ann Lee": "PERSON"}, {"'": "PART", "spoke": "VERB"},
     ("Ann Lee", "chief executive", "Acme Airlines", None, None)),
    # "whose" after the organisation
    ("They fought the Northern Front whose leader Ann Lee fled .",
     {"Northern Front": "ORG", "Ann Lee": "PERSON"}, {"whose": "PRON", "fought": "VERB", "fled": "VERB"},
     ("Ann Lee", "leader", "Northern Front", None, None)),
    # two titles joined by a slash
    ("Acme President / CEO Ann Lee spoke .",
     {"Acme": "ORG", "Ann Lee": "PERSON"}, {"/": "SYM", "spoke": "VERB"},
     ("Ann Lee", "ceo", "Acme", None, None)),
    # descriptors between "of" and the organisation in a title before the name
    ("They met the CEO of Ruritania 's largest Acme Corp Ann Lee .",
     {"Ruritania": "GPE", "Acme Corp": "ORG", "Ann Lee": "PERSON"}, {"met": "VERB", "largest": "ADJ", "the": "DET"},
     ("Ann Lee", "ceo", "Acme Corp", None, None)),
    # "the" before a portfolio in a title before the name
    ("In 1904 Secretary of the Interior Ann Lee spoke .",
     {"1904": "DATE", "Ann Lee": "PERSON"}, {"In": "ADP", "the": "DET", "spoke": "VERB"},
     ("Ann Lee", "secretary of the interior", None, None, None)),
    # "a former ..." is an apposition even without the organisation
    ("Ann Lee a former health secretary declared .",
     {"Ann Lee": "PERSON"}, {"a": "DET", "former": "ADJ", "declared": "VERB"},
     ("Ann Lee", "health secretary", None, None, "former")),
    # a unit of the body between the title and the body, at the start of the sentence
    ("Executive director of the Lagos chapter of the Unity League Ann Lee said so .",
     {"Lagos": "GPE", "Unity League": "ORG", "Ann Lee": "PERSON"}, {"the": "DET", "said": "VERB", "so": "ADV"},
     ("Ann Lee", "executive director", "Unity League", None, None)),
    # how the post is held is not part of it
    ("Ann Lee , a practising homeopath , decided .",
     {"Ann Lee": "PERSON"}, {"a": "DET", "practising": "VERB", "decided": "VERB"},
     ("Ann Lee", "homeopath", None, None, None)),
    # a capitalised brief before a lower-case title, even when the model calls it a nationality
    ("in the words of the Crown prosecutor , Ann Lee , it failed .",
     {"Crown": "NORP", "Ann Lee": "PERSON"}, {"the": "DET", "failed": "VERB", "it": "PRON", "in": "ADP"},
     ("Ann Lee", "crown prosecutor", None, None, None)),
    # an elected title's seat after the name
    ("said Sen. Ann Lee of Ohio .",
     {"Ann Lee": "PERSON", "Ohio": "GPE"}, {"said": "VERB", "Sen.": "PROPN"},
     ("Ann Lee", "senator", None, "Ohio", None)),
    # a bracketed acronym between the organisation and the title
    ("said Central Bank ( CB ) President Ann Lee .",
     {"Central Bank": "ORG", "CB": "ORG", "Ann Lee": "PERSON"}, {"said": "VERB"},
     ("Ann Lee", "president", "Central Bank", None, None)),
    # the place owns the organisation the title names
    ("Ann Lee chairman of Lagos 's Unity Party spoke .",
     {"Ann Lee": "PERSON", "Lagos": "GPE", "Unity Party": "ORG"}, {"spoke": "VERB"},
     ("Ann Lee", "chairman", "Unity Party", None, None)),
    ("Ann Lee , a member of metal band Iron Yard , spoke .",
     {"Ann Lee": "PERSON", "Iron Yard": "ORG"}, {"spoke": "VERB", "metal": "NOUN"},
     ("Ann Lee", "member", "Iron Yard", None, None)),
    # a participle between the body and the title
    ("talks with Unity ' exiled leader Ann Lee ended .",
     {"Unity": "ORG", "Ann Lee": "PERSON"}, {"'": "PART", "exiled": "VERB", "ended": "VERB", "with": "ADP"},
     ("Ann Lee", "leader", "Unity", None, None)),
    # a company and its chairman
    ("bought by Acme Inc and chairman Ann Lee .",
     {"Acme Inc": "ORG", "Ann Lee": "PERSON"}, {"bought": "VERB", "by": "ADP", "and": "CCONJ"},
     ("Ann Lee", "chairman", "Acme Inc", None, None)),
    # an adjective before the organisation that names the title
    ("said Ann Lee a top Acme executive .",
     {"Ann Lee": "PERSON", "Acme": "ORG"}, {"said": "VERB", "a": "DET", "top": "ADJ"},
     ("Ann Lee", "executive", "Acme", None, None)),
    # the model read a lower-case title into the name
    ("said Ann Lee dean of students at Acme College .",
     {"Ann Lee dean": "PERSON", "Acme College": "ORG"}, {"said": "VERB", "at": "ADP"},
     ("Ann Lee dean", "dean", "Acme College", None, None)),
    # a role without its organisation, then "and" a role with one
    ("She met Ann Lee a famous Kenyan novelist and later leader of the Unity Party .",
     {"Ann Lee": "PERSON", "Kenyan": "NORP", "Unity Party": "ORG"},
     {"met": "VERB", "famous": "ADJ", "Kenyan": "ADJ", "later": "ADV"},
     ("Ann Lee", "leader", "Unity Party", None, None)),
])
def test_apposition_forms(text, ents, pos, expected):
    _, rows = role_rows(text, ents, pos=pos)
    assert expected in rows


def test_a_band_the_model_took_for_a_thing_is_the_members_organisation():
    doc, rows = role_rows("Ann Lee , a member of the Lagos band Blue Yard , spoke .",
                          {"Ann Lee": "PERSON", "Lagos": "GPE", "Blue Yard": "WORK_OF_ART"}, pos={"spoke": "VERB"})
    assert rows == [("Ann Lee", "member", "Blue Yard", None, None)]
    assert next(c for c in doc._.ng_entities if c.name == "Blue Yard").type == "Organization"


def test_coordinated_roles_after_also_share_the_organisation():
    _, rows = role_rows("Kevin Ode also a musician and member of Bauhaus left .",
                        {"Kevin Ode": "PERSON", "Bauhaus": "ORG"}, pos={"also": "ADV", "left": "VERB"})
    assert rows == [("Kevin Ode", "member", "Bauhaus", None, None), ("Kevin Ode", "musician", "Bauhaus", None, None)]


def test_nationality_on_a_title_is_the_place_the_article_names():
    _, rows = role_rows("Ann Lee , the Kenyan ambassador , met officials in Kenya .",
                        {"Ann Lee": "PERSON", "Kenyan": "NORP", "Kenya": "GPE"}, pos={"Kenyan": "ADJ", "met": "VERB"})
    assert rows == [("Ann Lee", "ambassador", None, "Kenya", None)]


def test_nationality_without_the_place_gives_no_jurisdiction():
    _, rows = role_rows("Ann Lee , the Kenyan ambassador , spoke .",
                        {"Ann Lee": "PERSON", "Kenyan": "NORP"}, pos={"Kenyan": "ADJ", "spoke": "VERB"})
    assert rows == [("Ann Lee", "ambassador", None, None, None)]


def test_a_title_before_the_next_name_is_not_the_previous_names():
    _, rows = role_rows("Lagos Gov. Ann Lee former Abuja Gov. Tom Okafor spoke .",
                        {"Lagos": "GPE", "Ann Lee": "PERSON", "Abuja": "GPE", "Tom Okafor": "PERSON"},
                        pos={"Gov.": "PROPN", "former": "ADJ", "spoke": "VERB"})
    assert rows == [("Ann Lee", "governor", None, "Lagos", None), ("Tom Okafor", "governor", None, "Abuja", "former")]


def test_a_councillors_party_is_not_the_roles_organisation():
    _, rows = role_rows("The winners were councillor Ann Lee of Unity Party .",
                        {"Ann Lee": "PERSON", "Unity Party": "ORG"}, pos={"were": "AUX"})
    assert rows == [("Ann Lee", "councillor", None, None, None)]


def test_a_title_after_a_comma_inside_a_sentence_is_a_list_item():
    _, rows = role_rows("They met Tom Okafor , director of Acme , Ann Lee and others .",
                        {"Tom Okafor": "PERSON", "Acme": "ORG", "Ann Lee": "PERSON"}, pos={"met": "VERB"})
    assert ("Ann Lee", "director", "Acme", None, None) not in rows
    assert ("Tom Okafor", "director", "Acme", None, None) in rows


# The parse-reading rules: heads are token indices.

def test_relative_clause_on_the_complement_gives_a_second_role():
    text = "Ann Lee was a teacher who served as president of Acme ."
    parse = [(1, "compound"), (2, "nsubj"), (2, "ROOT"), (4, "det"), (2, "attr"), (6, "nsubj"), (4, "relcl"),
             (6, "prep"), (7, "pobj"), (8, "prep"), (9, "pobj"), (2, "punct")]
    _, rows = role_rows(text, {"Ann Lee": "PERSON", "Acme": "ORG"}, parse=parse,
                        pos={"was": "AUX", "a": "DET", "who": "PRON", "served": "VERB", "as": "ADP", "of": "ADP"},
                        lemmas={"was": "be", "served": "serve"})
    assert rows == [("Ann Lee", "president", "Acme", None, None), ("Ann Lee", "teacher", None, None, None)]


def test_owned_by_gives_an_owner_role_at_each_conjoined_organisation():
    text = "Acme and Brightway are owned by Ann Lee ."
    parse = [(4, "nsubjpass"), (0, "cc"), (0, "conj"), (4, "auxpass"), (4, "ROOT"), (4, "agent"), (7, "compound"),
             (5, "pobj"), (4, "punct")]
    _, rows = role_rows(text, {"Acme": "ORG", "Brightway": "ORG", "Ann Lee": "PERSON"}, parse=parse,
                        pos={"and": "CCONJ", "are": "AUX", "owned": "VERB", "by": "ADP"}, lemmas={"owned": "own"})
    assert rows == [("Ann Lee", "owner", "Acme", None, None), ("Ann Lee", "owner", "Brightway", None, None)]


def test_assumed_command_of_gives_the_commander():
    text = "Ann Lee assumed command of the Northern Army ."
    parse = [(1, "compound"), (2, "nsubj"), (2, "ROOT"), (2, "dobj"), (3, "prep"), (7, "det"), (7, "compound"),
             (4, "pobj"), (2, "punct")]
    _, rows = role_rows(text, {"Ann Lee": "PERSON", "Northern Army": "ORG"}, parse=parse,
                        pos={"assumed": "VERB", "of": "ADP", "the": "DET"}, lemmas={"assumed": "assume"})
    assert rows == [("Ann Lee", "commander", "Northern Army", None, None)]


def test_commanded_gives_the_commander():
    text = "Ann Lee commanded the Northern Army ."
    parse = [(1, "compound"), (2, "nsubj"), (2, "ROOT"), (5, "det"), (5, "compound"), (2, "dobj"), (2, "punct")]
    _, rows = role_rows(text, {"Ann Lee": "PERSON", "Northern Army": "ORG"}, parse=parse,
                        pos={"commanded": "VERB", "the": "DET"}, lemmas={"commanded": "command"})
    assert rows == [("Ann Lee", "commander", "Northern Army", None, None)]


def test_a_body_under_a_titled_person_is_the_titles_organisation():
    text = "The Northern Army under General Ann Lee advanced ."
    parse = [(2, "det"), (2, "compound"), (7, "nsubj"), (2, "prep"), (6, "compound"), (6, "compound"), (3, "pobj"),
             (7, "ROOT"), (7, "punct")]
    _, rows = role_rows(text, {"Northern Army": "ORG", "Ann Lee": "PERSON"}, parse=parse,
                        pos={"under": "ADP", "advanced": "VERB", "The": "DET"})
    assert rows == [("Ann Lee", "general", "Northern Army", None, None)]


def test_resigned_as_gives_the_role():
    text = "Ann Lee resigned as chief executive of Acme ."
    parse = [(1, "compound"), (2, "nsubj"), (2, "ROOT"), (2, "prep"), (5, "amod"), (3, "pobj"), (5, "prep"),
             (6, "pobj"), (2, "punct")]
    _, rows = role_rows(text, {"Ann Lee": "PERSON", "Acme": "ORG"}, parse=parse,
                        pos={"resigned": "VERB", "as": "ADP", "of": "ADP", "chief": "ADJ"},
                        lemmas={"resigned": "resign"})
    assert rows == [("Ann Lee", "chief executive", "Acme", None, None)]


def test_owned_the_team_names_the_teams_organisation():
    text = "Ann Lee who owned the Acme team left ."
    parse = [(1, "compound"), (7, "nsubj"), (3, "nsubj"), (1, "relcl"), (6, "det"), (6, "compound"), (3, "dobj"),
             (7, "ROOT"), (7, "punct")]
    _, rows = role_rows(text, {"Ann Lee": "PERSON", "Acme": "ORG"}, parse=parse,
                        pos={"who": "PRON", "owned": "VERB", "the": "DET", "left": "VERB"}, lemmas={"owned": "own"})
    assert rows == [("Ann Lee", "owner", "Acme", None, None)]


def test_a_company_the_model_took_for_a_person_before_a_company_title():
    doc, rows = role_rows("Zeta chief executive Ann Lee spoke .",
                          {"Zeta": "PERSON", "Ann Lee": "PERSON"}, pos={"spoke": "VERB"})
    assert rows == [("Ann Lee", "chief executive", "Zeta", None, None)]
    assert next(c for c in doc._.ng_entities if c.name == "Zeta").type == "Organization"


def test_a_person_before_a_non_company_title_stays_a_person():
    doc, _ = role_rows("Lee adviser Tom Okafor spoke .",
                       {"Lee": "PERSON", "Tom Okafor": "PERSON"}, pos={"spoke": "VERB"})
    assert next(c for c in doc._.ng_entities if c.name == "Lee").type == "Person"


def test_a_photographers_home_town_is_not_a_seat():
    _, rows = role_rows("said photographer Ann Lee of Ohio .",
                        {"Ann Lee": "PERSON", "Ohio": "GPE"}, pos={"said": "VERB"})
    assert rows == [("Ann Lee", "photographer", None, None, None)]


def test_a_player_clause_names_the_club():
    text = "Ann Lee was a footballer who played for Lagos United ."
    parse = [(1, "compound"), (2, "nsubj"), (2, "ROOT"), (4, "det"), (2, "attr"), (6, "nsubj"), (4, "relcl"),
             (6, "prep"), (9, "compound"), (7, "pobj"), (2, "punct")]
    _, rows = role_rows(text, {"Ann Lee": "PERSON", "Lagos United": "ORG"}, parse=parse,
                        pos={"was": "AUX", "a": "DET", "who": "PRON", "played": "VERB", "for": "ADP"},
                        lemmas={"was": "be", "played": "play"})
    assert rows == [("Ann Lee", "footballer", "Lagos United", None, None)]


def test_every_coordinated_title_with_its_organisation():
    text = "Ann Lee is former chief of Acme and former head of Brightway ."
    parse = [(1, "compound"), (2, "nsubj"), (2, "ROOT"), (4, "amod"), (2, "attr"), (4, "prep"), (5, "pobj"),
             (4, "cc"), (9, "amod"), (4, "conj"), (9, "prep"), (10, "pobj"), (2, "punct")]
    _, rows = role_rows(text, {"Ann Lee": "PERSON", "Acme": "ORG", "Brightway": "ORG"}, parse=parse,
                        pos={"is": "AUX", "former": "ADJ", "of": "ADP", "and": "CCONJ"}, lemmas={"is": "be"})
    assert ("Ann Lee", "chief", "Acme", None, "former") in rows
    assert ("Ann Lee", "head", "Brightway", None, "former") in rows


def test_a_nationality_the_model_called_a_person_still_names_its_country():
    _, rows = role_rows("They back Ecuadoran President Ann Lee in Ecuador .",
                        {"Ecuadoran": "PERSON", "Ann Lee": "PERSON", "Ecuador": "GPE"}, pos={"back": "VERB"})
    assert ("Ann Lee", "president", None, "Ecuador", None) in rows


def test_a_titled_subject_keeps_the_role_its_verb_gives():
    text = "Governor of Ohio Ann Lee was elected to serve as President of Ruritania ."
    # the parser hangs the name on "of" of the subject "Governor"
    parse = [(6, "nsubjpass"), (0, "prep"), (4, "compound"), (4, "compound"), (1, "pobj"), (6, "auxpass"),
             (6, "ROOT"), (8, "aux"), (6, "xcomp"), (8, "prep"), (9, "pobj"), (10, "prep"), (11, "pobj"), (6, "punct")]
    _, rows = role_rows(text, {"Ohio": "GPE", "Ann Lee": "PERSON", "Ruritania": "GPE"}, parse=parse,
                        pos={"of": "ADP", "was": "AUX", "elected": "VERB", "to": "PART", "serve": "VERB", "as": "ADP"},
                        lemmas={"was": "be", "elected": "elect", "serve": "serve"})
    assert ("Ann Lee", "president", None, "Ruritania", None) in rows


def test_headed_by_a_name_as_a_title_gives_the_title_at_the_body():
    text = "They formed Unity Party headed by Ann Lee as president ."
    parse = [(1, "nsubj"), (1, "ROOT"), (3, "compound"), (1, "dobj"), (3, "acl"), (4, "agent"), (7, "compound"),
             (5, "pobj"), (4, "prep"), (8, "pobj"), (1, "punct")]
    _, rows = role_rows(text, {"Unity Party": "ORG", "Ann Lee": "PERSON"}, parse=parse,
                        pos={"formed": "VERB", "headed": "VERB", "by": "ADP", "as": "ADP"}, lemmas={"headed": "head"})
    assert ("Ann Lee", "president", "Unity Party", None, None) in rows


def test_a_plural_title_reaches_every_name_of_a_list_with_affiliations():
    text = "Elected were councillors Ann Lee from the Unity Party , Tom Okafor of Brightway , and Ruth Ade of Acme ."
    doc = make_doc(text, ents={"Ann Lee": "PERSON", "Unity Party": "ORG", "Tom Okafor": "PERSON", "Brightway": "ORG",
                               "Ruth Ade": "PERSON", "Acme": "ORG"},
                   pos={"Elected": "VERB", "were": "AUX", "councillors": "NOUN", "the": "DET"},
                   lemmas={"councillors": "councillor"})
    doc[2].tag_ = "NNS"  # the plural is what makes the title the whole list's
    doc = run(doc, "newsgraph_entities", "newsgraph_roles")
    rows = sorted((r.person.name, r.role, r.organization) for r in doc._.ng_roles)
    assert rows == [("Ann Lee", "councillor", None), ("Ruth Ade", "councillor", None), ("Tom Okafor", "councillor", None)]


@pytest.mark.parametrize("text, ents, pos, expected", [
    ("Ann Lee , a second year Acme art major , spoke .",
     {"Ann Lee": "PERSON", "second": "ORDINAL", "Acme": "ORG"}, {"a": "DET", "spoke": "VERB"},
     ("Ann Lee", "art major", "Acme", None, None)),
])
def test_what_comes_before_the_title_in_an_apposition(text, ents, pos, expected):
    _, rows = role_rows(text, ents, pos=pos)
    assert rows == [expected]


def test_a_superlative_is_not_part_of_the_title():
    text = "Ann Lee became the youngest Unity Council member ."
    parse = [(1, "compound"), (2, "nsubj"), (2, "ROOT"), (7, "det"), (7, "amod"), (6, "compound"), (7, "compound"),
             (2, "attr"), (2, "punct")]
    _, rows = role_rows(text, {"Ann Lee": "PERSON", "Unity Council": "ORG"}, parse=parse,
                        pos={"became": "VERB", "the": "DET", "youngest": "ADJ"}, lemmas={"became": "become"})
    assert rows == [("Ann Lee", "member", "Unity Council", None, None)]


def test_a_later_verb_without_its_own_subject_shares_the_names():
    text = "Ann Lee won , and becomes the president of Acme ."
    parse = [(1, "compound"), (2, "nsubj"), (2, "ROOT"), (2, "punct"), (2, "cc"), (2, "conj"), (7, "det"),
             (5, "attr"), (7, "prep"), (8, "pobj"), (2, "punct")]
    _, rows = role_rows(text, {"Ann Lee": "PERSON", "Acme": "ORG"}, parse=parse,
                        pos={"won": "VERB", "and": "CCONJ", "becomes": "VERB", "the": "DET", "of": "ADP"},
                        lemmas={"becomes": "become", "won": "win"})
    assert rows == [("Ann Lee", "president", "Acme", None, None)]


def test_resigned_his_leadership_in_gives_the_leader():
    text = "Ann Lee resigned his leadership in Unity Party ."
    parse = [(1, "compound"), (2, "nsubj"), (2, "ROOT"), (4, "poss"), (2, "dobj"), (4, "prep"), (7, "compound"),
             (5, "pobj"), (2, "punct")]
    _, rows = role_rows(text, {"Ann Lee": "PERSON", "Unity Party": "ORG"}, parse=parse,
                        pos={"resigned": "VERB", "his": "PRON", "in": "ADP"}, lemmas={"resigned": "resign"})
    assert rows == [("Ann Lee", "leader", "Unity Party", None, None)]


def test_newcomers_and_plural_titles_by_their_singular():
    doc = make_doc("They hired athletes Ann Lee and Tom Okafor , two newcomers .",
                   ents={"Ann Lee": "PERSON", "Tom Okafor": "PERSON"}, pos={"hired": "VERB", "two": "NUM"},
                   lemmas={"athletes": "athlete", "newcomers": "newcomer"})
    doc[2].tag_ = doc[10].tag_ = "NNS"
    doc = run(doc, "newsgraph_entities", "newsgraph_roles")
    assert sorted((r.person.name, r.role) for r in doc._.ng_roles) == [("Ann Lee", "athlete"), ("Tom Okafor", "athlete")]


@pytest.mark.parametrize("text, ents", [
    ("said Zeta 's chief creative officer Ann Lee .", {"Zeta": "PERSON", "Ann Lee": "PERSON"}),
    ("according to Zeta Games president Ann Lee .", {"Zeta Games": "PRODUCT", "Ann Lee": "PERSON"}),
])
def test_a_company_the_model_mistyped_before_its_officers_title(text, ents):
    doc, rows = role_rows(text, ents, pos={"said": "VERB", "according": "VERB", "to": "ADP"})
    company = next(iter(ents))
    assert [r[:3] for r in rows] == [("Ann Lee", rows[0][1], company)]
    assert next(c for c in doc._.ng_entities if c.name == company).type == "Organization"


def test_a_rank_before_the_name_and_a_participle_apposition_after_it():
    doc = make_doc("a visit from Major General Ann Lee commanding officer of the Northern Army .",
                   ents={"Ann Lee": "PERSON", "Northern Army": "ORG"},
                   pos={"a": "DET", "from": "ADP", "commanding": "VERB", "the": "DET"})
    doc[7].tag_ = "VBG"
    doc = run(doc, "newsgraph_entities", "newsgraph_roles")
    rows = sorted((r.person.name, r.role, r.organization.name if r.organization else None) for r in doc._.ng_roles)
    assert rows == [("Ann Lee", "commanding officer", "Northern Army"), ("Ann Lee", "major general", None)]


def test_the_body_that_promotes_a_name_to_a_post_is_its_organisation():
    text = "Zeta promotes Ann Lee to chief executive ."
    parse = [(1, "nsubj"), (1, "ROOT"), (3, "compound"), (1, "dobj"), (1, "prep"), (6, "amod"), (4, "pobj"),
             (1, "punct")]
    doc, rows = role_rows(text, {"Zeta": "PRODUCT", "Ann Lee": "PERSON"}, parse=parse,
                          pos={"promotes": "VERB", "to": "ADP", "chief": "ADJ"}, lemmas={"promotes": "promote"})
    assert rows == [("Ann Lee", "chief executive", "Zeta", None, None)]
    assert next(c for c in doc._.ng_entities if c.name == "Zeta").type == "Organization"


def test_assumed_the_presidency_at_gives_the_president():
    text = "Ann Lee assumed the presidency at Acme ."
    parse = [(1, "compound"), (2, "nsubj"), (2, "ROOT"), (4, "det"), (2, "dobj"), (2, "prep"), (5, "pobj"),
             (2, "punct")]
    _, rows = role_rows(text, {"Ann Lee": "PERSON", "Acme": "ORG"}, parse=parse,
                        pos={"assumed": "VERB", "the": "DET", "at": "ADP"}, lemmas={"assumed": "assume"})
    assert rows == [("Ann Lee", "president", "Acme", None, None)]


def test_a_title_between_two_names_is_the_first_names():
    _, rows = role_rows("interviews with Ann Lee CEO of Acme Tom Okafor CEO of Brightway and others .",
                        {"Ann Lee": "PERSON", "Acme": "ORG", "Tom Okafor": "PERSON", "Brightway": "ORG"},
                        pos={"with": "ADP", "and": "CCONJ"})
    assert rows == [("Ann Lee", "ceo", "Acme", None, None), ("Tom Okafor", "ceo", "Brightway", None, None)]


def test_a_two_word_person_before_a_company_title_stays_a_person():
    doc, _ = role_rows("interviews with Ann Lee CEO of Acme .", {"Ann Lee": "PERSON", "Acme": "ORG"},
                       pos={"with": "ADP"})
    assert next(c for c in doc._.ng_entities if c.name == "Ann Lee").type == "Person"
