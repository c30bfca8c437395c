"""Which sessions count for the habit, and on which local day."""

from __future__ import annotations

import time

TYPE_CHECKING = False  # typing itself would cost `loosen status` milliseconds on every prompt
if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import date
    from typing import Any


def counts_for_habit(summary: Mapping[str, Any]) -> bool:
    """Whether a session counts: at least one set done (sets_done > 0), finished or abandoned.

    The same rule as history's figures: a session stopped after ten of eleven sets was a
    warm-up; one with every set skipped was not.
    """
    sets_done = summary.get("sets_done")
    return type(sets_done) is int and sets_done > 0


def local_day(started_at: str) -> date:
    """The calendar date a session started on, in this process's local time zone.

    Raises ValueError for a start time that is not ISO 8601.
    """
    from datetime import datetime  # here: `loosen status` mostly never needs it

    return datetime.fromisoformat(started_at).astimezone().date()


def year_start(year: int) -> int:
    """The date ordinal (`date.toordinal`) of 1 January of `year`."""
    before = year - 1
    return before * 365 + before // 4 - before // 100 + before // 400 + 1


def today_ordinal() -> int:
    """Today's local date as an ordinal, without importing datetime (slow to start)."""
    now = time.localtime()
    return year_start(now.tm_year) + now.tm_yday - 1
