"""Build spaCy Docs by hand for model-free tests of newsgraph's components.

``make_doc("Daren Tang , director general of WIPO", ents={"Daren Tang": "PERSON",
"WIPO": "ORG"})`` gives a Doc with those entities, one sentence per "." and simple
part-of-speech tags; pass ``parse=[(head, dep), ...]`` for a dependency parse.
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from newsgraph.nlp.facts import register_extensions

_vocab = spacy.blank("en").vocab
_NOUN_HINTS = {"director", "general", "president", "head", "researcher", "executive", "chief", "patents",
               "universities", "investment", "senator", "economist", "minister", "bureau", "ministry"}


def _find(words: list[str], phrase: str, taken: set[int]) -> int:
    target = phrase.split()
    for i in range(len(words) - len(target) + 1):
        if words[i:i + len(target)] == target and not taken.intersection(range(i, i + len(target))):
            return i
    raise ValueError(f"{phrase!r} not in {words}")


def make_doc(text: str, *, ents: dict[str, str] | list[tuple[str, str]] = (), pos: dict[str, str] | None = None,
             parse: list[tuple[int, str]] | None = None, lemmas: dict[str, str] | None = None) -> Doc:
    register_extensions()
    words = text.split()
    labels = ["O"] * len(words)
    taken: set[int] = set()
    for phrase, label in (ents.items() if isinstance(ents, dict) else ents):
        start = _find(words, phrase, taken)
        size = len(phrase.split())
        for k in range(size):
            labels[start + k] = ("B-" if k == 0 else "I-") + label
        taken.update(range(start, start + size))
    tags = []
    for w in words:
        if pos and w in pos:
            tags.append(pos[w])
        elif w in _NOUN_HINTS or (w.islower() and w.isalpha()):
            tags.append("NOUN")
        elif not w.isalnum() and "'" not in w:
            tags.append("PUNCT")
        else:
            tags.append("PROPN")
    kwargs = {}
    if parse is not None:
        kwargs["heads"] = [h for h, _ in parse]
        kwargs["deps"] = [d for _, d in parse]
    else:
        kwargs["sent_starts"] = [i == 0 or words[i - 1] == "." for i in range(len(words))]
    spaces = [i + 1 < len(words) and words[i + 1] not in ("'s", ",", ".", ":", ";", ")") and w != "("
              for i, w in enumerate(words)]
    doc = Doc(_vocab, words=words, spaces=spaces, ents=labels, pos=tags,
              lemmas=[(lemmas or {}).get(w, w.lower()) for w in words], **kwargs)
    return doc


def run(doc: Doc, *components: str) -> Doc:
    """Run newsgraph's components (by factory name) on a hand-built Doc."""
    nlp = spacy.blank("en")
    for name in components:
        doc = nlp.create_pipe(name)(doc)
    return doc
