"""newsgraph.readers: one way to read articles from text, HTML, JSON, JSON Lines and folders,
shared by the service, `newsgraph ingest` and `serve --load` (issue 16)."""

from __future__ import annotations

import json

import pytest
from starlette.requests import Request

from newsgraph.api.articles import read_article
from newsgraph.errors import InvalidArticle
from newsgraph.readers import (
    ReadFailure,
    SourceItem,
    article_fields,
    find_files,
    html_fields,
    json_lines,
    read_sources,
)

BODY = (
    "Harbour authorities in Valparaiso said on Tuesday that container traffic rose 6 percent "
    "in the third quarter, helped by new cranes at the southern terminal. "
) * 3
PAGE = f"""<html><head><title>Port traffic rises</title>
<meta property="og:site_name" content="Coastal Ledger">
<meta property="article:published_time" content="2025-10-07T09:00:00Z">
</head><body><nav>Home | World | Sport</nav><article><h1>Port traffic rises</h1><p>{BODY}</p></article>
<footer>Copyright</footer></body></html>"""


def test_a_json_article_ignores_unknown_keys_and_reads_date_as_published():
    fields = article_fields({"text": "Body.", "title": "T", "date": "2025-01-02", "id": 7, "author": "A. B."})
    assert fields == {"text": "Body.", "title": "T", "published": "2025-01-02"}
    assert article_fields({"text": "Body.", "published": "2025-03-04", "date": "2025-01-02"})["published"] == "2025-03-04"


@pytest.mark.parametrize("value", [["x"], {"title": "no text"}, {"text": 5}, {"text": "x", "url": 3}])
def test_a_json_value_that_is_no_article_is_a_clear_error(value):
    with pytest.raises(InvalidArticle) as error:
        article_fields(value)
    assert error.value.status == 422 and error.value.detail
    assert all(set(problem) == {"loc", "msg", "type"} for problem in error.value.detail)


def test_json_lines_give_one_result_per_line_and_bad_lines_fail_alone():
    text = "\n".join([json.dumps({"text": "One."}), "{broken", "", json.dumps({"title": "no text"}), json.dumps({"text": "Two."})])
    results = list(json_lines(text, "feed.jsonl"))
    assert [type(r) for r in results] == [SourceItem, ReadFailure, ReadFailure, SourceItem]
    assert [r.source for r in results] == ["feed.jsonl:1", "feed.jsonl:2", "feed.jsonl:4", "feed.jsonl:5"]
    assert results[1].exception is None and "not valid JSON" in results[1].error
    assert isinstance(results[2].exception, InvalidArticle)


def test_folders_are_read_recursively_without_gold_files_or_hidden_files(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("Article A.")
    (tmp_path / "a.gold.json").write_text(json.dumps({"people": []}))
    (tmp_path / "sub" / "b.json").write_text(json.dumps([{"text": "B1."}, {"text": "B2."}]))
    (tmp_path / "sub" / "c.ndjson").write_text(json.dumps({"text": "C."}) + "\n")
    (tmp_path / "sub" / "notes.md").write_text("not an article")
    (tmp_path / ".hidden.txt").write_text("editor backup")
    found = [p.relative_to(tmp_path).as_posix() for p in find_files([tmp_path])]
    assert found == ["a.txt", "sub/b.json", "sub/c.ndjson"]
    sources = [item.source.replace(str(tmp_path) + "/", "") for item in read_sources([tmp_path])]
    assert sources == ["a.txt", "sub/b.json[0]", "sub/b.json[1]", "sub/c.ndjson:1"]


def test_html_metadata_comes_from_the_page_and_source_falls_back_to_the_host():
    fields = html_fields(PAGE)
    assert fields["title"] == "Port traffic rises"
    assert fields["published"].startswith("2025-10-07")
    assert fields["source"] == "Coastal Ledger"
    assert "container traffic rose 6 percent" in fields["text"] and "Copyright" not in fields["text"]
    hosted = PAGE.replace('<meta property="og:site_name" content="Coastal Ledger">',
                          '<link rel="canonical" href="https://ledger.example.org/port">')
    assert html_fields(hosted)["source"] == "ledger.example.org"


def _html_request() -> Request:
    return Request({"type": "http", "method": "POST", "path": "/articles", "query_string": b"",
                    "headers": [(b"content-type", b"text/html; charset=utf-8")]})


def test_the_service_and_ingest_read_the_same_page_to_the_same_article(tmp_path):
    page = tmp_path / "port.html"
    page.write_text(PAGE, encoding="utf-8")
    [from_file] = list(read_sources([page]))
    posted = read_article(_html_request(), PAGE.encode("utf-8"), 1_000_000)
    assert posted.text == from_file.fields["text"]
    for name in ("title", "published", "source", "url"):
        assert getattr(posted, name) == from_file.fields.get(name), name
