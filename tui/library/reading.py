"""Reading a JSON file from outside: a regular file only, size-capped, duplicate keys refused."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

from tui.library.record import LibraryError, quoted

_KINDS = {
    stat.S_IFDIR: "a directory",
    stat.S_IFIFO: "a FIFO",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}


class _DuplicateKey(ValueError):
    pass


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return result


def _constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    # O_NONBLOCK so that opening a FIFO with no writer returns at once instead of hanging.
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except FileNotFoundError:
        raise LibraryError(f"{path}: no such file") from None
    except OSError as error:
        raise LibraryError(f"{path}: cannot read: {error.strerror or error}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = _KINDS.get(stat.S_IFMT(info.st_mode), "not a regular file")
            raise LibraryError(f"{path}: is {kind}, not a regular file")
        if info.st_size > max_bytes:
            raise LibraryError(f"{path}: larger than the {max_bytes // 1_000_000} MB limit")
        chunks: list[bytes] = []
        size = 0
        while size <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as error:
        raise LibraryError(f"{path}: cannot read: {error.strerror or error}") from None
    finally:
        os.close(fd)
    if size > max_bytes:  # it grew while we read it
        raise LibraryError(f"{path}: larger than the {max_bytes // 1_000_000} MB limit")
    return b"".join(chunks)


def read_json(path: Path, max_bytes: int) -> object:
    """The parsed JSON in `path`, or a one-line `LibraryError` naming the file.

    Refuses anything but a regular file (a FIFO would hang a plain open), files over
    `max_bytes`, text that is not UTF-8, duplicate keys in an object, NaN and Infinity,
    numbers with more digits than Python converts, and nesting deeper than Python's
    recursion limit. This is the library's only way of reading a file from outside; it is
    meant to give way to loosen's shared strict reader for untrusted files when there is one.
    """
    raw = _read_bytes(path, max_bytes)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise LibraryError(f"{path}: not UTF-8 text (byte {error.start})") from None
    try:
        return json.loads(text, object_pairs_hook=_object, parse_constant=_constant)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        raise LibraryError(f"{path}: invalid JSON at {where}: {error.msg}") from None
    except _DuplicateKey as error:
        raise LibraryError(f"{path}: duplicate key {quoted(str(error))} in an object") from None
    except RecursionError:
        raise LibraryError(f"{path}: nested too deeply") from None
    except ValueError as error:  # too many digits, NaN, Infinity
        raise LibraryError(f"{path}: invalid JSON: {' '.join(str(error).split())}") from None
