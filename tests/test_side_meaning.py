"""The catalogue's `side_meaning`: what "left" means for a per-side exercise."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from tests.test_loader import EXERCISE, ROUTINE
from tui.catalogue.loader import CatalogueError, parse_catalogue
from tui.catalogue.model import Catalogue
from tui.catalogue.serialize import routine_from_data, routine_to_data

MEANING = "lying on your left side: your right arm sweeps open"


def with_meaning(value: object) -> dict[str, Any]:
    exercise = dict(copy.deepcopy(EXERCISE), side_meaning=value)
    return {"schema_version": 1, "exercises": [exercise], "routines": [copy.deepcopy(ROUTINE)]}


def test_the_field_is_read_and_optional() -> None:
    catalogue, _ = parse_catalogue(json.dumps(with_meaning(MEANING)), "my.json")
    exercise = catalogue.exercise("t-spine-roll")
    assert exercise is not None and exercise.side_meaning == MEANING
    plain = {"schema_version": 1, "exercises": [EXERCISE], "routines": [ROUTINE]}
    without, _ = parse_catalogue(json.dumps(plain), "my.json")
    assert without.exercises[0].side_meaning is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (5, "got 5"),
        ("", 'got ""'),
        ("   ", 'got "   "'),
        (["left"], "got a list"),
    ],
)
def test_a_bad_value_is_one_line_naming_the_field(value: object, expected: str) -> None:
    with pytest.raises(CatalogueError) as caught:
        parse_catalogue(json.dumps(with_meaning(value)), "my.json")
    assert caught.value.problems == [
        f"my.json: exercises[0].side_meaning: expected a non-empty string, {expected}"
    ]


def test_a_routine_kept_for_resuming_keeps_the_meaning() -> None:
    catalogue, _ = parse_catalogue(json.dumps(with_meaning(MEANING)), "my.json")
    saved = routine_to_data(catalogue.routines[0])
    assert saved["exercises"][0]["side_meaning"] == MEANING
    restored = routine_from_data(json.loads(json.dumps(saved)), "active.json")
    assert restored.steps[0].exercise.side_meaning == MEANING
    assert routine_to_data(restored) == saved


def test_every_built_in_per_side_exercise_says_what_left_means(catalogue: Catalogue) -> None:
    per_side = [e for e in catalogue.exercises if e.dosage.per_side and e.source.license is None]
    assert per_side, "the built-in catalogue has per-side exercises"
    for exercise in per_side:
        assert exercise.side_meaning and "left" in exercise.side_meaning, exercise.id
