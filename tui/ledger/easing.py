"""An easier day: what loosen suggests after a pain of 7 or more before a session."""

from __future__ import annotations

from tui.catalogue.model import Dosage, Routine
from tui.catalogue.today import TodayValue, adjust_today

REPS_STEP = 2
HOLD_STEP = 5


def eased(dosage: Dosage) -> dict[str, TodayValue]:
    """One set fewer; at one set already, 2 reps fewer or a 5 s shorter hold (never below 1)."""
    if dosage.sets > 1:
        return {"sets": dosage.sets - 1}
    if dosage.hold_seconds is not None:
        return {"hold_seconds": max(HOLD_STEP, dosage.hold_seconds - HOLD_STEP)}
    if dosage.reps is not None:
        return {"reps": max(1, dosage.reps - REPS_STEP)}
    return {}


def easier_day(routine: Routine) -> Routine:
    """The routine for today only, every step eased (same id: history counts it as itself)."""
    for index, step in enumerate(routine.steps):
        changes = eased(step.dosage)
        if changes:
            routine = adjust_today(routine, changes, step=index)
    return routine
