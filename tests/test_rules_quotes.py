"""Quotes and datelines, model-free."""

from docbuild import make_doc, run

import newsgraph.nlp.pipeline  # noqa: F401  (registers the components)
from newsgraph.nlp.dateline import find_dateline
from newsgraph.nlp.quotes import quote_spans


def test_quote_spans_skip_short_scare_quotes_and_keep_the_quote_as_written():
    text = 'It is a "miracle" they said. "We will build it, and fast," she said.'
    ((start, end),) = quote_spans(text)
    assert text[start:end] == "We will build it, and fast,"


def test_unclosed_quote_stops_at_the_paragraph():
    text = '"This runs on and on\n\nNew paragraph "with a proper closed quote here" ok.'
    # what the open quote says in its own paragraph is quoted; it goes on in the next (news style)
    assert [text[s:e] for s, e in quote_spans(text)] == ["This runs on and on", "with a proper closed quote here"]


def quotes_of(text, ents, parse, lemmas, pos):
    doc = run(make_doc(text, ents=ents, parse=parse, lemmas=lemmas, pos=pos),
              "newsgraph_entities", "newsgraph_quotes")
    return doc._.ng_quotes, doc.text


def test_reported_speech_with_surname_speaker():
    text = "Daren Tang spoke . Tang added that the index matters ."
    parse = [(1, "compound"), (2, "nsubj"), (2, "ROOT"), (2, "punct"),
             (5, "nsubj"), (5, "ROOT"), (9, "mark"), (8, "det"), (9, "nsubj"), (5, "ccomp"), (5, "punct")]
    (quote,), text = quotes_of(text, [("Daren Tang", "PERSON"), ("Tang", "PERSON")], parse,
                         {"added": "add", "spoke": "speak"}, {"added": "VERB", "matters": "VERB", "spoke": "VERB"})
    assert quote.speaker.name == "Daren Tang"
    assert (quote.verb, quote.direct) == ("added", False)
    assert text[quote.start:quote.end] == "the index matters."


def test_pronoun_speaker_is_the_person_named_before():
    text = "Jane Roe arrived . She said that prices will fall soon ."
    parse = [(1, "compound"), (2, "nsubj"), (2, "ROOT"), (2, "punct"),
             (5, "nsubj"), (5, "ROOT"), (9, "mark"), (9, "nsubj"), (9, "aux"), (5, "ccomp"), (9, "advmod"), (5, "punct")]
    (quote,), text = quotes_of(text, {"Jane Roe": "PERSON"}, parse, {"said": "say"}, {"said": "VERB", "fall": "VERB"})
    assert quote.speaker.name == "Jane Roe"
    assert text[quote.start:quote.end] == "prices will fall soon."  # the full stop closes the report


def test_dateline_forms():
    fact = find_dateline("SHENZHEN, Sept. 2 (Xinhua) -- The cluster topped the index.")
    assert (fact.place, fact.month, fact.day, fact.agency) == ("Shenzhen", 9, 2, "Xinhua")
    fact = find_dateline("LONDON (Reuters) - Shares fell.")
    assert (fact.place, fact.agency, fact.month) == ("London", "Reuters", None)
    assert find_dateline("The economy grew, officials said - again.") is None


def test_a_wire_dateline_needs_no_agency():
    fact = find_dateline("OSLO, Feb 26 - Freight rates rose.")
    assert (fact.place, fact.month, fact.day, fact.agency) == ("Oslo", 2, 26, None)
    assert fact.end == len("OSLO, Feb 26 - ")
    fact = find_dateline("PORT LOUIS, Maur., March 3 -- Sugar output fell.")
    assert (fact.place, fact.month, fact.day) == ("Port Louis, Maur.", 3, 3)
    assert find_dateline("Freight rates, Feb 26 - a review.") is None  # not a place's case
    assert find_dateline("ST PAUL, Minn., Feb 26 - Grain fell.").place == "St Paul, Minn."


def test_a_city_in_capitals_before_a_long_dash_is_a_dateline_without_date_or_agency():
    fact = find_dateline("DENVER, Colorado — Brightline Inc. said it would hire 300 people.")
    assert (fact.place, fact.month, fact.agency) == ("Denver, Colorado", None, None)
    assert fact.end == len("DENVER, Colorado — ")
    assert find_dateline("OMAHA -- The council voted.").place == "Omaha"
    # a hyphen is too weak without a date or an agency, and so is a city written in lower case
    assert find_dateline("UPDATE 2 - Brightline plans cuts") is None
    assert find_dateline("EXCLUSIVE-Brightline plans cuts") is None
    assert find_dateline("Denver — The council voted.") is None


def test_a_dateline_month_in_lower_case():
    fact = find_dateline("KINGSTON, march 11 - The island capped its debt.")
    assert (fact.place, fact.month, fact.day) == ("Kingston", 3, 11)


def test_inserted_speech_verb_reports_what_came_before_it():
    text = "Jane Roe spoke . Prices will rise , she said , but wages lag ."
    parse = [(1, "compound"), (2, "nsubj"), (2, "ROOT"), (2, "punct"),
             (6, "nsubj"), (6, "aux"), (6, "ROOT"), (9, "punct"), (9, "nsubj"), (6, "parataxis"),
             (9, "punct"), (6, "cc"), (13, "nsubj"), (6, "conj"), (6, "punct")]
    (quote,), text = quotes_of(text, {"Jane Roe": "PERSON"}, parse, {"said": "say", "spoke": "speak"},
                               {"said": "VERB", "rise": "VERB", "lag": "VERB", "spoke": "VERB", "she": "PRON"})
    assert quote.speaker.name == "Jane Roe"
    assert text[quote.start:quote.end] == "Prices will rise"


