"""The scorer behind ``newsgraph eval``: every matching rule, both kinds of error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.errors import EmptyText, InvalidGold
from newsgraph.evaluate import (
    Counts,
    evaluate,
    match_pairs,
    name_matches,
    normalise_name,
    normalise_role,
    parse_gold,
    quote_text_matches,
    score_article,
    token_overlap,
    value_matches,
)
from newsgraph.schema import Article, Entity, Evidence, Extraction, Figure, Quote, Role

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
EVIDENCE = Evidence(sentence=0, start=0, end=1, text="x")


def entity(id_: str, type_: str, name: str, *aliases: str) -> Entity:
    return Entity(id=id_, type=type_, name=name, aliases=list(aliases))


def role(person: str, name: str, organization: str | None) -> Role:
    return Role(person=person, role=name, organization=organization, evidence=EVIDENCE, confidence=0.9)


def figure(value: float, unit: str, about: str | None = None, text: str = "n") -> Figure:
    return Figure(text=text, value=value, unit=unit, about=about, start=0, end=1, evidence=EVIDENCE, confidence=0.9)


def quote(speaker: str, text: str) -> Quote:
    return Quote(speaker=speaker, text=text, verb="said", direct=True, start=0, end=len(text),
                 evidence=EVIDENCE, confidence=0.9)


def extraction(entities=(), roles=(), figures=(), quotes=()) -> Extraction:
    return Extraction(article=Article(id="a", language="en"), entities=list(entities), roles=list(roles),
                      figures=list(figures), quotes=list(quotes))


ENTITIES = [
    entity("e1", "Person", "Daren Tang", "Tang"),
    entity("e2", "Organization", "World Intellectual Property Organization", "WIPO"),
    entity("e3", "Place", "Shenzhen"),
    entity("e4", "Organization", "Shenzhen's science and technology innovation bureau"),
]


def counts(score, category):
    c = score.counts[category]
    return c.tp, c.fp, c.fn


# --- names -----------------------------------------------------------------------------------


@pytest.mark.parametrize("raw, expected", [
    ("The WHO's", "who"),
    ("the World Intellectual Property Organization", "world intellectual property organization"),
    ("Shenzhen's science bureau", "shenzhen science bureau"),
    ("  Ding  Li. ", "ding li"),
    ("Guangdong-Hong Kong-Macao", "guangdong hong kong macao"),
])
def test_normalise_name(raw, expected):
    assert normalise_name(raw) == expected


def test_name_matches_canonical_name_or_alias_only():
    wipo = ENTITIES[1]
    assert name_matches("WIPO", wipo)
    assert name_matches("the World Intellectual Property Organization's", wipo)
    assert not name_matches("World Intellectual Property", wipo)
    assert not name_matches("WIPO", None)


def test_people_true_positive_false_positive_and_false_negative():
    ext = extraction([entity("e1", "Person", "Daren Tang"), entity("e2", "Person", "Liu Chenli")])
    score = score_article(ext, {"people": ["daren tang", "Zhang Lin"]})
    assert counts(score, "people") == (1, 1, 1)
    assert score.missed["people"] == ["Zhang Lin"]
    assert score.spurious["people"] == ["Liu Chenli"]


def test_entity_of_the_wrong_type_is_a_miss_in_one_category_and_spurious_in_another():
    ext = extraction([entity("e1", "Place", "SIAT")])
    score = score_article(ext, {"organizations": ["SIAT"]})
    assert counts(score, "organizations") == (0, 0, 1)
    assert counts(score, "places") == (0, 1, 0)


def test_alias_matches_and_one_entity_matches_one_gold_name():
    ext = extraction([ENTITIES[1]])
    # Two gold spellings of the same thing: only one can claim the single entity.
    score = score_article(ext, {"organizations": ["WIPO", "World Intellectual Property Organization"]})
    assert counts(score, "organizations") == (1, 0, 1)


def test_duplicate_extracted_entities_count_as_false_positives():
    ext = extraction([entity("e1", "Place", "Shenzhen"), entity("e2", "Place", "shenzhen")])
    assert counts(score_article(ext, {"places": ["Shenzhen"]}), "places") == (1, 1, 0)


# --- roles -----------------------------------------------------------------------------------


def test_role_matches_with_alias_and_normalised_role_name():
    ext = extraction(ENTITIES, roles=[role("e1", "Director-General", "e2")])
    score = score_article(ext, {"roles": [{"person": "Tang", "role": "director general", "org": "WIPO"}]})
    assert counts(score, "roles") == (1, 0, 0)


def test_role_with_wrong_organisation_is_both_missed_and_spurious():
    ext = extraction(ENTITIES, roles=[role("e1", "director general", "e4")])
    score = score_article(ext, {"roles": [{"person": "Daren Tang", "role": "director general", "org": "WIPO"}]})
    assert counts(score, "roles") == (0, 1, 1)
    assert score.spurious["roles"] == [
        "Daren Tang | director general | Shenzhen's science and technology innovation bureau"]


def test_role_with_null_organisation_matches_only_null():
    gold = {"roles": [{"person": "Daren Tang", "role": "senator", "org": None}]}
    assert counts(score_article(extraction(ENTITIES, roles=[role("e1", "senator", None)]), gold), "roles") == (1, 0, 0)
    assert counts(score_article(extraction(ENTITIES, roles=[role("e1", "senator", "e2")]), gold), "roles") == (0, 1, 1)
    gold_with_org = {"roles": [{"person": "Daren Tang", "role": "senator", "org": "WIPO"}]}
    assert counts(score_article(extraction(ENTITIES, roles=[role("e1", "senator", None)]), gold_with_org),
                  "roles") == (0, 1, 1)


def test_role_name_must_match():
    ext = extraction(ENTITIES, roles=[role("e1", "president", "e2")])
    score = score_article(ext, {"roles": [{"person": "Daren Tang", "role": "director general", "org": "WIPO"}]})
    assert counts(score, "roles") == (0, 1, 1)


def test_role_qualifier_may_be_written_into_the_gold_title():
    former = role("e1", "director general", "e2").model_copy(update={"qualifier": "former"})
    for gold_title, expected in (("former director general", (1, 0, 0)), ("director general", (1, 0, 0)),
                                 ("acting director general", (0, 1, 1))):
        gold = {"roles": [{"person": "Daren Tang", "role": gold_title, "org": "WIPO"}]}
        assert counts(score_article(extraction(ENTITIES, roles=[former]), gold), "roles") == expected
    plain = {"roles": [{"person": "Daren Tang", "role": "former director general", "org": "WIPO"}]}
    assert counts(score_article(extraction(ENTITIES, roles=[role("e1", "director general", "e2")]), plain),
                  "roles") == (0, 1, 1)


def test_role_with_wrong_person_does_not_match():
    ext = extraction([*ENTITIES, entity("e5", "Person", "Liu Chenli")], roles=[role("e5", "director general", "e2")])
    score = score_article(ext, {"roles": [{"person": "Daren Tang", "role": "director general", "org": "WIPO"}]})
    assert counts(score, "roles") == (0, 1, 1)


@pytest.mark.parametrize("raw, expected", [
    ("Director General", "director general"),
    ("an economics researcher", "economics researcher"),
    ("vice-president", "vice president"),
    ("the head", "head"),
])
def test_normalise_role(raw, expected):
    assert normalise_role(raw) == expected


# --- figures ---------------------------------------------------------------------------------


def test_value_within_half_a_percent():
    assert value_matches(1000, 1004.9)
    assert value_matches(1000, 995.1)
    assert not value_matches(1000, 1005.1)
    assert not value_matches(1000, 994.9)
    assert value_matches(1 / 3, 0.333)
    assert value_matches(0, 0) and not value_matches(0, 0.001)


def test_figure_matches_on_unit_and_value():
    ext = extraction(figures=[figure(223.66e9, "CNY", "R&D investment"), figure(6.46, "percent", "share")])
    gold = {"figures": [{"text": "223.66 billion yuan", "value": 223660000000, "unit": "CNY", "about": "R&D investment"},
                        {"text": "6.46 percent", "value": 6.46, "unit": "percent", "about": "share of GDP"}]}
    score = score_article(ext, gold)
    assert counts(score, "figures") == (2, 0, 0)


def test_figure_with_wrong_unit_or_value_is_missed_and_spurious():
    gold = {"figures": [{"text": "31.46 billion U.S. dollars", "value": 31.46e9, "unit": "USD", "about": "investment"}]}
    wrong_unit = score_article(extraction(figures=[figure(31.46e9, "CNY")]), gold)
    assert counts(wrong_unit, "figures") == (0, 1, 1)
    wrong_value = score_article(extraction(figures=[figure(31.46e6, "USD")]), gold)
    assert counts(wrong_value, "figures") == (0, 1, 1)
    assert wrong_value.missed["figures"] == ["'31.46 billion U.S. dollars' = 3.146e+10 USD (about: investment)"]


def test_unit_comparison_ignores_case():
    gold = {"figures": [{"text": "4 percent", "value": 4, "unit": "Percent", "about": "growth"}]}
    assert counts(score_article(extraction(figures=[figure(4, "percent")]), gold), "figures") == (1, 0, 0)


def test_about_is_a_separate_soft_score_not_part_of_figure_f1():
    gold = {"figures": [{"text": "4.7 patents", "value": 4.7, "unit": "count", "about": "patents per day"}]}
    score = score_article(extraction(figures=[figure(4.7, "count", "unrelated words")]), gold)
    assert counts(score, "figures") == (1, 0, 0)
    assert score.about_overlaps == [0.0]
    score = score_article(extraction(figures=[figure(4.7, "count", "patents")]), gold)
    assert score.about_overlaps == [pytest.approx(2 * 1.0 * 0.5 / 1.5)]


@pytest.mark.parametrize("gold, predicted, expected", [
    ("R&D investment", "R&D investment", 1.0),
    ("share of GDP", "the share of the city's GDP", pytest.approx(0.8)),
    ("patents", "deals", 0.0),
    ("patents", None, 0.0),
    (None, None, 1.0),
    ("people killed in the collapse (at least; also in the headline)", "people killed in the collapse", 1.0),
    # only a closing note is left out: "(Second)" inside a name is kept
    ("votes in the District (Second) seat", "votes in the seat", pytest.approx(2 * 1.0 * 0.5 / 1.5)),
])
def test_token_overlap(gold, predicted, expected):
    assert token_overlap(gold, predicted) == expected


def test_figure_pairing_is_one_to_one_and_maximal():
    # The first gold figure could take either 100 (within 0.5%) but must leave 100.4 for the second.
    gold = [100.0, 100.6]
    predicted = [100.4, 100.0]
    pairs = match_pairs(gold, predicted, lambda g, p: value_matches(g, p))
    assert pairs == [(0, 1), (1, 0)]


def test_weighted_pairing_keeps_the_maximum_size_and_prefers_agreeing_pairs():
    # equal values: pair by weight, not by order
    gold = ["goals", "points", "fouls"]
    predicted = ["points", "fouls", "goals"]
    pairs = match_pairs(gold, predicted, lambda g, p: True, weight=lambda g, p: float(g == p))
    assert pairs == [(0, 2), (1, 0), (2, 1)]
    # a better weight never costs a pair: gold 0 must leave its favourite to gold 1
    gold2 = [100.0, 100.6]
    predicted2 = [100.4, 100.0]
    pairs2 = match_pairs(gold2, predicted2, lambda g, p: value_matches(g, p),
                         weight=lambda g, p: 1.0 if (g, p) == (100.0, 100.4) else 0.0)
    assert pairs2 == [(0, 1), (1, 0)]
    assert match_pairs([], predicted, lambda g, p: True, weight=lambda g, p: 1.0) == []
    assert match_pairs(gold, ["x"], lambda g, p: False, weight=lambda g, p: 1.0) == []


def test_matched_figures_whose_about_agrees_little_are_listed():
    ext = extraction(ENTITIES, figures=[figure(3, "count", "points won by Sweden", text="three"),
                                        figure(7, "count", "goals", text="seven")])
    gold = {"figures": [{"text": "three", "value": 3, "unit": "count", "about": "points won by Sweden"},
                        {"text": "seven", "value": 7, "unit": "count", "about": "corners taken by Chile"}]}
    score = score_article(ext, gold)
    assert score.weak_about == ["'seven': 'goals', gold 'corners taken by Chile' (0.00)"]
    report = evaluate([("a", ext, gold)])
    assert report.as_dict(errors=True)["errors"]["a"]["weak_about"] == score.weak_about


def test_figures_of_equal_value_are_paired_by_what_they_are_about():
    ext = extraction(ENTITIES, figures=[figure(3, "count", "points won by Belgium"),
                                        figure(3, "count", "points won by Sweden")])
    gold = {"figures": [{"text": "three", "value": 3, "unit": "count", "about": "points won by Sweden"},
                        {"text": "three", "value": 3, "unit": "count", "about": "points won by Belgium (late)"}]}
    score = score_article(ext, gold)
    assert counts(score, "figures") == (2, 0, 0)
    assert score.about_overlaps == [1.0, 1.0]


# --- quotes ----------------------------------------------------------------------------------


def test_quote_matches_speaker_and_text_start_ignoring_spacing_and_quote_marks():
    ext = extraction(ENTITIES, quotes=[quote("e1", "“they serve as powerful\n pillars of national innovation”")])
    gold = {"quotes": [{"speaker": "Tang", "text_start": "they serve as \"powerful pillars"}]}
    assert counts(score_article(ext, gold), "quotes") == (1, 0, 0)


def test_quote_with_wrong_speaker_is_missed_and_spurious():
    ext = extraction(ENTITIES, quotes=[quote("e2", "they serve as powerful pillars")])
    gold = {"quotes": [{"speaker": "Daren Tang", "text_start": "they serve as"}]}
    score = score_article(ext, gold)
    assert counts(score, "quotes") == (0, 1, 1)
    assert score.spurious["quotes"] == ["World Intellectual Property Organization: 'they serve as powerful pillars'"]


def test_quote_not_containing_the_gold_start_does_not_match():
    ext = extraction(ENTITIES, quotes=[quote("e1", "the new results highlight which clusters")])
    gold = {"quotes": [{"speaker": "Daren Tang", "text_start": "this year's inclusion"}]}
    assert counts(score_article(ext, gold), "quotes") == (0, 1, 1)


def test_quote_text_matches_helper():
    assert quote_text_matches("Shenzhen is", '"Shenzhen is actively developing"')
    assert not quote_text_matches("", "anything")
    assert not quote_text_matches("Shenzhen was", "Shenzhen is")


# --- totals and gold files -------------------------------------------------------------------


def test_micro_average_sums_counts_over_articles():
    first = extraction([entity("e1", "Person", "A B")])
    second = extraction([entity("e1", "Person", "C D"), entity("e2", "Person", "E F")])
    report = evaluate([("one", first, {"people": ["A B"]}), ("two", second, {"people": ["C D", "G H"]})])
    people = report.totals()["people"]
    assert (people.tp, people.fp, people.fn) == (2, 1, 1)
    assert people.precision == pytest.approx(2 / 3)
    assert people.recall == pytest.approx(2 / 3)
    assert people.f1 == pytest.approx(2 / 3)
    data = report.as_dict(errors=True)
    assert data["articles"] == 2
    assert data["errors"]["two"]["missed"]["people"] == ["G H"]
    assert data["errors"]["two"]["spurious"]["people"] == ["E F"]


def test_undefined_ratios_are_none():
    assert Counts().precision is None and Counts().recall is None and Counts().f1 is None
    assert Counts(fp=2).recall is None and Counts(fp=2).precision == 0.0
    assert Counts(fn=1).precision is None and Counts(fn=1).f1 == 0.0


@pytest.mark.parametrize("bad, message", [
    ([], "JSON object"),
    ({"persons": []}, "unknown categories persons"),
    ({"people": "Daren Tang"}, "'people' must be a list"),
    ({"people": [""]}, "non-empty names"),
    ({"roles": [{"person": "X"}]}, "has no 'role'"),
    ({"figures": [{"value": "12", "unit": "count"}]}, "must be a number"),
    ({"quotes": ["X said"]}, "must be an object"),
])
def test_parse_gold_rejects_bad_shapes(bad, message):
    with pytest.raises(InvalidGold, match=message):
        parse_gold(bad, "x.gold.json")


def test_parse_gold_fills_missing_categories():
    assert parse_gold({"people": ["A"]}) == {
        "people": ["A"], "organizations": [], "places": [], "roles": [], "figures": [], "quotes": []}


def test_every_sample_gold_file_is_valid():
    gold_files = sorted(SAMPLES.glob("*.gold.json"))
    assert len(gold_files) >= 8
    for path in gold_files:
        parse_gold(json.loads(path.read_text(encoding="utf-8")), path.name)
        assert (SAMPLES / path.name.replace(".gold.json", ".txt")).is_file()


# --- the command -----------------------------------------------------------------------------


def test_eval_command_errors_without_pairs(tmp_path):
    (tmp_path / "a.txt").write_text("Some text.")
    result = CliRunner().invoke(app, ["eval", "--articles", str(tmp_path), "--gold", str(tmp_path)])
    assert result.exit_code != 0
    assert "no NAME.txt" in result.output


def test_eval_command_rejects_bad_gold_before_extracting(tmp_path):
    (tmp_path / "a.txt").write_text("Some text.")
    (tmp_path / "a.gold.json").write_text("{not json")
    result = CliRunner().invoke(app, ["eval", "--articles", str(tmp_path), "--gold", str(tmp_path)])
    assert isinstance(result.exception, InvalidGold)
    assert "a.gold.json" in result.exception.message


def test_eval_command_has_help():
    result = CliRunner().invoke(app, ["eval", "--help"])
    assert result.exit_code == 0
    for option in ("--articles", "--gold", "--json", "--show-errors"):
        assert option in result.output


@pytest.mark.model
def test_eval_command_on_samples_prints_every_category():
    result = CliRunner().invoke(app, ["eval", "--articles", str(SAMPLES), "--gold", str(SAMPLES)])
    assert result.exit_code == 0, result.output
    for category in ("people", "organizations", "places", "roles", "figures", "quotes"):
        assert category in result.output
    assert f"over {len(list(SAMPLES.glob('*.gold.json')))} articles" in result.output


@pytest.mark.model
def test_eval_command_json_and_errors_on_samples():
    result = CliRunner().invoke(app, ["eval", "--articles", str(SAMPLES), "--gold", str(SAMPLES), "--json",
                                      "--show-errors"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["articles"] == len(list(SAMPLES.glob("*.gold.json")))
    assert set(data["categories"]) == {"people", "organizations", "places", "roles", "figures", "quotes"}
    assert set(data["errors"]) == {p.name.replace(".gold.json", "") for p in SAMPLES.glob("*.gold.json")}
    # The samples are written so most facts are found; a collapse of any category shows here.
    for category, scores in data["categories"].items():
        assert scores["tp"] > 0, category


@pytest.mark.model
def test_eval_command_names_the_article_that_cannot_be_read(tmp_path):
    (tmp_path / "empty.txt").write_text("   \n")
    (tmp_path / "empty.gold.json").write_text('{"people": []}')
    result = CliRunner().invoke(app, ["eval", "--articles", str(tmp_path), "--gold", str(tmp_path)])
    assert isinstance(result.exception, EmptyText)
    assert "empty.txt" in result.exception.message
