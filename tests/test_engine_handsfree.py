"""Hands-free sessions, 3-2-1 counts, tallies and the session defects, on a fake clock."""

from __future__ import annotations

import copy
import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import FakeClock, FakeWallClock
from tests.test_engine import make_exercise
from tui.catalogue.model import Dosage, Routine, RoutineStep
from tui.catalogue.sources import builtin_routines_file, load_catalogue
from tui.session.engine import Event, Phase, SessionEngine, SetRecord, Slot, SnapshotError
from tui.session.model import COUNTDOWN_PHASES
from tui.session.pacing import GET_READY_SECONDS
from tui.session.progress import StepStatus, exercise_progress
from tui.session.record import ABANDONED, FINISHED, end_status

SIDE_HOLD = Dosage(sets=2, hold_seconds=20, per_side=True, rest_seconds=10, switch_seconds=5)
PACED = Dosage(sets=2, reps=4, rest_seconds=10, tempo_seconds=2)
PLAIN = Dosage(sets=1, reps=3, rest_seconds=30)

PIGEON = make_exercise("pigeon", "Pigeon stretch", SIDE_HOLD, 3)
CAT_COW = make_exercise("cat-cow", "Cat-cow", PACED, 2)
ANGELS = make_exercise("angels", "Wall angels", PLAIN, 2)

ROUTINE = Routine(
    id="floor",
    name="Floor",
    summary="hands-free test routine",
    steps=(RoutineStep(PIGEON, SIDE_HOLD), RoutineStep(CAT_COW, PACED), RoutineStep(ANGELS, PLAIN)),
    rest_between_exercises_seconds=15,
)


def hands_free(clock: FakeClock, routine: Routine = ROUTINE, **options: bool) -> SessionEngine:
    return SessionEngine(routine, clock=clock, now=FakeWallClock(clock), hands_free=True, **options)


def remaining(engine: SessionEngine) -> float:
    value = engine.timer_remaining()
    assert value is not None
    return value


def run_out(engine: SessionEngine, clock: FakeClock) -> list[Event]:
    """Let the running countdown run out, ticking only at its end."""
    clock.advance(remaining(engine))
    return engine.tick()


def to_step(engine: SessionEngine, step_index: int) -> None:
    while engine.step_index != step_index:
        engine.skip_exercise()


@pytest.fixture
def engine(clock: FakeClock) -> SessionEngine:
    return hands_free(clock)


# ------------------------------------------------------------------ holds


def test_starts_with_a_get_ready_countdown_then_the_hold_starts_itself(
    engine: SessionEngine, clock: FakeClock
) -> None:
    assert engine.hands_free
    assert engine.phase is Phase.GET_READY
    assert engine.timer_total == GET_READY_SECONDS == 5
    clock.advance(4.5)
    assert engine.tick() == []
    clock.advance(0.5)
    events = engine.tick()
    assert events == [Event.GET_READY_ENDED, Event.HOLD_STARTED]
    assert events[0].rings_bell
    assert (engine.phase, engine.side, remaining(engine)) == (Phase.HOLD, "left", 20)


def test_per_side_holds_flow_left_switch_right_rest_without_a_key(
    engine: SessionEngine, clock: FakeClock
) -> None:
    run_out(engine, clock)
    assert run_out(engine, clock) == [Event.HOLD_ENDED, Event.SLOT_DONE, Event.SWITCH_STARTED]
    assert engine.phase is Phase.SWITCH
    assert run_out(engine, clock) == [Event.SWITCH_ENDED, Event.SLOT_STARTED, Event.HOLD_STARTED]
    assert (engine.phase, engine.set_number, engine.side) == (Phase.HOLD, 1, "right")
    assert remaining(engine) == 20
    assert run_out(engine, clock) == [Event.HOLD_ENDED, Event.SLOT_DONE, Event.REST_STARTED]
    assert run_out(engine, clock) == [Event.REST_ENDED, Event.SLOT_STARTED, Event.HOLD_STARTED]
    assert (engine.phase, engine.set_number, engine.side) == (Phase.HOLD, 2, "left")
    assert [(r.side, r.seconds, r.outcome) for r in engine.records] == [
        ("left", 20, "done"),
        ("right", 20, "done"),
    ]


