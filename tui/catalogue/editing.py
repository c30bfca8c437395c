"""Building and changing routines and exercises: pure functions from one draft to the next.

Nothing here reads or writes a file (`tui.catalogue.user_file` does) or checks values (the
loader does, through `tui.catalogue.fields`). Edits that can't be made at all, such as
deleting an exercise a routine still uses, raise `EditError` with one line saying why.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, fields, replace
from typing import Any, Literal, TypeVar

from tui.catalogue.drafts import (
    ExerciseDraft,
    RoutineDraft,
    SourceDraft,
    StepDraft,
    UserRoutines,
)
from tui.catalogue.model import Catalogue

Kind = Literal["routine", "exercise"]
D = TypeVar("D", RoutineDraft, ExerciseDraft, StepDraft, SourceDraft)
T = TypeVar("T")
MAX_ID_LENGTH = 48
"""Ids made from names are cut to this length (a name can be a sentence)."""


class EditError(ValueError):
    """An edit that can't be made; the message is one line for the person."""


# --- ids ---------------------------------------------------------------------------------


def slug(name: str) -> str:
    """An id made from a name: 'Morning Twists!' -> 'morning-twists' ('' if nothing is left)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return words[:MAX_ID_LENGTH].rstrip("-")


def fresh_id(name: str, taken: set[str], fallback: str) -> str:
    """An id from the name that is not taken: 'twists', else 'twists-2', 'twists-3'..."""
    stem = slug(name) or fallback
    if stem not in taken:
        return stem
    number = 2
    while f"{stem}-{number}" in taken:
        number += 1
    return f"{stem}-{number}"


def copy_name(name: str) -> str:
    """The name a duplicate starts with."""
    return f"{name} (copy)"


# --- the catalogue being edited -----------------------------------------------------------


@dataclass(frozen=True)
class OwnCatalogue:
    """The built-in catalogue (with the library) and the user's own file, as editors see them."""

    base: Catalogue
    own: UserRoutines

    def _base_ids(self, kind: Kind) -> set[str]:
        entries = self.base.routines if kind == "routine" else self.base.exercises
        return {entry.id for entry in entries}

    def _own_ids(self, kind: Kind) -> list[str]:
        entries = self.own.routines if kind == "routine" else self.own.exercises
        return [entry.id for entry in entries]

    def is_builtin(self, kind: Kind, entry_id: str) -> bool:
        """Whether loosen itself (or the library) has a routine or exercise with this id."""
        return entry_id in self._base_ids(kind)

    def is_own(self, kind: Kind, entry_id: str) -> bool:
        """Whether the user's file has a routine or exercise with this id."""
        return entry_id in self._own_ids(kind)

    def overrides_builtin(self, kind: Kind, entry_id: str) -> bool:
        """Whether the user's entry with this id replaces a built-in one (which then can't show)."""
        return self.is_own(kind, entry_id) and self.is_builtin(kind, entry_id)

    def taken_ids(self, kind: Kind) -> set[str]:
        """Every id in use for this kind, built-in or own: a new entry needs another."""
        return self._base_ids(kind) | set(self._own_ids(kind))

    def own_ids(self, kind: Kind) -> dict[str, str]:
        """The ids of the user's entries and where each is in the file ('routines[2]')."""
        return {entry_id: f"{kind}s[{i}]" for i, entry_id in enumerate(self._own_ids(kind))}

    def exercise_ids(self) -> set[str]:
        """Every exercise id a routine of the user's may use."""
        return self.taken_ids("exercise")

    def used_by(self, exercise_id: str) -> tuple[RoutineDraft, ...]:
        """The user's routines with a step that uses this exercise."""
        return tuple(
            routine
            for routine in self.own.routines
            if any(step.exercise == exercise_id for step in routine.steps)
        )


# --- shared by the editors ------------------------------------------------------------


def checked_index(items: tuple[object, ...], index: int, what: str) -> None:
    """Raise `EditError` unless `index` is a place in `items` (a step, a cue)."""
    if not 0 <= index < len(items):
        raise EditError(f"there is no {what} {index + 1} (there are {len(items)})")


def moved(items: tuple[T, ...], index: int, offset: int) -> tuple[tuple[T, ...], int]:
    """`items` with one moved by `offset` places, stopping at the ends; and where it went."""
    reordered = list(items)
    target = max(0, min(len(items) - 1, index + offset))
    reordered.insert(target, reordered.pop(index))
    return tuple(reordered), target


