"""Figures, model-free: value/unit/qualifier parsing and the parse-based about/subject/period."""

import pytest
from docbuild import make_doc, run

import newsgraph.nlp.pipeline  # noqa: F401  (registers the components)
from newsgraph.nlp.figures import fractions, proportions, spell_out_row_label
from newsgraph.nlp.quantities import is_written_amount, parse_quantity, unmarked_currency


@pytest.mark.parametrize("text, value, unit, qualifier", [
    ("223.66 billion yuan", 223.66e9, "CNY", None),
    ("about 31.46 billion U.S. dollars", 31.46e9, "USD", "approximately"),
    ("100-billion-yuan", 1e11, "CNY", None),
    ("6.46 percent", 6.46, "percent", None),
    ("over 170", 170, "count", "more than"),
    ("4.7", 4.7, "count", None),
    ("twelve", 12, "count", None),
    ("forty percent", 40, "percent", None),
    ("a quarter", 0.25, "fraction", None),
    ("two", 2, "count", None),
    ("99,200", 99200, "count", None),
    ("NZ$5 million", 5e6, "NZD", None),
    ("€3bn", 3e9, "EUR", None),
    ("£250,000", 250000, "GBP", None),
    ("Rs 500 crore", 5e9, "INR", None),
    ("40 million Australian dollars", 4e7, "AUD", None),
    ("nearly 30 kilometres", 30, "km", "nearly"),
    ("at least 12", 12, "count", "at least"),
    ("3.5%", 3.5, "percent", None),
    ("120 millimetres", 120, "mm", None),
    ("up to 40 cm", 40, "cm", "up to"),
    ("12 inches", 12, "inch", None),
    # currencies the euro replaced, as wire copy names them, and words several countries share
    ("72 mln guilders", 72e6, "NLG", None),
    ("500 mln lire", 5e8, "ITL", None),
    ("1.2 billion marks", 1.2e9, "DEM", None),
    ("2 billion D-marks", 2e9, "DEM", None),
    ("five billion Ecus", 5e9, "XEU", None),
    ("3.5 billion French francs", 3.5e9, "FRF", None),
    ("40 mln Belgian francs", 4e7, "BEF", None),
    ("5 mln francs", 5e6, "CHF", None),
    ("2.1 billion Swedish crowns", 2.1e9, "SEK", None),
    ("300 mln Norwegian crowns", 3e8, "NOK", None),
    ("300 mln Kuwaiti dinars", 3e8, "KWD", None),
    ("12 mln Philippine pesos", 1.2e7, "PHP", None),
    ("50 mln Egyptian pounds", 5e7, "EGP", None),
    ("900 mln Italian lira", 9e8, "ITL", None),
    ("64 Canadian cts", 0.64, "CAD", None),
    ("424 mln bbls", 4.24e8, "barrel", None),
    ("about four times", 4, "fold", "approximately"),
    ("1.066 mln bpd", 1.066e6, "bpd", None),
    ("12 cts", 0.12, "USD", None),
])
def test_parse_quantity(text, value, unit, qualifier):
    quantity = parse_quantity(text)
    assert quantity.value == pytest.approx(value)
    assert (quantity.unit, quantity.qualifier) == (unit, qualifier)


@pytest.mark.parametrize("text", ["several", "some quarters", "many thirds", "the quarter"])
def test_words_without_a_number_are_not_a_quantity(text):
    assert parse_quantity(text) is None


def test_a_fraction_counts_the_parts_named_before_it():
    assert parse_quantity("three quarters").value == 0.75


def figures_of(text, ents, parse=None, pos=None, lemmas=None):
    doc = run(make_doc(text, ents=ents, parse=parse, pos=pos, lemmas=lemmas), "newsgraph_entities", "newsgraph_figures")
    return doc._.ng_figures


def test_count_is_about_the_noun_it_counts_and_belongs_to_the_clause_subject():
    # Acme produced 170 patents .
    parse = [(1, "nsubj"), (1, "ROOT"), (3, "nummod"), (1, "dobj"), (1, "punct")]
    (figure,) = figures_of("Acme produced 170 patents .", {"Acme": "ORG", "170": "CARDINAL"}, parse,
                           pos={"produced": "VERB"})
    assert (figure.value, figure.unit, figure.subject.name) == (170, "count", "Acme")
    assert figure.about == "patents produced by Acme"


def test_money_value_of_a_measure_with_owner_and_period():
    text = "The investment of Shenzhen reached 5 billion yuan in 2024 ."
    parse = [(1, "det"), (4, "nsubj"), (1, "prep"), (2, "pobj"), (4, "ROOT"), (6, "compound"),
             (7, "nummod"), (4, "dobj"), (4, "prep"), (8, "pobj"), (4, "punct")]
    (figure,) = figures_of(text, [("Shenzhen", "GPE"), ("5 billion yuan", "MONEY"), ("2024", "DATE")], parse,
                           pos={"reached": "VERB", "5": "NUM", "2024": "NUM"})
    assert (figure.value, figure.unit) == (5e9, "CNY")
    assert figure.about == "investment of Shenzhen"
    assert figure.subject.name == "Shenzhen"
    assert figure.period == "2024"


def test_ranks_years_and_dates_are_not_figures():
    figures = figures_of("It ranked No. 1 in 2025 , up from No. 2 on 09-02 .",
                         [("1", "CARDINAL"), ("2025", "CARDINAL"), ("2", "CARDINAL"), ("09-02", "CARDINAL")])
    assert figures == []


def test_fraction_the_model_missed_is_found():
    (figure,) = figures_of("A quarter of voters stayed home .", {})
    assert (figure.value, figure.unit) == (0.25, "fraction")


def test_bare_number_before_pct_is_a_percentage():
    (figure,) = figures_of("Output rose 5.2 pct .", {"5.2": "CARDINAL"})
    assert (figure.value, figure.unit, figure.span.text) == (5.2, "percent", "5.2 pct")


def test_headline_and_header_lines_are_not_read_for_facts():
    import spacy

    from newsgraph.nlp.facts import headline_end

    nlp = spacy.blank("en")
    text = " date 2024-01-17 Economy grows 5.2 pct in 2023\n\nThe economy grew 5.2 percent."
    assert headline_end(nlp(text)) == text.index("The economy")
    text = "Economy grows 5.2 pct\n\nThe economy grew."
    assert headline_end(nlp(text)) == text.index("The economy")
    assert headline_end(nlp("The economy grew 5 percent.\n\nMore text.")) == 0


def test_year_the_model_called_a_number_still_dates_a_figure():
    text = "Output rose 5 percent in 2023 ."
    (figure,) = figures_of(text, [("5 percent", "PERCENT"), ("2023", "CARDINAL")])
    assert figure.period == "2023"


def test_fraction_the_model_read_as_a_date_is_a_share_after_by():
    (figure,) = figures_of("Sales grew by a quarter .", {"a quarter": "DATE"})
    assert (figure.value, figure.unit) == (0.25, "fraction")
    assert figures_of("Sales rose in the third quarter .", {"the third quarter": "DATE"}) == []


def test_a_decade_dates_a_figure_and_does_not_crash():
    # issue 13: "1950s" passed the year test but the year finder found nothing in it
    (figure,) = figures_of("Sales rose 40 percent in the 1950s .", [("40 percent", "PERCENT"), ("1950s", "CARDINAL")])
    assert (figure.value, figure.period) == (40, "1950s")
    (figure,) = figures_of("Sales rose 40 percent in the 1950s .", [("40 percent", "PERCENT"), ("the 1950s", "DATE")])
    assert figure.period == "1950s"


