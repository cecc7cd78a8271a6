"""bench/conll04_eval.py's mapping from an Extraction to CoNLL04 spans and relations, on
hand-built Extractions (no model, no CoNLL04 data)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from newsgraph.schema import Article, Entity, Evidence, Extraction, Mention, Relation

_spec = importlib.util.spec_from_file_location(
    "conll04_eval", Path(__file__).resolve().parent.parent / "bench" / "conll04_eval.py")
conll04_eval = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(conll04_eval)


def _extraction(tokens: list[str], entities: dict[str, tuple[str, str]], relations: list[tuple[str, str, str]]):
    """``entities``: id -> (type, words); ``relations``: (subject id, predicate, object id)."""
    text = " ".join(tokens)
    evidence = Evidence(sentence=0, start=0, end=len(text), text=text)
    built = []
    for entity_id, (kind, words) in entities.items():
        start = text.index(words)
        built.append(Entity(id=entity_id, type=kind, name=words,
                            mentions=[Mention(start=start, end=start + len(words), text=words)]))
    return Extraction(
        article=Article(id="a", language="en"), entities=built,
        relations=[Relation(subject=s, predicate=p, object=o, evidence=evidence, confidence=0.8)
                   for s, p, o in relations])


def test_a_birthplace_town_and_state_is_one_span_and_one_live_in():
    tokens = ["In", "1901", ",", "the", "singer", "Ann", "Lee", "was", "born", "in", "Tarn", ",", "Vt", ".", ",",
              "and", "left", "."]
    x = _extraction(tokens, {"e1": ("Person", "Ann Lee"), "e2": ("Place", "Tarn"), "e3": ("Place", "Vt")},
                    [("e1", "bornIn", "e2"), ("e1", "bornIn", "e3"), ("e2", "locatedIn", "e3")])
    entities, relations = conll04_eval.predicted(x, tokens)
    town_state = (10, 13, "Loc")  # "Tarn , Vt"
    assert town_state in entities
    assert (10, 11, "Loc") not in entities and (12, 13, "Loc") not in entities
    assert relations == [("Live_In", [(5, 7, "Peop")], [town_state])]


def test_places_apart_or_lived_in_stay_two_spans():
    tokens = ["Ann", "Lee", "lives", "in", "Tarn", ",", "Vt", ".", ",", "near", "Alba", "."]
    x = _extraction(tokens, {"e1": ("Person", "Ann Lee"), "e2": ("Place", "Tarn"), "e3": ("Place", "Vt"),
                             "e4": ("Place", "Alba")},
                    [("e1", "livesIn", "e2"), ("e1", "livesIn", "e3"), ("e2", "locatedIn", "e3")])
    entities, relations = conll04_eval.predicted(x, tokens)
    assert {(4, 5, "Loc"), (6, 7, "Loc"), (10, 11, "Loc")} <= entities
    assert sorted(kind for kind, _, _ in relations) == ["Live_In", "Live_In", "Located_In"]
    # born in two places not written "X , Y": no joining either
    x = _extraction(tokens, {"e1": ("Person", "Ann Lee"), "e2": ("Place", "Tarn"), "e4": ("Place", "Alba")},
                    [("e1", "bornIn", "e2"), ("e1", "bornIn", "e4")])
    entities, relations = conll04_eval.predicted(x, tokens)
    assert [t for _, _, t in relations] == [[(4, 5, "Loc")], [(10, 11, "Loc")]]


def test_a_datelines_agency_is_based_in_the_places_before_it():
    from newsgraph.schema import Dateline

    tokens = ["OSTBURG", ",", "Ruritania", "(", "AP", ")", "_", "Ann", "Lee", "met", "AP", "staff", "in", "Vire", "."]
    x = _extraction(tokens, {"e1": ("Place", "OSTBURG"), "e2": ("Place", "Ruritania"), "e3": ("Organization", "AP"),
                             "e4": ("Person", "Ann Lee"), "e5": ("Place", "Vire")},
                    [("e1", "locatedIn", "e2")])
    x.article.dateline = Dateline(place="Ostburg, Ruritania", agency="AP")
    _, relations = conll04_eval.predicted(x, tokens)
    based = sorted(t for kind, _, tails in relations if kind == "OrgBased_In" for t in tails)
    assert based == [(0, 1, "Loc"), (2, 3, "Loc")]  # not Vire, named after the dateline
    # no dateline, no such relation
    x.article.dateline = None
    _, relations = conll04_eval.predicted(x, tokens)
    assert [kind for kind, _, _ in relations] == ["Located_In"]
