"""A component that raises costs its facts, not the article, on every path; only a failure
of the spaCy model fails an article, with a clear error. Failures are injected into the
session's pipeline (the same object the library, the CLI and the in-thread service use)."""

from __future__ import annotations

import json
import logging
import time

import pytest
from api_helpers import assert_error, client, fresh_store, settings
from spacy.language import Language
from typer.testing import CliRunner

from newsgraph import extract_many
from newsgraph.errors import ExtractionFailed
from newsgraph.extract import extract, extract_prepared, prepare
from newsgraph.settings import Settings
from newsgraph.store import open_store

pytestmark = pytest.mark.model

TEXT = (
    "Marta Kowalski, chief executive of Baltic Grain Co, said on Tuesday that exports rose 12 percent "
    "to 4.5 million tonnes.\n\nThe company, based in Gdansk, will hire 300 workers, Kowalski said."
)
OTHER = "Jonas Berg, mayor of Uppsala, opened a bridge on Monday. The bridge cost 40 million crowns."
MODEL_BREAKER = "BREAKMODEL"  # a text holding this makes the injected model component raise


class Injected(RuntimeError):
    pass


def _raise(doc):
    raise Injected("injected failure")


@Language.component("test_failing_model_part")
def _failing_model_part(doc):
    if MODEL_BREAKER in doc.text:
        raise ValueError("the model part failed")
    return doc


@pytest.fixture
def broken_figures(nlp, monkeypatch):
    """The figures component raises on every article."""
    monkeypatch.setattr(nlp.get_pipe("newsgraph_figures"), "component", _raise)
    return nlp


@pytest.fixture
def broken_model(nlp):
    """A part of the model (not a newsgraph component) raises on texts holding MODEL_BREAKER."""
    nlp.add_pipe("test_failing_model_part", before="newsgraph_paragraphs")
    yield nlp
    nlp.remove_pipe("test_failing_model_part")


def _figures_warning(warnings) -> None:
    assert [(w["component"], w["error"]) for w in warnings] == [("figures", "Injected: injected failure")]


# --- library -----------------------------------------------------------------------------


def test_a_failing_component_costs_its_facts_not_the_article(broken_figures):
    result = extract(TEXT)
    _figures_warning([w.model_dump() for w in result.warnings])
    assert result.figures == []
    names = {entity.name for entity in result.entities}
    assert "Marta Kowalski" in names and result.roles  # the other components ran
    assert json.loads(result.model_dump_json())["warnings"][0]["component"] == "figures"


def test_without_failures_there_are_no_warnings(nlp):
    result = extract(TEXT)
    assert result.warnings == [] and result.figures


def test_a_failure_of_the_model_itself_fails_the_article_clearly(broken_model):
    with pytest.raises(ExtractionFailed, match=r"spaCy model failed on this article .*ValueError"):
        extract(f"{OTHER} {MODEL_BREAKER}")


def test_extract_many_returns_per_item_errors_and_goes_on(broken_model):
    items = [TEXT, f"{OTHER} {MODEL_BREAKER}", "", OTHER, {"text": TEXT + " Again."}]
    results = list(extract_many(items, batch_size=2, errors="return"))
    assert len(results) == 5
    assert isinstance(results[1], ExtractionFailed) and results[1].status == 422
    assert results[2].code == "empty_text"
    for index in (0, 3, 4):
        assert results[index].entities, index
    assert results[4].article.id != results[0].article.id


def test_extract_many_raises_the_clear_error_by_default(broken_model):
    with pytest.raises(ExtractionFailed):
        list(extract_many([OTHER, f"{OTHER} {MODEL_BREAKER}"]))


def test_extract_many_carries_component_warnings(broken_figures):
    results = list(extract_many([TEXT, OTHER], errors="return"))
    for result in results:
        _figures_warning([w.model_dump() for w in result.warnings])


def test_past_the_time_limit_the_remaining_components_are_skipped(nlp, monkeypatch):
    figures = nlp.get_pipe("newsgraph_figures")
    inner = figures.component

    def slow(doc):
        time.sleep(0.3)
        return inner(doc)

    monkeypatch.setattr(figures, "component", slow)
    result = extract_prepared(prepare(TEXT), nlp, time_limit=0.2)
    skipped = [w.component for w in result.warnings]
    assert skipped == ["roles", "quotes", "relations", "learned_relations"]
    assert all("time limit (0.2 s)" in w.error for w in result.warnings)
    assert result.entities and result.figures and not result.roles  # what ran before is kept


# --- CLI ---------------------------------------------------------------------------------

runner = CliRunner()


def test_cli_extract_prints_one_warning_line_and_the_json(broken_figures, tmp_path):
    from newsgraph.cli import app

    article = tmp_path / "a.txt"
    article.write_text(TEXT)
    result = runner.invoke(app, ["extract", str(article)])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stderr.splitlines() if line]
    assert len(lines) == 1 and lines[0].startswith("warning: component figures failed")
    data = json.loads(result.stdout)
    assert data["warnings"] == [{"component": "figures", "error": "Injected: injected failure"}]
    assert data["entities"]


