"""Writing history as CSV or JSON, streamed (reading an export back is in importing.py)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import TextIO

from tui.storage.types import CheckIn, SessionRecord, SetEntry
from tui.storage.validate import EXPORT_FORMAT, EXPORT_VERSION

CSV_HEADER = (
    "at",
    "routine",
    "exercise",
    "set",
    "side",
    "reps",
    "seconds",
    "outcome",
    "rating",
    "note",
    "session_id",
    "stiffness_before",
    "pain_before",
    "pain_choice",
    "stiffness_after",
    "tighter_side",
    "self_test",
    "self_test_left",
    "self_test_right",
    "self_test_unit",
    "edited_at",
)
"""The columns, in order; those after session_id came with schema 3 (check-ins)."""

Cell = str | int | None


def _check_in_cells(check_in: CheckIn | None) -> Sequence[Cell]:
    """The session's check-in columns but the per-exercise side (the same on every row)."""
    if check_in is None:
        return [None] * 8
    tests = check_in["self_test"]
    by_side = {result["side"]: result["value"] for result in tests}
    first = tests[0] if tests else None
    return [
        check_in["stiffness_before"],
        check_in["pain_before"],
        check_in["pain_choice"],
        check_in["stiffness_after"],
        first["test_id"] if first else None,
        by_side.get("left"),
        by_side.get("right"),
        first["unit"] if first else None,
    ]


def _csv_row(
    record: SessionRecord, entry: SetEntry, session: Sequence[Cell], sides: Mapping[str, str]
) -> list[Cell]:
    return [
        datetime.fromisoformat(entry["at"]).isoformat(timespec="seconds"),
        record["routine_name"],
        entry["exercise_name"],
        entry["set"],
        entry["side"],
        entry["reps"],
        entry["seconds"],
        entry["outcome"],
        record["rating"],
        record["note"],
        record["id"],
        *session[:4],
        sides.get(entry["exercise_id"]),
        *session[4:],
        record["edited_at"],
    ]


def export_csv(records: Iterable[SessionRecord], out: TextIO) -> None:
    """One row per set (and side) of each full record; rating and note repeat on each row.

    "at" is when the set was done, in ISO 8601 with the UTC offset it was recorded with
    (`2026-06-14T23:38:00-05:00`): the local time of the place it was done, never
    ambiguous. Every value but a number is quoted (empty ones as ""), so commas, quotes,
    line breaks and other control characters in a note stay inside their field.
    Sessions without sets give no rows. Open `out` with newline="" (rows end in CRLF, as
    RFC 4180 has it). The check-in columns repeat on each row of their session, but
    "tighter_side", which is the answer for that row's exercise.
    """
    csv.writer(out).writerow(CSV_HEADER)
    rows = csv.writer(out, quoting=csv.QUOTE_NONNUMERIC)
    for record in records:
        check_in = record["check_in"]
        session = _check_in_cells(check_in)
        sides = {s["exercise_id"]: s["tighter"] for s in check_in["sides"]} if check_in else {}
        rows.writerows(_csv_row(record, entry, session, sides) for entry in record["sets"])


def _dumped(value: object) -> str:
    return json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)


def export_json(records: Iterable[SessionRecord], out: TextIO) -> None:
    """`{"format": "loosen-export", "sessions": [...], "version": 2}`, stable byte for byte.

    Written one session at a time, each exactly as `json.dumps(document, indent=2,
    sort_keys=True, ensure_ascii=False)` would place it, so memory stays flat however
    long history is and export -> import -> export gives the same bytes.
    """
    out.write(f'{{\n  "format": {_dumped(EXPORT_FORMAT)},\n  "sessions": [')
    empty = True
    for record in records:
        # Strings are dumped with their line breaks escaped: every "\n" is indentation.
        out.write(("\n    " if empty else ",\n    ") + _dumped(record).replace("\n", "\n    "))
        empty = False
    out.write("]" if empty else "\n  ]")
    out.write(f',\n  "version": {_dumped(EXPORT_VERSION)}\n}}\n')
