"""tui.history.stats on fixed dates: days, streaks, the calendar and weekly counts."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from tui.history import stats as history
from tui.history.stats import Calendar, CalendarCell

TODAY = date(2026, 11, 22)  # a Sunday


def summary(
    day: date, done: list[str] | None = None, time: str = "07:30:00+01:00", **extra: Any
) -> dict[str, Any]:
    return {
        "id": f"{day.isoformat()}-{time}",
        "started_at": f"{day.isoformat()}T{time}",
        "status": "finished",
        "done_exercise_ids": ["cat-cow"] if done is None else done,
        **extra,
    }


def days_back(*offsets: int) -> set[date]:
    return {TODAY - timedelta(days=n) for n in offsets}


def test_session_day_is_the_date_in_this_machines_time_zone() -> None:
    # The tests run at UTC+1 (see conftest): a late session recorded at UTC-5 happened
    # on the next day here; an early one recorded at UTC+9 on the day before.
    assert history.session_day(summary(TODAY, time="23:50:00-05:00")) == TODAY + timedelta(1)
    assert history.session_day(summary(TODAY, time="00:10:00+09:00")) == TODAY - timedelta(1)
    assert history.session_day(summary(TODAY, time="23:50:00+01:00")) == TODAY
    # Other ISO-8601 spellings work too.
    assert history.session_day({"started_at": "20261122T073000+0100"}) == TODAY
    assert history.session_day({"started_at": "2026-11-22 07:30:00+01:00"}) == TODAY


def test_only_sessions_with_a_done_set_count() -> None:
    summaries = [
        summary(TODAY, ["cat-cow"]),
        summary(TODAY, ["open-book"], time="18:00:00+01:00", status="abandoned"),
        summary(TODAY - timedelta(days=1), [], status="abandoned"),
        summary(TODAY - timedelta(days=2), []),
    ]
    assert history.day_counts(summaries) == {TODAY: 2}
    assert history.workout_days(summaries) == {TODAY}


def test_full_records_count_by_their_done_sets() -> None:
    full = {
        "started_at": "2026-11-21T07:00:00+01:00",
        "sets": [
            {"exercise_id": "a", "outcome": "skipped"},
            {"exercise_id": "b", "outcome": "done"},
        ],
    }
    skipped_only = {**full, "sets": [{"exercise_id": "a", "outcome": "skipped"}]}
    assert history.done_exercises(full) == ["b"]
    assert history.day_counts([full, skipped_only]) == {date(2026, 11, 21): 1}


def test_current_streak_ending_today() -> None:
    assert history.current_streak(days_back(0, 1, 2, 3, 5), TODAY) == 4


def test_current_streak_ending_yesterday_while_nothing_done_today() -> None:
    assert history.current_streak(days_back(1, 2, 3, 5), TODAY) == 3


def test_current_streak_broken_by_a_gap() -> None:
    assert history.current_streak(days_back(2, 3, 4), TODAY) == 0
    assert history.current_streak(set(), TODAY) == 0
    assert history.current_streak(days_back(0), TODAY) == 1
    # A future day (clock trouble) neither helps nor hurts.
    assert history.current_streak(days_back(-1, 0, 1), TODAY) == 2


def test_longest_streak() -> None:
    assert history.longest_streak(set()) == 0
    assert history.longest_streak(days_back(0)) == 1
    assert history.longest_streak(days_back(0, 1, 5, 6, 7, 8, 20, 21)) == 4
    # Across a month and a year boundary.
    new_year = {date(2025, 12, 30), date(2025, 12, 31), date(2026, 1, 1), date(2026, 1, 3)}
    assert history.longest_streak(new_year) == 3


def test_calendar_shape_and_placement() -> None:
    counts = {
        TODAY: 2,
        date(2026, 11, 17): 1,  # Tuesday of this week
        date(2026, 8, 31): 1,  # Monday of the oldest week shown
        date(2026, 8, 30): 5,  # the Sunday before: not shown
    }
    grid = history.calendar(counts, TODAY)
    assert isinstance(grid, Calendar)
    assert len(grid.rows) == 7
    assert all(len(row) == 12 for row in grid.rows)
    assert grid.week_starts[0] == date(2026, 8, 31)
    assert grid.week_starts[-1] == date(2026, 11, 16)
    assert all(start.weekday() == 0 for start in grid.week_starts)
    assert grid.cell(0, 0) == CalendarCell(date(2026, 8, 31), 1)
    assert grid.cell(1, 11) == CalendarCell(date(2026, 11, 17), 1)
    assert grid.cell(6, 11) == CalendarCell(TODAY, 2)
    assert grid.cell(2, 5) == CalendarCell(date(2026, 10, 7), 0)
    # Every cell is the right day: column = week, row = weekday.
    for weekday, row in enumerate(grid.rows):
        for week, cell in enumerate(row):
            assert cell is not None
            assert cell.day == grid.week_starts[week] + timedelta(days=weekday)
    assert sum(cell.count for row in grid.rows for cell in row if cell) == 4


def test_calendar_future_days_of_this_week_are_none() -> None:
    wednesday = date(2026, 11, 18)
    grid = history.calendar({wednesday: 1}, wednesday, weeks=4)
    assert [row[-1] for row in grid.rows] == [
        CalendarCell(date(2026, 11, 16), 0),
        CalendarCell(date(2026, 11, 17), 0),
        CalendarCell(wednesday, 1),
        None,
        None,
        None,
        None,
    ]
    assert all(cell is not None for row in grid.rows for cell in row[:-1])
    assert len(grid.week_starts) == 4


def test_sessions_per_week_oldest_to_newest() -> None:
    summaries = [
        summary(TODAY),  # this week (Mon 16th - Sun 22nd)
        summary(date(2026, 11, 16)),
        summary(date(2026, 11, 16), time="19:00:00+01:00"),
        summary(date(2026, 11, 15)),  # last week's Sunday
        summary(date(2026, 11, 10), [], status="abandoned"),  # no done set: not counted
        summary(date(2026, 8, 31)),  # oldest week shown
        summary(date(2026, 8, 30)),  # too old
        summary(TODAY + timedelta(days=1)),  # the future
        {"started_at": "20261117T070000+0100", "done_exercise_ids": ["a"]},  # basic format
    ]
    assert history.sessions_per_week(summaries, TODAY) == [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 4]
    assert history.sessions_per_week(summaries, TODAY, weeks=2) == [1, 4]
