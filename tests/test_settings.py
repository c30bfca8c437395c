"""Settings: read once, kept in memory, written through on change."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import pytest

from tui.settings import Settings
from tui.storage.errors import StoreError
from tui.storage.store import Store

T = TypeVar("T")


class FakeStore:
    """Settings in a dict, counting reads and writes; writes can be made to fail."""

    def __init__(self, values: dict[str, Any] | None = None, *, read_only: bool = False):
        self.values = dict(values or {})
        self.read_only = read_only
        self.reads = 0
        self.writes = 0
        self.failing = False

    def get_setting(self, key: str, default: T) -> T:
        self.reads += 1
        return self.values.get(key, default)  # type: ignore[no-any-return]

    def set_setting(self, key: str, value: Any) -> None:
        if self.failing:
            raise StoreError("the disk is full")
        self.writes += 1
        self.values[key] = value


def test_defaults_when_nothing_is_stored() -> None:
    settings = Settings.read(FakeStore())
    assert settings.bell is True and settings.theme is None


def test_stored_values_are_read_and_a_theme_of_the_wrong_type_is_ignored() -> None:
    assert Settings.read(FakeStore({"bell": False, "theme": "nord"})).theme == "nord"
    assert Settings.read(FakeStore({"bell": False})).bell is False
    assert Settings.read(FakeStore({"theme": 3})).theme is None


def test_reading_the_bell_reads_no_store() -> None:
    store = FakeStore({"bell": False})
    settings = Settings.read(store)
    reads = store.reads
    assert [settings.bell for _ in range(100)] == [False] * 100
    assert store.reads == reads


def test_a_change_is_written_through() -> None:
    store = FakeStore()
    settings = Settings.read(store)
    settings.set_bell(False)
    settings.set_theme("nord")
    assert store.values == {"bell": False, "theme": "nord"}
    assert (settings.bell, settings.theme) == (False, "nord")


def test_the_same_theme_again_writes_nothing() -> None:
    store = FakeStore({"theme": "nord"})
    settings = Settings.read(store)
    settings.set_theme("nord")
    assert store.writes == 0


def test_a_failed_write_changes_nothing() -> None:
    store = FakeStore()
    settings = Settings.read(store)
    store.failing = True
    with pytest.raises(StoreError):
        settings.set_bell(False)
    with pytest.raises(StoreError):
        settings.set_theme("nord")
    assert (settings.bell, settings.theme) == (True, None)


def test_read_only_a_change_lasts_for_the_run_and_is_not_written() -> None:
    store = FakeStore(read_only=True)
    settings = Settings.read(store)
    settings.set_bell(False)
    assert settings.bell is False and store.writes == 0


def test_the_store_keeps_them_between_runs(data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        Settings.read(store).set_bell(False)
    with Store.open(data_dir) as store:
        assert Settings.read(store).bell is False
