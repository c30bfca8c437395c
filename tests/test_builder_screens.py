"""The routine builder, exercise editor and adjust-today screens, driven by keys.

Few apps, each walking through many steps (every app costs CI time): build a routine from
scratch, edit its dosage, reorder, save, check the file with `loosen check` and list it
with `loosen routines`, delete and undo; a copy of a built-in; your version of a built-in;
an exercise with cues; today's numbers; and a read-only loosen that refuses to edit.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

from textual import events
from textual.pilot import Pilot

from tests.conftest import AppFactory
from tests.screen_text import screen_text
from tui.app import LoosenApp
from tui.catalogue.model import Catalogue
from tui.catalogue.user_file import trash_file
from tui.cli import run
from tui.locations import user_routines_file
from tui.messages import AdjustTodayAsked, BuildRoutineAsked, EditExerciseAsked
from tui.screens.adjust_today import AdjustTodayScreen
from tui.screens.builder import RoutineBuilderScreen
from tui.screens.catalogue import CatalogueScreen
from tui.screens.exercise_editor import ExerciseEditorScreen
from tui.storage.store import Store

MARKUP_NAME = "Dawn [b]Twists[/b] \\e"
"""Markup and an escape, typed: they must be saved and shown as typed."""


async def type_text(pilot: Pilot[int], text: str) -> None:
    """Type short text key by key (each key is checked as typed)."""
    await pilot.press(*text)


async def focus(pilot: Pilot[int], selector: str) -> None:
    """Put focus on a box (as a click would) before typing into it."""
    pilot.app.screen.query_one(selector).focus()
    await pilot.pause()


async def paste(pilot: Pilot[int], text: str) -> None:
    """Longer text as a terminal pastes it: one event (each key costs a Pilot ~80 ms)."""
    focused = pilot.app.focused
    assert focused is not None
    focused.post_message(events.Paste(text))
    await pilot.pause()


async def clear(pilot: Pilot[int]) -> None:
    await pilot.press("ctrl+u", "ctrl+k")


def problem_line(app: LoosenApp) -> str:
    return str(app.screen.query_one("#problem").render())


def file_data() -> dict[str, list[dict[str, object]]]:
    return json.loads(user_routines_file().read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def cli(*args: str) -> tuple[int, str]:
    """Run the loosen command in this process (the app under test holds sys.stdout)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = run(list(args))
    return code, out.getvalue()


