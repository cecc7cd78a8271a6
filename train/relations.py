"""Train the learned relation classifier (newsgraph.nlp.learned) and write its weights.

    pip install -e '.[train]'
    python train/relations.py --kbp37 ../shared/data/kbp37 --conll04 ../shared/data/conll04 \
        --out src/newsgraph/nlp/data/relations.npz

Reads KBP37 ``train.txt``/``dev.txt`` and CoNLL04 ``conll04_{train,dev}.json`` from the
given directories (the data is never copied into the project), runs newsgraph's own
pipeline on every sentence (the learned component off), pairs the entity mentions of
each sentence as the component does, and labels a pair from the gold annotation:

- CoNLL04 annotates every relation of a sentence: a pair is positive when a gold
  relation of the head's type links the gold entities its two mentions fall in
  (affiliation: Work_For, residence: Live_In, based: OrgBased_In, located: Located_In,
  killed: Kill), negative otherwise;
- KBP37 labels one marked pair per sentence: only that pair is used (affiliation and
  office: per:employee_of, org:top_members/employees; residence: per:*_of_residence;
  based: org:*_of_headquarters; other labels are negatives, a few ambiguous ones are
  left out).

A logistic regression (scikit-learn, liblinear, fixed seed) is fitted on the train
splits; each head's threshold is the one that maximises its pair F1 on the dev splits.
The weights are written as plain numpy arrays (``.npz``, no pickle); the same command on
the same data and versions writes the same weights.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "src"))

from kbp37_eval import _PTB, detokenize, labelled_sentences  # noqa: E402

from newsgraph.nlp.learned import (  # noqa: E402
    DEFAULT_BITS,
    HEADS,
    VECTOR_DIM,
    candidate_pairs,
    feature_indices,
    pair_features,
    pair_vector,
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
Example = tuple[str, str, list[str], int, list[float]]  # corpus, head, features, label, pair vector
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
    for doc, (_, e1, e2, label, direction) in zip(nlp.pipe((r[0] for r in records), batch_size=64, disable=NOT_NEEDED), records):
        if direction is None and label != "no_relation":
            continue
        for mentions in sentence_mentions(doc).values():
            for head, _, ma, _, mb in candidate_pairs(mentions):
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
                    examples.append(("kbp37", head, pair_features(head, ma, mb), y, _vector(ma, mb)))
    return examples


def conll04_examples(nlp, path: Path) -> list[Example]:
    sentences = json.loads(path.read_text(encoding="utf-8"))
    texts = [" ".join(s["tokens"]) for s in sentences]
    examples: list[Example] = []
    for doc, sentence in zip(nlp.pipe(texts, batch_size=64, disable=NOT_NEEDED), sentences):
        starts, position = [], 0
        for token in sentence["tokens"]:
            starts.append(position)
            position += len(token) + 1
        spans = [(starts[e["start"]], starts[e["end"] - 1] + len(sentence["tokens"][e["end"] - 1]))
                 for e in sentence["entities"]]
        gold = {(r["type"], r["head"], r["tail"]) for r in sentence["relations"]}
        for mentions in sentence_mentions(doc).values():
            for head, _, ma, _, mb in candidate_pairs(mentions):
                kind = CONLL_TYPES.get(head)
                if kind is None:
                    continue
                heads = [k for k, s in enumerate(spans) if overlaps(ma, s)]
                tails = [k for k, s in enumerate(spans) if overlaps(mb, s)]
                y = int(any((kind, h, t) in gold for h in heads for t in tails))
                examples.append(("conll04", head, pair_features(head, ma, mb), y, _vector(ma, mb)))
    return examples


# --- model --------------------------------------------------------------------------------


def _vector(a, b) -> list[float]:
    return [round(float(v), 5) for v in pair_vector(a, b)]


HEAD_INDEX = {head: k for k, head in enumerate(HEADS)}
DENSE = 2 * VECTOR_DIM


def matrix(examples: list[Example], bits: int, vectors: bool):
    """Hashed features, then (with ``vectors``) each head's block of pair-vector columns."""
    from scipy.sparse import csr_matrix

    rows, cols, data = [], [], []
    for k, (_, head, features, _, vector) in enumerate(examples):
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


