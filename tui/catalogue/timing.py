"""Time estimates for exercises and routines, shared by the catalogue and the session."""

from __future__ import annotations

from tui.catalogue.model import Dosage, Routine

SECONDS_PER_REP = 3
"""Our estimate for one controlled mobility rep, unless the dosage gives a tempo."""


def work_seconds(dosage: Dosage) -> int:
    """Estimated seconds of work in one set on one side."""
    if dosage.hold_seconds is not None:
        return dosage.hold_seconds
    return (dosage.reps or 0) * (dosage.tempo_seconds or SECONDS_PER_REP)


def dosage_seconds(dosage: Dosage) -> int:
    """Estimated seconds for every set and side of a dosage, with the rests between them."""
    sides = len(dosage.sides)
    work = work_seconds(dosage) * sides * dosage.sets
    switches = dosage.switch_seconds * (sides - 1) * dosage.sets
    rests = dosage.rest_seconds * (dosage.sets - 1)
    return work + switches + rests


def routine_seconds(routine: Routine) -> int:
    """Estimated seconds for a whole routine, with the rests between exercises."""
    steps = sum(dosage_seconds(step.dosage) for step in routine.steps)
    between = routine.rest_between_exercises_seconds * max(len(routine.steps) - 1, 0)
    return steps + between


def routine_minutes(routine: Routine) -> int:
    """Estimated whole minutes for a routine, never less than one."""
    return max(1, round(routine_seconds(routine) / 60))
