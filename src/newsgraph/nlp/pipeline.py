"""The newsgraph pipeline: a spaCy model plus newsgraph's registered components."""

from __future__ import annotations

from spacy.language import Language

from .facts import register_extensions

# Importing the modules registers their factories with spaCy.
from . import dateline, entities, figures, paragraphs, quotes, relations, roles  # noqa: F401
from . import assemble  # noqa: F401

# In pipeline order; each declares what it requires and assigns.
COMPONENTS = (
    "newsgraph_dateline",
    "newsgraph_entities",
    "newsgraph_figures",
    "newsgraph_roles",
    "newsgraph_quotes",
    "newsgraph_relations",
    "newsgraph_assemble",
)


def add_newsgraph_components(nlp: Language) -> Language:
    register_extensions()
    if "newsgraph_paragraphs" not in nlp.pipe_names:
        # before the parser, so its sentences never cross a blank line
        anchor = {"before": "parser"} if "parser" in nlp.pipe_names else {"first": True}
        nlp.add_pipe("newsgraph_paragraphs", **anchor)
    for name in COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    return nlp
