"""The check-in flow through the app's keys: one key per answer, one to skip, one to stop."""

from __future__ import annotations

from tests.conftest import AppFactory, FakeClock
from tests.screen_text import screen_text
from tests.test_session_screen import press_until
from tui.catalogue.model import Catalogue
from tui.catalogue.today import adjust_today
from tui.storage.store import Store
from tui.storage.types import CheckIn

FULL = "full-thoracic-warm-up"
SIDES = "two-sided"


def with_two_sided(catalogue: Catalogue) -> Catalogue:
    """The catalogue and a short routine: the full warm-up's two per-side steps, one set each."""
    full = catalogue.routine(FULL)
    assert full is not None
    short = full._replace(id=SIDES, steps=full.steps[3:])
    return catalogue._replace(routines=(*catalogue.routines, adjust_today(short, {"sets": 1})))


async def test_before_sides_and_after_each_take_one_key_and_are_kept(
    make_app: AppFactory, store: Store, catalogue: Catalogue
) -> None:
    app = make_app(catalogue=with_two_sided(catalogue), start_routine=SIDES, check_ins=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "How stiff does your upper back feel right now?" in screen_text(app)
        assert "0-9 x=10 Answer" in screen_text(app)
        await pilot.press("6")
        await pilot.pause()
        assert "Any pain?" in screen_text(app)
        await pilot.press("s")  # skipped: no pain said
        await pilot.pause()
        saved = store.active()  # the answer is on disk with the session already
        assert saved is not None and saved["check_in"]["stiffness_before"] == 6
        await press_until(pilot, app, "Which side felt tighter?")
        assert "Thoracic Spine Roller Twisters: which side" in screen_text(app)
        await pilot.press("l")
        await pilot.pause()
        await press_until(pilot, app, "Which side felt tighter?")
        assert "Band-Assisted Thoracic Rotations" in screen_text(app)
        await pilot.press("r")
        await pilot.pause()
        assert "And now: how stiff" in screen_text(app)
        await pilot.press("x")  # x is 10
        await pilot.pause()
        assert "Session complete" in screen_text(app)
        await pilot.press("4", "enter")
        await pilot.pause()
    [summary] = store.sessions()
    assert summary["rating"] == 4
    expected: CheckIn = {
        "stiffness_before": 6,
        "pain_before": None,
        "pain_choice": None,
        "stiffness_after": 10,
        "sides": [
            {"exercise_id": "t-spine-roller-twister", "tighter": "left"},
            {"exercise_id": "band-assisted-thoracic-rotation", "tighter": "right"},
        ],
        "self_test": [],
    }
    assert summary["check_in"] == expected


async def test_high_pain_offers_a_calm_choice_and_stopping_keeps_it(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app(start_routine=FULL, check_ins=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "8")
        await pilot.pause()
        assert "Go gently today" in screen_text(app)
        assert "e Easier day" in screen_text(app) and "t Stop" in screen_text(app)
        await pilot.press("t")
        await pilot.pause()
        assert "Routines" in screen_text(app)
        assert store.active() is None
        # An easier day starts the routine with a set fewer.
        app.start_session(app.catalogue.routine(FULL))  # type: ignore[arg-type]
        await pilot.press("s", "9", "e")
        await pilot.pause()
        assert "Set 1 of 2 · 30 s hold" in screen_text(app)
        # o turns the check-ins off, remembered.
        await pilot.press("c")
        await pilot.pause()
    [stopped] = store.sessions()
    assert stopped["status"] == "abandoned" and stopped["sets_done"] == 0
    assert stopped["check_in"] is not None
    assert (stopped["check_in"]["pain_before"], stopped["check_in"]["pain_choice"]) == (8, "stop")
    active = store.active()
    assert active is not None and active["check_in"]["pain_choice"] == "easier"
    assert active["check_in"]["stiffness_before"] is None


async def test_o_turns_check_ins_off_for_good(make_app: AppFactory, store: Store) -> None:
    app = make_app(start_routine=FULL, check_ins=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert "Set 1 of 3 · 30 s hold" in screen_text(app)
        assert app.settings.check_ins is False
    assert store.get_setting("check_ins", True) is False
    document = store.active()
    assert document is not None and "check_in" not in document


async def test_time_spent_answering_is_not_the_sessions_time(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app(start_routine=FULL, check_ins=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        clock.advance(95)  # a minute and a half over the first question
        await pilot.press("3")
        await pilot.pause()
        clock.advance(20)
        await pilot.press("0")
        await pilot.pause()
        clock.advance(4)
        await pilot.pause(0.3)  # a clock redraw
        assert "time 0:04" in screen_text(app)
