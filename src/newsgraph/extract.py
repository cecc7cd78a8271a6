"""``extract()``: a news article in, an :class:`Extraction` out.

Pure apart from the spaCy model it loads once per process. No web or CLI imports.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import time
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .dates import out_of_range, parse_date
from .errors import (
    EmptyText,
    ExtractionFailed,
    InvalidArticle,
    NewsgraphError,
    NotUtf8,
    TextTooLong,
    UnsupportedLanguage,
)
from .nlp.model import load_pipeline
from .nlp.pipeline import (
    CHUNK_CHARS,
    DEADLINE_KEY,
    LIMIT_KEY,
    TRACEBACKS_KEY,
    WARNINGS_KEY,
    read_in_pieces,
    run_newsgraph_components,
)
from .schema import Article, ComponentWarning, Dateline, Extraction
from .settings import Settings, declared_defaults

if TYPE_CHECKING:
    from spacy.tokens import Doc


DEFAULT_BATCH_SIZE = 16
_HEADER = re.compile(r"\A[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})\b[ \t]*([^\n]*)")
_METADATA_FIELDS = ("title", "url", "published", "source")


@dataclass
class ArticleInput:
    """A validated article waiting for extraction."""

    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    source: str | None = None
    language: str | None = None  # set by prepare()


_BOM = "\ufeff"


def article_id(text: str) -> str:
    """Stable id of an article: same text (up to Unicode form, spacing and a leading
    byte-order mark), same id."""
    normalised = " ".join(unicodedata.normalize("NFC", text.lstrip(_BOM)).split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


def prepare(text: str | bytes, *, max_chars: int | None = None, **metadata: Any) -> ArticleInput:
    """Validate an article's text and fill metadata a header line provides.

    Raises :class:`NotUtf8`, :class:`EmptyText` or :class:`TextTooLong`.
    """
    if isinstance(text, (bytes, bytearray)):
        try:
            text = bytes(text).decode("utf-8-sig")  # a byte-order mark is not text
        except UnicodeDecodeError as exc:
            raise NotUtf8(f"the article is not valid UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    if not isinstance(text, str):
        raise InvalidArticle(f"the article text must be a string, not {type(text).__name__}")
    text = text.lstrip(_BOM)
    limit = max_chars if max_chars is not None else declared_defaults().max_chars
    if len(text) > limit:
        raise TextTooLong(f"the article has {len(text):,} characters; the limit is {limit:,}")
    if "\x00" in text:
        raise InvalidArticle("the article contains NUL characters, which text never does")
    if not text.strip():
        raise EmptyText("the article text is empty")
    unknown = set(metadata) - set(_METADATA_FIELDS)
    if unknown:
        raise InvalidArticle(f"unknown article fields: {', '.join(sorted(unknown))}")
    item = ArticleInput(text=text, **{k: (str(v) if v is not None else None) for k, v in metadata.items()})
    for name in ("text", *_METADATA_FIELDS):
        _check_encodable(name, getattr(item, name))
    if item.published:
        # Refuse a bad date now, not after the extraction work.
        problem = out_of_range(parse_date(item.published))
        if problem:
            raise InvalidArticle(problem, detail={"field": "published", "value": item.published})
    header = _HEADER.match(text)
    if header:
        if out_of_range(parse_date(header.group(1))) is None:  # else a typo in the header, not a date
            item.published = item.published or header.group(1)
        item.title = item.title or (header.group(2).strip() or None)
    item.language = check_language(text)
    return item


def _check_encodable(name: str, value: str | None) -> None:
    """Refuse text that cannot be written as UTF-8: lone surrogates ("\\ud800" in JSON, a
    string cut inside an emoji) are no characters, and no store or response can hold them."""
    if value is None:
        return
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InvalidArticle(
            f"the field '{name}' holds a lone surrogate (U+{ord(value[exc.start]):04X} at character "
            f"{exc.start}), which is not a character: send the text as valid Unicode",
            detail={"field": name, "position": exc.start},
        ) from None


# Language identification. py3langid's 97 languages include pidgins and regional
# languages that short English news sentences resemble ("Lagos traffic eases": pcm); the
# candidates are cut to languages news is widely written in, and only a confident verdict
# on enough letters refuses an article.
LANGUAGES = ["en", "de", "fr", "es", "it", "pt", "nl", "ru", "uk", "pl", "cs", "sk", "sv", "da", "no", "fi",
             "tr", "ar", "he", "fa", "hi", "bn", "ur", "zh", "ja", "ko", "id", "ms", "vi", "th", "el", "hu",
             "ro", "bg", "sr", "hr"]
SUPPORTED_LANGUAGES = {"en"}
MIN_LETTERS = 40  # fewer letters than this: too little to tell, read as English
MIN_CONFIDENCE = 0.9
_OTHER_SCRIPT = re.compile(r"[^\x00-\u024f]")
_identifier = None


def _language_identifier():
    global _identifier
    if _identifier is None:
        from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

        identifier = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)
        identifier.set_languages(LANGUAGES)
        _identifier = identifier
    return _identifier


# Words of English prose that news in the other candidate languages does not use ("to" and "by"
# are Polish, "was" and "of" Dutch). Where they make up an eighth of the words, as in nine
# English stories in ten, the text is English without asking the identifier, whose verdict
# costs more than the rest of the checks on an article (about 1 ms): on 5,000 Reuters stories
# the identifier said English, never another language, for every story this lets through.
_ENGLISH_WORDS = frozenset(
    ["the", "of", "and", "said", "that", "with", "for", "from", "has", "have", "were", "would", "which", "its"]
)
_WORD = re.compile(r"[a-z]+")


def _reads_as_english(sample: str) -> bool:
    words = _WORD.findall(sample.lower())
    return len(words) >= 20 and words.count("the") >= 2 and sum(w in _ENGLISH_WORDS for w in words) * 8 >= len(words)


def identify_language(text: str) -> tuple[str, float]:
    """The likeliest language (ISO 639-1) and its probability: ("en", 0.0) for Latin-script
    text with too few letters to tell; probability 1 for text mostly in another script."""
    sample = text[:800]  # enough to tell (on 5,000 Reuters stories, the same verdicts as 1,500); cost grows with length
    letters = "".join(filter(str.isalpha, sample))
    # beyond Latin Extended-B (none in ASCII text: the common case, checked in one call)
    other_script = 0 if letters.isascii() else len(_OTHER_SCRIPT.findall(letters))
    if len(letters) >= 8 and other_script * 2 > len(letters):
        # Mostly Cyrillic, Arabic, Han...: not English, however short; the identifier names it.
        language, probability = _language_identifier().classify(sample)
        return (language, 1.0) if language != "en" else ("und", 1.0)
    if len(letters) < MIN_LETTERS:
        return "en", 0.0
    if not other_script and _reads_as_english(sample):
        return "en", 1.0
    language, probability = _language_identifier().classify(sample)
    return language, float(probability)


def detect_language(text: str) -> str:
    """The article's language: English unless another language is clearly identified."""
    language, probability = identify_language(text)
    return language if probability >= MIN_CONFIDENCE else "en"


