"""Knowing a data dir's schema version and bringing old layouts up to date."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from tinydb import TinyDB

from tui.storage import layout
from tui.storage.atomic import fsync_dir, is_temp_name
from tui.storage.errors import DamagedFileError, StoreError
from tui.storage.files import DataFiles
from tui.storage.schema3 import add_new_fields, upgrade_summary_shards
from tui.storage.shards import History
from tui.storage.types import JSONObject, SessionRecord
from tui.storage.validate import SESSION_RECORD

Migration = Callable[[DataFiles, History, Path], None]


def recorded_version(files: DataFiles) -> int | None:
    """The schema version meta.json records, or None (no file, or no version in it)."""
    path = files.data_dir / layout.META

    def version(db: TinyDB) -> int | None:
        doc = db.table(layout.META_TABLE).get(doc_id=1)
        if doc is None:
            return None
        value = doc.get("schema_version")
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise DamagedFileError(path, "no valid schema_version")
        return value

    return files.run(path, version, None)


def guessed_version(data_dir: Path) -> int:
    """The schema version of a data dir whose meta.json is missing or was damaged.

    Schema 2 and 3 differ only in fields the history reader fills in when they are
    missing (`tui.storage.schema3`), so a dir without meta.json is read as it is.
    """
    return 1 if (data_dir / layout.V1_DATABASE).exists() else layout.SCHEMA_VERSION


def write_version(files: DataFiles, version: int) -> None:
    """Record the schema version the data dir is now in."""
    files.write_doc(files.data_dir / layout.META, layout.META_TABLE, {"schema_version": version})


def _unique_dir(parent: Path, name: str) -> Path:
    target, n = parent / name, 0
    while target.exists():
        n += 1
        target = parent / f"{name}-{n}"
    return target


def back_up(data_dir: Path, old_version: int, now: datetime) -> Path:
    """Copy every data file to `backup-v{old}-{timestamp}/` (not the lock, temps or backups)."""
    backup = _unique_dir(data_dir, f"backup-v{old_version}-{now:%Y%m%d-%H%M%S}")
    backup.mkdir(mode=0o700)
    os.chmod(backup, 0o700)
    for entry in sorted(data_dir.iterdir()):
        if entry.name == layout.LOCK or entry.name.startswith("backup-"):
            continue
        if is_temp_name(entry.name):
            continue
        if entry.is_dir():
            shutil.copytree(entry, backup / entry.name, ignore=_ignore_temps)
        else:
            shutil.copy2(entry, backup / entry.name)
    fsync_dir(data_dir)
    return backup


def _ignore_temps(_directory: str, names: list[str]) -> list[str]:
    return [name for name in names if is_temp_name(name)]


def _v1_to_v2(files: DataFiles, history: History, backup: Path) -> None:
    """One `loosen.json` (tables "sessions" and "active") → active.json and history shards."""
    source = files.data_dir / layout.V1_DATABASE

    def load(db: TinyDB) -> tuple[list[JSONObject], list[JSONObject]]:
        return [dict(d) for d in db.table("sessions")], [dict(d) for d in db.table("active")]

    nothing: tuple[list[JSONObject], list[JSONObject]] = ([], [])
    sessions, actives = files.run(source, load, nothing)
    usable: dict[str, SessionRecord] = {}
    problems: list[str] = []
    for index, record in enumerate(sessions):
        add_new_fields(record)  # history is written in today's schema, not schema 2's
        if SESSION_RECORD.accepts(record):
            usable[record["id"]] = record
        else:
            problems.append(SESSION_RECORD.problems(record, f"sessions[{index}]")[0])
    history.put(usable.values())  # replaces by id, so a re-run after a kill adds no copies
    active = actives[0] if actives else None
    if active is not None and active.get("id") not in usable:
        files.write_doc(files.data_dir / layout.ACTIVE, layout.ACTIVE_TABLE, {"session": active})
    if problems:
        files.notices.append(
            f"{len(problems)} session(s) in {layout.V1_DATABASE} could not be carried over "
            f"(first: {problems[0]}); the original file is kept in {backup}"
        )
    if source.exists():
        os.replace(source, backup / layout.V1_DATABASE)
        fsync_dir(backup)
        fsync_dir(files.data_dir)


def _v2_to_v3(_files: DataFiles, history: History, _backup: Path) -> None:
    """Every session summary gains `check_in` and `edited_at` (null); sets are unchanged."""
    upgrade_summary_shards(history.directory)


# MIGRATIONS[n] takes a data dir from schema n to n + 1; they run in order.
MIGRATIONS: dict[int, Migration] = {1: _v1_to_v2, 2: _v2_to_v3}


def upgrade(files: DataFiles, history: History, found: int, now: datetime) -> None:
    """Bring the data dir from schema `found` to the current one, backing it up first."""
    data_dir = files.data_dir
    if found > layout.SCHEMA_VERSION:
        raise StoreError(
            f"{data_dir} holds data schema {found}, newer than this loosen knows "
            f"({layout.SCHEMA_VERSION}); upgrade loosen to use it"
        )
    if found == layout.SCHEMA_VERSION:
        return
    if files.read_only:
        raise StoreError(
            f"{data_dir} needs upgrading, but another loosen is using it; close it and try again"
        )
    try:
        backup = back_up(data_dir, found, now)
    except OSError as error:
        raise StoreError(f"cannot back up {data_dir} before upgrading: {error}") from None
    for version in range(found, layout.SCHEMA_VERSION):
        MIGRATIONS[version](files, history, backup)
        write_version(files, version + 1)
