"""Score an :class:`Extraction` against expected facts (a gold file).

Pure: the scorer takes an Extraction and a gold dict and returns counts; reading
files is the caller's job. Gold files have the form of ``samples/*.gold.json``::

    {"people": [names], "organizations": [names], "places": [names],
     "roles": [{"person", "role", "org"}], "figures": [{"text", "value", "unit", "about"}],
     "quotes": [{"speaker", "text_start"}]}

Matching rules (also in the README, "Measuring extraction quality"):

- names are compared after :func:`normalise_name` (case, punctuation, leading
  "the", possessive); a gold name matches an entity of the category's type when it
  equals the entity's canonical name or one of its aliases;
- a role matches when its person matches, its organisation matches (both null
  counts as a match) and the role names are equal after :func:`normalise_role`,
  with or without the role's qualifier ("former mayor" matches mayor, former);
- a figure matches when the unit is equal and the value is within 0.5% of gold;
  how well ``about`` agrees is a separate soft score (:func:`token_overlap`), and
  figures of equal value are paired so that their ``about`` agree best;
- a quote matches when the speaker matches and the quote's text contains the gold
  ``text_start``, ignoring whitespace and quotation marks.

Each gold fact is paired with at most one extracted fact and vice versa (a
maximum bipartite matching), so duplicates count as false positives.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .errors import InvalidGold
from .schema import Entity, Extraction, Figure, Quote, Role

CATEGORIES = ("people", "organizations", "places", "roles", "figures", "quotes")
ENTITY_CATEGORIES = {"people": "Person", "organizations": "Organization", "places": "Place"}
VALUE_TOLERANCE = 0.005  # a figure's value may differ from gold by 0.5%
WEAK_ABOUT = 0.5  # a matched figure whose about overlaps gold less than this is listed with the errors

_QUOTE_MARKS = re.compile(r"[\"'“”‘’«»„‚‹›`´]")
_DETERMINERS = {"a", "an", "the"}
_OVERLAP_STOPWORDS = {"a", "an", "the", "of", "in", "on", "for", "to", "and", "by", "at", "its", "per"}


# --- normalisation and matching helpers ---------------------------------------------------


def normalise_name(name: str) -> str:
    """Comparable form of a name: "the WHO's" -> "who", "Shenzhen's bureau" -> "shenzhen bureau"."""
    name = unicodedata.normalize("NFKC", name).casefold().strip()
    name = re.sub(r"['’]s\b", "", name)
    name = re.sub(r"[^\w\s]", " ", name)
    words = name.split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def name_matches(gold_name: str, entity: Entity | None) -> bool:
    """True when the gold name is the entity's canonical name or one of its aliases."""
    if entity is None:
        return False
    key = normalise_name(gold_name)
    return bool(key) and any(normalise_name(n) == key for n in (entity.name, *entity.aliases))


def normalise_role(role: str) -> str:
    """Comparable form of a role name: "an Economics-Researcher" -> "economics researcher"."""
    words = re.sub(r"[^\w\s]", " ", unicodedata.normalize("NFKC", role).casefold()).split()
    while words and words[0] in _DETERMINERS:
        words = words[1:]
    return " ".join(words)


def value_matches(gold: float, value: float, tolerance: float = VALUE_TOLERANCE) -> bool:
    """True when ``value`` is within ``tolerance`` (relative) of ``gold``."""
    if gold == 0:
        return value == 0
    return abs(value - gold) <= tolerance * abs(gold)


def _squash(text: str) -> str:
    """Text without whitespace or quotation marks, for containment tests."""
    return "".join(_QUOTE_MARKS.sub("", unicodedata.normalize("NFKC", text)).split())


def quote_text_matches(text_start: str, quote_text: str) -> bool:
    """True when the quote contains ``text_start``, ignoring whitespace and quote marks."""
    needle = _squash(text_start)
    return bool(needle) and needle in _squash(quote_text)


# An annotator's note closing a gold description: "people killed (at least; in the headline)"
_TRAILING_NOTE = re.compile(r"\s*\([^()]*\)\s*$")


