"""The learned relation classifier (newsgraph.nlp.learned), model-free: hand-built Docs and
hand-set weights for the features and the component; the shipped weights file's format."""

from __future__ import annotations

import argparse
import importlib.util
import zlib
from pathlib import Path

import numpy as np
import pytest
import spacy
from docbuild import make_doc, run

from newsgraph.nlp import learned
from newsgraph.nlp.learned import (
    HEADS,
    LearnedRelations,
    Model,
    candidate_pairs,
    dependency_path,
    feature_indices,
    head_indices,
    pair_features,
    pair_vector,
    read_model,
    sentence_mentions,
)
from newsgraph.nlp.pipeline import LEARNED, add_newsgraph_components

BITS = 12

# "Ann Lee , who works for Acme Corp , spoke ." with its parse
WORKS_FOR = ("Ann Lee , who works for Acme Corp , spoke .",
             [(1, "compound"), (9, "nsubj"), (1, "punct"), (4, "nsubj"), (1, "relcl"), (4, "prep"),
              (7, "compound"), (5, "pobj"), (1, "punct"), (9, "ROOT"), (9, "punct")])
# "Senator Ann Lee visited Acme Corp in Paris ."
VISITED = ("Senator Ann Lee visited Acme Corp in Paris .",
           [(2, "compound"), (2, "compound"), (3, "nsubj"), (3, "ROOT"), (5, "compound"), (3, "dobj"),
            (3, "prep"), (6, "pobj"), (3, "punct")])


def _doc(spec, ents):
    text, parse = spec
    doc = make_doc(text, ents=ents, parse=parse)
    return run(doc, "newsgraph_entities", "newsgraph_roles", "newsgraph_relations")


def _mention(doc, name):
    return next(m for c in doc._.ng_entities for m in c.mentions if c.name == name)


def _model(weights: dict[str, float], thresholds: float = 0.5) -> Model:
    vector = np.zeros(1 << BITS, dtype=np.float32)
    for feature, weight in weights.items():
        vector[feature_indices([feature], BITS)] += weight
    return Model(weights=vector, bits=BITS, thresholds=dict.fromkeys(HEADS, thresholds))


def test_dependency_path_goes_up_to_the_common_ancestor_and_down():
    doc = make_doc(WORKS_FOR[0], ents={"Ann Lee": "PERSON", "Acme Corp": "ORG"}, parse=WORKS_FOR[1])
    labels, words, ancestor = dependency_path(doc[1], doc[7])  # Lee -> Corp
    assert labels == ["relcl>", "prep>", "pobj>"]
    assert words == ["works", "for"]
    assert ancestor.i == 1
    labels, words, ancestor = dependency_path(doc[7], doc[1])  # and back
    assert labels == ["pobj<", "prep<", "relcl<"]
    assert ancestor.i == 1


def test_pair_features_describe_the_words_between_and_the_path():
    doc = _doc(WORKS_FOR, {"Ann Lee": "PERSON", "Acme Corp": "ORG"})
    features = pair_features("affiliation", _mention(doc, "Ann Lee"), _mention(doc, "Acme Corp"))
    assert all(f.startswith("affiliation|") for f in features)
    for expected in ("bw=works", "bw=for", "bf=,", "bl=for", "order=ab", "path=relcl> prep> pobj>",
                     "lca=lee", "la=PERSON", "lb=ORG", "ents_between=0", "w+1=,"):
        assert f"affiliation|{expected}" in features, expected
    reverse = pair_features("affiliation", _mention(doc, "Acme Corp"), _mention(doc, "Ann Lee"))
    assert "affiliation|order=ba" in reverse


def test_neighbour_features_say_which_place_is_nearest():
    # "Ann Lee of Corwin and Bo Tan of Amberly spoke ." : each person goes with the nearest town
    spec = ("Ann Lee of Corwin and Bo Tan of Amberly spoke .",
            [(1, "compound"), (10, "nsubj"), (1, "prep"), (2, "pobj"), (1, "cc"), (6, "compound"), (1, "conj"),
             (6, "prep"), (7, "pobj"), (10, "ROOT"), (10, "punct")])
    ents = {"Ann Lee": "PERSON", "Corwin": "GPE", "Bo Tan": "PERSON", "Amberly": "GPE"}
    doc = _doc(spec, ents)
    [mentions] = sentence_mentions(doc).values()
    ann, corwin, amberly = (_mention(doc, name) for name in ("Ann Lee", "Corwin", "Amberly"))
    near = pair_features("residence", ann, corwin, mentions)
    far = pair_features("residence", ann, amberly, mentions)
    assert {"residence|near=11", "residence|sb=0", "residence|sa=0"} <= set(near)
    # Corwin is nearer to Ann Lee than Amberly, and Bo Tan nearer to Amberly than Ann Lee
    assert {"residence|near=00", "residence|sb=1", "residence|sa=1"} <= set(far)
    # without the sentence's mentions the features are the pair's own
    assert not any(f.startswith("residence|near=") for f in pair_features("residence", ann, corwin))