def test_rest_between_exercises_leads_straight_into_the_paced_reps(
    engine: SessionEngine, clock: FakeClock
) -> None:
    for _ in range(8):
        run_out(engine, clock)  # get-ready, then 4 holds with 3 gaps
    assert (engine.phase, engine.slot_index) == (Phase.REST, 3)
    assert engine.timer_total == 15
    assert run_out(engine, clock) == [
        Event.REST_ENDED,
        Event.EXERCISE_STARTED,
        Event.SLOT_STARTED,
        Event.PACE_STARTED,
    ]
    assert engine.exercise is CAT_COW
    assert engine.is_paced
    assert engine.rep_progress() == (1, 4)


def test_hold_ready_never_appears_hands_free(engine: SessionEngine, clock: FakeClock) -> None:
    seen = {engine.phase}
    for _ in range(40):
        if engine.is_finished:
            break
        run_out(engine, clock)
        seen.add(engine.phase)
    assert engine.is_finished
    assert Phase.HOLD_READY not in seen
    assert seen == {Phase.GET_READY, Phase.HOLD, Phase.SWITCH, Phase.REST, Phase.WORK, Phase.DONE}
    assert engine.done_count == engine.planned_count
    assert engine.counts_as_finished


# ------------------------------------------------------------------ paced reps


def test_paced_reps_count_each_rep_and_complete_the_set(
    engine: SessionEngine, clock: FakeClock
) -> None:
    to_step(engine, 1)
    assert engine.phase is Phase.GET_READY
    assert run_out(engine, clock) == [Event.GET_READY_ENDED, Event.PACE_STARTED]
    assert engine.phase is Phase.WORK
    assert engine.timer_total == 8  # 4 reps at 2 s
    ticks: list[tuple[float, list[Event], tuple[int, int] | None]] = []
    for _ in range(16):
        clock.advance(0.5)
        ticks.append((8 - remaining(engine), engine.tick(), engine.rep_progress()))
    reps = [(at, progress) for at, events, progress in ticks if Event.REP_STARTED in events]
    assert reps == [(2.0, (2, 4)), (4.0, (3, 4)), (6.0, (4, 4))]
    _, events, _ = ticks[-1]
    assert events == [Event.PACE_ENDED, Event.SLOT_DONE, Event.REST_STARTED]
    assert events[0].rings_bell
    record = engine.records[-1]
    assert (record.exercise_id, record.reps, record.seconds, record.outcome) == (
        "cat-cow",
        4,
        None,
        "done",
    )
    assert engine.rep_progress() is None


def test_rep_ticks_are_announcements_that_need_no_save() -> None:
    assert not Event.REP_STARTED.changes_state
    assert not Event.COUNT_1.changes_state
    assert Event.PACE_STARTED.changes_state
    assert Event.SLOT_DONE.changes_state


def test_tempo_defaults_to_three_seconds_and_a_step_can_override_it(clock: FakeClock) -> None:
    routine = Routine(
        id="tempo",
        name="Tempo",
        summary="",
        steps=(
            RoutineStep(ANGELS, PLAIN),
            RoutineStep.with_overrides(ANGELS, {"tempo_seconds": 5, "reps": 2}),
        ),
    )
    engine = hands_free(clock, routine)
    assert [slot.tempo_seconds for slot in engine.slots] == [3, 5]
    run_out(engine, clock)
    assert (engine.timer_total, engine.rep_progress()) == (9, (1, 3))
    clock.advance(3)
    assert engine.tick() == [Event.REP_STARTED]
    engine.main_action()  # finished early: recorded in full
    assert engine.records[-1].reps == 3
    run_out(engine, clock)  # rest between exercises
    assert (engine.timer_total, engine.rep_progress()) == (10, (1, 2))


def test_pause_inside_a_pace_keeps_the_rep(engine: SessionEngine, clock: FakeClock) -> None:
    to_step(engine, 1)
    run_out(engine, clock)
    clock.advance(3)
    assert engine.tick() == [Event.REP_STARTED]
    assert engine.toggle_pause() == [Event.PAUSED]
    elapsed = engine.elapsed_seconds()
    clock.advance(100)
    assert engine.tick() == []
    assert engine.rep_progress() == (2, 4)
    assert remaining(engine) == 5
    assert engine.next_tick_in() is None
    assert engine.elapsed_seconds() == elapsed
    assert engine.toggle_pause() == [Event.RESUMED]
    assert engine.rep_progress() == (2, 4)
    clock.advance(0.5)
    assert engine.tick() == []
    clock.advance(0.5)
    assert engine.tick() == [Event.REP_STARTED]
    assert engine.rep_progress() == (3, 4)


