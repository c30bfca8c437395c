"""One line on the history screen: this week against the goal, weeks met, both streaks."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from tui.habit.status import HabitStatus
from tui.wording import plural


def weekly_goal_line(status: HabitStatus) -> Content:
    """'Goal 4/5 · 2 weeks in a row · rest-day streak 12': fits beside the calendar at 80.

    The rest-day streak is the forgiving one; the strict streak is in the screen's title.
    """
    week = f"{status.week_done}/{status.goal}"
    return Content.assemble(
        ("Goal ", "bold"),
        (week, "bold reverse") if status.week_done >= status.goal else week,
        f" · {plural(status.weeks, 'week')} in a row · rest-day streak {status.streak}",
    )


class WeeklyGoal(Static):
    """This week's progress toward the weekly goal, and the streaks it forgives."""

    DEFAULT_CSS = """
    WeeklyGoal {
        height: 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def show(self, status: HabitStatus | None) -> None:
        """Show the figures (or say history can't be read for them)."""
        self.update(weekly_goal_line(status) if status else Content("Goal: history unreadable"))