def test_an_early_modern_year_is_a_year_not_a_figure():
    (figure,) = figures_of("The town had 300 residents in 1750 .", [("300", "CARDINAL"), ("1750", "CARDINAL")])
    assert (figure.value, figure.period) == (300, "1750")


@pytest.mark.parametrize("text, value, unit", [
    ("15 mln dlrs", 15e6, "USD"),
    ("20 mln stg", 20e6, "GBP"),
    ("1.2 bln Australian dlrs", 1.2e9, "AUD"),
    ("240,000 square meter", 240000, "m2"),
    ("5 sq km", 5, "km2"),
    ("18-fold", 18, "fold"),
    ("one in three", 1 / 3, "fraction"),
    ("two out of five", 0.4, "fraction"),
    ("1-1/8 pct", 1.125, "percent"),
    ("3/4", 0.75, "fraction"),
    ("12 cts", 0.12, "USD"),
    ("15-20 mln dlrs", 15e6, "USD"),
    ("an additional one mln", 1e6, "count"),
])
def test_wire_units_areas_folds_and_proportions(text, value, unit):
    quantity = parse_quantity(text)
    assert (quantity.value, quantity.unit) == (pytest.approx(value), unit)


def test_scorelines_are_not_figures_but_ranges_with_a_noun_are():
    # Oslo beat Riga 2 – 1 ; 3 - 5 boats sank .
    figures = figures_of("Oslo beat Riga 2 – 1 ; 3 - 5 boats sank .",
                         [("Oslo", "GPE"), ("Riga", "GPE"), ("2", "CARDINAL"), ("1", "CARDINAL"), ("3", "CARDINAL"),
                          ("5", "CARDINAL")],
                         pos={"beat": "VERB", "sank": "VERB", "2": "NUM", "1": "NUM", "3": "NUM", "5": "NUM",
                              "boats": "NOUN", "–": "PUNCT", "-": "PUNCT"})
    assert [f.value for f in figures] == [3]  # the range is one figure, given by its first number


def test_labels_ages_and_names_with_numbers_are_not_figures():
    text = "Ann Lee , 42 , visited Studio 54 and posts 542 and 543 when she was six , with 4chan users ."
    parse = [(1, "compound"), (5, "nsubj"), (1, "punct"), (1, "appos"), (1, "punct"), (5, "ROOT"), (5, "dobj"),
             (6, "appos"), (6, "cc"), (6, "conj"), (9, "appos"), (10, "cc"), (10, "conj"), (15, "advmod"),
             (15, "nsubj"), (5, "advcl"), (15, "attr"), (5, "punct"), (5, "prep"), (20, "compound"), (18, "pobj"),
             (5, "punct")]
    figures = figures_of(text, [("Ann Lee", "PERSON"), ("42", "CARDINAL"), ("54", "CARDINAL"), ("542", "CARDINAL"),
                                ("543", "CARDINAL"), ("six", "CARDINAL"), ("4chan", "CARDINAL")], parse,
                         pos={"visited": "VERB", "was": "AUX", "Studio": "PROPN", "posts": "NOUN", "42": "NUM",
                              "54": "NUM", "542": "NUM", "543": "NUM", "six": "NUM", "she": "PRON", "and": "CCONJ",
                              "when": "ADV", "with": "ADP"},
                         lemmas={"was": "be"})
    assert figures == []


def test_one_as_an_article_is_not_a_count_but_one_as_an_object_is():
    # One reader wrote . They fired one shell .
    parse = [(1, "nummod"), (2, "nsubj"), (2, "ROOT"), (2, "punct"),
             (5, "nsubj"), (5, "ROOT"), (7, "nummod"), (5, "dobj"), (5, "punct")]
    figures = figures_of("One reader wrote . They fired one shell .", [("One", "CARDINAL"), ("one", "CARDINAL")],
                         parse, pos={"wrote": "VERB", "fired": "VERB", "One": "NUM", "one": "NUM", "They": "PRON"})
    assert [(f.value, f.span.text) for f in figures] == [(1, "one")]


def test_the_same_large_amount_said_twice_is_one_figure():
    text = "Turnout reached 58 % . Later , turnout reached 58 % again ."
    figures = figures_of(text, [("58 %", "PERCENT"), ("58 %", "PERCENT")],
                         [(1, "nsubj"), (1, "ROOT"), (3, "nummod"), (1, "dobj"), (1, "punct"),
                          (8, "advmod"), (8, "punct"), (8, "nsubj"), (8, "ROOT"), (10, "nummod"), (8, "dobj"),
                          (8, "advmod"), (8, "punct")], pos={"reached": "VERB", "58": "NUM"})
    assert len(figures) == 1


def test_about_says_what_the_counted_noun_undergoes():
    # Five players were booked in the match .
    parse = [(1, "nummod"), (3, "nsubjpass"), (3, "auxpass"), (3, "ROOT"), (3, "prep"), (6, "det"), (4, "pobj"),
             (3, "punct")]
    (figure,) = figures_of("Five players were booked in the match .", {"Five": "CARDINAL"}, parse,
                           pos={"booked": "VERB", "were": "AUX", "Five": "NUM", "in": "ADP", "the": "DET"})
    assert figure.about == "players booked in the match"
    # 500 institutions received the invitation .
    parse = [(1, "nummod"), (2, "nsubj"), (2, "ROOT"), (4, "det"), (2, "dobj"), (2, "punct")]
    (figure,) = figures_of("500 institutions received the invitation .", {"500": "CARDINAL"}, parse,
                           pos={"received": "VERB", "500": "NUM", "the": "DET"})
    assert figure.about == "institutions that received the invitation"


def test_about_of_an_object_names_who_acted_and_a_dimension_names_what_it_measures():
    # The navy evacuated 80 people in Yeoncheon .
    parse = [(1, "det"), (2, "nsubj"), (2, "ROOT"), (4, "nummod"), (2, "dobj"), (4, "prep"), (5, "pobj"), (2, "punct")]
    (figure,) = figures_of("The navy evacuated 80 people in Yeoncheon .", [("80", "CARDINAL"), ("Yeoncheon", "GPE")],
                           parse, pos={"evacuated": "VERB", "80": "NUM", "The": "DET", "in": "ADP"})
    assert figure.about == "people evacuated by navy in Yeoncheon"
    # It is a 15 meter high lantern .
    parse = [(1, "nsubj"), (1, "ROOT"), (6, "det"), (4, "nummod"), (5, "npadvmod"), (6, "amod"), (1, "attr"),
             (1, "punct")]
    (figure,) = figures_of("It is a 15 meter high lantern .", {"15 meter": "QUANTITY"}, parse,
                           pos={"is": "AUX", "15": "NUM", "high": "ADJ", "It": "PRON", "a": "DET"},
                           lemmas={"is": "be"})
    assert (figure.value, figure.unit, figure.about) == (15, "m", "height of lantern")


def test_wire_amounts_the_model_left_bare_take_their_currency_and_lists_share_it():
    # Bids were 4,340 , 4,345 and 4,350 dlrs .
    text = "Bids were 4,340 , 4,345 and 4,350 dlrs ."
    parse = [(1, "nsubj"), (1, "ROOT"), (1, "attr"), (2, "punct"), (2, "conj"), (4, "cc"), (4, "conj"), (6, "npadvmod"),
             (1, "punct")]
    figures = figures_of(text, [("4,340", "CARDINAL"), ("4,345", "CARDINAL"), ("4,350", "CARDINAL")], parse,
                         pos={"were": "AUX", "4,340": "NUM", "4,345": "NUM", "4,350": "NUM", "and": "CCONJ"})
    assert [(f.value, f.unit) for f in figures] == [(4340, "USD"), (4345, "USD"), (4350, "USD")]


