"""History's figures in one pass over the sessions: for all routines and for each one.

The history screen shows the same figures for every routine filter, so one pass over the
summaries keeps a `Tally` for all of history and one per routine. Only exercises that
appear in history are tallied: the size of the catalogue costs nothing here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from tui.history.stats import (
    Calendar,
    current_streak,
    done_exercises,
    longest_streak,
    session_day,
    weekly_counts,
)
from tui.history.stats import calendar as calendar_grid
from tui.storage.types import Session

RECENT_DAYS = 30
"""The per-exercise window: today and the 29 days before it."""


class ExerciseFigure(NamedTuple):
    """One exercise's line: its name, when it was last done, how often in the last 30 days."""

    name: str
    last_done: date
    times_last_30_days: int


@dataclass
class _ExerciseTally:
    last_done: date
    recent: int = 0


@dataclass
class Tally:
    """What one set of sessions (all of history, or one routine's) adds up to."""

    listed: int = 0
    """Sessions in history, each a row of the table, counting or not."""
    counted: int = 0
    """Of those, the sessions that count (at least one done set)."""
    days: Counter[date] = field(default_factory=Counter)
    """Counting sessions per local day."""
    exercises: dict[str, _ExerciseTally] = field(default_factory=dict)
    """Per exercise id, over counting sessions up to today."""


@dataclass(frozen=True)
class Figures:
    """Everything the history screen shows above its table, for one filter."""

    streak: int
    longest: int
    listed: int
    counted: int
    calendar: Calendar
    weekly: list[int]
    exercises: list[ExerciseFigure]


class HistoryTally:
    """Tallies for all of history and per routine id, added to a batch of summaries at a time."""

    def __init__(self, today: date) -> None:
        self.today = today
        self.all = Tally()
        self.routines: dict[str, Tally] = {}
        self.routine_names: dict[str, str] = {}
        """Each routine id's name as its newest session (the first added) recorded it."""
        self.exercise_names: dict[str, str] = {}
        """Each exercise id's name as its newest counting session recorded it."""
        self._window_start = today - timedelta(days=RECENT_DAYS - 1)

    def of(self, routine_id: str | None) -> Tally:
        """The tally of one routine's sessions, or of all of them (None)."""
        if routine_id is None:
            return self.all
        return self.routines.get(routine_id) or Tally()

    def add(self, summaries: Iterable[Session]) -> None:
        """Count these summaries in, best newest first (names are taken from the first seen)."""
        today, window_start = self.today, self._window_start
        names = self.exercise_names
        for summary in summaries:
            routine_id = str(summary.get("routine_id", ""))
            mine = self.routines.get(routine_id)
            if mine is None:
                mine = self.routines[routine_id] = Tally()
                self.routine_names[routine_id] = str(summary.get("routine_name") or routine_id)
            pair = (self.all, mine)
            for tally in pair:
                tally.listed += 1
            done = done_exercises(summary)
            if not done:
                continue
            day = session_day(summary)
            for tally in pair:
                tally.counted += 1
                tally.days[day] += 1
            if day > today:
                continue  # a clock that was wrong: no "last done" in the future
            recent = day >= window_start
            for exercise_id in done:
                if exercise_id not in names:
                    names[exercise_id] = _exercise_name(summary, exercise_id)
                for tally in pair:
                    found = tally.exercises.get(exercise_id)
                    if found is None:
                        found = tally.exercises[exercise_id] = _ExerciseTally(day)
                    elif day > found.last_done:
                        found.last_done = day
                    if recent:
                        found.recent += 1

    def figures(self, routine_id: str | None) -> Figures:
        """The figures of one routine (or all, None) as of `today`."""
        tally = self.of(routine_id)
        today = self.today
        days = set(tally.days)
        exercises = [
            ExerciseFigure(self.exercise_names.get(key, key), found.last_done, found.recent)
            for key, found in tally.exercises.items()
        ]
        # Most recently done first; among those, the most often done, then by name.
        exercises.sort(key=_recent_first)
        return Figures(
            streak=current_streak(days, today),
            longest=longest_streak(days),
            listed=tally.listed,
            counted=tally.counted,
            calendar=calendar_grid(tally.days, today),
            weekly=weekly_counts(tally.days, today),
            exercises=exercises,
        )


def _exercise_name(summary: Session, exercise_id: str) -> str:
    for exercise in summary.get("exercises") or ():
        if isinstance(exercise, dict) and exercise.get("id") == exercise_id:
            return str(exercise.get("name") or exercise_id)
    return exercise_id


def _recent_first(figure: ExerciseFigure) -> tuple[int, int, str]:
    return -figure.last_done.toordinal(), -figure.times_last_30_days, figure.name
