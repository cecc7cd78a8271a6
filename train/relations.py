"""Train the learned relation classifier (newsgraph.nlp.learned) and write its weights.

    pip install -e '.[train]'
    python train/relations.py --kbp37 ../shared/data/kbp37 --conll04 ../shared/data/conll04 \
        --out src/newsgraph/nlp/data/relations.npz

Reads KBP37 ``train.txt``/``dev.txt`` and CoNLL04 ``conll04_{train,dev}.json`` from the
given directories (the data is never copied into the project), runs newsgraph's own
pipeline on every sentence (the learned component off), pairs the entity mentions of
each sentence as the component does, and labels a pair from the gold annotation:

- CoNLL04 annotates every relation of a sentence: a pair is positive when a gold
  relation of the head's type links the gold entities its two mentions are, with the
  very spans the strict scoring reads (``--labels exact``: the bench's mapping, a title
  such as "President" taken into a person's name; ``--labels overlap``: the gold
  entities the mentions' head words fall in), negative otherwise (affiliation:
  Work_For, residence: Live_In, based: OrgBased_In, located: Located_In, killed: Kill);
- KBP37 labels one marked pair per sentence: only that pair is used (affiliation and
  office: per:employee_of, org:top_members/employees; residence: per:*_of_residence;
  based: org:*_of_headquarters; other labels are negatives, a few ambiguous ones are
  left out).

A logistic regression (scikit-learn, liblinear, fixed seed) is fitted on CoNLL04 and
KBP37 train and dev (``--fit-on train+dev``, the default; ``--fit-on train`` keeps the
dev splits out and reports the pair F1 on them). Each head's threshold is the one that
maximises its pair F1 on held-out scores (but for FIXED_THRESHOLDS, set by hand): the fitting pairs are cut into ``--folds``
folds by sentence, and each fold is scored by a model fitted on the others; the test
splits are never read. The weights are written as plain numpy arrays (``.npz``, no
pickle); the same command on the same data and versions writes the same weights.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from bisect import bisect_left
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "src"))

from conll04_eval import NAME_TITLES  # noqa: E402
from kbp37_eval import _PTB, detokenize, labelled_sentences  # noqa: E402

from newsgraph.nlp.learned import (  # noqa: E402
    DEFAULT_BITS,
    HEADS,
    VECTOR_DIM,
    candidate_pairs,
    feature_indices,
    pair_features,
    pair_vector,
    rules_cover,
    sentence_mentions,
)

CONLL_TYPES = {"affiliation": "Work_For", "residence": "Live_In", "based": "OrgBased_In",
               "located": "Located_In", "killed": "Kill"}
RESIDENCE = {"per:countries_of_residence", "per:cities_of_residence", "per:stateorprovinces_of_residence"}
HEADQUARTERS = {"org:city_of_headquarters", "org:country_of_headquarters", "org:stateorprovince_of_headquarters"}
EMPLOYMENT = {"per:employee_of", "org:top_members/employees"}
# KBP37 labels too close to a head's question to be its negatives
LEFT_OUT = {"affiliation": {"org:founded_by", "per:title"}, "office": {"per:origin", "per:title"},
            "residence": {"per:origin", "per:country_of_birth", "per:employee_of"}, "based": {"org:founded"}}

MIN_THRESHOLD = 0.5  # a pair the model finds more likely false than true is never added
# Thresholds set by hand instead. "office" only names the country of a title the rules read without
# one ("Prime Minister X" in a sentence about Britain), so a miss costs a true fact and a wrong guess
# no role; 0.35 is where KBP37 dev per:employee_of stops rising with weights fitted on train only
# (29.3% at 0.5, 30.0% at 0.35) while no_relation's false roles stay at 2.9%.
FIXED_THRESHOLDS = {"office": 0.35}
# corpus, head, features, label, pair vector, sentence (the cross-validation folds keep a sentence's pairs
# together), exact (the mentions are the gold entities' very spans; always 1 for KBP37, which marks no spans
# the scoring reads), covered (the rules already say what the head would add: learned.rules_cover)
Example = tuple[str, str, list[str], int, list[float], int, int, int]
# The facts stay on the Doc only up to the assembling component, which clears them; the
# figures and quotes are not needed.
NOT_NEEDED = ["newsgraph_figures", "newsgraph_quotes", "newsgraph_assemble"]


# --- data ---------------------------------------------------------------------------------


def kbp37_records(path: Path) -> list[tuple[str, tuple[int, int], tuple[int, int], str, tuple[str, str] | None]]:
    """(text, e1 character span, e2 character span, label, direction) per sentence."""
    records = []
    for sentence, label, direction in labelled_sentences(path):
        raw = re.sub(r"(</?e[12]>)", r" \1 ", sentence).split()
        tokens: list[str] = []
        marks: dict[str, int] = {}
        for token in raw:
            if re.fullmatch(r"</?e[12]>", token):
                marks[token] = len(tokens)
            else:
                tokens.append(token)
        if len(marks) != 4:
            continue
        ends = [len(detokenize(tokens[:k + 1])) for k in range(len(tokens))]
        e1, e2 = _argument_span(tokens, ends, marks, "e1"), _argument_span(tokens, ends, marks, "e2")
        if e1 is None or e2 is None:
            continue
        records.append((detokenize(tokens), e1, e2, label, direction))
    return records


def _argument_span(tokens: list[str], ends: list[int], marks: dict[str, int], name: str) -> tuple[int, int] | None:
    """Character span of a marked argument in the detokenised text (``ends``: where each token ends)."""
    first, last = marks[f"<{name}>"], marks[f"</{name}>"] - 1
    if last < first:
        return None
    return ends[first] - len(_PTB.get(tokens[first], tokens[first])), ends[last]


def kbp37_label(head: str, label: str, person_first: bool) -> int | None:
    """1/0 for the marked pair under ``head``; None to leave it out."""
    if label in LEFT_OUT.get(head, ()):
        return None
    if head in ("affiliation", "office"):
        if label == "per:employee_of":
            return int(person_first)
        if label == "org:top_members/employees":
            return int(not person_first) if head == "affiliation" else None
        return 0
    if head == "residence":
        return int(label in RESIDENCE and person_first)
    if head == "based":
        return int(label in HEADQUARTERS and person_first)
    return None


def overlaps(mention, span: tuple[int, int]) -> bool:
    """The mention's head word lies in the gold span."""
    root = mention.root
    return span[0] <= root.idx < span[1]


