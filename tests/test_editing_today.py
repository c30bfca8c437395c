"""Adjusting today only: the session runs and records today's dosage; the routine stays as saved."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from tui.catalogue.loader import load_catalogue_file
from tui.catalogue.model import Routine
from tui.catalogue.sources import builtin_routines_file
from tui.catalogue.today import AdjustError, adjust_today, today_changes
from tui.session.engine import SessionEngine
from tui.session.record import FINISHED, active_document, resume, session_record

# Read at import, before the fixtures isolate the data dir: so without the library.
CATALOGUE = load_catalogue_file(builtin_routines_file())


def routine(routine_id: str) -> Routine:
    found = CATALOGUE.routine(routine_id)
    assert found is not None
    return found


def test_one_step_is_adjusted_and_the_rest_and_the_saved_routine_are_not() -> None:
    usual = routine("four-step-upper-back")
    today = adjust_today(usual, {"sets": 1, "reps": 4}, step=1)
    assert (today.id, today.name) == (usual.id, usual.name)
    assert (today.steps[1].dosage.sets, today.steps[1].dosage.reps) == (1, 4)
    assert today.steps[1].note == usual.steps[1].note
    assert today.steps[0] == usual.steps[0] and today.steps[2:] == usual.steps[2:]
    assert CATALOGUE.routine("four-step-upper-back") == usual
    assert list(today_changes(usual, today)) == [1]
    before, after = today_changes(usual, today)[1]
    assert (before.sets, before.reps, after.sets, after.reps) == (2, 8, 1, 4)


def test_every_step_at_once_and_a_hold_instead_of_reps() -> None:
    usual = routine("full-thoracic-warm-up")
    today = adjust_today(usual, {"sets": 1})
    assert {step.dosage.sets for step in today.steps} == {1}
    held = adjust_today(usual, {"hold_seconds": 20}, step=2)  # this step overrides reps itself
    assert (held.steps[2].dosage.reps, held.steps[2].dosage.hold_seconds) == (None, 20)
    assert held.steps[2].dosage.sets == usual.steps[2].dosage.sets == 1


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"sets": 0}, "dosage.sets: must be at least 1, got 0"),
        ({"reps": 501}, "dosage.reps: must be at most 500, got 501"),
        ({"reps": 5, "hold_seconds": 5}, 'dosage: give either "reps" or "hold_seconds", not both'),
        ({"set": 1}, 'dosage.set: unknown field (did you mean "sets"?)'),
        ({"per_side": 1}, "dosage.per_side: expected true or false, got 1"),
    ],
)
def test_today_s_changes_follow_the_loader_rules(changes: dict[str, int], problem: str) -> None:
    with pytest.raises(AdjustError) as caught:
        adjust_today(routine("roller-twister-warm-up"), changes)
    assert caught.value.problems == [problem]


def test_a_step_that_is_not_there() -> None:
    with pytest.raises(IndexError, match="there is no step 2"):
        adjust_today(routine("roller-twister-warm-up"), {"sets": 1}, step=1)


def test_the_session_runs_saves_and_records_today_s_plan() -> None:
    now = datetime(2026, 12, 1, 7, 0, tzinfo=timezone(timedelta(hours=1)))
    seconds = [1000.0]
    today = adjust_today(routine("roller-twister-warm-up"), {"sets": 1, "reps": 4})
    engine = SessionEngine(today, clock=lambda: seconds[0], now=lambda: now)
    assert engine.planned_count == 2  # one set, each side
    engine.main_action()  # the left side done
    saved = active_document("s1", engine)
    assert saved["routine"]["routines"][0]["steps"][0]["dosage"]["reps"] == 4
    resumed = resume(saved, clock=lambda: seconds[0]).engine
    # An interrupted session carries on with today's plan.
    assert [s.dosage for s in resumed.routine.steps] == [s.dosage for s in today.steps]
    while not resumed.is_finished:
        resumed.main_action()
    record = session_record("s1", resumed, status=FINISHED, ended_at=now)
    assert (record["sets_planned"], record["sets_done"]) == (2, 2)
    assert [(s["side"], s["reps"], s["outcome"]) for s in record["sets"]] == [
        ("left", 4, "done"),
        ("right", 4, "done"),
    ]
    assert record["routine_id"] == "roller-twister-warm-up"
    usual = routine("roller-twister-warm-up").steps[0].dosage
    assert (usual.sets, usual.reps) == (2, 10)
