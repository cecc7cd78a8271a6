"""How often newsgraph finds the role a KBP37 sentence states (and how often it invents one).

    python bench/kbp37_eval.py --data ../shared/data/kbp37/dev.txt [--rules-only] [--weights FILE]

KBP37 (Zhang and Wang, 2015) labels one pair of marked arguments per sentence. The
``<e1>``/``<e2>`` markers are removed and the PTB spacing undone (`` `` `` -> ``"``,
"word ," -> "word,"), each sentence is read by :func:`newsgraph.extract_many`, and a
sentence counts as a hit when one of its roles has the person argument as its person
(the entity's name or an alias, ignoring case and punctuation; one may contain the
other when both are longer than 3 characters) and:

- ``per:title``: the role name contains, or is contained in, the title argument;
- ``per:employee_of``: the role's organisation or jurisdiction matches the other argument;
- ``org:top_members/employees``: the role's organisation matches the organisation argument.

For ``no_relation`` a role linking the two arguments either way (person and
organisation/jurisdiction, or person and role name) is a false role. Rates are
printed per label with their counts; the data is read from ``--data``, never copied.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

from conll04_eval import use_weights

from newsgraph import extract_many
from newsgraph.schema import Entity, Extraction, Role
from newsgraph.settings import declared_defaults

LABELS = ("per:title", "per:employee_of", "org:top_members/employees")
TARGETS = {"per:title": 50, "per:employee_of": 30, "org:top_members/employees": 35, "no_relation": 5}
_PTB = {"``": '"', "''": '"', "-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}
_NO_SPACE_BEFORE = {",", ".", ";", ":", "?", "!", ")", "]", "}", "%", "'s", "'", "n't", "'re", "'ve", "'ll", "'d", "'m"}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "#"}


class Record:
    def __init__(self, text: str, e1: str, e2: str, label: str, direction: tuple[str, str] | None):
        self.text, self.e1, self.e2, self.label, self.direction = text, e1, e2, label, direction

    def argument(self, which: str) -> str:
        return self.e1 if which == "e1" else self.e2


def detokenize(tokens: list[str]) -> str:
    """PTB tokens back to running text, quotes paired."""
    out: list[str] = []
    open_quote = True
    glue_next = False
    for raw in tokens:
        token = _PTB.get(raw, raw)
        if token == '"':
            if open_quote:
                out.append(" " + token if out else token)
                glue_next = True
            else:
                out.append(token)
            open_quote = not open_quote
            continue
        if not out or glue_next or token in _NO_SPACE_BEFORE or token.lower() in _NO_SPACE_BEFORE:
            out.append(token)
        else:
            out.append(" " + token)
        glue_next = token in _NO_SPACE_AFTER
    return "".join(out).strip()


def labelled_sentences(path: Path) -> list[tuple[str, str, tuple[str, str] | None]]:
    """(marked sentence, label, direction) per KBP37 item: an id<TAB>"sentence" line, then
    its label line ("per:title(e1,e2)"); the train script reads the file through this too."""
    items = []
    lines = path.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        if "\t" not in line:
            i += 1
            continue
        sentence = line.split("\t", 1)[1].strip()
        label_line = lines[i + 1].strip() if i + 1 < len(lines) else "no_relation"
        i += 2
        if sentence.startswith('"') and sentence.endswith('"'):
            sentence = sentence[1:-1].strip()
        match = re.match(r"^([\w:/]+)\((e[12]),(e[12])\)$", label_line)
        label, direction = (match.group(1), (match.group(2), match.group(3))) if match else (label_line, None)
        items.append((sentence, label, direction))
    return items


def parse(path: Path) -> list[Record]:
    records = []
    for sentence, label, direction in labelled_sentences(path):
        e1 = re.search(r"<e1>(.*?)</e1>", sentence)
        e2 = re.search(r"<e2>(.*?)</e2>", sentence)
        if not e1 or not e2:
            continue
        tokens = re.sub(r"</?e[12]>", " ", sentence).split()
        records.append(Record(detokenize(tokens), detokenize(e1.group(1).split()),
                              detokenize(e2.group(1).split()), label, direction))
    return records


def norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def same_name(argument: str, names: list[str]) -> bool:
    key = norm(argument)
    for name in names:
        other = norm(name)
        if not key or not other:
            continue
        if key == other or (len(key) > 3 and len(other) > 3 and (key in other or other in key)):
            return True
    return False


def names_of(entity: Entity | None) -> list[str]:
    return [] if entity is None else [entity.name, *entity.aliases]


def role_matches_title(role: Role, title: str) -> bool:
    a, b = norm(role.role), norm(title)
    return bool(a and b) and (a in b or b in a)


def role_places(x: Extraction, role: Role) -> list[str]:
    return names_of(x.entity(role.organization)) + names_of(x.entity(getattr(role, "jurisdiction", None)))


def hit(record: Record, x: Extraction) -> bool:
    first, second = record.direction
    a, b = record.argument(first), record.argument(second)
    for role in x.roles:
        person = names_of(x.entity(role.person))
        if record.label == "per:title":
            if same_name(a, person) and role_matches_title(role, b):
                return True
        elif record.label == "per:employee_of":
            if same_name(a, person) and same_name(b, role_places(x, role)):
                return True
        elif record.label == "org:top_members/employees" and same_name(b, person) and \
                same_name(a, names_of(x.entity(role.organization))):
            return True
    return False


def false_role(record: Record, x: Extraction) -> bool:
    for role in x.roles:
        person = names_of(x.entity(role.person))
        for p, other in ((record.e1, record.e2), (record.e2, record.e1)):
            if same_name(p, person) and (same_name(other, role_places(x, role)) or role_matches_title(role, other)):
                return True
    return False


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="A KBP37 split (dev.txt or train.txt).")
    parser.add_argument("--limit", type=int, default=None, help="Only the first N sentences (quick checks).")
    parser.add_argument("--errors", default=None, metavar="LABEL",
                        help="Print the sentences a label missed (or no_relation's false roles).")
    parser.add_argument("--rules-only", action="store_true",
                        help="Leave out the learned relation classifier (Settings.learned_relations = False).")
    parser.add_argument("--weights", type=Path, default=None,
                        help="Score with these classifier weights instead of the shipped ones (the shipped ones "
                        "have seen dev: a file written by train/relations.py --fit-on train has not).")
    args = parser.parse_args(argv)
    if args.weights is not None:
        use_weights(args.weights)
    settings = declared_defaults().model_copy(update={"learned_relations": not args.rules_only})
    if not args.data.is_file():
        sys.exit(f"error: {args.data} not found")

    records = [r for r in parse(args.data) if r.label in LABELS or r.label == "no_relation"][: args.limit]
    started = time.perf_counter()
    # A sentence the extractor refuses (one reads as Portuguese) counts as one with no roles.
    extractions = list(extract_many((r.text for r in records), batch_size=64, errors="return", settings=settings))
    elapsed = time.perf_counter() - started
    total, good = Counter(), Counter()
    misses: list[str] = []
    refused = 0
    for record, x in zip(records, extractions):
        total[record.label] += 1
        if not isinstance(x, Extraction):
            refused += 1
            if args.errors == record.label and record.label != "no_relation":
                misses.append(f"{record.e1!r} / {record.e2!r} {record.direction} | {record.text}\n      refused: {x}")
            continue
        ok = false_role(record, x) if record.label == "no_relation" else hit(record, x)
        good[record.label] += ok
        if args.errors == record.label and ok == (record.label == "no_relation"):
            roles = [(names_of(x.entity(r.person))[:1], r.role, names_of(x.entity(r.organization))[:1],
                      names_of(x.entity(r.jurisdiction))[:1]) for r in x.roles]
            misses.append(f"{record.e1!r} / {record.e2!r} {record.direction} | {record.text}\n      roles: {roles}")
    print(f"KBP37 {args.data.name}: {len(records)} sentences, read in {elapsed:.1f} s"
          + (f" ({refused} refused by the extractor, counted as without roles)" if refused else "") + "\n")
    print("| label | sentences | with a matching role | rate | target |")
    print("|---|---:|---:|---:|---|")
    for label in LABELS:
        rate = 100 * good[label] / total[label] if total[label] else 0.0
        print(f"| {label} | {total[label]} | {good[label]} | {rate:.1f}% | >= {TARGETS[label]}% |")
    rate = 100 * good["no_relation"] / total["no_relation"] if total["no_relation"] else 0.0
    print(f"| no_relation (false roles) | {total['no_relation']} | {good['no_relation']} | {rate:.1f}% "
          f"| <= {TARGETS['no_relation']}% |")
    for line in misses:
        print("  " + line)


if __name__ == "__main__":
    main()