def test_the_pair_vector_is_zero_without_static_vectors_and_weighs_per_head():
    doc = _doc(WORKS_FOR, {"Ann Lee": "PERSON", "Acme Corp": "ORG"})
    vector = pair_vector(_mention(doc, "Ann Lee"), _mention(doc, "Acme Corp"))
    assert vector.shape == (2 * learned.VECTOR_DIM,) and not vector.any()  # a blank vocabulary has none
    model = _model({})
    dense = {h: np.zeros(2 * learned.VECTOR_DIM, dtype=np.float32) for h in HEADS}
    dense["killed"][0] = 2.0
    model = Model(weights=model.weights, bits=BITS, thresholds=model.thresholds, dense=dense)
    unit = np.zeros(2 * learned.VECTOR_DIM, dtype=np.float32)
    unit[0] = 1.0
    assert model.probability([], "killed", unit) == pytest.approx(1 / (1 + np.exp(-2.0)))
    assert model.probability([], "located", unit) == pytest.approx(0.5)


def test_feature_hashing_is_crc32_and_the_same_in_every_process():
    indices = feature_indices(["affiliation|bw=for", "affiliation|bw=for", "office|bias"], BITS)
    assert sorted(indices.tolist()) == sorted({zlib.crc32(b"affiliation|bw=for") & 0xFFF,
                                               zlib.crc32(b"office|bias") & 0xFFF})
    assert all(0 <= i < 1 << BITS for i in indices)


def test_candidate_pairs_follow_the_heads_types():
    doc = _doc(VISITED, {"Ann Lee": "PERSON", "Acme Corp": "ORG", "Paris": "GPE"})
    [mentions] = sentence_mentions(doc).values()
    pairs = {(head, a.name, b.name) for head, a, _, b, _ in candidate_pairs(mentions)}
    assert pairs == {("affiliation", "Ann Lee", "Acme Corp"), ("office", "Ann Lee", "Paris"),
                     ("residence", "Ann Lee", "Paris"), ("based", "Acme Corp", "Paris")}


def test_a_likely_affiliation_becomes_a_member_of_relation():
    doc = _doc(WORKS_FOR, {"Ann Lee": "PERSON", "Acme Corp": "ORG"})
    rules = {(r.subject.name, r.predicate, r.object.name) for r in doc._.ng_relations}
    LearnedRelations(None, "learned", model=_model({"affiliation|bias": -4, "affiliation|bw=works": 6}))(doc)
    found = {(r.subject.name, r.predicate, r.object.name) for r in doc._.ng_relations}
    assert found - rules <= {("Ann Lee", "memberOf", "Acme Corp")}
    assert found & {("Ann Lee", "memberOf", "Acme Corp"), ("Ann Lee", "worksFor", "Acme Corp")}
    assert all(0 < r.confidence <= 1 for r in doc._.ng_relations)


def test_an_unlikely_pair_adds_nothing():
    doc = _doc(VISITED, {"Ann Lee": "PERSON", "Acme Corp": "ORG", "Paris": "GPE"})
    before = [(r.subject.name, r.predicate, r.object.name) for r in doc._.ng_relations]
    roles = [(r.role, r.organization, r.jurisdiction) for r in doc._.ng_roles]
    LearnedRelations(None, "learned", model=_model({f"{h}|bias": -3 for h in HEADS}))(doc)
    assert [(r.subject.name, r.predicate, r.object.name) for r in doc._.ng_relations] == before
    assert [(r.role, r.organization, r.jurisdiction) for r in doc._.ng_roles] == roles


def test_a_role_without_a_place_takes_the_likely_one_and_an_affiliation_stays_a_relation():
    doc = _doc(VISITED, {"Ann Lee": "PERSON", "Acme Corp": "ORG", "Paris": "GPE"})
    [role] = doc._.ng_roles
    assert (role.role, role.organization, role.jurisdiction) == ("senator", None, None)
    LearnedRelations(None, "learned", model=_model({"affiliation|bias": 4, "office|bias": 3}))(doc)
    [role] = doc._.ng_roles
    assert role.jurisdiction.name == "Paris"
    assert role.organization is None  # membership is not the post
    assert ("Ann Lee", "memberOf", "Acme Corp") in {
        (r.subject.name, r.predicate, r.object.name) for r in doc._.ng_relations}


