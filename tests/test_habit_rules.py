"""The habit rules on generated histories with known answers: weeks, streaks, the goal."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.habit.goal import DEFAULT_GOAL, GoalError, checked_goal, is_goal, stored_goal
from tui.habit.marks import NO_FLOOR, DayMarks, mask_of
from tui.habit.rules import (
    forgiving_streak,
    monday,
    strict_streak,
    week_done,
    weeks_in_a_row,
)
from tui.habit.status import habit_status

MONDAY = date(2026, 11, 16)
SUNDAY = date(2026, 11, 22)


def marks_of(*days: date) -> DayMarks:
    return DayMarks(days)


def week_of(start: date, weekdays: str) -> list[date]:
    """The days of the week starting `start` (a Monday) marked x in `weekdays`, e.g. 'xx.x...'."""
    assert start.weekday() == 0 and len(weekdays) == 7
    return [start + timedelta(days=i) for i, mark in enumerate(weekdays) if mark == "x"]


def history(last_monday: date, *weeks: str) -> DayMarks:
    """Weeks written oldest first; the last one starts on `last_monday`."""
    days: list[date] = []
    for back, pattern in enumerate(reversed(weeks)):
        days += week_of(last_monday - timedelta(weeks=back), pattern)
    return DayMarks(days)


# --- reference rules, written straight from the README's words, day by day -------------


def reference_forgiving(days: set[date], today: date, goal: int) -> int:
    end = today if today in days else today - timedelta(days=1)

    def broken(day: date) -> bool:
        week_start = day - timedelta(days=day.weekday())
        span = [week_start + timedelta(days=i) for i in range((day - week_start).days + 1)]
        return day not in days and sum(d not in days for d in span) > 7 - goal

    day = end
    while not broken(day):
        day -= timedelta(days=1)
    run = [day + timedelta(days=i) for i in range(1, (end - day).days + 1)]
    first = next((d for d in run if d in days), None)
    return 0 if first is None else (end - first).days + 1


def reference_strict(days: set[date], today: date) -> int:
    day = today if today in days else today - timedelta(days=1)
    streak = 0
    while day in days:
        streak += 1
        day -= timedelta(days=1)
    return streak


def reference_weeks(days: set[date], today: date, goal: int) -> int:
    week_start = today - timedelta(days=today.weekday())
    this_week = sum(week_start + timedelta(days=i) in days for i in range(today.weekday() + 1))
    met = 1 if this_week >= goal else 0
    start = week_start - timedelta(weeks=1)
    while sum(start + timedelta(days=i) in days for i in range(7)) >= goal:
        met += 1
        start -= timedelta(weeks=1)
    return met


# --- the goal ------------------------------------------------------------------------


@pytest.mark.parametrize("goal", [1, 4, 7])
def test_goals_from_1_to_7_are_valid(goal: int) -> None:
    assert is_goal(goal) and checked_goal(goal) == goal and stored_goal(goal) == goal


@pytest.mark.parametrize("value", [0, 8, -1, 5.0, "5", True, None])
def test_other_goals_cannot_be_set_and_read_as_the_default(value: object) -> None:
    with pytest.raises(GoalError, match="from 1 to 7"):
        checked_goal(value)
    assert stored_goal(value) == DEFAULT_GOAL


# --- fixed examples --------------------------------------------------------------------


def test_weeks_run_monday_to_sunday() -> None:
    assert date.fromordinal(monday(SUNDAY.toordinal())) == MONDAY
    assert date.fromordinal(monday(MONDAY.toordinal())) == MONDAY
    marks = marks_of(MONDAY - timedelta(days=1), MONDAY, SUNDAY)
    assert week_done(marks, SUNDAY.toordinal()) == 2
    assert week_done(marks, MONDAY.toordinal()) == 1


def test_weeks_in_a_row_count_complete_weeks_and_the_current_one_once_met() -> None:
    marks = history(MONDAY, "xxxx...", "xxxxx..", "x.x.x.x", "xxxxxxx", "xxx....")
    # Counts, oldest first: 4, 5, 4, 7 and 3 so far in the current week (by Wednesday),
    # which is not met yet for goals above 3 but breaks nothing either.
    wednesday = (MONDAY + timedelta(days=2)).toordinal()
    assert weeks_in_a_row(marks, wednesday, 5) == 1
    assert weeks_in_a_row(marks, wednesday, 3) == 5  # every week met, current included
    assert weeks_in_a_row(marks, wednesday, 4) == 4
    assert weeks_in_a_row(marks, wednesday, 6) == 1
    assert weeks_in_a_row(marks, wednesday, 7) == 1


def test_rest_days_the_goal_allows_do_not_break_the_forgiving_streak() -> None:
    # Goal 5: two days off a week are fine; a third breaks the streak on that day.
    marks = history(MONDAY, "x..x.xx", "xx.xx.x", "xxxxx..", "xx.x.x.")
    thursday = MONDAY + timedelta(days=3)
    # Four weeks back, Friday is the third day off: the streak starts on Saturday.
    start = MONDAY - timedelta(weeks=3) + timedelta(days=5)
    assert forgiving_streak(marks, thursday.toordinal(), 5) == (thursday - start).days + 1
    assert strict_streak(marks, thursday.toordinal()) == 1  # Wednesday: no session
    saturday_before = (MONDAY - timedelta(days=2)).toordinal()
    assert strict_streak(marks, saturday_before) == 6  # Sunday to Friday, nothing Saturday


def test_the_forgiving_streak_breaks_on_the_day_the_week_is_lost() -> None:
    marks = history(MONDAY, "xxxxxxx", "x...xxx")
    # Goal 5 this week: Tue, Wed off are allowed; Thu is the third day off: broken.
    friday = (MONDAY + timedelta(days=4)).toordinal()
    assert forgiving_streak(marks, friday, 5) == 1
    # Goal 4 allows three days off: the streak reaches back over last week.
    assert forgiving_streak(marks, friday, 4) == 12


def test_a_streak_survives_until_a_whole_day_has_passed() -> None:
    marks = marks_of(SUNDAY - timedelta(days=1), SUNDAY - timedelta(days=2))
    assert strict_streak(marks, SUNDAY.toordinal()) == 2  # nothing yet today
    assert strict_streak(marks, SUNDAY.toordinal() + 1) == 0
    assert strict_streak(marks_of(), SUNDAY.toordinal()) == 0
    assert forgiving_streak(marks_of(), SUNDAY.toordinal(), 1) == 0


def test_status_figures_and_the_week_at_risk() -> None:
    marks = history(MONDAY, "xxxxxxx", "xx.x...")
    thursday = MONDAY + timedelta(days=3)
    status = habit_status(marks, thursday, 5)
    assert (status.done_today, status.week_done, status.weeks, status.strict) == (True, 3, 1, 1)
    assert (status.needed, status.days_left) == (2, 3)
    assert not status.at_risk
    friday = habit_status(marks, thursday + timedelta(days=1), 5)
    assert (friday.done_today, friday.needed, friday.days_left) == (False, 2, 3)
    assert not friday.at_risk
    saturday = habit_status(marks, thursday + timedelta(days=2), 5)
    assert (saturday.needed, saturday.days_left, saturday.at_risk) == (2, 2, True)
    sunday = habit_status(marks, thursday + timedelta(days=3), 5)
    assert (sunday.days_left, sunday.at_risk) == (1, True)  # lost: still said, gently
    assert not habit_status(marks, thursday, 3).at_risk  # met: nothing needed


# --- generated histories ---------------------------------------------------------------

weekday_sets = st.lists(st.booleans(), min_size=7, max_size=7)


week_picks = st.tuples(st.integers(0, 6), st.integers(0, 127))
"""A week as (r, extra): `goal` days in a row from weekday r (wrapping), plus extra's bits."""


