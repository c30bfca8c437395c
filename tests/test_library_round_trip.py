"""Import -> catalogue -> a routine of the user's -> `loosen check` -> a session run to the end."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import pytest
from textual.app import App

from tests.conftest import FakeClock, FakeWallClock
from tests.screen_text import screen_text
from tui.app import LoosenApp
from tui.catalogue.model import Routine
from tui.catalogue.serialize import routine_from_data, routine_to_data
from tui.catalogue.sources import load_catalogue
from tui.cli import run
from tui.library.changes import add_bundled, import_file
from tui.locations import user_routines_file
from tui.session.engine import Phase, SessionEngine

FIXTURES = Path(__file__).parent / "fixtures"


def shown(app: LoosenApp) -> str:
    """What the app shows now, as text."""
    return screen_text(cast("App[object]", app))


def run_to_the_end(routine: Routine, clock: FakeClock) -> SessionEngine:
    """Do every set as a person would: reps done, holds held to zero, rests waited out."""
    engine = SessionEngine(routine, clock=clock, now=FakeWallClock(clock))
    for _ in range(500):
        if engine.is_finished:
            break
        if engine.phase in (Phase.HOLD, Phase.REST, Phase.SWITCH):
            clock.advance(engine.timer_remaining() or 0)
            engine.tick()
        else:
            clock.advance(20)
            engine.main_action()
    return engine


@pytest.fixture
def imported(data_dir: Path) -> Path:
    import_file(data_dir, FIXTURES / "free-exercise-db-sample.json")
    import_file(data_dir, FIXTURES / "wger-exerciseinfo-sample.json")
    return data_dir


def test_imported_exercises_are_in_the_catalogue_after_the_builtins(imported: Path) -> None:
    builtin = load_catalogue()
    catalogue = load_catalogue(data=imported)
    assert catalogue.exercises[: len(builtin.exercises)] == builtin.exercises
    added = [e.id for e in catalogue.exercises[len(builtin.exercises) :]]
    assert added == [
        "fedb-doorway-chest-stretch",
        "fedb-thoracic-extension-on-a-roller-smr",
        "fedb-seated-band-row",
        "fedb-kneeling-lat-stretch",
        "wger-1001",
        "wger-1002",
    ]
    assert catalogue.routines == builtin.routines
    assert catalogue.origins[-1].endswith("library/library.json")


def test_a_user_routine_of_library_exercises_checks_ok_and_runs_to_the_end(
    imported: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    steps: list[dict[str, Any]] = [
        {"exercise": "fedb-doorway-chest-stretch"},
        {"exercise": "wger-1001", "dosage": {"sets": 1, "reps": 8}},
        {"exercise": "t-spine-roller-twister", "dosage": {"sets": 1}},
    ]
    routine = {"id": "library-mix", "name": "Library mix", "summary": "Mixed", "steps": steps}
    path = user_routines_file()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"schema_version": 1, "routines": [routine]}))

    assert run(["check", str(path), "--data-dir", str(imported)]) == 0
    assert capsys.readouterr().out == "ok\n"
    found = load_catalogue(data=imported).routine("library-mix")
    assert found is not None
    assert [step.exercise.id for step in found.steps] == [s["exercise"] for s in steps]

    engine = run_to_the_end(found, clock)
    assert engine.is_finished
    assert engine.done_count == engine.planned_count == 2 * 2 + 1 + 2  # sets × sides
    holds = [r.seconds for r in engine.records if r.exercise_id == "fedb-doorway-chest-stretch"]
    assert holds == [30, 30, 30, 30]
    reps = [r.reps for r in engine.records if r.exercise_id == "wger-1001"]
    assert reps == [8]


def test_a_library_exercise_started_on_its_own_runs_and_survives_a_saved_plan(
    data_dir: Path, clock: FakeClock
) -> None:
    add_bundled(data_dir, "builtin-stretches")
    exercise = load_catalogue(data=data_dir).exercise("fedb-overhead-lat")
    assert exercise is not None
    single = Routine.single(exercise)
    engine = run_to_the_end(single, clock)
    assert engine.is_finished and engine.done_count == engine.planned_count > 0
    # An unfinished session keeps its plan in the routines format: it must read back.
    restored = routine_from_data(routine_to_data(single), "active.json")
    assert restored.steps[0].exercise.cues == exercise.cues
    assert restored.steps[0].dosage == exercise.dosage
    assert restored.steps[0].exercise.source.credit() == exercise.source.credit()


async def test_find_an_imported_exercise_by_search_and_do_it_with_keys(
    data_dir: Path, tmp_path: Path, make_app: Callable[..., LoosenApp]
) -> None:
    data = json.loads((FIXTURES / "free-exercise-db-sample.json").read_text())
    data[4]["name"] = "[bold red]Lat[/] \x1b[2J Stretch"
    path = tmp_path / "marked.json"
    path.write_text(json.dumps(data))
    import_file(data_dir, path)
    app = make_app(catalogue=load_catalogue(data=data_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("tab", "slash", *"lat", "space", *"stretch", "enter")
        await pilot.pause()
        assert "[bold red]Lat[/] [2J Stretch" in shown(app)
        await pilot.press("s")
        await pilot.pause()
        text = shown(app)
        assert "[bold red]Lat[/] [2J Stretch" in text  # literally: not markup, no escape
        assert "Kneel and place one hand on a bench in front of you." in text
        assert "30 s hold" in text
