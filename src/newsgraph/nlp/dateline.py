"""Dateline: "SHENZHEN, Sept. 2 (Xinhua) --" -> place, month, day, agency.

Wire stories open their first paragraph with one; the year comes later from the
publication date (see ``newsgraph.extract``).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from .facts import DatelineFact, doc_text
from .lexicon import WIRE_TERMS

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
# any case: wire desks also file "KINGSTON, march 11 -"
_MONTH = r"(?P<month>(?i:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?)"
_PLACE = r"(?P<place>[A-Z][A-Za-z'’.\- ]{1,40}?(?:\s*,\s*[A-Z][A-Za-z.\- ]{1,30}?)?)"
_AGENCY = r"\(\s*(?P<agency>[A-Za-z][\w .&'’-]{0,40}?)\s*\)"
_DASH = r"\s*(?:--|—|–|-)\s*"
# "PERUGIA, Italy (AP)" on a line of its own, or before "_": the agency's bracket ends it
_UNDASHED = r"(?P<undashed>[ \t]+_[ \t]+|[ \t]*$)"
# Only the start of a paragraph, and only in the first lines of the article.
# "WASHINGTON, March 12, Reuter - ": the agency after the date, without brackets
_AGENCY_AFTER_DATE = r",\s*(?P<named_agency>Reuters?|AP|AFP|UPI)\b"
# "KNIN, 12 Feb (TANJUG) --": the day before the month, as European desks write it
_DAY_FIRST = r"(?P<first_day>\d{1,2})\s+(?P<later_month>(?i:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?)"
# "(Text) SEOUL, May 20 (Yonhap) --": a bracketed editor's note of one word before it
_NOTE = r"(?:\(\s*[A-Z][a-z]+\s*\)[ \t]*)?"
DATELINE = re.compile(
    rf"^[ \t]*{_NOTE}{_PLACE}\s*,?\s+(?:{_MONTH}\s+(?P<day>\d{{1,2}})\s*(?:{_AGENCY_AFTER_DATE})?|{_DAY_FIRST}\s*)?"
    rf"(?:{_AGENCY})?(?:{_DASH}|{_UNDASHED})",
    re.MULTILINE,
)


def find_dateline(text: str, search_chars: int = 600) -> DatelineFact | None:
    for match in DATELINE.finditer(text[:search_chars]):
        place = match.group("place").strip()
        month = match.group("month") or match.group("later_month")
        day = match.group("day") or match.group("first_day")
        agency_group = "agency" if match.group("agency") else "named_agency"
        agency = match.group(agency_group)
        city = place.split(",")[0]  # "SANTA CRUZ, Calif.": the state keeps its own case
        if not (month or agency or _capitals_then_long_dash(city, match)):
            continue  # "Paris -" alone is too weak a signal
        if not (city.isupper() or city.istitle() or agency):
            continue
        if match.group("undashed") is not None and not (agency and city.isupper()):
            continue  # without a dash only "CITY (Agency)": "Jo Bloggs (R)" ends no dateline
        return DatelineFact(
            place=_title_place(place),
            month=_MONTHS[month.lower()[:3]] if month else None,
            day=int(day) if day else None,
            agency=agency.strip() if agency else None,
            end=match.end(),
            place_span=_stripped_span(match, "place"),
            agency_span=_stripped_span(match, agency_group) if agency else None,
        )
    return None


def _capitals_then_long_dash(city: str, match: re.Match) -> bool:
    """"WASHINGTON —" or "SAN JOSE, California --": a city in capitals and a dash longer than a
    hyphen make a dateline without date or agency ("UPDATE-" or "Paris -" do not), as does a city
    in capitals and its region before a spaced hyphen ("DARMSTADT, Germany -")."""
    dash = match.group(0)[match.end("place") - match.start():].strip(" \t,")
    # a spaced hyphen too after the city's region: "DARMSTADT, Germany - A spacecraft ..."
    region = "," in match.group("place") and match.group(0)[match.end("place") - match.start():].startswith(" - ")
    return city.isupper() and len(city.strip()) >= 3 and (dash.startswith(("—", "–", "--")) or region)


def _stripped_span(match: re.Match, group: str) -> tuple[int, int]:
    start, end = match.span(group)
    value = match.group(group)
    return start + len(value) - len(value.lstrip()), end - len(value) + len(value.rstrip())


def _title_place(place: str) -> str:
    """SHENZHEN -> Shenzhen; keeps "Washington, D.C." readable."""
    place = re.sub(r"\s+,", ",", place)
    city, comma, region = place.partition(",")
    # the city's short words too ("ST LOUIS"); the region keeps "U.S." and "N.Y." as written
    city = re.sub(r"\b[A-Z]{2,}\b", lambda m: m.group().capitalize(), city)
    return city + comma + re.sub(r"\b[A-Z]{3,}\b", lambda m: m.group().capitalize(), region)


def dateline_component(doc: Doc) -> Doc:
    """The dateline of the Doc's text, as ``doc._.ng_dateline`` (no model needed)."""
    doc._.ng_dateline = find_dateline(doc_text(doc))
    return doc