def test_space_ends_a_pace_early_with_all_reps(engine: SessionEngine, clock: FakeClock) -> None:
    to_step(engine, 1)
    run_out(engine, clock)
    clock.advance(1)
    assert engine.main_action() == [Event.PACE_STOPPED, Event.SLOT_DONE, Event.REST_STARTED]
    assert engine.records[-1].reps == 4
    assert not Event.PACE_STOPPED.rings_bell


def test_a_late_tick_announces_only_the_rep_in_progress(
    engine: SessionEngine, clock: FakeClock
) -> None:
    to_step(engine, 1)
    run_out(engine, clock)
    clock.advance(6.5)
    assert engine.tick() == [Event.REP_STARTED]
    assert engine.rep_progress() == (4, 4)
    assert engine.tick() == []
    clock.advance(100)
    assert engine.tick() == [Event.PACE_ENDED, Event.SLOT_DONE, Event.REST_STARTED]
    assert remaining(engine) == 10


def test_undo_skip_and_back_during_a_pace(engine: SessionEngine, clock: FakeClock) -> None:
    to_step(engine, 1)
    run_out(engine, clock)
    clock.advance(2)
    assert engine.undo_set() == []  # nothing done before this point (pigeon was skipped)
    assert engine.is_paced
    run_out(engine, clock)  # set 1 done, rest
    run_out(engine, clock)  # set 2 paced
    clock.advance(3)
    assert engine.undo_set() == [Event.SET_UNDONE, Event.GET_READY_STARTED]
    assert (engine.slot_index, engine.phase, remaining(engine)) == (4, Phase.GET_READY, 5)
    assert engine.done_count == 0
    run_out(engine, clock)
    assert engine.is_paced
    assert engine.back_exercise() == [Event.WENT_BACK, Event.GET_READY_STARTED]
    assert (engine.exercise, engine.phase, engine.skipped_exercise_ids) == (
        PIGEON,
        Phase.GET_READY,
        (),
    )
    assert engine.back_exercise() == []  # already getting ready at the start
    to_step(engine, 1)
    run_out(engine, clock)
    assert engine.skip_exercise() == [
        Event.EXERCISE_SKIPPED,
        Event.EXERCISE_STARTED,
        Event.SLOT_STARTED,
        Event.GET_READY_STARTED,
    ]
    assert (engine.exercise, engine.phase) == (ANGELS, Phase.GET_READY)


def test_space_in_a_rest_gives_a_get_ready_and_space_again_starts_now(
    engine: SessionEngine, clock: FakeClock
) -> None:
    run_out(engine, clock)
    run_out(engine, clock)  # left hold: switch
    assert engine.main_action() == [
        Event.SWITCH_SKIPPED,
        Event.SLOT_STARTED,
        Event.GET_READY_STARTED,
    ]
    assert engine.phase is Phase.GET_READY
    assert engine.main_action() == [Event.HOLD_STARTED]
    assert (engine.side, remaining(engine)) == ("right", 20)


def test_zero_second_gap_gets_a_get_ready(clock: FakeClock) -> None:
    quick = SIDE_HOLD._replace(switch_seconds=0, sets=1)
    routine = Routine(id="quick", name="Quick", summary="", steps=(RoutineStep(PIGEON, quick),))
    engine = hands_free(clock, routine)
    run_out(engine, clock)
    assert run_out(engine, clock) == [
        Event.HOLD_ENDED,
        Event.SLOT_DONE,
        Event.SLOT_STARTED,
        Event.GET_READY_STARTED,
    ]
    assert (engine.side, engine.phase) == ("right", Phase.GET_READY)


# ------------------------------------------------------------------ switching the mode


def test_turning_hands_free_on_and_off(clock: FakeClock) -> None:
    engine = SessionEngine(ROUTINE, clock=clock, now=FakeWallClock(clock))
    assert not engine.hands_free
    assert engine.phase is Phase.HOLD_READY
    assert engine.set_hands_free(False) == []
    assert engine.set_hands_free(True) == [Event.HANDS_FREE_ON, Event.GET_READY_STARTED]
    assert engine.phase is Phase.GET_READY
    assert engine.set_hands_free(False) == [Event.HANDS_FREE_OFF]
    assert (engine.phase, engine.timer_remaining()) == (Phase.HOLD_READY, None)
    engine.main_action()  # a hold started by hand carries on either way
    assert engine.set_hands_free(True) == [Event.HANDS_FREE_ON]
    assert engine.phase is Phase.HOLD
    run_out(engine, clock)
    assert engine.set_hands_free(False) == [Event.HANDS_FREE_OFF]
    assert engine.phase is Phase.SWITCH
    assert run_out(engine, clock) == [Event.SWITCH_ENDED, Event.SLOT_STARTED]
    assert engine.phase is Phase.HOLD_READY