def check_language(text: str) -> str:
    """The text's language; raises :class:`UnsupportedLanguage` for text clearly in a
    language the English pipeline cannot read (its people and places would be junk)."""
    language, probability = identify_language(text)
    if language not in SUPPORTED_LANGUAGES and probability >= MIN_CONFIDENCE:
        raise UnsupportedLanguage(
            f"the article looks like '{language}' ({probability:.0%} sure); newsgraph reads English news only",
            detail={"language": language, "confidence": round(probability, 3)},
        )
    return "en"


def _resolve_dateline(raw: dict | None, published: str | None) -> Dateline | None:
    if not raw:
        return None
    date = None
    if raw.get("month") and raw.get("day") and published:
        try:
            reference = parse_date(published)
            reference = reference.date() if isinstance(reference, dt.datetime) else reference
            candidate = dt.date(reference.year, raw["month"], raw["day"])
            if candidate > reference + dt.timedelta(days=31):  # "Dec. 31" on a January 2 story
                candidate = candidate.replace(year=reference.year - 1)
            date = candidate.isoformat()
        except (ValueError, OverflowError, InvalidArticle):  # year 9999 + 1, or 1 - 1
            date = None
    return Dateline(place=raw.get("place"), date=date, agency=raw.get("agency"))


_NO_FACTS: dict[str, Any] = {"entities": [], "roles": [], "figures": [], "quotes": [], "relations": [], "dateline": None}


