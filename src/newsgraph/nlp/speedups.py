"""Faster stand-ins for two of the model's own components, with the same output.

spaCy's ``attribute_ruler`` runs every one of its ~180 patterns through the Matcher at
every token, although nearly all of them test one token for equality of its tag, its
lower-case form or its dependency label; and its rule ``lemmatizer`` visits every token
from Python. Together they took about a seventh of the model's time on news. Here:

* :class:`AttributeTable` writes the leading run of tag-only patterns (which give every
  token its POS and MORPH) as whole columns through ``Doc.from_array``; the rest, sequences of
  tests of a token's lower-case form, tag, dependency or spacing (equal, IN, NOT_IN, REGEX),
  are filed by what their first token must equal, so numpy finds the few tokens where one can
  start and only those are tested in Python. Patterns with anything else (operators, other
  attributes) still go to a Matcher. All matches are found before anything is set and are
  applied in the ruler's own order (a later pattern wins) with its own normalised attributes;
* :class:`CachedLemmas` keys lemmas by (form, POS, MORPH), the key spaCy's rule
  lemmatizer caches by itself, and writes them as one column.

Both take over an installed component; a lemmatizer in another mode, or one whose rule
lookup is not spaCy's, is left in place.

The model's own layers multiply matrices through thinc's ``NumpyOps``, which calls BLIS. On
this project's machines (AMD EPYC, AVX2) BLIS took 33 ms for a product that numpy's OpenBLAS
does in 11 ms on one thread, and the tok2vec layers are most of the model's time.
:func:`use_numpy_matmul` gives the model's layers ops that multiply through numpy instead;
the parser's own C loop keeps BLIS. Float sums in another order can flip a near tie: over 300
wire stories (65,489 tokens) one token's tag, arc or entity label differed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs  # what AttributeRuler itself applies
from thinc.api import NumpyOps

# what a pattern may test and still be answered here: these attributes, by these predicates
_TESTED = {"LOWER": LOWER, "TAG": TAG, "DEP": DEP, "IS_SPACE": IS_SPACE}
_FILED_UNDER = ("LOWER", "TAG", "DEP")  # most selective first: the equality a pattern is filed by

TokenTest = list[tuple[int, Callable[[int], bool]]]  # (column in _TESTED, test of its value)
_COLUMN = {key: n for n, key in enumerate(_TESTED)}


def _predicate(vocab, key: str, predicate) -> tuple[Callable[[int], bool], frozenset[int] | None] | None:
    """A test of one attribute's value (a string hash; 0/1 for IS_SPACE) as spaCy's Matcher
    makes it, with the hashes it must equal when it is an equality; None if not answered here."""
    if key == "IS_SPACE":
        if not isinstance(predicate, bool):
            return None
        wanted = int(predicate)
        return (lambda value: value == wanted), None
    if isinstance(predicate, str):
        allowed = frozenset({vocab.strings.add(predicate)})
        return allowed.__contains__, allowed
    if not isinstance(predicate, dict) or len(predicate) != 1:
        return None
    ((operator, argument),) = predicate.items()
    if operator in ("IN", "NOT_IN") and isinstance(argument, list) and all(isinstance(v, str) for v in argument):
        allowed = frozenset(vocab.strings.add(v) for v in argument)
        return (allowed.__contains__, allowed) if operator == "IN" else ((lambda value: value not in allowed), None)
    if operator == "REGEX" and isinstance(argument, str):
        # the Matcher searches the attribute's string; remember the answer per string
        search, strings = re.compile(argument).search, vocab.strings
        answers: dict[int, bool] = {}

        def matches(value: int) -> bool:
            found = answers.get(value)
            if found is None:
                found = answers[value] = bool(search(strings[value]))
            return found
        return matches, None
    return None


class AttributeTable:
    """The attribute ruler's patterns answered mostly by lookup (see the module's docstring)."""

    def __init__(self, ruler: AttributeRuler, name: str = "attribute_ruler") -> None:
        self.name = name
        self.vocab = ruler.vocab
        self.attrs, self.indices = ruler.attrs, ruler.indices
        alternatives: list[list[list[dict]]] = [entry["patterns"] for entry in ruler.patterns]  # type: ignore[misc]
        # the leading run of patterns that only name tags and only set POS/MORPH: whole columns
        self.columns = [POS, MORPH]
        self.by_tag: dict[int, dict[int, int]] = {}
        position = 0
        while position < len(alternatives) and self.indices[position] == 0 \
                and set(self.attrs[position]) <= set(self.columns):
            equal = [self._equality_on_tag(sequence) for sequence in alternatives[position]]
            if any(tags is None for tags in equal):
                break
            for tags in equal:
                for tag in tags or ():
                    self.by_tag.setdefault(tag, {}).update(self.attrs[position])
            position += 1
        # the rest: sequences of answerable tests filed by their first token; others to a Matcher
        self.filed: dict[str, dict[int, list[tuple[int, list[TokenTest]]]]] = {
            key: defaultdict(list) for key in _FILED_UNDER}
        self.unfiled: list[tuple[int, list[TokenTest]]] = []
        self.matcher = Matcher(self.vocab)
        for later in range(position, len(alternatives)):
            for sequence in alternatives[later]:
                compiled = self._compile(sequence)
                if compiled is None:
                    self.matcher.add(str(later), [sequence])
                    continue
                tests, first_equal = compiled
                if first_equal is None:
                    self.unfiled.append((later, tests))
                else:
                    key, values = first_equal
                    for value in values:
                        self.filed[key][value].append((later, tests))
        self._filed_values = {key: numpy.array(sorted(by_value), dtype=numpy.uint64)
                              for key, by_value in self.filed.items()}

    def _equality_on_tag(self, sequence: list[dict]) -> frozenset[int] | None:
        if len(sequence) != 1 or set(sequence[0]) != {"TAG"}:
            return None
        made = _predicate(self.vocab, "TAG", sequence[0]["TAG"])
        return made[1] if made else None

    def _compile(self, sequence: list[dict]) -> tuple[list[TokenTest], tuple[str, frozenset[int]] | None] | None:
        """The sequence's tests per token and its first token's equality (attribute, hashes),
        or None when any token pattern uses anything but _TESTED's attributes and predicates."""
        tests: list[TokenTest] = []
        first_equal = None
        for n, token_pattern in enumerate(sequence):
            if not token_pattern or not set(token_pattern) <= set(_TESTED):
                return None
            token_tests: TokenTest = []
            for key, predicate in token_pattern.items():
                made = _predicate(self.vocab, key, predicate)
                if made is None:
                    return None
                test, equal = made
                token_tests.append((_COLUMN[key], test))
                if n == 0 and equal is not None and key in _FILED_UNDER and (
                        first_equal is None or _FILED_UNDER.index(key) < _FILED_UNDER.index(first_equal[0])):
                    first_equal = (key, equal)
            tests.append(token_tests)
        return tests, first_equal

    def _hits(self, doc: Doc) -> list[tuple[int, int]]:
        """(pattern position, token index) of every match in ``doc`` as it is now. numpy finds
        the tokens a pattern can start at; only those are tested in Python."""
        hits: list[tuple[int, int]] = []
        if len(self.matcher):
            for match_id, start, end in self.matcher(doc, allow_missing=True):
                position = int(self.vocab.strings[match_id])
                hits.append((position, range(start, end)[self.indices[position]]))
        columns = doc.to_array(list(_TESTED.values()))
        rows = columns.tolist()
        length = len(rows)

        def test_from(start: int, position: int, tests: list[TokenTest]) -> None:
            end = start + len(tests)
            if end <= length and all(test(rows[i][column]) for i, token_tests in zip(range(start, end), tests)
                                     for column, test in token_tests):
                hits.append((position, range(start, end)[self.indices[position]]))

        for key, by_value in self.filed.items():
            if by_value:
                column = _COLUMN[key]
                for start in numpy.flatnonzero(numpy.isin(columns[:, column], self._filed_values[key])).tolist():
                    for position, tests in by_value[rows[start][column]]:
                        test_from(start, position, tests)
        distinct: dict[int, list[int]] = {}
        for position, tests in self.unfiled:
            possible = numpy.ones(length, dtype=bool)
            for column, test in tests[0]:
                if column not in distinct:
                    distinct[column] = numpy.unique(columns[:, column]).tolist()
                passing = [value for value in distinct[column] if test(value)]
                possible &= numpy.isin(columns[:, column], numpy.array(passing, dtype=numpy.uint64))
            for start in numpy.flatnonzero(possible).tolist():
                test_from(start, position, tests)
        return hits

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        hits = self._hits(doc)  # all matched before anything is set, as the ruler does
        if self.by_tag:
            values = doc.to_array([TAG, *self.columns])
            tags, at = numpy.unique(values[:, 0], return_inverse=True)
            for column, attr in enumerate(self.columns, start=1):
                found = [self.by_tag.get(tag, {}).get(attr) for tag in tags.tolist()]
                setting = numpy.array([value is not None for value in found])[at]
                new = numpy.array([value or 0 for value in found], dtype=numpy.uint64)[at]
                values[:, column] = numpy.where(setting, new, values[:, column])
            doc.from_array(self.columns, values[:, 1:])  # type: ignore[arg-type]  # stubs: to_array gives floats
        hits.sort()  # by pattern position: a later pattern wins, as in AttributeRuler
        for position, i in hits:
            set_token_attrs(doc[i], self.attrs[position])
        return doc


