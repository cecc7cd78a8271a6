"""The store interface, on every backend: memory (rdflib), embedded Oxigraph and Virtuoso."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import STORE_BACKENDS, make_store
from graph_examples import BASE, EXAMPLES, VERSION
from rdflib import SDO, XSD, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from newsgraph.errors import BadQuery, QueryTimeout, StoreError, StoreLocked
from newsgraph.graph import article_graph_iri, to_graph, totals_graph_iri
from newsgraph.ontology import NG
from newsgraph.registry import registry_graph_iri
from newsgraph.settings import Settings
from newsgraph.sparql_tokens import query_kind
from newsgraph.store import open_store
from newsgraph.store.memory import MemoryStore

QUERIES = Path(__file__).parent.parent / "samples" / "queries"


def graphs() -> dict[str, Graph]:
    """Article id -> its graph, for the hand-built example articles."""
    out = {}
    for build in EXAMPLES.values():
        extraction = build()
        out[extraction.article.id] = to_graph(extraction, base_iri=BASE, extractor_version=VERSION)
    return out


@pytest.fixture(params=STORE_BACKENDS)
def store(request, tmp_path):
    store = make_store(request.param, request, tmp_path, base_iri=BASE)
    yield store
    store.close()


@pytest.fixture
def filled(store):
    store.add_articles(graphs().items())
    return store


_NUMERIC = {XSD.decimal, XSD.double, XSD.float, XSD.integer}


def canonical(graph: Graph) -> Graph:
    """The graph with numbers in one lexical form: stores canonicalise them ("1.50" -> "1.5")."""
    out = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype in _NUMERIC:
            o = Literal(format(Decimal(str(o)).normalize(), "f"), datatype=XSD.decimal)
        out.add((s, p, o))
    return out


def same(a: Graph | None, b: Graph) -> bool:
    return a is not None and isomorphic(canonical(a), canonical(b))


def typed(binding: dict) -> dict:
    """One result row as comparable values: engines write the same number or instant differently."""
    out = {}
    for name, term in binding.items():
        value, datatype = term["value"], term.get("datatype", "")
        if datatype.endswith(("#decimal", "#integer", "#double", "#float")):
            value = format(Decimal(value).normalize(), "f")
        elif datatype.endswith("#boolean"):  # Virtuoso writes false as "0"
            value = str(value in ("true", "1")).lower()
        elif datatype.endswith("#dateTime"):
            value = dt.datetime.fromisoformat(value.replace("Z", "+00:00")).isoformat()
        out[name] = (term["type"], value, term.get("xml:lang"))
    return out


def values_only(found: list[str]) -> list[dict]:
    return sorted(
        json.dumps({k: v[1:] for k, v in json.loads(row).items()}, sort_keys=True) for row in found
    )


def rows(result) -> list[dict]:
    data = json.loads(result.body)
    return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]


# --- writes -----------------------------------------------------------------------


def test_added_article_reads_back_as_the_same_graph(store):
    article_id, graph = next(iter(graphs().items()))
    written = store.add_article(article_id, graph)
    assert written == len(graph)
    assert store.has_article(article_id)
    back = store.get_article_graph(article_id)
    assert same(back, graph)


def test_adding_twice_is_idempotent(store):
    article_id, graph = next(iter(graphs().items()))
    store.add_article(article_id, graph)
    store.add_article(article_id, graph)
    assert store.stats().triples == len(graph)
    assert [r.id for r in store.list_articles()] == [article_id]


def test_replace_swaps_the_whole_graph_and_skip_keeps_the_old_one(store):
    article_id, graph = next(iter(graphs().items()))
    store.add_article(article_id, graph)
    name = URIRef(str(article_graph_iri(article_id, BASE)))
    smaller = Graph(identifier=name)
    for triple in list(graph)[:5]:
        smaller.add(triple)
    smaller.add((URIRef(BASE + "x"), URIRef(BASE + "p"), Literal("new")))
    assert store.add_article(article_id, smaller, replace=False) == 0
    assert same(store.get_article_graph(article_id), graph)
    assert store.add_article(article_id, smaller, replace=True) == 6
    assert same(store.get_article_graph(article_id), smaller)


class Exploding(Graph):
    """A graph that fails half way through being read, like a bad conversion would."""

    def __iter__(self):
        for number, triple in enumerate(super().__iter__()):
            if number == 3:
                raise RuntimeError("broken graph")
            yield triple


def test_a_failing_write_leaves_neither_half_an_article_nor_a_damaged_old_one(store):
    article_id, graph = next(iter(graphs().items()))
    broken = Exploding(identifier=graph.identifier)
    for triple in graph:
        broken.add(triple)
    with pytest.raises(RuntimeError):
        store.add_article(article_id, broken)
    assert not store.has_article(article_id)
    store.add_article(article_id, graph)
    before = totals(store)
    with pytest.raises(RuntimeError):
        store.add_article(article_id, broken, replace=True)
    assert same(store.get_article_graph(article_id), graph)
    assert totals(store) == before == counted_totals(store)


def totals(store) -> dict[str, tuple[int, int]]:
    """The store's entity totals: entity IRI -> (mentions, articles); each has a type and a name."""
    found = store.select(
        f"SELECT ?e ?t ?a ?type ?name WHERE {{ GRAPH <{totals_graph_iri(BASE)}> "
        f"{{ ?e <{NG.totalMentions}> ?t ; <{NG.articleCount}> ?a ; a ?type ; <{SDO.name}> ?name }} }}"
    )
    assert len({row["e"] for row in found}) == len(found), "one type and one name per entity"
    for row in found:
        names = store.select(f"ASK {{ GRAPH ?g {{ <{row['e']}> <{SDO.name}> {Literal(row['name']).n3()} ; "
                             f"a <{row['type']}> ; <{NG.timesMentioned}> ?n }} }}")
        assert names, f"{row['e']}: its name and type come from an article that names it"
    return {row["e"]: (int(row["t"]), int(row["a"])) for row in found}


