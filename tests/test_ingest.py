"""Reading articles from files and folders, and ingesting them into a store."""

from __future__ import annotations

import json

import pytest

from newsgraph.ingest import ingest
from newsgraph.readers import ReadFailure, SourceItem, read_sources
from newsgraph.settings import Settings
from newsgraph.store import open_store

HTML = (
    "<html><head><title>Ferry service resumes on the northern route</title>"
    '<meta name="date" content="2025-10-01"></head><body><article>'
    "<h1>Ferry service resumes on the northern route</h1>"
    "<p>The regional transport office in Bergen said on Wednesday that ferries on the northern route "
    "would sail again from Friday after repairs to the pier were finished ahead of schedule.</p>"
    "<p>Ingrid Solberg, head of the office, said the crossings would run every two hours.</p>"
    "</article></body></html>"
)


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "nested").mkdir()
    (tmp_path / "one.txt").write_text("Anna Berg, mayor of Lund, opened the new library on Monday.")
    (tmp_path / "two.json").write_text(json.dumps(
        {"title": "Bridge", "text": "Tom Hale of Norbridge said the bridge will open in May.",
         "url": "https://news.example/bridge", "published": "2025-04-02"}))
    (tmp_path / "nested" / "three.jsonl").write_text(
        json.dumps({"text": "The council in Cork approved the budget.", "title": "Budget"}) + "\n"
        + "{not json\n"
        + json.dumps({"title": "no text here"}) + "\n"
    )
    (tmp_path / "nested" / "four.html").write_text(HTML)
    (tmp_path / "bad.txt").write_bytes(b"caf\xe9 au lait")
    (tmp_path / "ignored.csv").write_text("a,b\n")
    return tmp_path


def test_read_sources_reads_every_kind_and_reports_bad_input(folder):
    found = list(read_sources([folder, folder / "missing.txt"]))
    items = {f.source.replace(str(folder) + "/", ""): f for f in found}
    assert isinstance(items["one.txt"], SourceItem)
    assert items["two.json"].fields["title"] == "Bridge" and items["two.json"].fields["published"] == "2025-04-02"
    assert items["nested/three.jsonl:1"].fields["title"] == "Budget"
    assert isinstance(items["nested/three.jsonl:2"], ReadFailure) and "not valid JSON" in items["nested/three.jsonl:2"].error
    assert isinstance(items["nested/three.jsonl:3"], ReadFailure) and "'text'" in items["nested/three.jsonl:3"].error
    html = items["nested/four.html"].fields
    assert html["title"] == "Ferry service resumes on the northern route"
    assert html["published"] == "2025-10-01" and "Ingrid Solberg" in html["text"]
    assert not any("ignored.csv" in source for source in items)
    missing = [f for f in found if f.source.endswith("missing.txt")]
    assert isinstance(missing[0], ReadFailure) and "no such file" in missing[0].error


def test_json_list_gives_one_article_per_entry(tmp_path):
    path = tmp_path / "many.json"
    path.write_text(json.dumps([{"text": "First."}, {"text": "Second."}, 7]))
    found = list(read_sources([path]))
    assert [type(f).__name__ for f in found] == ["SourceItem", "SourceItem", "ReadFailure"]
    assert found[1].source.endswith("many.json[1]")


def test_broken_json_file_is_a_failure_not_a_crash(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{\"text\": ")
    (failure,) = read_sources([path])
    assert isinstance(failure, ReadFailure) and "not valid JSON" in failure.error


@pytest.mark.model
def test_ingest_stores_articles_skips_known_ones_and_reports_failures(folder):
    store = open_store(Settings(), spec="memory")
    seen = []
    summary = ingest(store, read_sources([folder]), on_outcome=seen.append)
    assert summary.stored == 4  # one.txt, two.json, three.jsonl:1, four.html
    assert summary.failed == 3  # bad UTF-8, broken JSON line, line without text
    assert len(seen) == summary.articles == 7
    assert {f.source.rsplit("/", 1)[-1] for f in summary.failures} == {"bad.txt", "three.jsonl:2", "three.jsonl:3"}
    assert any("UTF-8" in f.error for f in summary.failures)
    assert summary.entities > 0 and summary.triples == store.stats().triples
    assert len(store.article_ids()) == 4
    stored = {o.article_id for o in seen if o.status == "stored"}
    assert stored == store.article_ids()

    again = ingest(store, read_sources([folder]))
    assert again.stored == 0 and again.skipped == 4 and again.failed == 3

    replaced = ingest(store, read_sources([folder]), replace=True)
    assert replaced.stored == 4 and replaced.skipped == 0
    assert store.stats().triples == summary.triples  # replaced, not duplicated


@pytest.mark.model
def test_same_text_twice_in_one_run_is_stored_once(tmp_path):
    (tmp_path / "a.txt").write_text("Anna Berg, mayor of Lund, opened the library.")
    (tmp_path / "b.txt").write_text("Anna  Berg, mayor of Lund, opened the library.\n")
    store = open_store(Settings(), spec="memory")
    summary = ingest(store, read_sources([tmp_path]))
    assert summary.stored == 1 and summary.skipped == 1


class BrokenStore:
    """A store whose writes fail, as an unreachable remote store's would."""

    def __init__(self):
        self.inner = open_store(Settings(), spec="memory")

    def add_articles(self, articles, *, replace=True):
        list(articles)
        from newsgraph.errors import StoreError

        raise StoreError("the remote store failed (503): overloaded")

    def __getattr__(self, name):
        return getattr(self.inner, name)


@pytest.mark.model
@pytest.mark.parametrize("background", [True, False])
def test_a_failing_store_turns_into_per_article_failures(folder, background):
    summary = ingest(BrokenStore(), read_sources([folder / "one.txt", folder / "two.json"]), background=background)
    assert summary.stored == 0 and summary.failed == 2
    assert all("overloaded" in f.error for f in summary.failures)
    assert summary.triples == 0
