"""The newsgraph pipeline: a spaCy model plus newsgraph's registered components.

Each newsgraph component runs isolated (:class:`Isolated`): when one raises on a
document, the document goes on without that component's facts and the failure is
recorded as a warning (``doc.user_data["ng_warnings"]``, then ``Extraction.warnings``).
Only a failure of the spaCy model's own components fails the article. A document may
carry a time limit in seconds (``doc.user_data["ng_time_limit"]``): the first newsgraph
component starts the clock, and once the limit has passed the remaining components are
skipped, each with a warning; the final assembly always runs.
"""

from __future__ import annotations

import logging
import time
import traceback

from spacy.language import Language
from spacy.tokens import Doc

from .facts import register_extensions

# Importing the modules registers their factories with spaCy.
from . import dateline, entities, figures, paragraphs, quotes, relations, roles  # noqa: F401
from . import assemble  # noqa: F401

log = logging.getLogger(__name__)

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
PARAGRAPHS = "newsgraph_paragraphs"
ISOLATED_SUFFIX = "_isolated"

WARNINGS_KEY = "ng_warnings"  # list of {"component", "error"} dicts
TRACEBACKS_KEY = "ng_tracebacks"  # a traceback ("" for a skipped component) per warning, for logs
DEADLINE_KEY = "ng_deadline"  # time.monotonic() after which components are skipped
LIMIT_KEY = "ng_time_limit"  # the limit in seconds, for the warning's text


def short_name(name: str) -> str:
    return name.removeprefix("newsgraph_")


def add_warning(doc: Doc, component: str, error: str, trace: str | None = None) -> None:
    doc.user_data.setdefault(WARNINGS_KEY, []).append({"component": short_name(component), "error": error})
    doc.user_data.setdefault(TRACEBACKS_KEY, []).append(trace or "")  # one per warning


class Isolated:
    """Runs one newsgraph component; if it raises, the Doc goes on without its facts."""

    def __init__(self, component, name: str):
        self.component = component
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        limit = doc.user_data.get(LIMIT_KEY)
        deadline = doc.user_data.get(DEADLINE_KEY)
        if deadline is None and limit:
            # The first newsgraph component starts the clock: within nlp.pipe, when the Doc's
            # batch starts, not when it was queued.
            deadline = doc.user_data[DEADLINE_KEY] = time.monotonic() + limit
        if deadline is not None and self.name != "newsgraph_assemble" and time.monotonic() > deadline:
            add_warning(doc, self.name, f"Skipped: the extraction time limit ({limit:g} s) was reached"
                        if limit else "Skipped: the extraction time limit was reached")
            return doc
        try:
            result = self.component(doc)
        except Exception as exc:  # noqa: BLE001 - isolation is the point: any bug costs only these facts
            trace = traceback.format_exc()
            add_warning(doc, self.name, f"{type(exc).__name__}: {exc}", trace)
            log.debug("component %s failed:\n%s", self.name, trace)
            return doc
        return result if isinstance(result, Doc) else doc


def _register_isolated(factory: str) -> str:
    """A factory making ``factory``'s component wrapped in :class:`Isolated`, with the same contract."""
    name = factory + ISOLATED_SUFFIX
    if not Language.has_factory(name):
        meta = Language.get_factory_meta(factory)

        def make(nlp: Language, name: str):
            return Isolated(nlp.create_pipe(factory, name=name), name)

        Language.factory(name, requires=meta.requires, assigns=meta.assigns,
                         retokenizes=meta.retokenizes, func=make)
    return name


def add_newsgraph_components(nlp: Language) -> Language:
    register_extensions()
    if PARAGRAPHS not in nlp.pipe_names:
        # before the parser, so its sentences never cross a blank line
        anchor = {"before": "parser"} if "parser" in nlp.pipe_names else {"first": True}
        nlp.add_pipe(_register_isolated(PARAGRAPHS), name=PARAGRAPHS, **anchor)
    for name in COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(_register_isolated(name), name=name)
    return nlp


__all__ = ["COMPONENTS", "Isolated", "add_newsgraph_components", "add_warning"]
