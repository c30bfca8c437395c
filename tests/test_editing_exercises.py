"""Exercise edits (new, duplicate, dosage, cue list) and field checks with the loader's words."""

from __future__ import annotations

import json

import pytest

from tui.catalogue.drafts import DosageDraft, ExerciseDraft, UserRoutines
from tui.catalogue.editing import EditError, OwnCatalogue, put_exercise, put_routine, set_field
from tui.catalogue.exercise_edits import (
    add_cue,
    delete_cue,
    duplicate_exercise,
    edit_cue,
    move_cue,
    new_exercise,
    override_exercise,
    parse_list,
    set_exercise_dosage,
)
from tui.catalogue.fields import (
    exercise_problems,
    field_problem,
    field_value,
    routine_problems,
)
from tui.catalogue.loader import load_catalogue_file, parse_catalogue
from tui.catalogue.model import CueKind, ExerciseKind
from tui.catalogue.routine_edits import add_step, new_routine, set_step_dosage
from tui.catalogue.sources import builtin_routines_file

# Read at import, before the fixtures isolate the data dir: so without the library.
BASE = load_catalogue_file(builtin_routines_file())
EMPTY = OwnCatalogue(BASE, UserRoutines())


def filled(name: str = "Wall Slide") -> ExerciseDraft:
    draft = new_exercise(EMPTY, name)
    for field, value in (("summary", "Slide up a wall"), ("who", "Anyone"), ("why", "It helps")):
        draft = set_field(draft, field, value)
    return add_cue(draft, CueKind.SETUP, "Stand with your back to a wall.")


def test_a_new_exercise_lists_what_is_left_to_fill_in() -> None:
    draft = new_exercise(EMPTY, "Wall Slide")
    assert draft.id == "wall-slide" and draft.dosage == DosageDraft(
        sets=2, reps=10, origin=draft.dosage.origin
    )
    problems = exercise_problems(EMPTY, draft)
    assert problems == [
        ("summary", 'expected a non-empty string, got ""'),
        ("cues", "must list at least one cue"),
        ("who", 'expected a non-empty string, got ""'),
        ("why", 'expected a non-empty string, got ""'),
    ]
    assert exercise_problems(EMPTY, filled()) == []


def test_a_new_exercise_with_cues_dosage_equipment_and_tags_loads() -> None:
    draft = filled()
    draft = add_cue(draft, CueKind.MOVEMENT, "Slide your arms up.")
    draft = add_cue(draft, CueKind.AVOID, "Don't arch.", at=1)
    draft = set_exercise_dosage(draft, "hold_seconds", 20)
    draft = set_exercise_dosage(draft, "per_side", True)
    draft = set_field(draft, "equipment", parse_list("wall, , band "))
    draft = set_field(draft, "kind", ExerciseKind.STRENGTH)
    draft = set_field(draft, "region", "shoulders")
    draft = set_field(draft, "source", set_field(draft.source, "author", "My physio"))
    own = put_exercise(UserRoutines(), draft)
    catalogue, _ = parse_catalogue(json.dumps(own.to_data()), "mine.json", base=BASE)
    exercise = catalogue.exercise("wall-slide")
    assert exercise is not None
    assert [cue.kind for cue in exercise.cues] == [CueKind.SETUP, CueKind.AVOID, CueKind.MOVEMENT]
    assert (exercise.dosage.reps, exercise.dosage.hold_seconds, exercise.dosage.per_side) == (
        None,
        20,
        True,
    )
    assert exercise.equipment == ("wall", "band")
    assert (exercise.kind, exercise.region, exercise.source.author) == (
        ExerciseKind.STRENGTH,
        "shoulders",
        "My physio",
    )


def test_the_cue_list_is_edited_deleted_and_reordered() -> None:
    draft = add_cue(add_cue(filled(), CueKind.MOVEMENT, "two"), CueKind.AVOID, "three")
    draft = edit_cue(draft, 1, text="Two")
    draft = edit_cue(draft, 2, kind=CueKind.BREATHING)
    assert [(c.kind, c.text) for c in draft.cues][1:] == [
        (CueKind.MOVEMENT, "Two"),
        (CueKind.BREATHING, "three"),
    ]
    up, where = move_cue(draft, 2, -1)
    assert where == 1 and [c.text for c in up.cues][1:] == ["three", "Two"]
    assert move_cue(draft, 0, -1) == (draft, 0)
    assert [c.text for c in delete_cue(draft, 0).cues] == ["Two", "three"]
    with pytest.raises(EditError, match="there is no cue 4"):
        delete_cue(draft, 3)
    empty = delete_cue(filled(), 0)
    assert ("cues", "must list at least one cue") in exercise_problems(EMPTY, empty)


