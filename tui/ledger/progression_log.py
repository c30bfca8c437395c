"""Accepting a progression, and undoing it: the routine step's dosage in the user's file,
and a small log of the changes (a setting in the data dir) to undo them and to know since
when a step has had its dosage.

Why a log in the settings rather than the step's note: a note is shown during the session,
and the routines file is the person's to edit by hand; the log holds what only loosen
needs (the dosage before, and when), and lives with the history it is judged against.

Order of writes: on accepting, the log entry is kept first, then the routines file (a kill
in between leaves an entry whose undo changes nothing, never a change with no way back);
on undoing, the file first, then the entry is marked undone.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Final

from tui.catalogue.drafts import DosageValue, RoutineDraft, UserRoutines
from tui.catalogue.editing import EditError, put_routine
from tui.catalogue.routine_edits import override_routine, set_step_dosage
from tui.catalogue.user_file import Saved, UserRoutinesFile
from tui.ledger.progression import StepKey, Suggestion
from tui.settings import SettingsStore

LOG_SETTING: Final = "progression_log"
LOG_KEEP: Final = 100
"""How many changes the log keeps (the oldest go first)."""
_CHANGED_FIELDS = ("sets", "reps", "hold_seconds")


@dataclass(frozen=True)
class Change:
    """One accepted suggestion: which step, what it was and became, when; undone or not."""

    at: str
    routine_id: str
    step: int
    exercise_id: str
    words: str
    """'+2 reps for Bench Stretch', for the person."""
    before: dict[str, int | None]
    """The step's own value of each changed field before (None: the exercise's own)."""
    after: dict[str, int]
    undone_at: str | None = None

    def to_data(self) -> dict[str, Any]:
        """The change as the setting stores it."""
        return {
            "at": self.at,
            "routine_id": self.routine_id,
            "step": self.step,
            "exercise_id": self.exercise_id,
            "words": self.words,
            "before": dict(self.before),
            "after": dict(self.after),
            "undone_at": self.undone_at,
        }


def _int(value: object) -> bool:
    return type(value) is int and 0 <= value <= 3600


def _change(data: object) -> Change | None:
    """A change from stored data, or None when it is not shaped as one."""
    if not isinstance(data, dict):
        return None
    texts = ("at", "routine_id", "exercise_id", "words")
    before, after = data.get("before"), data.get("after")
    ok = (
        all(isinstance(data.get(name), str) for name in texts)
        and _int(data.get("step"))
        and isinstance(before, dict)
        and isinstance(after, dict)
        and after
        and set(before) == set(after) <= set(_CHANGED_FIELDS)
        and all(value is None or _int(value) for value in before.values())
        and all(_int(value) for value in after.values())
        and (data.get("undone_at") is None or isinstance(data.get("undone_at"), str))
    )
    if not ok:
        return None
    try:
        for stamp in (data["at"], data.get("undone_at")):
            if stamp is not None and datetime.fromisoformat(stamp).tzinfo is None:
                return None  # a time without its offset can't be compared with sessions'
    except ValueError:
        return None
    return Change(
        at=data["at"],
        routine_id=data["routine_id"],
        step=data["step"],
        exercise_id=data["exercise_id"],
        words=data["words"],
        before=dict(before),  # type: ignore[arg-type]
        after=dict(after),  # type: ignore[arg-type]
        undone_at=data.get("undone_at"),
    )


@dataclass(frozen=True)
class Log:
    """The changes, oldest first, and how many stored entries could not be read."""

    changes: tuple[Change, ...]
    unreadable: int = 0

    def since(self) -> dict[StepKey, datetime]:
        """For each step, when its dosage last changed through loosen (accepted or undone)."""
        stamps: dict[StepKey, datetime] = {}
        for change in self.changes:
            for stamp in (change.at, change.undone_at):
                if stamp is None:
                    continue
                when = datetime.fromisoformat(stamp)
                key = (change.routine_id, change.step)
                if key not in stamps or when > stamps[key]:
                    stamps[key] = when
        return stamps

    def last_active(self) -> Change | None:
        """The newest change not undone: what undo takes back."""
        return next((c for c in reversed(self.changes) if c.undone_at is None), None)

    def active_for(self, routine_id: str, step: int) -> Change | None:
        """The newest change of this step not undone."""
        return next(
            (
                c
                for c in reversed(self.changes)
                if c.undone_at is None and (c.routine_id, c.step) == (routine_id, step)
            ),
            None,
        )


def read_log(store: SettingsStore) -> Log:
    """The log as stored; entries not shaped as changes are left out (and counted)."""
    nothing: list[object] = []
    stored = store.get_setting(LOG_SETTING, nothing)
    changes = [_change(item) for item in stored]
    kept = tuple(change for change in changes if change is not None)
    return Log(kept, len(changes) - len(kept))


def _write_log(store: SettingsStore, changes: tuple[Change, ...]) -> None:
    store.set_setting(LOG_SETTING, [change.to_data() for change in changes[-LOG_KEEP:]])


def _own_draft(own: UserRoutines, file: UserRoutinesFile, routine_id: str) -> RoutineDraft:
    draft = own.routine(routine_id)
    if draft is not None:
        return draft
    routine = file.base.routine(routine_id)
    if routine is None:
        raise EditError(f'there is no routine "{routine_id}" any more')
    return override_routine(routine)


def _checked_step(draft: RoutineDraft, step: int, exercise_id: str) -> None:
    if step >= len(draft.steps) or draft.steps[step].exercise != exercise_id:
        raise EditError(f"{draft.name} has changed since; step {step + 1} is not the same exercise")


def _with_values(draft: RoutineDraft, step: int, values: Mapping[str, DosageValue | None]) -> Any:
    for name, value in values.items():
        draft = set_step_dosage(draft, step, name, value)
    return draft


def accept(
    suggestion: Suggestion,
    file: UserRoutinesFile,
    store: SettingsStore,
    now: Callable[[], datetime],
) -> tuple[Change, Saved]:
    """Give the step the suggested dosage in the user's file, and log it (for undo).

    Raises the file's errors (`UserFileError`, `EditError`) and the store's; on a file
    error the log entry is taken out again.
    """
    log = read_log(store)
    made: list[Change] = []

    def edit(own: UserRoutines) -> UserRoutines:
        draft = _own_draft(own, file, suggestion.routine_id)
        _checked_step(draft, suggestion.step, suggestion.exercise_id)
        given = draft.steps[suggestion.step].dosage
        after = dict(suggestion.changes)
        before = {name: getattr(given, name) for name in after}
        change = Change(
            at=now().isoformat(timespec="seconds"),
            routine_id=suggestion.routine_id,
            step=suggestion.step,
            exercise_id=suggestion.exercise_id,
            words=f"{suggestion.change_words()} for {suggestion.exercise_name}",
            before=before,
            after=after,
        )
        _write_log(store, (*log.changes, change))  # first: see the module's docstring
        made.append(change)
        changed = _with_values(draft, suggestion.step, after)
        return put_routine(own, changed, replacing=suggestion.routine_id)

    try:
        saved = file.save(edit)
    except BaseException:
        if made:
            _write_log(store, log.changes)
        raise
    return made[0], saved


def undo_last(
    file: UserRoutinesFile, store: SettingsStore, now: Callable[[], datetime]
) -> tuple[Change, Saved]:
    """Put the step of the newest change not yet undone back as it was; raises EditError
    when there is none, or when the step was changed by hand since."""
    log = read_log(store)
    change = log.last_active()
    if change is None:
        raise EditError("no accepted suggestion to undo")

    def edit(own: UserRoutines) -> UserRoutines:
        draft = own.routine(change.routine_id)
        if draft is None:
            raise EditError(f'your routine "{change.routine_id}" is gone; nothing to undo')
        _checked_step(draft, change.step, change.exercise_id)
        given = draft.steps[change.step].dosage
        if any(getattr(given, name) != value for name, value in change.after.items()):
            raise EditError(
                f"step {change.step + 1} of {draft.name} was changed since; nothing was undone"
            )
        restored = _with_values(draft, change.step, change.before)
        return put_routine(own, restored, replacing=change.routine_id)

    saved = file.save(edit)
    undone = replace(change, undone_at=now().isoformat(timespec="seconds"))
    _write_log(store, tuple(undone if c is change else c for c in log.changes))
    return undone, saved
