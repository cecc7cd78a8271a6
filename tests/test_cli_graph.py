"""``newsgraph ingest | query | export | stats`` through Typer's CliRunner."""

from __future__ import annotations

import csv
import json

import networkx as nx
import pyoxigraph as ox
import pytest
from graph_examples import BASE, EXAMPLES, VERSION
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.errors import BadQuery
from newsgraph.graph import to_graph
from newsgraph.settings import Settings
from newsgraph.store import open_store

runner = CliRunner()
ENV = {"NEWSGRAPH_BASE_IRI": BASE}


@pytest.fixture
def store_spec(tmp_path):
    spec = f"oxigraph:{tmp_path / 'db'}"
    store = open_store(Settings(base_iri=BASE), spec=spec)
    for build in EXAMPLES.values():
        extraction = build()
        store.add_article(extraction.article.id, to_graph(extraction, base_iri=BASE, extractor_version=VERSION))
    store.close()
    return spec


def run(*args):
    return runner.invoke(app, list(args), env=ENV)


@pytest.mark.parametrize("command", ["ingest", "query", "export", "stats"])
def test_every_command_has_help(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "--store" in result.output and len(result.output.splitlines()) > 5


def test_stats(store_spec):
    result = run("stats", "--store", store_spec, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["articles"] == len(EXAMPLES) and data["triples"] > 50
    assert data["entities"]["Person"] >= 2
    text = run("stats", "--store", store_spec).output
    assert f"articles: {len(EXAMPLES)}" in text and "Person:" in text


def test_stats_recount_repairs_damaged_totals(store_spec):
    totals = f"<{BASE}totals>"
    top = f"SELECT ?e ?n WHERE {{ GRAPH {totals} {{ ?e ng:totalMentions ?n }} }} ORDER BY DESC(?n) ?e LIMIT 3"
    before = run("query", top, "--store", store_spec, "--format", "csv").output
    store = open_store(Settings(base_iri=BASE), spec=store_spec)
    store.inner.update(f"DELETE WHERE {{ GRAPH {totals} {{ ?e ?p ?o }} }} ; "
                       f"INSERT DATA {{ GRAPH {totals} {{ <{BASE}person/nobody> "
                       f"<https://w3id.org/newsgraph/ontology#totalMentions> 99 }} }}")
    store.close()
    assert "nobody" in run("query", top, "--store", store_spec, "--format", "csv").output
    result = run("stats", "--recount", "--store", store_spec, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["entities"]["Person"] >= 2
    assert run("query", top, "--store", store_spec, "--format", "csv").output == before
    assert before.count("\n") == 4  # header and three entities


def test_query_formats(store_spec, tmp_path):
    q = "SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name } ORDER BY ?name"
    as_json = json.loads(run("query", q, "--store", store_spec, "--format", "json").output)
    names = [b["name"]["value"] for b in as_json["results"]["bindings"]]
    assert "Daren Tang" in names
    as_csv = list(csv.reader(run("query", q, "--store", store_spec, "--format", "csv").output.splitlines()))
    assert as_csv[0] == ["name"] and [r[0] for r in as_csv[1:]] == names
    as_tsv = run("query", q, "--store", store_spec, "--format", "tsv").output.splitlines()
    assert as_tsv[0] == "?name" and len(as_tsv) == len(names) + 1
    table = run("query", q, "--store", store_spec, "--format", "table").output
    assert "Daren Tang" in table and f"{len(names)} rows" in table
    rq = tmp_path / "q.rq"
    rq.write_text("CONSTRUCT { ?p a schema:Person } WHERE { ?p a schema:Person }")
    turtle = run("query", "--file", str(rq), "--store", store_spec).output
    assert "schema:Person" in turtle and "@prefix schema:" in turtle


def test_query_errors(store_spec):
    result = run("query", "SELECT ?x WHERE {", "--store", store_spec)
    assert result.exit_code != 0 and isinstance(result.exception, BadQuery)
    neither = run("query", "--store", store_spec)
    assert neither.exit_code == 2 and "give a query or --file" in neither.output


def test_row_limit_is_reported(store_spec):
    result = runner.invoke(app, ["query", "SELECT * WHERE { ?s ?p ?o }", "--store", store_spec, "--format", "tsv",
                                 "--max-rows", "2"], env=ENV)
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 3 and "cut at 2 rows" in result.stderr


def test_export_nquads_graphml_and_csv_lose_nothing(store_spec, tmp_path):
    nq = tmp_path / "all.nq"
    assert run("export", "--format", "nquads", "--output", str(nq), "--store", store_spec).exit_code == 0
    fresh = ox.Store()
    fresh.load(path=str(nq), format=ox.RdfFormat.N_QUADS)
    store = open_store(Settings(base_iri=BASE), spec=store_spec)
    try:
        # Every named graph's quads (the default graph is their union, computed by the store).
        expected = {str(q) for q in store.inner.quads_for_pattern(None, None, None)
                    if isinstance(q.graph_name, ox.NamedNode)}
    finally:
        store.close()
    assert {str(q) for q in fresh} == expected and len(expected) > 50

    graphml = tmp_path / "g.graphml"
    assert run("export", "--format", "graphml", "-o", str(graphml), "--store", store_spec).exit_code == 0
    graph = nx.read_graphml(graphml)
    assert BASE + "person/daren-tang" in graph and graph.number_of_edges() > 10

    out = tmp_path / "neo4j"
    assert run("export", "--format", "csv", "-o", str(out), "--store", store_spec).exit_code == 0
    assert (out / "nodes.csv").read_text().startswith("id:ID,:LABEL")
    assert run("export", "--format", "csv", "--store", store_spec).exit_code == 2  # csv needs a folder

    streamed = run("export", "--format", "ntriples", "--store", store_spec)
    assert streamed.exit_code == 0 and streamed.output.count("\n") > 50


def test_bad_store_spec_is_a_clear_error():
    result = run("stats", "--store", "nonsense")
    assert result.exit_code != 0 and "unknown store" in str(result.exception)


@pytest.mark.model
def test_ingest_then_skip_then_replace(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.txt").write_text("Anna Berg, mayor of Lund, opened the new library on Monday.")
    (articles / "b.jsonl").write_text(json.dumps({"text": "Tom Hale of Norbridge said the bridge opens in May."})
                                      + "\n{broken\n")
    spec = f"oxigraph:{tmp_path / 'db'}"
    first = run("ingest", str(articles), "--store", spec, "--no-progress")
    assert first.exit_code == 1  # one bad line
    assert "2 stored" in first.output and "1 failed" in first.output and "b.jsonl:2" in first.output
    assert "entities:" in first.output and "triples:" in first.output
    second = run("ingest", str(articles / "a.txt"), "--store", spec, "--no-progress")
    assert second.exit_code == 0 and "1 already stored" in second.output
    third = run("ingest", str(articles / "a.txt"), "--store", spec, "--no-progress", "--replace")
    assert third.exit_code == 0 and "1 stored" in third.output
    stdin = runner.invoke(app, ["ingest", "-", "--store", spec, "--no-progress"], env=ENV,
                          input="Maria Lopez, director of the port authority, said ships sail again.")
    assert stdin.exit_code == 0 and "1 stored" in stdin.output
    assert json.loads(run("stats", "--store", spec, "--json").output)["articles"] == 3
