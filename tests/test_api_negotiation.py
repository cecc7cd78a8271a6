"""Content negotiation tables and the SPARQL guard (no app, no store)."""

import pytest

from newsgraph.api.errors import NotAcceptable
from newsgraph.api.negotiation import ARTICLE, RDF_DATASET, RDF_GRAPH, SPARQL_RESULTS, by_format_name, negotiate
from newsgraph.api.sparql_guard import check, inspect, with_dataset
from newsgraph.errors import BadQuery


@pytest.mark.parametrize("accept", [None, "", "*/*", "application/*"])
def test_the_first_entry_is_the_default(accept):
    assert negotiate(accept, SPARQL_RESULTS) == "application/sparql-results+json"


def test_q_values_decide():
    accept = "application/sparql-results+json;q=0.2, text/csv;q=0.9, text/tab-separated-values;q=0.5"
    assert negotiate(accept, SPARQL_RESULTS) == "text/csv"


def test_exact_type_beats_wildcard_at_same_q():
    assert negotiate("*/*, text/turtle", RDF_GRAPH) == "text/turtle"
    assert negotiate("text/*", RDF_GRAPH) == "text/turtle"


def test_q_zero_excludes():
    assert negotiate("text/turtle;q=0, */*;q=0.1", RDF_GRAPH) == "application/n-triples"


def test_aliases_map_common_types():
    assert negotiate("application/json", SPARQL_RESULTS) == "application/sparql-results+json"
    assert negotiate("application/xml", SPARQL_RESULTS) == "application/sparql-results+xml"
    # A table that offers the type itself keeps it.
    assert negotiate("application/json", ARTICLE, use_aliases=False) == "application/json"


def test_unavailable_type_is_406_listing_what_exists():
    with pytest.raises(NotAcceptable) as caught:
        negotiate("image/png", RDF_GRAPH)
    assert caught.value.status == 406
    assert "text/turtle" in caught.value.detail["available"]


def test_format_names():
    assert by_format_name("nquads", RDF_DATASET) == "application/n-quads"
    with pytest.raises(Exception, match="unknown format"):
        by_format_name("xlsx", RDF_DATASET)


# --- the guard -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "select * where { service silent <http://x/> { ?s ?p ?o } }",
        "PREFIX ex: <http://ex/> SELECT * WHERE { ?s ?p ?o . SERVICE ex:endpoint { ?s ?p ?o } }",
    ],
)
def test_service_is_refused(query):
    with pytest.raises(BadQuery, match="SERVICE"):
        check(query, update=False)


def test_load_is_refused_in_updates():
    with pytest.raises(BadQuery, match="LOAD"):
        check("LOAD <http://127.0.0.1:9/data.ttl> INTO GRAPH <http://g>", update=True)


def test_keywords_in_strings_comments_iris_and_names_are_not_refused():
    query = (
        'PREFIX ex: <http://example.org/SERVICE#> SELECT ?service WHERE {\n'
        '  ?service ex:load "SERVICE <http://x>" . # LOAD <http://y>\n'
        "  ?x ex:p '''LOAD''' }"
    )
    shape = check(query, update=False)
    assert shape.form == "SELECT" and shape.refused == []


def test_from_graphs_are_collected_with_prefixes():
    shape = inspect("PREFIX g: <http://g/> SELECT * FROM g:one FROM NAMED <http://g/two> WHERE { ?s ?p ?o }")
    assert shape.graphs == ["http://g/one", "http://g/two"]


def test_undefined_prefix_in_from_is_a_bad_query():
    with pytest.raises(BadQuery, match="undefined prefix"):
        inspect("SELECT * FROM nope:g WHERE { ?s ?p ?o }")


@pytest.mark.parametrize(
    "query, form",
    [
        ("SELECT * { ?s ?p ?o }", "SELECT"),
        ("PREFIX select: <http://x/> ASK { ?s select:p ?o }", "ASK"),
        ("CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
        ("DESCRIBE <http://x>", "DESCRIBE"),
        ("INSERT DATA { <a:b> <a:c> <a:d> }", "UPDATE"),
    ],
)
def test_form(query, form):
    assert inspect(query).form == form


def test_updates_sent_as_queries_and_back_are_refused():
    with pytest.raises(BadQuery, match="update was sent as a query"):
        check("DELETE WHERE { ?s ?p ?o }", update=False)
    with pytest.raises(BadQuery, match="sent as an update"):
        check("SELECT * { ?s ?p ?o }", update=True)


@pytest.mark.parametrize(
    "query, expected",
    [
        ("SELECT ?s WHERE { ?s ?p ?o }", "SELECT ?s  FROM <http://g/1> WHERE { ?s ?p ?o }"),
        ("ASK { ?s ?p ?o }", "ASK  FROM <http://g/1> { ?s ?p ?o }"),
        ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT { ?s ?p ?o }  FROM <http://g/1> WHERE { ?s ?p ?o }"),
        ("SELECT * FROM <http://old> WHERE { ?s ?p ?o }", "SELECT *  FROM <http://g/1>  WHERE { ?s ?p ?o }"),
    ],
)
def test_protocol_dataset_replaces_the_querys(query, expected):
    assert with_dataset(query, ["http://g/1"], []) == expected


def test_no_protocol_dataset_leaves_the_query_alone():
    query = "SELECT * FROM <http://old> WHERE { ?s ?p ?o }"
    assert with_dataset(query, [], []) is query


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE " + "{" * 10_000 + " ?s ?p ?o " + "}" * 10_000,
        "SELECT * WHERE { FILTER(" + "(" * 5_000 + "1" + ")" * 5_000 + ") }",
        "SELECT * WHERE { ?s ?p (" + "(" * 100 + "1" + ")" * 100 + ") }",
    ],
)
def test_deep_nesting_is_refused_before_the_parser_sees_it(query):
    with pytest.raises(BadQuery, match="limit is 40"):
        check(query, update=False)


def test_ordinary_nesting_and_brackets_in_strings_pass():
    query = 'SELECT * WHERE { { ?s ?p ?o FILTER((?o > 1) && (?o < 5)) } UNION { ?s ?p "' + "(" * 500 + '" } }'
    assert check(query, update=False).form == "SELECT"
