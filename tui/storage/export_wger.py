"""History as wger measurements: a category per measure, an entry per session and value.

wger (wger-project/wger, `wger/measurements`) keeps a measurement as a category (`name`
up to 100 characters, `unit` up to 30) and entries of `category`, `date` (a date and
time), `value` (0 to 5000, two decimals) and `notes` (up to 100 characters); its API
takes them as they are here (`/api/v2/measurement-category/`, `/api/v2/measurement/`).
The file gives each category a local `id` that the entries refer to: create the
categories first, then post each entry with its category's id on your server.

Written one session at a time (the categories, known only at the end, come last), so
memory stays flat however long history is.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Final, TextIO

from tui.storage.types import SessionRecord

WGER_FORMAT: Final = "loosen-wger-measurements"
WGER_VERSION: Final = 1
NAME_LIMIT: Final = 100
UNIT_LIMIT: Final = 30
NOTES_LIMIT: Final = 100
SCALE_UNIT: Final = "0-10"
STIFFNESS_BEFORE: Final = "loosen stiffness before"
STIFFNESS_AFTER: Final = "loosen stiffness after"
PAIN_BEFORE: Final = "loosen pain before"

Measure = tuple[str, str, str, int]
"""(category name, unit, date, value)."""


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def session_measures(record: SessionRecord) -> Iterator[Measure]:
    """The measures of one session's check-in: stiffness, pain and each self-test side."""
    check_in = record["check_in"]
    if check_in is None:
        return
    started = record["started_at"]
    ended = record["ended_at"] or started
    if check_in["stiffness_before"] is not None:
        yield STIFFNESS_BEFORE, SCALE_UNIT, started, check_in["stiffness_before"]
    if check_in["pain_before"] is not None:
        yield PAIN_BEFORE, SCALE_UNIT, started, check_in["pain_before"]
    if check_in["stiffness_after"] is not None:
        yield STIFFNESS_AFTER, SCALE_UNIT, ended, check_in["stiffness_after"]
    for result in check_in["self_test"]:
        name = f"loosen {result['test_id']} {result['side']}"
        yield _cut(name, NAME_LIMIT), _cut(result["unit"], UNIT_LIMIT), ended, result["value"]


def export_wger(records: Iterable[SessionRecord], out: TextIO) -> None:
    """`{"format": …, "version": 1, "measurements": [...], "categories": [...]}`."""
    categories: dict[tuple[str, str], int] = {}
    out.write(f'{{\n  "format": "{WGER_FORMAT}",\n  "version": {WGER_VERSION},\n')
    out.write('  "measurements": [')
    first = True
    for record in records:
        notes = _cut(record["routine_name"], NOTES_LIMIT)
        for name, unit, date, value in session_measures(record):
            category = categories.setdefault((name, unit), len(categories) + 1)
            entry = {"category": category, "date": date, "value": value, "notes": notes}
            out.write(("\n    " if first else ",\n    ") + json.dumps(entry, ensure_ascii=False))
            first = False
    out.write("]" if first else "\n  ]")
    out.write(',\n  "categories": [')
    for number, ((name, unit), category) in enumerate(categories.items()):
        entry = {"id": category, "name": name, "unit": unit}
        out.write(("\n    " if number == 0 else ",\n    ") + json.dumps(entry, ensure_ascii=False))
    out.write("\n  ]\n}\n" if categories else "]\n}\n")
