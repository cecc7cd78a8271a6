"""Score newsgraph on the CoNLL04 entity and relation benchmark (strict micro-F1).

    python bench/conll04_eval.py --data ../shared/data/conll04 --split test

Reads ``conll04_{split}.json`` (a list of sentences with ``tokens``, ``entities``
[{type, start, end}] and ``relations`` [{type, head, tail}]) from ``--data``; the
data is never copied into the project. Each sentence's tokens are joined with
spaces and read by :func:`newsgraph.extract_many`.

Mapping newsgraph's output to CoNLL04's schema:

- entities: every mention of a Person / Organization / Place / Other entity becomes
  Peop / Org / Loc / Other over the CoNLL tokens its characters cover; a person's
  span takes in a title right before it that CoNLL04 treats as part of the name
  ("President", "Mrs.", see ``NAME_TITLES``);
- Work_For: roles with an organisation, ``memberOf`` and ``worksFor`` (person ->
  organisation); a role's jurisdiction ("Arizona senator X") is Live_In, as CoNLL04
  annotates it;
- OrgBased_In: ``basedIn``; Located_In: ``locatedIn`` (and ``partOf`` between places);
  Live_In: ``livesIn`` and ``bornIn`` (CoNLL04 annotates birthplaces as Live_In);
  Kill: ``killed``.
- a dateline "DAYTON , Ohio ( AP )": CoNLL04 annotates the agency as OrgBased_In each place of
  it (24 of 37 such sentences in train+dev); newsgraph records the dateline
  (``article.dateline``) and adds no ``basedIn`` for it (false for every agency but the local
  one), so the mapping pairs the dateline's agency with the places named before it.
- a birthplace "X , Y" (``bornIn`` the town X and, chained, the state or country Y, with
  ``locatedIn`` X -> Y) is one Loc "X , Y" in CoNLL04 and one Live_In to it: after "born
  in" CoNLL04 annotates the pair as one location (62 of 62 such pairs on train+dev), where
  elsewhere it keeps "X" and "Y" apart. The mapping joins them for ``bornIn`` only: two
  ``bornIn`` objects of one person written "X , Y" become that one span and one Live_In, and
  their ``locatedIn`` is not counted (it is inside the span).

Scoring is strict (Taillé et al., 2020): an entity is right when its token span and
type are; a relation when its type and both arguments' spans and types are. A
newsgraph relation links entities, which can have several mentions in a sentence;
it is resolved to the mention pair that is a gold relation when there is one, and
otherwise counts once as a false positive.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from bisect import bisect_right
from collections import Counter, defaultdict
from pathlib import Path

from newsgraph import extract_many
from newsgraph.schema import Extraction
from newsgraph.settings import declared_defaults

ENTITY_TYPES = {"Person": "Peop", "Organization": "Org", "Place": "Loc", "Other": "Other"}
RELATION_TYPES = ("Work_For", "OrgBased_In", "Located_In", "Live_In", "Kill")
PREDICATES = {
    "basedIn": "OrgBased_In",
    "locatedIn": "Located_In",
    "livesIn": "Live_In",
    "bornIn": "Live_In",
    "killed": "Kill",
    "memberOf": "Work_For",
    "worksFor": "Work_For",
}
# CoNLL04 counts these titles as part of a person's name ("President Kennedy", "Mrs. Parks"):
# on train+dev they are inside the Peop span in 110 of 179 cases, nearly always for these words
# (not for "Sen.", "Gov.", "Judge", "Lt.", which are mostly left out). newsgraph keeps titles out
# of names, so the mapping puts them back.
NAME_TITLES = {"President", "Mr.", "Mr", "Mrs.", "Ms.", "Miss", "Dr.", "Rev.", "Prince", "Gen."}
# Published strict relation F1 on the CoNLL04 test set, for comparison.
PUBLISHED = {"SpERT (Eberts and Ulges, 2020)": 71.47, "REBEL (Huguet Cabot and Navigli, 2021)": 75.4}

Span = tuple[int, int, str]  # token start, token end (exclusive), CoNLL type


def load_split(data: Path, split: str) -> list[dict]:
    path = data / f"conll04_{split}.json"
    if not path.is_file():
        sys.exit(f"error: {path} not found (expected conll04_{{train,dev,test}}.json in --data)")
    return json.loads(path.read_text(encoding="utf-8"))


def token_starts(tokens: list[str]) -> list[int]:
    starts, position = [], 0
    for token in tokens:
        starts.append(position)
        position += len(token) + 1
    return starts


def to_tokens(starts: list[int], start: int, end: int) -> tuple[int, int]:
    """The CoNLL token span covering characters [start, end)."""
    return bisect_right(starts, start) - 1, bisect_right(starts, end - 1)


def predicted(extraction: Extraction, tokens: list[str]) -> tuple[set[Span], list[tuple[str, list[Span], list[Span]]]]:
    """Entity spans and relations (type, head mention spans, tail mention spans) newsgraph found."""
    starts = token_starts(tokens)
    mentions: dict[str, list[Span]] = {}
    for entity in extraction.entities:
        spans = []
        for mention in entity.mentions:
            first, last = to_tokens(starts, mention.start, mention.end)
            if entity.type == "Person" and first > 0 and tokens[first - 1] in NAME_TITLES:
                first -= 1
            spans.append((first, last, ENTITY_TYPES[entity.type]))
        mentions[entity.id] = spans
    joined, inside = birthplaces(extraction, tokens, mentions)
    entities = {span for spans in mentions.values() for span in spans if span not in inside}
    entities |= {span for spans in joined.values() for span in spans}
    relations = [("Live_In", mentions[person], spans) for person, spans in joined.items()]
    relations += dateline_relations(extraction, mentions)
    for role in extraction.roles:
        # CoNLL04 annotates "Arizona senator X" / "governor of Ohio" (a role's jurisdiction) as
        # Live_In, and a role at an organisation as Work_For.
        organization = extraction.entity(role.organization)
        if organization is not None:  # (an older extraction may still give a place here)
            kind = "Live_In" if organization.type == "Place" else "Work_For"
            relations.append((kind, mentions[role.person], mentions[role.organization]))
        jurisdiction = getattr(role, "jurisdiction", None)  # absent before newsgraph had it
        if jurisdiction is not None:
            relations.append(("Live_In", mentions[role.person], mentions[jurisdiction]))
    for relation in extraction.relations:
        kind = PREDICATES.get(relation.predicate)
        if relation.predicate == "bornIn" and set(mentions[relation.object]) & inside:
            continue  # part of a joined birthplace
        if relation.predicate == "locatedIn" and set(mentions[relation.subject]) & inside \
                and set(mentions[relation.object]) & inside:
            continue
        if relation.predicate == "partOf" and extraction.entity(relation.subject).type == "Place":
            kind = "Located_In"
        if kind:
            relations.append((kind, mentions[relation.subject], mentions[relation.object]))
    return entities, relations


def dateline_relations(extraction: Extraction, mentions: dict[str, list[Span]]) -> list[tuple[str, list[Span], list[Span]]]:
    """"DAYTON , Ohio ( AP )": CoNLL04 annotates the agency of a dateline as based in its places
    (OrgBased_In AP -> DAYTON and AP -> Ohio). newsgraph records the dateline (``article.dateline``:
    the place, the agency) and adds no ``basedIn`` for it, which would be false for every agency
    but the local one; the mapping pairs the dateline's agency with the places named before it."""
    dateline = extraction.article.dateline
    if dateline is None or not dateline.agency or not dateline.place:
        return []
    agency, places = dateline.agency.lower(), [p.strip().lower() for p in dateline.place.split(",")]
    relations = []
    for organisation in extraction.entities:
        if organisation.type != "Organization":
            continue
        for mention in organisation.mentions:
            if mention.text.lower() != agency:
                continue
            for place in extraction.entities:
                if place.type != "Place":
                    continue
                if any(m.end <= mention.start and any(m.text.lower() in p for p in places) for m in place.mentions):
                    # all the place's mentions, as for the relations (one key if newsgraph also said so)
                    relations.append(("OrgBased_In", mentions[organisation.id], mentions[place.id]))
            return relations
    return relations


