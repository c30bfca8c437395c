"""The library file: sections of records, one per source, read back with every field checked.

    {"schema_version": 1,
     "sections": [{"name": "wger", "format": "wger", "updated": "2026-12-01T10:00:00+01:00",
                   "origin": "/home/me/exerciseinfo.json", "records": [{...}, ...]}]}

Each record holds the facts its source gives (name, steps, category, muscles, equipment,
level, licence, authors) and the choices loosen made on import (`dosage`, `setup_steps`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, NamedTuple

from tui.catalogue.loader import ID_PATTERN
from tui.catalogue.model import Dosage
from tui.library.layout import library_dir, library_file
from tui.library.reading import read_json
from tui.library.record import LibraryError, LibraryRecord, describe
from tui.storage.atomic import atomic_write_bytes
from tui.storage.dirs import make_private_dir
from tui.storage.errors import StoreError

SCHEMA_VERSION = 1
MAX_BYTES = 64_000_000


class DamagedLibraryError(LibraryError):
    """The library file exists but cannot be read back; it is never overwritten."""


class Section(NamedTuple):
    """The exercises that came from one source."""

    name: str
    """"free-exercise-db", "wger" or "builtin-stretches": what `library remove` takes."""
    format: str
    """The database the records come from, which decides how they are credited."""
    updated: str
    """When the section was last imported, as an ISO 8601 local time."""
    origin: str
    """The file imported from, or where a bundled set comes from."""
    records: tuple[LibraryRecord, ...]


class Library(NamedTuple):
    """Every section of the library, in the order they were first added."""

    sections: tuple[Section, ...] = ()

    def section(self, name: str) -> Section | None:
        """The section of this name, if any."""
        return next((s for s in self.sections if s.name == name), None)

    def with_section(self, section: Section) -> Library:
        """The library with `section` replacing the one of its name, or added at the end."""
        if self.section(section.name) is None:
            return Library((*self.sections, section))
        return Library(tuple(section if s.name == section.name else s for s in self.sections))

    def without(self, name: str) -> Library:
        """The library without the section `name`."""
        return Library(tuple(s for s in self.sections if s.name != name))


# Writing ---------------------------------------------------------------------------


def _dosage_data(dosage: Dosage) -> dict[str, Any]:
    amount = {"hold_seconds": dosage.hold_seconds} if dosage.is_hold else {"reps": dosage.reps}
    return {
        "sets": dosage.sets,
        **amount,
        "per_side": dosage.per_side,
        "rest_seconds": dosage.rest_seconds,
        "switch_seconds": dosage.switch_seconds,
    }


def _record_data(record: LibraryRecord) -> dict[str, Any]:
    if record.dosage is None or record.setup_steps is None:
        raise ValueError(f"record {record.id} has no dosage chosen")  # a bug, not bad input
    return {
        "id": record.id,
        "source_id": record.source_id,
        "name": record.name,
        "steps": list(record.steps),
        "setup_steps": record.setup_steps,
        "category": record.category,
        "primary_muscles": list(record.primary_muscles),
        "secondary_muscles": list(record.secondary_muscles),
        "equipment": list(record.equipment),
        "level": record.level,
        "license": record.license,
        "license_url": record.license_url,
        "authors": list(record.authors),
        "dosage": _dosage_data(record.dosage),
    }


def library_bytes(library: Library) -> bytes:
    """The library file's content: UTF-8 JSON, one record a line so diffs stay readable."""
    sections = []
    for section in library.sections:
        head = {k: v for k, v in section._asdict().items() if k != "records"}
        records = ",\n".join(
            json.dumps(_record_data(r), ensure_ascii=False, separators=(",", ":"))
            for r in section.records
        )
        sections.append(
            json.dumps(head, ensure_ascii=False)[:-1] + ',"records":[\n' + records + "]}"
        )
    text = f'{{"schema_version":{SCHEMA_VERSION},"sections":[\n' + ",\n".join(sections) + "]}\n"
    return text.encode("utf-8")


def write_library(data_dir: Path, library: Library) -> None:
    """Replace the library file atomically (0600 in a 0700 dir); raises `LibraryError`."""
    payload = library_bytes(library)
    try:
        make_private_dir(data_dir)
        make_private_dir(library_dir(data_dir))
        atomic_write_bytes(library_file(data_dir), payload)
    except StoreError as error:
        raise LibraryError(str(error)) from None
    except OSError as error:
        path = library_file(data_dir)
        raise LibraryError(f"{path}: cannot write: {error.strerror or error}") from None
    _refresh_cache(data_dir, library)


def _refresh_cache(data_dir: Path, library: Library) -> None:
    """Make the catalogue's cache of the new library now, so the next start needs no other."""
    from tui.library.cache import cache_key, write_cache
    from tui.library.catalogue import library_exercises

    path = library_file(data_dir)
    if (key := cache_key(path)) is not None:
        write_cache(path, key, library_exercises(library))


# Reading ---------------------------------------------------------------------------


