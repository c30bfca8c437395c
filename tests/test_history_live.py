"""History opened during a session: the way back, no second history, the session on top."""

from __future__ import annotations

import re

from tests.conftest import AppFactory, finished
from tests.screen_text import bottom_line, screen_text
from tui.app import LoosenApp
from tui.catalogue.model import Catalogue
from tui.storage.store import Store

IN_PROGRESS_ROW = re.compile(r"▶ 2026-11-20 07:30 Roller Twister Warm-Up .* in progress")


def screen_name(app: LoosenApp) -> str:
    return type(app.screen).__name__


async def test_from_a_session_history_shows_the_way_back_and_the_session_on_top(
    make_app: AppFactory, store: Store, catalogue: Catalogue
) -> None:
    store.add_session(finished(catalogue, "four-step-upper-back", 1))
    app = make_app(start_routine="roller-twister-warm-up")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "h")
        await pilot.pause()
        assert screen_name(app) == "HistoryScreen"
        keys = bottom_line(app)
        assert " b Back to session " in keys and " h History" not in keys
        text = screen_text(app)
        assert IN_PROGRESS_ROW.search(text)  # the unfinished session, first
        assert "All routines: 1 session (+1 in progress)" in text  # it doesn't count yet
        stack = len(app.screen_stack)
        await pilot.press("h")  # does not stack another history
        await pilot.pause()
        assert len(app.screen_stack) == stack and screen_name(app) == "HistoryScreen"
        await pilot.press("b")
        await pilot.pause()
        assert screen_name(app) == "SessionScreen"
        assert "Right side" in screen_text(app)  # where it was: the left side is done
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("enter")  # on the session in progress: back to it too
        await pilot.pause()
        assert screen_name(app) == "SessionScreen"
        await pilot.press("h", "escape")
        await pilot.pause()
        assert screen_name(app) == "SessionScreen"


async def test_from_the_catalogue_the_unfinished_session_is_listed_and_offered(
    make_app: AppFactory, store: Store, catalogue: Catalogue
) -> None:
    app = make_app(start_routine="roller-twister-warm-up")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "c", "h")
        await pilot.pause()
        assert screen_name(app) == "HistoryScreen"
        assert " b Back" not in bottom_line(app)  # no session under this history
        assert IN_PROGRESS_ROW.search(screen_text(app))
        await pilot.press("b")  # nothing to go back to: b does nothing
        await pilot.pause()
        assert screen_name(app) == "HistoryScreen"
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "ResumeScreen"


async def test_a_filter_of_another_routine_leaves_the_session_out(
    make_app: AppFactory, store: Store, catalogue: Catalogue
) -> None:
    store.add_session(finished(catalogue, "four-step-upper-back", 1))
    app = make_app(start_routine="roller-twister-warm-up")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "h", "f", "down", "enter")
        await pilot.pause()
        text = screen_text(app)
        assert "History · Four-Step Upper Back only" in text
        assert "in progress" not in text