def counted_totals(store) -> dict[str, tuple[int, int]]:
    """The same totals counted the slow way, from every mention node in every article graph."""
    found = store.select(
        f"SELECT ?e (COUNT(?m) AS ?t) (COUNT(DISTINCT ?g) AS ?a) "
        f"WHERE {{ GRAPH ?g {{ ?m <{NG.refersTo}> ?e }} }} GROUP BY ?e"
    )
    return {row["e"]: (int(row["t"]), int(row["a"])) for row in found if "e" in row}


def test_entity_totals_follow_every_write(store):
    articles = graphs()
    store.add_articles(articles.items())
    assert totals(store) == counted_totals(store) and len(totals(store)) > 10
    shared = {e for e, (_, n) in totals(store).items() if n > 1}
    assert shared  # some entity is named by two articles: its totals add up

    # Replacing an article with another text takes its old counts out and puts the new ones in.
    first, second = sorted(articles)[:2]
    other = next(build() for build in EXAMPLES.values() if build().article.id == second)
    other.article.id = first
    store.add_article(first, to_graph(other, base_iri=BASE, extractor_version=VERSION))
    assert totals(store) == counted_totals(store)

    store.delete_article(second)
    assert totals(store) == counted_totals(store)

    # A SPARQL Update can change articles in any way: the totals are counted afresh after it.
    if not isinstance(store, MemoryStore):  # rdflib's update engine is too slow to matter here
        store.update(f"DROP SILENT GRAPH <{article_graph_iri(first, BASE)}>")
        assert totals(store) == counted_totals(store)
        zed = f"{BASE}person/zed"
        store.update(f"INSERT DATA {{ GRAPH <{article_graph_iri('by-hand', BASE)}> {{ <{zed}> "
                     f"<{NG.timesMentioned}> 2 ; a <{SDO.Person}> ; <{SDO.name}> \"Zed\" }} }}")
        assert totals(store) == {**counted_totals(store), zed: (2, 1)}

    for article_id in store.article_ids():
        store.delete_article(article_id)
    assert totals(store) == {}


