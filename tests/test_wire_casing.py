"""Model-free: the word the wire capitalised after a country's initials is read in lower case;
names, bodies and titles after the initials keep their capital, and the length never changes."""

import pytest

from newsgraph.nlp.wire import model_casing

WORDS = {"official", "firm", "market", "position", "steel", "food", "security", "west", "chamber", "bond",
         "impose", "agency", "economic"}


@pytest.mark.parametrize("text, expected", [
    ("Traders said U.S. Officials met bankers on Monday.", "Traders said U.S. officials met bankers on Monday."),
    ("Exports to the U.S. And Japan fell sharply last year.", "Exports to the U.S. and Japan fell sharply last year."),
    ("The talks will strengthen the U.K. Position on farm subsidies.",
     "The talks will strengthen the U.K. position on farm subsidies."),
    ("Duties were Imposed on several U.S. Firms and their agents.",
     "Duties were Imposed on several U.S. firms and their agents."),
    ("He expects that U.S. Economic growth will slow this year.",
     "He expects that U.S. economic growth will slow this year."),
])
def test_a_common_word_after_the_initials_is_read_in_lower_case(text, expected):
    assert model_casing(text, WORDS) == expected


@pytest.mark.parametrize("text", [
    "Shares of U.S. Steel Corp rose after the ruling was published.",  # a company's name goes on
    "The U.S. Food and Drug Administration approved the drug on Monday.",  # "and" inside the name
    "The U.S. Chamber of Commerce said the levy hurt small traders.",
    "U.S. Treasury officials declined to comment on the auction.",  # a body's word
    "The U.S. Secretary of State arrived in the capital on Sunday.",  # a title
    "Analysts expect U.S. March sales to rise modestly overall.",  # a month
    "Officials from U.S. West said the line was busy. West Inc shares rose.",  # capitalised elsewhere
    "U.S. OFFICIALS SAY TALKS WILL GO ON",  # a headline capitalises every word
    "U.S. Officials Say Farm Talks Will Resume",
    "Brokers at F.N. Wolf said the issue sold out quickly.",  # a person's or a firm's initials
])
def test_names_bodies_titles_and_headlines_keep_their_capital(text):
    assert model_casing(text, WORDS) == text


def test_the_same_word_is_read_the_same_way_throughout_a_text():
    text = "Shares of U.S. West Inc <USW> fell. Later U.S. West said sales rose."
    assert model_casing(text, WORDS) == text


def test_the_text_keeps_its_length_and_every_other_character():
    text = "Buyers of U.S. Bonds and U.K. Firms said U.S. Officials met them."
    recased = model_casing(text, WORDS)
    assert len(recased) == len(text)
    assert [a for a, b in zip(text, recased) if a != b] == ["B", "F", "O"]


def test_without_a_word_list_only_closed_class_words_are_recased():
    text = "Sales to the U.S. And Canada rose, U.S. Officials said."
    assert model_casing(text, set()) == "Sales to the U.S. and Canada rose, U.S. Officials said."
