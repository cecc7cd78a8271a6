"""End to end with the real model: the seed retelling, robustness properties, bad input."""

from pathlib import Path

import pytest
from extraction_checks import assert_offsets_slice
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsgraph
from newsgraph.errors import UnsupportedLanguage

SAMPLES = Path(__file__).parent.parent / "samples"
pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def seed():
    return newsgraph.extract((SAMPLES / "seed_retelling.txt").read_text())


def names(result, entity_type):
    return {e.name for e in result.entities if e.type == entity_type}


def test_seed_entities(seed):
    assert {"Daren Tang", "Liu Chenli", "Zhang Lin", "Ding Li"} <= names(seed, "Person")
    orgs = {e.name: e for e in seed.entities if e.type == "Organization"}
    assert "WIPO" in orgs["World Intellectual Property Organization"].aliases
    assert "SIAT" in orgs["Shenzhen Institute of Advanced Technology"].aliases
    assert "Shenzhen" in names(seed, "Place")


def test_seed_roles(seed):
    roles = {(seed.entity(r.person).name, r.role, seed.entity(r.organization).name if r.organization else None)
             for r in seed.roles}
    assert ("Daren Tang", "director general", "World Intellectual Property Organization") in roles
    assert ("Liu Chenli", "president", "Shenzhen Institute of Advanced Technology") in roles
    assert ("Ding Li", "economics researcher", "Guangdong Academy of Social Sciences") in roles
    assert any(p == "Zhang Lin" and r == "head" and o and "bureau" in o for p, r, o in roles)


def test_seed_figures(seed):
    found = {(round(f.value, 4), f.unit) for f in seed.figures}
    assert (223660000000.0, "CNY") in found
    assert (100000000000.0, "CNY") in found
    assert (6.46, "percent") in found
    assert (4.7, "count") in found
    usd = next(f for f in seed.figures if f.unit == "USD")
    assert usd.qualifier == "approximately"
    assert not any(f.value in (2025, 1) for f in seed.figures), "years and ranks are not figures"


def test_seed_quotes_and_dateline(seed):
    speakers = [seed.entity(q.speaker).name for q in seed.quotes]
    assert speakers.count("Daren Tang") == 2
    assert {"Liu Chenli", "Zhang Lin", "Ding Li"} <= set(speakers)
    assert seed.article.dateline.model_dump() == {"place": "Shenzhen", "date": "2025-09-02", "agency": "Xinhua"}


def test_every_fact_has_evidence_that_slices_the_text(seed):
    text = (SAMPLES / "seed_retelling.txt").read_text()
    for fact in [*seed.roles, *seed.figures, *seed.quotes, *seed.relations]:
        assert text[fact.evidence.start:fact.evidence.end] == fact.evidence.text
        assert 0 <= fact.confidence <= 1
    for figure in seed.figures:
        assert text[figure.start:figure.end] == figure.text


def test_non_english_text_is_refused_with_its_language():
    # The English pipeline would read junk people and places out of it (issue 13).
    with pytest.raises(UnsupportedLanguage) as refused:
        newsgraph.extract("深圳—香港—广州科技集群首次登上全球创新指数榜首。世界知识产权组织发布了报告。")
    assert refused.value.detail["language"] == "zh"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=300).filter(lambda s: s.strip() and "\x00" not in s))
def test_extract_never_crashes_and_offsets_slice(text):
    try:
        result = newsgraph.extract(text)
    except UnsupportedLanguage:
        return  # a clear refusal of text in another script, not a crash
    assert_offsets_slice(text, result)


_NEWSY = ['"', "“", "”", "$", "NZ$", "5", "1.8", "million", "percent", "said", "added that", "Daren Tang",
          "Tang", ",", "(", "WIPO", ")", "\n\n", "director general of", "the", "over", "a quarter",
          "SHENZHEN, Sept. 2 (Xinhua) --", "he", "2024", "No. 1", "'s", "Rs", "crore", "é", "🙂", "\u200f"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_NEWSY), min_size=1, max_size=60))
def test_news_like_noise_never_crashes(parts):
    text = " ".join(parts)
    if not text.strip():
        return
    result = newsgraph.extract(text)
    for entity in result.entities:
        for mention in entity.mentions:
            assert text[mention.start:mention.end] == mention.text
    for quote in result.quotes:
        assert text[quote.start:quote.end] == quote.text
        assert result.entity(quote.speaker) is not None
