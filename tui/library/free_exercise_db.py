"""free-exercise-db (github.com/yuhonas/free-exercise-db, `dist/exercises.json`) to records.

The file is a JSON list of exercises: `id` (letters, digits, `_`, `-`), `name`,
`category`, `level`, `equipment` (a string or null), `primaryMuscles`,
`secondaryMuscles`, `instructions` (strings, in order) and fields loosen does not use
(`force`, `mechanic`, `images`). The data is in the public domain (the Unlicense).
"""

from __future__ import annotations

import re

from tui.library.record import (
    MAX_NAME,
    MAX_SOURCE_ID,
    MAX_STEP,
    MAX_STEPS,
    MAX_WORDS,
    Conversion,
    Fields,
    LibraryRecord,
    quoted,
    slug,
)

NAME = "free-exercise-db"
ID_PREFIX = "fedb-"
LICENSE = "Unlicense (public domain)"
LICENSE_URL = "https://unlicense.org"
URL = "https://github.com/yuhonas/free-exercise-db"
MAX_EXERCISES = 20_000

_SOURCE_ID = re.compile(r"^[0-9A-Za-z_-]+$")
_NO_EQUIPMENT = {"body only"}


def is_free_exercise_db(data: object) -> bool:
    """Whether parsed JSON looks like free-exercise-db: a list of objects with its field names."""
    return (
        isinstance(data, list)
        and bool(data)
        and isinstance(data[0], dict)
        and ("primaryMuscles" in data[0] or "instructions" in data[0])
        and "translations" not in data[0]
    )


def convert(data: object, label: str) -> Conversion:
    """The records in a parsed free-exercise-db file; raises `LibraryError` at the first problem.

    Exercises without instructions are left out (and listed in `skipped`): loosen walks
    through an exercise step by step and would have nothing to show.
    """
    fields = Fields(label)
    if not isinstance(data, list):
        raise fields.fail("", "expected a JSON list of exercises (free-exercise-db)")
    if len(data) > MAX_EXERCISES:
        raise fields.fail("", f"more than {MAX_EXERCISES} exercises")
    records: list[LibraryRecord] = []
    skipped: list[str] = []
    first_seen: dict[str, tuple[str, str]] = {}
    for index, value in enumerate(data):
        path = f"[{index}]"
        record = _record(fields, value, path)
        if record.id in first_seen:
            where, source_id = first_seen[record.id]
            same = "the same id" if source_id == record.source_id else f"id {quoted(source_id)}"
            raise fields.fail(
                f"{path}.id", f"{quoted(record.source_id)}: duplicate of {same} at {where}"
            )
        first_seen[record.id] = (path, record.source_id)
        if record.steps:
            records.append(record)
        else:
            skipped.append(f"{path} {quoted(record.name)}: no instructions")
    return Conversion(tuple(records), tuple(skipped))


def _record(fields: Fields, value: object, path: str) -> LibraryRecord:
    obj = fields.obj(value, path)
    source_id = fields.text(obj, path, "id", MAX_SOURCE_ID)
    if not _SOURCE_ID.match(source_id) or not slug(source_id):
        raise fields.fail(f"{path}.id", f"{quoted(source_id)}: expected letters, digits, _ or -")
    steps = fields.items(obj, path, "instructions", limit=MAX_STEPS)
    if "instructions" not in obj:
        raise fields.fail(path, 'missing field "instructions"')
    texts = (
        fields.clean(step, f"{path}.instructions[{i}]", MAX_STEP) for i, step in enumerate(steps)
    )
    equipment = fields.optional_text(obj, path, "equipment")
    return LibraryRecord(
        id=ID_PREFIX + slug(source_id),
        source_id=source_id,
        name=fields.text(obj, path, "name", MAX_NAME),
        steps=tuple(text for text in texts if text),
        category=fields.text(obj, path, "category").lower(),
        primary_muscles=fields.words(
            fields.items(obj, path, "primaryMuscles", limit=MAX_WORDS), f"{path}.primaryMuscles"
        ),
        secondary_muscles=fields.words(
            fields.items(obj, path, "secondaryMuscles", limit=MAX_WORDS), f"{path}.secondaryMuscles"
        ),
        equipment=()
        if not equipment or equipment.lower() in _NO_EQUIPMENT
        else (equipment.lower(),),
        level=(fields.optional_text(obj, path, "level") or "").lower() or None,
        license=LICENSE,
        license_url=LICENSE_URL,
    )