class _Check:
    """Checks the types of a library file's fields; it was written by loosen, so no cleaning."""

    def __init__(self, label: str) -> None:
        self.label = label

    def fail(self, path: str, message: str) -> DamagedLibraryError:
        return DamagedLibraryError(f"{self.label}: {path}: {message}")

    def obj(self, value: object, path: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(path, f"expected an object, got {describe(value)}")
        return value

    def text(self, obj: dict[str, Any], path: str, key: str, *, optional: bool = False) -> Any:
        value = obj.get(key)
        if optional and value is None:
            return None
        if not isinstance(value, str) or not value:
            raise self.fail(f"{path}.{key}", f"expected a non-empty string, got {describe(value)}")
        return value

    def texts(self, obj: dict[str, Any], path: str, key: str) -> tuple[str, ...]:
        value = obj.get(key)
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise self.fail(f"{path}.{key}", "expected a list of non-empty strings")
        return tuple(value)

    def number(self, obj: dict[str, Any], path: str, key: str, low: int, high: int) -> Any:
        value = obj.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise self.fail(f"{path}.{key}", f"expected a whole number {low}-{high}")
        return value

    def dosage(self, value: object, path: str) -> Dosage:
        obj = self.obj(value, path)
        if ("reps" in obj) == ("hold_seconds" in obj):
            raise self.fail(path, 'expected one of "reps" and "hold_seconds"')
        per_side = obj.get("per_side")
        if not isinstance(per_side, bool):
            raise self.fail(f"{path}.per_side", "expected true or false")
        return Dosage(
            sets=self.number(obj, path, "sets", 1, 50),
            reps=self.number(obj, path, "reps", 1, 500) if "reps" in obj else None,
            hold_seconds=(
                self.number(obj, path, "hold_seconds", 1, 3600) if "hold_seconds" in obj else None
            ),
            per_side=per_side,
            rest_seconds=self.number(obj, path, "rest_seconds", 0, 3600),
            switch_seconds=self.number(obj, path, "switch_seconds", 0, 3600),
        )

    def record(self, value: object, path: str) -> LibraryRecord:
        obj = self.obj(value, path)
        record_id = self.text(obj, path, "id")
        if not ID_PATTERN.match(record_id):
            raise self.fail(f"{path}.id", f"{describe(record_id)} is not a loosen id")
        steps = self.texts(obj, path, "steps")
        if not steps:
            raise self.fail(f"{path}.steps", "expected at least one step")
        return LibraryRecord(
            id=record_id,
            source_id=self.text(obj, path, "source_id"),
            name=self.text(obj, path, "name"),
            steps=steps,
            category=self.text(obj, path, "category"),
            primary_muscles=self.texts(obj, path, "primary_muscles"),
            secondary_muscles=self.texts(obj, path, "secondary_muscles"),
            equipment=self.texts(obj, path, "equipment"),
            level=self.text(obj, path, "level", optional=True),
            license=self.text(obj, path, "license", optional=True),
            license_url=self.text(obj, path, "license_url", optional=True),
            authors=self.texts(obj, path, "authors"),
            dosage=self.dosage(obj.get("dosage"), f"{path}.dosage"),
            setup_steps=self.number(obj, path, "setup_steps", 0, len(steps)),
        )

    def section(self, value: object, path: str, seen: set[str]) -> Section:
        obj = self.obj(value, path)
        records = obj.get("records")
        if not isinstance(records, list):
            raise self.fail(f"{path}.records", f"expected a list, got {describe(records)}")
        checked = []
        own: set[str] = set()
        for index, item in enumerate(records):
            record = self.record(item, f"{path}.records[{index}]")
            if record.id in own:
                raise self.fail(f"{path}.records[{index}].id", f"duplicate id {record.id}")
            own.add(record.id)
            checked.append(record)
        name = self.text(obj, path, "name")
        if name in seen:
            raise self.fail(f"{path}.name", f"duplicate section {describe(name)}")
        seen.add(name)
        return Section(
            name=name,
            format=self.text(obj, path, "format"),
            updated=self.text(obj, path, "updated"),
            origin=self.text(obj, path, "origin"),
            records=tuple(checked),
        )


def parse_library(data: object, label: str) -> Library:
    """The library in parsed JSON; raises `DamagedLibraryError` naming the first bad field."""
    check = _Check(label)
    top = check.obj(data, "")
    if top.get("schema_version") != SCHEMA_VERSION:
        version = describe(top.get("schema_version"))
        raise DamagedLibraryError(
            f"{label}: schema_version: expected {SCHEMA_VERSION}, got {version}"
            " (written by another version of loosen?)"
        )
    sections = top.get("sections")
    if not isinstance(sections, list):
        raise check.fail("sections", f"expected a list, got {describe(sections)}")
    seen: set[str] = set()
    return Library(
        tuple(check.section(value, f"sections[{i}]", seen) for i, value in enumerate(sections))
    )


def read_library(data_dir: Path) -> Library:
    """The library in the data dir: empty when there is none; raises `DamagedLibraryError`."""
    path = library_file(data_dir)
    try:
        path.lstat()
    except FileNotFoundError:
        return Library()
    except OSError as error:
        raise DamagedLibraryError(f"{path}: cannot read: {error.strerror or error}") from None
    try:
        data = read_json(path, MAX_BYTES)
    except DamagedLibraryError:
        raise
    except LibraryError as error:
        raise DamagedLibraryError(str(error)) from None
    return parse_library(data, str(path))