def test_turning_hands_free_off_stops_the_pace(engine: SessionEngine, clock: FakeClock) -> None:
    to_step(engine, 1)
    run_out(engine, clock)
    assert engine.is_paced
    assert engine.set_hands_free(False) == [Event.HANDS_FREE_OFF]
    assert (engine.phase, engine.is_paced, engine.rep_progress()) == (Phase.WORK, False, None)
    clock.advance(100)
    assert engine.tick() == []
    assert engine.set_hands_free(True) == [Event.HANDS_FREE_ON, Event.GET_READY_STARTED]


# ------------------------------------------------------------------ 3-2-1


def count_times(engine: SessionEngine, clock: FakeClock, step: float = 0.25) -> list[float]:
    """Seconds into the running countdown at which each count event came, ticking every step."""
    total = engine.timer_total
    assert total is not None
    times: list[float] = []
    phase = engine.phase
    while engine.phase is phase:
        clock.advance(step)
        events = engine.tick()
        counts = [event.seconds_left for event in events if event.seconds_left]
        if counts:
            assert events == [events[0]]  # a count comes alone
            times.append(total - remaining(engine))
    return times


def test_three_two_one_before_a_hold_switch_rest_and_get_ready_ends(clock: FakeClock) -> None:
    engine = hands_free(clock, warnings=True)
    assert count_times(engine, clock) == [2.0, 3.0, 4.0]  # get-ready of 5 s
    assert count_times(engine, clock) == [17.0, 18.0, 19.0]  # hold of 20 s
    assert count_times(engine, clock) == [2.0, 3.0, 4.0]  # switch of 5 s
    count_times(engine, clock)
    assert engine.phase is Phase.REST
    assert count_times(engine, clock) == [7.0, 8.0, 9.0]  # rest of 10 s


def test_counts_are_three_events_in_order_with_seconds_left(clock: FakeClock) -> None:
    engine = hands_free(clock, warnings=True)
    seen: list[Event] = []
    for _ in range(20):
        clock.advance(0.25)
        seen += engine.tick()
    assert seen == [
        Event.COUNT_3,
        Event.COUNT_2,
        Event.COUNT_1,
        Event.GET_READY_ENDED,
        Event.HOLD_STARTED,
    ]
    assert [event.seconds_left for event in seen[:3]] == [3, 2, 1]
    assert Event.HOLD_STARTED.seconds_left is None


def test_no_counts_without_warnings_or_during_a_pace(clock: FakeClock) -> None:
    quiet = hands_free(clock)
    for _ in range(200):
        clock.advance(0.5)
        assert not any(event.seconds_left for event in quiet.tick())
    loud = hands_free(clock, warnings=True)
    to_step(loud, 1)
    run_out(loud, clock)
    assert loud.is_paced
    events: list[Event] = []
    for _ in range(16):
        clock.advance(0.5)
        events += loud.tick()
    assert not any(event.seconds_left for event in events)


def test_a_late_tick_counts_only_the_second_shown_and_never_the_first(clock: FakeClock) -> None:
    engine = hands_free(clock, warnings=True)
    clock.advance(1.5)  # 3.5 s left: shows 4
    assert engine.tick() == []
    clock.advance(2)  # 1.5 s left: shows 2; 3 was missed
    assert engine.tick() == [Event.COUNT_2]
    assert engine.tick() == []
    short = Routine(
        id="short",
        name="Short",
        summary="",
        steps=(RoutineStep(PIGEON, SIDE_HOLD._replace(switch_seconds=3)),),
    )
    engine = hands_free(clock, short, warnings=True)
    engine.main_action()
    engine.main_action()  # left side ended by hand: a 3 s switch
    assert engine.timer_total == 3
    assert count_times(engine, clock) == [1.0, 2.0]  # no 3 on its very first second


def test_more_rest_brings_the_count_back(clock: FakeClock) -> None:
    engine = hands_free(clock, warnings=True)
    clock.advance(2)
    assert engine.tick() == [Event.COUNT_3]
    assert engine.can_add_rest
    assert engine.add_rest(15) == [Event.REST_EXTENDED]
    assert remaining(engine) == 18
    assert count_times(engine, clock) == [17.0, 18.0, 19.0]
    assert engine.phase is Phase.HOLD