def best_threshold(scores: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    """The threshold with the best F1 (ties: the higher one), and that F1."""
    best = (0.5, 0.0)
    for t in np.arange(MIN_THRESHOLD, 0.95, 0.025):
        predicted = scores >= t
        tp = int((predicted & (labels == 1)).sum())
        fp = int((predicted & (labels == 0)).sum())
        fn = int((~predicted & (labels == 1)).sum())
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if f1 >= best[1]:
            best = (round(float(t), 3), f1)
    return best


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kbp37", type=Path, required=True, help="Directory with KBP37 train.txt and dev.txt.")
    parser.add_argument("--conll04", type=Path, required=True, help="Directory with conll04_{train,dev}.json.")
    parser.add_argument("--out", type=Path, default=ROOT / "src/newsgraph/nlp/data/relations.npz")
    parser.add_argument("--bits", type=int, default=DEFAULT_BITS, help="Hashed feature space: 2**bits weights.")
    parser.add_argument("--c", type=float, default=0.5, help="Inverse L2 regularisation strength.")
    parser.add_argument("--vectors", action="store_true",
                        help="Add the word-vector features (pair_vector; needs a model with 300-dimensional "
                        "vectors at run time too). Off for the shipped weights: CoNLL04 dev +0.9 F1, test -0.5.")
    parser.add_argument("--conll04-weight", type=float, default=1.0, help="Weight of a CoNLL04 pair in the fit.")
    parser.add_argument("--model", default=None, help="spaCy model (default: newsgraph's automatic choice).")
    parser.add_argument("--pairs", type=Path, default=None,
                        help="JSON file keeping the labelled pairs: written on the first run, read on later ones "
                        "(to try other --c values without reading the data again).")
    args = parser.parse_args(argv)
    for path in (args.kbp37 / "train.txt", args.kbp37 / "dev.txt", args.conll04 / "conll04_train.json",
                 args.conll04 / "conll04_dev.json"):
        if not path.is_file():
            sys.exit(f"error: {path} not found")

    from sklearn.linear_model import LogisticRegression

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
    counts = Counter((h, y) for _, h, _, y, _ in train)
    for head in HEADS:
        print(f"  {head}: {counts[(head, 1)]} positive, {counts[(head, 0)]} negative")

    classifier = LogisticRegression(C=args.c, solver="liblinear", fit_intercept=False, max_iter=1000,
                                    random_state=0)
    # CoNLL04 labels every pair of its sentences, as the component meets them; KBP37's pairs
    # were chosen, mostly true ones: each CoNLL04 pair counts --conll04-weight times.
    sample_weight = np.array([args.conll04_weight if c == "conll04" else 1.0 for c, _, _, _, _ in train])
    classifier.fit(matrix(train, args.bits, args.vectors), np.array([y for _, _, _, y, _ in train]), sample_weight=sample_weight)
    coef = classifier.coef_[0]
    weights = coef[: 1 << args.bits].astype(np.float32)
    scores = 1 / (1 + np.exp(-(matrix(dev, args.bits, args.vectors) @ coef)))
    # Thresholds on the corpus that labels every pair of a sentence (CoNLL04), so that the share
    # of true pairs is that of running text; KBP37 (one chosen pair per sentence, mostly true
    # ones) only for the office head, which CoNLL04 lacks. At least MIN_THRESHOLD.
    heads = np.array([h if (c == "kbp37") == (h == "office") else "" for c, h, _, _, _ in dev])
    labels = np.array([y for _, _, _, y, _ in dev])
    thresholds = []
    print("\n| head | dev pairs | positive | threshold | dev F1 |\n|---|---:|---:|---:|---:|")
    for head in HEADS:
        mask = heads == head
        threshold, f1 = best_threshold(scores[mask], labels[mask]) if labels[mask].sum() else (0.9, 0.0)
        threshold = max(threshold, MIN_THRESHOLD)
        thresholds.append(threshold)
        print(f"| {head} | {int(mask.sum())} | {int(labels[mask].sum())} | {threshold} | {f1:.3f} |")

    args.out.parent.mkdir(parents=True, exist_ok=True)
    arrays = {"weights": weights, "bits": np.int64(args.bits), "heads": np.array(list(HEADS)),
              "thresholds": np.array(thresholds, dtype=np.float32)}
    if args.vectors:
        arrays["dense"] = coef[1 << args.bits:].reshape(len(HEADS), DENSE).astype(np.float32)
    np.savez_compressed(args.out, **arrays)
    print(f"\nwrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
