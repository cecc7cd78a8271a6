"""An HTML page's article text and metadata, for the API's HTML posts and ``ingest``.

trafilatura finds the main text and drops boilerplate, scripts and markup. On top of it:

- ``<noscript>`` blocks are removed first: their text is a notice to people without
  JavaScript ("please enable JavaScript"), never the article; a page with nothing else
  has no article text (422).
- The publication date comes from the page's metadata only (``<meta>``, ``<time>``,
  JSON-LD, the URL), never guessed from the body: htmldate's "extensive search" made
  "in 2019" in a sentence the date 2019-01-01. A metadata date outside the sane range
  (:func:`newsgraph.dates.check_range`) is dropped.
- lxml refuses trees nested more than 255 levels, and trafilatura then sees an empty
  page; the text is then read with the standard library's streaming parser, which has
  no depth limit.
"""

from __future__ import annotations

import html.parser
import re

from .errors import InvalidArticle

# htmldate: metadata, <time> and JSON-LD; no guessing from free text.
DATE_OPTIONS = {"extensive_search": False, "original_date": True}
_NOSCRIPT = re.compile(r"<noscript\b.*?(?:</noscript\s*>|\Z)", re.IGNORECASE | re.DOTALL)
NO_TEXT = "no article text found in the HTML page (only markup, scripts, styles or a <noscript> notice)"


class _TextParser(html.parser.HTMLParser):
    """Visible text of any depth of nesting: a stream of tags, no tree."""

    SKIP = {"script", "style", "noscript", "template", "head", "title", "svg", "nav", "iframe", "object"}
    BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article",
              "blockquote", "pre", "header", "footer", "table", "ul", "ol", "dd", "dt", "figcaption"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag in self.SKIP:
            self.skipping.append(tag)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag) -> None:
        if self.skipping and tag == self.skipping[-1]:
            self.skipping.pop()
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data) -> None:
        if not self.skipping:
            self.parts.append(data)

    def text(self) -> str:
        joined = "".join(self.parts)
        paragraphs = (" ".join(block.split()) for block in re.split(r"\n\s*\n|\n", joined))
        return "\n\n".join(p for p in paragraphs if p)


def plain_text(page: str) -> str:
    """All visible text of ``page``, paragraphs kept, scripts, styles and notices dropped."""
    parser = _TextParser()
    parser.feed(page)
    parser.close()
    return parser.text()


def html_to_text(page: str | bytes) -> tuple[str, dict[str, str | None]]:
    """Main text and metadata (title, url, published, source) of an HTML page.

    Raises :class:`InvalidArticle` when the page holds no article text."""
    import trafilatura
    from trafilatura.utils import decode_file

    from .dates import in_range

    if isinstance(page, (bytes, bytearray)):
        page = decode_file(bytes(page))  # the page's declared or detected encoding
    page = _NOSCRIPT.sub(" ", page)
    text = trafilatura.extract(page, include_comments=False, include_tables=False, favor_precision=True)
    if not text or not text.strip():
        # Short pages and bare fragments ("<p>...</p>") have no main-text block to find:
        # fall back to all visible text (scripts and styles are still dropped).
        document = page if re.search(r"<html[\s>]", page, re.IGNORECASE) else f"<html><body>{page}</body></html>"
        text = trafilatura.baseline(document)[1]
    if not text or not text.strip():
        text = plain_text(page)  # nested deeper than lxml reads
    if not text or not text.strip():
        raise InvalidArticle(NO_TEXT)
    try:
        meta = trafilatura.extract_metadata(page, date_config=DATE_OPTIONS)
    except (ValueError, TypeError):  # a page lxml cannot build a tree of
        meta = None
    published = getattr(meta, "date", None)
    return text, {
        "title": getattr(meta, "title", None),
        "url": getattr(meta, "url", None),
        "published": published if published and in_range(published) else None,
        "source": getattr(meta, "sitename", None),
        "hostname": getattr(meta, "hostname", None),
    }
