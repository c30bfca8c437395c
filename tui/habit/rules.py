"""The habit's rules: progress this week, weeks met in a row, daily streaks.

Days are date ordinals (`date.toordinal`); ordinal 1 was a Monday, so weeks run
Monday to Sunday. Every rule takes `today` and never looks after it. Long histories
are walked back a year of weeks at a time, counting in C (str.count), so a 100-year
streak takes about a millisecond.
"""

from __future__ import annotations

from itertools import repeat

TYPE_CHECKING = False  # typing would slow `loosen status`
if TYPE_CHECKING:
    from tui.habit.marks import DayMarks

WEEK = 7
BATCH_WEEKS = 53


def monday(day: int) -> int:
    """The Monday of the week holding `day`."""
    return day - (day - 1) % WEEK


def week_done(marks: DayMarks, today: int) -> int:
    """Days with a session this week, Monday up to and including today."""
    return marks.count(monday(today), today)


def unmet_week(marks: DayMarks, before: int, goal: int) -> int:
    """The Monday of the newest complete week before Monday `before` with under `goal` days.

    Always found: weeks before all history have no sessions.
    """
    high = before - 1
    while True:
        low = high - WEEK * BATCH_WEEKS + 1
        days = marks.segment(low, high)
        starts = range(0, len(days), WEEK)
        # map() calls days.count for every week without a Python frame each: fast in C.
        counts = list(map(days.count, repeat("1"), starts, range(WEEK, len(days) + WEEK, WEEK)))
        if min(counts) < goal:
            newest_unmet = max(i for i, count in enumerate(counts) if count < goal)
            return low + WEEK * newest_unmet
        high = low - 1


def weeks_in_a_row(marks: DayMarks, today: int, goal: int) -> int:
    """Complete weeks in a row, back from last week, with at least `goal` session days.

    The current week adds one once it has met the goal; until then it breaks nothing.
    """
    start = monday(today)
    current = 1 if marks.count(start, today) >= goal else 0
    return current + (start - unmet_week(marks, start, goal)) // WEEK - 1


def streak_end(marks: DayMarks, today: int) -> int:
    """The last day a streak can end on: today once it has a session, else yesterday."""
    return today if marks.marked(today) else today - 1


def strict_streak(marks: DayMarks, today: int) -> int:
    """Days in a row with a session, ending today (or yesterday, if nothing yet today)."""
    high = streak_end(marks, today)
    streak = 0
    while True:
        days = marks.segment(high - WEEK * BATCH_WEEKS + 1, high)
        run = len(days) - len(days.rstrip("1"))
        streak += run
        if run < len(days):
            return streak
        high -= len(days)


def last_broken_day(marks: DayMarks, end: int, goal: int) -> int:
    """The latest day up to `end` that breaks the forgiving streak.

    A day without a session breaks it once its week can no longer meet the goal: when
    more than 7 - goal days of that week, from Monday up to it, had no session.
    """
    allowance = WEEK - goal
    start = monday(end)
    high = end
    if (end - start + 1) - marks.count(start, end) <= allowance:
        # A complete week has too many days off exactly when it falls short of the goal.
        start = unmet_week(marks, start, goal)
        high = start + WEEK - 1
    # Days off from Monday to `high` exceed the allowance, so the last of them breaks.
    days = marks.segment(start, high)
    return start + days.rindex("0")


def forgiving_streak(marks: DayMarks, today: int, goal: int) -> int:
    """Days from the first session after the last breaking day up to the streak's end.

    Rest days the goal allows (7 - goal a week) count in it and don't break it; the
    strict streak is never longer. 0 when there is no session since the break.
    """
    end = streak_end(marks, today)
    after = last_broken_day(marks, end, goal) + 1
    if after > end:
        return 0
    first = marks.segment(after, end).find("1")
    return 0 if first < 0 else end - (after + first) + 1
