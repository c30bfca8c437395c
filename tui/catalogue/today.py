"""Adjusting today's session only: fewer sets, other reps or holds, the saved routine untouched.

The adjusted routine keeps its id and name, so history counts it as the same routine; the
session saves the plan it runs (`tui.session.record.active_document`) and the sets done.
"""

from __future__ import annotations

from collections.abc import Mapping

from tui.catalogue.loader import Reader
from tui.catalogue.model import Dosage, DosageOrigin, Routine, RoutineStep

TodayValue = int | bool | DosageOrigin


class AdjustError(ValueError):
    """Today's changes break the loader's rules; `problems` has one line each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def adjust_today(
    routine: Routine, changes: Mapping[str, TodayValue], *, step: int | None = None
) -> Routine:
    """The routine with dosage `changes` on step `step` (from 0), or on every step if None.

    `changes` are dosage fields as a step's `dosage` gives them (`{"sets": 1, "reps": 6}`),
    checked with the loader's rules: giving reps replaces a hold, and a hold replaces reps.
    Raises `AdjustError` (the loader's words) or IndexError for a step that isn't there.
    """
    if step is not None and not 0 <= step < len(routine.steps):
        raise IndexError(f"there is no step {step + 1} (there are {len(routine.steps)})")
    reader = Reader("today")
    data = {
        name: value.value if isinstance(value, DosageOrigin) else value
        for name, value in changes.items()
    }
    parsed = reader.dosage_changes(data, "dosage", partial=True)
    if parsed is None or reader.messages:
        raise AdjustError([f"{path}: {message}" for path, message in reader.messages])
    steps = tuple(
        RoutineStep.with_overrides(s.exercise, {**dict(s.overrides), **parsed}, note=s.note)
        if step is None or index == step
        else s
        for index, s in enumerate(routine.steps)
    )
    return routine._replace(steps=steps)


def today_changes(original: Routine, adjusted: Routine) -> dict[int, tuple[Dosage, Dosage]]:
    """The steps whose dosage differs today: step index -> (usual dosage, today's)."""
    return {
        index: (before.dosage, after.dosage)
        for index, (before, after) in enumerate(zip(original.steps, adjusted.steps, strict=True))
        if before.dosage != after.dosage
    }
