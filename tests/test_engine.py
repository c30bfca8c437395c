"""Tests for the pure session engine, driven by a hand-advanced fake clock."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.conftest import FakeClock, FakeWallClock
from tui.catalogue.model import (
    Cue,
    CueKind,
    Dosage,
    Exercise,
    ExerciseKind,
    Routine,
    RoutineStep,
    Source,
)
from tui.catalogue.timing import routine_seconds
from tui.session.engine import Event, Phase, SessionEngine, SnapshotError

WALL_START = datetime(2024, 5, 1, 7, 30, tzinfo=UTC)


def wall_for(clock: FakeClock) -> FakeWallClock:
    """A wall clock that follows the fake monotonic clock, so record times are predictable."""
    return FakeWallClock(clock, WALL_START)


def make_exercise(exercise_id: str, name: str, dosage: Dosage, cue_count: int) -> Exercise:
    cues = tuple(Cue(CueKind.MOVEMENT, f"{name} cue {n}") for n in range(1, cue_count + 1))
    return Exercise(
        id=exercise_id,
        name=name,
        summary=f"{name} summary",
        cues=cues,
        dosage=dosage,
        equipment=(),
        who="anyone",
        why="because",
        frequency="daily",
        region="upper back",
        kind=ExerciseKind.MOBILITY,
        source=Source(title="Test source"),
    )


SIDED = Dosage(sets=2, reps=8, per_side=True, rest_seconds=30, switch_seconds=5)
HOLD = Dosage(sets=2, hold_seconds=20, rest_seconds=10)
PLAIN = Dosage(sets=1, reps=10, rest_seconds=30)

DOORWAY = make_exercise("doorway", "Doorway rotation", SIDED, 3)
BENCH = make_exercise("bench", "Bench stretch", HOLD, 2)
ANGELS = make_exercise("angels", "Wall angels", PLAIN, 2)


def make_routine(
    sided: Dosage = SIDED, hold: Dosage = HOLD, plain: Dosage = PLAIN, between: int = 20
) -> Routine:
    return Routine(
        id="warmup",
        name="Warm-up",
        summary="test routine",
        steps=(
            RoutineStep(DOORWAY, sided),
            RoutineStep(BENCH, hold),
            RoutineStep(ANGELS, plain),
        ),
        rest_between_exercises_seconds=between,
    )


ROUTINE = make_routine()


@pytest.fixture
def engine(clock: FakeClock) -> SessionEngine:
    return SessionEngine(ROUTINE, clock=clock, now=wall_for(clock))


def remaining(engine: SessionEngine) -> float:
    value = engine.timer_remaining()
    assert value is not None
    return value


# ------------------------------------------------------------------ the plan


def test_plan_lists_sets_then_sides_in_order(engine: SessionEngine) -> None:
    plan = [(s.index, s.step_index, s.set_number, s.set_count, s.side) for s in engine.slots]
    assert plan == [
        (0, 0, 1, 2, "left"),
        (1, 0, 1, 2, "right"),
        (2, 0, 2, 2, "left"),
        (3, 0, 2, 2, "right"),
        (4, 1, 1, 2, None),
        (5, 1, 2, 2, None),
        (6, 2, 1, 1, None),
    ]
    assert [s.exercise.id for s in engine.slots] == ["doorway"] * 4 + ["bench"] * 2 + ["angels"]
    assert engine.slots[4].dosage is HOLD
    assert engine.slots[4].is_hold and not engine.slots[0].is_hold
    assert engine.planned_count == 7
    assert engine.step_count == 3


def test_starts_at_first_slot_waiting_for_work(engine: SessionEngine) -> None:
    assert engine.phase is Phase.WORK
    assert engine.current_slot == engine.slots[0]
    assert engine.exercise is DOORWAY
    assert (engine.step_index, engine.set_number, engine.set_count, engine.side) == (
        0,
        1,
        2,
        "left",
    )
    assert engine.cue_index == 0
    assert engine.cue == DOORWAY.cues[0]
    assert engine.timer_remaining() is None
    assert engine.timer_total is None
    assert engine.records == ()
    assert engine.next_slot() == engine.slots[1]


def test_only_countdowns_running_out_ring_the_bell() -> None:
    ringing = {event for event in Event if event.rings_bell}
    assert ringing == {
        Event.GET_READY_ENDED,
        Event.HOLD_ENDED,
        Event.PACE_ENDED,
        Event.SWITCH_ENDED,
        Event.REST_ENDED,
    }


def test_routine_without_steps_starts_finished(clock: FakeClock) -> None:
    empty = Routine(id="empty", name="Empty", summary="", steps=())
    engine = SessionEngine(empty, clock=clock)
    assert engine.is_finished
    assert engine.progress() == 1.0
    assert engine.main_action() == []
    assert engine.back_exercise() == []
    rebuilt = SessionEngine.restore(empty, engine.snapshot(), clock=clock)
    assert rebuilt.snapshot() == engine.snapshot()


# ------------------------------------------------------------------ flow


def test_work_switch_right_rest_then_set_two(engine: SessionEngine, clock: FakeClock) -> None:
    assert engine.main_action() == [Event.SLOT_DONE, Event.SWITCH_STARTED]
    assert engine.phase is Phase.SWITCH
    assert engine.timer_total == 5
    assert engine.next_slot() == engine.slots[1]
    record = engine.records[0]
    assert (record.slot_index, record.exercise_id, record.side, record.reps, record.seconds) == (
        0,
        "doorway",
        "left",
        8,
        None,
    )
    assert record.outcome == "done"
    assert record.at == WALL_START.isoformat()

    clock.advance(4.9)
    assert engine.tick() == []
    assert remaining(engine) == pytest.approx(0.1)
    clock.advance(0.1)
    events = engine.tick()
    assert events == [Event.SWITCH_ENDED, Event.SLOT_STARTED]
    assert any(event.rings_bell for event in events)
    assert engine.phase is Phase.WORK
    assert (engine.set_number, engine.side) == (1, "right")

    assert engine.main_action() == [Event.SLOT_DONE, Event.REST_STARTED]
    assert engine.phase is Phase.REST
    assert engine.timer_total == 30
    assert engine.next_slot() == engine.slots[2]
    clock.advance(30)
    assert engine.tick() == [Event.REST_ENDED, Event.SLOT_STARTED]
    assert (engine.slot_index, engine.set_number, engine.side) == (2, 2, "left")
    assert engine.phase is Phase.WORK


def test_rest_between_exercises_uses_routine_rest(engine: SessionEngine, clock: FakeClock) -> None:
    for _ in range(3):
        engine.main_action()
        engine.main_action()  # skip the switch or rest
    assert engine.slot_index == 3
    assert engine.main_action() == [Event.SLOT_DONE, Event.REST_STARTED]
    assert engine.timer_total == 20
    assert engine.exercise is DOORWAY
    assert engine.next_slot() == engine.slots[4]
    clock.advance(20)
    assert engine.tick() == [Event.REST_ENDED, Event.EXERCISE_STARTED, Event.SLOT_STARTED]
    assert engine.exercise is BENCH
    assert engine.phase is Phase.HOLD_READY


def test_main_action_skips_rest_and_switch(engine: SessionEngine, clock: FakeClock) -> None:
    engine.main_action()
    clock.advance(1)
    events = engine.main_action()
    assert events == [Event.SWITCH_SKIPPED, Event.SLOT_STARTED]
    assert not any(event.rings_bell for event in events)
    assert (engine.slot_index, engine.phase) == (1, Phase.WORK)
    engine.main_action()
    clock.advance(3)
    assert engine.main_action() == [Event.REST_SKIPPED, Event.SLOT_STARTED]
    assert (engine.slot_index, engine.phase, engine.timer_remaining()) == (2, Phase.WORK, None)


def test_hold_counts_down_and_rings_with_full_seconds(
    engine: SessionEngine, clock: FakeClock
) -> None:
    engine.skip_exercise()
    assert engine.phase is Phase.HOLD_READY
    clock.advance(50)
    assert engine.tick() == []
    assert engine.main_action() == [Event.HOLD_STARTED]
    assert engine.phase is Phase.HOLD
    assert remaining(engine) == 20
    clock.advance(19.5)
    assert engine.tick() == []
    clock.advance(0.5)
    events = engine.tick()
    assert events == [Event.HOLD_ENDED, Event.SLOT_DONE, Event.REST_STARTED]
    assert events[0].rings_bell
    record = engine.record_for(4)
    assert record is not None
    assert (record.outcome, record.seconds, record.reps, record.side) == ("done", 20, None, None)
    assert engine.phase is Phase.REST
    assert engine.timer_total == 10


def test_ending_a_hold_early_records_seconds_held(engine: SessionEngine, clock: FakeClock) -> None:
    engine.skip_exercise()
    engine.main_action()
    clock.advance(7.4)
    assert engine.main_action() == [Event.HOLD_STOPPED, Event.SLOT_DONE, Event.REST_STARTED]
    record = engine.record_for(4)
    assert record is not None
    assert record.seconds == 7
    assert not Event.HOLD_STOPPED.rings_bell


def test_tick_after_clock_jump_handles_only_current_timer(
    engine: SessionEngine, clock: FakeClock
) -> None:
    engine.skip_exercise()
    engine.main_action()
    clock.advance(10_000)
    assert engine.tick() == [Event.HOLD_ENDED, Event.SLOT_DONE, Event.REST_STARTED]
    assert engine.phase is Phase.REST
    assert engine.slot_index == 4
    assert remaining(engine) == 10
    assert engine.tick() == []
    assert engine.elapsed_seconds() == pytest.approx(10_000)


def test_tick_after_jump_during_rest_moves_one_slot(
    engine: SessionEngine, clock: FakeClock
) -> None:
    engine.main_action()
    engine.main_action()
    engine.main_action()
    assert engine.phase is Phase.REST
    clock.advance(3600)
    assert engine.tick() == [Event.REST_ENDED, Event.SLOT_STARTED]
    assert (engine.slot_index, engine.phase) == (2, Phase.WORK)
    assert engine.tick() == []


def test_zero_second_gaps_go_straight_to_next_slot(clock: FakeClock) -> None:
    routine = make_routine(
        sided=Dosage(sets=2, reps=8, per_side=True, rest_seconds=0, switch_seconds=0),
        hold=Dosage(sets=1, hold_seconds=20, rest_seconds=0),
        between=0,
    )
    engine = SessionEngine(routine, clock=clock, now=wall_for(clock))
    assert engine.main_action() == [Event.SLOT_DONE, Event.SLOT_STARTED]
    assert (engine.slot_index, engine.side, engine.timer_remaining()) == (1, "right", None)
    assert engine.main_action() == [Event.SLOT_DONE, Event.SLOT_STARTED]
    assert (engine.slot_index, engine.set_number) == (2, 2)
    engine.main_action()
    assert engine.main_action() == [Event.SLOT_DONE, Event.EXERCISE_STARTED, Event.SLOT_STARTED]
    assert engine.phase is Phase.HOLD_READY
    engine.main_action()
    clock.advance(20)
    assert engine.tick() == [
        Event.HOLD_ENDED,
        Event.SLOT_DONE,
        Event.EXERCISE_STARTED,
        Event.SLOT_STARTED,
    ]
    assert engine.exercise is ANGELS
    assert engine.phase is Phase.WORK


def test_last_slot_finishes_without_rest(engine: SessionEngine, clock: FakeClock) -> None:
    engine.skip_exercise()
    engine.skip_exercise()
    assert engine.exercise is ANGELS
    assert engine.next_slot() is None
    assert engine.main_action() == [Event.SLOT_DONE, Event.FINISHED]
    assert engine.is_finished
    assert engine.phase is Phase.DONE
    assert engine.timer_remaining() is None


# ------------------------------------------------------------------ skip and back


def test_skip_exercise_marks_remaining_slots_and_moves_on(engine: SessionEngine) -> None:
    engine.main_action()
    engine.main_action()
    engine.next_cue()
    engine.next_cue()
    assert engine.cue_index == 2
    assert engine.skip_exercise() == [
        Event.EXERCISE_SKIPPED,
        Event.EXERCISE_STARTED,
        Event.SLOT_STARTED,
    ]
    assert [(r.slot_index, r.outcome) for r in engine.records] == [
        (0, "done"),
        (1, "skipped"),
        (2, "skipped"),
        (3, "skipped"),
    ]
    assert all(r.reps is None and r.seconds is None for r in engine.records[1:])
    assert engine.skipped_exercise_ids == ("doorway",)
    assert (engine.slot_index, engine.phase, engine.cue_index) == (4, Phase.HOLD_READY, 0)
    assert engine.timer_remaining() is None
    assert engine.done_count == 1
    assert engine.progress() == pytest.approx(4 / 7)


def test_skip_during_rest_after_last_set_only_skips_the_rest(
    engine: SessionEngine, clock: FakeClock
) -> None:
    for _ in range(7):
        engine.main_action()
    assert (engine.slot_index, engine.phase) == (3, Phase.REST)
    assert engine.skip_exercise()[-1] is Event.SLOT_STARTED
    assert engine.skipped_exercise_ids == ()
    assert engine.done_count == 4
    assert (engine.slot_index, engine.phase) == (4, Phase.HOLD_READY)


def test_skip_last_exercise_finishes(engine: SessionEngine) -> None:
    engine.skip_exercise()
    engine.skip_exercise()
    assert engine.skip_exercise() == [Event.EXERCISE_SKIPPED, Event.FINISHED]
    assert engine.is_finished
    assert engine.skipped_exercise_ids == ("doorway", "bench", "angels")
    assert engine.done_count == 0
    assert engine.progress() == 1.0
    assert engine.skip_exercise() == []


def test_back_exercise_clears_skips_and_lands_on_first_not_done(
    engine: SessionEngine, clock: FakeClock
) -> None:
    engine.main_action()
    engine.main_action()
    engine.skip_exercise()
    engine.main_action()  # start the hold
    clock.advance(4)
    assert engine.back_exercise() == [Event.WENT_BACK]
    assert [(r.slot_index, r.outcome) for r in engine.records] == [(0, "done")]
    assert engine.skipped_exercise_ids == ()
    assert (engine.slot_index, engine.phase, engine.cue_index) == (1, Phase.WORK, 0)
    assert engine.timer_remaining() is None
    assert engine.side == "right"


def test_undo_during_the_countdown_returns_to_the_set_just_done(
    engine: SessionEngine, clock: FakeClock
) -> None:
    assert engine.undo_set() == []  # nothing done yet
    engine.next_cue()
    engine.main_action()  # slot 0 (left) done: the switch counts down
    assert engine.phase is Phase.SWITCH
    assert engine.undo_set() == [Event.SET_UNDONE]
    assert engine.records == ()
    assert (engine.slot_index, engine.phase, engine.side) == (0, Phase.WORK, "left")
    assert engine.timer_remaining() is None
    assert engine.cue_index == 1  # the same exercise: its cue stays


def test_undo_when_ready_takes_back_the_previous_slot_only(engine: SessionEngine) -> None:
    engine.main_action()  # slot 0 done
    engine.main_action()  # switch skipped: slot 1 ready
    engine.main_action()  # slot 1 done
    engine.main_action()  # rest skipped: slot 2 ready
    assert engine.slot_index == 2
    assert engine.undo_set() == [Event.SET_UNDONE]
    assert [r.slot_index for r in engine.records] == [0]
    assert (engine.slot_index, engine.phase, engine.side) == (1, Phase.WORK, "right")
    assert engine.undo_set() == [Event.SET_UNDONE]
    assert engine.records == () and engine.slot_index == 0


def test_undo_across_exercises_resets_the_cue_and_leaves_skips_alone(
    engine: SessionEngine, clock: FakeClock
) -> None:
    for _ in range(8):
        engine.main_action()  # the four doorway sides done, each countdown skipped
    assert engine.exercise is BENCH and engine.phase is Phase.HOLD_READY
    engine.next_cue()
    assert engine.undo_set() == [Event.SET_UNDONE]
    assert (engine.slot_index, engine.exercise, engine.cue_index) == (3, DOORWAY, 0)
    assert engine.done_count == 3
    engine.main_action()  # slot 3 again
    engine.main_action()  # rest skipped
    engine.skip_exercise()  # the bench's two holds skipped
    assert engine.exercise is ANGELS
    assert engine.undo_set() == [Event.SET_UNDONE]  # the last *done* set: doorway's slot 3
    assert engine.slot_index == 3
    assert engine.skipped_exercise_ids == (BENCH.id,)


def test_undo_does_nothing_once_finished(engine: SessionEngine) -> None:
    while not engine.is_finished:
        engine.main_action()
    assert engine.undo_set() == []
    assert engine.done_count == engine.planned_count


def test_back_at_first_exercise_goes_to_its_start(engine: SessionEngine) -> None:
    assert engine.back_exercise() == []
    engine.next_cue()
    assert engine.back_exercise() == [Event.WENT_BACK]
    assert engine.cue_index == 0
    assert engine.back_exercise() == []
    engine.main_action()  # slot 0 done, switch running
    assert engine.back_exercise() == [Event.WENT_BACK]
    assert (engine.slot_index, engine.phase, engine.timer_remaining()) == (1, Phase.WORK, None)


def test_back_to_a_fully_done_exercise_redoes_it(engine: SessionEngine, clock: FakeClock) -> None:
    for _ in range(8):
        engine.main_action()
    assert engine.exercise is BENCH
    first_at = engine.record_for(0)
    assert first_at is not None
    clock.advance(60)
    assert engine.back_exercise() == [Event.WENT_BACK]
    assert engine.slot_index == 0
    assert engine.done_count == 4
    engine.main_action()
    redone = engine.record_for(0)
    assert redone is not None
    assert redone.at != first_at.at
    assert redone.at == (WALL_START + timedelta(seconds=60)).isoformat()
    assert len(engine.records) == 4


def test_back_from_done_returns_to_last_exercise(engine: SessionEngine) -> None:
    engine.skip_exercise()
    engine.skip_exercise()
    engine.skip_exercise()
    assert engine.back_exercise() == [Event.WENT_BACK]
    assert engine.exercise is ANGELS
    assert engine.skipped_exercise_ids == ("doorway", "bench")
    assert not engine.is_finished


# ------------------------------------------------------------------ pause and rest


def test_pause_stops_countdown_and_elapsed(engine: SessionEngine, clock: FakeClock) -> None:
    assert engine.toggle_pause() == []
    assert not engine.is_paused
    clock.advance(10)
    engine.main_action()
    engine.main_action()
    engine.main_action()  # rest 30 after set 1
    clock.advance(3)
    assert engine.toggle_pause() == [Event.PAUSED]
    assert engine.is_paused
    assert engine.elapsed_seconds() == 13
    clock.advance(100)
    assert remaining(engine) == 27
    assert engine.elapsed_seconds() == 13
    assert engine.tick() == []
    assert engine.toggle_pause() == [Event.RESUMED]
    assert not engine.is_paused
    clock.advance(26)
    assert engine.tick() == []
    assert remaining(engine) == 1
    assert engine.elapsed_seconds() == 39
    clock.advance(1)
    assert engine.tick() == [Event.REST_ENDED, Event.SLOT_STARTED]


def test_pausing_a_hold_keeps_held_seconds_right(engine: SessionEngine, clock: FakeClock) -> None:
    engine.skip_exercise()
    engine.main_action()
    clock.advance(5)
    engine.toggle_pause()
    clock.advance(60)
    engine.toggle_pause()
    clock.advance(4)
    engine.main_action()
    record = engine.record_for(4)
    assert record is not None
    assert record.seconds == 9


def test_add_rest_adds_exactly_fifteen_seconds(engine: SessionEngine, clock: FakeClock) -> None:
    assert engine.add_rest() == []
    engine.main_action()
    engine.main_action()
    engine.main_action()
    clock.advance(10)
    assert remaining(engine) == 20
    assert engine.add_rest() == [Event.REST_EXTENDED]
    assert remaining(engine) == 35
    assert engine.timer_total == 45
    clock.advance(34.5)
    assert engine.tick() == []
    clock.advance(0.5)
    assert engine.tick()[0] is Event.REST_ENDED


def test_add_rest_during_switch_and_not_during_hold(
    engine: SessionEngine, clock: FakeClock
) -> None:
    engine.main_action()
    assert engine.add_rest(15) == [Event.REST_EXTENDED]
    assert remaining(engine) == 20
    engine.skip_exercise()
    engine.main_action()
    assert engine.phase is Phase.HOLD
    assert engine.add_rest() == []
    assert remaining(engine) == 20


# ------------------------------------------------------------------ cues


def test_cue_moves_are_clamped(engine: SessionEngine) -> None:
    assert engine.previous_cue() == []
    assert engine.cue_index == 0
    assert engine.next_cue() == [Event.CUE_CHANGED]
    assert engine.next_cue() == [Event.CUE_CHANGED]
    assert engine.cue_index == 2
    assert engine.cue == DOORWAY.cues[2]
    assert engine.next_cue() == []
    assert engine.cue_index == 2
    assert engine.previous_cue() == [Event.CUE_CHANGED]
    assert engine.cue_index == 1


def test_cue_returns_to_the_first_at_each_new_set_not_side(
    engine: SessionEngine, clock: FakeClock
) -> None:
    engine.next_cue()
    engine.next_cue()
    engine.main_action()  # left side done: the switch keeps the cue in view
    assert (engine.phase, engine.cue_index) == (Phase.SWITCH, 2)
    clock.advance(5)
    engine.tick()  # the right side of the same set: the cue stays
    assert (engine.slot_index, engine.cue_index) == (1, 2)
    engine.main_action()
    assert (engine.phase, engine.cue_index) == (Phase.REST, 2)
    engine.main_action()  # rest skipped: set 2 starts over from the set-up cue
    assert (engine.slot_index, engine.set_number, engine.cue_index) == (2, 2, 0)
    engine.next_cue()
    engine.main_action()
    engine.main_action()
    assert (engine.slot_index, engine.cue_index) == (3, 1)
    engine.main_action()  # the rest between exercises keeps the cue
    assert (engine.phase, engine.cue_index) == (Phase.REST, 1)
    engine.main_action()
    assert (engine.exercise, engine.cue_index) == (BENCH, 0)


def test_cue_returns_to_the_first_after_a_rest_that_runs_out(
    engine: SessionEngine, clock: FakeClock
) -> None:
    for _ in range(3):
        engine.main_action()
    engine.next_cue()
    assert (engine.phase, engine.cue_index) == (Phase.REST, 1)
    clock.advance(30)
    engine.tick()
    assert (engine.set_number, engine.cue_index) == (2, 0)


# ------------------------------------------------------------------ progress and estimates


def test_remaining_estimate_and_progress(engine: SessionEngine, clock: FakeClock) -> None:
    # Doorway: 4 x 24 s + 2 switches of 5 + one rest of 30 = 136; bench: 2 x 20 + 10 = 50;
    # angels: 30; two rests of 20 between exercises.
    assert engine.remaining_seconds_estimate() == 256
    assert engine.remaining_seconds_estimate() == routine_seconds(ROUTINE)
    assert engine.progress() == 0.0
    engine.main_action()
    clock.advance(2)
    assert engine.remaining_seconds_estimate() == 256 - 24 - 2
    assert engine.progress() == pytest.approx(1 / 7)
    engine.skip_exercise()
    assert engine.remaining_seconds_estimate() == 20 + 10 + 20 + 20 + 30
    engine.main_action()
    clock.advance(5)
    assert engine.remaining_seconds_estimate() == 15 + 10 + 20 + 20 + 30
    assert engine.progress() == pytest.approx(4 / 7)


def test_finishing_reaches_done_with_every_slot_done(
    engine: SessionEngine, clock: FakeClock
) -> None:
    steps = 0
    while not engine.is_finished and steps < 100:
        steps += 1
        if engine.phase is Phase.HOLD:
            clock.advance(engine.timer_remaining() or 0)
            engine.tick()
        elif engine.phase in (Phase.REST, Phase.SWITCH):
            clock.advance(1)
            engine.main_action()
        else:
            clock.advance(24)
            engine.main_action()
    assert engine.phase is Phase.DONE
    assert engine.done_count == engine.planned_count == 7
    assert engine.progress() == 1.0
    assert engine.current_slot is None
    assert engine.exercise is None
    assert engine.step_index is None
    assert engine.remaining_seconds_estimate() == 0
    assert engine.main_action() == []
    assert engine.next_cue() == []
    elapsed = engine.elapsed_seconds()
    assert elapsed > 0
    clock.advance(500)
    assert engine.elapsed_seconds() == elapsed
    assert [r.seconds for r in engine.records if r.exercise_id == "bench"] == [20, 20]


# ------------------------------------------------------------------ snapshots


def assert_round_trip(engine: SessionEngine, clock: FakeClock) -> dict[str, Any]:
    snap = engine.snapshot()
    assert json.loads(json.dumps(snap)) == snap
    rebuilt = SessionEngine.restore(ROUTINE, snap, clock=clock, now=wall_for(clock))
    assert rebuilt.snapshot() == snap
    assert rebuilt.phase is engine.phase
    assert rebuilt.records == engine.records
    assert rebuilt.timer_remaining() == engine.timer_remaining()
    assert rebuilt.elapsed_seconds() == engine.elapsed_seconds()
    return snap


SCRIPT: list[tuple[str, float]] = [
    ("next_cue", 0),
    ("main_action", 0),  # slot 0 done, switch 5
    ("advance", 2),
    ("toggle_pause", 0),
    ("advance", 50),
    ("toggle_pause", 0),
    ("add_rest", 0),
    ("advance", 17.75),
    ("tick", 0),
    ("advance", 0.25),
    ("tick", 0),  # switch ends: slot 1
    ("main_action", 0),  # rest 30
    ("skip_exercise", 0),  # bench
    ("main_action", 0),  # hold
    ("advance", 5.5),
    ("back_exercise", 0),  # doorway slot 2
    ("main_action", 0),
    ("main_action", 0),  # skip switch
    ("next_cue", 0),
    ("main_action", 0),  # rest between exercises
    ("advance", 0.1),
    ("tick", 0),
    ("advance", 100),
    ("tick", 0),  # bench
    ("main_action", 0),
    ("advance", 8.3),
    ("toggle_pause", 0),
    ("advance", 3),
    ("toggle_pause", 0),
    ("main_action", 0),  # held 8 s, rest 10
    ("main_action", 0),
    ("main_action", 0),
    ("previous_cue", 0),
    ("next_cue", 0),
    ("advance", 20),
    ("tick", 0),  # hold ended, rest 20
    ("advance", 20),
    ("tick", 0),  # angels
    ("main_action", 0),  # finished
    ("advance", 5),
]


def test_rebuilt_engine_matches_live_engine_after_every_action(clock: FakeClock) -> None:
    live = SessionEngine(ROUTINE, clock=clock, now=wall_for(clock))
    phoenix = SessionEngine(ROUTINE, clock=clock, now=wall_for(clock))
    seen_phases = {live.phase}
    assert_round_trip(live, clock)
    for action, seconds in SCRIPT:
        if action == "advance":
            clock.advance(seconds)
            assert_round_trip(live, clock)
            continue
        live_events = getattr(live, action)()
        phoenix_events = getattr(phoenix, action)()
        assert live_events == phoenix_events, action
        snap = assert_round_trip(live, clock)
        assert phoenix.snapshot() == snap, action
        phoenix = SessionEngine.restore(
            ROUTINE, phoenix.snapshot(), clock=clock, now=wall_for(clock)
        )
        seen_phases.add(live.phase)
    assert seen_phases == set(Phase) - {Phase.GET_READY}  # hands-free only
    assert live.is_finished
    assert live.done_count == 7
    held = [r.seconds for r in live.records if r.exercise_id == "bench"]
    assert held == [8, 20]


def test_snapshot_contents(engine: SessionEngine, clock: FakeClock) -> None:
    engine.main_action()
    clock.advance(1.5)
    engine.toggle_pause()
    snap = engine.snapshot()
    assert set(snap) == {
        "version",
        "routine_id",
        "slot_index",
        "phase",
        "cue_index",
        "records",
        "skipped_exercise_ids",
        "timer",
        "elapsed_seconds",
        "started_at",
        "hands_free",
    }
    assert snap["version"] == 2
    assert snap["hands_free"] is False
    assert snap["phase"] == "switch"
    assert snap["slot_index"] == 0
    assert snap["timer"] == {
        "duration": 5.0,
        "remaining": 3.5,
        "paused": True,
        "warned": None,
        "reps_announced": 0,
    }
    assert snap["elapsed_seconds"] == 1.5
    assert snap["started_at"] == WALL_START.isoformat()
    assert snap["records"][0]["reps"] == 8
    assert "steps" not in json.dumps(snap)


def test_restore_resumes_running_timer_from_new_clock(
    engine: SessionEngine, clock: FakeClock
) -> None:
    engine.main_action()
    engine.main_action()
    engine.main_action()
    clock.advance(17.5)
    snap = engine.snapshot()
    later = FakeClock(50.0)
    rebuilt = SessionEngine.restore(ROUTINE, snap, clock=later, now=wall_for(later))
    assert remaining(rebuilt) == 12.5
    assert rebuilt.elapsed_seconds() == 17.5
    later.advance(12.5)
    assert rebuilt.tick() == [Event.REST_ENDED, Event.SLOT_STARTED]
    assert rebuilt.elapsed_seconds() == 30


def test_restore_keeps_paused_timer_paused(engine: SessionEngine, clock: FakeClock) -> None:
    engine.main_action()
    clock.advance(2)
    engine.toggle_pause()
    rebuilt = SessionEngine.restore(ROUTINE, engine.snapshot(), clock=clock)
    clock.advance(100)
    assert rebuilt.is_paused
    assert remaining(rebuilt) == 3
    assert rebuilt.tick() == []
    assert rebuilt.elapsed_seconds() == 2


def _mutate(path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def apply(snap: dict[str, Any]) -> None:
        target: Any = snap
        for key in path[:-1]:
            target = target[key]
        if value is _DELETE:
            del target[path[-1]]
        else:
            target[path[-1]] = value

    return apply


_DELETE = object()

BAD_SNAPSHOTS: dict[str, Callable[[dict[str, Any]], None]] = {
    "slot out of range": _mutate(("slot_index",), 99),
    "slot negative": _mutate(("slot_index",), -1),
    "slot is text": _mutate(("slot_index",), "1"),
    "slot is bool": _mutate(("slot_index",), True),
    "unknown phase": _mutate(("phase",), "nap"),
    "phase not text": _mutate(("phase",), 3),
    "hold phase on rep slot": _mutate(("phase",), "hold_ready"),
    "missing key": _mutate(("records",), _DELETE),
    "records not list": _mutate(("records",), {"0": "done"}),
    "record not object": _mutate(("records", 0), "done"),
    "record slot out of range": _mutate(("records", 0, "slot_index"), 40),
    "record wrong exercise": _mutate(("records", 0, "exercise_id"), "bench"),
    "record bad outcome": _mutate(("records", 0, "outcome"), "meh"),
    "record missing field": _mutate(("records", 0, "at"), _DELETE),
    "record reps text": _mutate(("records", 0, "reps"), "8"),
    "record bad time": _mutate(("records", 0, "at"), "yesterday"),
    "timer missing in switch": _mutate(("timer",), None),
    "timer not object": _mutate(("timer",), 3),
    "timer remaining text": _mutate(("timer", "remaining"), "3"),
    "timer negative": _mutate(("timer", "remaining"), -1),
    "timer paused not bool": _mutate(("timer", "paused"), "no"),
    "timer past duration": _mutate(("timer", "remaining"), 99),
    "cue past end": _mutate(("cue_index",), 3),
    "elapsed text": _mutate(("elapsed_seconds",), "1"),
    "elapsed nan": _mutate(("elapsed_seconds",), float("nan")),
    "started_at number": _mutate(("started_at",), 5),
    "other routine": _mutate(("routine_id",), "cooldown"),
    "other version": _mutate(("version",), 3),
    "version zero": _mutate(("version",), 0),
    "hands_free missing": _mutate(("hands_free",), _DELETE),
    "hands_free text": _mutate(("hands_free",), "yes"),
    "timer warned text": _mutate(("timer", "warned"), "3"),
    "timer warned too high": _mutate(("timer", "warned"), 4),
    "timer warned zero": _mutate(("timer", "warned"), 0),
    "timer reps_announced missing": _mutate(("timer", "reps_announced"), _DELETE),
    "timer reps_announced on a 0-rep switch": _mutate(("timer", "reps_announced"), 9),
    "skipped ids not list": _mutate(("skipped_exercise_ids",), "doorway"),
}


@pytest.mark.parametrize("name", sorted(BAD_SNAPSHOTS))
def test_bad_snapshot_raises_snapshot_error(
    name: str, engine: SessionEngine, clock: FakeClock
) -> None:
    engine.next_cue()
    engine.main_action()
    snap = copy.deepcopy(engine.snapshot())
    assert snap["phase"] == "switch"
    SessionEngine.restore(ROUTINE, copy.deepcopy(snap), clock=clock)  # the unmodified one is fine
    BAD_SNAPSHOTS[name](snap)
    with pytest.raises(SnapshotError) as caught:
        SessionEngine.restore(ROUTINE, snap, clock=clock)
    assert isinstance(caught.value, ValueError)
    message = str(caught.value)
    assert message and "\n" not in message


@pytest.mark.parametrize("snapshot", [None, [], "snapshot", 3])
def test_snapshot_that_is_not_an_object_raises(snapshot: object, clock: FakeClock) -> None:
    with pytest.raises(SnapshotError, match="object"):
        SessionEngine.restore(ROUTINE, snapshot, clock=clock)


def test_snapshot_for_a_shorter_routine_raises(engine: SessionEngine, clock: FakeClock) -> None:
    for _ in range(11):
        engine.main_action()
    assert (engine.slot_index, engine.phase) == (5, Phase.HOLD_READY)
    shorter = make_routine(sided=Dosage(sets=1, reps=8, per_side=True))
    assert len(SessionEngine(shorter, clock=clock).slots) == 5
    with pytest.raises(SnapshotError, match="slot index 5"):
        SessionEngine.restore(shorter, engine.snapshot(), clock=clock)
