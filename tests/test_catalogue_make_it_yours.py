"""The catalogue's part in making routines yours: when each was last done, the one to start
again highlighted and in the palette, and the keys that ask to build, edit or adjust."""

from __future__ import annotations

from pathlib import Path

from textual.message import Message

from tests.conftest import AppFactory, finished
from tests.screen_text import screen_text
from tui.catalogue.model import Catalogue, Routine
from tui.messages import AdjustTodayAsked, BuildRoutineAsked, EditExerciseAsked
from tui.screens.catalogue import CatalogueScreen
from tui.storage.store import Store

ASKS = (BuildRoutineAsked, EditExerciseAsked, AdjustTodayAsked)


def asked(messages: list[Message]) -> list[tuple[str, str | None, bool | None]]:
    """(message, the routine's or exercise's id, copy) for each ask the catalogue posted."""
    found: list[tuple[str, str | None, bool | None]] = []
    # The hook sees a message again at each node it bubbles to: each is counted once.
    for message in {id(message): message for message in messages}.values():
        if isinstance(message, BuildRoutineAsked):
            routine_id = message.routine.id if message.routine else None
            found.append(("build", routine_id, message.copy))
        elif isinstance(message, EditExerciseAsked):
            exercise_id = message.exercise.id if message.exercise else None
            found.append(("exercise", exercise_id, message.copy))
        elif isinstance(message, AdjustTodayAsked):
            found.append(("adjust", message.routine.id, None))
    return found


async def test_last_done_beside_each_routine_and_the_last_one_highlighted(
    make_app: AppFactory, store: Store, catalogue: Catalogue
) -> None:
    first, second, third = (routine.id for routine in catalogue.routines)
    store.add_session(finished(catalogue, first, 10))
    store.add_session(finished(catalogue, second, 2))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        # At 80 columns the routines take the left half of the top, the exercises the right.
        lines = [line[:40].rstrip() for line in screen_text(app).splitlines()]
        row = {r.id: next(line for line in lines if r.name in line) for r in catalogue.routines}
        assert row[first].endswith(" 10d") and row[second].endswith(" 2d")
        assert row[second].startswith(" ▶ ")  # done last: highlighted on opening
        assert row[third].endswith("Warm-Up")  # never done: nothing beside it
        assert "Last done: 2 days ago (2026-11-18)" in screen_text(app)


async def test_the_palette_offers_to_start_again(
    make_app: AppFactory, store: Store, catalogue: Catalogue
) -> None:
    routine = catalogue.routines[2]
    store.add_session(finished(catalogue, routine.id, 1))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p", *"again")
        await pilot.pause()
        assert f"Start again: {routine.name}" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "SessionScreen"
        assert app.screen.session.engine.routine.id == routine.id  # type: ignore[attr-defined]


async def test_keys_ask_the_app_to_build_edit_or_adjust(
    make_app: AppFactory, catalogue: Catalogue
) -> None:
    messages: list[Message] = []
    app = make_app()
    routine, exercise = catalogue.routines[0].id, catalogue.exercises[0].id
    async with app.run_test(size=(80, 24), message_hook=messages.append) as pilot:
        opened: list[str] = []
        for keys in ("n", "c", "e", "a", "tab n", "c", "e", "a"):
            await pilot.press(*keys.split())
            await pilot.pause()
            opened.append(type(app.screen).__name__)
            while not isinstance(app.screen, CatalogueScreen):  # back, past "leave unsaved?"
                await pilot.press("escape")
                await pilot.pause()
        assert opened == ["RoutineBuilderScreen"] * 3 + ["AdjustTodayScreen"] + [
            "ExerciseEditorScreen"
        ] * 3 + ["AdjustTodayScreen"]
        assert asked(messages) == [
            ("build", None, True),
            ("build", routine, True),
            ("build", routine, False),
            ("adjust", routine, None),
            ("exercise", None, True),
            ("exercise", exercise, True),
            ("exercise", exercise, False),
            ("adjust", Routine.single(catalogue.exercises[0]).id, None),
        ]
        await pilot.press("question_mark")
        await pilot.pause()
        help_text = screen_text(app)
        for words in ("new routine", "new exercise", "from the highlighted", "as yours", "today's"):
            assert words in help_text


async def test_read_only_offers_no_building(
    make_app: AppFactory, data_dir: Path, store: Store
) -> None:
    messages: list[Message] = []
    with Store.open(data_dir) as second:
        app = make_app(store=second)
        async with app.run_test(size=(80, 24), message_hook=messages.append) as pilot:
            await pilot.press("n", "c", "e", "a", "tab", "n", "c", "e", "a")
            await pilot.pause()
            assert isinstance(app.screen, CatalogueScreen)
            assert asked(messages) == []
            await pilot.press("question_mark")
            await pilot.pause()
            assert "new routine" not in screen_text(app)


async def test_a_saved_catalogue_is_shown_with_the_search_kept(
    make_app: AppFactory, catalogue: Catalogue
) -> None:
    """What the app does once an editor saved: the new catalogue, searched as before."""
    mine = catalogue.routines[0]._replace(id="my-twister", name="Twister Of My Own")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"twister")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CatalogueScreen)
        screen.catalogue = catalogue._replace(routines=(*catalogue.routines, mine))
        screen.refilter()
        await pilot.pause()
        text = screen_text(app)
        assert "Twister Of My Own" in text and "Routines 3 of 4" in text
        assert "Four-Step Upper Back" not in text  # the search still narrows
        screen.refilter("")
        await pilot.pause()
        assert "Routines 4" in screen_text(app)