def _overlap_tokens(text: str | None) -> list[str]:
    text = _TRAILING_NOTE.sub("", text or "")
    text = re.sub(r"['’]s\b", "", unicodedata.normalize("NFKC", text or "").casefold())
    words = re.findall(r"\w+", text)
    return [w for w in words if w not in _OVERLAP_STOPWORDS]


def token_overlap(gold: str | None, predicted: str | None) -> float:
    """Token F1 between two phrases (small function words ignored): 1.0 same words, 0.0 none shared.

    A bracketed note closing a phrase ("(over)", "(in the minister's quote)") is not part of
    what is measured and is left out on both sides.
    """
    gold_tokens, predicted_tokens = _overlap_tokens(gold), _overlap_tokens(predicted)
    if not gold_tokens or not predicted_tokens:
        return 1.0 if gold_tokens == predicted_tokens else 0.0
    remaining = list(predicted_tokens)
    common = 0
    for token in gold_tokens:
        if token in remaining:
            remaining.remove(token)
            common += 1
    if common == 0:
        return 0.0
    precision, recall = common / len(predicted_tokens), common / len(gold_tokens)
    return 2 * precision * recall / (precision + recall)


def match_pairs(gold: Sequence[Any], predicted: Sequence[Any], matches: Callable[[Any, Any], bool],
                weight: Callable[[Any, Any], float] | None = None) -> list[tuple[int, int]]:
    """A maximum one-to-one pairing of gold and predicted items (index pairs).

    Kuhn's augmenting paths: the lists are a few dozen items, so the simple
    algorithm is plenty, and unlike greedy pairing it never loses a match because
    an earlier gold item took a candidate another one needed.

    With ``weight`` (a score in [0, 1] for a matching pair), among the pairings of
    maximum size the one with the highest total weight: three figures "three points"
    of equal value are paired with the gold figures they describe, not in list order.
    """
    if weight is not None:
        return _weighted_pairs(gold, predicted, matches, weight)
    candidates = [[j for j, p in enumerate(predicted) if matches(g, p)] for g in gold]
    owner: dict[int, int] = {}  # predicted index -> gold index

    def augment(i: int, seen: set[int]) -> bool:
        for j in candidates[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(gold)):
        augment(i, set())
    return sorted((i, j) for j, i in owner.items())


