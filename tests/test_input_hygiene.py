"""Input hygiene: text and metadata that used to crash, duplicate or mislabel articles.

Model-free where the check happens before extraction (prepare, the HTML reader, settings);
the API tests post through the in-process app with the session's model."""

from __future__ import annotations

import datetime as dt
import sys

import pytest
from api_helpers import settings as app_settings
from fastapi.testclient import TestClient
from pydantic import ValidationError

from newsgraph.api import create_app
from newsgraph.errors import InvalidArticle, UnsupportedLanguage
from newsgraph.extract import _resolve_dateline, article_id, detect_language, prepare
from newsgraph.settings import Settings
from newsgraph.webpage import html_to_text, plain_text

STORY = ("Ruth Okonkwo, head of the Harbour Trust, said on Tuesday that cargo volumes at the "
         "eastern terminal rose 8 percent in the first quarter.")

# --- lone surrogates ----------------------------------------------------------------------


@pytest.mark.parametrize("field", ["text", "title", "url", "source"])
def test_a_lone_surrogate_in_any_field_is_refused_naming_the_field(field):
    values = {"text": STORY, "title": "Cargo up", "url": "https://example.org/c", "source": "Desk"}
    values[field] = values[field][:5] + "\ud83d" + values[field][5:]  # an emoji cut in half
    with pytest.raises(InvalidArticle) as refused:
        prepare(values.pop("text"), **values)
    assert refused.value.detail["field"] == field
    assert f"'{field}'" in refused.value.message and refused.value.status == 422


@pytest.fixture(scope="module")
def http(nlp):
    with TestClient(create_app(app_settings(), nlp=nlp)) as client:
        yield client


def post_json(http, path, raw: str, content_type="application/json"):
    return http.post(path, content=raw.encode("utf-8"), headers={"content-type": content_type})


@pytest.mark.model
@pytest.mark.parametrize("field", ["text", "title", "url", "source"])
def test_lone_surrogates_answer_422_on_every_json_path(http, field):
    fields = {"text": STORY, "title": "Cargo up", "url": "https://example.org/c", "source": "Desk"}
    # JSON's own escape for half a surrogate pair: valid JSON, invalid text.
    members = ", ".join(f'"{k}": "{v[:4]}\\ud800{v[4:]}"' if k == field else f'"{k}": "{v}"' for k, v in fields.items())
    single = "{" + members + "}"
    for path in ("/articles", "/extract"):
        response = post_json(http, path, single)
        assert response.status_code == 422, (path, response.text)
        assert response.json()["error"]["detail"]["field"] == field
    for raw, kind in (("[" + single + "]", "application/json"), (single + "\n", "application/x-ndjson")):
        response = post_json(http, "/articles:batch", raw, kind)
        assert response.status_code < 500, response.text
        (item,) = response.json()["results"]
        assert item["status"] == 422 and item["error"]["detail"]["field"] == field, item


# --- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize("published", ["9999-12-31", "0001-01-01", "1799-12-31",
                                       (dt.date.today() + dt.timedelta(days=3)).isoformat()])
def test_a_published_date_outside_the_sane_range_is_refused(published):
    with pytest.raises(InvalidArticle) as refused:
        prepare("LONDON, Jan. 5 (Reuters) - " + STORY, published=published)
    assert refused.value.detail["field"] == "published"


def test_dates_in_range_pass_and_the_dateline_year_never_overflows():
    assert prepare(STORY, published="1851-09-18").published == "1851-09-18"
    assert prepare(STORY, published=dt.date.today().isoformat()).published
    # The dateline resolver itself no longer raises at the edges of the calendar.
    assert _resolve_dateline({"place": "LONDON", "month": 1, "day": 5}, "9999-12-31").place == "LONDON"
    assert _resolve_dateline({"place": "LONDON", "month": 12, "day": 31}, "0001-01-02").date is None


@pytest.mark.model
def test_the_placeholder_date_with_a_dateline_is_a_422_not_a_500(http):
    response = http.post("/articles", json={"text": "LONDON, Jan. 5 (Reuters) - " + STORY, "published": "9999-12-31"})
    assert response.status_code == 422, response.text
    assert response.json()["error"]["detail"]["field"] == "published"


def test_a_header_date_out_of_range_is_ignored_not_fatal():
    item = prepare("date 9999-12-31 Cargo up\n" + STORY)
    assert item.published is None and item.title == "Cargo up"


# --- byte-order mark ---------------------------------------------------------------------------


def test_a_byte_order_mark_does_not_make_a_second_article():
    plain, marked = prepare(STORY), prepare("\ufeff" + STORY)
    assert marked.text == plain.text
    assert prepare(b"\xef\xbb\xbf" + STORY.encode()).text == plain.text
    assert article_id("\ufeff" + STORY) == article_id(STORY)


@pytest.mark.model
def test_posting_the_same_text_with_a_byte_order_mark_finds_the_stored_article(http):
    text = "Cargo desk. " + STORY
    first = http.post("/articles", content=text.encode(), headers={"content-type": "text/plain"})
    again = http.post("/articles", content=b"\xef\xbb\xbf" + text.encode(), headers={"content-type": "text/plain"})
    assert first.status_code == 201, first.text
    assert again.status_code == 200, again.text
    assert again.json()["id"] == first.json()["article"]["id"]


# --- HTML -------------------------------------------------------------------------------------

BODY = ("<p>" + STORY + "</p><p>The trust said in 2019 that the terminal would need a new crane, "
        "and Okonkwo said the crane arrived in March.</p>")