def birthplaces(extraction: Extraction, tokens: list[str],
                mentions: dict[str, list[Span]]) -> tuple[dict[str, list[Span]], set[Span]]:
    """Birthplaces written "X , Y" (both ``bornIn`` objects of one person), joined into one
    CoNLL04 Loc span: (person id -> joined spans, the separate spans they replace)."""
    born: dict[str, set[str]] = defaultdict(set)
    for relation in extraction.relations:
        if relation.predicate == "bornIn":
            born[relation.subject].add(relation.object)
    joined: dict[str, list[Span]] = {}
    inside: set[Span] = set()
    for person, places in born.items():
        spans = [span for place in places for span in mentions[place]]
        for first in spans:
            for second in spans:
                if second[0] == first[1] + 1 and tokens[first[1]] == ",":
                    joined.setdefault(person, []).append((first[0], second[1], "Loc"))
                    inside |= {first, second}
    return joined, inside


def gold(sentence: dict) -> tuple[set[Span], set[tuple[str, Span, Span]]]:
    spans = [(e["start"], e["end"], e["type"]) for e in sentence["entities"]]
    relations = {(r["type"], spans[r["head"]], spans[r["tail"]]) for r in sentence["relations"]}
    return set(spans), relations


class Tally:
    def __init__(self) -> None:
        self.tp: Counter = Counter()
        self.fp: Counter = Counter()
        self.fn: Counter = Counter()

    def row(self, key: str | None = None) -> tuple[int, int, int, float, float, float]:
        if key is None:
            tp, fp, fn = sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values())
        else:
            tp, fp, fn = self.tp[key], self.fp[key], self.fn[key]
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return tp, fp, fn, 100 * p, 100 * r, 100 * f