def test_money_an_organisation_spent_says_who_spent_it_on_what():
    # Acme spent 5 million dollars on research .
    parse = [(1, "nsubj"), (1, "ROOT"), (3, "compound"), (4, "nummod"), (1, "dobj"), (1, "prep"), (5, "pobj"),
             (1, "punct")]
    (figure,) = figures_of("Acme spent 5 million dollars on research .",
                           [("Acme", "ORG"), ("5 million dollars", "MONEY")], parse,
                           pos={"spent": "VERB", "5": "NUM", "million": "NUM", "on": "ADP"}, lemmas={"spent": "spend"})
    assert (figure.value, figure.unit) == (5e6, "USD")
    assert (figure.about, figure.subject.name) == ("spending on research", "Acme")


def test_about_of_an_object_of_have_or_average_is_the_noun_not_the_active_clause():
    # The institute has averaged 4.7 patents .
    parse = [(2, "det"), (3, "nsubj"), (3, "aux"), (3, "ROOT"), (5, "nummod"), (3, "dobj"), (3, "punct")]
    (figure,) = figures_of("The institute has averaged 4.7 patents .", {"4.7": "CARDINAL"}, parse,
                           pos={"averaged": "VERB", "has": "AUX", "The": "DET", "4.7": "NUM"},
                           lemmas={"averaged": "average", "has": "have"})
    assert figure.about == "patents"


def test_about_leaves_out_clauses_that_count_something_else_or_whose_doer_is_a_pronoun():
    # 170 universities owned 99,200 patents .
    parse = [(1, "nummod"), (2, "nsubj"), (2, "ROOT"), (4, "nummod"), (2, "dobj"), (2, "punct")]
    figures = figures_of("170 universities owned 99,200 patents .", {"170": "CARDINAL", "99,200": "CARDINAL"},
                         parse, pos={"owned": "VERB", "170": "NUM", "99,200": "NUM"}, lemmas={"owned": "own"})
    assert [f.about for f in figures] == ["universities", "patents owned by universities"]
    # The fund will pay for 4 million children it vaccinates .
    text = "The fund will pay for 4 million children it vaccinates ."
    parse = [(1, "det"), (3, "nsubj"), (3, "aux"), (3, "ROOT"), (3, "prep"), (6, "compound"), (7, "nummod"),
             (4, "pobj"), (9, "nsubj"), (7, "relcl"), (3, "punct")]
    (figure,) = figures_of(text, {"4 million": "CARDINAL"}, parse,
                           pos={"pay": "VERB", "will": "AUX", "vaccinates": "VERB", "it": "PRON", "for": "ADP",
                                "The": "DET", "4": "NUM", "million": "NUM"},
                           lemmas={"vaccinates": "vaccinate", "will": "will"})
    assert figure.about == "children"


def test_about_of_a_noun_an_active_clause_is_built_around_is_the_noun():
    # The gallery bases its show around 100 prints .
    text = "The gallery bases its show around 100 prints ."
    parse = [(1, "det"), (2, "nsubj"), (2, "ROOT"), (4, "poss"), (2, "dobj"), (2, "prep"), (7, "nummod"), (5, "pobj"),
             (2, "punct")]
    (figure,) = figures_of(text, {"100": "CARDINAL"}, parse,
                           pos={"bases": "VERB", "The": "DET", "its": "PRON", "around": "ADP", "100": "NUM"},
                           lemmas={"bases": "base"})
    assert figure.about == "prints"


def test_a_bare_number_a_verb_acts_on_is_what_was_done_not_the_doer():
    # The storm hit the town , killing 12 and wounding 30 .
    text = "The storm hit the town , killing 12 and wounding 30 ."
    parse = [(1, "det"), (2, "nsubj"), (2, "ROOT"), (4, "det"), (2, "dobj"), (2, "punct"), (2, "advcl"), (6, "dobj"),
             (7, "cc"), (7, "conj"), (9, "dobj"), (2, "punct")]
    figures = figures_of(text, {"12": "CARDINAL", "30": "CARDINAL"}, parse,
                         pos={"hit": "VERB", "killing": "VERB", "wounding": "VERB", "The": "DET", "the": "DET",
                              "12": "NUM", "30": "NUM", "and": "CCONJ"},
                         lemmas={"killing": "kill", "wounding": "wound", "hit": "hit"})
    assert [f.about for f in figures] == ["people killed by storm", "people wounded by storm"]


def test_money_worth_of_or_paid_for_a_thing_is_about_that_thing():
    # They signed him on a deal worth 2 million dollars .
    text = "They signed him on a deal worth 2 million dollars ."
    parse = [(1, "nsubj"), (1, "ROOT"), (1, "dobj"), (1, "prep"), (5, "det"), (3, "pobj"), (5, "amod"), (8, "compound"),
             (9, "nummod"), (6, "npadvmod"), (1, "punct")]
    (figure,) = figures_of(text, {"2 million dollars": "MONEY"}, parse,
                           pos={"signed": "VERB", "They": "PRON", "him": "PRON", "on": "ADP", "a": "DET",
                                "worth": "ADJ", "2": "NUM", "million": "NUM"})
    assert (figure.value, figure.about) == (2e6, "deal")
    # Acme sold 9 million euros of solar panels .
    text = "Acme sold 9 million euros of solar panels ."
    parse = [(1, "nsubj"), (1, "ROOT"), (3, "compound"), (4, "nummod"), (1, "dobj"), (4, "prep"), (7, "amod"),
             (5, "pobj"), (1, "punct")]
    (figure,) = figures_of(text, {"Acme": "ORG", "9 million euros": "MONEY"}, parse,
                           pos={"sold": "VERB", "9": "NUM", "million": "NUM", "of": "ADP", "solar": "ADJ"},
                           lemmas={"sold": "sell"})
    assert figure.about == "solar panels"
    # Acme will buy the mill for 3 million dollars .
    text = "Acme will buy the mill for 3 million dollars ."
    parse = [(2, "nsubj"), (2, "aux"), (2, "ROOT"), (4, "det"), (2, "dobj"), (2, "prep"), (7, "compound"),
             (8, "nummod"), (5, "pobj"), (2, "punct")]
    (figure,) = figures_of(text, {"Acme": "ORG", "3 million dollars": "MONEY"}, parse,
                           pos={"buy": "VERB", "will": "AUX", "the": "DET", "for": "ADP", "3": "NUM", "million": "NUM"})
    assert figure.about == "price of mill"


def test_with_x_doing_names_the_doer_and_pronoun_clauses_and_other_counts_are_left_out():
    # The game ended with Fiji winning three points .
    text = "The game ended with Fiji winning three points ."
    parse = [(1, "det"), (2, "nsubj"), (2, "ROOT"), (2, "prep"), (3, "pobj"), (2, "advcl"), (7, "nummod"), (5, "dobj"),
             (2, "punct")]
    (figure,) = figures_of(text, {"Fiji": "GPE", "three": "CARDINAL"}, parse,
                           pos={"ended": "VERB", "winning": "VERB", "The": "DET", "with": "ADP", "three": "NUM"},
                           lemmas={"winning": "win", "ended": "end"})
    assert figure.about == "points won by Fiji"
    # He was freed on 500 dollars bail .
    text = "He was freed on 500 dollars bail ."
    parse = [(2, "nsubjpass"), (2, "auxpass"), (2, "ROOT"), (2, "prep"), (5, "nummod"), (6, "compound"), (3, "pobj"),
             (2, "punct")]
    (figure,) = figures_of(text, {"500 dollars": "MONEY"}, parse,
                           pos={"freed": "VERB", "was": "AUX", "He": "PRON", "on": "ADP", "500": "NUM"},
                           lemmas={"freed": "free", "was": "be"})
    assert figure.about == "bail"
    # Lee scored 11 tries in 13 matches .
    text = "Lee scored 11 tries in 13 matches ."
    parse = [(1, "nsubj"), (1, "ROOT"), (3, "nummod"), (1, "dobj"), (1, "prep"), (6, "nummod"), (4, "pobj"),
             (1, "punct")]
    figures = figures_of(text, {"Lee": "PERSON", "11": "CARDINAL", "13": "CARDINAL"}, parse,
                         pos={"scored": "VERB", "in": "ADP", "11": "NUM", "13": "NUM"}, lemmas={"scored": "score"})
    assert figures[0].about == "tries scored by Lee"


