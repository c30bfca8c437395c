"""The routines loader: parsing, every class of error, and the merge rules."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from tui.catalogue.loader import CatalogueError, load_catalogue_file, merge, parse_catalogue
from tui.catalogue.model import DosageOrigin
from tui.catalogue.sources import builtin_routines_file, load_catalogue

EXERCISE: dict[str, Any] = {
    "id": "t-spine-roll",
    "name": "T-spine roll",
    "summary": "Roll the upper back.",
    "cues": [
        {"kind": "setup", "text": "Lie on the roller."},
        {"kind": "movement", "text": "Roll up and down."},
        {"kind": "avoid", "text": "Do not roll the low back."},
    ],
    "dosage": {"sets": 2, "reps": 10, "per_side": True, "rest_seconds": 30, "origin": "source"},
    "equipment": ["foam roller"],
    "who": "Anyone with a stiff upper back.",
    "why": "It frees the upper back.",
    "frequency": "Daily",
    "tags": {"region": "upper back", "kind": "mobility"},
    "source": {"title": "An article", "author": "A. Writer"},
}
ROUTINE: dict[str, Any] = {
    "id": "warm-up",
    "name": "Warm-up",
    "summary": "A short warm-up.",
    "steps": [{"exercise": "t-spine-roll", "dosage": {"sets": 1}}],
}


def document(**changes: Any) -> dict[str, Any]:
    data = {
        "schema_version": 1,
        "exercises": [copy.deepcopy(EXERCISE)],
        "routines": [copy.deepcopy(ROUTINE)],
    }
    data.update(changes)
    return data


def problems_of(data: object, label: str = "my.json") -> list[str]:
    with pytest.raises(CatalogueError) as caught:
        parse_catalogue(json.dumps(data), label)
    return caught.value.problems


def test_a_valid_file_parses_into_typed_objects() -> None:
    catalogue, ids = parse_catalogue(json.dumps(document()), "my.json")
    exercise = catalogue.exercise("t-spine-roll")
    assert exercise is not None
    assert exercise.dosage.reps == 10 and exercise.dosage.per_side
    assert exercise.dosage.origin is DosageOrigin.SOURCE
    assert [cue.kind.value for cue in exercise.cues] == ["setup", "movement", "avoid"]
    routine = catalogue.routine("warm-up")
    assert routine is not None
    assert routine.steps[0].exercise is exercise
    assert routine.steps[0].dosage.sets == 1
    assert routine.steps[0].dosage.reps == 10  # not overridden, so kept
    assert ids == {"t-spine-roll", "warm-up"}


def test_invalid_json_names_line_and_column() -> None:
    with pytest.raises(CatalogueError) as caught:
        parse_catalogue('{\n  "schema_version": 1,\n  "exercises": [,]\n}', "my.json")
    assert caught.value.problems == ["my.json: line 3, column 17: invalid JSON (Expecting value)"]


def test_wrong_types_are_reported_with_their_path() -> None:
    data = document()
    data["exercises"][0]["dosage"]["sets"] = "two"
    data["exercises"][0]["equipment"] = "roller"
    data["exercises"][0]["dosage"]["per_side"] = "yes"
    assert problems_of(data) == [
        'my.json: exercises[0].dosage.sets: expected a whole number, got "two"',
        'my.json: exercises[0].dosage.per_side: expected true or false, got "yes"',
        'my.json: exercises[0].equipment: expected a list, got "roller"',
    ]


def test_missing_fields_are_each_reported() -> None:
    data = document()
    del data["exercises"][0]["who"]
    del data["exercises"][0]["cues"][1]["text"]
    problems = problems_of(data)
    assert 'my.json: exercises[0].cues[1]: missing field "text"' in problems
    assert 'my.json: exercises[0]: missing field "who"' in problems


def test_out_of_range_numbers() -> None:
    data = document()
    data["exercises"][0]["dosage"]["sets"] = 0
    data["exercises"][0]["dosage"]["rest_seconds"] = -5
    data["routines"][0]["rest_between_exercises_seconds"] = -1
    problems = problems_of(data)
    assert "my.json: exercises[0].dosage.sets: must be at least 1, got 0" in problems
    assert "my.json: exercises[0].dosage.rest_seconds: must be at least 0, got -5" in problems
    assert (
        "my.json: routines[0].rest_between_exercises_seconds: must be at least 0, got -1"
        in problems
    )


def test_absurdly_large_numbers() -> None:
    data = document()
    data["exercises"][0]["dosage"]["sets"] = 1_000_000_000
    data["exercises"][0]["dosage"]["rest_seconds"] = 86_400
    assert problems_of(data) == [
        "my.json: exercises[0].dosage.sets: must be at most 50, got 1000000000",
        "my.json: exercises[0].dosage.rest_seconds: must be at most 3600, got 86400",
    ]


def test_duplicate_ids() -> None:
    data = document()
    data["exercises"].append(copy.deepcopy(EXERCISE))
    data["routines"].append(copy.deepcopy(ROUTINE))
    assert problems_of(data) == [
        'my.json: exercises[1].id: duplicate id "t-spine-roll" (first used at exercises[0])',
        'my.json: routines[1].id: duplicate id "warm-up" (first used at routines[0])',
    ]


def test_unknown_exercise_reference_matches_the_documented_message() -> None:
    data = document()
    data["routines"].append(
        {"id": "second", "name": "Second", "summary": "x", "steps": [{"exercise": "t-spin-roll"}]}
    )
    assert problems_of(data) == [
        'my.json: routines[1].steps[0].exercise: unknown exercise "t-spin-roll"'
        ' (did you mean "t-spine-roll"?)'
    ]


def test_empty_routine() -> None:
    data = document()
    data["routines"][0]["steps"] = []
    assert problems_of(data) == ["my.json: routines[0].steps: a routine needs at least one step"]


def test_unknown_schema_version() -> None:
    assert problems_of(document(schema_version=7)) == [
        "my.json: schema_version: unknown schema version 7 (this loosen reads version 1)"
    ]


def test_reps_and_hold_are_alternatives() -> None:
    data = document()
    data["exercises"][0]["dosage"]["hold_seconds"] = 30
    assert problems_of(data) == [
        'my.json: exercises[0].dosage: give either "reps" or "hold_seconds", not both'
    ]
    del data["exercises"][0]["dosage"]["hold_seconds"]
    del data["exercises"][0]["dosage"]["reps"]
    assert problems_of(data) == [
        'my.json: exercises[0].dosage: missing field "reps" or "hold_seconds"'
    ]


def test_unknown_fields_and_bad_enum_values() -> None:
    data = document()
    data["exercises"][0]["colour"] = "red"
    data["exercises"][0]["cues"][0]["kind"] = "warmup"
    problems = problems_of(data)
    assert "my.json: exercises[0].colour: unknown field" in problems
    assert any(
        p.startswith('my.json: exercises[0].cues[0].kind: expected one of "setup"')
        and p.endswith('got "warmup"')
        for p in problems
    )


def test_every_problem_is_collected_not_just_the_first() -> None:
    data = document()
    data["exercises"][0]["dosage"]["sets"] = 0
    data["routines"][0]["steps"][0]["exercise"] = "nope"
    data["routines"].append({"id": "Bad Id", "name": "", "summary": "x", "steps": []})
    problems = problems_of(data)
    assert len(problems) >= 4
    assert all(problem.startswith("my.json: ") and "\n" not in problem for problem in problems)


def test_step_override_switches_reps_to_a_hold() -> None:
    data = document()
    data["routines"][0]["steps"][0]["dosage"] = {"hold_seconds": 20, "per_side": False}
    catalogue, _ = parse_catalogue(json.dumps(data), "my.json")
    dosage = catalogue.routines[0].steps[0].dosage
    assert (dosage.reps, dosage.hold_seconds, dosage.per_side, dosage.sets) == (None, 20, False, 2)


def user_overlay(base_path: Path, tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "user.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_merge_adds_new_entries_and_replaces_equal_ids(tmp_path: Path) -> None:
    base_file = tmp_path / "base.json"
    base_file.write_text(json.dumps(document()), encoding="utf-8")
    base = load_catalogue_file(base_file)
    replacement = copy.deepcopy(EXERCISE)
    replacement["name"] = "My own roll"
    replacement["dosage"]["reps"] = 6
    extra_routine = {
        "id": "mine",
        "name": "Mine",
        "summary": "Uses a built-in exercise.",
        "steps": [{"exercise": "t-spine-roll"}],
    }
    overlay_file = tmp_path / "user.json"
    overlay_file.write_text(
        json.dumps({"schema_version": 1, "exercises": [replacement], "routines": [extra_routine]}),
        encoding="utf-8",
    )
    merged = merge(base, load_catalogue_file(overlay_file, base=base))
    assert [e.name for e in merged.exercises] == ["My own roll"]
    assert [r.id for r in merged.routines] == ["warm-up", "mine"]
    # The built-in routine now uses the replacement, keeping its own override of sets.
    step = merged.routines[0].steps[0]
    assert step.exercise.name == "My own roll"
    assert (step.dosage.sets, step.dosage.reps) == (1, 6)


def test_user_config_file_is_merged_over_the_builtin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    (tmp_path / "loosen").mkdir()
    (tmp_path / "loosen" / "routines.json").write_text(
        json.dumps(
            {
                "schema_version": 1,
                "routines": [
                    {
                        "id": "roller-twister-warm-up",
                        "name": "My twisters",
                        "summary": "Replaced.",
                        "steps": [{"exercise": "sweatt-shrug"}],
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    catalogue = load_catalogue()
    routine = catalogue.routine("roller-twister-warm-up")
    assert routine is not None and routine.name == "My twisters"
    assert len(catalogue.routines) == len(load_catalogue(builtin_routines_file()).routines)


def test_a_bad_user_config_file_is_reported_by_its_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    user_file = tmp_path / "loosen" / "routines.json"
    user_file.parent.mkdir()
    user_file.write_text('{"schema_version": 1, "routines": [{"id": "x"}]}', encoding="utf-8")
    catalogue = load_catalogue()  # a broken own file never locks anyone out
    assert catalogue.routines == load_catalogue(builtin_routines_file()).routines
    (problems,) = catalogue.problems
    assert problems.path == str(user_file) and problems.left_out == ('routine "x"',)
    assert problems.errors[0] == f'{user_file}: routines[0]: missing field "name"'


def test_routines_option_uses_only_that_file(tmp_path: Path) -> None:
    path = tmp_path / "only.json"
    path.write_text(json.dumps(document()), encoding="utf-8")
    catalogue = load_catalogue(path)
    assert [r.id for r in catalogue.routines] == ["warm-up"]


def test_missing_file_is_one_line() -> None:
    with pytest.raises(CatalogueError) as caught:
        load_catalogue_file(Path("/nonexistent/routines.json"))
    assert caught.value.problems == ["/nonexistent/routines.json: no such file"]


def test_builtin_catalogue_has_every_seed_exercise_and_routine() -> None:
    catalogue = load_catalogue_file(builtin_routines_file())
    names = " ".join(e.name.lower() for e in catalogue.exercises)
    for word in ("twister", "soft", "extension", "peanut", "bench", "rotation", "sweatt"):
        assert word in names
    assert {"roller-twister-warm-up", "four-step-upper-back", "full-thoracic-warm-up"} <= {
        r.id for r in catalogue.routines
    }
    twister = catalogue.routine("roller-twister-warm-up")
    assert twister is not None
    dosage = twister.steps[0].dosage
    assert (dosage.sets, dosage.reps, dosage.per_side, dosage.origin) == (
        2,
        10,
        True,
        DosageOrigin.SOURCE,
    )
    four = catalogue.routine("four-step-upper-back")
    assert four is not None
    assert [s.exercise.id for s in four.steps] == [
        "peanut-upper-back-extension",
        "bench-stretch",
        "band-assisted-thoracic-rotation",
        "sweatt-shrug",
    ]
    for exercise in catalogue.exercises:
        kinds = {cue.kind.value for cue in exercise.cues}
        assert {"setup", "movement", "avoid"} <= kinds, exercise.id
        assert kinds & {"breathing", "tempo"}, exercise.id
        assert exercise.source.title
