"""Values as an editor shows and reads them: numbers as digits, per side as yes or no.

`tui.catalogue.fields` checks text fields and whole numbers; this adds the fields an
editor types as words (per side, a cue's kind, an exercise's kind), checked by the
loader's own rules so its words are the ones `loosen check` would use.
"""

from __future__ import annotations

from tui.catalogue.drafts import DosageValue
from tui.catalogue.fields import field_problem, field_value
from tui.catalogue.loader import check_value
from tui.catalogue.model import CueKind, DosageOrigin, ExerciseKind

EDITED_DOSAGE = ("sets", "reps", "hold_seconds", "per_side", "rest_seconds", "switch_seconds")
"""The dosage fields the editors offer, in the format's order."""
DOSAGE_LABELS = {
    "sets": "Sets",
    "reps": "Reps",
    "hold_seconds": "Hold s",
    "per_side": "Per side",
    "rest_seconds": "Rest s",
    "switch_seconds": "Switch s",
}
"""What each dosage field is called beside its box."""
YES = ("yes", "y", "true")
NO = ("no", "n", "false")


def shown(value: DosageValue | None) -> str:
    """A value as its box shows it: '' for not given, 'yes'/'no' for per side."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, DosageOrigin):
        return value.value
    return str(value)


def _per_side(text: str) -> bool | str:
    word = text.strip().lower()
    if word in YES:
        return True
    if word in NO:
        return False
    return text


def dosage_problem(name: str, text: str, *, required: bool = False) -> str | None:
    """The loader's message for text typed as dosage field `name`, or None when it is fine.

    Empty means not given (the exercise's own, or the format's default) unless `required`.
    """
    if name != "per_side":
        return field_problem(name, text, required=required)
    if not text.strip():
        return None
    value = {"per_side": _per_side(text)}
    return check_value(lambda reader: reader.boolean(value, "", "per_side"))


def dosage_value(name: str, text: str) -> DosageValue | None:
    """The value of text that passed `dosage_problem` (None: not given)."""
    if name == "per_side":
        value = _per_side(text) if text.strip() else None
        return value if isinstance(value, bool) else None
    number = field_value(name, text)
    return number if isinstance(number, int) else None


def cue_kind_problem(text: str) -> str | None:
    """The loader's message for a cue's kind that is not one of the five, or None."""
    return check_value(lambda reader: reader.choice({"kind": text}, "", "kind", CueKind))


def exercise_kind_problem(text: str) -> str | None:
    """The loader's message for an exercise's kind that is not one of the three, or None."""
    return check_value(lambda reader: reader.choice({"kind": text}, "", "kind", ExerciseKind))