def _to_extraction(item: ArticleInput, doc, language: str) -> Extraction:
    # No facts when the assembling component itself failed: its warning says so.
    facts = doc._.ng_facts or _NO_FACTS
    article = Article(
        id=article_id(item.text),
        title=item.title,
        url=item.url,
        published=item.published,
        source=item.source,
        language=language,
        dateline=_resolve_dateline(facts.get("dateline"), item.published),
    )
    return Extraction(
        article=article,
        entities=facts["entities"],
        roles=facts["roles"],
        figures=facts["figures"],
        quotes=facts["quotes"],
        relations=facts["relations"],
        warnings=[ComponentWarning(**w) for w in doc.user_data.get(WARNINGS_KEY, ())],
    )


def _finish(item: ArticleInput, doc) -> Extraction:
    """The Extraction of a processed Doc; a bug in this last step fails the article clearly."""
    try:
        return _to_extraction(item, doc, item.language or detect_language(item.text))
    except NewsgraphError:
        raise
    except Exception as exc:
        raise ExtractionFailed(f"extraction failed on this article ({type(exc).__name__}: {exc})") from exc


def extract(
    text: str | bytes,
    *,
    title: str | None = None,
    url: str | None = None,
    published: str | None = None,
    source: str | None = None,
    settings: Settings | None = None,
) -> Extraction:
    """Read one article and return what it says as typed facts with provenance.

    A newsgraph component that fails on the article costs only its own facts (listed in
    ``Extraction.warnings``); a failure of the spaCy model raises :class:`ExtractionFailed`.
    Without ``settings`` the declared defaults apply; the environment is not read (pass
    ``Settings()`` to honour ``NEWSGRAPH_*`` variables, as the CLI and the service do).
    """
    settings = settings or declared_defaults()
    item = prepare(text, max_chars=settings.max_chars, title=title, url=url, published=published, source=source)
    return extract_prepared(item, load_pipeline(settings.model, learned=settings.learned_relations),
                            time_limit=settings.extraction_timeout)


def _make_doc(nlp, text: str, time_limit: float | None):
    doc = nlp.make_doc(text)
    if time_limit:
        # The first newsgraph component starts the clock (see nlp.pipeline.Isolated).
        doc.user_data[LIMIT_KEY] = float(time_limit)
    return doc


def extract_document(item: ArticleInput, nlp, *, time_limit: float | None = None) -> tuple[Extraction, list[str]]:
    """:func:`extract_prepared`, plus the tracebacks of the components that failed (for logs)."""
    try:
        if len(item.text) > CHUNK_CHARS:
            # Long: the model reads it in pieces, so its memory stays bounded (see nlp.pipeline).
            started = time.monotonic()
            doc = read_in_pieces(nlp, item.text)
            if time_limit:
                doc.user_data[LIMIT_KEY] = float(time_limit)
                doc.user_data[DEADLINE_KEY] = started + time_limit
            doc = run_newsgraph_components(nlp, doc)
        else:
            doc = nlp(_make_doc(nlp, item.text, time_limit))
    except NewsgraphError:
        raise
    except Exception as exc:
        raise ExtractionFailed(
            f"the spaCy model failed on this article ({type(exc).__name__}: {exc})"
        ) from exc
    return _finish(item, doc), list(doc.user_data.get(TRACEBACKS_KEY, ()))