def test_counts_in_a_session_without_hands_free(clock: FakeClock) -> None:
    engine = SessionEngine(ROUTINE, clock=clock, now=FakeWallClock(clock), warnings=True)
    engine.main_action()  # start the left hold by hand
    assert count_times(engine, clock) == [17.0, 18.0, 19.0]
    assert count_times(engine, clock) == [2.0, 3.0, 4.0]
    assert engine.phase is Phase.HOLD_READY


# ------------------------------------------------------------------ redraw once a second


def test_next_tick_in_is_when_the_shown_second_changes(clock: FakeClock) -> None:
    engine = hands_free(clock)
    assert engine.next_tick_in() == 1.0
    clock.advance(0.25)
    assert engine.next_tick_in() == 0.75
    engine.toggle_pause()
    assert engine.next_tick_in() is None
    engine.toggle_pause()
    assert engine.next_tick_in() == 0.75
    clock.advance(4.75)
    assert engine.next_tick_in() == 0.0  # ran out: tick now
    manual = SessionEngine(ROUTINE, clock=clock, now=FakeWallClock(clock))
    clock.advance(2.25)
    assert manual.next_tick_in() == 0.75  # no countdown: the elapsed clock's next second
    while not manual.is_finished:
        manual.skip_exercise()
    assert manual.next_tick_in() is None


def test_ticking_only_when_asked_misses_nothing(clock: FakeClock) -> None:
    """Driven once per shown second, a hands-free session gets every event, exactly on time."""
    engine = hands_free(clock, warnings=True)
    calls = 0
    late: list[float] = []
    counts = reps = 0
    while not engine.is_finished:
        wait = engine.next_tick_in()
        assert wait is not None and 0 < wait <= 1
        clock.advance(wait)
        calls += 1
        shown = engine.timer_remaining()
        events = engine.tick()
        counts += sum(1 for event in events if event.seconds_left)
        reps += events.count(Event.REP_STARTED)
        if any(event.rings_bell for event in events):
            late.append(shown or 0.0)
    assert engine.done_count == engine.planned_count == 7
    assert late and all(value == 0 for value in late)
    # One call per second: get-ready 5, switches 5 + 5, rests 10 + 10, between exercises 15 + 15.
    gaps = 5 + 5 + 10 + 5 + 15 + 10 + 15
    assert calls == 4 * 20 + 2 * 8 + 9 + gaps
    assert reps == 3 + 3 + 2  # every rep after the first of each paced set
    assert counts == 3 * 11  # 3-2-1 for the get-ready, 4 holds, 2 switches and 4 rests


# ------------------------------------------------------------------ every built-in routine


def test_every_built_in_routine_runs_from_start_to_end_without_a_key(clock: FakeClock) -> None:
    catalogue = load_catalogue(builtin_routines_file())
    assert catalogue.routines
    for routine in catalogue.routines:
        engine = hands_free(clock, routine, warnings=True)
        for _ in range(10_000):
            if engine.is_finished:
                break
            wait = engine.next_tick_in()
            assert wait is not None, routine.id
            clock.advance(wait)
            engine.tick()
        assert engine.is_finished, routine.id
        assert engine.done_count == engine.planned_count, routine.id
        assert all(record.is_done for record in engine.records), routine.id
        assert engine.counts_as_finished


# ------------------------------------------------------------------ snapshots


def assert_round_trip(engine: SessionEngine, clock: FakeClock) -> SessionEngine:
    snap = engine.snapshot()
    wall = FakeWallClock(clock)
    rebuilt = SessionEngine.restore(
        ROUTINE, copy.deepcopy(snap), clock=clock, now=wall, warnings=engine.warnings
    )
    assert rebuilt.snapshot() == snap
    assert (rebuilt.phase, rebuilt.hands_free, rebuilt.rep_progress()) == (
        engine.phase,
        engine.hands_free,
        engine.rep_progress(),
    )
    return rebuilt


def test_resume_mid_pace_continues_the_same_rep_and_beats(clock: FakeClock) -> None:
    engine = hands_free(clock, warnings=True)
    to_step(engine, 1)
    run_out(engine, clock)
    clock.advance(2.5)
    assert engine.tick() == [Event.REP_STARTED]
    snap = engine.snapshot()
    assert snap["hands_free"] is True
    assert snap["phase"] == "work"
    assert snap["timer"]["reps_announced"] == 2
    later = FakeClock()
    later.advance(5000)
    rebuilt = SessionEngine.restore(ROUTINE, snap, clock=later, now=FakeWallClock(later))
    assert rebuilt.rep_progress() == (2, 4)
    assert rebuilt.tick() == []  # rep 2 was announced before the save
    later.advance(1.5)
    assert rebuilt.tick() == [Event.REP_STARTED]
    later.advance(4)
    assert rebuilt.tick() == [Event.PACE_ENDED, Event.SLOT_DONE, Event.REST_STARTED]


