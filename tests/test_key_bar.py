"""The key bar at the bottom of every screen: what it lists, when it changes, clicks."""

from __future__ import annotations

from tests.conftest import AppFactory, finished
from tests.screen_text import bottom_line, screen_text
from tui.catalogue.model import Catalogue
from tui.screens.help import HelpScreen
from tui.screens.session import SessionScreen
from tui.storage.store import Store


async def test_catalogue_lists_its_keys_and_the_palette(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        line = bottom_line(app)
        for shown in ("/ Search", "s Do exercise", "q Quit", "? Help", "h History"):
            assert shown in line
        assert line.rstrip().endswith("^p palette")
        # Hidden bindings stay out; resume is offered only with a session to resume.
        assert "Clear search" not in line
        assert "Resume" not in line


async def test_resume_appears_once_a_session_is_left_unfinished(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, SessionScreen)
        assert "c Leave" in bottom_line(app)  # how to leave is always on show
        await pilot.press("escape")
        await pilot.pause()
        assert "r Resume" in bottom_line(app)


async def test_each_screen_shows_its_own_keys(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        line = bottom_line(app)
        assert "space Done" in line and "→ Cue" in line
        assert "palette" not in line  # the session's bar has no room to spare
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert "esc Close" in bottom_line(app)


async def test_clicking_a_key_presses_it(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        column = bottom_line(app).index("? Help")
        assert await pilot.click("KeyBar", offset=(column + 3, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_clicking_between_keys_does_nothing(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        line = bottom_line(app)
        gap = line.index("History") + len("History") + 3
        assert line[gap] == " "
        assert await pilot.click("KeyBar", offset=(gap, 0))
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        assert app.screen is app.screen_stack[0]


def test_every_screen_has_a_title_for_people() -> None:
    import importlib
    import pkgutil

    import tui.screens
    from tui.screens.base import Helpful, LoosenModal, LoosenScreen

    screens = []
    for module in pkgutil.iter_modules(tui.screens.__path__):
        loaded = importlib.import_module(f"tui.screens.{module.name}")
        screens += [
            value
            for value in vars(loaded).values()
            if isinstance(value, type)
            and issubclass(value, Helpful)
            and value.__module__ == loaded.__name__
            and value not in (Helpful, LoosenScreen, LoosenModal)
        ]
    # 8, builder, base, editor, today, 2 check-ins, catalogue filter, suggestions, self-test
    assert len(screens) == 17
    for screen in screens:
        title = screen.__dict__.get("HELP_TITLE")
        assert title, f"{screen.__name__} has no HELP_TITLE of its own"
        assert title[0].isupper() and not any(c.isupper() for c in title[1:]), title


async def test_the_help_title_is_the_screens_name_for_people(
    make_app: AppFactory, store: Store, catalogue: Catalogue
) -> None:
    store.add_session(finished(catalogue, "roller-twister-warm-up", 0))
    app = make_app(open_history=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # the session's detail
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "Keys: Past session" in text and "SessionDetail" not in text
