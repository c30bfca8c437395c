"""The session engine: a pure state machine that walks a routine cue by cue, set by set.

It knows nothing of the screen. The UI calls an action for each key and `tick()` whenever the
time shown may change (`next_tick_in()` says when), saves after any events that change state,
and rings or notifies as `tui.session.alerts` says. Time comes from an injected monotonic clock,
so tests drive it by hand.

Hands-free mode (off by default; a flag at construction or `set_hands_free`) needs no key:
holds and paced reps start by themselves when the switch or rest before them runs out, or
after a short get-ready countdown (see `tui.session.pacing`); reps are counted at the step's
tempo and the set completes by itself. Every key still works at any time.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from tui.catalogue.model import Cue, Exercise, Routine
from tui.session.countdown import Countdown
from tui.session.model import (
    COUNT_EVENTS,
    OUTCOME_DONE,
    OUTCOME_SKIPPED,
    WARNED_PHASES,
    Event,
    Phase,
    SetRecord,
    Slot,
    build_slots,
    gap_between,
)
from tui.session.pacing import (
    GET_READY_SECONDS,
    pace_seconds,
    rep_in_progress,
    until_shown_change,
    until_whole_second,
)
from tui.session.progress import ExerciseProgress, exercise_progress
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
"""How much one press of the 'more rest' key adds to a rest, switch or get-ready."""

_EXTENDABLE = frozenset({Phase.REST, Phase.SWITCH, Phase.GET_READY})
"""Countdowns more rest can lengthen. Not a hold: its length is the dosage, and it is recorded."""

Clock = Callable[[], float]
WallClock = Callable[[], datetime]


def _local_now() -> datetime:
    return datetime.now().astimezone()


class SessionEngine:
    """The state of one run through a routine, changed only by its actions.

    Between slots the position stays on the slot just finished while a switch or rest counts
    down; `next_slot()` says what comes after it. When finished the position is one past the
    last slot and `current_slot` is None.

    `warnings` turns on the 3-2-1 count events before a get-ready, hold, switch or rest ends.
    It is a preference, not state: it is not saved, and `restore` takes it again.
    """

    def __init__(
        self,
        routine: Routine,
        *,
        clock: Clock = time.monotonic,
        now: WallClock = _local_now,
        hands_free: bool = False,
        warnings: bool = False,
    ) -> None:
        self.warnings = warnings
        self._hands_free = hands_free
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
            self._make_ready(self._slots[0], start_now=False)
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
    def counts_as_finished(self) -> bool:
        """True when finished with at least one set or side done.

        The rule for history: a session that reaches the end with nothing done (every exercise
        skipped) is recorded as abandoned, not finished.
        """
        return self.is_finished and self.done_count > 0

    @property
    def skip_would_finish(self) -> bool:
        """True when `skip_exercise` would end the session: the current exercise is the last.

        The UI asks before skipping then, so `n` never ends a session silently.
        """
        slot = self.current_slot
        return slot is not None and slot.step_index == self._slots[-1].step_index

    @property
    def hands_free(self) -> bool:
        """True when holds and paced reps start, and sets end, without a key."""
        return self._hands_free

    @property
    def is_paced(self) -> bool:
        """True while hands-free reps are being counted at their tempo."""
        return self._phase is Phase.WORK and self._timer is not None

    def rep_progress(self) -> tuple[int, int] | None:
        """(rep in progress, reps in the set) during a paced set, for 'rep 4 of 10'; else None."""
        slot = self.current_slot
        if not self.is_paced or slot is None or self._timer is None:
            return None
        elapsed = self._timer.elapsed(self._clock())
        return rep_in_progress(elapsed, slot.tempo_seconds, slot.rep_count), slot.rep_count

    @property
    def can_add_rest(self) -> bool:
        """True when `add_rest` would lengthen something now (a rest, switch or get-ready)."""
        return self._timer is not None and self._phase in _EXTENDABLE

    def next_tick_in(self) -> float | None:
        """Seconds until the time shown changes and `tick()` may have something to do.

        While a countdown runs: until its whole seconds (rounded up) change, which is also
        when a rep, a 3-2-1 count or the end falls due. Otherwise until the elapsed clock's
        next whole second. None while paused or finished: nothing changes until a key.
        Redraw then (the elapsed clock with it, up to a second late during a countdown), and
        schedule a few milliseconds later than asked, so the change has surely happened.
        """
        if self._phase is Phase.DONE:
            return None
        timer = self._timer
        if timer is not None:
            return None if timer.paused else until_shown_change(timer.remaining(self._clock()))
        return until_whole_second(self.elapsed_seconds())

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
        """How many slots were done (not skipped): sets, with each side of a per-side set once."""
        return sum(1 for record in self._records.values() if record.is_done)

    @property
    def planned_count(self) -> int:
        """How many slots the plan has: a set counts once per side, so these are 'sets or sides'."""
        return len(self._slots)

    def exercise_progress(self) -> tuple[ExerciseProgress, ...]:
        """Each exercise's sets and sides done, skipped and planned, in routine order."""
        return exercise_progress(self._slots, self._records)

    @property
    def done_set_count(self) -> int:
        """Whole sets done: a per-side set counts once, and only when both sides are done."""
        return sum(tally.sets_done for tally in self.exercise_progress())

    @property
    def planned_set_count(self) -> int:
        """Whole sets planned: a per-side set counts once (unlike `planned_count`)."""
        return sum(tally.sets_planned for tally in self.exercise_progress())

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

    def coming_up(self) -> Slot | None:
        """During a switch or rest, the slot it leads to ('Rest · next: set 2 of 3, left side').

        None in any other phase. Its `step_index` differs from the current slot's when the
        rest is between exercises: then the next exercise's name, dosage and cues are due.
        """
        return self.next_slot() if self._phase in (Phase.SWITCH, Phase.REST) else None

    def remaining_seconds_estimate(self) -> float:
        """Estimated seconds to the end: what is left of the countdown, then work and gaps."""
        if self._phase is Phase.DONE:
            return 0.0
        now = self._clock()
        total = 0.0 if self._timer is None else self._timer.remaining(now)
        counting_down_to_next = self._phase in (Phase.SWITCH, Phase.REST)
        first = self._index + 1 if counting_down_to_next else self._index
        if self._phase is not Phase.HOLD and not self.is_paced:
            total += self._slots[first].work_seconds
        for index in range(first + 1, len(self._slots)):
            total += gap_between(self._routine, self._slots[index - 1], self._slots[index])[1]
            total += self._slots[index].work_seconds
        return total

    # ----------------------------------------------------------------- actions

    def main_action(self) -> list[Event]:
        """The main key: finish reps, start or end a hold, or cut a countdown short.

        A paced set ended this way is recorded with all its reps, as without hands-free: the
        tempo is a guide, and the key says the set is done.
        """
        events: list[Event]
        phase = self._phase
        if phase is Phase.WORK:
            stopped = [Event.PACE_STOPPED] if self.is_paced else []
            events = [*stopped, *self._finish_reps()]
        elif phase in (Phase.HOLD_READY, Phase.GET_READY):
            events = self._begin(self._slots[self._index])
        elif phase is Phase.HOLD:
            events = [Event.HOLD_STOPPED, *self._end_hold()]
        elif phase is Phase.SWITCH:
            events = [Event.SWITCH_SKIPPED, *self._enter(self._index + 1)]
        elif phase is Phase.REST:
            events = [Event.REST_SKIPPED, *self._enter(self._index + 1)]
        else:
            events = []
        self._sync_elapsed()
        return events

    def tick(self) -> list[Event]:
        """Announce a rep or a 3-2-1 count that fell due, or finish the countdown that ran out.

        Only the current countdown is handled, however late the call: after a long sleep, one
        tick ends one countdown, and the next one starts from now.
        """
        timer = self._timer
        if timer is None or timer.paused:
            return []
        if timer.remaining(self._clock()) > 0:
            return self._announcements(timer)
        phase = self._phase
        if phase is Phase.HOLD:
            events = [Event.HOLD_ENDED, *self._end_hold()]
        elif phase is Phase.WORK:
            events = [Event.PACE_ENDED, *self._finish_reps()]
        elif phase is Phase.GET_READY:
            events = [Event.GET_READY_ENDED, *self._begin(self._slots[self._index])]
        elif phase is Phase.SWITCH:
            events = [Event.SWITCH_ENDED, *self._enter(self._index + 1, start_now=True)]
        else:
            events = [Event.REST_ENDED, *self._enter(self._index + 1, start_now=True)]
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
            and (self._timer is None or phase is Phase.GET_READY)
        )
        if unchanged:
            return []
        self._index = position.index
        self._cue_index = 0
        events = [Event.WENT_BACK, *self._make_ready(position, start_now=False)]
        self._sync_elapsed()
        return events

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
        events = [Event.SET_UNDONE, *self._make_ready(target, start_now=False)]
        self._sync_elapsed()
        return events

    def restart_clock(self) -> None:
        """Count active time from now, if nothing is done yet.

        The session is saved before its check-in questions (so no answer is lost); the
        time spent answering them is not time spent warming up.
        """
        if self._records:
            return
        self._elapsed_total = 0.0
        self._elapsed_since = None
        self._sync_elapsed()

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
        """Lengthen the current rest, switch or get-ready; nothing else (see `can_add_rest`)."""
        if self._timer is None or not self.can_add_rest or seconds <= 0:
            return []
        self._timer.extend(self._clock(), float(seconds))
        return [Event.REST_EXTENDED]

    def set_hands_free(self, on: bool) -> list[Event]:
        """Turn hands-free on or off; the slot waiting for a key starts its get-ready, and back.

        Turning it on while a rep slot or hold waits gives the get-ready countdown; turning it
        off during a get-ready or a paced set leaves the slot waiting for the key. A running
        hold, switch or rest carries on either way.
        """
        if on == self._hands_free:
            return []
        self._hands_free = on
        events = [Event.HANDS_FREE_ON if on else Event.HANDS_FREE_OFF]
        waiting = (Phase.WORK, Phase.HOLD_READY) if on else (Phase.WORK, Phase.GET_READY)
        if self._phase in waiting:
            events += self._make_ready(self._slots[self._index], start_now=False)
        self._sync_elapsed()
        return events

    # ------------------------------------------------------------ save/restore

    def snapshot(self) -> dict[str, Any]:
        """The whole state as plain JSON values, without the routine itself."""
        timer: dict[str, Any] | None = None
        if self._timer is not None:
            timer = {
                "duration": self._timer.duration,
                "remaining": self._timer.remaining(self._clock()),
                "paused": self._timer.paused,
                "warned": self._timer.warned,
                "reps_announced": self._timer.reps_announced,
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
            "hands_free": self._hands_free,
        }

    @classmethod
    def restore(
        cls,
        routine: Routine,
        snapshot: object,
        *,
        clock: Clock = time.monotonic,
        now: WallClock = _local_now,
        warnings: bool = False,
    ) -> SessionEngine:
        """Rebuild an engine from `snapshot()`; a running countdown resumes where it was.

        Snapshots of version 1 (before hands-free) are read as sessions with it off.
        """
        engine = cls(routine, clock=clock, now=now, warnings=warnings)
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
        engine._hands_free = state.hands_free
        engine._timer = None
        if state.timer is not None:
            saved = state.timer
            engine._timer = Countdown(
                saved.duration,
                saved.remaining,
                clock(),
                saved.paused,
                warned=saved.warned,
                reps_announced=saved.reps_announced,
            )
        engine._elapsed_total = state.elapsed_seconds
        engine._elapsed_since = None
        engine._sync_elapsed()
        return engine

    # ---------------------------------------------------------------- internal

    def _ready_phase(self, slot: Slot) -> Phase:
        """The phase a slot waits in before it starts: get-ready when hands-free, else a key."""
        if self._hands_free:
            return Phase.GET_READY
        return Phase.HOLD_READY if slot.is_hold else Phase.WORK

    def _start_timer(self, seconds: float) -> Countdown:
        self._timer = Countdown.start(seconds, self._clock())
        return self._timer

    def _make_ready(self, slot: Slot, *, start_now: bool) -> list[Event]:
        """Set up the current slot: waiting for a key, getting ready, or (hands-free) started."""
        self._timer = None
        if self._hands_free and start_now:
            return self._begin(slot)
        self._phase = self._ready_phase(slot)
        if self._phase is not Phase.GET_READY:
            return []
        self._start_timer(GET_READY_SECONDS)
        return [Event.GET_READY_STARTED]

    def _begin(self, slot: Slot) -> list[Event]:
        """Start the hold, or (hands-free) the paced reps, of the current slot."""
        if slot.is_hold:
            self._phase = Phase.HOLD
            self._start_timer(slot.dosage.hold_seconds or 0)
            return [Event.HOLD_STARTED]
        self._phase = Phase.WORK
        timer = self._start_timer(pace_seconds(slot.tempo_seconds, slot.rep_count))
        timer.reps_announced = min(slot.rep_count, 1)  # PACE_STARTED is the first rep
        return [Event.PACE_STARTED]

    def _announcements(self, timer: Countdown) -> list[Event]:
        """A rep or a 3-2-1 count due on a countdown still running, each announced once."""
        now = self._clock()
        if self._phase is Phase.WORK:
            slot = self._slots[self._index]
            rep = timer.take_rep(now, slot.tempo_seconds, slot.rep_count)
            return [Event.REP_STARTED] if rep else []
        if not self.warnings or self._phase not in WARNED_PHASES:
            return []
        second = timer.take_warning(now)
        return [] if second is None else [COUNT_EVENTS[second]]

    def _finish_reps(self) -> list[Event]:
        """Record the current rep slot done with all its reps, and move on."""
        slot = self._slots[self._index]
        self._record(slot, OUTCOME_DONE, reps=slot.dosage.reps)
        return [Event.SLOT_DONE, *self._leave(slot)]

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
        self._start_timer(seconds)
        return [Event.SWITCH_STARTED if phase is Phase.SWITCH else Event.REST_STARTED]

    def _enter(self, index: int, *, start_now: bool = False) -> list[Event]:
        """Make slot `index` current and ready (or finish past the last slot).

        `start_now` says a countdown ran out into it: hands-free, its hold or reps start at once.
        """
        self._timer = None
        if index >= len(self._slots):
            self._index = len(self._slots)
            self._phase = Phase.DONE
            self._cue_index = 0
            return [Event.FINISHED]
        slot = self._slots[index]
        before = self._slots[self._index]
        events: list[Event] = []
        if before.step_index != slot.step_index:
            events.append(Event.EXERCISE_STARTED)
        if (before.step_index, before.set_number) != (slot.step_index, slot.set_number):
            self._cue_index = 0  # a new set starts over from the set-up cue; a new side does not
        self._index = index
        events.append(Event.SLOT_STARTED)
        events += self._make_ready(slot, start_now=start_now)
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