def test_live_and_rebuilt_engines_agree_through_a_hands_free_session(clock: FakeClock) -> None:
    live = hands_free(clock, warnings=True)
    phoenix = hands_free(clock, warnings=True)
    script = [
        "tick", "advance", "tick", "advance", "advance", "tick", "main_action", "advance",
        "toggle_pause", "advance", "toggle_pause", "advance", "tick", "add_rest", "advance",
        "tick", "skip_exercise", "advance", "advance", "tick", "advance", "tick", "advance",
        "undo_set", "advance", "tick", "back_exercise", "next_cue", "set_hands_free",
        "main_action", "set_hands_free", "advance", "tick", "advance", "tick",
    ]  # fmt: skip
    phases = set()
    for action in script:
        if action == "advance":
            clock.advance(2.5)
            continue
        if action == "set_hands_free":
            args: tuple[bool, ...] = (not live.hands_free,)
        else:
            args = ()
        live_events = getattr(live, action)(*args)
        assert getattr(phoenix, action)(*args) == live_events, action
        assert phoenix.snapshot() == live.snapshot(), action
        phoenix = assert_round_trip(phoenix, clock)
        phases.add(live.phase)
    assert Phase.GET_READY in phases and Phase.WORK in phases and Phase.HOLD in phases


def test_a_version_1_snapshot_reads_as_a_session_without_hands_free(clock: FakeClock) -> None:
    engine = SessionEngine(ROUTINE, clock=clock, now=FakeWallClock(clock))
    engine.main_action()
    clock.advance(3)
    snap = engine.snapshot()
    old = {key: value for key, value in snap.items() if key != "hands_free"}
    old["version"] = 1
    old["timer"] = {key: snap["timer"][key] for key in ("duration", "remaining", "paused")}
    rebuilt = SessionEngine.restore(ROUTINE, old, clock=clock)
    assert not rebuilt.hands_free
    assert (rebuilt.phase, remaining(rebuilt)) == (Phase.HOLD, 17)
    assert rebuilt.snapshot()["version"] == 2


@pytest.mark.parametrize(
    ("hands_free_on", "phase", "timer", "message"),
    [
        (False, "get_ready", True, "without hands-free"),
        (True, "hold_ready", False, "with hands-free"),
        (True, "work", False, "phase work has no timer"),
        (False, "work", True, "phase work has timer"),
    ],
)
def test_snapshots_that_break_the_hands_free_rules_are_refused(
    clock: FakeClock, hands_free_on: bool, phase: str, timer: bool, message: str
) -> None:
    engine = hands_free(clock)
    to_step(engine, 1)
    snap = engine.snapshot()
    assert snap["timer"] is not None
    snap.update(hands_free=hands_free_on, phase=phase, slot_index=0 if "hold" in phase else 4)
    if not timer:
        snap["timer"] = None
    with pytest.raises(SnapshotError, match=message):
        SessionEngine.restore(ROUTINE, snap, clock=clock)


# ------------------------------------------------------------------ the session defects


def test_skipping_the_last_exercise_needs_asking_and_nothing_done_is_not_finished(
    clock: FakeClock,
) -> None:
    engine = SessionEngine(ROUTINE, clock=clock, now=FakeWallClock(clock))
    assert not engine.skip_would_finish
    to_step(engine, 2)
    assert engine.skip_would_finish
    assert engine.skip_exercise()[-1] is Event.FINISHED
    assert engine.is_finished and not engine.counts_as_finished
    assert not engine.skip_would_finish
    only = Routine.single(ANGELS)
    single = SessionEngine(only, clock=clock)
    assert single.skip_would_finish
    single.main_action()
    assert single.is_finished and single.counts_as_finished


def test_a_session_ended_with_nothing_done_is_kept_as_abandoned(clock: FakeClock) -> None:
    engine = SessionEngine(ROUTINE, clock=clock, now=FakeWallClock(clock))
    assert end_status(engine) == ABANDONED  # not at the end yet
    to_step(engine, 2)
    engine.skip_exercise()
    assert engine.is_finished and end_status(engine) == ABANDONED
    engine.back_exercise()
    engine.main_action()
    assert engine.is_finished and end_status(engine) == FINISHED