def kbp37_examples(nlp, path: Path) -> list[Example]:
    records = kbp37_records(path)
    examples: list[Example] = []
    docs = nlp.pipe((r[0] for r in records), batch_size=64, disable=NOT_NEEDED)
    for number, (doc, (_, e1, e2, label, direction)) in enumerate(zip(docs, records)):
        if direction is None and label != "no_relation":
            continue
        for mentions in sentence_mentions(doc).values():
            for head, ca, ma, cb, mb in candidate_pairs(mentions):
                if head not in ("affiliation", "office", "residence", "based"):
                    continue
                if overlaps(ma, e1) and overlaps(mb, e2):
                    first_is_a = direction is None or direction[0] == "e1"
                elif overlaps(ma, e2) and overlaps(mb, e1):
                    first_is_a = direction is None or direction[0] == "e2"
                else:
                    continue
                y = kbp37_label(head, label, first_is_a) if label != "no_relation" else 0
                if y is not None:
                    examples.append(("kbp37", head, pair_features(head, ma, mb, mentions), y, _vector(ma, mb), number, 1,
                                     _covered(doc, head, ca, ma, cb)))
    return examples


def conll04_examples(nlp, path: Path) -> list[Example]:
    sentences = json.loads(path.read_text(encoding="utf-8"))
    texts = [" ".join(s["tokens"]) for s in sentences]
    examples: list[Example] = []
    for number, (doc, sentence) in enumerate(zip(nlp.pipe(texts, batch_size=64, disable=NOT_NEEDED), sentences)):
        starts, position = [], 0
        for token in sentence["tokens"]:
            starts.append(position)
            position += len(token) + 1
        spans = [(starts[e["start"]], starts[e["end"] - 1] + len(sentence["tokens"][e["end"] - 1]))
                 for e in sentence["entities"]]
        gold = {(r["type"], r["head"], r["tail"]) for r in sentence["relations"]}
        for mentions in sentence_mentions(doc).values():
            for head, ca, ma, cb, mb in candidate_pairs(mentions):
                kind = CONLL_TYPES.get(head)
                if kind is None:
                    continue
                heads = [k for k, s in enumerate(spans) if overlaps(ma, s)]
                tails = [k for k, s in enumerate(spans) if overlaps(mb, s)]
                y = int(any((kind, h, t) in gold for h in heads for t in tails))
                exact = int(_scored_span(ma, ca.type == "Person", starts, sentence["tokens"]) in spans
                            and _scored_span(mb, cb.type == "Person", starts, sentence["tokens"]) in spans)
                examples.append(("conll04", head, pair_features(head, ma, mb, mentions), y, _vector(ma, mb), number,
                                 exact, _covered(doc, head, ca, ma, cb)))
    return examples


