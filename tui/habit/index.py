"""The habit index: each year shard's session days, so `loosen status` reads one file.

    data_dir/habit-index.json
      {"format": 1, "rule": 1, "zone": "...",
       "years": {"2026": {"stamp": [inode, size, mtime_ns], "first": 739925, "mask": "1f7"}}}

Only the one writing loosen writes it (after each change to history); it is a cache.
A year whose shard no longer has the recorded stamp is read from the shard itself, and
an index made in another time zone or under another counting rule is not used at all.
"""

from __future__ import annotations

import json
import os
import time

from tui.habit.shards import (
    HISTORY,
    UnreadableFile,
    marks_of,
    shard_marks,
    shard_path,
    shard_years,
    stamp,
)

TYPE_CHECKING = False  # typing itself would cost `loosen status` milliseconds on every prompt
if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from typing import Any

    Entry = dict[str, Any]

INDEX = "habit-index.json"
FORMAT = 1
RULE = 1
"""Bump when counting.counts_for_habit changes: older indexes are then ignored."""


def zone_key() -> str:
    """What identifies this process's local time zone, which decides each session's day."""
    name = os.environ.get("TZ")
    if name is None:
        try:
            name = "localtime=" + os.path.realpath("/etc/localtime")
        except OSError:
            name = ""
    return f"{name}|{time.tzname}|{time.timezone}|{time.altzone}|{time.daylight}"


def read_index(data_dir: str) -> dict[str, Entry]:
    """The index's entries by year (as text), or {} if it is missing, unusable or stale."""
    try:
        with open(os.path.join(data_dir, INDEX), "rb") as file:
            data = json.loads(file.read())
    except (OSError, ValueError, RecursionError):
        return {}
    if not (
        isinstance(data, dict)
        and data.get("format") == FORMAT
        and data.get("rule") == RULE
        and data.get("zone") == zone_key()
        and isinstance(data.get("years"), dict)
    ):
        return {}
    return {year: entry for year, entry in data["years"].items() if is_entry(entry)}


def is_entry(entry: Any) -> bool:
    """Whether an index entry has the documented shape."""
    return (
        isinstance(entry, dict)
        and isinstance(entry.get("stamp"), list)
        and type(entry.get("first")) is int
        and isinstance(entry.get("mask"), str)
    )


def entry_marks(entry: Entry) -> tuple[int, int] | None:
    """(first, mask) from an entry, or None if its mask is not hexadecimal."""
    try:
        return entry["first"], int(entry["mask"], 16)
    except ValueError:
        return None


def refresh_index(data_dir: str, written: Mapping[int, Iterable[Any]] | None = None) -> None:
    """Bring the index up to date with the year shards, reading only the changed ones.

    For the writer only. `written`: the summaries of each year shard the writer has just
    written whole, by year, taken as they are instead of reading the file back (an import
    writes a hundred). A shard that can't be read is left out (the status reads it
    itself and says what is wrong); a failure to write leaves the old index, still
    checked against the shards' stamps.
    """
    written = written or {}
    history = os.path.join(data_dir, HISTORY)
    old = read_index(data_dir)
    years: dict[str, Entry] = {}
    try:
        listed = shard_years(history)
    except UnreadableFile:
        return
    for year in listed:
        path = shard_path(history, year)
        try:
            before = stamp(path)
            entry = old.get(str(year))
            if entry is not None and entry["stamp"] == before:
                years[str(year)] = entry
                continue
            if year in written:  # the file holds just what was written
                first, mask = marks_of(written[year])
            else:
                first, mask = shard_marks(path)
                if before != stamp(path):
                    continue
            if before is None:
                continue
        except UnreadableFile:
            continue
        years[str(year)] = {"stamp": before, "first": first, "mask": format(mask, "x")}
    if years == old:
        return
    # Imported here: the status line only reads, and pathlib would slow its start.
    from contextlib import suppress
    from pathlib import Path

    from tui.storage.atomic import atomic_write_bytes

    document = {"format": FORMAT, "rule": RULE, "zone": zone_key(), "years": years}
    payload = json.dumps(document, separators=(",", ":"), sort_keys=True).encode()
    # A cache: if it can't be written, the status line reads the shards themselves.
    with suppress(OSError):
        atomic_write_bytes(Path(data_dir) / INDEX, payload)