def test_delete_article(filled):
    ids = filled.article_ids()
    victim = sorted(ids)[0]
    assert filled.delete_article(victim) is True
    assert filled.delete_article(victim) is False
    assert not filled.has_article(victim)
    assert filled.article_ids() == ids - {victim}


# --- reads ------------------------------------------------------------------------


def test_list_articles_newest_first_undated_last_and_paged(filled):
    records = filled.list_articles()
    dates = [r.published for r in records]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True)
    assert dates[-1] is None  # the minimal example has no date
    assert all(r.triples > 0 for r in records)
    assert {r.id for r in records} == set(graphs())
    titled = [r for r in records if r.title]
    assert titled and all(r.iri.startswith(BASE + "article/") for r in records)
    assert [r.id for r in filled.list_articles(limit=2, offset=1)] == [r.id for r in records[1:3]]


def test_stats_count_articles_triples_and_entities(filled):
    stats = filled.stats()
    assert stats.articles == len(graphs())
    assert stats.triples == sum(len(g) for g in graphs().values())
    assert stats.entities.get("Person", 0) >= 2
    assert stats.entities.get("Organization", 0) >= 1


def test_describe_repeats_no_triple_on_any_backend(filled):
    described = filled.query(f"DESCRIBE <{BASE}person/daren-tang>", accept="ntriples").body.decode().splitlines()
    assert described and len(described) == len(set(described))
    constructed = filled.query("CONSTRUCT { ?p a schema:Person } WHERE { ?p a schema:Person }", accept="ntriples")
    lines = constructed.body.decode().splitlines()
    assert lines and len(lines) == len(set(lines))


def test_default_graph_is_the_set_union_of_article_graphs(filled):
    result = filled.query("SELECT (COUNT(*) AS ?n) WHERE { ?s a schema:NewsArticle }")
    assert int(rows(result)[0]["n"]) == len(graphs())
    # A triple two articles both state is there once; the entity totals are not mixed in.
    union = set()
    for graph in graphs().values():
        union.update(graph)
    assert int(rows(filled.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))[0]["n"]) == len(union)
    assert filled.query("ASK { ?e ng:totalMentions ?n }").boolean is False
    names = [r["name"] for r in rows(filled.query("SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name }"))]
    assert len(names) == len(set(names)) and "Daren Tang" in names
    described = filled.query(f"DESCRIBE <{BASE}person/daren-tang>", accept="ntriples").body.decode().splitlines()
    assert described and len(described) == len(set(described))
    # GRAPH ?g binds the article graphs that state a pattern, never a graph the store keeps
    # for its own use (Virtuoso's copy of the union).
    found = rows(filled.query("SELECT ?g WHERE { GRAPH ?g { ?a a schema:NewsArticle } }"))
    assert sorted(r["g"] for r in found) == sorted(filled.graph_iri(article_id) for article_id in graphs())


def test_default_graph_follows_deletes_replacements_and_updates(store):
    built = {article_id: graph for article_id, graph in graphs().items()}
    for article_id, graph in built.items():
        store.add_article(article_id, graph)

    def default_triples() -> int:
        return int(rows(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))[0]["n"])

    first, *rest = sorted(built)
    assert store.delete_article(first)
    remaining = set()
    for article_id in rest:
        remaining.update(built[article_id])
    assert default_triples() == len(remaining)  # what the others also state stays
    store.add_article(first, built[first])
    store.add_article(first, built[first], replace=True)  # a replacement by itself
    everything = remaining | set(built[first])
    assert default_triples() == len(everything)
    for article_id in rest:
        store.delete_article(article_id)
    assert default_triples() == len(set(built[first]))
    # Virtuoso's default graph is the article graphs' union only (README: Storing, querying
    # and exporting): a graph written by an update outside the articles is not in it.
    extra = 0
    if type(store).__name__ != "SparqlStore":
        store.update("INSERT DATA { GRAPH <urn:x:extra> { <urn:x:a> <urn:x:b> <urn:x:c> } }")
        extra = 1
        assert default_triples() == len(set(built[first])) + extra
    # An update into an article graph reaches the default graph on every backend; one
    # restating a triple the graph has adds nothing.
    some = next(iter(built[first]))
    store.update(f"INSERT DATA {{ GRAPH <{store.graph_iri(first)}> {{ <urn:x:s> <urn:x:p> \"o\" . "
                 f"{some[0].n3()} {some[1].n3()} {some[2].n3()} }} }}")
    assert default_triples() == len(set(built[first])) + extra + 1
    store.delete_article(first)
    assert default_triples() == extra


