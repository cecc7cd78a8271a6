"""Publication dates as articles and feeds write them."""

from __future__ import annotations

import datetime as dt
import email.utils

from .errors import InvalidArticle


def parse_date(value: str, what: str = "the published date") -> dt.date | dt.datetime:
    """An ISO date, ISO date-time or RFC 2822 date (as feeds write them); else InvalidArticle."""
    text = value.strip()
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text)
    except ValueError:
        try:  # "Tue, 02 Sep 2025 10:00:00 GMT"
            return email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError):
            raise InvalidArticle(
                f"{what} {value!r} is not an ISO date (2025-09-02), ISO date-time or RFC 2822 date"
            ) from None


EARLIEST_YEAR = 1800


def out_of_range(date: dt.date | dt.datetime, what: str = "the published date") -> str | None:
    """Why ``date`` cannot be a publication date (before 1800, or more than a day ahead), or None.

    "9999-12-31" and "0001-01-01" are placeholders for "unknown", not dates; one day of
    slack allows for time zones."""
    day = date.date() if isinstance(date, dt.datetime) else date
    latest = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1)
    if day.year < EARLIEST_YEAR:
        return f"{what} {day.isoformat()} is before {EARLIEST_YEAR}"
    if day > latest:
        return f"{what} {day.isoformat()} is in the future (after {latest.isoformat()})"
    return None


def in_range(value: str) -> bool:
    """Whether ``value`` parses as a date within the range :func:`out_of_range` allows."""
    try:
        return out_of_range(parse_date(value)) is None
    except InvalidArticle:
        return False
