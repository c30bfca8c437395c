"""Deleted sessions, kept for `TRASH_DAYS` days in trash.json so a deletion can be undone.

A deletion writes the session into the trash first and then takes it out of history; an
undo puts it back into history first and then takes it out of the trash. A kill in
between leaves the session in both, and a session in history is never in the trash: such
an entry is ignored and dropped at the next write, so nothing is ever lost, at worst a
deletion is undone.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from tui.storage import layout
from tui.storage.files import DataFiles
from tui.storage.types import TrashEntry
from tui.storage.validate import TRASH_ENTRY

TRASH_DAYS = 30
"""How long a deleted session can be put back; older ones are dropped for good."""
ENTRIES = "entries"


class Trash:
    """The trash file of one data dir, read and written whole (it stays small)."""

    def __init__(self, files: DataFiles) -> None:
        self.files = files
        self.path: Path = files.data_dir / layout.TRASH

    def _read(self) -> tuple[list[TrashEntry], list[Any]]:
        """The valid entries and, kept as they are, the ones that are not."""
        doc = self.files.read_doc(self.path, layout.TRASH_TABLE) or {}
        found = doc.get(ENTRIES)
        good: list[TrashEntry] = []
        bad: list[Any] = []
        for index, entry in enumerate(found if isinstance(found, list) else []):
            if TRASH_ENTRY.accepts(entry):
                good.append(entry)
            else:
                bad.append(entry)
                problem = TRASH_ENTRY.problems(entry, f"{ENTRIES}[{index}]")[0]
                self.files.notice_once(f"{layout.TRASH}: an entry is not valid ({problem})")
        return good, bad

    def entries(self, now: datetime) -> list[TrashEntry]:
        """The sessions that can still be put back, the last deleted first."""
        good, _bad = self._read()
        fresh = [entry for entry in good if not _expired(entry, now)]
        return sorted(fresh, key=lambda entry: entry["deleted_at"], reverse=True)

    def find(self, session_id: str, now: datetime) -> TrashEntry | None:
        """The entry of a deleted session that can still be put back, or None."""
        for entry in self.entries(now):
            if entry["record"]["id"] == session_id:
                return entry
        return None

    def write(
        self,
        now: datetime,
        *,
        add: TrashEntry | None = None,
        drop: set[str] | frozenset[str] = frozenset(),
    ) -> None:
        """Add an entry and drop the entries of `drop` (ids), and any expired; atomically."""
        good, bad = self._read()
        taken = set(drop) | ({add["record"]["id"]} if add is not None else set())
        kept: list[Any] = [
            entry
            for entry in good
            if entry["record"]["id"] not in taken and not _expired(entry, now)
        ]
        if add is not None:
            kept.append(add)
        self.files.write_doc(self.path, layout.TRASH_TABLE, {ENTRIES: kept + bad})


def _expired(entry: TrashEntry, now: datetime) -> bool:
    deleted = datetime.fromisoformat(entry["deleted_at"])
    return now.astimezone() - deleted > timedelta(days=TRASH_DAYS)


def stamp(now: datetime) -> str:
    """A moment as records keep it: ISO 8601 to the second, with its UTC offset."""
    return now.astimezone().isoformat(timespec="seconds")
