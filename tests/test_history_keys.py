"""Getting around a long history with keys: end, home, the page keys and their letters."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from tests.conftest import WALL_START, AppFactory
from tests.samples import sample_record
from tests.screen_text import screen_text
from tui.app import LoosenApp
from tui.storage.store import Store

SESSIONS = 10_000
ROW = re.compile(r"^\s*(▶?)\s+(\d{4}-\d\d-\d\d) ")
NEWEST = WALL_START.date().isoformat()
OLDEST = (WALL_START - timedelta(days=SESSIONS - 1)).date().isoformat()


@pytest.fixture(scope="module")
def long_history(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A data dir with 10,000 daily sessions up to the app's today, made once for the module."""
    data_dir = tmp_path_factory.mktemp("long") / "data"
    records = [
        sample_record(WALL_START - timedelta(days=n), ("desk-reset", "pre-lift")[n % 2])
        for n in range(SESSIONS)
    ]
    with Store.open(data_dir) as store:
        assert store.import_sessions(records) == SESSIONS
    yield data_dir


def rows(app: LoosenApp) -> list[tuple[bool, str]]:
    """(has the cursor, start date) of each table row on screen, top to bottom."""
    found = (ROW.match(line) for line in screen_text(app).splitlines())
    return [(match[1] == "▶", match[2]) for match in found if match]


def cursor_date(app: LoosenApp) -> str:
    return next(day for marked, day in rows(app) if marked)


async def test_end_reaches_the_oldest_session_at_once_and_home_the_newest(
    make_app: AppFactory, long_history: Path
) -> None:
    with Store.open(long_history) as store:
        app = make_app(store=store, open_history=True)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert rows(app)[0] == (True, NEWEST)
            await pilot.press("end")
            await pilot.pause()
            shown = rows(app)
            assert shown[-1] == (True, OLDEST)  # the last row is the oldest, and has the cursor
            assert len(shown) == 11
            assert f"All routines: {SESSIONS:,} sessions" in screen_text(app)
            await pilot.press("home")
            await pilot.pause()
            assert rows(app)[0] == (True, NEWEST)
            await pilot.press("o")  # the letters do the same
            await pilot.pause()
            assert rows(app)[-1] == (True, OLDEST)
            await pilot.press("n")
            await pilot.pause()
            assert rows(app)[0] == (True, NEWEST)


async def test_page_keys_move_a_screen(make_app: AppFactory, long_history: Path) -> None:
    with Store.open(long_history) as store:
        app = make_app(store=store, open_history=True)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            first_screen = [day for _marked, day in rows(app)]
            await pilot.press("pagedown")
            await pilot.pause()
            second_screen = [day for _marked, day in rows(app)]
            height = len(first_screen)
            day = (WALL_START - timedelta(days=height)).date().isoformat()
            assert second_screen[0] == day == cursor_date(app)
            assert not set(first_screen) & set(second_screen)
            await pilot.press("down", "j", "pageup")
            await pilot.pause()
            assert cursor_date(app) == (WALL_START - timedelta(days=2)).date().isoformat()
            await pilot.press("pageup", "k")
            await pilot.pause()
            assert rows(app)[0] == (True, NEWEST)


async def test_enter_after_end_opens_the_oldest_session(
    make_app: AppFactory, long_history: Path
) -> None:
    with Store.open(long_history) as store:
        app = make_app(store=store, open_history=True)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("end", "enter")
            await pilot.pause()
            assert OLDEST in screen_text(app)
            assert "Feel: ●●●●○ loose" in screen_text(app)
