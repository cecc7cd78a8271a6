"""Entities, model-free: a lone name the model typed as an organisation that the sentence shows is a
person ("Copland, who was born in Brooklyn", "Surratt, a young spy"); CoNLL04 relation arguments."""

from docbuild import make_doc, run

import newsgraph.nlp.pipeline  # noqa: F401  (registers the components)


def entities(text, ents, parse):
    doc = run(make_doc(text, ents=ents, parse=parse), "newsgraph_entities")
    return {c.name: c.type for c in doc._.ng_entities}


# "Varo , who was born here , left ."
_WHO = [(7, "nsubj"), (0, "punct"), (4, "nsubjpass"), (4, "auxpass"), (0, "relcl"), (4, "advmod"), (0, "punct"),
        (7, "ROOT"), (7, "punct")]


def test_a_name_a_who_clause_describes_is_a_person():
    assert entities("Varo , who was born here , left .", {"Varo": "ORG"}, _WHO) == {"Varo": "Person"}
    # "which" describes a thing
    assert entities("Brindle , which was founded here , left .", {"Brindle": "ORG"}, _WHO) == {
        "Brindle": "Organization"}


# "Varo , a young spy , left ."
_APPOS = [(6, "nsubj"), (0, "punct"), (4, "det"), (4, "amod"), (0, "appos"), (0, "punct"), (6, "ROOT"), (6, "punct")]


def test_a_name_in_apposition_to_an_occupation_only_people_have_is_a_person():
    assert entities("Varo , a young spy , left .", {"Varo": "ORG"}, _APPOS) == {"Varo": "Person"}
    assert entities("Varo , a famous novelist , left .", {"Varo": "ORG"}, _APPOS) == {"Varo": "Person"}
    # a company can be a leader, an owner or a producer
    assert entities("Brindle , a chip leader , grew .", {"Brindle": "ORG"}, _APPOS) == {"Brindle": "Organization"}
    assert entities("Brindle , a film producer , grew .", {"Brindle": "ORG"}, _APPOS) == {"Brindle": "Organization"}
