"""The session engine: a pure state machine that walks a routine cue by cue, set by set.

It knows nothing of the screen. The UI calls an action for each key (and `tick()` a few times a
second), saves after any action that returns events, and rings the bell when an event says so.
Time comes from an injected monotonic clock, so tests drive it by hand.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from tui.catalogue.model import Cue, Exercise, Routine
from tui.session.countdown import Countdown
from tui.session.model import (
    OUTCOME_DONE,
    OUTCOME_SKIPPED,
    Event,
    Phase,
    SetRecord,
    Slot,
    build_slots,
    gap_between,
)
from tui.session.snapshot import SNAPSHOT_VERSION, SnapshotError, parse_snapshot

__all__ = [
    "DEFAULT_EXTRA_REST_SECONDS",
    "Event",
    "Phase",
    "SessionEngine",
    "SetRecord",
    "Slot",
    "SnapshotError",
    "build_slots",
]

DEFAULT_EXTRA_REST_SECONDS = 15
"""How much one press of the 'more rest' key adds to a rest or switch."""

Clock = Callable[[], float]
WallClock = Callable[[], datetime]


def _local_now() -> datetime:
    return datetime.now().astimezone()


class SessionEngine:
    """The state of one run through a routine, changed only by its actions.

    Between slots the position stays on the slot just finished while a switch or rest counts
    down; `next_slot()` says what comes after it. When finished the position is one past the
    last slot and `current_slot` is None.
    """

    def __init__(
        self, routine: Routine, *, clock: Clock = time.monotonic, now: WallClock = _local_now
    ) -> None:
        self._routine = routine
        self._slots = build_slots(routine)
        self._clock = clock
        self._now = now
        self._started_at = now().isoformat(timespec="seconds")
        self._index = 0
        self._phase = Phase.DONE
        self._cue_index = 0
        self._timer: Countdown | None = None
        self._records: dict[int, SetRecord] = {}
        self._elapsed_total = 0.0
        self._elapsed_since: float | None = None
        if self._slots:
            self._phase = self._ready_phase(self._slots[0])
        self._sync_elapsed()

    # ----------------------------------------------------------------- queries

    @property
    def routine(self) -> Routine:
        """The routine being done."""
        return self._routine

    @property
    def slots(self) -> tuple[Slot, ...]:
        """Every slot of the plan, in order."""
        return self._slots

    @property
    def phase(self) -> Phase:
        """Where the session is inside the current slot."""
        return self._phase

    @property
    def slot_index(self) -> int:
        """Index of the current slot; equal to `planned_count` when finished."""
        return self._index

    @property
    def current_slot(self) -> Slot | None:
        """The slot being done (or just done, during a switch or rest); None when finished."""
        return None if self._phase is Phase.DONE else self._slots[self._index]

    @property
    def exercise(self) -> Exercise | None:
        """The exercise of the current slot, if any."""
        slot = self.current_slot
        return None if slot is None else slot.exercise

    @property
    def step_index(self) -> int | None:
        """0-based index of the current routine step, for 'Exercise 2 of 4'."""
        slot = self.current_slot
        return None if slot is None else slot.step_index

    @property
    def step_count(self) -> int:
        """How many steps (exercises) the routine has."""
        return len(self._routine.steps)

    @property
    def set_number(self) -> int | None:
        """1-based set number of the current slot."""
        slot = self.current_slot
        return None if slot is None else slot.set_number

    @property
    def set_count(self) -> int | None:
        """How many sets the current exercise has."""
        slot = self.current_slot
        return None if slot is None else slot.set_count

    @property
    def side(self) -> str | None:
        """'left', 'right', or None for an unsided slot (or when finished)."""
        slot = self.current_slot
        return None if slot is None else slot.side

    @property
    def cue_index(self) -> int:
        """0-based index of the highlighted cue of the current exercise."""
        return self._cue_index

    @property
    def cue(self) -> Cue | None:
        """The highlighted cue, if the current exercise has any."""
        exercise = self.exercise
        if exercise is None or not exercise.cues:
            return None
        return exercise.cues[self._cue_index]

    @property
    def is_paused(self) -> bool:
        """True while a countdown is paused."""
        return self._timer is not None and self._timer.paused

    @property
    def is_finished(self) -> bool:
        """True once every slot is done or skipped."""
        return self._phase is Phase.DONE

    @property
    def timer_total(self) -> float | None:
        """Full length of the running countdown (including rest added), or None."""
        return None if self._timer is None else self._timer.duration

    def timer_remaining(self) -> float | None:
        """Seconds left on the countdown, or None when nothing counts down."""
        return None if self._timer is None else self._timer.remaining(self._clock())

    @property
    def records(self) -> tuple[SetRecord, ...]:
        """One record per done or skipped slot, in plan order."""
        return tuple(self._records[index] for index in sorted(self._records))

    def record_for(self, slot_index: int) -> SetRecord | None:
        """The record of one slot, if it was done or skipped."""
        return self._records.get(slot_index)

    @property
    def done_count(self) -> int:
        """How many slots were done (not skipped)."""
        return sum(1 for record in self._records.values() if record.is_done)

    @property
    def planned_count(self) -> int:
        """How many slots the plan has."""
        return len(self._slots)

    @property
    def skipped_exercise_ids(self) -> tuple[str, ...]:
        """Ids of exercises with skipped slots, in plan order, each once."""
        ids: dict[str, None] = {}
        for record in self.records:
            if record.outcome == OUTCOME_SKIPPED:
                ids.setdefault(record.exercise_id)
        return tuple(ids)

    @property
    def started_at(self) -> str:
        """ISO-8601 wall time the session began."""
        return self._started_at

    def elapsed_seconds(self) -> float:
        """Active seconds since the start: pauses excluded, frozen once finished."""
        if self._elapsed_since is None:
            return self._elapsed_total
        return self._elapsed_total + (self._clock() - self._elapsed_since)

    def progress(self) -> float:
        """Share of slots done or skipped, from 0.0 to 1.0."""
        if not self._slots:
            return 1.0
        return len(self._records) / len(self._slots)

    def next_slot(self) -> Slot | None:
        """The slot after the current slot or countdown, for 'Next: …'; None at the end."""
        following = self._index + 1
        if self._phase is Phase.DONE or following >= len(self._slots):
            return None
        return self._slots[following]

    def remaining_seconds_estimate(self) -> float:
        """Estimated seconds to the end: what is left of the countdown, then work and gaps."""
        if self._phase is Phase.DONE:
            return 0.0
        now = self._clock()
        total = 0.0 if self._timer is None else self._timer.remaining(now)
        counting_down_to_next = self._phase in (Phase.SWITCH, Phase.REST)
        first = self._index + 1 if counting_down_to_next else self._index
        if self._phase is not Phase.HOLD:
            total += self._slots[first].work_seconds
        for index in range(first + 1, len(self._slots)):
            total += gap_between(self._routine, self._slots[index - 1], self._slots[index])[1]
            total += self._slots[index].work_seconds
        return total

    # ----------------------------------------------------------------- actions

    def main_action(self) -> list[Event]:
        """The main key: finish reps, start or end a hold, or cut a countdown short."""
        events: list[Event]
        if self._phase is Phase.WORK:
            slot = self._slots[self._index]
            self._record(slot, OUTCOME_DONE, reps=slot.dosage.reps)
            events = [Event.SLOT_DONE, *self._leave(slot)]
        elif self._phase is Phase.HOLD_READY:
            seconds = float(self._slots[self._index].dosage.hold_seconds or 0)
            self._timer = Countdown.start(seconds, self._clock())
            self._phase = Phase.HOLD
            events = [Event.HOLD_STARTED]
        elif self._phase is Phase.HOLD:
            events = [Event.HOLD_STOPPED, *self._end_hold()]
        elif self._phase is Phase.SWITCH:
            events = [Event.SWITCH_SKIPPED, *self._enter(self._index + 1)]
        elif self._phase is Phase.REST:
            events = [Event.REST_SKIPPED, *self._enter(self._index + 1)]
        else:
            events = []
        self._sync_elapsed()
        return events

    def tick(self) -> list[Event]:
        """Finish the running countdown if it has reached zero; only that one, however late."""
        timer = self._timer
        if timer is None or timer.paused or timer.remaining(self._clock()) > 0:
            return []
        if self._phase is Phase.HOLD:
            events = [Event.HOLD_ENDED, *self._end_hold()]
        elif self._phase is Phase.SWITCH:
            events = [Event.SWITCH_ENDED, *self._enter(self._index + 1)]
        else:
            events = [Event.REST_ENDED, *self._enter(self._index + 1)]
        self._sync_elapsed()
        return events

    def next_cue(self) -> list[Event]:
        """Highlight the next cue of the current exercise, if there is one."""
        return self._move_cue(1)

    def previous_cue(self) -> list[Event]:
        """Highlight the previous cue of the current exercise, if there is one."""
        return self._move_cue(-1)

    def skip_exercise(self) -> list[Event]:
        """Mark every slot of the current exercise not yet done as skipped and go to the next."""
        if self._phase is Phase.DONE:
            return []
        step_index = self._slots[self._index].step_index
        step_slots = [slot for slot in self._slots if slot.step_index == step_index]
        for slot in step_slots:
            existing = self._records.get(slot.index)
            if existing is None or not existing.is_done:
                self._record(slot, OUTCOME_SKIPPED)
        self._timer = None
        events = [Event.EXERCISE_SKIPPED, *self._enter(step_slots[-1].index + 1)]
        self._sync_elapsed()
        return events

    def back_exercise(self) -> list[Event]:
        """Go to the previous exercise (or the start of the first), clearing its skips."""
        if not self._slots:
            return []
        if self._phase is Phase.DONE:
            target = self._slots[-1].step_index
        else:
            target = max(self._slots[self._index].step_index - 1, 0)
        step_slots = [slot for slot in self._slots if slot.step_index == target]
        cleared = False
        for slot in step_slots:
            existing = self._records.get(slot.index)
            if existing is not None and not existing.is_done:
                del self._records[slot.index]
                cleared = True
        position = next(
            (slot for slot in step_slots if slot.index not in self._records), step_slots[0]
        )
        phase = self._ready_phase(position)
        unchanged = (
            not cleared
            and self._index == position.index
            and self._phase is phase
            and self._cue_index == 0
            and self._timer is None
        )
        if unchanged:
            return []
        self._index = position.index
        self._phase = phase
        self._cue_index = 0
        self._timer = None
        self._sync_elapsed()
        return [Event.WENT_BACK]

    def undo_set(self) -> list[Event]:
        """Take back the last set (or side) done before this point and return to it, ready.

        For a key pressed by mistake: its record goes, and any countdown after it stops.
        Skips are taken back with `back_exercise` instead; a finished session stays finished.
        """
        if self._phase is Phase.DONE:
            return []
        counting_down = self._phase in (Phase.SWITCH, Phase.REST)
        position = self._index + 1 if counting_down else self._index
        earlier = [
            index for index, record in self._records.items() if record.is_done and index < position
        ]
        if not earlier:
            return []
        target = self._slots[max(earlier)]
        del self._records[target.index]
        if target.step_index != self._slots[self._index].step_index:
            self._cue_index = 0
        self._index = target.index
        self._phase = self._ready_phase(target)
        self._timer = None
        self._sync_elapsed()
        return [Event.SET_UNDONE]

    def toggle_pause(self) -> list[Event]:
        """Pause or resume the running countdown; nothing happens when none is running."""
        timer = self._timer
        if timer is None:
            return []
        if timer.paused:
            timer.resume(self._clock())
            event = Event.RESUMED
        else:
            timer.pause(self._clock())
            event = Event.PAUSED
        self._sync_elapsed()
        return [event]

    def add_rest(self, seconds: int = DEFAULT_EXTRA_REST_SECONDS) -> list[Event]:
        """Lengthen the current rest or switch countdown; nothing happens otherwise."""
        if self._timer is None or self._phase not in (Phase.REST, Phase.SWITCH) or seconds <= 0:
            return []
        self._timer.extend(self._clock(), float(seconds))
        return [Event.REST_EXTENDED]

    # ------------------------------------------------------------ save/restore

    def snapshot(self) -> dict[str, Any]:
        """The whole state as plain JSON values, without the routine itself."""
        timer: dict[str, Any] | None = None
        if self._timer is not None:
            timer = {
                "duration": self._timer.duration,
                "remaining": self._timer.remaining(self._clock()),
                "paused": self._timer.paused,
            }
        return {
            "version": SNAPSHOT_VERSION,
            "routine_id": self._routine.id,
            "slot_index": self._index,
            "phase": str(self._phase),
            "cue_index": self._cue_index,
            "records": [record.to_dict() for record in self.records],
            "skipped_exercise_ids": list(self.skipped_exercise_ids),
            "timer": timer,
            "elapsed_seconds": self.elapsed_seconds(),
            "started_at": self._started_at,
        }

    @classmethod
    def restore(
        cls,
        routine: Routine,
        snapshot: object,
        *,
        clock: Clock = time.monotonic,
        now: WallClock = _local_now,
    ) -> SessionEngine:
        """Rebuild an engine from `snapshot()`; a running countdown resumes where it was."""
        engine = cls(routine, clock=clock, now=now)
        try:
            state = parse_snapshot(routine, engine._slots, snapshot)
        except SnapshotError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as error:
            raise SnapshotError(f"snapshot could not be read: {error}") from error
        engine._index = state.slot_index
        engine._phase = state.phase
        engine._cue_index = state.cue_index
        engine._records = dict(state.records)
        engine._started_at = state.started_at
        engine._timer = None
        if state.timer is not None:
            saved = state.timer
            engine._timer = Countdown(saved.duration, saved.remaining, clock(), saved.paused)
        engine._elapsed_total = state.elapsed_seconds
        engine._elapsed_since = None
        engine._sync_elapsed()
        return engine

    # ---------------------------------------------------------------- internal

    @staticmethod
    def _ready_phase(slot: Slot) -> Phase:
        return Phase.HOLD_READY if slot.is_hold else Phase.WORK

    def _record(
        self, slot: Slot, outcome: str, reps: int | None = None, seconds: int | None = None
    ) -> None:
        self._records[slot.index] = SetRecord(
            slot_index=slot.index,
            exercise_id=slot.exercise.id,
            exercise_name=slot.exercise.name,
            set_number=slot.set_number,
            side=slot.side,
            reps=reps,
            seconds=seconds,
            outcome=outcome,
            at=self._now().isoformat(timespec="seconds"),
        )

    def _end_hold(self) -> list[Event]:
        """Record the current hold done with the seconds actually held, and move on."""
        slot = self._slots[self._index]
        timer = self._timer
        held = 0.0 if timer is None else timer.duration - timer.remaining(self._clock())
        full = slot.dosage.hold_seconds or 0
        self._record(slot, OUTCOME_DONE, seconds=min(max(round(held), 0), full))
        return [Event.SLOT_DONE, *self._leave(slot)]

    def _leave(self, slot: Slot) -> list[Event]:
        """After a slot is done: count down to the next slot, go straight to it, or finish."""
        following = slot.index + 1
        if following >= len(self._slots):
            return self._enter(following)
        phase, seconds = gap_between(self._routine, slot, self._slots[following])
        if seconds <= 0:
            return self._enter(following)
        self._index = slot.index
        self._phase = phase
        self._timer = Countdown.start(seconds, self._clock())
        return [Event.SWITCH_STARTED if phase is Phase.SWITCH else Event.REST_STARTED]

    def _enter(self, index: int) -> list[Event]:
        """Make slot `index` current and ready (or finish past the last slot)."""
        self._timer = None
        if index >= len(self._slots):
            self._index = len(self._slots)
            self._phase = Phase.DONE
            self._cue_index = 0
            return [Event.FINISHED]
        slot = self._slots[index]
        events: list[Event] = []
        if self._slots[self._index].step_index != slot.step_index:
            self._cue_index = 0
            events.append(Event.EXERCISE_STARTED)
        self._index = index
        self._phase = self._ready_phase(slot)
        events.append(Event.SLOT_STARTED)
        return events

    def _move_cue(self, delta: int) -> list[Event]:
        exercise = self.exercise
        if exercise is None or not exercise.cues:
            return []
        moved = min(max(self._cue_index + delta, 0), len(exercise.cues) - 1)
        if moved == self._cue_index:
            return []
        self._cue_index = moved
        return [Event.CUE_CHANGED]

    def _sync_elapsed(self) -> None:
        """Start or stop the active-time clock to match the state: stopped when paused or done."""
        should_run = self._phase is not Phase.DONE and not self.is_paused
        if should_run and self._elapsed_since is None:
            self._elapsed_since = self._clock()
        elif not should_run and self._elapsed_since is not None:
            self._elapsed_total += self._clock() - self._elapsed_since
            self._elapsed_since = None
