"""Streaks, the calendar and weekly counts, computed from session summaries.

Pure functions: no I/O and no clock; `today` is always passed in.

Which sessions count (the one rule for every figure loosen shows): a session, finished
or abandoned, counts when it has at least one done set. An abandoned session counts
only the exercises it did; a session with every set skipped counts for nothing. Days
are the date the session started on in this machine's time zone, the same zone `today`
is in (a session started at 23:50 counts for that day even if it ran past midnight; one
recorded in another zone is moved into ours, so it can never look as if it happened
tomorrow).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import cast

from tui.storage.records import done_exercise_ids
from tui.storage.types import Session, SessionRecord

_WEEK = 7


def session_day(summary: Session) -> date:
    """The local date on which the session started."""
    return _day(summary["started_at"])


@lru_cache(maxsize=1 << 17)
def _day(started_at: str) -> date:
    # Cached: the same few thousand timestamps are asked about by every figure.
    return local_start(started_at).date()


def forget_time_zone() -> None:
    """Drop the cached days; call after this process's time zone changes."""
    _day.cache_clear()


def local_start(started_at: str) -> datetime:
    """When a session started, in this machine's time zone."""
    return datetime.fromisoformat(started_at).astimezone()


def done_exercises(summary: Session) -> list[str]:
    """Ids of exercises with a done set: from a summary, or worked out from a full record."""
    if "sets" in summary:  # a full record (a summary has no "sets")
        return done_exercise_ids(cast("SessionRecord", summary)["sets"])
    return summary.get("done_exercise_ids") or []


def counts(summary: Session) -> bool:
    """Whether the session counts towards streaks and totals (at least one done set)."""
    return bool(done_exercises(summary))


def day_counts(summaries: Iterable[Session]) -> dict[date, int]:
    """How many counting sessions started on each day."""
    return dict(Counter([_day(s["started_at"]) for s in summaries if counts(s)]))


def workout_days(summaries: Iterable[Session]) -> set[date]:
    """The days with at least one counting session."""
    return set(day_counts(summaries))


def current_streak(days: set[date], today: date) -> int:
    """Consecutive workout days ending today, or ending yesterday if nothing is done yet today.

    So a streak survives until a whole day has passed without a session; 0 otherwise.
    """
    one_day = timedelta(days=1)
    day = today if today in days else today - one_day
    streak = 0
    while day in days:
        streak += 1
        day -= one_day
    return streak


def longest_streak(days: Iterable[date]) -> int:
    """The longest run of consecutive workout days ever."""
    longest = run = 0
    previous = None
    for ordinal in sorted({day.toordinal() for day in days}):
        run = run + 1 if ordinal - 1 == previous else 1
        longest = max(longest, run)
        previous = ordinal
    return longest


def week_start(day: date) -> date:
    """The Monday of the week containing `day`."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class CalendarCell:
    """One day of the calendar and how many counting sessions it had."""

    day: date
    count: int


@dataclass(frozen=True)
class Calendar:
    """A grid of `len(week_starts)` week columns (oldest first) by 7 rows (Monday..Sunday).

    The last column is the current week; days after today are None.
    """

    week_starts: tuple[date, ...]
    rows: tuple[tuple[CalendarCell | None, ...], ...]

    def cell(self, weekday: int, week: int) -> CalendarCell | None:
        """The cell at row `weekday` (0 = Monday) and column `week` (0 = oldest)."""
        return self.rows[weekday][week]


def calendar(days_counts: dict[date, int], today: date, weeks: int = 12) -> Calendar:
    """The last `weeks` weeks, ending with the current one, as a Calendar grid."""
    first = week_start(today) - timedelta(weeks=weeks - 1)
    starts = tuple(first + timedelta(weeks=w) for w in range(weeks))
    rows = tuple(
        tuple(
            CalendarCell(day, days_counts.get(day, 0)) if day <= today else None
            for day in (start + timedelta(days=weekday) for start in starts)
        )
        for weekday in range(_WEEK)
    )
    return Calendar(week_starts=starts, rows=rows)


def sessions_per_week(summaries: Iterable[Session], today: date, weeks: int = 12) -> list[int]:
    """Counting sessions in each of the last `weeks` weeks (Monday to Sunday), oldest first."""
    first = week_start(today) - timedelta(weeks=weeks - 1)
    # A cheap text test skips most of a long history: in every spelling that
    # datetime.fromisoformat reads, a start before `first` has a smaller 10-character prefix.
    cutoff = first.isoformat()
    totals = [0] * weeks
    for summary in summaries:
        started = summary["started_at"]
        if started[:10] < cutoff:
            continue
        day = _day(started)
        if first <= day <= today and counts(summary):
            totals[(day - first).days // _WEEK] += 1
    return totals


def weekly_counts(days_counts: dict[date, int], today: date, weeks: int = 12) -> list[int]:
    """Counting sessions in each of the last `weeks` weeks, from per-day counts, oldest first.

    The same figures as `sessions_per_week`, read from counts already made.
    """
    grid = calendar(days_counts, today, weeks)
    return [
        sum(cell.count for row in grid.rows if (cell := row[week]) is not None)
        for week in range(weeks)
    ]