def _covered(doc, head: str, first, mention, second) -> int:
    return int(rules_cover(head, first, second, doc._.ng_relations or [], doc._.ng_roles or [], mention.sent))


def _scored_span(mention, person: bool, starts: list[int], tokens: list[str]) -> tuple[int, int]:
    """The mention's characters as the CoNLL04 bench scores them: a person's span takes in a
    title right before it that CoNLL04 counts as part of the name (``conll04_eval.NAME_TITLES``)."""
    start = mention.start_char
    k = bisect_left(starts, start)
    if person and 0 < k < len(starts) and starts[k] == start and tokens[k - 1] in NAME_TITLES:
        start = starts[k - 1]
    return start, mention.end_char


# --- model --------------------------------------------------------------------------------


def _vector(a, b) -> list[float]:
    return [round(float(v), 5) for v in pair_vector(a, b)]


HEAD_INDEX = {head: k for k, head in enumerate(HEADS)}
DENSE = 2 * VECTOR_DIM


def matrix(examples: list[Example], bits: int, vectors: bool):
    """Hashed features, then (with ``vectors``) each head's block of pair-vector columns."""
    from scipy.sparse import csr_matrix

    rows, cols, data = [], [], []
    for k, (_, head, features, _, vector, *_) in enumerate(examples):
        indices = feature_indices(features, bits)
        rows.extend([k] * len(indices))
        cols.extend(indices.tolist())
        data.extend([1.0] * len(indices))
        if vectors:
            base = (1 << bits) + HEAD_INDEX[head] * DENSE
            nonzero = [(j, v) for j, v in enumerate(vector) if v]
            rows.extend([k] * len(nonzero))
            cols.extend(base + j for j, _ in nonzero)
            data.extend(v for _, v in nonzero)
    width = (1 << bits) + (len(HEADS) * DENSE if vectors else 0)
    return csr_matrix((np.array(data, dtype=np.float64), (rows, cols)), shape=(len(examples), width))


def best_threshold(scores: np.ndarray, labels: np.ndarray, lowest: float = MIN_THRESHOLD) -> tuple[float, float]:
    """The threshold with the best F1 (ties: the higher one), and that F1."""
    best = (0.5, 0.0)
    for t in np.arange(lowest, 0.95, 0.025):
        predicted = scores >= t
        tp = int((predicted & (labels == 1)).sum())
        fp = int((predicted & (labels == 0)).sum())
        fn = int((~predicted & (labels == 1)).sum())
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if f1 >= best[1]:
            best = (round(float(t), 3), f1)
    return best


def fold_of(example: Example, folds: int) -> int:
    """The cross-validation fold of a pair: by its sentence, so a sentence's pairs stay together."""
    corpus, sentence = example[0], example[5]
    return (sentence + (0 if corpus == "conll04" else 1)) % folds


def fit(examples: list[Example], args: argparse.Namespace) -> np.ndarray:
    """The logistic regression's coefficients (hashed features, then any dense pair-vector blocks)."""
    from sklearn.linear_model import LogisticRegression

    classifier = LogisticRegression(C=args.c, solver="liblinear", fit_intercept=False, max_iter=1000,
                                    random_state=0)
    # CoNLL04 labels every pair of its sentences, as the component meets them; KBP37's pairs
    # were chosen, mostly true ones: each CoNLL04 pair counts --conll04-weight times.
    sample_weight = np.array([args.conll04_weight if e[0] == "conll04" else 1.0 for e in examples])
    classifier.fit(matrix(examples, args.bits, args.vectors), np.array([e[3] for e in examples]),
                   sample_weight=sample_weight)
    return classifier.coef_[0]


