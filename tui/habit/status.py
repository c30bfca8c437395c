"""Where the habit stands today: the figures behind the status line, history and nudge."""

from __future__ import annotations

from tui.habit import rules

TYPE_CHECKING = False  # typing (and dataclasses) would slow `loosen status` on every prompt
if TYPE_CHECKING:
    from datetime import date

    from tui.habit.marks import DayMarks


class HabitStatus:
    """The habit's figures on `day` (today) for a weekly goal of `goal` days."""

    __slots__ = ("day", "done_today", "goal", "streak", "strict", "week_done", "weeks")

    def __init__(
        self,
        day: int,
        goal: int,
        *,
        done_today: bool,
        week_done: int,
        weeks: int,
        streak: int,
        strict: int,
    ) -> None:
        self.day = day
        """Today, as a date ordinal."""
        self.goal = goal
        self.done_today = done_today
        self.week_done = week_done
        """Days with a session this week (Monday to today)."""
        self.weeks = weeks
        """Weeks met in a row (see rules.weeks_in_a_row)."""
        self.streak = streak
        """The forgiving daily streak, in days."""
        self.strict = strict
        """The strict daily streak, in days."""

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"HabitStatus({fields})"

    @property
    def needed(self) -> int:
        """Session days still needed this week to meet the goal (0 once met)."""
        return max(self.goal - self.week_done, 0)

    @property
    def days_left(self) -> int:
        """Days of this week still open for a session: today (unless done) to Sunday."""
        after_today = rules.WEEK - 1 - (self.day - rules.monday(self.day))
        return after_today if self.done_today else after_today + 1

    @property
    def at_risk(self) -> bool:
        """Whether the goal needs every day left this week (or can no longer be met)."""
        return self.needed > 0 and self.days_left <= self.needed


def habit_status(marks: DayMarks, today: date, goal: int) -> HabitStatus:
    """Work out the figures; reads only as far back as the longest streak needs."""
    return status_on(marks, today.toordinal(), goal)


def status_on(marks: DayMarks, day: int, goal: int) -> HabitStatus:
    """habit_status for a day given as a date ordinal."""
    return HabitStatus(
        day,
        goal,
        done_today=marks.marked(day),
        week_done=rules.week_done(marks, day),
        weeks=rules.weeks_in_a_row(marks, day, goal),
        streak=rules.forgiving_streak(marks, day, goal),
        strict=rules.strict_streak(marks, day),
    )