class CachedLemmas:
    """The rule lemmatizer's lemmas, cached by (ORTH, POS, MORPH) and written as one column."""

    def __init__(self, lemmatizer: Lemmatizer, name: str = "lemmatizer") -> None:
        self.name = name
        self.lemmatizer = lemmatizer
        self.cache: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        values = doc.to_array([ORTH, POS, MORPH, LEMMA])
        strings, cache, changed = doc.vocab.strings, self.cache, False
        for i, (orth, pos, morph, lemma) in enumerate(values.tolist()):
            if lemma == 0:
                key = (orth, pos, morph)
                found = cache.get(key)
                if found is None:
                    found = cache[key] = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
                values[i, 3] = found
                changed = True
        if changed:
            doc.from_array([LEMMA], values[:, 3:])  # type: ignore[arg-type]  # stubs: to_array gives floats
        return doc


_STAND_INS = {"attribute_ruler": AttributeTable, "lemmatizer": CachedLemmas}
_REPLACED = "newsgraph_replaced_"


def _fits(component) -> bool:
    if type(component) is AttributeRuler:
        return True
    # spaCy's English lemmatizer is a subclass; the cache key holds while rule_lemmatize is spaCy's
    return (isinstance(component, Lemmatizer) and type(component).rule_lemmatize is Lemmatizer.rule_lemmatize
            and component.mode == "rule" and not component.overwrite)


