"""The user's routines file as the builder writes it: locked, re-read, checked, then atomic.

Every change takes a lock of its own on `routines.json.lock` (beside the file, so two
loosens, even read-only ones, never lose each other's edits), re-reads the file under the
lock, applies the edit to what is there now, checks the result with the loader against the
built-in catalogue, and replaces the file atomically (temp, fsync, rename). A file that
the loader rejects is never rewritten: the builder can't know what its hand-written
content meant, so it refuses, in one line naming the file and the JSON path.

Deleted routines and exercises go to `routines-deleted.json` beside it (the newest
`TRASH_KEEP`), from where `undo_delete` puts the newest back.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from tui.catalogue.drafts import UserRoutines
from tui.catalogue.editing import EditError, Kind, OwnCatalogue, delete_exercise, delete_routine
from tui.catalogue.loader import (
    MAX_FILE_BYTES,
    CatalogueError,
    MissingRoutinesFileError,
    catalogue_from_data,
    merge,
    parse_catalogue,
    read_routines_data,
)
from tui.catalogue.model import Catalogue
from tui.catalogue.pretty import pretty_json
from tui.storage.atomic import FILE_MODE, atomic_write_bytes
from tui.untrusted import MissingFileError, UntrustedFileError, read_json_file

LOCK_WAIT_SECONDS = 5.0
"""How long a save waits for another loosen's save (each takes milliseconds)."""
TRASH_KEEP = 50
"""How many deleted routines and exercises the trash keeps."""


class UserFileError(Exception):
    """The user's routines file can't be changed; the message is one line."""


class RefusedToWrite(UserFileError):
    """The file holds content the loader rejects: rewriting it could lose what it meant."""


class EditRejected(UserFileError):
    """The edit would make a file the loader rejects; nothing was written."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(problems[0])
        self.problems = problems


class FileBusy(UserFileError):
    """Another loosen held the file's lock for longer than a save takes."""


def trash_file(path: Path) -> Path:
    """Where deleted routines and exercises of `path` are kept."""
    return path.with_name(f"{path.stem}-deleted.json")


def lock_file(path: Path) -> Path:
    """The lock every writer of `path` takes."""
    return path.with_name(f"{path.name}.lock")


def file_bytes(own: UserRoutines) -> bytes:
    """The file's bytes: the same content always gives the same bytes."""
    return pretty_json(own.to_data()).encode("utf-8")


@contextmanager
def _locked(path: Path, wait: float) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(lock_file(path), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, FILE_MODE)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as error:
                if error.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() >= deadline:
                    raise FileBusy(f"{path}: another loosen is saving it; try again") from None
                time.sleep(0.02)
        yield
    finally:
        os.close(fd)  # closing drops the lock


@dataclass(frozen=True)
class Saved:
    """The file after a change: its drafts, and the catalogue loosen now uses."""

    own: UserRoutines
    catalogue: Catalogue
    notices: tuple[str, ...] = ()
    """Sentences for the person, such as a damaged trash file moved aside."""


@dataclass(frozen=True)
class TrashEntry:
    """A deleted routine or exercise as the trash keeps it."""

    kind: Kind
    index: int
    entry: dict[str, Any]
    deleted_at: str


