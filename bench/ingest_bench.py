"""Ingest benchmark: end-to-end ``ingest`` against bare ``nlp.pipe`` on the same texts.

Both run in this process, one after the other, on the same texts: the ``.txt``
articles of a folder (``samples/`` by default), each repeated ``--copies`` times
with a numbered closing line so every copy is a distinct article. Prints articles/s
for both, and how the ingest time splits: NLP + extraction, mapping to RDF, storing.

    python bench/ingest_bench.py
    python bench/ingest_bench.py --folder path/to/articles --copies 5 --store memory

Goal: storing costs under 10% of the total ingest time.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from newsgraph.ingest import ingest
from newsgraph.nlp.model import load_pipeline
from newsgraph.readers import SourceItem
from newsgraph.settings import Settings
from newsgraph.store import open_store

ROOT = Path(__file__).resolve().parent.parent


def texts(folder: Path, copies: int) -> list[str]:
    originals = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    if not originals:
        raise SystemExit(f"no .txt articles in {folder}")
    return [f"{text.rstrip()}\n\n(Copy {n} of this report.)\n" for n in range(copies) for text in originals]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folder", type=Path, default=ROOT / "samples", help="Folder of .txt articles.")
    parser.add_argument("--copies", type=int, default=6, help="Times each article is repeated.")
    parser.add_argument("--store", default="oxigraph", choices=["oxigraph", "memory"], help="Store to ingest into.")
    parser.add_argument("--workers", type=int, default=1, help="spaCy n_process for both runs.")
    args = parser.parse_args()

    corpus = texts(args.folder, args.copies)
    settings = Settings()
    nlp = load_pipeline(settings.model)
    print(f"{len(corpus)} articles, {sum(len(t) for t in corpus):,} characters; "
          f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
    list(nlp.pipe(corpus[:4]))  # warm up

    began = time.perf_counter()
    for _ in nlp.pipe(corpus, batch_size=16, n_process=args.workers):
        pass
    bare = time.perf_counter() - began

    with tempfile.TemporaryDirectory(prefix="newsgraph-ingest-bench-") as directory:
        spec = "memory" if args.store == "memory" else f"oxigraph:{directory}/db"
        store = open_store(settings, spec=spec)
        items = [SourceItem(f"article-{n}", {"text": text}) for n, text in enumerate(corpus)]
        summary = ingest(store, items, settings=settings, n_process=args.workers)
        store.close()

    total = summary.seconds
    extraction = total - summary.store_seconds - summary.graph_seconds
    print(f"bare nlp.pipe:     {bare:6.2f} s  {len(corpus) / bare:6.1f} articles/s")
    print(f"newsgraph ingest:  {total:6.2f} s  {summary.stored / total:6.1f} articles/s  "
          f"({summary.stored} stored, {summary.failed} failed, {summary.triples:,} triples)")
    print(f"  NLP + extraction {extraction:6.2f} s  {extraction / total:6.1%}")
    print(f"  mapping to RDF   {summary.graph_seconds:6.2f} s  {summary.graph_seconds / total:6.1%}")
    print(f"  storing ({args.store:8}) {summary.store_seconds:6.2f} s  {summary.store_seconds / total:6.1%}  "
          f"(waited for; the writer thread was busy {summary.store_busy_seconds:.2f} s = "
          f"{summary.store_busy_seconds / total:.1%}, overlapping extraction)  "
          f"goal < 10%: {'ok' if summary.store_seconds / total < 0.10 else 'MISSED'}")
    print(f"ingest / bare pipe time: {total / bare:.2f}x")


if __name__ == "__main__":
    main()