def test_a_role_that_has_its_place_keeps_it():
    doc = _doc(VISITED, {"Ann Lee": "PERSON", "Acme Corp": "ORG", "Paris": "GPE"})
    [role] = doc._.ng_roles
    other = next(c for c in doc._.ng_entities if c.name == "Acme Corp")
    role.jurisdiction = other
    LearnedRelations(None, "learned", model=_model({"office|bias": 5}))(doc)
    assert doc._.ng_roles[0].jurisdiction is other


def test_weights_file_round_trip_without_pickle(tmp_path):
    model = _model({"killed|bias": 2.0})
    path = tmp_path / "w.npz"
    np.savez_compressed(path, weights=model.weights, bits=np.int64(BITS), heads=np.array(list(HEADS)),
                        thresholds=np.array([0.6] * len(HEADS), dtype=np.float32))
    loaded = read_model(path)
    assert loaded.bits == BITS and loaded.thresholds["killed"] == pytest.approx(0.6)
    assert loaded.probability(["killed|bias"]) == pytest.approx(1 / (1 + np.exp(-2.0)))
    bad = tmp_path / "bad.npz"
    np.savez(bad, weights=np.array([object()], dtype=object), bits=np.int64(1), heads=np.array(["x"]),
             thresholds=np.array([0.5]))
    with pytest.raises(ValueError):  # an object array would need pickle: refused
        read_model(bad)


