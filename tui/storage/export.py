"""Writing history as CSV or JSON, streamed (reading an export back is in importing.py)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from datetime import datetime
from typing import TextIO

from tui.storage.types import SessionRecord, SetEntry
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
)


def _csv_row(record: SessionRecord, entry: SetEntry) -> list[str | int | None]:
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
    ]


def export_csv(records: Iterable[SessionRecord], out: TextIO) -> None:
    """One row per set (and side) of each full record; rating and note repeat on each row.

    "at" is when the set was done, in ISO 8601 with the UTC offset it was recorded with
    (`2026-06-14T23:38:00-05:00`): the local time of the place it was done, never
    ambiguous. Every value but a number is quoted (empty ones as ""), so commas, quotes,
    line breaks and other control characters in a note stay inside their field.
    Sessions without sets give no rows. Open `out` with newline="" (rows end in CRLF, as
    RFC 4180 has it).
    """
    csv.writer(out).writerow(CSV_HEADER)
    rows = csv.writer(out, quoting=csv.QUOTE_NONNUMERIC)
    for record in records:
        rows.writerows(_csv_row(record, entry) for entry in record["sets"])


def _dumped(value: object) -> str:
    return json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)


def export_json(records: Iterable[SessionRecord], out: TextIO) -> None:
    """`{"format": "loosen-export", "sessions": [...], "version": 1}`, stable byte for byte.

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
