"""The habit in the app, by keys: the goal on history and in the palette, the nudge."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import finished
from tests.screen_text import bottom_line, screen_text
from tui.app import LoosenApp
from tui.catalogue.model import Catalogue
from tui.habit.goal import GOAL_SETTING
from tui.screens.goal import GoalScreen
from tui.screens.session import SessionScreen
from tui.storage.store import Store

AppFactory = Callable[..., LoosenApp]
# The app's clock says Friday 2026-11-20 07:30 (see conftest): Monday was 4 days ago.


def seed(
    store: Store, catalogue: Catalogue, *days_ago: int, routine: str = "four-step-upper-back"
) -> None:
    for days in days_ago:
        store.add_session(finished(catalogue, routine, days))


async def test_history_shows_the_week_against_the_goal_and_g_changes_it(
    make_app: AppFactory, store: Store, catalogue: Catalogue
) -> None:
    seed(store, catalogue, 4, 3, 1, 0, 7, 8, 9, 10, 11)  # this week 4 days, last week 5
    app = make_app(open_history=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Goal 4/5 · 1 week in a row · rest-day streak 12" in screen_text(app)
        assert " g Weekly goal " in bottom_line(app)
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, GoalScreen)
        assert "Now: 5." in screen_text(app)
        for refused in ("0", "8", "9", "x"):
            await pilot.press(refused)
            await pilot.pause()
            assert isinstance(app.screen, GoalScreen)
        await pilot.press("4")
        await pilot.pause()
        assert not isinstance(app.screen, GoalScreen)
        assert store.get_setting(GOAL_SETTING, None) == 4
        assert "Goal 4/4 · 2 weeks in a row · rest-day streak 12" in screen_text(app)
        await pilot.press("g")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, GoalScreen)
        assert store.get_setting(GOAL_SETTING, None) == 4


async def test_the_palette_sets_the_goal(make_app: AppFactory, store: Store) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"weekly goal")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, GoalScreen)
        await pilot.press("7")
        await pilot.pause()
        assert store.get_setting(GOAL_SETTING, None) == 7
        assert app.weekly_goal == 7


async def test_a_read_only_loosen_cannot_set_the_goal(
    make_app: AppFactory, data_dir: Path, store: Store
) -> None:
    with Store.open(data_dir) as second:
        assert second.read_only
        app = make_app(store=second, open_history=True)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()

            def read_only_notices() -> int:
                said = [notice.message for notice in app._notifications]
                return sum(message.startswith("Read-only: another loosen") for message in said)

            before = read_only_notices()  # one at start-up
            await pilot.press("g")
            await pilot.pause()
            assert not isinstance(app.screen, GoalScreen)
            assert read_only_notices() == before + 1
            assert second.get_setting(GOAL_SETTING, None) is None


async def test_the_catalogue_nudges_when_the_goal_needs_every_day_left(
    make_app: AppFactory, store: Store, catalogue: Catalogue
) -> None:
    seed(store, catalogue, 4, 3)  # Monday and Tuesday: 3 more needed, Fri to Sun left
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert (
            "Goal at risk: 3 more days needed, 3 days left this week · w starts Four-Step Upper"
            in text.replace("\n", " ")
            or "Goal at risk: 3 more days needed, 3 days left this week · w starts Four-Step"
            in text
        )
        assert " w Usual routine " in bottom_line(app)
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.engine.routine.id == "four-step-upper-back"


async def test_a_lost_week_is_said_gently(
    make_app: AppFactory, store: Store, catalogue: Catalogue
) -> None:
    seed(store, catalogue, 4, routine="roller-twister-warm-up")
    app = make_app()
    async with app.run_test(size=(110, 24)) as pilot:
        await pilot.pause()
        assert (
            "This week's goal is out of reach (4 more days, 3 days left this week) · "
            "w starts Roller Twister Warm-Up"
        ) in screen_text(app)


async def test_no_nudge_when_the_week_is_on_track_or_there_is_no_history(
    make_app: AppFactory, store: Store, catalogue: Catalogue
) -> None:
    for days in ((), (4, 3, 2, 1)):
        seed(store, catalogue, *days)
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert "Goal at risk" not in screen_text(app)
            assert "Usual routine" not in bottom_line(app)
            await pilot.press("w")
            await pilot.pause()
            assert not isinstance(app.screen, SessionScreen)