def test_an_area_before_a_noun_is_the_area_of_it_and_the_means_of_an_act_is_said_as_done_by():
    # Crowds filled the 5,000 square meter square .
    text = "Crowds filled the 5,000 square meter plaza ."
    parse = [(1, "nsubj"), (1, "ROOT"), (6, "det"), (6, "nummod"), (5, "amod"), (6, "nmod"), (1, "dobj"), (1, "punct")]
    (figure,) = figures_of(text, {"the 5,000 square meter": "QUANTITY"}, parse,
                           pos={"filled": "VERB", "the": "DET", "5,000": "NUM", "square": "ADJ", "meter": "NOUN",
                                "plaza": "NOUN"})
    assert (figure.value, figure.unit, figure.about) == (5000, "m2", "area of plaza")
    # Acme stocked the shops with 900 bikes .
    text = "Acme stocked the shops with 900 bikes ."
    parse = [(1, "nsubj"), (1, "ROOT"), (3, "det"), (1, "dobj"), (1, "prep"), (6, "nummod"), (4, "pobj"), (1, "punct")]
    (figure,) = figures_of(text, {"Acme": "ORG", "900": "CARDINAL"}, parse,
                           pos={"stocked": "VERB", "the": "DET", "with": "ADP", "900": "NUM"},
                           lemmas={"stocked": "stock"})
    assert figure.about == "bikes stocked by Acme"


def test_a_level_the_parser_hung_on_the_verb_belongs_to_the_noun_before_it():
    # Acme is raising funds at the 5-million-dollar level .
    text = "Acme is raising funds at the 5-million-dollar level ."
    parse = [(2, "nsubj"), (2, "aux"), (2, "ROOT"), (2, "dobj"), (2, "prep"), (7, "det"), (7, "compound"), (4, "pobj"),
             (2, "punct")]
    (figure,) = figures_of(text, {"Acme": "ORG", "5-million-dollar": "MONEY"}, parse,
                           pos={"raising": "VERB", "is": "AUX", "funds": "NOUN", "at": "ADP", "the": "DET",
                                "level": "NOUN"},
                           lemmas={"raising": "raise", "level": "level", "is": "be"})
    assert (figure.value, figure.unit, figure.about) == (5e6, "USD", "funds")


def test_a_percentage_a_quantity_changed_by_is_the_change_and_a_level_is_the_quantity():
    # Exports rose 4 percent .
    parse = [(1, "nsubj"), (1, "ROOT"), (3, "nummod"), (1, "npadvmod"), (1, "punct")]
    (figure,) = figures_of("Exports rose 4 percent .", {"4 percent": "PERCENT"}, parse,
                           pos={"Exports": "NOUN", "rose": "VERB", "4": "NUM", "percent": "NOUN"},
                           lemmas={"rose": "rise", "Exports": "export"})
    assert (figure.value, figure.unit, figure.about) == (4, "percent", "rise in exports")
    # Sales grew by 9 percent .
    parse = [(1, "nsubj"), (1, "ROOT"), (1, "prep"), (4, "nummod"), (2, "pobj"), (1, "punct")]
    (figure,) = figures_of("Sales grew by 9 percent .", {"9 percent": "PERCENT"}, parse,
                           pos={"Sales": "NOUN", "grew": "VERB", "by": "ADP", "9": "NUM", "percent": "NOUN"},
                           lemmas={"grew": "grow", "Sales": "sale"})
    assert figure.about == "growth in sales"
    # Turnout reached 58 percent .
    parse = [(1, "nsubj"), (1, "ROOT"), (3, "nummod"), (1, "dobj"), (1, "punct")]
    (figure,) = figures_of("Turnout reached 58 percent .", {"58 percent": "PERCENT"}, parse,
                           pos={"Turnout": "NOUN", "reached": "VERB", "58": "NUM", "percent": "NOUN"},
                           lemmas={"reached": "reach"})
    assert figure.about == "Turnout"


# --- what a figure measures: classes of about (issue 15, item 5) ---------------------------------


def test_the_figure_inside_its_noun_phrase_is_left_out_of_about():
    # The other three opposition candidates lost .
    parse = [(4, "det"), (4, "amod"), (4, "nummod"), (4, "compound"), (5, "nsubj"), (5, "ROOT"), (5, "punct")]
    (figure,) = figures_of("The other three opposition candidates lost .", {"three": "CARDINAL"}, parse,
                           pos={"lost": "VERB", "other": "ADJ", "three": "NUM"}, lemmas={"lost": "lose"})
    assert figure.about == "other opposition candidates that lost"


def test_an_amount_the_verb_sets_its_object_to_measures_the_object():
    # The bank raised its rate to 7.5 pct .   (the number is no measure of the bank)
    parse = [(1, "det"), (2, "nsubj"), (2, "ROOT"), (4, "poss"), (2, "dobj"), (2, "prep"), (7, "nummod"),
             (5, "pobj"), (2, "punct")]
    (figure,) = figures_of("The bank raised its rate to 7.5 pct .", {"7.5": "CARDINAL"}, parse,
                           pos={"raised": "VERB", "its": "PRON", "to": "ADP", "7.5": "NUM"}, lemmas={"raised": "raise"})
    assert (figure.value, figure.unit, figure.about) == (7.5, "percent", "rate")
    # the parser may hang "at 40,000" on the object: The ministry put the toll at 40,000 .
    parse = [(1, "det"), (2, "nsubj"), (2, "ROOT"), (4, "det"), (2, "dobj"), (4, "prep"), (5, "pobj"), (2, "punct")]
    (figure,) = figures_of("The ministry put the toll at 40,000 .", {"40,000": "CARDINAL"}, parse,
                           pos={"put": "VERB", "at": "ADP", "40,000": "NUM"})
    assert figure.about == "toll"


def test_money_in_a_noun_is_about_that_noun():
    # The team won the cup and $ 1 million in prize money .
    parse = [(1, "det"), (2, "nsubj"), (2, "ROOT"), (4, "det"), (2, "dobj"), (4, "cc"), (8, "quantmod"),
             (8, "compound"), (4, "conj"), (8, "prep"), (11, "compound"), (9, "pobj"), (2, "punct")]
    (figure,) = figures_of("The team won the cup and $ 1 million in prize money .", {"$ 1 million": "MONEY"}, parse,
                           pos={"won": "VERB", "and": "CCONJ", "$": "SYM", "1": "NUM", "million": "NUM", "in": "ADP"},
                           lemmas={"won": "win"})
    assert (figure.value, figure.unit, figure.about) == (1e6, "USD", "prize money")


def _level_parse():
    # SUBJ reached 12,000 visitors .
    return [(1, "nsubj"), (1, "ROOT"), (3, "nummod"), (1, "dobj"), (1, "punct")]


