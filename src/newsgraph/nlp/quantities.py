"""Read a written figure: "about 31.46 billion U.S. dollars" -> 31460000000, USD, approximately.

Pure string functions, no spaCy: the figures component finds the spans, this
module says what they are worth.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from text_to_num import text2num

from .lexicon import (
    CURRENCY_PLURALS,
    CURRENCY_WORDS,
    DOLLAR_COUNTRIES,
    FRACTIONS,
    NATIONAL_CURRENCIES,
    QUALIFIERS,
    SCALES,
    TIME_UNITS,
    UNIT_WORDS,
)


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str
    qualifier: str | None = None


_SYMBOL = re.compile(r"(nz\$|au\$|a\$|ca\$|c\$|hk\$|s\$|nt\$|us\$|r\$|j\$|fj\$|\$|€|£|¥|₹|₩|₽|₺|₦|gh₵|₵|"
                     r"(?:rs|rp|rm|ksh)\.?(?=\s*\d))")
# Currency signs that may stand apart from the number they mark: "$ 50,000", "Rs 8,400 crore",
# "Rp 1.9 trillion" (rupiah), "RM 50 million" (ringgit), "KSh 2 billion" (Kenyan shillings)
PREFIX_SIGNS = {"rs", "rp", "rm", "ksh", "$", "€", "£", "¥", "₹", "us$", "nz$", "hk$", "a$", "fj$", "gh₵", "₵"}
_NUMBER = re.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?"
    # the top of a range before its scale: "15-20 mln", "between 15 and 20 mln" are 15 mln
    r"(?:\s*(?:-|to|and)\s*\d[\d,]*(?:\.\d+)?(?=\s*-?\s*(?:thousand|million|billion|trillion|bn|mn|mln|bln|tn|trn)))?"
    r"(?:\s*-?\s*(thousands?|millions?|billions?|trillions?|bn|mn|mln|bln|tn|trn|lakhs?|crores?|[mkb])\b)?"
)
_WORD_NUMBERS = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    "hundred", "thousand", "million", "billion", "trillion", "and",
}
_SMALL = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
          "seven": 7, "eight": 8, "nine": 9, "ten": 10}
# Wire-copy abbreviations (Reuters: "15 mln dlrs", "20 mln stg") and units written in two words
_CURRENCIES = {**CURRENCY_WORDS, "dlr": "USD", "dlrs": "USD", "stg": "GBP"}
_AREA = re.compile(r"\b(?:square|sq\.?)\s*(kilomet(?:re|er)s?|km|met(?:re|er)s?|m|miles?|mi|feet|foot|ft)\b")
_AREA_UNITS = {"kilometre": "km2", "kilometer": "km2", "km": "km2", "metre": "m2", "meter": "m2", "m": "m2",
               "mile": "mi2", "mi": "mi2", "feet": "ft2", "foot": "ft2", "ft": "ft2"}
_FOLD = re.compile(r"\d\s*-?\s*fold\b|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand)"
                   r"\s*-?\s*fold\b")
# "1,010 per dollar", "110 yen to the dollar": an exchange rate counts the other currency, so the
# currency after these words is not the amount's own
_PER_CURRENCY = re.compile(
    r"\s+(?:per|a|an|to\s+the|against\s+the|for\s+each|for\s+one)\s+(?P<currency>(?:(?:u\.s\.|us|american)\s+)?(?:"
    + "|".join(re.escape(w) for w in sorted(_CURRENCIES, key=len, reverse=True) if w.isalpha() and len(w) > 2)
    + r"))\b.*$"
)
# "50 basis points", "1.5 percentage points": a change in a rate, not a count of points
_RATE_POINTS = re.compile(r"\b(basis|percentage)[ -]points?\b")
# A currency's hundredths ("12 cts a share", "20 euro cents"), and "per cent", which is no cents
_CENTS_AFTER = r"(?:cts|cents?)\b"
_CENTS = r"\b" + _CENTS_AFTER
_PER_CENT = r"\bper ?cent\b"
# "175 kilometres per hour", "210 km/h", "35 miles an hour": a speed, in the units news gives
_SPEED = re.compile(r"\b(?:(?P<km>km|kilomet(?:re|er)s?)\s*(?:/\s*h(?:r|our)?\b|(?:per|an)\s+hour\b)|"
                    r"(?P<miles>miles?)\s+(?:per|an)\s+hour\b)")
# "micrograms", "nanograms", "kilolitres": a metric prefix on a unit word
_METRIC_PREFIX = re.compile(r"^(?:micro|nano|pico|milli|centi|kilo|mega|giga|tera)(?=[a-z]{3})")
# "micrograms per cubic metre", "kilometres per hour": a rate, said in its own words
_PER_UNIT = re.compile(r"\b([a-z]+)\s+per\s+((?:cubic\s+|square\s+)?[a-z]+)\b")
_ONE_IN = re.compile(r"^(\w+)\s+(?:in|out of)\s+(\w+)$")
_QUALIFIER_PATTERN = re.compile(
    r"^(" + "|".join(sorted((re.escape(q) for q in QUALIFIERS), key=len, reverse=True)) + r")\b\s*"
)


def split_qualifier(text: str) -> tuple[str | None, str]:
    """("about", "31 dollars") -> ("approximately", "31 dollars")."""
    match = _QUALIFIER_PATTERN.match(text)
    if not match:
        return None, text
    return QUALIFIERS[match.group(1)], text[match.end():]


def is_written_amount(text: str) -> bool:
    """"Rp 172.9", "Rs 4 billion", "$5bn": text that opens with a currency sign and a number (which the
    model may read as a name)."""
    lowered = text.lower()
    sign = _SYMBOL.match(lowered)
    return sign is not None and re.match(r"\s?\d", lowered[sign.end():]) is not None


def currency_of(text: str) -> str | None:
    """ISO 4217 code named by a written amount, or None."""
    lowered = _PER_CURRENCY.sub("", text.lower())
    symbol = _SYMBOL.search(lowered)
    if symbol:
        code = _CURRENCIES.get(symbol.group(1).rstrip("."), "USD")
        if code != "USD":
            return code
        return _dollar_country(lowered, r"\$") or code  # "Australian $5bn"
    words = [w.strip(".") for w in re.findall(r"(?:[^\W\d_]|\.)+", lowered)]  # any letters: "złoty"
    for position, word in enumerate(words):
        base = CURRENCY_PLURALS.get(word, word[:-1] if word.endswith("s") and word[:-1] in NATIONAL_CURRENCIES else word)
        if base in NATIONAL_CURRENCIES:
            before = " " + " ".join(words[max(0, position - 2):position])
            for nationality, code in NATIONAL_CURRENCIES[base].items():
                if before.endswith(" " + nationality.strip(".")):
                    return code  # "3.5 billion French francs", "two bln Swedish crowns", "Canadian dlrs"
            if base == "dollar":
                return "USD"
        if word in _CURRENCIES and len(word) > 1:
            return _CURRENCIES[word]
    return None


def rate_against(text: str) -> str | None:
    """"around 1,010 per dollar": the currency an exchange rate is counted against (USD), or None."""
    match = _PER_CURRENCY.search(text.lower())
    return currency_of(match.group("currency")) if match else None


def unmarked_currency(text: str) -> str | None:
    """The currency word a written amount uses without saying whose ("$5bn", "3 million pesos": "dollar",
    "peso"), when several countries use that word; None when the amount says whose ("C$5bn",
    "Chilean pesos", "U.S. dollars") or names a currency only one country has."""
    lowered = _PER_CURRENCY.sub("", text.lower())
    symbol = _SYMBOL.search(lowered)
    if symbol:
        if symbol.group(1).startswith("rs"):
            return "rupee"  # "Rs 4 billion": India's, Pakistan's, Sri Lanka's, as the story says
        return "dollar" if symbol.group(1) == "$" and _dollar_country(lowered, r"\$") is None else None
    if re.search(_CENTS, lowered) and not re.search(_PER_CENT, lowered) and \
            currency_of(text) is None and _dollar_country(lowered, _CENTS_AFTER) is None:
        return "dollar"  # "12 cents a litre": a dollar's cents, whose dollar the story says
    words = [w.strip(".") for w in re.findall(r"(?:[^\W\d_]|\.)+", lowered)]
    for position, word in enumerate(words):
        base = CURRENCY_PLURALS.get(word, word[:-1] if word.endswith("s") and word[:-1] in NATIONAL_CURRENCIES else word)
        if base in NATIONAL_CURRENCIES:
            before = " " + " ".join(words[max(0, position - 2):position])
            if any(before.endswith(" " + nationality.strip(".")) for nationality in NATIONAL_CURRENCIES[base]):
                return None
            return base
    return None


def local_currency(base: str, home: str | None) -> str | None:
    """The code of a country's own currency called by the shared word ``base`` ("peso", "dollar"), when
    ``home`` (the code of the country a story is set in) is one of the currencies of that name."""
    if home is None or base not in NATIONAL_CURRENCIES:
        return None
    return home if home in NATIONAL_CURRENCIES[base].values() else None


def _dollar_country(lowered: str, after: str) -> str | None:
    """The dollar a country word before ``after`` (a pattern: "$", "cts") picks: "Australian $5bn"."""
    for country, code in DOLLAR_COUNTRIES.items():
        if re.search(rf"\b{re.escape(country)}\s*{after}", lowered):
            return code
    return None


_MIXED_FRACTION = re.compile(r"(?<![\w.])(?:(\d+)[- ])?(\d{1,2})/(\d{1,2})(?![\w/])")


def _digits_value(text: str) -> float | None:
    mixed = _MIXED_FRACTION.search(text)
    if mixed and not re.search(r"\d\s*/\s*\d+\s*/", text):  # "1-1/8 pct", "3/4", not a date "3/4/87"
        whole, numerator, denominator = mixed.groups()
        if int(denominator):
            return (int(whole) if whole else 0) + int(numerator) / int(denominator)
    match = _NUMBER.search(text.lower())
    if not match:
        return None
    whole, fraction, scale = match.groups()
    value = float(whole.replace(",", "") + ("." + fraction if fraction else ""))
    if scale:
        value *= SCALES.get(scale, SCALES.get(scale.rstrip("s"), 1))
    return value


_NOT_COUNTS = {"some", "many", "several", "few", "all", "every", "each", "the", "this", "that", "last", "next"}


def _words_value(text: str) -> tuple[float, bool] | None:
    """Value of number words; the flag says whether it is a fraction ("a quarter")."""
    words = re.findall(r"[a-z]+", text.lower().replace("-", " "))
    for position, word in enumerate(words):
        if word in FRACTIONS:
            count = 1.0
            if position > 0 and words[position - 1] in _SMALL:
                count = _SMALL[words[position - 1]]
            elif word.endswith("s") or (position > 0 and words[position - 1] in _NOT_COUNTS):
                return None  # "in some quarters", "many thirds": no number of them
            return count * FRACTIONS[word], True
    number_words = [w for w in words if w in _WORD_NUMBERS or w in SCALES]
    if not number_words or number_words == ["and"]:
        return None
    while number_words and number_words[0] == "and":
        number_words.pop(0)
    try:
        value = float(text2num(" ".join(w for w in number_words if w in _WORD_NUMBERS), "en"))
    except (ValueError, IndexError):
        if number_words[0] == "dozen":
            return 12.0, False
        return None
    for word in number_words:
        if word not in _WORD_NUMBERS and SCALES.get(word, 1) > 1:
            value *= SCALES[word]  # "one mln", "two bn": wire scales text2num does not read
    return value, False


@lru_cache(maxsize=4096)  # pure, and asked again for the same span text (span_unit, _restates)
def parse_quantity(text: str) -> Quantity | None:
    """What a written figure is worth, or None when it holds no number."""
    cleaned = " ".join(text.replace("\u2013", "-").replace("\u2014", "-").split())
    qualifier, rest = split_qualifier(cleaned.lower())
    lowered = rest.lower()
    share = _ONE_IN.match(lowered)
    if share:  # "one in three (visits)": a proportion
        part, whole = (_digits_value(w) or (_words_value(w) or (None,))[0] for w in share.groups())
        if part is not None and whole:
            return Quantity(value=part / whole, unit="fraction", qualifier=qualifier)
    fraction = False
    value = _digits_value(lowered)
    if value is None:
        words = _words_value(lowered)
        if words is None:
            return None
        value, fraction = words
    # "1.5 per cent" is a percentage, not cents
    per_cent = bool(re.search(_PER_CENT, lowered))
    currency = None if per_cent else currency_of(rest)
    if not per_cent and re.search(_CENTS, lowered):
        # "12 cts a share", "64 Canadian cts", "20 euro cents"
        currency = currency or _dollar_country(lowered, _CENTS_AFTER) or "USD"
        value = value / 100
    if currency:
        unit = currency
    elif re.search(r"%|\bper ?cent\b|\bpct\b", lowered):
        unit = "percent"
    elif points := _RATE_POINTS.search(lowered):
        unit = f"{points.group(1)} points"
    elif speed := _SPEED.search(lowered):
        unit = "km/h" if speed.group("km") else "mph"
    elif rate := _rate_unit(lowered):
        unit = rate
    elif fraction or re.fullmatch(r"\d{1,2}/\d{1,2}", lowered.strip()):
        unit = "fraction"
    elif area := _AREA.search(lowered):
        unit = _AREA_UNITS[area.group(1).rstrip("s")]
    elif _FOLD.search(lowered) or lowered.rstrip().endswith(" times"):
        unit = "fold"  # "18-fold", "four times" (the figures component keeps "times" only before "the size",
        # "as large", "more": a multiple, not a count of occasions)
    else:
        unit = next((u for u in map(_unit_of_word, re.findall(r"[a-z]+", lowered)) if u), "count")
    return Quantity(value=value, unit=unit, qualifier=qualifier)


def is_unit_word(word: str) -> bool:
    """A word that names a measure: "metres", "km", and with a metric prefix "micrograms"."""
    return _unit_of_word(word.lower()) is not None


def _unit_of_word(word: str) -> str | None:
    if word in UNIT_WORDS:
        return UNIT_WORDS[word]
    prefixed = _METRIC_PREFIX.match(word)
    if prefixed and word[prefixed.end():] in UNIT_WORDS:
        return word.removesuffix("s")  # "micrograms": the unit in its own word, as "mile" and "gallon" are
    return None


def _rate_unit(lowered: str) -> str | None:
    """"25 micrograms per cubic metre" -> "micrograms per cubic metre"; "barrels per day" keeps the
    wire's "bpd"."""
    match = _PER_UNIT.search(lowered)
    if match is None or _unit_of_word(match.group(1)) is None:
        return None
    per = match.group(2).split()[-1]
    if _unit_of_word(per) is None and per not in TIME_UNITS:
        return None
    if _unit_of_word(match.group(1)) == "barrel" and per == "day":
        return "bpd"
    return f"{match.group(1)} per {match.group(2)}"
