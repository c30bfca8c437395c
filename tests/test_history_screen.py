"""The history screen and a session's detail, driven with keys only."""

from __future__ import annotations

import re

from tests.conftest import AppFactory, finished
from tests.screen_text import bottom_line, screen_text
from tui.app import LoosenApp
from tui.catalogue.model import Catalogue
from tui.storage.store import Store


def table_lines(app: LoosenApp) -> list[str]:
    """The table's data rows (they start with the start date)."""
    lines = screen_text(app).splitlines()
    return [line for line in lines if re.match(r"^\s*▶?\s+20\d\d-", line)]


async def test_h_opens_history_newest_first_with_streaks(
    make_app: AppFactory, store: Store, catalogue: Catalogue
) -> None:
    for days_ago, routine in ((0, "roller-twister-warm-up"), (1, "four-step-upper-back")):
        store.add_session(finished(catalogue, routine, days_ago, rating=5 - days_ago))
    store.add_session(finished(catalogue, "roller-twister-warm-up", 5, rating=None))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        text = screen_text(app)
        assert "History   streak 2 days · longest 2 days" in text
        assert "All routines: 3 sessions · f picks a routine" in text
        rows = table_lines(app)
        assert rows[0].lstrip().startswith("▶ 2026-11-20 07:30")
        assert "Roller Twister Warm-Up" in rows[0]
        assert "●●●●●" in rows[0] and "4/4" in rows[0]
        assert "2026-11-19" in rows[1] and "Four-Step Upper Back" in rows[1] and "11/11" in rows[1]
        assert "2026-11-15" in rows[2] and "–" in rows[2]
        assert "Sessions per week" in text
        assert re.search(r"Sweatt Shrug +2026-11-19 +1 time\b", text)
        # Names cut with an ellipsis at 80 columns, the figures on the same line.
        assert re.search(r"Band-Assisted Thoracic R… 2026-11-19 +1 time\b", text)


async def test_h_from_a_session_detail_goes_back_to_the_one_history_screen(
    make_app: AppFactory, store: Store, catalogue: Catalogue
) -> None:
    store.add_session(finished(catalogue, "roller-twister-warm-up", 0, rating=3))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        history = app.screen
        assert " h History" not in bottom_line(app)  # h does nothing here
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is not history
        await pilot.press("h")
        await pilot.pause()
        assert app.screen is history
        assert len(app.screen_stack) == 2


async def test_enter_shows_every_set_and_side_then_escape_returns(
    make_app: AppFactory, store: Store, catalogue: Catalogue
) -> None:
    store.add_session(
        finished(catalogue, "roller-twister-warm-up", 0, rating=3, note="[b]tight[/b] today")
    )
    app = make_app(open_history=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "Note: [b]tight[/b] today" in text
        assert "Feel: ●●●○○ so-so" in text
        for line in (
            "Set 1 · left · 10 reps",
            "Set 1 · right · 10 reps",
            "Set 2 · right · 10 reps",
        ):
            assert line in text
        await pilot.press("escape")
        await pilot.pause()
        assert "All routines: 1 session" in screen_text(app)


async def test_f_filters_by_routine(
    make_app: AppFactory, store: Store, catalogue: Catalogue
) -> None:
    for days_ago in range(4):
        routine = ("roller-twister-warm-up", "four-step-upper-back")[days_ago % 2]
        store.add_session(finished(catalogue, routine, days_ago))
    app = make_app(open_history=True)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "All routines: 4 sessions" in screen_text(app)
        await pilot.press("f", "down", "enter")
        await pilot.pause()
        text = screen_text(app)
        assert "History · Four-Step Upper Back only" in text
        assert "Four-Step Upper Back: 2 sessions" in text
        assert all("Four-Step" in row for row in table_lines(app))
        await pilot.press("f", "up", "enter")
        await pilot.pause()
        assert "All routines: 4 sessions" in screen_text(app)


async def test_empty_history_says_how_to_start(make_app: AppFactory) -> None:
    app = make_app(open_history=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "streak 0 days" in text
        assert "All routines: 0 sessions. Pick a routine in the catalogue (c)." in text
        await pilot.press("c")
        await pilot.pause()
        assert "Routines" in screen_text(app)


async def test_h_from_a_session_and_back_keeps_the_session(make_app: AppFactory) -> None:
    app = make_app(start_routine="roller-twister-warm-up")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "h")
        await pilot.pause()
        assert "All routines: 0 sessions (+1 in progress)" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert "SWITCH SIDES" in screen_text(app) or "Right side" in screen_text(app)