def score(sentences: list[dict], extractions: list[Extraction], errors_for: str | None = None):
    entity_tally, relation_tally = Tally(), Tally()
    examples: dict[str, list[str]] = defaultdict(list)
    for sentence, extraction in zip(sentences, extractions):
        tokens = sentence["tokens"]
        gold_entities, gold_relations = gold(sentence)
        found_entities, found_relations = predicted(extraction, tokens)
        for span in found_entities:
            (entity_tally.tp if span in gold_entities else entity_tally.fp)[span[2]] += 1
        for span in gold_entities - found_entities:
            entity_tally.fn[span[2]] += 1
        unmatched = set(gold_relations)
        seen: set[tuple] = set()
        for kind, heads, tails in found_relations:
            key = (kind, tuple(heads), tuple(tails))
            if key in seen:  # e.g. livesIn and bornIn for the same pair
                continue
            seen.add(key)
            hit = next(((kind, h, t) for h in heads for t in tails if (kind, h, t) in unmatched), None)
            if hit is not None:
                unmatched.discard(hit)
                relation_tally.tp[kind] += 1
            else:
                relation_tally.fp[kind] += 1
                if errors_for in (kind, "all"):
                    h, t = heads[0], tails[0]
                    examples[kind].append(f"FP {' '.join(tokens[h[0]:h[1]])} -> {' '.join(tokens[t[0]:t[1]])} "
                                          f"| {' '.join(tokens)}")
        for kind, h, t in unmatched:
            relation_tally.fn[kind] += 1
            if errors_for in (kind, "all"):
                examples[kind].append(f"FN {' '.join(tokens[h[0]:h[1]])} -> {' '.join(tokens[t[0]:t[1]])} "
                                      f"| {' '.join(tokens)}")
    return entity_tally, relation_tally, examples


def table(title: str, tally: Tally, keys: tuple[str, ...]) -> str:
    lines = [f"| {title} | TP | FP | FN | P | R | F1 |", "|---|---:|---:|---:|---:|---:|---:|"]
    for key in keys:
        tp, fp, fn, p, r, f = tally.row(key)
        lines.append(f"| {key} | {tp} | {fp} | {fn} | {p:.1f} | {r:.1f} | {f:.1f} |")
    tp, fp, fn, p, r, f = tally.row()
    lines.append(f"| **micro** | {tp} | {fp} | {fn} | {p:.1f} | {r:.1f} | **{f:.1f}** |")
    return "\n".join(lines)


def use_weights(path: Path) -> None:
    """Make the learned component read ``path`` instead of the shipped weights (this process only)."""
    from newsgraph.nlp import learned

    if not path.is_file():
        sys.exit(f"error: {path} not found")
    model = learned.read_model(path)
    learned.shipped_model.cache_clear()
    learned.shipped_model = lambda: model  # type: ignore[assignment]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="Directory with conll04_{train,dev,test}.json.")
    parser.add_argument("--split", default="test", choices=("train", "dev", "test"))
    parser.add_argument("--limit", type=int, default=None, help="Only the first N sentences (for quick checks).")
    parser.add_argument("--errors", default=None, metavar="TYPE",
                        help="Print false positives and negatives of one relation type (or 'all').")
    parser.add_argument("--rules-only", action="store_true",
                        help="Leave out the learned relation classifier (Settings.learned_relations = False).")
    parser.add_argument("--weights", type=Path, default=None,
                        help="Score with these classifier weights instead of the shipped ones (e.g. a file written "
                        "by train/relations.py --fit-on train, to read dev with weights that have not seen it).")
    args = parser.parse_args(argv)
    if args.weights is not None:
        use_weights(args.weights)

    settings = declared_defaults().model_copy(update={"learned_relations": not args.rules_only})
    sentences = load_split(args.data, args.split)[: args.limit]
    started = time.perf_counter()
    extractions = list(extract_many((" ".join(s["tokens"]) for s in sentences), settings=settings))
    elapsed = time.perf_counter() - started
    entity_tally, relation_tally, examples = score(sentences, extractions, args.errors)

    print(f"CoNLL04 {args.split}{' (rules only)' if args.rules_only else ''}: {len(sentences)} sentences, "
          f"read in {elapsed:.1f} s\n")
    print(table("entity type", entity_tally, ("Peop", "Org", "Loc", "Other")))
    print()
    print(table("relation", relation_tally, RELATION_TYPES))
    print("\nPublished strict relation F1 (test): "
          + "; ".join(f"{name} {value}" for name, value in PUBLISHED.items()))
    for kind, lines in examples.items():
        print(f"\n{kind} errors:")
        for line in lines:
            print("  " + line)


if __name__ == "__main__":
    main()
