"""Routine edits: new, duplicate, steps added, removed, moved and given their own dosage.

Pure functions from one `RoutineDraft` to the next; see `tui.catalogue.editing`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, NamedTuple

from tui.catalogue.drafts import ALTERNATIVES, DosageDraft, DosageValue, RoutineDraft, StepDraft
from tui.catalogue.editing import (
    EditError,
    OwnCatalogue,
    checked_index,
    copy_name,
    fresh_id,
    moved,
    put_routine,
)
from tui.catalogue.loader import merge, usable_part
from tui.catalogue.model import Catalogue, Dosage, Routine


def new_routine(catalogue: OwnCatalogue, name: str = "My routine") -> RoutineDraft:
    """An empty routine with a fresh id from its name (it needs a step before it is saved)."""
    routine_id = fresh_id(name, catalogue.taken_ids("routine"), "routine")
    return RoutineDraft(id=routine_id, name=name, summary=name)


def duplicate_routine(catalogue: OwnCatalogue, routine: Routine) -> RoutineDraft:
    """Any routine, built-in or own, as the start of a new one with its own fresh id."""
    name = copy_name(routine.name)
    routine_id = fresh_id(name, catalogue.taken_ids("routine"), "routine")
    return replace(RoutineDraft.from_routine(routine), id=routine_id, name=name)


def override_routine(routine: Routine) -> RoutineDraft:
    """A routine as an own one with the same id: saved, it replaces a built-in one."""
    return RoutineDraft.from_routine(routine)


def add_step(draft: RoutineDraft, exercise_id: str, at: int | None = None) -> RoutineDraft:
    """The routine with a step of this exercise, at the end or before step `at`."""
    steps = list(draft.steps)
    steps.insert(len(steps) if at is None else at, StepDraft(exercise=exercise_id))
    return replace(draft, steps=tuple(steps))


def remove_step(draft: RoutineDraft, index: int) -> RoutineDraft:
    """The routine without step `index` (from 0)."""
    checked_index(draft.steps, index, "step")
    return replace(draft, steps=draft.steps[:index] + draft.steps[index + 1 :])


def move_step(draft: RoutineDraft, index: int, offset: int) -> tuple[RoutineDraft, int]:
    """Step `index` moved up (offset -1) or down (+1), stopping at the ends; and where it is."""
    checked_index(draft.steps, index, "step")
    steps, target = moved(draft.steps, index, offset)
    return replace(draft, steps=steps), target


def _with_step(draft: RoutineDraft, index: int, step: StepDraft) -> RoutineDraft:
    return replace(draft, steps=(*draft.steps[:index], step, *draft.steps[index + 1 :]))


def set_step_dosage(
    draft: RoutineDraft, index: int, name: str, value: DosageValue | None
) -> RoutineDraft:
    """Step `index` with one dosage field overridden (None: back to the exercise's own)."""
    checked_index(draft.steps, index, "step")
    step = draft.steps[index]
    return _with_step(draft, index, replace(step, dosage=step.dosage.with_field(name, value)))


def clear_step_dosage(draft: RoutineDraft, index: int) -> RoutineDraft:
    """Step `index` back to the exercise's own dosage in every field."""
    checked_index(draft.steps, index, "step")
    return _with_step(draft, index, replace(draft.steps[index], dosage=DosageDraft()))


def set_step_note(draft: RoutineDraft, index: int, note: str | None) -> RoutineDraft:
    """Step `index` with a note shown during it (None or '': no note)."""
    checked_index(draft.steps, index, "step")
    return _with_step(draft, index, replace(draft.steps[index], note=note or None))


class StepDosages(NamedTuple):
    """A step's dosage as the builder shows it: the exercise's own beside the step's."""

    own: Dosage
    """The exercise's own dosage."""
    effective: Dosage
    """What the step asks for: the exercise's own with the step's overrides."""
    overridden: frozenset[str]
    """The fields the step changes."""


def step_dosages(catalogue: OwnCatalogue, step: StepDraft) -> StepDosages | None:
    """The exercise's own dosage and the step's, or None if the exercise is unknown or unsaved."""
    exercise = preview_catalogue(catalogue).exercise(step.exercise)
    if exercise is None:
        return None
    given = step.dosage.given()
    changes: dict[str, Any] = dict(given)
    for name, other in ALTERNATIVES.items():
        if name in given:
            changes[other] = None
    return StepDosages(
        own=exercise.dosage,
        effective=exercise.dosage._replace(**changes),
        overridden=frozenset(step.dosage.given()),
    )


def preview_catalogue(catalogue: OwnCatalogue) -> Catalogue:
    """The catalogue as loosen would load it with the user's file as it stands in `catalogue`."""
    part = usable_part(catalogue.own.to_data(), "preview", base=catalogue.base)
    return merge(catalogue.base, part.catalogue)


def preview_routine(
    catalogue: OwnCatalogue, draft: RoutineDraft, *, replacing: str | None = None
) -> Routine | None:
    """The routine a draft makes, ready to time or to start; None while it has problems."""
    try:
        own = put_routine(catalogue.own, draft, replacing=replacing)
    except EditError:
        return None
    part = usable_part(own.to_data(), "preview", base=catalogue.base)
    return part.catalogue.routine(draft.id)