def test_a_level_verb_makes_its_measure_subject_what_is_measured():
    (figure,) = figures_of("Attendance reached 12,000 visitors .", {"12,000": "CARDINAL"}, _level_parse(),
                           pos={"Attendance": "NOUN", "reached": "VERB", "12,000": "NUM"},
                           lemmas={"reached": "reach", "Attendance": "attendance"})
    assert figure.about == "Attendance"
    # money reaching people is no level: the counted noun stays
    (figure,) = figures_of("Money reached 12,000 visitors .", {"12,000": "CARDINAL"}, _level_parse(),
                           pos={"Money": "NOUN", "reached": "VERB", "12,000": "NUM"},
                           lemmas={"reached": "reach", "Money": "money"})
    assert figure.about.startswith("visitors")


def test_by_n_after_a_contest_verb_is_the_winning_margin():
    # Lopez defeated Smith by 312 votes .
    parse = [(1, "nsubj"), (1, "ROOT"), (1, "dobj"), (1, "prep"), (5, "nummod"), (3, "pobj"), (1, "punct")]
    (figure,) = figures_of("Lopez defeated Smith by 312 votes .", {"Lopez": "PERSON", "Smith": "PERSON",
                                                                   "312": "CARDINAL"}, parse,
                           pos={"defeated": "VERB", "by": "ADP", "312": "NUM"}, lemmas={"defeated": "defeat"})
    assert figure.about == "margin of Lopez over Smith in votes"
    # passive: Smith was defeated by 312 votes by Lopez .
    parse = [(2, "nsubjpass"), (2, "auxpass"), (2, "ROOT"), (2, "agent"), (5, "nummod"), (3, "pobj"), (5, "prep"),
             (6, "pobj"), (2, "punct")]
    (figure,) = figures_of("Smith was defeated by 312 votes by Lopez .", {"Lopez": "PERSON", "Smith": "PERSON",
                                                                          "312": "CARDINAL"}, parse,
                           pos={"was": "AUX", "defeated": "VERB", "by": "ADP", "312": "NUM"},
                           lemmas={"defeated": "defeat"})
    assert figure.about == "margin of Lopez over Smith in votes"
    # a contest won: the margin of the winner, the seat is no loser
    parse = [(1, "nsubj"), (1, "ROOT"), (3, "det"), (1, "dobj"), (1, "prep"), (6, "nummod"), (4, "pobj"), (1, "punct")]
    (figure,) = figures_of("Labour won the seat by 400 votes .", {"Labour": "ORG", "400": "CARDINAL"}, parse,
                           pos={"won": "VERB", "by": "ADP", "400": "NUM"}, lemmas={"won": "win"})
    assert figure.about == "margin of Labour in votes"


def test_votes_won_with_are_no_margin():
    # Lopez won with 312 votes .
    parse = [(1, "nsubj"), (1, "ROOT"), (1, "prep"), (4, "nummod"), (2, "pobj"), (1, "punct")]
    (figure,) = figures_of("Lopez won with 312 votes .", {"Lopez": "PERSON", "312": "CARDINAL"}, parse,
                           pos={"won": "VERB", "with": "ADP", "312": "NUM"}, lemmas={"won": "win"})
    assert "margin" not in figure.about


def test_in_which_takes_the_noun_the_relative_clause_describes():
    # The crash , in which 240 passengers died , shocked us .
    parse = [(1, "det"), (9, "nsubj"), (1, "punct"), (7, "prep"), (3, "pobj"), (6, "nummod"), (7, "nsubj"),
             (1, "relcl"), (1, "punct"), (9, "ROOT"), (9, "dobj"), (9, "punct")]
    (figure,) = figures_of("The crash , in which 240 passengers died , shocked us .", {"240": "CARDINAL"}, parse,
                           pos={"died": "VERB", "shocked": "VERB", "which": "PRON", "in": "ADP", "us": "PRON",
                                "240": "NUM"}, lemmas={"died": "die"})
    assert figure.about == "passengers that died in crash"


def test_per_cent_is_a_percentage_not_cents():
    quantity = parse_quantity("1.5 per cent")
    assert (quantity.value, quantity.unit) == (1.5, "percent")
    assert parse_quantity("12 cents").unit == "USD"


def test_wire_scale_the_model_left_out_is_part_of_the_figure():
    # Sales were 4.15 mln units .   (the model took only "4.15")
    parse = [(1, "nsubj"), (1, "ROOT"), (4, "nummod"), (4, "compound"), (1, "attr"), (1, "punct")]
    (figure,) = figures_of("Sales were 4.15 mln units .", {"4.15": "CARDINAL"}, parse,
                           pos={"were": "AUX", "4.15": "NUM"}, lemmas={"were": "be"})
    assert (figure.value, figure.span.text) == (pytest.approx(4.15e6), "4.15 mln")


def test_a_number_counting_a_compound_modifier_measures_the_whole_compound():
    # The record 4 mln unit sales rate stood .
    parse = [(6, "det"), (6, "nmod"), (4, "nummod"), (4, "compound"), (6, "compound"), (6, "compound"),
             (7, "nsubj"), (7, "ROOT"), (7, "punct")]
    (figure,) = figures_of("The record 4 mln unit sales rate stood .", {"4 mln": "CARDINAL"}, parse,
                           pos={"stood": "VERB", "4": "NUM"}, lemmas={"stood": "stand"})
    assert figure.about.startswith("record unit sales rate")


def test_wire_pairs_compare_and_restate_the_same_measure():
    # Net profit 3,651,000 vs 3,020,000 .   (a results table line: no verb)
    parse = [(1, "amod"), (1, "ROOT"), (1, "nummod"), (2, "prep"), (3, "pobj"), (1, "punct")]
    first, second = figures_of("Net profit 3,651,000 vs 3,020,000 .", [("3,651,000", "CARDINAL"),
                                                                       ("3,020,000", "CARDINAL")], parse,
                               pos={"Net": "ADJ", "vs": "ADP", "3,651,000": "NUM", "3,020,000": "NUM"})
    assert first.about == "Net profit"
    assert second.about == "Net profit"
    # Acme had gains of 952,000 dlrs or 11 cts per share .
    parse = [(1, "nsubj"), (1, "ROOT"), (1, "dobj"), (2, "prep"), (5, "nummod"), (3, "pobj"), (5, "cc"),
             (8, "nummod"), (5, "conj"), (8, "prep"), (9, "pobj"), (1, "punct")]
    gains, per_share = figures_of("Acme had gains of 952,000 dlrs or 11 cts per share .",
                                  [("Acme", "ORG"), ("952,000 dlrs", "MONEY"), ("11 cts", "MONEY")], parse,
                                  pos={"had": "VERB", "of": "ADP", "952,000": "NUM", "11": "NUM", "or": "CCONJ",
                                       "per": "ADP"}, lemmas={"had": "have"})
    assert (gains.value, gains.unit, gains.about) == (952000, "USD", "gains")
    assert (per_share.value, per_share.unit, per_share.span.text) == (0.11, "USD", "11 cts")
    assert per_share.about == "gains per share"


def test_wire_durations_are_not_figures():
    assert figures_of("Profit for the 12 mths rose .", {"12": "CARDINAL"}) == []


def test_about_ends_on_a_whole_phrase():
    from newsgraph.nlp.figures import _tidy

    assert _tidy("quarterly dividend of a share and") == "quarterly dividend of a share"
    assert _tidy("cumulative total for the season against 5.81") == "cumulative total for the season"
    assert _tidy("points won against Panama") == "points won against Panama"
    assert _tidy("Net profit vs profit 3,020,000") == "Net profit"
    assert _tidy("anti-") == "anti"
    assert _tidy("the") is None and _tidy(None) is None