def _stand_in_factory(name: str) -> str:
    factory = f"newsgraph_fast_{name}"
    if not Language.has_factory(factory):
        stand_in = _STAND_INS[name]

        def make(nlp: Language, name: str):
            return stand_in(nlp.get_pipe(_REPLACED + name), name)

        Language.factory(factory, func=make)
    return factory


def use_numpy_matmul(nlp: Language) -> None:
    """Give every layer of the components' models ops whose matrix product is numpy's (see the
    module's docstring); layers on other ops (a GPU's) are left alone."""
    numpy_ops = NumpyOps(use_blis=False)
    for _name, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for layer in model.walk():
            if type(layer.ops) is NumpyOps:
                layer.ops = numpy_ops


def speed_up(nlp: Language) -> Language:
    """Put the stand-ins in place of the model's attribute ruler and rule lemmatizer, under
    the same names, where the model has them as spaCy builds them, else leave it as it is; and
    multiply the model's matrices through numpy."""
    use_numpy_matmul(nlp)
    for name in _STAND_INS:
        component = nlp.get_pipe(name) if name in nlp.pipe_names else None
        if component is None or not _fits(component):
            continue
        nlp.rename_pipe(name, _REPLACED + name)
        nlp.add_pipe(_stand_in_factory(name), name=name, after=_REPLACED + name)
        nlp.remove_pipe(_REPLACED + name)
    return nlp
