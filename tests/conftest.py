"""Shared fixtures: every test gets its own config and data dirs, never the real home."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tui.app import LoosenApp
from tui.catalogue.model import Catalogue
from tui.catalogue.sources import builtin_routines_file, load_catalogue
from tui.storage.history import forget_time_zone
from tui.storage.store import Store


class FakeClock:
    """A monotonic clock that moves only when a test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class FakeWallClock:
    """Local wall-clock time tied to a FakeClock, starting at a fixed moment."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.start = datetime(2026, 11, 20, 7, 30, tzinfo=timezone(timedelta(hours=1)))

    def __call__(self) -> datetime:
        return self.start + timedelta(seconds=self.clock.now - 1000.0)


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
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))
    monkeypatch.delenv("LOOSEN_DATA_DIR", raising=False)


@pytest.fixture
def catalogue() -> Catalogue:
    return load_catalogue(builtin_routines_file())


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    with Store.open(data_dir) as opened:
        yield opened


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_app(catalogue: Catalogue, store: Store, clock: FakeClock):  # type: ignore[no-untyped-def]
    def make(**kwargs: object) -> LoosenApp:
        return LoosenApp(
            catalogue=kwargs.pop("catalogue", catalogue),  # type: ignore[arg-type]
            store=kwargs.pop("store", store),  # type: ignore[arg-type]
            clock=clock,
            now=FakeWallClock(clock),
            **kwargs,  # type: ignore[arg-type]
        )

    return make