def test_cli_extract_reports_a_model_failure_as_an_error(broken_model, tmp_path):
    from newsgraph.cli import main

    article = tmp_path / "a.txt"
    article.write_text(f"{OTHER} {MODEL_BREAKER}")
    import sys

    argv = sys.argv
    sys.argv = ["newsgraph", "extract", str(article)]
    try:
        with pytest.raises(SystemExit) as exited:
            main()
    finally:
        sys.argv = argv
    assert exited.value.code == 1


@pytest.fixture
def articles(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT)
    (folder / "b.txt").write_text(f"{OTHER} {MODEL_BREAKER}")
    (folder / "c.txt").write_text(OTHER)
    (folder / "d.txt").write_bytes(b"caf\xe9")  # not UTF-8
    return folder


def test_ingest_goes_on_past_failing_articles_and_counts_right(broken_model, broken_figures, articles, tmp_path):
    from newsgraph.cli import app

    spec = f"oxigraph:{tmp_path / 'db'}"
    result = runner.invoke(app, ["ingest", str(articles), "--store", spec, "--no-progress"])
    assert result.exit_code == 1  # some article failed
    assert "articles: 4 (2 stored, 2 of them without some facts (warnings above), 0 already stored, 2 failed)" \
        in result.stdout
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 2 and all("component figures failed" in line for line in warnings)
    assert "b.txt: the spaCy model failed on this article" in result.stdout
    with open_store(Settings(), spec=spec) as store:
        assert len(store.article_ids()) == 2


def test_serve_load_stores_the_rest_and_reports_each_failure(broken_model, broken_figures, articles, capsys):
    from newsgraph.cli.serve_cmd import load_articles

    store = open_store(Settings(), spec="memory")
    summary = load_articles([articles], store, Settings())
    assert (summary.stored, summary.failed, summary.warned) == (2, 2, 2)
    assert len(store.article_ids()) == 2
    err = capsys.readouterr().err
    assert err.count("failed: ") == 2 and err.count("component figures failed") == 2


# --- HTTP service (extraction in threads, the session's pipeline) ------------------------


@pytest.fixture
def api(nlp):
    s = settings()
    return client(s, store=fresh_store(s), nlp=nlp)


def test_post_article_stores_it_and_answers_201_with_the_warnings(broken_figures, api, caplog):
    with caplog.at_level(logging.WARNING, logger="newsgraph.api.deps"):
        response = api.post("/articles", json={"text": TEXT})
    assert response.status_code == 201, response.text
    body = response.json()
    _figures_warning(body["warnings"])
    assert body["figures"] == [] and body["entities"]
    assert api.get(f"/articles/{body['article']['id']}").status_code == 200
    logged = [r for r in caplog.records if "component figures failed" in r.getMessage()]
    assert len(logged) == 1 and "Traceback" in logged[0].getMessage()


def test_post_article_the_model_fails_on_is_a_clear_422_and_not_stored(broken_model, api):
    response = api.post("/articles", json={"text": f"{OTHER} {MODEL_BREAKER}"})
    error = assert_error(response, 422, "extraction_failed")
    assert "spaCy model failed" in error["message"]
    assert api.get("/articles").json()["total"] == 0


def test_dry_run_extract_answers_with_the_warnings(broken_figures, api):
    response = api.post("/extract", json={"text": TEXT})
    assert response.status_code == 200, response.text
    _figures_warning(response.json()["extraction"]["warnings"])


@pytest.mark.parametrize("kind", ["json", "ndjson"])
def test_batch_answers_per_article_and_stores_what_it_says(broken_model, broken_figures, api, kind):
    articles = [{"text": TEXT}, {"text": f"{OTHER} {MODEL_BREAKER}"}, {"text": "  "}, {"text": OTHER},
                {"text": TEXT}]
    if kind == "json":
        response = api.post("/articles:batch", json=articles)
    else:
        lines = "\n".join(json.dumps(a) for a in articles) + "\n{broken\n"
        response = api.post("/articles:batch", content=lines, headers={"content-type": "application/x-ndjson"})
    assert response.status_code == 200, response.text
    body = response.json()
    statuses = [r["status"] for r in body["results"]]
    assert statuses == [201, 422, 422, 201, 200] + ([400] if kind == "ndjson" else [])
    assert body["results"][1]["error"]["code"] == "extraction_failed"
    _figures_warning(body["results"][0]["warnings"])
    assert (body["created"], body["existing"]) == (2, 1)
    stored = {item["id"] for item in api.get("/articles").json()["items"]}
    assert stored == {r["id"] for r in body["results"] if r["status"] == 201}


def test_warnings_and_tracebacks_cross_from_a_worker_process(broken_figures):
    import pickle

    from api_helpers import BASE

    from newsgraph.workers import extract_with

    extracted = pickle.loads(pickle.dumps(extract_with(broken_figures, prepare(TEXT), BASE)))
    _figures_warning(extracted.warnings)
    _figures_warning(json.loads(extracted.json)["warnings"])
    (trace,) = extracted.tracebacks
    assert trace.startswith("Traceback") and "Injected: injected failure" in trace


def test_a_model_failure_crosses_from_a_worker_process_as_the_clear_error(broken_model):
    import pickle

    error = None
    try:
        extract_prepared(prepare(f"{OTHER} {MODEL_BREAKER}"), broken_model)
    except ExtractionFailed as exc:
        error = pickle.loads(pickle.dumps(exc))
    assert isinstance(error, ExtractionFailed) and error.status == 422 and "ValueError" in error.message