def extract_prepared(item: ArticleInput, nlp, *, time_limit: float | None = None) -> Extraction:
    """Extract an article :func:`prepare` validated, with a given newsgraph pipeline.

    For callers that keep their own pipeline, such as the service's worker processes.
    Past ``time_limit`` seconds the components still to run are skipped (warnings).
    """
    return extract_document(item, nlp, time_limit=time_limit)[0]


def _as_input(item: str | bytes | dict, max_chars: int) -> ArticleInput:
    if isinstance(item, dict):
        fields = dict(item)
        if "text" not in fields:
            raise InvalidArticle("an article needs a 'text' field")
        return prepare(fields.pop("text"), max_chars=max_chars, **fields)
    return prepare(item, max_chars=max_chars)


def extract_many(
    items: Iterable[str | bytes | dict],
    *,
    n_process: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
    settings: Settings | None = None,
    errors: str = "raise",
) -> Iterator[Extraction | NewsgraphError]:
    """Extract many articles through ``nlp.pipe``; one result per item, in order.

    Items are texts or dicts with ``text`` and the metadata ``extract`` takes. With
    ``errors="return"`` an item that fails (invalid, or the model failed on it) yields
    its :class:`NewsgraphError` instead of stopping the run; the others go on. A
    component that fails on an article costs only its facts (``Extraction.warnings``).
    """
    if errors not in ("raise", "return"):
        raise ValueError("errors must be 'raise' or 'return'")
    settings = settings or declared_defaults()
    nlp = load_pipeline(settings.model, learned=settings.learned_relations)
    limit = settings.extraction_timeout or None
    source = iter(items)
    prepared: list[ArticleInput | NewsgraphError] = []  # every item taken from ``source``, in order
    aside: set[int] = set()  # long articles: read in pieces on their own (bounded memory)

    def valid_docs() -> Iterator[tuple[Doc, int]]:
        for item in source:
            try:
                entry = _as_input(item, settings.max_chars)
            except NewsgraphError as exc:
                if errors == "raise":
                    raise
                prepared.append(exc)
                continue
            prepared.append(entry)
            if len(entry.text) > CHUNK_CHARS:
                aside.add(len(prepared) - 1)
                continue
            yield _make_doc(nlp, entry.text, limit), len(prepared) - 1

    def outside_pipe(position: int) -> Extraction | NewsgraphError:
        """An invalid item's error, or the Extraction of a long article (one set aside)."""
        entry = prepared[position]
        if isinstance(entry, NewsgraphError):
            return entry
        try:
            return extract_prepared(entry, nlp, time_limit=limit)
        except NewsgraphError as exc:
            if errors == "raise":
                raise
            return exc

    def finished(position: int, doc) -> Extraction | NewsgraphError:
        entry = prepared[position]
        assert isinstance(entry, ArticleInput)  # only valid articles go through the pipe
        try:
            return _finish(entry, doc)
        except NewsgraphError as exc:
            if errors == "raise":
                raise
            return exc

    done = 0  # results yielded so far
    while True:
        try:
            for doc, position in nlp.pipe(valid_docs(), as_tuples=True, n_process=n_process, batch_size=batch_size):
                while done < position:  # invalid or long items that came before this one
                    yield outside_pipe(done)
                    done += 1
                yield finished(position, doc)
                done = position + 1
            break
        except NewsgraphError:
            raise  # an invalid item with errors="raise"
        except Exception as exc:
            # The model failed on one of the articles it held; which one is not known. Those
            # taken but not answered yet are extracted again one by one, then the rest goes on.
            if errors == "raise":
                raise ExtractionFailed(
                    f"the spaCy model failed on an article ({type(exc).__name__}: {exc})"
                ) from exc
            while done < len(prepared):
                entry = prepared[done]
                result: Extraction | NewsgraphError
                if isinstance(entry, ArticleInput):
                    try:
                        result = extract_prepared(entry, nlp, time_limit=limit)
                    except NewsgraphError as failure:
                        result = failure
                else:
                    result = entry
                yield result
                done += 1
    while done < len(prepared):
        yield outside_pipe(done)
        done += 1
