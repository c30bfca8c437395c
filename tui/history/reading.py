"""History read a year at a time, newest first: enough for the first screen, then the rest.

A hundred years of daily sessions take the better part of a second to read; the history
screen's first picture needs only the last twelve weeks and a screen of rows. So the
screen reads `until_shown` before its first paint and the older years afterwards, and
shows what depends on all of history (the longest streak, totals) once `complete`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from tui.history.stats import week_start
from tui.history.tally import HistoryTally
from tui.ledger.trends import TrendTally
from tui.storage.records import order_key
from tui.storage.types import SessionSummary

Summaries = list[SessionSummary]
YearBatches = Iterator[tuple[int, Summaries]]
"""(year, that year's summaries newest first), newest year first: `Store.sessions_by_year`."""

CALENDAR_WEEKS = 12
FIRST_ROWS = 200
"""Rows read before the first paint, at least: more than any screen shows."""


class HistoryReading:
    """All the summaries read so far, newest first, and their tally."""

    def __init__(self, batches: YearBatches, today: date) -> None:
        self._batches = batches
        self.today = today
        self.summaries: Summaries = []
        """Every summary read so far, newest first (the order of `Store.sessions`)."""
        self.tally = HistoryTally(today)
        self.trends = TrendTally(today)
        """Stiffness and side trends of the last 12 weeks (complete once they are read)."""
        self.complete = False
        """True once every year has been read."""
        self.oldest_year: int | None = None
        """The oldest year read so far."""

    def read_year(self) -> bool:
        """Read the next (older) year; False when there was none left."""
        if self.complete:
            return False
        batch = next(self._batches, None)
        if batch is None:
            self.complete = True
            return False
        year, summaries = batch
        self.oldest_year = year
        self.tally.add(summaries)
        self.trends.add(summaries)
        extend_older(self.summaries, summaries)
        return True

    def read_until_shown(self, rows: int = FIRST_ROWS, weeks: int = CALENDAR_WEEKS) -> None:
        """Read until the calendar's weeks and `rows` rows are in (or everything is)."""
        first_day = week_start(self.today) - timedelta(weeks=weeks - 1)
        while not self.complete and (not self.covers(first_day) or len(self.summaries) < rows):
            self.read_year()

    def read_all(self) -> None:
        """Read every year still unread."""
        while self.read_year():
            pass

    def covers(self, day: date) -> bool:
        """Whether every counting session on `day` has been read."""
        # A session's year is the one its own time zone gave it, which may be a day off ours.
        return self.complete or (
            self.oldest_year is not None and self.oldest_year <= (day - timedelta(days=1)).year
        )


def extend_older(newest_first: Summaries, older: Summaries) -> None:
    """Add an older year's summaries (newest first) after the ones already there.

    Two years overlap only when sessions around a new year were recorded in different
    time zones; those few are merged into place, so the whole list stays in order.
    """
    if newest_first and older and order_key(older[0]) > order_key(newest_first[-1]):
        cut = len(newest_first)
        newest_older = order_key(older[0])
        while cut > 0 and order_key(newest_first[cut - 1]) < newest_older:
            cut -= 1
        older = sorted(newest_first[cut:] + older, key=order_key, reverse=True)
        del newest_first[cut:]
    newest_first.extend(older)