def picked(start: date, pick: tuple[int, int], goal: int) -> set[date]:
    rotation, extra = pick
    weekdays = {(rotation + i) % 7 for i in range(goal)} | {i for i in range(7) if extra >> i & 1}
    return {start + timedelta(days=i) for i in weekdays}


@settings(derandomize=True, max_examples=500, deadline=None)
@given(
    goal=st.integers(1, 7),
    met_weeks=st.lists(week_picks, max_size=30),
    short=st.sets(st.integers(0, 6), max_size=6),
    older=st.lists(st.integers(0, 127), max_size=8),
    current=st.integers(0, 127),
    weekday=st.integers(0, 6),
    first_monday=st.dates(date(1990, 1, 1), date(2090, 1, 1)).map(
        lambda d: d - timedelta(days=d.weekday())
    ),
)
def test_weeks_in_a_row_on_built_histories(
    goal: int,
    met_weeks: list[tuple[int, int]],
    short: set[int],
    older: list[int],
    current: int,
    weekday: int,
    first_monday: date,
) -> None:
    """Weeks that each meet the goal, after one that falls short: the answer is their number."""
    days: set[date] = set()
    start = first_monday
    for bits in older:
        days |= {start + timedelta(days=i) for i in range(7) if bits >> i & 1}
        start += timedelta(weeks=1)
    days |= {start + timedelta(days=i) for i in sorted(short)[: goal - 1]}
    for pick in met_weeks:
        start += timedelta(weeks=1)
        days |= picked(start, pick, goal)
    start += timedelta(weeks=1)
    today = start + timedelta(days=weekday)
    this_week = {start + timedelta(days=i) for i in range(weekday + 1) if current >> i & 1}
    days |= this_week
    expected = len(met_weeks) + (1 if len(this_week) >= goal else 0)
    marks = DayMarks(days)
    assert weeks_in_a_row(marks, today.toordinal(), goal) == expected
    assert weeks_in_a_row(marks, today.toordinal(), goal) == reference_weeks(days, today, goal)


