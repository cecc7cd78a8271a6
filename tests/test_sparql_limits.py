"""The SPARQL guard's size limits: shapes that crash or stall the store's parser and
planner are refused with a 400 naming the limit; the same shapes at the limit still run."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from api_helpers import settings
from fastapi.testclient import TestClient

from newsgraph.api import create_app
from newsgraph.api.sparql_guard import LIMITS, check, measure
from newsgraph.errors import BadQuery


def unary(n: int) -> str:
    return "ASK { FILTER(" + "!" * n + "false) }"


def spaced_negation(n: int) -> str:
    return "ASK { FILTER(" + "! " * n + "false) }"


def sum_of(n: int) -> str:
    return "SELECT (" + " + ".join(["2.5"] * n) + " AS ?total) {}"


def disjunction(n: int) -> str:
    return "ASK { BIND(3 AS ?k) FILTER(" + " || ".join(f"?k = {i}" for i in range(n)) + ") }"


def path(n: int) -> str:
    return "SELECT * { ?from " + "/".join(["<urn:t:next>"] * n) + " ?to }"


def grouped_path(n: int) -> str:
    return "SELECT * { ?from (" + "/".join(["<urn:t:next>"] * n) + ")* ?to }"


def optionals(n: int) -> str:
    return "SELECT * { ?x <urn:t:a> ?y " + " ".join(f"OPTIONAL {{ ?x <urn:t:o{i}> ?v{i} }}" for i in range(n)) + " }"


def unions(n: int) -> str:
    return "SELECT * { " + " UNION ".join(f"{{ ?x <urn:t:u{i}> ?y }}" for i in range(n + 1)) + " }"


def filters(n: int) -> str:
    return "SELECT * { ?x <urn:t:a> ?y " + " ".join(f"FILTER(?y != {i})" for i in range(n)) + " }"


def patterns(n: int) -> str:
    # n triple patterns in one group: the group's brace counts as one more
    return "SELECT * { " + " ".join(f"?n{i} <urn:t:l{i}> ?n{i + 1} ." for i in range(n - 1)) + " }"


# (limit name, query maker, n at the limit, n beyond it)
SHAPES = [
    ("unary_chain", unary, 32, 10_000),
    ("unary_chain", spaced_negation, 32, 33),
    ("operators", sum_of, 501, 10_000),
    ("operators", disjunction, 250, 251),
    ("path_steps", path, 101, 102),
    ("path_steps", grouped_path, 101, 800),
    ("optionals", optionals, 50, 51),
    ("unions", unions, 100, 101),
    ("filters", filters, 250, 251),
    ("patterns", patterns, 200, 201),
]


@pytest.mark.parametrize("name,make,fine,beyond", SHAPES, ids=[f"{s[0]}-{s[1].__name__}" for s in SHAPES])
def test_a_shape_beyond_its_limit_is_refused_and_names_the_limit(name, make, fine, beyond):
    with pytest.raises(BadQuery) as refused:
        check(make(beyond), update=False)
    limit, what = LIMITS[name]
    assert refused.value.detail["limit"] == name
    assert refused.value.detail["max"] == limit
    assert f"the limit is {limit:,}" in refused.value.message and what in refused.value.message


@pytest.mark.parametrize("name,make,fine,beyond", SHAPES, ids=[f"{s[0]}-{s[1].__name__}" for s in SHAPES])
def test_the_same_shape_at_its_limit_passes_and_the_engine_answers_it(name, make, fine, beyond):
    query = make(fine)
    assert measure(query)[name] <= LIMITS[name][0]
    check(query, update=False)
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("urn:t:s"), ox.NamedNode("urn:t:a"), ox.Literal("1"), ox.DefaultGraph()))
    result = store.query(query)
    if isinstance(result, ox.QueryBoolean):
        # "!" 32 times (even) on false is false; ?k = 3 is one of 0..249
        assert bool(result) is (make is disjunction)
    elif make is sum_of:
        (row,) = list(result)
        assert float(row["total"].value) == 2.5 * fine
    else:
        assert isinstance(list(result), list)  # planned and run, nothing crashed


def test_operators_inside_strings_iris_and_comments_do_not_count():
    query = ('SELECT * { ?s <urn:t:a/b/c/d> "' + "!" * 1000 + '/' * 1000 + '" . # ' + "+" * 1000 + "\n}")
    sizes = measure(query)
    assert sizes["unary_chain"] <= 1 and sizes["operators"] <= 1 and sizes["path_steps"] == 0
    check(query, update=False)


def test_pairs_count_as_one_operator_and_separators_start_a_new_count():
    sizes = measure("SELECT * { ?a <urn:p> ?b FILTER(?b != 1 && ?b <= 9 || ?b >= 20) . ?b <urn:q>/<urn:r> ?c }")
    assert sizes["operators"] == 5  # != && <= || >=
    assert sizes["unary_chain"] == 1
    assert sizes["path_steps"] == 1
    assert measure('SELECT * { ?s ?p "x"^^<urn:t> }')["unary_chain"] == 1  # ^^ is one token


def test_values_data_and_typed_literals_are_not_operators():
    rows = " ".join(f"(-{i} \"2024-01-{1 + i % 28:02d}\"^^xsd:date)" for i in range(2000))
    query = f"PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> SELECT * {{ VALUES (?n ?d) {{ {rows} }} }}"
    sizes = measure(query)
    assert sizes["operators"] <= 1 and sizes["unary_chain"] <= 1 and sizes["patterns"] <= 2, sizes
    check(query, update=False)
    single = "SELECT * { VALUES ?n { " + " ".join(f"-{i}" for i in range(2000)) + " } ?s ?p ?n }"
    check(single, update=False)
    # The expression after the block is still counted.
    assert measure(single + " FILTER(" + " + ".join(["?n"] * 600) + ")")["operators"] >= 599


def test_an_update_carrying_thousands_of_triples_passes_but_a_crashing_chain_does_not():
    data = " ".join(f"<urn:t:s{i}> <urn:t:p> -{i} , \"x\"^^<urn:t:type> ." for i in range(3000))
    check(f"INSERT DATA {{ GRAPH <urn:t:g> {{ {data} }} }}", update=True)
    with pytest.raises(BadQuery, match="prefix operators"):
        check("DELETE WHERE { ?s ?p ?o FILTER(" + "!" * 5000 + "true) }", update=True)


def test_a_decimal_point_does_not_reset_an_expression_count():
    assert measure("SELECT (" + "+".join(["1.5"] * 600) + " AS ?x) {}")["operators"] == 599


def test_a_refused_shape_answers_400_in_the_one_error_shape_and_the_app_keeps_answering():
    with TestClient(create_app(settings())) as http:
        for query in (unary(10_000), sum_of(10_000), path(800), optionals(400)):
            response = http.post("/sparql", content=query.encode(), headers={"content-type": "application/sparql-query"})
            assert response.status_code == 400, response.text[:300]
            error = response.json()["error"]
            assert error["code"] == "bad_query" and "the limit is" in error["message"]
            assert error["detail"]["limit"] in LIMITS
        assert http.get("/sparql", params={"query": "ASK { FILTER(!false) }"}).json()["boolean"] is True
