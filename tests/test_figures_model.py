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


def figure_rows(text: str):
    result = newsgraph.extract("A headline\n\n" + text)
    return [(f.text, f.value, f.unit, f.about) for f in result.figures]


def test_wire_copy_scales_per_cent_and_pairs():
    rows = figure_rows("Home sales ran at a rate of 3.9 mln units, below the record 4.2 mln unit sales rate of 1978.")
    assert ("3.9 mln", pytest.approx(3.9e6), "count", "units") in rows
    assert rows[1][:3] == ("4.2 mln", pytest.approx(4.2e6), "count") and "unit sales rate" in rows[1][3]
    assert figure_rows("Prices could rise 2.5 per cent in the second quarter.") == [
        ("2.5 per cent", 2.5, "percent", "rise in prices")]
    rows = figure_rows("The firm reported gains of 812,000 dlrs or 14 cts per share in 1986.")
    assert [r[3] for r in rows] == ["gains", "gains per share"]
    assert figure_rows("Profit for the 12 mths rose.") == []


def test_restated_figures_share_their_measure():
    rows = figure_rows("The unit contributed 316 mln dlrs in operating earnings, up from about 200 mln dlrs in 1985.")
    assert [r[3] for r in rows] == ["operating earnings", "operating earnings"]
    rows = figure_rows("The combined assets of the banks rose to 6.28 billion dlrs at end-January from 6.21 billion "
                       "in December.")
    assert rows[1][1:] == (pytest.approx(6.21e9), "USD", rows[0][3])
    rows = figure_rows("Barnes won with 18,287 votes, or 53 pct, in the by-election.")
    assert rows[1][2:] == ("percent", "share of " + rows[0][3])


def test_results_table_and_per_share_pairs():
    result = newsgraph.extract("Acme Corp results\n\nNet 1.4 mln vs 912,000\n\nSales 8.2 mln vs 7.5 mln\n\n"
                               "Acme said nine month profits fell to 61.0 mln dlrs, or 2.95 dlrs a share, "
                               "from 63.2 mln dlrs, or 3.01 dlrs a share, a year earlier.")
    rows = [(f.text, f.about) for f in result.figures]
    assert ("1.4 mln", "Net income") in rows and ("912,000", "Net income") in rows
    assert ("8.2 mln", "Sales") in rows and ("7.5 mln", "Sales") in rows
    abouts = [about for text, about in rows if "dlrs" in text]
    assert len(abouts) == 4
    assert abouts[0] == abouts[2] and abouts[1] == abouts[3] == abouts[0] + " per share"
    assert "profits" in abouts[0]


def test_a_verb_of_change_is_no_noun_of_change():
    # "fell to 4.1 percent in May": the level of unemployment, not May
    assert about_of("Unemployment fell to 4.1 percent in May.", "4.1") == "Unemployment"


@pytest.mark.parametrize("text, figure_text, expected", [
    ("The union said the new rule would cost members more than 20 million dollars a year.", "20 million",
     "cost of new rule to members"),
    ("The agency will spend 3 billion euros on roads next year, twenty percent more than in 2025.", "twenty",
     "increase in spending on roads"),
    ("The carrier reported a net profit of £12.5 million for the six months to June, up from £9 million a year "
     "earlier.", "£9 million", None),
])
def test_costs_and_comparisons(text, figure_text, expected):
    about = about_of(text, figure_text)
    if expected is None:  # the same measure as the figure before it
        assert about is not None and about.startswith("net profit")
    else:
        assert about == expected


def test_a_change_and_its_levels_are_separate_figures():
    assert figure_rows("Exports rose $2 billion to $40 billion in March.") == [
        ("$2 billion", 2e9, "USD", "rise in exports"), ("$40 billion", 4e10, "USD", "Exports")]
    rows = figure_rows("The opposition's seats on the council increased from 9 to 10.")
    assert [r[1] for r in rows] == [9, 10]


@pytest.mark.parametrize("text, value, unit", [
    ("The group earned 2.1 billion Swedish crowns last year.", 2.1e9, "SEK"),
    ("Profit rose to 12 mln West German marks.", 1.2e7, "DEM"),
    ("The deficit will rise by a further five billion Ecus this year.", 5e9, "XEU"),
    ("The company earned 72 mln guilders in 1986.", 7.2e7, "NLG"),
])
def test_a_nationality_between_an_amount_and_its_currency_stays_in_the_figure(text, value, unit):
    result = newsgraph.extract(text)
    assert [(f.value, f.unit) for f in result.figures] == [(pytest.approx(value), unit)]
    assert not any(e.type == "Organization" for e in result.entities)


def test_a_scaled_level_listed_before_a_percentage_is_no_percentage():
    result = newsgraph.extract("Available seat miles rose 13.5 pct in February to 1.48 billion from 1.31 billion "
                               "and 9.6 pct in the two months to 3.06 billion from 2.79 billion.")
    units = {f.text: f.unit for f in result.figures}
    assert units["1.31 billion"] == "count" and units["9.6 pct"] == "percent"


def test_wire_oil_units_are_units():
    result = newsgraph.extract("Output was 408 mln bbls in 1986, or about 1.1 mln bpd.")
    assert [(f.value, f.unit) for f in result.figures] == [(4.08e8, "barrel"), (pytest.approx(1.1e6), "bpd")]


def test_a_change_after_a_comma_measures_the_amount_before_it():
    assert about_of("Acme Corp reported an operating profit of 1.12 trillion yen for the quarter, up 94 percent "
                    "from a year earlier.", "94 percent") == "rise in operating profit for the quarter"
    assert about_of("It sold 40,000 cars in May, down 3 pct.", "3 pct") == "fall in cars sold in May"


def test_a_number_of_times_the_size_is_a_multiple_and_a_number_of_occasions_a_count():
    result = newsgraph.extract("The rat is about four times the size of a common rat. The hashtag was used one "
                               "million times by Thursday.")
    assert [(f.value, f.unit) for f in result.figures] == [(4, "fold"), (1e6, "count")]


@pytest.mark.parametrize("text, expected", [
    ("Prices rose 5 or 6 percent.", [(5, "percent")]),
    ("It expects earnings of 3.70 to 3.85 dlrs per share.", [(3.7, "USD")]),
    ("It will cost 5 or 6 mln dlrs.", [(5, "count")]),  # the first number is not 5 dollars
])
def test_a_range_takes_the_unit_written_after_its_top(text, expected):
    assert [(f.value, f.unit) for f in newsgraph.extract(text).figures] == [(pytest.approx(v), u) for v, u in expected]


def test_a_smaller_number_after_or_restates_the_first_and_is_kept():
    result = newsgraph.extract("Results exclude credits of 2,227,000 or four cts. It raised its stake to 238,000 "
                               "shares from 205,000 or 12.8 pct.")
    found = {(round(f.value, 2), f.unit) for f in result.figures}
    assert {(0.04, "USD"), (12.8, "percent")} <= found