def test_duplicate_and_override_of_a_built_in() -> None:
    builtin = BASE.exercise("sweatt-shrug")
    assert builtin is not None
    copy = duplicate_exercise(EMPTY, builtin)
    assert copy.id == "sweatt-shrug-copy" and copy.cues == ExerciseDraft.from_exercise(builtin).cues
    mine = set_exercise_dosage(override_exercise(builtin), "reps", 15)
    own = put_exercise(UserRoutines(), mine)
    assert OwnCatalogue(BASE, own).overrides_builtin("exercise", "sweatt-shrug")
    merged_catalogue = OwnCatalogue(BASE, own)
    assert exercise_problems(merged_catalogue, mine, replacing="sweatt-shrug") == []


def test_exercise_dosage_alternatives_and_problems_are_the_loader_s() -> None:
    draft = set_exercise_dosage(filled(), "hold_seconds", 30)
    assert draft.dosage.reps is None
    no_work = set_exercise_dosage(draft, "hold_seconds", None)
    assert exercise_problems(EMPTY, no_work) == [
        ("dosage", 'missing field "reps" or "hold_seconds"')
    ]
    too_many = set_exercise_dosage(draft, "sets", 51)
    assert exercise_problems(EMPTY, too_many) == [("dosage.sets", "must be at most 50, got 51")]


def test_routine_problems_point_at_the_step_field() -> None:
    draft = add_step(add_step(new_routine(EMPTY, "Mine"), "sweatt-shrug"), "bench-stretch")
    assert routine_problems(EMPTY, draft) == []
    draft = set_step_dosage(draft, 1, "tempo_seconds", 0)
    assert routine_problems(EMPTY, draft) == [
        ("steps[1].dosage.tempo_seconds", "must be at least 1, got 0")
    ]
    taken = put_routine(UserRoutines(), set_field(draft, "name", "Other"))
    assert routine_problems(OwnCatalogue(BASE, taken), draft) == [
        ("id", 'you already have a routine with the id "mine"')
    ]
    unknown = add_step(new_routine(EMPTY), "sweat-shrug")
    assert routine_problems(EMPTY, unknown) == [
        ("steps[0].exercise", 'unknown exercise "sweat-shrug" (did you mean "sweatt-shrug"?)')
    ]


@pytest.mark.parametrize(
    ("name", "text", "required", "problem"),
    [
        ("sets", "3", True, None),
        ("sets", " 3 ", True, None),
        ("sets", "0", True, "must be at least 1, got 0"),
        ("sets", "51", True, "must be at most 50, got 51"),
        ("sets", "", True, 'missing field "sets"'),
        ("sets", "", False, None),
        ("sets", "2.0", True, 'expected a whole number, got "2.0"'),
        ("sets", "１", True, 'expected a whole number, got "\\uff11"'),
        ("reps", "501", True, "must be at most 500, got 501"),
        ("hold_seconds", "3601", True, "must be at most 3600, got 3601"),
        ("rest_seconds", "-1", True, "must be at least 0, got -1"),
        ("switch_seconds", "0", True, None),
        ("tempo_seconds", "61", True, "must be at most 60, got 61"),
        ("rest_between_exercises_seconds", "", False, None),
        ("sets", "9" * 5000, True, 'expected a whole number, got "999999999999999999999999999..."'),
        ("name", "", True, 'expected a non-empty string, got ""'),
        ("name", "  ", True, 'expected a non-empty string, got "  "'),
        ("name", "[b]x[/b]", True, None),
        ("name", "half \ud800", True, "text is not valid Unicode (a lone surrogate escape)"),
        ("note", "\udfff", True, "text is not valid Unicode (a lone surrogate escape)"),
        ("text", "Slide up.", True, None),
        ("author", "", True, None),
        ("note", "", True, None),
        ("id", "wall-slide", True, None),
        (
            "id",
            "Wall",
            True,
            "\"Wall\" may hold only a-z, 0-9 and '-', and must not start with '-'",
        ),
        ("id", "-x", True, "\"-x\" may hold only a-z, 0-9 and '-', and must not start with '-'"),
    ],
)
def test_field_problem_uses_the_loader_rules_and_words(
    name: str, text: str, required: bool, problem: str | None
) -> None:
    assert field_problem(name, text, required=required) == problem


def test_field_problem_for_ids_and_exercises_knows_what_is_taken() -> None:
    taken = {"mine": "routines[0]"}
    assert (
        field_problem("id", "mine", taken=taken)
        == 'duplicate id "mine" (first used at routines[0])'
    )
    exercises = EMPTY.exercise_ids()
    assert field_problem("exercise", "bench-stretch", exercises=exercises) is None
    assert (
        field_problem("exercise", "bench-strech", exercises=exercises)
        == 'unknown exercise "bench-strech" (did you mean "bench-stretch"?)'
    )
    with pytest.raises(KeyError):
        field_problem("colour", "red")


def test_field_value_keeps_text_as_typed() -> None:
    assert field_value("sets", " 3 ") == 3
    assert field_value("rest_seconds", "") is None
    assert field_value("author", "") is None
    assert field_value("name", "  two  spaces ") == "  two  spaces "
    assert field_value("text", "\x1b[31m[red]") == "\x1b[31m[red]"
