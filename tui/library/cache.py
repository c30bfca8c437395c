"""The library's exercises kept ready for the catalogue, so loosen starts as fast with 873.

Reading `library.json` checks every field of every record and converts each to an
exercise, and needs the library's modules (about 50 ms at 873 exercises, against 1.5 ms
for the built-ins). `library/catalogue-cache.json` holds the result: the exercises as
compact arrays, made for one exact library file (its size, time, inode and device) and
one version of loosen. Anything else, or any field of the wrong type, and the cache is
ignored and made again from the library: it is never the only copy of anything.
"""

from __future__ import annotations

import gc
import json
import os
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from tui import __version__
from tui.catalogue.model import (
    Cue,
    CueKind,
    Dosage,
    DosageOrigin,
    Exercise,
    ExerciseKind,
    Source,
)
from tui.storage.atomic import FILE_MODE, temp_name
from tui.untrusted import UntrustedFileError, read_regular_file

CACHE_FILE = "catalogue-cache.json"
FORMAT = 2
MAX_BYTES = 64_000_000

Key = list[object]


def cache_file(library_file: Path) -> Path:
    """The cache beside the library file."""
    return library_file.with_name(CACHE_FILE)


def cache_key(library_file: Path) -> Key | None:
    """What identifies this exact library file (and this loosen), or None if it is gone."""
    try:
        info = library_file.stat()
    except OSError:
        return None
    return [__version__, FORMAT, info.st_size, info.st_mtime_ns, info.st_ino, info.st_dev]


# Writing ---------------------------------------------------------------------------


def exercise_row(e: Exercise) -> list[object]:
    """An exercise as the cache keeps it: one array, fields in a fixed order."""
    d, s = e.dosage, e.source
    return [
        e.id,
        e.name,
        e.summary,
        [[cue.kind.value, cue.text] for cue in e.cues],
        [
            d.sets,
            d.reps,
            d.hold_seconds,
            d.per_side,
            d.rest_seconds,
            d.switch_seconds,
            d.origin.value,
            d.tempo_seconds,
        ],
        list(e.equipment),
        e.who,
        e.why,
        e.frequency,
        e.region,
        e.kind.value,
        [s.title, s.author, s.note, s.license, s.license_url, s.url],
        e.category,
        list(e.primary_muscles),
        list(e.secondary_muscles),
        e.level,
        e.side_meaning,
    ]


def write_cache(library_file: Path, key: Key, exercises: tuple[Exercise, ...]) -> None:
    """Keep `exercises` as made from the library file `key` names; quietly gives up on errors.

    No fsync: a cache cut short by a crash reads as damaged and is made again.
    """
    payload = json.dumps(
        {"key": key, "exercises": [exercise_row(e) for e in exercises]},
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode("utf-8", "surrogatepass")
    path = cache_file(library_file)
    temp = temp_name(path)
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, FILE_MODE)
        try:
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
        os.replace(temp, path)
    except OSError:
        with suppress(OSError):
            temp.unlink(missing_ok=True)


# Reading ---------------------------------------------------------------------------


class DamagedCacheError(ValueError):
    """The cache holds something the catalogue can't use."""


# Checked with `type(...) is` and enums looked up in dicts: this runs for every field of
# every exercise at each start, and Enum calls and isinstance cost several times more.
_CUE_KINDS = {kind.value: kind for kind in CueKind}
_KINDS = {kind.value: kind for kind in ExerciseKind}
_ORIGINS = {origin.value: origin for origin in DosageOrigin}


def _texts(value: object) -> tuple[str, ...]:
    if type(value) is not list or any(type(item) is not str for item in value):
        raise DamagedCacheError
    return tuple(value)


def _check(values: tuple[object, ...], kind: type) -> None:
    """Each value of exactly this type."""
    if any(type(value) is not kind for value in values):
        raise DamagedCacheError


def _check_maybe(values: tuple[object, ...], kind: type) -> None:
    """Each value of exactly this type, or null."""
    if any(value is not None and type(value) is not kind for value in values):
        raise DamagedCacheError


def _exercise(row: object) -> Exercise:
    if type(row) is not list or len(row) != 17:
        raise DamagedCacheError
    (ident, name, summary, cue_rows, dosage, equipment, who, why, frequency, region, kind,
     source, category, primary, secondary, level, side_meaning) = row  # fmt: skip
    _check((ident, name, summary, who, why, frequency, region), str)
    _check_maybe((category, level, side_meaning), str)
    if type(cue_rows) is not list or not cue_rows:
        raise DamagedCacheError
    cues = []
    for cue in cue_rows:
        if type(cue) is not list or len(cue) != 2 or type(cue[1]) is not str:
            raise DamagedCacheError
        cues.append(Cue(_CUE_KINDS[cue[0]], cue[1]))
    if type(dosage) is not list or len(dosage) != 8:
        raise DamagedCacheError
    sets, reps, hold, per_side, rest, switch, origin, tempo = dosage
    _check((sets, rest, switch), int)
    _check((per_side,), bool)
    _check_maybe((reps, hold, tempo), int)
    if type(source) is not list or len(source) != 6:
        raise DamagedCacheError
    _check((source[0],), str)
    _check_maybe(tuple(source[1:]), str)
    return Exercise(
        ident,
        name,
        summary,
        tuple(cues),
        Dosage(sets, reps, hold, per_side, rest, switch, _ORIGINS[origin], tempo),
        _texts(equipment),
        who,
        why,
        frequency,
        region,
        _KINDS[kind],
        Source(*source),
        category,
        _texts(primary),
        _texts(secondary),
        level,
        side_meaning,
    )


def read_cache(library_file: Path, key: Key) -> tuple[Exercise, ...] | None:
    """The exercises cached for the library file `key` names; None if there are none to use."""
    path = cache_file(library_file)
    # Tens of thousands of objects and no cycles: the collector would only slow it down.
    collecting = gc.isenabled()
    gc.disable()
    try:
        data = json.loads(read_regular_file(path, label=str(path), max_bytes=MAX_BYTES))
        if type(data) is not dict or data.get("key") != key:
            return None
        rows = data.get("exercises")
        if type(rows) is not list:
            return None
        return tuple(_exercise(row) for row in rows)
    except (UntrustedFileError, ValueError, TypeError, KeyError, RecursionError, MemoryError):
        # Missing, not a regular file, not JSON, a wrong type or value: made again.
        return None
    finally:
        if collecting:
            gc.enable()


def cached(library_file: Path, make: Callable[[], tuple[Exercise, ...]]) -> tuple[Exercise, ...]:
    """The library's exercises from the cache, or from `make` (then cached for next time)."""
    key = cache_key(library_file)
    if key is not None and (exercises := read_cache(library_file, key)) is not None:
        return exercises
    exercises = make()
    # Cached only if the library file is still the one read: otherwise next time makes it.
    if key is not None and cache_key(library_file) == key:
        write_cache(library_file, key, exercises)
    return exercises
