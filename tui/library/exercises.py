"""Library records as catalogue exercises: cues, loosen's own dosage, tags and credit.

The databases give no dosage, so loosen chooses one by category and marks it as its own
(`origin: loosen`), as it does for the built-ins where an article gives none:
stretches are held (30 s, or the longest hold the instructions name), timed work such as
cardio is one 60 s bout, anything else is 2 sets of 10 reps. An exercise whose
instructions say to switch sides, or to repeat with the other leg, arm or side, is done
per side.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tui.catalogue.model import Cue, CueKind, Dosage, Exercise, ExerciseKind, Source
from tui.library import free_exercise_db, wger
from tui.library.record import LibraryRecord

STRETCH_HOLD_SECONDS = 30
TIMED_SECONDS = 60
REPS = 10
SETS = 2
MAX_SUMMARY = 70

_HOLD_CATEGORIES = frozenset({"stretching"})
_TIMED_CATEGORIES = frozenset({"cardio"})
# Each pattern starts with a literal, which Python's re scans for quickly; a leading \b or an
# alternation would make it try every position of every record's text (ten times slower).
_PER_SIDE = tuple(
    re.compile(pattern)
    for pattern in (
        r"switch(?:ing)? (?:sides|legs|arms|feet)\b",
        r"other (?:side|leg|arm|foot)\b",
        r"each (?:side|leg|arm)\b",
        r"opposite (?:side|leg|arm)\b",
    )
)
_HOLD = re.compile(
    r"hold\b[^.]{0,40}?\b(\d{1,3})(?:\s*(?:-|–|to)\s*(\d{1,3}))?\s*(?:seconds|secs?)\b"
)

SOURCES = {
    free_exercise_db.NAME: ("free-exercise-db", free_exercise_db.URL),
    wger.NAME: ("wger exercise database", "https://wger.de"),
}
"""Each source's title and address, for the credit shown with its exercises."""


def _lowered(record: LibraryRecord) -> str:
    return " ".join(record.steps).lower()


def _at_word_start(matches: Iterable[re.Match[str]], text: str) -> bool:
    return any(m.start() == 0 or not text[m.start() - 1].isalnum() for m in matches)


def per_side(record: LibraryRecord, text: str | None = None) -> bool:
    """Whether the instructions say to do the exercise on one side, then the other."""
    text = _lowered(record) if text is None else text
    return any(_at_word_start(pattern.finditer(text), text) for pattern in _PER_SIDE)


def stated_hold(record: LibraryRecord, text: str | None = None) -> int | None:
    """The longest hold the instructions name ("hold for 10-20 seconds": 20), if any."""
    text = _lowered(record) if text is None else text
    if "hold" not in text:
        return None
    seconds = [
        int(match.group(2) or match.group(1))
        for match in _HOLD.finditer(text)
        if _at_word_start((match,), text)
    ]
    usable = [value for value in seconds if 5 <= value <= 300]
    return max(usable) if usable else None


def chosen_dosage(record: LibraryRecord) -> Dosage:
    """loosen's dosage for an exercise its source gives none for."""
    text = _lowered(record)
    sided = per_side(record, text)
    if record.category in _HOLD_CATEGORIES or "stretch" in record.name.lower():
        hold = stated_hold(record, text) or STRETCH_HOLD_SECONDS
        return Dosage(sets=SETS, hold_seconds=hold, per_side=sided, rest_seconds=15)
    if record.category in _TIMED_CATEGORIES:
        return Dosage(sets=1, hold_seconds=TIMED_SECONDS, rest_seconds=0)
    return Dosage(sets=SETS, reps=REPS, per_side=sided, rest_seconds=30)


def _is_starting_position(step: str) -> bool:
    lowered = step.lower()
    return "starting position" in lowered or "start position" in lowered


def setup_steps(steps: tuple[str, ...]) -> int:
    """How many steps set up: up to the one naming the starting position, else the first."""
    position = next((i for i, step in enumerate(steps) if _is_starting_position(step)), None)
    if position is not None:
        return position + 1
    return 1 if len(steps) > 1 else 0


def decided(record: LibraryRecord) -> LibraryRecord:
    """The record with loosen's choices made: its dosage and where set-up ends."""
    return record._replace(dosage=chosen_dosage(record), setup_steps=setup_steps(record.steps))


def cues(steps: tuple[str, ...], setup: int) -> tuple[Cue, ...]:
    """The steps as cues, the first `setup` of them set-up cues and the rest movement."""
    return tuple(
        Cue(CueKind.SETUP if index < setup else CueKind.MOVEMENT, step)
        for index, step in enumerate(steps)
    )


def _kind(record: LibraryRecord, dosage: Dosage) -> ExerciseKind:
    if "foam roll" in record.equipment or record.source_id.lower().endswith("smr"):
        return ExerciseKind.SOFT_TISSUE
    return ExerciseKind.MOBILITY if dosage.is_hold else ExerciseKind.STRENGTH


def _summary(record: LibraryRecord) -> str:
    parts = [record.category.capitalize(), ", ".join(record.primary_muscles), record.level or ""]
    text = " · ".join(part for part in parts if part)
    return text if len(text) <= MAX_SUMMARY else text[: MAX_SUMMARY - 1] + "…"


def _why(record: LibraryRecord) -> str:
    if not record.primary_muscles:
        return "The source names no muscles."
    text = f"Works the {', '.join(record.primary_muscles)}"
    if record.secondary_muscles:
        text += f", with the {', '.join(record.secondary_muscles)}"
    return text + "."


def _source(record: LibraryRecord, source: str) -> Source:
    title, url = SOURCES.get(source, (source, None))
    license_ = record.license or "licence not stated"
    return Source(
        title=title,
        author=", ".join(record.authors) or None,
        note=f"{license_}; exercise {record.source_id}",
        license=record.license,
        license_url=record.license_url,
        url=url,
    )


def to_exercise(record: LibraryRecord, source: str) -> Exercise:
    """The catalogue exercise for a library record from `source` ("free-exercise-db", "wger")."""
    dosage = record.dosage or chosen_dosage(record)
    setup = setup_steps(record.steps) if record.setup_steps is None else record.setup_steps
    title = SOURCES.get(source, (source, None))[0]
    return Exercise(
        id=record.id,
        name=record.name,
        summary=_summary(record),
        cues=cues(record.steps, setup),
        dosage=dosage,
        equipment=record.equipment,
        who=f"Rated {record.level} by {title}."
        if record.level
        else "No level given by the source.",
        why=_why(record),
        frequency="Not given by the source",
        region=", ".join(record.primary_muscles) or record.category,
        kind=_kind(record, dosage),
        source=_source(record, source),
        category=record.category,
        primary_muscles=record.primary_muscles,
        secondary_muscles=record.secondary_muscles,
        level=record.level,
    )
