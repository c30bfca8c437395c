"""Changing the library: import, add the bundled set, remove, reset. All or nothing.

Every change reads and checks everything first, then replaces the library file in one
atomic write while holding `library/lock`; on any problem the file is left as it was.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from tui.library import wger
from tui.library.bundled import BUILTIN_STRETCHES, BUNDLED_SETS, ORIGIN, bundled_stretches
from tui.library.exercises import decided, to_exercise
from tui.library.formats import FORMATS, convert
from tui.library.layout import LOCK, library_dir, library_file
from tui.library.reading import read_json
from tui.library.record import LibraryError, LibraryRecord, quoted
from tui.library.shelf import Library, Section, read_library, write_library
from tui.storage.atomic import fsync_dir
from tui.storage.dirs import make_private_dir, remove_leftover_temps
from tui.storage.errors import StoreError
from tui.storage.lock import DirLock

MAX_IMPORT_BYTES = 32_000_000
"""The largest file `library import` reads: the full free-exercise-db is 1 MB."""

Clock = Callable[[], datetime]


def _local_now() -> datetime:
    return datetime.now().astimezone()


class Change(NamedTuple):
    """What a change did, for the command to report."""

    section: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    skipped: tuple[str, ...] = ()


@contextmanager
def _locked(data_dir: Path) -> Iterator[None]:
    try:
        make_private_dir(data_dir)
        make_private_dir(library_dir(data_dir))
        lock = DirLock.try_acquire(library_dir(data_dir) / LOCK)
    except StoreError as error:
        raise LibraryError(str(error)) from None
    try:
        if not lock.held:
            raise LibraryError(
                f"{library_dir(data_dir)}: another loosen is changing the library; try again"
            )
        remove_leftover_temps(library_dir(data_dir))  # from a write that was killed
        yield
    finally:
        lock.release()


def _printable_path(path: Path) -> str:
    # A file name that is not UTF-8 would not survive the JSON of the library file.
    return os.fsencode(path).decode("utf-8", "replace")


def _merged(
    old: Section | None, records: tuple[LibraryRecord, ...]
) -> tuple[tuple[LibraryRecord, ...], Change]:
    """Old records updated by id from the new ones, new ids added at the end."""
    old_records = old.records if old else ()
    incoming = {record.id: record for record in records}
    previous = {record.id: record for record in old_records}
    unchanged = sum(previous.get(r.id) == r for r in records)
    kept = [incoming.pop(r.id, r) for r in old_records]
    change = Change(
        section="",
        added=len(incoming),
        updated=len(records) - len(incoming) - unchanged,
        unchanged=unchanged,
    )
    return (*kept, *incoming.values()), change


def import_file(
    data_dir: Path,
    path: Path,
    file_format: str | None = None,
    *,
    language: int = wger.ENGLISH,
    now: Clock = _local_now,
) -> Change:
    """Import an exercise database file; its exercises update earlier ones of the same id."""
    if file_format is not None and file_format not in FORMATS:
        raise LibraryError(f"unknown format {quoted(file_format)}; known: {', '.join(FORMATS)}")
    label = str(path)
    chosen, conversion = convert(read_json(path, MAX_IMPORT_BYTES), label, file_format, language)
    if not conversion.records:
        reason = f" ({len(conversion.skipped)} left out, e.g. {conversion.skipped[0]})"
        raise LibraryError(f"{label}: no exercises to import{reason if conversion.skipped else ''}")
    records = tuple(decided(record) for record in conversion.records)
    for record in records:
        to_exercise(record, chosen)  # proves each makes a catalogue exercise before writing
    with _locked(data_dir):
        library = read_library(data_dir)
        merged, change = _merged(library.section(chosen), records)
        section = Section(
            name=chosen,
            format=chosen,
            updated=now().isoformat(timespec="seconds"),
            origin=_printable_path(path.absolute()),
            records=merged,
        )
        write_library(data_dir, library.with_section(section))
    return change._replace(section=chosen, skipped=conversion.skipped)


def add_bundled(data_dir: Path, name: str, *, now: Clock = _local_now) -> Change:
    """Add (or refresh) a set that ships with loosen, such as the built-in stretches."""
    if name not in BUNDLED_SETS:
        raise LibraryError(f"no bundled set {quoted(name)}; there is {', '.join(BUNDLED_SETS)}")
    records = tuple(decided(record) for record in bundled_stretches().records)
    with _locked(data_dir):
        library = read_library(data_dir)
        # The set is replaced whole: what ships with this loosen is the set.
        _, change = _merged(library.section(BUILTIN_STRETCHES), records)
        section = Section(
            name=BUILTIN_STRETCHES,
            format="free-exercise-db",
            updated=now().isoformat(timespec="seconds"),
            origin=ORIGIN,
            records=records,
        )
        write_library(data_dir, library.with_section(section))
    return change._replace(section=name)


def _without_exercise(library: Library, exercise_id: str) -> Library:
    sections = []
    for section in library.sections:
        kept = tuple(record for record in section.records if record.id != exercise_id)
        if kept:
            sections.append(section._replace(records=kept))
    return Library(tuple(sections))


def remove(
    data_dir: Path, target: str, *, still_valid: Callable[[Library], str | None] | None = None
) -> Change:
    """Remove a whole source (or bundled set) by name, or one exercise by id.

    `still_valid`, given the library as it would be, returns a problem that forbids the
    change (such as a routine of the user's that uses the exercise), or None.
    """
    with _locked(data_dir):
        library = read_library(data_dir)
        section = library.section(target)
        if section is not None:
            changed, removed = library.without(target), len(section.records)
        else:
            changed = _without_exercise(library, target)
            before = sum(len(s.records) for s in library.sections)
            removed = int(before > sum(len(s.records) for s in changed.sections))
        if not removed and section is None:
            known = ", ".join(s.name for s in library.sections) or "none"
            raise LibraryError(
                f"no source or exercise {quoted(target)} in the library (sources: {known})"
            )
        problem = still_valid(changed) if still_valid else None
        if problem:
            raise LibraryError(f"not removing {quoted(target)}: {problem}")
        write_library(data_dir, changed)
    return Change(target, removed=removed)


def reset(data_dir: Path, *, now: Clock = _local_now) -> Path:
    """Move the library file aside (renamed, never deleted), whatever state it is in."""
    path = library_file(data_dir)
    with _locked(data_dir):
        if not path.exists():
            raise LibraryError(f"{path}: no library file to set aside")
        base = f"{path.name}.set-aside-{now():%Y%m%d-%H%M%S}"
        target, n = path.with_name(base), 0
        while target.exists():
            n += 1
            target = path.with_name(f"{base}-{n}")
        os.rename(path, target)
        fsync_dir(path.parent)
    return target