def test_skip_during_the_rest_before_the_last_exercise_does_not_finish(
    engine: SessionEngine, clock: FakeClock
) -> None:
    to_step(engine, 1)
    for _ in range(4):
        run_out(engine, clock)
    assert (engine.phase, engine.exercise) == (Phase.REST, CAT_COW)
    assert engine.coming_up() is not None
    assert not engine.skip_would_finish


def test_partly_done_exercises_say_how_many_sets(engine: SessionEngine, clock: FakeClock) -> None:
    run_out(engine, clock)
    run_out(engine, clock)  # left hold of set 1 done
    engine.skip_exercise()
    run_out(engine, clock)
    run_out(engine, clock)  # cat-cow set 1 done
    run_out(engine, clock)  # rest
    engine.skip_exercise()  # set 2 skipped
    tallies = engine.exercise_progress()
    assert [
        (t.exercise.id, t.sets_done, t.sets_planned, t.slots_done, t.slots_planned, t.status)
        for t in tallies
    ] == [
        ("pigeon", 0, 2, 1, 4, StepStatus.PARTLY_DONE),
        ("cat-cow", 1, 2, 1, 2, StepStatus.PARTLY_DONE),
        ("angels", 0, 1, 0, 1, StepStatus.NOT_REACHED),
    ]
    assert [t.per_side for t in tallies] == [True, False, False]
    assert (engine.done_set_count, engine.planned_set_count) == (1, 5)
    assert (engine.done_count, engine.planned_count) == (2, 7)
    engine.skip_exercise()
    assert engine.exercise_progress()[2].status is StepStatus.SKIPPED


def test_sets_count_once_both_sides_are_done(engine: SessionEngine, clock: FakeClock) -> None:
    assert (engine.done_set_count, engine.planned_set_count) == (0, 5)
    assert engine.planned_count == 7  # each side of a per-side set counts
    run_out(engine, clock)
    run_out(engine, clock)
    assert (engine.done_count, engine.done_set_count) == (1, 0)
    run_out(engine, clock)
    run_out(engine, clock)
    assert (engine.done_count, engine.done_set_count) == (2, 1)
    assert engine.exercise_progress()[0].status is StepStatus.PARTLY_DONE


def test_more_rest_is_refused_during_a_hold_and_a_pace(
    engine: SessionEngine, clock: FakeClock
) -> None:
    assert engine.can_add_rest  # get-ready
    run_out(engine, clock)
    assert engine.phase is Phase.HOLD
    assert not engine.can_add_rest
    assert engine.add_rest() == []
    assert remaining(engine) == 20
    run_out(engine, clock)
    assert engine.can_add_rest  # switch
    to_step(engine, 1)
    run_out(engine, clock)
    assert engine.is_paced and not engine.can_add_rest
    assert engine.add_rest() == []
    manual = SessionEngine(ROUTINE, clock=clock)
    assert manual.phase is Phase.HOLD_READY and not manual.can_add_rest


def test_rest_names_what_comes_next(engine: SessionEngine, clock: FakeClock) -> None:
    assert engine.coming_up() is None  # get-ready: the current slot is what comes
    run_out(engine, clock)
    assert engine.coming_up() is None
    run_out(engine, clock)
    upcoming = engine.coming_up()
    assert upcoming is not None
    assert (upcoming.exercise, upcoming.set_number, upcoming.side) == (PIGEON, 1, "right")
    for _ in range(6):
        run_out(engine, clock)
    assert engine.phase is Phase.REST
    upcoming = engine.coming_up()
    current = engine.current_slot
    assert upcoming is not None and current is not None
    assert upcoming.step_index != current.step_index
    assert (upcoming.exercise, upcoming.set_number, upcoming.set_count) == (CAT_COW, 1, 2)
    assert upcoming.dosage is PACED


def test_remaining_estimate_counts_a_running_pace_once(
    engine: SessionEngine, clock: FakeClock
) -> None:
    to_step(engine, 2)
    assert engine.phase is Phase.GET_READY
    assert engine.remaining_seconds_estimate() == 5 + 9
    run_out(engine, clock)
    clock.advance(4)
    assert engine.remaining_seconds_estimate() == 5
    assert math.isclose(engine.progress(), 6 / 7)


def test_a_per_side_set_needs_both_sides_whichever_is_missing(clock: FakeClock) -> None:
    engine = hands_free(clock)
    slots = engine.slots
    right_only = {1: make_record(slots[1]), 3: make_record(slots[3])}
    tally = exercise_progress(slots, right_only)[0]
    assert (tally.sets_done, tally.slots_done, tally.status) == (0, 2, StepStatus.PARTLY_DONE)
    both = {index: make_record(slots[index]) for index in (0, 1, 3)}
    tally = exercise_progress(slots, both)[0]
    assert (tally.sets_done, tally.sets_planned, tally.slots_done) == (1, 2, 3)
    every = {slot.index: make_record(slot) for slot in slots}
    assert [t.status for t in exercise_progress(slots, every)] == [StepStatus.DONE] * 3