def set_field(draft: D, name: str, value: Any) -> D:
    """A draft with one plain field changed: a name, a summary, who, why, the rest between..."""
    if name not in {f.name for f in fields(draft)}:
        raise KeyError(name)
    return replace(draft, **{name: value})


# --- the file -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Deleted:
    """A routine or exercise taken out of the user's file, kept so it can be put back."""

    kind: Kind
    index: int
    entry: RoutineDraft | ExerciseDraft


def _taken_by_another(ids: list[str], entry_id: str, replacing: str | None) -> bool:
    return entry_id in ids and entry_id != replacing


def put_routine(
    own: UserRoutines, draft: RoutineDraft, *, replacing: str | None = None
) -> UserRoutines:
    """The file with this routine saved: in the place of `replacing` if it is there, else last."""
    ids = [routine.id for routine in own.routines]
    if _taken_by_another(ids, draft.id, replacing):
        raise EditError(f'you already have a routine with the id "{draft.id}"')
    routines = list(own.routines)
    if replacing in ids:
        routines[ids.index(replacing)] = draft
    else:
        routines.append(draft)
    return replace(own, routines=tuple(routines))


def _user_names(routines: tuple[RoutineDraft, ...]) -> str:
    return ", ".join(f'"{routine.name}" ({routine.id})' for routine in routines)


def put_exercise(
    own: UserRoutines, draft: ExerciseDraft, *, replacing: str | None = None
) -> UserRoutines:
    """The file with this exercise saved: in the place of `replacing` if it is there, else last.

    An exercise's id can't change while a routine of the user's uses it.
    """
    ids = [exercise.id for exercise in own.exercises]
    if _taken_by_another(ids, draft.id, replacing):
        raise EditError(f'you already have an exercise with the id "{draft.id}"')
    exercises = list(own.exercises)
    if replacing in ids:
        users = OwnCatalogue(Catalogue(), own).used_by(replacing or "")
        if draft.id != replacing and users:
            raise EditError(
                f'the id of "{replacing}" can\'t change: routine {_user_names(users)} uses it'
            )
        exercises[ids.index(replacing)] = draft
    else:
        exercises.append(draft)
    return replace(own, exercises=tuple(exercises))


def delete_routine(own: UserRoutines, routine_id: str) -> tuple[UserRoutines, Deleted]:
    """The file without this routine of the user's, and what was taken out."""
    ids = [routine.id for routine in own.routines]
    if routine_id not in ids:
        raise EditError(f'there is no routine of yours with the id "{routine_id}"')
    index = ids.index(routine_id)
    deleted = Deleted("routine", index, own.routines[index])
    return replace(own, routines=own.routines[:index] + own.routines[index + 1 :]), deleted


def delete_exercise(own: UserRoutines, exercise_id: str) -> tuple[UserRoutines, Deleted]:
    """The file without this exercise of the user's; refused while a routine uses it."""
    ids = [exercise.id for exercise in own.exercises]
    if exercise_id not in ids:
        raise EditError(f'there is no exercise of yours with the id "{exercise_id}"')
    users = OwnCatalogue(Catalogue(), own).used_by(exercise_id)
    if users:
        raise EditError(f'"{exercise_id}" can\'t be deleted: routine {_user_names(users)} uses it')
    index = ids.index(exercise_id)
    deleted = Deleted("exercise", index, own.exercises[index])
    return replace(own, exercises=own.exercises[:index] + own.exercises[index + 1 :]), deleted


def restore(own: UserRoutines, deleted: Deleted) -> UserRoutines:
    """The file with a deleted entry back where it was (or last); refused if its id is in use."""
    entries: tuple[RoutineDraft | ExerciseDraft, ...]
    entries = own.routines if deleted.kind == "routine" else own.exercises
    if any(entry.id == deleted.entry.id for entry in entries):
        raise EditError(
            f'can\'t put back {deleted.kind} "{deleted.entry.id}": you have one with that id now'
        )
    restored = list(entries)
    restored.insert(min(deleted.index, len(restored)), deleted.entry)
    if deleted.kind == "routine":
        return replace(own, routines=tuple(restored))  # type: ignore[arg-type]
    return replace(own, exercises=tuple(restored))  # type: ignore[arg-type]
