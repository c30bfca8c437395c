"""Data-dir faults never stop the app: it says what it can't read and runs on the rest.

Files are damaged on disk (a directory where a file should be, bytes that aren't
JSON), as a full disk, a bad copy or a careless hand would leave them; the app is
then driven with keys. Permissions are not used: tests may run as root.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from tests.conftest import FakeClock, FakeWallClock
from tests.test_literal_text import screenshot
from tui.app import NOTICE_TITLE, LoosenApp
from tui.catalogue.model import Catalogue
from tui.screens.session_detail import SETS_MISSING, session_lines
from tui.session.engine import SessionEngine
from tui.session.record import FINISHED, session_record
from tui.storage import layout
from tui.storage.store import Store
from tui.storage.types import SessionRecord

AppFactory = Callable[..., LoosenApp]
SIZE = (120, 40)
FIRST_ROUTINE = "Roller Twister Warm-Up"


def finished_record(catalogue: Catalogue, session_id: str = "s-1") -> SessionRecord:
    """The first built-in routine done in full (4 sets and sides), as history keeps it."""
    clock = FakeClock()
    engine = SessionEngine(catalogue.routines[0], clock=clock, now=FakeWallClock(clock))
    while not engine.is_finished:
        engine.main_action()
    ended = FakeWallClock(clock)()
    return session_record(session_id, engine, status=FINISHED, ended_at=ended)


def shown(app: LoosenApp) -> str:
    return screenshot(app)[1]


async def settle(pilot: Pilot[int]) -> None:
    await pilot.pause()
    await pilot.pause()


def history_dir(store: Store) -> Path:
    return store.data_dir / layout.HISTORY


def replace_with_directory(path: Path) -> None:
    path.unlink(missing_ok=True)
    path.mkdir()


async def test_settings_file_a_directory_the_app_starts_and_runs_a_session(
    make_app: AppFactory, tmp_path: Path
) -> None:
    data_dir = tmp_path / "faulty"
    data_dir.mkdir()
    (data_dir / layout.SETTINGS).mkdir()
    with Store.open(data_dir) as store:
        assert not store.read_only
        app = make_app(store=store)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await settle(pilot)
            text = shown(app)
            assert FIRST_ROUTINE in text  # the catalogue
            assert NOTICE_TITLE in text and "settings.json" in text
            await pilot.press("t")  # a theme that can't be remembered: said, not fatal
            await settle(pilot)
            assert "Could not save the theme" in shown(app)
            # A session (check-ins are on: the stored setting can't be read; both skipped),
            # its bell read on the way.
            await pilot.press("enter", "s", "s", "space")
            await settle(pilot)
            assert type(app.screen).__name__ == "SessionScreen"
            assert "SWITCH SIDES" in shown(app)  # the first side is done
            await pilot.press("m")  # the bell can't be remembered either
            await settle(pilot)
            assert "Could not save the bell setting" in shown(app)
            assert app.is_running
        assert app.return_code in (None, 0)


async def test_an_unreadable_unfinished_session_is_said_once(
    make_app: AppFactory, store: Store
) -> None:
    replace_with_directory(store.data_dir / layout.ACTIVE)
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        for key in ("down", "up", "tab", "tab"):  # each redraw of the keys asks again
            await pilot.press(key)
        await settle(pilot)
        text = shown(app)
        assert FIRST_ROUTINE in text
        assert text.count(NOTICE_TITLE) == 1
        assert "active.json" in text
        assert app.is_running


async def test_a_summary_shard_a_directory_history_still_opens(
    make_app: AppFactory, store: Store, catalogue: Catalogue
) -> None:
    store.add_session(finished_record(catalogue))
    replace_with_directory(history_dir(store) / "2026.json")
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("h")
        await settle(pilot)
        assert type(app.screen).__name__ == "HistoryScreen"
        text = shown(app)
        assert "History" in text and "2026.json" in text
        await pilot.press("f", "j", "enter")  # keys on what it could read
        await settle(pilot)
        assert app.is_running


async def test_history_a_regular_file_history_still_opens(
    make_app: AppFactory, store: Store
) -> None:
    shutil.rmtree(history_dir(store), ignore_errors=True)
    history_dir(store).write_text("not a directory", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("h")
        await settle(pilot)
        assert type(app.screen).__name__ == "HistoryScreen"
        assert "history" in shown(app).split("History", 1)[1]  # the failure names it
        assert app.is_running


async def test_damaged_sets_are_reported_when_the_detail_opens_not_claimed(
    make_app: AppFactory, store: Store, catalogue: Catalogue
) -> None:
    store.add_session(finished_record(catalogue))
    (history_dir(store) / "2026-11-sets.json").write_text("{oops", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("h")
        await settle(pilot)
        assert "moved aside" not in shown(app)  # the sets aren't read to list history
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "SessionDetailScreen"
        text = shown(app)
        assert SETS_MISSING in text
        assert "4 of 4 sets" not in text and "not reached" not in text
        assert "has been moved to" in text and "2026-11-sets.json" in text  # said now


async def test_sets_shard_a_directory_the_detail_never_crashes(
    make_app: AppFactory, store: Store, catalogue: Catalogue
) -> None:
    store.add_session(finished_record(catalogue))
    replace_with_directory(history_dir(store) / "2026-11-sets.json")
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("h")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        text = shown(app)
        assert "2026-11-sets.json" in text  # a notice or a failure, shown at once
        assert "4 of 4 sets" not in text
        assert app.is_running


def test_the_detail_tells_missing_sets_from_none_done(catalogue: Catalogue) -> None:
    record = finished_record(catalogue)
    whole = "\n".join(line.plain for line in session_lines(record))
    assert "4 of 4 sets" in whole and SETS_MISSING not in whole
    lost = "\n".join(line.plain for line in session_lines({**record, "sets": []}))
    assert SETS_MISSING in lost and "4 of 4 sets" not in lost and "not reached" not in lost
    flagged = session_lines(record, sets_missing=True)  # as a store that knows may say
    assert SETS_MISSING in "\n".join(line.plain for line in flagged)
    none_done = {**record, "sets": [], "sets_done": 0, "skipped_exercises": []}
    untouched = "\n".join(line.plain for line in session_lines(none_done))
    assert "0 of 4 sets" in untouched and "not reached" in untouched