def test_virtuoso_answers_as_oxigraph_over_the_default_graph(request, tmp_path):
    """The same articles on Virtuoso and Oxigraph: the same rows from queries over the
    default graph, with and without GRAPH, DESCRIBE and aggregates."""
    stores = [make_store(backend, request, tmp_path, base_iri=BASE) for backend in ("oxigraph", "virtuoso")]
    try:
        for store in stores:
            store.add_articles(graphs().items())
        queries = [
            "SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name }",
            "SELECT ?type (COUNT(*) AS ?n) WHERE { ?e a ?type } GROUP BY ?type",
            "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
            "SELECT ?s ?o WHERE { ?s schema:name ?o . ?s a ?t }",
            "SELECT ?g ?name WHERE { GRAPH ?g { ?p a schema:Person ; schema:name ?name } }",
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "
            f'"{BASE}graph/")) }}',
        ]
        for query in queries:
            found = [sorted(json.dumps(typed(b), sort_keys=True) for b in json.loads(store.query(query).body)
                            ["results"]["bindings"]) for store in stores]
            assert found[0] == found[1], query
        described = [sorted(s.query(f"DESCRIBE <{BASE}person/daren-tang>", accept="ntriples").body.decode().splitlines())
                     for s in stores]
        # DESCRIBE's shape is the engine's (Virtuoso adds the triples pointing at the
        # resource); each states what Oxigraph does, once.
        assert described[0] and set(described[0]) <= set(described[1])
        assert len(described[1]) == len(set(described[1]))
    finally:
        for store in stores:
            store.close()


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_select_results_in_each_format(filled, fmt):
    result = filled.query(
        "SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name } ORDER BY ?name", accept=fmt
    )
    assert result.kind == "select" and result.format == fmt and result.variables == ["name"]
    text = result.body.decode()
    if fmt == "csv":
        names = [row[0] for row in csv.reader(io.StringIO(text))][1:]
    elif fmt == "tsv":
        names = [line.strip('"') for line in text.splitlines()[1:]]
    elif fmt == "json":
        names = [r["name"] for r in rows(result)]
    else:
        assert text.startswith("<?xml")
        names = [n for n in ("Daren Tang", "Liu Chenli") if n in text]
    assert "Daren Tang" in names and "Liu Chenli" in names


def test_media_types_are_accepted_as_well_as_short_names(filled):
    result = filled.query("ASK { ?s a schema:Person }", accept="application/sparql-results+json")
    assert result.kind == "ask" and result.boolean is True
    assert json.loads(result.body)["boolean"] is True


def test_construct_comes_back_as_turtle(filled):
    result = filled.query("CONSTRUCT { ?p a schema:Person } WHERE { ?p a schema:Person }")
    assert result.kind == "graph" and result.media_type == "text/turtle"
    graph = Graph().parse(data=result.body.decode(), format="turtle")
    assert len(graph) >= 2


def test_row_limit_cuts_and_says_so(filled):
    result = filled.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }", max_rows=3)
    assert result.truncated and len(rows(result)) == 3
    small = filled.query("SELECT ?s WHERE { ?s a schema:NewsArticle }", max_rows=100)
    assert not small.truncated and len(rows(small)) == len(graphs())


@pytest.mark.parametrize(
    "query, error",
    [
        ("SELECT ?x WHERE { ?x ", BadQuery),
        ("INSERT DATA { <http://a> <http://b> <http://c> }", BadQuery),
        ("this is not sparql", BadQuery),
    ],
)
def test_bad_queries_are_refused_with_a_clear_error(filled, query, error):
    with pytest.raises(error) as caught:
        filled.query(query)
    assert caught.value.message


