"""Exercise edits: new, duplicate, dosage, and the cue list (add, edit, delete, reorder).

Pure functions from one `ExerciseDraft` to the next; see `tui.catalogue.editing`.
"""

from __future__ import annotations

from dataclasses import replace

from tui.catalogue.drafts import CueDraft, DosageDraft, DosageValue, ExerciseDraft, SourceDraft
from tui.catalogue.editing import OwnCatalogue, checked_index, copy_name, fresh_id, moved
from tui.catalogue.model import CueKind, DosageOrigin, Exercise, ExerciseKind


def new_exercise(catalogue: OwnCatalogue, name: str = "My exercise") -> ExerciseDraft:
    """A new exercise of the user's: a fresh id, 2 sets of 10 reps, fields left to fill in."""
    return ExerciseDraft(
        id=fresh_id(name, catalogue.taken_ids("exercise"), "exercise"),
        name=name,
        summary="",
        cues=(),
        dosage=DosageDraft(sets=2, reps=10, origin=DosageOrigin.LOOSEN),
        equipment=(),
        who="",
        why="",
        frequency="As part of your warm-up",
        region="upper back",
        kind=ExerciseKind.MOBILITY,
        source=SourceDraft(title="My own notes"),
    )


def duplicate_exercise(catalogue: OwnCatalogue, exercise: Exercise) -> ExerciseDraft:
    """Any exercise (built-in, library or own) as the start of the user's own, with a fresh id."""
    name = copy_name(exercise.name)
    exercise_id = fresh_id(name, catalogue.taken_ids("exercise"), "exercise")
    return replace(ExerciseDraft.from_exercise(exercise), id=exercise_id, name=name)


def override_exercise(exercise: Exercise) -> ExerciseDraft:
    """An exercise as an own one with the same id: saved, it replaces the built-in everywhere."""
    return ExerciseDraft.from_exercise(exercise)


def set_exercise_dosage(
    draft: ExerciseDraft, name: str, value: DosageValue | None
) -> ExerciseDraft:
    """The exercise with one dosage field set (None: not given, so its default)."""
    return replace(draft, dosage=draft.dosage.with_field(name, value))


def add_cue(draft: ExerciseDraft, kind: CueKind, text: str, at: int | None = None) -> ExerciseDraft:
    """The exercise with a cue added at the end, or before cue `at`."""
    cues = list(draft.cues)
    cues.insert(len(cues) if at is None else at, CueDraft(kind, text))
    return replace(draft, cues=tuple(cues))


def edit_cue(
    draft: ExerciseDraft, index: int, *, kind: CueKind | None = None, text: str | None = None
) -> ExerciseDraft:
    """The exercise with cue `index` given a new kind or text."""
    checked_index(draft.cues, index, "cue")
    old = draft.cues[index]
    cue = CueDraft(kind or old.kind, old.text if text is None else text)
    return replace(draft, cues=(*draft.cues[:index], cue, *draft.cues[index + 1 :]))


def delete_cue(draft: ExerciseDraft, index: int) -> ExerciseDraft:
    """The exercise without cue `index`."""
    checked_index(draft.cues, index, "cue")
    return replace(draft, cues=draft.cues[:index] + draft.cues[index + 1 :])


def move_cue(draft: ExerciseDraft, index: int, offset: int) -> tuple[ExerciseDraft, int]:
    """Cue `index` moved up (-1) or down (+1), stopping at the ends; and where it is now."""
    checked_index(draft.cues, index, "cue")
    cues, target = moved(draft.cues, index, offset)
    return replace(draft, cues=cues), target


def parse_list(text: str) -> tuple[str, ...]:
    """Comma-separated words as a list ('foam roller, band' -> two items)."""
    return tuple(item.strip() for item in text.split(",") if item.strip())
