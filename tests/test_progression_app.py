"""Progression through the app's keys: suggested on the summary, accepted, undone."""

from __future__ import annotations

from tests.conftest import AppFactory, finished
from tests.screen_text import screen_text
from tests.test_session_screen import press_until
from tui.catalogue.loader import load_catalogue_file
from tui.catalogue.model import Catalogue
from tui.locations import user_routines_file
from tui.storage.store import Store

ROUTINE = "roller-twister-warm-up"


def reps_in_user_file(catalogue: Catalogue) -> int | None:
    own = load_catalogue_file(user_routines_file(), base=catalogue).routine(ROUTINE)
    assert own is not None
    return own.steps[0].dosage.reps


async def test_the_summary_offers_the_step_up_p_accepts_and_suggestions_undo_it(
    make_app: AppFactory, store: Store, catalogue: Catalogue
) -> None:
    for days_ago in (2, 1):
        store.add_session(finished(catalogue, ROUTINE, days_ago, rating=5))
    app = make_app(start_routine=ROUTINE)
    async with app.run_test(size=(80, 24)) as pilot:
        await press_until(pilot, app, "Session complete")
        assert "Suggested" not in screen_text(app)  # two easy ones, and this one unrated
        await pilot.press("4")
        await pilot.pause()
        text = screen_text(app)
        assert "Suggested: +2 reps for Thoracic Spine Roller Twisters (3 easy sessions" in text
        assert "p Accept suggestion" in text
        await pilot.press("2")  # not easy: no suggestion
        await pilot.pause()
        assert "Suggested" not in screen_text(app)
        await pilot.press("5", "p")
        await pilot.pause()
        assert "Accepted: +2 reps for Thoracic Spine Roller Twisters" in screen_text(app)
        assert reps_in_user_file(catalogue) == 12
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+p", *"Suggestions")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "Nothing to suggest now" in text
        assert "Last accepted: +2 reps for Thoracic Spine Roller Twisters" in text
        await pilot.press("u")
        await pilot.pause()
        assert "Last accepted" not in screen_text(app)
        assert reps_in_user_file(catalogue) == 10
        await pilot.press("escape")
    [newest, *_] = store.sessions()
    assert newest["rating"] == 5