def test_a_figure_from_which_another_rose_is_the_same_measure_and_currency():
    # Sales rose to 4.5 mln dlrs from 3.9 mln .
    parse = [(1, "nsubj"), (1, "ROOT"), (1, "prep"), (5, "nummod"), (5, "compound"), (2, "pobj"), (1, "prep"),
             (8, "nummod"), (6, "pobj"), (1, "punct")]
    text = "Sales rose to 4.5 mln dlrs from 3.9 mln ."
    now, before = figures_of(text, [("4.5 mln dlrs", "MONEY"), ("3.9", "CARDINAL")], parse,
                             pos={"rose": "VERB", "to": "ADP", "from": "ADP", "4.5": "NUM", "3.9": "NUM"},
                             lemmas={"rose": "rise"})
    assert (now.value, now.unit, now.about) == (pytest.approx(4.5e6), "USD", "Sales")
    assert (before.value, before.unit, before.about) == (pytest.approx(3.9e6), "USD", "Sales")


def test_a_percentage_restating_a_count_is_its_share():
    # Barnes won with 18,287 votes , or 53 pct .
    parse = [(1, "nsubj"), (1, "ROOT"), (1, "prep"), (4, "nummod"), (2, "pobj"), (4, "punct"), (4, "cc"),
             (8, "nummod"), (4, "conj"), (1, "punct")]
    votes, share = figures_of("Barnes won with 18,287 votes , or 53 pct .",
                              [("Barnes", "PERSON"), ("18,287", "CARDINAL"), ("53", "CARDINAL")], parse,
                              pos={"won": "VERB", "with": "ADP", "or": "CCONJ", "18,287": "NUM", "53": "NUM"},
                              lemmas={"won": "win"})
    assert votes.about == "votes of Barnes"
    assert (share.value, share.unit, share.about) == (53, "percent", "share of votes of Barnes")


def test_one_in_n_as_the_subject_takes_the_verb_of_the_clause():
    # One in three visits to the site came from Acme .
    parse = [(7, "nsubj"), (0, "prep"), (3, "nummod"), (1, "pobj"), (3, "prep"), (6, "det"), (4, "pobj"),
             (7, "ROOT"), (7, "prep"), (8, "pobj"), (7, "punct")]
    (figure,) = figures_of("One in three visits to the site came from Acme .", {"Acme": "ORG"}, parse,
                           pos={"came": "VERB", "in": "ADP", "to": "ADP", "from": "ADP", "One": "NUM", "three": "NUM"},
                           lemmas={"came": "come"})
    assert (figure.value, figure.unit) == (pytest.approx(1 / 3), "fraction")
    assert figure.about == "share of visits to the site that came from Acme"


def test_money_won_is_money_won_by_the_nearest_subject_not_the_subject():
    # Both teams going in , the home team won the cup and $ 50,000 .
    parse = [(1, "det"), (8, "nsubj"), (1, "acl"), (2, "advmod"), (8, "punct"), (7, "det"), (7, "compound"),
             (8, "nsubj"), (8, "ROOT"), (10, "det"), (8, "dobj"), (10, "cc"), (13, "nmod"), (10, "conj"), (8, "punct")]
    (figure,) = figures_of("Both teams going in , the home team won the cup and $ 50,000 .", {"$ 50,000": "MONEY"},
                           parse, pos={"won": "VERB", "going": "VERB", "in": "ADV", "and": "CCONJ", "$": "SYM",
                                       "50,000": "NUM"}, lemmas={"won": "win", "going": "go"})
    assert (figure.value, figure.unit) == (50000, "USD")
    assert figure.about == "money won by home team"


def test_a_count_in_apposition_measures_the_noun_it_renames():
    # The workforce , 3,000 people , will move .
    parse = [(1, "det"), (7, "nsubj"), (1, "punct"), (4, "nummod"), (1, "appos"), (1, "punct"), (7, "aux"),
             (7, "ROOT"), (7, "punct")]
    (figure,) = figures_of("The workforce , 3,000 people , will move .", {"3,000": "CARDINAL"}, parse,
                           pos={"will": "AUX", "move": "VERB", "3,000": "NUM"})
    assert figure.about.startswith("workforce")


def test_names_after_a_counted_title_carry_its_clause():
    # Two veteran politicians Ana Ruiz were defeated in the city .   (the parser hangs the noun on the name)
    parse = [(2, "nummod"), (2, "compound"), (4, "compound"), (4, "compound"), (6, "nsubjpass"), (6, "auxpass"),
             (6, "ROOT"), (6, "prep"), (9, "det"), (7, "pobj"), (6, "punct")]
    (figure,) = figures_of("Two veteran politicians Ana Ruiz were defeated in the city .",
                           {"Two": "CARDINAL", "Ana Ruiz": "PERSON"}, parse,
                           pos={"Two": "NUM", "were": "AUX", "defeated": "VERB", "in": "ADP"},
                           lemmas={"defeated": "defeat"})
    assert figure.about == "veteran politicians defeated in the city"


def test_a_results_table_row_label_is_what_its_figures_measure():
    # Sales 7.9 mln vs 9.4 mln   (no verb: the parser makes the label the root)
    parse = [(0, "ROOT"), (2, "nummod"), (0, "appos"), (2, "prep"), (5, "nummod"), (3, "pobj")]
    now, before = figures_of("Sales 7.9 mln vs 9.4 mln", [("7.9 mln", "CARDINAL"), ("9.4 mln", "CARDINAL")], parse,
                             pos={"vs": "ADP", "7.9": "NUM", "9.4": "NUM", "mln": "NOUN"})
    assert (now.value, now.about) == (pytest.approx(7.9e6), "Sales")
    assert (before.value, before.about) == (pytest.approx(9.4e6), "Sales")


def test_an_amount_a_change_reached_measures_what_changed():
    # Acme reported an increase in quarterly profits to 21.6 mln dlrs , or 1.00 dlr a share .
    words = "Acme reported an increase in quarterly profits to 21.6 mln dlrs , or 1.00 dlr a share ."
    parse = [(1, "nsubj"), (1, "ROOT"), (3, "det"), (1, "dobj"), (3, "prep"), (6, "amod"), (4, "pobj"), (3, "prep"),
             (10, "nummod"), (10, "compound"), (7, "pobj"), (10, "punct"), (10, "cc"), (14, "nummod"), (3, "conj"),
             (16, "det"), (14, "npadvmod"), (1, "punct")]
    total, per_share = figures_of(words, [("Acme", "ORG"), ("21.6 mln dlrs", "MONEY"), ("1.00 dlr", "MONEY")], parse,
                                  pos={"reported": "VERB", "in": "ADP", "to": "ADP", "or": "CCONJ", "quarterly": "ADJ",
                                       "21.6": "NUM", "1.00": "NUM"}, lemmas={"reported": "report"})
    assert (total.value, total.unit, total.about) == (pytest.approx(21.6e6), "USD", "quarterly profits")
    assert (per_share.value, per_share.about) == (1.0, "quarterly profits per share")


def test_a_share_of_keeps_whose_it_is():
    # Acme bought 5 percent of the company 's shares .
    parse = [(1, "nsubj"), (1, "ROOT"), (3, "nummod"), (1, "dobj"), (3, "prep"), (6, "det"), (8, "poss"), (6, "case"),
             (4, "pobj"), (1, "punct")]
    (figure,) = figures_of("Acme bought 5 percent of the company 's shares .", {"Acme": "ORG", "5 percent": "PERCENT"},
                           parse, pos={"bought": "VERB", "of": "ADP", "5": "NUM", "'s": "PART"},
                           lemmas={"bought": "buy"})
    assert figure.about == "share of company's shares"


def test_a_sentence_start_moved_inside_about_is_lower_case():
    # Last year 40 visitors came .
    parse = [(1, "amod"), (4, "npadvmod"), (3, "nummod"), (4, "nsubj"), (4, "ROOT"), (4, "punct")]
    (figure,) = figures_of("Last year 40 visitors came .", {"40": "CARDINAL"}, parse,
                           pos={"Last": "ADJ", "came": "VERB", "40": "NUM"}, lemmas={"came": "come"})
    assert figure.about == "visitors that came last year"


