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
