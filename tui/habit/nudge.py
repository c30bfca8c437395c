"""The catalogue's gentle nudge when this week's goal is at risk."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tui.catalogue.model import Catalogue, Routine
from tui.habit.reader import HabitData, HabitDataError
from tui.habit.status import HabitStatus, habit_status


@dataclass(frozen=True)
class Nudge:
    """One line about the week, and the routine one key starts."""

    text: str
    routine: Routine


def nudge_words(status: HabitStatus) -> str:
    """'Goal at risk: 2 more days needed, 2 days left this week' (or out of reach)."""
    needed, left = status.needed, status.days_left
    days = "day" if needed == 1 else "days"
    left_words = f"{left} day{'' if left == 1 else 's'} left this week"
    if left == needed:
        return f"Goal at risk: {needed} more {days} needed, {left_words}"
    return f"This week's goal is out of reach ({needed} more {days}, {left_words})"


def week_nudge(data_dir: str, today: date, catalogue: Catalogue) -> Nudge | None:
    """A nudge when the goal is at risk, offering the routine of the latest session.

    None for someone without a counting session yet, when that routine is no longer in
    the catalogue, or when history can't be read.
    """
    try:
        data = HabitData(data_dir)
        routine_id = data.last_routine_id()
        if routine_id is None:
            return None
        routine = usual_routine(catalogue, routine_id)
        status = habit_status(data.marks(), today, data.goal)
    except HabitDataError:
        return None
    if routine is None or not status.at_risk:
        return None
    return Nudge(nudge_words(status), routine)


def usual_routine(catalogue: Catalogue, routine_id: str) -> Routine | None:
    """The routine with that id, or the one-exercise routine a "just-<exercise>" id names."""
    found = catalogue.routine(routine_id)
    if found is None and routine_id.startswith("just-"):
        exercise = catalogue.exercise(routine_id.removeprefix("just-"))
        found = Routine.single(exercise) if exercise is not None else None
    return found