def test_unknown_result_format_is_refused(filled):
    with pytest.raises(BadQuery, match="cannot be written"):
        filled.query("SELECT * WHERE { ?s ?p ?o }", accept="turtle")


def test_a_query_past_the_time_limit_is_stopped(filled):
    slow = (
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l "
        "FILTER(STR(?c) != STR(?l)) }"
    )
    with pytest.raises(QueryTimeout):
        filled.query(slow, timeout=0.3)
    # The store still answers afterwards.
    assert filled.query("ASK { ?s ?p ?o }").boolean is True


def test_sample_queries_give_the_same_rows_on_every_backend(request, tmp_path):
    results: dict[str, dict[str, list]] = {}
    for backend in STORE_BACKENDS:
        store = make_store(backend, request, tmp_path / backend, base_iri=BASE)
        try:
            store.add_articles(graphs().items())
            for path in sorted(QUERIES.glob("*.rq")):
                found = json.loads(store.query(path.read_text(), accept="json").body)["results"]["bindings"]
                results.setdefault(path.name, {})[backend] = sorted(
                    json.dumps(typed(r), sort_keys=True, default=str) for r in found
                )
        finally:
            store.close()
    assert len(results) >= 5
    for name, by_backend in results.items():
        assert by_backend["oxigraph"] == by_backend["virtuoso"], name
        # rdflib's MIN/MAX turn an IRI into a plain literal; the values must still agree.
        assert values_only(by_backend["memory"]) == values_only(by_backend["oxigraph"]), name
    assert any(by_backend["oxigraph"] for by_backend in results.values())


# --- export -----------------------------------------------------------------------


def test_nquads_export_round_trips_into_a_fresh_store(filled, tmp_path):
    data = b"".join(filled.export("nquads"))
    fresh = open_store(Settings(base_iri=BASE), spec="memory")
    fresh.dataset.parse(data=data.decode(), format="nquads")
    assert fresh.article_ids() == filled.article_ids()
    for article_id, graph in graphs().items():
        assert same(fresh.get_article_graph(article_id), graph)


@pytest.mark.parametrize("fmt", ["turtle", "ntriples", "jsonld", "trig"])
def test_rdf_exports_parse_and_merge_articles(filled, fmt):
    data = b"".join(filled.export(fmt)).decode()
    rdflib_format = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "trig": "trig"}[fmt]
    if fmt in ("trig", "jsonld"):  # dataset formats: one named graph per article (JSON-LD: one @graph each)
        from rdflib import Dataset

        parsed = Dataset()
        parsed.parse(data=data, format="trig" if fmt == "trig" else "json-ld")
        assert {str(g.identifier) for g in parsed.graphs() if len(g)} == {
            str(article_graph_iri(i, BASE)) for i in graphs()
        } | {str(totals_graph_iri(BASE)), registry_graph_iri(BASE)}
        return
    parsed = Graph().parse(data=data, format=rdflib_format)
    union = set()
    for graph in graphs().values():
        union.update(graph)
    counted = {e for g in graphs().values() for e in g.subjects(NG.timesMentioned, None)}
    # merged: a triple two articles share appears once; the entity totals and the entity
    # registry come along (what the registry adds is in its own graph of the dataset export)
    from rdflib import Dataset

    dataset = Dataset()
    dataset.parse(data=b"".join(filled.export("nquads")).decode(), format="nquads")
    registry = {t for t in dataset.graph(URIRef(registry_graph_iri(BASE)))}
    totals = {t for t in dataset.graph(URIRef(str(totals_graph_iri(BASE))))}
    assert registry and len(totals) >= 2 * len(counted)
    assert len(parsed) == len(union | registry | totals)
    assert {e for e in parsed.subjects(NG.totalMentions, None)} >= counted


def test_unknown_export_format_is_refused(filled):
    with pytest.raises(StoreError, match="unknown export format"):
        list(filled.export("xlsx"))


# --- opening stores ---------------------------------------------------------------