def test_what_a_thing_costs_someone():
    # The cap would cost growers $ 300 million .
    parse = [(1, "det"), (3, "nsubj"), (3, "aux"), (3, "ROOT"), (3, "dative"), (7, "quantmod"), (7, "compound"),
             (3, "dobj"), (3, "punct")]
    (figure,) = figures_of("The cap would cost growers $ 300 million .", {"$ 300 million": "MONEY"}, parse,
                           pos={"would": "AUX", "cost": "VERB", "$": "SYM", "300": "NUM", "million": "NUM"})
    assert (figure.value, figure.unit, figure.about) == (3e8, "USD", "cost of cap to growers")


def test_a_percentage_more_than_before_is_an_increase_in_the_amount_just_said():
    # Acme will spend $ 5 million on grants next year , forty percent more than in 2025 .
    words = "Acme will spend $ 5 million on grants next year , forty percent more than in 2025 ."
    parse = [(2, "nsubj"), (2, "aux"), (2, "ROOT"), (5, "quantmod"), (5, "compound"), (2, "dobj"), (2, "prep"),
             (6, "pobj"), (9, "amod"), (2, "npadvmod"), (2, "punct"), (12, "compound"), (13, "npadvmod"),
             (2, "advmod"), (13, "prep"), (14, "prep"), (15, "pobj"), (2, "punct")]
    money, more = figures_of(words, [("Acme", "ORG"), ("$ 5 million", "MONEY"), ("forty percent", "PERCENT"),
                                     ("2025", "DATE")], parse,
                             pos={"will": "AUX", "spend": "VERB", "$": "SYM", "5": "NUM", "million": "NUM", "on": "ADP",
                                  "more": "ADJ", "than": "ADP", "in": "ADP", "2025": "NUM"})
    assert money.about == "spending on grants"
    assert (more.value, more.unit, more.about) == (40, "percent", "increase in spending on grants")


def test_a_change_and_the_level_it_reached_are_two_figures():
    # Exports rose $ 2 billion to $ 40 billion .   (the model read one range; the parser one amount)
    parse = [(1, "nsubj"), (1, "ROOT"), (8, "quantmod"), (8, "quantmod"), (8, "quantmod"), (8, "quantmod"),
             (8, "quantmod"), (8, "compound"), (1, "npadvmod"), (1, "punct")]
    change, level = figures_of("Exports rose $ 2 billion to $ 40 billion .", {"$ 2 billion to $ 40 billion": "MONEY"},
                               parse, pos={"Exports": "NOUN", "rose": "VERB", "$": "SYM", "2": "NUM", "40": "NUM",
                                           "billion": "NUM", "to": "PART"}, lemmas={"rose": "rise", "Exports": "export"})
    assert (change.value, change.unit, change.about) == (2e9, "USD", "rise in exports")
    assert (level.value, level.unit, level.about) == (4e10, "USD", "Exports")
    # a range stays one figure when no verb of change takes it
    parse = [(1, "nsubj"), (1, "ROOT"), (8, "quantmod"), (8, "quantmod"), (8, "quantmod"), (8, "quantmod"),
             (8, "quantmod"), (8, "compound"), (1, "dobj"), (1, "punct")]
    (whole,) = figures_of("Repairs cost $ 2 billion to $ 3 billion .", {"$ 2 billion to $ 3 billion": "MONEY"}, parse,
                          pos={"cost": "VERB", "$": "SYM", "2": "NUM", "3": "NUM", "billion": "NUM", "to": "PART"})
    assert whole.value == 2e9


def test_a_change_by_an_amount_of_money_is_a_change():
    # Net profit fell 3 mln dlrs .
    parse = [(1, "amod"), (2, "nsubj"), (2, "ROOT"), (5, "nummod"), (5, "compound"), (2, "dobj"), (2, "punct")]
    (figure,) = figures_of("Net profit fell 3 mln dlrs .", {"3 mln dlrs": "MONEY"}, parse,
                           pos={"Net": "ADJ", "fell": "VERB", "3": "NUM"}, lemmas={"fell": "fall"})
    assert (figure.value, figure.unit, figure.about) == (3e6, "USD", "fall in net profit")


def test_a_dateline_is_no_part_of_about():
    # WASHINGTON , Feb 26 - Money supply rose to 736 billion dlrs .
    words = "WASHINGTON , Feb 26 - Money supply rose to 736 billion dlrs ."
    parse = [(6, "compound"), (0, "punct"), (6, "compound"), (2, "nummod"), (6, "punct"), (6, "compound"),
             (7, "nsubj"), (7, "ROOT"), (7, "prep"), (11, "compound"), (11, "compound"), (8, "pobj"), (7, "punct")]
    (figure,) = figures_of(words, [("WASHINGTON", "GPE"), ("Feb 26", "DATE"), ("736 billion dlrs", "MONEY")], parse,
                           pos={"rose": "VERB", "to": "ADP", "736": "NUM", "26": "NUM", "Money": "NOUN"},
                           lemmas={"rose": "rise"})
    assert figure.about == "Money supply"


def test_from_one_level_to_another_gives_both_levels():
    # Seats increased from 9 to 10 .   (the model read "9 to 10" as one range)
    parse = [(1, "nsubj"), (1, "ROOT"), (1, "prep"), (5, "quantmod"), (5, "quantmod"), (2, "pobj"), (1, "punct")]
    before, after = figures_of("Seats increased from 9 to 10 .", {"9 to 10": "CARDINAL"}, parse,
                               pos={"Seats": "NOUN", "increased": "VERB", "from": "ADP", "to": "PART", "9": "NUM",
                                    "10": "NUM"}, lemmas={"increased": "increase", "Seats": "seat"})
    assert (before.value, after.value) == (9, 10)
    assert before.about == after.about == "Seats"


def test_a_range_after_a_verb_of_change_stays_one_figure():
    # Earnings will increase 15 to 20 pct .
    parse = [(2, "nsubj"), (2, "aux"), (2, "ROOT"), (6, "quantmod"), (6, "quantmod"), (6, "nummod"), (2, "dobj"),
             (2, "punct")]
    (figure,) = figures_of("Earnings will increase 15 to 20 pct .", {"15 to 20 pct": "PERCENT"}, parse,
                           pos={"will": "AUX", "increase": "VERB", "to": "PART", "15": "NUM", "20": "NUM"})
    assert (figure.value, figure.unit) == (15, "percent")


@pytest.mark.parametrize("label, expected", [
    (["Shr"], "earnings per share"),
    (["Shr", "loss"], "loss per share"),
    (["Oper", "shr", "profit"], "operating profit per share"),
    (["Revs"], "revenues"),
    (["Avg", "shrs"], "average shares"),
    (["Qtly", "div"], "quarterly dividend"),
    (["Net"], "Net income"),
    (["Net", "loss"], "Net loss"),
    (["Sales"], "Sales"),
])
def test_a_wire_row_label_is_spelled_out(label, expected):
    assert spell_out_row_label(label) == expected


def test_an_abbreviated_row_label_reaches_the_figure():
    # Shr loss 22 cts vs 18 cts
    parse = [(1, "compound"), (1, "ROOT"), (3, "nummod"), (1, "appos"), (3, "prep"), (6, "nummod"), (4, "pobj")]
    now, before = figures_of("Shr loss 22 cts vs 18 cts", [("22 cts", "MONEY"), ("18 cts", "MONEY")], parse,
                             pos={"Shr": "PROPN", "loss": "NOUN", "vs": "ADP", "22": "NUM", "18": "NUM", "cts": "NOUN"})
    assert (now.value, now.unit, now.about) == (pytest.approx(0.22), "USD", "loss per share")
    assert before.about == "loss per share"