def make_record(slot: Slot) -> SetRecord:
    return SetRecord(
        slot_index=slot.index,
        exercise_id=slot.exercise.id,
        exercise_name=slot.exercise.name,
        set_number=slot.set_number,
        side=slot.side,
        reps=None,
        seconds=1,
        outcome="done",
        at="2026-01-01T00:00:00+00:00",
    )


# ------------------------------------------------------------------ any keys, any time

QUICK = Routine(
    id="quick",
    name="Quick",
    summary="zero-second gaps and a one-rep set",
    steps=(
        RoutineStep(PIGEON, SIDE_HOLD._replace(sets=1, switch_seconds=0, hold_seconds=3)),
        RoutineStep(CAT_COW, PACED._replace(reps=1, rest_seconds=0)),
    ),
    rest_between_exercises_seconds=0,
)
KEYS = (
    "main_action",
    "next_cue",
    "previous_cue",
    "skip_exercise",
    "back_exercise",
    "undo_set",
    "toggle_pause",
    "add_rest",
    "set_hands_free",
)
STEPS = st.one_of(
    st.sampled_from(KEYS),
    st.just("tick"),
    st.just("restore"),
    st.sampled_from([0.25, 0.5, 1.0, 1.75, 3.0, 7.5, 30.0, 3600.0]),
)


def check_invariants(engine: SessionEngine, routine: Routine, clock: FakeClock) -> None:
    phase = engine.phase
    assert engine.done_count <= engine.planned_count
    assert engine.done_set_count <= engine.planned_set_count
    tallies = engine.exercise_progress()
    assert sum(t.slots_done for t in tallies) == engine.done_count
    assert engine.is_finished == (phase is Phase.DONE)
    if engine.is_finished:
        assert engine.slot_index == engine.planned_count
        assert len(engine.records) == engine.planned_count  # finished only at the end
        assert engine.counts_as_finished == (engine.done_count > 0)
    timed = phase in COUNTDOWN_PHASES or (phase is Phase.WORK and engine.hands_free)
    assert (engine.timer_remaining() is not None) == timed
    assert not (phase is Phase.GET_READY and not engine.hands_free)
    assert not (phase is Phase.HOLD_READY and engine.hands_free)
    left = engine.timer_remaining()
    if left is not None:
        assert engine.timer_total is not None and 0 <= left <= engine.timer_total
    reps = engine.rep_progress()
    if reps is not None:
        assert 1 <= reps[0] <= reps[1]
    wait = engine.next_tick_in()
    assert wait is None or 0 <= wait <= 1
    assert (wait is None) == (engine.is_finished or engine.is_paused)
    snap = engine.snapshot()
    assert json.loads(json.dumps(snap)) == snap
    rebuilt = SessionEngine.restore(routine, snap, clock=clock, warnings=engine.warnings)
    assert rebuilt.snapshot() == snap


@settings(derandomize=True, max_examples=300, deadline=None)
@given(
    steps=st.lists(STEPS, max_size=60),
    routine=st.sampled_from([ROUTINE, QUICK]),
    warnings=st.booleans(),
)
def test_any_keys_and_ticks_keep_a_hands_free_engine_sound(
    steps: list[str | float], routine: Routine, warnings: bool
) -> None:
    clock = FakeClock()
    engine = hands_free(clock, routine, warnings=warnings)
    check_invariants(engine, routine, clock)
    elapsed = engine.elapsed_seconds()
    for step in steps:
        was_finished = engine.is_finished
        if isinstance(step, float):
            clock.advance(step)
        elif step == "restore":
            engine = SessionEngine.restore(
                routine, engine.snapshot(), clock=clock, warnings=warnings
            )
        else:
            args = (not engine.hands_free,) if step == "set_hands_free" else ()
            events = getattr(engine, step)(*args)
            assert all(isinstance(event, Event) for event in events)
            assert (Event.FINISHED in events) == (engine.is_finished and not was_finished)
            if not warnings:
                assert not any(event.seconds_left for event in events)
            if step == "tick":
                assert engine.tick() == []  # nothing is due twice
        check_invariants(engine, routine, clock)
        assert engine.elapsed_seconds() >= elapsed
        elapsed = engine.elapsed_seconds()