def test_open_store_parses_the_spec(tmp_path):
    from newsgraph.store.memory import MemoryStore
    from newsgraph.store.oxigraph import OxigraphStore
    from newsgraph.store.sparql import SparqlStore

    assert isinstance(open_store(Settings(), spec="memory"), MemoryStore)
    ox_store = open_store(Settings(store=f"oxigraph:{tmp_path / 'd'}"))
    assert isinstance(ox_store, OxigraphStore) and (tmp_path / "d").is_dir()
    ox_store.close()
    remote = open_store(Settings(store_update_url="http://h/update"), spec="sparql:http://h/sparql")
    assert isinstance(remote, SparqlStore) and remote.update_url == "http://h/update"
    for bad in ("nothing", "sparql:", "sparql:ftp://h", "memory:x"):
        with pytest.raises(StoreError):
            open_store(Settings(), spec=bad)


def test_oxigraph_store_survives_a_restart(tmp_path):
    article_id, graph = next(iter(graphs().items()))
    spec = f"oxigraph:{tmp_path / 'db'}"
    first = open_store(Settings(base_iri=BASE), spec=spec)
    first.add_article(article_id, graph)
    first.close()
    again = open_store(Settings(base_iri=BASE), spec=spec)
    assert same(again.get_article_graph(article_id), graph)
    again.close()


def test_second_process_on_the_same_oxigraph_directory_gets_store_locked(tmp_path):
    spec = f"oxigraph:{tmp_path / 'db'}"
    holder = open_store(Settings(), spec=spec)
    try:
        code = (
            "import sys\nfrom newsgraph.store import open_store\nfrom newsgraph.settings import Settings\n"
            "from newsgraph.errors import StoreLocked\n"
            f"try:\n    open_store(Settings(), spec={spec!r})\nexcept StoreLocked as e:\n"
            "    print(e.code, e.message); sys.exit(3)\n"
        )
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
        assert done.returncode == 3, done.stderr
        assert done.stdout.startswith(StoreLocked.code) and "another process" in done.stdout
    finally:
        holder.close()


def test_unreachable_remote_store_is_a_store_error():
    remote = open_store(Settings(query_timeout=2), spec="sparql:http://127.0.0.1:9/sparql")
    with pytest.raises(StoreError, match="cannot reach"):
        remote.query("ASK { ?s ?p ?o }")


@pytest.mark.parametrize(
    "text, kind",
    [
        ("SELECT * WHERE { ?s ?p ?o }", "select"),
        ("PREFIX select: <http://x#> ASK { ?s select:p ?o }", "ask"),
        ("# SELECT in a comment\nCONSTRUCT WHERE { ?s ?p ?o }", "graph"),
        ('DESCRIBE <http://x/#ASK>', "graph"),
    ],
)
def test_query_kind(text, kind):
    assert query_kind(text) == kind


# --- the embedded store's bulk path -------------------------------------------------


def many_articles(count: int) -> list[tuple[str, Graph]]:
    """Copies of the example articles under new ids: enough quads for the bulk loader."""
    out = []
    for number in range(count):
        for build in EXAMPLES.values():
            extraction = build()
            extraction.article.id = f"{extraction.article.id}-{number}"
            out.append((extraction.article.id, to_graph(extraction, base_iri=BASE, extractor_version=VERSION)))
    return out


def test_big_batches_of_new_articles_go_through_the_bulk_loader(tmp_path):
    from newsgraph.store.oxigraph import BULK_QUADS

    store = open_store(Settings(base_iri=BASE), spec=f"oxigraph:{tmp_path / 'db'}")
    articles = many_articles(12)
    total = sum(len(g) for _, g in articles)
    assert total >= BULK_QUADS
    assert store.add_articles(articles) == total
    assert store.stats().triples == total and len(store.article_ids()) == len(articles)
    for article_id, graph in articles[:3]:
        assert same(store.get_article_graph(article_id), graph)
    assert totals(store) == counted_totals(store)
    assert max(n for _, n in totals(store).values()) >= 12
    # The bulk loader fills the default graph too: each distinct triple once.
    union = set().union(*(set(g) for _, g in articles))
    assert int(rows(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))[0]["n"]) == len(union)
    store.close()


