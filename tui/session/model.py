"""Typed values of a session: the slot plan, phases, events and per-slot records."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from tui.catalogue.model import Dosage, Exercise, Routine, RoutineStep
from tui.catalogue.timing import work_seconds

OUTCOME_DONE = "done"
OUTCOME_SKIPPED = "skipped"
OUTCOMES = (OUTCOME_DONE, OUTCOME_SKIPPED)


class Phase(StrEnum):
    """Where the session is inside the current slot."""

    WORK = "work"
    """A rep slot, waiting for the person to finish and press the main key."""
    HOLD_READY = "hold_ready"
    """A hold slot, waiting for the person to start the hold."""
    HOLD = "hold"
    """A hold counting down."""
    SWITCH = "switch"
    """A short countdown between the left and right side of the same set."""
    REST = "rest"
    """A countdown between sets, or between exercises."""
    DONE = "done"
    """Every slot is done or skipped."""


COUNTDOWN_PHASES = frozenset({Phase.HOLD, Phase.SWITCH, Phase.REST})
"""Phases that always have a timer."""


class Event(StrEnum):
    """Something an action changed; the UI saves after any, and rings on some."""

    SLOT_STARTED = "slot_started"
    EXERCISE_STARTED = "exercise_started"
    SLOT_DONE = "slot_done"
    HOLD_STARTED = "hold_started"
    HOLD_ENDED = "hold_ended"
    HOLD_STOPPED = "hold_stopped"
    SWITCH_STARTED = "switch_started"
    SWITCH_ENDED = "switch_ended"
    SWITCH_SKIPPED = "switch_skipped"
    REST_STARTED = "rest_started"
    REST_ENDED = "rest_ended"
    REST_SKIPPED = "rest_skipped"
    REST_EXTENDED = "rest_extended"
    CUE_CHANGED = "cue_changed"
    EXERCISE_SKIPPED = "exercise_skipped"
    WENT_BACK = "went_back"
    SET_UNDONE = "set_undone"
    PAUSED = "paused"
    RESUMED = "resumed"
    FINISHED = "finished"

    @property
    def rings_bell(self) -> bool:
        """True for a countdown that ran out on its own, which the person may not be watching."""
        return self in _BELL_EVENTS


_BELL_EVENTS = frozenset({Event.HOLD_ENDED, Event.SWITCH_ENDED, Event.REST_ENDED})


@dataclass(frozen=True)
class Slot:
    """One set on one side of one routine step: the unit the session moves through."""

    index: int
    step_index: int
    set_number: int
    set_count: int
    side: str | None
    step: RoutineStep

    @property
    def exercise(self) -> Exercise:
        """The exercise this slot belongs to."""
        return self.step.exercise

    @property
    def dosage(self) -> Dosage:
        """The dosage used for this step of the routine."""
        return self.step.dosage

    @property
    def is_hold(self) -> bool:
        """True when the slot is a timed hold rather than a count of reps."""
        return self.step.dosage.is_hold

    @property
    def work_seconds(self) -> int:
        """Estimated seconds of work in this slot."""
        return work_seconds(self.step.dosage)


def build_slots(routine: Routine) -> tuple[Slot, ...]:
    """Every slot of a routine in order: step by step, set by set, side by side."""
    slots: list[Slot] = []
    for step_index, step in enumerate(routine.steps):
        dosage = step.dosage
        for set_number in range(1, dosage.sets + 1):
            for side in dosage.sides:
                slots.append(
                    Slot(
                        index=len(slots),
                        step_index=step_index,
                        set_number=set_number,
                        set_count=dosage.sets,
                        side=side,
                        step=step,
                    )
                )
    return tuple(slots)


def gap_between(routine: Routine, before: Slot, after: Slot) -> tuple[Phase, int]:
    """The countdown between two consecutive slots: a switch of sides or a rest, and its seconds."""
    if before.step_index != after.step_index:
        return Phase.REST, routine.rest_between_exercises_seconds
    if before.set_number == after.set_number:
        return Phase.SWITCH, before.dosage.switch_seconds
    return Phase.REST, before.dosage.rest_seconds


@dataclass(frozen=True)
class SetRecord:
    """What happened to one slot: done (with reps or seconds held) or skipped."""

    slot_index: int
    exercise_id: str
    exercise_name: str
    set_number: int
    side: str | None
    reps: int | None
    seconds: int | None
    outcome: str
    at: str

    @property
    def is_done(self) -> bool:
        """True when the slot was done rather than skipped."""
        return self.outcome == OUTCOME_DONE

    def to_dict(self) -> dict[str, str | int | None]:
        """The record as plain JSON values."""
        return {
            "slot_index": self.slot_index,
            "exercise_id": self.exercise_id,
            "exercise_name": self.exercise_name,
            "set_number": self.set_number,
            "side": self.side,
            "reps": self.reps,
            "seconds": self.seconds,
            "outcome": self.outcome,
            "at": self.at,
        }