def test_an_html_date_never_comes_from_the_body_text():
    _, meta = html_to_text(f"<html><head><title>Cargo up</title></head><body><article>{BODY}</article></body></html>")
    assert meta["published"] is None


@pytest.mark.parametrize("head,body_extra,expected", [
    ('<meta property="article:published_time" content="2024-03-05T10:00:00Z">', "", "2024-03-05"),
    ("", '<time datetime="2023-07-08">8 July 2023</time>', "2023-07-08"),
    ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2022-01-02"}</script>', "", "2022-01-02"),
])
def test_an_html_date_comes_from_meta_time_or_json_ld(head, body_extra, expected):
    page = f"<html><head><title>Cargo up</title>{head}</head><body><article>{body_extra}{BODY}</article></body></html>"
    _, meta = html_to_text(page)
    assert meta["published"] == expected


def test_html_nested_deeper_than_lxml_reads_still_gives_its_text():
    depth = 400
    page = "<html><body>" + "<div>" * depth + BODY + "<script>var x = 1;</script>" + "</div>" * depth + "</body></html>"
    text, _ = html_to_text(page)
    assert "Ruth Okonkwo" in text and "new crane" in text and "var x" not in text


def test_a_page_whose_only_text_is_a_noscript_notice_is_refused():
    page = ("<html><head><title>Reader</title><script>load()</script></head><body>"
            "<noscript><p>Please turn on JavaScript in your browser to read this site.</p></noscript>"
            '<div id="root"></div></body></html>')
    with pytest.raises(InvalidArticle, match="noscript"):
        html_to_text(page)
    text, _ = html_to_text(page.replace('<div id="root"></div>', f"<article>{BODY}</article>"))
    assert "JavaScript" not in text and "Ruth Okonkwo" in text


def test_plain_text_keeps_paragraphs_and_drops_scripts_and_styles():
    text = plain_text("<p>One line.</p><style>p{}</style><script>x()</script><div>Two <b>bold</b> words.</div>")
    assert text == "One line.\n\nTwo bold words."


# --- language ------------------------------------------------------------------------------------

SHORT_ENGLISH = [
    "Lagos traffic eases.", "The Emir of Kano spoke.", "Ngozi Okafor won the seat.", "Ada and Obi wed in Abuja.",
    "Manila says the talks go on.", "Bangko Sentral cuts rates.", "Mr Obi said no.", "Shares rose on Monday.",
    "The ferry sails again next week.", "Kofi Mensah, 54, runs the co-op.", "Voters queued from dawn in Lagos.",
    "Rain delayed the final in Colombo.", "Fire crews in Cebu worked all night.", "The club sacked its coach.",
]
FOREIGN = {
    "ru": "В понедельник министр заявил, что переговоры продолжатся в Женеве на следующей неделе.",
    "de": "Der Vorstand teilte am Montag mit, dass die Gespräche in Genf in der nächsten Woche weitergehen.",
    "es": "El ministro dijo el lunes que las conversaciones seguirán en Ginebra la semana que viene.",
    "zh": "部长周一表示，双方的谈判将于下周在日内瓦继续进行，预计会有新的进展和成果公布。",
}


@pytest.mark.parametrize("sentence", SHORT_ENGLISH)
def test_short_english_sentences_are_english(sentence):
    assert detect_language(sentence) == "en"
    assert prepare(sentence).language == "en"


@pytest.mark.parametrize("language", sorted(FOREIGN))
def test_non_english_text_is_refused_with_its_language(language):
    with pytest.raises(UnsupportedLanguage) as refused:
        prepare(FOREIGN[language])
    assert refused.value.detail["language"] == language
    assert refused.value.status == 422 and refused.value.code == "unsupported_language"


@pytest.mark.parametrize("text,language", [("В понедельник в Москве.", "ru"), ("Дождь в Киеве.", None),
                                           ("שלום לכולם בחיפה.", "he")])
def test_a_short_text_in_another_script_is_not_read_as_english(text, language):
    with pytest.raises(UnsupportedLanguage) as refused:
        prepare(text)
    if language:
        assert refused.value.detail["language"] == language


def test_an_english_story_quoting_a_foreign_phrase_is_english():
    assert prepare(STORY + " The sign read 'Bienvenue à Genève'.").language == "en"


# --- settings ------------------------------------------------------------------------------------


def test_max_chars_cannot_exceed_what_the_model_reads(monkeypatch):
    monkeypatch.setenv("NEWSGRAPH_MAX_CHARS", "2000000")
    with pytest.raises(ValidationError, match="E088"):
        Settings()
    with pytest.raises(ValidationError):
        Settings(max_chars=0)
    assert Settings(max_chars=1_000_000).max_chars == 1_000_000


ENGLISH_PARAGRAPH = (
    "The harbour board said on Tuesday that the new ferry would sail from the north pier, and that "
    "fares for the crossing were to stay the same for the rest of the year, with its first trip at dawn."
)


def test_plain_english_prose_needs_no_language_identifier(monkeypatch):
    def no_identifier():
        raise AssertionError("the identifier was asked")

    monkeypatch.setattr(sys.modules["newsgraph.extract"], "_language_identifier", no_identifier)
    assert prepare(ENGLISH_PARAGRAPH).language == "en"


def test_dutch_prose_with_words_english_shares_is_still_refused():
    dutch = ("De minister zei maandag dat de gesprekken in Genève volgende week worden voortgezet, of dat "
             "was in elk geval het plan van de regering, die het overleg in de zomer is begonnen.")
    with pytest.raises(UnsupportedLanguage) as refused:
        prepare(dutch)
    assert refused.value.detail["language"] == "nl"