@settings(derandomize=True, max_examples=500, deadline=None)
@given(
    offsets=st.sets(st.integers(0, 120), max_size=100),
    goal=st.integers(1, 7),
    today=st.dates(date(1971, 1, 1), date(2099, 12, 31)),
)
def test_streaks_agree_with_the_rules_written_day_by_day(
    offsets: set[int], goal: int, today: date
) -> None:
    days = {today - timedelta(days=n) for n in offsets}
    marks = DayMarks(days)
    forgiving = forgiving_streak(marks, today.toordinal(), goal)
    strict = strict_streak(marks, today.toordinal())
    assert forgiving == reference_forgiving(days, today, goal)
    assert strict == reference_strict(days, today)
    assert forgiving >= strict
    if goal == 7:
        assert forgiving == strict  # no rest day allowed
    assert weeks_in_a_row(marks, today.toordinal(), goal) == reference_weeks(days, today, goal)


@settings(derandomize=True, max_examples=300, deadline=None)
@given(
    goal=st.integers(1, 7),
    rotations=st.lists(st.integers(0, 6), min_size=1, max_size=60),
    today=st.dates(date(2000, 1, 1), date(2060, 1, 1)),
)
def test_a_run_of_met_weeks_is_one_unbroken_forgiving_streak(
    goal: int, rotations: list[int], today: date
) -> None:
    """Complete weeks that meet the goal exactly after an empty one, and every day of the
    current week done: one streak from the first session day to today."""
    this_monday = today - timedelta(days=today.weekday())
    start = this_monday - timedelta(weeks=len(rotations))
    days = {this_monday + timedelta(days=i) for i in range(today.weekday() + 1)}
    for week, rotation in enumerate(rotations):
        days |= picked(start + timedelta(weeks=week), (rotation, 0), goal)
    first = min(days)
    marks = DayMarks(days)
    assert forgiving_streak(marks, today.toordinal(), goal) == (today - first).days + 1
    current_met = today.weekday() + 1 >= goal
    assert weeks_in_a_row(marks, today.toordinal(), goal) == len(rotations) + current_met