class UserRoutinesFile:
    """The user's own routines file at `path`, edited against the built-in catalogue `base`."""

    def __init__(
        self,
        path: Path,
        base: Catalogue,
        *,
        now: Callable[[], datetime] = datetime.now,
        wait: float = LOCK_WAIT_SECONDS,
    ) -> None:
        self.path = path
        self.base = base
        self._now = now
        self._wait = wait

    # Reading -------------------------------------------------------------------------

    def _target(self) -> Path:
        # A symlinked file (a dotfiles repo) is written where it points, keeping the link.
        return self.path.resolve() if self.path.is_symlink() else self.path

    def read(self) -> UserRoutines:
        """The file as drafts (empty if there is none); raises `RefusedToWrite` if it is bad."""
        try:
            data = read_routines_data(self.path)
            catalogue_from_data(data, str(self.path), base=self.base)
        except MissingRoutinesFileError:
            return UserRoutines()
        except CatalogueError as error:
            count = len(error.problems)
            more = f" (and {count - 1} more)" if count > 1 else ""
            raise RefusedToWrite(
                f"{error.problems[0]}{more}; loosen won't rewrite a file it can't fully read,"
                f" so nothing was saved: fix it first (loosen check {self.path})"
            ) from None
        assert isinstance(data, dict)
        return UserRoutines.from_data(data)

    def own_catalogue(self) -> OwnCatalogue:
        """The built-ins and the file as it is now, for the editors."""
        return OwnCatalogue(self.base, self.read())

    # Writing -------------------------------------------------------------------------

    def _write(self, data: dict[str, Any]) -> Saved:
        text = pretty_json(data)
        try:
            catalogue, _ = parse_catalogue(text, str(self.path), base=self.base)
        except CatalogueError as error:
            raise EditRejected(error.problems) from None
        atomic_write_bytes(self._target(), text.encode("utf-8"))
        merged = merge(self.base, catalogue.with_origins(str(self.path)))
        return Saved(UserRoutines.from_data(data), merged)

    def save(self, edit: Callable[[UserRoutines], UserRoutines]) -> Saved:
        """Apply `edit` to the file as it is on disk now, check the result and write it.

        Raises `RefusedToWrite`, `EditRejected`, `FileBusy` or the edit's `EditError`;
        in each case nothing was written.
        """
        with _locked(self.path, self._wait):
            return self._write(edit(self.read()).to_data())

    def delete(self, kind: Kind, entry_id: str) -> Saved:
        """Delete one of the user's routines or exercises, keeping it in the trash first."""
        with _locked(self.path, self._wait):
            own = self.read()
            if kind == "routine":
                smaller, deleted = delete_routine(own, entry_id)
            else:
                smaller, deleted = delete_exercise(own, entry_id)
            trash, notices = self._read_trash()
            stamp = self._now().isoformat(timespec="seconds")
            entry = TrashEntry(kind, deleted.index, deleted.entry.to_data(), stamp)
            # The trash is written first: a kill in between leaves the entry in both files.
            self._write_trash([*trash, entry][-TRASH_KEEP:])
            saved = self._write(smaller.to_data())
            return Saved(saved.own, saved.catalogue, notices)

    def undo_delete(self) -> Saved:
        """Put the newest deleted routine or exercise back where it was.

        Raises `EditError` when there is nothing to put back or its id is in use again,
        and `EditRejected` when it no longer loads (an exercise it used is gone).
        """
        with _locked(self.path, self._wait):
            trash, notices = self._read_trash()
            if not trash:
                raise EditError("nothing deleted to put back")
            newest = trash[-1]
            data = self.read().to_data()
            entries = data[f"{newest.kind}s"]
            entry_id = newest.entry.get("id")
            if any(entry["id"] == entry_id for entry in entries):
                raise EditError(
                    f"can't put back {newest.kind} {json.dumps(entry_id)}:"
                    " you have one with that id now"
                )
            entries.insert(min(newest.index, len(entries)), newest.entry)
            saved = self._write(data)
            self._write_trash(trash[:-1])
            return Saved(saved.own, saved.catalogue, notices)

    def deleted(self) -> list[TrashEntry]:
        """What the trash holds, oldest first."""
        return self._read_trash()[0]

    # The trash -----------------------------------------------------------------------

    def _read_trash(self) -> tuple[list[TrashEntry], tuple[str, ...]]:
        path = trash_file(self._target())
        try:
            data = read_json_file(path, label=str(path), max_bytes=MAX_FILE_BYTES)
            return _trash_entries(data), ()
        except MissingFileError:
            return [], ()
        except (UntrustedFileError, ValueError) as error:
            aside = path.with_name(f"{path.name}.damaged-{self._now():%Y%m%d-%H%M%S}")
            path.rename(aside)
            return [], (f"{error}; the trash was moved aside to {aside} and started afresh",)

    def _write_trash(self, entries: list[TrashEntry]) -> None:
        data = {
            "deleted": [
                {"deleted_at": e.deleted_at, "kind": e.kind, "index": e.index, "entry": e.entry}
                for e in entries
            ]
        }
        atomic_write_bytes(trash_file(self._target()), pretty_json(data).encode("utf-8"))


def _trash_entries(data: object) -> list[TrashEntry]:
    """The trash's entries; raises ValueError (one line) if it is not shaped as ours."""
    entries = data.get("deleted") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ValueError('the trash of deleted routines is damaged: no "deleted" list')
    found = []
    for number, item in enumerate(entries):
        ok = (
            isinstance(item, dict)
            and item.get("kind") in ("routine", "exercise")
            and type(item.get("index")) is int
            and item["index"] >= 0
            and isinstance(item.get("entry"), dict)
            and isinstance(item["entry"].get("id"), str)
            and isinstance(item.get("deleted_at"), str)
        )
        if not ok:
            raise ValueError(f"the trash of deleted routines is damaged: deleted[{number}]")
        found.append(TrashEntry(item["kind"], item["index"], item["entry"], item["deleted_at"]))
    return found
