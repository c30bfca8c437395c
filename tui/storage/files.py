"""Reading and writing the data dir's TinyDB files, moving damaged ones aside."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from tinydb import TinyDB

from tui.storage.atomic import AtomicJSONStorage, fsync_dir
from tui.storage.errors import DamagedFileError, ReadOnlyError, StoreError
from tui.storage.types import JSONObject

T = TypeVar("T")
ONLY_DOC = "1"


def damaged_name(path: Path, now: datetime) -> Path:
    """A free name for a damaged copy of `path`: `NAME.damaged-YYYYmmdd-HHMMSS[-n]`."""
    base = f"{path.name}.damaged-{now:%Y%m%d-%H%M%S}"
    target = path.with_name(base)
    n = 0
    while target.exists():
        n += 1
        target = path.with_name(f"{base}-{n}")
    return target


def quarantine(path: Path, now: datetime) -> Path:
    """Rename a damaged file to `NAME.damaged-YYYYmmdd-HHMMSS[-n]` and return the new path."""
    target = damaged_name(path, now)
    os.rename(path, target)
    fsync_dir(path.parent)
    return target


class DataFiles:
    """The data dir's files as seen by one Store: read-only or not, collecting notices.

    A damaged file is never overwritten. When writable it is moved aside and the
    operation retried on a fresh (missing) file; when read-only it is left alone and
    reads as empty. Either way one human sentence is added to `notices`. A file that
    cannot be read at all (a directory in its place, no permission) is reported once and
    read as empty by the reads that can do without it; `unread` lists such files.
    """

    def __init__(self, data_dir: Path, *, read_only: bool, now: Callable[[], datetime]) -> None:
        self.data_dir = data_dir
        self.read_only = read_only
        self.notices: list[str] = []
        self.unread: list[Path] = []
        self._now = now
        self._skipped: set[Path] = set()
        self._told: set[str] = set()

    def now(self) -> datetime:
        """The time to stamp moved-aside files with."""
        return self._now()

    def notice_once(self, text: str) -> None:
        """Add `text` to `notices` unless this Store has said it already."""
        if text not in self._told:
            self._told.add(text)
            self.notices.append(text)

    def relative(self, path: Path) -> str:
        """`path` as the user knows it: relative to the data dir when inside it."""
        return self._relative(path)

    def unreadable(self, path: Path, error: OSError) -> None:
        """Note that `path` cannot be read; the caller goes on without it."""
        self.unread.append(path)
        reason = error.strerror or str(error)
        name = self._relative(path)
        self.notice_once(f"cannot read {name} ({reason}); loosen goes on without it")

    def check_writable(self) -> None:
        """Raise ReadOnlyError if this Store may not write."""
        if self.read_only:
            raise ReadOnlyError(self.data_dir)

    def _relative(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.data_dir))
        except ValueError:
            return str(path)

    def damaged(self, error: DamagedFileError) -> None:
        """Deal with a damaged file: move it aside (writable) or skip it (read-only)."""
        name = self._relative(error.path)
        if self.read_only:
            if error.path not in self._skipped:
                self._skipped.add(error.path)
                self.notices.append(
                    f"{name} is damaged ({error.reason}); it was skipped and left in place "
                    "because history is read-only here"
                )
            return
        try:
            moved = quarantine(error.path, self._now())
        except OSError as os_error:
            raise StoreError(
                f"{error.path} is damaged and could not be moved aside: {os_error.strerror}"
            ) from None
        self.notices.append(
            f"{name} was damaged ({error.reason}) and has been moved to {moved}; "
            "loosen started with a fresh file"
        )

    def run(
        self, path: Path, operation: Callable[[TinyDB], T], fallback: T, *, reading: bool = False
    ) -> T:
        """Run `operation` on the TinyDB file at `path`, handling damage and I/O errors.

        `fallback` is returned when a read-only Store meets a damaged file, and, when
        `reading`, instead of raising StoreError for a file that cannot be read or moved.
        """
        for _attempt in range(2):
            db = TinyDB(path, storage=AtomicJSONStorage)
            try:
                return operation(db)
            except DamagedFileError as error:
                try:
                    self.damaged(error)
                except StoreError as cannot_move:
                    if not reading:
                        raise
                    self.notice_once(str(cannot_move))
                    return fallback
                if self.read_only:
                    return fallback
            except OSError as error:
                if not reading:
                    raise StoreError(f"cannot use {path}: {error.strerror or error}") from None
                self.unreadable(path, error)
                return fallback
            finally:
                db.close()
        if reading:
            self.notice_once(f"{self._relative(path)} keeps turning up damaged; it was skipped")
            return fallback
        raise StoreError(f"{path} keeps turning up damaged")

    def read_doc(self, path: Path, table: str) -> JSONObject | None:
        """The single document of a one-document file, or None."""

        def read(db: TinyDB) -> JSONObject | None:
            doc = db.table(table).get(doc_id=int(ONLY_DOC))
            return dict(doc) if doc is not None else None

        return self.run(path, read, None, reading=True)

    def write_doc(self, path: Path, table: str, doc: Mapping[str, object]) -> None:
        """Replace a one-document file with `doc`, in one atomic write and no read."""
        self.check_writable()
        try:
            AtomicJSONStorage(path).write({table: {ONLY_DOC: doc}})
        except OSError as error:
            raise StoreError(f"cannot write {path}: {error.strerror or error}") from None

    def remove(self, path: Path) -> None:
        """Delete a file durably (missing is fine)."""
        self.check_writable()
        try:
            path.unlink(missing_ok=True)
            fsync_dir(path.parent)
        except OSError as error:
            raise StoreError(f"cannot remove {path}: {error.strerror or error}") from None