def test_a_store_without_its_default_graph_fills_it_when_opened(tmp_path):
    spec = f"oxigraph:{tmp_path / 'db'}"
    store = open_store(Settings(base_iri=BASE), spec=spec)
    store.add_articles(graphs().items())
    store.inner.update("DROP DEFAULT")  # as a store written by an earlier newsgraph
    store.close()
    store = open_store(Settings(base_iri=BASE), spec=spec)
    union = set().union(*(set(g) for g in graphs().values()))
    assert int(rows(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))[0]["n"]) == len(union)
    store.close()


def test_a_big_batch_loads_in_pieces_side_by_side_and_every_article_arrives_whole(tmp_path, monkeypatch):
    import newsgraph.store.oxigraph as oxigraph_store

    monkeypatch.setattr(oxigraph_store, "LOAD_CHUNK_QUADS", 150)  # many pieces, two loading at once
    loads = []
    store = open_store(Settings(base_iri=BASE), spec=f"oxigraph:{tmp_path / 'db'}")
    real_load = store.inner.bulk_load
    store._store = Recording(store.inner, bulk_load=lambda *a, **k: (loads.append(1), real_load(*a, **k)))
    articles = many_articles(12)
    assert store.add_articles(articles) == sum(len(g) for _, g in articles)
    assert len(loads) >= 4
    store._store = store._store.inner
    assert store.article_ids() == {article_id for article_id, _ in articles}
    for article_id, graph in articles:
        assert same(store.get_article_graph(article_id), graph)
    assert totals(store) == counted_totals(store)
    store.close()


class Recording:
    """Delegates to a pyoxigraph store, with some of its methods replaced."""

    def __init__(self, inner, **replaced):
        self.inner = inner
        self.__dict__.update(replaced)

    def __len__(self):
        return len(self.inner)

    def __getattr__(self, name):
        return getattr(self.inner, name)


def test_a_store_written_without_totals_counts_them_when_opened(tmp_path):
    import pyoxigraph as ox

    store = open_store(Settings(base_iri=BASE), spec=f"oxigraph:{tmp_path / 'db'}")
    store.add_articles(graphs().items())
    expected = totals(store)
    store.inner.remove_graph(ox.NamedNode(str(totals_graph_iri(BASE))))  # as an older newsgraph left it
    store.close()
    store = open_store(Settings(base_iri=BASE), spec=f"oxigraph:{tmp_path / 'db'}")
    assert totals(store) == expected and expected
    store.close()


