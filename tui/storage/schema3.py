"""Schema 3: every session gains `check_in` and `edited_at` (null until answered or edited).

The same change brings a version 2 data dir (its summary shards) and a version 1 export
up to date, so a session reads the same whichever way it came in.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tui.storage.atomic import AtomicJSONStorage
from tui.storage.errors import DamagedFileError, StoreError
from tui.storage.layout import shard_years, summary_shard
from tui.storage.reading import parse_json, read_regular

NEW_FIELDS: dict[str, None] = {"check_in": None, "edited_at": None}
"""Schema 3's new session fields and what a session from before them holds."""


def add_new_fields(record: Any) -> None:
    """Give a session record (or summary) schema 3's fields, keeping any it has."""
    if isinstance(record, dict):
        for name, value in NEW_FIELDS.items():
            record.setdefault(name, value)


def upgrade_sessions(sessions: Any) -> None:
    """Give every session of a list schema 3's fields (anything but a list is left)."""
    if isinstance(sessions, list):
        for record in sessions:
            add_new_fields(record)


def upgrade_summary_shards(history_dir: Path) -> None:
    """Add the new fields to every summary in every year's shard, one atomic write per file.

    Running it twice changes nothing the second time. A shard that does not parse is
    left to the history reader, which mends it and fills in the fields as it reads.
    """
    try:
        years = shard_years(history_dir)
    except OSError as error:
        raise StoreError(f"cannot use {history_dir}: {error.strerror or error}") from None
    for year in years:
        path = summary_shard(history_dir, year)
        try:
            raw = read_regular(path)
        except OSError as error:
            raise StoreError(f"cannot upgrade {path}: {error.strerror or error}") from None
        if raw is None or not raw.strip():
            continue
        try:
            data = parse_json(path, raw)
        except DamagedFileError:
            continue
        if not isinstance(data, dict):
            continue  # not tables at all: the reader sets it aside as damaged
        sessions = data.get("sessions")
        if isinstance(sessions, dict):
            for doc in sessions.values():
                add_new_fields(doc)
        try:
            AtomicJSONStorage(path).write(data)
        except (OSError, ValueError) as error:
            reason = getattr(error, "strerror", None) or str(error)
            raise StoreError(f"cannot upgrade {path}: {reason}") from None


def upgrade_export(document: dict[str, Any]) -> None:
    """Bring the sessions of a version 1 export (from before check-ins) up to version 2."""
    if document.get("version") == 1:
        upgrade_sessions(document.get("sessions"))