def _weighted_pairs(gold: Sequence[Any], predicted: Sequence[Any], matches: Callable[[Any, Any], bool],
                   weight: Callable[[Any, Any], float]) -> list[tuple[int, int]]:
    """Maximum pairing with the highest total weight (the Hungarian algorithm, O(n^3)).

    Each matching pair is worth ``bonus + weight`` with ``bonus`` above any total of
    weights, so one more pair always beats better weights: the size of the pairing,
    and so the F1, is the same as without weights.
    """
    rows, cols = len(gold), len(predicted)
    size = max(rows, cols)
    if not rows or not cols:
        return []
    bonus = float(min(rows, cols) + 1)
    value = [[0.0] * size for _ in range(size)]
    for i, g in enumerate(gold):
        for j, p in enumerate(predicted):
            if matches(g, p):
                value[i][j] = bonus + min(1.0, max(0.0, weight(g, p)))
    # minimise cost = -value; potentials u (rows), v (columns), 1-based as in the textbook form
    inf = float("inf")
    u, v = [0.0] * (size + 1), [0.0] * (size + 1)
    row_of = [0] * (size + 1)  # column -> row assigned to it
    way = [0] * (size + 1)
    for i in range(1, size + 1):
        row_of[0] = i
        j0 = 0
        minv = [inf] * (size + 1)
        used = [False] * (size + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = row_of[j0], inf, 0
            for j in range(1, size + 1):
                if used[j]:
                    continue
                cur = -value[i0 - 1][j - 1] - u[i0] - v[j]
                if cur < minv[j]:
                    minv[j], way[j] = cur, j0
                if minv[j] < delta:
                    delta, j1 = minv[j], j
            for j in range(size + 1):
                if used[j]:
                    u[row_of[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if row_of[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            row_of[j0] = row_of[j1]
            j0 = j1
    pairs = [(row_of[j] - 1, j - 1) for j in range(1, size + 1)
             if row_of[j] and row_of[j] - 1 < rows and j - 1 < cols and value[row_of[j] - 1][j - 1] > 0]
    return sorted(pairs)


# --- counts ----------------------------------------------------------------------------------


@dataclass
class Counts:
    """True positives, false positives and false negatives of one category."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float | None:
        """None when nothing was extracted (precision undefined)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        """None when the gold has nothing in this category (recall undefined)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        if self.tp + self.fp + self.fn == 0:
            return None
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn)

    def as_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass
class ArticleScore:
    """How one article's extraction compares with its gold facts."""

    name: str
    counts: dict[str, Counts]
    missed: dict[str, list[str]]  # gold facts not extracted, per category
    spurious: dict[str, list[str]]  # extracted facts not in the gold, per category
    about_overlaps: list[float] = field(default_factory=list)  # one per matched figure
    weak_about: list[str] = field(default_factory=list)  # matched figures whose about agrees little


@dataclass
class Report:
    """Micro-averaged scores over many articles."""

    articles: list[ArticleScore] = field(default_factory=list)

    def add(self, score: ArticleScore) -> None:
        self.articles.append(score)

    def totals(self) -> dict[str, Counts]:
        totals = {category: Counts() for category in CATEGORIES}
        for article in self.articles:
            for category in CATEGORIES:
                totals[category] = totals[category] + article.counts[category]
        return totals

    def about_score(self) -> dict:
        overlaps = [o for article in self.articles for o in article.about_overlaps]
        return {"pairs": len(overlaps), "mean_overlap": sum(overlaps) / len(overlaps) if overlaps else None}

    def as_dict(self, *, errors: bool = False) -> dict:
        result: dict[str, Any] = {
            "articles": len(self.articles),
            "categories": {category: counts.as_dict() for category, counts in self.totals().items()},
            "figure_about": self.about_score(),
        }
        if errors:
            result["errors"] = {
                a.name: {"missed": a.missed, "spurious": a.spurious, "weak_about": a.weak_about}
                for a in self.articles
            }
        return result


# --- gold files ------------------------------------------------------------------------------

_GOLD_FIELDS = {
    "roles": ("person", "role"),
    "figures": ("value", "unit"),
    "quotes": ("speaker", "text_start"),
}


def parse_gold(data: Any, source: str = "gold") -> dict:
    """Check a gold dict's shape and fill missing categories with empty lists.

    Raises :class:`InvalidGold` naming ``source`` and the offending field.
    """
    if not isinstance(data, dict):
        raise InvalidGold(f"{source}: a gold file must hold a JSON object, not {type(data).__name__}")
    unknown = set(data) - set(CATEGORIES)
    if unknown:
        raise InvalidGold(f"{source}: unknown categories {', '.join(sorted(unknown))}; "
                          f"expected some of {', '.join(CATEGORIES)}")
    gold = {category: data.get(category) or [] for category in CATEGORIES}
    for category in CATEGORIES:
        if not isinstance(gold[category], list):
            raise InvalidGold(f"{source}: '{category}' must be a list")
    for category in ENTITY_CATEGORIES:
        for name in gold[category]:
            if not isinstance(name, str) or not name.strip():
                raise InvalidGold(f"{source}: '{category}' must list non-empty names, found {name!r}")
    for category, required in _GOLD_FIELDS.items():
        for item in gold[category]:
            if not isinstance(item, dict):
                raise InvalidGold(f"{source}: each of '{category}' must be an object, found {item!r}")
            for key in required:
                if item.get(key) in (None, ""):
                    raise InvalidGold(f"{source}: an item of '{category}' has no '{key}': {item!r}")
    for item in gold["figures"]:
        if isinstance(item["value"], bool) or not isinstance(item["value"], (int, float)):
            raise InvalidGold(f"{source}: a figure's value must be a number, found {item['value']!r}")
    return gold


# --- scoring -------------------------------------------------------------------------------


def _describe_role(role: Role, extraction: Extraction) -> str:
    person = extraction.entity(role.person)
    organization = extraction.entity(role.organization)
    return f"{person.name if person else role.person} | {role.role} | {organization.name if organization else None}"


def _describe_figure(figure: Figure) -> str:
    return f"{figure.text!r} = {figure.value:g} {figure.unit} (about: {figure.about})"


def _describe_quote(quote: Quote, extraction: Extraction) -> str:
    speaker = extraction.entity(quote.speaker)
    text = quote.text if len(quote.text) <= 60 else quote.text[:57] + "..."
    return f"{speaker.name if speaker else quote.speaker}: {text!r}"


def _score(
    category: str,
    gold: Sequence[Any],
    predicted: Sequence[Any],
    matches: Callable[[Any, Any], bool],
    describe_gold: Callable[[Any], str],
    describe_predicted: Callable[[Any], str],
    result: ArticleScore,
    weight: Callable[[Any, Any], float] | None = None,
) -> list[tuple[int, int]]:
    pairs = match_pairs(gold, predicted, matches, weight)
    matched_gold = {i for i, _ in pairs}
    matched_predicted = {j for _, j in pairs}
    result.counts[category] = Counts(tp=len(pairs), fp=len(predicted) - len(pairs), fn=len(gold) - len(pairs))
    result.missed[category] = [describe_gold(g) for i, g in enumerate(gold) if i not in matched_gold]
    result.spurious[category] = [describe_predicted(p) for j, p in enumerate(predicted) if j not in matched_predicted]
    return pairs


def score_article(extraction: Extraction, gold: dict, name: str = "article") -> ArticleScore:
    """Compare one extraction with its gold facts (a dict as read from a gold file)."""
    gold = parse_gold(gold, name)
    result = ArticleScore(name=name, counts={}, missed={}, spurious={})

    for category, type_ in ENTITY_CATEGORIES.items():
        entities = [e for e in extraction.entities if e.type == type_]
        _score(category, gold[category], entities, name_matches, str, lambda e: e.name, result)

    def role_matches(g: dict, role: Role) -> bool:
        if not name_matches(g["person"], extraction.entity(role.person)):
            return False
        # a gold file may write the qualifier into the title ("former mayor"); newsgraph keeps it apart
        if normalise_role(g["role"]) not in (normalise_role(role.role), normalise_role(f"{role.qualifier} {role.role}")):
            return False
        if g.get("org") in (None, ""):
            return role.organization is None
        return name_matches(g["org"], extraction.entity(role.organization))

    _score("roles", gold["roles"], extraction.roles, role_matches,
           lambda g: f"{g['person']} | {g['role']} | {g.get('org')}",
           lambda r: _describe_role(r, extraction), result)

    def figure_matches(g: dict, figure: Figure) -> bool:
        return str(g["unit"]).casefold() == figure.unit.casefold() and value_matches(float(g["value"]), figure.value)

    pairs = _score("figures", gold["figures"], extraction.figures, figure_matches,
                   lambda g: f"{g.get('text')!r} = {g['value']:g} {g['unit']} (about: {g.get('about')})",
                   _describe_figure, result,
                   weight=lambda g, figure: token_overlap(g.get("about"), figure.about))
    result.about_overlaps = [
        token_overlap(gold["figures"][i].get("about"), extraction.figures[j].about) for i, j in pairs
    ]
    result.weak_about = [
        f"{extraction.figures[j].text!r}: {extraction.figures[j].about!r}, gold {gold['figures'][i].get('about')!r} "
        f"({overlap:.2f})"
        for (i, j), overlap in zip(pairs, result.about_overlaps) if overlap < WEAK_ABOUT
    ]

    def quote_matches(g: dict, quote: Quote) -> bool:
        return name_matches(g["speaker"], extraction.entity(quote.speaker)) and quote_text_matches(
            g["text_start"], quote.text)

    _score("quotes", gold["quotes"], extraction.quotes, quote_matches,
           lambda g: f"{g['speaker']}: {g['text_start']!r}",
           lambda q: _describe_quote(q, extraction), result)
    return result


def evaluate(pairs: Iterable[tuple[str, Extraction, dict]]) -> Report:
    """Score many (name, extraction, gold) triples into one micro-averaged report."""
    report = Report()
    for name, extraction, gold in pairs:
        report.add(score_article(extraction, gold, name))
    return report
