"""Isolation of newsgraph's components, model-free: a blank English pipeline with the
newsgraph components, one of them made to fail or to run past the time limit."""

from __future__ import annotations

import spacy

from newsgraph.nlp import pipeline as ng
from newsgraph.nlp.pipeline import LIMIT_KEY, TRACEBACKS_KEY, WARNINGS_KEY, add_newsgraph_components


def _pipeline():
    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")  # the parser's sentences, as far as these tests need them
    nlp = add_newsgraph_components(blank)
    assert nlp.pipe_names == [ng.TICKER_MARKS, ng.PARAGRAPHS, "sentencizer", *ng.COMPONENTS]
    return nlp


def test_each_component_keeps_its_contract_when_isolated():
    nlp = _pipeline()
    assert isinstance(nlp.get_pipe("newsgraph_roles"), ng.Isolated)
    meta = nlp.get_pipe_meta("newsgraph_roles")
    assert "doc._.ng_roles" in meta.assigns and "doc._.ng_entities" in meta.requires


def test_a_raising_component_leaves_a_warning_and_the_others_run(monkeypatch):
    nlp = _pipeline()
    ran = []

    def broken(doc):
        raise KeyError("no such thing")

    def spy(doc):
        ran.append("relations")
        return doc

    monkeypatch.setattr(nlp.get_pipe("newsgraph_quotes"), "component", broken)
    monkeypatch.setattr(nlp.get_pipe("newsgraph_relations"), "component", spy)
    doc = nlp("Nobody said anything here.")
    assert doc.user_data[WARNINGS_KEY] == [{"component": "quotes", "error": "KeyError: 'no such thing'"}]
    (trace,) = doc.user_data[TRACEBACKS_KEY]
    assert "Traceback" in trace and "no such thing" in trace
    assert ran == ["relations"]
    assert doc._.ng_facts is not None  # assembled


def test_past_the_limit_the_rest_is_skipped_but_the_facts_are_assembled(monkeypatch):
    nlp = _pipeline()
    clock = iter([0.0, 0.1, 0.2, 0.3, 0.4, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0])
    monkeypatch.setattr(ng.time, "monotonic", lambda: next(clock))
    doc = nlp.make_doc("A short text.")
    doc.user_data[LIMIT_KEY] = 1.0
    doc = nlp(doc)
    skipped = [w["component"] for w in doc.user_data[WARNINGS_KEY]]
    assert skipped == ["entities", "figures", "roles", "quotes", "relations", "learned_relations"]
    assert all(w["error"] == "Skipped: the extraction time limit (1 s) was reached"
               for w in doc.user_data[WARNINGS_KEY])
    assert doc.user_data[TRACEBACKS_KEY] == [""] * 6
    assert doc._.ng_facts["entities"] == []


def test_without_a_limit_nothing_is_skipped():
    doc = _pipeline()("Anna Berg opened the library.")
    assert WARNINGS_KEY not in doc.user_data and doc._.ng_facts is not None
