"""Progression through the app's keys: suggested on the summary, accepted, undone."""

from __future__ import annotations

from tests.conftest import AppFactory, finished
from tests.screen_text import screen_text
from tests.test_session_screen import press_until
from tui.catalogue.loader import load_catalogue_file
from tui.catalogue.model import Catalogue
from tui.ledger.progression import Suggestion
from tui.locations import user_routines_file
from tui.screens.suggestions import SuggestionsView, suggestion_rows
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
        assert "p Accept" in text
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


def test_the_list_shows_five_and_counts_the_rest(catalogue: Catalogue) -> None:
    routine = catalogue.routine("full-thoracic-warm-up")
    assert routine is not None
    found = [
        Suggestion(
            routine.id,
            routine.name,
            index % 5,
            "x",
            "An exercise",
            "up",
            step.dosage,
            (("sets", step.dosage.sets + 1),),
            "3 easy sessions in a row",
        )
        for index, step in enumerate(routine.steps * 2)
    ]
    rows = suggestion_rows(SuggestionsView(found, "+1 set for An exercise, 2026-12-01"))
    assert [text[:3] for kind, text in rows if kind == "head"] == [
        "1  ",
        "2  ",
        "3  ",
        "4  ",
        "5  ",
    ]
    assert rows[1] == (
        "detail",
        "Full Thoracic Warm-Up, step 1: 3 sets × 30 s hold → 4 sets × 30 s hold;"
        " 3 easy sessions in a row",
    )
    assert ("detail", "and 5 more once these are answered") in rows
    assert rows[-1] == ("last", "Last accepted: +1 set for An exercise, 2026-12-01 (u undoes it)")


async def test_stopping_for_pain_says_a_step_back_is_suggested(make_app: AppFactory) -> None:
    app = make_app(start_routine=ROUTINE, check_ins=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "8", "t")  # stiffness 4, pain 8, then stop
        await pilot.pause()
        notes = [str(note.message) for note in app._notifications]
        assert any(
            note.startswith("A step back is suggested for next time: −1 set for Thoracic")
            for note in notes
        ), notes