def _training_script():
    spec = importlib.util.spec_from_file_location(
        "train_relations", Path(__file__).resolve().parent.parent / "train" / "relations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_fixed_threshold_is_read_as_head_and_value():
    script = _training_script()
    assert script.fixed_threshold("office=0.35") == ("office", 0.35)
    for bad in ("bogus=0.3", "office=high", "office"):
        with pytest.raises(argparse.ArgumentTypeError):
            script.fixed_threshold(bad)


def test_shipped_weights_are_small_plain_arrays_with_a_threshold_per_head():
    assert learned.WEIGHTS.is_file()
    assert learned.WEIGHTS.stat().st_size < 3_000_000
    model = read_model(learned.WEIGHTS)
    assert set(model.thresholds) == set(HEADS)
    # a head is never added below even odds, but for those train/relations.py sets by hand
    fixed = _training_script().FIXED_THRESHOLDS
    assert all(0.5 <= t < 1 for h, t in model.thresholds.items() if h not in fixed)
    assert all(model.thresholds[h] == pytest.approx(t) for h, t in fixed.items())
    assert model.weights.shape == (1 << model.bits,) and np.isfinite(model.weights).all()


def test_the_setting_leaves_the_component_out():
    assert LEARNED in add_newsgraph_components(spacy.blank("en")).pipe_names
    assert LEARNED not in add_newsgraph_components(spacy.blank("en"), learned=False).pipe_names


# --- with the real model and the shipped weights -------------------------------------------------


def _facts(nlp, text: str, learned_on: bool = True):
    from newsgraph.extract import extract_prepared, prepare

    if learned_on:
        x = extract_prepared(prepare(text), nlp)
    else:
        with nlp.select_pipes(disable=[LEARNED]):
            x = extract_prepared(prepare(text), nlp)

    def name(entity_id):
        return x.entity(entity_id).name if entity_id else None

    relations = {(name(r.subject), r.predicate, name(r.object)) for r in x.relations}
    roles = {(name(r.person), r.role, name(r.organization), name(r.jurisdiction), r.qualifier) for r in x.roles}
    return relations, roles


@pytest.mark.model
@pytest.mark.parametrize("text, person, org", [
    ("The Ostrava-born designer Mara Novak joined Helix Motors in 2019.", "Mara Novak", "Helix Motors"),
    ("Sara Lind has skated for the Rockford Eagles since 2015.", "Sara Lind", "Rockford Eagles"),
])
def test_an_affiliation_the_rules_miss_becomes_member_of(nlp, text, person, org):
    assert (person, "memberOf", org) not in _facts(nlp, text, learned_on=False)[0]
    assert (person, "memberOf", org) in _facts(nlp, text)[0]


@pytest.mark.model
def test_a_title_gets_the_country_it_is_held_for(nlp):
    # (not "Japan's parliament": the rules give a title the one country a sentence is about)
    text = "Former Prime Minister Hiro Tanaka visited the parliament of Japan on Monday."
    assert ("Hiro Tanaka", "prime minister", None, None, "former") in _facts(nlp, text, learned_on=False)[1]
    assert ("Hiro Tanaka", "prime minister", None, "Japan", "former") in _facts(nlp, text)[1]


@pytest.mark.model
@pytest.mark.parametrize("text, expected", [
    ("Ann Lee, who works for Acme Corp, said the plan was sound.", ("Ann Lee", "worksFor", "Acme Corp")),
    ("Mara Novak, head designer at Helix Motors, said sales rose.", None),
])
def test_what_the_rules_found_is_not_said_twice(nlp, text, expected):
    relations, roles = _facts(nlp, text)
    person_org = {r for r in relations if r[1] in ("memberOf", "worksFor")}
    assert person_org == ({expected} if expected else set())
    if expected is None:
        assert ("Mara Novak", "head designer", "Helix Motors", None, None) in roles


def test_extract_hands_the_setting_to_the_pipeline(monkeypatch):
    import importlib

    from newsgraph.settings import Settings

    core = importlib.import_module("newsgraph.extract")  # the module: the package exports a function of that name

    asked = []

    def fake_load(model=None, *, learned=True):
        asked.append(learned)
        raise RuntimeError("stop here")

    monkeypatch.setattr(core, "load_pipeline", fake_load)
    for value in (False, True):
        with pytest.raises(RuntimeError):
            core.extract("Ann Lee spoke.", settings=Settings.model_construct(learned_relations=value))
        with pytest.raises(RuntimeError):
            list(core.extract_many(["Ann Lee spoke."], settings=Settings.model_construct(learned_relations=value)))
    assert asked == [False, False, True, True]
    assert Settings.model_construct().learned_relations is True


def test_a_person_gets_one_organisation_per_sentence_the_most_likely():
    text = "Senator Ann Lee visited Acme Corp and Beta Labs ."
    parse = [(2, "compound"), (2, "compound"), (3, "nsubj"), (3, "ROOT"), (5, "compound"), (3, "dobj"),
             (5, "cc"), (8, "compound"), (5, "conj"), (3, "punct")]
    doc = run(make_doc(text, ents={"Ann Lee": "PERSON", "Acme Corp": "ORG", "Beta Labs": "ORG"}, parse=parse),
              "newsgraph_entities", "newsgraph_roles", "newsgraph_relations")
    LearnedRelations(None, "learned", model=_model({"affiliation|bias": 2, "affiliation|bl=and": 2}))(doc)
    added = {(r.subject.name, r.predicate, r.object.name, r.confidence) for r in doc._.ng_relations
             if r.predicate == "memberOf"}
    p = 1 / (1 + np.exp(-4.0))
    assert added == {("Ann Lee", "memberOf", "Beta Labs", round(learned.CONFIDENCE * p, 2))}


# "Eva Ruiz , a farmer , lives near Tarn , Vermont ." without a parse: the rules read nothing,
# so each test states the relations the rules would have given.
NEAR = "Eva Ruiz , a farmer , lives near Tarn , Vermont ."


def _near_doc():
    doc = make_doc(NEAR, ents={"Eva Ruiz": "PERSON", "Tarn": "GPE", "Vermont": "GPE"})
    doc = run(doc, "newsgraph_entities")
    doc._.ng_roles, doc._.ng_relations = [], []
    clusters = {c.name: c for c in doc._.ng_entities}
    return doc, clusters, next(iter(doc.sents))


def test_a_residence_it_adds_chains_out_to_the_places_around():
    from newsgraph.nlp.facts import RelationFact

    doc, c, sent = _near_doc()
    doc._.ng_relations = [RelationFact(c["Tarn"], "locatedIn", c["Vermont"], sent, 0.85)]
    # "near" lies between Eva and Tarn; "Tarn" between Eva and Vermont, which alone scores low
    model = _model({"residence|bias": -4, "residence|bw=near": 6, "residence|bw=tarn": -8})
    LearnedRelations(None, "learned", model=model)(doc)
    found = {(r.subject.name, r.predicate, r.object.name): r.confidence for r in doc._.ng_relations}
    assert ("Eva Ruiz", "livesIn", "Tarn") in found
    assert ("Eva Ruiz", "livesIn", "Vermont") in found  # chained through Tarn locatedIn Vermont
    assert found[("Eva Ruiz", "livesIn", "Vermont")] == found[("Eva Ruiz", "livesIn", "Tarn")]


def test_chaining_follows_located_in_outwards_only():
    from newsgraph.nlp.facts import RelationFact
    from newsgraph.nlp.learned import chained

    _, c, sent = _near_doc()
    located = RelationFact(c["Tarn"], "locatedIn", c["Vermont"], sent, 0.85)
    inner = RelationFact(c["Eva Ruiz"], "livesIn", c["Tarn"], sent, 0.4)
    outer = RelationFact(c["Eva Ruiz"], "livesIn", c["Vermont"], sent, 0.4)
    assert [(r.subject.name, r.predicate, r.object.name) for r in chained([inner], [located, inner], sent)] == [
        ("Eva Ruiz", "livesIn", "Vermont")]
    assert chained([outer], [located, outer], sent) == []  # living in the state says nothing of the town
    killed = RelationFact(c["Eva Ruiz"], "killed", c["Tarn"], sent, 0.4)
    assert chained([killed], [located, killed], sent) == []


def test_no_residence_where_the_rules_read_a_birth_there():
    from newsgraph.nlp.facts import RelationFact
    from newsgraph.nlp.learned import born_there

    doc, c, sent = _near_doc()
    located = RelationFact(c["Tarn"], "locatedIn", c["Vermont"], sent, 0.85)
    born = RelationFact(c["Eva Ruiz"], "bornIn", c["Tarn"], sent, 0.85)
    assert born_there([born, located], c["Eva Ruiz"], c["Tarn"], sent)
    assert born_there([born, located], c["Eva Ruiz"], c["Vermont"], sent)  # around the birthplace
    assert not born_there([located], c["Eva Ruiz"], c["Tarn"], sent)
    doc._.ng_relations = [born, located]
    LearnedRelations(None, "learned", model=_model({"residence|bias": 5}))(doc)
    assert not [r for r in doc._.ng_relations if r.predicate == "livesIn"]


def test_head_indices_are_the_indices_of_the_head_prefixed_features():
    shared = ["bias", "bw=for", "bw=for", "path=nsubj< pobj>", "w-1=<s>", "bw=ünïcode"]
    for head in ("office", "residence"):
        expected = feature_indices([f"{head}|{f}" for f in shared], BITS)
        assert sorted(head_indices(head, [f.encode() for f in shared], BITS)) == sorted(expected)
        assert len(expected) == 5


def test_the_dateline_place_is_nobody_s_jurisdiction_or_home():
    text = "PARIS , March 3 - Senator Ann Lee visited Acme Corp ."
    parse = [(8, "npadvmod"), (0, "punct"), (0, "appos"), (2, "nummod"), (8, "punct"), (7, "compound"),
             (7, "compound"), (8, "nsubj"), (8, "ROOT"), (10, "compound"), (8, "dobj"), (8, "punct")]
    doc = make_doc(text, ents={"PARIS": "GPE", "March 3": "DATE", "Ann Lee": "PERSON", "Acme Corp": "ORG"},
                   parse=parse)
    doc = run(doc, "newsgraph_dateline", "newsgraph_entities", "newsgraph_roles", "newsgraph_relations")
    assert doc._.ng_dateline is not None
    LearnedRelations(None, "learned", model=_model({"affiliation|bias": 4, "office|bias": 3, "residence|bias": 3}))(doc)
    [role] = doc._.ng_roles
    assert (role.role, role.jurisdiction) == ("senator", None)
    relations = {(r.subject.name, r.predicate, r.object.name) for r in doc._.ng_relations}
    assert ("Ann Lee", "memberOf", "Acme Corp") in relations  # the body of the story is still read
    assert not any(name == "Paris" for _, _, name in relations)


def test_a_place_that_names_a_thing_is_no_office_s_jurisdiction():
    text = "Senator Ann Lee backed the Paris arms deal ."
    parse = [(2, "compound"), (2, "compound"), (3, "nsubj"), (3, "ROOT"), (7, "det"), (7, "compound"), (7, "compound"),
             (3, "dobj"), (3, "punct")]
    doc = make_doc(text, ents={"Ann Lee": "PERSON", "Paris": "GPE"}, parse=parse, pos={"backed": "VERB"})
    doc = run(doc, "newsgraph_entities", "newsgraph_roles", "newsgraph_relations")
    LearnedRelations(None, "learned", model=_model({"office|bias": 3}))(doc)
    [role] = doc._.ng_roles
    assert (role.role, role.jurisdiction) == ("senator", None)
