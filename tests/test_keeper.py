"""The session keeper: steps saved before they are shown, the end kept in history."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from tests.conftest import FakeClock, FakeWallClock
from tui.catalogue.model import Catalogue, Routine
from tui.session.engine import Event, Phase, SessionEngine
from tui.session.keeper import ActiveSession, discard
from tui.session.record import ActiveSessionError
from tui.storage.errors import StoreError
from tui.storage.store import Store

SIDED = "roller-twister-warm-up"
"""One exercise, two sets of reps on each side, a switch and a rest between."""


class CountingStore:
    """A Store that counts its writes and can be told to fail them."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.saves = 0
        self.added: list[dict[str, Any]] = []
        self.failing = False

    def save_active(self, doc: dict[str, Any]) -> None:
        self._maybe_fail()
        self.saves += 1
        self.store.save_active(doc)

    def add_session(self, record: dict[str, Any]) -> None:
        self._maybe_fail()
        self.added.append(record)
        self.store.add_session(record)

    def _maybe_fail(self) -> None:
        if self.failing:
            raise StoreError("the disk is full")


def routine(catalogue: Catalogue, routine_id: str = SIDED) -> Routine:
    found = catalogue.routine(routine_id)
    assert found is not None
    return found


@pytest.fixture
def counting(store: Store) -> CountingStore:
    return CountingStore(store)


def started(
    catalogue: Catalogue, counting: CountingStore, clock: FakeClock, routine_id: str = SIDED
) -> ActiveSession:
    return ActiveSession.start(
        routine(catalogue, routine_id), counting, clock=clock, now=FakeWallClock(clock)
    )


def test_a_started_session_is_on_disk_before_it_is_returned(
    catalogue: Catalogue, counting: CountingStore, clock: FakeClock, store: Store
) -> None:
    session = started(catalogue, counting, clock)
    saved = store.active()
    assert saved is not None and saved["id"] == session.session_id
    assert saved["engine"]["slot_index"] == 0
    assert counting.saves == 1


def test_a_step_that_changes_the_session_is_saved_and_one_that_does_not_is_not(
    catalogue: Catalogue, counting: CountingStore, clock: FakeClock, store: Store
) -> None:
    session = started(catalogue, counting, clock)
    step = session.step(SessionEngine.main_action)  # the left side done: switch sides
    assert Event.SLOT_DONE in step.events and Event.SWITCH_STARTED in step.events
    assert not step.finished and step.problem is None
    assert counting.saves == 2
    saved = store.active()
    assert saved is not None and len(saved["engine"]["records"]) == 1
    nothing = session.step(SessionEngine.tick)  # the switch has not run out
    assert nothing.events == () and counting.saves == 2


def test_announcements_alone_wait_for_the_next_change_to_be_saved(
    catalogue: Catalogue, counting: CountingStore, clock: FakeClock
) -> None:
    wall = FakeWallClock(clock)
    engine = SessionEngine(routine(catalogue), clock=clock, now=wall, warnings=True)
    session = ActiveSession("warned", engine, counting, now=wall)
    session.step(SessionEngine.main_action)  # a switch countdown starts
    saves = counting.saves
    timer = engine.timer_remaining()
    assert timer is not None
    clock.advance(timer - 2.5)  # 3 s left on the display
    step = session.step(SessionEngine.tick)
    assert step.events == (Event.COUNT_3,)
    assert counting.saves == saves
    assert session.leave() is None  # leaving saves what is unsaved
    assert counting.saves == saves + 1


def test_only_a_countdown_that_runs_out_rings(
    catalogue: Catalogue, counting: CountingStore, clock: FakeClock
) -> None:
    session = started(catalogue, counting, clock)
    keyed = session.step(SessionEngine.main_action)
    assert not keyed.rings
    timer = session.engine.timer_remaining()
    assert timer is not None
    clock.advance(timer)
    ran_out = session.step(SessionEngine.tick)
    assert Event.SWITCH_ENDED in ran_out.events and ran_out.rings


def test_a_failed_save_is_said_and_the_session_goes_on(
    catalogue: Catalogue, counting: CountingStore, clock: FakeClock
) -> None:
    session = started(catalogue, counting, clock)
    counting.failing = True
    step = session.step(SessionEngine.main_action)
    assert step.problem == "Could not save the session: the disk is full"
    assert session.engine.phase is Phase.SWITCH  # the step happened all the same
    assert session.leave() == "Could not save the session: the disk is full"


def test_finish_keeps_the_session_once_and_a_rating_is_added_to_it(
    catalogue: Catalogue, counting: CountingStore, clock: FakeClock, store: Store
) -> None:
    session = started(catalogue, counting, clock)
    while not session.step(SessionEngine.main_action).finished:
        clock.advance(1)
    assert session.ended_at is None
    session.finish()
    ended_at = session.ended_at
    assert ended_at is not None
    clock.advance(60)
    assert session.rate(None, None) is None
    assert len(counting.added) == 1, "nothing to add: history has it already"
    assert session.rate(4, "easy") is None
    [summary] = store.sessions()
    assert summary["status"] == "finished"
    assert (summary["rating"], summary["note"]) == (4, "easy")
    assert summary["ended_at"] == ended_at.isoformat(timespec="seconds")
    assert store.active() is None


def test_a_session_with_nothing_done_ends_abandoned(
    catalogue: Catalogue, counting: CountingStore, clock: FakeClock, store: Store
) -> None:
    session = started(catalogue, counting, clock)
    step = session.step(SessionEngine.skip_exercise)  # its only exercise
    assert step.finished
    session.finish()
    [summary] = store.sessions()
    assert summary["status"] == "abandoned" and summary["sets_done"] == 0


def test_a_failed_finish_passes_the_error_and_leaves_the_session_unfinished(
    catalogue: Catalogue, counting: CountingStore, clock: FakeClock, store: Store
) -> None:
    session = started(catalogue, counting, clock)
    session.step(SessionEngine.skip_exercise)
    counting.failing = True
    with pytest.raises(StoreError):
        session.finish()
    assert session.ended_at is None
    assert store.active() is not None and store.sessions() == []
    assert session.rate(3, None) is None  # not finished: nothing to rate


def test_resume_carries_on_exactly_where_it_stopped(
    catalogue: Catalogue, counting: CountingStore, clock: FakeClock, store: Store
) -> None:
    session = started(catalogue, counting, clock)
    session.step(SessionEngine.main_action)
    document = store.active()
    assert document is not None
    resumed = ActiveSession.resume(document, counting, clock=clock, now=FakeWallClock(clock))
    assert resumed.session_id == session.session_id
    assert (resumed.engine.slot_index, resumed.engine.phase) == (0, Phase.SWITCH)
    with pytest.raises(ActiveSessionError):
        ActiveSession.resume({"id": 3}, counting, clock=clock, now=FakeWallClock(clock))


def test_discard_keeps_the_last_save_in_history_as_abandoned(
    catalogue: Catalogue, counting: CountingStore, clock: FakeClock, store: Store
) -> None:
    session = started(catalogue, counting, clock)
    session.step(SessionEngine.main_action)
    document = store.active()
    assert document is not None
    assert discard(document, counting, ended_at=datetime.now().astimezone())
    [summary] = store.sessions()
    assert summary["status"] == "abandoned" and summary["sets_done"] == 1
    assert store.active() is None


def test_an_unreadable_session_is_not_discarded(counting: CountingStore, store: Store) -> None:
    document = {"id": "x", "routine": {}, "engine": {}}
    store.save_active(document)
    assert not discard(document, counting, ended_at=datetime.now().astimezone())
    assert store.active() == document and store.sessions() == []