def scores_of(examples: list[Example], coef: np.ndarray, args: argparse.Namespace) -> np.ndarray:
    return 1 / (1 + np.exp(-(matrix(examples, args.bits, args.vectors) @ coef)))


def threshold_rows(examples: list[Example], scores: np.ndarray) -> np.ndarray:
    """Each pair's head where it counts for that head's threshold, else "": CoNLL04 (which labels
    every pair of a sentence, so that the share of true pairs is that of running text) for every
    head but office; KBP37 (one chosen pair per sentence) for the office head, which CoNLL04 lacks."""
    return np.array([e[1] if (e[0] == "kbp37") == (e[1] == "office") else "" for e in examples])


def pair_f1(scores: np.ndarray, labels: np.ndarray, threshold: float) -> float:
    predicted = scores >= threshold
    tp = int((predicted & (labels == 1)).sum())
    wrong = int((predicted != (labels == 1)).sum())
    return 2 * tp / (2 * tp + wrong) if tp else 0.0


def fixed_threshold(text: str) -> tuple[str, float]:
    """"office=0.35" -> ("office", 0.35), for --threshold."""
    head, _, value = text.partition("=")
    if head not in HEADS:
        raise argparse.ArgumentTypeError(f"unknown head {head!r}: one of {', '.join(HEADS)}")
    try:
        return head, float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kbp37", type=Path, required=True, help="Directory with KBP37 train.txt and dev.txt.")
    parser.add_argument("--conll04", type=Path, required=True, help="Directory with conll04_{train,dev}.json.")
    parser.add_argument("--out", type=Path, default=ROOT / "src/newsgraph/nlp/data/relations.npz")
    parser.add_argument("--bits", type=int, default=DEFAULT_BITS, help="Hashed feature space: 2**bits weights.")
    parser.add_argument("--c", type=float, default=0.5, help="Inverse L2 regularisation strength.")
    parser.add_argument("--folds", type=int, default=5,
                        help="Cross-validation folds (by sentence) whose held-out scores set each head's threshold.")
    parser.add_argument("--fit-on", choices=("train", "train+dev"), default="train+dev",
                        help="The splits the weights and the thresholds' cross-validation use; with 'train' the dev "
                        "splits are only reported on.")
    parser.add_argument("--min-threshold", type=float, default=MIN_THRESHOLD,
                        help="Lowest threshold a head may get (but for the fixed ones).")
    parser.add_argument("--threshold", action="append", default=[], metavar="HEAD=VALUE", type=fixed_threshold,
                        help="Fix a head's threshold instead of choosing it by held-out F1 (repeatable; "
                        f"default {', '.join(f'{h}={t}' for h, t in FIXED_THRESHOLDS.items())}).")
    parser.add_argument("--labels", choices=("exact", "overlap"), default="exact",
                        help="A CoNLL04 pair is true when a gold relation links its mentions' very spans (exact) or "
                        "the gold entities their head words fall in (overlap).")
    parser.add_argument("--vectors", action="store_true",
                        help="Add the word-vector features (pair_vector; needs a model with 300-dimensional "
                        "vectors at run time too). Off for the shipped weights: CoNLL04 dev -0.6 F1 with --fit-on train.")
    parser.add_argument("--conll04-weight", type=float, default=4.0,
                        help="Weight of a CoNLL04 pair in the fit (KBP37 pairs weigh 1).")
    parser.add_argument("--covered", choices=("keep", "drop"), default="keep",
                        help="Pairs for which the rules already say what the head would add (learned.rules_cover): "
                        "kept in the fit and the thresholds, or left out (the component adds nothing for them).")
    parser.add_argument("--model", default=None, help="spaCy model (default: newsgraph's automatic choice).")
    parser.add_argument("--pairs", type=Path, default=None,
                        help="JSON file keeping the labelled pairs: written on the first run, read on later ones "
                        "(to try other --c values without reading the data again).")
    args = parser.parse_args(argv)
    for path in (args.kbp37 / "train.txt", args.kbp37 / "dev.txt", args.conll04 / "conll04_train.json",
                 args.conll04 / "conll04_dev.json"):
        if not path.is_file():
            sys.exit(f"error: {path} not found")

    from newsgraph.nlp.model import load_pipeline

    started = time.perf_counter()
    if args.pairs is not None and args.pairs.is_file():
        train, dev = ([tuple(e) for e in part] for part in json.loads(args.pairs.read_text(encoding="utf-8")))
    else:
        nlp = load_pipeline(args.model, learned=False)
        train = conll04_examples(nlp, args.conll04 / "conll04_train.json") + kbp37_examples(nlp, args.kbp37 / "train.txt")
        dev = conll04_examples(nlp, args.conll04 / "conll04_dev.json") + kbp37_examples(nlp, args.kbp37 / "dev.txt")
        if args.pairs is not None:
            args.pairs.write_text(json.dumps([train, dev]), encoding="utf-8")
    print(f"read the data in {time.perf_counter() - started:.0f} s: {len(train)} training pairs, {len(dev)} dev pairs")
    if args.labels == "exact":
        # A CoNLL04 pair counts as true only when its mentions are the gold entities' very spans, as
        # the strict scoring counts it: the model learns to leave alone the mentions the entity
        # component cut or typed otherwise (a relation between them is scored false anyway).
        train, dev = ([(*e[:3], e[3] * e[6], *e[4:]) for e in part] for part in (train, dev))  # type: ignore[misc]
    if args.fit_on == "train+dev":
        # dev sentences numbered after the train ones, so that the folds keep them apart
        offset = 1 + max(e[5] for e in train)
        train, dev = train + [(*e[:5], e[5] + offset, *e[6:]) for e in dev], []  # type: ignore[misc]
    if args.covered == "drop":
        # The component adds only what the rules did not say: it learns from, and is tuned on, those pairs.
        train, dev = ([e for e in part if not e[7]] for part in (train, dev))
    counts = Counter((e[1], e[3]) for e in train)
    for head in HEADS:
        print(f"  {head}: {counts[(head, 1)]} positive, {counts[(head, 0)]} negative")

    # Thresholds from held-out scores: each fold's pairs scored by a model fitted on the others.
    held_out = np.zeros(len(train))
    for fold in range(args.folds):
        inside = [k for k, e in enumerate(train) if fold_of(e, args.folds) != fold]
        outside = [k for k, e in enumerate(train) if fold_of(e, args.folds) == fold]
        coef = fit([train[k] for k in inside], args)
        held_out[outside] = scores_of([train[k] for k in outside], coef, args)
    rows, labels = threshold_rows(train, held_out), np.array([e[3] for e in train])
    coef = fit(train, args)
    if dev:
        dev_scores = scores_of(dev, coef, args)
        dev_rows, dev_labels = threshold_rows(dev, dev_scores), np.array([e[3] for e in dev])
    thresholds = []
    fixed = {**FIXED_THRESHOLDS, **dict(args.threshold)}
    print("\n| head | pairs | positive | threshold | held-out F1 | dev F1 |\n|---|---:|---:|---:|---:|---:|")
    for head in HEADS:
        mask = rows == head
        threshold, f1 = best_threshold(held_out[mask], labels[mask], args.min_threshold) \
            if labels[mask].sum() else (0.9, 0.0)
        threshold = max(threshold, args.min_threshold)
        if head in fixed:
            threshold = fixed[head]
            f1 = pair_f1(held_out[mask], labels[mask], threshold)
        thresholds.append(threshold)
        dev_f1 = f"{pair_f1(dev_scores[dev_rows == head], dev_labels[dev_rows == head], threshold):.3f}" if dev else "-"
        print(f"| {head} | {int(mask.sum())} | {int(labels[mask].sum())} | {threshold} | {f1:.3f} | {dev_f1} |")

    args.out.parent.mkdir(parents=True, exist_ok=True)
    arrays = {"weights": coef[: 1 << args.bits].astype(np.float32), "bits": np.int64(args.bits),
              "heads": np.array(list(HEADS)), "thresholds": np.array(thresholds, dtype=np.float32)}
    if args.vectors:
        arrays["dense"] = coef[1 << args.bits:].reshape(len(HEADS), DENSE).astype(np.float32)
    np.savez_compressed(args.out, **arrays)
    print(f"\nwrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
