"""Throughput of newsgraph's extraction against bare spaCy on the same texts.

    python bench/extract_bench.py [--texts DIR_OR_FILE ...] [--limit N] [--repeat N] [--batch-size N] [--rounds N]

Runs ``extract_many`` and bare ``nlp.pipe`` of the same model over the same texts in
one run and prints words/s for both and their ratio (goal: >= 0.80): both read each slice
of the texts back to back, in alternating order, so the machine's drift slows both alike;
the median of several rounds is reported, plus the peak RSS of a separate process that only runs
newsgraph (goal: < 700 MB with the md model). Without --texts it uses the project's samples.

newsgraph runs the model with faster stand-ins for its attribute ruler and lemmatizer (same
output) and its layers' matrix products through numpy (newsgraph.nlp.speedups), so a third
timing, the model with those stand-ins and without newsgraph's components, shows what
newsgraph's own components cost on their own; the tokens the stand-ins read differently from
the stock model are counted.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from corpus_run import stories

import newsgraph
from newsgraph.nlp.model import load_base_model, load_pipeline, model_description
from newsgraph.nlp.speedups import speed_up


def read_texts(paths: list[str], limit: int | None = None) -> list[str]:
    """The texts of .txt files (or folders of them) and of JSON-lines corpora (corpus_run's reader)."""
    texts = []
    for path in map(Path, paths):
        if path.suffix == ".jsonl":
            texts += [text for _name, text, _metadata in stories(path, limit)]
            continue
        files = sorted(path.rglob("*.txt")) if path.is_dir() else [path]
        texts += [f.read_text(encoding="utf-8") for f in files[:limit]]
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--texts", nargs="*", default=[str(Path(__file__).parent.parent / "samples")])
    parser.add_argument("--limit", type=int, help="at most this many texts from each path")
    parser.add_argument("--repeat", type=int, default=10, help="times the texts are repeated")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=4, help="alternating timed rounds of each")
    args = parser.parse_args()

    texts = read_texts(args.texts, args.limit) * args.repeat
    words = sum(len(t.split()) for t in texts)
    bare = load_base_model()
    sped = speed_up(load_base_model())
    full = load_pipeline()
    print(f"model: {model_description(bare)}; {len(texts)} texts, {words:,} words")

    # warm both up so neither pays first-call costs inside the timing
    list(bare.pipe(texts[:4]))
    list(sped.pipe(texts[:4]))
    # (an article in another language loads the language identifier, which most English text skips)
    list(newsgraph.extract_many([*texts[:4], "Der Vorstand teilte am Montag mit, dass die Gespräche weitergehen."],
                                errors="return"))

    # The machine's speed drifts by tens of percent from one second to the next (shared
    # cores), so a whole run of one against a whole run of the other compares two moments.
    # Instead both read the same slice of the texts back to back, in alternating order
    # (bare-full, then full-bare), slice after slice; a slow moment then slows both.
    # Each round gives a ratio of the summed times; the median round is reported.
    chunk = 2 * args.batch_size
    slices = [texts[i:i + chunk] for i in range(0, len(texts), chunk)]
    seconds = {"bare": 0.0, "sped": 0.0, "full": 0.0}
    ratios, own_ratios = [], []

    def timed(name: str, part: list[str]) -> float:
        started = time.perf_counter()
        if name in ("bare", "sped"):
            for _doc in (bare if name == "bare" else sped).pipe(part, batch_size=args.batch_size):
                pass
        else:
            for _result in newsgraph.extract_many(part, batch_size=args.batch_size):
                pass
        return time.perf_counter() - started

    for _ in range(args.rounds):
        round_seconds = {"bare": 0.0, "sped": 0.0, "full": 0.0}
        for k, part in enumerate(slices):
            for name in (("bare", "sped", "full") if k % 2 == 0 else ("full", "sped", "bare")):
                round_seconds[name] += timed(name, part)
        ratios.append(round_seconds["bare"] / round_seconds["full"])
        own_ratios.append(round_seconds["sped"] / round_seconds["full"])
        for name in seconds:
            seconds[name] += round_seconds[name] / args.rounds
    print(f"bare nlp.pipe:        {words / seconds['bare']:10,.0f} words/s ({seconds['bare']:.2f} s a round)")
    print(f"newsgraph extract_many:{words / seconds['full']:10,.0f} words/s ({seconds['full']:.2f} s a round)")
    print(f"ratio (newsgraph / bare): {statistics.median(ratios):.3f}   (goal >= 0.80; median of {args.rounds} "
          f"rounds: {', '.join(f'{r:.3f}' for r in sorted(ratios))})")
    print(f"model with newsgraph's stand-ins: {words / seconds['sped']:6,.0f} words/s; newsgraph's own components "
          f"leave {statistics.median(own_ratios):.3f} of that (median of {args.rounds} rounds)")
    print(f"components in pipeline: {', '.join(full.pipe_names)}")
    differing, tokens = differing_tokens(bare, sped, texts[:len(texts) // args.repeat])
    print(f"tokens the stand-ins read differently from the stock model (tag, arc, entity): {differing} "
          f"of {tokens:,}")
    print(f"peak RSS of one newsgraph process: {single_process_rss_mb(args.texts, args.limit):.0f} MB (goal < 700 MB)")


def differing_tokens(stock, sped, texts: list[str]) -> tuple[int, int]:
    """Tokens whose tag, head, dependency or entity label differ between the two models."""
    differing = tokens = 0
    for ours, theirs in zip(sped.pipe(texts), stock.pipe(texts), strict=True):
        tokens += len(ours)
        differing += sum((a.tag_, a.head.i, a.dep_, a.ent_iob_, a.ent_type_)
                         != (b.tag_, b.head.i, b.dep_, b.ent_iob_, b.ent_type_) for a, b in zip(ours, theirs, strict=True))
    return differing, tokens


def single_process_rss_mb(paths: list[str], limit: int | None) -> float:
    """Peak RSS of a fresh process that loads the pipeline once and extracts the texts."""
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the forking parent
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from extract_bench import read_texts; import newsgraph;"
        "limit = int(sys.argv[2]) if sys.argv[2] else None;"
        "list(newsgraph.extract_many(read_texts(sys.argv[3:], limit)));"
        "print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')))"
    )
    output = subprocess.run([sys.executable, "-c", code, str(Path(__file__).parent), str(limit or ""), *paths],
                            check=True, capture_output=True, text=True).stdout
    return int(output.split()[-1]) / 1024


if __name__ == "__main__":
    main()