def test_a_rate_before_the_noun_is_no_part_of_what_an_amount_buys():
    # Acme redeemed 4 mln dlrs of its 8.70 pct notes .
    words = "Acme redeemed 4 mln dlrs of its 8.70 pct notes ."
    parse = [(1, "nsubj"), (1, "ROOT"), (4, "nummod"), (4, "compound"), (1, "dobj"), (4, "prep"), (9, "poss"),
             (9, "nummod"), (9, "compound"), (5, "pobj"), (1, "punct")]
    amount, rate = figures_of(words, [("Acme", "ORG"), ("4 mln dlrs", "MONEY"), ("8.70", "CARDINAL")], parse,
                              pos={"redeemed": "VERB", "of": "ADP", "4": "NUM", "8.70": "NUM", "pct": "NOUN",
                                   "notes": "NOUN", "dlrs": "NOUN", "mln": "NOUN"}, lemmas={"redeemed": "redeem"})
    assert (amount.unit, amount.about) == ("USD", "notes")
    assert (rate.unit, rate.about) == ("percent", "notes")


def test_a_percent_word_is_not_what_a_figure_measures():
    # Prices fell after rises of 3 pct and 6 pct .   (the parser hangs the second figure on the first one's unit)
    words = "Prices fell after rises of 3 pct and 6 pct ."
    parse = [(1, "nsubj"), (1, "ROOT"), (1, "prep"), (2, "pobj"), (3, "prep"), (6, "nummod"), (4, "pobj"),
             (6, "cc"), (9, "nummod"), (6, "conj"), (1, "punct")]
    first, second = figures_of(words, [("3", "CARDINAL"), ("6", "CARDINAL")], parse,
                               pos={"fell": "VERB", "after": "ADP", "of": "ADP", "3": "NUM", "6": "NUM", "pct": "NOUN",
                                    "rises": "NOUN", "Prices": "NOUN"}, lemmas={"fell": "fall", "rises": "rise"})
    assert (first.unit, first.about) == ("percent", "rises")
    assert (second.value, second.unit, second.about) == (6, "percent", None)


def test_a_compared_count_restates_the_count_not_the_share_between():
    # Acme holds 900 shares , or 9 pct of the total , from 700 .
    words = "Acme holds 900 shares , or 9 pct of the total , from 700 ."
    parse = [(1, "nsubj"), (1, "ROOT"), (3, "nummod"), (1, "dobj"), (3, "punct"), (3, "cc"), (7, "nummod"),
             (3, "conj"), (7, "prep"), (10, "det"), (8, "pobj"), (1, "punct"), (1, "prep"), (12, "pobj"),
             (1, "punct")]
    figures = figures_of(words, [("Acme", "ORG"), ("900", "CARDINAL"), ("9 pct", "PERCENT"), ("700", "CARDINAL")],
                         parse, pos={"holds": "VERB", "from": "ADP", "of": "ADP", "900": "NUM", "9": "NUM",
                                     "700": "NUM", "shares": "NOUN", "pct": "NOUN", "total": "NOUN"},
                         lemmas={"holds": "hold", "shares": "share"})
    by_value = {f.value: f for f in figures}
    assert by_value[700].about == by_value[900].about
    assert "shares" in by_value[900].about


def test_proportions_and_fractions_are_found_by_their_words():
    doc = make_doc("One in three visits and 2 out of 5 users , not in 2020 , grew by a quarter ; two-thirds of "
                   "them and two thirds more , in all .")
    spans = [doc[start:end].text for start, end in proportions(doc)]
    assert spans == ["One in three", "2 out of 5"]
    assert [doc[start:end].text for start, end in fractions(doc)] == ["a quarter", "two-thirds", "two thirds"]
    doc = make_doc("It gave 4.5 million in 2021 and three in 2022 .")  # amounts and when, not shares
    assert proportions(doc) == []


def test_a_measure_of_something_is_about_that_thing():
    text = "The storm dropped 120 millimetres of rain ."
    parse = [(1, "det"), (2, "nsubj"), (2, "ROOT"), (4, "nummod"), (2, "dobj"), (4, "prep"), (5, "pobj"), (2, "punct")]
    [figure] = figures_of(text, {"120 millimetres": "QUANTITY"}, parse=parse, pos={"dropped": "VERB", "120": "NUM"})
    assert (figure.value, figure.unit, figure.about) == (120, "mm", "rain")


def test_how_many_times_a_title_was_won_and_an_age_after_a_role_are_not_figures():
    assert figures_of("The five - time champions won .", {"five": "CARDINAL"}) == []
    parse = [(1, "det"), (5, "nsubj"), (1, "punct"), (1, "appos"), (1, "punct"), (5, "ROOT"), (5, "punct")]
    assert figures_of("The striker , 25 , scored .", {"25": "CARDINAL"}, parse=parse, pos={"scored": "VERB"}) == []
    [figure] = figures_of("The firm , 25 , grew .", {"25": "CARDINAL"}, parse=parse, pos={"grew": "VERB"})
    assert figure.value == 25  # only people have ages


def test_what_hangs_on_the_figure_is_not_part_of_what_it_measures():
    text = "Police offered a reward of 500 dollars for tips ."
    parse = [(1, "nsubj"), (1, "ROOT"), (3, "det"), (1, "dobj"), (3, "prep"), (6, "nummod"), (4, "pobj"), (6, "prep"),
             (7, "pobj"), (1, "punct")]
    [figure] = figures_of(text, {"500 dollars": "MONEY"}, parse=parse, pos={"offered": "VERB", "500": "NUM"})
    assert figure.about == "reward"


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("175 kilometres per hour", 175, "km/h"),
    ("210 km/h", 210, "km/h"),
    ("60 kph", 60, "km/h"),
    ("35 mph", 35, "mph"),
    ("20 miles an hour", 20, "mph"),
    ("12 miles", 12, "mile"),  # a distance stays one
    ("4.3 billion meticais", 4.3e9, "MZN"),
    ("20 euro cents", 0.2, "EUR"),
    ("12 cts a share", 0.12, "USD"),
])
def test_speeds_new_currencies_and_cents_of_named_currencies(text, value, unit):
    quantity = parse_quantity(text)
    assert quantity is not None and quantity.unit == unit and quantity.value == pytest.approx(value)


def test_a_dollars_cents_take_the_storys_dollar_but_named_cents_and_percentages_do_not():
    assert unmarked_currency("12 cents a litre") == "dollar"
    assert unmarked_currency("20 euro cents") is None
    assert unmarked_currency("64 Canadian cts") is None
    assert unmarked_currency("4.5 per cent") is None


@pytest.mark.parametrize("text, value, unit", [
    ("Rp 172.9 trillion", 172.9e12, "IDR"),
    ("RM 50 million", 50e6, "MYR"),
    ("KSh 2.1 billion", 2.1e9, "KES"),
    ("FJ$10 million", 10e6, "FJD"),
    ("GH₵4.2 billion", 4.2e9, "GHS"),
    ("450,000 soles", 450e3, "PEN"),
])
def test_letter_currency_signs(text, value, unit):
    quantity = parse_quantity(text)
    assert (quantity.value, quantity.unit) == (value, unit)


@pytest.mark.parametrize("text, expected", [
    ("Rp 172.9", True), ("Rs 4 billion", True), ("$5bn", True), ("RMS Titanic", False), ("Rp", False),
    ("Rs Group", False),
])
def test_is_written_amount(text, expected):
    assert is_written_amount(text) is expected
