"""Shared fixtures: every test gets its own config and data dirs, never the real home."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Protocol

import pytest

from tui.app import LoosenApp
from tui.catalogue.model import Catalogue
from tui.catalogue.sources import builtin_routines_file, load_catalogue
from tui.history.stats import forget_time_zone
from tui.session.engine import SessionEngine
from tui.session.record import FINISHED, session_record
from tui.settings import Settings
from tui.storage.errors import StoreError
from tui.storage.store import Store
from tui.storage.types import SessionRecord

CLOCK_START = 1000.0
"""Where a FakeClock starts unless told otherwise (a monotonic clock's zero means nothing)."""

WALL_START = datetime(2026, 11, 20, 7, 30, tzinfo=timezone(timedelta(hours=1)))
"""The local time a FakeWallClock shows while its FakeClock reads CLOCK_START."""


class FakeClock:
    """A monotonic clock that moves only when a test says so."""

    def __init__(self, start: float = CLOCK_START) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class FakeWallClock:
    """Wall-clock time tied to a FakeClock: `start` while it reads CLOCK_START."""

    def __init__(self, clock: FakeClock, start: datetime = WALL_START) -> None:
        self.clock = clock
        self.start = start

    def __call__(self) -> datetime:
        return self.start + timedelta(seconds=self.clock.now - CLOCK_START)


class AppFactory(Protocol):
    """The `make_app` fixture: a LoosenApp on the test's catalogue, store and fake clocks."""

    def __call__(
        self,
        *,
        catalogue: Catalogue | None = None,
        store: Store | None = None,
        start_routine: str | None = None,
        open_history: bool = False,
        check_ins: bool = False,
    ) -> LoosenApp: ...


def finished(catalogue: Catalogue, routine_id: str, days_ago: int, **extra: Any) -> SessionRecord:
    """A real finished session, run through the engine on a fake clock."""
    routine = catalogue.routine(routine_id)
    assert routine is not None
    clock = FakeClock()
    wall = FakeWallClock(clock)
    wall.start -= timedelta(days=days_ago)
    engine = SessionEngine(routine, clock=clock, now=wall)
    while not engine.is_finished:
        engine.main_action()
        clock.advance(20)
    return session_record(f"session-{days_ago}", engine, status=FINISHED, ended_at=wall(), **extra)


@pytest.fixture(autouse=True)
def fixed_time_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Run at UTC+1, the zone of FakeWallClock, whatever the machine's zone is."""
    monkeypatch.setenv("TZ", "Etc/GMT-1")  # POSIX sign: this is UTC+1
    time.tzset()
    forget_time_zone()
    yield
    monkeypatch.undo()
    time.tzset()
    forget_time_zone()


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Config and data under the test's temp dir, never the real home."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))
    monkeypatch.delenv("LOOSEN_DATA_DIR", raising=False)


@pytest.fixture
def catalogue() -> Catalogue:
    """The built-in catalogue, as the app ships it."""
    return load_catalogue(builtin_routines_file())


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data dir of the test's own, not yet created."""
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    """The store on `data_dir`, open for the whole test."""
    with Store.open(data_dir) as opened:
        yield opened


@pytest.fixture
def clock() -> FakeClock:
    """The monotonic clock the app and its engine read; a test moves it by hand."""
    return FakeClock()


@pytest.fixture
def make_app(catalogue: Catalogue, store: Store, clock: FakeClock) -> AppFactory:
    """Builds the app on the test's catalogue, store and fake clocks, unless told otherwise."""
    test_catalogue, test_store = catalogue, store

    def make(
        *,
        catalogue: Catalogue | None = None,
        store: Store | None = None,
        start_routine: str | None = None,
        open_history: bool = False,
        check_ins: bool = False,
    ) -> LoosenApp:
        chosen = test_store if store is None else store
        # Most tests drive sessions, not check-ins; the check-in tests turn them on.
        if not chosen.read_only:
            with contextlib.suppress(StoreError):  # a test's broken settings file
                chosen.set_setting("check_ins", check_ins)
        app = LoosenApp(
            catalogue=test_catalogue if catalogue is None else catalogue,
            store=chosen,
            start_routine=start_routine,
            open_history=open_history,
            clock=clock,
            now=FakeWallClock(clock),
        )
        app.settings = Settings(chosen, check_ins=check_ins)  # if the stored ones can't be read
        return app

    return make
