"""Replacing files atomically and durably: one at a time (and as TinyDB storage) or in a batch."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Mapping
from itertools import chain
from pathlib import Path
from types import TracebackType
from typing import Any

import orjson
from tinydb.storages import Storage

from tui.storage.reading import parse_tables, read_regular

FILE_MODE = 0o600
_TEMP_NAME = re.compile(r"^\..+\.tmp-[0-9a-f]{12}$")


def temp_name(target: Path) -> Path:
    """A fresh temp-file path next to `target`, recognisable as ours: `.NAME.tmp-<hex>`."""
    return target.with_name(f".{target.name}.tmp-{os.urandom(6).hex()}")


def is_temp_name(name: str) -> bool:
    """Whether `name` is a temp file left by an interrupted atomic write."""
    return _TEMP_NAME.match(name) is not None


def fsync_dir(directory: Path) -> None:
    """Make renames and unlinks in `directory` durable."""
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# What loosen writes is parsed JSON or built from it, never a cycle, so the encoder does not
# keep the table of what it has entered that finds one (a sixth of an import's encoding).
# A cycle would still end in RecursionError, before anything is written.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)


def json_payload(data: Any, *, plain: bool = False) -> bytes:
    """`data` as the compact UTF-8 JSON every data file is written in.

    `plain`: the caller has made sure (see `plain_values`) that `data` holds no number but
    whole ones, so orjson, six times faster and byte for byte the same for such data, may
    write it. (It spells some floats otherwise, and NaN as null.)
    """
    if plain:
        try:
            return orjson.dumps(data)
        except (TypeError, orjson.JSONEncodeError):  # an int over 64 bits, a lone surrogate
            pass  # the standard library's encoder writes the first and refuses the second
    return _ENCODER.encode(data).encode("utf-8")


_PLAIN_VALUES = frozenset((str, int, bool, type(None)))


def plain_values(objects: Iterable[dict[str, Any]]) -> bool:
    """Whether every value of every one of `objects` is text, a whole number, a bool or null."""
    return _PLAIN_VALUES.issuperset(map(type, chain.from_iterable(map(dict.values, objects))))


def all_are(kind: type, values: Iterable[Any]) -> bool:
    """Whether every one of `values` is exactly a `kind` (not a subclass), at C speed."""
    return frozenset((kind,)).issuperset(map(type, values))


def _write_temp(path: Path, payload: bytes, *, sync: bool) -> Path:
    """A new temp file beside `path` holding `payload` (fsynced if `sync`); removed on failure."""
    temp = temp_name(path)
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, FILE_MODE)
    try:
        try:
            os.fchmod(fd, FILE_MODE)  # the umask may have taken bits away; never adds any
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view) :]
            if sync:
                os.fsync(fd)
        finally:
            os.close(fd)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def atomic_write_bytes(path: Path, payload: bytes) -> None:
    """Replace `path` with `payload`: readers see the old or the new file, never a mix."""
    temp = _write_temp(path, payload, sync=True)
    try:
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


SYNC_EACH_UP_TO = 8
"""A batch of at most this many files fsyncs each; a larger one flushes its file system once."""


class AtomicBatch:
    """Replace many files, each atomically, with one flush to disk: for bulk writes (imports).

    `add` writes each new content to a temp file beside its target; `then` starts a new
    stage. `commit` makes every temp file durable first, then renames stage by stage,
    fsyncing each directory touched once per stage, so a rename is never on disk before
    those of an earlier stage. A kill at any moment leaves each file old or new, and temp
    files that `remove_leftover_temps` clears. Leaving the `with` block (committed or
    not, by an error or not) removes every temp file not yet renamed.
    """

    def __init__(self) -> None:
        self._stages: list[list[tuple[Path, Path]]] = [[]]
        self._pending: set[Path] = set()  # temp files not yet renamed

    def __enter__(self) -> AtomicBatch:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.discard()

    def add(self, path: Path, payload: bytes) -> None:
        """Write what is to replace `path`: to a temp file beside it, not yet flushed."""
        temp = _write_temp(path, payload, sync=False)
        self._pending.add(temp)
        self._stages[-1].append((temp, path))

    def then(self) -> None:
        """Start a new stage: what is added next is renamed once the earlier stages are durable."""
        if self._stages[-1]:
            self._stages.append([])

    def commit(self) -> None:
        """Flush every temp file, then rename stage by stage, each stage durable before the next."""
        _make_durable(sorted(self._pending))
        for stage in self._stages:
            directories: dict[Path, None] = {}
            for temp, path in stage:
                try:
                    os.replace(temp, path)
                except OSError as error:  # named by the file it was to replace, not the temp
                    raise OSError(error.errno, error.strerror, str(path)) from error
                self._pending.discard(temp)
                directories[path.parent] = None
            for directory in directories:
                fsync_dir(directory)
        self._stages = [[]]

    def discard(self) -> None:
        """Remove the temp files not renamed (after a failure; nothing after a commit)."""
        for temp in sorted(self._pending):
            try:
                temp.unlink(missing_ok=True)
            except OSError:
                continue  # left for remove_leftover_temps
            self._pending.discard(temp)
        self._stages = [[]]


def _make_durable(temps: list[Path]) -> None:
    """Get the contents of `temps` onto the disk: fsync each, or flush their file systems."""
    if len(temps) > SYNC_EACH_UP_TO:
        syncfs = _syncfs()
        if syncfs is not None:
            parents = {temp.parent for temp in temps}
            devices = {os.stat(parent).st_dev: parent for parent in parents}
            for directory in devices.values():
                syncfs(directory)
            return
    for temp in temps:
        fd = os.open(temp, os.O_RDONLY | os.O_CLOEXEC)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _syncfs() -> Callable[[Path], None] | None:
    """Linux's syncfs(2), flushing one file system (and saying if writes failed), or None.

    One flush instead of a thousand fsyncs, each of which waits for the disk's journal.
    Failed writes are reported from Linux 5.8 on.
    """
    try:
        import ctypes

        libc_syncfs = ctypes.CDLL(None, use_errno=True).syncfs
    except (ImportError, OSError, AttributeError):
        return None

    def syncfs(directory: Path) -> None:
        fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        try:
            if libc_syncfs(fd) != 0:
                number = ctypes.get_errno()
                raise OSError(number, os.strerror(number), str(directory))
        finally:
            os.close(fd)

    return syncfs


class AtomicJSONStorage(Storage):
    """TinyDB storage in a JSON file that a kill at any moment cannot leave half-written.

    Each write goes to a temp file in the same directory, is fsynced, renamed over the
    target and the directory fsynced. No file handle is kept open between calls.
    A missing or empty file reads as None (an empty database); anything else that is not
    an object of tables raises DamagedFileError, so the caller decides what to do with it,
    and something other than a regular file in its place raises OSError.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        super().__init__()
        self.path = Path(path)

    def read(self) -> dict[str, dict[str, Any]] | None:
        """The file's tables, or None when the file is missing or empty."""
        raw = read_regular(self.path)
        return None if raw is None else parse_tables(self.path, raw)

    def write(self, data: Mapping[str, Mapping[str, object]]) -> None:
        """Replace the file with `data`; serialising first, so a bad value touches nothing."""
        atomic_write_bytes(self.path, json_payload(data))

    def close(self) -> None:
        """Nothing to release: no handle is held between reads and writes."""
