"""`loosen check` suggests the field or exercise id a typo was probably meant to be."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tui.catalogue.loader import did_you_mean
from tui.catalogue.sources import builtin_routines_file
from tui.cli import run


def routine(**step: Any) -> dict[str, Any]:
    return {"id": "mine", "name": "Mine", "summary": "x", "steps": [step]}


def check(tmp_path: Path, data: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> list[str]:
    path = tmp_path / "my.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert run(["check", str(path)]) == 2
    return [line.removeprefix(f"{path}: ") for line in capsys.readouterr().err.splitlines()]


def test_a_misspelt_dosage_field_gets_the_right_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = {
        "schema_version": 1,
        "routines": [routine(exercise="sweatt-shrug", dosage={"rest_second": 10})],
    }
    assert check(tmp_path, data, capsys) == [
        'routines[0].steps[0].dosage.rest_second: unknown field (did you mean "rest_seconds"?)'
    ]


def test_a_misspelt_exercise_id_gets_the_built_in_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = {"schema_version": 1, "routines": [routine(exercise="sweat-shrug")]}
    assert check(tmp_path, data, capsys) == [
        'routines[0].steps[0].exercise: unknown exercise "sweat-shrug"'
        ' (did you mean "sweatt-shrug"?)'
    ]


def test_top_level_and_routine_fields_get_hints_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = routine(exercise="sweatt-shrug")
    mine["rest_between_exercise_seconds"] = 10
    data = {"schema_version": 1, "routines": [mine], "exercise": []}
    assert check(tmp_path, data, capsys) == [
        'exercise: unknown field (did you mean "exercises"?)',
        "routines[0].rest_between_exercise_seconds: unknown field"
        ' (did you mean "rest_between_exercises_seconds"?)',
    ]


def test_no_hint_when_nothing_is_close(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = {
        "schema_version": 1,
        "routines": [routine(exercise="zzzzzz", colour="red")],
    }
    assert check(tmp_path, data, capsys) == [
        "routines[0].steps[0].colour: unknown field",
        'routines[0].steps[0].exercise: unknown exercise "zzzzzz"',
    ]


def test_an_exercise_of_the_same_file_is_suggested(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    builtin = json.loads(builtin_routines_file().read_text(encoding="utf-8"))
    own = dict(builtin["exercises"][0], id="my-own-drill")
    data = {"schema_version": 1, "exercises": [own], "routines": [routine(exercise="my-own-dril")]}
    assert check(tmp_path, data, capsys) == [
        'routines[0].steps[0].exercise: unknown exercise "my-own-dril"'
        ' (did you mean "my-own-drill"?)'
    ]


def test_did_you_mean_quotes_its_suggestion_and_skips_huge_words() -> None:
    assert did_you_mean("sets ", ["sets", "reps"]) == ' (did you mean "sets"?)'
    assert did_you_mean("x" * 101, ["x" * 100]) == ""
    assert did_you_mean("anything", []) == ""
