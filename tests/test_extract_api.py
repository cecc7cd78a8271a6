import pytest

import newsgraph
from newsgraph.errors import EmptyText, NotUtf8, TextTooLong
from newsgraph.extract import article_id, prepare
from newsgraph.settings import Settings


def test_article_id_ignores_spacing_but_not_words():
    assert article_id("Hello  world.\n") == article_id("Hello world.")
    assert article_id("Hello world.") != article_id("Hello there.")


@pytest.mark.parametrize("text", ["", "   \n\t "])
def test_empty_text_is_refused(text):
    with pytest.raises(EmptyText):
        prepare(text)


def test_text_over_the_limit_is_refused():
    with pytest.raises(TextTooLong, match="limit is 10"):
        prepare("x" * 11, max_chars=10)


def test_bytes_that_are_not_utf8_are_refused():
    with pytest.raises(NotUtf8):
        prepare(b"caf\xe9 au lait")


def test_header_line_gives_date_and_title():
    item = prepare(" date 2025-09-02 Cluster tops ranking\n\nBody text here.")
    assert item.published == "2025-09-02"
    assert item.title == "Cluster tops ranking"


@pytest.mark.model
def test_extract_offsets_slice_to_mention_text():
    text = "Daren Tang, director general of WIPO, said the index matters. Tang added more."
    result = newsgraph.extract(text)
    assert result.article.language == "en"
    for entity in result.entities:
        for mention in entity.mentions:
            assert text[mention.start:mention.end] == mention.text
    tang = [e for e in result.entities if e.name == "Daren Tang"]
    assert tang and len(tang[0].mentions) == 2


@pytest.mark.model
def test_extract_many_keeps_order_and_returns_errors():
    items = ["Angela Merkel visited Paris.", "", {"text": "Apple hired Tim Cook.", "title": "T"}]
    results = list(newsgraph.extract_many(items, errors="return", settings=Settings()))
    assert isinstance(results[1], EmptyText)
    assert any(e.name == "Paris" for e in results[0].entities)
    assert results[2].article.title == "T"


@pytest.mark.parametrize("published", ["2025-09-02", "2025-09-02T10:00:00+00:00", "Tue, 02 Sep 2025 10:00:00 GMT"])
def test_published_dates_in_the_forms_articles_and_feeds_use(published):
    assert prepare("Text.", published=published).published == published


def test_a_bad_published_date_is_refused_before_extraction():
    from newsgraph.errors import InvalidArticle

    with pytest.raises(InvalidArticle, match="not an ISO date"):
        prepare("Text.", published="last Tuesday")