async def test_build_a_routine_from_scratch_then_copy_and_override(
    make_app: AppFactory,
    catalogue: Catalogue,
    data_dir: Path,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.post_message(BuildRoutineAsked())
        await pilot.pause()
        builder = app.screen
        assert isinstance(builder, RoutineBuilderScreen)
        assert app.focused is not None and app.focused.id == "name"

        # The name: markup and a backslash, typed; the id follows it.
        await clear(pilot)
        await paste(pilot, MARKUP_NAME)
        assert builder.routine.name == MARKUP_NAME
        assert builder.routine.id == "dawn-b-twists-b-e"

        # An empty summary is refused with the loader's words, and nothing is saved.
        await pilot.press("tab", "tab")
        await clear(pilot)
        assert problem_line(app) == '! Summary: expected a non-empty string, got ""'
        await pilot.press("ctrl+s")
        assert "Not saved: Summary" in problem_line(app)
        assert not user_routines_file().exists()
        await paste(pilot, "Turns, then shrugs")

        # Rest between exercises: bounds in the loader's words.
        await pilot.press("tab")
        await type_text(pilot, "4000")
        assert problem_line(app) == "! Rest between exercises, s: must be at most 3600, got 4000"
        await pilot.press("backspace", "backspace", "backspace")  # "4": fine

        # Steps, found by searching the catalogue.
        await pilot.press("tab", "a")
        await type_text(pilot, "bench")
        await pilot.press("enter")
        await pilot.press("a")
        await type_text(pilot, "sweatt")
        await pilot.press("down", "enter")
        assert [s.exercise for s in builder.routine.steps] == ["bench-stretch", "sweatt-shrug"]

        # Reorder: the shrug moves up.
        await pilot.press("K")
        assert [s.exercise for s in builder.routine.steps] == ["sweatt-shrug", "bench-stretch"]

        # The shrug's dosage: the exercise's own beside each box; 0 sets is refused.
        await pilot.press("enter")
        assert app.focused is not None and app.focused.id == "dose-sets"
        assert "own 2" in screen_text(app)
        await type_text(pilot, "0")
        assert problem_line(app) == "! Sets: must be at least 1, got 0"
        await pilot.press("ctrl+s")
        assert "Not saved: Sets: must be at least 1, got 0" in problem_line(app)
        assert not user_routines_file().exists()
        await pilot.press("backspace")
        await type_text(pilot, "1")
        await pilot.press("tab", "tab")  # hold seconds: replaces the reps
        await type_text(pilot, "45")
        await pilot.press("tab")
        await type_text(pilot, "maybe")
        assert problem_line(app) == '! Per side: expected true or false, got "maybe"'
        await clear(pilot)
        await type_text(pilot, "yes")
        await pilot.press("escape")  # back to the steps
        assert app.focused is builder.steps

        await pilot.press("ctrl+s")
        assert "Saved" in problem_line(app)
        data = file_data()
        assert data["routines"] == [
            {
                "id": "dawn-b-twists-b-e",
                "name": MARKUP_NAME,
                "summary": "Turns, then shrugs",
                "rest_between_exercises_seconds": 4,
                "steps": [
                    {
                        "exercise": "sweatt-shrug",
                        "dosage": {"sets": 1, "hold_seconds": 45, "per_side": True},
                    },
                    {"exercise": "bench-stretch"},
                ],
            }
        ]
        path = str(user_routines_file())
        assert cli("--data-dir", str(data_dir), "check", path) == (0, "ok\n")
        code, listed = cli("--data-dir", str(data_dir), "routines")
        row = next(line for line in listed.splitlines() if line.startswith("dawn-b-twists-b-e"))
        assert code == 0 and row.split()[1:] == [*MARKUP_NAME.split(), "2", "3"]

        # Delete (asked first), then undo with u.
        await pilot.press("D")
        assert "y deletes it, n keeps it" in problem_line(app)
        await pilot.press("y")
        assert file_data()["routines"] == []
        assert "dawn-b-twists-b-e" in trash_file(user_routines_file()).read_text("utf-8")
        await pilot.press("u")
        assert [r["id"] for r in file_data()["routines"]] == ["dawn-b-twists-b-e"]

        # Back in the catalogue, the routine is there, its name shown literally.
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CatalogueScreen)
        assert app.catalogue.routine("dawn-b-twists-b-e") is not None
        assert MARKUP_NAME in screen_text(app)

        # A copy of a built-in: a fresh id, the steps kept; one removed.
        four = catalogue.routine("four-step-upper-back")
        assert four is not None
        app.post_message(BuildRoutineAsked(four, copy=True))
        await pilot.pause()
        copy = app.screen
        assert isinstance(copy, RoutineBuilderScreen)
        assert copy.routine.id == "four-step-upper-back-copy"
        await pilot.press("x", "ctrl+s")
        saved = file_data()["routines"][1]
        assert saved["id"] == "four-step-upper-back-copy" and len(saved["steps"]) == 3
        await pilot.press("escape")
        await pilot.pause()

        # Your version of a built-in: same id, said on screen; it can't be deleted.
        roller = catalogue.routine("roller-twister-warm-up")
        assert roller is not None
        app.post_message(BuildRoutineAsked(roller, copy=False))
        await pilot.pause()
        shown = " ".join(screen_text(app).split())
        assert "a built-in routine's: saved, yours replaces it. Built-ins can't be deleted" in shown
        await pilot.press("D")
        assert "y deletes" not in problem_line(app)
        await pilot.press("enter", "1", "ctrl+s")
        ids = [r["id"] for r in file_data()["routines"]]
        assert ids == ["dawn-b-twists-b-e", "four-step-upper-back-copy", "roller-twister-warm-up"]
        mine = app.catalogue.routine("roller-twister-warm-up")
        assert mine is not None and mine.steps[0].dosage.sets == 1


