"""A TinyDB storage that replaces its file atomically and durably on every write."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

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


def atomic_write_bytes(path: Path, payload: bytes) -> None:
    """Replace `path` with `payload`: readers see the old or the new file, never a mix."""
    temp = temp_name(path)
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, FILE_MODE)
    try:
        try:
            os.fchmod(fd, FILE_MODE)  # the umask may have taken bits away; never adds any
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


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
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        atomic_write_bytes(self.path, payload)

    def close(self) -> None:
        """Nothing to release: no handle is held between reads and writes."""
