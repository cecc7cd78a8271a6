"""Ticker marks in wire copy, through the real model: no organisation named by a ticker, and
a clause that goes on past a mark is reported whole."""

from __future__ import annotations

import pytest

import newsgraph

pytestmark = pytest.mark.model


def test_ticker_marks_are_neither_organisations_nor_the_end_of_a_report():
    result = newsgraph.extract(
        "OSLO, March 3 - Nordport Shipping Co <NSC> said it named Baltic Grain Co <BGC> its sole agent "
        "for the new routes.\n\nHelios Energy Ltd <HEL.L> said output rose.\n\nThe board includes Ana Ruiz, "
        "chairman of Atlas Bank Corp <ATB>, and Tomas Lind, former head of Riverside Motors Inc <RVM>.")
    names = {e.name for e in result.entities if e.type == "Organization"}
    assert {"Nordport Shipping Co", "Helios Energy Ltd"} <= names
    assert {"Atlas Bank Corp", "Riverside Motors Inc"} <= names
    assert not any("<" in name or name in ("NSC", "BGC", "HEL.L", "ATB", "RVM") for name in names)
    by_speaker = {next(e.name for e in result.entities if e.id == q.speaker): q.text for q in result.quotes}
    assert by_speaker["Nordport Shipping Co"].endswith("its sole agent for the new routes.")
    assert by_speaker["Helios Energy Ltd"] == "output rose."
    assert result.article.dateline.place == "Oslo"
