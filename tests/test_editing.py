"""Routine edits and edits of the user's file: pure functions, checked by the loader."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tui.catalogue.drafts import DosageDraft, RoutineDraft, StepDraft, UserRoutines
from tui.catalogue.editing import (
    EditError,
    OwnCatalogue,
    delete_exercise,
    delete_routine,
    fresh_id,
    put_exercise,
    put_routine,
    restore,
    set_field,
    slug,
)
from tui.catalogue.exercise_edits import duplicate_exercise, new_exercise
from tui.catalogue.loader import load_catalogue_file, parse_catalogue
from tui.catalogue.model import Catalogue, DosageOrigin
from tui.catalogue.routine_edits import (
    add_step,
    clear_step_dosage,
    duplicate_routine,
    move_step,
    new_routine,
    override_routine,
    preview_routine,
    remove_step,
    set_step_dosage,
    set_step_note,
    step_dosages,
)
from tui.catalogue.sources import builtin_routines_file

# Read at import, before the fixtures isolate the data dir: so without the library.
BASE = load_catalogue_file(builtin_routines_file())
EMPTY = OwnCatalogue(BASE, UserRoutines())


def builtin_routine(routine_id: str = "full-thoracic-warm-up") -> RoutineDraft:
    routine = BASE.routine(routine_id)
    assert routine is not None
    return RoutineDraft.from_routine(routine)


def loads(own: UserRoutines) -> Catalogue:
    """The file as the loader reads it against the built-ins (raises if it is invalid)."""
    catalogue, _ = parse_catalogue(json.dumps(own.to_data()), "mine.json", base=BASE)
    return catalogue


def test_ids_come_from_names_and_are_never_taken() -> None:
    assert slug("Morning Twists!") == "morning-twists"
    assert slug("Café  crème") == "cafe-creme"
    assert slug("¡¿") == ""
    assert len(slug("word " * 40)) <= 48 and not slug("word " * 40).endswith("-")
    assert fresh_id("Twists", set(), "routine") == "twists"
    assert fresh_id("Twists", {"twists", "twists-2"}, "routine") == "twists-3"
    assert fresh_id("???", set(), "routine") == "routine"


def test_a_new_routine_gets_a_fresh_id_and_needs_a_step() -> None:
    draft = new_routine(EMPTY, "Roller Twister Warm-Up")
    assert draft.id == "roller-twister-warm-up-2"  # the built-in id is taken
    assert preview_routine(EMPTY, draft) is None  # no steps yet
    draft = add_step(draft, "sweatt-shrug")
    routine = preview_routine(EMPTY, draft)
    assert routine is not None and [s.exercise.id for s in routine.steps] == ["sweatt-shrug"]


def test_duplicating_a_built_in_keeps_steps_overrides_and_notes() -> None:
    original = BASE.routine("full-thoracic-warm-up")
    assert original is not None
    draft = duplicate_routine(EMPTY, original)
    assert draft.id == "full-thoracic-warm-up-copy"
    assert draft.name == "Full Thoracic Warm-Up (copy)"
    assert draft.steps[2].dosage == DosageDraft(sets=1, reps=10)
    copy = loads(put_routine(UserRoutines(), draft)).routine(draft.id)
    assert copy is not None
    assert copy.steps == original.steps
    assert copy.rest_between_exercises_seconds == original.rest_between_exercises_seconds


def test_duplicating_an_own_routine_twice_gives_two_ids() -> None:
    first = add_step(new_routine(EMPTY, "Mine"), "sweatt-shrug")
    own = put_routine(UserRoutines(), first)
    catalogue = OwnCatalogue(BASE, own)
    routine = preview_routine(catalogue, first, replacing=first.id)
    assert routine is not None
    second = duplicate_routine(catalogue, routine)
    own = put_routine(own, second)
    third = duplicate_routine(OwnCatalogue(BASE, own), routine)
    assert [first.id, second.id, third.id] == ["mine", "mine-copy", "mine-copy-2"]


def test_override_keeps_the_built_in_id_and_is_reported_as_such() -> None:
    draft = set_field(override_routine(BASE.routines[0]), "name", "My twisters")
    own = put_routine(UserRoutines(), draft)
    catalogue = OwnCatalogue(BASE, own)
    assert catalogue.is_builtin("routine", draft.id) and catalogue.overrides_builtin(
        "routine", draft.id
    )
    assert not catalogue.overrides_builtin("routine", "four-step-upper-back")
    assert not catalogue.is_builtin("routine", "mine") and not catalogue.is_own("routine", "mine")


def test_steps_are_added_removed_and_moved() -> None:
    draft = builtin_routine()
    names = [step.exercise for step in draft.steps]
    added = add_step(draft, "sweatt-shrug", at=1)
    assert [s.exercise for s in added.steps] == [names[0], "sweatt-shrug", *names[1:]]
    assert [s.exercise for s in remove_step(added, 1).steps] == names
    moved, where = move_step(draft, 2, -1)
    assert where == 1 and [s.exercise for s in moved.steps][1:3] == [names[2], names[1]]
    assert move_step(draft, 0, -1) == (draft, 0)  # at the top it stays
    last = len(names) - 1
    assert move_step(draft, last, +1) == (draft, last)
    with pytest.raises(EditError, match="there is no step 9"):
        remove_step(draft, 8)


def test_a_step_dosage_is_overridden_field_by_field_and_cleared() -> None:
    draft = builtin_routine()  # step 2 is bench-stretch with sets 1, reps 10
    draft = set_step_dosage(draft, 2, "rest_seconds", 45)
    assert draft.steps[2].dosage == DosageDraft(sets=1, reps=10, rest_seconds=45)
    draft = set_step_dosage(draft, 2, "hold_seconds", 40)  # a hold replaces the reps
    assert draft.steps[2].dosage == DosageDraft(sets=1, hold_seconds=40, rest_seconds=45)
    draft = set_step_dosage(draft, 2, "sets", None)
    assert draft.steps[2].dosage == DosageDraft(hold_seconds=40, rest_seconds=45)
    routine = loads(put_routine(UserRoutines(), draft)).routine(draft.id)
    assert routine is not None
    dosage = routine.steps[2].dosage
    assert (dosage.sets, dosage.reps, dosage.hold_seconds, dosage.rest_seconds) == (2, None, 40, 45)
    cleared = clear_step_dosage(draft, 2)
    assert cleared.steps[2].dosage == DosageDraft() and "dosage" not in cleared.steps[2].to_data()
    with pytest.raises(KeyError):
        set_step_dosage(draft, 2, "colour", 1)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("sets", 3),
        ("reps", 12),
        ("hold_seconds", 20),
        ("per_side", True),
        ("rest_seconds", 0),
        ("switch_seconds", 8),
        ("tempo_seconds", 4),
        ("origin", DosageOrigin.SOURCE),
    ],
)
def test_every_dosage_field_can_be_overridden(name: str, value: object) -> None:
    draft = set_step_dosage(builtin_routine("roller-twister-warm-up"), 0, name, value)  # type: ignore[arg-type]
    routine = loads(put_routine(UserRoutines(), draft)).routine(draft.id)
    assert routine is not None and getattr(routine.steps[0].dosage, name) == value


def test_step_dosages_show_the_exercise_own_beside_the_step() -> None:
    draft = set_step_dosage(builtin_routine(), 2, "rest_seconds", 45)
    dosages = step_dosages(EMPTY, draft.steps[2])
    assert dosages is not None
    assert (dosages.own.sets, dosages.own.reps, dosages.own.rest_seconds) == (2, 8, 20)
    assert (dosages.effective.sets, dosages.effective.reps) == (1, 10)
    assert dosages.effective.rest_seconds == 45
    assert dosages.overridden == {"sets", "reps", "rest_seconds"}
    assert step_dosages(EMPTY, StepDraft("no-such-exercise")) is None


def test_a_step_note_is_set_and_cleared() -> None:
    draft = set_step_note(builtin_routine(), 0, "[b]gently[/b] \x1b[2J")
    assert draft.steps[0].note == "[b]gently[/b] \x1b[2J"  # stored literally
    assert set_step_note(draft, 0, "").steps[0].note is None


def test_put_routine_replaces_in_place_and_refuses_a_taken_id() -> None:
    one = add_step(new_routine(EMPTY, "One"), "sweatt-shrug")
    two = add_step(new_routine(EMPTY, "Two"), "bench-stretch")
    own = put_routine(put_routine(UserRoutines(), one), two)
    renamed = set_field(set_field(one, "id", "uno"), "name", "Uno")
    own = put_routine(own, renamed, replacing="one")
    assert [r.id for r in own.routines] == ["uno", "two"]
    with pytest.raises(EditError, match='already have a routine with the id "two"'):
        put_routine(own, set_field(renamed, "id", "two"), replacing="uno")
    with pytest.raises(EditError):
        put_routine(own, two)  # a second "two"


def test_deleting_a_routine_can_be_undone_in_its_place() -> None:
    routines = [add_step(new_routine(EMPTY, name), "sweatt-shrug") for name in ("A", "B", "C")]
    own = UserRoutines(routines=tuple(routines))
    smaller, deleted = delete_routine(own, "b")
    assert [r.id for r in smaller.routines] == ["a", "c"]
    assert restore(smaller, deleted) == own
    with pytest.raises(EditError, match="have one with that id now"):
        restore(own, deleted)
    with pytest.raises(EditError, match='no routine of yours with the id "b"'):
        delete_routine(smaller, "b")
    with pytest.raises(EditError, match="no routine of yours"):
        delete_routine(own, "roller-twister-warm-up")  # built-ins can't be deleted


def test_an_exercise_a_routine_uses_can_not_be_deleted_and_says_which() -> None:
    exercise = set_field(new_exercise(EMPTY, "Wall Slide"), "summary", "Slide")
    routine = add_step(new_routine(EMPTY, "Slides"), exercise.id)
    own = put_routine(put_exercise(UserRoutines(), exercise), routine)
    with pytest.raises(
        EditError, match=r'"wall-slide" can\'t be deleted: routine "Slides" \(slides\) uses it'
    ):
        delete_exercise(own, "wall-slide")
    assert OwnCatalogue(BASE, own).used_by("wall-slide") == (routine,)
    without, _ = delete_routine(own, "slides")
    smaller, deleted = delete_exercise(without, "wall-slide")
    assert smaller.exercises == () and restore(smaller, deleted) == without


def test_an_used_exercise_keeps_its_id() -> None:
    exercise = new_exercise(EMPTY, "Wall Slide")
    own = put_routine(
        put_exercise(UserRoutines(), exercise), add_step(new_routine(EMPTY), exercise.id)
    )
    with pytest.raises(EditError, match="can't change"):
        put_exercise(own, set_field(exercise, "id", "slides"), replacing=exercise.id)
    renamed = put_exercise(own, set_field(exercise, "name", "Slides"), replacing=exercise.id)
    assert renamed.exercises[0].name == "Slides"


def test_a_duplicated_library_exercise_keeps_its_licence_in_the_note() -> None:
    exercise = BASE.exercises[0]
    licensed = exercise._replace(
        source=exercise.source._replace(note=None, license="CC-BY-SA 4", license_url="https://x")
    )
    draft = duplicate_exercise(EMPTY, licensed)
    assert draft.source.note == "Licence: CC-BY-SA 4 (https://x)"
    assert draft.id == "thoracic-spine-roller-twisters-copy"


def test_the_catalogue_domain_never_imports_textual_or_rich() -> None:
    code = (
        "import pkgutil, sys, tui.catalogue, tui.cli_start\n"
        "for module in pkgutil.iter_modules(tui.catalogue.__path__, 'tui.catalogue.'):\n"
        "    __import__(module.name)\n"
        "ui = ('textual', 'rich')\n"
        "print(len(sys.modules), sorted(m for m in sys.modules if m.split('.')[0] in ui))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split(" ", 1)[1].strip() == "[]"
