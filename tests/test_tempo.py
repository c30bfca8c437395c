"""The optional per-rep tempo: read from a routines file, overridden per step, written back."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tui.catalogue.loader import CatalogueError, parse_catalogue
from tui.catalogue.serialize import routine_from_data, routine_to_data
from tui.catalogue.timing import work_seconds


def document(exercise_dosage: dict[str, Any], step_dosage: dict[str, Any] | None) -> str:
    step: dict[str, Any] = {"exercise": "open-book"}
    if step_dosage is not None:
        step["dosage"] = step_dosage
    exercise = {
        "id": "open-book",
        "name": "Open Book",
        "summary": "Side-lying rotation",
        "cues": [{"kind": "movement", "text": "Open the chest."}],
        "dosage": exercise_dosage,
        "equipment": [],
        "who": "Anyone.",
        "why": "It helps.",
        "frequency": "Daily",
        "tags": {"region": "upper back", "kind": "mobility"},
        "source": {"title": "Notes"},
    }
    routine = {"id": "turns", "name": "Turns", "summary": "One step", "steps": [step]}
    return json.dumps({"schema_version": 1, "exercises": [exercise], "routines": [routine]})


def test_tempo_is_optional_and_read_from_exercise_and_step() -> None:
    plain, _ = parse_catalogue(document({"sets": 1, "reps": 8}, None), "t.json")
    assert plain.exercises[0].dosage.tempo_seconds is None
    assert work_seconds(plain.exercises[0].dosage) == 24

    paced, _ = parse_catalogue(
        document({"sets": 1, "reps": 8, "tempo_seconds": 4}, {"tempo_seconds": 6}), "t.json"
    )
    assert paced.exercises[0].dosage.tempo_seconds == 4
    step = paced.routines[0].steps[0]
    assert step.dosage.tempo_seconds == 6
    assert step.overrides == (("tempo_seconds", 6),)
    assert work_seconds(step.dosage) == 48


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (0, "must be at least 1, got 0"),
        (61, "must be at most 60, got 61"),
        ("3", 'expected a whole number, got "3"'),
        (True, "expected a whole number, got true"),
        (2.5, "expected a whole number, got 2.5"),
    ],
)
def test_bad_tempo_names_file_and_path(value: object, message: str) -> None:
    with pytest.raises(CatalogueError) as caught:
        parse_catalogue(document({"sets": 1, "reps": 8}, {"tempo_seconds": value}), "t.json")
    assert caught.value.problems == [
        f"t.json: routines[0].steps[0].dosage.tempo_seconds: {message}"
    ]


def test_tempo_survives_the_saved_plan_and_is_left_out_when_absent() -> None:
    paced, _ = parse_catalogue(document({"sets": 1, "reps": 8}, {"tempo_seconds": 5}), "t.json")
    data = routine_to_data(paced.routines[0])
    assert data["routines"][0]["steps"][0]["dosage"]["tempo_seconds"] == 5
    assert "tempo_seconds" not in data["exercises"][0]["dosage"]
    again = routine_from_data(data, "saved")
    assert again.steps[0].dosage.tempo_seconds == 5
    assert routine_to_data(again) == data
