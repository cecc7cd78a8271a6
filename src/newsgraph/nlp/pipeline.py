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
from collections.abc import Iterable

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

# Importing the modules registers their factories with spaCy.
from . import (  # noqa: F401
    assemble,
    dateline,
    entities,
    figures,
    paragraphs,
    quotes,
    relations,
    roles,
    wire,
)
from . import learned as learned_relations  # noqa: F401
from .facts import SOURCE_TEXT_KEY, register_extensions
from .lexicon import PLURAL_TITLE_ABBREVIATIONS, TITLE_ABBREVIATIONS
from .speedups import speed_up
from .wire import WireCasingTokenizer, common_words

log = logging.getLogger(__name__)

# In pipeline order; each declares what it requires and assigns.
COMPONENTS = (
    "newsgraph_tickers",
    "newsgraph_dateline",
    "newsgraph_entities",
    "newsgraph_figures",
    "newsgraph_roles",
    "newsgraph_quotes",
    "newsgraph_relations",
    "newsgraph_learned_relations",
    "newsgraph_assemble",
)
LEARNED = "newsgraph_learned_relations"  # the trained relation classifier (nlp.learned); optional
PARAGRAPHS = "newsgraph_paragraphs"
TICKER_MARKS = "newsgraph_ticker_marks"
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
        except Exception as exc:
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


def add_newsgraph_components(nlp: Language, *, learned: bool = True) -> Language:
    """Add newsgraph's components after the model's; ``learned=False`` leaves out the trained
    relation classifier (``Settings.learned_relations``), so only the rules run."""
    register_extensions()
    words = common_words(nlp)  # before speed_up takes the lemmatizer's place
    speed_up(nlp)
    if isinstance(nlp.tokenizer, Tokenizer):
        # "Sens." is one word, as "Sen." is to the model; so are "Lt.", "Capt.", "Sgt.", which the
        # tokenizer cut in two ("Lt", "."), and the parser then ended a sentence before the name
        for abbreviation in PLURAL_TITLE_ABBREVIATIONS | set(TITLE_ABBREVIATIONS):
            nlp.tokenizer.add_special_case(abbreviation.capitalize(), [{ORTH: abbreviation.capitalize()}])
        # "gusts of 210 km/h. Hannah Lowe said": "h." is an abbreviation to the tokenizer, so the
        # sentence ran on into the next one (and the model read "h. Hannah Lowe" as a name)
        nlp.tokenizer.add_special_case("km/h.", [{ORTH: "km"}, {ORTH: "/"}, {ORTH: "h"}, {ORTH: "."}])
    if not isinstance(nlp.tokenizer, WireCasingTokenizer):
        # the model reads "U.S. officials" where the wire wrote "U.S. Officials" (see nlp.wire)
        nlp.tokenizer = WireCasingTokenizer(nlp.tokenizer, words)
    if PARAGRAPHS not in nlp.pipe_names:
        # before the parser, so its sentences never cross a blank line
        anchor = {"before": "parser"} if "parser" in nlp.pipe_names else {"first": True}
        nlp.add_pipe(_register_isolated(PARAGRAPHS), name=PARAGRAPHS, **anchor)
    if TICKER_MARKS not in nlp.pipe_names:
        # first: the model reads "<ACM.N>" as one word (see nlp.wire)
        nlp.add_pipe(_register_isolated(TICKER_MARKS), name=TICKER_MARKS, first=True)
    for name in COMPONENTS:
        if name == LEARNED and not learned:
            continue
        if name not in nlp.pipe_names:
            nlp.add_pipe(_register_isolated(name), name=name)
    return nlp


# --- long articles ---------------------------------------------------------------------
#
# The model's memory grows with the length of the Doc it parses (about 4 kB per character
# with en_core_web_md: 100,000 characters take 430 MB more). Articles longer than
# CHUNK_CHARS go through the model in pieces of at most CHUNK_CHARS, cut at paragraph
# breaks, a few at a time; the pieces are joined into one Doc (same text, same offsets)
# and newsgraph's components run on the whole, so an entity named in the first paragraph
# and the last is still one entity.

CHUNK_CHARS = 20_000
CHUNKS_AT_ONCE = 2


def chunk_ends(text: str, size: int = CHUNK_CHARS) -> list[int]:
    """Offsets where the pieces of ``text`` end: after a blank line where there is one in the
    second half of the window, else after a line break, a sentence end or a space."""
    ends: list[int] = []
    start = 0
    while len(text) - start > size:
        low, high = start + size // 2, start + size
        for separator in ("\n\n", "\n", ". ", " "):
            cut = text.rfind(separator, low, high)
            if cut != -1:
                cut += len(separator)
                break
        else:
            cut = high  # 10,000 characters without a space: no word to keep whole
        ends.append(cut)
        start = cut
    ends.append(len(text))
    return ends


def read_in_pieces(nlp: Language, text: str, size: int = CHUNK_CHARS) -> Doc:
    """The model's part of the pipeline on a long ``text``, in pieces (see above), joined
    into one Doc with the same text; newsgraph's components have not run on it yet."""
    ends = chunk_ends(text, size)
    pieces: Iterable[str] = (text[start:end] for start, end in zip([0, *ends[:-1]], ends))
    newsgraph = [name for name in nlp.pipe_names if name in COMPONENTS]
    docs = nlp.pipe(pieces, disable=newsgraph, batch_size=CHUNKS_AT_ONCE)
    # spaCy's doc.pyi leaves out from_docs' keyword-only ``exclude``, which doc.pyx takes
    doc = Doc.from_docs(list(docs), ensure_whitespace=False, exclude=["tensor", "spans", "user_data"])  # type: ignore[call-arg]
    if doc.text != text:  # the model read a recased copy (nlp.wire.model_casing)
        doc.user_data[SOURCE_TEXT_KEY] = text
    return doc


def run_newsgraph_components(nlp: Language, doc: Doc) -> Doc:
    """newsgraph's components after the model (each isolated), on a Doc the model has read."""
    for name in nlp.pipe_names:
        if name in COMPONENTS:
            doc = nlp.get_pipe(name)(doc)
    return doc


__all__ = ["CHUNK_CHARS", "COMPONENTS", "Isolated", "add_newsgraph_components", "add_warning", "chunk_ends",
           "read_in_pieces", "run_newsgraph_components"]