def test_organisation_noun_speaks_for_the_organisation_named_in_the_sentence():
    text = "The Nordic Science Foundation will spend more , the foundation said ."
    parse = [(3, "det"), (3, "compound"), (3, "compound"), (5, "nsubj"), (5, "aux"), (10, "ccomp"),
             (5, "dobj"), (10, "punct"), (9, "det"), (10, "nsubj"), (10, "ROOT"), (10, "punct")]
    (quote,), text = quotes_of(text, {"Nordic Science Foundation": "ORG"}, parse, {"said": "say"},
                               {"said": "VERB", "spend": "VERB"})
    assert quote.speaker.name == "Nordic Science Foundation"
    assert text[quote.start:quote.end] == "The Nordic Science Foundation will spend more"


def test_quote_right_after_an_attributed_quote_has_the_same_speaker():
    import spacy

    from newsgraph.nlp.facts import register_extensions

    register_extensions()
    text = '"We are ready to act," Jane Roe said. "Nobody should doubt it for a moment."'
    doc = spacy.blank("en")(text)
    doc.ents = [doc.char_span(text.index("Jane"), text.index(" said"), label="PERSON")]
    said = next(t for t in doc if t.text == "said")
    roe = next(t for t in doc if t.text == "Roe")
    for t in doc:
        t.head = said if t.i < said.i + 2 else t  # a flat parse: everything hangs on "said"
    roe.dep_, said.dep_ = "nsubj", "ROOT"
    said.lemma_, said.pos_ = "say", "VERB"
    doc = run(doc, "newsgraph_entities", "newsgraph_quotes")
    assert [(q.speaker.name, text[q.start:q.end]) for q in doc._.ng_quotes] == [
        ("Jane Roe", "We are ready to act,"), ("Jane Roe", "Nobody should doubt it for a moment.")]


def test_quote_going_on_in_a_paragraph_without_an_opening_mark_closes_there():
    text = ('He said, "The first part was hard.\n\nBut we got there in the end." Then Ann Lee said, '
            '"We were simply the better side today."')
    assert [text[s:e] for s, e in quote_spans(text)] == ["The first part was hard.",
                                                         "We were simply the better side today."]


def test_titles_in_quotation_marks_are_not_quotes():
    text = 'The print called "Cowboys and Indians" hung beside "a very quiet morning in May".'
    assert [text[s:e] for s, e in quote_spans(text)] == ["a very quiet morning in May"]


def test_a_wire_dateline_may_name_its_agency_after_the_date():
    fact = find_dateline("TARBELL, Ost. March 11, Reuter - State Commissioner Jo Bloggs quit.")
    assert (fact.place, fact.month, fact.day, fact.agency) == ("Tarbell, Ost.", 3, 11, "Reuter")
    assert fact.end == len("TARBELL, Ost. March 11, Reuter - ")
    assert find_dateline("Tarbell, March 11, Bloggs - said so.") is None  # only an agency's name


def test_a_name_the_parser_set_beside_a_body_subject_speaks():
    # the parser made the body the subject and the name its apposition
    text = "Head of Acme 's export department ( EXD ) , Ana Ruiz , told reporters sales rose ."
    parse = [(5, "nmod"), (0, "prep"), (5, "poss"), (2, "case"), (5, "compound"), (13, "nsubj"), (5, "punct"),
             (5, "appos"), (5, "punct"), (5, "punct"), (11, "compound"), (5, "appos"), (5, "punct"), (13, "ROOT"),
             (13, "dobj"), (16, "nsubj"), (13, "ccomp"), (13, "punct")]
    (quote,), text = quotes_of(text, {"Acme 's export department": "ORG", "Ana Ruiz": "PERSON"}, parse,
                               {"told": "tell", "rose": "rise"}, {"told": "VERB", "rose": "VERB"})
    assert quote.speaker.name == "Ana Ruiz"
    assert text[quote.start:quote.end] == "sales rose."


def test_a_pronoun_after_a_report_by_a_surname_the_model_left_untagged_is_that_speaker():
    text = 'Ann Lee spoke . Tom Ruiz agreed . Lee said the plan works . " Nobody can choose , " she told reporters .'
    parse = [(1, "compound"), (2, "nsubj"), (2, "ROOT"), (2, "punct"), (5, "compound"), (6, "nsubj"), (6, "ROOT"),
             (6, "punct"), (9, "nsubj"), (9, "ROOT"), (11, "det"), (12, "nsubj"), (9, "ccomp"), (9, "punct"),
             (21, "punct"), (17, "nsubj"), (17, "aux"), (21, "ccomp"), (21, "punct"), (21, "punct"), (21, "nsubj"),
             (21, "ROOT"), (21, "dobj"), (21, "punct")]
    found, text = quotes_of(text, {"Ann Lee": "PERSON", "Tom Ruiz": "PERSON"}, parse,
                            {"said": "say", "told": "tell", "spoke": "speak", "agreed": "agree"},
                            {"said": "VERB", "told": "VERB", "spoke": "VERB", "agreed": "VERB", "works": "VERB",
                             "choose": "VERB", "can": "AUX", "she": "PRON", "Nobody": "PRON"})
    assert [(q.speaker.name, q.direct) for q in found] == [("Ann Lee", False), ("Ann Lee", True)]
