"""A broken user routines file never locks anyone out: the rest of it, and the built-ins, load."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.screen_text import screen_text
from tui.app import LoosenApp
from tui.catalogue.loader import load_catalogue_file
from tui.catalogue.model import FileProblems
from tui.catalogue.notices import problem_notice
from tui.catalogue.sources import builtin_routines_file, load_catalogue
from tui.cli import run
from tui.locations import user_routines_file

# Read at import, before the fixtures isolate the data dir: so without the library.
BUILTIN = load_catalogue_file(builtin_routines_file())
DRILL: dict[str, Any] = json.loads(builtin_routines_file().read_text(encoding="utf-8"))[
    "exercises"
][0]


def own_exercise(exercise_id: str, **changes: Any) -> dict[str, Any]:
    return {**copy.deepcopy(DRILL), "id": exercise_id, **changes}


def own_routine(routine_id: str, *exercises: str, **changes: Any) -> dict[str, Any]:
    steps = [{"exercise": exercise} for exercise in exercises]
    return {"id": routine_id, "name": routine_id.title(), "summary": "x", "steps": steps, **changes}


def write_user_file(data: object) -> Path:
    path = user_routines_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_good_entries_are_kept_and_bad_ones_left_out_and_named() -> None:
    path = write_user_file(
        {
            "schema_version": 1,
            "exercises": [own_exercise("my-drill")],
            "routines": [
                own_routine("good", "my-drill", "sweatt-shrug"),
                own_routine("bad", "sweatt-shrug", rest_between_exercises_seconds=-1),
            ],
        }
    )
    catalogue = load_catalogue()
    assert catalogue.routine("good") is not None and catalogue.exercise("my-drill") is not None
    assert catalogue.routine("bad") is None
    assert all(catalogue.routine(r.id) == r for r in BUILTIN.routines)
    assert catalogue.problems == (
        FileProblems(
            path=str(path),
            errors=(
                f"{path}: routines[1].rest_between_exercises_seconds: must be at least 0, got -1",
            ),
            left_out=('routine "bad"',),
        ),
    )


def test_a_routine_using_a_broken_exercise_is_left_out_not_shortened() -> None:
    broken = own_exercise("my-drill", cues=[])
    write_user_file(
        {
            "schema_version": 1,
            "exercises": [broken],
            "routines": [own_routine("mine", "sweatt-shrug", "my-drill")],
        }
    )
    catalogue = load_catalogue()
    assert catalogue.routine("mine") is None
    (problems,) = catalogue.problems
    assert problems.left_out == ('exercise "my-drill"', 'routine "mine"')
    assert problems.errors == (
        f"{user_routines_file()}: exercises[0].cues: must list at least one cue",
    )


def test_a_broken_replacement_of_a_built_in_leaves_the_built_in_in_place() -> None:
    replaced = own_exercise(DRILL["id"], name="")
    write_user_file({"schema_version": 1, "exercises": [replaced]})
    catalogue = load_catalogue()
    assert catalogue.exercise(DRILL["id"]) == BUILTIN.exercise(DRILL["id"])
    assert catalogue.routines == BUILTIN.routines


def test_the_first_of_two_equal_ids_is_kept() -> None:
    write_user_file(
        {
            "schema_version": 1,
            "routines": [
                own_routine("twice", "sweatt-shrug", name="First"),
                own_routine("twice", "bench-stretch", name="Second"),
            ],
        }
    )
    catalogue = load_catalogue()
    routine = catalogue.routine("twice")
    assert routine is not None and routine.name == "First"
    assert catalogue.problems[0].left_out == ('routine "twice"',)


def test_an_entry_without_a_usable_id_is_named_by_its_path() -> None:
    write_user_file({"schema_version": 1, "routines": [own_routine("Bad Id", "sweatt-shrug")]})
    assert load_catalogue().problems[0].left_out == ("routines[0]",)


@pytest.mark.parametrize(
    "text",
    [
        "{not json",
        '{"schema_version": 2, "routines": []}',
        "[]",
        '{"schema_version": 1, "routines": [], "routines": []}',
    ],
)
def test_a_file_that_is_not_a_routines_file_is_not_used_at_all(text: str) -> None:
    path = write_user_file(text)
    catalogue = load_catalogue()
    assert catalogue._replace(problems=()) == BUILTIN
    (problems,) = catalogue.problems
    assert problems.whole_file and problems.path == str(path)
    assert problems.errors[0].startswith(f"{path}: ")


def test_the_notice_names_the_file_the_path_the_first_errors_and_the_fix() -> None:
    routines = [own_routine(f"r{i}", "sweatt-shrug", summary="") for i in range(6)]
    path = write_user_file({"schema_version": 1, "routines": routines})
    (problems,) = load_catalogue().problems
    lines = problem_notice(problems)
    assert lines[0] == (
        f'{path} has 6 problems: loosen left out routine "r0", routine "r1", routine "r2",'
        ' routine "r3", 2 more and is using the rest'
    )
    assert lines[1:4] == [
        f'{path}: routines[{i}].summary: expected a non-empty string, got ""' for i in range(3)
    ]
    assert lines[4:] == [
        "... and 3 more",
        f"to see every problem, and to check your fix: loosen check {path}",
    ]


def test_a_notice_for_an_unknown_top_level_field_says_everything_is_used() -> None:
    path = write_user_file({"schema_version": 1, "routines": [], "routine": []})
    (problems,) = load_catalogue().problems
    assert problem_notice(problems)[:2] == [
        f"{path} has 1 problem: loosen is using all of its routines and exercises",
        f'{path}: routine: unknown field (did you mean "routines"?)',
    ]


def test_routines_lists_the_usable_part_and_warns_on_stderr(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = write_user_file(
        {
            "schema_version": 1,
            "routines": [
                own_routine("kept", "sweatt-shrug"),
                own_routine("typo", "sweatt-shrug", rest_between_exercise_seconds=5),
            ],
        }
    )
    assert run(["routines"]) == 0
    out, err = capsys.readouterr()
    ids = [line.split()[0] for line in out.splitlines()[1:]]
    assert "kept" in ids and "typo" not in ids and "roller-twister-warm-up" in ids
    assert err.splitlines() == [
        f"loosen: warning: {path} has 1 problem:"
        ' loosen left out routine "typo" and is using the rest',
        f"loosen: warning: {path}: routines[1].rest_between_exercise_seconds: unknown field"
        ' (did you mean "rest_between_exercises_seconds"?)',
        f"loosen: warning: to see every problem, and to check your fix: loosen check {path}",
    ]


def test_check_on_the_broken_user_file_stays_strict(capsys: pytest.CaptureFixture[str]) -> None:
    path = write_user_file({"schema_version": 1, "routines": [own_routine("x", "nope")]})
    assert run(["check", str(path)]) == 2
    assert (
        capsys.readouterr().err
        == f'{path}: routines[0].steps[0].exercise: unknown exercise "nope"\n'
    )


def test_a_file_given_with_routines_stays_strict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "given.json"
    path.write_text(json.dumps({"schema_version": 1, "routines": [own_routine("x", "nope")]}))
    assert run(["--routines", str(path), "routines"]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_an_unknown_field_anywhere_inside_leaves_its_entry_out() -> None:
    drill = own_exercise("my-drill", colour="red")
    cue_typo = own_exercise("cue-typo")
    cue_typo["cues"][0]["txt"] = "x"
    routine = own_routine("mine", "sweatt-shrug")
    routine["steps"][0]["dosage"] = {"rest_second": 5}
    write_user_file({"schema_version": 1, "exercises": [drill, cue_typo], "routines": [routine]})
    catalogue = load_catalogue()
    assert catalogue.problems[0].left_out == (
        'exercise "my-drill"',
        'exercise "cue-typo"',
        'routine "mine"',
    )
    assert catalogue.exercise("my-drill") is None and catalogue.routine("mine") is None


async def test_the_app_opens_with_the_built_ins_and_the_good_part_of_a_broken_file(
    make_app: Callable[..., LoosenApp],
) -> None:
    write_user_file(
        {
            "schema_version": 1,
            "routines": [
                own_routine("kept", "sweatt-shrug", name="Kept Of Mine", summary="Mine, kept"),
                own_routine("typo", "sweatt-shrug", name="Typo Of Mine", colour="red"),
            ],
        }
    )
    app = make_app(catalogue=load_catalogue())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Roller Twister Warm-Up" in text and "Kept Of Mine" in text
        assert "Typo Of Mine" not in text
        assert "Mine, kept" not in text
        await pilot.press("down", "down", "down")  # past the three built-ins: its detail shows
        assert "Mine, kept" in screen_text(app)
