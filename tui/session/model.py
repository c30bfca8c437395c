"""Typed values of a session: the slot plan, phases, events and per-slot records."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from tui.catalogue.model import Dosage, Exercise, Routine, RoutineStep
from tui.catalogue.timing import SECONDS_PER_REP, work_seconds

OUTCOME_DONE = "done"
OUTCOME_SKIPPED = "skipped"
OUTCOMES = (OUTCOME_DONE, OUTCOME_SKIPPED)


class Phase(StrEnum):
    """Where the session is inside the current slot."""

    GET_READY = "get_ready"
    """Hands-free only: a short countdown to get in position; then the hold or the reps start."""
    WORK = "work"
    """A rep slot: waiting for the main key, or (hands-free) counting the reps at a tempo."""
    HOLD_READY = "hold_ready"
    """A hold slot, waiting for the person to start the hold (never hands-free)."""
    HOLD = "hold"
    """A hold counting down."""
    SWITCH = "switch"
    """A short countdown between the left and right side of the same set."""
    REST = "rest"
    """A countdown between sets, or between exercises."""
    DONE = "done"
    """Every slot is done or skipped."""


COUNTDOWN_PHASES = frozenset({Phase.GET_READY, Phase.HOLD, Phase.SWITCH, Phase.REST})
"""Phases that always have a timer (WORK has one too while hands-free paces the reps)."""

WARNED_PHASES = frozenset({Phase.GET_READY, Phase.HOLD, Phase.SWITCH, Phase.REST})
"""Phases whose last three seconds are announced one by one, when warnings are on."""


class Event(StrEnum):
    """Something an action changed; the UI saves after any that `changes_state`."""

    SLOT_STARTED = "slot_started"
    EXERCISE_STARTED = "exercise_started"
    SLOT_DONE = "slot_done"
    GET_READY_STARTED = "get_ready_started"
    GET_READY_ENDED = "get_ready_ended"
    HOLD_STARTED = "hold_started"
    HOLD_ENDED = "hold_ended"
    HOLD_STOPPED = "hold_stopped"
    PACE_STARTED = "pace_started"
    """Hands-free reps began counting at their tempo; this is also the first rep."""
    REP_STARTED = "rep_started"
    """The next rep of a paced set (the second onwards): a tick for an optional sound."""
    PACE_ENDED = "pace_ended"
    PACE_STOPPED = "pace_stopped"
    SWITCH_STARTED = "switch_started"
    SWITCH_ENDED = "switch_ended"
    SWITCH_SKIPPED = "switch_skipped"
    REST_STARTED = "rest_started"
    REST_ENDED = "rest_ended"
    REST_SKIPPED = "rest_skipped"
    REST_EXTENDED = "rest_extended"
    COUNT_3 = "count_3"
    """Three seconds left of a get-ready, hold, switch or rest (only with warnings on)."""
    COUNT_2 = "count_2"
    COUNT_1 = "count_1"
    CUE_CHANGED = "cue_changed"
    EXERCISE_SKIPPED = "exercise_skipped"
    WENT_BACK = "went_back"
    SET_UNDONE = "set_undone"
    PAUSED = "paused"
    RESUMED = "resumed"
    HANDS_FREE_ON = "hands_free_on"
    HANDS_FREE_OFF = "hands_free_off"
    FINISHED = "finished"

    @property
    def rings_bell(self) -> bool:
        """True for a countdown that ran out on its own, which the person may not be watching."""
        return self in _BELL_EVENTS

    @property
    def seconds_left(self) -> int | None:
        """3, 2 or 1 for a count event; None for every other event."""
        return _COUNTS.get(self)

    @property
    def changes_state(self) -> bool:
        """False for announcements (counts, rep ticks): a save can wait for the next change.

        Unsaved, the worst a resumed session does is announce the same count or rep again.
        """
        return self not in _ANNOUNCEMENTS


_BELL_EVENTS = frozenset(
    {
        Event.GET_READY_ENDED,
        Event.HOLD_ENDED,
        Event.PACE_ENDED,
        Event.SWITCH_ENDED,
        Event.REST_ENDED,
    }
)
_COUNTS = {Event.COUNT_3: 3, Event.COUNT_2: 2, Event.COUNT_1: 1}
COUNT_EVENTS = {seconds: event for event, seconds in _COUNTS.items()}
"""The count event for each of the last three seconds."""
_ANNOUNCEMENTS = frozenset({*_COUNTS, Event.REP_STARTED})


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

    @property
    def rep_count(self) -> int:
        """Reps in this slot (0 for a hold)."""
        return 0 if self.is_hold else self.step.dosage.reps or 0

    @property
    def tempo_seconds(self) -> int:
        """Seconds per rep when the reps are paced: the dosage's tempo, or the default."""
        return self.step.dosage.tempo_seconds or SECONDS_PER_REP


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
