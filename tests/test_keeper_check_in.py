"""Check-ins kept with the session: in the unfinished session, then in history."""

from __future__ import annotations

from tests.conftest import FakeClock, FakeWallClock
from tui.catalogue.model import Catalogue, Exercise
from tui.ledger.checkin import with_after, with_before, with_side
from tui.session.engine import SessionEngine
from tui.session.keeper import ActiveSession
from tui.storage.store import Store

FULL = "full-thoracic-warm-up"
"""Five exercises; the fourth and fifth are per side."""


def test_check_ins_are_saved_with_the_session_from_start_to_history(
    catalogue: Catalogue, clock: FakeClock, store: Store
) -> None:
    routine = catalogue.routine(FULL)
    assert routine is not None
    before = with_before(None, stiffness=6, pain=3)
    session = ActiveSession.start(
        routine, store, clock=clock, now=FakeWallClock(clock), check_in=before
    )
    saved = store.active()
    assert saved is not None and saved["check_in"] == before  # on disk before any step

    asked: list[Exercise] = []
    session.on_exercise_end = asked.append
    while not session.engine.is_finished:
        step = session.step(SessionEngine.main_action)
        if asked and session.check_in is not None and not session.check_in["sides"]:
            assert session.answer(with_side(session.check_in, asked[-1].id, "left")) is None
            # A kill now loses nothing: the unfinished session has the answer.
            document = store.active()
            assert document is not None
            resumed = ActiveSession.resume(document, store, clock=clock, now=FakeWallClock(clock))
            assert resumed.check_in == session.check_in
            assert resumed.unasked_side() is None  # answered: not asked again after resuming
        clock.advance(20)
    assert step.finished
    assert [exercise.id for exercise in asked] == ["t-spine-roller-twister"]
    last = session.unasked_side()
    assert last is not None and last.id == "band-assisted-thoracic-rotation"
    assert session.unasked_side() is None

    session.finish()
    record = store.session(session.session_id)
    assert record is not None and record["check_in"] == session.check_in
    assert session.rate(4, "ok") is None
    assert session.answer(with_after(session.check_in, 2)) is None
    record = store.session(session.session_id)
    assert record is not None
    assert record["rating"] == 4 and record["note"] == "ok"  # kept through a later answer
    assert record["check_in"] is not None
    assert record["check_in"]["stiffness_before"] == 6
    assert record["check_in"]["stiffness_after"] == 2
    assert record["check_in"]["sides"] == [
        {"exercise_id": "t-spine-roller-twister", "tighter": "left"}
    ]
    assert record["edited_at"] is None


def test_a_session_without_answers_keeps_no_check_in(
    catalogue: Catalogue, clock: FakeClock, store: Store
) -> None:
    routine = catalogue.routine("roller-twister-warm-up")
    assert routine is not None
    session = ActiveSession.start(routine, store, clock=clock, now=FakeWallClock(clock))
    assert "check_in" not in (store.active() or {})
    while not session.engine.is_finished:
        session.step(SessionEngine.main_action)
        clock.advance(20)
    session.finish()
    record = store.session(session.session_id)
    assert record is not None and record["check_in"] is None
