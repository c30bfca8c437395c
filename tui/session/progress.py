"""How much of each exercise was done, counted in whole sets and in slots (sets or sides)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from tui.catalogue.model import Exercise
from tui.session.model import SetRecord, Slot


class StepStatus(StrEnum):
    """What became of one exercise of the routine."""

    DONE = "done"
    """Every set (and side) done."""
    PARTLY_DONE = "partly done"
    """Some sets or sides done, the rest skipped or not reached: say '2 of 3 sets'."""
    SKIPPED = "skipped"
    """Nothing done, and skipped."""
    NOT_REACHED = "not reached"
    """Nothing done or skipped yet."""


@dataclass(frozen=True)
class ExerciseProgress:
    """One routine step's tally.

    A *slot* is one set on one side: a per-side set has two. A *set* counts as done only when
    all its slots are done, so '1 of 2 sets' and '3 of 4 sides' can both be true.
    """

    step_index: int
    exercise: Exercise
    per_side: bool
    sets_done: int
    sets_planned: int
    slots_done: int
    slots_skipped: int
    slots_planned: int

    @property
    def status(self) -> StepStatus:
        """Done, partly done, skipped or not reached."""
        if self.slots_done == self.slots_planned:
            return StepStatus.DONE
        if self.slots_done > 0:
            return StepStatus.PARTLY_DONE
        return StepStatus.SKIPPED if self.slots_skipped else StepStatus.NOT_REACHED


def exercise_progress(
    slots: Iterable[Slot], records: Mapping[int, SetRecord]
) -> tuple[ExerciseProgress, ...]:
    """Each step's tally, in routine order, from the slot plan and the records by slot index."""
    by_step: dict[int, list[Slot]] = {}
    for slot in slots:
        by_step.setdefault(slot.step_index, []).append(slot)
    tallies = []
    for step_index, step_slots in by_step.items():
        sets: dict[int, bool] = {}
        done = skipped = 0
        for slot in step_slots:
            record = records.get(slot.index)
            is_done = record is not None and record.is_done
            done += is_done
            skipped += record is not None and not record.is_done
            sets[slot.set_number] = sets.get(slot.set_number, True) and is_done
        first = step_slots[0]
        tallies.append(
            ExerciseProgress(
                step_index=step_index,
                exercise=first.exercise,
                per_side=first.dosage.per_side,
                sets_done=sum(sets.values()),
                sets_planned=len(sets),
                slots_done=done,
                slots_skipped=skipped,
                slots_planned=len(step_slots),
            )
        )
    return tuple(tallies)
