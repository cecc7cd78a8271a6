"""Checks every extraction must pass, shared by the property tests."""

from __future__ import annotations

from newsgraph.schema import Extraction


def assert_offsets_slice(text: str, result: Extraction) -> None:
    """Every mention, figure and quote names the characters of ``text`` it was read from."""
    for entity in result.entities:
        for mention in entity.mentions:
            assert text[mention.start:mention.end] == mention.text
    for figure in result.figures:
        assert text[figure.start:figure.end] == figure.text
    for quote in result.quotes:
        assert text[quote.start:quote.end] == quote.text