class DatelineReader:
    """spaCy component: the dateline, and the names the model ran into it.

    Wire copy puts the body's first words right after the dateline's dash ("OTTAWA, March 4 -
    Bank of Canada Governor ..."), and the model often reads the date and the name after it
    as one date ("March 4 - Bank of Canada"): the story would lose the first body it names.
    Then the model's entity recogniser reads the first sentence again without the dateline,
    and its names replace those that ran across the dash.
    """

    def __init__(self, nlp: Language, name: str):
        self.nlp = nlp
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc = dateline_component(doc)
        dateline = doc._.ng_dateline
        if dateline is not None and "ner" in self.nlp.pipe_names:
            _reread_after(self.nlp, doc, dateline.end)
        return doc


def _reread_after(nlp: Language, doc: Doc, end: int) -> None:
    if not any(e.start_char < end < e.end_char for e in doc.ents):
        return  # the common case: the model stopped at the dash
    text = doc_text(doc)
    first = doc.char_span(end, len(text), alignment_mode="expand")
    if first is None or not len(first):
        return
    # the first sentence (a pipeline without a parser has none: the next 400 characters)
    sentence_end = first[0].sent.end_char if doc.has_annotation("SENT_START") else min(len(text), end + 400)
    body = nlp.make_doc(text[end:sentence_end])
    for name in ("tok2vec", "ner"):
        if name in nlp.pipe_names:
            body = nlp.get_pipe(name)(body)
    found = []
    for e in body.ents:
        if e.text.split()[0].lower() in WIRE_TERMS:
            continue  # "Oper shr 17 cts": a results table's row, not a name
        start = end + e.start_char + (len(e.text) - len(e.text.lstrip("<")))
        stop = end + e.end_char - (len(e.text) - len(e.text.rstrip(">")))  # "<Azuma Steel Co Ltd>": the mark's brackets
        found.append(doc.char_span(start, stop, label=e.label_, alignment_mode="contract"))
    kept = []
    for ent in doc.ents:
        if ent.end_char <= end or ent.start_char >= sentence_end:
            kept.append(ent)
        elif ent.start_char < end:  # "March 4 - Bank of Canada": the date, up to the dash
            date = doc.char_span(ent.start_char, end, label=ent.label_, alignment_mode="contract")
            while date is not None and len(date) and not date[-1].is_alpha and not date[-1].like_num:
                date = doc[date.start:date.end - 1] if len(date) > 1 else None
            if date is not None and len(date):
                kept.append(Span(doc, date.start, date.end, label=ent.label_))
    taken = {i for ent in kept for i in range(ent.start, ent.end)}
    kept += [span for span in found if span is not None and len(span) and not taken.intersection(range(span.start, span.end))]
    doc.set_ents(kept, default="outside")


@Language.factory("newsgraph_dateline", assigns=["doc._.ng_dateline", "doc.ents"])
def make_dateline_reader(nlp: Language, name: str) -> DatelineReader:
    return DatelineReader(nlp, name)
