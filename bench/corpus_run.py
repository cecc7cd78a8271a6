"""Extract every story of a corpus through the library and report what failed.

    python bench/corpus_run.py --data ../shared/data/news-corpus/articles.jsonl [--limit N]
    python bench/corpus_run.py --data ../shared/data/news-dev

``--data`` is a JSON Lines file of stories (``text`` and the optional ``title``,
``published``, ``source``, ``url``; other keys such as ``id`` name the story in the
report) or a folder whose ``.txt`` files are stories. Each story is extracted on its own
(``extract_prepared`` with the newsgraph pipeline), so a failure costs that story only
and every story is timed.

A story fails when extraction raises, when a newsgraph component failed on it (a
warning in its Extraction: isolation kept the article, but a component is broken), or
when a fact's character offsets do not slice the text to the fact's text. Prints the
number of stories, failures by exception type and component, words/s, the slowest
stories and the peak RSS; exits 1 when any story failed (CI runs it on the first 300
stories and on news-dev).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from newsgraph.extract import extract_prepared, prepare
from newsgraph.nlp.model import load_pipeline, model_description
from newsgraph.settings import Settings

_FIELDS = ("title", "url", "published", "source")


def stories(path: Path, limit: int | None) -> Iterator[tuple[str, str, dict]]:
    """(name, text, metadata) for each story, at most ``limit`` of them."""
    count = 0
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".txt")
        for file in files:
            if limit is not None and count >= limit:
                return
            count += 1
            yield file.name, file.read_text(encoding="utf-8"), {}
        return
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            if limit is not None and count >= limit:
                return
            count += 1
            data = json.loads(line)
            name = str(data.get("id") or f"{path.name}:{number}")
            yield name, data["text"], {k: data[k] for k in _FIELDS if data.get(k) is not None}


def component_of(exc: BaseException) -> str:
    """The newsgraph module (or library) the exception was raised in."""
    frames = traceback.extract_tb(exc.__traceback__)
    for frame in reversed(frames):
        where = Path(frame.filename)
        if "newsgraph" in where.parts:
            parts = where.parts[where.parts.index("newsgraph") + 1:]
            return "/".join(parts).removesuffix(".py")
    if frames:
        where = Path(frames[-1].filename)
        return next((p for p in ("spacy", "thinc", "pydantic") if p in where.parts), where.stem)
    return "?"


def offset_errors(text: str, extraction) -> list[str]:
    """Facts whose offsets do not slice ``text`` to their own text."""
    bad = []
    for entity in extraction.entities:
        for mention in entity.mentions:
            if text[mention.start:mention.end] != mention.text:
                bad.append(f"mention {mention.text!r} at {mention.start}-{mention.end}")
    for figure in extraction.figures:
        if text[figure.start:figure.end] != figure.text:
            bad.append(f"figure {figure.text!r} at {figure.start}-{figure.end}")
    for quote in extraction.quotes:
        if text[quote.start:quote.end] != quote.text:
            bad.append(f"quote at {quote.start}-{quote.end}")
    facts = [*extraction.roles, *extraction.figures, *extraction.quotes, *extraction.relations]
    for fact in facts:
        evidence = fact.evidence
        if text[evidence.start:evidence.end] != evidence.text:
            bad.append(f"evidence at {evidence.start}-{evidence.end}")
    return bad


def peak_rss_mb() -> float:
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, required=True, help="JSON Lines file of stories, or a folder of .txt.")
    parser.add_argument("--limit", type=int, default=None, help="Extract only the first N stories.")
    parser.add_argument("--slowest", type=int, default=5, help="How many of the slowest stories to list.")
    parser.add_argument("--show", type=int, default=20, help="How many failures to list in full.")
    parser.add_argument("--progress", type=int, default=500, help="Print a progress line every N stories (0: never).")
    args = parser.parse_args(argv)
    if not args.data.exists():
        parser.error(f"no such file or folder: {args.data}")

    settings = Settings()
    nlp = load_pipeline(settings.model)
    print(f"model: {model_description(nlp)}; data: {args.data}", flush=True)
    # What loads lazily (the language identifier) is not any story's time.
    extract_prepared(prepare("Warm-up: Jane Doe of Acme Corp. spoke in Paris on Monday."), nlp)

    count = words = 0
    seconds = 0.0
    timings: list[tuple[float, str, int]] = []
    failures: list[tuple[str, str, str, str]] = []  # (story, kind, component, message)
    started = time.perf_counter()
    for name, text, metadata in stories(args.data, args.limit):
        count += 1
        size = len(text.split())
        words += size
        began = time.perf_counter()
        try:
            item = prepare(text, max_chars=settings.max_chars, **metadata)
            extraction = extract_prepared(item, nlp)
        except Exception as exc:
            failures.append((name, type(exc).__name__, component_of(exc), str(exc)[:200]))
            continue
        finally:
            took = time.perf_counter() - began
            seconds += took
            timings.append((took, name, size))
        for warning in extraction.warnings:
            kind = warning.error.split(":", 1)[0]
            failures.append((name, kind, warning.component, warning.error[:200]))
        bad = offset_errors(item.text, extraction)
        if bad:
            failures.append((name, "OffsetMismatch", "offsets", "; ".join(bad[:3])))
        if args.progress and count % args.progress == 0:
            print(f"  {count} stories, {len(failures)} failures, {words / seconds:,.0f} words/s", flush=True)
    wall = time.perf_counter() - started

    print(f"stories: {count:,}   words: {words:,}   failed: {len({f[0] for f in failures}):,}")
    if seconds:
        print(f"extraction: {seconds:.1f} s, {words / seconds:,.0f} words/s, "
              f"{count / seconds:.1f} stories/s (wall {wall:.1f} s with reading)")
    print(f"peak RSS: {peak_rss_mb():.0f} MB")
    if failures:
        print("failures by exception and component:")
        for (kind, component), number in Counter((f[1], f[2]) for f in failures).most_common():
            print(f"  {number:5d}  {kind} in {component}")
        for name, kind, component, message in failures[: args.show]:
            print(f"  {name}: {kind} in {component}: {message}")
    print("slowest stories:")
    for took, name, size in sorted(timings, reverse=True)[: args.slowest]:
        print(f"  {took * 1000:8.0f} ms  {size:6,} words  {name}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
