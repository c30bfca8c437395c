"""Reading a history shard record by record: bad records set aside, damaged files salvaged.

Every record is validated as it is read. A record that fails goes to the shard's
`.rejected` file (see `tui.storage.rejects`) and the shard is written back without it;
a shard that does not parse is copied aside byte for byte as `.damaged-...` and written
back with every record that could still be read. Either way the user is told once,
with the counts, through `DataFiles.notices`. A read-only Store changes nothing: it
lists what it can read and says what it skipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Generic

from tui.storage.atomic import AtomicJSONStorage, atomic_write_bytes
from tui.storage.errors import DamagedFileError, StoreError
from tui.storage.files import DataFiles, damaged_name
from tui.storage.reading import parse_json, read_regular
from tui.storage.rejects import set_aside
from tui.storage.salvage import salvage_tables
from tui.storage.shard_format import Doc, ShardFormat, Tables, Unpacked


@dataclass
class Loaded(Generic[Doc]):
    """The good records of a shard, and its tables to change and write back.

    `tables` is None when the file could not be read or mended: nothing may write it then.
    """

    good: list[Doc]
    tables: Tables | None


def _unicode_escapes(raw: bytes) -> bool:
    # A lone surrogate can only reach a parsed string through a \\ud800-style escape.
    return b"\\ud" in raw or b"\\uD" in raw


def load_shard(
    files: DataFiles, path: Path, fmt: ShardFormat[Doc], *, strict: bool = False
) -> Loaded[Doc]:
    """Read, validate and if need be mend the shard at `path`.

    A file that cannot be read (a directory in its place, no permission) raises
    StoreError when `strict`, for writers and export; otherwise it is reported once
    and reads as empty.
    """
    try:
        raw = read_regular(path)
    except OSError as error:
        if strict:
            raise StoreError(f"cannot use {path}: {error.strerror or error}") from None
        files.unreadable(path, error)
        return Loaded([], None)
    if raw is None or not raw.strip():
        return Loaded([], {})
    try:
        data = parse_json(path, raw)
        unpacked = fmt.unpack(path, data, unicode=_unicode_escapes(raw))
    except DamagedFileError as damage:
        salvaged = salvage_tables(raw.decode("utf-8", "surrogateescape"), fmt.tables)
        unpacked = fmt.unpack(path, salvaged.tables, unicode=True)
        return _mend(files, path, fmt, unpacked, raw, damage, salvaged.unreadable, strict)
    if unpacked.bad:
        return _mend(files, path, fmt, unpacked, raw, None, 0, strict)
    return Loaded(unpacked.good, data)


def _mend(
    files: DataFiles,
    path: Path,
    fmt: ShardFormat[Doc],
    unpacked: Unpacked[Doc],
    raw: bytes,
    damage: DamagedFileError | None,
    unreadable: int,
    strict: bool,
) -> Loaded[Doc]:
    name = files.relative(path)
    good, bad = unpacked.good, unpacked.bad
    first = f" (first: {bad[0].problems[0]})" if bad else ""
    if files.read_only:
        if damage is not None:
            what = f"is damaged ({damage.reason}); {fmt.noun(len(good))} could still be read"
            skipped = "the rest was skipped"
        else:
            what = f"has {fmt.noun(len(bad))} that are not valid{first}"
            skipped = "they were skipped"
        files.notice_once(
            f"{name} {what}; {skipped} and the file left in place because history is read-only here"
        )
        return Loaded(good, None)
    packed = fmt.pack(good)
    now = files.now()
    try:
        kept = set_aside(path, bad, now) if bad else None
        copy = damaged_name(path, now)
        if damage is not None:
            atomic_write_bytes(copy, raw)  # a copy first: a kill now leaves both files
        AtomicJSONStorage(path).write(packed)
    except (OSError, ValueError, RecursionError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        problem = f"has {fmt.noun(len(bad))} not valid"
        if damage is not None:
            problem = f"is damaged ({damage.reason})"
        message = f"{name} {problem} and could not be mended ({reason}); it was left as it is"
        if strict:
            raise StoreError(message) from None
        files.notice_once(message)
        return Loaded(good, None)
    parts = []
    if damage is not None:
        lost = f" and {unreadable} could not be read" if unreadable else ""
        parts.append(
            f"{name} was damaged ({damage.reason}) and has been moved to {copy}; "
            f"{fmt.noun(len(good))} were saved from it{lost}"
        )
    if kept is not None:
        where = "" if parts else f"{name}: "
        parts.append(
            f"{where}{fmt.noun(len(bad))} were not valid and have been moved to {kept}{first}"
        )
    files.notices.append("; ".join(parts))
    return Loaded(good, packed)
