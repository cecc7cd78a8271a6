"""Store benchmark: bulk insert speed and the sample queries' latency.

Fills an embedded Oxigraph store to about ``--triples`` triples (1,000,000 by default)
with realistic article graphs: synthetic Extractions (people, organisations, places,
roles, figures, quotes, relations, mentions; names drawn with a skew so some
entities recur in many articles) mapped by ``to_triples`` (what ``newsgraph ingest`` and the API hand the store). No model is needed.

Prints bulk-insert triples/s, then the p50 of every ``samples/queries/*.rq`` on
Oxigraph at full size, side by side with the same queries at a small size on
Oxigraph and on rdflib's in-memory store with its pure-Python SPARQL engine.

    python bench/store_bench.py                      # 1M triples, rdflib at 20k
    python bench/store_bench.py --triples 200000 --rdflib-triples 10000

Goals: every sample query p50 < 50 ms at 1M triples; insert >= 50,000 triples/s.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from newsgraph.graph import to_triples
from newsgraph.schema import Article, Dateline, Entity, Evidence, Extraction, Figure, Mention, Quote, Relation, Role
from newsgraph.settings import Settings
from newsgraph.store import open_store

ROOT = Path(__file__).resolve().parent.parent
QUERIES = sorted((ROOT / "samples" / "queries").glob("*.rq"))

SYLLABLES = ["ka", "lo", "mi", "ren", "sa", "to", "vel", "an", "dor", "is", "ul", "ber", "cha", "fen", "gor",
             "hal", "jin", "kor", "lan", "mor", "nel", "ost", "par", "quin", "ros", "sel", "tam", "vin", "wen"]
ROLES = ["chief executive", "minister", "director general", "president", "spokesperson", "chair",
         "head of research", "mayor", "coach", "finance director"]
ORG_KINDS = ["Group", "Institute", "Ministry of Trade", "Bank", "University", "Council", "Energy", "Ports"]
UNITS = ["USD", "EUR", "CNY", "percent", "count", "tonnes"]
# Entities the sample queries ask about; they recur like a big story's names would.
HOT = [("Person", "Daren Tang"), ("Organization", "World Intellectual Property Organization"),
       ("Place", "Shenzhen")]


def word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def name_pool(rng: random.Random, kind: str, size: int) -> list[str]:
    names = set()
    while len(names) < size:
        if kind == "Person":
            names.add(f"{word(rng, 2)} {word(rng, rng.choice((2, 3)))}")
        elif kind == "Organization":
            names.add(f"{word(rng, 2)} {rng.choice(ORG_KINDS)}")
        else:
            names.add(word(rng, rng.choice((2, 3))))
    return sorted(names)


class Generator:
    def __init__(self, seed: int = 7):
        self.rng = random.Random(seed)
        self.pools = {
            "Person": name_pool(self.rng, "Person", 30_000),
            "Organization": name_pool(self.rng, "Organization", 6_000),
            "Place": name_pool(self.rng, "Place", 3_000),
        }

    def pick(self, kind: str) -> str:
        pool = self.pools[kind]
        # Pareto-skewed index: a few names are in many articles, most in few.
        index = int(self.rng.paretovariate(1.2)) - 1
        return pool[index % len(pool)] if self.rng.random() < 0.5 else self.rng.choice(pool)

    def article(self, number: int) -> Extraction:
        rng = self.rng
        chosen: list[tuple[str, str]] = []
        for kind, count in (("Person", rng.randint(3, 5)), ("Organization", rng.randint(3, 5)),
                            ("Place", rng.randint(2, 4))):
            for _ in range(count):
                chosen.append((kind, self.pick(kind)))
        if rng.random() < 0.05:
            chosen.extend(HOT)
        chosen = list(dict.fromkeys(chosen))
        sentences, entities = [], []
        offset = 0
        for index, (kind, name) in enumerate(chosen):
            sentence = f"{name} was named in a report on {word(rng, 2).lower()} published this week."
            sentences.append((offset, sentence))
            mentions = [Mention(start=offset, end=offset + len(name), text=name)]
            for _ in range(rng.randint(0, 2)):
                mentions.append(Mention(start=offset, end=offset + len(name), text=name))
            aliases = [name.split()[-1]] if kind == "Person" and rng.random() < 0.3 else []
            entities.append(Entity(id=f"e{index + 1}", type=kind, name=name, aliases=aliases, mentions=mentions))
            offset += len(sentence) + 1

        def evidence(index: int) -> Evidence:
            start, text = sentences[index % len(sentences)]
            return Evidence(sentence=index % len(sentences), start=start, end=start + len(text), text=text)

        people = [e for e in entities if e.type == "Person"]
        orgs = [e for e in entities if e.type == "Organization"]
        places = [e for e in entities if e.type == "Place"]
        roles = [Role(person=p.id, role=rng.choice(ROLES), organization=rng.choice(orgs).id,
                      evidence=evidence(i), confidence=0.8) for i, p in enumerate(people[: rng.randint(2, 3)])]
        if any(e.name == "Daren Tang" for e in entities):
            wipo = next(e for e in entities if e.name == "World Intellectual Property Organization")
            tang = next(e for e in entities if e.name == "Daren Tang")
            roles.append(Role(person=tang.id, role="director general", organization=wipo.id,
                              evidence=evidence(0), confidence=0.9))
        figures = []
        for i in range(rng.randint(2, 4)):
            unit = rng.choice(UNITS)
            value = round(rng.uniform(1, 5000), 2)
            subject = rng.choice(orgs + places)
            figures.append(Figure(text=f"{value} {unit}", value=value, unit=unit, about="spending",
                                  subject=subject.id, period=str(rng.randint(2020, 2025)),
                                  start=0, end=5, evidence=evidence(i), confidence=0.8))
        quotes = [Quote(speaker=p.id, text=f"We expect {word(rng, 2).lower()} to grow", verb="said",
                        direct=rng.random() < 0.5, start=0, end=10, evidence=evidence(i), confidence=0.8)
                  for i, p in enumerate(people[: rng.randint(1, 3)])]
        relations = [Relation(subject=o.id, predicate="locatedIn", object=rng.choice(places).id,
                              evidence=evidence(i), confidence=0.7) for i, o in enumerate(orgs[:2])]
        published = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        return Extraction(
            article=Article(id=f"{number:016x}", title=f"{word(rng, 3)} report", language="en",
                            url=f"https://news.example/{number}", published=published,
                            dateline=Dateline(place=places[0].name, date=published, agency=None)),
            entities=entities, roles=roles, figures=figures, quotes=quotes, relations=relations,
        )


def fill(store, generator: Generator, target: int, batch: int = 200) -> tuple[int, int, float, float]:
    """Add articles until ``target`` triples; returns (articles, triples, insert seconds, mapping seconds)."""
    articles = triples = 0
    insert_seconds = map_seconds = 0.0
    base = store.base_iri
    while triples < target:
        began = time.perf_counter()
        graphs = []
        for _ in range(batch):
            extraction = generator.article(articles)
            graphs.append((extraction.article.id, to_triples(extraction, base_iri=base, extractor_version="bench")))
            articles += 1
        map_seconds += time.perf_counter() - began
        began, cpu = time.perf_counter(), time.process_time()
        triples += store.add_articles(graphs, replace=False)
        insert_seconds += time.perf_counter() - began
        fill.insert_cpu = getattr(fill, "insert_cpu", 0.0) + time.process_time() - cpu
    return articles, triples, insert_seconds, map_seconds


def p50(store, sparql: str, runs: int, timeout: float) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        store.query(sparql, accept="json", timeout=timeout, max_rows=None)
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--triples", type=int, default=1_000_000, help="Oxigraph store size (triples).")
    parser.add_argument("--rdflib-triples", type=int, default=20_000, help="Size rdflib's engine is timed at.")
    parser.add_argument("--runs", type=int, default=15, help="Timed runs per query on Oxigraph.")
    parser.add_argument("--rdflib-runs", type=int, default=3, help="Timed runs per query on rdflib.")
    parser.add_argument("--keep", type=Path, help="Keep the big store in this folder; reuse it when it exists.")
    parser.add_argument("--batch", type=int, default=500, help="Articles per bulk write.")
    args = parser.parse_args()
    settings = Settings()
    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")

    with tempfile.TemporaryDirectory(prefix="newsgraph-bench-") as directory:
        big_dir = args.keep or Path(directory) / "big"
        reuse = big_dir.exists()
        big = open_store(settings, spec=f"oxigraph:{big_dir}")
        if reuse:
            triples = big.stats().triples
            print(f"Oxigraph: reusing {big_dir} ({triples:,} triples); insert not measured")
        else:
            fill.insert_cpu = 0.0
            articles, triples, insert_s, map_s = fill(big, Generator(seed=1), args.triples, batch=args.batch)
            print(f"Oxigraph bulk insert: {triples:,} triples in {articles:,} articles, {insert_s:.1f} s "
                  f"-> {triples / insert_s:,.0f} triples/s wall clock, {triples / fill.insert_cpu:,.0f} "
                  f"triples per CPU second  (to_triples mapping, not counted: {triples / map_s:,.0f} triples/s)")
            began = time.perf_counter()
            big.optimize()
            print(f"Oxigraph optimize (compaction after the bulk load): {time.perf_counter() - began:.1f} s")

        small_ox = open_store(settings, spec=f"oxigraph:{directory}/small")
        small_mem = open_store(settings, spec="memory")
        fill(small_ox, Generator(seed=2), args.rdflib_triples, batch=20)
        _, small_triples, mem_s, _ = fill(small_mem, Generator(seed=2), args.rdflib_triples, batch=20)
        print(f"rdflib memory insert: {small_triples:,} triples -> {small_triples / mem_s:,.0f} triples/s")
        print()
        header = f"{'query':32} {'oxigraph@' + format(triples, ','):>20} {'oxigraph@' + format(small_triples, ','):>18}" \
                 f" {'rdflib@' + format(small_triples, ','):>16}  goal"
        print(header)
        print("-" * len(header))
        for path in QUERIES:
            sparql = path.read_text()
            big.query(sparql, timeout=120, max_rows=None)  # warm caches once
            big_p50 = p50(big, sparql, args.runs, 120)
            small_p50 = p50(small_ox, sparql, args.runs, 120)
            try:
                mem_p50 = f"{p50(small_mem, sparql, args.rdflib_runs, 600) * 1000:>13,.0f} ms"
            except Exception as exc:  # a benchmark reports, it does not stop
                mem_p50 = f"{type(exc).__name__:>16}"
            verdict = "ok" if big_p50 < 0.050 else "MISSED"
            print(f"{path.stem:32} {big_p50 * 1000:>17.1f} ms {small_p50 * 1000:>15.1f} ms {mem_p50}  {verdict}")
        big.close()
        small_ox.close()
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