def test_a_failed_bulk_write_leaves_no_article_behind(tmp_path):
    store = open_store(Settings(base_iri=BASE), spec=f"oxigraph:{tmp_path / 'db'}")
    inner, landed = store.inner, []

    def dies_half_way(data, format, **options):
        blocks = data.split(b"}\n")
        inner.load(b"}\n".join(blocks[: len(blocks) // 2]) + b"}\n", format)  # some graphs land
        landed.append(len(list(inner.named_graphs())))
        raise OSError("disk full")

    store._store = Recording(inner, bulk_load=dies_half_way)
    with pytest.raises(StoreError, match="disk full"):
        store.add_articles(many_articles(12))
    assert landed[0] > 0  # the failure came half way through
    store._store = inner
    assert store.article_ids() == set() and store.stats().triples == 0
    assert totals(store) == {}
    store.close()


@pytest.mark.parametrize("failing_piece", [1, 3])
def test_a_failed_piece_of_a_big_batch_leaves_no_article_behind(tmp_path, monkeypatch, failing_piece):
    import newsgraph.store.oxigraph as oxigraph_store

    monkeypatch.setattr(oxigraph_store, "LOAD_CHUNK_QUADS", 150)
    store = open_store(Settings(base_iri=BASE), spec=f"oxigraph:{tmp_path / 'db'}")
    store.add_articles(graphs().items())
    before = (store.article_ids(), store.stats().triples, totals(store))
    real_load, pieces = store.inner.bulk_load, []

    def load(data, *args, **kwargs):
        pieces.append(data)
        if len(pieces) == failing_piece:
            raise OSError("disk full")
        real_load(data, *args, **kwargs)

    store._store = Recording(store.inner, bulk_load=load)
    with pytest.raises(StoreError, match="disk full"):
        store.add_articles(many_articles(12), replace=False)
    store._store = store._store.inner
    assert (store.article_ids(), store.stats().triples, totals(store)) == before


def test_an_invalid_iri_late_in_a_big_batch_leaves_no_article_behind(tmp_path, monkeypatch):
    import newsgraph.store.oxigraph as oxigraph_store

    monkeypatch.setattr(oxigraph_store, "LOAD_CHUNK_QUADS", 150)
    store = open_store(Settings(base_iri=BASE), spec=f"oxigraph:{tmp_path / 'db'}")
    articles = many_articles(12)
    article_id, graph = articles[-1]
    bad = Graph(identifier=graph.identifier)
    for triple in graph:
        bad.add(triple)
    bad.add((URIRef(BASE + "bad iri"), URIRef(BASE + "p"), Literal("x")))
    with pytest.raises(StoreError, match="cannot store the triple"):
        store.add_articles([*articles[:-1], (article_id, bad)])
    assert store.article_ids() == set() and store.stats().triples == 0 and totals(store) == {}
    store.close()


def test_an_invalid_iri_is_refused_before_anything_is_written(tmp_path):
    store = open_store(Settings(base_iri=BASE), spec=f"oxigraph:{tmp_path / 'db'}")
    article_id, graph = next(iter(graphs().items()))
    bad = Graph(identifier=graph.identifier)
    for triple in graph:
        bad.add(triple)
    bad.add((URIRef(BASE + "bad iri"), URIRef(BASE + "p"), Literal("x")))
    with pytest.raises(StoreError, match="cannot store the triple"):
        store.add_article(article_id, bad)
    assert not store.has_article(article_id)
    store.close()


TRICKY_LITERALS = [
    Literal("two\nlines and a \r return"),
    Literal('quotes " and \\ backslashes'),
    Literal('"""triple quotes"""'),
    Literal("tab\tand bell\u0007 and emoji \U0001F600"),
    Literal("Zürich", lang="de"),
    Literal("12.50", datatype=XSD.decimal),
    Literal("2025-09-02", datatype=XSD.date),
    Literal(""),
]


@pytest.mark.parametrize("copies", [1, 40], ids=["one transaction", "bulk loader"])
def test_literals_of_every_shape_are_stored_exactly(tmp_path, copies):
    store = open_store(Settings(base_iri=BASE), spec=f"oxigraph:{tmp_path / 'db'}")
    articles = []
    for number in range(copies):
        graph = Graph(identifier=article_graph_iri(f"tricky-{number}", BASE))
        for index, literal in enumerate(TRICKY_LITERALS):
            graph.add((URIRef(f"{BASE}thing/{number}"), URIRef(f"{BASE}p{index}"), literal))
        for filler in range(60):  # enough quads for the bulk loader when there are many copies
            graph.add((URIRef(f"{BASE}thing/{number}"), URIRef(f"{BASE}filler"), Literal(filler)))
        articles.append((f"tricky-{number}", graph))
    store.add_articles(articles)
    for article_id, graph in (articles[0], articles[-1]):
        assert same(store.get_article_graph(article_id), graph)
    store.close()


def test_virtuoso_fills_its_union_graph_once_for_articles_written_before_it(request, tmp_path):
    """A Virtuoso store written before the union graph was kept (simulated: the union graph
    emptied behind the store's back) gets it filled when a process first uses the store."""
    store = make_store("virtuoso", request, tmp_path, base_iri=BASE)
    server = request.getfixturevalue("virtuoso_server")
    try:
        store.add_articles(graphs().items())
        store._update(f"CLEAR SILENT GRAPH <{store.union}>")
        assert int(rows(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))[0]["n"]) == 0
        fresh = open_store(Settings(store_user=server.user, store_password=server.password, base_iri=BASE),
                           spec=server.spec)
        union = set()
        for graph in graphs().values():
            union.update(graph)
        assert int(rows(fresh.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))[0]["n"]) == len(union)
        fresh.close()
    finally:
        store.close()