@settings(derandomize=True, max_examples=300, deadline=None)
@given(
    offsets=st.sets(st.integers(0, 3000), max_size=300),
    cuts=st.lists(st.integers(0, 3000), max_size=12),
    goal=st.integers(1, 7),
)
def test_marks_loaded_in_chunks_answer_as_marks_loaded_at_once(
    offsets: set[int], cuts: list[int], goal: int
) -> None:
    today = date(2026, 11, 19).toordinal()
    days = {today - n for n in offsets}
    bounds = sorted({today + 1, *(today - cut for cut in cuts)}, reverse=True)
    chunks: list[tuple[int, int, int]] = []
    for high, low in zip(bounds, [*bounds[1:], None], strict=True):
        part = {d for d in days if d < high and (low is None or d >= low)}
        first, mask = mask_of(part)
        chunks.append((first, mask, low if low is not None else NO_FLOOR))
    whole = DayMarks(date.fromordinal(d) for d in days)
    lazy = DayMarks(chunks=chunks)
    assert forgiving_streak(lazy, today, goal) == forgiving_streak(whole, today, goal)
    assert strict_streak(lazy, today) == strict_streak(whole, today)
    assert weeks_in_a_row(lazy, today, goal) == weeks_in_a_row(whole, today, goal)
    assert lazy.count(today - 3000, today) == len(days)


@settings(derandomize=True, max_examples=300, deadline=None)
@given(
    offsets=st.sets(st.integers(0, 2000), max_size=200),
    cuts=st.sets(st.integers(10, 1990), max_size=8),
    spill=st.integers(0, 2),
    choices=st.lists(st.booleans(), min_size=200, max_size=200),
)
def test_marks_from_chunks_that_overlap_by_a_few_days(
    offsets: set[int], cuts: set[int], spill: int, choices: list[bool]
) -> None:
    """Like year shards: a day near a cut may sit in either chunk; each floor stays true."""
    today = date(2026, 11, 19).toordinal()
    days = sorted(today - n for n in offsets)
    bounds = sorted((today - cut for cut in cuts), reverse=True)
    groups: list[set[int]] = [set() for _ in range(len(bounds) + 1)]
    for index, day in enumerate(days):
        group = sum(day < bound for bound in bounds)  # 0 = newest
        near_older = group < len(bounds) and day < bounds[group] + spill
        groups[group + 1 if near_older and choices[index % 200] else group].add(day)
    chunks = []
    for group, members in enumerate(groups):
        first, mask = mask_of(members)
        floor = bounds[group] + spill if group < len(bounds) else NO_FLOOR
        chunks.append((first, mask, floor))
    lazy, whole = DayMarks(chunks=chunks), DayMarks(date.fromordinal(d) for d in days)
    assert lazy.segment(today - 2010, today) == whole.segment(today - 2010, today)
    assert strict_streak(lazy, today) == strict_streak(whole, today)


def test_marks_load_only_as_far_back_as_asked() -> None:
    today = date(2026, 11, 19).toordinal()
    pulled: list[int] = []

    def years_back() -> Iterator[tuple[int, int, int]]:
        for back in range(50):
            pulled.append(back)
            low, high = today - 365 * (back + 1) + 1, today - 365 * back
            first, mask = mask_of(day for day in range(low, high + 1) if day != today - 9)
            yield first, mask, low

    marks = DayMarks(chunks=years_back())
    assert strict_streak(marks, today) == 9
    assert len(pulled) <= 2  # a year of days at a time, not all fifty
    assert weeks_in_a_row(marks, today, 1) > 2500
    assert pulled == list(range(50))