async def test_an_exercise_with_cues_is_written_and_checked(
    make_app: AppFactory, data_dir: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.post_message(EditExerciseAsked())
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, ExerciseEditorScreen)
        await clear(pilot)
        await paste(pilot, "Wall Slide")
        assert editor.exercise.id == "wall-slide"
        await focus(pilot, "#ex-summary")
        await paste(pilot, "Slide up a wall")
        assert editor.exercise.summary == "Slide up a wall"
        # Kind: only the loader's three words.
        await focus(pilot, "#ex-kind")
        await clear(pilot)
        await paste(pilot, "stretchy")
        assert problem_line(app).startswith('! Kind: expected one of "soft tissue"')
        await clear(pilot)
        await paste(pilot, "strength")

        # Two cues, added from the cue list; the second one's kind is refused, then fixed.
        await focus(pilot, "#cues")
        await pilot.press("a")
        await paste(pilot, "Stand [red]tall[/red]")
        await pilot.press("shift+tab")
        await clear(pilot)
        await paste(pilot, "setup")
        await pilot.press("escape", "a")
        await paste(pilot, "Slide up slowly")
        await pilot.press("shift+tab")
        await clear(pilot)
        await type_text(pilot, "jump")
        assert problem_line(app).startswith('! Cue kind: expected one of "setup", "movement"')
        await clear(pilot)
        await paste(pilot, "tempo")
        await pilot.press("escape", "K")  # the second cue moves up
        assert [c.text for c in editor.exercise.cues] == [
            "Slide up slowly",
            "Stand [red]tall[/red]",
        ]
        assert "Set-up: Stand [red]tall[/red]" in screen_text(app)

        await pilot.press("ctrl+s")
        assert "Not saved: who" in problem_line(app) or "Not saved: why" in problem_line(app)
        for box, text in (("#ex-who", "Anyone stiff"), ("#ex-why", "It opens the chest")):
            await focus(pilot, box)
            await clear(pilot)
            await paste(pilot, text)
        await pilot.press("ctrl+s")
        assert "Saved" in problem_line(app)
        written = file_data()["exercises"][0]
        assert written["cues"] == [
            {"kind": "tempo", "text": "Slide up slowly"},
            {"kind": "setup", "text": "Stand [red]tall[/red]"},
        ]
        assert written["tags"] == {"region": "upper back", "kind": "strength"}
        path = str(user_routines_file())
        assert cli("--data-dir", str(data_dir), "check", path) == (0, "ok\n")
        assert app.catalogue.exercise("wall-slide") is not None


async def test_adjust_today_starts_today_s_numbers_and_leaves_the_routine(
    make_app: AppFactory, catalogue: Catalogue
) -> None:
    from tui.screens.session import SessionScreen

    routine = catalogue.routine("four-step-upper-back")
    assert routine is not None
    broken = user_routines_file()
    broken.parent.mkdir(parents=True)
    broken.write_text('{"schema_version": 1, "routines": [{"id": "x"}]}', encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        # A file the loader rejects: the builder won't open over it, and says why.
        app.post_message(BuildRoutineAsked())
        await pilot.pause()
        assert isinstance(app.screen, CatalogueScreen)
        said = " ".join(n.message for n in app._notifications)  # toasts: not drawn yet
        assert 'routines[0]: missing field "name"' in said and "won't rewrite" in said

        app.post_message(AdjustTodayAsked(routine))
        await pilot.pause()
        assert isinstance(app.screen, AdjustTodayScreen)
        await clear(pilot)
        await type_text(pilot, "0")
        assert problem_line(app) == "! Step 1, sets: must be at least 1, got 0"
        await pilot.press("enter")
        assert isinstance(app.screen, AdjustTodayScreen)  # not started
        await pilot.press("backspace", "1", "tab")
        await clear(pilot)
        await type_text(pilot, "20")
        await pilot.press("enter")
        await pilot.pause()
        session = app.screen
        assert isinstance(session, SessionScreen)
        first = session.session.engine.routine.steps[0].dosage
        assert (first.sets, first.hold_seconds or first.reps) == (1, 20)
        assert app.catalogue.routine(routine.id) == routine  # the routine itself unchanged


async def test_a_read_only_loosen_refuses_to_edit(
    make_app: AppFactory, data_dir: Path, catalogue: Catalogue
) -> None:
    with Store.open(data_dir) as second:
        assert second.read_only
        app = make_app(store=second)
        async with app.run_test(size=(80, 24)) as pilot:
            app.post_message(BuildRoutineAsked())
            app.post_message(EditExerciseAsked())
            await pilot.pause()
            assert isinstance(app.screen, CatalogueScreen)
            said = " ".join(n.message for n in app._notifications)
            assert "routines and exercises can't be changed here" in said
    assert not user_routines_file().exists()
