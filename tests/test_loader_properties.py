"""Generated hostile routines files: a clean one-line-per-problem refusal, or a usable catalogue.

Starting from the real routines.json, each example mutates types, values, nesting, strings
(markup, every C0/C1 control, lone surrogates, very long), numbers (huge, NaN, floats for
integers, 1.0 for 1, booleans) and keys (unknown, duplicated), then may damage the bytes.
Anything but `CatalogueError` (or a catalogue that cannot be shown, saved and re-read)
fails.
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, event, given, settings

from tests.hostile import hostile_files
from tui.catalogue.loader import CatalogueError, merge, parse_catalogue
from tui.catalogue.model import Routine
from tui.catalogue.serialize import routine_from_data, routine_to_data
from tui.catalogue.sources import builtin_routines_file, load_catalogue
from tui.catalogue.timing import routine_minutes
from tui.text import printable

LABEL = "my routines.json"
REAL = json.loads(builtin_routines_file().read_text(encoding="utf-8"))
BUILTIN = load_catalogue(builtin_routines_file())
KINDS = (
    "invalid JSON",
    "not UTF-8",
    "duplicate key",
    "nested more",
    "surrogate",
    "too long",
    "JSON allows",
    "out of range",
    "unknown field",
    "unknown exercise",
    "missing field",
    "may hold only",
    "duplicate id",
    "expected",
)
EXAMPLES = settings(
    derandomize=True,
    database=None,
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def assert_clean_refusal(error: CatalogueError) -> None:
    assert error.problems
    for line in error.problems:
        assert line.startswith(f"{LABEL}: ")
        assert "\n" not in line and "\r" not in line
    event(f"refused: {_kind(error.problems[0])}")


def _kind(line: str) -> str:
    return next((kind for kind in KINDS if kind in line), "other")


def plan(routine: Routine) -> tuple[object, ...]:
    """What a session follows: the routine's text and each step's exercise, dosage and note."""
    steps = tuple((step.exercise, step.dosage, step.note) for step in routine.steps)
    return (routine.id, routine.name, routine.summary, routine.source, steps)


def assert_usable(raw: bytes) -> None:
    catalogue, _ = parse_catalogue(raw, LABEL, base=BUILTIN)
    event("accepted")
    for routine in merge(BUILTIN, catalogue).routines:
        printable(routine.name)
        routine_minutes(routine)
        saved = json.dumps(routine_to_data(routine), ensure_ascii=False).encode("utf-8")
        assert plan(routine_from_data(json.loads(saved), "saved")) == plan(routine)
    for exercise in catalogue.exercises:
        json.dumps([exercise.name, exercise.summary, exercise.who, exercise.why]).encode("utf-8")


@EXAMPLES
@given(hostile_files(REAL))
def test_a_mutated_routines_file_is_refused_cleanly_or_usable(raw: bytes) -> None:
    try:
        assert_usable(raw)
    except CatalogueError as error:
        assert_clean_refusal(error)
