"""Time and peak memory of extracting one very long article (built here from templates).

    python bench/long_article.py [--chars 900000] [--bare]

The article is made of varied wire-style paragraphs (people, organisations, places,
figures, quotes), numbered so that no two are the same, until it has ``--chars``
characters. Extraction runs in a fresh process; prints its time, words/s and peak RSS
(VmHWM). ``--bare`` runs the bare spaCy model on the same text instead, for comparison.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import time
from pathlib import Path

FIRST = ["Ana", "Tomas", "Mei", "Kwame", "Olga", "Rafael", "Ingrid", "Samir", "Lucia", "Pieter"]
LAST = ["Ruiz", "Lind", "Chen", "Mensah", "Petrova", "Souza", "Berg", "Haddad", "Moretti", "de Vries"]
ORGS = ["Nordport Shipping", "Costa Verde Mining Corp", "Baltic Grain Co", "Helios Energy Ltd",
        "the Ministry of Finance", "Atlas Bank", "Riverside Motors Inc", "the Port Authority"]
PLACES = ["San Isidro", "Gdansk", "Accra", "Rotterdam", "Valparaiso", "Tampere", "Izmir", "Durban"]
ROLES = ["chief executive", "finance minister", "spokeswoman", "chairman", "head of research", "mayor"]
TEMPLATES = [
    "{person}, {role} of {org}, said on {day} that revenue rose {pct} percent to {money} million dlrs in {place}.",
    "\"We expect demand to recover by {year},\" {person} told reporters in {place}.",
    "{org} shipped {count:,} tonnes in the quarter, against {count2:,} a year earlier, the company said.",
    "Net profit was {money} mln dlrs, or {cents} cts a share, versus {money2} mln, {person} said.",
    "The agreement between {org} and {org2} covers the {decade}s to {year}, {person} added.",
    "Output in {place} fell by a quarter, and {org} cut {count:,} jobs, officials said on {day}.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def long_article(chars: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    paragraphs, size, number = [], 0, 0
    while size < chars:
        number += 1
        sentences = []
        for template in rng.sample(TEMPLATES, 3):
            sentences.append(template.format(
                person=f"{rng.choice(FIRST)} {rng.choice(LAST)}", role=rng.choice(ROLES),
                org=rng.choice(ORGS), org2=rng.choice(ORGS), place=rng.choice(PLACES), day=rng.choice(DAYS),
                pct=rng.randint(1, 40), money=rng.randint(2, 900), money2=rng.randint(2, 900),
                count=rng.randint(1000, 900000), count2=rng.randint(1000, 900000), cents=rng.randint(1, 99),
                year=rng.randint(1990, 2030), decade=rng.choice([1950, 1960, 1970, 1980])))
        paragraph = " ".join(sentences) + f" (Item {number}.)"
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(paragraphs)[:chars]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chars", type=int, default=900_000)
    parser.add_argument("--bare", action="store_true", help="Run the bare spaCy model instead of newsgraph.")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.chars, args.bare)
        return
    output = subprocess.run([sys.executable, __file__, "--child", "--chars", str(args.chars),
                             *(["--bare"] if args.bare else [])], check=True, capture_output=True, text=True)
    print(output.stdout, end="")


def child(chars: int, bare: bool) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    from newsgraph.extract import extract_prepared, prepare
    from newsgraph.nlp.model import load_base_model, load_pipeline
    from newsgraph.settings import Settings

    text = long_article(chars)
    words = len(text.split())
    if bare:
        nlp = load_base_model()
        nlp.max_length = max(nlp.max_length, len(text) + 1)
        before = _hwm()
        began = time.perf_counter()
        doc = nlp(text)
        took = time.perf_counter() - began
        what = f"bare spaCy: {len(doc):,} tokens"
    else:
        nlp = load_pipeline()
        extract_prepared(prepare("Warm-up: Jane Doe of Acme Corp. spoke in Paris."), nlp)
        before = _hwm()
        began = time.perf_counter()
        result = extract_prepared(prepare(text, max_chars=Settings().max_chars), nlp)
        took = time.perf_counter() - began
        what = (f"newsgraph: {len(result.entities):,} entities, {len(result.figures):,} figures, "
                f"{len(result.quotes):,} quotes, {len(result.warnings)} warnings")
    print(f"{len(text):,} characters, {words:,} words; {what}")
    print(f"time {took:.1f} s ({words / took:,.0f} words/s); peak RSS {_hwm():,.0f} MB "
          f"(after loading the model: {before:,.0f} MB)")


def _hwm() -> float:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) / 1024


if __name__ == "__main__":
    main()
