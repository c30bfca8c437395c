"""What the editors add to the domain: an exercise's side_meaning survives, fields as typed."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from tui.catalogue.drafts import ExerciseDraft, UserRoutines
from tui.catalogue.editing import OwnCatalogue, put_routine
from tui.catalogue.field_text import (
    cue_kind_problem,
    dosage_problem,
    dosage_value,
    exercise_kind_problem,
    shown,
)
from tui.catalogue.loader import load_catalogue_file
from tui.catalogue.routine_edits import add_step, new_routine
from tui.catalogue.sources import builtin_routines_file
from tui.catalogue.user_file import UserRoutinesFile
from tui.locations import user_routines_file

BASE = load_catalogue_file(builtin_routines_file())


def test_an_exercise_side_meaning_survives_a_builder_save() -> None:
    twister = BASE.exercise("t-spine-roller-twister")
    assert twister is not None and twister.side_meaning
    own = {**ExerciseDraft.from_exercise(twister).to_data(), "id": "my-twist"}
    assert own["side_meaning"] == twister.side_meaning
    path = user_routines_file()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"schema_version": 1, "exercises": [own]}), encoding="utf-8")
    user = UserRoutinesFile(path, BASE, now=lambda: datetime(2026, 12, 1))
    draft = add_step(new_routine(OwnCatalogue(BASE, UserRoutines()), "Other"), "my-twist")
    saved = user.save(lambda file: put_routine(file, draft))
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["exercises"][0]["side_meaning"] == twister.side_meaning
    exercise = saved.catalogue.exercise("my-twist")
    assert exercise is not None and exercise.side_meaning == twister.side_meaning


@pytest.mark.parametrize("meaning", [None, "turning to your left"])
def test_side_meaning_round_trips_through_a_draft(meaning: str | None) -> None:
    twister = BASE.exercise("t-spine-roller-twister")
    assert twister is not None
    draft = ExerciseDraft.from_exercise(twister._replace(side_meaning=meaning))
    data = draft.to_data()
    assert ("side_meaning" in data) is (meaning is not None)
    assert ExerciseDraft.from_data(data) == draft


@pytest.mark.parametrize(
    ("name", "text", "problem", "value"),
    [
        ("per_side", "yes", None, True),
        ("per_side", "No", None, False),
        ("per_side", "", None, None),
        ("per_side", "maybe", 'expected true or false, got "maybe"', None),
        ("sets", "", None, None),
        ("sets", "51", "must be at most 50, got 51", None),
        ("hold_seconds", "ten", 'expected a whole number, got "ten"', None),
        ("rest_seconds", "0", None, 0),
    ],
)
def test_dosage_boxes_use_the_loader_words(
    name: str, text: str, problem: str | None, value: object
) -> None:
    assert dosage_problem(name, text) == problem
    if problem is None:
        assert dosage_value(name, text) == value
        assert shown(dosage_value(name, text)) == text.strip().lower()


def test_kinds_are_the_loader_s_words() -> None:
    assert cue_kind_problem("tempo") is None and exercise_kind_problem("soft tissue") is None
    assert cue_kind_problem("jump") == (
        'expected one of "setup", "movement", "breathing", "tempo", "avoid", got "jump"'
    )
    assert exercise_kind_problem("") is not None
    assert shown(True) == "yes" and shown(False) == "no" and shown(None) == "" and shown(12) == "12"
