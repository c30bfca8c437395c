"""Data-dir faults: reads go on with what they can read and say once what they could not;
writes that cannot happen raise a one-line StoreError."""

from __future__ import annotations

import os
import shutil
import socket
import stat
import threading
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.history_files import history_file
from tests.samples import sample_active, sample_record
from tui.app import LoosenApp
from tui.storage.errors import StoreError
from tui.storage.store import Store

AppFactory = Callable[..., LoosenApp]
START = datetime(2026, 11, 22, 7, 31, 5, tzinfo=timezone(timedelta(hours=1)))
ROOT = os.geteuid() == 0


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data dir with a session in 2025 and one in 2026."""
    path = tmp_path / "data"
    with Store.open(path) as store:
        store.add_session(sample_record(START, session_id="this-year"))
        store.add_session(sample_record(START - timedelta(days=365), session_id="last-year"))
    return path


def replace_with_dir(path: Path) -> None:
    path.unlink()
    path.mkdir()


def one_line_store_error(action: Callable[[], object]) -> str:
    with pytest.raises(StoreError) as caught:
        action()
    assert "\n" not in str(caught.value)
    return str(caught.value)


def test_history_that_is_a_file_reads_as_empty_and_refuses_writes(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "history").write_text("not a dir")
    with Store.open(data_dir) as store:
        assert store.sessions() == []
        assert store.sessions() == []
        assert store.session("anything") is None
        assert store.notices == ["cannot read history (Not a directory); loosen goes on without it"]
        message = one_line_store_error(lambda: store.add_session(sample_record(START)))
        assert str(data_dir / "history") in message
        assert (data_dir / "history").read_text() == "not a dir"


def test_settings_that_are_a_directory_give_the_defaults(data_dir: Path) -> None:
    (data_dir / "settings.json").mkdir()
    with Store.open(data_dir) as store:
        assert store.get_setting("bell", True) is True
        assert store.get_setting("theme", None) is None
        assert store.notices == [
            "cannot read settings.json (it is a directory); loosen goes on without it"
        ]
        assert "settings.json" in one_line_store_error(lambda: store.set_setting("bell", False))
        assert len(store.sessions()) == 2


def test_an_active_session_file_that_is_a_directory_reads_as_none(data_dir: Path) -> None:
    (data_dir / "active.json").mkdir()
    with Store.open(data_dir) as store:
        assert store.active() is None
        assert store.notices == [
            "cannot read active.json (it is a directory); loosen goes on without it"
        ]
        assert "active.json" in one_line_store_error(
            lambda: store.save_active(sample_active(START))
        )


def test_a_summary_shard_that_is_a_directory_hides_only_its_year(data_dir: Path) -> None:
    replace_with_dir(history_file(data_dir, "2026.json"))
    with Store.open(data_dir) as store:
        assert [s["id"] for s in store.sessions()] == ["last-year"]
        assert [s["id"] for s in store.sessions()] == ["last-year"]
        assert store.notices == [
            "cannot read history/2026.json (it is a directory); loosen goes on without it"
        ]
        assert store.session("last-year") is not None
        message = one_line_store_error(lambda: store.add_session(sample_record(START)))
        assert "2026.json" in message


def test_a_sets_shard_that_is_a_directory_is_reported_when_the_detail_is_read(
    data_dir: Path,
) -> None:
    replace_with_dir(history_file(data_dir, "2026-11-sets.json"))
    with Store.open(data_dir) as store:
        assert len(store.sessions()) == 2
        assert store.notices == []
        detail = store.session_detail("this-year")
        assert detail is not None
        assert detail.sets_missing and detail.record["sets"] == []
        assert detail.record["sets_done"] == 12  # the summary still says what was done
        assert store.notices == [
            "cannot read history/2026-11-sets.json (it is a directory); loosen goes on without it"
        ]
        other = store.session_detail("last-year")
        assert other is not None and not other.sets_missing
        assert store.session_detail("nothing") is None


def test_a_damaged_sets_shard_is_reported_during_the_detail_read(data_dir: Path) -> None:
    history_file(data_dir, "2026-11-sets.json").write_bytes(b'{"sets": {"1": {"id"')
    with Store.open(data_dir) as store:
        store.sessions()
        assert store.notices == []
        detail = store.session_detail("this-year")
        assert detail is not None and detail.sets_missing
        assert len(store.notices) == 1
        assert store.notices[0].startswith("history/2026-11-sets.json was damaged")


def test_a_fifo_in_place_of_a_shard_cannot_hang_a_read(data_dir: Path) -> None:
    shard = history_file(data_dir, "2026.json")
    shard.unlink()
    os.mkfifo(shard)
    done: list[list[str]] = []
    thread = threading.Thread(
        target=lambda: done.append([s["id"] for s in Store.open(data_dir).sessions()]),
        daemon=True,
    )
    thread.start()
    thread.join(timeout=20)
    assert done == [["last-year"]]


@pytest.mark.skipif(ROOT, reason="root reads files whatever their mode")
@pytest.mark.parametrize("name", ["settings.json", "history/2026.json", "history"])
def test_unreadable_files_are_reported_not_raised(data_dir: Path, name: str) -> None:
    (data_dir / "settings.json").write_text('{"settings": {"1": {"bell": false}}}')
    path = data_dir / name
    path.chmod(0)
    try:
        with Store.open(data_dir) as store:
            store.get_setting("bell", True)
            store.sessions()
            assert store.notices == [
                f"cannot read {name} (Permission denied); loosen goes on without it"
            ]
    finally:
        path.chmod(0o700)


@pytest.fixture
def broken_dirs(store: Store) -> Iterator[Store]:
    """The app's store, its settings a directory and its history a file."""
    (store.data_dir / "settings.json").mkdir()
    shutil.rmtree(store.data_dir / "history")
    (store.data_dir / "history").write_text("not a dir")
    yield store


