"""Picking another routine while one is unfinished: the dialog says what becomes of it."""

from __future__ import annotations

from tests.conftest import AppFactory
from tests.screen_text import bottom_line, screen_text
from tui.app import LoosenApp
from tui.storage.store import Store


def screen_name(app: LoosenApp) -> str:
    return type(app.screen).__name__


async def test_the_dialog_names_the_routine_picked_and_s_starts_it(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app(start_routine="roller-twister-warm-up")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "c")  # one side done, then back to the catalogue
        await pilot.pause()
        await pilot.press("down", "enter")  # Four-Step Upper Back
        await pilot.pause()
        assert screen_name(app) == "ResumeScreen"
        text = screen_text(app)
        assert "Roller Twister Warm-Up, started" in text
        assert "Four-Step Upper Back can't start while this one is unfinished:" in text
        assert "r  resume this one (Four-Step Upper Back does not start)" in text
        assert "s  start Four-Step Upper Back; this one stays in history as abandoned" in text
        assert " s Discard, start new " in bottom_line(app)
        await pilot.press("s")
        await pilot.pause()
        assert screen_name(app) == "SessionScreen"
        assert "Four-Step Upper Back" in screen_text(app)
        [old] = store.sessions()
        assert old["routine_id"] == "roller-twister-warm-up" and old["status"] == "abandoned"
        active = store.active()
        assert active is not None and active["routine"]["routines"][0]["id"] == (
            "four-step-upper-back"
        )


async def test_r_resumes_the_old_one_and_the_new_one_does_not_start(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app(start_routine="roller-twister-warm-up")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "c", "down", "enter", "r")
        await pilot.pause()
        assert screen_name(app) == "SessionScreen"
        assert "Roller Twister Warm-Up" in screen_text(app)
        assert store.sessions() == []


async def test_the_r_key_of_the_catalogue_offers_no_new_routine(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app(start_routine="roller-twister-warm-up")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "c", "r")
        await pilot.pause()
        assert screen_name(app) == "ResumeScreen"
        assert "You picked" not in screen_text(app)
        assert " s Discard" not in bottom_line(app)
        await pilot.press("s")  # does nothing here
        await pilot.pause()
        assert screen_name(app) == "ResumeScreen" and store.sessions() == []


async def test_picking_the_unfinished_routine_again_asks_the_plain_question(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app(start_routine="roller-twister-warm-up")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "c", "enter")  # the same routine, highlighted first
        await pilot.pause()
        assert screen_name(app) == "ResumeScreen"
        assert "can't start" not in screen_text(app)
        assert "r  resume exactly where it stopped" in screen_text(app)
