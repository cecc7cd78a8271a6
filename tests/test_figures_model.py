"""With the real model: what figures measure (issue 15, item 5), on sentences shaped like real news.

The sentences are the project's own, not copied from any article or corpus.
"""

import pytest

import newsgraph

pytestmark = pytest.mark.model


def about_of(text: str, figure_text: str) -> str | None:
    result = newsgraph.extract("A headline\n\n" + text)
    found = [f for f in result.figures if figure_text in f.text]
    assert found, f"no figure {figure_text!r} in {[f.text for f in result.figures]}"
    return found[0].about


@pytest.mark.parametrize("text, figure_text, expected", [
    # the subject of the change verb the number completes
    ("Exports rose 4 percent in March, the ministry said.", "4 percent", "rise in exports"),
    # the object a verb sets to the amount
    ("The central bank raised its prime rate to 7.5 pct on Tuesday.", "7.5", "prime rate"),
    ("The ministry estimates the number of refugees at 40,000.", "40,000", "number of refugees"),
    # "N in <noun>" money
    ("The company received 3 billion dlrs in loans last year.", "3 billion", "loans"),
    ("The team won the cup and $1 million in prize money.", "$1 million", "prize money"),
    # a level verb with a measure subject
    ("Attendance reached 12,000 visitors when the museum opened its new wing.", "12,000", "Attendance"),
    # contest margins
    ("Green candidate Maria Lopez defeated the mayor by 312 votes.", "312", "margin of Maria Lopez over mayor in votes"),
    ("The senator lost to Dan Ortiz by 85 votes.", "85", "margin of Dan Ortiz over senator in votes"),
    # the figure is no part of the phrase it counts
    ("The other three opposition candidates lost their seats.", "three",
     "other opposition candidates that lost their seats"),
    # the noun a relative clause hangs on
    ("Officials recalled the 2004 flood, in which 240 homes were destroyed.", "240", "homes destroyed in flood"),
    ("Rescuers reached the village after the landslide, in which 31 people died.", "31",
     "people that died in landslide"),
])
def test_about_classes(text, figure_text, expected):
    assert about_of(text, figure_text) == expected


def test_money_reaching_people_keeps_the_counted_noun():
    assert about_of("The grant money would reach roughly 500 research groups in Norway.", "500").startswith(
        "research groups")