async def test_the_app_starts_and_opens_history_on_a_broken_data_dir(
    make_app: AppFactory, broken_dirs: Store
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert type(app.screen).__name__ == "HistoryScreen"
        assert app.is_running
    assert sorted(broken_dirs.notices) == [
        "cannot read history (Not a directory); loosen goes on without it",
        "cannot read settings.json (it is a directory); loosen goes on without it",
    ]


def test_every_dir_loosen_creates_is_private_even_under_umask_0(tmp_path: Path) -> None:
    data_dir = tmp_path / "home" / ".local" / "share" / "loosen"
    old = os.umask(0)
    try:
        with Store.open(data_dir) as store:
            store.add_session(sample_record(START))
    finally:
        os.umask(old)
    made = [tmp_path / "home", tmp_path / "home" / ".local", data_dir.parent, data_dir]
    made.append(data_dir / "history")
    assert {str(d): oct(stat.S_IMODE(d.stat().st_mode)) for d in made} == {
        str(d): oct(0o700) for d in made
    }


def test_a_file_among_the_parents_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "home").write_text("a file")
    message = one_line_store_error(lambda: Store.open(tmp_path / "home" / "share" / "loosen"))
    assert message == (
        f"cannot use {tmp_path / 'home' / 'share' / 'loosen'}: {tmp_path / 'home'} is not a "
        "directory"
    )


@pytest.mark.parametrize(
    "name", ["settings.json", "history/2026.json", "history/2026-11-sets.json"]
)
def test_a_file_that_cannot_be_opened_is_reported_not_raised(data_dir: Path, name: str) -> None:
    path = data_dir / name
    path.unlink(missing_ok=True)
    with socket.socket(socket.AF_UNIX) as blocker:  # open() fails on a socket, even for root
        blocker.bind(str(path))
        with Store.open(data_dir) as store:
            assert store.get_setting("bell", True) is True
            assert len(store.sessions()) == (1 if name == "history/2026.json" else 2)
            detail = store.session_detail("this-year")
            assert detail is None or detail.sets_missing == (name == "history/2026-11-sets.json")
            assert store.notices == [
                f"cannot read {name} (No such device or address); loosen goes on without it"
            ]
