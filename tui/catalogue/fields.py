"""Checking what a person types into an editor, field by field, with the loader's own rules.

An editor calls `field_problem` on every keystroke and shows the message beside the field;
when it is None, `field_value` gives the value to store in the draft. The messages are the
loader's (`must be at most 50, got 80`), so the editor and `loosen check` never disagree.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Mapping

from tui.catalogue.drafts import ExerciseDraft, RoutineDraft
from tui.catalogue.editing import EditError, OwnCatalogue, put_exercise, put_routine
from tui.catalogue.loader import (
    DOSAGE_BOUNDS,
    REST_BETWEEN_BOUNDS,
    check_value,
    describe,
    did_you_mean,
    problems_by_path,
)
from tui.untrusted import UntrustedFileError, parse_json

INTEGER_FIELDS: dict[str, tuple[int, int]] = {
    **DOSAGE_BOUNDS,
    "rest_between_exercises_seconds": REST_BETWEEN_BOUNDS,
}
"""Fields typed as whole numbers, and their bounds."""
TEXT_FIELDS = (
    "name",
    "summary",
    "who",
    "why",
    "frequency",
    "region",
    "text",
    "title",
    "equipment",
)
"""Required text: a name, a cue's text, one item of equipment..."""
OPTIONAL_TEXT_FIELDS = ("author", "note")
"""Text that may be left empty, meaning none."""
_WHOLE_NUMBER = re.compile(r"\s*-?[0-9]{1,20}\s*")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _not_unicode(text: str) -> str | None:
    """The strict reader's words for text no file can hold (a lone surrogate), or None."""
    if not _SURROGATE.search(text):
        return None
    try:
        parse_json(json.dumps(text), label="")
    except UntrustedFileError as error:
        return str(error).removeprefix(": ")
    return None


def _number(text: str) -> int | str:
    return int(text) if _WHOLE_NUMBER.fullmatch(text) else text


def field_problem(
    name: str,
    text: str,
    *,
    required: bool = True,
    taken: Mapping[str, str] | None = None,
    exercises: Collection[str] | None = None,
) -> str | None:
    """The loader's message for `text` typed into field `name`, or None when it is fine.

    `required=False` for fields that may be left empty (a step's dosage override: empty
    means the exercise's own). `taken` maps ids already used to where ("routines[2]"), for
    "id"; `exercises` are the ids a step may use, for "exercise".
    """
    if name in INTEGER_FIELDS:
        low, high = INTEGER_FIELDS[name]
        if not text.strip() and not required:
            return None
        value = {name: _number(text)} if text.strip() else {}
        return check_value(
            lambda reader: reader.integer(value, "", name, minimum=low, maximum=high)
        )
    if name in OPTIONAL_TEXT_FIELDS or (name in TEXT_FIELDS and not required and not text):
        return _not_unicode(text)
    if name in TEXT_FIELDS:
        problem = check_value(lambda reader: reader.string({name: text}, "", name))
        return problem or _not_unicode(text)
    if name == "id":
        seen = dict(taken or {})
        return check_value(lambda reader: reader.identifier({"id": text}, "", seen))
    if name == "exercise":
        known = exercises or ()
        if text in known:
            return None
        return f"unknown exercise {describe(text)}{did_you_mean(text, known)}"
    raise KeyError(name)


def field_value(name: str, text: str) -> int | str | None:
    """The value to store for text that passed `field_problem`: a number, the text, or None.

    Text is stored exactly as typed (never stripped or changed); empty means not given.
    """
    if name in INTEGER_FIELDS:
        return int(text) if text.strip() else None
    if name in OPTIONAL_TEXT_FIELDS and not text:
        return None
    return text


def _relative(problems: list[tuple[str, str]], prefix: str) -> list[tuple[str, str]]:
    found = []
    for path, message in problems:
        if path == prefix:
            found.append(("", message))
        elif path.startswith((f"{prefix}.", f"{prefix}[")):
            found.append((path.removeprefix(prefix).removeprefix("."), message))
    return found


def routine_problems(
    catalogue: OwnCatalogue, draft: RoutineDraft, *, replacing: str | None = None
) -> list[tuple[str, str]]:
    """Every problem the loader would find in this routine, as (path inside it, message).

    Paths read `steps[1].dosage.sets`; "" is the routine itself. Empty when it can be saved.
    """
    try:
        own = put_routine(catalogue.own, draft, replacing=replacing)
    except EditError as error:
        return [("id", str(error))]
    index = [routine.id for routine in own.routines].index(draft.id)
    problems = problems_by_path(own.to_data(), "routines", base=catalogue.base)
    return _relative(problems, f"routines[{index}]")


def exercise_problems(
    catalogue: OwnCatalogue, draft: ExerciseDraft, *, replacing: str | None = None
) -> list[tuple[str, str]]:
    """Every problem the loader would find in this exercise, as (path inside it, message)."""
    try:
        own = put_exercise(catalogue.own, draft, replacing=replacing)
    except EditError as error:
        return [("id", str(error))]
    index = [exercise.id for exercise in own.exercises].index(draft.id)
    problems = problems_by_path(own.to_data(), "exercises", base=catalogue.base)
    return _relative(problems, f"exercises[{index}]")
