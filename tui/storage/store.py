"""The Store: loosen's settings, unfinished session and history in one data dir."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Final, TypedDict, TypeVar

from tinydb import TinyDB

from tui.storage import layout
from tui.storage.checked import CheckedSessions
from tui.storage.dirs import check_can_write, make_private_dir, remove_leftover_temps
from tui.storage.errors import DamagedFileError, InvalidRecordError, StoreError
from tui.storage.files import DataFiles
from tui.storage.lock import DirLock
from tui.storage.migrations import guessed_version, recorded_version, upgrade, write_version
from tui.storage.records import SessionDetail, join, order_key, session_year
from tui.storage.shards import History, collector_paused
from tui.storage.streaming import full_records
from tui.storage.trash import Trash, stamp
from tui.storage.types import (
    ActiveDocument,
    JSONObject,
    SessionRecord,
    SessionSummary,
    TrashEntry,
)
from tui.storage.validate import ACTIVE_DOCUMENT, SESSION_RECORD

T = TypeVar("T")
# Marks an active session whose record add_session is writing to history (value: its year).
SAVING_TO: Final = "saving_to"


class _ActiveEntry(TypedDict, total=False):
    """The one document of active.json: the unfinished session, and `saving_to` (see above)."""

    session: ActiveDocument
    saving_to: int


_UNREAD = object()
"""Marks the unfinished session as not yet read from disk."""


class Store:
    """One data dir, opened by `Store.open`; see `tui.storage.layout` for the files.

    Only one process writes: the first to open holds `data_dir/lock`; any other opens
    read-only (`read_only`), reads work and writes raise ReadOnlyError. Damaged files
    are moved aside, history records that fail validation are set aside on their own
    (see `tui.storage.shard_io`), and both are reported in `notices`, which can grow
    after opening because history files are only read when history is asked for.
    Reads the app makes (settings, the active session, history) never raise for a
    file that cannot be read: they go on without it and say so in `notices`; writes
    that cannot happen raise a one-line StoreError.
    """

    def __init__(self, files: DataFiles, lock: DirLock, history: History) -> None:
        """Use `Store.open`."""
        self.data_dir = files.data_dir
        self._files = files
        self._lock = lock
        self._history = history
        self._mutex = threading.RLock()
        self._closed = False
        # The unfinished session as this writer last read or wrote it (see `active`).
        self._active_memo: ActiveDocument | object | None = _UNREAD
        self._trash = Trash(files)

    @classmethod
    def open(cls, data_dir: Path, *, now: Callable[[], datetime] = datetime.now) -> Store:
        """Open (creating or upgrading) the data dir; raises StoreError if it is unusable.

        Reads only small fixed-size files, so it takes as long with ten years of history
        as with none.
        """
        data_dir = Path(os.path.abspath(Path(data_dir).expanduser()))
        make_private_dir(data_dir)
        lock = DirLock.try_acquire(data_dir / layout.LOCK)
        try:
            files = DataFiles(data_dir, read_only=not lock.held, now=now)
            history = History(files, data_dir / layout.HISTORY)
            if not files.read_only:
                check_can_write(data_dir)
                remove_leftover_temps(data_dir)  # history's own: at its first write
            recorded = recorded_version(files)
            upgrade(files, history, recorded or guessed_version(data_dir), now())
            if recorded is None and not files.read_only:
                write_version(files, layout.SCHEMA_VERSION)
            store = cls(files, lock, history)
            store._drop_stale_active()
            if not files.read_only:
                # A copied or restored data dir (new inodes), or one last written in
                # another time zone: `loosen status` would read every year until the
                # next save. A stat per year when the index is up to date.
                store._refresh_habit_index()
        except BaseException:
            lock.release()
            raise
        return store

    @property
    def read_only(self) -> bool:
        """True when another loosen holds the data dir: reads work, writes raise."""
        return self._files.read_only

    @property
    def notices(self) -> list[str]:
        """Sentences for the user about damaged files found (and where they went)."""
        return self._files.notices

    def _writable(self) -> None:
        if self._closed:
            raise StoreError(f"the store for {self.data_dir} is closed")
        self._files.check_writable()

    # Settings ------------------------------------------------------------------------

    def get_setting(self, key: str, default: T) -> T:
        """The stored value of `key`, or `default` if unset or not of default's type."""
        stored = self._files.read_doc(self.data_dir / layout.SETTINGS, layout.SETTINGS_TABLE)
        if stored is None or key not in stored:
            return default
        value: T = stored[key]
        if default is not None and not isinstance(value, type(default)):
            return default
        return value

    def set_setting(self, key: str, value: object) -> None:
        """Store a JSON-serialisable setting (bell on/off, theme, ...)."""
        with self._mutex:
            self._writable()
            path = self.data_dir / layout.SETTINGS
            stored = self._files.read_doc(path, layout.SETTINGS_TABLE) or {}
            stored[key] = value
            self._files.write_doc(path, layout.SETTINGS_TABLE, stored)

    # The unfinished session ----------------------------------------------------------

    def _active_entry(self) -> _ActiveEntry | None:
        path = self.data_dir / layout.ACTIVE

        def read(db: TinyDB) -> _ActiveEntry | None:
            entry = db.table(layout.ACTIVE_TABLE).get(doc_id=1)
            if entry is None:
                return None
            session = entry.get("session")
            if not isinstance(session, dict):
                raise DamagedFileError(path, "no session object in it")
            if not ACTIVE_DOCUMENT.accepts(session):
                problem = ACTIVE_DOCUMENT.problems(session, "session")[0]
                raise DamagedFileError(path, f"the session in it is not valid: {problem}")
            found: _ActiveEntry = {"session": session}
            year = entry.get(SAVING_TO)
            if isinstance(year, int):
                found[SAVING_TO] = year
            return found

        return self._files.run(path, read, None, reading=True)

    def _is_saved(self, entry: _ActiveEntry) -> bool:
        """Whether add_session had written this active session to history before a kill."""
        year = entry.get(SAVING_TO)
        if year is None:
            return False
        return self._history.contains(year, entry["session"]["id"])

    def _drop_stale_active(self) -> None:
        entry = self._active_entry()
        if entry is not None and not self.read_only and self._is_saved(entry):
            self._files.remove(self.data_dir / layout.ACTIVE)

    def active(self) -> ActiveDocument | None:
        """The unfinished session as last saved, or None.

        The one writer remembers it after the first read (screens ask often, on every
        redraw of their keys); a read-only store reads the disk, which another may change.
        """
        if not self.read_only and self._active_memo is not _UNREAD:
            return self._active_memo  # type: ignore[return-value]
        entry = self._active_entry()
        found = None
        if entry is not None and not (SAVING_TO in entry and self._is_saved(entry)):
            found = entry["session"]
        if not self.read_only:
            self._active_memo = found
        return found

    def save_active(self, doc: ActiveDocument) -> None:
        """Save the unfinished session; on disk when this returns. Touches no history.

        Raises InvalidRecordError if `doc` lacks the documented shape.
        """
        if not ACTIVE_DOCUMENT.accepts(doc):
            raise InvalidRecordError(ACTIVE_DOCUMENT.problems(doc, "session"), "unfinished session")
        with self._mutex:
            self._writable()
            self._files.write_doc(
                self.data_dir / layout.ACTIVE, layout.ACTIVE_TABLE, {"session": doc}
            )
            self._active_memo = doc

    def clear_active(self) -> None:
        """Forget the unfinished session."""
        with self._mutex:
            self._writable()
            self._files.remove(self.data_dir / layout.ACTIVE)
            self._active_memo = None

    # History -------------------------------------------------------------------------

    def add_session(self, record: SessionRecord) -> None:
        """Add a finished or abandoned session (replacing one with its id); durable.

        If the active session has the same id it is cleared afterwards. A kill in between
        leaves history complete, and the next open clears the stale active session.
        Raises InvalidRecordError if the record lacks the documented shape.
        """
        if not SESSION_RECORD.accepts(record):
            raise InvalidRecordError(SESSION_RECORD.problems(record, "record"))
        with self._mutex:
            self._writable()
            self._active_memo = _UNREAD  # read again after this, whatever happens
            active_path = self.data_dir / layout.ACTIVE
            entry = self._active_entry()
            finishing = entry is not None and entry["session"]["id"] == record["id"]
            if finishing and entry is not None:
                # Tells the next open which year to look in, should we die before the end.
                marked: _ActiveEntry = {**entry, SAVING_TO: session_year(record)}
                self._files.write_doc(active_path, layout.ACTIVE_TABLE, marked)
            written = self._history.put([record])
            if finishing:
                self._files.remove(active_path)
            self._refresh_habit_index(written)

    def sessions(self, routine_id: str | None = None) -> list[SessionSummary]:
        """Summaries (records without "sets", plus done_exercise_ids), newest first.

        Reads every year's summaries and no sets. Summaries of one routine share their
        `exercises` entries (the small {"id", "name"} dicts): treat them as read-only.
        """
        with collector_paused():
            found = [
                summary
                for summary in self._history.all_summaries()
                if routine_id is None or summary["routine_id"] == routine_id
            ]
            found.sort(key=order_key, reverse=True)
        return found

    def newest_sessions(self) -> Iterator[SessionSummary]:
        """Summaries newest first, reading one year's shard at a time: stop early to read less."""
        for year in reversed(self._history.years()):
            yield from sorted(self._history.summaries(year), key=order_key, reverse=True)

    def sessions_by_year(self) -> Iterator[tuple[int, list[SessionSummary]]]:
        """(year, its summaries newest first), newest year first: history a piece at a time.

        The same summaries as `sessions`, for a screen that shows the newest before it has
        read a century. The years are listed when the first is asked for.
        """
        for year in reversed(self._history.years()):
            with collector_paused():
                found = self._history.summaries(year)
                found.sort(key=order_key, reverse=True)
            yield year, found

    def session(self, session_id: str) -> SessionRecord | None:
        """One full record, with its "sets" ([] if they are missing), or None."""
        detail = self.session_detail(session_id)
        return detail.record if detail is not None else None

    def session_detail(self, session_id: str) -> SessionDetail | None:
        """One full record and whether its sets are missing, or None if there is no such session.

        Sets go missing when their file is damaged, unreadable or held a bad copy of them;
        the notice saying so is in `notices` when this returns.
        """
        summary = self._history.find(session_id)
        if summary is None:
            return None
        sets = self._history.sets_of(summary)
        return SessionDetail(join(summary, sets), sets_missing=sets is None)

    def all_sessions(self) -> Iterator[SessionRecord]:
        """Every full record, oldest first, for export: memory stays flat as history grows.

        Raises StoreError when part of history cannot be read, so no export is silently
        short: at once for files that are not there to read (before anything is written),
        or on the way. Bad records found on the way are set aside and reported in `notices`.
        """
        self._history.check_readable()
        return full_records(self._history, strict=True)

    def import_sessions(self, records: CheckedSessions | Sequence[SessionRecord]) -> int:
        """Merge records by id, keeping ones already here as they are; returns how many are new.

        A plain list is checked first (InvalidRecordError); CheckedSessions were checked once
        already. Reads every summary (to know the ids) and writes each touched shard once.
        """
        if not isinstance(records, CheckedSessions):
            records = CheckedSessions.check(records, "records")
        with self._mutex, collector_paused():  # a bulk write makes no cycles
            self._writable()
            known = {summary["id"] for summary in self._history.all_summaries()}
            fresh = [record for record in records if record["id"] not in known]
            written = self._history.put(fresh)
            self._refresh_habit_index(written)
            return len(fresh)

    # Correcting history ------------------------------------------------------------

    def edit_session(self, record: SessionRecord) -> SessionRecord:
        """Replace a session of history with `record` (same id), stamped `edited_at`; durable.

        Raises InvalidRecordError for a record without the documented shape and StoreError
        when history has no session with its id. Returns the record as kept.
        """
        edited: SessionRecord = {**record, "edited_at": stamp(self._files.now())}
        if not SESSION_RECORD.accepts(edited):
            raise InvalidRecordError(SESSION_RECORD.problems(edited, "record"))
        with self._mutex:
            self._writable()
            if self._history.find(record["id"]) is None:
                raise StoreError(f"there is no session {record['id']} in history to change")
            self._history.put([edited])
        return edited

    def delete_session(self, session_id: str) -> TrashEntry | None:
        """Move a session from history into the trash (see `tui.storage.trash`); None if
        history has no such session."""
        with self._mutex:
            self._writable()
            summary = self._history.find(session_id)
            if summary is None:
                return None
            sets = self._history.sets_of(summary)
            now = self._files.now()
            entry: TrashEntry = {"deleted_at": stamp(now), "record": join(summary, sets)}
            self._trash.write(now, add=entry)
            self._history.remove(summary)
            self._refresh_habit_index()
            return entry

    def deleted_sessions(self) -> list[TrashEntry]:
        """The sessions deleted in the last 30 days, the last deleted first."""
        entries = self._trash.entries(self._files.now())
        return [entry for entry in entries if not self._in_history(entry["record"])]

    def _in_history(self, record: SessionRecord) -> bool:
        # One year's shard: the one the record would be in (deleting it kept that year).
        return self._history.contains(session_year(record), record["id"])

    def restore_session(self, session_id: str) -> SessionRecord | None:
        """Put a deleted session back into history; None if the trash does not have it."""
        with self._mutex:
            self._writable()
            now = self._files.now()
            entry = self._trash.find(session_id, now)
            if entry is None:
                return None
            self._history.put([entry["record"]])
            self._trash.write(now, drop={session_id})
            self._refresh_habit_index()
            return entry["record"]

    def _refresh_habit_index(self, written: dict[int, list[JSONObject]] | None = None) -> None:
        # Lets `loosen status` read one small file instead of every year of history.
        from tui.habit.index import refresh_index

        refresh_index(str(self.data_dir), written)

    # Lifetime ------------------------------------------------------------------------

    def close(self) -> None:
        """Release the data dir (safe to call twice)."""
        self._closed = True
        self._lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
